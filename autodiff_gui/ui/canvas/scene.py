"""The graph scene: follows the document's events, turns mouse work into commands.

The document is the model.  This scene never changes it directly: every edit is an
undo command pushed on the QUndoStack (refused edits never reach the stack; the
reason goes out through ``statusMessage``).  The scene redraws only from the
document's events, so undo, redo, the expression bar and file loading all show up
the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QInputDialog,
    QLineEdit,
    QMenu,
    QWidget,
)

from ...core.graph import Document, Event
from ...diagram.layout import (
    block_size,
    layered_layout,
)
from ..editing.commands import (
    AddNode,
    AutoLayout,
    Connect,
    Disconnect,
    MoveNodes,
    RemoveNodes,
    Rename,
    SetOutput,
    SetValue,
    free_input_name,
    parse_value_text,
    try_push,
    value_to_text,
)
from .clipboard import SceneClipboard
from .items import NodeItem
from .menus import background_menu, node_menu
from .mirror import DocumentMirror
from .theme import Theme, current_theme
from .wire_drag import WireDragger
from .wires import WireItem

MIME_BLOCK = "application/x-autodiff-block"


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def _ask_text(parent: QWidget | None, title: str, label: str, text: str) -> tuple[str, bool]:
    """One line of text from the user (a module function so tests can replace it)."""
    dialog = input_dialog(parent, title, label, text)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, ok


def input_dialog(parent: QWidget | None, title: str, label: str, text: str) -> QInputDialog:
    """The dialog ``_ask_text`` shows, wide enough for its title: a window manager cuts a
    title longer than the window ("Edit va…tant 2")."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    # Room for the title in a title-bar font (often bold, larger) beside its buttons.
    title_font = QFont(dialog.font())
    title_font.setBold(True)
    title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
    need = QFontMetrics(title_font).horizontalAdvance(title) + 140
    # On the field: the dialog's layout fixes the dialog's own minimum when shown.
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        edit.setMinimumWidth(max(280, need - 40))
    return dialog


