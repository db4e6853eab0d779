"""Word-level differences between two versions of a text (the one home of diff-match-patch).

Negotiators read changes word by word, so the diff works on words (and the spaces and
punctuation between them) rather than on characters: a changed word is shown deleted and
inserted whole.

>>> ops = diff_words("States shall cooperate", "States should cooperate closely")
>>> [(op.kind.value, op.text) for op in ops]
[('equal', 'States '), ('delete', 'shall'), ('insert', 'should'), ('equal', ' cooperate'), ('insert', ' closely')]
>>> apply_ops(ops, side="old"), apply_ops(ops, side="new")
('States shall cooperate', 'States should cooperate closely')
>>> similarity("a b c d", "a b x d")
0.75
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs
import diff_match_patch as dmp_module

from consensus_text.errors import ValidationError

__all__ = [
    "DiffKind",
    "DiffOp",
    "Hunk",
    "Patch",
    "PatchResult",
    "apply_ops",
    "apply_patch",
    "count_kept",
    "diff_words",
    "make_patch",
    "similarity",
    "tokenize",
]

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class DiffKind(enum.Enum):
    """What a piece of a diff does."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@attrs.frozen
class DiffOp:
    """One piece of a diff: text kept, inserted or deleted."""

    kind: DiffKind
    text: str


def tokenize(text: str) -> list[str]:
    """Split text into words, runs of white space, and single punctuation marks.

    >>> tokenize("Decides, [inter alia],")
    ['Decides', ',', ' ', '[', 'inter', ' ', 'alia', ']', ',']
    """
    return _TOKEN.findall(text)


def _engine() -> dmp_module.diff_match_patch:
    engine = dmp_module.diff_match_patch()
    engine.Diff_Timeout = 0  # deterministic: never cut a diff short on a slow machine
    return engine


def _encode(tokens: Sequence[str], table: dict[str, str]) -> str:
    out = []
    for token in tokens:
        code = table.get(token)
        if code is None:
            # Private-use plane code points stand for tokens; diff-match-patch diffs them as chars.
            code = (
                chr(0xF0000 + len(table))
                if len(table) < 0xFFFD
                else chr(0x100000 + len(table) - 0xFFFD)
            )
            table[token] = code
        out.append(code)
    return "".join(out)


def diff_words(old: str, new: str) -> tuple[DiffOp, ...]:
    """Word-level diff of two texts; concatenating the kept and deleted pieces gives ``old``.

    Adjacent pieces of the same kind are merged, and a deletion comes before the insertion that
    replaces it.
    """
    table: dict[str, str] = {}
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    encoded_old = _encode(old_tokens, table)
    encoded_new = _encode(new_tokens, table)
    decode = {code: token for token, code in table.items()}
    engine = _engine()
    diffs = engine.diff_main(encoded_old, encoded_new, False)
    engine.diff_cleanupSemantic(diffs)
    kinds = {
        engine.DIFF_EQUAL: DiffKind.EQUAL,
        engine.DIFF_INSERT: DiffKind.INSERT,
        engine.DIFF_DELETE: DiffKind.DELETE,
    }
    ops = [DiffOp(kinds[op], "".join(decode[c] for c in data)) for op, data in diffs if data]
    return tuple(_merge(ops))


def _merge(ops: Iterable[DiffOp]) -> list[DiffOp]:
    merged: list[DiffOp] = []
    for op in ops:
        if merged and merged[-1].kind is op.kind:
            merged[-1] = DiffOp(op.kind, merged[-1].text + op.text)
        else:
            merged.append(op)
    # A deletion before its replacing insertion, as redlines are read.
    for i in range(len(merged) - 1):
        if merged[i].kind is DiffKind.INSERT and merged[i + 1].kind is DiffKind.DELETE:
            merged[i], merged[i + 1] = merged[i + 1], merged[i]
    return merged


