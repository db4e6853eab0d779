"""Hostile DOCX files against ``read_docx``: what tests/io/test_docx_import_hostile.py leaves out.

That file covers the error of each kind of hostile package (not a ZIP, zip bombs, limits, path
traversal, XXE in UTF-8 and UTF-16, billion laughs, a DOCTYPE in another part). Here, around the
same kinds of file: that nothing was read (the secret file's access time), that no connection was
attempted (entities and DTDs pointing at URLs), bounds on memory with the default limits (a
100 MB document body, a ratio bomb), that nothing was written (traversal names aimed at real
paths), and the cases it does not have (UTF-32, parameter entities, external DTDs, XInclude,
encrypted and unknown compression, optional parts missing, nesting just under the parser's
limit, characters XML forbids). All hostile files are made here, at test time.
"""

from __future__ import annotations

import functools
import io
import os
import random
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from consensus_text.errors import FormatError, UnsafeInputError

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import (
    NetworkSpy,
    Secret,
    bounded,
    demo_docx,
    document_xml,
    docx_parts,
    nothing_written,
    raised,
    replace_part,
    zip_of,
)

docx_import = pytest.importorskip(
    "consensus_text.io.docx_import", reason="the DOCX importer (io/docx_import.py) is not there"
)
read_docx = docx_import.read_docx
DocxLimits = docx_import.DocxLimits

MiB = 1024 * 1024
PARA = b"<w:p><w:r><w:t>1. Decides [to act];</w:t></w:r></w:p>"

# Parts the reader parses (the main document, its relationships, styles, footnotes) and one it
# never opens; a DOCTYPE must be refused in the first, and is harmless in the second.
PARSED_PARTS = [
    "word/document.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
]
ENCODINGS = ["utf-8", "utf-16", "utf-16-be", "utf-32"]


def _with_prolog(part: str, prolog: bytes, encoding: str, body: bytes = b"") -> bytes:
    """The demo DOCX with ``prolog`` (a DOCTYPE) put before the root element of ``part``."""
    if part == "word/document.xml":
        return replace_part(part, document_xml(body or PARA, prolog=prolog, encoding=encoding))
    original = docx_parts(demo_docx())[part]
    declaration_end = original.index(b"?>") + 2
    text = original[:declaration_end] + prolog + original[declaration_end:]
    text = text.replace(b'encoding="UTF-8"', f'encoding="{encoding.upper()}"'.encode())
    return replace_part(part, text.decode("utf-8").encode(encoding))


def _entity_ref_body(name: str) -> bytes:
    return f"<w:p><w:r><w:t>1. Decides &{name};</w:t></w:r></w:p>".encode()


# ----------------------------------------------------------------------------------------------
# External entities and DTDs: no file read, no connection attempted


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("part", PARSED_PARTS)
def test_external_entity_to_a_local_file_is_refused_unread(
    part: str, encoding: str, secret: Secret, network: NetworkSpy
) -> None:
    prolog = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.uri}">]>'.encode()
    data = _with_prolog(part, prolog, encoding, _entity_ref_body("xxe"))
    error = raised(bounded(lambda: read_docx(data)), UnsafeInputError)
    assert "DOCTYPE" in str(error)
    secret.assert_unread(error, error.__cause__, error.__context__)
    network.assert_untouched()


HOSTILE_URL_PROLOGS: dict[str, Callable[[str], str]] = {
    "general entity": lambda url: f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{url}">]>',
    "public id": lambda url: f'<!DOCTYPE x [<!ENTITY xxe PUBLIC "-//X//EN" "{url}">]>',
    "parameter entity": lambda url: f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{url}"> %p;]>',
    "external DTD": lambda url: f'<!DOCTYPE x SYSTEM "{url}">',
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("kind", sorted(HOSTILE_URL_PROLOGS))
def test_entity_or_dtd_at_a_url_is_refused_without_a_connection(
    kind: str, encoding: str, network: NetworkSpy
) -> None:
    prolog = HOSTILE_URL_PROLOGS[kind](network.url("evil.dtd")).encode()
    data = _with_prolog("word/document.xml", prolog, encoding, _entity_ref_body("xxe"))
    raised(bounded(lambda: read_docx(data)), UnsafeInputError)
    network.assert_untouched()


def test_doctype_in_a_part_never_read_is_harmless(secret: Secret, network: NetworkSpy) -> None:
    prolog = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.uri}">]>'.encode()
    data = _with_prolog("[Content_Types].xml", prolog, "utf-8")
    outcome = bounded(lambda: read_docx(data))
    assert outcome.error is None or isinstance(outcome.error, UnsafeInputError)
    secret.assert_unread(outcome.result, outcome.error)
    network.assert_untouched()


