"""Events to plain JSON values and back, with cattrs; shared by the store and the JSON format.

An event becomes a flat object: ``{"type": "text_amended", "at": "2025-07-01T10:00:00+00:00",
"by": "Chair", "paragraph_id": "p3", "text": "..."}``. Fields left at their default are omitted.
Datetimes are ISO 8601 with their offset, enums their values, labels their text (with the style
when the text alone would read otherwise, as ``(i)`` for the ninth letter), registries, groups and
participants the shapes of their own ``to_dict``.

Two converters: a fast one for the store (its rows were checked when written) and a detailed one
for untrusted input, whose errors carry the path of the bad field.

Text must be Unicode that UTF-8 can encode: :func:`find_surrogate` finds a lone surrogate
(``"\\ud800"``) in an event or in JSON values, and :func:`check_encodable` refuses an event that
holds one, naming the field, so that nothing the store or a file cannot hold enters a log.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import cattrs

from consensus_text.errors import InvalidEventError, ValidationError
from consensus_text.history.events import (
    EVENT_TYPES,
    Event,
    _optional_text,
    _required_aware,
    _text_id,
    event_class,
)
from consensus_text.model._validators import positive
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.participants import Group, Participant, Registry

__all__ = [
    "SURROGATE_RE",
    "check_encodable",
    "event_from_dict",
    "event_payload",
    "event_to_dict",
    "find_surrogate",
    "make_converter",
    "surrogate_message",
]

#: The key of an event's type in its JSON object.
TYPE_KEY: Final = "type"

#: A UTF-16 surrogate code point (U+D800 to U+DFFF): never a character of its own, and UTF-8 (the
#: store, every file) cannot encode it.
SURROGATE_RE: Final = re.compile("[\ud800-\udfff]")

#: How to fix a lone surrogate, for the hint of every error that reports one.
SURROGATE_HINT: Final = (
    "remove or replace it: it usually comes from bytes decoded with errors='surrogateescape', "
    "a broken UTF-16 conversion or a JSON escape such as \\ud800 without its pair"
)

_Path = tuple[Any, ...]  # (parent path, part) pairs, linked; () is the root


def _path_text(path: _Path) -> str:
    parts: list[str] = []
    while path:
        path, part = path
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(reversed(parts))


def find_surrogate(value: Any) -> tuple[str, int, int] | None:
    """The first lone surrogate in a value: ``(path, index in its string, code point)``, or None.

    The value may be a string, JSON values (dicts, lists), tuples, sets and attrs instances such
    as events, nested in any way; the path names the field (``.text``, ``.events[3].note``,
    ``.ballots[0][0]``), or ends with ``<key>`` when a mapping's key holds the surrogate.
    Values of other types (numbers, datetimes, enums) are skipped.

    >>> find_surrogate({"events": [{"note": "ok"}, {"note": "bad \\udfff"}]})
    ('.events[1].note', 4, 57343)
    >>> find_surrogate(["fine", ("\\U0001f600",)]) is None
    True
    """
    stack: list[tuple[Any, _Path]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        kind = _KINDS.get(type(item)) or _kind(type(item))
        if kind is _Kind.STR:
            if not item.isascii():
                found = SURROGATE_RE.search(item)
                if found is not None:
                    return _path_text(path), found.start(), ord(found.group())
        elif kind is _Kind.ATTRS:
            for name in reversed(_init_fields(type(item))):
                child = getattr(item, name)
                child_type = type(child)
                if child_type is str:
                    if child.isascii():
                        continue  # the usual cases, decided without the stack
                elif child is None or _KINDS.get(child_type) is _Kind.OTHER:
                    continue
                stack.append((child, (path, name)))
        elif kind is _Kind.MAPPING:
            for key, child in reversed(list(item.items())):
                stack.append((child, (path, key)))
                stack.append((key, (path, "<key>")))
        elif kind is _Kind.SEQUENCE:
            stack.extend((child, (path, i)) for i, child in reversed(list(enumerate(item))))
        elif kind is _Kind.SET:
            children = sorted(item, key=repr)
            stack.extend((child, (path, i)) for i, child in reversed(list(enumerate(children))))
    return None


class _Kind(enum.Enum):
    STR = "str"
    MAPPING = "mapping"
    SEQUENCE = "sequence"
    SET = "set"
    ATTRS = "attrs"
    OTHER = "other"


_KINDS: dict[type, _Kind] = {}


def _kind(cls: type) -> _Kind:
    """How :func:`find_surrogate` walks the values of a type (decided once per type)."""
    if issubclass(cls, str):
        kind = _Kind.STR
    elif issubclass(cls, Mapping):
        kind = _Kind.MAPPING
    elif issubclass(cls, list | tuple):
        kind = _Kind.SEQUENCE
    elif issubclass(cls, set | frozenset):
        kind = _Kind.SET
    elif attrs.has(cls):
        kind = _Kind.ATTRS
    else:
        kind = _Kind.OTHER
    _KINDS[cls] = kind
    return kind


_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    """The names of an attrs class's fields given to ``__init__`` (not its derived caches)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(field.name for field in attrs.fields(cls) if field.init)
    return names


