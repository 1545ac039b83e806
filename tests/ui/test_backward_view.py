"""Run ▸ Show Backward Graph / Differentiate Again / Back to the Original Graph."""

from __future__ import annotations

import pytest

from autodiff_gui.core import expr
from autodiff_gui.ui.editing.commands import SetValue, try_push
from autodiff_gui.ui.run.backward_view import BackwardView
from autodiff_gui.ui.window.main_window import MainWindow


@pytest.fixture
def win(qtbot):
    doc = expr.parse("x*x*y", {"x": 1.5, "y": 2.0})
    w = MainWindow(doc, restore=False)
    w.ask_unsaved = lambda: "discard"
    w.persist_settings = False
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.run_panel.comparison.shutdown(30)
    w.close()


def _value(w) -> float:
    return w.session.program().evaluate()


def test_show_differentiate_again_and_back(win) -> None:
    part = win.parts.get(BackwardView)
    doc = win.session.document
    x = doc.find_input("x")
    try_push(win.undo_stack, lambda: SetValue(doc, x, 3.0))  # an edit of the original, undoable
    before = doc.snapshot()
    undo_count = win.undo_stack.count()
    names = [a.objectName() for a in win.run_panel.menu.actions()]
    assert {"actionShowBackward", "actionDifferentiateAgain", "actionBackToOriginal"} <= set(names)
    assert not part.actionBackToOriginal.isEnabled()

    part.actionShowBackward.trigger()
    assert part.level == 1 and doc.find_input("upstream") is not None
    assert _value(win) == pytest.approx(2 * 3.0 * 2.0)  # ∂(x·x·y)/∂x
    assert not win.undo_stack.canUndo()  # the original's commands are out of reach
    part.actionDifferentiateAgain.trigger()
    assert part.level == 2 and _value(win) == pytest.approx(2 * 2.0)  # ∂²/∂x²

    part.actionBackToOriginal.trigger()
    assert part.level == 0 and doc.same_as(_doc_of(before))
    assert win.undo_stack.count() == undo_count and win.undo_stack.canUndo()
    win.undo_stack.undo()  # the original's own edit is still there
    assert doc.value(x) == 1.5


def test_edits_of_the_backward_graph_do_not_reach_the_original(win) -> None:
    part = win.parts.get(BackwardView)
    doc = win.session.document
    before = doc.snapshot()
    part.show_backward()
    up = doc.find_input("upstream")
    try_push(win.undo_stack, lambda: SetValue(doc, up, 5.0))
    assert _value(win) == pytest.approx(5 * 2 * 1.5 * 2.0)
    part.back_to_original()
    assert doc.same_as(_doc_of(before)) and not win.undo_stack.canRedo()


def _doc_of(snapshot):
    from autodiff_gui.core.graph import Document

    d = Document()
    d.restore(snapshot)
    return d


def test_three_ways_tab(win) -> None:
    from autodiff_gui.ui.checks.three_ways import ThreeWays

    part = win.parts.get(ThreeWays)
    part.compute()
    assert [r["name"] for r in part.rows] == ["x", "y"]
    for r in part.rows:
        assert r["err_sym"] < 1e-12 and r["err_cd"] < 1e-6
    text = part.text.toPlainText()
    assert "x * x" in text or "x*x" in text.replace(" ", "")
    assert "backward graph" in text
    lines = part.figure.axes[0].get_lines()
    assert len(lines) == 4 and list(lines[1].get_ydata())[-1] > list(lines[2].get_ydata())[-1]


def test_kinks_are_said(win) -> None:
    part = win.parts.get(BackwardView)
    doc = win.session.document
    doc.replace_with(expr.parse("relu(x) * y", {"x": 0.0, "y": 2.0}))
    part.show_backward()
    assert "kink" in win.statusBar().currentMessage()
    assert _value(win) == 0.0  # relu'(0) = 0, as in PyTorch
    labels = [doc.node(n)["label"] for n in doc.nodes()]
    assert any(label.startswith("[x > 0]") for label in labels)
    part.back_to_original()
