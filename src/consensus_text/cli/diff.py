"""``consensus-text diff STORE --from R1 --to R2``: what changed between two revisions.

Paragraphs are matched by their stable ids in the history, splits and merges by the log
(:func:`consensus_text.importing.align_revisions`), so nothing is guessed. The command prints the
summary of :func:`consensus_text.summary.format_summary`, then the word-level changes of every
paragraph whose wording changed: ``<-deleted->`` and ``<+inserted+>`` inside the text (not
wdiff's ``[-...-]`` and ``{+...+}``: brackets and braces are the drafts' own notation).

``--json`` prints one object instead::

    {"from": "Rev.1", "to": "Rev.2", "negotiation": "poa",
     "counts": {"new": 1, "deleted": 0, "edited": 3, ...}, "changed": 4,
     "old_paragraphs": 12, "new_paragraphs": 13, "words_added": 9, "words_removed": 4,
     "brackets_added": 1, "brackets_removed": 2, "old_brackets": 10, "new_brackets": 9,
     "changes": [{"label": "3", "old_labels": ["2 bis"], "new_labels": ["3"],
                  "old_ids": ["p4"], "new_ids": ["p4"], "kind": "edited", "edited": true,
                  "moved": false, "renumbered": true, "words_added": 2, "words_removed": 1,
                  "ops": [{"op": "equal", "text": "Decides "}, {"op": "delete", "text": "..."},
                          {"op": "insert", "text": "..."}]}]}

A new paragraph's ops are one insertion, a deleted paragraph's one deletion; a paragraph that
only moved or was renumbered has no ops.

Exit status, as for ``diff``: 0 when the two revisions have the same paragraphs, 1 when they
differ, 2 for a usage error, an unknown revision, or a store that cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from consensus_text.align import AlignmentKind
from consensus_text.cli import main
from consensus_text.cli._common import EXISTING_FILE, name_option
from consensus_text.diff import DiffKind, DiffOp
from consensus_text.errors import ConsensusTextError
from consensus_text.history import open_store
from consensus_text.importing import align_revisions
from consensus_text.model.paragraphs import Draft
from consensus_text.summary import (
    ParagraphChange,
    RevisionSummary,
    format_summary,
    summarize_revisions,
)

__all__ = ["diff_command"]


@main.command("diff")
@click.argument("store", type=EXISTING_FILE)
@click.option("--from", "since", required=True, help="The older revision.")
@click.option("--to", "until", required=True, help="The newer revision.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@name_option
@click.pass_context
def diff_command(
    ctx: click.Context, store: Path, since: str, until: str, as_json: bool, name: str | None
) -> None:
    """Show what changed in STORE's negotiation from revision --from to revision --to.

    \b
    consensus-text diff poa.db --from Rev.1 --to Rev.2
    consensus-text diff poa.db --from "Zero draft" --to Rev.3 --json

    Exit status 0: no differences; 1: differences; 2: usage error, unknown revision, bad store.
    """
    try:
        with open_store(store) as opened:
            target = opened.resolve_name(name)
            negotiation = opened.open(target)
        alignment = align_revisions(negotiation, since, until)
    except ConsensusTextError as exc:
        click.echo(f"consensus-text diff: error: {exc}", err=True)
        ctx.exit(2)
    old, new = alignment.old, alignment.new
    summary = summarize_revisions(old, new, alignment=alignment)
    if as_json:
        document = _as_dict(summary, old, new, since, until, target)
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{target}: {since} -> {until}")
        click.echo(format_summary(summary))
        _print_words(summary, old, new)
    ctx.exit(1 if summary.changes else 0)


def _ops(change: ParagraphChange, old: Draft, new: Draft) -> tuple[DiffOp, ...]:
    """The word-level changes of one paragraph (a whole insertion or deletion if new or gone)."""
    pairing = change.pairing
    if pairing.kind is AlignmentKind.NEW:
        text = "\n".join(new.paragraph(pid).text for pid in pairing.new_ids)
        return (DiffOp(DiffKind.INSERT, text),)
    if pairing.kind is AlignmentKind.DELETED:
        text = "\n".join(old.paragraph(pid).text for pid in pairing.old_ids)
        return (DiffOp(DiffKind.DELETE, text),)
    return pairing.ops


def _label(change: ParagraphChange) -> str:
    labels = change.new_labels if change.pairing.new_ids else change.old_labels
    ids = change.pairing.new_ids or change.pairing.old_ids
    return ", ".join(label or f"[{pid}]" for label, pid in zip(labels, ids, strict=True))


def _as_dict(
    summary: RevisionSummary, old: Draft, new: Draft, since: str, until: str, name: str
) -> dict[str, Any]:
    return {
        "from": since,
        "to": until,
        "negotiation": name,
        "counts": {kind.value: n for kind, n in summary.counts.items()},
        "changed": summary.changed,
        "old_paragraphs": summary.old_paragraphs,
        "new_paragraphs": summary.new_paragraphs,
        "words_added": summary.words_added,
        "words_removed": summary.words_removed,
        "brackets_added": summary.brackets_added,
        "brackets_removed": summary.brackets_removed,
        "old_brackets": summary.old_brackets,
        "new_brackets": summary.new_brackets,
        "changes": [
            {
                "label": _label(change),
                "old_labels": list(change.old_labels),
                "new_labels": list(change.new_labels),
                "old_ids": list(change.pairing.old_ids),
                "new_ids": list(change.pairing.new_ids),
                "kind": change.kind.value,
                "edited": change.pairing.edited,
                "moved": change.pairing.moved,
                "renumbered": change.pairing.renumbered,
                "words_added": change.words_added,
                "words_removed": change.words_removed,
                "ops": [{"op": op.kind.value, "text": op.text} for op in _ops(change, old, new)],
            }
            for change in summary.changes
        ],
    }


# Not wdiff's [-...-] and {+...+}: square brackets and braces are the drafts' own notation.
_MARKS = {DiffKind.EQUAL: ("", ""), DiffKind.DELETE: ("<-", "->"), DiffKind.INSERT: ("<+", "+>")}


def _print_words(summary: RevisionSummary, old: Draft, new: Draft) -> None:
    worded = [c for c in summary.changes if _ops(c, old, new)]
    if not worded:
        return
    click.echo("")
    click.echo("Word changes:")
    for change in worded:
        text = "".join(
            _MARKS[op.kind][0] + op.text + _MARKS[op.kind][1] for op in _ops(change, old, new)
        )
        click.echo(f"  {_label(change)} ({change.kind.value}): {text}")
