"""Revisions circulated as documents, recorded in a negotiation's history.

A revision arrives as a file (text, Markdown, DOCX) whose paragraphs carry no ids.
:func:`record_revision` aligns it with the negotiation's current draft
(:func:`~consensus_text.align.align_drafts`) and records the events that turn the one into the
other: new paragraphs proposed (with their labels, kinds, chapeaux and attribution), edited ones
amended, renumbered ones relabelled, moved ones moved, splits and merges as such, deleted ones
deleted, named option groups defined (or chosen, when a revision keeps one option of a group);
then the revision is issued. Afterwards the negotiation's draft has the imported paragraphs'
texts, labels, kinds, chapeaux and order, and the paragraphs that continue keep their ids, so
positions and rulings stay attached to them. Everything is recorded in one
:meth:`~consensus_text.history.Negotiation.batch`: all or nothing, one transaction in a store.

A paragraph whose kind or chapeau changed cannot be carried over by these events: it is recorded
as deleted and proposed anew (listed in :attr:`ImportReport.replaced`). :func:`import_file`
reads a file first and reports the reader's diagnostics; :func:`align_revisions` pairs the
paragraphs of two recorded revisions by their ids, for :func:`~consensus_text.summary.
summarize_revisions`.

>>> import datetime as dt
>>> from consensus_text.history import Negotiation
>>> from consensus_text.io.text import read_text_draft
>>> neg = Negotiation.create("PoA", at=dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc))
>>> zero = read_text_draft('''1. Decides to [establish][convene] a programme of action;
...
... 2. Requests the Secretariat to support it;
...
... 3. Decides to hold annual meetings.''').draft
>>> report = record_revision(neg, zero, label="Zero draft", kind="zero_draft")
>>> report.operations
{'proposed': 3}
>>> rev1 = read_text_draft('''1. Decides to establish a programme of action;
...
... 1 bis. Decides also that the programme shall be State-led;
...
... 2. Decides to hold annual meetings.''').draft
>>> report = record_revision(neg, rev1, label="Rev.1")
>>> report.operations
{'deleted': 1, 'amended': 1, 'proposed': 1, 'relabelled': 1}
>>> [(p.id, str(p.label), p.version) for p in neg.state.draft.active()]
[('p1', '1', 2), ('p4', '1 bis', 1), ('p3', '2', 1)]
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

import attrs

from consensus_text.align import (
    Alignment,
    AlignmentKind,
    Ambiguity,
    Pairing,
    align_drafts,
    increasing_run,
)
from consensus_text.diff import count_kept, diff_words
from consensus_text.errors import (
    FormatError,
    InvalidEventError,
    UnknownParticipantError,
    ValidationError,
)
from consensus_text.history import Event, Negotiation, ParagraphProposed
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph
from consensus_text.model.revisions import RevisionKind

__all__ = [
    "DraftFormat",
    "ImportDiagnostic",
    "ImportReport",
    "ReadDraft",
    "TrackedChanges",
    "align_revisions",
    "import_file",
    "read_draft_file",
    "record_revision",
]

#: The formats :func:`import_file` reads.
DraftFormat = Literal["text", "docx"]
#: What to do with the tracked changes of a DOCX file.
TrackedChanges = Literal["accept", "reject", "proposals"]

_SUFFIXES: dict[str, DraftFormat] = {
    ".docx": "docx",
    ".md": "text",
    ".markdown": "text",
    ".txt": "text",
    ".text": "text",
}
_WORD = re.compile(r"\w+", re.UNICODE)

# The keys of ImportReport.operations, in the order they are listed.
_OPERATIONS = {
    "OptionChosen": "options chosen",
    "ParagraphDeleted": "deleted",
    "ParagraphSplit": "split",
    "ParagraphsMerged": "merged",
    "TextAmended": "amended",
    "ParagraphMoved": "moved",
    "ParagraphProposed": "proposed",
    "ParagraphRelabelled": "relabelled",
    "OptionGroupDefined": "option groups defined",
}


# ----------------------------------------------------------------------------------------------
# Results


@attrs.frozen
class ImportDiagnostic:
    """A problem the reader found in the imported file.

    Attributes:
        line: the line of a text file; the paragraph of the document body for a DOCX file.
        column: the column; the character in that paragraph for a DOCX file.
        message: what is wrong.
        code: the reader's slug (``unmatched-close``, ``label-order``, ...).
        severity: ``"error"`` or ``"warning"``.

    >>> str(ImportDiagnostic(3, 14, "unmatched ']'", "unmatched-close"))
    "3:14: unmatched ']'"
    """

    line: int
    column: int
    message: str
    code: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@attrs.frozen
class ReadDraft:
    """A draft read from a file by :func:`read_draft_file`.

    Attributes:
        draft: the draft (paragraph ids ``p1``, ``p2``, ... in reading order).
        diagnostics: the reader's diagnostics.
        source: the file name used in messages.
        format: ``"text"`` or ``"docx"``.
    """

    draft: Draft
    diagnostics: tuple[ImportDiagnostic, ...] = ()
    source: str | None = None
    format: DraftFormat = "text"


@attrs.frozen
class ImportReport:
    """What :func:`record_revision` (or :func:`import_file`) recorded.

    Attributes:
        revision: the label of the revision issued.
        alignment: the alignment of the negotiation's draft (old) with the imported one (new).
        events: the events recorded, the RevisionIssued last.
        ids: for each paragraph of the imported draft, the id it has in the negotiation.
        replaced: the imported paragraphs whose kind or chapeau changed, recorded as deleted
            and proposed anew (earlier positions on them do not carry over).
        warnings: what the import could not carry over (an option group left as it was ...).
        diagnostics: the reader's diagnostics (:func:`import_file` only).
        source: the file name (:func:`import_file` only).
    """

    revision: str
    alignment: Alignment
    events: tuple[Event, ...]
    ids: Mapping[str, str]
    replaced: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    diagnostics: tuple[ImportDiagnostic, ...] = ()
    source: str | None = None

    @property
    def ambiguities(self) -> tuple[Ambiguity, ...]:
        """The pairings the alignment found ambiguous: check them, or pass ``overrides``."""
        return self.alignment.ambiguities

    @property
    def counts(self) -> dict[str, int]:
        """How many paragraphs of each alignment kind (``"new"``, ``"edited"``, ...)."""
        return {kind.value: n for kind, n in self.alignment.counts().items()}

    @property
    def operations(self) -> dict[str, int]:
        """How many events of each kind were recorded, the revision aside.

        Keys: ``"options chosen"``, ``"deleted"``, ``"split"``, ``"merged"``, ``"amended"``,
        ``"moved"``, ``"proposed"``, ``"relabelled"``, ``"option groups defined"``.
        """
        found = Counter(type(event).__name__ for event in self.events)
        return {name: found[key] for key, name in _OPERATIONS.items() if found[key]}

    def describe_ambiguities(self) -> tuple[str, ...]:
        """Each ambiguity in words, paragraphs shown by their labels as well as their ids."""
        old, new = self.alignment.old, self.alignment.new
        out = []
        for ambiguity in self.ambiguities:
            mine, theirs = (new, old) if ambiguity.side == "new" else (old, new)
            where = "imported" if ambiguity.side == "new" else "current"
            other = "current" if ambiguity.side == "new" else "imported"
            listed = ", ".join(
                f"{_shown(theirs, c.paragraph_id, f'kept {c.score:.2f}')}"
                for c in ambiguity.candidates
            )
            chosen = (
                f"paired with {_shown(theirs, ambiguity.chosen)}"
                if ambiguity.chosen
                else "left unpaired"
            )
            others = [
                c.paragraph_id for c in ambiguity.candidates if c.paragraph_id != ambiguity.chosen
            ]
            if not others:
                fix = "pass overrides to pair it otherwise"
            elif ambiguity.side == "new":
                fix = f"to pair it otherwise pass overrides={{{ambiguity.paragraph_id!r}: {others[0]!r}}}"
            else:
                fix = f"to pair it otherwise pass overrides={{{others[0]!r}: {ambiguity.paragraph_id!r}}}"
            out.append(
                f"{where} paragraph {_shown(mine, ambiguity.paragraph_id)} matches several "
                f"{other} paragraphs: {listed}; {chosen}; {fix}"
            )
        return tuple(out)


def _shown(draft: Draft, pid: str, note: str = "") -> str:
    """``5 bis (p7)``: a paragraph's label and id (and a note: ``5 bis (p7, kept 0.93)``)."""
    inside = f"{pid}, {note}" if note else pid
    label = draft.paragraph(pid).display_label if pid in draft else ""
    if label:
        return f"{label} ({inside})"
    return f"{pid} ({note})" if note else pid


