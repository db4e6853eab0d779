"""Fuzzing the Akoma Ntoso import with mutations of a real export: only FormatError may escape.

The seed is the demo negotiation's current text from ``to_akn_bytes``; the XML is cut, repeated,
given foreign or hostile markup and odd attribute values. ``read_akn`` (with and without schema
validation) returns a document or raises FormatError (UnsafeInputError is one).
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from consensus_text.errors import FormatError

akn = pytest.importorskip("consensus_text.io.akn", reason="the Akoma Ntoso backend is not there")

FUZZ = settings(
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SNIPPETS = [
    "<paragraph>", "</paragraph>", '<paragraph GUID="p1"><num>1</num><content><p>x</p></content></paragraph>',
    "<num>5 bsi</num>", "<num></num>", '<inline name="bracket">', "</inline>", '<inline name="option">[a]</inline>',
    '<inline name="placeholder">[X]</inline>', '<inline name="alternatives"/>', "<point>", "<intro><p>a:</p></intro>",
    "<section><heading>H</heading>", "</section>", '<recital GUID="r"><p>Recalling,</p></recital>',
    "<blockList><item><p>a</p></item></blockList>", "&amp;", "&#x202E;", "&#1;", "&bogus;", "<![CDATA[[x]]]>",
    "<?pi x?>", "<!-- c -->", "<!DOCTYPE x>", '<x:y xmlns:x="urn:x"/>', "[", "]", "{EU}",
]  # fmt: skip
ODD_VALUES = [
    "",
    "p1",
    "p1 p1",
    "%",
    "%ZZ",
    "-1",
    "x" * 300,
    "\u202e",
    "removed",
    "heading",
    "#party_XXX",
]
ACTIONS = ["cut", "repeat", "insert", "insert", "attribute", "attribute", "attribute", "flip"]


@cache
def seed() -> str:
    from consensus_text.demo import build_poa_negotiation

    return str(akn.to_akn_bytes(build_poa_negotiation().state).decode("utf-8"))


def test_the_seed_reads() -> None:
    assert len(akn.read_akn(seed().encode()).draft.paragraphs) > 40


@FUZZ
@given(st.data(), st.booleans())
def test_mutated_exports(data: st.DataObject, validate: bool) -> None:
    text = seed()
    for _ in range(data.draw(st.integers(1, 5), label="mutations")):
        at = data.draw(st.integers(0, len(text) - 1), label="at")
        action = data.draw(st.sampled_from(ACTIONS), label="action")
        if action == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 200), label="length") :]
        elif action == "repeat":
            length = data.draw(st.integers(1, 300), label="length")
            text = text[: at + length] + text[at : at + length] + text[at + length :]
        elif action == "insert":
            text = text[:at] + data.draw(st.sampled_from(SNIPPETS), label="snippet") + text[at:]
        elif action == "attribute":
            values = list(
                re.finditer(r'(?:GUID|eId|class|refersTo|status|name|ct:\w+)="[^"]*"', text)
            )
            match = data.draw(st.sampled_from(values), label="attribute")
            name = match.group().split("=")[0]
            value = data.draw(st.sampled_from(ODD_VALUES), label="value")
            text = text[: match.start()] + f'{name}="{value}"' + text[match.end() :]
        else:
            text = text[:at] + chr(ord(text[at]) ^ 1) + text[at + 1 :]
    try:
        document = akn.read_akn(text.encode("utf-8", errors="surrogatepass"), validate=validate)
    except FormatError as error:
        event(f"refused: {type(error).__name__}")
        return
    event("read")
    assert document.draft is not None
