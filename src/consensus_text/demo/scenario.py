"""The fixture negotiation: the founding decision of the Programme of Action on ICT security.

The story, in a few sentences. In January 2026 the Secretariat opens the negotiation on the draft
decision establishing the Programme of Action (PoA) proposed by General Assembly resolution 77/37,
and accredits a handful of organizations and stakeholders as observers. On 2 February the Chair
circulates a zero draft of 52 paragraphs built from the national and group contributions: a
preamble, then five sections (scope and objectives; structure, with a chapeau and its
sub-paragraphs; decision-making; implementation and capacity-building; stakeholders), full of
alternatives, nested and attributed brackets and a placeholder for the funding arrangements. A
first reading in February brings group statements (the EU for its members, the Group of 77 and
China through its chair, the African Group, AOSIS), national positions that depart from them,
textual proposals and a "12 bis". Rev.1 (March) streamlines, splits one paragraph, moves another
(relabelled "27 bis" after its new predecessor, as a chair's office does rather than renumber)
and sets the EU's and the G77's proposals on the first review conference side by side as named
options; a second reading agrees many paragraphs in informals. Rev.2 (April) keeps the EU's
option on the review conference with the G77's concern folded in, merges two preambular
paragraphs, deletes one, fills the placeholder, ties two paragraphs into a package and presents
a capacity-building trust fund as three named options (the G77's, the EU's, and "No text" for
the United States). A first silence procedure on the stakeholder paragraphs is broken by a
Member State; a third session in June reopens one agreed paragraph and meets formal objections;
Rev.3 offers a compromise on observers, and a second silence procedure holds although an NGO
tries to break it and a Member State writes after the deadline. In the final informals of July the Chair confirms
most of the text; when the scenario ends, most paragraphs are agreed, two are blocked by formal
objections, and a few remain pending on brackets, a reservation, the package or the options on
the trust fund, which no one has chosen.

Everything goes through the public :class:`~consensus_text.history.Negotiation` API, and every
event carries a fixed time in New York (no clock is read), so the log is the same at every run.
The script is organised by meeting, one function each, so that the negotiation can grow.

>>> neg = build_poa_negotiation()
>>> neg.revisions
('Zero draft', 'Rev.1', 'Rev.2', 'Rev.3')
>>> neg.state.draft.paragraph("op-first-meeting").text
'Decides to convene the first annual meeting in [2027][2028], and an organizational session no later than three months before it;'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, Protocol

from consensus_text.errors import BracketNotFoundError, ValidationError
from consensus_text.history.negotiation import Clock, Negotiation
from consensus_text.model.paragraphs import ParagraphKind
from consensus_text.model.participants import Participant, ParticipantKind
from consensus_text.model.positions import PositionKind
from consensus_text.model.procedure import RulingKind
from consensus_text.model.revisions import RevisionKind

__all__ = [
    "OBSERVERS",
    "SCENARIO_NAME",
    "SYMBOL",
    "TITLE",
    "NegotiationFactory",
    "build_poa_negotiation",
]

#: The scenario's short name: the directory of its fixtures, its name in a store.
SCENARIO_NAME: Final = "poa"

#: The document's title.
TITLE: Final = (
    "Draft decision: establishment of a Programme of Action to advance responsible State "
    "behaviour in the use of information and communications technologies in the context of "
    "international security"
)

#: The document's symbol (the draft as it will be formally tabled).
SYMBOL: Final = "A/AC.292/2026/L.1"

#: The observers accredited at the opening, on a non-objection basis.
OBSERVERS: Final = (
    # The ICRC is neither an IGO nor an NGO; it holds observer status in the General Assembly.
    Participant("ICRC", "International Committee of the Red Cross", ParticipantKind.OTHER),
    Participant(
        "ITU",
        "International Telecommunication Union",
        ParticipantKind.INTERGOVERNMENTAL_ORGANIZATION,
    ),
    Participant("OAS", "Organization of American States", ParticipantKind.REGIONAL_ORGANIZATION),
    Participant("CyberPeace", "CyberPeace Institute", ParticipantKind.NGO),
    Participant("Microsoft", "Microsoft Corporation", ParticipantKind.PRIVATE_SECTOR),
    Participant("ChathamHouse", "Chatham House", ParticipantKind.ACADEMIA),
    Participant(
        "ICANN",
        "Internet Corporation for Assigned Names and Numbers",
        ParticipantKind.TECHNICAL_COMMUNITY,
    ),
)

# Who speaks for the groups in 2026 (fixture data, not a record of the real chairs).
_G77_CHAIR: Final = "URY"
_AGN_CHAIR: Final = "NGA"
_AOSIS_CHAIR: Final = "PLW"

_CHAIR: Final = "Chair"
_SUPPORT: Final = PositionKind.SUPPORT
_CAN_LIVE_WITH: Final = PositionKind.CAN_LIVE_WITH
_OBJECTION: Final = PositionKind.OBJECTION
_RESERVATION: Final = PositionKind.RESERVATION
_STUDY: Final = PositionKind.STUDY_RESERVATION
_AWAITING: Final = PositionKind.AWAITING_INSTRUCTIONS

_PP: Final = ParagraphKind.PREAMBULAR
_OP: Final = ParagraphKind.OPERATIVE
_HEADING: Final = ParagraphKind.HEADING

# --------------------------------------------------------------------------- time

# New York time without a time-zone database: fixed offsets, switched on the 2026 dates of
# daylight saving time (8 March to 1 November).
_EST: Final = dt.timezone(dt.timedelta(hours=-5), "EST")
_EDT: Final = dt.timezone(dt.timedelta(hours=-4), "EDT")


def _ny(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment of 2026 in New York."""
    summer = (3, 8) <= (month, day) < (11, 1)
    return dt.datetime(2026, month, day, hour, minute, tzinfo=_EDT if summer else _EST)


class _ScriptClock:
    """The scenario's clock: set to the start of each meeting, one minute more per event."""

    def __init__(self, start: dt.datetime) -> None:
        self._now = start

    def set(self, moment: dt.datetime) -> None:
        """Move to the start of a meeting; the script never goes back in time."""
        if moment < self._now:
            raise ValidationError(
                f"the scenario goes back in time, from {self._now.isoformat()} to "
                f"{moment.isoformat()}",
                hint="give the meetings of the script in chronological order",
            )
        self._now = moment

    def __call__(self) -> dt.datetime:
        now = self._now
        self._now += dt.timedelta(minutes=1)
        return now


