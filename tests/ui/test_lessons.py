"""The Lessons panel, the Examples menu and the pointer, in the real main window.

Pages are shown the way a student meets them: the control a page points at is
found by its objectName and triggered, and what the page quotes is looked for in
what the window shows (narration, trace, comparison tables, plot status, the
lesson's transcript).  PyTorch is imported once per process (in the comparison
and demonstration workers); the tensor demonstration runs in a QProcess.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidget

from autodiff_gui.course.lessons import load_examples, values_differ
from autodiff_gui.ui.app import i18n
from autodiff_gui.ui.course import examples as examples_ui
from autodiff_gui.ui.course.lessons import LessonsPanel, render_text
from autodiff_gui.ui.course.pointer import POINTER_COLOR
from tests.ui.waiting import wait_laid_out

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
LONG = 60_000  # ms: the first PyTorch import in a worker, on a busy machine


@pytest.fixture
def win(open_window, qtbot):
    w = open_window()
    wait_laid_out(qtbot, w)  # the Run panel sizes its docks and fits the graph after the show
    return w


def open_lessons(w, lang: str = "en") -> LessonsPanel:
    panel = w.lessons.panel
    if panel.language != lang:
        panel.set_language(lang, show=False)
    w.lessons.open(0)
    QApplication.processEvents()
    return panel


def shown_text(w) -> str:
    """Everything the window shows in words and numbers."""
    rp = w.run_panel
    parts = [rp.narration.plain(), rp.plots.status.text(),
             w.lessons.panel.transcript.toPlainText(), w.lessons.panel.numdiff.text()]
    parts += ["  ".join(row) for row in rp.trace.model.rows(full=False)]
    for model in (rp.comparison.input_model, rp.comparison.node_model):
        for r in range(model.rowCount()):
            parts += [model.item(r, c).text() for c in range(model.columnCount())]
    return "\n".join(parts)


def quoted(quote: str, text: str) -> bool:
    """A number quote matches a shown number of equal value (``100`` ~ ``100.0``, but
    ``3`` does not match ``3.5``); any other quote must appear as it is."""
    if NUMBER.fullmatch(quote):
        want = float(quote)
        return any(float(tok) == want for tok in NUMBER.findall(text))
    return quote in text


def trigger_until(qtbot, w, panel, page) -> None:
    """Use the control the page points at, as a student would."""
    action = w.findChild(QAction, page.point_at)
    assert action is not None, page.point_at
    c = w.run_panel.controller
    if page.until_step is not None:
        for _ in range(50):
            if c.position >= page.until_step:
                break
            action.trigger()
        assert c.position == page.until_step, page.title
    elif page.point_at == "actionCheckGradients":
        with qtbot.waitSignal(w.run_panel.comparison.finished, timeout=LONG):
            action.trigger()
    else:
        action.trigger()


def wait_for_show(qtbot, w, panel, page) -> None:
    if page.show == "torch:tensors":
        qtbot.waitUntil(lambda: bool(panel.transcripts["tensors"]), timeout=LONG)
    elif page.show == "torch:mechanics":
        qtbot.waitUntil(lambda: bool(panel.transcripts["mechanics"]) and not panel.is_busy(),
                        timeout=LONG)
    elif page.show and page.show.startswith("plots:") and page.show != "plots:loss":
        plots = w.run_panel.plots
        qtbot.waitUntil(lambda: plots.status.text().startswith("Slope")
                        or "V" in plots.status.text(), timeout=LONG)


# -- the data on screen ------------------------------------------------------------------

def test_text_is_rendered_safely():
    html = render_text("a <b>bold</b> & `x<y`\nsecond line\n\n  next `code` here  ")
    assert html.count("<p>") == 2
    assert "&lt;b&gt;bold&lt;/b&gt; &amp;" in html and "<b>" not in html
    assert "<code>x&lt;y</code>" in html and "<code>code</code>" in html
    assert "<br>second line" in html


def test_every_page_opens_in_both_languages(win, qtbot):
    examples = load_examples()
    c = win.run_panel.controller
    for lang in ("en", "ko"):
        panel = open_lessons(win, lang)
        assert panel.language == lang
        titles = [panel.lesson_box.itemText(i) for i in range(panel.lesson_box.count())]
        assert len(titles) == 7 and titles[0] == panel.book.lessons[0].title
        for li, lesson in enumerate(panel.book.lessons):
            panel.open_lesson(li)
            for k, page in enumerate(lesson.pages):
                panel.show_page(k)
                assert panel.page is page
                # The lesson's exercises page comes after its pages and counts.
                assert panel.page_label.text() == f"page {k + 1} of {len(lesson.pages) + 1}"
                first_words = page.text.replace("`", "")[:12]
                assert first_words in panel.text_view.toPlainText()
                if page.example is not None:
                    ex = examples[page.example]
                    assert examples_ui.matches(win.document, ex), page.title
                    shown = win.document.input_values()
                    wanted = {**ex.values, **page.values}
                    assert set(shown) == set(wanted)
                    assert not any(values_differ(shown[n], v) for n, v in wanted.items())
                    assert c.mode == (page.mode or "reverse")
                    assert not values_differ(c.upstream, page.upstream or 1.0)
                    if page.wrt:
                        assert c.wrt == page.wrt
                if page.point_at:
                    target = win.findChild(QAction, page.point_at) or \
                        win.findChild(QWidget, page.point_at)
                    assert target is not None, page.point_at
                    assert panel.pointer.active() and not panel.pointer_missing, page.title
                    assert panel.hint.isVisible() and panel.hint.text()
                else:
                    assert not panel.pointer.active()
                if page.show == "compare":
                    assert not win.run_panel.compare_dock.visibleRegion().isEmpty()
                if page.plot_input:
                    QApplication.processEvents()  # the plot is chosen after the graph
                    plots = win.run_panel.plots
                    assert plots.input_box.currentText() == page.plot_input
                    assert plots.kind() == {"plots:function": "function",
                                            "plots:error": "sweep"}[page.show]
                    assert not win.run_panel.plots_dock.visibleRegion().isEmpty()
                if page.show == "plots:loss":
                    assert not win.gradient_step.dock.visibleRegion().isEmpty()
                if page.show and page.show.startswith("code:"):
                    kind = page.show.split(":")[1]
                    code = win.run_panel.code
                    assert code.tabs.currentWidget() is code.editors[kind]
                assert panel.demo.isVisible() == (page.show in ("torch:tensors",
                                                                "torch:mechanics"))
        # Next ▶ from the last page shows the lesson's exercises; from there, in the
        # last lesson, it goes nowhere; Back walks back.
        assert panel.next_page() and panel.on_exercises
        assert not panel.next_page()
        assert panel.previous_page() and not panel.on_exercises
        assert panel.page_index == len(lesson.pages) - 1
        assert panel.previous_page() and panel.page_index == len(lesson.pages) - 2


def test_by_hand_walk_quotes_the_narration(win, qtbot):
    """Lesson 4 page by page: press what the page points at until its step, read the
    quotes in the narration (numbers may also be on the canvas blocks or the trace)."""
    panel = open_lessons(win)
    panel.open_lesson("by_hand")
    assert win.document.input_values() == {"x": 2.0, "y": 3.0}  # TIMES['f'](2, 3)
    panel.next_page()
    lesson = panel.lesson
    c = win.run_panel.controller
    nar = win.run_panel.narration
    assert panel.example_result == examples_ui.LOADED
    assert win.document.input_values() == {"x": 1.0, "y": 2.0}
    code = win.run_panel.code
    assert code.tabs.currentWidget() is code.editors["seed"]
    undo_count = win.undo_stack.count()
    for k in range(2, len(lesson.pages)):
        assert panel.next_page() and panel.page_index == k
        page = panel.page
        assert panel.example_result == examples_ui.SAME  # the pass goes on
        assert panel.pointer.active()
        button = panel.pointer.target
        assert button is win.run_panel.toolbar.widgetForAction(
            win.findChild(QAction, page.point_at))
        while c.position < page.until_step:
            assert panel.pointer.active()  # it stays until the step is reached
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert c.position == page.until_step
        assert not panel.pointer.active()
        assert panel.hint.text().startswith("✓")
        text = nar.plain()
        for quote in page.quotes:
            assert quote in text, (page.title, quote)
    assert win.undo_stack.count() == undo_count  # stepping is not an edit
    # Back to "ADD passes the gradient on": the pass goes back to that page's end.
    panel.previous_page()
    assert c.position == 12 and "1.3863" in nar.plain()
    # A jump into the middle of the lesson starts where the previous page ended.
    c.reset()
    panel.open_lesson("by_hand", 4)
    assert c.position == 9


def test_every_quote_is_on_screen(win, qtbot):
    """All pages in English: use the pointed control, wait for workers, find the quotes."""
    panel = open_lessons(win)
    checked = 0
    for li, lesson in enumerate(panel.book.lessons):
        panel.open_lesson(li)
        for k, page in enumerate(lesson.pages):
            panel.show_page(k)
            if page.show and (page.quotes or page.show.startswith("torch:")):
                wait_for_show(qtbot, win, panel, page)
            if page.point_at:
                trigger_until(qtbot, win, panel, page)
            QApplication.processEvents()
            text = shown_text(win)
            for quote in page.quotes:
                assert quoted(quote, text), (lesson.id, k + 1, quote)
                checked += 1
    assert checked >= 30
    # The last mechanics transcript is PyTorch's own print of the vector page: vᵀJ.
    assert "tensor([ 9., 12., 15.])" in panel.transcripts["mechanics"]
    assert "grad_tensors=torch.tensor([1.0, 2.0])" in panel.transcripts["mechanics"]


def test_tensor_demonstration_runs_in_a_process(win, qtbot):
    panel = open_lessons(win)
    panel.open_lesson("tensors")
    assert panel.demo.isVisible() and panel.tensors_running()  # the GUI did not wait
    with qtbot.waitSignal(panel.transcriptReady, timeout=LONG):
        pass
    out = panel.transcript.toPlainText()
    # The notebook's cells as written, labelled; no marker line reaches the student.
    assert "In [3]:\nnp.random.seed(0)" in out and "##" not in out
    assert "[[100.           0.71518937   0.60276338]" in out
    assert "torch.float32 False" in out and panel.demo_button.isEnabled()
    assert "(not in the notebook: as_tensor shares memory only when" in out
    panel.next_page()  # the same demonstration: shown again, not run again
    assert not panel.tensors_running() and "float32" in panel.transcript.toPlainText()


# -- the pointer -------------------------------------------------------------------------

def orange_pixels(w, rect) -> int:
    image = w.grab(rect).toImage()
    want = QColor(POINTER_COLOR)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - want.red()) < 40 and abs(c.green() - want.green()) < 50 \
                    and c.blue() < 90:
                count += 1
    return count


def test_pointer_frames_the_button_and_goes_away(win, qtbot):
    panel = open_lessons(win)
    panel.open_lesson("modes", 1)  # "Reverse mode: ...": press Run to end
    action = win.findChild(QAction, "actionRunToEnd")
    button = win.run_panel.toolbar.widgetForAction(action)
    pointer = panel.pointer
    assert pointer.active() and pointer.target is button
    # Around the button, on top of the window, visibly orange.
    top_left = button.mapTo(win, button.rect().topLeft())
    assert pointer.geometry().contains(top_left)
    assert pointer.geometry().contains(top_left + button.rect().bottomRight())
    with qtbot.waitSignal(pointer._anim.valueChanged):  # a frame of the pulse, painted
        pass
    assert orange_pixels(win, pointer.geometry()) > 2 * (button.width() + button.height())
    assert pointer.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert "Run to End" in panel.hint.text() and "orange" in panel.hint.text()
    # Using the control clears it.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert win.run_panel.controller.done
    assert not pointer.active() and panel.hint.text().startswith("✓")
    assert orange_pixels(win, button.geometry().translated(top_left - button.pos())) < 5
    # A new page points again; changing the page clears it.
    panel.previous_page()
    assert pointer.active()
    panel.next_page()
    panel.next_page()  # "When forward mode wins": points at nothing
    assert not pointer.active() and not panel.hint.isVisible()


def test_a_page_after_the_pass_ended_does_not_ask_for_a_disabled_button(win):
    panel = open_lessons(win)
    panel.open_lesson("arrays", 0)  # "Broadcasting": press Run to end
    win.findChild(QAction, "actionRunToEnd").trigger()
    assert panel.hint.text().startswith("✓")
    panel.next_page()  # the same pass, already at its end: Run to End is disabled
    assert panel.example_result == examples_ui.SAME
    assert not win.findChild(QAction, "actionRunToEnd").isEnabled()
    assert not panel.pointer.active() and panel.hint.text().startswith("✓")
    win.run_panel.controller.reset()
    panel.show_page(1)  # a fresh pass: the button is pointed at again
    assert panel.pointer.active() and "Run to End" in panel.hint.text()


def test_help_lessons_opens_the_dock(win):
    dock = win.findChild(QDockWidget, "lessonsDock")
    assert dock is not None and dock.isHidden()  # not in the way at start
    action = win.findChild(QAction, "actionLessons")
    help_menu = win.findChild(QMenu, "menuHelp")
    assert action in help_menu.actions()
    assert dock.toggleViewAction() in win.view_menu.actions()
    before = win.undo_stack.count()
    action.trigger()
    QApplication.processEvents()
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()
    assert win.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert win.palette_dock in win.tabifiedDockWidgets(dock)  # a tab beside the Blocks
    assert dock.width() >= 300
    panel = win.lessons.panel
    assert panel.page_title.text() == panel.book.lessons[0].pages[0].title
    assert win.undo_stack.count() == before + 1  # lesson 1's example, one step
    assert panel.lesson.id == "numerical"


def test_language_follows_the_app(win, qtbot):
    app = QCoreApplication.instance()
    old = app.property("autodiffLanguage")
    try:
        app.setProperty("autodiffLanguage", "ko_KR")
        assert i18n.current_language() == "ko"
        panel = LessonsPanel(win.context)
        assert panel.language == "ko" and "텐서" in panel.lesson_box.itemText(1)
        panel.deleteLater()
        app.setProperty("autodiffLanguage", "fr")
        panel = LessonsPanel(win.context)
        assert panel.language == "en"  # no French lessons: English
        panel.deleteLater()
    finally:
        app.setProperty("autodiffLanguage", old)


# -- the Examples menu ---------------------------------------------------------------------

def test_examples_menu_loads_one_undo_step(win):
    menu = win.findChild(QMenu, "menuExamples")
    assert menu is not None and menu.menuAction() in win.menuBar().actions()
    menu.aboutToShow.emit()  # the user opens it: it is filled on first opening
    examples = load_examples()
    acts = [a for a in menu.actions() if a.objectName().startswith("actionExample_")]
    assert [a.data() for a in acts] == list(examples)
    assert acts[0].text() == examples["seed"].title("en")
    before = win.document.copy()
    count = win.undo_stack.count()
    win.findChild(QAction, "actionExample_neuron").trigger()
    assert win.undo_stack.count() == count + 1
    assert examples_ui.matches(win.document, examples["neuron"])
    assert win.document.input_values() == examples["neuron"].values
    assert all(win.document.position(n) is not None for n in win.document.nodes())
    assert win.expression_text() == "(sigmoid(w*x + b) - t)**2"
    assert win.gradient_step.chosen() == ["w", "b"]  # the example's trainable inputs
    win.undo_stack.undo()
    assert win.document.same_as(before, positions=False)
    # In Korean the same menu speaks Korean.
    win.examples.rebuild("ko")
    assert win.examples.actions["seed"].text() == examples["seed"].title("ko")
    assert win.examples.actions["seed"].text() != examples["seed"].title("en")


def test_a_language_switch_keeps_the_page(win, qtbot):
    """View ▸ Language retranslates the window: the lesson, page and stepping stay."""
    from autodiff_gui.ui.app import i18n, language

    app = QApplication.instance()
    panel = open_lessons(win)
    panel.open_lesson("by_hand", 3)
    c = win.run_panel.controller
    c.go_to(8)
    try:
        language.switch(win, "ko", remember=False)
        QApplication.processEvents()
        p = win.lessons.panel
        assert p is panel  # nothing is rebuilt
        assert p.language == "ko" and p.lesson.id == "by_hand" and p.page_index == 3
        assert p.page_title.text() == p.page.title and "역전파" in p.page_title.text()
        assert win.run_panel.controller.position == 8
        qtbot.waitUntil(lambda: p.pointer.active(), timeout=2000)
        assert p.pointer.target is win.run_panel.toolbar.widgetForAction(
            win.findChild(QAction, "actionNextStep"))
    finally:
        i18n.remove_translators(app)
