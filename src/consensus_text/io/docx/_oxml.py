"""WordprocessingML element builders on lxml: runs, tracked changes, footnote references.

python-docx has no API for tracked changes (``w:ins``, ``w:del``, ``w:moveFrom``,
``w:moveTo``), footnotes or paragraph-mark revisions, and adding runs through its proxies is
slow; the exporters build the XML here and package it themselves (:mod:`._package`).

Every string that reaches the XML goes through :func:`check_xml_text` first, so a character
that XML 1.0 cannot hold is reported with the paragraph it came from instead of failing deep
inside lxml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from lxml import etree

from consensus_text.errors import ExportError

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V_NS: Final = "urn:schemas-microsoft-com:vml"
O_NS: Final = "urn:schemas-microsoft-com:office:office"
W10_NS: Final = "urn:schemas-microsoft-com:office:word"
XML_NS: Final = "http://www.w3.org/XML/1998/namespace"

NSMAP: Final = {"w": W_NS, "r": R_NS}
NSMAP_VML: Final = {"w": W_NS, "r": R_NS, "v": V_NS, "o": O_NS, "w10": W10_NS}

_W = "{" + W_NS + "}"
_SPACE = "{" + XML_NS + "}space"


def qn(tag: str) -> str:
    """Clark name of a ``w:`` tag: ``qn("p")`` is ``"{...wordprocessingml...}p"``."""
    return _W + tag


def wattr(name: str) -> str:
    """Clark name of a ``w:`` attribute."""
    return _W + name


# Qualified names used in hot loops.
P, PPR, PSTYLE, R, RPR, T, DELTEXT, TAB, BR = (
    qn(t) for t in ("p", "pPr", "pStyle", "r", "rPr", "t", "delText", "tab", "br")
)
INS, DEL, MOVE_FROM, MOVE_TO = qn("ins"), qn("del"), qn("moveFrom"), qn("moveTo")
I_, ICS, RSTYLE, SHD, VAL = qn("i"), qn("iCs"), qn("rStyle"), qn("shd"), wattr("val")
ID, AUTHOR, DATE = wattr("id"), wattr("author"), wattr("date")

# Characters that XML 1.0 cannot hold (C0 controls but tab, LF, CR; surrogates; U+FFFE/U+FFFF).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPLIT = re.compile(r"(\t|\r\n|\n|\r)")


def check_xml_text(text: str, where: str) -> None:
    """Raise :class:`ExportError` when ``text`` holds a character XML cannot store.

    Args:
        text: the text to write.
        where: what the text is, for the message: ``"paragraph 5 bis (id 'p12')"``.

    Raises:
        ExportError: naming ``where``, the character and its 1-based position.

    >>> check_xml_text("Decides\\x0b to act;", "paragraph 3 (id 'p3')")
    Traceback (most recent call last):
    ...
    consensus_text.errors.ExportError: paragraph 3 (id 'p3') contains U+000B, which XML cannot hold, at character 8 ('Decides'); remove or replace it (control characters other than tab and newline, lone surrogates and U+FFFE/U+FFFF cannot be stored in a DOCX file)
    """
    match = _INVALID_XML.search(text)
    if match is None:
        return
    position = match.start()
    before = text[max(0, position - 20) : position]
    raise ExportError(
        f"{where} contains U+{ord(match.group()):04X}, which XML cannot hold, at character "
        f"{position + 1} ({before!r})",
        hint="remove or replace it (control characters other than tab and newline, lone "
        "surrogates and U+FFFE/U+FFFF cannot be stored in a DOCX file)",
    )


def make_rpr(*, italic: bool = False, style: str | None = None) -> etree._Element | None:
    """A ``w:rPr`` with a character style and italics, or None when it would be empty."""
    if not italic and style is None:
        return None
    rpr = etree.Element(RPR)
    if style is not None:
        etree.SubElement(rpr, RSTYLE, {VAL: style})
    if italic:
        etree.SubElement(rpr, I_)
        etree.SubElement(rpr, ICS)
    return rpr


def add_run(
    parent: etree._Element,
    text: str,
    *,
    italic: bool = False,
    style: str | None = None,
    deleted: bool = False,
) -> None:
    """Append runs holding ``text`` to ``parent``; tabs and line breaks become ``w:tab``/``w:br``.

    Args:
        parent: a ``w:p``, ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo``.
        text: the text (already checked with :func:`check_xml_text`).
        italic: italic run.
        style: character style id.
        deleted: write ``w:delText`` (inside ``w:del``) instead of ``w:t``.
    """
    if not text:
        return
    run = etree.SubElement(parent, R)
    rpr = make_rpr(italic=italic, style=style)
    if rpr is not None:
        run.append(rpr)
    tag = DELTEXT if deleted else T
    if "\t" not in text and "\n" not in text and "\r" not in text:
        t = etree.SubElement(run, tag)
        t.text = text
        if text[0] == " " or text[-1] == " " or "  " in text:
            t.set(_SPACE, "preserve")
        return
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        if piece == "\t":
            etree.SubElement(run, TAB)
        elif piece in ("\n", "\r", "\r\n"):
            etree.SubElement(run, BR)
        else:
            t = etree.SubElement(run, tag)
            t.text = piece
            t.set(_SPACE, "preserve")


def add_paragraph(
    parent: etree._Element,
    style: str,
    *,
    shading: str | None = None,
    keep_next: bool = False,
) -> etree._Element:
    """Append a ``w:p`` with its ``w:pPr`` (style, optional shading) and return it."""
    p = etree.SubElement(parent, P)
    ppr = etree.SubElement(p, PPR)
    etree.SubElement(ppr, PSTYLE, {VAL: style})
    if keep_next:
        etree.SubElement(ppr, qn("keepNext"))
    if shading is not None:
        etree.SubElement(ppr, SHD, {VAL: "clear", wattr("color"): "auto", wattr("fill"): shading})
    return p


class ChangeIds:
    """Allocator of unique ``w:id`` values for revisions, bookmarks and move ranges."""

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def __call__(self) -> str:
        value = self._next
        self._next += 1
        return str(value)


def revision(tag: str, ids: ChangeIds, author: str, date: str) -> etree._Element:
    """A revision element (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``) not yet attached."""
    return etree.Element(tag, {ID: ids(), AUTHOR: author, DATE: date})


def mark_paragraph(
    p: etree._Element, marks: Iterable[tuple[str, str, str]], ids: ChangeIds
) -> None:
    """Record revisions of a paragraph mark: ``w:pPr/w:rPr/w:ins`` and the like.

    Args:
        p: the paragraph.
        marks: ``(tag, author, date)`` in schema order (ins, del, moveFrom, moveTo).
        ids: the id allocator.
    """
    items = list(marks)
    if not items:
        return
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    rpr = etree.Element(RPR)
    order = {INS: 0, DEL: 1, MOVE_FROM: 2, MOVE_TO: 3}
    for tag, author, date in sorted(items, key=lambda item: order[item[0]]):
        etree.SubElement(rpr, tag, {ID: ids(), AUTHOR: author, DATE: date})
    # w:rPr comes after everything in w:pPr except w:sectPr and w:pPrChange.
    ppr.append(rpr)


def add_footnote_reference(parent: etree._Element, footnote_id: int) -> None:
    """Append a run with a ``w:footnoteReference`` to ``parent``."""
    run = etree.SubElement(parent, R)
    rpr = etree.SubElement(run, RPR)
    etree.SubElement(rpr, RSTYLE, {VAL: "FootnoteReference"})
    etree.SubElement(run, qn("footnoteReference"), {ID: str(footnote_id)})


def add_table(
    parent: etree._Element,
    widths: list[int],
    rows: list[list[tuple[list[str], str | None]]],
    *,
    header_rows: int = 1,
    text_style: str,
    heading_style: str,
    table_style: str = "CTTable",
) -> etree._Element:
    """Append a ``w:tbl`` with fixed column widths (twips) and return it.

    Args:
        parent: the body.
        widths: the width of each column in twips.
        rows: per row, per cell: the cell's lines (one paragraph each) and an optional fill.
        header_rows: how many leading rows repeat on each page, in ``heading_style``.
        text_style: paragraph style of ordinary cells.
        heading_style: paragraph style of header cells.
        table_style: the table style id.
    """
    tbl = etree.SubElement(parent, qn("tbl"))
    tbl_pr = etree.SubElement(tbl, qn("tblPr"))
    etree.SubElement(tbl_pr, qn("tblStyle"), {VAL: table_style})
    etree.SubElement(tbl_pr, qn("tblW"), {wattr("w"): str(sum(widths)), wattr("type"): "dxa"})
    etree.SubElement(tbl_pr, qn("tblLayout"), {wattr("type"): "fixed"})
    etree.SubElement(
        tbl_pr,
        qn("tblLook"),
        {
            VAL: "04A0",
            wattr("firstRow"): "1",
            wattr("lastRow"): "0",
            wattr("firstColumn"): "1",
            wattr("lastColumn"): "0",
            wattr("noHBand"): "0",
            wattr("noVBand"): "1",
        },
    )
    grid = etree.SubElement(tbl, qn("tblGrid"))
    for width in widths:
        etree.SubElement(grid, qn("gridCol"), {wattr("w"): str(width)})
    for index, cells in enumerate(rows):
        tr = etree.SubElement(tbl, qn("tr"))
        if index < header_rows:
            tr_pr = etree.SubElement(tr, qn("trPr"))
            etree.SubElement(tr_pr, qn("cantSplit"))
            etree.SubElement(tr_pr, qn("tblHeader"))
        style = heading_style if index < header_rows else text_style
        for width, (lines, fill) in zip(widths, cells, strict=True):
            tc = etree.SubElement(tr, qn("tc"))
            tc_pr = etree.SubElement(tc, qn("tcPr"))
            etree.SubElement(tc_pr, qn("tcW"), {wattr("w"): str(width), wattr("type"): "dxa"})
            if fill is not None:
                etree.SubElement(
                    tc_pr, SHD, {VAL: "clear", wattr("color"): "auto", wattr("fill"): fill}
                )
            for line in lines or [""]:
                p = add_paragraph(tc, style)
                add_run(p, line)
    return tbl
