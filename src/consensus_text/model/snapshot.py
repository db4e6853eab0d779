"""A snapshot: everything known about a negotiation at one point of its history.

The history layer builds snapshots by replaying events; the consensus engine and the exporters
read them. A snapshot is a plain immutable value.

>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> from consensus_text.model.positions import Position, PositionKind
>>> snap = Snapshot(
...     draft=Draft(paragraphs=(Paragraph("p1", ParagraphKind.OPERATIVE, "Decides;"),)),
...     positions=(Position("FRA", "p1", PositionKind.SUPPORT),),
... )
>>> [p.participant for p in snap.positions_on("p1")], snap.revision is None
(['FRA'], True)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

import attrs

from consensus_text.errors import RevisionNotFoundError
from consensus_text.model.paragraphs import Draft
from consensus_text.model.participants import Registry
from consensus_text.model.positions import Position
from consensus_text.model.procedure import Package, Ruling, SilenceProcedure, Vote
from consensus_text.model.revisions import Revision

__all__ = ["Snapshot"]


def _revisions(value: Iterable[Revision]) -> tuple[Revision, ...]:
    return tuple(value)


def _positions(value: Iterable[Position]) -> tuple[Position, ...]:
    return tuple(value)


def _rulings(value: Iterable[Ruling]) -> tuple[Ruling, ...]:
    return tuple(value)


def _packages(value: Iterable[Package]) -> tuple[Package, ...]:
    return tuple(value)


def _silences(value: Iterable[SilenceProcedure]) -> tuple[SilenceProcedure, ...]:
    return tuple(value)


def _votes(value: Iterable[Vote]) -> tuple[Vote, ...]:
    return tuple(value)


@attrs.frozen
class Snapshot:
    """The state of a negotiation after some prefix of its event log.

    Attributes:
        draft: the current paragraphs, tombstones included.
        registry: the participants and groups known to the negotiation.
        revisions: the revisions issued so far, in order.
        positions: the current positions: the latest per (participant, paragraph, element),
            withdrawn ones removed, in the order they were stated. Positions on an earlier
            version of a paragraph are kept: they are stale, and reported as such.
        rulings: every chair's ruling, in order.
        packages: the packages of paragraphs agreed all together.
        silences: the silence procedures, with the breaks received.
        votes: the recorded votes.
        adopted_at: when the document was adopted, if it was.
        event_count: how many events of the log this snapshot reflects.
    """

    draft: Draft = attrs.field(factory=Draft)
    registry: Registry = attrs.field(factory=Registry.default)
    revisions: tuple[Revision, ...] = attrs.field(default=(), converter=_revisions)
    positions: tuple[Position, ...] = attrs.field(default=(), converter=_positions)
    rulings: tuple[Ruling, ...] = attrs.field(default=(), converter=_rulings)
    packages: tuple[Package, ...] = attrs.field(default=(), converter=_packages)
    silences: tuple[SilenceProcedure, ...] = attrs.field(default=(), converter=_silences)
    votes: tuple[Vote, ...] = attrs.field(default=(), converter=_votes)
    adopted_at: dt.datetime | None = None
    event_count: int = 0

    @property
    def revision(self) -> Revision | None:
        """The latest revision issued, or None before the first."""
        return self.revisions[-1] if self.revisions else None

    def revision_named(self, label: str) -> Revision:
        """The issued revision with this label.

        Raises:
            RevisionNotFoundError: not issued (yet).
        """
        for revision in self.revisions:
            if revision.label == label:
                return revision
        known = ", ".join(r.label for r in self.revisions) or "none yet"
        raise RevisionNotFoundError(f"no revision {label!r}", hint=f"issued: {known}")

    @cached_property
    def _positions_by_paragraph(self) -> dict[str, tuple[Position, ...]]:
        grouped: dict[str, list[Position]] = defaultdict(list)
        for position in self.positions:
            grouped[position.paragraph_id].append(position)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def _rulings_by_paragraph(self) -> dict[str, tuple[Ruling, ...]]:
        grouped: dict[str, list[Ruling]] = defaultdict(list)
        for ruling in self.rulings:
            grouped[ruling.paragraph_id].append(ruling)
        return {key: tuple(value) for key, value in grouped.items()}

    def positions_on(self, paragraph_id: str) -> tuple[Position, ...]:
        """The current positions on a paragraph (any version), in the order stated."""
        return self._positions_by_paragraph.get(paragraph_id, ())

    def rulings_on(self, paragraph_id: str) -> tuple[Ruling, ...]:
        """The chair's rulings on a paragraph, in order."""
        return self._rulings_by_paragraph.get(paragraph_id, ())

    @property
    def is_adopted(self) -> bool:
        """True once the document was adopted."""
        return self.adopted_at is not None
