"""Lone surrogates (``"\\ud800"``): text that UTF-8 cannot encode never enters a log.

Every event is checked when it is recorded or replayed (an InvalidEventError naming the field),
the store refuses such events and names (nothing written), and the JSON writer refuses a
negotiation that holds one anyway (an ExportError with the JSON path). The JSON reader's side is
in test_hostile_json.py, a damaged store's in tests/faults/test_store_corruption.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from consensus_text.errors import ExportError, InvalidEventError, StoreError
from consensus_text.history import Negotiation, open_store
from consensus_text.history.events import PositionStated, TextAmended
from consensus_text.io.json import dump_json, export_json
from consensus_text.model.participants import Participant, ParticipantKind
from consensus_text.model.positions import PositionKind

AT = dt.datetime(2025, 7, 1, 9, tzinfo=dt.UTC)
BAD = "a \ud800 b"


def _negotiation() -> Negotiation:
    neg = Negotiation.create("T", at=AT)
    neg.propose("Decides;", by="Chair", at=AT)
    return neg


COMMANDS: dict[str, tuple[Callable[[Negotiation], object], str]] = {
    "title": (lambda _: Negotiation.create(BAD, at=AT), "negotiation_created event: title"),
    "symbol": (
        lambda _: Negotiation.create("T", symbol=BAD, at=AT),
        "negotiation_created event: symbol",
    ),
    "text": (
        lambda neg: neg.propose(BAD, by="Chair", at=AT),
        "paragraph_proposed event: text",
    ),
    "amendment": (
        lambda neg: neg.amend("p1", BAD, by="Chair", at=AT),
        "text_amended event: text",
    ),
    "note": (
        lambda neg: neg.state_position("FRA", "p1", "support", note=BAD, at=AT),
        "position_stated event: note",
    ),
    "speaker": (
        lambda neg: neg.state_position("FRA", "p1", "support", speaker=BAD, at=AT),
        "position_stated event: by",  # the speaker is also who states it
    ),
    "meeting": (
        lambda neg: neg.append(
            TextAmended(at=AT, by="Chair", meeting=BAD, paragraph_id="p1", text="Decides.")
        ),
        "text_amended event: meeting",
    ),
    "participant": (
        lambda neg: neg.register_participant(Participant("XNGO", BAD, ParticipantKind.NGO)),
        "participant_registered event: participant.name",
    ),
    "revision label": (
        lambda neg: neg.issue_revision(BAD, at=AT),
        "revision_issued event: label",
    ),
}


@pytest.mark.parametrize("field", sorted(COMMANDS))
def test_every_command_refuses_a_lone_surrogate(field: str) -> None:
    command, where = COMMANDS[field]
    neg = _negotiation()
    before = neg.events
    with pytest.raises(InvalidEventError) as caught:
        command(neg)
    assert f"{where} holds the unpaired surrogate U+D800 at character 3" in str(caught.value)
    assert "which UTF-8 cannot encode" in str(caught.value)
    assert neg.events == before


def test_a_surrogate_pair_that_makes_a_real_character_is_refused_too() -> None:
    """ "\\ud83d\\ude00" in a str is two code points, not the emoji: UTF-8 cannot encode it."""
    neg = _negotiation()
    with pytest.raises(InvalidEventError, match=r"U\+D83D at character 9"):
        neg.propose("Decides \ud83d\ude00;", by="Chair", at=AT)
    neg.propose("Decides \U0001f600;", by="Chair", at=AT)  # the character itself is fine


def test_replaying_a_log_refuses_a_lone_surrogate() -> None:
    events = [
        *_negotiation().events,
        PositionStated(
            at=AT, by="FRA", participant="FRA", paragraph_id="p1", kind=PositionKind.SUPPORT
        ),
        TextAmended(at=AT, by="Chair", paragraph_id="p1", text=BAD),
    ]
    with pytest.raises(InvalidEventError, match="text_amended event: text holds") as caught:
        Negotiation.from_events(events)
    assert any("while replaying event #4" in note for note in caught.value.__notes__)


def test_the_store_refuses_events_it_cannot_encode(tmp_path: Path) -> None:
    """Store.append checks what it writes, whoever made the events."""
    with open_store(tmp_path / "s.db") as store:
        neg = store.create("s", title="T", at=AT)
        event = TextAmended(at=AT, by="Chair", paragraph_id="p1", text=BAD)
        with pytest.raises(InvalidEventError) as caught:
            store.append("s", [event], expected=1)
        assert "event #2 (text_amended) cannot be stored: field 'text' holds" in str(caught.value)
        assert store.count("s") == 1
        with pytest.raises(InvalidEventError):
            store.import_events("t", [*neg.events, event])
        assert store.names() == ("s",)


@pytest.mark.parametrize("name", ["\ud800", "neg\udfff"])
def test_negotiation_names_it_cannot_encode(tmp_path: Path, name: str) -> None:
    with open_store(tmp_path / "n.db") as store:
        with pytest.raises(StoreError, match="cannot be stored: it must be text that UTF-8"):
            store.create(name, title="T", at=AT)
        assert name not in store
        assert store.count(name) == 0
        assert store.read(name) == []
        with pytest.raises(StoreError, match="holds no negotiation named"):
            store.open(name)
        with pytest.raises(StoreError, match="cannot be stored"):
            store.append(name, _negotiation().events, expected=0)
        assert store.names() == ()


def test_the_json_writer_refuses_a_negotiation_holding_a_lone_surrogate(tmp_path: Path) -> None:
    """Only a negotiation replayed without the check (as from a store) could hold one."""
    note = PositionStated(
        at=AT, by="FRA", participant="FRA", paragraph_id="p1", kind=PositionKind.SUPPORT, note=BAD
    )
    neg = Negotiation()
    neg._extend([*_negotiation().events, note])
    for indent in (None, 2):
        with pytest.raises(ExportError) as caught:
            dump_json(neg, indent=indent)
        assert "$.events[2].note holds the unpaired surrogate U+D800" in str(caught.value)
    path = tmp_path / "out.json"
    with pytest.raises(ExportError):
        export_json(neg, path)
    assert not path.exists()
