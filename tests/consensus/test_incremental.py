"""The engine recomputes incrementally: the result always equals a full computation."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.consensus import ConsensusEngine, Rules, Status, compute_report
from consensus_text.errors import ParagraphNotFoundError
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import Package, Ruling, RulingKind
from consensus_text.model.snapshot import Snapshot

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import K, para, pos, snap

OEWG = Rules.preset("oewg")


def base() -> Snapshot:
    return snap(
        [
            para("p1", version=2),
            para("p2", "States [shall][should] act;"),
            para("p3", "Decides:"),
            para("p3a", "to meet;", label="(a)", parent="p3"),
            para("p3b", "to report.", label="(b)", parent="p3"),
            para("p4"),
            para("p5"),
        ],
        [pos("FRA", "p1", K.SUPPORT, version=2), pos("USA", "p4", K.RESERVATION)],
        packages=[Package("k", ("p4", "p5"))],
        rulings=[Ruling("p5", RulingKind.AGREED_IN_INFORMALS)],
    )


def with_positions(snapshot: Snapshot, *positions: Position) -> Snapshot:
    current = {p.key: p for p in snapshot.positions}
    for position in positions:
        current.pop(position.key, None)
        current[position.key] = position
    return attrs.evolve(snapshot, positions=tuple(current.values()))


@pytest.mark.parametrize(
    ("position", "changed"),
    [
        (pos("RUS", "p1", K.OBJECTION, version=2), {"p1": Status.BLOCKED}),
        (
            pos("RUS", "p3", K.OBJECTION),
            {"p3": Status.BLOCKED, "p3a": Status.PENDING, "p3b": Status.PENDING},
        ),
        (  # the package is free
            pos("USA", "p4", K.SUPPORT),
            {"p4": Status.CONSENSUS_READY, "p5": Status.AGREED_IN_INFORMALS},
        ),
        (pos("G77", "p5", K.OBJECTION), {"p5": Status.BLOCKED}),
        (pos("VAT", "p1", K.OBJECTION, version=2), {}),
    ],
)
def test_one_new_position(position: Position, changed: dict[str, Status]) -> None:
    engine = ConsensusEngine(base(), OEWG)
    before = engine.report()
    after = engine.with_position(position).report()
    assert after == compute_report(with_positions(base(), position), OEWG)
    for status in after.paragraphs:
        expected = changed.get(status.paragraph_id, before.paragraph(status.paragraph_id).status)
        assert status.status is expected, status.paragraph_id
    assert engine.report() == before  # the engine it came from is unchanged


def test_package_freed_by_one_position() -> None:
    engine = ConsensusEngine(base(), OEWG)
    assert engine.paragraph("p5").status is Status.PENDING  # waiting for p4's reservation
    freed = engine.with_position(pos("USA", "p4", K.SUPPORT))
    assert freed.paragraph("p5").status is Status.AGREED_IN_INFORMALS
    assert freed.report().document.adoptable is False  # p2 still has alternatives


def test_withdrawing_a_position() -> None:
    engine = ConsensusEngine(base(), OEWG).with_position(pos("RUS", "p4", K.OBJECTION))
    assert engine.paragraph("p4").status is Status.BLOCKED
    withdrawn = engine.without_position("RUS", "p4")
    assert withdrawn.report() == compute_report(base(), OEWG)


def test_a_new_position_replaces_the_same_participant_s_position() -> None:
    engine = ConsensusEngine(base(), OEWG)
    engine = engine.with_position(pos("RUS", "p4", K.OBJECTION))
    engine = engine.with_position(pos("RUS", "p4", K.SUPPORT))
    assert engine.paragraph("p4").objectors == ()


def test_positions_on_unknown_or_deleted_paragraphs_are_refused() -> None:
    engine = ConsensusEngine(base(), OEWG)
    with pytest.raises(ParagraphNotFoundError, match="no active paragraph with id 'p9'"):
        engine.with_position(pos("RUS", "p9", K.OBJECTION))
    with pytest.raises(ParagraphNotFoundError):
        engine.without_position("RUS", "p9")
    with pytest.raises(ParagraphNotFoundError):
        engine.paragraph("p9")


def test_update_with_a_later_snapshot() -> None:
    engine = ConsensusEngine(base(), OEWG)
    amended = base().draft.paragraph("p2").with_text("States shall act;")
    later = attrs.evolve(
        with_positions(base(), pos("CHN", "p2", K.OBJECTION, version=2)),
        draft=base().draft.replaced(amended),
    )
    updated = engine.update(later, ["p2"])
    assert updated.report() == compute_report(later, OEWG)
    assert updated.paragraph("p2").status is Status.BLOCKED
    assert updated.snapshot is later


def test_update_notices_new_rulings() -> None:
    engine = ConsensusEngine(base(), OEWG)
    later = attrs.evolve(base(), rulings=(*base().rulings, Ruling("p1", RulingKind.CONFIRMED, 2)))
    updated = engine.update(later, [])
    assert updated.paragraph("p1").status is Status.CONFIRMED
    assert updated.report() == compute_report(later, OEWG)


def test_update_with_a_new_structure_recomputes_everything() -> None:
    engine = ConsensusEngine(base(), OEWG)
    later = attrs.evolve(base(), draft=base().draft.inserted(para("p6", "Decides [x];")))
    updated = engine.update(later, ["p6"])
    assert updated.report() == compute_report(later, OEWG)
    later = attrs.evolve(base(), packages=())
    assert engine.update(later, []).report() == compute_report(later, OEWG)


PARTICIPANTS = ["FRA", "RUS", "CHN", "USA", "VAT", "G77", "EU", "AOSIS", "BRA", "ZZZ"]
PARAGRAPHS = {"p1": 2, "p2": 1, "p3": 1, "p3a": 1, "p3b": 1, "p4": 1, "p5": 1}


@st.composite
def positions(draw: st.DrawFn) -> Position:
    pid = draw(st.sampled_from(sorted(PARAGRAPHS)))
    element = draw(st.sampled_from([None, 1])) if pid == "p2" else None
    return Position(
        draw(st.sampled_from(PARTICIPANTS)),
        pid,
        draw(st.sampled_from(list(PositionKind))),
        paragraph_version=draw(st.sampled_from([1, PARAGRAPHS[pid]])),
        element=element,
    )


@settings(deadline=None, max_examples=40)
@given(st.lists(positions(), max_size=25))
def test_incremental_equals_full(new: list[Position]) -> None:
    engine = ConsensusEngine(base(), OEWG)
    snapshot = base()
    for position in new:
        engine = engine.with_position(position)
        snapshot = with_positions(snapshot, position)
    assert engine.report() == compute_report(snapshot, OEWG)