class NegotiationFactory(Protocol):
    """Makes the empty negotiation that the scenario fills.

    :meth:`Negotiation.create <consensus_text.history.Negotiation.create>` is one; so is
    ``functools.partial(store.create, "poa")`` to build the scenario in a store. The factory
    must record its events with the ``clock`` given, which keeps the scenario deterministic.
    """

    def __call__(
        self, *, title: str, symbol: str, at: dt.datetime, clock: Clock
    ) -> Negotiation: ...


# --------------------------------------------------------------------------- helpers


def _element(neg: Negotiation, pid: str, span: str) -> int:
    """The number of the contested element written exactly ``span`` in the paragraph's text.

    Elements are renumbered after every change, so the script names them by their text.
    """
    paragraph = neg.paragraph(pid)
    for element in paragraph.tree.elements():
        if paragraph.text[element.start : element.end] == span:
            return element.index
    raise BracketNotFoundError(
        f"paragraph {pid!r} has no contested element {span!r}: {paragraph.text!r}",
        hint="copy the element from the paragraph's current text, brackets included",
    )


def _bracket(neg: Negotiation, pid: str, phrase: str, *, by: str) -> None:
    """Put square brackets around the first occurrence of ``phrase``."""
    start = neg.paragraph(pid).text.index(phrase)
    neg.bracket(pid, start, start + len(phrase), by=by)


def _resolve(
    neg: Negotiation,
    pid: str,
    span: str,
    how: str,
    *,
    option: int | None = None,
    text: str | None = None,
) -> None:
    """The Chair resolves the element written ``span``: accept, delete, choose or fill."""
    neg.resolve(pid, _element(neg, pid, span), how=how, option=option, text=text, by=_CHAIR)


def _prefer(neg: Negotiation, pid: str, span: str, preferences: dict[str, int]) -> None:
    """Participants state which alternative of ``span`` they support (1-based)."""
    element = _element(neg, pid, span)
    for code, option in preferences.items():
        neg.state_position(code, pid, _SUPPORT, element=element, preferred_option=option)


def _all(neg: Negotiation, pid: str, kind: PositionKind, codes: Iterable[str]) -> None:
    """Several participants state the same position on a paragraph."""
    for code in codes:
        neg.state_position(code, pid, kind)


def _rule(neg: Negotiation, kind: RulingKind, pids: Iterable[str], *, note: str = "") -> None:
    """The Chair records the same ruling on several paragraphs."""
    for pid in pids:
        neg.rule(pid, kind, note=note)


# --------------------------------------------------------------------------- the script


def build_poa_negotiation(negotiation: NegotiationFactory | None = None) -> Negotiation:
    """Script the whole fixture negotiation and return it.

    Args:
        negotiation: makes the empty negotiation (default: :meth:`Negotiation.create`, in
            memory); pass ``functools.partial(store.create, "poa")`` to record it in a store.

    Returns:
        The negotiation after the final informal consultations of July 2026: four revisions
        (zero draft, Rev.1-3), not adopted, most paragraphs agreed.
    """
    clock = _ScriptClock(_ny(1, 12, 9))
    factory: NegotiationFactory = negotiation or Negotiation.create
    neg = factory(title=TITLE, symbol=SYMBOL, at=clock(), clock=clock)
    for meeting in (
        _opening,
        _zero_draft,
        _first_reading,
        _revision_1,
        _second_reading,
        _revision_2,
        _first_silence,
        _third_session,
        _revision_3,
        _second_silence,
        _final_informals,
    ):
        with neg.batch():
            meeting(neg, clock)
    return neg


def _opening(neg: Negotiation, clock: _ScriptClock) -> None:
    """12 January: the observers are accredited on a non-objection basis."""
    clock.set(_ny(1, 12, 10))
    for observer in OBSERVERS:
        neg.register_participant(observer)


