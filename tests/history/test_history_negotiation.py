"""The scripting object: time travel, revisions, labels, batches, lineage."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from consensus_text.errors import InvalidEventError, RevisionNotFoundError, ValidationError
from consensus_text.graph import lineage_graph, origins_of, trace_paragraph
from consensus_text.history import Negotiation, RevisionIssued, replay
from consensus_text.model.revisions import RevisionKind

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import START, UTC, build_fixture, make_clock


@pytest.fixture(scope="module")
def fx():  # type: ignore[no-untyped-def]
    return build_fixture()


EXPECTED_OP1 = {
    "Zero draft": "Decides to [establish][convene] a programme of action [by 20XX];",
    "Rev.1": "Decides to establish a programme of action [by 20XX];",
    "Rev.2": "Decides to establish a programme of action;",
    "Final": "Decides to establish a programme of action;",
}


@pytest.mark.parametrize("label", list(EXPECTED_OP1))
def test_snapshot_at_every_revision(fx, label: str) -> None:  # type: ignore[no-untyped-def]
    neg = fx.neg
    snapshot = neg.snapshot(revision=label)
    index = next(
        i for i, e in enumerate(neg.events) if isinstance(e, RevisionIssued) and e.label == label
    )
    assert snapshot == replay(neg.events[: index + 1])
    assert snapshot == neg.snapshot(event=index + 1)
    assert snapshot.revision is not None and snapshot.revision.label == label
    assert snapshot.draft.paragraph(fx.ids["op1"]).text == EXPECTED_OP1[label]


def test_revision_kinds_and_authors(fx) -> None:  # type: ignore[no-untyped-def]
    revisions = fx.neg.state.revisions
    assert [r.kind for r in revisions] == [
        RevisionKind.ZERO_DRAFT,
        RevisionKind.REVISION,
        RevisionKind.CHAIR_TEXT,
        RevisionKind.FINAL,
    ]
    assert revisions[-1].author == "Secretariat"


def test_snapshot_by_event_number_and_moment(fx) -> None:  # type: ignore[no-untyped-def]
    neg = fx.neg
    assert neg.snapshot(event=0).event_count == 0
    assert neg.snapshot(event=-1) == neg.snapshot(event=neg.event_count - 1)
    assert neg.snapshot(event=neg.event_count) is neg.state
    moment = neg.events[9].at
    assert neg.snapshot(at=moment) == neg.snapshot(event=10)
    assert neg.snapshot(at=moment + dt.timedelta(seconds=30)) == neg.snapshot(event=10)
    assert neg.snapshot(at=START).event_count == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"revision": "Rev.7"}, RevisionNotFoundError, "issued: Zero draft, Rev.1"),
        ({}, ValidationError, "got 0 of"),
        ({"revision": "Rev.1", "event": 3}, ValidationError, "got 2 of"),
        ({"event": 10_000}, ValidationError, "out of range"),
        ({"at": dt.datetime(2025, 1, 1)}, ValidationError, "no time zone"),
    ],
)
def test_snapshot_errors(fx, kwargs, error, fragment) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=fragment):
        fx.neg.snapshot(**kwargs)


def test_default_labels() -> None:
    neg = Negotiation.create("T", clock=make_clock())
    pp = neg.propose("Recalling,", by="Chair", kind="preambular")
    one = neg.propose("Decides;", by="Chair")
    two = neg.propose("Requests:", by="Chair")
    sub_a = neg.propose("a;", by="Chair", parent=two)
    sub_b = neg.propose("b;", by="Chair", parent=two)
    sub_i = neg.propose("i;", by="Chair", parent=sub_a)
    bis = neg.propose("Notes;", by="Chair", after=one)
    ter = neg.propose("Notes again;", by="Chair", after=one)
    first = neg.propose("Before all;", by="Chair", after="")
    heading = neg.propose("I. Scope", by="Chair", kind="heading")
    labels = {pid: neg.paragraph(pid).display_label for pid in neg.active_ids()}
    assert labels[pp] == "PP1"
    assert [labels[p] for p in (one, bis, ter, two)] == ["1", "1 bis", "1 ter", "2"]
    assert [labels[p] for p in (sub_a, sub_b, sub_i)] == ["(a)", "(b)", "(i)"]
    assert labels[first] == "-1"
    assert labels[heading] == ""
    order = list(neg.active_ids())
    assert order.index(sub_i) == order.index(sub_a) + 1  # under its chapeau
    assert order.index(sub_b) == order.index(sub_i) + 1
    explicit = neg.propose("Explicit;", by="Chair", label="7 quater")
    assert neg.paragraph(explicit).display_label == "7 quater"


def test_attribution_defaults_to_the_proposer() -> None:
    neg = Negotiation.create("T", clock=make_clock())
    pid = neg.propose("Decides;", by="BRA")
    assert neg.paragraph(pid).attribution == ("BRA",)
    chair = neg.propose("Decides;", by="Chair")
    assert neg.paragraph(chair).attribution == ()


def test_clock_and_explicit_times() -> None:
    neg = Negotiation.create("T")
    assert neg.events[0].at.tzinfo is not None
    at = dt.datetime(2030, 1, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    neg.propose("Decides;", by="Chair", at=at, meeting="informals 1")
    assert neg.events[-1].at == at and neg.events[-1].meeting == "informals 1"
    with pytest.raises(ValidationError, match="no time zone"):
        neg.propose("Decides;", by="Chair", at=dt.datetime(2030, 1, 1))


def test_batch_records_all_or_nothing() -> None:
    neg = Negotiation.create("T", clock=make_clock())
    before = neg.state

    def failing_batch() -> None:
        with neg.batch():
            pid = neg.propose("Decides;", by="Chair")
            neg.issue_revision("Rev.1")
            neg.amend(pid, "Decides;", by="Chair")  # unchanged: invalid

    with pytest.raises(InvalidEventError):
        failing_batch()
    assert neg.event_count == 1 and neg.state == before and neg.revisions == ()
    with neg.batch():
        pid = neg.propose("Decides;", by="Chair")
        with neg.batch():  # nested batches join the outer one
            neg.issue_revision("Rev.1")
    assert neg.event_count == 3 and neg.revisions == ("Rev.1",)
    assert neg.snapshot(revision="Rev.1").draft.paragraph(pid).text == "Decides;"


def test_lineage_follows_splits_merges_and_restores(fx) -> None:  # type: ignore[no-untyped-def]
    ids = fx.ids
    lineage = fx.neg.lineage_data()
    assert lineage.revisions == ("Zero draft", "Rev.1", "Rev.2", "Final")
    mapping = lineage.mapping("Zero draft", "Rev.1")
    assert mapping[ids["op3"]] == (ids["op3a"], ids["op3b"])
    assert mapping[ids["op4"]] == (ids["op45"],) and mapping[ids["op5"]] == (ids["op45"],)
    assert mapping[ids["op6b"]] == ()  # deleted in Rev.1
    assert mapping[ids["op1"]] == (ids["op1"],)
    kinds = {(e.source, e.target): e.kind for e in lineage.edges}
    assert kinds[("Zero draft", ids["op1"]), ("Rev.1", ids["op1"])] == "amended"
    assert kinds[("Zero draft", ids["pp1"]), ("Rev.1", ids["pp1"])] == "kept"
    assert kinds[("Zero draft", ids["op3"]), ("Rev.1", ids["op3a"])] == "split"
    assert kinds[("Zero draft", ids["op4"]), ("Rev.1", ids["op45"])] == "merged"
    assert kinds[("Zero draft", ids["op6b"]), ("Rev.2", ids["op6b"])] == "restored"
    assert lineage.mapping("Zero draft", "Final")[ids["op3"]] == (ids["op3a"], ids["op3b"])
    with pytest.raises(RevisionNotFoundError):
        lineage.mapping("Rev.2", "Rev.1")


def test_lineage_graph(fx) -> None:  # type: ignore[no-untyped-def]
    ids = fx.ids
    graph = fx.neg.lineage()
    assert graph.number_of_nodes() == len(fx.neg.lineage_data().nodes)
    node = ("Zero draft", ids["op3"])
    assert graph.nodes[node]["text"].startswith("Invites States")
    traced = trace_paragraph(graph, node)
    assert traced[0] == node and ("Final", ids["op3b"]) in traced
    assert set(origins_of(graph, ("Rev.1", ids["op45"]))) == {
        ("Zero draft", ids["op4"]),
        ("Zero draft", ids["op5"]),
        ("Rev.1", ids["op45"]),
    }
    assert lineage_graph(fx.neg.lineage_data()).edges == graph.edges


def test_split_then_merge_between_revisions_is_traced() -> None:
    neg = Negotiation.create("T", clock=make_clock())
    a = neg.propose("A and B;", by="Chair")
    c = neg.propose("C;", by="Chair")
    neg.issue_revision("Rev.1")
    a1, a2 = neg.split(a, ["A;", "B;"], by="Chair")
    merged = neg.merge([a2, c], "B and C;", by="Chair")
    neg.issue_revision("Rev.2")
    assert neg.lineage_data().mapping("Rev.1", "Rev.2") == {a: (a1, merged), c: (merged,)}


def test_repr_and_accessors(fx) -> None:  # type: ignore[no-untyped-def]
    neg = fx.neg
    assert "47 events" in repr(neg) and neg.title.startswith("Programme")
    assert neg.revision == "Final" and neg.store is None and neg.name is None
    assert neg.registry.participant("XNGO").name == "Example NGO"
    assert neg.snapshot(revision="Rev.1").revisions[-1].issued_at.tzinfo == UTC
