"""The exercises at the end of a lesson: one exercise at a time, checked, with hints.

``ExercisesBox`` (``exercisesBox``) is the Lessons panel's last page of a lesson: a
header "Exercise 2 of 3 · Compute ✓" with ◀ ▶ (``exercisePrevButton`` /
``exerciseNextButton``) and an ``ExerciseView``: the question, the answer widget of its
kind (``exercises_answers``), Check (``exerciseCheckButton``; "Check my canvas" for a
graph to build), Hint (``exerciseHintButton``, one more hint per press), Show the answer
(``exerciseRevealButton``; hidden when a teacher hides answers), a button that puts the
exercise's graph on the canvas (``exerciseCanvasButton``) and the feedback line
(``exerciseFeedback``: green when right, red with the diagnosis when wrong).

Every check, hint and reveal is recorded in the student's progress (``Progress`` of the
``ClassroomTools`` part, kept in the settings).  A language change shows the same
exercise in the new language with its feedback said again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...course import answers
from ...course.answers import Verdict
from ...course.exercise_data import Exercise
from ...course.lessons import Example
from ...course.progress import Progress
from ..window.context import WindowContext
from .exercises_answers import AnswerWidget, make_answer
from .exercises_text import color_for, feedback, kind_name

# The ClassroomTools part by its dotted name: this module and the Lessons panel do not
# import classroom.py (it reads predict mode's scores, and predict mode finds the lessons).
CLASSROOM_PART = "autodiff_gui.ui.course.classroom.ClassroomTools"


class Classroom(Protocol):
    """What the exercises and the Lessons panel use of ``classroom.ClassroomTools``."""

    progress: Progress
    answersHiddenChanged: Any  # noqa: N815 (Qt naming): a signal (bool)

    def answers_hidden(self) -> bool: ...
    def save_progress(self) -> None: ...
    def page_seen(self, lesson_id: str, page: int) -> None: ...
    def apply_lesson(self, lesson_id: str, classroom: Any) -> None: ...


def classroom_tools(ctx: WindowContext) -> Classroom:
    """The window's ClassroomTools part (built at start)."""
    return cast(Classroom, ctx.parts.build(CLASSROOM_PART))


def _button(parent: QWidget, name: str) -> QPushButton:
    b = QPushButton(parent)
    b.setObjectName(name)
    # The arrow keys step through the pass: buttons here must not grab them.
    b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return b


