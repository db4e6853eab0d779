"""Pending amendments: proposals of new wording, kept applicable while the text moves on.

An :class:`Amendment` is a patch against the version of a paragraph it was written for: the
text it saw (``base_text``) and the text it proposes (``new_text``). When another amendment to
the same paragraph is accepted, every pending one is rebased onto the new wording by replaying
its word-level patch (see :func:`consensus_text.diff.apply_patch`). One whose words, or the
words right next to them, were changed by the accepted amendment no longer applies: it is
flagged as a :class:`Conflict` for its proposer, never dropped and never applied by guesswork.
Each amendment keeps its history: the original and every rebased version.

>>> base = "Decides to convene a review conference in 2026;"
>>> queue = AmendmentQueue().with_paragraph("p1", base)
>>> queue = queue.propose(Amendment("a1", "p1", 1, base,
...     "Decides to convene a high-level review conference in 2026;", proposer="EU"))
>>> queue = queue.propose(Amendment("a2", "p1", 1, base,
...     "Decides to convene a review conference in 2027;", proposer="USA"))
>>> queue = queue.propose(Amendment("a3", "p1", 1, base,
...     "Decides to hold a review conference in 2026;", proposer="RUS"))
>>> update = queue.accept("a1")
>>> update.text, update.version
('Decides to convene a high-level review conference in 2026;', 2)
>>> update.queue.amendment("a2").new_text
'Decides to convene a high-level review conference in 2027;'
>>> [(c.amendment_id, c.proposer) for c in update.conflicts]
[('a3', 'RUS')]
>>> [(r.change.value, r.amendment.base_version) for r in update.queue.history("a2")]
[('proposed', 1), ('rebased', 2)]

Amendments to amendments (``parent``) are written against the parent's proposed text and follow
it: accepting one changes the parent's proposal, and when the parent is accepted its pending
sub-amendments become amendments to the paragraph.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from functools import cached_property

import attrs

from consensus_text.diff import DiffOp, Hunk, Patch, apply_patch, diff_words, make_patch
from consensus_text.errors import (
    AmendmentNotFoundError,
    InvalidEventError,
    ParagraphNotFoundError,
    ValidationError,
)
from consensus_text.model._validators import aware, non_empty, positive
from consensus_text.model.paragraphs import Draft

__all__ = [
    "Amendment",
    "AmendmentChange",
    "AmendmentEntry",
    "AmendmentQueue",
    "AmendmentRecord",
    "AmendmentStatus",
    "Conflict",
    "ParagraphText",
    "QueueUpdate",
    "RebaseResult",
    "rebase",
]


class AmendmentStatus(enum.Enum):
    """Where an amendment stands."""

    PENDING = "pending"  #: applies to the current text, awaiting a decision
    CONFLICT = "conflict"  #: no longer applies; its proposer must restate it (revise)
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"  #: the amendment it amended was rejected or withdrawn

    @property
    def is_open(self) -> bool:
        """Pending or in conflict: still to be decided."""
        return self in (AmendmentStatus.PENDING, AmendmentStatus.CONFLICT)


class AmendmentChange(enum.Enum):
    """What happened to an amendment, as recorded in its history."""

    PROPOSED = "proposed"
    REBASED = "rebased"  #: replayed onto a new text, cleanly
    CONFLICTED = "conflicted"  #: could not be replayed onto a new text
    REVISED = "revised"  #: restated by its proposer against the current text
    AMENDED = "amended"  #: its proposal was changed by an accepted sub-amendment
    REPARENTED = "reparented"  #: its parent was accepted; it now amends what the parent amended
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"


@attrs.frozen
class Amendment:
    """A proposed change of wording, written against one version of a paragraph (or amendment).

    Attributes:
        id: unique among the amendments of a queue.
        paragraph_id: the paragraph it amends (through its parent, for a sub-amendment).
        base_version: the paragraph version it was written for; for a sub-amendment, the
            revision of the parent amendment.
        base_text: the wording it was written against.
        new_text: the wording it proposes.
        proposer: the participant (or group) that proposed it.
        proposed_at: when (aware datetime).
        parent: the amendment this one amends, or None.
        revision: raised by one at every new version (rebase, revision, change by a
            sub-amendment).
    """

    id: str = attrs.field(validator=non_empty)
    paragraph_id: str = attrs.field(validator=non_empty)
    base_version: int = attrs.field(validator=positive)
    base_text: str = attrs.field(validator=attrs.validators.instance_of(str))
    new_text: str = attrs.field(validator=attrs.validators.instance_of(str))
    proposer: str = attrs.field(validator=non_empty)
    proposed_at: dt.datetime | None = attrs.field(default=None, validator=aware)
    parent: str | None = None
    revision: int = attrs.field(default=1, validator=positive, kw_only=True)

    @property
    def patch(self) -> Patch:
        """The word-level patch from :attr:`base_text` to :attr:`new_text`."""
        return make_patch(self.base_text, self.new_text)

    @property
    def ops(self) -> tuple[DiffOp, ...]:
        """The word diff from :attr:`base_text` to :attr:`new_text`, for display."""
        return diff_words(self.base_text, self.new_text)

    @property
    def is_subamendment(self) -> bool:
        """True for an amendment to an amendment."""
        return self.parent is not None


@attrs.frozen
class Conflict:
    """An amendment that no longer applies to the text it must now amend.

    Attributes:
        amendment_id: the amendment in conflict.
        proposer: whom to tell.
        paragraph_id: the paragraph.
        base_version: the version (paragraph version, or parent revision) it failed against.
        base_text: the text it failed against.
        hunks: the parts of the amendment that no longer apply.
        incorporated: True when the new text already says what the amendment proposed.
    """

    amendment_id: str
    proposer: str
    paragraph_id: str
    base_version: int
    base_text: str
    hunks: tuple[Hunk, ...] = ()
    incorporated: bool = False

    def __str__(self) -> str:
        where = f"amendment {self.amendment_id!r} by {self.proposer}"
        if self.incorporated:
            return (
                f"{where} is already incorporated in version {self.base_version} of paragraph "
                f"{self.paragraph_id!r}; withdraw it, or revise it if more is proposed"
            )
        changed = "; ".join(repr(h.before) for h in self.hunks)
        return (
            f"{where} no longer applies to version {self.base_version} of paragraph "
            f"{self.paragraph_id!r}: the wording it changes, {changed}, was changed meanwhile; "
            "its proposer may restate it against the current text (AmendmentQueue.revise)"
        )


@attrs.frozen
class RebaseResult:
    """What :func:`rebase` made of an amendment: a new version of it, or a conflict.

    Attributes:
        original: the amendment as it was.
        amendment: its new version, when it applied cleanly.
        conflict: the conflict, when it did not.
    """

    original: Amendment
    amendment: Amendment | None = None
    conflict: Conflict | None = None

    @property
    def ok(self) -> bool:
        """True when the amendment applied cleanly."""
        return self.amendment is not None


def rebase(amendment: Amendment, new_base_text: str, new_version: int) -> RebaseResult:
    """Replay an amendment onto a new version of the text it amends.

    The changes from the amendment's base to the new text are compared with the amendment's
    own, word by word; the amendment applies when they touch neither its words nor the words
    on either side of them. Otherwise the result is a :class:`Conflict`.

    Args:
        amendment: the amendment.
        new_base_text: the text it must now amend.
        new_version: that text's version (paragraph version or parent revision).

    >>> a = Amendment("a1", "p1", 1, "States shall cooperate closely on capacity-building;",
    ...               "States shall cooperate closely on capacity-building and training;",
    ...               proposer="AGN")
    >>> rebase(a, "All States shall cooperate closely on capacity-building;", 2).amendment.new_text
    'All States shall cooperate closely on capacity-building and training;'
    >>> rebase(a, "States shall cooperate closely on cyber capacity-building;", 2).ok
    False
    """
    if new_base_text == amendment.base_text:
        moved = attrs.evolve(amendment, base_version=new_version, revision=amendment.revision + 1)
        return RebaseResult(amendment, moved)
    if new_base_text == amendment.new_text:
        return RebaseResult(
            amendment, conflict=_conflict(amendment, new_base_text, new_version, (), True)
        )
    patch = amendment.patch
    result = apply_patch(patch, new_base_text, base=amendment.base_text)
    if not result.clean:
        conflict = _conflict(amendment, new_base_text, new_version, result.failed, False)
        return RebaseResult(amendment, conflict=conflict)
    rebased = attrs.evolve(
        amendment,
        base_version=new_version,
        base_text=new_base_text,
        new_text=result.text,
        revision=amendment.revision + 1,
    )
    return RebaseResult(amendment, rebased)


def _conflict(
    amendment: Amendment,
    text: str,
    version: int,
    hunks: tuple[Hunk, ...],
    incorporated: bool,
) -> Conflict:
    return Conflict(
        amendment_id=amendment.id,
        proposer=amendment.proposer,
        paragraph_id=amendment.paragraph_id,
        base_version=version,
        base_text=text,
        hunks=hunks,
        incorporated=incorporated,
    )


@attrs.frozen
class AmendmentRecord:
    """One entry of an amendment's history.

    Attributes:
        change: what happened.
        amendment: the amendment as it stood after the change.
        status: its status after the change.
        cause: the amendment whose acceptance (or other decision) caused the change, if any.
        at: when, if known.
        conflict: the conflict, for :attr:`AmendmentChange.CONFLICTED`.
    """

    change: AmendmentChange
    amendment: Amendment
    status: AmendmentStatus
    cause: str | None = None
    at: dt.datetime | None = None
    conflict: Conflict | None = None


@attrs.frozen
class AmendmentEntry:
    """An amendment in a queue: its current version, status and history.

    Attributes:
        amendment: the current version (the last that applied cleanly, for a conflict).
        status: where it stands.
        conflict: why it does not apply, when its status is ``CONFLICT``.
        history: every version and decision, oldest first.
    """

    amendment: Amendment
    status: AmendmentStatus
    conflict: Conflict | None = None
    history: tuple[AmendmentRecord, ...] = ()


@attrs.frozen
class ParagraphText:
    """The current wording of a paragraph in a queue, and its version."""

    id: str = attrs.field(validator=non_empty)
    text: str
    version: int = attrs.field(default=1, validator=positive)


@attrs.frozen
class QueueUpdate:
    """The result of accepting an amendment or replacing a paragraph's text.

    Attributes:
        queue: the queue after the change.
        paragraph_id: the paragraph concerned.
        text: its wording now.
        version: its version now.
        rebased: the amendments that were replayed, with their outcome.
        conflicts: the amendments that no longer apply, for their proposers.
    """

    queue: AmendmentQueue
    paragraph_id: str
    text: str
    version: int
    rebased: tuple[RebaseResult, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@attrs.frozen
class AmendmentQueue:
    """The amendments proposed to the paragraphs of a text, as an immutable value.

    Every operation returns a new queue (or a :class:`QueueUpdate` holding one).

    Attributes:
        paragraphs: the paragraphs amendments may be proposed to, with their current wording.
        entries: every amendment ever proposed, in the order proposed.
    """

    paragraphs: tuple[ParagraphText, ...] = ()
    entries: tuple[AmendmentEntry, ...] = ()

    @classmethod
    def from_draft(cls, draft: Draft) -> AmendmentQueue:
        """A queue for the active paragraphs of a draft, at their current versions."""
        return cls(tuple(ParagraphText(p.id, p.text, p.version) for p in draft.active()))

    def with_paragraph(self, paragraph_id: str, text: str, version: int = 1) -> AmendmentQueue:
        """A queue that also knows (or now knows this wording of) a paragraph.

        Pending amendments are not rebased: use :meth:`replace_text` when the wording of a
        paragraph with amendments changes.
        """
        paragraph = ParagraphText(paragraph_id, text, version)
        others = tuple(p for p in self.paragraphs if p.id != paragraph_id)
        return attrs.evolve(self, paragraphs=(*others, paragraph))

    # -- lookups ----------------------------------------------------------------------------

    @cached_property
    def _paragraph_index(self) -> dict[str, ParagraphText]:
        return {p.id: p for p in self.paragraphs}

    @cached_property
    def _entry_index(self) -> dict[str, AmendmentEntry]:
        return {e.amendment.id: e for e in self.entries}

    def __iter__(self) -> Iterator[Amendment]:
        return (entry.amendment for entry in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, amendment_id: object) -> bool:
        return amendment_id in self._entry_index

    def paragraph(self, paragraph_id: str) -> ParagraphText:
        """The current wording and version of a paragraph.

        Raises:
            ParagraphNotFoundError: the queue does not know the paragraph.
        """
        try:
            return self._paragraph_index[paragraph_id]
        except KeyError:
            raise ParagraphNotFoundError(
                f"the amendment queue has no paragraph {paragraph_id!r}",
                hint="add it with with_paragraph() or build the queue with from_draft()",
            ) from None

    def text(self, paragraph_id: str) -> str:
        """The current wording of a paragraph."""
        return self.paragraph(paragraph_id).text

    def version(self, paragraph_id: str) -> int:
        """The current version of a paragraph."""
        return self.paragraph(paragraph_id).version

    def entry(self, amendment_id: str) -> AmendmentEntry:
        """An amendment's entry: current version, status, conflict and history.

        Raises:
            AmendmentNotFoundError: no amendment has that id.
        """
        try:
            return self._entry_index[amendment_id]
        except KeyError:
            known = ", ".join(repr(e.amendment.id) for e in self.entries[:10]) or "none"
            raise AmendmentNotFoundError(
                f"no amendment {amendment_id!r} in the queue", hint=f"known amendments: {known}"
            ) from None

    def amendment(self, amendment_id: str) -> Amendment:
        """The current version of an amendment."""
        return self.entry(amendment_id).amendment

    def status(self, amendment_id: str) -> AmendmentStatus:
        """Where an amendment stands."""
        return self.entry(amendment_id).status

    def history(self, amendment_id: str) -> tuple[AmendmentRecord, ...]:
        """Every version of an amendment and every decision on it, oldest first."""
        return self.entry(amendment_id).history

    def pending(self, paragraph_id: str | None = None) -> tuple[Amendment, ...]:
        """The amendments that apply to the current text, in the order proposed."""
        return tuple(
            e.amendment
            for e in self.entries
            if e.status is AmendmentStatus.PENDING
            and (paragraph_id is None or e.amendment.paragraph_id == paragraph_id)
        )

    def conflicts(self, proposer: str | None = None) -> tuple[Conflict, ...]:
        """The amendments in conflict (of one proposer), in the order proposed."""
        return tuple(
            e.conflict
            for e in self.entries
            if e.conflict is not None
            and e.status is AmendmentStatus.CONFLICT
            and (proposer is None or e.amendment.proposer == proposer)
        )

    def children(self, amendment_id: str) -> tuple[Amendment, ...]:
        """The open amendments to an amendment."""
        self.entry(amendment_id)
        return tuple(
            e.amendment
            for e in self.entries
            if e.amendment.parent == amendment_id and e.status.is_open
        )

    # -- operations -------------------------------------------------------------------------

    def propose(self, amendment: Amendment, *, at: dt.datetime | None = None) -> AmendmentQueue:
        """A queue with a new amendment.

        An amendment written for an earlier version of the paragraph (or of its parent
        amendment) is rebased at once, and may be in conflict from the start.

        Raises:
            ValidationError: the id is taken, the amendment changes nothing, or its base text
                is not the text of the version it names.
            ParagraphNotFoundError: the queue does not know the paragraph.
            InvalidEventError: the parent amendment is unknown, closed, or of another paragraph.
        """
        if amendment.id in self._entry_index:
            raise ValidationError(
                f"amendment id {amendment.id!r} is already used",
                hint="give every amendment its own id",
            )
        if amendment.new_text == amendment.base_text:
            raise ValidationError(
                f"amendment {amendment.id!r} changes nothing: its new text is its base text",
                hint="propose the wording the amendment would put in the paragraph",
            )
        self.paragraph(amendment.paragraph_id)
        if amendment.parent is not None:
            parent = self.entry(amendment.parent)
            if not parent.status.is_open:
                raise InvalidEventError(
                    f"amendment {amendment.id!r} amends {amendment.parent!r}, which is "
                    f"{parent.status.value}",
                    hint="only pending amendments can be amended; amend the paragraph instead",
                )
            if parent.amendment.paragraph_id != amendment.paragraph_id:
                raise InvalidEventError(
                    f"amendment {amendment.id!r} is to paragraph {amendment.paragraph_id!r} but "
                    f"its parent {amendment.parent!r} is to {parent.amendment.paragraph_id!r}",
                    hint="give a sub-amendment the paragraph of the amendment it amends",
                )
        work = _Work(self)
        text, version = work.target(amendment)
        what = "paragraph" if amendment.parent is None else "amendment"
        where = amendment.paragraph_id if amendment.parent is None else amendment.parent
        if amendment.base_version > version:
            raise ValidationError(
                f"amendment {amendment.id!r} names version {amendment.base_version} of {what} "
                f"{where!r}, which is at version {version}",
                hint="write the amendment against the current text",
            )
        if amendment.base_version == version and amendment.base_text != text:
            raise ValidationError(
                f"amendment {amendment.id!r}: its base text is not the text of version {version} "
                f"of {what} {where!r}",
                hint="copy the base text from the queue (AmendmentQueue.text or .amendment)",
            )
        work.entries[amendment.id] = AmendmentEntry(
            amendment,
            AmendmentStatus.PENDING,
            history=(
                AmendmentRecord(
                    AmendmentChange.PROPOSED,
                    amendment,
                    AmendmentStatus.PENDING,
                    at=amendment.proposed_at if at is None else at,
                ),
            ),
        )
        if amendment.base_version < version:
            work.rebase(amendment.id, text, version, cause=None, at=at)
        return work.freeze()

    def accept(self, amendment_id: str, *, at: dt.datetime | None = None) -> QueueUpdate:
        """Accept a pending amendment: its wording becomes the text it amends.

        For an amendment to the paragraph, the paragraph's wording changes (its version rises
        by one) and every other open amendment to it is rebased; a sub-amendment changes the
        proposal of its parent instead, and its siblings are rebased. The accepted amendment's
        own sub-amendments now amend what it amended.

        Raises:
            InvalidEventError: the amendment is unknown, in conflict or already decided.
        """
        entry = self.entry(amendment_id)
        if entry.status is not AmendmentStatus.PENDING:
            hint = (
                "its proposer must first restate it against the current text (revise)"
                if entry.status is AmendmentStatus.CONFLICT
                else "only pending amendments can be accepted"
            )
            raise InvalidEventError(
                f"amendment {amendment_id!r} is {entry.status.value}", hint=hint
            )
        work = _Work(self)
        amendment = entry.amendment
        siblings = work.open_siblings(amendment, exclude=amendment_id)
        work.close(amendment_id, AmendmentStatus.ACCEPTED, AmendmentChange.ACCEPTED, None, at)
        new_text, new_version = work.set_target(amendment, at)
        for child in work.open_children(amendment_id):
            reparented = attrs.evolve(
                child,
                parent=amendment.parent,
                base_version=new_version,
                base_text=new_text,
                revision=child.revision + 1,
            )
            work.record(reparented, AmendmentChange.REPARENTED, amendment_id, at)
        for sibling in siblings:
            work.rebase(sibling.id, new_text, new_version, cause=amendment_id, at=at)
        return work.update(amendment.paragraph_id)

    def reject(self, amendment_id: str, *, at: dt.datetime | None = None) -> AmendmentQueue:
        """Reject an open amendment; its sub-amendments lapse."""
        return self._close(amendment_id, AmendmentStatus.REJECTED, AmendmentChange.REJECTED, at)

    def withdraw(self, amendment_id: str, *, at: dt.datetime | None = None) -> AmendmentQueue:
        """Withdraw an open amendment (its proposer's decision); its sub-amendments lapse."""
        return self._close(amendment_id, AmendmentStatus.WITHDRAWN, AmendmentChange.WITHDRAWN, at)

    def _close(
        self,
        amendment_id: str,
        status: AmendmentStatus,
        change: AmendmentChange,
        at: dt.datetime | None,
    ) -> AmendmentQueue:
        entry = self.entry(amendment_id)
        if not entry.status.is_open:
            raise InvalidEventError(
                f"amendment {amendment_id!r} is already {entry.status.value}",
                hint="only pending amendments and amendments in conflict can be closed",
            )
        work = _Work(self)
        work.close(amendment_id, status, change, None, at)
        work.lapse_children(amendment_id, at)
        return work.freeze()

    def revise(
        self, amendment_id: str, new_text: str, *, at: dt.datetime | None = None
    ) -> AmendmentQueue:
        """The proposer restates an open amendment against the current text.

        This is how a conflict is resolved. The amendment's sub-amendments are rebased onto
        its new wording.

        Raises:
            InvalidEventError: the amendment is unknown or closed.
            ValidationError: the new wording is the current text (nothing proposed).
        """
        entry = self.entry(amendment_id)
        if not entry.status.is_open:
            raise InvalidEventError(
                f"amendment {amendment_id!r} is {entry.status.value}",
                hint="propose a new amendment instead",
            )
        work = _Work(self)
        text, version = work.target(entry.amendment)
        if new_text == text:
            raise ValidationError(
                f"the revised amendment {amendment_id!r} changes nothing in the current text",
                hint="withdraw the amendment if nothing is proposed any more",
            )
        revised = attrs.evolve(
            entry.amendment,
            base_version=version,
            base_text=text,
            new_text=new_text,
            revision=entry.amendment.revision + 1,
        )
        work.record(revised, AmendmentChange.REVISED, None, at, status=AmendmentStatus.PENDING)
        work.rebase_children(amendment_id, None, at)
        return work.freeze()

    def replace_text(
        self,
        paragraph_id: str,
        text: str,
        *,
        version: int | None = None,
        at: dt.datetime | None = None,
    ) -> QueueUpdate:
        """The paragraph's wording changed outside the queue (a new revision): rebase all.

        Args:
            paragraph_id: the paragraph.
            text: its new wording.
            version: its new version; the current one plus one by default.
            at: when.
        """
        current = self.paragraph(paragraph_id)
        new_version = current.version + 1 if version is None else version
        if new_version < current.version:
            raise ValidationError(
                f"paragraph {paragraph_id!r} is at version {current.version}, not below",
                hint=f"pass a version of {current.version} or more",
            )
        work = _Work(self)
        work.paragraphs[paragraph_id] = ParagraphText(paragraph_id, text, new_version)
        for amendment in work.open_top_level(paragraph_id):
            work.rebase(amendment.id, text, new_version, cause=None, at=at)
        return work.update(paragraph_id)


class _Work:
    """A mutable copy of a queue, for the duration of one operation."""

    def __init__(self, queue: AmendmentQueue) -> None:
        self.paragraphs = {p.id: p for p in queue.paragraphs}
        self.entries = {e.amendment.id: e for e in queue.entries}
        self.results: list[RebaseResult] = []
        self.new_conflicts: list[Conflict] = []

    def freeze(self) -> AmendmentQueue:
        return AmendmentQueue(tuple(self.paragraphs.values()), tuple(self.entries.values()))

    def update(self, paragraph_id: str) -> QueueUpdate:
        paragraph = self.paragraphs[paragraph_id]
        return QueueUpdate(
            self.freeze(),
            paragraph_id,
            paragraph.text,
            paragraph.version,
            tuple(self.results),
            tuple(self.new_conflicts),
        )

    def target(self, amendment: Amendment) -> tuple[str, int]:
        """The text an amendment amends now, and its version."""
        if amendment.parent is None:
            paragraph = self.paragraphs[amendment.paragraph_id]
            return paragraph.text, paragraph.version
        parent = self.entries[amendment.parent].amendment
        return parent.new_text, parent.revision

    def set_target(self, amendment: Amendment, at: dt.datetime | None) -> tuple[str, int]:
        """Put an accepted amendment's wording in place; the new text and version."""
        if amendment.parent is None:
            old = self.paragraphs[amendment.paragraph_id]
            paragraph = ParagraphText(old.id, amendment.new_text, old.version + 1)
            self.paragraphs[old.id] = paragraph
            return paragraph.text, paragraph.version
        parent = self.entries[amendment.parent].amendment
        changed = attrs.evolve(parent, new_text=amendment.new_text, revision=parent.revision + 1)
        self.record(changed, AmendmentChange.AMENDED, amendment.id, at)
        return changed.new_text, changed.revision

    def record(
        self,
        amendment: Amendment,
        change: AmendmentChange,
        cause: str | None,
        at: dt.datetime | None,
        *,
        status: AmendmentStatus | None = None,
        conflict: Conflict | None = None,
    ) -> None:
        entry = self.entries[amendment.id]
        status = entry.status if status is None else status
        record = AmendmentRecord(change, amendment, status, cause, at, conflict)
        self.entries[amendment.id] = AmendmentEntry(
            amendment,
            status,
            conflict if status is AmendmentStatus.CONFLICT else None,
            (*entry.history, record),
        )

    def close(
        self,
        amendment_id: str,
        status: AmendmentStatus,
        change: AmendmentChange,
        cause: str | None,
        at: dt.datetime | None,
    ) -> None:
        self.record(self.entries[amendment_id].amendment, change, cause, at, status=status)

    def _open(self, amendments: Iterable[AmendmentEntry]) -> list[Amendment]:
        return [e.amendment for e in amendments if e.status.is_open]

    def open_children(self, amendment_id: str) -> list[Amendment]:
        return self._open(e for e in self.entries.values() if e.amendment.parent == amendment_id)

    def open_top_level(self, paragraph_id: str) -> list[Amendment]:
        return self._open(
            e
            for e in self.entries.values()
            if e.amendment.parent is None and e.amendment.paragraph_id == paragraph_id
        )

    def open_siblings(self, amendment: Amendment, *, exclude: str) -> list[Amendment]:
        return [
            a
            for a in self._open(
                e
                for e in self.entries.values()
                if e.amendment.parent == amendment.parent
                and e.amendment.paragraph_id == amendment.paragraph_id
            )
            if a.id != exclude
        ]

    def rebase(
        self,
        amendment_id: str,
        text: str,
        version: int,
        *,
        cause: str | None,
        at: dt.datetime | None,
    ) -> None:
        """Rebase an open amendment onto ``text``; then its sub-amendments onto its new text."""
        entry = self.entries[amendment_id]
        result = rebase(entry.amendment, text, version)
        self.results.append(result)
        if result.amendment is not None:
            self.record(
                result.amendment,
                AmendmentChange.REBASED,
                cause,
                at,
                status=AmendmentStatus.PENDING,
            )
            self.rebase_children(amendment_id, cause, at)
        else:
            assert result.conflict is not None
            self.new_conflicts.append(result.conflict)
            self.record(
                entry.amendment,
                AmendmentChange.CONFLICTED,
                cause,
                at,
                status=AmendmentStatus.CONFLICT,
                conflict=result.conflict,
            )

    def rebase_children(self, amendment_id: str, cause: str | None, at: dt.datetime | None) -> None:
        parent = self.entries[amendment_id].amendment
        for child in self.open_children(amendment_id):
            self.rebase(child.id, parent.new_text, parent.revision, cause=cause, at=at)

    def lapse_children(self, amendment_id: str, at: dt.datetime | None) -> None:
        for child in self.open_children(amendment_id):
            self.close(child.id, AmendmentStatus.LAPSED, AmendmentChange.LAPSED, amendment_id, at)
            self.lapse_children(child.id, at)
