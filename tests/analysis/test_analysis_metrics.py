"""History analytics on a small negotiation whose values are computed by hand.

The hand computation is in ``analysis_testkit``'s docstring; each test quotes the line it checks.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from consensus_text.analysis import (
    CURRENT,
    Holding,
    HoldingKind,
    PairAlignment,
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
    questions_by_participant,
    side_of,
)
from consensus_text.consensus import Rules, Status
from consensus_text.errors import ProcedureError, RevisionNotFoundError, ValidationError
from consensus_text.history import Negotiation
from consensus_text.model.positions import Position, PositionKind

sys.path.insert(0, str(Path(__file__).parent))
from analysis_testkit import build_small_negotiation, t

LABELS = ("Zero draft", "Rev.1", "Rev.2", CURRENT)
S = Status


@pytest.fixture(scope="module")
def neg() -> Negotiation:
    return build_small_negotiation()


@pytest.fixture(scope="module")
def timeline(neg: Negotiation) -> Timeline:
    return compute_timeline(neg)


# --------------------------------------------------------------------------- the timeline


def test_checkpoints_are_the_revisions_then_the_current_state(timeline: Timeline) -> None:
    assert timeline.labels == LABELS
    assert [c.at for c in timeline] == [t(2, 9), t(10, 9), t(20, 9), t(23)]
    assert [c.is_revision for c in timeline] == [True, True, True, False]
    # 1 creation + 4 proposals + Zero draft = 6; 18 at Rev.1; 25 at Rev.2; 29 in all.
    assert [c.event_count for c in timeline] == [6, 18, 25, 29]
    assert [c.index for c in timeline] == [0, 1, 2, 3]


def test_include_current_false_stops_at_the_last_revision(neg: Negotiation) -> None:
    assert compute_timeline(neg, include_current=False).labels == LABELS[:3]


def test_no_current_checkpoint_when_nothing_happened_after_the_last_revision() -> None:
    neg = Negotiation.create("T", at=t(1))
    neg.propose("Decides;", by="Chair", at=t(1))
    neg.issue_revision("Rev.1", at=t(2))
    assert compute_timeline(neg).labels == ("Rev.1",)


def test_a_negotiation_without_revision_has_only_the_current_checkpoint() -> None:
    neg = Negotiation.create("T", at=t(1))
    neg.propose("Decides [to act];", by="Chair", at=t(2))
    timeline = compute_timeline(neg)
    assert timeline.labels == (CURRENT,)
    assert timeline.last.at == t(2)
    empty = compute_timeline(neg, include_current=False)
    assert len(empty) == 0
    with pytest.raises(ValidationError, match="no checkpoint") as info:
        empty.last  # noqa: B018
    assert "include_current=True" in str(info.value)


def test_unknown_checkpoint_names_the_known_ones(timeline: Timeline) -> None:
    with pytest.raises(RevisionNotFoundError) as info:
        timeline.checkpoint("Rev.9")
    assert "Rev.9" in str(info.value)
    assert "Zero draft, Rev.1, Rev.2, current" in str(info.value)
    assert timeline.checkpoint("Rev.1").index == 1


def test_unknown_rules_preset_is_a_procedure_error(neg: Negotiation) -> None:
    with pytest.raises(ProcedureError, match="no preset rules named 'nope'"):
        compute_timeline(neg, "nope")


def test_agreed_statuses_follow_the_rules(neg: Negotiation) -> None:
    strict = compute_timeline(neg, Rules.preset("oewg", ad_referendum_counts_as_agreed=False))
    assert not strict.is_agreed(S.AGREED_AD_REFERENDUM)
    assert compute_timeline(neg).is_agreed(S.AGREED_AD_REFERENDUM)
    for status in (S.CONSENSUS_READY, S.AGREED_IN_INFORMALS, S.CONFIRMED, S.ADOPTED):
        assert strict.is_agreed(status)
    for status in (S.PENDING, S.BLOCKED, S.REOPENED):
        assert not strict.is_agreed(status)


def test_the_metrics_accept_a_negotiation_too(neg: Negotiation, timeline: Timeline) -> None:
    assert compute_revision_metrics(neg) == compute_revision_metrics(timeline)


# --------------------------------------------------------------------------- per revision

# checkpoint, paragraphs, agreed, brackets, paragraphs changed, inserted, deleted, changed
REVISIONS = [
    ("Zero draft", 4, 2, 3, 4, 28, 0, 28),
    ("Rev.1", 4, 1, 4, 0, 0, 0, 0),
    ("Rev.2", 5, 3, 2, 2, 6, 1, 7),
    (CURRENT, 5, 4, 0, 1, 3, 3, 6),
]


@pytest.mark.parametrize(
    ("label", "paragraphs", "agreed", "brackets", "changed", "inserted", "deleted", "words"),
    REVISIONS,
)
def test_revision_metrics(
    timeline: Timeline,
    label: str,
    paragraphs: int,
    agreed: int,
    brackets: int,
    changed: int,
    inserted: int,
    deleted: int,
    words: int,
) -> None:
    metrics = {m.checkpoint: m for m in compute_revision_metrics(timeline)}[label]
    assert (
        metrics.paragraphs,
        metrics.agreed,
        metrics.brackets,
        metrics.paragraphs_changed,
        metrics.words_inserted,
        metrics.words_deleted,
        metrics.words_changed,
    ) == (paragraphs, agreed, brackets, changed, inserted, deleted, words)
    assert metrics.adoptable is False  # p3 is pending at every checkpoint


def test_status_counts_list_every_status_at_every_checkpoint(timeline: Timeline) -> None:
    counts = compute_status_counts(timeline)
    assert len(counts) == 4 * len(Status)
    table = {(c.checkpoint, c.status): c.count for c in counts if c.count}
    assert table == {
        ("Zero draft", S.CONSENSUS_READY): 2,
        ("Zero draft", S.PENDING): 2,
        ("Rev.1", S.AGREED_IN_INFORMALS): 1,
        ("Rev.1", S.PENDING): 2,
        ("Rev.1", S.BLOCKED): 1,
        ("Rev.2", S.AGREED_IN_INFORMALS): 2,
        ("Rev.2", S.PENDING): 1,
        ("Rev.2", S.BLOCKED): 1,
        ("Rev.2", S.CONSENSUS_READY): 1,
        (CURRENT, S.CONFIRMED): 1,
        (CURRENT, S.AGREED_IN_INFORMALS): 1,
        (CURRENT, S.PENDING): 1,
        (CURRENT, S.CONSENSUS_READY): 2,
    }


# --------------------------------------------------------------------------- per paragraph

R, P, B = S.CONSENSUS_READY, S.PENDING, S.BLOCKED
AII, CONF = S.AGREED_IN_INFORMALS, S.CONFIRMED

# paragraph: (status, brackets) at Zero draft, Rev.1, Rev.2, current (None: not in the draft)
STATUS_TABLE: dict[str, list[tuple[Status, int] | None]] = {
    "p1": [(R, 0), (AII, 0), (AII, 0), (CONF, 0)],
    "p2": [(P, 1), (P, 1), (AII, 0), (AII, 0)],
    "p3": [(P, 2), (P, 2), (P, 1), (P, 0)],
    "p4": [(R, 0), (B, 1), (B, 1), (R, 0)],
    "p5": [None, None, (R, 0), (R, 0)],
}


@pytest.mark.parametrize("pid", sorted(STATUS_TABLE))
def test_paragraph_observations(timeline: Timeline, pid: str) -> None:
    seen = {
        o.checkpoint: o for o in compute_paragraph_observations(timeline) if o.paragraph_id == pid
    }
    for label, expected in zip(LABELS, STATUS_TABLE[pid], strict=True):
        if expected is None:
            assert label not in seen
        else:
            assert (seen[label].status, seen[label].brackets) == expected
            assert seen[label].agreed == (expected[0] in (R, AII, CONF))


def test_observations_name_objectors_reservations_and_bracket_holders(
    timeline: Timeline,
) -> None:
    seen = {(o.checkpoint, o.paragraph_id): o for o in compute_paragraph_observations(timeline)}
    assert seen["Rev.1", "p4"].objectors == ("RUS",)
    assert seen["Rev.1", "p4"].bracket_holders == ("RUS",)
    assert seen["Rev.1", "p3"].reservations == ("CHN",)
    assert seen["Rev.2", "p3"].reservations == ()  # stale: stated on version 1
    assert seen[CURRENT, "p3"].reservations == ("CHN",)
    assert seen["Zero draft", "p3"].bracket_holders == ("USA",)
    assert seen["Rev.2", "p3"].bracket_holders == ()
    assert [seen[label, "p4"].version for label in LABELS] == [1, 2, 2, 3]
    assert seen["Rev.2", "p5"].label == "4"
    assert seen["Zero draft", "p1"].label == "PP1"


# paragraph: consensus checkpoint, revisions, time, version, introduced by
CONSENSUS = {
    "p1": ("Zero draft", 0, dt.timedelta(hours=23), 1, "Chair"),
    "p2": ("Rev.2", 2, dt.timedelta(days=18, hours=22, minutes=59), 2, "Chair"),
    "p3": (None, None, None, None, "Chair"),
    "p4": (CURRENT, 3, dt.timedelta(days=21, hours=23, minutes=57), 3, "Chair"),
    "p5": ("Rev.2", 0, dt.timedelta(days=7, hours=23), 1, "BRA"),
}


@pytest.mark.parametrize("pid", sorted(CONSENSUS))
def test_time_and_revisions_to_consensus(timeline: Timeline, pid: str) -> None:
    metrics = {m.paragraph_id: m for m in compute_paragraph_metrics(timeline)}[pid]
    assert (
        metrics.consensus_checkpoint,
        metrics.revisions_to_consensus,
        metrics.time_to_consensus,
        metrics.version_at_consensus,
        metrics.introduced_by,
    ) == CONSENSUS[pid]


def test_paragraph_metrics_summarise_brackets_and_holders(timeline: Timeline) -> None:
    metrics = {m.paragraph_id: m for m in compute_paragraph_metrics(timeline)}
    assert list(metrics) == ["p1", "p2", "p3", "p4", "p5"]  # order of first appearance
    p3, p4, p5 = metrics["p3"], metrics["p4"], metrics["p5"]
    assert (p3.brackets_first, p3.brackets_max, p3.brackets_last) == (2, 2, 0)
    assert (p4.brackets_first, p4.brackets_max, p4.brackets_last) == (0, 1, 0)
    assert p3.bracketed_by == ("USA",) and p3.longest_bracket == ("USA",)
    assert p3.reserved_by == ("CHN",) and p3.longest_reservation == ("CHN",)
    assert p4.bracketed_by == ("RUS",) and p4.longest_objection == ("RUS",)
    assert metrics["p1"].objected_by == metrics["p1"].longest_objection == ()
    assert (p5.first_checkpoint, p5.last_checkpoint, p5.checkpoints) == ("Rev.2", CURRENT, 2)
    assert p5.introduced_at == t(12)
    assert p3.status is S.PENDING and metrics["p1"].status is S.CONFIRMED


def test_holdings(timeline: Timeline) -> None:
    assert compute_holdings(timeline) == (
        Holding("p3", "USA", HoldingKind.BRACKET, 2, "Zero draft", "Rev.1", False),
        Holding("p3", "CHN", HoldingKind.RESERVATION, 2, "Rev.1", CURRENT, True),
        Holding("p4", "RUS", HoldingKind.BRACKET, 2, "Rev.1", "Rev.2", False),
        Holding("p4", "RUS", HoldingKind.OBJECTION, 2, "Rev.1", "Rev.2", False),
    )


def test_consensus_must_hold_until_the_last_checkpoint() -> None:
    neg = Negotiation.create("T", at=t(1))
    pid = neg.propose("Decides to act;", by="Chair", at=t(1))
    neg.issue_revision("Rev.1", at=t(2))  # ready
    neg.state_position("RUS", pid, "objection", at=t(3))
    neg.issue_revision("Rev.2", at=t(4))  # blocked
    (metrics,) = compute_paragraph_metrics(neg)
    assert metrics.status is S.BLOCKED
    assert metrics.consensus_checkpoint is None
    assert metrics.time_to_consensus is None
    assert metrics.longest_objection == ("RUS",)


def test_deleted_and_merged_paragraphs_have_no_status_at_the_end() -> None:
    neg = Negotiation.create("T", at=t(1))
    a = neg.propose("Recalls A;", by="Chair", at=t(1))
    b = neg.propose("Recalls B;", by="Chair", at=t(1))
    c = neg.propose("Recalls C;", by="Chair", at=t(1))
    neg.issue_revision("Rev.1", at=t(2))
    merged = neg.merge([a, b], "Recalls A and B;", by="Chair", at=t(3))
    neg.delete(c, by="Chair", at=t(3))
    neg.issue_revision("Rev.2", at=t(4))
    metrics = {m.paragraph_id: m for m in compute_paragraph_metrics(neg)}
    assert metrics[a].status is None and metrics[a].last_checkpoint == "Rev.1"
    assert metrics[c].consensus_checkpoint is None
    assert metrics[merged].introduced_at == t(3)
    assert metrics[merged].consensus_checkpoint == "Rev.2"
    assert metrics[merged].time_to_consensus == dt.timedelta(days=1)
    revisions = compute_revision_metrics(neg)
    # Rev.2: A, B, C deleted (2 + 2 + 2 words); "Recalls A and B" inserted (4 words).
    assert (revisions[1].words_deleted, revisions[1].words_inserted) == (6, 4)
    assert revisions[1].paragraphs_changed == 4


# --------------------------------------------------------------------------- per participant


@pytest.mark.parametrize(
    ("position", "side"),
    [
        (Position("FRA", "p", PositionKind.SUPPORT, element=1, preferred_option=2), "option 2"),
        (Position("FRA", "p", PositionKind.OBJECTION, element=1, preferred_option=1), "option 1"),
        (Position("FRA", "p", PositionKind.SUPPORT), "for"),
        (Position("FRA", "p", PositionKind.CAN_LIVE_WITH), "for"),
        (Position("FRA", "p", PositionKind.OBJECTION), "against"),
        (Position("FRA", "p", PositionKind.AWAITING_INSTRUCTIONS), "reserved"),
        (Position("FRA", "p", PositionKind.STUDY_RESERVATION), "reserved"),
        (Position("FRA", "p", PositionKind.DISSOCIATION), None),
        (Position("FRA", "p", PositionKind.EXPLANATION), None),
    ],
)
def test_side_of(position: Position, side: str | None) -> None:
    assert side_of(position) == side


def test_alignment(timeline: Timeline) -> None:
    assert compute_alignment(timeline) == (
        PairAlignment("CHN", "FRA", 1, 0, 1, 0.0),
        PairAlignment("CHN", "RUS", 1, 1, 0, 1.0),
        PairAlignment("CHN", "USA", 1, 0, 1, 0.0),
        PairAlignment("FRA", "RUS", 2, 0, 2, 0.0),
        PairAlignment("FRA", "USA", 2, 2, 0, 1.0),
        PairAlignment("RUS", "USA", 3, 1, 2, 1 / 3),
    )


def test_questions_by_participant(timeline: Timeline) -> None:
    assert questions_by_participant(timeline) == {"BRA": 1, "CHN": 3, "FRA": 2, "RUS": 3, "USA": 3}


# participant: statements, paragraphs, support, reservations, objections, closest
PARTICIPANTS = {
    "BRA": (1, 1, 1, 0, 0, ()),
    "CHN": (3, 2, 1, 2, 0, ("RUS",)),
    "FRA": (2, 2, 2, 0, 0, ("USA",)),
    "RUS": (3, 2, 2, 0, 1, ("CHN", "USA")),
    "USA": (3, 2, 3, 0, 0, ("FRA",)),
}


def test_participant_metrics(timeline: Timeline) -> None:
    metrics = compute_participant_metrics(timeline)
    assert [m.participant for m in metrics] == sorted(PARTICIPANTS)
    for m in metrics:
        assert (
            m.statements,
            m.paragraphs,
            m.support,
            m.reservations,
            m.objections,
            m.closest,
        ) == PARTICIPANTS[m.participant], m.participant
        assert m.can_live_with == m.records == 0
    chn = metrics[1]
    assert (chn.first_stated_at, chn.last_stated_at) == (t(3), t(21, 11))
    assert (chn.questions, chn.partners) == (3, 3)


def test_positions_over_time(timeline: Timeline) -> None:
    observations = compute_position_observations(timeline)
    per_checkpoint = dict.fromkeys(LABELS, 0)
    for o in observations:
        per_checkpoint[o.checkpoint] += 1
    # Zero draft: none; Rev.1: 9 statements; Rev.2: + USA and RUS on p2 = 11; current: CHN's
    # study reservation replaces its reservation on p3 (same paragraph and element) = 11.
    assert per_checkpoint == {"Zero draft": 0, "Rev.1": 9, "Rev.2": 11, CURRENT: 11}
    rus_p4 = [(o.checkpoint, o.kind, o.current) for o in observations
              if o.participant == "RUS" and o.paragraph_id == "p4"]  # fmt: skip
    assert rus_p4 == [
        ("Rev.1", PositionKind.OBJECTION, True),
        ("Rev.2", PositionKind.OBJECTION, True),
        (CURRENT, PositionKind.OBJECTION, False),
    ]
    chn_p3 = [(o.checkpoint, o.kind.value, o.side, o.current) for o in observations
              if o.participant == "CHN" and o.paragraph_id == "p3"]  # fmt: skip
    assert chn_p3 == [
        ("Rev.1", "reservation", "reserved", True),
        ("Rev.2", "reservation", "reserved", False),
        (CURRENT, "study_reservation", "reserved", True),
    ]
