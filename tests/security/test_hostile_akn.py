"""Hostile XML against ``read_akn``: what tests/io/test_akn.py leaves out.

That file covers the billion laughs, an external entity to a local file (its content absent from
the message), DTDs in several forms, the second line of defence, malformed XML and the size limit.
Here: entities and DTDs pointing at URLs with no connection attempted, a local file's access time
(not read at all), UTF-32, parameter entities, XInclude, schema locations with ``validate=True``,
a 100 MB document, libxml2's limits on depth and text size, characters XML forbids.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from consensus_text.errors import FormatError, UnsafeInputError

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import NetworkSpy, Secret, bounded, raised

akn = pytest.importorskip("consensus_text.io.akn", reason="the Akoma Ntoso backend is not there")
_akn_xml = pytest.importorskip("consensus_text.io._akn_xml")
read_akn = akn.read_akn

MiB = 1024 * 1024
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ENCODINGS = ["utf-8", "utf-16", "utf-16-be", "utf-32", "utf-32-be"]


def _document(body: str, *, prolog: str = "", encoding: str = "utf-8") -> bytes:
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>{prolog}'
        f'<akomaNtoso xmlns="{AKN}"><statement name="x"><mainBody>{body}</mainBody>'
        "</statement></akomaNtoso>"
    )
    return text.encode(encoding)


def _paragraph(text: str, guid: str = "p1") -> str:
    return f'<paragraph GUID="{guid}"><num>1</num><content><p>{text}</p></content></paragraph>'


PROLOGS: dict[str, Callable[[str], str]] = {
    "general entity": lambda uri: f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{uri}">]>',
    "public id": lambda uri: f'<!DOCTYPE akomaNtoso [<!ENTITY xxe PUBLIC "-//X//EN" "{uri}">]>',
    "parameter entity": lambda uri: f'<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{uri}"> %p;]>',
    "external DTD": lambda uri: f'<!DOCTYPE akomaNtoso SYSTEM "{uri}">',
}


@pytest.fixture(params=[True, False], ids=["byte-scan", "parser-only"])
def defences(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both lines of defence, and the parser alone (the byte scan for DOCTYPE switched off)."""
    if not request.param:
        monkeypatch.setattr(_akn_xml, "_DANGEROUS_MARKUP", ())
    return bool(request.param)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("kind", sorted(PROLOGS))
def test_entities_and_dtds_at_a_url_make_no_connection(
    kind: str, encoding: str, network: NetworkSpy, defences: bool
) -> None:
    data = _document(
        _paragraph("Decides &xxe;"), prolog=PROLOGS[kind](network.url("akn.dtd")), encoding=encoding
    )
    outcome = bounded(lambda: read_akn(data))
    raised(outcome, UnsafeInputError)
    network.assert_untouched()


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("kind", sorted(PROLOGS))
def test_entities_and_dtds_naming_a_local_file_never_read_it(
    kind: str, encoding: str, secret: Secret, network: NetworkSpy, defences: bool
) -> None:
    data = _document(
        _paragraph("Decides &xxe;"), prolog=PROLOGS[kind](secret.uri), encoding=encoding
    )
    outcome = bounded(lambda: read_akn(data))
    error = raised(outcome, UnsafeInputError)
    secret.assert_unread(error, error.__cause__, error.__context__)
    network.assert_untouched()


def test_a_file_path_source_with_an_external_entity(
    tmp_path: Path, secret: Secret, network: NetworkSpy
) -> None:
    path = tmp_path / "draft.xml"
    path.write_bytes(_document(_paragraph("&xxe;"), prolog=PROLOGS["general entity"](secret.uri)))
    error = raised(bounded(lambda: read_akn(path)), UnsafeInputError)
    assert "draft.xml" in str(error)
    secret.assert_unread(error)
    network.assert_untouched()