def apply_ops(ops: Iterable[DiffOp], *, side: Literal["old", "new"]) -> str:
    """The old or the new text a diff was computed from."""
    skip = DiffKind.INSERT if side == "old" else DiffKind.DELETE
    return "".join(op.text for op in ops if op.kind is not skip)


def similarity(old: str, new: str) -> float:
    """Share of words kept between two texts, from 0.0 (nothing in common) to 1.0 (same words).

    Computed as twice the number of kept word tokens over the total number of word tokens
    (white space and punctuation do not count), so it is symmetric.
    """
    old_words = sum(1 for t in tokenize(old) if not t.isspace())
    new_words = sum(1 for t in tokenize(new) if not t.isspace())
    if old_words + new_words == 0:
        return 1.0
    kept = sum(
        sum(1 for t in tokenize(op.text) if not t.isspace())
        for op in diff_words(old, new)
        if op.kind is DiffKind.EQUAL
    )
    return 2 * kept / (old_words + new_words)


# ----------------------------------------------------------------------------------------------
# Patches: a change written against one version of a text, replayed on another.
#
# A patch is made of hunks; each hunk is a run of word-level changes with a few unchanged words
# of context on each side, grown until the hunk's old text occurs only once in the text it was
# made from (the same rule as diff-match-patch's ``patch_make``). Applying a patch is exact, never
# fuzzy: diff-match-patch's own ``patch_apply`` accepts a hunk whose context is only similar,
# which can put words in the wrong place, so a hunk here applies only where its old text,
# context included, is found unchanged.

_PATCH_MARGIN = 4  # tokens of context on each side: two words and the spaces after them
_PATCH_MAX_TOKENS = 32  # stop growing the context past this many tokens (Match_MaxBits)


@attrs.frozen
class Hunk:
    """One run of changes of a :class:`Patch`, with its context.

    Attributes:
        start: offset of the hunk's first character in the text the patch was made from.
        ops: the unchanged context, the deletions and the insertions, in order.
    """

    start: int
    ops: tuple[DiffOp, ...]

    @property
    def before(self) -> str:
        """The text the hunk replaces, context included."""
        return apply_ops(self.ops, side="old")

    @property
    def after(self) -> str:
        """The text the hunk puts in its place, context included."""
        return apply_ops(self.ops, side="new")

    @property
    def end(self) -> int:
        """Offset just after the hunk's last character in the text the patch was made from."""
        return self.start + len(self.before)

    @property
    def has_leading_context(self) -> bool:
        """Whether unchanged words precede the first change (False at the start of a text)."""
        return bool(self.ops) and self.ops[0].kind is DiffKind.EQUAL

    @property
    def has_trailing_context(self) -> bool:
        """Whether unchanged words follow the last change (False at the end of a text)."""
        return bool(self.ops) and self.ops[-1].kind is DiffKind.EQUAL

    def __str__(self) -> str:
        marks = {DiffKind.EQUAL: " ", DiffKind.DELETE: "-", DiffKind.INSERT: "+"}
        lines = [f"@@ {self.start},{len(self.before)} @@"]
        lines.extend(f"{marks[op.kind]}{op.text!r}" for op in self.ops)
        return "\n".join(lines)


@attrs.frozen
class Patch:
    """The word-level changes that turn one text into another, replayable on other versions.

    Make one with :func:`make_patch` and replay it with :func:`apply_patch`.

    Attributes:
        hunks: the runs of changes, in the order of the text.
    """

    hunks: tuple[Hunk, ...]

    @property
    def is_empty(self) -> bool:
        """True when the patch changes nothing."""
        return not self.hunks

    def __str__(self) -> str:
        return "\n".join(str(hunk) for hunk in self.hunks)


