"""The benchmarks of consensus_text and one runner for all of them.

Each benchmark is a script of this folder with a ``main()`` that prints its figures, with ratios
against a baseline measured in the same run (see README.md). The runner, ``python -m benchmarks``
from the repository root, starts every script in a fresh interpreter (one after the other, so
that they do not compete for the processor), captures what it prints, reads the figures out of it
and prints one table::

    python -m benchmarks                 # every benchmark, at the sizes the targets are set for
    python -m benchmarks --quick         # smaller sizes where a script accepts them (~1 min)
    python -m benchmarks --only history consensus --verbose

A script added to the folder is run too; until a reader for its output is added to
:data:`BENCHMARKS`, its lines that mention a target, a baseline or a ratio are shown as they are.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BENCHMARKS",
    "FOLDER",
    "Benchmark",
    "Figure",
    "Result",
    "discover",
    "format_table",
    "run",
    "run_all",
]

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Figure:
    """One measured figure.

    Attributes:
        benchmark: the script that measured it.
        name: what was measured, and at what size.
        value: the measure with its unit.
        versus: the comparison with the baseline of the same run (a ratio), if any.
        target: the target set for it, if any.
        status: ``"met"``, ``"MISSED"``, ``"n/a"`` (a quick run at another size than the
            target's), or ``""`` when there is no target.
    """

    benchmark: str
    name: str
    value: str
    versus: str = ""
    target: str = ""
    status: str = ""


Parser = Callable[[str, bool], list[Figure]]


@dataclass(frozen=True)
class Benchmark:
    """A benchmark script and how to run it and read it."""

    name: str
    summary: str
    full_args: tuple[str, ...] = ()
    quick_args: tuple[str, ...] = ()
    parse: Parser | None = None

    @property
    def script(self) -> Path:
        return FOLDER / f"{self.name}.py"


@dataclass
class Result:
    """What one run of a benchmark gave."""

    benchmark: str
    seconds: float
    returncode: int
    output: str
    errors: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and bool(self.figures)


# ----------------------------------------------------------------------------------------------
# Reading the output of each script


def _status(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _search(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.MULTILINE)


def _parse_align(output: str, quick: bool) -> list[Figure]:
    figures = []
    row = re.compile(
        r"^\s*(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)s/([\d.]+)s\s+([\d.]+)s\s+(\d+)x\s+"
        r"([\d.]+) \((\w+)"
    )
    for line in output.splitlines():
        match = row.match(line)
        if not match:
            continue
        size, precision, recall, kinds, mean, worst, naive, speedup, naive_recall, how = (
            match.groups()
        )
        figures += [
            Figure(
                "align",
                f"precision / recall, {size} paragraphs",
                f"{precision} / {recall}",
                f"naive all-pairs: recall {naive_recall}",
            ),
            Figure("align", f"change kind right, {size} paragraphs", kinds),
            Figure(
                "align",
                f"align one revision pair, {size} paragraphs",
                f"{float(mean) * 1000:.0f} ms (worst {float(worst) * 1000:.0f} ms)",
                f"{speedup}x faster than naive all-pairs ({how} {float(naive):.1f} s)",
            ),
        ]
    return figures


def _parse_check(output: str, quick: bool) -> list[Figure]:
    figures = []
    size = _search(r"'paragraphs': (\d+)", output)
    paragraphs = int(size.group(1)) if size else 0
    whole = _search(r"^whole process:\s+([\d.]+) s", output)
    startup = _search(r"ratio whole process / start-up: ([\d.]+)x", output)
    if whole:
        seconds = float(whole.group(1))
        figures.append(
            Figure(
                "check",
                f"consensus-text check, whole command, {paragraphs:,} paragraphs",
                f"{seconds:.3f} s",
                f"{startup.group(1)}x Python start-up + import" if startup else "",
                "< 2 s at 5,000 paragraphs",
                _status(seconds < 2) if paragraphs == 5000 else "n/a",
            )
        )
    inside = _search(r"^in process:\s+([\d.]+) s\s+\((\d+) µs per paragraph\)", output)
    ratio = _search(r"ratio in-process / baseline: ([\d.]+)x", output)
    if inside:
        figures.append(
            Figure(
                "check",
                f"read and check in process, {paragraphs:,} paragraphs",
                f"{float(inside.group(1)):.3f} s ({inside.group(2)} µs a paragraph)",
                f"{ratio.group(1)}x read + split + re.findall" if ratio else "",
            )
        )
    return figures


def _parse_consensus(output: str, quick: bool) -> list[Figure]:
    figures = []
    rows = [
        ("full report after load", "full report, 1,000 paragraphs x 200 participants", 100.0),
        ("full report, index included \\(cold\\)", "full report, positions indexed too", None),
        ("incremental after 1 new position", "incremental report after one position", 5.0),
    ]
    for label, name, target in rows:
        match = _search(
            rf"^{label}:\s+best\s+([\d.]+) ms, median\s+([\d.]+) ms\s+\(([\d.]+)x baseline", output
        )
        if not match:
            continue
        median = float(match.group(2))
        figures.append(
            Figure(
                "consensus",
                name,
                f"{median:.2f} ms (median)",
                f"{match.group(3)}x one pass over the positions",
                f"< {target:g} ms" if target else "",
                _status(median < target) if target else "",
            )
        )
    load = _search(
        r"^load: draft, brackets parsed, events replayed to a snapshot:\s+([\d.]+) s", output
    )
    if load:
        figures.append(
            Figure("consensus", "load (200,000 positions to a snapshot)", f"{load.group(1)} s")
        )
    return figures


def _parse_export(output: str, quick: bool) -> list[Figure]:
    figures = []
    size = _search(r"draft of (\d+) paragraphs", output)
    paragraphs = int(size.group(1)) if size else 0
    ours = re.findall(r"^\s+consensus_text\s+([\d.]+) ms", output, re.MULTILINE)
    pandoc = _search(r"vs pandoc, whole process:\s+([\d.]+)", output)
    docx = _search(r"vs python-docx, whole process:\s+([\d.]+)", output)
    if ours:
        if pandoc:
            ratio = float(pandoc.group(1))
            status = _status(ratio <= 0.25) if paragraphs == 1000 else "n/a"
            versus, target = f"{ratio:.2f} of pandoc's time", "<= 0.25 of pandoc"
        else:
            status, versus, target = "n/a", "pandoc not installed", "<= 0.25 of pandoc"
        figures.append(
            Figure(
                "export",
                f"bracketed DOCX, whole process, {paragraphs:,} paragraphs",
                f"{float(ours[0]):.0f} ms",
                versus,
                target,
                status,
            )
        )
        if docx:
            figures.append(
                Figure(
                    "export",
                    "bracketed DOCX vs plain python-docx, whole process",
                    f"{float(ours[0]):.0f} ms",
                    f"{docx.group(1)}x python-docx",
                )
            )
    inside = _search(r"vs python-docx, in process:\s+([\d.]+)", output)
    if len(ours) > 1:
        figures.append(
            Figure(
                "export",
                "bracketed DOCX, export call only",
                f"{float(ours[1]):.1f} ms",
                f"{inside.group(1)}x python-docx" if inside else "",
            )
        )
    floor = _search(r"the floor: ([\d.]+) ms", output)
    floor_ratio = _search(r"floor \(attrs \+ lxml\) vs pandoc:\s+([\d.]+)", output)
    if floor:
        figures.append(
            Figure(
                "export",
                "interpreter + attrs + lxml only (the floor)",
                f"{float(floor.group(1)):.0f} ms",
                f"{floor_ratio.group(1)} of pandoc's time" if floor_ratio else "",
            )
        )
    return figures


def _parse_history(output: str, quick: bool) -> list[Figure]:
    figures = []
    opened = _search(
        r"^open \+ replay of ([\d,]+) events .*: ([\d.]+) s wall, ([\d.]+) s CPU", output
    )
    base = _search(r"open \+ replay is ([\d.]+)x the baseline", output)
    events = int(opened.group(1).replace(",", "")) if opened else 0
    at_target = events == 200_000
    if opened:
        seconds = float(opened.group(2))
        figures.append(
            Figure(
                "history",
                f"open store + replay, {events:,} events",
                f"{seconds:.2f} s",
                f"{base.group(1)}x read + JSON-decode rows" if base else "",
                "< 2 s at 200,000 events",
                _status(seconds < 2) if at_target else "n/a",
            )
        )
    peak = _search(r"^peak memory of the opening process: (\d+) MB", output)
    if peak:
        megabytes = int(peak.group(1))
        figures.append(
            Figure(
                "history",
                f"peak memory of open + replay, {events:,} events",
                f"{megabytes} MB",
                "",
                "< 500 MB at 200,000 events",
                _status(megabytes < 500) if at_target else "n/a",
            )
        )
    bulk = _search(r"^bulk append \((\d+) events a transaction\): ([\d,]+) events/s", output)
    raw = _search(r"bulk append is ([\d.]+)x that time", output)
    if bulk:
        figures.append(
            Figure(
                "history",
                f"bulk append, {bulk.group(1)} events a transaction",
                f"{bulk.group(2)} events/s",
                f"{raw.group(1)}x raw executemany time" if raw else "",
            )
        )
    single = _search(r"^single appends \(one transaction each\): ([\d,]+) events/s", output)
    if single:
        figures.append(
            Figure("history", "single appends, one transaction each", f"{single.group(1)} events/s")
        )
    built = _search(
        r"^built (\d+) events through the API in ([\d.]+) s \(([\d,]+) events/s", output
    )
    if built:
        figures.append(
            Figure(
                "history",
                "build through the API (each event checked)",
                f"{built.group(3)} events/s",
            )
        )
    return figures


def _parse_generic(name: str) -> Parser:
    """For a script without a reader: its lines that mention a target, a baseline or a ratio."""

    def parse(output: str, quick: bool) -> list[Figure]:
        keep = re.compile(r"target|baseline|ratio|\d+(?:\.\d+)?x\b", re.IGNORECASE)
        return [
            Figure(name, line.strip()[:100], "(see the line)")
            for line in output.splitlines()
            if keep.search(line)
        ]

    return parse


BENCHMARKS: dict[str, Benchmark] = {
    b.name: b
    for b in (
        Benchmark(
            "align",
            "paragraph alignment between revisions: precision, recall, time vs naive all-pairs",
            (),
            ("--sizes", "100", "1000", "--pairs", "2", "--naive-sample", "5"),
            _parse_align,
        ),
        Benchmark(
            "check",
            "consensus-text check on a 5,000-paragraph Markdown draft, whole command and in process",
            (),
            ("--repeat", "1"),
            _parse_check,
        ),
        Benchmark(
            "consensus",
            "consensus report: 1,000 paragraphs, 200 participants, 200,000 positions; incremental",
            (),
            (),
            _parse_consensus,
        ),
        Benchmark(
            "export",
            "bracketed DOCX export of 1,000 paragraphs vs python-docx and pandoc",
            (),
            ("--repeat", "2"),
            _parse_export,
        ),
        Benchmark(
            "history",
            "event store: append rate, open + replay of 200,000 events, peak memory",
            (),
            ("--events", "20000", "--paragraphs", "200"),
            _parse_history,
        ),
    )
}


# ----------------------------------------------------------------------------------------------
# Running


def _has_main(path: Path) -> bool:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return False
    return any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body)


def discover() -> list[Benchmark]:
    """Every benchmark script of the folder (a ``.py`` file with a ``main()``), known or not."""
    found = []
    for path in sorted(FOLDER.glob("*.py")):
        if path.name.startswith("_") or not _has_main(path):
            continue
        found.append(BENCHMARKS.get(path.stem) or Benchmark(path.stem, "(no description)"))
    return found


def run(benchmark: Benchmark, *, quick: bool = False, timeout: float = 1800.0) -> Result:
    """Run one benchmark script in a fresh interpreter and read its figures."""
    args = benchmark.quick_args if quick else benchmark.full_args
    command = [sys.executable, str(benchmark.script), *args]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=FOLDER.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        returncode, output, errors = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as expired:
        returncode = -1
        output = expired.stdout if isinstance(expired.stdout, str) else ""
        errors = f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - started
    parse = benchmark.parse or _parse_generic(benchmark.name)
    figures = parse(output, quick) if returncode == 0 else []
    if returncode == 0 and not figures and benchmark.parse is not None:
        figures = _parse_generic(benchmark.name)(output, quick)  # the format changed
    return Result(benchmark.name, seconds, returncode, output, errors, figures)


def run_all(
    names: Sequence[str] = (),
    *,
    quick: bool = False,
    timeout: float = 1800.0,
    progress: Callable[[str], None] | None = None,
) -> list[Result]:
    """Run the benchmarks named (all when none), one after the other."""
    chosen = [b for b in discover() if not names or b.name in names]
    unknown = set(names) - {b.name for b in chosen}
    if unknown:
        known = ", ".join(b.name for b in discover())
        raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {known}")
    results = []
    for benchmark in chosen:
        if progress is not None:
            progress(benchmark.name)
        results.append(run(benchmark, quick=quick, timeout=timeout))
    return results


def format_table(results: Sequence[Result]) -> str:
    """The figures of every result as one text table."""
    header = ("benchmark", "figure", "value", "versus baseline", "target", "status")
    rows: list[tuple[str, ...]] = []
    for result in results:
        if not result.ok:
            why = result.errors.strip().splitlines()[-1:] or ["no figures in its output"]
            rows.append(
                (
                    result.benchmark,
                    "FAILED to run",
                    f"exit {result.returncode}",
                    why[0][:60],
                    "",
                    "ERROR",
                )
            )
            continue
        for f in result.figures:
            rows.append((f.benchmark, f.name, f.value, f.versus, f.target, f.status))
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, tuple("-" * w for w in widths), *rows)
    ]
    return "\n".join(lines)
