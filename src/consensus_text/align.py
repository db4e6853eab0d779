"""Paragraph alignment: which paragraph of one revision each paragraph of the next comes from.

A revision circulated as a document carries no paragraph ids. :func:`align_drafts` finds, for
each paragraph of the new draft, its ancestor in the old one, and says what happened to it:
unchanged, edited, renumbered, moved, split into several paragraphs, merged with others, new, or
(for an old paragraph without a successor) deleted. :meth:`Alignment.assign_ids` then gives the
new draft the ancestors' ids, which is what an importer records events against.

>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> def draft(*texts: str, prefix: str) -> Draft:
...     return Draft(paragraphs=[
...         Paragraph(f"{prefix}{n}", ParagraphKind.OPERATIVE, text, label=Label(n))
...         for n, text in enumerate(texts, start=1)])
>>> old = draft("Decides to convene a review conference in 2026;",
...             "Requests the Secretariat to support the preparatory process;",
...             "Encourages States to submit national reports.", prefix="p")
>>> new = draft("Welcomes the regional consultations held in 2023;",
...             "Decides to convene a high-level review conference in 2026;",
...             "Requests the Secretariat to support the preparatory process;",
...             "Encourages States to submit national reports.", prefix="n")
>>> alignment = align_drafts(old, new)
>>> for pair in alignment.pairs:
...     print(pair.kind.value, pair.old_ids, pair.new_ids, round(pair.score, 2))
new () ('n1',) 0.0
edited ('p1',) ('n2',) 0.89
renumbered ('p2',) ('n3',) 1.0
renumbered ('p3',) ('n4',) 1.0
>>> alignment.of_new("n2").edited, alignment.of_new("n2").renumbered
(True, True)
>>> [(p.id, p.version) for p in alignment.assign_ids()][1:]
[('p1', 2), ('p2', 1), ('p3', 1)]

How it scales: paragraphs whose text is unchanged are paired by hashing. Each other paragraph
is compared only with the handful of paragraphs of the other draft that share its rarest words
(an inverted index), ranked by the words they have in common weighted by rarity; the pairs are
chosen greedily, best first, each checked by a diff of their words. The order of the pairs (a
longest increasing subsequence) tells the paragraphs that moved from those that stayed in place
while others were inserted or deleted around them. 1,000 paragraphs against 1,000 take a small
fraction of a second, where comparing every pair with a diff takes many minutes
(``benchmarks/align.py``).
"""

from __future__ import annotations

import bisect
import enum
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import attrs

from consensus_text.diff import DiffOp, count_kept, diff_words
from consensus_text.errors import ParagraphNotFoundError, ValidationError
from consensus_text.model.paragraphs import Draft, Option, OptionGroup, Paragraph, ParagraphKind

__all__ = [
    "Alignment",
    "AlignmentKind",
    "Ambiguity",
    "Candidate",
    "Pairing",
    "align_drafts",
    "increasing_run",
]

_WORD = re.compile(r"\w+", re.UNICODE)

# Candidate generation: each paragraph votes for the paragraphs of the other draft that share
# its rarest words; the best-voted few are scored.
_RARE_WORDS = 10
_CANDIDATES = 6
_MIN_KEYS = 3  # the rarest words are keys whatever their frequency...
_POSTINGS_BUDGET = 400  # ...further ones while the paragraphs they point to number fewer
# Pairs whose rarity-weighted overlap is below this share of min_similarity are not paired,
# whatever their diff says: the words they share are the common ones.
_WEIGHTED_FLOOR = 0.8
# A split piece or merged part must have this share of its words in the whole it belongs to.
_PART_CONTAINMENT = 0.6
_MAX_PIECES = 12  # the most paragraphs one paragraph is split into (or merged from)
# A split or merge must beat the best one-to-one pairing of its paragraphs by this much.
_GROUP_PENALTY = 0.03
_MAX_DUPLICATES = 200  # identical texts paired by place up to this many copies, by order beyond


class AlignmentKind(enum.Enum):
    """What happened to a paragraph between two revisions.

    A pairing has one kind, the most telling, and flags for the rest (see :class:`Pairing`):
    a paragraph that moved and was edited is ``MOVED`` with ``edited=True``.
    """

    UNCHANGED = "unchanged"  #: same wording, same place, same label
    EDITED = "edited"  #: other wording, same place
    RENUMBERED = "renumbered"  #: same wording and place, another displayed label
    MOVED = "moved"  #: out of its former order (perhaps edited too)
    SPLIT = "split"  #: one old paragraph became several consecutive new ones
    MERGED = "merged"  #: several old paragraphs became one new one
    NEW = "new"  #: no ancestor
    DELETED = "deleted"  #: no successor


