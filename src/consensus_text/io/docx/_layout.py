"""The layout of a draft as lines of a UN document, shared by every exporter.

A :class:`Row` is one paragraph of the output: the symbol, the title, a section heading, a
numbered paragraph with its label, or the label of a named option ("Option 2: No text"). The
bracketed, clean and redline exporters all lay a draft out with :func:`layout`, so a redline
between two drafts compares exactly the lines that the bracketed export of each one shows, and
the tests can predict the text a word processor reads back (:func:`expected_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final, Literal

import attrs

from consensus_text.io.docx import _styles
from consensus_text.io.docx._oxml import check_xml_text
from consensus_text.model.brackets import Alternatives, Bracket, Node, Placeholder, Text
from consensus_text.model.labels import LabelStyle
from consensus_text.model.paragraphs import Draft, OptionGroup, Paragraph, ParagraphKind

SYMBOL_KEY: Final = "\x00symbol"
TITLE_KEY: Final = "\x00title"
END_LINE: Final = "__________"

#: Kinds of the pieces of a rendered paragraph.
TEXT, PLACEHOLDER, FOOTNOTE = 0, 1, 2

AttributionMode = Literal["footnotes", "inline", "none"]
Piece = tuple[int, str]

_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@attrs.frozen
class Row:
    """One output paragraph.

    Attributes:
        key: the paragraph id, or a key of its own for the symbol, title and option labels.
        style: the paragraph style id.
        label: the displayed label ("5.", "(a)", "PP3 bis"), "" when none.
        paragraph: the draft paragraph, or None for the symbol, title and option labels.
        text: the text of a row without a paragraph.
        attribution: who proposed the whole paragraph or option (footnote on the label).
        italic_first: italicise the first word of the text (UN style for PP and OP).
    """

    key: str
    style: str
    label: str = ""
    paragraph: Paragraph | None = None
    text: str = ""
    attribution: tuple[str, ...] = ()
    italic_first: bool = False

    @property
    def prefix(self) -> str:
        """What precedes the text: the label and a tab, or nothing."""
        return self.label + "\t" if self.label else ""


def describe(paragraph: Paragraph, draft: Draft | None = None) -> str:
    """How messages name a paragraph: ``"paragraph 2 (a) (id 'p2a')"``, ``"heading 'h1'"``."""
    if paragraph.kind is ParagraphKind.HEADING:
        return f"heading (id {paragraph.id!r})"
    return f"paragraph {full_label(paragraph, draft)} (id {paragraph.id!r})".replace(
        "paragraph  ", "paragraph "
    )


def full_label(paragraph: Paragraph, draft: Draft | None = None) -> str:
    """The label with its chapeaux' labels: ``"2 (a) (i)"``; the id when there is no label."""
    if paragraph.label is None:
        return f"[{paragraph.id}]"
    parts = [str(paragraph.label)]
    if draft is not None and paragraph.parent is not None and paragraph.parent in draft:
        parts.extend(str(p.label) for p in draft.ancestors(paragraph.id) if p.label is not None)
    return " ".join(reversed(parts))


def display_label(paragraph: Paragraph) -> str:
    """The label as printed: ``"5."``, ``"5 bis."``, ``"PP3"``, ``"(a)"``, or ``""``."""
    label = paragraph.label
    if label is None or paragraph.kind is ParagraphKind.HEADING:
        return ""
    if label.style is LabelStyle.NUMBER and paragraph.parent is None:
        if paragraph.kind is ParagraphKind.PREAMBULAR and not label.prefix:
            return f"PP{label}"
        if not label.prefix:
            return f"{label}."
    return str(label)


def paragraph_style(paragraph: Paragraph, draft: Draft) -> str:
    """The style id of a paragraph."""
    if paragraph.kind is ParagraphKind.HEADING:
        return _styles.HEADING
    if paragraph.parent is not None:
        depth = min(len(draft.ancestors(paragraph.id)), len(_styles.SUBPARAGRAPH))
        return _styles.SUBPARAGRAPH[depth - 1]
    if paragraph.label is None:
        return _styles.BODY
    return _styles.PREAMBULAR if paragraph.kind is ParagraphKind.PREAMBULAR else _styles.OPERATIVE


def option_key(group: OptionGroup, index: int) -> str:
    """The row key of an option's label."""
    return f"\x00option:{group.id}:{index}"


def option_text(label: str, *, no_text: bool) -> str:
    """``"Option 1:"`` or ``"Option 2: No text"``."""
    head = label if label.endswith(":") else label + ":"
    return head + " No text" if no_text else head


def layout(
    draft: Draft,
    *,
    include: Callable[[Paragraph], bool] | None = None,
    show_options: Callable[[OptionGroup], bool] | None = None,
    italic_first_word: bool = True,
) -> list[Row]:
    """Lay out a draft: symbol, title, then every active paragraph with option labels.

    Args:
        draft: the draft.
        include: which active paragraphs to show (all when None).
        show_options: for which option groups to print option labels (all when None).
        italic_first_word: mark top-level PP and OP rows for an italic first word.
    """
    rows: list[Row] = []
    if draft.symbol:
        rows.append(Row(SYMBOL_KEY, _styles.SYMBOL, text=draft.symbol))
    if draft.title:
        rows.append(Row(TITLE_KEY, _styles.TITLE, text=draft.title))
    before, after = _option_rows(draft, include, show_options)
    for paragraph in draft.active():
        if include is not None and not include(paragraph):
            continue
        rows.extend(before.get(paragraph.id, ()))
        rows.append(
            Row(
                paragraph.id,
                paragraph_style(paragraph, draft),
                label=display_label(paragraph),
                paragraph=paragraph,
                attribution=paragraph.attribution,
                italic_first=italic_first_word
                and paragraph.parent is None
                and paragraph.kind is not ParagraphKind.HEADING,
            )
        )
        rows.extend(after.get(paragraph.id, ()))
    return rows


