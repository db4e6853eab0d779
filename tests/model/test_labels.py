"""Paragraph labels: parsing, printing, ordering, suffixes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consensus_text.errors import LabelError, ValidationError
from consensus_text.model.labels import LATIN_SUFFIXES, Label, LabelStyle, format_roman, parse_roman


@pytest.mark.parametrize(
    ("text", "number", "suffix", "style", "prefix"),
    [
        ("5", 5, 0, LabelStyle.NUMBER, ""),
        ("12 bis", 12, 1, LabelStyle.NUMBER, ""),
        ("12 decies", 12, 9, LabelStyle.NUMBER, ""),
        ("-1", -1, 0, LabelStyle.NUMBER, ""),
        ("PP3", 3, 0, LabelStyle.NUMBER, "PP"),
        ("OP 4 ter", 4, 2, LabelStyle.NUMBER, "OP"),
        ("(a)", 1, 0, LabelStyle.LETTER, ""),
        ("(c)", 3, 0, LabelStyle.LETTER, ""),
        ("(aa)", 27, 0, LabelStyle.LETTER, ""),
        ("(iv)", 4, 0, LabelStyle.ROMAN, ""),
        ("(xii)", 12, 0, LabelStyle.ROMAN, ""),
        ("(b) bis", 2, 1, LabelStyle.LETTER, ""),
        ("b.", 2, 0, LabelStyle.LETTER_DOT, ""),
        ("ii.", 2, 0, LabelStyle.ROMAN_DOT, ""),
    ],
)
def test_parse(text: str, number: int, suffix: int, style: LabelStyle, prefix: str) -> None:
    label = Label.parse(text)
    assert (label.number, label.suffix, label.style, label.prefix) == (
        number,
        suffix,
        style,
        prefix,
    )


@pytest.mark.parametrize(
    "text", ["5", "12 bis", "-1", "PP3", "OP4 ter", "(a)", "(iv)", "b.", "ii. bis"]
)
def test_print_round_trip(text: str) -> None:
    assert str(Label.parse(text)) == text


def test_roman_look_alike_can_be_forced_to_letter() -> None:
    assert Label.parse("(i)").style is LabelStyle.ROMAN
    assert Label.parse("(i)", style=LabelStyle.LETTER).number == 9


def test_latin_ordinal_order() -> None:
    labels = [Label.parse(f"12 {s}") for s in reversed(LATIN_SUFFIXES)]
    labels += [Label.parse("13"), Label.parse("12"), Label.parse("11 decies")]
    assert [str(x) for x in sorted(labels)] == [
        "11 decies",
        "12",
        *(f"12 {s}" for s in LATIN_SUFFIXES),
        "13",
    ]


def test_after_walks_the_suffixes_and_stops_at_decies() -> None:
    label = Label.parse("7")
    seen = []
    for _ in LATIN_SUFFIXES:
        label = label.after()
        seen.append(str(label))
    assert seen == [f"7 {s}" for s in LATIN_SUFFIXES]
    with pytest.raises(LabelError, match="renumber"):
        label.after()


@pytest.mark.parametrize("text", ["", "bis", "5 bsi", "(a1)", "(ab)", "12.5", "PP"])
def test_bad_labels_say_how_to_write_one(text: str) -> None:
    with pytest.raises(LabelError) as info:
        Label.parse(text)
    assert isinstance(info.value, ValueError)
    assert "label" in str(info.value)


def test_suffix_out_of_range() -> None:
    with pytest.raises(LabelError, match="out of range"):
        Label(3, suffix=10)


def test_prefix_is_checked() -> None:
    with pytest.raises((LabelError, ValidationError, ValueError)):
        Label(3, prefix="XX")


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(number: int) -> None:
    assert parse_roman(format_roman(number)) == number


@given(
    st.integers(min_value=-3, max_value=500),
    st.integers(min_value=0, max_value=len(LATIN_SUFFIXES)),
    st.sampled_from(["", "PP", "OP"]),
)
def test_number_label_round_trip(number: int, suffix: int, prefix: str) -> None:
    label = Label(number, suffix, LabelStyle.NUMBER, prefix)
    assert Label.parse(str(label)) == label


@given(
    st.integers(min_value=1, max_value=80),
    st.sampled_from([LabelStyle.LETTER, LabelStyle.LETTER_DOT]),
)
def test_letter_label_round_trip(number: int, style: LabelStyle) -> None:
    label = Label(number, 0, style)
    assert Label.parse(str(label), style=style) == label
