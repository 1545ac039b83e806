"""The main window around the canvas: seed, expression bar, inputs, files, export, settings.

Runs offscreen (tests/conftest.py); settings live in a temporary folder
(tests/ui/conftest.py).  Dialogs are never shown: the prompt and the error box
are injectable attributes of the window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QTableView

from autodiff_gui.core import ops
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.expr import parse, to_text
from autodiff_gui.core.graph import Document
from autodiff_gui.ui.app import i18n
from autodiff_gui.ui.app.settings import MAX_RECENT, Settings
from autodiff_gui.ui.editing.inputs_panel import parse_value_text, value_to_text
from autodiff_gui.ui.editing.palette import MIME_TYPE, PaletteWidget
from autodiff_gui.ui.window.main_window import MainWindow, seed_document

ROOT = Path(__file__).resolve().parents[2]
SEED_VALUE = 2.0794415416798357


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_unsaved = lambda: pytest.fail("unexpected unsaved-changes prompt")
    w.errors = []
    w.report_error = lambda title, text: w.errors.append(text)
    yield w
    # Closed here, not by qtbot.addWidget (which closes before this teardown runs),
    # so the close does not prompt.
    w.ask_unsaved = lambda: "discard"
    w.close()
    w.deleteLater()


def distinct_colours(image: QImage, step: int = 3) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def undo_all(w: MainWindow) -> None:
    while w.undo_stack.canUndo():
        w.undo_stack.undo()


# -- building ---------------------------------------------------------------------

def test_window_starts_with_the_seed_graph(window):
    doc = window.document
    assert compile_graph(doc).evaluate() == pytest.approx(SEED_VALUE, abs=0)
    assert doc.same_as(seed_document())
    assert all(doc.position(n) is not None for n in doc.nodes())  # laid out
    assert window.undo_stack.count() == 0 and window.undo_stack.isClean()
    assert not window.isWindowModified()
    assert window.value_label.text().startswith("f = 2.0794")
    assert "9 nodes" in window.value_label.text()
    assert window.expression_bar.text() == to_text(doc)
    assert parse(window.expression_bar.text(), values=doc.input_values()).same_as(
        doc, positions=False)


def test_object_names_and_shortcuts(window):
    for name, cls in (("graphView", None), ("expressionEdit", None),
                      ("inputsView", QTableView), ("paletteDock", QDockWidget),
                      ("inputsDock", QDockWidget), ("historyDock", QDockWidget),
                      ("valueLabel", QLabel), ("mainToolBar", None)):
        found = window.findChild(cls or object, name)
        assert found is not None, name
    names = ["actionNew", "actionOpen", "actionSave", "actionSaveAs", "actionExportImage",
             "actionUndo", "actionRedo", "actionDelete", "actionAutoLayout", "actionZoomFit",
             "actionCopy", "actionPaste", "actionDuplicate", "actionZoomIn", "actionZoomOut",
             "actionQuit", "actionHistory", "actionAbout"]
    actions = {a.objectName(): a for a in window.findChildren(type(window.actionNew))}
    missing = [n for n in names if n not in actions]
    assert not missing
    keys = {n: [s.toString() for s in actions[n].shortcuts()] for n in names}
    assert "Ctrl+Z" in keys["actionUndo"] and "Ctrl+Shift+Z" in keys["actionRedo"]
    assert {"Del", "Backspace"} <= set(keys["actionDelete"])
    assert "Ctrl+D" in keys["actionDuplicate"] and "F" in keys["actionZoomFit"]
    assert "Ctrl+L" in keys["actionAutoLayout"] and "Ctrl+=" in keys["actionZoomIn"]
    assert "Ctrl+-" in keys["actionZoomOut"]
    assert QKeySequence(QKeySequence.StandardKey.Save).toString() in keys["actionSave"]
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[:3] == ["File", "Edit", "View"] and titles[-1] == "Help"
    # A later menu (Run) goes before Help.
    window.add_menu("Run", "menuRun")
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[-2:] == ["Run", "Help"]


# -- the expression bar -------------------------------------------------------------

def test_typed_expression_builds_graph_in_one_undo_step(window, qtbot):
    seed = window.document.copy()
    edit = window.expression_bar.edit
    edit.clear()
    qtbot.keyClicks(edit, "sin(x) * y + 3")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    doc = window.document
    assert doc.same_as(parse("sin(x) * y + 3", values={"x": 1.0, "y": 2.0}), positions=False)
    assert all(doc.position(n) is not None for n in doc.nodes())
    assert window.undo_stack.count() == 1
    assert compile_graph(doc).evaluate() == pytest.approx(np.sin(1.0) * 2 + 3)
    assert window.isWindowModified()
    assert window.expression_bar.error == ""
    window.undo_stack.undo()
    assert window.document.same_as(seed)  # exactly, positions included
    window.refresh()
    assert window.expression_bar.text() == to_text(seed)


def test_parse_error_is_shown_and_graph_untouched(window, qtbot):
    before = window.document.copy()
    edit = window.expression_bar.edit
    edit.setText("(x**2 + ) * log(y)")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    bar = window.expression_bar
    assert window.document.same_as(before)
    assert window.undo_stack.count() == 0
    assert bar.error and not bar.error_label.isHidden()
    assert bar.error in bar.error_label.toolTip()
    # The offending ")" at offset 8 is selected in the line edit.
    assert edit.selectionStart() == 8 and edit.selectedText() == ")"
    # Typing again clears the stale message; Escape restores the graph's text.
    qtbot.keyClicks(edit, "x")
    assert bar.error == ""
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == to_text(before)



def test_parse_error_marks_the_right_character_after_leading_spaces(window, qtbot):
    edit = window.expression_bar.edit
    edit.setText("    (x + 1")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "never closed" in window.expression_bar.error
    assert edit.selectionStart() == 4 and edit.selectedText() == "("


def test_a_long_expression_with_an_error_does_not_widen_the_window(window, qtbot):
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    width = window.width()
    edit = window.expression_bar.edit
    edit.setText("+".join(["x"] * 200) + "+")  # no spaces: one unbreakable word
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    label = window.expression_bar.error_label
    QApplication.processEvents()
    assert window.expression_bar.error and label.isVisible()
    assert window.width() == width
    assert label.width() <= window.width()
    assert len(label.text()) < 700  # the marked text is an excerpt around the error

def test_bar_follows_graph_changes(window):
    x = window.document.find_input("x")
    window.document.remove_node(x)  # as a mouse edit would
    window.refresh()
    assert "?" in window.expression_bar.text()
    assert window.value_label.text().startswith("Incomplete")


# -- the inputs panel ---------------------------------------------------------------

def test_inputs_edit_through_model(window):
    model = window.inputs_panel.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["x", "y"]
    idx = model.index(0, 1)
    assert model.setData(idx, "3")
    assert window.document.input_values()["x"] == 3.0
    assert window.undo_stack.count() == 1
    # Refused: not a number, no eval of code, not finite; the old value stays.
    for bad in ("abc", "__import__('os').getcwd()", "[1, [2]]", "nan", ""):
        assert not model.setData(idx, bad), bad
        assert window.document.input_values()["x"] == 3.0
    assert window.undo_stack.count() == 1
    assert model.last_error and "x" in model.last_error
    assert not window.inputs_panel.message.isHidden()
    assert window.statusBar().currentMessage() == model.last_error
    assert model.setData(idx, "[[1, 2], [3, 4]]")
    assert np.array_equal(window.document.input_values()["x"], [[1, 2], [3, 4]])
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.document.input_values()["x"] == 1.0
    assert model.data(idx) == "1"


def test_inputs_rename_and_refusal(window):
    model = window.inputs_panel.model
    assert not model.setData(model.index(0, 0), "log")
    assert not model.setData(model.index(0, 0), "y")
    assert window.undo_stack.count() == 0
    assert model.setData(model.index(0, 0), "t")
    assert "t" in window.document.inputs()
    window.refresh()
    assert "t" in window.expression_bar.text()



def test_deleting_several_selected_inputs_at_once(window, qtbot):
    # The canvas drops each removed block from its selection before the inputs table
    # hears of the removal: the table must not read the node that is gone.
    assert window.apply_expression("x*y*z + w") is None
    panel, scene = window.inputs_panel, window.scene
    panel.view.setCurrentIndex(panel.model.index(0, 1))
    for node in window.document.inputs().values():
        scene.node_item(node).setSelected(True)
    with qtbot.captureExceptions() as exceptions:
        window.actionDelete.trigger()
    assert exceptions == []
    assert window.document.inputs() == {} and panel.model.rowCount() == 0
    window.undo_stack.undo()
    assert [panel.model.data(panel.model.index(r, 0)) for r in range(4)] == ["x", "y", "z", "w"]

def test_value_text_roundtrip():
    for v in (1.0, -0.1, 1e-300, np.array([[1.5, 2.0], [3.0, 4.0]])):
        back = parse_value_text(value_to_text(v))
        assert np.array_equal(back, v)
    assert parse_value_text(".5") == 0.5


def test_evaluation_error_in_status(window):
    model = window.inputs_panel.model
    assert model.setData(model.index(1, 1), "-1")
    window.refresh()
    assert window.value_label.text().startswith("Error")
    assert "log" in window.value_label.text()


# -- files ----------------------------------------------------------------------------

def test_save_and_open_round_trip(window, tmp_path):
    path = tmp_path / "seed.adgraph.json"
    window.inputs_panel.model.setData(window.inputs_panel.model.index(0, 1), "1.5")
    assert window.isWindowModified()
    saved = window.document.copy()
    assert window.save_to(path) is None
    assert not window.isWindowModified() and window.undo_stack.isClean()
    assert "seed.adgraph.json" in window.windowTitle()
    assert json.loads(path.read_text())["format"] == "autodiff-studio"
    assert window.apply_expression("x + 1") is None
    assert window.isWindowModified()
    window.ask_unsaved = lambda: "discard"
    assert window.open_path(path) is None
    assert window.document.same_as(saved)
    assert window.undo_stack.count() == 0 and not window.isWindowModified()
    assert window.current_path == str(path)
    assert window.recent_files()[0] == str(path)
    assert window.recent_menu.actions()[0].data() == str(path)
    assert Settings().last_folder() == str(tmp_path)
    # File ▸ Open Recent ▸ 1 opens it again (the document is clean: no prompt).
    window.apply_expression("x - 1")
    window.undo_stack.setClean()
    window.recent_menu.actions()[0].trigger()
    assert window.document.same_as(saved)


def test_damaged_or_foreign_file_is_refused(window, tmp_path):
    before = window.document.copy()
    cases = {"broken.json": '{"format": "autodiff-studio", "nodes": [',
             "foreign.json": '{"type": "FeatureCollection"}',
             "cycle.json": json.dumps({"format": "autodiff-studio", "version": 1, "nodes": [
                 {"id": 1, "kind": "op", "op": "neg"}, {"id": 2, "kind": "op", "op": "neg"}],
                 "links": [{"source": 1, "target": 2, "slot": 0},
                           {"source": 2, "target": 1, "slot": 0}]})}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        error = window.open_path(tmp_path / name)
        assert error and name in error
        assert window.document.same_as(before)
        assert window.current_path is None
    assert window.open_path(tmp_path / "missing.json")
    # Through the reporting path, the message box (injected) gets the text.
    assert not window.open_path_reporting(str(tmp_path / "broken.json"))
    assert window.errors and "broken.json" in window.errors[-1]
    assert window.document.same_as(before)


def test_dropping_a_file_opens_it(window, qtbot, tmp_path):
    path = tmp_path / "dropped.adgraph.json"
    other = MainWindow(parse("exp(a) - a"), restore=False)
    qtbot.addWidget(other)
    assert other.save_to(path) is None
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    # Dropped on the canvas, which accepts block drags itself: the window takes it.
    viewport = window.view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: window.current_path == str(path), timeout=2000)
    assert window.document.same_as(other.document)
    # Something else (plain text) is not taken for a file.
    text = QMimeData()
    text.setText("hello")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, text,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_palette_block_dropped_on_canvas(window):
    """The palette's drag data is what the canvas understands."""
    item = window.palette_widget.item_for("op:sigmoid")
    mime = window.palette_widget.tree.mimeData([item])
    before = len(window.document)
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.view.dropEvent(drop)
    assert len(window.document) == before + 1
    assert window.document.node(max(window.document.nodes()))["op"] == "sigmoid"


