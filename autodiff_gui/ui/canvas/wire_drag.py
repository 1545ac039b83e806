"""Dragging a wire on the canvas: from an output port, or a wire picked up by its end.

``WireDragger`` is the scene's part for this one gesture: it draws the loose wire
(``LiveWire``), highlights the port it would connect to (green if the document
accepts the connection, red if not), and on release pushes ONE undo command
(``Connect``, ``Reconnect`` or ``Disconnect``) or says why it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF

from ...core.graph import GraphError
from ..editing.commands import Connect, Disconnect, Reconnect
from .ends import SceneParts
from .items import NodeItem
from .wires import LiveWire


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


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


class WireDragger:
    """The wire being dragged on ``scene`` (``drag`` is None when there is none)."""

    def __init__(self, scene: SceneParts) -> None:
        self.scene = scene
        self.drag: _WireDrag | None = None

    def start(self, item: NodeItem, port: tuple[str, int], pos: QPointF) -> None:
        """Start dragging a wire from ``port`` of ``item`` (a new one, or one picked up)."""
        scene = self.scene
        live = LiveWire(scene.theme)
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
        self.drag = drag
        scene.addItem(live)
        self.update(pos)

    def target(self, pos: QPointF) -> tuple[int, int, int, NodeItem, tuple[str, int]] | str \
            | None:
        """Where a release at ``pos`` would connect: (src, dst, slot, item, port), a
        reason it cannot, or None (nothing there: cancel)."""
        d = self.drag
        assert d is not None
        hit = self.scene.hit(pos)
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

    def update(self, pos: QPointF) -> None:
        """Follow the mouse: the loose end, the port it would connect to, valid or not."""
        d = self.drag
        assert d is not None
        target = self.target(pos)
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
                self.scene.document.check_connect(src, dst, slot, replace=True)
                valid = True
            except GraphError:
                valid = False
        elif isinstance(target, str):
            valid = False
        d.live.set_valid(valid)
        if d.from_output:
            src_item = self.scene.node_item(d.src)  # type: ignore[arg-type]
            d.live.set_ends(src_item.output_port_scene_pos(), end)  # type: ignore[union-attr]
        else:
            dst_item = self.scene.node_item(d.dst)  # type: ignore[arg-type]
            d.live.set_ends(end, dst_item.input_port_scene_pos(d.slot))  # type: ignore

    def cancel(self) -> None:
        """Drop the wire being dragged (a picked-up wire shows again where it was)."""
        d, self.drag = self.drag, None
        if d is not None:
            if d.hover is not None:
                d.hover.set_port_highlight(None)
            if d.live.scene() is self.scene:
                self.scene.removeItem(d.live)
            if d.picked is not None:
                src = d.src
                w = self.scene.wire_item(src, *d.picked)  # type: ignore[arg-type]
                if w is not None:
                    w.setVisible(True)

    def finish(self, pos: QPointF) -> None:
        """The mouse was released at ``pos``: connect, reconnect, disconnect or say why not."""
        d = self.drag
        assert d is not None
        target = self.target(pos)
        self.cancel()
        scene = self.scene
        doc = scene.document
        if target is None:
            if d.picked is not None:  # a wire dragged off its slot: disconnect it
                scene.push(lambda: Disconnect(doc, *d.picked))  # type: ignore[misc]
            return
        if isinstance(target, str):
            scene.statusMessage.emit(target)
            return
        src, dst, slot = target[:3]
        if d.picked is not None:
            if (dst, slot) == d.picked:
                return
            old_dst, old_slot = d.picked
            scene.push(lambda: Reconnect(doc, old_dst, old_slot, dst, slot))
        else:
            scene.push(lambda: Connect(doc, src, dst, slot))
