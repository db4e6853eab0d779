"""Clean-up of text extracted from PDF before it is read as a draft.

Exported by :mod:`consensus_text.io.text` (:func:`clean_extracted_text`).
"""

from __future__ import annotations

import re

from consensus_text.io._text_results import CleanedText, TextChange

__all__ = ["HYPHEN_PREFIXES", "HYPHEN_SUFFIXES", "clean_extracted_text"]


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
