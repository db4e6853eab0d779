"""``consensus-text check FILE``: a bracket linter for plain-text, Markdown and Word drafts.

It reads the draft with :func:`consensus_text.io.text.read_text_file` (or, for a ``.docx``
file, :func:`consensus_text.io.docx_import.read_docx`, where the two numbers of a position are
the paragraph of the document and the character in it), prints the number of
paragraphs, bracket pairs, alternative groups, the deepest nesting and the placeholders, then
every problem as ``FILE:LINE:COL: message``. Exit status: 0 when the draft is clean, 1 when
there are problems, 2 for a usage error or a file that cannot be read (the reason is on stderr).

``--json`` prints one object instead::

    {"file": "draft.md", "title": "...", "symbol": "...", "paragraphs": 12, "brackets": 30,
     "alternative_groups": 4, "max_depth": 3, "placeholders": 2,
     "diagnostics": [{"line": 3, "column": 14, "message": "...", "code": "unmatched-close",
                      "severity": "error", "hint": "..."}]}

``--extracted`` first undoes the damage of PDF extraction (page headers and footers, broken
hyphenation, glued footnote numbers); the changes are counted (listed with ``--json``), and
diagnostics still point at the file's own lines.
"""

from __future__ import annotations

import json
from typing import Any

import click

from consensus_text.cli import main
from consensus_text.errors import FormatError
from consensus_text.io.docx_import import DocxImportResult, read_docx
from consensus_text.io.text import TextDraftResult, read_text_file

__all__ = ["check"]


@main.command("check")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--extracted",
    is_flag=True,
    help="The text was extracted from PDF: remove page furniture, join hyphenation, "
    "mark footnotes before checking.",
)
@click.pass_context
def check(ctx: click.Context, file: str, as_json: bool, extracted: bool) -> None:
    """Check the brackets, labels and options of a text, Markdown or Word (.docx) draft.

    Exit status 0: clean; 1: problems found; 2: usage error or unreadable file.
    """
    try:
        if file.lower().endswith(".docx"):
            result: TextDraftResult | DocxImportResult = read_docx(file, name=file)
        else:
            result = read_text_file(file, extracted=extracted)
    except FormatError as exc:  # UnsafeInputError included
        click.echo(f"consensus-text check: error: {exc}", err=True)
        ctx.exit(2)
    if as_json:
        click.echo(json.dumps(_as_dict(file, result), ensure_ascii=False, indent=2))
    else:
        _print_report(file, result)
    ctx.exit(1 if result.diagnostics else 0)


def _where(diagnostic: object) -> tuple[int, int]:
    """Line and column of a text diagnostic; paragraph and character of a DOCX one."""
    if hasattr(diagnostic, "paragraph"):
        return diagnostic.paragraph, diagnostic.character  # type: ignore[attr-defined]
    return diagnostic.line, diagnostic.column  # type: ignore[attr-defined]


def _as_dict(file: str, result: TextDraftResult | DocxImportResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": file,
        "title": result.draft.title,
        "symbol": result.draft.symbol,
        **result.stats.to_dict(),
        "diagnostics": [
            {
                "line": _where(d)[0],
                "column": _where(d)[1],
                "message": d.message,
                "code": d.code,
                "severity": d.severity,
                "hint": d.hint,
            }
            for d in result.diagnostics
        ],
    }
    if isinstance(result, TextDraftResult) and result.cleanup is not None:
        out["changes"] = [
            {"line": c.line, "kind": c.kind, "before": c.before, "after": c.after}
            for c in result.cleanup.changes
        ]
    return out


def _print_report(file: str, result: TextDraftResult | DocxImportResult) -> None:
    stats = result.stats
    click.echo(f"paragraphs: {stats.paragraphs}")
    click.echo(f"bracket pairs: {stats.brackets}")
    click.echo(f"alternative groups: {stats.alternative_groups}")
    click.echo(f"maximum depth: {stats.max_depth}")
    click.echo(f"placeholders: {stats.placeholders}")
    if isinstance(result, TextDraftResult) and result.cleanup is not None:
        click.echo(f"clean-up changes: {len(result.cleanup.changes)}")
    for d in result.diagnostics:
        line, column = _where(d)
        click.echo(f"{file}:{line}:{column}: {d.message}")
    count = len(result.diagnostics)
    click.echo(
        f"{count} problem{'s' if count != 1 else ''} found" if count else "no problems found"
    )
