"""The inline bracket grammar: the text of one paragraph as a tree of contested wording.

Square brackets mark wording that not everyone has accepted. This module parses the text of ONE
paragraph (which may contain newlines) into a :class:`BracketedText`, renders it back exactly, and
applies the four resolution operations (accept, delete, choose, fill). Splitting a draft into
paragraphs, labels and named options ("Option 1:") belongs to the draft-level parser, which calls
:func:`parse` per paragraph with the paragraph's line and column in its file.

The grammar:

- ``[...]`` a bracket pair, nested to any depth up to :data:`MAX_NESTING`;
- ``[shall][should]`` or ``[shall] [should]``: alternatives side by side (no other text between);
- ``[shall/should]`` or ``[shall / should]``: alternatives separated by a slash inside one pair, but
  never ``and/or``, numbers and dates (``2021/2025``), document symbols (``A/RES/77/37``) or URLs;
- ``[shall]{EU}``, ``[strengthen]{G77, AGN}``: the participants that proposed the wording;
- placeholders: ``[Placeholder for finance]``, ``{Placeholder on review}``, ``[X]``, ``[XX]``,
  ``[XXX]`` and ``20XX``/``19XX`` as a word;
- look-alikes kept as text: footnote markers ``[^1]``, ``[sic]``, ``[...]``, ``[…]``, the
  editorial ``[on the report of the First Committee (A/77/385)]`` and ``[without reference to a
  Main Committee (A/77/L.1)]``, and brackets inside a URL.

Parse, render and inspect:

>>> source = "States [shall][should] further [strengthen [their]]{EU} [Placeholder for finance]."
>>> tree = parse(source)
>>> render(tree) == source
True
>>> tree.brackets, tree.max_depth, tree.alternative_groups
(4, 2, 1)
>>> for element in tree.elements():
...     print(element.index, element.kind, element.depth, repr(element.source(tree)))
1 alternatives 1 '[shall][should]'
2 bracket 1 '[strengthen [their]]{EU}'
3 bracket 2 '[their]'
4 placeholder 1 '[Placeholder for finance]'
>>> tree.element(2).node.attribution
('EU',)

Resolve one element at a time; each operation returns a new text and the elements are numbered
again:

>>> print(tree.accept(2))
States [shall][should] further strengthen [their] [Placeholder for finance].
>>> print(tree.choose(1, 2).accept(1).delete(1).fill(1, "[new] financial support"))
States should further strengthen [new] financial support.
>>> tree.accept(1)
Traceback (most recent call last):
...
consensus_text.errors.ValidationError: element 1 is a group of 2 alternatives, which cannot be accepted as a whole; use choose(1, option) to keep one option or delete(1) to drop them all

Mistakes are reported with their line and column in the file; :func:`parse_lenient` recovers
and keeps every character:

>>> parse("Decides to [convene\\na [review] conference;", line=12, column=5)
Traceback (most recent call last):
...
consensus_text.errors.ParseError: 12:16: '[' at line 12, column 16 is never closed: "[convene" (expected ']' to close the '[' opened at 12:16); add ']' where the bracketed wording ends, or remove the '['
>>> tree, diagnostics = parse_lenient("[a]] b")
>>> print(diagnostics[0])
1:4: unmatched ']' (the second of ']]')
>>> render(tree)
'[a]] b'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import Literal, NamedTuple, TypeAlias

import attrs

from consensus_text.errors import BracketNotFoundError, ParseError, ValidationError

__all__ = [
    "MAX_NESTING",
    "Alternatives",
    "Bracket",
    "BracketedText",
    "Diagnostic",
    "Element",
    "ElementKind",
    "Mark",
    "MarkKind",
    "Node",
    "Placeholder",
    "Severity",
    "Text",
    "parse",
    "parse_lenient",
    "render",
    "render_node",
]

MAX_NESTING = 100
"""The deepest nesting of brackets that :func:`parse` accepts.

