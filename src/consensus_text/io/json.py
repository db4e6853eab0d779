"""The JSON interchange format of a negotiation: its whole event log, versioned.

A file holds one negotiation::

    {
      "format": "consensus_text.negotiation",
      "schema_version": 1,
      "name": "poa",                       (optional: its name in a store)
      "title": "Programme of Action",      (informative: the title is in the first event)
      "event_count": 3,                    (checked: catches a truncated file)
      "events": [
        {"type": "negotiation_created", "at": "2025-07-01T09:00:00+00:00",
         "by": "Secretariat", "title": "Programme of Action"},
        {"type": "paragraph_proposed", "at": "2025-07-01T09:05:00+00:00", "by": "Chair",
         "paragraph_id": "p1", "text": "Decides to [convene] a conference;", "label": "1",
         "attribution": []},
        {"type": "revision_issued", "at": "2025-07-02T18:00:00+02:00", "by": "Chair",
         "label": "Zero draft", "kind": "zero_draft"}
      ]
    }

Each event is an object with its ``type`` (the event class's ``event_type``: ``paragraph_proposed``,
``text_amended``, ``bracket_inserted``, ``bracket_resolved``, ``paragraph_moved``,
``paragraph_split``, ``paragraphs_merged``, ``paragraph_deleted``, ``paragraph_restored``,
``paragraph_relabelled``, ``option_group_defined``, ``option_chosen``, ``position_stated``, ``position_withdrawn``, ``ruling_recorded``, ``revision_issued``,
``document_adopted``, ``package_defined``, ``silence_started``, ``silence_broken``,
``silence_break_withdrawn``, ``vote_recorded``, ``participant_registered``, ``group_registered``,
``negotiation_created``) and the fields of that class in
:mod:`consensus_text.history.events`, those at their default value omitted. Every event has
``at`` (ISO 8601 with an offset) and ``by``, and may have ``meeting`` and ``revision`` (the label
of the revision current when it happened). Enumerations are written as their values
(``"support"``, ``"agreed_ad_referendum"``, ``"zero_draft"``, ``"choose"``); labels as displayed
(``"5 bis"``, or ``{"text": "(i)", "style": "letter"}`` when the text alone would read as another
style); ballots as ``[code, ballot]`` pairs; participants, groups and registries in the shape of
:meth:`Registry.to_dict <consensus_text.model.participants.Registry.to_dict>`. The store keeps
each event's fields in the same shape.

Versions: ``schema_version`` is raised whenever the shape changes. Reading a file of an older
version runs the functions of :data:`MIGRATIONS` one after the other (each takes a document of
version ``n`` and returns one of version ``n + 1``); a newer version than :data:`SCHEMA_VERSION`
raises :class:`~consensus_text.errors.UnsupportedVersionError`.

Reading is safe for untrusted files: the size is limited, every field is checked, and errors
name the JSON path of the bad value; the log is then replayed with every event checked against
the state. Text must be Unicode that UTF-8 can encode: a lone surrogate, raw or written as a JSON
escape such as ``"\\ud800"``, is a FormatError naming its path (and writing a negotiation that
holds one is an ExportError).

>>> import datetime as dt
>>> from consensus_text.history import Negotiation
>>> neg = Negotiation.create("Declaration", at=dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc))
>>> text = dump_json(neg)
>>> read_json(text).events == neg.events
True
>>> read_json('{"format": "consensus_text.negotiation", "schema_version": 1, "events": ['
...           '{"type": "negotiation_created", "at": "2025-07-01", "by": "Chair", "title": 5}]}')
Traceback (most recent call last):
...
consensus_text.errors.FormatError: invalid event: datetime '2025-07-01' has no time zone offset \
@ $.events[0].at; expected a string, got int @ $.events[0].title
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import cattrs

from consensus_text._files import write_output
from consensus_text.errors import (
    ConsensusTextError,
    ExportError,
    FormatError,
    UnsafeInputError,
    UnsupportedVersionError,
)
from consensus_text.history import _codec
from consensus_text.history.events import Event
from consensus_text.history.negotiation import Clock, Negotiation

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "dump_json",
    "export_json",
    "import_json",
    "load_document",
    "migrate",
    "read_json",
    "to_document",
]

#: The value of the ``format`` key.
FORMAT: Final = "consensus_text.negotiation"

#: The version of the shape written by this release.
SCHEMA_VERSION: Final = 1

#: The largest file read, in bytes (a negotiation of 200,000 events takes about 40 MB).
MAX_BYTES: Final = 512 * 1024 * 1024

#: Migrations by the version they read: ``MIGRATIONS[n]`` turns a document of version ``n`` into
#: one of version ``n + 1``. Version 1 is the first, so there is none yet.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_KEYS: Final = frozenset({"format", "schema_version", "name", "title", "event_count", "events"})

_FILE_HINT: Final = "check the path and the file's permissions"

#: A JSON escape of a surrogate (``\\ud800``): the text must be checked after parsing.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str) -> bool:
    """Whether JSON text holds a surrogate, raw or escaped (a pair too: checked after parsing)."""
    if not text.isascii() and _codec.SURROGATE_RE.search(text) is not None:
        return True
    return "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None


def _check_unicode(document: Any) -> None:
    """Refuse JSON values holding a lone surrogate, naming the path of the first one."""
    found = _codec.find_surrogate(document)
    if found is not None:
        path, index, code = found
        raise FormatError(
            _codec.surrogate_message(f"${path}", index, code), hint=_codec.SURROGATE_HINT
        )


def to_document(negotiation: Negotiation, *, name: str | None = None) -> dict[str, Any]:
    """The negotiation as a JSON-ready document (dicts, lists, strings, numbers)."""
    document: dict[str, Any] = {"format": FORMAT, "schema_version": SCHEMA_VERSION}
    name = name if name is not None else negotiation.name
    if name is not None:
        document["name"] = name
    document["title"] = negotiation.title
    document["event_count"] = negotiation.event_count
    document["events"] = [_codec.event_to_dict(event) for event in negotiation.events]
    return document


def dump_json(
    negotiation: Negotiation, *, name: str | None = None, indent: int | None = None
) -> str:
    """The negotiation as JSON text.

    Args:
        name: the name to record; by default its name in its store, if any.
        indent: pretty-print with this indent; None writes one event a line.

    Raises:
        ExportError: a text that UTF-8 cannot encode (a lone surrogate); the message gives its
            JSON path. A negotiation never holds one, unless its events were made by hand.
    """
    document = to_document(negotiation, name=name)
    if indent is not None:
        text = json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
    else:
        events = document.pop("events")
        head = json.dumps(document, ensure_ascii=False)[:-1]
        lines = ",\n".join(json.dumps(event, ensure_ascii=False) for event in events)
        text = f'{head}, "events": [\n{lines}\n]}}\n'
        document["events"] = events
    if not text.isascii() and _codec.SURROGATE_RE.search(text):
        found = _codec.find_surrogate(document)
        where, index, code = found if found is not None else ("", 0, 0xD800)
        raise ExportError(
            _codec.surrogate_message(f"${where}", index, code)
            + "; the negotiation cannot be written as UTF-8 JSON",
            hint=_codec.SURROGATE_HINT,
        )
    return text


def export_json(
    negotiation: Negotiation,
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    indent: int | None = None,
) -> None:
    """Write the negotiation to a JSON file (UTF-8), atomically.

    Raises:
        ExportError: see :func:`dump_json`, or the file cannot be written; nothing is written.
    """
    write_output(dump_json(negotiation, name=name, indent=indent).encode("utf-8"), path)


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a document of an older schema version to :data:`SCHEMA_VERSION`.

    Raises:
        UnsupportedVersionError: a version newer than this release's, or one no migration
            reads.
        FormatError: no integer ``schema_version``.
    """
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FormatError(
            f"$.schema_version: expected an integer, got {version!r}",
            hint=f"a negotiation file written by this release has schema_version {SCHEMA_VERSION}",
        )
    if version > SCHEMA_VERSION:
        raise UnsupportedVersionError(
            f"$.schema_version: the file has schema version {version}; this release reads "
            f"versions up to {SCHEMA_VERSION}",
            hint="upgrade consensus_text to read it",
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise UnsupportedVersionError(
                f"$.schema_version: no migration reads schema version {version}",
                hint=f"this release reads versions {min(MIGRATIONS, default=SCHEMA_VERSION)} to "
                f"{SCHEMA_VERSION}",
            )
        document = step(document)
        new_version = document.get("schema_version")
        if new_version != version + 1:
            raise FormatError(
                f"the migration from version {version} gave version {new_version!r}",
                hint="a migration must set schema_version to the next version",
            )
        version = new_version
    return document


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, ConsensusTextError):
        return str(exc)
    if isinstance(exc, ValueError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return cattrs.v.format_exception(exc, type_)


def load_document(
    data: str | bytes | Mapping[str, Any], *, max_bytes: int = MAX_BYTES
) -> tuple[str | None, list[Event]]:
    """Check and read a document: its name and its events (not yet replayed).

    Raises:
        UnsafeInputError: the text is larger than ``max_bytes``.
        FormatError: not JSON, not a negotiation, or a bad field (the message gives its path),
            such as text that UTF-8 cannot encode (a lone surrogate).
        UnsupportedVersionError: a schema version this release cannot read.
    """
    suspect = True  # of lone surrogates, until a scan of the text says otherwise
    if isinstance(data, str | bytes):
        # "surrogatepass": the size even of text that is not Unicode (refused below)
        size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        if size > max_bytes:
            raise UnsafeInputError(
                f"the JSON text has {size} bytes, more than the limit of {max_bytes}",
                hint="pass a larger max_bytes if the file is trusted",
            )
        try:
            # bytes as json.loads decodes them (surrogates pass, and are then refused)
            text = (
                data
                if isinstance(data, str)
                else data.decode(json.detect_encoding(data), "surrogatepass")
            )
            suspect = _may_hold_surrogates(text)
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                hint="check that the file is complete and was written as JSON",
            ) from exc
        except (RecursionError, ValueError) as exc:
            raise FormatError(
                f"unreadable JSON: {exc}", hint="nesting or numbers too large"
            ) from exc
    else:
        document = data
    if not isinstance(document, dict):
        raise FormatError(
            f"$: expected a JSON object, got {type(document).__name__}",
            hint=f'a negotiation file is an object with "format": "{FORMAT}"',
        )
    if document.get("format") != FORMAT:
        raise FormatError(
            f"$.format: expected {FORMAT!r}, got {document.get('format')!r}",
            hint="this is not a negotiation exported by consensus_text",
        )
    document = migrate(dict(document))
    if suspect:
        _check_unicode(document)
    extra = set(document) - _KEYS
    if extra:
        raise FormatError(
            f"$: unknown key(s) {', '.join(sorted(extra))}",
            hint="known keys: " + ", ".join(sorted(_KEYS)),
        )
    for key in ("name", "title"):
        value = document.get(key)
        if value is not None and not isinstance(value, str):
            raise FormatError(
                f"$.{key}: expected a string, got {type(value).__name__}",
                hint=f"the {key} is text, or the key is left out",
            )
    name = document.get("name")
    items = document.get("events")
    if not isinstance(items, list):
        raise FormatError(
            f"$.events: expected a list, got {type(items).__name__}",
            hint="the events key holds the log, a list of event objects",
        )
    if not items:
        raise FormatError(
            "$.events: the log is empty",
            hint="a negotiation's log begins with its negotiation_created event",
        )
    count = document.get("event_count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool)):
        raise FormatError(
            f"$.event_count: expected an integer, got {type(count).__name__} {count!r}",
            hint="event_count must be an integer: the number of events, or the key left out",
        )
    if count is not None and count != len(items):
        raise FormatError(
            f"$.event_count: the file says {count} events but holds {len(items)}",
            hint="the file is truncated or was edited; export it again",
        )
    events: list[Event] = []
    for index, item in enumerate(items):
        path = f"$.events[{index}]"
        if not isinstance(item, dict):
            raise FormatError(f"{path}: expected an object, got {type(item).__name__}")
        try:
            events.append(_codec.event_from_dict(item))
        except cattrs.BaseValidationError as exc:
            messages = cattrs.transform_error(exc, path=path, format_exception=_format_exception)
            raise FormatError("invalid event: " + "; ".join(messages)) from exc
        except ConsensusTextError as exc:
            raise FormatError(f"{path}: {exc}") from exc
        except (TypeError, ValueError) as exc:
            raise FormatError(f"{path}: {exc}") from exc
    return name, events


def read_json(
    data: str | bytes | Mapping[str, Any],
    *,
    clock: Clock | None = None,
    max_bytes: int = MAX_BYTES,
) -> Negotiation:
    """Read a negotiation from JSON text (or an already parsed document) and replay it.

    Raises:
        UnsafeInputError, FormatError, UnsupportedVersionError: see :func:`load_document`;
            an event that does not apply to the state is a FormatError naming its path.
    """
    _, events = load_document(data, max_bytes=max_bytes)
    return _replay(events, clock=clock)


def _replay(events: list[Event], *, clock: Clock | None) -> Negotiation:
    negotiation = Negotiation(clock=clock)
    for index, event in enumerate(events):
        try:
            negotiation.append(event)
        except ConsensusTextError as exc:
            raise FormatError(
                f"$.events[{index}]: the event does not apply: {exc}",
                hint="the log was edited by hand; export it again from its source",
            ) from exc
    return negotiation


def _unreadable(path: Path, exc: Exception) -> FormatError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return FormatError(f"cannot read {str(path)!r}: {reason}", hint=_FILE_HINT)


def import_json(
    path: str | os.PathLike[str], *, clock: Clock | None = None, max_bytes: int = MAX_BYTES
) -> tuple[str | None, Negotiation]:
    """Read a negotiation file: its recorded name (or None) and the replayed negotiation.

    Raises:
        FormatError: see :func:`read_json`; also a file that is not UTF-8, or a path that names
            no readable file (missing, a directory, no permission).
        UnsafeInputError: a file larger than ``max_bytes``.
    """
    path = Path(path)
    try:
        status = path.stat()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise _unreadable(path, exc) from exc
    if stat.S_ISDIR(status.st_mode):
        raise FormatError(f"cannot read {str(path)!r}: it is a directory", hint=_FILE_HINT)
    if not stat.S_ISREG(status.st_mode):  # a FIFO or a device could block or never end
        raise FormatError(f"cannot read {str(path)!r}: it is not a regular file", hint=_FILE_HINT)
    if status.st_size > max_bytes:
        raise UnsafeInputError(
            f"{str(path)!r} has {status.st_size} bytes, more than the limit of {max_bytes}",
            hint="pass a larger max_bytes if the file is trusted",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{str(path)!r} is not UTF-8 text: {exc}") from exc
    name, events = load_document(raw, max_bytes=max_bytes)
    return name, _replay(events, clock=clock)
