"""The consensus engine: which paragraphs are ready for consensus, and why the others are not.

Consensus is declared by the chair, not calculated. The engine computes, for each active,
non-heading paragraph of a :class:`~consensus_text.model.snapshot.Snapshot` under a process's
:class:`~consensus_text.consensus.rules.Rules`, a :class:`~consensus_text.consensus.report.Status`
and the reasons for it.

**Status precedence** (the first that applies wins):

1. ``adopted``: the document was adopted (``snapshot.adopted_at``, or a silence procedure on the
   whole document held: adoption at its deadline). Every paragraph is adopted; reasons are kept.
2. ``blocked``: a current formal objection by a participant with decision rights, in its own
   name or through a group (see below). Only a formal objection blocks; objections by observers
   and other participants without decision rights are reported and never block.
3. ``pending``: contested wording remains: open brackets, alternatives or placeholders in the
   paragraph's own text, a bracket error in the text, an unresolved named option group holding
   the paragraph, or a chapeau above it that is pending on its text or blocked (a bracketed
   chapeau keeps all its sub-paragraphs pending).
4. the chair's latest ruling, when it applies to the current version: ``agreed_in_informals``,
   ``agreed_ad_referendum``, ``confirmed`` or ``reopened``. A ruling on an earlier version is
   stale: reported, not applied. A silence procedure on the paragraph that held counts as a
   ``confirmed`` ruling at its deadline (unless the chair ruled later).
5. ``pending`` on reservations: a current reservation that counts (general, study, awaiting
   instructions) keeps the paragraph pending when ``rules.reservations_block_readiness``; a
   chair's ruling (4) takes precedence, since agreeing ad referendum is how a chair records a
   reservation awaiting capital.
6. ``consensus_ready``.

Then **packages**: paragraphs in a package are agreed all together or not at all. While any
member does not count as agreed (``consensus_ready``, ``agreed_in_informals``, ``confirmed``,
``adopted``, and ``agreed_ad_referendum`` when ``rules.ad_referendum_counts_as_agreed``), the
members that would count are reported ``pending`` with a ``package`` reason naming what they wait
for. Packages may contain packages; packages that share a paragraph wait for each other. Cyclic
definitions raise :class:`~consensus_text.errors.CyclicPackageError` naming the cycle.

**Positions.** Only positions stated on the paragraph's current version count; the others are
stale and listed in ``stale``. Positions on a contested element count for the paragraph: an
objection to a bracket blocks the paragraph. Dissociations and explanations are listed in
``records`` and never change a status.

**Groups.** A group's objection or reservation applies to each of its members as of the date the
position was stated (current members when undated), unless the member stated its own current
position on the same paragraph and element: the national position wins, whatever its kind. Only
members with decision rights count, whoever delivered the statement (a group chaired by a State
that cannot block still speaks for its members). A code that is both a participant and a group
(``"EU"``) counts in its own name when the rules give it decision rights, and for its members.

*Conflicting groups* (the rule chosen, conservative): a member with no national position whose
groups disagree on the same paragraph and element (one objects, another supports, or one
reserves, another supports) is reported with a ``conflicting_groups`` reason. When
``rules.conflicting_groups_block`` (the default) the objection (or reservation) through the group
counts, so a paragraph is never reported ready while a group objects for a member that said
nothing itself; otherwise nothing counts for that member.

**Reason codes** of paragraphs: ``formal_objection``, ``group_objection``, ``open_brackets``,
``malformed_text``, ``unresolved_options``, ``chapeau_pending``, ``chapeau_blocked``,
``package``, ``ruling``, ``silence``, ``reservation``, ``conflicting_groups``,
``objection_overridden``, ``reservation_overridden``, ``no_decision_rights``,
``unknown_participant``, ``unknown_element``, ``stale_positions``, ``stale_ruling``,
``preferences``, ``records``, ``vote``, ``adopted``. Of the document: ``adopted``, ``empty``,
``not_agreed``, ``adoptable``, ``unknown_package_member``, ``votes_ignored``, ``vote``, and the
silence procedures' ``silence_held``, ``silence_broken``, ``silence_in_progress``.

>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> from consensus_text.model.positions import Position, PositionKind
>>> from consensus_text.model.snapshot import Snapshot
>>> from consensus_text.consensus.rules import Rules
>>> op = ParagraphKind.OPERATIVE
>>> draft = Draft(paragraphs=(
...     Paragraph("p1", op, "Decides to convene annual meetings;", label=Label.parse("1")),
...     Paragraph("p2", op, "Decides to [establish][convene] a PoA;", label=Label.parse("2")),
...     Paragraph("p3", op, "Requests a report.", label=Label.parse("3")),
... ))
>>> snapshot = Snapshot(draft=draft, positions=(
...     Position("G77", "p3", PositionKind.OBJECTION),
...     Position("CHN", "p3", PositionKind.SUPPORT),
...     Position("VAT", "p1", PositionKind.OBJECTION),
... ))
>>> report = compute_report(snapshot, Rules.preset("oewg"))
>>> [(s.label, s.status.value, s.brackets, s.objectors) for s in report.paragraphs]
[('1', 'consensus_ready', 0, ()), ('2', 'pending', 1, ()), ('3', 'blocked', 0, ('G77',))]
>>> report.paragraph("p1").reason_codes
('no_decision_rights',)
>>> "CHN" in report.paragraph("p3").blocking_members, report.document.adoptable
(False, False)
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from graphlib import CycleError, TopologicalSorter
from operator import attrgetter
from typing import Final

from consensus_text.consensus.reasons import Reason
from consensus_text.consensus.report import (
    ConsensusReport,
    DocumentStatus,
    Objection,
    ParagraphStatus,
    Status,
)
from consensus_text.consensus.rules import Rules
from consensus_text.consensus.silence import SilenceOutcome, evaluate_silence
from consensus_text.consensus.votes import VoteResult, evaluate_vote
from consensus_text.errors import CyclicPackageError, ParagraphNotFoundError, ValidationError
from consensus_text.model.paragraphs import Option, OptionGroup, Paragraph
from consensus_text.model.participants import Participant
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.procedure import Package, Ruling, RulingKind
from consensus_text.model.snapshot import Snapshot

__all__ = ["ConsensusEngine", "compute_report"]

_SUPPORT: Final = PositionKind.SUPPORT
_CAN_LIVE_WITH: Final = PositionKind.CAN_LIVE_WITH
_OBJECTION: Final = PositionKind.OBJECTION
_DISSOCIATION: Final = PositionKind.DISSOCIATION
_EXPLANATION: Final = PositionKind.EXPLANATION
_RESERVATIONS: Final = (
    PositionKind.RESERVATION,
    PositionKind.STUDY_RESERVATION,
    PositionKind.AWAITING_INSTRUCTIONS,
)
_TITLES: Final = {kind._value_: kind._value_.replace("_", " ") for kind in PositionKind}

_RULING_STATUS: Final = {
    RulingKind.AGREED_IN_INFORMALS: Status.AGREED_IN_INFORMALS,
    RulingKind.AGREED_AD_REFERENDUM: Status.AGREED_AD_REFERENDUM,
    RulingKind.CONFIRMED: Status.CONFIRMED,
    RulingKind.REOPENED: Status.REOPENED,
}

_LISTED: Final = 10  # how many items a reason lists before "and N more"


def compute_report(
    snapshot: Snapshot, rules: Rules | str, *, now: dt.datetime | None = None
) -> ConsensusReport:
    """The consensus report on a snapshot under a process's rules.

    Args:
        snapshot: the state of the negotiation.
        rules: the rules of procedure, or the name of a preset (``"oewg"``).
        now: the moment of evaluation, for silence procedures still running (aware). None
            evaluates every silence procedure as after its deadline.

    Raises:
        CyclicPackageError: packages that contain each other.
        ProcedureError: an unknown preset name.
    """
    return ConsensusEngine(snapshot, rules, now=now).report()


def _title(kind: PositionKind) -> str:
    """``"study reservation"`` for ``PositionKind.STUDY_RESERVATION`` (no enum descriptors)."""
    return _TITLES[kind._value_]


def _listing(items: Sequence[str], limit: int = _LISTED) -> str:
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _on_element(position: Position) -> str:
    return "" if position.element is None else f" on element {position.element}"


def _note(position: Position) -> str:
    return f': "{position.note}"' if position.note else ""


def _day(position: Position) -> dt.date | None:
    return None if position.stated_at is None else position.stated_at.date()


class _Local:
    """What one paragraph's own text, positions and rulings say (before chapeaux and packages)."""

    __slots__ = (
        "blocked",
        "brackets",
        "head",
        "objections",
        "objectors",
        "records",
        "reservations",
        "ruling",
        "stale",
        "status",
        "tail",
        "text_pending",
    )

    def __init__(
        self,
        *,
        status: Status,
        head: list[Reason],
        tail: list[Reason],
        blocked: bool,
        text_pending: bool,
        brackets: int,
        objections: tuple[Objection, ...],
        objectors: tuple[str, ...],
        stale: tuple[Position, ...],
        reservations: tuple[Position, ...],
        records: tuple[Position, ...],
        ruling: Ruling | None,
    ) -> None:
        self.status = status
        self.head = head
        self.tail = tail
        self.blocked = blocked
        self.text_pending = text_pending
        self.brackets = brackets
        self.objections = objections
        self.objectors = objectors
        self.stale = stale
        self.reservations = reservations
        self.records = records
        self.ruling = ruling


