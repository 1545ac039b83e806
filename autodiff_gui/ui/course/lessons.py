"""The Lessons panel: the seed notebook retold as short guided lessons.

The content is data (``resources/lessons/lessons_<lang>.json``, read by
``core.lessons``); this module shows it.  A dock "Lessons" (``lessonsDock``,
opened from Help ▸ Lessons or the View menu) holds a lesson picker, the page
text, a hint line, a transcript box for PyTorch demonstrations and Back/Next
buttons with "page x of n".

When a page is shown its actions run, in this order:

1. ``example`` (+ ``values``): the graph is loaded as ONE undo step, unless the
   canvas already shows it (then only differing values are reset, as one step),
   so the pages of a lesson can step on through one pass;
2. ``mode`` / ``wrt`` / ``upstream`` go to the stepping controller (a page with an
   example and no setting means reverse mode and an upstream gradient of 1);
3. ``until_step``: the pass is moved to where the previous page left it, if it is
   elsewhere (so Back and a jump into the middle of a lesson stay coherent);
4. ``show`` brings a panel forward: ``compare``, ``plots:function|error|contour``
   (with ``plot_input``), ``plots:loss`` (the gradient-descent dock),
   ``code:seed|torch``, ``torch:tensors`` (the notebook's tensor cell run by
   ``sys.executable`` in a QProcess) or ``torch:mechanics``
   (``torch_ref.seed_mechanics`` on the current graph in a worker thread);
5. ``point_at``: a pulsing frame (``ControlPointer``) is drawn around the toolbar
   button of that action (or the widget of that name).  It goes away when the page
   changes, when the control is used, or, with ``until_step``, once the pass
   reaches that step.

Page texts are rendered safely: HTML is escaped, blank lines make paragraphs and
`backticks` make code.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QObject,
    QProcess,
    QRect,
    QRectF,
    QSignalBlocker,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontDatabase,
    QKeySequence,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.engine import EvalError, compile_graph
from ...core.expr import to_text
from ...core.graph import GraphError, format_value
from ...course.lessons import (
    TENSORS_DEMO_PATH,
    Example,
    Lesson,
    LessonBook,
    LessonDataError,
    Page,
    load_examples,
    load_lessons,
    values_differ,
)
from ..app.i18n import current_language, translate_error, translate_text
from ..app.mnemonics import icon_text
from ..run.gradient_step import GradientStep
from ..run.run_panel import RunPanel
from ..run.stepping import StepController
from ..window.context import WindowContext
from .examples import LOADED, SAME, VALUES, ensure_example
from .numdiff_widgets import NumDiffBox
from .transcript import render as render_transcript

POINTER_COLOR = "#ff6d00"
HINT_COLOR = "#e65100"
DONE_COLOR = "#2e7d32"
PANEL_WIDTH = 400  # the dock's width when the lessons are opened


def render_text(text: str) -> str:
    """Lesson text as safe HTML: escaped, paragraphs from blank lines, `code`."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip()]
    out = []
    for para in paragraphs:
        body = html.escape(para.strip(), quote=False)
        body = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", body)
        out.append("<p>" + body.replace("\n", "<br>") + "</p>")
    return "".join(out)


# Actions that move the pass forward: disabled once it is at its end.
_PASS_ACTIONS = ("actionNextStep", "actionRunToEnd")


# -- the pointer ---------------------------------------------------------------------

