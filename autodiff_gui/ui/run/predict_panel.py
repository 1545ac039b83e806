"""Predict mode's question box, above the narration: the prompt, the answer field, the
Check and Reveal buttons, the feedback on the last answer and the pass's score.

A view of ``PredictState`` (what is asked, the last feedback, the score), which the
part (``predict.PredictMode``) changes and the box says again in the current language
on every language change: the question and the feedback are kept as data (a
``course.predict.Question`` and ``Verdict``), so a language switch re-translates them
and the text typed so far stays.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.values import format_value
from ...course.predict import PassScore, Question, Verdict
from ..app.i18n import translate_error, translate_text

RIGHT_COLOR = "#2e7d32"
WRONG_COLOR = "#c62828"
REVEAL_COLOR = "#6a1b9a"


def _expr_tr(text: str) -> str:
    return QCoreApplication.translate("expr", text)


@dataclass
class Feedback:
    """What the box says about the last answer.

    ``kind``: right, wrong (a second try follows), wrong_final (two tries: revealed),
    revealed (the Reveal button), unreadable (not counted as a try).
    """

    kind: str
    question: Question
    verdict: Verdict | None = None
    tries: int = 1


@dataclass
class PredictState:
    """What the box shows: the open question (None: none now), the last feedback, the
    score of the pass, and whether the pass is over."""

    question: Question | None = None
    feedback: Feedback | None = None
    score: PassScore = field(default_factory=PassScore)
    done: bool = False


class PredictPanel(QFrame):
    """The question box (object name ``predictPanel``)."""

    def __init__(self, state: PredictState, working: Callable[[Question], list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.state = state
        self._working = working
        # A little larger than the panel's text (presentation mode scales it further);
        # the feedback keeps the normal size so the narration below keeps its room.
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 1.15)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("predictionPrompt")
        self.prompt.setWordWrap(True)
        bold = QFont(big)
        bold.setBold(True)
        self.prompt.setFont(bold)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("predictionEdit")
        self.edit.setFont(big)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("checkPredictionButton")
        self.reveal_button = QPushButton(self)
        self.reveal_button.setObjectName("revealButton")
        self.feedback = QLabel(self)
        self.feedback.setObjectName("predictionFeedback")
        self.feedback.setWordWrap(True)
        self.score = QLabel(self)
        self.score.setObjectName("predictionScore")
        self.score.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.reveal_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        box.setSpacing(3)
        box.addWidget(self.prompt)
        box.addLayout(row)
        box.addWidget(self.feedback)
        box.addWidget(self.score)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text in the current language (the question and feedback included)."""
        self.edit.setPlaceholderText(self.tr("a number or an expression, e.g. 2*log(2)"))
        self.edit.setToolTip(self.tr("Your prediction: Enter checks it"))
        self.check_button.setText(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Check your prediction (Enter)"))
        self.reveal_button.setText(self.tr("Reveal"))
        self.reveal_button.setToolTip(self.tr("Show the answer and its working, and go on"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the wrapped texts need at this width: a dock's layout does not ask
        word-wrapped labels (height for width), and would cut their lines off."""
        layout = self.layout()
        if layout is None or self.width() <= 0:
            return
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def refresh(self) -> None:
        """Show the state as it is now."""
        s = self.state
        asking = s.question is not None
        self.prompt.setText(self.prompt_text())
        self.edit.setEnabled(asking)
        self.check_button.setEnabled(asking)
        self.reveal_button.setEnabled(asking)
        self.feedback.setText(self.feedback_html())
        self.feedback.setVisible(s.feedback is not None)
        self.score.setText(self.score_text())
        self._fit_height()

    def prompt_text(self) -> str:
        s = self.state
        if s.question is not None:
            return translate_text(s.question.prompt())
        if s.done:
            return self.tr("The pass is complete: your score is in the narration.")
        return self.tr("Step on with → (Next step): before each operation you are asked "
                       "what it will give.")

    def score_text(self) -> str:
        score = self.state.score
        if score.total == 0:
            return ""
        return self.tr("This pass: {score}").format(score=translate_text(score.text()))

    def _answer(self, q: Question) -> str:
        return f"{q.symbol} = {format_value(q.right)}"

    def feedback_html(self) -> str:
        fb = self.state.feedback
        if fb is None:
            return ""
        q, v = fb.question, fb.verdict
        parts: list[tuple[str, str]] = []  # (colour, text)
        diagnosis = translate_text(v.message) if v is not None and v.message is not None \
            else ""
        if fb.kind == "unreadable":
            reason = diagnosis
            if v is not None and v.error is not None:
                err = v.error
                reason = err.translated(_expr_tr) if hasattr(err, "translated") \
                    else translate_error(err)
            parts.append((WRONG_COLOR, self.tr("I cannot read that: {reason} (not counted "
                                               "as a try)").format(reason=reason)))
        elif fb.kind == "right":
            text = self.tr("✓ Right on the first try: {answer}") if fb.tries == 1 \
                else self.tr("✓ Right on the second try: {answer}")
            parts.append((RIGHT_COLOR, text.format(answer=self._answer(q))))
        elif fb.kind == "wrong":
            parts.append((WRONG_COLOR, self.tr("✗ Not quite. {diagnosis}").format(
                diagnosis=diagnosis)))
            parts.append((WRONG_COLOR, self.tr("Try once more, or press Reveal.")))
        else:  # wrong_final or revealed: the answer and its working
            if fb.kind == "wrong_final":
                parts.append((WRONG_COLOR, self.tr("✗ Not right. {diagnosis}").format(
                    diagnosis=diagnosis)))
            parts.append((REVEAL_COLOR, self.tr("The answer: {answer}").format(
                answer=self._answer(q))))
            parts.append((REVEAL_COLOR, "\n".join(self._working(q))))
        return "<br>".join(
            f"<span style='color:{colour}'>"
            + html.escape(text).replace("\n", "<br>") + "</span>" for colour, text in parts)
