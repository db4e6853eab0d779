"""Silence procedures: a text circulated with a deadline is adopted unless silence is broken.

Only a participant with decision rights can break silence, and only before the deadline. Every
other break is kept and reported, never silently dropped:

- a break by a participant without decision rights (an observer State, an organization, an NGO);
- a break received at or after the deadline;
- a break withdrawn before the deadline (a withdrawal after the deadline comes too late: silence
  was broken when the deadline passed);
- a break by a code the registry does not know.

A group that breaks silence breaks it for its members: the break counts if the group had, on the
day of the break, at least one member with decision rights (whoever delivered it).

>>> import datetime as dt
>>> from consensus_text.model.procedure import SilenceProcedure
>>> from consensus_text.model.participants import Registry
>>> from consensus_text.consensus.rules import Rules
>>> utc = dt.timezone.utc
>>> procedure = SilenceProcedure("s1", started_at=dt.datetime(2025, 7, 1, 12, tzinfo=utc),
...                              deadline=dt.datetime(2025, 7, 3, 12, tzinfo=utc))
>>> procedure = procedure.broken_by("VAT", at=dt.datetime(2025, 7, 2, 9, tzinfo=utc))
>>> procedure = procedure.broken_by("RUS", at=dt.datetime(2025, 7, 3, 13, tzinfo=utc))
>>> outcome = evaluate_silence(procedure, Rules.preset("oewg"), Registry.default())
>>> outcome.held, outcome.adopted_at.isoformat()
(True, '2025-07-03T12:00:00+00:00')
>>> [(i.silence_break.participant, i.reason.code) for i in outcome.ignored]
[('VAT', 'no_decision_rights'), ('RUS', 'late')]
"""

from __future__ import annotations

import datetime as dt

import attrs

from consensus_text.consensus.reasons import Reason
from consensus_text.consensus.rules import Rules
from consensus_text.model.participants import Registry
from consensus_text.model.procedure import SilenceBreak, SilenceProcedure

__all__ = ["IgnoredBreak", "SilenceOutcome", "evaluate_silence"]


@attrs.frozen
class IgnoredBreak:
    """A break of silence that does not count, and why.

    Attributes:
        silence_break: the break as received.
        reason: ``no_decision_rights``, ``unknown_participant``, ``late``, ``withdrawn`` or
            ``before_start``.
    """

    silence_break: SilenceBreak
    reason: Reason


@attrs.frozen
class SilenceOutcome:
    """The outcome of a silence procedure.

    Attributes:
        procedure_id: the procedure's id.
        deadline: its deadline, in its own time zone.
        held: True when the deadline passed and no valid break was received.
        in_progress: True when the deadline has not passed yet (``now`` was given and is
            earlier) and no valid break was received so far.
        broken_by: the breaks that count, in the order received.
        ignored: the breaks that do not count, with the reason for each.
        adopted_at: the deadline, when silence held; None otherwise.
        paragraph_ids: the paragraphs under silence; empty for the whole document.
        reasons: the outcome in sentences.
    """

    procedure_id: str
    deadline: dt.datetime
    held: bool
    in_progress: bool = False
    broken_by: tuple[SilenceBreak, ...] = ()
    ignored: tuple[IgnoredBreak, ...] = ()
    adopted_at: dt.datetime | None = None
    paragraph_ids: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()

    @property
    def broken(self) -> bool:
        """True when a valid break was received."""
        return bool(self.broken_by)

    @property
    def covers_document(self) -> bool:
        """True when the whole document was under silence."""
        return not self.paragraph_ids


def _can_break(code: str, on: dt.date, rules: Rules, registry: Registry) -> Reason | None:
    """None when ``code`` may break silence on that day, else the reason it may not."""
    if rules.has_decision_rights(code, registry):
        return None
    if registry.is_group(code):
        members = registry.members_of(code, on)
        if any(rules.has_decision_rights(member, registry) for member in members):
            return None
        return Reason(
            "no_decision_rights",
            f"{code} is a group with no member that has decision rights under the rules of the "
            f"{rules.describe()} on {on.isoformat()}: its break does not count",
            participants=(code,),
        )
    participant = registry.participants.get(code)
    if participant is None:
        return Reason(
            "unknown_participant",
            f"{code} is not a known participant: its break does not count",
            participants=(code,),
        )
    return Reason(
        "no_decision_rights",
        f"{code} ({participant.kind.value.replace('_', ' ')}) has no decision rights under the "
        f"rules of the {rules.describe()} and cannot break silence: recorded, silence holds",
        participants=(code,),
    )