def test_window_layout_is_kept_between_sessions(qtbot):
    first = MainWindow()
    first.resize(700, 520)  # inside the 800×600 offscreen screen (restore clamps)
    first.palette_dock.hide()
    first.history_dock.show()
    assert first.close()  # clean: no prompt; saves geometry and dock layout
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (700, 520)
    assert second.palette_dock.isHidden() and not second.history_dock.isHidden()


def test_recent_files_are_capped_and_kept(tmp_path, temp_settings):
    s = Settings()
    for i in range(MAX_RECENT + 3):
        s.add_recent_file(str(tmp_path / f"f{i}.json"))
    s.add_recent_file(str(tmp_path / "f5.json"))
    recent = Settings().recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0].endswith("f5.json") and recent.count(recent[0]) == 1
    # The settings file is in the temporary folder, never the user's.
    s.sync()
    assert any(temp_settings.rglob("*.ini"))



def test_recent_menu_shows_an_ampersand_in_a_file_name(window, tmp_path):
    path = tmp_path / "Q&A.adgraph.json"
    assert window.save_to(path) is None
    action = window.recent_menu.actions()[0]
    assert action.text() == "&1 Q&&A.adgraph.json"  # shown as "1 Q&A.adgraph.json"
    assert action.data() == os.path.abspath(path)

