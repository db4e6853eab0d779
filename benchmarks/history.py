"""Benchmark of the negotiation history: append rate, open and replay time, peak memory.

Builds a negotiation of 1,000 paragraphs, 200 participants and 200,000 events in memory, appends it
to a fresh SQLite store, then opens the store in a fresh process (read every event, replay it,
checking each one) and reports the time and the peak memory of that process. Baselines measured in
the same run: reading and JSON-decoding the rows without building events (the floor of any replay),
and inserting the same rows with raw ``executemany`` (the floor of any append).

Run: ``python benchmarks/history.py [--events N] [--paragraphs N] [--repeat 3]``. Targets: open and replay under
2 s, peak memory under 500 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from consensus_text.errors import InvalidEventError
from consensus_text.history import Negotiation, open_store
from consensus_text.model.participants import Participant, ParticipantKind, Registry


def build(paragraphs: int, participants: int, events: int, seed: int = 7) -> Negotiation:
    """A negotiation with ``events`` events, made through the scripting API."""
    rng = random.Random(seed)
    start = dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC)
    tick = [0]

    def clock() -> dt.datetime:
        tick[0] += 1
        return start + dt.timedelta(seconds=tick[0])

    neg = Negotiation.create("Benchmark declaration", symbol="A/BENCH/L.1", clock=clock)
    codes = sorted(Registry.default().participants)
    with neg.batch():
        for i in range(max(0, participants - len(codes))):
            code = f"NGO{i + 1}"
            neg.register_participant(
                Participant(code, f"Organization {i + 1}", ParticipantKind.NGO)
            )
            codes.append(code)
    codes = codes[:participants]
    revision_every = max(events // 20, 1)
    revision = 0
    with neg.batch():
        for i in range(paragraphs):
            kind = "preambular" if i < paragraphs // 5 else "operative"
            neg.propose(
                f"Decides to [strengthen][enhance] cooperation on item {i} "
                f"[in accordance with national priorities];",
                by="Chair",
                kind=kind,
            )
        neg.issue_revision("Zero draft", "zero_draft")
    ids = list(neg.active_ids())
    version = 0
    while neg.event_count < events:
        with neg.batch():
            for _ in range(min(5_000, events - neg.event_count)):
                if neg.event_count % revision_every == 0:
                    revision += 1
                    neg.issue_revision(f"Rev.{revision}")
                    continue
                roll = rng.random()
                pid = rng.choice(ids)
                paragraph = neg.paragraph(pid)
                try:
                    if roll < 0.91:
                        contested = len(paragraph.tree.elements())
                        element = 1 if contested and rng.random() < 0.3 else None
                        kind = rng.choice(("support", "can_live_with", "reservation", "objection"))
                        neg.state_position(rng.choice(codes), pid, kind, element=element)
                    elif roll < 0.94:
                        version += 1
                        neg.amend(
                            pid,
                            f"Decides to [strengthen][enhance] cooperation on item {pid} "
                            f"[as amended {version}];",
                            by="Chair",
                        )
                    elif roll < 0.965:
                        elements = paragraph.tree.elements()
                        if not elements:
                            neg.bracket(pid, 0, 7, by="Chair")
                        elif elements[0].kind == "alternatives":
                            neg.resolve(pid, 1, how="choose", option=1, by="Chair")
                        else:
                            neg.resolve(pid, 1, how="accept", by="Chair")
                    elif roll < 0.995:
                        neg.rule(pid, rng.choice(("agreed_in_informals", "agreed_ad_referendum")))
                    else:
                        neg.move(pid, after=rng.choice(ids), by="Chair")
                except InvalidEventError:
                    neg.rule(pid, "agreed_in_informals")
    return neg


def _rss_mb() -> float:
    """The peak resident memory of this process (VmHWM; ru_maxrss is inherited across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_open(path: str) -> None:
    """In a fresh process: open the store, replay, print the figures as JSON."""
    before = _rss_mb()
    with open_store(path) as store:
        read_s = time.perf_counter()
        events = store.read(store.resolve_name(None))
        read_s = time.perf_counter() - read_s
        del events
        started = time.perf_counter()
        cpu = time.process_time()
        neg = store.open()
        state = neg.state
        cpu = time.process_time() - cpu
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    neg.snapshot(revision=neg.revisions[len(neg.revisions) // 2])
    by_revision = time.perf_counter() - started
    started = time.perf_counter()
    neg.snapshot(event=neg.event_count // 2 + 1234)
    by_event = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "read_seconds": read_s,
                "cpu_seconds": cpu,
                "events": neg.event_count,
                "paragraphs": len(state.draft),
                "positions": len(state.positions),
                "rss_before_mb": before,
                "peak_rss_mb": _rss_mb(),
                "snapshot_by_revision_s": by_revision,
                "snapshot_by_event_s": by_event,
            }
        )
    )


def child_baseline(path: str) -> None:
    """In a fresh process: read and JSON-decode every row, nothing more."""
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT seq, kind, payload FROM events ORDER BY negotiation, seq"
    ).fetchall()
    payloads = json.loads("[" + ",".join(row[2] for row in rows) + "]")
    elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": elapsed, "rows": len(payloads), "peak_rss_mb": _rss_mb()}))


