"""What the chair records and decides: rulings, packages, silence procedures, votes.

These are values; whether a paragraph is agreed, whether silence held and whether a vote carried
is computed by :mod:`consensus_text.consensus` under a process's rules of procedure.

>>> import datetime as dt
>>> utc = dt.timezone.utc
>>> silence = SilenceProcedure("s1", started_at=dt.datetime(2025, 7, 1, 12, tzinfo=utc),
...                            deadline=dt.datetime(2025, 7, 3, 12, tzinfo=utc))
>>> silence = silence.broken_by("RUS", at=dt.datetime(2025, 7, 2, 9, tzinfo=utc))
>>> [b.participant for b in silence.breaks]
['RUS']
>>> vote = Vote("v1", held_at=dt.datetime(2025, 7, 5, tzinfo=utc),
...             ballots={"FRA": Ballot.YES, "RUS": Ballot.NO, "CHN": Ballot.ABSTAIN})
>>> vote.count(Ballot.YES), vote.present_and_voting
(1, 2)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from consensus_text.errors import ValidationError
from consensus_text.model._validators import aware, non_empty, positive

__all__ = [
    "Ballot",
    "Package",
    "Ruling",
    "RulingKind",
    "SilenceBreak",
    "SilenceProcedure",
    "Vote",
]


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _breaks(value: Iterable[SilenceBreak]) -> tuple[SilenceBreak, ...]:
    return tuple(value)


class RulingKind(enum.Enum):
    """What the chair can record about a paragraph."""

    AGREED_IN_INFORMALS = "agreed_in_informals"
    AGREED_AD_REFERENDUM = "agreed_ad_referendum"  #: pending approval by capitals or plenary
    CONFIRMED = "confirmed"
    REOPENED = "reopened"


@attrs.frozen
class Ruling:
    """A chair's ruling on a paragraph version.

    Attributes:
        paragraph_id: the paragraph.
        kind: agreed in informals, agreed ad referendum, confirmed, reopened.
        paragraph_version: the wording the ruling applies to; a later amendment makes it stale.
        at: when (aware datetime).
        by: who ruled (the chair, a facilitator).
        note: free text.
    """

    paragraph_id: str = attrs.field(validator=non_empty)
    kind: RulingKind = attrs.field(validator=attrs.validators.instance_of(RulingKind))
    paragraph_version: int = attrs.field(default=1, validator=positive)
    at: dt.datetime | None = attrs.field(default=None, validator=aware)
    by: str = "Chair"
    note: str = ""


@attrs.frozen
class Package:
    """Paragraphs (or other packages) agreed all together or not at all.

    Attributes:
        id: the package's name, unique among packages.
        members: paragraph ids and package ids.
    """

    id: str = attrs.field(validator=non_empty)
    members: tuple[str, ...] = attrs.field(converter=_strings)

    @members.validator
    def _not_empty(
        self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if not value:
            raise ValidationError(f"package {self.id!r} has no members", hint="name paragraphs")


@attrs.frozen
class SilenceBreak:
    """A participant breaking silence, possibly withdrawn later.

    Attributes:
        participant: who broke silence.
        at: when the break was received (aware datetime).
        note: the reason given.
        withdrawn_at: when it was withdrawn, if it was.
    """

    participant: str = attrs.field(validator=non_empty)
    at: dt.datetime = attrs.field(validator=aware)
    note: str = ""
    withdrawn_at: dt.datetime | None = attrs.field(default=None, validator=aware)


@attrs.frozen
class SilenceProcedure:
    """A text circulated under silence: adopted at the deadline unless silence is broken.

    Attributes:
        id: unique name.
        started_at: when the text was circulated (aware).
        deadline: when silence ends (aware, with its time zone).
        paragraph_ids: the paragraphs under silence; empty for the whole document.
        started_by: who circulated it.
        breaks: every break received, in order, including late and withdrawn ones.
    """

    id: str = attrs.field(validator=non_empty)
    started_at: dt.datetime = attrs.field(validator=aware)
    deadline: dt.datetime = attrs.field(validator=aware)
    paragraph_ids: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    started_by: str = "Chair"
    breaks: tuple[SilenceBreak, ...] = attrs.field(default=(), converter=_breaks)

    def __attrs_post_init__(self) -> None:
        if self.deadline <= self.started_at:
            raise ValidationError(
                f"silence deadline {self.deadline.isoformat()} is not after its start "
                f"{self.started_at.isoformat()}",
                hint="set a deadline later than started_at",
            )

    def broken_by(self, participant: str, *, at: dt.datetime, note: str = "") -> SilenceProcedure:
        """The procedure with one more break received."""
        return attrs.evolve(self, breaks=(*self.breaks, SilenceBreak(participant, at, note)))

    def withdrawn_by(self, participant: str, *, at: dt.datetime) -> SilenceProcedure:
        """The procedure with the participant's latest open break withdrawn.

        Raises:
            ValidationError: the participant has no open break.
        """
        breaks = list(self.breaks)
        for i in range(len(breaks) - 1, -1, -1):
            if breaks[i].participant == participant and breaks[i].withdrawn_at is None:
                breaks[i] = attrs.evolve(breaks[i], withdrawn_at=at)
                return attrs.evolve(self, breaks=tuple(breaks))
        raise ValidationError(
            f"{participant} has not broken silence in procedure {self.id!r}",
            hint="only a received break can be withdrawn",
        )


class Ballot(enum.Enum):
    """One participant's vote."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    NOT_PARTICIPATING = "not_participating"


def _ballots(
    value: Mapping[str, Ballot] | Iterable[tuple[str, Ballot]],
) -> tuple[tuple[str, Ballot], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((code, Ballot(b)) for code, b in items))


@attrs.frozen
class Vote:
    """A recorded vote on a paragraph or on the whole document.

    Attributes:
        id: unique name.
        held_at: when (aware).
        ballots: participant code and ballot, sorted by code (pass a mapping).
        paragraph_id: the paragraph voted on; None for the whole document.
        important_question: True where the rules require two-thirds for this question.
    """

    id: str = attrs.field(validator=non_empty)
    held_at: dt.datetime = attrs.field(validator=aware)
    ballots: tuple[tuple[str, Ballot], ...] = attrs.field(converter=_ballots)
    paragraph_id: str | None = None
    important_question: bool = False

    def count(self, ballot: Ballot) -> int:
        """How many cast this ballot."""
        return sum(1 for _, b in self.ballots if b is ballot)

    @property
    def present_and_voting(self) -> int:
        """Members present and voting: those who voted yes or no (abstentions do not count)."""
        return self.count(Ballot.YES) + self.count(Ballot.NO)

    def ballot_of(self, code: str) -> Ballot | None:
        """The participant's ballot, or None if they cast none."""
        return dict(self.ballots).get(code)
