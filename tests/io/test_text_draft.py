"""The plain-text / Markdown draft format: each construct, each diagnostic, files, the writer."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import consensus_text.io.text as text_module
from consensus_text.errors import ExportError, FormatError, ParseError, UnsafeInputError
from consensus_text.io.text import (
    DraftStats,
    read_text_draft,
    read_text_file,
    write_text_draft,
)
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "drafts"

PP = ParagraphKind.PREAMBULAR
OP = ParagraphKind.OPERATIVE
HEADING = ParagraphKind.HEADING


def rows(text: str) -> list[tuple[str, str, str, str | None]]:
    """(id, kind, label, parent) of every paragraph."""
    draft = read_text_draft(text).draft
    return [(p.id, p.kind.value, p.display_label, p.parent) for p in draft]


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in read_text_draft(text).diagnostics]


# -- title, symbol, headings ---------------------------------------------------------------------


def test_title_and_symbol() -> None:
    result = read_text_draft("# Programme of Action\nSymbol: A/AC.292/2025/L.1\n\n1. Decides;\n")
    assert result.draft.title == "Programme of Action"
    assert result.draft.symbol == "A/AC.292/2025/L.1"
    assert [p.text for p in result.draft] == ["Decides;"]
    assert result.is_clean


def test_symbol_without_title_and_title_only_first() -> None:
    draft = read_text_draft("Symbol: A/RES/77/37\n\n# Annex\n\n1. Decides;").draft
    assert (draft.title, draft.symbol) == ("", "A/RES/77/37")
    assert [(p.kind, p.text) for p in draft] == [(HEADING, "Annex"), (OP, "Decides;")]


def test_symbol_line_after_the_first_paragraph_is_text() -> None:
    draft = read_text_draft("1. Decides;\n\nSymbol: A/RES/77/37").draft
    assert draft.symbol == ""
    assert draft.paragraphs[1].text == "Symbol: A/RES/77/37"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("## I. Organizational issues", "I. Organizational issues"),
        ("### II. Scope ###", "II. Scope"),
        ("  ## Annex", "Annex"),
        ("## C#", "C#"),
        ("##", ""),
    ],
)
def test_headings(line: str, text: str) -> None:
    draft = read_text_draft(f"1. Decides;\n\n{line}\n\n2. Requests;").draft
    heading = draft.paragraphs[1]
    assert (heading.kind, heading.text, heading.label) == (HEADING, text, None)


def test_heading_interrupts_a_paragraph_and_ends_the_sub_paragraphs() -> None:
    text = "1. Requests:\n(a) reports;\n## II. Other\n(b) meetings;"
    assert rows(text) == [
        ("p1", "operative", "1", None),
        ("p2", "operative", "(a)", "p1"),
        ("p3", "heading", "", None),
        ("p4", "operative", "(b)", None),
    ]


# -- paragraphs and labels -------------------------------------------------------------------------


def test_wrapped_paragraph_is_joined_with_single_spaces() -> None:
    text = "1. Decides to establish\n   a programme of action   \n\tas a permanent mechanism;\n"
    (paragraph,) = read_text_draft(text).draft.paragraphs
    assert paragraph.text == "Decides to establish a programme of action as a permanent mechanism;"


def test_a_label_starts_a_paragraph_without_a_blank_line() -> None:
    text = "1. Decides to meet\nannually;\n2. Requests a report;\n2 bis. Requests [also] a portal;"
    draft = read_text_draft(text).draft
    assert [(str(p.label), p.text) for p in draft] == [
        ("1", "Decides to meet annually;"),
        ("2", "Requests a report;"),
        ("2 bis", "Requests [also] a portal;"),
    ]


def test_a_year_in_a_wrapped_paragraph_is_not_a_label() -> None:
    text = (
        "1. Decides to convene a review conference in\n2026. The conference shall last five days;"
    )
    (paragraph,) = read_text_draft(text).draft.paragraphs
    assert paragraph.text.endswith("in 2026. The conference shall last five days;")


@pytest.mark.parametrize(
    ("line", "label", "kind"),
    [
        ("PP1. Recalling resolution 77/37,", "PP1", PP),
        ("PP 1 bis. Recalling also,", "PP1 bis", PP),
        ("1. Decides;", "1", OP),
        ("12 bis. Decides;", "12 bis", OP),
        ("12 decies. Decides;", "12 decies", OP),
        ("-1. Decides;", "-1", OP),
        ("OP3. Decides;", "OP3", OP),
    ],
)
def test_top_level_labels(line: str, label: str, kind: ParagraphKind) -> None:
    (paragraph,) = read_text_draft(line).draft.paragraphs
    assert (str(paragraph.label), paragraph.kind) == (label, kind)
    assert paragraph.text == line.split(". ", 1)[1]


@pytest.mark.parametrize(
    "line",
    [
        "1.5 per cent of the budget",
        "(OEWG) 2019-2021 report",
        "etc. and so on",
        "I. Scope",
        "A. Scope",
    ],
)
def test_look_alike_labels_are_text(line: str) -> None:
    (paragraph,) = read_text_draft(line).draft.paragraphs
    assert (paragraph.label, paragraph.text) == (None, line)


def test_sub_paragraph_hierarchy() -> None:
    text = """1. Decides that the PoA shall:
