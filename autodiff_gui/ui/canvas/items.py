"""Blocks on the canvas: one ``NodeItem`` per document node.

A block is painted with QPainter only (no widgets inside): a coloured header with
the title (input name, constant value, op symbol), a body with the value and the
gradient of the step-through overlay, one input port per argument slot on the left
(labelled when the argument order matters) and one output port on the right.

The bounding rect never changes (it includes the port hit areas and the room for the
"output" tag), so every overlay change is a plain ``update()`` of this block's area.

With a theme font scale above 1 (presentation mode) a block grows with its fonts
(``block_geometry``) without moving its neighbours: an op or input block keeps its
left edge (where its input wires and constants arrive), a constant keeps its right
edge (next to the block it feeds), and both grow evenly up and down.  The block then
lies at ``(x0, y0)`` in item coordinates instead of the origin; at scale 1 the
geometry is exactly ``core.layout``'s.  Scaled blocks shrink a value's font to fit
rather than elide digits, and elide a line too long even then in the middle, so
its result stays visible.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from ...core import ops
from ...core.graph import Document, format_value
from ...diagram.layout import (
    BLOCK_BODY,
    BLOCK_HEADER,
    BLOCK_WIDTH,
    CONST_HEIGHT,
    CONST_WIDTH,
    block_size,
    slot_fraction,
)
from ..app.i18n import op_description, op_formula
from .block_paint import RADIUS, BlockPainting
from .ends import BLOCK_TYPE, WireEnd
from .labels import tag_text
from .theme import Theme

PORT_HIT_RADIUS = 11.0  # ports are easier to hit than they look
TAG_HEIGHT = 17.0
_MARGIN = 6.0  # room for the selection / "current" outline
STATES = ("normal", "dim", "current", "done", "error")
_POS_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
# Port labels, short enough to sit beside a port (translated when drawn).
_SHORT_SLOTS = {"base": QT_TRANSLATE_NOOP("canvas", "base"),
                "exponent": QT_TRANSLATE_NOOP("canvas", "exp"),
                "numerator": QT_TRANSLATE_NOOP("canvas", "num"),
                "denominator": QT_TRANSLATE_NOOP("canvas", "den")}
# A scaled block widens at most this much (past it the layout's gaps would close);
# longer values shrink their font to fit instead.
MAX_WIDTH_GROWTH = 1.3


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


class BlockGeometry(NamedTuple):
    """Where a block is drawn in its item's coordinates, and its header height."""

    x0: float
    y0: float
    width: float
    height: float
    header: float

    @property
    def body(self) -> float:
        return self.height - self.header


def block_geometry(kind: str, theme: Theme) -> BlockGeometry:
    """The drawn block of a node of ``kind`` under ``theme``'s font scale.

    Scale 1 gives ``core.layout``'s block exactly.  Larger scales make the header fit
    the title font and the body two value lines, widen the block with the fonts (up
    to ``MAX_WIDTH_GROWTH``), and anchor it as the module docstring says.
    """
    w0, h0 = block_size(kind)
    k = theme.font_scale
    if k == 1.0:
        return BlockGeometry(0.0, 0.0, w0, h0, BLOCK_HEADER)
    value_line = theme.value_metrics.height() + 2
    if kind == "const":
        w = CONST_WIDTH * min(k, MAX_WIDTH_GROWTH)
        h = max(CONST_HEIGHT * min(k, 1.0),
                theme.title_metrics.ascent() + 2 + value_line + 8)
        return BlockGeometry(w0 - w, (h0 - h) / 2, w, h, 0.0)
    w = BLOCK_WIDTH * min(k, MAX_WIDTH_GROWTH) if k > 1.0 else BLOCK_WIDTH * k
    header = max(BLOCK_HEADER * min(k, 1.0), theme.title_metrics.height() + 6)
    body = max(BLOCK_BODY * min(k, 1.0), 2 * value_line + 14)
    h = header + body
    return BlockGeometry(0.0, (h0 - h) / 2, w, h, header)


def _fitted(text: str, font: QFont, width: float, floor: float) -> tuple[str, QFont]:
    """``text`` in ``font``, its point size reduced (not below ``floor``) to fit
    ``width``; if even the smallest size does not fit, elided in the middle, which
    keeps the name and the result of ``∂f/∂x = 1.3863 + 1.3863 = 2.7726``."""
    fm = QFontMetricsF(font)
    advance = fm.horizontalAdvance(text)
    if advance <= width:
        return text, font
    smaller = QFont(font)
    size = font.pointSizeF()
    while advance > width and size > floor:
        # Advances do not scale exactly with the size (hinting): step down until it fits.
        size = max(floor, min(size - 0.25, size * width / advance))
        smaller.setPointSizeF(size)
        fm = QFontMetricsF(smaller)
        advance = fm.horizontalAdvance(text)
    return fm.elidedText(text, Qt.TextElideMode.ElideMiddle, width), smaller


