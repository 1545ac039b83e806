"""The trace: one table row per executed step, like simpleautodiff's printed trace.

``TraceModel`` follows the ``StepController``: rows are inserted as steps are taken
(``beginInsertRows``, all at once for a jump).  Going back (←, or a click on a row)
keeps the later rows of the same pass, greyed, so the rows never move under the
mouse: the row clicked is the row highlighted, and a greyed row can be clicked to go
forward again.  ``rows()`` and the CSV hold the executed steps only.
Cells are made on demand from the step records (only visible rows cost anything).
``export_csv`` writes the same columns with every digit.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import ops
from ...core.narration import TEMPLATES, Narration, local_rule, tangent_term
from ...core.steps import BackwardStep, ForwardStep, Step, TangentStep
from ...core.values import format_value
from .narration import BACKWARD_COLOR, FORWARD_COLOR
from .stepping import StepController

Index = QModelIndex | QPersistentModelIndex
LATER_COLOR = "#9e9e9e"  # steps after the current one (readable on light and dark)
_ROOT = QModelIndex()  # the invalid index: the table's root
Fmt = Callable[[Any], str]

(STEP, PASS, NODE, OP, INPUTS, VALUE, DOUT, LOCALS, CONTRIBUTIONS, ACCUMULATED) = range(10)
COLUMN_KEYS = ("step", "pass", "node", "op", "inputs", "value", "dout", "local_derivatives",
               "contributions", "accumulated_gradient")


def full_number(value: Any) -> str:
    """Every digit: a float's repr, an array as a JSON list."""
    if value is None:
        return ""
    if isinstance(value, np.ndarray):
        return json.dumps(value.tolist())
    return repr(float(value))


def short_number(value: Any) -> str:
    return "" if value is None else format_value(value)


def _pass_text(step: Step) -> str:
    tr = QCoreApplication.translate
    if isinstance(step, ForwardStep):
        return tr("TraceModel", "forward")
    if isinstance(step, BackwardStep):
        return tr("TraceModel", "backward")
    return tr("TraceModel", "tangent")


def _op_text(step: Step) -> str:
    tr = QCoreApplication.translate
    if step.op:
        return f"{ops.OPS[step.op].symbol} ({step.op})"
    return tr("TraceModel", "input") if step.kind == "input" else tr("TraceModel", "constant")


def _slot_text(step: BackwardStep, slot: int) -> str:
    """``first argument``: which argument slot a contribution goes through (binary ops)."""
    if len(step.arg_labels) < 2:
        return ""
    key = "first_argument" if slot == 0 else "second_argument"
    return QCoreApplication.translate("Narration", TEMPLATES[key])


