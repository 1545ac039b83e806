"""The backward graph: an ordinary document whose value is ∂f/∂(first input).

Every primitive has a backward rule made of primitives; the graph's gradient nodes
equal the engine's reverse-mode gradient (random graphs too), fan-out meets in
labelled add nodes, and the graph saves, loads and differentiates again.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given

from autodiff_gui.core import expr, fileio, ops
from autodiff_gui.core.backward_graph import (
    backward_graph,
    build_backward,
    node_count,
    second_order_graph,
)
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import GraphError

from .helpers import assert_close, binary_doc, build_random, unary_doc
from .test_random_graphs import RUNS, recipes

UNARY_POINTS = {"neg": 0.7, "exp": 0.3, "log": 1.7, "sqrt": 2.2, "sin": 0.4, "cos": 0.4,
                "tan": 0.5, "abs": -1.3, "tanh": 0.6, "sigmoid": -0.8, "relu": 1.1}


def test_every_op_has_a_backward_rule_per_slot() -> None:
    for name, op in ops.OPS.items():
        assert len(op.grad) == op.arity, name
        assert all(callable(rule) for rule in op.grad), name


def _agrees(doc) -> None:
    _value, want = compile_graph(doc).gradient()
    bg = build_backward(doc)
    assert list(bg.gradients) == list(doc.inputs())
    for name, node in bg.gradients.items():
        got = compile_graph(bg.document, node).evaluate()
        assert_close(got, want[name], 1e-12, name)


@pytest.mark.parametrize("name", sorted(UNARY_POINTS))
def test_unary_rules_give_the_engines_gradient(name: str) -> None:
    _agrees(unary_doc(name, UNARY_POINTS[name]))
    _agrees(unary_doc(name, np.array([UNARY_POINTS[name], 0.9])))


@pytest.mark.parametrize("name", ["add", "sub", "mul", "div", "pow"])
def test_binary_rules_give_the_engines_gradient(name: str) -> None:
    _agrees(binary_doc(name, 1.3, 0.6))
    _agrees(binary_doc(name, np.array([[1.3, 0.4], [2.0, 0.5]]), np.array([0.6, 1.5])))
    _agrees(binary_doc(name, 1.7, 3.0, const_b=True))


@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)),
                                    ((2, 3), (3, 2))])
def test_matmul_rules_transpose_with_primitives(shapes) -> None:
    rng = np.random.default_rng(1)
    doc = expr.parse("sum(A @ B)", {"A": rng.normal(size=shapes[0]),
                                    "B": rng.normal(size=shapes[1])})
    _agrees(doc)


def test_reductions_and_kinks_follow_pytorch() -> None:
    _agrees(expr.parse("mean(v*v) + sum(v)", {"v": [1.0, -2.0, 3.0]}))
    # relu'(0) = 0 and abs'(0) = 0, like PyTorch
    doc = expr.parse("relu(x) + abs(y)", {"x": 0.0, "y": 0.0})
    bg = build_backward(doc)
    for node in bg.gradients.values():
        assert compile_graph(bg.document, node).evaluate() == 0.0


def test_fan_out_meets_in_labelled_add_nodes() -> None:
    doc = expr.parse("sin(x)*x", {"x": 0.5})
    bg = build_backward(doc)
    d = bg.document
    labels = {d.node(n)["label"] for n in d.nodes()}
    assert {"∂f/∂x (path 1)", "∂f/∂x (path 2)", "∂f/∂x"} <= labels
    top = bg.gradients["x"]
    assert d.node(top)["op"] == "add" and d.node(top)["label"] == "∂f/∂x"
    assert d.output == top and d.find_input("upstream") is not None
    # Every op node is a primitive of the table.
    assert all(d.node(n)["op"] in ops.OPS for n in d.nodes() if d.kind(n) == "op")


def test_upstream_scales_the_gradient() -> None:
    doc = expr.parse("x*x*y", {"x": 1.5, "y": -2.0})
    d = backward_graph(doc)
    program = compile_graph(d)
    assert program.evaluate() == pytest.approx(2 * 1.5 * -2.0)
    assert program.evaluate({"upstream": 3.0}) == pytest.approx(3 * 2 * 1.5 * -2.0)
    assert program.evaluate({"x": 2.0}) == pytest.approx(2 * 2.0 * -2.0)


def test_it_is_an_ordinary_document(tmp_path) -> None:
    doc = expr.parse("exp(x)*y + log(y)", {"x": 0.2, "y": 1.5})
    d = backward_graph(doc)
    path = tmp_path / "bw.json"
    fileio.save(d, path)
    loaded = fileio.load(path)
    assert compile_graph(loaded).evaluate() == pytest.approx(np.exp(0.2) * 1.5)
    second = second_order_graph(doc)
    assert compile_graph(second.document).evaluate() == pytest.approx(np.exp(0.2) * 1.5)
    assert len(second.document) > len(d) and node_count(d) >= 3


def test_unreached_input_has_a_zero_gradient() -> None:
    doc = expr.parse("y*y", {"y": 2.0})
    doc.add_input("a", [1.0, 2.0])
    bg = build_backward(doc)
    assert compile_graph(bg.document, bg.gradients["a"]).evaluate().tolist() == [0.0, 0.0]


def test_no_output_is_refused() -> None:
    with pytest.raises(GraphError):
        backward_graph(type(expr.parse("x", {"x": 1.0}))())


def test_upstream_name_does_not_clash() -> None:
    doc = expr.parse("upstream*x", {"upstream": 2.0, "x": 3.0})
    bg = build_backward(doc)
    assert bg.upstream == "upstream2"
    assert compile_graph(bg.document).evaluate() == 3.0


@RUNS
@given(recipes())
def test_random_backward_graphs_agree(recipe: dict) -> None:
    _agrees(build_random(recipe))


def test_the_backward_graph_is_a_document_of_its_own() -> None:
    """Built without a snapshot (``Document.built``): its graph is networkx's own, its
    arrays are not the original's, and it edits, copies and undoes like any document."""
    import networkx as nx

    w = np.array([0.5, 1.0, 2.0])
    doc = expr.parse("sum(sin(w) * w) * x", {"w": w, "x": 3.0})
    bg = build_backward(doc)
    d = bg.document
    same = nx.MultiDiGraph()
    same.add_nodes_from(d.nodes())
    for n in d.nodes():
        for slot, src in enumerate(d.arguments(n)):
            same.add_edge(src, n, key=slot)
    assert nx.utils.graphs_equal(d._graph, same)
    assert all(d._graph._succ[u][v] is d._graph._pred[v][u] for u, v in d._graph.edges())
    assert d.value(d.find_input("w")) is not doc.value(doc.find_input("w"))
    copy = d.copy()
    assert copy.same_as(d) and nx.utils.graphs_equal(copy._graph, d._graph)
    d.set_value(d.find_input("x"), 2.0)  # an ordinary edit of the backward graph
    assert doc.value(doc.find_input("x")) == 3.0
    assert compile_graph(d, bg.gradients["x"]).evaluate() == pytest.approx(
        np.sum(np.sin(w) * w))


