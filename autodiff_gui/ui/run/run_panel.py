"""The Run menu, the step toolbar and the stepping docks: a part of the main window.

``RunPanel(ctx)`` is built from the window's ``WindowContext`` (document, scene,
view, menus, status; see ``ui/window/context.py``).  It adds:

* actions ``actionNextStep`` (→) ``actionPrevStep`` (←) ``actionPlay`` (Space)
  ``actionRunToEnd`` (End) ``actionReset`` (Home) ``actionCheckGradients``
  (Ctrl+G) and ``actionExportTrace``, in a Run menu and a step toolbar with a speed
  slider;
* docks Narration (with the mode, upstream-gradient and accumulate settings),
  Trace, Compare, Plots and Code.

The arrow keys, Space, Home and End step through the pass from anywhere in the
window except where a widget needs them itself (text fields, tables, sliders,
buttons): a ShortcutOverride filter lets those widgets keep their keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QSlider,
    QStyle,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..window.context import WindowContext
from ..window.entries import LazyPanel
from ..window.layout import BOTTOM_SHARE, MIN_BOTTOM_HEIGHT, MIN_RIGHT_WIDTH, RIGHT_SHARE
from .narration import NarrationView
from .step_settings import StepSettings
from .stepping import StepController
from .trace_model import TracePanel

if TYPE_CHECKING:  # imported when their tab is first shown
    from ..checks.code_panel import CodePanel
    from ..checks.comparison import ComparisonPanel
    from ..checks.plots import PlotsPanel

FASTEST = 21  # the slider position past 20 steps/s: as fast as drawing allows
_STEP_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Home,
              Qt.Key.Key_End}


def scrolled(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a frameless scroll area: a dock's content then does not set the
    window's minimum size (a small window scrolls the panel instead of refusing to shrink).

    ``widget`` should have no height-for-width content (word-wrapped labels): the
    scroll area would size it to its preferred height, not to the dock."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setMinimumSize(120, 60)
    return area


class _KeyGuard(QObject):
    """Let focused widgets that use the step keys themselves keep them.

    It filters only the widgets of the window that have had the focus (the key events
    go to the focus widget first), not the whole application: an application-wide
    Python filter sees every event of every object, and wrapping Qt's private objects
    for it made PySide6 create the Python types of all of QtCore at start-up."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.window.isAncestorOf(new):
            new.installEventFilter(self)  # once per widget: Qt keeps one entry

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # The class first: event.type() makes a Python enum each time.
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.ShortcutOverride:
            if event.key() in _STEP_KEYS and isinstance(obj, QWidget) and \
                    self.window.isAncestorOf(obj) and _wants_keys(obj, event):
                event.accept()  # the widget gets the key as a key press, not the shortcut
        return False


def _wants_keys(widget: QWidget, event: QKeyEvent) -> bool:
    if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider)):
        return True
    if isinstance(widget, (QTextEdit, QPlainTextEdit)) and not widget.isReadOnly():
        return True
    if isinstance(widget, QAbstractButton):
        return event.key() == Qt.Key.Key_Space
    parent = widget.parentWidget()
    view = widget if isinstance(widget, QAbstractItemView) else (
        parent if isinstance(parent, QAbstractItemView) else None)
    # The trace table steps like the canvas; other tables (inputs) navigate cells.
    return view is not None and view.objectName() != "traceView"