def step_cells(step: Step, position: int, fmt: Fmt,
               narration: Narration | None = None) -> list[str]:
    """The trace columns of one step, numbers written with ``fmt``.

    ``narration`` (of the same pass) knows the notation (f, or L = v·f) and how many
    contributions each gradient collects, so a partial sum is called one."""
    tr = QCoreApplication.translate
    narration = narration or Narration()
    inputs = ""
    if not isinstance(step, TangentStep):
        inputs = ", ".join(f"{lab} = {fmt(v)}" if lab != fmt(v) else lab
                           for lab, v in zip(step.arg_labels, step.arg_values))
    else:
        inputs = ", ".join(step.arg_labels)
    value = fmt(step.value)
    dout = locals_ = contributions = accumulated = ""
    if isinstance(step, BackwardStep):
        letter = narration.letter()
        dout = fmt(step.dout)
        # An op without a per-element local derivative (matmul) says what flows back,
        # with the pass's own letter: ∂f/∂W = ∂f/∂a·xᵀ.
        locals_ = "; ".join(
            (f"∂{step.label}/∂{c.source_label} = {c.local_text}" if c.local is not None
             or not ops.OPS[step.op].backward_texts else local_rule(
                 step, c, letter, lambda t: tr("Narration", t)))
            + (f" = {fmt(c.local)}" if c.local is not None and fmt(c.local) != c.local_text
               else "")
            for c in step.contributions)
        parts = []
        for c in step.contributions:
            slot = _slot_text(step, c.slot)
            parts.append(f"{c.source_label} ← {fmt(c.amount)}" + (f"  ({slot})" if slot else ""))
        contributions = "; ".join(parts)
        sums = []
        for c in step.contributions:
            total = (f"{fmt(c.before)} + {fmt(c.amount)} = " if c.before is not None else "") \
                + fmt(c.after)
            pos = narration.position(step, c)
            if pos is None or pos[0] == pos[1]:
                sums.append(f"∂{letter}/∂{c.source_label} = {total}")
            else:
                sums.append(tr("TraceModel", "∂{F}/∂{src} so far: {total}  ({k} of {n})").format(
                    F=letter, src=c.source_label, total=total, k=pos[0], n=pos[1]))
        accumulated = "; ".join(sums)
    elif isinstance(step, TangentStep):
        dout = "0" if step.tangent is None else fmt(step.tangent)
        locals_ = "; ".join(fmt(loc) for loc in step.locals if loc is not None)
        contributions = " + ".join(tangent_term(step, k, fmt)
                                   for k, t in enumerate(step.arg_tangents) if t is not None)
        accumulated = f"{narration.tangent_symbol(step.label, step.wrt)} = {dout}"
    return [str(position), _pass_text(step), step.label, _op_text(step), inputs, value, dout,
            locals_, contributions, accumulated]


