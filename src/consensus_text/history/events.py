"""The events of a negotiation: one immutable value per change, named in the past tense.

Every event says when it happened (:attr:`Event.at`, an aware datetime), who did it
(:attr:`Event.by`: a participant's code, or an official such as ``"Chair"`` or
``"Secretariat"``), optionally in which meeting, and in which revision it happened (the label of
the latest revision issued before it, recorded by :class:`~consensus_text.history.Negotiation`;
None before the first). Events hold only concrete values: paragraph ids, labels and times are
decided when the event is made, so that replaying a log is deterministic.

Changes to the text are :class:`ParagraphProposed`, :class:`TextAmended`, the bracket events,
:class:`ParagraphMoved`, :class:`ParagraphSplit`, :class:`ParagraphsMerged`,
:class:`ParagraphDeleted`, :class:`ParagraphRestored` and :class:`ParagraphRelabelled` (another
displayed label, the same version); named options over whole paragraphs are defined by
:class:`OptionGroupDefined` and settled by :class:`OptionChosen`.

>>> import datetime as dt
>>> at = dt.datetime(2025, 7, 1, 10, tzinfo=dt.timezone.utc)
>>> event = TextAmended(at=at, by="Chair", paragraph_id="p3", text="Decides [to convene];")
>>> event.event_type, describe(event)
('text_amended', 'TextAmended p3 by Chair')
>>> event_class("text_amended") is TextAmended
True
>>> describe(ParagraphRelabelled(at=at, by="Chair", paragraph_id="p3", label="5 bis"))
"ParagraphRelabelled '5 bis' p3 by Chair"
>>> ParagraphRelabelled(at=at, by="Chair", paragraph_id="p3", label="5 bsi")
Traceback (most recent call last):
...
consensus_text.errors.LabelError: '5 bsi' is not a paragraph label; write a number ('5', '-1', \
'PP3'), a letter or Roman numeral in brackets ('(a)', '(iv)'), or one followed by a dot ('b.'), \
optionally with a Latin suffix ('bis', 'ter', ... 'decies')
>>> TextAmended(at=dt.datetime(2025, 7, 1), by="Chair", paragraph_id="p3", text="x")
Traceback (most recent call last):
...
consensus_text.errors.ValidationError: at 2025-07-01T00:00:00 has no time zone; pass an aware \
datetime, e.g. datetime.datetime(..., tzinfo=datetime.timezone.utc)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Final

import attrs

from consensus_text.errors import LabelError, ValidationError
from consensus_text.model._validators import aware, non_empty, positive
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Option, ParagraphKind
from consensus_text.model.participants import Group, Participant, Registry
from consensus_text.model.positions import PositionKind
from consensus_text.model.procedure import Ballot, RulingKind
from consensus_text.model.revisions import RevisionKind

__all__ = [
    "EVENT_TYPES",
    "OFFICIALS",
    "BracketInserted",
    "BracketResolved",
    "DocumentAdopted",
    "Event",
    "GroupRegistered",
    "NegotiationCreated",
    "OptionChosen",
    "OptionGroupDefined",
    "PackageDefined",
    "ParagraphDeleted",
    "ParagraphMoved",
    "ParagraphProposed",
    "ParagraphRelabelled",
    "ParagraphRestored",
    "ParagraphSplit",
    "ParagraphsMerged",
    "ParticipantRegistered",
    "PositionStated",
    "PositionWithdrawn",
    "Resolution",
    "RevisionIssued",
    "RulingRecorded",
    "SilenceBreakWithdrawn",
    "SilenceBroken",
    "SilenceStarted",
    "TextAmended",
    "VoteRecorded",
    "describe",
    "event_class",
]

#: Who may act without being a registered participant: the officers of a meeting.
OFFICIALS: Final = frozenset(
    {
        "Chair",
        "Co-Chair",
        "Vice-Chair",
        "President",
        "Facilitator",
        "Co-facilitator",
        "Rapporteur",
        "Bureau",
        "Secretariat",
    }
)


def _required_aware(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if (
        type(value) is dt.datetime
        and value.tzinfo is not None
        and (value.tzinfo is dt.UTC or value.utcoffset() is not None)
    ):
        return  # the common case, checked without a call
    if value is None:
        raise ValidationError(
            f"{attribute.name} is required", hint="pass an aware datetime for the event's time"
        )
    aware(instance, attribute, value)


def _text_id(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty string without surrounding spaces (a fast path of ``non_empty``)."""
    if type(value) is str and value and not value[0].isspace() and not value[-1].isspace():
        return
    non_empty(instance, attribute, value)


