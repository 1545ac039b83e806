"""The elementwise primitives of core/ops/elementwise.py against PyTorch.

Values, gradients and forward mode agree to 1e-10 relative over random points inside
each domain (hypothesis), and exactly at the ties and kinks where PyTorch picks a
convention; second derivatives through the backward graph agree with torch's double
backward for the smooth ones; the finite-difference check flags ties and kinks with
the place and the convention; the generated PyTorch script runs and agrees.
"""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_gui.check import codegen, torch_ref
from autodiff_gui.check import finite_diff as fd
from autodiff_gui.check.second_order import second_order
from autodiff_gui.core import expr
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document

pytestmark = pytest.mark.skipif(not torch_ref.torch_status()[0],
                                reason="PyTorch is not installed")

RTOL = 1e-10
PARAMS = {"clamp": {"lo": -1.0, "hi": 1.5}, "leaky_relu": {"slope": 0.1}}


def _floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    # No subnormals: PyTorch's kernels may flush them to 0 (an upstream of 5e-324 gives
    # softplus a gradient of 0 there), which is not a disagreement about derivatives.
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def _nonzero(lo: float, hi: float) -> st.SearchStrategy[float]:
    """|x| in [lo, hi], either sign."""
    return st.tuples(_floats(lo, hi), st.booleans()).map(lambda t: -t[0] if t[1] else t[0])


# Values inside each domain (asin's derivative near ±1 is ill-conditioned: the last
# bits of 1 − x² are amplified by 1/(1 − x²), in torch as in the engine).
DOMAINS: dict[str, st.SearchStrategy[float]] = {
    "sinh": _floats(-30, 30), "cosh": _floats(-30, 30), "asin": _floats(-0.999, 0.999),
    "acos": _floats(-0.999, 0.999), "atan": _floats(-1e3, 1e3), "square": _floats(-1e3, 1e3),
    "reciprocal": _nonzero(1e-3, 1e3), "exp2": _floats(-60, 60), "expm1": _floats(-30, 30),
    "log2": _floats(1e-6, 1e6), "log10": _floats(1e-6, 1e6), "log1p": _floats(-0.999, 1e3),
    "softplus": _floats(-60, 60), "leaky_relu": _nonzero(1e-9, 10),
    "sign": _nonzero(1e-9, 10), "clamp": _floats(-3, 3),
}


def _doc(name: str, *values: object, params: dict | None = None) -> Document:
    doc = Document()
    srcs = [doc.add_input(n, v) for n, v in zip("xy", values)]
    node = doc.add_op(name, params=params if params is not None else PARAMS.get(name))
    for slot, s in enumerate(srcs):
        doc.connect(s, node, slot)
    return doc


def _close(a: object, b: object) -> bool:
    a, b = np.asarray(a, float), np.asarray(b, float)
    scale = np.maximum(np.abs(a), np.abs(b))
    # Below the smallest normal float (a tiny upstream times a small derivative) the
    # digits run out: 6.80655049e-315 and 6.806550483e-315 are both right.
    return bool(np.all(np.abs(a - b) <= RTOL * scale + np.finfo(float).tiny))


def agrees(doc: Document, upstream: object = 1.0) -> torch_ref.TorchResult:
    """Engine and torch: value, gradient (reverse mode) and forward mode, to RTOL."""
    program = compile_graph(doc)
    value, grad = program.gradient(upstream=upstream)
    result = torch_ref.compare(program, upstream=upstream)
    assert result.available and result.error is None, result.error
    assert _close(result.value, value), (result.value, value)
    for name, g in grad.items():
        assert _close(result.gradient[name], g), (name, result.gradient[name], g)
    for name, g in program.forward_mode_gradient().items():
        assert _close(result.forward_mode[name], g), (name, result.forward_mode[name], g)
    return result


@pytest.mark.parametrize("name", sorted(DOMAINS))
def test_unary_inside_the_domain(name: str) -> None:
    @settings(max_examples=40, deadline=None)
    @given(x=DOMAINS[name], u=_floats(-3, 3))
    def check(x: float, u: float) -> None:
        agrees(_doc(name, x), upstream=u)

    check()
    # arrays, with an array upstream
    xs = np.array([-0.9, -0.1, 0.3, 0.8]) if name in ("asin", "acos", "log1p") else \
        np.array([0.2, 0.9, 2.5, 7.0]) if name in ("log2", "log10", "reciprocal") else \
        np.array([-2.5, -0.3, 0.4, 2.0])
    agrees(_doc(name, xs), upstream=np.array([1.0, -2.0, 0.5, 3.0]))


