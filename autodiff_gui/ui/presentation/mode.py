"""Presentation mode: the window on a projector, readable from the back row.

``Presentation(ctx)`` is a window part (``context.py``): View ▸ Presentation (F11,
``actionPresentation``, checkable).  The font scaling is in ``scale.py``.
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
The chosen scale lasts for the session only: every session starts presenting at
the default scale (a Ctrl + left over from last week's projector must not greet the
next class), and a scale an earlier version stored is removed from the settings.
The blocks are spread apart as far as they grow (``spread.py``: view
positions, no undo step) and put back on leaving.
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
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QTransform
from PySide6.QtWidgets import QDockWidget, QStyle, QWidget

from ..canvas import theme as canvas_theme
from ..run.run_panel import RunPanel
from ..window.actions import key_sequences, make_action, set_texts
from ..window.context import WindowContext
from .scale import FontScaler, alive, scaled_font
from .spread import Spread
from .stage import Stage

__all__ = ["DEFAULT_SCALE", "MAX_SCALE", "MIN_SCALE", "Presentation", "canvas_scale",
           "scaled_font"]

DEFAULT_SCALE = 1.6
MIN_SCALE = 1.0
MAX_SCALE = 3.0
SCALE_STEP = 0.2
# The canvas takes part of the scale, up to a limit: its blocks can only grow into
# the gaps the layout leaves between them (past 1.4 the values no longer fit and
# the taller blocks make the fit zoom out); the zoom to fit does the rest.
CANVAS_SHARE = 0.5
MAX_CANVAS_SCALE = 1.4
MAX_CANVAS_FIT = 3.0  # past the normal fit's MAX_FIT_SCALE: a projector may go further
SETTINGS_KEY = "presentation/scale"
_CORNERS = (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner,
            Qt.Corner.BottomLeftCorner, Qt.Corner.BottomRightCorner)


def clamp_scale(scale: float) -> float:
    """``scale`` within MIN_SCALE–MAX_SCALE, rounded."""
    return round(min(MAX_SCALE, max(MIN_SCALE, float(scale))), 3)


def forget_stored_scale(qsettings: QSettings) -> None:
    """Remove the scale earlier versions remembered (``presentation/scale``)."""
    if qsettings.contains(SETTINGS_KEY):
        qsettings.remove(SETTINGS_KEY)


def canvas_scale(scale: float) -> float:
    """The canvas font scale for a presentation ``scale``."""
    return min(MAX_CANVAS_SCALE, 1.0 + (scale - 1.0) * CANVAS_SHARE)


@dataclass
class _Saved:
    """What entering changed (besides the sizes ``FontScaler`` keeps), to put back."""

    geometry: QByteArray
    rect: QRect  # restoreGeometry keeps a window on its screen; the exact rect
    state: QByteArray
    window_state: Qt.WindowState
    corners: dict[Qt.Corner, Qt.DockWidgetArea]
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

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.setObjectName("presentation")
        self.ctx = ctx
        self.window = ctx.host  # the window itself is what goes full screen
        self._active = False
        self._saved: _Saved | None = None
        self._pending: _Saved | None = None  # a leave whose layout is restored once more
        self._fonts = FontScaler(ctx.host)
        self._stage = Stage(ctx)
        self._scale = DEFAULT_SCALE
        if ctx.persist_settings():
            forget_stored_scale(ctx.settings.qsettings)
        self._spread = Spread(ctx.document)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_canvas)
        self._create_actions()
        self.retranslate()
        ctx.host.installEventFilter(self)
        # A new graph while presenting (an example, a file): fit it like the first.
        ctx.events.documentReplaced.connect(self._on_new_graph)
        ctx.scene.documentReset.connect(self._on_new_graph)
        # The canvas font scale is application-wide: a window deleted while presenting
        # (without a close event) must not leave it enlarged for the next one.
        self._shared = {"active": False, "canvas_scale": 1.0}
        ctx.host.destroyed.connect(functools.partial(_window_gone, self._shared))

    # -- construction ---------------------------------------------------------
    def _create_actions(self) -> None:
        w, SP = self.window, QStyle.StandardPixmap
        icon = w.style().standardIcon
        self.actionPresentation = make_action(
            w, "actionPresentation", keys=["F11", QKeySequence.StandardKey.FullScreen],
            icon=icon(SP.SP_TitleBarMaxButton))
        self.actionPresentation.setCheckable(True)
        self.actionPresentation.triggered.connect(self._on_triggered)
        self.actionLeavePresentation = make_action(
            w, "actionLeavePresentation", self.leave, keys=["Esc"],
            icon=icon(SP.SP_TitleBarNormalButton))
        zoom_in, zoom_out = self.ctx.actions["actionZoomIn"], self.ctx.actions["actionZoomOut"]
        self.actionLargerText = make_action(w, "actionPresentationLarger", self.zoom_in)
        self.actionLargerText.setShortcuts(zoom_in.shortcuts() or key_sequences(
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"]))
        self.actionSmallerText = make_action(w, "actionPresentationSmaller", self.zoom_out)
        self.actionSmallerText.setShortcuts(zoom_out.shortcuts() or key_sequences(
            [QKeySequence.StandardKey.ZoomOut, "Ctrl+-"]))
        self.actionResetText = make_action(w, "actionPresentationReset", self.reset_zoom,
                                           keys=["Ctrl+0"])
        # Only while presenting: Esc and Ctrl +/− belong to the canvas otherwise.
        self._mode_actions = [self.actionLeavePresentation, self.actionLargerText,
                              self.actionSmallerText, self.actionResetText]
        for act in self._mode_actions:
            act.setEnabled(False)
        self.ctx.menus.view.addSeparator()
        self.ctx.menus.view.addAction(self.actionPresentation)

    def retranslate(self) -> None:
        """The actions' texts in the current language."""
        set_texts(self.actionPresentation, self.tr("&Presentation"), self.tr(
            "Full screen with large fonts for a projector (F11; Esc leaves)"))
        set_texts(self.actionLeavePresentation, self.tr("Leave Presentation"),
                  self.tr("Back to the normal window (Esc)"))
        set_texts(self.actionLargerText, self.tr("Larger Text"),
                  self.tr("Make everything larger (Ctrl +)"))
        set_texts(self.actionSmallerText, self.tr("Smaller Text"),
                  self.tr("Make everything smaller (Ctrl −)"))
        set_texts(self.actionResetText, self.tr("Default Text Size"),
                  self.tr("Back to the default presentation size (Ctrl 0)"))

    def _run_panel(self) -> RunPanel | None:
        return self.ctx.parts.find(RunPanel)

    # -- the scale ------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self._active

    def unspread(self) -> None:
        """The blocks back at their own places now (no undo step), before a part keeps
        the document's content (the backward view's undo steps): a content brought back
        later is spread again like any new graph, never twice."""
        if self._active:
            self._spread.restore()

    @property
    def scale(self) -> float:
        """The font scale presentation mode uses (applied while active)."""
        return self._scale

    def set_scale(self, scale: float) -> float:
        """Use ``scale`` (clamped to 1–3) from now on; applied at once when active."""
        new = clamp_scale(scale)
        if new == self._scale:
            return new
        self._scale = new
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
        w, view = self.window, self.ctx.view
        rp = self._run_panel()
        saved = _Saved(
            geometry=w.saveGeometry(), rect=w.geometry(), state=w.saveState(),
            window_state=w.windowState(), corners={c: w.corner(c) for c in _CORNERS},
            canvas_scale=canvas_theme.font_scale(), focus=w.focusWidget(),
            transform=view.transform(),
            centre=view.mapToScene(view.viewport().rect().center()))
        self._fonts.capture()  # first, before anything changes them
        self._saved = saved
        self._active = True
        self._shared.update(active=True, canvas_scale=saved.canvas_scale)

        # Editing panels, the main toolbar and the stepping settings go away; the
        # narration says which step this is; the canvas needs the height more.
        hide: list[QWidget] = [*self.ctx.docks.values(), self.ctx.toolbar, w.statusBar()]
        if rp is not None:
            hide.append(rp.settings)
        for widget in hide:
            saved.hidden[widget] = widget.isHidden()
            widget.hide()
        bar = self.ctx.expression_bar
        saved.read_only = bar.edit.isReadOnly()
        bar.edit.setReadOnly(True)
        saved.hidden[bar.apply_button] = bar.apply_button.isHidden()
        bar.apply_button.hide()
        if rp is not None:
            saved.title_bars.update(self._stage.place_narration(rp))
            rp.toolbar.show()
            rp.toolbar.addAction(self.actionLeavePresentation)

        # The window's zoom shortcuts are lent to the text size.
        for name in ("actionZoomIn", "actionZoomOut"):
            act = self.ctx.actions[name]
            saved.shortcuts[act] = list(act.shortcuts())
            act.setShortcuts([])
        for act in self._mode_actions:
            act.setEnabled(True)

        w.showFullScreen()
        self._apply_scale(self._scale)
        self.actionPresentation.setChecked(True)
        view.setFocus()
        view.viewport().installEventFilter(self)
        self._fit_timer.start()  # once the full-screen layout has settled

    def _size_narration(self) -> None:
        rp = self._run_panel()
        if rp is not None:
            self._stage.size_narration(rp)

    def _fit_step_bar(self) -> None:
        rp = self._run_panel()
        if rp is not None:
            self._stage.fit_step_bar(rp, self._fonts, self._scale,
                                     self.actionLeavePresentation)

    def fit_canvas(self) -> None:
        """Fit the graph into the canvas, up to MAX_CANVAS_FIT (presentation only)."""
        if self._active:
            self._stage.fit_canvas(MAX_CANVAS_FIT)

    def _apply_scale(self, scale: float) -> None:
        """Fonts, tables, icons and the canvas at ``scale`` (from the saved originals)."""
        self._fonts.apply(scale)
        self._fit_step_bar()
        canvas_theme.set_font_scale(canvas_scale(scale))
        self.ctx.scene.set_theme(canvas_theme.current_theme())
        self._spread.apply(canvas_scale(scale))  # the gaps grow with the blocks
        self._size_narration()
        self.fit_canvas()
        self._fit_timer.start()

    def _on_window_resized(self) -> None:
        self._fit_step_bar()
        self._size_narration()
        self._fit_timer.start()

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
        self.ctx.view.viewport().removeEventFilter(self)
        for act in self._mode_actions:
            act.setEnabled(False)
        for act, keys in saved.shortcuts.items():
            act.setShortcuts(keys)
        rp = self._run_panel()
        if rp is not None:
            rp.toolbar.removeAction(self.actionLeavePresentation)
        self._fonts.restore()
        self._stage.restore_title_bars(saved.title_bars)
        for widget, hidden in saved.hidden.items():
            if alive(widget):
                widget.setHidden(hidden)
        self.ctx.expression_bar.edit.setReadOnly(saved.read_only)
        canvas_theme.set_font_scale(saved.canvas_scale)
        self.ctx.scene.set_theme(canvas_theme.current_theme())
        self._spread.restore()

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
        if focus is not None and alive(focus) and focus.isVisible():
            focus.setFocus()
        self._saved = None
        # Once the widgets have relaid out with their normal fonts, restore the layout
        # again: the first restore ran against minimum sizes of the large fonts.
        self._pending = saved
        QTimer.singleShot(0, self, self._restore_again)

    def _restore_view(self, saved: _Saved) -> None:
        view = self.ctx.view
        if saved.transform is not None:
            view.setTransform(saved.transform)
            if saved.centre is not None:
                view.centerOn(saved.centre)

    def _restore_again(self) -> None:
        saved, self._pending = self._pending, None
        if saved is None or self._active or not alive(self.window):
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
        if self._active and not self._spread.is_current():
            # The new graph at its own layout: spread it like the first one.
            self._spread.forget()
            self._spread.apply(canvas_scale(self._scale))
            self._fit_timer.start()  # after the window's own (capped) fit

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # passed on by the window
            self.retranslate()
        return super().event(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self._active:  # every event of the window passes here: be quick
            return False
        kind = event.type()
        if obj is self.window and kind == QEvent.Type.Close:
            # The window saves its layout when it closes: save the normal one.
            self.leave()
        elif kind == QEvent.Type.Resize:
            if obj is self.window:
                self._on_window_resized()
            else:
                self._fit_timer.start()  # the canvas changed size: fit the graph again
        return False


def _window_gone(shared: dict[str, Any], *_args: Any) -> None:
    if shared.get("active"):
        canvas_theme.set_font_scale(shared.get("canvas_scale", 1.0))
