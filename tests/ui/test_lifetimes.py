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
