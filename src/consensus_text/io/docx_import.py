"""DOCX import: read a Word document into a :class:`~consensus_text.model.paragraphs.Draft`.

The reader accepts what Word, LibreOffice and pandoc write, and the exports of
:mod:`consensus_text.io.docx` read back to the same paragraphs and brackets. It reads the XML
itself (python-docx exposes neither tracked changes, footnotes nor numbering) and then hands the
text to the text-draft reader (:mod:`consensus_text.io.text`), so labels, chapeaux and
sub-paragraphs, named options, attribution braces and every diagnostic behave exactly as for a
text file. Each DOCX paragraph becomes one paragraph of the text format:

- **Text** is the ``w:t`` of every run, whatever its formatting, so a bracket may open in a bold
  run and close in a plain one; ``w:tab`` is a space (after a label: the label's separator) and
  ``w:br`` a line break inside the paragraph (a line that starts with a label or ``Option 2:``
  starts a new paragraph, as in a text file; in the exporter's own paragraph styles, whose text
  is never Markdown, it is a space, and an unlabelled "CT Body" paragraph that would read as
  structure is escaped as :func:`~consensus_text.io.text.write_text_draft` escapes it). Fields show their results, hyperlinks and content
  controls their text; hidden text, drawings and text boxes are left out, and tables are skipped
  with a ``table-skipped`` warning.
- **Labels** are typed (``5 bis. Decides``, or the exporter's ``5 bis<TAB>Decides``,
  ``PP3<TAB>Recalling``) or Word's automatic numbering: the number Word shows is computed from
  ``word/numbering.xml`` by counting as Word does (per list and level, restarting below a level
  that is used, ``w:start``/``w:startOverride``, ``%1.``/``(%1)`` level texts in decimal, letter
  or Roman formats); ``1.``, ``(a)``, ``(i)``, ``a.``, ``i.`` (and ``1)``, ``a)``) become labels,
  anything else (``A.``, ``I.``, ``1.1.``) stays in the text.
- **Styles**: "Title" and the exporter's "CT Title" give the draft's title, "CT Symbol" its
  symbol (a paragraph ``Symbol: ...`` at the top does too), "Heading 1"-"Heading 9", any style
  with an outline level and "CT Heading" are headings (a "Heading 1" that opens the document is
  its title, as ``# Title`` is in a text file), "CT Option" holds option lines, the exporter's
  revision line and draft mark are left out and its end line (``__________``) ends the text.
- **Named options** ("Option 1:", "Alt 2:", "Option 2: No text") work as in a text file. An
  option group ends at ``End of options``, a heading, or after a "No text" option; as the
  exporter writes no end line, a group also ends at a numbered paragraph whose number is higher
  than every number in the group's earlier options (``Alt 2: 3.`` then ``4.``).
- **Footnotes** become Markdown markers ``[^N]`` numbered as Word shows them and are kept in
  :attr:`DocxImportResult.footnotes`; endnotes become ``[^eN]``. A footnote that follows the
  documented attribution pattern is read as data instead (:data:`ATTRIBUTION_FOOTNOTE_RE`):
  "Proposed by EU, G77." right after a ``]`` attributes that bracket (``[...]{EU, G77}``),
  at the end of a paragraph it attributes the paragraph; "Paragraph proposed by EU." attributes
  the paragraph and "Option proposed by EU." the option (what the exporter writes). "Proposed
  by", "Submitted by" and "Tabled by" are recognised, with an optional colon and final full
  stop; the codes are participant codes separated by commas or semicolons.
- **Tracked changes** (``w:ins``, ``w:del``, ``w:moveFrom``/``w:moveTo`` and paragraph marks)
  are accepted (``tracked_changes="accept"``, the default), rejected (``"reject"``), or kept as
  proposals (``"proposals"``): the draft holds the text without the changes and
  :attr:`DocxImportResult.proposals` lists each one with its author, date and place.
- **Comments** are listed with the paragraph they are anchored to.

Diagnostics are those of ``consensus-text check``, placed by paragraph of the document body
(empty paragraphs count, tables do not) and character in that paragraph (both from 1; tabs,
line breaks and footnote references count as one character).

Untrusted files are checked before they are parsed (:class:`DocxLimits`): file size, number of
ZIP entries, total inflated size and compression ratio (zip bombs), entry names that leave the
package (path traversal), and every XML part is parsed without entities, DTDs or network access,
a DOCTYPE being refused. A damaged or foreign file raises
:class:`~consensus_text.errors.FormatError`, a hostile one
:class:`~consensus_text.errors.UnsafeInputError`, never an exception of ``zipfile`` or lxml.

>>> import io
>>> from consensus_text.io.docx import export_bracketed_docx
>>> from consensus_text.io.text import read_text_draft
>>> from consensus_text.model.snapshot import Snapshot
>>> text = read_text_draft('''# Programme of Action
...
... 1. Decides to [establish]{EU} a programme of action;
...
... 2. Requests the Secretariat:
...
... (a) to [prepare][compile] a report; {G77}''').draft
>>> buffer = io.BytesIO()
>>> export_bracketed_docx(Snapshot(draft=text), buffer)
>>> result = read_docx(buffer.getvalue())
>>> [(str(p.label), p.text, p.attribution) for p in result.draft.numbered()]
[('1', 'Decides to [establish]{EU} a programme of action;', ()), ('2', 'Requests the Secretariat:', ()), ('(a)', 'to [prepare][compile] a report;', ('G77',))]
>>> result.draft == text
True
>>> read_docx(b"not a zip file")
Traceback (most recent call last):
...
consensus_text.errors.FormatError: the input is not a DOCX (ZIP) file (File is not a zip file); the file may be truncated or of another format; save it again as .docx
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, Literal

import attrs
from lxml import etree

from consensus_text.errors import ParseError, ValidationError
from consensus_text.io import _docx_read_body as body
from consensus_text.io._docx_read_package import SourceLike, open_package, read_source
from consensus_text.io._text_lines import (
    END_OPTIONS_RE,
    NEEDS_ESCAPE_RE,
    NO_TEXT_RE,
    OPTION_ATTRIBUTION_RE,
    OPTION_RE,
    Reader,
)
from consensus_text.io.text import DraftStats
from consensus_text.model.brackets import Diagnostic, Severity
from consensus_text.model.labels import LATIN_SUFFIXES, Label, LabelStyle
from consensus_text.model.paragraphs import Draft, ParagraphKind

__all__ = [
    "ATTRIBUTION_FOOTNOTE_RE",
    "Comment",
    "DocxDiagnostic",
    "DocxImportResult",
    "DocxLimits",
    "DocxStats",
    "TrackedChanges",
    "TrackedProposal",
    "read_docx",
]

TrackedChanges = Literal["accept", "reject", "proposals"]

_CODE: Final = r"[A-Z0-9][A-Za-z0-9.&-]*"
_CODES: Final = rf"{_CODE}(?:[ \t]*[,;][ \t]*{_CODE})*"

#: The attribution footnotes the reader turns into data: "Proposed by EU, G77.",
#: "Paragraph proposed by EU.", "Option proposed by: G77", "Submitted by AUS; MEX".
ATTRIBUTION_FOOTNOTE_RE: Final = re.compile(
    rf"^\s*(?:(?P<what>(?i:paragraph|option|text|wording))\s+)?"
    rf"(?i:proposed|submitted|tabled)\s+(?i:by)\s*:?\s*(?P<codes>{_CODES})\s*\.?\s*$"
)

_CODE_SPLIT_RE: Final = re.compile(r"[ \t]*[,;][ \t]*")
_SUFFIX: Final = "|".join(LATIN_SUFFIXES)
_NUMBER_CHUNK_RE: Final = re.compile(rf"((?:PP|OP)?[ \t]*-?\d+(?:[ \t]+(?:{_SUFFIX}))?)[ \t]*[.)]?")
_PAREN_CHUNK_RE: Final = re.compile(rf"\(([a-z]{{1,6}})\)((?:[ \t]+(?:{_SUFFIX}))?)")
_DOT_CHUNK_RE: Final = re.compile(rf"([a-z]{{1,6}})([.)])((?:[ \t]+(?:{_SUFFIX}))?)")
_LEADING_LABEL_RE: Final = re.compile(
    rf"(?:(?:PP|OP)?[ \t\u00a0]*-?\d+(?:[ \t\u00a0]+(?:{_SUFFIX}))?\."
    rf"|\([a-z]{{1,6}}\)(?:[ \t\u00a0]+(?:{_SUFFIX}))?"
    rf"|[a-z]{{1,6}}\.(?:[ \t\u00a0]+(?:{_SUFFIX}))?)(?=[\s\u00a0])"
)
_EXPORTER_BODY: Final = frozenset(
    ["ctbody", "ctoperative", "ctpreambular", "ctsubparagraph"]
    + [f"ctsubparagraph{k}" for k in range(2, 10)]
)
_BLANK: Final = frozenset(" \t\n\u00a0\u2002\u2003\u2009\u200b")
_END_LINE_RE: Final = re.compile(r"_{5,}")
_POSITION_RE: Final = re.compile(r"(?:(?<=at )(\d+):(\d+)(?!\d))|line (\d+), column (\d+)")


# ----------------------------------------------------------------------------------------------
# Public values


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise ValidationError(
            f"DocxLimits.{attribute.name} must be a positive number, not {value!r}",
            hint="pass a number greater than 0",
        )


@attrs.frozen
class DocxLimits:
    """How much an untrusted DOCX may hold before :func:`read_docx` refuses it.

    The defaults let through any real negotiated text (a long resolution is well under 1 MiB of
    XML; a document full of images some tens of MiB) and stop zip bombs, which inflate a few
    kilobytes into gigabytes.

    Attributes:
        max_file_bytes: the size of the DOCX file itself (50 MiB).
        max_entries: ZIP entries (2,000; Word writes about 15 for a text).
        max_total_bytes: the declared inflated size of all entries together (512 MiB).
        max_part_bytes: the bytes actually inflated from one XML part that is read (64 MiB),
            whatever the ZIP headers claim.
        max_ratio: the compression ratio of any entry larger than 1 MiB inflated (200; XML
            compresses 5-20 times, a zip bomb a thousand times or more).
        max_characters: the characters of text in the body (5 million; a 1,000-page
            compilation text holds about 3 million), which bounds the memory the reader uses.

    >>> DocxLimits(max_ratio=50).max_ratio
    50
    >>> DocxLimits(max_entries=0)
    Traceback (most recent call last):
    ...
    consensus_text.errors.ValidationError: DocxLimits.max_entries must be a positive number, not 0; pass a number greater than 0
    """

    max_file_bytes: int = attrs.field(default=50 * 1024 * 1024, validator=_positive)
    max_entries: int = attrs.field(default=2000, validator=_positive)
    max_total_bytes: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)
    max_part_bytes: int = attrs.field(default=64 * 1024 * 1024, validator=_positive)
    max_ratio: float = attrs.field(default=200.0, validator=_positive)
    max_characters: int = attrs.field(default=5_000_000, validator=_positive)


@attrs.frozen
class DocxDiagnostic:
    """A problem in a DOCX draft, placed by paragraph and character.

    Attributes:
        paragraph: the paragraph of the document body, from 1 (empty paragraphs count, the
            paragraphs of tables do not).
        character: the character in that paragraph, from 1 (a tab, a line break and a footnote
            reference count as one; a number Word adds automatically does not).
        message: what is wrong.
        code: the slug, as in ``consensus-text check`` (``unmatched-close``, ``label-order``,
            ...), or ``table-skipped`` and ``missing-note`` for the DOCX itself.
        severity: ``"error"`` or ``"warning"``.
        expected: what the parser expected there.
        hint: how to fix it.

    >>> d = DocxDiagnostic(12, 40, "unmatched ']'", "unmatched-close")
    >>> d.where, str(d)
    ('paragraph 12, character 40', "paragraph 12, character 40: unmatched ']'")
    """

    paragraph: int
    character: int
    message: str
    code: str
    severity: Severity = "error"
    expected: str | None = None
    hint: str | None = None

    @property
    def where(self) -> str:
        """``"paragraph 12, character 40"``."""
        return f"paragraph {self.paragraph}, character {self.character}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def to_error(self, source: str | None = None) -> ParseError:
        """The :class:`~consensus_text.errors.ParseError` that ``strict=True`` raises for this.

        Its ``line`` is the paragraph and its ``column`` the character.
        """
        return ParseError(
            f"{self.where}: {self.message}",
            line=self.paragraph,
            column=self.character,
            expected=self.expected,
            hint=self.hint,
            source=source,
        )


@attrs.frozen
class Comment:
    """A Word comment.

    Attributes:
        author: as Word records it.
        date: when (aware; a date without a zone is read as UTC), or None.
        text: the comment's text, its paragraphs separated by newlines.
        paragraph_id: the id of the draft paragraph the comment is anchored to, or None (a
            comment on the title, an option line or an empty paragraph).
        paragraph: the body paragraph of the anchor, from 1 (0: no anchor in the body).
        character: the character of the anchor in it, from 1.
    """

    author: str
    date: dt.datetime | None
    text: str
    paragraph_id: str | None
    paragraph: int = 0
    character: int = 0


@attrs.frozen
class TrackedProposal:
    """A tracked change kept as a proposal (``tracked_changes="proposals"``).

    Attributes:
        kind: ``"ins"`` (the text would be added) or ``"del"`` (it would be removed); a move is
            a deletion at the old place and an insertion at the new one.
        author: who made the change, as Word records it.
        date: when (aware), or None.
        text: the inserted or deleted text.
        paragraph_id: the draft paragraph that holds the change; for a whole paragraph proposed
            for insertion, the draft paragraph it would follow (None at the very start).
        whole_paragraph: the change inserts or deletes a whole paragraph.
        paragraph: the body paragraph of the change, from 1.
        character: the character of the change in the draft's text (the text without the
            changes), from 1: where an insertion would go, where a deletion starts.
    """

    kind: Literal["ins", "del"]
    author: str
    date: dt.datetime | None
    text: str
    paragraph_id: str | None
    whole_paragraph: bool = False
    paragraph: int = 0
    character: int = 0

    @property
    def where(self) -> str:
        """``"paragraph 12, character 40"``."""
        return f"paragraph {self.paragraph}, character {self.character}"


@attrs.frozen
class DocxStats:
    """Counts over an imported DOCX: those of ``consensus-text check``, and the document's own.

    Attributes:
        paragraphs: draft paragraphs that are not headings.
        brackets: bracket pairs in all paragraphs.
        alternative_groups: inline groups of alternatives plus named option groups.
        max_depth: the deepest nesting of brackets.
        placeholders: placeholders such as ``[Placeholder for finance]``.
        docx_paragraphs: paragraphs of the document body.
        numbered: paragraphs numbered automatically by Word.
        footnotes: footnotes and endnotes kept as markers.
        attributions: footnotes read as attributions.
        comments: comments.
        tracked_changes: tracked changes (run-level ``w:ins``/``w:del``/moves and paragraph
            marks) found in the body.
        tables: tables skipped.
    """

    paragraphs: int = 0
    brackets: int = 0
    alternative_groups: int = 0
    max_depth: int = 0
    placeholders: int = 0
    docx_paragraphs: int = 0
    numbered: int = 0
    footnotes: int = 0
    attributions: int = 0
    comments: int = 0
    tracked_changes: int = 0
    tables: int = 0

    @property
    def draft_stats(self) -> DraftStats:
        """The counts that a text draft has too."""
        return DraftStats(
            self.paragraphs,
            self.brackets,
            self.alternative_groups,
            self.max_depth,
            self.placeholders,
        )

    def to_dict(self) -> dict[str, int]:
        """Every count by name."""
        return attrs.asdict(self)


@attrs.frozen
class DocxImportResult:
    """What :func:`read_docx` found.

    Attributes:
        draft: the draft.
        diagnostics: every problem, in document order.
        stats: the counts.
        footnotes: the footnotes kept as markers, ``(id, text)`` with ids as in the markers
            (``"3"`` for ``[^3]``, ``"e1"`` for the endnote ``[^e1]``).
        comments: the comments, in document order.
        proposals: the tracked changes, when read with ``tracked_changes="proposals"``.
        source: the file name used in messages.
        tracked_changes: the policy the document was read with.
    """

    draft: Draft
    diagnostics: tuple[DocxDiagnostic, ...]
    stats: DocxStats
    footnotes: tuple[tuple[str, str], ...] = ()
    comments: tuple[Comment, ...] = ()
    proposals: tuple[TrackedProposal, ...] = ()
    source: str | None = None
    tracked_changes: TrackedChanges = "accept"

    @property
    def is_clean(self) -> bool:
        """Whether the document has no diagnostics at all."""
        return not self.diagnostics


# ----------------------------------------------------------------------------------------------
# Reading


def read_docx(
    source: SourceLike,
    *,
    tracked_changes: TrackedChanges = "accept",
    strict: bool = False,
    limits: DocxLimits | None = None,
    name: str | None = None,
) -> DocxImportResult:
    """Read a DOCX draft (the rules are in the module docstring).

    Args:
        source: a path, the bytes of the file, or a binary stream.
        tracked_changes: ``"accept"`` every change, ``"reject"`` every change, or keep them as
            ``"proposals"`` (the draft without them, the changes listed).
        strict: raise at the first problem instead of reporting it.
        limits: the limits for untrusted files (:class:`DocxLimits` by default).
        name: the name used in messages (default: the path, or the stream's ``name``).

    Returns:
        The draft, diagnostics by paragraph and character, footnotes, comments, proposals and
        counts.

    Raises:
        FormatError: not a DOCX file (not a ZIP, truncated, a .doc, no ``word/document.xml``,
            XML that is not well-formed), naming the file and the part.
        UnsafeInputError: over a limit (:class:`DocxLimits`), a zip bomb, a path-traversal entry
            name, a DOCTYPE.
        ParseError: with ``strict=True``, at the first problem (line: paragraph, column:
            character).
        ValidationError: an unknown ``tracked_changes`` policy.
    """
    if tracked_changes not in ("accept", "reject", "proposals"):
        raise ValidationError(
            f"unknown tracked_changes policy {tracked_changes!r}",
            hint="use 'accept', 'reject' or 'proposals'",
        )
    limits = limits if limits is not None else DocxLimits()
    data, shown = read_source(source, limits, name)
    package = open_package(data, shown, limits)
    main = package.xml(package.main)
    names = body.Names(body.namespace_of(main))
    related = package.relationships(package.main)

    def optional(kind: str) -> etree._Element | None:
        part = related.get(kind)
        if part is None or not package.has(part):
            return None
        return package.xml(part)

    policy: body.Policy = "accept" if tracked_changes == "accept" else "reject"
    styles = body.Styles(optional("styles"), names)
    numbering = body.Numbering(optional("numbering"), names, styles)
    footnotes = body.read_notes(optional("footnotes"), names, policy, "footnote")
    endnotes = body.read_notes(optional("endnotes"), names, policy, "endnote")
    comments = body.read_comments(optional("comments"), names, policy)
    root = main.find(names.body)
    reader = body.BodyReader(
        names,
        policy,
        record=tracked_changes == "proposals",
        max_characters=limits.max_characters,
    )
    paragraphs, tables = reader.paragraphs(root) if root is not None else ([], 0)
    revisions = 0
    if root is not None:
        revisions = sum(
            1 for _ in root.iter(names.ins, names.deleted, names.move_from, names.move_to)
        )
    builder = _Builder(
        paragraphs,
        policy,
        styles,
        numbering,
        footnotes,
        endnotes,
        names,
    )
    builder.build()
    return builder.result(
        shown,
        strict=strict,
        comments=comments,
        tracked_changes=tracked_changes,
        tables=tables,
        revisions=revisions,
    )


# ----------------------------------------------------------------------------------------------
# From DOCX paragraphs to the lines of a text draft

Origin = tuple[int, int]  # (body paragraph, 0-based character)


@attrs.define
class _Unit:
    """A paragraph as the reader sees it once paragraph marks are accepted or rejected."""

    raw: body.RawParagraph
    numbers: list[int]  # the body paragraphs merged into it


def _merge(first: body.RawParagraph, second: body.RawParagraph) -> body.RawParagraph:
    shift = len(first.text)
    merged = attrs.evolve(
        second,
        text=first.text + second.text,
        origins=first.origins + second.origins,
        notes=first.notes + [(pos + shift, *rest) for pos, *rest in second.notes],  # type: ignore[misc]
        comments=first.comments + [(pos + shift, *rest) for pos, *rest in second.comments],  # type: ignore[misc]
        changes=first.changes + second.changes,
    )
    return merged


def _canonical_label(chunk: str) -> str | None:
    """The label of the text format for a label as typed or numbered (``PP3`` -> ``PP3.``)."""
    chunk = " ".join(chunk.replace("\u00a0", " ").split())
    candidate: str | None = None
    match = _NUMBER_CHUNK_RE.fullmatch(chunk)
    if match:
        candidate = " ".join(match.group(1).split()) + "."
    else:
        match = _PAREN_CHUNK_RE.fullmatch(chunk)
        if match:
            candidate = chunk
        else:
            match = _DOT_CHUNK_RE.fullmatch(chunk)
            if match:
                body_text, delimiter, suffix = match.groups()
                candidate = (f"{body_text}." if delimiter == "." else f"({body_text})") + suffix
    if candidate is None:
        return None
    found = Reader.match_label(candidate + " x")
    if found is None or found[1] != len(candidate):
        return None
    return candidate


class _LineReader(Reader):
    """The text-draft reader, recording the line on which each paragraph starts."""

    def __init__(self, text: str) -> None:
        super().__init__(text, None, None)
        self.paragraph_lines: dict[str, int] = {}
        self._block_line = 0

    def flush(self) -> None:
        block = self.block
        if block is not None:
            lines = [s.line for s in block.segments if s.text.strip()]
            self._block_line = lines[0] if lines else block.segments[0].line
            if block.label_line:
                self._block_line = block.label_line
        super().flush()

    def add_paragraph(
        self,
        kind: ParagraphKind,
        text: str,
        label: Label | None,
        parent: str | None,
        attribution: tuple[str, ...],
    ) -> str:
        pid = super().add_paragraph(kind, text, label, parent, attribution)
        self.paragraph_lines[pid] = self._block_line
        return pid


@attrs.define
class _OptionState:
    """The option group the text reader will have open, simulated while lines are written."""

    open: bool = False
    family: str = ""
    names: set[str] = attrs.Factory(set)  # of the group's options, to see a repeated one
    options: int = 0  # in the open group
    labels: list[Label] = attrs.Factory(list)  # of the last option's paragraphs
    #: The highest number label, by prefix, in the options before the last: kept up to date
    #: option by option, so that each paragraph is checked in constant time.
    earlier: dict[str, int] = attrs.Factory(dict)
    no_text: bool = False

    def option(self, line: str) -> None:
        match = OPTION_RE.match(line.lstrip())
        assert match is not None
        keyword, name = match.group(1), match.group(2)
        family = "option" if keyword.lower() == "option" else "alt"
        if self.open and (family != self.family or name in self.names):
            self.open = False
        if not self.open:
            self.open, self.family, self.names, self.options = True, family, set(), 0
            self.earlier = {}
        else:
            for label in self.labels:
                if label.style is LabelStyle.NUMBER:
                    top = self.earlier.get(label.prefix)
                    self.earlier[label.prefix] = (
                        label.number if top is None else max(top, label.number)
                    )
        self.labels = []
        rest = line.lstrip()[match.end() :]
        trailing = OPTION_ATTRIBUTION_RE.match(rest)
        if trailing and not match.group(3):
            rest = ""
        self.names.add(name)
        self.options += 1
        self.no_text = bool(NO_TEXT_RE.match(rest))
        if rest.strip() and not self.no_text:
            self.paragraph(_label_of(rest))

    def ends_before(self, label: Label | None) -> bool:
        """Whether a paragraph with this label cannot belong to the open group's last option."""
        if not self.open:
            return False
        if self.no_text:
            self.open = False  # the reader closes the group itself
            return False
        if self.options < 2 or not self.labels or label is None:
            return False
        if label.style is not LabelStyle.NUMBER:
            return False
        top = self.earlier.get(label.prefix)
        return top is not None and label.number > top

    def paragraph(self, label: Label | None) -> None:
        if self.open and label is not None:
            self.labels.append(label)


def _label_of(text: str) -> Label | None:
    found = Reader.match_label(text.lstrip())
    if found is None:
        return None
    try:
        return Label.parse(found[0])
    except ValueError:
        return None


class _Builder:
    """Writes the units as the lines of a text draft and reads them with the text reader."""

    def __init__(
        self,
        paragraphs: list[body.RawParagraph],
        policy: body.Policy,
        styles: body.Styles,
        numbering: body.Numbering,
        footnotes: dict[str, str],
        endnotes: dict[str, str],
        names: body.Names,
    ) -> None:
        self.paragraphs = paragraphs
        self.policy = policy
        self.styles = styles
        self.numbering = numbering
        self.footnote_texts = footnotes
        self.endnote_texts = endnotes
        self.names = names
        self.units: list[_Unit] = []
        self.lines: list[str] = []
        self.origins: list[list[Origin]] = []
        self.line_units: list[int] = []
        self.kept_notes: list[tuple[str, str]] = []
        self.own: list[DocxDiagnostic] = []
        self.attributions = 0
        self.numbered = 0
        self.footnote_count = 0
        self.endnote_count = 0
        self.options = _OptionState()
        self.merged_into: dict[int, int] = {}  # body paragraph -> unit index

    # -- units ----------------------------------------------------------------------------------

    def _make_units(self) -> None:
        carry: _Unit | None = None
        for raw in self.paragraphs:
            unit = _Unit(raw, [raw.number])
            if carry is not None:
                unit = _Unit(_merge(carry.raw, raw), [*carry.numbers, raw.number])
                carry = None
            merges = raw.mark_removed if self.policy == "accept" else raw.mark_added
            if merges is not None:
                carry = unit
                continue
            for number in unit.numbers:
                self.merged_into[number] = len(self.units)
            self.units.append(unit)
        if carry is not None:
            for number in carry.numbers:
                self.merged_into[number] = len(self.units)
            self.units.append(carry)

    # -- roles ----------------------------------------------------------------------------------

    def _role(self, raw: body.RawParagraph) -> tuple[str, int]:
        keys = self.styles.keys(raw.style)
        for key in keys:
            if key in ("cttitle", "title"):
                return "title", 1
            if key == "ctsymbol":
                return "symbol", 0
            if key in ("ctrevision", "ctdraftmark"):
                return "skip", 0
            if key == "ctendline":
                return "end", 0
            if key == "ctoption":
                return "option", 0
            if key == "ctheading":
                return "heading", 2
            match = re.fullmatch(r"heading([1-9])", key)
            if match:
                return "heading", int(match.group(1))
        outline = raw.outline if raw.outline is not None else self.styles.outline(raw.style)
        if outline is not None and 0 <= outline <= 8:
            return "heading", outline + 1
        return "body", 0

    def _number(self, raw: body.RawParagraph) -> body.NumberLabel | None:
        style_num = self.styles.num(raw.style)
        num_id: str | None = None
        ilvl: int | None = None
        if raw.num is not None:
            num_id, ilvl = raw.num
        if style_num is not None:
            num_id = num_id if num_id is not None else style_num[0]
            ilvl = ilvl if ilvl is not None else style_num[1]
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, raw.style) or 0
        label = self.numbering.next_label(num_id, ilvl)
        if label is None:
            return None
        self.numbered += 1
        return label

    # -- characters -----------------------------------------------------------------------------

    def _compose(
        self, raw: body.RawParagraph, role: str
    ) -> tuple[list[str], list[Origin], list[str], list[str]]:
        """The characters with note markers or attribution braces, and attribution codes."""
        chars: list[str] = []
        origins: list[Origin] = []
        paragraph_codes: list[str] = []
        option_codes: list[str] = []
        notes = sorted(raw.notes, key=lambda note: note[0])
        k = 0
        for i in range(len(raw.text) + 1):
            while k < len(notes) and notes[k][0] == i:
                _, kind, note_id, origin = notes[k]
                k += 1
                self._note(
                    raw,
                    role,
                    i,
                    (kind, note_id, origin),
                    chars,
                    origins,
                    paragraph_codes,
                    option_codes,
                )
            if i < len(raw.text):
                chars.append(raw.text[i])
                origins.append(raw.origins[i])
        return chars, origins, paragraph_codes, option_codes

    def _note(
        self,
        raw: body.RawParagraph,
        role: str,
        position: int,
        note: tuple[str, str, Origin],
        chars: list[str],
        origins: list[Origin],
        paragraph_codes: list[str],
        option_codes: list[str],
    ) -> None:
        kind, note_id, origin = note
        if kind == "footnote":
            self.footnote_count += 1
            shown = str(self.footnote_count)
            texts = self.footnote_texts
        else:
            self.endnote_count += 1
            shown = f"e{self.endnote_count}"
            texts = self.endnote_texts
        text = texts.get(note_id)
        if text is None:
            self.own.append(
                DocxDiagnostic(
                    origin[0],
                    origin[1] + 1,
                    f"{kind} reference {note_id!r} has no {kind} in the document",
                    "missing-note",
                    "warning",
                    hint=f"the document is damaged; the marker [^{shown}] is kept with no text",
                )
            )
            text = ""
        match = ATTRIBUTION_FOOTNOTE_RE.match(text) if kind == "footnote" else None
        if match is not None:
            codes_text = match.group("codes").strip()
            if codes_text.endswith(".") and text.rstrip().endswith("."):
                codes_text = codes_text[:-1]  # the full stop ends the sentence
            codes = _CODE_SPLIT_RE.split(codes_text)
            what = (match.group("what") or "").lower()
            rest_blank = all(c in _BLANK for c in raw.text[position:])
            if what == "option" and role == "option":
                option_codes.extend(codes)
                self.attributions += 1
                return
            if what in ("paragraph", "option") or (
                not what and rest_blank and not _after_close(chars)
            ):
                paragraph_codes.extend(codes)
                self.attributions += 1
                return
            if _after_close(chars):
                brace = "{" + ", ".join(codes) + "}"
                chars.extend(brace)
                origins.extend([origin] * len(brace))
                self.attributions += 1
                return
        marker = f"[^{shown}]"
        chars.extend(marker)
        origins.extend([origin] * len(marker))
        self.kept_notes.append((shown, text))

    # -- lines ----------------------------------------------------------------------------------

    def _add_line(self, chars: Sequence[str], origins: Sequence[Origin], unit: int) -> None:
        self.lines.append("".join(chars))
        self.origins.append(list(origins))
        self.line_units.append(unit)

    def _blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self._add_line("", [], -1)

    def build(self) -> None:
        self._make_units()
        roles = [self._role(unit.raw) for unit in self.units]
        labels = [
            self._number(unit.raw) if role not in ("skip", "end", "title", "symbol") else None
            for unit, (role, _) in zip(self.units, roles, strict=True)
        ]
        # The head: title and symbol, wherever they are before the text begins.
        head_end = len(self.units)
        for index, (unit, (role, _)) in enumerate(zip(self.units, roles, strict=True)):
            if role in ("body", "heading", "option", "end") and not _is_blank(unit.raw.text):
                head_end = index
                break
        consumed: dict[int, str] = {}  # unit index -> "title" or "symbol"
        for wanted in ("title", "symbol"):
            for index in range(head_end):
                if roles[index][0] == wanted and not _is_blank(self.units[index].raw.text):
                    consumed[index] = wanted
                    break
        head: dict[str, tuple[list[str], list[Origin], int]] = {}
        tables = {raw.number: raw.tables_before for raw in self.paragraphs if raw.tables_before}
        for index, unit in enumerate(self.units):
            role, level = roles[index]
            if role == "end":
                break
            for number in unit.numbers:
                if number in tables:
                    self.own.append(
                        DocxDiagnostic(
                            number,
                            1,
                            f"{tables[number]} table(s) before this paragraph were not read",
                            "table-skipped",
                            "warning",
                            hint="tables are not part of a draft's paragraphs; move negotiated "
                            "text out of tables",
                        )
                    )
            if role == "skip":
                continue
            if index in consumed:  # composed here, so that notes are numbered in order
                chars, origins, _, _ = self._compose(unit.raw, role)
                chars, origins = _squash(chars, origins)
                prefix = "# " if consumed[index] == "title" else "Symbol: "
                first = origins[0] if origins else (unit.raw.number, 0)
                head[consumed[index]] = ([*prefix, *chars], [first] * len(prefix) + origins, index)
                continue
            if role in ("symbol", "title"):  # found after the text began: a heading
                role, level = "heading", 1
            self._emit_unit(index, unit, role, level, labels[index])
            self._blank()
        # The title must be the first line and the symbol come before any paragraph.
        lines, origins_of, units = self.lines, self.origins, self.line_units
        self.lines, self.origins, self.line_units = [], [], []
        for wanted in ("title", "symbol"):
            if wanted in head:
                self._add_line(*head[wanted])
        self._blank()
        self.lines += lines
        self.origins += origins_of
        self.line_units += units

    def _emit_unit(
        self, index: int, unit: _Unit, role: str, level: int, number: body.NumberLabel | None
    ) -> None:
        chars, origins, paragraph_codes, option_codes = self._compose(unit.raw, role)
        first_origin = origins[0] if origins else (unit.raw.number, 0)
        start = 0
        while start < len(chars) and chars[start] in _BLANK:
            start += 1
        chars, origins = chars[start:], origins[start:]
        if not chars and not (number and number.text):
            return
        if role == "heading":
            chars, origins = _squash(chars, origins)
            if number is not None and number.text:
                prefix = number.text + ("" if number.suffix == "nothing" else " ")
                chars = [*prefix, *chars]
                origins = [first_origin] * len(prefix) + origins
            text = "".join(chars)
            prefix = "#" * min(level, 6) + " "
            line_chars = [*prefix, *chars]
            line_origins = [first_origin] * len(prefix) + origins
            if re.search(r"(?:^|[ \t])#+$", text):
                line_chars.extend(" #")
                line_origins.extend([line_origins[-1]] * 2)
            self.options.open = False
            self._add_line(line_chars, line_origins, index)
            return
        if role != "option" and _END_LINE_RE.fullmatch("".join(chars).strip()):
            return
        label_applied = False
        if number is not None and number.text:
            canonical = _canonical_label(number.text)
            if canonical is not None:
                prefix = canonical + " "
                label_applied = True
            else:
                prefix = number.text + ("" if number.suffix == "nothing" else " ")
            chars = [*prefix, *chars]
            origins = [first_origin] * len(prefix) + origins
        keys = self.styles.keys(unit.raw.style)
        exporter = any(key in _EXPORTER_BODY for key in keys)
        if not label_applied:
            chars, origins, label_applied = _typed_label(chars, origins)
        # The exporter's paragraphs are text, never Markdown: a line break is a space, and text
        # that would read as structure is escaped as write_text_draft escapes it.
        blanks = "\t\n" if exporter else "\t"
        chars = [" " if c in blanks else c for c in chars]
        escape_first = False
        if "ctbody" in keys and not label_applied:  # the exporter's unlabelled paragraphs
            text = "".join(chars).lstrip()
            escape_first = bool(NEEDS_ESCAPE_RE.match(text)) or Reader.match_label(text) is not None
        sublines = _split_lines(chars, origins)
        if not sublines:
            return
        if option_codes:
            sublines[0] = _with_option_codes(sublines[0], option_codes)
        if paragraph_codes:
            last_chars, last_origins = sublines[-1]
            while last_chars and last_chars[-1] in _BLANK:
                last_chars.pop()
                last_origins.pop()
            suffix = " {" + ", ".join(paragraph_codes) + "}"
            anchor = last_origins[-1] if last_origins else first_origin
            sublines[-1] = ([*last_chars, *suffix], [*last_origins, *[anchor] * len(suffix)])
        for position, (line_chars, line_origins) in enumerate(sublines):
            text = "".join(line_chars)
            stripped = text.lstrip()
            escaped = escape_first and position == 0
            starts = False
            label: Label | None = None
            if escaped:
                lead = len(text) - len(stripped)
                line_chars = [*line_chars[:lead], "\\", *line_chars[lead:]]
                anchor = line_origins[lead] if lead < len(line_origins) else first_origin
                line_origins = [*line_origins[:lead], anchor, *line_origins[lead:]]
                starts = position == 0
            elif OPTION_RE.match(stripped):
                self.options.option(stripped)
            elif END_OPTIONS_RE.match(stripped):
                self.options.open = False
            elif position == 0 or Reader.match_label(stripped) is not None:
                starts = True
                label = _label_of(stripped)
            if starts:
                if self.options.ends_before(label):
                    end = "End of options"
                    anchor = line_origins[0] if line_origins else first_origin
                    self._blank()
                    self._add_line(end, [anchor] * len(end), -1)
                    self._blank()
                    self.options.open = False
                else:
                    self.options.paragraph(label)
            self._add_line(line_chars, line_origins, index)

    # -- reading and the result -----------------------------------------------------------------

    def _locate(self, line: int, column: int) -> Origin:
        """(body paragraph, 1-based character) of a position in the lines."""
        k = min(max(line, 1), max(len(self.lines), 1)) - 1
        origins = self.origins[k] if k < len(self.origins) else []
        if not origins:
            for j in range(k - 1, -1, -1):  # a blank line: the end of the line before
                if self.origins[j]:
                    paragraph, character = self.origins[j][-1]
                    return paragraph, character + 2
            return 1, 1
        i = column - 1
        if i < 0:
            paragraph, character = origins[0]
            return paragraph, character + 1
        if i < len(origins):
            paragraph, character = origins[i]
            return paragraph, character + 1
        paragraph, character = origins[-1]
        return paragraph, character + 1 + (i - len(origins) + 1)

    def _convert(self, diagnostic: Diagnostic) -> DocxDiagnostic:
        def words(text: str | None) -> str | None:
            if text is None:
                return None

            def replace(match: re.Match[str]) -> str:
                if match.group(1) is not None:
                    line, column = int(match.group(1)), int(match.group(2))
                else:
                    line, column = int(match.group(3)), int(match.group(4))
                paragraph, character = self._locate(line, column)
                return f"paragraph {paragraph}, character {character}"

            return _POSITION_RE.sub(replace, text)

        paragraph, character = self._locate(diagnostic.line, diagnostic.column)
        return DocxDiagnostic(
            paragraph,
            character,
            words(diagnostic.message) or "",
            diagnostic.code,
            diagnostic.severity,
            words(diagnostic.expected),
            words(diagnostic.hint),
        )

    def result(
        self,
        shown: str,
        *,
        strict: bool,
        comments: dict[str, tuple[str, str | None, str]],
        tracked_changes: TrackedChanges,
        tables: int,
        revisions: int,
    ) -> DocxImportResult:
        reader = _LineReader("\n".join(self.lines))
        reader.run()
        text_result = reader.result(None)
        diagnostics = [self._convert(d) for d in text_result.diagnostics] + self.own
        diagnostics.sort(key=lambda d: (d.paragraph, d.character))
        if strict and diagnostics:
            raise diagnostics[0].to_error(shown)
        # Paragraph ids by unit, in order, with the origin where each starts.
        by_unit: dict[int, list[tuple[Origin, str]]] = {}
        ordered: list[tuple[int, str]] = []
        for pid, line in reader.paragraph_lines.items():
            unit = self.line_units[line - 1] if 0 < line <= len(self.line_units) else -1
            origins = self.origins[line - 1] if 0 < line <= len(self.origins) else []
            start = origins[0] if origins else (0, 0)
            if unit >= 0:
                by_unit.setdefault(unit, []).append((start, pid))
                ordered.append((unit, pid))

        def paragraph_at(number: int, character: int) -> str | None:
            unit = self.merged_into.get(number)
            if unit is None or unit not in by_unit:
                return None
            candidates = by_unit[unit]
            chosen = candidates[0][1]
            for start, pid in candidates:
                if start <= (number, character):
                    chosen = pid
            return chosen

        def paragraph_before(number: int) -> str | None:
            unit = self.merged_into.get(number, len(self.units))
            before = [pid for u, pid in ordered if u < unit]
            return before[-1] if before else None

        comment_values: list[Comment] = []
        anchored: set[str] = set()
        for item in self.units:
            for _, comment_id, (number, character) in item.raw.comments:
                if comment_id in anchored or comment_id not in comments:
                    continue
                anchored.add(comment_id)
                author, date, text = comments[comment_id]
                comment_values.append(
                    Comment(
                        author,
                        body.parse_date(date),
                        text,
                        paragraph_at(number, character),
                        number,
                        character + 1,
                    )
                )
        for comment_id, (author, date, text) in comments.items():
            if comment_id not in anchored:
                comment_values.append(Comment(author, body.parse_date(date), text, None))
        proposals = (
            self._proposals(paragraph_at, paragraph_before)
            if tracked_changes == "proposals"
            else ()
        )
        stats = text_result.stats
        return DocxImportResult(
            draft=text_result.draft,
            diagnostics=tuple(diagnostics),
            stats=DocxStats(
                paragraphs=stats.paragraphs,
                brackets=stats.brackets,
                alternative_groups=stats.alternative_groups,
                max_depth=stats.max_depth,
                placeholders=stats.placeholders,
                docx_paragraphs=len(self.paragraphs),
                numbered=self.numbered,
                footnotes=len(self.kept_notes),
                attributions=self.attributions,
                comments=len(comments),
                tracked_changes=revisions,
                tables=tables,
            ),
            footnotes=tuple(self.kept_notes),
            comments=tuple(comment_values),
            proposals=proposals,
            source=shown,
            tracked_changes=tracked_changes,
        )

    def _proposals(
        self,
        at: Callable[[int, int], str | None],
        before: Callable[[int], str | None],
    ) -> tuple[TrackedProposal, ...]:
        out: list[TrackedProposal] = []
        for raw in self.paragraphs:
            changes = raw.changes
            if not changes:
                continue
            remaining = "".join(raw.text)
            whole_insert = raw.mark_added is not None and _is_blank(raw.text)
            deleted = sum(c.end - c.character for c in changes if c.kind == "del")
            whole_delete = (
                raw.mark_removed is not None
                and all(c.kind == "del" for c in changes)
                and deleted >= len(remaining.strip())
            )
            if whole_insert or whole_delete:
                kind: Literal["ins", "del"] = "ins" if whole_insert else "del"
                mark = raw.mark_added if whole_insert else raw.mark_removed
                author, date = mark if mark is not None else (changes[0].author, changes[0].date)
                text = "".join(c.text for c in changes if c.kind == kind).replace("\n", " ")
                out.append(
                    TrackedProposal(
                        kind,
                        author,
                        body.parse_date(date),
                        text.strip(),
                        before(raw.number) if whole_insert else at(raw.number, 0),
                        True,
                        raw.number,
                        1,
                    )
                )
                continue
            for change in changes:
                out.append(
                    TrackedProposal(
                        change.kind,
                        change.author,
                        body.parse_date(change.date),
                        change.text.replace("\n", " "),
                        at(change.paragraph, change.character - 1),
                        False,
                        change.paragraph,
                        change.character,
                    )
                )
        return tuple(out)


