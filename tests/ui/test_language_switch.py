"""View ▸ Language keeps the window: the same MainWindow, document, history and results.

The switch goes through the language menu's own path (``language.switch``, as the
menu action does): only the translator changes; the window and every part re-set
their texts on ``QEvent.LanguageChange``.  Before this, a switch built a new window
and the Compare table went from 9 rows to 0.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from shiboken6 import isValid

from autodiff_gui.ui.app import i18n, language
from autodiff_gui.ui.editing.commands import SetValue
from autodiff_gui.ui.window.main_window import MainWindow

LONG = 60_000  # ms: the comparison runs in a worker on a busy machine
MENUS = ("menuFile", "menuEdit", "menuView", "menuRun", "menuExamples", "menuHelp",
         "menuLanguage")


@pytest.fixture
def win(open_window):
    app = QApplication.instance()
    i18n.remove_translators(app)
    yield open_window(None)  # closed by open_window after the translator is removed
    i18n.remove_translators(app)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def menu_titles(w: MainWindow) -> dict[str, str]:
    return {name: w.findChild(QMenu, name).title() for name in MENUS}


def test_switch_keeps_the_window_its_document_history_and_compare_rows(win, qtbot):
    doc, stack, panel = win.document, win.undo_stack, win.run_panel
    x = doc.find_input("x")
    stack.push(SetValue(doc, x, 1.5))
    stack.push(SetValue(doc, x, 1.0))
    stack.undo()
    with qtbot.waitSignal(panel.comparison.finished, timeout=LONG):
        assert panel.check_gradients()
    inputs = panel.comparison.table.model().rowCount()
    rows = panel.comparison.node_table.model().rowCount()
    assert (inputs, rows) == (2, 9)  # a row per input and per node of the seed graph
    english = menu_titles(win)
    assert english["menuFile"] == "&File" and english["menuRun"] == "&Run"
    zoom = win.view.transform().m11()

    # As View ▸ Language ▸ 한국어 does (after its click: a queued call).
    win.findChild(QAction, "actionLanguage_ko").trigger()
    qtbot.waitUntil(lambda: i18n.current_language() == "ko", timeout=5000)
    QApplication.processEvents()
    assert win.isVisible() and isValid(win)
    assert win.document is doc and win.undo_stack is stack and win.run_panel is panel
    assert (stack.count(), stack.index()) == (2, 1)
    assert panel.comparison.node_table.model().rowCount() == rows
    assert panel.comparison.table.model().rowCount() == inputs
    assert win.view.transform().m11() == zoom
    korean = menu_titles(win)
    assert korean["menuFile"] == "파일(&F)" and korean["menuRun"] == "실행(&R)"
    assert all(korean[m] != english[m] for m in MENUS)
    assert win.findChild(QAction, "actionLanguage_ko").isChecked()

    language.switch(win, "en", remember=False)
    assert menu_titles(win) == english
    assert (stack.count(), stack.index()) == (2, 1)
    assert panel.comparison.node_table.model().rowCount() == rows
    assert win.findChild(QAction, "actionLanguage_en").isChecked()


def test_parts_built_later_speak_the_language_of_the_moment(win):
    """A part built after a switch (here the lessons dock) is built in the new language."""
    language.switch(win, "ko", remember=False)
    assert win.lessons.dock.windowTitle() != "Lessons"
    assert win.lessons.panel.language == "ko"