class _Packages:
    """Packages flattened to paragraph ids, with the components of packages sharing members."""

    def __init__(
        self, packages: Iterable[Package], paragraphs: dict[str, Paragraph], reported: set[str]
    ) -> None:
        by_id: dict[str, Package] = {}
        for package in packages:  # a later definition of the same id replaces the earlier one
            by_id[package.id] = package
        graph = {pid: {m for m in p.members if m in by_id} for pid, p in sorted(by_id.items())}
        try:
            order = tuple(TopologicalSorter(graph).static_order())
        except CycleError as error:
            cycle = [str(node) for node in error.args[1]]
            cycle.reverse()  # graphlib lists predecessors: show "A contains B contains A"
            raise CyclicPackageError(
                "packages contain each other: " + " -> ".join(repr(c) for c in cycle),
                hint="a package cannot contain itself, directly or through other packages; "
                "remove one of these memberships",
            ) from None
        self.notes: list[Reason] = []
        self.members: dict[str, tuple[str, ...]] = {}
        for package_id in order:
            flat: list[str] = []
            for member in by_id[package_id].members:
                if member in by_id:
                    flat.extend(self.members[member])
                elif member in reported:
                    flat.append(member)
                elif member not in paragraphs:
                    self.notes.append(
                        Reason(
                            "unknown_package_member",
                            f"package {package_id!r} names {member!r}, which is neither a "
                            "paragraph of the draft nor a package: ignored",
                            paragraph_ids=(member,),
                        )
                    )
                # a deleted paragraph or a heading: nothing to agree on
            self.members[package_id] = tuple(dict.fromkeys(flat))
        self.of: dict[str, tuple[str, ...]] = {}
        for package_id in sorted(self.members):
            for pid in self.members[package_id]:
                self.of[pid] = (*self.of.get(pid, ()), package_id)
        # components: packages linked by shared paragraphs (union-find on package ids)
        parent = {package_id: package_id for package_id in self.members}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for ids in self.of.values():
            root = find(ids[0])
            for other in ids[1:]:
                other_root = find(other)
                if other_root != root:
                    parent[max(root, other_root)] = min(root, other_root)
                    root = min(root, other_root)
        self.component_packages: dict[str, tuple[str, ...]] = {}
        for package_id in sorted(self.members):
            root = find(package_id)
            self.component_packages[root] = (*self.component_packages.get(root, ()), package_id)
        self.component_of: dict[str, str] = {pid: find(ids[0]) for pid, ids in self.of.items()}
        self.component_members: dict[str, frozenset[str]] = {
            root: frozenset(pid for p in ids for pid in self.members[p])
            for root, ids in self.component_packages.items()
        }


