"""The graph view: zoom, pan, rubber-band selection, drops from the palette, and a
Tab "add block" search box.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QCompleter, QGraphicsView, QLineEdit, QWidget

from ...core import ops
from ...core.graph import GraphError
from ..app.i18n import translate_error
from .scene import MIME_BLOCK, GraphScene, parse_value_text
from .theme import current_theme

MIN_SCALE = 0.03
MAX_SCALE = 4.0
MAX_FIT_SCALE = 2.0  # a small graph is enlarged to be read, a lone block not blown up
ZOOM_STEP = 1.25
GRID = 40.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def quick_add_names() -> list[str]:
    """What the Tab box offers: input, constant and every op name."""
    return ["input", "constant", *ops.OPS]


def resolve_block_text(text: str) -> str | None:
    """Turn what was typed in the Tab box into a block spec ("op:mul", "input",
    "const", "const:2.5"), or None if it names nothing."""
    t = text.strip()
    if not t:
        return None
    word = t.split()[0]
    low = word.lower()
    if low in ops.OPS:
        return f"op:{low}"
    if word in ops.BINARY_INFIX:
        return f"op:{ops.BINARY_INFIX[word]}"
    if low in ("input", "variable", "var"):
        return "input"
    if low in ("constant", "const"):
        return "const"
    for op in ops.OPS.values():
        if op.symbol == t:
            return f"op:{op.name}"
    try:
        parse_value_text(t)
    except GraphError:
        return None
    return f"const:{t}"


class QuickAddBox(QLineEdit):
    """A one-line search box with completion over the block names (Tab on the canvas)."""

    def __init__(self, view: GraphView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("quickAddBox")
        self.retranslate()
        self.setMinimumWidth(220)
        completer = QCompleter(quick_add_names(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.scene_pos = QPointF()
        self.returnPressed.connect(self.accept_text)
        self.hide()

    def retranslate(self) -> None:
        self.setPlaceholderText(_tr("add block: mul, log, input, 2.5 …"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_at(self, view_pos: QPoint) -> None:
        self.scene_pos = self.view.mapToScene(view_pos)
        self.clear()
        self.adjustSize()
        x = min(max(0, view_pos.x()), max(0, self.view.width() - self.width()))
        y = min(max(0, view_pos.y()), max(0, self.view.height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def accept_text(self) -> int | None:
        spec = resolve_block_text(self.text())
        self.close_box()
        if spec is None:
            scene = self.view.graph_scene()
            if scene is not None and self.text().strip():
                scene.statusMessage.emit(_tr("no block called {text}").format(text=self.text()))
            return None
        return self.view.drop_block(spec, self.scene_pos)

    def close_box(self) -> None:
        self.hide()
        self.view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_box()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # the completer's list
            self.hide()


class GraphView(QGraphicsView):
    """Shows a GraphScene: wheel zoom at the cursor, Ctrl +/−, F to fit, middle-button
    or space+drag to pan, rubber-band selection, Del to delete, Tab to add a block,
    and drops of "application/x-autodiff-block" from the palette."""

    def __init__(self, scene: GraphScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        # Drops a "block:<name>" palette entry (a composite block from My blocks) at a
        # scene point; set by the blocks part (ui/editing/blocks.py).
        self.block_dropper: Any = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self._pan_from: QPointF | None = None
        self._space_pan = False
        self._last_mouse = QPoint(-1, -1)
        # Fitted to the window (by F or a new graph) until the user zooms or pans: then a
        # resize (maximising, docks opening) keeps the whole graph in view.
        self._fitted = False
        self.quick_add = QuickAddBox(self)
        if scene is not None:
            self.setScene(scene)

    # -- scene ----------------------------------------------------------------
    def setScene(self, scene: Any) -> None:
        old = self.graph_scene()
        if old is not None:
            try:
                old.sceneRectChanged.disconnect(self._update_scene_rect)
                old.documentReset.disconnect(self._update_scene_rect)
            except (RuntimeError, TypeError):
                pass
        super().setScene(scene)
        if isinstance(scene, GraphScene):
            scene.sceneRectChanged.connect(self._update_scene_rect)
            scene.documentReset.connect(self._update_scene_rect)
            self._update_scene_rect()

    def graph_scene(self) -> GraphScene | None:
        s = self.scene()
        return s if isinstance(s, GraphScene) else None

    def _update_scene_rect(self, *_: Any) -> None:
        """Let the view pan a viewport beyond the blocks in every direction."""
        self._update_scene_rect_for(self.zoom_factor())

    # -- zoom -------------------------------------------------------------------
    def zoom_factor(self) -> float:
        return self.transform().m11()

    def _zoom_by(self, factor: float) -> None:
        current = self.zoom_factor()
        target = min(MAX_SCALE, max(MIN_SCALE, current * factor))
        if target == current:
            return
        f = target / current
        self._fitted = False
        self._update_scene_rect_for(target)
        self.scale(f, f)

    def _update_scene_rect_for(self, scale: float) -> None:
        """The scene rect for zooming to ``scale``: room for a viewport around the blocks
        at the smaller of ``scale`` and the zoom now."""
        scene = self.graph_scene()
        if scene is None:
            return
        rect = scene.items_bounding_rect()
        if rect.isNull():
            rect = QRectF(-200, -200, 400, 400)
        s = max(min(scale, self.zoom_factor()), MIN_SCALE)
        mx, my = self.viewport().width() / s, self.viewport().height() / s
        self.setSceneRect(rect.adjusted(-mx, -my, mx, my))

    def _zoom_centre(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._zoom_by(factor)
        self.setTransformationAnchor(anchor)

    def zoom_in(self) -> None:
        self._zoom_centre(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_centre(1 / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._zoom_centre(1.0 / self.zoom_factor())

    def zoom_fit(self) -> None:
        """Show every block (enlarged up to MAX_FIT_SCALE)."""
        scene = self.graph_scene()
        if scene is None:
            return
        rect = scene.items_bounding_rect()
        if rect.isNull():
            return
        rect = rect.adjusted(-30, -30, 30, 30)
        self._update_scene_rect_for(MIN_SCALE)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_factor() > MAX_FIT_SCALE:
            self.resetTransform()
            self.scale(MAX_FIT_SCALE, MAX_FIT_SCALE)
        self._update_scene_rect()
        self.centerOn(rect.center())
        self._fitted = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.zoom_fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self._zoom_by(1.0015 ** delta)  # one notch (120) ≈ 1.2×
        event.accept()

    # -- blocks -----------------------------------------------------------------
    def drop_block(self, spec: str, scene_pos: QPointF) -> int | None:
        """Add the block a palette entry describes ("op:mul", "input", "const",
        "const:2.5") centred at ``scene_pos``; returns the new node id."""
        scene = self.graph_scene()
        if scene is None:
            return None
        spec = spec.strip()
        node: int | None = None
        if spec.startswith("op:"):
            name = spec[3:]
            if name not in ops.OPS:
                scene.statusMessage.emit(_tr("unknown operation {name}").format(name=name))
                return None
            node = scene.add_block("op", scene_pos, name)
        elif spec == "input":
            node = scene.add_block("input", scene_pos)
        elif spec in ("const", "constant"):
            node = scene.add_block("const", scene_pos)
        elif spec.startswith("block:") and self.block_dropper is not None:
            node = self.block_dropper(spec[6:], scene_pos)
        elif spec.startswith("const:"):
            try:
                value = parse_value_text(spec[6:])
            except GraphError as exc:
                scene.statusMessage.emit(translate_error(exc))
                return None
            node = scene.add_block("const", scene_pos, value=value)
        else:
            scene.statusMessage.emit(_tr("unknown block {spec}").format(spec=spec))
            return None
        self.setFocus()
        return node

    def open_quick_add(self, view_pos: QPoint | None = None) -> QuickAddBox:
        """Open the Tab search box at ``view_pos`` (default: the mouse, else the centre)."""
        if view_pos is None:
            inside = self.viewport().rect().contains(self._last_mouse)
            view_pos = self._last_mouse if inside else self.viewport().rect().center()
        self.quick_add.open_at(view_pos)
        return self.quick_add

    # -- drag and drop from the palette -----------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_BLOCK):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME_BLOCK):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(MIME_BLOCK):
            spec = bytes(mime.data(MIME_BLOCK).data()).decode("utf-8", "replace")
            self.drop_block(spec, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    # -- keys ---------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab would move the focus before keyPressEvent sees it.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Tab and not event.modifiers():
            self.open_quick_add()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.graph_scene()
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if scene is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            scene.delete_selection()
        elif scene is not None and key == Qt.Key.Key_Escape:
            scene.cancel_interaction()
        elif key == Qt.Key.Key_F and not ctrl:
            self.zoom_fit()
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.zoom_reset()
        elif scene is not None and ctrl and key == Qt.Key.Key_C:
            scene.copy_selection()
        elif scene is not None and ctrl and key == Qt.Key.Key_V:
            inside = self.viewport().rect().contains(self._last_mouse)
            scene.paste(None, self.mapToScene(self._last_mouse) if inside else None)
        elif scene is not None and ctrl and key == Qt.Key.Key_D:
            scene.duplicate_selection()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_pan = True
            self.setInteractive(False)
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_pan:
            self._space_pan = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.setInteractive(True)
        else:
            super().keyReleaseEvent(event)

    # -- mouse: middle-button pan -------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._last_mouse = event.position().toPoint()
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the content by (dx, dy) viewport pixels."""
        self._fitted = False
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() - round(dx))
        v.setValue(v.value() - round(dy))

    # -- look -------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        scene = self.graph_scene()
        theme = scene.theme if scene is not None else current_theme()
        painter.fillRect(rect, theme.background)
        if self.zoom_factor() < 0.5:
            return  # a grid that dense is noise
        pen = QPen(theme.grid, 0)  # cosmetic: one pixel at any zoom
        painter.setPen(pen)
        left = int(rect.left() // GRID) * GRID
        top = int(rect.top() // GRID) * GRID
        x = left
        lines = []
        while x < rect.right():
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += GRID
        y = top
        while y < rect.bottom():
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += GRID
        painter.drawLines(lines)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            scene = self.graph_scene()
            if scene is not None:
                scene.set_theme(current_theme())
        elif event.type() == QEvent.Type.LanguageChange:
            scene = self.graph_scene()
            if scene is not None:  # blocks are items, not widgets: they hear it from here
                scene.retranslate()
        super().changeEvent(event)
