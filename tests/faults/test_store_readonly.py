"""A read-only store: a clear StoreError, nothing lost, and the store opens afterwards.

File permissions do not stop root, and the tests may run as root; so the writer is a forked child
that drops to the unprivileged user ``nobody`` (uid 65534) before touching the store (a fork, not
a new interpreter: ``nobody`` may not be allowed to read the interpreter's files). Without root
the test process itself is unprivileged, and the child simply keeps its user.

The store lives in a directory of its own made for the test (the pytest temporary directory is
closed to other users) and removed afterwards.
"""

from __future__ import annotations

import importlib.readers  # noqa: F401  (imported before the fork: `nobody` may not read it later)
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from consensus_text.errors import StoreError
from consensus_text.history import open_store
from consensus_text.model.participants import Registry

sys.path.insert(0, str(Path(__file__).parent))
from faults_testkit import make_store, reopen_and_check

NOBODY = 65534

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def _try_to_write(path: Path) -> dict[str, Any]:
    """Open the store, read it, append one event; what happened, as a dict."""
    out: dict[str, Any] = {}
    try:
        with open_store(path, timeout=1) as store:
            out["count"] = store.count("neg")
            neg = store.open("neg")
            out["loaded"] = neg.event_count
            neg.state_position("FRA", neg.active_ids()[0], "objection")
            out["wrote"] = True
    except BaseException as error:  # report everything: the parent asserts
        out["error"] = type(error).__name__
        out["store_error"] = isinstance(error, StoreError)
        out["message"] = str(error)
    return out


def _as_unprivileged(path: Path) -> dict[str, Any]:
    """Run :func:`_try_to_write` in a forked child that is not root."""
    Registry.default()  # load the package data before the fork
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read_end)
            if os.getuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            os.write(write_end, json.dumps(_try_to_write(path)).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the child failed"
    result: dict[str, Any] = json.loads(b"".join(chunks))
    return result


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory of its own that other users can enter; removed (writable again) at the end."""
    folder = Path(tempfile.mkdtemp(prefix="consensus-text-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for item in (folder, *folder.iterdir()):
            item.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def _read_only_store(folder: Path, *, dir_mode: int) -> tuple[Path, int]:
    path = folder / "store.db"
    initial = make_store(path)
    path.chmod(0o444)
    folder.chmod(dir_mode)
    return path, initial


def test_read_only_file_in_a_writable_directory(shared_dir: Path) -> None:
    path, initial = _read_only_store(shared_dir, dir_mode=0o777)
    result = _as_unprivileged(path)
    assert result.get("loaded") == initial, result  # reading works
    assert "wrote" not in result
    assert result["store_error"], result
    assert f"cannot write to store {str(path)!r}" in result["message"]
    assert "readonly" in result["message"] or "read-only" in result["message"]
    shared_dir.chmod(0o755)
    path.chmod(0o644)
    with open_store(path) as store:
        assert store.count("neg") == initial  # nothing lost, nothing half-written
    assert reopen_and_check(path).event_count == initial + 1


def test_read_only_file_in_a_read_only_directory(shared_dir: Path) -> None:
    path, initial = _read_only_store(shared_dir, dir_mode=0o555)
    before = sorted(p.name for p in shared_dir.iterdir())
    result = _as_unprivileged(path)
    assert "wrote" not in result
    assert result["store_error"], result
    assert str(path) in result["message"]
    assert "readonly" in result["message"] or "read-only" in result["message"]
    assert sorted(p.name for p in shared_dir.iterdir()) == before  # nothing created
    shared_dir.chmod(0o755)
    path.chmod(0o644)
    with open_store(path) as store:
        assert store.count("neg") == initial
    assert reopen_and_check(path).event_count == initial + 1


def test_read_only_store_error_does_not_blame_a_lock(shared_dir: Path) -> None:
    path, _ = _read_only_store(shared_dir, dir_mode=0o555)
    result = _as_unprivileged(path)
    assert result["store_error"], result
    assert "lock" not in result["message"], result["message"]
    assert "check the permissions" in result["message"], result["message"]
    assert f"the directory {str(shared_dir)!r} is not writable" in result["message"]


def test_read_only_file_error_says_to_check_the_permissions(shared_dir: Path) -> None:
    path, _ = _read_only_store(shared_dir, dir_mode=0o777)
    result = _as_unprivileged(path)
    assert result["store_error"], result
    assert "lock" not in result["message"], result["message"]
    assert "the file is read-only for this user" in result["message"], result["message"]
