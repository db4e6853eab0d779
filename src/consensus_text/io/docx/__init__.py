"""DOCX export: the bracketed draft, the clean text, redlines with tracked changes, tables.

What chairs' offices circulate is Word. Every exporter writes real Word styles ("CT Operative",
"CT Preambular", "CT Subparagraph", "CT Heading", ...), the negotiated labels as text with a
hanging indent, footnotes for the proposers of bracketed wording, and native tracked changes
(``w:ins``, ``w:del``, ``w:moveFrom``/``w:moveTo``) that Word's and LibreOffice's Accept and
Reject work on.

Every ``export_*_docx`` function takes the output as its second argument: a path, written
atomically (a temporary file in the same directory, then :func:`os.replace`), or a writable
binary stream such as :class:`io.BytesIO` for the bytes:

>>> import io
>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> from consensus_text.model.snapshot import Snapshot
>>> from consensus_text.io.docx import export_bracketed_docx, export_clean_docx
>>> draft = Draft(title="Programme of Action", symbol="A/AC.292/2025/L.1", paragraphs=(
...     Paragraph("p1", ParagraphKind.OPERATIVE, "Decides to [establish]{EU} a PoA;",
...               label=Label.parse("1")),
... ))
>>> buffer = io.BytesIO()
>>> export_bracketed_docx(Snapshot(draft=draft), buffer)
>>> buffer.getvalue()[:2]
b'PK'
>>> export_clean_docx(Snapshot(draft=draft), io.BytesIO())
Traceback (most recent call last):
...
consensus_text.errors.PendingParagraphsError: 1 paragraph(s) still pending: 1; choose a policy: pending='omit', 'keep' or 'draft'
"""

from __future__ import annotations

import typing

from consensus_text import _lazy

if typing.TYPE_CHECKING:
    from consensus_text.io.docx._options import (
        ExportOptions,
        PendingPolicy,
        RedlineRound,
        ShadingColours,
    )
    from consensus_text.io.docx._redline import export_redline_docx
    from consensus_text.io.docx._table import export_table_docx
    from consensus_text.io.docx._writer import export_bracketed_docx, export_clean_docx

#: Where each name lives; loaded on first use, so that a bracketed export does not load the
#: redline's diff engine (see consensus_text._lazy).
_HOMES = {
    **dict.fromkeys(
        ("ExportOptions", "PendingPolicy", "RedlineRound", "ShadingColours"),
        "consensus_text.io.docx._options",
    ),
    "export_redline_docx": "consensus_text.io.docx._redline",
    "export_table_docx": "consensus_text.io.docx._table",
    **dict.fromkeys(
        ("export_bracketed_docx", "export_clean_docx"), "consensus_text.io.docx._writer"
    ),
}

__all__ = [
    "ExportOptions",
    "PendingPolicy",
    "RedlineRound",
    "ShadingColours",
    "export_bracketed_docx",
    "export_clean_docx",
    "export_redline_docx",
    "export_table_docx",
]

__getattr__, __dir__ = _lazy.lazy_names(__name__, _HOMES, globals())
