"""The negotiation as chairs' staff script it, and as analysts travel back through it.

Every method checks its change against the current state (the same checks as replay), records
one event, and returns what it created; an invalid change raises and records nothing. Times come
from ``at=`` or from the clock given to the negotiation; the event stores the concrete time.

>>> import datetime as dt
>>> from itertools import count
>>> ticks = count()
>>> clock = lambda: dt.datetime(2025, 7, 1, 9, tzinfo=dt.timezone.utc) + dt.timedelta(
...     minutes=next(ticks))
>>> neg = Negotiation.create("Programme of Action", symbol="A/AC.292/2025/L.1", clock=clock)
>>> p1 = neg.propose("Decides to [establish][convene] a programme of action;", by="Chair")
>>> p2 = neg.propose("Requests the Secretariat to [support] the programme.", by="Chair")
>>> neg.issue_revision("Zero draft", "zero_draft")
>>> neg.state_position("EU", p1, "support", element=1, preferred_option=1)
>>> neg.resolve(p1, 1, how="choose", option=1, by="Chair")
>>> neg.resolve(p2, 1, how="accept", by="Chair")
>>> neg.issue_revision("Rev.1")
>>> [p.text for p in neg.snapshot(revision="Zero draft").draft.active()][0]
'Decides to [establish][convene] a programme of action;'
>>> [p.text for p in neg.state.draft.active()][0]
'Decides to establish a programme of action;'
>>> [str(p.label) for p in neg.state.draft.active()], neg.revision
(['1', '2'], 'Rev.1')
>>> neg.resolve(p2, 1, how="accept", by="Chair")
Traceback (most recent call last):
...
consensus_text.errors.BracketNotFoundError: paragraph 'p2' (2) version 2 has 0 contested \
element(s), not 1; elements are numbered from 1 in reading order, in the current version
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from consensus_text.errors import RevisionNotFoundError, ValidationError
from consensus_text.history._codec import check_encodable
from consensus_text.history.events import (
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
)
from consensus_text.history.replay import _Builder, paused_gc
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.paragraphs import Option, Paragraph, ParagraphKind
from consensus_text.model.participants import Group, Participant, Registry
from consensus_text.model.positions import PositionKind
from consensus_text.model.procedure import Ballot, RulingKind
from consensus_text.model.revisions import RevisionKind
from consensus_text.model.snapshot import Snapshot

if TYPE_CHECKING:
    from consensus_text.history.lineage import Lineage
    from consensus_text.history.store import Store

__all__ = ["Clock", "Negotiation", "utc_now"]

#: A function giving the current moment (aware); injected for tests and scripts.
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current moment in UTC: the default clock."""
    return dt.datetime.now(dt.UTC)


_STYLE_BELOW = {
    LabelStyle.NUMBER: LabelStyle.LETTER,
    LabelStyle.LETTER: LabelStyle.ROMAN,
    LabelStyle.ROMAN: LabelStyle.LETTER_DOT,
    LabelStyle.LETTER_DOT: LabelStyle.ROMAN_DOT,
    LabelStyle.ROMAN_DOT: LabelStyle.ROMAN_DOT,
}