@attrs.frozen
class Pairing:
    """An old paragraph (or several) and what became of it in the new draft.

    Attributes:
        kind: the most telling change, see :class:`AlignmentKind`.
        old_ids: the ancestors' ids (empty for a new paragraph; several for a merge).
        new_ids: the successors' ids (empty for a deletion; several for a split).
        score: share of words kept in order, from 0.0 to 1.0: ``2 * kept / (words before +
            words after)``, counting the words of the wording only (case aside; punctuation,
            bracket markers and attributions do not count, so bracketing words keeps them);
            for splits and merges the texts are compared joined; 0.0 for new and deleted.
        ops: the word diff from the old wording to the new, when the wording changed.
        edited: the wording changed.
        renumbered: the displayed label changed (one-to-one pairings only).
        moved: the paragraph left its former order.
        overridden: the pairing was imposed by the caller (``overrides``).
    """

    kind: AlignmentKind
    old_ids: tuple[str, ...]
    new_ids: tuple[str, ...]
    score: float
    ops: tuple[DiffOp, ...] = ()
    edited: bool = False
    renumbered: bool = False
    moved: bool = False
    overridden: bool = False

    @property
    def is_change(self) -> bool:
        """Anything but ``UNCHANGED``."""
        return self.kind is not AlignmentKind.UNCHANGED


@attrs.frozen
class Candidate:
    """A possible partner of a paragraph and its score (share of words kept, as in Pairing)."""

    paragraph_id: str
    score: float


@attrs.frozen
class Ambiguity:
    """A paragraph with two or more plausible partners; the alignment chose one (or none).

    A rival is listed when its rarity-weighted overlap with the paragraph is within the margin
    of the chosen partner's and its share of words kept is too, or higher.

    Attributes:
        paragraph_id: the paragraph in question.
        side: ``"new"`` for a new paragraph with several possible ancestors, ``"old"`` for an
            old paragraph with several possible successors.
        candidates: the possible partners, best first.
        chosen: the partner the alignment chose, or None when it chose none.
    """

    paragraph_id: str
    side: Literal["old", "new"]
    candidates: tuple[Candidate, ...]
    chosen: str | None

    def __str__(self) -> str:
        what = "ancestors" if self.side == "new" else "successors"
        listed = ", ".join(f"{c.paragraph_id!r} ({c.score:.2f})" for c in self.candidates)
        chosen = f"paired with {self.chosen!r}" if self.chosen else "left unpaired"
        others = [c.paragraph_id for c in self.candidates if c.paragraph_id != self.chosen]
        if self.side == "new" and others:
            fix = f"pass overrides={{{self.paragraph_id!r}: {others[0]!r}}} to pair it otherwise"
        elif others:
            fix = f"pass overrides={{{others[0]!r}: {self.paragraph_id!r}}} to pair it otherwise"
        else:
            fix = "pass overrides to pair it otherwise"
        return (
            f"{self.side} paragraph {self.paragraph_id!r} has {len(self.candidates)} possible "
            f"{what}: {listed}; {chosen}; {fix}"
        )


def _by_id(pairs: Iterable[Pairing], side: Literal["old", "new"]) -> dict[str, Pairing]:
    out = {}
    for pair in pairs:
        for pid in pair.old_ids if side == "old" else pair.new_ids:
            out[pid] = pair
    return out


