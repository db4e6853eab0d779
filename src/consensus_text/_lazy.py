"""Names of a package loaded on first use (PEP 562), so that importing a package stays cheap.

A package lists where each public name lives and hands the two functions this module makes to
the module's ``__getattr__`` and ``__dir__``; the names are imported for type checkers under
``TYPE_CHECKING`` as usual. Loading one name loads its own module only: a script that writes a
bracketed DOCX does not load the redline's diff engine, nor the participants' data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, homes: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose names live in ``homes``.

    Args:
        package: the package's name, for error messages.
        homes: each lazily loaded name and the module that defines it.
        namespace: the package's ``globals()``; a name is stored there once loaded.
    """

    def load(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted(set(namespace) | set(homes))

    return load, names