class GraphScene(DocumentMirror, QGraphicsScene):
    """The blocks and wires of one Document; edits go through ``undo_stack``."""

    statusMessage = Signal(str)
    nodeDoubleClicked = Signal(int)
    selectionNodesChanged = Signal(list)
    documentReset = Signal()  # after the scene was rebuilt (a new or loaded document)

    def __init__(self, document: Document, undo_stack: QUndoStack,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = undo_stack
        self.theme: Theme = current_theme()
        self._nodes: dict[int, NodeItem] = {}
        self._wires: dict[tuple[int, int, int], WireItem] = {}
        self._auto_pos: dict[int, tuple[float, float]] = {}  # where position-less nodes sit
        self._output_node: int | None = None
        self.wiring = WireDragger(self)  # a wire being dragged
        self.clipboard = SceneClipboard(self)
        self._press_positions: dict[int, QPointF] | None = None
        # Parts add entries to a block's context menu: f(menu, node_id) (composite blocks).
        self.node_menu_extras: list[Callable[[QMenu, int], None]] = []
        self.setBackgroundBrush(self.theme.background)
        self._output_timer = QTimer(self)
        self._output_timer.setSingleShot(True)
        self._output_timer.setInterval(0)
        self._output_timer.timeout.connect(self.refresh_output_mark)
        self.selectionChanged.connect(self._on_selection_changed)
        listener = self._on_event
        self._listener = listener
        document.subscribe(listener)
        self.destroyed.connect(lambda *_: _unsubscribe(document, listener))
        self._rebuild()

    # -- reading ------------------------------------------------------------
    def node_item(self, node_id: int) -> NodeItem | None:
        return self._nodes.get(node_id)

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def wire_item(self, src: int, dst: int, slot: int) -> WireItem | None:
        return self._wires.get((src, dst, slot))

    def wire_items(self) -> list[WireItem]:
        return list(self._wires.values())

    def selected_nodes(self) -> list[int]:
        return sorted(it.node_id for it in self.selectedItems() if isinstance(it, NodeItem))

    def selected_wires(self) -> list[tuple[int, int]]:
        """(dst, slot) of the selected wires."""
        return sorted((it.dst_item.node_id, it.slot) for it in self.selectedItems()
                      if isinstance(it, WireItem))

    def items_bounding_rect(self) -> QRectF:
        """The area the blocks and wires take (empty QRectF if there are none)."""
        if not self._nodes:
            return QRectF()
        return self.itemsBoundingRect()  # one C++ pass, cheap at 5,000 blocks

    def output_node(self) -> int | None:
        """The node drawn as the output."""
        return self._output_node

    def detach(self) -> None:
        """Stop following the document (call before dropping a scene you replace)."""
        _unsubscribe(self.document, self._listener)

    def set_theme(self, theme: Theme) -> None:
        """Repaint with other colours (the palette changed)."""
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        for it in self._nodes.values():
            it.set_theme(theme)
        for w in self._wires.values():
            w.set_theme(theme)

    def retranslate(self) -> None:
        """Blocks say their captions, port labels and tooltips in the current language."""
        for item in self._nodes.values():
            item.refresh()

    def cancel_interaction(self) -> None:
        """Escape: drop a wire being dragged, else clear the selection."""
        if self.wiring.drag is not None:
            self.wiring.cancel()
        else:
            self.clearSelection()

    def _on_selection_changed(self) -> None:
        self.selectionNodesChanged.emit(self.selected_nodes())

    # -- overlays -------------------------------------------------------------
    def clear_overlays(self) -> None:
        """Back to plain blocks: no states, annotations, tooltips or wire labels."""
        for it in self._nodes.values():
            if it.has_overlay():
                it.clear_overlay()
        for w in self._wires.values():
            if w.label() is not None:
                w.set_label(None)
            if w.state() != "normal":
                w.set_state("normal")

    # -- edits (all through the undo stack) ------------------------------------
    def push(self, factory: Callable[[], QUndoCommand | None]) -> bool:
        """Build a command with ``factory`` and push it; False (and the reason on
        ``statusMessage``) if the document refused it."""
        reason = try_push(self.undo_stack, factory)
        if reason is not None:
            self.statusMessage.emit(reason)
            return False
        return True

    def push_get(self, factory: Callable[[], QUndoCommand]) -> QUndoCommand | None:
        """Like ``push``, but returns the command pushed (None if refused)."""
        made: list[QUndoCommand] = []

        def make() -> QUndoCommand:
            made.append(factory())
            return made[0]

        return made[0] if self.push(make) else None

    def add_block(self, kind: str, pos: QPointF, op: str | None = None, *,
                  value: Any = None) -> int | None:
        """Add a block centred at ``pos``: kind "input" (a free name x, y, z, w, a, …),
        "const" (value 1.0 unless given) or "op" (``op`` names the operation)."""
        kind = "const" if kind == "constant" else kind
        if kind == "op" and not op:
            self.statusMessage.emit(_tr("choose an operation"))
            return None
        name = free_input_name([*self.document.inputs(), *self.document.named_ops()]) \
            if kind == "input" else None
        w, h = block_size(kind)
        top_left = (pos.x() - w / 2, pos.y() - h / 2)
        cmd = self.push_get(lambda: AddNode(self.document, kind, op=op, name=name,
                                             value=value, pos=top_left))
        if cmd is None:
            return None
        node = cmd.node_id  # type: ignore[attr-defined]
        self.select_only([node])
        return node

    def delete_selection(self) -> bool:
        """Delete the selected blocks and wires (one undo step)."""
        nodes, wires = self.selected_nodes(), self.selected_wires()
        if not nodes and not wires:
            return False
        return self.push(lambda: RemoveNodes(self.document, nodes, wires))

    def set_output(self, node: int | None) -> bool:
        return self.push(lambda: SetOutput(self.document, node))

    def auto_layout(self) -> bool:
        """Arrange every block with the layered layout (one undo step)."""
        if len(self.document) == 0:
            return False
        positions = layered_layout(self.document)
        return self.push(lambda: AutoLayout(self.document, positions))

    def connect_ports(self, src: int, dst: int, slot: int) -> bool:
        """Wire ``src`` into ``dst[slot]`` (replacing a wire there) through the stack."""
        return self.push(lambda: Connect(self.document, src, dst, slot))

    def disconnect_slot(self, dst: int, slot: int) -> bool:
        return self.push(lambda: Disconnect(self.document, dst, slot))

    def rename_node(self, node: int, name: str) -> bool:
        return self.push(lambda: Rename(self.document, node, name.strip()))

    def set_node_value(self, node: int, value: Any) -> bool:
        """Set a value; a string is parsed as a number or a JSON array."""
        def make() -> SetValue:
            v = parse_value_text(value) if isinstance(value, str) else value
            return SetValue(self.document, node, v)
        return self.push(make)

    def edit_node(self, node_id: int, parent_widget: QWidget | None = None) -> bool:
        """Rename an input or a block / edit a constant's value in a small dialog."""
        return edit_node(self, node_id, parent_widget)

    def edit_value(self, node_id: int, parent_widget: QWidget | None = None) -> bool:
        """Edit the value of an input or constant in a small dialog."""
        return edit_value(self, node_id, parent_widget)

    # -- clipboard (``clipboard.py``) and menus (``menus.py``) -------------------------
    def copy_selection(self) -> str:
        """Put the selected blocks (and the wires among them) on the clipboard; return
        the JSON text ("" when nothing is selected)."""
        return self.clipboard.copy()

    def paste(self, text: str | None = None, at: QPointF | None = None) -> list[int]:
        """Paste blocks (from ``text`` or the clipboard), centred at ``at`` if given,
        else shifted a little from where they were copied.  Returns the new ids."""
        return self.clipboard.paste(text, at)

    def duplicate_selection(self) -> list[int]:
        """Copy the selected blocks next to themselves (the clipboard is untouched)."""
        return self.clipboard.duplicate()

    def select_only(self, ids: list[int]) -> None:
        """Select exactly the blocks ``ids``."""
        self.clearSelection()
        for n in ids:
            item = self._nodes.get(n)
            if item is not None:
                item.setSelected(True)

    def node_menu(self, node_id: int, parent: QWidget | None = None) -> QMenu:
        """The context menu of a block (also used by tests)."""
        return node_menu(self, node_id, parent)

    def background_menu(self, scene_pos: QPointF, parent: QWidget | None = None) -> QMenu:
        """The context menu of the empty canvas."""
        return background_menu(self, scene_pos, parent)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        hit = self.hit(event.scenePos())
        widget = event.widget()
        if hit is not None:
            item = hit[0]
            if not item.isSelected():
                self.select_only([item.node_id])
            menu = self.node_menu(item.node_id, widget)
        else:
            menu = self.background_menu(event.scenePos(), widget)
        menu.exec(event.screenPos())
        event.accept()

    # -- mouse: connecting, moving -------------------------------------------------
    def hit(self, scene_pos: QPointF) -> tuple[NodeItem, tuple[str, int] | None] | None:
        """The topmost block at ``scene_pos`` and the port under it, if any."""
        for it in self.items(scene_pos):
            if isinstance(it, NodeItem):
                return it, it.port_at(it.mapFromScene(scene_pos))
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.wiring.drag is None:
            hit = self.hit(event.scenePos())
            if hit is not None and hit[1] is not None:
                self.wiring.start(hit[0], hit[1], event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {it.node_id: it.pos() for it in self.selectedItems()
                                     if isinstance(it, NodeItem)}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.wiring.drag is not None:
            self.wiring.update(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.wiring.drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self.wiring.finish(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions:
            self._push_moves(self._press_positions)
        self._press_positions = None

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        hit = self.hit(event.scenePos())
        if hit is not None and hit[1] is None and event.button() == Qt.MouseButton.LeftButton:
            self.nodeDoubleClicked.emit(hit[0].node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _push_moves(self, before: dict[int, QPointF]) -> None:
        moves = {}
        for n, old in before.items():
            item = self._nodes.get(n)
            if item is None or item.pos() == old:
                continue
            moves[n] = (self.document.position(n), (item.x(), item.y()))
            if moves[n][0] is None:
                self._auto_pos[n] = (old.x(), old.y())  # where undo puts the block back
        if moves:
            self.push(lambda: MoveNodes(self.document, moves))


def _unsubscribe(doc: Document, listener: Callable[[Event], None]) -> None:
    try:
        doc.unsubscribe(listener)
    except ValueError:
        pass


# -- the small dialogs of a block (module functions: the class stays readable) ------

def edit_node(scene: GraphScene, node_id: int, parent_widget: QWidget | None = None) -> bool:
    """Rename an input or a block / edit a constant's value in a small dialog."""
    if node_id not in scene.document:
        return False
    kind = scene.document.kind(node_id)
    if kind == "op":
        name = scene.document.node(node_id).get("name", "")
        return _ask_until_done(
            scene, parent_widget, _tr("Name this step"),
            _tr("Name (as in c = a + b; empty: a letter when stepping):"), name,
            lambda text: try_push(scene.undo_stack,
                                  lambda: Rename(scene.document, node_id, text.strip())))
    if kind == "input":
        name = scene.document.node(node_id)["name"]
        return _ask_until_done(
            scene, parent_widget, _tr("Rename input"), _tr("Name:"), name,
            lambda text: try_push(scene.undo_stack,
                                  lambda: Rename(scene.document, node_id, text.strip())))
    if kind == "const":
        return scene.edit_value(node_id, parent_widget)
    return False


def edit_value(scene: GraphScene, node_id: int, parent_widget: QWidget | None = None) -> bool:
    """Edit the value of an input or constant in a small dialog."""
    if node_id not in scene.document or scene.document.kind(node_id) == "op":
        return False
    d = scene.document.node(node_id)
    v = d["value"]
    current = value_to_text(v)  # full precision, as the inputs table edits it
    title = _tr("Edit value of {name}").format(name=scene.document.describe(node_id))

    def apply(text: str) -> str | None:
        return try_push(scene.undo_stack, lambda: SetValue(
            scene.document, node_id, parse_value_text(text)))
    return _ask_until_done(scene, parent_widget, title, _tr("Value:"), current, apply)


def _ask_until_done(scene: GraphScene, parent_widget: QWidget | None, title: str, label: str,
                    current: str, apply: Callable[[str], str | None]) -> bool:
    """Ask for a text until ``apply`` takes it (returns None) or the user cancels.

    A refusal is said in the dialog, above the field, with the typed text kept (it
    was only in the status bar, far from where it was typed), and in the status bar.
    """
    text, prompt, refused = current, label, None
    while True:
        text, ok = _ask_text(parent_widget, title, prompt, text)
        if not ok or text.strip() == current or text == refused:
            return False  # cancelled, unchanged, or the same refused text again
        reason = apply(text)
        if reason is None:
            return True
        scene.statusMessage.emit(reason)
        refused = text
        prompt = _tr("{reason}\n{label}").format(reason=reason, label=label)
