"""Replay: every event kind applied and replayed; invalid events rejected, state unchanged."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from consensus_text.errors import (
    BracketNotFoundError,
    ConsensusTextError,
    CyclicPackageError,
    InvalidEventError,
    ParagraphNotFoundError,
    UnknownParticipantError,
    ValidationError,
)
from consensus_text.history import (
    EVENT_TYPES,
    Negotiation,
    TextAmended,
    apply,
    replay,
)
from consensus_text.history.replay import _Builder
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
from consensus_text.model.participants import Group, GroupKind, Participant, ParticipantKind
from consensus_text.model.positions import PositionKind
from consensus_text.model.procedure import Ballot, RulingKind

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import START, UTC, build_fixture, make_clock


@pytest.fixture(scope="module")
def fixture_neg() -> Negotiation:
    return build_fixture().neg


def test_fixture_uses_every_event_kind(fixture_neg: Negotiation) -> None:
    used = {event.event_type for event in fixture_neg.events}
    assert used == set(EVENT_TYPES)


def test_replay_gives_the_current_state(fixture_neg: Negotiation) -> None:
    assert replay(fixture_neg.events) == fixture_neg.state


def test_replay_is_deterministic(fixture_neg: Negotiation) -> None:
    first = replay(fixture_neg.events)
    second = Negotiation.from_events(fixture_neg.events).state
    assert first == second
    assert [p.id for p in first.draft] == [p.id for p in second.draft]


def test_apply_one_event_at_a_time_matches_the_builder(fixture_neg: Negotiation) -> None:
    state = fixture_neg.snapshot(event=0)
    for number, event in enumerate(fixture_neg.events, start=1):
        before = state
        state = apply(state, event)
        assert state == fixture_neg.snapshot(event=number), (number, event)
        assert before.event_count == number - 1  # apply never changes its input


def test_every_kind_changes_what_it_says() -> None:
    fx = build_fixture()
    neg, ids = fx.neg, fx.ids
    state = neg.state
    draft = state.draft
    assert draft.title == "Programme of Action on ICT security"
    assert "XNGO" in state.registry and state.registry.is_group("FRIENDS")
    assert draft.paragraph(ids["op1"]).text == "Decides to establish a programme of action;"
    assert draft.paragraph(ids["op2"]).text.endswith("with voluntary contributions;")
    assert draft.paragraph(ids["op3"]).deleted
    assert [draft.paragraph(i).display_label for i in (ids["op3a"], ids["op3b"])] == ["3", "3 bis"]
    assert draft.paragraph(ids["op4"]).deleted and draft.paragraph(ids["op5"]).deleted
    assert draft.paragraph(ids["op5"]).text.startswith("[Welcomes]")
    assert draft.paragraph(ids["op45"]).attribution == ("XNGO",)
    assert [p.id for p in draft.paragraphs][-1] == ids["op2"]
    assert not draft.paragraph(ids["op6b"]).deleted
    assert [p.id for p in draft.children(ids["op6"])] == [ids["op6a"], ids["op6b"]]
    kinds = [r.kind for r in state.rulings_on(ids["op1"])]
    assert kinds == [
        RulingKind.AGREED_IN_INFORMALS,
        RulingKind.REOPENED,
        RulingKind.AGREED_AD_REFERENDUM,
        RulingKind.CONFIRMED,
    ]
    assert [r.paragraph_version for r in state.rulings_on(ids["op1"])] == [2, 3, 4, 4]
    assert state.packages[0].members == (ids["op1"], ids["op6"])
    (silence,) = state.silences
    assert silence.breaks[0].participant == "RUS" and silence.breaks[0].withdrawn_at is not None
    (vote,) = state.votes
    assert vote.ballot_of("RUS") is Ballot.NO and vote.paragraph_id == ids["op2"]
    assert state.is_adopted
    assert [r.label for r in state.revisions] == ["Zero draft", "Rev.1", "Rev.2", "Final"]
    by_participant = {p.participant: p for p in state.positions}
    assert by_participant["USA"].kind is PositionKind.DISSOCIATION
    assert by_participant["EU"].paragraph_version == 1  # stated on the zero draft: now stale
    assert by_participant["G77"].speaker == "IRQ"


def test_events_record_the_current_revision(fixture_neg: Negotiation) -> None:
    revisions = [e.revision for e in fixture_neg.events]
    assert revisions[0] is None
    assert revisions[-1] == "Rev.2"  # the Final revision was issued during Rev.2
    assert "Zero draft" in revisions and "Rev.1" in revisions


# ---------------------------------------------------------------------- invalid events


def _small() -> tuple[Negotiation, dict[str, str]]:
    neg = Negotiation.create("Small", clock=make_clock())
    ids = {
        "p1": neg.propose("States [shall][should] act [X] by 20XX;", by="Chair"),
        "p2": neg.propose("Deleted paragraph;", by="Chair"),
        "p3": neg.propose("Clean paragraph;", by="Chair"),
        "chapeau": neg.propose("Requests:", by="Chair"),
        "sic": neg.propose("As reported sic by the group;", by="Chair"),
    }
    ids["sub"] = neg.propose("reports;", by="Chair", parent=ids["chapeau"])
    neg.delete(ids["p2"], by="Chair")
    neg.state_position("FRA", ids["p1"], "support")
    neg.issue_revision("Rev.1")
    neg.start_silence("s1", deadline=START + dt.timedelta(days=9))
    neg.define_package("pkg", [ids["p1"]])
    neg.record_vote("v1", {"FRA": "yes"})
    return neg, ids


Command = Callable[[Negotiation, dict[str, str]], Any]

INVALID: list[tuple[str, Command, type[Exception], str]] = [
    (
        "amend unknown",
        lambda n, i: n.amend("p99", "x;", by="Chair"),
        ParagraphNotFoundError,
        "no paragraph 'p99'",
    ),
    (
        "amend deleted",
        lambda n, i: n.amend(i["p2"], "x;", by="Chair"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "amend unchanged",
        lambda n, i: n.amend(i["p3"], "Clean paragraph;", by="Chair"),
        InvalidEventError,
        "same as its current text",
    ),
    (
        "resolve gone bracket",
        lambda n, i: n.resolve(i["p3"], 1, by="Chair"),
        BracketNotFoundError,
        "0 contested element(s)",
    ),
    (
        "resolve index too high",
        lambda n, i: n.resolve(i["p1"], 9, by="Chair"),
        BracketNotFoundError,
        "3 contested element(s), not 9",
    ),
    (
        "accept alternatives",
        lambda n, i: n.resolve(i["p1"], 1, how="accept", by="Chair"),
        InvalidEventError,
        "cannot be resolved by 'accept'",
    ),
    (
        "choose missing option",
        lambda n, i: n.resolve(i["p1"], 1, how="choose", option=3, by="Chair"),
        InvalidEventError,
        "2 alternatives, not 3",
    ),
    (
        "fill a bracket",
        lambda n, i: n.resolve(i["p1"], 1, how="fill", text="x", by="Chair"),
        InvalidEventError,
        "cannot be resolved by 'fill'",
    ),
    (
        "fill empty",
        lambda n, i: n.resolve(i["p1"], 2, how="fill", text=" ", by="Chair"),
        InvalidEventError,
        "cannot fill",
    ),
    (
        "bracket past the end",
        lambda n, i: n.bracket(i["p3"], 0, 99, by="Chair"),
        InvalidEventError,
        "runs past the end",
    ),
    (
        "bracket across a bracket",
        lambda n, i: n.bracket(i["p1"], 0, 10, by="Chair"),
        InvalidEventError,
        "cuts across",
    ),
    (
        "bracket a look-alike",
        lambda n, i: n.bracket(i["sic"], 12, 15, by="Chair"),
        InvalidEventError,
        "editorial text",
    ),
    (
        "position on deleted",
        lambda n, i: n.state_position("FRA", i["p2"], "support"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "position unknown participant",
        lambda n, i: n.state_position("FRAA", i["p1"], "support"),
        UnknownParticipantError,
        "'FRAA'",
    ),
    (
        "position by name",
        lambda n, i: n.state_position("France", i["p1"], "support"),
        UnknownParticipantError,
        "did you mean 'FRA'",
    ),
    (
        "position missing element",
        lambda n, i: n.state_position("FRA", i["p1"], "support", element=7),
        BracketNotFoundError,
        "not 7",
    ),
    (
        "option of a placeholder",
        lambda n, i: n.state_position("FRA", i["p1"], "support", element=2, preferred_option=1),
        InvalidEventError,
        "not a set of alternatives",
    ),
    (
        "unknown speaker",
        lambda n, i: n.state_position("G77", i["p1"], "support", speaker="ZZZ"),
        UnknownParticipantError,
        "'ZZZ'",
    ),
    (
        "withdraw absent",
        lambda n, i: n.withdraw_position("USA", i["p1"]),
        InvalidEventError,
        "no position",
    ),
    (
        "unknown actor",
        lambda n, i: n.amend(i["p3"], "New;", by="Chiar"),
        UnknownParticipantError,
        "'Chiar'",
    ),
    (
        "propose used id",
        lambda n, i: n.propose("x;", by="Chair", paragraph_id=i["p2"]),
        InvalidEventError,
        "already used",
    ),
    (
        "propose after unknown",
        lambda n, i: n.propose("x;", by="Chair", after="nope"),
        ParagraphNotFoundError,
        "'nope'",
    ),
    (
        "propose under deleted",
        lambda n, i: n.propose("x;", by="Chair", parent=i["p2"]),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "move after itself",
        lambda n, i: n.move(i["chapeau"], after=i["sub"], by="Chair"),
        InvalidEventError,
        "part of the moved block",
    ),
    (
        "move to where it is",
        lambda n, i: n.move(i["p3"], after=i["p2"], by="Chair"),
        InvalidEventError,
        "already after",
    ),
    (
        "split deleted",
        lambda n, i: n.split(i["p2"], ["a;", "b;"], by="Chair"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "split into one",
        lambda n, i: n.split(i["p3"], ["a;"], by="Chair"),
        ValidationError,
        "two or more parts",
    ),
    (
        "merge non-siblings",
        lambda n, i: n.merge([i["p3"], i["sub"]], "x;", by="Chair"),
        InvalidEventError,
        "not siblings",
    ),
    (
        "merge deleted",
        lambda n, i: n.merge([i["p3"], i["p2"]], "x;", by="Chair"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "delete deleted",
        lambda n, i: n.delete(i["p2"], by="Chair"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "restore active",
        lambda n, i: n.restore(i["p3"], by="Chair"),
        InvalidEventError,
        "is not deleted",
    ),
    (
        "reopen unagreed",
        lambda n, i: n.rule(i["p3"], "reopened"),
        InvalidEventError,
        "cannot be reopened",
    ),
    (
        "ruling on deleted",
        lambda n, i: n.rule(i["p2"], "confirmed"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "revision label reused",
        lambda n, i: n.issue_revision("Rev.1"),
        InvalidEventError,
        "already issued",
    ),
    (
        "package contains itself",
        lambda n, i: n.define_package("pkg", ["pkg"]),
        CyclicPackageError,
        "names itself",
    ),
    (
        "package of deleted",
        lambda n, i: n.define_package("pkg2", [i["p2"]]),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "package named like a paragraph",
        lambda n, i: n.define_package(i["p3"], [i["p1"]]),
        InvalidEventError,
        "is a paragraph's id",
    ),
    (
        "silence again",
        lambda n, i: n.start_silence("s1", deadline=START + dt.timedelta(days=99)),
        InvalidEventError,
        "already exists",
    ),
    (
        "silence deadline before start",
        lambda n, i: n.start_silence("s2", deadline=START - dt.timedelta(days=1)),
        InvalidEventError,
        "is not after its start",
    ),
    (
        "break unknown silence",
        lambda n, i: n.break_silence("s9", "RUS"),
        InvalidEventError,
        "no silence procedure 's9'",
    ),
    (
        "break by unknown",
        lambda n, i: n.break_silence("s1", "XXX"),
        UnknownParticipantError,
        "'XXX'",
    ),
    (
        "withdraw unbroken",
        lambda n, i: n.withdraw_silence_break("s1", "RUS"),
        InvalidEventError,
        "has not broken silence",
    ),
    (
        "vote again",
        lambda n, i: n.record_vote("v1", {"FRA": "no"}),
        InvalidEventError,
        "already recorded",
    ),
    (
        "vote by a group",
        lambda n, i: n.record_vote("v2", {"G77": "yes"}),
        UnknownParticipantError,
        "'G77'",
    ),
    (
        "vote on deleted",
        lambda n, i: n.record_vote("v2", {"FRA": "yes"}, paragraph_id=i["p2"]),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "wrong revision",
        lambda n, i: n.append(
            TextAmended(at=START, by="Chair", paragraph_id=i["p3"], text="New;", revision="Rev.9")
        ),
        InvalidEventError,
        "'Rev.9'",
    ),
    (
        "group with an unknown member",
        lambda n, i: n.register_group(Group("G", "G", GroupKind.OTHER, ("FRA", "ZZZ"))),
        UnknownParticipantError,
        "'ZZZ'",
    ),
    (
        "participant registered twice with other data",
        lambda n, i: n.register_participant(Participant("FRA", "Not France", ParticipantKind.NGO)),
        InvalidEventError,
        "already registered",
    ),
    (
        "second creation",
        lambda n, i: n.append(attrs.evolve(n.events[0], revision="Rev.1")),
        InvalidEventError,
        "only be the first",
    ),
]


@pytest.mark.parametrize(
    ("name", "command", "error", "fragment"), INVALID, ids=[c[0] for c in INVALID]
)
def test_invalid_events_are_rejected_and_change_nothing(
    name: str, command: Command, error: type[Exception], fragment: str
) -> None:
    neg, ids = _small()
    before, count = neg.state, neg.event_count
    with pytest.raises(error) as info:
        command(neg, ids)
    assert fragment in str(info.value)
    assert isinstance(info.value, ConsensusTextError)
    assert neg.event_count == count
    assert neg.state == before
    assert replay(neg.events) == before  # the builder itself is untouched


def test_after_adoption_only_records_are_taken() -> None:
    neg, ids = _small()
    neg.adopt()
    before = neg.state
    with pytest.raises(InvalidEventError, match="adopted"):
        neg.amend(ids["p3"], "New;", by="Chair")
    with pytest.raises(InvalidEventError, match="no longer taken"):
        neg.state_position("FRA", ids["p3"], "objection")
    with pytest.raises(InvalidEventError, match="no longer applies"):
        neg.adopt()
    assert neg.state == before
    neg.state_position("FRA", ids["p3"], "explanation", note="explanation of position")
    assert neg.state.positions[-1].kind is PositionKind.EXPLANATION


def test_a_log_must_begin_with_creation() -> None:
    event = TextAmended(at=START, by="Chair", paragraph_id="p1", text="x")
    with pytest.raises(InvalidEventError, match="begins with TextAmended"):
        replay([event])


def test_replay_error_names_the_event_number() -> None:
    neg, _ = _small()
    bad = [
        *neg.events,
        TextAmended(at=START, by="Chair", paragraph_id="p77", text="x", revision="Rev.1"),
    ]
    with pytest.raises(ParagraphNotFoundError) as info:
        Negotiation.from_events(bad)
    assert f"while replaying event #{len(bad)}" in "\n".join(info.value.__notes__)


# ---------------------------------------------------------------------- structure


def test_delete_cascades_and_restore_needs_the_chapeau() -> None:
    neg, ids = _small()
    neg.delete(ids["chapeau"], by="Chair")
    assert neg.state.draft.paragraph(ids["sub"]).deleted
    with pytest.raises(InvalidEventError, match="restore the chapeau first"):
        neg.restore(ids["sub"], by="Chair")
    neg.restore(ids["chapeau"], by="Chair")
    neg.restore(ids["sub"], by="Chair")
    assert not neg.state.draft.paragraph(ids["sub"]).deleted


def test_split_moves_sub_paragraphs_under_the_last_part() -> None:
    neg, ids = _small()
    first, last = neg.split(ids["chapeau"], ["Notes reports.", "Requests:"], by="Chair")
    draft = neg.state.draft
    assert draft.paragraph(ids["sub"]).parent == last
    order = [p.id for p in draft]
    start = order.index(ids["chapeau"])
    assert order[start : start + 4] == [ids["chapeau"], first, last, ids["sub"]]


def test_positions_replace_and_keep_their_version() -> None:
    neg, ids = _small()
    neg.state_position("FRA", ids["p1"], "objection")
    neg.resolve(ids["p1"], 1, how="choose", option=2, by="Chair")
    neg.state_position("FRA", ids["p1"], "can live with")
    (position,) = [p for p in neg.state.positions if p.participant == "FRA"]
    assert position.kind is PositionKind.CAN_LIVE_WITH and position.paragraph_version == 2
    neg.state_position("USA", ids["p1"], "reservation", element=1)
    neg.state_position("USA", ids["p1"], "support")
    assert {(p.participant, p.element) for p in neg.state.positions} == {
        ("FRA", None),
        ("USA", 1),
        ("USA", None),
    }
    neg.withdraw_position("USA", ids["p1"], element=1)
    assert [(p.participant, p.element) for p in neg.state.positions] == [
        ("FRA", None),
        ("USA", None),
    ]


def _draft(n: int, parent_of: dict[int, int]) -> Draft:
    paragraphs = [
        Paragraph(
            f"q{i}",
            ParagraphKind.OPERATIVE,
            f"Text {i};",
            parent=f"q{parent_of[i]}" if i in parent_of else None,
        )
        for i in range(n)
    ]
    return Draft(paragraphs=paragraphs)


@pytest.mark.parametrize(
    ("moved", "after"),
    [("q0", "q5"), ("q5", ""), ("q2", None), ("q1", "q4"), ("q4", "q0"), ("q3", "q6")],
)
def test_moves_match_draft_moved(moved: str, after: str | None) -> None:
    draft = _draft(7, {2: 1, 3: 2, 6: 5})
    builder = _Builder.from_snapshot(
        attrs.evolve(Negotiation.create("T", at=START).state, draft=draft)
    )
    expected = draft.moved(moved, after=after)
    if expected.paragraphs == draft.paragraphs:
        pytest.skip("no change")
    builder._moved(
        type("E", (), {"paragraph_id": moved, "after": after})()  # duck-typed event
    )()
    assert list(builder.order) == [p.id for p in expected.paragraphs]


def test_snapshot_times_are_the_events(fixture_neg: Negotiation) -> None:
    created = fixture_neg.events[0]
    assert created.at.tzinfo is not None
    assert all(e.at > START for e in fixture_neg.events)
    assert fixture_neg.state.revisions[0].issued_at.tzinfo == UTC


def test_positions_made_directly_equal_checked_ones(fixture_neg: Negotiation) -> None:
    replay_module = importlib.import_module("consensus_text.history.replay")

    assert replay_module._position_from is replay_module._direct_position
    events = [e for e in fixture_neg.events if e.event_type == "position_stated"]
    for number, event in enumerate(events, start=1):
        direct = replay_module._direct_position(event, number)
        checked = replay_module._checked_position(event, number)
        assert direct == checked and hash(direct) == hash(checked) and repr(direct) == repr(checked)
