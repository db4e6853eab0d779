"""Akoma Ntoso 3.0 export and import: schema validity, lossless round trips, hostile XML.

Every document exported here goes through :func:`exported`, which validates it against the
schema shipped in the package (compiled once per session).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from consensus_text.demo import build_poa_negotiation
from consensus_text.errors import (
    ExportError,
    FormatError,
    UnsafeInputError,
    UnsupportedVersionError,
)
from consensus_text.history import Negotiation
from consensus_text.io import _akn_xml, akn
from consensus_text.io.akn import (
    AKN_NAMESPACE,
    MAX_AKN_BYTES,
    AknDocument,
    export_akn,
    read_akn,
    to_akn_bytes,
    validate_akn,
)
from consensus_text.model.brackets import parse_lenient
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.participants import Participant, ParticipantKind, Registry
from consensus_text.model.revisions import Revision, RevisionKind
from consensus_text.model.snapshot import Snapshot

A = f"{{{AKN_NAMESPACE}}}"
NS = {"a": AKN_NAMESPACE}
PP, OP, HEADING = ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE, ParagraphKind.HEADING
REV1 = Revision(
    "Rev.1",
    RevisionKind.REVISION,
    author="Chair",
    issued_at=dt.datetime(2026, 3, 6, 17, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    symbol="A/AC.292/2026/CRP.1/Rev.1",
    note="Issued after the second session.",
)


def exported(
    snapshot: Snapshot, *, revision: Revision | None = None, include_deleted: bool = True
) -> bytes:
    """Export and assert that the document is valid Akoma Ntoso 3.0."""
    data = to_akn_bytes(snapshot, revision=revision, include_deleted=include_deleted)
    validate_akn(data)
    return data


def round_trip(
    snapshot: Snapshot, *, revision: Revision | None = None, include_deleted: bool = True
) -> tuple[bytes, AknDocument]:
    data = exported(snapshot, revision=revision, include_deleted=include_deleted)
    return data, read_akn(data)


def attribute(root: etree._Element, path: str, name: str) -> str | None:
    """The attribute ``name`` of the first element at ``path`` (which must exist)."""
    element = root.find(path)
    assert element is not None, path
    return element.get(name)


def para(
    pid: str,
    kind: ParagraphKind,
    text: str,
    label: str | Label | None = None,
    *,
    parent: str | None = None,
    version: int = 1,
    deleted: bool = False,
    attribution: tuple[str, ...] = (),
) -> Paragraph:
    parsed = Label.parse(label) if isinstance(label, str) else label
    return Paragraph(
        pid,
        kind,
        text,
        label=parsed,
        parent=parent,
        version=version,
        deleted=deleted,
        attribution=attribution,
    )


def snap(
    *paragraphs: Paragraph,
    revisions: tuple[Revision, ...] = (REV1,),
    title: str = "Draft decision: a PoA",
    symbol: str = "A/AC.292/2026/L.1",
    option_groups: tuple[OptionGroup, ...] = (),
) -> Snapshot:
    draft = Draft(title=title, symbol=symbol, paragraphs=paragraphs, option_groups=option_groups)
    return Snapshot(draft=draft, revisions=revisions)


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


# ----------------------------------------------------------------------------------------------
# The demo negotiation


@pytest.fixture(scope="module")
def poa() -> Negotiation:
    return build_poa_negotiation()


REVISIONS = ["Zero draft", "Rev.1", "Rev.2", "Rev.3"]


@pytest.mark.parametrize("label", [*REVISIONS, None])
def test_demo_revision_round_trips(poa: Negotiation, label: str | None) -> None:
    snapshot = poa.state if label is None else poa.snapshot(revision=label)
    _, document = round_trip(snapshot)
    assert document.draft == snapshot.draft
    assert document.revision == snapshot.revision
    assert (document.title, document.symbol) == (snapshot.draft.title, snapshot.draft.symbol)
    for before, after in zip(snapshot.draft.paragraphs, document.draft.paragraphs, strict=True):
        assert after.text == before.text
        assert after.tree == parse_lenient(before.text)[0]


def test_demo_every_paragraph_shows_its_brackets_as_plain_text(poa: Negotiation) -> None:
    snapshot = poa.state
    root = parse_xml(exported(snapshot))
    by_guid = {el.get("GUID"): el for el in root.iter() if el.get("GUID")}
    for paragraph in snapshot.draft.paragraphs:
        element = by_guid[paragraph.id]
        block = element.find(f"{A}heading")
        if block is None:
            block = element.find(f".//{A}p")
        assert block is not None
        assert "".join(str(t) for t in block.itertext()) == paragraph.text


def test_demo_structure(poa: Negotiation) -> None:
    snapshot = poa.snapshot(revision="Rev.3")
    draft = snapshot.draft
    root = parse_xml(exported(snapshot))
    statement = root.find(f"{A}statement")
    assert statement is not None and statement.get("name") == "decision"
    recitals = statement.findall(f"{A}preamble/{A}recitals/{A}recital")
    assert [r.findtext(f"{A}num") for r in recitals] == [
        p.display_label for p in draft.paragraphs if p.kind is PP
    ]
    sections = statement.findall(f"{A}mainBody/{A}section")
    assert [s.findtext(f"{A}heading") for s in sections] == [
        p.text for p in draft.paragraphs if p.kind is HEADING
    ]
    # sub-paragraphs nest: (c) of 7 holds (i) to (iii)
    point = statement.find(f".//{A}paragraph[@GUID='op-comprise']/{A}point[@GUID='op-comprise-c']")
    assert point is not None
    assert point.find(f"{A}intro/{A}p") is not None
    assert [p.findtext(f"{A}num") for p in point.findall(f"{A}point")] == ["(i)", "(ii)", "(iii)"]
    # tombstones are kept, marked removed
    removed = {el.get("GUID") for el in statement.iter() if el.get("status") == "removed"}
    assert removed == {p.id for p in draft.paragraphs if p.deleted}
    # preface and FRBR metadata
    assert root.findtext(f".//{A}preface//{A}docNumber") == "A/AC.292/2026/L.1"
    assert root.findtext(f".//{A}preface//{A}docStage") == "Rev.3"
    expression = root.find(f".//{A}FRBRExpression")
    assert expression is not None
    assert attribute(expression, f"{A}FRBRversionNumber", "value") == "Rev.3"
    assert attribute(expression, f"{A}FRBRlanguage", "language") == "eng"
    work_uri = attribute(root, f".//{A}FRBRWork/{A}FRBRuri", "value")
    assert work_uri == "/akn/un/statement/decision/2026-02-02/A-AC.292-2026-L.1"
    assert attribute(expression, f"{A}FRBRuri", "value") == f"{work_uri}/eng@2026-06-19"
    assert attribute(root, f".//{A}FRBRWork/{A}FRBRcountry", "value") == "un"


def test_demo_export_is_deterministic_and_idempotent(poa: Negotiation) -> None:
    snapshot = poa.state
    data = exported(snapshot)
    assert exported(snapshot) == data
    document = read_akn(data)
    again = Snapshot(draft=document.draft, revisions=snapshot.revisions)
    canonical = etree.canonicalize(xml_data=data.decode("utf-8"))
    assert etree.canonicalize(xml_data=exported(again).decode("utf-8")) == canonical


def test_demo_without_tombstones(poa: Negotiation) -> None:
    snapshot = poa.state
    data, document = round_trip(snapshot, include_deleted=False)
    assert b'status="removed"' not in data
    assert document.draft.paragraphs == tuple(snapshot.draft.active())


def test_revision_override(poa: Negotiation) -> None:
    snapshot = poa.snapshot(revision="Rev.2")
    chosen = snapshot.revision_named("Rev.1")
    _, document = round_trip(snapshot, revision=chosen)
    assert document.revision == chosen


# ----------------------------------------------------------------------------------------------
# Hand-made drafts, one feature each


def test_inline_markup_of_each_kind_of_element() -> None:
    text = (
        "States [shall][should] further [strengthen [their]]{EU; USA} [Placeholder for finance] "
        "and [act/react]{G77,AGN} by 20XX [X] {Placeholder on review}[^1] [sic]."
    )
    data, document = round_trip(snap(para("p1", OP, text, "1")))
    assert document.draft.paragraphs[0].text == text
    p = parse_xml(data).find(f".//{A}paragraph/{A}content/{A}p")
    assert p is not None
    names = [el.get("name") for el in p.iter(f"{A}inline")]
    assert names.count("bracket") == 2
    assert names.count("alternatives") == 2
    assert names.count("placeholder") == 4
    slash = p.find(f"{A}inline[@class='slash']")
    assert slash is not None and slash.get("refersTo") == "#party_G77 #party_AGN"
    assert slash.findtext(f"{A}inline[@name='attribution']") == "{G77,AGN}"
    bracket = p.find(f"{A}inline[@name='bracket']")
    assert bracket is not None and bracket.get("refersTo") == "#party_EU #party_USA"
    placeholder = p.find(f"{A}inline[@name='placeholder']")
    assert placeholder is not None and placeholder.get("title") == "finance"
    references = {
        el.get("shortForm"): el.get("showAs") for el in parse_xml(data).iter(f"{A}TLCOrganization")
    }
    assert references["EU"] == "European Union" and references["AGN"] == "African Group"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "[a]] b",
        "[unclosed [brackets",
        "]] stray",
        "[]",
        "[ ]",
        "{EU}",
        "[shall]{EU",
        "{Placeholder never closed",
        "line one\nline [two\nthree]",
        "carriage\r\nreturn\rand\ttab",
        "  padded  ",
        "escapes & < > \" ' ]]> &amp;",
        "unicode “quotes” — é ß 中文 \U0001f600",
        "see https://example.org/a[1]/b and A/RES/77/37 and/or 2021/2025",
        "[" * 100 + "deep" + "]" * 100,
        "[" * 101 + "too deep" + "]" * 101,
        "[a][b] [c]{EU}[d]{G77} [e/f / g]{EU}",
        "<!DOCTYPE html> and <!ENTITY x SYSTEM 'file:///etc/passwd'> and &lol;",
    ],
)
def test_paragraph_text_round_trips_exactly(text: str) -> None:
    _, document = round_trip(snap(para("p1", OP, text, "1"), para("h", HEADING, text)))
    assert [p.text for p in document.draft.paragraphs] == [text, text]


def test_foreign_markup_of_the_text_is_ignored_but_words_kept() -> None:
    data = to_akn_bytes(snap(para("p1", OP, "Decides [to act];", "1")))
    data = data.replace(b"Decides ", b"<i>Decides</i><eol/>")
    assert read_akn(data).draft.paragraphs[0].text == "Decides\n[to act];"


LABELS = [
    "1",
    "-1",
    "0",
    "5 bis",
    "12 decies",
    "PP3",
    "PP3 quater",
    "OP2",
    "(a)",
    "(aa)",
    "(iv)",
    "a.",
    "i.",
    "(c)",
]


@pytest.mark.parametrize("shown", LABELS)
def test_labels_round_trip(shown: str) -> None:
    label = Label.parse(shown)
    _, document = round_trip(snap(para("p1", OP, "x;", label)))
    assert document.draft.paragraphs[0].label == label


@pytest.mark.parametrize(
    ("style", "number"),
    [
        (LabelStyle.LETTER, 9),
        (LabelStyle.LETTER, 22),
        (LabelStyle.LETTER_DOT, 9),
        (LabelStyle.ROMAN, 40),
    ],
)
def test_ambiguous_labels_keep_their_style(style: LabelStyle, number: int) -> None:
    label = Label(number, 0, style)
    data, document = round_trip(snap(para("p1", OP, "x;", label)))
    assert document.draft.paragraphs[0].label == label
    assert (b"ct:labelStyle" in data) == (Label.parse(str(label)) != label)


def test_label_that_cannot_read_back_is_an_export_error() -> None:
    with pytest.raises(ExportError, match="cannot be written so that it reads back"):
        to_akn_bytes(snap(para("p1", OP, "x;", Label(100, 0, LabelStyle.ROMAN))))


def test_structure_of_every_shape() -> None:
    paragraphs = (
        para("pp1", PP, "Recalling,", "PP1", attribution=("EU",)),
        para("pp2", PP, "Noting:", "PP2"),
        para("pp2a", PP, "that [one],", "(a)", parent="pp2"),
        para("pp2ai", PP, "deeper,", "(i)", parent="pp2a"),
        para("pp2b", PP, "that two,", "(b)", parent="pp2", deleted=True, version=3),
        para("h0", HEADING, "[I. Scope]", "1"),
        para("op1", OP, "Decides:", "1"),
        para("op1a", OP, "to act;", "(a)", parent="op1"),
        para("op1ai", OP, "now;", "(i)", parent="op1a"),
        para("op1aia", OP, "today;", "a.", parent="op1ai"),
        para("op1aiai", OP, "at noon;", "i.", parent="op1aia"),
        para("h-gone", HEADING, "II. Gone", deleted=True),
        para("pp-late", PP, "Recalling again,"),
        para("h-kids", HEADING, "III. With sub-paragraphs"),
        para("h-kid", OP, "under a heading;", "(a)", parent="h-kids"),
        para("op2", OP, "Requests;", "2", attribution=("G77", "Friends of the Chair")),
        para("op2h", HEADING, "a nested heading", parent="op2"),
        para("op3", OP, "Decides.", "3"),
    )
    snapshot = snap(*paragraphs)
    data, document = round_trip(snapshot)
    assert document.draft == snapshot.draft
    root = parse_xml(data)
    assert len(root.findall(f".//{A}recital")) == 2
    assert len(root.findall(f".//{A}recital/{A}blockList/{A}item")) == 2
    assert root.find(f".//{A}item/{A}blockList/{A}item") is not None
    sections = root.findall(f".//{A}mainBody/{A}section")
    assert [s.get("GUID") for s in sections] == ["h0"]
    assert sections[0].findtext(f"{A}num") == "1"
    gone = root.find(f".//{A}paragraph[@GUID='h-gone']")
    assert gone is not None and gone.get("status") == "removed" and gone.get("class") == "heading"
    assert attribute(root, f".//{A}paragraph[@GUID='pp-late']", "class") == "preambular"
    assert attribute(root, f".//{A}point[@GUID='op2h']", "class") == "heading"
    eids = [el.get("eId") for el in root.iter() if el.get("eId")]
    assert len(eids) == len(set(eids))


def test_ids_with_whitespace_and_percent_are_escaped_in_guid() -> None:
    ids = ["p 1", "p%20", "é\tx", "100%"]
    snapshot = snap(*(para(pid, OP, f"{k};", str(k + 1)) for k, pid in enumerate(ids)))
    data, document = round_trip(snapshot)
    assert [p.id for p in document.draft.paragraphs] == ids
    guids = [el.get("GUID") for el in parse_xml(data).iter() if el.get("GUID")]
    assert guids == ["p%201", "p%2520", "é%09x", "100%25"]


def test_option_groups_round_trip() -> None:
    paragraphs = (
        para("a", OP, "Option text one;", "3"),
        para("b", OP, "Option text two;", "3"),
        para("c", OP, "and more;", "3 bis"),
    )
    groups = (
        OptionGroup(
            "g1",
            (
                Option("Option 1", ("a",), ("EU",)),
                Option("Option 2", ("b", "c"), ("G77", "Small States")),
                Option("Option 3", ()),
            ),
        ),
    )
    snapshot = snap(*paragraphs, option_groups=groups)
    _, document = round_trip(snapshot)
    assert document.draft.option_groups == groups
    assert document.draft == snapshot.draft


def test_no_revision_and_no_preface() -> None:
    snapshot = snap(para("p1", OP, "x;"), revisions=(), title="", symbol="")
    data, document = round_trip(snapshot)
    assert document.revision is None
    assert (document.title, document.symbol) == ("", "")
    assert parse_xml(data).find(f".//{A}preface") is None


@pytest.mark.parametrize("paragraphs", [(), (para("pp1", PP, "Recalling,", "PP1"),)])
def test_document_without_operative_part_is_valid(paragraphs: tuple[Paragraph, ...]) -> None:
    snapshot = snap(*paragraphs)
    _, document = round_trip(snapshot)
    assert document.draft == snapshot.draft


def test_revision_author_who_is_a_participant() -> None:
    revision = Revision("L.1", RevisionKind.L_DOCUMENT, author="EU", issued_at=REV1.issued_at)
    data, document = round_trip(snap(para("p1", OP, "x;"), revisions=(revision,)))
    assert document.revision == revision
    author = parse_xml(data).find(f".//{A}FRBRExpression/{A}FRBRauthor")
    assert author is not None and author.get("href") == "#party_EU"


def test_characters_xml_cannot_hold_name_the_paragraph() -> None:
    with pytest.raises(ExportError, match=r"paragraph 'p2' holds the character U\+0007"):
        to_akn_bytes(snap(para("p1", OP, "fine;"), para("p2", OP, "bell\x07;")))
    with pytest.raises(ExportError, match="the title"):
        to_akn_bytes(snap(para("p1", OP, "x;"), title="bad\x00title"))


def test_chapeau_cycle_is_an_export_error() -> None:
    draft = Draft(
        paragraphs=(
            Paragraph("a", OP, "x;", parent="b"),
            Paragraph("b", OP, "y;", parent="a"),
        )
    )
    with pytest.raises(ExportError, match="its own chapeau"):
        to_akn_bytes(Snapshot(draft=draft))


# ----------------------------------------------------------------------------------------------
# Hypothesis: generated drafts survive export and import

FRAGMENTS = [
    "States",
    " ",
    "shall",
    "[shall][should]",
    "[shall] [should]",
    "[shall/should]",
    "[a / b]{EU}",
    "[strengthen [further]]{EU, G77}",
    "[x]{EU; USA}",
    "[",
    "]",
    "{",
    "}",
    "{EU}",
    "[Placeholder for finance]",
    "{Placeholder on review}",
    "[X]",
    "20XX",
    "[^1]",
    "[sic]",
    "A/RES/77/37",
    "and/or",
    "\n",
    "\r\n",
    "\t",
    "&",
    "<",
    "]]>",
    "é",
    ",",
    ";",
    ".",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join) | st.text(
    alphabet="[]{}/ ab,;.X\n", max_size=16
)
codes = st.sampled_from(["EU", "G77", "USA", "AOSIS", "Friends of the Chair", "x%y", 'A[B]<"&>'])
number_labels = st.builds(
    Label,
    number=st.integers(-2, 40),
    suffix=st.integers(0, 9),
    style=st.just(LabelStyle.NUMBER),
    prefix=st.sampled_from(["", "PP", "OP"]),
)
other_labels = st.builds(
    Label,
    number=st.integers(1, 40),
    suffix=st.integers(0, 3),
    style=st.sampled_from([s for s in LabelStyle if s is not LabelStyle.NUMBER]),
)
labels = st.none() | number_labels | other_labels
ids = st.sampled_from(["p", "op-", "pp ", "x%", "é"])
revisions = st.builds(
    Revision,
    label=st.sampled_from(["Zero draft", "Rev.1", "CRP.2", "L.1/Rev.1"]),
    kind=st.sampled_from(RevisionKind),
    author=st.sampled_from(["Chair", "Co-facilitators", "EU"]),
    issued_at=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]),
    ),
    symbol=st.sampled_from(["", "A/AC.292/2026/CRP.1"]),
    note=texts,
)


SMALL_REGISTRY = Registry(
    [
        Participant("EU", "European Union", ParticipantKind.REGIONAL_ORGANIZATION),
        Participant("USA", "United States of America", ParticipantKind.MEMBER_STATE),
    ]
)


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    counter = itertools.count(1)
    paragraphs: list[Paragraph] = []

    def grow(parent: str | None, depth: int) -> None:
        pid = draw(ids) + str(next(counter))
        paragraphs.append(
            Paragraph(
                pid,
                draw(st.sampled_from(ParagraphKind)),
                draw(texts),
                label=draw(labels),
                parent=parent,
                version=draw(st.integers(1, 4)),
                deleted=draw(st.booleans()),
                attribution=draw(st.lists(codes, max_size=2)),
            )
        )
        if depth < 3:
            for _ in range(draw(st.integers(0, 2))):
                grow(pid, depth + 1)

    for _ in range(draw(st.integers(0, 5))):
        grow(None, 0)
    all_ids = [p.id for p in paragraphs]
    groups = []
    for g in range(draw(st.integers(0, 2)) if all_ids else 0):
        options = [
            Option(
                draw(st.sampled_from(["Option 1", "Option (a)", "Alt 2", "Option 2"])),
                draw(st.lists(st.sampled_from(all_ids), max_size=2, unique=True)),
                draw(st.lists(codes, max_size=2)),
            )
            for _ in range(draw(st.integers(2, 3)))
        ]
        groups.append(OptionGroup(f"g{g}", options))
    draft = Draft(
        title=draw(texts),
        symbol=draw(st.sampled_from(["", "A/AC.292/2026/L.1", "FCCC/CP/2025/L.3"])),
        paragraphs=paragraphs,
        option_groups=groups,
    )
    return Snapshot(
        draft=draft,
        registry=SMALL_REGISTRY,
        revisions=draw(st.lists(revisions, max_size=2, unique_by=lambda r: r.label)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_generated_drafts_round_trip(snapshot: Snapshot) -> None:
    _, document = round_trip(snapshot)
    assert document.draft == snapshot.draft
    assert document.revision == snapshot.revision
    for before, after in zip(snapshot.draft.paragraphs, document.draft.paragraphs, strict=True):
        assert after.text == before.text  # render(parse(x)) == x through the XML


@settings(max_examples=25, deadline=None)
@given(snapshots())
def test_generated_drafts_without_tombstones(snapshot: Snapshot) -> None:
    _, document = round_trip(snapshot, include_deleted=False)
    assert all(not p.deleted for p in document.draft.paragraphs)
    kept = {p.id for p in document.draft.paragraphs}
    for paragraph in snapshot.draft.paragraphs:
        chain = (paragraph, *snapshot.draft.ancestors(paragraph.id))
        assert (paragraph.id in kept) == all(not p.deleted for p in chain)
        if paragraph.id in kept:
            assert document.draft.paragraph(paragraph.id) == paragraph
    for group in document.draft.option_groups:
        assert set(group.paragraph_ids) <= kept


# ----------------------------------------------------------------------------------------------
# Files and streams


def test_export_to_path_is_atomic_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "draft.akn.xml"
    target.write_bytes(b"old")
    snapshot = snap(para("p1", OP, "Decides [to act];", "1"))
    export_akn(snapshot, target)
    assert target.read_bytes() == exported(snapshot)
    assert [p.name for p in tmp_path.iterdir()] == ["draft.akn.xml"]
    assert read_akn(target).draft == snapshot.draft
    assert read_akn(str(target)).draft == snapshot.draft


def test_export_to_stream() -> None:
    snapshot = snap(para("p1", OP, "x;", "1"))
    buffer = io.BytesIO()
    export_akn(snapshot, buffer)
    assert buffer.getvalue() == exported(snapshot)


def test_export_to_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_akn(snap(), tmp_path / "nowhere" / "x.xml")


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        read_akn(tmp_path / "missing.xml")


# ----------------------------------------------------------------------------------------------
# Other people's Akoma Ntoso

FOREIGN = f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{AKN_NAMESPACE}">
  <act name="act">
    <meta>
      <identification source="#x">
        <FRBRWork><FRBRthis value="/akn/un/act/2020-01-01/1/!main"/><FRBRuri value="/akn/un/act/2020-01-01/1"/>
          <FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#x"/><FRBRcountry value="un"/></FRBRWork>
        <FRBRExpression><FRBRthis value="/akn/un/act/2020-01-01/1/eng@/!main"/><FRBRuri value="/akn/un/act/2020-01-01/1/eng@"/>
          <FRBRdate date="2020-02-03" name="x"/><FRBRauthor href="#sec"/><FRBRversionNumber value="v2"/><FRBRlanguage language="eng"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="/akn/un/act/2020-01-01/1/eng@/!main.xml"/><FRBRuri value="/akn/un/act/2020-01-01/1/eng@.akn"/>
          <FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#x"/></FRBRManifestation>
      </identification>
      <references source="#x">
        <TLCOrganization eId="sec" href="/ontology/organization/un/secretariat" showAs="Secretariat"/>
        <TLCOrganization eId="eu" href="/ontology/organization/un/eu" showAs="European Union" shortForm="EU"/>
      </references>
    </meta>
    <preface><p><docTitle>An act</docTitle> <docNumber>A/1</docNumber></p></preface>
    <body>
      <section eId="sec_1"><num>(a)</num><heading>Scope</heading>
        <article eId="art_1" refersTo="#eu"><num>1</num>
          <paragraph eId="art_1__para_1"><num>(b)</num><content><p>States <inline name="bracket">shall</inline> act.</p></content></paragraph>
        </article>
      </section>
    </body>
  </act>
</akomaNtoso>
""".encode()


