"""A language switch retranslates the panels in place: their state simply stays.

View ▸ Language installs the translator and Qt sends ``QEvent.LanguageChange`` to
every widget; each panel says its texts again in ``retranslate()``.  These tests fill the
panels (a pass stepped into its backward half, a comparison with rows, a plot, a
lesson page, a palette filter, a refused upstream gradient), switch to Korean and
back, and check that nothing was lost and nothing is left in the other language
(``language_walk`` walks what the window shows).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget
from shiboken6 import isValid

from autodiff_gui.ui.app import i18n, language
from autodiff_gui.ui.window.main_window import MainWindow
from tests.ui import language_walk as walk

HANGUL = re.compile(r"[\uac00-\ud7a3]")
MIDDLE_OF_BACKWARD = 11  # the seed graph: 9 forward steps, then the backward pass
LONG = 60_000  # ms: a worker on a busy machine


def switch_language(window: QWidget, lang: str) -> None:
    """Speak ``lang`` (``"ko"`` or ``"en"``) from now on, as View ▸ Language does.

    Installing the translator makes Qt send ``LanguageChange`` to every widget;
    ``language.switch`` delivers it before it returns and rebuilds nothing.
    """
    language.switch(window, lang, remember=False)
    QApplication.processEvents()
    assert i18n.current_language() == lang


@pytest.fixture
def win(open_window):
    app = QApplication.instance()
    i18n.remove_translators(app)
    yield open_window()  # closed by open_window after the translator is removed
    i18n.remove_translators(app)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def front(dock: QDockWidget) -> None:
    dock.show()
    dock.raise_()
    QApplication.processEvents()


def table(view) -> list[list[str]]:
    model = view.model()
    return [[str(model.data(model.index(r, c))) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def numbers(rows: list[list[str]]) -> list[list[str]]:
    """The cells that are numbers (the same in every language)."""
    return [[cell for cell in row if re.fullmatch(r"-?[\d.e+\-]+", cell)] for row in rows]


def fill(w: MainWindow, qtbot) -> dict:
    """Put every panel in a state worth keeping; returns what to compare afterwards."""
    rp = w.run_panel
    lessons = w.lessons
    lessons.open(0, 2)  # the third page of the first lesson
    qtbot.waitUntil(lambda: lessons.panel.page_index == 2)
    c = rp.controller
    c.reset()
    c.go_to(MIDDLE_OF_BACKWARD)
    front(rp.compare_dock)
    with qtbot.waitSignal(rp.comparison.finished, timeout=LONG):
        assert rp.comparison.start(use_torch=False)
    rows = table(rp.comparison.table)
    assert len(rows) == 2  # x and y
    w.palette_widget.set_filter("log")
    # A refused upstream gradient: its reason is said in the new language too.
    rp.settings.upstream_edit.setText("[1, 2")
    assert not rp.settings.apply_upstream()
    # A typed expression the parser refuses: the bar keeps the text and marks the error.
    error = w.apply_expression("x +* 2")
    assert error and w.expression_bar.error == error
    return {"position": c.position, "rows": rows, "lesson": lessons.panel.lesson_index,
            "page": lessons.panel.page_index, "title": lessons.panel.page_title.text(),
            "specs": w.palette_widget.visible_specs(), "undo": w.undo_stack.count(),
            "narration": rp.narration.plain(), "trace": table(rp.trace.table),
            "refusal": rp.settings.upstream_error.text(), "typed_error": error}


def test_switch_keeps_every_panels_state(win, qtbot):
    w = win
    rp = w.run_panel
    before = fill(w, qtbot)
    document, stack = w.document, w.undo_stack
    comparison = rp.comparison.result

    switch_language(w, "ko")
    assert isValid(w) and w.document is document and w.undo_stack is stack
    assert rp.controller.position == before["position"] == MIDDLE_OF_BACKWARD
    assert stack.count() == before["undo"]
    # The comparison is the same result, its rows the same numbers, said in Korean.
    assert rp.comparison.result is comparison
    rows = table(rp.comparison.table)
    assert numbers(rows) == numbers(before["rows"]) and rows != before["rows"]
    header = rp.comparison.table.model().headerData(0, Qt.Orientation.Horizontal)
    assert HANGUL.search(header)
    # The narration and the trace say the same steps again, in Korean.
    assert HANGUL.search(rp.narration.plain()) and rp.narration.plain() != before["narration"]
    trace = table(rp.trace.table)
    assert len(trace) == MIDDLE_OF_BACKWARD and numbers(trace) == numbers(before["trace"])
    assert trace != before["trace"]
    # The lesson stays at its page, read again from the Korean lessons.
    panel = w.lessons.panel
    assert (panel.lesson_index, panel.page_index) == (before["lesson"], before["page"])
    assert panel.page_title.text() != before["title"] and HANGUL.search(panel.page_title.text())
    assert panel.language == "ko"
    # The palette keeps its filter and shows the same blocks.
    assert w.palette_widget.filter_edit.text() == "log"
    assert w.palette_widget.visible_specs() == before["specs"]
    # The refused upstream gradient keeps its text and says why in Korean.
    assert rp.settings.upstream_edit.text() == "[1, 2"
    assert HANGUL.search(rp.settings.upstream_error.text())
    # The expression bar keeps what was typed and says the parser's error in Korean.
    assert w.expression_bar.text() == "x +* 2"
    assert HANGUL.search(w.expression_bar.error)

    switch_language(w, "en")
    assert rp.controller.position == MIDDLE_OF_BACKWARD
    assert table(rp.comparison.table) == before["rows"]
    assert rp.narration.plain() == before["narration"]
    assert table(rp.trace.table) == before["trace"]
    assert panel.page_title.text() == before["title"] and panel.page_index == 2
    assert w.palette_widget.visible_specs() == before["specs"]
    assert rp.settings.upstream_error.text() == before["refusal"]
    assert w.expression_bar.error == before["typed_error"]


def test_plot_is_drawn_again_in_the_new_language_from_the_same_data(win, qtbot):
    rp = win.run_panel
    front(rp.plots_dock)
    with qtbot.waitSignal(rp.plots.plotted, timeout=LONG):
        rp.plots.recompute()
    data = rp.plots.along
    english = rp.plots.ax.get_title()
    switch_language(win, "ko")
    assert rp.plots.along is data  # nothing computed again
    assert HANGUL.search(rp.plots.ax.get_title()) and rp.plots.ax.get_title() != english
    assert HANGUL.search(rp.plots.kind_box.currentText())
    switch_language(win, "en")
    assert rp.plots.ax.get_title() == english


PANEL_DOCKS = ("narrationDock", "traceDock", "compareDock", "plotsDock", "codeDock",
               "gradientStepDock", "lessonsDock", "paletteDock", "inputsDock")


def panel_texts(w: MainWindow) -> list[walk.Found]:
    """What the window shows (menus, toolbars, docks), each tabbed dock brought to the
    front in turn."""
    found: list[walk.Found] = walk.shown_texts(w)
    for name in PANEL_DOCKS:
        dock = w.findChild(QDockWidget, name)
        assert dock is not None, name
        front(dock)
        found += walk.shown_texts(dock.widget())
    found += walk.shown_texts(w.view)
    found += walk.shown_texts(w.expression_bar)
    return found


def test_no_english_left_in_the_panels_after_a_switch_to_korean_and_back(win, qtbot):
    w = win
    fill(w, qtbot)
    english = panel_texts(w)
    assert len(english) > 100
    assert not walk.hangul_leftovers(english), walk.report(walk.hangul_leftovers(english))

    switch_language(w, "ko")
    korean = panel_texts(w)
    leftovers = walk.english_leftovers(korean)
    assert not leftovers, walk.report(leftovers)
    # The canvas's blocks say their captions and tooltips in Korean too.
    tips = [item.toolTip() for item in w.scene.node_items()]
    assert all(HANGUL.search(tip) or not walk.english_words(tip) for tip in tips), tips

    switch_language(w, "en")
    back = panel_texts(w)
    assert not walk.hangul_leftovers(back), walk.report(walk.hangul_leftovers(back))


def test_a_lesson_exercise_keeps_its_state_through_a_switch(win, qtbot):
    """The secant exercise of the first lesson: the chosen h and the picture stay."""
    panel = win.lessons.panel
    win.lessons.open("numerical", 0)
    qtbot.waitUntil(lambda: panel.numdiff.kind == "secant")
    secant = panel.numdiff.secant
    secant.set_h(0.01)
    h, slider, english = secant.h, secant.slider.value(), secant.readout.text()
    assert english and not HANGUL.search(english)
    switch_language(win, "ko")
    assert (panel.lesson.id, panel.page_index, panel.numdiff.kind) == ("numerical", 0, "secant")
    assert (secant.h, secant.slider.value()) == (h, slider)
    assert HANGUL.search(secant.readout.text())
    switch_language(win, "en")
    assert secant.readout.text() == english


def test_generated_code_is_written_again_in_the_new_language(win, qtbot):
    """The scripts' comments follow the interface language; the code stays the same."""
    code = win.run_panel.code
    front(win.run_panel.code_dock)
    code.regenerate()
    editor = code.editors["torch"]
    english = editor.toPlainText()
    assert "import torch" in english and not HANGUL.search(english)
    switch_language(win, "ko")
    qtbot.waitUntil(lambda: bool(HANGUL.search(editor.toPlainText())))
    korean = editor.toPlainText()
    assert [line for line in korean.splitlines() if line.startswith(("import", "x ="))] == \
        [line for line in english.splitlines() if line.startswith(("import", "x ="))]
    switch_language(win, "en")
    qtbot.waitUntil(lambda: editor.toPlainText() == english)
