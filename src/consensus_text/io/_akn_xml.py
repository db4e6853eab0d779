"""XML plumbing of the Akoma Ntoso backend: safe parsing, the packaged schema, atomic writes.

Private: :mod:`consensus_text.io.akn` is the public face. Nothing here returns lxml types to
callers outside the ``io`` package.

Untrusted XML is parsed with entity resolution, DTD loading and network access off, the
document size capped and any ``DOCTYPE`` refused outright, so that entity expansion bombs and
external entities (``<!ENTITY x SYSTEM "file:///etc/passwd">``) never get a chance to act.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any, BinaryIO, cast
from urllib.parse import unquote

from lxml import etree

from consensus_text._files import write_output
from consensus_text.errors import ExportError, FormatError, UnsafeInputError
from consensus_text.io._xml_safety import (
    DANGEROUS_MARKUP,
    find_dangerous_markup,
    is_expansion_error,
)

__all__ = [
    "AKN_NAMESPACE",
    "CT_NAMESPACE",
    "FORMAT_VERSION",
    "MAX_AKN_BYTES",
    "Source",
    "Target",
    "check_xml_text",
    "escape_id",
    "parse_untrusted",
    "read_source",
    "schema",
    "schema_errors",
    "text_of",
    "unescape_id",
    "write_output",
]

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
"""The namespace of Akoma Ntoso 3.0 (OASIS LegalDocML)."""

CT_NAMESPACE = "urn:consensus-text:akn:1"
"""The namespace of the few attributes and metadata elements Akoma Ntoso has no place for."""

FORMAT_VERSION = "1"
"""The version of this backend's own vocabulary (``ct:`` attributes and ``proprietary`` data)."""

MAX_AKN_BYTES = 50 * 1024 * 1024
"""The largest Akoma Ntoso file :func:`~consensus_text.io.akn.read_akn` accepts by default."""

Source = str | os.PathLike[str] | bytes
Target = str | os.PathLike[str] | BinaryIO

_SCHEMA_FILE = "akomantoso30.xsd"
_XML_SCHEMA_FILE = "xml.xsd"

# Characters that XML 1.0 cannot hold at all (not even as character references).
_XML_ILLEGAL_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# A DOCTYPE or an entity declaration, in the encodings an XML file may use without a BOM
# sniffing step (UTF-8 and everything ASCII-compatible, UTF-16 both ways, UTF-32 both ways);
# the scan is shared with the DOCX reader. A name of this module so that tests can switch the
# byte scan off and check the parser's own line of defence.
_DANGEROUS_MARKUP = DANGEROUS_MARKUP


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        dtd_validation=False,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def check_xml_text(value: str, where: str) -> None:
    """Raise :class:`ExportError` when ``value`` holds a character XML 1.0 cannot carry.

    Args:
        value: the text to be written.
        where: what holds it, for the message (``"paragraph 'p3'"``).
    """
    bad = _XML_ILLEGAL_RE.search(value)
    if bad is not None:
        raise ExportError(
            f"{where} holds the character U+{ord(bad.group()):04X} at offset {bad.start()}, "
            "which XML cannot hold",
            hint="remove the control character from the text (it is usually left over from "
            "copying out of a PDF)",
        )


def escape_id(value: str) -> str:
    """A paragraph id as an XML ``noWhiteSpace`` value: whitespace and ``%`` are %-escaped."""
    return re.sub(r"[%\s]", lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode()), value)


def unescape_id(value: str) -> str:
    """The id that :func:`escape_id` escaped.

    Raises:
        UnicodeDecodeError: a %-escape that is not UTF-8.
    """
    return unquote(value, errors="strict")


