"""HTML views of drafts, paragraphs and consensus reports, for Jupyter's ``_repr_html_``.

Plain strings, inline styles (notebook viewers drop ``<style>`` elements), every piece of text
escaped with :func:`html.escape`. Brackets stay visible: each contested element is highlighted,
deeper ones darker, with its ``[``, ``]`` and attribution as written, so the text content of a
rendered paragraph is exactly its source text. Paragraphs are coloured by status when a report
is given.

>>> from consensus_text.model.paragraphs import Paragraph, ParagraphKind
>>> paragraph = Paragraph("p1", ParagraphKind.OPERATIVE, "States [shall][should] act <now>;")
>>> html = render_paragraph_html(paragraph)
>>> "&lt;now&gt;" in html, html.count('class="ct-bracket')
(True, 2)
>>> import re, html as html_module
>>> html_module.unescape(re.sub("<[^>]+>", "", render_text_html(paragraph.text)))
'States [shall][should] act <now>;'
"""

from __future__ import annotations

from consensus_text.consensus._html import (
    render_draft_html,
    render_paragraph_html,
    render_report_html,
)
from consensus_text.model._html import text_html as render_text_html

__all__ = [
    "render_draft_html",
    "render_paragraph_html",
    "render_report_html",
    "render_text_html",
]
