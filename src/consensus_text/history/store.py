"""The embedded SQLite store of event logs: one file per negotiation, or many in one file.

The file holds one table of events, ``events(negotiation, seq, kind, payload)`` with primary key
``(negotiation, seq)``: ``seq`` numbers a negotiation's events from 1 without gaps, ``kind`` is the
event's type and ``payload`` its fields as JSON (see :mod:`consensus_text.io.json` for the shape).
The database runs in WAL mode; every append is one ``BEGIN IMMEDIATE`` transaction that first
checks that the log still has the length the writer expects (optimistic concurrency). A writer
whose view is stale gets :class:`~consensus_text.errors.ConflictError` naming the events it
missed, and nothing is written; it may :meth:`Negotiation.refresh
<consensus_text.history.Negotiation.refresh>` and try again. A process killed in the middle of a
transaction leaves the file as it was before that transaction: every committed event stays
readable. A damaged file is a :class:`~consensus_text.errors.StoreError`, never a shorter log:
:meth:`Store.read` checks that the events it read run without a gap from the first asked to the
last the store counts. Text that UTF-8 cannot encode (a lone surrogate) never enters a log.

>>> import datetime as dt, pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "poa.db"
>>> at = dt.datetime(2025, 7, 1, 9, tzinfo=dt.timezone.utc)
>>> with open_store(path) as store:
...     neg = store.create("poa", title="Programme of Action", at=at)
...     pid = neg.propose("Decides to [convene] a conference;", by="Chair", at=at)
...     other = store.open("poa")                       # a second writer, up to date
...     neg.amend(pid, "Decides to convene a conference;", by="Chair", at=at)
...     try:
...         other.state_position("FRA", pid, "support", at=at)
...     except ConflictError as error:
...         print(error.missed)
...     other.refresh()
...     other.state_position("FRA", pid, "support", at=at)
...     store.names(), store.count("poa")
('#3 TextAmended p1 by Chair',)
1
(('poa',), 4)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from consensus_text.errors import ConflictError, ConsensusTextError, InvalidEventError, StoreError
from consensus_text.history import _codec
from consensus_text.history.events import Event, describe
from consensus_text.history.negotiation import Clock, Negotiation
from consensus_text.history.replay import paused_gc
from consensus_text.model.participants import Registry

__all__ = ["STORE_SCHEMA_VERSION", "Store", "open_store"]

#: The version of the store's tables and payloads written by this release.
STORE_SCHEMA_VERSION: Final = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    negotiation TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (negotiation, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: Rows read and decoded at a time when a log is replayed.
_CHUNK: Final = 5_000

#: The hint of every error that finds the file damaged.
_DAMAGED_HINT: Final = (
    "the file is damaged or was edited outside consensus_text; restore it from a backup "
    "(sqlite3's 'PRAGMA integrity_check' tells more)"
)
_FULL_HINT: Final = (
    "the disk may be full or a file-size limit reached; free space and retry: committed events "
    "are safe"
)
_BUSY_HINT: Final = "another process may hold the write lock: try again, or raise timeout"

# SQLite's primary result codes (the low byte of an extended code), by what they mean here.
_PERMISSION_CODES: Final = frozenset(
    {sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_AUTH}
)
_FULL_CODES: Final = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR})
_BUSY_CODES: Final = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_DAMAGED_CODES: Final = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def _cause(exc: BaseException) -> str:
    """What kind of failure an sqlite3 error is: permission, full, busy, damaged, or ''."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in _PERMISSION_CODES or any(
        word in text for word in ("readonly", "read-only", "unable to open", "permission")
    ):
        return "permission"
    if primary in _FULL_CODES or "disk is full" in text or "disk i/o error" in text:
        return "full"
    if primary in _BUSY_CODES or "locked" in text or "busy" in text:
        return "busy"
    if primary in _DAMAGED_CODES or "malformed" in text or "not a database" in text:
        return "damaged"
    return ""


def _permission_hint(path: Path) -> str:
    """Which of the file and its directory this user cannot write, as far as can be told."""
    problems: list[str] = []
    try:
        folder = path.absolute().parent
        if not folder.is_dir():
            return f"the directory {str(folder)!r} does not exist: create it, or give another path"
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            problems.append("the file is read-only for this user")
        if not os.access(folder, os.W_OK | os.X_OK):
            problems.append(
                f"the directory {str(folder)!r} is not writable for this user (SQLite creates "
                "the store's -wal and -shm files beside it)"
            )
    except (OSError, ValueError):
        pass
    if problems:
        return (
            "check the permissions: "
            + ", and ".join(problems)
            + "; make them writable, or open the store as their owner"
        )
    return (
        "check the permissions of the file, of its -wal and -shm files and of its directory: "
        "this user must be able to write them"
    )


