"""DOCX import: the exporter's output reads back, Word's own markup, numbering, notes, comments,
tracked changes, diagnostics by paragraph and character."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import attrs
import pytest
from docx_testkit import T1, T2, draft_v1, draft_v2, draft_v3, snapshot_v1
from hypothesis import given, settings
from hypothesis import strategies as st

import consensus_text.io.docx_import as docx_import
from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import FormatError, ParseError, ValidationError
from consensus_text.history import Negotiation
from consensus_text.io.docx import (
    ExportOptions,
    RedlineRound,
    export_bracketed_docx,
    export_clean_docx,
    export_redline_docx,
)
from consensus_text.io.docx import _layout as lay
from consensus_text.io.docx_import import (
    ATTRIBUTION_FOOTNOTE_RE,
    DocxDiagnostic,
    DocxLimits,
    read_docx,
)
from consensus_text.io.text import read_text_draft, write_text_draft
from consensus_text.model.labels import Label
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph
from consensus_text.model.paragraphs import ParagraphKind as K
from consensus_text.model.snapshot import Snapshot

# -- helpers -----------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
)
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "styles": ("styles", "styles"),
    "numbering": ("numbering", "numbering"),
    "footnotes": ("footnotes", "footnotes"),
    "endnotes": ("endnotes", "endnotes"),
    "comments": ("comments", "comments"),
}


def make_docx(body: str, **parts: str) -> bytes:
    """A minimal DOCX: ``body`` inside ``w:body``; each part's inner XML inside its root."""
    files = {
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}>'
        f"<w:body>{body}</w:body></w:document>"
    }
    rels = []
    for index, (key, inner) in enumerate(sorted(parts.items()), start=1):
        root, kind = _PARTS[key]
        files[f"word/{root}.xml"] = f"<w:{root} {_NS}>{inner}</w:{root}>"
        rels.append(f'<Relationship Id="rId{index}" Type="{_DOC_REL}/{kind}" Target="{root}.xml"/>')
    files["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    files["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def para(text: str = "", *, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A ``w:p`` with one run per ``|``-separated piece of ``text`` (tabs as ``w:tab``)."""
    ppr = ""
    if style or num:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    runs = []
    for piece in text.split("|") if text else []:
        chunks = piece.split("\t")
        content = "<w:tab/>".join(f'<w:t xml:space="preserve">{chunk}</w:t>' for chunk in chunks)
        runs.append(f"<w:r>{content}</w:r>")
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def shape(draft: Draft, *, attribution: bool = True) -> tuple[object, ...]:
    """What an import must keep: title, symbol, and per active paragraph the label as printed,
    kind, text, parent (by position), attribution and bracket count; option groups."""
    active = [p for p in draft.paragraphs if not p.deleted]
    index = {p.id: i for i, p in enumerate(active)}
    rows = [
        (
            lay.display_label(p),
            p.kind.value,
            p.text,
            index.get(p.parent) if p.parent else None,
            p.attribution if attribution else (),
            p.tree.brackets,
        )
        for p in active
    ]
    groups = [
        [
            (o.label, tuple(index[x] for x in o.paragraph_ids if x in index))
            + ((o.attribution,) if attribution else ())
            for o in g.options
        ]
        for g in draft.option_groups
    ]
    return draft.title, draft.symbol, rows, groups


def unattributed(draft: Draft) -> Draft:
    """The draft as a redline shows it: bracket attributions left out of the wording."""
    paragraphs = []
    for p in draft.paragraphs:
        text = p.text
        if not p.tree.is_clean:
            text = "".join(t for k, t in lay.pieces(p.tree.nodes, "none") if k != lay.FOOTNOTE)
        paragraphs.append(Paragraph(p.id, p.kind, text, p.label, p.parent, deleted=p.deleted))
    groups = [
        OptionGroup(g.id, [Option(o.label, o.paragraph_ids) for o in g.options])
        for g in draft.option_groups
    ]
    return Draft(draft.title, draft.symbol, paragraphs, groups)


def exported(snapshot: Snapshot, **kw: object) -> bytes:
    buffer = io.BytesIO()
    export_bracketed_docx(snapshot, buffer, **kw)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.fixture(scope="module")
def negotiation() -> Negotiation:
    return build_poa_negotiation()


# -- the exporter's output reads back -----------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "options"),
    [
        (snapshot_v1(), None),
        (snapshot_v1(), ExportOptions(attribution="inline")),
        (snapshot_v1(), ExportOptions(italic_first_word=False, paper="letter", font="Arial")),
        (Snapshot(draft=draft_v2()), None),
        (Snapshot(draft=draft_v3()), None),
    ],
    ids=["v1-footnotes", "v1-inline", "v1-plain", "v2", "v3"],
)
def test_bracketed_export_reads_back(snapshot: Snapshot, options: ExportOptions | None) -> None:
    result = read_docx(exported(snapshot, options=options))
    assert shape(result.draft) == shape(snapshot.draft)
    assert result.is_clean
    assert result.footnotes == ()  # every footnote of the export is an attribution


def test_attribution_none_loses_only_attribution() -> None:
    result = read_docx(exported(snapshot_v1(), options=ExportOptions(attribution="none")))
    assert shape(result.draft, attribution=False) == shape(
        unattributed(draft_v1()), attribution=False
    )


def test_status_table_and_shading_are_not_paragraphs() -> None:
    data = exported(
        snapshot_v1(),
        statuses={"op1": "blocked", "op2": "consensus_ready"},
        options=ExportOptions(status_table=True),
    )
    result = read_docx(data)
    assert shape(result.draft) == shape(draft_v1())
    assert result.stats.tables == 1  # the status table after the end line was not read
    assert not result.diagnostics


@pytest.mark.parametrize("revision", ["Zero draft", "Rev.1", "Rev.2", "Rev.3", None])
def test_demo_revisions_read_back(negotiation: Negotiation, revision: str | None) -> None:
    snapshot = negotiation.state if revision is None else negotiation.snapshot(revision=revision)
    result = read_docx(exported(snapshot))
    assert shape(result.draft) == shape(snapshot.draft)
    # The same diagnostics as the text of the same draft (the moved paragraph 32 before 28).
    text = read_text_draft(write_text_draft(snapshot.draft))
    assert [d.code for d in result.diagnostics] == [d.code for d in text.diagnostics]
    assert result.stats.draft_stats == text.stats


def test_demo_diagnostic_points_at_the_paragraph(negotiation: Negotiation) -> None:
    """A misnumbered paragraph ("40" before "29") is reported where Word shows it."""
    snapshot = negotiation.snapshot(revision="Rev.1")
    twenty_eight = snapshot.draft.by_label("28")
    draft = snapshot.draft.replaced(twenty_eight.with_label(Label.parse("40")))
    data = exported(attrs.evolve(snapshot, draft=draft))
    result = read_docx(data)
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "label-order"
    document = zipfile.ZipFile(io.BytesIO(data))
    from lxml import etree

    body = etree.fromstring(document.read("word/document.xml")).find(f"{{{W_NS}}}body")
    assert body is not None
    paragraphs = body.findall(f"{{{W_NS}}}p")
    text = "".join(t.text or "" for t in paragraphs[diagnostic.paragraph - 1].iter(f"{{{W_NS}}}t"))
    assert text.startswith("29.")
    assert diagnostic.where == f"paragraph {diagnostic.paragraph}, character 1"


def test_clean_export_reads_back_without_brackets() -> None:
    buffer = io.BytesIO()
    export_clean_docx(snapshot_v1(), buffer, policy="omit")
    result = read_docx(buffer.getvalue())
    assert all(p.tree.is_clean for p in result.draft.paragraphs)
    assert [p.text for p in result.draft.numbered()] == ["Requests:", "annual meetings;"]


def test_option_group_ends_at_a_higher_number() -> None:
    """The exporter writes no 'End of options': a following number beyond the group ends it."""
    draft = read_text_draft(
        "1. Decides [to act];\n\nAlt 1:\n2. Decides that X;\nAlt 2:\n2. Decides that Y;\n"
        "2 bis. Also decides Z;\nEnd of options\n\n3. Requests A;\n\n"
        "Option 1: No text\nOption 2 {EU}:\n4. Invites B;\nEnd of options\n\n## II. Next\n\n5. C."
    ).draft
    result = read_docx(exported(Snapshot(draft=draft)))
    assert shape(result.draft) == shape(draft)
    assert not result.diagnostics


# -- redlines: accept, reject, proposals ---------------------------------------------------------


def _redline(rounds: list[RedlineRound]) -> bytes:
    buffer = io.BytesIO()
    export_redline_docx(rounds, buffer)
    return buffer.getvalue()


ROUNDS = {
    "one": [RedlineRound(draft_v1(), draft_v2(), "Chair", T1, {"new1": ("EU", T1)})],
    "two": [
        RedlineRound(draft_v1(), draft_v2(), "Chair", T1),
        RedlineRound(draft_v2(), draft_v3(), "Facilitator", T2),
    ],
}


@pytest.mark.parametrize("rounds", ROUNDS.values(), ids=ROUNDS.keys())
@pytest.mark.parametrize("mode", ["accept", "reject", "proposals"])
def test_redline_accepted_or_rejected(rounds: list[RedlineRound], mode: str) -> None:
    result = read_docx(_redline(rounds), tracked_changes=mode)  # type: ignore[arg-type]
    want = rounds[-1].after if mode == "accept" else rounds[0].before
    assert shape(result.draft, attribution=False) == shape(unattributed(want), attribution=False)
    assert result.tracked_changes == mode
    assert result.stats.tracked_changes > 0
    assert bool(result.proposals) == (mode == "proposals")


def test_redline_proposals_name_author_date_and_place() -> None:
    result = read_docx(_redline(ROUNDS["one"]), tracked_changes="proposals")
    by_text = {p.text: p for p in result.proposals}
    eu = by_text["2 ter. Calls upon States to cooperate;"]
    assert (eu.kind, eu.author, eu.date, eu.whole_paragraph) == ("ins", "EU", T1, True)
    # a whole paragraph proposed for insertion names the paragraph it would follow
    op1 = result.draft.by_label("1")
    assert eu.paragraph_id == op1.id
    word = by_text["biennial"]
    assert (word.kind, word.author, word.whole_paragraph) == ("ins", "Chair", False)
    annual = by_text["annual"]
    assert annual.kind == "del"
    target = result.draft.paragraph(annual.paragraph_id or "")
    assert target.text[annual.character - 1 - len("(a) ") :].startswith("annual")
    gone = by_text["(b) a review conference in 20XX;"]
    assert (gone.kind, gone.whole_paragraph) == ("del", True)
    assert result.draft.paragraph(gone.paragraph_id or "").text == "a review conference in 20XX;"
    assert gone.where == f"paragraph {gone.paragraph}, character 1"


def test_redline_two_rounds_keep_each_author() -> None:
    result = read_docx(_redline(ROUNDS["two"]), tracked_changes="proposals")
    authors = {(p.author, p.date) for p in result.proposals}
    assert authors == {("Chair", T1), ("Facilitator", T2)}
    seized = [p for p in result.proposals if "remain seized" in p.text]
    assert [(p.kind, p.author, p.whole_paragraph) for p in seized] == [("ins", "Facilitator", True)]


TRACKED = (
    para("1.\tDecides to [act];")
    + '<w:p><w:r><w:t xml:space="preserve">2.</w:t><w:tab/><w:t xml:space="preserve">States </w:t></w:r>'
    '<w:ins w:id="1" w:author="EU" w:date="2025-03-01T10:00:00Z"><w:r><w:t>[shall]</w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="G77" w:date="2025-03-02T10:00:00"><w:r><w:delText>[should]</w:delText></w:r></w:del>'
    '<w:ins w:id="3" w:author="EU" w:date="2025-03-01T10:00:00Z"><w:del w:id="4" w:author="USA" w:date="2025-03-03T10:00:00Z">'
    "<w:r><w:delText> never</w:delText></w:r></w:del></w:ins>"
    '<w:moveTo w:id="5" w:author="Chair" w:date="2025-03-04T10:00:00Z"><w:r><w:t> act</w:t></w:r></w:moveTo>'
    '<w:r><w:t xml:space="preserve"> together;</w:t></w:r>'
    '<w:moveFrom w:id="6" w:author="Chair" w:date="2025-03-04T10:00:00Z"><w:r><w:t> act</w:t></w:r></w:moveFrom></w:p>'
    # a paragraph inserted whole: its mark and its runs
    '<w:p><w:pPr><w:rPr><w:ins w:id="7" w:author="AOSIS" w:date="2025-03-05T10:00:00Z"/></w:rPr></w:pPr>'
    '<w:ins w:id="8" w:author="AOSIS" w:date="2025-03-05T10:00:00Z"><w:r><w:t>2 bis.</w:t><w:tab/><w:t>Notes SIDS;</w:t></w:r></w:ins></w:p>'
    # two paragraphs joined: the mark of the first deleted
    '<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="Chair" w:date="2025-03-06T10:00:00Z"/></w:rPr></w:pPr>'
    "<w:r><w:t>3.</w:t><w:tab/><w:t>Requests</w:t></w:r></w:p>"
    '<w:p><w:r><w:t xml:space="preserve"> a report.</w:t></w:r></w:p>'
)


@pytest.mark.parametrize(
    ("mode", "texts"),
    [
        (
            "accept",
            [
                ("1", "Decides to [act];"),
                ("2", "States [shall] act together;"),
                ("2 bis", "Notes SIDS;"),
                ("3", "Requests a report."),
            ],
        ),
        (
            "reject",
            [
                ("1", "Decides to [act];"),
                ("2", "States [should] together; act"),
                ("3", "Requests"),
                ("", "a report."),
            ],
        ),
    ],
)
def test_tracked_changes_by_hand(mode: str, texts: list[tuple[str, str]]) -> None:
    result = read_docx(make_docx(TRACKED), tracked_changes=mode)  # type: ignore[arg-type]
    assert [(p.display_label, p.text) for p in result.draft.paragraphs] == texts


def test_tracked_changes_as_proposals_by_hand() -> None:
    result = read_docx(make_docx(TRACKED), tracked_changes="proposals")
    assert [(p.display_label, p.text) for p in result.draft.paragraphs][:2] == [
        ("1", "Decides to [act];"),
        ("2", "States [should] together; act"),
    ]
    got = [(p.kind, p.author, p.text, p.whole_paragraph, p.where) for p in result.proposals]
    assert got == [
        ("ins", "EU", "[shall]", False, "paragraph 2, character 11"),
        ("del", "G77", "[should]", False, "paragraph 2, character 11"),
        ("ins", "Chair", " act", False, "paragraph 2, character 19"),
        ("del", "Chair", " act", False, "paragraph 2, character 29"),
        ("ins", "AOSIS", "2 bis. Notes SIDS;", True, "paragraph 3, character 1"),
    ]
    g77 = result.proposals[1]
    assert g77.date == dt.datetime(2025, 3, 2, 10, tzinfo=dt.UTC)  # no zone: read as UTC
    assert result.proposals[0].paragraph_id == result.draft.by_label("2").id
    assert result.proposals[-1].paragraph_id == result.draft.by_label("2").id  # it would follow 2


def test_paragraph_properties_change_is_rejected() -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange w:id="1" w:author="A" '
        'w:date="2025-01-01T00:00:00Z"><w:pPr/></w:pPrChange></w:pPr>'
        "<w:r><w:t>1. Decides.</w:t></w:r></w:p>"
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    )
    accepted = read_docx(make_docx(body, styles=styles)).draft.paragraphs[0]
    rejected = read_docx(make_docx(body, styles=styles), tracked_changes="reject").draft
    assert accepted.kind is K.HEADING
    assert rejected.paragraphs[0].display_label == "1"


# -- Word's own markup ----------------------------------------------------------------------------

STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListPara"><w:name w:val="List Paragraph"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="My section"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>'
)


def _level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


NUMBERING = (
    '<w:abstractNum w:abstractNumId="10">'
    + _level(0, "decimal", "%1.")
    + _level(1, "lowerLetter", "(%2)")
    + _level(2, "lowerRoman", "(%3)")
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="20">'
    + _level(0, "upperRoman", "%1.", extra='<w:pStyle w:val="Heading1"/>')
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="30">'
    + _level(0, "bullet", "•")
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="10"/></w:num>'
    + '<w:num w:numId="3"><w:abstractNumId w:val="20"/></w:num>'
    + '<w:num w:numId="4"><w:abstractNumId w:val="10"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
    + '<w:num w:numId="5"><w:abstractNumId w:val="30"/></w:num>'
)

FOOTNOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Proposed by: EU; G77</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A/RES/77/37, para. 3.</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Submitted by AOSIS.</w:t></w:r></w:p></w:footnote>'
    '<w:footnote w:id="4"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Proposed by the European Union.</w:t></w:r></w:p></w:footnote>'
)
ENDNOTES = (
    '<w:endnote w:id="1"><w:p><w:r><w:t>See the Chair\'s summary.</w:t></w:r></w:p></w:endnote>'
)
COMMENTS = (
    '<w:comment w:id="7" w:author="Facilitator" w:date="2025-05-01T09:30:00Z" w:initials="F">'
    "<w:p><w:r><w:t>Check with capitals.</w:t></w:r></w:p><w:p><w:r><w:t>Second line.</w:t></w:r></w:p></w:comment>"
    '<w:comment w:id="8" w:author="EU"><w:p><w:r><w:t>Whole paragraph.</w:t></w:r></w:p></w:comment>'
    '<w:comment w:id="9" w:author="G77"><w:p><w:r><w:t>Not anchored.</w:t></w:r></w:p></w:comment>'
)


def _ref(kind: str, note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


WORD_BODY = (
    '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Draft decision on the PoA</w:t></w:r></w:p>'
    + para("Symbol: A/AC.292/2026/L.1")
    + '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:proofErr w:type="spellStart"/>'
    '<w:r><w:t>Scope</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>'
    + para("PP1\tRecalling its resolution 77/37,")
    # brackets across runs and formatting, a hyperlink, a smart tag, a bookmark, a comment
    + '<w:p w:rsidR="00AB12CD"><w:commentRangeStart w:id="7"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Noting the [</w:t></w:r>'
    '<w:bookmarkStart w:id="0" w:name="x"/><w:r><w:rPr><w:i/></w:rPr><w:t>report</w:t></w:r><w:bookmarkEnd w:id="0"/>'
    '<w:r><w:t>]</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'
    '<w:r><w:t xml:space="preserve"> at </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>https://un.org/[x]</w:t></w:r></w:hyperlink>'
    '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t xml:space="preserve"> in New</w:t></w:r></w:smartTag>'
    "<w:r><w:noBreakHyphen/><w:t>York,</w:t></w:r></w:p>"
    # automatic numbering: 1., (a), (i), (ii), (b), 2.; a typed 2 bis in between; restart by override
    + para("Decides to [establish]", num=(1, 0))
    + '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    "<w:r><w:t>Requests</w:t></w:r>"
    + _ref("footnote", 2)
    + "<w:r><w:t>:</w:t></w:r></w:p>"
    + para("to convene meetings", num=(1, 1))
    + para("on:", num=(1, 1)).replace("</w:p>", "</w:p>")
    + para("law;", num=(1, 2))
    + para("norms;", num=(1, 2))
    + '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr>'
    "<w:r><w:t>[annual]</w:t></w:r>"
    + _ref("footnote", 1)
    + '<w:r><w:t xml:space="preserve"> reports;</w:t></w:r></w:p>'
    + para("2\u00a0bis. Welcomes [the]", style="ListPara").replace(
        "<w:pPr>", '<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr>'
    )
    + '<w:p><w:pPr><w:pStyle w:val="ListPara"/></w:pPr><w:commentRangeStart w:id="8"/>'
    "<w:r><w:t>Invites States;</w:t></w:r>"
    + _ref("footnote", 3)
    + "</w:p>"
    # a field: the instruction is hidden, the result shown; hidden text and a drawing left out
    + '<w:p><w:r><w:t xml:space="preserve">4. Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>[hidden]</w:t></w:r>"
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline/></w:drawing></mc:Choice>'
    "<mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>"
    '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Arial" w:char="00A7"/><w:t>5</w:t></w:r>'
    '<w:fldSimple w:instr=" REF x "><w:r><w:t xml:space="preserve"> above</w:t></w:r></w:fldSimple>'
    + _ref("endnote", 1)
    + "</w:p>"
    + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table [x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    + '<w:sdt><w:sdtContent><w:p><w:pPr><w:pStyle w:val="Outline"/></w:pPr><w:r><w:t>A section</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    + para("Takes note;", num=(4, 0))
    + para("Decides also;", num=(4, 0))
    + para("a bullet", num=(5, 0))
    + '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Final provisions</w:t></w:r></w:p>'
    + para("9.\tDecides to [remain seized].")
    + "<w:p><w:r><w:t>Last </w:t></w:r><w:r><w:t>line</w:t></w:r>"
    + _ref("footnote", 4)
    + "</w:p>"
    + "<w:sectPr/>"
)


@pytest.fixture(scope="module")
def word() -> docx_import.DocxImportResult:
    return read_docx(
        make_docx(
            WORD_BODY,
            styles=STYLES,
            numbering=NUMBERING,
            footnotes=FOOTNOTES,
            endnotes=ENDNOTES,
            comments=COMMENTS,
        )
    )


def test_word_document_paragraphs(word: docx_import.DocxImportResult) -> None:
    draft = word.draft
    assert (draft.title, draft.symbol) == ("Draft decision on the PoA", "A/AC.292/2026/L.1")
    got = [(p.kind.value[0], p.display_label, p.text, p.attribution) for p in draft.paragraphs]
    assert got == [
        ("h", "", "I. Scope", ()),
        ("p", "PP1", "Recalling its resolution 77/37,", ()),
        ("p", "", "Noting the [report] at https://un.org/[x] in New-York,", ()),
        ("o", "1", "Decides to [establish]", ()),
        ("o", "2", "Requests[^1]:", ()),
        ("o", "(a)", "to convene meetings", ()),
        ("o", "(b)", "on:", ()),
        ("o", "(i)", "law;", ()),
        ("o", "(ii)", "norms;", ()),
        ("o", "(c)", "[annual]{EU, G77} reports;", ()),
        ("o", "2 bis", "Welcomes [the]", ()),
        ("o", "3", "Invites States;", ("AOSIS",)),  # numbered by its style
        ("o", "4", "Page 4§5 above[^e1]", ()),
        ("h", "", "A section", ()),
        ("o", "7", "Takes note;", ()),
        ("o", "8", "Decides also;", ()),
        ("o", "", "a bullet", ()),
        ("h", "", "II. Final provisions", ()),
        ("o", "9", "Decides to [remain seized].", ()),
        ("o", "", "Last line[^4]", ()),
    ]
    requests = draft.by_label("2")
    assert [p.display_label for p in draft.children(requests.id)] == ["(a)", "(b)", "(c)"]


def test_word_document_notes_comments_stats(word: docx_import.DocxImportResult) -> None:
    assert word.footnotes == (  # numbered as Word shows them: 2 and 3 are attributions
        ("1", "A/RES/77/37, para. 3."),
        ("e1", "See the Chair's summary."),
        ("4", "Proposed by the European Union."),
    )
    noting = word.draft.paragraphs[2]
    invites = word.draft.paragraphs[11]
    assert [(c.author, c.text, c.paragraph_id) for c in word.comments] == [
        ("Facilitator", "Check with capitals.\nSecond line.", noting.id),
        ("EU", "Whole paragraph.", invites.id),
        ("G77", "Not anchored.", None),
    ]
    assert word.comments[0].date == dt.datetime(2025, 5, 1, 9, 30, tzinfo=dt.UTC)
    assert word.comments[1].date is None
    stats = word.stats
    assert (stats.footnotes, stats.attributions, stats.comments, stats.tables) == (3, 2, 3, 1)
    assert stats.numbered == 13  # headings and bullets included
    assert stats.to_dict()["brackets"] == stats.brackets


def test_word_document_diagnostics(word: docx_import.DocxImportResult) -> None:
    assert [(d.code, d.severity, d.where) for d in word.diagnostics] == [
        ("table-skipped", "warning", "paragraph 16, character 1"),
    ]


def test_strict_word_namespace_is_read() -> None:
    strict_ns = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    data = make_docx(para("1.\tDecides [to act];")).replace(W_NS.encode(), strict_ns.encode())
    assert read_docx(data).draft.paragraphs[0].text == "Decides [to act];"


# -- labels, attributions, lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "label", "text"),
    [
        ("5 bis.\tDecides;", "5 bis", "Decides;"),
        ("5 bis\tDecides;", "5 bis", "Decides;"),
        ("-1.\tDecides;", "-1", "Decides;"),
        ("PP3\tRecalling,", "PP3", "Recalling,"),
        ("PP 3 ter\tRecalling,", "PP3 ter", "Recalling,"),
        ("OP4\tDecides;", "OP4", "Decides;"),
        ("5)\tDecides;", "5", "Decides;"),
        ("5. Decides;", "5", "Decides;"),
        ("5\u00a0bis. Decides;", "5 bis", "Decides;"),
        ("2025\tA year of review.", "2025", "A year of review."),
        ("Article 5\tDecides;", "", "Article 5 Decides;"),
        ("A.\tGeneral principles", "", "A. General principles"),
    ],
)
def test_typed_labels(typed: str, label: str, text: str) -> None:
    body = para("Requests:") + para("1. Decides:") + para(typed)
    paragraph = read_docx(make_docx(body)).draft.paragraphs[-1]
    assert (paragraph.display_label, paragraph.text) == (label, text)


@pytest.mark.parametrize(
    ("note", "codes", "what"),
    [
        ("Proposed by EU.", "EU", None),
        ("Proposed by: EU, G77", "EU, G77", None),
        ("proposed by AUS; MEX.", "AUS; MEX", None),
        ("Submitted by AOSIS", "AOSIS", None),
        ("Tabled by USA.", "USA", None),
        ("Paragraph proposed by G77.", "G77", "Paragraph"),
        ("Option proposed by EU, USA.", "EU, USA", "Option"),
        ("Proposed by the European Union.", None, None),
        ("Proposed by G77 and China.", None, None),
        ("See A/RES/77/37.", None, None),
    ],
)
def test_attribution_footnote_pattern(note: str, codes: str | None, what: str | None) -> None:
    match = ATTRIBUTION_FOOTNOTE_RE.match(note)
    if codes is None:
        assert match is None
        return
    assert match is not None
    assert match.group("codes").rstrip(".") == codes
    assert match.group("what") == what


def test_line_breaks_split_like_text_lines() -> None:
    """``w:br`` is a line of the text format: a label or option line after it is structure."""
    body = (
        "<w:p><w:r><w:t>Option 1 {EU}:</w:t><w:br/><w:t>4. Invites stakeholders</w:t><w:br/>"
        "<w:t>to participate;</w:t><w:br/><w:br/></w:r></w:p>"
        "<w:p><w:r><w:t>Option 2: No text</w:t><w:br/><w:t>End of options</w:t></w:r></w:p>"
        + para("5. Requests.")
    )
    result = read_docx(make_docx(body))
    text = read_text_draft(
        "Option 1 {EU}:\n4. Invites stakeholders\nto participate;\nOption 2: No text\n"
        "End of options\n\n5. Requests."
    )
    assert shape(result.draft) == shape(text.draft)
    assert not result.diagnostics


def test_exporter_paragraphs_are_never_markdown() -> None:
    draft = Draft(
        paragraphs=(
            Paragraph("a", K.OPERATIVE, "# not a heading"),
            Paragraph("b", K.OPERATIVE, "2026. A year of review."),
            Paragraph("c", K.OPERATIVE, "Option 1: is a word here."),
            Paragraph("d", K.OPERATIVE, "Decides\nto act;", label=Label.parse("3")),
        )
    )
    result = read_docx(exported(Snapshot(draft=draft)))
    assert [(p.display_label, p.text) for p in result.draft.paragraphs] == [
        ("", "# not a heading"),
        ("", "2026. A year of review."),
        ("", "Option 1: is a word here."),
        ("3", "Decides to act;"),
    ]


# -- diagnostics and strict mode ----------------------------------------------------------------

MISTAKES = (
    para("1.\tDecides to [establish|] a PoA]];")
    + para("")
    + para("2.\tDecides [to convene")
    + para("3.\tmeetings;]")
    + para("5.\tInvites.")
    + para("4.\tRequests [ ].")
)


def test_diagnostics_give_paragraph_and_character() -> None:
    result = read_docx(make_docx(MISTAKES))
    got = [(d.code, d.paragraph, d.character) for d in result.diagnostics]
    assert got == [
        ("unmatched-close", 1, 32),  # "1.", a tab, then the text: brackets span the runs
        ("unmatched-close", 1, 33),
        ("bracket-across-paragraphs", 3, 12),  # paragraph 2 is empty and counts
        ("label-order", 6, 1),
        ("empty-bracket", 6, 13),
    ]
    across = result.diagnostics[2]
    assert across.message == (
        "bracket opened at paragraph 3, character 12 is closed in a later paragraph at "
        "paragraph 4, character 13"
    )
    assert str(result.diagnostics[0]) == "paragraph 1, character 32: unmatched ']'"


def test_diagnostics_match_the_text_reader() -> None:
    text = "1. Decides to [establish] a PoA]];\n\n2. Decides [to convene\n\n3. meetings;]\n\n5. Invites.\n\n4. Requests [ ]."
    assert [d.code for d in read_docx(make_docx(MISTAKES)).diagnostics] == [
        d.code for d in read_text_draft(text).diagnostics
    ]


def test_strict_raises_at_the_first_problem() -> None:
    with pytest.raises(ParseError) as caught:
        read_docx(make_docx(MISTAKES), strict=True, name="draft.docx")
    error = caught.value
    assert (error.line, error.column, error.source) == (1, 32, "draft.docx")
    assert str(error).startswith("draft.docx:1:32: paragraph 1, character 32: unmatched ']'")
    assert read_docx(exported(snapshot_v1()), strict=True).is_clean


def test_diagnostic_values() -> None:
    d = DocxDiagnostic(3, 7, "unmatched ']'", "unmatched-close", hint="remove it")
    error = d.to_error("x.docx")
    assert (error.line, error.column) == (3, 7)
    assert str(error) == "x.docx:3:7: paragraph 3, character 7: unmatched ']'; remove it"


# -- sources and arguments -------------------------------------------------------------------------


def test_sources_path_bytes_stream(tmp_path: Path) -> None:
    data = exported(snapshot_v1())
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    from_path = read_docx(path)
    from_str = read_docx(str(path))
    from_stream = read_docx(io.BytesIO(data))
    with path.open("rb") as handle:
        from_file = read_docx(handle)
    assert from_path.draft == from_str.draft == from_stream.draft == from_file.draft
    assert from_path.source == str(path)
    assert from_file.source == str(path)
    assert read_docx(bytearray(data), name="x.docx").source == "x.docx"


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"cannot read .*missing\.docx"):
        read_docx(tmp_path / "missing.docx")


def test_bad_arguments() -> None:
    with pytest.raises(ValidationError, match="unknown tracked_changes policy 'keep'"):
        read_docx(b"", tracked_changes="keep")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="max_ratio must be a positive number"):
        DocxLimits(max_ratio=-1)
    with pytest.raises(FormatError, match="cannot read a DOCX from int"):
        read_docx(42)  # type: ignore[arg-type]
    with pytest.raises(FormatError, match="text stream"):
        read_docx(io.StringIO("PK"))  # type: ignore[arg-type]


def test_exported_names() -> None:
    assert docx_import.__all__ == sorted(docx_import.__all__)
    public = {
        name
        for name, value in vars(docx_import).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == docx_import.__name__
    }
    assert public <= set(docx_import.__all__)


# -- property: exported drafts read back ---------------------------------------------------------

_WORDS = st.sampled_from(["States", "shall", "act", "the", "PoA", "20XX", "and/or", "A/RES/77/37"])


@st.composite
def _wording(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        word = draw(_WORDS)
        kind = draw(st.integers(0, 5))
        if kind == 1:
            word = f"[{word}]"
        elif kind == 2:
            word = f"[{word}][{draw(_WORDS)}]"
        elif kind == 3:
            word = f"[{word} [{draw(_WORDS)}]]{{{draw(st.sampled_from(['EU', 'G77', 'USA']))}}}"
        elif kind == 4:
            word = "[Placeholder for finance]"
        parts.append(word)
    return " ".join(parts) + draw(st.sampled_from([";", ",", ".", ":"]))


@given(st.lists(st.tuples(_wording(), st.booleans()), min_size=1, max_size=6))
@settings(max_examples=25, deadline=None)
def test_exported_drafts_read_back(rows: list[tuple[str, bool]]) -> None:
    paragraphs = []
    number = 0
    suffix = 0
    for index, (text, inserted) in enumerate(rows):
        if inserted and number:
            suffix += 1
            label = Label(number, suffix)
        else:
            number, suffix = number + 1, 0
            label = Label(number)
        paragraphs.append(Paragraph(f"p{index}", K.OPERATIVE, text, label=label))
    draft = Draft(title="T", paragraphs=paragraphs)
    result = read_docx(exported(Snapshot(draft=draft)))
    assert shape(result.draft) == shape(draft)


# -- numbering rules ----------------------------------------------------------------------------

RULES = (
    '<w:abstractNum w:abstractNumId="40">'
    + _level(0, "decimal", "%1.")
    + _level(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>')
    + "</w:abstractNum>"
    + '<w:abstractNum w:abstractNumId="60">'
    + _level(0, "decimal", "%1.", start=3)
    + _level(1, "lowerRoman", "%1.%2", extra="<w:isLgl/>")
    + _level(2, "upperLetter", "%3)")
    + "</w:abstractNum>"
    + '<w:num w:numId="1"><w:abstractNumId w:val="40"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="60"/></w:num>'
)


def test_numbering_rules() -> None:
    body = (
        para("Decides:", num=(1, 0))
        + para("first;", num=(1, 1))
        + para("Requests:", num=(1, 0))
        + para("second;", num=(1, 1))  # lvlRestart 0: (b), not (a) again
        + para("Starts at three.", num=(2, 0))
        + para("Legal numbering", num=(2, 1))
        + para("Upper letter", num=(2, 2))
        + para("Unknown list", num=(9, 0))
    )
    result = read_docx(make_docx(body, numbering=RULES))
    assert [(p.display_label, p.text) for p in result.draft.paragraphs] == [
        ("1", "Decides:"),
        ("(a)", "first;"),
        ("2", "Requests:"),
        ("(b)", "second;"),
        ("3", "Starts at three."),
        ("", "3.1 Legal numbering"),
        ("", "A) Upper letter"),
        ("", "Unknown list"),
    ]
    assert result.stats.numbered == 7


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (4, "lowerRoman", "iv"),
        (27, "lowerLetter", "aa"),
        (3, "upperLetter", "C"),
        (7, "decimalZero", "07"),
        (5, "ordinal", "5"),
        (0, "lowerLetter", "0"),
        (10**12, "lowerRoman", str(10**12)),  # not a billion "m"s
        (2, "bullet", ""),
    ],
)
def test_number_formats(value: int, fmt: str, shown: str) -> None:
    from consensus_text.io._docx_read_body import format_number

    assert format_number(value, fmt) == shown


def test_unclosed_field_hides_only_its_paragraph() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">1. Decides </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>junk</w:t></w:r></w:p>'
        + para("2. Requests [a report].")
    )
    result = read_docx(make_docx(body))
    assert [p.text for p in result.draft.paragraphs] == ["Decides", "Requests [a report]."]