def test_foreign_chapeau_in_a_list_intro() -> None:
    paragraph = (
        b'<paragraph eId="art_1__para_1"><num>(b)</num><content><p>States <inline name="bracket">'
        b"shall</inline> act.</p></content></paragraph>"
    )
    assert paragraph in FOREIGN
    chapeau = (
        b'<paragraph eId="art_1__para_1"><num>(b)</num><list eId="l"><intro><p>Chapeau:</p>'
        b'</intro><point eId="pt"><num>(i)</num><content><p>point</p></content></point></list>'
        b"</paragraph>"
    )
    draft = read_akn(FOREIGN.replace(paragraph, chapeau), validate=True).draft
    assert draft.paragraph("art_1__para_1").text == "Chapeau:"
    assert draft.paragraph("pt").parent == "art_1__para_1"


def test_foreign_document_reads_as_far_as_it_goes() -> None:
    validate_akn(FOREIGN)
    document = read_akn(FOREIGN, validate=True)
    draft = document.draft
    assert (document.title, document.symbol) == ("An act", "A/1")
    assert [(p.id, p.kind, p.display_label, p.parent, p.text) for p in draft.paragraphs] == [
        ("sec_1", HEADING, "(a)", None, "Scope"),
        ("art_1", OP, "1", None, ""),
        ("art_1__para_1", OP, "(b)", "art_1", "States [shall] act."),
    ]
    assert draft.paragraph("art_1").attribution == ("EU",)
    assert document.revision == Revision(
        "v2",
        RevisionKind.REVISION,
        author="Secretariat",
        issued_at=dt.datetime(2020, 2, 3, tzinfo=dt.UTC),
    )


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            b"<num>(b)</num>",
            b"<num>Article B</num>",
            r"<bytes>:\d+: <num>Article B</num> is not a paragraph label",
        ),
        (
            b'<inline name="bracket">shall</inline>',
            b'<inline name="bracket"></inline>',
            r"<bytes>:\d+: .*holds no wording",
        ),
        (
            b'<inline name="bracket">shall</inline>',
            b'<inline name="placeholder">shall</inline>',
            r"<bytes>:\d+: .*is not a placeholder",
        ),
        (b'eId="sec_1"', b'eId="sec_1" GUID="x"', None),
    ],
)
def test_foreign_markup_errors_name_the_line(
    replace: bytes, by: bytes, message: str | None
) -> None:
    data = FOREIGN.replace(replace, by)
    if message is None:  # the same GUID twice
        data = data.replace(b'eId="art_1"', b'eId="art_1" GUID="x"')
        message = r"<bytes>:\d+: paragraph id 'x' \(GUID\) occurs twice"
    with pytest.raises(FormatError, match=message):
        read_akn(data)


