"""Word-level patches (diff.make_patch / apply_patch): exact replay, three-way conflicts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.diff import DiffKind, apply_patch, count_kept, make_patch
from consensus_text.errors import ValidationError

BASE = (
    "Decides that the Programme of Action shall hold annual meetings in New York, "
    "and review conferences every four years, open to all States;"
)


def test_hunks_carry_context_and_replay_on_their_own_text() -> None:
    new = BASE.replace("annual", "biennial")
    patch = make_patch(BASE, new)
    assert len(patch.hunks) == 1
    hunk = patch.hunks[0]
    assert hunk.has_leading_context and hunk.has_trailing_context
    assert hunk.before == BASE[hunk.start : hunk.end]
    assert "annual" in hunk.before and "biennial" in hunk.after
    assert [op.kind for op in hunk.ops] == [
        DiffKind.EQUAL,
        DiffKind.DELETE,
        DiffKind.INSERT,
        DiffKind.EQUAL,
    ]
    result = apply_patch(patch, BASE)
    assert result.clean and result.text == new
    assert "@@" in str(patch)


def test_empty_patch() -> None:
    patch = make_patch(BASE, BASE)
    assert patch.is_empty
    assert apply_patch(patch, "anything", base=BASE).text == "anything"


# Each row: what the accepted change does, what the pending one does, whether the pending one
# still applies on top, and the merged text when it does.
THREE_WAY = [
    pytest.param(
        ("annual", "biennial"),
        ("every four years", "every six years"),
        True,
        id="independent",
    ),
    pytest.param(
        ("annual", "biennial"), ("annual meetings", "annual sessions"), False, id="overlap"
    ),
    pytest.param(("annual", "biennial"), ("annual", "yearly"), False, id="same-word"),
    pytest.param(
        ("in New York", "in Geneva"), ("meetings in", "meetings held in"), False, id="adjacent"
    ),
    pytest.param(
        ("Decides", "Further decides"), ("open to all", "open to all Member"), True, id="far-apart"
    ),
    pytest.param(
        ("Decides that", "Decides"), ("Decides that", "Also decides that"), False, id="start"
    ),
    pytest.param(
        ("States;", "States."), ("all States;", "all States and observers;"), False, id="end"
    ),
]


@pytest.mark.parametrize(("accepted", "pending", "applies"), THREE_WAY)
def test_three_way_replay(
    accepted: tuple[str, str], pending: tuple[str, str], applies: bool
) -> None:
    current = BASE.replace(*accepted)
    proposal = BASE.replace(*pending)
    result = apply_patch(make_patch(BASE, proposal), current, base=BASE)
    assert result.clean is applies
    if applies:
        assert result.text == BASE.replace(*accepted).replace(*pending)
    else:
        assert result.text == current  # nothing half-applied
        assert result.failed


def test_without_base_a_hunk_applies_only_where_its_words_are() -> None:
    patch = make_patch(BASE, BASE.replace("annual", "biennial"))
    moved = "Recalling its resolution 77/37, " + BASE
    assert apply_patch(patch, moved).text == "Recalling its resolution 77/37, " + BASE.replace(
        "annual", "biennial"
    )
    altered = BASE.replace("hold annual", "convene annual")
    result = apply_patch(patch, altered)
    assert not result.clean and result.text == altered


def test_without_base_a_repeated_context_far_from_its_place_does_not_apply() -> None:
    text = "States shall cooperate. States shall report."
    patch = make_patch(text, "States shall cooperate. States should report.")
    doubled = "States shall report. Also: States shall cooperate. States shall report."
    result = apply_patch(patch, "Preface. " * 3 + doubled)
    assert not result.clean


def test_base_that_is_not_the_patch_source_is_refused() -> None:
    patch = make_patch(BASE, BASE.replace("annual", "biennial"))
    with pytest.raises(ValidationError, match="not made from this base"):
        apply_patch(patch, BASE, base="Something else entirely, of another length;")


def test_empty_base() -> None:
    patch = make_patch("", "Decides to act;")
    assert apply_patch(patch, "", base="").text == "Decides to act;"
    assert not apply_patch(patch, "Decides otherwise;", base="").clean


def test_count_kept() -> None:
    assert count_kept(["a", "b", "c"], ["a", "x", "c"]) == 2
    assert count_kept([], ["a"]) == 0


WORDS = st.lists(
    st.sampled_from(
        ["States", "shall", "should", "cooperate", "[", "]", ",", " ", "the", "review"]
    ),
    max_size=25,
).map("".join)


@settings(deadline=None, max_examples=60)
@given(WORDS, WORDS)
def test_a_patch_replays_exactly_on_its_own_base(old: str, new: str) -> None:
    result = apply_patch(make_patch(old, new), old)
    assert result.clean and result.text == new
    three_way = apply_patch(make_patch(old, new), old, base=old)
    assert three_way.clean and three_way.text == new


@settings(deadline=None, max_examples=80)
@given(WORDS, WORDS, WORDS)
def test_three_way_merges_agree_whichever_change_comes_first(
    base: str, ours: str, theirs: str
) -> None:
    """Replaying ours on theirs and theirs on ours, when both are clean, give the same text."""
    one = apply_patch(make_patch(base, ours), theirs, base=base)
    other = apply_patch(make_patch(base, theirs), ours, base=base)
    if one.clean and other.clean:
        assert one.text == other.text
    if not one.clean:
        assert one.text != theirs or any(one.applied) or one.failed
