"""Fixtures of the security tests (the helpers are in security_testkit.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from security_testkit import NetworkSpy, Secret


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkSpy]:
    """Every connection attempt refused and recorded; a local server for hostile URLs."""
    spy = NetworkSpy(monkeypatch)
    try:
        yield spy
    finally:
        spy.close()


@pytest.fixture
def secret(tmp_path: Path) -> Secret:
    """A local file that hostile documents try to read."""
    return Secret.create(tmp_path)
