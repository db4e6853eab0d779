"""Reading the WordprocessingML of a DOCX: paragraphs, styles, numbering, notes and comments.

The body is read into :class:`RawParagraph` values: the text of each ``w:p`` as Word shows it
under a tracked-changes policy (``w:t`` across runs, hyperlinks, fields and content controls;
``w:tab`` as a tab, ``w:br`` as a line break), the position of each character in the document
(paragraph number and character), footnote and endnote references, comment anchors, the
paragraph's style, numbering and paragraph-mark revisions, and, when asked, every tracked change
as a proposal. :class:`Numbering` computes the numbers Word displays for automatically numbered
paragraphs, counting as Word does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Final, Literal

import attrs
from lxml import etree

from consensus_text.errors import UnsafeInputError
from consensus_text.model.labels import format_roman

Policy = Literal["accept", "reject"]

W_TRANSITIONAL: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT: Final = "http://purl.oclc.org/ooxml/wordprocessingml/main"
M_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS: Final = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_MAX_STYLE_CHAIN: Final = 32
_MAX_NUMBER: Final = 32767
_TEXT_CLEAN_RE: Final = re.compile(r"\r\n|[\r\n\v\f]")


def namespace_of(root: etree._Element) -> str:
    """The WordprocessingML namespace a part uses (transitional or strict)."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag.startswith("{" + W_STRICT + "}"):
        return W_STRICT
    return W_TRANSITIONAL


class Names:
    """Clark names of the ``w:`` elements and attributes in one namespace."""

    def __init__(self, ns: str) -> None:
        w = "{" + ns + "}"
        self.ns = ns
        self.w = w
        self.body = w + "body"
        self.p = w + "p"
        self.p_pr = w + "pPr"
        self.p_style = w + "pStyle"
        self.num_pr = w + "numPr"
        self.ilvl = w + "ilvl"
        self.num_id_el = w + "numId"
        self.outline_lvl = w + "outlineLvl"
        self.r_pr = w + "rPr"
        self.r = w + "r"
        self.t = w + "t"
        self.del_text = w + "delText"
        self.instr_text = w + "instrText"
        self.del_instr_text = w + "delInstrText"
        self.tab = w + "tab"
        self.ptab = w + "ptab"
        self.br = w + "br"
        self.cr = w + "cr"
        self.no_break_hyphen = w + "noBreakHyphen"
        self.soft_hyphen = w + "softHyphen"
        self.sym = w + "sym"
        self.fld_char = w + "fldChar"
        self.fld_simple = w + "fldSimple"
        self.hyperlink = w + "hyperlink"
        self.smart_tag = w + "smartTag"
        self.custom_xml = w + "customXml"
        self.sdt = w + "sdt"
        self.sdt_content = w + "sdtContent"
        self.ins = w + "ins"
        self.move_from = w + "moveFrom"
        self.move_to = w + "moveTo"
        self.footnote_reference = w + "footnoteReference"
        self.endnote_reference = w + "endnoteReference"
        self.comment_reference = w + "commentReference"
        self.comment_range_start = w + "commentRangeStart"
        self.tbl = w + "tbl"
        self.vanish = w + "vanish"
        self.p_pr_change = w + "pPrChange"
        self.dir = w + "dir"
        self.bdo = w + "bdo"
        self.footnote = w + "footnote"
        self.endnote = w + "endnote"
        self.comment = w + "comment"
        self.style = w + "style"
        self.name = w + "name"
        self.based_on = w + "basedOn"
        self.abstract_num = w + "abstractNum"
        self.abstract_num_id_el = w + "abstractNumId"
        self.num = w + "num"
        self.lvl = w + "lvl"
        self.lvl_override = w + "lvlOverride"
        self.start = w + "start"
        self.start_override = w + "startOverride"
        self.num_fmt = w + "numFmt"
        self.lvl_text = w + "lvlText"
        self.lvl_restart = w + "lvlRestart"
        self.is_lgl = w + "isLgl"
        self.suff = w + "suff"
        self.num_style_link = w + "numStyleLink"
        self.val = w + "val"
        self.id = w + "id"
        self.author = w + "author"
        self.date = w + "date"
        self.type = w + "type"
        self.style_id = w + "styleId"
        self.default = w + "default"
        self.char = w + "char"
        self.fld_char_type = w + "fldCharType"
        self.ilvl_attr = w + "ilvl"
        self.abstract_num_id = w + "abstractNumId"
        self.num_id = w + "numId"
        self.deleted = w + "del"

    def is_del(self, tag: object) -> bool:
        """Whether ``tag`` is ``w:del``."""
        return tag == self.deleted


