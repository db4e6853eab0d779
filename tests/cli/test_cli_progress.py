"""A long log shows a progress bar on a terminal while the CLI replays it."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from consensus_text.cli import _common
from consensus_text.history import open_store


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "n.db"
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with open_store(path) as store:
        neg = store.create("n", title="T", at=at)
        for i in range(30):
            neg.propose(f"Decides {i};", by="Chair", at=at)
    return path


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _store(tmp_path)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(_common, "PROGRESS_THRESHOLD", 10)
    with _common.opened_negotiation(path, None) as negotiation:
        assert negotiation.event_count == 31
    assert "replaying 31 events" in terminal.getvalue()


def test_no_progress_bar_when_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _store(tmp_path)
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    monkeypatch.setattr(_common, "PROGRESS_THRESHOLD", 10)
    with _common.opened_negotiation(path, None) as negotiation:
        assert negotiation.event_count == 31
    assert pipe.getvalue() == ""