def _optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text_id(instance, attribute, value)


def _instance_of(kind: type) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise ValidationError(
                f"{type(instance).__name__}.{attribute.name} {value!r} must be a {kind.__name__}",
                hint=f"pass a {kind.__name__} value",
            )

    check.instance_of = kind  # type: ignore[attr-defined]  # read by the store's row readers
    return check


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ValidationError(
            f"expected a sequence of codes or ids, got the string {value!r}",
            hint=f"write ({value!r},) for a single one",
        )
    return tuple(value)


#: One option of an :class:`OptionGroupDefined`: its name, its paragraphs, its proposers.
OptionSpec = tuple[str, tuple[str, ...], tuple[str, ...]]


def _label(value: Label | str | None) -> Label | None:
    if value is None or isinstance(value, Label):
        return value
    if isinstance(value, str):
        return Label.parse(value)  # raises LabelError, naming the text
    raise LabelError(
        f"expected a label, got {type(value).__name__} {value!r}",
        hint="pass a Label, a string such as '5 bis', or None",
    )


def _option_specs(value: Iterable[Option | Iterable[Any]]) -> tuple[OptionSpec, ...]:
    """Options as ``(label, paragraph_ids, attribution)`` tuples (from tuples, lists, Options)."""
    if isinstance(value, str):
        raise ValidationError(
            f"expected a sequence of options, got the string {value!r}",
            hint="give (label, paragraph_ids, attribution) for each option",
        )
    specs: list[OptionSpec] = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, Option):
            specs.append((item.label, item.paragraph_ids, item.attribution))
            continue
        try:
            parts = () if isinstance(item, str) else tuple(item)
        except TypeError:  # not a sequence at all
            parts = ()
        if len(parts) not in (2, 3):
            raise ValidationError(
                f"option {number} is {item!r}",
                hint="give each option as (label, paragraph_ids) or "
                "(label, paragraph_ids, attribution)",
            )
        label = parts[0]
        if not isinstance(label, str) or not label.strip() or label != label.strip():
            raise ValidationError(
                f"option {number} has the name {label!r}",
                hint="name options as written, e.g. 'Option 1' or 'Alt 2'",
            )
        ids = _codes(parts[1])
        codes = _codes(parts[2]) if len(parts) == 3 else ()
        for code in (*ids, *codes):
            if not isinstance(code, str) or not code:
                raise ValidationError(
                    f"option {label!r} holds {code!r}", hint="give ids and codes as strings"
                )
        specs.append((label, ids, codes))
    return tuple(specs)


def _ballots(
    value: Mapping[str, Ballot | str] | Iterable[tuple[str, Ballot | str]],
) -> tuple[tuple[str, Ballot], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(code), Ballot(ballot)) for code, ballot in items))


@attrs.frozen(kw_only=True)
class Event:
    """The fields every event has.

    Attributes:
        at: when it happened (aware datetime).
        by: who did it: a participant's or group's code, or one of :data:`OFFICIALS`.
        meeting: the meeting or session it happened in, such as ``"informals 3"``.
        revision: the label of the latest revision issued before the event, None before the
            first; the negotiation records it and replay checks it.
    """

    event_type: ClassVar[str] = "event"

    at: dt.datetime = attrs.field(validator=_required_aware)
    by: str = attrs.field(validator=_text_id)
    meeting: str | None = attrs.field(default=None, validator=_optional_text)
    revision: str | None = attrs.field(default=None, validator=_optional_text)

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        """The paragraphs the event concerns (empty when it concerns none)."""
        pid = getattr(self, "paragraph_id", None)
        return (pid,) if pid else ()


