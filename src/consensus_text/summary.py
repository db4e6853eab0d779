"""Revision summaries: what changed between two drafts, paragraph by paragraph.

:func:`summarize_revisions` aligns the two drafts (or takes an alignment already made) and
counts, for every paragraph that changed, the words added and removed and the contested
elements (brackets, alternatives, placeholders) that appeared or went away, with who changed it
where that is known. :func:`format_summary` writes it out for a reader.

>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> OP = ParagraphKind.OPERATIVE
>>> old = Draft(paragraphs=[
...     Paragraph("p1", OP, "Decides to [convene] a review conference in 2026;", label=Label(1)),
...     Paragraph("p2", OP, "Requests the Secretariat to support the process.", label=Label(2))])
>>> new = Draft(paragraphs=[
...     Paragraph("n1", OP, "Decides to convene a review conference in [2026][2027]{USA};",
...               label=Label(1)),
...     Paragraph("n2", OP, "Requests the Secretariat to support the process.", label=Label(2))])
>>> summary = summarize_revisions(old, new, authors={"n1": "USA"})
>>> summary.words_added, summary.words_removed, summary.brackets_added, summary.brackets_removed
(1, 0, 1, 1)
>>> print(format_summary(summary))
Revision summary: 2 paragraphs -> 2 paragraphs
  1 edited, 1 unchanged
  words: +1 -0; contested elements: +1 -1; bracket pairs: 1 -> 2
<BLANKLINE>
  1: edited (kept 0.94) by USA; words +1 -0; added [2026][2027]{USA} (USA); removed [convene]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import attrs

from consensus_text.align import Alignment, AlignmentKind, Ambiguity, Pairing, align_drafts
from consensus_text.diff import count_kept
from consensus_text.model.brackets import Alternatives, Bracket, BracketedText, Element
from consensus_text.model.paragraphs import Draft, Paragraph

__all__ = [
    "ElementChange",
    "ParagraphChange",
    "RevisionSummary",
    "format_summary",
    "summarize_revisions",
]

_WORD = re.compile(r"\w+", re.UNICODE)

# The order kinds are listed in.
_KIND_ORDER = (
    AlignmentKind.NEW,
    AlignmentKind.DELETED,
    AlignmentKind.EDITED,
    AlignmentKind.MOVED,
    AlignmentKind.SPLIT,
    AlignmentKind.MERGED,
    AlignmentKind.RENUMBERED,
    AlignmentKind.UNCHANGED,
)


@attrs.frozen
class ElementChange:
    """A contested element (bracket, alternatives, placeholder) that appeared or went away.

    Attributes:
        paragraph_id: the paragraph (of the new draft if it has one there, else of the old).
        kind: ``"bracket"``, ``"alternatives"`` or ``"placeholder"``.
        source: the element as written, brackets and attribution included.
        attribution: the participants the text attributes it to (``[shall]{EU}``).
        added: True when it appeared, False when it went away.
    """

    paragraph_id: str
    kind: str
    source: str
    attribution: tuple[str, ...] = ()
    added: bool = True


@attrs.frozen
class ParagraphChange:
    """One paragraph (or group of paragraphs, for splits and merges) that changed.

    Attributes:
        pairing: the alignment's pairing.
        old_labels: the displayed labels in the old draft.
        new_labels: the displayed labels in the new draft.
        words_added: words inserted (in the wording without bracket markers and attributions,
            counted on a word diff of the two wordings).
        words_removed: words deleted.
        elements_added: contested elements that appeared.
        elements_removed: contested elements that went away (accepted, deleted, chosen ...).
        authors: who made the change, where known.
    """

    pairing: Pairing
    old_labels: tuple[str, ...] = ()
    new_labels: tuple[str, ...] = ()
    words_added: int = 0
    words_removed: int = 0
    elements_added: tuple[ElementChange, ...] = ()
    elements_removed: tuple[ElementChange, ...] = ()
    authors: tuple[str, ...] = ()

    @property
    def kind(self) -> AlignmentKind:
        """The kind of change."""
        return self.pairing.kind

    @property
    def paragraph_id(self) -> str:
        """The first id of the new draft, or of the old one for a deletion."""
        return (self.pairing.new_ids or self.pairing.old_ids)[0]


@attrs.frozen
class RevisionSummary:
    """What changed between two drafts.

    Attributes:
        changes: every pairing that is not ``UNCHANGED``, in the order of the new draft.
        counts: how many pairings of each kind, unchanged included.
        old_paragraphs: the number of active paragraphs of the old draft.
        new_paragraphs: the same for the new draft.
        old_brackets: bracket pairs in the old draft (each option of ``[a][b]`` counts).
        new_brackets: the same for the new draft.
        ambiguities: the alignment's ambiguous pairings, to check.
    """

    changes: tuple[ParagraphChange, ...]
    counts: Mapping[AlignmentKind, int]
    old_paragraphs: int
    new_paragraphs: int
    old_brackets: int
    new_brackets: int
    ambiguities: tuple[Ambiguity, ...] = ()

    @property
    def changed(self) -> int:
        """The number of pairings that are not ``UNCHANGED``."""
        return len(self.changes)

    @property
    def words_added(self) -> int:
        """Words inserted, over all paragraphs."""
        return sum(c.words_added for c in self.changes)

    @property
    def words_removed(self) -> int:
        """Words deleted, over all paragraphs."""
        return sum(c.words_removed for c in self.changes)

    @property
    def brackets_added(self) -> int:
        """Contested elements that appeared, over all paragraphs."""
        return sum(len(c.elements_added) for c in self.changes)

    @property
    def brackets_removed(self) -> int:
        """Contested elements that went away, over all paragraphs."""
        return sum(len(c.elements_removed) for c in self.changes)

    def of_kind(self, kind: AlignmentKind) -> tuple[ParagraphChange, ...]:
        """The changes of one kind."""
        return tuple(c for c in self.changes if c.kind is kind)

    def by_author(self) -> dict[str | None, tuple[ParagraphChange, ...]]:
        """The changes grouped by author; changes of unknown author under None."""
        grouped: dict[str | None, list[ParagraphChange]] = {}
        for change in self.changes:
            for author in change.authors or (None,):
                grouped.setdefault(author, []).append(change)
        return {author: tuple(changes) for author, changes in grouped.items()}


def _attribution(element: Element) -> tuple[str, ...]:
    node = element.node
    if isinstance(node, Bracket):
        return node.attribution
    if isinstance(node, Alternatives):
        codes = list(node.attribution)
        for option in node.options:
            codes.extend(c for c in option.attribution if c not in codes)
        return tuple(codes)
    return ()


def _elements(paragraphs: Sequence[Paragraph]) -> list[tuple[tuple[str, str], str, Element]]:
    """Each contested element with its identity: its kind and wording without markers.

    Comparing wording without markers makes an outer bracket whose inner bracket was accepted
    the same element as before: only the inner one went away.
    """
    out: list[tuple[tuple[str, str], str, Element]] = []
    for paragraph in paragraphs:
        tree = paragraph.tree
        rendered = tree.render()
        for element in tree.elements():
            plain = " ".join(BracketedText((element.node,)).plain_text().split())
            out.append(((element.kind, plain), element.source(rendered), element))
    return out


def _element_changes(
    olds: Sequence[Paragraph], news: Sequence[Paragraph], paragraph_id: str
) -> tuple[tuple[ElementChange, ...], tuple[ElementChange, ...]]:
    old_elements = _elements(olds)
    new_elements = _elements(news)
    old_keys = Counter(key for key, _, _ in old_elements)
    new_keys = Counter(key for key, _, _ in new_elements)
    added = []
    for key, source, element in new_elements:
        if old_keys[key] > 0:
            old_keys[key] -= 1
            continue
        added.append(ElementChange(paragraph_id, key[0], source, _attribution(element), True))
    removed = []
    for key, source, element in old_elements:
        if new_keys[key] > 0:
            new_keys[key] -= 1
            continue
        removed.append(ElementChange(paragraph_id, key[0], source, _attribution(element), False))
    return tuple(added), tuple(removed)


def summarize_revisions(
    old: Draft,
    new: Draft,
    *,
    alignment: Alignment | None = None,
    authors: Mapping[str, str] | None = None,
) -> RevisionSummary:
    """Summarize the changes from ``old`` to ``new``.

    Args:
        old: the earlier draft.
        new: the later draft.
        alignment: the alignment of the two, if already made (with overrides, say); computed
            with :func:`consensus_text.align.align_drafts` otherwise.
        authors: who changed which paragraph, by paragraph id (of either draft), when known:
            the proposer of an accepted amendment, the facilitator of a section.
    """
    if alignment is None:
        alignment = align_drafts(old, new)
    authors = authors or {}
    changes = []
    for pairing in alignment.pairs:
        if not pairing.is_change:
            continue
        olds = [old.paragraph(pid) for pid in pairing.old_ids]
        news = [new.paragraph(pid) for pid in pairing.new_ids]
        old_words = [w for p in olds for w in _WORD.findall(p.tree.plain_text())]
        new_words = [w for p in news for w in _WORD.findall(p.tree.plain_text())]
        kept = count_kept(old_words, new_words) if old_words != new_words else len(old_words)
        added, removed = len(new_words) - kept, len(old_words) - kept
        paragraph_id = (pairing.new_ids or pairing.old_ids)[0]
        elements_added, elements_removed = _element_changes(olds, news, paragraph_id)
        who: list[str] = []
        for pid in (*pairing.new_ids, *pairing.old_ids):
            author = authors.get(pid)
            if author is not None and author not in who:
                who.append(author)
        changes.append(
            ParagraphChange(
                pairing=pairing,
                old_labels=tuple(p.display_label for p in olds),
                new_labels=tuple(p.display_label for p in news),
                words_added=added,
                words_removed=removed,
                elements_added=elements_added,
                elements_removed=elements_removed,
                authors=tuple(who),
            )
        )
    counts = dict.fromkeys(_KIND_ORDER, 0)
    counts.update(alignment.counts())
    return RevisionSummary(
        changes=tuple(changes),
        counts=counts,
        old_paragraphs=sum(1 for _ in old.active()),
        new_paragraphs=sum(1 for _ in new.active()),
        old_brackets=sum(p.tree.brackets for p in old.active()),
        new_brackets=sum(p.tree.brackets for p in new.active()),
        ambiguities=alignment.ambiguities,
    )


def _labels(labels: Sequence[str], ids: Sequence[str]) -> str:
    return ", ".join(label or f"[{pid}]" for label, pid in zip(labels, ids, strict=True))


def _describe(change: ParagraphChange) -> str:
    pairing = change.pairing
    new = _labels(change.new_labels, pairing.new_ids)
    old = _labels(change.old_labels, pairing.old_ids)
    if pairing.kind is AlignmentKind.NEW:
        where = new
    elif pairing.kind is AlignmentKind.DELETED:
        where = old
    elif old != new:
        where = f"{new} (was {old})"
    else:
        where = new
    what = pairing.kind.value
    if pairing.kind is AlignmentKind.MOVED and pairing.edited:
        what += " and edited"
    elif pairing.kind in (AlignmentKind.SPLIT, AlignmentKind.MERGED) and pairing.moved:
        what += " and moved"
    if pairing.edited and pairing.kind is not AlignmentKind.NEW:
        what += f" (kept {pairing.score:.2f})"
    parts = [f"{where}: {what}"]
    if change.authors:
        parts[0] += " by " + ", ".join(change.authors)
    if change.words_added or change.words_removed:
        parts.append(f"words +{change.words_added} -{change.words_removed}")
    for label, elements in (("added", change.elements_added), ("removed", change.elements_removed)):
        if elements:
            shown = ", ".join(
                e.source + (f" ({', '.join(e.attribution)})" if e.attribution else "")
                for e in elements
            )
            parts.append(f"{label} {shown}")
    return "; ".join(parts)


def format_summary(summary: RevisionSummary) -> str:
    """The summary as text: totals, then one line per changed paragraph."""
    lines = [
        f"Revision summary: {summary.old_paragraphs} paragraphs -> "
        f"{summary.new_paragraphs} paragraphs",
        "  "
        + ", ".join(
            f"{summary.counts[kind]} {kind.value}" for kind in _KIND_ORDER if summary.counts[kind]
        ),
        f"  words: +{summary.words_added} -{summary.words_removed}; contested elements: "
        f"+{summary.brackets_added} -{summary.brackets_removed}; bracket pairs: "
        f"{summary.old_brackets} -> {summary.new_brackets}",
    ]
    if summary.changes:
        lines.append("")
        lines.extend("  " + _describe(change) for change in summary.changes)
    if summary.ambiguities:
        lines.append("")
        lines.append(f"  {len(summary.ambiguities)} ambiguous pairing(s) to check:")
        lines.extend(f"    {ambiguity}" for ambiguity in summary.ambiguities)
    return "\n".join(lines)
