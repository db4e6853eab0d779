"""Hostile and damaged DOCX files: each is refused with a specific error, and quickly.

Zip bombs, path traversal, XML entities (XXE, billion laughs), truncated and foreign files:
nothing of zipfile, zlib or lxml may escape, and no local file named by an entity is read.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from docx_testkit import snapshot_v1

from consensus_text.errors import FormatError, UnsafeInputError
from consensus_text.io.docx import export_bracketed_docx
from consensus_text.io.docx_import import DocxLimits, read_docx

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT = f"<w:document {W}><w:body><w:p><w:r><w:t>1. Decides [to act];</w:t></w:r></w:p></w:body></w:document>"


def zip_of(entries: Mapping[str, bytes | str], *, stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, data in entries.items():
                info = zipfile.ZipInfo(name.split("\x00dup")[0])
                info.compress_type = method
                archive.writestr(info, data)
    return buffer.getvalue()


def docx_with(document: bytes | str = DOCUMENT, **more: bytes | str) -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": document, **more})


def good() -> bytes:
    buffer = io.BytesIO()
    export_bracketed_docx(snapshot_v1(), buffer)
    return buffer.getvalue()


def test_minimal_package_reads() -> None:
    assert read_docx(docx_with()).draft.paragraphs[0].text == "Decides [to act];"


# -- not a DOCX -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Hello, world", r"the input is not a DOCX \(ZIP\) file \(File is not a zip file\)"),
        (b"", r"is not a DOCX \(ZIP\) file: it is empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, r"Word 97-2003 \(\.doc\)"),
        (b"{\\rtf1\\ansi hello}", r"it is an RTF document"),
        (good()[: len(good()) // 2], r"is not a DOCX \(ZIP\) file"),
        (good()[:-10], r"is not a DOCX \(ZIP\) file"),
    ],
    ids=["text", "empty", "doc", "rtf", "truncated-half", "truncated-end"],
)
def test_not_a_zip(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message) as caught:
        read_docx(data)
    assert not isinstance(caught.value, UnsafeInputError)


def test_corrupt_entry_data() -> None:
    data = bytearray(zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT}))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    for k in range(start, start + 40):  # scribble over the deflated bytes
        data[k] ^= 0x5A
    with pytest.raises(FormatError, match=r"part 'word/document.xml' is corrupt or truncated"):
        read_docx(bytes(data))


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"word/document.xml": DOCUMENT}, r"without \[Content_Types\]\.xml, so not a DOCX"),
        ({"[Content_Types].xml": CONTENT_TYPES}, r"has no word/document\.xml"),
        (
            {"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<x/>"},
            r"no word/document\.xml.*Excel workbook",
        ),
        ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, r"\.odt"),
    ],
    ids=["no-content-types", "no-document", "xlsx", "odt"],
)
def test_missing_parts(entries: dict[str, str], message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_docx(zip_of(entries))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("<w:document", "is not well-formed XML"),
        ("not xml at all", "is not well-formed XML"),
        ("<a>" * 5000 + "</a>" * 5000, "is not well-formed XML"),  # deeper than libxml2 allows
    ],
    ids=["unclosed", "text", "deep"],
)
def test_bad_xml(document: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_docx(docx_with(document))


# -- zip bombs and limits --------------------------------------------------------------------------


def test_zip_bomb_ratio() -> None:
    bomb = docx_with(DOCUMENT, **{"word/media/image1.png": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(UnsafeInputError, match=r"'word/media/image1.png' inflates \d+ times"):
        read_docx(bomb)


def test_zip_bomb_total_size() -> None:
    data = docx_with(DOCUMENT, **{f"word/x{k}.xml": b"<x/>" * 5000 for k in range(5)})
    with pytest.raises(UnsafeInputError, match="inflates to more than 50000 bytes in all"):
        read_docx(data, limits=DocxLimits(max_total_bytes=50_000))


def test_part_inflating_past_its_cap() -> None:
    with pytest.raises(UnsafeInputError, match=r"part 'word/document\.xml' inflates to more than"):
        read_docx(good(), limits=DocxLimits(max_part_bytes=1000))


def test_lying_sizes_are_caught() -> None:
    """A central directory that understates an entry: the inflated bytes are capped and checked."""
    data = bytearray(docx_with())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))
    while data[central + 46 : central + 46 + 17] != b"word/document.xml":
        central = data.rfind(b"PK\x01\x02", 0, central)
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # uncompressed size
    assert info.file_size > 10
    with pytest.raises(FormatError, match=r"'word/document\.xml' is corrupt or truncated"):
        read_docx(bytes(data))


def test_too_many_entries() -> None:
    with pytest.raises(UnsafeInputError, match=r"has \d+ ZIP entries, more than the limit of 3"):
        read_docx(good(), limits=DocxLimits(max_entries=3))


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    path.write_bytes(good())
    limits = DocxLimits(max_file_bytes=1000)
    with pytest.raises(UnsafeInputError, match=r"big\.docx is \d+ bytes, more than the limit"):
        read_docx(path, limits=limits)
    with pytest.raises(UnsafeInputError, match="more than the limit of 1000 bytes"):
        read_docx(io.BytesIO(good()), limits=limits)
    with pytest.raises(UnsafeInputError, match="more than the limit of 1000 bytes"):
        read_docx(good(), limits=limits)


# -- path traversal ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../evil.xml",
        "word/../../evil.xml",
        "/etc/passwd",
        "\\windows\\win.ini",
        "C:/boot.ini",
        "a\\..\\b",
    ],
)
def test_path_traversal_names(name: str) -> None:
    with pytest.raises(UnsafeInputError, match=r"points outside the package \(path traversal\)"):
        read_docx(docx_with(DOCUMENT, **{name: "<x/>"}))


def test_duplicate_names() -> None:
    data = zip_of(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": DOCUMENT,
            "word/document.xml\x00dup": DOCUMENT.replace("to act", "to attack"),
        }
    )
    with pytest.raises(UnsafeInputError, match=r"two entries named 'word/document\.xml'"):
        read_docx(data)


def test_relationship_leaving_the_package() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="../../../etc/passwd"/></Relationships>'
    )
    with pytest.raises(UnsafeInputError, match=r"relationship 'footnotes'.*points outside"):
        read_docx(docx_with(DOCUMENT, **{"word/_rels/document.xml.rels": rels}))


def test_external_relationships_are_ignored() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="http://attacker.example/styles.xml" TargetMode="External"/>'
        "</Relationships>"
    )
    result = read_docx(docx_with(DOCUMENT, **{"word/_rels/document.xml.rels": rels}))
    assert result.draft.paragraphs[0].text == "Decides [to act];"


# -- XML entities ----------------------------------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT")
    return path


def _xxe(secret: Path, encoding: str = "utf-8") -> bytes:
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xxe_is_refused_and_the_file_is_not_read(secret: Path, encoding: str) -> None:
    with pytest.raises(UnsafeInputError, match="declares a DOCTYPE or XML entities") as caught:
        read_docx(docx_with(_xxe(secret, encoding)))
    assert "TOP-SECRET" not in str(caught.value)


def test_billion_laughs_is_refused() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10 if k > 1 else "&lol;" * 10}">'
        for k in range(1, 10)
    )
    document = (
        f"<!DOCTYPE w:document [{entities}]><w:document {W}><w:body><w:p><w:r>"
        "<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(UnsafeInputError, match=r"word/document\.xml declares a DOCTYPE"):
        read_docx(docx_with(document))


def test_doctype_in_another_part(secret: Path) -> None:
    styles = (
        f'<!DOCTYPE w:styles [<!ENTITY x SYSTEM "{secret.as_uri()}">]><w:styles {W}>&x;</w:styles>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    )
    data = docx_with(DOCUMENT, **{"word/styles.xml": styles, "word/_rels/document.xml.rels": rels})
    with pytest.raises(UnsafeInputError, match=r"word/styles\.xml declares a DOCTYPE") as caught:
        read_docx(data)
    assert "TOP-SECRET" not in str(caught.value)


def test_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "compilation.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(FormatError, match=r"compilation\.docx is not a DOCX \(ZIP\) file"):
        read_docx(path)


def test_too_much_text() -> None:
    with pytest.raises(UnsafeInputError, match="more than 100 characters of text"):
        read_docx(good(), limits=DocxLimits(max_characters=100))
