"""The bracketed and the clean DOCX of a revision."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Mapping, Sequence
from typing import BinaryIO

import attrs
from lxml import etree

from consensus_text._dates import format_day
from consensus_text._files import write_output
from consensus_text.errors import PendingParagraphsError
from consensus_text.io.docx import _layout as lay
from consensus_text.io.docx import _oxml as ox
from consensus_text.io.docx import _styles
from consensus_text.io.docx._options import STATUS_VALUES, ExportOptions, PendingPolicy
from consensus_text.io.docx._package import DocumentBuilder
from consensus_text.io.docx._references import rewrite_references
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
from consensus_text.model.revisions import Revision, RevisionKind
from consensus_text.model.snapshot import Snapshot

Output = str | os.PathLike[str] | BinaryIO


def format_date(when: dt.datetime) -> str:
    """``"3 March 2025"``, as UN documents date themselves (locale-independent)."""
    return format_day(when)


def status_title(status: str) -> str:
    """``"agreed_ad_referendum"`` -> ``"Agreed ad referendum"``."""
    text = str(getattr(status, "value", status)).replace("_", " ")
    return text[:1].upper() + text[1:]


def new_builder(
    options: ExportOptions, title: str, revision: Revision | None, *, landscape: bool = False
) -> DocumentBuilder:
    """A document builder with the options' font and paper."""
    ox.check_xml_text(options.font, "the font name")
    return DocumentBuilder(
        font=options.font,
        size_pt=options.size,
        paper=options.paper,
        landscape=landscape,
        title=title,
        created=revision.issued_at if revision is not None else None,
    )


def revision_line(revision: Revision | None) -> str:
    """``"Rev.1 · Chair's text · 3 March 2025"``, or ``""`` before the first revision."""
    if revision is None:
        return ""
    parts = [revision.label]
    if (
        revision.kind is not RevisionKind.REVISION
        and revision.kind.title.lower() != revision.label.lower()
    ):
        parts.append(revision.kind.title)
    parts.append(format_date(revision.issued_at))
    line = " · ".join(parts)
    ox.check_xml_text(line, f"revision {revision.label!r}")
    return line


def emit_row(
    builder: DocumentBuilder,
    row: lay.Row,
    *,
    mode: lay.AttributionMode,
    clean: bool = False,
    shading: str | None = None,
    text_override: str | None = None,
) -> etree._Element:
    """Write one row as a paragraph: label, tab, text with brackets, placeholders, footnotes."""
    p = ox.add_paragraph(builder.body, row.style, shading=shading)
    if row.label:
        ox.add_run(p, row.prefix)
    if text_override is not None:
        body: list[lay.Piece] = [(lay.TEXT, text_override)]
    elif row.paragraph is None:
        body = [(lay.TEXT, row.text)]
    elif clean:
        body = [(lay.TEXT, row.paragraph.tree.plain_text())]
    elif row.paragraph.tree.is_clean:
        body = [(lay.TEXT, row.paragraph.text)]
    else:
        body = lay.pieces(row.paragraph.tree.nodes, mode)
    span = None
    if row.italic_first:
        span = lay.first_word_span("".join(text for kind, text in body if kind != lay.FOOTNOTE))
    offset = 0
    for kind, text in body:
        if kind == lay.FOOTNOTE:
            builder.add_footnote(p, f"Proposed by {text}.")
            continue
        style = _styles.PLACEHOLDER if kind == lay.PLACEHOLDER else None
        emit_text(p, text, offset, span, style=style)
        offset += len(text)
    if row.attribution and mode != "none":
        codes = ", ".join(row.attribution)
        if mode == "inline":
            ox.add_run(p, " {" + codes + "}")
        else:
            what = "Option" if row.paragraph is None else "Paragraph"
            builder.add_footnote(p, f"{what} proposed by {codes}.")
    return p


def emit_text(
    parent: etree._Element,
    text: str,
    offset: int,
    span: tuple[int, int] | None,
    *,
    style: str | None = None,
    deleted: bool = False,
) -> None:
    """Write text that starts at ``offset`` of its paragraph, italic where ``span`` says."""
    if span is None or offset >= span[1] or offset + len(text) <= span[0]:
        ox.add_run(parent, text, style=style, deleted=deleted)
        return
    start = max(span[0] - offset, 0)
    end = min(span[1] - offset, len(text))
    ox.add_run(parent, text[:start], style=style, deleted=deleted)
    ox.add_run(parent, text[start:end], style=style, italic=True, deleted=deleted)
    ox.add_run(parent, text[end:], style=style, deleted=deleted)


def emit_head(
    builder: DocumentBuilder, rows: list[lay.Row], revision_text: str, *, mode: lay.AttributionMode
) -> list[lay.Row]:
    """Write the symbol, the revision line and the title; return the remaining rows."""
    rest = list(rows)
    if rest and rest[0].key == lay.SYMBOL_KEY:
        emit_row(builder, rest.pop(0), mode=mode)
        builder.set_header([(_styles.HEADER, rows[0].text)], first_page=False)
    if revision_text:
        p = ox.add_paragraph(builder.body, _styles.REVISION)
        ox.add_run(p, revision_text)
    if rest and rest[0].key == lay.TITLE_KEY:
        emit_row(builder, rest.pop(0), mode=mode)
    return rest


