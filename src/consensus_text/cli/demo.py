"""``consensus-text demo OUTDIR``: the fixture negotiation, its status, and its exports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from consensus_text.cli import main
from consensus_text.cli._common import handle_errors
from consensus_text.consensus import format_status_table
from consensus_text.demo.run import run_demo
from consensus_text.history import describe

__all__ = ["demo_command"]


@main.command("demo")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--quiet", is_flag=True, help="Print only the list of files written.")
def demo_command(outdir: Path, quiet: bool) -> None:
    """Build the demo negotiation (the Programme of Action on ICT security) in OUTDIR.

    Writes OUTDIR/poa.db (the event store), the bracketed, clean (marked as a draft) and
    redline DOCX files, a status table, the JSON export, an HTML page and Akoma Ntoso XML;
    prints the status table of the latest state and a short history summary. Running it again
    rebuilds the demo store whole.
    """
    with handle_errors():
        result = run_demo(outdir, progress=None if quiet else lambda m: click.echo(m, err=True))
    negotiation = result.negotiation
    if not quiet:
        click.echo(format_status_table(result.report))
        click.echo("")
        kinds = Counter(event.event_type for event in negotiation.events)
        click.echo(
            f"History: {len(negotiation.events)} events, revisions "
            + ", ".join(negotiation.revisions)
        )
        click.echo("  " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))
        click.echo(f"  last: {describe(negotiation.events[-1])}")
        click.echo("")
    click.echo(f"store: {result.store}")
    for path in result.files:
        click.echo(f"wrote {path}")