def test_values_of_the_function_keep_their_letters_in_the_backward_graph() -> None:
    """log(y) is d in the seed: its block in the backward graph is named d, so the
    engine's letters (the trace, the narration) say d too, the backward graph's own
    nodes are lettered around it, and the text shows it as a named step."""
    doc = expr.parse("(x**2 + 2*x) * log(y)", {"x": 1.0, "y": 2.0})
    bg = build_backward(doc)
    d = bg.document
    log_node = next(n for n in d.nodes() if d.node(n).get("op") == "log")
    assert d.node(log_node)["name"] == "d" == d.node(log_node)["label"]
    program = compile_graph(d)
    labels = dict(zip(program.nodes, program.labels))
    assert labels[log_node] == "d"
    others = [labels[n] for n in labels if d.kind(n) == "op" and n != log_node]
    assert "d" not in others and len(set(others)) == len(others)
    # Nor is any of them called by a letter a block speaks of (∂f/∂c: c is f's c).
    spoken = {m for n in d.nodes() for m in re.findall(r"∂\w+/∂(\w+)", d.node(n)["label"])}
    assert "c" in spoken and not spoken & set(others)
    assert expr.to_text(d, sep="\n").startswith("d = log(y)\n")
    # A student's op named "upstream" does not clash with the upstream input.
    named = expr.parse("upstream = x * y\nupstream + x", {"x": 1.0, "y": 2.0})
    assert build_backward(named).upstream == "upstream2"
