"""HTML of consensus reports and of paragraphs coloured by status, for Jupyter's ``_repr_html_``.

Builds on the model's views (:mod:`consensus_text.model._html`); the colours are ColorBrewer's
RdYlGn with a blue for adoption: greens for agreement (darker as it firms up), orange for
pending, red for blocked. :mod:`consensus_text.analysis.html` is the public face.
"""

from __future__ import annotations

from html import escape
from typing import Final

from consensus_text.consensus.report import ConsensusReport, ParagraphStatus, Status
from consensus_text.model._html import draft_html, paragraph_html
from consensus_text.model.paragraphs import Draft, Paragraph

__all__ = [
    "STATUS_COLOURS",
    "render_draft_html",
    "render_paragraph_html",
    "render_report_html",
    "text_colour",
]

#: The colour of each status.
STATUS_COLOURS: Final = {
    Status.CONSENSUS_READY: "#a6d96a",
    Status.PENDING: "#fdae61",
    Status.BLOCKED: "#d7191c",
    Status.AGREED_IN_INFORMALS: "#66bd63",
    Status.AGREED_AD_REFERENDUM: "#d9ef8b",
    Status.CONFIRMED: "#1a9850",
    Status.REOPENED: "#f46d43",
    Status.ADOPTED: "#2166ac",
}

_DARK: Final = frozenset(
    {Status.BLOCKED.value, Status.CONFIRMED.value, Status.ADOPTED.value, Status.REOPENED.value}
)


def text_colour(status: Status) -> str:
    """Black or white, whichever reads better on the status's colour."""
    return "#ffffff" if status.value in _DARK else "#000000"


def _badge(status: ParagraphStatus) -> str:
    reasons = "; ".join(reason.message for reason in status.reasons)
    colour = STATUS_COLOURS[status.status]
    return (
        f'<span class="ct-status ct-status-{status.status.value}" title="{escape(reasons)}" '
        f'style="background:{colour};color:{text_colour(status.status)};border-radius:3px;'
        f'padding:0 4px;margin-left:0.5em;font-family:sans-serif;font-size:smaller;white-space:nowrap">'
        f"{escape(status.status.title)}</span>"
    )


def _objectors(status: ParagraphStatus) -> str:
    if not status.objectors:
        return ""
    return (
        '<span class="ct-objectors" style="color:#d7191c;font-family:sans-serif;'
        f'font-size:smaller;margin-left:0.4em">objection: {escape(", ".join(status.objectors))}'
        "</span>"
    )


def render_paragraph_html(
    paragraph: Paragraph, status: ParagraphStatus | None = None, *, indent: int = 0
) -> str:
    """One paragraph: its label, its text with the brackets highlighted and, given its status,
    a coloured border, a status badge (the reasons as its tooltip) and the objectors.

    Args:
        paragraph: the paragraph.
        status: its status in a consensus report, if known.
        indent: the nesting level (sub-paragraphs of a chapeau are indented).
    """
    if status is None:
        return paragraph_html(paragraph, indent=indent)
    return paragraph_html(
        paragraph,
        colour=STATUS_COLOURS[status.status],
        classes=(f"ct-status-{status.status.value}",),
        extra=_badge(status) + _objectors(status),
        indent=indent,
    )


def _counts(report: ConsensusReport) -> str:
    parts = []
    for status in Status:
        count = report.document.counts.get(status, 0)
        if count:
            parts.append(
                f'<span style="background:{STATUS_COLOURS[status]};color:{text_colour(status)};'
                f'border-radius:3px;padding:0 4px;margin-right:0.3em;white-space:nowrap">{count} '
                f"{escape(status.title)}</span>"
            )
    return "".join(parts) or "no paragraphs"


def _document_line(report: ConsensusReport) -> str:
    document = report.document
    verdict = "adoptable" if document.adoptable else "not adoptable"
    if document.adopted_at is not None:
        verdict = f"adopted at {document.adopted_at.isoformat()}"
    rules = f" under {escape(report.rules_name)}" if report.rules_name else ""
    return (
        '<div class="ct-document" style="font-family:sans-serif;margin:4px 0">'
        f"<b>Document</b>: {escape(verdict)}{rules} &mdash; {_counts(report)}</div>"
    )


def render_draft_html(
    draft: Draft, report: ConsensusReport | None = None, *, show_deleted: bool = False
) -> str:
    """The whole draft: title and symbol, headings, paragraphs indented under their chapeau
    and, given a report, coloured by status with the document's status on top.

    Args:
        draft: the draft.
        report: a consensus report on the same draft, if any.
        show_deleted: show tombstones too, struck through.
    """
    if report is None:
        return draft_html(draft, show_deleted=show_deleted)
    statuses = {s.paragraph_id: s for s in report.paragraphs}
    return draft_html(
        draft,
        show_deleted=show_deleted,
        top=_document_line(report),
        paragraph=lambda p, indent: render_paragraph_html(p, statuses.get(p.id), indent=indent),
    )


def render_report_html(report: ConsensusReport) -> str:
    """The report as a table: label, status (coloured), open brackets, objectors, reasons; the
    document's status above it."""
    cell = 'style="text-align:left;padding:2px 8px;vertical-align:top"'
    rows = []
    for status in report.paragraphs:
        reasons = "<br>".join(escape(reason.message) for reason in status.reasons)
        rows.append(
            f'<tr class="ct-status-{status.status.value}">'
            f"<td {cell}>{escape(status.label or status.paragraph_id)}</td>"
            f"<td {cell}>{_badge(status)}</td>"
            f"<td {cell}>{status.brackets}</td>"
            f"<td {cell}>{escape(', '.join(status.objectors))}</td>"
            f"<td {cell}>{reasons}</td></tr>"
        )
    header = "".join(
        f"<th {cell}>{name}</th>"
        for name in ("Paragraph", "Status", "Brackets", "Objectors", "Reasons")
    )
    return (
        '<div class="consensus-text ct-report" style="font-family:sans-serif">'
        + _document_line(report)
        + f'<table style="border-collapse:collapse"><thead><tr>{header}</tr></thead>'
        + f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
