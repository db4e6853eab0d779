"""The architecture's rule, enforced: the domain model loads no backend library."""

from __future__ import annotations

import json
import subprocess
import sys

BACKENDS = ("lxml", "docx", "networkx", "diff_match_patch", "cattrs", "click", "sqlite3")


def _loaded_after(statement: str) -> set[str]:
    code = (
        "import json, sys\n"
        f"{statement}\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def test_model_imports_no_backend() -> None:
    loaded = _loaded_after(
        "import consensus_text.model.paragraphs, consensus_text.model.snapshot, "
        "consensus_text.model.participants, consensus_text.model.brackets"
    )
    assert loaded.isdisjoint(BACKENDS), loaded & set(BACKENDS)


def test_package_import_is_light() -> None:
    loaded = _loaded_after("import consensus_text")
    assert loaded.isdisjoint(("lxml", "docx", "networkx", "pandas", "matplotlib"))
