"""Replay: the one place where an event is checked against a state and applied to it.

:func:`apply` is pure: a snapshot and an event give a new snapshot, or an
:class:`~consensus_text.errors.InvalidEventError` (or another specific error) and nothing changes.
:func:`replay` folds a whole log. The :class:`~consensus_text.history.Negotiation`, the store's
loader and the JSON importer all go through the same checks, so a log that replays is a log that
the scripting API could have written.

>>> import datetime as dt
>>> from consensus_text.history.events import NegotiationCreated, ParagraphProposed, TextAmended
>>> at = dt.datetime(2025, 7, 1, 10, tzinfo=dt.timezone.utc)
>>> log = [
...     NegotiationCreated(at=at, by="Secretariat", title="Declaration"),
...     ParagraphProposed(at=at, by="Chair", paragraph_id="p1", text="Decides [to act];"),
...     TextAmended(at=at, by="Chair", paragraph_id="p1", text="Decides to act;"),
... ]
>>> state = replay(log)
>>> state.draft.paragraph("p1").version, state.event_count
(2, 3)
>>> apply(state, TextAmended(at=at, by="Chair", paragraph_id="p9", text="x"))
Traceback (most recent call last):
...
consensus_text.errors.ParagraphNotFoundError: no paragraph 'p9'; known ids run p1 to p1 \
(see Snapshot.draft)

Implementation note: replaying 200,000 events must not copy the draft or the positions at every
event. The private builder keeps mutable working structures (a dict of paragraphs, a list for
the reading order, a dict of positions) and freezes them into a :class:`Snapshot` on demand.
Every handler validates completely and returns a commit function that cannot fail, so an
invalid event leaves the builder exactly as it was. Other economies: the contested elements of a
paragraph are computed once per version; a Position is made from its PositionStated event with
its fields set directly (the event checked them); a chapeau's sub-paragraphs are cached until the
structure changes; the cyclic garbage collector is paused during a bulk replay.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs

from consensus_text.errors import (
    BracketNotFoundError,
    ConsensusTextError,
    CyclicPackageError,
    InvalidEventError,
    LabelError,
    ParagraphNotFoundError,
    UnknownParticipantError,
    ValidationError,
)
from consensus_text.history.events import (
    OFFICIALS,
    BracketInserted,
    BracketResolved,
    DocumentAdopted,
    Event,
    GroupRegistered,
    NegotiationCreated,
    OptionChosen,
    OptionGroupDefined,
    PackageDefined,
    ParagraphDeleted,
    ParagraphMoved,
    ParagraphProposed,
    ParagraphRelabelled,
    ParagraphRestored,
    ParagraphsMerged,
    ParagraphSplit,
    ParticipantRegistered,
    PositionStated,
    PositionWithdrawn,
    Resolution,
    RevisionIssued,
    RulingRecorded,
    SilenceBreakWithdrawn,
    SilenceBroken,
    SilenceStarted,
    TextAmended,
    VoteRecorded,
    describe,
)
from consensus_text.model.brackets import (
    Alternatives,
    Bracket,
    BracketedText,
    Element,
    Placeholder,
)
from consensus_text.model.brackets import parse_lenient as _parse_lenient
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph
from consensus_text.model.participants import Registry
from consensus_text.model.positions import Position
from consensus_text.model.procedure import (
    Package,
    Ruling,
    RulingKind,
    SilenceProcedure,
    Vote,
)
from consensus_text.model.revisions import Revision
from consensus_text.model.snapshot import Snapshot

__all__ = ["apply", "replay"]

_Commit = Callable[[], None]
_Handler = Callable[["_Builder", Any], _Commit]

#: Events still accepted once the document is adopted.
_AFTER_ADOPTION = (
    PositionStated,
    PositionWithdrawn,
    RevisionIssued,
    ParticipantRegistered,
    GroupRegistered,
)


def apply(snapshot: Snapshot, event: Event) -> Snapshot:
    """The state after ``event``; ``snapshot`` itself is never changed.

    Raises:
        InvalidEventError: the event does not apply (a subclass names what is missing:
            :class:`~consensus_text.errors.ParagraphNotFoundError`,
            :class:`~consensus_text.errors.BracketNotFoundError`,
            :class:`~consensus_text.errors.RevisionNotFoundError`).
        UnknownParticipantError: a participant, speaker or actor not in the registry.
        CyclicPackageError: a package that would contain itself.
    """
    builder = _Builder.from_snapshot(snapshot)
    builder.apply(event)
    return builder.freeze()


def replay(events: Iterable[Event]) -> Snapshot:
    """The state after every event of a log, the first being a NegotiationCreated.

    Raises:
        InvalidEventError: an event that does not apply; the message gives its number.
    """
    builder = _Builder()
    with paused_gc():
        for event in events:
            builder.apply(event)
    return builder.freeze()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk replay.

    Replay allocates hundreds of thousands of small, acyclic, long-lived objects; the collector
    would scan the growing heap again and again for nothing (a quarter of the replay time).
    At the end of the outermost pause the objects made meanwhile are handed to the oldest
    generation (``gc.freeze`` then ``gc.unfreeze``) instead of being scanned as young objects
    at the first allocation and again on each promotion: they stay collectable, and the next
    full collection sees them as it would have anyway.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _not_found(pid: str, paragraphs: dict[str, Paragraph]) -> ParagraphNotFoundError:
    if paragraphs:
        ids = list(paragraphs)
        hint = f"known ids run {ids[0]} to {ids[-1]} (see Snapshot.draft)"
    else:
        hint = "the draft has no paragraphs yet; propose one first"
    return ParagraphNotFoundError(f"no paragraph {pid!r}", hint=hint)


def _shown(paragraph: Paragraph) -> str:
    label = paragraph.display_label
    return f"{paragraph.id!r} ({label})" if label else repr(paragraph.id)


class _Builder:
    """The mutable working state of a replay."""

    __slots__ = (
        "_children",
        "_elements",
        "adopted_at",
        "codes",
        "count",
        "created",
        "last_ruling",
        "option_groups",
        "order",
        "packages",
        "paragraphs",
        "positions",
        "registry",
        "revision_label",
        "revisions",
        "rulings",
        "silences",
        "symbol",
        "title",
        "voices",
        "votes",
    )

    def __init__(self) -> None:
        self.created = False
        self.title = ""
        self.symbol = ""
        self.registry: Registry = Registry([])
        self.codes: frozenset[str] = frozenset()
        self.voices: frozenset[str] = frozenset()  # codes that may hold positions
        self._children: dict[str, list[str]] | None = None
        self._elements: dict[str, tuple[int, tuple[Element, ...]]] = {}
        self.paragraphs: dict[str, Paragraph] = {}
        self.order: list[str] = []
        self.option_groups: tuple[OptionGroup, ...] = ()
        self.revisions: list[Revision] = []
        #: The label of the latest revision issued, or None.
        self.revision_label: str | None = None
        self.positions: dict[tuple[str, str, int | None], Position] = {}
        self.rulings: list[Ruling] = []
        self.last_ruling: dict[str, Ruling] = {}
        self.packages: dict[str, Package] = {}
        self.silences: dict[str, SilenceProcedure] = {}
        self.votes: dict[str, Vote] = {}
        self.adopted_at: dt.datetime | None = None
        self.count = 0

    # ------------------------------------------------------------------ freezing and thawing

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> _Builder:
        """A builder holding the state of ``snapshot``."""
        builder = cls()
        builder.created = snapshot.event_count > 0
        builder.title = snapshot.draft.title
        builder.symbol = snapshot.draft.symbol
        builder.set_registry(snapshot.registry)
        builder.paragraphs = {p.id: p for p in snapshot.draft.paragraphs}
        builder.order = [p.id for p in snapshot.draft.paragraphs]
        builder.option_groups = snapshot.draft.option_groups
        builder.revisions = list(snapshot.revisions)
        builder.revision_label = snapshot.revisions[-1].label if snapshot.revisions else None
        builder.positions = {p.key: p for p in snapshot.positions}
        builder.rulings = list(snapshot.rulings)
        builder.last_ruling = {r.paragraph_id: r for r in snapshot.rulings}
        builder.packages = {p.id: p for p in snapshot.packages}
        builder.silences = {s.id: s for s in snapshot.silences}
        builder.votes = {v.id: v for v in snapshot.votes}
        builder.adopted_at = snapshot.adopted_at
        builder.count = snapshot.event_count
        return builder

    def freeze(self) -> Snapshot:
        """The current state as an immutable snapshot."""
        paragraphs = self.paragraphs
        draft = Draft(
            title=self.title,
            symbol=self.symbol,
            paragraphs=tuple(paragraphs[pid] for pid in self.order),
            option_groups=self.option_groups,
        )
        # Passed as a mapping: mypy's attrs plugin mistypes ``converter=tuple`` fields.
        fields: dict[str, Any] = {
            "draft": draft,
            "registry": self.registry,
            "revisions": tuple(self.revisions),
            "positions": tuple(self.positions.values()),
            "rulings": tuple(self.rulings),
            "packages": tuple(self.packages.values()),
            "silences": tuple(self.silences.values()),
            "votes": tuple(self.votes.values()),
            "adopted_at": self.adopted_at,
            "event_count": self.count,
        }
        return Snapshot(**fields)

    def set_registry(self, registry: Registry) -> None:
        """Replace the registry (and the set of known codes)."""
        self.registry = registry
        self.voices = frozenset(registry.participants) | frozenset(registry.groups)
        self.codes = self.voices | OFFICIALS

    # ------------------------------------------------------------------ entry points

    def apply(self, event: Event) -> None:
        """Check the event and apply it; on error nothing changes."""
        self._handler(event)(self, event)()
        self.count += 1

    def check(self, event: Event) -> _Commit:
        """Check the event completely; return the function that applies it (cannot fail)."""
        commit = self._handler(event)(self, event)

        def run() -> None:
            commit()
            self.count += 1

        return run

    def _handler(self, event: Event) -> _Handler:
        """The handler of the event's type, after the checks common to every event."""
        try:
            handler = _HANDLERS[type(event)]
        except KeyError:
            raise InvalidEventError(
                f"{type(event).__name__} is not an event type this release knows",
                hint="use the classes of consensus_text.history.events",
            ) from None
        if not self.created and not isinstance(event, NegotiationCreated):
            raise InvalidEventError(
                f"the log begins with {type(event).__name__}",
                hint="every log begins with a NegotiationCreated event",
            )
        if event.revision != self.revision_label:
            raise InvalidEventError(
                f"event #{self.count + 1} ({describe(event)}) says it happened during revision "
                f"{event.revision!r}, but the latest revision issued is {self.revision_label!r}",
                hint="let the Negotiation record the revision, or replay the log in order",
            )
        if self.adopted_at is not None and not isinstance(event, _AFTER_ADOPTION):
            raise InvalidEventError(
                f"the document was adopted at {self.adopted_at.isoformat()}; "
                f"{type(event).__name__} no longer applies",
                hint="after adoption only dissociations, explanations, registrations and "
                "revisions (the final text) are recorded",
            )
        if self.created and event.by not in self.codes:
            self._check_actor(event.by)
        return handler

    # ------------------------------------------------------------------ shared checks

    def _check_actor(self, code: str) -> None:
        if code in OFFICIALS or code in self.registry:
            return
        try:
            _check_code(self.registry, code)
        except UnknownParticipantError as error:
            error.add_note(
                "an event's 'by' is a participant's or group's code, or one of: "
                + ", ".join(sorted(OFFICIALS))
            )
            raise

    def _check_participant(self, code: str) -> None:
        if code not in self.voices:
            _check_code(self.registry, code)

    def _paragraph(self, pid: str) -> Paragraph:
        paragraph = self.paragraphs.get(pid)
        if paragraph is None:
            raise _not_found(pid, self.paragraphs)
        return paragraph

    def _active(self, pid: str) -> Paragraph:
        paragraph = self._paragraph(pid)
        if paragraph.deleted:
            raise ParagraphNotFoundError(
                f"paragraph {_shown(paragraph)} is deleted",
                hint="restore it first (ParagraphRestored) or name an active paragraph",
            )
        return paragraph

    def _unused_id(self, pid: str) -> None:
        if pid in self.paragraphs:
            raise InvalidEventError(
                f"paragraph id {pid!r} is already used in this negotiation",
                hint="ids are never reused, not even after a deletion; choose a new one",
            )

    def _after(self, after: str | None, *, exclude: set[str] | frozenset[str] = frozenset()) -> int:
        """The index in the reading order at which an insertion after ``after`` goes."""
        if after is None:
            return len(self.order)
        if after == "":
            return 0
        self._paragraph(after)
        if after in exclude:
            raise InvalidEventError(
                f"cannot place a paragraph after {after!r}, which is part of the moved block",
                hint="name a paragraph outside the block",
            )
        return self.order.index(after) + 1

    def _children_map(self) -> dict[str, list[str]]:
        """Chapeau id -> sub-paragraph ids in reading order (cached until the structure changes)."""
        if self._children is None:
            children: dict[str, list[str]] = {}
            for pid in self.order:
                parent = self.paragraphs[pid].parent
                if parent is not None:
                    children.setdefault(parent, []).append(pid)
            self._children = children
        return self._children

    def _elements_of(self, paragraph: Paragraph) -> tuple[Element, ...]:
        """The contested elements of a paragraph's current version (cached per version)."""
        cached = self._elements.get(paragraph.id)
        if cached is not None and cached[0] == paragraph.version:
            return cached[1]
        elements = paragraph.tree.elements()
        self._elements[paragraph.id] = (paragraph.version, elements)
        return elements

    def _descendants(self, pid: str) -> list[str]:
        children = self._children_map()
        out: list[str] = []
        frontier = [pid]
        while frontier:
            for child in children.get(frontier.pop(), ()):
                out.append(child)
                frontier.append(child)
        return out

    def _with_text(self, paragraph: Paragraph, text: str) -> _Commit:
        new = paragraph.with_text(text)

        def commit() -> None:
            self.paragraphs[new.id] = new

        return commit

    def _sibling_labels(self, parent: str | None) -> set[Label]:
        return {
            p.label
            for p in self.paragraphs.values()
            if p.parent == parent and p.label is not None and not p.deleted
        }

    # ------------------------------------------------------------------ handlers

    def _created(self, e: NegotiationCreated) -> _Commit:
        if self.created:
            raise InvalidEventError(
                "NegotiationCreated can only be the first event",
                hint="a log holds one negotiation; start another log for another one",
            )
        registry = e.registry if e.registry is not None else Registry.default()
        if e.by not in OFFICIALS and e.by not in registry:
            _check_code(registry, e.by)

        def commit() -> None:
            self.created = True
            self.title = e.title
            self.symbol = e.symbol
            self.set_registry(registry)

        return commit

    def _participant_registered(self, e: ParticipantRegistered) -> _Commit:
        try:
            registry = self.registry.with_participant(e.participant)
        except ValidationError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc

        def commit() -> None:
            self.set_registry(registry)

        return commit

    def _group_registered(self, e: GroupRegistered) -> _Commit:
        registry = self.registry.with_group(e.group, replace=True)

        def commit() -> None:
            self.set_registry(registry)

        return commit

    def _proposed(self, e: ParagraphProposed) -> _Commit:
        self._unused_id(e.paragraph_id)
        if e.parent is not None:
            self._active(e.parent)
        index = self._after(e.after)
        for code in e.attribution:
            self._check_participant(code)
        paragraph = Paragraph(
            e.paragraph_id,
            e.kind,
            e.text,
            label=e.label,
            parent=e.parent,
            attribution=e.attribution,
        )

        def commit() -> None:
            self.paragraphs[paragraph.id] = paragraph
            self.order.insert(index, paragraph.id)
            self._children = None

        return commit

    def _amended(self, e: TextAmended) -> _Commit:
        paragraph = self._active(e.paragraph_id)
        if e.text == paragraph.text:
            raise InvalidEventError(
                f"the new text of paragraph {_shown(paragraph)} is the same as its current text",
                hint="an amendment must change the wording (it makes earlier positions stale)",
            )
        return self._with_text(paragraph, e.text)

    def _bracketed(self, e: BracketInserted) -> _Commit:
        paragraph = self._active(e.paragraph_id)
        text = paragraph.text
        if e.end > len(text):
            raise InvalidEventError(
                f"bracket span {e.start}:{e.end} runs past the end of paragraph "
                f"{_shown(paragraph)}, which has {len(text)} characters",
                hint="offsets count characters of the current text, from 0",
            )
        before = paragraph.tree
        before_elements = self._elements_of(paragraph)
        for element in before_elements:
            inside = element.start <= e.start and e.end <= element.end
            outside = e.start <= element.start and element.end <= e.end
            apart = e.end <= element.start or element.end <= e.start
            if not (inside or outside or apart):
                raise InvalidEventError(
                    f"bracket span {e.start}:{e.end} of paragraph {_shown(paragraph)} cuts "
                    f"across contested element {element.index} ({element.start}:{element.end})",
                    hint="bracket a span that contains whole brackets or lies inside one",
                )
        new_text = f"{text[: e.start]}[{text[e.start : e.end]}]{text[e.end :]}"
        tree, diagnostics = _parse_lenient(new_text)
        if len(diagnostics) > len(paragraph.parsed[1]):
            first = diagnostics[0]
            raise InvalidEventError(
                f"bracketing {e.start}:{e.end} of paragraph {_shown(paragraph)} gives text "
                f"that does not parse: {getattr(first, 'message', first)}",
                hint="choose a span that does not split a bracket or a look-alike",
            )
        if len(tree.elements()) <= len(before_elements) and tree.brackets <= before.brackets:
            raise InvalidEventError(
                f"brackets around {text[e.start : e.end]!r} in paragraph {_shown(paragraph)} "
                "would read as editorial text, not as a contested bracket",
                hint="bracket more than a look-alike such as 'sic' or '...'",
            )
        return self._with_text(paragraph, new_text)

    def _resolved(self, e: BracketResolved) -> _Commit:
        paragraph = self._active(e.paragraph_id)
        tree = paragraph.tree
        elements = self._elements_of(paragraph)
        if e.element > len(elements):
            raise BracketNotFoundError(
                f"paragraph {_shown(paragraph)} version {paragraph.version} has "
                f"{len(elements)} contested element(s), not {e.element}",
                hint="elements are numbered from 1 in reading order, in the current version",
            )
        node = elements[e.element - 1].node
        expected: tuple[type, ...] = {
            Resolution.ACCEPT: (Bracket,),
            Resolution.DELETE: (Bracket, Alternatives, Placeholder),
            Resolution.CHOOSE: (Alternatives,),
            Resolution.FILL: (Placeholder,),
        }[e.how]
        if not isinstance(node, expected):
            kind = type(node).__name__.lower()
            raise InvalidEventError(
                f"element {e.element} of paragraph {_shown(paragraph)} is a {kind}, which "
                f"cannot be resolved by {e.how.value!r}",
                hint="accept a bracket, choose among alternatives, fill a placeholder, delete any",
            )
        if e.how is Resolution.CHOOSE:
            assert isinstance(node, Alternatives) and e.option is not None
            if e.option > len(node.options):
                raise InvalidEventError(
                    f"element {e.element} of paragraph {_shown(paragraph)} has "
                    f"{len(node.options)} alternatives, not {e.option}",
                    hint="options are numbered from 1",
                )
        try:
            result: BracketedText
            if e.how is Resolution.ACCEPT:
                result = tree.accept(e.element)
            elif e.how is Resolution.DELETE:
                result = tree.delete(e.element)
            elif e.how is Resolution.CHOOSE:
                assert e.option is not None
                result = tree.choose(e.element, e.option)
            else:
                assert e.text is not None
                result = tree.fill(e.element, e.text)
        except InvalidEventError:
            raise
        except (ConsensusTextError, IndexError, ValueError) as exc:
            raise InvalidEventError(
                f"cannot {e.how.value} element {e.element} of paragraph {_shown(paragraph)}: {exc}"
            ) from exc
        return self._with_text(paragraph, result.render())

    def _moved(self, e: ParagraphMoved) -> _Commit:
        self._active(e.paragraph_id)
        descendants = self._descendants(e.paragraph_id)
        block = {e.paragraph_id, *descendants}
        self._after(e.after, exclude=block)
        if not descendants:
            return self._move_one(e.paragraph_id, e.after)
        rest = [pid for pid in self.order if pid not in block]
        moving = [pid for pid in self.order if pid in block]
        if e.after is None:
            index = len(rest)
        elif e.after == "":
            index = 0
        else:
            index = rest.index(e.after) + 1
        order = [*rest[:index], *moving, *rest[index:]]
        if order == self.order:
            raise InvalidEventError(
                f"paragraph {e.paragraph_id!r} is already after {e.after!r}",
                hint="a move must change the order",
            )

        def commit() -> None:
            self.order = order

        return commit

    def _move_one(self, pid: str, after: str | None) -> _Commit:
        """Move a paragraph without sub-paragraphs (the common case), in place."""
        order = self.order
        old = order.index(pid)
        if after is None:
            new = len(order) - 1
        elif after == "":
            new = 0
        else:
            target = order.index(after)
            new = target + 1 if target < old else target
        if new == old:
            raise InvalidEventError(
                f"paragraph {pid!r} is already after {after!r}", hint="a move must change the order"
            )

        def commit() -> None:
            del order[old]
            order.insert(new, pid)

        return commit

    def _labels_after(
        self, first: Label | None, count: int, parent: str | None
    ) -> list[Label | None]:
        if first is None:
            return [None] * count
        taken = self._sibling_labels(parent)
        labels: list[Label | None] = [first]
        current = first
        try:
            for _ in range(count - 1):
                current = current.after()
                while current in taken:
                    current = current.after()
                labels.append(current)
        except LabelError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc
        return labels

    def _split(self, e: ParagraphSplit) -> _Commit:
        source = self._active(e.paragraph_id)
        if len(set(e.new_ids)) != len(e.new_ids):
            raise InvalidEventError(f"the parts' ids {list(e.new_ids)} repeat", hint="give new ids")
        for pid in e.new_ids:
            self._unused_id(pid)
        labels = self._labels_after(source.label, len(e.new_ids), source.parent)
        parts = [
            Paragraph(
                pid,
                source.kind,
                text,
                label=label,
                parent=source.parent,
                attribution=source.attribution,
            )
            for pid, text, label in zip(e.new_ids, e.texts, labels, strict=True)
        ]
        last = e.new_ids[-1]
        children = [
            attrs.evolve(self.paragraphs[c], parent=last)
            for c in self._children_map().get(source.id, ())
        ]
        index = self.order.index(source.id) + 1

        def commit() -> None:
            self.paragraphs[source.id] = source.as_tombstone()
            for part in parts:
                self.paragraphs[part.id] = part
            for child in children:
                self.paragraphs[child.id] = child
            self.order[index:index] = [part.id for part in parts]
            self._children = None

        return commit

    def _merged(self, e: ParagraphsMerged) -> _Commit:
        sources = [self._active(pid) for pid in e.sources]
        self._unused_id(e.new_id)
        parents = {p.parent for p in sources}
        if len(parents) != 1:
            raise InvalidEventError(
                f"paragraphs {list(e.sources)} are not siblings (their chapeaux differ)",
                hint="merge paragraphs at the same level under the same chapeau",
            )
        first = min(sources, key=lambda p: self.order.index(p.id))
        attribution = tuple(dict.fromkeys(code for p in sources for code in p.attribution))
        merged = Paragraph(
            e.new_id,
            first.kind,
            e.text,
            label=first.label,
            parent=first.parent,
            attribution=attribution,
        )
        children_map = self._children_map()
        children = [
            attrs.evolve(self.paragraphs[c], parent=e.new_id)
            for p in sources
            for c in children_map.get(p.id, ())
        ]
        index = self.order.index(first.id) + 1

        def commit() -> None:
            for source in sources:
                self.paragraphs[source.id] = source.as_tombstone()
            self.paragraphs[merged.id] = merged
            for child in children:
                self.paragraphs[child.id] = child
            self.order.insert(index, merged.id)
            self._children = None

        return commit

    def _deleted(self, e: ParagraphDeleted) -> _Commit:
        paragraph = self._active(e.paragraph_id)
        doomed = [paragraph] + [
            self.paragraphs[pid]
            for pid in self._descendants(paragraph.id)
            if not self.paragraphs[pid].deleted
        ]

        def commit() -> None:
            for p in doomed:
                self.paragraphs[p.id] = p.as_tombstone()

        return commit

    def _restored(self, e: ParagraphRestored) -> _Commit:
        paragraph = self._paragraph(e.paragraph_id)
        if not paragraph.deleted:
            raise InvalidEventError(
                f"paragraph {_shown(paragraph)} is not deleted",
                hint="only tombstones can be restored",
            )
        if paragraph.parent is not None and self.paragraphs[paragraph.parent].deleted:
            raise InvalidEventError(
                f"the chapeau {paragraph.parent!r} of paragraph {_shown(paragraph)} is deleted",
                hint="restore the chapeau first",
            )
        restored = paragraph.restored()

        def commit() -> None:
            self.paragraphs[restored.id] = restored

        return commit

    def _relabelled(self, e: ParagraphRelabelled) -> _Commit:
        paragraph = self._active(e.paragraph_id)
        if paragraph.label == e.label:
            shown = "no label" if e.label is None else f"the label {str(e.label)!r}"
            raise InvalidEventError(
                f"paragraph {_shown(paragraph)} already has {shown}",
                hint="a relabelling must change the displayed label",
            )
        relabelled = paragraph.with_label(e.label)

        def commit() -> None:
            self.paragraphs[relabelled.id] = relabelled

        return commit

    def _option_group(self, group_id: str) -> OptionGroup:
        for group in self.option_groups:
            if group.id == group_id:
                return group
        known = ", ".join(g.id for g in self.option_groups) or "none"
        raise InvalidEventError(
            f"no option group {group_id!r} in the draft", hint=f"groups in the draft: {known}"
        )

    def _options_defined(self, e: OptionGroupDefined) -> _Commit:
        if any(group.id == e.group_id for group in self.option_groups):
            raise InvalidEventError(
                f"option group {e.group_id!r} is already in the draft",
                hint="give every option group its own id, or choose an option of the old one first",
            )
        try:
            group = OptionGroup(
                e.group_id, tuple(Option(label, ids, codes) for label, ids, codes in e.options)
            )
        except ValidationError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc
        labels = [option.label for option in group.options]
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        if repeated:
            raise InvalidEventError(
                f"option group {e.group_id!r} names {', '.join(map(repr, repeated))} twice",
                hint="give each option of a group its own name",
            )
        taken = {pid: g.id for g in self.option_groups for pid in g.paragraph_ids}
        seen: set[str] = set()
        for option in group.options:
            for pid in option.paragraph_ids:
                self._active(pid)
                if pid in seen:
                    raise InvalidEventError(
                        f"paragraph {pid!r} is in two options of group {e.group_id!r}",
                        hint="a paragraph belongs to one option",
                    )
                seen.add(pid)
                if pid in taken:
                    raise InvalidEventError(
                        f"paragraph {pid!r} is already an option of group {taken[pid]!r}",
                        hint="choose an option of that group first",
                    )
            for code in option.attribution:
                self._check_participant(code)

        def commit() -> None:
            self.option_groups = (*self.option_groups, group)

        return commit

    def _option_chosen(self, e: OptionChosen) -> _Commit:
        group = self._option_group(e.group_id)
        chosen = next((o for o in group.options if o.label == e.option_label), None)
        if chosen is None:
            known = ", ".join(repr(o.label) for o in group.options)
            raise InvalidEventError(
                f"option group {group.id!r} has no option {e.option_label!r}",
                hint=f"its options: {known}",
            )
        kept = set(chosen.paragraph_ids)
        doomed: dict[str, Paragraph] = {}
        for option in group.options:
            if option is chosen:
                continue
            for pid in option.paragraph_ids:
                for member in (pid, *self._descendants(pid)):
                    paragraph = self.paragraphs[member]
                    if member not in kept and not paragraph.deleted:
                        doomed[member] = paragraph
        remaining = tuple(g for g in self.option_groups if g.id != group.id)

        def commit() -> None:
            for p in doomed.values():
                self.paragraphs[p.id] = p.as_tombstone()
            self.option_groups = remaining

        return commit

    def _element_check(self, paragraph: Paragraph, element: int | None, option: int | None) -> None:
        if element is None:
            return
        elements = self._elements_of(paragraph)
        if element > len(elements):
            raise BracketNotFoundError(
                f"paragraph {_shown(paragraph)} version {paragraph.version} has "
                f"{len(elements)} contested element(s), not {element}",
                hint="elements are numbered from 1 in reading order, in the current version",
            )
        if option is not None:
            node = elements[element - 1].node
            if not isinstance(node, Alternatives):
                raise InvalidEventError(
                    f"element {element} of paragraph {_shown(paragraph)} is not a set of "
                    "alternatives, so no option can be preferred",
                    hint="give preferred_option only for alternatives such as [shall][should]",
                )
            if option > len(node.options):
                raise InvalidEventError(
                    f"element {element} of paragraph {_shown(paragraph)} has "
                    f"{len(node.options)} alternatives, not {option}",
                    hint="options are numbered from 1",
                )

    def _position(self, e: PositionStated) -> _Commit:
        if self.adopted_at is not None and not e.kind.is_record:
            raise InvalidEventError(
                f"the document was adopted at {self.adopted_at.isoformat()}; a "
                f"{e.kind.value} is no longer taken",
                hint="after adoption record a dissociation or an explanation",
            )
        if e.participant not in self.voices:
            self._check_participant(e.participant)
        if e.speaker is not None:
            self._check_participant(e.speaker)
        paragraph = self.paragraphs.get(e.paragraph_id)
        if paragraph is None or paragraph.deleted:
            paragraph = self._active(e.paragraph_id)  # raises
        if e.element is not None:
            self._element_check(paragraph, e.element, e.preferred_option)
        position = _position_from(e, paragraph.version)
        key = (e.participant, e.paragraph_id, e.element)
        positions = self.positions

        def commit() -> None:
            positions.pop(key, None)
            positions[key] = position

        return commit

    def _withdrawn(self, e: PositionWithdrawn) -> _Commit:
        key = (e.participant, e.paragraph_id, e.element)
        if key not in self.positions:
            self._paragraph(e.paragraph_id)
            on = f"element {e.element} of " if e.element is not None else ""
            raise InvalidEventError(
                f"{e.participant} has no position on {on}paragraph {e.paragraph_id!r} to withdraw",
                hint="see Snapshot.positions_on(paragraph_id)",
            )

        def commit() -> None:
            del self.positions[key]

        return commit

    def _ruling(self, e: RulingRecorded) -> _Commit:
        paragraph = self._active(e.paragraph_id)
        last = self.last_ruling.get(paragraph.id)
        if e.kind is RulingKind.REOPENED and (last is None or last.kind is RulingKind.REOPENED):
            raise InvalidEventError(
                f"paragraph {_shown(paragraph)} is not agreed, so it cannot be reopened",
                hint="reopen a paragraph after a ruling that agreed or confirmed it",
            )
        ruling = Ruling(
            paragraph.id, e.kind, paragraph_version=paragraph.version, at=e.at, by=e.by, note=e.note
        )

        def commit() -> None:
            self.rulings.append(ruling)
            self.last_ruling[ruling.paragraph_id] = ruling

        return commit

    def _revision(self, e: RevisionIssued) -> _Commit:
        for revision in self.revisions:
            if revision.label == e.label:
                raise InvalidEventError(
                    f"revision {e.label!r} was already issued at {revision.issued_at.isoformat()}",
                    hint="give every revision its own label (Rev.1, Rev.2, ...)",
                )
        revision = Revision(
            e.label, e.kind, author=e.author, issued_at=e.at, symbol=e.symbol, note=e.note
        )

        def commit() -> None:
            self.revisions.append(revision)
            self.revision_label = revision.label

        return commit

    def _adopted(self, e: DocumentAdopted) -> _Commit:
        def commit() -> None:
            self.adopted_at = e.at

        return commit

    def _package(self, e: PackageDefined) -> _Commit:
        if e.package_id in self.paragraphs:
            raise InvalidEventError(
                f"package id {e.package_id!r} is a paragraph's id",
                hint="name packages apart from paragraphs, e.g. 'pkg-finance'",
            )
        for member in e.members:
            if member == e.package_id:
                raise CyclicPackageError(
                    f"package {e.package_id!r} names itself as a member",
                    hint="a package holds paragraphs and other packages",
                )
            if member not in self.packages:
                self._active(member)
        try:
            package = Package(e.package_id, e.members)
        except ValidationError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc
        packages = {**self.packages, package.id: package}
        _check_acyclic(packages, package.id)

        def commit() -> None:
            self.packages[package.id] = package

        return commit

    def _silence_started(self, e: SilenceStarted) -> _Commit:
        if e.silence_id in self.silences:
            raise InvalidEventError(
                f"silence procedure {e.silence_id!r} already exists",
                hint="give every silence procedure its own id",
            )
        for pid in e.paragraph_ids:
            self._active(pid)
        try:
            silence = SilenceProcedure(
                e.silence_id,
                started_at=e.at,
                deadline=e.deadline,
                paragraph_ids=e.paragraph_ids,
                started_by=e.by,
            )
        except ValidationError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc

        def commit() -> None:
            self.silences[silence.id] = silence

        return commit

    def _silence(self, silence_id: str) -> SilenceProcedure:
        try:
            return self.silences[silence_id]
        except KeyError:
            known = ", ".join(self.silences) or "none"
            raise InvalidEventError(
                f"no silence procedure {silence_id!r}", hint=f"started so far: {known}"
            ) from None

    def _silence_broken(self, e: SilenceBroken) -> _Commit:
        silence = self._silence(e.silence_id)
        self._check_participant(e.participant)
        updated = silence.broken_by(e.participant, at=e.at, note=e.note)

        def commit() -> None:
            self.silences[updated.id] = updated

        return commit

    def _silence_withdrawn(self, e: SilenceBreakWithdrawn) -> _Commit:
        silence = self._silence(e.silence_id)
        try:
            updated = silence.withdrawn_by(e.participant, at=e.at)
        except ValidationError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc

        def commit() -> None:
            self.silences[updated.id] = updated

        return commit

    def _vote(self, e: VoteRecorded) -> _Commit:
        if e.vote_id in self.votes:
            raise InvalidEventError(
                f"vote {e.vote_id!r} was already recorded", hint="give every vote its own id"
            )
        if e.paragraph_id is not None:
            self._active(e.paragraph_id)
        for code, _ in e.ballots:
            if code not in self.registry.participants:
                self.registry.participant(code)
        try:
            vote = Vote(
                e.vote_id,
                held_at=e.at,
                ballots=e.ballots,
                paragraph_id=e.paragraph_id,
                important_question=e.important_question,
            )
        except ValidationError as exc:
            raise InvalidEventError(exc.message, hint=exc.hint) from exc

        def commit() -> None:
            self.votes[vote.id] = vote

        return commit


