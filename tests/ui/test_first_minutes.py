"""What a student meets in the first ten minutes (issue 15 items 2, 8, 9, 10, 11).

Each test drives the real MainWindow (offscreen) the way the report did: buttons
clicked with the mouse, blocks added through the window's own paths, and checks
what the window shows afterwards.
"""

from __future__ import annotations

import importlib.util
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from autodiff_gui.ui.window.main_window import MainWindow


@pytest.fixture
def win(qtbot):
    w = MainWindow(restore=False)
    w.ask_unsaved = lambda: "discard"
    w.errors = []
    w.report_error = lambda title, text: w.errors.append(text)
    w.persist_settings = False
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.run_panel.comparison.shutdown(30)
    w.close()
    w.deleteLater()


# -- item 2: the Compare panel's own button ---------------------------------------------

def test_compare_button_runs_pytorch_and_keeps_its_place(win, qtbot):
    rp = win.run_panel
    panel = rp.comparison
    rp.compare_dock.show()
    rp.compare_dock.raise_()
    qtbot.waitUntil(panel.check_button.isVisible)
    button = panel.check_button
    button.setFocus()  # a click gives a push button the focus
    with qtbot.waitSignal(panel.finished, timeout=120000) as blocker:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result is not None
    if importlib.util.find_spec("torch") is None:  # PyTorch missing: it was still asked for
        assert result.torch_state == "unavailable" and result.torch_reason
    else:
        assert result.torch_state == "done"
        column = [panel.input_model.item(r, 7).text() for r in range(panel.input_model.rowCount())]
        assert column and all(text != panel.tr("not run") for text in column)
        assert all(r.torch is not None for r in result.rows)
    QApplication.processEvents()
    # The panel did not scroll itself away from its button and headers.
    area = panel.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        assert area.verticalScrollBar().value() == 0
    assert button.isEnabled() and button.visibleRegion().boundingRect().height() > 0


def test_pytorch_phase_is_a_busy_bar_not_a_stuck_percentage(win, qtbot, monkeypatch):
    from autodiff_gui.check import torch_ref

    panel = win.run_panel.comparison
    release = threading.Event()
    original = torch_ref.compare

    def slow_compare(*args, **kwargs):
        release.wait(60)  # stands for the first `import torch`
        return original(*args, **kwargs)

    monkeypatch.setattr(torch_ref, "compare", slow_compare)
    with qtbot.waitSignal(panel.finished, timeout=120000):
        assert panel.start()
        qtbot.waitUntil(lambda: panel.result is not None
                        and panel.result.torch_state == "pending")
        qtbot.waitUntil(lambda: panel.progress.maximum() == 0)  # indeterminate
        assert "PyTorch" in panel.progress.format() and "%" not in panel.progress.format()
        assert "PyTorch" in panel.status.text()
        release.set()
    assert panel.progress.maximum() == 1 and panel.progress.value() == 1
