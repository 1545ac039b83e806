"""The block palette: every primitive, grouped, filterable, draggable onto the canvas.

Each entry carries a *spec* string: ``"input"``, ``"const"`` or ``"op:<name>"``.
Dragging an entry starts a QDrag whose mime data (type ``MIME_TYPE``) holds the
spec as bytes; the canvas view reads it on drop.  Double-clicking (or Enter)
emits ``blockActivated(spec)`` so the window can place the block at the centre of
the view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import ops
from ..app.i18n import op_description
from ..canvas.scene import MIME_BLOCK
from ..canvas.theme import current_theme

MIME_TYPE = MIME_BLOCK  # "application/x-autodiff-block"
SPEC_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
# Argument names said in words in a tooltip ("a", "b" stay letters).
_SLOT_NAMES = {"base": QT_TRANSLATE_NOOP("PaletteWidget", "base"),
               "exponent": QT_TRANSLATE_NOOP("PaletteWidget", "exponent"),
               "numerator": QT_TRANSLATE_NOOP("PaletteWidget", "numerator"),
               "denominator": QT_TRANSLATE_NOOP("PaletteWidget", "denominator")}


class _BlockTree(QTreeWidget):
    """The tree of blocks; drags produce our mime type, Enter activates."""

    activated = Signal(str)

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [MIME_TYPE]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        specs = [it.data(0, SPEC_ROLE) for it in items if it.data(0, SPEC_ROLE)]
        if specs:
            data.setData(MIME_TYPE, specs[0].encode())
            data.setText(specs[0])
        return data

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            spec = item.data(0, SPEC_ROLE)
            if spec:
                self.activated.emit(spec)
                return
        super().keyPressEvent(event)


class PaletteWidget(QWidget):
    """Grouped primitive blocks with a filter box."""

    blockActivated = Signal(str)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("paletteFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.set_filter)

        self.tree = _BlockTree(self)
        self.tree.setObjectName("paletteTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.activated.connect(self.blockActivated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        self._populate()
        self.retranslate()

    # -- content ------------------------------------------------------------
    def _group_titles(self) -> dict[str, str]:
        # Literal tr() calls so lupdate finds every title.
        return {
            "sources": self.tr("Inputs and constants"),
            "arithmetic": self.tr("Arithmetic"),
            "functions": self.tr("Functions"),
            "activations": self.tr("Activations"),
            "reductions": self.tr("Reductions"),
        }

    def _populate(self) -> None:
        """The groups and their blocks (texts come from ``retranslate``)."""
        bold = QFont(self.font())
        bold.setBold(True)
        symbol_font = QFont(self.font())
        symbol_font.setPointSizeF(symbol_font.pointSizeF() * 1.15)
        symbol_font.setBold(True)

        def group(key: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(self.tree, ["", ""])
            item.setData(0, GROUP_ROLE, key)
            item.setFirstColumnSpanned(True)
            item.setFont(0, bold)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setExpanded(True)
            return item

        def entry(parent: QTreeWidgetItem, symbol: str, spec: str, colour_key: str) -> None:
            item = QTreeWidgetItem(parent, [symbol, ""])
            item.setData(0, COLOUR_ROLE, colour_key)
            item.setFont(0, symbol_font)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignCenter)
            item.setData(0, SPEC_ROLE, spec)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled)

        sources = group("sources")
        entry(sources, "x", "input", "input")
        entry(sources, "c", "const", "const")
        for key in ops.GROUPS:
            parent = group(key)
            for op in ops.OPS.values():
                if op.group == key:
                    entry(parent, op.symbol, f"op:{op.name}", key)
        self.tree.expandAll()
        self._recolour()

    def retranslate(self) -> None:
        """Set every text in the current language; the filter stays and is applied again."""
        self.filter_edit.setPlaceholderText(self.tr("Filter blocks…"))
        titles = self._group_titles()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            key = top.data(0, GROUP_ROLE)
            top.setText(0, titles.get(key, key))
        for item in self.entries():
            name, tip, search = self._entry_texts(item.data(0, SPEC_ROLE))
            item.setText(1, name)
            item.setToolTip(0, tip)
            item.setToolTip(1, tip)
            item.setData(0, SEARCH_ROLE, search.lower())
        self.set_filter(self.filter_edit.text())

    def _entry_texts(self, spec: str) -> tuple[str, str, str]:
        """Name, tooltip and search words of a block in the current language."""
        if spec == "input":
            return (self.tr("input"), self.tr(
                "A named input variable (x, y, …); its value is set in the Inputs panel"),
                "input variable x")
        if spec == "const":
            return self.tr("constant"), self.tr("A constant number or array"), \
                "constant number c"
        op = ops.OPS[spec.removeprefix("op:")]
        desc = op_description(op)
        tip = self.tr("{name}: {desc}\nArguments: {args}").format(
            name=op.name, desc=desc,
            args=", ".join(self.tr(_SLOT_NAMES[s]) if s in _SLOT_NAMES else s for s in op.slots))
        # The op's name stays (it is what the expression bar takes); both languages find it.
        return op.name, tip, f"{op.name} {op.symbol} {desc} {op.description}"

    def _recolour(self) -> None:
        """Symbols in the colour of their blocks on the canvas (same hues, same theme)."""
        theme = current_theme()
        colours = theme.border if theme.dark else theme.header
        for item in self.entries():
            colour = colours.get(item.data(0, COLOUR_ROLE))
            if colour is not None:
                item.setForeground(0, QBrush(colour))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- queries ------------------------------------------------------------
    def entries(self) -> list[QTreeWidgetItem]:
        """All block items (not group headers)."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            found.extend(top.child(j) for j in range(top.childCount()))
        return found

    def visible_specs(self) -> list[str]:
        return [it.data(0, SPEC_ROLE) for it in self.entries() if not it.isHidden()]

    def item_for(self, spec: str) -> QTreeWidgetItem | None:
        for it in self.entries():
            if it.data(0, SPEC_ROLE) == spec:
                return it
        return None

    # -- filtering ----------------------------------------------------------
    def set_filter(self, text: str) -> None:
        """Show only blocks whose name, symbol or description contains ``text``."""
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            title_hit = bool(needle) and needle in top.text(0).lower()
            shown = 0
            for j in range(top.childCount()):
                child = top.child(j)
                hit = (not needle or title_hit or needle in child.data(0, SEARCH_ROLE)
                       or needle in child.text(1).lower())
                child.setHidden(not hit)
                shown += hit
            top.setHidden(shown == 0)
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        spec = item.data(0, SPEC_ROLE)
        if spec:
            self.blockActivated.emit(spec)
