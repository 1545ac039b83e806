"""Random everyday editing of the real main window (issue 14), as a hypothesis state machine.

``WindowMachine`` drives a shown ``MainWindow`` (offscreen) through random sequences of
what a student does: place blocks and constants, connect and disconnect, delete, copy,
paste (also foreign clipboard text), duplicate, rename and set values in the inputs
table (through its editor, as typing would), edit a constant in its dialog, type
expressions, auto layout, drag blocks with the mouse, step (next, back, a trace row,
end, reset, play, mode, upstream gradient, accumulate), take a gradient-descent step,
undo and redo.  It uses only public surfaces: window methods, actions and widgets by
object name, the undo stack, the document API and the scene/view methods.

After every action it checks that the document is valid (the file format's own checks
read it back unchanged, every wire feeds a real argument slot of an operation, at
most one wire per slot), that the canvas and the inputs table mirror it, and how the
undo stack moved: an action that steps or only looks never changes the document or
the stack; an edit is exactly one undo step or leaves no trace (a refused value says
why where it was typed); undo and redo return exactly the documents recorded for
that index.  At the end undo-all must give back the first document and redo-all the
last (compared as saved JSON, node order normalised).

Run it as a module (a segfault then kills only this process; the caller reports the
seed and the exit code)::

    python -m tests.ui.random_editing --seed 7 --count 20 [--steps 40] [--log FILE]
        [--reuse 10] [--extra lang,examples,lessons] [--shrink]

It prints ``sequences N`` and exits 0, or prints the failing sequence and exits 1.
``--log`` writes each action as it starts (flushed), so a crash shows its last steps.
``--extra`` adds View ▸ Language switches, Examples menu loads and Help ▸ Lessons page
turns; ``--reuse`` keeps a window for several sequences (File ▸ New between them).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.stateful import (  # noqa: E402
    RuleBasedStateMachine,
    rule,
    run_state_machine_as_test,
)

# Optional actions, switched on by the caller (--extra lang,examples,lessons).
EXTRA: set[str] = set()
REUSE = 1  # sequences per window: more is quicker (File ▸ New between them), 1 is purest
_kept: dict[str, Any] = {}  # the window kept for the next sequence, and its use count
LOG: Any = None  # a file object: one line per action, flushed

EXPRESSIONS = [
    "(x**2 + 2*x) * log(y)", "x*x + y", "sum([1, 2] * x)", "log(", "x +", "1e400 * x",
    "exp(x) * 1e308", "[[1, 2], [3, 4]] @ W", "relu(x) - abs(y)", "if + 1", "", "  ",
    "tanh(sigmoid(z)) / w", "mean(W) * x", "sqrt(x) + 1", "x / (y - y)", "-x**2",
    "matmul([[1, 2]], [[3], [4]]) * x",
    "a = x**2; b = 2*x; c = a + b; d = log(y); z = c*d", "a = x*y\nexp(a) + a",
    "a = x; z = a", "a = x*2; a = a + 1",
]
VALUES = ["1e400", "-1e-320", "[1e308, 1e308]", "", "if", "3", "-0.5", "[1, 2]",
          "[[1, 2], [3, 4]]", "abc", "nan", ".5", "2.", "[[1], [2, 3]]", "0", "1e-3",
          "  7  "]
NAMES = ["if", "", "x", "y", "t", "w2", "log", "a b", "é", "lambda", "z", "x1", "_k"]
FOREIGN = [
    "hello", "", "[1, 2]", "{}", "not json {",
    '{"format": "autodiff-nodes", "version": 1, "nodes": [{"id": 1, "kind": "op", '
    '"op": "nope"}], "edges": []}',
    '{"format": "autodiff-nodes", "version": 1, "nodes": [{"id": 1, "kind": "const", '
    '"value": 1, "pos": [NaN, 0]}], "edges": []}',
    '{"format": "autodiff-nodes", "version": 1, "nodes": [{"id": 1, "kind": "input", '
    '"name": "if", "value": [1e308, 1e308], "pos": [1e308, -1e308]}, {"id": 2, "kind": '
    '"op", "op": "exp"}], "edges": [[1, 2, 0]]}',
    '{"format": "autodiff-nodes", "version": 1, "nodes": [{"id": 1, "kind": "op", '
    '"op": "add"}], "edges": [[1, 1, 0]]}',
    '{"format": "autodiff-nodes", "version": 1, "nodes": [{"id": 1, "kind": "const", '
    '"value": 1e400}], "edges": []}',
    '{"format": "autodiff-nodes", "nodes": [{"id": 1, "kind": "input", "name": "x", '
    '"value": 2}, {"id": 2, "kind": "op", "op": "mul"}], "edges": [[1, 2, 0], [1, 2, 1]]}',
]
UPSTREAMS = ["1", "2", "[1, 2]", "abc", "1e400", "-1e-320", "0"]

pick = st.integers(min_value=0, max_value=10_000)


class Mismatch(AssertionError):
    """The document, the undo stack or a view disagrees with what the action should do."""


def canonical(doc: Any) -> str:
    """The saved document as JSON, nodes and links sorted (node order is no defect)."""
    from autodiff_gui.core import fileio

    data = fileio.to_data(doc)
    data["nodes"] = sorted(data["nodes"], key=lambda e: e["id"])
    data["links"] = sorted(data["links"], key=lambda e: (e["target"], e["slot"], e["source"]))
    return json.dumps(data, sort_keys=True)


def edges(doc: Any) -> list[tuple[int, int, int]]:
    """Every wire as (source, target, slot)."""
    if hasattr(doc, "edges"):
        return list(doc.edges())
    return list(doc.graph.edges(keys=True))  # the networkx document of before


def check_document(doc: Any) -> None:
    """The document is one the file format accepts, and every wire feeds a real slot."""
    from autodiff_gui.core import fileio, ops

    seen: set[tuple[int, int]] = set()
    for src, dst, slot in edges(doc):
        d = doc.node(dst)
        if d["kind"] != "op":
            raise Mismatch(f"a wire {src}->{dst}[{slot}] feeds a {d['kind']}")
        arity = ops.OPS[d["op"]].arity
        if not (isinstance(slot, int) and 0 <= slot < arity):
            raise Mismatch(f"a wire {src}->{dst}[{slot}] feeds no slot of {d['op']}")
        if (dst, slot) in seen:
            raise Mismatch(f"two wires feed {dst}[{slot}]")
        seen.add((dst, slot))
        if doc.arguments(dst)[slot] != src:
            raise Mismatch(f"the wire {src}->{dst}[{slot}] is not argument {slot} of {dst}")
    text = fileio.dumps(doc)
    try:
        back = fileio.loads(text)
    except fileio.FileFormatError as exc:
        raise Mismatch(f"the saved document is refused: {exc}\n{text}") from None
    if not back.same_as(doc):
        raise Mismatch("the saved document reads back different")


def settle(app: Any) -> None:
    """Let zero-delay timers and deferred deletions run, as the event loop would."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def make_window() -> Any:
    from PySide6.QtWidgets import QApplication

    from autodiff_gui.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    w = MainWindow(restore=False)
    w.persist_settings = False
    w.ask_unsaved = lambda: "discard"
    w.report_error = lambda _title, _text: None
    w.resize(960, 640)  # a laptop's window; smaller is quicker to paint at every step
    w.show()
    settle(app)
    return w


