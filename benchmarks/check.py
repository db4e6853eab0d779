"""Benchmark of ``consensus-text check`` on a Markdown draft of 5,000 bracketed paragraphs.

Run with ``python benchmarks/check.py [--paragraphs N] [--repeat R]``. It writes the draft to a
temporary directory, then times:

- the whole command as a separate process (interpreter start-up included), against a process
  that only starts Python and imports the command (the fixed cost of any invocation);
- the same work in this process (:func:`consensus_text.io.text.read_text_file`), against a
  baseline that only reads the file, splits it into paragraphs and finds every bracket with
  ``re.findall``.

The target is under 2 seconds for the whole command on 5,000 paragraphs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from consensus_text.io.text import read_text_file

CLI = "import consensus_text.cli.check; from consensus_text.cli import main; main()"

SUBJECTS = [
    "States",
    "the programme of action",
    "the PoA",
    "the Office for Disarmament Affairs",
    "the open-ended working group",
    "relevant stakeholders",
]
VERBS = ["[shall][should]", "[shall/should]", "shall", "[are encouraged to][may]", "will"]
OBJECTS = [
    "support [tailored [and demand-driven]] capacity-building",
    "submit [voluntary] national implementation reports [every [two] years]{EU}",
    "convene review conferences every [four][five] years, the first in 20XX",
    "[strengthen [further [the implementation of]]] the framework for responsible State behaviour",
    "share [Placeholder for information-sharing mechanism] through the portal",
    "adopt [decisions and recommendations] by consensus [, taking into account [X] views]",
    "cooperate with [regional and subregional organizations]{G77, AGN} and/or the private "
    "sector, as set out in A/RES/77/37",
]


def make_draft(paragraphs: int, seed: int = 2025) -> str:
    """A realistic Markdown draft with ``paragraphs`` bracketed paragraphs (deterministic)."""
    rng = random.Random(seed)
    out = [
        "# Programme of Action on ICT security: compilation text",
        "Symbol: A/AC.292/2025/CRP.9",
        "",
    ]
    number = 0
    written = 0
    while written < paragraphs:
        if written % 60 == 0:
            out += [f"## {written // 60 + 1}. Section", ""]
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        if written < 20:
            out += [f"PP{written + 1}. Recalling that {sentence},", ""]
            written += 1
            continue
        if written % 100 == 50:
            number += 1
            out.append("Option 1 {EU}:")
            out.append(f"{number}. Decides that {sentence};")
            out.append("Option 2 {G77}:")
            out.append(
                f"{number}. Decides that {rng.choice(SUBJECTS)} [may] {rng.choice(OBJECTS)};"
            )
            out += ["Option 3: No text", "End of options", ""]
            written += 2
            continue
        number += 1
        if written % 10 == 5:
            out.append(f"{number}. Requests {rng.choice(SUBJECTS)}:")
            for letter in "abc":
                out.append(f"({letter}) to {rng.choice(OBJECTS)};")
            out.append("")
            written += 4
            continue
        wrapped = sentence.replace(" the ", "\nthe ", 1) if written % 3 == 0 else sentence
        suffix = " bis" if written % 17 == 0 else ""
        attribution = " {USA}" if written % 13 == 0 else ""
        if suffix:
            number -= 1
        out += [f"{number}{suffix}. Decides that {wrapped};{attribution}", ""]
        written += 1
    return "\n".join(out) + "\n"


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def run_process(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", *args], capture_output=True, text=True, check=False
    )


def baseline(path: Path) -> int:
    """Read the file, split it into paragraphs and find every bracket: the least any linter does."""
    text = path.read_text(encoding="utf-8")
    blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()]
    return len(blocks) + len(re.findall(r"[\[\]]", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "compilation.md"
        path.write_text(make_draft(options.paragraphs), encoding="utf-8")
        size = path.stat().st_size

        done = run_process([CLI, "check", str(path), "--json"])
        report = json.loads(done.stdout)
        figures = {
            key: report[key]
            for key in ("paragraphs", "brackets", "alternative_groups", "max_depth", "placeholders")
        }
        print(
            f"draft: {size / 1024:.0f} KiB, exit status {done.returncode}, {figures}, "
            f"{len(report['diagnostics'])} diagnostics"
        )

        whole = best_of(options.repeat, lambda: run_process([CLI, "check", str(path)]))
        startup = best_of(options.repeat, lambda: run_process(["import consensus_text.cli.check"]))
        inside = best_of(options.repeat, lambda: read_text_file(path))
        base = best_of(options.repeat, lambda: baseline(path))

    per_paragraph = inside / report["paragraphs"] * 1e6
    print(f"whole process:   {whole:.3f} s  (target < 2 s: {'met' if whole < 2 else 'MISSED'})")
    print(f"  start-up only: {startup:.3f} s  (python + import of the command)")
    print(f"  check itself:  {whole - startup:.3f} s")
    print(f"in process:      {inside:.3f} s  ({per_paragraph:.0f} µs per paragraph)")
    print(f"baseline:        {base:.4f} s  (read + split + re.findall of brackets)")
    print(f"ratio in-process / baseline: {inside / base:.0f}x")
    print(f"ratio whole process / start-up: {whole / startup:.1f}x")


if __name__ == "__main__":
    main()