def test_invalid_document_lists_schema_errors_by_line() -> None:
    data = FOREIGN.replace(b"<FRBRcountry", b"<FRBRcolour")
    with pytest.raises(
        FormatError, match=r"(?s)not valid Akoma Ntoso 3.0.*line 7: Element 'FRBRcolour'"
    ):
        validate_akn(data)
    with pytest.raises(FormatError, match="line 7"):
        read_akn(data, validate=True)
    assert (
        read_akn(data).title == "An act"
    )  # without validate=True the reader goes as far as it can


def test_newer_vocabulary_is_an_unsupported_version() -> None:
    data = exported(snap(para("p1", OP, "x;")))
    with pytest.raises(UnsupportedVersionError, match="version '2'"):
        read_akn(data.replace(b'formatVersion="1"', b'formatVersion="2"'))


def test_not_akoma_ntoso() -> None:
    with pytest.raises(FormatError, match="root element is <html>"):
        read_akn(b"<html><body/></html>")
    with pytest.raises(FormatError, match="holds no document"):
        read_akn(f'<akomaNtoso xmlns="{AKN_NAMESPACE}"/>'.encode())


# ----------------------------------------------------------------------------------------------
# Hostile XML

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><mainBody><p>&lol9;</p></mainBody></doc></akomaNtoso>
"""


def xxe(path: Path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "{path.as_uri()}">]>
<akomaNtoso xmlns="{AKN_NAMESPACE}"><statement name="x"><mainBody>
<paragraph GUID="p1"><content><p>&secret;</p></content></paragraph></mainBody></statement></akomaNtoso>
""".encode()


