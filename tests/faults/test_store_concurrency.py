"""Several writer processes on one store: thousands of events, none lost, none doubled.

The history tests run two or three writers of single appends; here four processes append
transactions of 1 to 12 events each, retrying on ConflictError, while this process reads the
log as it grows.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import time
from collections import Counter
from pathlib import Path

from consensus_text.history import open_store

sys.path.insert(0, str(Path(__file__).parent))
from faults_testkit import make_store, notes, reopen_and_check, writer
from faults_writer import batch_size

WRITERS = ("A", "B", "C", "D")
BATCHES = 110  # about 715 events a writer, 2,860 in all


def test_four_writers_lose_and_double_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    initial = make_store(path)
    expected_per_writer = sum(batch_size(b) for b in range(BATCHES))
    reported: dict[str, list[tuple[int, int]]] = {tag: [] for tag in WRITERS}
    seen_counts: list[int] = []
    conflicts = 0
    with open_store(path, timeout=30) as reader_store:
        reader = reader_store.open("neg")
        go = tmp_path / "go"
        with contextlib.ExitStack() as stack:
            running = [
                stack.enter_context(writer("batches", str(path), tag, str(BATCHES), str(go)))
                for tag in WRITERS
            ]
            deadline = time.monotonic() + 120
            while not all(Path(f"{go}.{tag}.ready").exists() for tag in WRITERS):
                assert time.monotonic() < deadline, "the writers did not start"
                assert all(p.poll() is None for p in running), "a writer died"
                time.sleep(0.01)
            go.touch()  # the barrier: all four start writing together
            while any(p.poll() is None for p in running):
                assert time.monotonic() < deadline, "the writers did not finish in time"
                reader.refresh()  # a concurrent reader: sees whole transactions only
                seen_counts.append(reader.event_count)
                time.sleep(0.02)
            for tag, process in zip(WRITERS, running, strict=True):
                assert process.stdout is not None and process.stderr is not None
                out, err = process.stdout.read(), process.stderr.read()
                assert process.returncode == 0, err
                *lines, done = out.splitlines()
                _, done_tag, done_conflicts = done.split()
                assert done_tag == tag
                conflicts += int(done_conflicts)
                for line in lines:
                    _, line_tag, batch_text, size_text, _count = line.split()
                    assert line_tag == tag
                    reported[tag].append((int(batch_text), int(size_text)))
        reader.refresh()
    assert seen_counts == sorted(seen_counts)  # the log only grows

    total = initial + len(WRITERS) * expected_per_writer
    for tag in WRITERS:
        assert reported[tag] == [(b, batch_size(b)) for b in range(BATCHES)]
    neg = reopen_and_check(path)
    log = notes(neg.events)[:-1]  # the last one is reopen_and_check's
    assert neg.event_count == total + 1
    assert reader.event_count == total
    counts = Counter(log)
    assert max(counts.values()) == 1, "an event was written twice"
    for tag in WRITERS:  # every event, each writer's in the order it wrote them
        own = [note for note in log if note.startswith(f"{tag}:")]
        assert own == [f"{tag}:{b}:{i}" for b in range(BATCHES) for i in range(batch_size(b))]
    switches = sum(1 for a, b in itertools.pairwise(log) if a[0] != b[0])
    print(f"conflicts retried: {conflicts}; the log switches writer {switches} times")
    # transactions are atomic: the events of one batch are adjacent in the log
    for tag in WRITERS:
        for b in (0, 1, BATCHES // 2, BATCHES - 1):
            first = log.index(f"{tag}:{b}:0")
            size = batch_size(b)
            assert log[first : first + size] == [f"{tag}:{b}:{i}" for i in range(size)]
