"""The history commands: init, history, export-json, import-json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

import consensus_text.cli.history  # noqa: F401  (registers the commands on main)
from consensus_text.cli import main
from consensus_text.history import open_store

sys.path.insert(0, str(Path(__file__).parent))
from history_fixtures import build_fixture


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_init_then_history(tmp_path: Path) -> None:
    store = str(tmp_path / "poa.db")
    code, out = _run("init", store, "--title", "Programme of Action", "--symbol", "A/AC.292/L.1")
    assert code == 0 and "created negotiation 'default'" in out
    with open_store(store) as opened:
        neg = opened.open()
        neg.propose("Decides to [act];", by="Chair", meeting="informals 1")
    code, out = _run("history", store)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("#1 ") and "NegotiationCreated 'Programme of Action'" in lines[0]
    assert "[-] (informals 1) ParagraphProposed p1 by Chair" in lines[1]
    code, out = _run("history", store, "--json")
    events = json.loads(out)
    assert [e["type"] for e in events] == ["negotiation_created", "paragraph_proposed"]
    assert events[0]["symbol"] == "A/AC.292/L.1"


def test_export_and_import(tmp_path: Path) -> None:
    fx = build_fixture()
    source = tmp_path / "source.db"
    with open_store(source) as store:
        store.import_events("poa", fx.neg.events)
    out_file = tmp_path / "poa.json"
    code, out = _run("export-json", str(source), "--out", str(out_file))
    assert code == 0 and f"wrote {fx.neg.event_count} events" in out
    target = tmp_path / "target.db"
    code, out = _run("import-json", str(out_file), "--store", str(target))
    assert code == 0 and "as 'poa'" in out
    code, out = _run("import-json", str(out_file), "--store", str(target), "--name", "copy")
    assert code == 0
    with open_store(target) as store:
        assert store.names() == ("copy", "poa")
        assert store.open("copy").events == fx.neg.events


def test_errors_are_one_line_messages(tmp_path: Path) -> None:
    store = str(tmp_path / "s.db")
    _run("init", store, "--title", "T")
    code, out = _run("init", store, "--title", "T")
    assert code == 1 and "Error: the store" in out and "already holds" in out
    code, out = _run("history", store, "--name", "nope")
    assert code == 1 and "no negotiation named 'nope'" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "consensus_text.negotiation", "schema_version": 9, "events": []}')
    code, out = _run("import-json", str(bad), "--store", store)
    assert code == 1 and "schema version 9" in out
    code, out = _run("history", str(tmp_path / "missing.db"))
    assert code == 2 and "does not exist" in out