@attrs.frozen(kw_only=True)
class NegotiationCreated(Event):
    """The first event of every log: the document's title and symbol, and who takes part.

    Attributes:
        title: the document's title.
        symbol: its document symbol, if any.
        registry: the participants and groups; None for :meth:`Registry.default`.
    """

    event_type: ClassVar[str] = "negotiation_created"

    title: str = attrs.field(validator=_instance_of(str))
    symbol: str = ""
    registry: Registry | None = None


@attrs.frozen(kw_only=True)
class ParticipantRegistered(Event):
    """A participant added to the negotiation's registry (an NGO, an organization...)."""

    event_type: ClassVar[str] = "participant_registered"

    participant: Participant = attrs.field(validator=_instance_of(Participant))


@attrs.frozen(kw_only=True)
class GroupRegistered(Event):
    """A group added to the registry, or replacing the group of the same code."""

    event_type: ClassVar[str] = "group_registered"

    group: Group = attrs.field(validator=_instance_of(Group))


@attrs.frozen(kw_only=True)
class ParagraphProposed(Event):
    """A new paragraph inserted into the draft.

    Attributes:
        paragraph_id: the new paragraph's stable id (unused so far in the negotiation).
        text: its bracketed text.
        kind: preambular, operative or heading.
        label: its displayed label, if any.
        after: the paragraph it follows; None appends, ``""`` inserts at the beginning.
        parent: the chapeau, for a sub-paragraph.
        attribution: the codes of those who proposed it (data, never in the text).
    """

    event_type: ClassVar[str] = "paragraph_proposed"

    paragraph_id: str = attrs.field(validator=_text_id)
    text: str = attrs.field(validator=_instance_of(str))
    kind: ParagraphKind = attrs.field(
        default=ParagraphKind.OPERATIVE, validator=_instance_of(ParagraphKind)
    )
    label: Label | None = None
    after: str | None = None
    parent: str | None = None
    attribution: tuple[str, ...] = attrs.field(default=(), converter=_codes)


@attrs.frozen(kw_only=True)
class TextAmended(Event):
    """New wording for a paragraph (its version rises by one)."""

    event_type: ClassVar[str] = "text_amended"

    paragraph_id: str = attrs.field(validator=_text_id)
    text: str = attrs.field(validator=_instance_of(str))


@attrs.frozen(kw_only=True)
class BracketInserted(Event):
    """Square brackets put around the characters ``text[start:end]`` of a paragraph."""

    event_type: ClassVar[str] = "bracket_inserted"

    paragraph_id: str = attrs.field(validator=_text_id)
    start: int = attrs.field(validator=_instance_of(int))
    end: int = attrs.field(validator=_instance_of(int))

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValidationError(
                f"bracket span {self.start}:{self.end} is empty or negative",
                hint="give 0 <= start < end, character offsets in the paragraph's text",
            )


class Resolution(enum.Enum):
    """The four ways to remove a bracket."""

    ACCEPT = "accept"  #: keep the wording, strip the brackets
    DELETE = "delete"  #: remove the bracketed span (or the alternatives, or the placeholder)
    CHOOSE = "choose"  #: keep one alternative, drop the others
    FILL = "fill"  #: replace a placeholder with text


@attrs.frozen(kw_only=True)
class BracketResolved(Event):
    """A contested element of a paragraph resolved.

    Attributes:
        paragraph_id: the paragraph.
        element: the 1-based index of the contested element in the current version.
        how: accept, delete, choose or fill.
        option: the 1-based alternative kept (``choose`` only).
        text: the text that replaces a placeholder (``fill`` only).
    """

    event_type: ClassVar[str] = "bracket_resolved"

    paragraph_id: str = attrs.field(validator=_text_id)
    element: int = attrs.field(validator=[_instance_of(int), positive])
    how: Resolution = attrs.field(converter=Resolution)
    option: int | None = attrs.field(default=None, validator=positive)
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.option is not None) != (self.how is Resolution.CHOOSE):
            raise ValidationError(
                f"resolution {self.how.value!r} with option={self.option!r}",
                hint="give option (1-based) with how='choose' and only then",
            )
        if (self.text is not None) != (self.how is Resolution.FILL):
            raise ValidationError(
                f"resolution {self.how.value!r} with text={self.text!r}",
                hint="give text with how='fill' and only then",
            )


