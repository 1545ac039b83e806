"""The graph document: every mutation validates, refuses without changing anything,
and tells its listeners; reading, copying and comparing."""

from __future__ import annotations

import keyword
import sys

import numpy as np
import pytest

from autodiff_gui.core.graph import (
    RESERVED_NAMES,
    Document,
    Event,
    GraphError,
    as_value,
    format_value,
    values_equal,
)

from .helpers import chain, op_node, seed_doc


class Recorder:
    """Collects events as (kind, node) pairs, with the data of the last one."""

    def __init__(self, doc: Document) -> None:
        self.events: list[Event] = []
        doc.subscribe(self.events.append)

    @property
    def kinds(self) -> list[tuple[str, int | None]]:
        return [(e.kind, e.node) for e in self.events]


def refused(doc: Document, action, match: str) -> GraphError:  # noqa: ANN001
    """Run ``action``; it must raise GraphError and change nothing, silently."""
    before = doc.copy()
    rec = Recorder(doc)
    next_id = doc._next_id
    with pytest.raises(GraphError, match=match) as info:
        action()
    assert doc.same_as(before) and doc._next_id == next_id, "a refusal changed the document"
    assert rec.events == [], "a refusal emitted events"
    return info.value


# -- adding nodes ---------------------------------------------------------------------------


def test_add_nodes_and_events() -> None:
    doc = Document()
    rec = Recorder(doc)
    x = doc.add_input("x", 2, pos=(10, 20))
    c = doc.add_const([1, 2])
    m = doc.add_op("mul")
    assert (x, c, m) == (1, 2, 3)
    assert rec.kinds == [("node_added", 1), ("node_added", 2), ("node_added", 3)]
    assert doc.node(x) == {"kind": "input", "name": "x", "value": 2.0, "pos": (10.0, 20.0)}
    assert isinstance(doc.node(x)["value"], float)
    assert isinstance(doc.node(c)["value"], np.ndarray)
    assert doc.kind(m) == "op" and doc.op(m).name == "mul" and doc.arity(m) == 2
    assert doc.op(x) is None and doc.arity(c) == 0
    assert doc.add_input("y", node_id=10) == 10 and doc.add_op("sin") == 11
    assert len(doc) == 5 and 10 in doc and 4 not in doc


@pytest.mark.parametrize("name", ["", "1x", "x y", "x-1", "é", None, 3])
def test_bad_names(name: object) -> None:
    doc = seed_doc()
    refused(doc, lambda: doc.add_input(name), "not a valid name")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(RESERVED_NAMES))
def test_reserved_names(name: str) -> None:
    doc = seed_doc()
    reason = "reserved word" if keyword.iskeyword(name) else "name of a function"
    refused(doc, lambda: doc.add_input(name), reason)
    refused(doc, lambda: doc.rename(1, name), reason)


def test_duplicate_names() -> None:
    doc = seed_doc()
    refused(doc, lambda: doc.add_input("x"), "exists already")
    refused(doc, lambda: doc.rename(1, "y"), "exists already")
    doc.rename(1, "x")  # its own name is fine


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), [1.0, float("nan")],
                                   "1", True, np.bool_(True), 1 + 2j, np.array([1 + 1j]),
                                   [[1, 2], [3]], [], np.array([True, False]), None, {"a": 1}],
                         ids=repr)
def test_bad_values(value: object) -> None:
    doc = seed_doc()
    refused(doc, lambda: doc.add_input("q", value), "value of q")
    refused(doc, lambda: doc.add_const(value), "constant")
    refused(doc, lambda: doc.set_value(1, value), "number|finite|rectangular|empty")
    with pytest.raises(ValueError):
        as_value(value)


def test_bad_ids_and_positions() -> None:
    doc = seed_doc()
    refused(doc, lambda: doc.add_op("mul", node_id=3), "exists already")
    refused(doc, lambda: doc.add_op("mul", node_id=-1), "whole numbers")
    refused(doc, lambda: doc.add_op("mul", node_id=True), "whole numbers")  # type: ignore[arg-type]
    refused(doc, lambda: doc.add_op("mul", node_id=2.5), "whole numbers")  # type: ignore[arg-type]
    refused(doc, lambda: doc.add_op("mul", pos=(float("nan"), 0)), "finite")
    refused(doc, lambda: doc.add_op("mul", pos=(1, 2, 3)), "two numbers")
    refused(doc, lambda: doc.add_op("mul", pos="ab"), "two numbers")  # type: ignore[arg-type]
    refused(doc, lambda: doc.add_op("nope"), "unknown operation")
    refused(doc, lambda: doc.set_position(1, (float("inf"), 0)), "finite")
    refused(doc, lambda: doc.set_position(99, (0, 0)), "no node 99")


# -- wires -------------------------------------------------------------------------------------


