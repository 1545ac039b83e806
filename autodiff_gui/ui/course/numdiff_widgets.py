"""The numerical-differentiation lesson's own widgets, shown inside the Lessons panel.

* ``SecantView``: f near x, the tangent (slope = the engine's exact derivative) and
  the secant through x and x + h, drawn with QPainter; a slider chooses h on a log
  scale (1 … 0.001) and a line says both slopes and their difference, so the secant
  can be watched turning into the tangent.
* ``MethodTable``: a choice of h (0.1, 0.01, …, 10⁻¹²) and, per method (forward,
  backward, central, Richardson, complex step), the estimate, its error, the error
  at 10·h and their ratio: about 10 for forward, 100 for central, 10⁴ for Richardson,
  until round-off takes over at small h.

``NumDiffBox`` holds both and shows one (the page's ``show``: ``numdiff:secant`` or
``numdiff:table``).  The numbers come from ``course.numdiff`` on the controller's
current program, refreshed when the graph changes.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...course.numdiff import H_CHOICES, METHODS, Slice, method_rows, secant_slope

FUNCTION_COLOR = "#1565c0"
TANGENT_COLOR = "#2e7d32"
SECANT_COLOR = "#e65100"
SLIDER_STEPS = 60  # h = 10^(-3·k/60): 1 … 0.001


def _sci(v: float | None) -> str:
    """An error with three significant digits (``4.21e-03``); ``0`` exactly; — if none."""
    if v is None:
        return "—"
    return "0" if v == 0 else f"{v:.2e}"


def _ratio(r: float | None) -> str:
    """A ratio of errors: 9.7, 95, 9710 (no exponent: the point is the order)."""
    if r is None:
        return "—"
    return f"{r:.2g}" if r < 10 else f"{r:.0f}"


def _h_text(h: float) -> str:
    return f"{h:g}" if h >= 1e-4 else f"1e{round(math.log10(h))}"


class SecantView(QWidget):
    """f, its tangent at x and the secant through x and x + h, with an h slider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("secantView")
        self.slice: Slice | None = None
        self.h = 0.5
        self.canvas = _SecantCanvas(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("secantSlider")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setValue(6)
        self.slider.valueChanged.connect(self._on_slider)
        self.h_label = QLabel(self)
        self.h_label.setObjectName("secantH")
        self.readout = QLabel(self)
        self.readout.setObjectName("secantReadout")
        self.readout.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.h_label)
        row.addWidget(self.slider, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.canvas, 1)
        box.addLayout(row)
        box.addWidget(self.readout)
        self._on_slider(self.slider.value())

    def set_slice(self, s: Slice | None) -> None:
        self.slice = s
        self.refresh()

    def set_h(self, h: float) -> None:
        """Move the slider to the step nearest ``h`` (1 … 0.001)."""
        k = round(-math.log10(h) * SLIDER_STEPS / 3)
        self.slider.setValue(max(0, min(SLIDER_STEPS, k)))

    def _on_slider(self, k: int) -> None:
        self.h = 10 ** (-3 * k / SLIDER_STEPS)
        self.refresh()

    def refresh(self) -> None:
        self.h_label.setText(self.tr("h = {h}").format(h=f"{self.h:.3g}"))
        s = self.slice
        if s is None:
            self.readout.setText(self.tr("This graph has no scalar input with a scalar "
                                         "output to draw."))
        else:
            try:
                slope = secant_slope(s, self.h)
            except Exception:  # noqa: BLE001 (a step out of the domain: say so)
                slope = float("nan")
            self.readout.setText(self.tr(
                "Secant slope (f(x + h) − f(x)) / h = {secant}; tangent slope (exact) = "
                "{tangent}; difference {diff}").format(
                    secant=f"{slope:.6f}", tangent=f"{s.exact:.6f}",
                    diff=_sci(abs(slope - s.exact)) if math.isfinite(slope) else "—"))
        self.canvas.update()


