"""The inputs panel: a table of the graph's inputs, edited in place.

``InputsModel`` is a QAbstractTableModel over the document's input nodes
(column 0 name, column 1 value).  Editing goes through ``setData``: the text is
read by ``commands.parse_value_text`` (JSON or a plain decimal, never eval), validated
by the core's ``as_value`` and applied as one undoable ``SetValue`` (names: ``Rename``).  A bad
entry is refused (``setData`` returns False), the old value stays and the reason
is emitted as ``errorOccurred``.  The model follows the document's events, so
undo, the canvas and the expression bar all show up here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.graph import Document, Event, as_value, format_value, values_equal
from ..app.i18n import translate_error
from .commands import Rename, SetValue, applying, parse_value_text, value_to_text

Index = QModelIndex | QPersistentModelIndex
NAME, VALUE = 0, 1


class InputsModel(QAbstractTableModel):
    """The document's inputs as rows: name and value, both editable through undo."""

    errorOccurred = Signal(str)  # noqa: N815 (Qt signal naming)

    def __init__(self, document: Document, undo_stack: QUndoStack,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = undo_stack
        self.last_error = ""
        self._refusal: Callable[[], str] | None = None
        self._rows: list[int] = list(document.inputs().values())
        document.subscribe(self._on_event)

    # -- following the document -----------------------------------------------
    def _on_event(self, event: Event) -> None:
        if event.kind in ("value_changed", "renamed"):
            if event.node in self._rows:
                row = self._rows.index(event.node)
                col = VALUE if event.kind == "value_changed" else NAME
                idx = self.index(row, col)
                self.dataChanged.emit(idx, idx)
            return
        if event.kind in ("reset", "node_added", "node_removed"):
            rows = list(self.document.inputs().values())
            if rows != self._rows or event.kind == "reset":
                self.beginResetModel()
                self._rows = rows
                self.endResetModel()

    def node_at(self, row: int) -> int:
        return self._rows[row]

    def row_of(self, node: int) -> int | None:
        return self._rows.index(node) if node in self._rows else None

    # -- the Qt model interface --------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Name") if section == NAME else self.tr("Value")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        node_id = self._rows[index.row()]
        if node_id not in self.document:
            # Between a node's removal and our own event (a listener before us, e.g. the
            # canvas selection, can make the table read): the row goes at the reset.
            return None
        node = self.document.node(node_id)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node["name"] if col == NAME else format_value(node["value"], 6)
        if role == Qt.ItemDataRole.EditRole:
            return node["name"] if col == NAME else value_to_text(node["value"])
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == NAME:
                return self.tr("Double-click to rename this input")
            return self.tr("{value}\nDouble-click to change: a number, or an array "
                           "such as [[1, 2], [3, 4]]").format(
                value=value_to_text(node["value"]))
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        node = self._rows[index.row()]
        column = index.column()
        if applying():
            # An undo moved the table's rows and the open cell editor commits: the edit
            # is made once the undo is over (pushed inside it, it broke the history).
            QTimer.singleShot(0, self, lambda: node in self.document and (
                self._rename(node, str(value).strip()) if column == NAME
                else self._set_value(node, value)))
            return True
        if column == NAME:
            return self._rename(node, str(value).strip())
        return self._set_value(node, value)

    # -- edits ------------------------------------------------------------------
    def _refuse(self, say: Callable[[], str]) -> bool:
        """Refuse an edit; ``say()`` gives the reason in the current language."""
        self._refusal = say
        self.last_error = say()
        self.errorOccurred.emit(self.last_error)
        return False

    def refusal(self) -> str:
        """The reason of the last refusal, said in the current language ('' if none)."""
        return self._refusal() if self._refusal is not None else ""

    def _accepted(self) -> bool:
        self.last_error = ""
        self._refusal = None
        return True

    @staticmethod
    def _push(stack: QUndoStack, factory: Callable[[], QUndoCommand]) -> ValueError | None:
        """Build the command and push it; the error that refused it, if any."""
        try:
            command = factory()
        except ValueError as exc:  # GraphError too
            return exc
        stack.push(command)
        return None

    def _set_value(self, node: int, value: Any) -> bool:
        name = self.document.node(node)["name"]
        old = self.document.node(node)["value"]
        parsing = True
        try:
            v = parse_value_text(value) if isinstance(value, str) else as_value(value)
            parsing = False
            if values_equal(v, old):
                return True  # nothing to do, and no empty undo step
            error = self._push(self.undo_stack, lambda: SetValue(self.document, node, v))
        except ValueError as exc:
            error = exc
        if error is None:
            return self._accepted()

        def reason() -> str:
            if parsing and isinstance(value, str):
                # The parser words its refusal when it refuses: ask it again to have
                # the reason in the language of now.
                try:
                    parse_value_text(value)
                except ValueError as again:
                    return translate_error(again)
            return translate_error(error)

        return self._refuse(lambda: self.tr("{name}: {reason} (kept {old})").format(
            name=name, reason=reason(), old=format_value(old)))

    def _rename(self, node: int, name: str) -> bool:
        old = self.document.node(node)["name"]
        if name == old:
            return True
        # Rename checks the name when it is built, so a refused one never reaches the stack.
        error = self._push(self.undo_stack, lambda: Rename(self.document, node, name))
        if error is not None:
            return self._refuse(lambda: self.tr("Cannot rename {old}: {reason}").format(
                old=old, reason=translate_error(error)))
        return self._accepted()

    def retranslate(self) -> None:
        """Headers and tooltips are asked for again in the current language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, NAME, VALUE)
        if self._rows:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self._rows) - 1, VALUE),
                                  [Qt.ItemDataRole.ToolTipRole])


class InputsPanel(QWidget):
    """The inputs table and a line for refused entries."""

    def __init__(self, document: Document, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inputsPanel")
        self.model = InputsModel(document, undo_stack, self)
        self.view = QTableView(self)
        self.view.setObjectName("inputsView")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

        self.message = QLabel(self)
        self.message.setObjectName("inputsMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        self.hint = QLabel(self)
        self.hint.setObjectName("inputsHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn in the muted colour of the palette

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)

        self.model.errorOccurred.connect(self.show_message)
        self.model.modelReset.connect(self.clear_message)
        self.model.dataChanged.connect(self._on_data_changed)
        self.retranslate()

    def height_for_rows(self, rows: int) -> int:
        """The panel's height that shows ``rows`` inputs whole, with the header and the
        hint, in the current font (Korean rows are taller than Latin ones)."""
        view = self.view
        table = (view.horizontalHeader().sizeHint().height()
                 + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())
        margins = self.layout().contentsMargins()
        hint = self.hint.heightForWidth(self.hint.width()) if self.hint.isVisible() else 0
        return table + self.layout().spacing() + hint + margins.top() + margins.bottom()

    def retranslate(self) -> None:
        """Set every text in the current language (also on a language change)."""
        self.hint.setText(self.tr("Double-click a value to change it."))
        self.model.retranslate()
        if not self.message.isHidden():
            self.message.setText(self.model.refusal())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_data_changed(self, _first: Any, _last: Any, roles: Any = ()) -> None:
        if list(roles) != [Qt.ItemDataRole.ToolTipRole]:  # a new language is no new value
            self.clear_message()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def select_node(self, node: int | None) -> None:
        """Highlight the row of an input node (None clears the selection)."""
        row = self.model.row_of(node) if node is not None else None
        if row is None:
            self.view.clearSelection()
        else:
            self.view.selectRow(row)