Real drafts nest 3 or 4 deep; a text nested deeper is almost certainly a run of ``[`` typed for
``]``. The limit keeps every tree shallow enough for Python's recursive equality, hashing and
``repr`` (this module's own algorithms are iterative). In lenient mode the excess brackets stay
text, with a ``too-deep`` diagnostic.
"""

# ----------------------------------------------------------------------------------------------
# Lexical patterns

_CODE = r"[A-Z0-9][A-Za-z0-9.&-]*"
_CODE_SEP = r"[ \t]*[,;][ \t]*"
_CODE_RE = re.compile(_CODE)
_ATTRIBUTION_RE = re.compile(rf"\{{({_CODE}(?:{_CODE_SEP}{_CODE})*)\}}")
_ATTRIBUTION_START_RE = re.compile(rf"\{{{_CODE}")
_CODE_SPLIT_RE = re.compile(_CODE_SEP)
_ATTRIBUTION_END_RE = re.compile(r"[{}\[\]\n]")

# The characters and strings where the scanner must stop; everything else is plain text.
_SPECIAL_RE = re.compile(r"[\[\]{]|(?<!\w)(?:19|20)XX(?!\w)|://|(?<![\w.])(?i:www)\.")
_BRACKET_CHARS_RE = re.compile(r"[\[\]{]")

_BRACKET_PLACEHOLDER_RE = re.compile(r"\[(?:(?i:placeholder)\b[^\[\]]*|X{1,3})\]")
_BRACE_PLACEHOLDER_RE = re.compile(r"\{(?i:placeholder)\b[^{}\[\]]*\}")
_BRACE_PLACEHOLDER_START_RE = re.compile(r"\{(?i:placeholder)\b")
_YEAR_PLACEHOLDER_RE = re.compile(r"(?:19|20)XX")
_PLACEHOLDER_RE = re.compile(
    rf"{_BRACKET_PLACEHOLDER_RE.pattern}|{_BRACE_PLACEHOLDER_RE.pattern}|{_YEAR_PLACEHOLDER_RE.pattern}"
)
_PLACEHOLDER_LABEL_RE = re.compile(
    r"(?i:placeholder)\b\s*[:\-–—]?\s*"
    r"(?:(?i:for|on|of|regarding|about|concerning|re)\b\s*)?(.*)",
    re.DOTALL,
)

_LOOKALIKE_RE = re.compile(
    r"""\[(?:
        \^[^\[\]\s]+                                    # footnote marker [^1], [^note]
      | (?i:sic) | \.\.\. | …                            # editorial [sic], [...], […]
      | (?i:on\ the\ report\ of|without\ reference\ to\ a\ main\ committee)\b[^\[\]]*
    )\]""",
    re.VERBOSE,
)
_LOOKALIKE_FIRST = frozenset("^sS.…oOwW")
_PLACEHOLDER_FIRST = frozenset("XpP")

_URL_CHUNK_RE = re.compile(r"[^\s\[\]]*")
_SYMBOL_SEGMENT_RE = re.compile(r"[A-Z0-9.]+")
_SYMBOL_NEXT_RE = re.compile(r"[A-Z0-9]")
_SPACE_RE = re.compile(r"\s")

# Stands for a nested node when the top level of a bracket's content is examined for slashes.
_NODE_MARK = "\ufffc"


# ----------------------------------------------------------------------------------------------
# The tree


def _check_codes(codes: tuple[str, ...], text: str, where: str) -> None:
    for code in codes:
        if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
            raise ValidationError(
                f"{where}: {code!r} is not a participant code",
                hint="codes start with a capital letter or digit, as in 'EU', 'G77', 'AOSIS'",
            )
    if codes and (
        not _ATTRIBUTION_RE.fullmatch("{" + text + "}")
        or tuple(_CODE_SPLIT_RE.split(text)) != codes
    ):
        raise ValidationError(
            f"{where}: attribution text {text!r} does not list the codes {codes!r}",
            hint="leave attribution_text out to write the codes separated by ', '",
        )
    if not codes and text:
        raise ValidationError(
            f"{where}: attribution text {text!r} without codes",
            hint="give the codes in attribution",
        )


def _default_attribution_text(self: Bracket | Alternatives) -> str:
    return ", ".join(self.attribution)


@attrs.frozen
class Text:
    """Plain wording (including look-alikes such as ``[sic]`` and any stray bracket).

    >>> render_node(Text("Recalling its resolution 77/37,"))
    'Recalling its resolution 77/37,'
    """

    value: str


@attrs.frozen
class Bracket:
    """A pair of square brackets around contested wording, optionally attributed.

    Args:
        children: the wording inside the brackets; never empty.
        attribution: the codes of the participants that proposed it, as in ``[shall]{EU}``.
        attribution_text: the exact text between the braces, when it is not the codes joined by
            ``", "`` (the parser keeps ``"G77,AGN"`` or ``"EU; USA"`` as written).

    >>> b = Bracket((Text("strengthen"),), ("G77", "AGN"))
    >>> render_node(b)
    '[strengthen]{G77, AGN}'
    """

    children: tuple[Node, ...]
    attribution: tuple[str, ...] = ()
    _attribution_text: str = attrs.field(
        default=attrs.Factory(_default_attribution_text, takes_self=True),
        kw_only=True,
        repr=False,
    )

    def __attrs_post_init__(self) -> None:
        if not self.children:
            raise ValidationError(
                "a bracket needs wording inside it",
                hint="delete an empty bracket instead of building it",
            )
        if self.attribution or self._attribution_text:
            _check_codes(self.attribution, self._attribution_text, "bracket")

    @property
    def attribution_text(self) -> str:
        """The text between the attribution braces, exactly as written ("" when none)."""
        return self._attribution_text

    def with_attribution(self, codes: Sequence[str]) -> Bracket:
        """The same bracket attributed to ``codes`` (written ``{A, B}``; none: no braces).

        >>> render_node(Bracket((Text("shall"),), ("EU",)).with_attribution(["EU", "USA"]))
        '[shall]{EU, USA}'
        """
        codes = tuple(codes)
        return attrs.evolve(self, attribution=codes, attribution_text=", ".join(codes))


_ADJACENT_SEPARATORS = frozenset({"", " "})
_SLASH_SEPARATORS = frozenset({"/", " / "})


@attrs.frozen
class Alternatives:
    """Two or more options of which at most one will stay.

    Adjacent style, ``[shall][should]`` or ``[shall] [should]``: each option is a bracket pair and
    may carry its own attribution (``[shall]{EU}[should]{USA}``); ``separators`` are the exact
    whitespace between ``]`` and ``[`` (``""`` or ``" "``).

    Slash style, ``[shall/should]`` (``slash=True``): one bracket pair; each option is a
    :class:`Bracket` holding that option's wording, ``separators`` are ``"/"`` or ``" / "``, and an
    attribution after the closing bracket belongs to the whole group.

    >>> alt = Alternatives((Bracket((Text("shall"),)), Bracket((Text("should"),))), (" ",))
    >>> render_node(alt), render_node(attrs.evolve(alt, separators=("/",), slash=True))
    ('[shall] [should]', '[shall/should]')
    """

    options: tuple[Bracket, ...]
    separators: tuple[str, ...]
    slash: bool = False
    attribution: tuple[str, ...] = ()
    _attribution_text: str = attrs.field(
        default=attrs.Factory(_default_attribution_text, takes_self=True),
        kw_only=True,
        repr=False,
    )

    def __attrs_post_init__(self) -> None:
        if len(self.options) < 2:
            raise ValidationError(
                f"alternatives need at least 2 options, got {len(self.options)}",
                hint="use a Bracket for a single option",
            )
        if len(self.separators) != len(self.options) - 1:
            raise ValidationError(
                f"{len(self.options)} alternatives need {len(self.options) - 1} separators, "
                f"got {len(self.separators)}",
                hint="give one separator between each two options",
            )
        allowed = _SLASH_SEPARATORS if self.slash else _ADJACENT_SEPARATORS
        for separator in self.separators:
            if separator not in allowed:
                raise ValidationError(
                    f"{separator!r} is not a separator of {'slash' if self.slash else 'adjacent'} "
                    "alternatives",
                    hint="use one of " + " or ".join(repr(s) for s in sorted(allowed)),
                )
        if self.slash:
            if any(option.attribution for option in self.options):
                raise ValidationError(
                    "the options of slash alternatives cannot be attributed one by one",
                    hint="attribute the group (attribution=...) or use adjacent alternatives",
                )
            if self.attribution or self._attribution_text:
                _check_codes(self.attribution, self._attribution_text, "alternatives")
        elif self.attribution or self._attribution_text:
            raise ValidationError(
                "adjacent alternatives are attributed option by option",
                hint="give each option Bracket its own attribution",
            )

    @property
    def attribution_text(self) -> str:
        """The text between the attribution braces of a slash group ("" when none)."""
        return self._attribution_text

    def with_attribution(self, codes: Sequence[str]) -> Alternatives:
        """The same slash group attributed to ``codes`` (adjacent options are attributed one
        by one, with :meth:`Bracket.with_attribution`)."""
        codes = tuple(codes)
        return attrs.evolve(self, attribution=codes, attribution_text=", ".join(codes))


@attrs.frozen
class Placeholder:
    """Text still to come: ``[Placeholder for finance]``, ``{Placeholder ...}``, ``[X]``, ``20XX``.

    Args:
        source: the exact text of the placeholder.

    >>> Placeholder("[Placeholder for finance]").label, Placeholder("[XX]").label
    ('finance', 'XX')
    >>> Placeholder("{Placeholder: review cycle}").label
    'review cycle'
    """

    source: str

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.source, str) or not _PLACEHOLDER_RE.fullmatch(self.source):
            raise ValidationError(
                f"{self.source!r} is not a placeholder",
                hint="write '[Placeholder for ...]', '{Placeholder ...}', '[X]', '[XX]', '[XXX]', "
                "'20XX' or '19XX'",
            )

    @property
    def label(self) -> str:
        """What the placeholder stands for: the words after "Placeholder for", or ``X``, ``20XX``."""
        if self.source[0] not in "[{":
            return self.source
        inner = self.source[1:-1].strip()
        match = _PLACEHOLDER_LABEL_RE.fullmatch(inner)
        return match.group(1).strip() if match else inner


Node: TypeAlias = Text | Bracket | Alternatives | Placeholder
"""A node of a bracketed text."""


def _closing(node: Bracket | Alternatives) -> str:
    if node.attribution:
        return "]{" + node._attribution_text + "}"
    return "]"


def _render_nodes(nodes: tuple[Node, ...]) -> str:
    """Render nodes without recursion (the stack holds nodes still to render and literal strings)."""
    out: list[str] = []
    stack: list[Node | str] = list(reversed(nodes))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, Text):
            out.append(item.value)
        elif isinstance(item, Placeholder):
            out.append(item.source)
        elif isinstance(item, Bracket):
            out.append("[")
            stack.append(_closing(item))
            stack.extend(reversed(item.children))
        elif item.slash:
            out.append("[")
            stack.append(_closing(item))
            for k in range(len(item.options) - 1, -1, -1):
                stack.extend(reversed(item.options[k].children))
                if k:
                    stack.append(item.separators[k - 1])
        else:
            for k in range(len(item.options) - 1, -1, -1):
                stack.append(item.options[k])
                if k:
                    stack.append(item.separators[k - 1])
    return "".join(out)


def render_node(node: Node) -> str:
    """Render one node exactly as it is written in a text.

    >>> render_node(Bracket((Text("shall"),), ("EU",)))
    '[shall]{EU}'
    """
    return _render_nodes((node,))


ElementKind = Literal["bracket", "alternatives", "placeholder"]


@attrs.frozen
class Element:
    """A contested element of a text, numbered from 1 in document order.

    Attributes:
        index: the 1-based number used by the resolution operations.
        node: the :class:`Bracket`, :class:`Alternatives` or :class:`Placeholder`.
        depth: 1 plus the number of bracket pairs around it (a top-level bracket has depth 1).
        start: offset of its first character in the rendered text.
        end: offset just after its last character (an attribution is part of the element).
        path: the child indexes from ``BracketedText.nodes`` down to the node; inside
            alternatives a step is the option index followed by the child index.
    """

    index: int
    node: Node
    depth: int
    start: int
    end: int
    path: tuple[int, ...]

    @property
    def kind(self) -> ElementKind:
        """``"bracket"``, ``"alternatives"`` or ``"placeholder"``."""
        if isinstance(self.node, Alternatives):
            return "alternatives"
        if isinstance(self.node, Placeholder):
            return "placeholder"
        return "bracket"

    def source(self, text: BracketedText | str) -> str:
        """The element's text, cut from ``text`` (a :class:`BracketedText` or its rendering)."""
        rendered = text if isinstance(text, str) else text.render()
        return rendered[self.start : self.end]


_SENTENCE_PUNCTUATION = ",;."


MarkKind: TypeAlias = Literal[
    "text", "placeholder", "open", "close", "separator", "option-open", "option-close"
]


class Mark(NamedTuple):
    """One step of a walk through a bracket tree in reading order (see
    :meth:`BracketedText.marks`): what every renderer of bracketed text (HTML pages, notebook
    views) turns into its own markup.

    Attributes:
        kind: ``text`` (plain wording), ``placeholder``, ``open``/``close`` of a
            :class:`Bracket` or :class:`Alternatives`, ``separator`` between two alternatives,
            ``option-open``/``option-close`` around one option of slash alternatives.
        node: the placeholder, bracket or alternatives concerned (for a separator or an
            option, its alternatives); None for text.
        text: the characters of text, of a placeholder or of a separator.
        depth: the bracket pairs around the node, counting its own.
        element: the number of the contested element that opens here, as
            :meth:`BracketedText.elements` numbers them; None otherwise.
        option: for an option's marks, and for the ``open`` of a bracket that is an option of
            adjacent alternatives, the option's number (from 1).
    """

    kind: MarkKind
    node: Node | None = None
    text: str = ""
    depth: int = 0
    element: int | None = None
    option: int | None = None


@attrs.frozen
class BracketedText:
    """The text of one paragraph as a tree of plain and contested wording.

    Build it with :func:`parse` (strict), :func:`parse_lenient` or :meth:`BracketedText.parse`.

    >>> text = BracketedText.parse("[Decides to convene a review conference];")
    >>> text.is_whole_paragraph(), text.is_clean, text.plain_text()
    (True, False, 'Decides to convene a review conference;')
    """

    nodes: tuple[Node, ...]

    @classmethod
    def parse(cls, text: str, *, line: int = 1, column: int = 1) -> BracketedText:
        """Parse strictly; see :func:`parse`."""
        return parse(text, line=line, column=column)

    def render(self) -> str:
        """The text exactly as written: ``parse(x).render() == x``."""
        return _render_nodes(self.nodes)

    __str__ = render

    # -- counting ------------------------------------------------------------------------------

    def _iter_nodes(self) -> Iterator[tuple[Node, int, bool]]:
        """Every node in pre-order with the number of bracket pairs around it and whether it is
        an option of adjacent alternatives (options of slash alternatives are not yielded)."""
        stack: list[tuple[Node, int, bool]] = [(node, 0, False) for node in reversed(self.nodes)]
        while stack:
            node, pairs, is_option = stack.pop()
            yield node, pairs, is_option
            if isinstance(node, Bracket):
                stack.extend((child, pairs + 1, False) for child in reversed(node.children))
            elif isinstance(node, Alternatives):
                if node.slash:
                    for option in reversed(node.options):
                        stack.extend(
                            (child, pairs + 1, False) for child in reversed(option.children)
                        )
                else:
                    stack.extend((option, pairs, True) for option in reversed(node.options))

    @property
    def brackets(self) -> int:
        """The number of bracket pairs: each option of ``[a][b]`` counts, ``[a/b]`` is one pair."""
        count = 0
        for node, _, _ in self._iter_nodes():
            if isinstance(node, Bracket) or (isinstance(node, Alternatives) and node.slash):
                count += 1
        return count

    @property
    def max_depth(self) -> int:
        """The deepest nesting of bracket pairs (0 when there are none)."""
        deepest = 0
        for node, pairs, _ in self._iter_nodes():
            if isinstance(node, Bracket) or (isinstance(node, Alternatives) and node.slash):
                deepest = max(deepest, pairs + 1)
        return deepest

    @property
    def alternative_groups(self) -> int:
        """The number of groups of alternatives."""
        return sum(1 for node, _, _ in self._iter_nodes() if isinstance(node, Alternatives))

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        """The placeholders in document order."""
        return tuple(node for node, _, _ in self._iter_nodes() if isinstance(node, Placeholder))

    @property
    def is_clean(self) -> bool:
        """Whether nothing is contested: no bracket, alternative or placeholder anywhere."""
        return all(isinstance(node, Text) for node in self.nodes)

    def is_whole_paragraph(self) -> bool:
        """Whether the whole paragraph is one bracket (or one group of alternatives).

        Surrounding whitespace and the final punctuation (``,``, ``;`` or ``.``) after the
        closing bracket are allowed; punctuation before it is inside the bracket anyway.

        >>> parse("[Decides to convene a review conference;]").is_whole_paragraph()
        True
        >>> parse("Decides to convene a [review] conference;").is_whole_paragraph()
        False
        """
        nodes = list(self.nodes)
        if nodes and isinstance(nodes[0], Text) and nodes[0].value.isspace():
            nodes.pop(0)
        if nodes and isinstance(nodes[-1], Text):
            tail = nodes[-1].value.strip()
            if len(tail) <= 1 and (not tail or tail in _SENTENCE_PUNCTUATION):
                nodes.pop()
        return len(nodes) == 1 and isinstance(nodes[0], Bracket | Alternatives)

    def plain_text(self) -> str:
        """The wording without bracket markers or attributions, for search and diffs.

        The options of alternatives are joined by ``" / "``; placeholders keep their source.

        >>> parse("States [shall][should] act [promptly]{EU} by 20XX.").plain_text()
        'States shall / should act promptly by 20XX.'
        """
        out: list[str] = []
        stack: list[Node | str] = list(reversed(self.nodes))
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, Text):
                out.append(item.value)
            elif isinstance(item, Placeholder):
                out.append(item.source)
            elif isinstance(item, Bracket):
                stack.extend(reversed(item.children))
            else:
                for k in range(len(item.options) - 1, -1, -1):
                    stack.extend(reversed(item.options[k].children))
                    if k:
                        stack.append(" / ")
        return "".join(out)

    # -- elements ------------------------------------------------------------------------------

    def elements(self) -> tuple[Element, ...]:
        """Every contested element in document order (outer before inner), numbered from 1.

        A bracket that is an option of alternatives is part of its group, not an element of its
        own; brackets nested inside an option are elements.

        >>> [(e.index, e.kind, e.path) for e in parse("a [b [c][d]] [X]").elements()]
        [(1, 'bracket', (1,)), (2, 'alternatives', (1, 1)), (3, 'placeholder', (3,))]
        """
        # Items on the stack: a node to visit (node, path, pairs, is_option), a literal string
        # that advances the offset, or the position in ``found`` of an element that ends here.
        found: list[tuple[Node, int, int, tuple[int, ...]]] = []  # node, depth, start, path
        ends: list[int] = []
        pos = 0
        stack: list[tuple[Node, tuple[int, ...], int, bool] | str | int] = [
            (node, (i,), 0, False) for i, node in reversed(list(enumerate(self.nodes)))
        ]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                pos += len(item)
                continue
            if isinstance(item, int):
                ends[item] = pos
                continue
            node, path, pairs, is_option = item
            if isinstance(node, Text):
                pos += len(node.value)
            elif isinstance(node, Placeholder):
                found.append((node, pairs + 1, pos, path))
                pos += len(node.source)
                ends.append(pos)
            elif isinstance(node, Bracket):
                if not is_option:
                    stack.append(len(found))
                    found.append((node, pairs + 1, pos, path))
                    ends.append(-1)
                pos += 1
                stack.append(_closing(node))
                for j in range(len(node.children) - 1, -1, -1):
                    stack.append((node.children[j], (*path, j), pairs + 1, False))
            else:
                stack.append(len(found))
                found.append((node, pairs + 1, pos, path))
                ends.append(-1)
                if node.slash:
                    pos += 1
                    stack.append(_closing(node))
                for k in range(len(node.options) - 1, -1, -1):
                    option = node.options[k]
                    if node.slash:
                        for j in range(len(option.children) - 1, -1, -1):
                            stack.append((option.children[j], (*path, k, j), pairs + 1, False))
                    else:
                        stack.append((option, (*path, k), pairs, True))
                    if k:
                        stack.append(node.separators[k - 1])
        return tuple(
            Element(index=k + 1, node=node, depth=depth, start=start, end=ends[k], path=path)
            for k, (node, depth, start, path) in enumerate(found)
        )

    def marks(self) -> list[Mark]:
        """The tree as a flat walk in reading order: text, placeholders, the opening and closing
        of every bracket and group of alternatives, separators and slash options.

        Contested elements are numbered as :meth:`elements` numbers them. The characters of
        the brackets themselves are not marks: a renderer writes ``[`` at an ``open`` of a
        :class:`Bracket` (or of slash alternatives) and ``]`` with the attribution at its
        ``close``.

        >>> [(m.kind, m.text, m.element, m.option) for m in parse("a [b][c]").marks()][:5]
        [('text', 'a ', None, None), ('open', '', 1, None), ('open', '', None, 1), ('text', 'b', None, None), ('close', '', None, 1)]
        """
        marks: list[Mark] = []
        element = 0
        # Stack items: (node, pairs around it, its option number or 0), or a ready mark.
        stack: list[tuple[Node, int, int] | Mark] = [(node, 0, 0) for node in reversed(self.nodes)]
        while stack:
            item = stack.pop()
            if isinstance(item, Mark):
                marks.append(item)
                continue
            node, pairs, option = item
            if isinstance(node, Text):
                marks.append(Mark("text", None, node.value, pairs))
            elif isinstance(node, Placeholder):
                element += 1
                marks.append(Mark("placeholder", node, node.source, pairs + 1, element))
            elif isinstance(node, Bracket):
                depth = pairs + 1
                if option:
                    marks.append(Mark("open", node, depth=depth, option=option))
                else:
                    element += 1
                    marks.append(Mark("open", node, depth=depth, element=element))
                stack.append(Mark("close", node, depth=depth, option=option or None))
                stack.extend((child, depth, 0) for child in reversed(node.children))
            else:
                element += 1
                depth = pairs + 1
                marks.append(Mark("open", node, depth=depth, element=element))
                later: list[tuple[Node, int, int] | Mark] = []
                for k, choice in enumerate(node.options):
                    if k:
                        later.append(Mark("separator", node, node.separators[k - 1], depth))
                    if node.slash:
                        later.append(Mark("option-open", node, depth=depth, option=k + 1))
                        later.extend((child, depth, 0) for child in choice.children)
                        later.append(Mark("option-close", node, depth=depth, option=k + 1))
                    else:
                        later.append((choice, pairs, k + 1))
                later.append(Mark("close", node, depth=depth))
                stack.extend(reversed(later))
        return marks

    def element(self, index: int) -> Element:
        """The element numbered ``index`` (from 1), as listed by :meth:`elements`.

        Raises:
            BracketNotFoundError: there is no element with that number.
        """
        elements = self.elements()
        if isinstance(index, int) and 1 <= index <= len(elements):
            return elements[index - 1]
        if not elements:
            raise BracketNotFoundError(
                f"no element {index!r}: the text has no brackets, alternatives or placeholders",
                hint="nothing is left to resolve in this text",
            )
        raise BracketNotFoundError(
            f"no element {index!r}: the text has {len(elements)} contested element(s), "
            f"numbered 1 to {len(elements)}",
            hint="list them with elements(); the numbers change after each operation",
        )

    # -- resolution ----------------------------------------------------------------------------

    def accept(self, index: int) -> BracketedText:
        """Accept the wording of bracket ``index``: remove its markers, keep its content.

        Brackets nested inside it stay pending.

        >>> print(parse("to [strengthen [further]] cooperation").accept(1))
        to strengthen [further] cooperation

        Raises:
            BracketNotFoundError: no element ``index``.
            ValidationError: the element is not a plain bracket.
        """
        element = self.element(index)
        node = element.node
        if isinstance(node, Alternatives):
            raise ValidationError(
                f"element {index} is a group of {len(node.options)} alternatives, which cannot be "
                "accepted as a whole",
                hint=f"use choose({index}, option) to keep one option or delete({index}) to drop "
                "them all",
            )
        if isinstance(node, Placeholder):
            raise ValidationError(
                f"element {index} is the placeholder {node.source!r}, which has no wording to "
                "accept",
                hint=f"use fill({index}, text) to replace it or delete({index}) to drop it",
            )
        assert isinstance(node, Bracket)
        return self._replace(element, _render_nodes(node.children))

    def delete(self, index: int) -> BracketedText:
        """Delete element ``index`` (a bracket, alternatives or a placeholder) with its content.

        A doubled space left behind is tidied (``"a [b] c"`` gives ``"a c"``), as is a space
        before punctuation; a text reduced to punctuation becomes empty. A bracket left with
        no wording goes too (deleting ``[b]`` from ``"a [[b]] c"`` gives ``"a c"``).

        >>> print(parse("Decides to convene a [review] conference;").delete(1))
        Decides to convene a conference;

        Raises:
            BracketNotFoundError: no element ``index``.
            ValidationError: the deletion would leave an option of alternatives without
                wording.
        """
        element = self._emptied(self.element(index))
        rendered = self.render()
        left, right = rendered[: element.start], rendered[element.end :]
        if left.endswith(" ") and right.startswith(" "):
            right = right[1:]
        elif left.endswith(" ") and (not right or right[0] in ",;.:)]\n"):
            left = left[:-1]
        elif (not left or left[-1] in "[(\n") and right.startswith(" "):
            right = right[1:]
        result = left + right
        if all(c.isspace() or c in _SENTENCE_PUNCTUATION for c in result):
            result = ""
        return _reparse(result)

    def _emptied(self, element: Element) -> Element:
        """The outermost element that deleting ``element`` leaves without wording."""
        by_path = {e.path: e for e in self.elements()}
        while True:
            path = element.path
            parent = by_path.get(path[:-1])
            group = by_path.get(path[:-2]) if len(path) > 2 else None
            if parent is not None and isinstance(parent.node, Bracket):
                siblings = parent.node.children
            elif group is not None and isinstance(group.node, Alternatives):
                siblings = group.node.options[path[-2]].children
            else:
                return element
            if not all(
                isinstance(node, Text) and node.value.isspace()
                for k, node in enumerate(siblings)
                if k != path[-1]
            ):
                return element
            if parent is None or not isinstance(parent.node, Bracket):
                assert group is not None
                raise ValidationError(
                    f"deleting element {element.index} would leave option {path[-2] + 1} of "
                    f"alternatives {group.index} without wording",
                    hint=f"choose({group.index}, option) or delete({group.index}) instead",
                )
            element = parent

    def choose(self, index: int, option: int) -> BracketedText:
        """Keep option ``option`` (from 1) of alternatives ``index``, without its markers.

        >>> print(parse("States [shall][should]{USA} act").choose(1, 2))
        States should act

        Raises:
            BracketNotFoundError: no element ``index``.
            ValidationError: the element is not a group of alternatives, or has no such option.
        """
        element = self.element(index)
        node = element.node
        if not isinstance(node, Alternatives):
            what = "a placeholder" if isinstance(node, Placeholder) else "a plain bracket"
            fix = (
                f"use fill({index}, text) or delete({index})"
                if isinstance(node, Placeholder)
                else f"use accept({index}) or delete({index})"
            )
            raise ValidationError(
                f"element {index} is {what}, not a group of alternatives", hint=fix
            )
        if not isinstance(option, int) or not 1 <= option <= len(node.options):
            raise ValidationError(
                f"alternatives {index} have no option {option!r}: they have "
                f"{len(node.options)}, numbered 1 to {len(node.options)}",
                hint="options are numbered from 1 in reading order",
            )
        return self._replace(element, _render_nodes(node.options[option - 1].children))

    def fill(self, index: int, text: str) -> BracketedText:
        """Replace placeholder ``index`` by ``text``, which may itself contain brackets.

        >>> print(parse("by [XX] per cent").fill(1, "[30][40]"))
        by [30][40] per cent

        Raises:
            BracketNotFoundError: no element ``index``.
            ValidationError: the element is not a placeholder, or ``text`` is empty.
            ParseError: ``text`` is not well-formed bracketed text.
        """
        element = self.element(index)
        node = element.node
        if not isinstance(node, Placeholder):
            fix = (
                f"use choose({index}, option) or delete({index})"
                if isinstance(node, Alternatives)
                else f"use accept({index}) or delete({index})"
            )
            what = "a group of alternatives" if isinstance(node, Alternatives) else "a bracket"
            raise ValidationError(f"element {index} is {what}, not a placeholder", hint=fix)
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(
                f"cannot fill placeholder {index} with {text!r}",
                hint=f"give the wording, or use delete({index}) to remove the placeholder",
            )
        parse(text)
        return self._replace(element, text)

    def _replace(self, element: Element, replacement: str) -> BracketedText:
        rendered = self.render()
        return _reparse(rendered[: element.start] + replacement + rendered[element.end :])