@attrs.frozen
class Alignment:
    """The pairing of the paragraphs of two drafts.

    Attributes:
        pairs: every pairing, in the order of the new draft; a deleted paragraph comes after the
            pairing of the old paragraph before it.
        ambiguities: the paragraphs that had two or more partners of similar score.
        old: the old draft.
        new: the new draft.
    """

    pairs: tuple[Pairing, ...]
    ambiguities: tuple[Ambiguity, ...]
    old: Draft = attrs.field(repr=False, eq=False)
    new: Draft = attrs.field(repr=False, eq=False)
    _old_index: dict[str, Pairing] = attrs.field(init=False, repr=False, eq=False)
    _new_index: dict[str, Pairing] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_old_index", _by_id(self.pairs, "old"))
        object.__setattr__(self, "_new_index", _by_id(self.pairs, "new"))

    def of_new(self, new_id: str) -> Pairing:
        """The pairing of a paragraph of the new draft.

        Raises:
            ParagraphNotFoundError: no active paragraph of the new draft has that id.
        """
        try:
            return self._new_index[new_id]
        except KeyError:
            raise ParagraphNotFoundError(
                f"no paragraph {new_id!r} in the new draft of this alignment",
                hint="ids of the old draft are looked up with of_old()",
            ) from None

    def of_old(self, old_id: str) -> Pairing:
        """The pairing of a paragraph of the old draft.

        Raises:
            ParagraphNotFoundError: no active paragraph of the old draft has that id.
        """
        try:
            return self._old_index[old_id]
        except KeyError:
            raise ParagraphNotFoundError(
                f"no paragraph {old_id!r} in the old draft of this alignment",
                hint="ids of the new draft are looked up with of_new(); tombstones are not aligned",
            ) from None

    def counts(self) -> dict[AlignmentKind, int]:
        """How many pairings of each kind (kinds that do not occur are left out)."""
        return dict(Counter(pair.kind for pair in self.pairs))

    def changes(self) -> tuple[Pairing, ...]:
        """The pairings that are not ``UNCHANGED``, in order."""
        return tuple(pair for pair in self.pairs if pair.is_change)

    def assign_ids(self, new: Draft | None = None, *, prefix: str = "p") -> Draft:
        """The new draft with the ancestors' ids carried over.

        A paragraph paired one to one takes its ancestor's id, and its version: the same when
        the wording is unchanged, one more when it was edited. The paragraphs of a split or a
        merge, and new paragraphs, get fresh ids, derived from their text (the same text in the
        same place gives the same id), never one of the old draft's ids, tombstones included.
        Parents and option groups are renamed to match.

        Args:
            new: the aligned new draft (the default), or a copy of it with the same ids.
            prefix: how fresh ids start.

        Raises:
            ValidationError: ``new`` does not have the ids of the aligned draft.
        """
        draft = self.new if new is None else new
        if [p.id for p in draft] != [p.id for p in self.new]:
            raise ValidationError(
                "the draft passed to assign_ids() is not the one that was aligned",
                hint="call assign_ids() without argument, or align this draft first",
            )
        reserved = {p.id for p in self.old}
        mapping: dict[str, str] = {}
        versions: dict[str, int] = {}
        for pair in self.pairs:
            if len(pair.old_ids) == 1 and len(pair.new_ids) == 1:
                ancestor = self.old.paragraph(pair.old_ids[0])
                mapping[pair.new_ids[0]] = ancestor.id
                versions[ancestor.id] = ancestor.version + (1 if pair.edited else 0)
        reserved.update(mapping.values())
        seen: Counter[str] = Counter()
        for paragraph in draft:
            if paragraph.id in mapping:
                continue
            seed = f"{paragraph.kind.value}\x00{paragraph.text}"
            seen[seed] += 1
            k = seen[seed]
            while True:
                digest = hashlib.sha256(f"{seed}\x00{k}".encode()).hexdigest()
                fresh = f"{prefix}{digest[:10]}"
                if fresh not in reserved:
                    break
                k += 1_000_003  # a collision: try another seed, deterministically
            reserved.add(fresh)
            mapping[paragraph.id] = fresh
        paragraphs = []
        for paragraph in draft:
            pid = mapping[paragraph.id]
            paragraphs.append(
                attrs.evolve(
                    paragraph,
                    id=pid,
                    parent=None if paragraph.parent is None else mapping[paragraph.parent],
                    version=versions.get(pid, 1),
                )
            )
        groups = tuple(
            OptionGroup(
                group.id,
                tuple(
                    Option(
                        option.label,
                        tuple(mapping[pid] for pid in option.paragraph_ids),
                        option.attribution,
                    )
                    for option in group.options
                ),
            )
            for group in draft.option_groups
        )
        return attrs.evolve(draft, paragraphs=tuple(paragraphs), option_groups=groups)


# ----------------------------------------------------------------------------------------------
# The algorithm


@attrs.define
class _Item:
    """A paragraph prepared for alignment."""

    paragraph: Paragraph
    position: int  # index among the aligned paragraphs of its draft
    relative: float  # position / count, for comparing places across drafts of other lengths
    key: str  # whitespace-normalized text, for exact matching
    words: list[str]  # lower-case words of the wording without bracket markers or attributions
    bag: dict[str, int]  # lower-case words and their counts
    size: int  # number of words
    heading: bool
    weight: float = 0.0  # the words weighted by rarity (set with the candidates)


