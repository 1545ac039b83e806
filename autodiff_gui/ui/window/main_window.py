"""The main window: the canvas with the palette, expression bar, inputs and menus around it.

One ``Document`` lives as long as the window; new content (a typed expression, an
opened file, New) is put into it with ``replace_with`` so every view stays
subscribed.  Edits go through the ``QUndoStack``; the stack's clean state drives
the modified marker.  Choices:

* the window starts with the seed example laid out and a clean, empty undo stack,
  so "undo all" returns to the seed (the state at start);
* a typed expression replaces the document as one undo step (``ReplaceDocument``),
  already laid out;
* New and Open start afresh: they reset the undo stack (after the unsaved-changes
  prompt), like most editors; a refused file changes nothing.

Methods the actions call but which need no dialog (``apply_expression``,
``open_path``, ``save_to``, ``export_to``, ``new_document``) return an error
message or None, so tests and scripts can drive the window without modal dialogs.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
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
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QToolBar,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...core import fileio
from ...core.engine import EvalError, compile_graph
from ...core.expr import ParseError, parse, to_text
from ...core.graph import Document, GraphError, format_value
from ...diagram.layout import BLOCK_HEIGHT, BLOCK_WIDTH, missing_positions
from ..app import language
from ..app.i18n import translate_error
from ..app.settings import Settings
from ..canvas import GraphScene, GraphView
from ..course import examples, lessons
from ..editing.commands import ReplaceDocument
from ..editing.expression_bar import ExpressionBar
from ..editing.inputs_panel import InputsPanel
from ..editing.palette import PaletteWidget
from ..run import gradient_step, run_panel
from . import presentation

SEED_EXPRESSION = "(x**2 + 2*x) * log(y)"
SEED_VALUES = {"x": 1.0, "y": 2.0}
FILE_SUFFIX = ".adgraph.json"
DEFAULT_SIZE = QSize(1280, 800)
MAX_EXPORT_PIXELS = 50_000_000  # a PNG export is scaled down to fit (200 MB while drawn)


def laid_out(doc: Document) -> Document:
    """``doc`` with a layered-layout position for every node lacking one (in place)."""
    for n, pos in missing_positions(doc).items():
        doc.set_position(n, pos)
    return doc


def seed_document() -> Document:
    """The seed example ``(x**2 + 2*x) * log(y)`` at x = 1, y = 2, laid out."""
    return laid_out(parse(SEED_EXPRESSION, values=SEED_VALUES))


class MainWindow(QMainWindow):
    """Autodiff Studio's main window."""

    documentReplaced = Signal()  # noqa: N815 (Qt naming): New, Open, or a typed expression

    def __init__(self, document: Document | None = None, *, settings: Settings | None = None,
                 restore: bool = True, share_document: bool = False,
                 undo_stack: QUndoStack | None = None,
                 layout_state: QByteArray | None = None) -> None:
        """``document`` is copied (laid out) unless ``share_document``: then the window
        uses that very object, as it is, with ``undo_stack`` (adopted) as its history;
        ``layout_state`` (``saveState()``) places toolbars and docks instead of the
        saved settings.  ``language.switch`` rebuilds a window this way."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.current_path: str | None = None
        self.pending_steps = 0  # run_gui(steps=...) for the stepping issue
        self.persist_settings = True  # False in screenshot runs
        # Injectable so tests never meet a modal dialog.
        self.ask_unsaved: Callable[[], str] = self._ask_unsaved_dialog
        self.report_error: Callable[[str, str], None] = self._error_dialog
        self.last_error = ""

        if share_document and document is not None:
            self.document = document
        else:
            self.document = Document()
            self.document.replace_with(laid_out(document.copy()) if document is not None
                                       else seed_document())
        if undo_stack is not None:
            self.undo_stack = undo_stack
            undo_stack.setParent(self)  # the window it came from may be deleted
        else:
            self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")

        self.scene = GraphScene(self.document, self.undo_stack, self)
        self.view = GraphView(self.scene)
        self.view.setObjectName("graphView")
        self.expression_bar = ExpressionBar(self)
        central = QWidget(self)
        central.setObjectName("central")
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.expression_bar)
        box.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.palette_widget = PaletteWidget(self)
        self.inputs_panel = InputsPanel(self.document, self.undo_stack, self)
        self.undo_view = QUndoView(self.undo_stack, self)
        self.undo_view.setObjectName("undoView")
        self.undo_view.setEmptyLabel(self.tr("Start"))
        self.palette_dock = self._dock("paletteDock", self.tr("Blocks"), self.palette_widget,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inputs_dock = self._dock("inputsDock", self.tr("Inputs"), self.inputs_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock("historyDock", self.tr("History"), self.undo_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock.hide()
        self.resizeDocks([self.palette_dock, self.inputs_dock], [200, 220],
                         Qt.Orientation.Horizontal)

        self.value_label = QLabel(self)
        self.value_label.setObjectName("valueLabel")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.value_label.font()
        bold.setBold(True)
        self.value_label.setFont(bold)
        self.value_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addPermanentWidget(self.value_label)
        self.statusBar().setObjectName("statusBar")

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        if layout_state is not None:
            # Now, so that docks made later (stepping...) find their saved places.
            self.restoreState(layout_state)
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._connect()
        # Stepping, comparison, plots and code: docks, a Run menu and a step toolbar.
        self.run_panel = run_panel.attach(self)
        self.presentation = presentation.attach(self)
        self.examples = examples.attach(self)
        self.gradient_step = gradient_step.attach(self)
        self.lessons = lessons.attach(self)
        self.setAcceptDrops(True)
        for target in (self.view.viewport(), self.expression_bar.edit):
            target.installEventFilter(self)
        self.setWindowIcon(self._app_icon())
        self._update_title()
        self.refresh()
        self.expression_bar.show_expression(self.expression_text(), force=True)
        # Start on the canvas: Delete, F and Ctrl+C work at once; one click reaches the bar.
        self.view.setFocus()
        language.attach(self)  # View ▸ Language (last, after every other menu entry)
        if layout_state is not None:
            self.restoreState(layout_state)
        elif restore:
            self.restore_settings()
        else:
            self.resize(DEFAULT_SIZE)

    # -- construction ---------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _icon(self, theme: QIcon.ThemeIcon | None,
              fallback: QStyle.StandardPixmap | None) -> QIcon:
        if theme is not None and QIcon.hasThemeIcon(theme):
            return QIcon.fromTheme(theme)
        if fallback is not None:
            return self.style().standardIcon(fallback)
        return QIcon()

    def _app_icon(self) -> QIcon:
        path = Path(__file__).resolve().parents[3] / "resources" / "icons" / "app.svg"
        return QIcon(str(path)) if path.is_file() else QIcon()

    def _action(self, name: str, text: str, slot: Callable[..., Any] | None = None, *,
                keys: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
                tip: str = "", icon: QIcon | None = None,
                scope: QWidget | None = None) -> QAction:
        """A QAction named ``name``; ``scope`` limits its shortcut to that widget."""
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            seqs: list[QKeySequence] = []
            for k in keys:
                for seq in (QKeySequence.keyBindings(k)
                            if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]):
                    if not seq.isEmpty() and seq not in seqs:
                        seqs.append(seq)
            action.setShortcuts(seqs)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if icon is not None:
            action.setIcon(icon)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        if scope is not None:
            # Delete, F, Ctrl+C... belong to the canvas: typing in the expression bar or
            # the inputs table must not delete blocks.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            scope.addAction(action)
        else:
            self.addAction(action)
        return action

    def _create_actions(self) -> None:
        SK = QKeySequence.StandardKey
        TI = QIcon.ThemeIcon
        SP = QStyle.StandardPixmap
        a = self._action
        self.actionNew = a("actionNew", self.tr("&New"), self.new_document, keys=[SK.New],
                           tip=self.tr("Start an empty graph"),
                           icon=self._icon(TI.DocumentNew, SP.SP_FileIcon))
        self.actionOpen = a("actionOpen", self.tr("&Open…"), self.open_file, keys=[SK.Open],
                            tip=self.tr("Open a saved graph"),
                            icon=self._icon(TI.DocumentOpen, SP.SP_DialogOpenButton))
        self.actionSave = a("actionSave", self.tr("&Save"), self.save, keys=[SK.Save],
                            tip=self.tr("Save the graph"),
                            icon=self._icon(TI.DocumentSave, SP.SP_DialogSaveButton))
        self.actionSaveAs = a("actionSaveAs", self.tr("Save &As…"), self.save_as,
                              keys=[SK.SaveAs, "Ctrl+Shift+S"],
                              tip=self.tr("Save the graph under a new name"))
        self.actionExportImage = a("actionExportImage", self.tr("&Export Image…"),
                                   self.export_image, keys=["Ctrl+E"],
                                   tip=self.tr("Save a picture of the graph (PNG or SVG)"))
        self.actionQuit = a("actionQuit", self.tr("&Quit"), self.close, keys=[SK.Quit],
                            tip=self.tr("Close Autodiff Studio"))
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)

        self.actionUndo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.actionUndo.setObjectName("actionUndo")
        self.actionUndo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
        self.actionUndo.setIcon(self._icon(TI.EditUndo, SP.SP_ArrowBack))
        self.actionRedo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.actionRedo.setObjectName("actionRedo")
        redo_keys = list(QKeySequence.keyBindings(SK.Redo))
        for extra in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
            if extra not in redo_keys:
                redo_keys.append(extra)
        self.actionRedo.setShortcuts(redo_keys)
        self.actionRedo.setIcon(self._icon(TI.EditRedo, SP.SP_ArrowForward))
        self.addAction(self.actionUndo)
        self.addAction(self.actionRedo)

        v = self.view
        self.actionCopy = a("actionCopy", self.tr("&Copy"), self.copy, keys=[SK.Copy],
                            tip=self.tr("Copy the selected blocks"), scope=v,
                            icon=self._icon(TI.EditCopy, None))
        self.actionPaste = a("actionPaste", self.tr("&Paste"), self.paste, keys=[SK.Paste],
                             tip=self.tr("Paste blocks"), scope=v,
                             icon=self._icon(TI.EditPaste, None))
        self.actionDuplicate = a("actionDuplicate", self.tr("D&uplicate"),
                                 self.scene.duplicate_selection, keys=["Ctrl+D"],
                                 tip=self.tr("Duplicate the selected blocks"), scope=v)
        self.actionDelete = a("actionDelete", self.tr("&Delete"), self.scene.delete_selection,
                              keys=[SK.Delete, "Del", "Backspace"],
                              tip=self.tr("Delete the selected blocks and wires"), scope=v,
                              icon=self._icon(TI.EditDelete, SP.SP_TrashIcon))
        self.actionAutoLayout = a("actionAutoLayout", self.tr("Auto &Layout"),
                                  self.auto_layout, keys=["Ctrl+L"],
                                  tip=self.tr("Arrange the blocks in layers, inputs on "
                                              "the left"))
        self.actionZoomIn = a("actionZoomIn", self.tr("Zoom &In"), self.view.zoom_in,
                              keys=[SK.ZoomIn, "Ctrl+=", "Ctrl++"],
                              icon=self._icon(TI.ZoomIn, None))
        self.actionZoomOut = a("actionZoomOut", self.tr("Zoom &Out"), self.view.zoom_out,
                               keys=[SK.ZoomOut, "Ctrl+-"], icon=self._icon(TI.ZoomOut, None))
        self.actionZoomFit = a("actionZoomFit", self.tr("&Fit to Window"), self.view.zoom_fit,
                               keys=["F"], scope=v, icon=self._icon(TI.ZoomFitBest, None),
                               tip=self.tr("Show the whole graph (F)"))

        self.actionHistory = self.history_dock.toggleViewAction()
        self.actionHistory.setObjectName("actionHistory")
        self.actionHistory.setText(self.tr("&History"))
        self.actionHistory.setStatusTip(self.tr("Show every step you can undo"))
        self.actionAbout = a("actionAbout", self.tr("&About Autodiff Studio"), self.about)
        self.actionAbout.setMenuRole(QAction.MenuRole.AboutRole)
        self.actionAboutQt = a("actionAboutQt", self.tr("About &Qt"), QApplication.aboutQt)
        self.actionAboutQt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.actionClearRecent = QAction(self.tr("&Clear List"), self)
        self.actionClearRecent.setObjectName("actionClearRecent")
        self.actionClearRecent.triggered.connect(self._clear_recent)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setObjectName("menuFile")
        self.file_menu.addAction(self.actionNew)
        self.file_menu.addAction(self.actionOpen)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self.file_menu)
        self.recent_menu.setObjectName("menuRecent")
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.actionSave)
        self.file_menu.addAction(self.actionSaveAs)
        self.file_menu.addAction(self.actionExportImage)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.actionQuit)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.setObjectName("menuEdit")
        for act in (self.actionUndo, self.actionRedo, None, self.actionCopy, self.actionPaste,
                    self.actionDuplicate, self.actionDelete, None, self.actionAutoLayout, None,
                    self.actionHistory):
            if act is None:
                self.edit_menu.addSeparator()
            else:
                self.edit_menu.addAction(act)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("menuView")
        self.view_menu.addAction(self.actionZoomIn)
        self.view_menu.addAction(self.actionZoomOut)
        self.view_menu.addAction(self.actionZoomFit)
        self.view_menu.addSeparator()
        for dock in (self.palette_dock, self.inputs_dock):
            self.view_menu.addAction(dock.toggleViewAction())

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("menuHelp")
        self.help_menu.addAction(self.actionAbout)
        self.help_menu.addAction(self.actionAboutQt)
        self._rebuild_recent_menu()

    def add_menu(self, title: str, name: str) -> QMenu:
        """A new top-level menu placed before Help (for Run and later menus)."""
        menu = QMenu(title, self.menuBar())
        menu.setObjectName(name)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        return menu

    def _create_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main Toolbar"), self)
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (self.actionNew, self.actionOpen, self.actionSave, None, self.actionUndo,
                    self.actionRedo, None, self.actionDelete, self.actionAutoLayout, None,
                    self.actionZoomIn, self.actionZoomOut, self.actionZoomFit):
            if act is None:
                tb.addSeparator()
            else:
                tb.addAction(act)
        # Undo/Redo texts grow with the command ("Undo Set value of y"): icons only here,
        # so the toolbar does not jump; the tooltip and the Edit menu keep the full text.
        for act in (self.actionUndo, self.actionRedo):
            button = tb.widgetForAction(act)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb
        self.view_menu.addAction(tb.toggleViewAction())

    def _connect(self) -> None:
        self.document.subscribe(self._on_document_event)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._drop_stale_message)
        self.expression_bar.submitted.connect(self._on_expression_submitted)
        self.palette_widget.blockActivated.connect(self.place_block)
        self.inputs_panel.model.errorOccurred.connect(self.show_message)
        self.scene.statusMessage.connect(self.show_message)
        self.scene.nodeDoubleClicked.connect(self._edit_node)
        self.scene.selectionNodesChanged.connect(self._on_selection)
        self._on_selection(self.scene.selected_nodes())
        app = QGuiApplication.instance()
        if app is not None:
            # A bound slot (not a lambda) so the connection dies with the window.
            app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def _on_scheme_changed(self, _scheme: Any) -> None:
        QTimer.singleShot(0, self.refresh)  # after app.py has switched the palette

    # -- following the document -------------------------------------------------
    def _on_document_event(self, event: Any) -> None:
        if event.kind == "moved":  # a block moved: the value and the text are the same
            return
        # Many events can come from one edit (a paste, an undo macro): refresh once.
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Update the status value and the expression text from the document."""
        self._refresh_timer.stop()
        text, error = self._value_summary()
        self.value_label.setText(text)
        self.value_label.setProperty("error", error)
        self.value_label.setStyleSheet(f"color: {self._error_color().name()};" if error else "")
        if not self.expression_bar.is_typing():
            self.expression_bar.show_expression(self.expression_text())

    def value_text(self) -> str:
        """The status-bar summary: ``f = 2.0794 · 9 nodes`` or why it does not evaluate."""
        return self._value_summary()[0]

    def _value_summary(self) -> tuple[str, bool]:
        n = len(self.document)
        nodes = self.tr("1 node") if n == 1 else self.tr("{n} nodes").format(n=n)
        if n == 0:
            return self.tr("Empty graph: drag blocks from the palette or type a function"), False
        try:
            value = compile_graph(self.document).evaluate()
        except GraphError as exc:
            return self.tr("Incomplete: {reason} · {nodes}").format(
                reason=translate_error(exc), nodes=nodes), True
        except EvalError as exc:
            return self.tr("Error: {error} · {nodes}").format(error=translate_error(exc),
                                                              nodes=nodes), True
        return self.tr("f = {value} · {nodes}").format(value=format_value(value),
                                                       nodes=nodes), False

    def expression_text(self) -> str:
        """The current output as text (``?`` for unconnected slots; '' if empty)."""
        if self.document.output is None:
            return ""
        try:
            return to_text(self.document)
        except (GraphError, ValueError, KeyError, RecursionError):
            return ""

    def _error_color(self) -> QColor:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return QColor("#ff8a80") if dark else QColor("#c62828")

    def show_message(self, text: str, timeout: int = 8000) -> None:
        """A passing message in the status bar (refused wires, bad values, files)."""
        self._last_message = text
        self.statusBar().showMessage(text, timeout)

    def _drop_stale_message(self) -> None:
        # An edit went through: a refusal still showing ("'abc' is not a number… kept 1")
        # would read, on a projector, as if this edit had failed too.
        bar = self.statusBar()
        if bar.currentMessage() and bar.currentMessage() == getattr(self, "_last_message", None):
            bar.clearMessage()

    # -- editing ------------------------------------------------------------------
    def _on_expression_submitted(self, text: str) -> None:
        self.apply_expression(text)

    def apply_expression(self, text: str) -> str | None:
        """Build the graph of ``text`` as one undo step; returns the error message or None."""
        if self.expression_bar.text() != text:
            self.expression_bar.set_text(text)  # so an error marks the characters it names
        if not text.strip():
            message = self.tr("Type a function first, e.g. x**2 + 2*x")
            self.expression_bar.show_error(message)
            return message
        try:
            # The text as typed (not stripped): error positions must match the bar.
            new = parse(text, values=self.document.input_values())
        except ParseError as exc:
            message = translate_error(exc)
            self.expression_bar.show_error(message, exc.position, exc.end)
            return message
        except ValueError as exc:  # GraphError: e.g. a value that does not fit
            message = translate_error(exc)
            self.expression_bar.show_error(message)
            return message
        laid_out(new)
        if not new.same_as(self.document, positions=False):
            self.undo_stack.push(ReplaceDocument(
                self.document, new, QT_TRANSLATE_NOOP("commands", "Build f = %1"),
                text.strip()))
            self.view.zoom_fit()
            self.documentReplaced.emit()
        self.refresh()
        self.expression_bar.applied(self.expression_text())
        return None

    def place_block(self, spec: str) -> int | None:
        """Put a palette block (``input``, ``const``, ``op:<name>``) near the view's centre,
        on a free spot (blocks placed one after another do not pile up); returns its id."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        node = self.view.drop_block(spec, self.free_spot(QPointF(centre)))
        self.view.setFocus()
        return node

    def free_spot(self, centre: QPointF) -> QPointF:
        """The point nearest ``centre`` where a new block overlaps no block."""
        taken = [item.sceneBoundingRect() for item in self.scene.node_items()]
        w, h = BLOCK_WIDTH + 30, BLOCK_HEIGHT + 30
        candidates = sorted(((i, j) for i in range(-4, 5) for j in range(-4, 5)),
                            key=lambda ij: (abs(ij[0]) + abs(ij[1]), abs(ij[1]), -ij[0]))
        for i, j in candidates:
            p = QPointF(centre.x() + i * w, centre.y() + j * h)
            rect = QRectF(p.x() - w / 2, p.y() - h / 2, w, h)
            if not any(rect.intersects(r) for r in taken):
                return p
        return centre

    def auto_layout(self) -> None:
        self.scene.auto_layout()
        self.view.zoom_fit()

    def copy(self) -> None:
        # The scene puts its own mime type (and the text) on the clipboard.
        self.scene.copy_selection()

    def paste(self) -> None:
        """Paste the clipboard's blocks under the mouse (else at the view's centre)."""
        cursor = self.view.mapFromGlobal(self.cursor().pos())
        if not self.view.viewport().rect().contains(cursor):
            cursor = self.view.viewport().rect().center()
        self.scene.paste(None, QPointF(self.view.mapToScene(cursor)))

    def _edit_node(self, node: int) -> None:
        self.scene.edit_node(node, self)

    def _on_selection(self, nodes: list) -> None:
        has = bool(nodes)
        for act in (self.actionCopy, self.actionDuplicate):
            act.setEnabled(has)
        # Delete also removes selected wires (the scene says "nodes changed" for those too).
        self.actionDelete.setEnabled(has or bool(self.scene.selected_wires()))
        inputs = [n for n in nodes if n in self.document and self.document.kind(n) == "input"]
        self.inputs_panel.select_node(inputs[0] if len(inputs) == 1 else None)

    # -- files ---------------------------------------------------------------------
    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        name = Path(self.current_path).name if self.current_path else self.tr("Untitled")
        self.setWindowTitle(self.tr("{name}[*] — Autodiff Studio").format(name=name))
        self.setWindowModified(not self.undo_stack.isClean())

    def _ask_unsaved_dialog(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"),
                          self.tr("The graph has changes that are not saved."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("Do you want to save them?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel")

    def _error_dialog(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True if the caller may go on (saved or discarded)."""
        if self.undo_stack.isClean():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _start_afresh(self, doc: Document, path: str | None) -> None:
        self.document.replace_with(doc)
        self.undo_stack.clear()  # a new or opened document has no history; clear = clean
        self.undo_stack.setClean()
        self.current_path = path
        self._update_title()
        self.refresh()
        self.expression_bar.show_expression(self.expression_text(), force=True)
        self.view.zoom_fit()
        self.documentReplaced.emit()

    def new_document(self) -> bool:
        """File ▸ New: an empty graph (after the unsaved-changes prompt)."""
        if not self.maybe_save():
            return False
        self._start_afresh(Document(), None)
        self.show_message(self.tr("New empty graph"))
        return True

    def open_file(self) -> None:
        """File ▸ Open: prompt, choose a file, open it (errors in a message box)."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Graph"),
                                              self._start_folder(), self._file_filter())
        if path:
            self.open_path_reporting(path)

    def open_path_reporting(self, path: str) -> bool:
        """Open ``path``; a refused file is explained in a message box."""
        error = self.open_path(path)
        if error:
            self.report_error(self.tr("Cannot open file"), error)
            return False
        return True

    def open_path(self, path: str | os.PathLike[str]) -> str | None:
        """Load ``path`` into the window; returns an error message (document untouched)."""
        path = str(path)
        try:
            doc = fileio.load(path)
        except fileio.FileFormatError as exc:
            if not os.path.exists(path) and path in self.settings.recent_files():
                self.settings.remove_recent_file(path)
                self._rebuild_recent_menu()
            return self._fail(self.tr("Cannot open {file}: {reason}").format(
                file=Path(path).name, reason=exc.message))
        except (OSError, ValueError) as exc:  # defensive: fileio wraps these already
            return self._fail(self.tr("Cannot open {file}: {reason}").format(
                file=Path(path).name, reason=str(exc)))
        self._start_afresh(laid_out(doc), os.path.abspath(path))
        self._remember(path)
        self.show_message(self.tr("Opened {file}").format(file=Path(path).name))
        return None

    def _fail(self, message: str) -> str:
        self.last_error = message
        self.show_message(message)
        return message

    def save(self) -> bool:
        """File ▸ Save (Save As when untitled); True if saved."""
        if not self.current_path:
            return self.save_as()
        error = self.save_to(self.current_path)
        if error:
            self.report_error(self.tr("Cannot save"), error)
        return error is None

    def save_as(self) -> bool:
        start = self.current_path or os.path.join(self._start_folder(),
                                                  self.tr("untitled") + FILE_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Graph"), start,
                                              self._file_filter())
        if not path:
            return False
        if not path.endswith(".json"):
            path += FILE_SUFFIX
        error = self.save_to(path)
        if error:
            self.report_error(self.tr("Cannot save"), error)
        return error is None

    def save_to(self, path: str | os.PathLike[str]) -> str | None:
        """Write the document to ``path``; returns an error message or None."""
        path = str(path)
        try:
            fileio.save(self.document, path, expression=self.expression_text() or None)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return self._fail(self.tr("Cannot write {file}: {reason}").format(
                file=Path(path).name, reason=reason))
        self.current_path = os.path.abspath(path)
        self.undo_stack.setClean()
        self._update_title()
        self._remember(path)
        self.show_message(self.tr("Saved {file}").format(file=Path(path).name))
        return None

    def _file_filter(self) -> str:
        return self.tr("Autodiff Studio graph (*.adgraph.json *.json)") + ";;" + \
            self.tr("All files (*)")

    def _start_folder(self) -> str:
        folder = self.settings.last_folder()
        return folder if folder and os.path.isdir(folder) else str(Path.home())

    def _remember(self, path: str) -> None:
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(os.path.dirname(os.path.abspath(path)))
        self._rebuild_recent_menu()

    def recent_files(self) -> list[str]:
        return self.settings.recent_files()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.settings.recent_files()
        for i, p in enumerate(paths, start=1):
            # "&&": a file called "Q&A.json" keeps its "&" (one "&" marks a shortcut key).
            act = self.recent_menu.addAction(f"&{i} {Path(p).name.replace('&', '&&')}")
            act.setData(p)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _c=False, p=p: self.open_recent(p))
        if paths:
            self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.actionClearRecent)
        self.actionClearRecent.setEnabled(bool(paths))
        self.recent_menu.setEnabled(bool(paths))

    def open_recent(self, path: str) -> None:
        if self.maybe_save():
            self.open_path_reporting(path)

    def _clear_recent(self) -> None:
        self.settings.set_recent_files([])
        self._rebuild_recent_menu()

    # -- export ----------------------------------------------------------------------
    def export_image(self) -> None:
        """File ▸ Export Image: PNG or SVG by the chosen name."""
        base = Path(self.current_path).name.removesuffix(FILE_SUFFIX).removesuffix(".json") \
            if self.current_path else self.tr("graph")
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG drawing (*.svg)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export Image"), os.path.join(self._start_folder(), base + ".png"),
            f"{png};;{svg}")
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if chosen == svg else ".png"
        error = self.export_to(path)
        if error:
            self.report_error(self.tr("Cannot export"), error)

    def export_to(self, path: str | os.PathLike[str], scale: float = 2.0) -> str | None:
        """Render the graph to ``path`` (.svg: vector, else PNG at ``scale``); error or None."""
        path = str(path)
        rect = QRectF()
        for item in self.scene.items():
            if item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return self._fail(self.tr("Nothing to export: the graph is empty"))
        rect = rect.adjusted(-24, -24, 24, 24)
        selected = self.scene.selectedItems()
        for item in selected:  # a picture for slides shows no selection
            item.setSelected(False)
        try:
            if path.lower().endswith(".svg"):
                ok = self._render_svg(path, rect)
            else:
                ok = self._render_png(path, rect, scale)
        finally:
            for item in selected:
                item.setSelected(True)
        if not ok:
            return self._fail(self.tr("Cannot write {file}").format(file=Path(path).name))
        self.settings.set_last_folder(os.path.dirname(os.path.abspath(path)))
        self.show_message(self.tr("Exported {file}").format(file=Path(path).name))
        return None

    def _background(self) -> QColor:
        brush = self.scene.backgroundBrush()
        if brush.style() != Qt.BrushStyle.NoBrush:
            return brush.color()
        return self.view.palette().color(QPalette.ColorRole.Base)

    def _render_png(self, path: str, rect: QRectF, scale: float) -> bool:
        # A big graph at 2× would ask for gigabytes (QImage then fails: "cannot write").
        scale = min(scale, math.sqrt(MAX_EXPORT_PIXELS / max(1.0, rect.width() * rect.height())))
        size = QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self._background())
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        self.scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
        painter.end()
        return image.save(path, "PNG")

    def _render_svg(self, path: str, rect: QRectF) -> bool:
        from PySide6.QtSvg import QSvgGenerator  # only needed when exporting SVG

        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(rect.size().toSize())
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle(self.tr("Autodiff Studio graph"))
        gen.setDescription(self.expression_text())
        painter = QPainter()
        if not painter.begin(gen):
            return False
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), self._background())
        self.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        return os.path.isfile(path) and os.path.getsize(path) > 0

    # -- drops of files ------------------------------------------------------------
    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
                return url.toLocalFile()
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The canvas (and the expression bar) accept drags themselves, so a file dropped
        # on them would never reach the window: take file drags before they do.
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) \
                and self._dropped_file(event):  # type: ignore[arg-type]
            if kind == QEvent.Type.Drop:
                self.dropEvent(event)  # type: ignore[arg-type]
            else:
                event.acceptProposedAction()  # type: ignore[attr-defined]
            return True
        return super().eventFilter(obj, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if self._dropped_file(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self._dropped_file(event)
        if not path:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns: a modal prompt inside a drop handler blocks the
        # source application on some platforms.
        QTimer.singleShot(0, lambda: self.open_recent(path))

    # -- help --------------------------------------------------------------------
    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Autodiff Studio"), self.tr(
            "<h3>Autodiff Studio {version}</h3>"
            "<p>Build a function from blocks or type it, then watch automatic "
            "differentiation happen node by node: the forward pass, the backward pass "
            "and the chain rule, checked against finite differences and PyTorch.</p>")
            .format(version=__version__))

    # -- settings and closing ------------------------------------------------------
    def restore_settings(self) -> None:
        """Geometry and dock layout from the last session (default size otherwise)."""
        geometry = self.settings.geometry()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(self._default_size())
        state = self.settings.state()
        if not state.isEmpty():
            self.restoreState(state)

    def _default_size(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        avail = screen.availableGeometry().size()
        return QSize(min(DEFAULT_SIZE.width(), int(avail.width() * 0.92)),
                     min(DEFAULT_SIZE.height(), int(avail.height() * 0.92)))

    def save_settings(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_state(self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.maybe_save():
            event.ignore()
            return
        if self.persist_settings:
            self.save_settings()
        event.accept()