def _reparse(text: str) -> BracketedText:
    """The tree of an edited text; parsing again keeps the tree canonical (what a reader sees)."""
    return parse_lenient(text)[0]


def render(tree: BracketedText) -> str:
    """Render a tree exactly: ``render(parse(x)) == x``.

    >>> render(parse("[shall]{EU; G77} [should]"))
    '[shall]{EU; G77} [should]'
    """
    return tree.render()


# ----------------------------------------------------------------------------------------------
# Diagnostics

Severity = Literal["error", "warning"]


@attrs.frozen
class Diagnostic:
    """A problem found while parsing, with its 1-based line and column in the file.

    Attributes:
        line: the line of the offending character.
        column: its column.
        message: what is wrong.
        code: a short slug: ``unmatched-close``, ``unclosed-open``, ``empty-bracket``,
            ``unclosed-attribution``, ``unclosed-placeholder``, ``too-deep``.
        severity: ``"error"`` (strict :func:`parse` raises) or ``"warning"``.
        expected: what the parser expected there.
        hint: how to fix it.

    >>> d = parse_lenient("a ]")[1][0]
    >>> print(d, d.code, sep=" | ")
    1:3: unmatched ']' | unmatched-close
    """

    line: int
    column: int
    message: str
    code: str
    severity: Severity = "error"
    expected: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"

    def to_error(self, source: str | None = None) -> ParseError:
        """The :class:`~consensus_text.errors.ParseError` that strict parsing raises for this."""
        return ParseError(
            self.message,
            line=self.line,
            column=self.column,
            expected=self.expected,
            hint=self.hint,
            source=source,
        )