def test_entity_expansion_bomb_is_refused() -> None:
    with pytest.raises(UnsafeInputError, match="DOCTYPE"):
        read_akn(BILLION_LAUGHS)
    with pytest.raises(UnsafeInputError):
        validate_akn(BILLION_LAUGHS)


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    with pytest.raises(UnsafeInputError) as caught:
        read_akn(xxe(secret))
    assert "TOP-SECRET-42" not in str(caught.value)


def test_second_line_of_defence_without_the_byte_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if the DOCTYPE scan missed, the parser resolves nothing and the DTD is refused."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    monkeypatch.setattr(_akn_xml, "_DANGEROUS_MARKUP", ())
    for data in (xxe(secret), BILLION_LAUGHS):
        with pytest.raises(UnsafeInputError) as caught:
            read_akn(data)
        assert "TOP-SECRET-42" not in str(caught.value)
        assert "lollollol" not in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        f'<!DOCTYPE akomaNtoso SYSTEM "http://example.invalid/akn.dtd"><akomaNtoso xmlns="{AKN_NAMESPACE}"/>'.encode(),
        f'<?xml version="1.0"?>\n<!-- a comment --><!DOCTYPE a><akomaNtoso xmlns="{AKN_NAMESPACE}"/>'.encode(),
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a><akomaNtoso xmlns="{AKN_NAMESPACE}"/>'.encode(
            "utf-16"
        ),
        b'<a><!ENTITY x "y"></a>',
    ],
    ids=["external-dtd", "internal-dtd", "utf-16", "entity"],
)
def test_dtd_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafeInputError, match="refused"):
        read_akn(data)


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"<akomaNtoso>\n  <statement>\n</akomaNtoso>", "3:"),
        (b"", "1:1"),
        (b"not xml at all", "1:1"),
        (b'<a b="1" b="2"/>', "1:"),
        (b"<a>&undefined;</a>", "1:"),
    ],
)
def test_malformed_xml_is_a_format_error_with_line_and_column(data: bytes, where: str) -> None:
    with pytest.raises(FormatError, match="not well-formed XML") as caught:
        read_akn(data)
    assert f"<bytes>:{where}" in str(caught.value)
    assert not isinstance(caught.value, etree.LxmlError)
    with pytest.raises(FormatError, match="not well-formed XML"):
        validate_akn(data)