def close_window(w: Any, app: Any) -> None:
    w.close()
    w.deleteLater()
    settle(app)


def QAction_() -> Any:  # noqa: N802 - the class, imported late like every Qt import here
    from PySide6.QtGui import QAction

    return QAction


def find(w: Any, cls: Any, name: str) -> Any:
    return w.findChild(cls, name)


class WindowMachine(RuleBasedStateMachine):
    """One student session in one window (a fresh window per sequence)."""

    sequences = 0

    def __init__(self) -> None:
        super().__init__()
        from PySide6.QtWidgets import QApplication

        WindowMachine.sequences += 1
        self.app = QApplication.instance() or QApplication([])
        self.w = self._window()
        self.stack = self.w.undo_stack
        self.snapshots = [canonical(self.w.document)]  # the document at each stack index
        self.broken = False
        self.step_no = 0
        self._events: list[tuple[int, int, str, int]] = []
        self._commands: list[int] = []  # the stack's commands (pointers) before an action
        self._texts: list[str] = []  # the undo text of each step reached
        self.stack.indexChanged.connect(self._on_index)
        _log(f"== sequence {WindowMachine.sequences}")

    # -- the checks ---------------------------------------------------------------
    @contextlib.contextmanager
    def action(self, what: str, kind: str) -> Iterator[dict[str, Any]]:
        """Run one action and check the invariants of its ``kind``:

        "look" (stepping, selecting, copying, zoom): document and stack unchanged;
        "edit": exactly one new undo step, or none and the document unchanged
        ("merge": the top step may absorb it, as consecutive drags do);
        "undo"/"redo": one step back/forward to exactly the recorded document.
        """
        self.step_no += 1
        _log(f"{self.step_no}: {what}")
        # An editor left open commits when the table's current row moves (selecting a
        # block selects its row): that is one more edit, made during this action.
        extra = int(self._open_editor() is not None)
        if kind == "look" and extra:
            kind = "edit"
        before = canonical(self.w.document)
        index, count = self.stack.index(), self.stack.count()
        self._events, self._texts = [], []
        self._commands = [_pointer(self.stack.command(i)) for i in range(count)]
        info: dict[str, Any] = {"extra": extra}
        try:
            yield info
            settle(self.app)
            self._check(what, kind, before, index, count, info)
        except BaseException:
            self.broken = True
            raise

    def _check(self, what: str, kind: str, before: str, index: int, count: int,
               info: dict[str, Any]) -> None:
        doc, stack = self.w.document, self.stack
        check_document(doc)
        now = canonical(doc)
        self._check_views()
        if self.snapshots[index] != before:
            raise Mismatch(f"{what}: the document had changed before, with no undo step")
        # Replay what the stack did during the action, step by step.
        moves: list[str] = []
        at = index
        commands = list(self._commands)
        for new_index, new_count, seen, pointer in self._events:
            if new_count == 0 and kind == "fresh":
                moves.append("clear")
                self.snapshots = [seen]
                commands = []
            elif new_index == at + 1 and new_count == new_index and (
                    len(commands) < new_index or commands[new_index - 1] != pointer):
                moves.append("push")  # a new command (a redo brings back the same one)
                commands[new_index - 1:] = [pointer]
                del self.snapshots[new_index:]
                self.snapshots.append(seen)
            elif new_index == at and new_count == at and kind in ("merge", "edit"):
                moves.append("merge")
                self.snapshots[at] = seen
            elif new_index == at - 1:
                moves.append("undo")
            elif new_index == at + 1:
                moves.append("redo")
            else:
                raise Mismatch(f"{what}: the stack jumped from {at} to {new_index}/"
                               f"{new_count}")
            if moves[-1] in ("undo", "redo") and seen != self.snapshots[new_index]:
                raise Mismatch(f"{what}: {moves[-1]} to step {new_index} did not restore "
                               f"the document\nexpected {self.snapshots[new_index]}\n"
                               f"got      {seen}")
            at = new_index
        if stack.index() != at:
            raise Mismatch(f"{what}: the stack moved without telling (indexChanged)")
        edits = [m for m in moves if m in ("push", "merge")]
        allowed = {"look": (0, 0), "edit": (0, 1), "merge": (0, 1), "undo": (0, 0),
                   "redo": (0, 0), "fresh": (0, 0), "undo+edit": (0, 1)}[kind]
        if not allowed[0] <= len(edits) <= allowed[1] + info["extra"]:
            raise Mismatch(f"{what}: one action made the undo steps {moves} "
                           f"{self._texts}")
        if "merge" in edits and kind != "merge" and not info["extra"]:
            raise Mismatch(f"{what}: an edit merged into the step before it")
        undos = [m for m in moves if m in ("undo", "redo")]
        wanted = {"undo": ["undo"], "redo": ["redo"], "undo+edit": ["undo"]}.get(kind, [])
        if undos and undos != wanted:
            raise Mismatch(f"{what}: the stack moved {moves} {self._texts}")
        if kind == "look" and now != before:
            raise Mismatch(f"{what}: stepping or looking changed the document\n"
                           f"before {before}\nafter  {now}")
        if kind == "fresh":
            if stack.count() != 0:
                raise Mismatch(f"{what}: New kept {stack.count()} undo steps")
            self.snapshots = [now]  # (an empty stack says nothing when cleared)
        if info.get("one_step") and edits != ["push"]:
            raise Mismatch(f"{what}: an accepted edit made the undo steps {moves} "
                           f"{self._texts}")
        if info.get("refused"):
            if moves or now != before:
                raise Mismatch(f"{what}: a refused edit left a trace ({moves})")
            message = info.get("message_widget")
            if message is not None and (message.isHidden() or not message.text()):
                raise Mismatch(f"{what}: a refused edit shows no reason where it was typed")
        if now != self.snapshots[stack.index()]:
            if not moves:
                raise Mismatch(f"{what}: the document changed with no undo step\n"
                               f"before {before}\nafter  {now}")
            raise Mismatch(f"{what}: the document differs from the one recorded for step "
                           f"{stack.index()} (it changed after the step was pushed)\n"
                           f"recorded {self.snapshots[stack.index()]}\nnow      {now}")

    def _check_views(self) -> None:
        w, doc = self.w, self.w.document
        scene = w.scene
        nodes = {item.node_id for item in scene.node_items()}
        if nodes != set(doc.nodes()):
            raise Mismatch(f"the canvas shows blocks {sorted(nodes)}, the document has "
                           f"{sorted(doc.nodes())}")
        wires = {(it.src_item.node_id, it.dst_item.node_id, it.slot)
                 for it in scene.wire_items()}
        if wires != set(edges(doc)):
            raise Mismatch("the canvas wires differ from the document's")
        for item in scene.node_items():
            if item.scene() is not scene:
                raise Mismatch(f"block {item.node_id} is not in the scene")
            pos = doc.position(item.node_id)
            if pos is not None and (item.x(), item.y()) != tuple(pos):
                raise Mismatch(f"block {item.node_id} is drawn at {(item.x(), item.y())}, "
                               f"the document says {pos}")
        model = w.inputs_panel.model
        rows = [model.node_at(r) for r in range(model.rowCount())]
        if rows != list(doc.inputs().values()):
            raise Mismatch("the inputs table differs from the document's inputs")

    # -- helpers ---------------------------------------------------------------------
    def _on_index(self, index: int) -> None:
        # The document right after each push, undo, redo or merge (its own snapshot).
        self._events.append((index, self.stack.count(), canonical(self.w.document),
                             _pointer(self.stack.command(index - 1)) if index else 0))
        self._texts.append(self.stack.text(index - 1) if index else "")

    def _open_editor(self) -> Any:
        """The inputs table's cell editor, if one is open."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView, QLineEdit

        view = self.w.inputs_panel.view
        if view.state() != QAbstractItemView.State.EditingState:
            return None
        editors = [e for e in view.viewport().findChildren(
            QLineEdit, options=Qt.FindChildOption.FindDirectChildrenOnly) if e.isVisible()]
        return editors[0] if editors else None

    def _nodes(self, kind: str | None = None) -> list[int]:
        doc = self.w.document
        return sorted(n for n in doc.nodes() if kind is None or doc.kind(n) == kind)

    def _choose(self, items: list[Any], i: int) -> Any:
        return items[i % len(items)] if items else None

    def _select(self, nodes: list[int], wires: list[tuple[int, int, int]] = ()) -> None:
        scene = self.w.scene
        scene.clearSelection()
        for n in nodes:
            item = scene.node_item(n)
            if item is not None:
                item.setSelected(True)
        for key in wires:
            item = scene.wire_item(*key)
            if item is not None:
                item.setSelected(True)

    def _subset(self, mask: int) -> list[int]:
        nodes = self._nodes()
        chosen = [n for i, n in enumerate(nodes) if mask >> (i % 14) & 1]
        return chosen or nodes[:1]

    def _trigger(self, name: str) -> bool:
        from PySide6.QtGui import QAction

        act = self.w.findChild(QAction, name)
        if act is None:
            raise Mismatch(f"no action {name}")
        if not act.isEnabled():
            return False
        act.trigger()
        return True

    # -- placing and wiring ----------------------------------------------------------
    @rule(kind=st.sampled_from(["input", "const", "const:2.5", "op"]), i=pick)
    def place_block(self, kind: str, i: int) -> None:
        from autodiff_gui.core import ops

        spec = kind if kind != "op" else "op:" + sorted(ops.OPS)[i % len(ops.OPS)]
        with self.action(f"place {spec}", "edit"):
            self.w.place_block(spec)

    @rule(i=pick, j=pick, slot=st.integers(0, 2))
    def connect(self, i: int, j: int, slot: int) -> None:
        src, dst = self._choose(self._nodes(), i), self._choose(self._nodes("op"), j)
        if src is None or dst is None:
            return
        with self.action(f"connect {src} -> {dst}[{slot}]", "edit"):
            self.w.scene.connect_ports(src, dst, slot)

    @rule(i=pick)
    def disconnect(self, i: int) -> None:
        edge = self._choose(sorted(edges(self.w.document)), i)
        if edge is None:
            return
        with self.action(f"disconnect {edge[1]}[{edge[2]}]", "edit"):
            self.w.scene.disconnect_slot(edge[1], edge[2])

    @rule(i=pick, node=st.booleans())
    def set_output(self, i: int, node: bool) -> None:
        n = self._choose(self._nodes(), i) if node else None
        with self.action(f"set output {n}", "edit"):
            self.w.scene.set_output(n)

    @rule(mask=pick, wires=pick)
    def delete(self, mask: int, wires: int) -> None:
        wired = sorted(edges(self.w.document))
        chosen = [e for k, e in enumerate(wired) if wires >> (k % 14) & 1] if wires % 3 else []
        nodes = self._subset(mask) if mask % 4 else []
        with self.action(f"delete {nodes} wires {chosen}", "edit"):
            self._select(nodes, chosen)
            self._trigger("actionDelete")

    # -- the clipboard ----------------------------------------------------------------
    @rule(mask=pick)
    def copy(self, mask: int) -> None:
        nodes = self._subset(mask)
        with self.action(f"copy {nodes}", "look"):
            self._select(nodes)
            self._trigger("actionCopy")

    @rule()
    def paste(self) -> None:
        with self.action("paste", "edit"):
            self._trigger("actionPaste")

    @rule(mask=pick)
    def duplicate(self, mask: int) -> None:
        nodes = self._subset(mask)
        with self.action(f"duplicate {nodes}", "edit"):
            self._select(nodes)
            self._trigger("actionDuplicate")

    @rule(text=st.sampled_from(FOREIGN))
    def paste_foreign(self, text: str) -> None:
        from PySide6.QtGui import QGuiApplication

        with self.action(f"paste foreign {text[:60]!r}", "edit"):
            QGuiApplication.clipboard().setText(text)
            self._trigger("actionPaste")

    # -- names and values ---------------------------------------------------------------
    def _table_edit(self, row: int, column: int, text: str, commit: bool) -> Any:
        """Type ``text`` into a cell of the inputs table (its editor, as a user would)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        view = self.w.inputs_panel.view
        model = view.model()
        index = model.index(row, column)
        view.setCurrentIndex(index)
        view.edit(index)
        editor = self._open_editor()
        if editor is None:
            return None
        editor.selectAll()
        editor.insert(text)
        if commit:
            QTest.keyClick(editor, Qt.Key.Key_Return)
        return editor

    @rule(i=pick, text=st.sampled_from(VALUES), commit=st.booleans())
    def set_value_in_table(self, i: int, text: str, commit: bool) -> None:
        from autodiff_gui.core.graph import values_equal
        from autodiff_gui.ui.editing.commands import parse_value_text

        self.finish_open_edit()
        rows = self.w.inputs_panel.model.rowCount()
        if not rows:
            return
        row = i % rows
        node = self.w.inputs_panel.model.node_at(row)
        try:
            value = parse_value_text(text)
            refused = False
        except ValueError:
            refused, value = True, None
        with self.action(f"type {text!r} as the value of row {row}"
                         f"{'' if commit else ' (editor left open)'}", "edit") as info:
            old = self.w.document.node(node)["value"]
            editor = self._table_edit(row, 1, text, commit)
            if commit and editor is not None:  # (the delegate commits when events run)
                info["refused"] = refused
                info["message_widget"] = self.w.inputs_panel.message
                info["one_step"] = not refused and not values_equal(value, old)

    @rule(i=pick, name=st.sampled_from(NAMES))
    def rename_in_table(self, i: int, name: str) -> None:
        self.finish_open_edit()
        rows = self.w.inputs_panel.model.rowCount()
        if not rows:
            return
        with self.action(f"rename row {i % rows} to {name!r}", "edit"):
            self._table_edit(i % rows, 0, name, True)

    @rule()
    def finish_open_edit(self) -> None:
        """Press Enter in an editor left open (after other actions went on)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        editor = self._open_editor()
        if editor is None:
            return
        with self.action("press Enter in the open editor", "edit"):
            QTest.keyClick(editor, Qt.Key.Key_Return)

    @rule(i=pick, text=st.sampled_from(VALUES + NAMES))
    def edit_block_in_dialog(self, i: int, text: str) -> None:
        """Double-click a block: rename an input or a block / change a constant in a
        dialog."""
        from autodiff_gui.ui.canvas import scene as scene_module

        n = self._choose(self._nodes("input") + self._nodes("const") + self._nodes("op"), i)
        if n is None:
            return
        original = scene_module._ask_text
        scene_module._ask_text = lambda *_a: (text, True)
        try:
            with self.action(f"double-click {n}, type {text!r}", "edit"):
                self.w.scene.nodeDoubleClicked.emit(n)
        finally:
            scene_module._ask_text = original

    @rule(text=st.sampled_from(EXPRESSIONS))
    def type_expression(self, text: str) -> None:
        with self.action(f"type expression {text!r}", "edit"):
            self.w.apply_expression(text)

    # -- arranging ---------------------------------------------------------------------
    @rule()
    def auto_layout(self) -> None:
        with self.action("auto layout", "edit"):
            self._trigger("actionAutoLayout")

    @rule(i=pick, dx=st.integers(-300, 300), dy=st.integers(-200, 200))
    def drag_block(self, i: int, dx: int, dy: int) -> None:
        """Drag a block by its title with the mouse."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        n = self._choose(self._nodes(), i)
        if n is None:
            return
        view = self.w.view
        item = self.w.scene.node_item(n)
        with self.action(f"drag block {n} by ({dx}, {dy})", "merge"):
            rect = item.sceneBoundingRect()
            start = view.mapFromScene(rect.center().x(), rect.top() + 6)
            port = item.port_at(item.mapFromScene(view.mapToScene(start)))
            if not view.viewport().rect().contains(start) or port is not None:
                return
            end = start + QPoint(dx, dy)
            vp = view.viewport()
            QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             start)
            QTest.mouseMove(vp, start + QPoint(dx // 2, dy // 2))
            QTest.mouseMove(vp, end)
            QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                               end)

    @rule(which=st.sampled_from(["actionZoomIn", "actionZoomOut", "actionZoomFit"]))
    def zoom(self, which: str) -> None:
        with self.action(which, "look"):
            self._trigger(which)

    # -- stepping ------------------------------------------------------------------------
    @rule(which=st.sampled_from(["actionNextStep", "actionNextStep", "actionPrevStep",
                                 "actionRunToEnd", "actionReset"]), times=st.integers(1, 4))
    def step(self, which: str, times: int) -> None:
        with self.action(f"{which} ×{times}", "look"):
            for _ in range(times):
                self._trigger(which)
                settle(self.app)

    @rule(i=pick)
    def go_to_step(self, i: int) -> None:
        """Click a row of the trace table."""
        from PySide6.QtCore import QItemSelectionModel
        from PySide6.QtWidgets import QTableView

        table = find(self.w, QTableView, "traceView")
        rows = table.model().rowCount()
        if not rows:
            return
        with self.action(f"go to step {i % rows + 1}", "look"):
            table.selectionModel().setCurrentIndex(
                table.model().index(i % rows, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    @rule(mode=st.integers(0, 1), wrt=pick)
    def change_mode(self, mode: int, wrt: int) -> None:
        from PySide6.QtWidgets import QComboBox

        with self.action(f"mode {mode} input {wrt}", "look"):
            find(self.w, QComboBox, "modeCombo").setCurrentIndex(mode)
            box = find(self.w, QComboBox, "wrtCombo")
            if box.count():
                box.setCurrentIndex(wrt % box.count())

    @rule(on=st.booleans())
    def accumulate(self, on: bool) -> None:
        from PySide6.QtWidgets import QCheckBox, QPushButton

        with self.action(f"accumulate {on}", "look"):
            check = find(self.w, QCheckBox, "accumulateCheck")
            if check.isEnabled():
                check.setChecked(on)
            if not on:
                find(self.w, QPushButton, "zeroGradButton").click()

    @rule(text=st.sampled_from(UPSTREAMS))
    def upstream(self, text: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QLineEdit

        with self.action(f"upstream gradient {text!r}", "look"):
            edit = find(self.w, QLineEdit, "upstreamEdit")
            if edit.isEnabled():
                edit.setText(text)
                QTest.keyClick(edit, Qt.Key.Key_Return)

    @rule(speed=st.integers(1, 21), ticks=st.integers(0, 5))
    def play(self, speed: int, ticks: int) -> None:
        """Play (possibly left playing while the next actions happen)."""
        from PySide6.QtWidgets import QSlider

        with self.action(f"play at {speed} for {ticks} ticks", "look"):
            find(self.w, QSlider, "speedSlider").setValue(speed)
            self._trigger("actionPlay")
            for _ in range(ticks):
                settle(self.app)

    @rule()
    def gradient_step(self) -> None:
        with self.action("gradient descent step", "edit"):
            self._trigger("actionGradientStep")

    @rule(which=st.sampled_from(["plotsDock", "codeDock", "compareDock", "traceDock"]))
    def show_dock(self, which: str) -> None:
        """Bring a tabbed dock to the front (plots and code then draw the graph)."""
        from PySide6.QtWidgets import QDockWidget

        dock = find(self.w, QDockWidget, which)
        if dock is None:
            return
        with self.action(f"show {which}", "look"):
            dock.show()
            dock.raise_()

    @rule()
    def check_gradients(self) -> None:
        """Ctrl+G: the comparison runs off the GUI thread (it may still run later on)."""
        with self.action("check gradients", "look"):
            self._trigger("actionCheckGradients")

    @rule(key=st.sampled_from(["Delete", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+D", "Ctrl+C",
                               "Ctrl+V", "Right", "Left", "End", "Home", "Space", "F",
                               "Ctrl+L", "Escape"]), mask=pick)
    def key_on_canvas(self, key: str, mask: int) -> None:
        """A key pressed with the canvas focused, a few blocks selected."""
        from PySide6.QtGui import QKeySequence
        from PySide6.QtTest import QTest

        nodes = self._subset(mask) if len(self.w.document) else []
        kind = {"Ctrl+Z": "undo", "Ctrl+Shift+Z": "redo"}.get(key, "edit")
        if key in ("Right", "Left", "End", "Home", "Space", "F", "Ctrl+C", "Escape"):
            kind = "look"
        with self.action(f"key {key} on the canvas, {nodes} selected", kind):
            self._select(nodes)
            view = self.w.view
            view.setFocus()
            combo = QKeySequence(key)[0]
            QTest.keyClick(view.viewport() if key == "Escape" else view, combo.key(),
                           combo.keyboardModifiers())

    @rule(i=pick, j=pick, where=st.sampled_from(["port", "block", "empty"]),
          undo_midway=st.booleans())
    def drag_wire(self, i: int, j: int, where: str, undo_midway: bool) -> None:
        """Drag from an output port (or a wired input port) to a port, a block or nowhere,
        maybe pressing Ctrl+Z before letting go."""
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtTest import QTest

        nodes = self._nodes()
        if not nodes:
            return
        scene, view = self.w.scene, self.w.view
        a = scene.node_item(self._choose(nodes, i))
        b = scene.node_item(self._choose(nodes, j))
        wired = sorted(edges(self.w.document))
        picked = (i % 3 == 0) and wired
        if picked:
            _src, dst, slot = self._choose(wired, i // 3)
            start_scene = scene.node_item(dst).input_port_scene_pos(slot)
        else:
            start_scene = a.output_port_scene_pos()
        if where == "port" and b.kind == "op":
            end_scene = b.input_port_scene_pos(j % b.op.arity)
        elif where == "block":
            end_scene = b.sceneBoundingRect().center()
        else:
            end_scene = scene.items_bounding_rect().bottomRight() + QPointF(80, 80)
        vp = view.viewport()
        kind = "undo+edit" if undo_midway else "edit"
        with self.action(f"drag a wire from {'a wired slot' if picked else a.node_id} to "
                         f"{where} {b.node_id}{' (Ctrl+Z midway)' if undo_midway else ''}",
                         kind):
            start, end = view.mapFromScene(start_scene), view.mapFromScene(end_scene)
            if not (vp.rect().contains(start) and vp.rect().contains(end)):
                return
            QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             start)
            QTest.mouseMove(vp, (start + end) / 2)
            QTest.mouseMove(vp, end + QPoint(1, 0))
            if undo_midway:
                self._trigger("actionUndo")
                settle(self.app)
            QTest.mouseMove(vp, end)
            QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                               end)

    # -- the redesign: examples, lessons, language (--extra) ---------------------------
    @rule(i=pick)
    def open_example(self, i: int) -> None:
        from PySide6.QtGui import QAction

        if "examples" not in EXTRA:
            return
        acts = sorted((a for a in self.w.findChildren(QAction)
                       if a.objectName().startswith("actionExample_")),
                      key=lambda a: a.objectName())
        act = self._choose(acts, i)
        if act is None:
            return
        with self.action(f"Examples ▸ {act.objectName()}", "edit"):
            act.trigger()

    @rule(turn=st.sampled_from(["lessonNextButton", "lessonNextButton", "lessonBackButton",
                                "lessonCombo"]), i=pick)
    def lesson_page(self, turn: str, i: int) -> None:
        from PySide6.QtWidgets import QComboBox, QDockWidget, QPushButton

        if "lessons" not in EXTRA:
            return
        dock = find(self.w, QDockWidget, "lessonsDock")
        if dock is None or not dock.isVisible():
            with self.action("Help ▸ Lessons", "edit"):
                if not self._trigger_if("actionLessons"):
                    return
        with self.action(f"Lessons: {turn} {i}", "edit"):
            if turn == "lessonCombo":
                box = find(self.w, QComboBox, "lessonCombo")
                if box is not None and box.count():
                    box.setCurrentIndex(i % box.count())
            else:
                button = find(self.w, QPushButton, turn)
                if button is not None and button.isEnabled():
                    button.click()

    @rule(i=pick)
    def switch_language(self, i: int) -> None:
        from PySide6.QtGui import QAction

        if "lang" not in EXTRA:
            return
        acts = sorted((a for a in self.w.findChildren(QAction)
                       if a.objectName().startswith("actionLanguage_")),
                      key=lambda a: a.objectName())
        act = self._choose(acts, i)
        if act is None:
            return
        with self.action(f"View ▸ Language ▸ {act.objectName()}", "look"):
            act.trigger()
            settle(self.app)

    def _trigger_if(self, name: str) -> bool:
        from PySide6.QtGui import QAction

        act = self.w.findChild(QAction, name)
        if act is None or not act.isEnabled():
            return False
        act.trigger()
        return True

    # -- history ------------------------------------------------------------------------
    @rule(times=st.integers(1, 3))
    def undo(self, times: int) -> None:
        for _ in range(times):
            with self.action("undo", "undo"):
                self._trigger("actionUndo")

    @rule(times=st.integers(1, 2))
    def redo(self, times: int) -> None:
        for _ in range(times):
            with self.action("redo", "redo"):
                self._trigger("actionRedo")

    @rule()
    def new_document(self) -> None:
        with self.action("File ▸ New", "fresh"):
            self._trigger("actionNew")

    # -- the end ---------------------------------------------------------------------------
    def teardown(self) -> None:
        try:
            if not self.broken:
                self.finish_open_edit()  # (an editor left open commits when rows change)
                self._undo_all_redo_all()
        finally:
            self._close()
            _log("== end")

    def _undo_all_redo_all(self) -> None:
        stack, doc = self.stack, self.w.document
        _log("undo all, redo all")
        last = self.snapshots[-1] if stack.index() == stack.count() else None
        top = stack.count()
        while stack.canUndo():
            stack.undo()
            check_document(doc)
        settle(self.app)
        if canonical(doc) != self.snapshots[0]:
            raise Mismatch(f"undo all did not restore the first document\nfirst "
                           f"{self.snapshots[0]}\ngot   {canonical(doc)}")
        while stack.canRedo():
            stack.redo()
            check_document(doc)
        settle(self.app)
        self._check_views()
        if stack.index() != top:
            raise Mismatch("redo all did not reach the top of the stack")
        if canonical(doc) != self.snapshots[top] or (last is not None and
                                                      canonical(doc) != last):
            raise Mismatch(f"redo all did not restore the last document\nlast "
                           f"{self.snapshots[top]}\ngot  {canonical(doc)}")

    def _window(self) -> Any:
        """A fresh window, or (``REUSE`` > 1) the last one after File ▸ New: a student
        who goes on with a new graph (stepping settings, docks and lessons stay)."""
        w = _kept.pop("window", None)
        if w is not None:
            w.findChild(QAction_(), "actionNew").trigger()
            settle(self.app)
            if len(w.document) or w.undo_stack.count():
                raise Mismatch("File ▸ New left a graph or a history")
            return w
        return make_window()

    def _close(self) -> None:
        w = self.w
        self.stack.indexChanged.disconnect(self._on_index)
        uses = _kept.pop("uses", 0) + 1
        if not self.broken and uses < REUSE:
            _kept.update(window=w, uses=uses)
            return
        close_window(w, self.app)


def _pointer(command: Any) -> int:
    """The address of an undo command (its identity, also for commands made in C++)."""
    import shiboken6

    return int(shiboken6.getCppPointer(command)[0]) if command is not None else 0


def _quiet(_kind: Any, _context: Any, text: str) -> None:
    # The offscreen platform's "does not support propagateSizeHints()" on every dock.
    if "propagateSizeHints" not in text:
        sys.stderr.write(text + "\n")


def _log(line: str) -> None:
    if LOG is not None:
        LOG.write(line + "\n")
        LOG.flush()


def run(seed: int, count: int, steps: int, shrink: bool = False) -> int:
    """Run ``count`` sequences of up to ``steps`` actions from ``seed``; the sequences run."""
    from hypothesis import seed as use_seed

    WindowMachine.sequences = 0
    _kept.clear()
    machine = use_seed(seed)(type("Seeded", (WindowMachine,), {}))
    phases = [Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    run_state_machine_as_test(machine, settings=settings(
        max_examples=count, stateful_step_count=steps, deadline=None, database=None,
        phases=phases, print_blob=False,
        suppress_health_check=list(HealthCheck)))
    return WindowMachine.sequences


def main(argv: list[str] | None = None) -> int:
    global LOG
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--log", default=None)
    parser.add_argument("--shrink", action="store_true",
                        help="shrink a failing sequence (slower)")
    parser.add_argument("--reuse", type=int, default=1,
                        help="sequences per window (File ▸ New between them)")
    parser.add_argument("--extra", default="",
                        help="comma-separated optional actions: lang,examples,lessons")
    args = parser.parse_args(argv)
    EXTRA.update(x for x in args.extra.split(",") if x)
    global REUSE
    REUSE = max(1, args.reuse)
    if args.log:
        LOG = open(args.log, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as the run)
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_quiet)
    app = QApplication.instance() or QApplication([])
    try:
        done = run(args.seed, args.count, args.steps, args.shrink)
    except Exception:  # noqa: BLE001 - hypothesis re-raises the failing example's error
        traceback.print_exc()
        print(f"sequences {WindowMachine.sequences}")
        print(f"FAILED seed {args.seed}")
        sys.stdout.flush()
        return 1
    finally:
        from autodiff_gui.ui.canvas.clipboard import release_clipboard

        release_clipboard()
    print(f"sequences {done}")
    sys.stdout.flush()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