def test_xinclude_is_not_processed(secret: Secret, network: NetworkSpy) -> None:
    body = (
        '<w:p><w:r><w:t>1. Decides <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="{secret.uri}" parse="text"/> and <xi:include '
        f'xmlns:xi="http://www.w3.org/2001/XInclude" href="{network.url()}" parse="text"/>'
        "</w:t></w:r></w:p>"
    ).encode()
    data = replace_part("word/document.xml", document_xml(body))
    outcome = bounded(lambda: read_docx(data))
    assert outcome.error is None or isinstance(outcome.error, FormatError)
    secret.assert_unread(outcome.result, outcome.error)
    network.assert_untouched()


def _billion_laughs(levels: int = 9) -> bytes:
    entities = '<!ENTITY lol0 "lollollollol">' + "".join(
        f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10}">' for k in range(1, levels + 1)
    )
    return f"<!DOCTYPE x [{entities}]>".encode()


@pytest.mark.parametrize("part", PARSED_PARTS[1:])
def test_entity_expansion_bomb_in_any_parsed_part(part: str, network: NetworkSpy) -> None:
    data = _with_prolog(part, _billion_laughs(), "utf-8", _entity_ref_body("lol9"))
    outcome = bounded(lambda: read_docx(data))
    error = raised(outcome, UnsafeInputError)
    assert "DOCTYPE" in str(error)
    assert "lollollol" not in str(error)
    assert outcome.peak_bytes < 10 * MiB
    network.assert_untouched()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_entity_expansion_bomb_in_a_wide_encoding_is_bounded(encoding: str) -> None:
    """Whatever the error, the expansion never happens: bounded memory, no lol in the message."""
    data = _with_prolog("word/document.xml", _billion_laughs(), encoding, _entity_ref_body("lol9"))
    outcome = bounded(lambda: read_docx(data))
    error = raised(outcome, FormatError)
    assert "lollollollollol" not in str(error)
    assert outcome.peak_bytes < 10 * MiB


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_entity_expansion_bomb_in_a_wide_encoding_is_unsafe_input(encoding: str) -> None:
    data = _with_prolog("word/document.xml", _billion_laughs(), encoding, _entity_ref_body("lol9"))
    with pytest.raises(UnsafeInputError, match="declares a DOCTYPE"):
        read_docx(data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_entity_expansion_bomb_past_the_byte_scan_is_unsafe_input(
    encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the byte scan switched off, libxml2's amplification limit is still UnsafeInputError."""
    from consensus_text.io import _docx_read_package

    monkeypatch.setattr(_docx_read_package, "find_dangerous_markup", lambda data: None)
    data = _with_prolog("word/document.xml", _billion_laughs(), encoding, _entity_ref_body("lol9"))
    outcome = bounded(lambda: read_docx(data))
    error = raised(outcome, UnsafeInputError)
    assert "lollollol" not in str(error)
    assert outcome.peak_bytes < 10 * MiB


# ----------------------------------------------------------------------------------------------
# Size: zip bombs and a 100 MB body, with the default limits


@pytest.fixture(scope="module")
def body_100mb() -> bytes:
    """A DOCX whose document.xml inflates to 100 MB of varied text (compression ratio ~2)."""
    rng = random.Random(100)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = [
        "".join(rng.choice(letters) for _ in range(rng.randint(2, 9))).encode() for _ in range(4096)
    ]
    paragraphs, size = [], 0
    while size < MiB:  # 1 MiB of paragraphs, repeated: farther apart than deflate can see
        text = b" ".join(rng.choice(words) for _ in range(40))
        paragraph = b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"
        paragraphs.append(paragraph)
        size += len(paragraph)
    body = b"".join(paragraphs) * 100
    data = zip_of({**docx_parts(demo_docx()), "word/document.xml": document_xml(body)}, level=1)
    assert len(data) < DocxLimits().max_file_bytes  # only the inflated size is over a limit
    return data


def test_a_100_mb_body_is_refused_with_bounded_memory(body_100mb: bytes) -> None:
    limits = DocxLimits()
    info = zipfile.ZipFile(io.BytesIO(body_100mb)).getinfo("word/document.xml")
    assert info.file_size > 100 * 10**6
    assert info.file_size / info.compress_size < limits.max_ratio  # not caught as a bomb
    outcome = bounded(lambda: read_docx(body_100mb))
    error = raised(outcome, UnsafeInputError)
    assert "part 'word/document.xml' inflates to more than" in str(error)
    # only the capped part is inflated (zipfile's read() copies its buffer: up to ~3x the cap)
    assert outcome.peak_bytes < 4 * limits.max_part_bytes
    assert outcome.peak_bytes < info.file_size * 2


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:  # sparse: 100 MB that take no disk space
        handle.write(demo_docx())
        handle.truncate(100 * 10**6)
    outcome = bounded(lambda: read_docx(path))
    error = raised(outcome, UnsafeInputError)
    assert "huge.docx is 100000000 bytes, more than the limit" in str(error)
    assert outcome.peak_bytes < MiB


def test_a_100_mb_stream_is_read_no_further_than_the_limit() -> None:
    stream = io.BytesIO(demo_docx() + bytes(100 * 10**6))
    outcome = bounded(lambda: read_docx(stream))
    raised(outcome, UnsafeInputError)
    assert stream.tell() == DocxLimits().max_file_bytes + 1


@pytest.mark.parametrize("part", ["word/document.xml", "word/media/image1.png"])
def test_ratio_bomb_is_refused_before_inflating(part: str) -> None:
    data = replace_part(part, bytes(200 * MiB))
    assert len(data) < 300_000
    outcome = bounded(lambda: read_docx(data))
    error = raised(outcome, UnsafeInputError)
    assert f"entry '{part}' inflates" in str(error)
    assert outcome.peak_bytes < 2 * MiB


def _overlapping_entries(count: int) -> bytes:
    """A non-recursive zip bomb: ``count`` central-directory entries sharing one 8 MiB deflate
    stream (each entry a new name for the same data)."""
    payload = bytes(8 * MiB)
    single = zip_of({"word/media/a.bin": payload})
    local_end = single.index(b"PK\x01\x02")
    central = single[local_end : single.index(b"PK\x05\x06")]
    name_len = struct.unpack("<H", central[28:30])[0]
    records = []
    for k in range(count):
        name = f"word/media/{k:04d}.bin".encode()
        record = bytearray(central[:46]) + name + central[46 + name_len :]
        record[28:30] = struct.pack("<H", len(name))
        records.append(bytes(record))
    cd = b"".join(records)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(cd), local_end, 0)
    return single[:local_end] + cd + end


def test_overlapping_entries_bomb_is_refused() -> None:
    data = _overlapping_entries(100)  # 800 MiB declared from a few kilobytes
    outcome = bounded(lambda: read_docx(data))
    raised(outcome, UnsafeInputError)
    assert outcome.peak_bytes < 2 * MiB


# ----------------------------------------------------------------------------------------------
# Path traversal aimed at real places: nothing is written


def test_traversal_names_aimed_at_real_paths_write_nothing(tmp_path: Path) -> None:
    target = tmp_path / "planted.txt"
    depth = "../" * (len(tmp_path.parts) + 2)
    names = [
        str(target),  # absolute
        depth + str(target).lstrip("/"),  # relative, climbing to the root first
        "word/" + depth + str(target).lstrip("/"),
        "../planted.txt",  # next to the working directory
    ]
    inputs = []
    for k, name in enumerate(names):
        data = zip_of({**docx_parts(demo_docx()), name: b"planted"})
        path = tmp_path / f"in-{k}.docx"
        path.write_bytes(data)
        inputs += [data, path]
    with nothing_written(tmp_path):
        for source in inputs:
            error = raised(bounded(functools.partial(read_docx, source)), UnsafeInputError)
            assert "path traversal" in str(error)
    assert not target.exists()
    assert not (Path.cwd().parent / "planted.txt").exists()


# ----------------------------------------------------------------------------------------------
# Damaged or unusual packages


def _patch_entry_headers(data: bytes, part: str, patch: Callable[[bytearray, int], None]) -> bytes:
    """Apply ``patch(buffer, offset_of_signature)`` to the local and central headers of ``part``."""
    buffer = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    patch(buffer, info.header_offset)  # local file header
    central = buffer.index(b"PK\x01\x02")
    while buffer[central + 46 : central + 46 + len(part)] != part.encode():
        central = buffer.index(b"PK\x01\x02", central + 4)
    patch(buffer, central)
    return bytes(buffer)


def _encrypted(buffer: bytearray, offset: int) -> None:
    flag = 6 if buffer[offset : offset + 4] == b"PK\x03\x04" else 8
    buffer[offset + flag] |= 0x01


def _unknown_method(buffer: bytearray, offset: int) -> None:
    method = 8 if buffer[offset : offset + 4] == b"PK\x03\x04" else 10
    buffer[offset + method : offset + method + 2] = struct.pack("<H", 99)  # AES: not supported


@pytest.mark.parametrize(
    ("patch", "fragment"),
    [(_encrypted, "cannot be decompressed"), (_unknown_method, "cannot be decompressed")],
    ids=["encrypted-entry", "unknown-compression"],
)
def test_entries_that_cannot_be_decompressed(
    patch: Callable[[bytearray, int], None], fragment: str
) -> None:
    data = _patch_entry_headers(demo_docx(), "word/document.xml", patch)
    error = raised(bounded(lambda: read_docx(data)), FormatError)
    assert not isinstance(error, UnsafeInputError)
    assert fragment in str(error)


@pytest.mark.parametrize(
    "missing",
    [
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/footnotes.xml",
        "word/settings.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ],
)
def test_optional_parts_missing_still_read(missing: str) -> None:
    parts = docx_parts(demo_docx())
    del parts[missing]
    outcome = bounded(lambda: read_docx(zip_of(parts)))
    assert outcome.error is None, repr(outcome.error)
    assert len(outcome.result.draft.paragraphs) > 40


def test_relationships_to_parts_that_are_not_there() -> None:
    parts = docx_parts(demo_docx())
    rels = parts["word/_rels/document.xml.rels"]
    for target in (b"styles.xml", b"footnotes.xml"):
        rels = rels.replace(b'Target="' + target + b'"', b'Target="missing/' + target + b'"')
    parts["word/_rels/document.xml.rels"] = rels
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b'Target="word/document.xml"', b'Target="word/nowhere.xml"'
    )
    outcome = bounded(lambda: read_docx(zip_of(parts)))
    assert outcome.error is None or isinstance(outcome.error, FormatError), repr(outcome.error)


def test_reordered_members_read_the_same() -> None:
    parts = docx_parts(demo_docx())
    expected = read_docx(demo_docx()).draft
    assert read_docx(zip_of(dict(reversed(parts.items())))).draft == expected


def test_nesting_just_under_the_parser_limit() -> None:
    """250 nested content controls: the reader copes (no RecursionError) or says FormatError."""
    body = b"<w:sdt><w:sdtContent>" * 124 + PARA + b"</w:sdtContent></w:sdt>" * 124
    outcome = bounded(lambda: read_docx(replace_part("word/document.xml", document_xml(body))))
    assert outcome.error is None or isinstance(outcome.error, FormatError), repr(outcome.error)


@pytest.mark.parametrize(
    "reference",
    ["&#0;", "&#1;", "&#x1F;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#x110000;", "&#99999999999;"],
)
def test_characters_xml_forbids_are_a_format_error(reference: str) -> None:
    body = f"<w:p><w:r><w:t>1. Decides {reference};</w:t></w:r></w:p>".encode()
    data = replace_part("word/document.xml", document_xml(body))
    error = raised(bounded(lambda: read_docx(data)), FormatError)
    assert "word/document.xml" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "\u202eDecides\u202c [to act] \u2067\u0645\u0648\u0627\u0641\u0642\u2069;",  # RTL marks
        "Decides \u200b\u200d\ufeff [to act];",  # zero-width characters, BOM
        "Decides \U0010fffd\ue000 [to act];",  # private use
        "Decides \u0085\u2028\u2029 [to act];",  # NEL and Unicode line/paragraph separators
        "Decides \x7f\x80\x9f [to act];",  # DEL and C1 controls (allowed in XML 1.0)
    ],
)
def test_unusual_characters_in_a_docx_are_read(text: str) -> None:
    body = f"<w:p><w:r><w:t>1. {text}</w:t></w:r></w:p>".encode()
    result = read_docx(replace_part("word/document.xml", document_xml(body)))
    assert any("[to act]" in p.text for p in result.draft.paragraphs)


def test_the_reader_keeps_the_process_environment() -> None:
    """Reading hostile files changes neither the working directory nor the environment."""
    cwd, environ = os.getcwd(), dict(os.environ)
    for data in (demo_docx(), replace_part("../x", b"x"), b"PK\x03\x04"):
        bounded(functools.partial(read_docx, data))
    assert (os.getcwd(), dict(os.environ)) == (cwd, environ)
