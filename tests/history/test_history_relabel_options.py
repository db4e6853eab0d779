"""Relabelling and named option groups: the events, their checks, replay and JSON round trips."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.errors import (
    ConsensusTextError,
    FormatError,
    InvalidEventError,
    LabelError,
    ParagraphNotFoundError,
    UnknownParticipantError,
    ValidationError,
)
from consensus_text.history import (
    EVENT_TYPES,
    Negotiation,
    OptionChosen,
    OptionGroupDefined,
    ParagraphRelabelled,
    apply,
    describe,
    open_store,
    replay,
)
from consensus_text.history._codec import event_from_dict, event_from_payload, event_to_dict
from consensus_text.model.labels import LATIN_SUFFIXES, Label, LabelStyle
from consensus_text.model.paragraphs import Option, OptionGroup

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import START, make_clock

AT = dt.datetime(2025, 7, 1, 10, tzinfo=dt.UTC)

Ids = dict[str, str]


def _small() -> tuple[Negotiation, Ids]:
    """A chapeau with two sub-paragraphs and four operative paragraphs, in Rev.1."""
    neg = Negotiation.create("Programme of Action", clock=make_clock())
    ids = {
        "p1": neg.propose("Decides that the programme shall hold:", by="Chair"),
    }
    ids["a"] = neg.propose("annual meetings;", by="Chair", parent=ids["p1"])
    ids["b"] = neg.propose("review conferences;", by="Chair", parent=ids["p1"])
    ids["p2"] = neg.propose("Decides to meet in New York;", by="Chair")
    ids["p3"] = neg.propose("Decides to meet in Geneva;", by="Chair")
    ids["p4"] = neg.propose("Decides to meet in Vienna;", by="Chair")
    ids["p5"] = neg.propose("Requests a report.", by="Chair")
    neg.issue_revision("Rev.1")
    return neg, ids


def _labels(neg: Negotiation) -> list[str]:
    return [p.display_label for p in neg.state.draft.active()]


# ----------------------------------------------------------------------------------------------
# Relabelling


def test_relabel_changes_the_label_only() -> None:
    neg, ids = _small()
    neg.state_position("FRA", ids["p2"], "support")
    before = neg.paragraph(ids["p2"])
    neg.relabel(ids["p2"], "1 bis", by="Chair")
    after = neg.paragraph(ids["p2"])
    assert after.label == Label.parse("1 bis")
    assert (after.text, after.version) == (before.text, before.version)
    [position] = neg.state.positions_on(ids["p2"])
    assert position.paragraph_version == after.version  # not stale
    neg.relabel(ids["a"], Label.parse("(i)", style=LabelStyle.LETTER), by="Chair")
    assert neg.paragraph(ids["a"]).label == Label(9, 0, LabelStyle.LETTER)
    neg.relabel(ids["p5"], None, by="Chair")
    assert neg.paragraph(ids["p5"]).label is None
    assert _labels(neg) == ["1", "(i)", "(b)", "1 bis", "3", "4", ""]
    assert neg.snapshot(revision="Rev.1").draft.paragraph(ids["p2"]).display_label == "2"


def test_relabel_in_a_batch_may_swap_labels() -> None:
    neg, ids = _small()
    with neg.batch():
        neg.relabel(ids["p2"], "3", by="Chair")
        neg.relabel(ids["p3"], "2", by="Chair")
    assert _labels(neg)[3:5] == ["3", "2"]


def test_a_bad_label_is_refused_when_the_event_is_made() -> None:
    neg, ids = _small()
    with pytest.raises(LabelError, match="'5 bsi' is not a paragraph label"):
        neg.relabel(ids["p2"], "5 bsi", by="Chair")
    with pytest.raises(LabelError, match="expected a label, got int"):
        ParagraphRelabelled(at=AT, by="Chair", paragraph_id="p1", label=5)  # type: ignore[arg-type]
    assert neg.event_count == 9


# ----------------------------------------------------------------------------------------------
# Option groups


def test_define_and_choose_an_option() -> None:
    neg, ids = _small()
    neg.define_options(
        "venue",
        [
            ("Option 1", [ids["p2"]], ["EU"]),
            Option("Option 2", (ids["p3"], ids["p4"]), ("G77",)),
            ("Option 3", []),
        ],
    )
    group = neg.state.draft.option_group("venue")
    assert [(o.label, o.paragraph_ids, o.attribution) for o in group.options] == [
        ("Option 1", (ids["p2"],), ("EU",)),
        ("Option 2", (ids["p3"], ids["p4"]), ("G77",)),
        ("Option 3", (), ()),
    ]
    assert neg.state.draft.option_of(ids["p4"]) == (group, group.options[1])
    neg.choose_option("venue", "Option 2")
    draft = neg.state.draft
    assert draft.option_groups == ()
    assert draft.paragraph(ids["p2"]).deleted
    assert not draft.paragraph(ids["p3"]).deleted and not draft.paragraph(ids["p4"]).deleted
    assert describe(neg.events[-1]) == "OptionChosen venue 'Option 2' by Chair"
    assert describe(neg.events[-2]) == "OptionGroupDefined venue (3 options) by Chair"


def test_choosing_no_text_deletes_every_paragraph_with_its_subparagraphs() -> None:
    neg, ids = _small()
    neg.define_options("g", [("Alt 1", [ids["p1"]]), ("Alt 2", [ids["p5"]]), ("Alt 3", [])])
    neg.choose_option("g", "Alt 3")
    draft = neg.state.draft
    assert all(draft.paragraph(ids[k]).deleted for k in ("p1", "a", "b", "p5"))
    assert not draft.paragraph(ids["p2"]).deleted
    # The group is gone: its id may be used again.
    neg.define_options("g", [("Option 1", [ids["p2"]]), ("Option 2", [ids["p3"]])])
    assert [g.id for g in neg.state.draft.option_groups] == ["g"]


def test_choosing_keeps_paragraphs_already_deleted_as_they_are() -> None:
    neg, ids = _small()
    neg.define_options("g", [("Option 1", [ids["p2"]]), ("Option 2", [ids["p3"]])])
    neg.delete(ids["p3"], by="Chair")
    neg.choose_option("g", "Option 2")  # the chosen paragraph stays a tombstone
    draft = neg.state.draft
    assert draft.paragraph(ids["p2"]).deleted and draft.paragraph(ids["p3"]).deleted


Command = Callable[[Negotiation, Ids], None]

INVALID: list[tuple[str, Command, type[Exception], str]] = [
    (
        "relabel unknown",
        lambda n, i: n.relabel("p99", "5", by="Chair"),
        ParagraphNotFoundError,
        "no paragraph 'p99'",
    ),
    (
        "relabel deleted",
        lambda n, i: n.relabel(i["gone"], "5", by="Chair"),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "relabel to the same label",
        lambda n, i: n.relabel(i["p2"], "2", by="Chair"),
        InvalidEventError,
        "already has the label '2'",
    ),
    (
        "relabel unlabelled to none",
        lambda n, i: n.relabel(i["none"], None, by="Chair"),
        InvalidEventError,
        "already has no label",
    ),
    (
        "relabel by an unknown actor",
        lambda n, i: n.relabel(i["p2"], "7", by="XXX"),
        UnknownParticipantError,
        "'XXX'",
    ),
    (
        "group id in use",
        lambda n, i: n.define_options("g1", [("A", [i["p4"]]), ("B", [])]),
        InvalidEventError,
        "'g1' is already in the draft",
    ),
    (
        "one option",
        lambda n, i: n.define_options("g2", [("Option 1", [i["p4"]])]),
        InvalidEventError,
        "needs at least two options",
    ),
    (
        "a name twice",
        lambda n, i: n.define_options("g2", [("Option 1", [i["p4"]]), ("Option 1", [])]),
        InvalidEventError,
        "names 'Option 1' twice",
    ),
    (
        "a paragraph in two options",
        lambda n, i: n.define_options("g2", [("A", [i["p4"]]), ("B", [i["p4"]])]),
        InvalidEventError,
        "is in two options",
    ),
    (
        "a paragraph of another group",
        lambda n, i: n.define_options("g2", [("A", [i["p4"]]), ("B", [i["p2"]])]),
        InvalidEventError,
        "already an option of group 'g1'",
    ),
    (
        "a deleted paragraph",
        lambda n, i: n.define_options("g2", [("A", [i["p4"]]), ("B", [i["gone"]])]),
        ParagraphNotFoundError,
        "is deleted",
    ),
    (
        "an unknown paragraph",
        lambda n, i: n.define_options("g2", [("A", [i["p4"]]), ("B", ["p99"])]),
        ParagraphNotFoundError,
        "no paragraph 'p99'",
    ),
    (
        "an unknown proposer",
        lambda n, i: n.define_options("g2", [("A", [i["p4"]], ["ZZZ"]), ("B", [])]),
        UnknownParticipantError,
        "'ZZZ'",
    ),
    (
        "choose in an unknown group",
        lambda n, i: n.choose_option("g9", "Option 1"),
        InvalidEventError,
        "no option group 'g9' in the draft; groups in the draft: g1",
    ),
    (
        "choose an unknown option",
        lambda n, i: n.choose_option("g1", "Option 3"),
        InvalidEventError,
        "has no option 'Option 3'; its options: 'Option 1', 'Option 2'",
    ),
]


@pytest.mark.parametrize(
    ("name", "command", "error", "fragment"), INVALID, ids=[c[0] for c in INVALID]
)
def test_invalid_events_are_rejected_and_change_nothing(
    name: str, command: Command, error: type[Exception], fragment: str
) -> None:
    neg, ids = _small()
    ids["gone"] = ids["p5"]
    neg.delete(ids["gone"], by="Chair")
    ids["none"] = neg.propose("Decides also to act;", by="Chair")
    neg.relabel(ids["none"], None, by="Chair")
    neg.define_options("g1", [("Option 1", [ids["p2"]]), ("Option 2", [ids["p3"]])])
    before, count = neg.state, neg.event_count
    with pytest.raises(error) as info:
        command(neg, ids)
    assert fragment in str(info.value)
    assert isinstance(info.value, ConsensusTextError)
    assert neg.event_count == count
    assert neg.state == before
    assert replay(neg.events) == before


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ("Option 1", "got the string 'Option 1'"),
        ([("Option 1",)], "option 1 is ('Option 1',)"),
        ([5], "option 1 is 5"),
        ([("", ["p1"])], "option 1 has the name ''"),
        ([("Option 1", "p1")], "got the string 'p1'"),
        ([("Option 1", [5])], "holds 5"),
    ],
)
def test_malformed_options_are_refused_when_the_event_is_made(
    options: object, fragment: str
) -> None:
    with pytest.raises(ValidationError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        OptionGroupDefined(at=AT, by="Chair", group_id="g", options=options)  # type: ignore[arg-type]


def test_no_option_events_after_adoption() -> None:
    neg, ids = _small()
    neg.adopt()
    with pytest.raises(InvalidEventError, match="no longer applies"):
        neg.relabel(ids["p2"], "7", by="Chair")


# ----------------------------------------------------------------------------------------------
# Replay and round trips


def _with_every_new_event() -> Negotiation:
    neg, ids = _small()
    neg.relabel(ids["p2"], "1 bis", by="Chair", meeting="informals 1")
    neg.relabel(ids["a"], "(i)", by="Chair")
    neg.relabel(ids["p5"], None, by="Chair")
    neg.define_options("g1", [("Option 1", [ids["p2"]], ["EU"]), ("Option 2", [ids["p3"]])])
    neg.define_options("g2", [("Alt 1", [ids["p4"]]), ("Alt 2", [])])
    neg.choose_option("g2", "Alt 2")
    neg.issue_revision("Rev.2")
    return neg


def test_replay_and_time_travel() -> None:
    neg = _with_every_new_event()
    assert replay(neg.events) == neg.state
    state = neg.snapshot(event=0)
    for number, event in enumerate(neg.events, start=1):
        state = apply(state, event)
        assert state == neg.snapshot(event=number)
    assert [g.id for g in neg.snapshot(revision="Rev.2").draft.option_groups] == ["g1"]
    assert neg.snapshot(revision="Rev.1").draft.option_groups == ()


def test_json_round_trip() -> None:
    neg = _with_every_new_event()
    again = Negotiation.from_json(neg.to_json(indent=1))
    assert again.events == neg.events and again.state == neg.state
    for event in neg.events[-7:]:
        data = event_to_dict(event)
        assert event_from_dict(data) == event
        assert event_from_dict(data, detailed=False) == event
        payload = {k: v for k, v in data.items() if k != "type"}
        assert event_from_payload(event.event_type, payload) == event
    assert event_to_dict(neg.events[-5])["label"] is None  # "no label" survives the trip


def test_store_round_trip(tmp_path: Path) -> None:
    neg = _with_every_new_event()
    with open_store(tmp_path / "s.db") as store:
        store.import_events("neg", neg.events)
        assert store.open("neg").state == neg.state


@pytest.mark.parametrize(
    ("event", "fragment"),
    [
        (
            {"type": "option_group_defined", "group_id": "g", "options": [["A", [5], []]]},
            "expected a string, got int @ $.events[1].options",
        ),
        (
            {"type": "option_group_defined", "group_id": "g", "options": [["A", ["p1"], []]]},
            "$.events[1]: the event does not apply: option group 'g' has 1 option(s)",
        ),
        ({"type": "paragraph_relabelled", "paragraph_id": "p1", "label": 5}, "label"),
        ({"type": "option_chosen", "group_id": "g"}, "option_label"),
    ],
)
def test_malformed_json_names_the_field(event: dict[str, object], fragment: str) -> None:
    created = {"type": "negotiation_created", "at": START.isoformat(), "by": "Chair", "title": "T"}
    document = {
        "format": "consensus_text.negotiation",
        "schema_version": 1,
        "events": [created, {"at": START.isoformat(), "by": "Chair", **event}],
    }
    import json

    with pytest.raises(FormatError) as info:
        Negotiation.from_json(json.dumps(document))
    assert fragment in str(info.value)


LABELS = st.one_of(
    st.builds(
        Label,
        st.integers(-3, 200),
        st.integers(0, len(LATIN_SUFFIXES)),
        st.just(LabelStyle.NUMBER),
        st.sampled_from(["", "PP", "OP"]),
    ),
    st.builds(
        Label,
        st.integers(1, 49),  # Roman 50 is "(l)", which Label.parse reads as a letter only
        st.integers(0, 3),
        st.sampled_from([s for s in LabelStyle if s is not LabelStyle.NUMBER]),
    ),
)


@settings(max_examples=60, deadline=None)
@given(label=st.one_of(st.none(), LABELS))
def test_any_label_survives_the_codec(label: Label | None) -> None:
    event = ParagraphRelabelled(at=AT, by="Chair", paragraph_id="p1", label=label)
    data = event_to_dict(event)
    assert event_from_dict(data) == event
    assert event_from_dict(data, detailed=False) == event


@settings(max_examples=40, deadline=None)
@given(
    options=st.lists(
        st.tuples(
            st.text("abcxyz 12", min_size=1, max_size=8).map(str.strip).filter(bool),
            st.lists(st.sampled_from(["p1", "p2", "p3"]), max_size=3).map(tuple),
            st.lists(st.sampled_from(["EU", "G77"]), max_size=2).map(tuple),
        ),
        max_size=4,
    )
)
def test_any_options_survive_the_codec(
    options: list[tuple[str, tuple[str, ...], tuple[str, ...]]],
) -> None:
    event = OptionGroupDefined(at=AT, by="Chair", group_id="g", options=options)
    data = event_to_dict(event)
    assert event_from_dict(data) == event
    assert event_from_dict(data, detailed=False) == event


def test_the_new_types_are_registered() -> None:
    for cls in (ParagraphRelabelled, OptionGroupDefined, OptionChosen):
        assert EVENT_TYPES[cls.event_type] is cls
    assert OptionGroup("g", (Option("A", ("p1",)), Option("B"))).paragraph_ids == ("p1",)
