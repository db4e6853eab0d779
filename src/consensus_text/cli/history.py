"""History commands: ``init``, ``history``, ``export-json`` and ``import-json``.

A STORE is a SQLite file made by :func:`consensus_text.history.open_store`; it may hold several
negotiations, told apart by ``--name`` (which may be left out when the store holds only one).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from consensus_text.cli import main
from consensus_text.cli._common import EXISTING_FILE, NEW_FILE, handle_errors
from consensus_text.cli._common import opened_store as _store
from consensus_text.history import describe
from consensus_text.history._codec import event_to_dict
from consensus_text.io.json import export_json, import_json

__all__ = ["export_json_command", "history_command", "import_json_command", "init_command"]

_STORE = NEW_FILE
_EXISTING = EXISTING_FILE


@main.command("init")
@click.argument("store", type=_STORE)
@click.option("--title", required=True, help="The document's title.")
@click.option("--symbol", default="", help="Its document symbol, e.g. A/AC.292/2025/L.1.")
@click.option("--name", default="default", show_default=True, help="The negotiation's name.")
def init_command(store: Path, title: str, symbol: str, name: str) -> None:
    """Start a negotiation in STORE (created if needed)."""
    with _store(store) as opened:
        opened.create(name, title=title, symbol=symbol)
    click.echo(f"created negotiation {name!r} in {store}: {title}")


@main.command("history")
@click.argument("store", type=_EXISTING)
@click.option("--name", default=None, help="The negotiation (if the store holds several).")
@click.option("--json", "as_json", is_flag=True, help="Print the events as a JSON list.")
def history_command(store: Path, name: str | None, as_json: bool) -> None:
    """Print the event log of a negotiation in STORE, one event a line."""
    with _store(store) as opened:
        events = opened.read(opened.resolve_name(name))
    if as_json:
        click.echo(json.dumps([event_to_dict(e) for e in events], ensure_ascii=False, indent=1))
        return
    for number, event in enumerate(events, start=1):
        meeting = f" ({event.meeting})" if event.meeting else ""
        revision = event.revision or "-"
        click.echo(f"#{number} {event.at.isoformat()} [{revision}]{meeting} {describe(event)}")


@main.command("export-json")
@click.argument("store", type=_EXISTING)
@click.option("--out", "out", required=True, type=_STORE, help="The JSON file to write.")
@click.option("--name", default=None, help="The negotiation (if the store holds several).")
@click.option("--indent", type=int, default=None, help="Pretty-print with this indent.")
def export_json_command(store: Path, out: Path, name: str | None, indent: int | None) -> None:
    """Write a negotiation of STORE to a JSON file."""
    with _store(store) as opened:
        negotiation = opened.open(name)
        export_json(negotiation, out, indent=indent)
    click.echo(f"wrote {negotiation.event_count} events to {out}")


@main.command("import-json")
@click.argument("file", type=_EXISTING)
@click.option("--store", "store", required=True, type=_STORE, help="The store to write to.")
@click.option("--name", default=None, help="The name in the store (default: the file's).")
def import_json_command(file: Path, store: Path, name: str | None) -> None:
    """Read a negotiation from a JSON FILE into a store."""
    with handle_errors():
        recorded, negotiation = import_json(file)
    target = name or recorded or "default"
    with _store(store) as opened:
        opened.import_events(target, negotiation.events)
    click.echo(f"imported {negotiation.event_count} events into {store} as {target!r}")
