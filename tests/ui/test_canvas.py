"""The canvas, driven like a user would: drops, real mouse drags on the viewport, keys.

Mouse events are QMouseEvents sent to ``view.viewport()`` with the button held during
moves, at the scene positions of the ports mapped to the viewport.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QDropEvent,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QUndoStack,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document
from autodiff_gui.diagram.layout import count_crossings
from autodiff_gui.ui.canvas import (
    MIME_BLOCK,
    MIME_NODES,
    GraphScene,
    GraphView,
    NodeItem,
    legend_entries,
    resolve_block_text,
    wire_path,
)
from autodiff_gui.ui.canvas import scene as scene_module
from autodiff_gui.ui.canvas.block_paint import PORT_RADIUS
from autodiff_gui.ui.canvas.items import PORT_HIT_RADIUS
from autodiff_gui.ui.canvas.view import MAX_FIT_SCALE
from autodiff_gui.ui.editing.commands import ReplaceDocument
from tests.core.test_layout import seed_doc

L = Qt.MouseButton.LeftButton
NO = Qt.MouseButton.NoButton


class Canvas:
    """A shown view on a scene on a document, with mouse and key helpers."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.doc = Document()
        self.stack = QUndoStack()
        self.scene = GraphScene(self.doc, self.stack)
        self.view = GraphView(self.scene)
        qtbot.addWidget(self.view)
        self.view.resize(1200, 800)
        self.view.show()
        QApplication.processEvents()
        self.messages: list[str] = []
        self.scene.statusMessage.connect(self.messages.append)

    def item(self, node: int) -> NodeItem:
        item = self.scene.node_item(node)
        assert item is not None
        return item

    def send(self, kind: QEvent.Type, scene_pt: QPointF, button: Qt.MouseButton,
             buttons: Qt.MouseButton) -> None:
        vp = self.view.mapFromScene(scene_pt)
        glob = self.view.viewport().mapToGlobal(vp)
        ev = QMouseEvent(kind, QPointF(vp), QPointF(glob), button, buttons,
                         Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(self.view.viewport(), ev)

    def drag(self, a: QPointF, b: QPointF, steps: int = 6) -> None:
        self.send(QEvent.Type.MouseButtonPress, a, L, L)
        for k in range(1, steps + 1):
            self.send(QEvent.Type.MouseMove, a + (b - a) * (k / steps), NO, L)
        self.send(QEvent.Type.MouseButtonRelease, b, L, NO)

    def click(self, pt: QPointF) -> None:
        self.send(QEvent.Type.MouseButtonPress, pt, L, L)
        self.send(QEvent.Type.MouseButtonRelease, pt, L, NO)

    def out_port(self, node: int) -> QPointF:
        return self.item(node).output_port_scene_pos()

    def in_port(self, node: int, slot: int) -> QPointF:
        return self.item(node).input_port_scene_pos(slot)

    def wire(self, src: int, dst: int, slot: int) -> None:
        """Drag from src's output port to dst's input port."""
        self.drag(self.out_port(src), self.in_port(dst, slot))

    def body(self, node: int) -> QPointF:
        item = self.item(node)
        return item.mapToScene(QPointF(item.width / 2, item.height - 8))

    def key(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            text: str = "") -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(self.view, QKeyEvent(kind, key, mods, text))

    def edges(self) -> list[tuple[int, int, int]]:
        return sorted(self.doc.edges())


@pytest.fixture
def canvas(qtbot) -> Iterator[Canvas]:  # noqa: ANN001
    c = Canvas(qtbot)
    yield c
    c.scene.detach()


def build_seed_by_mouse(c: Canvas) -> dict[str, int]:
    """Drop the nine blocks of the seed (in the seed's order) and wire them by dragging."""
    drop = c.view.drop_block
    n: dict[str, int] = {}
    n["x"] = drop("input", QPointF(0, 0))
    n["c2"] = drop("const", QPointF(200, -60))
    n["a"] = drop("op:pow", QPointF(380, -40))
    n["c2b"] = drop("const", QPointF(200, 80))
    n["b"] = drop("op:mul", QPointF(380, 100))
    n["c"] = drop("op:add", QPointF(580, 30))
    n["y"] = drop("input", QPointF(0, 260))
    n["d"] = drop("op:log", QPointF(380, 260))
    n["z"] = drop("op:mul", QPointF(780, 120))
    assert all(isinstance(v, int) for v in n.values())
    assert c.stack.count() == 9
    assert c.scene.set_node_value(n["c2"], "2") and c.scene.set_node_value(n["c2b"], "2")
    assert c.scene.set_node_value(n["y"], "2")
    c.wire(n["x"], n["a"], 0)
    c.wire(n["c2"], n["a"], 1)
    c.wire(n["c2b"], n["b"], 0)
    c.drag(c.in_port(n["b"], 1), c.out_port(n["x"]))  # backwards: input port to output
    c.wire(n["a"], n["c"], 0)
    c.wire(n["b"], n["c"], 1)
    c.wire(n["y"], n["d"], 0)
    c.wire(n["c"], n["z"], 0)
    c.wire(n["d"], n["z"], 1)
    return n


def test_build_the_seed_with_the_mouse(canvas: Canvas) -> None:
    c = canvas
    n = build_seed_by_mouse(c)
    assert c.messages == []
    assert c.doc.same_as(seed_doc(), positions=False)  # same ids, values, wires, output
    value, grads = compile_graph(c.doc).gradient()
    assert value == pytest.approx(2.0794415416798357)
    assert grads == pytest.approx({"x": 2.772588722239781, "y": 1.5})
    QApplication.processEvents()  # the output mark follows once per batch of edits
    assert c.scene.output_node() == n["z"] and c.item(n["z"]).is_output()
    assert {it.node_id for it in c.scene.node_items()} == set(c.doc.nodes())
    assert sorted(w.key for w in c.scene.wire_items()) == c.edges()
    for node in c.doc.nodes():
        assert c.item(node).data(0) == node and type(c.item(node).data(0)) is int
    assert c.stack.count() == 9 + 3 + 9  # one undo step per drop, value and wire


def test_refused_connections_snap_back_with_a_reason(canvas: Canvas) -> None:
    c = canvas
    n = build_seed_by_mouse(c)
    before, count = c.doc.copy(), c.stack.count()
    c.wire(n["z"], n["a"], 0)  # a cycle
    assert "cycle" in c.messages[-1]
    c.drag(c.out_port(n["a"]), c.body(n["a"]))  # onto itself
    assert "itself" in c.messages[-1]
    c.drag(c.out_port(n["c"]), c.body(n["y"]))  # into an input
    assert "takes no arguments" in c.messages[-1]
    c.drag(c.out_port(n["d"]), c.body(n["c2"]))  # into a constant
    assert "takes no arguments" in c.messages[-1]
    c.drag(c.out_port(n["x"]), c.out_port(n["y"]))  # output onto output
    assert "input slot" in c.messages[-1]
    assert len(c.messages) == 5
    assert c.doc.same_as(before) and c.stack.count() == count
    assert not any(type(it).__name__ == "LiveWire" for it in c.scene.items())
    assert all(w.isVisible() for w in c.scene.wire_items())


def test_dropping_on_a_taken_slot_replaces_the_wire_in_one_step(canvas: Canvas) -> None:
    c = canvas
    n = build_seed_by_mouse(c)
    before, count = c.doc.copy(), c.stack.count()
    c.wire(n["y"], n["z"], 1)  # the slot holds log(y)
    assert c.doc.source(n["z"], 1) == n["y"]
    assert c.scene.wire_item(n["d"], n["z"], 1) is None
    assert c.scene.wire_item(n["y"], n["z"], 1) is not None
    assert c.stack.count() == count + 1
    c.stack.undo()
    assert c.doc.same_as(before)
    assert c.scene.wire_item(n["d"], n["z"], 1) is not None


def test_dragging_a_wire_off_its_slot_disconnects_or_moves_it(canvas: Canvas) -> None:
    c = canvas
    n = build_seed_by_mouse(c)
    before, index = c.doc.copy(), c.stack.index()
    c.drag(c.in_port(n["z"], 1), c.in_port(n["z"], 1) + QPointF(-60, 200))  # off into space
    assert c.doc.source(n["z"], 1) is None and c.stack.index() == index + 1
    c.stack.undo()
    assert c.doc.same_as(before)
    c.drag(c.in_port(n["z"], 1), c.in_port(n["z"], 0))  # onto the other slot: moved
    assert c.doc.source(n["z"], 0) == n["d"] and c.doc.source(n["z"], 1) is None
    assert c.stack.index() == index + 1
    c.stack.undo()
    assert c.doc.same_as(before)
    c.click(c.in_port(n["z"], 1))  # a click on a wired slot changes nothing
    assert c.doc.same_as(before) and c.stack.index() == index
    assert c.scene.wire_item(n["d"], n["z"], 1).isVisible()


def test_move_by_dragging_merges_consecutive_drags(canvas: Canvas) -> None:
    c = canvas
    node = c.view.drop_block("op:exp", QPointF(0, 0))
    start = c.doc.position(node)
    count = c.stack.count()
    c.drag(c.body(node), c.body(node) + QPointF(50, 30))
    assert c.doc.position(node) == (start[0] + 50, start[1] + 30)
    assert c.item(node).pos() == QPointF(start[0] + 50, start[1] + 30)
    c.drag(c.body(node), c.body(node) + QPointF(10, -10))
    assert c.stack.count() == count + 1  # merged
    c.stack.undo()
    assert c.doc.position(node) == start and c.item(node).pos() == QPointF(*start)


def test_rubber_band_selects_and_delete_key_removes_in_one_undo_step(canvas: Canvas) -> None:
    c = canvas
    n = build_seed_by_mouse(c)
    before = c.doc.copy()
    sel: list[list[int]] = []
    c.scene.selectionNodesChanged.connect(sel.append)
    a, b = c.item(n["a"]).sceneBoundingRect(), c.item(n["b"]).sceneBoundingRect()
    top_left = QPointF(a.left() - 15, a.top() - 15)
    c.drag(top_left, QPointF(b.right() + 15, b.bottom() + 15))
    assert set(c.scene.selected_nodes()) == {n["a"], n["b"]}
    assert sel and set(sel[-1]) == {n["a"], n["b"]}
    c.key(Qt.Key.Key_Delete)
    assert n["a"] not in c.doc and n["b"] not in c.doc
    assert c.scene.node_item(n["a"]) is None
    assert c.doc.source(n["c"], 0) is None
    c.stack.undo()
    assert c.doc.same_as(before)
    assert c.scene.wire_item(n["x"], n["a"], 0) is not None


def test_copy_paste_and_duplicate(canvas: Canvas) -> None:
    c = canvas
    n = build_seed_by_mouse(c)
    c.click(c.body(n["a"]))
    c.item(n["c2"]).setSelected(True)
    text = c.scene.copy_selection()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_NODES) and mime.text() == text
    count, nodes = c.stack.count(), set(c.doc.nodes())
    new = c.scene.paste(None, QPointF(1000, 500))
    assert len(new) == 2 and not set(new) & nodes
    assert c.stack.count() == count + 1
    assert set(c.scene.selected_nodes()) == set(new)
    new_pow = next(m for m in new if c.doc.node(m).get("op") == "pow")
    new_const = next(m for m in new if c.doc.kind(m) == "const")
    assert c.doc.arguments(new_pow) == [None, new_const]  # the wire among them came along
    centre = c.item(new_pow).sceneBoundingRect().united(
        c.item(new_const).sceneBoundingRect()).center()
    assert abs(centre.x() - 1000) < 40 and abs(centre.y() - 500) < 40
    dup = c.scene.duplicate_selection()
    assert len(dup) == 2 and c.stack.count() == count + 2
    c.stack.undo()
    c.stack.undo()
    assert set(c.doc.nodes()) == nodes
    assert c.scene.paste("not blocks", None) == [] and "no blocks" in c.messages[-1]


