"""Participants and groups: who takes part in a negotiation, and who speaks for whom.

A :class:`Registry` holds the participants (Member States, observer States, the EU, other
organizations and stakeholders) and the groups that speak for their members (the five UN regional
groups and the negotiating groups). :meth:`Registry.default` loads the registry shipped with the
package: the 193 Member States, the observer States, the EU, and twelve groups.

Group memberships may be dated. A :class:`Membership` runs from ``start`` (inclusive) to ``end``
(exclusive): ``end`` is the first day the participant is no longer a member, the day a withdrawal
or a graduation took effect. ``None`` leaves that side open.

>>> import datetime as dt
>>> registry = Registry.default()
>>> len(registry.member_states()), registry.participant("TUR").name
(193, 'Türkiye')
>>> eu = registry.group("EU")
>>> len(eu.members_on()), len(eu.members_on(dt.date(2019, 6, 1)))
(27, 28)
>>> eu.has_member("GBR", on=dt.date(2020, 1, 31)), eu.has_member("GBR", on=dt.date(2020, 2, 1))
(True, False)
>>> [group.code for group in registry.groups_of("FRA")]
['EU', 'WEOG']
>>> registry.participant("Frnace")
Traceback (most recent call last):
...
consensus_text.errors.UnknownParticipantError: unknown participant 'Frnace'; did you mean 'FRA'?

Codes of participants and codes of groups are two namespaces. They meet once in the shipped data,
on purpose: ``"EU"`` is both the European Union as a participant (which speaks in its own name)
and the group of its 27 member States (for which it speaks). :meth:`Registry.participant` and
:meth:`Registry.group` each look in their own namespace; :meth:`Registry.lookup` prefers the
participant.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar

import attrs

from consensus_text.errors import (
    FormatError,
    UnknownParticipantError,
    UnsupportedVersionError,
    ValidationError,
)
from consensus_text.model._validators import non_empty

__all__ = [
    "FORMAT_VERSION",
    "Group",
    "GroupKind",
    "Membership",
    "Participant",
    "ParticipantKind",
    "Registry",
]

#: The version of the JSON shape read by :meth:`Registry.from_dict` and written by ``to_dict``.
FORMAT_VERSION: Final = 1

_K = TypeVar("_K")
_V = TypeVar("_V")
_E = TypeVar("_E", bound=enum.Enum)
_Coded = TypeVar("_Coded", "Participant", "Group")


class ParticipantKind(enum.Enum):
    """What a participant is. Decision rights come from a process's rules, not from the kind."""

    MEMBER_STATE = "member_state"  #: one of the 193 UN Member States
    OBSERVER_STATE = "observer_state"  #: a non-member observer State: Holy See, State of Palestine
    NON_MEMBER_STATE = "non_member_state"  #: a State outside the UN, e.g. the Cook Islands, Niue
    REGIONAL_ORGANIZATION = "regional_organization"  #: e.g. the European Union
    INTERGOVERNMENTAL_ORGANIZATION = "intergovernmental_organization"
    NGO = "ngo"
    PRIVATE_SECTOR = "private_sector"
    ACADEMIA = "academia"
    TECHNICAL_COMMUNITY = "technical_community"
    OTHER = "other"

    @property
    def is_state(self) -> bool:
        """True for Member States, observer States and other States.

        >>> ParticipantKind.OBSERVER_STATE.is_state, ParticipantKind.REGIONAL_ORGANIZATION.is_state
        (True, False)
        """
        return self in _STATE_KINDS


_STATE_KINDS: Final = frozenset(
    {
        ParticipantKind.MEMBER_STATE,
        ParticipantKind.OBSERVER_STATE,
        ParticipantKind.NON_MEMBER_STATE,
    }
)


class GroupKind(enum.Enum):
    """What a group is for."""

    REGIONAL = "regional"  #: one of the five UN regional groups (elections, rotations)
    NEGOTIATING = "negotiating"  #: a group that negotiates as one: G77 and China, EU, AOSIS...
    OTHER = "other"  #: any other grouping: friends of the chair, a cross-regional coalition


# --------------------------------------------------------------------------- validators


def _enum_of(kind: type[_E]) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator accepting only members of the enum ``kind``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            accepted = ", ".join(f"{kind.__name__}.{member.name}" for member in kind)
            raise ValidationError(
                f"{attribute.name} {value!r} is not a {kind.__name__}",
                hint=f"use one of {accepted}",
            )

    return check


