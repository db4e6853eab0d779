"""Helpers for the DOCX export tests: sample drafts, reading exports back, a model of Accept/Reject.

The Accept All / Reject All model follows WordprocessingML: accepting keeps the content of
``w:ins``/``w:moveTo`` and drops that of ``w:del``/``w:moveFrom`` (reject does the opposite); a
paragraph whose mark is deleted (accept) or inserted (reject) merges into the next paragraph.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import docx
from lxml import etree

from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph
from consensus_text.model.paragraphs import ParagraphKind as K
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.revisions import Revision, RevisionKind
from consensus_text.model.snapshot import Snapshot

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UTC = dt.UTC
T1 = dt.datetime(2025, 3, 1, 10, tzinfo=UTC)
T2 = dt.datetime(2025, 4, 1, 10, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]
LO_TOOL = REPO.parent / "shared" / "tools" / "lo_tracked_changes.py"


def lo_missing() -> str | None:
    """Why the LibreOffice checks cannot run here, or None when they can."""
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui python3-uno"
    if not LO_TOOL.is_file():
        return (
            f"the LibreOffice tracked-changes tool is missing ({LO_TOOL.name} in ../shared/tools)"
        )
    return None


def _p(pid: str, kind: K, text: str, label: str | None = None, **kw: object) -> Paragraph:
    return Paragraph(pid, kind, text, label=Label.parse(label) if label else None, **kw)  # type: ignore[arg-type]


def draft_v1() -> Draft:
    """Zero draft: brackets, alternatives, placeholders, attribution, chapeau, options."""
    return Draft(
        title="Programme of Action on ICT security",
        symbol="A/AC.292/2025/L.1",
        paragraphs=(
            _p(
                "pp1",
                K.PREAMBULAR,
                "Recalling its resolution 77/37 [of 7 December 2022]{EU},",
                "PP1",
            ),
            _p(
                "pp2", K.PREAMBULAR, "Noting the [report][reports] of the Secretary-General,", "PP2"
            ),
            _p("h1", K.HEADING, "I. Scope"),
            _p(
                "op1",
                K.OPERATIVE,
                "Decides to [establish][convene] a PoA [Placeholder for finance];",
                "1",
                attribution=("G77",),
            ),
            _p("op2", K.OPERATIVE, "Requests:", "2"),
            _p("op2a", K.OPERATIVE, "annual meetings;", "(a)", parent="op2"),
            _p("op2b", K.OPERATIVE, "a review conference in 20XX;", "(b)", parent="op2"),
            _p(
                "op3",
                K.OPERATIVE,
                "Encourages States to [shall/should] act, as set out in paragraph 2 above;",
                "3",
            ),
            _p("op3b", K.OPERATIVE, "Invites [further]{USA} contributions;", "3 bis"),
            _p("op4", K.OPERATIVE, "Also decides to review the PoA.", "4"),
            _p("gone", K.OPERATIVE, "Deleted earlier.", "5", deleted=True),
        ),
        option_groups=(
            OptionGroup("g1", (Option("Option 1", ("op4",), ("EU",)), Option("Option 2"))),
        ),
    )


def draft_v2() -> Draft:
    """Rev.1: a move, an insertion by EU, a deletion, word-level edits, a renumbering."""
    return Draft(
        title="Programme of Action on ICT security",
        symbol="A/AC.292/2025/L.1",
        paragraphs=(
            _p("pp1", K.PREAMBULAR, "Recalling its resolution 77/37 of 7 December 2022,", "PP1"),
            _p("pp2", K.PREAMBULAR, "Noting the reports of the Secretary-General,", "PP2"),
            _p("h1", K.HEADING, "I. Scope"),
            _p(
                "op3",
                K.OPERATIVE,
                "Encourages States to act, as set out in paragraph 3 above;",
                "1",
            ),
            _p("op1", K.OPERATIVE, "Decides to establish a PoA;", "2"),
            _p("op1b", K.OPERATIVE, "Welcomes the report;", "2 bis"),
            _p("new1", K.OPERATIVE, "Calls upon States to cooperate;", "2 ter"),
            _p("op2", K.OPERATIVE, "Requests:", "3"),
            _p("op2a", K.OPERATIVE, "biennial meetings;", "(a)", parent="op2"),
            _p("op3b", K.OPERATIVE, "Invites further contributions;", "4"),
        ),
    )


def draft_v3() -> Draft:
    """Rev.2: removes text inserted in Rev.1, removes an inserted paragraph, adds one."""
    return Draft(
        title="Programme of Action on ICT security",
        symbol="A/AC.292/2025/L.1",
        paragraphs=(
            _p("pp1", K.PREAMBULAR, "Recalling its resolution 77/37,", "PP1"),
            _p("pp2", K.PREAMBULAR, "Noting the reports of the Secretary-General,", "PP2"),
            _p("h1", K.HEADING, "I. Scope"),
            _p("op3", K.OPERATIVE, "Encourages States to act;", "1"),
            _p("op1", K.OPERATIVE, "Decides to establish a PoA;", "2"),
            _p("new1", K.OPERATIVE, "Calls upon all States to cooperate;", "3"),
            _p("op2", K.OPERATIVE, "Requests:", "4"),
            _p("op2a", K.OPERATIVE, "biennial meetings;", "(a)", parent="op2"),
            _p("op5", K.OPERATIVE, "Decides to remain seized of the matter.", "5"),
        ),
    )


def snapshot_v1(**kw: object) -> Snapshot:
    """The zero draft with a revision and positions."""
    return Snapshot(
        draft=draft_v1(),
        revisions=(
            Revision("Rev.1", RevisionKind.REVISION, "Chair", dt.datetime(2025, 3, 3, tzinfo=UTC)),
        ),
        positions=(
            Position("FRA", "op1", PositionKind.SUPPORT),
            Position("RUS", "op1", PositionKind.OBJECTION, note="cannot accept"),
            Position("EU", "op3", PositionKind.STUDY_RESERVATION, element=1),
            Position("USA", "op3", PositionKind.SUPPORT, element=1, preferred_option=2),
            Position("G77", "op2", PositionKind.CAN_LIVE_WITH),
            Position("CHN", "op2", PositionKind.SUPPORT, paragraph_version=1),
        ),
        **kw,  # type: ignore[arg-type]
    )


# -- reading exports back ----------------------------------------------------------------------


def open_docx(data: bytes) -> docx.document.Document:
    """The export read by python-docx."""
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    """One XML part of the package, parsed by lxml."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def footnote_texts(data: bytes) -> list[str]:
    """The text of each real footnote, in order."""
    root = part(data, "word/footnotes.xml")
    out = []
    for note in root.iter(W + "footnote"):
        if note.get(W + "type"):
            continue
        out.append("".join(t.text or "" for t in note.iter(W + "t")).strip())
    return out