@pytest.mark.parametrize("name", ["maximum", "minimum"])
def test_binary_inside_the_domain(name: str) -> None:
    @settings(max_examples=40, deadline=None)
    @given(x=_floats(-50, 50), y=_floats(-50, 50), u=_floats(-3, 3))
    def check(x: float, y: float, u: float) -> None:
        agrees(_doc(name, x, y), upstream=u)

    check()
    rng = np.random.default_rng(5)
    agrees(_doc(name, rng.normal(size=(2, 3)), rng.normal(size=3)), upstream=2.0)


@pytest.mark.parametrize("slope", [0.01, 0.2, -0.5, 2.0])
def test_leaky_relu_with_its_slope(slope: float) -> None:
    xs = np.array([-2.0, -1e-9, 0.0, 1e-9, 3.0])
    agrees(_doc("leaky_relu", xs, params={"slope": slope}), upstream=np.arange(1.0, 6.0))


# -- ties and kinks: PyTorch's own choice, exactly ------------------------------------------

TIES_AND_KINKS = [
    ("maximum", (1.5, 1.5)), ("minimum", (1.5, 1.5)), ("maximum", (0.0, -0.0)),
    ("maximum", (np.array([1.0, 2.0, -3.0]), np.array([1.0, 0.0, -3.0]))),
    ("minimum", (np.array([[1.0], [2.0]]), np.array([1.0, 2.0, 3.0]))),
    ("sign", (0.0,)), ("sign", (np.array([0.0, -2.0, 3.0]),)),
    ("clamp", (-1.0,)), ("clamp", (1.5,)), ("clamp", (np.array([-1.0, 1.5, 2.0, -4.0]),)),
    ("leaky_relu", (0.0,)), ("softplus", (20.0,)), ("softplus", (np.nextafter(20.0, 21),)),
    ("softplus", (np.array([19.999, 20.0, 20.001, 36.0, 40.0]),)),
    ("abs", (0.0,)), ("relu", (0.0,)),
]


@pytest.mark.parametrize("name,args", TIES_AND_KINKS, ids=lambda v: str(v)[:30])
def test_ties_and_kinks_exactly_as_pytorch(name: str, args: tuple) -> None:
    result = agrees(_doc(name, *args), upstream=1.0)
    program = compile_graph(_doc(name, *args))
    _, grad = program.gradient()
    for key, g in grad.items():
        assert np.array_equal(np.asarray(result.gradient[key], float), np.asarray(g, float))


def test_the_tie_convention_in_numbers() -> None:
    result = agrees(_doc("maximum", 2.0, 2.0))
    assert result.gradient == {"x": 0.5, "y": 0.5} and result.forward_mode == {"x": 0.5,
                                                                             "y": 0.5}
    result = agrees(_doc("clamp", np.array([-1.0, 1.5])))
    assert result.gradient["x"].tolist() == [1.0, 1.0]
    assert agrees(_doc("leaky_relu", 0.0)).gradient["x"] == 0.1


# -- second derivatives: the backward graph against torch's double backward ------------------

SMOOTH = [("sinh(x) * cosh(y)", {"x": 0.3, "y": -0.7}),
          ("asin(x) * acos(y) + atan(x * y)", {"x": 0.3, "y": -0.5}),
          ("log1p(x * y) + expm1(x) * log2(y + 2)", {"x": 0.3, "y": 0.5}),
          ("log10(x) * exp2(y) + square(x - y)", {"x": 0.7, "y": -0.4}),
          ("reciprocal(x + y) * softplus(x * y)", {"x": 0.7, "y": 1.4}),
          ("softplus(x) * x", {"x": [-3.0, 0.5, 19.0]}),
          ("reciprocal(x) + asin(x / 2) * sinh(x)", {"x": [0.4, -1.5, 1.2]})]
# Away from their kinks, the non-smooth ones have second derivatives too (0 in their pieces).
PIECEWISE = [("maximum(x, y) * minimum(x, y) * x", {"x": 0.3, "y": -0.5}),
             ("clamp(x * y, -1, 1) * leaky_relu(x, 0.2) + sign(y) * x * x",
              {"x": -0.3, "y": 0.5})]


@pytest.mark.parametrize("text,values", SMOOTH + PIECEWISE, ids=lambda v: str(v)[:40])
def test_hessian_through_the_backward_graph(text: str, values: dict) -> None:
    report = second_order(expr.parse(text, values))
    assert report.torch_error is not None and report.torch_error <= RTOL, report
    assert report.finite_error <= 1e-5, report


