"""Rules of procedure as configuration: presets, decision rights, majorities, consistency."""

from __future__ import annotations

from fractions import Fraction

import pytest

from consensus_text.consensus import AccreditationRule, Fallback, Majority, Rules
from consensus_text.errors import ProcedureError
from consensus_text.model.participants import Participant, ParticipantKind, Registry

REGISTRY = Registry.default()
NGO = Participant("XNGO", "Example NGO", ParticipantKind.NGO)


def test_presets_are_listed_sorted() -> None:
    assert Rules.presets() == ("ga_main_committee", "ga_plenary", "oewg", "poa", "unfccc")


@pytest.mark.parametrize("name", ["oewg", "OEWG", "ga-plenary", "GA plenary", " poa "])
def test_preset_names_are_forgiving(name: str) -> None:
    assert Rules.preset(name).name in Rules.presets()


def test_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(ProcedureError) as caught:
        Rules.preset("security_council")
    message = str(caught.value)
    assert "no preset rules named 'security_council'" in message
    for name in Rules.presets():
        assert name in message
    assert isinstance(caught.value, ValueError)


def test_unknown_override_names_the_attribute() -> None:
    with pytest.raises(ProcedureError, match="Rules has no attribute 'partys'"):
        Rules.preset("oewg", partys=("EU",))


@pytest.mark.parametrize(
    ("preset", "code", "expected"),
    [
        ("ga_plenary", "FRA", True),
        ("ga_plenary", "EU", False),  # the EU speaks but does not decide in the GA
        ("ga_plenary", "VAT", False),  # observer State
        ("ga_plenary", "PSE", False),
        ("ga_main_committee", "BRA", True),
        ("oewg", "USA", True),
        ("oewg", "EU", False),
        ("oewg", "COK", False),  # not a UN Member State
        ("poa", "CHN", True),
        ("poa", "VAT", False),
        ("unfccc", "EU", True),  # a Party under the UNFCCC
        ("unfccc", "PSE", True),
        ("unfccc", "COK", True),
        ("unfccc", "NIU", True),
        ("unfccc", "VAT", False),
        ("unfccc", "IND", True),
    ],
)
def test_decision_rights_follow_the_role_in_the_process(
    preset: str, code: str, expected: bool
) -> None:
    rules = Rules.preset(preset)
    assert rules.decision_rights(REGISTRY.participant(code)) is expected
    assert rules.has_decision_rights(code, REGISTRY) is expected


@pytest.mark.parametrize("preset", Rules.presets())
def test_stakeholders_never_decide(preset: str) -> None:
    assert not Rules.preset(preset).decision_rights(NGO)


def test_group_codes_and_unknown_codes_have_no_rights_of_their_own() -> None:
    rules = Rules.preset("oewg")
    assert not rules.has_decision_rights("G77", REGISTRY)
    assert not rules.has_decision_rights("XXX", REGISTRY)


def test_overrides_give_and_take_decision_rights() -> None:
    eu = REGISTRY.participant("EU")
    assert Rules.preset("ga_plenary", parties=("EU",)).decision_rights(eu)
    assert Rules.preset("oewg").with_parties("EU").decision_rights(eu)
    assert not Rules.preset("unfccc").without_parties("EU").decision_rights(eu)
    fra = REGISTRY.participant("FRA")
    assert not Rules.preset("oewg", non_parties=("FRA",)).decision_rights(fra)


@pytest.mark.parametrize(
    ("preset", "voting", "important", "fallback"),
    [
        ("ga_plenary", Majority.SIMPLE, Majority.TWO_THIRDS, Fallback.VOTE),
        ("ga_main_committee", Majority.SIMPLE, None, Fallback.VOTE),
        ("oewg", None, None, Fallback.CHAIR_SUMMARY),
        ("poa", None, None, Fallback.CHAIR_SUMMARY),
        ("unfccc", None, None, Fallback.CARRY_FORWARD),
    ],
)
def test_preset_voting(
    preset: str, voting: Majority | None, important: Majority | None, fallback: Fallback
) -> None:
    rules = Rules.preset(preset)
    assert (rules.voting, rules.important_questions, rules.fallback) == (
        voting,
        important,
        fallback,
    )


@pytest.mark.parametrize(
    ("preset", "share", "confidential"),
    [
        ("ga_plenary", None, False),
        ("oewg", None, True),
        ("poa", None, True),
        ("unfccc", Fraction(1, 3), False),
    ],
)
def test_preset_accreditation(preset: str, share: Fraction | None, confidential: bool) -> None:
    rule = Rules.preset(preset).accreditation
    assert (rule.refusal_share, rule.objector_confidential) == (share, confidential)
    assert rule.on_single_objection is (share is None)


@pytest.mark.parametrize(
    ("majority", "present_and_voting", "required"),
    [
        (Majority.SIMPLE, 0, 1),
        (Majority.SIMPLE, 1, 1),
        (Majority.SIMPLE, 2, 2),
        (Majority.SIMPLE, 100, 51),
        (Majority.SIMPLE, 101, 51),
        (Majority.TWO_THIRDS, 0, 1),
        (Majority.TWO_THIRDS, 3, 2),
        (Majority.TWO_THIRDS, 4, 3),
        (Majority.TWO_THIRDS, 150, 100),
        (Majority.TWO_THIRDS, 151, 101),
        (Majority.TWO_THIRDS, 193, 129),
    ],
)
def test_majority_required(majority: Majority, present_and_voting: int, required: int) -> None:
    assert majority.required(present_and_voting) == required


def test_majority_rejects_negative_counts() -> None:
    with pytest.raises(ProcedureError):
        Majority.SIMPLE.required(-1)


def test_no_vote_where_the_process_does_not_vote() -> None:
    with pytest.raises(ProcedureError, match="this process does not vote") as caught:
        Rules.preset("unfccc").majority_for()
    assert "carry_forward" in str(caught.value)


def test_important_questions_take_their_own_majority() -> None:
    rules = Rules.preset("ga_plenary")
    assert rules.majority_for(important_question=True) is Majority.TWO_THIRDS
    assert rules.majority_for() is Majority.SIMPLE
    # Main Committees decide important questions by simple majority too
    assert Rules.preset("ga_main_committee").majority_for(important_question=True) is (
        Majority.SIMPLE
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parties": ("EU",), "non_parties": ("EU",)}, "both as parties and as non-parties"),
        ({"important_questions": Majority.TWO_THIRDS}, "no voting rule"),
        ({"fallback": Fallback.VOTE}, "fall back on a vote but have no voting rule"),
        ({"voting": "simple"}, "is not a Majority"),
        ({"parties": "EU"}, "not the string 'EU'"),
        ({"decision_kinds": ("member_state",)}, "not a ParticipantKind"),
    ],
)
def test_inconsistent_rules_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ProcedureError, match=message):
        Rules("custom", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("share", [0, -1, 2, "3/2"])
def test_accreditation_share_must_be_a_proper_share(share: object) -> None:
    with pytest.raises(ProcedureError, match="must be above 0 and at most 1"):
        AccreditationRule(refusal_share=share)  # type: ignore[arg-type]


def test_rules_are_frozen_values() -> None:
    assert Rules.preset("oewg") == Rules.preset("oewg")
    assert hash(Rules.preset("oewg")) == hash(Rules.preset("oewg"))
    assert Rules.preset("poa") != Rules.preset("oewg")
    assert Rules.preset("oewg").describe() == "Open-ended working group"
