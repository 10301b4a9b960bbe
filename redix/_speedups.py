"""Compiled-or-twin selection, decided once per process.

Every hot module exists twice: a Cython build (``src_ext/_x_c.pyx``, imported
as ``redix.<pkg>._x_c``) and a pure-Python twin (``redix/<pkg>/_x_py.py``) with
the same public names.  ``load(package, stem)`` returns the compiled module
unless ``REDIX_NO_EXTENSIONS`` is set or the compiled module cannot be
imported, in which case it returns the twin.  ``INFO`` reports ``active()``.
"""
from __future__ import annotations

import importlib
import os
from types import ModuleType

NO_EXTENSIONS = os.environ.get("REDIX_NO_EXTENSIONS", "") not in ("", "0")

# stem -> "compiled" | "python", filled as modules are selected.
_chosen: dict[str, str] = {}


def load(package: str, stem: str) -> ModuleType:
    """Import ``package._<stem>_c`` or fall back to ``package._<stem>_py``."""
    if not NO_EXTENSIONS:
        try:
            mod = importlib.import_module(f"{package}._{stem}_c")
        except ImportError:
            pass
        else:
            _chosen[stem] = "compiled"
            return mod
    _chosen[stem] = "python"
    return importlib.import_module(f"{package}._{stem}_py")


def active() -> dict[str, str]:
    """Which implementation each loaded hot module uses, for INFO."""
    return dict(_chosen)


def mode() -> str:
    """One word for logs and INFO: compiled, python, or mixed."""
    kinds = set(_chosen.values())
    if not kinds:
        return "python" if NO_EXTENSIONS else "compiled"
    return kinds.pop() if len(kinds) == 1 else "mixed"
