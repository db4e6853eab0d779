"""Options of the DOCX exporters: fonts and paper, attribution, status shading, pending policy."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from consensus_text.errors import ValidationError
from consensus_text.model._validators import aware, non_empty
from consensus_text.model.paragraphs import Draft

__all__ = ["ExportOptions", "PendingPolicy", "RedlineRound", "ShadingColours"]

#: The status values of the consensus report, in the order a status table lists them.
STATUS_VALUES: tuple[str, ...] = (
    "blocked",
    "pending",
    "reopened",
    "consensus_ready",
    "agreed_in_informals",
    "agreed_ad_referendum",
    "confirmed",
    "adopted",
)

_DEFAULT_COLOURS: dict[str, str] = {
    "blocked": "F4B6B6",  # light red
    "pending": "FFF2CC",  # light yellow
    "reopened": "FCE4D6",  # light orange
    "consensus_ready": "E2EFDA",  # pale green
    "agreed_in_informals": "C6E0B4",  # green
    "agreed_ad_referendum": "DDEBF7",  # light blue
    "confirmed": "A9D08E",  # darker green
    "adopted": "A9D08E",
}
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


def _colours(value: Mapping[str, str] | None) -> Mapping[str, str]:
    merged = dict(_DEFAULT_COLOURS)
    for status, colour in (value or {}).items():
        if status not in _DEFAULT_COLOURS:
            raise ValidationError(
                f"no status {status!r} to shade",
                hint="use one of: " + ", ".join(STATUS_VALUES),
            )
        colour = colour.lstrip("#")
        if not _HEX.match(colour):
            raise ValidationError(
                f"colour {colour!r} for status {status!r} is not a hex RGB value",
                hint="write six hex digits such as 'FFF2CC' (a leading '#' is allowed)",
            )
        merged[status] = colour.upper()
    return MappingProxyType(merged)


@attrs.frozen
class ShadingColours:
    """Background colours of paragraphs by consensus status (hex RGB, as Word writes them).

    Pass only the colours to change; the others keep their defaults.

    >>> colours = ShadingColours({"pending": "#ffff00"})
    >>> colours.colour_for("pending"), colours.colour_for("blocked"), colours.colour_for("other")
    ('FFFF00', 'F4B6B6', None)
    >>> ShadingColours({"pendng": "FFFF00"})
    Traceback (most recent call last):
    ...
    consensus_text.errors.ValidationError: no status 'pendng' to shade; use one of: blocked, pending, reopened, consensus_ready, agreed_in_informals, agreed_ad_referendum, confirmed, adopted
    """

    colours: Mapping[str, str] = attrs.field(default=None, converter=_colours, eq=False, hash=False)

    def colour_for(self, status: str | None) -> str | None:
        """The fill for a status value (an enum's ``.value`` or the enum itself), or None."""
        if status is None:
            return None
        key = getattr(status, "value", status)
        return self.colours.get(str(key))


class PendingPolicy(enum.Enum):
    """What a clean export does with paragraphs that are not agreed yet."""

    OMIT = "omit"  #: leave them out
    KEEP = "keep"  #: keep them, bracketed
    DRAFT = "draft"  #: keep them bracketed and mark the whole document as a draft

    @classmethod
    def parse(cls, value: PendingPolicy | str) -> PendingPolicy:
        """Accept the enum or its value.

        Raises:
            ValidationError: an unknown policy.
        """
        if isinstance(value, PendingPolicy):
            return value
        try:
            return cls(str(value).strip().lower())
        except ValueError:
            raise ValidationError(
                f"unknown pending policy {value!r}",
                hint="use 'omit', 'keep' or 'draft'",
            ) from None


def _positive_size(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 6 <= value <= 72:
        raise ValidationError(f"font size {value} pt is out of range", hint="use 6 to 72 points")


@attrs.frozen
class ExportOptions:
    """How an exported document looks.

    Attributes:
        font: body font (UN documents use Times New Roman).
        size: body font size in points.
        paper: ``"a4"`` (Geneva, Vienna, Nairobi) or ``"letter"`` (New York).
        attribution: where the proposers of bracketed wording, paragraphs and options go:
            ``"footnotes"`` (one footnote per attributed element, "Proposed by EU, G77."),
            ``"inline"`` (the text as written, ``[shall]{EU}``), or ``"none"``.
        italic_first_word: italicise the first word of preambular and operative paragraphs.
        shading: shade each paragraph by its consensus status (needs ``statuses``).
        status_table: append a table of paragraphs, statuses and reasons (needs ``statuses``).
    """

    font: str = attrs.field(default="Times New Roman", validator=non_empty)
    size: float = attrs.field(default=12.0, validator=_positive_size)
    paper: Literal["a4", "letter"] = attrs.field(
        default="a4", validator=attrs.validators.in_(("a4", "letter"))
    )
    attribution: Literal["footnotes", "inline", "none"] = attrs.field(
        default="footnotes", validator=attrs.validators.in_(("footnotes", "inline", "none"))
    )
    italic_first_word: bool = True
    shading: ShadingColours | None = None
    status_table: bool = False


def _frozen_mapping(
    value: Mapping[str, tuple[str, dt.datetime]] | None,
) -> Mapping[str, tuple[str, dt.datetime]]:
    return MappingProxyType(dict(value or {}))


def _check_paragraph_authors(
    instance: RedlineRound,
    attribute: attrs.Attribute[Mapping[str, tuple[str, dt.datetime]]],
    value: Mapping[str, tuple[str, dt.datetime]],
) -> None:
    for paragraph_id, pair in value.items():
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and pair[0].strip()
        ):
            raise ValidationError(
                f"paragraph_authors[{paragraph_id!r}] must be (author, datetime), not {pair!r}",
                hint="write {'p12': ('EU', datetime.datetime(..., tzinfo=datetime.timezone.utc))}",
            )
        when = pair[1]
        if not isinstance(when, dt.datetime) or when.utcoffset() is None:
            raise ValidationError(
                f"paragraph_authors[{paragraph_id!r}] date {when!r} is not an aware datetime",
                hint="pass datetime.datetime(..., tzinfo=datetime.timezone.utc)",
            )


@attrs.frozen
class RedlineRound:
    """One round of changes for a redline: from one draft to the next, by whom and when.

    Attributes:
        before: the draft the round starts from (for a second round: the first round's
            ``after``).
        after: the draft the round ends with.
        author: who made the changes (the chair, a facilitator), unless a paragraph says
            otherwise in ``paragraph_authors``.
        date: when (aware datetime); written in UTC.
        paragraph_authors: paragraph id -> (author, date) of the participant who proposed that
            paragraph's change in this round.

    >>> import datetime as dt
    >>> when = dt.datetime(2025, 3, 1, 10, tzinfo=dt.timezone.utc)
    >>> RedlineRound(Draft(), Draft(), "Chair", when, {"p1": ("EU", when)}).author_of("p1")
    ('EU', datetime.datetime(2025, 3, 1, 10, 0, tzinfo=datetime.timezone.utc))
    """

    before: Draft = attrs.field(validator=attrs.validators.instance_of(Draft))
    after: Draft = attrs.field(validator=attrs.validators.instance_of(Draft))
    author: str = attrs.field(validator=non_empty)
    date: dt.datetime = attrs.field(validator=aware)
    paragraph_authors: Mapping[str, tuple[str, dt.datetime]] = attrs.field(
        factory=dict,
        converter=_frozen_mapping,
        validator=_check_paragraph_authors,
        eq=False,
        hash=False,
    )

    def author_of(self, paragraph_id: str) -> tuple[str, dt.datetime]:
        """The author and date of this round's change to a paragraph."""
        return self.paragraph_authors.get(paragraph_id, (self.author, self.date))
