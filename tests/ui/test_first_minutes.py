"""What a student meets in the first ten minutes (issue 15 items 2, 8, 9, 10, 11).

Each test drives the real MainWindow (offscreen) the way the report did: buttons
clicked with the mouse, blocks added through the window's own paths, and checks
what the window shows afterwards.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from autodiff_gui.core.expr import parse
from autodiff_gui.ui.editing.commands import Connect, SetOutput, SetValue, try_push
from autodiff_gui.ui.run.stepping import StepController
from autodiff_gui.ui.run.trace_model import TracePanel
from autodiff_gui.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


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
        assert "PyTorch" in panel.status.text() and "PyTorch" in panel.badge.text()
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


# -- item 8: nothing stale from an earlier graph ------------------------------------------

def test_gradient_descent_error_goes_with_its_graph(win):
    gs = win.gradient_step
    assert win.apply_expression("x * [1, 2]") is None  # an array: no loss to descend
    assert gs.step() is not None
    assert gs.panel.status.text() and gs.last_error
    assert win.new_document()
    QApplication.processEvents()
    assert gs.panel.status.text() == "" and gs.last_error == ""
    # An error said after a new expression goes with the next one too.
    assert win.apply_expression("x * [1, 2]") is None
    assert gs.step() is not None
    assert win.apply_expression("x**2") is None
    QApplication.processEvents()
    assert gs.panel.status.text() == ""
    # ... and a step's own message with its function.
    assert gs.step() is None and gs.panel.status.text()
    assert win.apply_expression("y**3") is None
    QApplication.processEvents()
    assert gs.panel.status.text() == ""


def test_gradient_descent_error_wraps_inside_the_sidebar(win, qtbot):
    gs = win.gradient_step
    gs.show_dock()
    qtbot.waitUntil(gs.panel.isVisible)
    QApplication.processEvents()
    sidebar = gs.panel.status.parentWidget()
    width = sidebar.width()
    assert win.apply_expression("x * [1, 2, 3]") is None
    assert gs.step() is not None
    QApplication.processEvents()
    assert gs.panel.status.wordWrap()
    assert sidebar.width() == width  # the message did not widen the sidebar
    assert gs.panel.status.sizeHint().width() <= sidebar.maximumWidth()


def test_lesson_done_mark_goes_back_on_reset(win, qtbot):
    panel = win.lessons.panel
    win.lessons.open(0)
    found = None
    for li, lesson in enumerate(panel.book.lessons):
        for pi, page in enumerate(lesson.pages):
            if page.point_at == "actionRunToEnd" and page.until_step is None:
                found = (li, pi)
                break
        if found:
            break
    assert found is not None
    panel.open_lesson(*found)
    QApplication.processEvents()
    c = win.run_panel.controller
    if c.done:  # the page found its pass run already: take it back first
        win.run_panel.actionReset.trigger()
    assert "✓" not in panel.hint.text()
    win.run_panel.actionRunToEnd.trigger()
    QApplication.processEvents()
    assert c.done and panel.hint.text().startswith("✓")
    win.run_panel.actionReset.trigger()
    QApplication.processEvents()
    assert c.position == 0
    assert not panel.hint.text().startswith("✓") and panel.pointer.target is not None


def test_clicking_a_trace_row_goes_there_and_highlights_it(qtbot):
    doc = parse("(x**2 + 2*x) * log(y)", values={"x": 1.0, "y": 2.0})
    c = StepController(doc)
    panel = TracePanel(c)
    qtbot.addWidget(panel)
    panel.resize(700, 190)  # a few rows visible: the table scrolls, as in a short dock
    panel.show()
    qtbot.waitExposed(panel)
    c.run_to_end()
    assert c.position == 14
    table = panel.table
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() ==
                    table.verticalScrollBar().maximum() > 0)  # at the last step
    rect = table.visualRect(panel.model.index(10, 2))  # step 11
    assert table.viewport().rect().contains(rect.center())
    vp = table.viewport()
    press = rect.center()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=press)
    for dy in (1, 2):  # a hand never holds still between press and release
        pos = QPointF(press.x(), press.y() + dy)
        move = QMouseEvent(QEvent.Type.MouseMove, pos, vp.mapToGlobal(pos),
                           Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, move)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=press)
    QApplication.processEvents()
    assert c.position == 11
    assert table.currentIndex().row() == 10
    assert [i.row() for i in table.selectionModel().selectedRows()] == [10]
    # Later rows stay, greyed; the executed ones are the trace.
    model = panel.model
    assert model.rowCount() == 14 and len(model.rows()) == 11
    later = model.index(12, 2).data(Qt.ItemDataRole.ForegroundRole)
    done = model.index(9, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert later is not None and later.color() != (done.color() if done else None)
    # A greyed row goes forward again; ← moves the highlight along.
    c.back()
    assert table.currentIndex().row() == 9
    c.go_to(13)
    assert table.currentIndex().row() == 12 and model.rowCount() == 14


def test_accumulated_grad_goes_with_its_output(win):
    rp = win.run_panel
    c, settings = rp.controller, rp.settings
    settings.accumulate.setChecked(True)
    c.run_to_end()
    assert c.accumulated and settings.accumulated.text().count(".grad") == 2
    doc = win.document
    inner = doc.arguments(doc.output)[0]  # x**2 + 2*x: another function of x
    assert try_push(win.undo_stack, lambda: SetOutput(doc, inner)) is None
    assert c.accumulated == {} and settings.accumulated.text() == ""
    c.run_to_end()
    assert list(c.accumulated) == ["x"]
    # A value changed: the same function, so .grad keeps adding up (as in PyTorch).
    assert try_push(win.undo_stack, lambda: SetValue(doc, doc.find_input("x"), 2.0)) is None
    assert list(c.accumulated) == ["x"]
    assert win.apply_expression("x**3") is None  # a new graph
    assert c.accumulated == {} and settings.accumulated.text() == ""


# -- item 10: mixed messages and leftovers --------------------------------------------------

@pytest.mark.parametrize("value", ["-3", "x", "2.5"])
def test_negative_or_odd_step_count_is_refused(value, capsys, qapp):
    from autodiff_gui.cli import main

    assert main(["--steps", value, "--screenshot", "/nonexistent/never.png"]) == 2
    err = capsys.readouterr().err
    assert "--steps" in err and repr(value) in err and "Traceback" not in err


def test_shape_error_names_the_shapes_in_our_words(qapp):
    from autodiff_gui.core.engine import EvalError, compile_graph
    from autodiff_gui.ui.app import i18n

    doc = parse("x + [1, 2]", values={"x": [1.0, 2.0, 3.0]})
    with pytest.raises(EvalError) as info:
        compile_graph(doc).evaluate()
    said = str(info.value)
    assert "(3,)" in said and "(2,)" in said
    assert "operands" not in said and "broadcast together" not in said
    app = QApplication.instance()
    try:
        assert i18n.install_translator(app, "ko")
        korean = i18n.translate_error(info.value)
        assert "(3,)" in korean and "(2,)" in korean
        # Korean throughout: no English word left (op names like "add" aside).
        words = set(re.findall(r"[A-Za-z]{3,}", korean)) - {"add"}
        assert not words, korean
    finally:
        i18n.remove_translators(app)


# -- item 11: quitting does not wait for what it does not need ---------------------------

QUIT_CHILD = r"""
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from autodiff_gui.ui.app.startup import create_app, run_gui

