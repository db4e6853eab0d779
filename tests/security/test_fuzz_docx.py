"""Fuzzing the DOCX import with mutations of a real file: only FormatError may escape.

The seed is the demo negotiation's current text exported by ``export_bracketed_docx``. Mutations
act on the bytes of the file (flipped, inserted, deleted, cut short), on the ZIP container
(members reordered, dropped, duplicated, renamed, stored instead of deflated, sizes and checksums
in the headers changed) and on the XML inside (markup cut, repeated or inserted, attribute values
replaced by odd ones, numbering and footnote references that point nowhere). ``read_docx`` must
return a result or raise FormatError (UnsafeInputError is one), with every tracked-changes policy.
"""

from __future__ import annotations

import io
import re
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from consensus_text.errors import FormatError

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import demo_docx, docx_parts, zip_of

docx_import = pytest.importorskip(
    "consensus_text.io.docx_import", reason="the DOCX importer (io/docx_import.py) is not there"
)
read_docx = docx_import.read_docx

FUZZ = settings(
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
POLICIES = st.sampled_from(["accept", "reject", "proposals"])


def _read(data: bytes, policy: str) -> None:
    try:
        result = read_docx(data, tracked_changes=policy)
    except FormatError as error:
        event(f"refused: {type(error).__name__}")
        return
    event("read")
    assert result.draft is not None


def test_the_seed_reads() -> None:
    assert len(read_docx(demo_docx()).draft.paragraphs) > 40


@pytest.mark.parametrize("fiftieth", range(50))
def test_every_truncation_is_a_format_error(fiftieth: int) -> None:
    data = demo_docx()
    with pytest.raises(FormatError):
        read_docx(data[: fiftieth * len(data) // 50])
    with pytest.raises(FormatError):
        read_docx(data[: len(data) - 1 - fiftieth])  # the end of the central directory


# ----------------------------------------------------------------------------------------------
# Bytes


@FUZZ
@given(st.data(), POLICIES)
def test_bytes_of_the_file(data: st.DataObject, policy: str) -> None:
    mutated = bytearray(demo_docx())
    for _ in range(data.draw(st.integers(1, 8), label="mutations")):
        at = data.draw(st.integers(0, len(mutated) - 1), label="at")
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "cut"]), label="action")
        if action == "flip":
            mutated[at] ^= 1 << data.draw(st.integers(0, 7), label="bit")
        elif action == "insert":
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=16), label="bytes")
        elif action == "delete":
            del mutated[at : at + data.draw(st.integers(1, 64), label="length")]
        else:
            del mutated[at:]
            break
    _read(bytes(mutated), policy)


# ----------------------------------------------------------------------------------------------
# The ZIP container


