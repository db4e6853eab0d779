"""Invariants: the report does not depend on the order in which different participants stated
their positions, nor on the order in which participants, groups or members are listed."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.consensus import Rules, compute_report
from consensus_text.model.participants import Registry
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import Package, Ruling, RulingKind
from consensus_text.model.snapshot import Snapshot

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import UTC, at, para, snap

REGISTRY_DATA: dict[str, Any] = {
    "version": 1,
    "participants": [
        {"code": "FRA", "name": "France", "kind": "member_state"},
        {"code": "DEU", "name": "Germany", "kind": "member_state"},
        {"code": "GBR", "name": "United Kingdom", "kind": "member_state"},
        {"code": "CHN", "name": "China", "kind": "member_state"},
        {"code": "IND", "name": "India", "kind": "member_state"},
        {"code": "FJI", "name": "Fiji", "kind": "member_state"},
        {"code": "PSE", "name": "State of Palestine", "kind": "observer_state"},
        {"code": "VAT", "name": "Holy See", "kind": "observer_state"},
        {"code": "EU", "name": "European Union", "kind": "regional_organization"},
        {"code": "XNGO", "name": "An NGO", "kind": "ngo"},
    ],
    "groups": [
        {
            "code": "EU",
            "name": "European Union",
            "kind": "negotiating",
            "members": ["FRA", "DEU", {"member": "GBR", "end": "2020-02-01"}],
        },
        {
            "code": "G77",
            "name": "G77 and China",
            "kind": "negotiating",
            "members": ["CHN", "IND", "FJI", "PSE"],
        },
        {"code": "AOSIS", "name": "AOSIS", "kind": "negotiating", "members": ["FJI"]},
    ],
}
REGISTRY = Registry.from_dict(REGISTRY_DATA)
CODES = [p["code"] for p in REGISTRY_DATA["participants"]] + ["G77", "AOSIS"]
PARAGRAPHS = {"p1": 2, "p2": 1, "p3": 1, "p3a": 1, "p4": 1}
DATES = [None, at(2019, 6, 1), at(2025, 7, 1)]


def draft_snapshot(positions: tuple[Position, ...], registry: Registry) -> Snapshot:
    return snap(
        [
            para("p1", version=2),
            para("p2", "States [shall][should] act [promptly];"),
            para("p3", "Decides:"),
            para("p3a", "to meet;", label="(a)", parent="p3"),
            para("p4"),
        ],
        positions,
        registry=registry,
        packages=[Package("k", ("p1", "p4"))],
        rulings=[Ruling("p4", RulingKind.AGREED_AD_REFERENDUM)],
    )


@st.composite
def position_sets(draw: st.DrawFn) -> tuple[Position, ...]:
    """Current positions: at most one per participant, paragraph and element."""
    chosen: dict[tuple[str, str, int | None], Position] = {}
    for _ in range(draw(st.integers(0, 30))):
        pid = draw(st.sampled_from(sorted(PARAGRAPHS)))
        element = draw(st.sampled_from([None, 1, 2])) if pid == "p2" else None
        kind = draw(st.sampled_from(list(PositionKind)))
        preferred = draw(st.sampled_from([None, 1, 2])) if element == 1 else None
        code = draw(st.sampled_from(CODES))
        position = Position(
            code,
            pid,
            kind,
            paragraph_version=draw(st.sampled_from(sorted({1, PARAGRAPHS[pid]}))),
            element=element,
            preferred_option=preferred,
            stated_at=draw(st.sampled_from(DATES)),
        )
        chosen[position.key] = position
    return tuple(chosen.values())


@settings(deadline=None, max_examples=60)
@given(position_sets(), st.randoms(use_true_random=False))
def test_report_does_not_depend_on_the_order_of_positions(
    positions: tuple[Position, ...], rng: random.Random
) -> None:
    shuffled = list(positions)
    rng.shuffle(shuffled)
    for preset in ("oewg", "unfccc"):
        rules = Rules.preset(preset)
        assert compute_report(draft_snapshot(positions, REGISTRY), rules) == compute_report(
            draft_snapshot(tuple(shuffled), REGISTRY), rules
        )


def shuffled_registry(rng: random.Random) -> Registry:
    participants = list(REGISTRY_DATA["participants"])
    groups = [dict(g, members=list(g["members"])) for g in REGISTRY_DATA["groups"]]
    rng.shuffle(participants)
    rng.shuffle(groups)
    for group in groups:
        rng.shuffle(group["members"])
    return Registry.from_dict({"version": 1, "participants": participants, "groups": groups})


@settings(deadline=None, max_examples=40)
@given(position_sets(), st.randoms(use_true_random=False))
def test_report_does_not_depend_on_the_order_participants_are_listed(
    positions: tuple[Position, ...], rng: random.Random
) -> None:
    other = shuffled_registry(rng)
    rules = Rules.preset("oewg")
    assert compute_report(draft_snapshot(positions, REGISTRY), rules) == compute_report(
        draft_snapshot(positions, other), rules
    )


@settings(deadline=None, max_examples=40)
@given(position_sets())
def test_only_current_objections_by_decision_makers_block(positions: tuple[Position, ...]) -> None:
    rules = Rules.preset("oewg")
    report = compute_report(draft_snapshot(positions, REGISTRY), rules)
    for status in report.paragraphs:
        for objection in status.objections:
            assert objection.position.kind is PositionKind.OBJECTION
            assert objection.position.paragraph_version == status.version
            assert rules.has_decision_rights(objection.participant, REGISTRY)
        assert (status.status.value == "blocked") == bool(status.objections)
        assert all(p.paragraph_version != status.version for p in status.stale)


def test_an_undated_position_uses_current_membership() -> None:
    snapshot = draft_snapshot((Position("EU", "p4", PositionKind.OBJECTION),), REGISTRY)
    assert compute_report(snapshot, "ga_plenary").paragraph("p4").blocking_members == (
        "DEU",
        "FRA",
    )
    dated = attrs.evolve(
        snapshot,
        positions=(Position("EU", "p4", PositionKind.OBJECTION, stated_at=at(2019, 6, 1)),),
    )
    assert compute_report(dated, "ga_plenary").paragraph("p4").blocking_members == (
        "DEU",
        "FRA",
        "GBR",
    )
    assert UTC is not None
