"""The ``consensus-text`` command line, built on the public API.

Each sub-command lives in a module of its own and registers itself on :data:`main`.
"""

from __future__ import annotations

import click

from consensus_text import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consensus-text")
def main() -> None:
    """Track consensus on negotiated texts."""


def _register() -> None:
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(f"consensus_text.cli.{name}")


_COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "demo",
    "diff",
    "export",
    "history",
    "importing",
    "status",
)
_register()