def test_connect_validation() -> None:
    doc = seed_doc()
    m = doc.add_op("mul")  # 10
    refused(doc, lambda: doc.connect(1, m, 2), "no slot 2")
    refused(doc, lambda: doc.connect(1, m, -1), "no slot -1")
    refused(doc, lambda: doc.connect(1, m, True), "no slot")  # type: ignore[arg-type]
    refused(doc, lambda: doc.connect(1, 2, 0), "takes no arguments")  # into a constant
    refused(doc, lambda: doc.connect(1, 99, 0), "no node 99")
    refused(doc, lambda: doc.connect(m, m, 0), "cannot feed itself")
    refused(doc, lambda: doc.connect(1, 3, 0), "'base' of pow #3 is taken")
    err = refused(doc, lambda: doc.connect(9, 3, 0, replace=True), "cycle")
    assert "pow #3 already feeds mul #9" in err.message and err.node == 3
    with pytest.raises(GraphError, match="cycle"):
        doc.check_connect(9, 6, 1, replace=True)
    doc.check_connect(7, m, 0)  # fine: no exception, no change


def test_connect_replace_disconnect_and_events() -> None:
    doc = seed_doc()
    rec = Recorder(doc)
    doc.connect(7, 3, 0, replace=True)  # pow's base: x → y
    assert rec.kinds == [("edge_removed", 3), ("edge_added", 3)]
    assert rec.events[0].data == {"src": 1, "slot": 0}
    assert rec.events[1].data == {"src": 7, "slot": 0}
    assert doc.arguments(3) == [7, 2] and doc.source(3, 0) == 7
    assert doc.disconnect(3, 0) == 7 and doc.arguments(3) == [None, 2]
    assert doc.disconnect(3, 0) is None
    assert [e.kind for e in rec.events] == ["edge_removed", "edge_added", "edge_removed"]
    assert doc.problems()[0].node == 3 and "'base'" in doc.problems()[0].message


def test_parallel_wires() -> None:
    doc = Document()
    x = doc.add_input("x", 3.0)
    m = op_node(doc, "mul", x, x)
    assert doc.edges() == [(x, m, 0), (x, m, 1)]  # a DiGraph would have merged them
    assert doc.arguments(m) == [x, x] and sorted(doc.users(x)) == [(m, 0), (m, 1)]
    doc.disconnect(m, 1)
    assert doc.arguments(m) == [x, None] and doc.users(x) == [(m, 0)]


def test_remove_node_removes_wires() -> None:
    doc = seed_doc()
    doc.set_output(6)
    rec = Recorder(doc)
    doc.remove_node(1)  # x feeds pow (slot 0) and mul (slot 1)
    assert 1 not in doc and doc.users(2) == [(3, 1)]
    assert sorted(rec.kinds[:-1]) == [("edge_removed", 3), ("edge_removed", 5)]
    assert rec.kinds[-1] == ("node_removed", 1)
    assert doc.arguments(3) == [None, 2] and doc.arguments(5) == [4, None]
    assert len(doc.edges()) == 9 - 2
    doc.remove_node(6)  # the output
    assert doc.output == 9  # back to the newest sink op
    refused(doc, lambda: doc.remove_node(1), "no node 1")


# -- attributes --------------------------------------------------------------------------------


def test_values_names_output_positions() -> None:
    doc = seed_doc()
    rec = Recorder(doc)
    doc.set_value(1, [1, 2])
    assert rec.events[-1].kind == "value_changed" and rec.events[-1].data["old"] == 1.0
    assert np.array_equal(rec.events[-1].data["new"], [1.0, 2.0])
    doc.set_value(2, 3)
    assert doc.node(2)["value"] == 3.0
    refused(doc, lambda: doc.set_value(3, 1.0), "no value of its own")
    doc.rename(1, "u")
    assert rec.events[-1].kind == "renamed" and rec.events[-1].data == {"old": "x", "new": "u"}
    assert doc.inputs() == {"u": 1, "y": 7} and doc.find_input("u") == 1
    assert doc.find_input("x") is None
    refused(doc, lambda: doc.rename(2, "q"), "only inputs")  # a constant has no name
    assert doc.output == 9
    doc.set_output(6)
    assert doc.output == 6 and rec.events[-1] == Event("output_changed", 6, {"old": 9})
    doc.set_output(None)
    assert doc.output == 9
    refused(doc, lambda: doc.set_output(42), "no node 42")
    doc.set_position(3, (1, 2))
    assert doc.position(3) == (1.0, 2.0) and rec.events[-1].kind == "moved"
    doc.set_position(3, None)
    assert doc.position(3) is None and rec.events[-1].data == {"old": (1.0, 2.0), "new": None}
    inputs = doc.input_values()
    assert list(inputs) == ["u", "y"] and inputs["y"] == 2.0


def test_reading() -> None:
    doc = seed_doc()
    assert doc.nodes() == list(range(1, 10))
    assert doc.sinks() == [9]
    assert doc.describe(1) == "x" and doc.describe(2) == "constant 2"
    assert doc.describe(8) == "log #8"
    assert doc.problems() == []
    assert Document().output is None and "empty" in Document().problems()[0].message
    with pytest.raises(GraphError, match="no node 42"):
        doc.node(42)
    lone = Document()
    c = lone.add_const(1.0)
    assert lone.output == c  # no op: the newest sink of any kind


# -- whole documents -------------------------------------------------------------------------