(a) hold meetings:
(i) annual meetings;
(ii) review conferences on:
a. norms;
b. international law, including:
i. humanitarian law;
ii. human rights law;
(iii) intersessional meetings;
(b) adopt reports by consensus;
2. Requests a report."""
    assert rows(text) == [
        ("p1", "operative", "1", None),
        ("p2", "operative", "(a)", "p1"),
        ("p3", "operative", "(i)", "p2"),
        ("p4", "operative", "(ii)", "p2"),
        ("p5", "operative", "a.", "p4"),
        ("p6", "operative", "b.", "p4"),
        ("p7", "operative", "i.", "p6"),
        ("p8", "operative", "ii.", "p6"),
        ("p9", "operative", "(iii)", "p2"),
        ("p10", "operative", "(b)", "p1"),
        ("p11", "operative", "2", None),
    ]
    assert read_text_draft(text).is_clean


def test_sub_paragraphs_of_a_preambular_chapeau_are_preambular() -> None:
    text = "PP1. Recalling the principles:\n(a) sovereign equality;\n\n1. Decides;"
    draft = read_text_draft(text).draft
    assert [p.kind for p in draft] == [PP, PP, OP]


def letters(n: int) -> str:
    return "\n".join(f"({chr(ord('a') + k)}) item {k + 1};" for k in range(n))


@pytest.mark.parametrize(
    ("text", "label", "style", "parent"),
    [
        # "(i)" after "(h)" continues the letters
        ("1. Decides:\n" + letters(8) + "\n(i) ninth item;", "(i)", LabelStyle.LETTER, "p1"),
        # ... but under a chapeau "(h) ...:" it starts the Roman numerals
        ("1. Decides:\n" + letters(7) + "\n(h) eighth:\n(i) first;", "(i)", LabelStyle.ROMAN, "p9"),
        ("1. Decides:\n" + letters(21) + "\n(v) item;", "(v)", LabelStyle.LETTER, "p1"),
        (
            "1. Decides:\n(a) item:\n(i) a;\n(ii) b;\n(iii) c;\n(iv) d;\n(v) e;",
            "(v)",
            LabelStyle.ROMAN,
            "p2",
        ),
        ("1. Decides:\n" + letters(23) + "\n(x) item;", "(x)", LabelStyle.LETTER, "p1"),
        ("1. Decides:\n(i) first;", "(i)", LabelStyle.ROMAN, "p1"),
        (
            "1. Decides:\n(a) item:\na. x:\nb. y;\nc. z;\nd. w;\ne. v;\nf. u;\ng. t;\nh. s;\ni. r;",
            "i.",
            LabelStyle.LETTER_DOT,
            "p2",
        ),
    ],
)
def test_letter_or_roman_by_context(text: str, label: str, style: LabelStyle, parent: str) -> None:
    result = read_text_draft(text)
    last = result.draft.paragraphs[-1]
    assert (str(last.label), last.label.style if last.label else None, last.parent) == (
        label,
        style,
        parent,
    )
    assert [d.code for d in result.diagnostics if d.code != "subparagraph-without-chapeau"] == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Recalling resolution 77/37\n\nDecides;", [PP, OP]),
        ("Convinced of the need for dialogue\n\nDecides;", [PP, OP]),
        ("Further recalling its decision\n\nDecides;", [PP, OP]),
        ("The General Assembly,\n\nDecides;", [PP, OP]),
        ("[Welcoming the consultations,]\n\nDecides;", [PP, OP]),
        ("Decides to act;\n\nRecalling resolution 77/37,", [OP, OP]),
        ("1. Decides;\n\nNoting the consultations,", [OP, OP]),
        ("During the session the PoA shall meet\n\nDecides;", [OP, OP]),
    ],
)
def test_unlabelled_preambular_or_operative(text: str, kinds: list[ParagraphKind]) -> None:
    assert [p.kind for p in read_text_draft(text).draft] == kinds


# -- options ---------------------------------------------------------------------------------


def test_named_options_with_no_text() -> None:
    text = """1. Decides;

