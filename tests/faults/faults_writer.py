"""A writer process for the fault tests (run as a script, never collected by pytest).

Every mode prints one line per committed transaction, flushed at once, so that the parent knows
exactly what was committed when it kills the process or when a write fails:

    python faults_writer.py batches STORE TAG BATCHES [GO_FILE]
        append BATCHES transactions (sizes 1 to 12, in a fixed pattern); a ConflictError is
        retried after refresh(). After each commit print ``ok TAG BATCH SIZE COUNT`` where COUNT
        is the log length after the commit, and at the end ``done TAG CONFLICTS``. Each event's
        note is ``TAG:BATCH:I``. With GO_FILE, touch ``GO_FILE.TAG.ready`` once the store is
        open and wait for GO_FILE to exist before writing (a barrier for several writers).
    python faults_writer.py fsize STORE LIMIT
        ignore SIGXFSZ, limit the size of any file the process writes to LIMIT bytes
        (RLIMIT_FSIZE), then append transactions until three of them have failed. Print
        ``ok COUNT`` after each commit and ``error TYPE COUNT MESSAGE`` after each failure
        (COUNT: the writer's own event count after the failure).
"""

from __future__ import annotations

import resource
import signal
import sys
import time
from pathlib import Path

from consensus_text.errors import ConflictError, ConsensusTextError
from consensus_text.history import open_store

PARTICIPANTS = ("FRA", "USA", "CHN", "BRA", "ZAF", "IND", "EGY", "RUS", "KEN", "MEX")
KINDS = ("support", "can_live_with", "reservation", "objection")


def batch_size(batch: int) -> int:
    """The size of transaction number ``batch`` (1 to 12 events, in a fixed pattern)."""
    return 1 + (batch * 7) % 12


def batches(store_path: str, tag: str, count: int, go_file: str | None) -> None:
    with open_store(store_path, timeout=60) as store:
        neg = store.open("neg")
        paragraphs = neg.active_ids()
        if go_file is not None:
            Path(f"{go_file}.{tag}.ready").touch()
            while not Path(go_file).exists():
                time.sleep(0.001)
        conflicts = 0
        for b in range(count):
            size = batch_size(b)
            while True:
                try:
                    with neg.batch():
                        for i in range(size):
                            k = b * 13 + i
                            neg.state_position(
                                PARTICIPANTS[k % len(PARTICIPANTS)],
                                paragraphs[k % len(paragraphs)],
                                KINDS[k % len(KINDS)],
                                note=f"{tag}:{b}:{i}",
                            )
                    break
                except ConflictError:
                    conflicts += 1
                    neg.refresh()
            print(f"ok {tag} {b} {size} {neg.event_count}", flush=True)
        print(f"done {tag} {conflicts}", flush=True)


def fsize(store_path: str, limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    with open_store(store_path) as store:
        neg = store.open("neg")
        paragraphs = neg.active_ids()
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        failures = 0
        k = 0
        while failures < 3:
            try:
                with neg.batch():
                    for _ in range(1 + k % 29):
                        neg.state_position(
                            PARTICIPANTS[k % len(PARTICIPANTS)],
                            paragraphs[k % len(paragraphs)],
                            KINDS[k % len(KINDS)],
                            note="x" * (k % 400) + str(k),
                        )
                        k += 1
            except ConsensusTextError as error:
                failures += 1
                message = str(error).replace("\n", " ")
                print(f"error {type(error).__name__} {neg.event_count} {message}", flush=True)
            else:
                print(f"ok {neg.event_count}", flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "batches":
        batches(args[0], args[1], int(args[2]), args[3] if len(args) > 3 else None)
    elif mode == "fsize":
        fsize(args[0], int(args[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
