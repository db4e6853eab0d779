"""Benchmark of the consensus engine.

1,000 paragraphs (chapeaux with sub-paragraphs, bracketed paragraphs, option groups, packages,
amended paragraphs with stale positions), 200 participants (193 Member States, the observer
States, the EU and a few NGOs; groups G77, EU and AOSIS speak too), and 200,000 position events:
one per participant and paragraph, stated in random order, so that the snapshot holds 200,000
current positions (the most it can hold without element positions).

Measured after load (building the draft, parsing every paragraph's brackets, the snapshot):

- the full report: ``compute_report(snapshot, rules)`` (indexing the positions included);
- the report re-computed incrementally after one new position:
  ``engine.with_position(position).report()``.

Figures are printed with ratios against a baseline run in the same process: one plain pass over
the 200,000 positions reading two attributes. Targets: full report under 0.1 s, incremental
update under 5 ms. Run: ``python benchmarks/consensus.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

import attrs

from consensus_text.consensus import ConsensusEngine, Rules, compute_report
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.participants import Participant, ParticipantKind, Registry
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import Package, Ruling, RulingKind
from consensus_text.model.snapshot import Snapshot

PARAGRAPHS = 1_000
PARTICIPANTS = 200
EVENTS = 200_000
SEED = 20250701

_KINDS = (
    [PositionKind.SUPPORT] * 80
    + [PositionKind.CAN_LIVE_WITH] * 14
    + [PositionKind.RESERVATION] * 2
    + [PositionKind.STUDY_RESERVATION]
    + [PositionKind.AWAITING_INSTRUCTIONS]
    + [PositionKind.EXPLANATION]
    + [PositionKind.DISSOCIATION]
)


def _registry() -> Registry:
    """The shipped registry (198 participants) and NGOs up to 200 participants."""
    registry = Registry.default()
    extra = PARTICIPANTS - len(registry.participants)
    for i in range(extra):
        registry = registry.with_participant(
            Participant(f"NGO{i:02}", f"NGO {i}", ParticipantKind.NGO)
        )
    return registry


def _draft(rng: random.Random) -> Draft:
    op = ParagraphKind.OPERATIVE
    paragraphs: list[Paragraph] = []
    number = 0
    while len(paragraphs) < PARAGRAPHS:
        number += 1
        pid = f"p{number}"
        roll = rng.random()
        if roll < 0.1 and len(paragraphs) + 4 <= PARAGRAPHS:  # a chapeau with 3 sub-paragraphs
            chapeau = "Decides [that the programme shall]:" if rng.random() < 0.3 else "Decides:"
            paragraphs.append(Paragraph(pid, op, chapeau, label=Label.parse(str(number))))
            for k, letter in enumerate("abc"):
                paragraphs.append(
                    Paragraph(
                        f"{pid}{letter}",
                        op,
                        f"to hold meeting number {k} [annually][biennially];"
                        if rng.random() < 0.3
                        else f"to hold meeting number {k};",
                        label=Label.parse(f"({letter})"),
                        parent=pid,
                    )
                )
            continue
        if roll < 0.35:
            text = (
                f"States [shall][should] [further] strengthen cooperation on topic {number} "
                "[Placeholder for finance];"
            )
        elif roll < 0.4:
            text = f"Requests the Secretariat to report by 20XX on item {number};"
        else:
            text = f"Encourages States to implement the framework, item {number};"
        version = 1 + (rng.random() < 0.2) + (rng.random() < 0.05)
        paragraphs.append(Paragraph(pid, op, text, label=Label.parse(str(number)), version=version))
    ids = [p.id for p in paragraphs if p.parent is None]
    groups = [
        OptionGroup(f"g{k}", (Option("Option 1", (ids[100 + 2 * k],)), Option("Option 2")))
        for k in range(10)
    ]
    return Draft(title="Benchmark", paragraphs=tuple(paragraphs), option_groups=tuple(groups))


def _snapshot(rng: random.Random) -> tuple[Snapshot, list[str]]:
    registry = _registry()
    draft = _draft(rng)
    for paragraph in draft.paragraphs:  # loading a draft parses its brackets once
        _ = paragraph.tree
    # 197 participants in their own name (the EU also for its members) and 3 groups
    codes = [*sorted(registry.participants)[: PARTICIPANTS - 3], "G77", "AOSIS", "AGN"]
    numbered = list(draft.numbered())
    start = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
    events: list[Position] = []
    for i in range(EVENTS):
        paragraph = numbered[(i // PARTICIPANTS) % len(numbered)]
        code = codes[i % PARTICIPANTS]
        kind = rng.choice(_KINDS)
        if rng.random() < 0.002:
            kind = PositionKind.OBJECTION
        version = paragraph.version if rng.random() < 0.9 else max(1, paragraph.version - 1)
        events.append(
            Position(
                code,
                paragraph.id,
                kind,
                paragraph_version=version,
                stated_at=start + dt.timedelta(seconds=i),
            )
        )
    rng.shuffle(events)
    latest: dict[tuple[str, str, int | None], Position] = {}
    for event in events:  # what the history layer's replay keeps: the latest per key
        latest[event.key] = event
    top = [p.id for p in draft.paragraphs if p.parent is None]
    packages = [Package(f"pkg{k}", top[200 + 5 * k : 205 + 5 * k]) for k in range(20)]
    rulings = [
        Ruling(p.id, RulingKind.AGREED_IN_INFORMALS, paragraph_version=p.version)
        for p in numbered[::7]
    ]
    snapshot = Snapshot(
        draft=draft,
        registry=registry,
        positions=tuple(latest.values()),
        rulings=tuple(rulings),
        packages=tuple(packages),
    )
    return snapshot, [p.id for p in numbered]


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) wall time in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    snapshot, ids = _snapshot(rng)
    built = time.perf_counter() - started
    started = time.perf_counter()
    snapshot.positions_on(ids[0])  # the snapshot indexes its positions by paragraph, once
    indexed = time.perf_counter() - started
    rules = Rules.preset("oewg")

    def baseline() -> None:
        count = 0
        for position in snapshot.positions:
            if position.paragraph_version == 1 and position.kind is PositionKind.OBJECTION:
                count += 1

    def cold() -> None:  # a fresh snapshot value: its index is built again
        compute_report(attrs.evolve(snapshot), rules)

    base_best, base_median = _best(baseline, 7)
    warm_best, warm_median = _best(lambda: compute_report(snapshot, rules), 9)
    cold_best, cold_median = _best(cold, 5)
    report = compute_report(snapshot, rules)

    engine = ConsensusEngine(snapshot, rules)
    engine.report()
    codes = sorted(snapshot.registry.participants)
    incremental: list[float] = []
    for k in range(50):
        pid = ids[rng.randrange(len(ids))]
        paragraph = snapshot.draft.paragraph(pid)
        kind = PositionKind.OBJECTION if k % 2 else PositionKind.SUPPORT
        position = Position(codes[k], pid, kind, paragraph_version=paragraph.version)
        t0 = time.perf_counter()
        updated = engine.with_position(position)
        updated.report()
        incremental.append(time.perf_counter() - t0)
        if k == 0:  # the incremental result is the full result
            expected = attrs.evolve(snapshot, positions=(*_without(snapshot, position), position))
            assert updated.report() == compute_report(expected, rules)
    inc_best, inc_median = min(incremental), statistics.median(incremental)

    counts = ", ".join(f"{n} {s.value}" for s, n in report.document.counts.items() if n)
    print(
        f"paragraphs: {len(report.paragraphs)}, participants: "
        f"{len(snapshot.registry.participants)} (197 speaking, plus groups G77, AOSIS, AGN), "
        f"position events: {EVENTS}, current positions: {len(snapshot.positions)}"
    )
    print(f"statuses: {counts}")
    print(f"load: draft, brackets parsed, events replayed to a snapshot: {built:.2f} s")
    print(f"load: snapshot indexes positions by paragraph (once):   {indexed * 1e3:7.2f} ms")
    print(
        f"baseline: one pass over the positions:   best {base_best * 1e3:7.2f} ms, "
        f"median {base_median * 1e3:7.2f} ms"
    )
    print(
        f"full report after load:                 best {warm_best * 1e3:7.2f} ms, "
        f"median {warm_median * 1e3:7.2f} ms  ({warm_median / base_median:.1f}x baseline; "
        "target < 100 ms)"
    )
    print(
        f"full report, index included (cold):     best {cold_best * 1e3:7.2f} ms, "
        f"median {cold_median * 1e3:7.2f} ms  ({cold_median / base_median:.1f}x baseline)"
    )
    print(
        f"incremental after 1 new position:       best {inc_best * 1e3:7.2f} ms, "
        f"median {inc_median * 1e3:7.2f} ms  ({inc_median / base_median:.3f}x baseline, "
        f"{warm_median / inc_median:.0f}x faster than a full report; target < 5 ms)"
    )


def _without(snapshot: Snapshot, position: Position) -> tuple[Position, ...]:
    return tuple(p for p in snapshot.positions if p.key != position.key)


if __name__ == "__main__":
    main()