def _zip(entries: list[tuple[str, bytes]], methods: list[int]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names
        with zipfile.ZipFile(buffer, "w") as archive:
            for (name, content), method in zip(entries, methods, strict=False):
                info = zipfile.ZipInfo(name)
                info.compress_type = method
                archive.writestr(info, content)
    return buffer.getvalue()


@FUZZ
@given(st.data(), POLICIES)
def test_members_of_the_container(data: st.DataObject, policy: str) -> None:
    entries = list(docx_parts(demo_docx()).items())
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        i = data.draw(st.integers(0, len(entries) - 1), label="member")
        action = data.draw(
            st.sampled_from(["shuffle", "drop", "duplicate", "rename", "empty"]), label="action"
        )
        if action == "shuffle":
            entries = data.draw(st.permutations(entries), label="order")
        elif action == "drop" and len(entries) > 1:
            del entries[i]
        elif action == "duplicate":
            entries.insert(data.draw(st.integers(0, len(entries))), entries[i])
        elif action == "rename":
            entries[i] = (
                data.draw(
                    st.sampled_from(
                        ["word/document.xml", "word/styles.xml", "Word/Document.xml", "word//x.xml",
                         "word/./document.xml", "word/document.xml/", "", " ", "word\\document.xml"]
                    ),
                    label="name",
                ),
                entries[i][1],
            )  # fmt: skip
        else:
            entries[i] = (entries[i][0], b"")
    methods = data.draw(
        st.lists(
            st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
            min_size=len(entries),
            max_size=len(entries),
        ),
        label="methods",
    )
    _read(_zip(entries, methods), policy)


@FUZZ
@given(st.data(), POLICIES)
def test_header_fields_of_the_container(data: st.DataObject, policy: str) -> None:
    """Sizes, checksums, methods and offsets in the local and central headers changed."""
    mutated = bytearray(demo_docx())
    headers = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", mutated)]
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        start = data.draw(st.sampled_from(headers), label="header")
        offset = data.draw(st.integers(4, 45), label="field")
        value = data.draw(st.sampled_from([0, 1, 0xFF, 0xFFFF, 0xFFFFFFFF, 99]), label="value")
        width = data.draw(st.sampled_from([1, 2, 4]), label="width")
        if start + offset + width <= len(mutated):
            mutated[start + offset : start + offset + width] = (value % 256**width).to_bytes(
                width, "little"
            )
    _read(bytes(mutated), policy)


# ----------------------------------------------------------------------------------------------
# The XML inside


SNIPPETS = [
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:t xml:space=\"preserve\"> [x] </w:t>",
    '<w:ins w:id="1" w:author="X" w:date="2025-01-01T00:00:00Z"><w:r><w:t>[new]</w:t></w:r></w:ins>',
    '<w:del w:id="2" w:author="Y"><w:r><w:delText>[old]</w:delText></w:r></w:del>',
    '<w:moveFrom w:id="3"><w:r><w:t>moved</w:t></w:r></w:moveFrom>', "<w:moveTo>",
    '<w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="-1"/></w:numPr></w:pPr>',
    '<w:pPr><w:pStyle w:val="Heading99"/><w:outlineLvl w:val="999999999999"/></w:pPr>',
    '<w:r><w:footnoteReference w:id="99999"/></w:r>', '<w:r><w:endnoteReference w:id="-5"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>', '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    '<w:commentRangeStart w:id="7"/>', "<w:tab/>", "<w:br/>", "<w:tbl><w:tr><w:tc>",
    '<w:sdt><w:sdtContent>', "</w:sdtContent></w:sdt>", '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>',
    "&amp;", "&lt;", "&#x202E;", "&#1;", "&bogus;", "<![CDATA[[x]]]>", "<?pi x?>", "<!-- c -->",
    "<!DOCTYPE x>", '<x:y xmlns:x="urn:x"/>', "<w:p/>" * 50, "]", "[", "{EU}", "Option 1:",
]  # fmt: skip
ODD_VALUES = ["", "-1", "0", "99999999999999999999", "NaN", "x" * 300, "\u202e", "&#0;", '"', "%1."]


#: Mutations of XML, the ones that keep it well-formed more often (so that the reader gets past
#: the parser) listed several times.
XML_ACTIONS = ["cut", "repeat", "insert", "insert", "attribute", "attribute", "attribute", "flip"]


def _mutate_xml(data: st.DataObject, xml: bytes, actions: list[str] = XML_ACTIONS) -> bytes:
    text = xml.decode("utf-8", errors="replace")
    for _ in range(data.draw(st.integers(1, 5), label="xml mutations")):
        at = data.draw(st.integers(0, max(0, len(text) - 1)), label="at")
        action = data.draw(st.sampled_from(actions), label="xml action")
        if action == "cut":
            text = text[:at] + text[at + data.draw(st.integers(1, 200), label="length") :]
        elif action == "repeat":
            length = data.draw(st.integers(1, 300), label="length")
            text = text[: at + length] + text[at : at + length] + text[at + length :]
        elif action == "insert":
            text = text[:at] + data.draw(st.sampled_from(SNIPPETS), label="snippet") + text[at:]
        elif action == "attribute":
            values = list(re.finditer(r'w:(?:val|id|author|date)="[^"]*"', text))
            if values:
                match = data.draw(st.sampled_from(values), label="attribute")
                name = match.group().split("=")[0]
                value = data.draw(st.sampled_from(ODD_VALUES), label="value")
                text = text[: match.start()] + f'{name}="{value}"' + text[match.end() :]
        else:
            text = text[:at] + chr(ord(text[at]) ^ 1) + text[at + 1 :] if text else text
    return text.encode("utf-8", errors="surrogatepass")


XML_PARTS = [
    "word/document.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
    "[Content_Types].xml",
]


@FUZZ
@given(st.data(), st.sampled_from(XML_PARTS), POLICIES)
def test_xml_inside_the_container(data: st.DataObject, part: str, policy: str) -> None:
    parts = docx_parts(demo_docx())
    parts[part] = _mutate_xml(data, parts[part])
    _read(zip_of(parts), policy)


@FUZZ
@given(st.data(), POLICIES)
def test_a_numbering_part_of_odd_values(data: st.DataObject, policy: str) -> None:
    """The demo file has no automatic numbering: add a numbering part and point at it."""
    numbering = (
        b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        b'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        b'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        b'<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
        b'<w:num w:numId="1"><w:abstractNumId w:val="0"/>'
        b'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        b"</w:numbering>"
    )
    parts = docx_parts(demo_docx())
    parts["word/numbering.xml"] = _mutate_xml(data, numbering, ["attribute"])
    rels = parts["word/_rels/document.xml.rels"]
    parts["word/_rels/document.xml.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/numbering" Target="numbering.xml"/></Relationships>',
    )
    document = parts["word/document.xml"].decode()
    level = data.draw(st.sampled_from(["0", "1", "8", "-1", "99999999999"]), label="level")
    document = document.replace(
        "<w:p><w:pPr>",
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>',
        data.draw(st.integers(1, 30), label="paragraphs"),
    )
    parts["word/document.xml"] = document.encode()
    _read(zip_of(parts), policy)