class _SecantCanvas(QWidget):
    """The drawing: the curve, the tangent and the secant around x."""

    def __init__(self, view: SecantView) -> None:
        super().__init__(view)
        self.view = view
        self.setMinimumHeight(150)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt override)
        s = self.view.slice
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if s is None:
            p.end()
            return
        h = self.view.h
        lo, hi = s.x - 1.5, s.x + 1.5
        xs = [lo + (hi - lo) * k / 200 for k in range(201)]
        ys = []
        for t in xs:
            try:
                v = s.f(t)
            except Exception:  # noqa: BLE001 (outside the domain: a gap in the curve)
                v = float("nan")
            ys.append(v if math.isfinite(v) else float("nan"))
        fx = s.f(s.x)
        fxh = s.f(s.x + h)
        finite = [y for y in ys if math.isfinite(y)] + [fx, fxh]
        y_lo, y_hi = min(finite), max(finite)
        pad = 0.15 * (y_hi - y_lo or 1.0)
        y_lo, y_hi = y_lo - pad, y_hi + pad
        r = QRectF(self.rect()).adjusted(8, 8, -8, -8)

        def at(x: float, y: float) -> QPointF:
            return QPointF(r.left() + (x - lo) / (hi - lo) * r.width(),
                           r.bottom() - (y - y_lo) / (y_hi - y_lo) * r.height())

        p.setClipRect(r)
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawRect(r)
        path = QPainterPath()
        started = False
        for x, y in zip(xs, ys):
            if not math.isfinite(y):
                started = False
                continue
            if started:
                path.lineTo(at(x, y))
            else:
                path.moveTo(at(x, y))
                started = True
        p.setPen(QPen(QColor(FUNCTION_COLOR), 2.5))
        p.drawPath(path)
        for colour, slope, style in ((TANGENT_COLOR, s.exact, Qt.PenStyle.SolidLine),
                                     (SECANT_COLOR, (fxh - fx) / h, Qt.PenStyle.DashLine)):
            p.setPen(QPen(QColor(colour), 2, style))
            p.drawLine(at(lo, fx + slope * (lo - s.x)), at(hi, fx + slope * (hi - s.x)))
        p.setPen(Qt.PenStyle.NoPen)
        for (x, y), colour in (((s.x, fx), TANGENT_COLOR), ((s.x + h, fxh), SECANT_COLOR)):
            p.setBrush(QColor(colour))
            p.drawEllipse(at(x, y), 4.5, 4.5)
        # The legend, bottom right (the curves leave that corner free more often).
        metrics = p.fontMetrics()
        labels = [(FUNCTION_COLOR, "f"),
                  (TANGENT_COLOR, QCoreApplication.translate("SecantView", "tangent")),
                  (SECANT_COLOR, QCoreApplication.translate("SecantView", "secant"))]
        width = max(metrics.horizontalAdvance(t) for _, t in labels) + 30
        y = r.bottom() - 6 - metrics.height() * (len(labels) - 1)
        for colour, text in labels:
            p.setPen(QPen(QColor(colour), 2.5))
            x0 = r.right() - width
            p.drawLine(QPointF(x0, y - metrics.height() / 3), QPointF(x0 + 18,
                                                                    y - metrics.height() / 3))
            p.setPen(self.palette().text().color())
            p.drawText(QPointF(x0 + 24, y), text)
            y += metrics.height()
        p.end()