class _Issue:
    """A problem at an offset of the parsed text; becomes a :class:`Diagnostic` at the end."""

    __slots__ = ("code", "offset", "other")

    def __init__(self, code: str, offset: int, other: int = -1) -> None:
        self.code = code
        self.offset = offset
        self.other = other  # a second offset some messages mention


class _Locator:
    """Offsets to 1-based line and column, with the paragraph's position in its file."""

    def __init__(self, text: str, line: int, column: int) -> None:
        self.text = text
        self.line = line
        self.column = column
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.newlines, offset)
        if k == 0:
            return self.line, self.column + offset
        return self.line + k, offset - self.newlines[k - 1]


def _excerpt(text: str, offset: int, limit: int = 30) -> str:
    end = text.find("\n", offset, offset + limit)
    piece = text[offset : offset + limit] if end < 0 else text[offset:end]
    return piece if len(piece) < limit else piece + "..."


def _diagnostic(issue: _Issue, locate: _Locator) -> Diagnostic:
    line, column = locate(issue.offset)
    text = locate.text
    code = issue.code
    if code == "unmatched-close":
        doubled = issue.other == 1
        return Diagnostic(
            line,
            column,
            "unmatched ']' (the second of ']]')" if doubled else "unmatched ']'",
            code,
            expected="text or '['",
            hint="remove the stray ']'" if doubled else "remove the ']' or add the matching '['",
        )
    if code == "unclosed-open":
        return Diagnostic(
            line,
            column,
            f"'[' at line {line}, column {column} is never closed: "
            f'"{_excerpt(text, issue.offset)}"',
            code,
            expected=f"']' to close the '[' opened at {line}:{column}",
            hint="add ']' where the bracketed wording ends, or remove the '['",
        )
    if code == "empty-bracket":
        shown = text[issue.offset : issue.other + 1]
        return Diagnostic(
            line,
            column,
            f"empty brackets {shown!r}",
            code,
            expected="the contested wording between '[' and ']'",
            hint="remove the empty brackets or put the contested wording inside them",
        )
    if code == "unclosed-attribution":
        return Diagnostic(
            line,
            column,
            f"the attribution '{_excerpt(text[: issue.other], issue.offset, 20)}' after ']' is "
            "never closed",
            code,
            expected=f"'}}' to close the attribution opened at {line}:{column}",
            hint="close the participant codes with '}', as in '[shall]{EU, G77}'",
        )
    if code == "unclosed-placeholder":
        return Diagnostic(
            line,
            column,
            f"the placeholder '{_excerpt(text, issue.offset, 20)}' is never closed",
            code,
            expected=f"'}}' to close the placeholder opened at {line}:{column}",
            hint="close it with '}'; a placeholder cannot contain brackets or braces",
        )
    assert code == "too-deep"
    return Diagnostic(
        line,
        column,
        f"brackets nested more than {MAX_NESTING} deep",
        code,
        expected=f"at most {MAX_NESTING} levels of '['",
        hint="look for a '[' typed instead of ']'; drafts rarely nest more than 4 deep",
    )


