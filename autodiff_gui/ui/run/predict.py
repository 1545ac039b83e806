"""Predict mode: Run ▸ Predict Mode asks before each step what it will give.

``PredictMode(ctx)`` is a window part (``ui/window/context.py``): a checkable action
``actionPredictMode`` in the Run menu and on the step toolbar, and a question box
(``predict_panel.PredictPanel``) above the narration, in the narration dock (so
presentation mode shows it too).  While it is on it is the step controller's gate
(``StepController.gate``): no step moves past a question that is still open, whether
by → (Next step), Run to end, a jump or playing (playing pauses at each question).

The questions and the judging are ``course.predict``'s (Qt-free): before an
operation's step the box asks for its value (forward pass), each contribution or the
running sum (backward pass) or its tangent (forward mode).  Enter (or Check)
submits: right → the step is shown and the answer marked right; wrong → the
diagnosis, and a second try; a second wrong answer, or Reveal at any time, shows the
answer with its working and goes on.  An answer that cannot be read is not a try.

The pass's score (right on the first try / second try / revealed) is said in the
narration at the end and kept in the settings per lesson: the lesson whose panel is
open, else ``PRACTICE`` (a graph of one's own).  ``predict_scores(settings)`` reads
them (lesson id -> ``course.predict.LessonScores``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle

from ...core.narration import Narration
from ...core.steps import BackwardStep, ForwardStep, TangentStep
from ...course.predict import (
    Facts,
    LessonScores,
    PassScore,
    Question,
    judge,
    questions_for,
    scores_from_json,
    scores_to_json,
    working,
)
from ..app.i18n import translate_text
from ..app.settings import Settings
from ..window.context import WindowContext
from .overlay import StepView
from .predict_panel import Feedback, PredictPanel, PredictState
from .run_panel import RunPanel
from .stepping import tr_narration

SCORES_KEY = "predict/scores"
PRACTICE = "practice"  # the scores of passes outside any lesson
Value = Any


def predict_scores(settings: Settings) -> dict[str, LessonScores]:
    """Predict mode's scores kept in ``settings``: lesson id (or ``PRACTICE``) ->
    ``LessonScores`` (passes finished, the last pass's score and the best)."""
    return scores_from_json(settings.qsettings.value(SCORES_KEY, "", type=str))


def add_predict_score(settings: Settings, lesson: str, score: PassScore) -> None:
    """Keep a finished pass's score under ``lesson``."""
    scores = predict_scores(settings)
    scores.setdefault(lesson, LessonScores()).add(score)
    settings.qsettings.setValue(SCORES_KEY, scores_to_json(scores))


class PredictMode(QObject):
    """Run ▸ Predict Mode and its question box, attached to the run panel's controller."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.run_panel = rp = ctx.parts.get(RunPanel)
        self.controller = c = rp.controller
        self.state = PredictState()
        self.panel = PredictPanel(self.state, self._working)
        self.panel.hide()
        rp.add_above_narration(self.panel)
        self.action = QAction(ctx.host)
        self.action.setObjectName("actionPredictMode")
        self.action.setCheckable(True)
        self.action.setIcon(ctx.host.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxQuestion))
        self.action.toggled.connect(self.set_active)
        ctx.host.addAction(self.action)
        self._add_to_menu(rp)
        rp.toolbar.addAction(self.action)
        rp.narration.summary_extras.append(self.summary)
        self.panel.edit.returnPressed.connect(self.submit)
        self.panel.check_button.clicked.connect(self.submit)
        self.panel.reveal_button.clicked.connect(self.reveal)
        c.positionChanged.connect(lambda _o, _n: self._follow())
        c.stepperReset.connect(self._new_pass)
        c.programChanged.connect(self._follow)
        self._pass: StepView | None = None  # the pass the questions below belong to
        self._questions: dict[int, list[Question]] = {}  # by record index
        self._outcomes: dict[tuple[int, int], str] = {}
        self._tries: dict[tuple[int, int], int] = {}
        self._saved = False
        # The gradients of the last finished backward pass, by input name, and the
        # function they belong to: what .grad would still hold without zero_grad().
        self._last_run: tuple[int, dict[str, Value]] | None = None
        self.retranslate()
        ctx.host.installEventFilter(self)

    def _add_to_menu(self, rp: RunPanel) -> None:
        actions = rp.menu.actions()
        after = actions.index(rp.actionReset) + 1 if rp.actionReset in actions else len(actions)
        before = actions[after] if after < len(actions) else None
        rp.menu.insertSeparator(before) if before is not None else rp.menu.addSeparator()
        rp.menu.insertAction(before, self.action)

    # -- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The action's texts (the box retranslates itself)."""
        self.action.setText(self.tr("Pre&dict Mode"))
        tip = self.tr("Before each step, predict what it will give; the app checks your "
                      "answer and names the usual mistakes")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # -- on and off -----------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.action.isChecked()

    def set_active(self, on: bool) -> None:
        """Turn predict mode on or off (the action's toggle)."""
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # comes back here through toggled
            return
        self.controller.gate = self if on else None
        # The question box's height comes from the bottom tabs, not from the narration
        # under it nor the Inputs over it (asked before it shows: then they still have
        # their heights), and goes back to them when predict mode ends.
        dock = self.run_panel.narration_dock
        if on and self.panel.isHidden():
            self.ctx.make_room(dock, self.panel.sizeHint().height())
        self.panel.setVisible(on)
        if not on:
            self.ctx.make_room(dock, 0)
        if on:
            self.controller.pause()
        self._follow()
        self.run_panel.narration.refresh()

    # -- the gate ---------------------------------------------------------------------------
    def questions(self, index: int) -> list[Question]:
        """The questions asked before record ``index`` of the current pass."""
        view = self.controller.view
        if view is None or index >= len(view.stepper.records):
            return []
        self._sync_pass()
        found = self._questions.get(index)
        if found is None:
            step = view.stepper.records[index]
            found = self._questions[index] = questions_for(step, index, self.narration())
        return found

    def _open(self, index: int) -> Question | None:
        for q in self.questions(index):
            if q.key not in self._outcomes:
                return q
        return None

    def limit(self, view: StepView, target: int) -> int:
        """The position before the first step whose question is open (``StepGate``)."""
        for index in range(view.position, target):
            if self._open(index) is not None:
                return index
        return target

    def held(self) -> None:
        """A move stopped at an open question (``StepGate``): ask it."""
        self._follow()
        self.ctx.status(self.tr("Predict first: type your answer and press Enter, or "
                                "press Reveal"))
        if self.panel.isVisible():
            self.panel.edit.setFocus()

    # -- the pass -----------------------------------------------------------------------------
    def narration(self) -> Narration:
        """The narration of the current pass (the narration panel's)."""
        return self.run_panel.narration.narration()

    def _sync_pass(self) -> None:
        view = self.controller.view
        if view is not self._pass:
            self._pass = view
            self._questions.clear()
            self._outcomes.clear()
            self._tries.clear()
            self.state.score = PassScore()
            self.state.feedback = None
            self._saved = False

    def _new_pass(self) -> None:
        self._sync_pass()
        self._follow()

    def pending(self) -> Question | None:
        """The open question before the next step (None: the next step asks nothing)."""
        view = self.controller.view
        if not self.active or view is None or view.at_error:
            return None
        return self._open(view.position)

    def _follow(self) -> None:
        """After a move: remember a finished pass, keep its score, ask the next question."""
        self._sync_pass()
        c = self.controller
        view = c.view
        if view is not None and c.done and not view.at_error:
            self._finished(view)
        if not self.active:
            return
        had_focus = self.panel.edit.hasFocus()
        self.state.question = self.pending()
        self.state.done = c.done
        self.panel.refresh()
        if self.state.question is not None and self.panel.isVisible():
            self.panel.edit.setFocus()
        elif had_focus:
            self.ctx.view.setFocus()  # → steps again

    def _finished(self, view: StepView) -> None:
        c = self.controller
        if view.mode == "reverse" and view.stepper.error is None:
            program = view.program
            grads = view.stepper.gradients()
            self._last_run = (c.generation, {
                name: grads[node] for name, node in program.input_nodes.items()
                if node in grads})
        if self.active and not self._saved and self.state.score.total:
            self._saved = True
            if self.ctx.persist_settings():
                add_predict_score(self.ctx.settings, self.lesson_key(), self.state.score)

    def lesson_key(self) -> str:
        """The lesson whose panel is open (its id), else ``PRACTICE``."""
        from ..course.lessons import Lessons  # a part of its own, maybe not built

        lessons = self.ctx.parts.find(Lessons)
        if lessons is not None and lessons.dock.isVisible():
            lesson = lessons.panel.lesson
            if lesson is not None:
                return lesson.id
        return PRACTICE

    def facts(self, question: Question) -> Facts:
        """What the judge needs: the upstream gradient, an earlier run's gradients and
        the values computed before the step."""
        c = self.controller
        view = c.view
        carried: dict[str, Value] = {}
        if isinstance(question.step, BackwardStep):
            if c.accumulate:
                carried = c.accumulated
            elif self._last_run is not None and self._last_run[0] == c.generation:
                carried = dict(self._last_run[1])
        known: dict[str, Value] = {}
        if view is not None:
            for step in view.stepper.records[:question.index]:
                if isinstance(step, (ForwardStep, TangentStep)) and step.value is not None \
                        and step.label.isidentifier():
                    known[step.label] = step.value
        return Facts(c.upstream, carried, known)

    # -- answering ---------------------------------------------------------------------------
    def submit(self) -> None:
        """Check the typed answer (Enter); with no open question, take the next step."""
        q = self.pending()
        if q is None:
            if self.active and not self.controller.done:
                self.controller.next()
            return
        text = self.panel.edit.text()
        verdict = judge(q, text, self.facts(q), self.narration())
        if not verdict.readable:
            self.state.feedback = Feedback("unreadable", q, verdict)
            self.panel.refresh()
            return
        tries = self._tries.get(q.key, 0) + 1
        self._tries[q.key] = tries
        if verdict.correct:
            self._settle(q, "first" if tries == 1 else "second",
                         Feedback("right", q, verdict, tries))
        elif tries >= 2:
            self._settle(q, "revealed", Feedback("wrong_final", q, verdict, tries))
        else:
            self.state.feedback = Feedback("wrong", q, verdict, tries)
            self.panel.refresh()
            self.panel.edit.selectAll()

    def reveal(self) -> None:
        """Show the answer of the open question with its working, and go on."""
        q = self.pending()
        if q is not None:
            self._settle(q, "revealed", Feedback("revealed", q, None,
                                                 self._tries.get(q.key, 0)))

    def _settle(self, q: Question, outcome: str, feedback: Feedback) -> None:
        self._outcomes[q.key] = outcome
        self.state.score.add(outcome)
        self.state.feedback = feedback
        self.panel.edit.clear()
        if self._open(q.index) is None:  # the step's last question: show the step
            self.controller.next()
        self._follow()

    def summary(self) -> str:
        """The pass's score for the narration's summary ("" when nothing was asked)."""
        if not self.active or not self.state.score.total:
            return ""
        return self.tr("Predict mode: {score}").format(
            score=translate_text(self.state.score.text()))

    def _working(self, q: Question) -> list[str]:
        return working(q, self.narration(), tr_narration)

    def answers(self) -> dict[tuple[int, int], str]:
        """How each question of this pass was settled (first, second, revealed)."""
        return dict(self._outcomes)
