"""Benchmark: export a synthetic 1,000-paragraph bracketed draft to DOCX.

Prints whole-process timings (a fresh interpreter or program per run: start-up, imports,
building and writing the file) and in-process timings, with ratios against

(a) the same content written with plain python-docx ``add_paragraph``/``add_run`` calls, and
(b) pandoc converting the equivalent Markdown, when pandoc is installed (skipped otherwise).

Target: the bracketed export takes at most 0.25 of pandoc's time.

    python benchmarks/export.py [--paragraphs 1000] [--repeat 5]
"""

from __future__ import annotations

import sys

# The child processes time start-up and imports, so this module imports nothing else at its top:
# what the harness needs (argparse, statistics, subprocess, ...) is imported by main() only.


def synthetic_snapshot(n: int = 1000) -> object:
    """A draft of ``n`` paragraphs: headings, PP, OP with chapeaux, brackets, options."""
    from consensus_text.model.labels import Label, LabelStyle
    from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
    from consensus_text.model.snapshot import Snapshot

    texts = (
        "Decides to [establish][convene] an open-ended [working group]{EU, G77} on [security] in 20XX;",
        "Requests the Secretary-General to [submit][present] a report [on the implementation "
        "[of the present resolution]]{USA};",
        "Encourages States to [shall/should] cooperate, [including through [capacity-building]];",
        "Calls upon all States to contribute to the [Placeholder for finance] fund;",
        "Reaffirms the importance of [international law]{AGN} and of the Charter of the United Nations;",
    )
    paragraphs = []
    groups = []
    op = pp = 0
    i = 0
    while len(paragraphs) < n:
        if i % 50 == 0:
            paragraphs.append(Paragraph(f"h{i}", ParagraphKind.HEADING, f"Section {i // 50 + 1}"))
        elif i < 100:
            pp += 1
            paragraphs.append(
                Paragraph(
                    f"pp{i}",
                    ParagraphKind.PREAMBULAR,
                    "Recalling " + texts[i % 5][8:-1] + ",",
                    label=Label(pp, prefix="PP"),
                )
            )
        elif i % 7 == 0:
            op += 1
            paragraphs.append(
                Paragraph(f"op{i}", ParagraphKind.OPERATIVE, "Requests:", label=Label(op))
            )
            for k in range(3):
                paragraphs.append(
                    Paragraph(
                        f"op{i}_{k}",
                        ParagraphKind.OPERATIVE,
                        "[annual][biennial] meetings;",
                        label=Label(k + 1, style=LabelStyle.LETTER),
                        parent=f"op{i}",
                    )
                )
        else:
            op += 1
            suffix = 1 if i % 11 == 0 else 0
            paragraphs.append(
                Paragraph(
                    f"op{i}",
                    ParagraphKind.OPERATIVE,
                    texts[i % 5],
                    label=Label(op, suffix),
                    attribution=("EU",) if i % 13 == 0 else (),
                )
            )
            if i % 97 == 0:
                groups.append(
                    OptionGroup(
                        f"g{i}", (Option("Option 1", (f"op{i}",), ("G77",)), Option("Option 2"))
                    )
                )
        i += 1
    draft = Draft(
        title="Synthetic draft outcome",
        symbol="A/AC.000/2025/L.1",
        paragraphs=tuple(paragraphs[:n]),
        option_groups=tuple(groups),
    )
    return Snapshot(draft=draft)


def export_ours(snapshot: object, out: object) -> None:
    from consensus_text.io.docx import export_bracketed_docx

    export_bracketed_docx(snapshot, out)  # type: ignore[arg-type]


def export_python_docx(snapshot: object, out: object) -> None:
    """The same lines with python-docx's public API (footnotes as text: it has no API for them)."""
    import docx

    from consensus_text.io.docx._layout import FOOTNOTE, layout, pieces, row_text

    document = docx.Document()
    for row in layout(snapshot.draft):  # type: ignore[attr-defined]
        paragraph = document.add_paragraph()
        if row.label:
            paragraph.add_run(row.label + "\t")
        if row.paragraph is None or row.paragraph.tree.is_clean:
            paragraph.add_run(row_text(row))
            continue
        for kind, text in pieces(row.paragraph.tree.nodes, "footnotes"):
            run = paragraph.add_run(f"[{text}]" if kind == FOOTNOTE else text)
            if kind == FOOTNOTE:
                run.font.superscript = True
    document.save(out)


