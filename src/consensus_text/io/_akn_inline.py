"""Bracketed wording as Akoma Ntoso inline markup, and back.

Private to :mod:`consensus_text.io.akn`. Every contested element of a paragraph's
:class:`~consensus_text.model.brackets.BracketedText` becomes an Akoma Ntoso generic
``<inline name="...">`` element, and the source characters stay in the text so that a reader
that ignores the markup still sees the brackets exactly as the delegates do:

- a :class:`~consensus_text.model.brackets.Bracket` ``[strengthen]{EU, G77}`` is
  ``<inline name="bracket" refersTo="#party_EU #party_G77">`` holding
  ``<inline name="delimiter">[</inline>``, the wording, ``<inline name="delimiter">]</inline>``
  and ``<inline name="attribution">{EU, G77}</inline>``;
- adjacent :class:`~consensus_text.model.brackets.Alternatives` ``[shall] [should]`` are
  ``<inline name="alternatives" class="adjacent">`` holding one ``<inline name="option">`` per
  option, each built like a bracket, with the separator (``""`` or ``" "``) as text between;
- slash alternatives ``[shall/should]`` are ``<inline name="alternatives" class="slash">``
  holding the delimiters ``[``, ``/`` (or `` / ``) and ``]`` around each option's wording in an
  ``<inline name="option">``, then the group's attribution;
- a :class:`~consensus_text.model.brackets.Placeholder` ``[Placeholder for X]`` is
  ``<inline name="placeholder" title="X">`` holding the source text;
- plain :class:`~consensus_text.model.brackets.Text` is text.

>>> from consensus_text.model.brackets import parse
>>> p = etree.Element(f"{{{AKN_NAMESPACE}}}p", nsmap={None: AKN_NAMESPACE})
>>> encode_inline(p, parse("to [act]{EU} by 20XX").nodes, lambda codes: "#party_" + codes[0])
>>> print(etree.tostring(p, encoding="unicode"))
<p xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">to <inline name="bracket" refersTo="#party_EU"><inline name="delimiter">[</inline>act<inline name="delimiter">]</inline><inline name="attribution">{EU}</inline></inline> by <inline name="placeholder" title="20XX">20XX</inline></p>
>>> decode_inline(p, name="draft.xml", codes_of=lambda refers: ())
'to [act]{EU} by 20XX'

Reading back, the markup is authoritative: the delimiters and the attribution braces are
written again from the structure (so a foreign file that marks a bracket without the ``[``
``]`` characters still reads), the exact attribution text comes from the ``attribution``
inline (``{EU; USA}`` stays as written) or, without one, from the ``refersTo`` participants.
Other inline elements (``<i>``, ``<ref>``, ...) are read for their text; ``<eol/>`` is a
newline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from consensus_text.errors import FormatError, ValidationError
from consensus_text.io._akn_xml import AKN_NAMESPACE, text_of
from consensus_text.model.brackets import (
    Alternatives,
    Bracket,
    BracketedText,
    Node,
    Placeholder,
    Text,
)

__all__ = ["INLINE_NAMES", "decode_inline", "encode_inline"]

_INLINE = f"{{{AKN_NAMESPACE}}}inline"
_EOL = f"{{{AKN_NAMESPACE}}}eol"
_BR = f"{{{AKN_NAMESPACE}}}br"

BRACKET = "bracket"
ALTERNATIVES = "alternatives"
OPTION = "option"
PLACEHOLDER = "placeholder"
DELIMITER = "delimiter"
ATTRIBUTION = "attribution"

#: The ``name`` values of the generic ``<inline>`` elements this backend writes.
INLINE_NAMES = (BRACKET, ALTERNATIVES, OPTION, PLACEHOLDER, DELIMITER, ATTRIBUTION)

_CODE_SPLIT_RE = re.compile(r"[ \t]*[,;][ \t]*")

RefsOf = Callable[[Sequence[str]], str]
"""Turns participant codes into a ``refersTo`` value (``"#party_EU #party_G77"``)."""


# ----------------------------------------------------------------------------------------------
# Writing


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _INLINE, name=name)
    if text is not None:
        element.text = text
    return element


def _close(element: etree._Element, node: Bracket | Alternatives, refs: RefsOf) -> None:
    _inline(element, DELIMITER, "]")
    if node.attribution:
        element.set("refersTo", refs(node.attribution))
        _inline(element, ATTRIBUTION, "{" + node.attribution_text + "}")


def _bracket_body(element: etree._Element, node: Bracket, refs: RefsOf) -> None:
    _inline(element, DELIMITER, "[")
    encode_inline(element, node.children, refs)
    _close(element, node, refs)


def encode_inline(parent: etree._Element, nodes: Sequence[Node], refs: RefsOf) -> None:
    """Append ``nodes`` to ``parent`` (a ``<p>``, ``<heading>`` or inline) as mixed content."""
    for node in nodes:
        if isinstance(node, Text):
            _append_text(parent, node.value)
        elif isinstance(node, Placeholder):
            element = _inline(parent, PLACEHOLDER, node.source)
            element.set("title", node.label)
        elif isinstance(node, Bracket):
            _bracket_body(_inline(parent, BRACKET), node, refs)
        else:
            element = _inline(parent, ALTERNATIVES)
            element.set("class", "slash" if node.slash else "adjacent")
            if node.slash:
                _inline(element, DELIMITER, "[")
                for k, option in enumerate(node.options):
                    if k:
                        _inline(element, DELIMITER, node.separators[k - 1])
                    encode_inline(_inline(element, OPTION), option.children, refs)
                _close(element, node, refs)
            else:
                for k, option in enumerate(node.options):
                    if k:
                        _append_text(element, node.separators[k - 1])
                    _bracket_body(_inline(element, OPTION), option, refs)


# ----------------------------------------------------------------------------------------------
# Reading


class _Reader:
    """Reads mixed content back into nodes; ``codes_of`` maps a ``refersTo`` value to codes."""

    def __init__(self, name: str, codes_of: Callable[[str], tuple[str, ...]]) -> None:
        self.name = name
        self.codes_of = codes_of

    def fail(self, element: etree._Element, message: str, hint: str) -> FormatError:
        return FormatError(f"{self.name}:{element.sourceline}: {message}", hint=hint)

    def nodes(self, element: etree._Element, *, skip: frozenset[str] = frozenset()) -> list[Node]:
        """The content of ``element``: its text, its children, their tails; inline children
        named in ``skip`` are left out (their tails are kept)."""
        out: list[Node] = []

        def text(value: str | None) -> None:
            if not value:
                return
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].value + value)
            else:
                out.append(Text(value))

        text(element.text)
        for child in element:
            if isinstance(child.tag, str):
                if child.tag == _INLINE and child.get("name") in skip:
                    pass
                elif child.tag == _INLINE and child.get("name") in (
                    BRACKET,
                    ALTERNATIVES,
                    PLACEHOLDER,
                ):
                    out.append(self.node(child))
                elif child.tag == _INLINE and child.get("name") in (DELIMITER, ATTRIBUTION):
                    pass  # markers outside the element they belong to: written again, never text
                elif child.tag in (_EOL, _BR):
                    text("\n")
                else:  # any other inline: its wording counts, its markup does not
                    for node in self.nodes(child, skip=skip):
                        if isinstance(node, Text):
                            text(node.value)
                        else:
                            out.append(node)
            text(child.tail)
        return out

    def node(self, element: etree._Element) -> Node:
        name = element.get("name")
        try:
            if name == PLACEHOLDER:
                return Placeholder(text_of(element))
            if name == BRACKET:
                return self.bracket(element)
            return self.alternatives(element)
        except ValidationError as exc:
            raise self.fail(
                element, f"<inline name={name!r}>: {exc.message}", exc.hint or ""
            ) from None

    def attribution(self, element: etree._Element) -> tuple[tuple[str, ...], str]:
        for child in element:
            if child.tag == _INLINE and child.get("name") == ATTRIBUTION:
                value = text_of(child).strip()
                if value.startswith("{") and value.endswith("}"):
                    value = value[1:-1]
                value = value.strip()
                codes = tuple(_CODE_SPLIT_RE.split(value)) if value else ()
                return codes, value
        refers = element.get("refersTo")
        codes = self.codes_of(refers) if refers else ()
        return codes, ", ".join(codes)

    def bracket(self, element: etree._Element) -> Bracket:
        children = self.nodes(element, skip=frozenset((DELIMITER, ATTRIBUTION)))
        if not children:
            raise self.fail(
                element,
                f"<inline name={element.get('name')!r}> holds no wording",
                "delete the empty bracket from the file",
            )
        codes, codes_text = self.attribution(element)
        return Bracket(tuple(children), codes, attribution_text=codes_text)

    def alternatives(self, element: etree._Element) -> Alternatives:
        options = [
            child for child in element if child.tag == _INLINE and child.get("name") == OPTION
        ]
        if element.get("class") == "slash":
            separators = []
            brackets = []
            for k, option in enumerate(options):
                if k:
                    previous = option.getprevious()
                    separator = (
                        text_of(previous)
                        if previous is not None and previous.get("name") == DELIMITER
                        else "/"
                    )
                    separators.append(separator)
                children = self.nodes(option, skip=frozenset((DELIMITER, ATTRIBUTION)))
                if not children:
                    raise self.fail(option, "an option of alternatives holds no wording", "")
                brackets.append(Bracket(tuple(children)))
            codes, codes_text = self.attribution(element)
            return Alternatives(
                tuple(brackets),
                tuple(separators),
                slash=True,
                attribution=codes,
                attribution_text=codes_text,
            )
        separators = []
        for option in options[:-1]:
            separators.append(option.tail or "")
        return Alternatives(tuple(self.bracket(option) for option in options), tuple(separators))


def decode_inline(
    element: etree._Element,
    *,
    name: str,
    codes_of: Callable[[str], tuple[str, ...]],
) -> str:
    """The source text of a ``<p>``, ``<heading>`` or other block written by :func:`encode_inline`.

    Args:
        element: the block.
        name: the file's name, for messages.
        codes_of: maps a ``refersTo`` value to participant codes.

    Raises:
        FormatError: markup that does not make a bracketed text (an empty bracket, one option,
            a separator that is not one), naming the line.
    """
    return BracketedText(tuple(_Reader(name, codes_of).nodes(element))).render()
