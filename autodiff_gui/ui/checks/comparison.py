"""Check gradients: the engine beside forward mode, finite differences and PyTorch.

``ComparisonPanel`` checks the gradient at the current point and shows the result
in two tables (``compare_tables.ComparisonTables``: by input element, and node by
node with PyTorch's ``grad_fn``), under the tolerances used.

The numbers come from ``check.compare`` (the same comparison as ``--json`` and
``--report``); the work runs in a ``BackgroundJob`` (``ui.app.jobs``: a QThreadPool
worker reporting through queued signals), so the window never freezes: importing
torch (~1–2 s) happens there, never in the GUI thread.  Progress and Cancel are on the panel.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...check.compare import TOLERANCES, Comparison, compare
from ...core.engine import Program
from ...core.graph import GraphError
from ..app.i18n import translate_error, translate_text
from ..app.jobs import BackgroundJob
from ..run.stepping import StepController
from .compare_tables import (
    FAIL_COLOR,
    KINK_COLOR,
    NA_COLOR,
    PASS_COLOR,
    ComparisonTables,
    verdict_text,
)


def run_comparison(program: Program, values: Mapping[str, Any], upstream: Any,
                   job: BackgroundJob | None = None, use_torch: bool = True) -> Comparison:
    """``check.compare.compare`` with the job's progress, partial results and cancel."""
    if job is None:
        return compare(program, values, upstream, use_torch=use_torch)
    return compare(program, values, upstream, use_torch=use_torch, report=job.report,
                   partial=job.send_partial)


# -- the panel -----------------------------------------------------------------------

