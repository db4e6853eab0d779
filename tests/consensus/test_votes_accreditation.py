"""Recorded votes where a process allows them, and stakeholder accreditation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consensus_text.consensus import (
    Majority,
    Rules,
    Status,
    compute_report,
    evaluate_accreditation,
    evaluate_vote,
)
from consensus_text.errors import ProcedureError
from consensus_text.model.participants import Participant, ParticipantKind, Registry
from consensus_text.model.procedure import Ballot, Vote

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import K, at, para, pos, snap

REGISTRY = Registry.default().with_participant(
    Participant("XNGO", "Example NGO", ParticipantKind.NGO)
)
STATES = [p.code for p in REGISTRY.member_states()]


def ballots(yes: int, no: int, abstain: int = 0, absent: int = 0) -> dict[str, Ballot]:
    out: dict[str, Ballot] = {}
    codes = iter(STATES)
    for ballot, count in (
        (Ballot.YES, yes),
        (Ballot.NO, no),
        (Ballot.ABSTAIN, abstain),
        (Ballot.NOT_PARTICIPATING, absent),
    ):
        for _ in range(count):
            out[next(codes)] = ballot
    return out


@pytest.mark.parametrize(
    ("preset", "important", "tally", "passed", "required", "majority"),
    [
        # two-thirds of members present and voting: abstentions do not count
        ("ga_plenary", True, (100, 50, 40, 3), True, 100, Majority.TWO_THIRDS),
        ("ga_plenary", True, (99, 50, 40, 4), False, 100, Majority.TWO_THIRDS),
        ("ga_plenary", True, (120, 60, 0, 0), True, 120, Majority.TWO_THIRDS),
        ("ga_plenary", False, (100, 50, 40, 3), True, 76, Majority.SIMPLE),
        ("ga_plenary", False, (60, 60, 70, 3), False, 61, Majority.SIMPLE),  # a tie fails
        ("ga_plenary", False, (61, 60, 72, 0), True, 61, Majority.SIMPLE),
        ("ga_main_committee", True, (100, 60, 30, 3), True, 81, Majority.SIMPLE),
        ("ga_plenary", False, (0, 0, 150, 0), False, 1, Majority.SIMPLE),  # nobody voting
    ],
)
def test_vote_table(
    preset: str,
    important: bool,
    tally: tuple[int, int, int, int],
    passed: bool,
    required: int,
    majority: Majority,
) -> None:
    vote = Vote("v1", held_at=at(), ballots=ballots(*tally), important_question=important)
    result = evaluate_vote(vote, Rules.preset(preset), REGISTRY)
    assert (result.yes, result.no, result.abstain, result.not_participating) == tally
    assert result.present_and_voting == tally[0] + tally[1]
    assert (result.passed, result.required, result.majority) == (passed, required, majority)


def test_vote_result_is_explained() -> None:
    vote = Vote(
        "v1", held_at=at(), ballots=ballots(100, 50, 40), paragraph_id="p7", important_question=True
    )
    result = evaluate_vote(vote, Rules.preset("ga_plenary"))
    assert result.tally == "100-50-40"
    assert result.reasons[0].message == (
        "recorded vote 'v1' on paragraph p7: adopted by 100 to 50, with 40 abstentions "
        "(two-thirds of members present and voting: 100 needed of 150)"
    )


def test_ballots_without_decision_rights_are_set_aside() -> None:
    vote = Vote(
        "v1",
        held_at=at(),
        ballots={"FRA": Ballot.YES, "VAT": Ballot.NO, "XNGO": Ballot.NO, "EU": Ballot.NO},
    )
    result = evaluate_vote(vote, Rules.preset("ga_plenary"), REGISTRY)
    assert (result.yes, result.no, result.passed) == (1, 0, True)
    assert result.ignored == ("EU", "VAT", "XNGO")
    counted_without_registry = evaluate_vote(vote, Rules.preset("ga_plenary"))
    assert counted_without_registry.no == 3


@pytest.mark.parametrize("preset", ["unfccc", "oewg", "poa"])
def test_processes_that_do_not_vote(preset: str) -> None:
    vote = Vote("v1", held_at=at(), ballots=ballots(10, 1))
    with pytest.raises(ProcedureError, match="this process does not vote"):
        evaluate_vote(vote, Rules.preset(preset))


def test_votes_are_kept_in_the_report() -> None:
    votes = [
        Vote("v1", held_at=at(), ballots=ballots(100, 50, 40), paragraph_id="p1"),
        Vote("v2", held_at=at(2025, 7, 2), ballots=ballots(150, 10)),
    ]
    positions = [pos("RUS", "p1", K.OBJECTION)]
    report = compute_report(snap([para("p1")], positions, votes=votes), "ga_plenary")
    assert [v.vote_id for v in report.votes] == ["v1", "v2"]
    result = report.paragraph("p1")
    assert result.status is Status.BLOCKED  # the chair records what the vote decided
    assert result.has_reason("vote")
    assert any(r.code == "vote" and "'v2'" in r.message for r in report.document.reasons)


def test_votes_set_aside_where_the_process_does_not_vote() -> None:
    votes = [Vote("v1", held_at=at(), ballots=ballots(100, 50))]
    report = compute_report(snap([para("p1")], votes=votes), "unfccc")
    assert report.votes == ()
    (reason,) = [r for r in report.document.reasons if r.code == "votes_ignored"]
    assert reason.message == (
        "1 recorded vote set aside: the rules of the UNFCCC Conference of the Parties do not "
        "provide for voting (when consensus fails: carry forward)"
    )


# ---------------------------------------------------------------- accreditation


@pytest.mark.parametrize(
    ("preset", "objections", "present", "accepted", "required", "objectors"),
    [
        ("oewg", [], None, True, 1, ()),
        ("oewg", ["RUS"], None, False, 1, ()),  # confidential
        ("poa", ["CHN", "RUS"], None, False, 1, ()),
        ("oewg", ["VAT", "XNGO"], None, True, 1, ()),  # no decision rights
        ("ga_plenary", ["RUS"], None, False, 1, ("RUS",)),
        ("unfccc", ["RUS", "CHN"], 150, True, 50, ("CHN", "RUS")),
        ("unfccc", STATES[:50], 150, False, 50, tuple(STATES[:50])),
        # 197 Parties (193 Member States, EU, PSE, COK, NIU): one third is 65.67, so 66
        ("unfccc", STATES[:65], None, True, 66, tuple(STATES[:65])),
        ("unfccc", [*STATES[:65], "EU"], None, False, 66, tuple(sorted([*STATES[:65], "EU"]))),
    ],
)
def test_accreditation_table(
    preset: str,
    objections: list[str],
    present: int | None,
    accepted: bool,
    required: int,
    objectors: tuple[str, ...],
) -> None:
    decision = evaluate_accreditation(
        "XNGO", objections, Rules.preset(preset), registry=REGISTRY, present=present
    )
    assert (decision.accepted, decision.required, decision.objectors) == (
        accepted,
        required,
        objectors,
    )


def test_confidential_objector_is_counted_but_not_named() -> None:
    decision = evaluate_accreditation("XNGO", ["RUS", "RUS"], Rules.preset("oewg"))
    assert (decision.accepted, decision.objections, decision.confidential) == (False, 1, True)
    assert "RUS" not in decision.reasons[0].message
    assert decision.reasons[0].participants == ()


def test_named_objectors_where_the_rules_publish_them() -> None:
    decision = evaluate_accreditation("XNGO", ["RUS"], Rules.preset("ga_plenary"))
    assert decision.reasons[0].message == (
        "XNGO is refused: 1 objection from participants with decision rights (RUS); under the "
        "rules of the General Assembly (plenary) a single objection refuses accreditation"
    )


def test_ignored_objections_are_listed() -> None:
    decision = evaluate_accreditation(
        "XNGO", ["VAT", "XNGO"], Rules.preset("oewg"), registry=REGISTRY
    )
    assert decision.ignored == ("VAT", "XNGO")
    assert decision.reasons[1].code == "no_decision_rights"


def test_a_share_rule_needs_something_to_count() -> None:
    with pytest.raises(ProcedureError, match="neither present nor registry was given"):
        evaluate_accreditation("XNGO", ["RUS"], Rules.preset("unfccc"))
    with pytest.raises(ProcedureError, match="present must be 0 or more"):
        evaluate_accreditation("XNGO", ["RUS"], Rules.preset("unfccc"), present=-1)
