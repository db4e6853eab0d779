"""Plots rendered to files and checked: size, PNG dimensions, SVG text, axes, cell values."""

from __future__ import annotations

import struct
import sys
import types
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.figure import Figure

from consensus_text.analysis import (
    CURRENT,
    POSITION_CATEGORIES,
    Timeline,
    compute_timeline,
    plot_positions,
    plot_progress,
    save_figure,
)
from consensus_text.analysis._colours import STATUS_COLOURS
from consensus_text.consensus import Status
from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import RevisionNotFoundError, ValidationError
from consensus_text.history import Negotiation

sys.path.insert(0, str(Path(__file__).parent))
from analysis_testkit import build_small_negotiation, t

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk that follows the PNG signature."""
    data = path.read_bytes()[:24]
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def cells(axes: Any) -> list[list[int]]:
    """The category codes of the heat map's cells, row by row."""
    array = axes.images[0].get_array()
    assert array is not None
    return [[int(v) for v in row] for row in array.tolist()]


@pytest.fixture(scope="module")
def small() -> Timeline:
    return compute_timeline(build_small_negotiation())


@pytest.fixture(scope="module")
def demo() -> Timeline:
    return compute_timeline(build_poa_negotiation())


def test_progress_axes(small: Timeline) -> None:
    figure = plot_progress(small)
    assert isinstance(figure, Figure)
    axes, right = figure.axes
    assert (axes.get_xlabel(), axes.get_ylabel(), axes.get_title()) == (
        "Revision",
        "Paragraphs",
        "Consensus progress",
    )
    assert right.get_ylabel() == "Open brackets"
    assert [tick.get_text() for tick in axes.get_xticklabels()] == [
        "Zero draft",
        "Rev.1",
        "Rev.2",
        CURRENT,
    ]
    (line,) = right.get_lines()
    assert list(map(float, line.get_ydata())) == [3, 4, 2, 0]  # type: ignore[arg-type]
    # One bar series per status present, stacked to the number of paragraphs.
    heights = [0.0] * 4
    colours = set()
    for container in axes.containers:
        for i, bar in enumerate(container):
            heights[i] += bar.get_height()
        colours.add(matplotlib.colors.to_hex(container[0].get_facecolor()))
    assert heights == [4, 4, 5, 5]
    expected = {
        STATUS_COLOURS[s]
        for s in (
            Status.CONSENSUS_READY,
            Status.PENDING,
            Status.BLOCKED,
            Status.AGREED_IN_INFORMALS,
            Status.CONFIRMED,
        )
    }
    assert colours == expected
    legend = figure.legends[0]
    assert [text.get_text() for text in legend.get_texts()][-1] == "open brackets"


def test_progress_png_and_svg_files(small: Timeline, tmp_path: Path) -> None:
    png = tmp_path / "progress.png"
    figure = plot_progress(small, path=png, title="Small declaration")
    assert figure.axes[0].get_title() == "Small declaration"
    assert png.stat().st_size > 10_000
    width, height = figure.get_size_inches() * 100
    assert png_size(png) == (round(width), round(height)) == (840, 450)
    svg = save_figure(figure, tmp_path / "progress.svg")
    text = svg.read_text(encoding="utf-8")
    assert svg.stat().st_size > 10_000
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    for label in ("Revision", "Paragraphs", "Open brackets", "Small declaration", "Zero draft"):
        assert f">{label}<" in text
    # No date: the same figure gives the same file.
    again = save_figure(figure, tmp_path / "again.svg")
    assert again.read_bytes() == svg.read_bytes()


def test_positions_heat_map_cells(small: Timeline) -> None:
    figure = plot_positions(small, checkpoint="Rev.1")
    axes = figure.axes[0]
    assert (axes.get_xlabel(), axes.get_ylabel(), axes.get_title()) == (
        "Paragraph",
        "Participant",
        "Positions at Rev.1",
    )
    assert [tick.get_text() for tick in axes.get_yticklabels()] == [
        "BRA",
        "CHN",
        "FRA",
        "RUS",
        "USA",
    ]
    assert [tick.get_text() for tick in axes.get_xticklabels()] == ["PP1", "1", "2", "3"]
    s, r, o = (POSITION_CATEGORIES.index(name) for name in ("support", "reservation", "objection"))
    assert cells(axes) == [
        [s, 0, 0, 0],  # BRA supports p1
        [0, s, r, 0],  # CHN prefers option 2 of p2; reservation on p3
        [0, s, 0, s],  # FRA
        [0, s, 0, o],  # RUS objects to p4
        [0, s, 0, s],  # USA
    ]


