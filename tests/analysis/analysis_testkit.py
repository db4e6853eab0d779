"""A small negotiation whose metrics are computed by hand, for the analysis tests.

Four paragraphs in the zero draft, a fifth proposed by Brazil before Rev.2; three revisions and
events after the last one (the ``current`` checkpoint); five Member States.

Events, in order (all in March 2025, UTC)::

    1 10:00  p1 PP1 "Recalling its resolution 77/37,"                                 (Chair)
    1 10:01  p2 1   "Decides to [establish][convene] a programme of action;"          (Chair)
    1 10:02  p3 2   "Requests the Secretariat to [support]{USA} the programme
                     [Placeholder for budget];"                                        (Chair)
    1 10:03  p4 3   "Invites States to report annually."                               (Chair)
    2 09:00  Zero draft
    3        FRA, USA prefer option 1 of p2's alternatives; RUS, CHN option 2
    3 11:00  RUS brackets "annually" in p4 (p4 becomes version 2)
    3 12:00  RUS objects to p4; USA and FRA support p4 (all on version 2)
    3 13:00  CHN reservation on p3; 3 14:00 BRA supports p1
    4        Chair: p1 agreed in informals
    10 09:00 Rev.1
    11       Chair: p2 choose option 1 ("establish"), p2 version 2;
             p3 accept [support]{USA}, p3 version 2 (CHN's reservation becomes stale)
    12       BRA proposes p5 "Decides to review progress in 2030." (label 4)
    13       USA and RUS support p2 (version 2); 14: Chair: p2 agreed in informals
    20 09:00 Rev.2
    21       Chair fills p3's placeholder "with existing resources" (version 3);
    21 11:00 CHN study reservation on p3 (version 3)
    22       Chair accepts p4's bracket (version 3: RUS's objection becomes stale)
    23 10:00 Chair: p1 confirmed  -> the "current" checkpoint, at this moment

Status of each paragraph at each checkpoint (oewg rules; "ready" = consensus_ready)::

              Zero draft      Rev.1              Rev.2              current
    p1 PP1    ready           agreed (informals) agreed (informals) confirmed
    p2 1      pending (1)     pending (1)        agreed (informals) agreed (informals)
    p3 2      pending (2)     pending (2)        pending (1)        pending (0, reservation)
    p4 3      ready (0)       blocked (1, RUS)   blocked (1, RUS)   ready (0)
    p5 4      -               -                  ready              ready

(n) = open contested elements. Totals of brackets: 0+1+2+0 = 3; 0+1+2+1 = 4; 0+0+1+1+0 = 2;
0. Agreed: 2 (p1, p4); 1 (p1); 3 (p1, p2, p5); 4 (p1, p2, p4, p5).

Words (plain text: no bracket markers, no attributions; alternatives read "establish /
convene"):

- Zero draft, against nothing: p1 5 words (Recalling its resolution 77 37), p2 8, p3 10
  (the attribution "USA" is not a word), p4 5: 28 inserted, 4 paragraphs changed.
- Rev.1: "annually" -> "[annually]" is no change of words: 0 words, 0 paragraphs changed.
- Rev.2: p2 loses "convene" (1 deleted); p3 accepting [support]{USA} changes no word; p5 is new
  (Decides to review progress in 2030: 6 inserted): 6 + 1 = 7 words, 2 paragraphs changed
  (p2 and p5; p3's plain text is unchanged).
- current: p3 "Placeholder for budget" -> "with existing resources" (3 deleted, 3 inserted);
  p4 accepting its bracket changes no word: 6 words, 1 paragraph changed.

Consensus (the first checkpoint from which the paragraph is agreed at every later one):

- p1: Zero draft (0 revisions); 23 hours after 1 March 10:00; version 1.
- p2: Rev.2 (2 revisions); 20 March 09:00 - 1 March 10:01 = 18 days 22:59; version 2.
- p3: never.
- p4: agreed at the zero draft, then blocked: consensus at ``current`` (3 revisions);
  23 March 10:00 - 1 March 10:03 = 21 days 23:57; version 3.
- p5: Rev.2 (0 revisions: agreed when first circulated); 20 March 09:00 - 12 March 10:00 =
  7 days 23:00; version 1.

Holdings: USA holds a bracket on p3 (attribution) at Zero draft and Rev.1 (2); RUS a bracket on
p4 (inserted) at Rev.1 and Rev.2 (2) and an objection on p4 at Rev.1 and Rev.2 (2); CHN a
reservation on p3 at Rev.1 and at current, not at Rev.2 where it is stale (2, still held).

Questions and sides (paragraph, version, element): (p2, 1, 1): FRA, USA option 1; RUS, CHN
option 2. (p4, 2, -): RUS against; USA, FRA for. (p2, 2, -): USA, RUS for. (p1, 1, -): BRA
for. (p3, 1, -) and (p3, 3, -): CHN reserved. Pairs (shared, agreed): CHN-FRA (1, 0), CHN-RUS
(1, 1), CHN-USA (1, 0), FRA-RUS (2, 0), FRA-USA (2, 2), RUS-USA (3, 1).
"""