def _zero_draft(neg: Negotiation, clock: _ScriptClock) -> None:
    """2 February: the Chair circulates the zero draft, built from the contributions."""
    clock.set(_ny(2, 2, 9))

    def pp(pid: str, text: str) -> None:
        neg.propose(text, by=_CHAIR, kind=_PP, paragraph_id=pid)

    def op(pid: str, text: str, *, parent: str | None = None) -> None:
        neg.propose(text, by=_CHAIR, kind=_OP, parent=parent, paragraph_id=pid)

    def heading(pid: str, text: str) -> None:
        neg.propose(text, by=_CHAIR, kind=_HEADING, paragraph_id=pid)

    # -- preamble
    pp("pp-7737", "Recalling its resolution 77/37 of 7 December 2022, in which it welcomed the proposal to establish a programme of action as a permanent, inclusive, action-oriented mechanism,")  # fmt: skip
    pp("pp-framework", "Reaffirming the framework for responsible State behaviour in the use of information and communications technologies, agreed in the reports of the Groups of Governmental Experts [of 2010, 2013, 2015 and 2021] and of the open-ended working group 2019-2021,")  # fmt: skip
    pp("pp-cumulative", "Reaffirming also that the framework is cumulative and evolving, and that [future consensus outcomes][the consensus outcomes of the open-ended working group 2021-2025] will add to it,")  # fmt: skip
    pp("pp-intl-law", "Reaffirming further that international law, and in particular the Charter of the United Nations, is applicable and essential to maintaining peace and stability and promoting an open, secure, stable, accessible and peaceful ICT environment,")  # fmt: skip
    pp("pp-threats", "Concerned by existing and emerging threats to international security arising from the malicious use of information and communications technologies, as described in the threat assessments of the Groups of Governmental Experts and of the open-ended working groups,")  # fmt: skip
    pp("pp-regular-dialogue", "Recalling that the open-ended working group 2019-2021 concluded that any future mechanism for regular institutional dialogue should be an action-oriented process with specific objectives, building on previous outcomes, and be inclusive, transparent, consensus driven and results-based,")  # fmt: skip
    pp("pp-single-track", "Stressing the importance of [avoiding duplication and] preventing the fragmentation of processes[, and of a single, State-led permanent mechanism [under the auspices of the United Nations]],")  # fmt: skip
    pp("pp-consultations", "Welcoming the regional consultations convened in 2023 by the Office for Disarmament Affairs with the African Group, the Organization of American States, the Organization for Security and Co-operation in Europe, the European Union, the Association of Southeast Asian Nations, the Pacific Islands Forum, the Shanghai Cooperation Organization and the League of Arab States,")  # fmt: skip
    pp("pp-capacity", "Recognizing the [urgent] need for [tailored][demand-driven] capacity-building to help States implement the framework and strengthen their resilience,")  # fmt: skip
    pp("pp-stakeholders", "Recognizing also the valuable contribution of stakeholders, including civil society, the private sector, academia and the technical community, which have a responsibility to use information and communications technologies in a manner that does not endanger peace and security,")  # fmt: skip
    pp("pp-women", "Noting the importance of the equal, full and meaningful participation of women in decision-making processes related to the use of information and communications technologies in the context of international security,")  # fmt: skip
    pp("pp-sovereignty", "Reaffirming the principle of State sovereignty and the sovereign equality of States [in the ICT environment][in the information space],")  # fmt: skip

    # -- I. Establishment, scope and objectives
    heading("h-scope", "I. Establishment, scope and objectives")
    op("op-establish", "Decides to [establish][convene] a programme of action to advance responsible State behaviour in the use of information and communications technologies in the context of international security, hereinafter “the Programme of Action”, as a permanent, inclusive and action-oriented mechanism under the auspices of the United Nations;")  # fmt: skip
    op("op-scope", "Decides also that the scope of the Programme of Action shall be matters related to the use of information and communications technologies in the context of international security;")  # fmt: skip
    op("op-objective", "Decides further that the overarching objective of the Programme of Action shall be to contribute to international peace and security and to the prevention of conflict by [supporting/advancing] the implementation [and[, if appropriate,] further development] of the framework for responsible State behaviour;")  # fmt: skip
    op("op-framework-elements", "Affirms that the framework comprises international law, voluntary, non-binding norms of responsible State behaviour, confidence-building measures and capacity-building;")  # fmt: skip
    op("op-declaration", "Decides that the Programme of Action [shall be based on a politically binding declaration, annexed to the present decision][shall be founded on the present decision], which reaffirms the commitment of States to the framework;")  # fmt: skip
    op("op-oewg-outcomes", "Decides also that the Programme of Action shall be open to all States Members of the United Nations and shall build on the consensus outcomes of the open-ended working group 2021-2025;")  # fmt: skip

    # -- II. Structure: a chapeau, five sub-paragraphs, two sub-sub-paragraphs
    heading("h-structure", "II. Structure")
    op("op-comprise", "Decides that the Programme of Action shall comprise:")
    op("op-comprise-a", "Annual meetings of [five][ten] working days, held in New York;", parent="op-comprise")  # fmt: skip
    op("op-comprise-b", "Review conferences, convened every [four][six] years, the first in 20XX;", parent="op-comprise")  # fmt: skip
    op("op-comprise-c", "Technical working groups meeting in the intersessional period, in a hybrid format, on:", parent="op-comprise")  # fmt: skip
    op("op-twg-law", "The application of international law to the use of information and communications technologies;", parent="op-comprise-c")  # fmt: skip
    op("op-twg-capacity", "Capacity-building [and the implementation of norms];", parent="op-comprise-c")  # fmt: skip
    op("op-comprise-d", "A bureau elected on the basis of equitable geographical representation, with a Chair elected annually at the last meeting of each year;", parent="op-comprise")  # fmt: skip
    op("op-comprise-e", "Secretariat support provided by the Office for Disarmament Affairs;", parent="op-comprise")  # fmt: skip
    op("op-annual-meetings", "Decides also that the annual meetings [shall][should] review progress in the implementation of the framework, consider the reports of the technical working groups and adopt decisions and recommendations;")  # fmt: skip
    op("op-review-conf", "Decides further that the review conferences shall review the operation of the Programme of Action and [may][shall] further develop the framework, as appropriate;")  # fmt: skip
    op("op-twg-establish", "Decides that technical working groups shall be established and concluded by decision of an annual meeting, taking into account the capacity and resources of all States, and shall be open to all States wishing to participate;")  # fmt: skip
    op("op-twg-recommendations", "Requests the technical working groups to submit their recommendations to the annual meeting for its consideration;")  # fmt: skip
    op("op-first-meeting", "Decides to convene the first annual meeting in [2027][2028], and an organizational session [no later than three months before it];")  # fmt: skip
    op("op-rules", "Decides that the Programme of Action shall function under the rules of procedure relating to the committees of the General Assembly, with such modifications as it may deem necessary, and that an organizational session shall adopt the agenda and programme of work of the first annual meeting;")  # fmt: skip

    # -- III. Decision-making
    heading("h-decisions", "III. Decision-making")
    op("op-consensus", "Decides that all decisions of the Programme of Action on substantive matters, including its final reports, shall be adopted by consensus;")  # fmt: skip
    op("op-procedural", "Decides also that decisions on procedural matters [shall be taken by consensus][shall be taken by a majority of the States present and voting, after every effort to reach consensus has been exhausted];")  # fmt: skip
    op("op-final-reports", "Decides further that each annual meeting and review conference shall adopt a final report, including an outcome document, to be submitted to the First Committee of the General Assembly at its following session;")  # fmt: skip
    op("op-report-ga", "Decides that the Programme of Action shall remain a First Committee process and shall report annually to the General Assembly;")  # fmt: skip

    # -- IV. Implementation and capacity-building
    heading("h-implementation", "IV. Implementation and capacity-building")
    op("op-national-reports", "Encourages States to submit national implementation reports [every two years][on a regular basis], drawing on the survey of national implementation;")  # fmt: skip
    op("op-unoda-analysis", "Requests the Office for Disarmament Affairs to analyse and synthesize the national implementation reports to identify core capacity challenges, and to present its analysis at each annual meeting;")  # fmt: skip
    op("op-portal", "Requests also the Office for Disarmament Affairs to establish a portal on which States [and other stakeholders] can share implementation reports, working papers and research papers, consolidating rather than duplicating the information available on the websites of the Office and of the United Nations Institute for Disarmament Research;")  # fmt: skip
    op("op-capacity-principles", "Decides that capacity-building under the Programme of Action shall be [demand-driven, tailored to specific needs, gender-sensitive and inclusive][guided by the principles agreed in the 2021 report of the open-ended working group], and that participation in capacity-building programmes shall be voluntary;")  # fmt: skip
    op("op-needs-matching", "Decides also that the annual meetings shall identify capacity-building needs and match them with offers of assistance, in coordination with existing initiatives and avoiding duplication;")  # fmt: skip
    op("op-funding", "[Placeholder for funding arrangements]")
    op("op-sg-report", "Requests the Secretary-General to submit to the General Assembly at its eighty-second session a report on the programme budget implications of the Programme of Action;")  # fmt: skip
    op("op-cbm", "Encourages States to continue to implement the agreed confidence-building measures, including through the global intergovernmental points-of-contact directory;")  # fmt: skip
    op("op-norms-guidance", "Decides that the Programme of Action [shall/should] develop concrete, non-binding guidance on the implementation of norms, rules and principles, threat assessment and cyber-resilience;")  # fmt: skip
    op("op-cross-fora", "Encourages the Programme of Action to draw, within its mandate, on the expertise of other fora, including those representing specific sectors such as health and finance;")  # fmt: skip

    # -- V. Stakeholders
    heading("h-stakeholders", "V. Stakeholders")
    op("op-observers-igo", "Decides that relevant intergovernmental and regional organizations, specialized agencies and other United Nations entities may participate in the meetings of the Programme of Action as observers;")  # fmt: skip
    op("op-observers-ngo", "Decides also that other relevant stakeholders, including non-governmental organizations, the private sector, academia and the technical community, may be accredited as observers upon application, on a non-objection basis, with limited speaking rights;")  # fmt: skip
    op("op-stakeholder-session", "Decides further that at least one session of each annual meeting and review conference shall be dedicated to statements by and discussions with observers and other invited stakeholders;")  # fmt: skip
    op("op-stakeholder-twg", "Invites stakeholders to contribute to the work of the technical working groups[, including through written submissions];")  # fmt: skip
    op("op-state-led", "Reaffirms that the Programme of Action is a State-led process, and that the participation of stakeholders shall be without prejudice to the prerogatives of States;")  # fmt: skip
    op("op-agenda", "Decides to include in the provisional agenda of its eighty-second session the item entitled “Developments in the field of information and telecommunications in the context of international security”.")  # fmt: skip

    clock.set(_ny(2, 2, 18))
    neg.issue_revision(
        "Zero draft",
        RevisionKind.ZERO_DRAFT,
        symbol="A/AC.292/2026/CRP.1",
        note="Based on the national and group contributions pursuant to resolution 77/37.",
    )