def evaluate_silence(
    procedure: SilenceProcedure,
    rules: Rules,
    registry: Registry,
    *,
    now: dt.datetime | None = None,
) -> SilenceOutcome:
    """Decide whether silence held, was broken, or is still running.

    Args:
        procedure: the procedure with every break received.
        rules: the process's rules (who has decision rights).
        registry: the participants and groups.
        now: the moment of evaluation (aware). None evaluates as after the deadline, with
            everything received so far. Breaks and withdrawals later than ``now`` are not yet
            known and are disregarded.

    Returns:
        The outcome; ``adopted_at`` is the deadline when silence held.
    """
    deadline = procedure.deadline
    valid: list[SilenceBreak] = []
    ignored: list[IgnoredBreak] = []
    notes: list[Reason] = []
    for brk in procedure.breaks:
        if now is not None and brk.at > now:
            continue
        refusal = _can_break(brk.participant, brk.at.date(), rules, registry)
        withdrawn_at = brk.withdrawn_at
        if withdrawn_at is not None and now is not None and withdrawn_at > now:
            withdrawn_at = None
        if refusal is not None:
            ignored.append(IgnoredBreak(brk, refusal))
        elif brk.at >= deadline:
            ignored.append(
                IgnoredBreak(
                    brk,
                    Reason(
                        "late",
                        f"{brk.participant} broke silence at {brk.at.isoformat()}, at or after "
                        f"the deadline {deadline.isoformat()}: too late, it does not count",
                        participants=(brk.participant,),
                    ),
                )
            )
        elif brk.at < procedure.started_at:
            ignored.append(
                IgnoredBreak(
                    brk,
                    Reason(
                        "before_start",
                        f"{brk.participant} broke silence at {brk.at.isoformat()}, before the "
                        f"text was circulated at {procedure.started_at.isoformat()}",
                        participants=(brk.participant,),
                    ),
                )
            )
        elif withdrawn_at is not None and withdrawn_at < deadline:
            ignored.append(
                IgnoredBreak(
                    brk,
                    Reason(
                        "withdrawn",
                        f"{brk.participant} broke silence at {brk.at.isoformat()} and withdrew "
                        f"the break at {withdrawn_at.isoformat()}, before the deadline",
                        participants=(brk.participant,),
                    ),
                )
            )
        else:
            valid.append(brk)
            if withdrawn_at is not None:
                notes.append(
                    Reason(
                        "withdrawn_late",
                        f"{brk.participant} withdrew its break at {withdrawn_at.isoformat()}, "
                        f"after the deadline {deadline.isoformat()}: silence stays broken",
                        participants=(brk.participant,),
                    )
                )
    before_deadline = now is not None and now < deadline
    held = not valid and not before_deadline
    in_progress = not valid and before_deadline
    if valid:
        who = ", ".join(dict.fromkeys(b.participant for b in valid))
        summary = Reason(
            "silence_broken",
            f"silence procedure {procedure.id!r} was broken by {who} before the deadline "
            f"{deadline.isoformat()}",
            participants=tuple(sorted({b.participant for b in valid})),
        )
    elif in_progress:
        summary = Reason(
            "silence_in_progress",
            f"silence procedure {procedure.id!r} runs until {deadline.isoformat()}",
        )
    else:
        summary = Reason(
            "silence_held",
            f"silence procedure {procedure.id!r} held: adopted at the deadline "
            f"{deadline.isoformat()}",
        )
    return SilenceOutcome(
        procedure_id=procedure.id,
        deadline=deadline,
        held=held,
        in_progress=in_progress,
        broken_by=tuple(valid),
        ignored=tuple(ignored),
        adopted_at=deadline if held else None,
        paragraph_ids=procedure.paragraph_ids,
        reasons=(summary, *notes, *(i.reason for i in ignored)),
    )
