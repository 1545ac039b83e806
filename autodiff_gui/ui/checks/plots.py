"""Plots of the function around the point: the tangent, the finite-difference V, contours.

matplotlib (``backend_qtagg``) is imported only when the Plots panel is first
shown, never at start-up.  The numbers are computed off the GUI thread from a
program compiled in the GUI thread (a ``Program`` is a flat, read-only list of
instructions, safe to read from a worker); the drawing happens back in the GUI
thread with ``draw_idle``.  What is drawn is kept on the panel for tests and
scripts: ``tangent_slope``, ``function_line`` / ``tangent_line`` (Line2D),
``sweep`` (finite_diff.Sweep) with ``sweep_lines``, ``contour_data``.

All three plots look at F = Σ u·f, u the upstream gradient (F = f for a scalar
output with u = 1): the quantity the engine's gradient differentiates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.engine import EvalError, Program, compile_graph
from ...core.graph import GraphError, as_value, format_value
from ..app.i18n import translate_error, translate_text
from ..run.stepping import StepController, is_showing
from .comparison import BackgroundJob

FUNCTION, SWEEP, CONTOUR = "function", "sweep", "contour"
SAMPLES = 201
GRID = 41
ERROR_FLOOR = 1e-16  # complex-step errors below this are drawn here (log axes)
EPS = float(np.finfo(np.float64).eps)


def weighted(out: Any, upstream: Any) -> float:
    """F = Σ u·f for an output f and upstream gradient u (u a scalar or f's shape)."""
    u = as_value(upstream)
    return float(np.sum(np.asarray(u) * np.asarray(out)))


def _with(values: Mapping[str, Any], name: str, flat: int, x: float) -> dict[str, Any]:
    vals = dict(values)
    v = vals[name]
    if isinstance(v, np.ndarray):
        v = v.copy()
        v.flat[flat] = x
    else:
        v = x
    vals[name] = v
    return vals


def _element(value: Any, flat: int) -> float:
    return float(np.ravel(value)[flat]) if isinstance(value, np.ndarray) else float(value)


def span_around(x: float) -> float:
    return max(1.0, abs(x))


@dataclass
class AlongData:
    """F along one input element with the tangent at the point."""

    name: str
    flat: int
    x0: float
    f0: float
    slope: float
    xs: np.ndarray
    fs: np.ndarray  # nan where F cannot be evaluated


@dataclass
class ContourData:
    """F on a grid of two input elements with the gradient at the point."""

    names: tuple[str, str]
    flats: tuple[int, int]
    point: tuple[float, float]
    value: float  # F at the point: the level of the contour through it
    gradient: tuple[float, float]
    xs: np.ndarray
    ys: np.ndarray
    fs: np.ndarray  # (len(ys), len(xs))


def along_data(program: Program, values: Mapping[str, Any], upstream: Any, name: str,
               flat: int = 0, samples: int = SAMPLES,
               cancelled: Callable[[], bool] = lambda: False) -> AlongData:
    """Sample F along ``name[flat]`` (others fixed) and the engine's slope there."""
    x0 = _element(values[name], flat)
    f_out, grads = program.gradient(values, upstream)
    f0 = weighted(f_out, upstream)
    slope = _element(grads[name], flat)
    half = span_around(x0)
    xs = np.linspace(x0 - half, x0 + half, samples)
    fs = np.full(samples, np.nan)
    for k, x in enumerate(xs):
        if cancelled():
            break
        try:
            fs[k] = weighted(program.evaluate(_with(values, name, flat, float(x))), upstream)
        except (EvalError, ValueError, OverflowError):
            pass
    return AlongData(name, flat, x0, f0, slope, xs, fs)


def contour_data(program: Program, values: Mapping[str, Any], upstream: Any,
                 first: tuple[str, int], second: tuple[str, int], grid: int = GRID,
                 cancelled: Callable[[], bool] = lambda: False) -> ContourData:
    """F on a grid around the point in two input elements, and the gradient there."""
    (n1, k1), (n2, k2) = first, second
    x0, y0 = _element(values[n1], k1), _element(values[n2], k2)
    out, grads = program.gradient(values, upstream)
    g = (_element(grads[n1], k1), _element(grads[n2], k2))
    # One span for both axes, drawn with equal aspect: the gradient then looks
    # perpendicular to the contour line, as it is.
    half = max(span_around(x0), span_around(y0))
    xs = np.linspace(x0 - half, x0 + half, grid)
    ys = np.linspace(y0 - half, y0 + half, grid)
    fs = np.full((grid, grid), np.nan)
    for i, y in enumerate(ys):
        if cancelled():
            break
        row = _with(values, n2, k2, float(y))
        for j, x in enumerate(xs):
            try:
                fs[i, j] = weighted(program.evaluate(_with(row, n1, k1, float(x))), upstream)
            except (EvalError, ValueError, OverflowError):
                pass
    return ContourData((n1, n2), (k1, k2), (x0, y0), weighted(out, upstream), g, xs, ys, fs)


class PlotsPanel(QWidget):
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

        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("plotKind")
        self.kind_box.addItem(self.tr("Function and tangent"), FUNCTION)
        self.kind_box.addItem(self.tr("Finite-difference error vs h"), SWEEP)
        self.kind_box.addItem(self.tr("Contours and gradient (two inputs)"), CONTOUR)
        self.input_box = QComboBox(self)
        self.input_box.setObjectName("plotInput")
        self.element_box = QSpinBox(self)
        self.element_box.setObjectName("plotElement")
        self.element_box.setPrefix(self.tr("element "))
        self.second_box = QComboBox(self)
        self.second_box.setObjectName("plotInput2")
        for box in (self.kind_box, self.input_box, self.second_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(4)
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.save_button.setObjectName("plotSaveButton")
        self.save_button.clicked.connect(self.save_dialog)
        self.status = QLabel(self)
        self.status.setObjectName("plotStatus")
        self.status.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.kind_box, 2)
        row.addWidget(QLabel(self.tr("along"), self))
        row.addWidget(self.input_box, 1)
        row.addWidget(self.element_box)
        self.second_label = QLabel(self.tr("and"), self)
        row.addWidget(self.second_label)
        row.addWidget(self.second_box, 1)
        row.addWidget(self.save_button)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.addLayout(row)
        self.box.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # gather bursts of edits into one computation
        self._timer.timeout.connect(self.recompute)
        self._filling = False
        self.kind_box.currentIndexChanged.connect(self._on_choice)
        self.input_box.currentIndexChanged.connect(self._on_input)
        self.element_box.valueChanged.connect(self._on_choice)
        self.second_box.currentIndexChanged.connect(self._on_choice)
        controller.programChanged.connect(self._on_program)
        controller.settingsChanged.connect(self.schedule)
        self._fill_inputs()

    # -- following the document -----------------------------------------------
    def _on_program(self) -> None:
        """The function or a value changed (once per burst of edits)."""
        self._stale = True
        self._fill_inputs()
        self.schedule()

    def _fill_inputs(self) -> None:
        """Offer the inputs that reach the output; keep the choices where possible."""
        try:
            program = compile_graph(self.controller.document)
            names = [n for n in program.input_names if n in program.input_index]
        except GraphError:
            names = []
        self._filling = True
        try:
            for box in (self.input_box, self.second_box):
                keep = box.currentText()
                box.clear()
                box.addItems(names)
                if keep in names:
                    box.setCurrentText(keep)
            if self.second_box.currentText() == self.input_box.currentText() and len(names) > 1:
                others = [n for n in names if n != self.input_box.currentText()]
                self.second_box.setCurrentText(others[0])
            self._fit_element()
        finally:
            self._filling = False
        self._update_controls()

    def _fit_element(self) -> None:
        name = self.input_box.currentText()
        doc = self.controller.document
        node = doc.find_input(name) if name else None
        size = int(np.size(doc.node(node)["value"])) if node is not None else 1
        self.element_box.setRange(0, max(0, size - 1))
        self.element_box.setVisible(size > 1)

    def _update_controls(self) -> None:
        contour = self.kind() == CONTOUR
        self.second_box.setVisible(contour)
        self.second_label.setVisible(contour)

    def _on_input(self) -> None:
        if self._filling:
            return
        self._fit_element()
        first = self.input_box.currentText()
        if self.second_box.currentText() == first:  # a contour needs two different inputs
            others = [self.second_box.itemText(i) for i in range(self.second_box.count())
                      if self.second_box.itemText(i) != first]
            if others:
                self._filling = True
                self.second_box.setCurrentText(others[0])
                self._filling = False
        self._on_choice()

    def _on_choice(self) -> None:
        if self._filling:
            return
        self._update_controls()
        self._stale = True
        self.schedule()

    def kind(self) -> str:
        return self.kind_box.currentData() or FUNCTION

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))

    # -- computing off the GUI thread -----------------------------------------------
    def schedule(self) -> None:
        """Recompute soon if the panel is visible (else when it is next shown)."""
        self._stale = True
        if is_showing(self):
            self._timer.start()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # A tabbed dock may be shown for a moment while the window lays itself out:
        # look again once the event loop has settled before importing matplotlib.
        QTimer.singleShot(0, self.activate)

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
        doc = self.controller.document
        try:
            program = compile_graph(doc)
        except GraphError as exc:
            self._show_problem(translate_error(exc))
            return
        name = self.input_box.currentText()
        if not name:
            self._show_problem(self.tr("The function has no input to vary"))
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
                from ...check.finite_diff import error_sweep

                index = np.unravel_index(flat, np.shape(values[name])) \
                    if np.ndim(values[name]) else ()
                return error_sweep(program, name, tuple(int(i) for i in index), values,
                                   upstream)
        else:
            second = self.second_box.currentText()
            if not second or second == name and np.size(values[name]) < 2:
                self._show_problem(self.tr("A contour plot needs two inputs"))
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
            self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        self.last_error = message
        self.status.setText(message)
        if self.ax is not None:
            self.ax.clear()
            self.ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True,
                         transform=self.ax.transAxes, color="#b71c1c")
            self.ax.set_axis_off()
            self.canvas.draw_idle()
        self.plotted.emit("error")

    def _done(self, token: int, kind: str, result: Any) -> None:
        if token != self._token:
            return  # a newer request replaced this one
        self.last_error = ""
        self.ax.clear()
        self.ax.set_axis_on()
        if kind == FUNCTION:
            self._draw_along(result)
        elif kind == SWEEP:
            self._draw_sweep(result)
        else:
            self._draw_contour(result)
        self.canvas.draw_idle()
        self.plotted.emit(kind)

    # -- drawing ---------------------------------------------------------------------
    def _f_label(self) -> str:
        u = self.controller.upstream
        return "f" if np.ndim(u) == 0 and u == 1 else "F = Σ u·f"

    def _var_label(self, name: str, flat: int) -> str:
        value = self.controller.document.input_values().get(name)
        if value is not None and np.ndim(value) > 0:
            index = np.unravel_index(flat, np.shape(value))
            return f"{name}[{', '.join(str(int(i)) for i in index)}]"
        return name

    def _draw_along(self, d: AlongData) -> None:
        ax = self.ax
        self.along = d
        self.tangent_slope = d.slope
        var = self._var_label(d.name, d.flat)
        (self.function_line,) = ax.plot(d.xs, d.fs, color="#1565c0", lw=2,
                                        label=self._f_label())
        tangent = d.f0 + d.slope * (d.xs - d.x0)
        (self.tangent_line,) = ax.plot(
            d.xs, tangent, color="#c62828", lw=1.5, ls="--",
            label=self.tr("tangent, slope ∂{0}/∂{1} = {2}").format(
                "f" if self._f_label() == "f" else "F", var, format_value(d.slope)))
        ax.plot([d.x0], [d.f0], "o", color="#c62828", ms=7, zorder=5)
        finite = d.fs[np.isfinite(d.fs)]
        if finite.size:
            lo, hi = float(np.min(finite)), float(np.max(finite))
            pad = 0.08 * (hi - lo) if hi > lo else 1.0
            ax.set_ylim(lo - pad, hi + pad)
        ax.set_xlabel(var)
        ax.set_ylabel(self._f_label())
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best", fontsize="small")
        ax.set_title(self.tr("{f} along {x} at {x} = {x0}").format(
            f=self._f_label(), x=var, x0=format_value(d.x0)), fontsize="medium")
        self.status.setText(self.tr("Slope at the point (the engine's gradient): {0}").format(
            format_value(d.slope)))

    def _draw_sweep(self, s: Any) -> None:
        ax = self.ax
        self.sweep = s
        self.sweep_lines = {}
        colours = {"forward": "#1565c0", "central": "#2e7d32", "complex_step": "#6a1b9a"}
        names = {"forward": self.tr("forward difference"),
                 "central": self.tr("central difference"),
                 "complex_step": self.tr("complex step")}
        for method in ("forward", "central", "complex_step"):
            err = s.errors.get(method)
            if err is None:
                continue
            hs = s.hs
            if method == "complex_step":
                # No subtraction, no round-off: below machine precision it is exact.
                shown = np.where(np.isfinite(err), np.maximum(err, ERROR_FLOOR), np.nan)
            else:
                # An error of exactly 0 is a lucky rounding, not accuracy: left out.
                keep = np.isfinite(err) & (err > 0)
                hs, shown = hs[keep], err[keep]
            (self.sweep_lines[method],) = ax.loglog(hs, shown, marker=".", ms=3, lw=1.4,
                                                    color=colours[method],
                                                    label=names[method])
        scale = span_around(s.x)
        for h, text in ((math.sqrt(EPS) * scale, "√ε"), (EPS ** (1 / 3) * scale, "ε^(1/3)")):
            ax.axvline(h, color="#757575", ls=":", lw=1)
            ax.text(h, 0.98, " " + text, transform=ax.get_xaxis_transform(), va="top",
                    fontsize="small", color="#424242")
        ax.set_xlabel(self.tr("step h"))
        ax.set_ylabel(self.tr("relative error") if s.relative else self.tr("absolute error"))
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(loc="lower left", fontsize="small")
        var = s.name + (f"[{', '.join(str(i) for i in s.index)}]" if s.index else "")
        ax.set_title(self.tr("Error of ∂F/∂{0} against the engine ({1})").format(
            var, format_value(s.reference)), fontsize="medium")
        note = self.tr("Truncation error falls with h, round-off error grows as h shrinks: "
                       "the V. Differences that happen to be exact (error 0) are not drawn.")
        if s.complex_reason:
            note += " " + self.tr("Complex step: {0}").format(translate_text(s.complex_reason))
        self.status.setText(note)

    def _draw_contour(self, c: ContourData) -> None:
        ax = self.ax
        self.contour_data = c
        fs = np.ma.masked_invalid(c.fs)
        if fs.count() > 3 and float(fs.max() - fs.min()) > 0:
            cs = ax.contour(c.xs, c.ys, fs, levels=14, cmap="viridis")
            ax.clabel(cs, inline=True, fontsize=7, fmt="%.3g")
            if float(fs.min()) < c.value < float(fs.max()):
                ax.contour(c.xs, c.ys, fs, levels=[c.value], colors="#c62828",
                           linewidths=1.6, linestyles="--")
        x0, y0 = c.point
        gx, gy = c.gradient
        ax.plot([x0], [y0], "o", color="#c62828", ms=7, zorder=5)
        norm = math.hypot(gx, gy)
        if norm > 0:
            length = 0.3 * (c.xs[-1] - c.xs[0]) / 2
            ax.annotate("", xy=(x0 + gx / norm * length, y0 + gy / norm * length),
                        xytext=(x0, y0),
                        arrowprops={"arrowstyle": "-|>", "color": "#c62828", "lw": 2})
        ax.set_aspect("equal", adjustable="box")
        vx = self._var_label(c.names[0], c.flats[0])
        vy = self._var_label(c.names[1], c.flats[1])
        ax.set_xlabel(vx)
        ax.set_ylabel(vy)
        ax.set_title(self.tr("Contours of {f}; the arrow is the gradient ({gx}, {gy})").format(
            f=self._f_label(), gx=format_value(gx), gy=format_value(gy)), fontsize="medium")
        self.status.setText(self.tr("The gradient is perpendicular to the contour line "
                                    "through the point."))

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

