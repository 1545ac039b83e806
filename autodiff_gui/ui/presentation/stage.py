"""Presentation mode's stage: the narration at the bottom, the step toolbar, the canvas fit.

``Stage`` arranges the window for a projector (``presentation.py`` decides when):
the narration dock goes to the bottom, full width, tabbed with the other bottom
docks that are shown (the tabs replace their title bars); its height is a share
of the window; the step toolbar's buttons get large icons and, in order of use,
their text; the graph is fitted into what is left, with a larger zoom than the
normal fit allows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolButton, QWidget
from shiboken6 import isValid

from ..run.run_panel import RunPanel
from ..window.context import WindowContext
from .scale import FontScaler

NARRATION_SHARE = 0.3  # of the window height


class Stage:
    """Places the narration, sizes the step toolbar and fits the canvas of one window."""

    def __init__(self, ctx: WindowContext) -> None:
        self.ctx = ctx
        self.window = ctx.host

    def place_narration(self, rp: RunPanel) -> dict[QDockWidget, QWidget | None]:
        """The narration at the bottom, full width; returns the title bars it replaced."""
        w = self.window
        narration = rp.narration_dock
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        # The bottom area takes the whole width (under the left and right areas).
        w.setCorner(Qt.Corner.BottomLeftCorner, bottom)
        w.setCorner(Qt.Corner.BottomRightCorner, bottom)
        narration.setFloating(False)
        partners = [d for d in rp.docks if d is not narration and not d.isFloating()
                    and not d.isHidden() and w.dockWidgetArea(d) == bottom]
        if partners:
            w.tabifyDockWidget(partners[0], narration)
        else:
            w.addDockWidget(bottom, narration, Qt.Orientation.Horizontal)
        narration.show()
        narration.raise_()
        # The tabs name the docks: their title bars would only take height from the canvas.
        title_bars: dict[QDockWidget, QWidget | None] = {}
        for dock in [narration] + partners:
            title_bars[dock] = dock.titleBarWidget()
            dock.setTitleBarWidget(QWidget(dock))
        return title_bars

    @staticmethod
    def restore_title_bars(title_bars: dict[QDockWidget, QWidget | None]) -> None:
        """The docks' own title bars again (``place_narration`` replaced them)."""
        for dock, title_bar in title_bars.items():
            if isValid(dock):
                placeholder = dock.titleBarWidget()
                dock.setTitleBarWidget(title_bar)
                if placeholder is not None and placeholder is not title_bar:
                    placeholder.deleteLater()

    def size_narration(self, rp: RunPanel) -> None:
        if rp.narration_dock.isVisible():
            height = max(160, round(self.window.height() * NARRATION_SHARE))
            self.window.resizeDocks([rp.narration_dock], [height], Qt.Orientation.Vertical)

    def fit_step_bar(self, rp: RunPanel, fonts: FontScaler, scale: float,
                     leave: QAction) -> None:
        """The step toolbar's buttons get their text in order of use (Next, Previous,
        Play, Reset, Run to End, Check, Leave) while one row has room for it."""
        actions = [rp.actionNextStep, rp.actionPrevStep, rp.actionPlay, rp.actionReset,
                   rp.actionRunToEnd, rp.actionCheckGradients, leave]
        buttons = [b for b in (rp.toolbar.widgetForAction(a) for a in actions)
                   if isinstance(b, QToolButton)]
        fonts.fit_step_bar(rp.toolbar, scale, buttons)

    def fit_canvas(self, max_zoom: float) -> None:
        """Fit the graph into the canvas, zooming in up to ``max_zoom``."""
        view, scene = self.ctx.view, self.ctx.scene
        view.zoom_fit()
        rect = scene.items_bounding_rect()
        if rect.isNull():
            return
        rect = rect.adjusted(-30, -30, 30, 30)
        port = view.viewport().size()
        ideal = min(port.width() / rect.width(), port.height() / rect.height(), max_zoom)
        current = view.transform().m11()
        if ideal > current * 1.001:
            view.scale(ideal / current, ideal / current)
            view.centerOn(rect.center())