@pytest.mark.parametrize("pos", ['"ab"', "[1]", "5", '{"x": 1}'])
def test_paste_at_a_point_refuses_damaged_positions_with_a_message(canvas: Canvas, pos: str
                                                                  ) -> None:
    # Centring the paste at the mouse read the positions first and raised there.
    c = canvas
    entry = '{"id": 1, "kind": "const", "value": 1, "pos": ' + pos + "}"
    text = '{"format": "autodiff-nodes", "version": 1, "edges": [], "nodes": [' + entry + "]}"
    assert c.scene.paste(text, QPointF(10, 10)) == []
    assert len(c.doc) == 0 and c.stack.count() == 0
    assert "damaged" in c.messages[-1]



def test_undo_during_a_wire_drag_removing_its_block_ends_the_drag(canvas: Canvas) -> None:
    c = canvas
    node = c.scene.add_block("op", QPointF(0, 0), "sin")
    x = c.scene.add_block("input", QPointF(-300, 0))
    assert node is not None and x is not None
    start = c.out_port(node)
    c.send(QEvent.Type.MouseButtonPress, start, L, L)
    c.send(QEvent.Type.MouseMove, start + QPointF(40, 40), NO, L)
    c.stack.undo()  # Ctrl+Z with the button still held: the sin block goes
    c.stack.undo()
    assert node not in c.doc
    c.send(QEvent.Type.MouseMove, start + QPointF(80, 80), NO, L)
    c.send(QEvent.Type.MouseButtonRelease, start + QPointF(80, 80), L, NO)
    assert c.doc.edges() == []
    assert all(isinstance(it, NodeItem) for it in c.scene.items())  # no live wire left

