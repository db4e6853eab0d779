"""Stakeholder accreditation: a decision per entity, on the objections received.

Under the OEWG and the proposed Programme of Action a single objection by a State refuses an
organization, and the objecting State may stay confidential; under the UNFCCC an organization is
admitted unless one third of the Parties present object. Objections by participants without
decision rights (observers, other stakeholders) do not count.

>>> from consensus_text.model.participants import Registry
>>> from consensus_text.consensus.rules import Rules
>>> decision = evaluate_accreditation("XNGO", ["RUS"], Rules.preset("oewg"),
...                                   registry=Registry.default())
>>> decision.accepted, decision.objections, decision.objectors
(False, 1, ())
>>> print(decision.reasons[0])
XNGO is refused: 1 objection from participants with decision rights (the objector is confidential); under the rules of the Open-ended working group a single objection refuses accreditation
>>> unfccc = evaluate_accreditation("XNGO", ["RUS", "CHN"], Rules.preset("unfccc"), present=150)
>>> unfccc.accepted, unfccc.required
(True, 50)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from consensus_text.consensus.reasons import Reason
from consensus_text.consensus.rules import Rules
from consensus_text.errors import ProcedureError
from consensus_text.model.participants import Registry

__all__ = ["AccreditationDecision", "evaluate_accreditation"]


@attrs.frozen
class AccreditationDecision:
    """The decision on one request for accreditation.

    Attributes:
        entity: the organization that asked.
        accepted: whether it is accredited.
        objections: how many objections counted.
        required: how many objections refuse a request under the rules.
        objectors: the codes of the objectors that counted, sorted; empty when the rules keep
            objectors confidential.
        ignored: codes whose objections did not count (no decision rights, unknown), sorted.
        confidential: whether objectors are withheld.
        reasons: the decision in sentences.
    """

    entity: str
    accepted: bool
    objections: int
    required: int
    objectors: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    confidential: bool = False
    reasons: tuple[Reason, ...] = ()


def evaluate_accreditation(
    entity: str,
    objections: Iterable[str],
    rules: Rules,
    *,
    registry: Registry | None = None,
    present: int | None = None,
) -> AccreditationDecision:
    """Accept or refuse a stakeholder's accreditation from the objections received.

    Args:
        entity: the organization that asked to be accredited.
        objections: the codes of the participants that objected (duplicates count once).
        rules: the process's rules (``rules.accreditation``).
        registry: when given, objections by participants without decision rights are set aside.
        present: for a share rule, the participants with decision rights present; when None the
            registry's participants with decision rights are counted.

    Raises:
        ProcedureError: a share rule with neither ``present`` nor ``registry`` to count from,
            or a negative ``present``.
    """
    rule = rules.accreditation
    counted: list[str] = []
    ignored: list[str] = []
    for code in sorted(set(objections)):
        if registry is not None and not rules.has_decision_rights(code, registry):
            ignored.append(code)
        else:
            counted.append(code)
    if rule.refusal_share is None:
        required = 1
        basis = "a single objection refuses accreditation"
    else:
        if present is None:
            if registry is None:
                raise ProcedureError(
                    f"cannot decide on {entity!r}: the rules refuse accreditation on a share of "
                    "participants but neither present nor registry was given",
                    hint="pass present=<participants with decision rights present> or a registry",
                )
            present = sum(1 for p in registry.participants.values() if rules.decision_rights(p))
        if present < 0:
            raise ProcedureError(f"present must be 0 or more, not {present}")
        share = rule.refusal_share
        required = max(1, -(-share.numerator * present // share.denominator))
        basis = f"objections by {share} of the {present} participants present refuse it"
    accepted = len(counted) < required
    if rule.objector_confidential:
        who = "the objector is confidential" if len(counted) == 1 else "objectors confidential"
    else:
        who = ", ".join(counted) or "none"
    plural = "" if len(counted) == 1 else "s"
    verdict = "accredited" if accepted else "refused"
    reasons = [
        Reason(
            "accreditation",
            f"{entity} is {verdict}: {len(counted)} objection{plural} from participants with "
            f"decision rights ({who}); under the rules of the {rules.describe()} {basis}",
            participants=() if rule.objector_confidential else tuple(counted),
        )
    ]
    if ignored:
        reasons.append(
            Reason(
                "no_decision_rights",
                "objections not counted (no decision rights): " + ", ".join(ignored),
                participants=tuple(ignored),
            )
        )
    return AccreditationDecision(
        entity=entity,
        accepted=accepted,
        objections=len(counted),
        required=required,
        objectors=() if rule.objector_confidential else tuple(counted),
        ignored=tuple(ignored),
        confidential=rule.objector_confidential,
        reasons=tuple(reasons),
    )