# -- undo, modified marker, prompts ----------------------------------------------------

def test_undo_all_returns_to_the_seed(window):
    seed = window.document.copy()
    model = window.inputs_panel.model
    model.setData(model.index(0, 1), "4")
    window.apply_expression("relu(x) * y")
    model.setData(model.index(1, 1), "[1, 2, 3]")
    assert window.undo_stack.count() == 3
    undo_all(window)
    assert window.document.same_as(seed)
    assert not window.isWindowModified()


def test_modified_marker_follows_clean_state(window, tmp_path):
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    window.apply_expression("x * y")
    assert window.isWindowModified()
    window.undo_stack.undo()
    assert not window.isWindowModified()
    window.undo_stack.redo()
    window.save_to(tmp_path / "g.json")
    assert not window.isWindowModified()
    window.undo_stack.undo()
    assert window.isWindowModified()


def test_unsaved_changes_decision(window, tmp_path):
    asked = []

    def answer(reply):
        def ask():
            asked.append(reply)
            return reply
        return ask

    window.ask_unsaved = answer("cancel")
    assert window.maybe_save() and not asked  # clean: nobody is asked
    window.apply_expression("x * 5")
    changed = window.document.copy()
    assert not window.maybe_save() and asked == ["cancel"]
    assert not window.new_document()
    assert window.document.same_as(changed)
    window.ask_unsaved = answer("save")
    window.current_path = str(tmp_path / "kept.json")
    assert window.maybe_save()
    assert (tmp_path / "kept.json").exists() and window.undo_stack.isClean()
    window.apply_expression("x * 6")
    window.ask_unsaved = answer("discard")
    assert window.new_document()
    assert len(window.document) == 0 and window.undo_stack.count() == 0
    assert window.value_label.text().startswith("Empty")
    # Close is refused on Cancel, accepted on Discard.
    window.apply_expression("x")
    window.ask_unsaved = answer("cancel")
    assert not window.close()
    window.ask_unsaved = answer("discard")
    assert window.close()


