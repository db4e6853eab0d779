"""The OPC package of a DOCX file: parts, relationships, content types, and writing it out.

The package is assembled directly (no template, no python-docx at write time): the output is
deterministic (fixed zip timestamps, dates from the revision) and fast.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Final

from lxml import etree

from consensus_text.io.docx import _oxml as ox
from consensus_text.io.docx import _styles
from consensus_text.io.docx._styles import escape

_DECL: Final = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_MAIN: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_FIXED_TIME: Final = (1980, 1, 1, 0, 0, 0)

#: Page sizes (width, height) in twips.
PAPER: Final = {"a4": (11906, 16838), "letter": (12240, 15840)}


class DocumentBuilder:
    """The body, footnotes and header of a document being built, then packaged.

    Attributes:
        body: the ``w:body`` element; paragraphs and tables are appended to it.
        ids: the allocator of revision and bookmark ids, shared by the whole document.
    """

    def __init__(
        self,
        *,
        font: str,
        size_pt: float,
        paper: str,
        landscape: bool = False,
        title: str = "",
        created: dt.datetime | None = None,
    ) -> None:
        self.document = etree.Element(ox.qn("document"), nsmap=ox.NSMAP_VML)
        self.body = etree.SubElement(self.document, ox.qn("body"))
        self.ids = ox.ChangeIds()
        self._footnotes: list[etree._Element] = []
        self._header: etree._Element | None = None
        self._font = font
        self._size = size_pt
        self._paper = paper
        self._landscape = landscape
        self._title = title
        self._created = created
        self.track_revisions = False
        self._first_page_header = True

    # -- footnotes ------------------------------------------------------------------------------

    def add_footnote(self, paragraph: etree._Element, text: str) -> None:
        """Append a footnote reference to ``paragraph`` (or a run container) and its footnote."""
        footnote_id = len(self._footnotes) + 1
        ox.add_footnote_reference(paragraph, footnote_id)
        note = etree.Element(ox.qn("footnote"), {ox.ID: str(footnote_id)})
        p = ox.add_paragraph(note, _styles.FOOTNOTE_TEXT)
        run = etree.SubElement(p, ox.R)
        rpr = etree.SubElement(run, ox.RPR)
        etree.SubElement(rpr, ox.RSTYLE, {ox.VAL: _styles.FOOTNOTE_REFERENCE})
        etree.SubElement(run, ox.qn("footnoteRef"))
        ox.add_run(p, " " + text)
        self._footnotes.append(note)

    @property
    def footnote_count(self) -> int:
        """How many footnotes were added."""
        return len(self._footnotes)

    # -- header ---------------------------------------------------------------------------------

    def set_header(
        self, lines: list[tuple[str, str]], *, watermark: str | None = None, first_page: bool = True
    ) -> None:
        """Give the pages a header: ``(style id, text)`` lines, and an optional watermark.

        With ``first_page=False`` the first page has none (it shows the symbol in the body, as
        UN documents do).
        """
        self._first_page_header = first_page
        header = etree.Element(ox.qn("hdr"), nsmap=ox.NSMAP_VML)
        for index, (style, text) in enumerate(lines):
            p = ox.add_paragraph(header, style)
            if index == 0 and watermark:
                p.append(_watermark(watermark))
            ox.add_run(p, text)
        self._header = header

    # -- packaging ------------------------------------------------------------------------------

    def _sect_pr(self) -> etree._Element:
        width, height = PAPER[self._paper]
        if self._landscape:
            width, height = height, width
        sect = etree.Element(ox.qn("sectPr"))
        if self._header is not None:
            etree.SubElement(
                sect,
                ox.qn("headerReference"),
                {ox.wattr("type"): "default", "{" + ox.R_NS + "}id": "rIdHeader1"},
            )
            if not self._first_page_header:
                etree.SubElement(
                    sect,
                    ox.qn("headerReference"),
                    {ox.wattr("type"): "first", "{" + ox.R_NS + "}id": "rIdHeader2"},
                )
        attrs = {ox.wattr("w"): str(width), ox.wattr("h"): str(height)}
        if self._landscape:
            attrs[ox.wattr("orient")] = "landscape"
        etree.SubElement(sect, ox.qn("pgSz"), attrs)
        margin = "1134" if self._landscape else "1440"
        etree.SubElement(
            sect,
            ox.qn("pgMar"),
            {
                ox.wattr(k): v
                for k, v in (
                    ("top", margin),
                    ("right", margin),
                    ("bottom", margin),
                    ("left", margin),
                    ("header", "708"),
                    ("footer", "708"),
                    ("gutter", "0"),
                )
            },
        )
        if self._header is not None and not self._first_page_header:
            etree.SubElement(sect, ox.qn("titlePg"))
        return sect

    def to_bytes(self) -> bytes:
        """The finished DOCX file."""
        self.body.append(self._sect_pr())
        parts: dict[str, bytes] = {
            "word/document.xml": _DECL + etree.tostring(self.document, encoding="UTF-8"),
            "word/styles.xml": _styles.styles_xml(self._font, self._size),
            "word/settings.xml": self._settings(),
            "docProps/core.xml": self._core(),
            "docProps/app.xml": _app(),
        }
        relationships = [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdSettings", "settings", "settings.xml"),
        ]
        overrides = [
            ("/word/document.xml", f"{_CT_MAIN}.document.main+xml"),
            ("/word/styles.xml", f"{_CT_MAIN}.styles+xml"),
            ("/word/settings.xml", f"{_CT_MAIN}.settings+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            (
                "/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            ),
        ]
        if self._footnotes:
            parts["word/footnotes.xml"] = self._footnotes_xml()
            relationships.append(("rIdFootnotes", "footnotes", "footnotes.xml"))
            overrides.append(("/word/footnotes.xml", f"{_CT_MAIN}.footnotes+xml"))
        if self._header is not None:
            parts["word/header1.xml"] = _DECL + etree.tostring(self._header, encoding="UTF-8")
            relationships.append(("rIdHeader1", "header", "header1.xml"))
            overrides.append(("/word/header1.xml", f"{_CT_MAIN}.header+xml"))
            if not self._first_page_header:
                empty = etree.Element(ox.qn("hdr"), nsmap=ox.NSMAP)
                ox.add_paragraph(empty, _styles.HEADER)
                parts["word/header2.xml"] = _DECL + etree.tostring(empty, encoding="UTF-8")
                relationships.append(("rIdHeader2", "header", "header2.xml"))
                overrides.append(("/word/header2.xml", f"{_CT_MAIN}.header+xml"))
        parts["word/_rels/document.xml.rels"] = _relationships(
            (rid, f"{_DOC_REL}/{kind}", target) for rid, kind, target in relationships
        )
        parts["_rels/.rels"] = _relationships(
            [
                ("rId1", f"{_DOC_REL}/officeDocument", "word/document.xml"),
                (
                    "rId2",
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                    "core-properties",
                    "docProps/core.xml",
                ),
                ("rId3", f"{_DOC_REL}/extended-properties", "docProps/app.xml"),
            ]
        )
        parts["[Content_Types].xml"] = _content_types(overrides)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in (
                "[Content_Types].xml",
                "_rels/.rels",
                *sorted(set(parts) - {"[Content_Types].xml", "_rels/.rels"}),
            ):
                info = zipfile.ZipInfo(name, _FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, parts[name])
        return buffer.getvalue()

    def _settings(self) -> bytes:
        track = "<w:trackRevisions/>" if self.track_revisions else ""
        footnote_pr = (
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            if self._footnotes
            else ""
        )
        return (
            _DECL
            + (
                f'<w:settings xmlns:w="{ox.W_NS}">{track}<w:defaultTabStop w:val="567"/>'
                '<w:characterSpacingControl w:val="doNotCompress"/>'
                f"{footnote_pr}<w:compat>"
                '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
                ' w:val="15"/></w:compat></w:settings>'
            ).encode()
        )

    def _footnotes_xml(self) -> bytes:
        root = etree.Element(ox.qn("footnotes"), nsmap=ox.NSMAP)
        for footnote_id, kind, child in (
            ("-1", "separator", "separator"),
            ("0", "continuationSeparator", "continuationSeparator"),
        ):
            note = etree.SubElement(
                root, ox.qn("footnote"), {ox.wattr("type"): kind, ox.ID: footnote_id}
            )
            p = etree.SubElement(note, ox.P)
            ppr = etree.SubElement(p, ox.PPR)
            etree.SubElement(
                ppr,
                ox.qn("spacing"),
                {ox.wattr("after"): "0", ox.wattr("line"): "240", ox.wattr("lineRule"): "auto"},
            )
            run = etree.SubElement(p, ox.R)
            etree.SubElement(run, ox.qn(child))
        root.extend(self._footnotes)
        return _DECL + etree.tostring(root, encoding="UTF-8")

    def _core(self) -> bytes:
        when = (self._created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        return (
            _DECL
            + (
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
                ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
                ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"<dc:title>{escape(self._title)}</dc:title><dc:creator>consensus_text</dc:creator>"
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
                "</cp:coreProperties>"
            ).encode()
        )


def _app() -> bytes:
    return _DECL + (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        b"<Application>consensus_text</Application></Properties>"
    )


def _relationships(items: object) -> bytes:
    rows = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
        for rid, kind, target in items  # type: ignore[attr-defined]
    )
    return _DECL + f'<Relationships xmlns="{_REL_NS}">{rows}</Relationships>'.encode()


def _content_types(overrides: list[tuple[str, str]]) -> bytes:
    rows = "".join(
        f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides
    )
    return (
        _DECL
        + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f"{rows}</Types>"
        ).encode()
    )


def _watermark(text: str) -> etree._Element:
    """A VML text watermark (the shape Word itself writes for "DRAFT"), inside a run."""
    v = "{" + ox.V_NS + "}"
    o = "{" + ox.O_NS + "}"
    run = etree.Element(ox.R)
    pict = etree.SubElement(run, ox.qn("pict"))
    shapetype = etree.SubElement(
        pict,
        v + "shapetype",
        {
            "id": "_x0000_t136",
            "coordsize": "21600,21600",
            o + "spt": "136",
            "path": "m0,0l21600,0m0,21600l21600,21600e",
        },
    )
    etree.SubElement(shapetype, v + "path", {"textpathok": "t", o + "connecttype": "custom"})
    etree.SubElement(shapetype, v + "textpath", {"on": "t", "fitshape": "t"})
    etree.SubElement(
        shapetype, o + "lock", {"{" + ox.V_NS + "}ext": "edit", "text": "t", "shapetype": "t"}
    )
    shape = etree.SubElement(
        pict,
        v + "shape",
        {
            "id": "PowerPlusWaterMarkObject1",
            o + "spid": "_x0000_s2049",
            "type": "#_x0000_t136",
            "style": "position:absolute;margin-left:0;margin-top:0;width:468pt;height:117pt;"
            "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
            "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
            "mso-position-vertical-relative:margin",
            o + "allowincell": "f",
            "fillcolor": "silver",
            "stroked": "f",
        },
    )
    etree.SubElement(shape, v + "fill", {"opacity": ".5"})
    etree.SubElement(
        shape,
        v + "textpath",
        {"style": 'font-family:"Times New Roman";font-size:1pt', "string": text},
    )
    return run
