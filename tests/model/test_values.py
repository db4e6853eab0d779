"""Positions, revisions, rulings, packages, silence procedures, votes, snapshots."""

from __future__ import annotations

import datetime as dt

import pytest

from consensus_text.errors import RevisionNotFoundError, ValidationError
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import (
    Ballot,
    Package,
    Ruling,
    RulingKind,
    SilenceProcedure,
    Vote,
)
from consensus_text.model.revisions import Revision, RevisionKind
from consensus_text.model.snapshot import Snapshot

UTC = dt.UTC
T0 = dt.datetime(2025, 7, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "blocks", "agreement", "reservation", "record"),
    [
        (PositionKind.SUPPORT, False, True, False, False),
        (PositionKind.CAN_LIVE_WITH, False, True, False, False),
        (PositionKind.RESERVATION, False, False, True, False),
        (PositionKind.STUDY_RESERVATION, False, False, True, False),
        (PositionKind.AWAITING_INSTRUCTIONS, False, False, True, False),
        (PositionKind.OBJECTION, True, False, False, False),
        (PositionKind.DISSOCIATION, False, False, False, True),
        (PositionKind.EXPLANATION, False, False, False, True),
    ],
)
def test_position_kinds_are_distinct(
    kind: PositionKind, blocks: bool, agreement: bool, reservation: bool, record: bool
) -> None:
    assert (kind.blocks, kind.is_agreement, kind.is_reservation, kind.is_record) == (
        blocks,
        agreement,
        reservation,
        record,
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("support", PositionKind.SUPPORT),
        ("Join consensus", PositionKind.CAN_LIVE_WITH),
        ("can-live-with", PositionKind.CAN_LIVE_WITH),
        ("formal objection", PositionKind.OBJECTION),
        ("study reservation", PositionKind.STUDY_RESERVATION),
        ("explanation of vote", PositionKind.EXPLANATION),
    ],
)
def test_position_kind_parse(text: str, kind: PositionKind) -> None:
    assert PositionKind.parse(text) is kind


def test_position_kind_parse_error_lists_values() -> None:
    with pytest.raises(ValidationError, match="use one of: support"):
        PositionKind.parse("maybe")


def test_position_validation() -> None:
    with pytest.raises(ValidationError, match="no time zone"):
        Position("FRA", "p1", PositionKind.SUPPORT, stated_at=dt.datetime(2025, 1, 1))
    with pytest.raises(ValidationError, match="element is None"):
        Position("FRA", "p1", PositionKind.SUPPORT, preferred_option=2)
    with pytest.raises(ValidationError, match="1 or more"):
        Position("FRA", "p1", PositionKind.SUPPORT, element=0)
    p = Position("FRA", "p1", PositionKind.SUPPORT, element=2, preferred_option=1)
    assert p.key == ("FRA", "p1", 2)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("zero draft", RevisionKind.ZERO_DRAFT),
        ("Zero Draft", RevisionKind.ZERO_DRAFT),
        ("crp", RevisionKind.CRP),
        ("Chair's text", RevisionKind.CHAIR_TEXT),
        ("l-document", RevisionKind.L_DOCUMENT),
        ("non-paper", RevisionKind.NON_PAPER),
    ],
)
def test_revision_kind_parse(text: str, kind: RevisionKind) -> None:
    assert RevisionKind.parse(text) is kind


def test_revision_needs_aware_time_and_known_kind() -> None:
    with pytest.raises(ValidationError, match="no time zone"):
        Revision("Rev.1", RevisionKind.REVISION, "Chair", dt.datetime(2025, 1, 1))
    with pytest.raises(ValidationError, match="use one of"):
        RevisionKind.parse("final-final")


def test_silence_procedure_breaks_and_withdrawals() -> None:
    s = SilenceProcedure("s1", started_at=T0, deadline=T0 + dt.timedelta(days=2))
    s = s.broken_by("RUS", at=T0 + dt.timedelta(hours=5), note="para 7")
    s = s.withdrawn_by("RUS", at=T0 + dt.timedelta(hours=9))
    assert s.breaks[0].withdrawn_at == T0 + dt.timedelta(hours=9)
    with pytest.raises(ValidationError, match="has not broken silence"):
        s.withdrawn_by("RUS", at=T0 + dt.timedelta(hours=10))
    with pytest.raises(ValidationError, match="not after its start"):
        SilenceProcedure("s2", started_at=T0, deadline=T0)


def test_vote_counts() -> None:
    vote = Vote(
        "v1",
        held_at=T0,
        ballots={"FRA": "yes", "USA": Ballot.NO, "CHN": "abstain", "IND": "not_participating"},  # type: ignore[dict-item]
    )
    assert [code for code, _ in vote.ballots] == ["CHN", "FRA", "IND", "USA"]
    assert (vote.count(Ballot.YES), vote.count(Ballot.NO), vote.present_and_voting) == (1, 1, 2)
    assert vote.ballot_of("IND") is Ballot.NOT_PARTICIPATING and vote.ballot_of("BRA") is None


def test_package_and_ruling_values() -> None:
    with pytest.raises(ValidationError, match="no members"):
        Package("pk", ())
    ruling = Ruling("p1", RulingKind.AGREED_AD_REFERENDUM, paragraph_version=2, at=T0)
    assert ruling.by == "Chair"


def test_snapshot_indexes() -> None:
    rev = Revision("Rev.1", RevisionKind.REVISION, "Chair", T0)
    snap = Snapshot(
        draft=Draft(paragraphs=(Paragraph("p1", ParagraphKind.OPERATIVE, "Decides;"),)),
        revisions=[rev],
        positions=[
            Position("FRA", "p1", PositionKind.SUPPORT),
            Position("EU", "p2", PositionKind.OBJECTION),
        ],
        rulings=[Ruling("p1", RulingKind.CONFIRMED)],
    )
    assert snap.revision == rev and snap.revision_named("Rev.1") == rev
    assert [p.participant for p in snap.positions_on("p1")] == ["FRA"]
    assert snap.positions_on("p9") == ()
    assert [r.kind for r in snap.rulings_on("p1")] == [RulingKind.CONFIRMED]
    assert not snap.is_adopted
    with pytest.raises(RevisionNotFoundError, match=r"issued: Rev\.1"):
        snap.revision_named("Rev.9")