@attrs.frozen
class PatchResult:
    """What :func:`apply_patch` did.

    Attributes:
        text: the patched text; hunks that did not apply are left out.
        applied: one flag per hunk of the patch: True when it applied exactly.
        hunks: the hunks of the patch, in order (the same as ``patch.hunks``).
    """

    text: str
    applied: tuple[bool, ...]
    hunks: tuple[Hunk, ...]

    @property
    def clean(self) -> bool:
        """True when every hunk applied exactly."""
        return all(self.applied)

    @property
    def failed(self) -> tuple[Hunk, ...]:
        """The hunks that did not apply."""
        return tuple(h for h, ok in zip(self.hunks, self.applied, strict=True) if not ok)


def _diff_codes(old_codes: str, new_codes: str) -> list[tuple[DiffKind, str]]:
    """Diff two token-encoded strings; pieces of one kind are merged, in the engine's order."""
    engine = _engine()
    diffs = engine.diff_main(old_codes, new_codes, False)
    engine.diff_cleanupSemantic(diffs)
    kinds = {
        engine.DIFF_EQUAL: DiffKind.EQUAL,
        engine.DIFF_INSERT: DiffKind.INSERT,
        engine.DIFF_DELETE: DiffKind.DELETE,
    }
    return [(kinds[op], data) for op, data in diffs if data]


def _offsets(tokens: Sequence[str]) -> list[int]:
    """Character offset of each token, and the total length at the end."""
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _is_unique(codes: str, piece: str) -> bool:
    return codes.find(piece) == codes.rfind(piece)


def make_patch(old: str, new: str) -> Patch:
    """The word-level patch that turns ``old`` into ``new``.

    Each hunk carries at least two words of unchanged context on each side (fewer at the start
    or end of the text), more when needed for its old text to occur only once in ``old``.

    >>> patch = make_patch("States shall cooperate closely with each other.",
    ...                    "States should cooperate closely with each other.")
    >>> [(h.start, h.before, h.after) for h in patch.hunks]
    [(0, 'States shall cooperate closely', 'States should cooperate closely')]
    >>> apply_patch(patch, "States shall cooperate closely with one another.").text
    'States should cooperate closely with one another.'
    """
    table: dict[str, str] = {}
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    old_codes = _encode(old_tokens, table)
    new_codes = _encode(new_tokens, table)
    diffs = _diff_codes(old_codes, new_codes)
    # Each change: the token range it replaces in ``old`` and the pieces, in order.
    changes: list[tuple[int, int, list[tuple[DiffKind, str]]]] = []
    pos = 0
    for kind, data in diffs:
        if kind is DiffKind.EQUAL:
            pos += len(data)
            continue
        if changes and changes[-1][1] == pos:
            start, _, pieces = changes[-1]
            pieces.append((kind, data))
            end = pos + (len(data) if kind is DiffKind.DELETE else 0)
            changes[-1] = (start, end, pieces)
        else:
            end = pos + (len(data) if kind is DiffKind.DELETE else 0)
            changes.append((pos, end, [(kind, data)]))
        if kind is DiffKind.DELETE:
            pos += len(data)
    # Guard ranges: the change with context, grown until its old text is unique.
    guards: list[tuple[int, int]] = []
    size = len(old_codes)
    for start, end, _ in changes:
        margin = _PATCH_MARGIN
        while True:
            lo, hi = max(0, start - margin), min(size, end + margin)
            if _is_unique(old_codes, old_codes[lo:hi]) or hi - lo >= _PATCH_MAX_TOKENS:
                break
            if lo == 0 and hi == size:
                break
            margin += _PATCH_MARGIN
        guards.append((lo, hi))
    # Hunks whose guards overlap or touch become one.
    groups: list[tuple[int, int, list[int]]] = []
    for k, (lo, hi) in enumerate(guards):
        if groups and lo <= groups[-1][1]:
            glo, ghi, members = groups[-1]
            groups[-1] = (glo, max(ghi, hi), [*members, k])
        else:
            groups.append((lo, hi, [k]))
    decode = {code: token for token, code in table.items()}
    old_offsets = _offsets(old_tokens)
    hunks = []
    for lo, hi, members in groups:
        ops: list[DiffOp] = []
        cursor = lo
        for k in members:
            start, end, pieces = changes[k]
            if start > cursor:
                ops.append(
                    DiffOp(DiffKind.EQUAL, "".join(decode[c] for c in old_codes[cursor:start]))
                )
            ops.extend(DiffOp(kind, "".join(decode[c] for c in data)) for kind, data in pieces)
            cursor = end
        if hi > cursor:
            ops.append(DiffOp(DiffKind.EQUAL, "".join(decode[c] for c in old_codes[cursor:hi])))
        hunks.append(Hunk(old_offsets[lo], tuple(_merge(ops))))
    return Patch(tuple(hunks))


