"""Plain-text and Markdown drafts: read them into a :class:`~consensus_text.model.paragraphs.Draft`,
write them back, and clean up text extracted from PDF.

The format is Markdown that a delegate can type in any editor::

    # Programme of Action on ICT security
    Symbol: A/AC.292/2025/L.1

    ## I. Purpose

    PP1. Recalling its resolution 77/37 of 7 December 2022,

    Welcoming the regional consultations convened in 2023,

    1. Decides to [establish][convene] a programme of action [Placeholder for name];

    2. Requests the Office for Disarmament Affairs:

    (a) to support [voluntary] national implementation reports;

    (b) to convene [annual][biennial] meetings; {EU, G77}

    Option 1 {EU}:
    3. Decides that review conferences shall be held every [four] years;
    Option 2: No text
    End of options

Its rules:

- **Title and symbol.** A first line ``# Title`` is the draft's title; a line ``Symbol: A/...``
  before the first paragraph is its document symbol.
- **Headings.** Any other Markdown heading (``## I. Organizational issues``, ``# Annex``) is a
  paragraph of kind ``HEADING``.
- **Paragraphs** are separated by blank lines and may wrap over several lines: the lines are joined
  with single spaces for the model, while every diagnostic gives the line and column in the file.
  A line that starts with a label starts a new paragraph even without a blank line before it (in
  a wrapped paragraph, a line starting with a number of 1000 or more is not taken as a label).
- **Labels.** ``PP1.``, ``PP 1 bis.`` are preambular; ``1.``, ``12 bis.``, ``-1.``, ``OP3.`` are
  operative; ``(a)``, ``(i)``, ``a.``, ``i.`` (lower case) are sub-paragraphs of the nearest
  preceding chapeau (a paragraph ending with ``:``) at a level above, in the hierarchy
  ``(a) > (i) > a. > i.``. Whether ``(i)``, ``(v)`` or ``(x)`` is a letter or a Roman numeral is
  decided by context: a letter when it continues ``(h)``, ``(u)`` or ``(w)``, a Roman numeral
  when it continues ``(iv)``/``(ix)`` or starts the list under a chapeau, and Roman otherwise.
- **Unlabelled paragraphs** before the first operative one are preambular when they begin with a
  participle ("Recalling", "Noting", "Convinced", ...) or end with a comma; otherwise operative.
- **Named options**: a line ``Option 1:``, ``Option (a):``, ``Alt 2:`` or ``Alternative 1:``,
  optionally attributed (``Option 1 {EU}:``), starts an option; the paragraphs that follow belong
  to it until the next option line, a line ``End of options``, or a heading. ``Option 2: No text``
  is the option that deletes the provision (paragraphs after it are outside the group). An option
  line repeating a name already in the group (``Option 1:`` again) or switching from ``Option``
  to ``Alt`` starts a new group. Text after the colon starts the option's first paragraph.
- **Attribution**: a trailing `` {EU, G77}`` after a space at the very end of a paragraph is its
  :attr:`~consensus_text.model.paragraphs.Paragraph.attribution`, not part of its text (``[shall]{EU}``
  without a space stays inside the text: it attributes the bracket).
- **Footnote definitions** (``[^1]: Final report of the OEWG``) are not paragraphs; they are kept
  in :attr:`TextDraftResult.footnotes`.
- **Escapes**: a line whose first non-blank character is a backslash is never structure; the
  backslash is dropped (``\\2025. A year`` is a paragraph beginning "2025."). The writer escapes
  every unlabelled paragraph that could be read as structure, and one that begins with U+FEFF
  (ZERO WIDTH NO-BREAK SPACE): at the very start of the text the reader drops that character as
  a byte order mark (in :func:`read_text_draft` as in :func:`read_text_file`), after a backslash
  it is kept.
- Ids are ``p1``, ``p2``, ... for every paragraph (headings included) in reading order, and
  ``g1``, ``g2``, ... for option groups.

Diagnostics carry the file's line and column and a ``code``: those of
:func:`~consensus_text.model.brackets.parse_lenient` for one paragraph (``unmatched-close``,
``unclosed-open``, ``empty-bracket``, ...), and across paragraphs ``bracket-across-paragraphs`` (a
``[`` left open that a stray ``]`` in a later paragraph closes), ``single-option``,
``empty-option``, ``end-without-options``, ``duplicate-label`` (the same label in two options of
one group is not a duplicate), ``label-order`` (``5`` after ``7``),
``subparagraph-without-chapeau`` and ``unpaired-surrogate``: a lone surrogate in the text given
to :func:`read_text_draft` (``"\\ud800"``, which is not a character and which UTF-8 cannot
encode) is an error diagnostic and is replaced by U+FFFD in the draft, since the model refuses
it; with ``strict=True`` it is a :class:`~consensus_text.errors.ParseError` like any other
problem. (A file cannot hold one: :func:`read_text_file` refuses the bytes as not UTF-8.)

Known limits: a sub-paragraph whose text begins with a Latin ordinal (``(a) bis ...``) is read
as ``(a) bis``; upper-case ``A.``/``I.`` lines are text, not labels; Setext headings (underlined
with ``===``) are not recognised.

Reading reports mistakes precisely and recovers; ``strict=True`` raises instead:

>>> result = read_text_draft('''# PoA
...
... 1. Decides to [convene a conference;
...
... 2. Requests the [Secretariat] to report;]
... ''', source="draft.md")
>>> [str(p.label) for p in result.draft.numbered()]
['1', '2']
>>> for d in result.diagnostics:
...     print(d)
3:15: bracket opened at 3:15 is closed in a later paragraph at 5:41
>>> result.stats.brackets, result.stats.paragraphs
(1, 2)

Writing gives the format back; reading what was written gives the same draft:

>>> text = write_text_draft(result.draft)
>>> print(text)
# PoA
<BLANKLINE>
1. Decides to [convene a conference;
<BLANKLINE>
2. Requests the [Secretariat] to report;]
<BLANKLINE>
>>> read_text_draft(text).draft == result.draft
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from consensus_text.errors import ExportError, FormatError, LabelError, UnsafeInputError
from consensus_text.model.brackets import BracketedText, Diagnostic, parse_lenient
from consensus_text.model.labels import LATIN_SUFFIXES, Label, LabelStyle
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

__all__ = [
    "HYPHEN_PREFIXES",
    "HYPHEN_SUFFIXES",
    "MAX_TEXT_BYTES",
    "CleanedText",
    "DraftStats",
    "TextChange",
    "TextDraftResult",
    "clean_extracted_text",
    "read_text_draft",
    "read_text_file",
    "write_text_draft",
]

MAX_TEXT_BYTES = 50 * 1024 * 1024
"""The largest file :func:`read_text_file` reads unless told otherwise (50 MiB)."""

_Locate = Callable[[int, int], tuple[int, int]]


# ----------------------------------------------------------------------------------------------
# Results


@attrs.frozen
class DraftStats:
    """Counts over a draft, as ``consensus-text check`` prints them.

    Attributes:
        paragraphs: paragraphs that are not headings (sub-paragraphs included).
        brackets: bracket pairs, summed over every paragraph (``BracketedText.brackets``).
        alternative_groups: inline groups of alternatives plus named option groups.
        max_depth: the deepest nesting of brackets in any paragraph.
        placeholders: placeholders such as ``[Placeholder for finance]``, ``[X]``, ``20XX``.
    """

    paragraphs: int = 0
    brackets: int = 0
    alternative_groups: int = 0
    max_depth: int = 0
    placeholders: int = 0

    def to_dict(self) -> dict[str, int]:
        """The counts by name, in the order above.

        >>> DraftStats(paragraphs=2, brackets=3).to_dict()["brackets"]
        3
        """
        return attrs.asdict(self)


@attrs.frozen
class TextChange:
    """One change made by :func:`clean_extracted_text`.

    Attributes:
        line: the 1-based line of the original text where the change was made.
        kind: ``form-feed``, ``page-header``, ``page-number``, ``page-break``,
            ``double-spacing``, ``hyphenation``, ``footnote-marker``, ``bullet`` or ``emphasis``.
        before: the original text that was changed (a whole line when a line was removed).
        after: what it became (``""`` when removed).
    """

    line: int
    kind: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.line}: {self.kind}: {self.before!r} -> {self.after!r}"


@attrs.frozen
class CleanedText:
    """Text extracted from PDF after :func:`clean_extracted_text`.

    Attributes:
        text: the cleaned text.
        changes: every change, in the order of the original lines.
    """

    text: str
    changes: tuple[TextChange, ...] = ()
    _origins: tuple[tuple[tuple[int, int], ...] | None, ...] = attrs.field(
        default=(), repr=False, eq=False, alias="origins"
    )
    _numbers: tuple[int, ...] = attrs.field(default=(), repr=False, eq=False, alias="numbers")

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """The original line and column of a position in the cleaned text (both 1-based).

        >>> cleaned = clean_extracted_text("Page 1 of 2\\nStates1 shall act")
        >>> cleaned.text
        'States[^1] shall act'
        >>> cleaned.locate(1, 12)
        (2, 9)
        """
        k = line - 1
        if not self._numbers or k < 0:
            return line, column
        if k >= len(self._numbers):
            last = len(self._numbers) - 1
            return self._numbers[last] + (k - last), column
        origin = self._origins[k]
        if origin is None:  # a line left as it was
            return self._numbers[k], column
        i = column - 1
        if 0 <= i < len(origin):
            return origin[i]
        if origin:
            end_line, end_column = origin[-1]
            return end_line, end_column + max(i - len(origin) + 1, 1)
        return self._numbers[k], column


@attrs.frozen
class TextDraftResult:
    """What :func:`read_text_draft` found.

    Attributes:
        draft: the draft read.
        diagnostics: every problem, sorted by line and column (empty for a clean file).
        stats: the counts of paragraphs, brackets, alternatives, depth and placeholders.
        source: the file name or other origin given to the reader.
        footnotes: the footnote definitions ``[^id]: text`` as ``(id, text)`` pairs.
        cleanup: the PDF clean-up applied first (``read_text_file(..., extracted=True)``).
    """

    draft: Draft
    diagnostics: tuple[Diagnostic, ...]
    stats: DraftStats
    source: str | None = None
    footnotes: tuple[tuple[str, str], ...] = ()
    cleanup: CleanedText | None = None

    @property
    def is_clean(self) -> bool:
        """Whether the file has no diagnostics at all."""
        return not self.diagnostics


# ----------------------------------------------------------------------------------------------
# Line patterns

_SUFFIX = "|".join(LATIN_SUFFIXES)
_NUMBER_LABEL_RE = re.compile(rf"((?:PP|OP)?[ \t]*(-?\d+)(?:[ \t]+(?:{_SUFFIX}))?)\.(?=\s|$)")
_PAREN_LABEL_RE = re.compile(rf"(\(([a-z]+)\)(?:[ \t]+(?:{_SUFFIX}))?)(?=\s|$)")
_DOT_LABEL_RE = re.compile(rf"(([a-z]{{1,6}})\.(?:[ \t]+(?:{_SUFFIX}))?)(?=\s|$)")
_HEADING_RE = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)[ \t]*")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SYMBOL_RE = re.compile(r"(?i:symbol)[ \t]*:(.*\S.*)$")
_CODE = r"[A-Z0-9][A-Za-z0-9.&-]*"
_CODES = rf"{_CODE}(?:[ \t]*[,;][ \t]*{_CODE})*"
_CODE_SPLIT_RE = re.compile(r"[ \t]*[,;][ \t]*")
_CODE_FULL_RE = re.compile(_CODE)
_OPTION_RE = re.compile(
    rf"(Option|OPTION|Alternative|ALTERNATIVE|Alt|ALT)\.?[ \t]+"
    rf"(\d+|\([A-Za-z0-9]+\)|[A-Za-z])[ \t]*(?:\{{({_CODES})\}})?[ \t]*:[ \t]*"
)
_NO_TEXT_RE = re.compile(r"\[?(?i:no[ \t]+text)\]?\.?[ \t]*$")
_END_OPTIONS_RE = re.compile(r"(?i:end[ \t]+of[ \t]+options?)\.?[ \t]*$")
_SURROGATES_RE = re.compile("[\ud800-\udfff]+")
_OPTION_ATTRIBUTION_RE = re.compile(rf"\{{({_CODES})\}}[ \t]*$")
_FOOTNOTE_DEF_RE = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_ATTRIBUTION_RE = re.compile(rf"(?:^|[ \t]+)\{{(?!(?i:placeholder)\b)({_CODES})\}}[ \t]*$")

_PARTICIPLE_WORDS = frozenset(
    [
        "Alarmed",
        "Also",
        "Aware",
        "Bearing",
        "Cognizant",
        "Concerned",
        "Conscious",
        "Convinced",
        "Deeply",
        "Desirous",
        "Determined",
        "Encouraged",
        "Further",
        "Gravely",
        "Guided",
        "Having",
        "Mindful",
        "Noting",
        "Pleased",
        "Reaffirming",
        "Recalling",
        "Recognizing",
        "Recognising",
        "Satisfied",
        "Seized",
        "Taking",
        "Underlining",
        "Welcoming",
        "Affirming",
        "Acknowledging",
        "Emphasizing",
        "Emphasising",
        "Stressing",
        "Expressing",
        "Reiterating",
        "Considering",
        "Highlighting",
        "Underscoring",
        "Noting",
        "Regretting",
        "Appreciating",
        "Commending",
        "Believing",
        "Acting",
    ]
)
_NOT_PARTICIPLES = frozenset({"During", "Nothing", "Something", "Everything", "Bring", "Thing"})
_FIRST_WORD_RE = re.compile(r"[\s\[*_\"“']*([A-Za-z]+)")

_LEVELS = {style: style.level for style in LabelStyle}


def _is_preambular_text(text: str) -> bool:
    """Whether an unlabelled paragraph reads as preambular: a participle first or a final comma."""
    if text.rstrip().rstrip("]").rstrip().endswith(","):
        return True
    match = _FIRST_WORD_RE.match(text)
    if not match:
        return False
    word = match.group(1)
    if word in _PARTICIPLE_WORDS:
        return True
    return word[0].isupper() and word.endswith("ing") and word not in _NOT_PARTICIPLES


def _is_chapeau_text(text: str) -> bool:
    return text.rstrip().rstrip("]").rstrip().endswith(":")


# ----------------------------------------------------------------------------------------------
# The reader


@attrs.define
class _Segment:
    line: int  # 1-based
    column: int  # 1-based column of the segment's first character
    text: str


@attrs.define
class _Block:
    """A paragraph (or heading, or footnote definition) whose lines are being collected."""

    kind: str  # "paragraph", "heading", "footnote"
    segments: list[_Segment]
    label_text: str = ""
    label_line: int = 0
    label_column: int = 0
    footnote_id: str = ""


@attrs.define
class _Entry:
    """A paragraph in the chain from the current top-level paragraph down to the latest one."""

    pid: str
    level: int
    is_chapeau: bool
    kind: ParagraphKind
    label: Label | None


@attrs.define
class _OpenOption:
    label: str
    attribution: tuple[str, ...]
    line: int
    column: int
    no_text: bool
    pids: list[str] = attrs.Factory(list)


@attrs.define
class _OpenGroup:
    family: str
    options: list[_OpenOption]
    chain: list[_Entry]
    last_labels: dict[tuple[object, ...], Label]
    end_states: list[dict[tuple[object, ...], Label]] = attrs.Factory(list)
    index: int = 0
    names: set[str] = attrs.Factory(set)  # the options' names ("1" of "Option 1"), for repeats


def _segments_text(segments: Sequence[_Segment]) -> tuple[str, str, int, int] | None:
    """The joined text, the original slice, and where the text starts; None when empty."""
    start = 0
    while start < len(segments) and not segments[start].text.strip():
        start += 1
    if start == len(segments):
        return None
    first = segments[start]
    lead = len(first.text) - len(first.text.lstrip())
    parts = [first.text.strip()] + [s.text.strip() for s in segments[start + 1 :]]
    joined = " ".join(part for part in parts if part)
    if start == len(segments) - 1:
        original = joined
    else:
        original = "\n".join([first.text.lstrip()] + [s.text for s in segments[start + 1 :]])
        original = original.rstrip()
    return joined, original, first.line, first.column + lead


class _Reader:
    """One pass over the lines of a draft."""

    def __init__(self, text: str, source: str | None, locate: _Locate | None) -> None:
        self.lines = text.split("\n")
        self.source = source
        self.locate = locate
        self.title = ""
        self.symbol = ""
        self.in_header = True
        self.first_line = True
        self.paragraphs: list[Paragraph] = []
        self.groups: list[OptionGroup] = []
        self.footnotes: list[tuple[str, str]] = []
        self.diagnostics: list[Diagnostic] = []
        self.bracket_diagnostics: list[list[Diagnostic]] = []  # per paragraph, in order
        self.block: _Block | None = None
        self.chain: list[_Entry] = []
        self.last_labels: dict[tuple[object, ...], Label] = {}
        self.seen_labels: dict[tuple[object, ...], tuple[int, int, int, int]] = {}
        self.group: _OpenGroup | None = None
        self.group_count = 0
        self.seen_operative = False
        self.sub_keys = False  # whether last_labels holds keys of sub-paragraphs
        self.brackets = 0
        self.alternatives = 0
        self.max_depth = 0
        self.placeholders = 0

    # -- positions and diagnostics -------------------------------------------------------------

    def at(self, line: int, column: int) -> tuple[int, int]:
        return self.locate(line, column) if self.locate else (line, column)

    def warn(self, line: int, column: int, message: str, code: str, hint: str) -> None:
        line, column = self.at(line, column)
        self.diagnostics.append(Diagnostic(line, column, message, code, "warning", None, hint))

    # -- the main loop -------------------------------------------------------------------------

    def run(self) -> None:
        self.replace_surrogates()
        for number, raw in enumerate(self.lines, start=1):
            self.feed(number, raw)
        self.flush()
        self.close_group()

    def replace_surrogates(self) -> None:
        """Replace every run of lone surrogates by U+FFFD, with an error diagnostic for each.

        A surrogate code point is not a character: the model refuses it (UTF-8, and so the
        store and every export, cannot encode it), so the reader reports and replaces it.
        """
        for index, line in enumerate(self.lines):
            if line.isascii() or _SURROGATES_RE.search(line) is None:
                continue
            for match in _SURROGATES_RE.finditer(line):
                run = match.group()
                first = f"U+{ord(run[0]):04X}"
                what = (
                    f"unpaired surrogate {first}"
                    if len(run) == 1
                    else f"{len(run)} unpaired surrogates ({first} first)"
                )
                line_number, column = self.at(index + 1, match.start() + 1)
                self.diagnostics.append(
                    Diagnostic(
                        line_number,
                        column,
                        f"{what} replaced by U+FFFD: a surrogate is not a character and cannot "
                        "be encoded as UTF-8",
                        "unpaired-surrogate",
                        "error",
                        "a character",
                        f"remove or replace the unpaired surrogate at line {line_number}, column "
                        f"{column} (it usually comes from a broken UTF-16 conversion or from "
                        "bytes decoded with errors='surrogateescape')",
                    )
                )
            self.lines[index] = _SURROGATES_RE.sub(lambda m: "\ufffd" * len(m.group()), line)

    def feed(self, number: int, raw: str) -> None:
        stripped = raw.lstrip()
        if not stripped:
            self.flush()
            return
        indent = len(raw) - len(stripped)
        column = indent + 1
        first_line = self.first_line
        self.first_line = False
        if stripped.startswith("\\"):
            blanked = raw[:indent] + " " + raw[indent + 1 :]
            self.add_text(number, column + 1, stripped[1:], blanked, structural=False)
            return
        heading = _HEADING_RE.match(raw)
        if heading:
            self.flush()
            self.heading(number, raw, heading, first_line)
            return
        if self.in_header and self.block is None:
            symbol = _SYMBOL_RE.match(stripped)
            if symbol and not self.symbol:
                self.symbol = symbol.group(1).strip()
                return
        option = _OPTION_RE.match(stripped)
        if option:
            self.flush()
            self.option(number, column, stripped, option)
            return
        if _END_OPTIONS_RE.match(stripped):
            self.flush()
            if self.group is None:
                self.warn(
                    number,
                    column,
                    "'End of options' without an open option group",
                    "end-without-options",
                    "remove the line, or add the 'Option 1:' / 'Option 2:' lines it closes",
                )
            self.close_group()
            return
        footnote = _FOOTNOTE_DEF_RE.match(stripped)
        if footnote:
            self.flush()
            self.in_header = False
            self.block = _Block(
                "footnote",
                [_Segment(number, column + footnote.end(), stripped[footnote.end() :])],
                footnote_id=footnote.group(1),
            )
            return
        self.add_text(number, column, stripped, raw, structural=True)

    def add_text(self, number: int, column: int, text: str, raw: str, *, structural: bool) -> None:
        """A line of paragraph text: it starts a paragraph or continues the current one.

        ``text`` starts at ``column`` of line ``number``; ``raw`` is the whole line, kept for a
        continuation line so that columns in the file stay exact.
        """
        label = self.match_label(text) if structural else None
        if label is not None and self.block is not None and self.block.kind == "paragraph":
            number_match = _NUMBER_LABEL_RE.match(text)
            if number_match and abs(int(number_match.group(2))) >= 1000:
                label = None  # "2025." in a wrapped paragraph is a year, not a label
        if label is not None:
            self.flush()
            self.in_header = False
            label_text, rest_start = label
            self.block = _Block(
                "paragraph",
                [_Segment(number, column + rest_start, text[rest_start:])],
                label_text=label_text,
                label_line=number,
                label_column=column,
            )
            return
        if self.block is not None:
            self.block.segments.append(_Segment(number, 1, raw))
            return
        self.in_header = False
        self.block = _Block("paragraph", [_Segment(number, column, text)])

    @staticmethod
    def match_label(text: str) -> tuple[str, int] | None:
        """The label at the start of ``text`` and the length it takes, dot included."""
        for pattern in (_NUMBER_LABEL_RE, _PAREN_LABEL_RE, _DOT_LABEL_RE):
            match = pattern.match(text)
            if match:
                candidate = match.group(1)
                try:
                    Label.parse(candidate)
                except LabelError:
                    continue
                return candidate, match.end()
        return None

    # -- headings, options ---------------------------------------------------------------------

    def heading(self, number: int, raw: str, match: re.Match[str], first_line: bool) -> None:
        content = _CLOSING_HASHES_RE.sub("", raw[match.end() :].rstrip())
        column = match.end() + 1
        if first_line and len(match.group(1)) == 1:
            self.title = content.strip()
            return
        self.in_header = False
        self.close_group()
        self.chain = []
        self.block = _Block("heading", [_Segment(number, column, content)])
        self.flush()

    def option(self, number: int, column: int, stripped: str, match: re.Match[str]) -> None:
        self.in_header = False
        keyword, name, codes = match.group(1), match.group(2), match.group(3)
        family = "option" if keyword.lower() == "option" else "alt"
        label = f"{keyword} {name}"
        rest = stripped[match.end() :]
        trailing = _OPTION_ATTRIBUTION_RE.match(rest)
        if trailing and not codes:  # "Option 1: {EU}" as well as "Option 1 {EU}:"
            codes, rest = trailing.group(1), ""
        no_text = bool(_NO_TEXT_RE.match(rest))
        attribution = tuple(_CODE_SPLIT_RE.split(codes)) if codes else ()
        group = self.group
        if group is not None and (group.family != family or name in group.names):
            self.close_group()
            group = None
        if group is None:
            group = _OpenGroup(
                family,
                [],
                list(self.chain),
                dict(self.last_labels),
                index=self.group_count + 1,
            )
            self.group_count += 1
            self.group = group
        else:
            group.end_states.append(self.last_labels)
            self.chain = list(group.chain)
            self.last_labels = dict(group.last_labels)
        group.options.append(_OpenOption(label, attribution, number, column, no_text))
        group.names.add(name)
        if rest.strip() and not no_text:
            self.add_text(number, column + match.end(), rest, rest, structural=True)

    def close_group(self) -> None:
        group = self.group
        if group is None:
            return
        self.group = None
        group.end_states.append(self.last_labels)
        merged: dict[tuple[object, ...], Label] = {}
        for state in group.end_states:
            for key, label in state.items():
                if key not in merged or merged[key].sort_key < label.sort_key:
                    merged[key] = label
        self.last_labels = merged
        self.sub_keys = True
        first = group.options[0]
        if len(group.options) < 2:
            self.warn(
                first.line,
                first.column,
                f"option group has a single option {first.label!r}",
                "single-option",
                "add the other option(s), or remove the option line if the text is not an option",
            )
            return
        for option in group.options:
            if not option.pids and not option.no_text:
                self.warn(
                    option.line,
                    option.column,
                    f"option {option.label!r} has no paragraphs",
                    "empty-option",
                    f"write '{option.label}: No text' if it deletes the provision, or add its "
                    "paragraphs after the option line",
                )
        self.groups.append(
            OptionGroup(
                f"g{len(self.groups) + 1}",
                tuple(Option(o.label, tuple(o.pids), o.attribution) for o in group.options),
            )
        )

    # -- paragraphs ----------------------------------------------------------------------------

    def flush(self) -> None:
        block = self.block
        if block is None:
            return
        self.block = None
        found = _segments_text(block.segments)
        if block.kind == "footnote":
            self.footnotes.append((block.footnote_id, found[0] if found else ""))
            return
        if found is None:
            joined, original = "", ""
            line, column = block.segments[0].line, block.segments[0].column
        else:
            joined, original, line, column = found
        attribution: tuple[str, ...] = ()
        match = _ATTRIBUTION_RE.search(joined)
        if match:
            attribution = tuple(_CODE_SPLIT_RE.split(match.group(1)))
            joined = joined[: match.start()]
            original_match = _ATTRIBUTION_RE.search(original)
            original = original[: original_match.start()] if original_match else original
        if block.kind == "heading":
            self.add_paragraph(ParagraphKind.HEADING, joined, None, None, attribution)
            self.check_brackets(joined, original, line, column)
            return
        if self.group is not None and self.group.options[-1].no_text:
            self.close_group()
        label, parent, kind, level = self.structure(block, joined)
        pid = self.add_paragraph(kind, joined, label, parent, attribution)
        if kind is ParagraphKind.OPERATIVE:
            self.seen_operative = True
        self.chain.append(_Entry(pid, level, _is_chapeau_text(joined), kind, label))
        if self.group is not None:
            self.group.options[-1].pids.append(pid)
        self.check_brackets(joined, original, line, column)

    def add_paragraph(
        self,
        kind: ParagraphKind,
        text: str,
        label: Label | None,
        parent: str | None,
        attribution: tuple[str, ...],
    ) -> str:
        pid = f"p{len(self.paragraphs) + 1}"
        self.paragraphs.append(Paragraph(pid, kind, text, label, parent, attribution=attribution))
        return pid

    def check_brackets(self, joined: str, original: str, line: int, column: int) -> None:
        tree, found = parse_lenient(joined, line=line, column=column)
        self.count(tree)
        if found and original != joined:
            found = parse_lenient(original, line=line, column=column)[1]
        if found:
            if self.locate is not None:
                found = tuple(_relocate(d, *self.at(d.line, d.column)) for d in found)
            self.bracket_diagnostics.append(list(found))

    def count(self, tree: BracketedText) -> None:
        if tree.is_clean:
            return
        self.brackets += tree.brackets
        self.alternatives += tree.alternative_groups
        self.placeholders += len(tree.placeholders)
        self.max_depth = max(self.max_depth, tree.max_depth)

    def structure(
        self, block: _Block, text: str
    ) -> tuple[Label | None, str | None, ParagraphKind, int]:
        """Label, parent, kind and level of a paragraph, with the diagnostics of its label."""
        if not block.label_text:
            self.reset_chain()
            kind = (
                ParagraphKind.PREAMBULAR
                if not self.seen_operative and _is_preambular_text(text)
                else ParagraphKind.OPERATIVE
            )
            return None, None, kind, 0
        where = (block.label_line, block.label_column)
        label = self.interpret(block.label_text)
        level = _LEVELS[label.style]
        parent: str | None = None
        if level == 0:
            self.reset_chain()
            kind = ParagraphKind.PREAMBULAR if label.prefix == "PP" else ParagraphKind.OPERATIVE
        else:
            position = self.parent_position(level)
            if position is None:
                self.chain = []
                kind = ParagraphKind.OPERATIVE if self.seen_operative else ParagraphKind.PREAMBULAR
                self.warn(
                    *where,
                    f"sub-paragraph {str(label)!r} has no chapeau above it",
                    "subparagraph-without-chapeau",
                    "put the sub-paragraph after the paragraph it belongs to, ending that "
                    "paragraph with ':'",
                )
            else:
                entry = self.chain[position]
                self.chain = self.chain[: position + 1]
                parent, kind = entry.pid, entry.kind
                if not entry.is_chapeau:
                    shown = str(entry.label) if entry.label is not None else entry.pid
                    self.warn(
                        *where,
                        f"sub-paragraph {str(label)!r} has no chapeau: the paragraph above it "
                        f"({shown!r}) does not end with ':'",
                        "subparagraph-without-chapeau",
                        "end the chapeau with ':' or give the sub-paragraph a label of its own",
                    )
        self.check_label(label, parent, kind, where)
        return label, parent, kind, level

    def reset_chain(self) -> None:
        """A new top-level paragraph: no earlier chapeau can take sub-paragraphs any more."""
        self.chain = []
        if self.sub_keys:
            self.last_labels = {k: v for k, v in self.last_labels.items() if k[0] is None}
            self.sub_keys = False

    def parent_position(self, level: int) -> int | None:
        for position in range(len(self.chain) - 1, -1, -1):
            if self.chain[position].level < level:
                return position
        return None

    def interpret(self, label_text: str) -> Label:
        """The label, deciding between a letter and a Roman numeral by context."""
        default = Label.parse(label_text)
        if default.style not in (LabelStyle.ROMAN, LabelStyle.ROMAN_DOT):
            return default
        letter_style = (
            LabelStyle.LETTER_DOT if default.style is LabelStyle.ROMAN_DOT else LabelStyle.LETTER
        )
        try:
            letter = Label.parse(label_text, style=letter_style)
        except LabelError:
            return default
        if self.continues(default):
            return default
        last = self.chain[-1] if self.chain else None
        if (
            default.number == 1
            and last is not None
            and last.is_chapeau
            and last.level < _LEVELS[default.style]
        ):
            return default  # "(h) ... :" followed by "(i)": the first of its sub-paragraphs
        if self.continues(letter):
            return letter
        return default

    def continues(self, label: Label) -> bool:
        position = self.parent_position(_LEVELS[label.style])
        parent = self.chain[position].pid if position is not None else None
        last = self.last_labels.get((parent, label.style, None))
        if last is None:
            return False
        return label.number == last.number + 1 or (
            label.number == last.number and label.suffix > last.suffix
        )

    def check_label(
        self, label: Label, parent: str | None, kind: ParagraphKind, where: tuple[int, int]
    ) -> None:
        order_key = (parent, label.style, kind if parent is None else None)
        previous = self.last_labels.get(order_key)
        if previous is not None and label.sort_key < previous.sort_key:
            self.warn(
                *where,
                f"label {str(label)!r} comes after {str(previous)!r}",
                "label-order",
                "check the numbering: a paragraph inserted later takes a Latin suffix "
                f"('{previous.after()}' rather than '{label}')"
                if previous.suffix < len(LATIN_SUFFIXES)
                else "check the numbering",
            )
        self.last_labels[order_key] = label
        self.sub_keys = self.sub_keys or parent is not None
        key = (parent, str(label), kind if parent is None else None)
        group = self.group
        context = (group.index, len(group.options)) if group is not None else (0, 0)
        seen = self.seen_labels.get(key)
        if seen is None:
            self.seen_labels[key] = (*self.at(*where), *context)
            return
        line, column, group_index, option_index = seen
        if group_index and group_index == context[0] and option_index != context[1]:
            return  # the same paragraph in another option of the same group
        self.warn(
            *where,
            f"duplicate label {str(label)!r}, already used at {line}:{column}",
            "duplicate-label",
            f"renumber one of them, or give the inserted one a Latin suffix ('{label.after()}')"
            if label.suffix < len(LATIN_SUFFIXES)
            else "renumber one of them",
        )

    # -- the result ----------------------------------------------------------------------------

    def cross_paragraph(self) -> list[Diagnostic]:
        """Merge a '[' left open in one paragraph with a stray ']' in a later one."""
        out: list[Diagnostic] = []
        open_stack: list[Diagnostic] = []
        for found in self.bracket_diagnostics:
            for diagnostic in sorted(found, key=lambda d: (d.line, d.column)):
                if diagnostic.code == "unmatched-close" and open_stack:
                    opening = open_stack.pop()
                    out.remove(opening)
                    out.append(
                        Diagnostic(
                            opening.line,
                            opening.column,
                            f"bracket opened at {opening.line}:{opening.column} is closed in a "
                            f"later paragraph at {diagnostic.line}:{diagnostic.column}",
                            "bracket-across-paragraphs",
                            "error",
                            "']' before the end of the paragraph",
                            "a bracket cannot span paragraphs: close it at the end of its "
                            "paragraph and bracket the next paragraph separately",
                        )
                    )
                    continue
                out.append(diagnostic)
            # Only a '[' still open at the end of its paragraph can be closed later.
            open_stack.extend(d for d in found if d.code == "unclosed-open")
        return out

    def result(self, cleanup: CleanedText | None) -> TextDraftResult:
        diagnostics = self.cross_paragraph() + self.diagnostics
        diagnostics.sort(key=lambda d: (d.line, d.column))
        draft = Draft(self.title, self.symbol, tuple(self.paragraphs), tuple(self.groups))
        stats = DraftStats(
            paragraphs=sum(1 for p in self.paragraphs if p.kind is not ParagraphKind.HEADING),
            brackets=self.brackets,
            alternative_groups=self.alternatives + len(self.groups),
            max_depth=self.max_depth,
            placeholders=self.placeholders,
        )
        return TextDraftResult(
            draft, tuple(diagnostics), stats, self.source, tuple(self.footnotes), cleanup
        )


def _relocate(diagnostic: Diagnostic, line: int, column: int) -> Diagnostic:
    """The diagnostic moved to another position, its message naming the new position."""
    if (line, column) == (diagnostic.line, diagnostic.column):
        return diagnostic
    pair = re.compile(rf"(?<!\d){diagnostic.line}:{diagnostic.column}(?!\d)")
    words = f"line {diagnostic.line}, column {diagnostic.column}"

    def fix(text: str) -> str:
        text = text.replace(words, f"line {line}, column {column}")
        return pair.sub(f"{line}:{column}", text)

    return attrs.evolve(
        diagnostic,
        line=line,
        column=column,
        message=fix(diagnostic.message),
        expected=None if diagnostic.expected is None else fix(diagnostic.expected),
        hint=None if diagnostic.hint is None else fix(diagnostic.hint),
    )


def _normalize_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text_draft(
    text: str, *, source: str | None = None, strict: bool = False
) -> TextDraftResult:
    """Read a plain-text or Markdown draft (the format is described in the module docstring).

    Args:
        text: the whole draft; CRLF line ends and a leading byte order mark are tolerated.
        source: the file name, used in error messages.
        strict: raise at the first problem instead of reporting it.

    Returns:
        The draft, the diagnostics sorted by line and column, and the counts.

    Raises:
        ParseError: only with ``strict=True``, at the first problem (line, column, source).

    A lone surrogate is never passed on to the model: it is replaced by U+FFFD with an
    ``unpaired-surrogate`` error diagnostic (a ParseError with ``strict=True``):

    >>> print(read_text_draft("1. Decides \\udfff;").diagnostics[0])
    1:12: unpaired surrogate U+DFFF replaced by U+FFFD: a surrogate is not a character and cannot be encoded as UTF-8

    >>> result = read_text_draft('''PP1. Recalling resolution 77/37,
    ...
    ... 1. Requests the Secretariat:
    ... (a) to [prepare][compile] a report;
    ... (b) to convene [Placeholder for venue] meetings.''')
    >>> [(p.id, str(p.label), p.kind.value, p.parent) for p in result.draft]
    [('p1', 'PP1', 'preambular', None), ('p2', '1', 'operative', None), ('p3', '(a)', 'operative', 'p2'), ('p4', '(b)', 'operative', 'p2')]
    >>> result.stats
    DraftStats(paragraphs=4, brackets=2, alternative_groups=1, max_depth=1, placeholders=1)
    >>> read_text_draft("1. Decides [to act;", source="d.md", strict=True)
    Traceback (most recent call last):
    ...
    consensus_text.errors.ParseError: d.md:1:12: '[' at line 1, column 12 is never closed: "[to act;" (expected ']' to close the '[' opened at 1:12); add ']' where the bracketed wording ends, or remove the '['
    """
    return _read(_normalize_newlines(text), source=source, strict=strict, cleanup=None)


def _read(
    text: str, *, source: str | None, strict: bool, cleanup: CleanedText | None
) -> TextDraftResult:
    reader = _Reader(text, source, cleanup.locate if cleanup is not None else None)
    reader.run()
    result = reader.result(cleanup)
    if strict and result.diagnostics:
        raise result.diagnostics[0].to_error(source)
    return result


def read_text_file(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    extracted: bool = False,
    max_bytes: int = MAX_TEXT_BYTES,
    source: str | None = None,
) -> TextDraftResult:
    """Read a draft from a UTF-8 text or Markdown file.

    Args:
        path: the file.
        strict: raise :class:`~consensus_text.errors.ParseError` at the first problem.
        extracted: the text was extracted from PDF: apply :func:`clean_extracted_text` first
            (diagnostics still give the line and column in the file as it is on disk).
        max_bytes: refuse larger files.
        source: the name used in messages (default: ``path`` as given).

    Raises:
        FormatError: the file cannot be read, holds NUL bytes or is not UTF-8 (the message names
            the file and the byte offset).
        UnsafeInputError: the file is larger than ``max_bytes``.
        ParseError: with ``strict=True``, at the first problem.
    """
    name = source if source is not None else os.fspath(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise UnsafeInputError(
                    f"{name} is {size} bytes, more than the limit of {max_bytes} bytes",
                    hint="split the draft, or pass a larger max_bytes if the file is trusted",
                )
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise FormatError(
            f"cannot read {name}: {reason}",
            hint="check the path and the file's permissions",
        ) from None
    if len(data) > max_bytes:
        raise UnsafeInputError(
            f"{name} is more than the limit of {max_bytes} bytes",
            hint="split the draft, or pass a larger max_bytes if the file is trusted",
        )
    text = _decode(data, name)
    if not extracted:
        return _read(_normalize_newlines(text), source=name, strict=strict, cleanup=None)
    cleanup = clean_extracted_text(text)
    return _read(cleanup.text, source=name, strict=strict, cleanup=cleanup)


def _decode(data: bytes, name: str) -> str:
    base = 0
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        base = 3
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(
            f"{name} is UTF-16 text (byte order mark at byte offset {base}), not UTF-8",
            hint="save the file as UTF-8",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise FormatError(
            f"{name} is not a text file: NUL byte at byte offset {nul + base}",
            hint="read DOCX files with the DOCX reader; export other formats to UTF-8 text",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"{name} is not UTF-8: byte 0x{data[exc.start]:02x} at byte offset "
            f"{exc.start + base} cannot be decoded ({exc.reason})",
            hint="save the file as UTF-8 (for a legacy encoding: iconv -f cp1252 -t utf-8)",
        ) from None


# ----------------------------------------------------------------------------------------------
# The writer

_NEEDS_ESCAPE_RE = re.compile(
    "|".join(
        (
            r"[\\#\ufeff]",  # U+FEFF: the reader takes it for a byte order mark on line 1
            r"(?i:symbol)[ \t]*:",
            _OPTION_RE.pattern,
            _END_OPTIONS_RE.pattern,
            _FOOTNOTE_DEF_RE.pattern,
        )
    )
)
_TRAILING_HASHES_RE = re.compile(r"(?:^|[ \t])#+$")


def write_text_draft(draft: Draft, *, footnotes: Iterable[tuple[str, str]] = ()) -> str:
    """Write a draft in the text format that :func:`read_text_draft` reads.

    One paragraph per line, blank lines between them; option groups are always closed by
    ``End of options``. Tombstones are left out (the text shows the current state), and a
    paragraph's internal newlines become spaces. For every draft that :func:`read_text_draft`
    produced, ``read_text_draft(write_text_draft(draft)).draft == draft``.

    Args:
        draft: the draft.
        footnotes: footnote definitions ``(id, text)`` to append, as in
            :attr:`TextDraftResult.footnotes`.

    Raises:
        ExportError: an option group whose paragraphs are not consecutive, a heading inside an
            option, an option name or attribution code the format cannot hold.

    >>> from consensus_text.model.labels import Label
    >>> draft = Draft(title="PoA", paragraphs=(
    ...     Paragraph("p1", ParagraphKind.OPERATIVE, "Decides [to act];", label=Label.parse("1"),
    ...               attribution=("EU",)),
    ...     Paragraph("p2", ParagraphKind.OPERATIVE, "2025 will be a review year."),
    ...     Paragraph("p3", ParagraphKind.OPERATIVE, "2026. A year of review."),
    ... ))
    >>> print(write_text_draft(draft), end="")
    # PoA
    <BLANKLINE>
    1. Decides [to act]; {EU}
    <BLANKLINE>
    2025 will be a review year.
    <BLANKLINE>
    \\2026. A year of review.
    """
    blocks: list[str] = []
    head: list[str] = []
    if draft.title:
        head.append("# " + _one_line(draft.title))
    if draft.symbol:
        head.append("Symbol: " + _one_line(draft.symbol))
    if head:
        blocks.append("\n".join(head))
    grouped: dict[str, OptionGroup] = {}
    for group in draft.option_groups:
        for pid in group.paragraph_ids:
            grouped[pid] = group
    active = [p for p in draft.paragraphs if not p.deleted]
    active_ids = {p.id for p in active}
    written: set[str] = set()

    def write_empty_groups(before: str | None) -> None:
        """Write the groups without paragraphs that come before group ``before`` (all: None)."""
        for group in draft.option_groups:
            if group.id == before:
                return
            if group.id not in written and not any(p in active_ids for p in group.paragraph_ids):
                blocks.append(_write_group(group, {}))
                written.add(group.id)

    position = 0
    while position < len(active):
        paragraph = active[position]
        found = grouped.get(paragraph.id)
        if found is None or found.id in written:
            blocks.append(_write_paragraph(paragraph))
            position += 1
            continue
        write_empty_groups(found.id)
        ids = [pid for pid in found.paragraph_ids if pid in active_ids]
        chunk = active[position : position + len(ids)]
        if [p.id for p in chunk] != ids:
            raise ExportError(
                f"option group {found.id!r} is not a run of consecutive paragraphs in reading "
                "order",
                hint="move the paragraphs of each option next to each other, option by option",
            )
        blocks.append(_write_group(found, {p.id: p for p in chunk}))
        written.add(found.id)
        position += len(ids)
    write_empty_groups(None)
    for footnote_id, text in footnotes:
        blocks.append(f"[^{footnote_id}]: {_one_line(text)}")
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def _write_group(group: OptionGroup, paragraphs: Mapping[str, Paragraph]) -> str:
    lines: list[str] = []
    for option in group.options:
        match = _OPTION_RE.fullmatch(option.label + ":")
        if not match or option.label != f"{match.group(1)} {match.group(2)}":
            raise ExportError(
                f"option name {option.label!r} of group {group.id!r} cannot be written as text",
                hint="name options 'Option 1', 'Option (a)', 'Alt 2' or 'Alternative 1'",
            )
        head = option.label + _attribution_suffix(option.attribution)
        present = [paragraphs[pid] for pid in option.paragraph_ids if pid in paragraphs]
        if not present:
            lines.append(head + ": No text")
            continue
        lines.append(head + ":")
        for k, paragraph in enumerate(present):
            if paragraph.kind is ParagraphKind.HEADING:
                raise ExportError(
                    f"heading {paragraph.id!r} is inside option {option.label!r}",
                    hint="a heading ends the option group in the text format; move it out",
                )
            label = paragraph.label
            if k and (
                label is None or (label.style is LabelStyle.NUMBER and abs(label.number) >= 1000)
            ):
                lines.append("")  # without a label, only a blank line starts a paragraph
            lines.append(_write_paragraph(paragraph))
    lines.append("End of options")
    return "\n".join(lines)


def _attribution_suffix(codes: Sequence[str]) -> str:
    if not codes:
        return ""
    for code in codes:
        if not isinstance(code, str) or not _CODE_FULL_RE.fullmatch(code):
            raise ExportError(
                f"attribution code {code!r} cannot be written as text",
                hint="codes start with a capital letter or digit: 'EU', 'G77', 'AOSIS'",
            )
    return " {" + ", ".join(codes) + "}"


def _write_paragraph(paragraph: Paragraph) -> str:
    text = _one_line(paragraph.text)
    suffix = _attribution_suffix(paragraph.attribution)
    if paragraph.kind is ParagraphKind.HEADING:
        line = ("## " + text + suffix).rstrip()
        if _TRAILING_HASHES_RE.search(text + suffix):
            line += " #"  # closing hashes, so that the reader keeps the text's own
        return line
    label = paragraph.label
    if label is None:
        if not text or _NEEDS_ESCAPE_RE.match(text) or _Reader.match_label(text) is not None:
            text = "\\" + text
        return text + suffix
    shown = f"{label}." if label.style is LabelStyle.NUMBER else str(label)
    return (f"{shown} {text}" if text else shown) + suffix


# ----------------------------------------------------------------------------------------------
# Clean-up of text extracted from PDF

_SYMBOL_TOKEN = r"[A-Z]{1,10}(?:/[A-Za-z0-9.\-]+)+"
_FOOTER_TOKEN_RE = re.compile(
    rf"""(?:{_SYMBOL_TOKEN}
      | \d{{1,4}} | \d{{1,4}}/\d{{1,4}} | (?:GE\.)?\d{{2}}-\d{{5}} | \(E\) | \*\d{{5,}}\*
      | (?i:page) | (?i:of) | [-–—]
    )""",
    re.VERBOSE,
)
_FOOTER_MEANINGFUL_RE = re.compile(rf"\d|{_SYMBOL_TOKEN}")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TABLE = str.maketrans(_SUPERSCRIPTS, "0123456789")
_SUPERSCRIPT_RE = re.compile(rf"(?<=\S)[{_SUPERSCRIPTS}]{{1,3}}")
_SUPERSCRIPT_DEF_RE = re.compile(rf"([{_SUPERSCRIPTS}]{{1,3}})[ \t]*(?=\S)")
_GLUED_FOOTNOTE_RE = re.compile(
    r"(?:(?<=[a-z][a-z])|(?<=[a-z][,;:.])|(?<=[a-z][”’\")])|(?<=[a-z][.,;][”’\"]))"
    r"(\d{1,2})(?=[\s,;:.)\]]|$)(?![.,]\d)"
)
_NOT_FOOTNOTE_WORD_RE = re.compile(
    r"(?i:rev|add|corr|para|paras|art|arts|vol|no|nos|pp?|chap|sect|ch|fig|annex|item|res|dec)"
    r"[.]?"
)
_HYPHEN_END_RE = re.compile(r"([A-Za-z]+)-[ \t]*$")
_NEXT_WORD_RE = re.compile(r"[ \t]*([a-z]+)\S*")
_BULLET_RE = re.compile(r"([ \t]*)([•▪◦‣●\-*]|\uf0b7)[ \t]+(?=\(?[a-z]{1,6}[.)]|\d+\.)")
_EMPHASIS_RE = re.compile(r"(?<![*\w])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s*])\1(?![*\w])")
_SENTENCE_END = (".", ";", ":", "!", "?", "]")

#: Words that keep their hyphen when a line break falls on it: first parts of compounds ...
HYPHEN_PREFIXES = frozenset(
    [
        "non",
        "multi",
        "self",
        "cross",
        "cyber",
        "well",
        "ever",
        "follow",
        "capacity",
        "confidence",
        "decision",
        "action",
        "results",
        "consensus",
        "open",
        "long",
        "short",
        "state",
        "time",
        "rule",
        "peace",
    ]
)
#: ... and second parts of compounds ("capacity-building", "action-oriented").
HYPHEN_SUFFIXES = frozenset(
    [
        "building",
        "based",
        "oriented",
        "related",
        "making",
        "led",
        "driven",
        "term",
        "ended",
        "up",
        "stakeholder",
        "stakeholders",
        "governmental",
        "evolving",
        "sponsored",
        "sponsor",
        "sponsors",
        "border",
        "friendly",
        "specific",
        "sensitive",
        "wide",
        "level",
        "free",
        "binding",
        "keeping",
    ]
)


class _Line:
    """A line of the text being cleaned, with the original position of every character."""

    __slots__ = ("_origin", "number", "text")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text
        self._origin: list[tuple[int, int]] | None = None  # None: unchanged, column for column

    @property
    def origin(self) -> list[tuple[int, int]]:
        if self._origin is None:
            self._origin = [(self.number, column) for column in range(1, len(self.text) + 1)]
        return self._origin

    @property
    def frozen_origin(self) -> tuple[tuple[int, int], ...] | None:
        return None if self._origin is None else tuple(self._origin)

    def splice(
        self, start: int, end: int, new: str, origin: list[tuple[int, int]] | None = None
    ) -> None:
        if origin is None:
            if start < len(self.origin):
                anchor = self.origin[start]
            elif self.origin:
                anchor = (self.origin[-1][0], self.origin[-1][1] + 1)
            else:
                anchor = (self.number, 1)
            origin = [anchor] * len(new)
        self.text = self.text[:start] + new + self.text[end:]
        self.origin[start:end] = origin


def clean_extracted_text(text: str) -> CleanedText:
    """Undo the damage that PDF extraction does to a draft, listing every change.

    In this order:

    1. form feeds (``\\f``, page breaks) are removed;
    2. page furniture is removed: lines made only of page numbers (``Page 3 of 12``, ``- 3 -``,
       ``3/12``, ``3``), job numbers (``25-01234 (E)``) and document symbols
       (``A/AC.292/2025/L.1``), and, when the text has page breaks, lines repeated at the top or
       bottom of at least half of the pages (running headers and footers); a paragraph that
       a page break cut in two (no final punctuation before, lower case after) is joined again;
    3. double spacing (a blank line after every line, as some extractors produce) is undone:
       single blank lines go, and longer runs become one paragraph break;
    4. words hyphenated at a line end are joined (``estab-`` / ``lishment`` becomes
       ``establishment``) unless the hyphen belongs to the word: the hyphenated form occurs
       elsewhere in the text, or the unhyphenated one does not and the first part is capitalized
       or in :data:`HYPHEN_PREFIXES` (``cyber-``, ``non-``) or the second part is in
       :data:`HYPHEN_SUFFIXES` (``-building``, ``-oriented``);
    5. footnote numbers glued to a word (``States1 shall``, ``adopted”4``, superscripts
       ``¹``) become Markdown footnote markers (``States[^1] shall``); a line starting with a
       superscript number becomes a footnote definition ``[^1]: ...``. Digits glued to digits
       (``77/371``) cannot be told apart and stay;
    6. bullets before a label (``- (i) reaffirm``) are removed;
    7. Markdown emphasis that crosses a bracket (``*[shall*]``) loses its asterisks.

    Every change is a :class:`TextChange` with its line in the original text;
    :meth:`CleanedText.locate` maps positions back.

    >>> cleaned = clean_extracted_text(
    ...     "1. States1 shall strengthen their capacity-\\nbuilding and estab-\\n"
    ...     "lishment of *[points*] of contact;\\n\\f- 2 -\\n2. Decides to meet annually.")
    >>> print(cleaned.text)
    1. States[^1] shall strengthen their capacity-building
    and establishment
    of [points] of contact;
    2. Decides to meet annually.
    >>> for change in cleaned.changes:
    ...     print(change)
    1: hyphenation: 'capacity-|building' -> 'capacity-building'
    1: footnote-marker: 'States1' -> 'States[^1]'
    2: hyphenation: 'estab-|lishment' -> 'establishment'
    3: emphasis: '*[points*]' -> '[points]'
    4: form-feed: '\\x0c' -> ''
    4: page-number: '- 2 -' -> ''
    """
    text = text[1:] if text.startswith("\ufeff") else text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    changes: list[TextChange] = []
    lines = [_Line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]
    pages = _remove_form_feeds(lines, changes)
    lines = _remove_page_furniture(lines, pages, changes)
    lines = _undo_double_spacing(lines, changes)
    lines = _join_hyphenation(lines, changes, text)
    for line in lines:
        _mark_footnotes(line, changes)
        _remove_bullet(line, changes)
        _strip_crossing_emphasis(line, changes)
    changes.sort(key=lambda change: change.line)
    return CleanedText(
        "\n".join(line.text for line in lines),
        tuple(changes),
        origins=tuple(line.frozen_origin for line in lines),
        numbers=tuple(line.number for line in lines),
    )


def _remove_form_feeds(lines: list[_Line], changes: list[TextChange]) -> list[int]:
    """Remove the form feeds; return the page number (from 0) of every line."""
    pages: list[int] = []
    page = 0
    for line in lines:
        position = line.text.find("\f")
        if position < 0:
            pages.append(page)
            continue
        before = line.text[:position]
        page_of_line = page if before.strip() else page + line.text.count("\f")
        page += line.text.count("\f")
        pages.append(page_of_line)
        while position >= 0:
            line.splice(position, position + 1, "")
            changes.append(TextChange(line.number, "form-feed", "\f", ""))
            position = line.text.find("\f")
    return pages


def _is_footer_line(text: str) -> bool:
    tokens = text.split()
    return (
        bool(tokens)
        and len(tokens) <= 8
        and all(_FOOTER_TOKEN_RE.fullmatch(token) for token in tokens)
        and bool(_FOOTER_MEANINGFUL_RE.search(text))
    )


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _remove_page_furniture(
    lines: list[_Line], pages: list[int], changes: list[TextChange]
) -> list[_Line]:
    remove: dict[int, str] = {}
    for index, line in enumerate(lines):
        if _is_footer_line(line.text):
            has_symbol = re.search(_SYMBOL_TOKEN, line.text)
            remove[index] = "page-header" if has_symbol else "page-number"
    page_count = pages[-1] + 1 if pages else 1
    if page_count >= 2:
        by_page: dict[int, list[int]] = {}
        for index, line in enumerate(lines):
            if line.text.strip():
                by_page.setdefault(pages[index], []).append(index)
        edges: dict[str, set[int]] = {}
        edge_lines: list[tuple[int, str]] = []
        for page, indexes in by_page.items():
            for index in {*indexes[:2], *indexes[-2:]}:
                key = _furniture_key(lines[index].text)
                if len(key) <= 100:
                    edges.setdefault(key, set()).add(page)
                    edge_lines.append((index, key))
        threshold = max(2, (page_count + 1) // 2)
        for index, key in edge_lines:
            if len(edges[key]) >= threshold and index not in remove:
                remove[index] = "page-header"
    if not remove:
        return lines
    kept: list[_Line] = []
    removed_before: set[int] = set()  # positions in ``kept`` that follow removed furniture
    for index, line in enumerate(lines):
        if index in remove:
            changes.append(TextChange(line.number, remove[index], line.text.strip(), ""))
            removed_before.add(len(kept))
            continue
        kept.append(line)
    return _join_across_page_breaks(kept, removed_before, changes)


def _join_across_page_breaks(
    lines: list[_Line], removed_before: set[int], changes: list[TextChange]
) -> list[_Line]:
    """Drop the blank lines that removed furniture left inside a sentence."""
    drop: set[int] = set()
    for position in sorted(removed_before):
        before = position - 1
        while before >= 0 and not lines[before].text.strip():
            before -= 1
        after = position
        while after < len(lines) and not lines[after].text.strip():
            after += 1
        if before < 0 or after >= len(lines) or after - before <= 1:
            continue
        tail = lines[before].text.rstrip()
        head = lines[after].text.lstrip()
        if tail.endswith(_SENTENCE_END) or not head[:1].islower():
            continue
        for index in range(before + 1, after):
            if index not in drop:
                drop.add(index)
                changes.append(TextChange(lines[index].number, "page-break", lines[index].text, ""))
    return [line for index, line in enumerate(lines) if index not in drop]


def _undo_double_spacing(lines: list[_Line], changes: list[TextChange]) -> list[_Line]:
    runs: list[int] = []  # blank lines between two text lines
    cut = 0  # single blank lines after a line that stops mid-sentence
    blank = 0
    previous: _Line | None = None
    for line in lines:
        if line.text.strip():
            if previous is not None:
                runs.append(blank)
                if blank == 1 and not previous.text.rstrip().endswith(_SENTENCE_END):
                    cut += 1
            previous = line
            blank = 0
        else:
            blank += 1
    singles = sum(1 for run in runs if run == 1)
    adjacent = sum(1 for run in runs if run == 0)
    if (
        len(runs) < 4
        or singles < 0.6 * len(runs)
        or adjacent > 0.1 * len(runs)
        or cut < singles / 2
    ):
        return lines
    kept: list[_Line] = []
    index = 0
    while index < len(lines):
        if lines[index].text.strip():
            kept.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines) and not lines[end].text.strip():
            end += 1
        inside = bool(kept) and end < len(lines)
        if inside and end - index == 1:
            changes.append(TextChange(lines[index].number, "double-spacing", lines[index].text, ""))
        elif inside:
            kept.append(lines[index])
            for line in lines[index + 1 : end]:
                changes.append(TextChange(line.number, "double-spacing", line.text, ""))
        else:
            kept.extend(lines[index:end])
        index = end
    return kept


def _keeps_hyphen(left: str, right: str, vocabulary: set[str]) -> bool:
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if hyphenated in vocabulary:
        return True
    if joined in vocabulary:
        return False
    return left[:1].isupper() or left.lower() in HYPHEN_PREFIXES or right in HYPHEN_SUFFIXES


def _join_hyphenation(lines: list[_Line], changes: list[TextChange], text: str) -> list[_Line]:
    vocabulary = {word.lower() for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*(?!-?\n)", text)}
    vocabulary |= {part for word in list(vocabulary) for part in word.split("-")}
    # A word split at a line end is not evidence for itself.
    drop: set[int] = set()
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        end = _HYPHEN_END_RE.search(line.text)
        if not end or index in drop:
            continue
        token = _NEXT_WORD_RE.match(following.text)
        if not token:
            continue
        left, right = end.group(1), token.group(1)
        keep = _keeps_hyphen(left, right, vocabulary)
        moved = token.group(0).lstrip()
        start_of_moved = token.end() - len(moved)
        hyphen = end.start() + len(left)
        before = f"{left}-|{moved}"
        line.splice(hyphen + (1 if keep else 0), len(line.text), "")
        line.splice(
            len(line.text), len(line.text), moved, following.origin[start_of_moved : token.end()]
        )
        rest_start = token.end()
        while rest_start < len(following.text) and following.text[rest_start] in " \t":
            rest_start += 1
        following.splice(0, rest_start, "")
        after = f"{left}-{moved}" if keep else f"{left}{moved}"
        changes.append(TextChange(line.number, "hyphenation", before, after))
        if not following.text.strip():
            drop.add(index + 1)
    return [line for index, line in enumerate(lines) if index not in drop]


def _mark_footnotes(line: _Line, changes: list[TextChange]) -> None:
    definition = _SUPERSCRIPT_DEF_RE.match(line.text)
    if definition:
        number = definition.group(1).translate(_SUPERSCRIPT_TABLE)
        new = f"[^{number}]: "
        changes.append(TextChange(line.number, "footnote-marker", definition.group(0), new))
        line.splice(0, definition.end(), new)
    for pattern, translate in ((_SUPERSCRIPT_RE, True), (_GLUED_FOOTNOTE_RE, False)):
        position = 0
        while True:
            match = pattern.search(line.text, position)
            if not match:
                break
            word_start = line.text.rfind(" ", 0, match.start()) + 1
            word = line.text[word_start : match.start()]
            tail = re.search(r"[A-Za-z]+\.?$", word.rstrip(',;:”’")'))
            if not translate and (
                "/" in word or (tail is not None and _NOT_FOOTNOTE_WORD_RE.fullmatch(tail.group()))
            ):
                position = match.end()
                continue
            digits = match.group(0)
            number = digits.translate(_SUPERSCRIPT_TABLE) if translate else digits
            new = f"[^{number}]"
            changes.append(TextChange(line.number, "footnote-marker", word + digits, word + new))
            line.splice(match.start(), match.end(), new)
            position = match.start() + len(new)


def _remove_bullet(line: _Line, changes: list[TextChange]) -> None:
    match = _BULLET_RE.match(line.text)
    if match:
        changes.append(TextChange(line.number, "bullet", match.group(0), match.group(1)))
        line.splice(len(match.group(1)), match.end(), "")


def _strip_crossing_emphasis(line: _Line, changes: list[TextChange]) -> None:
    if "*" not in line.text or ("[" not in line.text and "]" not in line.text):
        return
    position = 0
    while True:
        match = _EMPHASIS_RE.search(line.text, position)
        if not match:
            return
        inner = match.group(2)
        if _brackets_balanced(inner):
            position = match.end()
            continue
        marker = match.group(1)
        end_marker = match.end() - len(marker)
        # Show the bracket that the emphasis crosses with it.
        shown_end = match.end()
        while shown_end < len(line.text) and line.text[shown_end] == "]":
            shown_end += 1
        shown_start = match.start()
        while shown_start > 0 and line.text[shown_start - 1] == "[":
            shown_start -= 1
        before = line.text[shown_start:shown_end]
        line.splice(end_marker, match.end(), "")
        line.splice(match.start(), match.start() + len(marker), "")
        after = line.text[shown_start : shown_end - 2 * len(marker)]
        changes.append(TextChange(line.number, "emphasis", before, after))
        position = end_marker - len(marker)


def _brackets_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