def test_xinclude_is_not_processed(secret: Secret, network: NetworkSpy) -> None:
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.uri}" parse="text"/>'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{network.url()}"/>'
    )
    outcome = bounded(lambda: read_akn(_document(_paragraph(f"Decides {include};"))))
    assert outcome.error is None or isinstance(outcome.error, FormatError), repr(outcome.error)
    secret.assert_unread(outcome.result, outcome.error)
    network.assert_untouched()


@pytest.mark.parametrize("validate", [False, True])
def test_schema_locations_are_not_fetched(
    validate: bool, secret: Secret, network: NetworkSpy
) -> None:
    from consensus_text.demo import build_poa_negotiation

    data = akn.to_akn_bytes(build_poa_negotiation().state)
    hint = (
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{AKN} {network.url("akn.xsd")}" '
        f'xsi:noNamespaceSchemaLocation="{secret.uri}" '
    )
    data = data.replace(b"<akomaNtoso ", b"<akomaNtoso " + hint.encode(), 1)
    outcome = bounded(lambda: read_akn(data, validate=validate))
    assert outcome.error is None, repr(outcome.error)
    secret.assert_unread(outcome.result)
    network.assert_untouched()


# ----------------------------------------------------------------------------------------------
# Size and shape


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:  # sparse
        handle.write(_document(_paragraph("Decides;")))
        handle.truncate(100 * 10**6)
    outcome = bounded(lambda: read_akn(path))
    error = raised(outcome, UnsafeInputError)
    assert "huge.xml is 100000000 bytes, more than the limit" in str(error)
    assert outcome.peak_bytes < MiB


def test_a_100_mb_document_in_memory_is_refused_before_it_is_parsed() -> None:
    body = _paragraph("Decides;") * (100 * 10**6 // 70)
    data = _document(body)
    assert len(data) > 100 * 10**6
    outcome = bounded(lambda: read_akn(data))
    raised(outcome, UnsafeInputError)
    assert outcome.peak_bytes < len(data) // 10  # not copied, not parsed


def test_a_text_node_past_libxml2s_limit_is_a_format_error() -> None:
    outcome = bounded(lambda: read_akn(_document(_paragraph("a" * (20 * MiB)))))
    error = raised(outcome, FormatError)
    assert "not well-formed XML" in str(error)


def test_nesting_past_libxml2s_limit_is_a_format_error() -> None:
    data = _document("<paragraph>" * 300 + "</paragraph>" * 300)
    error = raised(bounded(lambda: read_akn(data)), FormatError)
    assert "depth" in str(error).lower()


def test_nesting_just_under_the_limit_reads() -> None:
    points = "".join(f'<point GUID="q{i}"><intro><p>to:</p></intro>' for i in range(120))
    body = (
        '<paragraph GUID="p0"><num>1</num><intro><p>Decides:</p></intro>'
        + points
        + '<point GUID="z"><content><p>act;</p></content></point>'
        + "</point>" * 120
        + "</paragraph>"
    )
    outcome = bounded(lambda: read_akn(_document(body)))
    assert outcome.error is None or isinstance(outcome.error, FormatError), repr(outcome.error)


@pytest.mark.parametrize(
    "reference", ["&#0;", "&#x1B;", "&#xD800;", "&#xDFFF;", "&#xFFFF;", "&#x110000;"]
)
def test_characters_xml_forbids_are_a_format_error(reference: str) -> None:
    error = raised(
        bounded(lambda: read_akn(_document(_paragraph(f"Decides {reference};")))), FormatError
    )
    assert "<bytes>:1:" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "\u202eDecides\u202c [to act] \u2067\u0645\u0648\u0627\u0641\u0642\u2069;",
        "Decides \u200b\u200d\ufeff [to act];",
        "Decides \x7f\x85\u2028\u2029 [to act];",
        "Decides \U0010fffd [to act];",
    ],
)
def test_unusual_characters_read_back(text: str) -> None:
    document = read_akn(_document(_paragraph(text)))
    assert document.draft.paragraphs[0].text == text
