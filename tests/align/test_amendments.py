"""Pending amendments: rebasing onto accepted wording, conflicts, history, sub-amendments."""

from __future__ import annotations

import datetime as dt

import pytest

from consensus_text.amendments import (
    Amendment,
    AmendmentChange,
    AmendmentQueue,
    AmendmentStatus,
    rebase,
)
from consensus_text.errors import InvalidEventError, ParagraphNotFoundError, ValidationError
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind

UTC = dt.UTC
T0 = dt.datetime(2025, 7, 1, 10, tzinfo=UTC)
BASE = (
    "Decides that the Programme of Action shall hold annual meetings in New York "
    "and review conferences every four years;"
)


def amendment(aid: str, new_text: str, proposer: str = "EU", **kw: object) -> Amendment:
    base_text = kw.pop("base_text", BASE)
    version = kw.pop("base_version", 1)
    return Amendment(aid, "p1", version, base_text, new_text, proposer=proposer, **kw)  # type: ignore[arg-type]


@pytest.fixture
def queue() -> AmendmentQueue:
    return AmendmentQueue().with_paragraph("p1", BASE)


def test_independent_amendments_both_apply(queue: AmendmentQueue) -> None:
    queue = queue.propose(amendment("a1", BASE.replace("annual", "biennial"), "EU"))
    queue = queue.propose(amendment("a2", BASE.replace("four", "five"), "G77"))
    update = queue.accept("a1", at=T0)
    assert update.text == BASE.replace("annual", "biennial") and update.version == 2
    assert update.conflicts == ()
    a2 = update.queue.amendment("a2")
    assert a2.new_text == BASE.replace("annual", "biennial").replace("four", "five")
    assert (a2.base_version, a2.base_text, a2.revision) == (2, update.text, 2)
    final = update.queue.accept("a2")
    assert final.text == BASE.replace("annual", "biennial").replace("four", "five")
    assert final.version == 3


def test_overlapping_amendments_conflict_and_the_history_keeps_both(
    queue: AmendmentQueue,
) -> None:
    original = amendment("a2", BASE.replace("annual meetings", "annual sessions"), "RUS")
    queue = queue.propose(amendment("a1", BASE.replace("annual", "biennial"), "EU"))
    queue = queue.propose(original)
    update = queue.accept("a1", at=T0)
    [conflict] = update.conflicts
    assert (conflict.amendment_id, conflict.proposer, conflict.paragraph_id) == ("a2", "RUS", "p1")
    assert conflict.base_version == 2 and conflict.base_text == update.text
    assert "annual meetings" in str(conflict) and "revise" in str(conflict)
    q = update.queue
    assert q.status("a2") is AmendmentStatus.CONFLICT
    assert q.conflicts("RUS") == (conflict,) and q.conflicts("EU") == ()
    assert q.pending() == ()
    # Neither dropped nor misapplied: the amendment is kept as proposed, and the text is a1's.
    assert q.amendment("a2") == original
    assert q.text("p1") == BASE.replace("annual", "biennial")
    # The history keeps both amendments, each with every step.
    assert [(r.change, r.status) for r in q.history("a1")] == [
        (AmendmentChange.PROPOSED, AmendmentStatus.PENDING),
        (AmendmentChange.ACCEPTED, AmendmentStatus.ACCEPTED),
    ]
    assert [(r.change, r.cause) for r in q.history("a2")] == [
        (AmendmentChange.PROPOSED, None),
        (AmendmentChange.CONFLICTED, "a1"),
    ]
    assert q.history("a2")[0].amendment == original
    assert q.history("a2")[1].conflict == conflict
    assert len(q) == 2 and [a.id for a in q] == ["a1", "a2"]


def test_a_conflict_is_resolved_by_its_proposer(queue: AmendmentQueue) -> None:
    queue = queue.propose(amendment("a1", BASE.replace("annual", "biennial")))
    queue = queue.propose(amendment("a2", BASE.replace("annual meetings", "annual sessions")))
    q = queue.accept("a1").queue
    with pytest.raises(InvalidEventError, match=r"conflict.*revise"):
        q.accept("a2")
    revised_text = q.text("p1").replace("biennial meetings", "biennial sessions")
    q = q.revise("a2", revised_text, at=T0)
    assert q.status("a2") is AmendmentStatus.PENDING and q.conflicts() == ()
    a2 = q.amendment("a2")
    assert (a2.base_version, a2.revision) == (2, 2)
    assert [r.change for r in q.history("a2")][-1] is AmendmentChange.REVISED
    assert q.accept("a2").text == revised_text


