"""Run ▸ Show Backward Graph / Differentiate Again / Back to the Original Graph."""

from __future__ import annotations

import json

import pytest

from autodiff_gui.core import expr
from autodiff_gui.core.graph import Document
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


def _doc_of(snapshot) -> Document:
    d = Document()
    d.restore(snapshot)
    return d


def _history(win) -> list[float]:
    """x's value after each undo step from the start (the original's history)."""
    stack, doc = win.undo_stack, win.session.document
    values = []
    for k in range(stack.count() + 1):
        stack.setIndex(k)
        values.append(doc.value(doc.find_input("x")))
    return values


def test_show_differentiate_again_and_back_keep_undo_and_redo(win) -> None:
    part = win.parts.get(BackwardView)
    stack, doc = win.undo_stack, win.session.document
    x = doc.find_input("x")
    for v in (3.0, 4.0, 5.0):  # three edits of the original, the last two undone
        try_push(stack, lambda v=v: SetValue(doc, x, v))
    stack.setClean()  # saved at x = 5
    stack.undo()
    stack.undo()
    before = doc.snapshot()
    texts = [stack.text(k) for k in range(stack.count())]
    names = [a.objectName() for a in win.run_panel.menu.actions()]
    assert {"actionShowBackward", "actionDifferentiateAgain", "actionBackToOriginal"} <= set(names)
    assert part.actionBackToOriginal.shortcut().toString() == "Ctrl+Shift+B"
    assert not part.actionBackToOriginal.isEnabled() and not part.bar.isVisible()

    part.actionShowBackward.trigger()
    assert part.level == 1 and doc.find_input("upstream") is not None
    assert _value(win) == pytest.approx(2 * 3.0 * 2.0)  # ∂(x·x·y)/∂x
    assert part.bar.isVisible() and part.tabs.count() == 2 and part.tabs.currentIndex() == 1
    assert part.tabs.tabText(1) == "Backward graph: ∂f/∂x"
    # An edit of the backward graph, undoable on its own.
    up = doc.find_input("upstream")
    try_push(stack, lambda: SetValue(doc, up, 5.0))
    assert _value(win) == pytest.approx(5 * 2 * 3.0 * 2.0)
    stack.undo()
    assert _value(win) == pytest.approx(2 * 3.0 * 2.0) and part.level == 1
    try_push(stack, lambda: SetValue(doc, up, 5.0))
    part.actionDifferentiateAgain.trigger()
    assert part.level == 2 and _value(win) == pytest.approx(5 * 2 * 2.0)  # ∂²/∂x² (upstream 5)
    assert part.tabs.count() == 3 and part.tabs.tabText(2) == "Differentiated again: ∂²f/∂x²"

    part.actionBackToOriginal.trigger()
    assert part.level == 0 and doc.same_as(_doc_of(before)) and not part.bar.isVisible()
    # The original's history as it was: the same texts, undo and redo, the saved state.
    assert [stack.text(k) for k in range(stack.count())] == texts
    assert stack.canRedo() and stack.canUndo() and not stack.isClean()
    stack.redo()
    assert doc.value(x) == 4.0
    stack.redo()
    assert doc.value(x) == 5.0 and stack.isClean()
    assert _history(win) == [1.5, 3.0, 4.0, 5.0]


def test_step_the_backward_graph_with_the_same_controls(win, qtbot) -> None:
    part = win.parts.get(BackwardView)
    rp = win.run_panel
    part.show_backward()
    doc = win.session.document
    assert rp.controller.document is doc and rp.actionNextStep.isEnabled()
    rp.actionNextStep.trigger()
    assert rp.controller.position == 1
    current = [n for n in doc.nodes() if win.scene.node_item(n).state() == "current"]
    assert len(current) == 1
    rp.actionRunToEnd.trigger()
    qtbot.waitUntil(lambda: rp.controller.done)
    out = doc.output
    assert win.scene.node_item(out).annotation()[0] is not None  # its value is shown
    # Differentiate Again on the graph shown; stepping starts over on the new one.
    part.differentiate_again()
    assert rp.controller.position == 0 and rp.actionNextStep.isEnabled()
    rp.actionNextStep.trigger()
    assert rp.controller.position == 1
    part.back_to_original()
    assert rp.controller.position == 0 and doc.find_input("upstream") is None