# ----------------------------------------------------------------------------------------------
# Reading files


def read_draft_file(
    path: str | os.PathLike[str],
    *,
    format: DraftFormat | None = None,
    tracked_changes: TrackedChanges = "accept",
    strict: bool = False,
    extracted: bool = False,
) -> ReadDraft:
    """Read a draft from a text, Markdown or DOCX file.

    Args:
        path: the file.
        format: ``"text"`` or ``"docx"``; guessed from the suffix when None (``.docx``;
            ``.txt``, ``.md``, ``.markdown``, ``.text``).
        tracked_changes: DOCX only: ``"accept"`` every tracked change, ``"reject"`` every one,
            or read the text without them (``"proposals"``).
        strict: raise at the first problem instead of reporting it.
        extracted: text only: the text was extracted from PDF; clean it up first.

    Raises:
        FormatError: an unknown suffix, or a file that cannot be read as its format.
        UnsafeInputError: a file over the readers' limits, or hostile.
        ParseError: with ``strict``, the first problem (file, line and column).
        ValidationError: an option that does not apply to the format.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rev1.md"
    >>> _ = path.write_text("1. Decides to [act;\\n", encoding="utf-8")
    >>> read = read_draft_file(path)
    >>> read.format, [(d.line, d.column, d.code) for d in read.diagnostics]
    ('text', [(1, 15, 'unclosed-open')])
    """
    name = os.fspath(path)
    if format is None:
        suffix = Path(name).suffix.lower()
        if suffix not in _SUFFIXES:
            raise FormatError(
                f"cannot tell the format of {name} from its suffix {suffix!r}",
                hint="name the file .docx, .md or .txt, or pass format='text' or 'docx'",
            )
        format = _SUFFIXES[suffix]
    if format not in ("text", "docx"):
        raise ValidationError(
            f"unknown draft format {format!r}", hint="use format='text' or format='docx'"
        )
    if format == "text":
        if tracked_changes != "accept":
            raise ValidationError(
                f"tracked_changes={tracked_changes!r} applies to DOCX files, not to {name}",
                hint="leave tracked_changes at 'accept' for text files",
            )
        from consensus_text.io.text import read_text_file

        text_result = read_text_file(path, strict=strict, extracted=extracted)
        diagnostics = tuple(
            ImportDiagnostic(d.line, d.column, d.message, d.code, d.severity)
            for d in text_result.diagnostics
        )
        return ReadDraft(text_result.draft, diagnostics, name, "text")
    if extracted:
        raise ValidationError(
            f"extracted=True applies to text extracted from PDF, not to the DOCX file {name}",
            hint="leave extracted at False for DOCX files",
        )
    from consensus_text.io.docx_import import read_docx

    docx_result = read_docx(path, tracked_changes=tracked_changes, strict=strict, name=name)
    diagnostics = tuple(
        ImportDiagnostic(d.paragraph, d.character, d.message, d.code, d.severity)
        for d in docx_result.diagnostics
    )
    return ReadDraft(docx_result.draft, diagnostics, name, "docx")


