"""Paragraphs and drafts: ids, versions, tombstones, chapeaux, options, moves, renumbering."""

from __future__ import annotations

import re

import pytest

from consensus_text.errors import ParagraphNotFoundError, ValidationError
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

OP = ParagraphKind.OPERATIVE
PP = ParagraphKind.PREAMBULAR


def para(pid: str, label: str | None, text: str = "text;", **kw: object) -> Paragraph:
    kind = kw.pop("kind", OP)
    return Paragraph(pid, kind, text, label=None if label is None else Label.parse(label), **kw)  # type: ignore[arg-type]


@pytest.fixture
def draft() -> Draft:
    return Draft(
        title="PoA",
        symbol="A/AC.292/2025/L.1",
        paragraphs=(
            para("pp1", "PP1", "Recalling resolution 77/37,", kind=PP),
            para("h1", None, "I. Structure", kind=ParagraphKind.HEADING),
            para("p1", "1", "Decides to establish the PoA;"),
            para("p2", "2", "Decides that the PoA shall:"),
            para("p2a", "(a)", "hold annual meetings;", parent="p2"),
            para("p2ai", "(i)", "in New York;", parent="p2a"),
            para("p2b", "(b)", "hold review conferences;", parent="p2"),
            para("p2bis", "2 bis", "[Requests the Secretariat to support it;]"),
            para("p3", "3", "Decides to review it."),
        ),
    )


def test_lookup_by_id_and_label(draft: Draft) -> None:
    assert draft.paragraph("p1").text == "Decides to establish the PoA;"
    assert draft.by_label("2 bis").id == "p2bis"
    assert draft.by_label("(i)", parent="p2a").id == "p2ai"
    assert "p3" in draft and "nope" not in draft
    assert len(draft) == 9


def test_unknown_paragraph_errors_name_it(draft: Draft) -> None:
    with pytest.raises(ParagraphNotFoundError, match="'p9'"):
        draft.paragraph("p9")
    with pytest.raises(ParagraphNotFoundError, match="'7'"):
        draft.by_label("7")
    with pytest.raises(KeyError):
        draft.paragraph("p9")


def test_structure_navigation(draft: Draft) -> None:
    assert [p.id for p in draft.children("p2")] == ["p2a", "p2b"]
    assert [p.id for p in draft.descendants("p2")] == ["p2a", "p2ai", "p2b"]
    assert [p.id for p in draft.ancestors("p2ai")] == ["p2a", "p2"]
    section = draft.section_of("p2bis")
    assert section is not None and section.text == "I. Structure"
    assert draft.section_of("pp1") is None
    assert [p.id for p in draft.numbered()][:2] == ["pp1", "p1"]


def test_versions_and_tombstones(draft: Draft) -> None:
    p1 = draft.paragraph("p1")
    amended = p1.with_text("Decides to establish [a][the] PoA;")
    assert (amended.version, amended.id) == (2, "p1")
    assert amended.tree.alternative_groups == 1
    gone = amended.as_tombstone()
    assert gone.deleted and gone.version == 2
    assert gone.restored().text == amended.text
    draft2 = draft.replaced(gone)
    assert "p1" not in [p.id for p in draft2.active()]
    assert draft2.paragraph("p1").deleted
    relabelled = p1.with_label(Label.parse("1 bis"))
    assert relabelled.version == 1


def test_insert_and_move_keep_the_block(draft: Draft) -> None:
    inserted = draft.inserted(para("new", "3 bis", "New text;"), after="p3")
    assert [p.id for p in inserted][-2:] == ["p3", "new"]
    at_start = draft.inserted(para("first", "-1", "First;"), after="")
    assert at_start.paragraphs[0].id == "first"
    moved = draft.moved("p2", after="p3")
    assert [p.id for p in moved][-5:] == ["p3", "p2", "p2a", "p2ai", "p2b"]
    with pytest.raises(ValidationError, match="itself"):
        draft.moved("p2", after="p2a")


def test_draft_validation() -> None:
    with pytest.raises(ValidationError, match="twice"):
        Draft(paragraphs=(para("a", "1"), para("a", "2")))
    with pytest.raises(ValidationError, match="parent 'zz'"):
        Draft(paragraphs=(para("a", "(a)", parent="zz"),))
    with pytest.raises(ValidationError, match="non-empty"):
        para(" a", "1")
    with pytest.raises(ValidationError, match="1 or more"):
        Paragraph("a", OP, "x", version=0)


def test_option_groups(draft: Draft) -> None:
    group = OptionGroup(
        "g1",
        (Option("Option 1", ("p3",), attribution=("EU",)), Option("Option 2: No text")),
    )
    with_group = draft.with_option_group(group)
    found = with_group.option_of("p3")
    assert found is not None and found[1].label == "Option 1"
    assert group.options[1].is_no_text
    assert with_group.option_group("g1").paragraph_ids == ("p3",)
    assert with_group.without_option_group("g1").option_groups == ()
    with pytest.raises(ValidationError, match="at least two"):
        OptionGroup("g2", (Option("Option 1", ("p3",)),))
    with pytest.raises(ValidationError, match="'p404'"):
        draft.with_option_group(OptionGroup("g3", (Option("A", ("p404",)), Option("B"))))
    with pytest.raises(ValidationError, match="known groups: g1"):
        with_group.option_group("zz")


def test_renumbering_drops_suffixes_per_kind_and_level(draft: Draft) -> None:
    renumbered, mapping = draft.renumbered()
    labels = [p.display_label for p in renumbered]
    assert labels == ["PP1", "", "1", "2", "(a)", "(i)", "(b)", "3", "4"]
    assert mapping == {"PP1": "PP1", "1": "1", "2": "2", "2 bis": "3", "3": "4"}


# -- text that UTF-8 cannot encode -----------------------------------------------------------------

SURROGATE_CASES = [
    ("\ud800", "U+D800", 1),
    ("Decides \udfff;", "U+DFFF", 9),
    ("a\udbffb", "U+DBFF", 2),
    ("😀 \ud83d\ude00", "U+D83D", 3),  # a UTF-16 pair left as two code points
]


@pytest.mark.parametrize(("text", "code", "character"), SURROGATE_CASES)
def test_lone_surrogates_are_refused_with_their_position(
    text: str, code: str, character: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        Paragraph("p1", OP, text)
    message = str(caught.value)
    assert f"text holds the unpaired surrogate {code} at character {character}" in message
    assert f"remove or replace the unpaired surrogate at character {character}" in message
    with pytest.raises(ValidationError, match=re.escape(code)):
        para("p1", "1").with_text(text)


def test_a_surrogate_pair_gets_a_hint_to_combine_it() -> None:
    with pytest.raises(ValidationError) as caught:
        Paragraph("p1", OP, "x\ud83d\ude00")
    assert "surrogatepass" in str(caught.value)


@pytest.mark.parametrize("field", ["title", "symbol"])
def test_draft_title_and_symbol_refuse_lone_surrogates(field: str) -> None:
    with pytest.raises(ValidationError, match=rf"{field} holds the unpaired surrogate U\+DC00"):
        Draft(**{field: "A/\udc00"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "char", ["\ufeff", "\ufffe", "\uffff", "\ufffd", "\U0010ffff", "\U0001f600", "\x00", "\u202e"]
)
def test_every_encodable_character_is_accepted(char: str) -> None:
    assert Paragraph("p1", OP, f"x{char}y").text == f"x{char}y"
    assert Draft(title=char, symbol=char).title == char