# ----------------------------------------------------------------------------------------------
# The parser


class _Frame:
    """The content of one open bracket (or of the whole text) while it is being parsed.

    ``group`` holds the brackets of a run ``[a][b] [c]`` not yet committed to ``nodes`` (with
    ``separators`` between them), ``buf`` the text after them. The lists other than ``buf`` are
    made when first needed: most brackets hold one run of text.
    """

    __slots__ = ("buf", "group", "nodes", "open", "separators")

    def __init__(self, open_: int) -> None:
        self.open = open_
        self.nodes: list[Node] | None = None
        self.group: list[Bracket] | None = None
        self.separators: list[str] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        nodes = self.nodes
        if nodes is None:
            nodes = self.nodes = []
        group = self.group
        if group:
            if len(group) == 1:
                nodes.append(group[0])
            else:
                nodes.append(Alternatives(tuple(group), tuple(self.separators)))
                self.separators = []
            self.group = None
        if self.buf:
            nodes.append(Text("".join(self.buf)))
            self.buf.clear()

    def add(self, node: Node) -> None:
        self.flush()
        self.nodes.append(node)  # type: ignore[union-attr]

    def add_bracket(self, node: Bracket) -> None:
        buf = self.buf
        if self.group and (not buf or (len(buf) == 1 and buf[0] == " ")):
            self.separators.append(buf[0] if buf else "")
            self.group.append(node)
            buf.clear()
        else:
            self.flush()
            self.group = [node]

    def splice(self, frame: _Frame, opening: str) -> None:
        """Add ``opening`` as text, then the (flushed) content of ``frame`` as it is."""
        self.buf.append(opening)
        for node in frame.nodes or ():
            if isinstance(node, Text):
                self.buf.append(node.value)
            else:
                self.add(node)