class TraceModel(QAbstractTableModel):
    """Rows are the steps reached in this pass; those after the position are greyed."""

    def __init__(self, controller: StepController, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._records: list[Step] = []
        self._narration: Narration | None = None
        self._rows = 0  # the furthest position reached in this pass
        self._position = 0  # the controller's position: rows past it are greyed
        self._cells: dict[int, list[str]] = {}  # display texts by row (records never change)
        self._headers: list[str] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._forward = QBrush(QColor(FORWARD_COLOR))
        self._backward = QBrush(QColor(BACKWARD_COLOR))
        self._later = QBrush(QColor(LATER_COLOR))
        controller.positionChanged.connect(self._on_position)
        controller.stepperReset.connect(self._on_reset)
        self._on_reset()

    def _dout_header(self) -> str:
        """What the dout column holds in this pass: ∂f/∂node, ∂L/∂node (L = v·f under an
        upstream gradient v ≠ 1), or forward mode's tangent."""
        c = self.controller
        if c.mode == "forward":
            return self.tr("tangent of node")
        u = c.upstream
        if np.ndim(u) == 0 and float(u) == 1.0:
            return self.tr("∂f/∂node (dout)")
        return self.tr("∂L/∂node (dout)")

    def headers(self) -> list[str]:
        return [self.tr("Step"), self.tr("Pass"), self.tr("Node"), self.tr("Op"),
                self.tr("Inputs"), self.tr("Value"), self._dout_header(),
                self.tr("Local derivatives"), self.tr("Contributions"),
                self.tr("Accumulated gradient")]

    def narration(self) -> Narration:
        """The notation of the pass the rows come from (made once per pass)."""
        c = self.controller
        n = self._narration
        if n is None or n.records is not self._records or n.upstream is not c.upstream:
            n = self._narration = Narration(c.program, self._records, c.upstream)
        return n

    def retranslate(self) -> None:
        """Headers and the pass/op words of every row in the current language."""
        self._headers = None
        self._cells = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMN_KEYS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._rows - 1, len(COLUMN_KEYS) - 1))

    # -- following the controller -------------------------------------------------
    def _on_reset(self) -> None:
        self.beginResetModel()
        stepper = self.controller.stepper
        self._records = stepper.records if stepper is not None else []
        self._cells = {}
        self._rows = self._position = self.controller.position
        self.endResetModel()
        header = self._dout_header()
        if self._headers is not None and self._headers[DOUT] != header:  # mode, upstream
            self._headers[DOUT] = header
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, DOUT, DOUT)

    def _on_position(self, old: int, new: int) -> None:
        stepper = self.controller.stepper
        if stepper is None or stepper.records is not self._records:
            self._on_reset()
            return
        self._position = new
        if new > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, new - 1)
            self._rows = new
            self.endInsertRows()
        # Rows between the two positions change emphasis and grey (not removed: rows
        # taken away under the mouse made a click land on another row).
        first, last = max(0, min(old, new) - 1), min(max(old, new), self._rows) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(last, len(COLUMN_KEYS) - 1),
                                  [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole])

    @property
    def position(self) -> int:
        """The executed steps: rows below it are steps of this pass not taken now."""
        return self._position

    # -- the model ----------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def step(self, row: int) -> Step:
        return self._records[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._rows:
            return None
        row, col = index.row(), index.column()
        step = self._records[row]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self._cells.get(row)
            if cells is None:  # a row's cells are asked for one by one: make them once
                cells = self._cells[row] = step_cells(step, row + 1, short_number,
                                                      self.narration())
            return cells[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return step_cells(step, row + 1, full_number, self.narration())[col]
        if role == Qt.ItemDataRole.FontRole and row == self._position - 1:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row >= self._position:
            return self._later
        if role == Qt.ItemDataRole.ForegroundRole and col in (PASS, DOUT):
            return self._backward if isinstance(step, BackwardStep) else self._forward
        if role == Qt.ItemDataRole.TextAlignmentRole and col == STEP:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if self._headers is None:
                self._headers = self.headers()
            return self._headers[section]
        return None

    # -- export -----------------------------------------------------------------------
    def rows(self, full: bool = True) -> list[list[str]]:
        fmt = full_number if full else short_number
        return [step_cells(self._records[r], r + 1, fmt, self.narration())
                for r in range(self._position)]

    def export_csv(self, path: str) -> None:
        """Write the executed steps to ``path`` (UTF-8 CSV, every digit)."""
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMN_KEYS)
            writer.writerows(self.rows(full=True))


class TracePanel(QWidget):
    """The trace table with an Export button; selecting a row jumps to that step."""

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = TraceModel(controller, self)
        self.table = QTableView(self)
        self.table.setObjectName("traceView")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(48)
        self.table.verticalHeader().hide()
        # Fixed sizes: measuring contents of thousands of rows per step is slow.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((44, 76, 52, 86, 150, 80, 118, 200, 160, 220)):
            self.table.setColumnWidth(col, width)
        self._syncing = False
        self.table.clicked.connect(self._jump)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.rowsInserted.connect(self._follow)
        self.model.rowsRemoved.connect(self._follow)
        self.model.modelReset.connect(self._follow)
        controller.positionChanged.connect(self._follow)  # back: no rows removed

        self.export_button = QPushButton(self)
        self.export_button.setObjectName("traceExportButton")
        self.export_button.clicked.connect(self.export_dialog)
        self.hint = QLabel(self)
        self.hint.setObjectName("traceHint")
        bar = QHBoxLayout()
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.export_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.table, 1)
        box.addLayout(bar)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on a language change)."""
        self.export_button.setText(self.tr("Export CSV…"))
        self.hint.setText(self.tr("Click a row to go to that step."))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _follow(self, *_args: Any) -> None:
        row = self.model.position - 1  # the current step's row
        if row < 0:
            return
        self._syncing = True
        try:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._syncing = False
        # After the layout has settled (rows inserted into a view not laid out yet
        # would scroll to a stale place).
        QTimer.singleShot(0, self, self._scroll_to_current)  # dropped if we are deleted

    def _scroll_to_current(self) -> None:
        row = self.model.position - 1
        if row >= 0:
            self.table.scrollTo(self.model.index(row, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self._jump(current)

    def _jump(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() + 1 != self.controller.position:
            self.controller.go_to(index.row() + 1)

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Trace"), "trace.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            try:
                self.model.export_csv(path)
            except OSError as exc:
                self.controller.message.emit(self.tr("Cannot write {0}: {1}").format(
                    path, exc.strerror or str(exc)))
            else:
                self.controller.message.emit(self.tr("Trace saved to {0}").format(path))
