"""Revision lineage: which paragraph of one revision became which paragraph of the next.

Between two revisions a paragraph is ``kept`` (same id, same wording), ``amended`` (same id, new
wording), ``split`` into parts, ``merged`` with others, or ``restored`` from a tombstone; a
paragraph that is new has no predecessor and one that was deleted has no successor. The lineage is
plain data; :func:`consensus_text.graph.lineage_graph` turns it into a ``networkx`` graph.

>>> import datetime as dt
>>> from consensus_text.history import Negotiation
>>> at = dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc)
>>> neg = Negotiation.create("T", at=at)
>>> a = neg.propose("Recalls A and B;", by="Chair", at=at)
>>> b = neg.propose("Notes C;", by="Chair", at=at)
>>> neg.issue_revision("Rev.1", at=at)
>>> parts = neg.split(a, ["Recalls A;", "Recalls B;"], by="Chair", at=at)
>>> neg.issue_revision("Rev.2", at=at)
>>> lineage = neg.lineage_data()
>>> lineage.mapping("Rev.1", "Rev.2")
{'p1': ('p3', 'p4'), 'p2': ('p2',)}
>>> [(e.source[1], e.target[1], e.kind) for e in lineage.edges]
[('p1', 'p3', 'split'), ('p1', 'p4', 'split'), ('p2', 'p2', 'kept')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import attrs

from consensus_text.errors import RevisionNotFoundError
from consensus_text.history.events import Event, ParagraphsMerged, ParagraphSplit, RevisionIssued
from consensus_text.model.snapshot import Snapshot

__all__ = ["EdgeKind", "Lineage", "LineageEdge", "LineageNode", "compute_lineage"]

EdgeKind = Literal["kept", "amended", "split", "merged", "restored"]

#: A node's key: (revision label, paragraph id).
NodeKey = tuple[str, str]


@attrs.frozen
class LineageNode:
    """A paragraph as it stood in one revision.

    Attributes:
        revision: the revision's label.
        paragraph_id: the paragraph's stable id.
        version: its version in that revision.
        label: its displayed label (``""`` when it has none).
        text: its text in that revision.
    """

    revision: str
    paragraph_id: str
    version: int
    label: str
    text: str

    @property
    def key(self) -> NodeKey:
        """``(revision, paragraph_id)``."""
        return (self.revision, self.paragraph_id)


@attrs.frozen
class LineageEdge:
    """A paragraph of one revision that became a paragraph of a later one."""

    source: NodeKey
    target: NodeKey
    kind: EdgeKind


@attrs.frozen
class Lineage:
    """The active paragraphs of every revision and the edges between consecutive revisions."""

    revisions: tuple[str, ...]
    nodes: tuple[LineageNode, ...]
    edges: tuple[LineageEdge, ...]

    def _index(self, revision: str) -> int:
        try:
            return self.revisions.index(revision)
        except ValueError:
            known = ", ".join(self.revisions) or "none"
            raise RevisionNotFoundError(
                f"no revision {revision!r}", hint=f"issued: {known}"
            ) from None

    def _rank(self, revision: str) -> Callable[[str], int]:
        """Sort key: a paragraph's position among the nodes of ``revision``."""
        positions = {n.paragraph_id: i for i, n in enumerate(self.nodes) if n.revision == revision}
        return lambda pid: positions.get(pid, len(positions))

    def successors(self, revision: str, paragraph_id: str) -> tuple[NodeKey, ...]:
        """The paragraphs of the next revision that this one became."""
        self._index(revision)
        return tuple(e.target for e in self.edges if e.source == (revision, paragraph_id))

    def mapping(self, earlier: str, later: str) -> dict[str, tuple[str, ...]]:
        """For each paragraph of ``earlier``, the paragraphs of ``later`` it became.

        Follows the edges through the revisions in between; a deleted paragraph maps to ``()``.

        Raises:
            RevisionNotFoundError: an unknown revision, or ``later`` before ``earlier``.
        """
        start, end = self._index(earlier), self._index(later)
        if end < start:
            raise RevisionNotFoundError(
                f"revision {later!r} comes before {earlier!r}", hint="swap the two revisions"
            )
        order = {label: i for i, label in enumerate(self.revisions)}
        forward: dict[NodeKey, list[NodeKey]] = {}
        for edge in self.edges:
            forward.setdefault(edge.source, []).append(edge.target)
        result: dict[str, tuple[str, ...]] = {}
        for node in self.nodes:
            if node.revision != earlier:
                continue
            found: list[str] = [node.paragraph_id] if start == end else []
            frontier, seen = [node.key], {node.key}
            while frontier and start != end:
                key = frontier.pop()
                for target in forward.get(key, ()):
                    if target in seen or order[target[0]] > end:
                        continue
                    seen.add(target)
                    if order[target[0]] == end:
                        found.append(target[1])
                    else:
                        frontier.append(target)
            result[node.paragraph_id] = tuple(dict.fromkeys(sorted(found, key=self._rank(later))))
        return result


def compute_lineage(events: Sequence[Event], checkpoints: Mapping[str, Snapshot]) -> Lineage:
    """The lineage of a log, given the snapshot of each of its revisions.

    Args:
        events: the log.
        checkpoints: the snapshot right after each RevisionIssued event, by label.
    """
    revisions: list[str] = []
    nodes: list[LineageNode] = []
    edges: list[LineageEdge] = []
    origins: dict[str, tuple[set[str], EdgeKind]] = {}
    last_active: dict[str, str] = {}  # paragraph id -> latest revision where it was active
    previous: dict[str, int] = {}  # active paragraph id -> version in the previous revision
    for event in events:
        if isinstance(event, ParagraphSplit):
            sources = origins.get(event.paragraph_id, ({event.paragraph_id}, "split"))[0]
            for pid in event.new_ids:
                origins[pid] = (set(sources), "split")
        elif isinstance(event, ParagraphsMerged):
            merged: set[str] = set()
            for source in event.sources:
                merged |= origins.get(source, ({source}, "merged"))[0]
            origins[event.new_id] = (merged, "merged")
        elif isinstance(event, RevisionIssued):
            label = event.label
            snapshot = checkpoints[label]
            prior = revisions[-1] if revisions else None
            current: dict[str, int] = {}
            for paragraph in snapshot.draft.active():
                pid = paragraph.id
                current[pid] = paragraph.version
                nodes.append(
                    LineageNode(
                        label, pid, paragraph.version, paragraph.display_label, paragraph.text
                    )
                )
                if prior is None:
                    continue
                if pid in previous:
                    kind: EdgeKind = "kept" if previous[pid] == paragraph.version else "amended"
                    edges.append(LineageEdge((prior, pid), (label, pid), kind))
                elif pid in origins:
                    sources, how = origins[pid]
                    for source in sorted(sources):
                        if source in previous:
                            edges.append(LineageEdge((prior, source), (label, pid), how))
                elif pid in last_active:
                    edges.append(LineageEdge((last_active[pid], pid), (label, pid), "restored"))
            for pid in current:
                last_active[pid] = label
            revisions.append(label)
            previous = current
            origins = {}
    edges.sort(key=lambda e: (revisions.index(e.target[0]), e.source[1], e.target[1]))
    return Lineage(tuple(revisions), tuple(nodes), tuple(edges))
