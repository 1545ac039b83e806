"""The faster "does this module use PySide6?" check gives PySide6's own answers."""

from __future__ import annotations

import sys
import types

import pytest

import autodiff_gui.ui  # noqa: F401  (installs the check, as the window's start does)
from autodiff_gui.ui.app import pyside_feature


@pytest.fixture
def feature():
    module = sys.modules.get(pyside_feature.FEATURE_MODULE)
    if module is None or not hasattr(module, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no feature check")
    return module


def test_the_window_package_puts_the_file_check_in_place(feature):
    check = feature._mod_uses_pyside
    assert hasattr(check, "original")  # ours, wrapping PySide6's
    assert not pyside_feature.install()  # once: installing again changes nothing
    assert feature._mod_uses_pyside is check


def test_the_file_check_answers_as_pyside6_does(feature):
    check = feature._mod_uses_pyside
    original = check.original
    names = ["autodiff_gui.ui.app.startup", "autodiff_gui.ui.window.main_window",
             "autodiff_gui.core.graph", "autodiff_gui.cli", "json", "numpy", "sys",
             "PySide6.QtCore", "shiboken6"]
    for name in names:
        __import__(name)
        module = sys.modules[name]
        assert check(module) == original(module), name
    assert check(sys.modules["autodiff_gui.ui.app.startup"]) is True
    assert check(sys.modules["autodiff_gui.core.graph"]) is False
    # No file, or a file that went away: PySide6's own answer.
    assert check(types.ModuleType("made_in_memory")) is False
    gone = types.ModuleType("gone")
    gone.__file__ = "/nonexistent/gone.py"
    assert check(gone) == original(gone)
