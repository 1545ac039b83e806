"""The editing room of the main window: canvas, expression bar, palette, inputs, history,
and the status-bar value.

``CanvasEditing`` builds the central widget (expression bar over the canvas) and
the widgets of the window's own docks, and does what the Edit menu and the
palette ask (place a block on a free spot, paste under the mouse, auto layout).
``StatusValue`` is the permanent value summary in the status bar
(``f = 2.0794 · 9 nodes``) and the passing messages beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPalette, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QUndoView, QVBoxLayout, QWidget

from ...core.engine import EvalError
from ...core.expr import ParseError, parse, to_text
from ...core.graph import GraphError, format_value
from ...core.session import Session
from ...diagram.layout import BLOCK_HEIGHT, BLOCK_WIDTH
from ..app.i18n import translate_error
from ..canvas import GraphScene, GraphView
from ..editing.commands import ReplaceDocument
from ..editing.expression_bar import ExpressionBar
from ..editing.inputs_panel import InputsPanel
from ..editing.palette import PaletteWidget
from .files import laid_out


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context it always had


class CanvasEditing:
    """The canvas with the expression bar, the palette, the inputs and the history view."""

    def __init__(self, host: QMainWindow, undo_stack: QUndoStack, scene: GraphScene,
                 view: GraphView) -> None:
        self.host, self.scene, self.view = host, scene, view
        self.document, self.undo_stack = scene.document, undo_stack
        self.expression_bar = ExpressionBar(host)
        self.central = QWidget(host)
        self.central.setObjectName("central")
        box = QVBoxLayout(self.central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.expression_bar)
        box.addWidget(view, 1)
        self.palette_widget = PaletteWidget(host)
        self.inputs_panel = InputsPanel(self.document, undo_stack, host)
        self.undo_view = QUndoView(undo_stack, host)
        self.undo_view.setObjectName("undoView")
        self.palette_widget.blockActivated.connect(self.place_block)
        scene.nodeDoubleClicked.connect(lambda node: scene.edit_node(node, host))

    def expression_text(self) -> str:
        """The current output as text (``?`` for unconnected slots; '' if empty); a
        program of named steps one statement per line."""
        if self.document.output is None:
            return ""
        try:
            return to_text(self.document, sep="\n")
        except (GraphError, ValueError, KeyError, RecursionError):
            return ""

    def refresh(self) -> None:
        """The expression bar follows the document unless the user is typing in it."""
        if not self.expression_bar.is_typing():
            self.expression_bar.show_expression(self.expression_text())

    def apply_expression(self, text: str) -> tuple[str | None, bool]:
        """Build the graph of ``text`` as one undo step (the window follows up); returns
        the error message shown in the bar (None if built) and whether the graph changed."""
        bar = self.expression_bar
        if bar.text() != text:
            bar.set_text(text)  # so an error marks the characters it names
        if not text.strip():
            # A function, an error: the bar says them again after a language change.
            bar.show_error(lambda: _tr("Type a function first, e.g. x**2 + 2*x"))
            return bar.error, False
        try:
            # The text as typed (not stripped): error positions must match the bar.
            new = parse(text, values=self.document.input_values())
        except ParseError as exc:
            bar.show_error(exc, exc.position, exc.end)
            return bar.error, False
        except ValueError as exc:  # GraphError: e.g. a value that does not fit
            bar.show_error(exc)
            return bar.error, False
        laid_out(new)
        if new.same_as(self.document, positions=False):
            return None, False
        self.undo_stack.push(ReplaceDocument(
            self.document, new, QT_TRANSLATE_NOOP("commands", "Build f = %1"),
            "; ".join(line.strip() for line in text.splitlines() if line.strip())))
        return None, True

    def place_block(self, spec: str) -> int | None:
        """Put a palette block (``input``, ``const``, ``op:<name>``) near the view's centre,
        on a free spot (blocks placed one after another do not pile up); returns its id."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        node = self.view.drop_block(spec, self.free_spot(QPointF(centre)))
        self.view.setFocus()
        return node

    def free_spot(self, centre: QPointF) -> QPointF:
        """The point nearest ``centre`` where a new block overlaps no block."""
        taken = [item.sceneBoundingRect() for item in self.scene.node_items()]
        w, h = BLOCK_WIDTH + 30, BLOCK_HEIGHT + 30
        candidates = sorted(((i, j) for i in range(-4, 5) for j in range(-4, 5)),
                            key=lambda ij: (abs(ij[0]) + abs(ij[1]), abs(ij[1]), -ij[0]))
        for i, j in candidates:
            p = QPointF(centre.x() + i * w, centre.y() + j * h)
            rect = QRectF(p.x() - w / 2, p.y() - h / 2, w, h)
            if not any(rect.intersects(r) for r in taken):
                return p
        return centre

    def auto_layout(self) -> None:
        self.scene.auto_layout()
        self.view.zoom_fit()

    def paste(self) -> None:
        """Paste the clipboard's blocks under the mouse (else at the view's centre)."""
        cursor = self.view.mapFromGlobal(self.host.cursor().pos())
        if not self.view.viewport().rect().contains(cursor):
            cursor = self.view.viewport().rect().center()
        self.scene.paste(None, QPointF(self.view.mapToScene(cursor)))

    def select_input(self, nodes: list) -> None:
        """The inputs table follows a single selected input block."""
        doc = self.document
        inputs = [n for n in nodes if n in doc and doc.kind(n) == "input"]
        self.inputs_panel.select_node(inputs[0] if len(inputs) == 1 else None)


