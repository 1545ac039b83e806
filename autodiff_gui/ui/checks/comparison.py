"""Check gradients: the engine beside forward mode, finite differences and PyTorch.

``ComparisonPanel`` fills two tables for the current point:

* "By input" (``comparisonView``): one row per input element with the engine's
  reverse-mode gradient, forward mode, forward and central differences, the
  complex step (or why not), PyTorch (or why not), the largest absolute and
  relative error and a pass/fail badge, under the tolerances used;
* "Node by node" (``nodeComparisonView``): every node's value and gradient from
  the engine and from PyTorch side by side, with PyTorch's ``grad_fn``.

The work runs in a ``BackgroundJob`` (a QThreadPool worker reporting through
queued signals), so the window never freezes: importing torch (~1–2 s) happens
there, never in the GUI thread.  Progress and Cancel are on the panel.
"""

from __future__ import annotations

import math
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.engine import EvalError, Program, Stepper, compile_graph
from ...core.graph import GraphError, as_value, format_value
from ..app.i18n import translate_error, translate_text
from ..run.stepping import StepController

Value = Any
TOLERANCES = {"eps": 1e-6, "atol": 1e-5, "rtol": 1e-3}  # torch.autograd.gradcheck's
PASS_COLOR, FAIL_COLOR, KINK_COLOR, NA_COLOR = "#2e7d32", "#c62828", "#ef6c00", "#757575"


# -- running work off the GUI thread ------------------------------------------------

class _Relay(QObject):
    """Signals emitted from the worker thread (delivered queued to the GUI thread)."""

    done = Signal(object)
    error = Signal(str)
    progress = Signal(int, int, str)
    partial = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()


