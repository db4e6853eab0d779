"""Validators shared by the model's attrs classes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from consensus_text.errors import ValidationError

#: A UTF-16 surrogate code point: never a character of its own in a ``str``, and UTF-8 (files,
#: the store, every export) cannot encode it.
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def aware(instance: Any, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
    """Reject naive datetimes: every moment in a negotiation has a time zone."""
    if value is None:
        return
    if not isinstance(value, dt.datetime):
        raise ValidationError(
            f"{attribute.name} must be a datetime, not {type(value).__name__}",
            hint="pass datetime.datetime(..., tzinfo=datetime.timezone.utc)",
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"{attribute.name} {value.isoformat()} has no time zone",
            hint="pass an aware datetime, e.g. datetime.datetime(..., tzinfo=datetime.timezone.utc)",
        )


def non_empty(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Reject empty strings and strings with surrounding spaces."""
    if not isinstance(value, str) or not value or value != value.strip():
        raise ValidationError(
            f"{attribute.name} {value!r} must be a non-empty string without surrounding spaces"
        )


def positive(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Reject numbers below 1 (None passes)."""
    if value is not None and value < 1:
        raise ValidationError(f"{attribute.name} must be 1 or more, not {value}")


def unicode_text(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Reject strings holding a surrogate code point (U+D800 to U+DFFF), which UTF-8 cannot encode.

    Such a "lone surrogate" comes from bytes decoded with ``errors="surrogateescape"`` or from
    JSON such as ``"\\ud800"``; accepted, it would break the store and every export later.

    >>> import attrs
    >>> @attrs.frozen
    ... class T:
    ...     text: str = attrs.field(validator=unicode_text)
    >>> T("Decides \\ud800;")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    consensus_text.errors.ValidationError: text holds the unpaired surrogate U+D800 at character 9 (index 8), which cannot be encoded as UTF-8; remove or replace the unpaired surrogate at character 9 ...
    """
    if not isinstance(value, str) or value.isascii():
        return
    bad = SURROGATE_RE.search(value)
    if bad is None:
        return
    index = bad.start()
    code = ord(bad.group())
    following = value[index + 1 : index + 2]
    if 0xD800 <= code <= 0xDBFF and following and 0xDC00 <= ord(following) <= 0xDFFF:
        hint = (
            f"remove or replace the unpaired surrogate at character {index + 1}; it and the "
            "next one are a UTF-16 pair, which "
            "text.encode('utf-16', 'surrogatepass').decode('utf-16') turns into one character"
        )
    else:
        hint = (
            f"remove or replace the unpaired surrogate at character {index + 1} (it usually "
            "comes from bytes decoded with errors='surrogateescape' or a broken UTF-16 "
            "conversion)"
        )
    raise ValidationError(
        f"{attribute.name} holds the unpaired surrogate U+{code:04X} at character {index + 1} "
        f"(index {index}), which cannot be encoded as UTF-8",
        hint=hint,
    )
