"""DOCX written by LibreOffice and by pandoc from the fixture texts imports as the text itself.

LibreOffice converts, in one run: each fixture as plain text (typed labels), each fixture as
HTML with ordered lists (Word automatic numbering written by LibreOffice), and the exporter's
bracketed and redline DOCX (LibreOffice reads and rewrites them). pandoc converts the fixture
Markdown (its "1." lists become Word numbering, footnotes become Word footnotes). Skipped, with
the reason, when a program is not installed.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_testkit import T1, T2, draft_v1, draft_v2, draft_v3, snapshot_v1
from test_docx_import import shape, unattributed

from consensus_text.demo import build_poa_negotiation
from consensus_text.io._text_lines import END_OPTIONS_RE, OPTION_RE
from consensus_text.io.docx import RedlineRound, export_bracketed_docx, export_redline_docx
from consensus_text.io.docx_import import read_docx
from consensus_text.io.text import TextDraftResult, read_text_draft, write_text_draft
from consensus_text.model.snapshot import Snapshot

pytestmark = pytest.mark.external

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "drafts"
NAMES = ("poa_zero_draft", "poa_rev1", "poa_mistakes")
TIMEOUT = 240
NO_SOFFICE = shutil.which("soffice") is None
NO_PANDOC = shutil.which("pandoc") is None
needs_soffice = pytest.mark.skipif(
    NO_SOFFICE,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)
needs_pandoc = pytest.mark.skipif(
    NO_PANDOC, reason="pandoc is not installed: apt-get install pandoc"
)


def fixture_text(name: str) -> str:
    return (FIXTURES / f"{name}.md").read_text(encoding="utf-8")


def codes(result: object) -> list[str]:
    return [d.code for d in getattr(result, "diagnostics", ())]


# -- LibreOffice ----------------------------------------------------------------------------------

_NUMBERED = re.compile(r"([1-9]\d{0,2})\. (.*)", re.DOTALL)


def numbered_html(text: str) -> str:
    """A text draft as HTML: runs of consecutively numbered paragraphs become ``<ol start>``."""
    body: list[str] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if run:
            items = "".join(f"<li><p>{html.escape(t)}</p></li>" for _, t in run)
            body.append(f'<ol start="{run[0][0]}">{items}</ol>')
            run.clear()

    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _NUMBERED.fullmatch(line)
        if match and (not run or int(match.group(1)) == run[-1][0] + 1):
            run.append((int(match.group(1)), match.group(2)))
            continue
        flush()
        if match:
            run.append((int(match.group(1)), match.group(2)))
        elif line.startswith("# "):
            body.append(f"<h1>{html.escape(line[2:])}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{html.escape(line[3:])}</h2>")
        else:
            body.append(f"<p>{html.escape(line)}</p>")
    flush()
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>draft</title></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


REDLINE = [
    RedlineRound(draft_v1(), draft_v2(), "Chair", T1, {"new1": ("EU", T1)}),
    RedlineRound(draft_v2(), draft_v3(), "Facilitator", T2),
]


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    if NO_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("lo")
    source = root / "in"
    source.mkdir()
    texts: dict[str, str] = {}
    for name in NAMES:
        text = write_text_draft(read_text_draft(fixture_text(name)).draft)
        texts[name] = text
        (source / f"{name}-text.txt").write_text(text, encoding="utf-8")
        (source / f"{name}-html.html").write_text(numbered_html(text), encoding="utf-8")
    snapshots = {
        "v1": snapshot_v1(),
        "rev2": build_poa_negotiation().snapshot(revision="Rev.2"),
    }
    for key, snapshot in snapshots.items():
        export_bracketed_docx(snapshot, source / f"export-{key}.docx")
    export_redline_docx(REDLINE, source / "export-redline.docx")
    profile = root / "profile"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(root),
            *sorted(str(p) for p in source.iterdir()),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return {"root": root, "texts": texts, "snapshots": snapshots}


@needs_soffice
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("route", ["text", "html"])
def test_libreoffice_from_fixture(libreoffice: dict[str, object], name: str, route: str) -> None:
    root = libreoffice["root"]
    assert isinstance(root, Path)
    text = libreoffice["texts"][name]  # type: ignore[index]
    want: TextDraftResult = read_text_draft(text)
    got = read_docx(root / f"{name}-{route}.docx")
    assert shape(got.draft) == shape(want.draft)
    assert codes(got) == codes(want)
    if route == "html":
        assert got.stats.numbered > 0  # LibreOffice wrote Word numbering, counted back


@needs_soffice
@pytest.mark.parametrize("key", ["v1", "rev2"])
def test_libreoffice_rewrites_the_bracketed_export(
    libreoffice: dict[str, object], key: str
) -> None:
    root = libreoffice["root"]
    assert isinstance(root, Path)
    snapshot: Snapshot = libreoffice["snapshots"][key]  # type: ignore[index]
    got = read_docx(root / f"export-{key}.docx")
    assert shape(got.draft) == shape(snapshot.draft)


@needs_soffice
@pytest.mark.parametrize("mode", ["accept", "reject"])
def test_libreoffice_rewrites_the_redline(libreoffice: dict[str, object], mode: str) -> None:
    root = libreoffice["root"]
    assert isinstance(root, Path)
    got = read_docx(root / "export-redline.docx", tracked_changes=mode)  # type: ignore[arg-type]
    want = REDLINE[-1].after if mode == "accept" else REDLINE[0].before
    assert shape(got.draft, attribution=False) == shape(unattributed(want), attribution=False)


# -- pandoc ----------------------------------------------------------------------------------------


def pandoc(markdown: str, out: Path, extensions: str = "-smart-fancy_lists") -> Path:
    source = out.with_suffix(".md")
    source.write_text(markdown, encoding="utf-8")
    subprocess.run(
        ["pandoc", "-f", f"markdown{extensions}", "-t", "docx", str(source), "-o", str(out)],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return out


def for_pandoc(text: str, *, literal: bool = False) -> str:
    """The fixture as Markdown: option lines are paragraphs of their own (Markdown would join
    them to the next line). With ``literal`` no "1." starts a list and brackets are escaped:
    Markdown reads a bracket left open across paragraphs as the start of a link."""
    lines = []
    for line in text.split("\n"):
        if OPTION_RE.match(line.strip()) or END_OPTIONS_RE.match(line.strip()):
            lines += ["", line, ""]
            continue
        if literal:
            line = line.replace("[", "\\[").replace("]", "\\]")
            if re.match(r"\d+\. ", line):
                line = line.replace(". ", "\\. ", 1)
        lines.append(line)
    return "\n".join(lines)


@needs_pandoc
@pytest.mark.parametrize("name", ["poa_zero_draft", "poa_rev1"])
def test_pandoc_from_fixture(tmp_path: Path, name: str) -> None:
    """pandoc numbers "1." lists itself (restarting at "5." with a start override)."""
    text = fixture_text(name)
    got = read_docx(pandoc(for_pandoc(text), tmp_path / f"{name}.docx"))
    want = read_text_draft(text)
    assert shape(got.draft) == shape(want.draft)
    assert got.stats.numbered >= 5
    assert got.is_clean and want.is_clean


@needs_pandoc
def test_pandoc_fixture_with_mistakes(tmp_path: Path) -> None:
    """Numbers typed, not listed (a list would renumber "5." after "3."), brackets escaped."""
    text = fixture_text("poa_mistakes")
    got = read_docx(pandoc(for_pandoc(text, literal=True), tmp_path / "m.docx"))
    want = read_text_draft(text)
    assert shape(got.draft) == shape(want.draft)
    assert codes(got) == codes(want)
    # Characters count in the paragraph as Word holds it: "1. Decides to [...] Committee]];"
    first = got.draft.by_label("1")
    shown = "1. " + first.text
    unmatched = [d for d in got.diagnostics if d.code == "unmatched-close"]
    assert [shown[d.character - 1 : d.character + 1] for d in unmatched] == ["]]", "];"]


NESTED = """# Decision

