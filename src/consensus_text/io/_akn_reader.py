"""Reading an Akoma Ntoso 3.0 document back into a draft and its revision.

Private to :mod:`consensus_text.io.akn`, whose docstring describes the mapping. Documents written
by others are read as far as they go.
"""

from __future__ import annotations

import datetime as dt

import attrs
from lxml import etree

from consensus_text.errors import (
    FormatError,
    LabelError,
    UnsupportedVersionError,
    ValidationError,
)
from consensus_text.io._akn_inline import decode_inline
from consensus_text.io._akn_xml import (
    AKN_NAMESPACE,
    CT_NAMESPACE,
    FORMAT_VERSION,
    text_of,
    unescape_id,
)
from consensus_text.model.labels import Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind
from consensus_text.model.revisions import Revision, RevisionKind

__all__ = ["AknDocument", "read_document"]

_A = f"{{{AKN_NAMESPACE}}}"
_C = f"{{{CT_NAMESPACE}}}"


@attrs.frozen
class AknDocument:
    """What an Akoma Ntoso file holds, read back.

    Attributes:
        draft: the paragraphs (tombstones included when exported), with their option groups.
        revision: the revision the file is an expression of, or None.
        title: the document's title (``docTitle``).
        symbol: its document symbol (``docNumber``).
    """

    draft: Draft
    revision: Revision | None
    title: str
    symbol: str