@attrs.frozen(kw_only=True)
class ParagraphMoved(Event):
    """A paragraph (with its sub-paragraphs) moved after another; ``after=""``: to the top."""

    event_type: ClassVar[str] = "paragraph_moved"

    paragraph_id: str = attrs.field(validator=_text_id)
    after: str | None = None


@attrs.frozen(kw_only=True)
class ParagraphSplit(Event):
    """A paragraph split in parts: it becomes a tombstone, the parts follow it.

    The first part takes the paragraph's label, the others the next Latin suffixes; the
    sub-paragraphs of a split chapeau move under the last part.
    """

    event_type: ClassVar[str] = "paragraph_split"

    paragraph_id: str = attrs.field(validator=_text_id)
    new_ids: tuple[str, ...] = attrs.field(converter=_codes)
    texts: tuple[str, ...] = attrs.field(converter=_codes)

    def __attrs_post_init__(self) -> None:
        if len(self.new_ids) < 2 or len(self.new_ids) != len(self.texts):
            raise ValidationError(
                f"a split needs two or more parts with one id each, got {len(self.new_ids)} "
                f"id(s) and {len(self.texts)} text(s)",
                hint="give as many new ids as texts, at least two",
            )

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        return (self.paragraph_id, *self.new_ids)


@attrs.frozen(kw_only=True)
class ParagraphsMerged(Event):
    """Two or more sibling paragraphs merged into a new one, placed where the first was."""

    event_type: ClassVar[str] = "paragraphs_merged"

    sources: tuple[str, ...] = attrs.field(converter=_codes)
    new_id: str = attrs.field(validator=_text_id)
    text: str = attrs.field(validator=_instance_of(str))

    def __attrs_post_init__(self) -> None:
        if len(self.sources) < 2 or len(set(self.sources)) != len(self.sources):
            raise ValidationError(
                f"a merge needs two or more distinct paragraphs, got {list(self.sources)}",
                hint="name each paragraph to merge once",
            )

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        return (*self.sources, self.new_id)


@attrs.frozen(kw_only=True)
class ParagraphDeleted(Event):
    """A paragraph deleted: it stays as a tombstone, with its active sub-paragraphs."""

    event_type: ClassVar[str] = "paragraph_deleted"

    paragraph_id: str = attrs.field(validator=_text_id)


@attrs.frozen(kw_only=True)
class ParagraphRestored(Event):
    """A deleted paragraph brought back with the wording it had (its sub-paragraphs stay)."""

    event_type: ClassVar[str] = "paragraph_restored"

    paragraph_id: str = attrs.field(validator=_text_id)


@attrs.frozen(kw_only=True)
class ParagraphRelabelled(Event):
    """A paragraph shown under another label (its wording and version are unchanged).

    Attributes:
        paragraph_id: the paragraph.
        label: its new displayed label (a string is parsed: ``"5 bis"``), or None to show it
            without a label.
    """

    event_type: ClassVar[str] = "paragraph_relabelled"

    paragraph_id: str = attrs.field(validator=_text_id)
    label: Label | None = attrs.field(converter=_label)


@attrs.frozen(kw_only=True)
class OptionGroupDefined(Event):
    """Named options ("Option 1", "Alt 2", "Option 3: No text") over whole paragraphs.

    Attributes:
        group_id: the group's id, unlike that of any group in the draft.
        options: ``(label, paragraph_ids, attribution)`` for each option, two or more; an option
            without paragraphs is "No text" (choosing it deletes the provision).
    """

    event_type: ClassVar[str] = "option_group_defined"

    group_id: str = attrs.field(validator=_text_id)
    options: tuple[OptionSpec, ...] = attrs.field(converter=_option_specs)

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        return tuple(pid for _, ids, _ in self.options for pid in ids)


