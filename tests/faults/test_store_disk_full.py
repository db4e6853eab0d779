"""A store that cannot be written: a real file-size limit, and simulated disk-full errors.

The real case runs a writer process under ``RLIMIT_FSIZE`` (as ``ulimit -f`` does) with SIGXFSZ
ignored, so that SQLite's writes past the limit fail with EFBIG, exactly as a full disk makes
them fail with ENOSPC. The simulated cases wrap the store's connection so that one statement
raises ``sqlite3.OperationalError("database or disk is full")``: the error SQLite gives for
SQLITE_FULL. Every time: a StoreError naming the store, the writer's negotiation unchanged,
every committed event still readable, and the store opens and takes events afterwards.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from consensus_text.errors import ConsensusTextError, StoreError
from consensus_text.history import Negotiation, Store, open_store

sys.path.insert(0, str(Path(__file__).parent))
from faults_testkit import START, make_store, reopen_and_check, writer

# ----------------------------------------------------------------------------------------------
# A real limit: RLIMIT_FSIZE in a writer process


@pytest.mark.parametrize("limit", [40_000, 150_000, 600_000])
def test_file_size_limit_gives_a_store_error_and_loses_nothing(tmp_path: Path, limit: int) -> None:
    path = tmp_path / "full.db"
    make_store(path)
    with writer("fsize", str(path), str(limit)) as process:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    lines = out.splitlines()
    failures = [line for line in lines if line.startswith("error ")]
    commits = [int(line.split()[1]) for line in lines if line.startswith("ok ")]
    assert len(failures) == 3, out
    assert commits, "the limit was hit before the first commit: raise it"
    for line in failures:
        _, kind, count, message = line.split(" ", 3)
        assert kind == "StoreError", line
        assert f"cannot write to store {str(path)!r}" in message
        assert "the disk may be full or a file-size limit reached" in message
        # the writer's own view rolled back to what was committed
        committed_before = max([c for c in commits if lines.index(f"ok {c}") < lines.index(line)])
        assert int(count) == committed_before
    assert all(b > a for a, b in itertools.pairwise(commits))
    with open_store(path) as store:
        assert store.count("neg") == commits[-1]  # every commit there, nothing more
    reopen_and_check(path)


# ----------------------------------------------------------------------------------------------
# Simulated: one statement fails with SQLITE_FULL


class FailingConnection:
    """Wraps a sqlite3 connection; raises "database or disk is full" on chosen statements."""

    def __init__(self, conn: sqlite3.Connection, fail: Callable[[str], bool]) -> None:
        self._conn = conn
        self._fail = fail
        self.failed: list[str] = []

    def _check(self, sql: str) -> None:
        if self._fail(sql):
            self.failed.append(sql)
            raise sqlite3.OperationalError("database or disk is full")

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def _inject(store: Store, fail: Callable[[str], bool]) -> FailingConnection:
    wrapper = FailingConnection(store._conn, fail)
    store._conn = wrapper  # type: ignore[assignment]
    return wrapper


def _restore(store: Store, wrapper: FailingConnection) -> None:
    store._conn = wrapper._conn


def _single(neg: Negotiation) -> None:
    neg.state_position("FRA", neg.active_ids()[0], "objection", at=_at(10))


def _batch(neg: Negotiation) -> None:
    with neg.batch():
        for k, pid in enumerate(neg.active_ids()):
            neg.state_position("USA", pid, "support", at=_at(10 + k))
        neg.propose("Decides to [convene] a review conference;", by="Chair", at=_at(20))


FAILURES = {
    "insert": lambda sql: sql.startswith("INSERT"),
    "commit": lambda sql: sql == "COMMIT",
}


@pytest.mark.parametrize("where", sorted(FAILURES))
@pytest.mark.parametrize("change", [_single, _batch], ids=["single", "batch"])
def test_disk_full_on_write_is_a_store_error_and_changes_nothing(
    tmp_path: Path, where: str, change: Callable[[Negotiation], None]
) -> None:
    path = tmp_path / "full.db"
    initial = make_store(path)
    with open_store(path) as store:
        neg = store.open("neg")
        before = neg.state
        wrapper = _inject(store, FAILURES[where])
        with pytest.raises(StoreError) as caught:
            change(neg)
        assert wrapper.failed, "the fault was not injected"
        assert "database or disk is full" in str(caught.value)
        assert str(path) in str(caught.value)
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        # the negotiation in memory is as it was: the change can be made again
        assert neg.event_count == initial
        assert neg.state == before
        _restore(store, wrapper)
        assert store.count("neg") == initial  # nothing reached the file
        change(neg)  # the disk has room again: the same change now succeeds
        after = neg.event_count
        assert store.count("neg") == after > initial
    assert reopen_and_check(path).event_count == after + 1


def test_disk_full_when_reading_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "read.db"
    make_store(path)
    with open_store(path) as store:
        neg = store.open("neg")
        other = store.open("neg")
        _single(other)
        wrapper = _inject(store, lambda sql: sql.startswith("SELECT"))
        with pytest.raises(StoreError, match="cannot read store"):
            neg.refresh()
        with pytest.raises(StoreError, match="cannot read store"):
            store.open("neg")
        _restore(store, wrapper)
        assert neg.refresh() == 1


def test_a_failing_rollback_after_a_failed_commit_is_still_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "rollback.db"
    make_store(path)
    with open_store(path) as store:
        neg = store.open("neg")
        wrapper = _inject(store, lambda sql: sql in ("COMMIT", "ROLLBACK"))
        try:
            with pytest.raises(ConsensusTextError):
                _single(neg)
        finally:
            _restore(store, wrapper)
            if store._conn.in_transaction:
                store._conn.execute("ROLLBACK")


def test_a_failed_rollback_is_reported_and_the_next_write_succeeds(tmp_path: Path) -> None:
    """The transaction a failed ROLLBACK leaves open is rolled back before the next write."""
    path = tmp_path / "rollback.db"
    initial = make_store(path)
    with open_store(path) as store:
        neg = store.open("neg")
        wrapper = _inject(store, lambda sql: sql in ("COMMIT", "ROLLBACK"))
        with pytest.raises(StoreError) as caught:
            _single(neg)
        assert "database or disk is full" in str(caught.value)
        assert "could not be rolled back either" in str(caught.value)
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert neg.event_count == initial
        _restore(store, wrapper)
        assert store._conn.in_transaction  # left open by the failed rollback
        _single(neg)  # rolled back first, then written
        assert store.count("neg") == initial + 1
    assert reopen_and_check(path).event_count == initial + 2


@pytest.mark.parametrize("message", ["database or disk is full", "disk I/O error"])
def test_disk_full_hints_that_committed_events_are_safe(tmp_path: Path, message: str) -> None:
    path = tmp_path / "hint.db"
    initial = make_store(path)
    with open_store(path) as store:
        neg = store.open("neg")

        def fail(sql: str) -> bool:
            if sql == "COMMIT":
                raise sqlite3.OperationalError(message)
            return False

        wrapper = _inject(store, fail)
        with pytest.raises(StoreError) as caught:
            _single(neg)
        _restore(store, wrapper)
        assert message in str(caught.value)
        assert "the disk may be full or a file-size limit reached" in str(caught.value)
        assert "committed events are safe" in str(caught.value)
        assert store.count("neg") == initial