def test_positions_heat_map_shows_stale_positions(small: Timeline) -> None:
    figure = plot_positions(small)  # the last checkpoint: current
    axes = figure.axes[0]
    assert axes.get_title() == "Positions at current"
    s, r, x = (POSITION_CATEGORIES.index(name) for name in ("support", "reservation", "stale"))
    assert cells(axes) == [
        [s, 0, 0, 0, 0],
        [0, x, r, 0, 0],  # CHN's preference was on p2's first wording
        [0, x, 0, x, 0],
        [0, s, 0, x, 0],  # RUS restated support on p2's new wording; its objection is stale
        [0, s, 0, x, 0],
    ]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == list(POSITION_CATEGORIES[1:])


def test_positions_heat_map_of_chosen_participants(small: Timeline, tmp_path: Path) -> None:
    path = tmp_path / "positions.png"
    figure = plot_positions(small, participants=["USA", "RUS"], path=path)
    assert [tick.get_text() for tick in figure.axes[0].get_yticklabels()] == ["USA", "RUS"]
    assert path.stat().st_size > 5_000
    width, height = png_size(path)
    assert (width, height) == tuple(round(v) for v in figure.get_size_inches() * 100)


def test_demo_heat_map_files(demo: Timeline, tmp_path: Path) -> None:
    figure = plot_positions(demo, path=tmp_path / "demo.svg")
    axes = figure.axes[0]
    rows, columns = len(cells(axes)), len(cells(axes)[0])
    assert columns == len(demo.last.report.paragraphs) == 59
    assert rows >= 40
    text = (tmp_path / "demo.svg").read_text(encoding="utf-8")
    assert ">Participant<" in text and ">Paragraph<" in text and ">G77<" in text
    save_figure(figure, tmp_path / "demo.png")
    width, height = png_size(tmp_path / "demo.png")
    assert width > 1_000 and height > 1_000
    assert (tmp_path / "demo.png").stat().st_size > 50_000
    progress = plot_progress(demo, path=tmp_path / "progress.png")
    assert len(progress.axes[0].get_xticklabels()) == 5


def test_errors(small: Timeline, tmp_path: Path) -> None:
    figure = plot_progress(small)
    with pytest.raises(ValidationError, match="which image format") as info:
        save_figure(figure, tmp_path / "progress")
    assert ".png" in str(info.value) and ".svg" in str(info.value)
    with pytest.raises(RevisionNotFoundError, match=r"Rev\.7"):
        plot_positions(small, checkpoint="Rev.7")
    with pytest.raises(ValidationError, match="no position to plot at 'Zero draft'"):
        plot_positions(small, checkpoint="Zero draft")
    empty = Negotiation.create("T", at=t(1))
    with pytest.raises(ValidationError, match="nothing to plot"):
        plot_progress(compute_timeline(empty, include_current=False))


def test_missing_matplotlib_names_the_extra(
    small: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"consensus_text\[analysis\]"):
        plot_progress(small)
    with pytest.raises(ImportError, match="matplotlib is needed for plots"):
        plot_positions(small)


class _Formatter:
    def __init__(self) -> None:
        self.types: dict[type, Any] = {}

    def lookup_by_type(self, kind: type) -> Any:
        return self.types[kind]

    def for_type(self, kind: type, function: Any) -> None:
        self.types[kind] = function


class _Shell:
    def __init__(self) -> None:
        self.display_formatter = types.SimpleNamespace(formatters={"image/png": _Formatter()})


def test_figures_show_inline_in_ipython(small: Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    shell = _Shell()
    fake = types.ModuleType("IPython")
    fake.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    figure = plot_progress(small)
    show = shell.display_formatter.formatters["image/png"].types[Figure]
    png = show(figure)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000
    # A formatter already registered (the inline backend's) is kept.
    mine = object()
    shell.display_formatter.formatters["image/png"].types[Figure] = mine
    plot_progress(small)
    assert shell.display_formatter.formatters["image/png"].types[Figure] is mine