def test_scene_follows_document_events(canvas: Canvas) -> None:
    c = canvas
    x = c.doc.add_input("x", 1.0)  # straight on the document, no command
    s = c.doc.add_op("sin")
    assert c.item(x).data(0) == x and c.item(s).data(0) == s
    assert not c.item(s).collidesWithItem(c.item(x))  # placed apart
    c.doc.connect(x, s, 0)
    wire = c.scene.wire_item(x, s, 0)
    assert wire is not None and c.item(s).wires_in[0] is wire
    c.doc.set_position(s, (500, 60))
    assert c.item(s).pos() == QPointF(500, 60)
    assert wire.path().currentPosition() == c.in_port(s, 0)  # the wire followed
    c.doc.rename(x, "t")
    assert c.item(x)._texts["title"] == "t"
    c.scene.refresh_output_mark()
    assert c.scene.output_node() == s and c.item(s).is_output()
    c.doc.remove_node(x)
    assert c.scene.node_item(x) is None and c.scene.wire_item(x, s, 0) is None
    assert all(isinstance(it, NodeItem) for it in c.scene.items())
    resets: list[bool] = []
    c.scene.documentReset.connect(lambda: resets.append(True))
    c.doc.replace_with(seed_doc())  # no positions: laid out
    assert resets == [True]
    assert {it.node_id for it in c.scene.node_items()} == set(c.doc.nodes())
    where = {n: (c.item(n).x(), c.item(n).y()) for n in c.doc.nodes()}
    assert count_crossings(c.doc, where) == 0


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 99), st.integers(0, 99)),
                max_size=25))