def _prepare(draft: Draft) -> list[_Item]:
    paragraphs = list(draft.active())
    count = max(1, len(paragraphs))
    items = []
    for position, paragraph in enumerate(paragraphs):
        words = _WORD.findall(paragraph.tree.plain_text().lower())
        items.append(
            _Item(
                paragraph=paragraph,
                position=position,
                relative=position / count,
                key=" ".join(paragraph.text.split()),
                words=words,
                bag=dict(Counter(words)),
                size=len(words),
                heading=paragraph.kind is ParagraphKind.HEADING,
            )
        )
    return items


def _overlap(a: Mapping[str, int], b: Mapping[str, int], idf: Mapping[str, float]) -> float:
    """The words two bags have in common, each weighted by its rarity."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    total = 0.0
    for word, count in a.items():
        other = get(word)
        if other:
            total += (count if count < other else other) * idf[word]
    return total


def _dice(overlap: float, size_a: float, size_b: float) -> float:
    return 1.0 if size_a + size_b == 0 else 2 * overlap / (size_a + size_b)


@attrs.define
class _Match:
    olds: tuple[int, ...]
    news: tuple[int, ...]
    score: float  # share of words kept
    weighted: float = 1.0  # the rarity-weighted word overlap that ranked the match
    overridden: bool = False


def _merged_bag(items: Sequence[_Item]) -> dict[str, int]:
    bag: Counter[str] = Counter()
    for item in items:
        bag.update(item.bag)
    return dict(bag)


# An option of the greedy choice: ranking score, size, distance of places, olds, news.
_Option = tuple[float, int, float, tuple[int, ...], tuple[int, ...]]


class _Matcher:
    """One alignment run: the state shared by its stages."""

    def __init__(
        self,
        old: list[_Item],
        new: list[_Item],
        *,
        min_similarity: float,
        margin: float,
    ) -> None:
        self.old = old
        self.new = new
        self.min_similarity = min_similarity
        self.margin = margin
        self.old_match: dict[int, _Match] = {}
        self.new_match: dict[int, _Match] = {}
        self.matches: list[_Match] = []
        self.ambiguities: list[Ambiguity] = []
        # Candidate pairs (new index, old index) -> rarity-weighted word overlap.
        self.overlaps: dict[tuple[int, int], float] = {}
        self.idf: dict[bool, dict[str, float]] = {False: {}, True: {}}  # per heading or not
        self.scores: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def add(self, match: _Match) -> None:
        self.matches.append(match)
        for o in match.olds:
            self.old_match[o] = match
        for n in match.news:
            self.new_match[n] = match

    def similarity(self, olds: tuple[int, ...], news: tuple[int, ...]) -> float:
        """The share of words kept from old to new paragraphs (joined), in order; cached."""
        key = (olds, news)
        found = self.scores.get(key)
        if found is None:
            old_words = [w for o in olds for w in self.old[o].words]
            new_words = [w for n in news for w in self.new[n].words]
            total = len(old_words) + len(new_words)
            found = 1.0 if total == 0 else 2 * count_kept(old_words, new_words) / total
            self.scores[key] = found
        return found

    # -- stage 1: identical texts -----------------------------------------------------------

    def match_identical(self) -> None:
        old_by_key: dict[tuple[bool, str], list[int]] = defaultdict(list)
        new_by_key: dict[tuple[bool, str], list[int]] = defaultdict(list)
        for item in self.old:
            if item.position not in self.old_match:
                old_by_key[item.heading, item.key].append(item.position)
        for item in self.new:
            if item.position not in self.new_match:
                new_by_key[item.heading, item.key].append(item.position)
        for key, news in new_by_key.items():
            olds = old_by_key.get(key)
            if not olds:
                continue
            if len(olds) == 1 and len(news) == 1:
                self.add(_Match((olds[0],), (news[0],), 1.0))
                continue
            for o, n in self._pair_duplicates(olds, news):
                self.add(_Match((o,), (n,), 1.0))
            if len(olds) != len(news):
                self._report_duplicates(olds, news)

    def _pair_duplicates(self, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
        """Pair paragraphs of identical text in order, as many as possible, nearest places first.

        A dynamic programme over the two lists (the copies a draft repeats are few); beyond
        :data:`_MAX_DUPLICATES` copies, the first old copy goes with the first new one, and so on.
        """
        m, n = len(olds), len(news)
        if m == n or m > _MAX_DUPLICATES or n > _MAX_DUPLICATES:
            return list(zip(olds, news, strict=False))
        # best[i][j]: the least total distance pairing min(i, j) copies of olds[:i] and news[:j].
        inf = float("inf")
        best = [[0.0 if i == 0 or j == 0 else inf for j in range(n + 1)] for i in range(m + 1)]
        for i in range(1, m + 1):
            for j in range(1, n + 1):
                distance = abs(self.old[olds[i - 1]].relative - self.new[news[j - 1]].relative)
                paired = best[i - 1][j - 1] + distance
                if i > j:
                    paired = min(paired, best[i - 1][j])  # old copy i left unpaired
                elif j > i:
                    paired = min(paired, best[i][j - 1])  # new copy j left unpaired
                best[i][j] = paired
        pairs: list[tuple[int, int]] = []
        i, j = m, n
        while i and j:
            distance = abs(self.old[olds[i - 1]].relative - self.new[news[j - 1]].relative)
            if i > j and best[i][j] == best[i - 1][j]:
                i -= 1
            elif j > i and best[i][j] == best[i][j - 1]:
                j -= 1
            else:
                pairs.append((olds[i - 1], news[j - 1]))
                i, j = i - 1, j - 1
        return pairs[::-1]

    def _report_duplicates(self, olds: list[int], news: list[int]) -> None:
        """One ambiguity per copy on the side with fewer copies: its possible partners."""
        if len(news) < len(olds):
            for n in news:
                chosen = self.new_match[n].olds[0]
                self.ambiguities.append(
                    Ambiguity(
                        self.new[n].paragraph.id,
                        "new",
                        tuple(Candidate(self.old[o].paragraph.id, 1.0) for o in olds),
                        self.old[chosen].paragraph.id,
                    )
                )
        else:
            for o in olds:
                chosen = self.old_match[o].news[0]
                self.ambiguities.append(
                    Ambiguity(
                        self.old[o].paragraph.id,
                        "old",
                        tuple(Candidate(self.new[n].paragraph.id, 1.0) for n in news),
                        self.new[chosen].paragraph.id,
                    )
                )

    # -- stage 2: candidates through rare words ---------------------------------------------

    def generate_candidates(self) -> None:
        for heading in (False, True):
            olds = [
                i for i in self.old if i.heading is heading and i.position not in self.old_match
            ]
            news = [
                i for i in self.new if i.heading is heading and i.position not in self.new_match
            ]
            if olds and news:
                self._candidates(olds, news, self.idf[heading])

    def _candidates(self, olds: list[_Item], news: list[_Item], idf: dict[str, float]) -> None:
        df: Counter[str] = Counter()
        old_postings: dict[str, list[int]] = defaultdict(list)
        new_postings: dict[str, list[int]] = defaultdict(list)
        for item in olds:
            df.update(item.bag.keys())
            for word in item.bag:
                old_postings[word].append(item.position)
        for item in news:
            df.update(item.bag.keys())
            for word in item.bag:
                new_postings[word].append(item.position)
        total = len(olds) + len(news)
        idf.update((word, math.log(1.0 + total / count)) for word, count in df.items())
        for item in (*olds, *news):
            item.weight = sum(count * idf[word] for word, count in item.bag.items())
        overlaps = self.overlaps
        for side_items, postings, others, is_new in (
            (news, old_postings, self.old, True),
            (olds, new_postings, self.new, False),
        ):
            for item in side_items:
                votes: Counter[int] = Counter()
                budget = 0
                keys = sorted((df[w], w) for w in item.bag)[:_RARE_WORDS]
                for k, (count, word) in enumerate(keys):
                    if k >= _MIN_KEYS and budget + count > _POSTINGS_BUDGET:
                        break
                    budget += count
                    votes.update(postings.get(word, ()))
                if not votes:
                    continue
                ranked = sorted(
                    votes.items(),
                    key=lambda kv: (-kv[1], abs(others[kv[0]].relative - item.relative)),
                )
                for other, _ in ranked[:_CANDIDATES]:
                    pair = (item.position, other) if is_new else (other, item.position)
                    if pair not in overlaps:
                        overlaps[pair] = _overlap(item.bag, others[other].bag, idf)

    # -- stage 3: choose one-to-one pairs, splits and merges ----------------------------------

    def choose(self) -> None:
        options: list[_Option] = []
        by_old: dict[int, list[int]] = defaultdict(list)
        by_new: dict[int, list[int]] = defaultdict(list)
        floor = self.min_similarity * _WEIGHTED_FLOOR
        for (n, o), overlap in self.overlaps.items():
            new, old = self.new[n], self.old[o]
            weighted = _dice(overlap, new.weight, old.weight)
            if weighted >= floor:
                options.append((weighted, 1, abs(new.relative - old.relative), (o,), (n,)))
            if new.weight and overlap / new.weight >= _PART_CONTAINMENT:
                by_old[o].append(n)
            if old.weight and overlap / old.weight >= _PART_CONTAINMENT:
                by_new[n].append(o)
        for o, parts in by_old.items():
            best = self._best_group(self.old[o], sorted(parts), self.new)
            if best is not None and best[0] >= floor:
                score, run = best
                distance = abs(self.old[o].relative - self.new[run[0]].relative)
                options.append((score - _GROUP_PENALTY, len(run), distance, (o,), run))
        for n, parts in by_new.items():
            best = self._best_group(self.new[n], sorted(parts), self.old)
            if best is not None and best[0] >= floor:
                score, run = best
                distance = abs(self.new[n].relative - self.old[run[0]].relative)
                options.append((score - _GROUP_PENALTY, len(run), distance, run, (n,)))
        options.sort(key=lambda opt: (-opt[0], opt[1], opt[2], opt[3], opt[4]))
        for weighted, _, _, olds, news in options:
            if any(o in self.old_match for o in olds) or any(n in self.new_match for n in news):
                continue
            score = self.similarity(olds, news)
            if score < self.min_similarity:
                continue
            self.add(_Match(olds, news, score, weighted))

    def _best_group(
        self, whole: _Item, parts: list[int], items: list[_Item]
    ) -> tuple[float, tuple[int, ...]] | None:
        """The best run of two or more consecutive ``parts`` that together make ``whole``."""
        runs: list[list[int]] = []
        for p in parts:
            if runs and p == runs[-1][-1] + 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        idf = self.idf[whole.heading]
        best: tuple[float, tuple[int, ...]] | None = None
        for run in runs:
            if len(run) < 2:
                continue
            for i in range(len(run) - 1):
                for j in range(i + 2, min(len(run), i + _MAX_PIECES) + 1):
                    members = [items[k] for k in run[i:j]]
                    if any(m.heading is not whole.heading for m in members):
                        continue
                    weight = sum(m.weight for m in members)
                    overlap = _overlap(_merged_bag(members), whole.bag, idf)
                    score = _dice(overlap, weight, whole.weight)
                    if best is None or score > best[0]:
                        best = (score, tuple(run[i:j]))
        return best

    # -- ambiguities ---------------------------------------------------------------------

    def find_ambiguities(self) -> None:
        by_new: dict[int, list[tuple[int, float]]] = defaultdict(list)
        by_old: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for (n, o), overlap in self.overlaps.items():
            weighted = _dice(overlap, self.new[n].weight, self.old[o].weight)
            by_new[n].append((o, weighted))
            by_old[o].append((n, weighted))
        for n, options in by_new.items():
            self._ambiguity("new", n, options)
        for o, options in by_old.items():
            self._ambiguity("old", o, options)

    def _ambiguity(
        self, side: Literal["old", "new"], index: int, options: list[tuple[int, float]]
    ) -> None:
        mine, theirs = (self.new, self.old) if side == "new" else (self.old, self.new)
        own = self.new_match if side == "new" else self.old_match
        other_match = self.old_match if side == "new" else self.new_match
        match = own.get(index)
        if match is None or match.overridden or len(match.olds) != 1 or len(match.news) != 1:
            return
        partner = match.olds[0] if side == "new" else match.news[0]
        rivals = []
        for other, weighted in options:
            if other == partner or weighted < match.weighted - self.margin:
                continue
            pair = ((other,), (index,)) if side == "new" else ((index,), (other,))
            score = self.similarity(*pair)
            if score < self.min_similarity or score < match.score - self.margin:
                continue
            # A rival clearly better paired elsewhere is no rival.
            elsewhere = other_match.get(other)
            if elsewhere is not None and elsewhere.score > score + self.margin:
                continue
            rivals.append((other, score))
        if not rivals:
            return
        listed = sorted([(partner, match.score), *rivals], key=lambda kv: (-kv[1], kv[0]))
        self.ambiguities.append(
            Ambiguity(
                mine[index].paragraph.id,
                side,
                tuple(Candidate(theirs[k].paragraph.id, round(s, 4)) for k, s in listed),
                theirs[partner].paragraph.id,
            )
        )


def increasing_run(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``.

    The paragraphs that stayed in place between two revisions are such a run of their old
    positions, taken in their new order; the others moved.

    >>> sorted(increasing_run([0, 3, 1, 2, 4]))
    [0, 2, 3, 4]
    """
    tails: list[int] = []  # values at the end of the best run of each length
    tails_at: list[int] = []  # their indexes
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tails_at.append(i)
        else:
            tails[k] = value
            tails_at[k] = i
        previous[i] = tails_at[k - 1] if k else -1
    out: set[int] = set()
    i = tails_at[-1] if tails_at else -1
    while i >= 0:
        out.add(i)
        i = previous[i]
    return out


