"""``consensus-text check``: the report, the JSON object and the exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import consensus_text.cli.check  # noqa: F401  (registers the command until the integrator does)
from consensus_text.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "drafts"
KEYS = ["paragraphs", "brackets", "alternative_groups", "max_depth", "placeholders", "diagnostics"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_draft_exits_0() -> None:
    code, out, err = run(str(FIXTURES / "poa_zero_draft.md"))
    assert code == 0, out
    assert out.splitlines() == [
        "paragraphs: 15",
        "bracket pairs: 17",
        "alternative groups: 7",
        "maximum depth: 3",
        "placeholders: 2",
        "no problems found",
    ]
    assert err == ""


def test_diagnostics_exit_1_with_file_line_column(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text(
        "1. Decides to [convene\na conference;\n\n2. Requests a report;]\n\n2. Invites States;\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[-3:] == [
        f"{path}:1:15: bracket opened at 1:15 is closed in a later paragraph at 4:22",
        f"{path}:6:1: duplicate label '2', already used at 4:1",
        "2 problems found",
    ]


def test_json_report() -> None:
    path = str(FIXTURES / "poa_mistakes.md")
    code, out, _ = run(path, "--json")
    assert code == 1
    report = json.loads(out)
    assert all(key in report for key in KEYS)
    assert report["file"] == path
    assert report["paragraphs"] == 9
    first = report["diagnostics"][0]
    assert set(first) >= {"line", "column", "message", "code"}
    assert (first["line"], first["column"], first["code"]) == (6, 10, "unmatched-close")
    assert "bracket-across-paragraphs" in {d["code"] for d in report["diagnostics"]}


def test_json_clean() -> None:
    code, out, _ = run("--json", str(FIXTURES / "poa_rev1.md"))
    assert code == 0
    report = json.loads(out)
    assert report["diagnostics"] == []
    assert report["symbol"] == "A/AC.292/2025/L.1/Rev.1"
    assert {key: report[key] for key in KEYS[:-1]} == {
        "paragraphs": 8,
        "brackets": 15,
        "alternative_groups": 6,
        "max_depth": 2,
        "placeholders": 2,
    }


def test_extracted(tmp_path: Path) -> None:
    path = tmp_path / "extracted.txt"
    path.write_text(
        "A/AC.292/2025/L.1\n1. Decides to estab-\nlishment of [a PoA;\n\f- 2 -\n", encoding="utf-8"
    )
    code, out, _ = run(str(path), "--extracted")
    assert code == 1
    assert "clean-up changes: 4" in out
    assert f"{path}:3:13: '[' at line 3, column 13 is never closed" in out
    code, out, _ = run(str(path), "--extracted", "--json")
    report = json.loads(out)
    assert [c["kind"] for c in report["changes"]] == [
        "page-header",
        "hyphenation",
        "form-feed",
        "page-number",
    ]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.md", None, "No such file or directory"),
        ("latin1.md", b"1. D\xe9cide;\n", "is not UTF-8: byte 0xe9 at byte offset 4"),
        ("draft.bin", b"PK\x03\x04\x00", "is not a text file: NUL byte at byte offset 4"),
        ("draft.docx", b"PK\x03\x04\x00", "is not a DOCX (ZIP) file"),
    ],
)
def test_unreadable_file_exits_2(
    tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    code, out, err = run(str(path))
    assert code == 2
    assert out == ""
    assert name in err and reason in err


def test_usage_errors_exit_2() -> None:
    assert run()[0] == 2
    assert run("--no-such-option", "x.md")[0] == 2


def test_as_a_whole_process(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("1. Decides [to act;\n", encoding="utf-8")
    command = [
        sys.executable,
        "-c",
        "import consensus_text.cli.check; from consensus_text.cli import main; main()",
        "check",
        str(path),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert f"{path}:1:12: " in done.stdout
    done = subprocess.run(
        [*command[:-1], str(tmp_path / "none.md")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "none.md" in done.stderr