def _run_child(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, f"--child-{mode}", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--paragraphs", type=int, default=1_000)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="open+replay runs (median shown)")
    parser.add_argument("--child-open")
    parser.add_argument("--child-baseline")
    args = parser.parse_args()
    if args.child_open:
        child_open(args.child_open)
        return
    if args.child_baseline:
        child_baseline(args.child_baseline)
        return

    started = time.perf_counter()
    neg = build(args.paragraphs, args.participants, args.events)
    build_s = time.perf_counter() - started
    print(
        f"built {neg.event_count} events through the API in {build_s:.2f} s "
        f"({neg.event_count / build_s:,.0f} events/s, each checked)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        events = neg.events
        with open_store(path) as store:
            started = time.perf_counter()
            chunk = 5_000
            for offset in range(0, len(events), chunk):
                store.append("bench", events[offset : offset + chunk], expected=offset)
            bulk_s = time.perf_counter() - started
        print(
            f"bulk append ({chunk} events a transaction): {len(events) / bulk_s:,.0f} events/s "
            f"({bulk_s:.2f} s)"
        )

        single = 2_000
        with open_store(Path(tmp) / "single.db") as store:
            store.append("one", events[:1], expected=0)
            started = time.perf_counter()
            for k in range(1, single + 1):
                store.append("one", events[k : k + 1], expected=k)
            single_s = time.perf_counter() - started
        print(f"single appends (one transaction each): {single / single_s:,.0f} events/s")

        raw = sqlite3.connect(Path(tmp) / "raw.db")
        raw.execute(
            "CREATE TABLE events (negotiation TEXT, seq INTEGER, kind TEXT, payload TEXT, "
            "PRIMARY KEY (negotiation, seq)) WITHOUT ROWID"
        )
        rows = (
            sqlite3.connect(path)
            .execute("SELECT negotiation, seq, kind, payload FROM events")
            .fetchall()
        )
        started = time.perf_counter()
        with raw:
            raw.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows)
        raw_s = time.perf_counter() - started
        print(
            f"baseline: raw executemany of the same rows: {len(rows) / raw_s:,.0f} rows/s; "
            f"bulk append is {bulk_s / raw_s:.1f}x that time (encoding included)"
        )
        size_mb = path.stat().st_size / 1e6

        base = _run_child("baseline", path)
        runs = [_run_child("open", path) for _ in range(max(1, args.repeat))]
    runs.sort(key=lambda run: run["seconds"])
    opened = runs[len(runs) // 2]  # the median run (figures of one process, not mixed)
    peak = max(run["peak_rss_mb"] for run in runs)
    at_size = args.events >= 200_000  # the size the targets are set for

    def verdict(ok: bool) -> str:
        return ("met" if ok else "MISSED") if at_size else "not judged at this size"

    print(f"store file: {size_mb:.1f} MB")
    spread = (
        f"; {len(runs)} runs from {runs[0]['seconds']:.2f} to {runs[-1]['seconds']:.2f} s"
        if len(runs) > 1
        else ""
    )
    print(
        f"open + replay of {opened['events']:,.0f} events ({opened['paragraphs']:,.0f} paragraphs, "
        f"{opened['positions']:,.0f} current positions): {opened['seconds']:.2f} s wall, "
        f"{opened['cpu_seconds']:.2f} s CPU (median{spread}; target < 2 s: "
        f"{verdict(opened['seconds'] < 2)})"
    )
    print(f"  of which reading and decoding the events: {opened['read_seconds']:.2f} s")
    print(
        f"baseline: read + JSON-decode rows only: {base['seconds']:.2f} s; "
        f"open + replay is {opened['seconds'] / base['seconds']:.1f}x the baseline"
    )
    print(
        f"snapshot(revision=...) {opened['snapshot_by_revision_s'] * 1000:.2f} ms; "
        f"snapshot(event=...) {opened['snapshot_by_event_s'] * 1000:.0f} ms"
    )
    print(
        f"peak memory of the opening process: {peak:.0f} MB "
        f"(interpreter and imports: {opened['rss_before_mb']:.0f} MB; target < 500 MB: "
        f"{verdict(peak < 500)})"
    )


if __name__ == "__main__":
    main()