def _text_of(p: etree._Element, *, drop: tuple[str, ...]) -> str:
    out = []
    for el in p.iter(W + "t", W + "delText", W + "tab", W + "br"):
        ancestors = {a.tag for a in el.iterancestors() if a.tag != W + "p"}
        if any(W + tag in ancestors for tag in drop):
            continue
        if el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "br":
            out.append("\n")
        else:
            out.append(el.text or "")
    return "".join(out)


def resolve_all(data: bytes, mode: str) -> list[str]:
    """The body's lines once every tracked change is accepted (``"accept"``) or rejected."""
    body = part(data, "word/document.xml").find(W + "body")
    assert body is not None
    drop = ("del", "moveFrom") if mode == "accept" else ("ins", "moveTo")
    merge_mark = ("del",) if mode == "accept" else ("ins",)
    lines: list[str] = []
    carry = ""
    for p in body.iterchildren(W + "p"):
        text = carry + _text_of(p, drop=drop)
        mark = p.find(f"{W}pPr/{W}rPr")
        marks = {child.tag for child in mark} if mark is not None else set()
        if any(W + m in marks for m in merge_mark):
            carry = text
            continue
        carry = ""
        lines.append(text)
    if carry:
        lines.append(carry)
    return lines


def changes(data: bytes) -> list[tuple[str, str, str, str, str]]:
    """Every run-level change: (tag, id, author, date, text)."""
    root = part(data, "word/document.xml")
    out = []
    for tag in ("ins", "del", "moveFrom", "moveTo"):
        for el in root.iter(W + tag):
            if el.getparent().tag == W + "rPr":  # paragraph mark
                text = "<mark>"
            else:
                text = "".join(t.text or "" for t in el.iter(W + "t", W + "delText"))
            out.append((tag, el.get(W + "id"), el.get(W + "author"), el.get(W + "date"), text))
    return out