def _first_reading(neg: Negotiation, clock: _ScriptClock) -> None:
    """9-13 February: first reading of the zero draft, section by section."""

    # Monday: general statements, the preamble and section I.
    clock.set(_ny(2, 9, 10))
    _all(neg, "pp-7737", _SUPPORT, ["EU", "USA", "GBR", "CHN", "RUS", "JPN", "BRA"])
    neg.state_position("G77", "pp-7737", _SUPPORT, speaker=_G77_CHAIR)
    _prefer(neg, "pp-cumulative", "[future consensus outcomes][the consensus outcomes of the open-ended working group 2021-2025]", {"EU": 1, "USA": 1, "RUS": 2, "CHN": 2})  # fmt: skip
    # The EU proposes to name the bodies of law that apply; the bracket is attributed to it.
    neg.amend(
        "pp-intl-law",
        "Reaffirming further that international law, and in particular the Charter of the United Nations, is applicable and essential to maintaining peace and stability and promoting an open, secure, stable, accessible and peaceful ICT environment[, including international humanitarian law and international human rights law]{EU},",
        by="EU",
    )
    neg.state_position("RUS", "pp-intl-law", _RESERVATION, note="cannot accept an automatic application of international humanitarian law")  # fmt: skip
    neg.state_position("CUB", "pp-intl-law", _STUDY)
    # AOSIS adds small island developing States; the Chair's options stay.
    neg.amend(
        "pp-capacity",
        "Recognizing the [urgent] need for [tailored][demand-driven] capacity-building to help States implement the framework and strengthen their resilience[, in particular in developing countries and small island developing States]{AOSIS},",
        by="AOSIS",
    )
    neg.state_position("AOSIS", "pp-capacity", _SUPPORT, speaker=_AOSIS_CHAIR)
    _prefer(neg, "pp-sovereignty", "[in the ICT environment][in the information space]", {"EU": 1, "USA": 1, "AUS": 1, "RUS": 2, "CHN": 2, "IRN": 2})  # fmt: skip
    _all(neg, "pp-women", _SUPPORT, ["CAN", "NZL", "MEX", "CHL"])
    neg.state_position("VAT", "pp-women", PositionKind.EXPLANATION, note="explanation of position, delivered in the observers' segment")  # fmt: skip

    clock.set(_ny(2, 9, 15))
    _prefer(neg, "op-establish", "[establish][convene]", {"EU": 1, "USA": 1, "FRA": 1, "EGY": 1, "RUS": 2, "IRN": 2})  # fmt: skip
    neg.state_position("BRA", "op-establish", _CAN_LIVE_WITH)
    # The United States supports the scope as drafted; the Russian amendment that follows makes
    # that support stale: it was stated on a wording that no longer exists.
    _all(neg, "op-scope", _SUPPORT, ["USA", "GBR"])
    neg.amend(
        "op-scope",
        "Decides also that the scope of the Programme of Action shall be matters related to the use of information and communications technologies in the context of international security[, including existing and potential threats in the information space]{RUS};",
        by="RUS",
    )
    _prefer(neg, "op-objective", "[supporting/advancing]", {"EU": 1, "CHE": 1, "RUS": 2})
    neg.amend(
        "op-framework-elements",
        "Affirms that the framework comprises international law, voluntary, non-binding norms of responsible State behaviour, confidence-building measures and capacity-building[, and that nothing in the Programme of Action shall prejudge the development of additional legally binding obligations]{RUS, CHN};",
        by="RUS",
    )
    _all(neg, "op-framework-elements", _SUPPORT, ["RUS", "CHN", "NIC"])
    _prefer(neg, "op-declaration", "[shall be based on a politically binding declaration, annexed to the present decision][shall be founded on the present decision]", {"FRA": 1, "EU": 1, "RUS": 2, "CHN": 2, "IND": 2})  # fmt: skip
    neg.state_position("HUN", "op-declaration", _CAN_LIVE_WITH, note="national position: flexible on the form")  # fmt: skip

    # Tuesday: section II.
    clock.set(_ny(2, 10, 10))
    _prefer(neg, "op-comprise-a", "[five][ten]", {"EU": 1, "ZAF": 1, "USA": 1})
    _prefer(neg, "op-comprise-b", "[four][six]", {"EU": 1, "FRA": 1, "RUS": 2})
    # India brackets the hybrid format: a bracket in the chapeau (c) keeps (i) and (ii) pending.
    _bracket(neg, "op-comprise-c", ", in a hybrid format,", by="IND")
    neg.propose(
        "Confidence-building measures, including the points-of-contact directory;",
        by="KOR",
        parent="op-comprise-c",
        paragraph_id="op-twg-cbm",
    )
    neg.amend(
        "op-comprise-e",
        "Secretariat support provided by the Office for Disarmament Affairs[, in cooperation with the United Nations Institute for Disarmament Research]{FRA};",
        by="FRA",
    )
    _prefer(neg, "op-annual-meetings", "[shall][should]", {"EU": 1, "USA": 1, "RUS": 2})
    neg.state_position("DEU", "op-review-conf", _SUPPORT)
    neg.state_position("AOSIS", "op-twg-establish", _SUPPORT, speaker=_AOSIS_CHAIR)
    _prefer(neg, "op-first-meeting", "[2027][2028]", {"USA": 1, "EU": 1})
    neg.state_position(
        "G77", "op-first-meeting", _SUPPORT, element=1, preferred_option=2, speaker=_G77_CHAIR
    )
    # Singapore proposes a new paragraph after 12: it becomes "12 bis".
    neg.propose(
        "Decides that the Programme of Action may hold intersessional informal meetings, including in a hybrid format, to facilitate the participation of experts from capitals[, in particular from developing countries]{AGN};",
        by="SGP",
        after="op-first-meeting",
        paragraph_id="op-intersessional",
    )
    _all(neg, "op-intersessional", _SUPPORT, ["SGP", "IDN", "MYS"])
    neg.state_position("CHE", "op-rules", _SUPPORT)

    # Wednesday: section III.
    clock.set(_ny(2, 11, 10))
    _all(neg, "op-consensus", _SUPPORT, ["EU", "USA", "RUS", "CHN", "IND", "BRA", "ZAF"])
    neg.state_position("G77", "op-consensus", _SUPPORT, speaker=_G77_CHAIR)
    _prefer(neg, "op-procedural", "[shall be taken by consensus][shall be taken by a majority of the States present and voting, after every effort to reach consensus has been exhausted]", {"RUS": 1, "IRN": 1, "CHN": 1, "PAK": 1, "USA": 2, "GBR": 2, "EU": 2})  # fmt: skip

    # Thursday: section IV.
    clock.set(_ny(2, 12, 10))
    neg.amend(
        "op-national-reports",
        "Encourages States to submit national implementation reports [every two years][on a regular basis], drawing on the survey of national implementation[ and a harmonized template]{AUS, MEX};",
        by="AUS",
    )
    # The Group of 77 and China objects; Chile, a member, states its own support, which wins
    # for Chile. Both positions become stale when Rev.1 rewrites the paragraph.
    neg.state_position("G77", "op-national-reports", _OBJECTION, note="reporting must remain voluntary", speaker=_G77_CHAIR)  # fmt: skip
    _all(neg, "op-national-reports", _SUPPORT, ["CHL", "MEX", "DNK", "AUS"])
    _prefer(neg, "op-capacity-principles", "[demand-driven, tailored to specific needs, gender-sensitive and inclusive][guided by the principles agreed in the 2021 report of the open-ended working group]", {"EU": 1, "ZAF": 1, "RUS": 2})  # fmt: skip
    neg.state_position("AGN", "op-capacity-principles", _SUPPORT, element=1, preferred_option=1, speaker=_AGN_CHAIR)  # fmt: skip
    neg.state_position("KEN", "op-funding", _SUPPORT, note="predictable funding from the regular budget")  # fmt: skip
    neg.state_position("USA", "op-portal", _RESERVATION, note="budget implications")
    neg.state_position("RUS", "op-portal", _OBJECTION)
    neg.state_position("ARE", "op-unoda-analysis", _SUPPORT)
    _all(neg, "op-needs-matching", _SUPPORT, ["ARG", "COL"])
    _all(neg, "op-cbm", _SUPPORT, ["JPN", "KOR"])
    _all(neg, "op-cross-fora", _SUPPORT, ["CHE", "NOR"])
    _prefer(neg, "op-norms-guidance", "[shall/should]", {"EU": 1, "RUS": 2})

    # Friday: section V; the observers take the floor after the States.
    clock.set(_ny(2, 13, 10))
    # Iran objects to the observers paragraph as drafted; Rev.1 rewrites it and Iran does not
    # restate its objection: the objection is stale and no longer blocks.
    neg.state_position("IRN", "op-observers-igo", _OBJECTION, note="the list of entities is open-ended")  # fmt: skip
    neg.amend(
        "op-observers-ngo",
        "Decides also that other relevant stakeholders, including non-governmental organizations, the private sector, academia and the technical community, may be accredited as observers upon application, on a non-objection basis[, the objecting State informing the Chair of the general basis of its objection]{EU}, with limited speaking rights;",
        by="EU",
    )
    _all(neg, "op-observers-ngo", _SUPPORT, ["EU", "EST", "NLD", "GBR"])
    neg.state_position("RUS", "op-observers-ngo", _OBJECTION, element=1)
    _all(neg, "op-state-led", _SUPPORT, ["RUS", "EGY", "CUB", "SAU"])
    clock.set(_ny(2, 13, 15))
    _all(neg, "op-stakeholder-session", _SUPPORT, ["CyberPeace", "Microsoft", "ChathamHouse", "ICANN"])  # fmt: skip
    _all(neg, "op-observers-igo", _SUPPORT, ["ICRC", "ITU", "OAS"])
    _all(neg, "op-agenda", _SUPPORT, ["EU", "RUS"])


