"""Files of the main window: New, Open, Open Recent, Save, Save As, Export Image, drops.

``FileHandler`` is a window part (see ``context.py``).  Choices:

* New and Open start afresh: they reset the undo stack (after the unsaved-changes
  prompt), like most editors; a refused file changes nothing;
* the methods that need no dialog (``open_path``, ``save_to``, ``export_to``,
  ``new_document``) return an error message or None, so tests and scripts can
  drive the window without modal dialogs; the prompt and the error box are
  injectable callables (``ask_unsaved``, ``report_error``);
* a file dragged onto the window, the canvas or the expression bar is opened.

The texts keep the translation context "MainWindow" they always had.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDropEvent, QImage, QPainter, QPalette
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core import fileio
from ...core.graph import Document
from ...diagram.layout import missing_positions
from ..app.i18n import translate_text
from ..app.settings import Settings
from .actions import WindowActions
from .context import WindowContext

FILE_SUFFIX = ".adgraph.json"
MAX_EXPORT_PIXELS = 50_000_000  # a PNG export is scaled down to fit (200 MB while drawn)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def laid_out(doc: Document) -> Document:
    """``doc`` with a layered-layout position for every node lacking one (in place)."""
    for n, pos in missing_positions(doc).items():
        doc.set_position(n, pos)
    return doc


class FileHandler(QObject):
    """The window's file: its path, the recent files, saving, opening and exporting."""

    pathChanged = Signal()  # noqa: N815 (Qt naming): the title must follow
    afresh = Signal()  # New or Open replaced the document and cleared the history

    def __init__(self, ctx: WindowContext, actions: WindowActions,
                 expression_text: Callable[[], str]) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.actions = actions
        self.expression_text = expression_text
        self.current_path: str | None = None
        self.last_error = ""
        # Injectable so tests never meet a modal dialog.
        self.ask_unsaved: Callable[[], str] = self._ask_unsaved_dialog
        self.report_error: Callable[[str, str], None] = self._error_dialog
        a = actions
        a.actionNew.triggered.connect(lambda _c=False: self.new_document())
        a.actionOpen.triggered.connect(lambda _c=False: self.open_file())
        a.actionSave.triggered.connect(lambda _c=False: self.save())
        a.actionSaveAs.triggered.connect(lambda _c=False: self.save_as())
        a.actionExportImage.triggered.connect(lambda _c=False: self.export_image())
        a.actionClearRecent.triggered.connect(self._clear_recent)
        self.rebuild_recent_menu()

    # -- prompts ------------------------------------------------------------------
    def _ask_unsaved_dialog(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Unsaved changes"),
                          _tr("The graph has changes that are not saved."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.ctx.host)
        box.setInformativeText(_tr("Do you want to save them?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
            QMessageBox.StandardButton(answer), "cancel")

    def _error_dialog(self, title: str, text: str) -> None:
        QMessageBox.warning(self.ctx.host, title, text)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True if the caller may go on (saved or discarded)."""
        self._put_back()
        if self.ctx.undo_stack.isClean():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _put_back(self) -> None:
        """The user's document in the window again (a part may show another graph)."""
        for hook in self.ctx.before_document_use:
            hook()

    def _fail(self, message: str) -> str:
        self.last_error = message
        self.ctx.status(message)
        return message

    # -- New and Open ------------------------------------------------------------------
    def _start_afresh(self, doc: Document, path: str | None) -> None:
        self.ctx.document.replace_with(doc)
        self.ctx.undo_stack.clear()  # a new or opened document has no history; clear = clean
        self.ctx.undo_stack.setClean()
        self.current_path = path
        self.pathChanged.emit()
        self.afresh.emit()

    def leave_file(self) -> bool:
        """Before an example or a lesson graph replaces the document: an open file's
        unsaved changes are asked about, then the document becomes untitled, so Save
        (and the quit prompt's Save) never writes the example over the file.  The load
        stays one undo step; no state of the history counts as saved any more.  False
        if the user cancelled."""
        self._put_back()
        if self.current_path is None:
            return True
        if not self.maybe_save():
            return False
        self.current_path = None
        self.ctx.undo_stack.resetClean()
        self.pathChanged.emit()
        return True

    def new_document(self) -> bool:
        """File ▸ New: an empty graph (after the unsaved-changes prompt)."""
        if not self.maybe_save():
            return False
        self._start_afresh(Document(), None)
        self.ctx.status(_tr("New empty graph"))
        return True

    def open_file(self) -> None:
        """File ▸ Open: prompt, choose a file, open it (errors in a message box)."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self.ctx.host, _tr("Open Graph"),
                                              self._start_folder(), self._file_filter())
        if path:
            self.open_path_reporting(path)

    def open_path_reporting(self, path: str) -> bool:
        """Open ``path``; a refused file is explained in a message box."""
        error = self.open_path(path)
        if error:
            self.report_error(_tr("Cannot open file"), error)
            return False
        return True

    def open_path(self, path: str | os.PathLike[str]) -> str | None:
        """Load ``path`` into the window; returns an error message (document untouched)."""
        path = str(path)
        settings = self.ctx.settings
        try:
            doc = fileio.load(path)
        except fileio.FileFormatError as exc:
            if not os.path.exists(path) and path in settings.recent_files():
                settings.remove_recent_file(path)
                self.rebuild_recent_menu()
            return self._fail(_tr("Cannot open {file}: {reason}").format(
                file=Path(path).name, reason=translate_text(exc.message)))
        except (OSError, ValueError) as exc:  # defensive: fileio wraps these already
            return self._fail(_tr("Cannot open {file}: {reason}").format(
                file=Path(path).name, reason=str(exc)))
        self._start_afresh(laid_out(doc), os.path.abspath(path))
        self._remember(path)
        self.ctx.status(_tr("Opened {file}").format(file=Path(path).name))
        self.ctx.events.fileOpened.emit(os.path.abspath(path))  # may say more
        return None

    def open_recent(self, path: str) -> None:
        if self.maybe_save():
            self.open_path_reporting(path)

    # -- Save ------------------------------------------------------------------------
    def save(self) -> bool:
        """File ▸ Save (Save As when untitled); True if saved."""
        if not self.current_path:
            return self.save_as()
        error = self.save_to(self.current_path)
        if error:
            self.report_error(_tr("Cannot save"), error)
        return error is None

    def save_as(self) -> bool:
        start = self.current_path or os.path.join(self._start_folder(),
                                                  _tr("untitled") + FILE_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self.ctx.host, _tr("Save Graph"), start,
                                              self._file_filter())
        if not path:
            return False
        if not path.endswith(".json"):
            path += FILE_SUFFIX
        error = self.save_to(path)
        if error:
            self.report_error(_tr("Cannot save"), error)
        return error is None

    def save_to(self, path: str | os.PathLike[str]) -> str | None:
        """Write the document to ``path``; returns an error message or None."""
        self._put_back()
        path = str(path)
        try:
            fileio.save(self.ctx.document, path, expression=self.expression_text() or None)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return self._fail(_tr("Cannot write {file}: {reason}").format(
                file=Path(path).name, reason=reason))
        self.current_path = os.path.abspath(path)
        self.ctx.undo_stack.setClean()
        self.pathChanged.emit()
        self._remember(path)
        self.ctx.status(_tr("Saved {file}").format(file=Path(path).name))
        return None

    # -- folders and recent files ---------------------------------------------------------
    def _file_filter(self) -> str:
        return _tr("Autodiff Studio graph (*.adgraph.json *.json)") + ";;" + \
            _tr("All files (*)")

    def _start_folder(self) -> str:
        folder = self.ctx.settings.last_folder()
        return folder if folder and os.path.isdir(folder) else str(Path.home())

    def _remember(self, path: str) -> None:
        self.ctx.settings.add_recent_file(path)
        self.ctx.settings.set_last_folder(os.path.dirname(os.path.abspath(path)))
        self.rebuild_recent_menu()

    def rebuild_recent_menu(self) -> None:
        """File ▸ Open Recent from the settings."""
        menu, clear = self.actions.recent_menu, self.actions.actionClearRecent
        menu.clear()
        paths = self.ctx.settings.recent_files()
        for i, p in enumerate(paths, start=1):
            # "&&": a file called "Q&A.json" keeps its "&" (one "&" marks a shortcut key).
            act = menu.addAction(f"&{i} {Path(p).name.replace('&', '&&')}")
            act.setData(p)
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda _c=False, p=p: self.open_recent(p))
        if paths:
            menu.addSeparator()
        menu.addAction(clear)
        clear.setEnabled(bool(paths))
        menu.setEnabled(bool(paths))

    def _clear_recent(self) -> None:
        self.ctx.settings.set_recent_files([])
        self.rebuild_recent_menu()

    # -- export ----------------------------------------------------------------------
    def export_image(self) -> None:
        """File ▸ Export Image: PNG or SVG by the chosen name."""
        base = Path(self.current_path).name.removesuffix(FILE_SUFFIX).removesuffix(".json") \
            if self.current_path else _tr("graph")
        png, svg = _tr("PNG image (*.png)"), _tr("SVG drawing (*.svg)")
        path, chosen = QFileDialog.getSaveFileName(
            self.ctx.host, _tr("Export Image"),
            os.path.join(self._start_folder(), base + ".png"), f"{png};;{svg}")
        if not path:
            return
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if chosen == svg else ".png"
        error = self.export_to(path)
        if error:
            self.report_error(_tr("Cannot export"), error)

    def export_to(self, path: str | os.PathLike[str], scale: float = 2.0) -> str | None:
        """Render the graph to ``path`` (.svg: vector, else PNG at ``scale``); error or None."""
        path = str(path)
        scene = self.ctx.scene
        rect = QRectF()
        for item in scene.items():
            if item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return self._fail(_tr("Nothing to export: the graph is empty"))
        rect = rect.adjusted(-24, -24, 24, 24)
        selected = scene.selectedItems()
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
            return self._fail(_tr("Cannot write {file}").format(file=Path(path).name))
        self.ctx.settings.set_last_folder(os.path.dirname(os.path.abspath(path)))
        self.ctx.status(_tr("Exported {file}").format(file=Path(path).name))
        return None

    def _background(self) -> QColor:
        brush = self.ctx.scene.backgroundBrush()
        if brush.style() != Qt.BrushStyle.NoBrush:
            return brush.color()
        return self.ctx.view.palette().color(QPalette.ColorRole.Base)

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
        self.ctx.scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
        painter.end()
        return image.save(path, "PNG")

    def _render_svg(self, path: str, rect: QRectF) -> bool:
        from PySide6.QtSvg import QSvgGenerator  # only needed when exporting SVG

        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(rect.size().toSize())
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle(_tr("Autodiff Studio graph"))
        gen.setDescription(self.expression_text())
        painter = QPainter()
        if not painter.begin(gen):
            return False
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), self._background())
        self.ctx.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        return os.path.isfile(path) and os.path.getsize(path) > 0


class FileDrops(QObject):
    """Opens a ``.json`` file dropped on the window or on the widgets in ``targets``.

    The canvas (and the expression bar) accept drags themselves, so a file dropped
    on them would never reach the window: this filter takes file drags first.
    """

    def __init__(self, host: QWidget, targets: list[QWidget],
                 open_recent: Callable[[str], None]) -> None:
        super().__init__(host)
        self._open = open_recent
        host.setAcceptDrops(True)
        for target in [host, *targets]:
            target.installEventFilter(self)

    @staticmethod
    def dropped_file(event: QEvent) -> str | None:
        """The first local ``.json`` file a drag carries, if any."""
        if not isinstance(event, QDropEvent):  # drag enter and move events are drops too
            return None
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
                return url.toLocalFile()
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # Drag enter, drag move and drop events are QDropEvents; the class test comes
        # first because event.type() makes a Python enum for every event of the window.
        if not isinstance(event, QDropEvent):
            return False
        path = self.dropped_file(event)
        if not path:
            if obj is self.parent():  # the window itself takes only files
                event.ignore()
                return True
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            # Open after the drop returns: a modal prompt inside a drop handler blocks the
            # source application on some platforms.
            QTimer.singleShot(0, lambda: self._open(path))
        return True


class FilesMixin:
    """The main window's file API (tests and scripts drive it without dialogs); the
    window's ``FileHandler`` does the work."""

    files: FileHandler
    settings: Settings

    @property
    def current_path(self) -> str | None:
        return self.files.current_path

    @current_path.setter
    def current_path(self, path: str | None) -> None:
        self.files.current_path = path
        self.files.pathChanged.emit()

    @property
    def ask_unsaved(self) -> Callable[[], str]:
        return self.files.ask_unsaved

    @ask_unsaved.setter
    def ask_unsaved(self, hook: Callable[[], str]) -> None:
        self.files.ask_unsaved = hook

    @property
    def report_error(self) -> Callable[[str, str], None]:
        return self.files.report_error

    @report_error.setter
    def report_error(self, hook: Callable[[str, str], None]) -> None:
        self.files.report_error = hook

    @property
    def last_error(self) -> str:
        return self.files.last_error

    def new_document(self) -> bool:
        return self.files.new_document()

    def open_path(self, path: str | os.PathLike[str]) -> str | None:
        return self.files.open_path(path)

    def open_path_reporting(self, path: str) -> bool:
        return self.files.open_path_reporting(path)

    def save_to(self, path: str | os.PathLike[str]) -> str | None:
        return self.files.save_to(path)

    def export_to(self, path: str | os.PathLike[str], scale: float = 2.0) -> str | None:
        return self.files.export_to(path, scale)

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def recent_files(self) -> list[str]:
        return self.settings.recent_files()