class ConsensusEngine:
    """Computes the report once, keeps per-paragraph results, and recomputes incrementally.

    Build it from a snapshot and rules, ask for :meth:`report`; after a new position use
    :meth:`with_position` (or :meth:`without_position`, or :meth:`update` with a new snapshot and
    the paragraphs that changed) to get a new engine that recomputes only the paragraphs
    affected: the paragraph itself, its sub-paragraphs, and the members of its packages. Engines
    are immutable in effect: the updates return new engines and leave this one unchanged.

    >>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
    >>> draft = Draft(paragraphs=(Paragraph("p1", ParagraphKind.OPERATIVE, "Decides;"),))
    >>> engine = ConsensusEngine(Snapshot(draft=draft), Rules.preset("oewg"))
    >>> engine.report().paragraph("p1").status
    <Status.CONSENSUS_READY: 'consensus_ready'>
    >>> later = engine.with_position(Position("RUS", "p1", PositionKind.OBJECTION))
    >>> later.report().paragraph("p1").status, engine.report().paragraph("p1").status
    (<Status.BLOCKED: 'blocked'>, <Status.CONSENSUS_READY: 'consensus_ready'>)

    Args:
        snapshot: the state of the negotiation.
        rules: the rules of procedure, or a preset's name.
        now: the moment of evaluation for silence procedures (see :func:`compute_report`).

    Raises:
        CyclicPackageError: packages that contain each other.
    """

    def __init__(
        self, snapshot: Snapshot, rules: Rules | str, *, now: dt.datetime | None = None
    ) -> None:
        if isinstance(rules, str):
            rules = Rules.preset(rules)
        if now is not None and (now.tzinfo is None or now.utcoffset() is None):
            raise ValidationError(
                f"now {now.isoformat()} has no time zone",
                hint="pass an aware datetime, e.g. datetime.datetime.now(datetime.timezone.utc)",
            )
        self._snapshot = snapshot
        self._rules = rules
        self._now = now
        self._registry = snapshot.registry
        self._info: dict[str, tuple[bool, bool, Participant | None]] = {}
        self._members_cache: dict[tuple[str, dt.date | None], frozenset[str]] = {}
        self._group_codes = frozenset(snapshot.registry.groups)
        self._index_structure()
        self._index_procedure()
        # the snapshot indexes its positions by paragraph once and keeps the index
        positions_on = snapshot.positions_on
        self._positions: dict[str, Sequence[Position]] = {
            pid: positions_on(pid) for pid in self._order
        }
        self._local = {pid: self._analyse(pid) for pid in self._order}
        self._final = self._resolve(self._order)
        self._report: ConsensusReport | None = None

    # ---------------------------------------------------------------- public API

    @property
    def rules(self) -> Rules:
        """The rules applied."""
        return self._rules

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot the engine was built from (positions added later are not in it)."""
        return self._snapshot

    def report(self) -> ConsensusReport:
        """The report (computed once per engine)."""
        if self._report is None:
            paragraphs = tuple(self._final[pid] for pid in self._order)
            self._report = ConsensusReport(
                document=self._document(paragraphs),
                paragraphs=paragraphs,
                rules_name=self._rules.name,
                silences=self._silences,
                votes=self._votes,
            )
        return self._report

    def paragraph(self, paragraph_id: str) -> ParagraphStatus:
        """The status of one paragraph, without building the whole report.

        Raises:
            ParagraphNotFoundError: not an active, non-heading paragraph of the draft.
        """
        self._check_reported(paragraph_id)
        return self._final[paragraph_id]

    def with_position(self, position: Position) -> ConsensusEngine:
        """A new engine with ``position`` stated (replacing the same participant's current
        position on the same paragraph and element).

        Raises:
            ParagraphNotFoundError: the paragraph is not an active, non-heading paragraph.
        """
        pid = position.paragraph_id
        self._check_reported(pid)
        participant, element = position.participant, position.element
        bucket = [
            p
            for p in self._positions.get(pid, ())
            if p.participant != participant or p.element != element
        ]
        bucket.append(position)
        return self._with_buckets({pid: tuple(bucket)})

    def without_position(
        self, participant: str, paragraph_id: str, element: int | None = None
    ) -> ConsensusEngine:
        """A new engine with the participant's position on the paragraph (element) withdrawn.

        Raises:
            ParagraphNotFoundError: the paragraph is not an active, non-heading paragraph.
        """
        self._check_reported(paragraph_id)
        bucket = [
            p
            for p in self._positions.get(paragraph_id, ())
            if p.participant != participant or p.element != element
        ]
        return self._with_buckets({paragraph_id: tuple(bucket)})

    def update(self, snapshot: Snapshot, changed: Iterable[str]) -> ConsensusEngine:
        """A new engine for a later snapshot in which only the ``changed`` paragraphs differ
        (their text, positions or rulings).

        When the structure differs (paragraphs added, moved, deleted or re-parented, option
        groups, packages, silences, votes, the registry or adoption), everything is recomputed.
        Paragraphs whose wording or latest ruling changed are found without being named;
        positions are read only for the paragraphs named in ``changed`` and those.
        """
        if not self._same_structure(snapshot):
            return ConsensusEngine(snapshot, self._rules, now=self._now)
        changed_ids = {pid for pid in changed if pid in self._local}
        new = copy.copy(self)
        new._snapshot = snapshot
        new._paragraphs = {p.id: p for p in snapshot.draft.paragraphs}
        new._rulings = self._latest_rulings(snapshot.rulings)
        for pid in self._order:
            before, after = self._paragraphs[pid], new._paragraphs[pid]
            if (before is not after and before != after) or (
                new._rulings.get(pid) != self._rulings.get(pid)
            ):
                changed_ids.add(pid)
        buckets: dict[str, Sequence[Position]] = {
            pid: snapshot.positions_on(pid) for pid in changed_ids
        }
        return new._rebuilt(buckets)

    # ---------------------------------------------------------------- indexing

    def _check_reported(self, paragraph_id: str) -> None:
        if paragraph_id not in self._local:
            raise ParagraphNotFoundError(
                f"no active paragraph with id {paragraph_id!r} in the report",
                hint="headings and deleted paragraphs carry no positions; check the id",
            )

    def _index_structure(self) -> None:
        draft = self._snapshot.draft
        self._paragraphs: dict[str, Paragraph] = {p.id: p for p in draft.paragraphs}
        self._order: tuple[str, ...] = tuple(p.id for p in draft.numbered())
        reported = set(self._order)
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._children: dict[str, list[str]] = {}
        for pid in self._order:
            chain: list[str] = []
            current = self._paragraphs[pid]
            seen = {pid}
            while current.parent is not None and current.parent not in seen:
                seen.add(current.parent)
                current = self._paragraphs[current.parent]
                if current.id in reported:
                    chain.append(current.id)
            self._ancestors[pid] = tuple(chain)
            if chain:
                self._children.setdefault(chain[0], []).append(pid)
        self._options: dict[str, tuple[OptionGroup, Option]] = {}
        for group in draft.option_groups:
            for option in group.options:
                for pid in option.paragraph_ids:
                    self._options.setdefault(pid, (group, option))
        self._draft_labels: dict[str, str] = {}
        for pid in self._order:
            labels = [self._paragraphs[a].display_label for a in reversed(self._ancestors[pid])]
            labels.append(self._paragraphs[pid].display_label)
            shown = " ".join(label for label in labels if label)
            self._draft_labels[pid] = shown or pid
        self._packages = _Packages(self._snapshot.packages, self._paragraphs, reported)

    @staticmethod
    def _latest_rulings(rulings: Iterable[Ruling]) -> dict[str, Ruling]:
        latest: dict[str, Ruling] = {}
        for ruling in rulings:
            latest[ruling.paragraph_id] = ruling
        return latest

    def _index_procedure(self) -> None:
        snapshot, rules, registry = self._snapshot, self._rules, self._registry
        self._rulings = self._latest_rulings(snapshot.rulings)
        self._silences: tuple[SilenceOutcome, ...] = tuple(
            evaluate_silence(s, rules, registry, now=self._now) for s in snapshot.silences
        )
        self._silence_on: dict[str, list[SilenceOutcome]] = {}
        adopted_at = snapshot.adopted_at
        adopted_reason: Reason | None = None
        if adopted_at is not None:
            adopted_reason = Reason("adopted", f"the document was adopted at {adopted_at}")
        for outcome in self._silences:
            if outcome.covers_document:
                if outcome.held and adopted_at is None:
                    adopted_at = outcome.adopted_at
                    adopted_reason = Reason(
                        "adopted",
                        f"the document was adopted under silence procedure "
                        f"{outcome.procedure_id!r} at its deadline {outcome.deadline.isoformat()}",
                    )
            else:
                for pid in outcome.paragraph_ids:
                    self._silence_on.setdefault(pid, []).append(outcome)
        self._adopted_at = adopted_at
        self._adopted_reason = adopted_reason
        self._document_notes: list[Reason] = []
        self._votes_on: dict[str, list[VoteResult]] = {}
        votes: list[VoteResult] = []
        if snapshot.votes and rules.voting is None:
            self._document_notes.append(
                Reason(
                    "votes_ignored",
                    f"{_plural(len(snapshot.votes), 'recorded vote')} set aside: the rules of the "
                    f"{rules.describe()} do not provide for voting (when consensus fails: "
                    f"{rules.fallback.value.replace('_', ' ')})",
                )
            )
        else:
            for vote in snapshot.votes:
                result = evaluate_vote(vote, rules, registry)
                votes.append(result)
                if vote.paragraph_id is not None:
                    self._votes_on.setdefault(vote.paragraph_id, []).append(result)
                else:
                    self._document_notes.extend(result.reasons[:1])
        self._votes: tuple[VoteResult, ...] = tuple(votes)

    def _same_structure(self, snapshot: Snapshot) -> bool:
        old, new = self._snapshot, snapshot
        if new.draft is not old.draft:
            old_shape = [(p.id, p.parent, p.deleted, p.kind, p.label) for p in old.draft.paragraphs]
            new_shape = [(p.id, p.parent, p.deleted, p.kind, p.label) for p in new.draft.paragraphs]
            if old_shape != new_shape or old.draft.option_groups != new.draft.option_groups:
                return False
        return (new.registry is old.registry or new.registry == old.registry) and (
            new.packages == old.packages
            and new.silences == old.silences
            and new.votes == old.votes
            and new.adopted_at == old.adopted_at
        )

    def _code(self, code: str) -> tuple[bool, bool, Participant | None]:
        """(has decision rights in its own name, is a group, the participant or None)."""
        info = self._info.get(code)
        if info is None:
            participant = self._registry.participants.get(code)
            rights = participant is not None and self._rules.decision_rights(participant)
            info = (rights, self._registry.is_group(code), participant)
            self._info[code] = info
        return info

    # ---------------------------------------------------------------- incremental

    def _with_buckets(self, buckets: dict[str, Sequence[Position]]) -> ConsensusEngine:
        new = copy.copy(self)
        return new._rebuilt(buckets)

    def _rebuilt(self, buckets: dict[str, Sequence[Position]]) -> ConsensusEngine:
        """Replace the position buckets of some paragraphs and recompute what they affect
        (called on a fresh shallow copy)."""
        self._positions = {**self._positions, **buckets}
        self._local = {**self._local, **{pid: self._analyse(pid) for pid in buckets}}
        self._final = {**self._final, **self._resolve(list(buckets))}
        self._report = None
        return self

    # ---------------------------------------------------------------- one paragraph

    def _analyse(self, pid: str) -> _Local:
        paragraph = self._paragraphs[pid]
        version = paragraph.version
        rules = self._rules
        tree, diagnostics = paragraph.parsed

        text: list[Reason] = []
        elements = () if tree.is_clean else tree.elements()
        count = len(elements)
        if count:
            kinds = Counter([element.kind for element in elements])
            parts = []
            if kinds["bracket"]:
                parts.append(_plural(kinds["bracket"], "bracket"))
            if kinds["alternatives"]:
                parts.append(_plural(kinds["alternatives"], "group", "groups") + " of alternatives")
            if kinds["placeholder"]:
                parts.append(_plural(kinds["placeholder"], "placeholder"))
            text.append(
                Reason(
                    "open_brackets",
                    f"{_plural(count, 'contested element')} "
                    f"{'remains' if count == 1 else 'remain'}: {', '.join(parts)}",
                )
            )
        errors = [d for d in diagnostics if getattr(d, "severity", "error") == "error"]
        if errors:
            text.append(
                Reason(
                    "malformed_text",
                    f"the text has {_plural(len(errors), 'bracket error')}: "
                    + "; ".join(str(d) for d in errors[:3]),
                )
            )
        option = self._options.get(pid)
        if option is not None:
            group, chosen = option
            text.append(
                Reason(
                    "unresolved_options",
                    f"part of {chosen.label!r} of option group {group.id!r} "
                    f"({_plural(len(group.options), 'option')}): one option must be chosen",
                )
            )

        # The hot path: most positions are current support; comprehensions keep it fast.
        positions = self._positions.get(pid, ())
        odd = [
            p
            for p in positions
            if p.paragraph_version != version
            or (p.kind is not _SUPPORT and p.kind is not _CAN_LIVE_WITH)
        ]
        stale = [p for p in odd if p.paragraph_version != version]
        notable = [p for p in odd if p.paragraph_version == version]
        preferences: list[Position] = []
        if count and any(element.kind == "alternatives" for element in elements):
            preferences = [
                p
                for p in positions
                if p.preferred_option is not None and p.paragraph_version == version
            ]

        head: list[Reason] = []
        tail: list[Reason] = []
        objections: list[Objection] = []
        reservations: list[Position] = []
        records: list[Position] = []
        group_positions: list[Position] = []
        for position in _sorted_positions(notable):
            kind = position.kind
            code = position.participant
            if position.element is not None and position.element > count:
                tail.append(
                    Reason(
                        "unknown_element",
                        f"{code}'s {_title(kind)} names element "
                        f"{position.element}, but version {version} has {count}: not counted",
                        participants=(code,),
                    )
                )
                continue
            if kind is _DISSOCIATION or kind is _EXPLANATION:
                records.append(position)
                continue
            rights, is_group, participant = self._code(code)
            if is_group:
                group_positions.append(position)
            if rights:
                if kind is _OBJECTION:
                    objections.append(Objection(code, None, position))
                    head.append(
                        Reason(
                            "formal_objection",
                            f"formal objection by {code}{_on_element(position)}{_note(position)}",
                            participants=(code,),
                        )
                    )
                else:
                    reservations.append(position)
            elif not is_group:
                verb = "formally objects" if kind is _OBJECTION else "enters a reservation"
                if participant is None:
                    tail.append(
                        Reason(
                            "unknown_participant",
                            f"{code}, not a known participant, {verb}{_on_element(position)}: "
                            "not counted",
                            participants=(code,),
                        )
                    )
                else:
                    tail.append(
                        Reason(
                            "no_decision_rights",
                            f"{code} ({participant.kind._value_.replace('_', ' ')}) {verb}"
                            f"{_on_element(position)}: recorded, it does not count (no decision "
                            f"rights under the rules of the {rules.describe()})",
                            participants=(code,),
                        )
                    )

        group_reservations: list[Position] = []
        if group_positions:
            group_head, group_tail, via_objections, group_reservations = self._expand_groups(
                positions, version, group_positions
            )
            objections.extend(via_objections)
            head.extend(group_head)
            tail.extend(group_tail)
        reservations.extend(group_reservations)
        reservations = _sorted_positions(reservations)

        ruling_reason: Reason | None = None
        ruling_status: Status | None = None
        ruling = self._rulings.get(pid)
        if ruling is not None and ruling.paragraph_version != version:
            tail.append(
                Reason(
                    "stale_ruling",
                    f"the chair's ruling {ruling.kind.value.replace('_', ' ')!r} applied to "
                    f"version {ruling.paragraph_version}; the wording has changed since "
                    f"(version {version}): not applied",
                )
            )
            ruling = None
        if ruling is not None:
            ruling_status = _RULING_STATUS[ruling.kind]
            when = f" at {ruling.at.isoformat()}" if ruling.at is not None else ""
            ruling_reason = Reason(
                "ruling",
                f"{ruling.by} recorded {ruling_status.title!r} on version {version}{when}"
                + (f': "{ruling.note}"' if ruling.note else ""),
            )
        for outcome in self._silence_on.get(pid, ()):
            reason = Reason("silence", outcome.reasons[0].message, paragraph_ids=(pid,))
            if outcome.held and (
                ruling is None or ruling.at is None or ruling.at <= outcome.deadline
            ):
                ruling_status, ruling_reason = Status.CONFIRMED, reason
            else:
                tail.append(reason)

        blocked = bool(objections)
        text_pending = bool(text)
        if blocked:
            status = Status.BLOCKED
        elif text_pending:
            status = Status.PENDING
        elif ruling_status is not None:
            status = ruling_status
        elif reservations and rules.reservations_block_readiness:
            status = Status.PENDING
        else:
            status = Status.CONSENSUS_READY
        head.extend(text)
        if ruling_reason is not None:
            head.append(ruling_reason)
        if reservations:
            listed = [
                f"{_title(p.kind)} by {p.participant}{_on_element(p)}{_note(p)}"
                for p in reservations
            ]
            head.append(
                Reason(
                    "reservation",
                    "; ".join(listed),
                    participants=tuple(sorted({p.participant for p in reservations})),
                )
            )
        stale = _sorted_positions(stale)
        if stale:
            listed = [
                f"{p.participant} {_title(p.kind)} (v{p.paragraph_version})"
                for p in stale[:_LISTED]
            ]
            listed.extend("" for _ in stale[_LISTED:])  # counted by _listing, not shown
            tail.append(
                Reason(
                    "stale_positions",
                    f"{_plural(len(stale), 'position')} stated on an earlier wording must be "
                    f"restated: {_listing(listed)}",
                    participants=tuple(sorted({p.participant for p in stale})),
                )
            )
        if preferences and count:
            tail.append(_preferences(preferences))
        records = _sorted_positions(records)
        if records:
            listed = [
                f"{_title(p.kind)} by {p.participant}{_on_element(p)}" for p in records[:_LISTED]
            ]
            listed.extend("" for _ in records[_LISTED:])  # counted by _listing, not shown
            tail.append(
                Reason(
                    "records",
                    "recorded, no effect on the status: " + _listing(listed),
                    participants=tuple(sorted({p.participant for p in records})),
                )
            )
        for result in self._votes_on.get(pid, ()):
            tail.extend(result.reasons)
        objections.sort(key=lambda o: (o.participant, o.via or "", _position_order(o.position)))
        objectors = sorted({o.via if o.via is not None else o.participant for o in objections})
        return _Local(
            status=status,
            head=head,
            tail=tail,
            blocked=blocked,
            text_pending=text_pending,
            brackets=count,
            objections=tuple(objections),
            objectors=tuple(objectors),
            stale=tuple(stale),
            reservations=tuple(reservations),
            records=tuple(records),
            ruling=ruling,
        )

    def _members_with_rights(self, group: str, on: dt.date | None) -> frozenset[str]:
        """The members of a group on a day that have decision rights (cached)."""
        key = (group, on)
        members = self._members_cache.get(key)
        if members is None:
            members = frozenset(m for m in self._registry.members_of(group, on) if self._code(m)[0])
            self._members_cache[key] = members
        return members

    def _expand_groups(
        self,
        positions: Sequence[Position],
        version: int,
        group_positions: list[Position],
    ) -> tuple[list[Reason], list[Reason], list[Objection], list[Position]]:
        """Apply group objections and reservations to the members they speak for."""
        rules, groups = self._rules, self._group_codes
        elements = sorted({p.element for p in group_positions}, key=_element_order)
        national = {
            element: {
                p.participant
                for p in positions
                if p.element == element and p.paragraph_version == version
            }
            for element in elements
        }
        # every current group position on those elements, agreement included, for conflicts
        speaking = [
            p
            for p in positions
            if p.participant in groups
            and p.paragraph_version == version
            and p.element in national
            and p.kind is not _DISSOCIATION
            and p.kind is not _EXPLANATION
        ]
        speaking = _sorted_positions(speaking)
        reach: dict[int, frozenset[str]] = {}  # keyed by id(position)
        overridden: dict[int, frozenset[str]] = {}
        for position in speaking:
            with_rights = self._members_with_rights(position.participant, _day(position))
            mine = national[position.element]
            overridden[id(position)] = with_rights & mine
            reach[id(position)] = with_rights - mine

        objections: list[Objection] = []
        counted: dict[int, list[str]] = {}
        conflicts: dict[tuple[tuple[str, str], ...], list[str]] = {}
        for element in elements:
            here = [p for p in speaking if p.element == element]
            objecting = [p for p in here if p.kind is _OBJECTION]
            reserving = [p for p in here if p.kind in _RESERVATIONS]
            agreeing = [p for p in here if p.kind is _SUPPORT or p.kind is _CAN_LIVE_WITH]
            by_objection = frozenset().union(*(reach[id(p)] for p in objecting))
            by_reservation = frozenset().union(*(reach[id(p)] for p in reserving))
            by_agreement = frozenset().union(*(reach[id(p)] for p in agreeing))
            conflicted = (
                (by_objection & by_reservation)
                | (by_objection & by_agreement)
                | (by_reservation & by_agreement)
            )
            for member in sorted(conflicted):
                signature = tuple(
                    (p.participant, _title(p.kind) + _on_element(p))
                    for p in here
                    if member in reach[id(p)]
                )
                conflicts.setdefault(signature, []).append(member)
            excluded = frozenset() if rules.conflicting_groups_block else conflicted
            for position in objecting:
                blocking = sorted(reach[id(position)] - excluded)
                counted[id(position)] = blocking
                for member in blocking:
                    objections.append(
                        Objection(member, position.participant, position, member in conflicted)
                    )
            for position in reserving:
                counted[id(position)] = sorted(reach[id(position)] - excluded - by_objection)
        reached = reach
        over_all = {key: sorted(m) for key, m in overridden.items()}

        head: list[Reason] = []
        tail: list[Reason] = []
        reservations: list[Position] = []
        for position in group_positions:
            code = position.participant
            members = counted.get(id(position), [])
            over = over_all.get(id(position), [])
            speaker = ""
            if position.speaker and position.speaker != code:
                speaker_rights = self._code(position.speaker)[0]
                speaker = f", delivered by {position.speaker}" + (
                    "" if speaker_rights else " (which cannot block in its own name)"
                )
            prevail = f"; national positions prevail for {_listing(over)}" if over else ""
            if position.kind is _OBJECTION:
                if members:
                    head.append(
                        Reason(
                            "group_objection",
                            f"formal objection by {code}{_on_element(position)} on behalf of "
                            f"{_plural(len(members), 'member')} with decision rights"
                            f"{speaker}{prevail}{_note(position)}",
                            participants=(code, *members),
                        )
                    )
                elif not self._code(code)[0]:
                    if reached.get(id(position)):
                        why = "its members' groups disagree and the rules count nothing for them"
                    elif over:
                        why = "every member with decision rights stated its own position"
                    else:
                        why = "it has no member with decision rights on that date"
                    tail.append(
                        Reason(
                            "objection_overridden",
                            f"the formal objection by {code}{_on_element(position)} does not "
                            f"count: {why}{prevail}",
                            participants=(code, *over),
                        )
                    )
            elif members:
                reservations.append(position)
            if position.kind is not _OBJECTION and over and members:
                tail.append(
                    Reason(
                        "reservation_overridden",
                        f"the {_title(position.kind)} by {code} does not apply to "
                        f"{_listing(over)}: national positions prevail",
                        participants=(code, *over),
                    )
                )
        for signature, caught in sorted(conflicts.items()):
            stated = ", ".join(f"{group} {kind}" for group, kind in signature)
            counts = (
                "the objection or reservation counts (conservative rule)"
                if rules.conflicting_groups_block
                else "nothing counts for them until they state a national position"
            )
            tail.append(
                Reason(
                    "conflicting_groups",
                    f"conflicting group positions for {_listing(caught)} (no national "
                    f"position): {stated}; {counts}",
                    participants=tuple(caught),
                )
            )
        return head, tail, objections, reservations

    # ---------------------------------------------------------------- chapeaux and packages

    def _affected(self, pids: Iterable[str]) -> set[str]:
        """The paragraphs whose final status may change with these: sub-paragraphs and package
        components, transitively."""
        todo = set(pids)
        stack = list(todo)
        packages = self._packages
        while stack:
            pid = stack.pop()
            related: list[str] = list(self._children.get(pid, ()))
            root = packages.component_of.get(pid)
            if root is not None:
                related.extend(packages.component_members[root])
            for other in related:
                if other not in todo:
                    todo.add(other)
                    stack.append(other)
        return todo

    def _agreed(self) -> frozenset[Status]:
        agreed = {
            Status.CONSENSUS_READY,
            Status.AGREED_IN_INFORMALS,
            Status.CONFIRMED,
            Status.ADOPTED,
        }
        if self._rules.ad_referendum_counts_as_agreed:
            agreed.add(Status.AGREED_AD_REFERENDUM)
        return frozenset(agreed)

    def _resolve(self, pids: Iterable[str]) -> dict[str, ParagraphStatus]:
        todo = self._affected(pids)
        local = self._local
        statuses: dict[str, Status] = {}
        extra: dict[str, list[Reason]] = {}
        for pid in todo:
            own = local[pid]
            reasons: list[Reason] = []
            for ancestor in self._ancestors[pid]:
                above = local[ancestor]
                label = self._draft_labels[ancestor]
                if above.text_pending:
                    reasons.append(
                        Reason(
                            "chapeau_pending",
                            f"the chapeau {label} still has contested wording",
                            paragraph_ids=(ancestor,),
                        )
                    )
                elif above.blocked:
                    reasons.append(
                        Reason(
                            "chapeau_blocked",
                            f"the chapeau {label} is blocked by a formal objection",
                            paragraph_ids=(ancestor,),
                        )
                    )
            status = own.status
            if reasons and status is not Status.BLOCKED:
                status = Status.PENDING
            statuses[pid] = status
            extra[pid] = reasons

        agreed = self._agreed()
        packages = self._packages
        roots = sorted({packages.component_of[pid] for pid in todo if pid in packages.component_of})
        for root in roots:
            changed = True
            while changed:
                changed = False
                for package_id in packages.component_packages[root]:
                    members = packages.members[package_id]
                    failing = [m for m in members if statuses[m] not in agreed]
                    if not failing:
                        continue
                    for member in members:
                        if statuses[member] in agreed:
                            waiting = [f for f in failing if f != member]
                            listed = [
                                f"{self._draft_labels[f]} ({statuses[f].value})" for f in waiting
                            ]
                            extra[member].append(
                                Reason(
                                    "package",
                                    f"package {package_id!r}: agreed all together or not at "
                                    f"all; waiting for {_listing(listed)}",
                                    paragraph_ids=tuple(waiting),
                                )
                            )
                            statuses[member] = Status.PENDING
                            changed = True

        adopted = self._adopted_at is not None
        out: dict[str, ParagraphStatus] = {}
        for pid in todo:
            own = local[pid]
            status = statuses[pid]
            more = extra[pid]
            if more and status is not own.status:
                reasons_out = (*more, *own.head, *own.tail)
            else:
                reasons_out = (*own.head, *more, *own.tail)
            if adopted:
                assert self._adopted_reason is not None
                status = Status.ADOPTED
                reasons_out = (self._adopted_reason, *reasons_out)
            paragraph = self._paragraphs[pid]
            out[pid] = ParagraphStatus(
                paragraph_id=pid,
                label=paragraph.display_label,
                status=status,
                brackets=own.brackets,
                objectors=own.objectors,
                reasons=reasons_out,
                stale=own.stale,
                reservations=own.reservations,
                records=own.records,
                objections=own.objections,
                version=paragraph.version,
                packages=packages.of.get(pid, ()),
                ruling=own.ruling,
            )
        return out

    # ---------------------------------------------------------------- document

    def _document(self, paragraphs: tuple[ParagraphStatus, ...]) -> DocumentStatus:
        counts = dict.fromkeys(Status, 0)
        agreed = self._agreed()
        not_agreed: list[ParagraphStatus] = []
        for status in paragraphs:
            counts[status.status] += 1
            if status.status not in agreed:
                not_agreed.append(status)
        reasons: list[Reason] = []
        if self._adopted_at is not None:
            assert self._adopted_reason is not None
            adoptable = True
            reasons.append(self._adopted_reason)
        elif not paragraphs:
            adoptable = False
            reasons.append(Reason("empty", "the draft has no paragraphs to adopt"))
        elif not_agreed:
            adoptable = False
            listed = [
                f"{self._draft_labels[s.paragraph_id]} ({s.status.value})" for s in not_agreed
            ]
            reasons.append(
                Reason(
                    "not_agreed",
                    f"nothing is agreed until everything is agreed: {len(not_agreed)} of "
                    f"{_plural(len(paragraphs), 'paragraph')} not agreed: {_listing(listed, 20)}",
                    paragraph_ids=tuple(s.paragraph_id for s in not_agreed),
                )
            )
        else:
            adoptable = True
            reasons.append(
                Reason(
                    "adoptable",
                    f"all {_plural(len(paragraphs), 'paragraph')} agreed or ready for consensus: "
                    "the text can be adopted",
                )
            )
        reasons.extend(self._packages.notes)
        reasons.extend(self._document_notes)
        for outcome in self._silences:
            reasons.append(outcome.reasons[0])
        return DocumentStatus(
            adoptable=adoptable,
            counts=counts,
            total=len(paragraphs),
            not_agreed=tuple(s.paragraph_id for s in not_agreed)
            if self._adopted_at is None
            else (),
            adopted_at=self._adopted_at,
            reasons=tuple(reasons),
        )


_BY_PARTICIPANT: Final = attrgetter("participant", "element")


def _sorted_positions(positions: list[Position]) -> list[Position]:
    """Positions in :func:`_position_order`, fast when participants differ (the usual case)."""
    try:
        return sorted(positions, key=_BY_PARTICIPANT)  # element None vs int only on ties
    except TypeError:
        return sorted(positions, key=_position_order)


def _preferences(preferences: list[Position]) -> Reason:
    """Which option of which alternatives each participant prefers."""
    by_element: dict[int, dict[int, list[str]]] = {}
    for position in preferences:
        assert position.element is not None and position.preferred_option is not None
        options = by_element.setdefault(position.element, {})
        options.setdefault(position.preferred_option, []).append(position.participant)
    parts = []
    for element in sorted(by_element):
        options = by_element[element]
        listed = "; ".join(
            f"option {option}: {', '.join(sorted(options[option]))}" for option in sorted(options)
        )
        parts.append(f"element {element}: {listed}")
    return Reason(
        "preferences",
        "preferred options: " + " | ".join(parts),
        participants=tuple(sorted({p.participant for p in preferences})),
    )


def _position_order(position: Position) -> tuple[str, int, str, int]:
    """A total order on positions that does not depend on the order they were stated in."""
    return (
        position.participant,
        -1 if position.element is None else position.element,
        position.kind.value,
        position.paragraph_version,
    )


def _element_order(element: int | None) -> int:
    return -1 if element is None else element
