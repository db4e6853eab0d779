"""Dates as UN documents write them: ``19 June 2026``."""

from __future__ import annotations

import datetime as dt

__all__ = ["format_day"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(day: dt.date) -> str:
    """The day in the UN style, in English, whatever the locale.

    >>> format_day(dt.date(2026, 6, 19))
    '19 June 2026'
    """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