def _resolve_overrides(
    overrides: Mapping[str, str | Sequence[str] | None],
    old: list[_Item],
    new: list[_Item],
) -> tuple[list[_Match], set[int]]:
    """The matches the caller imposed, and the new paragraphs forced to be new."""
    old_at = {item.paragraph.id: item.position for item in old}
    new_at = {item.paragraph.id: item.position for item in new}
    forced_new: set[int] = set()
    merges: list[_Match] = []
    by_ancestor: dict[int, list[int]] = defaultdict(list)
    used_old: dict[int, str] = {}
    for new_id, target in overrides.items():
        if new_id not in new_at:
            raise ParagraphNotFoundError(
                f"override names {new_id!r}, which is not an active paragraph of the new draft",
                hint="overrides map new paragraph ids to old ones: {new_id: old_id}",
            )
        n = new_at[new_id]
        if target is None:
            forced_new.add(n)
            continue
        targets = (target,) if isinstance(target, str) else tuple(target)
        if not targets:
            forced_new.add(n)
            continue
        for old_id in targets:
            if old_id not in old_at:
                raise ParagraphNotFoundError(
                    f"override pairs {new_id!r} with {old_id!r}, which is not an active "
                    "paragraph of the old draft",
                    hint="overrides map new paragraph ids to old ones: {new_id: old_id}",
                )
        positions = tuple(sorted(old_at[t] for t in targets))
        if len(positions) == 1:
            by_ancestor[positions[0]].append(n)
            continue
        for o in positions:
            if o in used_old:
                raise ValidationError(
                    f"override uses old paragraph {old[o].paragraph.id!r} for both "
                    f"{used_old[o]!r} and {new_id!r} in a merge",
                    hint="an old paragraph is merged into one new paragraph only",
                )
            used_old[o] = new_id
        merges.append(_Match(positions, (n,), 0.0, overridden=True))
    matches = list(merges)
    for o, news in sorted(by_ancestor.items()):
        if o in used_old:
            raise ValidationError(
                f"override uses old paragraph {old[o].paragraph.id!r} both in a merge "
                f"({used_old[o]!r}) and for {', '.join(repr(new[n].paragraph.id) for n in news)}",
                hint="a paragraph is either merged or split, not both",
            )
        matches.append(_Match((o,), tuple(sorted(news)), 0.0, overridden=True))
    return matches, forced_new