def _revision_1(neg: Negotiation, clock: _ScriptClock) -> None:
    """6 March: the Chair streamlines the text into Rev.1."""
    clock.set(_ny(3, 6, 9))
    _resolve(neg, "pp-framework", "[of 2010, 2013, 2015 and 2021]", "accept")
    _resolve(neg, "pp-single-track", "[avoiding duplication and]", "accept")
    _resolve(neg, "pp-capacity", "[urgent]", "delete")
    _resolve(neg, "pp-capacity", "[tailored][demand-driven]", "choose", option=2)
    # AOSIS's preambular paragraph on small island developing States: "PP9 bis".
    neg.propose(
        "Recognizing the particular challenges faced by small island developing States and least developed countries in building resilience against malicious ICT activities,",
        by="AOSIS",
        kind=_PP,
        after="pp-capacity",
        paragraph_id="pp-sids",
    )
    _resolve(neg, "op-establish", "[establish][convene]", "choose", option=1)
    _resolve(neg, "op-comprise-a", "[five][ten]", "choose", option=1)
    _resolve(neg, "op-twg-capacity", "[and the implementation of norms]", "accept")
    _resolve(neg, "op-comprise-e", "[, in cooperation with the United Nations Institute for Disarmament Research]{FRA}", "accept")  # fmt: skip
    _resolve(neg, "op-annual-meetings", "[shall][should]", "choose", option=1)
    _resolve(neg, "op-first-meeting", "[no later than three months before it]", "accept")
    # The rules of procedure and the organizational session become 13 and 13 bis.
    neg.split(
        "op-rules",
        [
            "Decides that the Programme of Action shall function under the rules of procedure relating to the committees of the General Assembly, with such modifications as it may deem necessary;",
            "Decides also that an organizational session shall adopt the agenda and programme of work of the first annual meeting;",
        ],
        by=_CHAIR,
        new_ids=["op-rules-procedure", "op-org-session"],
    )
    # Voluntary reporting, in the Chair's words: the G77 objection and the supports are stale.
    neg.amend(
        "op-national-reports",
        "Encourages States to submit, on a voluntary basis, national implementation reports [every two years][on a regular basis], drawing on the survey of national implementation[ and a harmonized template]{AUS, MEX};",
        by=_CHAIR,
    )
    neg.amend(
        "op-observers-igo",
        "Decides that relevant intergovernmental and regional organizations and United Nations entities that have received a standing invitation to participate as observers in the sessions of the General Assembly may participate in the meetings of the Programme of Action as observers;",
        by=_CHAIR,
    )
    # The first review conference: the proposals of the EU and of the Group of 77 and China
    # from the first reading, side by side as named options after paragraph 9.
    neg.propose(
        "Decides that the first review conference shall assess the effectiveness of the Programme of Action, including its structure and working methods;",
        by=_CHAIR,
        label="9 bis",
        after="op-review-conf",
        paragraph_id="op-review-assess",
    )
    neg.propose(
        "Decides also that the review conferences may decide on adjustments to the structure and working methods of the Programme of Action on the basis of that assessment;",
        by=_CHAIR,
        label="9 ter",
        after="op-review-assess",
        paragraph_id="op-review-adjust",
    )
    neg.propose(
        "Decides that the first review conference shall assess, in particular, the delivery of capacity-building under the Programme of Action and the adequacy of the resources available to developing countries;",
        by=_CHAIR,
        label="9 bis",
        after="op-review-adjust",
        paragraph_id="op-review-capacity",
    )
    neg.define_options(
        "opt-review",
        [
            ("Option 1", ["op-review-assess", "op-review-adjust"], ["EU"]),
            ("Option 2", ["op-review-capacity"], ["G77"]),
        ],
        by=_CHAIR,
    )
    # "State-led" opens the section on stakeholders, as the G77 asked. The Chair's office does
    # not renumber: the paragraph takes a Latin suffix after its new predecessor, 27.
    neg.move("op-state-led", after="h-stakeholders", by=_CHAIR)
    neg.relabel("op-state-led", "27 bis", by=_CHAIR)
    clock.set(_ny(3, 6, 17))
    neg.issue_revision("Rev.1", symbol="A/AC.292/2026/CRP.1/Rev.1")


