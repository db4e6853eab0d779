"""Plots of a negotiation's progress and of its participants' positions (matplotlib).

Needs the ``analysis`` extra (``pip install consensus_text[analysis]``); matplotlib is imported
when a function is called. The functions build a :class:`matplotlib.figure.Figure` directly,
without pyplot: no backend is selected, no global figure is left open, and no display is needed
(files are written with Agg for PNG and with the SVG backend for SVG). Jupyter shows a returned
figure inline (in IPython, a PNG formatter for figures is registered when none is). Every function returns the figure and, given ``path``, saves it there too, in
the format its suffix names (``.png``, ``.svg``, ``.pdf``...).

>>> from consensus_text.demo import build_poa_negotiation
>>> from consensus_text.analysis.metrics import compute_timeline
>>> timeline = compute_timeline(build_poa_negotiation())
>>> figure = plot_progress(timeline)
>>> axes = figure.axes[0]
>>> axes.get_xlabel(), axes.get_ylabel(), axes.get_title()
('Revision', 'Paragraphs', 'Consensus progress')
>>> [tick.get_text() for tick in axes.get_xticklabels()]
['Zero draft', 'Rev.1', 'Rev.2', 'Rev.3', 'current']
"""

from __future__ import annotations

import io
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from consensus_text.analysis._colours import POSITION_COLOURS, STATUS_COLOURS
from consensus_text.analysis.metrics import Timeline, _timeline, full_label
from consensus_text.consensus import Status
from consensus_text.errors import ValidationError
from consensus_text.history import Negotiation
from consensus_text.model.positions import Position, PositionKind

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["POSITION_CATEGORIES", "plot_positions", "plot_progress", "save_figure"]

#: The cells of the positions heat map, in the order of their codes (0: no position). A cell
#: shows the participant's strongest current position on the paragraph, on the whole paragraph
#: or on any of its elements (objection, then reservation, can live with, support, record);
#: ``stale`` when all its positions there were stated on an earlier wording.
POSITION_CATEGORIES: Final = (
    "none",
    "support",
    "can live with",
    "reservation",
    "objection",
    "record",
    "stale",
)

_STRENGTH: Final = ("objection", "reservation", "can live with", "support", "record")

_MISSING_EXTRA = (
    "matplotlib is needed for plots, and it is not installed; "
    "install the analysis extra: pip install 'consensus_text[analysis]'"
)


def _require_matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as error:
        raise ImportError(_MISSING_EXTRA, name="matplotlib") from error
    return matplotlib


def _png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def _enable_inline_display() -> None:
    """In IPython, show figures made without pyplot as PNG, unless a formatter exists already.

    The inline backend registers its formatter for figures only once pyplot is imported; the
    figures of this module are made without pyplot, so they would otherwise show as their repr.
    """
    if "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    try:
        formatter.lookup_by_type(Figure)
    except KeyError:
        formatter.for_type(Figure, _png_bytes)


def _new_figure(width: float, height: float) -> Figure:
    _require_matplotlib()
    from matplotlib.figure import Figure

    _enable_inline_display()
    return Figure(figsize=(width, height), layout="constrained")


def save_figure(figure: Figure, path: str | os.PathLike[str], *, dpi: float = 100) -> Path:
    """Write the figure to ``path`` in the format its suffix names; return the path.

    SVG keeps its text as text (searchable, and the fonts of the reader) and carries no date,
    so that the same figure gives the same file.

    Raises:
        ValidationError: a suffix that names no format matplotlib can write.
    """
    matplotlib = _require_matplotlib()
    target = Path(path)
    fmt = target.suffix.lstrip(".").lower()
    supported = figure.canvas.get_supported_filetypes()
    if fmt not in supported:
        raise ValidationError(
            f"cannot tell which image format to write to {str(target)!r}",
            hint="end the file name with one of: " + ", ".join(f".{s}" for s in sorted(supported)),
        )
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "consensus_text"}):
        figure.savefig(target, format=fmt, dpi=dpi, metadata=metadata)
    return target


def _require_checkpoints(timeline: Timeline) -> None:
    if not timeline.checkpoints:
        raise ValidationError(
            "nothing to plot: the negotiation has no checkpoint (no revision issued, no event "
            "after the creation)",
            hint="issue a revision, or record events and keep include_current=True",
        )


