"""The invariants of issue 14, each on its own, on the real window: stepping never changes
the document; a refused edit (a value that overflows) leaves no trace and says why where
it was typed; an accepted edit is exactly one undo step.  (The random sequences of
tests/ui/random_editing.py check the same after every action.)"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit

from autodiff_gui.ui.canvas import scene as scene_module
from autodiff_gui.ui.window.main_window import MainWindow
from tests.ui.random_editing import canonical


@pytest.fixture
def window(open_window):  # noqa: ANN001
    return open_window(None)


def action(w: MainWindow, name: str) -> QAction:
    found = w.findChild(QAction, name)
    assert found is not None, name
    return found


def type_in_table(w: MainWindow, qtbot, row: int, column: int, text: str) -> None:  # noqa: ANN001
    """Type into a cell of the inputs table and press Enter, as a user would."""
    view = w.inputs_panel.view
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [e for e in view.viewport().findChildren(
        QLineEdit, options=Qt.FindChildOption.FindDirectChildrenOnly) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    editor.insert(text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits from the event loop, then closes (and deletes) the editor.
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())
    QApplication.processEvents()


def test_stepping_never_changes_the_document_or_the_history(window, qtbot) -> None:  # noqa: ANN001
    w = window
    before, steps = canonical(w.document), w.undo_stack.count()
    controller = w.run_panel.controller
    for name in ("actionNextStep", "actionNextStep", "actionRunToEnd", "actionPrevStep",
                 "actionReset"):
        action(w, name).trigger()
        QApplication.processEvents()
    controller.go_to(3)
    w.findChild(QComboBox, "modeCombo").setCurrentIndex(1)  # forward mode
    controller.run_to_end()
    w.findChild(QComboBox, "modeCombo").setCurrentIndex(0)
    w.findChild(QCheckBox, "accumulateCheck").setChecked(True)
    controller.run_to_end()
    controller.reset()
    controller.run_to_end()
    upstream = w.findChild(QLineEdit, "upstreamEdit")
    upstream.setText("1e400")  # refused: the old upstream gradient stays
    QTest.keyClick(upstream, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert canonical(w.document) == before
    assert w.undo_stack.count() == steps == 0


@pytest.mark.parametrize("text", ["1e400", "[1e308, 1e400]", "", "if", "abc", "nan",
                                  "[[1], [2, 3]]"])
def test_a_refused_value_in_the_table_leaves_no_trace_and_says_why(window, qtbot,
                                                                    text: str) -> None:  # noqa: ANN001
    w = window
    before = canonical(w.document)
    type_in_table(w, qtbot, 0, 1, text)
    assert canonical(w.document) == before
    assert w.undo_stack.count() == 0
    message = w.inputs_panel.message
    assert message.isVisible() and "x" in message.text()


@pytest.mark.parametrize("text", ["-1e-320", "[1e308, 1e308]", ".5", "[[1, 2], [3, 4]]"])
def test_an_accepted_value_in_the_table_is_exactly_one_undo_step(window, qtbot,
                                                                  text: str) -> None:  # noqa: ANN001
    w = window
    before = canonical(w.document)
    type_in_table(w, qtbot, 0, 1, text)
    assert w.undo_stack.count() == w.undo_stack.index() == 1
    after = canonical(w.document)
    assert after != before
    w.undo_stack.undo()
    assert canonical(w.document) == before
    w.undo_stack.redo()
    assert canonical(w.document) == after


def test_refused_names_and_constants_leave_no_trace(window, qtbot, monkeypatch) -> None:  # noqa: ANN001
    w = window
    before = canonical(w.document)
    for name in ("if", "", "log", "y", "a b"):
        type_in_table(w, qtbot, 0, 0, name)
    const = next(n for n in w.document.nodes() if w.document.kind(n) == "const")
    asked = []

    def answer(*_args):  # noqa: ANN002, ANN202 - the dialog typed into (twice: it asks again)
        asked.append(1)
        return "1e400", True

    monkeypatch.setattr(scene_module, "_ask_text", answer)
    w.scene.nodeDoubleClicked.emit(const)
    assert len(asked) == 2  # refused: asked again with the reason, the same text ends it
    assert w.apply_expression("1e400 * x") is not None  # a number that overflows
    QGuiApplication.clipboard().setText(
        '{"format": "autodiff-nodes", "version": 1, "nodes": [{"id": 1, "kind": "const", '
        '"value": 1e400}], "edges": []}')
    action(w, "actionPaste").trigger()
    QApplication.processEvents()
    assert canonical(w.document) == before
    assert w.undo_stack.count() == 0


def test_everyday_edits_are_one_undo_step_each(window, qtbot) -> None:  # noqa: ANN001
    w = window
    doc, stack = w.document, w.undo_stack
    edits = [
        lambda: w.place_block("op:sin"),
        lambda: w.scene.connect_ports(doc.find_input("x"), max(doc.nodes()), 0),
        lambda: action(w, "actionDuplicate").trigger(),
        lambda: action(w, "actionAutoLayout").trigger(),
        lambda: type_in_table(w, qtbot, 1, 1, "3"),
        lambda: type_in_table(w, qtbot, 0, 0, "t"),
        lambda: w.apply_expression("x*x + y"),
        lambda: action(w, "actionDelete").trigger(),
    ]
    documents = [canonical(doc)]
    for k, edit in enumerate(edits, start=1):
        w.scene.select_only([max(doc.nodes())])
        edit()
        QApplication.processEvents()
        assert stack.count() == stack.index() == k, k
        documents.append(canonical(doc))
    while stack.canUndo():
        stack.undo()
        assert canonical(doc) == documents[stack.index()]
    while stack.canRedo():
        stack.redo()
        assert canonical(doc) == documents[stack.index()]


def test_undo_while_a_cell_editor_is_open_keeps_the_history_whole(window, qtbot) -> None:  # noqa: ANN001
    """Undoing a paste of an input removes a table row; the cell editor still open on
    another row committed right then, inside QUndoStack.undo: the stack's index ended
    past a value change that was still applied, and undo-all no longer reached the
    start.  Now the typed value is set once the undo is over, as its own step."""
    w = window
    doc, stack = w.document, w.undo_stack
    first = canonical(doc)
    w.scene.select_only([doc.find_input("x"), doc.find_input("y")])
    action(w, "actionDuplicate").trigger()
    assert stack.count() == 1 and len(doc.inputs()) == 4
    view = w.inputs_panel.view
    index = view.model().index(0, 1)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()][0]
    editor.selectAll()
    editor.insert("[1, 2]")  # typed, not yet committed
    action(w, "actionUndo").trigger()
    qtbot.waitUntil(lambda: stack.count() == 1 and stack.index() == 1
                    and stack.text(0).startswith("Set value"))
    assert doc.input_values()["x"].tolist() == [1.0, 2.0] and len(doc.inputs()) == 2
    stack.undo()
    assert canonical(doc) == first