def _on(element: etree._Element | None, names: Names) -> bool:
    """A toggle property such as ``w:vanish``: present and not switched off."""
    if element is None:
        return False
    return (element.get(names.val) or "true").lower() not in ("0", "false", "off")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def parse_date(value: str | None) -> dt.datetime | None:
    """A ``w:date`` as an aware datetime (no zone is read as UTC), or None when absent or bad.

    >>> parse_date("2025-03-01T10:00:00Z")
    datetime.datetime(2025, 3, 1, 10, 0, tzinfo=datetime.timezone.utc)
    >>> parse_date("nonsense") is None
    True
    """
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when


# ----------------------------------------------------------------------------------------------
# Styles


@attrs.frozen
class _Style:
    name: str
    based_on: str | None
    num: tuple[str | None, int | None] | None
    outline: int | None


class Styles:
    """The paragraph styles of ``word/styles.xml``: names, inheritance, numbering, outline."""

    def __init__(self, root: etree._Element | None, names: Names) -> None:
        self._styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        n = names
        for style in root.iter(n.style):
            if style.get(n.type, "paragraph") != "paragraph":
                continue
            style_id = style.get(n.style_id)
            if not style_id:
                continue
            name_el = style.find(n.name)
            based = style.find(n.based_on)
            ppr = style.find(n.p_pr)
            num: tuple[str | None, int | None] | None = None
            outline: int | None = None
            if ppr is not None:
                num = _num_pr(ppr.find(n.num_pr), n)
                outline_el = ppr.find(n.outline_lvl)
                if outline_el is not None:
                    outline = _int(outline_el.get(n.val), 9)
            self._styles[style_id] = _Style(
                name=(name_el.get(n.val) if name_el is not None else None) or style_id,
                based_on=based.get(n.val) if based is not None else None,
                num=num,
                outline=outline,
            )
            if style.get(n.default) in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        current = style_id if style_id is not None else self.default
        while current and current not in seen and len(seen) < _MAX_STYLE_CHAIN:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                return
            yield current, style
            current = style.based_on

    def keys(self, style_id: str | None) -> tuple[str, ...]:
        """Normalized names and ids of the style (``"heading1"``, ``"ctoperative"``)."""
        sid = style_id if style_id is not None else self.default
        if not sid:
            return ()
        style = self._styles.get(sid)
        out = [_normalize(sid)]
        if style is not None:
            out.insert(0, _normalize(style.name))
        return tuple(out)

    def num(self, style_id: str | None) -> tuple[str | None, int | None] | None:
        """The numbering a style gives its paragraphs (numId, ilvl), inherited."""
        num_id: str | None = None
        ilvl: int | None = None
        found = False
        for _, style in self.chain(style_id):
            if style.num is None:
                continue
            found = True
            if num_id is None:
                num_id = style.num[0]
            if ilvl is None:
                ilvl = style.num[1]
        return (num_id, ilvl) if found else None

    def outline(self, style_id: str | None) -> int | None:
        """The outline level (0-8: a heading) a style gives, inherited."""
        for _, style in self.chain(style_id):
            if style.outline is not None:
                return style.outline
        return None


def _normalize(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).lower()


def _num_pr(element: etree._Element | None, n: Names) -> tuple[str | None, int | None] | None:
    if element is None:
        return None
    num_el = element.find(n.num_id_el)
    ilvl_el = element.find(n.ilvl)
    num_id = num_el.get(n.val) if num_el is not None else None
    ilvl = _int(ilvl_el.get(n.val), 0) if ilvl_el is not None else None
    return num_id, ilvl


