"""The Word styles of an exported document: real paragraph and character styles.

Paragraph labels ("5 bis", "(a)", "PP3") are the negotiated labels, which Word's automatic
numbering cannot produce ("12 bis" sits between 12 and 13), so they are written as text followed
by a tab, and each paragraph style gives the hanging indent and the tab stop that line the text
up: no spaces are used for layout anywhere.
"""

from __future__ import annotations

from typing import Final

#: Style ids, by role. Names (shown in Word's style gallery) are the ids with spaces.
TITLE: Final = "CTTitle"
SYMBOL: Final = "CTSymbol"
REVISION: Final = "CTRevision"
HEADING: Final = "CTHeading"
PREAMBULAR: Final = "CTPreambular"
OPERATIVE: Final = "CTOperative"
SUBPARAGRAPH: Final = ("CTSubparagraph", "CTSubparagraph2", "CTSubparagraph3", "CTSubparagraph4")
OPTION: Final = "CTOption"
BODY: Final = "CTBody"
END_LINE: Final = "CTEndLine"
TABLE_TEXT: Final = "CTTableText"
TABLE_HEADING: Final = "CTTableHeading"
DRAFT_MARK: Final = "CTDraftMark"
PLACEHOLDER: Final = "CTPlaceholder"  # character style
FOOTNOTE_TEXT: Final = "FootnoteText"
FOOTNOTE_REFERENCE: Final = "FootnoteReference"
HEADER: Final = "Header"

#: Hanging indent of numbered paragraphs and of each sub-paragraph level, in twips.
LABEL_WIDTH: Final = 1134  # 2 cm: room for "PP12 quater"
SUB_WIDTH: Final = 567  # 1 cm: room for "(viii)"


def quoteattr(value: str) -> str:
    """An XML attribute value in double quotes (xml.sax.saxutils pulls in urllib: slow)."""
    return '"' + escape(value).replace('"', "&quot;") + '"'


def escape(value: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for XML text."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _names() -> dict[str, str]:
    names = {
        TITLE: "CT Title",
        SYMBOL: "CT Symbol",
        REVISION: "CT Revision",
        HEADING: "CT Heading",
        PREAMBULAR: "CT Preambular",
        OPERATIVE: "CT Operative",
        OPTION: "CT Option",
        BODY: "CT Body",
        END_LINE: "CT End Line",
        TABLE_TEXT: "CT Table Text",
        TABLE_HEADING: "CT Table Heading",
        DRAFT_MARK: "CT Draft Mark",
        PLACEHOLDER: "CT Placeholder",
        FOOTNOTE_TEXT: "footnote text",
        HEADER: "header",
    }
    names[SUBPARAGRAPH[0]] = "CT Subparagraph"
    for level, style in enumerate(SUBPARAGRAPH[1:], start=2):
        names[style] = f"CT Subparagraph {level}"
    return names


STYLE_NAMES: Final = _names()


def _paragraph_style(
    style_id: str,
    *,
    based_on: str = "Normal",
    ppr: str = "",
    rpr: str = "",
    next_style: str | None = None,
) -> str:
    name = STYLE_NAMES.get(style_id, style_id)
    following = f'<w:next w:val="{next_style}"/>' if next_style else ""
    custom = ' w:customStyle="1"' if style_id.startswith("CT") else ""
    return (
        f'<w:style w:type="paragraph"{custom} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/>{following}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _hanging(left: int, hanging: int) -> str:
    return (
        f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
        f'<w:spacing w:after="120"/><w:ind w:left="{left}" w:hanging="{hanging}"/><w:jc w:val="both"/>'
    )


def styles_xml(font: str, size_pt: float) -> bytes:
    """The ``word/styles.xml`` part for a body font and size (font already checked for XML)."""
    half_points = round(size_pt * 2)
    small = max(round(size_pt * 2 * 10 / 12), 12)
    font_attr = quoteattr(font)
    fonts = f"<w:rFonts w:ascii={font_attr} w:hAnsi={font_attr} w:cs={font_attr} w:eastAsia={font_attr}/>"
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="CTTable"><w:name w:val="CT Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        "</w:tblBorders></w:tblPr></w:style>",
        _paragraph_style(SYMBOL, ppr='<w:jc w:val="right"/>', rpr="<w:b/><w:bCs/>"),
        _paragraph_style(REVISION, ppr='<w:spacing w:after="240"/><w:jc w:val="right"/>'),
        _paragraph_style(
            TITLE,
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="360"/><w:jc w:val="center"/>',
            rpr=f'<w:b/><w:bCs/><w:sz w:val="{half_points + 4}"/><w:szCs w:val="{half_points + 4}"/>',
        ),
        _paragraph_style(
            HEADING,
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        _paragraph_style(PREAMBULAR, ppr=_hanging(LABEL_WIDTH, LABEL_WIDTH)),
        _paragraph_style(OPERATIVE, ppr=_hanging(LABEL_WIDTH, LABEL_WIDTH)),
        _paragraph_style(
            OPTION,
            ppr=f'<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:left="{LABEL_WIDTH}"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        _paragraph_style(BODY, ppr='<w:spacing w:after="120"/><w:jc w:val="both"/>'),
        _paragraph_style(END_LINE, ppr='<w:spacing w:before="480"/><w:jc w:val="center"/>'),
        _paragraph_style(
            TABLE_TEXT,
            ppr='<w:spacing w:before="20" w:after="20"/>',
            rpr=f'<w:sz w:val="{small}"/><w:szCs w:val="{small}"/>',
        ),
        _paragraph_style(
            TABLE_HEADING, based_on=TABLE_TEXT, ppr="<w:keepNext/>", rpr="<w:b/><w:bCs/>"
        ),
        _paragraph_style(
            DRAFT_MARK,
            ppr='<w:jc w:val="center"/>',
            rpr='<w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/>',
        ),
        _paragraph_style(FOOTNOTE_TEXT, rpr=f'<w:sz w:val="{small}"/><w:szCs w:val="{small}"/>'),
        _paragraph_style(HEADER, ppr='<w:jc w:val="right"/>'),
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{PLACEHOLDER}">'
        f'<w:name w:val="{STYLE_NAMES[PLACEHOLDER]}"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:rPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:rPr></w:style>',
    ]
    for level, style in enumerate(SUBPARAGRAPH, start=1):
        styles.append(
            _paragraph_style(style, ppr=_hanging(LABEL_WIDTH + SUB_WIDTH * level, SUB_WIDTH))
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>" + "".join(styles) + "</w:styles>"
    ).encode("utf-8")