def surrogate_message(where: str, index: int, code: int) -> str:
    """What a lone surrogate found by :func:`find_surrogate` is, and where."""
    return (
        f"{where} holds the unpaired surrogate U+{code:04X} at character {index + 1}, which "
        "UTF-8 cannot encode"
    )


def check_encodable(event: Event) -> None:
    """Refuse an event whose text (any field, at any depth) UTF-8 cannot encode.

    Raises:
        InvalidEventError: a lone surrogate, such as ``"\\ud800"``; the message names the field.

    >>> import datetime as dt
    >>> from consensus_text.history.events import TextAmended
    >>> at = dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc)
    >>> check_encodable(TextAmended(at=at, by="Chair", paragraph_id="p1", text="Decides;"))
    >>> check_encodable(TextAmended(at=at, by="Chair", paragraph_id="p1", text="Decides \\ud800;"))
    Traceback (most recent call last):
    ...
    consensus_text.errors.InvalidEventError: text_amended event: text holds the unpaired \
surrogate U+D800 at character 9, which UTF-8 cannot encode; remove or replace it: ...
    """
    found = find_surrogate(event)
    if found is not None:
        path, index, code = found
        raise InvalidEventError(
            surrogate_message(f"{event.event_type} event: {path[1:]}", index, code),
            hint=SURROGATE_HINT,
        )


def _datetime_in(value: Any, _: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 datetime string, got {type(value).__name__}")
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"datetime {value!r} has no time zone offset")
    return moment


def _label_out(label: Label) -> str | dict[str, str]:
    text = str(label)
    try:
        if Label.parse(text) == label:
            return text
    except ValidationError:
        pass
    return {"text": text, "style": label.style.value}


def _label_in(value: Any, _: Any) -> Label:
    if isinstance(value, str):
        return Label.parse(value)
    if isinstance(value, Mapping) and set(value) == {"text", "style"}:
        return Label.parse(str(value["text"]), style=LabelStyle(value["style"]))
    raise ValueError(f"expected a label string such as '5 bis', got {type(value).__name__}")


