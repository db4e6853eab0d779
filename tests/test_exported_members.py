"""The public names: every ``__all__`` is sorted, complete and importable."""

from __future__ import annotations

import importlib
import inspect

import pytest

import consensus_text

PACKAGES = [
    "consensus_text",
    "consensus_text.model",
    "consensus_text.history",
    "consensus_text.consensus",
    "consensus_text.graph",
    "consensus_text.analysis",
    "consensus_text.io.docx",
    "consensus_text.demo",
    "consensus_text.errors",
]


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's order: CONSTANTS, then Classes, then functions."""
    if name.isupper():
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_importable(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported in (sorted(exported), sorted(exported, key=_isort_key))
    if hasattr(module, "_HOMES"):  # names loaded on first use: every one is listed
        assert set(exported) - {"__version__"} == set(module._HOMES)
    for member in exported:
        assert hasattr(module, member), f"{name}.{member} is in __all__ but missing"


@pytest.mark.parametrize(
    "name", ["consensus_text.model", "consensus_text.history", "consensus_text.consensus"]
)
def test_public_classes_and_functions_are_exported(name: str) -> None:
    """Every public class or function defined in the package's modules is in its __all__."""
    package = importlib.import_module(name)
    missing = []
    for attribute, value in vars(package).items():
        if attribute.startswith("_") or inspect.ismodule(value):
            continue
        if (
            (inspect.isclass(value) or inspect.isfunction(value))
            and getattr(value, "__module__", "").startswith(name)
            and attribute not in package.__all__
        ):
            missing.append(attribute)
    assert not missing, f"{name} defines public names missing from __all__: {missing}"


def test_every_error_is_exported() -> None:
    from consensus_text import errors

    defined = {
        n
        for n, v in vars(errors).items()
        if inspect.isclass(v) and issubclass(v, Exception) and v.__module__ == errors.__name__
    }
    assert defined == set(errors.__all__)
    for name in defined:
        assert issubclass(getattr(errors, name), errors.ConsensusTextError)


def test_version() -> None:
    assert consensus_text.__version__.startswith("0.")
