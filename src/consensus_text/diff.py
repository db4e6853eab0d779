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

__all__ = ["DiffKind", "DiffOp", "apply_ops", "diff_words", "similarity", "tokenize"]

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
