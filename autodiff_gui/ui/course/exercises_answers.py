"""The answer part of an exercise, one widget per kind.

* ``NumberAnswer``: a field (``exerciseAnswerEdit``; Enter checks) that takes numbers
  and simple expressions;
* ``ChoiceAnswer``: radio buttons (``exerciseChoice_<k>``);
* ``CanvasAnswer``: says to build the graph on the canvas; the check reads the canvas;
* ``BugAnswer``: the hand-written gradient table (``exerciseNodeTable``), the per-node
  check that fills its numerical column (``exerciseNodeCheckButton``), the gradient the
  table gives beside the engine's, and the node picker (``exerciseNodeCombo``).

Each has ``answer()`` (what ``course.answers.check`` takes), ``retranslate()`` and a
``submitted`` signal for "check now" (Enter in the field).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.graph import Document
from ...course import answers
from ...course.exercise_data import Exercise
from .exercises_text import BAD, GOOD


class AnswerWidget(QWidget):
    """The common face of the four answer widgets."""

    submitted = Signal()

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def answer(self) -> Any:
        raise NotImplementedError

    def state(self) -> Any:
        """What the student entered, to carry over to the same exercise in another
        language."""
        return None

    def restore(self, state: Any) -> None:
        """Enter ``state`` (from ``state()``) again."""

    def retranslate(self) -> None:
        """Texts of the widget in the current language (the exercise's own words stay)."""


class NumberAnswer(AnswerWidget):
    """A typed number or expression."""

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(exercise, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("exerciseAnswerEdit")
        self.edit.returnPressed.connect(self.submitted)
        self.box.addWidget(self.edit)
        self.retranslate()

    def answer(self) -> str:
        return self.edit.text()

    def state(self) -> str:
        return self.edit.text()

    def restore(self, state: Any) -> None:
        self.edit.setText(str(state or ""))

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Your answer: a number or an expression such "
                                             "as 2*log(2)"))


class ChoiceAnswer(AnswerWidget):
    """One of the choices."""

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(exercise, parent)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for k, choice in enumerate(exercise.choices):
            b = QRadioButton(choice.text, self)
            b.setObjectName(f"exerciseChoice_{k}")
            self.group.addButton(b, k)
            self.buttons.append(b)
            self.box.addWidget(b)

    def answer(self) -> int | None:
        k = self.group.checkedId()
        return k if k >= 0 else None

    def choose(self, k: int) -> None:
        self.buttons[k].setChecked(True)

    def state(self) -> int | None:
        return self.answer()

    def restore(self, state: Any) -> None:
        if isinstance(state, int):
            self.choose(state)


class CanvasAnswer(AnswerWidget):
    """The graph on the canvas is the answer."""

    def __init__(self, exercise: Exercise, document: Document,
                 parent: QWidget | None = None) -> None:
        super().__init__(exercise, parent)
        self.document = document
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.box.addWidget(self.label)
        self.retranslate()

    def answer(self) -> Document:
        return self.document

    def retranslate(self) -> None:
        points = ", ".join(f"{k} = {v:g}" for p in self.exercise.points for k, v in p.items())
        self.label.setText(self.tr("Build it on the canvas (blocks or the expression bar), "
                                   "then press Check my canvas. It is evaluated at {points}.")
                           .format(points=points))


class BugAnswer(AnswerWidget):
    """The hand-written table, its per-node check and the node picker."""

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(exercise, parent)
        self.rows = answers.node_rows(exercise)
        self.checked = False
        self.gradients = QLabel(self)
        self.gradients.setObjectName("exerciseTableGradient")
        self.gradients.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 4, self)
        self.table.setObjectName("exerciseNodeTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("exerciseNodeCheckButton")
        self.check_button.clicked.connect(lambda _c=False: self.run_check())
        self.combo = QComboBox(self)
        self.combo.setObjectName("exerciseNodeCombo")
        for node in exercise.nodes:
            self.combo.addItem(f"{node.name} = {node.expr}", node.name)
        self.combo.setCurrentIndex(-1)
        self.pick_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.pick_label)
        row.addWidget(self.combo, 1)
        self.box.addWidget(self.gradients)
        self.box.addWidget(self.table)
        self.box.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.box.addLayout(row)
        # Every row shown: the panel scrolls, not the table.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() *
                                    (len(self.rows) + 1) + 8)
        self.retranslate()

    def answer(self) -> str | None:
        return self.combo.currentData()

    def pick(self, name: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(name))

    def state(self) -> tuple[bool, str | None]:
        return self.checked, self.answer()

    def restore(self, state: Any) -> None:
        checked, name = state
        if name:
            self.pick(name)
        if checked:
            self.run_check()

    def run_check(self) -> None:
        """Fill the numerical column: each node's operation, central difference."""
        self.checked = True
        self._fill()

    def _fill(self) -> None:
        for r, row in enumerate(self.rows):
            cells = [f"{row.node} = {row.expr}", f"∂{row.node}/∂{row.arg} = {row.formula}",
                     f"{row.written:.6g}", f"{row.numeric:.6g}" if self.checked else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if self.checked and c >= 2:
                    item.setForeground(QBrush(QColor(GOOD if row.agrees else BAD)))
                self.table.setItem(r, c, item)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("node"), self.tr("hand-written"), self.tr("its value"),
            self.tr("central difference")])
        self.check_button.setText(self.tr("Check each node"))
        self.check_button.setToolTip(self.tr("Compare each hand-written local derivative "
                                             "with a central difference of that node"))
        self.pick_label.setText(self.tr("The wrong node:"))
        written, engine = answers.table_gradient(self.exercise)
        out = self.exercise.nodes[-1].name
        self.gradients.setText(self.tr("With this table: {table}. The engine: {engine}.").format(
            table=", ".join(f"∂{out}/∂{k} = {v:.6g}" for k, v in written.items()),
            engine=", ".join(f"∂{out}/∂{k} = {v:.6g}" for k, v in engine.items())))
        self._fill()


def make_answer(exercise: Exercise, document: Document,
                parent: QWidget | None = None) -> AnswerWidget:
    """The answer widget for ``exercise``'s kind."""
    if exercise.kind == "number":
        return NumberAnswer(exercise, parent)
    if exercise.kind == "choice":
        return ChoiceAnswer(exercise, parent)
    if exercise.kind == "canvas":
        return CanvasAnswer(exercise, document, parent)
    return BugAnswer(exercise, parent)