def test_size_limit(tmp_path: Path) -> None:
    assert MAX_AKN_BYTES == 50 * 1024 * 1024
    data = exported(snap(para("p1", OP, "x;", "1")))
    with pytest.raises(UnsafeInputError, match=f"more than the limit of {len(data) - 1} bytes"):
        read_akn(data, max_bytes=len(data) - 1)
    path = tmp_path / "big.xml"
    path.write_bytes(data)
    with pytest.raises(UnsafeInputError, match=r"big\.xml is"):
        read_akn(path, max_bytes=100)
    assert read_akn(path, max_bytes=len(data)).draft.paragraphs[0].id == "p1"


# ----------------------------------------------------------------------------------------------
# The package


def test_schema_copies_are_the_official_files_unchanged() -> None:
    folder = resources.files("consensus_text") / "schemas"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in ("akomantoso30.xsd", "xml.xsd"):
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert digest in readme, name
    assert "OASIS" in readme and "CC-BY 4.0" in readme


def test_schema_is_compiled_once() -> None:
    assert _akn_xml.schema() is _akn_xml.schema()


def test_public_names() -> None:
    def isort_style(name: str) -> tuple[int, str]:  # CONSTANTS, then Classes, then functions
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert akn.__all__ == sorted(akn.__all__, key=isort_style)
    for name in akn.__all__:
        assert hasattr(akn, name), name
    assert akn.AknDocument.__module__.startswith("consensus_text.io")