def test_copy_same_as_replace_with() -> None:
    doc = seed_doc([1.0, 2.0])
    rec = Recorder(doc)
    other = doc.copy()
    assert other.same_as(doc) and other is not doc
    assert other._listeners == []
    other.node(1)["value"][0] = 5.0  # arrays are copied, not shared
    assert doc.node(1)["value"][0] == 1.0 and not other.same_as(doc)
    other = doc.copy()
    other.set_position(1, (3, 4))
    assert not other.same_as(doc) and other.same_as(doc, positions=False)
    other.set_output(6)
    assert not other.same_as(doc, positions=False)
    other = doc.copy()
    other.connect(7, 3, 0, replace=True)
    assert not other.same_as(doc)
    other = doc.copy()
    other.add_const(1.0)
    assert not other.same_as(doc)
    doc.replace_with(other)
    assert doc.same_as(other) and rec.kinds == [("reset", None)]
    assert doc.add_op("sin") == 11  # ids continue after the copied ones
    other.add_op("cos")
    assert 11 in doc and doc.op(11).name == "sin"  # independent after replace_with


def test_muted() -> None:
    doc = Document()
    rec = Recorder(doc)
    late: list[Event] = []
    with doc.muted():
        doc.add_input("x")
        with doc.muted():
            doc.add_op("sin")
        doc.subscribe(late.append)  # subscribed inside: kept
        doc.connect(1, 2, 0)
    assert rec.kinds == [("reset", None)]
    assert [e.kind for e in late] == ["reset"]
    doc.add_op("cos")
    assert rec.kinds[-1] == ("node_added", 3) and late[-1].kind == "node_added"
    doc.unsubscribe(late.append)
    doc.add_op("tan")
    assert late[-1].node == 3
    with pytest.raises(RuntimeError), doc.muted():  # an exception still ends the block
        raise RuntimeError
    assert rec.kinds[-1] == ("reset", None)


def test_values_helpers() -> None:
    assert as_value(2) == 2.0 and isinstance(as_value(2), float)
    assert isinstance(as_value(np.float32(1.5)), float)
    arr = np.array([1, 2])
    out = as_value(arr)
    assert out.dtype == np.float64 and out is not arr
    assert values_equal(1.0, 1.0) and not values_equal(np.ones(2), np.ones(3))
    assert values_equal(np.ones(2), np.ones(2)) and not values_equal(1.0, np.ones(1))
    assert format_value(2.0) == "2" and format_value(0.69314718) == "0.6931"
    # up to 12 elements in full, a matrix as rows; larger ones cut, with their shape
    assert format_value(np.ones((2, 3))) == "[[1, 1, 1], [1, 1, 1]]"
    assert format_value(np.ones((4, 4))) == "[[1, 1, …, 1], …] (4, 4)"


# -- big documents: no recursion anywhere --------------------------------------------------


def test_ten_thousand_node_chain_document() -> None:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        doc = chain(10_000)
        assert len(doc) == 10_001 and doc.output == 10_001 and doc.problems() == []
        # closing the loop is seen through 10,000 nodes
        err = refused(doc, lambda: doc.connect(doc.output, 2, 0, replace=True), "cycle")
        assert err.node == 2
        doc.remove_node(5000)
        problems = doc.problems()
        assert [p.node for p in problems] == [5001]
        copy = doc.copy()
        assert copy.same_as(doc)
    finally:
        sys.setrecursionlimit(old)


def test_keywords_cannot_name_inputs():
    """Generated scripts use input names as variables, so Python keywords are refused."""
    doc = Document()
    with pytest.raises(GraphError, match="reserved word"):
        doc.add_input("lambda", 1.0)
    x = doc.add_input("x", 1.0)
    with pytest.raises(GraphError, match="reserved word"):
        doc.rename(x, "if")
    assert doc.find_input("x") == x and len(doc) == 1


def test_input_name_index_follows_every_edit():
    doc = Document()
    x = doc.add_input("x", 1.0)
    doc.rename(x, "w")
    assert doc.find_input("x") is None and doc.find_input("w") == x
    copy = doc.copy()
    doc.remove_node(x)
    assert doc.find_input("w") is None and copy.find_input("w") == x
    doc.replace_with(copy)
    assert doc.find_input("w") == x
    with pytest.raises(GraphError, match="exists already"):
        doc.add_input("w", 2.0)


def test_add_op_with_args_wires_at_once():
    doc = Document()
    x = doc.add_input("x", 3.0)
    events = []
    doc.subscribe(events.append)
    m = doc.add_op("mul", args=(x, x))
    assert doc.arguments(m) == [x, x]
    assert [e.kind for e in events] == ["node_added", "edge_added", "edge_added"]
    with pytest.raises(GraphError):
        doc.add_op("log", args=(x, x))
    with pytest.raises(GraphError):
        doc.add_op("log", args=(999,))
    assert len(doc) == 2


def test_nested_strings_and_booleans_are_not_numbers():
    for bad in (["1.5"], [True, False], [[1, 2], [3]]):
        with pytest.raises(ValueError):
            as_value(bad)