# Paragraphs agreed in informals during the second reading, which no later revision touches.
_AGREED_IN_MARCH: Final = (
    "pp-7737",
    "pp-regular-dialogue",
    "pp-consultations",
    "pp-women",
    "op-oewg-outcomes",
    "op-comprise",
    "op-twg-law",
    "op-twg-capacity",
    "op-comprise-d",
    "op-annual-meetings",
    "op-twg-establish",
    "op-consensus",
    "op-final-reports",
    "op-report-ga",
    "op-unoda-analysis",
    "op-needs-matching",
    "op-cbm",
    "op-cross-fora",
    "op-agenda",
)


def _second_reading(neg: Negotiation, clock: _ScriptClock) -> None:
    """16-20 March: second reading of Rev.1 in informal consultations."""
    clock.set(_ny(3, 16, 10))
    neg.state_position("RUS", "op-establish", _CAN_LIVE_WITH, note="joins consensus on 'establish'")  # fmt: skip
    _all(neg, "op-establish", _SUPPORT, ["EU", "USA", "EGY"])
    neg.state_position("G77", "op-national-reports", _SUPPORT, note="can support voluntary reporting", speaker=_G77_CHAIR)  # fmt: skip
    _all(neg, "op-annual-meetings", _CAN_LIVE_WITH, ["RUS"])
    _all(neg, "op-comprise-e", _SUPPORT, ["FRA", "EU"])
    _all(neg, "pp-sids", _SUPPORT, ["AOSIS", "LDC"])
    # The options on the first review conference: each side supports its own.
    _all(neg, "op-review-assess", _SUPPORT, ["EU", "USA", "JPN"])
    _all(neg, "op-review-adjust", _SUPPORT, ["EU", "USA"])
    neg.state_position("RUS", "op-review-adjust", _STUDY, note="studying the powers of the review conferences")  # fmt: skip
    neg.state_position("G77", "op-review-capacity", _SUPPORT, speaker=_G77_CHAIR)
    neg.state_position("AGN", "op-review-capacity", _SUPPORT, speaker=_AGN_CHAIR)
    # The Group of 77 and China asks for a trust fund; the EU prefers existing mechanisms, and
    # the United States wants no new fund at all. Rev.2 puts the three views as options.
    # The Chair records what the room agreed, paragraph by paragraph.
    clock.set(_ny(3, 20, 16))
    _rule(neg, RulingKind.AGREED_IN_INFORMALS, _AGREED_IN_MARCH)


