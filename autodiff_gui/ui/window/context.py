"""What the parts of the main window may use: the ``WindowContext``.

The contract between the window and its parts (run panel, gradient step, lessons,
examples, presentation, language menu, files...):

* a **part is a class built from the context** (``Part(ctx)``); it keeps what it
  needs from it and nothing else of the window;
* it **exposes** its actions, menus and docks as attributes (``actionNextStep``,
  ``menu``, ``narration_dock``...) and adds them through ``ctx.host`` (docks,
  toolbars, window-wide shortcuts) and ``ctx.menus`` (menu entries);
* **MainWindow assembles** the parts: it builds them (some on first use, see
  ``Parts``), keeps them and hands each the context;
* a part **never sets attributes on the window, never replaces its methods** and
  never reads attributes of the window other than through this context: the host
  is there only to add docks, toolbars and menus (and for ``QMainWindow`` layout
  calls such as ``tabifyDockWidget``);
* parts find each other through ``ctx.parts`` (``ctx.parts.get(RunPanel)`` builds
  the run panel if it does not exist yet; ``ctx.parts.find(RunPanel)`` does not);
* texts are set again in ``retranslate()``, called from ``changeEvent`` on
  ``QEvent.LanguageChange`` (widgets) or, for a QObject part, from an event filter
  on ``ctx.host`` (the window receives that event too): a language switch keeps
  every part and every widget (see ``ui/app/language.py``);
* a part that can be built late (on first use) places its docks with
  ``host.restoreDockWidget(dock)`` first: the window restored the saved layout
  before building any part.

This module imports no part, so any part may import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMenuBar, QToolBar

from ...core.graph import Document
from ...core.session import Session
from ..app.settings import Settings

if TYPE_CHECKING:  # imported by the window before any part is built
    from ..canvas import GraphScene, GraphView
    from ..editing.expression_bar import ExpressionBar

T = TypeVar("T")


class StatusSink(Protocol):
    """Shows a passing message in the window's status bar."""

    def __call__(self, text: str, timeout: int = 8000) -> None: ...


@dataclass(eq=False)
class WindowMenus:
    """The window's top-level menus; parts add their entries to these."""

    bar: QMenuBar
    file: QMenu
    edit: QMenu
    view: QMenu
    help: QMenu

    def add_menu(self, title: str, name: str) -> QMenu:
        """A new top-level menu named ``name``, placed before Help (Run, Examples...)."""
        menu = QMenu(title, self.bar)
        menu.setObjectName(name)
        self.bar.insertMenu(self.help.menuAction(), menu)
        return menu


class WindowEvents(QObject):
    """Signals of the window that parts may follow."""

    # New, Open, a typed expression or an example replaced the graph.
    documentReplaced = Signal()  # noqa: N815 (Qt naming)
    # A graph file was opened (its absolute path): its classroom settings apply.
    fileOpened = Signal(str)  # noqa: N815 (Qt naming)


class Parts:
    """The window's parts by class, each built once, some on first use.

    The window registers a factory per part under the part class's dotted name
    (``"autodiff_gui.ui.run.run_panel.RunPanel"``) so that registering imports
    nothing; ``get(cls)`` builds the part when first asked.
    """

    def __init__(self) -> None:
        self._factories: dict[str, Callable[[], object]] = {}
        self._built: dict[str, object] = {}
        self._building: set[str] = set()
        self.built_hooks: list[Callable[[str, object], None]] = []

    @staticmethod
    def key(cls: type) -> str:
        return f"{cls.__module__}.{cls.__qualname__}"

    def register(self, key: str, factory: Callable[[], object]) -> None:
        """``factory()`` builds the part whose class has the dotted name ``key``."""
        self._factories[key] = factory

    def build(self, key: str) -> object:
        """The part registered under ``key``, built now if it was not yet."""
        if key in self._built:
            return self._built[key]
        if key in self._building:
            raise RuntimeError(f"part {key} asks for itself while being built")
        self._building.add(key)
        try:
            part = self._factories[key]()
        finally:
            self._building.discard(key)
        self._built[key] = part
        for hook in list(self.built_hooks):
            hook(key, part)
        return part

    def get(self, cls: type[T]) -> T:
        """The part of class ``cls``, built now if it was not yet."""
        part = self.build(self.key(cls))
        if not isinstance(part, cls):
            raise TypeError(f"part {self.key(cls)} is a {type(part).__name__}")
        return part

    def find(self, cls: type[T]) -> T | None:
        """The part of class ``cls`` if it has been built (never builds it)."""
        part = self._built.get(self.key(cls))
        return part if isinstance(part, cls) else None

    def is_built(self, key: str) -> bool:
        return key in self._built

    def built(self) -> list[object]:
        """Every part built so far, in the order they were built."""
        return list(self._built.values())


@dataclass(eq=False)
class WindowContext:
    """What a part of the main window may use (see the module docstring)."""

    host: QMainWindow  # only to add docks, toolbars and window-wide actions
    session: Session  # the document, its one current compiled program, .grad
    undo_stack: QUndoStack
    scene: GraphScene
    view: GraphView
    settings: Settings
    status: StatusSink
    menus: WindowMenus
    events: WindowEvents
    # The window's follow-up after a part replaced the graph as one undo step (fit
    # the view, tell documentReplaced, refresh the status and the expression bar).
    after_replace: Callable[[], None]
    expression_bar: ExpressionBar
    # The window's own docks by object name (paletteDock, inputsDock, historyDock),
    # its main toolbar and its actions by object name (actionZoomIn...).
    docks: Mapping[str, QDockWidget]
    toolbar: QToolBar
    actions: Mapping[str, QAction]
    parts: Parts = field(default_factory=Parts)
    # False in screenshot runs: parts must not write settings then.
    persist_settings: Callable[[], bool] = lambda: True
    # Before an example or a lesson replaces the graph: the window asks about unsaved
    # changes of an open file and makes the document untitled (so Save never writes an
    # example over the file); False if the user cancelled.
    before_example: Callable[[], bool] = lambda: True
    # Called before the user's document is saved, asked about, replaced by a file, an
    # example or a typed expression: a part showing another graph in its place (the
    # backward graph) puts the user's document back first.
    before_document_use: list[Callable[[], object]] = field(default_factory=list)
    # Make a side dock so many pixels taller, taken from the bottom tabs (0: give them
    # back); False if nothing moved.  The window's layout (``layout.make_room``).
    make_room: Callable[[QDockWidget, int], bool] = lambda _dock, _extra: False

    @property
    def document(self) -> Document:
        """The one document of the window (the session's, for the window's lifetime)."""
        return self.session.document