_POSITION_FIELDS = (
    "participant",
    "paragraph_id",
    "kind",
    "paragraph_version",
    "element",
    "preferred_option",
    "speaker",
    "note",
    "stated_at",
)


def _checked_position(event: PositionStated, version: int) -> Position:
    """The Position a PositionStated event records, through the validating constructor."""
    return Position(
        event.participant,
        event.paragraph_id,
        event.kind,
        paragraph_version=version,
        element=event.element,
        preferred_option=event.preferred_option,
        speaker=event.speaker,
        note=event.note,
        stated_at=event.at,
    )


def _direct_position(event: PositionStated, version: int) -> Position:
    """The same Position, its fields set directly.

    Replay makes one Position per statement (180,000 in a large negotiation). Its checks
    repeat those the PositionStated event passed when it was made (participant and paragraph
    non-empty, element and option 1 or more, an option only with an element, an aware time),
    and the version comes from a Paragraph, which checks it; so the fields are set as attrs'
    own ``__init__`` sets them, without checking again.
    """
    position = object.__new__(Position)
    put = object.__setattr__
    put(position, "participant", event.participant)
    put(position, "paragraph_id", event.paragraph_id)
    put(position, "kind", event.kind)
    put(position, "paragraph_version", version)
    put(position, "element", event.element)
    put(position, "preferred_option", event.preferred_option)
    put(position, "speaker", event.speaker)
    put(position, "note", event.note)
    put(position, "stated_at", event.at)
    return position


