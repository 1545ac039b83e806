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

import itertools
import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
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

from ...core.engine import EvalError, compile_graph
from ...core.expr import to_text
from ...core.graph import Document, GraphError, format_value
from ..app.i18n import translate_error
from ..editing.commands import DocumentCommand, SetValue
from ..window.context import WindowContext
from ..window.entries import PartEntry
from .run_panel import RunPanel, scrolled

DEFAULT_RATE = 0.5
PER_ROW = 4  # input checkboxes per row
LINE_COLOR = "#1565c0"
NOW_COLOR = "#c62828"


class LossHistory:
    """The losses recorded by gradient steps, each tagged by the command that made it."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, float]] = []
        self._tokens = itertools.count(1)
        self.listeners: list[Any] = []

    def new_token(self) -> int:
        return next(self._tokens)

    def add(self, token: int, loss: float) -> None:
        self.entries.append((token, loss))
        self._changed()

    def remove(self, token: int) -> None:
        before = len(self.entries)
        self.entries = [e for e in self.entries if e[0] != token]
        if len(self.entries) != before:
            self._changed()

    def clear(self) -> None:
        if self.entries:
            self.entries = []
            self._changed()

    def values(self) -> list[float]:
        return [loss for _t, loss in self.entries]

    def _changed(self) -> None:
        for cb in list(self.listeners):
            try:
                cb()
            except RuntimeError:  # its window is gone (rebuilt in another language)
                self.listeners.remove(cb)


def shared_history(stack: QUndoStack) -> LossHistory:
    """The loss history that goes with an undo stack.

    Gradient-step commands on the stack refer to it, so it lives as long as the
    stack does: a window rebuilt around the same stack (a language switch) shows
    the same losses, and Undo there still takes a loss back.
    """
    history = getattr(stack, "_autodiff_loss_history", None)
    if not isinstance(history, LossHistory):
        history = LossHistory()
        stack._autodiff_loss_history = history  # type: ignore[attr-defined]
    return history


def shared_choices(stack: QUndoStack) -> dict[frozenset[str], set[str]]:
    """Which inputs a step updates, by the graph's set of input names.

    Kept with the undo stack, like the losses: a window rebuilt around the same
    stack (a language switch) must not start moving the data (x, t) of the neuron.
    """
    choices = getattr(stack, "_autodiff_gradient_choices", None)
    if not isinstance(choices, dict):
        choices = {}
        stack._autodiff_gradient_choices = choices  # type: ignore[attr-defined]
    return choices


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


def _nice_step(span: float, count: int = 4) -> float:
    """A round tick spacing (1, 2 or 5 × 10^k) giving about ``count`` ticks over ``span``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


class LossPlot(QWidget):
    """The loss before each step (filled dots) and the loss now (a hollow red dot)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossPlot")
        self.values: list[float] = []
        self.current: float | None = None
        self.setMinimumSize(200, 80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(420, 180)

    def set_data(self, values: Iterable[float], current: float | None) -> None:
        self.values = [float(v) for v in values]
        self.current = None if current is None or not math.isfinite(current) else current
        self.update()

    def points(self) -> list[float]:
        """Everything drawn: the recorded losses, then the current one."""
        return self.values + ([self.current] if self.current is not None else [])

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = QFontMetricsF(self.font())
        pts = [v for v in self.points() if math.isfinite(v)]
        if not self.values:
            p.setPen(muted)
            p.drawText(QRectF(self.rect()).adjusted(8, 8, -8, -8),
                       int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                       self.tr("Press Gradient Step: the loss of every step is drawn here."))
            p.end()
            return
        lo, hi = min(pts), max(pts)
        if lo >= 0:
            lo = 0.0  # a loss: show how far it is from zero
        if hi <= lo:
            hi = lo + 1.0
        step = _nice_step(hi - lo)
        hi = math.ceil(hi / step - 1e-9) * step
        lo = math.floor(lo / step + 1e-9) * step
        labels = []
        k = 0
        while lo + k * step <= hi + step * 1e-6 and k < 20:
            labels.append(lo + k * step)
            k += 1
        left = max(fm.horizontalAdvance(format_value(v)) for v in labels) + 12
        plot = QRectF(left, fm.height() * 0.8, self.width() - left - 12,
                      self.height() - fm.height() * 2.9)
        if plot.width() < 20 or plot.height() < 20:
            p.end()
            return
        n = len(pts)
        xmax = max(1, n - 1)

        def at(i: int, v: float) -> QPointF:
            return QPointF(plot.left() + plot.width() * i / xmax,
                           plot.bottom() - plot.height() * (v - lo) / (hi - lo))

        grid = QColor(muted)
        grid.setAlpha(70)
        for v in labels:
            y = at(0, v).y()
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(muted)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       format_value(v))
        p.setPen(QPen(text, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        tick_every = max(1, math.ceil(n / 10))
        for i in range(0, n, tick_every):
            x = at(i, lo).x()
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
            p.drawText(QRectF(x - 20, plot.bottom() + 3, 40, fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter), str(i))
        p.setPen(muted)
        p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 2, plot.width(),
                          fm.height()), int(Qt.AlignmentFlag.AlignHCenter),
                   self.tr("step"))
        p.drawText(QRectF(plot.left() + 4, 0, plot.width(), fm.height()),
                   int(Qt.AlignmentFlag.AlignLeft), self.tr("loss f"))
        path = QPainterPath()
        for i, v in enumerate(pts):
            (path.moveTo if i == 0 else path.lineTo)(at(i, v))
        line = QColor(LINE_COLOR)
        if pal.color(QPalette.ColorRole.Base).lightness() < 128:
            line = line.lighter(170)
        p.setPen(QPen(line, 2))
        p.drawPath(path)
        p.setBrush(line)
        for i, v in enumerate(self.values):
            p.drawEllipse(at(i, v), 3.5, 3.5)
        if self.current is not None:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(NOW_COLOR), 2))
            p.drawEllipse(at(n - 1, self.current), 5, 5)
        p.end()


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
        self.undo_stack: QUndoStack = ctx.undo_stack
        self.history = shared_history(self.undo_stack)
        self.history.listeners.append(self._schedule)
        self.last_error = ""
        self._preferred = shared_choices(self.undo_stack)
        self._signature: str | None = None
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

    def _function_signature(self) -> str:
        try:
            return to_text(self.document)
        except (GraphError, ValueError, KeyError, RecursionError):
            return ""

    def current_loss(self) -> float | None:
        """The output's value now, if it is a finite number (else None)."""
        try:
            value = compile_graph(self.document).evaluate()
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
            program = compile_graph(doc)
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

    def detach(self) -> None:
        """Stop following the document and the history (the window is going away)."""
        self.document.unsubscribe(self._on_event)
        if self._schedule in self.history.listeners:
            self.history.listeners.remove(self._schedule)

    def show_dock(self) -> None:
        """Bring the dock (and its loss plot) to the front."""
        self.dock.show()
        self.dock.raise_()
