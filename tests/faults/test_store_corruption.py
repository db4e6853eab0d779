"""A damaged store file: a StoreError, never a raw sqlite3 exception or a silently short log."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest

from consensus_text.errors import InvalidEventError, StoreError
from consensus_text.history import open_store

sys.path.insert(0, str(Path(__file__).parent))
from faults_testkit import make_store

SEED = 4242


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("corruption") / "pristine.db"
    make_store(path, paragraphs=80)
    return path.read_bytes()


def _damage(data: bytes, how: str, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    if how == "truncated":
        return bytes(damaged[: rng.randrange(1, len(damaged))])
    if how == "zeroed page":
        start = rng.randrange(len(damaged) // 4096) * 4096
        damaged[start : start + 4096] = bytes(min(4096, len(damaged) - start))
        return bytes(damaged)
    for _ in range(rng.randint(1, 30)):  # flipped bytes
        damaged[rng.randrange(100, len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def _open_damaged(path: Path) -> tuple[int, int] | None:
    """(events read, events counted) of a damaged store, or None for a StoreError.

    The store may also raise InvalidEventError when the damage leaves valid JSON that does not
    replay (documented by Store.open); anything else fails the test.
    """
    try:
        with open_store(path) as store:
            count = store.count("neg")
            return store.open("neg").event_count, count
    except (StoreError, InvalidEventError):
        return None
    except Exception as error:  # pragma: no cover - the failure being tested
        pytest.fail(f"{path.name}: {type(error).__name__} escaped: {error}")


@pytest.mark.parametrize("how", ["truncated", "zeroed page", "flipped bytes"])
def test_damaged_file_gives_a_store_error_never_a_raw_sqlite_error(
    tmp_path: Path, pristine: bytes, how: str
) -> None:
    """Truncated files once gave a NULL negotiation name, and a raw TypeError in resolve_name."""
    rng = random.Random(f"{SEED}-{how}")
    for trial in range(15):
        path = tmp_path / f"damaged-{trial}.db"
        path.write_bytes(_damage(pristine, how, rng))
        _open_damaged(path)


def test_damaged_file_never_opens_with_a_shorter_log(tmp_path: Path, pristine: bytes) -> None:
    """A damaged row key (b'neg' -> b'n\\xadg') ends the index range for 'neg' early: read()
    got events 1..k without a gap while count() (MAX(seq)) reported them all."""
    rng = random.Random(f"{SEED}-flipped bytes")  # trials 10 and 12 open with 3 and 8 events
    for trial in range(15):
        path = tmp_path / f"damaged-{trial}.db"
        path.write_bytes(_damage(pristine, "flipped bytes", rng))
        opened = _open_damaged(path)
        if opened is not None:
            read, counted = opened
            assert read == counted, f"trial {trial}: opened with {read} of {counted} events"


def _key_occurrences(data: bytes) -> list[int]:
    """Offsets of the negotiation name ``neg`` in the file (the key of every row)."""
    offsets, start = [], 0
    while (found := data.find(b"neg", start)) >= 0:
        offsets.append(found)
        start = found + 1
    return offsets


def test_a_damaged_row_key_never_shortens_the_log_silently(tmp_path: Path, pristine: bytes) -> None:
    offsets = _key_occurrences(pristine)
    assert len(offsets) > 40
    for offset in offsets[10:-10:4]:  # rows in the middle of the log
        damaged = bytearray(pristine)
        damaged[offset + 1] = 0xAD
        path = tmp_path / f"key-{offset}.db"
        path.write_bytes(bytes(damaged))
        try:
            with open_store(path) as store:
                count = store.count("neg")
                events = store.read("neg")
        except StoreError:
            continue
        assert len(events) == count, f"damage at byte {offset}: {len(events)} of {count} events"


def test_a_null_negotiation_name_is_a_store_error(tmp_path: Path) -> None:
    """A file edited outside consensus_text: the events table lets a NULL name through."""
    path = tmp_path / "edited.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(
            """
            CREATE TABLE events (negotiation TEXT, seq INTEGER, kind TEXT, payload TEXT,
                                 PRIMARY KEY (negotiation, seq));
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema_version', '1');
            INSERT INTO events VALUES (NULL, 1, 'negotiation_created', '{}');
            INSERT INTO events VALUES ('neg', 1, 'negotiation_created', '{}');
            """
        )
    conn.close()
    with open_store(path) as store:
        with pytest.raises(StoreError, match="negotiation name is missing"):
            store.open("other")
        with pytest.raises(StoreError, match="negotiation name is missing"):
            store.open()
        assert store.count("neg") == 1  # the rows of a real name still count


def test_the_message_of_a_shortened_log_names_both_ends(tmp_path: Path, pristine: bytes) -> None:
    offset = _key_occurrences(pristine)[20]
    damaged = bytearray(pristine)
    damaged[offset + 1] = 0xAD
    path = tmp_path / "short.db"
    path.write_bytes(bytes(damaged))
    with open_store(path) as store:
        count = store.count("neg")
        with pytest.raises(StoreError) as caught:
            store.read("neg")
    assert f"counts {count} events, but reading it stops after event" in str(caught.value)
    assert "restore it from a backup" in str(caught.value)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("seq", "'x'", "is numbered up to 'x'"),
        ("kind", "X'6e'", "has a kind that is not text"),
        ("payload", "X'00'", "has a payload that is not text"),
        (
            "payload",
            '\'{"title": "\\ud800"}\'',
            r"field 'title' holds the unpaired surrogate U\+D800",
        ),
    ],
)
def test_a_hand_edited_row_is_a_store_error(
    tmp_path: Path, column: str, value: str, expected: str
) -> None:
    path = tmp_path / "edited.db"
    make_store(path, paragraphs=2)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"UPDATE events SET {column} = {value} WHERE seq = 1")
    conn.close()
    with open_store(path) as store, pytest.raises(StoreError, match=expected):
        store.open("neg")
