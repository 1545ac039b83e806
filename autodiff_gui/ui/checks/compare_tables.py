"""The two tables of the Compare panel: by input element, and node by node.

``ComparisonTables`` is a tab widget that shows one ``check.compare.Comparison``:

* "By input" (``comparisonView``): one row per input element with the engine's
  reverse-mode gradient, forward mode, forward and central differences, the
  complex step (or why not), PyTorch (or why not), the largest absolute and
  relative error and a pass/fail badge;
* "Node by node" (``nodeComparisonView``): every node's value and gradient from
  the engine and from PyTorch side by side, with PyTorch's ``grad_fn``.

It keeps the comparison it shows, so a language change says the same rows again
(verdicts, reasons and notes are words; the numbers stay).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTabWidget, QWidget

from ...check.compare import Comparison
from ...core.graph import format_value
from ..app.i18n import translate_text

PASS_COLOR, FAIL_COLOR, KINK_COLOR, NA_COLOR = "#2e7d32", "#c62828", "#ef6c00", "#757575"
VERDICT_COLORS = {"pass": PASS_COLOR, "fail": FAIL_COLOR, "kink": KINK_COLOR,
                  "unavailable": NA_COLOR}

# Marked for lupdate here, translated where the headers are set.
INPUT_COLUMNS = (
    QT_TRANSLATE_NOOP("ComparisonPanel", "Input"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Value"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Engine (reverse)"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Forward mode"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Forward diff."),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Central diff."),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Complex step"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "PyTorch"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Max abs. error"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Max rel. error"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Result"))
NODE_COLUMNS = (
    QT_TRANSLATE_NOOP("ComparisonPanel", "Node"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Op"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Engine value"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "PyTorch value"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Engine ∂f/∂node"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "PyTorch ∂f/∂node"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "grad_fn"),
    QT_TRANSLATE_NOOP("ComparisonPanel", "Agree"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComparisonPanel", text)


def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return format_value(v) if math.isfinite(v) else str(v)


def _fv(v: Any) -> str:
    return "—" if v is None else format_value(v)


def _full(v: Any) -> str:
    return "" if v is None else repr(v)


def _item(text: str, tip: str = "", value: Any = None) -> QStandardItem:
    item = QStandardItem(text)
    if tip:
        item.setToolTip(tip)
    if value is not None:
        item.setData(value, Qt.ItemDataRole.UserRole)
    return item


def verdict_text(verdict: str) -> str:
    """A row's or the whole check's verdict in words (current language)."""
    texts = {"pass": _tr("pass"), "fail": _tr("FAIL"), "kink": _tr("kink"),
             "unavailable": _tr("n/a")}
    return texts.get(verdict, verdict)


class ComparisonTables(QTabWidget):
    """The "By input" and "Node by node" tables of one comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonTabs")
        self.result: Comparison | None = None
        self.input_model = QStandardItemModel(0, len(INPUT_COLUMNS), self)
        self.node_model = QStandardItemModel(0, len(NODE_COLUMNS), self)
        self.table = self._table("comparisonView", self.input_model)
        self.node_table = self._table("nodeComparisonView", self.node_model)
        self.addTab(self.table, "")
        self.addTab(self.node_table, "")
        self.retranslate()

    def _table(self, name: str, model: QStandardItemModel) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAlternatingRowColors(True)
        table.setMinimumHeight(48)
        return table

    def retranslate(self) -> None:
        """Headers, tabs and the rows shown, in the current language (same numbers)."""
        self.input_model.setHorizontalHeaderLabels([_tr(c) for c in INPUT_COLUMNS])
        for col, tip in ((8, _tr("Largest |engine − reference| over forward mode, the "
                                 "central difference, the complex step and PyTorch")),
                         (9, _tr("The same, relative to the larger of the two"))):
            self.input_model.horizontalHeaderItem(col).setToolTip(tip)
        self.node_model.setHorizontalHeaderLabels([_tr(c) for c in NODE_COLUMNS])
        self.setTabText(0, _tr("By input"))
        self.setTabText(1, _tr("Node by node (PyTorch grad_fn)"))
        if self.result is not None:
            self.show_result(self.result, resize=False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def clear_rows(self) -> None:
        self.result = None
        self.input_model.removeRows(0, self.input_model.rowCount())
        self.node_model.removeRows(0, self.node_model.rowCount())

    def show_result(self, result: Comparison, resize: bool = True) -> None:
        """Fill both tables from ``result`` (kept for a language change)."""
        self.clear_rows()
        self.result = result
        for r in result.rows:
            self.input_model.appendRow(self._input_row(result, r))
        for n in result.nodes:
            agree = _item({True: "✓", False: "✗", None: "—"}[n.agree])
            if n.agree is not None:
                agree.setForeground(QBrush(QColor(PASS_COLOR if n.agree else FAIL_COLOR)))
            self.node_model.appendRow([
                _item(n.label), _item(n.op),
                _item(_fv(n.engine_value)), _item(_fv(n.torch_value)),
                _item(_fv(n.engine_grad)), _item(_fv(n.torch_grad)),
                _item(n.grad_fn or "—"), agree])
        if resize:  # not on a language change: the user's column widths stay
            for table in (self.table, self.node_table):
                table.resizeColumnsToContents()

    def _input_row(self, result: Comparison, r: Any) -> list[QStandardItem]:
        if result.torch_state == "pending":
            torch_cell = _item(_tr("loading…"))
        elif r.torch is not None:
            torch_cell = _item(_num(r.torch), _full(r.torch), r.torch)
        else:
            reason = translate_text(result.torch_reason)
            torch_cell = _item(reason or _tr("not run"), reason)
        if r.complex_step is not None:
            complex_cell = _item(_num(r.complex_step), _full(r.complex_step), r.complex_step)
        else:
            reason = translate_text(r.complex_reason or "")
            complex_cell = _item(reason or "—", reason)
        verdict = _item(verdict_text(r.verdict), "", r.verdict)
        verdict.setBackground(QBrush(QColor(VERDICT_COLORS.get(r.verdict, NA_COLOR))))
        verdict.setForeground(QBrush(QColor("white")))
        verdict.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if r.note:
            verdict.setToolTip(translate_text(r.note))
        return [_item(r.label), _item(_num(r.value), _full(r.value), r.value),
                _item(_num(r.engine), _full(r.engine), r.engine),
                _item(_num(r.forward_mode), _full(r.forward_mode), r.forward_mode),
                _item(_num(r.forward_diff), _full(r.forward_diff), r.forward_diff),
                _item(_num(r.central), _full(r.central), r.central),
                complex_cell, torch_cell,
                _item(_num(r.max_abs), _full(r.max_abs), r.max_abs),
                _item(_num(r.max_rel), _full(r.max_rel), r.max_rel), verdict]
