"""History analytics as plain records: how a negotiation moved, revision by revision.

Everything here reads a negotiation through its public API only: :attr:`Negotiation.events
<consensus_text.history.Negotiation.events>`, :meth:`Negotiation.snapshot(revision=...)
<consensus_text.history.Negotiation.snapshot>` and
:func:`~consensus_text.consensus.compute_report`. The results are frozen attrs records;
:mod:`consensus_text.analysis.frames` turns them into pandas DataFrames.

**Checkpoints.** Metrics are measured at *checkpoints*: every revision issued, in order, then the
current state (labelled :data:`CURRENT`) when events were recorded after the last revision
(``include_current=True``, the default). A :class:`Timeline` holds the checkpoints with their
snapshot and their consensus report; each report is computed as of the checkpoint's moment
(``now=checkpoint.at``), so a silence procedure still running then is reported as running.

**Agreed.** A paragraph *counts as agreed* at a checkpoint when its status is
``consensus_ready``, ``agreed_in_informals``, ``confirmed`` or ``adopted``, and also
``agreed_ad_referendum`` when the rules say so (``Rules.ad_referendum_counts_as_agreed``, true
in every preset); see :attr:`Timeline.agreed_statuses`.

**Sides.** A position takes a *side* on a *question*, the (paragraph, wording version, element)
it was stated on (element None: the whole paragraph): ``"option N"`` when it names a preferred
alternative, else ``"for"`` (support, can live with), ``"against"`` (formal objection) or
``"reserved"`` (any reservation). Dissociations and explanations take no side. See
:func:`side_of`.

A small negotiation, measured:

>>> import datetime as dt
>>> from consensus_text.history import Negotiation
>>> t = lambda day, hour=10: dt.datetime(2025, 3, day, hour, tzinfo=dt.timezone.utc)
>>> neg = Negotiation.create("Declaration", at=t(1, 9))
>>> p1 = neg.propose("Decides to [establish][convene] a forum;", by="Chair", at=t(1))
>>> neg.issue_revision("Zero draft", "zero_draft", at=t(2))
>>> neg.state_position("FRA", p1, "support", element=1, preferred_option=1, at=t(3))
>>> neg.state_position("USA", p1, "support", element=1, preferred_option=1, at=t(3))
>>> neg.resolve(p1, 1, how="choose", option=1, by="Chair", at=t(4))
>>> neg.issue_revision("Rev.1", at=t(5))
>>> timeline = compute_timeline(neg)
>>> timeline.labels
('Zero draft', 'Rev.1')
>>> [(m.checkpoint, m.agreed, m.brackets, m.words_deleted) for m in compute_revision_metrics(timeline)]
[('Zero draft', 0, 1, 0), ('Rev.1', 1, 0, 1)]
>>> (m,) = compute_paragraph_metrics(timeline)
>>> m.consensus_checkpoint, m.revisions_to_consensus, m.time_to_consensus
('Rev.1', 1, datetime.timedelta(days=4))
>>> [(a.participant, a.other, a.shared, a.agreed) for a in compute_alignment(timeline)]
[('FRA', 'USA', 1, 1)]
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Final

import attrs

from consensus_text.consensus import ConsensusReport, Rules, Status, compute_report
from consensus_text.diff import DiffKind, diff_words
from consensus_text.errors import RevisionNotFoundError, ValidationError
from consensus_text.history import (
    OFFICIALS,
    BracketInserted,
    Event,
    Negotiation,
    ParagraphProposed,
    ParagraphsMerged,
    ParagraphSplit,
    PositionStated,
)
from consensus_text.model.brackets import Alternatives, Bracket
from consensus_text.model.paragraphs import Draft, Paragraph
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.snapshot import Snapshot

__all__ = [
    "CURRENT",
    "BracketInsertion",
    "Checkpoint",
    "Holding",
    "HoldingKind",
    "PairAlignment",
    "ParagraphMetrics",
    "ParagraphObservation",
    "ParticipantMetrics",
    "PositionObservation",
    "RevisionMetrics",
    "StatusCount",
    "Timeline",
    "compute_alignment",
    "compute_holdings",
    "compute_paragraph_metrics",
    "compute_paragraph_observations",
    "compute_participant_metrics",
    "compute_position_observations",
    "compute_revision_metrics",
    "compute_status_counts",
    "compute_timeline",
    "full_label",
    "questions_by_participant",
    "side_of",
]

#: The label of the checkpoint that stands for the state after the last revision.
CURRENT: Final = "current"

_WORD: Final = re.compile(r"\w+", re.UNICODE)

_ALWAYS_AGREED: Final = frozenset(
    {Status.CONSENSUS_READY, Status.AGREED_IN_INFORMALS, Status.CONFIRMED, Status.ADOPTED}
)


# --------------------------------------------------------------------------- the timeline


@attrs.frozen
class Checkpoint:
    """One point of measurement: a revision as circulated, or the current state.

    Attributes:
        index: the checkpoint's position in the timeline, from 0.
        label: the revision's label, or :data:`CURRENT`.
        at: when: the revision's issue date, or the time of the last event for :data:`CURRENT`.
        event_count: how many events of the log the checkpoint reflects.
        is_revision: False only for the :data:`CURRENT` checkpoint.
        snapshot: the state at the checkpoint.
        report: the consensus report on that state, computed as of ``at``.
    """

    index: int
    label: str
    at: dt.datetime
    event_count: int
    is_revision: bool
    snapshot: Snapshot = attrs.field(eq=False, repr=False)
    report: ConsensusReport = attrs.field(eq=False, repr=False)


@attrs.frozen
class BracketInsertion:
    """Brackets that a participant (not an official) put around existing wording.

    Attributes:
        event_number: the 1-based number of the BracketInserted event in the log.
        at: when.
        paragraph_id: the paragraph.
        participant: who inserted the brackets (the event's ``by``).
        source: the element as written right after the insertion: ``"[" + wording + "]"``.
    """

    event_number: int
    at: dt.datetime
    paragraph_id: str
    participant: str
    source: str


@attrs.frozen
class Timeline:
    """The checkpoints of a negotiation, with their snapshots and reports.

    Build it with :func:`compute_timeline` and pass it to every ``compute_*`` function of this
    module (they also accept a :class:`~consensus_text.history.Negotiation` and build the
    timeline with the default arguments).

    Attributes:
        checkpoints: in order: the revisions, then :data:`CURRENT` if included.
        events: the negotiation's event log.
        rules: the rules of procedure the reports were computed under.
        insertions: the brackets inserted by participants, in log order.
    """

    checkpoints: tuple[Checkpoint, ...]
    events: tuple[Event, ...] = attrs.field(eq=False, repr=False)
    rules: Rules = attrs.field(eq=False, repr=False)
    insertions: tuple[BracketInsertion, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the checkpoints, in order."""
        return tuple(checkpoint.label for checkpoint in self.checkpoints)

    @property
    def agreed_statuses(self) -> frozenset[Status]:
        """The statuses that count as agreed under :attr:`rules`."""
        if self.rules.ad_referendum_counts_as_agreed:
            return _ALWAYS_AGREED | {Status.AGREED_AD_REFERENDUM}
        return _ALWAYS_AGREED

    def is_agreed(self, status: Status) -> bool:
        """Whether a paragraph in this status counts as agreed."""
        return status in self.agreed_statuses

    def checkpoint(self, label: str) -> Checkpoint:
        """The checkpoint with this label.

        Raises:
            RevisionNotFoundError: no such checkpoint.
        """
        for checkpoint in self.checkpoints:
            if checkpoint.label == label:
                return checkpoint
        known = ", ".join(self.labels) or "none"
        raise RevisionNotFoundError(
            f"the timeline has no checkpoint {label!r}", hint=f"checkpoints: {known}"
        )

    @property
    def last(self) -> Checkpoint:
        """The last checkpoint.

        Raises:
            ValidationError: the timeline is empty.
        """
        if not self.checkpoints:
            raise ValidationError(
                "the timeline has no checkpoint: no revision was issued",
                hint="issue a revision, or build the timeline with include_current=True",
            )
        return self.checkpoints[-1]

    def __iter__(self) -> Iterator[Checkpoint]:
        return iter(self.checkpoints)

    def __len__(self) -> int:
        return len(self.checkpoints)


def compute_timeline(
    negotiation: Negotiation, rules: Rules | str = "oewg", *, include_current: bool = True
) -> Timeline:
    """The checkpoints of a negotiation: every revision issued, then the current state.

    Args:
        negotiation: the negotiation.
        rules: the rules of procedure, or a preset's name.
        include_current: add the current state as a last checkpoint labelled :data:`CURRENT`
            when events were recorded after the last revision (or no revision was issued).

    Raises:
        ProcedureError: an unknown preset name.
    """
    rules = rules if isinstance(rules, Rules) else Rules.preset(rules)
    events = negotiation.events
    checkpoints: list[Checkpoint] = []
    for label in negotiation.revisions:
        snapshot = negotiation.snapshot(revision=label)
        at = snapshot.revision_named(label).issued_at
        checkpoints.append(
            Checkpoint(
                index=len(checkpoints),
                label=label,
                at=at,
                event_count=snapshot.event_count,
                is_revision=True,
                snapshot=snapshot,
                report=compute_report(snapshot, rules, now=at),
            )
        )
    covered = checkpoints[-1].event_count if checkpoints else 0
    if include_current and events and len(events) > covered:
        snapshot = negotiation.state
        at = events[-1].at
        checkpoints.append(
            Checkpoint(
                index=len(checkpoints),
                label=CURRENT,
                at=at,
                event_count=len(events),
                is_revision=False,
                snapshot=snapshot,
                report=compute_report(snapshot, rules, now=at),
            )
        )
    insertions = []
    for number, event in enumerate(events, start=1):
        if isinstance(event, BracketInserted) and event.by not in OFFICIALS:
            before = negotiation.snapshot(event=number - 1).draft.paragraph(event.paragraph_id)
            insertions.append(
                BracketInsertion(
                    event_number=number,
                    at=event.at,
                    paragraph_id=event.paragraph_id,
                    participant=event.by,
                    source="[" + before.text[event.start : event.end] + "]",
                )
            )
    return Timeline(tuple(checkpoints), events, rules, tuple(insertions))


def _timeline(source: Timeline | Negotiation) -> Timeline:
    return source if isinstance(source, Timeline) else compute_timeline(source)


# --------------------------------------------------------------------------- helpers


def full_label(draft: Draft, paragraph_id: str) -> str:
    """The paragraph's label with its chapeaux' labels first (``"7(a)(i)"``), or its id when
    neither it nor its chapeaux have a label.

    >>> from consensus_text.model.labels import Label
    >>> from consensus_text.model.paragraphs import ParagraphKind
    >>> op = ParagraphKind.OPERATIVE
    >>> draft = Draft(paragraphs=(
    ...     Paragraph("c", op, "Decides:", label=Label.parse("7")),
    ...     Paragraph("a", op, "that;", label=Label.parse("(a)"), parent="c"),
    ... ))
    >>> full_label(draft, "a")
    '7(a)'
    """
    paragraph = draft.paragraph(paragraph_id)
    chain = [*reversed(draft.ancestors(paragraph_id)), paragraph]
    label = "".join(p.display_label for p in chain)
    return label or paragraph_id


def side_of(position: Position) -> str | None:
    """The side a position takes on its question (see the module's docstring).

    >>> side_of(Position("FRA", "p1", PositionKind.SUPPORT, element=1, preferred_option=2))
    'option 2'
    >>> [side_of(Position("FRA", "p1", kind)) for kind in PositionKind]
    ['for', 'for', 'reserved', 'reserved', 'reserved', 'against', None, None]
    """
    kind = position.kind
    if kind.is_record:
        return None
    if position.preferred_option is not None:
        return f"option {position.preferred_option}"
    if kind.is_agreement:
        return "for"
    if kind.blocks:
        return "against"
    return "reserved"


def _plain(paragraph: Paragraph) -> str:
    return paragraph.tree.plain_text()


def _word_changes(old: str, new: str) -> tuple[int, int]:
    """Words inserted and deleted from ``old`` to ``new`` (word-level diff)."""
    if old == new:
        return 0, 0
    inserted = deleted = 0
    for op in diff_words(old, new):
        if op.kind is DiffKind.INSERT:
            inserted += len(_WORD.findall(op.text))
        elif op.kind is DiffKind.DELETE:
            deleted += len(_WORD.findall(op.text))
    return inserted, deleted


def _bracket_holders(
    paragraph: Paragraph, insertions: tuple[BracketInsertion, ...], event_count: int
) -> set[str]:
    """Who holds a bracket in the paragraph's current text (see :func:`compute_holdings`)."""
    tree = paragraph.tree
    holders: set[str] = set()
    sources: list[str] = []
    for element in tree.elements():
        node = element.node
        if isinstance(node, Bracket):
            holders.update(node.attribution)
        elif isinstance(node, Alternatives):
            holders.update(node.attribution)
            for option in node.options:
                holders.update(option.attribution)
        sources.append(element.source(tree))
    for insertion in insertions:
        if insertion.paragraph_id != paragraph.id or insertion.event_number > event_count:
            continue
        wanted = insertion.source
        if any(s == wanted or s.startswith(wanted + "{") for s in sources):
            holders.add(insertion.participant)
    return holders


# --------------------------------------------------------------------------- per revision


@attrs.frozen
class RevisionMetrics:
    """What a checkpoint looks like, and how much its wording changed since the one before.

    Attributes:
        checkpoint: the checkpoint's label.
        index: its position in the timeline, from 0.
        at: its moment.
        event_count: the events it reflects.
        is_revision: False for :data:`CURRENT`.
        paragraphs: the paragraphs reported (active, not headings).
        agreed: how many of them count as agreed.
        brackets: the open contested elements (brackets, groups of alternatives, placeholders)
            of all reported paragraphs: the sum of ``ParagraphStatus.brackets``.
        paragraphs_changed: paragraphs (headings included) whose text differs from the previous
            checkpoint, counting those added and those deleted; every paragraph at the first.
        words_inserted: words inserted since the previous checkpoint (the first checkpoint is
            compared with an empty draft). Words are runs of letters and digits in the
            paragraphs' plain text (without bracket markers and attributions), compared
            paragraph by paragraph (by stable id) with a word-level diff; a replaced word counts
            once deleted and once inserted; a paragraph added counts all its words as inserted,
            a paragraph deleted all its words as deleted. Accepting a bracket changes no word.
        words_deleted: words deleted since the previous checkpoint, likewise.
        words_changed: ``words_inserted + words_deleted``.
        adoptable: whether the document as a whole was adoptable.
    """

    checkpoint: str
    index: int
    at: dt.datetime
    event_count: int
    is_revision: bool
    paragraphs: int
    agreed: int
    brackets: int
    paragraphs_changed: int
    words_inserted: int
    words_deleted: int
    words_changed: int
    adoptable: bool


def compute_revision_metrics(source: Timeline | Negotiation) -> tuple[RevisionMetrics, ...]:
    """One :class:`RevisionMetrics` per checkpoint, in order."""
    timeline = _timeline(source)
    out = []
    previous: dict[str, str] = {}
    for checkpoint in timeline:
        current = {p.id: _plain(p) for p in checkpoint.snapshot.draft.active()}
        inserted = deleted = changed = 0
        for pid in previous.keys() | current.keys():
            old, new = previous.get(pid), current.get(pid)
            if old == new:
                continue
            changed += 1
            plus, minus = _word_changes(old or "", new or "")
            inserted += plus
            deleted += minus
        report = checkpoint.report
        out.append(
            RevisionMetrics(
                checkpoint=checkpoint.label,
                index=checkpoint.index,
                at=checkpoint.at,
                event_count=checkpoint.event_count,
                is_revision=checkpoint.is_revision,
                paragraphs=len(report.paragraphs),
                agreed=sum(1 for s in report.paragraphs if timeline.is_agreed(s.status)),
                brackets=sum(s.brackets for s in report.paragraphs),
                paragraphs_changed=changed,
                words_inserted=inserted,
                words_deleted=deleted,
                words_changed=inserted + deleted,
                adoptable=report.document.adoptable,
            )
        )
        previous = current
    return tuple(out)


@attrs.frozen
class StatusCount:
    """How many paragraphs had one status at one checkpoint (every status, zeros included)."""

    checkpoint: str
    index: int
    status: Status
    count: int


def compute_status_counts(source: Timeline | Negotiation) -> tuple[StatusCount, ...]:
    """One :class:`StatusCount` per checkpoint and status, in checkpoint then status order."""
    timeline = _timeline(source)
    return tuple(
        StatusCount(
            checkpoint.label, checkpoint.index, status, checkpoint.report.document.counts[status]
        )
        for checkpoint in timeline
        for status in Status
    )


# --------------------------------------------------------------------------- per paragraph


@attrs.frozen
class ParagraphObservation:
    """One paragraph at one checkpoint.

    Attributes:
        checkpoint: the checkpoint's label.
        index: the checkpoint's position, from 0.
        paragraph_id: the paragraph's stable id.
        label: its full label there (see :func:`full_label`).
        status: its status.
        agreed: whether the status counts as agreed.
        brackets: its open contested elements.
        version: its wording's version.
        objectors: the codes whose formal objection blocks it (``ParagraphStatus.objectors``).
        reservations: the codes of the reservations that count (``ParagraphStatus.reservations``).
        bracket_holders: who holds a bracket in it (see :func:`compute_holdings`).
    """

    checkpoint: str
    index: int
    paragraph_id: str
    label: str
    status: Status
    agreed: bool
    brackets: int
    version: int
    objectors: tuple[str, ...]
    reservations: tuple[str, ...]
    bracket_holders: tuple[str, ...]


def compute_paragraph_observations(
    source: Timeline | Negotiation,
) -> tuple[ParagraphObservation, ...]:
    """One :class:`ParagraphObservation` per checkpoint and reported paragraph, in checkpoint
    then draft order."""
    timeline = _timeline(source)
    out = []
    for checkpoint in timeline:
        draft = checkpoint.snapshot.draft
        for status in checkpoint.report.paragraphs:
            paragraph = draft.paragraph(status.paragraph_id)
            holders = _bracket_holders(paragraph, timeline.insertions, checkpoint.event_count)
            out.append(
                ParagraphObservation(
                    checkpoint=checkpoint.label,
                    index=checkpoint.index,
                    paragraph_id=status.paragraph_id,
                    label=full_label(draft, status.paragraph_id),
                    status=status.status,
                    agreed=timeline.is_agreed(status.status),
                    brackets=status.brackets,
                    version=status.version,
                    objectors=status.objectors,
                    reservations=tuple(sorted({p.participant for p in status.reservations})),
                    bracket_holders=tuple(sorted(holders)),
                )
            )
    return tuple(out)


class HoldingKind(enum.Enum):
    """What a participant can hold on a paragraph."""

    BRACKET = "bracket"
    OBJECTION = "objection"
    RESERVATION = "reservation"


@attrs.frozen
class Holding:
    """A participant holding a bracket, a formal objection or a reservation on a paragraph.

    Attributes:
        paragraph_id: the paragraph.
        participant: the participant's or group's code.
        kind: bracket, objection or reservation.
        checkpoints: at how many checkpoints it was held (the measure of "longest").
        first: the label of the first of them.
        last: the label of the last of them.
        still_held: whether it is held at the timeline's last checkpoint.
    """

    paragraph_id: str
    participant: str
    kind: HoldingKind
    checkpoints: int
    first: str
    last: str
    still_held: bool


def compute_holdings(source: Timeline | Negotiation) -> tuple[Holding, ...]:
    """Who held brackets, objections and reservations on which paragraph, for how long.

    At each checkpoint and for each reported paragraph:

    - an *objection* is held by each code in ``ParagraphStatus.objectors`` (formal objections
      that count: by participants with decision rights, or by groups for their members);
    - a *reservation* by each participant of ``ParagraphStatus.reservations`` (current
      reservations that count, of any of the three kinds);
    - a *bracket* by each code in the attribution of an open contested element
      (``[wording]{EU}``), and by each participant (not an official) that inserted brackets
      (BracketInserted) while the paragraph still has a contested element written exactly as
      inserted (``[wording]``, with or without an attribution).

    Returns:
        One :class:`Holding` per (paragraph, participant, kind), sorted by paragraph id, kind,
        then longest first, then participant.
    """
    timeline = _timeline(source)
    held: dict[tuple[str, HoldingKind, str], list[Checkpoint]] = defaultdict(list)
    for checkpoint in timeline:
        draft = checkpoint.snapshot.draft
        for status in checkpoint.report.paragraphs:
            pid = status.paragraph_id
            paragraph = draft.paragraph(pid)
            for code in _bracket_holders(paragraph, timeline.insertions, checkpoint.event_count):
                held[pid, HoldingKind.BRACKET, code].append(checkpoint)
            for code in set(status.objectors):
                held[pid, HoldingKind.OBJECTION, code].append(checkpoint)
            for code in {p.participant for p in status.reservations}:
                held[pid, HoldingKind.RESERVATION, code].append(checkpoint)
    kinds = list(HoldingKind)
    last_index = len(timeline) - 1
    holdings = [
        Holding(
            paragraph_id=pid,
            participant=code,
            kind=kind,
            checkpoints=len(points),
            first=points[0].label,
            last=points[-1].label,
            still_held=points[-1].index == last_index,
        )
        for (pid, kind, code), points in held.items()
    ]
    holdings.sort(
        key=lambda h: (h.paragraph_id, kinds.index(h.kind), -h.checkpoints, h.participant)
    )
    return tuple(holdings)


@attrs.frozen
class ParagraphMetrics:
    """How one paragraph moved through the negotiation.

    Attributes:
        paragraph_id: the paragraph's stable id.
        label: its full label (see :func:`full_label`) at the last checkpoint reporting it.
        introduced_at: when it entered the draft: its ParagraphProposed event, or the
            ParagraphSplit or ParagraphsMerged event that created it (None if not found).
        introduced_by: who proposed it (the event's ``by``).
        first_checkpoint: the first checkpoint reporting it.
        last_checkpoint: the last checkpoint reporting it.
        checkpoints: how many checkpoints report it.
        status: its status at the timeline's last checkpoint, None when not reported there
            (deleted, merged or split).
        consensus_checkpoint: the first checkpoint from which it counts as agreed at every
            checkpoint up to the timeline's last one (None when it does not count as agreed at
            the last one).
        revisions_to_consensus: the number of checkpoints from its first checkpoint to
            ``consensus_checkpoint`` (0: agreed as soon as it was circulated), None without
            consensus.
        time_to_consensus: from ``introduced_at`` to the moment of ``consensus_checkpoint``,
            None without consensus.
        version_at_consensus: its wording's version at ``consensus_checkpoint``, None without
            consensus.
        brackets_first: its open contested elements at its first checkpoint.
        brackets_max: the most it had at any checkpoint.
        brackets_last: at its last checkpoint.
        bracketed_by: every code that held a bracket in it at some checkpoint, sorted.
        objected_by: every code that held a formal objection on it, sorted.
        reserved_by: every code that held a reservation on it, sorted.
        longest_bracket: the codes that held a bracket at the most checkpoints (ties: all).
        longest_objection: likewise for formal objections.
        longest_reservation: likewise for reservations.
    """

    paragraph_id: str
    label: str
    introduced_at: dt.datetime | None
    introduced_by: str | None
    first_checkpoint: str
    last_checkpoint: str
    checkpoints: int
    status: Status | None
    consensus_checkpoint: str | None
    revisions_to_consensus: int | None
    time_to_consensus: dt.timedelta | None
    version_at_consensus: int | None
    brackets_first: int
    brackets_max: int
    brackets_last: int
    bracketed_by: tuple[str, ...]
    objected_by: tuple[str, ...]
    reserved_by: tuple[str, ...]
    longest_bracket: tuple[str, ...]
    longest_objection: tuple[str, ...]
    longest_reservation: tuple[str, ...]


def _introductions(events: tuple[Event, ...]) -> dict[str, tuple[dt.datetime, str]]:
    found: dict[str, tuple[dt.datetime, str]] = {}
    for event in events:
        if isinstance(event, ParagraphProposed):
            found.setdefault(event.paragraph_id, (event.at, event.by))
        elif isinstance(event, ParagraphSplit):
            for pid in event.new_ids:
                found.setdefault(pid, (event.at, event.by))
        elif isinstance(event, ParagraphsMerged):
            found.setdefault(event.new_id, (event.at, event.by))
    return found


def _longest(holdings: list[Holding]) -> tuple[str, ...]:
    if not holdings:
        return ()
    most = max(h.checkpoints for h in holdings)
    return tuple(sorted(h.participant for h in holdings if h.checkpoints == most))


def compute_paragraph_metrics(source: Timeline | Negotiation) -> tuple[ParagraphMetrics, ...]:
    """One :class:`ParagraphMetrics` per paragraph reported at some checkpoint, in the order
    they were first reported (checkpoint, then draft order)."""
    timeline = _timeline(source)
    observations = compute_paragraph_observations(timeline)
    by_paragraph: dict[str, list[ParagraphObservation]] = {}
    for observation in observations:
        by_paragraph.setdefault(observation.paragraph_id, []).append(observation)
    holdings: dict[tuple[str, HoldingKind], list[Holding]] = defaultdict(list)
    for holding in compute_holdings(timeline):
        holdings[holding.paragraph_id, holding.kind].append(holding)
    introductions = _introductions(timeline.events)
    last_index = len(timeline) - 1
    out = []
    for pid, seen in by_paragraph.items():
        first, last = seen[0], seen[-1]
        consensus: ParagraphObservation | None = None
        if last.index == last_index and last.agreed:
            consensus = last
            expected = last.index
            for observation in reversed(seen):
                if observation.index != expected or not observation.agreed:
                    break
                consensus = observation
                expected -= 1
        introduced = introductions.get(pid)
        at = None if consensus is None else timeline.checkpoints[consensus.index].at
        by_kind = {kind: holdings[pid, kind] for kind in HoldingKind}
        out.append(
            ParagraphMetrics(
                paragraph_id=pid,
                label=last.label,
                introduced_at=None if introduced is None else introduced[0],
                introduced_by=None if introduced is None else introduced[1],
                first_checkpoint=first.checkpoint,
                last_checkpoint=last.checkpoint,
                checkpoints=len(seen),
                status=last.status if last.index == last_index else None,
                consensus_checkpoint=None if consensus is None else consensus.checkpoint,
                revisions_to_consensus=(
                    None if consensus is None else consensus.index - first.index
                ),
                time_to_consensus=(
                    None if at is None or introduced is None else at - introduced[0]
                ),
                version_at_consensus=None if consensus is None else consensus.version,
                brackets_first=first.brackets,
                brackets_max=max(o.brackets for o in seen),
                brackets_last=last.brackets,
                bracketed_by=tuple(sorted(h.participant for h in by_kind[HoldingKind.BRACKET])),
                objected_by=tuple(sorted(h.participant for h in by_kind[HoldingKind.OBJECTION])),
                reserved_by=tuple(sorted(h.participant for h in by_kind[HoldingKind.RESERVATION])),
                longest_bracket=_longest(by_kind[HoldingKind.BRACKET]),
                longest_objection=_longest(by_kind[HoldingKind.OBJECTION]),
                longest_reservation=_longest(by_kind[HoldingKind.RESERVATION]),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- per participant


@attrs.frozen
class PositionObservation:
    """One position held at one checkpoint.

    The positions of a snapshot: the latest per participant, paragraph and element, withdrawn
    ones removed, stale ones kept.

    Attributes:
        checkpoint: the checkpoint's label.
        index: the checkpoint's position, from 0.
        participant: whose position (a participant's or a group's code).
        paragraph_id: the paragraph.
        element: the contested element, or None for the whole paragraph.
        kind: the kind of position.
        side: the side it takes (see :func:`side_of`), None for records.
        preferred_option: the alternative preferred, if any.
        current: stated on the wording the paragraph has at the checkpoint (and the paragraph
            is not deleted); False: stale.
        stated_at: when it was stated.
    """

    checkpoint: str
    index: int
    participant: str
    paragraph_id: str
    element: int | None
    kind: PositionKind
    side: str | None
    preferred_option: int | None
    current: bool
    stated_at: dt.datetime | None


def compute_position_observations(
    source: Timeline | Negotiation,
) -> tuple[PositionObservation, ...]:
    """Every position held at every checkpoint, in checkpoint then statement order: the
    positions of each participant over time."""
    timeline = _timeline(source)
    out = []
    for checkpoint in timeline:
        draft = checkpoint.snapshot.draft
        for position in checkpoint.snapshot.positions:
            if position.paragraph_id not in draft:
                continue
            paragraph = draft.paragraph(position.paragraph_id)
            out.append(
                PositionObservation(
                    checkpoint=checkpoint.label,
                    index=checkpoint.index,
                    participant=position.participant,
                    paragraph_id=position.paragraph_id,
                    element=position.element,
                    kind=position.kind,
                    side=side_of(position),
                    preferred_option=position.preferred_option,
                    current=not paragraph.deleted and position.is_current_for(paragraph.version),
                    stated_at=position.stated_at,
                )
            )
    return tuple(out)


_Question = tuple[str, int, int | None]


def _sides(timeline: Timeline) -> dict[_Question, dict[str, str]]:
    """The side each participant took on each question, the latest checkpoint winning."""
    sides: dict[_Question, dict[str, str]] = defaultdict(dict)
    for checkpoint in timeline:
        for position in checkpoint.snapshot.positions:
            side = side_of(position)
            if side is not None:
                question = (position.paragraph_id, position.paragraph_version, position.element)
                sides[question][position.participant] = side
    return dict(sides)


def questions_by_participant(source: Timeline | Negotiation) -> Mapping[str, int]:
    """On how many questions each participant took a side, by code (sorted)."""
    counts: dict[str, int] = defaultdict(int)
    for taken in _sides(_timeline(source)).values():
        for code in taken:
            counts[code] += 1
    return dict(sorted(counts.items()))


@attrs.frozen
class PairAlignment:
    """How often two participants took the same side.

    Attributes:
        participant: the first code (alphabetically).
        other: the second code.
        shared: the questions on which both took a side.
        agreed: those on which they took the same side.
        disagreed: ``shared - agreed``.
        alignment: ``agreed / shared``.
    """

    participant: str
    other: str
    shared: int
    agreed: int
    disagreed: int
    alignment: float


def compute_alignment(source: Timeline | Negotiation) -> tuple[PairAlignment, ...]:
    """The alignment of every pair of participants that took a side on a common question.

    A question is a (paragraph, wording version, element); the side a participant took on it
    is the one of its position at the latest checkpoint that holds a position of it there
    (positions stated and replaced between two checkpoints are not seen). Codes are compared as
    stated: a group's position is not spread over its members.

    Returns:
        One :class:`PairAlignment` per pair, sorted by the two codes.
    """
    shared: dict[tuple[str, str], int] = defaultdict(int)
    agreed: dict[tuple[str, str], int] = defaultdict(int)
    for taken in _sides(_timeline(source)).values():
        for a, b in itertools.combinations(sorted(taken), 2):
            shared[a, b] += 1
            if taken[a] == taken[b]:
                agreed[a, b] += 1
    return tuple(
        PairAlignment(a, b, n, agreed[a, b], n - agreed[a, b], agreed[a, b] / n)
        for (a, b), n in sorted(shared.items())
    )


@attrs.frozen
class ParticipantMetrics:
    """What one participant said over the negotiation, and with whom it sided.

    Attributes:
        participant: the participant's or group's code.
        statements: its PositionStated events (each statement counts, even when replaced).
        paragraphs: the distinct paragraphs it stated positions on.
        support: statements of support.
        can_live_with: statements that it can live with (joins consensus).
        reservations: statements of a reservation (general, study, awaiting instructions).
        objections: formal objections stated.
        records: dissociations and explanations stated.
        first_stated_at: its first statement.
        last_stated_at: its last statement.
        questions: the questions it took a side on (see :func:`compute_alignment`).
        partners: the participants that took a side on at least one of the same questions.
        closest: the partners with which it took the same side most often (ties: all), sorted.
    """

    participant: str
    statements: int
    paragraphs: int
    support: int
    can_live_with: int
    reservations: int
    objections: int
    records: int
    first_stated_at: dt.datetime | None
    last_stated_at: dt.datetime | None
    questions: int
    partners: int
    closest: tuple[str, ...]


def compute_participant_metrics(
    source: Timeline | Negotiation,
) -> tuple[ParticipantMetrics, ...]:
    """One :class:`ParticipantMetrics` per participant that stated a position, sorted by code."""
    timeline = _timeline(source)
    stated: dict[str, list[PositionStated]] = defaultdict(list)
    for event in timeline.events:
        if isinstance(event, PositionStated):
            stated[event.participant].append(event)
    questions = questions_by_participant(timeline)
    pairs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for pair in compute_alignment(timeline):
        pairs[pair.participant].append((pair.other, pair.agreed))
        pairs[pair.other].append((pair.participant, pair.agreed))
    out = []
    for code in sorted(stated):
        events = stated[code]
        kinds = [event.kind for event in events]
        partners = pairs.get(code, [])
        most = max((n for _, n in partners), default=0)
        out.append(
            ParticipantMetrics(
                participant=code,
                statements=len(events),
                paragraphs=len({event.paragraph_id for event in events}),
                support=kinds.count(PositionKind.SUPPORT),
                can_live_with=kinds.count(PositionKind.CAN_LIVE_WITH),
                reservations=sum(1 for kind in kinds if kind.is_reservation),
                objections=sum(1 for kind in kinds if kind.blocks),
                records=sum(1 for kind in kinds if kind.is_record),
                first_stated_at=events[0].at,
                last_stated_at=events[-1].at,
                questions=questions.get(code, 0),
                partners=len(partners),
                closest=tuple(sorted(o for o, n in partners if n == most and most > 0)),
            )
        )
    return tuple(out)
