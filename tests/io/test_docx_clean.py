"""Clean DOCX: refusal while pending, the three policies, renumbering and cross-references."""

from __future__ import annotations

import datetime as dt
import io

import attrs
import pytest
from docx_testkit import UTC, W, open_docx, part, part_names, snapshot_v1

from consensus_text.errors import ExportError, PendingParagraphsError, ValidationError
from consensus_text.io.docx import PendingPolicy, export_clean_docx
from consensus_text.io.docx._references import rewrite_references
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
from consensus_text.model.snapshot import Snapshot


def export(snapshot: Snapshot, **kw: object) -> bytes:
    buffer = io.BytesIO()
    export_clean_docx(snapshot, buffer, **kw)  # type: ignore[arg-type]
    return buffer.getvalue()


def lines(data: bytes) -> list[str]:
    return [p.text for p in open_docx(data).paragraphs]


def test_refuses_while_paragraphs_are_pending_and_lists_them() -> None:
    with pytest.raises(PendingParagraphsError) as info:
        export(snapshot_v1())
    assert info.value.labels == ("PP1", "PP2", "1", "2 (b)", "3", "3 bis", "4")
    assert "choose a policy" in str(info.value)
    assert isinstance(info.value, ExportError)


def test_pending_chapeau_makes_its_subparagraphs_pending() -> None:
    with pytest.raises(PendingParagraphsError) as info:
        export(snapshot_v1(), pending={"op2"})
    assert info.value.labels == ("2", "2 (a)", "2 (b)")


def test_omit_leaves_pending_paragraphs_out() -> None:
    assert lines(export(snapshot_v1(), policy="omit")) == [
        "A/AC.292/2025/L.1",
        "Rev.1 · 3 March 2025",
        "Programme of Action on ICT security",
        "I. Scope",
        "2.\tRequests:",
        "(a)\tannual meetings;",
        "__________",
    ]


def test_keep_shows_pending_paragraphs_bracketed_and_the_rest_clean() -> None:
    out = lines(export(snapshot_v1(), pending={"op1"}, policy=PendingPolicy.KEEP))
    assert "1.\tDecides to [establish][convene] a PoA [Placeholder for finance];" in out
    assert "PP1\tRecalling its resolution 77/37 of 7 December 2022," in out
    assert "PP2\tNoting the report / reports of the Secretary-General," in out
    assert not any("Option" in line for line in out)  # op4 is not pending here


def test_keep_shows_option_labels_of_pending_options() -> None:
    out = lines(export(snapshot_v1(), policy="keep"))
    assert out[-4:] == [
        "Option 1:",
        "4.\tAlso decides to review the PoA.",
        "Option 2: No text",
        "__________",
    ]


def test_draft_policy_marks_the_document() -> None:
    data = export(snapshot_v1(), policy="draft")
    out = lines(data)
    assert out[3] == "Draft: 7 paragraphs not agreed"
    assert open_docx(data).paragraphs[3].style.name == "CT Draft Mark"
    header = part(data, "word/header1.xml")
    assert "DRAFT" in "".join(t.text or "" for t in header.iter(W + "t"))
    strings = [el.get("string") for el in header.iter("{urn:schemas-microsoft-com:vml}textpath")]
    assert "DRAFT" in strings  # the watermark


def test_unknown_policy() -> None:
    with pytest.raises(ValidationError, match="use 'omit', 'keep' or 'draft'"):
        export(snapshot_v1(), policy="hide")


def _adopted() -> Snapshot:
    lab = Label.parse
    draft = Draft(
        title="Final",
        paragraphs=(
            Paragraph(
                "pp1", ParagraphKind.PREAMBULAR, "Recalling resolution 77/37,", label=lab("PP1")
            ),
            Paragraph("a", ParagraphKind.OPERATIVE, "Decides to act;", label=lab("1")),
            Paragraph("b", ParagraphKind.OPERATIVE, "Requests:", label=lab("1 bis")),
            Paragraph("b1", ParagraphKind.OPERATIVE, "reports;", label=lab("(a)"), parent="b"),
            Paragraph("b2", ParagraphKind.OPERATIVE, "meetings;", label=lab("(a) bis"), parent="b"),
            Paragraph("x", ParagraphKind.OPERATIVE, "Gone;", label=lab("2"), deleted=True),
            Paragraph(
                "c",
                ParagraphKind.OPERATIVE,
                "Recalls paragraphs 1 bis (a) bis and 3 above and paragraph 3 of resolution 77/37;",
                label=lab("3"),
            ),
        ),
    )
    return Snapshot(draft=draft, adopted_at=dt.datetime(2025, 7, 1, tzinfo=UTC))


def test_adopted_text_is_renumbered_with_references_updated() -> None:
    assert lines(export(_adopted())) == [
        "Final",
        "PP1\tRecalling resolution 77/37,",
        "1.\tDecides to act;",
        "2.\tRequests:",
        "(a)\treports;",
        "(b)\tmeetings;",
        "3.\tRecalls paragraphs 2 (b) and 3 above and paragraph 3 of resolution 77/37;",
        "__________",
    ]


def test_renumbering_can_be_turned_off() -> None:
    out = lines(export(_adopted(), renumber=False))
    assert "1 bis.\tRequests:" in out


def test_renumbering_applies_to_omitted_texts_after_omission() -> None:
    snapshot = attrs.evolve(_adopted(), adopted_at=None)
    out = lines(export(snapshot, pending={"a"}, policy="omit", renumber=True))
    assert out[1:3] == ["PP1\tRecalling resolution 77/37,", "1.\tRequests:"]


@pytest.mark.parametrize(
    ("text", "mapping", "expected"),
    [
        ("paragraph 12 bis above", {"12 bis": "13"}, "paragraph 13 above"),
        ("paragraphs 3 to 5 below", {"3": "4", "5": "6"}, "paragraphs 4 to 6 below"),
        (
            "paragraphs 3, 4 and 7 bis of the present resolution",
            {"3": "2", "4": "3", "7 bis": "8"},
            "paragraphs 2, 3 and 8 of the present resolution",
        ),
        ("paragraph 12 (a) above", {"12": "11"}, "paragraph 11 (a) above"),
        ("paragraph 5 of resolution 77/37", {"5": "6"}, "paragraph 5 of resolution 77/37"),
        ("in paragraph 5, States", {"5": "6"}, "in paragraph 5, States"),
        ("Paragraph 2 Bis above", {"2 bis": "3"}, "Paragraph 3 above"),
    ],
)
def test_rewrite_references(text: str, mapping: dict[str, str], expected: str) -> None:
    assert rewrite_references(text, mapping) == expected


def test_clean_text_has_no_footnotes_when_nothing_is_pending() -> None:
    assert "word/footnotes.xml" not in part_names(export(_adopted()))
