"""Composite blocks in the window: make and expand (undoable), step fused or expanded,
open a block and come back, fused rules checked in a dialog, My blocks kept across
restarts (the library lives in the test's tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from autodiff_gui.core import expr, fileio
from autodiff_gui.ui.editing import blocks
from autodiff_gui.ui.editing.blocks import BlockTools
from autodiff_gui.ui.editing.commands import RemoveNodes

QUAD = [2, 3, 4, 5, 6]  # x**2 + 2*x in the notebook's example: pow, mul, add, constants


@pytest.fixture(autouse=True)
def library_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "blocks.adgraph.json"
    monkeypatch.setattr(blocks, "library_path", lambda: str(path))
    return path


def window_with_block(open_window):
    w = open_window()
    tools = w.parts.get(BlockTools)
    assert tools.make_block("quad", QUAD)
    block = next(n for n in w.session.document.nodes()
                 if w.session.document.kind(n) == "composite")
    return w, tools, block


def test_make_block_is_one_undo_step(open_window) -> None:
    w, _tools, block = window_with_block(open_window)
    doc = w.session.document
    assert sorted(doc.nodes()) == [1, 7, 8, 9, block]
    item = w.scene.node_item(block)
    assert item is not None and item.arity == 1
    assert item._texts["title"] == "quad" and item._texts["slots"] == [(0, "x")]
    assert w.expression_text() == "(x**2 + 2*x) * log(y)"
    assert w.undo_stack.undoText() == "Make block quad"
    w.undo_stack.undo()
    assert sorted(doc.nodes()) == list(range(1, 10)) and not doc.composites
    w.undo_stack.redo()
    assert doc.kind(block) == "composite" and "quad" in doc.composites
    # Delete the block and undo: it comes back wired.
    w.undo_stack.push(RemoveNodes(doc, [block]))
    assert block not in doc
    w.undo_stack.undo()
    assert doc.kind(block) == "composite" and doc.arguments(block) == [1]
    assert w.session.program().gradient()[1] == {"x": 2.772588722239781, "y": 1.5}


def test_refused_block_says_why(open_window) -> None:
    w = open_window()
    tools = w.parts.get(BlockTools)
    before = w.session.document.snapshot()
    messages = []
    tools.ctx.status = lambda text, *a: messages.append(text)  # type: ignore[method-assign]
    assert not tools.make_block("b", [3, 8])
    assert "more than one value leaves" in messages[-1]
    assert w.session.document.snapshot().nodes == before.nodes


def test_expand_block_puts_the_body_back(open_window) -> None:
    w, tools, block = window_with_block(open_window)
    assert tools.expand_block(block)
    doc = w.session.document
    assert not any(doc.kind(n) == "composite" for n in doc.nodes())
    assert w.expression_text() == "(x**2 + 2*x) * log(y)"
    w.undo_stack.undo()
    assert doc.kind(block) == "composite"


def test_step_fused_or_expanded(open_window, qtbot) -> None:
    w, tools, block = window_with_block(open_window)
    controller = w.run_panel.controller

    def count() -> tuple[int, list]:
        controller.reset()
        n = 0
        while controller.next():
            n += 1
        return n, list(controller.view.stepper.records)

    expanded, records = count()
    tools.actionStepBlocksAsOne.setChecked(True)
    fused, same = count()
    assert len(same) == len(records)  # the same records, fewer steps
    inner_forward = sum(1 for r in records if r.pass_name == "forward"
                        and (r.node in controller.view.program.origin or r.node == block))
    inner_backward = sum(1 for r in records if r.pass_name == "backward"
                         and (r.node in controller.view.program.origin or r.node == block))
    assert inner_forward == 5 and inner_backward == 3
    assert fused == expanded - (inner_forward - 1) - (inner_backward - 1)
    # The block is current while its steps run; back goes to before the whole block.
    controller.reset()
    controller.next()
    while controller.view.current.node != block:
        controller.next()
    assert w.scene.node_item(block).state() == "current"
    position = controller.position
    controller.back()
    assert position - controller.position == inner_forward
    # A fused backward step says what the block did, after the step's own message.
    said: list[str] = []
    tools.ctx.status = lambda text, *a: said.append(text)  # type: ignore[method-assign]
    while controller.view.current.pass_name != "backward" and controller.next():
        pass
    while controller.next():
        pass
    qtbot.waitUntil(lambda: any("as one step" in t for t in said))
    assert "Block quad as one step (3 steps inside): its gradient reaches x at once" in said


def test_open_block_and_back(open_window) -> None:
    w, tools, block = window_with_block(open_window)
    doc = w.session.document
    before = doc.snapshot()
    w.scene.nodeDoubleClicked.emit(block)
    assert tools.opened and w.expression_text() == "x**2 + 2*x"
    assert doc.input_values() == {"x": 1.0}  # the value the block receives
    assert w.session.program().gradient() == (3.0, {"x": 4.0})
    controller = w.run_panel.controller
    controller.run_to_end()
    assert controller.done
    doc.set_value(doc.find_input("x"), 5.0)  # edits inside are not kept
    assert tools.actionBackFromBlock.isEnabled()
    tools.actionBackFromBlock.trigger()
    assert not tools.opened and not tools.actionBackFromBlock.isEnabled()
    assert doc.snapshot().nodes == before.nodes and "quad" in doc.composites
    w.undo_stack.undo()  # the history is the graph's: Make block is undone
    assert not doc.composites


def test_fused_rules_dialog(open_window, qtbot) -> None:
    w, tools, block = window_with_block(open_window)
    dialog = tools.show_rules(block)
    qtbot.addWidget(dialog)
    dialog.edits["x"].setText("2*x")
    assert not dialog.check().passed
    assert "the rule gives 2 where the block's graph gives 4" in dialog.verdicts["x"].text()
    dialog.edits["x"].setText("upstream * (2*x + 2)")
    assert dialog.check().passed
    assert "agrees" in dialog.verdicts["x"].text()
    dialog.save_button.click()
    assert w.session.document.composites["quad"].rules == {"x": "upstream * (2*x + 2)"}
    assert w.undo_stack.undoText() == "Fused rules of quad"
    # Saved with the graph.
    back = fileio.loads(fileio.dumps(w.session.document))
    assert back.composites["quad"].rules == {"x": "upstream * (2*x + 2)"}


def test_my_blocks_are_kept_across_restarts(open_window, library_in_tmp: Path) -> None:
    w, tools, block = window_with_block(open_window)
    assert tools.add_to_library(block)
    assert library_in_tmp.exists()
    palette = tools.ctx.docks["paletteDock"].widget()
    assert palette.item_for("block:quad") is not None
    w2 = open_window()
    tools2 = w2.parts.get(BlockTools)
    assert set(tools2.library) == {"quad"}
    palette2 = tools2.ctx.docks["paletteDock"].widget()
    assert palette2.item_for("block:quad") is not None
    palette2.set_filter("quad")
    assert palette2.visible_specs() == ["block:quad"]
    # Placed on another graph: the definition comes along, one undo step.
    doc2 = w2.session.document
    doc2.replace_with(expr.parse("sin(t)"))
    node = w2.view.drop_block("block:quad", QPointF(0, 0))
    assert node is not None and doc2.kind(node) == "composite" and "quad" in doc2.composites
    w2.undo_stack.undo()
    assert node not in doc2 and not doc2.composites


def test_a_damaged_library_is_said_and_kept(open_window, library_in_tmp: Path) -> None:
    library_in_tmp.parent.mkdir(parents=True)
    library_in_tmp.write_text('{"format": "autodiff-studio", "version": 2, "nodes": [], '
                              '"links": [], "composites": [{"name": "log"}]}', "utf-8")
    w = open_window()
    tools = w.parts.get(BlockTools)
    assert tools.library == {} and "composites[0]" in tools.library_error
    assert library_in_tmp.read_text("utf-8").count("log") == 1  # not overwritten
