"""The Lessons panel: the seed notebook retold as short guided lessons.

The content is data (``resources/lessons/lessons_<lang>.json``, read by
``course.lessons``); this module shows it.  A dock "Lessons" (``lessonsDock``,
opened from Help ▸ Lessons or the View menu) holds a lesson picker, the page
text, a hint line, the page's demonstration or exercise and Back/Next buttons with
"page x of n".

Showing a page runs its actions (``page_actions.PageActions``: the example graph,
the stepping settings and position, the panel it brings forward), its PyTorch
demonstration (``demonstrations.LessonDemo``) and its ``point_at``: a pulsing frame
around the control to press and a hint line (``pointer.PagePointer``).

After a lesson's last page comes its exercises page (``exercises.ExercisesBox``:
checked exercises, hints, the student's progress); "page x of n" counts it.  Showing a
page records it in the progress and applies the lesson's classroom settings
(``classroom.ClassroomTools``).

A language change reads the lessons again in the new language and shows the same
page without running its actions again; the pointer, the hint, the demonstration's
transcript and the exercise stay.

Page texts are rendered safely: HTML is escaped, blank lines make paragraphs and
`backticks` make code.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...course.exercise_data import Exercise
from ...course.exercises import ExerciseBook, load_exercises
from ...course.lessons import (
    Example,
    Lesson,
    LessonBook,
    LessonDataError,
    Page,
    load_examples,
    load_lessons,
)
from ..app.i18n import current_language
from ..run.run_panel import RunPanel
from ..run.stepping import StepController
from ..window.context import WindowContext
from ..window.entries import PartEntry
from .demonstrations import LessonDemo
from .exercises import ExercisesBox, classroom_tools
from .numdiff_widgets import NumDiffBox
from .page_actions import PageActions
from .pointer import PASS_ACTIONS, ControlPointer, PagePointer

PANEL_WIDTH = 400  # the dock's width when the lessons are opened
DEMOS = {"torch:tensors": "tensors", "torch:mechanics": "mechanics"}


def render_text(text: str) -> str:
    """Lesson text as safe HTML: escaped, paragraphs from blank lines, `code`."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    out = []
    for para in paragraphs:
        body = html.escape(para.strip(), quote=False)
        body = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", body)
        out.append("<p>" + body.replace("\n", "<br>") + "</p>")
    return "".join(out)


def _unloaded_notice(parent: QWidget) -> tuple[QWidget, QLabel, QPushButton]:
    """The notice of a page shown without running its actions: a label and a button
    that loads its example (hidden until needed)."""
    notice = QWidget(parent)
    notice.setObjectName("lessonUnloaded")
    box = QVBoxLayout(notice)
    box.setContentsMargins(0, 0, 0, 0)
    label = QLabel(notice)
    label.setObjectName("lessonUnloadedLabel")
    label.setWordWrap(True)
    button = QPushButton(notice)
    button.setObjectName("lessonLoadButton")
    box.addWidget(label)
    box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    notice.hide()
    return notice, label, button


