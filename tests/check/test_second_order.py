"""Second derivatives: the engine on the backward graph agrees with PyTorch's double
backward (≤ 1e-10 relative) and with central differences of the gradient."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from autodiff_gui.check.second_order import (
    fd_hessian,
    graph_sizes,
    relative_error,
    second_order,
    torch_hessian,
)
from autodiff_gui.core import expr
from autodiff_gui.core.backward_graph import hessian, hessian_vector
from autodiff_gui.core.engine import EvalError

from ..core.helpers import binary_doc, build_random, unary_doc
from ..core.test_backward_graph import UNARY_POINTS
from ..core.test_random_graphs import RUNS, recipes

pytest.importorskip("torch")

TORCH_RTOL = 1e-10
FD_RTOL = 1e-5


def _all_agree(doc, values=None) -> None:
    report = second_order(doc, values)
    assert report.torch_error is not None and report.torch_error <= TORCH_RTOL, report
    assert report.finite_error <= FD_RTOL, report


@pytest.mark.parametrize("name", sorted(UNARY_POINTS))
def test_every_unary_primitive(name: str) -> None:
    _all_agree(unary_doc(name, UNARY_POINTS[name]))
    _all_agree(unary_doc(name, np.array([UNARY_POINTS[name], 0.9])))


@pytest.mark.parametrize("name", ["add", "sub", "mul", "div", "pow", "matmul"])
def test_every_binary_primitive(name: str) -> None:
    if name == "matmul":
        _all_agree(binary_doc(name, np.array([[1.3, 0.4], [2.0, 0.5]]), np.array([0.6, 1.5])))
        _all_agree(binary_doc(name, np.array([1.3, 0.4]), np.array([[0.6, 1.5], [0.2, -1]])))
        return
    _all_agree(binary_doc(name, 1.3, 0.6))
    _all_agree(binary_doc(name, 1.7, 3.0, const_b=True))
    _all_agree(binary_doc(name, np.array([1.3, 0.4]), 0.6))


def test_reductions() -> None:
    _all_agree(expr.parse("mean(v*v*v) + sum(sin(v))", {"v": [0.3, -1.2, 2.0]}))


def test_known_hessian() -> None:
    doc = expr.parse("x*x*y + sin(y)", {"x": 1.5, "y": 0.5})
    h = hessian(doc)
    assert h["x"]["x"] == pytest.approx(2 * 0.5)
    assert h["x"]["y"] == pytest.approx(2 * 1.5) == h["y"]["x"]
    assert h["y"]["y"] == pytest.approx(-np.sin(0.5))


def test_kinks_follow_pytorch() -> None:
    doc = expr.parse("relu(x)*x + abs(y)*y", {"x": 0.0, "y": 0.0})
    assert hessian(doc) == torch_hessian(doc)
    assert hessian(doc)["x"]["x"] == 0.0  # relu'(0) = 0: d/dx (relu'(x)·x + relu(x)) = 0


def test_hessian_vector_product() -> None:
    doc = expr.parse("sum(v*v*w)", {"v": [1.0, 2.0], "w": [3.0, -1.0]})
    hv = hessian_vector(doc, {"v": [1.0, 0.0], "w": [0.0, 1.0]})
    # H = [[2w, 2v], [2v, 0]] per element: H·(e_v0, e_w1)
    assert hv["v"].tolist() == [6.0, 4.0] and hv["w"].tolist() == [2.0, 0.0]


def test_second_derivative_of_sqrt_at_zero_is_a_domain_error() -> None:
    doc = expr.parse("sqrt(x)", {"x": 0.0})
    with pytest.raises(EvalError) as info:
        hessian(doc)
    assert info.value.kind == "domain"


def test_sizes_grow_with_each_derivative() -> None:
    sizes = graph_sizes(expr.parse("sin(x)*cos(x)*exp(x)", {"x": 0.3}))
    assert sizes["function"] == 5
    assert sizes["second_order_graph"] > sizes["backward_graph"] > sizes["function"]


def test_fd_and_relative_error() -> None:
    doc = expr.parse("x*x*x", {"x": 2.0})
    assert relative_error(fd_hessian(doc), {"x": {"x": 12.0}}) < 1e-8


@settings(RUNS, max_examples=150)
@given(recipes("scalar"))
def test_random_scalar_graphs(recipe: dict) -> None:
    _all_agree(build_random(recipe))


@settings(RUNS, max_examples=100)
@given(recipes())
def test_random_array_graphs(recipe: dict) -> None:
    _all_agree(build_random(recipe))
