"""HTML views for Jupyter: escaping, visible brackets, colours by status, well-formed markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from consensus_text.analysis import (
    render_draft_html,
    render_paragraph_html,
    render_report_html,
    render_text_html,
)
from consensus_text.analysis._colours import STATUS_COLOURS
from consensus_text.consensus import ConsensusReport, Status, compute_report
from consensus_text.demo import build_poa_negotiation
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.snapshot import Snapshot

OP = ParagraphKind.OPERATIVE
VOID = {"br"}


class _Balance(HTMLParser):
    """Checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def assert_well_formed(markup: str) -> None:
    parser = _Balance()
    parser.feed(markup)
    parser.close()
    assert parser.stack == []


def text_of(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


TEXTS = [
    "Decides to act;",
    "States [shall][should] act;",
    "States [shall] [should] act;",
    "States [shall/should] act [promptly]{EU, G77};",
    "Decides [to [convene [a [review]]] conference];",
    "[Placeholder for finance] by 20XX <b>&amp;</b>",
    "Recalling A/RES/77/37 and/or [sic] [^1],",
    "[a]] b [unclosed",
    "Line one\nline [two]",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_text_content_is_the_source_text(text: str) -> None:
    markup = render_text_html(text)
    assert text_of(markup) == text
    assert_well_formed(markup)
    paragraph = render_paragraph_html(Paragraph("p", OP, text, label=Label.parse("1")))
    assert text_of(paragraph) == "1" + text
    assert_well_formed(paragraph)


def test_markup_in_the_text_is_escaped() -> None:
    markup = render_text_html("Decides <script>alert('x')</script> [now];")
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("a [b [c]]", ["ct-bracket ct-depth-1", "ct-bracket ct-depth-2"]),
        ("[shall][should]", ["ct-alternatives", "ct-bracket ct-depth-1", "ct-bracket ct-depth-1"]),
        ("[shall/should]", ["ct-alternatives ct-bracket ct-depth-1"]),
        ("[Placeholder for finance]", ["ct-placeholder"]),
        ("[X] and [shall]{EU}", ["ct-placeholder", "ct-bracket ct-depth-1", "ct-attribution"]),
        ("no brackets", []),
    ],
)
def test_contested_elements_are_marked(text: str, classes: list[str]) -> None:
    assert re.findall(r'class="([^"]+)"', render_text_html(text)) == classes


def _small_report() -> tuple[Draft, ConsensusReport]:
    draft = Draft(
        title="Programme <of> Action",
        symbol="A/AC.292/L.1",
        paragraphs=(
            Paragraph("h", ParagraphKind.HEADING, "I. Scope"),
            Paragraph("p1", OP, "Decides to convene meetings;", label=Label.parse("1")),
            Paragraph("p2", OP, "Decides to [establish][convene] a PoA:", label=Label.parse("2")),
            Paragraph("p2a", OP, "annual meetings;", label=Label.parse("(a)"), parent="p2"),
            Paragraph("p3", OP, "Requests a report.", label=Label.parse("3")),
            Paragraph("p4", OP, "Gone.", label=Label.parse("4"), deleted=True),
        ),
    )
    snapshot = Snapshot(draft=draft, positions=(Position("RUS", "p3", PositionKind.OBJECTION),))
    return draft, compute_report(snapshot, "oewg")


def test_paragraph_with_status_is_coloured_and_names_objectors() -> None:
    draft, report = _small_report()
    markup = render_paragraph_html(draft.paragraph("p3"), report.paragraph("p3"))
    assert "ct-status-blocked" in markup
    assert STATUS_COLOURS[Status.BLOCKED] in markup
    assert "objection: RUS" in markup
    assert 'title="formal objection by RUS"' in markup
    assert_well_formed(markup)
    plain = render_paragraph_html(draft.paragraph("p1"))
    assert "ct-status" not in plain and "#bdbdbd" in plain


def test_draft_html() -> None:
    draft, report = _small_report()
    markup = render_draft_html(draft, report)
    assert_well_formed(markup)
    assert "Programme &lt;of&gt; Action" in markup and "A/AC.292/L.1" in markup
    assert 'class="ct-heading"' in markup
    assert markup.count('class="ct-paragraph') == 4  # the tombstone is hidden
    assert "margin:2px 0 2px 1.5em" in markup  # (a) is indented under its chapeau
    assert "not adoptable" in markup and "1 blocked" in markup
    for status in ("consensus_ready", "pending", "blocked"):
        assert f"ct-status-{status}" in markup
    shown = render_draft_html(draft, show_deleted=True)
    assert "ct-deleted" in shown and "line-through" in shown
    assert "ct-status" not in shown


def test_report_html_has_one_row_per_paragraph() -> None:
    _, report = _small_report()
    markup = render_report_html(report)
    assert_well_formed(markup)
    body = markup.split("<tbody>")[1]
    assert body.count("<tr") == len(report.paragraphs) == 4
    assert "1 contested element remains" in markup
    assert markup.index(">1<") < markup.index(">2<") < markup.index(">(a)<") < markup.index(">3<")


def test_every_demo_paragraph_renders_its_exact_text() -> None:
    neg = build_poa_negotiation()
    state = neg.state
    report = compute_report(state, "oewg")
    markup = render_draft_html(state.draft, report)
    assert_well_formed(markup)
    for paragraph in state.draft.active():
        rendered = render_paragraph_html(paragraph)
        assert text_of(rendered) == paragraph.display_label + paragraph.text
    assert markup.count('class="ct-paragraph') == len(report.paragraphs)
    assert_well_formed(render_report_html(report))
