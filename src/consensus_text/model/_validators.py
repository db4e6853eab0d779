"""Validators shared by the model's attrs classes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from consensus_text.errors import ValidationError


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
