"""``consensus-text import FILE``: record a revision circulated as a text, Markdown or DOCX file.

The file is read (:func:`consensus_text.importing.read_draft_file`), aligned with the
negotiation's current draft and recorded as events and a revision
(:func:`consensus_text.importing.record_revision`), all in one transaction. When the store holds
no negotiation (or none of the ``--name`` given), one is created with the draft's title and
symbol, in the same transaction. The command prints what was recorded, the pairings to check,
and the reader's diagnostics as ``FILE:LINE:COL: message`` (for a DOCX file: the paragraph of
the document body and the character in it).

Exit status: 0 when the revision was recorded; 1 when it was not, because the draft (with
``--strict``) or the negotiation refused it (the reason is on stderr, nothing was written); 2 for
a usage error, or a file or store that cannot be read.

``--pair NEW=OLD`` imposes a pairing on the alignment: NEW is the id of a paragraph of the file
(``p1``, ``p2``, ... in reading order, headings included), OLD the id of a paragraph of the
negotiation (as ``consensus-text history`` shows them), several joined by ``+`` for a merge, or
``new`` for a paragraph that continues none.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from consensus_text.cli import main
from consensus_text.cli._common import NEW_FILE
from consensus_text.errors import ConsensusTextError, ParseError, StoreError
from consensus_text.history import Negotiation, Store, open_store
from consensus_text.importing import (
    DraftFormat,
    ImportReport,
    ReadDraft,
    TrackedChanges,
    read_draft_file,
    record_revision,
)
from consensus_text.model.revisions import RevisionKind

__all__ = ["import_command"]

_PROG = "consensus-text import"
_FORMATS: dict[str, DraftFormat] = {"text": "text", "docx": "docx"}


def _fail(ctx: click.Context, error: object, status: int) -> NoReturn:
    click.echo(f"{_PROG}: error: {error}", err=True)
    ctx.exit(status)
    raise AssertionError("unreachable")  # ctx.exit raises


def _kind(ctx: click.Context, param: click.Parameter, value: str) -> RevisionKind:
    try:
        return RevisionKind.parse(value)
    except ConsensusTextError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _overrides(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str | tuple[str, ...] | None]:
    out: dict[str, str | tuple[str, ...] | None] = {}
    for value in values:
        new_id, sep, old = (part.strip() for part in value.partition("="))
        if not sep or not new_id or not old:
            raise click.BadParameter(
                f"{value!r} is not NEW=OLD (e.g. p7=p12, p7=p3+p4, p7=new)", ctx=ctx, param=param
            )
        if old.lower() == "new":
            out[new_id] = None
        elif "+" in old:
            out[new_id] = tuple(part.strip() for part in old.split("+"))
        else:
            out[new_id] = old
    return out


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--store", "store_path", required=True, type=NEW_FILE, help="The store (created if needed)."
)
@click.option("--revision", required=True, help="The revision's label, e.g. Rev.2.")
@click.option(
    "--kind",
    default="revision",
    show_default=True,
    callback=_kind,
    help="zero_draft, revision, compilation, chair_text, facilitator_text, non_paper, crp, "
    "l_document or final.",
)
@click.option(
    "--name", default=None, help="The negotiation (created when the store has none of that name)."
)
@click.option("--by", default="Chair", show_default=True, help="Who issues the revision.")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "docx"]),
    default=None,
    help="The file's format (default: from its suffix).",
)
@click.option("--strict", is_flag=True, help="Refuse a draft with any problem.")
@click.option("--extracted", is_flag=True, help="Text extracted from PDF: clean it up first.")
@click.option(
    "--tracked-changes",
    type=click.Choice(["accept", "reject", "proposals"]),
    default="accept",
    show_default=True,
    help="DOCX: accept or reject every tracked change, or leave them out (proposals).",
)
@click.option(
    "--pair",
    "overrides",
    multiple=True,
    metavar="NEW=OLD",
    callback=_overrides,
    help="Impose a pairing (repeatable): p7=p12, p7=p3+p4 (a merge), p7=new.",
)
@click.pass_context
def import_command(
    ctx: click.Context,
    file: Path,
    store_path: Path,
    revision: str,
    kind: RevisionKind,
    name: str | None,
    by: str,
    format_: str | None,
    strict: bool,
    extracted: bool,
    tracked_changes: TrackedChanges,
    overrides: dict[str, str | tuple[str, ...] | None],
) -> None:
    """Record FILE (text, Markdown or DOCX) as a revision of the negotiation in --store.

    \b
    consensus-text import zero-draft.docx --store poa.db --revision "Zero draft" --kind zero_draft
    consensus-text import rev1.md --store poa.db --revision Rev.1
    consensus-text import rev2.docx --store poa.db --revision Rev.2 --pair p7=p12

    Exit status 0: recorded; 1: refused, nothing recorded; 2: usage error or unreadable file.
    """
    try:
        read = read_draft_file(
            file,
            format=_FORMATS.get(format_ or ""),
            tracked_changes=tracked_changes,
            strict=strict,
            extracted=extracted,
        )
    except ParseError as exc:  # --strict: the draft has problems
        _fail(ctx, exc, 1)
    except ConsensusTextError as exc:  # unreadable, or an option that does not fit the format
        _fail(ctx, exc, 2)
    try:
        store = open_store(store_path)
    except StoreError as exc:
        _fail(ctx, exc, 2)
    with store:
        try:
            target, negotiation, new = _negotiation(store, name, read)
        except StoreError as exc:
            _fail(ctx, exc, 2)
        try:
            report = record_revision(
                negotiation,
                read.draft,
                label=revision,
                kind=kind,
                by=by,
                overrides=overrides or None,
            )
            if new:
                store.import_events(target, negotiation.events)
        except ConsensusTextError as exc:
            _fail(ctx, exc, 1)
    _print_report(read, report, target, store_path, created=new)


def _negotiation(store: Store, name: str | None, read: ReadDraft) -> tuple[str, Negotiation, bool]:
    """The negotiation to record in, its name, and whether it is new (not yet in the store)."""
    names = store.names()
    if (name is not None and name not in names) or (name is None and not names):
        target = name or "default"
        title = read.draft.title or Path(read.source or "draft").stem
        return target, Negotiation.create(title, symbol=read.draft.symbol), True
    target = store.resolve_name(name)
    return target, store.open(target), False


def _print_report(
    read: ReadDraft, report: ImportReport, name: str, store: Path, *, created: bool
) -> None:
    made = " (new negotiation)" if created else ""
    click.echo(f"recorded {read.source} as {report.revision!r} of {name!r} in {store}{made}")
    listed = ", ".join(f"{n} {kind}" for kind, n in report.counts.items())
    click.echo(f"paragraphs: {len(report.ids)}" + (f" ({listed})" if listed else ""))
    operations = ", ".join(f"{n} {what}" for what, n in report.operations.items()) or "none"
    click.echo(f"events: {operations}; {len(report.events)} in all, the revision included")
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    if report.ambiguities:
        click.echo(f"{len(report.ambiguities)} ambiguous pairing(s) to check:")
        for line in report.describe_ambiguities():
            click.echo(f"  {line}")
    for d in read.diagnostics:
        click.echo(f"{read.source}:{d.line}:{d.column}: {d.message}")
