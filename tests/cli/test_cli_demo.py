"""``consensus-text demo``, ``status`` and ``export`` on the demo negotiation's store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from consensus_text.cli import main
from consensus_text.history import open_store

LO_TOOL = Path(__file__).resolve().parents[3] / "shared" / "tools" / "lo_tracked_changes.py"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_demo_prints_the_table_and_the_history(demo_dir: Path) -> None:
    result = CliRunner().invoke(main, ["demo", str(demo_dir)])
    assert result.exit_code == 0, result.output
    assert "document: not adoptable" in result.output
    assert "History: 383 events, revisions Zero draft, Rev.1, Rev.2, Rev.3" in result.output
    for name in ("bracketed.docx", "clean-draft.docx", "redline.docx", "status-table.docx"):
        assert f"wrote {demo_dir / name}" in result.output


def test_demo_files_open_in_python_docx(demo_dir: Path) -> None:
    with open_store(demo_dir / "poa.db") as store:
        negotiation = store.open("poa")
    assert negotiation.revisions == ("Zero draft", "Rev.1", "Rev.2", "Rev.3")
    texts = {}
    for name in ("bracketed.docx", "clean-draft.docx", "redline.docx", "status-table.docx"):
        document = docx.Document(str(demo_dir / name))
        texts[name] = "\n".join(p.text for p in document.paragraphs)
        assert document.paragraphs or document.tables
    assert "Programme of Action" in texts["bracketed.docx"]
    assert "[" in texts["bracketed.docx"]
    assert "DRAFT" in texts["clean-draft.docx"] or any(
        "DRAFT" in (s.header.paragraphs[0].text if s.header.paragraphs else "")
        for s in docx.Document(str(demo_dir / "clean-draft.docx")).sections
    )
    data = json.loads((demo_dir / "negotiation.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert (demo_dir / "poa.db").stat().st_mode & 0o044  # readable by others, like any file


def test_status_json_shape(demo_dir: Path) -> None:
    result = CliRunner().invoke(main, ["status", str(demo_dir / "poa.db"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["document"]["adoptable"] is False
    assert {"label", "status", "brackets", "objectors"} <= set(data["paragraphs"][0])
    statuses = {p["status"] for p in data["paragraphs"]}
    assert {"blocked", "pending", "confirmed"} <= statuses


def test_status_of_a_past_revision_and_errors(demo_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["status", str(demo_dir / "poa.db"), "--revision", "Rev.1"])
    assert result.exit_code == 0
    assert "document: not adoptable" in result.output
    result = runner.invoke(main, ["status", str(demo_dir / "poa.db"), "--revision", "Rev.9"])
    assert result.exit_code == 1
    assert "no revision 'Rev.9'" in result.output
    assert "issued: Zero draft, Rev.1, Rev.2, Rev.3" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "clean"], "still pending"),
        (["--format", "redline", "--from", "Rev.3", "--to", "Rev.1"], "does not come after"),
        (["--format", "redline"], "needs the older revision"),
        (["--format", "bracketed", "--revision", "Rev.7"], "no revision 'Rev.7'"),
    ],
)
def test_export_errors_are_one_line(
    demo_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.docx"
    result = CliRunner().invoke(
        main, ["export", str(demo_dir / "poa.db"), "--out", str(out), *args]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "bracketed", "--revision", "Rev.2", "--shade"],
        ["--format", "clean", "--pending", "omit"],
        ["--format", "redline", "--from", "Rev.1", "--to", "Rev.3"],
        ["--format", "table"],
        ["--format", "text", "--revision", "Zero draft"],
        ["--format", "json"],
        ["--format", "html", "--revision", "Rev.3", "--from", "Rev.2"],
        ["--format", "akn", "--revision", "Rev.1"],
    ],
)
def test_export_formats(demo_dir: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "out.bin"
    result = CliRunner().invoke(
        main, ["export", str(demo_dir / "poa.db"), "--out", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 500
    data = out.read_bytes()
    if "akn" in args:
        from consensus_text.io.akn import read_akn, validate_akn

        validate_akn(data)
        assert read_akn(data).revision is not None
    if "html" in args:
        assert b"<!DOCTYPE html>" in data[:200] or b"<!doctype html>" in data[:200].lower()
        assert b"<ins" in data


@pytest.mark.external
@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
@pytest.mark.skipif(
    not LO_TOOL.exists(), reason="the shared LibreOffice checker is not beside the repo"
)
def test_demo_redline_in_libreoffice(demo_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(LO_TOOL), "changes", str(demo_dir / "redline.docx")],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    authors = {line.split("\t")[1] for line in result.stdout.splitlines() if "\t" in line}
    assert "Chair" in authors
    assert len(authors) > 2  # the participants whose proposals changed the text are credited