@attrs.frozen(kw_only=True)
class OptionChosen(Event):
    """One option of a group kept: the paragraphs of the others are deleted, the group goes."""

    event_type: ClassVar[str] = "option_chosen"

    group_id: str = attrs.field(validator=_text_id)
    option_label: str = attrs.field(validator=_text_id)


@attrs.frozen(kw_only=True)
class PositionStated(Event):
    """A participant's position on the current version of a paragraph or one of its elements.

    It replaces the participant's earlier position on the same paragraph and element.
    """

    event_type: ClassVar[str] = "position_stated"

    participant: str = attrs.field(validator=_text_id)
    paragraph_id: str = attrs.field(validator=_text_id)
    kind: PositionKind = attrs.field(validator=_instance_of(PositionKind))
    element: int | None = attrs.field(default=None, validator=positive)
    preferred_option: int | None = attrs.field(default=None, validator=positive)
    speaker: str | None = attrs.field(default=None, validator=_optional_text)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.preferred_option is not None and self.element is None:
            raise ValidationError(
                "preferred_option names an option but element is None",
                hint="set element to the index of the alternatives the option belongs to",
            )


@attrs.frozen(kw_only=True)
class PositionWithdrawn(Event):
    """A participant's position on a paragraph (or one element of it) withdrawn."""

    event_type: ClassVar[str] = "position_withdrawn"

    participant: str = attrs.field(validator=_text_id)
    paragraph_id: str = attrs.field(validator=_text_id)
    element: int | None = attrs.field(default=None, validator=positive)


@attrs.frozen(kw_only=True)
class RulingRecorded(Event):
    """A chair's ruling on the current version of a paragraph."""

    event_type: ClassVar[str] = "ruling_recorded"

    paragraph_id: str = attrs.field(validator=_text_id)
    kind: RulingKind = attrs.field(validator=_instance_of(RulingKind))
    note: str = ""


@attrs.frozen(kw_only=True)
class RevisionIssued(Event):
    """A revision circulated: the draft as it stands becomes that revision.

    Its issue date is :attr:`Event.at` and its author :attr:`author`.
    """

    event_type: ClassVar[str] = "revision_issued"

    label: str = attrs.field(validator=_text_id)
    kind: RevisionKind = attrs.field(
        default=RevisionKind.REVISION, validator=_instance_of(RevisionKind)
    )
    author: str = attrs.field(default="Chair", validator=_text_id)
    symbol: str = ""
    note: str = ""


@attrs.frozen(kw_only=True)
class DocumentAdopted(Event):
    """The whole document adopted; afterwards only dissociations and explanations are taken."""

    event_type: ClassVar[str] = "document_adopted"

    note: str = ""


@attrs.frozen(kw_only=True)
class PackageDefined(Event):
    """Paragraphs (or packages) agreed all together or not at all; redefines a same-id package."""

    event_type: ClassVar[str] = "package_defined"

    package_id: str = attrs.field(validator=_text_id)
    members: tuple[str, ...] = attrs.field(converter=_codes)

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        return self.members


@attrs.frozen(kw_only=True)
class SilenceStarted(Event):
    """A text put under silence until ``deadline``; empty ``paragraph_ids``: the whole text."""

    event_type: ClassVar[str] = "silence_started"

    silence_id: str = attrs.field(validator=_text_id)
    deadline: dt.datetime = attrs.field(validator=_required_aware)
    paragraph_ids: tuple[str, ...] = attrs.field(default=(), converter=_codes)


@attrs.frozen(kw_only=True)
class SilenceBroken(Event):
    """A participant breaking silence (received at :attr:`Event.at`, late or not)."""

    event_type: ClassVar[str] = "silence_broken"

    silence_id: str = attrs.field(validator=_text_id)
    participant: str = attrs.field(validator=_text_id)
    note: str = ""