def _revision_2(neg: Negotiation, clock: _ScriptClock) -> None:
    """24 April: Rev.2 merges, deletes, fills the placeholder and defines a package."""
    clock.set(_ny(4, 24, 9))
    _resolve(neg, "pp-cumulative", "[future consensus outcomes][the consensus outcomes of the open-ended working group 2021-2025]", "choose", option=2)  # fmt: skip
    neg.merge(
        ["pp-framework", "pp-cumulative"],
        "Reaffirming the framework for responsible State behaviour in the use of information and communications technologies, agreed in the reports of the Groups of Governmental Experts of 2010, 2013, 2015 and 2021 and of the open-ended working group 2019-2021, which is cumulative and evolving and to which the consensus outcomes of the open-ended working group 2021-2025 will add,",
        by=_CHAIR,
        new_id="pp-framework-cumulative",
    )
    _resolve(neg, "pp-single-track", "[, and of a single, State-led permanent mechanism [under the auspices of the United Nations]]", "accept")  # fmt: skip
    _resolve(neg, "pp-single-track", "[under the auspices of the United Nations]", "accept")
    _resolve(neg, "pp-capacity", "[, in particular in developing countries and small island developing States]{AOSIS}", "accept")  # fmt: skip
    _resolve(neg, "op-scope", "[, including existing and potential threats in the information space]{RUS}", "delete")  # fmt: skip
    _resolve(neg, "op-objective", "[supporting/advancing]", "choose", option=1)
    _resolve(neg, "op-objective", "[and[, if appropriate,] further development]", "accept")
    _resolve(neg, "op-objective", "[, if appropriate,]", "accept")
    _resolve(neg, "op-declaration", "[shall be based on a politically binding declaration, annexed to the present decision][shall be founded on the present decision]", "choose", option=2)  # fmt: skip
    _resolve(neg, "op-comprise-b", "[four][six]", "choose", option=1)
    _resolve(neg, "op-comprise-c", "[, in a hybrid format,]", "accept")
    _resolve(neg, "op-review-conf", "[may][shall]", "choose", option=1)
    # The review conference: the Chair keeps Option 1 and folds the G77's concern into it.
    neg.choose_option("opt-review", "Option 1", by=_CHAIR)
    neg.amend(
        "op-review-assess",
        "Decides that the first review conference shall assess the effectiveness of the Programme of Action, including its structure, its working methods and its capacity-building;",
        by=_CHAIR,
    )
    _resolve(neg, "op-intersessional", "[, in particular from developing countries]{AGN}", "accept")  # fmt: skip
    # The Chair's compromise on procedural matters: the rules of the GA committees.
    _resolve(neg, "op-procedural", "[shall be taken by consensus][shall be taken by a majority of the States present and voting, after every effort to reach consensus has been exhausted]", "choose", option=2)  # fmt: skip
    _resolve(neg, "op-national-reports", "[every two years][on a regular basis]", "choose", option=2)  # fmt: skip
    _resolve(neg, "op-national-reports", "[ and a harmonized template]{AUS, MEX}", "accept")
    neg.delete("op-portal", by=_CHAIR)  # covered by the analysis of the national reports
    _resolve(neg, "op-capacity-principles", "[demand-driven, tailored to specific needs, gender-sensitive and inclusive][guided by the principles agreed in the 2021 report of the open-ended working group]", "choose", option=1)  # fmt: skip
    # The trust fund: two paragraphs of the G77, one of the EU, or no text (United States).
    neg.propose(
        "Decides to establish a voluntary trust fund for capacity-building under the Programme of Action, administered by the Office for Disarmament Affairs, to support in particular the participation of experts from developing countries;",
        by=_CHAIR,
        label="22 bis",
        after="op-needs-matching",
        paragraph_id="op-trust-fund",
    )
    neg.propose(
        "Requests the Secretary-General to report to each annual meeting on the contributions to the trust fund and on their use;",
        by=_CHAIR,
        label="22 ter",
        after="op-trust-fund",
        paragraph_id="op-trust-fund-report",
    )
    neg.propose(
        "Encourages States in a position to do so to support capacity-building through existing mechanisms and initiatives, in coordination with the Office for Disarmament Affairs and avoiding duplication;",
        by=_CHAIR,
        label="22 bis",
        after="op-trust-fund-report",
        paragraph_id="op-existing-mechanisms",
    )
    neg.define_options(
        "opt-trust-fund",
        [
            ("Option 1", ["op-trust-fund", "op-trust-fund-report"], ["G77"]),
            ("Option 2", ["op-existing-mechanisms"], ["EU"]),
            ("Option 3", [], ["USA"]),  # no text
        ],
        by=_CHAIR,
    )
    # The placeholder is filled with the two funding models still on the table.
    _resolve(
        neg,
        "op-funding",
        "[Placeholder for funding arrangements]",
        "fill",
        text="Decides that the activities of the Programme of Action shall be funded [from the regular budget of the United Nations][from voluntary contributions]{EU};",
    )
    _resolve(neg, "op-norms-guidance", "[shall/should]", "choose", option=2)
    _resolve(neg, "op-observers-ngo", "[, the objecting State informing the Chair of the general basis of its objection]{EU}", "accept")  # fmt: skip
    _resolve(neg, "op-stakeholder-twg", "[, including through written submissions]", "accept")
    # Funding and the report on budget implications are agreed together or not at all.
    neg.define_package("pkg-funding", ["op-funding", "op-sg-report"], by=_CHAIR)
    clock.set(_ny(4, 24, 17))
    neg.issue_revision("Rev.2", symbol="A/AC.292/2026/CRP.1/Rev.2")


def _first_silence(neg: Negotiation, clock: _ScriptClock) -> None:
    """28 April - 5 May: two stakeholder paragraphs under silence; Iran breaks it."""
    clock.set(_ny(4, 28, 12))
    neg.start_silence(
        "silence-stakeholders",
        deadline=_ny(5, 5, 12),
        paragraph_ids=["op-observers-ngo", "op-stakeholder-twg"],
    )
    clock.set(_ny(5, 4, 16))
    neg.break_silence(
        "silence-stakeholders",
        "IRN",
        note="cannot accept an obligation to explain objections to accreditation",
    )


# Paragraphs agreed in informals at the third session (their Rev.2 wording is final).
_AGREED_IN_JUNE: Final = (
    "pp-framework-cumulative",
    "pp-single-track",
    "pp-capacity",
    "pp-sids",
    "op-establish",
    "op-scope",
    "op-objective",
    "op-declaration",
    "op-comprise-a",
    "op-comprise-c",
    "op-twg-cbm",
    "op-comprise-e",
    "op-review-conf",
    "op-review-assess",
    "op-review-adjust",
    "op-intersessional",
    "op-rules-procedure",
    "op-org-session",
    "op-national-reports",
    "op-norms-guidance",
    "op-sg-report",
    "op-stakeholder-twg",
)


