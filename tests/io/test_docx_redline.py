"""Redline DOCX: native tracked changes, authors and dates, accept/reject, several rounds."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections import Counter

import pytest
from docx_testkit import T1, T2, W, changes, draft_v1, draft_v2, draft_v3, part, resolve_all
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.errors import ExportError, ValidationError
from consensus_text.io.docx import RedlineRound, export_redline_docx
from consensus_text.io.docx._layout import expected_lines
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind


def redline(rounds: list[RedlineRound], **kw: object) -> bytes:
    buffer = io.BytesIO()
    export_redline_docx(rounds, buffer, **kw)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.fixture(scope="module")
def one_round() -> bytes:
    return redline([RedlineRound(draft_v1(), draft_v2(), "Chair", T1, {"op1b": ("EU", T2)})])


@pytest.fixture(scope="module")
def two_rounds() -> bytes:
    return redline(
        [
            RedlineRound(draft_v1(), draft_v2(), "Chair", T1, {"new1": ("EU", T1)}),
            RedlineRound(draft_v2(), draft_v3(), "Facilitator", T2),
        ]
    )


@pytest.mark.parametrize(
    ("mode", "draft"),
    [("accept", draft_v2), ("reject", draft_v1)],
)
def test_accepting_gives_the_newer_text_and_rejecting_the_older(
    one_round: bytes, mode: str, draft: object
) -> None:
    assert resolve_all(one_round, mode) == expected_lines(draft())  # type: ignore[operator]


@pytest.mark.parametrize(("mode", "draft"), [("accept", draft_v3), ("reject", draft_v1)])
def test_two_rounds_resolve_to_the_last_and_the_first_text(
    two_rounds: bytes, mode: str, draft: object
) -> None:
    assert resolve_all(two_rounds, mode) == expected_lines(draft())  # type: ignore[operator]


def test_word_level_changes_with_author_and_iso_date(one_round: bytes) -> None:
    found = changes(one_round)
    assert {("del", "["), ("del", "]")} <= {(c[0], c[4]) for c in found}
    inserted = [c for c in found if c[0] == "ins" and c[4] == "biennial"]
    deleted = [c for c in found if c[0] == "del" and c[4] == "annual"]
    assert inserted and deleted
    assert inserted[0][2:4] == ("Chair", "2025-03-01T10:00:00Z")


def test_every_change_has_a_unique_id(two_rounds: bytes) -> None:
    root = part(two_rounds, "word/document.xml")
    ids = [el.get(W + "id") for el in root.iter() if el.get(W + "id") is not None]
    assert ids
    assert len(ids) - len(set(ids)) == sum(
        1 for _ in root.iter(W + "moveFromRangeEnd", W + "moveToRangeEnd")
    )
    revision_ids = [c[1] for c in changes(two_rounds)]
    assert len(revision_ids) == len(set(revision_ids))


def test_a_paragraph_author_overrides_the_round_author(one_round: bytes) -> None:
    by_text = {c[4]: c for c in changes(one_round) if c[0] == "ins"}
    welcome = next(c for text, c in by_text.items() if "Welcomes the report" in text)
    assert welcome[2:4] == ("EU", "2025-04-01T10:00:00Z")


def test_inserted_paragraph_has_its_mark_inserted(one_round: bytes) -> None:
    root = part(one_round, "word/document.xml")
    for p in root.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if "Welcomes the report" in text:
            assert p.find(f"{W}pPr/{W}rPr/{W}ins") is not None
            assert all(r.getparent().tag == W + "ins" for r in p.iter(W + "r"))
            break
    else:
        pytest.fail("inserted paragraph not found")


def test_deleted_paragraph_uses_deltext_and_a_deleted_mark(one_round: bytes) -> None:
    root = part(one_round, "word/document.xml")
    for p in root.iter(W + "p"):
        text = "".join(t.text or "" for t in p.iter(W + "delText"))
        if "Also decides to review" in text:
            assert p.find(f"{W}pPr/{W}rPr/{W}del") is not None
            assert not list(p.iter(W + "t"))
            break
    else:
        pytest.fail("deleted paragraph not found")


def test_a_moved_paragraph_is_a_named_move(one_round: bytes) -> None:
    root = part(one_round, "word/document.xml")
    starts = {el.get(W + "name") for el in root.iter(W + "moveFromRangeStart")}
    targets = {el.get(W + "name") for el in root.iter(W + "moveToRangeStart")}
    assert starts and starts == targets
    moved_from = "".join(t.text or "" for el in root.iter(W + "moveFrom") for t in el.iter(W + "t"))
    moved_to = "".join(t.text or "" for el in root.iter(W + "moveTo") for t in el.iter(W + "t"))
    assert "Encourages States to" in moved_from
    assert "Encourages States to" in moved_to
    # The edit made while moving shows as a deletion... only at the old place.
    assert "as set out in paragraph 2 above" in moved_from


def test_text_inserted_then_deleted_is_nested_with_both_authors(two_rounds: bytes) -> None:
    root = part(two_rounds, "word/document.xml")
    nested = [
        (
            ins.get(W + "author"),
            d.get(W + "author"),
            "".join(t.text or "" for t in d.iter(W + "delText")),
        )
        for ins in root.iter(W + "ins")
        for d in ins.iterchildren(W + "del")
    ]
    # Moved and edited by the chair in round 1, then cut by the facilitator in round 2.
    assert ("Chair", "Facilitator", ", as set out in paragraph 3 above") in nested
    # Label "2 ter" given by the EU's paragraph in round 1, renumbered in round 2.
    assert ("EU", "Facilitator", "2 ter") in nested


def test_rounds_keep_their_own_authors_and_dates(two_rounds: bytes) -> None:
    counts = Counter((c[2], c[3][:10]) for c in changes(two_rounds))
    assert counts[("Chair", "2025-03-01")] > 0
    assert counts[("Facilitator", "2025-04-01")] > 0
    assert counts[("EU", "2025-03-01")] > 0  # paragraph "new1" proposed by the EU
    facilitator_inserts = {
        c[4] for c in changes(two_rounds) if c[0] == "ins" and c[2] == "Facilitator"
    }
    assert "all " in facilitator_inserts


@pytest.mark.parametrize(("transient", "present"), [("omit", False), ("nest", True)])
def test_paragraph_inserted_then_deleted(transient: str, present: bool) -> None:
    data = redline(
        [
            RedlineRound(draft_v1(), draft_v2(), "Chair", T1),
            RedlineRound(draft_v2(), draft_v3(), "Chair", T2),
        ],
        transient=transient,
    )
    xml = part(data, "word/document.xml")
    text = "".join(t.text or "" for t in xml.iter(W + "delText"))
    assert ("Welcomes the report" in text) is present
    assert resolve_all(data, "accept") == expected_lines(draft_v3())
    assert resolve_all(data, "reject") == expected_lines(draft_v1())


def test_rounds_must_be_consecutive() -> None:
    with pytest.raises(
        ExportError, match="round 2 does not start from the draft round 1 ended with"
    ) as info:
        redline(
            [
                RedlineRound(draft_v1(), draft_v2(), "Chair", T1),
                RedlineRound(draft_v1(), draft_v3(), "Chair", T2),
            ]
        )
    assert "rounds[i].before must be rounds[i - 1].after" in str(info.value)


def test_no_rounds_is_an_error() -> None:
    with pytest.raises(ExportError, match="at least one round"):
        redline([])


@pytest.mark.parametrize(
    ("author", "date", "message"),
    [
        ("Chair", dt.datetime(2025, 3, 1), "no time zone"),
        ("", T1, "non-empty"),
    ],
)
def test_round_values_are_validated(author: str, date: dt.datetime, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        RedlineRound(Draft(), Draft(), author, date)


def test_paragraph_authors_need_aware_dates() -> None:
    with pytest.raises(ValidationError, match="paragraph_authors\\['p1'\\] date"):
        RedlineRound(Draft(), Draft(), "Chair", T1, {"p1": ("EU", dt.datetime(2025, 1, 1))})


def test_author_with_a_control_character_is_rejected() -> None:
    with pytest.raises(ExportError, match="the author of round 1 contains U\\+0007"):
        redline([RedlineRound(draft_v1(), draft_v2(), "Ch\x07air", T1)])


def test_identical_drafts_have_no_changes() -> None:
    data = redline([RedlineRound(draft_v2(), draft_v2(), "Chair", T1)])
    assert changes(data) == []


# -- property: any edit sequence resolves to both ends -------------------------------------------

_WORDS = st.sampled_from(
    ["States", "shall", "should", "[further]", "cooperate", "and", "act", "the", "PoA"]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(lambda ws: " ".join(ws) + ";")


@st.composite
def _drafts(draw: st.DrawFn, pool: list[str]) -> Draft:
    ids = draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool)))
    ids = draw(st.permutations(ids))
    return Draft(
        paragraphs=tuple(
            Paragraph(pid, ParagraphKind.OPERATIVE, draw(_TEXT), label=Label(n + 1))
            for n, pid in enumerate(ids)
        )
    )


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_sequence_of_rounds_accepts_to_the_last_and_rejects_to_the_first(
    data: st.DataObject,
) -> None:
    pool = ["a", "b", "c", "d", "e"]
    drafts = [data.draw(_drafts(pool)) for _ in range(data.draw(st.integers(2, 4)))]
    rounds = [
        RedlineRound(before, after, f"Author {i}", T1 + dt.timedelta(days=i))
        for i, (before, after) in enumerate(itertools.pairwise(drafts))
    ]
    out = redline(rounds)
    assert resolve_all(out, "accept") == expected_lines(drafts[-1])
    assert resolve_all(out, "reject") == expected_lines(drafts[0])
