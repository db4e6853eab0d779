"""Paragraphs and drafts.

A :class:`Paragraph` has a stable ``id`` (never shown, never reused) separate from its displayed
:class:`~consensus_text.model.labels.Label`. Its ``text`` is the bracketed source text; the parsed
tree is derived from it. Every change of wording raises ``version``, so positions stated on an
earlier version are recognisably stale. Deleted paragraphs stay in the draft as tombstones.

A :class:`Draft` is the ordered sequence of paragraphs of one state of the document, with the
named option groups ("Option 1:", "Option 2: No text") that span whole paragraphs:

>>> from consensus_text.model.labels import Label
>>> draft = Draft(title="Programme of Action", paragraphs=(
...     Paragraph("h1", ParagraphKind.HEADING, "I. Scope"),
...     Paragraph("p1", ParagraphKind.OPERATIVE, "Decides to [establish][convene] a PoA;",
...               label=Label.parse("1")),
...     Paragraph("p2", ParagraphKind.OPERATIVE, "Requests:", label=Label.parse("2")),
...     Paragraph("p2a", ParagraphKind.OPERATIVE, "annual meetings;", label=Label.parse("(a)"),
...               parent="p2"),
... ))
>>> draft.paragraph("p1").tree.alternative_groups
1
>>> [p.id for p in draft.children("p2")]
['p2a']
>>> draft.by_label("(a)", parent="p2").text
'annual meetings;'
>>> draft.section_of("p2a").text
'I. Scope'
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from functools import cached_property

import attrs

from consensus_text.errors import ParagraphNotFoundError, ValidationError
from consensus_text.model._validators import non_empty, positive, unicode_text
from consensus_text.model.brackets import BracketedText, parse_lenient
from consensus_text.model.labels import Label

__all__ = ["Draft", "Option", "OptionGroup", "Paragraph", "ParagraphKind"]


class ParagraphKind(enum.Enum):
    """What a paragraph is in the structure of the document."""

    PREAMBULAR = "preambular"  #: "Recalling ...," before the operative part
    OPERATIVE = "operative"  #: "Decides ...;"
    HEADING = "heading"  #: a section heading such as "I. Organizational issues"


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _paragraph_tuple(value: Iterable[Paragraph]) -> tuple[Paragraph, ...]:
    return tuple(value)


def _option_tuple(value: Iterable[Option]) -> tuple[Option, ...]:
    return tuple(value)


def _group_tuple(value: Iterable[OptionGroup]) -> tuple[OptionGroup, ...]:
    return tuple(value)


@attrs.frozen
class Paragraph:
    """One paragraph of a draft, in one version.

    Attributes:
        id: stable internal identifier, unique in the negotiation.
        kind: preambular, operative, or a heading.
        text: the bracketed source text, exactly as it is rendered. Any Unicode text that
            UTF-8 can encode: a lone surrogate (``"\\ud800"``) is a ValidationError naming its
            position.
        label: the displayed label (None for headings and unnumbered paragraphs).
        parent: the id of the chapeau paragraph for a sub-paragraph.
        version: raised by one at every change of wording.
        deleted: a tombstone: the paragraph was deleted and is kept for the history.
        attribution: participant codes that proposed the paragraph (data, never in the text).
    """

    id: str = attrs.field(validator=non_empty)
    kind: ParagraphKind
    text: str = attrs.field(validator=[attrs.validators.instance_of(str), unicode_text])
    label: Label | None = None
    parent: str | None = None
    version: int = attrs.field(default=1, validator=positive)
    deleted: bool = False
    attribution: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @cached_property
    def parsed(self) -> tuple[BracketedText, tuple[object, ...]]:
        """The lenient parse of :attr:`text`: the tree and its diagnostics (cached)."""
        return parse_lenient(self.text)

    @property
    def tree(self) -> BracketedText:
        """The bracket tree of :attr:`text` (lenient: never raises)."""
        return self.parsed[0]

    @property
    def display_label(self) -> str:
        """The label as shown, or ``""`` when the paragraph has none."""
        return "" if self.label is None else str(self.label)

    @property
    def is_subparagraph(self) -> bool:
        """True for a sub-paragraph of a chapeau."""
        return self.parent is not None

    def _repr_html_(self) -> str:
        """The paragraph for Jupyter: label, text, brackets marked."""
        from consensus_text.model._html import paragraph_html

        return paragraph_html(self)

    def with_text(self, text: str) -> Paragraph:
        """A new version with other wording (the version number rises by one)."""
        return attrs.evolve(self, text=text, version=self.version + 1)

    def with_label(self, label: Label | None) -> Paragraph:
        """The same version under another displayed label (renumbering is not a new wording)."""
        return attrs.evolve(self, label=label)

    def as_tombstone(self) -> Paragraph:
        """The deleted paragraph as kept in the draft."""
        return attrs.evolve(self, deleted=True)

    def restored(self) -> Paragraph:
        """The paragraph brought back from its tombstone, with the wording it had."""
        return attrs.evolve(self, deleted=False)


@attrs.frozen
class Option:
    """One named option of an :class:`OptionGroup`, such as "Option 2" or "Alt 1".

    Attributes:
        label: the name as written: ``"Option 1"``, ``"Option (a)"``, ``"Alt 2"``.
        paragraph_ids: the paragraphs the option consists of; empty for "No text" (delete).
        attribution: participant codes that proposed it.
    """

    label: str = attrs.field(validator=non_empty)
    paragraph_ids: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    attribution: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def is_no_text(self) -> bool:
        """True for a "No text" option: choosing it deletes the provision."""
        return not self.paragraph_ids


@attrs.frozen
class OptionGroup:
    """Named options over one or several paragraphs, of which one will be kept."""

    id: str = attrs.field(validator=non_empty)
    options: tuple[Option, ...] = attrs.field(converter=_option_tuple)

    @options.validator
    def _two_or_more(
        self, attribute: attrs.Attribute[tuple[Option, ...]], value: tuple[Option, ...]
    ) -> None:
        if len(value) < 2:
            raise ValidationError(
                f"option group {self.id!r} has {len(value)} option(s)",
                hint="an option group needs at least two options",
            )

    @property
    def paragraph_ids(self) -> tuple[str, ...]:
        """Every paragraph of every option, in order."""
        return tuple(pid for option in self.options for pid in option.paragraph_ids)


@attrs.frozen
class Draft:
    """The paragraphs of one state of a document, in reading order, tombstones included.

    Attributes:
        title: the document's title.
        symbol: its document symbol, such as ``"A/AC.292/2025/L.1"``.
        paragraphs: every paragraph, headings and tombstones included, in reading order.
        option_groups: named options spanning whole paragraphs.
    """

    title: str = attrs.field(default="", validator=unicode_text)
    symbol: str = attrs.field(default="", validator=unicode_text)
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), converter=_paragraph_tuple)
    option_groups: tuple[OptionGroup, ...] = attrs.field(default=(), converter=_group_tuple)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for paragraph in self.paragraphs:
            if paragraph.id in seen:
                raise ValidationError(
                    f"paragraph id {paragraph.id!r} occurs twice in the draft",
                    hint="give every paragraph its own id",
                )
            seen.add(paragraph.id)
        for paragraph in self.paragraphs:
            if paragraph.parent is not None and paragraph.parent not in seen:
                raise ValidationError(
                    f"paragraph {paragraph.id!r} names parent {paragraph.parent!r}, "
                    "which is not in the draft",
                    hint="add the chapeau first, or set parent=None",
                )
        for group in self.option_groups:
            for pid in group.paragraph_ids:
                if pid not in seen:
                    raise ValidationError(
                        f"option group {group.id!r} names paragraph {pid!r}, which is not in "
                        "the draft",
                        hint="add the paragraph before the option group that holds it",
                    )

    @cached_property
    def _index(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.paragraphs)}

    def __len__(self) -> int:
        return len(self.paragraphs)

    def _repr_html_(self) -> str:
        """The draft for Jupyter: headings, labels, brackets marked."""
        from consensus_text.model._html import draft_html

        return draft_html(self)

    def __iter__(self) -> Iterator[Paragraph]:
        return iter(self.paragraphs)

    def __contains__(self, paragraph_id: object) -> bool:
        return paragraph_id in self._index

    def paragraph(self, paragraph_id: str) -> Paragraph:
        """The paragraph with this id, tombstone or not.

        Raises:
            ParagraphNotFoundError: no such id.
        """
        try:
            return self.paragraphs[self._index[paragraph_id]]
        except KeyError:
            raise ParagraphNotFoundError(
                f"no paragraph with id {paragraph_id!r}",
                hint="look paragraphs up by label with Draft.by_label()",
            ) from None

    def position_of(self, paragraph_id: str) -> int:
        """Index of the paragraph in reading order."""
        self.paragraph(paragraph_id)
        return self._index[paragraph_id]

    def active(self) -> Iterator[Paragraph]:
        """The paragraphs that are not tombstones, in reading order."""
        return (p for p in self.paragraphs if not p.deleted)

    def numbered(self) -> Iterator[Paragraph]:
        """Active paragraphs that are not headings."""
        return (p for p in self.active() if p.kind is not ParagraphKind.HEADING)

    def by_label(self, label: str | Label, *, parent: str | None = None) -> Paragraph:
        """The active paragraph shown with this label (among the sub-paragraphs of ``parent``).

        Raises:
            ParagraphNotFoundError: no active paragraph has that label.
        """
        wanted = Label.parse(label) if isinstance(label, str) else label
        for paragraph in self.active():
            if paragraph.label == wanted and paragraph.parent == parent:
                return paragraph
        where = f" under {parent!r}" if parent else ""
        raise ParagraphNotFoundError(
            f"no paragraph labelled {str(wanted)!r}{where}",
            hint="sub-paragraphs such as '(a)' are found with parent=<chapeau id>",
        )

    def children(self, paragraph_id: str) -> tuple[Paragraph, ...]:
        """The direct sub-paragraphs of a chapeau, tombstones included, in reading order."""
        return tuple(p for p in self.paragraphs if p.parent == paragraph_id)

    def ancestors(self, paragraph_id: str) -> tuple[Paragraph, ...]:
        """The chapeaux above a sub-paragraph, nearest first."""
        out = []
        current = self.paragraph(paragraph_id)
        while current.parent is not None:
            current = self.paragraph(current.parent)
            out.append(current)
        return tuple(out)

    def section_of(self, paragraph_id: str) -> Paragraph | None:
        """The nearest heading before the paragraph, or None."""
        for paragraph in reversed(self.paragraphs[: self.position_of(paragraph_id)]):
            if paragraph.kind is ParagraphKind.HEADING and not paragraph.deleted:
                return paragraph
        return None

    def option_of(self, paragraph_id: str) -> tuple[OptionGroup, Option] | None:
        """The option group and option that hold the paragraph, or None."""
        for group in self.option_groups:
            for option in group.options:
                if paragraph_id in option.paragraph_ids:
                    return group, option
        return None

    def option_group(self, group_id: str) -> OptionGroup:
        """The option group with this id.

        Raises:
            ValidationError: no such group.
        """
        for group in self.option_groups:
            if group.id == group_id:
                return group
        raise ValidationError(
            f"no option group {group_id!r}",
            hint="known groups: " + (", ".join(g.id for g in self.option_groups) or "none"),
        )

    # -- updates, each returning a new Draft ------------------------------------------------

    def inserted(self, paragraph: Paragraph, *, after: str | None = None) -> Draft:
        """A draft with ``paragraph`` inserted after paragraph ``after`` (at the end if None).

        ``after`` may name a heading to insert at the top of a section, and ``""`` inserts at
        the very beginning.
        """
        if after is None:
            position = len(self.paragraphs)
        elif after == "":
            position = 0
        else:
            position = self.position_of(after) + 1
        paragraphs = (*self.paragraphs[:position], paragraph, *self.paragraphs[position:])
        return attrs.evolve(self, paragraphs=paragraphs)

    def replaced(self, paragraph: Paragraph) -> Draft:
        """A draft where the paragraph with ``paragraph.id`` is replaced by ``paragraph``."""
        position = self.position_of(paragraph.id)
        paragraphs = (*self.paragraphs[:position], paragraph, *self.paragraphs[position + 1 :])
        return attrs.evolve(self, paragraphs=paragraphs)

    def moved(self, paragraph_id: str, *, after: str | None) -> Draft:
        """A draft with the paragraph (and its sub-paragraphs) moved after ``after``.

        ``after=""`` moves to the beginning, ``None`` to the end.
        """
        block_ids = {paragraph_id, *self._descendant_ids(paragraph_id)}
        if after in block_ids:
            raise ValidationError(
                f"cannot move paragraph {paragraph_id!r} after itself or its own sub-paragraph",
                hint="name a paragraph outside the block being moved",
            )
        block = tuple(p for p in self.paragraphs if p.id in block_ids)
        kept = tuple(p for p in self.paragraphs if p.id not in block_ids)
        rest = attrs.evolve(self, paragraphs=kept)
        if after is None:
            position = len(rest.paragraphs)
        elif after == "":
            position = 0
        else:
            position = rest.position_of(after) + 1
        paragraphs = (*rest.paragraphs[:position], *block, *rest.paragraphs[position:])
        return attrs.evolve(self, paragraphs=paragraphs)

    def with_option_group(self, group: OptionGroup) -> Draft:
        """A draft with ``group`` added, or replacing the group with the same id."""
        groups = tuple(g for g in self.option_groups if g.id != group.id)
        return attrs.evolve(self, option_groups=(*groups, group))

    def without_option_group(self, group_id: str) -> Draft:
        """A draft without the named option group (its paragraphs stay)."""
        self.option_group(group_id)
        groups = tuple(g for g in self.option_groups if g.id != group_id)
        return attrs.evolve(self, option_groups=groups)

    def _descendant_ids(self, paragraph_id: str) -> set[str]:
        out: set[str] = set()
        frontier = [paragraph_id]
        while frontier:
            current = frontier.pop()
            for child in self.children(current):
                if child.id not in out:
                    out.add(child.id)
                    frontier.append(child.id)
        return out

    def descendants(self, paragraph_id: str) -> tuple[Paragraph, ...]:
        """Every sub-paragraph below a chapeau, at any depth, in reading order."""
        ids = self._descendant_ids(paragraph_id)
        return tuple(p for p in self.paragraphs if p.id in ids)

    def renumbered(self) -> tuple[Draft, dict[str, str]]:
        """The draft as a clean final text numbers it: suffixes dropped, numbers consecutive.

        Preambular and operative paragraphs are numbered separately; sub-paragraphs under each
        chapeau restart at 1 in their own style. Tombstones keep their old label.

        Returns:
            The renumbered draft and a mapping from each old displayed label to the new one
            (for top-level operative/preambular paragraphs, keyed ``"5 bis" -> "6"``), with
            which cross-references ("paragraph 5 bis above") can be rewritten.

        >>> from consensus_text.model.labels import Label
        >>> d = Draft(paragraphs=(
        ...     Paragraph("a", ParagraphKind.OPERATIVE, "x;", label=Label.parse("1")),
        ...     Paragraph("b", ParagraphKind.OPERATIVE, "y;", label=Label.parse("1 bis")),
        ...     Paragraph("c", ParagraphKind.OPERATIVE, "z.", label=Label.parse("2")),
        ... ))
        >>> new, mapping = d.renumbered()
        >>> [str(p.label) for p in new], mapping["1 bis"]
        (['1', '2', '3'], '2')
        """
        counters: dict[tuple[str | None, ParagraphKind, object], int] = {}
        mapping: dict[str, str] = {}
        paragraphs = []
        for paragraph in self.paragraphs:
            if paragraph.label is None or paragraph.deleted:
                paragraphs.append(paragraph)
                continue
            key = (paragraph.parent, paragraph.kind, paragraph.label.style)
            counters[key] = counters.get(key, 0) + 1
            new_label = paragraph.label.with_number(counters[key])
            if paragraph.parent is None:
                mapping[str(paragraph.label)] = str(new_label)
            paragraphs.append(paragraph.with_label(new_label))
        return attrs.evolve(self, paragraphs=tuple(paragraphs)), mapping
