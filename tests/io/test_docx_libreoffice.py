"""Every export as LibreOffice reads it: PDF and text conversion, Accept All / Reject All.

Skipped with the reason when LibreOffice is not installed (CI installs it). LibreOffice runs
once per module and per job (one conversion for all files), one after the other: parallel
instances made loading fail now and then.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_testkit import LO_TOOL, T1, T2, draft_v1, draft_v2, draft_v3, lo_missing, snapshot_v1

from consensus_text.io.docx import (
    ExportOptions,
    RedlineRound,
    ShadingColours,
    export_bracketed_docx,
    export_clean_docx,
    export_redline_docx,
    export_table_docx,
)
from consensus_text.io.docx._layout import expected_lines

pytestmark = [
    pytest.mark.external,
    pytest.mark.skipif(lo_missing() is not None, reason=str(lo_missing())),
]

EXPORTS = ("bracketed", "clean", "table", "redline1", "redline2")
TIMEOUT = 240


def _convert(files: list[Path], target: str, outdir: Path, profile: Path) -> None:
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )


def _tool(mode: str, path: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(LO_TOOL), mode, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("lo")
    files = {name: root / f"{name}.docx" for name in EXPORTS}
    statuses = {"op1": "blocked", "op2": "consensus_ready"}
    export_bracketed_docx(
        snapshot_v1(),
        files["bracketed"],
        statuses=statuses,
        options=ExportOptions(shading=ShadingColours(), status_table=True),
    )
    export_clean_docx(snapshot_v1(), files["clean"], policy="draft")
    export_table_docx(snapshot_v1(), files["table"], statuses=statuses)
    round1 = RedlineRound(draft_v1(), draft_v2(), "Chair", T1, {"new1": ("EU", T1)})
    export_redline_docx([round1], files["redline1"])
    export_redline_docx(
        [round1, RedlineRound(draft_v2(), draft_v3(), "Facilitator", T2)], files["redline2"]
    )
    pdf_dir, txt_dir = root / "pdf", root / "txt"
    jobs = {
        "pdf": (_convert, list(files.values()), "pdf", pdf_dir, root / "profile-pdf"),
        "txt": (
            _convert,
            list(files.values()),
            "txt:Text (encoded):UTF8",
            txt_dir,
            root / "profile-txt",
        ),
        "accept1": (_tool, "accept", files["redline1"]),
        "reject1": (_tool, "reject", files["redline1"]),
        "accept2": (_tool, "accept", files["redline2"]),
        "reject2": (_tool, "reject", files["redline2"]),
        "changes2": (_tool, "changes", files["redline2"]),
    }
    results: dict[str, object] = {key: job[0](*job[1:]) for key, job in jobs.items()}  # type: ignore[operator]
    results["pdf_dir"], results["txt_dir"] = pdf_dir, txt_dir
    return results


def _lines(text: object) -> list[str]:
    return str(text).rstrip("\n").split("\n")


@pytest.mark.parametrize(
    ("key", "draft"),
    [("accept1", draft_v2), ("reject1", draft_v1), ("accept2", draft_v3), ("reject2", draft_v1)],
)
def test_libreoffice_accept_and_reject_all(lo: dict[str, object], key: str, draft: object) -> None:
    assert _lines(lo[key]) == expected_lines(draft())  # type: ignore[operator]


def test_libreoffice_lists_each_round_with_its_author_and_date(lo: dict[str, object]) -> None:
    rows = {tuple(line.split("\t")) for line in _lines(lo["changes2"])}
    assert ("Insert", "Chair", "2025-03-01") in rows
    assert ("Delete", "Facilitator", "2025-04-01") in rows
    assert ("Insert", "Facilitator", "2025-04-01") in rows
    assert ("Insert", "EU", "2025-03-01") in rows


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_converts_to_pdf(lo: dict[str, object], name: str) -> None:
    pdf = Path(str(lo["pdf_dir"])) / f"{name}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "A/AC.292/2025/L.1" in text
        if name == "bracketed":
            assert "Proposed by EU." in text  # footnotes are on the page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "bracketed",
            [
                "PP1\tRecalling its resolution 77/37 [of 7 December 2022]",
                "Option 2: No text",
                "Status of paragraphs",
                "3 bis.\tInvites [further]3 contributions;",
            ],
        ),
        ("clean", ["Draft: 7 paragraphs not agreed", "(a)\tannual meetings;"]),
        ("table", ["Positions on Programme of Action on ICT security", "RUS", "Blocked"]),
    ],
)
def test_text_conversion_reads_the_content(
    lo: dict[str, object], name: str, expected: list[str]
) -> None:
    text = (Path(str(lo["txt_dir"])) / f"{name}.txt").read_text(encoding="utf-8-sig")
    for fragment in expected:
        assert fragment in text
