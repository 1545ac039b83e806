"""Object lifetimes between Qt and Python (issue 14): nothing may call into a widget, an
item, a model or a stack that Qt has already deleted.  Each test is the smallest form of
something the random-editing campaign (tests/ui/random_editing.py) ran into."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from autodiff_gui.ui.window.main_window import MainWindow


def delete_now(widget) -> None:  # noqa: ANN001
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def make_window(qtbot) -> MainWindow:  # noqa: ANN001
    w = MainWindow(restore=False)
    w.persist_settings = False
    w.ask_unsaved = lambda: "discard"
    w.report_error = lambda _title, _text: None
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_window_deleted_right_after_it_was_shown_calls_no_deleted_panel(qtbot) -> None:
    """The plots and code panels looked at themselves "once the event loop settled"
    through a zero timer without a context: after the window was deleted the call
    still came, into deleted panels."""
    w = make_window(qtbot)
    assert w.apply_expression("x*y") is None
    with qtbot.captureExceptions() as exceptions:
        w.close()
        delete_now(w)
        for _ in range(3):
            QApplication.processEvents()
    assert [str(e[1]) for e in exceptions] == []


def test_a_script_that_copies_blocks_and_never_quits_exits_cleanly(tmp_path) -> None:  # noqa: ANN001
    """PySide6 segfaults when Python exits while the clipboard still holds a QMimeData
    the app made; the window releases it on aboutToQuit, but a script (or a test run,
    or the random-editing runner) may never quit the application: exit code -11."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "copy_and_exit.py"
    script.write_text(
        "from PySide6.QtWidgets import QApplication\n"
        "from autodiff_gui.ui.window.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "w = MainWindow(restore=False)\n"
        "w.persist_settings = False\n"
        "for item in w.scene.items():\n"
        "    item.setSelected(True)\n"
        "w.actionCopy.trigger()\n"
        "assert app.clipboard().mimeData().formats()\n"
        "print('copied')\n")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
           "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True,
                          text=True, timeout=120, env=env)
    assert "copied" in proc.stdout, proc.stderr
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_a_labelled_wire_never_asks_the_scene_between_prepare_and_its_new_rect(qtbot) -> None:  # noqa: ANN001, E501
    """A wire's label looks for a free spot by asking the scene for items, and that
    question brings the scene's index up to date.  Asked between prepareGeometryChange()
    and the new bounding rect, the index filed the wire under its old rect; once the
    wire was removed its pointer stayed in the index and a later paint of the canvas
    crashed (SIGSEGV in QGraphicsView::paintEvent, 3 times in about 2,600 random
    sequences: stepping the backward pass, whose wires carry labels, with auto layout
    and undo).  Qt's rule: nothing may read the index inside that window."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QUndoStack

    from autodiff_gui.core.expr import parse
    from autodiff_gui.ui.canvas import GraphScene, GraphView

    doc = parse("x*y")  # x feeds one wire: every call below is that wire's
    scene = GraphScene(doc, QUndoStack())
    view = GraphView(scene)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    x = scene.node_item(doc.find_input("x"))
    wire = next(w for w in scene.wire_items() if w.src_item is x)
    prepared: list = []  # the rect when prepareGeometryChange() was called, until it changes
    inside: list[str] = []  # index reads while the wire's new rect was still to come
    real_items, real_prepare = scene.items, wire.prepareGeometryChange

    def items(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if prepared and wire.boundingRect() == prepared[-1]:
            inside.append(repr(args))
        return real_items(*args, **kwargs)

    def prepare() -> None:
        prepared.append(QRectF(wire.boundingRect()))
        real_prepare()

    scene.items, wire.prepareGeometryChange = items, prepare
    try:
        wire.set_label("∂f/∂a = 2")  # a label: its spot is looked for among the items
        x.setPos(x.x() - 400, x.y() + 300)  # the wire follows its block
        wire.set_label("∂f/∂a = 2.7726 (longer)")
    finally:
        del scene.items, wire.prepareGeometryChange
    assert prepared and inside == []
    assert wire in scene.items(wire.sceneBoundingRect())
