"""A writer killed with SIGKILL at random points: no committed event lost, the store opens.

The writer prints a line after each commit (flushed), so every line the parent reads names a
transaction that was committed before the kill. The kill comes after a random number of commits
plus a random delay (seeded), so it lands inside a transaction, between two, or during a WAL
checkpoint. After each kill the store is opened again: the log has no gap, holds every reported
transaction and whole transactions only, replays, and takes new events; then the next round
starts on the same file.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from consensus_text.history import open_store

sys.path.insert(0, str(Path(__file__).parent))
from faults_testkit import make_store, notes, reopen_and_check, writer
from faults_writer import batch_size

SEED = 20250303


def _kill_after(path: Path, tag: str, commits: int, delay: float) -> set[int]:
    """Run a writer, SIGKILL it after ``commits`` commits and ``delay`` seconds; the batches it
    reported committed."""
    reported: set[int] = set()
    with writer("batches", str(path), tag, "100000") as process:
        assert process.stdout is not None
        while len(reported) < commits:
            line = process.stdout.readline()
            if not line:
                assert process.stderr is not None
                pytest.fail(f"the writer died: {process.stderr.read()}")
            reported.add(int(line.split()[2]))
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        for line in process.stdout.read().splitlines():  # printed before the kill
            reported.add(int(line.split()[2]))
    return reported


@pytest.mark.parametrize("round_seed", range(3))
def test_random_kills_lose_no_committed_event(tmp_path: Path, round_seed: int) -> None:
    rng = random.Random(SEED + round_seed)
    path = tmp_path / "killed.db"
    make_store(path)
    committed: dict[str, set[int]] = {}
    for kill in range(4):
        tag = f"k{kill}"
        committed[tag] = _kill_after(path, tag, rng.randint(1, 40), rng.uniform(0.0, 0.05))
        neg = reopen_and_check(path)  # no gap, replays, lock released, takes an event
        found: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for note in notes(neg.events):
            if ":" in note:
                writer_tag, batch, index = note.split(":")
                found[writer_tag][int(batch)].append(int(index))
        for t, batches in committed.items():
            # every batch reported committed is there, whole
            for b in batches:
                assert found[t][b] == list(range(batch_size(b))), (t, b)
            # and whatever else is there (committed before the kill, not yet reported) is
            # whole transactions, the next ones in order
            extra = set(found[t]) - batches
            assert all(found[t][b] == list(range(batch_size(b))) for b in extra), (t, extra)
            assert set(found[t]) == set(range(len(found[t]))), f"{t}: batches missing"


def test_a_killed_writer_does_not_block_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "lock.db"
    make_store(path)
    _kill_after(path, "first", 5, 0.0)  # killed as soon as possible: likely mid-transaction
    with open_store(path, timeout=2) as store:  # a short timeout: no lock may be left
        neg = store.open("neg")
        before = neg.event_count
        with neg.batch():
            for pid in neg.active_ids():
                neg.state_position("USA", pid, "support")
        assert store.count("neg") == before + len(neg.active_ids())
