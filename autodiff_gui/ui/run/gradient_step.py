"""Gradient descent by hand: move chosen inputs against their gradient, watch the loss fall.

``GradientStep(ctx)`` (a part of the main window, built from its
``WindowContext``) adds the action ``actionGradientStep`` to the Run menu and a
"Gradient Descent" dock (``gradientStepDock``) with a checkbox per input (which
inputs a step updates), the learning rate η and a plot of the loss over the
steps.  One press computes f and its gradient with the engine at the current
values and sets ``x ← x − η·∂f/∂x`` for every chosen input: ONE undo step (a
``GradientStepCommand`` holding one ``SetValue`` per input), so Undo takes back
exactly one step, and the loss recorded for it with it.

The loss of a step is the output's value before the step.  The plot is drawn
with QPainter (no matplotlib import for a dozen points); the recorded numbers
are ``GradientStep.losses``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.engine import EvalError
from ...core.graph import Document, GraphError, format_value
from ..app.i18n import translate_error
from ..editing.commands import DocumentCommand, SetValue
from ..window.context import WindowContext
from ..window.entries import PartEntry
from .loss_plot import LossHistory, LossPlot
from .run_panel import RunPanel, scrolled

DEFAULT_RATE = 0.5
PER_ROW = 4  # input checkboxes per row


class GradientStepCommand(DocumentCommand):
    """One gradient step: new values for the chosen inputs, and the loss before it.

    Its text is a ``commands`` template, so the undo history says it again in a new
    language (``retranslate_stack``)."""

    def __init__(self, changes: list[SetValue], history: LossHistory, loss: float,
                 names: list[str], eta: float) -> None:
        template = QT_TRANSLATE_NOOP("commands", "Gradient step %1 (η = %2)")
        super().__init__(changes[0].doc, template, ", ".join(names), format_value(eta))
        self.changes = changes
        self.history = history
        self.loss = loss
        self.token = history.new_token()

    def redo(self) -> None:
        for change in self.changes:
            change.redo()
        self.history.add(self.token, self.loss)

    def undo(self) -> None:
        for change in reversed(self.changes):
            change.undo()
        self.history.remove(self.token)


class GradientStepPanel(QWidget):
    """Which inputs to update, the learning rate, the step button and the loss plot."""

    choiceChanged = Signal()  # noqa: N815 (Qt naming): a checkbox was ticked or unticked

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gradientStepPanel")
        self.checks: dict[str, QCheckBox] = {}
        self.inputs_row = QGridLayout()
        self.inputs_row.setHorizontalSpacing(10)
        self.inputs_row.setContentsMargins(0, 0, 0, 0)
        holder = QWidget(self)
        holder.setLayout(self.inputs_row)
        self.rate = QDoubleSpinBox(self)
        self.rate.setObjectName("learningRate")
        self.rate.setDecimals(4)
        self.rate.setRange(0.0001, 100.0)
        self.rate.setSingleStep(0.1)
        self.rate.setValue(DEFAULT_RATE)
        self.step_button = QToolButton(self)
        self.step_button.setObjectName("gradientStepButton")
        self.step_button.setDefaultAction(action)
        self.step_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.step_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearLossButton")
        self.status = QLabel(self)
        self.status.setObjectName("gradientStatus")
        # Wrapped within the sidebar's width: one long line widened the sidebar and was
        # cut all the same (a short dock scrolls to the end of the message instead).
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = LossPlot(self)
        # The status says what the last step did; kept as a function of the language.
        self._status_text: Callable[[], str] | None = None
        self.update_label = QLabel(self)
        self.rate_label = QLabel(self)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.update_label, holder)
        form.addRow(self.rate_label, self.rate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_button, 1)
        buttons.addWidget(self.clear_button)
        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addLayout(buttons)
        controls.addWidget(self.status)
        controls.addStretch(1)
        left = QWidget(self)
        left.setLayout(controls)
        left.setMinimumWidth(240)
        left.setMaximumWidth(360)
        box = QHBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(left)
        box.addWidget(self.plot, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on a language change)."""
        self.rate.setToolTip(self.tr("How far each step moves: x ← x − η·∂f/∂x"))
        self.clear_button.setText(self.tr("Clear Plot"))
        self.clear_button.setToolTip(self.tr("Forget the recorded losses (the values stay)"))
        self.update_label.setText(self.tr("Update"))
        self.rate_label.setText(self.tr("Learning rate η"))
        self.show_status(self._status_text, error=bool(self.status.styleSheet()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_status(self, text: Callable[[], str] | None, error: bool = False) -> None:
        """Show ``text()`` (made again in the new language after a switch)."""
        self._status_text = text
        message = text() if text is not None else ""
        self.status.setText(message)
        self.status.setToolTip(message if error else "")
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def set_inputs(self, names: list[str], checked: set[str]) -> None:
        """One checkbox per input, ticked for those in ``checked``."""
        if list(self.checks) == names:
            for name, box in self.checks.items():
                box.blockSignals(True)
                box.setChecked(name in checked)
                box.blockSignals(False)
            return
        while self.inputs_row.count():
            item = self.inputs_row.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.checks = {}
        for name in names:
            box = QCheckBox(name, self)
            box.setObjectName(f"gradientInput_{name}")
            box.setChecked(name in checked)
            box.toggled.connect(lambda _on: self.choiceChanged.emit())
            i = len(self.checks)
            self.inputs_row.addWidget(box, i // PER_ROW, i % PER_ROW)
            self.checks[name] = box

    def chosen(self) -> list[str]:
        return [name for name, box in self.checks.items() if box.isChecked()]


class GradientStep(QObject):
    """The gradient-step action, its dock and the loss history, wired to one window."""

    stepped = Signal(float)  # the loss before the step just taken

    def __init__(self, ctx: WindowContext, *, entry: PartEntry | None = None) -> None:
        """``entry`` made the dock and the action at start-up (``ui/window/parts.py``);
        without one they are made here."""
        super().__init__(ctx.host)
        self.ctx = ctx
        self.window: QMainWindow = ctx.host  # for the dock and the action only
        window = ctx.host
        self.document: Document = ctx.document
        self.session = ctx.session  # the one compiled program of the window's document
        self.undo_stack: QUndoStack = ctx.undo_stack
        # The part lives as long as the window and its undo stack (a language switch
        # rebuilds nothing): the losses and the choices are simply kept here.
        self.history = LossHistory()
        self.history.listeners.append(self._schedule)
        self.last_error = ""
        self._preferred: dict[frozenset[str], set[str]] = {}  # inputs to update, by graph
        self._signature: int | None = None  # the session's structure_generation
        if entry is not None:
            self.action = entry.action
        else:
            self.action = QAction(window)
            self.action.setObjectName("actionGradientStep")
            self.action.setShortcut(QKeySequence("Ctrl+Shift+G"))
            self.action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
            window.addAction(self.action)
        self.action.triggered.connect(lambda _checked=False: self.step())
        self.panel = GradientStepPanel(self.action)
        self.panel.clear_button.clicked.connect(self.history.clear)
        if entry is not None:
            self.dock = entry.dock
            self.dock.setWidget(scrolled(self.panel, "gradientStepScroll"))
        else:
            self.dock = self._create_dock()
            self._add_to_menus()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.dock.visibilityChanged.connect(lambda visible: visible and self._timer.start())
        self.document.subscribe(self._on_event)
        self.panel.choiceChanged.connect(self._remember_choice)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        """The action's and the dock's texts in the current language (the panel's
        widgets retranslate themselves)."""
        self.action.setText(self.tr("&Gradient Step"))
        tip = self.tr("Move the chosen inputs against their gradient: x ← x − η·∂f/∂x")
        shortcut = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.action.setToolTip(f"{tip} ({shortcut})")
        self.action.setStatusTip(tip)
        self.dock.setWindowTitle(self.tr("Gradient Descent"))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # passed on by the window
            self.retranslate()
        return super().event(event)

    # -- construction ------------------------------------------------------------
    def _create_dock(self) -> QDockWidget:
        w = self.window
        dock = QDockWidget(w)
        dock.setObjectName("gradientStepDock")
        dock.setWidget(scrolled(self.panel, "gradientStepScroll"))
        if not w.restoreDockWidget(dock):
            w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            rp = self.ctx.parts.find(RunPanel)
            if rp is not None:
                w.tabifyDockWidget(rp.plots_dock, dock)
                rp.trace_dock.raise_()  # the run panel's default front tab stays in front
        return dock

    def _add_to_menus(self) -> None:
        menu = self.ctx.parts.get(RunPanel).menu
        menu.addSeparator()
        menu.addAction(self.action)
        self.ctx.menus.view.addAction(self.dock.toggleViewAction())

    # -- inputs and choices -----------------------------------------------------------
    def _on_event(self, event: Any) -> None:
        if event.kind != "moved":
            if self.last_error:  # said of the graph as it was (New, an example, an edit)
                self.forget_status()
            self._timer.start()

    def forget_status(self) -> None:
        """Clear the panel's message (it spoke of another graph or another choice)."""
        self.last_error = ""
        self.panel.show_status(None)

    def _schedule(self) -> None:
        self._timer.start()

    def prefer(self, inputs: Iterable[str], trainable: Iterable[str] | None) -> None:
        """The inputs a step updates by default when the graph has exactly ``inputs``."""
        names = list(inputs)
        self._preferred[frozenset(names)] = set(trainable if trainable is not None else names)
        if frozenset(self.document.inputs()) == frozenset(names):
            self.refresh(force_choice=True)

    def _remember_choice(self) -> None:
        self._preferred[frozenset(self.panel.checks)] = set(self.panel.chosen())
        if self.last_error:
            self.forget_status()

    def refresh(self, force_choice: bool = False) -> None:
        """Follow the document: checkboxes for its inputs, the plot, a changed function."""
        self._timer.stop()
        names = list(self.document.inputs())
        if force_choice or list(self.panel.checks) != names:
            checked = self._preferred.get(frozenset(names), set(names))
            self.panel.set_inputs(names, checked)
        signature = self._function_signature()
        if self._signature is not None and signature != self._signature:
            # Another function: the old losses (and "Step n: …") say nothing about it.
            self.history.entries = []
            self.forget_status()
        self._signature = signature
        # The loss now costs a compile and an evaluation: only for a plot on screen.
        shown = self.panel.plot.isVisible()
        self.panel.plot.set_data(self.history.values(), self.current_loss() if shown else None)

    def _function_signature(self) -> int:
        """Which function the losses are of: the session's ``structure_generation``
        (a gradient step changes values only, so it keeps the history)."""
        return self.session.structure_generation

    def current_loss(self) -> float | None:
        """The output's value now, if it is a finite number (else None)."""
        try:
            value = self.session.program().evaluate()
        except (GraphError, EvalError, ValueError):
            return None
        if np.ndim(value) != 0:
            return None
        v = float(value)
        return v if math.isfinite(v) else None

    @property
    def losses(self) -> list[float]:
        """The loss before each recorded step, oldest first."""
        return self.history.values()

    @property
    def learning_rate(self) -> float:
        return float(self.panel.rate.value())

    def set_learning_rate(self, eta: float) -> None:
        self.panel.rate.setValue(eta)

    def chosen(self) -> list[str]:
        if list(self.panel.checks) != list(self.document.inputs()):
            self.refresh()
        return self.panel.chosen()

    def set_chosen(self, names: Iterable[str]) -> None:
        wanted = set(names)
        self.refresh()
        for name, box in self.panel.checks.items():
            box.setChecked(name in wanted)

    def clear_history(self) -> None:
        self.history.clear()

    # -- the step -------------------------------------------------------------------
    def _refuse(self, say: Callable[[], str]) -> str:
        """Show why no step was taken (``say()`` makes the text in the current language)."""
        message = say()
        self.last_error = message
        self.panel.show_status(say, error=True)
        self.ctx.status(message)
        return message

    def step(self) -> str | None:
        """Take one gradient step (one undo step); returns why not, or None."""
        doc = self.document
        names = self.chosen()
        if not names:
            return self._refuse(lambda: self.tr("Tick at least one input to update."))
        try:
            program = self.session.program()
            value, grads = program.gradient()
        except (GraphError, EvalError, ValueError) as exc:
            return self._refuse(lambda e=exc: self.tr("No gradient step: {0}").format(
                translate_error(e)))
        if np.ndim(value) != 0:
            shape = np.shape(value)
            return self._refuse(lambda: self.tr(
                "A gradient step needs a single number as output (a loss); this output "
                "has shape {0}.").format(shape))
        eta = self.learning_rate
        changes: list[SetValue] = []
        moved: list[str] = []
        try:
            for name in names:
                g = grads.get(name)
                node = doc.find_input(name)
                if g is None or node is None:
                    continue
                old = doc.node(node)["value"]
                changes.append(SetValue(doc, node, old - eta * g))
                moved.append(name)
        except GraphError as exc:
            return self._refuse(lambda e=exc: self.tr("No gradient step: {0}").format(
                translate_error(e)))
        if not changes:
            return self._refuse(
                lambda: self.tr("The output does not depend on the ticked inputs."))
        loss = float(value)
        self.undo_stack.push(GradientStepCommand(changes, self.history, loss, moved, eta))
        self.last_error = ""
        self.refresh()
        now = self.current_loss()
        n = len(self.history.entries)
        self.panel.show_status(lambda: self.tr("Step {n}: f = {before} → {after}").format(
            n=n, before=format_value(loss), after=format_value(now) if now is not None else "—"))
        self.stepped.emit(loss)
        return None

    def show_dock(self) -> None:
        """Bring the dock (and its loss plot) to the front."""
        self.dock.show()
        self.dock.raise_()
