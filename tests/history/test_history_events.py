"""Event values: construction checks, descriptions, types; the package's public names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import consensus_text.history as history
from consensus_text.errors import ValidationError
from consensus_text.history import events as ev
from consensus_text.model.positions import PositionKind
from consensus_text.model.procedure import Ballot

AT = dt.datetime(2025, 7, 1, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("cls", "fields", "fragment"),
    [
        (ev.TextAmended, {"at": None, "paragraph_id": "p1", "text": "x"}, "at is required"),
        (
            ev.TextAmended,
            {"at": dt.datetime(2025, 1, 1), "paragraph_id": "p1", "text": "x"},
            "has no time zone",
        ),
        (ev.TextAmended, {"by": "", "paragraph_id": "p1", "text": "x"}, "by '' must be"),
        (ev.TextAmended, {"meeting": " ", "paragraph_id": "p1", "text": "x"}, "meeting ' '"),
        (ev.TextAmended, {"paragraph_id": "p1", "text": 5}, "TextAmended.text 5 must be a str"),
        (ev.BracketInserted, {"paragraph_id": "p1", "start": 4, "end": 4}, "empty or negative"),
        (
            ev.BracketResolved,
            {"paragraph_id": "p1", "element": 1, "how": "choose"},
            "give option (1-based) with how='choose'",
        ),
        (
            ev.BracketResolved,
            {"paragraph_id": "p1", "element": 1, "how": "accept", "text": "x"},
            "give text with how='fill'",
        ),
        (
            ev.BracketResolved,
            {"paragraph_id": "p1", "element": 0, "how": "accept"},
            "element must be 1 or more",
        ),
        (
            ev.ParagraphSplit,
            {"paragraph_id": "p1", "new_ids": ("p2",), "texts": ("a", "b")},
            "two or more parts",
        ),
        (
            ev.ParagraphSplit,
            {"paragraph_id": "p1", "new_ids": "p2", "texts": ("a", "b")},
            "got the string 'p2'",
        ),
        (
            ev.ParagraphsMerged,
            {"sources": ("p1", "p1"), "new_id": "p3", "text": "x"},
            "two or more distinct",
        ),
        (
            ev.PositionStated,
            {
                "participant": "FRA",
                "paragraph_id": "p1",
                "kind": PositionKind.SUPPORT,
                "preferred_option": 1,
            },
            "preferred_option names an option but element is None",
        ),
        (
            ev.PositionStated,
            {"participant": "FRA", "paragraph_id": "p1", "kind": "support"},
            "must be a PositionKind",
        ),
        (
            ev.SilenceStarted,
            {"silence_id": "s", "deadline": dt.datetime(2025, 1, 1)},
            "deadline 2025-01-01T00:00:00 has no time zone",
        ),
    ],
)
def test_events_check_their_values(
    cls: type[ev.Event], fields: dict[str, Any], fragment: str
) -> None:
    base: dict[str, Any] = {"at": AT, "by": "Chair"}
    with pytest.raises(ValidationError) as info:
        cls(**{**base, **fields})
    assert fragment in str(info.value)


def test_events_are_frozen_and_hashable() -> None:
    event = ev.TextAmended(at=AT, by="Chair", paragraph_id="p1", text="x")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.text = "y"  # type: ignore[misc]
    assert hash(event) == hash(ev.TextAmended(at=AT, by="Chair", paragraph_id="p1", text="x"))


def test_ballots_are_sorted_pairs() -> None:
    vote = ev.VoteRecorded(
        at=AT, by="Secretariat", vote_id="v", ballots={"USA": "no", "FRA": "yes"}
    )
    assert vote.ballots == (("FRA", Ballot.YES), ("USA", Ballot.NO))


@pytest.mark.parametrize(
    ("event", "text"),
    [
        (
            ev.ParagraphSplit(
                at=AT, by="Chair", paragraph_id="p1", new_ids=("p2", "p3"), texts=("a", "b")
            ),
            "ParagraphSplit p1,p2,p3 by Chair",
        ),
        (
            ev.PositionStated(
                at=AT, by="IRQ", participant="G77", paragraph_id="p1", kind=PositionKind.OBJECTION
            ),
            "PositionStated objection of G77 p1 by IRQ",
        ),
        (ev.RevisionIssued(at=AT, by="Chair", label="Rev.1"), "RevisionIssued 'Rev.1' by Chair"),
        (
            ev.BracketResolved(
                at=AT, by="Chair", paragraph_id="p4", element=2, how="choose", option=1
            ),
            "BracketResolved choose #2 p4 by Chair",
        ),
        (
            ev.SilenceStarted(
                at=AT, by="Chair", silence_id="s1", deadline=AT, paragraph_ids=("p1",)
            ),
            "SilenceStarted s1 by Chair",
        ),
        (ev.DocumentAdopted(at=AT, by="Chair"), "DocumentAdopted by Chair"),
    ],
)
def test_describe(event: ev.Event, text: str) -> None:
    assert ev.describe(event) == text


def test_event_types() -> None:
    assert len(ev.EVENT_TYPES) == 25
    for name, cls in ev.EVENT_TYPES.items():
        assert cls.event_type == name and ev.event_class(name) is cls
        assert cls.__name__ in history.__all__
    with pytest.raises(ValidationError, match="known types: bracket_inserted"):
        ev.event_class("nope")


def test_public_names_are_complete_and_sorted() -> None:
    exported = history.__all__
    assert list(exported) == sorted(exported, key=lambda n: (not n.isupper(), n))
    for name in exported:
        assert hasattr(history, name), name
    public_events = {n for n in ev.__all__ if not n.isupper()}
    assert public_events <= set(exported)