def test_a_tab_goes_back_in_one_action(win) -> None:
    part = win.parts.get(BackwardView)
    stack, doc = win.undo_stack, win.session.document
    before = doc.snapshot()
    part.show_backward()
    part.differentiate_again()
    part.tabs.tabBarClicked.emit(1)  # the first backward graph again
    assert part.level == 1 and part.tabs.currentIndex() == 1 and part.tabs.count() == 3
    part.tabs.tabBarClicked.emit(0)
    assert part.level == 0 and doc.same_as(_doc_of(before))
    assert not stack.canRedo() and not stack.canUndo()


def test_undo_past_the_backward_graph_and_redo(win) -> None:
    part = win.parts.get(BackwardView)
    doc = win.session.document
    before = doc.snapshot()
    part.show_backward()
    win.actionUndo.trigger()  # Ctrl+Z: the function again, never its commands on the graph
    assert part.level == 0 and doc.same_as(_doc_of(before))
    win.actionRedo.trigger()
    assert part.level == 1 and doc.find_input("upstream") is not None
    assert part.back_to_original() and part.level == 0


def test_files_and_typing_see_the_original(win, tmp_path) -> None:
    part = win.parts.get(BackwardView)
    part.show_backward()
    path = tmp_path / "f.adgraph.json"
    assert win.save_to(path) is None  # saves the function, not the graph shown
    assert part.level == 0
    assert "upstream" not in json.dumps(json.loads(path.read_text()))
    part.show_backward()
    assert win.apply_expression("sin(x)") is None  # typing: the function first, then the edit
    assert part.level == 0 and win.undo_stack.count() == 1
    win.undo_stack.undo()
    assert win.expression_text().replace(" ", "") == "x*x*y"
    part.show_backward()
    assert win.new_document() and part.level == 0 and not part.bar.isVisible()
    assert not part.actionBackToOriginal.isEnabled()


def test_node_counts_are_shown(win) -> None:
    from autodiff_gui.core.backward_graph import backward_graph

    part = win.parts.get(BackwardView)
    f = win.session.document.copy()
    part.show_backward()
    text = part.sizes.toolTip()
    c = part._trip.counts
    # Whole graphs, as the status bar counts them (every gradient, not only ∂f/∂x's).
    assert c["function"] == len(f) == 4 and c["backward"] == len(backward_graph(f))
    assert c["second"] == len(backward_graph(backward_graph(f))) > c["backward"]
    assert text == (f"Nodes: function {c['function']} · backward graph {c['backward']} · "
                    f"second order {c['second']}")
    part.differentiate_again()
    assert c["level2"] == c["second"]  # the second-order graph is the one shown now


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
    import matplotlib

    from autodiff_gui.ui.app.fonts import HANGUL_FAMILY

    assert HANGUL_FAMILY in matplotlib.rcParams["font.family"]  # Korean labels draw


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


def test_labels_are_on_the_blocks_in_both_languages(win) -> None:
    from autodiff_gui.ui.app import language

    part = win.parts.get(BackwardView)
    part.show_backward()
    doc = win.session.document
    by_label = {doc.node(n)["label"]: n for n in doc.nodes()}
    path = by_label["∂f/∂x (path 1)"]  # x is used twice: its two paths, then their sum
    assert win.scene.node_item(path)._texts["title"] == "∂f/∂x (path 1)"
    assert win.scene.node_item(doc.output)._texts["title"] == "∂f/∂x"
    zero_free = [n for n in doc.nodes() if doc.kind(n) == "op"]
    assert all(win.scene.node_item(n)._texts["title"] == doc.node(n)["label"]
               for n in zero_free)
    language.switch(win, "ko", remember=False)
    try:
        assert win.scene.node_item(path)._texts["title"] == "∂f/∂x (경로 1)"
        assert part.tabs.tabText(0) == "함수 f"
        assert part.sizes.toolTip().startswith("노드 수: 함수 4")
    finally:
        language.switch(win, "en", remember=False)
    assert win.scene.node_item(path)._texts["title"] == "∂f/∂x (path 1)"
    # An ordinary graph's blocks have no label: their titles are the op symbols.
    part.back_to_original()
    assert {win.scene.node_item(n)._texts["title"] for n in doc.nodes()
            if doc.kind(n) == "op"} == {"×"}


