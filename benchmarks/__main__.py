"""Run every benchmark and print one table: ``python -m benchmarks [--quick] [--only NAME ...]``.

Run it from the repository root. See benchmarks/README.md for what each benchmark measures and
the targets.
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import sys
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks import discover, format_table, run_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes where possible")
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", help="run these only")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    parser.add_argument("--verbose", action="store_true", help="also print each script's output")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per benchmark")
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a target is missed"
    )
    args = parser.parse_args(argv)

    if args.list:
        for benchmark in discover():
            print(f"{benchmark.name:<10} {benchmark.summary}")
        return 0

    mode = "quick (smaller sizes)" if args.quick else "full (the sizes of the targets)"
    print(
        f"consensus_text benchmarks, {mode}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()} {platform.system()}",
        flush=True,
    )
    started = time.perf_counter()
    results = run_all(
        args.only,
        quick=args.quick,
        timeout=args.timeout,
        progress=lambda name: print(f"  running {name} ...", file=sys.stderr, flush=True),
    )
    print()
    print(format_table(results))
    print()
    for result in results:
        state = "ok" if result.ok else f"FAILED (exit {result.returncode})"
        print(f"{result.benchmark:<10} {result.seconds:7.1f} s  {state}")
    print(f"{'total':<10} {time.perf_counter() - started:7.1f} s")
    for result in results:
        if args.verbose or not result.ok:
            print(f"\n--- {result.benchmark}: output ---\n{result.output.rstrip()}")
            if result.errors.strip():
                print(f"--- {result.benchmark}: errors ---\n{result.errors.rstrip()[-3000:]}")
    if args.json is not None:
        data = [
            {"benchmark": r.benchmark, "seconds": r.seconds, "ok": r.ok}
            | {"figures": [asdict(f) for f in r.figures]}
            for r in results
        ]
        args.json.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    failed = any(not r.ok for r in results)
    missed = any(f.status == "MISSED" for r in results for f in r.figures)
    return 1 if failed or (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