def align_drafts(
    old: Draft,
    new: Draft,
    *,
    overrides: Mapping[str, str | Sequence[str] | None] | None = None,
    ambiguity_margin: float = 0.05,
    min_similarity: float = 0.5,
) -> Alignment:
    """Pair the paragraphs of ``new`` with their ancestors in ``old``.

    Only active paragraphs are aligned (tombstones are not), and headings only with headings.
    Identical texts are paired first (a text repeated in a draft, by place). The others are
    paired when at least ``min_similarity`` of their words are kept (:attr:`Pairing.score`)
    and the words they share are not only the common ones: candidates are ranked by their
    words in common weighted by rarity, and a pair whose weighted share is below 0.8 times
    ``min_similarity`` is not made. A split is one old paragraph whose words are found in two
    or more consecutive new paragraphs, each made mostly of its words; a merge is the reverse;
    either must fit better than pairing the old paragraph with one of the pieces alone.

    Args:
        old: the earlier draft.
        new: the later draft; its ids are whatever its importer gave.
        overrides: pairings imposed by the caller, from a new paragraph's id to its ancestor's
            id, to several ancestors' ids (a merge), or to None (a new paragraph). Several new
            paragraphs given the same ancestor are a split.
        ambiguity_margin: a partner whose score is within this of the chosen one's makes the
            pairing ambiguous; ambiguities are reported in :attr:`Alignment.ambiguities`.
        min_similarity: the least share of words kept for two paragraphs to be paired.

    Raises:
        ParagraphNotFoundError: an override names a paragraph that is not in its draft.
        ValidationError: overrides that contradict each other, or a threshold outside 0-1.

    >>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
    >>> OP = ParagraphKind.OPERATIVE
    >>> old = Draft(paragraphs=[Paragraph("a", OP, "Decides to hold annual meetings and to "
    ...                                   "convene a review conference every four years;")])
    >>> new = Draft(paragraphs=[Paragraph("x", OP, "Decides to hold annual meetings;"),
    ...                         Paragraph("y", OP, "Also decides to convene a review "
    ...                                   "conference every four years;")])
    >>> pair = align_drafts(old, new).of_old("a")
    >>> pair.kind.value, pair.new_ids
    ('split', ('x', 'y'))
    """
    for name, value in (("ambiguity_margin", ambiguity_margin), ("min_similarity", min_similarity)):
        if not 0.0 <= value <= 1.0:
            raise ValidationError(f"{name} must be between 0 and 1, not {value!r}")
    old_items, new_items = _prepare(old), _prepare(new)
    matcher = _Matcher(old_items, new_items, min_similarity=min_similarity, margin=ambiguity_margin)
    imposed, forced_new = _resolve_overrides(overrides or {}, old_items, new_items)
    for match in imposed:
        matcher.add(match)
    for n in forced_new:
        matcher.new_match[n] = _Match((), (n,), 0.0, overridden=True)
    matcher.match_identical()
    matcher.generate_candidates()
    matcher.choose()
    matcher.find_ambiguities()
    for n in forced_new:
        del matcher.new_match[n]
    return _build(old, new, old_items, new_items, matcher, forced_new)


