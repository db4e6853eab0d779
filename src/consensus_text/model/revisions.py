"""Revisions: immutable, dated snapshots of the document as circulated.

>>> import datetime as dt
>>> rev = Revision("Rev.1", RevisionKind.REVISION, author="Chair",
...                issued_at=dt.datetime(2025, 3, 3, tzinfo=dt.timezone.utc))
>>> rev.kind.title
'Revision'
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from consensus_text.errors import ValidationError
from consensus_text.model._validators import aware, non_empty

__all__ = ["Revision", "RevisionKind"]


class RevisionKind(enum.Enum):
    """The kinds of text a negotiation circulates."""

    ZERO_DRAFT = "zero_draft"
    REVISION = "revision"  #: Rev.1, Rev.2, ...
    COMPILATION = "compilation"  #: every proposal, attributed, nothing judged
    CHAIR_TEXT = "chair_text"
    FACILITATOR_TEXT = "facilitator_text"
    NON_PAPER = "non_paper"
    CRP = "crp"  #: conference room paper
    L_DOCUMENT = "l_document"  #: formally tabled draft resolution
    FINAL = "final"

    @property
    def title(self) -> str:
        """A human title: ``"Zero draft"``, ``"Conference room paper"``."""
        return _TITLES[self]

    @classmethod
    def parse(cls, text: str) -> RevisionKind:
        """Read a kind from its value, name or title, case-insensitively.

        Raises:
            ValidationError: an unknown kind, with the accepted values.
        """
        key = text.strip().lower().replace("-", "_").replace(" ", "_").replace("'", "")
        for kind in cls:
            if key in (kind.value, kind.title.lower().replace(" ", "_").replace("'", "")):
                return kind
        raise ValidationError(
            f"unknown revision kind {text!r}",
            hint="use one of: " + ", ".join(kind.value for kind in cls),
        )


_TITLES = {
    RevisionKind.ZERO_DRAFT: "Zero draft",
    RevisionKind.REVISION: "Revision",
    RevisionKind.COMPILATION: "Compilation text",
    RevisionKind.CHAIR_TEXT: "Chair's text",
    RevisionKind.FACILITATOR_TEXT: "Facilitator's text",
    RevisionKind.NON_PAPER: "Non-paper",
    RevisionKind.CRP: "Conference room paper",
    RevisionKind.L_DOCUMENT: "L-document",
    RevisionKind.FINAL: "Final text",
}


@attrs.frozen
class Revision:
    """A circulated revision.

    Attributes:
        label: how it is called: ``"Zero draft"``, ``"Rev.1"``, ``"CRP.2"``; unique.
        kind: its kind.
        author: the chair, a facilitator, the secretariat or a sponsor.
        issued_at: when it was circulated (aware datetime).
        symbol: its document symbol, if any.
        note: free text.
    """

    label: str = attrs.field(validator=non_empty)
    kind: RevisionKind = attrs.field(validator=attrs.validators.instance_of(RevisionKind))
    author: str = attrs.field(validator=non_empty)
    issued_at: dt.datetime = attrs.field(validator=aware)
    symbol: str = ""
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.issued_at is None:
            raise ValidationError("issued_at is required", hint="pass an aware datetime")
