"""The status / compilation table: participants by paragraph with their positions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from consensus_text._files import write_output
from consensus_text.io.docx import _layout as lay
from consensus_text.io.docx import _oxml as ox
from consensus_text.io.docx import _styles
from consensus_text.io.docx._options import ExportOptions
from consensus_text.io.docx._writer import Output, emit_end, format_date, new_builder, status_title
from consensus_text.model.paragraphs import ParagraphKind
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.snapshot import Snapshot

#: Columns of position kinds, in order, with the kinds each one lists.
_COLUMNS: tuple[tuple[str, tuple[PositionKind, ...]], ...] = (
    ("Support", (PositionKind.SUPPORT,)),
    ("Can live with", (PositionKind.CAN_LIVE_WITH,)),
    (
        "Reservations",
        (
            PositionKind.RESERVATION,
            PositionKind.STUDY_RESERVATION,
            PositionKind.AWAITING_INSTRUCTIONS,
        ),
    ),
    ("Objections", (PositionKind.OBJECTION,)),
    ("Dissociations and explanations", (PositionKind.DISSOCIATION, PositionKind.EXPLANATION)),
)
_QUALIFIERS = {
    PositionKind.STUDY_RESERVATION: "study",
    PositionKind.AWAITING_INSTRUCTIONS: "awaiting instructions",
    PositionKind.DISSOCIATION: "dissociation",
    PositionKind.EXPLANATION: "explanation",
}
_LEGEND = (
    "† stated on an earlier version of the paragraph (stale: to be restated). "
    '"el. 2": on contested element 2 of the paragraph; "opt. 1": prefers its option 1. '
    "A group's position applies to its members unless a member states its own."
)


def describe_position(position: Position, current_version: int) -> str:
    """``"EU (el. 2, opt. 1)†"``: the participant, what it is about, and whether it is stale.

    >>> describe_position(Position("EU", "p1", PositionKind.STUDY_RESERVATION, 1, element=2), 2)
    'EU (study, el. 2)†'
    """
    details = []
    if position.kind in _QUALIFIERS and position.kind is not PositionKind.RESERVATION:
        details.append(_QUALIFIERS[position.kind])
    if position.element is not None:
        details.append(f"el. {position.element}")
    if position.preferred_option is not None:
        details.append(f"opt. {position.preferred_option}")
    if position.speaker:
        details.append(f"by {position.speaker}")
    text = position.participant
    if details:
        text += " (" + ", ".join(details) + ")"
    if position.paragraph_version != current_version:
        text += "†"
    return text


def export_table_docx(
    snapshot: Snapshot,
    out: Output,
    *,
    statuses: Mapping[str, str] | None = None,
    status_reasons: Mapping[str, Sequence[str]] | None = None,
    options: ExportOptions | None = None,
) -> None:
    """Write a chair's briefing table: each paragraph, its status and who holds which position.

    One row per active, non-heading paragraph in reading order: label, text (bracketed), status
    and reasons (when given), then the participants that support it, can live with it, hold a
    reservation, object, or recorded a dissociation or explanation; stale positions are marked.
    Landscape pages; the header row repeats on each page.

    Args:
        snapshot: the state to export (draft, positions).
        out: a path, written atomically, or a writable binary stream.
        statuses: paragraph id -> status value, from the consensus report.
        status_reasons: paragraph id -> reasons.
        options: fonts, paper, and status shading of the status cell.

    Raises:
        ExportError: a character XML cannot hold, or an unwritable path.
    """
    options = options or ExportOptions()
    draft = snapshot.draft
    statuses = statuses or {}
    reasons = status_reasons or {}
    builder = new_builder(options, draft.title, snapshot.revision, landscape=True)
    head = [
        (_styles.SYMBOL, draft.symbol),
        (_styles.REVISION, ""),
        (_styles.TITLE, f"Positions on {draft.title}" if draft.title else "Positions by paragraph"),
    ]
    if snapshot.revision is not None:
        head[1] = (
            _styles.REVISION,
            f"{snapshot.revision.label} · {format_date(snapshot.revision.issued_at)}",
        )
    for style, text in head:
        if text:
            ox.check_xml_text(text, "the title or symbol")
            p = ox.add_paragraph(builder.body, style)
            ox.add_run(p, text)
    show_status = bool(statuses)
    header = (
        ["Paragraph", "Text"] + (["Status"] if show_status else []) + [name for name, _ in _COLUMNS]
    )
    rows: list[list[tuple[list[str], str | None]]] = [[([name], None) for name in header]]
    for paragraph in draft.active():
        if paragraph.kind is ParagraphKind.HEADING:
            continue
        where = lay.describe(paragraph, draft)
        ox.check_xml_text(paragraph.text, where)
        cells: list[tuple[list[str], str | None]] = [
            ([lay.full_label(paragraph, draft)], None),
            ([paragraph.text], None),
        ]
        if show_status:
            status = statuses.get(paragraph.id)
            lines = [status_title(status)] if status is not None else ["—"]
            lines.extend(str(reason) for reason in reasons.get(paragraph.id, ()))
            for line in lines:
                ox.check_xml_text(line, f"the status of {where}")
            fill = options.shading.colour_for(status) if options.shading is not None else None
            cells.append((lines, fill))
        positions = snapshot.positions_on(paragraph.id)
        for _, kinds in _COLUMNS:
            names = [
                describe_position(pos, paragraph.version) for pos in positions if pos.kind in kinds
            ]
            for name in names:
                ox.check_xml_text(name, f"a position on {where}")
            cells.append(([", ".join(names)] if names else [], None))
        rows.append(cells)
    total = 14570  # A4 landscape text width in twips
    if options.paper == "letter":
        total = 13572
    fixed = [1100, 4200] + ([1700] if show_status else [])
    rest = (total - sum(fixed)) // len(_COLUMNS)
    widths = fixed + [rest] * len(_COLUMNS)
    ox.add_table(
        builder.body,
        widths,
        rows,
        text_style=_styles.TABLE_TEXT,
        heading_style=_styles.TABLE_HEADING,
    )
    p = ox.add_paragraph(builder.body, _styles.TABLE_TEXT)
    ox.add_run(p, _LEGEND)
    emit_end(builder)
    write_output(builder.to_bytes(), out)
