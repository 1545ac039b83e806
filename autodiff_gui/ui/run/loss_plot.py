"""The losses of gradient descent by hand, and their plot.

``LossHistory`` records the loss before each gradient step, tagged by the undo
command that made it (Undo takes that loss back).  ``LossPlot`` draws them with
QPainter (no matplotlib import for a dozen points): filled dots for the recorded
losses, a hollow red dot for the loss now.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.graph import format_value

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
            except RuntimeError:  # its widget was deleted (the window closed)
                self.listeners.remove(cb)


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