# -- palette ---------------------------------------------------------------------------------

def test_palette_groups_filter_and_drag_data(qtbot):
    p = PaletteWidget()
    qtbot.addWidget(p)
    groups = [p.tree.topLevelItem(i).text(0) for i in range(p.tree.topLevelItemCount())]
    assert groups[:5] == ["Inputs and constants", "Arithmetic", "Powers and logs",
                          "Trig and hyperbolic", "Activations"]  # more: tests/ui/test_palette.py
    specs = p.visible_specs()
    every = len(ops.OPS) + 2
    assert specs[:2] == ["input", "const"] and "op:matmul" in specs and len(specs) == every
    item = p.item_for("op:log")
    assert item.text(1) == "log" and "logarithm" in item.toolTip(0)
    assert bytes(p.tree.mimeData([item]).data(MIME_TYPE)) == b"op:log"
    p.set_filter("tanh")
    assert p.visible_specs() == ["op:tanh"]
    assert p.tree.topLevelItem(0).isHidden()  # an empty group is hidden
    p.set_filter("")
    assert len(p.visible_specs()) == every


def test_palette_double_click_places_block(window):
    before = len(window.document)
    item = window.palette_widget.item_for("op:exp")
    window.palette_widget.tree.itemDoubleClicked.emit(item, 0)
    window.palette_widget.tree.itemDoubleClicked.emit(item, 0)
    assert len(window.document) == before + 2
    a, b = sorted(window.document.nodes())[-2:]
    assert window.document.node(a)["op"] == window.document.node(b)["op"] == "exp"
    assert window.undo_stack.count() == 2
    # Placed one after another, they do not pile up on each other (or on the seed).
    rects = [window.scene.node_item(n).sceneBoundingRect() for n in window.document.nodes()]
    for n in (a, b):
        mine = window.scene.node_item(n).sceneBoundingRect()
        assert sum(mine.intersects(r) for r in rects) == 1



