"""The symbolic derivative: textbook rules without sharing, printed so it parses back.

Its text evaluates to the engine's gradient (random scalar graphs at their points),
and its size grows faster than the backward graph's (expression swell).
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given

from autodiff_gui.core import expr
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.symbolic import (
    SymbolicError,
    derivative,
    expression_tree,
    size,
    symbolic_gradient,
    to_text,
)

from .helpers import assert_close, build_random
from .test_random_graphs import RUNS, recipes


def _round_trips(doc, rtol: float = 1e-9) -> None:
    _value, want = compile_graph(doc).gradient()
    values = doc.input_values()
    for name, tree in symbolic_gradient(doc).items():
        try:
            text = to_text(tree)
        except SymbolicError:
            assume(False)  # too large to print: the swell itself
        got = compile_graph(expr.parse(text, values)).evaluate() if size(tree) else \
            compile_graph(expr.parse(text + " + 0 * " + name, values)).evaluate()
        assert_close(got, want[name], rtol, f"{name}: {text}")


@pytest.mark.parametrize("text", [
    "sin(x)*x + y*x", "x**y + sqrt(x)*tanh(y)/sigmoid(x) - -x", "relu(x)*abs(y) + x**3/y",
    "-x**2 - (x-y) / (x/y) + 2**-x + exp(x)*log(y)", "tan(x) * cos(y) - mean(x) + sum(y)",
    "(x - y) ** 2 / (x * y)"])
def test_texts_parse_back_to_the_gradient(text: str) -> None:
    _round_trips(expr.parse(text, {"x": 0.7, "y": 1.3}))


def test_no_sharing_means_swell() -> None:
    doc = expr.parse("x", {"x": 0.5})
    node = doc.find_input("x")
    for _ in range(6):  # x = sin(x)·x: the graph grows by 2, the tree doubles
        node = doc.add_op("mul", args=(doc.add_op("sin", args=(node,)), node))
    doc.set_output(node)
    tree = expression_tree(doc)
    assert size(tree) == 2 ** 7 - 2
    assert size(derivative(tree, "x")) > 5 * size(tree)


def test_zero_and_one_are_dropped() -> None:
    doc = expr.parse("3*x + y", {"x": 1.0, "y": 2.0})
    grads = {n: to_text(t) for n, t in symbolic_gradient(doc).items()}
    assert grads == {"x": "3", "y": "1"}


def test_arrays_are_refused() -> None:
    with pytest.raises(SymbolicError):
        symbolic_gradient(expr.parse("sum(v*v)", {"v": [1.0, 2.0]}))


@RUNS
@given(recipes("scalar"))
def test_random_scalar_graphs_round_trip(recipe: dict) -> None:
    _round_trips(build_random(recipe), 1e-8)
