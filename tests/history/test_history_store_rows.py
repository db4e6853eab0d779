"""The store's generated row readers give exactly what the event classes give.

The readers (``_codec.row_readers``) set an event's fields directly, with the common checks
written inline, and hand anything doubtful to the class itself. These tests hold them to that:
the same event for every row of a negotiation using every event kind, and the same event or the
same error for rows spoilt in any way.
"""

from __future__ import annotations

import copy
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.errors import StoreError
from consensus_text.history import _codec, open_store
from consensus_text.history.events import EVENT_TYPES, Event

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import build_fixture

_EVENTS: tuple[Event, ...] = tuple(build_fixture().neg.events)
_TYPES_SEEN = {event.event_type for event in _EVENTS}


def _outcome(read: Any, payload: dict[str, Any]) -> tuple[str, Any]:
    """What a reader does with a payload: the event, or the error's type and message."""
    try:
        return "event", read(copy.deepcopy(payload))
    except Exception as error:  # the comparison is the point: any error, the same error
        return "error", (type(error), str(error))


def _both(event_type: str, payload: dict[str, Any]) -> tuple[tuple[str, Any], tuple[str, Any]]:
    cls = EVENT_TYPES[event_type]
    fast = _codec.row_readers()[event_type]
    return _outcome(fast, payload), _outcome(_codec._checked_reader(cls), payload)


def test_the_fixture_uses_every_event_kind() -> None:
    assert set(EVENT_TYPES) == _TYPES_SEEN


def test_every_event_type_has_a_reader() -> None:
    assert set(_codec.row_readers()) == set(EVENT_TYPES)


@pytest.mark.parametrize("index", range(len(_EVENTS)))
def test_rows_read_back_as_the_same_event(index: int) -> None:
    event = _EVENTS[index]
    payload = _codec.event_payload(event)
    fast, checked = _both(event.event_type, payload)
    assert fast == checked == ("event", event)
    assert type(fast[1]) is type(event)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)

#: Values that are almost right: the edges of the inline checks.
_NEAR = st.sampled_from(
    [
        "",
        " ",
        " FRA",
        "FRA ",
        "F\u00a0",
        "\u2003p1",
        "p1",
        "Chair",
        0,
        1,
        -1,
        True,
        False,
        1.0,
        None,
        "2025-03-03T09:00:00",
        "2025-03-03T09:00:00+00:00",
        "2025-03-03T09:00:00+05:30",
        "2025-03-03",
        "support",
        "objection",
        "Support",
        "operative",
        "zero_draft",
        "5 bis",
        [],
        ["FRA"],
        {},
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(0, len(_EVENTS) - 1),
    field=st.integers(0, 40),
    value=_NEAR | _JSON,
    how=st.sampled_from(["replace", "remove", "add"]),
)
def test_spoilt_rows_give_what_the_class_gives(
    index: int, field: int, value: Any, how: str
) -> None:
    event = _EVENTS[index]
    payload = _codec.event_payload(event)
    names = [attribute.name for attribute in EVENT_TYPES[event.event_type].__attrs_attrs__]
    name = names[field % len(names)]
    if how == "replace":
        payload[name] = value
    elif how == "remove":
        payload.pop(name, None)
    else:
        payload["unexpected_" + name] = value
    fast, checked = _both(event.event_type, payload)
    assert fast == checked


def _stored(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.import_events("neg", _EVENTS)
    return path


def test_a_spoilt_row_in_a_store_is_a_store_error_naming_the_event(tmp_path: Path) -> None:
    path = _stored(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET payload = json_set(payload, '$.by', ' FRA') WHERE seq = 3")
    with (
        open_store(path) as store,
        pytest.raises(StoreError, match=r"event #3 .* cannot be decoded"),
    ):
        store.open("neg")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the log three rows at a time, so that every path crosses chunk boundaries."""
    import consensus_text.history.store as store_module

    monkeypatch.setattr(store_module, "_CHUNK", 3)


@pytest.mark.usefixtures("small_chunks")
def test_a_log_read_in_chunks_replays_to_the_same_state(tmp_path: Path) -> None:
    path = _stored(tmp_path)
    with open_store(path) as store:
        assert store.read("neg") == list(_EVENTS)
        assert store.read("neg", since=4, until=10) == list(_EVENTS[4:10])
        assert store.open("neg").events == _EVENTS


@pytest.mark.usefixtures("small_chunks")
def test_a_damaged_row_in_a_later_chunk_is_named(tmp_path: Path) -> None:
    path = _stored(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET payload = '{' WHERE seq = 11")
    with open_store(path) as store, pytest.raises(StoreError, match="not JSON"):
        store.open("neg")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET payload = json_object('by', 'Chair') WHERE seq = 11")
    with (
        open_store(path) as store,
        pytest.raises(StoreError, match=r"event #11 .* cannot be decoded"),
    ):
        store.open("neg")


@pytest.mark.usefixtures("small_chunks")
def test_a_gap_after_the_first_chunk_is_a_damaged_file(tmp_path: Path) -> None:
    path = _stored(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM events WHERE seq = 8")
    with open_store(path) as store, pytest.raises(StoreError, match="jumps from event 7 to 9"):
        store.open("neg")