def markdown(snapshot: object) -> str:
    """The equivalent Markdown: headings, labelled paragraphs, escaped brackets, footnotes."""
    from consensus_text.io.docx._layout import FOOTNOTE, layout, pieces

    lines: list[str] = []
    notes: list[str] = []
    for row in layout(snapshot.draft):  # type: ignore[attr-defined]
        if row.paragraph is None:
            lines.append(
                ("# " if row.style == "CTTitle" else "") + row.text.replace("[", "\\[") + "\n"
            )
            continue
        if row.style == "CTHeading":
            lines.append("## " + row.paragraph.text + "\n")
            continue
        out = [row.label.replace(".", "\\.") + " "] if row.label else []
        for kind, text in pieces(row.paragraph.tree.nodes, "footnotes"):
            if kind == FOOTNOTE:
                notes.append(f"[^{len(notes) + 1}]: Proposed by {text}.")
                out.append(f"[^{len(notes)}]")
            else:
                out.append(text.replace("[", "\\[").replace("]", "\\]"))
        lines.append("".join(out) + "\n")
    return "\n".join(lines + notes) + "\n"


def _child(mode: str, out: str, n: int) -> None:
    snapshot = synthetic_snapshot(n)
    (export_ours if mode == "ours" else export_python_docx)(snapshot, out)


def _time(fn: object, repeat: int) -> float:
    import statistics
    import time

    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import io
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], args.paragraphs)
        return 0
    n, repeat = args.paragraphs, args.repeat
    snapshot = synthetic_snapshot(n)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        md = work / "draft.md"
        md.write_text(markdown(snapshot), encoding="utf-8")
        pandoc = shutil.which("pandoc")

        def run(command: list[str]) -> object:
            return lambda: subprocess.run(command, check=True, capture_output=True)

        whole = {
            "consensus_text": _time(
                run(
                    [
                        sys.executable,
                        __file__,
                        "--paragraphs",
                        str(n),
                        "--child",
                        "ours",
                        str(work / "ours.docx"),
                    ]
                ),
                repeat,
            ),
            "python-docx": _time(
                run(
                    [
                        sys.executable,
                        __file__,
                        "--paragraphs",
                        str(n),
                        "--child",
                        "python-docx",
                        str(work / "plain.docx"),
                    ]
                ),
                repeat,
            ),
        }
        if pandoc:
            whole["pandoc"] = _time(run([pandoc, str(md), "-o", str(work / "pandoc.docx")]), repeat)
        startup = _time(
            run([sys.executable, "-c", "from consensus_text.io.docx import export_bracketed_docx"]),
            repeat,
        )
        # The floor of any exporter on this stack: the interpreter and the two libraries the
        # model and the writer are made of, with nothing of consensus_text.
        floor = _time(run([sys.executable, "-c", "import attrs, lxml.etree"]), repeat)
    inproc = {
        "consensus_text": _time(lambda: export_ours(snapshot, io.BytesIO()), repeat),
        "python-docx": _time(lambda: export_python_docx(snapshot, io.BytesIO()), repeat),
    }
    print(f"DOCX export of a synthetic bracketed draft of {n} paragraphs (median of {repeat} runs)")
    print("\nwhole process (start-up, imports, build, write):")
    for name, seconds in whole.items():
        print(f"  {name:<15} {seconds * 1000:8.1f} ms")
    print(f"  (interpreter start-up and imports alone: {startup * 1000:.1f} ms)")
    print(f"  (interpreter with attrs and lxml only, the floor: {floor * 1000:.1f} ms)")
    print("\nin process (export call only):")
    for name, seconds in inproc.items():
        print(f"  {name:<15} {seconds * 1000:8.1f} ms")
    print("\nratios (consensus_text / baseline; lower is faster):")
    print(f"  vs python-docx, whole process: {whole['consensus_text'] / whole['python-docx']:.2f}")
    print(
        f"  vs python-docx, in process:    {inproc['consensus_text'] / inproc['python-docx']:.2f}"
    )
    if "pandoc" in whole:
        ratio = whole["consensus_text"] / whole["pandoc"]
        print(
            f"  vs pandoc, whole process:      {ratio:.2f}  (target <= 0.25: {'met' if ratio <= 0.25 else 'NOT met'})"
        )
        print(f"  vs pandoc, export call only:   {inproc['consensus_text'] / whole['pandoc']:.2f}")
        print(f"  floor (attrs + lxml) vs pandoc: {floor / whole['pandoc']:.2f}")
    else:
        print("  vs pandoc: skipped, pandoc is not installed (apt-get install pandoc)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[3] == "--child":  # --paragraphs N --child MODE OUT
        _child(sys.argv[4], sys.argv[5], int(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
