"""Revision summaries: counts, words, contested elements added and removed, authors."""

from __future__ import annotations

import pytest

from consensus_text.align import AlignmentKind, align_drafts
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
from consensus_text.summary import format_summary, summarize_revisions

K = AlignmentKind
OP = ParagraphKind.OPERATIVE

ESTABLISH = "Decides to establish a permanent mechanism to advance responsible State behaviour;"
MEETINGS = "Decides that the mechanism shall hold annual meetings [in New York];"
REPORTS = "Encourages Member States to submit voluntary national [implementation] reports;"
STAKEHOLDERS = "Invites stakeholders to contribute [on a [non-objection] basis] to its work;"
REVIEW = "Decides to convene a review conference every four years."


def draft(prefix: str, *texts: str) -> Draft:
    return Draft(
        paragraphs=[
            Paragraph(f"{prefix}{k}", OP, text, label=Label(k)) for k, text in enumerate(texts, 1)
        ]
    )


@pytest.fixture
def drafts() -> tuple[Draft, Draft]:
    old = draft("o", ESTABLISH, MEETINGS, REPORTS, STAKEHOLDERS, REVIEW)
    new = draft(
        "n",
        ESTABLISH,
        "Decides that the mechanism shall hold [annual][biennial]{USA, RUS} meetings in New York;",
        "Requests the Secretariat to support the work of the mechanism;",
        "Invites stakeholders to contribute [on a non-objection basis] to its work;",
        REVIEW,
    )
    return old, new


def test_counts_words_and_elements(drafts: tuple[Draft, Draft]) -> None:
    old, new = drafts
    summary = summarize_revisions(old, new, authors={"n2": "USA", "o2": "RUS", "n3": "Chair"})
    assert summary.counts[K.UNCHANGED] == 2 and summary.counts[K.EDITED] == 2
    assert summary.counts[K.NEW] == 1 and summary.counts[K.DELETED] == 1
    assert summary.counts[K.SPLIT] == 0
    assert summary.changed == 4
    assert (summary.old_paragraphs, summary.new_paragraphs) == (5, 5)
    assert (summary.old_brackets, summary.new_brackets) == (4, 3)

    meetings = summary.of_kind(K.EDITED)[0]
    assert meetings.pairing.old_ids == ("o2",) and meetings.authors == ("USA", "RUS")
    assert meetings.words_added == 1 and meetings.words_removed == 0  # "biennial"; USA is data
    [added] = meetings.elements_added
    assert (added.kind, added.source, added.attribution, added.added) == (
        "alternatives",
        "[annual][biennial]{USA, RUS}",
        ("USA", "RUS"),
        True,
    )
    assert [e.source for e in meetings.elements_removed] == ["[in New York]"]

    # Accepting the inner bracket of a nested pair removes the inner one only.
    stakeholders = summary.of_kind(K.EDITED)[1]
    assert [e.source for e in stakeholders.elements_removed] == ["[non-objection]"]
    assert stakeholders.elements_added == () and stakeholders.words_added == 0

    new_paragraph = summary.of_kind(K.NEW)[0]
    assert new_paragraph.words_added == 10 and new_paragraph.authors == ("Chair",)
    deleted = summary.of_kind(K.DELETED)[0]
    assert deleted.words_removed == 9 and [e.source for e in deleted.elements_removed] == [
        "[implementation]"
    ]
    assert summary.brackets_added == 1 and summary.brackets_removed == 3
    assert summary.words_added == 11 and summary.words_removed == 9
    by_author = summary.by_author()
    assert set(by_author) == {"USA", "RUS", "Chair", None}
    assert by_author[None] == (deleted, stakeholders)


def test_format_summary(drafts: tuple[Draft, Draft]) -> None:
    old, new = drafts
    text = format_summary(summarize_revisions(old, new, authors={"n2": "USA"}))
    lines = text.splitlines()
    assert lines[0] == "Revision summary: 5 paragraphs -> 5 paragraphs"
    assert lines[1] == "  1 new, 1 deleted, 2 edited, 2 unchanged"
    assert lines[2] == "  words: +11 -9; contested elements: +1 -3; bracket pairs: 4 -> 3"
    assert (
        "  2: edited (kept 0.96) by USA; words +1 -0; added [annual][biennial]{USA, RUS} "
        "(USA, RUS); removed [in New York]"
    ) in lines
    assert any(line.startswith("  3: new") for line in lines)
    assert any(line.startswith("  3: deleted") and "[implementation]" in line for line in lines)


def test_summary_of_moves_splits_and_renumbering() -> None:
    whole = (
        "Decides that the mechanism shall hold annual meetings of one week in New York "
        "[and a review conference every four years in Geneva];"
    )
    old = draft("o", ESTABLISH, whole, REPORTS, REVIEW)
    split_a = "Decides that the mechanism shall hold annual meetings of one week in New York;"
    split_b = "Also decides that the mechanism shall hold a review conference [in Geneva];"
    new = draft("n", REVIEW, ESTABLISH, split_a, split_b, REPORTS)
    alignment = align_drafts(old, new)
    summary = summarize_revisions(old, new, alignment=alignment)
    assert summary.counts[K.SPLIT] == 1
    split = summary.of_kind(K.SPLIT)[0]
    assert split.old_labels == ("2",) and split.new_labels == ("3", "4")
    assert [e.source for e in split.elements_added] == ["[in Geneva]"]
    assert [e.source for e in split.elements_removed] == [
        "[and a review conference every four years in Geneva]"
    ]
    assert split.words_added == 7 and split.words_removed == 4
    text = format_summary(summary)
    assert "  3, 4 (was 2): split (kept" in text
    assert "  1 (was 4): moved" in text
    assert "renumbered" in text


def test_ambiguities_are_listed() -> None:
    old = draft("o", MEETINGS, MEETINGS.replace("annual", "biennial"))
    new = draft("n", MEETINGS.replace("annual", "yearly"))
    summary = summarize_revisions(old, new)
    assert summary.ambiguities
    assert "ambiguous pairing(s) to check" in format_summary(summary)


def test_nothing_changed() -> None:
    old = draft("o", ESTABLISH, REVIEW)
    summary = summarize_revisions(old, draft("n", ESTABLISH, REVIEW))
    assert summary.changes == () and summary.changed == 0
    assert format_summary(summary).splitlines()[1] == "  2 unchanged"