class BackgroundJob(QObject):
    """One piece of work in Qt's thread pool, with progress, partial results and cancel.

    ``work(job)`` runs in a worker thread; it may call ``job.report(done, total,
    text)`` (returns False once cancelled) and ``job.send_partial(result)``.
    ``finished(result)`` / ``failed(message)`` arrive in the GUI thread; nothing is
    delivered after ``cancel()``.
    """

    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)
    partial = Signal(object)

    def __init__(self, work: Callable[[BackgroundJob], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self.running = False
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.error.connect(self._on_error)
        self._relay.progress.connect(self._on_progress)
        self._relay.partial.connect(self._on_partial)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runnable(self))

    def cancel(self) -> None:
        self._cancel.set()
        self.running = False

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker returned (for shutdown and scripts)."""
        return self._finished.wait(timeout)

    # worker side
    def report(self, done: int, total: int, text: str = "") -> bool:
        if not self._cancel.is_set():
            self._emit(self._relay.progress, done, total, text)
        return not self._cancel.is_set()

    def send_partial(self, result: Any) -> None:
        if not self._cancel.is_set():
            self._emit(self._relay.partial, result)

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the receiver is gone (window closed): drop it
            pass

    def _run(self) -> None:
        try:
            result = self._work(self)
        except Exception as exc:  # noqa: BLE001 - reported to the user, not swallowed
            message = translate_error(exc) if isinstance(exc, (EvalError, ValueError, GraphError)) \
                else f"{type(exc).__name__}: {exc}"
            if not self._cancel.is_set():
                self._emit(self._relay.error, message)
        else:
            if not self._cancel.is_set():
                self._emit(self._relay.done, result)
        finally:
            self._finished.set()

    # GUI side
    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.running = False
        if not self._cancel.is_set():
            self.finished.emit(result)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.running = False
        if not self._cancel.is_set():
            self.failed.emit(message)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if not self._cancel.is_set():
            self.progress.emit(done, total, text)

    @Slot(object)
    def _on_partial(self, result: Any) -> None:
        if not self._cancel.is_set():
            self.partial.emit(result)


# -- the comparison itself (pure; runs in the worker) --------------------------------

@dataclass
class InputRow:
    """One input element across every method."""

    name: str
    index: tuple[int, ...]
    value: float
    engine: float
    forward_mode: float | None
    forward_diff: float | None
    central: float | None
    complex_step: float | None
    complex_reason: str | None
    torch: float | None
    torch_reason: str | None  # why the PyTorch column is empty
    verdict: str  # pass, fail, kink, unavailable
    note: str = ""
    max_abs: float | None = None
    max_rel: float | None = None

    @property
    def label(self) -> str:
        if not self.index:
            return self.name
        return f"{self.name}[{', '.join(str(i) for i in self.index)}]"


@dataclass
class NodeRow:
    node: int
    label: str
    op: str
    engine_value: Value
    torch_value: Value
    engine_grad: Value
    torch_grad: Value
    grad_fn: str
    agree: bool | None  # None: nothing to compare


@dataclass
class Comparison:
    """Everything the panel shows."""

    rows: list[InputRow]
    nodes: list[NodeRow]
    tolerances: dict[str, float]
    passed: bool
    torch_state: str  # "pending", "done", "unavailable", "error", "cancelled"
    torch_reason: str = ""
    torch_version: str = ""
    torch_notes: list[str] = field(default_factory=list)
    cancelled: bool = False


def _close(a: float | None, b: float | None, atol: float, rtol: float) -> bool:
    if a is None or b is None:
        return True
    return abs(a - b) <= atol + rtol * abs(b)


def _element(value: Value, index: tuple[int, ...]) -> float | None:
    if value is None:
        return None
    if index:
        return float(np.asarray(value)[index])
    return float(np.sum(value)) if np.ndim(value) else float(value)


def forward_mode_weighted(program: Program, values: Mapping[str, Any], upstream: Any,
                          name: str, index: tuple[int, ...]) -> float:
    """∂(Σ u·f)/∂name[index] by one forward-mode pass (seed e_index)."""
    i = program.input_index[name]
    shape = np.shape(program.leaves(values)[i])
    if shape:
        seed: Value = np.zeros(shape)
        seed[index] = 1.0
    else:
        seed = 1.0
    _, t = program.tangent(name, values, seed=seed)
    u = as_value(upstream)
    return float(np.sum(np.asarray(u) * np.asarray(t)))


def _errors(row: InputRow) -> tuple[float | None, float | None]:
    refs = [r for r in (row.forward_mode, row.central, row.complex_step, row.torch)
            if r is not None and math.isfinite(r)]
    if not refs or not math.isfinite(row.engine):
        return None, None
    abs_errs = [abs(row.engine - r) for r in refs]
    rel_errs = [abs(row.engine - r) / max(abs(row.engine), abs(r))
                if max(abs(row.engine), abs(r)) > 0 else 0.0 for r in refs]
    return max(abs_errs), max(rel_errs)


def _row_verdict(row: InputRow, fd_verdict: str, atol: float, rtol: float) -> str:
    if fd_verdict in ("fail", "unavailable"):
        return fd_verdict
    for ref in (row.forward_mode, row.torch):
        if not _close(row.engine, ref, atol, rtol):
            return "fail"
    return fd_verdict  # pass or kink


def run_comparison(program: Program, values: Mapping[str, Any], upstream: Any,
                   job: BackgroundJob | None = None, use_torch: bool = True) -> Comparison:
    """Engine, forward mode, finite differences and (optionally) PyTorch, in one go."""
    from ...check.finite_diff import check_gradients

    tol = dict(TOLERANCES)
    elements = sum(int(np.size(program.leaves(values)[program.input_index[n]]))
                   for n in program.input_names if n in program.input_index)
    total = 2 * elements + (1 if use_torch else 0)

    def fd_progress(done: int, _total: int) -> bool:
        return job.report(done, total, "finite differences") if job else True

    check = check_gradients(program, values, upstream, eps=tol["eps"], atol=tol["atol"],
                            rtol=tol["rtol"], progress=fd_progress)
    rows: list[InputRow] = []
    verdicts: list[str] = []
    for k, c in enumerate(check.inputs):
        if job is not None and not job.report(elements + k, total, "forward mode"):
            break
        try:
            fm: float | None = forward_mode_weighted(program, values, upstream, c.name, c.index)
        except (EvalError, ValueError):
            fm = None
        rows.append(InputRow(
            name=c.name, index=tuple(c.index), value=c.value, engine=c.analytic,
            forward_mode=fm, forward_diff=c.forward, central=c.central,
            complex_step=c.complex_step, complex_reason=c.complex_reason, torch=None,
            torch_reason="", verdict=c.verdict, note=c.note))
        verdicts.append(c.verdict)
    cancelled = check.cancelled or len(rows) < len(check.inputs) or \
        (job is not None and job.is_cancelled())
    engine_nodes = _engine_nodes(program, values, upstream)
    result = Comparison(rows, engine_nodes, tol, False, "pending" if use_torch else
                        "unavailable", cancelled=cancelled)
    _finish(result, verdicts)
    if cancelled or not use_torch:
        if cancelled:
            result.torch_state = "cancelled"
        return result
    if job is not None:
        job.send_partial(_copy(result))
        job.report(2 * elements, total, "PyTorch")
    from ...check.torch_ref import compare

    t = compare(program, values, upstream)
    if job is not None and job.is_cancelled():
        result.torch_state = "cancelled"
        return result
    if not t.available:
        result.torch_state, result.torch_reason = "unavailable", t.reason
    elif t.error:
        result.torch_state, result.torch_reason = "error", t.error
    else:
        result.torch_state, result.torch_version = "done", t.version
        result.torch_notes = list(t.notes)
        for row in result.rows:
            row.torch = _element(t.gradient.get(row.name), row.index)
        by_node = {ref.node: ref for ref in t.nodes}
        for nr in result.nodes:
            ref = by_node.get(nr.node)
            if ref is None:
                continue
            nr.torch_value, nr.torch_grad, nr.grad_fn = ref.value, ref.grad, ref.grad_fn or ""
            nr.agree = _node_agree(nr, tol)
    for row in result.rows:
        if result.torch_state != "done":
            row.torch_reason = result.torch_reason
    _finish(result, verdicts)
    if job is not None:
        job.report(total, total, "done")
    return result


def _copy(result: Comparison) -> Comparison:
    import copy

    return copy.deepcopy(result)


def _finish(result: Comparison, verdicts: list[str]) -> None:
    atol, rtol = result.tolerances["atol"], result.tolerances["rtol"]
    for row, fd_verdict in zip(result.rows, verdicts):
        row.max_abs, row.max_rel = _errors(row)
        row.verdict = _row_verdict(row, fd_verdict, atol, rtol)
    result.passed = bool(result.rows) and not result.cancelled and all(
        r.verdict in ("pass", "kink") for r in result.rows)


def _node_agree(nr: NodeRow, tol: dict[str, float]) -> bool | None:
    pairs = [(nr.engine_value, nr.torch_value)]
    if nr.engine_grad is not None and nr.torch_grad is not None:
        pairs.append((nr.engine_grad, nr.torch_grad))
    for a, b in pairs:
        if a is None or b is None:
            return None
        if np.shape(a) != np.shape(b):
            return False
        if not np.allclose(a, b, rtol=1e-9, atol=1e-12):
            return False
    return True


def _engine_nodes(program: Program, values: Mapping[str, Any], upstream: Any) -> list[NodeRow]:
    stepper = Stepper(program, values=values, upstream=upstream)
    stepper.run_to_end()
    vals, grads = stepper.values(), stepper.gradients()
    rows = []
    for i, node in enumerate(program.nodes):
        op = program.ops[i]
        kind = program.kinds[i]
        rows.append(NodeRow(node=node, label=program.labels[i],
                            op=op.name if op else kind, engine_value=vals.get(node),
                            torch_value=None, engine_grad=grads.get(node), torch_grad=None,
                            grad_fn="", agree=None))
    return rows


# -- the panel -----------------------------------------------------------------------

def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return format_value(v) if math.isfinite(v) else str(v)


class ComparisonPanel(QWidget):
    """Tables comparing the engine's gradient with every reference, filled off-thread."""

    finished = Signal(object)  # the Comparison shown

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

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonPanel")
        self.controller = controller
        self.result: Comparison | None = None
        self._job: BackgroundJob | None = None
        self._generation: tuple[int, str] | None = None  # what the shown check used
        tol = TOLERANCES
        self.tolerance_label = QLabel(self.tr(
            "Tolerances (as torch.autograd.gradcheck): a gradient passes when "
            "|engine − reference| ≤ atol + rtol·|reference|, atol = {atol:g}, rtol = {rtol:g}; "
            "the finite-difference check uses a central difference with h = {eps:g}.").format(
                **tol), self)
        self.tolerance_label.setObjectName("toleranceLabel")
        self.tolerance_label.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check gradients"), self)
        self.check_button.setObjectName("checkGradientsButton")
        # Not ``connect(self.start)``: clicked(bool) would pass checked=False as use_torch.
        self.check_button.clicked.connect(lambda _checked=False: self.start())
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelCheckButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("checkProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.badge = QLabel(self)
        self.badge.setObjectName("checkBadge")
        self.status = QLabel(self.tr("Press Check gradients to compare."), self)
        self.status.setObjectName("checkStatus")
        self.status.setWordWrap(True)

        self.input_model = QStandardItemModel(0, len(self.INPUT_COLUMNS), self)
        self.input_model.setHorizontalHeaderLabels([self.tr(c) for c in self.INPUT_COLUMNS])
        for col, tip in ((8, self.tr("Largest |engine − reference| over forward mode, the "
                                     "central difference, the complex step and PyTorch")),
                         (9, self.tr("The same, relative to the larger of the two"))):
            self.input_model.horizontalHeaderItem(col).setToolTip(tip)
        self.node_model = QStandardItemModel(0, len(self.NODE_COLUMNS), self)
        self.node_model.setHorizontalHeaderLabels([self.tr(c) for c in self.NODE_COLUMNS])
        self.table = self._table("comparisonView", self.input_model)
        self.node_table = self._table("nodeComparisonView", self.node_model)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("comparisonTabs")
        self.tabs.addTab(self.table, self.tr("By input"))
        self.tabs.addTab(self.node_table, self.tr("Node by node (PyTorch grad_fn)"))

        top = QHBoxLayout()
        top.addWidget(self.check_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.badge)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(top)
        box.addWidget(self.tolerance_label)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.status)
        controller.programChanged.connect(self.mark_stale)
        controller.settingsChanged.connect(self.mark_stale)

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

    # -- running --------------------------------------------------------------------
    def start(self, use_torch: bool = True) -> bool:
        """Compare at the current point (off the GUI thread); False if nothing to check."""
        self.cancel()
        try:
            program = compile_graph(self.controller.document)
        except GraphError as exc:
            self._set_status(self.tr("Nothing to check: {0}").format(translate_error(exc)),
                             error=True)
            return False
        values = self.controller.input_values_copy()
        upstream = self.controller.upstream
        self._generation = self._current_generation()
        self._clear()
        self._set_status(self.tr("Checking…"))
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.check_button.setEnabled(False)
        self._job = BackgroundJob(
            lambda job: run_comparison(program, values, upstream, job, use_torch), self)
        self._job.progress.connect(self._on_progress)
        self._job.partial.connect(self._show)
        self._job.finished.connect(self._on_finished)
        self._job.failed.connect(self._on_failed)
        self._job.start()
        return True

    def is_busy(self) -> bool:
        return self._job is not None and self._job.running

    def cancel(self) -> None:
        if self._job is not None and self._job.running:
            self._job.cancel()
            self._set_status(self.tr("Cancelled."))
        self._job = None
        self._idle()

    def shutdown(self, wait: float = 3.0) -> None:
        """Cancel the running check and give its thread a moment to return (closing)."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait(wait)  # an import of torch cannot be interrupted

    def _current_generation(self) -> tuple[int, str]:
        c = self.controller
        return (c.generation, c.upstream_text)

    def _idle(self, finished: bool = False) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if finished else 0)
        self.progress.setFormat(self.tr("done") if finished else "")
        self.check_button.setEnabled(True)
        if self.cancel_button.hasFocus():
            # Else disabling it passes the focus down the chain to a table, and the
            # dock's scroll area scrolls the button and the headers out of sight.
            self.check_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cancel_button.setEnabled(False)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        names = {"finite differences": self.tr("finite differences"),
                 "forward mode": self.tr("forward mode"),
                 "done": self.tr("done")}
        if stage == "PyTorch":
            # Importing torch reports nothing while it runs (seconds, the first time):
            # a busy bar, not a percentage that stands still.
            loading = "torch" not in sys.modules
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Loading PyTorch…") if loading
                                    else self.tr("Comparing with PyTorch…"))
            self._set_status(self.tr("Finite differences done; loading PyTorch…") if loading
                             else self.tr("Finite differences done; comparing with PyTorch…"))
            return
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{names.get(stage, stage)}: %p%")

    def _on_finished(self, result: Comparison) -> None:
        self._idle(finished=True)
        self._job = None
        self._show(result)
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._idle()
        self._job = None
        self._set_status(self.tr("The check stopped: {0}").format(message), error=True)
        self.badge.setText(self.tr("error"))
        self.badge.setStyleSheet(f"color: white; background: {FAIL_COLOR}; padding: 2px 8px;")
        self.finished.emit(None)

    # -- showing ---------------------------------------------------------------------
    def mark_stale(self) -> None:
        """The function, a value or a setting changed since the shown (or running) check."""
        if self._generation == self._current_generation():
            return  # the check started after the change: it is up to date
        busy = self.is_busy()
        if busy:
            self.cancel()
        if busy or self.result is not None:  # say why the check stopped, not just "Cancelled."
            self._clear()
            self._set_status(self.tr("The graph or a value changed: check again."))

    def _clear(self) -> None:
        self.result = None
        self.input_model.removeRows(0, self.input_model.rowCount())
        self.node_model.removeRows(0, self.node_model.rowCount())
        self.badge.clear()
        self.badge.setStyleSheet("")

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {FAIL_COLOR};" if error else "")

    def _verdict_item(self, verdict: str) -> QStandardItem:
        texts = {"pass": self.tr("pass"), "fail": self.tr("FAIL"), "kink": self.tr("kink"),
                 "unavailable": self.tr("n/a")}
        colours = {"pass": PASS_COLOR, "fail": FAIL_COLOR, "kink": KINK_COLOR,
                   "unavailable": NA_COLOR}
        item = QStandardItem(texts.get(verdict, verdict))
        item.setData(verdict, Qt.ItemDataRole.UserRole)
        item.setBackground(QBrush(QColor(colours.get(verdict, NA_COLOR))))
        item.setForeground(QBrush(QColor("white")))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    @staticmethod
    def _item(text: str, tip: str = "", value: Any = None) -> QStandardItem:
        item = QStandardItem(text)
        if tip:
            item.setToolTip(tip)
        if value is not None:
            item.setData(value, Qt.ItemDataRole.UserRole)
        return item

    def _show(self, result: Comparison) -> None:
        self._clear()
        self.result = result
        for r in result.rows:
            full = lambda v: "" if v is None else repr(v)  # noqa: E731
            if result.torch_state == "pending":
                torch_cell = self._item(self.tr("loading…"))
            elif r.torch is not None:
                torch_cell = self._item(_num(r.torch), full(r.torch), r.torch)
            else:
                reason = translate_text(result.torch_reason)
                torch_cell = self._item(reason or self.tr("not run"), reason)
            if r.complex_step is not None:
                complex_cell = self._item(_num(r.complex_step), full(r.complex_step),
                                          r.complex_step)
            else:
                reason = translate_text(r.complex_reason or "")
                complex_cell = self._item(reason or "—", reason)
            verdict = self._verdict_item(r.verdict)
            if r.note:
                verdict.setToolTip(translate_text(r.note))
            self.input_model.appendRow([
                self._item(r.label), self._item(_num(r.value), full(r.value), r.value),
                self._item(_num(r.engine), full(r.engine), r.engine),
                self._item(_num(r.forward_mode), full(r.forward_mode), r.forward_mode),
                self._item(_num(r.forward_diff), full(r.forward_diff), r.forward_diff),
                self._item(_num(r.central), full(r.central), r.central),
                complex_cell, torch_cell,
                self._item(_num(r.max_abs), full(r.max_abs), r.max_abs),
                self._item(_num(r.max_rel), full(r.max_rel), r.max_rel), verdict])
        for n in result.nodes:
            agree = {True: "✓", False: "✗", None: "—"}[n.agree]
            item = self._item(agree)
            if n.agree is not None:
                item.setForeground(QBrush(QColor(PASS_COLOR if n.agree else FAIL_COLOR)))
            self.node_model.appendRow([
                self._item(n.label), self._item(n.op),
                self._item(_fv(n.engine_value)), self._item(_fv(n.torch_value)),
                self._item(_fv(n.engine_grad)), self._item(_fv(n.torch_grad)),
                self._item(n.grad_fn or "—"), item])
        for table in (self.table, self.node_table):
            table.resizeColumnsToContents()
        self._show_badge(result)

    def _show_badge(self, result: Comparison) -> None:
        if result.torch_state == "pending":
            text, colour = self.tr("checking…"), NA_COLOR
        elif result.cancelled or result.torch_state == "cancelled":
            text, colour = self.tr("cancelled"), NA_COLOR
        elif result.passed:
            text, colour = self.tr("pass"), PASS_COLOR
        else:
            text, colour = self.tr("FAIL"), FAIL_COLOR
        self.badge.setText(text)
        self.badge.setStyleSheet(
            f"color: white; background: {colour}; padding: 2px 8px; font-weight: bold;")
        parts = []
        if result.torch_state == "pending":
            parts.append(self.tr("Finite differences done; loading PyTorch…"))
        elif result.torch_state == "done":
            parts.append(self.tr("PyTorch {0} agrees node by node: {1} of {2}.").format(
                result.torch_version, sum(1 for n in result.nodes if n.agree),
                sum(1 for n in result.nodes if n.agree is not None)))
        elif result.torch_reason:
            parts.append(self.tr("PyTorch: {0}").format(translate_text(result.torch_reason)))
        # Notes are check Texts (finite_diff, torch_ref MESSAGES): said in the UI's language.
        parts += [translate_text(n) for n in result.torch_notes]
        parts += [translate_text(n) for n in sorted({r.note for r in result.rows if r.note})]
        self._set_status(" ".join(parts))


def _fv(v: Value) -> str:
    return "—" if v is None else format_value(v)