# -- finite differences: kinks flagged with their place -------------------------------------

@pytest.mark.parametrize("text,values,place,convention", [
    ("maximum(x, y)", {"x": 1.0, "y": 1.0}, "α = β", "½ to each argument at α = β"),
    ("minimum(x, 2)", {"x": 2.0}, "α = β", "½ to each argument at α = β"),
    ("clamp(x, -1, 1)", {"x": 1.0}, "α = -1, α = 1", "clamp′ = 1 at lo and at hi"),
    ("softplus(x)", {"x": 20.0}, "α = 20", "softplus(α) = α for α > 20"),
])
def test_kinks_elsewhere_than_zero_are_flagged(text: str, values: dict, place: str,
                                               convention: str) -> None:
    result = fd.check_gradients(compile_graph(expr.parse(text, values)))
    c = result.inputs[0]
    assert c.verdict == "kink" and result.passed, c
    assert f"({place})" in c.note and convention in c.note and "PyTorch" in c.note


@pytest.mark.parametrize("text,values,convention", [
    ("leaky_relu(x, 0.3)", {"x": 0.0}, "leaky_relu′(0) = 0.3"),
    ("sign(x) * x", {"x": 0.0}, "sign′(0) = 0"),
])
def test_kinks_at_zero_say_the_convention(text: str, values: dict, convention: str) -> None:
    result = fd.check_gradients(compile_graph(expr.parse(text, values)))
    assert any(convention in c.note and c.verdict == "kink" for c in result.inputs), result


def test_edges_and_near_kinks() -> None:
    (c,) = fd.check_gradients(compile_graph(expr.parse("asin(x)", {"x": 1.0}))).inputs
    assert c.verdict == "kink" and "(α = ±1)" in c.note and "asin′(±1) = inf" in c.note
    # a tie closer than the step: the differences straddle it
    doc = expr.parse("maximum(x, y)", {"x": 1.0, "y": 1.0 + 1e-9})
    result = fd.check_gradients(compile_graph(doc))
    assert all(c.verdict == "kink" and "within h" in c.note for c in result.inputs)
    # far from any kink: a plain pass, no note
    result = fd.check_gradients(compile_graph(expr.parse("maximum(x, y) + clamp(x, -1, 1)",
                                                         {"x": 0.3, "y": -2.0})))
    assert all(c.verdict == "pass" and not c.note for c in result.inputs)


def test_complex_step_through_the_smooth_ones() -> None:
    doc = expr.parse("sinh(x) * acos(x / 3) + log1p(x) * exp2(x) - softplus(x) * log10(x)",
                     {"x": 1.3})
    result = fd.check_gradients(compile_graph(doc))
    assert result.complex_available
    (c,) = result.inputs
    assert c.verdict == "pass" and c.digits_by["complex_step"] >= 14
    # a non-smooth one anywhere makes it unavailable, said
    result = fd.check_gradients(compile_graph(expr.parse("maximum(x, 0.5)", {"x": 1.3})))
    assert not result.complex_available and "not analytic" in result.complex_reason


# -- the generated PyTorch script -----------------------------------------------------------

def test_generated_torch_script_runs_and_agrees(tmp_path) -> None:
    text = ("sinh(x) + cosh(y) + asin(x / 2) + acos(x / 2) + atan(y) + log1p(x) + expm1(y)"
            " + log2(x) + log10(x) + exp2(y) + square(y) * reciprocal(x) + softplus(x * y)"
            " + sign(y) * x + maximum(x, y) * minimum(x, 2) + leaky_relu(y, 0.2)"
            " + clamp(x, -1, 0.5) + leaky_relu(y)")
    doc = expr.parse(text, {"x": 0.6, "y": -0.4})
    value, grad = compile_graph(doc).gradient(upstream=2.0)
    script = codegen.torch_script(doc, upstream=2.0)
    assert "torch.nn.functional.softplus(" in script
    assert "torch.nn.functional.leaky_relu(y, negative_slope=0.2)" in script
    assert "torch.clamp(x, min=-1.0, max=0.5)" in script
    path = tmp_path / "f.py"
    path.write_text(script, encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    got = codegen.parse_result(out)
    assert math.isclose(got["value"], value, rel_tol=1e-12)
    for name, g in grad.items():
        assert math.isclose(got["gradient"][name], g, rel_tol=1e-12), name
