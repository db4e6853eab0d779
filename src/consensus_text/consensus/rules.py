"""Rules of procedure as configuration: who decides, what blocks, how votes and accreditation go.

Decision rights belong to a participant's role in a process, not to the participant: under the
General Assembly's rules the European Union speaks but does not decide; under the UNFCCC it is a
Party. A :class:`Rules` value says, for one process:

- who has decision rights (:meth:`Rules.decision_rights`): participants of the kinds in
  ``decision_kinds`` (Member States), plus the codes in ``parties``, minus the codes in
  ``non_parties``. Observers never decide unless a process names them a party;
- what blocks: a formal objection, and only that (not configurable);
- how reservations and ad referendum agreements count (``reservations_block_readiness``,
  ``ad_referendum_counts_as_agreed``), and how a member caught between groups that disagree is
  counted (``conflicting_groups_block``);
- whether a vote is possible when consensus fails, and with which :class:`Majority`
  (``voting``, ``important_questions``), or which other :class:`Fallback` applies;
- how stakeholders are accredited (:class:`AccreditationRule`).

Presets ship for the processes the library serves:

>>> Rules.presets()
('ga_main_committee', 'ga_plenary', 'oewg', 'poa', 'unfccc')
>>> rules = Rules.preset("oewg")
>>> rules.voting is None, rules.accreditation.refusal_share is None
(True, True)
>>> from consensus_text.model.participants import Registry
>>> registry = Registry.default()
>>> eu = registry.participant("EU")
>>> Rules.preset("ga_plenary").decision_rights(eu), Rules.preset("unfccc").decision_rights(eu)
(False, True)
>>> Rules.preset("ga_plenary", parties=("EU",)).decision_rights(eu)
True
>>> Rules.preset("ga_plenary").important_questions.required(150)
100
>>> Rules.preset("security council")
Traceback (most recent call last):
...
consensus_text.errors.ProcedureError: no preset rules named 'security council'; use one of: ga_main_committee, ga_plenary, oewg, poa, unfccc, or build Rules(...) yourself
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any, Final

import attrs

from consensus_text.errors import ProcedureError
from consensus_text.model.participants import Participant, ParticipantKind, Registry

__all__ = ["AccreditationRule", "Fallback", "Majority", "Rules", "SpeakingRights"]


class Majority(enum.Enum):
    """The majority a vote needs, always counted on members present and voting (yes + no).

    Abstentions and non-participation do not count as voting; a tie fails.

    >>> Majority.SIMPLE.required(100), Majority.SIMPLE.required(101)
    (51, 51)
    >>> Majority.TWO_THIRDS.required(150), Majority.TWO_THIRDS.required(151)
    (100, 101)
    """

    SIMPLE = "simple"  #: more than half of the members present and voting
    TWO_THIRDS = "two_thirds"  #: two-thirds of the members present and voting

    def required(self, present_and_voting: int) -> int:
        """The number of yes votes needed (at least one)."""
        if present_and_voting < 0:
            raise ProcedureError(f"present and voting must be 0 or more, not {present_and_voting}")
        if self is Majority.SIMPLE:
            needed = present_and_voting // 2 + 1
        else:
            needed = -(-2 * present_and_voting // 3)  # ceil(2n/3)
        return max(1, needed)

    @property
    def title(self) -> str:
        """A human description: ``"two-thirds of members present and voting"``."""
        if self is Majority.SIMPLE:
            return "simple majority of members present and voting"
        return "two-thirds of members present and voting"


class Fallback(enum.Enum):
    """What a process does when consensus cannot be reached."""

    VOTE = "vote"  #: a separate or recorded vote
    CARRY_FORWARD = "carry_forward"  #: no vote: the text is carried forward to the next session
    CHAIR_SUMMARY = "chair_summary"  #: a chair's summary under the chair's own responsibility
    TAKE_NOTE = "take_note"  #: the body "takes note of" instead of "adopts"


class SpeakingRights(enum.Enum):
    """How far observers may take the floor."""

    FULL = "full"
    LIMITED = "limited"  #: e.g. after the States, in a dedicated segment, without proposals
    NONE = "none"


def _share(value: Fraction | str | int | float | None) -> Fraction | None:
    return None if value is None else Fraction(value)


@attrs.frozen
class AccreditationRule:
    """How a request for the accreditation of a stakeholder is decided.

    Attributes:
        refusal_share: None: the request is refused on a single objection by a participant with
            decision rights (the "non-objection basis" of the OEWG and the proposed PoA).
            Otherwise the share of participants with decision rights (present, when the count of
            those present is given) whose objection refuses it; the UNFCCC uses one third.
        objector_confidential: whether the objecting participants' names are withheld from the
            decision (only the number of objections is reported).

    >>> AccreditationRule(refusal_share="1/3").refusal_share
    Fraction(1, 3)
    >>> AccreditationRule(refusal_share=0)
    Traceback (most recent call last):
    ...
    consensus_text.errors.ProcedureError: refusal_share 0 must be above 0 and at most 1; use None for refusal on a single objection
    """

    refusal_share: Fraction | None = attrs.field(default=None, converter=_share)
    objector_confidential: bool = False

    @refusal_share.validator
    def _check_share(self, attribute: attrs.Attribute[Any], value: Fraction | None) -> None:
        if value is not None and not 0 < value <= 1:
            raise ProcedureError(
                f"refusal_share {value} must be above 0 and at most 1",
                hint="use None for refusal on a single objection",
            )

    @property
    def on_single_objection(self) -> bool:
        """True when a single objection refuses a request."""
        return self.refusal_share is None


def _codes(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise ProcedureError(
            f"expected a collection of participant codes, not the string {value!r}",
            hint=f"write ({value!r},) for a single code",
        )
    return frozenset(value)


def _kinds(value: Iterable[ParticipantKind]) -> frozenset[ParticipantKind]:
    kinds = frozenset(value)
    for kind in kinds:
        if not isinstance(kind, ParticipantKind):
            raise ProcedureError(
                f"decision_kinds holds {kind!r}, which is not a ParticipantKind",
                hint="use e.g. {ParticipantKind.MEMBER_STATE}",
            )
    return kinds


def _optional_majority(
    instance: Any, attribute: attrs.Attribute[Any], value: Majority | None
) -> None:
    if value is not None and not isinstance(value, Majority):
        raise ProcedureError(
            f"{attribute.name} {value!r} is not a Majority",
            hint="use Majority.SIMPLE, Majority.TWO_THIRDS or None (no vote)",
        )


@attrs.frozen
class Rules:
    """The rules of procedure of one process, as data.

    Attributes:
        name: a short name (the preset's name for presets).
        title: a human title, used in messages.
        decision_kinds: the participant kinds that have decision rights.
        parties: codes with decision rights whatever their kind (the EU under the UNFCCC).
        non_parties: codes without decision rights whatever their kind (a State that is not a
            party to the instrument under which the process meets).
        voting: the majority for a vote when consensus fails; None: this process does not vote.
        important_questions: the majority for votes flagged as important questions (two-thirds
            in the General Assembly plenary); None: the same as ``voting``.
        fallback: what happens when consensus fails.
        reservations_block_readiness: whether a current reservation (general, study, awaiting
            instructions) keeps a paragraph pending when no chair's ruling covers it. A
            reservation never blocks.
        ad_referendum_counts_as_agreed: whether a paragraph agreed ad referendum counts as agreed
            for packages and for the adoptability of the document.
        conflicting_groups_block: a member with no national position whose groups disagree (one
            objects, another supports) is always reported as conflicting; when this is true (the
            conservative default) the objection through the group counts as blocking.
        observer_speaking_rights: how far observers may speak (informational).
        accreditation: how stakeholder accreditation is decided.
    """

    name: str
    title: str = ""
    decision_kinds: frozenset[ParticipantKind] = attrs.field(
        default=frozenset({ParticipantKind.MEMBER_STATE}), converter=_kinds
    )
    parties: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    non_parties: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    voting: Majority | None = attrs.field(default=None, validator=_optional_majority)
    important_questions: Majority | None = attrs.field(default=None, validator=_optional_majority)
    fallback: Fallback = Fallback.CARRY_FORWARD
    reservations_block_readiness: bool = True
    ad_referendum_counts_as_agreed: bool = True
    conflicting_groups_block: bool = True
    observer_speaking_rights: SpeakingRights = SpeakingRights.LIMITED
    accreditation: AccreditationRule = attrs.field(factory=AccreditationRule)

    def __attrs_post_init__(self) -> None:
        both = self.parties & self.non_parties
        if both:
            raise ProcedureError(
                f"rules {self.name!r} name {', '.join(sorted(both))} both as parties and as "
                "non-parties",
                hint="remove the codes from one of the two lists",
            )
        if self.voting is None and self.important_questions is not None:
            raise ProcedureError(
                f"rules {self.name!r} give a majority for important questions but no voting rule",
                hint="set voting=Majority.SIMPLE, or important_questions=None",
            )
        if self.fallback is Fallback.VOTE and self.voting is None:
            raise ProcedureError(
                f"rules {self.name!r} fall back on a vote but have no voting rule",
                hint="set voting=Majority.SIMPLE (or TWO_THIRDS), or choose another fallback",
            )

    # ---------------------------------------------------------------- presets

    @classmethod
    def presets(cls) -> tuple[str, ...]:
        """The names accepted by :meth:`preset`, sorted."""
        return tuple(sorted(_PRESETS))

    @classmethod
    def preset(cls, name: str, **overrides: Any) -> Rules:
        """The rules of a known process, optionally with some attributes replaced.

        Args:
            name: one of :meth:`presets` (case-insensitive; ``-`` and spaces read as ``_``).
            overrides: attributes to replace, e.g. ``parties=("EU",)``.

        Raises:
            ProcedureError: an unknown name (listing the presets) or an unknown attribute.
        """
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        factory = _PRESETS.get(key)
        if factory is None:
            raise ProcedureError(
                f"no preset rules named {name!r}",
                hint="use one of: " + ", ".join(cls.presets()) + ", or build Rules(...) yourself",
            )
        rules = factory()
        if not overrides:
            return rules
        known = {field.name for field in attrs.fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ProcedureError(
                f"Rules has no attribute {', '.join(map(repr, unknown))}",
                hint="known attributes: " + ", ".join(sorted(known)),
            )
        return attrs.evolve(rules, **overrides)

    # ---------------------------------------------------------------- queries

    def decision_rights(self, participant: Participant) -> bool:
        """Whether the participant can block and count in this process."""
        if participant.code in self.non_parties:
            return False
        if participant.code in self.parties:
            return True
        return participant.kind in self.decision_kinds

    def has_decision_rights(self, code: str, registry: Registry) -> bool:
        """Whether the participant with this code has decision rights; False for unknown codes
        and for group codes that are not also participants."""
        participant = registry.participants.get(code)
        return participant is not None and self.decision_rights(participant)

    def majority_for(self, *, important_question: bool = False) -> Majority:
        """The majority that a vote needs.

        Raises:
            ProcedureError: this process does not vote.
        """
        if self.voting is None:
            raise ProcedureError(
                f"this process does not vote: the rules {self.name!r} have no voting rule",
                hint=f"when consensus fails the fallback is {self.fallback.value!r}; use rules "
                "with voting=Majority.SIMPLE to evaluate votes",
            )
        if important_question and self.important_questions is not None:
            return self.important_questions
        return self.voting

    def describe(self) -> str:
        """The title, or the name when there is no title."""
        return self.title or self.name

    # ---------------------------------------------------------------- updates

    def with_parties(self, *codes: str) -> Rules:
        """The rules with more codes given decision rights (removed from ``non_parties``)."""
        return attrs.evolve(
            self, parties=self.parties | set(codes), non_parties=self.non_parties - set(codes)
        )

    def without_parties(self, *codes: str) -> Rules:
        """The rules with these codes denied decision rights (removed from ``parties``)."""
        return attrs.evolve(
            self, parties=self.parties - set(codes), non_parties=self.non_parties | set(codes)
        )


def _ga_plenary() -> Rules:
    # Charter Art. 18; rules 83-86 and 92 of the General Assembly's rules of procedure.
    return Rules(
        name="ga_plenary",
        title="General Assembly (plenary)",
        voting=Majority.SIMPLE,
        important_questions=Majority.TWO_THIRDS,
        fallback=Fallback.VOTE,
        observer_speaking_rights=SpeakingRights.LIMITED,
        accreditation=AccreditationRule(refusal_share=None, objector_confidential=False),
    )


def _ga_main_committee() -> Rules:
    # Rule 125: decisions of Main Committees are made by a majority of members present and voting.
    return Rules(
        name="ga_main_committee",
        title="General Assembly Main Committee",
        voting=Majority.SIMPLE,
        fallback=Fallback.VOTE,
        observer_speaking_rights=SpeakingRights.LIMITED,
        accreditation=AccreditationRule(refusal_share=None, objector_confidential=False),
    )


def _oewg() -> Rules:
    # Substantive decisions by consensus; stakeholders on a non-objection basis.
    return Rules(
        name="oewg",
        title="Open-ended working group",
        voting=None,
        fallback=Fallback.CHAIR_SUMMARY,
        observer_speaking_rights=SpeakingRights.LIMITED,
        accreditation=AccreditationRule(refusal_share=None, objector_confidential=True),
    )


def _poa() -> Rules:
    # The proposed Programme of Action: the rules of the GA committees "with such modifications
    # as the Member States may deem necessary", substantive decisions by consensus, observers
    # admitted on a non-objection basis with limited speaking rights.
    return attrs.evolve(_oewg(), name="poa", title="Programme of Action (ICT security)")


def _unfccc() -> Rules:
    # Draft rule 42 (voting) was never adopted: no vote; draft rule 16 carries unfinished items
    # forward. Parties: the UN Member States, the State of Palestine, the Cook Islands, Niue and
    # the European Union. Observer organizations are admitted unless one third of the Parties
    # present object (Convention, Art. 7.6).
    return Rules(
        name="unfccc",
        title="UNFCCC Conference of the Parties",
        parties=frozenset({"EU", "PSE", "COK", "NIU"}),
        voting=None,
        fallback=Fallback.CARRY_FORWARD,
        observer_speaking_rights=SpeakingRights.LIMITED,
        accreditation=AccreditationRule(refusal_share=Fraction(1, 3), objector_confidential=False),
    )


_PRESETS: Final[dict[str, Callable[[], Rules]]] = {
    "ga_plenary": _ga_plenary,
    "ga_main_committee": _ga_main_committee,
    "oewg": _oewg,
    "poa": _poa,
    "unfccc": _unfccc,
}
