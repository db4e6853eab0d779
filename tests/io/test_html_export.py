"""The HTML export: content, structure, accessibility, escaping, changes, writing.

Every check reads the page the way a browser's parser does (:mod:`html.parser`), into a small
element tree, so it speaks of elements and attributes, not of strings in the output.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from attrs import define, field
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.consensus import ConsensusReport, DocumentStatus, Status, compute_report
from consensus_text.demo import SYMBOL, TITLE, build_poa_negotiation
from consensus_text.errors import ExportError, ValidationError
from consensus_text.io.html import CONTENT_SECURITY_POLICY, export_html, render_html
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.positions import Position, PositionKind
from consensus_text.model.revisions import Revision, RevisionKind
from consensus_text.model.snapshot import Snapshot

# ----------------------------------------------------------------------------------------------
# A small DOM

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


@define(eq=False)
class Element:
    """An element of the parsed page."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, Element))

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """The elements below this one (not itself) with this tag and class, in order."""
        return [
            e
            for e in self.iter()
            if e is not self and (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> in <{self.tag} {self.attrs}>"
        return found[0]

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        """The text content; elements whose tag is in ``skip`` are left out."""
        out: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                out.append(item)
            elif item.tag not in skip or item is self:
                stack.extend(reversed(item.children))
        return "".join(out)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.start_tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.declarations: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.start_tags.append((tag, attributes))
        element = Element(tag, {k: v or "" for k, v in attributes}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.start_tags.append((tag, attributes))
        self.current.children.append(Element(tag, {k: v or "" for k, v in attributes}))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)


def parse_page(page: str) -> _Builder:
    """The page parsed: ``.root`` the element tree, ``.start_tags`` every start tag."""
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> never closed"
    return builder


def by_paragraph(root: Element) -> dict[str, Element]:
    """The list item of each paragraph, by paragraph id."""
    return {
        e.attrs["data-paragraph-id"]: e
        for e in root.find_all("li", "para")
        if "data-paragraph-id" in e.attrs
    }


def own_text(item: Element) -> Element:
    """The text element of a paragraph's own item (not of its sub-paragraphs)."""
    return item.find("div", "para-main").find("p", "text")


_TAGS = frozenset(
    {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "span",
        "section", "dl", "div", "dt", "dd", "details", "summary", "ul", "li", "table",
        "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "nav", "ol", "a", "main",
        "footer", "time", "ins", "del",
    }
)  # fmt: skip
_ATTRIBUTES = frozenset(
    {
        "lang", "charset", "http-equiv", "content", "name", "id", "class", "href", "dir",
        "title", "datetime", "scope", "aria-hidden", "aria-labelledby",
    }
)  # fmt: skip
_METAS = (
    {"charset": "utf-8"},
    {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY},
    {"name": "referrer", "content": "no-referrer"},
    {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    {"name": "generator", "content": "consensus_text"},
)


def security_problems(page: str) -> list[str]:
    """What could run or load in a page; a hostile text must never produce any of it.

    Allowed: a fixed set of elements; a fixed set of attributes plus inert ``data-*`` ones (so
    no ``on*`` handler, no ``src``, no ``style``); links only to the page's own anchors (so no
    ``javascript:`` URL); the page's own meta tags (so no refresh); no ``url()`` or
    ``@import`` in the style block; no ``<script`` anywhere in the source.
    """
    parsed = parse_page(page)
    problems = []
    for tag, attributes in parsed.start_tags:
        if tag not in _TAGS:
            problems.append(f"element <{tag}>")
        for name, value in attributes:
            if name not in _ATTRIBUTES and not re.fullmatch(r"data-[a-z-]+", name):
                problems.append(f"attribute {name}= on <{tag}>")
            if name == "href" and not re.fullmatch(r"#[A-Za-z0-9_-]+", value or ""):
                problems.append(f"link away from the page: {value!r}")
        if tag == "meta" and {k: v or "" for k, v in attributes} not in _METAS:
            problems.append(f"meta {attributes}")
    if re.search(r"<\s*script", page, re.IGNORECASE):
        problems.append("'<script' in the source")
    style = "".join(e.text() for e in parsed.root.find_all("style"))
    if re.search(r"url\(|@import|expression\(|javascript:", style, re.IGNORECASE):
        problems.append("a resource in the style block")
    return problems


# ----------------------------------------------------------------------------------------------
# Fixtures

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def op(pid: str, text: str, label: str | None = None, **kwargs: object) -> Paragraph:
    return Paragraph(
        pid,
        ParagraphKind.OPERATIVE,
        text,
        label=Label.parse(label) if label else None,
        **kwargs,  # type: ignore[arg-type]
    )


def snapshot_of(*paragraphs: Paragraph, **kwargs: object) -> Snapshot:
    draft = Draft(title="Test draft", symbol="A/AC.1/L.1", paragraphs=paragraphs)
    return Snapshot(draft=draft, **kwargs)  # type: ignore[arg-type]


EMPTY_REPORT = ConsensusReport(
    document=DocumentStatus(adoptable=False, counts=dict.fromkeys(Status, 0)), paragraphs=()
)


@pytest.fixture(scope="module")
def demo() -> tuple[Snapshot, ConsensusReport, str]:
    neg = build_poa_negotiation()
    snapshot = neg.snapshot(revision=neg.revisions[-1])
    report = compute_report(snapshot, "oewg")
    return snapshot, report, render_html(snapshot, report=report)


@pytest.fixture(scope="module")
def demo_changes() -> tuple[Snapshot, Snapshot, str]:
    neg = build_poa_negotiation()
    before, after = neg.snapshot(revision="Rev.1"), neg.state
    return before, after, render_html(after, since=before)


# ----------------------------------------------------------------------------------------------
# The demo negotiation, paragraph by paragraph


def test_page_is_a_self_contained_html5_document(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    _, _, page = demo
    parsed = parse_page(page)
    assert parsed.declarations == ["DOCTYPE html"]
    html_element = parsed.root.find("html")
    assert html_element.attrs["lang"] == "en"
    metas = parsed.root.find_all("meta")
    assert {"charset": "utf-8"} in [m.attrs for m in metas]
    csp = [m for m in metas if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert [m.attrs["content"] for m in csp] == [CONTENT_SECURITY_POLICY]
    assert security_problems(page) == []
    assert "@media print" in parsed.root.find("style").text()


def test_title_symbol_and_revision_are_shown(demo: tuple[Snapshot, ConsensusReport, str]) -> None:
    snapshot, _, page = demo
    root = parse_page(page).root
    assert root.find("h1").text() == TITLE
    assert root.find("p", "symbol").text() == SYMBOL
    assert SYMBOL in root.find("title").text()
    revision = root.find("p", "revision")
    assert revision.text().startswith("Rev.3 (Revision), issued by Chair on 19 June 2026")
    assert revision.find("time").attrs["datetime"] == snapshot.revisions[-1].issued_at.isoformat()


def test_every_paragraph_shows_its_label_text_status_and_markup(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    snapshot, report, page = demo
    items = by_paragraph(parse_page(page).root)
    shown = [p for p in snapshot.draft.active() if p.kind is not ParagraphKind.HEADING]
    assert set(items) == {p.id for p in shown}
    for paragraph in shown:
        item = items[paragraph.id]
        status = report.paragraph(paragraph.id).status
        assert item.attrs["data-status"] == status.value
        assert f"status-{status.value}" in item.classes
        # The text exactly as negotiated, brackets and all, read back from the markup.
        text = own_text(item)
        assert text.text() == paragraph.text
        assert text.attrs["dir"] == "auto"
        label = item.find("div", "para-main").find("span", "label").text()
        assert label in {str(paragraph.label), f"{paragraph.label}.", f"PP{paragraph.label}"}
        tree = paragraph.tree
        assert len(text.find_all("span", "bracket")) == tree.brackets
        assert len(text.find_all("span", "alternatives")) == tree.alternative_groups
        assert len(text.find_all("span", "placeholder")) == len(tree.placeholders)
        numbered = [e for e in text.iter() if "data-element" in e.attrs]
        assert [int(e.attrs["data-element"]) for e in numbered] == [
            e.index for e in tree.elements()
        ]
        kinds = {"bracket": "bracket", "alternatives": "alternatives", "placeholder": "placeholder"}
        assert [next(iter(e.classes & set(kinds))) for e in numbered] == [
            e.kind for e in tree.elements()
        ]
        for element in numbered:
            if "bracket" in element.classes:
                depth = tree.elements()[int(element.attrs["data-element"]) - 1].depth
                assert element.attrs["data-depth"] == str(depth)


def test_brackets_keep_their_literal_characters(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    _, _, page = demo
    root = parse_page(page).root
    brackets = [b for item in by_paragraph(root).values() for b in own_text(item).find_all(
        "span", "bracket")]  # fmt: skip
    assert brackets, "the demo has brackets"
    for bracket in brackets:
        marks = [
            m.text() for m in bracket.children if isinstance(m, Element) and "mark" in m.classes
        ]
        assert marks == ["[", "]"] or (marks[:1] == ["["] and marks[-1:] == ["]"])


def test_status_is_written_in_words_not_colour_alone(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    _, report, page = demo
    items = by_paragraph(parse_page(page).root)
    for status in report.paragraphs:
        badge = items[status.paragraph_id].find("p", "meta").find("span", "badge")
        assert badge.text().endswith(status.status.title)
        assert badge.attrs["data-status"] == status.status.value


def test_reasons_are_in_a_details_element_and_on_hover(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    _, report, page = demo
    items = by_paragraph(parse_page(page).root)
    with_reasons = [s for s in report.paragraphs if s.reasons]
    assert any(s.status is Status.BLOCKED for s in with_reasons)
    for status in with_reasons:
        item = items[status.paragraph_id]
        details = [d for d in item.children if isinstance(d, Element) and d.tag == "details"]
        assert len(details) == 1
        assert details[0].find("summary").text().startswith(f"Why {status.status.title}")
        assert [li.text() for li in details[0].find_all("li")] == [
            r.message for r in status.reasons
        ]
        title = item.find("span", "badge").attrs["title"]
        assert title.startswith(status.reasons[0].message[:100])


def test_summary_counts_agreed_pending_blocked_and_brackets(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    snapshot, report, page = demo
    root = parse_page(page).root
    summary = root.find("section")
    assert summary.attrs["id"] == "summary"
    totals = {
        div.attrs["data-group"]: int(div.find("dd").text())
        for div in summary.find("dl", "totals").find_all("div")
    }
    counts = report.document.counts
    agreed = (
        Status.AGREED_IN_INFORMALS,
        Status.AGREED_AD_REFERENDUM,
        Status.CONFIRMED,
        Status.ADOPTED,
    )
    assert totals == {
        "agreed": sum(counts[s] for s in agreed),
        "ready": counts[Status.CONSENSUS_READY],
        "pending": counts[Status.PENDING] + counts[Status.REOPENED],
        "blocked": counts[Status.BLOCKED],
        "brackets": sum(p.tree.brackets for p in snapshot.draft.active()),
    }
    assert totals["blocked"] > 0 and totals["pending"] > 0 and totals["brackets"] > 0
    rows = {
        tr.attrs["data-status"]: int(tr.find("td").text())
        for tr in summary.find("table").find("tbody").find_all("tr")
    }
    assert rows == {status.value: counts[status] for status in Status}


def test_table_of_contents_links_every_section_and_paragraph(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    snapshot, _, page = demo
    root = parse_page(page).root
    nav = root.find("nav")
    targets = [a.attrs["href"] for a in nav.find_all("a")]
    ids = {e.attrs["id"] for e in root.iter() if "id" in e.attrs}
    assert all(t.startswith("#") and t[1:] in ids for t in targets)
    items = by_paragraph(root)
    linked = {t[1:] for t in targets}
    assert {item.attrs["id"] for item in items.values()} <= linked
    headings = [p for p in snapshot.draft.active() if p.kind is ParagraphKind.HEADING]
    section_titles = [h.text() for h in root.find("main").find_all("h2")]
    assert section_titles == ["Preamble", *(h.text for h in headings)]
    assert len(targets) == 1 + len(section_titles) + len(items)


def test_sub_paragraphs_are_nested_lists_under_their_chapeau(
    demo: tuple[Snapshot, ConsensusReport, str],
) -> None:
    snapshot, _, page = demo
    items = by_paragraph(parse_page(page).root)
    children = [p for p in snapshot.draft.active() if p.parent is not None]
    assert children
    for child in children:
        item = items[child.id]
        assert item.parent is not None and item.parent.tag == "ol"
        assert item.parent.parent is items[child.parent]  # type: ignore[index]


def test_rendering_is_deterministic(demo: tuple[Snapshot, ConsensusReport, str]) -> None:
    snapshot, report, page = demo
    assert render_html(snapshot, report=report) == page
    assert render_html(snapshot) == page  # the same report when computed under "oewg"


# ----------------------------------------------------------------------------------------------
# Changes since an earlier revision


def test_changes_since_rev1_read_back_as_both_texts(
    demo_changes: tuple[Snapshot, Snapshot, str],
) -> None:
    before, after, page = demo_changes
    items = by_paragraph(parse_page(page).root)
    tally: dict[str, int] = {}
    for pid, item in items.items():
        change = item.attrs["data-change"]
        tally[change] = tally.get(change, 0) + 1
        text = own_text(item)
        new_text = text.text(skip=frozenset({"del"}))
        old_text = text.text(skip=frozenset({"ins"}))
        if change == "removed":
            assert new_text == "" and old_text == before.draft.paragraph(pid).text
        elif change == "new":
            assert new_text == after.draft.paragraph(pid).text and old_text == ""
        else:
            assert new_text == after.draft.paragraph(pid).text
            assert old_text == before.draft.paragraph(pid).text
            assert (change == "unchanged") == (old_text == new_text)
            assert (change == "unchanged") == (not text.find_all("ins") + text.find_all("del"))
    assert tally.get("changed", 0) > 0 and tally.get("new", 0) > 0 and tally.get("removed", 0) > 0
    summary = parse_page(page).root.find("p", "change-summary").text()
    assert summary == (
        f"Since Rev.1: {tally['changed']} paragraphs changed, {tally['new']} new, "
        f"{tally['removed']} removed."
    )


CHANGE_CASES = [
    # (old, new, expected inner HTML fragment)
    ("States [shall] act;", "States [should] act;", "<del>shall</del><ins>should</ins>"),
    ("a b c;", "a [x] c;", '<del>b</del><ins><span class="bracket" data-depth="1"'),
    ("Decides to [act];", "Decides to act;", "<del>[act]</del><ins>act</ins>"),
    ("[a b] c;", "[a] c;", '<span class="mark">[</span>a<del> b</del><span class="mark">]'),
    ("x;", "[y [z]]{EU} x;", '<ins><span class="bracket" data-depth="1"'),
]


@pytest.mark.parametrize(("old", "new", "fragment"), CHANGE_CASES)
def test_word_changes_nest_with_the_bracket_markup(old: str, new: str, fragment: str) -> None:
    page = render_html(snapshot_of(op("p1", new, "1")), since=snapshot_of(op("p1", old, "1")))
    assert fragment in page
    text = own_text(by_paragraph(parse_page(page).root)["p1"])
    assert text.text(skip=frozenset({"del"})) == new
    assert text.text(skip=frozenset({"ins"})) == old


def test_a_renumbered_paragraph_names_its_former_label() -> None:
    page = render_html(
        snapshot_of(op("p1", "Decides;", "2")), since=snapshot_of(op("p1", "Decides;", "1 bis"))
    )
    item = by_paragraph(parse_page(page).root)["p1"]
    assert item.find("span", "former-label").text() == "formerly 1 bis"


_PIECES = st.sampled_from(
    [
        "shall", "should", " ", "  ", ", ", ";", "[", "]", "[a]", "[b][c]", "[d] [e]", "[f/g]",
        "{EU}", "]{G77}", "[X]", "20XX", "[Placeholder for finance]", "[sic]", "and/or",
        "<b>", "&amp;", "\"'", "قرار", "\n", "A/RES/77/37", "[[h]]",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=80, deadline=None)
@given(old=_TEXTS, new=_TEXTS)
def test_any_change_reads_back_as_the_old_and_the_new_text(old: str, new: str) -> None:
    new_paragraph = op("p1", new or "x", "1")
    page = render_html(snapshot_of(new_paragraph), since=snapshot_of(op("p1", old or "x", "1")))
    parsed = parse_page(page)
    assert security_problems(page) == []
    text = own_text(by_paragraph(parsed.root)["p1"])
    assert text.text(skip=frozenset({"del"})) == (new or "x")
    assert text.text(skip=frozenset({"ins"})) == (old or "x")
    tree = new_paragraph.tree
    assert len(text.find_all("span", "bracket")) == tree.brackets
    assert len(text.find_all("span", "alternatives")) == tree.alternative_groups
    assert len(text.find_all("span", "placeholder")) == len(tree.placeholders)
    for inserted in text.find_all("ins"):  # never an <ins> or <del> inside another
        assert not inserted.find_all("ins") and not inserted.find_all("del")


# ----------------------------------------------------------------------------------------------
# Hostile text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '"><svg onload=alert(1)>',
    "</p></li></ol><script>alert(1)</script>",
    "<style>body{background:url(http://evil.example/x)}</style>",
    "</title></style><script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->",
    "<iframe src=//evil.example></iframe>",
    "[<script>alert(1)</script>] [a onmouseover=alert(1)][b] {Placeholder <b>x</b>}",
    "&lt;script&gt; &amp; &#x3C;script&#x3E;",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_paragraph_text_is_shown_as_text(payload: str) -> None:
    page = render_html(snapshot_of(op("p1", payload, "1"), op("p2", f"Decides {payload};", "2")))
    assert security_problems(page) == []
    items = by_paragraph(parse_page(page).root)
    assert own_text(items["p1"]).text() == payload
    assert own_text(items["p2"]).text() == f"Decides {payload};"


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_anywhere_in_the_snapshot_is_shown_as_text(payload: str) -> None:
    """Title, symbol, ids, attribution, option names, revision, position notes (reasons)."""
    pid = f'p"{payload}'
    paragraphs = (
        Paragraph("h1", ParagraphKind.HEADING, payload),
        op(pid, "Decides;", "1", attribution=(payload,)),
        op("p2", "Option text;", "2"),
    )
    draft = Draft(
        title=payload,
        symbol=payload,
        paragraphs=paragraphs,
        option_groups=(
            OptionGroup(payload, (Option(payload, ("p2",), (payload,)), Option(f"Alt {payload}"))),
        ),
    )
    snapshot = Snapshot(
        draft=draft,
        revisions=(Revision(payload, RevisionKind.REVISION, payload, T0, symbol=payload),),
        positions=(Position("FRA", pid, PositionKind.STUDY_RESERVATION, note=payload),),
    )
    since = Snapshot(draft=Draft(paragraphs=(op("gone", payload, "9"),)))
    page = render_html(snapshot, title=None, since=since)
    assert security_problems(page) == []
    root = parse_page(page).root
    assert root.find("h1").text() == payload
    assert root.find("p", "symbol").text() == payload
    assert root.find("title").text().startswith(payload)
    assert by_paragraph(root)[pid].find("details").find("li").text().endswith(payload + '"')
    assert root.find("li", "option-label").text().startswith(payload)
    assert root.find("li", "removed").find("del").text() == payload
    assert root.find("main").find("h2").text() == payload
    # The anchors stay plain: nothing but letters, digits, '-' and '_'.
    for element in root.iter():
        if "id" in element.attrs:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element.attrs["id"]), element.attrs["id"]


def test_a_hostile_page_title_argument_is_escaped() -> None:
    page = render_html(snapshot_of(op("p1", "x;", "1")), title="</title><script>x</script>")
    assert security_problems(page) == []
    assert parse_page(page).root.find("h1").text() == "</title><script>x</script>"


def test_characters_html_cannot_hold_are_replaced() -> None:
    page = render_html(snapshot_of(op("p1", "a\x00b\x0bc\ufffe;", "1")))
    assert own_text(by_paragraph(parse_page(page).root)["p1"]).text() == "a\ufffdb\ufffdc\ufffd;"


# ----------------------------------------------------------------------------------------------
# Languages and directions


def test_right_to_left_paragraphs_get_their_own_direction() -> None:
    arabic = "يقرر [إنشاء][عقد] برنامج عمل؛"
    page = render_html(snapshot_of(op("p1", arabic, "1"), op("p2", "Decides;", "2")), lang="ar")
    root = parse_page(page).root
    assert root.find("html").attrs["lang"] == "en"  # the page's own words
    assert root.find("main").attrs["lang"] == root.find("h1").attrs["lang"] == "ar"
    text = own_text(by_paragraph(root)["p1"])
    assert text.attrs["dir"] == "auto"
    assert text.text() == arabic
    assert len(text.find_all("span", "alternatives")) == 1
    assert root.find("h1").attrs["dir"] == "auto"


@pytest.mark.parametrize("lang", ["", "english language", 'en"><script>', "e", 3])
def test_a_bad_language_tag_is_refused(lang: str) -> None:
    with pytest.raises(ValidationError, match="is not a language tag; give a BCP 47 tag"):
        render_html(snapshot_of(op("p1", "x;", "1")), lang=lang)


# ----------------------------------------------------------------------------------------------
# Structure of less common drafts


def test_named_options_are_listed_before_their_paragraphs() -> None:
    draft = Draft(
        paragraphs=(
            op("p1", "Decides;", "1"),
            op("p2a", "Decides to act;", "2"),
            op("p2b", "Decides to wait;", "2"),
            op("p3", "Requests;", "3"),
        ),
        option_groups=(
            OptionGroup(
                "g", (Option("Option 1", ("p2a",)), Option("Option 2", ("p2b",)), Option("Alt 3"))
            ),
        ),
    )
    root = parse_page(render_html(Snapshot(draft=draft))).root
    order = [
        li.attrs.get("data-paragraph-id") or li.text().strip()
        for li in root.find("main").find("ol").children
        if isinstance(li, Element)
    ]
    assert order == ["p1", "Option 1:", "p2a", "Option 2:", "p2b", "Alt 3: No text", "p3"]


def test_a_draft_without_headings_or_report_entries_still_renders() -> None:
    heading_free = snapshot_of(op("p1", "Decides;", "1"), op("p2", "Notes;"))
    root = parse_page(render_html(heading_free, report=EMPTY_REPORT)).root
    items = by_paragraph(root)
    assert items["p2"].find("span", "badge").text() == "no status"
    assert "status-none" in items["p2"].classes
    assert root.find("main").find("h2").text() == "Opening paragraphs"
    toc = [a.text() for a in root.find("nav").find_all("a")]
    assert toc[-1].startswith("Notes;")


def test_an_empty_draft_renders() -> None:
    root = parse_page(render_html(Snapshot(draft=Draft()))).root
    assert root.find("h1").text() == "Untitled draft"
    assert by_paragraph(root) == {}


# ----------------------------------------------------------------------------------------------
# Writing


def test_export_to_a_path_is_atomic_and_utf8(tmp_path: Path) -> None:
    snapshot = snapshot_of(op("p1", "يقرر [x];", "1"))
    target = tmp_path / "draft.html"
    target.write_text("old")
    export_html(snapshot, target)
    assert target.read_bytes() == render_html(snapshot).encode("utf-8")
    assert os.listdir(tmp_path) == ["draft.html"]
    export_html(snapshot, str(tmp_path / "again.html"), title="Other")
    assert '<h1 dir="auto">Other</h1>' in (tmp_path / "again.html").read_text("utf-8")


def test_export_to_a_text_stream() -> None:
    snapshot = snapshot_of(op("p1", "Decides;", "1"))
    buffer = io.StringIO()
    export_html(snapshot, buffer, rules="ga_plenary")
    assert buffer.getvalue() == render_html(snapshot, rules="ga_plenary")


def test_export_to_a_missing_directory_says_so(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "draft.html"
    with pytest.raises(ExportError, match=r"directory .* does not exist; create the directory"):
        export_html(snapshot_of(op("p1", "x;", "1")), target)


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "draft.html"
    target.write_text("old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError, match="No space left on device; check the path"):
        export_html(snapshot_of(op("p1", "x;", "1")), target)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["draft.html"]


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<img src=x>",
        "<p onclick=alert(1)>x</p>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="https://example.org/">x</a>',
        "<meta http-equiv=refresh content='0;url=https://example.org/'>",
        "<p style=color:red>x</p>",
        "<style>@import 'https://example.org/a.css';</style>",
    ],
)
def test_the_security_check_itself_finds_executable_or_loading_content(snippet: str) -> None:
    """A control: the checker that the hostile-text tests rely on does catch each threat."""
    page = render_html(snapshot_of(op("p1", "x;", "1"))).replace("</main>", snippet + "</main>")
    assert security_problems(page)


def test_a_long_chain_of_chapeaux_and_a_cycle_of_parents_still_render() -> None:
    chain = [op("c0", "Decides:", "1")]
    chain += [
        Paragraph(f"c{i}", ParagraphKind.OPERATIVE, f"level {i}:", parent=f"c{i - 1}")
        for i in range(1, 3000)
    ]
    cycle = [
        Paragraph("x", ParagraphKind.OPERATIVE, "x;", parent="y"),
        Paragraph("y", ParagraphKind.OPERATIVE, "y;", parent="x"),
    ]
    page = render_html(snapshot_of(*chain, *cycle), report=EMPTY_REPORT)  # no engine: fast
    items = by_paragraph(parse_page(page).root)
    assert set(items) == {p.id for p in chain + cycle}
    assert items["c5"].parent is not None and items["c5"].parent.parent is items["c4"]
