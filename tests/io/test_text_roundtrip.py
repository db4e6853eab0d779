"""Round trips of the text format: read(write(draft)) == draft for the drafts the reader makes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.errors import ParseError
from consensus_text.io.text import read_text_draft, write_text_draft
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

WORDS = [
    "States",
    "shall",
    "should",
    "the",
    "PoA",
    "capacity-building",
    "norms",
    "Recalling",
    "Decides",
    "international law",
    "A/RES/77/37",
    "and/or",
    "2021/2025",
    "[^1]",
    "[sic]",
    "20XX",
    "[X]",
    "[Placeholder for finance]",
    "{Placeholder on review}",
    "[shall][should]",
    "[shall/should]",
    "[strengthen [further]]{EU}",
    "[",
    "]",
    "]]",
    "{",
    "}",
    "{EU}",
    "{EU, G77}",
    ":",
    ",",
    ";",
    ".",
    "\\",
    "#",
    "Option 1:",
    "End of options",
    "1.",
    "(a)",
    "i.",
    "2026.",
    "Symbol:",
]

text_strategy = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)

LINE_TEMPLATES = [
    "",
    "",
    "# {t}",
    "## {t}",
    "### {t} ##",
    "Symbol: A/AC.292/2025/L.1",
    "PP1. {t}",
    "PP 2 bis. {t}",
    "1. {t}",
    "2. {t}",
    "12 bis. {t}",
    "-1. {t}",
    "1000. {t}",
    "(a) {t}",
    "(b) {t}",
    "(h) {t}",
    "(i) {t}",
    "(ii) {t}",
    "(v) {t}",
    "a. {t}",
    "i. {t}",
    "x. {t}",
    "{t}",
    "{t}",
    "{t}:",
    "{t},",
    "  {t}",
    "\\{t}",
    "Option 1:",
    "Option 2: No text",
    "Option 2:",
    "Alt 1 {{EU}}:",
    "Alt 2: {t}",
    "Option (a): {t}",
    "End of options",
    "[^1]: {t}",
    "{t} {{EU, G77}}",
]

line_strategy = st.builds(
    lambda template, text: template.format(t=text), st.sampled_from(LINE_TEMPLATES), text_strategy
)
document_strategy = st.lists(line_strategy, max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(document_strategy)
def test_read_write_read_is_the_same_draft(text: str) -> None:
    first = read_text_draft(text)
    written = write_text_draft(first.draft, footnotes=first.footnotes)
    second = read_text_draft(written)
    assert second.draft == first.draft
    assert second.footnotes == first.footnotes
    assert write_text_draft(second.draft, footnotes=second.footnotes) == written


@settings(max_examples=150, deadline=None)
@given(document_strategy)
def test_strict_raises_exactly_when_lenient_reports(text: str) -> None:
    lenient = read_text_draft(text)
    if lenient.is_clean:
        assert read_text_draft(text, strict=True).is_clean
        return
    first = lenient.diagnostics[0]
    with pytest.raises(ParseError) as info:
        read_text_draft(text, strict=True)
    assert (info.value.line, info.value.column, info.value.message) == (
        first.line,
        first.column,
        first.message,
    )


CLEAN_TEXTS = [
    "Decides to [establish][convene] a programme of action",
    "States [shall/should] submit [voluntary] national implementation reports",
    "convene review conferences every [four] years, the first in 20XX",
    "[Placeholder for confidence-building measures]",
    "support [the implementation of [the framework]]{EU} of responsible State behaviour",
]


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """Drafts as the reader makes them: numbered operative paragraphs, some chapeaux with
    lettered sub-paragraphs, attributions, headings and named options."""
    paragraphs: list[Paragraph] = []
    groups: list[OptionGroup] = []

    def new_id() -> str:
        return f"p{len(paragraphs) + 1}"

    number = 0
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.sampled_from(["paragraph", "chapeau", "heading", "options"]))
        if choice == "heading":
            paragraphs.append(Paragraph(new_id(), ParagraphKind.HEADING, "II. Participation"))
            continue
        if choice == "options":
            options = []
            first = number + 1
            for k in range(draw(st.integers(2, 3))):
                ids = []
                for j in range(draw(st.integers(0, 2))):
                    pid = new_id()
                    ids.append(pid)
                    paragraphs.append(
                        Paragraph(
                            pid,
                            ParagraphKind.OPERATIVE,
                            draw(st.sampled_from(CLEAN_TEXTS)) + ";",
                            label=Label(first + j),
                        )
                    )
                attribution = draw(st.sampled_from([(), ("EU",), ("G77", "AGN")]))
                options.append(Option(f"Option {k + 1}", tuple(ids), attribution))
                number = max(number, first + len(ids) - 1)
            groups.append(OptionGroup(f"g{len(groups) + 1}", tuple(options)))
            continue
        number += 1
        chapeau = choice == "chapeau"
        text = draw(st.sampled_from(CLEAN_TEXTS)) + (":" if chapeau else ";")
        attribution = draw(st.sampled_from([(), ("EU",), ("CHN", "RUS")]))
        pid = new_id()
        paragraphs.append(
            Paragraph(pid, ParagraphKind.OPERATIVE, text, Label(number), attribution=attribution)
        )
        if chapeau:
            for k in range(draw(st.integers(1, 12))):
                paragraphs.append(
                    Paragraph(
                        new_id(),
                        ParagraphKind.OPERATIVE,
                        draw(st.sampled_from(CLEAN_TEXTS)) + ";",
                        Label(k + 1, style=LabelStyle.LETTER),
                        parent=pid,
                    )
                )
    title = draw(st.sampled_from(["", "Programme of Action on ICT security"]))
    symbol = draw(st.sampled_from(["", "A/AC.292/2025/L.1"]))
    return Draft(title, symbol, tuple(paragraphs), tuple(groups))


@settings(max_examples=100, deadline=None)
@given(drafts())
def test_generated_drafts_round_trip(draft: Draft) -> None:
    result = read_text_draft(write_text_draft(draft))
    assert result.draft == draft