def import_file(
    negotiation: Negotiation,
    path: str | os.PathLike[str],
    *,
    label: str,
    kind: RevisionKind | str = RevisionKind.REVISION,
    format: DraftFormat | None = None,
    tracked_changes: TrackedChanges = "accept",
    strict: bool = False,
    extracted: bool = False,
    by: str = "Chair",
    at: dt.datetime | None = None,
    meeting: str | None = None,
    overrides: Mapping[str, str | Sequence[str] | None] | None = None,
) -> ImportReport:
    """Read a revision from a file and record it (see :func:`record_revision`).

    The reader's diagnostics are reported in :attr:`ImportReport.diagnostics`; with ``strict``
    a draft with any problem raises instead and nothing is recorded.

    Args:
        negotiation: the negotiation to record the revision in.
        path: the text, Markdown or DOCX file.
        label: the revision's label (``"Rev.2"``).
        kind: its :class:`~consensus_text.model.revisions.RevisionKind` (or the value).
        format: ``"text"`` or ``"docx"``; guessed from the suffix when None.
        tracked_changes: DOCX only, see :func:`read_draft_file`.
        strict: raise :class:`~consensus_text.errors.ParseError` for a draft with problems.
        extracted: text only: clean up text extracted from PDF first.
        by: who records the changes and issues the revision.
        at: the time of every event; the negotiation's clock when None.
        meeting: the meeting the revision was issued in.
        overrides: pairings imposed on the alignment, by the imported draft's ids (``p1``,
            ``p2``, ... in reading order), see :func:`~consensus_text.align.align_drafts`.

    Raises:
        FormatError: the file cannot be read.
        ParseError: with ``strict``, the first problem of the draft.
        InvalidEventError: the revision cannot be recorded (nothing is).
    """
    read = read_draft_file(
        path, format=format, tracked_changes=tracked_changes, strict=strict, extracted=extracted
    )
    report = record_revision(
        negotiation,
        read.draft,
        label=label,
        kind=kind,
        by=by,
        at=at,
        meeting=meeting,
        overrides=overrides,
    )
    return attrs.evolve(report, diagnostics=read.diagnostics, source=read.source)