def _slash_cuts(flat: str) -> list[tuple[int, int, str]]:
    """The slashes of ``flat`` that separate alternatives, as (start, end, separator)."""
    cuts: list[tuple[int, int, str]] = []
    size = len(flat)
    i = flat.find("/")
    while i >= 0:
        # The whitespace-delimited token around this slash, examined once as a whole.
        start = i
        while start and not flat[start - 1].isspace():
            start -= 1
        space = _SPACE_RE.search(flat, i)
        end = space.start() if space else size
        value = flat[start:end]
        i = flat.find("/", end)
        if value == "/":
            j = start
            if (
                1 < j < size - 2
                and flat[j - 1] == " "
                and flat[j + 1] == " "
                and _separates(flat[j - 2], flat[j + 2])
                and flat[j - 2] != "/"
                and flat[j + 2] != "/"
                and not _is_and_or(flat, j - 1, j + 2)
            ):
                cuts.append((j - 1, j + 2, " / "))
            continue
        if "://" in value or value[:4].lower() == "www.":
            continue
        segments = value.split("/")
        if any(
            _SYMBOL_SEGMENT_RE.fullmatch(segments[k]) and _SYMBOL_NEXT_RE.match(segments[k + 1])
            for k in range(len(segments) - 1)
        ):
            continue  # a document symbol such as A/RES/77/37
        offset = start
        for k in range(len(segments) - 1):
            offset += len(segments[k])
            if (
                segments[k]
                and segments[k + 1]
                and _separates(segments[k][-1], segments[k + 1][0])
                and not _is_and_or(flat, offset, offset + 1)
            ):
                cuts.append((offset, offset + 1, "/"))
            offset += 1
    return cuts