def _is_blank(text: Sequence[str]) -> bool:
    return all(c in _BLANK for c in text)


def _after_close(chars: Sequence[str]) -> bool:
    return bool(chars) and chars[-1] == "]"


def _squash(chars: list[str], origins: list[Origin]) -> tuple[list[str], list[Origin]]:
    """Tabs and line breaks as spaces, outer blanks removed (titles, headings)."""
    chars = [" " if c in "\t\n" else c for c in chars]
    start, end = 0, len(chars)
    while start < end and chars[start] in _BLANK:
        start += 1
    while end > start and chars[end - 1] in _BLANK:
        end -= 1
    return chars[start:end], origins[start:end]


def _typed_label(chars: list[str], origins: list[Origin]) -> tuple[list[str], list[Origin], bool]:
    """Rewrite a typed label as the text format writes it (``PP3<TAB>`` -> ``PP3. ``).

    The flag says whether a label followed by a tab was rewritten.
    """
    head = "".join(chars[:32])
    tab = head.find("\t")
    if tab > 0:
        canonical = _canonical_label(head[:tab])
        if canonical is not None:
            new = [*canonical, " "]
            new_origins = [origins[0]] * len(canonical) + [origins[tab]]
            return new + chars[tab + 1 :], new_origins + origins[tab + 1 :], True
    match = _LEADING_LABEL_RE.match(head)
    if match:
        chars = [" " if c == "\u00a0" else c for c in chars[: match.end()]] + chars[match.end() :]
    return chars, origins, False


def _split_lines(chars: list[str], origins: list[Origin]) -> list[tuple[list[str], list[Origin]]]:
    out: list[tuple[list[str], list[Origin]]] = []
    current: list[str] = []
    current_origins: list[Origin] = []
    for char, origin in zip([*chars, "\n"], [*origins, (0, 0)], strict=True):
        if char == "\n":
            if not _is_blank(current):
                end = len(current)
                while end and current[end - 1] in _BLANK:
                    end -= 1
                out.append((current[:end], current_origins[:end]))
            current, current_origins = [], []
            continue
        current.append(char)
        current_origins.append(origin)
    return out


def _with_option_codes(
    line: tuple[list[str], list[Origin]], codes: list[str]
) -> tuple[list[str], list[Origin]]:
    chars, origins = line
    text = "".join(chars)
    lead = len(text) - len(text.lstrip())
    match = OPTION_RE.match(text[lead:])
    brace = " {" + ", ".join(codes) + "}"
    if match is None or match.group(3):
        return chars, origins
    position = lead + match.end(2)
    anchor = origins[position - 1] if origins else (0, 0)
    return (
        [*chars[:position], *brace, *chars[position:]],
        [*origins[:position], *[anchor] * len(brace), *origins[position:]],
    )
