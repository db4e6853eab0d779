"""Hostile JSON against ``read_json``/``import_json``: only ConsensusTextError, with a JSON path.

tests/history/test_history_json.py covers one bad value of each kind in a small document. Here:
nesting at every depth (in the document, in an event, of objects and of arrays), numbers past
what Python or the schema accept, every JSON type in every top-level key and in the fields of
the real demo log, every kind of unknown schema version, files that are not files, and strings
that are not Unicode.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import FormatError, UnsafeInputError, UnsupportedVersionError
from consensus_text.io.json import (
    MAX_BYTES,
    dump_json,
    export_json,
    import_json,
    load_document,
    read_json,
)

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import bounded, nothing_written, raised

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def demo_text() -> str:
    return dump_json(build_poa_negotiation())


@pytest.fixture(scope="module")
def demo(demo_text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_text)
    return document


def _read(document: Any) -> Any:
    text = document if isinstance(document, str) else json.dumps(document)
    return bounded(lambda: read_json(text))


# ----------------------------------------------------------------------------------------------
# Nesting


def _nested(depth: int, open_: str, close: str, leaf: str = "1") -> str:
    return open_ * depth + leaf + close * depth


@pytest.mark.parametrize("depth", [100, 990, 2_000, 100_000, 1_000_000])
@pytest.mark.parametrize("shape", ["array", "object"])
def test_deep_nesting_anywhere_is_a_format_error(demo_text: str, depth: int, shape: str) -> None:
    open_, close = ("[", "]") if shape == "array" else ('{"a":', "}")
    nested = _nested(depth, open_, close)
    whole = nested  # the document itself
    in_event = demo_text.replace('"title": "', f'"extra": {nested}, "title": "', 1)  # in event 1
    in_key = demo_text.replace('{"format"', f'{{"deep": {nested}, "format"', 1)  # top-level key
    for text in (whole, in_event, in_key):
        outcome = bounded(functools.partial(read_json, text))
        error = raised(outcome, FormatError)
        assert "RecursionError" not in repr(error)


# ----------------------------------------------------------------------------------------------
# Numbers


NUMBERS = [
    "9" * 4301,  # past Python's limit on int digits
    "9" * 4000,
    "-" + "9" * 4000,
    "1e400",  # inf
    "-1e400",
    "1e-400",  # 0.0
    "NaN",
    "Infinity",
    "-Infinity",
    "18446744073709551616",
    "1.0",
    "-1",
    "0",
]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("key", ["schema_version", "event_count"])
def test_huge_and_odd_numbers_in_the_header(demo_text: str, key: str, number: str) -> None:
    document = json.loads(demo_text)
    marker = "__NUMBER__"
    document[key] = marker
    text = json.dumps(document).replace(f'"{marker}"', number)
    raised(_read(text), FormatError)


#: Numbers that may be right for some integer field (0 for a start offset): the reader may
#: accept them or refuse them with a FormatError, nothing else.
MAYBE_VALID = {"0", "-1", "9" * 4000, "-" + "9" * 4000, "18446744073709551616"}


@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: n if len(n) < 20 else f"{len(n)} digits")
@pytest.mark.parametrize("field", ["element", "option", "preferred_option", "start", "end"])
def test_huge_and_odd_numbers_in_events(demo: dict[str, Any], field: str, number: str) -> None:
    """The integer fields of the demo log's events, given every odd number."""
    document = copy.deepcopy(demo)
    index = next(i for i, e in enumerate(document["events"]) if e.get(field) is not None)
    document["events"][index][field] = "__NUMBER__"
    text = json.dumps(document).replace('"__NUMBER__"', number)
    outcome = _read(text)
    if number in MAYBE_VALID and outcome.error is None:
        return
    error = raised(outcome, FormatError)
    assert f"$.events[{index}]" in str(error) or str(error).startswith("unreadable JSON")


# ----------------------------------------------------------------------------------------------
# Wrong types


