"""Akoma Ntoso 3.0 (OASIS LegalDocML) export and import of a revision.

A snapshot's draft is written as an Akoma Ntoso ``<statement>`` (the document type for
resolutions and decisions of a body), valid against the OASIS schema shipped in
``consensus_text/schemas``, and read back into a :class:`~consensus_text.model.paragraphs.Draft`
with every paragraph's id, kind, label, parent, text, version, tombstone and attribution, the
named option groups and the revision:

>>> import datetime as dt
>>> from consensus_text.model.labels import Label
>>> from consensus_text.model.paragraphs import Draft, Paragraph, ParagraphKind
>>> from consensus_text.model.revisions import Revision, RevisionKind
>>> from consensus_text.model.snapshot import Snapshot
>>> draft = Draft(title="Programme of Action", symbol="A/AC.292/2026/L.1", paragraphs=(
...     Paragraph("pp1", ParagraphKind.PREAMBULAR, "Recalling its resolution 77/37,",
...               label=Label.parse("PP1")),
...     Paragraph("op1", ParagraphKind.OPERATIVE,
...               "Decides to [establish][convene]{EU} a [permanent]{G77} mechanism;",
...               label=Label.parse("1 bis"), attribution=("EU",)),
... ))
>>> rev1 = Revision("Rev.1", RevisionKind.REVISION, author="Chair",
...                 issued_at=dt.datetime(2026, 3, 6, 17, tzinfo=dt.timezone.utc))
>>> data = to_akn_bytes(Snapshot(draft=draft, revisions=(rev1,)))
>>> validate_akn(data)
>>> document = read_akn(data)
>>> document.draft == draft, document.revision == rev1, document.symbol
(True, True, 'A/AC.292/2026/L.1')

The mapping, element by element:

- ``<meta>``: ``identification`` with the FRBR Work (the negotiated text: country ``un``, the
  draft's symbol as number and alias, the date of the first revision), Expression (the
  revision: its label as ``FRBRversionNumber``, its date, its symbol as an alias, language
  ``eng``) and Manifestation (this XML file), named after the Akoma Ntoso naming convention:
  ``/akn/un/statement/decision/2026-02-02/A-AC.292-2026-L.1/eng@2026-03-06`` (subtype
  ``decision`` or ``resolution`` from the title, else ``outcome``; the symbol's ``/`` become
  ``-``). ``references`` holds a ``TLCOrganization`` for this software (the source), the
  revision's author (``TLCPerson``, or the participant's ``TLCOrganization``) and one
  ``TLCOrganization`` per participant that proposed wording (``eId="party_EU"``, the code as
  ``shortForm``, the registry's name as ``showAs``). ``proprietary`` holds what Akoma Ntoso
  has no place for, in the namespace :data:`CT_NAMESPACE`: the full revision (kind, exact time,
  note) and the named option groups ("Option 1", "Option 2: No text").
- ``<preface>``: the symbol (``docNumber``), the revision and its date (``docStage``,
  ``docDate``) and the title (``docTitle``).
- ``<preamble>``: the leading preambular paragraphs as ``<recitals><recital>``, each with
  ``<num>PP3</num><p>...</p>``; sub-paragraphs of a preambular chapeau as
  ``<blockList><item>``.
- ``<mainBody>``: each heading opens a ``<section>`` with its ``<heading>`` (and ``<num>`` when
  labelled); paragraphs are ``<paragraph>`` with ``<num>5 bis</num>`` and
  ``<content><p>...</p></content>``; a chapeau puts its wording in ``<intro>`` followed by its
  sub-paragraphs as ``<point>`` (nested to any depth). A preambular paragraph after the
  operative part, a heading that is deleted, nested or has sub-paragraphs is a plain
  ``<paragraph>`` whose ``class`` says what it is.
- Every paragraph element carries ``GUID`` = the paragraph's stable id (``%``-escaping
  whitespace and ``%``), ``eId`` per the naming convention (``sec_2__para_12bis``,
  ``recs_1__rec_PP3``; made unique), ``class`` = its kind (``preambular``, ``operative``,
  ``heading``), ``refersTo`` = its proposers, ``status="removed"`` for a tombstone, and
  ``ct:version`` (plus ``ct:labelStyle`` where ``(i)`` is a letter, not a Roman numeral).
- Bracketed wording, alternatives and placeholders become ``<inline name="bracket">``,
  ``<inline name="alternatives">``/``<inline name="option">`` and ``<inline
  name="placeholder">`` that keep the source characters (see
  :mod:`consensus_text.io._akn_inline`): a reader that ignores the markup still sees
  ``[shall][should]{EU}``, and reading back gives each paragraph's text exactly.

Choices and limits:

- Tombstones are exported with ``status="removed"``; ``include_deleted=False`` leaves them out,
  with their sub-paragraphs and the named options made only of them.
- Paragraphs are written in the order of their structure (a chapeau, then its sub-paragraphs),
  which is the draft's order in every draft the library builds.
- Positions, rulings, packages and the rest of the history are not part of the text and are
  not exported; nor are the earlier revisions (only the one the file is an expression of).
- The revision's time zone is kept as an offset (a zone name such as "EST" is not). Two
  revisions issued on the same day share an expression URI (``eng@<date>``); their labels
  (``FRBRversionNumber``) differ. A snapshot without any revision is dated today.
- Named options are kept in ``proprietary`` metadata only: a reader of the text alone does not
  see "Option 1:" lines.
- Any other Akoma Ntoso document can be read as far as it goes: ``recital``, ``paragraph``,
  ``point``, ``article`` (and the like) become paragraphs, ``section`` a heading, ``num`` a
  label; a ``<num>`` that is not a paragraph label is an error naming its line.
"""

