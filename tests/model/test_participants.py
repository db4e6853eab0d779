"""Tests of the participants registry: the shipped data, the values, lookups and errors."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.errors import (
    ConsensusTextError,
    FormatError,
    UnknownParticipantError,
    UnsupportedVersionError,
    ValidationError,
)
from consensus_text.model.participants import (
    FORMAT_VERSION,
    Group,
    GroupKind,
    Membership,
    Participant,
    ParticipantKind,
    Registry,
)

D = dt.date
REGIONAL_GROUPS = ("AFRICAN_STATES", "APG", "EEG", "GRULAC", "WEOG")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.default()


def shipped_json() -> dict[str, Any]:
    resource = importlib.resources.files("consensus_text.data").joinpath("participants.json")
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


def small_registry() -> Registry:
    return Registry(
        [
            Participant("FRA", "France", ParticipantKind.MEMBER_STATE),
            Participant("KEN", "Kenya", ParticipantKind.MEMBER_STATE),
            Participant("VAT", "Holy See", ParticipantKind.OBSERVER_STATE),
        ]
    )


# --------------------------------------------------------------------------- shipped data


def test_there_are_193_member_states(registry: Registry) -> None:
    states = registry.member_states()
    assert len(states) == 193
    assert all(p.kind is ParticipantKind.MEMBER_STATE for p in states)
    assert [p.code for p in states] == sorted(p.code for p in states)


def test_the_shipped_file_has_no_duplicate_codes_or_names() -> None:
    data = shipped_json()
    codes = [p["code"] for p in data["participants"]]
    names = [p["name"] for p in data["participants"]]
    group_codes = [g["code"] for g in data["groups"]]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    assert len(group_codes) == len(set(group_codes))


def test_state_codes_are_iso_alpha3(registry: Registry) -> None:
    for participant in registry.participants.values():
        if participant.is_state:
            assert len(participant.code) == 3, participant
            assert participant.code.isascii(), participant
            assert participant.code.isupper(), participant


@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        ("FRA", "France", ParticipantKind.MEMBER_STATE),
        (
            "GBR",
            "United Kingdom of Great Britain and Northern Ireland",
            ParticipantKind.MEMBER_STATE,
        ),
        ("TUR", "Türkiye", ParticipantKind.MEMBER_STATE),
        ("CIV", "Côte d'Ivoire", ParticipantKind.MEMBER_STATE),
        ("USA", "United States of America", ParticipantKind.MEMBER_STATE),
        ("PRK", "Democratic People's Republic of Korea", ParticipantKind.MEMBER_STATE),
        ("SWZ", "Eswatini", ParticipantKind.MEMBER_STATE),
        ("MKD", "North Macedonia", ParticipantKind.MEMBER_STATE),
        ("CZE", "Czechia", ParticipantKind.MEMBER_STATE),
        ("SSD", "South Sudan", ParticipantKind.MEMBER_STATE),
        ("VAT", "Holy See", ParticipantKind.OBSERVER_STATE),
        ("PSE", "State of Palestine", ParticipantKind.OBSERVER_STATE),
        ("COK", "Cook Islands", ParticipantKind.NON_MEMBER_STATE),
        ("NIU", "Niue", ParticipantKind.NON_MEMBER_STATE),
        ("EU", "European Union", ParticipantKind.REGIONAL_ORGANIZATION),
    ],
)
def test_known_participants(
    registry: Registry, code: str, name: str, kind: ParticipantKind
) -> None:
    assert registry.participant(code) == Participant(code, name, kind)


def test_observers_are_not_member_states(registry: Registry) -> None:
    codes = {p.code for p in registry.member_states()}
    assert not {"VAT", "PSE", "EU", "COK", "NIU"} & codes
    assert registry.participant("PSE").is_state
    assert not registry.participant("EU").is_state


def test_every_group_member_is_a_known_participant(registry: Registry) -> None:
    for group in registry.groups.values():
        for membership in group.members:
            assert membership.member in registry.participants, (group.code, membership)


@pytest.mark.parametrize(
    ("group", "kind", "size"),
    [
        ("AFRICAN_STATES", GroupKind.REGIONAL, 54),
        ("APG", GroupKind.REGIONAL, 54),  # with Kiribati; Türkiye counted in WEOG
        ("EEG", GroupKind.REGIONAL, 23),
        ("GRULAC", GroupKind.REGIONAL, 33),
        ("WEOG", GroupKind.REGIONAL, 28),  # without the United States (an observer)
        ("AGN", GroupKind.NEGOTIATING, 54),
        ("AOSIS", GroupKind.NEGOTIATING, 39),
        ("ARAB", GroupKind.NEGOTIATING, 22),
        ("EU", GroupKind.NEGOTIATING, 27),
        ("G77", GroupKind.NEGOTIATING, 134),
        ("LDC", GroupKind.NEGOTIATING, 44),
        ("NAM", GroupKind.NEGOTIATING, 120),
    ],
)
def test_group_sizes_today(registry: Registry, group: str, kind: GroupKind, size: int) -> None:
    assert registry.group(group).kind is kind
    assert len(registry.members_of(group)) == size


def test_there_are_exactly_the_documented_groups(registry: Registry) -> None:
    assert sorted(registry.groups) == sorted(
        [*REGIONAL_GROUPS, "AGN", "AOSIS", "ARAB", "EU", "G77", "LDC", "NAM"]
    )


def test_regional_groups_partition_the_member_states_except_the_united_states(
    registry: Registry,
) -> None:
    seen: dict[str, str] = {}
    for code in REGIONAL_GROUPS:
        for member in registry.members_of(code):
            assert member not in seen, f"{member} in {seen.get(member)} and {code}"
            seen[member] = code
    states = {p.code for p in registry.member_states()}
    assert set(seen) == states - {"USA"}


@pytest.mark.parametrize(
    ("member", "group"),
    [
        ("TUR", "WEOG"),  # in WEOG for elections
        ("ISR", "WEOG"),
        ("KIR", "APG"),
        ("CYP", "APG"),
        ("KAZ", "APG"),
        ("RUS", "EEG"),
        ("AUS", "WEOG"),
        ("MEX", "GRULAC"),
        ("EGY", "AFRICAN_STATES"),
    ],
)
def test_regional_group_of(registry: Registry, member: str, group: str) -> None:
    regional = [g.code for g in registry.groups_of(member) if g.kind is GroupKind.REGIONAL]
    assert regional == [group]


def test_the_united_states_is_in_no_regional_group(registry: Registry) -> None:
    assert registry.groups_of("USA") == ()
    assert "WEOG" in (registry.group("WEOG").note or "")


@pytest.mark.parametrize(
    ("group", "inside", "outside"),
    [
        ("G77", {"CHN", "PSE", "IND", "BRA", "ZAF", "BIH"}, {"MEX", "KOR", "USA", "TUR"}),
        ("NAM", {"PSE", "AZE", "BLR", "IND", "CUB"}, {"CHN", "BRA", "MEX", "SSD"}),
        ("ARAB", {"PSE", "EGY", "SAU", "COM", "MRT"}, {"IRN", "TUR", "ISR"}),
        ("AOSIS", {"COK", "NIU", "SGP", "CUB", "MDV"}, {"BHR", "JPN", "MLT"}),
        ("LDC", {"HTI", "TLS", "KIR", "TUV", "SSD"}, {"VUT", "BTN", "STP", "WSM", "MDV"}),
        ("EU", {"FRA", "DEU", "HRV"}, {"GBR", "NOR", "CHE", "EU"}),
    ],
)
def test_notable_members(
    registry: Registry, group: str, inside: set[str], outside: set[str]
) -> None:
    members = registry.members_of(group)
    assert inside <= members
    assert not outside & members


def test_african_group_is_the_african_regional_group(registry: Registry) -> None:
    assert registry.members_of("AGN") == registry.members_of("AFRICAN_STATES")


def test_arab_group_members_are_african_or_asia_pacific_or_palestine(registry: Registry) -> None:
    allowed = registry.members_of("AFRICAN_STATES") | registry.members_of("APG") | {"PSE"}
    assert registry.members_of("ARAB") <= allowed


@pytest.mark.parametrize(
    ("on", "size"),
    [
        (D(1957, 12, 31), 0),
        (D(1958, 1, 1), 6),
        (D(1973, 1, 1), 9),
        (D(1995, 1, 1), 15),
        (D(2004, 5, 1), 25),
        (D(2007, 1, 1), 27),
        (D(2013, 6, 30), 27),
        (D(2013, 7, 1), 28),
        (D(2019, 6, 1), 28),
        (D(2020, 1, 31), 28),
        (D(2020, 2, 1), 27),
        (None, 27),
    ],
)
def test_eu_membership_over_time(registry: Registry, on: dt.date | None, size: int) -> None:
    assert len(registry.members_of("EU", on)) == size


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(1972, 12, 31), False),
        (D(1973, 1, 1), True),
        (D(2020, 1, 31), True),  # the last day: the end date is exclusive
        (D(2020, 2, 1), False),
        (None, False),
    ],
)
def test_united_kingdom_in_the_eu(registry: Registry, on: dt.date | None, expected: bool) -> None:
    assert registry.group("EU").has_member("GBR", on) is expected


@pytest.mark.parametrize(
    ("on", "size"),
    [
        (D(2016, 1, 1), 48),
        (D(2017, 6, 4), 47),  # Equatorial Guinea
        (D(2020, 12, 3), 47),
        (D(2020, 12, 4), 46),  # Vanuatu
        (D(2023, 12, 13), 45),  # Bhutan
        (D(2024, 12, 13), 44),  # Sao Tome and Principe
        (None, 44),
    ],
)
def test_ldc_graduations(registry: Registry, on: dt.date | None, size: int) -> None:
    assert len(registry.members_of("LDC", on)) == size


@pytest.mark.parametrize(
    ("member", "graduated"),
    [("VUT", D(2020, 12, 4)), ("BTN", D(2023, 12, 13)), ("STP", D(2024, 12, 13))],
)
def test_ldc_graduation_takes_effect_on_its_date(
    registry: Registry, member: str, graduated: dt.date
) -> None:
    ldc = registry.group("LDC")
    assert ldc.has_member(member, graduated - dt.timedelta(days=1))
    assert not ldc.has_member(member, graduated)
    assert not ldc.has_member(member)


def test_eu_is_both_a_participant_and_a_group(registry: Registry) -> None:
    assert registry.participant("EU").kind is ParticipantKind.REGIONAL_ORGANIZATION
    assert registry.group("EU").kind is GroupKind.NEGOTIATING
    assert registry.is_group("EU")
    assert registry.lookup("EU") == registry.participant("EU")  # participants win


def test_the_shipped_file_is_in_canonical_form(registry: Registry) -> None:
    assert registry.to_dict() == shipped_json()


def test_default_is_loaded_once() -> None:
    assert Registry.default() is Registry.default()


def test_the_registry_is_hashable_and_round_trips(registry: Registry) -> None:
    again = Registry.from_dict(json.loads(json.dumps(registry.to_dict())))
    assert again == registry
    assert hash(again) == hash(registry)
    assert {registry: 1}[again] == 1


def test_the_model_layer_imports_no_backend() -> None:
    code = (
        "import sys, consensus_text.model.participants as m; m.Registry.default(); "
        "print(sorted(n for n in ('lxml', 'docx', 'networkx', 'diff_match_patch', 'pandas') "
        "if n in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- values


def test_kind_values_are_lowercase_strings() -> None:
    assert ParticipantKind.MEMBER_STATE.value == "member_state"
    assert GroupKind.NEGOTIATING.value == "negotiating"
    for kind in [*ParticipantKind, *GroupKind]:
        assert kind.value == kind.name.lower()


@pytest.mark.parametrize(
    ("kind", "is_state"),
    [
        (ParticipantKind.MEMBER_STATE, True),
        (ParticipantKind.OBSERVER_STATE, True),
        (ParticipantKind.NON_MEMBER_STATE, True),
        (ParticipantKind.REGIONAL_ORGANIZATION, False),
        (ParticipantKind.INTERGOVERNMENTAL_ORGANIZATION, False),
        (ParticipantKind.NGO, False),
        (ParticipantKind.PRIVATE_SECTOR, False),
        (ParticipantKind.ACADEMIA, False),
        (ParticipantKind.TECHNICAL_COMMUNITY, False),
        (ParticipantKind.OTHER, False),
    ],
)
def test_is_state(kind: ParticipantKind, is_state: bool) -> None:
    assert kind.is_state is is_state


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "", "name": "France"}, "code '' must be a non-empty string"),
        ({"code": " FRA", "name": "France"}, "code ' FRA' must be"),
        ({"code": "FRA\n", "name": "France"}, "code 'FRA\\n' must be"),
        ({"code": "FRA", "name": ""}, "name '' must be"),
        ({"code": "FRA", "name": "France", "kind": "member_state"}, "kind 'member_state' is not"),
    ],
)
def test_participant_validation(kwargs: dict[str, Any], message: str) -> None:
    kwargs.setdefault("kind", ParticipantKind.MEMBER_STATE)
    with pytest.raises(ValidationError, match="^" + re.escape(message)):
        Participant(**kwargs)


@pytest.mark.parametrize(
    ("start", "end", "on", "expected"),
    [
        (None, None, None, True),
        (None, None, D(1900, 1, 1), True),
        (D(2000, 1, 1), None, D(1999, 12, 31), False),
        (D(2000, 1, 1), None, D(2000, 1, 1), True),  # start is inclusive
        (D(2000, 1, 1), None, None, True),
        (None, D(2010, 1, 1), D(2009, 12, 31), True),
        (None, D(2010, 1, 1), D(2010, 1, 1), False),  # end is exclusive
        (None, D(2010, 1, 1), None, False),
        (D(2000, 1, 1), D(2010, 1, 1), D(2005, 6, 1), True),
    ],
)
def test_membership_is_active(
    start: dt.date | None, end: dt.date | None, on: dt.date | None, expected: bool
) -> None:
    assert Membership("FRA", start, end).is_active(on) is expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"member": ""}, "member '' must be"),
        (
            {"member": "FRA", "start": D(2000, 1, 1), "end": D(2000, 1, 1)},
            "membership of 'FRA' ends",
        ),
        (
            {"member": "FRA", "start": D(2000, 1, 1), "end": D(1999, 1, 1)},
            "membership of 'FRA' ends",
        ),
        ({"member": "FRA", "start": dt.datetime(2000, 1, 1)}, "start datetime.datetime"),
        ({"member": "FRA", "end": "2000-01-01"}, "end '2000-01-01' must be a datetime.date"),
    ],
)
def test_membership_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match="^" + re.escape(message)):
        Membership(**kwargs)


def test_group_accepts_codes_and_memberships() -> None:
    group = Group("G", "A group", GroupKind.OTHER, ["FRA", Membership("KEN", start=D(2000, 1, 1))])
    assert group.members == (Membership("FRA"), Membership("KEN", D(2000, 1, 1)))
    assert group.members_on(D(1999, 1, 1)) == {"FRA"}
    assert group.members_on() == {"FRA", "KEN"}


def test_group_member_may_leave_and_rejoin() -> None:
    group = Group(
        "G",
        "A group",
        GroupKind.OTHER,
        [Membership("FRA", end=D(2000, 1, 1)), Membership("FRA", start=D(2005, 1, 1))],
    )
    assert [group.has_member("FRA", on) for on in (D(1999, 1, 1), D(2002, 1, 1), None)] == [
        True,
        False,
        True,
    ]


def test_group_rejects_overlapping_memberships() -> None:
    with pytest.raises(ValidationError) as info:
        Group("G", "A group", GroupKind.OTHER, ["FRA", Membership("FRA", start=D(2000, 1, 1))])
    assert str(info.value) == (
        "group 'G' lists 'FRA' twice for overlapping periods: [..., ...) and [2000-01-01, ...); "
        "merge the two memberships or make the periods disjoint (end is exclusive)"
    )


def test_group_note_must_be_text() -> None:
    with pytest.raises(ValidationError, match="note 3 must be a string or None"):
        Group("G", "A group", GroupKind.OTHER, note=3)  # type: ignore[arg-type]


def test_group_rejects_a_single_string_as_members() -> None:
    with pytest.raises(ValidationError, match="members 'FRA' must be a sequence"):
        Group("G", "A group", GroupKind.OTHER, "FRA")


def test_group_with_and_without_member() -> None:
    group = Group("G", "A group", GroupKind.OTHER, ["FRA"])
    grown = group.with_member("KEN", start=D(2001, 1, 1))
    assert group.members_on() == {"FRA"}  # unchanged
    assert grown.members_on() == {"FRA", "KEN"}
    shrunk = grown.without_member("FRA", on=D(2010, 1, 1))
    assert shrunk.members_on() == {"KEN"}
    assert shrunk.has_member("FRA", D(2009, 12, 31))
    with pytest.raises(ValidationError, match="'FRA' is not a current member of group 'G'"):
        shrunk.without_member("FRA", on=D(2011, 1, 1))
    with pytest.raises(ValidationError, match="twice for overlapping periods"):
        grown.with_member("KEN")


# --------------------------------------------------------------------------- lookups and errors


@pytest.mark.parametrize(
    ("query", "code", "is_group"),
    [
        ("FRA", "FRA", False),
        ("fra", "FRA", False),
        ("France", "FRA", False),
        ("france", "FRA", False),
        ("FRANCE", "FRA", False),
        ("Türkiye", "TUR", False),
        ("türkiye", "TUR", False),
        ("Holy See", "VAT", False),
        ("state of palestine", "PSE", False),
        ("WEOG", "WEOG", True),
        ("weog", "WEOG", True),
        ("Group of 77 and China", "G77", True),
        ("g77", "G77", True),
        ("Least Developed Countries", "LDC", True),
        ("eu", "EU", False),
        ("European Union", "EU", False),
    ],
)
def test_lookup(registry: Registry, query: str, code: str, is_group: bool) -> None:
    found = registry.lookup(query)
    assert found.code == code
    assert isinstance(found, Group) is is_group


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("FRN", "FRA"),
        ("Frnace", "FRA"),
        ("france", "FRA"),
        ("fra", "FRA"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Cote d'Ivoire", "CIV"),
        ("Untied States", "USA"),
        ("Palestine", "PSE"),
        ("gbr", "GBR"),
    ],
)
def test_unknown_participant_suggests_the_closest_code(
    registry: Registry, query: str, first: str
) -> None:
    with pytest.raises(UnknownParticipantError) as info:
        registry.participant(query)
    assert info.value.code == query
    assert info.value.suggestions[0] == first
    assert 1 <= len(info.value.suggestions) <= 3


def test_unknown_participant_error_message(registry: Registry) -> None:
    with pytest.raises(UnknownParticipantError) as info:
        registry.participant("Frnace")
    assert str(info.value) == "unknown participant 'Frnace'; did you mean 'FRA'?"
    assert info.value.suggestions == ("FRA",)


def test_unknown_participant_error_message_with_several_suggestions(registry: Registry) -> None:
    with pytest.raises(UnknownParticipantError) as info:
        registry.participant("FRN")
    assert str(info.value) == "unknown participant 'FRN'; did you mean 'FRA' or 'FIN' or 'BRN'?"


def test_unknown_participant_without_suggestion(registry: Registry) -> None:
    with pytest.raises(UnknownParticipantError) as info:
        registry.participant("QQQQQQ")
    assert info.value.suggestions == ()
    assert str(info.value).startswith("unknown participant 'QQQQQQ'; ")


def test_unknown_participant_error_is_a_key_error(registry: Registry) -> None:
    with pytest.raises(KeyError):
        registry.participant("XYZ")
    with pytest.raises(ValidationError):
        registry.participant("XYZ")
    with pytest.raises(ConsensusTextError):
        registry.participant("XYZ")


@pytest.mark.parametrize(
    ("call", "query", "first"),
    [
        ("group", "G7", "G77"),
        ("group", "Arab group", "ARAB"),
        ("group", "FRA", None),  # a participant, not a group: no group comes close
        ("lookup", "Frnace", "FRA"),
        ("lookup", "WOEG", "WEOG"),
        ("members_of", "GRULC", "GRULAC"),
        ("groups_of", "FRN", "FRA"),
    ],
)
def test_unknown_codes_in_other_queries(
    registry: Registry, call: str, query: str, first: str | None
) -> None:
    with pytest.raises(UnknownParticipantError) as info:
        getattr(registry, call)(query)
    assert (info.value.suggestions[:1] or (None,))[0] == first


def test_participant_does_not_fold_case(registry: Registry) -> None:
    with pytest.raises(UnknownParticipantError):
        registry.participant("fra")


def test_contains_and_is_group(registry: Registry) -> None:
    assert "FRA" in registry
    assert "G77" in registry
    assert "EU" in registry
    assert "fra" not in registry
    assert 42 not in registry
    assert registry.is_group("G77")
    assert not registry.is_group("FRA")


@pytest.mark.parametrize(
    ("code", "on", "groups"),
    [
        ("FRA", None, ("EU", "WEOG")),
        ("GBR", None, ("WEOG",)),
        ("GBR", D(2019, 6, 1), ("EU", "WEOG")),
        ("PSE", None, ("ARAB", "G77", "NAM")),
        ("CHN", None, ("APG", "G77")),
        ("VUT", D(2019, 1, 1), ("AOSIS", "APG", "G77", "LDC", "NAM")),
        ("VUT", None, ("AOSIS", "APG", "G77", "NAM")),
        ("EU", None, ()),
        ("VAT", None, ()),
    ],
)
def test_groups_of(
    registry: Registry, code: str, on: dt.date | None, groups: tuple[str, ...]
) -> None:
    assert tuple(g.code for g in registry.groups_of(code, on)) == groups


# --------------------------------------------------------------------------- extending


def test_adding_an_ngo(registry: Registry) -> None:
    ngo = Participant("ACME-NGO", "Acme Civil Society Network", ParticipantKind.NGO)
    extended = registry.with_participant(ngo)
    assert extended.participant("ACME-NGO") == ngo
    assert extended.lookup("acme civil society network") == ngo
    assert "ACME-NGO" not in registry  # the original is unchanged
    assert len(extended.member_states()) == 193
    assert extended.with_participant(ngo) is extended  # same data: nothing to do


def test_adding_a_participant_with_a_taken_code(registry: Registry) -> None:
    impostor = Participant("FRA", "Fraternity International", ParticipantKind.NGO)
    with pytest.raises(ValidationError) as info:
        registry.with_participant(impostor)
    assert str(info.value) == (
        "participant 'FRA' is already registered as 'France' (member_state), with different data "
        "than 'Fraternity International' (ngo); use another code, or pass replace=True to "
        "replace it"
    )
    assert registry.with_participant(impostor, replace=True).participant("FRA") == impostor


def test_adding_a_custom_group(registry: Registry) -> None:
    ngo = Participant("ACME-NGO", "Acme Civil Society Network", ParticipantKind.NGO)
    friends = Group(
        "FRIENDS-ICT", "Friends of ICT security", GroupKind.OTHER, ["FRA", "KEN", "ACME-NGO"]
    )
    extended = registry.with_participant(ngo).with_group(friends)
    assert extended.members_of("FRIENDS-ICT") == {"FRA", "KEN", "ACME-NGO"}
    assert [g.code for g in extended.groups_of("ACME-NGO")] == ["FRIENDS-ICT"]
    assert "FRIENDS-ICT" in [g.code for g in extended.groups_of("KEN")]
    assert extended.lookup("friends of ict security") == friends
    assert extended.with_group(friends) is extended


def test_adding_a_group_with_an_unknown_member(registry: Registry) -> None:
    friends = Group("FRIENDS", "Friends", GroupKind.OTHER, ["FRA", "Frnace"])
    with pytest.raises(UnknownParticipantError) as info:
        registry.with_group(friends)
    assert info.value.code == "Frnace"
    assert info.value.suggestions == ("FRA",)
    assert info.value.__notes__ == ["a member of group 'FRIENDS'; add the participant first"]


def test_adding_a_group_with_a_taken_code(registry: Registry) -> None:
    other = Group("G77", "Another G77", GroupKind.OTHER, ["FRA"])
    with pytest.raises(ValidationError, match="group 'G77' is already registered"):
        registry.with_group(other)
    assert registry.with_group(other, replace=True).members_of("G77") == {"FRA"}


def test_recording_a_departure_with_replace(registry: Registry) -> None:
    eu = registry.group("EU").without_member("FRA", on=D(2030, 1, 1))
    changed = registry.with_group(eu, replace=True)
    assert len(changed.members_of("EU", D(2030, 1, 1))) == 26
    assert len(changed.members_of("EU", D(2029, 12, 31))) == 27


def test_registry_rejects_duplicate_codes() -> None:
    france = Participant("FRA", "France", ParticipantKind.MEMBER_STATE)
    with pytest.raises(ValidationError, match="participant code 'FRA' appears twice"):
        Registry([france, france])


def test_registry_rejects_a_mapping_keyed_by_another_code() -> None:
    france = Participant("FRA", "France", ParticipantKind.MEMBER_STATE)
    with pytest.raises(ValidationError, match="participant under key 'FR' must be"):
        Registry({"FR": france})


def test_registry_repr_is_short(registry: Registry) -> None:
    assert repr(registry) == "Registry(participants=<198 participants>, groups=<12 groups>)"
    assert "memberships>" in repr(registry.group("G77"))


# --------------------------------------------------------------------------- JSON


def test_small_registry_round_trip() -> None:
    registry = small_registry().with_group(
        Group(
            "G",
            "A group",
            GroupKind.NEGOTIATING,
            ["KEN", Membership("FRA", D(1990, 1, 1), D(2000, 1, 1))],
            note="a note",
        )
    )
    data = registry.to_dict()
    assert data["version"] == FORMAT_VERSION
    assert data["groups"] == [
        {
            "code": "G",
            "name": "A group",
            "kind": "negotiating",
            "note": "a note",
            "members": ["KEN", {"member": "FRA", "start": "1990-01-01", "end": "2000-01-01"}],
        }
    ]
    assert Registry.from_dict(data) == registry


def _minimal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": 1,
        "participants": [{"code": "FRA", "name": "France", "kind": "member_state"}],
        "groups": [{"code": "G", "name": "G", "kind": "other", "members": ["FRA"]}],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (_minimal(version=2), UnsupportedVersionError, "participants data has version 2"),
        ({"participants": []}, FormatError, "registry: missing key(s) 'version'"),
        (_minimal(extra=1), FormatError, "registry: unknown key(s) 'extra'"),
        (_minimal(participants={}), FormatError, "registry: 'participants' must be a list"),
        (
            _minimal(participants=[{"code": "FRA", "name": "France", "kind": "state"}]),
            FormatError,
            "participant 'FRA': unknown ParticipantKind 'state'",
        ),
        (
            _minimal(participants=[{"code": "FRA", "name": 3, "kind": "member_state"}]),
            FormatError,
            "participant 'FRA': 'name' must be a string, not 3",
        ),
        (
            _minimal(participants=[{"code": "", "name": "France", "kind": "member_state"}]),
            ValidationError,
            "code '' must be",
        ),
        (
            _minimal(groups=[{"code": "G", "name": "G", "kind": "other", "memebrs": []}]),
            FormatError,
            "group 'G': unknown key(s) 'memebrs'",
        ),
        (
            _minimal(
                groups=[
                    {
                        "code": "G",
                        "name": "G",
                        "kind": "other",
                        "members": [{"member": "FRA", "start": "2020-13-01"}],
                    }
                ]
            ),
            FormatError,
            "group 'G' member 'FRA': start '2020-13-01' is not a date",
        ),
        (
            _minimal(groups=[{"code": "G", "name": "G", "kind": "other", "members": ["XXX"]}]),
            UnknownParticipantError,
            "unknown participant 'XXX'",
        ),
    ],
)
def test_from_dict_errors(data: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        Registry.from_dict(data)
    assert str(info.value).startswith(message)


def test_from_dict_names_the_accepted_kinds() -> None:
    data = _minimal(participants=[{"code": "FRA", "name": "France", "kind": "state"}])
    with pytest.raises(FormatError) as info:
        Registry.from_dict(data)
    assert "use one of 'member_state', 'observer_state'" in str(info.value)


_days = st.one_of(st.none(), st.dates(min_value=D(1945, 1, 1), max_value=D(2100, 1, 1)))


@settings(derandomize=True, database=None, max_examples=200)
@given(start=_days, end=_days, on=st.dates(min_value=D(1940, 1, 1), max_value=D(2110, 1, 1)))
def test_memberships_are_half_open_periods(
    start: dt.date | None, end: dt.date | None, on: dt.date
) -> None:
    if start is not None and end is not None and end <= start:
        with pytest.raises(ValidationError):
            Membership("FRA", start, end)
        return
    membership = Membership("FRA", start, end)
    day = Membership("FRA", on, on + dt.timedelta(days=1))
    assert membership.is_active(on) is membership.overlaps(day)
    group = Group("G", "G", GroupKind.OTHER, [membership])
    assert Group.from_dict(json.loads(json.dumps(group.to_dict()))) == group