def _is_unicode(text: str) -> bool:
    """Whether UTF-8 can encode the text (it holds no lone surrogate)."""
    return text.isascii() or _codec.SURROGATE_RE.search(text) is None


def open_store(
    path: str | os.PathLike[str],
    *,
    durable: bool = False,
    timeout: float = 30.0,
    clock: Clock | None = None,
) -> Store:
    """Open (creating if needed) the SQLite store at ``path``.

    Args:
        path: the database file.
        durable: also survive a power cut (``synchronous=FULL``: every commit waits for the
            disk); the default survives any crash of the process.
        timeout: seconds to wait for another writer's transaction to end.
        clock: the clock of the negotiations opened from the store.

    Raises:
        StoreError: the file cannot be opened, is not a store, or was written by a newer
            release.
    """
    return Store(Path(path), durable=durable, timeout=timeout, clock=clock)


class Store:
    """An open SQLite store; use :func:`open_store`. Close it, or use it as a context manager."""

    def __init__(
        self,
        path: Path,
        *,
        durable: bool = False,
        timeout: float = 30.0,
        clock: Clock | None = None,
    ) -> None:
        self.path = path
        self._clock = clock
        if "\x00" in str(path):
            raise StoreError(
                f"cannot open store {str(path)!r}: the path holds a NUL character",
                hint="give a file path without NUL characters",
            )
        try:
            self._conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open store {str(path)!r}: {exc}",
                hint=self._hint(exc, "check that the directory exists and is writable"),
            ) from exc
        except (ValueError, TypeError) as exc:  # a path the file system cannot take
            raise StoreError(
                f"cannot open store {str(path)!r}: {exc}",
                hint="give the path of a file that this system can name",
            ) from exc
        try:
            self._setup(durable)
        except sqlite3.OperationalError as exc:
            self._conn.close()
            raise StoreError(
                f"cannot open store {str(path)!r}: {exc}", hint=self._hint(exc)
            ) from exc
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"{str(path)!r} is not a consensus_text store: {exc}",
                hint="give the path of a store made by open_store(), or a new file name",
            ) from exc
        except BaseException:
            self._conn.close()
            raise

    def _hint(self, exc: BaseException, default: str | None = None) -> str | None:
        """How to fix what an sqlite3 error says; ``default`` when it says nothing known."""
        cause = _cause(exc)
        if cause == "permission":
            return _permission_hint(self.path)
        if cause == "full":
            return _FULL_HINT
        if cause == "busy":
            return _BUSY_HINT
        if cause == "damaged":
            return _DAMAGED_HINT
        return default

    def _setup(self, durable: bool) -> None:
        conn = self._conn
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
        version = self._schema_version()
        if version is None:  # a new file: create the tables (once, under the write lock)
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = self._schema_version()
                if version is None:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                        (str(STORE_SCHEMA_VERSION),),
                    )
                    version = STORE_SCHEMA_VERSION
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # the connection is closed next, which also rolls back
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
        if version > STORE_SCHEMA_VERSION:
            raise StoreError(
                f"store {str(self.path)!r} has schema version {version}; this release reads "
                f"version {STORE_SCHEMA_VERSION}",
                hint="upgrade consensus_text to open it",
            )

    def _schema_version(self) -> int | None:
        """The schema version recorded in the file; None for an empty database."""
        tables = {
            row[0]
            for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            return None
        if not {"events", "meta"} <= tables:
            raise sqlite3.DatabaseError(f"it holds other tables ({', '.join(sorted(tables))})")
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or not str(row[0]).isdigit():
            raise sqlite3.DatabaseError("its schema version is missing")
        return int(row[0])

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {str(self.path)!r}>"

    # ------------------------------------------------------------------ queries

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc

    def _read_error(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"cannot read store {str(self.path)!r}: {exc}", hint=self._hint(exc))

    def names(self) -> tuple[str, ...]:
        """The names of the negotiations in the store, sorted.

        Raises:
            StoreError: the store cannot be read, or holds an event without a name (a damaged
                file).
        """
        rows = self._query("SELECT DISTINCT negotiation FROM events ORDER BY negotiation")
        for (name,) in rows:
            if not isinstance(name, str):
                raise StoreError(
                    f"the store {str(self.path)!r} holds events whose negotiation name is "
                    f"{'missing (NULL)' if name is None else f'not text ({name!r})'}",
                    hint=_DAMAGED_HINT,
                )
        return tuple(row[0] for row in rows)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.count(name) > 0

    def count(self, name: str) -> int:
        """The number of events in a negotiation's log (0 for an unknown name)."""
        if not isinstance(name, str) or not _is_unicode(name):
            return 0  # no negotiation can have this name: the store holds UTF-8 text
        rows = self._query("SELECT MAX(seq) FROM events WHERE negotiation = ?", (name,))
        return self._last_seq(name, rows[0][0])

    def _last_seq(self, name: str, value: Any) -> int:
        """The value of ``MAX(seq)`` as a count: 0 for None; a damaged value is a StoreError."""
        if value is None:
            return 0
        if not isinstance(value, int) or value < 1:
            raise StoreError(
                f"the log of {name!r} in {str(self.path)!r} is numbered up to {value!r}, "
                "not a positive integer",
                hint=_DAMAGED_HINT,
            )
        return value

    def read(self, name: str, *, since: int = 0, until: int | None = None) -> list[Event]:
        """The events numbered ``since + 1`` to ``until`` (to the end when None).

        The events read must run without a gap from ``since + 1`` to ``until`` or to the last
        event the store counts (:meth:`count`): a log that stops short is a damaged file, never
        returned as a shorter log.

        Raises:
            StoreError: the rows cannot be read or decoded, the numbering has a gap, or the log
                stops before its last event.
        """
        with paused_gc():
            return list(self._log(name, since=since, until=until))

    def _log(self, name: str, *, since: int = 0, until: int | None = None) -> Iterator[Event]:
        """The events of :meth:`read`, decoded a chunk of rows at a time as they are consumed
        (a replay then holds one chunk of rows and payloads at a time, not the whole log)."""
        last = self.count(name)  # first: events appended meanwhile all come after it
        if until is not None:
            last = min(last, until)
        if last <= since:
            return iter(())
        return self._chunks(name, since, last)

    def _chunks(self, name: str, since: int, last: int) -> Iterator[Event]:
        sql = (
            "SELECT seq, kind, payload FROM events WHERE negotiation = ? AND seq > ? "
            "AND seq <= ? ORDER BY seq"
        )
        done = since
        try:
            cursor = self._conn.execute(sql, (name, since, last))
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc
        try:
            while True:
                try:
                    rows = cursor.fetchmany(_CHUNK)
                except sqlite3.Error as exc:
                    raise self._read_error(exc) from exc
                if not rows:
                    break
                yield from self._decode(name, rows, done)
                done += len(rows)
        finally:
            cursor.close()
        if done != last:
            raise StoreError(
                f"the log of {name!r} in {str(self.path)!r} counts {last} events, but reading it "
                f"stops after event {done}",
                hint=_DAMAGED_HINT,
            )

    def _decode(self, name: str, rows: list[Any], since: int) -> list[Event]:
        """The events of rows numbered from ``since + 1``."""
        seq = since
        for row in rows:
            seq += 1
            if row[0] != seq or type(row[1]) is not str or type(row[2]) is not str:
                self._refuse_row(name, row, seq)
        text = "[" + ",".join([row[2] for row in rows]) + "]"
        try:
            payloads = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise StoreError(
                f"the log of {name!r} in {str(self.path)!r} holds a payload that is not JSON",
                hint=_DAMAGED_HINT,
            ) from exc
        if "\\u" in text:  # JSON escapes: written by the store only for control characters
            self._check_unicode(name, rows, payloads)
        events: list[Event] = []
        append = events.append
        readers = _codec.row_readers()
        try:
            for row, payload in zip(rows, payloads, strict=True):
                read = readers.get(row[1])
                append(
                    read(payload)
                    if read is not None
                    else _codec.event_from_payload(row[1], payload)
                )
        except (ConsensusTextError, TypeError, ValueError, KeyError) as exc:
            seq = rows[len(events)][0]
            raise StoreError(
                f"event #{seq} of {name!r} in {str(self.path)!r} cannot be decoded: {exc}",
                hint="the file was edited outside consensus_text, or written by a newer release",
            ) from exc
        return events

    def _refuse_row(self, name: str, row: Any, seq: int) -> None:
        """Raise the StoreError of a row out of sequence, or whose kind or payload is not text."""
        if row[0] != seq:
            raise StoreError(
                f"the log of {name!r} in {str(self.path)!r} jumps from event {seq - 1} to {row[0]}",
                hint=_DAMAGED_HINT,
            )
        raise StoreError(
            f"event #{row[0]} of {name!r} in {str(self.path)!r} has a "
            f"{'kind' if not isinstance(row[1], str) else 'payload'} that is not text",
            hint=_DAMAGED_HINT,
        )

    def _check_unicode(self, name: str, rows: list[Any], payloads: list[Any]) -> None:
        """Refuse rows whose JSON escapes make text that UTF-8 cannot encode."""
        for row, payload in zip(rows, payloads, strict=False):
            found = _codec.find_surrogate(payload)
            if found is not None:
                raise StoreError(
                    f"event #{row[0]} of {name!r} in {str(self.path)!r} cannot be decoded: "
                    + _codec.surrogate_message(f"field {found[0][1:]!r}", found[1], found[2]),
                    hint=_DAMAGED_HINT,
                )

    # ------------------------------------------------------------------ writing

    def append(self, name: str, events: Sequence[Event], *, expected: int) -> int:
        """Append events in one transaction, if the log still has ``expected`` events.

        The events are not checked against the state here (a :class:`Negotiation` checks them
        before it appends); use :meth:`import_events` for a log from elsewhere.

        Returns:
            The number of events in the log after the append.

        Raises:
            ConflictError: the log has another length; nothing is written.
            InvalidEventError: an event holds text that UTF-8 cannot encode (a lone surrogate,
                such as ``"\\ud800"``); nothing is written.
            StoreError: the database cannot be written, or the name cannot be stored.
        """
        if not isinstance(name, str) or not _is_unicode(name):
            raise StoreError(
                f"negotiation name {name!r} cannot be stored: it must be text that UTF-8 can "
                "encode",
                hint=_codec.SURROGATE_HINT,
            )
        encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        rows = [
            (name, expected + offset + 1, event.event_type, encoder(_codec.event_payload(event)))
            for offset, event in enumerate(events)
        ]
        for offset, (_, seq, _, payload) in enumerate(rows):
            if not _is_unicode(payload):
                self._refuse_text(seq, events[offset])
        conn = self._conn
        self._end_transaction(None)  # one left open by a rollback that failed
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot write to store {str(self.path)!r}: {exc}",
                hint=self._hint(
                    exc, "another process holds the write lock for too long; try again"
                ),
            ) from exc
        try:
            row = conn.execute(
                "SELECT MAX(seq) FROM events WHERE negotiation = ?", (name,)
            ).fetchone()
            actual = self._last_seq(name, row[0])
            if actual != expected:
                missed = self._missed(name, expected, actual)
                conn.execute("ROLLBACK")
                raise ConflictError(expected, actual, missed)
            conn.executemany(
                "INSERT INTO events (negotiation, seq, kind, payload) VALUES (?, ?, ?, ?)", rows
            )
            conn.execute("COMMIT")
        except ConflictError:
            raise
        except BaseException as exc:
            self._end_transaction(exc)
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"cannot write to store {str(self.path)!r}: {exc}",
                    hint=self._hint(exc, "nothing was written; try again"),
                ) from exc
            raise
        return expected + len(rows)

    def _refuse_text(self, seq: int, event: Event) -> None:
        """Raise the error for an event whose text UTF-8 cannot encode."""
        found = _codec.find_surrogate(event)
        where = f"field {found[0][1:]!r}" if found is not None else "a field"
        index, code = (found[1], found[2]) if found is not None else (0, 0xD800)
        raise InvalidEventError(
            f"event #{seq} ({event.event_type}) cannot be stored: "
            + _codec.surrogate_message(where, index, code),
            hint=_codec.SURROGATE_HINT,
        )

    def _end_transaction(self, failure: BaseException | None) -> None:
        """Roll back the open transaction, if any, after ``failure`` (None: before a write).

        When the rollback fails too, the connection keeps its transaction: the failed write's
        error says so (with ``failure``), or a new write is refused (without).
        """
        conn = self._conn
        if not conn.in_transaction:
            return
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            note = (
                f"the transaction could not be rolled back either ({exc}); close and reopen the "
                "store: committed events are safe"
            )
            if failure is None:
                raise StoreError(
                    f"cannot write to store {str(self.path)!r}: an earlier failed write left a "
                    f"transaction open that cannot be rolled back ({exc})",
                    hint="close and reopen the store: committed events are safe",
                ) from exc
            failure.add_note(note)
            if isinstance(failure, sqlite3.Error):
                raise StoreError(
                    f"cannot write to store {str(self.path)!r}: {failure}", hint=note
                ) from failure

    def _missed(self, name: str, expected: int, actual: int) -> list[str]:
        if actual <= expected:
            return []
        rows = self._conn.execute(
            "SELECT seq, kind, payload FROM events WHERE negotiation = ? AND seq > ? "
            "ORDER BY seq LIMIT 50",
            (name, expected),
        ).fetchall()
        try:
            events = self._decode(name, rows, expected)
        except StoreError:
            return [f"#{row[0]} {row[1]}" for row in rows]
        return [f"#{row[0]} {describe(event)}" for row, event in zip(rows, events, strict=True)]

    # ------------------------------------------------------------------ negotiations

    def create(
        self,
        name: str = "default",
        *,
        title: str,
        symbol: str = "",
        registry: Registry | None = None,
        by: str = "Secretariat",
        at: dt.datetime | None = None,
        clock: Clock | None = None,
    ) -> Negotiation:
        """Start a new negotiation named ``name`` in the store.

        Raises:
            StoreError: the store already holds a negotiation of that name.
        """
        self._check_new(name)
        negotiation = Negotiation.create(
            title, symbol=symbol, registry=registry, by=by, at=at, clock=clock or self._clock
        )
        try:
            self.append(name, negotiation.events, expected=0)
        except ConflictError as exc:
            raise StoreError(
                f"another writer created negotiation {name!r} at the same time"
            ) from exc
        negotiation._bind(self, name)
        return negotiation

    def _check_new(self, name: str) -> None:
        if not isinstance(name, str) or not name or name != name.strip():
            raise StoreError(
                f"negotiation name {name!r} must be a non-empty string without surrounding spaces"
            )
        if not _is_unicode(name):
            raise StoreError(
                f"negotiation name {name!r} cannot be stored: it must be text that UTF-8 can "
                "encode",
                hint=_codec.SURROGATE_HINT,
            )
        if name in self:
            raise StoreError(
                f"the store {str(self.path)!r} already holds a negotiation named {name!r}",
                hint="open it with Store.open(name), or choose another name",
            )

    def open(
        self,
        name: str | None = None,
        *,
        clock: Clock | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Negotiation:
        """Load a negotiation: read its log and replay it (every event checked again).

        Args:
            name: the negotiation; may be omitted when the store holds exactly one.
            progress: called every 10,000 events replayed.

        Raises:
            StoreError: no such negotiation, or the log cannot be read.
            InvalidEventError: the log does not replay (it was written by hand).
        """
        name = self.resolve_name(name)
        negotiation = Negotiation(clock=clock or self._clock)
        with paused_gc():  # one pause for reading and replaying (see paused_gc)
            # the rows were checked when written, and _log checks their text: no check_text
            negotiation._extend(self._log(name), progress=progress)
        negotiation._bind(self, name)
        return negotiation

    def resolve_name(self, name: str | None) -> str:
        """The name given, checked; or the only negotiation's name when None.

        Raises:
            StoreError: no such negotiation, or None while the store holds several or none.
        """
        if name is not None:
            if name not in self:
                known = ", ".join(self.names()) or "none"
                raise StoreError(
                    f"the store {str(self.path)!r} holds no negotiation named {name!r}",
                    hint=f"names in the store: {known}",
                )
            return name
        names = self.names()  # a StoreError for a damaged name
        if len(names) != 1:
            raise StoreError(
                f"the store {str(self.path)!r} holds {len(names)} negotiations; name one",
                hint="names in the store: " + (", ".join(names) or "none (create one first)"),
            )
        return names[0]

    def import_events(
        self, name: str, events: Iterable[Event], *, clock: Clock | None = None
    ) -> Negotiation:
        """Store a whole log from elsewhere under a new name, after replaying it.

        Raises:
            StoreError: the name is taken.
            InvalidEventError: the log does not replay; nothing is written.
        """
        self._check_new(name)
        negotiation = Negotiation.from_events(events, clock=clock or self._clock)
        if not negotiation.event_count:
            raise InvalidEventError(
                "the log to import is empty",
                hint="a log begins with a NegotiationCreated event",
            )
        self.append(name, negotiation.events, expected=0)
        negotiation._bind(self, name)
        return negotiation
