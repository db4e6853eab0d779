"""Positions and what they do to a paragraph's status: only a current formal objection by a
participant with decision rights blocks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consensus_text.consensus import Rules, Status, compute_report
from consensus_text.model.participants import Participant, ParticipantKind, Registry
from consensus_text.model.positions import Position

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import K, para, pos, snap

OEWG = Rules.preset("oewg")
REGISTRY = Registry.default().with_participant(
    Participant("XNGO", "Example NGO", ParticipantKind.NGO)
)


@pytest.mark.parametrize(
    ("positions", "status", "objectors", "codes"),
    [
        pytest.param((), Status.CONSENSUS_READY, (), (), id="silence is not objection"),
        pytest.param(
            (pos("FRA", "p1", K.SUPPORT), pos("CHN", "p1", K.CAN_LIVE_WITH)),
            Status.CONSENSUS_READY,
            (),
            (),
            id="support and can live with",
        ),
        pytest.param(
            (pos("RUS", "p1", K.OBJECTION),),
            Status.BLOCKED,
            ("RUS",),
            ("formal_objection",),
            id="member state objection blocks",
        ),
        pytest.param(
            (pos("VAT", "p1", K.OBJECTION),),
            Status.CONSENSUS_READY,
            (),
            ("no_decision_rights",),
            id="observer state objection never blocks",
        ),
        pytest.param(
            (pos("PSE", "p1", K.OBJECTION),),
            Status.CONSENSUS_READY,
            (),
            ("no_decision_rights",),
            id="State of Palestine does not block under the OEWG",
        ),
        pytest.param(
            (pos("EU", "p1", K.OBJECTION, speaker="EU"),),
            Status.BLOCKED,  # for its 27 members
            ("EU",),
            ("group_objection",),
            id="EU objection expands to its members",
        ),
        pytest.param(
            (pos("XNGO", "p1", K.OBJECTION),),
            Status.CONSENSUS_READY,
            (),
            ("no_decision_rights",),
            id="NGO objection never blocks",
        ),
        pytest.param(
            (pos("ZZZ", "p1", K.OBJECTION),),
            Status.CONSENSUS_READY,
            (),
            ("unknown_participant",),
            id="unknown code never blocks",
        ),
        pytest.param(
            (pos("USA", "p1", K.RESERVATION),),
            Status.PENDING,
            (),
            ("reservation",),
            id="reservation keeps pending",
        ),
        pytest.param(
            (pos("USA", "p1", K.STUDY_RESERVATION),),
            Status.PENDING,
            (),
            ("reservation",),
            id="study reservation",
        ),
        pytest.param(
            (pos("BRA", "p1", K.AWAITING_INSTRUCTIONS),),
            Status.PENDING,
            (),
            ("reservation",),
            id="awaiting instructions",
        ),
        pytest.param(
            (pos("VAT", "p1", K.RESERVATION),),
            Status.CONSENSUS_READY,
            (),
            ("no_decision_rights",),
            id="observer reservation does not count",
        ),
        pytest.param(
            (pos("USA", "p1", K.DISSOCIATION), pos("FRA", "p1", K.EXPLANATION)),
            Status.CONSENSUS_READY,
            (),
            ("records",),
            id="dissociation and explanation never change the status",
        ),
        pytest.param(
            (pos("RUS", "p1", K.OBJECTION), pos("USA", "p1", K.RESERVATION)),
            Status.BLOCKED,
            ("RUS",),
            ("formal_objection", "reservation"),
            id="objection outranks reservation",
        ),
        pytest.param(
            (pos("RUS", "p1", K.OBJECTION, version=1),),
            Status.CONSENSUS_READY,
            (),
            ("stale_positions",),
            id="stale objection after an amendment does not block",
        ),
    ],
)
def test_position_table(
    positions: tuple[Position, ...],
    status: Status,
    objectors: tuple[str, ...],
    codes: tuple[str, ...],
) -> None:
    # the paragraph was amended (version 2) in the row about stale positions
    version = 2 if codes == ("stale_positions",) else 1
    report = compute_report(snap([para("p1", version=version)], positions, registry=REGISTRY), OEWG)
    result = report.paragraph("p1")
    assert result.status is status
    assert result.objectors == objectors
    assert result.reason_codes == codes


def test_stale_positions_after_an_amendment_are_reported_never_counted() -> None:
    positions = [
        pos("FRA", "p1", K.SUPPORT, version=1),
        pos("RUS", "p1", K.OBJECTION, version=1),
        pos("USA", "p1", K.RESERVATION, version=1),
        pos("CHN", "p1", K.SUPPORT, version=2),
    ]
    report = compute_report(snap([para("p1", version=2)], positions), OEWG)
    result = report.paragraph("p1")
    assert result.status is Status.CONSENSUS_READY
    assert [p.participant for p in result.stale] == ["FRA", "RUS", "USA"]
    assert result.reservations == ()
    assert result.objectors == ()
    (stale,) = [r for r in result.reasons if r.code == "stale_positions"]
    assert stale.message == (
        "3 positions stated on an earlier wording must be restated: FRA support (v1), "
        "RUS objection (v1), USA reservation (v1)"
    )
    assert stale.participants == ("FRA", "RUS", "USA")


def test_restated_objection_blocks_again() -> None:
    positions = [pos("RUS", "p1", K.OBJECTION, version=2)]
    result = compute_report(snap([para("p1", version=2)], positions), OEWG).paragraph("p1")
    assert result.status is Status.BLOCKED
    assert result.stale == ()


def test_objection_to_an_element_blocks_the_paragraph() -> None:
    paragraph = para("p1", "States [shall][should] act [promptly];")
    positions = [pos("IND", "p1", K.OBJECTION, element=2, note="cannot accept 'promptly'")]
    result = compute_report(snap([paragraph], positions), OEWG).paragraph("p1")
    assert result.status is Status.BLOCKED
    assert result.brackets == 2
    assert result.objections[0].element == 2
    assert result.reasons[0].message == (
        "formal objection by IND on element 2: \"cannot accept 'promptly'\""
    )


def test_position_on_an_element_the_version_does_not_have() -> None:
    positions = [pos("IND", "p1", K.OBJECTION, element=3)]
    result = compute_report(snap([para("p1", "A [b] c;")], positions), OEWG).paragraph("p1")
    assert result.status is Status.PENDING  # the bracket, not the objection
    assert result.has_reason("unknown_element")
    assert result.objectors == ()


def test_preferences_on_alternatives_are_reported() -> None:
    paragraph = para("p1", "States [shall][should] act;")
    positions = [
        pos("FRA", "p1", K.SUPPORT, element=1, preferred=1),
        pos("USA", "p1", K.SUPPORT, element=1, preferred=1),
        pos("G77", "p1", K.CAN_LIVE_WITH, element=1, preferred=2),
    ]
    result = compute_report(snap([paragraph], positions), OEWG).paragraph("p1")
    (reason,) = [r for r in result.reasons if r.code == "preferences"]
    assert reason.message == "preferred options: element 1: option 1: FRA, USA; option 2: G77"


def test_reservations_need_not_keep_a_paragraph_pending() -> None:
    rules = Rules.preset("oewg", reservations_block_readiness=False)
    positions = [pos("USA", "p1", K.STUDY_RESERVATION, note="under study in capital")]
    result = compute_report(snap([para("p1")], positions), rules).paragraph("p1")
    assert result.status is Status.CONSENSUS_READY
    assert [p.participant for p in result.reservations] == ["USA"]
    assert result.reasons[0].message == 'study reservation by USA: "under study in capital"'


def test_records_are_listed_against_their_paragraph() -> None:
    positions = [
        pos("USA", "p1", K.DISSOCIATION),
        pos("FRA", "p1", K.EXPLANATION),
        pos("RUS", "p1", K.OBJECTION),
    ]
    result = compute_report(snap([para("p1")], positions), OEWG).paragraph("p1")
    assert [(p.participant, p.kind) for p in result.records] == [
        ("FRA", K.EXPLANATION),
        ("USA", K.DISSOCIATION),
    ]
    assert result.status is Status.BLOCKED
    (records,) = [r for r in result.reasons if r.code == "records"]
    assert records.message == (
        "recorded, no effect on the status: explanation by FRA, dissociation by USA"
    )


def test_eu_is_a_party_under_the_unfccc() -> None:
    positions = [pos("EU", "p1", K.OBJECTION)]
    registry = Registry.default()
    for preset, direct in (("ga_plenary", False), ("unfccc", True)):
        result = compute_report(snap([para("p1")], positions, registry=registry), preset)
        members = result.paragraph("p1").blocking_members
        assert ("EU" in members) is direct
        assert "FRA" in members  # the EU speaks for its member States in both


def test_observer_objection_is_explained() -> None:
    result = compute_report(snap([para("p1")], [pos("VAT", "p1", K.OBJECTION)]), OEWG).paragraph(
        "p1"
    )
    assert result.reasons[0].message == (
        "VAT (observer state) formally objects: recorded, it does not count (no decision "
        "rights under the rules of the Open-ended working group)"
    )