@attrs.frozen(kw_only=True)
class SilenceBreakWithdrawn(Event):
    """A participant withdrawing its latest break of silence."""

    event_type: ClassVar[str] = "silence_break_withdrawn"

    silence_id: str = attrs.field(validator=_text_id)
    participant: str = attrs.field(validator=_text_id)


@attrs.frozen(kw_only=True)
class VoteRecorded(Event):
    """A recorded vote on a paragraph, or on the whole document when ``paragraph_id`` is None."""

    event_type: ClassVar[str] = "vote_recorded"

    vote_id: str = attrs.field(validator=_text_id)
    ballots: tuple[tuple[str, Ballot], ...] = attrs.field(converter=_ballots)
    paragraph_id: str | None = attrs.field(default=None, validator=_optional_text)
    important_question: bool = False


_CLASSES: tuple[type[Event], ...] = (
    NegotiationCreated,
    ParticipantRegistered,
    GroupRegistered,
    ParagraphProposed,
    TextAmended,
    BracketInserted,
    BracketResolved,
    ParagraphMoved,
    ParagraphSplit,
    ParagraphsMerged,
    ParagraphDeleted,
    ParagraphRestored,
    ParagraphRelabelled,
    OptionGroupDefined,
    OptionChosen,
    PositionStated,
    PositionWithdrawn,
    RulingRecorded,
    RevisionIssued,
    DocumentAdopted,
    PackageDefined,
    SilenceStarted,
    SilenceBroken,
    SilenceBreakWithdrawn,
    VoteRecorded,
)

#: Every event class by its :attr:`Event.event_type`.
EVENT_TYPES: Final[Mapping[str, type[Event]]] = {cls.event_type: cls for cls in _CLASSES}


def event_class(event_type: str) -> type[Event]:
    """The event class of an ``event_type`` such as ``"paragraph_proposed"``.

    Raises:
        ValidationError: an unknown type, with the known ones.
    """
    try:
        return EVENT_TYPES[event_type]
    except KeyError:
        raise ValidationError(
            f"unknown event type {event_type!r}",
            hint="known types: " + ", ".join(sorted(EVENT_TYPES)),
        ) from None


def describe(event: Event) -> str:
    """A short human description: the class, what it concerns, and who.

    >>> import datetime as dt
    >>> describe(PositionStated(at=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), by="FRA",
    ...          participant="FRA", paragraph_id="p2", kind=PositionKind.OBJECTION))
    'PositionStated objection p2 by FRA'
    """
    name = type(event).__name__
    detail: list[str] = []
    if isinstance(event, PositionStated):
        detail.append(event.kind.value)
        if event.participant != event.by:
            detail.append(f"of {event.participant}")
    elif isinstance(event, RulingRecorded):
        detail.append(event.kind.value)
    elif isinstance(event, BracketResolved):
        detail.append(f"{event.how.value} #{event.element}")
    elif isinstance(event, RevisionIssued):
        detail.append(repr(event.label))
    elif isinstance(event, NegotiationCreated):
        detail.append(repr(event.title))
    elif isinstance(event, ParticipantRegistered):
        detail.append(event.participant.code)
    elif isinstance(event, GroupRegistered):
        detail.append(event.group.code)
    elif isinstance(event, SilenceStarted | SilenceBroken | SilenceBreakWithdrawn):
        detail.append(event.silence_id)
    elif isinstance(event, VoteRecorded):
        detail.append(event.vote_id)
    elif isinstance(event, PackageDefined):
        detail.append(event.package_id)
    elif isinstance(event, ParagraphRelabelled):
        detail.append(repr(str(event.label)) if event.label is not None else "unlabelled")
    elif isinstance(event, OptionGroupDefined):
        detail.append(f"{event.group_id} ({len(event.options)} options)")
    elif isinstance(event, OptionChosen):
        detail.append(f"{event.group_id} {event.option_label!r}")
    ids = event.paragraph_ids
    if ids and not isinstance(event, PackageDefined | SilenceStarted | OptionGroupDefined):
        detail.append(",".join(ids))
    return " ".join([name, *detail, "by", event.by])
