"""Blocks on the canvas: one ``NodeItem`` per document node.

A block is painted with QPainter only (no widgets inside): a coloured header with
the title (input name, constant value, op symbol), a body with the value and the
gradient of the step-through overlay, one input port per argument slot on the left
(labelled when the argument order matters) and one output port on the right.

The bounding rect never changes (it includes the port hit areas and the room for the
"output" tag), so every overlay change is a plain ``update()`` of this block's area.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...core import ops
from ...core.graph import Document, format_value
from ...core.layout import (
    BLOCK_HEADER,
    block_size,
    input_port_offset,
    output_port_offset,
)
from .theme import Theme

if TYPE_CHECKING:
    from .wires import WireItem

PORT_RADIUS = 5.5
PORT_HIT_RADIUS = 11.0  # ports are easier to hit than they look
TAG_HEIGHT = 17.0
_MARGIN = 6.0  # room for the selection / "current" outline
_RADIUS = 7.0
STATES = ("normal", "dim", "current", "done", "error")
_POS_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_SHORT_SLOTS = {"exponent": "exp", "numerator": "num", "denominator": "den"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


class NodeItem(QGraphicsItem):
    """The block of one node; ``data(0)`` is the node id."""

    def __init__(self, node_id: int, doc: Document, theme: Theme) -> None:
        super().__init__()
        self.node_id = node_id
        self.doc = doc
        self.theme = theme
        self.setData(0, node_id)
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsSelectable | flags.ItemIsMovable
                      | flags.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(1.0)
        d = doc.node(node_id)
        self.kind: str = d["kind"]
        self.op: ops.Op | None = ops.OPS[d["op"]] if self.kind == "op" else None
        self.arity = self.op.arity if self.op else 0
        self.width, self.height = block_size(self.kind)
        self.wires_in: dict[int, WireItem] = {}
        self.wires_out: set[WireItem] = set()
        self._output = False
        self._state = "normal"
        self._value_text: str | None = None
        self._grad_text: str | None = None
        self._caption: str | None = None
        self._tooltip: str | None = None
        self._port_highlight: tuple[str, int] | None = None
        self._texts: dict[str, Any] = {}
        self._rect = QRectF(-PORT_HIT_RADIUS - 1, -TAG_HEIGHT - 2,
                            self.width + 2 * PORT_HIT_RADIUS + 2,
                            self.height + TAG_HEIGHT + 2 + _MARGIN)
        self._shape: QPainterPath | None = None
        self.refresh()

    # -- geometry ---------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect

    def block_rect(self) -> QRectF:
        """The drawn block, in item coordinates."""
        return QRectF(0, 0, self.width, self.height)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)  # the union of the parts
            path.addRoundedRect(self.block_rect(), _RADIUS, _RADIUS)
            for p in self._port_points():
                path.addEllipse(p, PORT_HIT_RADIUS, PORT_HIT_RADIUS)
            self._shape = path
        return self._shape

    def output_port_pos(self) -> QPointF:
        x, y = output_port_offset(self.kind)
        return QPointF(x, y)

    def input_port_pos(self, slot: int) -> QPointF:
        x, y = input_port_offset(slot, max(1, self.arity))
        return QPointF(x, y)

    def output_port_scene_pos(self) -> QPointF:
        return self.mapToScene(self.output_port_pos())

    def input_port_scene_pos(self, slot: int) -> QPointF:
        return self.mapToScene(self.input_port_pos(slot))

    def _port_points(self) -> list[QPointF]:
        return [self.input_port_pos(s) for s in range(self.arity)] + [self.output_port_pos()]

    def port_at(self, local: QPointF) -> tuple[str, int] | None:
        """("in", slot) or ("out", 0) if ``local`` is within a port's hit area."""
        best, best_d = None, PORT_HIT_RADIUS * PORT_HIT_RADIUS
        candidates = [(("in", s), self.input_port_pos(s)) for s in range(self.arity)]
        candidates.append((("out", 0), self.output_port_pos()))
        for port, p in candidates:
            d = (p.x() - local.x()) ** 2 + (p.y() - local.y()) ** 2
            if d <= best_d:
                best, best_d = port, d
        return best

    def nearest_slot(self, local: QPointF) -> int:
        """The input slot whose port is nearest in height to ``local`` (0 if none)."""
        if self.arity <= 1:
            return 0
        return min(range(self.arity), key=lambda s: abs(self.input_port_pos(s).y() - local.y()))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == _POS_CHANGED:
            for w in self.wires_in.values():
                w.update_path()
            for w in self.wires_out:
                w.update_path()
        return super().itemChange(change, value)

    # -- content ----------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the node's name and value from the document and repaint."""
        d = self.doc.node(self.node_id)
        t = self.theme
        elide = Qt.TextElideMode.ElideRight
        texts: dict[str, Any] = {"slots": [], "caption": ""}
        lines: list[tuple[str, str]] = []
        if self.kind == "const":
            # a small tag: the value, and the gradient of the overlay under it
            width = self.width - 10
            texts["title"] = t.title_metrics.elidedText(format_value(d["value"]), elide, width)
            if self._grad_text is not None:
                lines.append((t.value_metrics.elidedText(self._grad_text, elide, width),
                              "backward"))
            texts.update(lines=lines, left=5.0, width=width)
            self._texts = texts
            self._finish_refresh()
            return
        if self.kind == "input":
            title, caption = d["name"], _tr("input")
        else:
            assert self.op is not None
            title, caption = self.op.symbol, self.op.name
        if self._caption is not None:
            caption = self._caption
        cap_w = min(t.small_metrics.horizontalAdvance(caption), self.width * 0.45)
        title_w = self.width - 20 - (cap_w + 6 if caption else 0)
        texts["title"] = t.title_metrics.elidedText(title, elide, title_w)
        texts["caption"] = t.small_metrics.elidedText(caption, elide, cap_w + 1)
        left = 10.0
        if self.op is not None and self.op.ordered:
            for s, name in enumerate(self.op.slots):
                texts["slots"].append((s, _SHORT_SLOTS.get(name, name[:4])))
            left = 10.0 + max(t.small_metrics.horizontalAdvance(n) for _s, n in texts["slots"]) + 6
        width = self.width - left - 8
        vm = t.value_metrics
        if self._value_text is not None:
            lines.append((vm.elidedText(self._value_text, elide, width), "forward"))
        elif self.kind == "input":
            lines.append((vm.elidedText("= " + format_value(d["value"]), elide, width), "text"))
        if self._grad_text is not None:
            lines.append((vm.elidedText(self._grad_text, elide, width), "backward"))
        if not lines and self.op is not None:
            lines.append((t.small_metrics.elidedText(self.op.description, elide, width),
                          "muted"))
        texts.update(lines=lines, left=left, width=width)
        self._texts = texts
        self._finish_refresh()

    def _finish_refresh(self) -> None:
        self.setToolTip(self._tooltip if self._tooltip is not None else self._default_tooltip())
        self.update()

    def _default_tooltip(self) -> str:
        d = self.doc.node(self.node_id)
        if self.kind == "input":
            return _tr("input {name} = {value}").format(name=d["name"],
                                                         value=format_value(d["value"]))
        if self.kind == "const":
            return _tr("constant {value}").format(value=format_value(d["value"]))
        assert self.op is not None
        lines = [f"{self.op.name}: {self.op.description}"]
        lines += list(self.op.formulas)
        return "\n".join(lines)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.refresh()

    def set_output_mark(self, on: bool) -> None:
        if on != self._output:
            self._output = on
            self.update()

    def is_output(self) -> bool:
        return self._output

    def set_caption(self, text: str | None) -> None:
        """The small text in the header (default: the op name, "input", "constant")."""
        if text != self._caption:
            self._caption = text
            self.refresh()

    # -- overlays (step-through) -------------------------------------------------
    def set_state(self, state: str) -> None:
        """normal, dim, current, done or error."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        if state != self._state:
            self._state = state
            self.update()

    def state(self) -> str:
        return self._state

    def set_annotation(self, value_text: str | None, grad_text: str | None) -> None:
        """The value (forward colour) and gradient (backward colour) under the title."""
        if (value_text, grad_text) != (self._value_text, self._grad_text):
            self._value_text, self._grad_text = value_text, grad_text
            self.refresh()

    def annotation(self) -> tuple[str | None, str | None]:
        return (self._value_text, self._grad_text)

    def set_tooltip_text(self, text: str | None) -> None:
        """Override the tooltip (None: back to the description of the node)."""
        self._tooltip = text
        self.setToolTip(text if text is not None else self._default_tooltip())

    def has_overlay(self) -> bool:
        return (self._state != "normal" or self._value_text is not None
                or self._grad_text is not None or self._tooltip is not None)

    def clear_overlay(self) -> None:
        changed = self.has_overlay()
        self._state = "normal"
        self._value_text = self._grad_text = self._tooltip = None
        if changed:
            self.refresh()

    def set_port_highlight(self, port: tuple[str, int] | None) -> None:
        if port != self._port_highlight:
            self._port_highlight = port
            self.update()

    # -- interaction ------------------------------------------------------------
    def hoverMoveEvent(self, event: Any) -> None:
        over = self.port_at(event.pos()) is not None
        self.setCursor(Qt.CursorShape.CrossCursor if over else Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)

    # -- painting ---------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        key = t.key_for(self.kind, self.op.group if self.op else None)
        rect = self.block_rect()
        state = self._state
        if state == "dim":
            painter.setOpacity(0.32)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        border = t.error if state == "error" else t.output if self._output else t.border[key]
        bw = 3.0 if (self._output or state == "error") else 1.2
        if lod < 0.3:  # far away: a coloured box is all one can see
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(border, bw))
            painter.setBrush(t.header[key])
            painter.drawRect(rect)
            return

        if state == "current":
            painter.setPen(QPen(t.current, 5.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), _RADIUS + 3, _RADIUS + 3)
        if self.isSelected():
            painter.setPen(QPen(t.highlight, 2.0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-4.5, -4.5, 4.5, 4.5), _RADIUS + 4, _RADIUS + 4)

        # body and header
        fill = t.fill[key] if state != "error" else t.error.lighter(170) if not t.dark \
            else t.error.darker(300)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
        texts = self._texts
        if self.kind == "const":
            self._paint_const(painter, texts, border, bw)
        else:
            header = QPainterPath()
            header.setFillRule(Qt.FillRule.WindingFill)
            header.addRoundedRect(QRectF(0, 0, self.width, BLOCK_HEADER), _RADIUS, _RADIUS)
            header.addRect(QRectF(0, BLOCK_HEADER / 2, self.width, BLOCK_HEADER / 2))
            painter.setBrush(t.header[key])
            painter.drawPath(header)
            painter.setPen(QPen(border, bw))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
            painter.setPen(t.header_text)
            painter.setFont(t.title_font)
            painter.drawText(QRectF(10, 0, self.width - 20, BLOCK_HEADER),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             texts["title"])
            if texts["caption"]:
                painter.setFont(t.small_font)
                painter.drawText(QRectF(10, 0, self.width - 18, BLOCK_HEADER),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 texts["caption"])
            self._paint_body(painter, texts)

        # ports
        for s in range(self.arity):
            self._paint_port(painter, self.input_port_pos(s), s in self.wires_in,
                             self._port_highlight == ("in", s), border)
        self._paint_port(painter, self.output_port_pos(), bool(self.wires_out),
                         self._port_highlight == ("out", 0), border)

        # badges: output tag, done / error marks
        if self._output:
            self._paint_tag(painter, _tr("output"), t.output, t.output_text, right=True)
        if state == "done":
            self._paint_badge(painter, "✓", t.done)
        elif state == "error":
            self._paint_badge(painter, "!", t.error)

    def _paint_body(self, painter: QPainter, texts: dict[str, Any]) -> None:
        t = self.theme
        if texts["slots"]:  # slot names next to their ports
            painter.setPen(t.muted)
            painter.setFont(t.small_font)
            h = t.small_metrics.height()
            for s, name in texts["slots"]:
                y = self.input_port_pos(s).y()
                painter.drawText(QRectF(9, y - h / 2, 40, h),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        lines = texts["lines"]
        if lines:  # the value and gradient lines
            line_h = t.value_metrics.height() + 2
            top = BLOCK_HEADER + 3
            avail = self.height - BLOCK_HEADER - 6
            y = top + (avail - line_h * len(lines)) / 2
            for text, role in lines:
                painter.setPen(self._colour(role))
                painter.setFont(t.small_font if role == "muted" else t.value_font)
                painter.drawText(QRectF(texts["left"], y, texts["width"], line_h),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
                y += line_h

    def _paint_const(self, painter: QPainter, texts: dict[str, Any], border: Any,
                     bw: float) -> None:
        t = self.theme
        rect = self.block_rect()
        painter.setPen(QPen(border, bw))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
        lines = texts["lines"]
        painter.setPen(t.text)
        painter.setFont(t.title_font)
        if not lines:
            painter.drawText(rect.adjusted(4, 0, -6, 0), Qt.AlignmentFlag.AlignCenter,
                             texts["title"])
            return
        title_h = t.title_metrics.ascent() + 2
        line_h = t.value_metrics.height()
        top = max(1.0, (self.height - title_h - line_h) / 2)
        painter.drawText(QRectF(4, top, self.width - 10, title_h),
                         Qt.AlignmentFlag.AlignCenter, texts["title"])
        painter.setPen(self._colour(lines[0][1]))
        painter.setFont(t.value_font)
        painter.drawText(QRectF(4, top + title_h, self.width - 10, line_h),
                         Qt.AlignmentFlag.AlignCenter, lines[0][0])

    def _colour(self, role: str) -> Any:
        t = self.theme
        return {"forward": t.forward, "backward": t.backward, "text": t.text,
                "muted": t.muted}[role]

    def _paint_port(self, painter: QPainter, p: QPointF, connected: bool, highlight: bool,
                    border: Any) -> None:
        t = self.theme
        r = PORT_RADIUS + (2.0 if highlight else 0.0)
        painter.setPen(QPen(t.highlight if highlight else border, 1.6))
        painter.setBrush(QBrush(t.highlight if highlight else border if connected
                                else t.background))
        painter.drawEllipse(p, r, r)

    def _paint_tag(self, painter: QPainter, text: str, fill: Any, fg: Any, right: bool) -> None:
        t = self.theme
        w = t.tag_metrics.horizontalAdvance(text) + 12
        x = self.width - w - 6 if right else 8
        r = QRectF(x, -TAG_HEIGHT + 1, w, TAG_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(r, 5, 5)
        painter.setPen(fg)
        painter.setFont(t.tag_font)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_badge(self, painter: QPainter, text: str, colour: Any) -> None:
        t = self.theme
        r = QRectF(-7, -7, 16, 16)
        painter.setPen(QPen(t.background, 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(r)
        painter.setPen(t.header_text)
        painter.setFont(t.tag_font)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