from __future__ import annotations

import datetime as dt

from consensus_text.history import Negotiation

UTC = dt.UTC


def t(day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment of March 2025, UTC."""
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=UTC)


def build_small_negotiation() -> Negotiation:
    """The negotiation described in the module's docstring."""
    neg = Negotiation.create("Small declaration", symbol="A/TEST/1", at=t(1, 9))
    p1 = neg.propose(
        "Recalling its resolution 77/37,", by="Chair", kind="preambular", at=t(1, 10, 0)
    )
    p2 = neg.propose(
        "Decides to [establish][convene] a programme of action;", by="Chair", at=t(1, 10, 1)
    )
    p3 = neg.propose(
        "Requests the Secretariat to [support]{USA} the programme [Placeholder for budget];",
        by="Chair",
        at=t(1, 10, 2),
    )
    p4 = neg.propose("Invites States to report annually.", by="Chair", at=t(1, 10, 3))
    neg.issue_revision("Zero draft", "zero_draft", at=t(2, 9))

    for code, option in (("FRA", 1), ("USA", 1), ("RUS", 2), ("CHN", 2)):
        neg.state_position(code, p2, "support", element=1, preferred_option=option, at=t(3))
    start = neg.paragraph(p4).text.index("annually")
    neg.bracket(p4, start, start + len("annually"), by="RUS", at=t(3, 11))
    neg.state_position("RUS", p4, "objection", at=t(3, 12))
    neg.state_position("USA", p4, "support", at=t(3, 12))
    neg.state_position("FRA", p4, "support", at=t(3, 12))
    neg.state_position("CHN", p3, "reservation", at=t(3, 13))
    neg.state_position("BRA", p1, "support", at=t(3, 14))
    neg.rule(p1, "agreed_in_informals", at=t(4))
    neg.issue_revision("Rev.1", at=t(10, 9))

    neg.resolve(p2, 1, how="choose", option=1, by="Chair", at=t(11))
    neg.resolve(p3, 1, how="accept", by="Chair", at=t(11))
    neg.propose("Decides to review progress in 2030.", by="BRA", at=t(12), paragraph_id="p5")
    neg.state_position("USA", p2, "support", at=t(13))
    neg.state_position("RUS", p2, "support", at=t(13))
    neg.rule(p2, "agreed_in_informals", at=t(14))
    neg.issue_revision("Rev.2", at=t(20, 9))

    neg.resolve(p3, 1, how="fill", text="with existing resources", by="Chair", at=t(21))
    neg.state_position("CHN", p3, "study_reservation", at=t(21, 11))
    neg.resolve(p4, 1, how="accept", by="Chair", at=t(22))
    neg.rule(p1, "confirmed", at=t(23))
    return neg