# The direct path only while Position has exactly the fields above; otherwise the checked one.
_position_from = (
    _direct_position
    if tuple(field.name for field in attrs.fields(Position)) == _POSITION_FIELDS
    else _checked_position
)


def _check_code(registry: Registry, code: str) -> None:
    """Raise UnknownParticipantError for a code that is not a participant's or a group's."""
    if code in registry:
        return
    found = registry.lookup(code)  # raises UnknownParticipantError, with suggestions
    raise UnknownParticipantError(code, (found.code,))  # a name or a miscased code


def _check_acyclic(packages: dict[str, Package], start: str) -> None:
    """Raise CyclicPackageError when ``start`` reaches itself through package members."""
    path: list[str] = []
    on_path: set[str] = set()
    done: set[str] = set()

    def visit(pid: str) -> None:
        if pid in on_path:
            cycle = [*path[path.index(pid) :], pid]
            raise CyclicPackageError(
                "packages contain each other: " + " -> ".join(cycle),
                hint="a package may hold another only if that one does not hold it back",
            )
        if pid in done:
            return
        path.append(pid)
        on_path.add(pid)
        for member in packages[pid].members:
            if member in packages:
                visit(member)
        path.pop()
        on_path.discard(pid)
        done.add(pid)

    visit(start)


_HANDLERS: dict[type[Event], _Handler] = {
    NegotiationCreated: _Builder._created,
    ParticipantRegistered: _Builder._participant_registered,
    GroupRegistered: _Builder._group_registered,
    ParagraphProposed: _Builder._proposed,
    TextAmended: _Builder._amended,
    BracketInserted: _Builder._bracketed,
    BracketResolved: _Builder._resolved,
    ParagraphMoved: _Builder._moved,
    ParagraphSplit: _Builder._split,
    ParagraphsMerged: _Builder._merged,
    ParagraphDeleted: _Builder._deleted,
    ParagraphRestored: _Builder._restored,
    ParagraphRelabelled: _Builder._relabelled,
    OptionGroupDefined: _Builder._options_defined,
    OptionChosen: _Builder._option_chosen,
    PositionStated: _Builder._position,
    PositionWithdrawn: _Builder._withdrawn,
    RulingRecorded: _Builder._ruling,
    RevisionIssued: _Builder._revision,
    DocumentAdopted: _Builder._adopted,
    PackageDefined: _Builder._package,
    SilenceStarted: _Builder._silence_started,
    SilenceBroken: _Builder._silence_broken,
    SilenceBreakWithdrawn: _Builder._silence_withdrawn,
    VoteRecorded: _Builder._vote,
}