create_app()

def quit_with_a_check_running():
    w = next(x for x in QApplication.topLevelWidgets() if x.objectName() == "mainWindow")
    w.ask_unsaved = lambda: "discard"
    w.run_panel.check_gradients()  # PyTorch still loading when the window closes
    QSettings().setValue("test/written_late", 7)
    w.close()

QTimer.singleShot(300, quit_with_a_check_running)
code = run_gui()
print("returned", code)  # run_gui ends the process itself: never printed
"""


def test_quit_ends_the_process_with_settings_written(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", QUIT_CHILD], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "returned" not in proc.stdout and "Traceback" not in proc.stderr
    files = list(tmp_path.rglob("*.conf"))
    assert files, list(tmp_path.rglob("*"))
    text = "\n".join(f.read_text(errors="replace") for f in files)
    assert "written_late=7" in text and "geometry" in text.lower()


def test_refused_rename_is_said_in_the_dialog_with_the_text_kept(win, monkeypatch):
    from autodiff_gui.ui.canvas import scene as scene_module

    asked: list[tuple[str, str]] = []
    answers = iter([("sin", True), ("speed", True)])

    def ask(_parent, _title, label, text):  # noqa: ANN001, ANN202
        asked.append((label, text))
        return next(answers)

    monkeypatch.setattr(scene_module, "_ask_text", ask)
    x = win.document.find_input("x")
    assert win.scene.edit_node(x)
    assert win.document.node(x)["name"] == "speed"
    (first_label, first_text), (second_label, second_text) = asked
    assert first_text == "x" and second_text == "sin"  # the refused text, kept to correct
    assert second_label != first_label and second_label.endswith(first_label)
    reason = second_label[: -len(first_label)].strip()
    assert reason and "sin" in reason


def test_edit_dialog_is_wide_enough_for_its_title(qapp):
    from PySide6.QtGui import QFontMetrics

    from autodiff_gui.ui.canvas.scene import input_dialog

    title = "Edit value of constant 2"
    dialog = input_dialog(None, title, "Value:", "2.0")
    try:
        dialog.show()
        QApplication.processEvents()
        assert dialog.width() > QFontMetrics(dialog.font()).horizontalAdvance(title) + 100
    finally:
        dialog.close()
        dialog.deleteLater()


ALLOWED_LATIN = {"JSON", "Autodiff", "Studio", "adgraph", "json", "bad", "UTF"}


@pytest.fixture
def korean(qapp):
    from autodiff_gui.ui.app import i18n

    assert i18n.install_translator(qapp, "ko")
    yield
    i18n.remove_translators(qapp)


@pytest.mark.parametrize("content", ["{bad json", "[1, 2]", '{"format": "other"}',
                                     '{"format": "autodiff-studio", "version": 99}'])
def test_a_refused_file_is_explained_in_korean_only(korean, qtbot, tmp_path, content):
    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    path = tmp_path / "bad.adgraph.json"
    path.write_text(content, encoding="utf-8")
    message = w.open_path(path)
    assert message
    said = re.sub(r"'[^']*'", "", message)  # quoted file content is shown as it is
    words = set(re.findall(r"[A-Za-z]{3,}", said)) - ALLOWED_LATIN
    assert not words, message


def test_qt_file_dialog_speaks_korean(korean, qtbot):
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    dialog = QFileDialog(None, "t")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    QApplication.processEvents()
    texts = [lab.text() for lab in dialog.findChildren(QLabel) if lab.text()]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
    assert texts
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("&", ""))]
    assert not english, english