class MethodTable(QWidget):
    """Every method's estimate and error at a chosen h, with the error at 10·h."""

    hChanged = Signal(float)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("methodTable")
        self.slice: Slice | None = None
        self.h_box = QComboBox(self)
        self.h_box.setObjectName("numdiffStep")
        for h in H_CHOICES:
            self.h_box.addItem(_h_text(h), h)
        self.h_box.currentIndexChanged.connect(self._on_h)
        self.h_title = QLabel(self.tr("Step h:"), self)
        self.table = QTableWidget(len(METHODS), 5, self)
        self.table.setObjectName("numdiffTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(7.5, mono.pointSizeF() * 0.9))
        self.table.setFont(mono)
        self.table.horizontalHeader().setMinimumSectionSize(20)
        self.table.setWordWrap(False)
        self.note = QLabel(self)
        self.note.setObjectName("numdiffNote")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.h_title)
        row.addWidget(self.h_box)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.table, 1)
        box.addWidget(self.note)
        self.retranslate()

    def method_name(self, method: str) -> str:
        # Short: the dock is narrow, and the lesson text names them in full.
        return {"forward": self.tr("forward"), "backward": self.tr("backward"),
                "central": self.tr("central"), "richardson": self.tr("Richardson"),
                "complex_step": self.tr("complex step")}[method]

    def retranslate(self) -> None:
        """The headers and names in the current language (the numbers stay)."""
        self.h_title.setText(self.tr("Step h:"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Method"), self.tr("Estimate"), self.tr("Error (h)"),
            self.tr("Error (10·h)"), self.tr("Ratio")])
        self.refresh()

    @property
    def h(self) -> float:
        return float(self.h_box.currentData())

    def set_h(self, h: float) -> None:
        i = min(range(len(H_CHOICES)), key=lambda k: abs(math.log10(H_CHOICES[k] / h)))
        self.h_box.setCurrentIndex(i)

    def set_slice(self, s: Slice | None) -> None:
        self.slice = s
        self.refresh()

    def _on_h(self, _index: int) -> None:
        self.refresh()
        self.hChanged.emit(self.h)

    def refresh(self) -> None:
        s = self.slice
        rows = method_rows(s, self.h) if s is not None else []
        for r, method in enumerate(METHODS):
            row = next((x for x in rows if x.method == method), None)
            ratio = row.ratio if row is not None else None
            cells = [self.method_name(method),
                     f"{row.estimate:.9f}" if row and row.estimate is not None else "—",
                     _sci(row.error) if row else "—",
                     _sci(row.error_10h) if row else "—",
                     _ratio(ratio)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if s is None:
            self.note.setText(self.tr("This graph has no scalar input with a scalar output."))
        else:
            self.note.setText(self.tr(
                "f along {name} at {name} = {x}; exact derivative (the engine) {exact}. "
                "Ratio = error at 10·h ÷ error at h: about 10 means error ∝ h, 100 means "
                "∝ h², 10⁴ means ∝ h⁴.").format(name=s.name, x=f"{s.x:g}",
                                                 exact=f"{s.exact:.12f}"))

    def text(self) -> str:
        """Everything the table shows, for tests and the quote check."""
        cells = [self.note.text()]
        for r in range(self.table.rowCount()):
            cells.append("  ".join(self.table.item(r, c).text()
                                   for c in range(self.table.columnCount())))
        return "\n".join(cells)


class NumDiffBox(QWidget):
    """The secant picture or the method table, for the page that asks for one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numdiffBox")
        self.secant = SecantView(self)
        self.methods = MethodTable(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.secant, 1)
        box.addWidget(self.methods, 1)
        self.kind = ""

    def show_kind(self, kind: str) -> None:
        """``secant`` or ``table`` (anything else hides the box)."""
        self.kind = kind
        self.secant.setVisible(kind == "secant")
        self.methods.setVisible(kind == "table")
        self.setVisible(kind in ("secant", "table"))

    def set_slice(self, s: Slice | None) -> None:
        self.secant.set_slice(s)
        self.methods.set_slice(s)

    def text(self) -> str:
        """What the visible part says in words and numbers."""
        if self.kind == "secant":
            return self.secant.h_label.text() + "\n" + self.secant.readout.text()
        if self.kind == "table":
            return self.methods.text()
        return ""

    def retranslate(self) -> None:
        self.methods.retranslate()
        self.secant.refresh()
