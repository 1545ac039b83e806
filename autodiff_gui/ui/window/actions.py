"""The main window's own actions, menus and main toolbar, and their texts.

``WindowActions`` makes the actions (object names such as ``actionNew`` and every
shortcut are part of the app's interface: tests, lessons and users rely on them),
the File / Edit / View / Help menus and the main toolbar.  It connects nothing:
the window wires the actions to the parts that do the work.  Every text is set in
``retranslate()``, so a language switch re-sets them on the same objects.

The texts keep the translation context "MainWindow" they always had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QToolBar,
    QToolButton,
    QWidget,
)

from ... import __version__
from .context import WindowMenus

KeyList = list[QKeySequence | QKeySequence.StandardKey | str]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def key_sequences(keys: KeyList) -> list[QKeySequence]:
    """The shortcuts of ``keys`` (standard keys expanded), without empties or repeats."""
    seqs: list[QKeySequence] = []
    for k in keys:
        for seq in (QKeySequence.keyBindings(k)
                    if isinstance(k, QKeySequence.StandardKey) else [QKeySequence(k)]):
            if not seq.isEmpty() and seq not in seqs:
                seqs.append(seq)
    return seqs


def make_action(host: QWidget, name: str, slot: Callable[[], Any] | None = None, *,
                keys: KeyList | None = None, icon: QIcon | None = None,
                scope: QWidget | None = None) -> QAction:
    """A QAction named ``name`` on ``host``; ``scope`` limits its shortcut to that widget."""
    action = QAction(host)
    action.setObjectName(name)
    if keys:
        action.setShortcuts(key_sequences(keys))
        # The standard keys asked for, so a test can expand them with another
        # platform's bindings (X11 adds Ctrl+D to Delete) and find clashes.
        action.setProperty("standardKeys", [k.value for k in keys
                                            if isinstance(k, QKeySequence.StandardKey)])
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
        host.addAction(action)
    return action


def set_texts(action: QAction, text: str, tip: str = "") -> None:
    """The menu text of ``action`` and, if given, its tooltip and status tip."""
    action.setText(text)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)


class WindowActions(QObject):
    """File, Edit, View and Help: their actions, the menus and the main toolbar."""

    def __init__(self, host: QMainWindow, undo_stack: QUndoStack, canvas: QWidget,
                 history_dock: QDockWidget, docks: list[QDockWidget]) -> None:
        # A QObject so that the undo stack's signals stop reaching it when it goes.
        super().__init__(host)
        self.host = host
        SK = QKeySequence.StandardKey
        TI = QIcon.ThemeIcon
        SP = QStyle.StandardPixmap
        icon = self._icon
        a = make_action
        self.actionNew = a(host, "actionNew", keys=[SK.New],
                           icon=icon(TI.DocumentNew, SP.SP_FileIcon))
        self.actionOpen = a(host, "actionOpen", keys=[SK.Open],
                            icon=icon(TI.DocumentOpen, SP.SP_DialogOpenButton))
        self.actionSave = a(host, "actionSave", keys=[SK.Save],
                            icon=icon(TI.DocumentSave, SP.SP_DialogSaveButton))
        self.actionSaveAs = a(host, "actionSaveAs", keys=[SK.SaveAs, "Ctrl+Shift+S"])
        self.actionExportImage = a(host, "actionExportImage", keys=["Ctrl+E"])
        self.actionQuit = a(host, "actionQuit", host.close, keys=[SK.Quit])
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)
        self.actionClearRecent = QAction(host)
        self.actionClearRecent.setObjectName("actionClearRecent")

        # Not QUndoStack.createUndoAction: its text prefix is fixed at creation, and a
        # language switch keeps these actions.
        self.stack = undo_stack
        self.actionUndo = a(host, "actionUndo", undo_stack.undo, keys=[SK.Undo],
                            icon=icon(TI.EditUndo, SP.SP_ArrowBack))
        self.actionRedo = a(host, "actionRedo", undo_stack.redo,
                            keys=[SK.Redo, "Ctrl+Shift+Z", "Ctrl+Y"],
                            icon=icon(TI.EditRedo, SP.SP_ArrowForward))
        for signal in (undo_stack.undoTextChanged, undo_stack.redoTextChanged,
                       undo_stack.canUndoChanged, undo_stack.canRedoChanged):
            signal.connect(self._update_undo_redo)

        v = canvas
        self.actionCopy = a(host, "actionCopy", keys=[SK.Copy], scope=v,
                            icon=icon(TI.EditCopy, None))
        self.actionPaste = a(host, "actionPaste", keys=[SK.Paste], scope=v,
                             icon=icon(TI.EditPaste, None))
        self.actionDuplicate = a(host, "actionDuplicate", keys=["Ctrl+D"], scope=v)
        # Not StandardKey.Delete: on X11 (KDE, GNOME) it is Del *and* Ctrl+D, which made
        # Ctrl+D ambiguous there, so neither Duplicate nor Delete ran.  Ctrl+D stays
        # Duplicate (as in Inkscape, draw.io, Figma).
        self.actionDelete = a(host, "actionDelete", keys=["Del", "Backspace"],
                              scope=v, icon=icon(TI.EditDelete, SP.SP_TrashIcon))
        self.actionAutoLayout = a(host, "actionAutoLayout", keys=["Ctrl+L"])
        self.actionZoomIn = a(host, "actionZoomIn", keys=[SK.ZoomIn, "Ctrl+=", "Ctrl++"],
                              icon=icon(TI.ZoomIn, None))
        self.actionZoomOut = a(host, "actionZoomOut", keys=[SK.ZoomOut, "Ctrl+-"],
                               icon=icon(TI.ZoomOut, None))
        self.actionZoomFit = a(host, "actionZoomFit", keys=["F"], scope=v,
                               icon=icon(TI.ZoomFitBest, None))
        self.actionHistory = history_dock.toggleViewAction()
        self.actionHistory.setObjectName("actionHistory")
        self.actionAbout = a(host, "actionAbout", self.about)
        self.actionAbout.setMenuRole(QAction.MenuRole.AboutRole)
        self.actionAboutQt = a(host, "actionAboutQt", QApplication.aboutQt)
        self.actionAboutQt.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.menus = self._create_menus(docks)
        self.toolbar = self._create_toolbar()
        self.retranslate()

    def about(self) -> None:
        """Help ▸ About Autodiff Studio."""
        QMessageBox.about(self.host, _tr("About Autodiff Studio"), _tr(
            "<h3>Autodiff Studio {version}</h3>"
            "<p>Build a function from blocks or type it, then watch automatic "
            "differentiation happen node by node: the forward pass, the backward pass "
            "and the chain rule, checked against finite differences and PyTorch.</p>")
            .format(version=__version__))

    def by_name(self) -> dict[str, QAction]:
        """The actions by object name (``actionNew``...)."""
        return {a.objectName(): a for a in vars(self).values() if isinstance(a, QAction)}

    def _icon(self, theme: QIcon.ThemeIcon | None,
              fallback: QStyle.StandardPixmap | None) -> QIcon:
        if theme is not None and QIcon.hasThemeIcon(theme):
            return QIcon.fromTheme(theme)
        if fallback is not None:
            return self.host.style().standardIcon(fallback)
        return QIcon()

    def _create_menus(self, docks: list[QDockWidget]) -> WindowMenus:
        bar = self.host.menuBar()
        file_menu = bar.addMenu("")
        file_menu.setObjectName("menuFile")
        self.recent_menu = QMenu(file_menu)
        self.recent_menu.setObjectName("menuRecent")
        _fill(file_menu, [self.actionNew, self.actionOpen, self.recent_menu, None,
                          self.actionSave, self.actionSaveAs, self.actionExportImage, None,
                          self.actionQuit])
        edit_menu = bar.addMenu("")
        edit_menu.setObjectName("menuEdit")
        _fill(edit_menu, [self.actionUndo, self.actionRedo, None, self.actionCopy,
                          self.actionPaste, self.actionDuplicate, self.actionDelete, None,
                          self.actionAutoLayout, None, self.actionHistory])
        view_menu = bar.addMenu("")
        view_menu.setObjectName("menuView")
        _fill(view_menu, [self.actionZoomIn, self.actionZoomOut, self.actionZoomFit, None,
                          *[d.toggleViewAction() for d in docks]])
        help_menu = bar.addMenu("")
        help_menu.setObjectName("menuHelp")
        _fill(help_menu, [self.actionAbout, self.actionAboutQt])
        return WindowMenus(bar, file_menu, edit_menu, view_menu, help_menu)

    def _create_toolbar(self) -> QToolBar:
        tb = QToolBar(self.host)
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        _fill(tb, [self.actionNew, self.actionOpen, self.actionSave, None, self.actionUndo,
                   self.actionRedo, None, self.actionDelete, self.actionAutoLayout, None,
                   self.actionZoomIn, self.actionZoomOut, self.actionZoomFit])
        # Undo/Redo texts grow with the command ("Undo Set value of y"): icons only here,
        # so the toolbar does not jump; the tooltip and the Edit menu keep the full text.
        for act in (self.actionUndo, self.actionRedo):
            button = tb.widgetForAction(act)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.host.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.menus.view.addAction(tb.toggleViewAction())
        return tb

    def retranslate(self) -> None:
        """Set every text of the actions, menus and toolbar in the current language."""
        m = self.menus
        m.file.setTitle(_tr("&File"))
        m.edit.setTitle(_tr("&Edit"))
        m.view.setTitle(_tr("&View"))
        m.help.setTitle(_tr("&Help"))
        self.recent_menu.setTitle(_tr("Open &Recent"))
        self.toolbar.setWindowTitle(_tr("Main Toolbar"))
        set_texts(self.actionNew, _tr("&New"), _tr("Start an empty graph"))
        set_texts(self.actionOpen, _tr("&Open…"), _tr("Open a saved graph"))
        set_texts(self.actionSave, _tr("&Save"), _tr("Save the graph"))
        set_texts(self.actionSaveAs, _tr("Save &As…"), _tr("Save the graph under a new name"))
        set_texts(self.actionExportImage, _tr("&Export Image…"),
                  _tr("Save a picture of the graph (PNG or SVG)"))
        set_texts(self.actionQuit, _tr("&Quit"), _tr("Close Autodiff Studio"))
        set_texts(self.actionClearRecent, _tr("&Clear List"))
        self._update_undo_redo()
        set_texts(self.actionCopy, _tr("&Copy"), _tr("Copy the selected blocks"))
        set_texts(self.actionPaste, _tr("&Paste"), _tr("Paste blocks"))
        set_texts(self.actionDuplicate, _tr("D&uplicate"), _tr("Duplicate the selected blocks"))
        set_texts(self.actionDelete, _tr("&Delete"), _tr("Delete the selected blocks and wires"))
        set_texts(self.actionAutoLayout, _tr("Auto &Layout"),
                  _tr("Arrange the blocks in layers, inputs on the left"))
        set_texts(self.actionZoomIn, _tr("Zoom &In"))
        set_texts(self.actionZoomOut, _tr("Zoom &Out"))
        set_texts(self.actionZoomFit, _tr("&Fit to Window"), _tr("Show the whole graph (F)"))
        set_texts(self.actionHistory, _tr("&History"), _tr("Show every step you can undo"))
        set_texts(self.actionAbout, _tr("&About Autodiff Studio"))
        set_texts(self.actionAboutQt, _tr("About &Qt"))


    def _update_undo_redo(self, *_args: Any) -> None:
        """"&Undo Set value of x" as QUndoStack's own actions say it, in today's words."""
        for action, prefix, can, text in (
                (self.actionUndo, _tr("&Undo"), self.stack.canUndo(), self.stack.undoText()),
                (self.actionRedo, _tr("&Redo"), self.stack.canRedo(), self.stack.redoText())):
            action.setEnabled(can)
            action.setText(f"{prefix} {text}" if text else prefix)


def _fill(target: QMenu | QToolBar, entries: list[QAction | QMenu | None]) -> None:
    for entry in entries:
        if entry is None:
            target.addSeparator()
        elif isinstance(entry, QMenu):
            target.addMenu(entry)  # type: ignore[union-attr]
        else:
            target.addAction(entry)
