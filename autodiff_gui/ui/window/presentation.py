"""Presentation mode: the window on a projector, readable from the back row.

``attach(window)`` adds View ▸ Presentation (F11, ``actionPresentation``, checkable).
Entering it:

* goes full screen and enlarges the fonts by ``scale`` (1.6× by default): the
  window font (menu bar, toolbar, tables, docks), each widget that set its own font
  (narration, expression bar...), table row heights and column widths, the canvas
  blocks (``canvas.theme.set_font_scale`` with part of the scale; the blocks grow
  with their fonts) and the step toolbar's icons, with their text where one row
  has room for it;
* hides the editing panels (blocks palette, inputs, history), the main toolbar,
  the status bar and the stepping settings; the expression bar stays, read-only,
  so the class sees f;
* moves the narration dock to the bottom, full width (tabbed with the trace and the
  other bottom docks that are shown; the tabs replace the docks' title bars), and
  fits the graph into what is left, allowing a larger zoom than the normal fit.

While presenting, Ctrl + / Ctrl − change the scale (the window's zoom shortcuts
are lent to presentation mode), Ctrl 0 goes back to the default scale, Esc or F11
leaves.  The arrow keys, Space, Home and End keep stepping (the focus goes to the
canvas).  Leaving restores everything as it was: window state and geometry, dock
layout (``saveState``), corner ownership, title bars, fonts, table sizes, toolbar
icon size and button styles, canvas font scale and zoom, shortcuts and focus.
Closing the window while presenting leaves first, so the normal layout is saved.
The chosen scale is remembered in the settings (``presentation/scale``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QKeySequence, QTransform
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QStyle,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

from ..canvas import theme as canvas_theme

DEFAULT_SCALE = 1.6
MIN_SCALE = 1.0
MAX_SCALE = 3.0
SCALE_STEP = 0.2
# The canvas takes part of the scale, up to a limit: its blocks can only grow into
# the gaps the layout leaves between them (past 1.4 the values no longer fit and
# the taller blocks make the fit zoom out); the zoom to fit does the rest.
CANVAS_SHARE = 0.5
MAX_CANVAS_SCALE = 1.4
MAX_CANVAS_FIT = 3.0  # the normal fit stops at 150 %; a projector may go further
ICON_FACTOR = 1.25  # step toolbar icons: style size × scale × this (48 px at 1.6×)
NARRATION_SHARE = 0.3  # of the window height
SETTINGS_KEY = "presentation/scale"
_CORNERS = (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner,
            Qt.Corner.BottomLeftCorner, Qt.Corner.BottomRightCorner)


def canvas_scale(scale: float) -> float:
    """The canvas font scale for a presentation ``scale``."""
    return min(MAX_CANVAS_SCALE, 1.0 + (scale - 1.0) * CANVAS_SHARE)


def scaled_font(font: QFont, factor: float) -> QFont:
    """A copy of ``font`` ``factor`` times larger (points, or pixels if set in pixels)."""
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        out.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return out


@dataclass
class _Saved:
    """What entering changed, to put back on leaving."""

    geometry: QByteArray
    rect: QRect  # restoreGeometry keeps a window on its screen; the exact rect
    state: QByteArray
    window_state: Qt.WindowState
    corners: dict[Qt.Corner, Qt.DockWidgetArea]
    window_font: QFont
    window_font_set: bool
    fonts: dict[QWidget, QFont] = field(default_factory=dict)
    tables: dict[QTableView, tuple[int, list[int]]] = field(default_factory=dict)
    toolbars: dict[QToolBar, tuple[QSize, bool, Qt.ToolButtonStyle]] = field(
        default_factory=dict)
    buttons: dict[QToolButton, Qt.ToolButtonStyle] = field(default_factory=dict)
    hidden: dict[QWidget, bool] = field(default_factory=dict)
    title_bars: dict[QDockWidget, QWidget | None] = field(default_factory=dict)
    read_only: bool = False
    shortcuts: dict[QAction, list[QKeySequence]] = field(default_factory=dict)
    canvas_scale: float = 1.0
    transform: QTransform | None = None
    centre: QPointF | None = None
    focus: QWidget | None = None


class Presentation(QObject):
    """Presentation mode for one main window (see the module docstring)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("presentation")
        self.window = window
        self._active = False
        self._saved: _Saved | None = None
        self._pending: _Saved | None = None  # a leave whose layout is restored once more
        self._applied = 1.0  # the font factor currently applied to the widgets
        self._scale = self._stored_scale()
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_canvas)
        self._create_actions()
        window.installEventFilter(self)
        # A new graph while presenting (an example, a file): fit it like the first.
        for signal in (getattr(window, "documentReplaced", None),
                       getattr(getattr(window, "scene", None), "documentReset", None)):
            if signal is not None:
                signal.connect(self._on_new_graph)
        # The canvas font scale is application-wide: a window deleted while presenting
        # (without a close event) must not leave it enlarged for the next one.
        self._shared = {"active": False, "canvas_scale": 1.0}
        window.destroyed.connect(functools.partial(_window_gone, self._shared))

    # -- construction ---------------------------------------------------------
    def _create_actions(self) -> None:
        w = self.window
        self.actionPresentation = QAction(self.tr("&Presentation"), w)
        self.actionPresentation.setObjectName("actionPresentation")
        self.actionPresentation.setCheckable(True)
        keys = [QKeySequence("F11")]
        for seq in QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen):
            if not seq.isEmpty() and seq not in keys:
                keys.append(seq)
        self.actionPresentation.setShortcuts(keys)
        tip = self.tr("Full screen with large fonts for a projector (F11; Esc leaves)")
        self.actionPresentation.setToolTip(tip)
        self.actionPresentation.setStatusTip(tip)
        self.actionPresentation.setIcon(self._icon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.actionPresentation.triggered.connect(self._on_triggered)
        w.addAction(self.actionPresentation)

        self.actionLeavePresentation = self._action(
            "actionLeavePresentation", self.tr("Leave Presentation"), ["Esc"], self.leave,
            self.tr("Back to the normal window (Esc)"))
        self.actionLeavePresentation.setIcon(
            self._icon(QStyle.StandardPixmap.SP_TitleBarNormalButton))
        zoom_in = getattr(w, "actionZoomIn", None)
        zoom_out = getattr(w, "actionZoomOut", None)
        in_keys = list(zoom_in.shortcuts()) if isinstance(zoom_in, QAction) else []
        out_keys = list(zoom_out.shortcuts()) if isinstance(zoom_out, QAction) else []
        self.actionLargerText = self._action(
            "actionPresentationLarger", self.tr("Larger Text"),
            in_keys or [QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"], self.zoom_in,
            self.tr("Make everything larger (Ctrl +)"))
        self.actionSmallerText = self._action(
            "actionPresentationSmaller", self.tr("Smaller Text"),
            out_keys or [QKeySequence.StandardKey.ZoomOut, "Ctrl+-"], self.zoom_out,
            self.tr("Make everything smaller (Ctrl −)"))
        self.actionResetText = self._action(
            "actionPresentationReset", self.tr("Default Text Size"), ["Ctrl+0"],
            self.reset_zoom, self.tr("Back to the default presentation size (Ctrl 0)"))
        # Only while presenting: Esc and Ctrl +/− belong to the canvas otherwise.
        self._mode_actions = [self.actionLeavePresentation, self.actionLargerText,
                              self.actionSmallerText, self.actionResetText]
        for act in self._mode_actions:
            act.setEnabled(False)

        menu = getattr(w, "view_menu", None)
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.actionPresentation)

    def _icon(self, pixmap: QStyle.StandardPixmap) -> Any:
        return self.window.style().standardIcon(pixmap)

    def _action(self, name: str, text: str, keys: list[Any], slot: Any, tip: str) -> QAction:
        act = QAction(text, self.window)
        act.setObjectName(name)
        seqs: list[QKeySequence] = []
        for k in keys:
            for seq in (QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey)
                        else [QKeySequence(k)]):
                if not seq.isEmpty() and seq not in seqs:
                    seqs.append(seq)
        act.setShortcuts(seqs)
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(act)
        return act

    # -- the scale ------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self._active

    @property
    def scale(self) -> float:
        """The font scale presentation mode uses (applied while active)."""
        return self._scale

    def _stored_scale(self) -> float:
        settings = getattr(self.window, "settings", None)
        qs = getattr(settings, "qsettings", None)
        if qs is None:
            return DEFAULT_SCALE
        try:
            value = float(qs.value(SETTINGS_KEY, DEFAULT_SCALE, type=float))
        except (TypeError, ValueError):
            return DEFAULT_SCALE
        return self._clamp(value)

    def _store_scale(self) -> None:
        settings = getattr(self.window, "settings", None)
        qs = getattr(settings, "qsettings", None)
        if qs is not None and getattr(self.window, "persist_settings", True):
            qs.setValue(SETTINGS_KEY, self._scale)

    @staticmethod
    def _clamp(scale: float) -> float:
        return round(min(MAX_SCALE, max(MIN_SCALE, float(scale))), 3)

    def set_scale(self, scale: float) -> float:
        """Use ``scale`` (clamped to 1–3) from now on; applied at once when active."""
        new = self._clamp(scale)
        if new == self._scale:
            return new
        self._scale = new
        self._store_scale()
        if self._active:
            self._apply_scale(new)
        return new

    def zoom_in(self) -> float:
        return self.set_scale(self._scale + SCALE_STEP)

    def zoom_out(self) -> float:
        return self.set_scale(self._scale - SCALE_STEP)

    def reset_zoom(self) -> float:
        return self.set_scale(DEFAULT_SCALE)

    # -- entering and leaving ----------------------------------------------------------
    def _on_triggered(self, checked: bool) -> None:
        if checked:
            self.enter()
        else:
            self.leave()

    def toggle(self) -> bool:
        """Enter or leave; returns whether presentation mode is now on."""
        if self._active:
            self.leave()
        else:
            self.enter()
        return self._active

    def enter(self) -> None:
        """Full screen, large fonts, editing panels away, narration at the bottom."""
        if self._active:
            return
        self._pending = None
        w = self.window
        rp = getattr(w, "run_panel", None)
        saved = _Saved(
            geometry=w.saveGeometry(), rect=w.geometry(), state=w.saveState(),
            window_state=w.windowState(),
            corners={c: w.corner(c) for c in _CORNERS},
            window_font=QFont(w.font()),
            window_font_set=w.testAttribute(Qt.WidgetAttribute.WA_SetFont),
            canvas_scale=canvas_theme.font_scale(), focus=w.focusWidget())
        # Fonts first, before anything changes them: widgets with a font of their own.
        for child in w.findChildren(QWidget):
            if not child.isWindow() and child.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                saved.fonts[child] = QFont(child.font())
        for table in w.findChildren(QTableView):
            header = table.horizontalHeader()
            saved.tables[table] = (table.verticalHeader().defaultSectionSize(),
                                   [header.sectionSize(i) for i in range(header.count())])
        for tb in w.findChildren(QToolBar):
            default = tb.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize, None, tb)
            saved.toolbars[tb] = (tb.iconSize(), tb.iconSize() != QSize(default, default),
                                  tb.toolButtonStyle())
            for button in tb.findChildren(QToolButton):
                saved.buttons[button] = button.toolButtonStyle()
        view = getattr(w, "view", None)
        if view is not None:
            saved.transform = view.transform()
            saved.centre = view.mapToScene(view.viewport().rect().center())
        self._saved = saved
        self._active = True
        self._applied = 1.0
        self._shared.update(active=True, canvas_scale=saved.canvas_scale)

        # Editing panels, the main toolbar and the stepping settings go away.
        for name in ("palette_dock", "inputs_dock", "history_dock", "toolbar"):
            widget = getattr(w, name, None)
            if isinstance(widget, QWidget):
                widget.hide()
        # The narration says which step this is; the canvas needs the height more.
        saved.hidden[w.statusBar()] = w.statusBar().isHidden()
        w.statusBar().hide()
        if rp is not None and isinstance(getattr(rp, "settings", None), QWidget):
            saved.hidden[rp.settings] = rp.settings.isHidden()
            rp.settings.hide()
        bar = getattr(w, "expression_bar", None)
        if bar is not None:
            saved.read_only = bar.edit.isReadOnly()
            bar.edit.setReadOnly(True)
            saved.hidden[bar.apply_button] = bar.apply_button.isHidden()
            bar.apply_button.hide()
        self._place_narration(rp, saved)
        step_bar = getattr(rp, "toolbar", None)
        if isinstance(step_bar, QToolBar):
            step_bar.show()
            step_bar.addAction(self.actionLeavePresentation)

        # The window's zoom shortcuts are lent to the text size.
        for name in ("actionZoomIn", "actionZoomOut"):
            act = getattr(w, name, None)
            if isinstance(act, QAction):
                saved.shortcuts[act] = list(act.shortcuts())
                act.setShortcuts([])
        for act in self._mode_actions:
            act.setEnabled(True)

        w.showFullScreen()
        self._apply_scale(self._scale)
        self.actionPresentation.setChecked(True)
        if view is not None:
            view.setFocus()
            view.viewport().installEventFilter(self)
        self._fit_timer.start()  # once the full-screen layout has settled

    def _place_narration(self, rp: Any, saved: _Saved) -> None:
        w = self.window
        narration = getattr(rp, "narration_dock", None)
        if not isinstance(narration, QDockWidget):
            return
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        # The bottom area takes the whole width (under the left and right areas).
        w.setCorner(Qt.Corner.BottomLeftCorner, bottom)
        w.setCorner(Qt.Corner.BottomRightCorner, bottom)
        narration.setFloating(False)
        partners = [d for d in getattr(rp, "docks", []) if d is not narration
                    and isinstance(d, QDockWidget) and not d.isFloating()
                    and not d.isHidden() and w.dockWidgetArea(d) == bottom]
        if partners:
            w.tabifyDockWidget(partners[0], narration)
        else:
            w.addDockWidget(bottom, narration, Qt.Orientation.Horizontal)
        narration.show()
        narration.raise_()
        # The tabs name the docks: their title bars would only take height from the canvas.
        for dock in [narration] + partners:
            saved.title_bars[dock] = dock.titleBarWidget()
            dock.setTitleBarWidget(QWidget(dock))

    def _size_narration(self) -> None:
        rp = getattr(self.window, "run_panel", None)
        narration = getattr(rp, "narration_dock", None)
        if isinstance(narration, QDockWidget) and narration.isVisible():
            height = max(160, round(self.window.height() * NARRATION_SHARE))
            self.window.resizeDocks([narration], [height], Qt.Orientation.Vertical)

    def _apply_scale(self, scale: float) -> None:
        """Fonts, tables, icons and the canvas at ``scale`` (from the saved originals)."""
        saved = self._saved
        assert saved is not None
        w = self.window
        w.setFont(scaled_font(saved.window_font, scale))
        for child, font in saved.fonts.items():
            if _alive(child):
                child.setFont(scaled_font(font, scale))
        # Widgets that set their own font while presenting were built from scaled fonts.
        for child in self._new_font_widgets():
            child.setFont(scaled_font(child.font(), scale / self._applied))
        self._applied = scale
        for table, (row, columns) in saved.tables.items():
            if not _alive(table):
                continue
            table.verticalHeader().setDefaultSectionSize(round(row * scale))
            header = table.horizontalHeader()
            for i, size in enumerate(columns[:header.count()]):
                if header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive:
                    header.resizeSection(i, round(size * scale))
        rp = getattr(w, "run_panel", None)
        step_bar = getattr(rp, "toolbar", None)
        if isinstance(step_bar, QToolBar):
            self._fit_step_bar(step_bar)
        canvas_theme.set_font_scale(canvas_scale(scale))
        scene = getattr(w, "scene", None)
        if scene is not None and hasattr(scene, "set_theme"):
            scene.set_theme(canvas_theme.current_theme())
        self._size_narration()
        self.fit_canvas()
        self._fit_timer.start()

    def _fit_step_bar(self, bar: QToolBar) -> None:
        """Large icons, with their text where the row has room for it.

        The buttons get their text in order of use (Next, Previous, Play, Reset, Run to
        End, Check, Leave) while the toolbar still fits the screen in one row: every
        pixel of height a second row would take belongs to the canvas.  Buttons without
        text keep their tooltips."""
        metric = bar.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize, None, bar)
        big = round(metric * self._scale * ICON_FACTOR)
        width = self.window.width()
        screen = self.window.screen()
        if self.window.isFullScreen() and screen is not None:
            width = max(width, screen.geometry().width())
        width -= 8  # the toolbar's handle and margins
        icon_only = Qt.ToolButtonStyle.ToolButtonIconOnly
        bar.setToolButtonStyle(icon_only)
        buttons = self._step_buttons(bar)
        for button in buttons:  # a button keeps a style of its own once given one
            button.setToolButtonStyle(icon_only)
        side = big
        bar.setIconSize(QSize(side, side))
        while _row_width(bar) > width and side > metric:
            side = max(metric, side - 8)
            bar.setIconSize(QSize(side, side))
        for button in buttons:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            if _row_width(bar) > width:
                button.setToolButtonStyle(icon_only)
                break

    def _step_buttons(self, bar: QToolBar) -> list[QToolButton]:
        """The step toolbar's buttons, most used first."""
        rp = getattr(self.window, "run_panel", None)
        names = ("actionNextStep", "actionPrevStep", "actionPlay", "actionReset",
                 "actionRunToEnd", "actionCheckGradients")
        actions = [getattr(rp, n, None) for n in names] + [self.actionLeavePresentation]
        buttons = []
        for act in actions:
            button = bar.widgetForAction(act) if isinstance(act, QAction) else None
            if isinstance(button, QToolButton):
                buttons.append(button)
        return buttons

    def _on_window_resized(self) -> None:
        rp = getattr(self.window, "run_panel", None)
        step_bar = getattr(rp, "toolbar", None)
        if isinstance(step_bar, QToolBar):
            self._fit_step_bar(step_bar)
        self._size_narration()
        self._fit_timer.start()

    def _new_font_widgets(self) -> list[QWidget]:
        saved = self._saved
        if saved is None:
            return []
        return [c for c in self.window.findChildren(QWidget)
                if not c.isWindow() and c not in saved.fonts
                and c.testAttribute(Qt.WidgetAttribute.WA_SetFont)]

    def fit_canvas(self) -> None:
        """Fit the graph into the canvas, up to MAX_CANVAS_FIT (presentation only)."""
        view = getattr(self.window, "view", None)
        scene = getattr(self.window, "scene", None)
        if not self._active or view is None or scene is None:
            return
        view.zoom_fit()
        rect = scene.items_bounding_rect()
        if rect.isNull():
            return
        rect = rect.adjusted(-30, -30, 30, 30)
        port = view.viewport().size()
        ideal = min(port.width() / rect.width(), port.height() / rect.height(),
                    MAX_CANVAS_FIT)
        current = view.transform().m11()
        if ideal > current * 1.001:
            view.scale(ideal / current, ideal / current)
            view.centerOn(rect.center())

    def leave(self) -> None:
        """Put everything back as it was before ``enter``."""
        if not self._active:
            self.actionPresentation.setChecked(False)
            return
        saved = self._saved
        assert saved is not None
        w = self.window
        self._active = False
        self._shared["active"] = False
        self._fit_timer.stop()
        view = getattr(w, "view", None)
        if view is not None:
            view.viewport().removeEventFilter(self)
        for act in self._mode_actions:
            act.setEnabled(False)
        for act, keys in saved.shortcuts.items():
            act.setShortcuts(keys)
        rp = getattr(w, "run_panel", None)
        step_bar = getattr(rp, "toolbar", None)
        if isinstance(step_bar, QToolBar):
            step_bar.removeAction(self.actionLeavePresentation)

        # Fonts: widgets that set theirs while presenting first (relative to now).
        for child in self._new_font_widgets():
            child.setFont(scaled_font(child.font(), 1.0 / self._applied))
        if saved.window_font_set:
            w.setFont(saved.window_font)
        else:
            w.setFont(QFont())  # inherit the application font again
            w.setAttribute(Qt.WidgetAttribute.WA_SetFont, False)
        for child, font in saved.fonts.items():
            if _alive(child):
                child.setFont(font)
        self._applied = 1.0
        for table, (row, columns) in saved.tables.items():
            if not _alive(table):
                continue
            table.verticalHeader().setDefaultSectionSize(row)
            header = table.horizontalHeader()
            if header.count() == len(columns):
                for i, size in enumerate(columns):
                    if header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive:
                        header.resizeSection(i, size)
        for tb, (size, explicit, style) in saved.toolbars.items():
            if _alive(tb):
                tb.setIconSize(size if explicit else QSize())
                tb.setToolButtonStyle(style)
        for button, style in saved.buttons.items():
            if _alive(button):
                button.setToolButtonStyle(style)
        for dock, title_bar in saved.title_bars.items():
            if _alive(dock):
                placeholder = dock.titleBarWidget()
                dock.setTitleBarWidget(title_bar)
                if placeholder is not None and placeholder is not title_bar:
                    placeholder.deleteLater()
        for widget, hidden in saved.hidden.items():
            if _alive(widget):
                widget.setHidden(hidden)
        bar = getattr(w, "expression_bar", None)
        if bar is not None:
            bar.edit.setReadOnly(saved.read_only)
        canvas_theme.set_font_scale(saved.canvas_scale)
        scene = getattr(w, "scene", None)
        if scene is not None and hasattr(scene, "set_theme"):
            scene.set_theme(canvas_theme.current_theme())

        # Let every widget recompute its size hints with the normal fonts first: the
        # layout restore respects minimum sizes.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        # The window: its state flags, then geometry, then the dock and toolbar layout.
        w.setWindowState(saved.window_state)
        if not saved.window_state & (Qt.WindowState.WindowFullScreen
                                     | Qt.WindowState.WindowMaximized):
            w.restoreGeometry(saved.geometry)
            if w.geometry() != saved.rect:
                w.setGeometry(saved.rect)
        for corner, area in saved.corners.items():
            w.setCorner(corner, area)
        w.restoreState(saved.state)
        self._restore_view(saved)
        self.actionPresentation.setChecked(False)
        focus = saved.focus
        if focus is not None and _alive(focus) and focus.isVisible():
            focus.setFocus()
        self._saved = None
        # Once the widgets have relaid out with their normal fonts, restore the layout
        # again: the first restore ran against minimum sizes of the large fonts.
        self._pending = saved
        QTimer.singleShot(0, self, self._restore_again)

    def _restore_view(self, saved: _Saved) -> None:
        view = getattr(self.window, "view", None)
        if view is not None and saved.transform is not None:
            view.setTransform(saved.transform)
            if saved.centre is not None:
                view.centerOn(saved.centre)

    def _restore_again(self) -> None:
        saved, self._pending = self._pending, None
        if saved is None or self._active or not _alive(self.window):
            return
        w = self.window
        if not w.windowState() & (Qt.WindowState.WindowFullScreen
                                  | Qt.WindowState.WindowMaximized) \
                and w.geometry() != saved.rect:
            w.setGeometry(saved.rect)
        w.restoreState(saved.state)
        self._restore_view(saved)

    # -- events ---------------------------------------------------------------------------
    def _on_new_graph(self, *_args: Any) -> None:
        if self._active:
            self._fit_timer.start()  # after the window's own (capped) fit

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if obj is self.window and kind == QEvent.Type.Close and self._active:
            # The window saves its layout when it closes: save the normal one.
            self.leave()
        elif self._active and kind == QEvent.Type.Resize:
            if obj is self.window:
                self._on_window_resized()
            else:
                self._fit_timer.start()  # the canvas changed size: fit the graph again
        return False


def _window_gone(shared: dict[str, Any], *_args: Any) -> None:
    if shared.get("active"):
        canvas_theme.set_font_scale(shared.get("canvas_scale", 1.0))


def _row_width(bar: QToolBar) -> int:
    """The width ``bar`` needs for all its items in one row (its hint, made fresh)."""
    layout = bar.layout()
    if layout is not None:
        layout.invalidate()
    return bar.sizeHint().width()


def _alive(widget: QObject) -> bool:
    """False once Qt has deleted the C++ object behind ``widget``."""
    return bool(isValid(widget))


def attach(window: QMainWindow) -> Presentation:
    """Add presentation mode (View ▸ Presentation, F11) to ``window`` (once)."""
    existing = getattr(window, "presentation", None)
    if isinstance(existing, Presentation):
        return existing
    presentation = Presentation(window)
    window.presentation = presentation  # type: ignore[attr-defined]
    return presentation