# ----------------------------------------------------------------------------------------------
# Recording a revision


def record_revision(
    negotiation: Negotiation,
    draft: Draft,
    *,
    label: str,
    kind: RevisionKind | str = RevisionKind.REVISION,
    by: str = "Chair",
    at: dt.datetime | None = None,
    meeting: str | None = None,
    overrides: Mapping[str, str | Sequence[str] | None] | None = None,
) -> ImportReport:
    """Record the events that turn the negotiation's draft into ``draft``, then issue it.

    Afterwards the active paragraphs of the negotiation's draft have the texts, labels, kinds,
    chapeaux and order of ``draft``'s, and its option groups are defined. The first revision
    of a new negotiation (an empty draft) is simply proposed paragraph by paragraph.

    Args:
        negotiation: the negotiation (in memory or bound to a store).
        draft: the imported draft; its ids need not mean anything.
        label: the revision's label (``"Rev.2"``).
        kind: its :class:`~consensus_text.model.revisions.RevisionKind` (or the value).
        by: who records the changes and issues the revision (an official or a participant).
        at: the time of every event; the negotiation's clock when None.
        meeting: the meeting the revision was issued in.
        overrides: pairings imposed on the alignment, from an id of ``draft`` to an id of the
            negotiation's draft (several: a merge; None: a new paragraph), see
            :func:`~consensus_text.align.align_drafts`.

    Returns:
        The alignment, its ambiguities, the events recorded and the ids given.

    Raises:
        InvalidEventError: an event does not apply (the revision label is taken, the document
            was adopted ...); nothing is recorded.
        UnknownParticipantError: an attribution code not in the negotiation's registry.
        ConflictError: (bound to a store) another writer appended first; nothing is recorded.
        ParagraphNotFoundError: an override names a paragraph that is in neither draft.
    """
    kind = kind if isinstance(kind, RevisionKind) else RevisionKind.parse(kind)
    if label in negotiation.revisions:
        raise InvalidEventError(
            f"revision {label!r} was already issued in this negotiation",
            hint="give the imported revision a label of its own (Rev.1, Rev.2, ...)",
        )
    current = negotiation.state.draft
    alignment = align_drafts(current, draft, overrides=overrides)
    plan = _Plan(negotiation, current, draft, alignment)
    plan.decide()
    start = negotiation.event_count
    with negotiation.batch():
        recorder = _Recorder(negotiation, plan, by=by, at=at, meeting=meeting)
        recorder.run()
        negotiation.issue_revision(label, kind, author=by, at=at, meeting=meeting)
        _verify(negotiation.state.draft, draft, plan.ids)
    return ImportReport(
        revision=label,
        alignment=alignment,
        events=negotiation.events[start:],
        ids=dict(plan.ids),
        replaced=tuple(plan.replaced),
        warnings=tuple(recorder.warnings),
    )


_NEW = "\x00new:"  # the token of a paragraph that will get a fresh id
_GONE = "\x00gone"  # the effective chapeau of a paragraph whose chapeau is deleted