JSON_VALUES: list[Any] = [None, True, False, 0, -1, 1.5, "", "x", [], [1], {}, {"a": 1}]


@pytest.mark.parametrize("value", JSON_VALUES, ids=repr)
@pytest.mark.parametrize("key", ["format", "schema_version", "name", "events"])
def test_wrong_types_in_the_header(demo: dict[str, Any], key: str, value: Any) -> None:
    document = {**demo, key: value}
    outcome = _read(document)
    if key == "name" and (value is None or isinstance(value, str)):
        assert outcome.error is None, repr(outcome.error)  # a name is optional, any string
        return
    error = raised(outcome, FormatError)
    assert f"$.{key}" in str(error) or (key == "events" and "$.event" in str(error))


@pytest.mark.parametrize("value", [None, 0, "", [], {}, True, "x" * 1000], ids=repr)
def test_the_document_itself_of_another_type(value: Any) -> None:
    error = raised(_read(json.dumps(value)), FormatError)
    assert str(error).startswith("$")


def test_every_field_of_every_event_kind_with_every_wrong_type(demo: dict[str, Any]) -> None:
    """For one event of each kind in the demo log, each field replaced by each JSON type.

    Decoding only (``load_document``, each event alone in a document): replaying the log for
    each of the hundreds of cases would take long, and the replay is not where types are
    checked.
    """
    first: dict[str, dict[str, Any]] = {}
    for event in demo["events"]:
        first.setdefault(event["type"], event)
    checked = 0
    for kind, event in sorted(first.items()):
        for field in event:
            for value in JSON_VALUES:
                if value == event[field] or (field == "type" and value == kind):
                    continue
                mutated = {**demo, "events": [{**event, field: value}], "event_count": 1}
                outcome = bounded(functools.partial(load_document, mutated))
                # some values are right for the field (a string for a string): only errors count
                if outcome.error is not None:
                    assert isinstance(outcome.error, FormatError), (
                        f"{kind}.{field}={value!r}: {type(outcome.error).__name__}: {outcome.error}"
                    )
                    assert "$.events[0]" in str(outcome.error), str(outcome.error)
                checked += 1
    assert len(first) >= 8 and checked > 500


@pytest.mark.parametrize(("key", "value"), [("title", []), ("event_count", "64")])
def test_wrong_types_of_informative_keys_are_named(
    demo: dict[str, Any], key: str, value: Any
) -> None:
    value = str(len(demo["events"])) if key == "event_count" else value
    error = raised(_read({**demo, key: value}), FormatError)
    assert f"$.{key}: expected" in str(error)
    assert "but holds" not in str(error)


# ----------------------------------------------------------------------------------------------
# Versions


@pytest.mark.parametrize("version", [2, 3, 99, 2**31, 2**64, 10**100])
def test_newer_schema_versions(demo: dict[str, Any], version: int) -> None:
    error = raised(_read({**demo, "schema_version": version}), UnsupportedVersionError)
    assert "upgrade consensus_text" in str(error)
    assert f"schema version {version};" in str(error)


@pytest.mark.parametrize("version", [0, -1, -(2**64)])
def test_older_schema_versions_without_a_migration(demo: dict[str, Any], version: int) -> None:
    error = raised(_read({**demo, "schema_version": version}), UnsupportedVersionError)
    assert "no migration reads" in str(error)


@pytest.mark.parametrize(
    "version", [None, "1", "2", 1.0, 1.5, True, False, [1], {"v": 1}], ids=repr
)
def test_schema_versions_that_are_not_integers(demo: dict[str, Any], version: Any) -> None:
    error = raised(_read({**demo, "schema_version": version}), FormatError)
    assert not isinstance(error, UnsupportedVersionError)
    assert "$.schema_version: expected an integer" in str(error)


def test_missing_schema_version(demo: dict[str, Any]) -> None:
    document = {k: v for k, v in demo.items() if k != "schema_version"}
    raised(_read(document), FormatError)


# ----------------------------------------------------------------------------------------------
# Size, files, encodings


