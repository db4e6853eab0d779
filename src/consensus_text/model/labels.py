"""Displayed paragraph labels: ``5``, ``5 bis``, ``-1``, ``PP3``, ``(a)``, ``(iv)``, ``b.``.

A label is what a reader sees; it is separate from a paragraph's stable id. Paragraphs inserted
during a negotiation take a Latin suffix instead of renumbering the rest, and sort by that
ordinal, so ``12 bis`` comes after ``12`` and before ``12 ter`` and ``13``:

>>> sorted(Label.parse(s) for s in ["13", "12 ter", "12", "12 bis", "-1"])
[Label('-1'), Label('12'), Label('12 bis'), Label('12 ter'), Label('13')]
>>> str(Label.parse("PP3 quater"))
'PP3 quater'
>>> Label.parse("(iv)").number, Label.parse("(c)").number
(4, 3)
>>> str(Label.parse("5").after())
'5 bis'
"""

from __future__ import annotations

import enum
import re
from functools import total_ordering

import attrs

from consensus_text.errors import LabelError

__all__ = ["LATIN_SUFFIXES", "Label", "LabelStyle", "format_roman", "parse_roman"]

#: Latin ordinal suffixes in order; index + 1 is the suffix ordinal stored in :attr:`Label.suffix`.
LATIN_SUFFIXES: tuple[str, ...] = (
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "decies",
)

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def format_roman(number: int) -> str:
    """Lower-case Roman numeral of a positive number.

    >>> format_roman(14)
    'xiv'
    """
    if number <= 0:
        raise LabelError(f"no Roman numeral for {number}", hint="use a number of 1 or more")
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


def parse_roman(text: str) -> int | None:
    """Value of a lower- or upper-case Roman numeral, or None when ``text`` is not one.

    >>> parse_roman("xiv"), parse_roman("IX"), parse_roman("ab")
    (14, 9, None)
    """
    low = text.lower()
    if not low or not _ROMAN_RE.match(low):
        return None
    total, i = 0, 0
    for value, numeral in _ROMAN:
        while low.startswith(numeral, i):
            total += value
            i += len(numeral)
    return total