class _Plan:
    """Which imported paragraphs continue which current ones, and how."""

    def __init__(
        self, negotiation: Negotiation, current: Draft, new: Draft, alignment: Alignment
    ) -> None:
        self.negotiation = negotiation
        self.current = current
        self.new = new
        self.alignment = alignment
        self.new_active = list(new.active())
        self.new_by_id = {p.id: p for p in self.new_active}
        self.new_index = {p.id: i for i, p in enumerate(self.new_active)}
        self.old_index = {p.id: i for i, p in enumerate(current.paragraphs)}
        self.keep: dict[str, str] = {}  # imported id -> current id
        self.splits: list[Pairing] = []
        self.merges: list[Pairing] = []
        self.deleted: list[str] = []  # current ids to delete
        self.replaced: list[str] = []  # imported ids re-proposed for a change of kind/chapeau
        self.ids: dict[str, str] = {}  # imported id -> id in the negotiation

    # -- deciding ----------------------------------------------------------------------------

    def decide(self) -> None:
        """Sort the pairings, demote those the events cannot express, give ids."""
        demoted: list[Pairing] = []
        for pair in self.alignment.pairs:
            olds, news = pair.old_ids, pair.new_ids
            if not news:
                self.deleted.extend(olds)
            elif not olds:
                continue
            elif len(olds) == 1 and len(news) == 1:
                if self.current.paragraph(olds[0]).kind is self.new_by_id[news[0]].kind:
                    self.keep[news[0]] = olds[0]
                else:
                    demoted.append(pair)
            elif len(olds) == 1 and self._split_fits(pair):
                self.splits.append(pair)
            elif len(news) == 1 and self._merge_fits(pair):
                self.merges.append(pair)
            else:
                demoted.append(pair)
        changed = True
        while changed:  # a demoted chapeau demotes its sub-paragraphs, and so on
            changed = False
            for new_id, old_id in list(self.keep.items()):
                old_parent = self.current.paragraph(old_id).parent
                if self._effective(old_parent) != self._target_parent(new_id):
                    del self.keep[new_id]
                    demoted.append(self.alignment.of_new(new_id))
                    changed = True
            for pair in list(self.splits):
                source = self.current.paragraph(pair.old_ids[0])
                effective = self._effective(source.parent)
                if any(self._target_parent(n) != effective for n in pair.new_ids):
                    self.splits.remove(pair)
                    demoted.append(pair)
                    changed = True
            for pair in list(self.merges):
                first = self.current.paragraph(pair.old_ids[0])
                if self._effective(first.parent) != self._target_parent(pair.new_ids[0]):
                    self.merges.remove(pair)
                    demoted.append(pair)
                    changed = True
        for pair in demoted:
            self.deleted.extend(pair.old_ids)
            self.replaced.extend(pair.new_ids)
        self.deleted.sort(key=self.old_index.__getitem__)
        self.replaced.sort(key=self.new_index.__getitem__)
        fresh = _fresh_ids(self.current)
        for paragraph in self.new_active:
            pid = paragraph.id
            self.ids[pid] = self.keep[pid] if pid in self.keep else next(fresh)

    def _split_fits(self, pair: Pairing) -> bool:
        kind = self.current.paragraph(pair.old_ids[0]).kind
        return all(self.new_by_id[n].kind is kind for n in pair.new_ids)

    def _merge_fits(self, pair: Pairing) -> bool:
        sources = [self.current.paragraph(pid) for pid in pair.old_ids]
        first = min(sources, key=lambda p: self.old_index[p.id])
        return (
            len({p.parent for p in sources}) == 1
            and first.kind is self.new_by_id[pair.new_ids[0]].kind
        )

    def _token(self, new_id: str) -> str:
        return self.keep.get(new_id, _NEW + new_id)

    def _target_parent(self, new_id: str) -> str | None:
        parent = self.new_by_id[new_id].parent
        return None if parent is None else self._token(parent)

    def _effective(self, old_parent: str | None) -> str | None:
        """The chapeau an old paragraph has after the splits and merges, as a token."""
        if old_parent is None:
            return None
        for pair in self.splits:
            if pair.old_ids[0] == old_parent:
                return _NEW + pair.new_ids[-1]
        for pair in self.merges:
            if old_parent in pair.old_ids:
                return _NEW + pair.new_ids[0]
        if old_parent in self.keep.values():
            return old_parent
        return _GONE

    # -- option groups -----------------------------------------------------------------------

    def survivors(self) -> set[str]:
        """The current ids that continue in the imported draft (kept, split or merged)."""
        out = set(self.keep.values())
        for pair in (*self.splits, *self.merges):
            out.update(pair.old_ids)
        return out

    def imported_groups(self, warnings: list[str]) -> list[OptionGroup]:
        """The imported draft's option groups, with the negotiation's paragraph ids.

        A group holding a deleted paragraph of the imported draft is left out, with a warning.
        """
        groups = []
        for group in self.new.option_groups:
            if any(pid not in self.ids for pid in group.paragraph_ids):
                warnings.append(
                    f"imported option group {group.id!r} holds deleted paragraphs: not defined"
                )
                continue
            options = tuple(
                Option(o.label, tuple(self.ids[pid] for pid in o.paragraph_ids), o.attribution)
                for o in group.options
            )
            groups.append(OptionGroup(group.id, options))
        return groups


def _fresh_ids(draft: Draft) -> Iterator[str]:
    """``p<n>`` ids unused in the draft, from the number the negotiation would use next."""
    number = len(draft.paragraphs) + 1
    while True:
        candidate = f"p{number}"
        if candidate not in draft:
            yield candidate
        number += 1


def _option_shape(group: OptionGroup) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((o.label, o.paragraph_ids) for o in group.options)


