"""UI test setup: every test gets its own settings file in a temporary folder.

QSettings is pointed at ``tmp_path`` (INI format, test organization and
application names), so no test reads or writes the user's real settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from shiboken6 import isValid

TEST_ORG = "AutodiffStudioTests"
TEST_APP = "autodiff-studio-tests"


@pytest.fixture(autouse=True)
def temp_settings(tmp_path: Path) -> Iterator[Path]:
    """Route QSettings() to ``tmp_path/settings`` for the duration of a test."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder))
    QCoreApplication.setOrganizationName(TEST_ORG)
    QCoreApplication.setApplicationName(TEST_APP)
    # Not restored afterwards on purpose: a QSettings() made later in the session
    # must not fall back to the user's real file.
    yield folder


@pytest.fixture(autouse=True, scope="session")
def release_clipboard_at_exit() -> Iterator[None]:
    """The test session never quits the app, so release its clipboard data by hand:
    PySide6 crashes at interpreter exit if the clipboard still holds our QMimeData."""
    yield
    from autodiff_gui.ui.canvas.clipboard import release_clipboard

    release_clipboard()


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[..., object]]:
    """Open the test's MainWindow: nothing restored, unsaved work discarded, error boxes
    silent, settings not persisted, ``size`` (1500×950; None: Qt's own) and exposed.
    Closed (workers shut down) after the test, once the fixtures that asked for it
    have finished."""
    from autodiff_gui.ui.window.main_window import MainWindow

    opened: list[MainWindow] = []

    def open_(size: tuple[int, int] | None = (1500, 950)) -> MainWindow:
        w = MainWindow(restore=False)
        w.ask_unsaved = lambda: "discard"
        w.report_error = lambda title, text: None
        w.persist_settings = False
        if size is not None:
            w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        opened.append(w)
        return w

    yield open_
    for w in opened:
        if isValid(w):
            w.lessons.panel.shutdown()
            w.run_panel.shutdown()
            w.close()
            w.deleteLater()
