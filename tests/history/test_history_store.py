"""The SQLite store: append, read, conflicts, batches, several negotiations, bad files."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from consensus_text.errors import ConflictError, InvalidEventError, StoreError
from consensus_text.history import STORE_SCHEMA_VERSION, TextAmended, open_store

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import START, build_fixture, make_clock


def test_create_open_and_replay(tmp_path: Path) -> None:
    fx = build_fixture()
    path = tmp_path / "poa.db"
    with open_store(path) as store:
        neg = store.import_events("poa", fx.neg.events)
        assert neg.name == "poa" and neg.store is store
        assert store.count("poa") == fx.neg.event_count
    with open_store(path) as store:
        reopened = store.open("poa")
        assert reopened.events == fx.neg.events
        assert reopened.state == fx.neg.state
        assert reopened.snapshot(revision="Rev.1") == fx.neg.snapshot(revision="Rev.1")
        assert "poa" in repr(reopened) and str(path) in repr(store)


def test_many_negotiations_in_one_file(tmp_path: Path) -> None:
    with open_store(tmp_path / "many.db", clock=make_clock()) as store:
        first = store.create("first", title="First")
        store.create("second", title="Second")
        first.propose("Decides;", by="Chair")
        assert store.names() == ("first", "second")
        assert (store.count("first"), store.count("second"), store.count("third")) == (2, 1, 0)
        assert "first" in store and "third" not in store
        assert store.open("second").title == "Second"
        with pytest.raises(StoreError, match="holds 2 negotiations; name one"):
            store.open()
        with pytest.raises(StoreError, match="no negotiation named 'third'"):
            store.open("third")
        with pytest.raises(StoreError, match="already holds a negotiation named 'first'"):
            store.create("first", title="Again")
        with pytest.raises(StoreError, match="non-empty string"):
            store.create(" ", title="Blank")


def test_a_stale_writer_gets_a_conflict_naming_what_it_missed(tmp_path: Path) -> None:
    with open_store(tmp_path / "c.db", clock=make_clock()) as store:
        writer = store.create("neg", title="T")
        pid = writer.propose("Decides to [act];", by="Chair")
        stale = store.open("neg")
        writer.amend(pid, "Decides to [act] now;", by="Chair")
        writer.state_position("FRA", pid, "support")
        before = stale.state
        with pytest.raises(ConflictError) as info:
            stale.state_position("USA", pid, "objection")
        error = info.value
        assert (error.expected, error.actual) == (2, 4)
        assert error.missed == ("#3 TextAmended p1 by Chair", "#4 PositionStated support p1 by FRA")
        assert "reload the negotiation" in str(error)
        assert stale.state == before and stale.event_count == 2
        assert stale.refresh() == 2
        stale.state_position("USA", pid, "objection")
        assert store.count("neg") == 5
        assert writer.refresh() == 1 and writer.state == stale.state


def test_a_batch_is_one_transaction_and_a_conflict_undoes_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "b.db", clock=make_clock()) as store:
        writer = store.create("neg", title="T")
        other = store.open("neg")
        with writer.batch():
            ids = [writer.propose(f"P{i};", by="Chair") for i in range(3)]
            writer.issue_revision("Rev.1")
            assert store.count("neg") == 1  # nothing written before the block ends
        assert store.count("neg") == 5
        before = other.state

        def stale_batch() -> None:
            with other.batch():
                other.propose("Q;", by="Chair")
                other.issue_revision("Rev.1")

        with pytest.raises(ConflictError):
            stale_batch()
        assert other.state == before and other.revisions == () and other.event_count == 1
        other.refresh()
        assert other.revisions == ("Rev.1",) and other.active_ids() == tuple(ids)


def test_invalid_commands_write_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "i.db", clock=make_clock()) as store:
        neg = store.create("neg", title="T")
        with pytest.raises(InvalidEventError):
            neg.amend("p1", "x", by="Chair")
        assert store.count("neg") == 1


def test_import_checks_the_log_before_writing(tmp_path: Path) -> None:
    fx = build_fixture()
    bad = [*fx.neg.events[:5], TextAmended(at=START, by="Chair", paragraph_id="p99", text="x")]
    with open_store(tmp_path / "imp.db") as store:
        with pytest.raises(InvalidEventError):
            store.import_events("neg", bad)
        assert store.names() == ()
        with pytest.raises(InvalidEventError, match="empty"):
            store.import_events("neg", [])


def test_progress_is_reported(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.db", clock=make_clock()) as store:
        neg = store.create("neg", title="T")
        with neg.batch():
            pid = neg.propose("Decides;", by="Chair")
            for i in range(10_050):
                neg.state_position("FRA", pid, "support" if i % 2 else "objection")
        seen: list[int] = []
        store.open("neg", progress=seen.append)
        assert seen == [10_000]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"this is not a database at all, just text" * 100, "is not a consensus_text store"),
    ],
)
def test_a_file_that_is_not_a_store(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=fragment):
        open_store(path)


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match=r"other tables \(people\)"):
        open_store(path)


def test_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open store"):
        open_store(tmp_path / "missing" / "x.db")


def _tamper(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, params)
    conn.close()


def test_a_store_from_a_newer_release(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    _tamper(
        path,
        "UPDATE meta SET value = ? WHERE key = 'schema_version'",
        str(STORE_SCHEMA_VERSION + 1),
    )
    with pytest.raises(StoreError, match="upgrade consensus_text"):
        open_store(path)


@pytest.mark.parametrize(
    ("sql", "params", "fragment"),
    [
        ("DELETE FROM events WHERE seq = 2", (), "jumps from event 1 to 3"),
        ("UPDATE events SET payload = '{not json' WHERE seq = 2", (), "not JSON"),
        ("UPDATE events SET kind = 'paragraph_exploded' WHERE seq = 2", (), "event #2 of 'neg'"),
        (
            'UPDATE events SET payload = \'{"at": "2025-01-01T00:00:00+00:00", "by": "Chair",'
            ' "colour": 1}\' WHERE seq = 2',
            (),
            "cannot be decoded",
        ),
    ],
)
def test_a_tampered_log_is_reported(
    tmp_path: Path, sql: str, params: tuple[object, ...], fragment: str
) -> None:
    path = tmp_path / "t.db"
    with open_store(path, clock=make_clock()) as store:
        neg = store.create("neg", title="T")
        pid = neg.propose("Decides;", by="Chair")
        neg.amend(pid, "Decides now;", by="Chair")
    _tamper(path, sql, *params)
    with open_store(path) as store, pytest.raises(StoreError, match=fragment):
        store.open("neg")


def test_durable_mode_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    with open_store(path, durable=True, clock=make_clock()) as store:
        store.create("neg", title="T").propose("Decides;", by="Chair")
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with open_store(path) as store:
        assert store.read("neg", since=1, until=2)[0].event_type == "paragraph_proposed"