def test_rebase_results() -> None:
    a = amendment("a1", BASE.replace("four", "five"))
    same = rebase(a, BASE, 2)
    assert same.ok and same.amendment is not None
    assert (same.amendment.base_version, same.amendment.new_text) == (2, a.new_text)
    done = rebase(a, a.new_text, 2)
    assert not done.ok and done.conflict is not None and done.conflict.incorporated
    assert "already incorporated" in str(done.conflict)
    clash = rebase(a, BASE.replace("every four years", "every three years"), 2)
    assert not clash.ok and clash.conflict is not None and clash.conflict.hunks
    assert clash.original == a


def test_identical_proposals_flag_the_second_as_incorporated(queue: AmendmentQueue) -> None:
    text = BASE.replace("annual", "biennial")
    queue = queue.propose(amendment("a1", text, "EU")).propose(amendment("a2", text, "USA"))
    [conflict] = queue.accept("a1").conflicts
    assert conflict.amendment_id == "a2" and conflict.incorporated


def test_amendments_to_amendments(queue: AmendmentQueue) -> None:
    a1_text = BASE.replace("annual meetings in New York", "annual meetings in Geneva")
    queue = queue.propose(amendment("a1", a1_text, "EU"))
    sub1 = amendment(
        "s1",
        a1_text.replace("Geneva", "Geneva or Vienna"),
        "AGN",
        base_text=a1_text,
        base_version=1,
        parent="a1",
    )
    sub2 = amendment(
        "s2", a1_text.replace("four", "five"), "USA", base_text=a1_text, base_version=1, parent="a1"
    )
    queue = queue.propose(sub1).propose(sub2)
    assert queue.amendment("s1").is_subamendment
    assert [a.id for a in queue.children("a1")] == ["s1", "s2"]
    # Accepting a sub-amendment changes its parent's proposal, not the paragraph.
    update = queue.accept("s1")
    q = update.queue
    assert q.text("p1") == BASE and q.version("p1") == 1
    a1 = q.amendment("a1")
    assert a1.new_text == a1_text.replace("Geneva", "Geneva or Vienna") and a1.revision == 2
    assert [r.change for r in q.history("a1")] == [
        AmendmentChange.PROPOSED,
        AmendmentChange.AMENDED,
    ]
    # Its sibling follows the parent's new proposal.
    s2 = q.amendment("s2")
    assert s2.new_text == a1.new_text.replace("four", "five") and s2.base_version == 2
    # Accepting the parent: the remaining sub-amendment now amends the paragraph.
    update = q.accept("a1")
    q = update.queue
    assert q.text("p1") == a1.new_text
    s2 = q.amendment("s2")
    assert s2.parent is None and s2.base_version == 2 and s2.base_text == q.text("p1")
    assert q.history("s2")[-1].change is AmendmentChange.REPARENTED
    assert q.accept("s2").text == a1.new_text.replace("four", "five")


def test_parent_rebased_carries_its_children(queue: AmendmentQueue) -> None:
    a1_text = BASE.replace("New York", "Geneva")
    queue = queue.propose(amendment("a1", a1_text))
    queue = queue.propose(
        amendment(
            "s1",
            a1_text.replace("Geneva", "Geneva or Vienna"),
            "AGN",
            base_text=a1_text,
            parent="a1",
        )
    )
    queue = queue.propose(amendment("a2", BASE.replace("four", "five"), "USA"))
    q = queue.accept("a2").queue
    assert q.amendment("a1").new_text == a1_text.replace("four", "five")
    assert q.amendment("s1").new_text == a1_text.replace("four", "five").replace(
        "Geneva", "Geneva or Vienna"
    )
    assert q.amendment("s1").base_version == q.amendment("a1").revision == 2


def test_rejecting_or_withdrawing_lapses_sub_amendments(queue: AmendmentQueue) -> None:
    a1_text = BASE.replace("New York", "Geneva")
    queue = queue.propose(amendment("a1", a1_text)).propose(
        amendment("s1", a1_text.replace("Geneva", "Vienna"), base_text=a1_text, parent="a1")
    )
    for operation, status in (
        (queue.reject, AmendmentStatus.REJECTED),
        (queue.withdraw, AmendmentStatus.WITHDRAWN),
    ):
        q = operation("a1", at=T0)
        assert q.status("a1") is status
        assert q.status("s1") is AmendmentStatus.LAPSED
        assert q.history("s1")[-1].cause == "a1"
        with pytest.raises(InvalidEventError, match="already"):
            q.reject("a1")


