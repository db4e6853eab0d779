"""Helpers of the fault tests: a small store, writer processes, and the checks every test makes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from consensus_text.history import Event, Negotiation, PositionStated, open_store

WRITER = str(Path(__file__).with_name("faults_writer.py"))
START = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)


def make_store(path: Path, paragraphs: int = 5) -> int:
    """Create a store holding negotiation ``neg`` with a few paragraphs; its event count."""
    with open_store(path) as store:
        neg = store.create("neg", title="Faults", at=START)
        with neg.batch():
            for i in range(paragraphs):
                neg.propose(f"Paragraph {i} [shall][should] apply;", by="Chair", at=START)
        return neg.event_count


@contextmanager
def writer(*args: str) -> Iterator[subprocess.Popen[str]]:
    """A writer process (see faults_writer.py); killed and reaped on exit, pipes closed."""
    process = subprocess.Popen(
        [sys.executable, WRITER, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def notes(events: list[Event] | tuple[Event, ...]) -> list[str]:
    """The notes of the positions of a log, in log order."""
    return [e.note for e in events if isinstance(e, PositionStated)]


def reopen_and_check(path: Path) -> Negotiation:
    """Open the store again and check it the way every fault test does.

    The log reads without a gap (``Store.read`` checks the numbering), replays (every event is
    checked again), and the store takes a new event: no lock was left behind.
    """
    with open_store(path, timeout=5) as store:
        count = store.count("neg")
        events = store.read("neg")
        assert len(events) == count, f"read {len(events)} events, the store counts {count}"
        neg = store.open("neg")
        assert neg.event_count == count
        neg.state_position("FRA", neg.active_ids()[0], "support", note="after the fault")
        assert store.count("neg") == count + 1
    with open_store(path) as store:
        return store.open("neg")
