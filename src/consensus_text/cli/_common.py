"""What every sub-command shares: error reporting and opening a negotiation from a store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from consensus_text.errors import ConsensusTextError
from consensus_text.history import Negotiation, Store, open_store

__all__ = [
    "EXISTING_FILE",
    "NEW_FILE",
    "PROGRESS_THRESHOLD",
    "handle_errors",
    "name_option",
    "opened_negotiation",
    "opened_store",
]

#: A file that must exist (a store, a draft).
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
#: A file to write.
NEW_FILE = click.Path(dir_okay=False, path_type=Path)

name_option = click.option(
    "--name", default=None, help="The negotiation, when the store holds several."
)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn the library's errors into a one-line message on stderr and exit status 1."""
    try:
        yield
    except ConsensusTextError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def opened_store(path: Path) -> Iterator[Store]:
    """The store at ``path``, closed on exit, with the library's errors reported."""
    with handle_errors(), open_store(path) as store:
        yield store


#: Logs at least this long show a progress bar while they are replayed (on a terminal).
PROGRESS_THRESHOLD = 50_000


@contextmanager
def opened_negotiation(path: Path, name: str | None) -> Iterator[Negotiation]:
    """The negotiation ``name`` (or the only one) of the store at ``path``.

    A long log shows a progress bar on stderr while it is replayed, when stderr is a terminal.
    """
    with opened_store(path) as store:
        resolved = store.resolve_name(name)
        total = store.count(resolved)
        if total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
            yield store.open(resolved)
            return
        with click.progressbar(
            length=total, label=f"replaying {total:,} events", file=sys.stderr
        ) as bar:
            done = [0]

            def advance(count: int) -> None:
                bar.update(count - done[0])
                done[0] = count

            negotiation = store.open(resolved, progress=advance)
        yield negotiation
