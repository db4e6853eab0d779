"""Properties of the bracket grammar: round trips, lenient parsing of anything, operations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus_text.errors import ParseError, ValidationError
from consensus_text.model.brackets import (
    Alternatives,
    Bracket,
    BracketedText,
    Node,
    Placeholder,
    Text,
    parse,
    parse_lenient,
    render,
    render_node,
)

SETTINGS = settings(deadline=None, max_examples=300)

# Text that cannot form any construct of the grammar on its own: no brackets, braces or slashes,
# no digits or "X" (placeholders), none of the letters that start a look-alike ("sic", "on the
# report of", "www.", "^"), no "." and no "and"/"or" (the "n" and "o" are missing).
WORD_CHARS = "abcdeé ,;:\nعб"
words = st.text(alphabet=WORD_CHARS, min_size=1, max_size=8)
codes = st.from_regex(r"[A-Z0-9][A-Za-z0-9.&-]{0,5}", fullmatch=True)
code_separators = st.sampled_from([",", ", ", ";", "; ", " ,", " ; "])


@st.composite
def attributions(draw: st.DrawFn) -> tuple[tuple[str, ...], str]:
    listed = draw(st.lists(codes, min_size=1, max_size=3))
    text = listed[0]
    for code in listed[1:]:
        text += draw(code_separators) + code
    return tuple(listed), text


placeholders = st.one_of(
    st.sampled_from(["[X]", "[XX]", "[XXX]", "20XX", "19XX", "[Placeholder]"]),
    words.filter(lambda w: w.strip() == w).map(lambda w: f"[Placeholder for {w}]"),
    words.map(lambda w: f"{{Placeholder: {w}}}"),
).map(Placeholder)


def _is_bracket_run(node: Node) -> bool:
    """A node that a following bracket would join as an alternative."""
    return isinstance(node, Bracket) or (isinstance(node, Alternatives) and not node.slash)


def _is_word_char(char: str) -> bool:
    return bool(re.match(r"\w", char))


def canonical(nodes: list[Node]) -> tuple[Node, ...]:
    """The nodes as the parser would produce them from their rendering.

    Adjacent texts merge; brackets that would join as alternatives are kept apart; a year
    placeholder gets spaces where a letter would glue it into a word.
    """
    out: list[Node] = []
    for node in nodes:
        previous = out[-1] if out else None
        if isinstance(node, Placeholder) and node.source[0] not in "[{":
            if isinstance(previous, Text) and _is_word_char(previous.value[-1]):
                out[-1] = previous = Text(previous.value + " ")
            elif isinstance(previous, Placeholder) and previous.source[0] not in "[{":
                out.append(Text(" "))
        if (
            isinstance(node, Text)
            and isinstance(previous, Placeholder)
            and previous.source[0] not in "[{"
            and _is_word_char(node.value[0])
        ):
            node = Text(" " + node.value)
        if isinstance(node, Text) and isinstance(previous, Text):
            out[-1] = Text(previous.value + node.value)
            continue
        if _is_bracket_run(node) and previous is not None:
            if _is_bracket_run(previous):
                out.append(Text(" ; "))
            elif (
                isinstance(previous, Text)
                and previous.value in ("", " ")
                and len(out) > 1
                and _is_bracket_run(out[-2])
            ):
                out[-1] = Text(" ; ")
        out.append(node)
    return tuple(out)


def bracket_content_ok(children: tuple[Node, ...]) -> bool:
    return bool(children) and not render_nodes(children).isspace()


def render_nodes(nodes: tuple[Node, ...]) -> str:
    return "".join(render_node(n) for n in nodes)


def trees(leaves: st.SearchStrategy[Node]) -> st.SearchStrategy[list[Node]]:
    def extend(inner: st.SearchStrategy[list[Node]]) -> st.SearchStrategy[list[Node]]:
        return st.one_of(
            st.builds(_bracket, inner, st.none() | attributions()),
            st.builds(
                _adjacent,
                st.lists(st.tuples(inner, st.none() | attributions()), min_size=2, max_size=4),
                st.lists(st.sampled_from(["", " "]), min_size=3, max_size=3),
            ),
            st.builds(
                _slash,
                st.lists(inner, min_size=2, max_size=4),
                st.lists(st.sampled_from(["/", " / "]), min_size=3, max_size=3),
                st.none() | attributions(),
            ),
            st.lists(inner, min_size=1, max_size=4).map(
                lambda parts: [n for p in parts for n in p]
            ),
        )

    return st.recursive(leaves.map(lambda n: [n]), extend, max_leaves=16)


def _content(nodes: list[Node]) -> tuple[Node, ...]:
    children = canonical(nodes)
    if not bracket_content_ok(children):
        children = canonical([Text("a"), *children])
    return children


def _bracket(nodes: list[Node], attribution: tuple[tuple[str, ...], str] | None) -> list[Node]:
    if attribution is None:
        return [Bracket(_content(nodes))]
    return [Bracket(_content(nodes), attribution[0], attribution_text=attribution[1])]


def _adjacent(
    options: list[tuple[list[Node], tuple[tuple[str, ...], str] | None]], separators: list[str]
) -> list[Node]:
    brackets = tuple(_bracket(nodes, attribution)[0] for nodes, attribution in options)
    assert all(isinstance(option, Bracket) for option in brackets)
    return [Alternatives(brackets, tuple(separators[: len(brackets) - 1]))]  # type: ignore[arg-type]


def _slash(
    options: list[list[Node]],
    separators: list[str],
    attribution: tuple[tuple[str, ...], str] | None,
) -> list[Node]:
    brackets = []
    for k, nodes in enumerate(options):
        children = list(_content(nodes))
        # The characters next to a separator must not be whitespace.
        if k and isinstance(children[0], Text) and children[0].value[0].isspace():
            children.insert(0, Text("a"))
        if (
            k < len(options) - 1
            and isinstance(children[-1], Text)
            and children[-1].value[-1].isspace()
        ):
            children.append(Text("a"))
        brackets.append(Bracket(canonical(children)))
    codes, text = attribution if attribution else ((), "")
    return [
        Alternatives(
            tuple(brackets),
            tuple(separators[: len(brackets) - 1]),
            slash=True,
            attribution=codes,
            attribution_text=text,
        )
    ]


bracketed_texts = trees(st.one_of(words.map(Text), placeholders)).map(
    lambda nodes: BracketedText(canonical(nodes))
)


# ------------------------------------------------------------------------------------------------
# Round trips


@SETTINGS
@given(bracketed_texts)
def test_parse_of_render_is_the_tree(tree: BracketedText) -> None:
    source = render(tree)
    parsed = parse(source)
    assert parsed == tree
    assert render(parsed) == source
    assert parse_lenient(source) == (tree, ())


@SETTINGS
@given(bracketed_texts, st.integers(1, 10_000), st.integers(1, 200))
def test_offsets_do_not_change_the_tree(tree: BracketedText, line: int, column: int) -> None:
    assert parse(render(tree), line=line, column=column) == tree


@SETTINGS
@given(bracketed_texts)
def test_elements_cover_their_source(tree: BracketedText) -> None:
    rendered = render(tree)
    elements = tree.elements()
    assert [e.index for e in elements] == list(range(1, len(elements) + 1))
    assert [e.start for e in elements] == sorted(e.start for e in elements)
    for element in elements:
        assert rendered[element.start : element.end] == render_node(element.node)
        assert element.depth >= 1
    assert tree.max_depth == max(
        (e.depth for e in elements if not isinstance(e.node, Placeholder)), default=0
    )
    assert tree.is_clean == (not elements)
    assert len(tree.placeholders) == sum(isinstance(e.node, Placeholder) for e in elements)
    assert tree.alternative_groups == sum(isinstance(e.node, Alternatives) for e in elements)


def _from_marks(tree: BracketedText) -> str:
    """The source written back from the walk alone, as a renderer writes it."""
    out: list[str] = []
    for mark in tree.marks():
        node = mark.node
        if mark.kind in ("text", "placeholder", "separator"):
            out.append(mark.text)
            continue
        pair = isinstance(node, Bracket) or (isinstance(node, Alternatives) and node.slash)
        if mark.kind == "open" and pair:
            out.append("[")
        elif mark.kind == "close" and pair:
            assert isinstance(node, Bracket | Alternatives)
            out.append("]" + (f"{{{node.attribution_text}}}" if node.attribution else ""))
    return "".join(out)


@SETTINGS
@given(bracketed_texts)
def test_the_walk_writes_the_source_and_numbers_elements_as_elements_does(
    tree: BracketedText,
) -> None:
    assert _from_marks(tree) == render(tree)
    numbered = [(m.element, m.node) for m in tree.marks() if m.element is not None]
    assert numbered == [(e.index, e.node) for e in tree.elements()]
    depths = {id(m.node): m.depth for m in tree.marks() if m.element is not None}
    assert [depths[id(e.node)] for e in tree.elements()] == [e.depth for e in tree.elements()]
    opened = [m for m in tree.marks() if m.kind in ("open", "option-open")]
    closed = [m for m in tree.marks() if m.kind in ("close", "option-close")]
    assert len(opened) == len(closed)


@SETTINGS
@given(bracketed_texts)
def test_plain_text_has_no_bracket_markers_of_its_own(tree: BracketedText) -> None:
    plain = tree.plain_text()
    # Only placeholders keep brackets and braces.
    for placeholder in tree.placeholders:
        plain = plain.replace(placeholder.source, "", 1)
    assert not re.search(r"[\[\]{}]", plain)


# ------------------------------------------------------------------------------------------------
# Resolution


@SETTINGS
@given(bracketed_texts, st.data())
def test_each_operation_returns_a_new_consistent_text(
    tree: BracketedText, data: st.DataObject
) -> None:
    elements = tree.elements()
    if not elements:
        return
    element = data.draw(st.sampled_from(elements))
    node = element.node
    before = render(tree)
    if isinstance(node, Bracket):
        result = tree.accept(element.index)
        assert result.brackets == tree.brackets - 1
        assert len(render(result)) == len(before) - len(render_node(node)) + len(
            render_nodes(node.children)
        )
    elif isinstance(node, Alternatives):
        option = data.draw(st.integers(1, len(node.options)))
        result = tree.choose(element.index, option)
        assert render(result) == (
            before[: element.start]
            + render_nodes(node.options[option - 1].children)
            + before[element.end :]
        )
    else:
        result = tree.fill(element.index, "filled")
        assert "filled" in render(result)
        # (fewer when a year placeholder is glued to the new word: "[X]20XX" gives "filled20XX")
        assert len(result.placeholders) <= len(tree.placeholders) - 1
    assert render(tree) == before  # the original is unchanged
    assert parse(render(result)) == result  # still well-formed
    try:
        deleted: BracketedText | None = tree.delete(element.index)
    except ValidationError as error:
        deleted, message = None, error.message
    if deleted is None:
        assert "without wording" in message
    else:
        assert len(render(deleted)) < len(before)
        assert parse(render(deleted)) == deleted


@SETTINGS
@given(bracketed_texts)
def test_accepting_everything_leaves_the_plain_wording(tree: BracketedText) -> None:
    if tree.placeholders or tree.alternative_groups:
        return
    while not tree.is_clean:
        tree = tree.accept(1)
    assert tree.brackets == 0


# ------------------------------------------------------------------------------------------------
# Any input


bracket_heavy = st.text(alphabet="[]{}/ aX2019\n,;:.^sicwEU-&Placeholder", max_size=60)


any_text = st.text(st.characters(exclude_categories=()))  # lone surrogates included


@SETTINGS
@given(st.one_of(any_text, bracket_heavy), st.integers(1, 50), st.integers(1, 50))
def test_lenient_never_raises_and_loses_nothing(text: str, line: int, column: int) -> None:
    tree, diagnostics = parse_lenient(text, line=line, column=column)
    assert render(tree) == text
    last_line = line + text.count("\n")
    for diagnostic in diagnostics:
        assert line <= diagnostic.line <= last_line
        assert diagnostic.column >= 1
        assert diagnostic.severity in ("error", "warning")
        assert str(diagnostic).startswith(f"{diagnostic.line}:{diagnostic.column}: ")
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        # Strict parsing raises a ParseError (and nothing else) at the first problem.
        with pytest.raises(ParseError) as info:
            parse(text, line=line, column=column)
        assert (info.value.line, info.value.column) == (errors[0].line, errors[0].column)
        assert str(info.value).startswith(str(errors[0]))
    else:
        assert parse(text, line=line, column=column) == tree


@SETTINGS
@given(bracket_heavy)
def test_diagnostics_point_at_the_character_they_name(text: str) -> None:
    _, diagnostics = parse_lenient(text)
    lines = text.split("\n")
    for diagnostic in diagnostics:
        char = lines[diagnostic.line - 1][diagnostic.column - 1]
        expected = {
            "unmatched-close": "]",
            "unclosed-open": "[",
            "empty-bracket": "[",
            "too-deep": "[",
            "unclosed-attribution": "{",
            "unclosed-placeholder": "{",
        }[diagnostic.code]
        assert char == expected


@SETTINGS
@given(st.text(alphabet="[]ab \n", max_size=40))
def test_balanced_texts_parse_strictly(text: str) -> None:
    depth = 0
    balanced = True
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        balanced = balanced and depth >= 0
    if balanced and depth == 0 and not re.search(r"\[\s*\]", text):
        assert render(parse(text)) == text
    else:
        with pytest.raises(ParseError):
            parse(text)
