"""Events to plain JSON values and back, with cattrs; shared by the store and the JSON format.

An event becomes a flat object: ``{"type": "text_amended", "at": "2025-07-01T10:00:00+00:00",
"by": "Chair", "paragraph_id": "p3", "text": "..."}``. Fields left at their default are omitted.
Datetimes are ISO 8601 with their offset, enums their values, labels their text (with the style
when the text alone would read otherwise, as ``(i)`` for the ninth letter), registries, groups and
participants the shapes of their own ``to_dict``.

Two converters: a fast one for the store (its rows were checked when written) and a detailed one
for untrusted input, whose errors carry the path of the bad field.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
import cattrs

from consensus_text.errors import ValidationError
from consensus_text.history.events import EVENT_TYPES, Event, event_class
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.participants import Group, Participant, Registry

__all__ = ["event_from_dict", "event_payload", "event_to_dict", "make_converter"]

#: The key of an event's type in its JSON object.
TYPE_KEY: Final = "type"


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


_READERS: dict[str, Callable[[Mapping[str, Any]], Event]] = {}


def _fast_reader(cls: type[Event]) -> Callable[[Mapping[str, Any]], Event]:
    reader = _READERS.get(cls.event_type)
    if reader is None:
        reader = _READERS[cls.event_type] = _make_reader(cls)
    return reader


def _make_reader(cls: type[Event]) -> Callable[[Mapping[str, Any]], Event]:
    hints = typing.get_type_hints(cls)
    readers = {field.name: _field_reader(hints[field.name]) for field in attrs.fields(cls)}
    special = tuple((name, read) for name, read in readers.items() if read is not _identity)

    def read(payload: Mapping[str, Any]) -> Event:
        kwargs = payload if type(payload) is dict else dict(payload)
        for name, reader in special:
            if name in kwargs:
                kwargs[name] = reader(kwargs[name])
        return cls(**kwargs)

    return read


def event_from_payload(event_type: str, payload: Mapping[str, Any]) -> Event:
    """The event of a type and payload: the fast path for the store's own rows.

    A ``dict`` payload is consumed (its values are replaced in place).

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
