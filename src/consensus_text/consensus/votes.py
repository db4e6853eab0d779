"""Recorded votes, where a process allows them when consensus fails.

The majority is always counted on the members present and voting, those who vote yes or no;
abstentions and non-participation do not count, and a tie fails. Two-thirds applies to votes
flagged as important questions when the rules say so (the General Assembly plenary).

>>> import datetime as dt
>>> from consensus_text.model.procedure import Ballot, Vote
>>> from consensus_text.consensus.rules import Rules
>>> ballots = {f"S{i:03}": Ballot.YES for i in range(100)}
>>> ballots.update({f"N{i:03}": Ballot.NO for i in range(50)})
>>> ballots.update({f"A{i:03}": Ballot.ABSTAIN for i in range(40)})
>>> vote = Vote("v1", held_at=dt.datetime(2025, 12, 7, tzinfo=dt.timezone.utc), ballots=ballots,
...             important_question=True)
>>> result = evaluate_vote(vote, Rules.preset("ga_plenary"))
>>> result.passed, result.yes, result.no, result.abstain, result.required, result.majority.value
(True, 100, 50, 40, 100, 'two_thirds')
>>> evaluate_vote(vote, Rules.preset("unfccc"))
Traceback (most recent call last):
...
consensus_text.errors.ProcedureError: this process does not vote: the rules 'unfccc' have no voting rule; when consensus fails the fallback is 'carry_forward'; use rules with voting=Majority.SIMPLE to evaluate votes
"""

from __future__ import annotations

import datetime as dt

import attrs

from consensus_text.consensus.reasons import Reason
from consensus_text.consensus.rules import Majority, Rules
from consensus_text.model.participants import Registry
from consensus_text.model.procedure import Ballot, Vote

__all__ = ["VoteResult", "evaluate_vote"]


@attrs.frozen
class VoteResult:
    """The result of a recorded vote under a process's rules.

    Attributes:
        vote_id: the vote's id.
        paragraph_id: the paragraph voted on; None for the whole document.
        held_at: when the vote was held.
        passed: whether the yes votes reached the required majority.
        yes: yes votes counted.
        no: no votes counted.
        abstain: abstentions counted.
        not_participating: participants recorded as not participating.
        present_and_voting: yes + no.
        required: the yes votes needed.
        majority: the majority applied.
        ignored: codes whose ballots were not counted (no decision rights, unknown codes);
            only filled when a registry was given.
        reasons: the result in sentences.
    """

    vote_id: str
    paragraph_id: str | None
    held_at: dt.datetime
    passed: bool
    yes: int
    no: int
    abstain: int
    not_participating: int
    present_and_voting: int
    required: int
    majority: Majority
    ignored: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()

    @property
    def tally(self) -> str:
        """``"100-50-40"``: yes, no, abstentions, as the General Assembly reports them."""
        return f"{self.yes}-{self.no}-{self.abstain}"


def evaluate_vote(vote: Vote, rules: Rules, registry: Registry | None = None) -> VoteResult:
    """Count a recorded vote under the rules' majority.

    Args:
        vote: the ballots.
        rules: the process's rules; ``vote.important_question`` selects
            ``rules.important_questions`` when set.
        registry: when given, ballots of participants without decision rights (and of unknown
            codes) are set aside and listed in ``ignored``.

    Raises:
        ProcedureError: the process does not vote (``rules.voting`` is None).
    """
    majority = rules.majority_for(important_question=vote.important_question)
    counts = dict.fromkeys(Ballot, 0)
    ignored: list[str] = []
    for code, ballot in vote.ballots:
        if registry is not None and not rules.has_decision_rights(code, registry):
            ignored.append(code)
            continue
        counts[ballot] += 1
    yes, no = counts[Ballot.YES], counts[Ballot.NO]
    present_and_voting = yes + no
    required = majority.required(present_and_voting)
    passed = yes >= required
    subject = f"paragraph {vote.paragraph_id}" if vote.paragraph_id else "the whole text"
    outcome = "adopted" if passed else "rejected"
    reasons = [
        Reason(
            "vote",
            f"recorded vote {vote.id!r} on {subject}: {outcome} by {yes} to {no}, with "
            f"{counts[Ballot.ABSTAIN]} abstentions ({majority.title}: {required} needed of "
            f"{present_and_voting})",
            paragraph_ids=(vote.paragraph_id,) if vote.paragraph_id else (),
        )
    ]
    if ignored:
        reasons.append(
            Reason(
                "no_decision_rights",
                f"ballots not counted (no decision rights under the rules of the "
                f"{rules.describe()}): {', '.join(ignored)}",
                participants=tuple(ignored),
            )
        )
    return VoteResult(
        vote_id=vote.id,
        paragraph_id=vote.paragraph_id,
        held_at=vote.held_at,
        passed=passed,
        yes=yes,
        no=no,
        abstain=counts[Ballot.ABSTAIN],
        not_participating=counts[Ballot.NOT_PARTICIPATING],
        present_and_voting=present_and_voting,
        required=required,
        majority=majority,
        ignored=tuple(ignored),
        reasons=tuple(reasons),
    )