class _Recorder:
    """Records the events of a plan, in an order in which each of them applies."""

    def __init__(
        self,
        negotiation: Negotiation,
        plan: _Plan,
        *,
        by: str,
        at: dt.datetime | None,
        meeting: str | None,
    ) -> None:
        self.neg = negotiation
        self.plan = plan
        self.by = by
        self.at = at
        self.meeting = meeting
        self.warnings: list[str] = []
        self.existing: set[str] = set()  # negotiation ids of the imported paragraphs that exist

    def run(self) -> None:
        plan = self.plan
        for new_id in plan.replaced:
            self.warnings.append(
                f"imported paragraph {_shown(plan.new, new_id)} changed kind or chapeau: "
                "recorded as deleted and proposed anew (earlier positions do not carry over)"
            )
        groups = self.choose_options()
        self.delete()
        self.split_and_merge()
        self.amend()
        self.existing = {
            plan.ids[p.id]
            for p in plan.new_active
            if p.id in plan.keep
            or any(p.id in pair.new_ids for pair in (*plan.splits, *plan.merges))
        }
        self.reorder()
        self.propose()
        self.relabel()
        self.define_options(groups)

    # -- option groups chosen or kept ---------------------------------------------------------

    def choose_options(self) -> list[OptionGroup]:
        """Record the choices the import implies; return the imported groups to define."""
        plan = self.plan
        survivors = plan.survivors()
        imported = plan.imported_groups(self.warnings)
        wanted = {_option_shape(g): g for g in imported}
        to_define = list(imported)
        for group in plan.current.option_groups:
            shape = _option_shape(group)
            if shape in wanted:  # the same group: nothing to record
                to_define.remove(wanted.pop(shape))
                continue
            alive = [o for o in group.options if set(o.paragraph_ids) & survivors]
            no_text = [o for o in group.options if o.is_no_text]
            chosen: Option | None = None
            if len(alive) == 1 and set(alive[0].paragraph_ids) <= survivors:
                chosen = alive[0]
            elif not alive and len(no_text) == 1:
                chosen = no_text[0]
            if chosen is None:
                self.warnings.append(
                    f"option group {group.id!r} of the negotiation is not in the imported "
                    "draft and no single option of it was kept: left as it is; choose an "
                    "option with Negotiation.choose_option() if one was chosen"
                )
                continue
            self.neg.choose_option(
                group.id, chosen.label, by=self.by, at=self.at, meeting=self.meeting
            )
        return to_define

    def define_options(self, groups: list[OptionGroup]) -> None:
        state = self.neg.state
        taken = {pid: g.id for g in state.draft.option_groups for pid in g.paragraph_ids}
        used = {g.id for g in state.draft.option_groups}
        for event in self.neg.events:
            group_id = getattr(event, "group_id", None)
            if group_id is not None:
                used.add(group_id)
        number = 1
        for group in groups:
            clash = sorted({taken[pid] for pid in group.paragraph_ids if pid in taken})
            if clash:
                self.warnings.append(
                    f"imported option group {group.id!r} holds paragraphs of the negotiation's "
                    f"group {clash[0]!r}, which the import left as it was: not defined; choose "
                    "an option of the old group, then define the new one"
                )
                continue
            while f"g{number}" in used:
                number += 1
            group_id = f"g{number}"
            used.add(group_id)
            try:
                self.neg.define_options(
                    group_id, group.options, by=self.by, at=self.at, meeting=self.meeting
                )
            except UnknownParticipantError as error:
                error.add_note(f"in the attribution of an option of imported group {group.id!r}")
                raise

    # -- structure ------------------------------------------------------------------------------

    def delete(self) -> None:
        for pid in self.plan.deleted:
            if not self.neg.paragraph(pid).deleted:  # a chapeau's deletion took it already
                self.neg.delete(pid, by=self.by, at=self.at, meeting=self.meeting)

    def split_and_merge(self) -> None:
        plan = self.plan
        for pair in plan.splits:
            self.neg.split(
                pair.old_ids[0],
                [plan.new_by_id[n].text for n in pair.new_ids],
                new_ids=[plan.ids[n] for n in pair.new_ids],
                by=self.by,
                at=self.at,
                meeting=self.meeting,
            )
        for pair in plan.merges:
            new_id = pair.new_ids[0]
            self.neg.merge(
                pair.old_ids,
                plan.new_by_id[new_id].text,
                new_id=plan.ids[new_id],
                by=self.by,
                at=self.at,
                meeting=self.meeting,
            )

    def amend(self) -> None:
        plan = self.plan
        for paragraph in plan.new_active:
            old_id = plan.keep.get(paragraph.id)
            if old_id is not None and self.neg.paragraph(old_id).text != paragraph.text:
                self.neg.amend(old_id, paragraph.text, by=self.by, at=self.at, meeting=self.meeting)

    def relabel(self) -> None:
        plan = self.plan
        for paragraph in plan.new_active:
            pid = plan.ids[paragraph.id]
            if self.neg.paragraph(pid).label != paragraph.label:
                self.neg.relabel(pid, paragraph.label, by=self.by, at=self.at, meeting=self.meeting)

    def propose(self) -> None:
        plan = self.plan
        previous: str | None = None
        for paragraph in plan.new_active:
            pid = plan.ids[paragraph.id]
            if pid not in self.existing:
                parent = paragraph.parent
                # The event is made here, not by Negotiation.propose(), which would give an
                # unlabelled paragraph a label of its own.
                event = ParagraphProposed(
                    **self.neg._common(self.by, self.at, self.meeting),
                    paragraph_id=pid,
                    text=paragraph.text,
                    kind=paragraph.kind,
                    label=paragraph.label,
                    after=previous if previous is not None else "",
                    parent=None if parent is None else plan.ids[parent],
                    attribution=paragraph.attribution,
                )
                try:
                    self.neg.append(event)
                except UnknownParticipantError as error:
                    error.add_note(
                        "in the attribution of imported paragraph "
                        f"{_shown(plan.new, paragraph.id)}; register the participant first"
                    )
                    raise
            previous = pid

    # -- order ---------------------------------------------------------------------------------

    def reorder(self) -> None:
        """Move the paragraphs that exist into the imported order, moving as few as it can.

        Every sibling list (the top level, the sub-paragraphs of each chapeau) is put in order
        separately: the longest run already in order stays, the others move after their
        predecessor. A last pass moves any paragraph still out of place after the one before it.
        """
        plan = self.plan
        target = [plan.ids[p.id] for p in plan.new_active if plan.ids[p.id] in self.existing]
        if not target:
            return
        parents: dict[str | None, list[str]] = {}
        draft = self.neg.state.draft
        for pid in target:
            parents.setdefault(draft.paragraph(pid).parent, []).append(pid)
        for parent in (None, *target):
            siblings = parents.get(parent)
            if siblings is None or len(siblings) < 2:
                continue
            draft = self.neg.state.draft
            stay = increasing_run([draft.position_of(pid) for pid in siblings])
            for j, pid in enumerate(siblings):
                if j in stay:
                    continue
                draft = self.neg.state.draft
                if j == 0:
                    anchor = "" if parent is None else parent
                else:
                    block = [siblings[j - 1], *(p.id for p in draft.descendants(siblings[j - 1]))]
                    anchor = max(block, key=draft.position_of)
                self._move(draft, pid, anchor)
        for _ in range(len(target)):
            draft = self.neg.state.draft
            order = [p.id for p in draft.active() if p.id in self.existing]
            if order == target or len(order) != len(target):
                return  # done, or beyond repair by moves: _verify() will say so
            wrong = next(i for i, (a, b) in enumerate(zip(order, target, strict=False)) if a != b)
            self._move(draft, target[wrong], target[wrong - 1] if wrong else "")

    def _move(self, draft: Draft, pid: str, anchor: str) -> None:
        position = draft.position_of(pid)
        if (anchor == "" and position == 0) or (
            anchor != "" and position == draft.position_of(anchor) + 1
        ):
            return
        self.neg.move(pid, after=anchor, by=self.by, at=self.at, meeting=self.meeting)


