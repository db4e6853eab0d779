"""HTML of the model's values for Jupyter's ``_repr_html_``: bracketed text, paragraphs, drafts.

Plain strings, inline styles (notebook viewers drop ``<style>`` elements), every piece of text
escaped with :func:`html.escape`. Brackets stay visible: each contested element is highlighted,
deeper ones darker, with its ``[``, ``]`` and attribution as written, so the text content of a
rendered paragraph is exactly its source text. The consensus layer adds statuses
(:mod:`consensus_text.consensus._html`); :mod:`consensus_text.analysis.html` is the public face
of both.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Final

from consensus_text.model.brackets import Alternatives, Bracket, BracketedText, parse_lenient
from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind

__all__ = ["BRACKET_COLOURS", "FONT", "NEUTRAL", "draft_html", "paragraph_html", "text_html"]

#: Background colours of brackets by depth (1, 2, 3, 4 and deeper).
BRACKET_COLOURS: Final = ("#fff3bf", "#ffe066", "#fcc419", "#fab005")

#: The font of drafts and paragraphs.
FONT: Final = "font-family:Georgia,'Times New Roman',serif;line-height:1.45"

#: The border of a paragraph whose status is not known.
NEUTRAL: Final = "#bdbdbd"


def _bracket_style(depth: int) -> str:
    colour = BRACKET_COLOURS[min(depth, len(BRACKET_COLOURS)) - 1]
    return f"background:{colour};border-radius:2px"


def _closing(node: Bracket | Alternatives) -> str:
    out = "<b>]</b>"
    if node.attribution:
        out += (
            '<span class="ct-attribution" style="color:#666;font-size:smaller">'
            + escape("{" + node.attribution_text + "}")
            + "</span>"
        )
    return out + "</span>"


def text_html(text: str | BracketedText) -> str:
    """The bracketed text with its contested elements highlighted (no paragraph frame).

    Args:
        text: a paragraph's source text (parsed leniently: never raises) or its tree.

    Classes: ``ct-bracket ct-depth-N`` for a bracket, ``ct-alternatives`` around a group of
    alternatives, ``ct-placeholder``, ``ct-attribution``.
    """
    tree = parse_lenient(text)[0] if isinstance(text, str) else text
    out: list[str] = []
    for mark in tree.marks():
        kind, node = mark.kind, mark.node
        if kind == "text":
            out.append(escape(mark.text))
        elif kind == "placeholder":
            out.append(
                '<span class="ct-placeholder" style="background:#e5dbff;font-style:italic">'
                + escape(mark.text)
                + "</span>"
            )
        elif kind == "separator":
            assert isinstance(node, Alternatives)
            out.append(f"<b>{escape(mark.text)}</b>" if node.slash else escape(mark.text))
        elif kind in ("option-open", "option-close"):
            continue
        elif kind == "close":
            assert isinstance(node, Bracket | Alternatives)
            out.append(_closing(node) if isinstance(node, Bracket) or node.slash else "</span>")
        elif isinstance(node, Bracket):
            out.append(
                f'<span class="ct-bracket ct-depth-{mark.depth}" '
                f'style="{_bracket_style(mark.depth)}"><b>[</b>'
            )
        elif isinstance(node, Alternatives) and node.slash:
            out.append(
                f'<span class="ct-alternatives ct-bracket ct-depth-{mark.depth}" '
                f'style="{_bracket_style(mark.depth)};text-decoration:underline dotted"><b>[</b>'
            )
        else:
            out.append('<span class="ct-alternatives" style="text-decoration:underline dotted">')
    return "".join(out)


def paragraph_html(
    paragraph: Paragraph,
    *,
    colour: str = NEUTRAL,
    classes: tuple[str, ...] = (),
    extra: str = "",
    indent: int = 0,
) -> str:
    """One paragraph: its label and its text with the brackets highlighted, in a frame with a
    coloured left border.

    Args:
        paragraph: the paragraph.
        colour: the border's colour.
        classes: more classes for the frame (such as a status's).
        extra: HTML to add after the text (a status badge, say), already escaped.
        indent: the nesting level (sub-paragraphs of a chapeau are indented).
    """
    names = ["ct-paragraph", *classes]
    style = f"border-left:4px solid {colour};padding:1px 6px;margin:2px 0 2px {1.5 * indent}em"
    if paragraph.deleted:
        names.append("ct-deleted")
        style += ";opacity:0.55;text-decoration:line-through"
    label = ""
    if paragraph.label is not None:
        label = (
            '<span class="ct-label" style="font-weight:bold;margin-right:0.5em">'
            f"{escape(paragraph.display_label)}</span>"
        )
    text = (
        '<span class="ct-text" style="white-space:pre-wrap">'
        + text_html(paragraph.tree)
        + "</span>"
    )
    return (
        f'<div class="{" ".join(names)}" data-paragraph-id="{escape(paragraph.id)}" '
        f'style="{style}">{label}{text}{extra}</div>'
    )


def draft_html(
    draft: Draft,
    *,
    show_deleted: bool = False,
    top: str = "",
    paragraph: Callable[[Paragraph, int], str] | None = None,
) -> str:
    """The whole draft: title and symbol, headings, paragraphs indented under their chapeau.

    Args:
        draft: the draft.
        show_deleted: show tombstones too, struck through.
        top: HTML to put under the title (a document's status, say), already escaped.
        paragraph: how to render a paragraph at a nesting level (default: :func:`paragraph_html`).
    """
    render = paragraph or (lambda p, indent: paragraph_html(p, indent=indent))
    parts = [f'<div class="consensus-text ct-draft" style="{FONT}">']
    if draft.title or draft.symbol:
        symbol = (
            f' <span style="color:#666;font-weight:normal">{escape(draft.symbol)}</span>'
            if draft.symbol
            else ""
        )
        parts.append(
            f'<div class="ct-title" style="font-weight:bold;font-size:larger">'
            f"{escape(draft.title)}{symbol}</div>"
        )
    if top:
        parts.append(top)
    for item in draft.paragraphs:
        if item.deleted and not show_deleted:
            continue
        if item.kind is ParagraphKind.HEADING:
            parts.append(
                '<div class="ct-heading" style="font-weight:bold;margin:0.8em 0 0.2em">'
                f"{text_html(item.tree)}</div>"
            )
            continue
        parts.append(render(item, len(draft.ancestors(item.id))))
    parts.append("</div>")
    return "".join(parts)