def _letters(number: int) -> str:
    """``1 -> a``, ``26 -> z``, ``27 -> aa`` (the UN style doubles the letter)."""
    if number <= 0:
        raise LabelError(f"no letter label for {number}", hint="use a number of 1 or more")
    letter = chr(ord("a") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _parse_letters(text: str) -> int | None:
    if not text.isascii() or not text.isalpha() or len(set(text.lower())) != 1:
        return None
    return (len(text) - 1) * 26 + ord(text[0].lower()) - ord("a") + 1


class LabelStyle(enum.Enum):
    """How a label's number is written."""

    NUMBER = "number"  #: ``5``, ``PP3``, ``-1``
    LETTER = "letter"  #: ``(a)``
    ROMAN = "roman"  #: ``(i)``
    LETTER_DOT = "letter_dot"  #: ``a.``
    ROMAN_DOT = "roman_dot"  #: ``i.``

    @property
    def level(self) -> int:
        """Depth in the hierarchy ``5 > (a) > (i) > a. > i.``: 0 for numbers."""
        return _LEVELS[self]


_LEVELS = {
    LabelStyle.NUMBER: 0,
    LabelStyle.LETTER: 1,
    LabelStyle.ROMAN: 2,
    LabelStyle.LETTER_DOT: 3,
    LabelStyle.ROMAN_DOT: 4,
}

_SUFFIX_RE = "|".join(LATIN_SUFFIXES)
_LABEL_RE = re.compile(
    rf"""^\s*
    (?:
        (?P<prefix>PP|OP)?\s*(?P<number>-?\d+)
      | \((?P<paren>[A-Za-z]+)\)
      | (?P<dot>[A-Za-z]+)\.
    )
    (?:\s*(?P<suffix>{_SUFFIX_RE}))?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def _check_suffix(instance: Label, attribute: attrs.Attribute[int], value: int) -> None:
    if not 0 <= value <= len(LATIN_SUFFIXES):
        raise LabelError(
            f"suffix ordinal {value} is out of range",
            hint=f"use 0 (none) to {len(LATIN_SUFFIXES)} ({LATIN_SUFFIXES[-1]})",
        )


@total_ordering
@attrs.frozen(eq=True, order=False, repr=False)
class Label:
    """A displayed paragraph label.

    Attributes:
        number: the ordinal: 5 for ``5``, 3 for ``(c)``, 4 for ``(iv)``; may be 0 or negative
            for numbered paragraphs inserted before the first one.
        suffix: 0 for none, 1 for ``bis``, 2 for ``ter``, ... 9 for ``decies``.
        style: how the number is written.
        prefix: ``"PP"`` or ``"OP"`` when the label carries one, else ``""``.
    """

    number: int
    suffix: int = attrs.field(default=0, validator=_check_suffix)
    style: LabelStyle = LabelStyle.NUMBER
    prefix: str = attrs.field(default="", validator=attrs.validators.in_(("", "PP", "OP")))

    @classmethod
    def parse(cls, text: str, *, style: LabelStyle | None = None) -> Label:
        """Parse a label as displayed.

        Args:
            text: ``"5"``, ``"5 bis"``, ``"-1"``, ``"PP3"``, ``"(a)"``, ``"(iv)"``, ``"b."``.
            style: force the style where letters and Roman numerals look alike: ``"(i)"`` is
                read as Roman unless ``style=LabelStyle.LETTER``.

        Raises:
            LabelError: the text is not a label.

        >>> Label.parse("(i)", style=LabelStyle.LETTER).number
        9
        """
        match = _LABEL_RE.match(text)
        if not match:
            raise LabelError(
                f"{text!r} is not a paragraph label",
                hint="write a number ('5', '-1', 'PP3'), a letter or Roman numeral in brackets "
                "('(a)', '(iv)'), or one followed by a dot ('b.'), optionally with a Latin suffix "
                "('bis', 'ter', ... 'decies')",
            )
        suffix_text = match["suffix"]
        suffix = LATIN_SUFFIXES.index(suffix_text.lower()) + 1 if suffix_text else 0
        if match["number"] is not None:
            prefix = (match["prefix"] or "").upper()
            return cls(int(match["number"]), suffix, LabelStyle.NUMBER, prefix)
        body = match["paren"] if match["paren"] is not None else match["dot"]
        dotted = match["paren"] is None
        letter_style = LabelStyle.LETTER_DOT if dotted else LabelStyle.LETTER
        roman_style = LabelStyle.ROMAN_DOT if dotted else LabelStyle.ROMAN
        roman = parse_roman(body)
        if roman is not None and len(body) == 1 and body.lower() not in "ivx":
            roman = None  # "(c)", "(d)", "(l)", "(m)" are letters in drafts, never 100, 500 ...
        letters = _parse_letters(body)
        if style in (LabelStyle.LETTER, LabelStyle.LETTER_DOT) or (roman is None and style is None):
            if letters is None:
                raise LabelError(
                    f"{text!r} is not a letter label",
                    hint="letter labels repeat one letter: '(a)', '(z)', '(aa)'",
                )
            return cls(letters, suffix, letter_style)
        if roman is None:
            raise LabelError(f"{text!r} is not a Roman numeral label", hint="write '(i)', '(iv)'")
        return cls(roman, suffix, roman_style)

    def __str__(self) -> str:
        if self.style is LabelStyle.NUMBER:
            body = f"{self.prefix}{self.number}"
        elif self.style in (LabelStyle.LETTER, LabelStyle.LETTER_DOT):
            body = _letters(self.number)
        else:
            body = format_roman(self.number)
        if self.style in (LabelStyle.LETTER, LabelStyle.ROMAN):
            body = f"({body})"
        elif self.style in (LabelStyle.LETTER_DOT, LabelStyle.ROMAN_DOT):
            body = f"{body}."
        if self.suffix:
            body = f"{body} {LATIN_SUFFIXES[self.suffix - 1]}"
        return body

    def __repr__(self) -> str:
        return f"Label({str(self)!r})"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Key that orders labels as a reader does: level, number, then Latin ordinal."""
        return (self.style.level, self.number, self.suffix)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Label):
            return NotImplemented
        return self.sort_key < other.sort_key

    def after(self) -> Label:
        """The label for a paragraph inserted right after this one: ``5 -> 5 bis -> 5 ter``.

        Raises:
            LabelError: past ``decies`` there is no further suffix.
        """
        if self.suffix >= len(LATIN_SUFFIXES):
            raise LabelError(
                f"no Latin suffix after {self}",
                hint="renumber the paragraphs (Draft.renumbered()) before inserting more",
            )
        return attrs.evolve(self, suffix=self.suffix + 1)

    def base(self) -> Label:
        """The same label without its Latin suffix."""
        return attrs.evolve(self, suffix=0)

    def with_number(self, number: int) -> Label:
        """The same style and prefix with another number and no suffix (for renumbering)."""
        return attrs.evolve(self, number=number, suffix=0)