class StatusValue(QWidget):
    """The status bar's permanent value label and its passing messages."""

    def __init__(self, host: QMainWindow, session: Session) -> None:
        super().__init__(host)
        self.setObjectName("statusValue")
        self.hide()  # a holder only: the label lives in the status bar
        self.host, self.session = host, session
        self._last_message: str | None = None
        self.label = QLabel(host)
        self.label.setObjectName("valueLabel")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.label.font()
        bold.setBold(True)
        self.label.setFont(bold)
        self.label.setContentsMargins(6, 0, 6, 0)
        bar = host.statusBar()
        bar.setObjectName("statusBar")
        bar.addPermanentWidget(self.label)

    def refresh(self) -> None:
        text, error = self.summary()
        self.label.setText(text)
        self.label.setProperty("error", error)
        self.label.setStyleSheet(f"color: {self._error_color().name()};" if error else "")

    def summary(self) -> tuple[str, bool]:
        """``f = 2.0794 · 9 nodes`` or why the graph does not evaluate, and whether that
        is an error."""
        n = len(self.session.document)
        nodes = _tr("1 node") if n == 1 else _tr("{n} nodes").format(n=n)
        if n == 0:
            return _tr("Empty graph: drag blocks from the palette or type a function"), False
        try:
            value = self.session.program().evaluate()
        except GraphError as exc:
            return _tr("Incomplete: {reason} · {nodes}").format(
                reason=translate_error(exc), nodes=nodes), True
        except EvalError as exc:
            return _tr("Error: {error} · {nodes}").format(error=translate_error(exc),
                                                              nodes=nodes), True
        return _tr("f = {value} · {nodes}").format(value=format_value(value),
                                                       nodes=nodes), False

    def _error_color(self) -> QColor:
        dark = self.host.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return QColor("#ff8a80") if dark else QColor("#c62828")

    def show_message(self, text: str, timeout: int = 8000) -> None:
        """A passing message in the status bar (refused wires, bad values, files)."""
        self._last_message = text
        self.host.statusBar().showMessage(text, timeout)

    def drop_stale_message(self) -> None:
        # An edit went through: a refusal still showing ("'abc' is not a number… kept 1")
        # would read, on a projector, as if this edit had failed too.
        bar = self.host.statusBar()
        if bar.currentMessage() and bar.currentMessage() == self._last_message:
            bar.clearMessage()