def test_size_limit_is_checked_before_parsing() -> None:
    text = "[" + "0," * (8 * MiB) + "0]"
    outcome = bounded(lambda: read_json(text, max_bytes=MiB))
    raised(outcome, UnsafeInputError)
    assert outcome.peak_bytes < 4 * len(text)  # the UTF-8 copy for the size, no parse
    assert 512 * MiB == MAX_BYTES


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(100 * 10**6)
    outcome = bounded(lambda: import_json(path, max_bytes=50 * 10**6))
    raised(outcome, UnsafeInputError)
    assert outcome.peak_bytes < MiB


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 10, b"\xff\xfe\x00", b"\xc3\x28", b'{"a": "\xed\xa0\x80"}', b"\xef\xbb\xbf"],
    ids=["empty", "nul", "utf16-bom", "invalid-utf8", "encoded-surrogate", "bom-only"],
)
def test_files_that_are_not_utf8_json(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "draft.json"
    path.write_bytes(content)
    with nothing_written(tmp_path):
        raised(bounded(lambda: import_json(path)), FormatError)


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_paths_that_are_not_files(tmp_path: Path, name: str) -> None:
    error = raised(bounded(lambda: import_json(tmp_path / name)), FormatError)
    assert f"cannot read {str(tmp_path / name)!r}" in str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    error = raised(bounded(lambda: import_json(path)), FormatError)
    assert "not a regular file" in str(error)


def test_a_str_with_a_lone_surrogate(demo_text: str) -> None:
    text = demo_text.replace("Programme", "Pro\ud800gramme", 1)
    error = raised(bounded(lambda: read_json(text)), FormatError)
    assert "$.title holds the unpaired surrogate U+D800" in str(error)


def test_bytes_with_an_encoded_lone_surrogate(demo_text: str) -> None:
    """json.loads decodes bytes with 'surrogatepass': an encoded surrogate becomes one."""
    data = demo_text.replace("Programme", "Pro\udfffgramme", 1).encode("utf-8", "surrogatepass")
    error = raised(bounded(lambda: read_json(data)), FormatError)
    assert "$.title holds the unpaired surrogate U+DFFF" in str(error)


@pytest.mark.parametrize("where", ["text", "note", "key"])
def test_lone_surrogates_in_events_are_named_by_path(demo: dict[str, Any], where: str) -> None:
    document = copy.deepcopy(demo)
    kind = {"text": "paragraph_proposed", "note": "position_stated", "key": "position_stated"}
    index = next(i for i, e in enumerate(document["events"]) if e["type"] == kind[where])
    event = document["events"][index]
    if where == "key":
        event["x\udc80"] = 1
    else:
        event[where] = "a \udc80 b"
    error = raised(_read(document), FormatError)  # json.dumps writes the escape
    field = "<key>" if where == "key" else where
    assert f"$.events[{index}].{field} holds the unpaired surrogate U+DC80" in str(error)
    error = raised(bounded(lambda: load_document(document)), FormatError)  # a parsed document
    assert f"$.events[{index}].{field} holds the unpaired surrogate U+DC80" in str(error)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\udc00\\ud800"])
def test_json_escaped_lone_surrogates_are_refused(demo_text: str, escape: str) -> None:
    text = demo_text.replace("Programme", f"Pro{escape}gramme", 1)
    error = raised(bounded(lambda: read_json(text)), FormatError)
    assert "$.title holds the unpaired surrogate U+D" in str(error)


@pytest.mark.parametrize("escape", ["\\ud83d\\ude00", "\\u0000", "\\u202e", "\\ufeff", "\\u2028"])
def test_json_escapes_of_real_characters_round_trip(
    demo_text: str, escape: str, tmp_path: Path
) -> None:
    text = demo_text.replace("Programme", f"Pro{escape}gramme", 1)
    neg = read_json(text)
    path = tmp_path / "again.json"
    export_json(neg, path)
    _, again = import_json(path)
    assert again.events == neg.events
