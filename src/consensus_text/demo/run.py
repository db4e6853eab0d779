"""The demo: build the fixture negotiation in a store and write every kind of output.

:func:`run_demo` is what ``consensus-text demo OUTDIR`` does; it returns what it wrote so that
scripts and tests can look at it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

import attrs

from consensus_text.consensus import ConsensusReport, compute_report
from consensus_text.demo.scenario import SCENARIO_NAME, build_poa_negotiation
from consensus_text.errors import StoreError
from consensus_text.exports import ExportFormat, export_revision
from consensus_text.history import Negotiation, open_store

__all__ = ["DemoResult", "run_demo"]

#: The files the demo writes, beside the store: name, format, and export arguments.
_OUTPUTS: tuple[tuple[str, ExportFormat, dict[str, str | bool]], ...] = (
    ("bracketed.docx", "bracketed", {"shade": True}),
    ("clean-draft.docx", "clean", {"pending": "draft"}),
    ("redline.docx", "redline", {"since": "Zero draft"}),
    ("status-table.docx", "table", {}),
    ("negotiation.json", "json", {}),
    ("rev3.html", "html", {"since": "Rev.2"}),
    ("current.akn.xml", "akn", {}),
)


@attrs.frozen
class DemoResult:
    """What the demo built and wrote.

    Attributes:
        store: the SQLite store holding the negotiation.
        negotiation: the negotiation, as read back from the store.
        report: its consensus report under the OEWG rules, for the latest state.
        files: every file written besides the store, in order.
    """

    store: Path
    negotiation: Negotiation
    report: ConsensusReport
    files: tuple[Path, ...]


def run_demo(
    outdir: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> DemoResult:
    """Build the fixture negotiation in ``OUTDIR/poa.db`` and write its exports beside it.

    The store is built under a temporary name and then moved over ``poa.db``, so a demo that
    is run again replaces its own earlier store whole and never leaves a half-built one.

    Args:
        outdir: the directory (created if needed).
        progress: called with a short message before each step.

    Raises:
        StoreError: the directory cannot be created or written.
    """
    say = progress or (lambda message: None)
    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create {str(out)!r}: {exc.strerror}", hint="choose another directory"
        ) from exc
    final = out / f"{SCENARIO_NAME}.db"
    building = out / f".{SCENARIO_NAME}.db.building"
    for stale in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        stale.unlink(missing_ok=True)
    say(f"building the negotiation in {final}")
    with open_store(building) as store:
        build_poa_negotiation(functools.partial(store.create, SCENARIO_NAME))
    os.replace(building, final)
    store = open_store(final)
    try:
        negotiation = store.open(SCENARIO_NAME)
        files = []
        for name, format_, extra in _OUTPUTS:
            say(f"writing {name}")
            path = out / name
            export_revision(negotiation, path, format=format_, **extra)  # type: ignore[arg-type]
            files.append(path)
        report = compute_report(negotiation.state, "oewg")
    finally:
        store.close()
    return DemoResult(final, negotiation, report, tuple(files))