def test_scene_mirrors_the_document_through_undo_and_redo(canvas: Canvas, actions) -> None:  # noqa: ANN001
    c = canvas
    c.stack.clear()
    c.doc.replace_with(seed_doc())
    for kind, i, j in actions:
        nodes = c.doc.nodes()
        a = nodes[i % len(nodes)] if nodes else None
        b = nodes[j % len(nodes)] if nodes else None
        if kind == 0:
            c.view.drop_block(["input", "const", "op:add", "op:sin"][i % 4], QPointF(i, j))
        elif kind == 1 and a is not None and b is not None:
            c.scene.connect_ports(a, b, j % 2)
        elif kind == 2 and a is not None:
            c.scene.select_only([a])
            c.scene.delete_selection()
        elif kind == 3 and c.stack.canUndo():
            c.stack.undo()
        elif kind == 4 and c.stack.canRedo():
            c.stack.redo()
        elif kind == 5 and a is not None:
            c.scene.set_output(a)
        c.scene.refresh_output_mark()
        assert {it.node_id for it in c.scene.node_items()} == set(c.doc.nodes())
        assert sorted(w.key for w in c.scene.wire_items()) == c.edges()
        assert c.scene.output_node() == c.doc.output
        for node in c.doc.nodes():
            p = c.doc.position(node)
            if p is not None:
                assert (c.item(node).x(), c.item(node).y()) == p