def _name_and_result(text: str) -> str:
    """``∂f/∂x = 1.3863 + 1.3863 → 2.7726`` as ``∂f/∂x = 2.7726``: the name and the
    result, what a block must show in full when the whole sum does not fit."""
    head, sep, rest = text.partition(" = ")
    if not sep:
        return text
    tail = rest.rsplit(" → ", 1)[-1].rsplit(" = ", 1)[-1]
    return f"{head} = {tail}"


class NodeItem(BlockPainting, QGraphicsItem):
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
        self.arity = doc.arity(node_id)  # an op's slots, or a composite block's inputs
        self.wires_in: dict[int, WireEnd] = {}
        self.wires_out: set[WireEnd] = set()
        self._output = False
        self._state = "normal"
        self._value_text: str | None = None
        self._grad_text: str | None = None
        self._caption: str | None = None
        self._tooltip: str | None = None
        self._port_highlight: tuple[str, int] | None = None
        self._texts: dict[str, Any] = {}
        self._shape: QPainterPath | None = None
        self._set_geometry()
        self.refresh()

    def _set_geometry(self) -> None:
        """Block size and placement from the theme (its font scale)."""
        g = block_geometry(self.kind, self.theme)
        self.geometry = g
        self.width, self.height = g.width, g.height
        k = max(1.0, self.theme.font_scale)
        self._tag_height = TAG_HEIGHT * k
        self._badge = 8.0 * min(k, 2.0)
        side = max(PORT_HIT_RADIUS + 1, self._badge + 2)
        self._rect = QRectF(g.x0 - side, g.y0 - max(self._tag_height + 2, self._badge + 2),
                            g.width + 2 * side,
                            g.height + max(self._tag_height + 2, self._badge + 2) + _MARGIN)
        self._shape = None
    # -- geometry ---------------------------------------------------------------
    def type(self) -> int:
        return BLOCK_TYPE

    def boundingRect(self) -> QRectF:
        return self._rect

    def block_rect(self) -> QRectF:
        """The drawn block, in item coordinates."""
        g = self.geometry
        return QRectF(g.x0, g.y0, g.width, g.height)

    def _local_rect(self) -> QRectF:
        """The drawn block, in block coordinates (its top-left corner at 0, 0)."""
        return QRectF(0, 0, self.width, self.height)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)  # the union of the parts
            path.addRoundedRect(self.block_rect(), RADIUS, RADIUS)
            for p in self._port_points():
                path.addEllipse(p, PORT_HIT_RADIUS, PORT_HIT_RADIUS)
            self._shape = path
        return self._shape

    def _local_output_port(self) -> QPointF:
        g = self.geometry
        if self.kind == "const":
            return QPointF(g.width, g.height / 2)
        return QPointF(g.width, g.header + g.body * 0.5)

    def _local_input_port(self, slot: int) -> QPointF:
        g = self.geometry
        return QPointF(0.0, g.header + g.body * slot_fraction(slot, max(1, self.arity)))

    def output_port_pos(self) -> QPointF:
        g = self.geometry
        return self._local_output_port() + QPointF(g.x0, g.y0)

    def input_port_pos(self, slot: int) -> QPointF:
        g = self.geometry
        return self._local_input_port(slot) + QPointF(g.x0, g.y0)

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
        lines: list[tuple[str, str]] = []  # (text, colour role)
        fonts: list[QFont] = []  # one per line (a scaled block may shrink a long value)
        line = self._line
        if self.kind == "const":
            # a small tag: the value, and the gradient of the overlay under it
            width = self.width - 10
            texts["title"] = t.title_metrics.elidedText(format_value(d["value"]), elide, width)
            if self._grad_text is not None:
                line(lines, fonts, self._grad_text, "backward", width)
            texts.update(lines=lines, fonts=fonts, left=5.0, width=width)
            self._texts = texts
            self._finish_refresh()
            return
        if self.kind == "input":
            title, caption = d["name"], _tr("input")
        elif self.kind == "composite":
            title, caption = d["block"], _tr("block")
        else:
            assert self.op is not None
            title, caption = self.op.symbol, self.op.name
            if "name" in d:  # a named step shows as in the program: c = +
                title = f"{d['name']} = {title}"
            if d.get("label"):  # a backward graph's node: what it is (∂f/∂c), then its op
                title, caption = tag_text(d["label"], ""), self.op.symbol
        if self._caption is not None:
            caption = self._caption
        cap_w = min(t.small_metrics.horizontalAdvance(caption), self.width * 0.45)
        title_w = self.width - 20 - (cap_w + 6 if caption else 0)
        if d.get("label") and self.kind == "op":  # a long label: a smaller font first
            texts["title"], texts["title_font"] = _fitted(
                title, t.title_font, title_w, 0.7 * t.title_font.pointSizeF())
        else:
            texts["title"] = t.title_metrics.elidedText(title, elide, title_w)
        texts["caption"] = t.small_metrics.elidedText(caption, elide, cap_w + 1)
        left = 10.0
        if self.op is not None and self.op.ordered:
            for s, name in enumerate(self.op.slots):
                texts["slots"].append((s, _tr(_SHORT_SLOTS.get(name, name[:4]))))
            left = 10.0 + max(t.small_metrics.horizontalAdvance(n) for _s, n in texts["slots"]) + 6
        elif self.kind == "composite":  # a block's ports are its inputs, by name
            texts["slots"] = list(enumerate(self.doc.slot_names(self.node_id)))
            left = 10.0 + max(t.small_metrics.horizontalAdvance(n) for _s, n in texts["slots"]) + 6
        width = self.width - left - 8
        if self._value_text is not None:
            line(lines, fonts, self._value_text, "forward", width)
        elif self.kind == "input":
            line(lines, fonts, "= " + format_value(d["value"]), "text", width)
        if self._grad_text is not None:
            line(lines, fonts, self._grad_text, "backward", width)
        if not lines and self.op is not None:
            lines.append((t.small_metrics.elidedText(op_description(self.op), elide, width),
                          "muted"))
            fonts.append(t.small_font)
        elif not lines and self.kind == "composite":
            lines.append((t.small_metrics.elidedText(_tr("double-click to open"), elide,
                                                     width), "muted"))
            fonts.append(t.small_font)
        texts.update(lines=lines, fonts=fonts, left=left, width=width)
        self._texts = texts
        self._finish_refresh()

    def _line(self, lines: list[tuple[str, str]], fonts: list[QFont], text: str, role: str,
              width: float) -> None:
        """Add a value line, shrunk a little to fit; if it still does not fit, its name
        and result (``∂f/∂x = 2.7726`` for ``∂f/∂x = 1.3863 + 1.3863 → 2.7726``: numbers
        are never cut, the tooltip and the narration keep the sum), and only as a last
        resort cut in the middle."""
        t = self.theme
        # Hardly smaller than the value font at scale 1: a scaled block shows more, not less.
        floor = 0.85 * t.value_font.pointSizeF() / t.font_scale
        fitted, font = _fitted(text, t.value_font, width, floor)
        short = _name_and_result(text)
        if fitted != text and short != text:
            fitted, font = _fitted(short, t.value_font, width, floor)
        lines.append((fitted, role))
        fonts.append(font)

    def _finish_refresh(self) -> None:
        self._texts["label"] = self._label_tag()
        self.setToolTip(self._tooltip if self._tooltip is not None else self._default_tooltip())
        self.update()

    def _label_tag(self) -> str:
        """What the node is, drawn above the block (a backward graph's ``∂f/∂c``)."""
        d = self.doc.node(self.node_id)
        label = d.get("label")
        if not label:
            return ""
        if self.kind == "op":
            return ""  # the title says it (``refresh``)
        title = d["name"] if self.kind == "input" else format_value(d["value"])
        text = tag_text(label, title)
        room = self.width + 8 - (self.theme.tag_metrics.horizontalAdvance(_tr("output")) + 22
                                 if self._output else 0)
        return self.theme.tag_metrics.elidedText(text, Qt.TextElideMode.ElideRight, room - 12)

    def _default_tooltip(self) -> str:
        d = self.doc.node(self.node_id)
        if self.kind == "input":
            return _tr("input {name} = {value}").format(name=d["name"],
                                                         value=format_value(d["value"]))
        if self.kind == "const":
            return _tr("constant {value}").format(value=format_value(d["value"]))
        if self.kind == "composite":
            return _tr("block {name}({inputs}): double-click to open it and step inside").format(
                name=d["block"], inputs=", ".join(self.doc.slot_names(self.node_id)))
        assert self.op is not None
        lines = [f"{self.op.name}: {op_description(self.op)}"]
        lines += [op_formula(f) for f in self.op.formulas]
        return "\n".join(lines)

    def set_theme(self, theme: Theme) -> None:
        old = self.geometry
        self.theme = theme
        if block_geometry(self.kind, theme) != old:
            self.prepareGeometryChange()
            self._set_geometry()
            for w in list(self.wires_in.values()) + list(self.wires_out):
                w.update_path()  # the ports moved with the block's new size
        self.refresh()

    def set_output_mark(self, on: bool) -> None:
        if on != self._output:
            self._output = on
            if "label" in self._texts:  # the label tag leaves room for the output tag
                self._texts["label"] = self._label_tag()
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
