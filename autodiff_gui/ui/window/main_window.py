"""The main window: the canvas with the palette, expression bar, inputs and status around it,
assembled with its parts.

One ``Document`` (in one ``Session``) lives as long as the window; new content (a
typed expression, an opened file, New) is put into it with ``replace_with`` so
every view stays subscribed.  Edits go through the ``QUndoStack``; the stack's
clean state drives the modified marker.  Choices:

* the window starts with the seed example laid out and a clean, empty undo stack,
  so "undo all" returns to the seed (the state at start);
* a typed expression replaces the document as one undo step (``ReplaceDocument``),
  already laid out;
* the parts (``context.py``: files, run panel, gradient step, examples, lessons,
  presentation, language menu) are built from a ``WindowContext``; the window
  restores the saved layout first, then builds them, so docks made later find
  their places; a part that is not needed for the first picture is built on first
  use (``parts.py``);
* a language switch only installs the translator: ``changeEvent`` re-sets the
  window's texts and each part re-sets its own (``ui/app/language.py``).

``apply_expression``, ``open_path``, ``save_to``, ``export_to`` and
``new_document`` return an error message or None, so tests and scripts can drive
the window without modal dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from ...core.expr import parse
from ...core.graph import Document
from ...core.session import Session
from ..app.settings import Settings
from ..canvas import GraphScene, GraphView
from ..editing.commands import retranslate_stack
from .actions import WindowActions
from .context import WindowContext, WindowEvents
from .editing import CanvasEditing, StatusValue
from .files import FILE_SUFFIX, FileDrops, FileHandler, FilesMixin, laid_out
from .layout import LEFT_WIDTH, WindowLayout
from .parts import PartsMixin, register_parts

__all__ = ["FILE_SUFFIX", "MainWindow", "laid_out", "seed_document"]

SEED_EXPRESSION = "(x**2 + 2*x) * log(y)"
SEED_VALUES = {"x": 1.0, "y": 2.0}
DEFAULT_SIZE = QSize(1280, 800)


def seed_document() -> Document:
    """The seed example ``(x**2 + 2*x) * log(y)`` at x = 1, y = 2, laid out."""
    return laid_out(parse(SEED_EXPRESSION, values=SEED_VALUES))


class MainWindow(PartsMixin, FilesMixin, QMainWindow):
    """Autodiff Studio's main window."""

    def __init__(self, document: Document | None = None, *, settings: Settings | None = None,
                 restore: bool = True) -> None:
        """``document`` is copied and laid out (default: the seed example); ``restore``
        reads the geometry and dock layout of the last session."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.pending_steps = 0  # run_gui(steps=...) for the stepping issue
        self.persist_settings = True  # False in screenshot runs
        self.document = Document()
        self.document.replace_with(laid_out(document.copy()) if document is not None
                                   else seed_document())
        self.session = Session(self.document)
        # Parented last (end of __init__): deleted after every view of it, so the
        # signals it sends while it is cleared on deletion reach no half-deleted part.
        self.undo_stack = QUndoStack()
        self.undo_stack.setObjectName("undoStack")
        self.events = WindowEvents(self)
        self.documentReplaced = self.events.documentReplaced  # noqa: N815 (Qt naming)

        self.scene = GraphScene(self.document, self.undo_stack, self)
        self.view = GraphView(self.scene)
        self.view.setObjectName("graphView")
        self.editing = CanvasEditing(self, self.undo_stack, self.scene, self.view)
        self.expression_bar = self.editing.expression_bar
        self.palette_widget = self.editing.palette_widget
        self.inputs_panel = self.editing.inputs_panel
        self.undo_view = self.editing.undo_view
        self.setCentralWidget(self.editing.central)
        self.palette_dock = self._dock("paletteDock", self.palette_widget,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inputs_dock = self._dock("inputsDock", self.inputs_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock("historyDock", self.undo_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock.hide()
        self.resizeDocks([self.palette_dock, self.inputs_dock], [LEFT_WIDTH, 220],
                         Qt.Orientation.Horizontal)
        self.status_value = StatusValue(self, self.session)

        a = self.actions = WindowActions(self, self.undo_stack, self.view, self.history_dock,
                                         [self.palette_dock, self.inputs_dock])
        self.actionNew, self.actionOpen, self.actionSave = a.actionNew, a.actionOpen, a.actionSave
        self.actionDelete, self.actionCopy, self.actionPaste = (
            a.actionDelete, a.actionCopy, a.actionPaste)
        self.actionZoomIn, self.actionZoomOut = a.actionZoomIn, a.actionZoomOut
        self.actionUndo, self.actionRedo = a.actionUndo, a.actionRedo
        self.menus, self.toolbar, self.recent_menu = a.menus, a.toolbar, a.recent_menu
        self.file_menu, self.edit_menu = a.menus.file, a.menus.edit
        self.view_menu, self.help_menu = a.menus.view, a.menus.help
        self.add_menu = a.menus.add_menu

        self.context = WindowContext(
            host=self, session=self.session, undo_stack=self.undo_stack, scene=self.scene,
            view=self.view, settings=self.settings, status=self.show_message,
            menus=a.menus, events=self.events, after_replace=self._after_replace,
            expression_bar=self.expression_bar,
            docks={d.objectName(): d for d in (self.palette_dock, self.inputs_dock,
                                               self.history_dock)},
            toolbar=self.toolbar, actions=a.by_name(),
            persist_settings=lambda: self.persist_settings)
        self.parts = self.context.parts
        self.files = FileHandler(self.context, a, self.editing.expression_text)
        self.files.pathChanged.connect(self._update_title)
        self.files.afresh.connect(self._on_afresh)
        self.context.before_example = self.files.leave_file
        FileDrops(self, [self.view.viewport(), self.expression_bar.edit],
                  self.files.open_recent)
        self._connect()
        if restore:  # before the parts: docks they make find their saved places
            self.restore_settings()
        else:
            self.resize(DEFAULT_SIZE)
        register_parts(self.context)
        self.window_layout = WindowLayout(self.context)  # View ▸ Reset Layout, F9
        self.context.make_room = self.window_layout.make_room
        if not restore or self.settings.state().isEmpty():
            self.window_layout.sizes_when_shown()
        self.setWindowIcon(self._app_icon())
        self.retranslate()
        self.expression_bar.show_expression(self.editing.expression_text(), force=True)
        # Start on the canvas: Delete, F and Ctrl+C work at once; one click reaches the bar.
        self.view.setFocus()
        if restore and not self.settings.state().isEmpty():
            self.restoreState(self.settings.state())  # toolbars the parts added
        self.undo_stack.setParent(self)

    # -- construction ---------------------------------------------------------
    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _app_icon(self) -> QIcon:
        path = Path(__file__).resolve().parents[3] / "resources" / "icons" / "app.svg"
        return QIcon(str(path)) if path.is_file() else QIcon()

    def _connect(self) -> None:
        a, e = self.actions, self.editing
        for action, slot in ((a.actionDuplicate, self.scene.duplicate_selection),
                             (a.actionDelete, self.scene.delete_selection),
                             (a.actionCopy, self.scene.copy_selection),
                             (a.actionPaste, e.paste), (a.actionAutoLayout, e.auto_layout),
                             (a.actionZoomIn, self.view.zoom_in),
                             (a.actionZoomOut, self.view.zoom_out),
                             (a.actionZoomFit, self.view.zoom_fit)):
            action.triggered.connect(lambda _c=False, s=slot: s())
        self.document.subscribe(self._on_document_event)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self.status_value.drop_stale_message)
        self.expression_bar.submitted.connect(self._on_submitted)
        self.inputs_panel.model.errorOccurred.connect(self.show_message)
        self.scene.statusMessage.connect(self.show_message)
        self.scene.selectionNodesChanged.connect(self._on_selection)
        self._on_selection(self.scene.selected_nodes())
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        app = QGuiApplication.instance()
        if app is not None:
            # A bound slot (not a lambda) so the connection dies with the window.
            app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _on_scheme_changed(self, _scheme: Any) -> None:
        QTimer.singleShot(0, self.refresh)  # after startup.py has switched the palette

    # -- language ----------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window sets itself, in the current language (the parts and
        the panels follow the same LanguageChange event themselves)."""
        retranslate_stack(self.undo_stack)  # the history, said in the new language
        self.actions.retranslate()
        for dock, title in ((self.palette_dock, self.tr("Blocks")),
                            (self.inputs_dock, self.tr("Inputs")),
                            (self.history_dock, self.tr("History"))):
            dock.setWindowTitle(title)
        self.undo_view.setEmptyLabel(self.tr("Start"))
        self._update_title()
        self.refresh()

    # -- following the document -------------------------------------------------
    def _on_document_event(self, event: Any) -> None:
        if event.kind == "moved":  # a block moved: the value and the text are the same
            return
        # Many events can come from one edit (a paste, an undo macro): refresh once.
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Update the status value and the expression text from the document."""
        self._refresh_timer.stop()
        self.status_value.refresh()
        self.editing.refresh()

    def value_text(self) -> str:
        """The status-bar summary: ``f = 2.0794 · 9 nodes`` or why it does not evaluate."""
        return self.status_value.summary()[0]

    def expression_text(self) -> str:
        """The current output as text (``?`` for unconnected slots; '' if empty)."""
        return self.editing.expression_text()

    def show_message(self, text: str, timeout: int = 8000) -> None:
        """A passing message in the status bar (refused wires, bad values, files)."""
        self.status_value.show_message(text, timeout)

    @property
    def value_label(self) -> Any:
        return self.status_value.label

    # -- editing ------------------------------------------------------------------
    def apply_expression(self, text: str) -> str | None:
        """Build the graph of ``text`` as one undo step; returns the error message or None."""
        for hook in self.context.before_document_use:  # a backward graph shown: back first
            hook()
        message, replaced = self.editing.apply_expression(text)
        if replaced:
            self.view.zoom_fit()
            self.documentReplaced.emit()
        if message is None:
            self.refresh()
            self.expression_bar.applied(self.expression_text())
        return message

    def _on_submitted(self, text: str) -> None:
        # Enter built the graph: the canvas takes the keys, so → and Space step at once
        # as the narration says (in the bar they would move the cursor, type a space).
        if self.apply_expression(text) is None:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def place_block(self, spec: str) -> int | None:
        """Put a palette block near the view's centre, on a free spot; returns its id."""
        return self.editing.place_block(spec)

    def _after_replace(self) -> None:
        self.view.zoom_fit()
        self.documentReplaced.emit()
        self.refresh()
        self.expression_bar.applied(self.expression_text())

    def _on_afresh(self) -> None:
        self.refresh()
        self.expression_bar.show_expression(self.expression_text(), force=True)
        self.view.zoom_fit()
        self.documentReplaced.emit()

    def _on_selection(self, nodes: list) -> None:
        a = self.actions
        for act in (a.actionCopy, a.actionDuplicate):
            act.setEnabled(bool(nodes))
        # Delete also removes selected wires (the scene says "nodes changed" for those too).
        a.actionDelete.setEnabled(bool(nodes) or bool(self.scene.selected_wires()))
        self.editing.select_input(nodes)

    def _update_title(self) -> None:
        path = self.files.current_path
        name = Path(path).name if path else self.tr("Untitled")
        self.setWindowTitle(self.tr("{name}[*] — Autodiff Studio").format(name=name))
        self.setWindowModified(not self.undo_stack.isClean())

    # -- settings and closing ------------------------------------------------------------
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