class ControlPointer(QWidget):
    """A pulsing coloured frame drawn over a control, to say "press this".

    It is a transparent, click-through child of the control's top-level window,
    kept on top of its siblings and following the control when it moves.
    """

    MARGIN = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlPointer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.phase = 0.0
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(1100)
        self._anim.setLoopCount(-1)
        self._anim.valueChanged.connect(self._on_phase)
        self.hide()

    def point_at(self, target: QWidget) -> None:
        """Draw the frame around ``target`` (until ``clear``)."""
        self.clear()
        self.target = target
        host = target.window()
        if self.parentWidget() is not host:
            self.setParent(host)
        target.installEventFilter(self)
        host.installEventFilter(self)
        target.destroyed.connect(self._on_destroyed)
        self._place()
        self._anim.start()

    def clear(self) -> None:
        """Remove the frame."""
        target, self.target = self.target, None
        self._anim.stop()
        self.hide()
        if target is not None:
            try:
                target.removeEventFilter(self)
                target.window().removeEventFilter(self)
                target.destroyed.disconnect(self._on_destroyed)
            except (RuntimeError, TypeError):  # the target is being deleted
                pass

    def active(self) -> bool:
        return self.target is not None and self.isVisible()

    def _on_destroyed(self, *_args: Any) -> None:
        self.target = None
        self._anim.stop()
        self.hide()

    def _on_phase(self, value: Any) -> None:
        self.phase = float(value)
        self.update()

    def _place(self) -> None:
        target = self.target
        if target is None:
            return
        if not target.isVisible():
            self.hide()
            return
        host = self.parentWidget()
        top_left = target.mapTo(host, target.rect().topLeft())
        m = self.MARGIN
        self.setGeometry(QRect(top_left.x() - m, top_left.y() - m,
                               target.width() + 2 * m, target.height() + 2 * m))
        self.show()
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self.target is not None and event.type() in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
                QEvent.Type.LayoutRequest, QEvent.Type.ChildAdded):
            QTimer.singleShot(0, self._place)
        return False

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(POINTER_COLOR)
        # 0 → 1 → 0 over a period: a glow that breathes, a frame that stays.
        wave = 1.0 - abs(2.0 * self.phase - 1.0)
        glow = QColor(colour)
        glow.setAlphaF(0.18 + 0.30 * wave)
        m = self.MARGIN
        outer = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        p.setPen(QPen(glow, 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(outer, m, m)
        fill = QColor(colour)
        fill.setAlphaF(0.08 + 0.10 * wave)
        inner = QRectF(self.rect()).adjusted(m - 3, m - 3, -(m - 3), -(m - 3))
        p.setBrush(fill)
        p.setPen(QPen(colour, 3))
        p.drawRoundedRect(inner, 5, 5)
        p.end()


# -- the panel -------------------------------------------------------------------------

class LessonsPanel(QWidget):
    """The lesson picker, the page, its demonstration output and the page buttons."""

    pageShown = Signal(str, int)  # noqa: N815 (Qt naming): lesson id, page index
    transcriptReady = Signal(str)  # noqa: N815 (Qt naming): "tensors" or "mechanics"

    def __init__(self, ctx: WindowContext, lang: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsPanel")
        self.ctx = ctx
        self.window: QMainWindow = ctx.host  # to find the controls a page points at
        window = ctx.host
        self.examples: dict[str, Example] = {}
        self.book: LessonBook | None = None
        self.error = ""
        self.lesson_index = 0
        self.page_index = 0
        self.pointer = ControlPointer(window)
        self.pointed_action: QAction | None = None
        self.pointed_widget: QWidget | None = None
        self.pointer_missing = False  # the page points at something not on screen
        self.control_used = False
        self.example_result = ""  # what showing the page did to the graph (tests)
        self.transcripts = {"tensors": "", "mechanics": ""}
        self.demo_kind = ""  # the demonstration of the current page
        self._process: QProcess | None = None
        self._process_output = ""
        self._mechanics_job: Any = None
        self._mechanics_key: tuple[str, str, str] | None = None

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

        self.demo_button = QPushButton(self)
        self.demo_button.setObjectName("runDemoButton")
        self.demo_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.demo_button.clicked.connect(self.run_demonstration)
        self.demo_status = QLabel(self)
        self._demo_said: Callable[[], str] | None = None  # the status, in any language
        self.demo_status.setObjectName("demoStatus")
        self.demo_status.setWordWrap(True)
        self.transcript = QPlainTextEdit(self)
        self.transcript.setObjectName("lessonTranscript")
        self.transcript.setReadOnly(True)
        # Wrapped: a narrow dock must not hide the ends of PyTorch's lines.
        self.transcript.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 9.5))
        self.transcript.setFont(mono)
        self.transcript.setMinimumHeight(60)
        self.demo = QWidget(self)
        self.demo.setObjectName("lessonDemo")
        demo_row = QHBoxLayout()
        demo_row.setContentsMargins(0, 0, 0, 0)
        demo_row.addWidget(self.demo_button)
        demo_row.addWidget(self.demo_status, 1)
        demo_box = QVBoxLayout(self.demo)
        demo_box.setContentsMargins(0, 0, 0, 0)
        demo_box.addLayout(demo_row)
        demo_box.addWidget(self.transcript, 1)
        self.demo.hide()
        self.numdiff = NumDiffBox(self)  # the numerical-differentiation pages' widgets
        self.numdiff.hide()

        self.back_button = QPushButton(self)
        self.back_button.setObjectName("lessonBackButton")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("lessonNextButton")
        self.page_label = QLabel(self)
        self.page_label.setObjectName("lessonPageLabel")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for b in (self.back_button, self.next_button):
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            # The arrow keys step through the pass: buttons here must not grab them.
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.setSpacing(6)
        box.addWidget(self.lesson_box)
        box.addWidget(self.page_title)
        box.addWidget(self.text_view, 3)
        box.addWidget(self.hint)
        box.addWidget(self.demo, 2)
        box.addWidget(self.numdiff, 3)
        box.addLayout(nav)

        self.lesson_box.currentIndexChanged.connect(self._on_lesson_chosen)
        self.back_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.controller: StepController | None = ctx.parts.get(RunPanel).controller
        self._pending_plot: tuple[str, str | None] | None = None
        if self.controller is not None:
            self.controller.positionChanged.connect(lambda _o, _n: self._on_position())
            self.controller.stepperReset.connect(self._on_position)
            # Connected after the Plots panel's own slot: its inputs are filled by then.
            self.controller.programChanged.connect(self._on_program_changed)
            self.controller.programChanged.connect(self._refresh_numdiff)
        self.set_language(lang or current_language(), show=False)
        self.retranslate(reload=False)

    def retranslate(self, reload: bool = True) -> None:
        """Every text in the current language: the lessons are read again in it and the
        same page is shown (its actions are not run again); the pointer, the hint and the
        demonstrations' transcripts stay, said in the new language."""
        self.back_button.setText(self.tr("◀ Back"))
        self.back_button.setToolTip(self.tr("The previous page"))
        self.next_button.setToolTip(self.tr("The next page"))
        self.demo_button.setText(self.tr("Run in PyTorch again") if self.demo_kind == "mechanics"
                                 else self.tr("Run the demonstration"))
        self._say_demo(self._demo_said)
        if reload:
            self.set_language(current_language(), show=False)
            self._update_hint()
            if self.demo_kind:
                self._show_transcript(self.demo_kind)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say_demo(self, text: Callable[[], str] | None) -> None:
        """Show the demonstration's status ``text()``; said again after a switch."""
        self._demo_said = text
        self.demo_status.setText(text() if text is not None else "")

    # -- data ------------------------------------------------------------------------
    def set_language(self, lang: str, show: bool = True) -> None:
        """Load the lessons in ``lang`` (English if there is no such file); keeps the place."""
        try:
            if not self.examples:
                self.examples = load_examples()
            self.book = load_lessons(lang, examples=self.examples)
            self.error = ""
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

    def next_page(self) -> bool:
        lesson = self.lesson
        if lesson is None:
            return False
        if self.page_index + 1 < len(lesson.pages):
            self.show_page(self.page_index + 1)
            return True
        if self.book is not None and self.lesson_index + 1 < len(self.book.lessons):
            self.open_lesson(self.lesson_index + 1)  # on to the next lesson
            return True
        return False

    def previous_page(self) -> bool:
        if self.page_index > 0:
            self.show_page(self.page_index - 1)
            return True
        if self.lesson_index > 0 and self.book is not None:
            previous = self.book.lessons[self.lesson_index - 1]
            self.open_lesson(self.lesson_index - 1, len(previous.pages) - 1)
            return True
        return False

    def _update_nav(self) -> None:
        lesson = self.lesson
        n = len(lesson.pages) if lesson is not None else 0
        last_lesson = self.book is None or self.lesson_index + 1 >= len(self.book.lessons)
        self.back_button.setEnabled(lesson is not None and
                                    (self.page_index > 0 or self.lesson_index > 0))
        self.next_button.setEnabled(lesson is not None and
                                    (self.page_index + 1 < n or not last_lesson))
        at_end = lesson is not None and self.page_index + 1 >= n and not last_lesson
        self.next_button.setText(self.tr("Next lesson ▶") if at_end else self.tr("Next ▶"))
        self.page_label.setText(self.tr("page {x} of {n}").format(x=self.page_index + 1, n=n)
                                if n else "")

    def _render(self) -> None:
        page = self.page
        self._update_nav()
        if page is None:
            return
        self.page_title.setText(page.title)
        self.text_view.setHtml(render_text(page.text))

    # -- showing a page: its actions ----------------------------------------------------------
    def show_page(self, index: int) -> None:
        """Show page ``index`` of the current lesson and run its actions."""
        lesson = self.lesson
        if lesson is None:
            return
        self.clear_pointer()
        self._pending_plot = None
        self.page_index = max(0, min(index, len(lesson.pages) - 1))
        page = lesson.pages[self.page_index]
        self._render()
        self.example_result = ""
        self.control_used = False
        if page.example is not None:
            self._apply_example(page)
            self._apply_settings(page)
        if page.until_step is not None:
            self._apply_position(lesson, page)
        self.demo_kind = ""
        self.numdiff.show_kind("")
        if page.show:
            self._show_target(page)
        self.demo.setVisible(bool(self.demo_kind))
        if page.point_at:
            self._point(page.point_at)
            c = self.controller
            if page.point_at in _PASS_ACTIONS and page.until_step is None \
                    and c is not None and c.done:
                # Nothing left to press (the page before ran the same pass to its end,
                # the button is disabled): this page's picture is on screen already.
                self.clear_pointer()
                self.control_used = True
        self._update_hint()
        self.pageShown.emit(lesson.id, self.page_index)

    def _apply_example(self, page: Page) -> None:
        example = self.examples[page.example]  # type: ignore[index]
        result = ensure_example(self.ctx, example, page.values, self.language)
        self.example_result = result
        if result != SAME:
            self.ctx.parts.get(GradientStep).clear_history()  # new values: a new descent
        if result == LOADED:
            QTimer.singleShot(0, self.ctx.view.zoom_fit)

    def _apply_settings(self, page: Page) -> None:
        c = self.controller
        if c is None:
            return
        mode = page.mode or "reverse"
        wrt = page.wrt if mode == "forward" else None
        c.set_mode(mode, wrt)
        upstream = page.upstream if page.upstream is not None else 1.0
        if values_differ(c.upstream, upstream):
            c.set_upstream(json.dumps(upstream))

    def start_position(self, lesson: Lesson, page_index: int) -> int:
        """Where the pass stands when a page begins: the previous page's ``until_step``."""
        for earlier in reversed(lesson.pages[:page_index]):
            if earlier.until_step is not None and earlier.example == \
                    lesson.pages[page_index].example:
                return earlier.until_step
        return 0

    def _apply_position(self, lesson: Lesson, page: Page) -> None:
        c = self.controller
        if c is None or page.until_step is None:
            return
        start = self.start_position(lesson, self.page_index)
        # Back from a later page: the picture at this page's end; a jump from an
        # earlier place: where the previous page ended.
        target = page.until_step if c.position > page.until_step else start
        if c.position < start or c.position > page.until_step or c.at_error:
            if target == 0:
                c.reset()
            else:
                c.go_to(target)

    def _show_target(self, page: Page) -> None:
        show = page.show or ""
        rp = self.ctx.parts.get(RunPanel)
        kind, _, detail = show.partition(":")

        def front(dock: Any) -> None:
            if isinstance(dock, QDockWidget):
                dock.show()
                dock.raise_()

        if show == "compare" and rp is not None:
            front(rp.compare_dock)
        elif show == "plots:loss":
            self.ctx.parts.get(GradientStep).show_dock()
        elif kind == "plots" and rp is not None:
            front(rp.plots_dock)
            plot_kind = {"function": "function", "error": "sweep", "contour": "contour"}[detail]
            if self.example_result in (LOADED, VALUES) and self.controller is not None:
                # After the controller has told the plots about the new graph (its
                # inputs fill the plot's input box then).
                self._pending_plot = (plot_kind, page.plot_input)
            else:
                self._choose_plot(plot_kind, page.plot_input)
        elif kind == "code" and rp is not None:
            front(rp.code_dock)
            editor = rp.code.editors.get(detail)
            if editor is not None:
                rp.code.tabs.setCurrentWidget(editor)
        elif kind == "numdiff":
            self.numdiff.show_kind(detail)
            self._refresh_numdiff()
        elif show == "torch:tensors":
            self.demo_kind = "tensors"
            self.demo_button.setText(self.tr("Run the demonstration"))  # also in retranslate
            self._show_transcript("tensors")
            if not self.transcripts["tensors"] and not self.tensors_running():
                self.run_tensors_demo()
        elif show == "torch:mechanics":
            self.demo_kind = "mechanics"
            self.demo_button.setText(self.tr("Run in PyTorch again"))
            if self._mechanics_key == self._current_key() and self.transcripts["mechanics"]:
                self._show_transcript("mechanics")
            else:
                self.run_mechanics()

    def _refresh_numdiff(self) -> None:
        """The numerical-differentiation widgets follow the graph on the canvas."""
        c = self.controller
        if not self.numdiff.kind or c is None:
            return
        from ...course.numdiff import scalar_slice

        program = c.program
        try:
            s = scalar_slice(program, None, c.input_values_copy()) if program else None
        except (EvalError, ValueError, ArithmeticError):  # the lesson draws nothing
            s = None
        self.numdiff.set_slice(s)

    def _on_program_changed(self) -> None:
        pending, self._pending_plot = self._pending_plot, None
        if pending is not None:
            self._choose_plot(*pending)

    def _choose_plot(self, kind: str, name: str | None) -> None:
        plots = self.ctx.parts.get(RunPanel).plots
        plots.set_kind(kind)
        if name:
            plots.input_box.setCurrentText(name)
        plots.schedule()

    # -- pointing ----------------------------------------------------------------------
    def find_target(self, name: str) -> tuple[QAction | None, QWidget | None]:
        """The action or widget called ``name`` and the visible widget that shows it."""
        w = self.window
        action = w.findChild(QAction, name)
        if action is not None:
            for tb in w.findChildren(QToolBar):
                button = tb.widgetForAction(action)
                if button is not None and button.isVisible() and tb.isVisible():
                    return action, button
            for button in w.findChildren(QToolButton):
                if button.defaultAction() is action and button.isVisible():
                    return action, button
            return action, None
        widget = w.findChild(QWidget, name)
        if widget is not None and widget.isVisible():
            return None, widget
        return None, None

    def _point(self, name: str) -> None:
        action, widget = self.find_target(name)
        self.pointed_action, self.pointed_widget = action, widget
        self.pointer_missing = widget is None
        if action is not None:
            action.triggered.connect(self._on_control_used)
        elif widget is not None:
            widget.installEventFilter(self)
        if widget is not None:
            self.pointer.point_at(widget)

    def clear_pointer(self) -> None:
        """Stop pointing (the page changed, or the control was used)."""
        self.pointer.clear()
        if self.pointed_action is not None:
            try:
                self.pointed_action.triggered.disconnect(self._on_control_used)
            except (RuntimeError, TypeError):
                pass
        elif self.pointed_widget is not None:
            self.pointed_widget.removeEventFilter(self)
        self.pointed_action = self.pointed_widget = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.pointed_widget and self.pointed_action is None and event.type() in (
                QEvent.Type.MouseButtonRelease, QEvent.Type.FocusIn):
            QTimer.singleShot(0, self._on_control_used)
        return False

    def _on_control_used(self, *_args: Any) -> None:
        self.control_used = True
        page = self.page
        if page is not None and page.until_step is not None:
            self._on_position()  # the pointer stays until the step is reached
            return
        self.clear_pointer()
        self._update_hint()

    def _on_position(self) -> None:
        page = self.page
        if page is None or self.controller is None:
            return
        if page.until_step is None:
            if page.point_at in _PASS_ACTIONS and self.control_used and \
                    self.controller.position == 0 and not self.controller.at_error:
                # Reset (or an edit) took the pass back: what was done is undone.
                self.control_used = False
                self.clear_pointer()
                self._point(page.point_at)
                self._update_hint()
            return
        if self.controller.position >= page.until_step and self.pointer.target is not None:
            self.clear_pointer()
        self._update_hint()

    def _control_name(self) -> str:
        action = self.pointed_action
        page = self.page
        if action is None:
            return page.point_at if page is not None and page.point_at else ""
        text = icon_text(action.text())  # words only: no "(&N)", no "…"
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        return f"{text} ({key})" if key else text

    def _menu_of(self, action: QAction) -> str:
        for menu in self.window.findChildren(QMenu):
            if action in menu.actions() and menu.title():
                return menu.title().replace("&", "")
        return ""

    def _update_hint(self) -> None:
        page = self.page
        if page is None or not page.point_at:
            self.hint.hide()
            return
        name = self._control_name()
        c = self.controller
        colour = HINT_COLOR
        if page.until_step is not None and c is not None:
            if c.position >= page.until_step:
                text = self.tr("✓ Step {n} reached. Go on to the next page.").format(
                    n=page.until_step)
                colour = DONE_COLOR
            else:
                text = self.tr("Press {control} until step {n} (now at step {now}).").format(
                    control=name, n=page.until_step, now=c.position)
        elif self.control_used:
            text = self.tr("✓ Done.")
            colour = DONE_COLOR
        else:
            text = self.tr("Press {control}.").format(control=name)
        if self.pointer_missing and self.pointed_action is not None:
            menu = self._menu_of(self.pointed_action)
            if menu:
                text += " " + self.tr("(in the {menu} menu)").format(menu=menu)
        elif not self.pointer_missing and colour == HINT_COLOR:
            text += " " + self.tr("It is framed in orange.")
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {colour};")
        self.hint.show()

    # -- demonstrations -----------------------------------------------------------------------
    def run_demonstration(self) -> None:
        """The button: run the page's demonstration (again)."""
        if self.demo_kind == "mechanics":
            self.run_mechanics()
        else:
            self.run_tensors_demo()

    def _show_transcript(self, kind: str) -> None:
        # Kept marked (language-free): labelled here, in the panel's language.
        self.transcript.setPlainText(render_transcript(self.transcripts[kind]))

    def tensors_running(self) -> bool:
        return self._process is not None and \
            self._process.state() != QProcess.ProcessState.NotRunning

    def run_tensors_demo(self) -> None:
        """Run ``tensors_demo.py`` with this Python in a QProcess (the GUI never waits)."""
        if self.tensors_running():
            return
        proc = QProcess(self)
        proc.setProgram(sys.executable)
        proc.setArguments(["-u", str(TENSORS_DEMO_PATH)])
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        proc.readyReadStandardOutput.connect(self._on_process_output)
        proc.finished.connect(self._on_process_finished)
        proc.errorOccurred.connect(self._on_process_error)
        self._process = proc
        self._process_output = ""
        self.transcripts["tensors"] = ""
        if self.demo_kind == "tensors":
            self.transcript.clear()
        self._say_demo(lambda: self.tr("Running the notebook's cell in PyTorch…"))
        self.demo_button.setEnabled(False)
        proc.start()

    def _on_process_output(self) -> None:
        proc = self._process
        if proc is None:
            return
        chunk = bytes(proc.readAllStandardOutput().data()).decode("utf-8", "replace")
        self._process_output += chunk
        if self.demo_kind == "tensors":
            self.transcript.setPlainText(render_transcript(self._process_output))

    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._on_process_output()
        self.transcripts["tensors"] = self._process_output
        self.demo_button.setEnabled(True)
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self._say_demo(lambda: self.tr("PyTorch printed:"))
        else:
            self._say_demo(lambda: self.tr("The demonstration stopped (exit code {0}).")
                           .format(code))
        if self.demo_kind == "tensors":
            self._show_transcript("tensors")
        self.transcriptReady.emit("tensors")

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.demo_button.setEnabled(True)
            self._say_demo(lambda: self.tr("Python could not be started for the "
                                           "demonstration."))
            self.transcriptReady.emit("tensors")

    def _current_key(self) -> tuple[str, str, str]:
        doc = self.ctx.document
        try:
            expression = to_text(doc)
        except (GraphError, ValueError, KeyError, RecursionError):
            expression = ""
        values = {k: (v.tolist() if isinstance(v, np.ndarray) else v)
                  for k, v in doc.input_values().items()}
        upstream = self.controller.upstream_text if self.controller is not None else "1"
        return expression, json.dumps(values, sort_keys=True), upstream

    def run_mechanics(self) -> None:
        """Replay the notebook's autograd cells on the current graph, off the GUI thread."""
        from ..app.jobs import BackgroundJob

        if self._mechanics_job is not None:
            self._mechanics_job.cancel()
        doc = self.ctx.document
        try:
            program = compile_graph(doc)
        except GraphError as exc:
            self._mechanics_failed(lambda e=exc: translate_error(e))
            return
        # Copies: the work runs off the GUI thread while the user may go on editing.
        values = (self.controller.input_values_copy() if self.controller is not None
                  else doc.copy().input_values())
        upstream = self.controller.upstream if self.controller is not None else 1.0
        key = self._current_key()

        def work(_job: Any) -> dict[str, Any]:
            from ...check.notebook_replay import replay  # torch loads in this thread

            return replay(program, key[0], values, upstream=upstream)

        self.transcripts["mechanics"] = ""
        if self.demo_kind == "mechanics":
            self.transcript.clear()
        self._say_demo(lambda: self.tr("Running the notebook's autograd cells in PyTorch…"))
        self.demo_button.setEnabled(False)
        job = BackgroundJob(work, self)
        job.finished.connect(lambda result, k=key: self._mechanics_done(result, k))
        job.failed.connect(self._mechanics_failed)
        self._mechanics_job = job
        job.start()

    def _mechanics_done(self, result: dict[str, Any], key: tuple[str, str, str]) -> None:
        self._mechanics_job = None
        self.demo_button.setEnabled(True)
        if not result.get("available"):
            self._mechanics_failed(lambda: translate_text(result.get("reason", "")))
            return
        if result.get("error"):
            self._mechanics_failed(lambda: translate_text(result["error"]))
            return
        from ...check.notebook_replay import marked_text

        self.transcripts["mechanics"] = marked_text(result["cells"])
        self._mechanics_key = key
        grads = result.get("grad", {})
        self._say_demo(lambda: self.tr("PyTorch's gradient: {0}").format(
            ", ".join(f"{n}.grad = {format_value(g)}" for n, g in grads.items())))
        if self.demo_kind == "mechanics":
            self._show_transcript("mechanics")
        self.transcriptReady.emit("mechanics")

    def _mechanics_failed(self, message: str | Callable[[], str]) -> None:
        self._mechanics_job = None
        self.demo_button.setEnabled(True)
        self.transcripts["mechanics"] = ""
        reason = message if callable(message) else (lambda: message)
        self._say_demo(lambda: self.tr("PyTorch could not run: {0}").format(reason()))
        self.transcriptReady.emit("mechanics")

    def is_busy(self) -> bool:
        return self.tensors_running() or self._mechanics_job is not None

    def shutdown(self) -> None:
        """Stop the demonstration process and forget the worker (the window closes)."""
        self.clear_pointer()
        if self._mechanics_job is not None:
            self._mechanics_job.cancel()
            self._mechanics_job = None
        if self.tensors_running():
            assert self._process is not None
            self._process.kill()
            self._process.waitForFinished(2000)


class Lessons(QObject):
    """The Lessons dock and its menu entries, attached to a main window."""

    def __init__(self, ctx: WindowContext, lang: str | None = None) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.window: QMainWindow = ctx.host  # for the dock and the action only
        window = ctx.host
        self.panel = LessonsPanel(ctx, lang)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("lessonsDock")
        # No scroll area: with word-wrapped labels it would size the panel to its
        # preferred height and hide the page buttons below the fold.
        self.dock.setWidget(self.panel)
        # A saved layout places the dock; otherwise it waits, hidden, on the left and is
        # tabbed with the Blocks on its first showing (a hidden tab would still count in
        # the window's minimum size).
        self._placed = window.restoreDockWidget(self.dock)
        if not self._placed:
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
            self.dock.hide()  # opened from Help ▸ Lessons
        self.action = QAction(window)
        self.action.setObjectName("actionLessons")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.retranslate()
        self.action.triggered.connect(lambda _checked=False: self.open())
        window.addAction(self.action)
        help_menu = ctx.menus.help
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(first, self.action)
        if first is not None:
            help_menu.insertSeparator(first)
        toggle = self.dock.toggleViewAction()
        toggle.setObjectName("actionShowLessons")
        ctx.menus.view.addAction(toggle)
        self._started = False
        self._ready = False  # the window has been shown: a raised tab is the user's doing
        self.dock.visibilityChanged.connect(self._on_visible)
        window.installEventFilter(self)

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
            QTimer.singleShot(0, self.ctx.view.zoom_fit)
        if lesson is not None:
            self.panel.open_lesson(lesson, page)
        elif first:
            self.panel.show_page(self.panel.page_index)

    # -- surviving a language switch (ui/language.py rebuilds the window) ----------------
    def state(self) -> dict[str, Any]:
        """Where the student is: lesson, page, demonstrations already run."""
        p = self.panel
        lesson = p.lesson
        return {"lesson": lesson.id if lesson is not None else None, "page": p.page_index,
                "started": self._started, "control_used": p.control_used,
                "transcripts": dict(p.transcripts), "mechanics_key": p._mechanics_key}

    def restore_state(self, state: dict[str, Any]) -> None:
        """Show the page of ``state`` again, in this window's language, without re-running
        its actions (the document and the stepping position came along already)."""
        p = self.panel
        if p.book is None:
            return
        ids = p.book.ids()
        if state.get("lesson") in ids:
            p.lesson_index = ids.index(state["lesson"])
            with QSignalBlocker(p.lesson_box):
                p.lesson_box.setCurrentIndex(p.lesson_index)
        lesson = p.lesson
        if lesson is not None:
            p.page_index = max(0, min(int(state.get("page", 0)), len(lesson.pages) - 1))
        p.transcripts.update(state.get("transcripts", {}))
        p._mechanics_key = state.get("mechanics_key")
        self._started = bool(state.get("started"))
        p._render()
        page = p.page
        if page is None:
            return
        p.demo_kind = {"torch:tensors": "tensors", "torch:mechanics": "mechanics"}.get(
            page.show or "", "")
        p.demo.setVisible(bool(p.demo_kind))
        if p.demo_kind:
            p._show_transcript(p.demo_kind)
        p.control_used = bool(state.get("control_used"))
        if self._started and page.point_at and not p.control_used:
            def repoint() -> None:
                if p.page is page and page.point_at:
                    p._point(page.point_at)
                    p._update_hint()

            # Once the new window is laid out, so the pointer finds the button.
            QTimer.singleShot(0, repoint)
        p._update_hint()

    def detach(self) -> None:
        """Stop the demonstration and the pointer (the window is replaced)."""
        self.panel.shutdown()

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
        # Raised as a tab by the user: start the current page once.  A dock that a
        # saved layout shows at start-up only shows the text: the graph stays as it is.
        if visible and not self._placed:  # shown from the View menu
            self._place()
            self.dock.raise_()
        if visible and not self._started and self._ready:
            self._started = True
            page = self.panel.page_index
            QTimer.singleShot(0, lambda: self.panel.page_index == page
                              and self.panel.show_page(page))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window:
            if event.type() == QEvent.Type.Close:
                self.panel.shutdown()
            elif event.type() == QEvent.Type.Show and not self._ready:
                QTimer.singleShot(0, self._set_ready)
        return False

    def _set_ready(self) -> None:
        self._ready = True