def test_a_stale_proposal_is_rebased_at_once(queue: AmendmentQueue) -> None:
    queue = queue.propose(amendment("a1", BASE.replace("annual", "biennial")))
    q = queue.accept("a1").queue
    q = q.propose(amendment("late", BASE.replace("four", "five"), "BRA"))
    assert q.status("late") is AmendmentStatus.PENDING
    assert q.amendment("late").new_text == q.text("p1").replace("four", "five")
    assert [r.change for r in q.history("late")] == [
        AmendmentChange.PROPOSED,
        AmendmentChange.REBASED,
    ]
    q = q.propose(amendment("clash", BASE.replace("annual", "yearly"), "CHN"))
    assert q.status("clash") is AmendmentStatus.CONFLICT


def test_replace_text_rebases_everything(queue: AmendmentQueue) -> None:
    queue = queue.propose(amendment("a1", BASE.replace("four", "five")))
    queue = queue.propose(amendment("a2", BASE.replace("New York", "Nairobi")))
    new_text = BASE.replace("New York", "New York and Geneva")
    update = queue.replace_text("p1", new_text, at=T0)
    assert update.version == 2 and update.text == new_text
    assert [r.original.id for r in update.rebased] == ["a1", "a2"]
    assert [c.amendment_id for c in update.conflicts] == ["a2"]
    assert update.queue.amendment("a1").new_text == new_text.replace("four", "five")


def test_from_draft() -> None:
    draft = Draft(
        paragraphs=[
            Paragraph("p1", ParagraphKind.OPERATIVE, BASE, label=Label(1), version=3),
            Paragraph("p2", ParagraphKind.OPERATIVE, "Gone;", label=Label(2), deleted=True),
        ]
    )
    queue = AmendmentQueue.from_draft(draft)
    assert queue.version("p1") == 3 and queue.text("p1") == BASE
    with pytest.raises(ParagraphNotFoundError, match="'p2'"):
        queue.text("p2")


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda q: q.propose(amendment("a1", BASE)), ValidationError, "changes nothing"),
        (
            lambda q: q.propose(amendment("a9", BASE + " x", base_version=2)),
            ValidationError,
            "version 2",
        ),
        (
            lambda q: q.propose(amendment("a9", "x", base_text="other text")),
            ValidationError,
            "base text is not the text",
        ),
        (
            lambda q: q.propose(Amendment("a9", "p7", 1, "x", "y", proposer="EU")),
            ParagraphNotFoundError,
            "'p7'",
        ),
        (lambda q: q.propose(amendment("a9", BASE + " x", parent="zz")), InvalidEventError, "'zz'"),
        (lambda q: q.accept("zz"), InvalidEventError, "no amendment 'zz'"),
        (lambda q: q.revise("zz", "x"), InvalidEventError, "no amendment"),
        (lambda q: q.replace_text("p1", "x", version=0), ValidationError, "version"),
    ],
)
def test_errors_name_the_problem(make: object, error: type[Exception], message: str) -> None:
    queue = AmendmentQueue().with_paragraph("p1", BASE)
    with pytest.raises(error, match=message):
        make(queue)  # type: ignore[operator]


def test_duplicate_ids_and_closed_amendments() -> None:
    queue = AmendmentQueue().with_paragraph("p1", BASE)
    queue = queue.propose(amendment("a1", BASE.replace("four", "five")))
    with pytest.raises(ValidationError, match="already used"):
        queue.propose(amendment("a1", BASE.replace("four", "six")))
    accepted = queue.accept("a1").queue
    with pytest.raises(InvalidEventError, match="accepted"):
        accepted.accept("a1")
    with pytest.raises(InvalidEventError, match="accepted"):
        accepted.revise("a1", "x")
    with pytest.raises(InvalidEventError, match="accepted"):
        accepted.propose(amendment("s1", "y", base_text=BASE.replace("four", "five"), parent="a1"))
    with pytest.raises(ValidationError, match="changes nothing"):
        queue.revise("a1", BASE)
