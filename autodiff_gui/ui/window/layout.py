"""The window's dock layout: View ▸ Reset Layout, View ▸ Hide Side Panels, and a
bottom area that keeps its share of the height.

``WindowLayout(ctx)`` is made by the window once every part has its docks.  Choices
(issue 15 items 6 and 7):

* **Reset Layout** (``actionResetLayout``) puts every dock back where a first start
  puts it: Blocks (and Lessons, tabbed with it) on the left, Inputs over Narration
  on the right, Trace, Compare, Plots, Code and Gradient Descent tabbed at the
  bottom with Trace in front, History hidden; every toolbar shown; then the default
  sizes (``default_sizes``: the Inputs tall enough for two inputs in the current
  font, or a third of the column, the Narration the rest) and a fit of the graph.
  A first start (no saved layout) gets the same sizes once the window is shown.
  Lessons keeps being shown or hidden as it was (a reset must not close the page a
  class is reading).  It does not change the document or the history.
* **Hide Side Panels** (``actionHideSidePanels``, F9, checkable) hides every dock
  on the left and the right (Lessons, Blocks, Inputs, Narration...) and shows the
  same docks again when unchecked: one key gives a teacher the whole width, in
  presentation mode too.  Showing one of them again unchecks it.
* the **bottom area keeps its share** of the window's height (``BOTTOM_SHARE`` at
  first): when the window grows (maximised), the plots grow with it instead of
  the canvas taking every new pixel; a splitter dragged by the user sets the new
  share.  Not in full screen (presentation mode sizes its own docks).
* the docks get **minimum sizes** (``MIN_BOTTOM_HEIGHT``...) so a plot is never
  squeezed below what it can draw.
* a side dock that needs more height (predict mode's question above the narration)
  takes it from the bottom tabs and gives it back later (``make_room``): the docks
  beside it keep theirs, so the Inputs keep showing their rows.  Reset Layout
  forgets such loans.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from .actions import make_action, set_texts
from .context import WindowContext

BOTTOM_SHARE = 0.36  # of the window height: 288 px at 800 (was ~150 px)
MIN_BOTTOM_HEIGHT = 150  # a plot with its axes, four trace rows; a 900x600 window fits
LEFT_WIDTH = 195  # the Blocks palette: its group titles without a scroll bar
RIGHT_SHARE = 0.3  # of the window width: the narration's lines unbroken
MIN_RIGHT_WIDTH = 360
INPUTS_HEIGHT = 190
# The Inputs by default: two inputs whole (the seed's x and y) at least, else this share of
# the right column (more rows on a tall window); the Narration needs the rest.
INPUT_ROWS = 2
INPUTS_SHARE = 0.33

LEFT = ("paletteDock", "lessonsDock")
RIGHT = ("inputsDock", "narrationDock", "historyDock")
# Any other dock (a part added later, e.g. Three Ways) joins the bottom tabs.
BOTTOM = ("traceDock", "compareDock", "plotsDock", "codeDock", "gradientStepDock")
HIDDEN = ("historyDock",)
_AREA = Qt.DockWidgetArea


def bottom_names(names: list[str]) -> tuple[str, ...]:
    """The docks of the bottom tabs, in order: BOTTOM, then every dock not on a side."""
    return BOTTOM + tuple(n for n in names if n not in LEFT + RIGHT + BOTTOM)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowLayout", text)


class WindowLayout(QObject):
    """Reset Layout, Hide Side Panels and the bottom area's share (see the module)."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.setObjectName("windowLayout")
        self.ctx = ctx
        self.window: QMainWindow = ctx.host
        self._share: float | None = None
        self._last_height: int | None = None
        self._adjusting = False
        self._request: tuple[QDockWidget, int] | None = None
        self._side_hidden: list[QDockWidget] = []
        self._sizes_on_show = False  # see sizes_when_shown
        self._right: list[QDockWidget] = []  # Inputs and Narration to size (default_sizes)
        # After make_room: the dock that grew and the heights its column neighbours keep;
        # and the bottom tabs' height before each side dock took some of it.
        self._keep: tuple[QDockWidget, list[tuple[QDockWidget, int]]] | None = None
        self._lent: dict[QDockWidget, int] = {}
        w = self.window
        self.actionResetLayout = make_action(w, "actionResetLayout", self.reset_layout)
        self.actionHideSidePanels = make_action(w, "actionHideSidePanels", keys=["F9"])
        self.actionHideSidePanels.setCheckable(True)
        self.actionHideSidePanels.toggled.connect(self._on_hide_toggled)
        view_menu = ctx.menus.view
        # Before View ▸ Language, which closes the menu.
        submenus = [a for a in view_menu.actions() if a.menu() is not None]
        before = submenus[-1] if submenus else None
        view_menu.insertSeparator(before) if before is not None else view_menu.addSeparator()
        view_menu.insertActions(before, [self.actionHideSidePanels, self.actionResetLayout])
        docks = self.docks()
        bottom = bottom_names(list(docks))
        for dock in docks.values():
            dock.visibilityChanged.connect(self._on_dock_visible)
            if dock.objectName() in bottom:
                dock.installEventFilter(self)
        self._set_minimum_sizes()
        w.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """The actions' texts in the current language."""
        set_texts(self.actionResetLayout, _tr("&Reset Layout"),
                  _tr("Put every panel back where it was at the first start"))
        set_texts(self.actionHideSidePanels, _tr("&Hide Side Panels"),
                  _tr("Hide the panels on the left and the right: the canvas gets the "
                      "whole width (F9)"))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # passed on by the window
            self.retranslate()
        return super().event(event)

    def docks(self) -> dict[str, QDockWidget]:
        """The window's docks by object name (the parts' too)."""
        return {d.objectName(): d for d in self.window.findChildren(QDockWidget)
                if d.parentWidget() is self.window}

    def _set_minimum_sizes(self) -> None:
        docks = self.docks()
        bottom = bottom_names(list(docks))
        for name, dock in docks.items():
            if name in bottom:
                dock.setMinimumHeight(MIN_BOTTOM_HEIGHT)

    # -- Hide Side Panels ---------------------------------------------------------------
    def _side_docks(self) -> list[QDockWidget]:
        w = self.window
        return [d for d in self.docks().values() if not d.isFloating() and d.isVisible()
                and w.dockWidgetArea(d) in (_AREA.LeftDockWidgetArea,
                                            _AREA.RightDockWidgetArea)]

    def _on_hide_toggled(self, hide: bool) -> None:
        if hide:
            self._side_hidden = self._side_docks()
            for dock in self._side_hidden:
                dock.hide()
        else:
            docks, self._side_hidden = self._side_hidden, []
            for dock in docks:
                dock.show()
        # The canvas refits itself when it changes size, unless the user zoomed.

    def _on_dock_visible(self, visible: bool) -> None:
        # A hidden side panel shown again (View menu, Help ▸ Lessons, leaving
        # presentation mode): the panels are no longer hidden.
        if visible and self._side_hidden and self.actionHideSidePanels.isChecked() \
                and any(d.isVisible() for d in self._side_hidden):
            self._side_hidden = []
            self.actionHideSidePanels.blockSignals(True)
            self.actionHideSidePanels.setChecked(False)
            self.actionHideSidePanels.blockSignals(False)

    # -- Reset Layout -------------------------------------------------------------------
    def reset_layout(self) -> None:
        """Every dock and toolbar where a first start puts it, at the default sizes."""
        w = self.window
        if w.isFullScreen():  # presentation mode owns the layout while it lasts
            return
        if self.actionHideSidePanels.isChecked():
            self.actionHideSidePanels.setChecked(False)
        self._lent.clear()  # the default sizes now; nothing to give back
        docks = self.docks()
        for corner, area in ((Qt.Corner.TopLeftCorner, _AREA.TopDockWidgetArea),
                             (Qt.Corner.TopRightCorner, _AREA.TopDockWidgetArea),
                             (Qt.Corner.BottomLeftCorner, _AREA.BottomDockWidgetArea),
                             (Qt.Corner.BottomRightCorner, _AREA.BottomDockWidgetArea)):
            w.setCorner(corner, area)
        lessons = docks.get("lessonsDock")
        lessons_shown = lessons is not None and lessons.isVisible()
        for dock in docks.values():
            dock.setFloating(False)
        self._place(docks, LEFT, _AREA.LeftDockWidgetArea, tabbed=True)
        self._place(docks, RIGHT[:2], _AREA.RightDockWidgetArea, tabbed=False)
        self._place(docks, HIDDEN, _AREA.RightDockWidgetArea, tabbed=False)
        self._place(docks, bottom_names(list(docks)), _AREA.BottomDockWidgetArea, tabbed=True)
        for name, dock in docks.items():
            if name in HIDDEN or (name == "lessonsDock" and not lessons_shown):
                dock.hide()
            else:
                dock.show()
        for bar in w.findChildren(QToolBar):
            if bar.parentWidget() is w:
                bar.show()
        if "traceDock" in docks:
            docks["traceDock"].raise_()
        if lessons_shown and lessons is not None:
            lessons.raise_()
        self._share = BOTTOM_SHARE
        QTimer.singleShot(0, self, self.default_sizes)

    def _place(self, docks: dict[str, QDockWidget], names: tuple[str, ...],
               area: Qt.DockWidgetArea, *, tabbed: bool) -> None:
        first: QDockWidget | None = None
        for name in names:
            dock = docks.get(name)
            if dock is None:
                continue
            if first is None or not tabbed:
                self.window.addDockWidget(area, dock, Qt.Orientation.Vertical)
                first = first or dock
            else:
                self.window.tabifyDockWidget(first, dock)

    def default_sizes(self) -> None:
        """The default dock sizes for the window's size (and a fit of the graph); none in
        presentation mode, which sizes its own docks (it may come in before this runs)."""
        w = self.window
        if w.isFullScreen():
            return
        docks = self.docks()
        self._adjusting = True
        QTimer.singleShot(0, self, self._adjusted)
        try:
            bottom = self._bottom_dock()
            if bottom is not None:
                w.resizeDocks([bottom], [self._bottom_height(BOTTOM_SHARE)],
                              Qt.Orientation.Vertical)
            left = [d for n in LEFT if (d := docks.get(n)) is not None and d.isVisible()]
            if left:
                w.resizeDocks(left[:1], [LEFT_WIDTH], Qt.Orientation.Horizontal)
            right = [d for n in RIGHT[:2] if (d := docks.get(n)) is not None and d.isVisible()]
            if right:
                width = max(MIN_RIGHT_WIDTH, round(w.width() * RIGHT_SHARE))
                w.resizeDocks(right[:1], [width], Qt.Orientation.Horizontal)
            if len(right) == 2:
                self._size_right(right)
                self._right = right  # again once the bottom area has its height
        finally:
            self._share = BOTTOM_SHARE
        self._last_height = w.height()
        QTimer.singleShot(0, self, self._fit)

    def make_room(self, dock: QDockWidget, extra: int) -> bool:
        """Make the side dock ``dock`` ``extra`` pixels taller than it was at the first
        call, the height taken from the bottom tabs (down to their minimum); ``extra`` 0
        gives it back.  The other docks of its column keep their heights.  False if
        nothing moved: presentation mode (it sizes its own docks), a hidden or floating
        dock, nothing to give back."""
        w = self.window
        area = w.dockWidgetArea(dock)
        bottom = self._bottom_dock()
        if w.isFullScreen() or bottom is None or not dock.isVisible() or dock.isFloating() \
                or area not in (_AREA.LeftDockWidgetArea, _AREA.RightDockWidgetArea) \
                or (extra == 0 and dock not in self._lent):
            return False
        base = self._lent.pop(dock) if extra == 0 else self._lent.setdefault(dock, bottom.height())
        height = max(MIN_BOTTOM_HEIGHT, base - extra)
        if height == bottom.height():
            return False
        others = [(d, d.height()) for d in self.docks().values()
                  if d is not dock and d.isVisible() and not d.isFloating()
                  and w.dockWidgetArea(d) == area]
        self._adjusting = True
        self._share = height / max(1, w.height())  # kept when the window is resized
        self._request = (bottom, height)
        self._keep = (dock, others)
        w.resizeDocks([bottom], [height], Qt.Orientation.Vertical)
        QTimer.singleShot(0, self, self._adjusted)
        return True

    def _fit(self) -> None:
        if not self.window.isFullScreen():  # presentation mode fits the graph its own way
            self.ctx.view.zoom_fit()

    @staticmethod
    def _inputs_height(dock: QDockWidget, column: int) -> int:
        """Room for ``INPUT_ROWS`` inputs whole in this font (Korean rows are taller), or
        ``INPUTS_SHARE`` of the column if that is more."""
        panel = dock.widget()  # the InputsPanel
        chrome = dock.height() - panel.height()  # the title bar (laid out by now)
        return max(panel.height_for_rows(INPUT_ROWS) + chrome, round(INPUTS_SHARE * column))

    # -- the bottom area's share ------------------------------------------------------
    def _bottom_dock(self) -> QDockWidget | None:
        w = self.window
        docks = self.docks()
        for name in bottom_names(list(docks)):
            dock = docks.get(name)
            if dock is not None and dock.isVisible() and not dock.isFloating() \
                    and w.dockWidgetArea(dock) == _AREA.BottomDockWidgetArea:
                return dock
        return None

    def _bottom_height(self, share: float) -> int:
        return max(MIN_BOTTOM_HEIGHT, round(self.window.height() * share))

    def bottom_share(self) -> float | None:
        """The share of the height the bottom area keeps (None until measured)."""
        return self._share

    def _keep_share(self) -> None:
        w = self.window
        if w.isFullScreen() or not w.isVisible():
            return
        dock = self._bottom_dock()
        height = w.height()
        if dock is None:
            self._last_height = height
            return
        if self._share is None:  # the first layout (restored or default) sets the share
            self._share = dock.height() / max(1, height)
        elif height != self._last_height:
            # The docks follow once the layout has run: not a drag of the user's.
            self._adjusting = True
            self._request = (dock, self._bottom_height(self._share))
            w.resizeDocks([dock], [self._request[1]], Qt.Orientation.Vertical)
            QTimer.singleShot(0, self, self._adjusted)
        self._last_height = height

    def _adjusted(self) -> None:
        request, self._request = self._request, None
        if self.window.isFullScreen():  # presentation mode came in between: its layout now
            self._right, self._keep, self._adjusting = [], None, False
            return
        if request is not None and self._share is not None:
            # resizeDocks sizes the area, tab bar included: correct by what it took.
            dock, asked = request
            missing = self._bottom_height(self._share) - dock.height()
            if abs(missing) > 2:
                self.window.resizeDocks([dock], [asked + missing], Qt.Orientation.Vertical)
                QTimer.singleShot(0, self, self._adjusted)
                return
        right, self._right = self._right, []
        if right:  # the bottom area took its height from the right column: split it now
            self._size_right(right)
        keep, self._keep = self._keep, None
        if keep is not None and keep[1]:  # the column's new height goes to the grown dock
            dock, others = keep
            column = dock.height() + sum(d.height() for d, _ in others)
            heights = [h for _, h in others]
            self.window.resizeDocks([d for d, _ in others] + [dock],
                                    heights + [max(1, column - sum(heights))],
                                    Qt.Orientation.Vertical)
        self._adjusting = False

    def _size_right(self, right: list[QDockWidget]) -> None:
        """Inputs tall enough for ``INPUT_ROWS`` inputs, the Narration the rest."""
        column = right[1].height() + right[0].height()
        inputs = self._inputs_height(right[0], column)
        rest = max(INPUTS_HEIGHT, column - inputs)
        self.window.resizeDocks(right, [inputs, rest], Qt.Orientation.Vertical)

    def sizes_when_shown(self) -> None:
        """A first start (no saved layout): the docks get the default sizes once the
        window is shown, as Reset Layout gives them (Qt alone squeezed the Inputs)."""
        self._sizes_on_show = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(event, QEvent):
            return False
        if event.type() == QEvent.Type.Show and obj is self.window and self._sizes_on_show:
            self._sizes_on_show = False
            QTimer.singleShot(0, self, self.default_sizes)
        if event.type() != QEvent.Type.Resize:
            return False
        w = self.window
        if obj is w:
            QTimer.singleShot(0, self, self._keep_share)
        elif not self._adjusting and not w.isFullScreen() and \
                w.height() == self._last_height and isinstance(obj, QDockWidget) and \
                obj.isVisible() and w.dockWidgetArea(obj) == _AREA.BottomDockWidgetArea:
            # The window kept its size: the user dragged the splitter (or a part laid out).
            self._share = obj.height() / max(1, w.height())
        return False


def attach(ctx: WindowContext) -> WindowLayout:
    """The window's layout actions (made once every part has its docks)."""
    return WindowLayout(ctx)

