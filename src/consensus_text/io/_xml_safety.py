"""The byte scan that refuses DTDs and entity declarations in untrusted XML before parsing.

Private to the ``io`` package: the DOCX reader (:mod:`consensus_text.io._docx_read_package`) and
the Akoma Ntoso reader (:mod:`consensus_text.io._akn_xml`) both run it before lxml sees a byte,
so that an entity-expansion bomb or an external entity never reaches the parser. An XML file may
be UTF-8 (or any ASCII-compatible encoding), UTF-16 or UTF-32 without a byte order mark that a
scan could sniff first, so ``<!DOCTYPE`` and ``<!ENTITY`` are looked for in each of those
encodings; the scan is deliberately broader than XML (any case, blanks after ``<!``).

>>> find_dangerous_markup(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
('a DOCTYPE', 21)
>>> find_dangerous_markup('<x/><!entity a "b">'.encode("utf-16"))
('an entity declaration', 10)
>>> find_dangerous_markup(b"<x>&lt;!DOCTYPE is text</x>") is None
True

The parser is the second line of defence; libxml2's own limit on entity expansion is reported
with a message that :func:`is_expansion_error` recognises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

__all__ = ["DANGEROUS_MARKUP", "find_dangerous_markup", "is_expansion_error"]

#: The encodings scanned, with the size of their code unit in bytes.
_CODECS: Final = (
    ("ascii", 1),
    ("utf-16-le", 2),
    ("utf-16-be", 2),
    ("utf-32-le", 4),
    ("utf-32-be", 4),
)
_BLANKS: Final = " \t\r\n"


def _markup_pattern(codec: str) -> re.Pattern[bytes]:
    """``<!`` then blanks then ``DOCTYPE`` (group 1) or ``ENTITY``, in any case, in ``codec``."""

    def unit(char: str) -> bytes:
        return re.escape(char.encode(codec))

    def either_case(word: str) -> bytes:
        return b"".join(
            b"(?:" + unit(char.upper()) + b"|" + unit(char.lower()) + b")" for char in word
        )

    blanks = b"(?:" + b"|".join(unit(char) for char in _BLANKS) + b")*"
    return re.compile(
        unit("<")
        + unit("!")
        + blanks
        + b"(?:("
        + either_case("DOCTYPE")
        + b")|"
        + either_case("ENTITY")
        + b")"
    )


DANGEROUS_MARKUP: Final[tuple[tuple[re.Pattern[bytes], int], ...]] = tuple(
    (_markup_pattern(codec), unit) for codec, unit in _CODECS
)
"""One pattern per encoding (ASCII-compatible, UTF-16 LE/BE, UTF-32 LE/BE), with its code unit."""


def find_dangerous_markup(
    data: bytes, patterns: Iterable[tuple[re.Pattern[bytes], int]] = DANGEROUS_MARKUP
) -> tuple[str, int] | None:
    """The first DOCTYPE or entity declaration in ``data``, in any of the encodings scanned.

    A match that is not aligned on its encoding's code unit (UTF-16 text seen as UTF-16 of the
    other byte order, one byte off) is refused too, but an aligned one is the one reported.

    Args:
        data: the undecoded XML.
        patterns: ``(pattern, code unit size)`` pairs (by default :data:`DANGEROUS_MARKUP`).

    Returns:
        ``("a DOCTYPE" | "an entity declaration", byte offset)``, or None when there is none.
    """
    best: tuple[bool, int, str] | None = None
    for pattern, unit in patterns:
        match = pattern.search(data)
        if match is None:
            continue
        what = "a DOCTYPE" if match.group(1) is not None else "an entity declaration"
        found = (match.start() % unit != 0, match.start(), what)
        if best is None or found < best:
            best = found
    return None if best is None else (best[2], best[1])


def is_expansion_error(message: str) -> bool:
    """Whether an lxml parse error is libxml2 stopping an entity expansion or loop.

    >>> is_expansion_error("Maximum entity amplification factor exceeded, see ...")
    True
    >>> is_expansion_error("Opening and ending tag mismatch")
    False
    """
    return "amplification" in message or "entity reference loop" in message