def plot_progress(
    source: Timeline | Negotiation,
    *,
    path: str | os.PathLike[str] | None = None,
    title: str = "Consensus progress",
) -> Figure:
    """Paragraphs by status at each checkpoint (stacked bars, one colour per status) and the
    number of open contested elements (a line, on the right axis).

    Args:
        source: a timeline, or a negotiation (measured at its revisions and current state).
        path: where to save the figure too (``.png``, ``.svg``...), if anywhere.
        title: the figure's title.

    Raises:
        ValidationError: the timeline has no checkpoint.
    """
    _require_matplotlib()
    from matplotlib.ticker import MaxNLocator

    timeline = _timeline(source)
    _require_checkpoints(timeline)

    labels = list(timeline.labels)
    positions = list(range(len(labels)))
    figure = _new_figure(max(6.0, 1.1 * len(labels) + 4.0), 4.5)
    axes = figure.add_subplot()
    bottom = [0] * len(labels)
    for status in Status:
        counts = [checkpoint.report.document.counts.get(status, 0) for checkpoint in timeline]
        if not any(counts):
            continue
        axes.bar(
            positions,
            counts,
            bottom=bottom,
            color=STATUS_COLOURS[status],
            edgecolor="white",
            linewidth=0.5,
            label=status.title,
        )
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axes.set_ylim(0, max(bottom, default=0) * 1.08 + 1)
    axes.set_xticks(positions, labels)
    axes.set_xlabel("Revision")
    axes.set_ylabel("Paragraphs")
    axes.set_title(title)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    brackets = [sum(s.brackets for s in checkpoint.report.paragraphs) for checkpoint in timeline]
    right = axes.twinx()
    right.plot(positions, brackets, color="#333333", marker="o", label="open brackets")
    right.set_ylabel("Open brackets")
    right.set_ylim(bottom=0, top=max(brackets, default=0) * 1.1 + 1)
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    handles, names = axes.get_legend_handles_labels()
    more_handles, more_names = right.get_legend_handles_labels()
    figure.legend(handles + more_handles, names + more_names, loc="outside right upper")
    if path is not None:
        save_figure(figure, path)
    return figure


def _category(positions: Sequence[Position], version: int) -> int:
    current = [p for p in positions if p.is_current_for(version)]
    if not current:
        return POSITION_CATEGORIES.index("stale")
    names = set()
    for position in current:
        kind = position.kind
        if kind.blocks:
            names.add("objection")
        elif kind.is_reservation:
            names.add("reservation")
        elif kind is PositionKind.CAN_LIVE_WITH:
            names.add("can live with")
        elif kind is PositionKind.SUPPORT:
            names.add("support")
        else:
            names.add("record")
    strongest = next(name for name in _STRENGTH if name in names)
    return POSITION_CATEGORIES.index(strongest)


def plot_positions(
    source: Timeline | Negotiation,
    *,
    checkpoint: str | None = None,
    participants: Sequence[str] | None = None,
    path: str | os.PathLike[str] | None = None,
    title: str | None = None,
) -> Figure:
    """A participants x paragraphs heat map of the positions held at one checkpoint.

    Rows are participants (groups as themselves), columns the paragraphs reported at the
    checkpoint in draft order, labelled with their full labels; a cell's colour is its
    category in :data:`POSITION_CATEGORIES`.

    Args:
        source: a timeline, or a negotiation.
        checkpoint: the checkpoint's label; None: the last one.
        participants: the rows, in order; None: every participant holding a position on a
            reported paragraph, sorted by code.
        path: where to save the figure too, if anywhere.
        title: the title; by default ``"Positions at <checkpoint>"``.

    Raises:
        RevisionNotFoundError: no such checkpoint.
        ValidationError: no position to show.
    """
    _require_matplotlib()
    timeline = _timeline(source)
    _require_checkpoints(timeline)
    point = timeline.last if checkpoint is None else timeline.checkpoint(checkpoint)
    draft = point.snapshot.draft
    columns = [status.paragraph_id for status in point.report.paragraphs]
    reported = set(columns)
    held: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for position in point.snapshot.positions:
        if position.paragraph_id in reported:
            held[position.participant, position.paragraph_id].append(position)
    rows = list(participants) if participants is not None else sorted({c for c, _ in held})
    if not rows or not columns:
        raise ValidationError(
            f"no position to plot at {point.label!r}",
            hint="choose a checkpoint where participants stated positions on the paragraphs",
        )
    matrix = [
        [
            _category(held[code, pid], draft.paragraph(pid).version) if held.get((code, pid)) else 0
            for pid in columns
        ]
        for code in rows
    ]
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    colours = [POSITION_COLOURS[name] for name in POSITION_CATEGORIES]
    colour_map = ListedColormap(colours)
    norm = BoundaryNorm([i - 0.5 for i in range(len(colours) + 1)], len(colours))
    figure = _new_figure(max(6.0, 0.2 * len(columns) + 3.5), max(3.5, 0.2 * len(rows) + 2.0))
    axes = figure.add_subplot()
    axes.imshow(matrix, cmap=colour_map, norm=norm, aspect="auto", interpolation="nearest")
    axes.set_xticks(range(len(columns)), [full_label(draft, pid) for pid in columns])
    axes.set_yticks(range(len(rows)), rows)
    axes.tick_params(axis="x", labelrotation=90, labelsize=7)
    axes.tick_params(axis="y", labelsize=7)
    axes.set_xticks([i - 0.5 for i in range(1, len(columns))], minor=True)
    axes.set_yticks([i - 0.5 for i in range(1, len(rows))], minor=True)
    axes.grid(which="minor", color="#eeeeee", linewidth=0.5)
    axes.tick_params(which="minor", length=0)
    axes.set_xlabel("Paragraph")
    axes.set_ylabel("Participant")
    axes.set_title(title if title is not None else f"Positions at {point.label}")
    handles = [
        Patch(facecolor=POSITION_COLOURS[name], edgecolor="#999999", label=name)
        for name in POSITION_CATEGORIES[1:]
    ]
    figure.legend(handles=handles, loc="outside right upper")
    if path is not None:
        save_figure(figure, path)
    return figure
