"""The analytics on the fixture negotiation: invariants, and facts the scenario's story states."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from consensus_text.analysis import (
    CURRENT,
    HoldingKind,
    Timeline,
    compute_alignment,
    compute_holdings,
    compute_paragraph_metrics,
    compute_paragraph_observations,
    compute_participant_metrics,
    compute_position_observations,
    compute_revision_metrics,
    compute_status_counts,
    compute_timeline,
)
from consensus_text.consensus import Status, compute_report
from consensus_text.demo import build_poa_negotiation
from consensus_text.history import Negotiation

LABELS = ("Zero draft", "Rev.1", "Rev.2", "Rev.3", CURRENT)


@pytest.fixture(scope="module")
def neg() -> Negotiation:
    return build_poa_negotiation()


@pytest.fixture(scope="module")
def timeline(neg: Negotiation) -> Timeline:
    return compute_timeline(neg)


def test_checkpoints(neg: Negotiation, timeline: Timeline) -> None:
    assert timeline.labels == LABELS
    assert timeline.last.event_count == neg.event_count
    times = [c.at for c in timeline]
    assert times == sorted(times)


def test_reports_match_the_consensus_engine(neg: Negotiation, timeline: Timeline) -> None:
    for checkpoint in timeline:
        snapshot = neg.snapshot(revision=checkpoint.label) if checkpoint.is_revision else neg.state
        expected = compute_report(snapshot, "oewg", now=checkpoint.at)
        assert [(s.paragraph_id, s.status) for s in checkpoint.report] == [
            (s.paragraph_id, s.status) for s in expected
        ]


def test_revision_metrics_agree_with_counts_and_observations(timeline: Timeline) -> None:
    revisions = compute_revision_metrics(timeline)
    counts = Counter[str]()
    for count in compute_status_counts(timeline):
        counts[count.checkpoint] += count.count
    observations = compute_paragraph_observations(timeline)
    for metrics in revisions:
        mine = [o for o in observations if o.checkpoint == metrics.checkpoint]
        assert metrics.paragraphs == counts[metrics.checkpoint] == len(mine)
        assert metrics.brackets == sum(o.brackets for o in mine)
        assert metrics.agreed == sum(o.agreed for o in mine)
        assert metrics.words_changed == metrics.words_inserted + metrics.words_deleted
    first = revisions[0]
    assert first.words_deleted == 0 and first.words_inserted > 1000
    assert first.paragraphs_changed == 57  # every paragraph of the zero draft, headings included
    # The story: brackets fall and agreement grows from the zero draft to the end.
    assert revisions[-1].brackets < revisions[0].brackets
    assert revisions[-1].agreed > revisions[1].agreed
    assert not any(m.adoptable for m in revisions)


def test_paragraph_metrics_tell_the_story(timeline: Timeline) -> None:
    metrics = {m.paragraph_id: m for m in compute_paragraph_metrics(timeline)}
    assert all(m.introduced_at is not None for m in metrics.values())
    # pp-7737 is clean in the zero draft and confirmed at the end: agreed all along.
    assert metrics["pp-7737"].revisions_to_consensus == 0
    assert metrics["pp-7737"].status is Status.CONFIRMED
    # Reopened at the request of AOSIS, with AOSIS's reservation: no consensus.
    assert metrics["op-twg-establish"].consensus_checkpoint is None
    assert metrics["op-twg-establish"].reserved_by == ("AOSIS",)
    # The attributed bracket on legally binding obligations: objections by the USA and
    # Australia (Rev.3 and current), the bracket held by Russia and China since Rev.1.
    elements = metrics["op-framework-elements"]
    assert elements.status is Status.BLOCKED
    assert elements.longest_objection == ("AUS", "USA")
    assert elements.longest_bracket == ("CHN", "RUS")
    assert metrics["op-procedural"].objected_by == ("IRN", "RUS")
    # Created by the split of Rev.1 and by the merge of Rev.2.
    assert metrics["op-rules-procedure"].first_checkpoint == "Rev.1"
    assert metrics["pp-framework-cumulative"].first_checkpoint == "Rev.2"
    assert metrics["pp-framework-cumulative"].consensus_checkpoint == "Rev.2"
    assert metrics["op-portal"].status is None  # deleted in Rev.2
    for m in metrics.values():
        if m.consensus_checkpoint is not None:
            assert m.revisions_to_consensus is not None and m.revisions_to_consensus >= 0
            assert m.time_to_consensus is not None and m.time_to_consensus > dt.timedelta(0)
        assert m.brackets_first <= m.brackets_max and m.brackets_last <= m.brackets_max


def test_india_held_its_inserted_bracket_until_rev_2(timeline: Timeline) -> None:
    (india,) = [
        h for h in compute_holdings(timeline) if h.paragraph_id == "op-comprise-c"
    ]  # bracketed by India in the first reading, accepted in Rev.2
    assert (india.participant, india.kind, india.first, india.last) == (
        "IND",
        HoldingKind.BRACKET,
        "Rev.1",
        "Rev.1",
    )


def test_alignment_invariants_and_blocs(timeline: Timeline) -> None:
    pairs = compute_alignment(timeline)
    keys = [(p.participant, p.other) for p in pairs]
    assert keys == sorted(set(keys))
    assert all(a < b for a, b in keys)
    for p in pairs:
        assert p.agreed + p.disagreed == p.shared >= 1
        assert 0.0 <= p.alignment <= 1.0
    table = {(p.participant, p.other): p for p in pairs}
    assert table["CHN", "RUS"].alignment > 0.8
    assert table["EU", "USA"].alignment > 0.8
    assert table["RUS", "USA"].alignment < 0.5


def test_participants_and_positions(neg: Negotiation, timeline: Timeline) -> None:
    participants = compute_participant_metrics(timeline)
    statements = sum(m.statements for m in participants)
    assert statements == sum(1 for e in neg.events if type(e).__name__ == "PositionStated")
    assert {m.participant for m in participants} >= {"EU", "G77", "RUS", "CyberPeace"}
    positions = compute_position_observations(timeline)
    last = [p for p in positions if p.checkpoint == CURRENT]
    assert len(last) == len(neg.state.positions)
    assert any(not p.current for p in last) and any(p.current for p in last)
