"""Plots of the function around the point: the tangent, the finite-difference V, contours.

matplotlib (``backend_qtagg``) is imported only when the Plots panel is first
shown, never at start-up.  The numbers are computed off the GUI thread from a
program compiled in the GUI thread (a ``Program`` is a flat, read-only list of
instructions, safe to read from a worker); the drawing happens back in the GUI
thread with ``draw_idle``; the numbers come from ``check.sweeps``.  What is drawn is
kept on the panel for tests and scripts: ``tangent_slope``, ``function_line`` /
``tangent_line`` (Line2D), ``sweep`` (sweeps.Sweep) with ``sweep_lines``, ``contour_data``.

All three plots look at F = Σ u·f, u the upstream gradient (F = f for a scalar
output with u = 1): the quantity the engine's gradient differentiates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...check.sweeps import AlongData, ContourData, along_data, contour_data
from ...core.graph import GraphError
from ..app.i18n import translate_error
from ..app.jobs import BackgroundJob
from ..run.stepping import ShownLater, StepController, is_showing
from .plot_controls import FUNCTION, SWEEP, PlotControls
from .plot_drawing import draw_along, draw_contour, draw_problem, draw_sweep


class PlotsPanel(ShownLater, QWidget):
    """Function and tangent, error against h, and contours, for the current point."""

    plotted = Signal(str)  # the kind just drawn

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plotsPanel")
        self.controller = controller
        self.figure: Any = None
        self.canvas: Any = None
        self.ax: Any = None
        self.tangent_slope: float | None = None
        self.function_line: Any = None
        self.tangent_line: Any = None
        self.along: AlongData | None = None
        self.sweep: Any = None
        self.sweep_lines: dict[str, Any] = {}
        self.contour_data: ContourData | None = None
        self.last_error = ""
        self._job: BackgroundJob | None = None
        self._token = 0
        self._stale = True
        self._drawn: tuple[str, Any] | None = None  # what is drawn: (kind, data or problem)

        self.controls = PlotControls(self)
        c = self.controls
        self.kind_box, self.input_box, self.element_box, self.second_box = (
            c.kind_box, c.input_box, c.element_box, c.second_box)
        self.save_button = c.save_button
        self.save_button.clicked.connect(self.save_dialog)
        self.status = QLabel(self)
        self.status.setObjectName("plotStatus")
        self.status.setWordWrap(True)

        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.addWidget(self.controls)
        self.box.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # gather bursts of edits into one computation
        self._timer.timeout.connect(self.recompute)
        self.controls.changed.connect(self._on_choice)
        controller.programChanged.connect(self._on_program)
        controller.settingsChanged.connect(self.schedule)
        self._fill_inputs()
        self.retranslate()

    def retranslate(self) -> None:
        """The status and the plot in the current language: the plot shown is drawn again
        from its data (the controls retranslate themselves)."""
        if self.is_busy():
            self.status.setText(self.tr("Computing…"))
        elif self._drawn is not None:
            self._draw(*self._drawn)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- following the document -----------------------------------------------
    def _on_program(self) -> None:
        """The function or a value changed (once per burst of edits)."""
        self._stale = True
        self._fill_inputs()
        self.schedule()

    def _fill_inputs(self) -> None:
        """Offer the inputs that reach the output; keep the choices where possible."""
        try:
            program = self.controller.session.program()
            names = [n for n in program.input_names if n in program.input_index]
        except GraphError:
            names = []
        doc = self.controller.document

        def size_of(name: str) -> int:
            node = doc.find_input(name)
            return int(np.size(doc.node(node)["value"])) if node is not None else 1

        self.controls.fill_inputs(names, size_of)

    def _on_choice(self) -> None:
        self._stale = True
        self.schedule()

    def kind(self) -> str:
        return self.controls.kind()

    def set_kind(self, kind: str) -> None:
        self.controls.set_kind(kind)

    # -- computing off the GUI thread -----------------------------------------------
    def schedule(self) -> None:
        """Recompute soon if the panel is visible (else when it is next shown; the
        look happens once the event loop has settled, before importing matplotlib)."""
        self.mark_stale()

    def activate(self) -> None:
        """Called when the panel comes into view: create the canvas, plot if stale."""
        if not is_showing(self):
            return
        self.ensure_canvas()
        if self._stale:
            self._timer.start()

    def ensure_canvas(self) -> None:
        """Create the matplotlib canvas (the first import of matplotlib happens here)."""
        if self.canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        try:
            from ..app.fonts import configure_matplotlib

            configure_matplotlib()
        except (ImportError, OSError):  # fonts are a nicety; plots work without them
            pass
        self.figure = Figure(figsize=(5.5, 3.6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("plotCanvas")
        self.canvas.setMinimumHeight(220)
        self.box.addWidget(self.canvas, 1)
        self.ax = self.figure.add_subplot()

    def recompute(self) -> None:
        """Start computing the chosen plot for the current point (cancels a running one)."""
        self._timer.stop()
        self.ensure_canvas()
        self._stale = False
        if self._job is not None:
            self._job.cancel()
        self._token += 1
        try:
            program = self.controller.session.program()
        except GraphError as exc:
            self._show_problem(lambda e=exc: translate_error(e))
            return
        name = self.input_box.currentText()
        if not name:
            self._show_problem(lambda: self.tr("The function has no input to vary"))
            return
        values = self.controller.input_values_copy()
        upstream = self.controller.upstream
        flat = self.element_box.value()
        kind = self.kind()
        self.status.setText(self.tr("Computing…"))
        if kind == FUNCTION:
            def work(job: BackgroundJob) -> Any:
                return along_data(program, values, upstream, name, flat,
                                  cancelled=job.is_cancelled)
        elif kind == SWEEP:
            def work(job: BackgroundJob) -> Any:
                from ...check.sweeps import error_sweep

                index = np.unravel_index(flat, np.shape(values[name])) \
                    if np.ndim(values[name]) else ()
                return error_sweep(program, name, tuple(int(i) for i in index), values,
                                   upstream)
        else:
            second = self.second_box.currentText()
            if not second or second == name and np.size(values[name]) < 2:
                self._show_problem(lambda: self.tr("A contour plot needs two inputs"))
                return
            k2 = 0 if second != name else (1 if flat == 0 else 0)

            def work(job: BackgroundJob) -> Any:
                return contour_data(program, values, upstream, (name, flat), (second, k2),
                                    cancelled=job.is_cancelled)
        token = self._token
        self._job = BackgroundJob(work, self)
        self._job.finished.connect(lambda result, t=token, k=kind: self._done(t, k, result))
        self._job.failed.connect(lambda message, t=token: self._failed(t, message))
        self._job.start()

    def is_busy(self) -> bool:
        return self._job is not None and self._job.running

    def _failed(self, token: int, message: str) -> None:
        if token == self._token:
            self._show_problem(lambda: message)

    def _show_problem(self, say: Callable[[], str]) -> None:
        """No plot: ``say()`` tells why (in the current language)."""
        self._draw("error", say)
        self.plotted.emit("error")

    def _done(self, token: int, kind: str, result: Any) -> None:
        if token != self._token:
            return  # a newer request replaced this one
        self._draw(kind, result)
        self.plotted.emit(kind)

    # -- drawing (``plot_drawing`` draws; the data is kept to draw it again) ----------
    def _f_label(self) -> str:
        u = self.controller.upstream
        # the narration's notation: L = v·f, v the upstream gradient (grad_tensors)
        return "f" if np.ndim(u) == 0 and u == 1 else "L = Σ v ⊙ f"

    def _var_label(self, name: str, flat: int) -> str:
        value = self.controller.document.input_values().get(name)
        if value is not None and np.ndim(value) > 0:
            index = np.unravel_index(flat, np.shape(value))
            return f"{name}[{', '.join(str(int(i)) for i in index)}]"
        return name

    def _draw(self, kind: str, result: Any) -> None:
        """Draw ``result`` of ``kind`` (or a problem: ``result`` makes its message)."""
        self._drawn = (kind, result)
        if kind == "error":
            message = result()
            self.last_error = message
            self.status.setText(message)
            if self.ax is not None:
                self.ax.clear()
                draw_problem(self.ax, message)
                self.canvas.draw_idle()
            return
        self.last_error = ""
        ax = self.ax
        ax.clear()
        ax.set_axis_on()
        if kind == FUNCTION:
            self.along, self.tangent_slope = result, result.slope
            self.function_line, self.tangent_line, status = draw_along(
                ax, result, self._f_label(), self._var_label(result.name, result.flat))
        elif kind == SWEEP:
            self.sweep = result
            self.sweep_lines, status = draw_sweep(ax, result)
        else:
            self.contour_data = result
            status = draw_contour(ax, result, self._f_label(),
                                  self._var_label(result.names[0], result.flats[0]),
                                  self._var_label(result.names[1], result.flats[1]))
        self.status.setText(status)
        self.canvas.draw_idle()

    # -- saving ------------------------------------------------------------------------
    def save_plot(self, path: str) -> None:
        """Save the current plot (PNG or SVG by the file's suffix)."""
        self.ensure_canvas()
        self.figure.savefig(path, dpi=150)

    def save_dialog(self) -> None:
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG drawing (*.svg)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save Plot"), "plot.png",
                                                   f"{png};;{svg}")
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if chosen == svg else ".png"
        try:
            self.save_plot(path)
        except (OSError, ValueError) as exc:
            self.controller.message.emit(self.tr("Cannot save the plot: {0}").format(exc))
        else:
            self.controller.message.emit(self.tr("Plot saved to {0}").format(path))

    def shutdown(self, wait: float = 3.0) -> None:
        """Cancel running work and give its thread a moment to return (closing)."""
        self._timer.stop()
        if self._job is not None:
            self._job.cancel()
            self._job.wait(wait)