def emit_end(builder: DocumentBuilder) -> None:
    """The short centred line that ends a UN document."""
    p = ox.add_paragraph(builder.body, _styles.END_LINE)
    ox.add_run(p, lay.END_LINE)


def emit_status_table(
    builder: DocumentBuilder,
    draft: Draft,
    statuses: Mapping[str, str],
    reasons: Mapping[str, Sequence[str]],
    options: ExportOptions,
) -> None:
    """Append a heading and a table of paragraphs, their status and the reasons."""
    p = ox.add_paragraph(builder.body, _styles.HEADING)
    ox.add_run(p, "Status of paragraphs")
    rows: list[list[tuple[list[str], str | None]]] = [
        [(["Paragraph"], None), (["Status"], None), (["Reasons"], None)]
    ]
    counts: dict[str, int] = {}
    for paragraph in draft.active():
        if paragraph.id not in statuses:
            continue
        status = str(getattr(statuses[paragraph.id], "value", statuses[paragraph.id]))
        counts[status] = counts.get(status, 0) + 1
        why = [str(reason) for reason in reasons.get(paragraph.id, ())]
        for text in why:
            ox.check_xml_text(text, f"a status reason of {lay.describe(paragraph, draft)}")
        fill = options.shading.colour_for(status) if options.shading is not None else None
        rows.append(
            [
                ([lay.full_label(paragraph, draft)], None),
                ([status_title(status)], fill),
                (why, None),
            ]
        )
    ox.add_table(
        builder.body,
        [1700, 2300, 5026],
        rows,
        text_style=_styles.TABLE_TEXT,
        heading_style=_styles.TABLE_HEADING,
    )
    order = {value: index for index, value in enumerate(STATUS_VALUES)}
    summary = ", ".join(
        f"{status_title(status)}: {count}"
        for status, count in sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))
    )
    p = ox.add_paragraph(builder.body, _styles.BODY)
    ox.add_run(p, f"Total {sum(counts.values())} paragraphs. {summary}".strip())


def export_bracketed_docx(
    snapshot: Snapshot,
    out: Output,
    *,
    statuses: Mapping[str, str] | None = None,
    status_reasons: Mapping[str, Sequence[str]] | None = None,
    options: ExportOptions | None = None,
) -> None:
    """Write the full bracketed draft of a snapshot as a DOCX file.

    Symbol (top right, and in the page header), revision, title, headings, preambular and
    operative paragraphs with their labels (``5 bis``), chapeaux and sub-paragraphs, every
    bracket, alternative and placeholder exactly as in the text, named options ("Option 2: No
    text"), and the proposers of bracketed wording, paragraphs and options as footnotes.

    Args:
        snapshot: the state to export (its draft and latest revision).
        out: a path, written atomically, or a writable binary stream (``io.BytesIO``).
        statuses: paragraph id -> status value (``"pending"``, ``"blocked"``, ...), from the
            consensus report; used by ``options.shading`` and ``options.status_table``.
        status_reasons: paragraph id -> reasons, shown in the status table.
        options: fonts, paper, attribution, shading and status table.

    Raises:
        ExportError: a character XML cannot hold (naming the paragraph), or an unwritable path.
    """
    options = options or ExportOptions()
    draft = snapshot.draft
    statuses = statuses or {}
    rows = lay.layout(draft, italic_first_word=options.italic_first_word)
    for row in rows:
        lay.check_row(row, draft)
    builder = new_builder(options, draft.title, snapshot.revision)
    rest = emit_head(builder, rows, revision_line(snapshot.revision), mode=options.attribution)
    for row in rest:
        fill = None
        if options.shading is not None and row.paragraph is not None:
            fill = options.shading.colour_for(statuses.get(row.paragraph.id))
        emit_row(builder, row, mode=options.attribution, shading=fill)
    emit_end(builder)
    if options.status_table:
        emit_status_table(builder, draft, statuses, status_reasons or {}, options)
    write_output(builder.to_bytes(), out)


def default_pending(draft: Draft) -> set[str]:
    """Paragraphs not agreed by default: contested wording, in an option group, or under a
    pending chapeau."""
    in_options = {pid for group in draft.option_groups for pid in group.paragraph_ids}
    return {p.id for p in draft.active() if not p.tree.is_clean or p.id in in_options}


def _with_descendants(draft: Draft, ids: Collection[str]) -> set[str]:
    out = {pid for pid in ids if pid in draft}
    for pid in list(out):
        out.update(p.id for p in draft.descendants(pid))
    return out