def test_overlays_repaint_only_their_item(canvas: Canvas) -> None:
    c = canvas
    c.stack.push(ReplaceDocument(c.doc, seed_doc(), "seed"))
    x = c.doc.find_input("x")
    pow_node = c.doc.users(x)[0][0]
    item = c.item(pow_node)
    rect = item.boundingRect()
    item.set_state("current")
    item.set_annotation("= 1", "∂ 2")
    item.set_tooltip_text("a = x ** 2")
    assert item.state() == "current" and item.annotation() == ("= 1", "∂ 2")
    assert item.toolTip() == "a = x ** 2"
    assert item.boundingRect() == rect  # no geometry change for node overlays
    assert [t for t, _role in item._texts["lines"]] == ["= 1", "∂ 2"]
    with pytest.raises(ValueError):
        item.set_state("purple")
    wire = c.scene.wire_item(x, pow_node, 0)
    plain = wire.boundingRect()
    wire.set_label("∂ 2.0000")
    assert wire.label() == "∂ 2.0000" and wire.boundingRect().contains(plain)
    assert wire.zValue() > item.zValue()  # the contribution is drawn over blocks
    c.scene.clear_overlays()
    assert wire.zValue() < item.zValue()
    assert item.state() == "normal" and item.annotation() == (None, None)
    assert item.toolTip().startswith("pow")
    assert wire.label() is None
    # a long value is elided to fit its block
    item.set_annotation("= " + "1234567890" * 5, None)
    shown = item._texts["lines"][0][0]
    # cut in the middle, so the end of a running sum (the result) stays visible
    assert "…" in shown and shown.endswith("7890")
    font = item._texts["fonts"][0]
    assert QFontMetricsF(font).horizontalAdvance(shown) <= item._texts["width"] + 1


def test_set_pos_leaks_no_references_to_none(canvas: Canvas) -> None:
    # PySide6 6.12 dropped a reference to None on every Qt call returning None.
    c = canvas
    node = c.view.drop_block("op:exp", QPointF(0, 0))
    item = c.item(node)
    positions = [float(k % 50) for k in range(1000)]
    for p in positions[:10]:  # warm up: first calls may cache things
        item.setPos(p, 0.0)
    before = sys.getrefcount(None)
    for p in positions:
        item.setPos(p, 0.0)
    after = sys.getrefcount(None)  # outside the assert: pytest's rewrite makes Nones
    assert after - before == 0


def test_wire_path_is_a_pure_monotone_curve() -> None:
    p1, p2 = QPointF(10, 20), QPointF(300, 180)
    path = wire_path(p1, p2)
    assert path.pointAtPercent(0) == p1 and path.pointAtPercent(1) == p2
    xs = [path.pointAtPercent(k / 50).x() for k in range(51)]
    assert all(a <= b + 1e-9 for a, b in zip(xs, xs[1:]))
    back = wire_path(QPointF(300, 0), QPointF(0, 100))  # backwards: still ends right
    assert back.pointAtPercent(1) == QPointF(0, 100)
    assert back.controlPointRect().right() > 300  # it loops out to the right first


def test_ports_are_easier_to_hit_than_they_look(canvas: Canvas) -> None:
    node = canvas.view.drop_block("op:div", QPointF(0, 0))
    item = canvas.item(node)
    assert PORT_HIT_RADIUS >= 2 * PORT_RADIUS - 0.5
    port = item.input_port_pos(1)
    near = port + QPointF(-PORT_RADIUS * 1.8, 0)  # outside the drawn circle
    assert item.port_at(near) == ("in", 1)
    assert item.shape().contains(near)
    assert item.port_at(port + QPointF(-PORT_HIT_RADIUS * 1.5, 0)) is None
    out = item.output_port_pos() + QPointF(PORT_RADIUS * 1.8, 0)
    assert item.port_at(out) == ("out", 0) and item.shape().contains(out)
    assert item._texts["slots"] == [(0, "num"), (1, "den")]  # ordered: ports labelled


