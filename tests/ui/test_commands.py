"""Undo commands: each one's undo restores the document exactly; refused edits never
reach the stack; random edit sequences undo and redo to the exact documents."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document, GraphError
from autodiff_gui.diagram.layout import layered_layout
from autodiff_gui.ui.editing.commands import (
    AddNode,
    AutoLayout,
    Connect,
    Disconnect,
    MoveNodes,
    Reconnect,
    RemoveNodes,
    Rename,
    ReplaceDocument,
    SetOutput,
    SetValue,
    free_input_name,
    parse_value_text,
    try_push,
    value_to_text,
)
from autodiff_gui.ui.editing.paste import PasteNodes, data_from_text, data_to_text, nodes_to_data
from tests.core.test_layout import seed_doc


@pytest.fixture
def stack(qapp) -> QUndoStack:  # noqa: ANN001 - pytest-qt fixture
    return QUndoStack()


def check_roundtrip(doc: Document, stack: QUndoStack, factory) -> Document:  # noqa: ANN001
    """Push, then undo/redo twice: the exact before and after documents each time."""
    before = doc.copy()
    index = stack.index()
    assert try_push(stack, factory) is None
    assert stack.index() == stack.count() == index + 1
    after = doc.copy()
    assert not after.same_as(before)
    for _ in range(2):
        stack.undo()
        assert doc.same_as(before)
        stack.redo()
        assert doc.same_as(after)
    return after


def test_add_node_redo_keeps_the_id(stack: QUndoStack) -> None:
    doc = Document()
    cmd = AddNode(doc, "input", name="x", value=3.0, pos=(10, 20))
    stack.push(cmd)
    n = cmd.node_id
    assert doc.node(n) == {"kind": "input", "name": "x", "value": 3.0, "pos": (10.0, 20.0)}
    stack.undo()
    assert n not in doc
    stack.redo()
    assert n in doc and cmd.node_id == n
    check_roundtrip(doc, stack, lambda: AddNode(doc, "const", value=[1.0, 2.0], pos=(0, 0)))
    check_roundtrip(doc, stack, lambda: AddNode(doc, "op", op="sigmoid", pos=(5, 5)))
    assert AddNode(doc, "input", name="x2", pos=None).text() == "Add x2"
    assert stack.text(0) == "Add x"  # translated through QCoreApplication.translate


def test_remove_nodes_restores_everything(stack: QUndoStack) -> None:
    doc = seed_doc()
    for n in doc.nodes():
        doc.set_position(n, (n * 10.0, n * 5.0))
    x = doc.find_input("x")
    mul = next(n for n, d in doc.node_table().items() if d.get("op") == "mul")
    doc.set_output(mul)  # an explicit output mark on a removed node
    doc.set_value(x, np.array([1.0, 2.0]))
    after = check_roundtrip(doc, stack, lambda: RemoveNodes(doc, [x, mul]))
    assert x not in after and mul not in after
    stack.undo()
    assert doc.explicit_output == mul
    assert np.array_equal(doc.node(x)["value"], [1.0, 2.0])


def test_remove_nodes_and_selected_wires_in_one_step(stack: QUndoStack) -> None:
    doc = seed_doc()
    y = doc.find_input("y")
    log = doc.users(y)[0][0]
    z = doc.users(log)[0][0]
    after = check_roundtrip(doc, stack, lambda: RemoveNodes(doc, [y], wires=[(z, 1)]))
    assert after.source(z, 1) is None and y not in after


def test_connect_replaces_a_taken_slot_and_undo_puts_it_back(stack: QUndoStack) -> None:
    doc = seed_doc()
    x, y = doc.find_input("x"), doc.find_input("y")
    log = doc.users(y)[0][0]
    z = doc.users(log)[0][0]
    after = check_roundtrip(doc, stack, lambda: Connect(doc, x, z, 1))
    assert after.source(z, 1) == x
    stack.undo()
    assert doc.source(z, 1) == log
    assert stack.text(0) == "Replace wire"


def test_refused_edits_never_reach_the_stack(stack: QUndoStack) -> None:
    doc = seed_doc()
    before = doc.copy()
    x = doc.find_input("x")
    z = max(doc.nodes())
    pow_node = doc.users(x)[0][0]
    refusals = [
        lambda: Connect(doc, z, pow_node, 0),  # a cycle
        lambda: Connect(doc, x, x, 0),  # an input takes no arguments
        lambda: Connect(doc, z, z, 0),  # onto itself
        lambda: Connect(doc, x, pow_node, 5),  # no such slot
        lambda: Disconnect(doc, x, 0),
        lambda: SetValue(doc, z, 1.0),  # an op has no value
        lambda: SetValue(doc, x, "abc"),
        lambda: SetValue(doc, x, float("nan")),
        lambda: Rename(doc, x, "y"),  # taken
        lambda: Rename(doc, x, "log"),  # a function
        lambda: Rename(doc, x, "2x"),
        lambda: AddNode(doc, "input", name="x"),
        lambda: AddNode(doc, "op", op="nope"),
        lambda: AddNode(doc, "gadget"),
        lambda: RemoveNodes(doc, [999]),
        lambda: RemoveNodes(doc, []),
        lambda: MoveNodes(doc, {}),
        lambda: Reconnect(doc, pow_node, 0, pow_node, 0),
        lambda: PasteNodes(doc, {"nodes": []}),
    ]
    for factory in refusals:
        reason = try_push(stack, factory)
        assert isinstance(reason, str) and reason
    assert "cycle" in try_push(stack, refusals[0])
    assert stack.count() == 0
    assert doc.same_as(before)


def test_disconnect_reconnect_set_value_rename_output(stack: QUndoStack) -> None:
    doc = seed_doc()
    x, y = doc.find_input("x"), doc.find_input("y")
    log = doc.users(y)[0][0]
    z = doc.users(log)[0][0]
    check_roundtrip(doc, stack, lambda: Disconnect(doc, z, 1))
    stack.undo()
    after = check_roundtrip(doc, stack, lambda: Reconnect(doc, z, 1, z, 0))
    assert after.source(z, 0) == log and after.source(z, 1) is None
    stack.undo()
    check_roundtrip(doc, stack, lambda: SetValue(doc, x, [[1.0, 2.0], [3.0, 4.0]]))
    check_roundtrip(doc, stack, lambda: Rename(doc, y, "w"))
    check_roundtrip(doc, stack, lambda: SetOutput(doc, log))
    assert doc.output == log
    check_roundtrip(doc, stack, lambda: SetOutput(doc, None))
    assert doc.output == z


def test_set_value_merges_only_when_asked(stack: QUndoStack) -> None:
    doc = seed_doc()
    x = doc.find_input("x")
    for v in (2.0, 3.0, 4.0):
        stack.push(SetValue(doc, x, v, merge=True))
    assert stack.count() == 1
    stack.undo()
    assert doc.node(x)["value"] == 1.0
    stack.redo()
    assert doc.node(x)["value"] == 4.0
    stack.push(SetValue(doc, x, 5.0))
    stack.push(SetValue(doc, x, 6.0))
    assert stack.count() == 3


def test_consecutive_moves_of_the_same_blocks_merge(stack: QUndoStack) -> None:
    doc = seed_doc()
    a, b, c = doc.nodes()[:3]
    start = doc.copy()
    stack.push(MoveNodes(doc, {a: (None, (10, 10)), b: (None, (20, 20))}))
    stack.push(MoveNodes(doc, {a: ((10, 10), (30, 30)), b: ((20, 20), (40, 40))}))
    assert stack.count() == 1
    assert doc.position(a) == (30.0, 30.0)
    stack.push(MoveNodes(doc, {c: (None, (1, 1))}))  # another selection: a new step
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert doc.same_as(start)
    stack.redo()
    assert doc.position(a) == (30.0, 30.0) and doc.position(b) == (40.0, 40.0)


def test_replace_document_is_one_step_and_lays_out(stack: QUndoStack) -> None:
    doc = Document()
    doc.add_input("q", 5.0, pos=(1, 2))
    doc.set_output(1)
    new = seed_doc()
    after = check_roundtrip(doc, stack, lambda: ReplaceDocument(doc, new, "Build f"))
    assert stack.count() == 1 and stack.text(0) == "Build f"
    assert all(after.position(n) is not None for n in after.nodes())
    assert after.same_as(new, positions=False)
    stack.undo()
    assert doc.explicit_output == 1 and doc.position(1) == (1.0, 2.0)
    stack.redo()
    program = compile_graph(doc)
    value, grads = program.gradient()
    assert value == pytest.approx(2.0794415416798357)
    assert grads["x"] == pytest.approx(2.772588722239781) and grads["y"] == pytest.approx(1.5)


def test_paste_adds_fresh_ids_renames_taken_inputs_and_keeps_wires(stack: QUndoStack) -> None:
    doc = seed_doc()
    x = doc.find_input("x")
    pow_node = doc.users(x)[0][0]
    const = doc.arguments(pow_node)[1]
    data = data_from_text(data_to_text(nodes_to_data(doc, [x, const, pow_node],
                                                     {x: (0, 0), const: (5, 5)})))
    holder = []

    def make() -> PasteNodes:
        holder.append(PasteNodes(doc, data, (100, 50)))
        return holder[0]

    after = check_roundtrip(doc, stack, make)
    new = holder[0].new_ids
    assert len(new) == 3 and not set(new) & set(seed_doc().nodes())
    names = {after.node(n).get("name") for n in new} - {None}
    assert names == {free_input_name(seed_doc().inputs())}  # "x" was taken
    new_pow = next(n for n in new if after.node(n).get("op") == "pow")
    assert set(after.arguments(new_pow)) <= set(new)
    assert None not in after.arguments(new_pow)
    assert after.position(new[0]) == (100.0, 50.0)


def test_paste_refuses_damaged_or_foreign_data(stack: QUndoStack) -> None:
    doc = seed_doc()
    for text in ("", "[1, 2]", '{"format": "other"}', "x = 1"):
        with pytest.raises(ValueError):
            data_from_text(text)
    cyclic = {"format": "autodiff-nodes", "nodes": [
        {"id": 1, "kind": "op", "op": "sin"}, {"id": 2, "kind": "op", "op": "cos"}],
        "edges": [[1, 2, 0], [2, 1, 0]]}
    bad_op = {"format": "autodiff-nodes", "nodes": [{"id": 1, "kind": "op", "op": "eval"}]}
    dangling = {"format": "autodiff-nodes", "nodes": [{"id": 1, "kind": "op", "op": "sin"}],
                "edges": [[7, 1, 0]]}
    no_kind = {"format": "autodiff-nodes", "nodes": [{"id": 1}]}
    before = doc.copy()
    for data in (cyclic, bad_op, dangling, no_kind):
        assert try_push(stack, lambda d=data: PasteNodes(doc, d, (0, 0)))
    assert stack.count() == 0 and doc.same_as(before)


def test_auto_layout_is_one_step(stack: QUndoStack) -> None:
    doc = seed_doc()
    positions = layered_layout(doc)
    after = check_roundtrip(doc, stack, lambda: AutoLayout(doc, positions))
    assert {n: after.position(n) for n in after.nodes()} == positions


def test_free_input_names() -> None:
    assert free_input_name([]) == "x"
    assert free_input_name(["x", "y"]) == "z"
    assert free_input_name(["x", "y", "z", "w"]) == "a"
    every = list("xyzwabcdefghijklmnopqrstuv")
    assert free_input_name(every) == "x1"


# -- random edit sequences ------------------------------------------------------

OP_NAMES = ["add", "mul", "sub", "div", "pow", "sin", "log", "exp", "neg", "matmul"]
NAMES = ["x", "y", "a", "b", "sin", "2q", "x_1"]

edit = st.tuples(st.integers(0, 11), st.integers(0, 10_000), st.integers(0, 10_000),
                 st.integers(0, 3))


def _factory(doc: Document, action: tuple[int, int, int, int]):  # noqa: ANN202
    kind, i, j, k = action
    nodes = doc.nodes()
    ops_ = [n for n in nodes if doc.kind(n) == "op"] or nodes
    edges = sorted(doc.edges())
    pick = (lambda n: nodes[n % len(nodes)]) if nodes else (lambda n: 10_000)
    pick_op = (lambda n: ops_[n % len(ops_)]) if ops_ else pick
    if kind == 0:
        return lambda: AddNode(doc, "input", name=free_input_name(doc.inputs()), value=i % 7,
                               pos=(i, j))
    if kind == 1:
        return lambda: AddNode(doc, "const", value=i / 7, pos=None if k else (j, i))
    if kind == 2:
        return lambda: AddNode(doc, "op", op=OP_NAMES[i % len(OP_NAMES)], pos=(i, j))
    if kind == 3:  # valid, cyclic, taken or impossible: the stack sorts it out
        dst = pick_op(j)
        return lambda: Connect(doc, pick(i), dst, k % max(1, doc.arity(dst)) if k < 3 else 2)
    if kind == 4:
        if not edges or k == 3:
            return lambda: Disconnect(doc, pick(i), k % 2)
        _u, v, slot = edges[i % len(edges)]
        return lambda: Disconnect(doc, v, slot)
    if kind == 5:
        return lambda: SetValue(doc, pick(i), [j, k] if k == 3 else j / 3)
    if kind == 6:
        return lambda: Rename(doc, pick(i), NAMES[j % len(NAMES)])
    if kind == 7:
        return lambda: RemoveNodes(doc, {pick(i), pick(j)} if k else {pick(i)})
    if kind == 8:
        return lambda: MoveNodes(doc, {pick(i): (None, (j, k)), pick(j): (None, (k, i))})
    if kind == 9:
        return lambda: SetOutput(doc, pick(i) if k else None)
    if kind == 10:
        chosen = {pick(i), pick(j)} if nodes else set()
        return lambda: PasteNodes(doc, nodes_to_data(doc, chosen), (k * 10, 20))
    if not edges:
        return lambda: Reconnect(doc, pick(i), 0, pick(j), 1)
    _u, v, slot = edges[i % len(edges)]
    dst = pick_op(j)
    return lambda: Reconnect(doc, v, slot, dst, k % max(1, doc.arity(dst)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=30))
def test_random_edit_sequences_undo_and_redo_exactly(qapp, actions) -> None:  # noqa: ANN001
    doc = Document()  # a few unwired blocks to start from, so wiring edits happen
    doc.add_input("x", 1.0)
    doc.add_const(2.0)
    for name in ("mul", "add", "sin", "pow"):
        doc.add_op(name)
    stack = QUndoStack()
    states = {0: doc.copy()}
    for action in actions:
        before = doc.copy()
        reason = try_push(stack, _factory(doc, action))
        if reason is not None:
            assert doc.same_as(before)  # a refused edit changes nothing
        states[stack.index()] = doc.copy()  # a merged move replaces its step
    top = stack.index()
    for i in range(top - 1, -1, -1):
        stack.undo()
        assert doc.same_as(states[i])
    for i in range(1, top + 1):
        stack.redo()
        assert doc.same_as(states[i])


def test_one_value_parser_json_or_plain_decimal() -> None:
    """The inputs table and the canvas read values with the same rules (no eval)."""
    assert parse_value_text(" 2.5 ") == 2.5 and parse_value_text("-1e-3") == -1e-3
    assert parse_value_text(".5") == 0.5 and parse_value_text("5.") == 5.0
    assert parse_value_text("+2") == 2.0
    assert np.array_equal(parse_value_text("[[1, 2], [3, 4]]"), [[1.0, 2.0], [3.0, 4.0]])
    # float() would take these; a value typed in class should not.
    for bad in ("1_000", "nan", "inf", "-Infinity", "NaN", "١", "1 2", "0x10", "true",
                "[1, [2]]", "'1'", "__import__('os')"):
        with pytest.raises(GraphError):
            parse_value_text(bad)
    with pytest.raises(GraphError, match="enter a number"):
        parse_value_text("  ")
    with pytest.raises(GraphError, match=r"'abc' is not a number or an array"):
        parse_value_text("abc")
    for v in (1.0, -0.1, 1e-300, 0.1 + 0.2, np.array([[1.5, 2.0], [3.0, 4.0]])):
        assert np.array_equal(parse_value_text(value_to_text(v)), v)


def test_values_are_edited_in_their_shortest_exact_text():
    """0.1 must read 0.1 in an editor on a projector, and still read back exactly."""
    from autodiff_gui.ui.editing.commands import parse_value_text, value_to_text

    for v in (0.1, 1 / 3, 2.0, -1e-300, 1e308):
        text = value_to_text(v)
        assert parse_value_text(text) == v
    assert value_to_text(0.1) == "0.1" and value_to_text(2.0) == "2.0"


def test_op_parameters_survive_delete_undo_and_copy_paste(stack: QUndoStack) -> None:
    from autodiff_gui.core.expr import parse

    doc = parse("sum(x, 0) + x[1, :]", {"x": np.arange(6.0).reshape(2, 3)})
    reduce = next(n for n in doc.nodes() if doc.node(n).get("op") == "sum")
    check_roundtrip(doc, stack, lambda: RemoveNodes(doc, [reduce]))
    stack.undo()
    assert doc.params(reduce) == {"axis": 0}  # put back along its axis
    picks = [n for n in doc.nodes() if doc.node(n).get("op") in ("sum", "index")]
    data = data_from_text(data_to_text(nodes_to_data(doc, picks)))
    holder = []

    def make() -> PasteNodes:
        holder.append(PasteNodes(doc, data, (10, 10)))
        return holder[0]

    after = check_roundtrip(doc, stack, make)
    pasted = {after.node(n)["op"]: dict(after.params(n)) for n in holder[0].new_ids}
    assert pasted == {"sum": {"axis": 0}, "index": {"index": (1, (None, None, None))}}
    bad = {"format": "autodiff-nodes", "nodes": [
        {"id": 1, "kind": "op", "op": "sum", "params": {"axis": 1.5}}]}
    before = doc.copy()
    assert try_push(stack, lambda: PasteNodes(doc, bad, (0, 0)))  # refused, with a reason
    assert doc.same_as(before)