def test_delete_action_is_enabled_for_a_selected_wire(window):
    scene = window.scene
    wire = scene.wire_items()[0]
    src, dst, slot = wire.key
    assert not window.actionDelete.isEnabled()
    wire.setSelected(True)
    assert window.actionDelete.isEnabled()  # the toolbar button and Edit ▸ Delete
    window.actionDelete.trigger()
    assert window.document.source(dst, slot) is None
    assert not window.actionDelete.isEnabled()

def test_scene_messages_reach_the_status_bar(window):
    window.scene.statusMessage.emit("a block cannot feed itself")
    assert window.statusBar().currentMessage() == "a block cannot feed itself"


# -- export and rendering --------------------------------------------------------------------

def test_export_png_and_svg(window, tmp_path):
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    assert window.export_to(png) is None
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200 and image.height() > 100
    assert distinct_colours(image) > 8
    assert window.export_to(svg) is None
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "log" in text
    window.new_document()
    assert window.export_to(tmp_path / "empty.png")  # nothing to export: an error



def test_export_png_of_a_big_graph_is_scaled_to_fit(window, tmp_path, monkeypatch):
    # At 2× a wide graph needs more pixels than QImage allows: it is drawn smaller.
    from autodiff_gui.ui.window import files

    monkeypatch.setattr(files, "MAX_EXPORT_PIXELS", 400_000)
    window.document.set_position(window.document.find_input("y"), (30_000.0, 20_000.0))
    png = tmp_path / "big.png"
    assert window.export_to(png) is None
    image = QImage(str(png))
    assert not image.isNull() and image.width() * image.height() <= 401_000  # rounding
    assert image.width() > 400

def test_window_renders_non_blank(window, qtbot):
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    assert image.width() >= 1100
    assert distinct_colours(image) > 30
    # The canvas part itself is not blank.
    canvas = window.view.grab().toImage()
    assert distinct_colours(canvas) > 8