1. Decides that the PoA shall comprise:

    (a) annual meetings;

    (b) technical working groups on:

        (i) international law;

        (ii) [capacity-building]{EU};

    (c) a review conference in 20XX;

2. Requests [the Secretariat][the Office] to report[^1].

3. Invites [States]^[Proposed by EU, G77.] to act.

[^1]: See A/RES/77/37.
"""

NESTED_AS_TEXT = """# Decision

1. Decides that the PoA shall comprise:
(a) annual meetings;
(b) technical working groups on:
(i) international law;
(ii) [capacity-building]{EU};
(c) a review conference in 20XX;

2. Requests [the Secretariat][the Office] to report[^1].

3. Invites [States]{EU, G77} to act.

[^1]: See A/RES/77/37.
"""


@needs_pandoc
def test_pandoc_nested_lists_and_footnotes(tmp_path: Path) -> None:
    """Nested "(a)"/"(i)" lists are Word list levels; a footnote "Proposed by ..." after a
    bracket is its attribution, another footnote stays a marker."""
    got = read_docx(pandoc(NESTED, tmp_path / "nested.docx", extensions="-smart"))
    want = read_text_draft(NESTED_AS_TEXT)
    assert shape(got.draft) == shape(want.draft)
    assert got.footnotes == want.footnotes == (("1", "See A/RES/77/37."),)
    assert got.stats.numbered == 8
    assert got.stats.attributions == 1