def test_drop_event_tab_box_and_context_menu(canvas: Canvas, monkeypatch) -> None:  # noqa: ANN001
    c = canvas
    mime = QMimeData()
    mime.setData(MIME_BLOCK, QByteArray(b"op:mul"))
    where = QPoint(400, 300)
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, L,
                      Qt.KeyboardModifier.NoModifier)
    c.view.dropEvent(drop)
    (node,) = c.doc.nodes()
    assert c.doc.node(node)["op"] == "mul"
    centre = c.item(node).sceneBoundingRect().center()
    target = c.view.mapToScene(where)
    assert abs(centre.x() - target.x()) < 15 and abs(centre.y() - target.y()) < 15
    assert c.view.drop_block("op:nope", QPointF(0, 0)) is None and "unknown" in c.messages[-1]

    c.key(Qt.Key.Key_Tab)
    box = c.view.quick_add
    assert box.isVisible()
    box.setText("log")
    new = box.accept_text()
    assert not box.isVisible() and c.doc.node(new)["op"] == "log"
    assert resolve_block_text("*") == "op:mul" and resolve_block_text("2.5") == "const:2.5"
    assert resolve_block_text("σ") == "op:sigmoid" and resolve_block_text("zzz") is None

    x = c.view.drop_block("input", QPointF(-300, 0))
    menu = c.scene.node_menu(x)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Set as output", "Rename…", "Edit value…", "Delete"]
    menu.actions()[0].trigger()
    assert c.doc.output == x
    monkeypatch.setattr(scene_module, "_ask_text", lambda *a: ("speed", True))
    double: list[int] = []
    c.scene.nodeDoubleClicked.connect(double.append)
    c.send(QEvent.Type.MouseButtonDblClick, c.body(x), L, L)
    assert double == [x]
    assert c.scene.edit_node(x, c.view) and c.doc.node(x)["name"] == "speed"
    monkeypatch.setattr(scene_module, "_ask_text", lambda *a: ("sin", True))
    assert not c.scene.edit_node(x) and "function" in c.messages[-1]
    k = c.view.drop_block("const", QPointF(-300, 200))
    monkeypatch.setattr(scene_module, "_ask_text", lambda *a: ("[1, 2.5]", True))
    assert c.scene.edit_node(k)
    assert list(c.doc.node(k)["value"]) == [1.0, 2.5]


