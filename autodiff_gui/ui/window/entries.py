"""Entries for parts built on first use: their dock, action and View toggle from the start.

A part that the first picture does not need (the lessons, gradient descent) is
not imported or built at start-up.  Its ``PartEntry`` makes what must exist at
once: the dock (empty, in its saved or default place, its tab visible), the
action with its shortcut in its menu, and the View entry that shows the dock.
Showing the dock or triggering the action builds the part, which takes over the
dock and the action (``part(ctx, entry=...)``).  The entry keeps their texts in
the part's translation context, so they speak the current language before and
after the part exists.  ``LazyPanel`` does the same for a dock's content inside a
part (the tabs behind the front one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMenu, QStyle, QVBoxLayout, QWidget

from .actions import KeyList, make_action
from .context import WindowContext


@dataclass(frozen=True)
class EntrySpec:
    """What a lazily built part shows before it exists (texts are English sources)."""

    key: str  # the part's dotted class name (``parts.py``)
    context: str  # the part's translation context (its class name)
    dock_name: str
    dock_title: str
    area: Qt.DockWidgetArea
    action_name: str
    action_text: str
    tip: str
    keys: KeyList
    toggle_name: str = ""
    hidden: bool = False  # the dock starts hidden (when no saved layout places it)
    icon: QStyle.StandardPixmap | None = None
    tip_with_shortcut: bool = False
    # What the part does for the trigger or the showing that built it (it handles the
    # later ones itself: it connects to the action and the dock when built).
    on_trigger: Callable[[Any], object] | None = None
    on_show: Callable[[Any], object] | None = None


class PartEntry(QObject):
    """The dock, action and View toggle of a part that is built on first use."""

    def __init__(self, ctx: WindowContext, spec: EntrySpec, menu: QMenu, *,
                 first_in_menu: bool = False,
                 tab_with: Callable[[], QDockWidget | None] | None = None) -> None:
        super().__init__(ctx.host)
        self.ctx, self.spec = ctx, spec
        host = ctx.host
        self.dock = QDockWidget(host)
        self.dock.setObjectName(spec.dock_name)
        # Qt's pattern for docks made after restoreState(): restore, else place.
        self.placed = host.restoreDockWidget(self.dock)
        if not self.placed:
            host.addDockWidget(spec.area, self.dock)
            other = tab_with() if tab_with is not None else None
            if other is not None:
                host.tabifyDockWidget(other, self.dock)
            if spec.hidden:
                self.dock.hide()
        icon = host.style().standardIcon(spec.icon) if spec.icon is not None else None
        self.action = make_action(host, spec.action_name, keys=spec.keys, icon=icon)
        self.action.triggered.connect(self._on_triggered)
        if first_in_menu and menu.actions():
            first = menu.actions()[0]
            menu.insertAction(first, self.action)
            menu.insertSeparator(first)
        else:
            menu.addSeparator()
            menu.addAction(self.action)
        toggle = self.dock.toggleViewAction()
        if spec.toggle_name:
            toggle.setObjectName(spec.toggle_name)
        ctx.menus.view.addAction(toggle)
        self.dock.visibilityChanged.connect(self._on_visible)
        self.retranslate()

    def _tr(self, text: str) -> str:
        return QCoreApplication.translate(self.spec.context, text)

    def retranslate(self) -> None:
        """The dock's title and the action's texts, as the part says them."""
        s = self.spec
        self.dock.setWindowTitle(self._tr(s.dock_title))
        self.action.setText(self._tr(s.action_text))
        tip = self._tr(s.tip)
        shortcut = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.action.setToolTip(f"{tip} ({shortcut})" if s.tip_with_shortcut else tip)
        self.action.setStatusTip(tip)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and not self.built:
            self.retranslate()
        return super().event(event)

    @property
    def built(self) -> bool:
        return self.ctx.parts.is_built(self.spec.key)

    def build(self) -> object:
        """The part, built now if it was not yet (it takes over the dock and action)."""
        return self.ctx.parts.build(self.spec.key)

    def _on_triggered(self, _checked: bool = False) -> None:
        if not self.built:
            part = self.build()
            if self.spec.on_trigger is not None:
                self.spec.on_trigger(part)

    def _on_visible(self, visible: bool) -> None:
        if visible and not self.built:
            # After this signal: building changes the dock (its widget) under it.
            QTimer.singleShot(0, self, self._show_built)

    def _show_built(self) -> None:
        if self.built or not self.dock.isVisible():
            return
        part = self.build()
        if self.spec.on_show is not None:
            self.spec.on_show(part)


W = TypeVar("W", bound=QWidget)


class LazyPanel(QWidget, Generic[W]):
    """A dock's content built the first time it is shown (or asked for with ``content``).

    A tab behind another (Compare, Plots, Code) costs nothing at start-up: its panel
    and the modules it needs are made when the user brings the tab to the front.
    """

    def __init__(self, factory: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], W] | None = factory
        self._content: W | None = None
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._watching = False

    def content(self) -> W:
        """The panel, built now if it was not yet."""
        if self._content is None:
            factory, self._factory = self._factory, None
            assert factory is not None
            self._content = factory()
            self._box.addWidget(self._content)
        return self._content

    def built(self) -> W | None:
        """The panel if it has been built (never builds it)."""
        return self._content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        # A tab behind the front one counts as shown (its dock is "visible", only
        # covered): build when it can be seen, now or when its tab comes to the front.
        if self._content is None:
            dock = self._dock()
            if dock is not None and not self._watching:
                self._watching = True
                dock.visibilityChanged.connect(self._on_dock_visibility)
            QTimer.singleShot(0, self, self._build_if_seen)
        super().showEvent(event)

    def _dock(self) -> QDockWidget | None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        return parent

    def _on_dock_visibility(self, visible: bool) -> None:
        if visible and self._content is None:
            QTimer.singleShot(0, self, self._build_if_seen)

    def _build_if_seen(self) -> None:
        if self._content is None and self.isVisible() and not self.visibleRegion().isEmpty():
            self.content()
