"""The public names of consensus_text.analysis: complete, sorted, and light to import."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import consensus_text.analysis as analysis
from consensus_text.analysis import frames, html, metrics, plots
from consensus_text.graph import coalitions

MODULES = (coalitions, frames, html, metrics, plots)


def test_all_is_sorted_and_unique() -> None:
    names = analysis.__all__
    assert len(set(names)) == len(names)
    constants = [n for n in names if n.isupper()]
    classes = [n for n in names if n[0].isupper() and not n.isupper()]
    functions = [n for n in names if n[0].islower()]
    assert names == sorted(constants) + sorted(classes) + sorted(functions)


def test_every_public_name_of_the_modules_is_exported() -> None:
    exported = set(analysis.__all__)
    for module in MODULES:
        assert set(module.__all__) <= exported, module.__name__
    for name in analysis.__all__:
        value = getattr(analysis, name)
        assert not isinstance(value, types.ModuleType)
        home = getattr(value, "__module__", None)
        if home is not None and home.startswith("consensus_text.analysis."):
            assert name in sys.modules[home].__all__, (name, home)


def test_importing_analysis_loads_no_optional_library() -> None:
    code = (
        "import json, sys\n"
        "import consensus_text.analysis\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    assert loaded.isdisjoint({"pandas", "matplotlib", "networkx", "numpy"}), loaded


def test_the_model_does_not_import_the_analysis() -> None:
    code = (
        "import json, sys\n"
        "import consensus_text.model, consensus_text.consensus, consensus_text.history\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('consensus_text'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert not any(m.startswith("consensus_text.analysis") for m in json.loads(out))