def _verify(result: Draft, imported: Draft, ids: Mapping[str, str]) -> None:
    """Raise (and so undo the batch) when the events did not reproduce the imported draft."""
    got = list(result.active())
    wanted = list(imported.active())
    problem = None
    if [p.id for p in got] != [ids[p.id] for p in wanted]:
        problem = "the order of the paragraphs"
    else:
        for have, want in zip(got, wanted, strict=True):
            parent = None if want.parent is None else ids[want.parent]
            for name, a, b in (
                ("text", have.text, want.text),
                ("label", have.label, want.label),
                ("kind", have.kind, want.kind),
                ("chapeau", have.parent, parent),
            ):
                if a != b:
                    problem = f"the {name} of paragraph {_shown(imported, want.id)}: {a!r} != {b!r}"
                    break
            if problem:
                break
    if problem is not None:
        raise InvalidEventError(
            f"the events recorded for the import do not reproduce {problem}",
            hint="nothing was recorded; please report this with the two drafts",
        )


# ----------------------------------------------------------------------------------------------
# Pairing recorded revisions by id


def align_revisions(negotiation: Negotiation, earlier: str, later: str) -> Alignment:
    """Pair the paragraphs of two issued revisions by their stable ids (and the history).

    Unlike :func:`~consensus_text.align.align_drafts`, nothing is guessed: a paragraph that
    keeps its id is the same paragraph, splits and merges come from the log (through
    :meth:`~consensus_text.history.Negotiation.lineage_data`), a paragraph without an ancestor
    is new and one without a successor deleted. The result has no ambiguities and serves
    :func:`~consensus_text.summary.summarize_revisions` as its ``alignment``.

    Raises:
        RevisionNotFoundError: an unknown revision, or ``later`` issued before ``earlier``.

    >>> import datetime as dt
    >>> from consensus_text.history import Negotiation
    >>> neg = Negotiation.create("T", at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    >>> a = neg.propose("Decides to act now;", by="Chair")
    >>> b = neg.propose("Notes the report;", by="Chair")
    >>> neg.issue_revision("Rev.1")
    >>> neg.amend(a, "Decides to act at once;", by="Chair")
    >>> neg.move(b, after="", by="Chair")
    >>> neg.issue_revision("Rev.2")
    >>> [(p.kind.value, p.old_ids, p.new_ids) for p in align_revisions(neg, "Rev.1", "Rev.2").pairs]
    [('moved', ('p2',), ('p2',)), ('edited', ('p1',), ('p1',))]
    """
    old = negotiation.snapshot(revision=earlier).draft
    new = negotiation.snapshot(revision=later).draft
    mapping = negotiation.lineage_data().mapping(earlier, later)
    old_active = list(old.active())
    new_active = list(new.active())
    old_at = {p.id: i for i, p in enumerate(old_active)}
    new_at = {p.id: i for i, p in enumerate(new_active)}
    # Connected components of the old -> new edges: one pairing each.
    root: dict[tuple[str, str], tuple[str, str]] = {}

    def find(key: tuple[str, str]) -> tuple[str, str]:
        while root.setdefault(key, key) != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    for old_id, targets in mapping.items():
        for new_id in targets:
            if old_id in old_at and new_id in new_at:
                root[find(("old", old_id))] = find(("new", new_id))
    members: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for key in list(root):
        side, pid = key
        old_side, new_side = members.setdefault(find(key), ([], []))
        (old_side if side == "old" else new_side).append(pid)
    matches: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for old_side, new_side in members.values():
        if old_side and new_side:
            old_side.sort(key=old_at.__getitem__)
            new_side.sort(key=new_at.__getitem__)
            matches.append((tuple(old_side), tuple(new_side)))
    matches.sort(key=lambda m: new_at[m[1][0]])
    in_place = increasing_run([old_at[olds[0]] for olds, _ in matches])
    placed: list[tuple[tuple[int, int, int], Pairing]] = []
    successor: dict[str, int] = {}
    paired: set[str] = set()
    for k, (olds, news) in enumerate(matches):
        placed.append(((new_at[news[0]], 0, 0), _pairing(old, new, olds, news, k not in in_place)))
        paired.update(news)
        for pid in olds:
            successor[pid] = new_at[news[-1]]
    for paragraph in new_active:
        if paragraph.id not in paired:
            pairing = Pairing(AlignmentKind.NEW, (), (paragraph.id,), 0.0)
            placed.append(((new_at[paragraph.id], 0, 0), pairing))
    anchor = -1
    for paragraph in old_active:
        if paragraph.id in successor:
            anchor = successor[paragraph.id]
            continue
        pairing = Pairing(AlignmentKind.DELETED, (paragraph.id,), (), 0.0)
        placed.append(((anchor, 1, old_at[paragraph.id]), pairing))
    placed.sort(key=lambda kv: kv[0])
    return Alignment(pairs=tuple(p for _, p in placed), ambiguities=(), old=old, new=new)


