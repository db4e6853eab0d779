"""Hostile text: every Unicode category, controls, right-to-left marks, NUL, lone surrogates.

Through the bracket parser (lenient never raises and keeps every character; strict raises only
ParseError), the text-draft reader and writer (a round trip gives the same draft), the PDF clean-up,
text files (bytes that are not UTF-8 text are a FormatError naming the byte), and on into a
negotiation, its store and its JSON. Pathological shapes (thousands of ``[``, attribution braces
that never close, long runs of slashes) run in bounded time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from consensus_text.errors import ConsensusTextError, FormatError, ParseError, UnsafeInputError
from consensus_text.history import Negotiation, open_store
from consensus_text.io.json import dump_json, read_json
from consensus_text.io.text import (
    MAX_TEXT_BYTES,
    clean_extracted_text,
    read_text_draft,
    read_text_file,
    write_text_draft,
)
from consensus_text.model.brackets import parse, parse_lenient, render

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import bounded, call_count, nothing_written, raised

MiB = 1024 * 1024
AT = dt.datetime(2025, 7, 1, 9, tzinfo=dt.UTC)

SPECIAL = [
    *(chr(c) for c in range(0x20)),  # C0 controls, NUL included
    "\x7f",  # DEL
    *(chr(c) for c in range(0x80, 0xA0)),  # C1 controls, NEL
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",  # zero-width, LRM, RLM
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069", "\u061c",  # isolates, Arabic letter mark
    "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\ufffd",  # separators, BOM, non-chars
    "\ud800", "\udbff", "\udc00", "\udfff",  # lone surrogates
    "\U0010ffff", "\U000e0001", "\u0301", "\u20dd",  # last code point, tag, combining marks
    "\u0660", "\u0664", "\u3000", "\u1680", "\u00a0",  # Arabic-Indic digits, odd spaces
]  # fmt: skip

TEMPLATES = [
    "{c}",
    "1. Decides [to {c} act];",
    "PP1. Recalling {c}[x]{c},\n\n2. [{c}]",
    "# T{c}\n\n1. a{c}b;\n\n(a) [{c}][{c}]",
    "[a{c}/b] [Placeholder {c}] {{Placeholder {c}}} [x]{{{c}}}",
    "Option 1{c}:\n1. [{c}];\nOption 2: No text",
    "{c}[^1]: footnote {c}",
]


@cache
def samples_by_category() -> dict[str, tuple[str, ...]]:
    """Up to 24 code points of every Unicode general category (first, last and spread)."""
    found: dict[str, list[str]] = {}
    for code in range(0x110000):
        found.setdefault(unicodedata.category(chr(code)), []).append(chr(code))
    samples = {}
    for category, chars in found.items():
        step = max(1, len(chars) // 22)
        samples[category] = tuple(dict.fromkeys([*chars[::step], chars[-1]]))
    return samples


def _check_everywhere(text: str) -> None:
    tree, diagnostics = parse_lenient(text)
    assert render(tree) == text
    if any(d.severity == "error" for d in diagnostics):
        with pytest.raises(ParseError) as caught:
            parse(text)
        assert caught.value.line >= 1 and caught.value.column >= 1
    else:
        assert render(parse(text)) == text
    result = read_text_draft(text, source="hostile.md")
    again = read_text_draft(write_text_draft(result.draft, footnotes=result.footnotes))
    if not write_text_draft(result.draft).startswith("\ufeff"):  # see the BOM test below
        assert again.draft == result.draft
    if result.diagnostics:
        with pytest.raises(ParseError) as strict:
            read_text_draft(text, source="hostile.md", strict=True)
        assert strict.value.source == "hostile.md"
    else:
        read_text_draft(text, source="hostile.md", strict=True)
    cleaned = clean_extracted_text(text)
    assert isinstance(cleaned.text, str)


def test_every_category_is_sampled() -> None:
    assert len(samples_by_category()) == 30  # Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc ... Cn


@pytest.mark.parametrize("category", sorted(samples_by_category()))
def test_every_unicode_category(category: str) -> None:
    for char in samples_by_category()[category]:
        for template in TEMPLATES:
            _check_everywhere(template.format(c=char))


@pytest.mark.parametrize("char", SPECIAL, ids=lambda c: f"U+{ord(c):04X}")
def test_controls_marks_and_surrogates(char: str) -> None:
    for template in TEMPLATES:
        _check_everywhere(template.format(c=char))
        _check_everywhere(template.format(c=char * 50))


@pytest.mark.parametrize(
    "text", ["\ufeff\ufeff1. Decides;", "\ufeff\ufeffx", "\ufeff\ufeff# T", "x\n\n\ufeff# y"]
)
def test_a_leading_zero_width_no_break_space_round_trips(text: str) -> None:
    result = read_text_draft(text)
    written = write_text_draft(result.draft)
    assert not written.startswith("\ufeff")
    assert read_text_draft(written).draft == result.draft


#: Shapes of text that could make a parser slow, as functions of a size.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "opens": lambda n: "[" * n,
    "closes": lambda n: "]" * n,
    "nest past the limit": lambda n: "[" * n + "a" + "]" * n,
    "unclosed attribution": lambda n: "[a]{" + "EU," * n,
    "long attribution": lambda n: "[a]{" + "EU, " * n + "G77}",
    "braces": lambda n: "{" * n,
    "placeholders never closed": lambda n: "{Placeholder " * n + "[Placeholder " * n,
    "slashes": lambda n: "[" + "a/" * n + "]",
    "only slashes": lambda n: "[" + "/" * n + "]",
    "and/or": lambda n: "[" + "and/or " * n + "]",
    "urls": lambda n: "http://" * n + "[a]" + "www." * n,
    "years": lambda n: "20XX " * n,
    "footnote markers": lambda n: "[^" * n,
    "alternatives": lambda n: "[a][b]" * n,
    "newlines in brackets": lambda n: "[\n" * n,
    "nested slashes": lambda n: ("[a/" * 90 + "b" + "]" * 90) * (n // 100),
    "labels": lambda n: "\n".join(f"{k}. [x" for k in range(n)),
    "sub-paragraphs": lambda n: "1. Decides:\n" + "\n".join("(a) [x];" for _ in range(n)),
    "chapeaux": lambda n: "\n".join("1. Decides:\n(a) x:\n(i) y:\na. z:\ni. w;" for _ in range(n)),
    "footnote definitions": lambda n: "\n".join(f"[^{k}]: note" for k in range(n)) + "\n1. x;",
    "headings": lambda n: "\n".join(f"## H{k}" for k in range(n)),
    "latin suffixes": lambda n: "\n".join(f"1 {s}. x;" for s in ("bis", "ter", "quater") * n),
    "option groups": lambda n: "\n".join("Option 1:\n1. x;\nOption 2: No text" for _ in range(n)),
    "alternating option words": lambda n: "\n".join(
        f"{'Option' if k % 2 else 'Alt'} 1:\n{k}. x;" for k in range(n)
    ),
    "options of one group": lambda n: "\n".join(f"Option {k}:\n{k}. x;" for k in range(n)),
    "pdf furniture": lambda n: "Page 1 of 9\nA/RES/1\nfoo-\nbar\n\f" * n,
}


def _everything(text: str) -> Callable[[], None]:
    def work() -> None:
        parse_lenient(text)
        with contextlib.suppress(ParseError):
            parse(text)
        result = read_text_draft(text)
        write_text_draft(result.draft)
        clean_extracted_text(text)

    return work


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_shapes_finish(name: str) -> None:
    outcome = bounded(_everything(PATHOLOGICAL[name](5_000)), memory=False)
    assert outcome.error is None, repr(outcome.error)


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_shapes_take_linear_work(name: str) -> None:
    """Twice the input, about twice the function calls (not time: calls are deterministic)."""
    small = call_count(_everything(PATHOLOGICAL[name](400)))
    large = call_count(_everything(PATHOLOGICAL[name](800)))
    assert large < 2.5 * small, f"{small} calls for 400, {large} for 800"


# ----------------------------------------------------------------------------------------------
# Files


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"1. Decides\x00;", "NUL byte at byte offset 10"),
        (b"\xef\xbb\xbf1. \x00", "NUL byte at byte offset 6"),
        (b"\xff\xfe1\x00.\x00", "UTF-16 text"),
        (b"\xfe\xff\x001\x00.", "UTF-16 text"),
        (b"1. Decides \xe9;", "byte 0xe9 at byte offset 11"),
        (b"1. \xed\xa0\x80;", "byte 0xed at byte offset 3"),  # an encoded lone surrogate
        (b"1. \xf4\x90\x80\x80;", "byte 0xf4 at byte offset 3"),  # past U+10FFFF
        (b"1. \xc0\xaf;", "byte 0xc0 at byte offset 3"),  # overlong '/'
        (b"1. \xe2\x82;", "at byte offset 3"),  # truncated sequence
    ],
    ids=[
        "nul",
        "nul-after-bom",
        "utf16le",
        "utf16be",
        "latin1",
        "surrogate",
        "too-high",
        "overlong",
        "cut",
    ],
)
def test_files_that_are_not_utf8_text(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes(content)
    with nothing_written(tmp_path):
        error = raised(bounded(lambda: read_text_file(path)), FormatError)
    assert "draft.md" in str(error)
    assert fragment in str(error)


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.write(b"1. Decides [to act];\n")
        handle.truncate(100 * 10**6)
    assert MAX_TEXT_BYTES < 100 * 10**6
    outcome = bounded(lambda: read_text_file(path))
    error = raised(outcome, UnsafeInputError)
    assert "huge.md is 100000000 bytes" in str(error)
    assert outcome.peak_bytes < MiB


@pytest.mark.parametrize("name", ["missing.md", "."])
def test_paths_that_are_not_files(tmp_path: Path, name: str) -> None:
    error = raised(bounded(lambda: read_text_file(tmp_path / name)), FormatError)
    assert "cannot read" in str(error)


def test_every_special_character_in_a_file_round_trips(tmp_path: Path) -> None:
    encodable = [c for c in SPECIAL if not 0xD800 <= ord(c) <= 0xDFFF and c != "\x00"]
    text = "\n\n".join(f"{k + 1}. Decides [to {c} act] {c};" for k, c in enumerate(encodable))
    path = tmp_path / "special.md"
    path.write_text(text, encoding="utf-8")
    assert read_text_file(path).draft == read_text_draft(text).draft


# ----------------------------------------------------------------------------------------------
# Into a negotiation, its store and its JSON


STORABLE = [c for c in SPECIAL if not 0xD800 <= ord(c) <= 0xDFFF]


def test_hostile_characters_round_trip_through_the_store_and_json(tmp_path: Path) -> None:
    with open_store(tmp_path / "chars.db") as store:
        neg = store.create("chars", title="T\u202e\x00", at=AT)
        with neg.batch():
            for k, char in enumerate(STORABLE):
                neg.propose(f"Decides [{char}] to act {char};", by="Chair", at=AT)
                neg.state_position("FRA", f"p{k + 1}", "support", note=char * 3, at=AT)
        events = neg.events
    with open_store(tmp_path / "chars.db") as store:
        assert store.open("chars").events == events
    assert read_json(dump_json(neg)).events == events


@pytest.mark.parametrize("where", ["title", "text", "note"])
def test_lone_surrogates_into_the_store_are_a_clear_error(tmp_path: Path, where: str) -> None:
    with open_store(tmp_path / "s.db") as store:
        try:
            neg = store.create("s", title="T\ud800" if where == "title" else "T", at=AT)
            neg.propose("Decides \udfff;" if where == "text" else "Decides;", by="Chair", at=AT)
            neg.state_position("FRA", "p1", "support", note="\ud800" if where == "note" else "")
        except ConsensusTextError:
            pass
        else:
            pytest.fail("lone surrogates were stored")


def test_lone_surrogates_leave_the_store_unchanged(tmp_path: Path) -> None:
    """Whatever the error, a refused write leaves the store and the negotiation as they were."""
    with open_store(tmp_path / "s.db") as store:
        neg = store.create("s", title="T", at=AT)
        neg.propose("Decides;", by="Chair", at=AT)
        before = neg.events
        with pytest.raises(ConsensusTextError, match="unpaired surrogate U\\+DFFF"):
            neg.propose("Decides \udfff;", by="Chair", at=AT)
        assert neg.events == before
        assert store.count("s") == len(before)
    with open_store(tmp_path / "s.db") as store:
        assert store.open("s").events == before


def test_hostile_negotiation_names_are_data(tmp_path: Path) -> None:
    names = ["../../etc/hostname", "x'; DROP TABLE events; --", "a\x00b", "\u202eevil", "%s%n"]
    with open_store(tmp_path / "names.db") as store:
        for name in names:
            store.create(name, title="T", at=AT)
        assert set(store.names()) == set(names)
        assert all(store.open(name).event_count == 1 for name in names)
    # the names are rows of the one file, never paths
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("names.db")) == []


def test_a_store_path_with_nul_is_a_store_error(tmp_path: Path) -> None:
    from consensus_text.errors import StoreError

    with pytest.raises(StoreError, match="the path holds a NUL character"):
        open_store(f"{tmp_path}/a\x00b.db")
    assert list(tmp_path.iterdir()) == []


def test_negotiation_in_memory_takes_every_storable_character() -> None:
    neg = Negotiation.create("T", at=AT)
    for char in STORABLE:
        neg.propose(f"Decides [{char}];", by="Chair", at=AT)
    assert len(neg.state.draft.paragraphs) == len(STORABLE)
