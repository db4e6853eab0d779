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
from collections.abc import Iterable, Mapping, Sequence

from consensus_text.errors import ExportError, FormatError, UnsafeInputError
from consensus_text.io._text_cleanup import HYPHEN_PREFIXES, HYPHEN_SUFFIXES, clean_extracted_text
from consensus_text.io._text_lines import (
    CODE_FULL_RE,
    NEEDS_ESCAPE_RE,
    OPTION_RE,
    Reader,
)
from consensus_text.io._text_results import CleanedText, DraftStats, TextChange, TextDraftResult
from consensus_text.model.labels import LabelStyle
from consensus_text.model.paragraphs import Draft, OptionGroup, Paragraph, ParagraphKind

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
    reader = Reader(text, source, cleanup.locate if cleanup is not None else None)
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
        match = OPTION_RE.fullmatch(option.label + ":")
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
        if not isinstance(code, str) or not CODE_FULL_RE.fullmatch(code):
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
        if not text or NEEDS_ESCAPE_RE.match(text) or Reader.match_label(text) is not None:
            text = "\\" + text
        return text + suffix
    shown = f"{label}." if label.style is LabelStyle.NUMBER else str(label)
    return (f"{shown} {text}" if text else shown) + suffix