def _separates(before: str, after: str) -> bool:
    """Whether a slash between these two characters can separate alternatives."""
    return not (before.isdigit() or after.isdigit() or before.isspace() or after.isspace())


def _is_and_or(flat: str, left_end: int, right_start: int) -> bool:
    i = left_end
    while i > 0 and flat[i - 1].isalpha() and left_end - i < 4:
        i -= 1
    j = right_start
    while j < len(flat) and flat[j].isalpha() and j - right_start < 4:
        j += 1
    if (i > 0 and flat[i - 1].isalpha()) or (j < len(flat) and flat[j].isalpha()):
        return False
    return {flat[i:left_end].lower(), flat[right_start:j].lower()} == {"and", "or"}


def _split_slash(children: tuple[Node, ...]) -> tuple[list[list[Node]], list[str]] | None:
    """Split a bracket's content at its top-level slash separators, or None if there are none."""
    flat = "".join(child.value if isinstance(child, Text) else _NODE_MARK for child in children)
    cuts = _slash_cuts(flat)
    if not cuts:
        return None
    options: list[list[Node]] = [[]]
    k = 0
    offset = 0
    for child in children:
        if not isinstance(child, Text):
            options[-1].append(child)
            offset += 1
            continue
        value = child.value
        end = offset + len(value)
        p = 0
        while k < len(cuts) and cuts[k][0] < end:
            a, b, _ = cuts[k]
            if a - offset > p:
                options[-1].append(Text(value[p : a - offset]))
            options.append([])
            p = b - offset
            k += 1
        if p < len(value):
            options[-1].append(Text(value[p:]))
        offset = end
    if not all(options):  # cannot happen with the rules above; when in doubt, no alternatives
        return None
    return options, [cut[2] for cut in cuts]