def test_zoom_keys_wheel_and_fit(canvas: Canvas) -> None:
    c = canvas
    c.stack.push(ReplaceDocument(c.doc, seed_doc(), "seed"))
    z0 = c.view.zoom_factor()
    c.view.zoom_in()
    assert c.view.zoom_factor() == pytest.approx(z0 * 1.25)
    c.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert c.view.zoom_factor() == pytest.approx(z0)
    pos = QPointF(300, 200)
    wheel = QWheelEvent(pos, QPointF(c.view.viewport().mapToGlobal(pos.toPoint())),
                        QPoint(0, 0), QPoint(0, 120), NO, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(c.view.viewport(), wheel)
    assert c.view.zoom_factor() > z0 * 1.1
    h, v = c.view.horizontalScrollBar().value(), c.view.verticalScrollBar().value()
    mid = Qt.MouseButton.MiddleButton
    start = c.view.mapToScene(QPoint(600, 400))
    c.send(QEvent.Type.MouseButtonPress, start, mid, mid)
    c.send(QEvent.Type.MouseMove, start + QPointF(-30, -20) / c.view.zoom_factor(), NO, mid)
    c.send(QEvent.Type.MouseButtonRelease, start, mid, NO)
    assert (c.view.horizontalScrollBar().value(), c.view.verticalScrollBar().value()) \
        == (h + 30, v + 20)  # the middle button pans
    c.view.scale(0.2, 0.2)
    c.key(Qt.Key.Key_F, text="f")
    shown = c.view.mapToScene(c.view.viewport().rect()).boundingRect()
    assert shown.contains(c.scene.items_bounding_rect())
    assert c.view.zoom_factor() <= MAX_FIT_SCALE


def test_the_canvas_renders_readably(canvas: Canvas) -> None:
    c = canvas
    c.stack.push(ReplaceDocument(c.doc, seed_doc(), "seed"))
    c.view.zoom_fit()
    QApplication.processEvents()
    image = QImage(c.view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    c.view.viewport().render(image)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert len(colours) > 40  # blocks, text, wires: not a blank canvas
    rect = c.scene.items_bounding_rect().adjusted(-20, -20, 20, 20)
    png = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    png.fill(c.scene.theme.background)
    painter = QPainter(png)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    c.scene.render(painter, png.rect().toRectF(), rect)
    painter.end()
    assert png.save("/tmp/canvas_seed.png")
    labels = [label for label, _colour in legend_entries()]
    assert labels[:2] == ["input", "constant"] and len(labels) == 10  # and every op group


def test_colours_follow_a_dark_palette(canvas: Canvas) -> None:
    c = canvas
    c.stack.push(ReplaceDocument(c.doc, seed_doc(), "seed"))
    app = QApplication.instance()
    light = app.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#262626"),
                         (QPalette.ColorRole.Base, "#1c1c1c"),
                         (QPalette.ColorRole.Text, "#eeeeee")):
        dark.setColor(role, QColor(colour))
    try:
        app.setPalette(dark)
        QApplication.processEvents()
        theme = c.scene.theme
        assert theme.dark and c.item(1).theme is theme
        assert theme.fill["input"].lightnessF() < 0.4  # dark bodies, light text
        assert theme.text.lightnessF() > 0.8
    finally:
        app.setPalette(light)
        QApplication.processEvents()
    assert not c.scene.theme.dark


def test_quitting_after_a_copy_exits_cleanly(tmp_path) -> None:
    """PySide6 segfaults at exit if the clipboard still holds our QMimeData."""
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "copy_and_quit.py"
    script.write_text(
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtGui import QUndoStack\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from autodiff_gui.core.expr import parse\n"
        "from autodiff_gui.ui.canvas import GraphScene\n"
        "app = QApplication([])\n"
        "scene = GraphScene(parse('x*y'), QUndoStack())\n"
        "for item in scene.items():\n"
        "    item.setSelected(True)\n"
        "assert scene.copy_selection()\n"
        "QTimer.singleShot(0, app.quit)\n"
        "app.exec()\n")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True,
                          text=True, timeout=60,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
                               "PYTHONPATH": str(root)})
    assert proc.returncode == 0, proc.stderr


def test_a_fitted_view_stays_fitted_when_the_window_resizes(qtbot) -> None:
    """Maximising the window or opening a dock keeps the whole graph in view, until the
    student zooms or pans by hand."""
    scene = GraphScene(seed_doc(), QUndoStack())
    view = GraphView(scene)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_fit()
    small = view.zoom_factor()
    view.resize(1000, 600)
    QApplication.processEvents()
    assert view.zoom_factor() > small * 1.5  # refitted to the larger window
    view.zoom_in()
    zoomed = view.zoom_factor()
    view.resize(700, 400)
    QApplication.processEvents()
    assert view.zoom_factor() == zoomed  # a hand-made zoom is left alone


def test_edit_value_dialog_shows_every_digit_and_reads_like_the_inputs_table(
        canvas: Canvas, monkeypatch) -> None:  # noqa: ANN001
    """Opening the dialog and pressing OK must not round the value to 12 digits, and a
    value the inputs table refuses (``1_000``) is refused here too."""
    c = canvas
    k = c.view.drop_block("const", QPointF(0, 0))
    c.doc.set_value(k, 0.1 + 0.2)
    shown: list[str] = []

    def ask(_parent, _title, _label, text):  # noqa: ANN001, ANN202
        shown.append(text)
        return answer, True

    monkeypatch.setattr(scene_module, "_ask_text", ask)
    answer = "0.30000000000000004"
    before = c.stack.count()
    assert not c.scene.edit_value(k)  # unchanged text: nothing to do
    assert shown == ["0.30000000000000004"] and c.stack.count() == before
    answer = "1_000"
    assert not c.scene.edit_value(k) and "is not a number" in c.messages[-1]
    assert c.doc.node(k)["value"] == 0.1 + 0.2
    assert resolve_block_text("1_000") is None and resolve_block_text(".5") == "const:.5"