def _hunk_codes(hunk: Hunk, table: dict[str, str]) -> tuple[str, str]:
    return (
        _encode(tokenize(hunk.before), table),
        _encode(tokenize(hunk.after), table),
    )


def apply_patch(patch: Patch, text: str, *, base: str | None = None) -> PatchResult:
    """Replay ``patch`` on ``text``, hunk by hunk, exactly or not at all.

    Without ``base``, a hunk applies where its old text (context included) occurs in ``text``
    word for word: at the expected place, or anywhere if it occurs only once. A hunk whose old
    text is missing, altered or found more than once away from its place does not apply.

    With ``base``, the text the patch was made from, the replay is a three-way merge, stricter
    still: the changes from ``base`` to ``text`` are computed, and a hunk applies only when none
    of them touches the hunk's words or its context. Two changes to the same words, or to words
    next to each other, are a conflict even when the words would still be found.

    Args:
        patch: made by :func:`make_patch` from ``base`` (when given).
        text: the text to patch.
        base: the text the patch was made from, for a three-way merge.

    Raises:
        ValidationError: ``base`` is not the text the patch was made from.

    >>> base = "Decides to convene a review conference in 2026;"
    >>> patch = make_patch(base, "Decides to convene a high-level review conference in 2026;")
    >>> apply_patch(patch, "Decides to convene a review conference in 2027;", base=base).text
    'Decides to convene a high-level review conference in 2027;'
    >>> result = apply_patch(patch, "Decides to hold a review conference in 2026;", base=base)
    >>> result.clean, result.text
    (False, 'Decides to hold a review conference in 2026;')
    """
    if base is not None:
        return _apply_three_way(patch, text, base)
    table: dict[str, str] = {}
    tokens = tokenize(text)
    codes = _encode(tokens, table)
    applied: list[bool] = []
    delta = 0  # where the target text stands against the patch's own text, in characters
    cursor = 0  # tokens before this index are settled (patched, or passed by an earlier hunk)
    for hunk in patch.hunks:
        before, after = _hunk_codes(hunk, table)
        offsets = _offsets(_decode_all(codes, table))
        expected = hunk.start + delta
        if before:
            found = []
            at = codes.find(before, cursor)
            while at >= 0:
                found.append(at)
                at = codes.find(before, at + 1)
        else:  # a patch made from an empty text applies to an empty text only
            found = [] if codes else [0]
        exact = [at for at in found if offsets[at] == expected]
        if exact:
            where = exact[0]
        elif len(found) == 1:
            where = found[0]
        else:
            applied.append(False)
            continue
        delta = offsets[where] - hunk.start + len(hunk.after) - len(hunk.before)
        codes = codes[:where] + after + codes[where + len(before) :]
        cursor = where + len(after)
        applied.append(True)
    return PatchResult(_join_codes(codes, table), tuple(applied), patch.hunks)


def _decode_all(codes: str, table: dict[str, str]) -> list[str]:
    decode = {code: token for token, code in table.items()}
    return [decode[c] for c in codes]


def _join_codes(codes: str, table: dict[str, str]) -> str:
    return "".join(_decode_all(codes, table))