def _words(paragraphs: Sequence[Paragraph]) -> list[str]:
    return [w for p in paragraphs for w in _WORD.findall(p.tree.plain_text().lower())]


def _pairing(
    old: Draft, new: Draft, old_ids: tuple[str, ...], new_ids: tuple[str, ...], moved: bool
) -> Pairing:
    olds = [old.paragraph(pid) for pid in old_ids]
    news = [new.paragraph(pid) for pid in new_ids]
    old_text = "\n".join(p.text for p in olds)
    new_text = "\n".join(p.text for p in news)
    edited = old_text != new_text
    score = 1.0
    if edited:
        a, b = _words(olds), _words(news)
        score = 2 * count_kept(a, b) / (len(a) + len(b)) if a or b else 1.0
    one_to_one = len(olds) == 1 and len(news) == 1
    renumbered = one_to_one and olds[0].label != news[0].label
    if len(news) > 1:
        kind = AlignmentKind.SPLIT
    elif len(olds) > 1:
        kind = AlignmentKind.MERGED
    elif moved:
        kind = AlignmentKind.MOVED
    elif edited:
        kind = AlignmentKind.EDITED
    elif renumbered:
        kind = AlignmentKind.RENUMBERED
    else:
        kind = AlignmentKind.UNCHANGED
    return Pairing(
        kind=kind,
        old_ids=old_ids,
        new_ids=new_ids,
        score=score,
        ops=diff_words(old_text, new_text) if edited else (),
        edited=edited,
        renumbered=renumbered,
        moved=moved,
    )
