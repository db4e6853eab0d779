"""Fuzzing the JSON import with mutations of a real file: only FormatError may escape.

The seed is the demo negotiation exported as JSON (348 events of 16 kinds). Mutations work on the
parsed document (any value anywhere replaced by any JSON value, keys dropped or added, events
duplicated, swapped, dropped or given another kind) and on the text itself (bytes flipped,
inserted, deleted, the file cut short). Whatever comes out, ``read_json`` returns a negotiation
or raises FormatError (UnsupportedVersionError and UnsafeInputError are FormatErrors).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import FormatError
from consensus_text.history import EVENT_TYPES
from consensus_text.io.json import dump_json, read_json

FUZZ = settings(
    deadline=None,
    max_examples=120,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def seed_text() -> str:
    return dump_json(build_poa_negotiation())


@cache
def seed_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(seed_text())
    return document


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.sampled_from(
            ["", "p1", "p999", "FRA", "support", "choose", "2025-07-01T09:00:00+00:00", "1 bis"]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _read(document_or_text: Any) -> None:
    text = document_or_text if isinstance(document_or_text, str) else json.dumps(document_or_text)
    try:
        read_json(text)
    except FormatError as error:
        event(f"refused: {str(error).split(':')[0][:40]}")
    else:
        event("read")


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every dict and list in a document."""
    found = [path]
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        if isinstance(child, dict | list):
            found.extend(_containers(child, (*path, key)))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


@FUZZ
@given(st.data())
def test_any_value_anywhere(data: st.DataObject) -> None:
    document = copy.deepcopy(seed_document())
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        containers = _containers(document)
        target = _at(document, data.draw(st.sampled_from(containers), label="where"))
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        action = data.draw(st.sampled_from(["replace", "drop", "add"]), label="action")
        if action == "add" or not keys:
            if isinstance(target, dict):
                target[data.draw(st.text(max_size=10), label="new key")] = data.draw(json_values)
            else:
                target.insert(data.draw(st.integers(0, len(target))), data.draw(json_values))
        elif action == "drop":
            del target[data.draw(st.sampled_from(keys), label="drop")]
        else:
            target[data.draw(st.sampled_from(keys), label="replace")] = data.draw(json_values)
    _read(document)


@FUZZ
@given(st.data())
def test_events_reordered_duplicated_dropped_or_retyped(data: st.DataObject) -> None:
    document = copy.deepcopy(seed_document())
    events = document["events"]
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        i = data.draw(st.integers(0, len(events) - 1), label="event")
        j = data.draw(st.integers(0, len(events) - 1), label="other")
        action = data.draw(st.sampled_from(["swap", "duplicate", "drop", "retype"]), label="action")
        if action == "swap":
            events[i], events[j] = events[j], events[i]
        elif action == "duplicate":
            events.insert(j, copy.deepcopy(events[i]))
        elif action == "drop" and len(events) > 1:
            del events[i]
        elif action == "retype":
            events[i]["type"] = data.draw(st.sampled_from(sorted(EVENT_TYPES)), label="type")
    if data.draw(st.booleans(), label="fix the count"):
        document["event_count"] = len(events)
    _read(document)


@FUZZ
@given(st.data())
def test_bytes_flipped_inserted_deleted_or_cut(data: st.DataObject) -> None:
    text = bytearray(seed_text().encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        at = data.draw(st.integers(0, len(text) - 1), label="at")
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "cut"]), label="action")
        if action == "flip":
            text[at] ^= 1 << data.draw(st.integers(0, 7), label="bit")
        elif action == "insert":
            text[at:at] = data.draw(st.binary(min_size=1, max_size=8), label="bytes")
        elif action == "delete":
            del text[at : at + data.draw(st.integers(1, 16), label="length")]
        else:
            del text[at:]
            break
    try:
        read_json(bytes(text))
    except FormatError as error:
        event(f"refused: {str(error).split(':')[0][:40]}")
    else:
        event("read")


@FUZZ
@given(json_values)
def test_any_json_value_as_the_log(value: Any) -> None:
    header = {k: v for k, v in seed_document().items() if k != "event_count"}
    _read({**header, "events": value})
    _read({**header, "events": [seed_document()["events"][0], value]})
    _read(value)