def _page_nav(parent: QWidget) -> tuple[QHBoxLayout, QPushButton, QLabel, QPushButton]:
    """The row under a page: Back, "page n of m", Next."""
    back = QPushButton(parent)
    back.setObjectName("lessonBackButton")
    forward = QPushButton(parent)
    forward.setObjectName("lessonNextButton")
    label = QLabel(parent)
    label.setObjectName("lessonPageLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    for b in (back, forward):
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # The arrow keys step through the pass: buttons here must not grab them.
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    nav = QHBoxLayout()
    nav.addWidget(back)
    nav.addWidget(label, 1)
    nav.addWidget(forward)
    return nav, back, label, forward


# -- the panel -------------------------------------------------------------------------

class LessonsPanel(QWidget):
    """The lesson picker, the page, its demonstration or exercise and the page buttons."""

    pageShown = Signal(str, int)  # noqa: N815 (Qt naming): lesson id, page index
    transcriptReady = Signal(str)  # noqa: N815 (Qt naming): "tensors" or "mechanics"

    def __init__(self, ctx: WindowContext, lang: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsPanel")
        self.ctx = ctx
        self.window: QMainWindow = ctx.host  # to find the controls a page points at
        self.examples: dict[str, Example] = {}
        self.book: LessonBook | None = None
        self.error = ""
        self.lesson_index = 0
        self.page_index = 0
        self.controller: StepController | None = ctx.parts.get(RunPanel).controller

        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 1.2)
        self.lesson_box = QComboBox(self)
        self.lesson_box.setObjectName("lessonCombo")
        self.lesson_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lesson_box.setMinimumContentsLength(14)
        self.page_title = QLabel(self)
        self.page_title.setObjectName("lessonPageTitle")
        self.page_title.setWordWrap(True)
        title_font = QFont(big)
        title_font.setBold(True)
        title_font.setPointSizeF(big.pointSizeF() * 1.1)
        self.page_title.setFont(title_font)
        self.text_view = QTextBrowser(self)
        self.text_view.setObjectName("lessonText")
        self.text_view.setOpenLinks(False)
        self.text_view.setFont(big)
        self.text_view.document().setDefaultStyleSheet(
            "p { margin-top: 0px; margin-bottom: 10px; } code { font-family: monospace; }")
        self.text_view.setMinimumHeight(60)
        self.hint = QLabel(self)
        self.hint.setObjectName("lessonHint")
        self.hint.setWordWrap(True)
        hint_font = QFont(big)
        hint_font.setBold(True)
        self.hint.setFont(hint_font)
        self.hint.hide()
        # A page shown without running its actions (a panel a saved layout restored, a
        # load the user cancelled) says so, with a button that loads its example.
        self.unloaded, self.unloaded_label, self.load_button = _unloaded_notice(self)
        self.load_button.clicked.connect(lambda _c=False: self.show_page(self.page_index))
        self._ran: tuple[int, int] | None = None  # the page whose actions ran last
        self.on_exercises = False  # the lesson's exercises page is shown (points at nothing)
        self.pointing = PagePointer(ctx.host, self.hint, self.controller,
                                    lambda: None if self.on_exercises else self.page)
        self.demo = LessonDemo(ctx, self.controller, self)
        self.demo.transcriptReady.connect(self.transcriptReady)
        self.demo.hide()
        self.numdiff = NumDiffBox(self)  # the numerical-differentiation pages' widgets
        self.numdiff.hide()
        self.actions = PageActions(ctx, self.controller, self.numdiff)
        self.tools = classroom_tools(ctx)
        self.exercise_book: ExerciseBook | None = None
        self.exercises_box = ExercisesBox(ctx, self)
        self.exercises_box.hide()

        nav, self.back_button, self.page_label, self.next_button = _page_nav(self)

        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.setSpacing(6)
        box.addWidget(self.lesson_box)
        box.addWidget(self.page_title)
        box.addWidget(self.unloaded)
        box.addWidget(self.text_view, 3)
        box.addWidget(self.hint)
        box.addWidget(self.demo, 2)
        box.addWidget(self.numdiff, 3)
        box.addWidget(self.exercises_box, 3)
        box.addLayout(nav)

        self.lesson_box.currentIndexChanged.connect(self._on_lesson_chosen)
        self.back_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        if self.controller is not None:
            self.controller.positionChanged.connect(lambda _o, _n: self.pointing.on_position())
            self.controller.stepperReset.connect(self.pointing.on_position)
        self.set_language(lang or current_language(), show=False)
        self.retranslate(reload=False)

    # -- the parts' state, as the tests and the window read it ---------------------------
    @property
    def pointer(self) -> ControlPointer:
        return self.pointing.pointer

    @property
    def pointer_missing(self) -> bool:
        return self.pointing.missing

    @property
    def control_used(self) -> bool:
        return self.pointing.used

    @property
    def example_result(self) -> str:
        return self.actions.example_result

    @property
    def transcript(self) -> QPlainTextEdit:
        return self.demo.transcript

    @property
    def transcripts(self) -> dict[str, str]:
        return self.demo.transcripts

    @property
    def demo_button(self) -> QPushButton:
        return self.demo.button

    @property
    def demo_kind(self) -> str:
        return self.demo.kind

    def tensors_running(self) -> bool:
        return self.demo.tensors_running()

    def is_busy(self) -> bool:
        return self.demo.is_busy()

    def clear_pointer(self) -> None:
        self.pointing.clear()

    # -- texts ---------------------------------------------------------------------------
    def retranslate(self, reload: bool = True) -> None:
        """Every text in the current language: the lessons are read again in it and the
        same page is shown (its actions are not run again); the pointer, the hint, the
        demonstration and the exercise stay, said in the new language."""
        self.back_button.setText(self.tr("◀ Back"))
        self.back_button.setToolTip(self.tr("The previous page"))
        self.unloaded_label.setText(self.tr("This page's example is not loaded: the canvas "
                                            "shows your own graph."))
        self.load_button.setText(self.tr("Load the example"))
        self.next_button.setToolTip(self.tr("The next page"))
        if reload:
            self.set_language(current_language(), show=False)
            self.numdiff.retranslate()
            # The hint quotes a button's text: once every part has said its own again.
            QTimer.singleShot(0, self, self.pointing.update_hint)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------
    def set_language(self, lang: str, show: bool = True) -> None:
        """Load the lessons in ``lang`` (English if there is no such file); keeps the place."""
        try:
            if not self.examples:
                self.examples = load_examples()
            self.book = load_lessons(lang, examples=self.examples)
            self.error = ""
            self.exercise_book = load_exercises(lang, lesson_ids=self.book.ids())
        except LessonDataError as exc:  # a broken file: say so in the panel
            self.book = None
            self.error = exc.message
        with QSignalBlocker(self.lesson_box):
            self.lesson_box.clear()
            if self.book is not None:
                for lesson in self.book.lessons:
                    self.lesson_box.addItem(lesson.title, lesson.id)
            if self.book is not None and self.lesson_index < len(self.book.lessons):
                self.lesson_box.setCurrentIndex(self.lesson_index)
        if self.book is None:
            self.lesson_index = self.page_index = 0
            self.page_title.setText(self.tr("The lessons cannot be shown"))
            self.text_view.setPlainText(self.error)
            self._update_nav()
            return
        if show:
            self.show_page(self.page_index)
        else:
            self._render()
            if self.on_exercises and self.lesson is not None:
                self.exercises_box.set_exercises(self.lesson.id, self.exercises(),
                                                 keep_place=True)

    @property
    def language(self) -> str:
        return self.book.language if self.book is not None else ""

    @property
    def lesson(self) -> Lesson | None:
        if self.book is None or not self.book.lessons:
            return None
        return self.book.lessons[self.lesson_index]

    @property
    def page(self) -> Page | None:
        lesson = self.lesson
        return lesson.pages[self.page_index] if lesson is not None else None

    # -- navigation ---------------------------------------------------------------------
    def _on_lesson_chosen(self, index: int) -> None:
        if index >= 0:
            self.open_lesson(index)

    def open_lesson(self, which: int | str, page: int = 0) -> None:
        """Show a lesson (by index or id) at ``page``."""
        if self.book is None:
            return
        index = self.book.ids().index(which) if isinstance(which, str) else int(which)
        self.lesson_index = max(0, min(index, len(self.book.lessons) - 1))
        with QSignalBlocker(self.lesson_box):
            self.lesson_box.setCurrentIndex(self.lesson_index)
        self.show_page(page)

    def exercises(self) -> tuple[Exercise, ...]:
        """The current lesson's exercises (none if the file could not be read)."""
        if self.exercise_book is None or self.lesson is None:
            return ()
        return self.exercise_book.for_lesson(self.lesson.id)

    def next_page(self) -> bool:
        lesson = self.lesson
        if lesson is None:
            return False
        if not self.on_exercises and self.page_index + 1 >= len(lesson.pages) and \
                self.exercises():
            self.show_exercises()
            return True
        if not self.on_exercises and self.page_index + 1 < len(lesson.pages):
            self.show_page(self.page_index + 1)
            return True
        if self.book is not None and self.lesson_index + 1 < len(self.book.lessons):
            self.open_lesson(self.lesson_index + 1)  # on to the next lesson
            return True
        return False

    def previous_page(self) -> bool:
        if self.on_exercises:
            self.show_page(self.page_index)
            return True
        if self.page_index > 0:
            self.show_page(self.page_index - 1)
            return True
        if self.lesson_index > 0 and self.book is not None:
            previous = self.book.lessons[self.lesson_index - 1]
            self.open_lesson(self.lesson_index - 1, len(previous.pages) - 1)
            return True
        return False

    def _update_nav(self) -> None:
        _update_nav(self)

    def _render(self) -> None:
        page = self.page
        self._update_nav()
        if page is None:
            return
        self.text_view.setVisible(not self.on_exercises)
        self.exercises_box.setVisible(self.on_exercises)
        if self.on_exercises:
            self.page_title.setText(self.tr("Check your understanding"))
            self.unloaded.hide()
            return
        self.page_title.setText(page.title)
        self.text_view.setHtml(render_text(page.text))
        self.unloaded.setVisible(page.example is not None and
                                 self._ran != (self.lesson_index, self.page_index))

    # -- showing a page ----------------------------------------------------------------
    def show_page(self, index: int) -> None:
        """Show page ``index`` of the current lesson and run its actions."""
        lesson = self.lesson
        if lesson is None:
            return
        self.pointing.clear()
        self.pointing.used = False
        self.on_exercises = False
        self.page_index = max(0, min(index, len(lesson.pages) - 1))
        page = lesson.pages[self.page_index]
        self.tools.apply_lesson(lesson.id, lesson.classroom)
        self.tools.page_seen(lesson.id, self.page_index)
        example = self.examples[page.example] if page.example is not None else None
        ran = self.actions.run(lesson, self.page_index, example)
        self._ran = (self.lesson_index, self.page_index) if ran else None
        self._render()
        self.demo.focus = page.quotes  # the transcript scrolls to what the page quotes
        self.demo.show_for(DEMOS.get(page.show or "", ""))
        if page.point_at:
            self.pointing.point(page.point_at)
            c = self.controller
            if page.point_at in PASS_ACTIONS and page.until_step is None \
                    and c is not None and c.done:
                # Nothing left to press (the page before ran the same pass to its end,
                # the button is disabled): this page's picture is on screen already.
                self.pointing.clear()
                self.pointing.used = True
        self.pointing.update_hint()
        self.pageShown.emit(lesson.id, self.page_index)

    def show_exercises(self) -> None:
        """The lesson's exercises page (after its last page); nothing is loaded."""
        _show_exercises(self)

    def start_position(self, lesson: Lesson, page_index: int) -> int:
        """Where the pass stands when a page begins: the previous page's ``until_step``."""
        return self.actions.start_position(lesson, page_index)

    def shutdown(self) -> None:
        """Stop the demonstration process and forget the worker (the window closes)."""
        self.pointing.clear()
        self.demo.shutdown()


def _panel_tr(text: str) -> str:
    return QCoreApplication.translate("LessonsPanel", text)


def _update_nav(panel: LessonsPanel) -> None:
    """Back, Next (its text says where it goes) and "page x of n" of the panel's place;
    the exercises page is the lesson's last."""
    lesson = panel.lesson
    pages = len(lesson.pages) if lesson is not None else 0
    n = pages + (1 if panel.exercises() else 0)
    x = n - 1 if panel.on_exercises else panel.page_index
    last_lesson = panel.book is None or panel.lesson_index + 1 >= len(panel.book.lessons)
    panel.back_button.setEnabled(lesson is not None and (x > 0 or panel.lesson_index > 0))
    panel.next_button.setEnabled(lesson is not None and (x + 1 < n or not last_lesson))
    at_end = lesson is not None and x + 1 >= n and not last_lesson
    to_exercises = lesson is not None and x + 1 == n - 1 and pages < n
    panel.next_button.setText(_panel_tr("Next lesson ▶") if at_end else
                              _panel_tr("Exercises ▶") if to_exercises else
                              _panel_tr("Next ▶"))
    panel.page_label.setText(_panel_tr("page {x} of {n}").format(x=x + 1, n=n) if n else "")


def _show_exercises(panel: LessonsPanel) -> None:
    """The exercises page of the panel's lesson: no example, pointer or demonstration."""
    lesson = panel.lesson
    if lesson is None or not panel.exercises():
        return
    panel.pointing.clear()
    panel.hint.hide()
    panel.demo.show_for("")
    panel.numdiff.show_kind("")
    panel.page_index = len(lesson.pages) - 1
    panel.on_exercises = True
    panel.exercises_box.set_exercises(lesson.id, panel.exercises())
    panel._render()
    panel.pageShown.emit(lesson.id, len(lesson.pages))


class Lessons(QObject):
    """The Lessons dock and its menu entries, attached to a main window."""

    def __init__(self, ctx: WindowContext, lang: str | None = None, *,
                 entry: PartEntry | None = None) -> None:
        """``entry`` made the dock, Help ▸ Lessons and its View entry at start-up
        (``ui/window/parts.py``); without one they are made here."""
        super().__init__(ctx.host)
        self.ctx = ctx
        self.window: QMainWindow = ctx.host  # for the dock and the action only
        window = ctx.host
        self.panel = LessonsPanel(ctx, lang)
        if entry is not None:
            self.dock, self.action, self._placed = entry.dock, entry.action, entry.placed
        else:
            self.dock = QDockWidget(window)
            self.dock.setObjectName("lessonsDock")
            # A saved layout places the dock; otherwise it waits, hidden, on the left and
            # is tabbed with the Blocks on its first showing (a hidden tab would still
            # count in the window's minimum size).
            self._placed = window.restoreDockWidget(self.dock)
            if not self._placed:
                window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
                self.dock.hide()  # opened from Help ▸ Lessons
            self.action = QAction(window)
            self.action.setObjectName("actionLessons")
            self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
            window.addAction(self.action)
            help_menu = ctx.menus.help
            first = help_menu.actions()[0] if help_menu.actions() else None
            help_menu.insertAction(first, self.action)
            if first is not None:
                help_menu.insertSeparator(first)
            toggle = self.dock.toggleViewAction()
            toggle.setObjectName("actionShowLessons")
            ctx.menus.view.addAction(toggle)
        # No scroll area: with word-wrapped labels it would size the panel to its
        # preferred height and hide the page buttons below the fold.
        self.dock.setWidget(self.panel)
        self.retranslate()
        self.action.triggered.connect(lambda _checked=False: self.open())
        self._started = False
        self.dock.visibilityChanged.connect(self._on_visible)
        window.installEventFilter(self)
        if entry is not None and self.dock.isVisible():  # built because it was shown
            self._on_visible(True)

    def retranslate(self) -> None:
        """The dock's title and the action's texts (the panel retranslates itself)."""
        self.dock.setWindowTitle(self.tr("Lessons"))
        self.action.setText(self.tr("&Lessons"))
        tip = self.tr("Learn automatic differentiation step by step, with the notebook's "
                      "examples")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # passed on by the window
            self.retranslate()
        return super().event(event)

    def open(self, lesson: int | str | None = None, page: int = 0) -> None:
        """Show the dock (wide enough to read) and a lesson (default: where it was)."""
        w = self.window
        first = not self._started
        self._started = True  # before the dock shows: _on_visible must not start it too
        was_hidden = not self.dock.isVisible()
        self._place()
        self.dock.show()
        self.dock.raise_()
        if was_hidden and not self.dock.isFloating():
            w.resizeDocks([self.dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
            # The canvas got narrower: show the whole graph again.
            QTimer.singleShot(0, self.ctx.view, self.ctx.view.zoom_fit)
        if lesson is not None:
            self.panel.open_lesson(lesson, page)
        elif first:
            self.panel.show_page(self.panel.page_index)

    def _place(self) -> None:
        """Tab the dock with the Blocks palette, once, unless a saved layout placed it."""
        if self._placed:
            return
        self._placed = True
        w = self.window
        blocks = self.ctx.docks.get("paletteDock")
        if blocks is not None and not blocks.isHidden() and \
                w.dockWidgetArea(blocks) == w.dockWidgetArea(self.dock) and \
                not blocks.isFloating():
            w.tabifyDockWidget(blocks, self.dock)

    def _on_visible(self, visible: bool) -> None:
        # Showing the dock never loads anything (a saved layout restored at start-up, a
        # tab raised, presentation mode left): the teacher's graph and stepping stay.
        # The page says when its example is not loaded and offers a button for it;
        # turning a page (or Help ▸ Lessons) loads.
        if visible and not self._placed:  # shown from the View menu
            self._place()
            self.dock.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window:
            if event.type() == QEvent.Type.Close:
                self.panel.shutdown()
        return False
