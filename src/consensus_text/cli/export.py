"""``consensus-text export``: a revision as DOCX, Akoma Ntoso, HTML, JSON or text."""

from __future__ import annotations

from pathlib import Path

import click

from consensus_text.cli import main
from consensus_text.cli._common import EXISTING_FILE, NEW_FILE, name_option, opened_negotiation
from consensus_text.consensus import Rules
from consensus_text.exports import FORMATS, ExportFormat, export_revision

__all__ = ["export_command"]


@main.command("export")
@click.argument("store", type=EXISTING_FILE)
@click.option(
    "--format", "format_", required=True, type=click.Choice(FORMATS), help="What to write."
)
@click.option("--out", required=True, type=NEW_FILE, help="The file to write (atomically).")
@click.option("--revision", default=None, help="The revision; the current state if left out.")
@click.option("--to", "to", default=None, help="Redline: the newer revision (same as --revision).")
@click.option("--from", "since", default=None, help="Redline, html: the older revision.")
@click.option(
    "--pending",
    type=click.Choice(["omit", "keep", "draft"]),
    default=None,
    help="Clean text: what to do with paragraphs not yet agreed (default: refuse).",
)
@click.option("--shade", is_flag=True, help="Bracketed: shade paragraphs by status, add a table.")
@click.option("--rules", default="oewg", show_default=True, type=click.Choice(Rules.presets()))
@name_option
def export_command(
    store: Path,
    format_: ExportFormat,
    out: Path,
    revision: str | None,
    to: str | None,
    since: str | None,
    pending: str | None,
    shade: bool,
    rules: str,
    name: str | None,
) -> None:
    """Write a revision of a negotiation in STORE to a file.

    \b
    consensus-text export poa.db --format bracketed --out rev2.docx --revision Rev.2
    consensus-text export poa.db --format redline --from Rev.1 --to Rev.3 --out changes.docx
    consensus-text export poa.db --format clean --pending draft --out clean.docx
    """
    if to is not None and revision is not None and to != revision:
        raise click.UsageError("--to and --revision name different revisions; give one")
    with opened_negotiation(store, name) as negotiation:
        export_revision(
            negotiation,
            out,
            format=format_,
            revision=to or revision,
            since=since,
            rules=rules,
            pending=pending,
            shade=shade,
        )
    click.echo(f"wrote {out}")
