"""A block's parameters on the canvas: right-click ▸ Parameters…, one undo step, the
expression bar follows; a refusal is said in the dialog with the typed text kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.ui.canvas import params_dialog


@pytest.fixture
def window(open_window):
    return open_window()


def build(window, qtbot, text: str) -> None:
    edit = window.expression_bar.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_parameters_from_the_block_menu_with_undo(window, qtbot, monkeypatch) -> None:
    build(window, qtbot, "sum(x * [1, 2, 3], 0)")
    doc, scene = window.document, window.scene
    node = next(n for n in doc.nodes() if doc.node(n).get("op") == "sum")
    menu = scene.node_menu(node)
    action = next(a for a in menu.actions() if a.text() == "Parameters…")
    asked: list[tuple[str, str]] = []
    answers = iter([("1.5", True), ("None", True)])

    def ask(parent, title, label, text):  # noqa: ANN001
        asked.append((label, text))
        return next(answers)

    monkeypatch.setattr(params_dialog, "ask_text", ask)
    action.trigger()
    # the current value was offered; the fractional axis was refused in the dialog itself
    assert asked[0] == ("Parameters after the arguments, as in sum(a[, axis]):", "0")
    assert asked[1][0].startswith("sum: axis must be a whole number or None, not 1.5\n")
    assert asked[1][1] == "1.5"  # the typed text kept
    assert doc.params(node) == {}  # axis None: all elements
    window.refresh()
    assert window.expression_bar.text() == "sum(x * [1, 2, 3])"
    assert compile_graph(doc).evaluate() == 6.0
    window.undo_stack.undo()
    assert doc.params(node) == {"axis": 0}
    window.refresh()
    assert window.expression_bar.text() == "sum(x * [1, 2, 3], 0)"


def test_only_blocks_with_parameters_offer_them(window) -> None:
    doc, scene = window.document, window.scene
    add = next(n for n in doc.nodes() if doc.node(n).get("op") == "add")
    menu = scene.node_menu(add)
    assert "Parameters…" not in [a.text() for a in menu.actions()]
