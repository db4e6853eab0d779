"""A writer process for the store tests (run as a script, not collected by pytest).

Usage:
    python history_writer.py positions STORE TAG COUNT GO_FILE
        append COUNT positions, one transaction each, retrying on ConflictError; print JSON
        {"appended": n, "conflicts": c} at the end.
    python history_writer.py forever STORE BATCH
        append batches of BATCH positions forever, printing the log length after each commit.
    python history_writer.py hold STORE
        open a write transaction, insert rows, print "inside", and sleep without committing.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from consensus_text.errors import ConflictError
from consensus_text.history import open_store

PARTICIPANTS = ("FRA", "USA", "CHN", "BRA", "ZAF", "IND", "EGY", "RUS", "KEN", "MEX")
KINDS = ("support", "can_live_with", "reservation", "objection")


def positions(store_path: str, tag: str, count: int, go_file: str) -> None:
    with open_store(store_path, timeout=60) as store:
        neg = store.open("neg")
        paragraphs = neg.active_ids()
        Path(f"{go_file}.{tag}.ready").touch()
        while not Path(go_file).exists():  # the barrier: start together
            time.sleep(0.001)
        conflicts = 0
        for i in range(count):
            while True:
                try:
                    neg.state_position(
                        PARTICIPANTS[i % len(PARTICIPANTS)],
                        paragraphs[i % len(paragraphs)],
                        KINDS[i % len(KINDS)],
                        note=f"{tag}-{i}",
                    )
                    break
                except ConflictError:
                    conflicts += 1
                    neg.refresh()
        print(json.dumps({"appended": count, "conflicts": conflicts}), flush=True)


def forever(store_path: str, batch: int) -> None:
    with open_store(store_path, timeout=60) as store:
        neg = store.open("neg")
        paragraphs = neg.active_ids()
        i = 0
        while True:
            with neg.batch():
                for _ in range(batch):
                    neg.state_position(
                        PARTICIPANTS[i % len(PARTICIPANTS)],
                        paragraphs[i % len(paragraphs)],
                        KINDS[i % len(KINDS)],
                        note=f"forever-{i}",
                    )
                    i += 1
            print(neg.event_count, flush=True)


def hold(store_path: str) -> None:
    conn = sqlite3.connect(store_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    (count,) = conn.execute("SELECT MAX(seq) FROM events WHERE negotiation = 'neg'").fetchone()
    for seq in range(count + 1, count + 1001):
        conn.execute("INSERT INTO events VALUES ('neg', ?, 'position_stated', '{}')", (seq,))
    print("inside", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "positions":
        positions(args[0], args[1], int(args[2]), args[3])
    elif mode == "forever":
        forever(args[0], int(args[1]))
    elif mode == "hold":
        hold(args[0])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