def read_source(source: Source, *, max_bytes: int = MAX_AKN_BYTES) -> tuple[bytes, str]:
    """The bytes of a path or of a bytes object, and a name to use in messages.

    Raises:
        UnsafeInputError: more than ``max_bytes``.
        FormatError: the file cannot be read.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = "<bytes>"
        if len(data) > max_bytes:
            raise UnsafeInputError(
                f"{name} is {len(data)} bytes, more than the limit of {max_bytes} bytes",
                hint="split the document, or pass a larger max_bytes if the source is trusted",
            )
        return data, name
    name = os.fspath(source)
    try:
        with open(source, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise UnsafeInputError(
                    f"{name} is {size} bytes, more than the limit of {max_bytes} bytes",
                    hint="split the document, or pass a larger max_bytes if the file is trusted",
                )
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise FormatError(
            f"cannot read {name}: {exc.strerror or exc.__class__.__name__}",
            hint="check the path and the file's permissions",
        ) from None
    if len(data) > max_bytes:
        raise UnsafeInputError(
            f"{name} is more than the limit of {max_bytes} bytes",
            hint="split the document, or pass a larger max_bytes if the file is trusted",
        )
    return data, name


def parse_untrusted(data: bytes, name: str = "<bytes>") -> etree._Element:
    """Parse XML that may be hostile.

    Raises:
        UnsafeInputError: a DOCTYPE (internal or external DTD) or an entity declaration.
        FormatError: not well-formed, with the line and column of the first problem.
    """
    found = find_dangerous_markup(data, _DANGEROUS_MARKUP)
    if found is not None:
        what, offset = found
        raise UnsafeInputError(
            f"{name} contains {what} (at byte {offset}); DTDs and entities are refused "
            "because they can expand without bound or read local files",
            hint="Akoma Ntoso needs no DTD: remove the <!DOCTYPE ...> declaration",
        )
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        if is_expansion_error(exc.msg):
            raise UnsafeInputError(
                f"{name}:{line}:{column}: entities expand without bound ({exc.msg}); refused",
                hint="Akoma Ntoso needs no entities: write the text itself",
            ) from None
        raise FormatError(
            f"{name}:{line}:{column}: not well-formed XML: {exc.msg}",
            hint="fix the XML at that position (an editor with XML checking shows it)",
        ) from None
    docinfo = root.getroottree().docinfo
    doctype: str = getattr(docinfo, "doctype", "")
    if doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeInputError(
            f"{name} declares a DTD; DTDs are refused because they can expand without bound",
            hint="Akoma Ntoso needs no DTD: remove the <!DOCTYPE ...> declaration",
        )
    for node in root.iter(etree.Entity):
        raise UnsafeInputError(
            f"{name}:{node.sourceline}: entity reference {node.text!r} is refused",
            hint="write the character itself or a numeric reference such as &#233;",
        )
    return root


class _PackagedSchemaResolver(etree.Resolver):
    """Resolves the schema's ``import`` of ``./xml.xsd`` to the packaged copy, never the network."""

    def resolve(  # type: ignore[override]  # lxml calls it with the parser context
        self, system_url: str | None, public_id: str | None, context: object
    ) -> object:
        if system_url and system_url.rsplit("/", 1)[-1] == _XML_SCHEMA_FILE:
            data = (resources.files("consensus_text") / "schemas" / _XML_SCHEMA_FILE).read_bytes()
            return self.resolve_string(data, context, base_url=_XML_SCHEMA_FILE)
        return None


@functools.cache
def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema shipped with the package, compiled once."""
    folder = resources.files("consensus_text") / "schemas"
    parser = _safe_parser()
    parser.resolvers.add(_PackagedSchemaResolver())
    document = etree.fromstring((folder / _SCHEMA_FILE).read_bytes(), parser, base_url=_SCHEMA_FILE)
    return etree.XMLSchema(etree.ElementTree(document))


def schema_errors(root: etree._Element) -> list[tuple[int, str]]:
    """The schema's complaints about a parsed document, as (line, message), in order."""
    compiled = schema()
    if compiled.validate(root):
        return []
    namespace = "{" + AKN_NAMESPACE + "}"
    log = cast("Iterable[Any]", compiled.error_log)
    return [(error.line, error.message.replace(namespace, "")) for error in log]


def text_of(element: etree._Element) -> str:
    """The text inside an element and its descendants (not its tail; no comments)."""
    return "".join(cast("Iterable[str]", element.itertext()))