def _str_in(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {type(value).__name__}")
    return value


def _int_in(value: Any, _: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {type(value).__name__}")
    return value


def _bool_in(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {type(value).__name__}")
    return value


def _mapping_in(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"expected an object, got {type(value).__name__}")
    return value


def _strings_in(value: Any, _: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValueError(f"expected a list of strings, got {type(value).__name__}")
    return tuple(_str_in(item, str) for item in value)


def make_converter(*, detailed: bool) -> cattrs.Converter:
    """A converter for events; ``detailed`` errors name the path of every bad field."""
    converter = cattrs.Converter(
        omit_if_default=True, detailed_validation=detailed, forbid_extra_keys=True
    )
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook(dt.datetime, _datetime_in)
    converter.register_unstructure_hook(Label, _label_out)
    converter.register_structure_hook(Label, _label_in)
    converter.register_structure_hook(str, _str_in)
    converter.register_structure_hook(int, _int_in)
    converter.register_structure_hook(bool, _bool_in)
    converter.register_structure_hook_func(lambda t: t == tuple[str, ...], _strings_in)
    converter.register_unstructure_hook(Registry, Registry.to_dict)
    converter.register_structure_hook(Registry, lambda v, _: Registry.from_dict(_mapping_in(v)))
    converter.register_unstructure_hook(Participant, Participant.to_dict)
    converter.register_structure_hook(
        Participant, lambda v, _: Participant.from_dict(_mapping_in(v))
    )
    converter.register_unstructure_hook(Group, Group.to_dict)
    converter.register_structure_hook(Group, lambda v, _: Group.from_dict(_mapping_in(v)))
    return converter


_FAST = make_converter(detailed=False)
_DETAILED = make_converter(detailed=True)


def event_payload(event: Event) -> dict[str, Any]:
    """The event's fields as JSON values, without its type."""
    payload: dict[str, Any] = _FAST.unstructure(event)
    return payload


def event_to_dict(event: Event) -> dict[str, Any]:
    """The event as a JSON object: ``{"type": ..., "at": ..., "by": ..., ...}``."""
    return {TYPE_KEY: event.event_type, **_FAST.unstructure(event)}


def _identity(value: Any) -> Any:
    return value


def _field_reader(field_type: Any) -> Callable[[Any], Any]:
    """The function that turns a JSON value into a field's value, on the fast path."""
    if field_type in (str, int, bool) or typing.get_origin(field_type) is tuple:
        return _identity  # attrs converters and validators check these
    if field_type is dt.datetime:
        return dt.datetime.fromisoformat
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        members = field_type._value2member_map_
        enum_type = field_type
        return lambda value: members.get(value) or enum_type(value)
    args = typing.get_args(field_type)
    if typing.get_origin(field_type) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [arg for arg in args if arg is not type(None)]
        read = _field_reader(inner)
        if read is _identity:
            return _identity
        return lambda value: None if value is None else read(value)
    return lambda value: _FAST.structure(value, field_type)


_READERS: dict[str, Callable[[dict[str, Any]], Event]] = {}


def _fast_reader(cls: type[Event]) -> Callable[[dict[str, Any]], Event]:
    reader = _READERS.get(cls.event_type)
    if reader is None:
        reader = _READERS[cls.event_type] = _make_reader(cls)
    return reader


def _checked_reader(cls: type[Event]) -> Callable[[dict[str, Any]], Event]:
    """The reference reader: JSON values to field values, then the class's own ``__init__``
    (converters, validators, post-init). It raises the specific error of a bad row."""
    hints = typing.get_type_hints(cls)
    readers = {field.name: _field_reader(hints[field.name]) for field in attrs.fields(cls)}
    special = tuple((name, read) for name, read in readers.items() if read is not _identity)

    def read(payload: dict[str, Any]) -> Event:
        kwargs = dict(payload)
        for name, reader in special:
            if name in kwargs:
                kwargs[name] = reader(kwargs[name])
        return cls(**kwargs)

    return read


#: Validators that the generated readers check inline, as expressions of the value ``{v}``; the
#: same conditions as the functions' own fast paths (anything else goes to the function). A
#: string with no surrounding space is its own ``strip()`` (an interpreter that copies it instead
#: only sends the row the slow way).
_TEXT = "(type({v}) is str and {v} and {v}.strip() is {v})"
_INLINE: Final[dict[Any, str]] = {
    _text_id: _TEXT,
    _optional_text: "({v} is None or " + _TEXT + ")",
    _required_aware: (
        "(type({v}) is _datetime and {v}.tzinfo is not None "
        "and ({v}.tzinfo is _UTC or {v}.utcoffset() is not None))"
    ),
    positive: "({v} is None or (type({v}) is int and {v} >= 1))",
}


def _make_reader(cls: type[Event]) -> Callable[[dict[str, Any]], Event]:
    """A reader of the store's rows of one event type, generated from the class's fields.

    It sets the fields as attrs' ``__init__`` does (converters, then validators, then
    ``__attrs_post_init__``) with the common validators written inline: about a quarter less
    work for each of the 200,000 events of a large log. Whenever a value is not plainly valid (an inline check
    fails, a field is missing or unknown, anything raises), it hands the row to
    :func:`_checked_reader`, which makes the event through the class itself: the same event, or
    the same error, as the class gives.
    """
    hints = typing.get_type_hints(cls)
    checked = _checked_reader(cls)
    names: dict[str, Any] = {
        "_new": object.__new__,
        "_set": object.__setattr__,
        "_cls": cls,
        "_checked": checked,
        "_datetime": dt.datetime,
        "_UTC": dt.UTC,
        "_fields": frozenset(field.name for field in attrs.fields(cls)),
    }
    body = ["if not kw.keys() <= _fields:", "    return _checked(kw)", "try:"]
    sets: list[str] = []
    for i, field in enumerate(attrs.fields(cls)):
        value = f"v{i}"
        if field.default is attrs.NOTHING:
            body.append(f"    {value} = kw[{field.name!r}]")
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            return checked  # no event has one; not worth generating
        else:
            names[f"d{i}"] = field.default
            body.append(f"    {value} = kw.get({field.name!r}, d{i})")
        field_type = hints[field.name]
        read = _field_reader(field_type)
        if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
            names[f"m{i}"] = field_type._value2member_map_  # a KeyError goes to _checked
            body.append(f"    if {field.name!r} in kw:")
            body.append(f"        {value} = m{i}[{value}]")
        elif read is not _identity:
            names[f"r{i}"] = read
            body.append(f"    if {field.name!r} in kw:")
            body.append(f"        {value} = r{i}({value})")
        if field.converter is not None:
            names[f"c{i}"] = field.converter
            body.append(f"    {value} = c{i}({value})")
        validator = field.validator
        if validator is None:
            pass
        elif validator in _INLINE:
            sets.append(f"    if not {_INLINE[validator].format(v=value)}:")
            sets.append("        return _checked(kw)")
        elif getattr(validator, "instance_of", None) is not None:
            names[f"t{i}"] = validator.instance_of
            sets.append(f"    if not isinstance({value}, t{i}):")
            sets.append("        return _checked(kw)")
        else:
            names[f"k{i}"], names[f"a{i}"] = validator, field
            sets.append(f"    k{i}(o, a{i}, {value})")
        sets.append(f"    _set(o, {field.name!r}, {value})")
    body.append("    o = _new(_cls)")
    body.extend(sets)
    if hasattr(cls, "__attrs_post_init__"):
        body.append("    o.__attrs_post_init__()")
    body += ["except Exception:", "    return _checked(kw)", "return o"]
    source = "def read(kw):\n" + "".join(f"    {line}\n" for line in body)
    exec(compile(source, f"<store reader of {cls.__name__}>", "exec"), names)
    reader: Callable[[dict[str, Any]], Event] = names["read"]
    return reader


def row_readers() -> Mapping[str, Callable[[dict[str, Any]], Event]]:
    """The fast reader of every event type this release knows, by type name (see
    :func:`event_from_payload`); the reader of one row consumes nothing and raises what the
    event class raises."""
    if len(_READERS) < len(EVENT_TYPES):
        for cls in EVENT_TYPES.values():
            _fast_reader(cls)
    return _READERS


def event_from_payload(event_type: str, payload: dict[str, Any]) -> Event:
    """The event of a type and payload: the fast path for the store's own rows.

    The event, or the error, is the one the event class gives for the same values.

    Raises:
        ValidationError: an unknown type, or values that the event does not accept.
        TypeError: an unknown field.
    """
    cls = EVENT_TYPES.get(event_type) or event_class(event_type)
    return _fast_reader(cls)(payload)


def event_from_dict(data: Mapping[str, Any], *, detailed: bool = True) -> Event:
    """The event of a JSON object with a ``"type"`` key.

    Raises:
        ValidationError: an unknown type, or values that the event does not accept.
        cattrs.BaseValidationError: with ``detailed``, mistyped or missing fields (with paths).
    """
    if TYPE_KEY not in data:
        raise ValidationError(f"an event has no {TYPE_KEY!r} key", hint="add the event's type")
    cls = event_class(data[TYPE_KEY])
    fields = {key: value for key, value in data.items() if key != TYPE_KEY}
    converter = _DETAILED if detailed else _FAST
    event: Event = converter.structure(fields, cls)
    return event
