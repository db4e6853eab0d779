"""Clean-up of text extracted from PDF: page furniture, hyphenation, footnotes, emphasis."""

from __future__ import annotations

import pytest

from consensus_text.io.text import clean_extracted_text, read_text_draft

# Three pages of a draft as pdftotext gives them: running header (symbol), footer (job number
# and page), a sentence cut by the page break, hyphenation, footnote numbers glued to words.
EXTRACTED = """A/AC.292/2025/L.1

Programme of action to advance responsible State behaviour in the use of ICTs

1. Decides to establish a programme of action as a permanent, inclusive, action-
oriented mechanism, building on the consensus outcomes of the open-ended working
group1 and the estab-
lishment of a global points-of-contact directory;

2. Decides also that the PoA shall hold formal meetings once a year and that the
25-01234 1/3
\fA/AC.292/2025/L.1

technical working groups shall meet in the intersessional period;

3. Requests the Secretariat to *[compile*] the national implementation reports
submitted on a voluntary basis,2 and to support capacity-
building for developing countries;
25-01234 2/3
\fA/AC.292/2025/L.1

4. Decides that the PoA shall adopt its decisions by consensus.”3
- (a) at its annual meetings;
¹ A/78/265, para. 12.
25-01234 3/3
"""


def test_realistic_extracted_snippet() -> None:
    cleaned = clean_extracted_text(EXTRACTED)
    result = read_text_draft(cleaned.text)
    texts = [p.text for p in result.draft]
    assert texts == [
        "Programme of action to advance responsible State behaviour in the use of ICTs",
        "Decides to establish a programme of action as a permanent, inclusive, "
        "action-oriented mechanism, building on the consensus outcomes of the open-ended "
        "working group[^1] and the establishment of a global points-of-contact directory;",
        "Decides also that the PoA shall hold formal meetings once a year and that the "
        "technical working groups shall meet in the intersessional period;",
        "Requests the Secretariat to [compile] the national implementation reports submitted "
        "on a voluntary basis,[^2] and to support capacity-building for developing countries;",
        "Decides that the PoA shall adopt its decisions by consensus.”[^3]",
        "at its annual meetings;",
    ]
    assert result.footnotes == (("1", "A/78/265, para. 12."),)
    kinds = [(c.line, c.kind) for c in cleaned.changes]
    assert kinds == [
        (1, "page-header"),
        (5, "hyphenation"),
        (7, "hyphenation"),
        (7, "footnote-marker"),
        (11, "page-number"),
        (12, "form-feed"),
        (12, "page-header"),
        (13, "page-break"),
        (16, "emphasis"),
        (17, "hyphenation"),
        (17, "footnote-marker"),
        (19, "page-number"),
        (20, "form-feed"),
        (20, "page-header"),
        (22, "footnote-marker"),
        (23, "bullet"),
        (24, "footnote-marker"),
        (25, "page-number"),
    ]
    by_kind = {c.kind: c for c in reversed(cleaned.changes)}  # the first of each kind
    assert str(by_kind["emphasis"]) == "16: emphasis: '*[compile*]' -> '[compile]'"
    assert by_kind["page-number"].before == "25-01234 1/3"


def test_locate_maps_back_to_the_original_lines() -> None:
    cleaned = clean_extracted_text(EXTRACTED)
    lines = cleaned.text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("technical"))
    assert cleaned.locate(index + 1, 1) == (14, 1)
    index = next(i for i, line in enumerate(lines) if "[compile]" in line)
    column = lines[index].index("[compile]") + 1
    assert cleaned.locate(index + 1, column) == (16, 33)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the capacity-\nbuilding programmes", "the capacity-building\nprogrammes"),
        ("their estab-\nlishment, and", "their establishment,\nand"),
        ("the multi-\nstakeholder approach", "the multi-stakeholder\napproach"),
        ("the ICT-\nrelated threats", "the ICT-related\nthreats"),
        ("the inter-\nsessional period", "the intersessional\nperiod"),
        # the document's own spelling wins over the lists
        ("videoconferences and video-\nconferences", "videoconferences and videoconferences"),
        ("re-establish and re-\nestablish", "re-establish and re-establish"),
    ],
)
def test_hyphenation(text: str, expected: str) -> None:
    assert clean_extracted_text(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("States1 shall", "States[^1] shall"),
        ("as noted in the report.12 The", "as noted in the report.[^12] The"),
        ("“results-based”3.", "“results-based”[^3]."),
        ("if appropriate5, of the", "if appropriate[^5], of the"),
        ("States¹ shall", "States[^1] shall"),
        # not footnotes
        ("A/RES/77/37 and G77 and A/77/L.1/Rev.1 and COVID-19", None),
        ("in 2019-2021 and paras. 12 and Rev.2 of the text", None),
        ("see para.3 and No.4", None),
    ],
)
def test_footnote_markers(text: str, expected: str | None) -> None:
    assert clean_extracted_text(text).text == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("States *[shall*] act", "States [shall] act"),
        ("States **[shall]** act", "States **[shall]** act"),
        ("States [*shall]* act", "States [shall] act"),
        ("*emphasis* only", "*emphasis* only"),
    ],
)
def test_emphasis_crossing_brackets(text: str, expected: str) -> None:
    assert clean_extracted_text(text).text == expected


def test_double_spacing_is_undone() -> None:
    text = (
        "Sponsors consider that the PoA should remain a First Committee process and \n\n"
        "report to the United Nations General Assembly. \n\n \n\n"
        "Periodicity: taking into account the need for regular meetings, the \n\n"
        "sponsors believe that review conferences could take place every four \n\n"
        "years for ten working days. \n"
    )
    result = read_text_draft(clean_extracted_text(text).text)
    assert [p.text for p in result.draft] == [
        "Sponsors consider that the PoA should remain a First Committee process and report "
        "to the United Nations General Assembly.",
        "Periodicity: taking into account the need for regular meetings, the sponsors believe "
        "that review conferences could take place every four years for ten working days.",
    ]


def test_single_line_paragraphs_are_not_taken_for_double_spacing() -> None:
    text = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth.\n\nFifth.\n"
    assert clean_extracted_text(text).text == text


def test_clean_text_is_left_alone() -> None:
    text = "# PoA\n\n1. Decides to [establish][convene] a PoA;\n\n2. Requests [X] reports.\n"
    cleaned = clean_extracted_text(text)
    assert (cleaned.text, cleaned.changes) == (text, ())