def _build(
    old: Draft,
    new: Draft,
    old_items: list[_Item],
    new_items: list[_Item],
    matcher: _Matcher,
    forced_new: set[int],
) -> Alignment:
    matches = sorted(matcher.matches, key=lambda m: m.news[0])
    in_place = increasing_run([m.olds[0] for m in matches])
    placed: list[tuple[tuple[float, int, int], Pairing]] = []
    for k, match in enumerate(matches):
        olds = [old_items[o] for o in match.olds]
        news = [new_items[n] for n in match.news]
        old_text = "\n".join(i.paragraph.text for i in olds)
        new_text = "\n".join(i.paragraph.text for i in news)
        edited = old_text != new_text
        ops = diff_words(old_text, new_text) if edited else ()
        score = matcher.similarity(match.olds, match.news) if edited else 1.0
        moved = k not in in_place
        one_to_one = len(olds) == 1 and len(news) == 1
        renumbered = one_to_one and olds[0].paragraph.label != news[0].paragraph.label
        if len(news) > 1:
            kind = AlignmentKind.SPLIT
        elif len(olds) > 1:
            kind = AlignmentKind.MERGED
        elif moved:
            kind = AlignmentKind.MOVED
        elif edited:
            kind = AlignmentKind.EDITED
        elif renumbered:
            kind = AlignmentKind.RENUMBERED
        else:
            kind = AlignmentKind.UNCHANGED
        pairing = Pairing(
            kind=kind,
            old_ids=tuple(i.paragraph.id for i in olds),
            new_ids=tuple(i.paragraph.id for i in news),
            score=score,
            ops=ops,
            edited=edited,
            renumbered=renumbered,
            moved=moved,
            overridden=match.overridden,
        )
        placed.append(((match.news[0], 0, 0), pairing))
    for item in new_items:
        if item.position not in matcher.new_match:
            pairing = Pairing(
                AlignmentKind.NEW,
                (),
                (item.paragraph.id,),
                0.0,
                overridden=item.position in forced_new,
            )
            placed.append(((item.position, 0, 0), pairing))
    # A deletion goes after the successor of the old paragraph before it.
    anchor = -1
    for item in old_items:
        successor = matcher.old_match.get(item.position)
        if successor is not None:
            anchor = successor.news[-1]
            continue
        pairing = Pairing(AlignmentKind.DELETED, (item.paragraph.id,), (), 0.0)
        placed.append(((anchor, 1, item.position), pairing))
    placed.sort(key=lambda kv: kv[0])
    return Alignment(
        pairs=tuple(pairing for _, pairing in placed),
        ambiguities=tuple(matcher.ambiguities),
        old=old,
        new=new,
    )
