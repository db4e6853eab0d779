"""Regenerate the reference pages from the code: ``python docs/generate.py``.

- ``docs/cli.md``: every ``consensus-text`` command with its ``--help`` text;
- ``docs/api.md``: every public name of the public modules, with its signature and the first
  paragraph of its docstring.

The test suite checks that both pages are up to date (``tests/test_docs_reference.py``).
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: The public modules, in the order the API page lists them.
PUBLIC_MODULES = (
    "consensus_text.model",
    "consensus_text.history",
    "consensus_text.consensus",
    "consensus_text.exports",
    "consensus_text.diff",
    "consensus_text.align",
    "consensus_text.amendments",
    "consensus_text.summary",
    "consensus_text.io.text",
    "consensus_text.io.json",
    "consensus_text.io.docx",
    "consensus_text.io.docx_import",
    "consensus_text.io.akn",
    "consensus_text.io.html",
    "consensus_text.analysis",
    "consensus_text.demo",
    "consensus_text.errors",
)


def cli_page() -> str:
    """The command-line reference as Markdown."""
    from consensus_text.cli import main

    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands' own help by `python docs/generate.py`; do not edit by hand.",
        "Every command exits 0 on success, 1 when the library reports a problem (printed as one",
        "line: what is wrong and how to fix it), and 2 for a usage error.",
        "",
    ]
    # make_context applies the group's context settings (``-h`` as well as ``--help``), as a
    # real invocation does; click caches each command's help option on first use.
    context = main.make_context("consensus-text", [], resilient_parsing=True, terminal_width=80)
    for name in sorted(main.list_commands(context)):
        command = main.get_command(context, name)
        assert command is not None
        with command.make_context(name, [], parent=context, resilient_parsing=True) as sub:
            help_text = command.get_help(sub)
        lines += [f"## `consensus-text {name}`", "", "```text", help_text.rstrip(), "```", ""]
    return "\n".join(lines)


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.split("\n\n")[0].replace("\n", " ").strip()


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


def api_page() -> str:
    """The API reference as Markdown."""
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings by `python docs/generate.py`; do not edit by hand. Each",
        "module's own docstring has runnable examples; so do most classes and functions.",
        "",
    ]
    for module_name in PUBLIC_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # an optional backend whose extra is not installed
            continue
        lines += [f"## `{module_name}`", "", _summary(module), ""]
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                kind = "class" if inspect.isclass(obj) else "def"
                signature = _signature(obj) if kind == "def" else ""
                lines.append(f"- **{kind} `{name}{signature}`**: {_summary(obj)}")
            else:
                lines.append(f"- `{name}`: {type(obj).__name__}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    (HERE / "cli.md").write_text(cli_page() + "\n", encoding="utf-8")
    (HERE / "api.md").write_text(api_page() + "\n", encoding="utf-8")
    print("wrote docs/cli.md and docs/api.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
