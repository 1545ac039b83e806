"""Wires: cubic curves from an output port to an input slot.

``wire_path`` is a pure function of the two end points (testable without a scene).
A wire's hit shape is ~10 px wide, wider than the 2 px line it draws.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...diagram.layout import wire_handles
from .ends import WIRE_TYPE, BlockEnd, is_block
from .theme import Theme

WIRE_WIDTH = 2.0
HIT_WIDTH = 10.0
_LABEL_PAD = 3.0


def wire_path(p1: QPointF, p2: QPointF) -> QPainterPath:
    """A cubic curve leaving ``p1`` to the right and entering ``p2`` from the left.

    Left to right, it bends soon after leaving and arrives level (``wire_handles``);
    both control points lie within [p1.x, p2.x], so x grows monotonically along the
    curve.  A wire going backwards loops out with long handles.
    """
    dx = p2.x() - p1.x()
    if dx >= 0:
        k1, k2 = wire_handles(dx)
    else:
        k1 = k2 = max(60.0, -dx * 0.5)
    path = QPainterPath(p1)
    path.cubicTo(QPointF(p1.x() + k1, p1.y()), QPointF(p2.x() - k2, p2.y()), p2)
    return path


def _stroke(path: QPainterPath, width: float) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    return stroker.createStroke(path)


class WireItem(QGraphicsItem):
    """One wire of the document: ``src`` output → ``dst`` input ``slot``.

    The path lives in scene coordinates (the item stays at the origin).
    """

    def __init__(self, src: BlockEnd, dst: BlockEnd, slot: int, theme: Theme) -> None:
        super().__init__()
        self.src_item, self.dst_item, self.slot = src, dst, slot
        self.theme = theme
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(0.0)
        self._path = QPainterPath()
        self._ends = (QPointF(), QPointF())
        self._shape: QPainterPath | None = None
        self._rect = QRectF()
        self._label: str | None = None
        self._label_rect = QRectF()
        self._state = "normal"
        self.update_path()

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.src_item.node_id, self.dst_item.node_id, self.slot)

    def update_path(self) -> None:
        """Follow the blocks (called when either end moves)."""
        p1 = self.src_item.output_port_scene_pos()
        p2 = self.dst_item.input_port_scene_pos(self.slot)
        self._ends = (p1, p2)
        self._path = wire_path(p1, p2)
        self._shape = None
        self._place_label()
        self.update()

    def _place_label(self) -> None:
        """Place the label and set the bounding rect that covers the wire and the label.

        The free spot for the label is found by asking the scene for items, and that
        brings the scene's index up to date: it must happen before
        ``prepareGeometryChange()``, never between it and the new rect, or the index
        files the wire under its old rect and keeps a dangling pointer to it once the
        wire is removed (the next paint of the canvas then crashed).
        """
        rect = self._path.controlPointRect()
        m = HIT_WIDTH
        rect = rect.adjusted(-m, -m, m, m)
        label_rect = self._free_label_rect() if self._label else QRectF()
        if self._label:
            rect = rect.united(label_rect.adjusted(-1, -1, 1, 1))
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self._label_rect = label_rect

    def _free_label_rect(self) -> QRectF:
        """Where the label covers no block: along the wire from its middle outwards,
        above the curve, then below it; the middle if every spot is taken."""
        fm = self.theme.small_metrics
        w = fm.horizontalAdvance(self._label or "") + 2 * _LABEL_PAD + 2
        h = fm.height() + 2
        p1, p2 = self._ends
        mx = (p1.x() + p2.x()) / 2
        points = [self._path.pointAtPercent(k / 24) for k in range(25)]
        points.sort(key=lambda p: abs(p.x() - mx))
        candidates = [QRectF(p.x() - w / 2, p.y() + dy, w, h)
                      for dy in (-h - 2, 2) for p in points]
        scene = self.scene()
        if scene is not None:
            for r in candidates:
                if not any(is_block(i) for i in scene.items(r)):
                    return r
        return candidates[0]

    def type(self) -> int:
        return WIRE_TYPE

    def path(self) -> QPainterPath:
        return self._path

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = _stroke(self._path, HIT_WIDTH)
        return self._shape

    # -- overlays -------------------------------------------------------------
    def set_label(self, text: str | None) -> None:
        """A small text at the middle of the wire (the contribution it carries)."""
        text = text or None
        if text == self._label:
            return
        self._label = text  # (the bounding rect changes in _place_label, safely)
        # A contribution must stay readable: lift labelled wires above the blocks (z 1).
        self.setZValue(1.5 if text else 0.0)
        self._place_label()
        self.update()

    def label(self) -> str | None:
        return self._label

    def set_state(self, state: str) -> None:
        """normal, dim or active (a wire the current step reads)."""
        if state != self._state:
            self._state = state
            self.update()

    def state(self) -> str:
        return self._state

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._place_label()
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < 0.3:  # far away: a straight hairline is all one can see
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(t.wire_dim if self._state == "dim" else t.wire, 0))
            painter.drawLine(*self._ends)
            return
        color = t.wire
        width = WIRE_WIDTH
        if self._state == "dim":
            color = t.wire_dim
        elif self._state == "active":
            color, width = t.current, WIRE_WIDTH + 1.5
        if self.isSelected():
            color, width = t.highlight, WIRE_WIDTH + 1.5
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if self._label:
            painter.setPen(QPen(t.backward, 1.0))
            painter.setBrush(t.label_fill)
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(t.small_font)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._label)


class LiveWire(QGraphicsItem):
    """The wire that follows the mouse while connecting."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setZValue(10.0)
        self._path = QPainterPath()
        self._rect = QRectF()
        self._color: QColor = theme.highlight

    def set_ends(self, p1: QPointF, p2: QPointF) -> None:
        self.prepareGeometryChange()
        self._path = wire_path(p1, p2)
        self._rect = self._path.controlPointRect().adjusted(-4, -4, 4, 4)

    def set_valid(self, valid: bool | None) -> None:
        """None: no target; True/False: the target would accept / refuse the wire."""
        t = self.theme
        self._color = t.highlight if valid is None else t.valid if valid else t.invalid
        self.update()

    def type(self) -> int:
        return WIRE_TYPE

    def path(self) -> QPainterPath:
        return self._path

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setPen(QPen(self._color, WIRE_WIDTH + 0.5, Qt.PenStyle.DashLine,
                            Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
