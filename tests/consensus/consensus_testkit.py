"""Small builders for the consensus tests: paragraphs, drafts, positions, snapshots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.participants import Registry
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import Package, Ruling, SilenceProcedure, Vote
from consensus_text.model.snapshot import Snapshot

UTC = dt.UTC
K = PositionKind


def at(year: int = 2025, month: int = 7, day: int = 1, hour: int = 12) -> dt.datetime:
    """An aware moment (UTC)."""
    return dt.datetime(year, month, day, hour, tzinfo=UTC)


def para(
    pid: str,
    text: str = "Decides to act;",
    *,
    label: str | None = None,
    parent: str | None = None,
    version: int = 1,
    kind: ParagraphKind = ParagraphKind.OPERATIVE,
) -> Paragraph:
    """A paragraph labelled like its id without the leading "p" unless told otherwise."""
    shown = label if label is not None else pid.lstrip("p")
    return Paragraph(
        pid,
        kind,
        text,
        label=Label.parse(shown) if shown else None,
        parent=parent,
        version=version,
    )


def pos(
    participant: str,
    pid: str,
    kind: PositionKind,
    *,
    version: int = 1,
    element: int | None = None,
    preferred: int | None = None,
    speaker: str | None = None,
    stated_at: dt.datetime | None = None,
    note: str = "",
) -> Position:
    """A position."""
    return Position(
        participant,
        pid,
        kind,
        paragraph_version=version,
        element=element,
        preferred_option=preferred,
        speaker=speaker,
        note=note,
        stated_at=stated_at,
    )


def snap(
    paragraphs: Iterable[Paragraph],
    positions: Iterable[Position] = (),
    *,
    registry: Registry | None = None,
    rulings: Iterable[Ruling] = (),
    packages: Iterable[Package] = (),
    silences: Iterable[SilenceProcedure] = (),
    votes: Iterable[Vote] = (),
    option_groups: Iterable[OptionGroup] = (),
    adopted_at: dt.datetime | None = None,
) -> Snapshot:
    """A snapshot built directly from model values (not through the history layer)."""
    return Snapshot(
        draft=Draft(paragraphs=tuple(paragraphs), option_groups=tuple(option_groups)),
        registry=registry if registry is not None else Registry.default(),
        positions=tuple(positions),
        rulings=tuple(rulings),
        packages=tuple(packages),
        silences=tuple(silences),
        votes=tuple(votes),
        adopted_at=adopted_at,
    )
