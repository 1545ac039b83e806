"""What a student meets in the first ten minutes (issue 15 items 2, 8, 9, 10, 11).

Each test drives the real MainWindow (offscreen) the way the report did: buttons
clicked with the mouse, blocks added through the window's own paths, and checks
what the window shows afterwards.
"""

from __future__ import annotations

import importlib.util
import threading

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from autodiff_gui.core.expr import parse
from autodiff_gui.ui.editing.commands import Connect, try_push
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


# -- item 9: a new block does not take the output --------------------------------------

def implicit_output_window(qtbot) -> MainWindow:
    """The seed with no output chosen (as an example file or a hand-built graph has)."""
    doc = parse("(x**2 + 2*x) * log(y)", values={"x": 1.0, "y": 2.0})
    doc.set_output(None)
    w = MainWindow(doc, restore=False)
    w.ask_unsaved = lambda: "discard"
    w.report_error = lambda title, text: None
    w.persist_settings = False
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_new_block_leaves_the_output_where_it_was(qtbot):
    w = implicit_output_window(qtbot)
    doc, c = w.document, w.run_panel.controller
    before = doc.copy()
    out = doc.output
    assert doc.explicit_output is None and doc.kind(out) == "op"
    sin = w.place_block("op:sin")  # the palette's double-click and Tab take this path
    assert sin is not None and doc.output == out
    assert w.scene.add_block("op", QPointF(0, 400), "exp") is not None
    assert doc.output == out and not doc.problems()
    QApplication.processEvents()
    assert c.program is not None and w.run_panel.actionNextStep.isEnabled()
    assert c.next() and c.position == 1
    # Undo gives back the very document, "no output chosen" included (file meaning).
    while w.undo_stack.canUndo():
        w.undo_stack.undo()
    assert doc.same_as(before) and doc.explicit_output is None
    w.undo_stack.redo()
    assert doc.output == out


def test_the_output_follows_into_a_block_once_it_is_complete(qtbot):
    w = implicit_output_window(qtbot)
    doc = w.document
    out = doc.output
    y = doc.find_input("y")
    mul = w.place_block("op:mul")
    assert try_push(w.undo_stack, lambda: Connect(doc, out, mul, 0)) is None
    assert doc.output == out  # mul still misses an argument: the working graph stays
    assert try_push(w.undo_stack, lambda: Connect(doc, y, mul, 1)) is None
    assert doc.output == mul and not doc.problems()
    w.undo_stack.undo()
    assert doc.output == out and doc.source(mul, 1) is None