@pytest.mark.parametrize("scale,target", [("1", "/tmp/win_1x.png"), ("1.5", "/tmp/win_15x.png")])
def test_screenshot_subprocess_at_scale(scale, target, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale,
               XDG_CONFIG_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    if os.path.exists(target):
        os.remove(target)
    code = ("import sys; from autodiff_gui.ui.app.startup import run_gui; "
            f"sys.exit(run_gui(screenshot={target!r}))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    image = QImage(target)
    assert (image.width(), image.height()) == (round(1280 * float(scale)),
                                               round(800 * float(scale)))
    assert distinct_colours(image, step=4) > 30


def test_screenshot_failure_exits_non_zero(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               PYTHONPATH=str(ROOT))
    target = str(tmp_path / "no" / "such" / "folder" / "x.png")
    code = ("import sys; from autodiff_gui.ui.app.startup import run_gui; "
            f"sys.exit(run_gui(screenshot={target!r}, steps=3))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and "screenshot" in out.stderr


# -- i18n -------------------------------------------------------------------------------------

def test_translator_loads_when_present_and_not_when_missing(qapp, tmp_path, qtbot):
    assert not i18n.install_translator(qapp, "xx_YY", directory=tmp_path)
    ts = tmp_path / "autodiff_ko.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="ko">'
        "<context><name>MainWindow</name><message><source>&amp;File</source>"
        "<translation>파일(&amp;F)</translation></message></context></TS>", encoding="utf-8")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed")
    subprocess.run([str(lrelease), str(ts), "-qm", str(tmp_path / "autodiff_ko.qm")],
                   check=True, capture_output=True)
    try:
        assert i18n.install_translator(qapp, "ko_KR", directory=tmp_path)
        w = MainWindow(Document(), restore=False)
        qtbot.addWidget(w)
        assert w.file_menu.title() == "파일(&F)"
    finally:
        i18n.remove_translators(qapp)
    assert QApplication.translate("MainWindow", "&File") == "&File"



def test_canvas_shortcuts_do_not_fire_while_typing(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts need an active window
    doc = window.document
    log_node = next(n for n in doc.nodes() if doc.node(n).get("op") == "log")
    window.scene.node_item(log_node).setSelected(True)
    edit = window.expression_bar.edit
    edit.setFocus()
    edit.setText("x + y")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_F)
    assert edit.text() == "x + f"
    assert log_node in window.document and window.undo_stack.count() == 0
    # On the canvas, Delete removes the selected block as one undo step; Ctrl+Z undoes it.
    deleted = []
    window.actionDelete.triggered.connect(lambda: deleted.append(True))
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert deleted  # through the window's action
    assert log_node not in window.document and window.undo_stack.count() == 1
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert log_node in window.document


def test_dark_scheme_palette_follows_and_returns(qapp):
    from PySide6.QtGui import QPalette

    from autodiff_gui.ui.app.startup import apply_color_scheme

    window_colour = lambda: qapp.palette().color(QPalette.ColorRole.Window).lightness()
    try:
        apply_color_scheme(qapp, Qt.ColorScheme.Dark)
        assert qapp.style().name().lower() == "fusion"
        assert window_colour() < 128
        apply_color_scheme(qapp, Qt.ColorScheme.Light)
        assert window_colour() >= 128
    finally:
        apply_color_scheme(qapp, Qt.ColorScheme.Light)


def test_a_refusal_leaves_the_status_bar_once_an_edit_goes_through(window):
    """On a projector a stale "'abc' is not a number" reads as if the next edit failed."""
    model = window.inputs_panel.model
    idx = model.index(0, 1)
    assert not model.setData(idx, "abc")
    assert "abc" in window.statusBar().currentMessage()
    assert model.setData(idx, "3")
    assert window.statusBar().currentMessage() == ""


def test_moving_a_block_does_not_re_evaluate_the_graph(window, monkeypatch):
    """A drag sends many "moved" events; none changes the value or the expression."""
    calls = []
    monkeypatch.setattr(window.status_value, "summary",
                        lambda: calls.append(1) or ("", False))
    node = window.document.nodes()[0]
    window.document.set_position(node, (500.0, 500.0))
    QApplication.processEvents()
    assert calls == []
    window.document.set_value(node, 5.0)
    QApplication.processEvents()
    assert calls == [1]