def _optional_day(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Accept None or a plain date (a datetime would not compare with dates)."""
    if value is None:
        return
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError(
            f"{attribute.name} {value!r} must be a datetime.date or None",
            hint="pass a day such as datetime.date(2020, 2, 1); use .date() on a datetime",
        )


def _optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Accept None or a string."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{attribute.name} {value!r} must be a string or None")


def _memberships(value: Iterable[Membership | str]) -> tuple[Membership, ...]:
    """Convert members given as codes or :class:`Membership` values to a tuple of memberships."""
    if isinstance(value, str):
        raise ValidationError(
            f"members {value!r} must be a sequence of codes or memberships, not a string",
            hint=f"write ({value!r},) for a single member",
        )
    result = []
    for item in value:
        if isinstance(item, str):
            result.append(Membership(item))
        elif isinstance(item, Membership):
            result.append(item)
        else:
            raise ValidationError(
                f"member {item!r} must be a participant code or a Membership",
                hint="pass codes such as 'FRA' or Membership('FRA', start=...)",
            )
    return tuple(result)


# --------------------------------------------------------------------------- values


@attrs.frozen
class Participant:
    """A participant in a negotiation: a State, an organization, a stakeholder.

    Attributes:
        code: the unique code: ISO 3166-1 alpha-3 for States ("FRA"), "EU" for the European
            Union, anything without surrounding spaces for others.
        name: the display name; for States, the UN short name ("Türkiye").
        kind: what the participant is.

    >>> Participant("ICANN", "Internet Corporation for Assigned Names and Numbers",
    ...             ParticipantKind.TECHNICAL_COMMUNITY).is_state
    False
    """

    code: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    kind: ParticipantKind = attrs.field(validator=_enum_of(ParticipantKind))

    @property
    def is_state(self) -> bool:
        """True for Member States, observer States and other States."""
        return self.kind.is_state

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Participant:
        """Read ``{"code": ..., "name": ..., "kind": "member_state"}``.

        Raises:
            FormatError: a missing or mistyped key, or an unknown kind.
            ValidationError: an empty code or name.
        """
        where = f"participant {data.get('code', '?')!r}" if isinstance(data, Mapping) else "?"
        _check_keys(data, required={"code", "name", "kind"}, optional=set(), where=where)
        return cls(
            code=_string(data, "code", where),
            name=_string(data, "name", where),
            kind=_enum_value(ParticipantKind, _string(data, "kind", where), where),
        )

    def to_dict(self) -> dict[str, str]:
        """The JSON form read by :meth:`from_dict`."""
        return {"code": self.code, "name": self.name, "kind": self.kind.value}


@attrs.frozen
class Membership:
    """One period of a participant's membership of a group.

    Attributes:
        member: the participant's code.
        start: the first day of membership (inclusive); None: from the beginning of the record.
        end: the first day *after* the membership (exclusive): the day a withdrawal or a
            graduation took effect; None: still a member.

    >>> import datetime as dt
    >>> uk = Membership("GBR", start=dt.date(1973, 1, 1), end=dt.date(2020, 2, 1))
    >>> uk.is_active(dt.date(2020, 1, 31)), uk.is_active(dt.date(2020, 2, 1)), uk.is_active(None)
    (True, False, False)
    """

    member: str = attrs.field(validator=non_empty)
    start: dt.date | None = attrs.field(default=None, validator=_optional_day)
    end: dt.date | None = attrs.field(default=None, validator=_optional_day)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError(
                f"membership of {self.member!r} ends on {self.end.isoformat()}, "
                f"not after its start {self.start.isoformat()}",
                hint="end is exclusive (the first day of non-membership): give a later end",
            )

    def is_active(self, on: dt.date | None) -> bool:
        """Whether the membership holds on a day.

        Args:
            on: the day; None means "now, whatever the day": active if the membership has not
                ended (``end`` is None).
        """
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def overlaps(self, other: Membership) -> bool:
        """Whether two periods share at least one day (members are not compared)."""
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        other_starts_before_end = other.start is None or self.end is None or other.start < self.end
        return starts_before_other_ends and other_starts_before_end

    def ended(self, on: dt.date) -> Membership:
        """This membership ending on ``on`` (the first day of non-membership)."""
        return attrs.evolve(self, end=on)


def _no_overlaps(
    instance: Group, attribute: attrs.Attribute[Any], value: tuple[Membership, ...]
) -> None:
    seen: dict[str, list[Membership]] = {}
    for membership in value:
        for earlier in seen.get(membership.member, ()):
            if earlier.overlaps(membership):
                raise ValidationError(
                    f"group {instance.code!r} lists {membership.member!r} twice for overlapping "
                    f"periods: {_period(earlier)} and {_period(membership)}",
                    hint="merge the two memberships or make the periods disjoint "
                    "(end is exclusive)",
                )
        seen.setdefault(membership.member, []).append(membership)


def _members_repr(members: tuple[Membership, ...]) -> str:
    """The members in full for a small group, counted for a large one."""
    if len(members) <= _REPR_MEMBERS_IN_FULL:
        return repr(members)
    return f"<{len(members)} memberships>"


_REPR_MEMBERS_IN_FULL: Final = 6


def _period(membership: Membership) -> str:
    start = membership.start.isoformat() if membership.start else "..."
    end = membership.end.isoformat() if membership.end else "..."
    return f"[{start}, {end})"


@attrs.frozen
class Group:
    """A group that speaks for its members: a UN regional group or a negotiating group.

    Attributes:
        code: the group's code ("G77", "EU", "WEOG").
        name: the display name ("Group of 77 and China").
        kind: regional, negotiating or other.
        members: the memberships, possibly dated; codes are accepted and become undated
            memberships. A member may appear more than once for disjoint periods.
        note: how the membership list was drawn up: special cases, sources, what is not dated.

    >>> friends = Group("FRIENDS", "Friends of the Chair", GroupKind.OTHER, ("KEN", "FRA"))
    >>> sorted(friends.members_on()), friends.has_member("USA")
    (['FRA', 'KEN'], False)
    """

    code: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    kind: GroupKind = attrs.field(validator=_enum_of(GroupKind))
    members: tuple[Membership, ...] = attrs.field(
        default=(), converter=_memberships, validator=_no_overlaps, repr=_members_repr
    )
    note: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)

    def members_on(self, on: dt.date | None = None) -> frozenset[str]:
        """The codes of the members on a day; None: the current members (memberships not ended)."""
        return frozenset(m.member for m in self.members if m.is_active(on))

    def has_member(self, code: str, on: dt.date | None = None) -> bool:
        """Whether ``code`` is a member on a day; None: whether it is a current member."""
        return any(m.member == code and m.is_active(on) for m in self.members)

    def with_member(
        self, code: str, *, start: dt.date | None = None, end: dt.date | None = None
    ) -> Group:
        """The group with one more membership.

        Raises:
            ValidationError: the code is already a member for an overlapping period.
        """
        return attrs.evolve(self, members=(*self.members, Membership(code, start, end)))

    def without_member(self, code: str, *, on: dt.date) -> Group:
        """The group with the current membership of ``code`` ended on ``on``.

        Args:
            code: the leaving member.
            on: the first day of non-membership (``end`` is exclusive).

        Raises:
            ValidationError: ``code`` is not a current member, or ``on`` is not after its start.

        >>> import datetime as dt
        >>> group = Group("G", "A group", GroupKind.OTHER, ("FRA", "KEN"))
        >>> later = group.without_member("KEN", on=dt.date(2030, 1, 1))
        >>> sorted(later.members_on()), sorted(later.members_on(dt.date(2029, 12, 31)))
        (['FRA'], ['FRA', 'KEN'])
        """
        if not any(m.member == code and m.end is None for m in self.members):
            raise ValidationError(
                f"{code!r} is not a current member of group {self.code!r}",
                hint="check the code; a membership that has ended cannot end again",
            )
        members = tuple(
            m.ended(on) if m.member == code and m.end is None else m for m in self.members
        )
        return attrs.evolve(self, members=members)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Group:
        """Read a group; see :meth:`Registry.from_dict` for the shape.

        Raises:
            FormatError: a missing or mistyped key, an unknown kind, a date that does not parse.
            ValidationError: values that the model does not accept (overlapping periods...).
        """
        where = f"group {data.get('code', '?')!r}" if isinstance(data, Mapping) else "?"
        _check_keys(
            data, required={"code", "name", "kind"}, optional={"members", "note"}, where=where
        )
        raw_members = data.get("members", [])
        if not isinstance(raw_members, list):
            raise FormatError(
                f"{where}: 'members' must be a list, not {type(raw_members).__name__}"
            )
        note = data.get("note")
        if note is not None and not isinstance(note, str):
            raise FormatError(f"{where}: 'note' must be a string, not {type(note).__name__}")
        return cls(
            code=_string(data, "code", where),
            name=_string(data, "name", where),
            kind=_enum_value(GroupKind, _string(data, "kind", where), where),
            members=tuple(_membership_from_json(item, where) for item in raw_members),
            note=note,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form read by :meth:`from_dict`; undated memberships are written as codes."""
        result: dict[str, Any] = {"code": self.code, "name": self.name, "kind": self.kind.value}
        if self.note is not None:
            result["note"] = self.note
        result["members"] = [_membership_to_json(m) for m in self.members]
        return result


# --------------------------------------------------------------------------- JSON helpers


def _check_keys(data: Any, *, required: set[str], optional: set[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise FormatError(f"{where}: expected a JSON object, not {type(data).__name__}")
    missing = sorted(required - data.keys())
    if missing:
        raise FormatError(f"{where}: missing key(s) {', '.join(map(repr, missing))}")
    unknown = sorted(set(data.keys()) - required - optional)
    if unknown:
        allowed = ", ".join(map(repr, sorted(required | optional)))
        raise FormatError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}",
            hint=f"the keys are {allowed}",
        )


def _string(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise FormatError(f"{where}: {key!r} must be a string, not {value!r}")
    return value


def _enum_value(kind: type[_E], value: str, where: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        accepted = ", ".join(repr(member.value) for member in kind)
        raise FormatError(
            f"{where}: unknown {kind.__name__} {value!r}", hint=f"use one of {accepted}"
        ) from None


def _day(value: Any, key: str, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise FormatError(f"{where}: {key} {value!r} is not a date", hint="write dates as 'YYYY-MM-DD'")


def _membership_from_json(item: Any, where: str) -> Membership | str:
    if isinstance(item, str):
        return item
    _check_keys(item, required={"member"}, optional={"start", "end"}, where=f"{where} member")
    member = _string(item, "member", f"{where} member")
    return Membership(
        member,
        start=_day(item.get("start"), "start", f"{where} member {member!r}"),
        end=_day(item.get("end"), "end", f"{where} member {member!r}"),
    )


def _membership_to_json(membership: Membership) -> str | dict[str, str]:
    if membership.start is None and membership.end is None:
        return membership.member
    result = {"member": membership.member}
    if membership.start is not None:
        result["start"] = membership.start.isoformat()
    if membership.end is not None:
        result["end"] = membership.end.isoformat()
    return result


# --------------------------------------------------------------------------- registry


class _FrozenMap(Mapping[_K, _V]):
    """A read-only, hashable mapping (the registry is a frozen value, usable as a dict key)."""

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Iterable[tuple[_K, _V]]) -> None:
        self._data: dict[_K, _V] = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: _K) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _FrozenMap):
            return self._data == other._data
        return super().__eq__(other)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


def _participant_map(
    value: Mapping[str, Participant] | Iterable[Participant],
) -> _FrozenMap[str, Participant]:
    return _keyed(value, Participant, "participant")


def _group_map(value: Mapping[str, Group] | Iterable[Group]) -> _FrozenMap[str, Group]:
    return _keyed(value, Group, "group")


def _keyed(
    value: Mapping[str, _Coded] | Iterable[_Coded], item_type: type[_Coded], noun: str
) -> _FrozenMap[str, _Coded]:
    if isinstance(value, _FrozenMap):
        return value
    items: list[tuple[str, _Coded]] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(item, item_type) or item.code != key:
                raise ValidationError(
                    f"{noun} under key {key!r} must be a {item_type.__name__} with that code, "
                    f"not {item!r}",
                    hint=f"key each {noun} by its code, or pass a sequence of {noun}s",
                )
            items.append((key, item))
        return _FrozenMap(items)
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, item_type):
            raise ValidationError(f"{item!r} is not a {item_type.__name__}")
        code = item.code
        if code in seen:
            raise ValidationError(
                f"{noun} code {code!r} appears twice",
                hint=f"give each {noun} its own code",
            )
        seen.add(code)
        items.append((code, item))
    return _FrozenMap(items)