Option 1 {EU}:
2. Invites stakeholders [on a non-objection basis];
(a) with limited speaking rights;
Option 2: No text

3. Requests a report."""
    draft = read_text_draft(text).draft
    (group,) = draft.option_groups
    assert group == OptionGroup(
        "g1",
        (Option("Option 1", ("p2", "p3"), ("EU",)), Option("Option 2", (), ())),
    )
    assert group.options[1].is_no_text
    assert draft.option_of("p4") is None
    assert draft.paragraph("p3").parent == "p2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Alt 1:\n1. Decides A;\nAlt 2:\n1. Decides B;\nEnd of options\n\n2. Requests;",
            [("g1", ["Alt 1", "Alt 2"], [("p1",), ("p2",)])],
        ),
        (
            "Option (a): 1. Decides A;\nOption (b): Decides B;\n## II. Next\n2. Requests;",
            [("g1", ["Option (a)", "Option (b)"], [("p1",), ("p2",)])],
        ),
        (
            "Alternative 1:\n1. A;\n2. B;\nAlternative 2:\n1. C;\nOption 1:\n3. D;\nOption 2:\n3. E;",
            [
                ("g1", ["Alternative 1", "Alternative 2"], [("p1", "p2"), ("p3",)]),
                ("g2", ["Option 1", "Option 2"], [("p4",), ("p5",)]),
            ],
        ),
        (
            "Option 1:\n1. A;\nOption 2:\n1. B;\nOption 1:\n2. C;\nOption 2: [No text]\n3. D;",
            [
                ("g1", ["Option 1", "Option 2"], [("p1",), ("p2",)]),
                ("g2", ["Option 1", "Option 2"], [("p3",), ()]),
            ],
        ),
    ],
)
def test_option_groups(
    text: str, expected: list[tuple[str, list[str], list[tuple[str, ...]]]]
) -> None:
    result = read_text_draft(text)
    got = [
        (g.id, [o.label for o in g.options], [o.paragraph_ids for o in g.options])
        for g in result.draft.option_groups
    ]
    assert got == expected
    assert result.is_clean


def test_option_attribution_after_the_colon() -> None:
    draft = read_text_draft("Option 1: {G77, AGN}\n1. A;\nOption 2 {EU}:\n1. B;").draft
    assert [o.attribution for o in draft.option_groups[0].options] == [("G77", "AGN"), ("EU",)]


def test_option_groups_count_as_alternatives() -> None:
    result = read_text_draft("Option 1:\n1. [shall][should];\nOption 2: No text")
    assert result.stats.alternative_groups == 2


# -- attribution, ids, footnotes, escapes -------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "attribution"),
    [
        ("1. Decides to act; {EU, G77}", "Decides to act;", ("EU", "G77")),
        ("1. Decides to act;{EU}", "Decides to act;{EU}", ()),
        ("1. Decides [to act]{EU};", "Decides [to act]{EU};", ()),
        ("1. [Decides to act;] {USA}", "[Decides to act;]", ("USA",)),
        ("1. Decides [X] {Placeholder}", "Decides [X] {Placeholder}", ()),
        ("1. Decides; {EU; AOSIS}", "Decides;", ("EU", "AOSIS")),
    ],
)
def test_paragraph_attribution(line: str, text: str, attribution: tuple[str, ...]) -> None:
    (paragraph,) = read_text_draft(line).draft.paragraphs
    assert (paragraph.text, paragraph.attribution) == (text, attribution)


def test_ids_in_reading_order() -> None:
    draft = read_text_draft("## I\n\nPP1. Recalling,\n\n1. Decides:\n(a) x;").draft
    assert [p.id for p in draft] == ["p1", "p2", "p3", "p4"]


def test_footnote_definitions_are_not_paragraphs() -> None:
    result = read_text_draft(
        "1. Decides to build on the OEWG report[^1];\n\n[^1]: A/76/135,\nparagraph 74."
    )
    assert len(result.draft) == 1
    assert result.footnotes == (("1", "A/76/135, paragraph 74."),)
    assert "[^1]: A/76/135, paragraph 74." in write_text_draft(
        result.draft, footnotes=result.footnotes
    )


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("\\2025. A review year.", "2025. A review year."),
        ("\\## not a heading", "## not a heading"),
        ("\\Option 1: not an option", "Option 1: not an option"),
        ("\\\\server\\share", "\\server\\share"),
        ("\\", ""),
    ],
)
def test_backslash_escapes_structure(line: str, text: str) -> None:
    (paragraph,) = read_text_draft(line).draft.paragraphs
    assert (paragraph.label, paragraph.text) == (None, text)


def test_crlf_and_byte_order_mark() -> None:
    result = read_text_draft("\ufeff# PoA\r\n\r\n1. Decides [to act;\r\n")
    assert result.draft.title == "PoA"
    assert [(d.line, d.column) for d in result.diagnostics] == [(3, 12)]


# -- stats -------------------------------------------------------------------------------------


def test_stats() -> None:
    text = """## I. Scope

