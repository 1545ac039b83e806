"""Programs in the window (issue 13): the multi-line expression bar and renaming blocks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.ui.canvas import scene as scene_module
from autodiff_gui.ui.editing.expression_bar import ExpressionBar

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
STEPS = ["a = x**2", "b = 2*x", "c = a + b", "d = log(y)", "z = c*d"]


@pytest.fixture
def window(open_window):
    return open_window()


def type_lines(qtbot, edit, lines: list[str]) -> None:
    """Type ``lines``: Shift+Enter starts the second line, plain Enter the ones after."""
    for k, line in enumerate(lines):
        if k:
            qtbot.keyClick(edit, Qt.Key.Key_Return, SHIFT if k == 1 else Qt.KeyboardModifier(0))
        qtbot.keyClicks(edit, line)


def test_multi_line_program_builds_with_ctrl_enter(window, qtbot) -> None:
    bar = window.expression_bar
    edit = bar.edit
    edit.setFocus()
    edit.selectAll()
    one_line = edit.height()
    type_lines(qtbot, edit, STEPS)
    assert edit.text() == "\n".join(STEPS)  # Enter made new lines, built nothing
    assert window.undo_stack.count() == 0
    assert edit.height() > 3 * one_line  # the box grew with its five lines
    assert bar.prefix.text() == "f:"
    qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)
    doc = window.document
    program = compile_graph(doc)
    assert [lab for lab, k in zip(program.labels, program.kinds) if k == "op"] == \
        ["a", "b", "c", "d", "z"]
    assert program.evaluate() == pytest.approx(3 * 0.6931471805599453)  # x = 1, y = 2 kept
    assert window.undo_stack.count() == 1
    # Printed back one statement per line, as the printer writes them.
    assert edit.text() == "a = x**2\nb = 2 * x\nc = a + b\nd = log(y)\nz = c * d"
    window.undo_stack.undo()
    assert not window.document.named_ops()


def test_one_line_enter_still_builds_and_errors_mark_their_line(window, qtbot) -> None:
    bar = window.expression_bar
    edit = bar.edit
    edit.setText("a = x*2; z = a + y")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert set(window.document.named_ops()) == {"a", "z"}
    text = "a = x*2\nb = a + 1\na = b*3"
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)
    assert bar.error.startswith("a is assigned twice (first in line 1)")
    assert edit.selectionStart() == text.rindex("a = b") and edit.selectedText() == "a"
    shown = bar.error_label.text()
    assert "line 3: " in shown and "b*3" in shown and "b = a + 1" not in shown
    assert set(window.document.named_ops()) == {"a", "z"}  # the graph stayed


def test_bar_alone_keeps_the_line_edit_vocabulary(qtbot) -> None:
    bar = ExpressionBar()
    qtbot.addWidget(bar)
    built: list[str] = []
    bar.submitted.connect(built.append)
    bar.edit.setText("x + 1")
    bar.edit.setSelection(4, 1)
    assert bar.edit.selectedText() == "1"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, SHIFT)
    assert bar.text() == "x + \n" and built == []
    qtbot.keyClicks(bar.edit, "2")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Enter, CTRL)
    assert built == ["x + \n2"]
    bar.show_expression("y", force=True)
    qtbot.keyClicks(bar.edit, "z")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.text() == "y"


def test_rename_an_op_block_with_undo(window, qtbot, monkeypatch) -> None:
    doc, scene = window.document, window.scene
    add = next(n for n in doc.nodes() if doc.node(n).get("op") == "add")
    menu = scene.node_menu(add)
    assert [a.text() for a in menu.actions() if a.text()] == \
        ["Set as output", "Rename…", "Delete"]
    monkeypatch.setattr(scene_module, "_ask_text", lambda *a: ("total", True))
    next(a for a in menu.actions() if a.text() == "Rename…").trigger()
    assert doc.node(add)["name"] == "total"
    assert scene.node_item(add)._texts["title"].startswith("total = ")
    window.refresh()
    assert window.expression_bar.text() == "total = x**2 + 2*x\ntotal * log(y)"
    assert "total" in compile_graph(doc).labels
    monkeypatch.setattr(scene_module, "_ask_text", lambda *a: ("x", True))
    assert not scene.edit_node(add) and "called 'x'" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert "name" not in doc.node(add)
    window.refresh()
    assert window.expression_bar.text() == "(x**2 + 2*x) * log(y)"
    window.undo_stack.redo()
    assert doc.named_ops() == {"total": add}


def test_named_blocks_survive_delete_undo_and_paste_without_clashes(qtbot) -> None:
    from PySide6.QtGui import QUndoStack

    from autodiff_gui.core.expr import parse, to_text
    from autodiff_gui.ui.editing.commands import RemoveNodes
    from autodiff_gui.ui.editing.paste import PasteNodes, nodes_to_data

    doc = parse("a = x**2; b = 2*x; c = a + b; d = log(y); z = c*d", {"x": 1.0, "y": 2.0})
    text = to_text(doc)
    stack = QUndoStack()
    c = doc.named_ops()["c"]
    stack.push(RemoveNodes(doc, [c]))
    assert "c" not in doc.named_ops()
    stack.undo()
    assert doc.named_ops()["c"] == c and to_text(doc) == text
    # A copy of a named step pasted beside it: the name is taken, so the copy has none;
    # pasted into an empty document, it keeps it.
    data = nodes_to_data(doc, [doc.named_ops()["a"], doc.find_input("x")])
    stack.push(PasteNodes(doc, data, (50, 50)))
    assert set(doc.named_ops()) == set("abcdz") and len(doc.inputs()) == 3
    other = parse("u + 1")
    stack.push(PasteNodes(other, data))
    assert set(other.named_ops()) == {"a"}