def _count(noun: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda mapping: f"<{len(mapping)} {noun}>"


@attrs.frozen
class _Index:
    """Lookup tables derived from a registry's participants and groups."""

    by_folded_code: dict[str, Participant | Group]
    by_name: dict[str, Participant | Group]
    by_folded_name: dict[str, Participant | Group]
    groups_by_member: dict[str, tuple[Group, ...]]
    member_states: tuple[Participant, ...]

    @classmethod
    def build(cls, participants: Mapping[str, Participant], groups: Mapping[str, Group]) -> _Index:
        entries: list[Participant | Group] = [*participants.values(), *groups.values()]
        by_folded_code: dict[str, Participant | Group] = {}
        by_name: dict[str, Participant | Group] = {}
        by_folded_name: dict[str, Participant | Group] = {}
        for entry in entries:  # participants first: they win ties
            by_folded_code.setdefault(entry.code.casefold(), entry)
            by_name.setdefault(entry.name, entry)
            by_folded_name.setdefault(entry.name.casefold(), entry)
        groups_by_member: dict[str, list[Group]] = {}
        for code in sorted(groups):
            group = groups[code]
            for member in dict.fromkeys(m.member for m in group.members):
                groups_by_member.setdefault(member, []).append(group)
        member_states = tuple(
            participants[code]
            for code in sorted(participants)
            if participants[code].kind is ParticipantKind.MEMBER_STATE
        )
        return cls(
            by_folded_code=by_folded_code,
            by_name=by_name,
            by_folded_name=by_folded_name,
            groups_by_member={k: tuple(v) for k, v in groups_by_member.items()},
            member_states=member_states,
        )


@attrs.frozen
class Registry:
    """The participants and groups known to a negotiation.

    Build one with :meth:`default` (the shipped data), :meth:`from_dict`, or directly from
    participants and groups (a mapping keyed by code, or a sequence); extend it with
    :meth:`with_participant` and :meth:`with_group`. Every group member must be a participant.
    Lookups by code or name take constant time.

    Attributes:
        participants: the participants, keyed by code (read-only).
        groups: the groups, keyed by code (read-only).

    Raises:
        ValidationError: a code that appears twice, or a mapping key that is not the item's code.
        UnknownParticipantError: a group member that is not a participant.

    >>> registry = Registry([Participant("FRA", "France", ParticipantKind.MEMBER_STATE)])
    >>> registry = registry.with_participant(
    ...     Participant("XNGO", "Example NGO", ParticipantKind.NGO))
    >>> registry.with_group(Group("FRIENDS", "Friends", GroupKind.OTHER, ("FRA", "XNGO")))
    Registry(participants=<2 participants>, groups=<1 groups>)
    """

    participants: Mapping[str, Participant] = attrs.field(
        converter=_participant_map, repr=_count("participants")
    )
    groups: Mapping[str, Group] = attrs.field(
        default=(), converter=_group_map, repr=_count("groups")
    )
    _index: _Index = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for group in self.groups.values():
            for membership in group.members:
                if membership.member not in self.participants:
                    error = UnknownParticipantError(
                        membership.member, self._suggest(membership.member, participants=True)
                    )
                    error.add_note(f"a member of group {group.code!r}; add the participant first")
                    raise error
        object.__setattr__(self, "_index", _Index.build(self.participants, self.groups))

    # ---------------------------------------------------------------- construction

    @classmethod
    def default(cls) -> Registry:
        """The registry shipped with the package, loaded once and shared (it is immutable).

        It holds the 193 UN Member States (ISO 3166-1 alpha-3 codes, UN short names), the observer
        States (Holy See ``VAT``, State of Palestine ``PSE``), the Cook Islands and Niue (members
        of AOSIS), the European Union (``EU``), the five UN regional groups (``AFRICAN_STATES``,
        ``APG``, ``EEG``, ``GRULAC``, ``WEOG``) and the negotiating groups ``AGN``, ``AOSIS``,
        ``ARAB``, ``EU``, ``G77``, ``LDC`` and ``NAM``. Each group's ``note`` says what is
        approximate or not dated.
        """
        return _default_registry()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Registry:
        """Read the JSON shape of the shipped ``participants.json``.

        The shape::

            {
              "version": 1,
              "participants": [{"code": "FRA", "name": "France", "kind": "member_state"}, ...],
              "groups": [
                {
                  "code": "EU", "name": "European Union", "kind": "negotiating",
                  "note": "optional free text",
                  "members": [
                    "AUT",                                             # undated: a bare code
                    {"member": "GBR", "start": "1973-01-01", "end": "2020-02-01"},
                    ...
                  ]
                }, ...
              ]
            }

        ``kind`` is a :class:`ParticipantKind` or :class:`GroupKind` value; dates are ISO days;
        ``start`` and ``end`` are each optional, ``end`` exclusive. ``groups`` may be omitted.

        >>> data = {"version": 1, "participants": [
        ...     {"code": "VAT", "name": "Holy See", "kind": "observer_state"}]}
        >>> Registry.from_dict(data).participant("VAT").kind
        <ParticipantKind.OBSERVER_STATE: 'observer_state'>

        Raises:
            UnsupportedVersionError: a version other than :data:`FORMAT_VERSION`.
            FormatError: a missing, unknown or mistyped key, an unknown kind, a bad date.
            ValidationError: values that the model does not accept (duplicate codes...).
            UnknownParticipantError: a group member that is not among the participants.
        """
        _check_keys(
            data, required={"version", "participants"}, optional={"groups"}, where="registry"
        )
        version = data["version"]
        if version != FORMAT_VERSION:
            raise UnsupportedVersionError(
                f"participants data has version {version!r}; this release reads version "
                f"{FORMAT_VERSION}",
                hint="upgrade consensus_text, or convert the file to version 1",
            )
        participants, groups = data["participants"], data.get("groups", [])
        for key, value in (("participants", participants), ("groups", groups)):
            if not isinstance(value, list):
                raise FormatError(f"registry: {key!r} must be a list, not {type(value).__name__}")
        return cls(
            participants=[Participant.from_dict(item) for item in participants],
            groups=[Group.from_dict(item) for item in groups],
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape read by :meth:`from_dict`; participants and groups sorted by code."""
        return {
            "version": FORMAT_VERSION,
            "participants": [self.participants[c].to_dict() for c in sorted(self.participants)],
            "groups": [self.groups[c].to_dict() for c in sorted(self.groups)],
        }

    def with_participant(self, participant: Participant, *, replace: bool = False) -> Registry:
        """The registry with one more participant (an organization, an NGO, a stakeholder...).

        Adding a participant that is already registered with the same data changes nothing.

        Args:
            participant: the participant to add.
            replace: replace a participant registered under the same code with other data.

        Raises:
            ValidationError: the code is registered with other data and ``replace`` is false.
        """
        existing = self.participants.get(participant.code)
        if existing == participant:
            return self
        if existing is not None and not replace:
            raise ValidationError(
                f"participant {participant.code!r} is already registered as {existing.name!r} "
                f"({existing.kind.value}), with different data than {participant.name!r} "
                f"({participant.kind.value})",
                hint="use another code, or pass replace=True to replace it",
            )
        return attrs.evolve(self, participants={**self.participants, participant.code: participant})

    def with_group(self, group: Group, *, replace: bool = False) -> Registry:
        """The registry with one more group; every member must be a known participant.

        Adding a group that is already registered with the same data changes nothing.

        Args:
            group: the group to add.
            replace: replace a group registered under the same code with other data (to record
                a change of membership, for instance).

        Raises:
            UnknownParticipantError: a member that is not a participant.
            ValidationError: the code is registered with other data and ``replace`` is false.
        """
        existing = self.groups.get(group.code)
        if existing == group:
            return self
        if existing is not None and not replace:
            raise ValidationError(
                f"group {group.code!r} is already registered ({existing.name!r}, "
                f"{len(existing.members)} memberships) with different data",
                hint="use another code, or pass replace=True to replace it",
            )
        return attrs.evolve(self, groups={**self.groups, group.code: group})

    # ---------------------------------------------------------------- queries

    def participant(self, code: str) -> Participant:
        """The participant with exactly this code.

        Raises:
            UnknownParticipantError: no such participant; suggests the closest codes, matching
                the query against codes and names ("Frnace" or "france" suggest "FRA").
        """
        try:
            return self.participants[code]
        except KeyError:
            raise UnknownParticipantError(code, self._suggest(code, participants=True)) from None

    def group(self, code: str) -> Group:
        """The group with exactly this code.

        Raises:
            UnknownParticipantError: no such group, with the closest group codes.
        """
        try:
            return self.groups[code]
        except KeyError:
            raise UnknownParticipantError(code, self._suggest(code, groups=True)) from None

    def lookup(self, code_or_name: str) -> Participant | Group:
        """Find a participant or a group by code or by name.

        The order: exact code, case-insensitive code, exact name, case-insensitive name;
        participants before groups at each step (so "EU" is the participant).

        >>> registry = Registry.default()
        >>> registry.lookup("france").code, registry.lookup("grulac").name
        ('FRA', 'Latin American and Caribbean States')

        Raises:
            UnknownParticipantError: nothing matches, with the closest codes.
        """
        found = self.participants.get(code_or_name) or self.groups.get(code_or_name)
        if found is None:
            index = self._index
            folded = code_or_name.strip().casefold()
            found = (
                index.by_folded_code.get(folded)
                or index.by_name.get(code_or_name)
                or index.by_folded_name.get(folded)
            )
        if found is None:
            raise UnknownParticipantError(
                code_or_name, self._suggest(code_or_name, participants=True, groups=True)
            )
        return found

    def is_group(self, code: str) -> bool:
        """Whether ``code`` is a group's code."""
        return code in self.groups

    def __contains__(self, code: object) -> bool:
        """Whether ``code`` is a participant's or a group's code."""
        return isinstance(code, str) and (code in self.participants or code in self.groups)

    def groups_of(self, code: str, on: dt.date | None = None) -> tuple[Group, ...]:
        """The groups that ``code`` belongs to on a day (None: currently), sorted by code.

        Raises:
            UnknownParticipantError: ``code`` is not a participant.
        """
        self.participant(code)
        return tuple(
            g for g in self._index.groups_by_member.get(code, ()) if g.has_member(code, on)
        )

    def members_of(self, group_code: str, on: dt.date | None = None) -> frozenset[str]:
        """The codes of a group's members on a day (None: currently).

        Raises:
            UnknownParticipantError: ``group_code`` is not a group.
        """
        return self.group(group_code).members_on(on)

    def member_states(self) -> tuple[Participant, ...]:
        """The UN Member States, sorted by code."""
        return self._index.member_states

    def _suggest(
        self, query: str, *, participants: bool = False, groups: bool = False
    ) -> tuple[str, ...]:
        """The codes closest to ``query``, comparing it with codes and names, best first."""
        candidates: list[Participant | Group] = []
        if participants:
            candidates.extend(self.participants.values())
        if groups:
            candidates.extend(self.groups.values())
        return _closest(query, candidates)


_SUGGESTION_CUTOFF: Final = 0.6
_SUGGESTION_LIMIT: Final = 3
_SUGGESTION_MARGIN: Final = 0.1  # drop candidates clearly worse than the best one


def _closest(query: str, candidates: Iterable[Participant | Group]) -> tuple[str, ...]:
    """Rank codes by the best of their code's and their name's similarity to ``query``.

    Ties go to the candidate whose code and name are both close, then to the smaller code.
    Only candidates about as close as the best one are kept, at most three.
    """
    import difflib  # only when a code is unknown: kept out of every import of the model

    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(query.strip().casefold())
    scores: dict[str, tuple[float, float]] = {}
    for candidate in candidates:
        matcher.set_seq1(candidate.code.casefold())
        by_code = matcher.ratio()
        matcher.set_seq1(candidate.name.casefold())
        by_name = matcher.ratio()
        score = (max(by_code, by_name), by_code + by_name)
        if score[0] >= _SUGGESTION_CUTOFF and score > scores.get(candidate.code, (0.0, 0.0)):
            scores[candidate.code] = score
    if not scores:
        return ()
    ranked = sorted(scores, key=lambda code: (-scores[code][0], -scores[code][1], code))
    best = scores[ranked[0]][0]
    close = [code for code in ranked if scores[code][0] >= best - _SUGGESTION_MARGIN]
    return tuple(close[:_SUGGESTION_LIMIT])


@functools.cache
def _default_registry() -> Registry:
    import importlib.resources  # on first use of the data, not on every import of the model
    import json

    resource = importlib.resources.files("consensus_text.data").joinpath("participants.json")
    return Registry.from_dict(json.loads(resource.read_text(encoding="utf-8")))
