"""Writing a snapshot's draft as an Akoma Ntoso 3.0 document (the element tree).

Private to :mod:`consensus_text.io.akn`, whose docstring describes the mapping.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import attrs
from lxml import etree

from consensus_text._dates import format_day
from consensus_text.errors import ExportError, LabelError
from consensus_text.io._akn_inline import encode_inline
from consensus_text.io._akn_xml import (
    AKN_NAMESPACE,
    CT_NAMESPACE,
    FORMAT_VERSION,
    check_xml_text,
    escape_id,
)
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.paragraphs import OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.participants import Registry
from consensus_text.model.revisions import Revision
from consensus_text.model.snapshot import Snapshot

__all__ = ["build_document"]

_A = f"{{{AKN_NAMESPACE}}}"
_C = f"{{{CT_NAMESPACE}}}"
_NSMAP = {None: AKN_NAMESPACE, "ct": CT_NAMESPACE}

_SOURCE_EID = "consensus_text"
_AUTHOR_EID = "author"
_PARTY_PREFIX = "party_"


def _eid_piece(label: Label | None, fallback: int) -> str:
    if label is None:
        return f"nn_{fallback}"
    return re.sub(r"[()\s.]", "", str(label)) or f"nn_{fallback}"


def _reads_back(shown: str, style: LabelStyle | None, label: Label) -> bool:
    try:
        return Label.parse(shown, style=style) == label
    except LabelError:
        return False


def _date_text(day: dt.date) -> str:
    return format_day(day)


def _subtype(title: str) -> str:
    low = title.lower()
    for word in ("decision", "resolution", "declaration"):
        if word in low:
            return word
    return "outcome"


def _uri_number(symbol: str) -> str:
    if not symbol.strip():
        return "draft"
    return quote(re.sub(r"\s+", "_", symbol.strip().replace("/", "-")), safe="-._~()'!*,;:@+")


def _slug(text: str) -> str:
    return quote(re.sub(r"\s+", "_", text.strip().lower()) or "unknown", safe="-._~")


def _display_name(registry: Registry, code: str) -> str:
    try:
        return registry.lookup(code).name
    except (KeyError, ValueError):
        return code


# ----------------------------------------------------------------------------------------------
# Writing


class _Writer:
    def __init__(
        self, snapshot: Snapshot, revision: Revision | None, *, include_deleted: bool
    ) -> None:
        self.draft = snapshot.draft
        self.registry = snapshot.registry
        self.revision = revision if revision is not None else snapshot.revision
        first = snapshot.revisions[0] if snapshot.revisions else None
        self.first = first if first is not None else self.revision
        self.include_deleted = include_deleted
        self.eids: set[str] = {_SOURCE_EID, _AUTHOR_EID}
        self.parties: dict[str, str] = {}
        self.children: dict[str, list[Paragraph]] = {}
        for paragraph in self.draft.paragraphs:
            if paragraph.parent is not None:
                self.children.setdefault(paragraph.parent, []).append(paragraph)

    # -- helpers -------------------------------------------------------------------------------

    def eid(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.eids:
            n += 1
            candidate = f"{base}-{n}"
        self.eids.add(candidate)
        return candidate

    def party(self, code: str) -> str:
        eid = self.parties.get(code)
        if eid is None:
            check_xml_text(code, f"participant code {code!r}")
            eid = self.eid(_PARTY_PREFIX + quote(code, safe="-._~"))
            self.parties[code] = eid
        return eid

    def refs(self, codes: Sequence[str]) -> str:
        return " ".join("#" + self.party(code) for code in codes)

    def kept(self, paragraphs: Iterable[Paragraph]) -> list[Paragraph]:
        return [p for p in paragraphs if self.include_deleted or not p.deleted]

    def kids(self, paragraph: Paragraph) -> list[Paragraph]:
        return self.kept(self.children.get(paragraph.id, ()))

    def common(self, element: etree._Element, paragraph: Paragraph, eid: str) -> None:
        check_xml_text(paragraph.id, f"paragraph id {paragraph.id!r}")
        check_xml_text(paragraph.text, f"paragraph {paragraph.id!r}")
        element.set("eId", eid)
        element.set("GUID", escape_id(paragraph.id))
        element.set("class", paragraph.kind.value)
        if paragraph.deleted:
            element.set("status", "removed")
        if paragraph.attribution:
            element.set("refersTo", self.refs(paragraph.attribution))
        element.set(_C + "version", str(paragraph.version))
        label = paragraph.label
        if label is not None:
            shown = str(label)
            style = None if _reads_back(shown, None, label) else label.style
            if style is not None:
                if not _reads_back(shown, style, label):
                    raise ExportError(
                        f"paragraph {paragraph.id!r}: label {label!r} cannot be written so that "
                        "it reads back",
                        hint="give the paragraph a label in the usual range ('(c)' is a letter, "
                        "Roman numerals go up to 'xl' in drafts)",
                    )
                element.set(_C + "labelStyle", style.value)
            etree.SubElement(element, _A + "num").text = shown

    def wording(self, parent: etree._Element, tag: str, paragraph: Paragraph) -> None:
        block = etree.SubElement(parent, _A + tag)
        encode_inline(block, paragraph.tree.nodes, self.refs)

    # -- structure -----------------------------------------------------------------------------

    def item(self, parent: etree._Element, paragraph: Paragraph, tag: str, eid: str) -> None:
        """A recital (or a blockList item) with its sub-paragraphs as a nested blockList."""
        element = etree.SubElement(parent, _A + tag)
        self.common(element, paragraph, eid)
        self.wording(element, "p", paragraph)
        kids = self.kids(paragraph)
        if kids:
            list_eid = self.eid(f"{eid}__list_1")
            block_list = etree.SubElement(element, _A + "blockList", eId=list_eid)
            for k, kid in enumerate(kids, 1):
                self.item(
                    block_list,
                    kid,
                    "item",
                    self.eid(f"{list_eid}__item_{_eid_piece(kid.label, k)}"),
                )

    def hier(self, parent: etree._Element, paragraph: Paragraph, tag: str, eid: str) -> None:
        """A paragraph (or point) with its sub-paragraphs as nested points."""
        element = etree.SubElement(parent, _A + tag)
        self.common(element, paragraph, eid)
        kids = self.kids(paragraph)
        if not kids:
            self.wording(etree.SubElement(element, _A + "content"), "p", paragraph)
            return
        self.wording(etree.SubElement(element, _A + "intro"), "p", paragraph)
        for k, kid in enumerate(kids, 1):
            self.hier(element, kid, "point", self.eid(f"{eid}__point_{_eid_piece(kid.label, k)}"))

    def section(self, parent: etree._Element, paragraph: Paragraph, eid: str) -> etree._Element:
        element = etree.SubElement(parent, _A + "section")
        self.common(element, paragraph, eid)
        self.wording(element, "heading", paragraph)
        return element

    def check_acyclic(self) -> None:
        settled: set[str] = set()
        for paragraph in self.draft.paragraphs:
            chain: list[str] = []
            current: Paragraph | None = paragraph
            while current is not None and current.id not in settled:
                if current.id in chain:
                    raise ExportError(
                        f"paragraph {current.id!r} is its own chapeau through "
                        + " -> ".join(repr(pid) for pid in chain[chain.index(current.id) :]),
                        hint="give each sub-paragraph a chapeau outside its own sub-paragraphs",
                    )
                chain.append(current.id)
                current = None if current.parent is None else self.draft.paragraph(current.parent)
            settled.update(chain)

    def body(self, statement: etree._Element) -> None:
        self.check_acyclic()
        top = self.kept(p for p in self.draft.paragraphs if p.parent is None)
        lead = 0
        while lead < len(top) and top[lead].kind is ParagraphKind.PREAMBULAR:
            lead += 1
        if lead:
            preamble = etree.SubElement(statement, _A + "preamble")
            recitals = etree.SubElement(preamble, _A + "recitals", eId=self.eid("recs_1"))
            for k, paragraph in enumerate(top[:lead], 1):
                piece = _eid_piece(paragraph.label, k)
                self.item(recitals, paragraph, "recital", self.eid(f"recs_1__rec_{piece}"))
        main = etree.SubElement(statement, _A + "mainBody")
        container, prefix, sections, counts = main, "", 0, 0
        for paragraph in top[lead:]:
            opens_section = (
                paragraph.kind is ParagraphKind.HEADING
                and not paragraph.deleted
                and not self.kids(paragraph)
            )
            if opens_section:
                sections += 1
                piece = str(sections) if paragraph.label is None else _eid_piece(paragraph.label, 0)
                eid = self.eid(f"sec_{piece}")
                container, prefix, counts = self.section(main, paragraph, eid), f"{eid}__", 0
                continue
            counts += 1
            piece = _eid_piece(paragraph.label, counts)
            self.hier(container, paragraph, "paragraph", self.eid(f"{prefix}para_{piece}"))
        if not len(main):
            etree.SubElement(main, _A + "p")  # the schema wants a non-empty mainBody

    # -- front matter --------------------------------------------------------------------------

    def preface(self, statement: etree._Element) -> None:
        draft, revision = self.draft, self.revision
        preface = etree.Element(_A + "preface")
        if draft.symbol:
            p = etree.SubElement(preface, _A + "p", {"class": "symbol"})
            etree.SubElement(p, _A + "docNumber").text = draft.symbol
        if revision is not None:
            p = etree.SubElement(preface, _A + "p", {"class": "revision"})
            etree.SubElement(p, _A + "docStage").text = revision.label
            day = revision.issued_at.date()
            date = etree.SubElement(p, _A + "docDate", date=day.isoformat())
            date.text = _date_text(day)
            p[0].tail = ", "
        if draft.title:
            p = etree.SubElement(preface, _A + "p", {"class": "title"})
            etree.SubElement(p, _A + "docTitle").text = draft.title
        if len(preface):
            statement.insert(1, preface)

    def meta(self) -> etree._Element:
        draft, revision = self.draft, self.revision
        expression_day = revision.issued_at.date() if revision is not None else dt.date.today()
        work_day = self.first.issued_at.date() if self.first is not None else expression_day
        subtype = _subtype(draft.title)
        work = f"/akn/un/statement/{subtype}/{work_day.isoformat()}/{_uri_number(draft.symbol)}"
        expression = f"{work}/eng@{expression_day.isoformat()}"
        author_ref = "#" + self.author_eid()

        meta = etree.Element(_A + "meta")
        ident = etree.SubElement(meta, _A + "identification", source="#" + _SOURCE_EID)

        frbr = etree.SubElement(ident, _A + "FRBRWork")
        etree.SubElement(frbr, _A + "FRBRthis", value=f"{work}/!main")
        etree.SubElement(frbr, _A + "FRBRuri", value=work)
        if draft.symbol:
            etree.SubElement(frbr, _A + "FRBRalias", value=draft.symbol, name="symbol")
        etree.SubElement(frbr, _A + "FRBRdate", date=work_day.isoformat(), name="firstDraft")
        etree.SubElement(frbr, _A + "FRBRauthor", href=author_ref)
        etree.SubElement(frbr, _A + "FRBRcountry", value="un")
        etree.SubElement(frbr, _A + "FRBRsubtype", value=subtype)
        etree.SubElement(frbr, _A + "FRBRnumber", value=_uri_number(draft.symbol))
        if draft.title:
            etree.SubElement(frbr, _A + "FRBRname", value=draft.title)

        frbr = etree.SubElement(ident, _A + "FRBRExpression")
        etree.SubElement(frbr, _A + "FRBRthis", value=f"{expression}/!main")
        etree.SubElement(frbr, _A + "FRBRuri", value=expression)
        if revision is not None and revision.symbol:
            etree.SubElement(frbr, _A + "FRBRalias", value=revision.symbol, name="symbol")
        name = revision.label if revision is not None else "current"
        etree.SubElement(frbr, _A + "FRBRdate", date=expression_day.isoformat(), name=name)
        etree.SubElement(frbr, _A + "FRBRauthor", href=author_ref)
        if revision is not None:
            etree.SubElement(frbr, _A + "FRBRversionNumber", value=revision.label)
        etree.SubElement(frbr, _A + "FRBRlanguage", language="eng")

        frbr = etree.SubElement(ident, _A + "FRBRManifestation")
        etree.SubElement(frbr, _A + "FRBRthis", value=f"{expression}/!main.xml")
        etree.SubElement(frbr, _A + "FRBRuri", value=f"{expression}.akn")
        etree.SubElement(frbr, _A + "FRBRdate", date=expression_day.isoformat(), name="generation")
        etree.SubElement(frbr, _A + "FRBRauthor", href="#" + _SOURCE_EID)
        etree.SubElement(frbr, _A + "FRBRformat", value="application/akn+xml")

        references = etree.SubElement(meta, _A + "references", source="#" + _SOURCE_EID)
        etree.SubElement(
            references,
            _A + "TLCOrganization",
            eId=_SOURCE_EID,
            href="/ontology/organization/consensus_text",
            showAs="consensus_text",
        )
        if self.author is not None and self.author not in self.registry:
            etree.SubElement(
                references,
                _A + "TLCPerson",
                eId=_AUTHOR_EID,
                href=f"/ontology/person/un/{_slug(self.author)}",
                showAs=self.author,
            )
        for code, eid in self.parties.items():
            etree.SubElement(
                references,
                _A + "TLCOrganization",
                eId=eid,
                href=f"/ontology/organization/un/{quote(code, safe='')}",
                showAs=_display_name(self.registry, code),
                shortForm=code,
            )

        proprietary = etree.SubElement(meta, _A + "proprietary", source="#" + _SOURCE_EID)
        ours = etree.SubElement(proprietary, _C + "consensusText", formatVersion=FORMAT_VERSION)
        if revision is not None:
            etree.SubElement(
                ours,
                _C + "revision",
                label=revision.label,
                kind=revision.kind.value,
                author=revision.author,
                issuedAt=revision.issued_at.isoformat(),
                symbol=revision.symbol,
                note=revision.note,
            )
        for group in self.option_groups:
            element = etree.SubElement(ours, _C + "optionGroup", id=group.id)
            for option in group.options:
                attributes = {
                    "label": option.label,
                    "paragraphs": " ".join(escape_id(pid) for pid in option.paragraph_ids),
                }
                if option.attribution:
                    attributes["refersTo"] = self.refs(option.attribution)
                etree.SubElement(element, _C + "option", attributes)
        return meta

    @functools.cached_property
    def option_groups(self) -> tuple[OptionGroup, ...]:
        """The option groups as exported: without tombstones, an option made only of
        tombstones is gone, and so is a group left with fewer than two options."""
        if self.include_deleted:
            return self.draft.option_groups
        written = {p.id for p in self.draft.paragraphs if not self.omitted(p)}
        groups = []
        for group in self.draft.option_groups:
            options = []
            for option in group.options:
                ids = tuple(pid for pid in option.paragraph_ids if pid in written)
                if ids or option.is_no_text:
                    options.append(attrs.evolve(option, paragraph_ids=ids))
            if len(options) >= 2:
                groups.append(attrs.evolve(group, options=tuple(options)))
        return tuple(groups)

    def omitted(self, paragraph: Paragraph) -> bool:
        """Whether the paragraph is left out: a tombstone, or under one, without tombstones."""
        if self.include_deleted:
            return False
        chain = (paragraph, *self.draft.ancestors(paragraph.id))
        return any(p.deleted for p in chain)

    @property
    def author(self) -> str | None:
        return self.revision.author if self.revision is not None else None

    def author_eid(self) -> str:
        if self.author is None:
            return _SOURCE_EID
        if self.author in self.registry:
            return self.party(self.author)
        return _AUTHOR_EID

    def check_front(self) -> None:
        """Refuse, before anything is built, the characters XML cannot hold outside paragraphs."""
        check_xml_text(self.draft.title, "the title")
        check_xml_text(self.draft.symbol, "the symbol")
        if self.revision is not None:
            for field in ("label", "author", "symbol", "note"):
                check_xml_text(getattr(self.revision, field), f"the revision's {field}")
        for group in self.draft.option_groups:
            check_xml_text(group.id, f"option group id {group.id!r}")
            for option in group.options:
                check_xml_text(option.label, f"the label of an option of group {group.id!r}")

    def document(self) -> etree._Element:
        self.check_front()
        root = etree.Element(_A + "akomaNtoso", nsmap=_NSMAP)  # type: ignore[arg-type]
        statement = etree.SubElement(root, _A + "statement", name=_subtype(self.draft.title))
        self.author_eid()  # an author who is a participant is listed among the parties first
        self.body(statement)
        for group in self.option_groups:
            for option in group.options:
                self.refs(option.attribution)  # list the proposers before meta() writes them
        statement.insert(0, self.meta())
        self.preface(statement)
        _indent(root)
        return root


# Elements whose content is element-only: whitespace may be added between their children.
_STRUCTURAL = frozenset(
    _A + tag
    for tag in (
        "akomaNtoso",
        "statement",
        "meta",
        "identification",
        "FRBRWork",
        "FRBRExpression",
        "FRBRManifestation",
        "references",
        "proprietary",
        "preface",
        "preamble",
        "recitals",
        "recital",
        "blockList",
        "item",
        "mainBody",
        "section",
        "paragraph",
        "point",
        "intro",
        "content",
    )
) | {_C + "consensusText", _C + "optionGroup"}


def _indent(element: etree._Element, level: int = 0) -> None:
    if element.tag not in _STRUCTURAL or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


def build_document(
    snapshot: Snapshot, revision: Revision | None, *, include_deleted: bool
) -> etree._Element:
    """The ``<akomaNtoso>`` element of a snapshot's draft; see :func:`~consensus_text.io.akn.to_akn_bytes`."""
    return _Writer(snapshot, revision, include_deleted=include_deleted).document()