class ComparisonPanel(QWidget):
    """Compares the engine's gradient with every reference, off the GUI thread: the Check
    and Cancel buttons, progress, a verdict badge, the tables and a status line."""

    finished = Signal(object)  # the Comparison shown

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonPanel")
        self.controller = controller
        self._job: BackgroundJob | None = None
        self._generation: tuple[int, str] | None = None  # what the shown check used
        # What the status says and the progress bar's stage, made again in a new language.
        self._status: Callable[[], str] = lambda: self.tr("Press Check gradients to compare.")
        self._stage = ""
        self._failed: Callable[[], str] | None = None
        self.tolerance_label = QLabel(self)
        self.tolerance_label.setObjectName("toleranceLabel")
        self.tolerance_label.setWordWrap(True)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("checkGradientsButton")
        # Not ``connect(self.start)``: clicked(bool) would pass checked=False as use_torch.
        self.check_button.clicked.connect(lambda _checked=False: self.start())
        self.cancel_button = QPushButton(self)
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
        self.status = QLabel(self)
        self.status.setObjectName("checkStatus")
        self.status.setWordWrap(True)
        self.tabs = ComparisonTables(self)
        self.table, self.node_table = self.tabs.table, self.tabs.node_table
        self.input_model, self.node_model = self.tabs.input_model, self.tabs.node_model

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
        self.retranslate()

    @property
    def result(self) -> Comparison | None:
        """The comparison shown (None before a check, or after the graph changed)."""
        return self.tabs.result

    def retranslate(self) -> None:
        """Every text in the current language; the rows stay (the tables say them again)."""
        self.tolerance_label.setText(self.tr(
            "Tolerances (as torch.autograd.gradcheck): a gradient passes when "
            "|engine − reference| ≤ atol + rtol·|reference|, atol = {atol:g}, rtol = {rtol:g}; "
            "the finite-difference check uses a central difference with h = {eps:g}.").format(
                **TOLERANCES))
        self.check_button.setText(self.tr("Check gradients"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setFormat(self._stage_format())
        if self._failed is not None:
            self._show_failure()
        elif self.result is not None and not self.is_busy():
            self._show_badge(self.result)
        else:
            self._set_status(self._status, self.status.styleSheet() != "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- running --------------------------------------------------------------------
    def start(self, use_torch: bool = True) -> bool:
        """Compare at the current point (off the GUI thread); False if nothing to check."""
        self.cancel()
        try:
            program = self.controller.session.program()
        except GraphError as exc:
            self._set_status(lambda e=exc: self.tr("Nothing to check: {0}").format(
                translate_error(e)), error=True)
            return False
        values = self.controller.input_values_copy()
        upstream = self.controller.upstream
        self._generation = self._current_generation()
        self._clear()
        self._set_status(lambda: self.tr("Checking…"))
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
            self._set_status(lambda: self.tr("Cancelled."))
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
        self._stage = "done" if finished else ""
        self.progress.setFormat(self._stage_format())
        self.check_button.setEnabled(True)
        if self.cancel_button.hasFocus():
            # Else disabling it passes the focus down the chain to a table, and the
            # dock's scroll area scrolls the button and the headers out of sight.
            self.check_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cancel_button.setEnabled(False)

    def _stage_format(self) -> str:
        """The progress bar's text for the current stage, in the current language."""
        stage = self._stage
        if stage == "":
            return ""
        if stage == "done":
            return self.tr("done")
        if stage in ("loading PyTorch", "PyTorch"):
            return (self.tr("Loading PyTorch…") if stage == "loading PyTorch"
                    else self.tr("Comparing with PyTorch…"))
        names = {"finite differences": self.tr("finite differences"),
                 "forward mode": self.tr("forward mode")}
        return f"{names.get(stage, stage)}: %p%"

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if stage == "PyTorch":
            # Importing torch reports nothing while it runs (seconds, the first time):
            # a busy bar, not a percentage that stands still.
            from ...check import torch_ref  # light: torch itself is imported lazily

            loading = not torch_ref.loaded()  # ("torch" is in sys.modules mid-import)
            self._stage = "loading PyTorch" if loading else "PyTorch"
            self.progress.setRange(0, 0)
            self.progress.setFormat(self._stage_format())
            self.badge.setText(self._stage_format())  # a busy bar shows no text
            self._set_status(
                (lambda: self.tr("Finite differences done; loading PyTorch…")) if loading
                else (lambda: self.tr("Finite differences done; comparing with PyTorch…")))
            return
        self._stage = stage
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(self._stage_format())

    def _on_finished(self, result: Comparison) -> None:
        self._idle(finished=True)
        self._job = None
        self._show(result)
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._idle()
        self._job = None
        self._failed = lambda: self.tr("The check stopped: {0}").format(message)
        self._show_failure()
        self.finished.emit(None)

    def _show_failure(self) -> None:
        assert self._failed is not None
        self._set_status(self._failed, error=True)
        self.badge.setText(self.tr("error"))
        self.badge.setStyleSheet(f"color: white; background: {FAIL_COLOR}; padding: 2px 8px;")

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
            self._set_status(lambda: self.tr("The graph or a value changed: check again."))

    def _clear(self) -> None:
        self.tabs.clear_rows()
        self._failed = None
        self.badge.clear()
        self.badge.setStyleSheet("")

    def _set_status(self, text: Callable[[], str], error: bool = False) -> None:
        self._status = text
        self.status.setText(text())
        self.status.setStyleSheet(f"color: {FAIL_COLOR};" if error else "")

    def _show(self, result: Comparison) -> None:
        self._failed = None
        self.tabs.show_result(result)
        self._show_badge(result)

    def _show_badge(self, result: Comparison) -> None:
        if result.torch_state == "pending":
            text, colour = self.tr("checking…"), NA_COLOR
        elif result.cancelled or result.torch_state == "cancelled":
            text, colour = self.tr("cancelled"), NA_COLOR
        elif result.passed and any(r.verdict == "kink" for r in result.rows):
            # Not a green "pass" over an orange row: the derivative does not exist there.
            text, colour = verdict_text("kink"), KINK_COLOR
        elif result.passed:
            text, colour = verdict_text("pass"), PASS_COLOR
        elif result.verdict == "unavailable":  # nothing failed; some row could not be checked
            text, colour = verdict_text("unavailable"), NA_COLOR
        else:
            text, colour = verdict_text("fail"), FAIL_COLOR
        self.badge.setText(text)
        self.badge.setStyleSheet(
            f"color: white; background: {colour}; padding: 2px 8px; font-weight: bold;")
        self._set_status(lambda: self._summary(result))

    def _summary(self, result: Comparison) -> str:
        """The status line under a result: PyTorch's word and the checks' notes."""
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
        return " ".join(parts)