class RunPanel(QObject):
    """Everything for stepping through and checking gradients, wired to one window."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.window: QMainWindow = ctx.host  # for docks, toolbars and actions only
        window = ctx.host
        self.controller = StepController(ctx.session, ctx.scene, self)
        self._create_actions()
        self._create_docks()
        self._create_menu()
        self._create_toolbar()
        self.retranslate()
        self._key_guard = _KeyGuard(window)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._key_guard.follow_focus)
            focused = app.focusWidget()
            if focused is not None:
                self._key_guard.follow_focus(None, focused)
        window.installEventFilter(self)
        c = self.controller
        c.message.connect(self._show_message)
        c.positionChanged.connect(lambda _o, _n: self._update_actions())
        c.stepperReset.connect(self._update_actions)
        c.programChanged.connect(self._update_actions)
        c.playingChanged.connect(self._on_playing)
        self._update_actions()

    # -- construction ---------------------------------------------------------
    def _icon(self, pixmap: QStyle.StandardPixmap) -> Any:
        return self.window.style().standardIcon(pixmap)

    def _action(self, name: str, key: QKeySequence | str | None, slot: Any,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        """An action without texts yet (``retranslate`` sets them)."""
        act = QAction(self.window)
        act.setObjectName(name)
        if key:
            act.setShortcut(QKeySequence(key))
        if icon is not None:
            act.setIcon(self._icon(icon))
        act.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(act)
        return act

    def _create_actions(self) -> None:
        SP = QStyle.StandardPixmap
        c = self.controller
        self.actionNextStep = self._action("actionNextStep", "Right", c.next,
                                           SP.SP_MediaSeekForward)
        self.actionPrevStep = self._action("actionPrevStep", "Left", c.back,
                                           SP.SP_MediaSeekBackward)
        self.actionPlay = self._action("actionPlay", "Space", c.toggle_play, SP.SP_MediaPlay)
        self.actionPlay.setCheckable(True)
        self.actionRunToEnd = self._action("actionRunToEnd", "End", c.run_to_end,
                                           SP.SP_MediaSkipForward)
        self.actionReset = self._action("actionReset", "Home", c.reset,
                                        SP.SP_MediaSkipBackward)
        self.actionCheckGradients = self._action("actionCheckGradients", "Ctrl+G",
                                                 self.check_gradients, SP.SP_DialogApplyButton)
        self.actionExportTrace = self._action("actionExportTrace", None,
                                              lambda: self.trace.export_dialog())

    def _action_texts(self) -> dict[QAction, tuple[str, str]]:
        """Each action's text and tip in the current language."""
        return {
            self.actionNextStep: (self.tr("&Next Step"), self.tr("Take the next step")),
            self.actionPrevStep: (self.tr("&Previous Step"), self.tr("Undo the last step")),
            self.actionPlay: (self.tr("&Pause") if self.controller.playing else
                              self.tr("&Play"),
                              self.tr("Play the steps one after another, or pause")),
            self.actionRunToEnd: (self.tr("Run to &End"), self.tr("Take every remaining step")),
            self.actionReset: (self.tr("&Reset"), self.tr("Back to the start")),
            self.actionCheckGradients: (
                self.tr("&Check Gradients"),
                self.tr("Compare the engine's gradient with forward mode, finite differences "
                        "and PyTorch")),
            self.actionExportTrace: (self.tr("Export &Trace as CSV…"),
                                     self.tr("Save the executed steps as CSV")),
        }

    def retranslate(self) -> None:
        """Set the texts of the actions, docks, menu and toolbar in the current language.

        Called when built and on every language change (the panel is a child of the
        window, which passes ``QEvent.LanguageChange`` on to it)."""
        for act, (text, tip) in self._action_texts().items():
            key = act.shortcut()
            if not key.isEmpty():
                tip = f"{tip} ({key.toString(QKeySequence.SequenceFormat.NativeText)})"
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        for dock, title in ((self.narration_dock, self.tr("Narration")),
                            (self.trace_dock, self.tr("Trace")),
                            (self.compare_dock, self.tr("Compare")),
                            (self.plots_dock, self.tr("Plots")),
                            (self.code_dock, self.tr("Code"))):
            dock.setWindowTitle(title)
        self.menu.setTitle(self.tr("&Run"))
        self.toolbar.setWindowTitle(self.tr("Step"))
        self.speed_slider.setToolTip(self.tr("Playing speed"))
        self.speed_caption.setText(self.tr(" Speed "))
        self._on_speed(self.speed_slider.value())
        self.controller.retranslate()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().event(event)

    def _dock(self, name: str, widget: QWidget,
              area: Qt.DockWidgetArea, scroll: bool = True) -> QDockWidget:
        dock = QDockWidget(self.window)
        dock.setObjectName(name)
        dock.setWidget(scrolled(widget, name + "Scroll") if scroll else widget)
        # Qt's pattern for docks made after restoreState(): restore, else place.
        if self.window.restoreDockWidget(dock):
            self._restored = True
        else:
            self.window.addDockWidget(area, dock)
        return dock

    def _create_docks(self) -> None:
        self._restored = False
        c = self.controller
        w = self.window
        self.settings = StepSettings(c)
        self.narration = NarrationView(c)
        self.narration.setMinimumHeight(48)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.settings)
        box.addWidget(self.narration, 1)
        self._narration_box = box
        self.trace = TracePanel(c)
        # Behind the Trace tab: built (and their modules imported) when first shown.
        self._comparison: LazyPanel[ComparisonPanel] = LazyPanel(self._make_comparison)
        self._plots: LazyPanel[PlotsPanel] = LazyPanel(self._make_plots)
        self._code: LazyPanel[CodePanel] = LazyPanel(self._make_code)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        # The narration scrolls by itself; its settings are small enough.
        self.narration_dock = self._dock("narrationDock", holder, right, scroll=False)
        self.trace_dock = self._dock("traceDock", self.trace, bottom)
        self.compare_dock = self._dock("compareDock", self._comparison, bottom)
        self.plots_dock = self._dock("plotsDock", self._plots, bottom)
        self.code_dock = self._dock("codeDock", self._code, bottom)
        if not self._restored:
            for dock in (self.compare_dock, self.plots_dock, self.code_dock):
                w.tabifyDockWidget(self.trace_dock, dock)
        # A tab brought to the front emits visibilityChanged, not a show event.
        for dock, lazy in ((self.plots_dock, self._plots), (self.code_dock, self._code)):
            dock.visibilityChanged.connect(
                lambda visible, z=lazy: visible and QTimer.singleShot(
                    0, z, lambda: z.content().activate()))
        self.trace_dock.raise_()
        self.docks = [self.narration_dock, self.trace_dock, self.compare_dock,
                      self.plots_dock, self.code_dock]
        # A layout saved by an earlier session wins; otherwise the default sizes are
        # set once the window is on screen.
        self._laid_out = self._restored

    def add_above_narration(self, widget: QWidget) -> None:
        """Put ``widget`` between the pass settings and the narration (predict mode's
        question): in the narration dock, so presentation mode shows it too."""
        self._narration_box.insertWidget(self._narration_box.indexOf(self.narration), widget)

    def _make_comparison(self) -> ComparisonPanel:
        from ..checks.comparison import ComparisonPanel

        return ComparisonPanel(self.controller)

    def _make_plots(self) -> PlotsPanel:
        from ..checks.plots import PlotsPanel

        return PlotsPanel(self.controller)

    def _make_code(self) -> CodePanel:
        from ..checks.code_panel import CodePanel

        return CodePanel(self.controller)

    @property
    def comparison(self) -> ComparisonPanel:
        """The Compare panel (built on first use)."""
        return self._comparison.content()

    @property
    def plots(self) -> PlotsPanel:
        """The Plots panel (built on first use)."""
        return self._plots.content()

    @property
    def code(self) -> CodePanel:
        """The Code panel (built on first use)."""
        return self._code.content()

    def _initial_layout(self) -> None:
        """Default dock sizes, set after the first show (earlier, Qt redistributes them)."""
        w = self.window
        # The bottom area's share (window/layout.py): plots need the height (issue 15).
        height = max(MIN_BOTTOM_HEIGHT, round(w.height() * BOTTOM_SHARE))
        w.resizeDocks([self.trace_dock], [height], Qt.Orientation.Vertical)
        w.resizeDocks([self.narration_dock], [max(MIN_RIGHT_WIDTH, round(w.width() * RIGHT_SHARE))],
                      Qt.Orientation.Horizontal)
        inputs = self.ctx.docks.get("inputsDock")
        if inputs is not None and inputs.isVisible() and \
                w.dockWidgetArea(inputs) == w.dockWidgetArea(self.narration_dock):
            # The narration is what a class reads from afar: give it the height.
            w.resizeDocks([inputs, self.narration_dock], [220, 480], Qt.Orientation.Vertical)
        # The docks took room from the canvas: fit the graph to what is left.
        QTimer.singleShot(0, self.ctx.view, self.ctx.view.zoom_fit)  # dropped if it is gone

    def _create_menu(self) -> None:
        self.menu = self.ctx.menus.add_menu("", "menuRun")
        for act in (self.actionNextStep, self.actionPrevStep, self.actionPlay,
                    self.actionRunToEnd, self.actionReset, None, self.actionCheckGradients,
                    None, self.actionExportTrace):
            if act is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(act)
        self.ctx.menus.view.addSeparator()
        for dock in self.docks:
            self.ctx.menus.view.addAction(dock.toggleViewAction())

    def _create_toolbar(self) -> None:
        self.toolbar, self.speed_slider, self.speed_label, self.speed_caption = \
            _step_toolbar(self)
        self.ctx.menus.view.addAction(self.toolbar.toggleViewAction())

    # -- behaviour ------------------------------------------------------------------
    def _on_speed(self, value: int) -> None:
        if value >= FASTEST:
            self.controller.set_speed(0)
            self.speed_label.setText(self.tr("fastest"))
        else:
            self.controller.set_speed(value)
            self.speed_label.setText(self.tr("{0} steps/s").format(value))

    def _on_playing(self, playing: bool) -> None:
        self.actionPlay.setChecked(playing)
        self.actionPlay.setText(self._action_texts()[self.actionPlay][0])
        self.actionPlay.setIcon(self._icon(QStyle.StandardPixmap.SP_MediaPause if playing
                                           else QStyle.StandardPixmap.SP_MediaPlay))
        self._update_actions()

    def _update_actions(self) -> None:
        c = self.controller
        can_step = c.program is not None
        self.actionPrevStep.setEnabled(c.position > 0 or c.at_error)
        self.actionReset.setEnabled(c.position > 0 or c.at_error)
        self.actionNextStep.setEnabled(can_step and not c.done)
        self.actionRunToEnd.setEnabled(can_step and not c.done)
        self.actionPlay.setEnabled(can_step)
        self.actionPlay.setChecked(c.playing)

    def _show_message(self, text: str) -> None:
        self.ctx.status(text)

    def check_gradients(self) -> bool:
        """Show the Compare dock and start the comparison off the GUI thread."""
        self.compare_dock.show()
        self.compare_dock.raise_()
        return self.comparison.start()

    def advance(self, n: int) -> int:
        """Take ``n`` steps (for ``--steps N --screenshot``); returns the steps taken."""
        return self.controller.advance(n)

    def shutdown(self) -> None:
        """Stop playing and cancel background work (the window closes)."""
        # The close may still be refused (unsaved changes): only stop and cancel here;
        # the key guard goes with the window (Qt drops a deleted event filter).
        self.controller.pause()
        # No waiting: a cancelled job delivers nothing, and a running `import torch`
        # cannot be stopped; waiting for it held the quit prompt for seconds.
        for lazy in (self._comparison, self._plots):
            panel = lazy.built()
            if panel is not None:
                panel.shutdown(wait=0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # The class first: event.type() makes a Python enum for every event.
        if obj is self.window and isinstance(event, (QCloseEvent, QShowEvent)):
            if event.type() == QEvent.Type.Close:
                self.shutdown()
            elif event.type() == QEvent.Type.Show and not self._laid_out:
                self._laid_out = True
                QTimer.singleShot(0, self, self._initial_layout)  # dropped if we are gone
        return False


def _step_toolbar(panel: RunPanel) -> tuple[QToolBar, QSlider, QLabel, QLabel]:
    """The stepping toolbar on a row of its own: the step actions, the speed slider with
    its caption and label, and Check Gradients."""
    tb = QToolBar(panel.window)
    tb.setObjectName("stepToolBar")
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for act in (panel.actionReset, panel.actionPrevStep, panel.actionPlay,
                panel.actionNextStep, panel.actionRunToEnd):
        tb.addAction(act)
    slider = QSlider(Qt.Orientation.Horizontal, tb)
    slider.setObjectName("speedSlider")
    slider.setRange(1, FASTEST)
    slider.setValue(int(panel.controller.speed))
    slider.setMaximumWidth(140)
    label = QLabel(tb)
    label.setObjectName("speedLabel")
    label.setMinimumWidth(70)
    slider.valueChanged.connect(panel._on_speed)
    tb.addSeparator()
    caption = QLabel(tb)
    tb.addWidget(caption)
    tb.addWidget(slider)
    tb.addWidget(label)
    tb.addSeparator()
    tb.addAction(panel.actionCheckGradients)
    # A row of its own: next to the main toolbar it would overflow on a laptop.
    panel.window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    panel.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
    return tb, slider, label, caption
