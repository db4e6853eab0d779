"""Helpers of the security tests: spies on the network and on a secret file, and bounds.

- :class:`NetworkSpy` records every attempt to open a connection, both from Python (``socket``
  functions patched to refuse and record) and from C libraries such as libxml2, which bypass the
  ``socket`` module: a real server listens on a local port and the hostile files point at it;
  any connection it receives is an attempt.
- :class:`Secret` is a file that hostile files try to read. Its content must appear in no result
  and no message; and, on file systems that update access times (``relatime``: a read after the
  last modification updates it), its access time shows whether anything read it at all.
- :func:`bounded` runs a call in a thread with a generous deadline (a hang guard, not a
  benchmark) and measures the peak of Python allocations (``tracemalloc``) made meanwhile.
"""

from __future__ import annotations

import io
import os
import socket
import sys
import threading
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HANG_GUARD_SECONDS = 60.0


# ----------------------------------------------------------------------------------------------
# The network


class NetworkSpy:
    """Refuses and records connections; a local server catches connections made from C code."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[str] = []
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._server.setblocking(False)
        self.port: int = self._server.getsockname()[1]
        spy = self

        def refuse(*args: Any, **kwargs: Any) -> Any:
            spy.attempts.append(
                repr(args[1:] if args and isinstance(args[0], socket.socket) else args)
            )
            raise OSError("network access attempted by a test subject")

        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket.socket, "connect_ex", refuse)
        monkeypatch.setattr(socket, "create_connection", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)

    def url(self, path: str = "x") -> str:
        """A URL on the local server."""
        return f"http://127.0.0.1:{self.port}/{path}"

    def connections(self) -> int:
        """Connections the local server received (from C code that bypasses ``socket``)."""
        count = 0
        while True:
            try:
                connection, _ = self._server.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1

    def assert_untouched(self) -> None:
        assert self.attempts == [], f"connections attempted from Python: {self.attempts}"
        assert self.connections() == 0, "a connection reached the local server"

    def close(self) -> None:
        self._server.close()


# ----------------------------------------------------------------------------------------------
# A secret file


@cache
def atime_is_updated(folder: str) -> bool:
    """Whether reading a file in ``folder`` updates its access time (not on ``noatime``)."""
    probe = Path(folder) / ".atime-probe"
    probe.write_text("probe")
    try:
        stat = probe.stat()
        os.utime(probe, ns=(stat.st_mtime_ns - 10**10, stat.st_mtime_ns))
        before = probe.stat().st_atime_ns
        probe.read_text()
        return probe.stat().st_atime_ns != before
    finally:
        probe.unlink()


@attrs.frozen
class Secret:
    """A file that must not be read; see :meth:`assert_unread`."""

    path: Path
    content: str
    atime_ns: int
    can_tell: bool

    @classmethod
    def create(cls, folder: Path) -> Secret:
        path = folder / "secret.txt"
        content = "TOP-SECRET-7f3a9c-DO-NOT-LEAK"
        path.write_text(content)
        stat = path.stat()
        # an access time before the modification time: the next read updates it (relatime)
        os.utime(path, ns=(stat.st_mtime_ns - 10**10, stat.st_mtime_ns))
        return cls(path, content, path.stat().st_atime_ns, atime_is_updated(str(folder)))

    @property
    def uri(self) -> str:
        return self.path.as_uri()

    def assert_unread(self, *outputs: object) -> None:
        """The secret appears in none of ``outputs`` (results, messages) and was not read."""
        for output in outputs:
            assert self.content not in repr(output), "the secret leaked"
            assert self.content not in str(output), "the secret leaked"
        if self.can_tell:
            assert self.path.stat().st_atime_ns == self.atime_ns, "the secret file was read"


# ----------------------------------------------------------------------------------------------
# Bounds


@attrs.frozen
class Outcome:
    """What a bounded call did: its result or exception, and the peak of Python allocations."""

    result: Any
    error: BaseException | None
    peak_bytes: int


def bounded(
    call: Callable[[], Any], *, seconds: float = HANG_GUARD_SECONDS, memory: bool = True
) -> Outcome:
    """Run ``call`` with a hang guard and measure its peak Python memory (tracemalloc).

    ``memory=False`` skips the measure (tracemalloc slows Python code down several times);
    the peak is then 0.
    """
    box: dict[str, Any] = {"peak": 0}

    def run() -> None:
        if memory:
            tracemalloc.start()
        try:
            box["result"] = call()
        except BaseException as error:  # handed to the test
            box["error"] = error
        finally:
            if memory:
                box["peak"] = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"the call did not finish within {seconds:.0f} s: no bound on its time")
    return Outcome(box.get("result"), box.get("error"), box["peak"])


def call_count(call: Callable[[], Any]) -> int:
    """The number of Python and C function calls ``call`` makes (a deterministic measure of
    work, unlike time: twice the input should mean about twice the calls)."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        call()
    except Exception:  # the work done until the error counts the same
        pass
    finally:
        sys.setprofile(previous)
    return count


def raised(outcome: Outcome, kind: type[BaseException]) -> BaseException:
    """The exception of an outcome, checked to be a ``kind``."""
    assert outcome.error is not None, f"expected {kind.__name__}, got {outcome.result!r}"
    if not isinstance(outcome.error, kind):
        raise AssertionError(
            f"expected {kind.__name__}, got {type(outcome.error).__name__}: {outcome.error}"
        ) from outcome.error
    return outcome.error


def snapshot_tree(*folders: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folders`` with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                try:
                    stat = path.stat()
                except FileNotFoundError:  # removed meanwhile by someone else
                    continue
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


@contextmanager
def nothing_written(*folders: Path) -> Iterator[None]:
    """Check that no file under ``folders`` is created, changed or removed meanwhile."""
    before = snapshot_tree(*folders)
    yield
    assert snapshot_tree(*folders) == before, "a file was written"


# ----------------------------------------------------------------------------------------------
# DOCX packages


@cache
def demo_docx() -> bytes:
    """The demo negotiation's current text exported as a bracketed DOCX (a real file)."""
    from consensus_text.demo import build_poa_negotiation
    from consensus_text.io.docx import export_bracketed_docx

    buffer = io.BytesIO()
    export_bracketed_docx(build_poa_negotiation().state, buffer)
    return buffer.getvalue()


def docx_parts(data: bytes) -> dict[str, bytes]:
    """The entries of a ZIP file, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_of(
    entries: Mapping[str, bytes], *, method: int = zipfile.ZIP_DEFLATED, level: int | None = None
) -> bytes:
    """A ZIP file of ``entries`` (in the order given)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method, compresslevel=level) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def replace_part(name: str, data: bytes) -> bytes:
    """The demo DOCX with one part replaced (or added)."""
    return zip_of({**docx_parts(demo_docx()), name: data})


def document_xml(body: bytes, *, prolog: bytes = b"", encoding: str = "utf-8") -> bytes:
    """A ``word/document.xml`` with ``body`` inside ``w:body``, in ``encoding``."""
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>'.encode("ascii")
        + prolog
        + f'<w:document xmlns:w="{W_NS}"><w:body>'.encode("ascii")
        + body
        + b"</w:body></w:document>"
    )
    return text.decode("utf-8").encode(encoding)
