"""Export a negotiation's revision in any format, with its consensus status filled in.

This module joins the history, the consensus engine and the file backends: it picks the
snapshot of the revision asked for, computes the report under the process's rules, and hands
statuses, reasons and pending paragraphs to the backend. The command line's ``export`` sits on
:func:`export_revision`.

>>> import io
>>> from consensus_text.demo import build_poa_negotiation
>>> negotiation = build_poa_negotiation()
>>> buffer = io.BytesIO()
>>> export_revision(negotiation, buffer, format="bracketed", revision="Rev.1")
>>> buffer.getvalue()[:2]
b'PK'
>>> rounds = redline_rounds(negotiation, "Zero draft", "Rev.3")
>>> [(r.author, r.after is negotiation.snapshot(revision=label).draft)
...  for r, label in zip(rounds, ["Rev.1", "Rev.2", "Rev.3"])]
[('Chair', True), ('Chair', True), ('Chair', True)]
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, BinaryIO, Literal, get_args

from consensus_text._files import write_output
from consensus_text.consensus import ConsensusReport, Rules, Status, compute_report
from consensus_text.errors import ExportError, RevisionNotFoundError
from consensus_text.history.events import (
    BracketInserted,
    BracketResolved,
    Event,
    OptionChosen,
    ParagraphDeleted,
    ParagraphMoved,
    ParagraphProposed,
    ParagraphRelabelled,
    ParagraphRestored,
    ParagraphsMerged,
    ParagraphSplit,
    RevisionIssued,
    TextAmended,
)
from consensus_text.model.snapshot import Snapshot

if TYPE_CHECKING:
    from consensus_text.history import Negotiation
    from consensus_text.io.docx import RedlineRound

__all__ = ["FORMATS", "ExportFormat", "export_revision", "redline_rounds", "status_maps"]

ExportFormat = Literal["bracketed", "clean", "redline", "table", "akn", "html", "json", "text"]
#: Every format :func:`export_revision` writes.
FORMATS: tuple[str, ...] = get_args(ExportFormat)

_AGREED = frozenset(
    {
        Status.CONSENSUS_READY,
        Status.AGREED_IN_INFORMALS,
        Status.AGREED_AD_REFERENDUM,
        Status.CONFIRMED,
        Status.ADOPTED,
    }
)

#: Events that change a paragraph's wording, place or label, whose author the redline credits.
_TEXT_EVENTS: tuple[type[Event], ...] = (
    ParagraphProposed,
    TextAmended,
    BracketInserted,
    BracketResolved,
    ParagraphMoved,
    ParagraphSplit,
    ParagraphsMerged,
    ParagraphDeleted,
    ParagraphRestored,
    ParagraphRelabelled,
    OptionChosen,
)


def status_maps(report: ConsensusReport) -> tuple[dict[str, str], dict[str, list[str]], set[str]]:
    """Statuses, reasons and not-yet-agreed paragraph ids of a report, as the backends take them."""
    statuses = {p.paragraph_id: p.status.value for p in report.paragraphs}
    reasons = {p.paragraph_id: [r.message for r in p.reasons] for p in report.paragraphs}
    pending = {p.paragraph_id for p in report.paragraphs if p.status not in _AGREED}
    return statuses, reasons, pending


def _snapshot(negotiation: Negotiation, revision: str | None) -> Snapshot:
    return negotiation.state if revision is None else negotiation.snapshot(revision=revision)


def redline_rounds(negotiation: Negotiation, start: str, end: str) -> list[RedlineRound]:
    """One redline round per revision from ``start`` to ``end``, each credited to its authors.

    Every round goes from one issued revision to the next; its default author and date are
    those of the later revision, and each paragraph changed in that round is credited to the
    participant (or official) whose event last changed it, at that event's time.

    Raises:
        RevisionNotFoundError: ``start`` or ``end`` was not issued, or ``end`` comes first.
    """
    from consensus_text.io.docx import RedlineRound

    labels = list(negotiation.revisions)
    for label in (start, end):
        if label not in labels:
            raise RevisionNotFoundError(
                f"no revision {label!r}", hint="issued: " + (", ".join(labels) or "none yet")
            )
    first, last = labels.index(start), labels.index(end)
    if last <= first:
        raise RevisionNotFoundError(
            f"revision {end!r} does not come after {start!r}",
            hint="give --from the older revision and --to the newer one",
        )
    issued_at = {
        event.label: number
        for number, event in enumerate(negotiation.events)
        if isinstance(event, RevisionIssued)
    }
    rounds = []
    for before_label, after_label in zip(
        labels[first:last], labels[first + 1 : last + 1], strict=True
    ):
        window = negotiation.events[issued_at[before_label] + 1 : issued_at[after_label] + 1]
        issued = window[-1]
        assert isinstance(issued, RevisionIssued)
        authors: dict[str, tuple[str, dt.datetime]] = {}
        for event in window:
            if isinstance(event, _TEXT_EVENTS):
                for pid in event.paragraph_ids:
                    authors[pid] = (event.by, event.at)
        rounds.append(
            RedlineRound(
                before=negotiation.snapshot(revision=before_label).draft,
                after=negotiation.snapshot(revision=after_label).draft,
                author=issued.author,
                date=issued.at,
                paragraph_authors=authors,
            )
        )
    return rounds


def export_revision(
    negotiation: Negotiation,
    out: str | os.PathLike[str] | BinaryIO,
    *,
    format: ExportFormat,
    revision: str | None = None,
    since: str | None = None,
    rules: Rules | str = "oewg",
    pending: str | None = None,
    shade: bool = False,
) -> None:
    """Write one revision of a negotiation (the current state when ``revision`` is None).

    Args:
        negotiation: the negotiation.
        out: a path (written atomically) or a binary stream.
        format: ``bracketed``, ``clean``, ``redline``, ``table`` (DOCX); ``akn`` (Akoma Ntoso
            XML); ``html``; ``json`` (the whole negotiation); ``text`` (the bracketed text).
        revision: the revision to export; for ``redline``, the newer one.
        since: for ``redline`` (required) and ``html`` (optional): the older revision.
        rules: the rules of procedure the status is computed under (a preset name or Rules).
        pending: for ``clean``: ``"omit"``, ``"keep"`` or ``"draft"``; None refuses while any
            paragraph is not agreed (:class:`~consensus_text.errors.PendingParagraphsError`).
        shade: for ``bracketed``: shade paragraphs by status and append a status table.

    Raises:
        ExportError: an unknown format, or a redline without ``since``.
        RevisionNotFoundError: a revision that was not issued.
    """
    if format not in FORMATS:
        raise ExportError(
            f"unknown export format {format!r}", hint="use one of: " + ", ".join(FORMATS)
        )
    snapshot = _snapshot(negotiation, revision)
    if format == "json":
        data = negotiation.to_json(indent=1).encode("utf-8")
        _write(out, data)
        return
    if format == "text":
        from consensus_text.io.text import write_text_draft

        _write(out, write_text_draft(snapshot.draft).encode("utf-8"))
        return
    if format == "akn":
        from consensus_text.io.akn import export_akn

        export_akn(snapshot, out)
        return
    report = compute_report(snapshot, rules)
    statuses, reasons, not_agreed = status_maps(report)
    if format == "html":
        from consensus_text.io.html import render_html

        earlier = None if since is None else negotiation.snapshot(revision=since)
        _write(out, render_html(snapshot, report=report, since=earlier).encode("utf-8"))
        return
    from consensus_text.io import docx

    if format == "bracketed":
        options = None
        if shade:
            options = docx.ExportOptions(status_table=True, shading=docx.ShadingColours())
        docx.export_bracketed_docx(
            snapshot, out, statuses=statuses, status_reasons=reasons, options=options
        )
    elif format == "clean":
        docx.export_clean_docx(snapshot, out, pending=not_agreed, policy=pending)
    elif format == "table":
        docx.export_table_docx(snapshot, out, statuses=statuses, status_reasons=reasons)
    else:
        if since is None:
            raise ExportError(
                "a redline needs the older revision", hint="pass since='Rev.1' (--from Rev.1)"
            )
        end = revision if revision is not None else (negotiation.revision or "")
        docx.export_redline_docx(redline_rounds(negotiation, since, end), out)


def _write(out: str | os.PathLike[str] | BinaryIO, data: bytes) -> None:
    write_output(data, out)
