"""HTML views of drafts, paragraphs and consensus reports, for Jupyter's ``_repr_html_``.

Plain strings, inline styles (notebook viewers drop ``<style>`` elements), every piece of text
escaped with :func:`html.escape`. Brackets stay visible: each contested element is highlighted,
deeper ones darker, with its ``[``, ``]`` and attribution as written, so the text content of a
rendered paragraph is exactly its source text. Paragraphs are coloured by status when a report
is given.

>>> from consensus_text.model.paragraphs import Paragraph, ParagraphKind
>>> paragraph = Paragraph("p1", ParagraphKind.OPERATIVE, "States [shall][should] act <now>;")
>>> html = render_paragraph_html(paragraph)
>>> "&lt;now&gt;" in html, html.count('class="ct-bracket')
(True, 2)
>>> import re, html as html_module
>>> html_module.unescape(re.sub("<[^>]+>", "", render_text_html(paragraph.text)))
'States [shall][should] act <now>;'
"""

from __future__ import annotations

from html import escape
from typing import Final

from consensus_text.analysis._colours import BRACKET_COLOURS, STATUS_COLOURS, text_colour
from consensus_text.consensus import ConsensusReport, ParagraphStatus, Status
from consensus_text.model.brackets import (
    Alternatives,
    Bracket,
    BracketedText,
    parse_lenient,
)
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind

__all__ = [
    "render_draft_html",
    "render_paragraph_html",
    "render_report_html",
    "render_text_html",
]

_FONT: Final = "font-family:Georgia,'Times New Roman',serif;line-height:1.45"
_NEUTRAL: Final = "#bdbdbd"


def _bracket_style(depth: int) -> str:
    colour = BRACKET_COLOURS[min(depth, len(BRACKET_COLOURS)) - 1]
    return f"background:{colour};border-radius:2px"


def _closing(node: Bracket | Alternatives) -> str:
    out = "<b>]</b>"
    if node.attribution:
        out += (
            '<span class="ct-attribution" style="color:#666;font-size:smaller">'
            + escape("{" + node.attribution_text + "}")
            + "</span>"
        )
    return out + "</span>"


def render_text_html(text: str | BracketedText) -> str:
    """The bracketed text with its contested elements highlighted (no paragraph frame).

    Args:
        text: a paragraph's source text (parsed leniently: never raises) or its tree.

    Classes: ``ct-bracket ct-depth-N`` for a bracket, ``ct-alternatives`` around a group of
    alternatives, ``ct-placeholder``, ``ct-attribution``.
    """
    tree = parse_lenient(text)[0] if isinstance(text, str) else text
    out: list[str] = []
    for mark in tree.marks():
        kind, node = mark.kind, mark.node
        if kind == "text":
            out.append(escape(mark.text))
        elif kind == "placeholder":
            out.append(
                '<span class="ct-placeholder" style="background:#e5dbff;font-style:italic">'
                + escape(mark.text)
                + "</span>"
            )
        elif kind == "separator":
            assert isinstance(node, Alternatives)
            out.append(f"<b>{escape(mark.text)}</b>" if node.slash else escape(mark.text))
        elif kind in ("option-open", "option-close"):
            continue
        elif kind == "close":
            assert isinstance(node, Bracket | Alternatives)
            out.append(_closing(node) if isinstance(node, Bracket) or node.slash else "</span>")
        elif isinstance(node, Bracket):
            out.append(
                f'<span class="ct-bracket ct-depth-{mark.depth}" '
                f'style="{_bracket_style(mark.depth)}"><b>[</b>'
            )
        elif isinstance(node, Alternatives) and node.slash:
            out.append(
                f'<span class="ct-alternatives ct-bracket ct-depth-{mark.depth}" '
                f'style="{_bracket_style(mark.depth)};text-decoration:underline dotted"><b>[</b>'
            )
        else:
            out.append('<span class="ct-alternatives" style="text-decoration:underline dotted">')
    return "".join(out)


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
    colour = _NEUTRAL if status is None else STATUS_COLOURS[status.status]
    classes = ["ct-paragraph"]
    if status is not None:
        classes.append(f"ct-status-{status.status.value}")
    style = f"border-left:4px solid {colour};padding:1px 6px;margin:2px 0 2px {1.5 * indent}em"
    if paragraph.deleted:
        classes.append("ct-deleted")
        style += ";opacity:0.55;text-decoration:line-through"
    label = ""
    if paragraph.label is not None:
        label = (
            '<span class="ct-label" style="font-weight:bold;margin-right:0.5em">'
            f"{escape(paragraph.display_label)}</span>"
        )
    text = (
        '<span class="ct-text" style="white-space:pre-wrap">'
        + render_text_html(paragraph.tree)
        + "</span>"
    )
    extra = "" if status is None else _badge(status) + _objectors(status)
    return (
        f'<div class="{" ".join(classes)}" data-paragraph-id="{escape(paragraph.id)}" '
        f'style="{style}">{label}{text}{extra}</div>'
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
    statuses = {} if report is None else {s.paragraph_id: s for s in report.paragraphs}
    parts = [f'<div class="consensus-text ct-draft" style="{_FONT}">']
    if draft.title or draft.symbol:
        symbol = (
            f' <span style="color:#666;font-weight:normal">{escape(draft.symbol)}</span>'
            if draft.symbol
            else ""
        )
        parts.append(
            f'<div class="ct-title" style="font-weight:bold;font-size:larger">'
            f"{escape(draft.title)}{symbol}</div>"
        )
    if report is not None:
        parts.append(_document_line(report))
    for paragraph in draft.paragraphs:
        if paragraph.deleted and not show_deleted:
            continue
        if paragraph.kind is ParagraphKind.HEADING:
            parts.append(
                '<div class="ct-heading" style="font-weight:bold;margin:0.8em 0 0.2em">'
                f"{render_text_html(paragraph.tree)}</div>"
            )
            continue
        indent = len(draft.ancestors(paragraph.id))
        parts.append(render_paragraph_html(paragraph, statuses.get(paragraph.id), indent=indent))
    parts.append("</div>")
    return "".join(parts)


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