# ----------------------------------------------------------------------------------------------
# Numbering


@attrs.frozen
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # None: after any higher level; 0: never; k: after level k
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None


@attrs.frozen
class NumberLabel:
    """The number Word shows before a paragraph.

    Attributes:
        text: the rendered number, such as ``"3."``, ``"(b)"``, ``"ii."``; ``""`` for bullets.
        fmt: the format of the paragraph's own level (``decimal``, ``lowerLetter``, ...).
        suffix: what follows the number: ``tab``, ``space`` or ``nothing``.
    """

    text: str
    fmt: str
    suffix: str


def format_number(value: int, fmt: str) -> str:
    """A counter value in a Word number format.

    >>> [format_number(28, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['28', 'bb', 'XXVIII', '28']
    """
    if fmt in ("bullet", "none"):
        return ""
    if value <= 0 or value > _MAX_NUMBER:  # Word stops at 32767; no 10**9 Roman "m"s
        return str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = format_roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class Numbering:
    """List definitions of ``word/numbering.xml`` and the counters Word keeps while numbering.

    Lists (``w:num``) that share a definition (``w:abstractNum``) share its counters, unless the
    list overrides a start value (``w:startOverride``): then it counts on its own, from that
    start. A level restarts whenever a higher level is used (or as ``w:lvlRestart`` says).
    """

    def __init__(self, root: etree._Element | None, names: Names, styles: Styles) -> None:
        self._n = names
        self._styles = styles
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._style_links: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._counters: dict[object, dict[int, int]] = {}
        if root is None:
            return
        n = names
        for abstract in root.iter(n.abstract_num):
            aid = abstract.get(n.abstract_num_id)
            if aid is None:
                continue
            self._abstracts[aid] = {
                _int(lvl.get(n.ilvl_attr), 0): self._level(lvl) for lvl in abstract.iter(n.lvl)
            }
            link = abstract.find(n.num_style_link)
            if link is not None and link.get(n.val):
                self._style_links[aid] = str(link.get(n.val))
        for num in root.iter(n.num):
            num_id = num.get(n.num_id)
            aid_el = num.find(n.abstract_num_id_el)
            if num_id is None or aid_el is None or aid_el.get(n.val) is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in num.iter(n.lvl_override):
                ilvl = _int(override.get(n.ilvl_attr), 0)
                start = override.find(n.start_override)
                if start is not None:
                    starts[ilvl] = _int(start.get(n.val), 1)
                lvl = override.find(n.lvl)
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
            self._nums[num_id] = (str(aid_el.get(n.val)), starts, levels)

    def _level(self, lvl: etree._Element) -> Level:
        n = self._n

        def value(tag: str) -> str | None:
            el = lvl.find(tag)
            return el.get(n.val) if el is not None else None

        restart = value(n.lvl_restart)
        style = value(n.p_style)
        return Level(
            start=_int(value(n.start), 1),
            fmt=value(n.num_fmt) or "decimal",
            text=value(n.lvl_text) or "",
            restart=None if restart is None else _int(restart, 0),
            legal=_on(lvl.find(n.is_lgl), n),
            suffix=value(n.suff) or "tab",
            style=style,
        )

    def _levels(self, num_id: str) -> tuple[str, dict[int, int], dict[int, Level]] | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        aid, starts, overrides = entry
        for _ in range(_MAX_STYLE_CHAIN):  # follow numStyleLink to the real definition
            link = self._style_links.get(aid)
            if link is None:
                break
            linked = self._styles.num(link)
            if linked is None or linked[0] is None or linked[0] not in self._nums:
                break
            target = self._nums[linked[0]][0]
            if target == aid:
                break
            aid = target
        levels = dict(self._abstracts.get(aid, {}))
        levels.update(overrides)
        return aid, starts, levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level of a list bound to a paragraph style (``w:lvl/w:pStyle``), if any."""
        found = self._levels(num_id)
        if found is None or style_id is None:
            return None
        for ilvl, level in found[2].items():
            if level.style == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> NumberLabel | None:
        """Count one more paragraph of list ``num_id`` at level ``ilvl``; its number as shown.

        Returns None when the list or the level is not defined.
        """
        found = self._levels(num_id)
        if found is None:
            return None
        aid, starts, levels = found
        level = levels.get(ilvl)
        if level is None:
            return None
        key: object = ("num", num_id) if starts else ("abstract", aid)
        counters = self._counters.setdefault(key, {})

        def start_of(k: int) -> int:
            if k in starts:
                return starts[k]
            return levels[k].start if k in levels else 1

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start_of(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            rule = levels[deeper].restart if deeper in levels else None
            if rule is None or (rule > 0 and ilvl < rule):
                del counters[deeper]
        if level.fmt == "bullet":
            return NumberLabel("", "bullet", level.suffix)

        def substitute(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counters.get(k, start_of(k))
            fmt = levels[k].fmt if k in levels else "decimal"
            if level.legal and fmt not in ("bullet", "none"):
                fmt = "decimal"
            return format_number(value, fmt)

        text = re.sub(r"%([1-9])", substitute, level.text)
        return NumberLabel(text, level.fmt, level.suffix)


# ----------------------------------------------------------------------------------------------
# Paragraphs


@attrs.define
class Change:
    """A tracked change recorded as a proposal, at a character of the original (rejected) text."""

    kind: Literal["ins", "del"]
    author: str
    date: str | None
    text: str
    paragraph: int  # 1-based body paragraph number
    character: int  # 1-based character in that paragraph (rejected view)
    end: int  # character after the change in the rejected view


@attrs.define
class RawParagraph:
    """One ``w:p`` of the body as read under the policy.

    ``text`` holds one string per character (tabs as ``"\\t"``, line breaks as ``"\\n"``) and
    ``origins`` its position: the body paragraph number and the 0-based character in it.
    """

    number: int
    text: list[str] = attrs.Factory(list)
    origins: list[tuple[int, int]] = attrs.Factory(list)
    notes: list[tuple[int, str, str, tuple[int, int]]] = attrs.Factory(list)
    comments: list[tuple[int, str, tuple[int, int]]] = attrs.Factory(list)
    changes: list[Change] = attrs.Factory(list)
    style: str | None = None
    num: tuple[str | None, int | None] | None = None
    outline: int | None = None
    mark_added: tuple[str, str | None] | None = None
    mark_removed: tuple[str, str | None] | None = None
    tables_before: int = 0
    counter: int = 0  # characters counted so far (text, tabs, breaks, note references)

    @property
    def string(self) -> str:
        return "".join(self.text)


@attrs.define
class _Context:
    added: tuple[str, str, str | None] | None = None  # (kind, author, date)
    removed: tuple[str, str, str | None] | None = None


class _Fields:
    """Complex fields (``w:fldChar``) may span runs and paragraphs; only results are shown."""

    def __init__(self) -> None:
        self.stack: list[bool] = []  # True while in a field's instructions

    @property
    def hiding(self) -> bool:
        return any(self.stack)


class BodyReader:
    """Reads paragraphs (of the body, of footnotes or of comments) under a policy."""

    def __init__(
        self, names: Names, policy: Policy, *, record: bool = False, max_characters: int = 0
    ) -> None:
        self.n = names
        self.policy = policy
        self.record = record
        self.max_characters = max_characters  # 0: no limit
        self.characters = 0
        self.fields = _Fields()
        self._pending_comments: list[str] = []

    # -- blocks ---------------------------------------------------------------------------------

    def paragraphs(self, container: etree._Element) -> tuple[list[RawParagraph], int]:
        """Every block-level paragraph of a body (or note, or comment), and tables skipped."""
        out: list[RawParagraph] = []
        tables = 0
        pending_tables = 0
        for element in self._blocks(container):
            if element.tag == self.n.tbl:
                tables += 1
                pending_tables += 1
                continue
            if element.tag == self.n.comment_range_start:
                self._pending_comments.append(element.get(self.n.id) or "")
                continue
            paragraph = self.paragraph(element, len(out) + 1)
            paragraph.tables_before = pending_tables
            pending_tables = 0
            out.append(paragraph)
        return out, tables

    def _blocks(self, container: etree._Element) -> Iterator[etree._Element]:
        n = self.n
        for child in container:
            tag = child.tag
            if tag in (n.p, n.tbl, n.comment_range_start):
                yield child
            elif tag == n.sdt:
                content = child.find(n.sdt_content)
                if content is not None:
                    yield from self._blocks(content)
            elif tag in (n.custom_xml, n.ins, n.move_to, n.move_from) or n.is_del(tag):
                yield from self._blocks(child)

    # -- one paragraph --------------------------------------------------------------------------

    def paragraph(self, p: etree._Element, number: int) -> RawParagraph:
        n = self.n
        out = RawParagraph(number)
        for comment_id in self._pending_comments:
            out.comments.append((0, comment_id, (number, 0)))
        self._pending_comments = []
        ppr = p.find(n.p_pr)
        if ppr is not None:
            props = ppr
            if self.policy == "reject":
                change = ppr.find(n.p_pr_change)
                old = change.find(n.p_pr) if change is not None else None
                if old is not None:
                    props = old
            style = props.find(n.p_style)
            out.style = style.get(n.val) if style is not None else None
            out.num = _num_pr(props.find(n.num_pr), n)
            outline = props.find(n.outline_lvl)
            if outline is not None:
                out.outline = _int(outline.get(n.val), 9)
            mark = ppr.find(n.r_pr)
            if mark is not None:
                for child in mark:
                    if child.tag in (n.ins, n.move_to):
                        out.mark_added = (child.get(n.author) or "", child.get(n.date))
                    elif n.is_del(child.tag) or child.tag == n.move_from:
                        out.mark_removed = (child.get(n.author) or "", child.get(n.date))
        self._walk(p, out, _Context())
        # A field's instructions never run past its paragraph: a damaged field must not hide
        # the rest of the document (results may: a table of contents spans paragraphs).
        self.fields.stack = [hiding for hiding in self.fields.stack if not hiding]
        return out

    def _walk(self, element: etree._Element, out: RawParagraph, context: _Context) -> None:
        n = self.n
        for child in element:
            tag = child.tag
            if tag == n.r:
                self._run(child, out, context)
            elif tag in (n.ins, n.move_to):
                kind = "ins"
                added = (kind, child.get(n.author) or "", child.get(n.date))
                self._walk(child, out, _Context(context.added or added, context.removed))
            elif n.is_del(tag) or tag == n.move_from:
                removed = ("del", child.get(n.author) or "", child.get(n.date))
                self._walk(child, out, _Context(context.added, context.removed or removed))
            elif tag in (n.hyperlink, n.smart_tag, n.custom_xml, n.fld_simple, n.dir, n.bdo):
                self._walk(child, out, context)
            elif tag == n.sdt:
                content = child.find(n.sdt_content)
                if content is not None:
                    self._walk(content, out, context)
            elif tag == n.comment_range_start:
                out.comments.append(
                    (len(out.text), child.get(n.id) or "", (out.number, out.counter))
                )
            elif tag == "{" + M_NS + "}oMath" or tag == "{" + M_NS + "}oMathPara":
                text = "".join(t.text or "" for t in child.iter("{" + M_NS + "}t"))
                self._emit(text, out, context)

    def _visible(self, context: _Context) -> bool:
        if self.policy == "accept":
            return context.removed is None
        return context.added is None

    def _run(self, run: etree._Element, out: RawParagraph, context: _Context) -> None:
        n = self.n
        rpr = run.find(n.r_pr)
        if rpr is not None and _on(rpr.find(n.vanish), n):
            return
        for child in run:
            tag = child.tag
            if tag in (n.t, n.del_text):
                if not self.fields.hiding:
                    self._emit(_TEXT_CLEAN_RE.sub(" ", child.text or ""), out, context)
            elif tag in (n.tab, n.ptab):
                if not self.fields.hiding:
                    self._emit("\t", out, context)
            elif tag in (n.br, n.cr):
                if not self.fields.hiding:
                    self._emit("\n", out, context)
            elif tag == n.no_break_hyphen:
                self._emit("-", out, context)
            elif tag == n.sym:
                code = _int_hex(child.get(n.char))
                if code is not None and not 0xE000 <= code <= 0xF8FF:
                    self._emit(chr(code), out, context)
            elif tag == n.fld_char:
                kind = child.get(n.fld_char_type)
                if kind == "begin":
                    self.fields.stack.append(True)
                elif kind == "separate" and self.fields.stack:
                    self.fields.stack[-1] = False
                elif kind == "end" and self.fields.stack:
                    self.fields.stack.pop()
            elif tag in (n.footnote_reference, n.endnote_reference):
                if self._visible(context) and not self.fields.hiding:
                    kind = "footnote" if tag == n.footnote_reference else "endnote"
                    out.notes.append(
                        (len(out.text), kind, child.get(n.id) or "", (out.number, out.counter))
                    )
                    out.counter += 1
            elif tag == n.comment_reference:
                comment_id = child.get(n.id) or ""
                if all(c[1] != comment_id for c in out.comments):
                    out.comments.append((len(out.text), comment_id, (out.number, out.counter)))

    def _emit(self, text: str, out: RawParagraph, context: _Context) -> None:
        if not text:
            return
        recorded = self.record and (context.added is None) != (context.removed is None)
        if recorded:
            revision = context.added or context.removed
            assert revision is not None
            self._record(out, revision, text)
        if not self._visible(context):
            return
        self.characters += len(text)
        if self.max_characters and self.characters > self.max_characters:
            raise UnsafeInputError(
                f"the document holds more than {self.max_characters} characters of text",
                hint="pass DocxLimits(max_characters=...) if the file is trusted",
            )
        for char in text:
            out.text.append(char)
            out.origins.append((out.number, out.counter))
            out.counter += 1

    def _record(self, out: RawParagraph, revision: tuple[str, str, str | None], text: str) -> None:
        kind_text, author, date = revision
        kind: Literal["ins", "del"] = "ins" if kind_text == "ins" else "del"
        shown = text.replace("\t", " ")
        start = out.counter + 1
        end = start if kind == "ins" else start + len(text)
        last = out.changes[-1] if out.changes else None
        if (
            last is not None
            and last.kind == kind
            and last.author == author
            and last.date == date
            and last.end == start
        ):
            last.text += shown
            last.end = end
            return
        out.changes.append(Change(kind, author, date, shown, out.number, start, end))


def _int_hex(value: str | None) -> int | None:
    if not value:
        return None
    try:
        code = int(value, 16)
    except ValueError:
        return None
    return code if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None


def read_notes(
    root: etree._Element | None, names: Names, policy: Policy, kind: str
) -> dict[str, str]:
    """Footnote or endnote texts by ``w:id`` (separators left out), paragraphs joined by spaces."""
    if root is None:
        return {}
    tag = names.footnote if kind == "footnote" else names.endnote
    out: dict[str, str] = {}
    for note in root.iter(tag):
        if note.get(names.type) not in (None, "normal"):
            continue
        note_id = note.get(names.id)
        if note_id is None:
            continue
        reader = BodyReader(names, policy)
        paragraphs, _ = reader.paragraphs(note)
        out[note_id] = _join(p.string for p in paragraphs)
    return out


def read_comments(
    root: etree._Element | None, names: Names, policy: Policy
) -> dict[str, tuple[str, str | None, str]]:
    """Comments by ``w:id``: (author, date, text); the text's paragraphs joined by newlines."""
    if root is None:
        return {}
    out: dict[str, tuple[str, str | None, str]] = {}
    for comment in root.iter(names.comment):
        comment_id = comment.get(names.id)
        if comment_id is None:
            continue
        reader = BodyReader(names, policy)
        paragraphs, _ = reader.paragraphs(comment)
        text = "\n".join(
            " ".join(p.string.replace("\t", " ").replace("\n", " ").split()) for p in paragraphs
        ).strip()
        out[comment_id] = (comment.get(names.author) or "", comment.get(names.date), text)
    return out


def _join(parts: Iterable[str]) -> str:
    text = " ".join(part.replace("\t", " ").replace("\n", " ") for part in parts)
    return " ".join(text.split())