class Negotiation:
    """A negotiation: its event log, its current state, and its past states.

    Make one with :meth:`create`, :meth:`from_events`, :meth:`from_json`, or from a store
    (:meth:`Store.create <consensus_text.history.store.Store.create>`,
    :meth:`Store.open <consensus_text.history.store.Store.open>`). A negotiation bound to a store
    appends every event to it in a transaction; when another writer got there first the append
    raises :class:`~consensus_text.errors.ConflictError` and nothing changes: call
    :meth:`refresh` and try again.

    Args:
        clock: gives the time of events recorded without ``at=``.
    """

    def __init__(self, *, clock: Clock | None = None) -> None:
        self._clock: Clock = clock or utc_now
        self._builder = _Builder()
        self._events: list[Event] = []
        self._checkpoints: dict[str, Snapshot] = {}
        self._checkpoint_counts: list[tuple[int, str]] = []
        self._state: Snapshot | None = None
        self._store: Store | None = None
        self._name: str | None = None
        self._pending: list[Event] | None = None

    # ------------------------------------------------------------------ construction

    @classmethod
    def create(
        cls,
        title: str,
        *,
        symbol: str = "",
        registry: Registry | None = None,
        by: str = "Secretariat",
        at: dt.datetime | None = None,
        meeting: str | None = None,
        clock: Clock | None = None,
    ) -> Negotiation:
        """A new negotiation in memory, its log holding one NegotiationCreated event.

        Args:
            title: the document's title.
            symbol: its document symbol.
            registry: the participants and groups; None for the shipped default registry
                (which the log then names rather than copies).
        """
        negotiation = cls(clock=clock)
        negotiation.append(
            NegotiationCreated(
                at=at or negotiation._clock(),
                by=by,
                meeting=meeting,
                title=title,
                symbol=symbol,
                registry=registry,
            )
        )
        return negotiation

    @classmethod
    def from_events(
        cls,
        events: Iterable[Event],
        *,
        clock: Clock | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Negotiation:
        """Replay a log, checking every event.

        Args:
            events: the log, beginning with NegotiationCreated.
            progress: called with the number of events replayed, every 10,000 events.

        Raises:
            InvalidEventError: an event that does not apply, or whose text UTF-8 cannot encode
                (a lone surrogate); ``add_note`` gives its number.
        """
        negotiation = cls(clock=clock)
        negotiation._extend(events, progress=progress, check_text=True)
        return negotiation

    @classmethod
    def from_json(cls, text: str | bytes, *, clock: Clock | None = None) -> Negotiation:
        """Read the JSON interchange format (see :mod:`consensus_text.io.json`)."""
        from consensus_text.io.json import read_json

        return read_json(text, clock=clock)

    def to_json(self, *, indent: int | None = None) -> str:
        """The whole negotiation in the JSON interchange format (see :mod:`consensus_text.io.json`)."""
        from consensus_text.io.json import dump_json

        return dump_json(self, indent=indent)

    def _extend(
        self,
        events: Iterable[Event],
        *,
        progress: Callable[[int], None] | None = None,
        check_text: bool = False,
    ) -> None:
        """Replay events; ``check_text`` also refuses text that UTF-8 cannot encode (events
        read from a store need not: the store never holds such text)."""
        builder = self._builder
        apply = builder.apply
        with paused_gc():
            for event in events:
                try:
                    if check_text:
                        check_encodable(event)
                    apply(event)
                except Exception as error:
                    error.add_note(f"while replaying event #{builder.count + 1}: {event!r}")
                    raise
                self._recorded(event)
                if progress is not None and builder.count % 10_000 == 0:
                    progress(builder.count)

    def _bind(self, store: Store, name: str) -> None:
        self._store = store
        self._name = name

    # ------------------------------------------------------------------ reading

    @property
    def state(self) -> Snapshot:
        """The current state."""
        if self._state is None:
            self._state = self._builder.freeze()
        return self._state

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event of the log, in order."""
        return tuple(self._events)

    @property
    def event_count(self) -> int:
        """The number of events in the log."""
        return len(self._events)

    @property
    def title(self) -> str:
        """The document's title."""
        return self._builder.title

    @property
    def revision(self) -> str | None:
        """The label of the latest revision issued, or None."""
        return self._builder.revision_label

    @property
    def revisions(self) -> tuple[str, ...]:
        """The labels of the revisions issued, in order."""
        return tuple(label for _, label in self._checkpoint_counts)

    def paragraph(self, paragraph_id: str) -> Paragraph:
        """The current version of a paragraph (a tombstone too), without freezing the state.

        Raises:
            ParagraphNotFoundError: no such id.
        """
        return self._builder._paragraph(paragraph_id)

    def active_ids(self) -> tuple[str, ...]:
        """The ids of the active paragraphs, in reading order."""
        paragraphs = self._builder.paragraphs
        return tuple(pid for pid in self._builder.order if not paragraphs[pid].deleted)

    @property
    def registry(self) -> Registry:
        """The participants and groups."""
        return self._builder.registry

    @property
    def store(self) -> Store | None:
        """The store the negotiation is bound to, if any."""
        return self._store

    @property
    def name(self) -> str | None:
        """The negotiation's name in its store, if bound to one."""
        return self._name

    def __repr__(self) -> str:
        where = f" in store as {self._name!r}" if self._store is not None else ""
        return f"<Negotiation {self.title!r}: {self.event_count} events{where}>"

    def snapshot(
        self,
        *,
        revision: str | None = None,
        event: int | None = None,
        at: dt.datetime | None = None,
    ) -> Snapshot:
        """The state as of a revision, an event number or a moment; give exactly one.

        Args:
            revision: the label of an issued revision: the text as circulated, right after its
                RevisionIssued event.
            event: the number of events to include (``0``: nothing yet; ``1``: right after
                NegotiationCreated; a negative number counts back from the current state).
            at: a moment: the state after the longest prefix of the log whose events all
                happened at or before it.

        Raises:
            RevisionNotFoundError: no such revision.
            ValidationError: not exactly one argument, an event number out of range, or a
                naive ``at``.
        """
        given = [
            name
            for name, v in (("revision", revision), ("event", event), ("at", at))
            if v is not None
        ]
        if len(given) != 1:
            raise ValidationError(
                f"snapshot() got {len(given)} of revision, event, at",
                hint="give exactly one, e.g. snapshot(revision='Rev.1')",
            )
        if revision is not None:
            try:
                return self._checkpoints[revision]
            except KeyError:
                known = ", ".join(self.revisions) or "none yet"
                raise RevisionNotFoundError(
                    f"no revision {revision!r} was issued", hint=f"issued: {known}"
                ) from None
        if at is not None:
            if at.tzinfo is None or at.utcoffset() is None:
                raise ValidationError(
                    f"at {at.isoformat()} has no time zone", hint="pass an aware datetime"
                )
            count = 0
            for e in self._events:
                if e.at > at:
                    break
                count += 1
            return self._state_after(count)
        assert event is not None
        total = len(self._events)
        number = total + event if event < 0 else event
        if not 0 <= number <= total:
            raise ValidationError(
                f"event number {event} is out of range: the log has {total} events",
                hint=f"give 0 to {total}, or a negative number to count back",
            )
        return self._state_after(number)

    def _state_after(self, count: int) -> Snapshot:
        if count == len(self._events):
            return self.state
        if count == 0:
            return Snapshot(registry=Registry([]))
        base_count, base = 0, None
        for checkpoint_count, label in self._checkpoint_counts:
            if checkpoint_count > count:
                break
            base_count, base = checkpoint_count, self._checkpoints[label]
        builder = _Builder() if base is None else _Builder.from_snapshot(base)
        for event in self._events[base_count:count]:
            builder.apply(event)
        return builder.freeze()

    def lineage(self) -> Any:
        """The revision lineage of every paragraph as a ``networkx.DiGraph``.

        Nodes are ``(revision label, paragraph id)`` pairs; an edge says that a paragraph of one
        revision became a paragraph of the next, with ``kind`` one of ``kept``, ``amended``,
        ``split``, ``merged``, ``restored``. See :mod:`consensus_text.graph`.
        """
        from consensus_text.graph import lineage_graph

        return lineage_graph(self.lineage_data())

    def lineage_data(self) -> Lineage:
        """The lineage as plain values (:class:`~consensus_text.history.lineage.Lineage`)."""
        from consensus_text.history.lineage import compute_lineage

        return compute_lineage(self._events, self._checkpoints)

    # ------------------------------------------------------------------ recording

    def append(self, event: Event) -> None:
        """Check and record any event (the methods below build them for you).

        The event's ``revision`` must be the current revision label (see :attr:`revision`).

        Raises:
            InvalidEventError: the event does not apply, or holds text that UTF-8 cannot encode
                (a lone surrogate, such as ``"\\ud800"``); nothing is recorded.
            ConflictError: (bound to a store) another writer appended first; call
                :meth:`refresh` and try again.
        """
        check_encodable(event)
        commit = self._builder.check(event)
        if self._pending is not None:
            commit()
            self._pending.append(event)
            self._recorded(event)
            return
        if self._store is not None:
            assert self._name is not None
            self._store.append(self._name, [event], expected=len(self._events))
        commit()
        self._recorded(event)

    def _recorded(self, event: Event) -> None:
        self._events.append(event)
        self._state = None
        if isinstance(event, RevisionIssued):
            snapshot = self._builder.freeze()
            self._state = snapshot
            self._checkpoints[event.label] = snapshot
            self._checkpoint_counts.append((len(self._events), event.label))

    @contextmanager
    def batch(self) -> Iterator[Negotiation]:
        """Record many events at once: in one transaction when bound to a store.

        Inside the block the events apply to the state at once; at its end they are appended
        together. If the block raises, or the append meets a conflict, every event of the block
        is undone and the error propagates.

        >>> neg = Negotiation.create("T", at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
        >>> with neg.batch():
        ...     ids = [neg.propose(f"Paragraph {i};", by="Chair") for i in range(3)]
        >>> neg.event_count
        4
        """
        if self._pending is not None:
            yield self
            return
        start = len(self._events)
        saved = self._builder.freeze()
        self._pending = []
        try:
            yield self
            pending, self._pending = self._pending, None
            if self._store is not None and pending:
                assert self._name is not None
                self._store.append(self._name, pending, expected=start)
        except BaseException:
            self._pending = None
            self._rollback(start, saved)
            raise

    def _rollback(self, count: int, saved: Snapshot) -> None:
        del self._events[count:]
        self._builder = _Builder.from_snapshot(saved)
        self._state = saved
        while self._checkpoint_counts and self._checkpoint_counts[-1][0] > count:
            _, label = self._checkpoint_counts.pop()
            del self._checkpoints[label]

    def refresh(self) -> int:
        """Read the events that other writers appended to the store; return how many.

        Raises:
            StoreError: not bound to a store, or the store cannot be read.
        """
        if self._store is None:
            return 0
        assert self._name is not None
        new = self._store.read(self._name, since=len(self._events))
        self._extend(new)
        return len(new)

    # ------------------------------------------------------------------ commands

    def _common(self, by: str, at: dt.datetime | None, meeting: str | None) -> dict[str, Any]:
        return {
            "at": at or self._clock(),
            "by": by,
            "meeting": meeting,
            "revision": self._builder.revision_label,
        }

    def _next_id(self, prefix: str = "p") -> str:
        paragraphs = self._builder.paragraphs
        number = len(paragraphs) + 1
        while f"{prefix}{number}" in paragraphs:
            number += 1
        return f"{prefix}{number}"

    def _next_ids(self, count: int) -> tuple[str, ...]:
        paragraphs = self._builder.paragraphs
        ids: list[str] = []
        number = len(paragraphs) + 1
        while len(ids) < count:
            candidate = f"p{number}"
            if candidate not in paragraphs:
                ids.append(candidate)
            number += 1
        return tuple(ids)

    def _default_label(self, kind: ParagraphKind, parent: str | None, index: int) -> Label | None:
        if kind is ParagraphKind.HEADING:
            return None
        builder = self._builder
        prefix = ""
        if parent is None:
            style = LabelStyle.NUMBER
            prefix = "PP" if kind is ParagraphKind.PREAMBULAR else ""
        else:
            parent_label = builder.paragraphs[parent].label
            style = LabelStyle.LETTER if parent_label is None else _STYLE_BELOW[parent_label.style]
        before: list[Label] = []
        after: list[Label] = []
        for position, pid in enumerate(builder.order):
            p = builder.paragraphs[pid]
            if p.deleted or p.parent != parent or p.kind is not kind or p.label is None:
                continue
            if p.label.style is not style:
                continue
            (before if position < index else after).append(p.label)
        taken = set(before) | set(after)
        if not after:
            number = max((label.number for label in taken), default=0) + 1
            return Label(max(number, 1), 0, style, prefix)
        if before:
            candidate = before[-1].after()
            while candidate in taken:
                candidate = candidate.after()
            return candidate
        number = after[0].number - 1
        while number == 0 or Label(number, 0, style, prefix) in taken:
            number -= 1
        return Label(number, 0, style, prefix)

    def propose(
        self,
        text: str,
        *,
        by: str,
        kind: ParagraphKind | str = ParagraphKind.OPERATIVE,
        label: Label | str | None = None,
        after: str | None = None,
        parent: str | None = None,
        attribution: Sequence[str] = (),
        paragraph_id: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> str:
        """Insert a new paragraph; return its id (``"p1"``, ``"p2"``, ... unless given).

        Args:
            text: the bracketed text.
            by: who proposed it (also recorded as ``attribution`` when that is empty and ``by``
                is a participant).
            kind: preambular, operative or heading.
            label: the displayed label; by default the next number, or the next Latin suffix
                when inserted between two numbered paragraphs (``5 bis``); letters for
                sub-paragraphs of a numbered chapeau.
            after: the paragraph it follows; None: at the end (for a sub-paragraph: after the
                chapeau's last sub-paragraph); ``""``: at the beginning.
            parent: the chapeau, for a sub-paragraph.
            paragraph_id: the stable id, when the caller has one.
        """
        kind = ParagraphKind(kind)
        builder = self._builder
        if after is None and parent is not None and parent in builder.paragraphs:
            family = [parent, *builder._descendants(parent)]
            after = max(family, key=builder.order.index)
        if isinstance(label, str):
            label = Label.parse(label)
        if label is None and (after is None or after == "" or after in builder.paragraphs):
            index = (
                len(builder.order)
                if after is None
                else 0
                if after == ""
                else builder.order.index(after) + 1
            )
            if parent is None or parent in builder.paragraphs:
                label = self._default_label(kind, parent, index)
        if not attribution and by in builder.registry:
            attribution = (by,)
        pid = paragraph_id or self._next_id()
        self.append(
            ParagraphProposed(
                **self._common(by, at, meeting),
                paragraph_id=pid,
                text=text,
                kind=kind,
                label=label,
                after=after,
                parent=parent,
                attribution=tuple(attribution),
            )
        )
        return pid

    def amend(
        self,
        paragraph_id: str,
        text: str,
        *,
        by: str,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Replace a paragraph's wording (a new version: earlier positions become stale)."""
        self.append(
            TextAmended(**self._common(by, at, meeting), paragraph_id=paragraph_id, text=text)
        )

    def bracket(
        self,
        paragraph_id: str,
        start: int,
        end: int,
        *,
        by: str,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Put square brackets around ``text[start:end]`` of a paragraph's current text.

        Raises:
            InvalidEventError: the span runs past the text, cuts across a bracket, or would
                give text that does not parse.
        """
        self.append(
            BracketInserted(
                **self._common(by, at, meeting), paragraph_id=paragraph_id, start=start, end=end
            )
        )

    def resolve(
        self,
        paragraph_id: str,
        element: int,
        *,
        by: str,
        how: Resolution | str = Resolution.ACCEPT,
        option: int | None = None,
        text: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Resolve contested element ``element`` (from 1) of the current version.

        Args:
            how: ``"accept"`` (strip the brackets), ``"delete"`` (drop the span),
                ``"choose"`` (keep alternative ``option``), ``"fill"`` (a placeholder, with
                ``text``).

        Raises:
            BracketNotFoundError: no such element.
            InvalidEventError: the element cannot be resolved that way.
        """
        self.append(
            BracketResolved(
                **self._common(by, at, meeting),
                paragraph_id=paragraph_id,
                element=element,
                how=Resolution(how),
                option=option,
                text=text,
            )
        )

    def move(
        self,
        paragraph_id: str,
        *,
        after: str | None,
        by: str,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Move a paragraph and its sub-paragraphs after ``after`` (``""``: to the top)."""
        self.append(
            ParagraphMoved(**self._common(by, at, meeting), paragraph_id=paragraph_id, after=after)
        )

    def split(
        self,
        paragraph_id: str,
        texts: Sequence[str],
        *,
        by: str,
        new_ids: Sequence[str] | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> tuple[str, ...]:
        """Split a paragraph into parts; return the parts' ids."""
        ids = tuple(new_ids) if new_ids is not None else self._next_ids(len(texts))
        self.append(
            ParagraphSplit(
                **self._common(by, at, meeting),
                paragraph_id=paragraph_id,
                new_ids=ids,
                texts=tuple(texts),
            )
        )
        return ids

    def merge(
        self,
        paragraph_ids: Sequence[str],
        text: str,
        *,
        by: str,
        new_id: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> str:
        """Merge sibling paragraphs into a new one with ``text``; return its id."""
        pid = new_id or self._next_id()
        self.append(
            ParagraphsMerged(
                **self._common(by, at, meeting), sources=tuple(paragraph_ids), new_id=pid, text=text
            )
        )
        return pid

    def delete(
        self,
        paragraph_id: str,
        *,
        by: str,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Delete a paragraph (and its sub-paragraphs): they stay as tombstones."""
        self.append(ParagraphDeleted(**self._common(by, at, meeting), paragraph_id=paragraph_id))

    def restore(
        self,
        paragraph_id: str,
        *,
        by: str,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Bring a deleted paragraph back with the wording it had."""
        self.append(ParagraphRestored(**self._common(by, at, meeting), paragraph_id=paragraph_id))

    def relabel(
        self,
        paragraph_id: str,
        label: Label | str | None,
        *,
        by: str,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Show a paragraph under another label (``"5 bis"``; None: no label).

        Renumbering is not a change of wording: the version stays, and so do the positions.

        >>> neg = Negotiation.create("T", at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
        >>> pid = neg.propose("Decides to act;", by="Chair")
        >>> neg.relabel(pid, "1 bis", by="Chair")
        >>> str(neg.paragraph(pid).label), neg.paragraph(pid).version
        ('1 bis', 1)

        Raises:
            LabelError: the label does not parse.
            ParagraphNotFoundError: no such paragraph, or it is deleted.
            InvalidEventError: the paragraph already has that label.
        """
        self.append(
            ParagraphRelabelled(
                **self._common(by, at, meeting), paragraph_id=paragraph_id, label=label
            )
        )

    def define_options(
        self,
        group_id: str,
        options: Sequence[
            Option | tuple[str, Sequence[str]] | tuple[str, Sequence[str], Sequence[str]]
        ],
        *,
        by: str = "Chair",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Present paragraphs as named options ("Option 1", "Option 2: No text") of one group.

        Args:
            group_id: the group's id, unlike that of any group in the draft.
            options: an :class:`~consensus_text.model.paragraphs.Option`, or ``(label,
                paragraph_ids)`` or ``(label, paragraph_ids, attribution)``, for each option;
                two or more. No paragraphs: the "No text" option.

        >>> neg = Negotiation.create("T", at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
        >>> a = neg.propose("Decides to meet annually;", by="Chair")
        >>> b = neg.propose("Decides to meet every two years;", by="Chair")
        >>> neg.define_options("g1", [("Option 1", [a], ["EU"]), ("Option 2", [b])])
        >>> [(o.label, o.paragraph_ids) for o in neg.state.draft.option_group("g1").options]
        [('Option 1', ('p1',)), ('Option 2', ('p2',))]

        Raises:
            ParagraphNotFoundError: a paragraph that is not in the draft, or deleted.
            InvalidEventError: a group id in use, fewer than two options, a name given twice,
                a paragraph in two options or already in another group.
            UnknownParticipantError: an attribution code not in the registry.
        """
        self.append(
            OptionGroupDefined(
                **self._common(by, at, meeting), group_id=group_id, options=tuple(options)
            )
        )

    def choose_option(
        self,
        group_id: str,
        option_label: str,
        *,
        by: str = "Chair",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Keep one option of a group: the other options' paragraphs are deleted, the group goes.

        Choosing a "No text" option deletes every paragraph of the group.

        >>> neg = Negotiation.create("T", at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
        >>> a = neg.propose("Decides to meet annually;", by="Chair")
        >>> b = neg.propose("Decides to meet every two years;", by="Chair")
        >>> neg.define_options("g1", [("Option 1", [a]), ("Option 2", [b])])
        >>> neg.choose_option("g1", "Option 2")
        >>> [p.text for p in neg.state.draft.active()], neg.state.draft.option_groups
        (['Decides to meet every two years;'], ())

        Raises:
            InvalidEventError: no such group in the draft, or no such option in it.
        """
        self.append(
            OptionChosen(
                **self._common(by, at, meeting), group_id=group_id, option_label=option_label
            )
        )

    def state_position(
        self,
        participant: str,
        paragraph_id: str,
        kind: PositionKind | str,
        *,
        element: int | None = None,
        preferred_option: int | None = None,
        speaker: str | None = None,
        note: str = "",
        by: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Record a participant's position on the current version of a paragraph.

        Args:
            participant: a participant's or group's code.
            kind: a :class:`PositionKind` or a phrase such as ``"can live with"``.
            element: a contested element of the current version, or None for the paragraph.
            preferred_option: for alternatives, the option preferred.
            speaker: who delivered it for the participant (a group's chair).
            by: who recorded it; by default the speaker or the participant.

        Raises:
            ParagraphNotFoundError: no such paragraph, or it is deleted.
            BracketNotFoundError: no such element in the current version.
            UnknownParticipantError: the participant or speaker is not in the registry.
        """
        kind = kind if isinstance(kind, PositionKind) else PositionKind.parse(kind)
        self.append(
            PositionStated(
                **self._common(by or speaker or participant, at, meeting),
                participant=participant,
                paragraph_id=paragraph_id,
                kind=kind,
                element=element,
                preferred_option=preferred_option,
                speaker=speaker,
                note=note,
            )
        )

    def withdraw_position(
        self,
        participant: str,
        paragraph_id: str,
        *,
        element: int | None = None,
        by: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Withdraw a participant's position on a paragraph (or one of its elements)."""
        self.append(
            PositionWithdrawn(
                **self._common(by or participant, at, meeting),
                participant=participant,
                paragraph_id=paragraph_id,
                element=element,
            )
        )

    def rule(
        self,
        paragraph_id: str,
        kind: RulingKind | str,
        *,
        by: str = "Chair",
        note: str = "",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Record a chair's ruling: agreed in informals, ad referendum, confirmed, reopened."""
        self.append(
            RulingRecorded(
                **self._common(by, at, meeting),
                paragraph_id=paragraph_id,
                kind=RulingKind(kind),
                note=note,
            )
        )

    def define_package(
        self,
        package_id: str,
        members: Sequence[str],
        *,
        by: str = "Chair",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Define paragraphs (or packages) agreed all together or not at all."""
        self.append(
            PackageDefined(
                **self._common(by, at, meeting), package_id=package_id, members=tuple(members)
            )
        )

    def start_silence(
        self,
        silence_id: str,
        *,
        deadline: dt.datetime,
        paragraph_ids: Sequence[str] = (),
        by: str = "Chair",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Put the text (or some paragraphs) under silence until ``deadline``."""
        self.append(
            SilenceStarted(
                **self._common(by, at, meeting),
                silence_id=silence_id,
                deadline=deadline,
                paragraph_ids=tuple(paragraph_ids),
            )
        )

    def break_silence(
        self,
        silence_id: str,
        participant: str,
        *,
        note: str = "",
        by: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Record a participant breaking silence (late breaks are recorded too)."""
        self.append(
            SilenceBroken(
                **self._common(by or participant, at, meeting),
                silence_id=silence_id,
                participant=participant,
                note=note,
            )
        )

    def withdraw_silence_break(
        self,
        silence_id: str,
        participant: str,
        *,
        by: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Record a participant withdrawing its break of silence."""
        self.append(
            SilenceBreakWithdrawn(
                **self._common(by or participant, at, meeting),
                silence_id=silence_id,
                participant=participant,
            )
        )

    def record_vote(
        self,
        vote_id: str,
        ballots: Mapping[str, Ballot | str],
        *,
        paragraph_id: str | None = None,
        important_question: bool = False,
        by: str = "Secretariat",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Record a vote on a paragraph (or the whole document)."""
        self.append(
            VoteRecorded(
                **self._common(by, at, meeting),
                vote_id=vote_id,
                ballots=ballots,
                paragraph_id=paragraph_id,
                important_question=important_question,
            )
        )

    def register_participant(
        self,
        participant: Participant,
        *,
        by: str = "Secretariat",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Add a participant (an NGO, an organization...) to the negotiation's registry."""
        self.append(ParticipantRegistered(**self._common(by, at, meeting), participant=participant))

    def register_group(
        self,
        group: Group,
        *,
        by: str = "Secretariat",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Add a group, or replace the group of the same code (a change of membership)."""
        self.append(GroupRegistered(**self._common(by, at, meeting), group=group))

    def issue_revision(
        self,
        label: str,
        kind: RevisionKind | str = RevisionKind.REVISION,
        *,
        author: str = "Chair",
        symbol: str = "",
        note: str = "",
        by: str | None = None,
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Circulate the draft as it stands as a revision (``"Zero draft"``, ``"Rev.1"``...).

        Args:
            kind: a :class:`RevisionKind` or its value or title (``"zero_draft"``, ``"CRP"``).
            author: the chair, a facilitator, the secretariat or a sponsor.
            by: who recorded it; by default the author when that is an official or a
                participant, else the secretariat.
        """
        kind = kind if isinstance(kind, RevisionKind) else RevisionKind.parse(kind)
        if by is None:
            from consensus_text.history.events import OFFICIALS

            by = author if author in OFFICIALS or author in self.registry else "Secretariat"
        self.append(
            RevisionIssued(
                **self._common(by, at, meeting),
                label=label,
                kind=kind,
                author=author,
                symbol=symbol,
                note=note,
            )
        )

    def adopt(
        self,
        *,
        by: str = "Chair",
        note: str = "",
        at: dt.datetime | None = None,
        meeting: str | None = None,
    ) -> None:
        """Record the adoption of the whole document."""
        self.append(DocumentAdopted(**self._common(by, at, meeting), note=note))
