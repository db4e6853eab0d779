"""HTML export: one self-contained page to send by e-mail or post on a portal.

The page holds everything a reader needs, and nothing that reaches out: the CSS is inline, there
is no script, no font, no image, no link to anything but the page's own anchors, and a
Content-Security-Policy meta tag forbids the browser to load anything else. It shows the
symbol, title and revision; a summary (agreed, ready, pending and blocked paragraphs, brackets);
a table of contents; then every paragraph with its label, its brackets, alternatives and
placeholders marked (the ``[`` and ``]`` stay visible), a status badge in words and colour, and
the reasons for the status in a ``<details>`` element (and on hover). Given an earlier snapshot,
the word-level changes since it are shown with ``<ins>`` and ``<del>``.

Every piece of text from the negotiation is escaped: a paragraph that reads ``<script>`` shows
as text, never runs.

>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> from consensus_text.model.snapshot import Snapshot
>>> draft = Draft(title="Programme of Action", symbol="A/AC.292/2025/L.1", paragraphs=(
...     Paragraph("p1", ParagraphKind.OPERATIVE, "Decides to [establish][convene] a PoA;",
...               label=Label.parse("1")),
...     Paragraph("p2", ParagraphKind.OPERATIVE, "Notes <b>bold</b> claims;",
...               label=Label.parse("2")),
... ))
>>> page = render_html(Snapshot(draft=draft))
>>> page.startswith("<!DOCTYPE html>")
True
>>> '<span class="alternatives" data-depth="1" data-element="1" data-options="2"' in page
True
>>> "Notes &lt;b&gt;bold&lt;/b&gt; claims;" in page, "<b>" in page
(True, False)

With ``since``, the changes show as insertions and deletions:

>>> earlier = Snapshot(draft=Draft(paragraphs=(
...     Paragraph("p1", ParagraphKind.OPERATIVE, "Decides to [create][convene] a PoA;",
...               label=Label.parse("1")),
... )))
>>> page = render_html(Snapshot(draft=draft), since=earlier)
>>> "<del>create</del><ins>establish</ins>" in page
True
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from typing import Final, TextIO, TypeAlias

import attrs

from consensus_text._dates import format_day
from consensus_text._files import write_output
from consensus_text.consensus import ConsensusReport, ParagraphStatus, Rules, Status, compute_report
from consensus_text.diff import DiffKind, DiffOp, diff_words
from consensus_text.errors import ValidationError
from consensus_text.model.brackets import Alternatives, Bracket, BracketedText, Placeholder
from consensus_text.model.labels import LabelStyle
from consensus_text.model.paragraphs import Draft, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.revisions import Revision
from consensus_text.model.snapshot import Snapshot

__all__ = ["CONTENT_SECURITY_POLICY", "HtmlOutput", "export_html", "render_html"]

#: The policy in the page's ``<meta http-equiv="Content-Security-Policy">``: nothing may be
#: loaded, no script may run; only the inline style block (and ``data:`` images) are allowed.
CONTENT_SECURITY_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

#: Where :func:`export_html` writes: a path (written atomically) or a writable text stream.
HtmlOutput: TypeAlias = str | os.PathLike[str] | TextIO

_LANG_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
# Characters that HTML does not allow as text (C0/C1 controls but tab, newline, carriage return;
# noncharacters); shown as U+FFFD like a browser would.
_NOT_HTML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_MAX_LIST_DEPTH: Final = 16  # deeper chapeau chains are listed flat
_TOOLTIP_LIMIT: Final = 600


# ----------------------------------------------------------------------------------------------
# Statuses


@attrs.frozen
class _Look:
    """How a status is shown: its group in the summary, a symbol and a word."""

    group: str
    symbol: str


_LOOKS: Final = {
    Status.CONSENSUS_READY: _Look("ready", "●"),
    Status.PENDING: _Look("pending", "…"),
    Status.BLOCKED: _Look("blocked", "✕"),
    Status.AGREED_IN_INFORMALS: _Look("agreed", "✓"),
    Status.AGREED_AD_REFERENDUM: _Look("agreed", "✓?"),
    Status.CONFIRMED: _Look("agreed", "✓✓"),
    Status.REOPENED: _Look("pending", "↺"),
    Status.ADOPTED: _Look("agreed", "★"),
}
_GROUPS: Final = (
    ("agreed", "Agreed"),
    ("ready", "Ready for consensus"),
    ("pending", "Pending"),
    ("blocked", "Blocked"),
)


# ----------------------------------------------------------------------------------------------
# Escaping and small helpers


def _esc(text: str) -> str:
    """Text safe between tags and inside double-quoted attributes."""
    return html.escape(_NOT_HTML_RE.sub("\ufffd", text), quote=True)


def _anchor(prefix: str, key: str) -> str:
    """An id attribute value made of ``[A-Za-z0-9-]`` only; different keys give different ids."""
    safe = re.sub(r"[^A-Za-z0-9-]", lambda m: f"_{ord(m.group()):x}_", key)
    return f"{prefix}-{safe}"


def _date(moment: dt.datetime) -> str:
    return f'<time datetime="{moment.isoformat()}">{format_day(moment)}</time>'


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _display_label(paragraph: Paragraph) -> str:
    """The label as printed: ``"5."``, ``"5 bis."``, ``"PP3"``, ``"(a)"``, or ``""``."""
    label = paragraph.label
    if label is None or paragraph.kind is ParagraphKind.HEADING:
        return ""
    if label.style is LabelStyle.NUMBER and paragraph.parent is None and not label.prefix:
        if paragraph.kind is ParagraphKind.PREAMBULAR:
            return f"PP{label}"
        return f"{label}."
    return str(label)


def _full_label(paragraph: Paragraph, draft: Draft) -> str:
    """``"7 (c) (ii)"``; the first words of the text when the paragraph has no label."""
    if paragraph.label is None:
        words = paragraph.tree.plain_text().split()
        short = " ".join(words[:6])
        return short + (" …" if len(words) > 6 else "") if short else paragraph.id
    parts = [_display_label(paragraph).rstrip(".")]
    seen = {paragraph.id}
    current = paragraph
    while current.parent is not None and current.parent in draft and current.parent not in seen:
        current = draft.paragraph(current.parent)
        seen.add(current.id)
        if current.label is not None:
            parts.append(_display_label(current).rstrip("."))
    return " ".join(reversed(parts))


# ----------------------------------------------------------------------------------------------
# Inline markup: a bracket tree as tags and text, optionally merged with a word diff

_Event: TypeAlias = tuple[int, str]  # (_OPEN | _CLOSE | _TEXT, html tag or raw text)
_OPEN, _CLOSE, _TEXT = 0, 1, 2


_END: _Event = (_CLOSE, "</span>")
_MARK_OPEN: tuple[_Event, ...] = ((_OPEN, '<span class="mark">'), (_TEXT, "["), _END)
_MARK_CLOSE: tuple[_Event, ...] = ((_OPEN, '<span class="mark">'), (_TEXT, "]"), _END)


def _attribution_events(node: Bracket | Alternatives) -> list[_Event]:
    if not node.attribution:
        return []
    who = _esc(", ".join(node.attribution))
    return [
        (_OPEN, f'<span class="attribution" title="Proposed by {who}">'),
        (_TEXT, "{" + node.attribution_text + "}"),
        _END,
    ]


def _inline_events(tree: BracketedText) -> list[_Event]:
    """The tree as open tags, close tags and raw text; the raw text is exactly ``tree.render()``.

    Every bracket pair becomes ``<span class="bracket" data-depth=...>`` around its literal
    ``[`` and ``]``; groups of alternatives ``<span class="alternatives">``; placeholders
    ``<span class="placeholder">``. Contested elements carry ``data-element``, numbered as
    :meth:`BracketedText.elements` numbers them (the walk is :meth:`BracketedText.marks`).
    """
    events: list[_Event] = []
    for mark in tree.marks():
        kind, node = mark.kind, mark.node
        if kind == "text":
            events.append((_TEXT, mark.text))
        elif kind == "placeholder":
            assert isinstance(node, Placeholder)
            events.append(
                (
                    _OPEN,
                    f'<span class="placeholder" data-element="{mark.element}" '
                    f'title="Placeholder: {_esc(node.label)}">',
                )
            )
            events += [(_TEXT, mark.text), (_CLOSE, "</span>")]
        elif kind == "separator":
            events += [(_OPEN, '<span class="separator">'), (_TEXT, mark.text), _END]
        elif kind == "option-open":
            events.append((_OPEN, f'<span class="option" data-option="{mark.option}">'))
        elif kind == "option-close":
            events.append(_END)
        elif isinstance(node, Bracket):
            if kind == "open":
                if mark.option:
                    tag = (
                        f'<span class="bracket option" data-depth="{mark.depth}" '
                        f'data-option="{mark.option}">'
                    )
                else:
                    tag = (
                        f'<span class="bracket" data-depth="{mark.depth}" '
                        f'data-element="{mark.element}">'
                    )
                events += [(_OPEN, tag), *_MARK_OPEN]
            else:
                events += [*_MARK_CLOSE, *_attribution_events(node), _END]
        else:
            assert isinstance(node, Alternatives)
            if kind == "open":
                count = len(node.options)
                kind_class = "alternatives slash" if node.slash else "alternatives"
                events.append(
                    (
                        _OPEN,
                        f'<span class="{kind_class}" data-depth="{mark.depth}" '
                        f'data-element="{mark.element}" data-options="{count}" '
                        f'title="{count} alternatives: one will be kept">',
                    )
                )
                if node.slash:
                    events += [
                        (_OPEN, f'<span class="bracket" data-depth="{mark.depth}">'),
                        *_MARK_OPEN,
                    ]
            else:
                if node.slash:
                    events += [*_MARK_CLOSE, *_attribution_events(node), _END]
                events.append(_END)
    return events


def _inline_html(events: Sequence[_Event], ops: Sequence[DiffOp] | None = None) -> str:
    """The events as HTML; with ``ops`` (a diff whose new side is the events' text), the
    inserted words inside ``<ins>`` and the deleted ones inside ``<del>`` where they stood.

    An element inserted whole (a bracket, a group of alternatives) goes inside one ``<ins>``;
    an insertion that covers part of an element is cut at the element's edges, so the tags
    nest. A deletion goes after the closing tags and before the opening tags at its position:
    outside a bracket that starts or ends there, inside one that contains it.
    """
    if ops is None:
        return "".join(_esc(value) if kind == _TEXT else value for kind, value in events)
    inserted: list[tuple[int, int]] = []  # ranges of the new text that were inserted
    deletions: list[tuple[int, str]] = []  # (offset in the new text, deleted text)
    offset = 0
    for op in ops:
        if op.kind is DiffKind.DELETE:
            deletions.append((offset, op.text))
        else:
            if op.kind is DiffKind.INSERT and op.text:
                inserted.append((offset, offset + len(op.text)))
            offset += len(op.text)
    # The text offsets where each open tag's element starts and ends.
    spans: dict[int, tuple[int, int]] = {}
    opened: list[tuple[int, int]] = []
    position = 0
    for index, (kind, value) in enumerate(events):
        if kind == _OPEN:
            opened.append((index, position))
        elif kind == _CLOSE and opened:
            start_index, start = opened.pop()
            spans[start_index] = (start, position)
        else:
            position += len(value)

    def covered(start: int, end: int) -> bool:
        return any(a <= start and end <= b and start < b for a, b in inserted)

    out: list[str] = []
    in_ins = False
    nested = 0  # elements opened inside the current <ins> and not yet closed
    next_deletion = 0

    def close_ins() -> None:
        nonlocal in_ins
        if in_ins:
            out.append("</ins>")
            in_ins = False

    def open_ins() -> None:
        nonlocal in_ins, nested
        if not in_ins:
            out.append("<ins>")
            in_ins, nested = True, 0

    def flush(upto: int | None) -> None:
        nonlocal next_deletion
        while next_deletion < len(deletions) and (
            upto is None or deletions[next_deletion][0] <= upto
        ):
            if nested == 0:
                close_ins()
            out.append(f"<del>{_esc(deletions[next_deletion][1])}</del>")
            next_deletion += 1

    position = 0
    for index, (kind, value) in enumerate(events):
        if kind == _CLOSE:
            if in_ins and nested:
                nested -= 1
            else:
                close_ins()
            out.append(value)
            continue
        flush(position)
        if kind == _OPEN:
            if in_ins and nested:
                nested += 1
            elif covered(*spans.get(index, (position, position + 1))):
                open_ins()
                nested = 1
            else:
                close_ins()
            out.append(value)
            continue
        end = position + len(value)
        cuts = {position, end}
        for a, b in inserted:
            cuts.update(c for c in (a, b) if position < c < end)
        cuts.update(d for d, _ in deletions if position < d < end)
        for a, b in itertools.pairwise(sorted(cuts)):
            flush(a)
            if covered(a, b):
                open_ins()
            elif not nested:
                close_ins()
            out.append(_esc(value[a - position : b - position]))
        position = end
    flush(None)  # every deletion left, at the end
    close_ins()
    return "".join(out)


def _text_html(paragraph: Paragraph, old_text: str | None, changes: bool) -> str:
    """A paragraph's text with its markup; with ``changes``, against ``old_text`` (None: new)."""
    events = _inline_events(paragraph.tree)
    if not changes:
        return _inline_html(events)
    if old_text is None:
        ops: tuple[DiffOp, ...] = (DiffOp(DiffKind.INSERT, paragraph.text),)
    else:
        ops = diff_words(old_text, paragraph.text)
    return _inline_html(events, ops)


# ----------------------------------------------------------------------------------------------
# The page

_STYLE: Final = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 16px/1.5 "DejaVu Serif", "Times New Roman", Georgia, serif; }
header .symbol { text-align: end; font-weight: bold; margin: 0; }
header .revision, header .changes-note, footer { color: var(--muted); }
h1 { font-size: 1.5rem; line-height: 1.3; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2rem; }
h2.implicit { font-style: italic; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
dl.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .5rem; }
dl.totals div { border: 1px solid var(--rule); border-radius: .3rem; padding: .4rem .6rem; }
dl.totals dt { font-size: .85rem; color: var(--muted); }
dl.totals dd { margin: 0; font-size: 1.4rem; font-weight: bold; }
table { border-collapse: collapse; margin: .8rem 0; }
th, td { border: 1px solid var(--rule); padding: .2rem .6rem; text-align: start; }
td.count { text-align: end; }
nav ol { list-style: none; padding-inline-start: 0; }
nav ol ol { display: flex; flex-wrap: wrap; gap: .25rem; margin: .3rem 0 .8rem; }
nav ol ol a { display: inline-block; padding: 0 .35rem; border: 1px solid var(--edge, var(--rule));
  border-radius: .25rem; background: var(--tint, #fff); text-decoration: none; color: var(--ink);
  font-size: .85rem; }
ol.paragraphs { list-style: none; padding-inline-start: 0; margin: 0; }
ol.paragraphs ol.paragraphs { padding-inline-start: 2rem; margin-top: .4rem; }
li.para { margin: .6rem 0; padding: .4rem .6rem; border-inline-start: .4rem solid var(--edge, var(--rule));
  background: var(--tint, transparent); break-inside: avoid; }
li.para.heading-like, li.option-label { border: 0; background: none; }
li.option-label p { font-weight: bold; margin: .8rem 0 0; }
.para-main { display: flex; gap: .8rem; align-items: baseline; }
.para-main .label { flex: 0 0 4.6rem; font-weight: bold; text-align: end; white-space: nowrap;
  unicode-bidi: isolate; }
li.para > .meta, li.para > details.reasons { margin-inline-start: 5.4rem; }
.para-main .text { flex: 1 1 auto; margin: 0; white-space: pre-line; }
.meta { margin: .2rem 0 0; font-size: .85rem; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.badge { display: inline-block; border: 1px solid var(--edge); border-radius: .25rem;
  padding: 0 .4rem; background: #fff; font-family: "DejaVu Sans", Arial, sans-serif;
  font-weight: bold; font-size: .8rem; color: var(--edge); }
.change { border: 1px dashed var(--muted); border-radius: .25rem; padding: 0 .4rem; font-size: .8rem; }
.proposers, .former-label { color: var(--muted); }
details.reasons { font-size: .85rem; margin-top: .2rem; }
details.reasons summary { cursor: pointer; color: var(--muted); }
details.reasons ul { margin: .2rem 0; }
.bracket { border-radius: .2rem; }
.bracket[data-depth="1"] { background: #fff3bf; }
.bracket[data-depth="2"] { background: #ffd8a8; }
.bracket[data-depth="3"] { background: #fcc2d7; }
.bracket[data-depth="4"], .bracket[data-depth] .bracket[data-depth] .bracket[data-depth] .bracket { background: #d0bfff; }
.mark { font-weight: bold; color: #7a3e00; }
.alternatives { outline: 1px dotted #7a3e00; outline-offset: 1px; }
.alternatives .separator, .alternatives.slash .separator { font-weight: bold; color: #7a3e00; }
.placeholder { font-style: italic; background: #e7f5ff; border: 1px dashed #1864ab; border-radius: .2rem; }
.attribution { font-size: .75em; vertical-align: super; color: var(--muted); }
ins { text-decoration: underline; text-decoration-thickness: 2px; background: #d3f9d8; color: #0b5d1e; }
del { text-decoration: line-through; background: #ffe3e3; color: #8a1c1c; }
li.removed { --edge: #8a1c1c; }
.status-consensus_ready { --tint: #e6fcf5; --edge: #087f5b; }
.status-pending { --tint: #fff9db; --edge: #8d5a00; }
.status-blocked { --tint: #fff0f0; --edge: #b3261e; }
.status-agreed_in_informals { --tint: #f4fce3; --edge: #2b8a3e; }
.status-agreed_ad_referendum { --tint: #f4fce3; --edge: #5c7f1f; }
.status-confirmed { --tint: #ebfbee; --edge: #1b6e31; }
.status-reopened { --tint: #fff4e6; --edge: #a34700; }
.status-adopted { --tint: #e7f5ff; --edge: #1c4f8a; }
.status-none { --edge: #6c6c6c; }
.legend dd { margin: 0 0 .4rem 1rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, .no-print { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  li.para { break-inside: avoid; }
  h2 { break-after: avoid; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: block; }
  a { color: inherit; text-decoration: none; }
}
"""


@attrs.frozen
class _Section:
    heading: Paragraph | None
    paragraphs: tuple[Paragraph, ...]


class _Page:
    """Builds the page; one instance per rendering."""

    def __init__(
        self,
        snapshot: Snapshot,
        report: ConsensusReport,
        since: Snapshot | None,
        title: str | None,
        lang: str,
    ) -> None:
        self.snapshot = snapshot
        self.draft = snapshot.draft
        self.report = report
        self.since = since
        self.title = title if title is not None else (self.draft.title or "Untitled draft")
        # The page's own words are English; the negotiated text may be in another language.
        self.text_lang = "" if lang == "en" else f' lang="{_esc(lang)}"'
        self.statuses: dict[str, ParagraphStatus] = {s.paragraph_id: s for s in report.paragraphs}
        if since is not None:
            revision = since.revision
            self.since_label = revision.label if revision is not None else "the earlier state"
        else:
            self.since_label = ""
        self.out: list[str] = []

    # -- helpers ------------------------------------------------------------------------------

    def w(self, *parts: str) -> None:
        self.out.extend(parts)

    def status_of(self, paragraph: Paragraph) -> ParagraphStatus | None:
        return self.statuses.get(paragraph.id)

    def shown(self, paragraph: Paragraph) -> bool:
        """Active paragraphs; with ``since``, also those deleted since then."""
        if not paragraph.deleted:
            return True
        old = self.old(paragraph.id)
        return old is not None and not old.deleted

    def old(self, paragraph_id: str) -> Paragraph | None:
        if self.since is None or paragraph_id not in self.since.draft:
            return None
        return self.since.draft.paragraph(paragraph_id)

    def old_text(self, paragraph: Paragraph) -> str | None:
        old = self.old(paragraph.id)
        return None if old is None or old.deleted else old.text

    def change(self, paragraph: Paragraph) -> str:
        """``"new"``, ``"changed"``, ``"removed"``, ``"unchanged"``, or ``""`` without since."""
        if self.since is None:
            return ""
        if paragraph.deleted:
            return "removed"
        old_text = self.old_text(paragraph)
        if old_text is None:
            return "new"
        return "unchanged" if old_text == paragraph.text else "changed"

    def sections(self) -> list[_Section]:
        sections: list[_Section] = []
        heading: Paragraph | None = None
        current: list[Paragraph] = []
        for paragraph in self.draft.paragraphs:
            if not self.shown(paragraph):
                continue
            if paragraph.kind is ParagraphKind.HEADING and not paragraph.deleted:
                if heading is not None or current:
                    sections.append(_Section(heading, tuple(current)))
                heading, current = paragraph, []
            else:
                current.append(paragraph)
        if heading is not None or current:
            sections.append(_Section(heading, tuple(current)))
        return sections

    def section_id(self, index: int, section: _Section) -> str:
        if section.heading is None:
            return f"part-{index}"
        return _anchor("s", section.heading.id)

    def section_title_id(self, index: int, section: _Section) -> str:
        if section.heading is None:
            return f"part-{index}-title"
        return _anchor("t", section.heading.id)

    def section_title(self, section: _Section) -> str:
        """The heading's text as HTML (with its markup), or a name for the opening part."""
        if section.heading is not None:
            return _text_html(
                section.heading,
                self.old_text(section.heading),
                self.since is not None,
            )
        if section.paragraphs and all(
            p.kind is ParagraphKind.PREAMBULAR for p in section.paragraphs
        ):
            return "Preamble"
        return "Opening paragraphs"

    # -- the page -----------------------------------------------------------------------------

    def render(self) -> str:
        sections = self.sections()
        self.head()
        self.w("<body>\n")
        self.header()
        self.summary()
        self.contents(sections)
        self.w(f'<main id="text"{self.text_lang}>\n')
        for index, section in enumerate(sections, start=1):
            self.section(index, section)
        self.removed_elsewhere()
        self.w("</main>\n")
        self.footer()
        self.w("</body>\n</html>\n")
        return "".join(self.out)

    def head(self) -> None:
        revision = self.snapshot.revision
        parts = [p for p in (self.draft.symbol, self.title) if p]
        page_title = " — ".join(parts)
        if revision is not None:
            page_title += f" ({revision.label})"
        self.w(
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{_esc(CONTENT_SECURITY_POLICY)}">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="consensus_text">\n',
            f"<title>{_esc(page_title)}</title>\n",
            f"<style>{_STYLE}</style>\n</head>\n",
        )

    def header(self) -> None:
        self.w("<header>\n")
        if self.draft.symbol:
            self.w(f'<p class="symbol" dir="auto">{_esc(self.draft.symbol)}</p>\n')
        self.w(f'<h1 dir="auto"{self.text_lang}>{_esc(self.title)}</h1>\n')
        revision = self.snapshot.revision
        if revision is not None:
            self.w(f'<p class="revision">{self.revision_line(revision)}</p>\n')
        if self.snapshot.adopted_at is not None:
            self.w(f'<p class="revision">Adopted on {_date(self.snapshot.adopted_at)}.</p>\n')
        if self.since is not None:
            earlier = self.since.revision
            when = f" of {_date(earlier.issued_at)}" if earlier is not None else ""
            self.w(
                f'<p class="changes-note">Changes since {_esc(self.since_label)}{when} are '
                "shown word by word: <ins>inserted words underlined</ins>, "
                "<del>deleted words struck through</del>.</p>\n"
            )
        self.w("</header>\n")

    def revision_line(self, revision: Revision) -> str:
        line = (
            f"{_esc(revision.label)} ({_esc(revision.kind.title)}), issued by "
            f"{_esc(revision.author)} on {_date(revision.issued_at)}"
        )
        if revision.symbol:
            line += f' — <span dir="auto">{_esc(revision.symbol)}</span>'
        return line

    # -- summary ------------------------------------------------------------------------------

    def summary(self) -> None:
        counts = self.report.document.counts
        groups = dict.fromkeys((key for key, _ in _GROUPS), 0)
        for status, count in counts.items():
            groups[_LOOKS[status].group] += count
        active = [
            p for p in self.draft.active() if p.kind is not ParagraphKind.HEADING or p.tree.brackets
        ]
        pairs = sum(p.tree.brackets for p in active)
        bracketed = sum(1 for p in active if p.tree.brackets)
        alternatives = sum(p.tree.alternative_groups for p in active)
        placeholders = sum(len(p.tree.placeholders) for p in active)
        deepest = max((p.tree.max_depth for p in active), default=0)
        self.w(
            '<section id="summary" aria-labelledby="summary-title">\n',
            '<h2 id="summary-title">Summary</h2>\n<dl class="totals">\n',
        )
        for key, name in _GROUPS:
            self.w(
                f'<div class="total total-{key}" data-group="{key}"><dt>{name}</dt>'
                f"<dd>{groups[key]}</dd></div>\n"
            )
        self.w(
            f'<div class="total total-brackets" data-group="brackets"><dt>Brackets</dt>'
            f"<dd>{pairs}</dd></div>\n</dl>\n",
            f'<p class="bracket-summary">{_plural(pairs, "bracket pair")} in '
            f"{_plural(bracketed, 'paragraph')}, {_plural(alternatives, 'group')} of "
            f"alternatives, {_plural(placeholders, 'placeholder')}; deepest nesting "
            f"{deepest}.</p>\n",
        )
        document = self.report.document
        verdict = "can be adopted" if document.adoptable else "cannot be adopted yet"
        rules = f" under the rules {_esc(self.report.rules_name)}" if self.report.rules_name else ""
        self.w(f'<p class="adoptable">The document {verdict}{rules}.</p>\n')
        if document.reasons:
            self.w('<details class="reasons"><summary>Why</summary>\n<ul>\n')
            for reason in document.reasons:
                self.w(f'<li dir="auto">{_esc(reason.message)}</li>\n')
            self.w("</ul>\n</details>\n")
        self.w(
            '<table class="status-counts">\n<caption>Paragraphs by status</caption>\n',
            '<thead><tr><th scope="col">Status</th><th scope="col">Paragraphs</th></tr></thead>\n',
            "<tbody>\n",
        )
        for status in Status:
            self.w(
                f'<tr data-status="{status.value}"><th scope="row">{self.badge(status)}</th>'
                f'<td class="count">{counts.get(status, 0)}</td></tr>\n'
            )
        self.w(
            f'</tbody>\n<tfoot><tr><th scope="row">Total</th><td class="count">{document.total}'
            "</td></tr></tfoot>\n</table>\n"
        )
        if self.since is not None:
            self.change_summary()
        self.legend()
        self.w("</section>\n")

    def change_summary(self) -> None:
        tally = {"new": 0, "changed": 0, "removed": 0}
        for paragraph in self.draft.paragraphs:
            if self.shown(paragraph):
                change = self.change(paragraph)
                if change in tally:
                    tally[change] += 1
        self.w(
            f'<p class="change-summary">Since {_esc(self.since_label)}: '
            f"{_plural(tally['changed'], 'paragraph')} changed, {tally['new']} new, "
            f"{tally['removed']} removed.</p>\n"
        )

    def legend(self) -> None:
        self.w(
            '<details class="legend"><summary>How to read this page</summary>\n<dl>\n',
            '<dt><span class="bracket" data-depth="1"><span class="mark">[</span>wording'
            '<span class="mark">]</span></span></dt><dd>Wording not yet accepted by all; '
            "brackets nested inside are shaded darker.</dd>\n",
            '<dt><span class="alternatives"><span class="bracket" data-depth="1">'
            '<span class="mark">[</span>shall<span class="mark">]</span></span>'
            '<span class="bracket" data-depth="1"><span class="mark">[</span>should'
            '<span class="mark">]</span></span></span></dt><dd>Alternatives (outlined): at '
            "most one will be kept.</dd>\n",
            '<dt><span class="placeholder">[Placeholder for …]</span></dt><dd>Text still to '
            "come.</dd>\n",
            "<dt><ins>inserted</ins> <del>deleted</del></dt><dd>Changes since an earlier "
            "revision, when shown.</dd>\n",
            "<dt>Status</dt><dd>Each paragraph's status is written in its badge; the colour "
            "repeats it. Open “Why” under a paragraph for the reasons.</dd>\n",
            "</dl>\n</details>\n",
        )

    def badge(self, status: Status | None, reasons: Iterable[str] = ()) -> str:
        if status is None:
            return '<span class="badge status-none">no status</span>'
        tip = "; ".join(reasons)
        if len(tip) > _TOOLTIP_LIMIT:
            tip = tip[: _TOOLTIP_LIMIT - 1] + "…"
        title = f' title="{_esc(tip)}"' if tip else ""
        return (
            f'<span class="badge status-{status.value}" data-status="{status.value}"{title}>'
            f'<span aria-hidden="true">{_LOOKS[status].symbol} </span>{status.title}</span>'
        )

    # -- table of contents --------------------------------------------------------------------

    def contents(self, sections: Sequence[_Section]) -> None:
        self.w(
            '<nav id="contents" aria-labelledby="contents-title">\n',
            '<h2 id="contents-title">Contents</h2>\n<ol>\n',
            '<li><a href="#summary">Summary</a></li>\n',
        )
        for index, section in enumerate(sections, start=1):
            if section.heading is not None:
                title = _esc(section.heading.text)
            else:
                title = self.section_title(section)
            self.w(f'<li><a href="#{self.section_id(index, section)}" dir="auto">{title}</a>\n')
            if not section.paragraphs:
                self.w("</li>\n")
                continue
            self.w("<ol>\n")
            for paragraph in section.paragraphs:
                status = self.status_of(paragraph)
                change = self.change(paragraph)
                if status is not None:
                    css = f"status-{status.status.value}"
                    word = status.status.title
                    symbol = _LOOKS[status.status].symbol
                elif change == "removed":
                    css, word, symbol = "removed", "removed", "−"
                else:
                    css, word, symbol = "status-none", "no status", ""
                self.w(
                    f'<li><a class="{css}" href="#{_anchor("p", paragraph.id)}" '
                    f'title="{_esc(word)}"><span dir="auto">'
                    f"{_esc(_full_label(paragraph, self.draft))}</span>"
                    f'<span aria-hidden="true"> {symbol}</span>'
                    f'<span class="visually-hidden">, {_esc(word)}</span></a></li>\n'
                )
            self.w("</ol>\n</li>\n")
        self.w("</ol>\n</nav>\n")

    # -- the text -----------------------------------------------------------------------------

    def section(self, index: int, section: _Section) -> None:
        sid = self.section_id(index, section)
        tid = self.section_title_id(index, section)
        self.w(f'<section id="{sid}" aria-labelledby="{tid}">\n')
        if section.heading is not None:
            heading = section.heading
            self.w(
                f'<h2 id="{tid}" dir="auto" data-paragraph-id="{_esc(heading.id)}">'
                f"{self.section_title(section)}</h2>\n"
            )
        else:
            self.w(f'<h2 id="{tid}" class="implicit">{self.section_title(section)}</h2>\n')
        if section.paragraphs:
            self.paragraph_list(section.paragraphs)
        self.w("</section>\n")

    def paragraph_list(self, paragraphs: Sequence[Paragraph]) -> None:
        ids = {p.id for p in paragraphs}
        children: dict[str, list[Paragraph]] = {}
        roots: list[Paragraph] = []
        for paragraph in paragraphs:
            if paragraph.parent is not None and paragraph.parent in ids:
                children.setdefault(paragraph.parent, []).append(paragraph)
            else:
                roots.append(paragraph)
        labels_before, labels_after = self.option_labels(ids)
        done: set[str] = set()
        self.w('<ol class="paragraphs">\n')
        for root in roots:
            self.item(root, children, done, labels_before, labels_after)
        # Paragraphs that no root leads to (a cycle of parents): listed at the end.
        for paragraph in paragraphs:
            if paragraph.id not in done:
                self.item(paragraph, children, done, labels_before, labels_after)
        self.w("</ol>\n")

    def option_labels(self, ids: set[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Items naming the options ("Option 1:", "Option 2: No text") before and after the
        paragraphs of each option, for the option groups among ``ids``."""
        before: dict[str, list[str]] = {}
        after: dict[str, list[str]] = {}
        for group in self.draft.option_groups:
            self.option_group_labels(group, ids, before, after)
        return before, after

    def option_group_labels(
        self,
        group: OptionGroup,
        ids: set[str],
        before: dict[str, list[str]],
        after: dict[str, list[str]],
    ) -> None:
        shown = [
            sorted(
                (pid for pid in option.paragraph_ids if pid in ids),
                key=self.draft.position_of,
            )
            for option in group.options
        ]
        if not any(shown):
            return
        waiting: list[str] = []
        last: str | None = None
        for option, members in zip(group.options, shown, strict=True):
            name = option.label if option.label.endswith(":") else option.label + ":"
            if not members:
                name += " No text"
            proposers = ""
            if option.attribution:
                proposers = (
                    f' <span class="proposers">(proposed by {_esc(", ".join(option.attribution))})'
                    "</span>"
                )
            item = (
                f'<li class="option-label" data-option-group="{_esc(group.id)}">'
                f'<p dir="auto">{_esc(name)}{proposers}</p></li>\n'
            )
            if not members:
                if last is None:
                    waiting.append(item)
                else:
                    after.setdefault(last, []).append(item)
                continue
            before.setdefault(members[0], []).extend([*waiting, item])
            waiting = []
            last = members[-1]
        if waiting and last is not None:
            after.setdefault(last, []).extend(waiting)

    def item(
        self,
        paragraph: Paragraph,
        children: dict[str, list[Paragraph]],
        done: set[str],
        labels_before: dict[str, list[str]],
        labels_after: dict[str, list[str]],
    ) -> None:
        """The list item of a paragraph, with its sub-paragraphs in a nested list.

        Iterative, so that no chain of chapeaux is too long; past :data:`_MAX_LIST_DEPTH`
        levels, sub-paragraphs are listed after their chapeau rather than inside it.
        """
        stack: list[tuple[Paragraph, int] | str] = [(paragraph, 0)]
        while stack:
            entry = stack.pop()
            if isinstance(entry, str):
                self.w(entry)
                continue
            current, depth = entry
            if current.id in done:
                continue
            done.add(current.id)
            self.w(*labels_before.get(current.id, ()))
            self.paragraph_open(current)
            kids = [c for c in children.get(current.id, ()) if c.id not in done]
            later: list[tuple[Paragraph, int] | str] = []
            if kids and depth < _MAX_LIST_DEPTH:
                later.append('<ol class="paragraphs">\n')
                later.extend((child, depth + 1) for child in kids)
                later.append("</ol>\n")
                kids = []
            later.append("</li>\n")
            later.extend(labels_after.get(current.id, ()))
            later.extend((child, depth) for child in kids)
            stack.extend(reversed(later))

    def paragraph_open(self, paragraph: Paragraph) -> None:
        status = self.status_of(paragraph)
        change = self.change(paragraph)
        classes = ["para", f"status-{status.status.value}" if status else "status-none"]
        attributes = [
            f'id="{_anchor("p", paragraph.id)}"',
            f'data-paragraph-id="{_esc(paragraph.id)}"',
            f'data-kind="{paragraph.kind.value}"',
        ]
        if status is not None:
            attributes.append(f'data-status="{status.status.value}"')
        if change:
            classes.append(change)
            attributes.append(f'data-change="{change}"')
        if paragraph.kind is ParagraphKind.HEADING:
            classes.append("heading-like")
        label = _display_label(paragraph)
        if change == "removed":
            old = self.old(paragraph.id)
            assert old is not None
            body = f"<del>{_esc(old.text)}</del>"
        else:
            body = _text_html(paragraph, self.old_text(paragraph), self.since is not None)
        self.w(
            f'<li class="{" ".join(classes)}" {" ".join(attributes)}>\n',
            '<div class="para-main">',
            f'<span class="label">{_esc(label)}</span>',
            f'<p class="text" dir="auto">{body}</p></div>\n',
        )
        meta: list[str] = []
        if status is not None:
            meta.append(self.badge(status.status, (r.message for r in status.reasons)))
        elif paragraph.kind is not ParagraphKind.HEADING and change != "removed":
            meta.append(self.badge(None))
        if change and change != "unchanged":
            meta.append(f'<span class="change">{change} since {_esc(self.since_label)}</span>')
        old = self.old(paragraph.id)
        if old is not None and old.label != paragraph.label and old.label is not None:
            meta.append(
                f'<span class="former-label">formerly {_esc(_display_label(old).rstrip("."))}'
                "</span>"
            )
        if paragraph.attribution:
            meta.append(
                f'<span class="proposers">proposed by {_esc(", ".join(paragraph.attribution))}'
                "</span>"
            )
        if meta:
            self.w(f'<p class="meta">{" ".join(meta)}</p>\n')
        if status is not None and status.reasons:
            self.w(
                '<details class="reasons">',
                f"<summary>Why {_esc(status.status.title)} "
                f"({_plural(len(status.reasons), 'reason')})</summary>\n<ul>\n",
            )
            for reason in status.reasons:
                self.w(f'<li dir="auto">{_esc(reason.message)}</li>\n')
            self.w("</ul>\n</details>\n")

    def removed_elsewhere(self) -> None:
        """With ``since``: paragraphs of the earlier draft that this draft does not hold at all."""
        if self.since is None:
            return
        gone = [p for p in self.since.draft.active() if p.id not in self.draft]
        if not gone:
            return
        self.w(
            '<section id="removed" aria-labelledby="removed-title">\n',
            f'<h2 id="removed-title">Paragraphs of {_esc(self.since_label)} not in this '
            "text</h2>\n",
            '<ol class="paragraphs">\n',
        )
        for paragraph in gone:
            self.w(
                f'<li class="para removed" id="{_anchor("gone", paragraph.id)}" '
                f'data-removed-id="{_esc(paragraph.id)}">',
                '<div class="para-main">',
                f'<span class="label">{_esc(_display_label(paragraph))}</span>',
                f'<p class="text" dir="auto"><del>{_esc(paragraph.text)}</del></p></div>\n',
                f'<p class="meta"><span class="change">removed since '
                f"{_esc(self.since_label)}</span></p>\n</li>\n",
            )
        self.w("</ol>\n</section>\n")

    def footer(self) -> None:
        self.w(
            "<footer>\n<p>Status computed by consensus_text from the record of "
            f"{_plural(self.snapshot.event_count, 'event')}. Consensus is declared by the "
            "Chair; this page only shows where each paragraph stands.</p>\n</footer>\n"
        )


# ----------------------------------------------------------------------------------------------
# The public functions


def render_html(
    snapshot: Snapshot,
    *,
    report: ConsensusReport | None = None,
    rules: Rules | str = "oewg",
    since: Snapshot | None = None,
    title: str | None = None,
    lang: str = "en",
) -> str:
    """The snapshot as one self-contained HTML page.

    Args:
        snapshot: the state to show (its draft, latest revision and positions).
        report: the consensus report on ``snapshot``; computed under ``rules`` when None.
        rules: the rules of procedure, or a preset name, used when ``report`` is None.
        since: an earlier snapshot: the word-level changes since it are shown with ``<ins>``
            and ``<del>``, paragraphs matched by id (new, changed, removed).
        title: the page's heading; the draft's title by default.
        lang: the language of the negotiated text, as a BCP 47 tag (``"en"``, ``"fr"``,
            ``"ar"``), set on the title and the text (the page's own words are English). Each
            paragraph displays in the direction of its script (``dir="auto"``), so Arabic reads
            right to left whatever ``lang`` says.

    Raises:
        ValidationError: ``lang`` is not a language tag.
        ProcedureError: an unknown rules preset.
    """
    if not isinstance(lang, str) or not _LANG_RE.fullmatch(lang):
        raise ValidationError(
            f"{lang!r} is not a language tag",
            hint="give a BCP 47 tag such as 'en', 'fr' or 'ar'",
        )
    if report is None:
        report = compute_report(snapshot, rules)
    return _Page(snapshot, report, since, title, lang).render()


def export_html(
    snapshot: Snapshot,
    out: HtmlOutput,
    *,
    report: ConsensusReport | None = None,
    rules: Rules | str = "oewg",
    since: Snapshot | None = None,
    title: str | None = None,
    lang: str = "en",
) -> None:
    """Write the snapshot as one self-contained HTML page (UTF-8); see :func:`render_html`.

    Args:
        snapshot: the state to show.
        out: a path, written atomically (a temporary file in the same directory, then
            :func:`os.replace`), or a writable text stream.
        report: the consensus report on ``snapshot``; computed under ``rules`` when None.
        rules: the rules of procedure, or a preset name, used when ``report`` is None.
        since: an earlier snapshot whose changes to show.
        title: the page's heading; the draft's title by default.
        lang: the language of the negotiated text (BCP 47).

    Raises:
        ExportError: the directory does not exist or cannot be written.
    """
    page = render_html(snapshot, report=report, rules=rules, since=since, title=title, lang=lang)
    if not isinstance(out, str | os.PathLike):
        out.write(page)
        return
    write_output(page.encode("utf-8"), out)
