"""The HTML page as a browser shows it: headless Chromium, no network, DOM, screenshot, print.

Skipped with the reason when Chromium is not installed (CI installs Debian's ``chromium``).
The demo negotiation's latest revision is exported once; Chromium then loads the file a few
times, each run with its own throw-away profile, every host name resolving to nothing
(``--host-resolver-rules``), and ``--no-sandbox`` (CI runs as root).

What each test proves:

- **DOM**: ``--dump-dom`` prints the document after Chromium loaded it (parsed, styled, laid
  out). Every paragraph is there with its label, its exact text, its status in words and its
  reasons; every bracket, group of alternatives and placeholder is marked.
- **No request left the page**: Chromium writes a net log (``--log-net-log``) of every URL
  request its network service starts, each with the network isolation key of the frame that
  asked. The export's run has no request keyed to the page (``file://``). A control page with
  an ``<img>`` and a stylesheet on http(s) URLs, loaded the same way, does show its two
  requests: the net log sees what a page asks for. Chromium's own background requests (update
  and account checks, keyed ``null`` or to Google) are not the page's and are not counted.
  Besides, the DOM holds no ``<script>``, ``<link>``, ``<img>``, ``<iframe>``, nothing but
  anchors in ``href`` and the Content-Security-Policy that forbids any load.
- **Screenshot**: a 1200 × 3000 PNG with content (not a blank page); look at it with an image
  viewer when the layout changes.
- **Print**: ``--print-to-pdf`` and ``pdftotext`` (Debian's ``poppler-utils``): the printed
  text has every status word and the reasons, which on screen are folded in ``<details>``.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from test_html_export import by_paragraph, own_text, parse_page, security_problems

from consensus_text.consensus import ConsensusReport, compute_report
from consensus_text.demo import build_poa_negotiation
from consensus_text.io.html import CONTENT_SECURITY_POLICY, export_html
from consensus_text.model.paragraphs import ParagraphKind
from consensus_text.model.snapshot import Snapshot


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _find_chromium()
TIMEOUT = 90

pytestmark = [
    pytest.mark.external,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (Debian: apt-get install chromium fonts-dejavu-core)",
    ),
]

CONTROL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>control</title>
<link rel="stylesheet" href="https://cdn.example.invalid/style.css"></head>
<body><p>A page that asks for two resources.</p>
<img src="http://images.example.invalid/x.png" alt="x"></body></html>
"""


def _run_chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium with a fresh profile and no name resolution; its stdout."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    return done.stdout


def _page_requests(net_log: Path) -> list[str]:
    """The URLs of the requests that the loaded page (a ``file://`` frame) started."""
    text = net_log.read_text("utf-8")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # a log cut short: close the event list
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        if names.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params") or {}
        if "url" not in params:
            continue
        keys = f"{params.get('network_isolation_key', '')} {params.get('site_for_cookies', '')}"
        if "file://" in keys:
            urls.append(params["url"])
    return urls


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Snapshot, ConsensusReport, Path]:
    neg = build_poa_negotiation()
    snapshot = neg.snapshot(revision=neg.revisions[-1])
    report = compute_report(snapshot, "oewg")
    path = tmp_path_factory.mktemp("html") / "poa.html"
    export_html(snapshot, path, report=report)
    return snapshot, report, path


@pytest.fixture(scope="module")
def loaded(
    exported: tuple[Snapshot, ConsensusReport, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[str]]:
    """The DOM after load, and the page's requests from the net log."""
    _, _, path = exported
    work = tmp_path_factory.mktemp("chromium-dom")
    net_log = work / "net.json"
    dom = _run_chromium(
        work / "profile",
        f"--log-net-log={net_log}",
        "--dump-dom",
        path.as_uri(),
    )
    return dom, _page_requests(net_log)


def test_the_dom_after_load_has_every_paragraph_bracket_and_status(
    exported: tuple[Snapshot, ConsensusReport, Path], loaded: tuple[str, list[str]]
) -> None:
    snapshot, report, _ = exported
    dom, _ = loaded
    root = parse_page(dom).root
    items = by_paragraph(root)
    shown = [p for p in snapshot.draft.active() if p.kind is not ParagraphKind.HEADING]
    assert set(items) == {p.id for p in shown}
    for paragraph in shown:
        item = items[paragraph.id]
        status = report.paragraph(paragraph.id)
        text = own_text(item)
        assert text.text() == paragraph.text
        assert len(text.find_all("span", "bracket")) == paragraph.tree.brackets
        assert len(text.find_all("span", "alternatives")) == paragraph.tree.alternative_groups
        assert len(text.find_all("span", "placeholder")) == len(paragraph.tree.placeholders)
        assert item.attrs["data-status"] == status.status.value
        assert item.find("span", "badge").text().endswith(status.status.title)
        if status.reasons:
            reasons = [li.text() for li in item.find("details").find_all("li")]
            assert reasons == [r.message for r in status.reasons]
    headings = [h.text for h in snapshot.draft.active() if h.kind is ParagraphKind.HEADING]
    assert [h.text() for h in root.find("main").find_all("h2")][1:] == headings
    assert sum(len(own_text(i).find_all("span", "bracket")) for i in items.values()) > 0


def test_no_request_left_the_page(
    loaded: tuple[str, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    dom, requests = loaded
    assert requests == []
    parsed = parse_page(dom)
    assert security_problems(dom) == []
    for tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio"):
        assert not parsed.root.find_all(tag), tag
    policies = [
        m.attrs.get("content")
        for m in parsed.root.find_all("meta")
        if m.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == [CONTENT_SECURITY_POLICY]
    # The control: the same kind of run does record what a page asks for.
    work = tmp_path_factory.mktemp("chromium-control")
    control = work / "control.html"
    control.write_text(CONTROL_PAGE, "utf-8")
    _run_chromium(work / "profile", f"--log-net-log={work / 'net.json'}", "--dump-dom",
                  control.as_uri())  # fmt: skip
    assert sorted(_page_requests(work / "net.json")) == [
        "http://images.example.invalid/x.png",
        "https://cdn.example.invalid/style.css",
    ]


def _png_facts(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the image data."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels))


def test_a_screenshot_shows_the_page(
    exported: tuple[Snapshot, ConsensusReport, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _, _, path = exported
    work = tmp_path_factory.mktemp("chromium-shot")
    shot = work / "poa.png"
    _run_chromium(
        work / "profile", f"--screenshot={shot}", "--window-size=1200,3000", path.as_uri()
    )
    data = shot.read_bytes()
    width, height, distinct = _png_facts(data)
    assert (width, height) == (1200, 3000)
    assert distinct > 64, "the screenshot is (nearly) blank"
    assert len(data) > 50_000


def test_the_printed_page_has_statuses_and_reasons(
    exported: tuple[Snapshot, ConsensusReport, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    _, report, path = exported
    work = tmp_path_factory.mktemp("chromium-print")
    pdf = work / "poa.pdf"
    _run_chromium(work / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                  path.as_uri())  # fmt: skip
    printed = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    flat = re.sub(r"\s+", "", printed)  # line breaks fall where the fonts put them
    for title in {s.status.title for s in report.paragraphs}:
        assert title.replace(" ", "") in flat
    blocked = [s for s in report.paragraphs if s.objectors]
    assert blocked
    for status in blocked:
        # The reasons are folded in <details> on screen; printed, they are shown.
        for reason in status.reasons:
            assert re.sub(r"\s+", "", reason.message) in flat
    assert "Contents" not in printed  # the table of contents is for the screen only
