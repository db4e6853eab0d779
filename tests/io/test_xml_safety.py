"""The shared byte scan for DOCTYPE and entity declarations (io/_xml_safety.py).

Both XML readers run it before lxml sees a byte: the DOCX reader and the Akoma Ntoso reader. A
declaration is found in UTF-8, UTF-16 and UTF-32 of either byte order, with or without a byte
order mark, in any case and with blanks after ``<!``; escaped text is not a declaration.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from consensus_text.errors import UnsafeInputError
from consensus_text.io._akn_xml import parse_untrusted
from consensus_text.io._docx_read_package import parse_xml
from consensus_text.io._xml_safety import find_dangerous_markup, is_expansion_error

ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    ("markup", "what"),
    [
        ('<!DOCTYPE x [<!ENTITY a "b">]>', "a DOCTYPE"),
        ('<!ENTITY a "b">', "an entity declaration"),
        ("<!doctype x>", "a DOCTYPE"),
        ("<! \t\r\nDocType x>", "a DOCTYPE"),
        ("<!\nentity a 'b'>", "an entity declaration"),
    ],
)
def test_declarations_are_found_in_every_encoding(encoding: str, markup: str, what: str) -> None:
    prefix = '<?xml version="1.0"?><x/>'
    data = (prefix + markup + "<y/>").encode(encoding)
    bom = len("".encode(encoding))  # 2 for utf-16, 4 for utf-32, 0 otherwise
    unit = len("<<".encode(encoding)) - len("<".encode(encoding))
    assert find_dangerous_markup(data) == (what, bom + unit * len(prefix))


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize(
    "text",
    [
        "<x>&lt;!DOCTYPE is text</x>",
        "<x>DOCTYPE and ENTITY, ! and &lt;</x>",
        "<x><![CDATA[text]]></x>",
        "<!-- a comment --><x/>",
        "",
    ],
)
def test_ordinary_xml_passes(encoding: str, text: str) -> None:
    assert find_dangerous_markup(text.encode(encoding)) is None


def test_the_patterns_can_be_switched_off() -> None:
    assert find_dangerous_markup(b"<!DOCTYPE x>", ()) is None


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification.", True),
        ("Detected an entity reference loop", True),
        ("Opening and ending tag mismatch: a line 1 and b", False),
    ],
)
def test_expansion_errors_are_recognised(message: str, expected: bool) -> None:
    assert is_expansion_error(message) is expected


BOMB = (
    '<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY a{k} "{("&a;" if k == 1 else f"&a{k - 1};") * 10}">' for k in range(1, 9))
    + "]><x>&a8;</x>"
)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("reader", ["docx", "akn"])
def test_both_readers_refuse_a_bomb_in_every_encoding(encoding: str, reader: str) -> None:
    data = BOMB.format(encoding=encoding.upper()).encode(encoding)
    parse: Callable[[], object] = (
        (lambda: parse_xml(data, "word/document.xml"))
        if reader == "docx"
        else (lambda: parse_untrusted(data, "bomb.xml"))
    )
    with pytest.raises(UnsafeInputError) as caught:
        parse()
    assert "aaaaaaaaaaaaaaaaaaaa" not in str(caught.value)