def _option_rows(
    draft: Draft,
    include: Callable[[Paragraph], bool] | None,
    show_options: Callable[[OptionGroup], bool] | None,
) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    before: dict[str, list[Row]] = {}
    after: dict[str, list[Row]] = {}
    for group in draft.option_groups:
        if show_options is not None and not show_options(group):
            continue
        shown: list[list[str]] = []
        for option in group.options:
            ids = [
                pid
                for pid in option.paragraph_ids
                if pid in draft
                and not draft.paragraph(pid).deleted
                and (include is None or include(draft.paragraph(pid)))
            ]
            shown.append(sorted(ids, key=draft.position_of))
        if not any(shown):
            continue
        pending_no_text: list[Row] = []
        last: str | None = None
        for index, (option, ids) in enumerate(zip(group.options, shown, strict=True)):
            row = Row(
                option_key(group, index),
                _styles.OPTION,
                text=option_text(option.label, no_text=not ids),
                attribution=option.attribution,
            )
            if not ids:
                if last is None:
                    pending_no_text.append(row)
                else:
                    after.setdefault(last, []).append(row)
                continue
            before.setdefault(ids[0], []).extend([*pending_no_text, row])
            pending_no_text = []
            last = ids[-1]
    return before, after


def pieces(nodes: Iterable[Node], mode: AttributionMode) -> list[Piece]:
    """Render a bracket tree into text, placeholder and footnote pieces.

    Brackets and alternatives appear exactly as written; attributions become footnote pieces
    (``mode="footnotes"``), stay as written (``"inline"``) or are left out (``"none"``).
    """
    out: list[Piece] = []
    stack: list[Node | Piece] = list(reversed(list(nodes)))
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            out.append(item)
        elif isinstance(item, Text):
            out.append((TEXT, item.value))
        elif isinstance(item, Placeholder):
            out.append((PLACEHOLDER, item.source))
        elif isinstance(item, Bracket):
            out.append((TEXT, "["))
            stack.extend(_closing(item.attribution, item.attribution_text, mode))
            stack.extend(reversed(item.children))
        elif item.slash:
            out.append((TEXT, "["))
            stack.extend(_closing(item.attribution, item.attribution_text, mode))
            for k in range(len(item.options) - 1, -1, -1):
                stack.extend(reversed(item.options[k].children))
                if k:
                    stack.append((TEXT, item.separators[k - 1]))
        else:
            assert isinstance(item, Alternatives)
            for k in range(len(item.options) - 1, -1, -1):
                stack.append(item.options[k])
                if k:
                    stack.append((TEXT, item.separators[k - 1]))
    return _merge(out)


def _closing(codes: tuple[str, ...], text: str, mode: AttributionMode) -> list[Piece]:
    """The items to push for a closing bracket (pushed in reverse order of output)."""
    if not codes or mode == "none":
        return [(TEXT, "]")]
    if mode == "inline":
        return [(TEXT, "]{" + text + "}")]
    return [(FOOTNOTE, ", ".join(codes)), (TEXT, "]")]


def _merge(items: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for kind, text in items:
        if merged and kind == TEXT and merged[-1][0] == TEXT:
            merged[-1] = (TEXT, merged[-1][1] + text)
        elif kind == FOOTNOTE or text:
            merged.append((kind, text))
    return merged


def row_text(row: Row, *, clean: bool = False) -> str:
    """The body text of a row as a word processor shows it (attributions left out).

    Args:
        row: the row.
        clean: the wording without bracket markup (:meth:`BracketedText.plain_text`).
    """
    if row.paragraph is None:
        return row.text
    tree = row.paragraph.tree
    if clean or tree.is_clean:
        return tree.plain_text() if clean else row.paragraph.text
    return "".join(text for kind, text in pieces(tree.nodes, "none") if kind != FOOTNOTE)


def first_word_span(text: str) -> tuple[int, int] | None:
    """Where the first word of a text is (for the italic first word), or None."""
    match = _FIRST_WORD.search(text)
    return None if match is None else match.span()


def check_row(row: Row, draft: Draft) -> None:
    """Raise ExportError when a row holds a character XML cannot store."""
    if row.paragraph is not None:
        check_xml_text(row.paragraph.text, describe(row.paragraph, draft))
    elif row.key == SYMBOL_KEY:
        check_xml_text(row.text, "the document symbol")
    elif row.key == TITLE_KEY:
        check_xml_text(row.text, "the title")
    else:
        check_xml_text(row.text, f"option label {row.text!r}")
    for code in row.attribution:
        check_xml_text(code, f"the attribution of {row.key!r}")


def expected_lines(draft: Draft, *, end_line: bool = True) -> list[str]:
    """The lines a word processor reads from a redline of ``draft`` once all is accepted.

    Symbol, title, each paragraph as ``label<TAB>text`` and the option labels, then the end
    line. Attributions are left out (they are data, not wording).
    """
    lines = [row.prefix + row_text(row) for row in layout(draft)]
    if end_line:
        lines.append(END_LINE)
    return lines
