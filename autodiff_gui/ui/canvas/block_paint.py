"""How a block is painted: the painting half of ``items.NodeItem``.

QPainter only (no widgets inside a block): a coloured header with the title (input
name, constant value, op symbol) and a caption, a body with the value and gradient
lines of the step-through overlay, the ports, and the badges (the "output" tag, ✓
for a done step, ! for an error).  Far away (a low level of detail) a block is a
plain coloured box.  The texts were laid out by ``NodeItem.refresh``; painting only
draws them, so a repaint costs no text measuring.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

PORT_RADIUS = 5.5
RADIUS = 7.0  # the corners of a block


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


class BlockPainting:
    """Mixed into ``NodeItem``: paints from the state the item keeps (``theme``,
    ``geometry``, ``_texts``, ``_state``, ``_output``, ports and wires)."""

    # Provided by NodeItem (documented here for the reader; set in NodeItem.__init__).
    theme: Any
    geometry: Any
    kind: str
    width: float
    height: float
    arity: int
    wires_in: dict[int, Any]
    wires_out: set[Any]
    _texts: dict[str, Any]
    _state: str
    _output: bool
    _port_highlight: tuple[str, int] | None
    _tag_height: float
    _badge: float

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        key = t.key_for(self.kind, self.op.group if self.op else None)
        g = self.geometry
        painter.translate(g.x0, g.y0)  # block coordinates from here on
        rect = self._local_rect()
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
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), RADIUS + 3, RADIUS + 3)
        if self.isSelected():
            painter.setPen(QPen(t.highlight, 2.0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-4.5, -4.5, 4.5, 4.5), RADIUS + 4, RADIUS + 4)

        # body and header
        fill = t.fill[key] if state != "error" else t.error.lighter(170) if not t.dark \
            else t.error.darker(300)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        texts = self._texts
        if self.kind == "const":
            self._paint_const(painter, texts, border, bw)
        else:
            header = QPainterPath()
            header.setFillRule(Qt.FillRule.WindingFill)
            header.addRoundedRect(QRectF(0, 0, self.width, g.header), RADIUS, RADIUS)
            header.addRect(QRectF(0, g.header / 2, self.width, g.header / 2))
            painter.setBrush(t.header[key])
            painter.drawPath(header)
            painter.setPen(QPen(border, bw))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, RADIUS, RADIUS)
            painter.setPen(t.header_text)
            painter.setFont(texts.get("title_font", t.title_font))
            painter.drawText(QRectF(10, 0, self.width - 20, g.header),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             texts["title"])
            if texts["caption"]:
                painter.setFont(t.small_font)
                painter.drawText(QRectF(10, 0, self.width - 18, g.header),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 texts["caption"])
            self._paint_body(painter, texts)

        # ports
        for s in range(self.arity):
            self._paint_port(painter, self._local_input_port(s), s in self.wires_in,
                             self._port_highlight == ("in", s), border)
        self._paint_port(painter, self._local_output_port(), bool(self.wires_out),
                         self._port_highlight == ("out", 0), border)

        # badges: output tag, done / error marks
        if self._output:
            self._paint_tag(painter, _tr("output"), t.output, t.output_text, right=True)
        if texts.get("label"):  # what a backward graph's node is: ∂f/∂c
            self._paint_tag(painter, texts["label"], t.header[key], t.header_text, right=False)
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
            w = t.small_metrics.horizontalAdvance("base") + 8
            for s, name in texts["slots"]:
                y = self._local_input_port(s).y()
                painter.drawText(QRectF(9, y - h / 2, max(40.0, w), h),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        lines = texts["lines"]
        if lines:  # the value and gradient lines
            header = self.geometry.header
            line_h = t.value_metrics.height() + 2
            top = header + 3
            avail = self.height - header - 6
            y = top + (avail - line_h * len(lines)) / 2
            for (text, role), font in zip(lines, texts["fonts"]):
                painter.setPen(self._colour(role))
                painter.setFont(font)
                painter.drawText(QRectF(texts["left"], y, texts["width"], line_h),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
                y += line_h

    def _paint_const(self, painter: QPainter, texts: dict[str, Any], border: Any,
                     bw: float) -> None:
        t = self.theme
        rect = self._local_rect()
        painter.setPen(QPen(border, bw))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
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
        painter.setFont(texts["fonts"][0])
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
        r = QRectF(x, -self._tag_height + 1, w, self._tag_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(r, 5, 5)
        painter.setPen(fg)
        painter.setFont(t.tag_font)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_badge(self, painter: QPainter, text: str, colour: Any) -> None:
        t = self.theme
        b = self._badge
        r = QRectF(-b + 1, -b + 1, 2 * b, 2 * b)
        painter.setPen(QPen(t.background, 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(r)
        painter.setPen(t.header_text)
        painter.setFont(t.tag_font)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
