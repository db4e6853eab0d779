"""Tests of the inline bracket grammar: constructs, look-alikes, diagnostics, resolution."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
import pytest

from consensus_text.errors import BracketNotFoundError, ParseError, ValidationError
from consensus_text.model.brackets import (
    MAX_NESTING,
    Alternatives,
    Bracket,
    BracketedText,
    Diagnostic,
    Element,
    Node,
    Placeholder,
    Text,
    parse,
    parse_lenient,
    render,
    render_node,
)


def b(*children: Node | str, attribution: tuple[str, ...] = (), text: str | None = None) -> Bracket:
    """A bracket; strings become Text nodes."""
    nodes = tuple(Text(c) if isinstance(c, str) else c for c in children)
    if text is None:
        return Bracket(nodes, attribution)
    return Bracket(nodes, attribution, attribution_text=text)


def t(value: str) -> Text:
    return Text(value)


def nodes_of(source: str) -> tuple[Node, ...]:
    tree = parse(source)
    assert render(tree) == source
    return tree.nodes


# ------------------------------------------------------------------------------------------------
# Constructs


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", ()),
        ("Recalling its resolution 77/37,", (t("Recalling its resolution 77/37,"),)),
        ("a [b] c", (t("a "), b("b"), t(" c"))),
        ("[a [b [c]]]", (b("a ", b("b ", b("c"))),)),
        ("[[a]]", (b(b("a")),)),
        ("x [a]\n[b]", (t("x "), b("a"), t("\n"), b("b"))),
    ],
)
def test_brackets_parse_to_trees(source: str, expected: tuple[Node, ...]) -> None:
    assert nodes_of(source) == expected


def test_six_and_more_levels_nest() -> None:
    source = "[one [two [three [four [five [six [seven]]]]]]] end"
    tree = parse(source)
    assert render(tree) == source
    assert tree.max_depth == 7
    assert tree.brackets == 7
    assert [e.depth for e in tree.elements()] == [1, 2, 3, 4, 5, 6, 7]
    assert tree.elements()[-1].path == (0, 1, 1, 1, 1, 1, 1)


@pytest.mark.parametrize(
    ("source", "separators"),
    [
        ("[shall][should]", ("",)),
        ("[shall] [should]", (" ",)),
        ("[shall][should] [may]", ("", " ")),
        ("[a] [b] [c] [d]", (" ", " ", " ")),
    ],
)
def test_adjacent_alternatives(source: str, separators: tuple[str, ...]) -> None:
    (node,) = nodes_of(source)
    assert isinstance(node, Alternatives)
    assert not node.slash
    assert node.separators == separators
    assert len(node.options) == len(separators) + 1
    assert all(isinstance(option, Bracket) for option in node.options)


@pytest.mark.parametrize(
    "source",
    [
        "[shall] or [should]",  # other text between
        "[shall]\n[should]",  # a newline
        "[shall]  [should]",  # two spaces
        "[shall]\t[should]",
        "[shall], [should]",
    ],
)
def test_brackets_separated_by_other_text_are_not_alternatives(source: str) -> None:
    tree = parse(source)
    assert tree.alternative_groups == 0
    assert tree.brackets == 2
    assert len(tree.elements()) == 2


def test_alternatives_inside_a_bracket_and_brackets_inside_options() -> None:
    (outer,) = nodes_of("[States [shall][should] act [now [today]]]")
    assert isinstance(outer, Bracket)
    assert outer.children[1] == Alternatives((b("shall"), b("should")), ("",))
    (alt,) = nodes_of("[[very] strongly][weakly]")
    assert isinstance(alt, Alternatives)
    assert alt.options[0] == b(b("very"), " strongly")


@pytest.mark.parametrize(
    ("source", "options", "separators"),
    [
        ("[shall/should]", [["shall"], ["should"]], ("/",)),
        ("[shall / should]", [["shall"], ["should"]], (" / ",)),
        ("[urges/encourages/invites]", [["urges"], ["encourages"], ["invites"]], ("/", "/")),
        ("[all States/Member States]", [["all States"], ["Member States"]], ("/",)),
        ("[he/she]", [["he"], ["she"]], ("/",)),
        ("[may, as appropriate/shall]", [["may, as appropriate"], ["shall"]], ("/",)),
    ],
)
def test_slash_alternatives(source: str, options: list[list[str]], separators: tuple[str]) -> None:
    (node,) = nodes_of(source)
    assert node == Alternatives(tuple(b(*o) for o in options), separators, slash=True)


def test_slash_alternatives_split_only_at_the_top_level() -> None:
    (node,) = nodes_of("[strengthen [a/b] cooperation/cooperate]")
    assert isinstance(node, Alternatives)
    assert node.slash
    inner = Alternatives((b("a"), b("b")), ("/",), slash=True)
    assert node.options == (b("strengthen ", inner, " cooperation"), b("cooperate"))
    assert parse("[strengthen [a/b] cooperation/cooperate]").brackets == 2


@pytest.mark.parametrize(
    "source",
    [
        "[and/or]",
        "[States and/or organizations]",
        "[or/and]",
        "[and / or]",
        "[2021/2025]",
        "[1/2]",
        "[in 2021/22]",
        "[A/RES/77/37]",
        "[recalling A/RES/77/37]",
        "[A/AC.292/2025/CRP.1]",
        "[E/CN.6/2024/L.3]",
        "[UNEP/EA.5/Res.14]",
        "[https://www.un.org/en/a/b]",
        "[see www.un.org/disarmament]",
        "[ftp://host/path]",
        "[/leading]",
        "[trailing/]",
        "[a//b]",
        "[a /b]",
        "[a/ b]",
        "[a  /  b]",
        "[paragraph 5/6]",
    ],
)
def test_slashes_that_are_not_alternatives(source: str) -> None:
    (node,) = nodes_of(source)
    assert isinstance(node, Bracket)
    assert node.children == (t(source[1:-1]),)


def test_slashes_outside_brackets_are_text() -> None:
    assert nodes_of("shall/should") == (t("shall/should"),)


@pytest.mark.parametrize(
    ("source", "codes"),
    [
        ("[shall]{EU}", ("EU",)),
        ("[strengthen]{G77, AGN}", ("G77", "AGN")),
        ("[strengthen]{G77,AGN}", ("G77", "AGN")),
        ("[strengthen]{G77; AGN;USA}", ("G77", "AGN", "USA")),
        ("[x]{EU-27, A.B&C}", ("EU-27", "A.B&C")),
        ("[x]{77}", ("77",)),
    ],
)
def test_attribution_is_data_and_renders_as_written(source: str, codes: tuple[str, ...]) -> None:
    (node,) = nodes_of(source)
    assert isinstance(node, Bracket)
    assert node.attribution == codes
    assert render_node(node) == source
    assert node.attribution_text == source[source.index("{") + 1 : -1]


def test_attribution_applies_to_each_adjacent_option() -> None:
    (node,) = nodes_of("[shall]{EU}[should]{USA} [may]")
    assert node == Alternatives(
        (b("shall", attribution=("EU",)), b("should", attribution=("USA",)), b("may")),
        ("", " "),
    )


def test_attribution_of_a_slash_group() -> None:
    (node,) = nodes_of("[shall/should]{EU,G77}")
    assert isinstance(node, Alternatives)
    assert node.slash
    assert node.attribution == ("EU", "G77")
    assert node.attribution_text == "EU,G77"


def test_attribution_default_text_and_equality() -> None:
    assert render_node(b("x", attribution=("EU", "G77"))) == "[x]{EU, G77}"
    assert parse("[x]{EU, G77}").nodes == (b("x", attribution=("EU", "G77")),)
    # Written differently, rendered differently: not equal.
    assert parse("[x]{EU,G77}").nodes != (b("x", attribution=("EU", "G77")),)


@pytest.mark.parametrize(
    "source",
    [
        "[x] {EU}",  # not glued to the bracket
        "[x]{not codes}",
        "[x]{eu}",
        "[x]{}",
        "[x]{ EU }",
        "text {braces} here",
        "{EU}",
        "}",
    ],
)
def test_braces_that_are_not_attributions_are_text(source: str) -> None:
    tree, diagnostics = parse_lenient(source)
    assert diagnostics == ()
    assert render(tree) == source
    assert all(not getattr(n, "attribution", ()) for n in tree.nodes)
    assert parse(source) == tree


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("[Placeholder for finance]", "finance"),
        ("[Placeholder: review cycle]", "review cycle"),
        (
            "[placeholder on the modalities of the review conference]",
            "the modalities of the review conference",
        ),
        ("[PLACEHOLDER - capacity-building]", "capacity-building"),
        ("[Placeholder]", ""),
        ("{Placeholder on review}", "review"),
        ("{placeholder for the date}", "the date"),
        ("[X]", "X"),
        ("[XX]", "XX"),
        ("[XXX]", "XXX"),
        ("20XX", "20XX"),
        ("19XX", "19XX"),
    ],
)
def test_placeholders(source: str, label: str) -> None:
    (node,) = nodes_of(source)
    assert node == Placeholder(source)
    assert node.label == label
    tree = parse(source)
    assert tree.placeholders == (node,)
    assert tree.brackets == 0
    assert not tree.is_clean


def test_placeholders_in_context() -> None:
    tree = parse("by [XX] per cent by 20XX, [Placeholder for finance]; [X][Y]")
    assert [p.source for p in tree.placeholders] == [
        "[XX]",
        "20XX",
        "[Placeholder for finance]",
        "[X]",
    ]
    assert tree.brackets == 1  # [Y]
    assert tree.alternative_groups == 0


@pytest.mark.parametrize(
    "source",
    [
        "in 1920XX",
        "20XXs",
        "A20XX",
        "2020XX",
        "[XXXX]",
        "[x]",
        "the Xth session",
    ],
)
def test_placeholder_look_alikes(source: str) -> None:
    assert not parse(source).placeholders


@pytest.mark.parametrize(
    "source",
    [
        "a footnote[^1] marker",
        "a footnote [^note-2].",
        "[sic]",
        "it's [SIC] so",
        "[...]",
        "[…]",
        "[on the report of the First Committee (A/77/385)]",
        "[On the report of the Third Committee (A/78/481/Add.2)]",
        "[without reference to a Main Committee (A/77/L.1)]",
        "see https://undocs.org/A/RES/77/37[1] and http://x.org/[a]b",
        "www.un.org/[x]",
    ],
)
def test_look_alikes_are_text(source: str) -> None:
    tree, diagnostics = parse_lenient(source)
    assert diagnostics == ()
    assert tree.is_clean
    assert tree.nodes == (t(source),)


def test_look_alikes_inside_brackets_and_urls_in_brackets() -> None:
    (node,) = nodes_of("[as set out in[^3] [sic]]")
    assert node == b("as set out in[^3] [sic]")
    (node,) = nodes_of("[see https://example.org/a[1]/b]")
    assert node == b("see https://example.org/a[1]/b")
    assert nodes_of("[see https://example.org]{EU}") == (
        b("see https://example.org", attribution=("EU",)),
    )


@pytest.mark.parametrize(
    ("source", "whole"),
    [
        ("[Decides to convene a review conference;]", True),
        ("[Decides to convene a review conference];", True),
        ("[Recalling its resolution 77/37],", True),
        ("[Decides to conclude.]", True),
        ("  [Decides to conclude].\n", True),
        ("[Decides]{EU};", True),
        ("[shall][should]", True),
        ("[Decides to] convene;", False),
        ("Decides to [convene];", False),
        ("[Decides];;", False),
        ("[a] [b] c", False),
        ("[Placeholder for finance]", False),
        ("", False),
        ("plain", False),
    ],
)
def test_is_whole_paragraph(source: str, whole: bool) -> None:
    assert parse(source).is_whole_paragraph() is whole


# ------------------------------------------------------------------------------------------------
# Counting, plain text, elements


def test_counts() -> None:
    tree = parse("[a [b][c]] [d/e] [X] [f]{EU} 20XX")
    assert tree.brackets == 5  # [a ...], [b], [c], [d/e], [f]
    assert tree.max_depth == 2
    assert tree.alternative_groups == 2
    assert len(tree.placeholders) == 2
    assert not tree.is_clean
    clean = parse("Recalling [sic] its resolution")
    assert (clean.brackets, clean.max_depth, clean.alternative_groups) == (0, 0, 0)
    assert clean.is_clean


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("a [b] c", "a b c"),
        ("[shall]{EU}[should]", "shall / should"),
        ("[urges/encourages/invites]", "urges / encourages / invites"),
        ("[x [y]]{G77} [Placeholder for z] 20XX", "x y [Placeholder for z] 20XX"),
        ("[sic] and/or", "[sic] and/or"),
    ],
)
def test_plain_text(source: str, plain: str) -> None:
    assert parse(source).plain_text() == plain


def test_elements_are_numbered_in_document_order_outer_first() -> None:
    source = "Decides [to [convene]][shall], [a [review] conference]{EU} in 20XX [by [X]/in]."
    tree = parse(source)
    rendered = tree.render()
    got = [(e.index, e.kind, e.depth, rendered[e.start : e.end], e.path) for e in tree.elements()]
    assert got == [
        (1, "alternatives", 1, "[to [convene]][shall]", (1,)),
        (2, "bracket", 2, "[convene]", (1, 0, 1)),
        (3, "bracket", 1, "[a [review] conference]{EU}", (3,)),
        (4, "bracket", 2, "[review]", (3, 1)),
        (5, "placeholder", 1, "20XX", (5,)),
        (6, "alternatives", 1, "[by [X]/in]", (7,)),
        (7, "placeholder", 2, "[X]", (7, 0, 1)),
    ]
    for element in tree.elements():
        assert element.source(tree) == render_node(element.node)
        assert tree.element(element.index) == element
    assert isinstance(tree.elements()[0], Element)


def test_element_paths_lead_to_the_nodes() -> None:
    tree = parse("x [a [b] [c][d]] y [e/[f]]")
    for element in tree.elements():
        node: object = tree
        steps = list(element.path)
        node = tree.nodes[steps.pop(0)]
        while steps:
            if isinstance(node, Alternatives):
                option = node.options[steps.pop(0)]
                node = option.children[steps.pop(0)] if steps else option
            else:
                assert isinstance(node, Bracket)
                node = node.children[steps.pop(0)]
        assert node is element.node


@pytest.mark.parametrize("index", [0, -1, 4, 99])
def test_unknown_element_index(index: int) -> None:
    tree = parse("[a] [X] [b/c]")
    with pytest.raises(BracketNotFoundError) as info:
        tree.element(index)
    message = str(info.value)
    assert f"no element {index}" in message
    assert "3 contested element(s), numbered 1 to 3" in message
    assert "elements()" in message
    assert isinstance(info.value, KeyError)


def test_unknown_element_index_in_a_clean_text() -> None:
    with pytest.raises(BracketNotFoundError, match="no element 1: the text has no brackets"):
        parse("clean").accept(1)


# ------------------------------------------------------------------------------------------------
# Resolution operations


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [
        ("a [b] c", 1, "a b c"),
        ("to [strengthen [further]] cooperation", 1, "to strengthen [further] cooperation"),
        ("to [strengthen [further]] cooperation", 2, "to [strengthen further] cooperation"),
        ("[Decides to convene a review conference];", 1, "Decides to convene a review conference;"),
        ("[a]{EU, G77} b", 1, "a b"),
        ("[x [a][b]]", 1, "x [a][b]"),
        ("[[a]] [c]", 2, "[a] [c]"),
        ("[[a]]", 1, "[a]"),
        ("[[X]]", 1, "[X]"),
        ("[a [b/c]] d", 1, "a [b/c] d"),
        ("[one [two [three [four [five [six]]]]]]", 3, "[one [two three [four [five [six]]]]]"),
    ],
)
def test_accept(source: str, index: int, expected: str) -> None:
    tree = parse(source)
    result = tree.accept(index)
    assert isinstance(result, BracketedText)
    assert render(result) == expected
    assert result == parse(expected)
    assert render(tree) == source  # never mutated
    assert result.brackets == tree.brackets - 1


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [
        ("a [b] c", 1, "a c"),
        ("[b] c", 1, "c"),
        ("a [b]", 1, "a"),
        ("a [b];", 1, "a;"),
        ("a [b], c", 1, "a, c"),
        ("a [b]\nc", 1, "a\nc"),
        ("a\n[b] c", 1, "a\nc"),
        ("a[b] c", 1, "a c"),
        ("a [b]c", 1, "a c"),
        ("to [strengthen [further]] cooperation", 2, "to [strengthen] cooperation"),
        ("to [strengthen [further]] cooperation", 1, "to cooperation"),
        ("[shall][should] act", 1, "act"),
        ("States [shall/should] act", 1, "States act"),
        ("by [XX] per cent", 1, "by per cent"),
        ("by 20XX.", 1, "by."),
        ("[x [a] y]", 2, "[x y]"),
        ("([a] b)", 1, "(b)"),
        ("[Decides to convene a review conference];", 1, ""),
        ("[Decides to convene a review conference;]", 1, ""),
        ("[a]{EU} [X] [b]{USA}", 1, "[X] [b]{USA}"),
    ],
)
def test_delete(source: str, index: int, expected: str) -> None:
    tree = parse(source)
    result = tree.delete(index)
    assert render(result) == expected
    assert result == parse(expected)
    assert render(tree) == source


def test_delete_can_make_brackets_neighbours() -> None:
    # Deleting the placeholder between two brackets leaves them side by side: alternatives, as
    # a reader of the text would see them.
    result = parse("[a] [X] [b]").delete(2)
    assert render(result) == "[a] [b]"
    assert result.alternative_groups == 1


@pytest.mark.parametrize(
    ("source", "index", "option", "expected"),
    [
        ("States [shall][should] act", 1, 1, "States shall act"),
        ("States [shall][should]{USA} act", 1, 2, "States should act"),
        ("[a] [b] [c]", 1, 3, "c"),
        ("[urges/encourages/invites] States", 1, 2, "encourages States"),
        ("[shall / should]{EU}", 1, 1, "shall"),
        ("[[very] strongly][weakly] urges", 1, 1, "[very] strongly urges"),
        ("[x [a][b] y]", 2, 2, "[x b y]"),
        ("[x [a/b] y]", 2, 1, "[x a y]"),
    ],
)
def test_choose(source: str, index: int, option: int, expected: str) -> None:
    tree = parse(source)
    result = tree.choose(index, option)
    assert render(result) == expected
    assert result == parse(expected)
    assert render(tree) == source


@pytest.mark.parametrize(
    ("source", "index", "fill", "expected"),
    [
        ("by [XX] per cent", 1, "30", "by 30 per cent"),
        ("by [XX] per cent", 1, "[30][40]", "by [30][40] per cent"),
        ("by 20XX.", 1, "2030", "by 2030."),
        (
            "[Placeholder for finance]",
            1,
            "Decides to mobilize [new] resources;",
            "Decides to mobilize [new] resources;",
        ),
        ("{Placeholder on review} ends", 1, "A review", "A review ends"),
        ("[States [X] act]", 2, "shall", "[States shall act]"),
    ],
)
def test_fill(source: str, index: int, fill: str, expected: str) -> None:
    tree = parse(source)
    result = tree.fill(index, fill)
    assert render(result) == expected
    assert result == parse(expected)
    assert render(tree) == source


def test_fill_text_is_parsed() -> None:
    result = parse("by [XX] per cent").fill(1, "[30][40]")
    assert result.alternative_groups == 1
    with pytest.raises(ParseError) as info:
        parse("by [XX] per cent").fill(1, "[30")
    assert info.value.line == 1
    assert info.value.column == 1


@pytest.mark.parametrize(
    ("source", "operation", "message", "hint"),
    [
        ("[a][b]", lambda tr: tr.accept(1), "group of 2 alternatives", "choose(1, option)"),
        ("[X]", lambda tr: tr.accept(1), "placeholder '[X]'", "fill(1, text)"),
        ("[a]", lambda tr: tr.choose(1, 1), "a plain bracket, not a group", "accept(1)"),
        ("[X]", lambda tr: tr.choose(1, 1), "a placeholder, not a group", "fill(1, text)"),
        ("[a][b]", lambda tr: tr.choose(1, 3), "no option 3: they have 2", "numbered from 1"),
        ("[a][b]", lambda tr: tr.choose(1, 0), "no option 0", "numbered from 1"),
        ("[a]", lambda tr: tr.fill(1, "x"), "a bracket, not a placeholder", "accept(1)"),
        (
            "[a/b]",
            lambda tr: tr.fill(1, "x"),
            "alternatives, not a placeholder",
            "choose(1, option)",
        ),
        ("[X]", lambda tr: tr.fill(1, " "), "cannot fill placeholder 1", "delete(1)"),
    ],
)
def test_operations_that_do_not_fit_the_element(
    source: str, operation: Callable[[BracketedText], object], message: str, hint: str
) -> None:
    tree = parse(source)
    with pytest.raises(ValidationError) as info:
        operation(tree)
    assert message in info.value.message
    assert info.value.hint is not None
    assert hint in info.value.hint


@pytest.mark.parametrize(
    "operation",
    [
        lambda tr: tr.accept(3),
        lambda tr: tr.delete(0),
        lambda tr: tr.choose(9, 1),
        lambda tr: tr.fill(-1, "x"),
    ],
)
def test_operations_with_an_unknown_index(operation: Callable[[BracketedText], object]) -> None:
    with pytest.raises(BracketNotFoundError, match="numbered 1 to 2"):
        operation(parse("[a] [X]"))


def test_operations_in_sequence_settle_a_paragraph() -> None:
    tree = parse("[Decides [to convene][that it shall convene] a [review] conference in [20XX];]")
    assert [e.kind for e in tree.elements()] == [
        "bracket",
        "alternatives",
        "bracket",
        "bracket",
        "placeholder",
    ]
    tree = tree.choose(2, 2)
    tree = tree.accept(2)  # [review]
    tree = tree.fill(3, "2026")
    assert render(tree) == "[Decides that it shall convene a review conference in [2026];]"
    tree = tree.accept(2).accept(1)
    assert tree.is_clean
    assert render(tree) == "Decides that it shall convene a review conference in 2026;"


# ------------------------------------------------------------------------------------------------
# Diagnostics and strict errors


@pytest.mark.parametrize(
    ("source", "line", "column", "expected"),
    [
        # (source, file line and column, [(line, column, code), ...])
        ("a ]", 1, 1, [(1, 3, "unmatched-close")]),
        ("[a]] b", 1, 1, [(1, 4, "unmatched-close")]),
        ("a]]", 1, 1, [(1, 2, "unmatched-close"), (1, 3, "unmatched-close")]),
        ("x [a", 1, 1, [(1, 3, "unclosed-open")]),
        ("[a [b", 1, 1, [(1, 1, "unclosed-open"), (1, 4, "unclosed-open")]),
        ("[a [b] c", 1, 1, [(1, 1, "unclosed-open")]),
        ("a [] b", 1, 1, [(1, 3, "empty-bracket")]),
        ("a [ \n ] b", 1, 1, [(1, 3, "empty-bracket")]),
        ("[x]{EU", 1, 1, [(1, 4, "unclosed-attribution")]),
        ("[x]{EU, G77 [y]", 1, 1, [(1, 4, "unclosed-attribution")]),
        ("{Placeholder for x", 1, 1, [(1, 1, "unclosed-placeholder")]),
        # offsets: the column offsets the first line only
        ("a ]", 12, 5, [(12, 7, "unmatched-close")]),
        ("first line\nsecond ] line", 12, 5, [(13, 8, "unmatched-close")]),
        ("first line\n\nthird [line", 3, 9, [(5, 7, "unclosed-open")]),
        ("[x]\n  []\n[y]{G77", 40, 3, [(41, 3, "empty-bracket"), (42, 4, "unclosed-attribution")]),
        ("ok]\n[never", 2, 4, [(2, 6, "unmatched-close"), (3, 1, "unclosed-open")]),
    ],
)
def test_diagnostics_point_at_the_offending_character(
    source: str, line: int, column: int, expected: list[tuple[int, int, str]]
) -> None:
    tree, diagnostics = parse_lenient(source, line=line, column=column)
    assert render(tree) == source
    assert [(d.line, d.column, d.code) for d in diagnostics] == expected
    assert all(d.severity == "error" and d.expected and d.hint for d in diagnostics)
    with pytest.raises(ParseError) as info:
        parse(source, line=line, column=column)
    assert (info.value.line, info.value.column) == expected[0][:2]


def test_lenient_keeps_stray_and_unclosed_brackets_as_text() -> None:
    tree, _ = parse_lenient("a] [b [c] d")
    assert tree.nodes == (t("a] [b "), b("c"), t(" d"))
    tree, _ = parse_lenient("[a]]] [b]")
    assert tree.nodes == (b("a"), t("]] "), b("b"))
    tree, _ = parse_lenient("[] [a]")
    assert tree.nodes == (t("[] "), b("a"))


def test_unmatched_close_messages() -> None:
    (first, second) = parse_lenient("a]]")[1]
    assert first.message == "unmatched ']'"
    assert second.message == "unmatched ']'"
    (doubled,) = parse_lenient("[a]]")[1]
    assert doubled.message == "unmatched ']' (the second of ']]')"
    assert doubled.hint == "remove the stray ']'"
    assert str(doubled) == "1:4: unmatched ']' (the second of ']]')"


def test_strict_error_message_for_an_unclosed_bracket() -> None:
    source = "Decides to convene\na [review conference in 2026;"
    with pytest.raises(ParseError) as info:
        parse(source, line=2, column=5)
    error = info.value
    assert (error.line, error.column) == (3, 3)
    assert error.expected == "']' to close the '[' opened at 3:3"
    assert error.hint == "add ']' where the bracketed wording ends, or remove the '['"
    assert str(error) == (
        "3:3: '[' at line 3, column 3 is never closed: \"[review conference in 2026;\" "
        "(expected ']' to close the '[' opened at 3:3); "
        "add ']' where the bracketed wording ends, or remove the '['"
    )
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("source", "message", "expected", "hint"),
    [
        ("a ] b", "1:3: unmatched ']'", "text or '['", "remove the ']' or add the matching '['"),
        (
            "a [] b",
            "1:3: empty brackets '[]'",
            "the contested wording between '[' and ']'",
            "remove the empty brackets",
        ),
        (
            "[x]{EU, G77",
            "1:4: the attribution '{EU, G77' after ']' is never closed",
            "'}' to close the attribution opened at 1:4",
            "close the participant codes with '}'",
        ),
        (
            "{Placeholder for x",
            "1:1: the placeholder '{Placeholder for x' is never closed",
            "'}' to close the placeholder opened at 1:1",
            "close it with '}'",
        ),
    ],
)
def test_strict_error_messages(source: str, message: str, expected: str, hint: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(source)
    assert str(info.value).startswith(message)
    assert info.value.expected == expected
    assert info.value.hint is not None
    assert info.value.hint.startswith(hint)


def test_strict_raises_at_the_first_problem_in_the_text() -> None:
    with pytest.raises(ParseError) as info:
        parse("[a [b]{EU")  # the unclosed '[' at 1:1 comes before the attribution at 1:7
    assert (info.value.line, info.value.column) == (1, 1)
    assert parse_lenient("[a [b]{EU")[1][1].code == "unclosed-attribution"


def test_diagnostic_values() -> None:
    d = Diagnostic(3, 14, "unmatched ']'", "unmatched-close", expected="text", hint="fix it")
    assert str(d) == "3:14: unmatched ']'"
    error = d.to_error(source="draft.txt")
    assert str(error) == "draft.txt:3:14: unmatched ']' (expected text); fix it"


@pytest.mark.parametrize(("line", "column"), [(0, 1), (1, 0), (-3, 2)])
def test_bad_start_position(line: int, column: int) -> None:
    with pytest.raises(ValidationError, match="integers from 1"):
        parse("a", line=line, column=column)
    with pytest.raises(ValidationError):
        parse_lenient("a", line=line, column=column)


# ------------------------------------------------------------------------------------------------
# Depth and size limits


def test_nesting_up_to_the_limit() -> None:
    source = "[a " * MAX_NESTING + "]" * MAX_NESTING
    tree = parse(source)
    assert tree.max_depth == MAX_NESTING
    assert render(tree) == source
    assert tree == parse(source)  # equality, hashing and repr stay within the recursion limit
    assert hash(tree) == hash(parse(source))
    assert repr(tree).startswith("BracketedText(")
    assert len(tree.elements()) == MAX_NESTING
    assert render(tree.accept(1)) == source[1:-1]
    assert render(tree.accept(MAX_NESTING)) == "[a " * (MAX_NESTING - 1) + "a " + "]" * (
        MAX_NESTING - 1
    )


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 10_000])
def test_deeper_nesting_is_a_clear_error(depth: int) -> None:
    source = "[" * depth + "x" + "]" * depth
    with pytest.raises(ParseError) as info:
        parse(source, line=4)
    assert (info.value.line, info.value.column) == (4, MAX_NESTING + 1)
    assert f"nested more than {MAX_NESTING} deep" in str(info.value)
    tree, diagnostics = parse_lenient(source)
    assert render(tree) == source
    assert [d.code for d in diagnostics] == ["too-deep"]
    assert tree.max_depth == MAX_NESTING


def test_ten_thousand_unclosed_brackets() -> None:
    source = "[a " * 10_000
    tree, diagnostics = parse_lenient(source)
    assert render(tree) == source
    assert len(diagnostics) == 10_001
    assert {d.code for d in diagnostics} == {"unclosed-open", "too-deep"}
    assert diagnostics[0].code == "unclosed-open"
    assert tree.is_clean
    with pytest.raises(ParseError, match="1:1: '\\[' at line 1, column 1 is never closed"):
        parse(source)


@pytest.mark.parametrize(
    "source",
    [
        "[a]" * 50_000,  # one group of 50,000 alternatives
        "[" + "a/" * 50_000 + "b]",
        "[x]{EU" * 20_000,
        "{Placeholder " * 20_000,
        "[Placeholder " * 20_000,
        "[on the report of " * 20_000,
        "]" * 50_000,
        ("[a " * 90 + "b" * 1000 + "/c " + "]" * 90) * 50,
        "https://x.org/" + "[" * 20_000,
    ],
)
def test_pathological_inputs_parse_in_linear_time(source: str) -> None:
    # Each of these would take minutes with a quadratic step; linear, they take milliseconds.
    tree, _ = parse_lenient(source)
    assert render(tree) == source


def test_many_alternatives() -> None:
    tree = parse("[a]" * 1000)
    (node,) = tree.nodes
    assert isinstance(node, Alternatives)
    assert len(node.options) == 1000
    assert tree.brackets == 1000


# ------------------------------------------------------------------------------------------------
# The values themselves


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Bracket(()), "a bracket needs wording"),
        (lambda: Bracket((t("a"),), ("eu",)), "'eu' is not a participant code"),
        (lambda: Bracket((t("a"),), ("EU",), attribution_text="USA"), "does not list the codes"),
        (lambda: Bracket((t("a"),), (), attribution_text="EU"), "without codes"),
        (lambda: Alternatives((b("a"),), ()), "at least 2 options"),
        (lambda: Alternatives((b("a"), b("b")), ()), "need 1 separators"),
        (lambda: Alternatives((b("a"), b("b")), ("/",)), "'/' is not a separator of adjacent"),
        (
            lambda: Alternatives((b("a"), b("b")), ("",), slash=True),
            "'' is not a separator of slash",
        ),
        (
            lambda: Alternatives((b("a", attribution=("EU",)), b("b")), ("/",), slash=True),
            "cannot be attributed one by one",
        ),
        (lambda: Alternatives((b("a"), b("b")), ("",), attribution=("EU",)), "option by option"),
        (lambda: Placeholder("[Y]"), "'[Y]' is not a placeholder"),
        (lambda: Placeholder("2030"), "is not a placeholder"),
    ],
)
def test_invalid_values(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        build()


def test_values_are_frozen_and_str_renders() -> None:
    tree = parse("a [b] c")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tree.nodes = ()  # type: ignore[misc]
    assert str(tree) == "a [b] c"
    assert BracketedText.parse("a [b] c") == tree
    assert render(BracketedText((t("a "), b("b")))) == "a [b]"


def test_with_attribution() -> None:
    (node,) = parse("[x]{EU,G77}").nodes
    assert isinstance(node, Bracket)
    assert render_node(node.with_attribution(["USA"])) == "[x]{USA}"
    assert render_node(node.with_attribution([])) == "[x]"
    (group,) = parse("[a/b]").nodes
    assert isinstance(group, Alternatives)
    assert render_node(group.with_attribution(("AOSIS", "LDCs"))) == "[a/b]{AOSIS, LDCs}"
    with pytest.raises(ValidationError, match="option by option"):
        parse("[a][b]").nodes[0].with_attribution(["EU"])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "source",
    [
        "\x00[a\x00]\x00",
        "[\ud800]] \udfff [",
        "\x1b[31m red \x1b[0m",
        "تقرر [عقد] مؤتمر [استعراضي",  # Arabic, right to left
        "\u202e[reversed]\u202c ]",
        "\r\n[a\r\nb]\r\n]",
        "[" * 3 + "\n" * 3 + "]" * 5,
        "{" * 5 + "}" * 2 + "[x]{" * 3,
    ],
)
def test_lenient_parses_any_characters(source: str) -> None:
    tree, diagnostics = parse_lenient(source, line=2, column=3)
    assert render(tree) == source
    for diagnostic in diagnostics:
        assert diagnostic.line >= 2
        assert diagnostic.column >= 1


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [
        ("a [[b]] c", 2, "a c"),
        ("a [ [b] ] c", 2, "a c"),
        ("[x [[b]]] c", 3, "[x] c"),
        ("[[[b]]];", 3, ""),
        ("[a [X]]", 2, "[a]"),
    ],
)
def test_delete_removes_brackets_left_without_wording(
    source: str, index: int, expected: str
) -> None:
    assert render(parse(source).delete(index)) == expected


@pytest.mark.parametrize("source", ["[[b]][c]", "[[b]/c]", "[c] [ [X] ]"])
def test_delete_refuses_to_empty_an_option(source: str) -> None:
    tree = parse(source)
    with pytest.raises(ValidationError) as info:
        tree.delete(len(tree.elements()))
    assert "would leave option" in info.value.message
    assert "without wording" in info.value.message
    assert info.value.hint == "choose(1, option) or delete(1) instead"