def _parse(text: str) -> tuple[tuple[Node, ...], list[_Issue]]:
    """The nodes of ``text`` and its problems, in one pass with an explicit stack of frames."""
    issues: list[_Issue] = []
    root = _Frame(-1)
    stack = [root]
    frame = root
    buf = frame.buf  # the text buffer of ``frame``: flush() clears it, never replaces it
    deep: list[int] = []  # offsets of '[' beyond MAX_NESTING, kept as text
    size = len(text)
    pos = 0
    max_nesting = MAX_NESTING
    lookalike_first = _LOOKALIKE_FIRST
    placeholder_first = _PLACEHOLDER_FIRST
    # Most paragraphs have no year placeholder and no URL: scan them for brackets alone.
    if "XX" in text or "://" in text or "w." in text or "W." in text:
        finditer = _SPECIAL_RE.finditer
    else:
        finditer = _BRACKET_CHARS_RE.finditer
    for match in finditer(text):
        i = match.start()
        if i < pos:  # inside a look-alike, an attribution, a placeholder or a URL already read
            continue
        if i > pos:
            buf.append(text[pos:i])
        char = text[i]
        if char == "[":
            following = text[i + 1 : i + 2]
            if following in lookalike_first:
                lookalike = _LOOKALIKE_RE.match(text, i)
                if lookalike:
                    buf.append(lookalike.group())
                    pos = lookalike.end()
                    continue
            if following in placeholder_first:
                placeholder = _BRACKET_PLACEHOLDER_RE.match(text, i)
                if placeholder:
                    frame.add(Placeholder(placeholder.group()))
                    pos = placeholder.end()
                    continue
            pos = i + 1
            if deep or len(stack) > max_nesting:
                if not deep:
                    issues.append(_Issue("too-deep", i))
                deep.append(i)
                buf.append("[")
                continue
            frame = _Frame(i)
            buf = frame.buf
            stack.append(frame)
        elif char == "]":
            pos = i + 1
            if deep:
                deep.pop()
                buf.append("]")
                continue
            if len(stack) == 1:
                # "]]" where the first ']' closed a bracket: the second is the stray one.
                doubled = text[i - 1 : i] == "]" and (not issues or issues[-1].offset != i - 1)
                issues.append(_Issue("unmatched-close", i, 1 if doubled else 0))
                buf.append("]")
                continue
            closed = stack.pop()
            frame = stack[-1]
            if closed.nodes or closed.group or len(buf) != 1:
                closed.flush()
                children = tuple(closed.nodes or ())
                empty = not children or (
                    len(children) == 1
                    and isinstance(children[0], Text)
                    and children[0].value.isspace()
                )
            else:  # the common case: the bracket holds one run of text
                value = buf[0]
                children = (Text(value),)
                empty = value.isspace()
            buf = frame.buf
            if empty:
                issues.append(_Issue("empty-bracket", closed.open, i))
                buf.append(text[closed.open : pos])
                continue
            codes: tuple[str, ...] = ()
            codes_text = ""
            if pos < size and text[pos] == "{" and not _BRACE_PLACEHOLDER_START_RE.match(text, pos):
                attribution = _ATTRIBUTION_RE.match(text, pos)
                if attribution:
                    codes_text = attribution.group(1)
                    codes = tuple(_CODE_SPLIT_RE.split(codes_text))
                    pos = attribution.end()
                elif _ATTRIBUTION_START_RE.match(text, pos):
                    # Unclosed when a bracket, a brace or the end of the line comes before '}'.
                    end = _ATTRIBUTION_END_RE.search(text, pos + 1)
                    if end is None or end.group() != "}":
                        stop = size if end is None else end.start()
                        issues.append(_Issue("unclosed-attribution", pos, stop))
            split = _split_slash(children) if text.find("/", closed.open, i) >= 0 else None
            if split is None:
                frame.add_bracket(Bracket(children, codes, attribution_text=codes_text))
            else:
                options, separators = split
                frame.add(
                    Alternatives(
                        tuple(Bracket(tuple(option)) for option in options),
                        tuple(separators),
                        slash=True,
                        attribution=codes,
                        attribution_text=codes_text,
                    )
                )
        elif char == "{":
            placeholder = _BRACE_PLACEHOLDER_RE.match(text, i)
            if placeholder:
                frame.add(Placeholder(placeholder.group()))
                pos = placeholder.end()
                continue
            if _BRACE_PLACEHOLDER_START_RE.match(text, i):
                issues.append(_Issue("unclosed-placeholder", i))
            buf.append("{")
            pos = i + 1
        elif char == "1" or char == "2":
            frame.add(Placeholder(match.group()))
            pos = match.end()
        else:  # a URL: its brackets are part of it, up to a ']' it did not open
            depth = 0
            j = match.end()
            while True:
                j = _URL_CHUNK_RE.match(text, j).end()  # type: ignore[union-attr]
                if j < size and text[j] == "[":
                    depth += 1
                elif j < size and text[j] == "]" and depth:
                    depth -= 1
                else:
                    break
                j += 1
            buf.append(text[i:j])
            pos = j
    if pos < size:
        buf.append(text[pos:])
    if len(stack) > 1 or deep:
        issues.extend(_Issue("unclosed-open", frame_.open) for frame_ in stack[1:])
        issues.extend(_Issue("unclosed-open", offset) for offset in deep)
        for frame_ in stack[1:]:
            frame_.flush()
            root.splice(frame_, "[")
    root.flush()
    issues.sort(key=lambda issue: issue.offset)
    return tuple(root.nodes or ()), issues


def parse(text: str, *, line: int = 1, column: int = 1) -> BracketedText:
    """Parse the text of one paragraph strictly.

    Args:
        text: the paragraph; it may span several lines.
        line: the line of the file where ``text`` starts.
        column: the column of the file where ``text`` starts (it offsets the first line only).

    Raises:
        ParseError: at the first problem, with its line and column, what was expected and a
            hint: a ``]`` without ``[``, a ``[`` never closed, empty brackets, an attribution or
            ``{Placeholder`` never closed, nesting deeper than :data:`MAX_NESTING`.

    >>> parse("Decides [to convene]] a conference", line=3, column=5)
    Traceback (most recent call last):
    ...
    consensus_text.errors.ParseError: 3:25: unmatched ']' (the second of ']]') (expected text or '['); remove the stray ']'
    """
    _check_position(line, column)
    nodes, issues = _parse(text)
    if issues:
        locate = _Locator(text, line, column)
        for issue in issues:
            diagnostic = _diagnostic(issue, locate)
            if diagnostic.severity == "error":
                raise diagnostic.to_error()
    return BracketedText(nodes)


def parse_lenient(
    text: str, *, line: int = 1, column: int = 1
) -> tuple[BracketedText, tuple[Diagnostic, ...]]:
    """Parse the text of one paragraph, recovering from every mistake.

    Never raises on a string. Nothing is lost: ``render(tree) == text`` always; a stray ``]``,
    a ``[`` never closed or empty brackets stay as :class:`Text`.

    Args:
        text: the paragraph; it may span several lines.
        line: the line of the file where ``text`` starts.
        column: the column of the file where ``text`` starts (it offsets the first line only).

    Returns:
        The tree and the problems found, in the order of the text.

    >>> tree, problems = parse_lenient("[shall [strongly] urge\\n[States]] all]", line=7)
    >>> [str(p) for p in problems]
    ["8:14: unmatched ']'"]
    >>> render(tree) == "[shall [strongly] urge\\n[States]] all]"
    True
    """
    _check_position(line, column)
    nodes, issues = _parse(text)
    locate = _Locator(text, line, column)
    return BracketedText(nodes), tuple(_diagnostic(issue, locate) for issue in issues)


def _check_position(line: int, column: int) -> None:
    if not (isinstance(line, int) and isinstance(column, int) and line >= 1 and column >= 1):
        raise ValidationError(
            f"line {line!r} and column {column!r} must be integers from 1",
            hint="give the 1-based position where the text starts in its file",
        )
