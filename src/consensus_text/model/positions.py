"""Positions that participants state on paragraphs and on their contested elements.

The kinds are distinct and never collapsed into one scale: only a formal objection blocks;
dissociations and explanations are recorded against a paragraph and never change its status.

>>> import datetime as dt
>>> p = Position("FRA", "p12", PositionKind.RESERVATION, paragraph_version=2,
...              stated_at=dt.datetime(2025, 7, 1, 10, tzinfo=dt.timezone.utc))
>>> p.kind.blocks, p.kind.is_reservation, p.is_current_for(2), p.is_current_for(3)
(False, True, True, False)
>>> PositionKind.parse("can live with")
<PositionKind.CAN_LIVE_WITH: 'can_live_with'>
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from consensus_text.errors import ValidationError
from consensus_text.model._validators import aware, non_empty, positive

__all__ = ["Position", "PositionKind"]


class PositionKind(enum.Enum):
    """The kinds of position a participant can state."""

    SUPPORT = "support"
    CAN_LIVE_WITH = "can_live_with"  #: joins consensus without supporting
    RESERVATION = "reservation"
    STUDY_RESERVATION = "study_reservation"
    AWAITING_INSTRUCTIONS = "awaiting_instructions"  #: awaiting instructions from capital
    OBJECTION = "objection"  #: formal objection: the only kind that blocks
    DISSOCIATION = "dissociation"  #: recorded at or after adoption; does not block
    EXPLANATION = "explanation"  #: explanation of position or of vote

    @property
    def blocks(self) -> bool:
        """True only for a formal objection."""
        return self is PositionKind.OBJECTION

    @property
    def is_agreement(self) -> bool:
        """Support or joining consensus."""
        return self in (PositionKind.SUPPORT, PositionKind.CAN_LIVE_WITH)

    @property
    def is_reservation(self) -> bool:
        """Any reservation: general, study, or awaiting instructions."""
        return self in (
            PositionKind.RESERVATION,
            PositionKind.STUDY_RESERVATION,
            PositionKind.AWAITING_INSTRUCTIONS,
        )

    @property
    def is_record(self) -> bool:
        """Dissociations and explanations: listed against a paragraph, never counted."""
        return self in (PositionKind.DISSOCIATION, PositionKind.EXPLANATION)

    @classmethod
    def parse(cls, text: str) -> PositionKind:
        """Read a kind from its value or a common phrasing ("can live with", "join consensus").

        Raises:
            ValidationError: an unknown phrasing, with the accepted values.
        """
        key = text.strip().lower().replace("-", " ").replace("_", " ")
        key = " ".join(key.split())
        aliases = {
            "join consensus": cls.CAN_LIVE_WITH,
            "joins consensus": cls.CAN_LIVE_WITH,
            "formal objection": cls.OBJECTION,
            "object": cls.OBJECTION,
            "explanation of position": cls.EXPLANATION,
            "explanation of vote": cls.EXPLANATION,
            "awaiting instructions from capital": cls.AWAITING_INSTRUCTIONS,
        }
        if key in aliases:
            return aliases[key]
        for kind in cls:
            if kind.value.replace("_", " ") == key:
                return kind
        raise ValidationError(
            f"unknown position kind {text!r}",
            hint="use one of: " + ", ".join(kind.value for kind in cls),
        )


@attrs.frozen
class Position:
    """A participant's position on a paragraph version, or on one contested element of it.

    Attributes:
        participant: whose position it is: a State, a group (which speaks for its members), an
            organization or another observer.
        paragraph_id: the paragraph's stable id.
        kind: the kind of position.
        paragraph_version: the version of the paragraph's wording the position was stated on;
            when the wording changes the position becomes stale.
        element: the 1-based index of a contested element (bracket, alternatives, placeholder)
            of that version, or None for the whole paragraph.
        preferred_option: for alternatives, the 1-based option the participant prefers.
        speaker: who delivered it, when that is not the participant (the State chairing a
            group, speaking on the group's behalf).
        note: free text.
        stated_at: when it was stated (aware datetime).
    """

    participant: str = attrs.field(validator=non_empty)
    paragraph_id: str = attrs.field(validator=non_empty)
    kind: PositionKind = attrs.field(validator=attrs.validators.instance_of(PositionKind))
    paragraph_version: int = attrs.field(default=1, validator=positive)
    element: int | None = attrs.field(default=None, validator=positive)
    preferred_option: int | None = attrs.field(default=None, validator=positive)
    speaker: str | None = None
    note: str = ""
    stated_at: dt.datetime | None = attrs.field(default=None, validator=aware)

    def __attrs_post_init__(self) -> None:
        if self.preferred_option is not None and self.element is None:
            raise ValidationError(
                "preferred_option names an option but element is None",
                hint="set element to the index of the alternatives the option belongs to",
            )

    @property
    def key(self) -> tuple[str, str, int | None]:
        """What a later position replaces: same participant, paragraph and element."""
        return (self.participant, self.paragraph_id, self.element)

    def is_current_for(self, version: int) -> bool:
        """True when the position was stated on this version of the wording."""
        return self.paragraph_version == version
