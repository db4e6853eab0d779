"""Groups speak for their members: membership as of the day, national positions win, conflicting
groups are reported, a chair who cannot block still speaks for the members."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from consensus_text.consensus import Rules, Status, compute_report
from consensus_text.model.participants import Group, GroupKind, Registry

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import UTC, K, at, para, pos, snap

OEWG = Rules.preset("oewg")
REGISTRY = Registry.default()
G77_WITH_RIGHTS = REGISTRY.members_of("G77") - {"PSE"}  # the State of Palestine cannot block

SMALL = (
    REGISTRY.with_group(Group("A", "Group A", GroupKind.OTHER, ("FRA", "DEU")))
    .with_group(Group("B", "Group B", GroupKind.OTHER, ("FRA",)))
    .with_group(Group("OBS", "Observers", GroupKind.OTHER, ("VAT", "PSE")))
)


def test_group_objection_applies_to_each_member_with_decision_rights() -> None:
    result = compute_report(snap([para("p1")], [pos("G77", "p1", K.OBJECTION)]), OEWG).paragraph(
        "p1"
    )
    assert result.status is Status.BLOCKED
    assert result.objectors == ("G77",)
    assert set(result.blocking_members) == G77_WITH_RIGHTS
    assert all(o.via == "G77" for o in result.objections)
    assert result.reasons[0].message == (
        "formal objection by G77 on behalf of 133 members with decision rights"
    )


def test_a_member_overrides_its_group() -> None:
    positions = [pos("G77", "p1", K.OBJECTION), pos("CHN", "p1", K.SUPPORT)]
    result = compute_report(snap([para("p1")], positions), OEWG).paragraph("p1")
    assert result.status is Status.BLOCKED
    assert "CHN" not in result.blocking_members
    assert len(result.blocking_members) == 132
    assert result.reasons[0].message.endswith("; national positions prevail for CHN")


@pytest.mark.parametrize("kind", [K.SUPPORT, K.CAN_LIVE_WITH, K.RESERVATION, K.EXPLANATION])
def test_the_national_position_wins_whatever_its_kind(kind: K) -> None:
    positions = [pos("A", "p1", K.OBJECTION), pos("FRA", "p1", kind), pos("DEU", "p1", kind)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.objectors == ()
    assert result.has_reason("objection_overridden")
    (overridden,) = [r for r in result.reasons if r.code == "objection_overridden"]
    assert overridden.message == (
        "the formal objection by A does not count: every member with decision rights stated "
        "its own position; national positions prevail for DEU, FRA"
    )


def test_a_national_position_on_another_element_does_not_override() -> None:
    paragraph = para("p1", "States [shall][should] act;")
    positions = [pos("A", "p1", K.OBJECTION, element=1), pos("FRA", "p1", K.SUPPORT)]
    result = compute_report(snap([paragraph], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.blocking_members == ("DEU", "FRA")


def test_a_stale_national_position_does_not_override_a_current_group_position() -> None:
    positions = [pos("A", "p1", K.OBJECTION, version=2), pos("FRA", "p1", K.SUPPORT, version=1)]
    result = compute_report(
        snap([para("p1", version=2)], positions, registry=SMALL), OEWG
    ).paragraph("p1")
    assert result.blocking_members == ("DEU", "FRA")
    assert [p.participant for p in result.stale] == ["FRA"]


@pytest.mark.parametrize(
    ("stated_at", "gbr_blocks"),
    [
        (dt.datetime(2019, 6, 1, tzinfo=UTC), True),
        (dt.datetime(2020, 1, 31, 23, tzinfo=UTC), True),
        (dt.datetime(2020, 2, 1, 9, tzinfo=UTC), False),
        (None, False),  # undated: the current members
    ],
)
def test_membership_as_of_the_date_of_the_position(
    stated_at: dt.datetime | None, gbr_blocks: bool
) -> None:
    positions = [pos("EU", "p1", K.OBJECTION, stated_at=stated_at)]
    result = compute_report(snap([para("p1")], positions), "ga_plenary").paragraph("p1")
    assert ("GBR" in result.blocking_members) is gbr_blocks
    assert len(result.blocking_members) == (28 if gbr_blocks else 27)


def test_conflicting_groups_are_reported_and_the_objection_counts() -> None:
    positions = [pos("A", "p1", K.OBJECTION), pos("B", "p1", K.SUPPORT)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.status is Status.BLOCKED
    assert result.blocking_members == ("DEU", "FRA")
    fra = [o for o in result.objections if o.participant == "FRA"]
    assert [(o.via, o.conflicting) for o in fra] == [("A", True)]
    (conflict,) = [r for r in result.reasons if r.code == "conflicting_groups"]
    assert conflict.message == (
        "conflicting group positions for FRA (no national position): A objection, B support; "
        "the objection or reservation counts (conservative rule)"
    )
    assert conflict.participants == ("FRA",)


def test_conflicting_groups_count_nothing_when_the_rules_say_so() -> None:
    rules = Rules.preset("oewg", conflicting_groups_block=False)
    positions = [pos("A", "p1", K.OBJECTION), pos("B", "p1", K.SUPPORT)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), rules).paragraph("p1")
    assert result.blocking_members == ("DEU",)  # FRA is caught between A and B
    assert result.has_reason("conflicting_groups")


def test_conflict_between_g77_and_aosis() -> None:
    positions = [pos("G77", "p1", K.OBJECTION), pos("AOSIS", "p1", K.SUPPORT)]
    result = compute_report(snap([para("p1")], positions), OEWG).paragraph("p1")
    (conflict,) = [r for r in result.reasons if r.code == "conflicting_groups"]
    both = (REGISTRY.members_of("G77") & REGISTRY.members_of("AOSIS")) - {"PSE"}
    assert set(conflict.participants) == both
    assert "and 25 more" in conflict.message  # 35 members, 10 listed


def test_a_chair_who_cannot_block_still_speaks_for_the_members() -> None:
    positions = [pos("G77", "p1", K.OBJECTION, speaker="PSE")]
    result = compute_report(snap([para("p1")], positions), OEWG).paragraph("p1")
    assert result.status is Status.BLOCKED
    assert "PSE" not in result.blocking_members
    assert result.reasons[0].message == (
        "formal objection by G77 on behalf of 133 members with decision rights, delivered by "
        "PSE (which cannot block in its own name)"
    )


def test_a_group_without_members_with_decision_rights_cannot_block() -> None:
    positions = [pos("OBS", "p1", K.OBJECTION)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.status is Status.CONSENSUS_READY
    (reason,) = result.reasons
    assert reason.code == "objection_overridden"
    assert "no member with decision rights" in reason.message


def test_group_reservation_keeps_pending_unless_every_member_speaks() -> None:
    positions = [pos("A", "p1", K.STUDY_RESERVATION)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.status is Status.PENDING
    assert [p.participant for p in result.reservations] == ["A"]
    positions += [pos("FRA", "p1", K.SUPPORT), pos("DEU", "p1", K.SUPPORT)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.status is Status.CONSENSUS_READY
    assert result.reservations == ()


def test_direct_and_group_objectors_are_listed_together() -> None:
    positions = [pos("RUS", "p1", K.OBJECTION), pos("A", "p1", K.OBJECTION)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.objectors == ("A", "RUS")
    assert result.blocking_members == ("DEU", "FRA", "RUS")


def test_group_records_are_not_expanded() -> None:
    positions = [pos("G77", "p1", K.DISSOCIATION)]
    result = compute_report(snap([para("p1")], positions), OEWG).paragraph("p1")
    assert result.status is Status.CONSENSUS_READY
    assert [p.participant for p in result.records] == ["G77"]


def test_members_are_taken_on_the_day_in_the_position_time_zone() -> None:
    # 2020-02-01 00:30 in Brussels is still 2020-01-31 in UTC: the date is the stated one
    brussels = dt.timezone(dt.timedelta(hours=1))
    stated = dt.datetime(2020, 2, 1, 0, 30, tzinfo=brussels)
    positions = [pos("EU", "p1", K.OBJECTION, stated_at=stated)]
    result = compute_report(snap([para("p1")], positions), "ga_plenary").paragraph("p1")
    assert "GBR" not in result.blocking_members
    assert at(2020, 1, 31).date() < stated.date()


def test_a_member_overrides_its_group_s_reservation() -> None:
    positions = [pos("A", "p1", K.STUDY_RESERVATION), pos("FRA", "p1", K.SUPPORT)]
    result = compute_report(snap([para("p1")], positions, registry=SMALL), OEWG).paragraph("p1")
    assert result.status is Status.PENDING  # DEU still reserves through A
    (reason,) = [r for r in result.reasons if r.code == "reservation_overridden"]
    assert reason.message == (
        "the study reservation by A does not apply to FRA: national positions prevail"
    )
