"""What reading a text draft gives: the draft with its diagnostics and counts, and the changes
a clean-up of extracted text made (with the map back to the original lines).

The classes are documented and exported by :mod:`consensus_text.io.text`.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from consensus_text.model.brackets import Diagnostic
from consensus_text.model.paragraphs import Draft

__all__ = ["CleanedText", "DraftStats", "Locate", "TextChange", "TextDraftResult"]

#: Maps a (line, column) of cleaned text to the same place in the original text.
Locate = Callable[[int, int], tuple[int, int]]


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

        >>> from consensus_text.io.text import clean_extracted_text
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
