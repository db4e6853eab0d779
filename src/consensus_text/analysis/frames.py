"""The analytics as pandas DataFrames in tidy form: one row per observation, one column per
variable. Needs the ``analysis`` extra (``pip install consensus_text[analysis]``); pandas is
imported when a function is called, not when this module is.

Conventions: enumerations become their string values, as categoricals with every value as a
category (statuses in :class:`~consensus_text.consensus.Status` order) so that counts show
zeros; the ``checkpoint`` column is an ordered categorical in timeline order; times are
converted to UTC (``datetime64[ns, UTC]``) since a negotiation's events may carry several
offsets; durations are ``timedelta64``; optional integers are nullable ``Int64``; tuples of
codes are joined with ``", "``; a missing value is ``NaT``, ``NaN``, ``<NA>`` or ``None``.

>>> from consensus_text.demo import build_poa_negotiation
>>> from consensus_text.analysis.metrics import compute_timeline
>>> timeline = compute_timeline(build_poa_negotiation())
>>> frame = tabulate_statuses(timeline)
>>> list(frame.columns)
['checkpoint', 'index', 'status', 'count']
>>> int(frame.groupby("checkpoint", observed=True)["count"].sum().loc["Rev.3"])
59
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from consensus_text.analysis.metrics import (
    Holding,
    HoldingKind,
    PairAlignment,
    ParagraphMetrics,
    ParagraphObservation,
    ParticipantMetrics,
    PositionObservation,
    RevisionMetrics,
    StatusCount,
    Timeline,
    _timeline,
    compute_alignment,
    compute_holdings,
    compute_paragraph_metrics,
    compute_paragraph_observations,
    compute_participant_metrics,
    compute_position_observations,
    compute_revision_metrics,
    compute_status_counts,
)
from consensus_text.consensus import Status
from consensus_text.history import Negotiation
from consensus_text.model.positions import PositionKind

__all__ = [
    "records_to_frame",
    "require_pandas",
    "tabulate_alignment",
    "tabulate_holdings",
    "tabulate_observations",
    "tabulate_paragraphs",
    "tabulate_participants",
    "tabulate_positions",
    "tabulate_revisions",
    "tabulate_statuses",
]

_MISSING_EXTRA = (
    "{package} is needed for {what}, and it is not installed; "
    "install the analysis extra: pip install 'consensus_text[analysis]'"
)


def require_pandas() -> Any:
    """The pandas module.

    Raises:
        ImportError: pandas is not installed; the message names the ``analysis`` extra.
    """
    try:
        import pandas
    except ImportError as error:
        raise ImportError(
            _MISSING_EXTRA.format(package="pandas", what="DataFrames"), name="pandas"
        ) from error
    return pandas


_CATEGORIES: dict[type[enum.Enum], list[str]] = {
    Status: [status.value for status in Status],
    PositionKind: [kind.value for kind in PositionKind],
    HoldingKind: [kind.value for kind in HoldingKind],
}


def _cell(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return value


def records_to_frame(
    records: Iterable[Any],
    record_type: type,
    *,
    checkpoints: Sequence[str] | None = None,
) -> Any:
    """A DataFrame with one row per attrs record and one column per field, in field order.

    Args:
        records: attrs instances of ``record_type``.
        record_type: their class (its fields name the columns, also when there is no record).
        checkpoints: the timeline's labels: the ``checkpoint`` column (and any column of
            checkpoint labels: ``first_checkpoint``, ``first``...) becomes an ordered
            categorical in that order.

    Raises:
        ImportError: pandas is not installed.
    """
    pd = require_pandas()
    fields = attrs.fields(record_type)
    names = [field.name for field in fields]
    rows = [[_cell(getattr(record, name)) for name in names] for record in records]
    frame = pd.DataFrame(rows, columns=names)
    for field in fields:
        name = field.name
        kind = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", "")
        enum_type = next((e for e in _CATEGORIES if kind.startswith(e.__name__)), None)
        if enum_type is not None:
            frame[name] = pd.Categorical(frame[name], categories=_CATEGORIES[enum_type])
        elif kind.startswith("dt.datetime"):
            frame[name] = pd.to_datetime(frame[name], utc=True)
        elif kind.startswith("dt.timedelta"):
            frame[name] = pd.to_timedelta(frame[name])
        elif kind == "int | None":
            frame[name] = frame[name].astype("Int64")
        elif checkpoints is not None and name in _CHECKPOINT_COLUMNS:
            frame[name] = pd.Categorical(frame[name], categories=list(checkpoints), ordered=True)
    return frame


_CHECKPOINT_COLUMNS = frozenset(
    {"checkpoint", "first_checkpoint", "last_checkpoint", "consensus_checkpoint", "first", "last"}
)


def _frame(source: Timeline | Negotiation, records: Iterable[Any], record_type: type) -> Any:
    return records_to_frame(records, record_type, checkpoints=_timeline(source).labels)


def tabulate_revisions(source: Timeline | Negotiation) -> Any:
    """One row per checkpoint: :class:`~consensus_text.analysis.metrics.RevisionMetrics`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_revision_metrics(timeline), RevisionMetrics)


def tabulate_statuses(source: Timeline | Negotiation) -> Any:
    """One row per checkpoint and status, zeros included:
    :class:`~consensus_text.analysis.metrics.StatusCount`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_status_counts(timeline), StatusCount)


def tabulate_observations(source: Timeline | Negotiation) -> Any:
    """One row per checkpoint and reported paragraph:
    :class:`~consensus_text.analysis.metrics.ParagraphObservation`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_paragraph_observations(timeline), ParagraphObservation)


def tabulate_paragraphs(source: Timeline | Negotiation) -> Any:
    """One row per paragraph: :class:`~consensus_text.analysis.metrics.ParagraphMetrics`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_paragraph_metrics(timeline), ParagraphMetrics)


def tabulate_holdings(source: Timeline | Negotiation) -> Any:
    """One row per paragraph, participant and kind of holding:
    :class:`~consensus_text.analysis.metrics.Holding`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_holdings(timeline), Holding)


def tabulate_positions(source: Timeline | Negotiation) -> Any:
    """One row per position held at a checkpoint:
    :class:`~consensus_text.analysis.metrics.PositionObservation`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_position_observations(timeline), PositionObservation)


def tabulate_participants(source: Timeline | Negotiation) -> Any:
    """One row per participant: :class:`~consensus_text.analysis.metrics.ParticipantMetrics`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_participant_metrics(timeline), ParticipantMetrics)


def tabulate_alignment(source: Timeline | Negotiation) -> Any:
    """One row per pair of participants:
    :class:`~consensus_text.analysis.metrics.PairAlignment`."""
    timeline = _timeline(source)
    return _frame(timeline, compute_alignment(timeline), PairAlignment)