1. States [shall][should] [strengthen [further [their]]]{EU} cooperation by 20XX;

2. Requests [Placeholder for finance] and [X] [shall/should];"""
    assert read_text_draft(text).stats == DraftStats(
        paragraphs=2, brackets=6, alternative_groups=2, max_depth=3, placeholders=3
    )


# -- diagnostics, with the file's line and column ------------------------------------------------

DIAGNOSTICS = [
    # a bracket problem on the second line of a wrapped, indented paragraph
    (
        "1. Decides to [establish]\n    a mechanism]];",
        [(2, 16, "unmatched-close"), (2, 17, "unmatched-close")],
    ),
    ("\n\n  1. Decides to [establish a\n  mechanism;", [(3, 17, "unclosed-open")]),
    ("1. Decides [ ] to act;", [(1, 12, "empty-bracket")]),
    # a bracket left open and closed in a later paragraph
    (
        "1. Decides [to convene;\n\n2. Requests a report;\n\n3. Invites States;]",
        [(1, 12, "bracket-across-paragraphs")],
    ),
    ("Option 1:\n1. Decides;\nEnd of options", [(1, 1, "single-option")]),
    ("Option 1:\nOption 2:\n1. Decides;", [(1, 1, "empty-option")]),
    ("1. Decides;\n\n2. Requests;\n\n2. Invites;", [(5, 1, "duplicate-label")]),
    ("1. Decides;\n\n  (a) to act;", [(3, 3, "subparagraph-without-chapeau")]),
    ("(a) to act;", [(1, 1, "subparagraph-without-chapeau")]),
    ("## I\n\n(a) to act;", [(3, 1, "subparagraph-without-chapeau")]),
    ("1. A;\n7. B;\n5. C;\n6. D;", [(3, 1, "label-order")]),
    ("PP2. Recalling,\nPP1. Noting,\n1. Decides;", [(2, 1, "label-order")]),
    ("1. A:\n(b) x;\n(a) y;", [(3, 1, "label-order")]),
    ("1. Decides;\nEnd of options", [(2, 1, "end-without-options")]),
]


@pytest.mark.parametrize(("text", "expected"), DIAGNOSTICS)
def test_diagnostics(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert codes(text) == expected


def test_cross_paragraph_message() -> None:
    text = "1. Decides [to convene;\n\n2. Requests a report;\n\n3. Invites States;]"
    (diagnostic,) = read_text_draft(text).diagnostics
    assert diagnostic.message == "bracket opened at 1:12 is closed in a later paragraph at 5:19"
    assert "bracket the next paragraph separately" in (diagnostic.hint or "")


def test_same_label_in_two_options_is_no_duplicate_and_no_disorder() -> None:
    text = "4. A;\nOption 1:\n5. B;\n6. C;\nOption 2:\n5. D;\nEnd of options\n7. E;"
    assert codes(text) == []
    assert codes(text + "\n5. F;") == [(9, 1, "label-order"), (9, 1, "duplicate-label")]


def test_messages_say_what_and_how() -> None:
    result = read_text_draft("1. A;\n\n1. B;\n\n(a) c;")
    messages = [(d.message, d.hint) for d in result.diagnostics]
    assert messages[0][0] == "duplicate label '1', already used at 1:1"
    assert "1 bis" in (messages[0][1] or "")
    assert messages[1][0] == (
        "sub-paragraph '(a)' has no chapeau: the paragraph above it ('1') does not end with ':'"
    )


def test_diagnostics_are_sorted() -> None:
    text = "1. A ];\n\n3. B [;\n\n2. C;"
    lines = [(d.line, d.column) for d in read_text_draft(text).diagnostics]
    assert lines == sorted(lines)


def test_strict_raises_at_the_first_problem() -> None:
    text = "1. Decides;\n\n2. Requests the [Secretariat to report;\n\n2. Invites;"
    with pytest.raises(ParseError) as info:
        read_text_draft(text, source="draft.md", strict=True)
    assert (info.value.source, info.value.line, info.value.column) == ("draft.md", 3, 17)
    assert str(info.value).startswith("draft.md:3:17: '[' at line 3, column 17 is never closed")
    assert read_text_draft("1. Decides [to act];", strict=True).is_clean


def test_strict_reports_structural_problems_too() -> None:
    with pytest.raises(ParseError, match=r"^d\.md:3:1: duplicate label '1'"):
        read_text_draft("1. A;\n\n1. B;", source="d.md", strict=True)


# -- files -------------------------------------------------------------------------------------


def test_read_file_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(b"\xef\xbb\xbf# PoA\r\n\r\n1. Decides [to act;\r\n")
    result = read_text_file(path)
    assert result.source == str(path)
    assert result.draft.title == "PoA"
    assert [(d.line, d.column) for d in result.diagnostics] == [(3, 12)]
    with pytest.raises(ParseError, match=r"draft\.md:3:12: "):
        read_text_file(path, strict=True)


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"1. D\xc3\xa9cide;\n2. \xff;", r"bad\.md is not UTF-8: byte 0xff at byte offset 15"),
        (b"\xef\xbb\xbf1. \xe9", r"bad\.md is not UTF-8: byte 0xe9 at byte offset 6"),
        (b"PK\x03\x04\x00\x00", r"bad\.md is not a text file: NUL byte at byte offset 4"),
        (b"\xff\xfe1\x00.\x00", r"bad\.md is UTF-16 text"),
    ],
)
def test_unreadable_bytes(tmp_path: Path, data: bytes, pattern: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(FormatError, match=pattern):
        read_text_file(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"cannot read .*missing\.md: No such file"):
        read_text_file(tmp_path / "missing.md")
    with pytest.raises(FormatError, match="cannot read"):
        read_text_file(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_text("1. Decides;\n" * 100, encoding="utf-8")
    with pytest.raises(
        UnsafeInputError, match=r"big\.md is 1200 bytes, more than the limit of 1000"
    ):
        read_text_file(path, max_bytes=1000)
    assert len(read_text_file(path, max_bytes=1200).draft) == 100


def test_extracted_file_reports_original_lines(tmp_path: Path) -> None:
    path = tmp_path / "extracted.txt"
    path.write_text(
        "A/AC.292/2025/L.1\n"
        "1. Decides to estab-\n"
        "lishment of the PoA [as a permanent\n"
        "mechanism;\n"
        "\f- 2 -\n"
        "2. Requests the Secretariat1 to report;]]\n",
        encoding="utf-8",
    )
    result = read_text_file(path, extracted=True)
    assert result.cleanup is not None
    assert [p.text for p in result.draft] == [
        "Decides to establishment of the PoA [as a permanent mechanism;",
        "Requests the Secretariat[^1] to report;]]",
    ]
    assert [(c.line, c.kind) for c in result.cleanup.changes] == [
        (1, "page-header"),
        (2, "hyphenation"),
        (5, "form-feed"),
        (5, "page-number"),
        (6, "footnote-marker"),
    ]
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [
        (3, 21, "bracket-across-paragraphs"),
        (6, 41, "unmatched-close"),
    ]
    assert result.diagnostics[0].message == (
        "bracket opened at 3:21 is closed in a later paragraph at 6:40"
    )


# -- fixtures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["poa_zero_draft.md", "poa_rev1.md"])
def test_clean_fixtures(name: str) -> None:
    result = read_text_file(FIXTURES / name)
    assert result.is_clean, [str(d) for d in result.diagnostics]
    assert result.draft.symbol.startswith("A/AC.292/2025/")
    assert result.stats.brackets > 10 and result.stats.placeholders == 2
    assert result.draft.option_groups


def test_fixture_with_mistakes() -> None:
    result = read_text_file(FIXTURES / "poa_mistakes.md")
    assert sorted({d.code for d in result.diagnostics}) == [
        "bracket-across-paragraphs",
        "duplicate-label",
        "empty-bracket",
        "label-order",
        "single-option",
        "subparagraph-without-chapeau",
        "unclosed-open",
        "unmatched-close",
    ]


# -- the writer --------------------------------------------------------------------------------


def test_write_fixture_round_trip() -> None:
    for path in sorted(FIXTURES.glob("*.md")):
        draft = read_text_file(path).draft
        assert read_text_draft(write_text_draft(draft)).draft == draft, path.name


def test_write_leaves_tombstones_out() -> None:
    draft = Draft(
        paragraphs=(
            Paragraph("a", OP, "Decides;", label=Label.parse("1")),
            Paragraph("b", OP, "Requests;", label=Label.parse("2"), deleted=True),
        )
    )
    assert write_text_draft(draft) == "1. Decides;\n"


def test_write_rejects_what_the_format_cannot_hold() -> None:
    one = Paragraph("a", OP, "A;", label=Label.parse("1"))
    two = Paragraph("b", OP, "B;", label=Label.parse("2"))
    three = Paragraph("c", OP, "C;", label=Label.parse("3"))
    scattered = Draft(
        paragraphs=(one, two, three),
        option_groups=(OptionGroup("g", (Option("Option 1", ("a",)), Option("Option 2", ("c",)))),),
    )
    with pytest.raises(ExportError, match="not a run of consecutive paragraphs"):
        write_text_draft(scattered)
    badly_named = Draft(
        paragraphs=(one,),
        option_groups=(OptionGroup("g", (Option("Proposal A", ("a",)), Option("Option 2"))),),
    )
    with pytest.raises(ExportError, match="'Proposal A'"):
        write_text_draft(badly_named)
    bad_code = Draft(paragraphs=(Paragraph("a", OP, "A;", attribution=("the EU",)),))
    with pytest.raises(ExportError, match="attribution code 'the EU'"):
        write_text_draft(bad_code)


def test_write_option_groups_without_paragraphs_keep_their_order() -> None:
    text = "Option 1: No text\nOption 2: No text\n\nOption 1:\n1. A;\nOption 2:\n1. B;"
    draft = read_text_draft(text).draft
    assert [g.id for g in draft.option_groups] == ["g1", "g2"]
    assert read_text_draft(write_text_draft(draft)).draft == draft


def test_the_documented_example_reads_clean() -> None:
    doc = text_module.__doc__ or ""
    sample = textwrap.dedent(doc.split("::\n\n", 1)[1].split("\n\nIts rules", 1)[0])
    result = read_text_draft(sample)
    assert result.is_clean, [str(d) for d in result.diagnostics]
    draft = result.draft
    assert (draft.title, draft.symbol) == (
        "Programme of Action on ICT security",
        "A/AC.292/2025/L.1",
    )
    assert [p.kind for p in draft][:3] == [HEADING, PP, PP]
    assert draft.paragraph("p7").attribution == ("EU", "G77")
    assert draft.option_groups[0].options[0].attribution == ("EU",)


# -- characters the model refuses or the reader could misread ------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("1. Decides \ud800;", (1, 12), "unpaired surrogate U+D800"),
        ("# T\udc00\n\n1. x;", (1, 4), "unpaired surrogate U+DC00"),
        ("1. x;\n\n\udfff\udfff\udfff y", (3, 1), "3 unpaired surrogates (U+DFFF first)"),
        ("Option 1:\n1. [\ud800];\nOption 2: No text", (2, 5), "U+D800"),
    ],
    ids=["text", "title", "run", "option"],
)
def test_lone_surrogates_are_an_error_diagnostic_and_replaced(
    text: str, where: tuple[int, int], fragment: str
) -> None:
    result = read_text_draft(text, source="s.md")
    found = [d for d in result.diagnostics if d.code == "unpaired-surrogate"]
    assert [(d.line, d.column) for d in found] == [where]
    assert fragment in found[0].message
    assert found[0].severity == "error"
    assert f"line {where[0]}, column {where[1]}" in (found[0].hint or "")
    everything = result.draft.title + "".join(p.text for p in result.draft)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in everything)
    assert "\ufffd" in everything
    assert read_text_draft(write_text_draft(result.draft)).draft == result.draft
    with pytest.raises(ParseError) as caught:
        read_text_draft(text, source="s.md", strict=True)
    assert caught.value.source == "s.md"


@pytest.mark.parametrize(
    "text",
    ["\ufeff\ufeffx;", "\ufeff\ufeff1. Decides;", "\ufeff\ufeff## H", "PP1. a,\n\n\ufeffb"],
)
def test_a_leading_u_feff_of_a_paragraph_is_escaped_by_the_writer(text: str) -> None:
    """The reader drops one U+FEFF at the start as a byte order mark; the writer protects the next."""
    result = read_text_draft(text)
    written = write_text_draft(result.draft)
    assert not written.startswith("\ufeff")
    assert read_text_draft(written).draft == result.draft
    assert read_text_draft("\ufeff" + written).draft == result.draft


def test_many_options_in_one_group_are_one_group() -> None:
    text = "\n".join(f"Option {k}:\n{k}. x;" for k in range(1, 301)) + "\nEnd of options"
    result = read_text_draft(text)
    assert len(result.draft.option_groups) == 1
    assert len(result.draft.option_groups[0].options) == 300
    again = read_text_draft(text + "\nOption 1:\n301. y;\nOption 2: No text")
    assert len(again.draft.option_groups) == 2  # a repeated name starts a new group