class ExerciseView(QWidget):
    """One exercise: question, answer, Check, Hint, Show the answer, feedback."""

    checked = Signal(bool)  # an answer was checked: right or not
    hintShown = Signal()  # noqa: N815 (Qt naming)
    revealed = Signal()

    def __init__(self, ctx: WindowContext, exercise: Exercise, hide_answers: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseView")
        self.ctx = ctx
        self.exercise = exercise
        self.hide_answers = hide_answers
        self.verdict: Verdict | None = None
        self.hints_shown = 0
        self.was_revealed = False
        self.question = QLabel(exercise.question, self)
        self.question.setObjectName("exerciseQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_widget: AnswerWidget = make_answer(exercise, ctx.document, self)
        self.answer_widget.submitted.connect(self.check)
        self.canvas_button = _button(self, "exerciseCanvasButton")
        self.canvas_button.clicked.connect(lambda _c=False: self.load_on_canvas())
        self.check_button = _button(self, "exerciseCheckButton")
        self.check_button.setDefault(False)
        self.check_button.clicked.connect(lambda _c=False: self.check())
        self.hint_button = _button(self, "exerciseHintButton")
        self.hint_button.clicked.connect(lambda _c=False: self.show_hint())
        self.reveal_button = _button(self, "exerciseRevealButton")
        self.reveal_button.clicked.connect(lambda _c=False: self.reveal())
        self.feedback = QLabel(self)
        self.feedback.setObjectName("exerciseFeedback")
        self.feedback.setWordWrap(True)
        bold = QFont(self.font())
        bold.setBold(True)
        self.feedback.setFont(bold)
        self.hints = QLabel(self)
        self.hints.setObjectName("exerciseHints")
        self.hints.setWordWrap(True)
        self.answer_label = QLabel(self)
        self.answer_label.setObjectName("exerciseAnswer")
        self.answer_label.setWordWrap(True)

        buttons = QHBoxLayout()
        for b in (self.check_button, self.hint_button, self.reveal_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.question)
        box.addWidget(self.answer_widget)
        box.addWidget(self.canvas_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addLayout(buttons)
        box.addWidget(self.feedback)
        box.addWidget(self.hints)
        box.addWidget(self.answer_label)
        box.addStretch(1)
        self.canvas_button.setVisible(self._canvas_graph() is not None)
        self.retranslate()

    # -- texts -----------------------------------------------------------------------
    def retranslate(self) -> None:
        ex = self.exercise
        self.check_button.setText(self.tr("Check my canvas") if ex.kind == "canvas"
                                  else self.tr("Check"))
        self.canvas_button.setText({"number": self.tr("Open this function on the canvas"),
                                    "canvas": self.tr("Start from the function on the "
                                                      "canvas"),
                                    "bug": self.tr("Show this graph on the canvas")}
                                   .get(ex.kind, ""))
        self.reveal_button.setText(self.tr("Show the answer"))
        self.answer_widget.retranslate()
        self._update_hints()
        self._update_feedback()
        self._update_answer()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_hints(self) -> None:
        hints = self.exercise.hints
        total = len(hints)
        self.hint_button.setVisible(total > 0)
        self.hint_button.setEnabled(self.hints_shown < total)
        self.hint_button.setText(self.tr("Hint ({n} of {total})").format(
            n=min(self.hints_shown + 1, total), total=total)
            if self.hints_shown < total else self.tr("No more hints"))
        shown = hints[:self.hints_shown]
        self.hints.setText("\n".join(f"→ {h}" for h in shown))
        self.hints.setVisible(bool(shown))

    def _update_feedback(self) -> None:
        v = self.verdict
        if v is None:
            self.feedback.clear()
            self.feedback.hide()
            return
        self.feedback.setText(feedback(v, self.exercise.explain, self.hide_answers))
        color = color_for(v)
        self.feedback.setStyleSheet(f"color: {color};" if color else "")
        self.feedback.show()

    def _update_answer(self) -> None:
        self.reveal_button.setVisible(not self.hide_answers)
        self.reveal_button.setEnabled(not self.was_revealed)
        shown = self.was_revealed and not self.hide_answers
        if shown:
            text = self.tr("The answer: {answer}").format(
                answer=answers.answer_text(self.exercise))
            if self.exercise.explain:
                text += f"\n{self.exercise.explain}"
            self.answer_label.setText(text)
        self.answer_label.setVisible(shown)

    # -- what the student does ----------------------------------------------------------
    def check(self) -> Verdict:
        """Check the answer as it stands; says the verdict and records it."""
        self.verdict = answers.check(self.exercise, self.answer_widget.answer())
        self._update_feedback()
        judged = self.verdict.correct or color_for(self.verdict) != ""
        if judged:
            self.checked.emit(self.verdict.correct)
        return self.verdict

    def show_hint(self) -> None:
        if self.hints_shown < len(self.exercise.hints):
            self.hints_shown += 1
            self._update_hints()
            self.hintShown.emit()

    def reveal(self) -> None:
        if self.hide_answers or self.was_revealed:
            return
        self.was_revealed = True
        self._update_answer()
        self.revealed.emit()

    def set_hide_answers(self, hide: bool) -> None:
        self.hide_answers = hide
        self._update_feedback()
        self._update_answer()

    def _canvas_graph(self) -> Example | None:
        """The exercise's graph as an untitled example (None: this kind has none)."""
        ex = self.exercise
        expression, values = {
            "number": (ex.function, ex.at), "canvas": (ex.start, ex.points[0] if ex.points
                                                       else {}),
            "bug": (ex.bug_expression() if ex.nodes else None, ex.inputs),
        }.get(ex.kind, (None, {}))
        if not expression:
            return None
        from ...core.expr import parse

        names = tuple(parse(expression).inputs())
        vals = {k: float(v) for k, v in values.items() if k in names}
        return Example(f"exercise:{ex.id}", {"en": expression}, expression, vals, names)

    def load_on_canvas(self) -> str:
        """Put the exercise's graph on the canvas (one undo step); the load's result."""
        from .examples import ensure_example

        example = self._canvas_graph()
        if example is None:
            return ""
        return ensure_example(self.ctx, example)


class ExercisesBox(QWidget):
    """A lesson's exercises, one at a time, with ◀ ▶ and the progress recorded."""

    progressChanged = Signal()  # noqa: N815 (Qt naming)

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exercisesBox")
        self.ctx = ctx
        self.tools = classroom_tools(ctx)
        self.lesson_id = ""
        self.exercises: tuple[Exercise, ...] = ()
        self.index = 0
        self.view: ExerciseView | None = None
        self.header = QLabel(self)
        self.header.setObjectName("exerciseHeader")
        self.prev_button = _button(self, "exercisePrevButton")
        self.next_button = _button(self, "exerciseNextButton")
        self.prev_button.clicked.connect(lambda _c=False: self.show_exercise(self.index - 1))
        self.next_button.clicked.connect(lambda _c=False: self.show_exercise(self.index + 1))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        # A long exercise (a bug's table) scrolls rather than squeezing its parts.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("exerciseScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addLayout(top)
        self.box.addWidget(self.scroll, 1)
        self.tools.answersHiddenChanged.connect(self._on_hide_answers)
        self.retranslate()

    def retranslate(self) -> None:
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("The previous exercise"))
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("The next exercise"))
        self._update_header()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_exercises(self, lesson_id: str, exercises: Sequence[Exercise],
                      keep_place: bool = False) -> None:
        """Show ``lesson_id``'s exercises (at the first, or where it was)."""
        same = keep_place and lesson_id == self.lesson_id
        self.lesson_id = lesson_id
        self.exercises = tuple(exercises)
        self.show_exercise(self.index if same else 0, keep=same)

    def show_exercise(self, index: int, keep: bool = False) -> None:
        if not self.exercises:
            return
        index = max(0, min(index, len(self.exercises) - 1))
        old = self.view
        state = None
        if keep and old is not None and old.exercise.id == self.exercises[index].id:
            state = (old.verdict is not None, old.hints_shown, old.was_revealed,
                     old.answer_widget.state())
        self.index = index
        view = ExerciseView(self.ctx, self.exercises[index], self.tools.answers_hidden(), self)
        if state is not None:  # the same exercise in another language
            judged, view.hints_shown, view.was_revealed, entered = state
            view.answer_widget.restore(entered)
            if judged:  # said again in the new language, not counted again
                view.verdict = answers.check(view.exercise, view.answer_widget.answer())
            view.retranslate()
        view.checked.connect(self._on_checked)
        view.hintShown.connect(self._on_hint)
        view.revealed.connect(self._on_revealed)
        self.scroll.setWidget(view)  # the old view is deleted
        self.view = view
        self._update_header()

    def _update_header(self) -> None:
        n = len(self.exercises)
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index + 1 < n)
        if not n:
            self.header.clear()
            return
        ex = self.exercises[self.index]
        done = self.tools.progress.is_solved(self.lesson_id, ex.id)
        self.header.setText(self.tr("Exercise {k} of {n} · {kind}").format(
            k=self.index + 1, n=n, kind=kind_name(ex.kind)) + (" ✓" if done else ""))

    def _current_id(self) -> str:
        return self.exercises[self.index].id

    def _on_checked(self, correct: bool) -> None:
        self.tools.progress.answered(self.lesson_id, self._current_id(), correct)
        self._saved()

    def _on_hint(self) -> None:
        self.tools.progress.hint_taken(self.lesson_id, self._current_id())
        self._saved()

    def _on_revealed(self) -> None:
        self.tools.progress.revealed(self.lesson_id, self._current_id())
        self._saved()

    def _saved(self) -> None:
        self.tools.save_progress()
        self._update_header()
        self.progressChanged.emit()

    def _on_hide_answers(self, hide: bool) -> None:
        if self.view is not None:
            self.view.set_hide_answers(hide)
