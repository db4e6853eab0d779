"""The DataFrames: tidy (one row per observation), typed, equal to the records."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from consensus_text.analysis import (
    CURRENT,
    RevisionMetrics,
    Timeline,
    compute_paragraph_metrics,
    compute_revision_metrics,
    compute_timeline,
    records_to_frame,
    require_pandas,
    tabulate_alignment,
    tabulate_holdings,
    tabulate_observations,
    tabulate_paragraphs,
    tabulate_participants,
    tabulate_positions,
    tabulate_revisions,
    tabulate_statuses,
)
from consensus_text.consensus import Status

sys.path.insert(0, str(Path(__file__).parent))
from analysis_testkit import build_small_negotiation

LABELS = ["Zero draft", "Rev.1", "Rev.2", CURRENT]


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return compute_timeline(build_small_negotiation())


# function, expected rows, the columns that identify one observation
FRAMES: list[tuple[Callable[[Any], Any], int, list[str]]] = [
    (tabulate_revisions, 4, ["checkpoint"]),
    (tabulate_statuses, 4 * len(Status), ["checkpoint", "status"]),
    (tabulate_observations, 4 + 4 + 5 + 5, ["checkpoint", "paragraph_id"]),
    (tabulate_paragraphs, 5, ["paragraph_id"]),
    (tabulate_holdings, 4, ["paragraph_id", "participant", "kind"]),
    (tabulate_positions, 0 + 9 + 11 + 11, ["checkpoint", "participant", "paragraph_id", "element"]),
    (tabulate_participants, 5, ["participant"]),
    (tabulate_alignment, 6, ["participant", "other"]),
]


@pytest.mark.parametrize(("function", "rows", "keys"), FRAMES)
def test_frames_are_tidy(
    timeline: Timeline, function: Callable[[Any], Any], rows: int, keys: list[str]
) -> None:
    frame = function(timeline)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == rows
    assert not frame.duplicated(subset=keys).any()


def test_revision_frame_values_and_types(timeline: Timeline) -> None:
    frame = tabulate_revisions(timeline)
    assert list(frame.columns) == [
        "checkpoint",
        "index",
        "at",
        "event_count",
        "is_revision",
        "paragraphs",
        "agreed",
        "brackets",
        "paragraphs_changed",
        "words_inserted",
        "words_deleted",
        "words_changed",
        "adoptable",
    ]
    assert frame["checkpoint"].cat.ordered
    assert list(frame["checkpoint"].cat.categories) == LABELS
    assert str(frame["at"].dt.tz) == "UTC"
    assert frame["brackets"].tolist() == [3, 4, 2, 0]
    assert frame["words_changed"].tolist() == [28, 0, 7, 6]
    assert frame["agreed"].tolist() == [2, 1, 3, 4]
    records = compute_revision_metrics(timeline)
    assert frame["at"].tolist() == [pd.Timestamp(r.at) for r in records]


def test_status_frame_keeps_zero_counts_and_status_order(timeline: Timeline) -> None:
    frame = tabulate_statuses(timeline)
    assert list(frame["status"].cat.categories) == [s.value for s in Status]
    wide = frame.pivot_table(
        index="checkpoint", columns="status", values="count", observed=False, aggfunc="sum"
    )
    assert wide.loc["Rev.1", "blocked"] == 1
    assert wide.loc["Zero draft", "adopted"] == 0
    assert wide.sum(axis=1).tolist() == [4, 4, 5, 5]


def test_paragraph_frame_durations_and_missing_values(timeline: Timeline) -> None:
    frame = tabulate_paragraphs(timeline).set_index("paragraph_id")
    assert frame.loc["p1", "time_to_consensus"] == pd.Timedelta(hours=23)
    assert pd.isna(frame.loc["p3", "time_to_consensus"])
    assert pd.isna(frame.loc["p3", "revisions_to_consensus"])
    assert str(frame["revisions_to_consensus"].dtype) == "Int64"
    assert frame.loc["p4", "revisions_to_consensus"] == 3
    assert frame.loc["p4", "consensus_checkpoint"] == CURRENT
    assert frame.loc["p4", "objected_by"] == "RUS"
    assert frame.loc["p1", "objected_by"] == ""
    assert frame.loc["p3", "status"] == "pending"
    records = {m.paragraph_id: m for m in compute_paragraph_metrics(timeline)}
    assert frame["time_to_consensus"].mean() == pd.Timedelta(
        sum(
            (m.time_to_consensus for m in records.values() if m.time_to_consensus),
            dt.timedelta(0),
        )
        / 4
    )


def test_positions_frame_supports_a_timeline_per_participant(timeline: Timeline) -> None:
    frame = tabulate_positions(timeline)
    per = frame.groupby(["participant", "checkpoint"], observed=False).size()
    assert per.loc["CHN"].tolist() == [0, 2, 2, 2]
    assert per.loc["BRA"].tolist() == [0, 1, 1, 1]
    assert set(frame["kind"].cat.categories) >= {"support", "objection", "study_reservation"}
    assert str(frame["element"].dtype) == "Int64"


def test_alignment_frame(timeline: Timeline) -> None:
    frame = tabulate_alignment(timeline).set_index(["participant", "other"])
    assert frame.loc[("RUS", "USA"), "alignment"] == pytest.approx(1 / 3)
    assert frame.loc[("FRA", "USA"), "agreed"] == 2


def test_records_to_frame_with_no_record_has_the_columns() -> None:
    frame = records_to_frame([], RevisionMetrics)
    assert len(frame) == 0
    assert "words_changed" in frame.columns


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"consensus_text\[analysis\]") as info:
        require_pandas()
    assert info.value.name == "pandas"
    with pytest.raises(ImportError, match="pandas is needed for DataFrames"):
        tabulate_revisions(compute_timeline(build_small_negotiation()))
