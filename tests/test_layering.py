"""The architecture's rule, enforced: the domain model loads no backend library."""

from __future__ import annotations

import json
import subprocess
import sys

BACKENDS = ("lxml", "docx", "networkx", "diff_match_patch", "cattrs", "click", "sqlite3")


def _modules_after(statement: str) -> set[str]:
    """Every module a fresh interpreter has loaded after ``statement``."""
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out))


def _loaded_after(statement: str) -> set[str]:
    """The top-level packages loaded after ``statement``."""
    return {name.split(".")[0] for name in _modules_after(statement)}


def test_model_imports_no_backend() -> None:
    loaded = _loaded_after(
        "import consensus_text.model.paragraphs, consensus_text.model.snapshot, "
        "consensus_text.model.participants, consensus_text.model.brackets"
    )
    assert loaded.isdisjoint(BACKENDS), loaded & set(BACKENDS)


def test_package_import_is_light() -> None:
    loaded = _loaded_after("import consensus_text")
    assert loaded.isdisjoint(("lxml", "docx", "networkx", "pandas", "matplotlib"))


def test_names_load_only_their_own_module() -> None:
    """A bracketed export loads neither the redline's diff engine nor the participants' data."""
    loaded = _modules_after("from consensus_text.io.docx import export_bracketed_docx")
    assert "consensus_text.io.docx._writer" in loaded
    unwanted = {
        "diff_match_patch",
        "consensus_text.align",
        "consensus_text.diff",
        "consensus_text.io.docx._redline",
        "consensus_text.io.docx._table",
        "difflib",
        "importlib.resources",
    }
    assert loaded.isdisjoint(unwanted), loaded & unwanted
    model = _modules_after("from consensus_text.model import Label")
    assert "consensus_text.model.labels" in model
    assert "consensus_text.model.snapshot" not in model


def test_notebook_views_of_lower_layers_load_no_upper_layer() -> None:
    """A draft's and a report's ``_repr_html_`` are rendered in their own layers."""
    loaded = _modules_after(
        "from consensus_text.model import Draft, Paragraph, ParagraphKind\n"
        "draft = Draft(paragraphs=(Paragraph('p1', ParagraphKind.OPERATIVE, '[x];'),))\n"
        "draft._repr_html_(); draft.paragraphs[0]._repr_html_()"
    )
    assert not {
        m for m in loaded if m.startswith(("consensus_text.analysis", "consensus_text.consensus"))
    }
    loaded = _modules_after(
        "import consensus_text as ct\n"
        "neg = ct.Negotiation.create('T', at=ct.utc_now())\n"
        "neg.propose('[x];', by='Chair')\n"
        "ct.compute_report(neg.state, 'oewg')._repr_html_()"
    )
    assert not {m for m in loaded if m.startswith("consensus_text.analysis")}