def export_clean_docx(
    snapshot: Snapshot,
    out: Output,
    *,
    pending: Collection[str] | None = None,
    policy: PendingPolicy | str | None = None,
    renumber: bool | None = None,
    options: ExportOptions | None = None,
) -> None:
    """Write the text without bracket markup.

    While paragraphs are pending the export refuses, listing them, unless a ``policy`` says
    what to do: ``"omit"`` them, ``"keep"`` them bracketed, or ``"draft"``: keep them and mark
    the document as a draft (a "Draft" line, a page header and a watermark).

    An adopted text (or ``renumber=True``) drops the ``bis``/``ter`` labels, renumbers the
    paragraphs and rewrites the internal cross-references ("paragraph 12 bis above").

    Args:
        snapshot: the state to export.
        out: a path, written atomically, or a writable binary stream.
        pending: ids of the paragraphs not agreed (from the consensus report); by default the
            paragraphs with contested wording or in an option group. Sub-paragraphs of a
            pending chapeau are pending too.
        policy: what to do with pending paragraphs; None refuses.
        renumber: renumber as a final text; by default when the snapshot is adopted.
        options: fonts and paper (shading does not apply to a clean text).

    Raises:
        PendingParagraphsError: paragraphs are pending and no policy was chosen.
        ExportError: a character XML cannot hold, or an unwritable path.
    """
    options = options or ExportOptions()
    draft = snapshot.draft
    chosen = None if policy is None else PendingPolicy.parse(policy)
    waiting = _with_descendants(draft, default_pending(draft) if pending is None else pending)
    waiting &= {p.id for p in draft.active()}
    if waiting and chosen is None:
        raise PendingParagraphsError(
            [lay.full_label(p, draft) for p in draft.active() if p.id in waiting]
        )
    kept = draft
    if chosen is PendingPolicy.OMIT:
        kept = attrs.evolve(
            draft,
            paragraphs=tuple(p for p in draft.paragraphs if p.id not in waiting),
            option_groups=tuple(
                g for g in draft.option_groups if not any(pid in waiting for pid in g.paragraph_ids)
            ),
        )
    texts: dict[str, str] = {}
    if renumber if renumber is not None else snapshot.is_adopted:
        kept, texts = _renumbered(kept, waiting)

    def show_options(group: object) -> bool:
        return any(pid in waiting for pid in getattr(group, "paragraph_ids", ()))

    rows = lay.layout(kept, show_options=show_options, italic_first_word=options.italic_first_word)
    for row in rows:
        lay.check_row(row, kept)
    builder = new_builder(options, kept.title, snapshot.revision)
    if chosen is PendingPolicy.DRAFT and waiting:
        count = len(waiting)
        note = f"Draft: {count} paragraph{'s' if count != 1 else ''} not agreed"
        rest = emit_head(builder, rows, revision_line(snapshot.revision), mode=options.attribution)
        builder.set_header([(_styles.HEADER, f"{kept.symbol}  DRAFT".strip())], watermark="DRAFT")
        p = ox.add_paragraph(builder.body, _styles.DRAFT_MARK)
        ox.add_run(p, note)
    else:
        rest = emit_head(builder, rows, revision_line(snapshot.revision), mode=options.attribution)
    for row in rest:
        if row.paragraph is not None and row.paragraph.id in waiting:
            emit_row(builder, row, mode=options.attribution)
        elif row.paragraph is not None:
            emit_row(
                builder, row, mode="none", clean=True, text_override=texts.get(row.paragraph.id)
            )
        else:
            emit_row(builder, row, mode=options.attribution)
    emit_end(builder)
    write_output(builder.to_bytes(), out)


def _renumbered(draft: Draft, waiting: set[str]) -> tuple[Draft, dict[str, str]]:
    """Renumber a draft for a final text and rewrite the cross-references of clean paragraphs."""
    active = attrs.evolve(
        draft, paragraphs=tuple(p for p in draft.paragraphs if not p.deleted), option_groups=()
    )
    renumbered, _ = active.renumbered()
    mapping = {
        lay.full_label(old, active).lower(): lay.full_label(new, renumbered)
        for old, new in zip(active.paragraphs, renumbered.paragraphs, strict=True)
        if old.label is not None
        and old.kind is ParagraphKind.OPERATIVE
        and not old.label.prefix
        and (old.parent is None or active.paragraph(old.parent).kind is ParagraphKind.OPERATIVE)
    }
    texts: dict[str, str] = {}
    for paragraph in renumbered.paragraphs:
        if paragraph.id in waiting or paragraph.kind is ParagraphKind.HEADING:
            continue
        plain = paragraph.tree.plain_text()
        rewritten = rewrite_references(plain, mapping)
        if rewritten != plain:
            texts[paragraph.id] = rewritten
    return attrs.evolve(draft, paragraphs=_relabel(draft.paragraphs, renumbered.paragraphs)), texts


def _relabel(
    original: Sequence[Paragraph], renumbered: Sequence[Paragraph]
) -> tuple[Paragraph, ...]:
    labels = {p.id: p.label for p in renumbered}
    return tuple(p.with_label(labels[p.id]) if p.id in labels else p for p in original)
