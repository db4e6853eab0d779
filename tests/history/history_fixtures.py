"""Shared helpers for the history tests: a clock and a fixture negotiation using every event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from consensus_text.history import Negotiation
from consensus_text.model.participants import Group, GroupKind, Participant, ParticipantKind

UTC = dt.UTC
START = dt.datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def make_clock(start: dt.datetime = START, step_minutes: int = 1) -> Callable[[], dt.datetime]:
    """A clock that advances by ``step_minutes`` at every reading."""
    ticks = [0]

    def clock() -> dt.datetime:
        ticks[0] += 1
        return start + dt.timedelta(minutes=step_minutes * ticks[0])

    return clock


class Fixture(NamedTuple):
    neg: Negotiation
    ids: dict[str, str]


def build_fixture() -> Fixture:
    """A negotiation through a zero draft, two revisions, adoption and a final text.

    It uses every event kind at least once.
    """
    neg = Negotiation.create(
        "Programme of Action on ICT security", symbol="A/AC.292/2025/L.1", clock=make_clock()
    )
    ids: dict[str, str] = {}
    neg.register_participant(Participant("XNGO", "Example NGO", ParticipantKind.NGO))
    neg.register_group(Group("FRIENDS", "Friends of the Chair", GroupKind.OTHER, ("FRA", "KEN")))
    ids["pp1"] = neg.propose(
        "Recalling its resolution 77/37 of 7 December 2022,", by="Chair", kind="preambular"
    )
    ids["h1"] = neg.propose("I. Establishment", by="Chair", kind="heading")
    ids["op1"] = neg.propose(
        "Decides to [establish][convene] a programme of action [by 20XX];", by="Chair"
    )
    ids["op2"] = neg.propose(
        "Requests the Secretariat to support it [Placeholder for finance];", by="FRA"
    )
    ids["op3"] = neg.propose("Invites States to submit views and to submit proposals;", by="Chair")
    ids["op4"] = neg.propose("Encourages stakeholders to contribute;", by="Chair")
    ids["op5"] = neg.propose("Welcomes the participation of observers;", by="XNGO")
    ids["op6"] = neg.propose("Decides that the programme shall hold:", by="Chair")
    ids["op6a"] = neg.propose("annual meetings;", by="Chair", parent=ids["op6"])
    ids["op6b"] = neg.propose("review conferences.", by="Chair", parent=ids["op6"])
    neg.issue_revision("Zero draft", "zero_draft", author="Chair")

    neg.state_position("EU", ids["op1"], "support", element=1, preferred_option=1)
    neg.state_position("USA", ids["op2"], "objection", note="no new resources")
    neg.state_position("G77", ids["op1"], "reservation", speaker="IRQ")
    neg.resolve(ids["op1"], 1, how="choose", option=1, by="Chair")
    neg.resolve(ids["op2"], 1, how="fill", text="with voluntary contributions", by="Chair")
    neg.bracket(ids["op5"], 0, 8, by="RUS")
    ids["op3a"], ids["op3b"] = neg.split(
        ids["op3"],
        ["Invites States to submit views;", "Invites States to submit proposals;"],
        by="Chair",
    )
    ids["op45"] = neg.merge(
        [ids["op4"], ids["op5"]], "Encourages stakeholders and observers to contribute;", by="Chair"
    )
    neg.move(ids["op2"], after=ids["op6b"], by="Chair")
    neg.delete(ids["op6b"], by="Chair")
    neg.rule(ids["op1"], "agreed_in_informals")
    neg.define_package("pkg-institutions", [ids["op1"], ids["op6"]])
    neg.issue_revision("Rev.1", author="Chair", meeting="second session")

    neg.restore(ids["op6b"], by="Chair")
    neg.withdraw_position("USA", ids["op2"])
    neg.amend(ids["op1"], "Decides to establish a programme of action [by 2026];", by="Chair")
    neg.rule(ids["op1"], "reopened")
    neg.resolve(ids["op1"], 1, how="delete", by="Chair")
    neg.rule(ids["op1"], "agreed_ad_referendum")
    neg.start_silence("silence-1", deadline=START + dt.timedelta(days=30), by="Chair")
    neg.break_silence("silence-1", "RUS", note="paragraph 2")
    neg.withdraw_silence_break("silence-1", "RUS")
    neg.record_vote(
        "vote-1", {"FRA": "yes", "RUS": "no", "CHN": "abstain"}, paragraph_id=ids["op2"]
    )
    ids["op7"] = neg.propose("Decides to meet annually;", by="Chair", after=ids["op1"])
    ids["op7alt"] = neg.propose("Decides to meet every two years;", by="Chair", after=ids["op7"])
    neg.define_options(
        "g-meetings", [("Option 1", [ids["op7"]]), ("Option 2", [ids["op7alt"]], ["EU"])]
    )
    neg.choose_option("g-meetings", "Option 1")
    neg.relabel(ids["op7"], "6 bis", by="Chair")
    neg.issue_revision("Rev.2", "chair_text", author="Chair")

    neg.rule(ids["op1"], "confirmed")
    neg.adopt(by="Chair")
    neg.state_position("USA", ids["op2"], "dissociation")
    neg.issue_revision("Final", "final", author="Secretariat")
    return Fixture(neg, ids)