_UNIT_TAGS = frozenset(
    _A + tag
    for tag in (
        "recital",
        "citation",
        "item",
        "paragraph",
        "point",
        "subparagraph",
        "alinea",
        "indent",
        "article",
        "clause",
        "subsection",
        "rule",
    )
)
# Elements that hold wording or labels, never paragraphs.
_LEAF_TAGS = frozenset(
    _A + tag
    for tag in (
        "num",
        "heading",
        "subheading",
        "content",
        "intro",
        "wrapUp",
        "p",
        "listIntroduction",
        "listWrapUp",
        "meta",
        "preface",
        "conclusions",
        "coverPage",
        "attachments",
        "components",
    )
)
_TLC_PARTIES = frozenset((_A + "TLCOrganization", _A + "TLCPerson"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Reader:
    def __init__(self, root: etree._Element, name: str) -> None:
        self.name = name
        if root.tag != _A + "akomaNtoso":
            raise FormatError(
                f"{name}: the root element is <{_local(str(root.tag))}>, not an Akoma Ntoso 3.0 "
                "<akomaNtoso>",
                hint=f"Akoma Ntoso 3.0 documents use the namespace {AKN_NAMESPACE}",
            )
        documents = [child for child in root if isinstance(child.tag, str)]
        if not documents:
            raise FormatError(
                f"{name}: <akomaNtoso> holds no document",
                hint="put a <statement> or <doc> inside the root element",
            )
        self.document = documents[0]
        self.meta = self.document.find(_A + "meta")
        self.tlc: dict[str, etree._Element] = {}
        if self.meta is not None:
            for references in self.meta.iterfind(_A + "references"):
                for element in references:
                    eid = element.get("eId") if isinstance(element.tag, str) else None
                    if eid:
                        self.tlc[eid] = element
        self.ours = (
            None if self.meta is None else self.meta.find(f"{_A}proprietary/{_C}consensusText")
        )
        if (
            self.ours is not None
            and self.ours.get("formatVersion", FORMAT_VERSION) != FORMAT_VERSION
        ):
            raise UnsupportedVersionError(
                f"{name}:{self.ours.sourceline}: written by a consensus_text whose Akoma Ntoso "
                f"vocabulary has version {self.ours.get('formatVersion')!r}; this release reads "
                f"version {FORMAT_VERSION!r}",
                hint="upgrade consensus_text to read this file",
            )
        self.ids: set[str] = set()
        self.paragraphs: list[Paragraph] = []
        self.generated = 0

    def fail(self, element: etree._Element, message: str, hint: str) -> FormatError:
        return FormatError(f"{self.name}:{element.sourceline}: {message}", hint=hint)

    def codes_of(self, refers: str) -> tuple[str, ...]:
        codes = []
        for token in refers.split():
            target = self.tlc.get(token.removeprefix("#"))
            if target is not None and target.tag in _TLC_PARTIES:
                codes.append(target.get("shortForm") or target.get("showAs") or token)
        return tuple(codes)

    def text(self, element: etree._Element) -> str:
        return decode_inline(element, name=self.name, codes_of=self.codes_of)

    # -- paragraphs ----------------------------------------------------------------------------

    def walk(self, element: etree._Element, parent: str | None, preamble: bool) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _LEAF_TAGS:
                continue
            if child.tag == _A + "section":
                self.unit(child, parent, preamble, section=True)
                self.walk(child, parent, preamble)
            elif child.tag in _UNIT_TAGS:
                paragraph = self.unit(child, parent, preamble, section=False)
                self.walk(child, paragraph.id, preamble)
            else:  # recitals, blockList, list, hcontainer, container: transparent
                self.walk(child, parent, preamble)

    def unit(
        self, element: etree._Element, parent: str | None, preamble: bool, *, section: bool
    ) -> Paragraph:
        kind = self.kind(element, preamble, section=section)
        paragraph_id = self.paragraph_id(element)
        try:
            paragraph = Paragraph(
                paragraph_id,
                kind,
                self.wording(element, section=section),
                label=self.label(element),
                parent=parent,
                version=self.version(element),
                deleted=element.get("status") == "removed",
                attribution=self.codes_of(element.get("refersTo") or ""),
            )
        except ValidationError as exc:
            raise self.fail(element, exc.message, exc.hint or "") from None
        self.paragraphs.append(paragraph)
        return paragraph

    def kind(self, element: etree._Element, preamble: bool, *, section: bool) -> ParagraphKind:
        value = element.get("class")
        for kind in ParagraphKind:
            if value == kind.value:
                return kind
        if section:
            return ParagraphKind.HEADING
        if preamble or element.tag in (_A + "recital", _A + "citation"):
            return ParagraphKind.PREAMBULAR
        return ParagraphKind.OPERATIVE

    def paragraph_id(self, element: etree._Element) -> str:
        guid = element.get("GUID")
        if guid:
            try:
                paragraph_id = unescape_id(guid)
            except UnicodeDecodeError:
                raise self.fail(
                    element, f"GUID {guid!r} is not a %-escaped id", "fix the escape"
                ) from None
            if paragraph_id in self.ids:
                raise self.fail(
                    element,
                    f"paragraph id {paragraph_id!r} (GUID) occurs twice",
                    "give every paragraph element its own GUID",
                )
        else:
            paragraph_id = element.get("eId") or ""
            while not paragraph_id or paragraph_id in self.ids:
                self.generated += 1
                paragraph_id = f"akn-{self.generated}"
        self.ids.add(paragraph_id)
        return paragraph_id

    def wording(self, element: etree._Element, *, section: bool) -> str:
        if section:
            heading = element.find(_A + "heading")
            return "" if heading is None else self.text(heading)
        blocks = element.findall(_A + "p")
        if not blocks:
            holder = element.find(_A + "content")
            if holder is None:
                holder = element.find(_A + "intro")
            if holder is None:  # <paragraph><list><intro>chapeau</intro><point>...
                holder = element.find(f"{_A}list/{_A}intro")
            if holder is None:
                heading = element.find(_A + "heading")
                return "" if heading is None else self.text(heading)
            blocks = holder.findall(_A + "p")
        return "\n".join(self.text(block) for block in blocks)

    def label(self, element: etree._Element) -> Label | None:
        num = element.find(_A + "num")
        if num is None:
            return None
        text = text_of(num).strip()
        if not text:
            return None
        style_value = element.get(_C + "labelStyle")
        try:
            style = LabelStyle(style_value) if style_value else None
            return Label.parse(text, style=style)
        except (LabelError, ValueError) as exc:
            hint = exc.hint if isinstance(exc, LabelError) else None
            raise self.fail(
                num,
                f"<num>{text}</num> is not a paragraph label",
                hint or "labels read '5', '5 bis', 'PP3', '(a)', '(iv)' or 'b.'",
            ) from None

    def version(self, element: etree._Element) -> int:
        value = element.get(_C + "version")
        if value is None:
            return 1
        if not value.isdigit() or int(value) < 1:
            raise self.fail(
                element, f"ct:version {value!r} is not a positive number", "write 1, 2, 3, ..."
            )
        return int(value)

    # -- document ------------------------------------------------------------------------------

    def first_text(self, path: str) -> str:
        element = self.document.find(path)
        return "" if element is None else text_of(element)

    def option_groups(self) -> tuple[OptionGroup, ...]:
        if self.ours is None:
            return ()
        groups = []
        for element in self.ours.iterfind(_C + "optionGroup"):
            options = []
            for option in element.iterfind(_C + "option"):
                try:
                    ids = tuple(unescape_id(v) for v in (option.get("paragraphs") or "").split())
                    options.append(
                        Option(
                            option.get("label") or "",
                            ids,
                            self.codes_of(option.get("refersTo") or ""),
                        )
                    )
                except (ValidationError, UnicodeDecodeError) as exc:
                    raise self.fail(option, f"option: {exc}", "") from None
            try:
                groups.append(OptionGroup(element.get("id") or "", tuple(options)))
            except ValidationError as exc:
                raise self.fail(element, exc.message, exc.hint or "") from None
        return tuple(groups)

    def revision(self) -> Revision | None:
        if self.ours is not None:
            element = self.ours.find(_C + "revision")
            if element is None:
                return None
            try:
                issued = dt.datetime.fromisoformat(element.get("issuedAt") or "")
                return Revision(
                    element.get("label") or "",
                    RevisionKind.parse(element.get("kind") or ""),
                    author=element.get("author") or "",
                    issued_at=issued,
                    symbol=element.get("symbol") or "",
                    note=element.get("note") or "",
                )
            except (ValidationError, ValueError) as exc:
                raise self.fail(element, f"ct:revision: {exc}", "") from None
        expression = self.document.find(f"{_A}meta/{_A}identification/{_A}FRBRExpression")
        if expression is None:
            return None
        version = expression.find(_A + "FRBRversionNumber")
        date = expression.find(_A + "FRBRdate")
        if version is None or not version.get("value") or date is None:
            return None
        try:
            day = dt.date.fromisoformat(date.get("date") or "")
        except ValueError:
            raise self.fail(date, f"FRBRdate {date.get('date')!r} is not a date", "") from None
        author = "unknown"
        author_element = expression.find(_A + "FRBRauthor")
        if author_element is not None:
            target = self.tlc.get((author_element.get("href") or "").removeprefix("#"))
            if target is not None:
                author = target.get("shortForm") or target.get("showAs") or author
        alias = expression.find(_A + "FRBRalias[@name='symbol']")
        return Revision(
            version.get("value") or "",
            RevisionKind.REVISION,
            author=author,
            issued_at=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
            symbol="" if alias is None else alias.get("value") or "",
        )

    def read(self) -> AknDocument:
        for area, preamble in (("preamble", True), ("mainBody", False), ("body", False)):
            element = self.document.find(_A + area)
            if element is not None:
                self.walk(element, None, preamble)
        title = self.first_text(f".//{_A}preface//{_A}docTitle")
        symbol = self.first_text(f".//{_A}preface//{_A}docNumber")
        try:
            draft = Draft(
                title=title,
                symbol=symbol,
                paragraphs=tuple(self.paragraphs),
                option_groups=self.option_groups(),
            )
        except ValidationError as exc:
            raise FormatError(f"{self.name}: {exc.message}", hint=exc.hint) from None
        return AknDocument(draft=draft, revision=self.revision(), title=title, symbol=symbol)


def read_document(root: etree._Element, name: str) -> AknDocument:
    """What a parsed ``<akomaNtoso>`` holds; see :func:`~consensus_text.io.akn.read_akn`."""
    return _Reader(root, name).read()
