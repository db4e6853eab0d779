"""``consensus-text check`` on Word drafts: positions are paragraph and character."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from consensus_text.cli import main
from consensus_text.io.docx import export_bracketed_docx
from consensus_text.model import Draft, Label, Paragraph, ParagraphKind, Snapshot


def _write(path: Path, *texts: str) -> None:
    paragraphs = [
        Paragraph(f"p{i}", ParagraphKind.OPERATIVE, text, label=Label(i))
        for i, text in enumerate(texts, start=1)
    ]
    export_bracketed_docx(Snapshot(draft=Draft(title="T", paragraphs=paragraphs)), path)


def test_clean_word_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    _write(path, "Decides to [act][meet];", "Requests [annual] reports.")
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["paragraphs"], data["brackets"], data["alternative_groups"]) == (2, 3, 1)
    assert data["diagnostics"] == []


def test_word_draft_with_a_stray_bracket(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    _write(path, "Decides to act];")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "unmatched" in x)
    assert line.startswith(f"{path}:")
    paragraph, character = (int(n) for n in line[len(str(path)) + 1 :].split(":")[:2])
    assert paragraph >= 1
    assert character == len("1. Decides to act]") or character == len("Decides to act]")


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(b"not a zip file")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "ZIP" in result.output or "DOCX" in result.output
