"""``consensus-text status``: the consensus status of every paragraph, with the reasons."""

from __future__ import annotations

import json
from pathlib import Path

import click

from consensus_text.cli import main
from consensus_text.cli._common import EXISTING_FILE, name_option, opened_negotiation
from consensus_text.consensus import Rules, compute_report, format_status_table, report_to_dict

__all__ = ["status_command"]


@main.command("status")
@click.argument("store", type=EXISTING_FILE)
@click.option("--revision", default=None, help="A revision label; the current state if left out.")
@click.option(
    "--rules",
    default="oewg",
    show_default=True,
    type=click.Choice(Rules.presets()),
    help="The rules of procedure.",
)
@name_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def status_command(
    store: Path, revision: str | None, rules: str, name: str | None, as_json: bool
) -> None:
    """Print the status of every paragraph of a negotiation in STORE."""
    with opened_negotiation(store, name) as negotiation:
        snapshot = (
            negotiation.state if revision is None else negotiation.snapshot(revision=revision)
        )
        report = compute_report(snapshot, rules)
    if as_json:
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False, indent=1))
    else:
        click.echo(format_status_table(report))
