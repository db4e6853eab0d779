"""Silence procedures: broken only by a participant with decision rights before the deadline."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from consensus_text.consensus import Rules, Status, compute_report, evaluate_silence
from consensus_text.model.participants import Registry
from consensus_text.model.procedure import SilenceBreak, SilenceProcedure

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import UTC, at, para, snap

OEWG = Rules.preset("oewg")
REGISTRY = Registry.default()
START = at(2025, 7, 1, 12)
DEADLINE = at(2025, 7, 3, 12)


def procedure(*breaks: SilenceBreak, paragraphs: tuple[str, ...] = ()) -> SilenceProcedure:
    return SilenceProcedure(
        "s1", started_at=START, deadline=DEADLINE, breaks=breaks, paragraph_ids=paragraphs
    )


BEFORE = at(2025, 7, 2, 9)
LATE = at(2025, 7, 3, 13)


@pytest.mark.parametrize(
    ("breaks", "held", "broken_by", "ignored"),
    [
        pytest.param((), True, (), (), id="silence holds"),
        pytest.param((SilenceBreak("RUS", BEFORE),), False, ("RUS",), (), id="member state"),
        pytest.param(
            (SilenceBreak("VAT", BEFORE),),
            True,
            (),
            (("VAT", "no_decision_rights"),),
            id="observer cannot break",
        ),
        pytest.param(
            (SilenceBreak("EU", BEFORE),),
            False,
            ("EU",),
            (),
            id="EU breaks for its member States",
        ),
        pytest.param(
            (SilenceBreak("RUS", LATE),), True, (), (("RUS", "late"),), id="after the deadline"
        ),
        pytest.param(
            (SilenceBreak("RUS", DEADLINE),),
            True,
            (),
            (("RUS", "late"),),
            id="at the deadline is too late",
        ),
        pytest.param(
            (SilenceBreak("RUS", BEFORE, withdrawn_at=at(2025, 7, 2, 18)),),
            True,
            (),
            (("RUS", "withdrawn"),),
            id="withdrawn before the deadline",
        ),
        pytest.param(
            (SilenceBreak("RUS", BEFORE, withdrawn_at=LATE),),
            False,
            ("RUS",),
            (),
            id="withdrawn after the deadline",
        ),
        pytest.param(
            (SilenceBreak("ZZZ", BEFORE),),
            True,
            (),
            (("ZZZ", "unknown_participant"),),
            id="unknown code",
        ),
        pytest.param(
            (SilenceBreak("RUS", at(2025, 6, 30)),),
            True,
            (),
            (("RUS", "before_start"),),
            id="before circulation",
        ),
        pytest.param(
            (SilenceBreak("VAT", BEFORE), SilenceBreak("USA", BEFORE), SilenceBreak("CHN", LATE)),
            False,
            ("USA",),
            (("VAT", "no_decision_rights"), ("CHN", "late")),
            id="mixed",
        ),
    ],
)
def test_silence_table(
    breaks: tuple[SilenceBreak, ...],
    held: bool,
    broken_by: tuple[str, ...],
    ignored: tuple[tuple[str, str], ...],
) -> None:
    outcome = evaluate_silence(procedure(*breaks), OEWG, REGISTRY)
    assert outcome.held is held
    assert outcome.broken is (not held)
    assert tuple(b.participant for b in outcome.broken_by) == broken_by
    assert tuple((i.silence_break.participant, i.reason.code) for i in outcome.ignored) == ignored
    assert outcome.adopted_at == (DEADLINE if held else None)
    assert not outcome.in_progress


def test_late_withdrawal_is_explained() -> None:
    outcome = evaluate_silence(
        procedure(SilenceBreak("RUS", BEFORE, withdrawn_at=LATE)), OEWG, REGISTRY
    )
    assert [r.code for r in outcome.reasons] == ["silence_broken", "withdrawn_late"]
    assert outcome.reasons[1].message == (
        "RUS withdrew its break at 2025-07-03T13:00:00+00:00, after the deadline "
        "2025-07-03T12:00:00+00:00: silence stays broken"
    )


def test_observer_attempt_is_explained() -> None:
    outcome = evaluate_silence(procedure(SilenceBreak("VAT", BEFORE)), OEWG, REGISTRY)
    assert outcome.ignored[0].reason.message == (
        "VAT (observer state) has no decision rights under the rules of the Open-ended working "
        "group and cannot break silence: recorded, silence holds"
    )


def test_the_state_of_palestine_can_break_silence_where_it_is_a_party() -> None:
    silence = procedure(SilenceBreak("PSE", BEFORE))
    assert evaluate_silence(silence, OEWG, REGISTRY).held
    assert evaluate_silence(silence, Rules.preset("unfccc"), REGISTRY).broken


def test_deadline_in_another_time_zone() -> None:
    new_york = dt.timezone(dt.timedelta(hours=-4))
    deadline = dt.datetime(2025, 7, 3, 18, tzinfo=new_york)  # 22:00 UTC
    silence = SilenceProcedure(
        "s1",
        started_at=START,
        deadline=deadline,
        breaks=(SilenceBreak("RUS", dt.datetime(2025, 7, 3, 21, 30, tzinfo=UTC)),),
    )
    outcome = evaluate_silence(silence, OEWG, REGISTRY)
    assert outcome.broken  # 21:30 UTC is 17:30 in New York, before the deadline
    assert outcome.deadline.utcoffset() == dt.timedelta(hours=-4)


@pytest.mark.parametrize(
    ("now", "held", "in_progress", "broken"),
    [
        (at(2025, 7, 2, 8), False, True, False),  # the break at 9:00 is not yet received
        (at(2025, 7, 2, 10), False, False, True),
        (at(2025, 7, 4), False, False, True),
    ],
)
def test_evaluated_at_a_moment(
    now: dt.datetime, held: bool, in_progress: bool, broken: bool
) -> None:
    outcome = evaluate_silence(procedure(SilenceBreak("RUS", BEFORE)), OEWG, REGISTRY, now=now)
    assert (outcome.held, outcome.in_progress, outcome.broken) == (held, in_progress, broken)


def test_running_procedure_without_breaks() -> None:
    outcome = evaluate_silence(procedure(), OEWG, REGISTRY, now=at(2025, 7, 2))
    assert (outcome.held, outcome.in_progress, outcome.adopted_at) == (False, True, None)
    assert outcome.reasons[0].code == "silence_in_progress"


def test_document_adopted_at_the_deadline_when_silence_holds() -> None:
    silence = procedure(SilenceBreak("VAT", BEFORE))
    report = compute_report(snap([para("p1"), para("p2")], silences=[silence]), OEWG)
    assert report.document.adopted_at == DEADLINE
    assert report.document.adoptable
    assert {s.status for s in report.paragraphs} == {Status.ADOPTED}
    assert report.paragraph("p1").reasons[0].message == (
        "the document was adopted under silence procedure 's1' at its deadline "
        "2025-07-03T12:00:00+00:00"
    )
    assert report.silences[0].held


def test_document_not_adopted_when_a_member_state_breaks_silence() -> None:
    silence = procedure(SilenceBreak("RUS", BEFORE))
    report = compute_report(snap([para("p1")], silences=[silence]), OEWG)
    assert report.document.adopted_at is None
    assert report.paragraph("p1").status is Status.CONSENSUS_READY
    assert "silence_broken" in [r.code for r in report.document.reasons]


def test_running_silence_does_not_adopt_yet() -> None:
    report = compute_report(snap([para("p1")], silences=[procedure()]), OEWG, now=at(2025, 7, 2))
    assert report.document.adopted_at is None
    assert report.silences[0].in_progress


def test_silence_on_paragraphs_confirms_them() -> None:
    held = procedure(paragraphs=("p1",))
    broken = SilenceProcedure(
        "s2",
        started_at=START,
        deadline=DEADLINE,
        paragraph_ids=("p2",),
        breaks=(SilenceBreak("USA", BEFORE),),
    )
    report = compute_report(snap([para("p1"), para("p2")], silences=[held, broken]), OEWG)
    assert report.paragraph("p1").status is Status.CONFIRMED
    assert report.paragraph("p1").reasons[0].code == "silence"
    assert report.paragraph("p2").status is Status.CONSENSUS_READY
    assert report.paragraph("p2").has_reason("silence")
    assert report.document.adopted_at is None


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="has no time zone"):
        compute_report(snap([para("p1")]), OEWG, now=dt.datetime(2025, 7, 2))
