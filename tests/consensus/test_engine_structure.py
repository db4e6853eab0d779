"""Chapeaux, named options, bracket errors, packages, chair's rulings and the document."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consensus_text.consensus import Rules, Status, compute_report
from consensus_text.errors import CyclicPackageError, ParagraphNotFoundError, ProcedureError
from consensus_text.model.paragraphs import Option, OptionGroup, ParagraphKind
from consensus_text.model.positions import Position
from consensus_text.model.procedure import Package, Ruling, RulingKind

sys.path.insert(0, str(Path(__file__).parent))
from consensus_testkit import K, at, para, pos, snap

OEWG = Rules.preset("oewg")


def chapeau_draft(chapeau: str) -> list:  # type: ignore[type-arg]
    return [
        para("p2", chapeau, label="2"),
        para("p2a", "annual meetings;", label="(a)", parent="p2"),
        para("p2ai", "of one week;", label="(i)", parent="p2a"),
        para("p2b", "review conferences.", label="(b)", parent="p2"),
    ]


@pytest.mark.parametrize(
    ("chapeau", "positions", "chapeau_status", "children", "code"),
    [
        ("Decides to convene:", (), Status.CONSENSUS_READY, Status.CONSENSUS_READY, None),
        ("Decides to [convene][hold]:", (), Status.PENDING, Status.PENDING, "chapeau_pending"),
        ("[Decides to convene:]", (), Status.PENDING, Status.PENDING, "chapeau_pending"),
        (
            "Decides to convene:",
            (pos("RUS", "p2", K.OBJECTION),),
            Status.BLOCKED,
            Status.PENDING,
            "chapeau_blocked",
        ),
        (
            "Decides to convene:",
            (pos("USA", "p2", K.RESERVATION),),
            Status.PENDING,
            Status.CONSENSUS_READY,  # a reservation on the chapeau is not contested wording
            None,
        ),
    ],
)
def test_a_chapeau_keeps_its_sub_paragraphs_pending(
    chapeau: str,
    positions: tuple[Position, ...],
    chapeau_status: Status,
    children: Status,
    code: str | None,
) -> None:
    report = compute_report(snap(chapeau_draft(chapeau), positions), OEWG)
    assert report.paragraph("p2").status is chapeau_status
    for pid in ("p2a", "p2ai", "p2b"):
        result = report.paragraph(pid)
        assert result.status is children
        assert result.has_reason(code) if code else not result.reasons


def test_every_ancestor_is_named() -> None:
    draft = chapeau_draft("Decides to [convene]:")
    draft[1] = para("p2a", "[annual] meetings;", label="(a)", parent="p2")
    result = compute_report(snap(draft), OEWG).paragraph("p2ai")
    assert [r.message for r in result.reasons] == [
        "the chapeau 2 (a) still has contested wording",
        "the chapeau 2 still has contested wording",
    ]


def test_a_blocked_sub_paragraph_stays_blocked_under_a_pending_chapeau() -> None:
    report = compute_report(
        snap(chapeau_draft("Decides [to convene]:"), [pos("RUS", "p2b", K.OBJECTION)]), OEWG
    )
    result = report.paragraph("p2b")
    assert result.status is Status.BLOCKED
    assert result.reason_codes == ("formal_objection", "chapeau_pending")


@pytest.mark.parametrize(
    ("text", "brackets", "message"),
    [
        (
            "Decides to [convene] a [review] conference;",
            2,
            "2 contested elements remain: 2 brackets",
        ),
        ("Decides [to [convene]];", 2, "2 contested elements remain: 2 brackets"),
        ("States [shall][should] act;", 1, "1 contested element remains: 1 group of alternatives"),
        ("States [shall/should] act;", 1, "1 contested element remains: 1 group of alternatives"),
        ("[Placeholder for finance]", 1, "1 contested element remains: 1 placeholder"),
        ("Report by 20XX;", 1, "1 contested element remains: 1 placeholder"),
        (
            "[shall][should] [X] [fully]",
            3,
            "3 contested elements remain: 1 bracket, 1 group of alternatives, 1 placeholder",
        ),
    ],
)
def test_contested_wording_keeps_pending(text: str, brackets: int, message: str) -> None:
    result = compute_report(snap([para("p1", text)]), OEWG).paragraph("p1")
    assert (result.status, result.brackets) == (Status.PENDING, brackets)
    assert result.reasons[0].message == message


@pytest.mark.parametrize(
    "text",
    [
        "Recalling resolution A/RES/77/37 [sic] and/or [...] the report[^1],",
        "See https://example.org/a[1] for 2021/2025.",
    ],
)
def test_look_alikes_are_not_contested(text: str) -> None:
    result = compute_report(snap([para("p1", text)]), OEWG).paragraph("p1")
    assert (result.status, result.brackets) == (Status.CONSENSUS_READY, 0)


def test_bracket_errors_keep_pending_and_say_where() -> None:
    result = compute_report(snap([para("p1", "Decides [a]] b;")]), OEWG).paragraph("p1")
    assert result.status is Status.PENDING
    (error,) = [r for r in result.reasons if r.code == "malformed_text"]
    assert error.message.startswith("the text has 1 bracket error: 1:12: unmatched ']'")


def test_a_named_option_group_keeps_its_paragraphs_pending() -> None:
    group = OptionGroup(
        "review", (Option("Option 1", ("p2",)), Option("Option 2", ("p3",)), Option("Option 3"))
    )
    report = compute_report(snap([para("p1"), para("p2"), para("p3")], option_groups=[group]), OEWG)
    assert report.paragraph("p1").status is Status.CONSENSUS_READY
    for pid, label in (("p2", "Option 1"), ("p3", "Option 2")):
        result = report.paragraph(pid)
        assert result.status is Status.PENDING
        assert result.reasons[0].message == (
            f"part of {label!r} of option group 'review' (3 options): one option must be chosen"
        )


# ---------------------------------------------------------------- rulings


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (RulingKind.AGREED_IN_INFORMALS, Status.AGREED_IN_INFORMALS),
        (RulingKind.AGREED_AD_REFERENDUM, Status.AGREED_AD_REFERENDUM),
        (RulingKind.CONFIRMED, Status.CONFIRMED),
        (RulingKind.REOPENED, Status.REOPENED),
    ],
)
def test_the_chair_s_ruling_on_the_current_version(kind: RulingKind, status: Status) -> None:
    ruling = Ruling("p1", kind, paragraph_version=1, at=at(), by="Facilitator")
    result = compute_report(snap([para("p1")], rulings=[ruling]), OEWG).paragraph("p1")
    assert result.status is status
    assert result.ruling == ruling
    assert result.reasons[0].message == (
        f"Facilitator recorded {status.title!r} on version 1 at 2025-07-01T12:00:00+00:00"
    )


def test_the_latest_ruling_wins_and_reopening_keeps_the_history() -> None:
    rulings = [
        Ruling("p1", RulingKind.AGREED_IN_INFORMALS),
        Ruling("p1", RulingKind.REOPENED),
    ]
    result = compute_report(snap([para("p1")], rulings=rulings), OEWG).paragraph("p1")
    assert result.status is Status.REOPENED


def test_a_ruling_on_an_older_version_is_stale() -> None:
    rulings = [Ruling("p1", RulingKind.AGREED_IN_INFORMALS, paragraph_version=1)]
    result = compute_report(snap([para("p1", version=2)], rulings=rulings), OEWG).paragraph("p1")
    assert result.status is Status.CONSENSUS_READY
    assert result.ruling is None
    assert result.reasons[0].message == (
        "the chair's ruling 'agreed in informals' applied to version 1; the wording has changed "
        "since (version 2): not applied"
    )


@pytest.mark.parametrize(
    ("text", "positions", "status"),
    [
        ("Decides;", (pos("RUS", "p1", K.OBJECTION),), Status.BLOCKED),  # blocked > ruling
        ("Decides [to act];", (), Status.PENDING),  # pending text > ruling
        ("Decides;", (pos("USA", "p1", K.AWAITING_INSTRUCTIONS),), Status.AGREED_AD_REFERENDUM),
        ("Decides;", (pos("VAT", "p1", K.OBJECTION),), Status.AGREED_AD_REFERENDUM),
    ],
)
def test_status_precedence(text: str, positions: tuple[Position, ...], status: Status) -> None:
    rulings = [Ruling("p1", RulingKind.AGREED_AD_REFERENDUM)]
    result = compute_report(snap([para("p1", text)], positions, rulings=rulings), OEWG)
    assert result.paragraph("p1").status is status


# ---------------------------------------------------------------- packages


def package_draft() -> list:  # type: ignore[type-arg]
    return [para(f"p{i}") for i in range(1, 6)]


def test_a_package_is_agreed_all_together_or_not_at_all() -> None:
    packages = [Package("finance", ("p1", "p2", "p3"))]
    positions = [pos("USA", "p2", K.OBJECTION)]
    report = compute_report(snap(package_draft(), positions, packages=packages), OEWG)
    assert report.paragraph("p2").status is Status.BLOCKED
    for pid in ("p1", "p3"):
        result = report.paragraph(pid)
        assert result.status is Status.PENDING
        assert result.packages == ("finance",)
        assert result.reasons[0].message == (
            "package 'finance': agreed all together or not at all; waiting for 2 (blocked)"
        )
    assert report.paragraph("p4").status is Status.CONSENSUS_READY
    assert report.paragraph("p4").packages == ()


def test_a_package_whose_members_all_agree_is_agreed() -> None:
    packages = [Package("finance", ("p1", "p2"))]
    rulings = [Ruling("p1", RulingKind.CONFIRMED)]
    report = compute_report(snap(package_draft(), packages=packages, rulings=rulings), OEWG)
    assert report.paragraph("p1").status is Status.CONFIRMED
    assert report.paragraph("p2").status is Status.CONSENSUS_READY


def test_reopened_and_ad_referendum_members_hold_the_package() -> None:
    packages = [Package("k", ("p1", "p2", "p3"))]
    rulings = [
        Ruling("p1", RulingKind.REOPENED),
        Ruling("p2", RulingKind.AGREED_AD_REFERENDUM),
    ]
    report = compute_report(snap(package_draft(), packages=packages, rulings=rulings), OEWG)
    assert report.paragraph("p1").status is Status.REOPENED
    assert report.paragraph("p2").status is Status.PENDING
    strict = Rules.preset("oewg", ad_referendum_counts_as_agreed=False)
    report = compute_report(
        snap(package_draft(), packages=[Package("k", ("p2", "p3"))], rulings=rulings), strict
    )
    assert report.paragraph("p2").status is Status.AGREED_AD_REFERENDUM
    assert report.paragraph("p3").status is Status.PENDING
    assert not report.document.adoptable


def test_nested_and_overlapping_packages_wait_for_each_other() -> None:
    packages = [
        Package("inner", ("p1", "p2")),
        Package("outer", ("inner", "p3")),
        Package("other", ("p3", "p4")),
    ]
    positions = [pos("RUS", "p1", K.OBJECTION)]
    report = compute_report(snap(package_draft(), positions, packages=packages), OEWG)
    assert report.paragraph("p1").status is Status.BLOCKED
    for pid in ("p2", "p3", "p4"):
        assert report.paragraph(pid).status is Status.PENDING, pid
    assert report.paragraph("p2").packages == ("inner", "outer")
    assert report.paragraph("p3").packages == ("other", "outer")
    assert report.paragraph("p5").status is Status.CONSENSUS_READY
    (reason,) = [r for r in report.paragraph("p4").reasons if r.code == "package"]
    assert reason.message == (
        "package 'other': agreed all together or not at all; waiting for 3 (pending)"
    )


@pytest.mark.parametrize(
    ("packages", "cycle"),
    [
        ([Package("a", ("a",))], "'a' -> 'a'"),
        ([Package("a", ("b", "p1")), Package("b", ("a",))], "'a' -> 'b' -> 'a'"),
        (
            [Package("a", ("b",)), Package("b", ("c",)), Package("c", ("a", "p2"))],
            "'a' -> 'b' -> 'c' -> 'a'",
        ),
    ],
)
def test_cyclic_packages_are_a_clear_error(packages: list[Package], cycle: str) -> None:
    with pytest.raises(CyclicPackageError) as caught:
        compute_report(snap(package_draft(), packages=packages), OEWG)
    assert str(caught.value) == (
        f"packages contain each other: {cycle}; a package cannot contain itself, directly or "
        "through other packages; remove one of these memberships"
    )
    assert isinstance(caught.value, ProcedureError)


def test_cycle_message_names_the_cycle_exactly() -> None:
    packages = [Package("a", ("b", "p1")), Package("b", ("a",))]
    with pytest.raises(CyclicPackageError) as caught:
        compute_report(snap(package_draft(), packages=packages), OEWG)
    names = str(caught.value).split(": ", 1)[1].split(";")[0].split(" -> ")
    assert names[0] == names[-1]
    assert set(names) == {"'a'", "'b'"}


def test_unknown_package_members_are_reported_on_the_document() -> None:
    packages = [Package("k", ("p1", "p99"))]
    report = compute_report(snap(package_draft(), packages=packages), OEWG)
    assert report.document.adoptable
    (reason,) = [r for r in report.document.reasons if r.code == "unknown_package_member"]
    assert "'p99', which is neither a paragraph of the draft nor a package" in reason.message


# ---------------------------------------------------------------- document


def test_nothing_is_agreed_until_everything_is_agreed() -> None:
    report = compute_report(snap(package_draft(), [pos("RUS", "p4", K.OBJECTION)]), OEWG)
    document = report.document
    assert not document.adoptable
    assert document.not_agreed == ("p4",)
    assert document.counts[Status.CONSENSUS_READY] == 4
    assert document.counts[Status.BLOCKED] == 1
    assert set(document.counts) == set(Status)
    assert document.reasons[0].message == (
        "nothing is agreed until everything is agreed: 1 of 5 paragraphs not agreed: 4 (blocked)"
    )


def test_a_document_every_paragraph_of_which_is_agreed_is_adoptable() -> None:
    rulings = [Ruling("p1", RulingKind.AGREED_IN_INFORMALS)]
    report = compute_report(snap(package_draft(), rulings=rulings), OEWG)
    assert report.document.adoptable
    assert report.document.not_agreed == ()
    assert report.document.reasons[0].code == "adoptable"


def test_an_empty_draft_is_not_adoptable() -> None:
    report = compute_report(snap([]), OEWG)
    assert not report.document.adoptable
    assert report.document.reasons[0].code == "empty"
    assert report.paragraphs == ()


def test_adoption_makes_every_paragraph_adopted_and_keeps_the_reasons() -> None:
    positions = [pos("USA", "p1", K.DISSOCIATION)]
    report = compute_report(snap(package_draft(), positions, adopted_at=at(2025, 7, 11)), OEWG)
    assert {s.status for s in report.paragraphs} == {Status.ADOPTED}
    assert report.document.adoptable
    assert report.document.adopted_at == at(2025, 7, 11)
    assert report.paragraph("p1").reason_codes == ("adopted", "records")


def test_headings_and_tombstones_are_not_reported() -> None:
    heading = para("h1", "I. Scope", label="", kind=ParagraphKind.HEADING)
    deleted = para("p9", "Old text;").as_tombstone()
    report = compute_report(snap([heading, para("p1"), deleted]), OEWG)
    assert [s.paragraph_id for s in report.paragraphs] == ["p1"]
    with pytest.raises(ParagraphNotFoundError, match="headings and deleted paragraphs"):
        report.paragraph("p9")
    with pytest.raises(KeyError):
        report.paragraph("h1")


def test_report_lookups() -> None:
    report = compute_report(snap(chapeau_draft("Decides:")), OEWG)
    assert [s.paragraph_id for s in report.by_label("(a)")] == ["p2a"]
    assert len(report) == 4
    assert [s.paragraph_id for s in report] == ["p2", "p2a", "p2ai", "p2b"]
    assert report.with_status(Status.PENDING) == ()
    assert report.rules_name == "oewg"


def test_rules_may_be_named_by_preset() -> None:
    assert compute_report(snap([para("p1")]), "poa").rules_name == "poa"
    with pytest.raises(ProcedureError, match="no preset rules named 'nope'"):
        compute_report(snap([para("p1")]), "nope")