def _third_session(neg: Negotiation, clock: _ScriptClock) -> None:
    """1-5 June: third session on Rev.2; agreements, objections and one reopening."""
    clock.set(_ny(6, 1, 10))
    # The G77 supports the preamble on threats; China, a member, enters its own study
    # reservation, which wins for China and keeps the paragraph pending.
    neg.state_position("G77", "pp-threats", _SUPPORT, speaker=_G77_CHAIR)
    neg.state_position("CHN", "pp-threats", _STUDY, note="reviewing the reference to threat assessments")  # fmt: skip
    # The attributed bracket on legally binding obligations: formal objections.
    element = _element(neg, "op-framework-elements", "[, and that nothing in the Programme of Action shall prejudge the development of additional legally binding obligations]{RUS, CHN}")  # fmt: skip
    for code in ("USA", "AUS"):
        neg.state_position(code, "op-framework-elements", _OBJECTION, element=element, note="no mandate to negotiate a treaty")  # fmt: skip
    # Majority voting on procedural matters: formal objections by Russia and Iran.
    neg.state_position("RUS", "op-procedural", _OBJECTION, note="all decisions must be taken by consensus")  # fmt: skip
    neg.state_position("IRN", "op-procedural", _OBJECTION)
    neg.state_position("CHN", "op-procedural", _RESERVATION)
    _all(neg, "op-procedural", _SUPPORT, ["USA", "GBR", "EU"])

    clock.set(_ny(6, 2, 10))
    _prefer(neg, "op-funding", "[from the regular budget of the United Nations][from voluntary contributions]{EU}", {"EU": 2, "USA": 2})  # fmt: skip
    neg.state_position(
        "G77", "op-funding", _SUPPORT, element=1, preferred_option=1, speaker=_G77_CHAIR
    )
    neg.state_position("BRA", "op-first-meeting", _AWAITING, note="the year depends on the budget cycle")  # fmt: skip
    neg.state_position("AGN", "op-capacity-principles", _SUPPORT, speaker=_AGN_CHAIR)
    neg.state_position("AOSIS", "op-twg-establish", _RESERVATION, note="small delegations cannot follow parallel working groups", speaker=_AOSIS_CHAIR)  # fmt: skip
    # The Chair's wording on the review conference satisfies the G77; Russia joins consensus.
    neg.state_position("G77", "op-review-assess", _SUPPORT, speaker=_G77_CHAIR)
    _all(neg, "op-review-assess", _SUPPORT, ["EU", "USA"])
    neg.state_position("RUS", "op-review-adjust", _CAN_LIVE_WITH)
    # The trust fund: the options stay apart. The United States would rather have no text.
    for code, speaker in (("G77", _G77_CHAIR), ("AGN", _AGN_CHAIR), ("AOSIS", _AOSIS_CHAIR)):
        neg.state_position(code, "op-trust-fund", _SUPPORT, speaker=speaker)
    neg.state_position("G77", "op-trust-fund-report", _SUPPORT, speaker=_G77_CHAIR)
    _all(neg, "op-existing-mechanisms", _SUPPORT, ["EU", "GBR", "JPN"])
    neg.state_position("USA", "op-trust-fund", _RESERVATION, note="prefers Option 3 (no text): no new fund with budget implications")  # fmt: skip

    clock.set(_ny(6, 4, 11))
    # AOSIS asks to reopen a paragraph agreed in March.
    neg.rule("op-twg-establish", RulingKind.REOPENED, note="at the request of AOSIS")
    clock.set(_ny(6, 5, 16))
    _rule(neg, RulingKind.AGREED_IN_INFORMALS, _AGREED_IN_JUNE)


def _revision_3(neg: Negotiation, clock: _ScriptClock) -> None:
    """19 June: Rev.3, with the Chair's compromise on observers and on international law."""
    clock.set(_ny(6, 19, 9))
    neg.amend(
        "op-observers-ngo",
        "Decides also that other relevant stakeholders, including non-governmental organizations, the private sector, academia and the technical community, may be accredited as observers upon application, on a non-objection basis and through a transparent process, with limited speaking rights;",
        by=_CHAIR,
    )
    neg.amend(
        "pp-intl-law",
        "Reaffirming further that international law, and in particular the Charter of the United Nations in its entirety, is applicable and essential to maintaining peace and stability and promoting an open, secure, stable, accessible and peaceful ICT environment[, including international humanitarian law and international human rights law, as applicable]{EU},",
        by=_CHAIR,
    )
    # The options on the trust fund stay as they are: no option has won the room.
    clock.set(_ny(6, 19, 17))
    neg.issue_revision("Rev.3", symbol="A/AC.292/2026/CRP.1/Rev.3")


def _second_silence(neg: Negotiation, clock: _ScriptClock) -> None:
    """22-29 June: four paragraphs under silence; it holds."""
    silenced = ["pp-stakeholders", "op-state-led", "op-observers-igo", "op-stakeholder-session"]
    clock.set(_ny(6, 22, 12))
    neg.start_silence("silence-participation", deadline=_ny(6, 29, 18), paragraph_ids=silenced)
    # An NGO objects to "State-led" and tries to break silence: neither counts.
    clock.set(_ny(6, 23, 11))
    neg.state_position("CyberPeace", "op-state-led", _OBJECTION, note="stakeholders are more than guests")  # fmt: skip
    clock.set(_ny(6, 24, 9))
    neg.break_silence("silence-participation", "Microsoft", note="asks for full speaking rights")
    # Cuba writes the morning after the deadline: too late to break silence.
    clock.set(_ny(6, 30, 9))
    neg.break_silence("silence-participation", "CUB", note="letter received after the deadline")


def _final_informals(neg: Negotiation, clock: _ScriptClock) -> None:
    """6-10 July: the last informal consultations; most of the text is confirmed."""
    clock.set(_ny(7, 6, 10))
    # The compromise on observers: Iran and Russia join consensus, on the Rev.3 wording.
    _all(neg, "op-observers-ngo", _CAN_LIVE_WITH, ["IRN", "RUS"])
    _all(neg, "op-observers-ngo", _SUPPORT, ["EU", "USA", "MEX"])
    neg.state_position("AGN", "op-observers-ngo", _SUPPORT, speaker=_AGN_CHAIR)
    neg.rule("op-observers-ngo", RulingKind.AGREED_IN_INFORMALS)
    # Egypt, although the African Group supports, awaits instructions: agreed ad referendum.
    clock.set(_ny(7, 8, 11))
    neg.state_position("EGY", "op-capacity-principles", _AWAITING)
    neg.rule("op-capacity-principles", RulingKind.AGREED_AD_REFERENDUM, note="pending Egypt's confirmation")  # fmt: skip
    # Positions restated on the Rev.3 wording of international law: the bracket stays.
    neg.state_position("EU", "pp-intl-law", _SUPPORT)
    neg.state_position("RUS", "pp-intl-law", _RESERVATION, element=1)
    # Support for the working groups' recommendations, which the Chair has not ruled on yet: the
    # paragraph is ready for consensus, not declared agreed.
    _all(neg, "op-twg-recommendations", _SUPPORT, ["CHE", "SGP", "KEN"])
    # The trust fund: Kenya joins Option 1 and Canada Option 2; the options stay open, to be
    # settled with the funding of the Programme of Action.
    neg.state_position("KEN", "op-trust-fund", _SUPPORT)
    neg.state_position("CAN", "op-existing-mechanisms", _SUPPORT)
    # The Chair confirms what was agreed in March and in June.
    clock.set(_ny(7, 10, 15))
    confirmed = [pid for pid in _AGREED_IN_MARCH if pid != "op-twg-establish"]
    confirmed += ["pp-framework-cumulative", "op-establish", "op-declaration", "op-national-reports"]  # fmt: skip
    _rule(neg, RulingKind.CONFIRMED, confirmed)