def test_three_ways_says_why_not_for_arrays(win) -> None:
    import numpy as np

    from autodiff_gui.ui.checks.three_ways import ThreeWays

    part = win.parts.get(ThreeWays)
    w = np.array([0.5, 1.0, 2.0])
    win.session.document.replace_with(expr.parse("sum(sin(w) * w)", {"w": w}))
    text = part.compute()
    assert "index notation" in text and not part.rows
    assert [r[0] for r in part.array_rows] == ["w[0]", "w[1]", "w[2]"]
    want = np.cos(w) * w + np.sin(w)
    for (_name, central, reverse), expected in zip(part.array_rows, want):
        assert reverse == pytest.approx(expected, rel=1e-12)
        assert central == pytest.approx(expected, rel=1e-7)
    assert "Sizes (operations): expression 3; backward graph" in part.text.toPlainText()


def test_presentation_mode_shows_the_trip_whole(win, qtbot) -> None:
    from autodiff_gui.ui.canvas import theme as canvas_theme
    from autodiff_gui.ui.checks.three_ways import ThreeWays
    from tests.ui.waiting import wait_presented

    part = win.parts.get(BackwardView)
    three = win.parts.get(ThreeWays)
    part.show_backward()
    three.compute()
    small = three.figure.axes[0].xaxis.label.get_fontsize()
    normal_font = part.tabs.font().pointSizeF()
    win.presentation.enter()
    try:
        wait_presented(qtbot, win)
        win.resize(1024, 700)  # a small projector
        wait_presented(qtbot, win)
        assert part.bar.isVisible() and part.tabs.font().pointSizeF() > normal_font
        metrics = part.tabs.fontMetrics()
        for k in range(part.tabs.count()):  # every tab whole, no scroll arrows
            assert part.tabs.tabRect(k).width() >= metrics.horizontalAdvance(part.tabs.tabText(k))
        assert part.tabs.geometry().right() <= part.bar.width()
        shown = part.sizes.text()  # the long counts, or the short ones, never cut
        assert shown in (part.sizes_text(), part.sizes_text(short=True))
        assert part.sizes.fontMetrics().horizontalAdvance(shown) <= part.sizes.width()
        # The Three Ways plot speaks as large as the panel.
        qtbot.waitUntil(lambda: three.figure.axes[0].xaxis.label.get_fontsize() > small)
        assert three.canvas.x() > three.text.x()  # side by side: the table keeps its height
        part.tabs.tabBarClicked.emit(0)  # back to the function, in presentation mode
        assert part.level == 0 and not part.bar.isVisible()
    finally:
        win.presentation.leave()
        canvas_theme.set_font_scale(1.0)


def test_a_trip_in_presentation_mode_leaves_the_blocks_where_they_were(win, qtbot) -> None:
    """The spread is a view: the trip keeps unspread graphs, so coming back spreads the
    function once, and leaving presentation mode puts every block back."""
    from autodiff_gui.ui.canvas import theme as canvas_theme
    from tests.ui.waiting import wait_presented

    doc = win.session.document
    before = {n: doc.node(n).get("pos") for n in doc.nodes()}
    part = win.parts.get(BackwardView)
    win.presentation.enter()
    try:
        wait_presented(qtbot, win)
        spread = {n: doc.node(n).get("pos") for n in doc.nodes()}
        assert spread != before
        part.show_backward()
        part.differentiate_again()
        part.tabs.tabBarClicked.emit(1)
        wait_presented(qtbot, win)
        part.back_to_original()
        wait_presented(qtbot, win)
        assert {n: doc.node(n).get("pos") for n in doc.nodes()} == spread  # spread once
    finally:
        win.presentation.leave()
        canvas_theme.set_font_scale(1.0)
    assert {n: doc.node(n).get("pos") for n in doc.nodes()} == before
