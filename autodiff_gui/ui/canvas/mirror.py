"""The scene's items follow the document: the mirror half of ``scene.GraphScene``.

One ``NodeItem`` per node and one ``WireItem`` per edge, kept in step with the
document's events only (so undo, redo, the expression bar and file loading show up
the same way); a ``reset`` rebuilds everything.  Blocks without a position are laid
out (``diagram.layout.missing_positions``) and remembered, so an undo of a move puts
them back.  The output mark follows edits once per batch (a 0 ms timer).
"""

from __future__ import annotations

from typing import Any

from ...core.graph import Document, Event
from ...diagram.layout import BLOCK_HEIGHT, missing_positions
from .items import NodeItem
from .wires import WireItem


class DocumentMirror:
    """Mixed into ``GraphScene``: builds and updates its items from document events
    (with the scene's ``addItem``, ``removeItem``, ``clear`` and ``items_bounding_rect``)."""

    # Provided by GraphScene (set in its __init__).
    document: Document
    theme: Any
    wiring: Any
    documentReset: Any  # noqa: N815 (the scene's Qt signal)
    _nodes: dict[int, NodeItem]
    _wires: dict[tuple[int, int, int], WireItem]
    _auto_pos: dict[int, tuple[float, float]]
    _output_node: int | None
    _output_timer: Any

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
        self.wiring.cancel()
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
        if self.wiring.drag is not None:
            # An undo (Ctrl+Z with the button held) can remove a block a wire is dragged
            # from: the drag would then look it up and fail.  Drop the drag instead.
            self.wiring.cancel()
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
