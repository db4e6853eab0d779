"""Bracketed DOCX: structure, styles, labels, brackets, footnotes, shading, status table, errors."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest
from docx_testkit import W, footnote_texts, open_docx, part, part_names, snapshot_v1

import consensus_text.io.docx as docx_export
from consensus_text.errors import ExportError, ValidationError
from consensus_text.io.docx import ExportOptions, ShadingColours, export_bracketed_docx
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind

STATUSES = {
    "pp1": "pending",
    "op1": "blocked",
    "op2": "consensus_ready",
    "op2a": "agreed_ad_referendum",
}


def export(snapshot: object = None, **kw: object) -> bytes:
    buffer = io.BytesIO()
    export_bracketed_docx(snapshot or snapshot_v1(), buffer, **kw)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.fixture(scope="module")
def plain() -> bytes:
    return export()


@pytest.fixture(scope="module")
def shaded() -> bytes:
    options = ExportOptions(shading=ShadingColours({"blocked": "#FF0000"}), status_table=True)
    return export(
        statuses=STATUSES, status_reasons={"op1": ["RUS objects to paragraph 1"]}, options=options
    )


def test_public_names_are_complete() -> None:
    public = {name for name in dir(docx_export) if not name.startswith("_")} - {"annotations"}
    modules = {name for name in public if type(getattr(docx_export, name)).__name__ == "module"}
    assert sorted(public - modules) == docx_export.__all__


def test_lines_styles_and_labels(plain: bytes) -> None:
    lines = [(p.style.name, p.text) for p in open_docx(plain).paragraphs]
    assert lines == [
        ("CT Symbol", "A/AC.292/2025/L.1"),
        ("CT Revision", "Rev.1 · 3 March 2025"),
        ("CT Title", "Programme of Action on ICT security"),
        ("CT Preambular", "PP1\tRecalling its resolution 77/37 [of 7 December 2022],"),
        ("CT Preambular", "PP2\tNoting the [report][reports] of the Secretary-General,"),
        ("CT Heading", "I. Scope"),
        ("CT Operative", "1.\tDecides to [establish][convene] a PoA [Placeholder for finance];"),
        ("CT Operative", "2.\tRequests:"),
        ("CT Subparagraph", "(a)\tannual meetings;"),
        ("CT Subparagraph", "(b)\ta review conference in 20XX;"),
        (
            "CT Operative",
            "3.\tEncourages States to [shall/should] act, as set out in paragraph 2 above;",
        ),
        ("CT Operative", "3 bis.\tInvites [further] contributions;"),
        ("CT Option", "Option 1:"),
        ("CT Operative", "4.\tAlso decides to review the PoA."),
        ("CT Option", "Option 2: No text"),
        ("CT End Line", "__________"),
    ]


def test_styles_are_real_word_styles_with_hanging_indents(plain: bytes) -> None:
    styles = part(plain, "word/styles.xml")
    by_name = {s.find(W + "name").get(W + "val"): s for s in styles.iter(W + "style")}
    for name in ("CT Operative", "CT Preambular", "CT Subparagraph", "CT Heading", "CT Title"):
        assert name in by_name
    indent = by_name["CT Operative"].find(f"{W}pPr/{W}ind")
    assert indent is not None and indent.get(W + "hanging") == indent.get(W + "left")
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(W + "ascii") == "Times New Roman"
    body = part(plain, "word/document.xml")
    assert not [t.text for t in body.iter(W + "t") if t.text and t.text.startswith("  ")]


def test_first_word_of_pp_and_op_is_italic(plain: bytes) -> None:
    document = open_docx(plain)
    italic = [run.text for p in document.paragraphs for run in p.runs if run.italic]
    assert italic[:4] == ["Recalling", "Noting", "Decides", "Requests"]
    assert "annual" not in italic  # sub-paragraphs are not italicised


def test_footnotes_attribute_brackets_paragraphs_and_options(plain: bytes) -> None:
    assert footnote_texts(plain) == [
        "Proposed by EU.",
        "Paragraph proposed by G77.",
        "Proposed by USA.",
        "Option proposed by EU.",
    ]
    body = part(plain, "word/document.xml")
    references = [el.get(W + "id") for el in body.iter(W + "footnoteReference")]
    assert references == ["1", "2", "3", "4"]
    settings = part(plain, "word/settings.xml")
    assert settings.find(f"{W}footnotePr") is not None


def test_placeholders_have_their_character_style(plain: bytes) -> None:
    document = open_docx(plain)
    styled = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.style.name == "CT Placeholder"
    ]
    assert styled == ["[Placeholder for finance]", "20XX"]


@pytest.mark.parametrize(
    ("mode", "expected", "notes"),
    [
        ("inline", "PP1\tRecalling its resolution 77/37 [of 7 December 2022]{EU},", 0),
        ("none", "PP1\tRecalling its resolution 77/37 [of 7 December 2022],", 0),
    ],
)
def test_attribution_modes(mode: str, expected: str, notes: int) -> None:
    data = export(options=ExportOptions(attribution=mode))  # type: ignore[arg-type]
    assert open_docx(data).paragraphs[3].text == expected
    assert ("word/footnotes.xml" in part_names(data)) is bool(notes)


def test_shading_by_status_with_configured_colours(shaded: bytes) -> None:
    body = part(shaded, "word/document.xml").find(W + "body")
    fills = {}
    for p in body.iterchildren(W + "p"):
        shd = p.find(f"{W}pPr/{W}shd")
        label = next(p.iter(W + "t")).text
        if shd is not None:
            fills[label] = shd.get(W + "fill")
    assert fills == {"PP1": "FFF2CC", "1.": "FF0000", "2.": "E2EFDA", "(a)": "DDEBF7"}


def test_status_table_lists_status_and_reasons(shaded: bytes) -> None:
    table = open_docx(shaded).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Paragraph", "Status", "Reasons"]
    assert ["1", "Blocked", "RUS objects to paragraph 1"] in rows
    assert ["2 (a)", "Agreed ad referendum", ""] in rows
    assert len(rows) == 1 + len(STATUSES)


def test_symbol_in_header_after_the_first_page(plain: bytes) -> None:
    header = part(plain, "word/header1.xml")
    assert "".join(t.text or "" for t in header.iter(W + "t")) == "A/AC.292/2025/L.1"
    sect = part(plain, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert sect.find(W + "titlePg") is not None


def test_writes_a_path_atomically(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"old")
    export_bracketed_docx(snapshot_v1(), target)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_bracketed_docx(snapshot_v1(), tmp_path / "nowhere" / "draft.docx")


def test_output_is_deterministic() -> None:
    assert export() == export()


@pytest.mark.parametrize(
    ("text", "character", "position"),
    [
        ("Decides\x00 to act;", "U+0000", 8),
        ("Decides to\x0b act;", "U+000B", 11),
        ("Decides to act\ufffe;", "U+FFFE", 15),
    ],
)
def test_characters_xml_cannot_hold_name_the_paragraph(
    text: str, character: str, position: int
) -> None:
    snapshot = snapshot_v1()
    bad = attrs.evolve(snapshot.draft.paragraph("op3b"), text=text)
    snapshot = attrs.evolve(snapshot, draft=snapshot.draft.replaced(bad))
    with pytest.raises(ExportError) as info:
        export(snapshot)
    message = str(info.value)
    assert f"paragraph 3 bis (id 'op3b') contains {character}" in message
    assert f"at character {position}" in message
    assert "remove or replace it" in message


def test_lone_surrogates_never_reach_the_exporter() -> None:
    """The model refuses them (UTF-8 cannot encode them), naming the character, before export."""
    paragraph = snapshot_v1().draft.paragraph("op3b")
    with pytest.raises(ValidationError, match=r"surrogate U\+D800 at character 9"):
        attrs.evolve(paragraph, text="Decides \ud800 to act;")


def test_bad_title_is_named() -> None:
    snapshot = snapshot_v1()
    snapshot = attrs.evolve(snapshot, draft=attrs.evolve(snapshot.draft, title="Pro\x01gramme"))
    with pytest.raises(ExportError, match="the title contains U\\+0001"):
        export(snapshot)


def test_tabs_and_newlines_become_word_tabs_and_breaks() -> None:
    from consensus_text.model.snapshot import Snapshot

    draft = Draft(paragraphs=(Paragraph("p", ParagraphKind.OPERATIVE, "a\tb\nc;", label=Label(1)),))
    body = part(export(Snapshot(draft=draft)), "word/document.xml")
    assert len(list(body.iter(W + "br"))) == 1
    assert len(list(body.iter(W + "tab"))) == 2  # after the label, and in the text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"paper": "a5"}, "paper"),
        ({"size": 100}, "font size"),
        ({"attribution": "margin"}, "attribution"),
    ],
)
def test_options_are_validated(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises((ValidationError, ValueError), match=message):
        ExportOptions(**kwargs)  # type: ignore[arg-type]


def test_bad_shading_colour() -> None:
    with pytest.raises(ValidationError, match="not a hex RGB value"):
        ShadingColours({"pending": "yellow"})
