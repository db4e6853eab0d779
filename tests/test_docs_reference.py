"""The generated reference pages (docs/cli.md, docs/api.md) are up to date with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("page", "builder"), [("cli.md", "cli_page"), ("api.md", "api_page")])
def test_reference_page_is_current(page: str, builder: str) -> None:
    expected = getattr(_generator(), builder)() + "\n"
    actual = (DOCS / page).read_text(encoding="utf-8")
    assert actual == expected, f"docs/{page} is out of date: run python docs/generate.py"


def test_json_format_documents_every_event_type() -> None:
    from consensus_text.history import EVENT_TYPES
    from consensus_text.io import json as json_format

    doc = json_format.__doc__ or ""
    missing = [t for t in EVENT_TYPES if f"``{t}``" not in doc]
    assert not missing, f"consensus_text.io.json's docstring does not list {missing}"
