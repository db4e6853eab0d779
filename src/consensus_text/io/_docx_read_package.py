"""Opening an untrusted DOCX package: ZIP checks before anything is decompressed, safe XML.

Everything here treats the file as hostile. Before a single part is decompressed the central
directory is checked against :class:`~consensus_text.io.docx_import.DocxLimits`: the file size,
the number of entries, the total declared uncompressed size, the compression ratio of every large
entry (a zip bomb is a small file that inflates enormously), names that could escape a directory
(``..``, absolute paths, drive letters) and names given twice. Parts are then read with a hard cap
on the bytes actually inflated, whatever the headers claim, and parsed by an lxml parser that
resolves no entities, loads no DTD and touches no network; a part that carries a DOCTYPE is
refused outright. No exception of :mod:`zipfile`, :mod:`zlib` or lxml leaves this module: they
become :class:`~consensus_text.errors.FormatError` or
:class:`~consensus_text.errors.UnsafeInputError` naming the file and the part.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from collections.abc import Mapping
from typing import Any, BinaryIO, Final, Protocol

from lxml import etree

from consensus_text.errors import FormatError, UnsafeInputError
from consensus_text.io._xml_safety import find_dangerous_markup, is_expansion_error

__all__ = ["Package", "SourceLike", "open_package", "parse_xml", "read_source"]

SourceLike = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO

_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DRIVE_RE: Final = re.compile(r"^[A-Za-z]:")
_REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN_DEFAULT: Final = "word/document.xml"
#: Entries smaller than this may compress as well as they like (tiny XML parts often do).
_RATIO_FLOOR: Final = 1024 * 1024


class Limits(Protocol):
    """What :func:`open_package` needs from ``DocxLimits`` (kept structural to avoid a cycle)."""

    @property
    def max_file_bytes(self) -> int: ...
    @property
    def max_entries(self) -> int: ...
    @property
    def max_total_bytes(self) -> int: ...
    @property
    def max_part_bytes(self) -> int: ...
    @property
    def max_ratio(self) -> float: ...


def _name_of(source: object, given: str | None) -> str:
    if given is not None:
        return given
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    if isinstance(name, str):
        return name
    return "the input"


def read_source(source: SourceLike, limits: Limits, name: str | None) -> tuple[bytes, str]:
    """The bytes of ``source`` (at most ``limits.max_file_bytes``) and the name for messages.

    Raises:
        FormatError: the path cannot be read or the stream fails.
        UnsafeInputError: the file is larger than the limit.
    """
    shown = _name_of(source, name)
    cap = limits.max_file_bytes
    too_big_hint = "pass DocxLimits(max_file_bytes=...) if the file is trusted"
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > cap:
                    raise UnsafeInputError(
                        f"{shown} is {size} bytes, more than the limit of {cap} bytes",
                        hint=too_big_hint,
                    )
                data = handle.read(cap + 1)
        except OSError as exc:
            raise FormatError(
                f"cannot read {shown}: {exc.strerror or exc.__class__.__name__}",
                hint="check the path and the file's permissions",
            ) from None
    elif hasattr(source, "read"):
        try:
            data = source.read(cap + 1)
        except (OSError, ValueError) as exc:
            raise FormatError(
                f"cannot read {shown}: {exc}", hint="pass an open binary stream"
            ) from None
        if not isinstance(data, bytes | bytearray):
            raise FormatError(
                f"{shown} is a text stream, not a binary one",
                hint="open the file with open(path, 'rb')",
            )
        data = bytes(data)
    else:
        raise FormatError(
            f"cannot read a DOCX from {type(source).__name__}",
            hint="pass a path, the bytes of the file, or a binary stream",
        )
    if len(data) > cap:
        raise UnsafeInputError(f"{shown} is more than the limit of {cap} bytes", hint=too_big_hint)
    return data, shown


def _not_docx(shown: str, data: bytes, reason: str) -> FormatError:
    if data.startswith(_OLE2_MAGIC):
        return FormatError(
            f"{shown} is not a DOCX (ZIP) file: it is a Word 97-2003 (.doc) document or an "
            "encrypted (password-protected) DOCX",
            hint="open it in Word or LibreOffice, remove any password and save it as .docx",
        )
    if data.lstrip()[:5].lower() in (b"{\\rtf",):
        return FormatError(
            f"{shown} is not a DOCX (ZIP) file: it is an RTF document",
            hint="open it in Word or LibreOffice and save it as .docx",
        )
    if not data:
        return FormatError(f"{shown} is not a DOCX (ZIP) file: it is empty", hint="check the file")
    return FormatError(
        f"{shown} is not a DOCX (ZIP) file ({reason})",
        hint="the file may be truncated or of another format; save it again as .docx",
    )


def _check_name(shown: str, name: str) -> None:
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or _DRIVE_RE.match(name) or ".." in parts or "\x00" in name:
        raise UnsafeInputError(
            f"{shown} holds an entry named {name!r}, which points outside the package "
            "(path traversal)",
            hint="a DOCX written by a word processor never does this; do not trust this file",
        )


class Package:
    """The parts of a checked DOCX package, read on demand with a cap on inflated bytes.

    Attributes:
        name: the file name used in messages.
        main: the name of the main document part (``word/document.xml`` as a rule).
    """

    def __init__(self, archive: zipfile.ZipFile, shown: str, limits: Limits, data: bytes) -> None:
        self._archive = archive
        self.name = shown
        self._limits = limits
        self._data = data
        self._infos = {info.filename: info for info in archive.infolist()}
        self.main = _MAIN_DEFAULT

    def has(self, part: str) -> bool:
        """Whether the package holds ``part``."""
        return part in self._infos

    def read(self, part: str) -> bytes:
        """The bytes of a part, inflated with a hard cap.

        Raises:
            UnsafeInputError: the part inflates beyond ``max_part_bytes``.
            FormatError: the entry is corrupt, truncated or encrypted.
        """
        info = self._infos[part]
        cap = self._limits.max_part_bytes
        try:
            with self._archive.open(info) as handle:
                data = handle.read(cap + 1)
        except (RuntimeError, NotImplementedError) as exc:  # encrypted, unknown compression
            raise FormatError(
                f"{self.name}: part {part!r} cannot be decompressed ({exc})",
                hint="save the document again as .docx without a password",
            ) from None
        except Exception as exc:  # BadZipFile, zlib.error, EOFError, struct.error, ...
            raise FormatError(
                f"{self.name} is not a DOCX (ZIP) file that can be read: part {part!r} is "
                f"corrupt or truncated ({exc})",
                hint="the file may have been cut short while copying; save it again as .docx",
            ) from None
        if len(data) > cap:
            raise UnsafeInputError(
                f"{self.name}: part {part!r} inflates to more than {cap} bytes",
                hint="a zip bomb or an enormous document; pass DocxLimits(max_part_bytes=...) "
                "if the file is trusted",
            )
        return data

    def xml(self, part: str) -> etree._Element:
        """A part parsed safely (see :func:`parse_xml`)."""
        return parse_xml(self.read(part), f"{self.name}: {part}")

    def relationships(self, part: str) -> dict[str, str]:
        """The internal relationships of a part: type (last path segment) -> target part name.

        A target that leaves the package is refused; external targets are ignored.
        """
        directory, base = posixpath.split(part)
        rels_name = posixpath.join(directory, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        root = self.xml(rels_name)
        out: dict[str, str] = {}
        for rel in root.iter("{" + _REL_NS + "}Relationship"):
            if (rel.get("TargetMode") or "").lower() == "external":
                continue
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            if not kind or not target or kind in out:
                continue
            if target.startswith("/"):
                resolved = posixpath.normpath(target.lstrip("/"))
            else:
                resolved = posixpath.normpath(posixpath.join(directory, target))
            if resolved.startswith("../") or resolved == ".." or "\\" in resolved:
                raise UnsafeInputError(
                    f"{self.name}: relationship {kind!r} of {part!r} points outside the package "
                    f"({target!r})",
                    hint="a DOCX written by a word processor never does this; do not trust "
                    "this file",
                )
            out[kind] = resolved
        return out


def open_package(data: bytes, shown: str, limits: Limits) -> Package:
    """Check the ZIP container of a DOCX and return its package.

    Raises:
        FormatError: not a ZIP file, truncated, or without the parts of a Word document.
        UnsafeInputError: too many entries, too large when inflated, a suspicious compression
            ratio, an entry name that leaves the package or occurs twice.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds of error on damaged input
        raise _not_docx(shown, data, str(exc) or exc.__class__.__name__) from None
    if len(infos) > limits.max_entries:
        raise UnsafeInputError(
            f"{shown} has {len(infos)} ZIP entries, more than the limit of {limits.max_entries}",
            hint="pass DocxLimits(max_entries=...) if the file is trusted",
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(shown, info.filename)
        if info.filename in seen:
            raise UnsafeInputError(
                f"{shown} holds two entries named {info.filename!r}",
                hint="readers disagree on which one counts; do not trust this file",
            )
        seen.add(info.filename)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeInputError(
                f"{shown} inflates to more than {limits.max_total_bytes} bytes in all",
                hint="a zip bomb or an enormous document; pass DocxLimits(max_total_bytes=...) "
                "if the file is trusted",
            )
        if info.file_size > _RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise UnsafeInputError(
                    f"{shown}: entry {info.filename!r} inflates {ratio:.0f} times "
                    f"({info.compress_size} to {info.file_size} bytes), more than the limit of "
                    f"{limits.max_ratio:g}",
                    hint="this is how a zip bomb looks; pass DocxLimits(max_ratio=...) if the "
                    "file is trusted",
                )
    package = Package(archive, shown, limits, data)
    if not package.has("[Content_Types].xml"):
        raise FormatError(
            f"{shown} is a ZIP file without [Content_Types].xml, so not a DOCX file",
            hint=_other_format_hint(package) or "save the document from a word processor as .docx",
        )
    main = package.relationships("").get("officeDocument", _MAIN_DEFAULT)
    if not package.has(main):
        main = _MAIN_DEFAULT
    if not package.has(main):
        raise FormatError(
            f"{shown} has no word/document.xml, so it is not a Word document",
            hint=_other_format_hint(package) or "save the document from a word processor as .docx",
        )
    package.main = main
    return package


def _other_format_hint(package: Package) -> str | None:
    kinds: Mapping[str, str] = {
        "xl/workbook.xml": "it is an Excel workbook (.xlsx)",
        "ppt/presentation.xml": "it is a PowerPoint presentation (.pptx)",
        "content.xml": "it looks like an OpenDocument file (.odt); save it as .docx",
    }
    for part, what in kinds.items():
        if package.has(part):
            return what
    return None


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part of an untrusted package.

    The parser resolves no entities, loads no DTD, never uses the network and keeps libxml2's
    limits on depth and node size (``huge_tree=False``). A DOCTYPE or entity declaration is
    refused before parsing (in UTF-8, UTF-16 or UTF-32: see
    :func:`~consensus_text.io._xml_safety.find_dangerous_markup`), and again after it, for
    encodings the byte scan cannot see: libxml2 stopping an entity expansion is refused as
    unsafe too, not reported as damage.

    Raises:
        UnsafeInputError: the part declares a DOCTYPE or entities.
        FormatError: the part is not well-formed XML.
    """
    if find_dangerous_markup(data) is not None:
        raise _doctype_error(where)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if is_expansion_error(str(exc)):
            raise _doctype_error(where) from None
        raise FormatError(
            f"{where} is not well-formed XML: {exc}",
            hint="the file is damaged; open it in a word processor and save it again",
        ) from None
    except (ValueError, TypeError) as exc:  # e.g. an unsupported encoding declaration
        raise FormatError(f"{where} cannot be parsed as XML: {exc}", hint="save it again") from None
    if root is None:
        raise FormatError(f"{where} is an empty XML document", hint="save it again")
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _doctype_error(where)
    return root


def _doctype_error(where: str) -> UnsafeInputError:
    return UnsafeInputError(
        f"{where} declares a DOCTYPE or XML entities, which a DOCX file never needs",
        hint="entities can read local files or expand without bound (XXE, billion laughs); "
        "do not trust this file",
    )
