"""The graph scene: follows the document's events, turns mouse work into commands.

The document is the model.  This scene never changes it directly: every edit is an
undo command pushed on the QUndoStack (refused edits never reach the stack; the
reason goes out through ``statusMessage``).  The scene redraws only from the
document's events, so undo, redo, the expression bar and file loading all show up
the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMimeData,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QGuiApplication,
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

from ...core.graph import Document, Event, GraphError
from ...diagram.layout import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    block_size,
    layered_layout,
    missing_positions,
)
from ..app.i18n import translate_error
from ..editing.commands import (
    AddNode,
    AutoLayout,
    Connect,
    Disconnect,
    MoveNodes,
    PasteNodes,
    Reconnect,
    RemoveNodes,
    Rename,
    SetOutput,
    SetValue,
    data_from_text,
    data_to_text,
    free_input_name,
    nodes_to_data,
    parse_value_text,
    try_push,
    value_to_text,
)
from .items import NodeItem
from .theme import Theme, current_theme
from .wires import LiveWire, WireItem

MIME_NODES = "application/x-autodiff-nodes"
MIME_BLOCK = "application/x-autodiff-block"
PASTE_OFFSET = (30.0, 30.0)


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


@dataclass
class _WireDrag:
    """A connection being dragged.  Either the source is fixed (dragging from an output
    port, or a wire picked up from its input port) or the target slot is."""

    live: LiveWire
    src: int | None = None
    dst: int | None = None
    slot: int | None = None
    picked: tuple[int, int] | None = None  # (dst, slot) of the wire picked up
    start: tuple[int, tuple[str, int]] | None = None  # (node, port) pressed
    hover: NodeItem | None = None

    @property
    def from_output(self) -> bool:
        return self.src is not None



def release_clipboard() -> None:
    """Drop clipboard data this app put there.

    PySide6 6.11 crashes at exit (segfault while destroying QApplication) when the
    clipboard still holds a QMimeData the app created; clearing it first avoids that.
    """
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData() if clipboard is not None else None
    if data is not None and data.hasFormat(MIME_NODES):  # ours (ownsClipboard() lies offscreen)
        clipboard.clear()


_release_hooked = False


def _release_clipboard_on_quit() -> None:
    global _release_hooked
    app = QCoreApplication.instance()
    if app is not None and not _release_hooked:
        app.aboutToQuit.connect(release_clipboard)
        _release_hooked = True

class GraphScene(QGraphicsScene):
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
        self._drag: _WireDrag | None = None
        self._press_positions: dict[int, QPointF] | None = None
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

    # -- following the document ----------------------------------------------
    def _on_event(self, ev: Event) -> None:
        kind = ev.kind
        if kind == "reset":
            self._rebuild()
            return
        if kind == "node_added":
            assert ev.node is not None
            self._add_node(ev.node)
        elif kind == "node_removed":
            assert ev.node is not None
            self._remove_node(ev.node)
        elif kind == "edge_added":
            assert ev.node is not None
            self._add_wire(ev.data["src"], ev.node, ev.data["slot"])
        elif kind == "edge_removed":
            assert ev.node is not None
            self._remove_wire(ev.data["src"], ev.node, ev.data["slot"])
        elif kind in ("value_changed", "renamed"):
            item = self._nodes.get(ev.node)  # type: ignore[arg-type]
            if item is not None:
                item.refresh()
        elif kind == "moved":
            item = self._nodes.get(ev.node)  # type: ignore[arg-type]
            if item is not None:
                new = ev.data.get("new")
                if new is None:
                    new = self._auto_pos.get(item.node_id)
                else:
                    self._auto_pos.pop(item.node_id, None)
                if new is not None and (item.x(), item.y()) != new:
                    item.setPos(new[0], new[1])
        if kind in ("node_added", "node_removed", "edge_added", "edge_removed",
                    "output_changed"):
            self._output_timer.start()  # doc.output walks the sinks: once per batch

    def _rebuild(self) -> None:
        """Build every item from the document (on a reset or at the start)."""
        self._cancel_drag()
        self.clear()
        self._nodes.clear()
        self._wires.clear()
        self._auto_pos = missing_positions(self.document)
        self._output_node = None
        doc = self.document
        for n in doc.nodes():
            self._add_node(n)
        for u, v, slot in doc.edges():
            self._add_wire(u, v, slot)
        self.refresh_output_mark()
        self.documentReset.emit()

    def _add_node(self, node: int) -> NodeItem:
        item = NodeItem(node, self.document, self.theme)
        pos = self.document.position(node)
        if pos is None:
            pos = self._auto_pos.get(node)
            if pos is None:
                pos = self._free_spot()
                self._auto_pos[node] = pos
        item.setPos(pos[0], pos[1])
        self.addItem(item)
        self._nodes[node] = item
        return item

    def _free_spot(self) -> tuple[float, float]:
        """Right of everything, for a node added without a position."""
        if not self._nodes:
            return (0.0, 0.0)
        rect = self.items_bounding_rect()
        return (rect.right() + 60.0, rect.center().y() - BLOCK_HEIGHT / 2)

    def _remove_node(self, node: int) -> None:
        if self._drag is not None:
            # An undo (Ctrl+Z with the button held) can remove a block a wire is dragged
            # from: the drag would then look it up and fail.  Drop the drag instead.
            self._cancel_drag()
        item = self._nodes.pop(node, None)
        self._auto_pos.pop(node, None)
        if item is None:
            return
        for w in list(item.wires_in.values()) + list(item.wires_out):
            self._remove_wire(*w.key)
        if self._output_node == node:
            self._output_node = None
        self.removeItem(item)

    def _add_wire(self, src: int, dst: int, slot: int) -> None:
        a, b = self._nodes.get(src), self._nodes.get(dst)
        if a is None or b is None:
            return
        w = WireItem(a, b, slot, self.theme)
        self.addItem(w)
        self._wires[(src, dst, slot)] = w
        a.wires_out.add(w)
        b.wires_in[slot] = w
        a.update()
        b.update()

    def _remove_wire(self, src: int, dst: int, slot: int) -> None:
        w = self._wires.pop((src, dst, slot), None)
        if w is None:
            return
        w.src_item.wires_out.discard(w)
        if w.dst_item.wires_in.get(slot) is w:
            del w.dst_item.wires_in[slot]
        w.src_item.update()
        w.dst_item.update()
        self.removeItem(w)

    def refresh_output_mark(self) -> None:
        """Mark the document's current output (runs after edits, once per batch)."""
        self._output_timer.stop()
        out = self.document.output
        if out == self._output_node:
            return
        old = self._nodes.get(self._output_node) if self._output_node is not None else None
        if old is not None:
            old.set_output_mark(False)
        self._output_node = out
        new = self._nodes.get(out) if out is not None else None
        if new is not None:
            new.set_output_mark(True)

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
        if self._drag is not None:
            self._cancel_drag()
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
    def _push(self, factory: Callable[[], QUndoCommand | None]) -> bool:
        reason = try_push(self.undo_stack, factory)
        if reason is not None:
            self.statusMessage.emit(reason)
            return False
        return True

    def _push_get(self, factory: Callable[[], QUndoCommand]) -> QUndoCommand | None:
        made: list[QUndoCommand] = []

        def make() -> QUndoCommand:
            made.append(factory())
            return made[0]

        return made[0] if self._push(make) else None

    def add_block(self, kind: str, pos: QPointF, op: str | None = None, *,
                  value: Any = None) -> int | None:
        """Add a block centred at ``pos``: kind "input" (a free name x, y, z, w, a, …),
        "const" (value 1.0 unless given) or "op" (``op`` names the operation)."""
        kind = "const" if kind == "constant" else kind
        if kind == "op" and not op:
            self.statusMessage.emit(_tr("choose an operation"))
            return None
        name = free_input_name(self.document.inputs()) if kind == "input" else None
        w, h = block_size(kind)
        top_left = (pos.x() - w / 2, pos.y() - h / 2)
        cmd = self._push_get(lambda: AddNode(self.document, kind, op=op, name=name,
                                             value=value, pos=top_left))
        if cmd is None:
            return None
        node = cmd.node_id  # type: ignore[attr-defined]
        self._select_only([node])
        return node

    def delete_selection(self) -> bool:
        """Delete the selected blocks and wires (one undo step)."""
        nodes, wires = self.selected_nodes(), self.selected_wires()
        if not nodes and not wires:
            return False
        return self._push(lambda: RemoveNodes(self.document, nodes, wires))

    def set_output(self, node: int | None) -> bool:
        return self._push(lambda: SetOutput(self.document, node))

    def auto_layout(self) -> bool:
        """Arrange every block with the layered layout (one undo step)."""
        if len(self.document) == 0:
            return False
        positions = layered_layout(self.document)
        return self._push(lambda: AutoLayout(self.document, positions))

    def connect_ports(self, src: int, dst: int, slot: int) -> bool:
        """Wire ``src`` into ``dst[slot]`` (replacing a wire there) through the stack."""
        return self._push(lambda: Connect(self.document, src, dst, slot))

    def disconnect_slot(self, dst: int, slot: int) -> bool:
        return self._push(lambda: Disconnect(self.document, dst, slot))

    def rename_node(self, node: int, name: str) -> bool:
        return self._push(lambda: Rename(self.document, node, name.strip()))

    def set_node_value(self, node: int, value: Any) -> bool:
        """Set a value; a string is parsed as a number or a JSON array."""
        def make() -> SetValue:
            v = parse_value_text(value) if isinstance(value, str) else value
            return SetValue(self.document, node, v)
        return self._push(make)

    def edit_node(self, node_id: int, parent_widget: QWidget | None = None) -> bool:
        """Rename an input / edit a constant's value in a small dialog."""
        if node_id not in self.document:
            return False
        kind = self.document.kind(node_id)
        if kind == "input":
            name = self.document.node(node_id)["name"]
            return self._ask_until_done(
                parent_widget, _tr("Rename input"), _tr("Name:"), name,
                lambda text: try_push(self.undo_stack,
                                      lambda: Rename(self.document, node_id, text.strip())))
        if kind == "const":
            return self.edit_value(node_id, parent_widget)
        return False

    def edit_value(self, node_id: int, parent_widget: QWidget | None = None) -> bool:
        """Edit the value of an input or constant in a small dialog."""
        if node_id not in self.document or self.document.kind(node_id) == "op":
            return False
        d = self.document.node(node_id)
        v = d["value"]
        current = value_to_text(v)  # full precision, as the inputs table edits it
        title = _tr("Edit value of {name}").format(name=self.document.describe(node_id))

        def apply(text: str) -> str | None:
            return try_push(self.undo_stack, lambda: SetValue(
                self.document, node_id, parse_value_text(text)))
        return self._ask_until_done(parent_widget, title, _tr("Value:"), current, apply)

    def _ask_until_done(self, parent_widget: QWidget | None, title: str, label: str,
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
            self.statusMessage.emit(reason)
            refused = text
            prompt = _tr("{reason}\n{label}").format(reason=reason, label=label)

    # -- clipboard ----------------------------------------------------------------
    def _selection_data(self) -> dict[str, Any] | None:
        ids = self.selected_nodes()
        if not ids:
            return None
        where = {n: (self._nodes[n].x(), self._nodes[n].y()) for n in ids}
        return nodes_to_data(self.document, ids, where)

    def copy_selection(self) -> str:
        """Put the selected blocks (and the wires among them) on the clipboard; return
        the JSON text ("" when nothing is selected)."""
        data = self._selection_data()
        if data is None:
            return ""
        text = data_to_text(data)
        mime = QMimeData()
        mime.setData(MIME_NODES, QByteArray(text.encode("utf-8")))
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        _release_clipboard_on_quit()
        return text

    def paste(self, text: str | None = None, at: QPointF | None = None) -> list[int]:
        """Paste blocks (from ``text`` or the clipboard), centred at ``at`` if given,
        else shifted a little from where they were copied.  Returns the new ids."""
        if text is None:
            mime = QGuiApplication.clipboard().mimeData()
            if mime is None:
                return []
            if mime.hasFormat(MIME_NODES):
                text = bytes(mime.data(MIME_NODES).data()).decode("utf-8")
            else:
                text = mime.text()
        try:
            data = data_from_text(text)
        except GraphError as exc:
            self.statusMessage.emit(translate_error(exc))
            return []
        offset = PASTE_OFFSET
        if at is not None:
            pts = [p for e in data["nodes"] if (p := _point(e)) is not None]
            if pts:
                cx = (min(p[0] for p in pts) + max(p[0] for p in pts) + BLOCK_WIDTH) / 2
                cy = (min(p[1] for p in pts) + max(p[1] for p in pts) + BLOCK_HEIGHT) / 2
                offset = (at.x() - cx, at.y() - cy)
            else:
                offset = (at.x(), at.y())
        return self._paste_data(data, offset)

    def duplicate_selection(self) -> list[int]:
        """Copy the selected blocks next to themselves (the clipboard is untouched)."""
        data = self._selection_data()
        return self._paste_data(data, PASTE_OFFSET) if data else []

    def _paste_data(self, data: dict[str, Any], offset: tuple[float, float]) -> list[int]:
        cmd = self._push_get(lambda: PasteNodes(self.document, data, offset))
        if cmd is None:
            return []
        ids = cmd.new_ids  # type: ignore[attr-defined]
        self._select_only(ids)
        return ids

    def _select_only(self, ids: list[int]) -> None:
        self.clearSelection()
        for n in ids:
            item = self._nodes.get(n)
            if item is not None:
                item.setSelected(True)

    # -- menus -----------------------------------------------------------------------
    def node_menu(self, node_id: int, parent: QWidget | None = None) -> QMenu:
        """The context menu of a block (also used by tests)."""
        menu = QMenu(parent)
        doc = self.document
        kind = doc.kind(node_id)
        out = menu.addAction(_tr("Set as output"))
        out.setEnabled(doc.explicit_output != node_id)
        out.triggered.connect(lambda: self.set_output(node_id))
        if kind == "input":
            menu.addAction(_tr("Rename…")).triggered.connect(
                lambda: self.edit_node(node_id, parent))
        if kind in ("input", "const"):
            menu.addAction(_tr("Edit value…")).triggered.connect(
                lambda: self.edit_value(node_id, parent))
        menu.addSeparator()
        delete = menu.addAction(_tr("Delete"))
        if node_id in self.selected_nodes():
            delete.triggered.connect(lambda: self.delete_selection())
        else:
            delete.triggered.connect(lambda: self._push(lambda: RemoveNodes(doc, [node_id])))
        return menu

    def background_menu(self, scene_pos: QPointF, parent: QWidget | None = None) -> QMenu:
        """The context menu of the empty canvas."""
        menu = QMenu(parent)
        menu.addAction(_tr("Add input")).triggered.connect(
            lambda: self.add_block("input", scene_pos))
        menu.addAction(_tr("Add constant")).triggered.connect(
            lambda: self.add_block("const", scene_pos))
        paste: QAction = menu.addAction(_tr("Paste"))
        paste.triggered.connect(lambda: self.paste(None, scene_pos))
        menu.addSeparator()
        menu.addAction(_tr("Arrange blocks")).triggered.connect(lambda: self.auto_layout())
        return menu

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        hit = self._hit(event.scenePos())
        widget = event.widget()
        if hit is not None:
            item = hit[0]
            if not item.isSelected():
                self._select_only([item.node_id])
            menu = self.node_menu(item.node_id, widget)
        else:
            menu = self.background_menu(event.scenePos(), widget)
        menu.exec(event.screenPos())
        event.accept()

    # -- mouse: connecting, moving -------------------------------------------------
    def _hit(self, scene_pos: QPointF) -> tuple[NodeItem, tuple[str, int] | None] | None:
        """The topmost block at ``scene_pos`` and the port under it, if any."""
        for it in self.items(scene_pos):
            if isinstance(it, NodeItem):
                return it, it.port_at(it.mapFromScene(scene_pos))
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._drag is None:
            hit = self._hit(event.scenePos())
            if hit is not None and hit[1] is not None:
                self._start_drag(hit[0], hit[1], event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {it.node_id: it.pos() for it in self.selectedItems()
                                     if isinstance(it, NodeItem)}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None:
            self._update_drag(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self._finish_drag(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions:
            self._push_moves(self._press_positions)
        self._press_positions = None

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        hit = self._hit(event.scenePos())
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
            self._push(lambda: MoveNodes(self.document, moves))

    def _start_drag(self, item: NodeItem, port: tuple[str, int], pos: QPointF) -> None:
        live = LiveWire(self.theme)
        drag = _WireDrag(live=live, start=(item.node_id, port))
        kind, slot = port
        if kind == "out":
            drag.src = item.node_id
        else:
            wire = item.wires_in.get(slot)
            if wire is not None:  # pick the wire up by its end
                drag.src = wire.src_item.node_id
                drag.picked = (item.node_id, slot)
                wire.setVisible(False)
            else:
                drag.dst, drag.slot = item.node_id, slot
        self._drag = drag
        self.addItem(live)
        self._update_drag(pos)

    def _target(self, pos: QPointF) -> tuple[int, int, int, NodeItem, tuple[str, int]] | str \
            | None:
        """Where a release at ``pos`` would connect: (src, dst, slot, item, port), a
        reason it cannot, or None (nothing there: cancel)."""
        d = self._drag
        assert d is not None
        hit = self._hit(pos)
        if hit is None:
            return None
        item, port = hit
        if d.start == (item.node_id, port) and d.picked is None:
            return None  # released where it started: a click, not a drag
        if d.from_output:
            assert d.src is not None
            if port is not None and port[0] == "out":
                if item.node_id == d.src:
                    return None
                return _tr("drop the wire on an input slot (the left side of a block)")
            slot = port[1] if port is not None else item.nearest_slot(item.mapFromScene(pos))
            return (d.src, item.node_id, slot, item, ("in", slot))
        assert d.dst is not None and d.slot is not None
        return (item.node_id, d.dst, d.slot, item, ("out", 0))

    def _update_drag(self, pos: QPointF) -> None:
        d = self._drag
        assert d is not None
        target = self._target(pos)
        hover = target[3] if isinstance(target, tuple) else None
        if d.hover is not None and d.hover is not hover:
            d.hover.set_port_highlight(None)
        d.hover = hover
        end = pos
        valid: bool | None = None
        if isinstance(target, tuple):
            src, dst, slot, item, port = target
            item.set_port_highlight(port)
            end = item.output_port_scene_pos() if port[0] == "out" \
                else item.input_port_scene_pos(port[1])
            try:
                self.document.check_connect(src, dst, slot, replace=True)
                valid = True
            except GraphError:
                valid = False
        elif isinstance(target, str):
            valid = False
        d.live.set_valid(valid)
        if d.from_output:
            src_item = self._nodes[d.src]  # type: ignore[index]
            d.live.set_ends(src_item.output_port_scene_pos(), end)
        else:
            dst_item = self._nodes[d.dst]  # type: ignore[index]
            d.live.set_ends(end, dst_item.input_port_scene_pos(d.slot))  # type: ignore[arg-type]

    def _cancel_drag(self) -> None:
        d, self._drag = self._drag, None
        if d is not None:
            if d.hover is not None:
                d.hover.set_port_highlight(None)
            if d.live.scene() is self:
                self.removeItem(d.live)
            if d.picked is not None:
                src = d.src
                w = self._wires.get((src, *d.picked))  # type: ignore[arg-type]
                if w is not None:
                    w.setVisible(True)

    def _finish_drag(self, pos: QPointF) -> None:
        d = self._drag
        assert d is not None
        target = self._target(pos)
        self._cancel_drag()
        doc = self.document
        if target is None:
            if d.picked is not None:  # a wire dragged off its slot: disconnect it
                self._push(lambda: Disconnect(doc, *d.picked))  # type: ignore[misc]
            return
        if isinstance(target, str):
            self.statusMessage.emit(target)
            return
        src, dst, slot = target[:3]
        if d.picked is not None:
            if (dst, slot) == d.picked:
                return
            old_dst, old_slot = d.picked
            self._push(lambda: Reconnect(doc, old_dst, old_slot, dst, slot))
        else:
            self._push(lambda: Connect(doc, src, dst, slot))


def _point(entry: Any) -> tuple[float, float] | None:
    """The finite (x, y) of a clipboard node entry, None if it has none or a bad one
    (PasteNodes refuses bad data with a message; centring must not fail first)."""
    pos = entry.get("pos") if isinstance(entry, dict) else None
    try:
        x, y = float(pos[0]), float(pos[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def _unsubscribe(doc: Document, listener: Callable[[Event], None]) -> None:
    try:
        doc.unsubscribe(listener)
    except ValueError:
        pass
