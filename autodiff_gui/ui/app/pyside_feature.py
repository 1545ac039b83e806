"""A faster answer to PySide6's question "does this module use PySide6?".

PySide6 (6.11) asks it of every module imported after PySide6 itself, to give the
module its ``__feature__`` switches (``snake_case``, ``true_property``), and answers
it with ``inspect.getsource``.  For a module, ``inspect`` first walks the whole of
``sys.modules`` to find it again, so each import costs more the more modules are
loaded: 12–14 ms of the window's start-up went into it (bench/RESULTS.md).  Reading
the module's file gives the same answer ("PySide6" in its source) in microseconds;
modules without a source file keep PySide6's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"


def file_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide6's check, answered from the module's ``.py`` file where it has one."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Put the file check in place (once); False if this PySide6 has no such check."""
    import PySide6  # noqa: F401  (loading it sets up the feature hook)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original) or hasattr(original, "original"):
        return False
    feature._mod_uses_pyside = file_check(original)  # type: ignore[union-attr]
    return True
