"""What every sub-command shares: error reporting and opening a negotiation from a store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from consensus_text.errors import ConsensusTextError
from consensus_text.history import Negotiation, Store, open_store

__all__ = [
    "EXISTING_FILE",
    "NEW_FILE",
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


@contextmanager
def opened_negotiation(path: Path, name: str | None) -> Iterator[Negotiation]:
    """The negotiation ``name`` (or the only one) of the store at ``path``."""
    with opened_store(path) as store:
        yield store.open(store.resolve_name(name))