from __future__ import annotations

from lxml import etree

from consensus_text.errors import FormatError
from consensus_text.io._akn_reader import AknDocument, read_document
from consensus_text.io._akn_writer import build_document
from consensus_text.io._akn_xml import (
    AKN_NAMESPACE,
    CT_NAMESPACE,
    MAX_AKN_BYTES,
    Source,
    Target,
    parse_untrusted,
    read_source,
    schema_errors,
    write_output,
)
from consensus_text.model.revisions import Revision
from consensus_text.model.snapshot import Snapshot

__all__ = [
    "AKN_NAMESPACE",
    "CT_NAMESPACE",
    "MAX_AKN_BYTES",
    "AknDocument",
    "export_akn",
    "read_akn",
    "to_akn_bytes",
    "validate_akn",
]


def to_akn_bytes(
    snapshot: Snapshot, *, revision: Revision | None = None, include_deleted: bool = True
) -> bytes:
    """The draft of a snapshot as an Akoma Ntoso 3.0 document (UTF-8 bytes).

    Args:
        snapshot: the state to export: its draft, registry (for participants' names) and
            revisions.
        revision: the revision the document is an expression of; by default the snapshot's
            latest (``neg.snapshot(revision="Rev.1")`` gives Rev.1's text and Rev.1).
        include_deleted: write tombstones with ``status="removed"`` (the default, so that
            reading back restores them); False leaves them and their sub-paragraphs out.

    Raises:
        ExportError: a character XML cannot hold (naming the paragraph), or sub-paragraphs
            whose chapeaux form a cycle.
    """
    root = build_document(snapshot, revision, include_deleted=include_deleted)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def export_akn(
    snapshot: Snapshot,
    out: Target,
    *,
    revision: Revision | None = None,
    include_deleted: bool = True,
) -> None:
    """Write the draft of a snapshot as an Akoma Ntoso 3.0 XML file.

    Args:
        snapshot: the state to export.
        out: a path, written atomically (a temporary file, then :func:`os.replace`), or a
            writable binary stream.
        revision: the revision the document is an expression of (default: the latest).
        include_deleted: write tombstones with ``status="removed"``.

    Raises:
        ExportError: see :func:`to_akn_bytes`; also a directory that does not exist or cannot
            be written.
    """
    write_output(to_akn_bytes(snapshot, revision=revision, include_deleted=include_deleted), out)


def read_akn(
    source: Source, *, validate: bool = False, max_bytes: int = MAX_AKN_BYTES
) -> AknDocument:
    """Read an Akoma Ntoso 3.0 document, as written by :func:`export_akn` or by others.

    The XML is treated as untrusted: no DTD, no entities, no network, at most ``max_bytes``.

    Args:
        source: a path, or the document's bytes.
        validate: check the document against the Akoma Ntoso 3.0 schema first.
        max_bytes: refuse larger documents.

    Raises:
        UnsafeInputError: a DOCTYPE, an entity declaration or reference, or more than
            ``max_bytes``.
        FormatError: not well-formed (with line and column), not Akoma Ntoso, invalid against
            the schema (with ``validate=True``), or markup that does not make a draft (an
            empty bracket, a ``<num>`` that is not a label, a GUID used twice), naming the line.
    """
    data, name = read_source(source, max_bytes=max_bytes)
    root = parse_untrusted(data, name)
    if validate:
        _raise_schema_errors(root, name)
    return read_document(root, name)


def _raise_schema_errors(root: etree._Element, name: str) -> None:
    errors = schema_errors(root)
    if not errors:
        return
    listing = "\n".join(f"  line {line}: {message}" for line, message in errors[:20])
    if len(errors) > 20:
        listing += f"\n  ... ({len(errors) - 20} more)"
    raise FormatError(
        f"{name} is not valid Akoma Ntoso 3.0; fix these {len(errors)} schema error(s):\n" + listing
    )


def validate_akn(data: bytes) -> None:
    """Check a document against the Akoma Ntoso 3.0 schema shipped with the package.

    The schema is compiled once per process. The document is parsed as untrusted XML.

    Raises:
        FormatError: the schema errors, one per line as ``line N: message``; or XML that is
            not well-formed.
        UnsafeInputError: a DOCTYPE or entities, or more than :data:`MAX_AKN_BYTES`.

    >>> try:
    ...     validate_akn(b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
    ...                  b'<statement name="x"/></akomaNtoso>')
    ... except FormatError as error:
    ...     print(str(error).splitlines()[:2])
    ['<bytes> is not valid Akoma Ntoso 3.0; fix these 1 schema error(s):', "  line 1: Element 'statement': Missing child element(s). Expected is ( meta )."]
    """
    data, name = read_source(bytes(data))
    _raise_schema_errors(parse_untrusted(data, name), name)