def _apply_three_way(patch: Patch, text: str, base: str) -> PatchResult:
    for hunk in patch.hunks:
        if base[hunk.start : hunk.end] != hunk.before:
            raise ValidationError(
                f"the patch was not made from this base: its hunk at offset {hunk.start} "
                f"expects {hunk.before!r}, the base has {base[hunk.start : hunk.end]!r}",
                hint="pass the text the patch was made from as base, or leave base out",
            )
    table: dict[str, str] = {}
    base_tokens, text_tokens = tokenize(base), tokenize(text)
    base_codes = _encode(base_tokens, table)
    text_codes = _encode(text_tokens, table)
    base_offsets = _offsets(base_tokens)
    token_at = {offset: k for k, offset in enumerate(base_offsets)}
    # The changes from base to text, as token ranges of base (an insertion is an empty range),
    # and the equal runs, to map base positions into text.
    regions: list[tuple[int, int]] = []
    runs: list[tuple[int, int, int]] = []  # base start, base end, text start
    pos_base = pos_text = 0
    for kind, data in _diff_codes(base_codes, text_codes):
        if kind is DiffKind.EQUAL:
            runs.append((pos_base, pos_base + len(data), pos_text))
            pos_base += len(data)
            pos_text += len(data)
        elif kind is DiffKind.DELETE:
            regions.append((pos_base, pos_base + len(data)))
            pos_base += len(data)
        else:
            regions.append((pos_base, pos_base))
            pos_text += len(data)
    applied: list[bool] = []
    edits: list[tuple[int, int, str]] = []  # text token range replaced, and by what
    for hunk in patch.hunks:
        lo = token_at[hunk.start]
        hi = token_at[hunk.end]
        if _touched(lo, hi, regions, hunk):
            applied.append(False)
            continue
        before, after = _hunk_codes(hunk, table)
        target = _map_position(lo, hi, runs, len(text_codes))
        if target is None or text_codes[target : target + len(before)] != before:
            applied.append(False)
            continue
        edits.append((target, target + len(before), after))
        applied.append(True)
    out = []
    cursor = 0
    for start, end, replacement in edits:
        out.append(text_codes[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text_codes[cursor:])
    return PatchResult(_join_codes("".join(out), table), tuple(applied), patch.hunks)


def _touched(lo: int, hi: int, regions: Sequence[tuple[int, int]], hunk: Hunk) -> bool:
    """Whether a change of ``regions`` touches the hunk's token range ``[lo, hi)``."""
    for a, b in regions:
        if a < b:
            if a < hi and b > lo:
                return True
        elif lo < a < hi:
            return True
        if (b == lo or a == lo) and not hunk.has_leading_context:
            return True
        if (a == hi or b == hi) and not hunk.has_trailing_context:
            return True
    return False


def _map_position(lo: int, hi: int, runs: Sequence[tuple[int, int, int]], size: int) -> int | None:
    """The text position of base token ``lo``, for a range ``[lo, hi)`` no change touches."""
    for start, end, text_start in runs:
        if start <= lo < end or (lo == hi and start <= lo <= end):
            return text_start + lo - start
    if lo == hi:  # an empty hunk range in an empty base
        return 0 if size == 0 else None
    return None


def count_kept(old: Sequence[str], new: Sequence[str]) -> int:
    """How many tokens a diff of two token sequences keeps, in order.

    The length of the common subsequence that diff-match-patch finds (without the semantic
    cleanup of :func:`diff_words`, which trades kept tokens for readable changes). Callers
    choose the tokens: words only, lower-cased words, ...

    >>> count_kept(["decides", "to", "convene", "a", "conference"],
    ...            ["decides", "to", "hold", "a", "conference"])
    4
    """
    table: dict[str, str] = {}
    old_codes = _encode(old, table)
    new_codes = _encode(new, table)
    engine = _engine()
    return sum(
        len(data)
        for op, data in engine.diff_main(old_codes, new_codes, False)
        if op == engine.DIFF_EQUAL
    )
