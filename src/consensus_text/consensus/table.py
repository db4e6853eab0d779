"""The report as a plain-text table and as the JSON shape of ``consensus-text status --json``.

>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> from consensus_text.model.positions import Position, PositionKind
>>> from consensus_text.model.snapshot import Snapshot
>>> from consensus_text.consensus.engine import compute_report
>>> op = ParagraphKind.OPERATIVE
>>> draft = Draft(paragraphs=(
...     Paragraph("p1", op, "Decides to convene annual meetings;", label=Label.parse("1")),
...     Paragraph("p2", op, "Decides to [establish][convene] a PoA.", label=Label.parse("2")),
... ))
>>> report = compute_report(
...     Snapshot(draft=draft, positions=(Position("RUS", "p1", PositionKind.OBJECTION),)), "oewg")
>>> print(format_status_table(report))
label  status   brackets  objectors  reasons
1      blocked  0         RUS        formal objection by RUS
2      pending  1                    1 contested element remains: 1 group of alternatives
<BLANKLINE>
document: not adoptable (1 pending, 1 blocked)
>>> data = report_to_dict(report)
>>> data["document"]["adoptable"], data["document"]["counts"]["blocked"]
(False, 1)
>>> data["paragraphs"][0]["objectors"], data["paragraphs"][1]["brackets"]
(['RUS'], 1)
"""

from __future__ import annotations

from typing import Any

from consensus_text.consensus.report import ConsensusReport, ParagraphStatus

__all__ = ["format_status_table", "report_to_dict"]

_HEADERS = ("label", "status", "brackets", "objectors", "reasons")


def _row(status: ParagraphStatus) -> tuple[str, ...]:
    return (
        status.label or status.paragraph_id,
        status.status.value,
        str(status.brackets),
        ", ".join(status.objectors),
        "; ".join(reason.message for reason in status.reasons),
    )


def format_status_table(report: ConsensusReport) -> str:
    """A plain-text table: one row per paragraph (label, status, brackets, objectors, reasons),
    then a line on the document.

    A paragraph without a label is shown by its id. The reasons column is not truncated.
    """
    rows = [_HEADERS, *(_row(status) for status in report.paragraphs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    document = report.document
    counts = ", ".join(
        f"{count} {status.value}" for status, count in document.counts.items() if count
    )
    verdict = "adoptable" if document.adoptable else "not adoptable"
    if document.adopted_at is not None:
        verdict = f"adopted at {document.adopted_at.isoformat()}"
    lines.append("")
    lines.append(f"document: {verdict} ({counts or 'no paragraphs'})")
    return "\n".join(lines)


def _paragraph_dict(status: ParagraphStatus) -> dict[str, Any]:
    return {
        "id": status.paragraph_id,
        "label": status.label,
        "status": status.status.value,
        "brackets": status.brackets,
        "objectors": list(status.objectors),
        "reasons": [reason.message for reason in status.reasons],
        "reason_codes": [reason.code for reason in status.reasons],
        "version": status.version,
        "stale": len(status.stale),
        "reservations": [position.participant for position in status.reservations],
        "records": [
            {"participant": position.participant, "kind": position.kind.value}
            for position in status.records
        ],
        "packages": list(status.packages),
    }


def report_to_dict(report: ConsensusReport) -> dict[str, Any]:
    """The JSON shape of ``consensus-text status --json`` (only JSON types: str, int, bool,
    None, lists and dicts).

    ``{"document": {"adoptable", "counts" (every status value), "total", "adopted_at",
    "not_agreed", "reasons"}, "rules": name, "paragraphs": [{"id", "label", "status",
    "brackets", "objectors", "reasons", "reason_codes", "version", "stale", "reservations",
    "records", "packages"}, ...]}``.
    """
    document = report.document
    return {
        "document": {
            "adoptable": document.adoptable,
            "counts": {status.value: count for status, count in document.counts.items()},
            "total": document.total,
            "adopted_at": None if document.adopted_at is None else document.adopted_at.isoformat(),
            "not_agreed": list(document.not_agreed),
            "reasons": [reason.message for reason in document.reasons],
        },
        "rules": report.rules_name,
        "paragraphs": [_paragraph_dict(status) for status in report.paragraphs],
    }
