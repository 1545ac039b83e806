"""Finite differences, the complex step and the gradient check against the engine."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest

from autodiff_gui.check import finite_diff as fd
from autodiff_gui.core import ops
from autodiff_gui.core.engine import EvalError, Program, compile_graph
from autodiff_gui.core.graph import Document

EPS = np.finfo(float).eps


class Builder:
    """A few lines to build graphs without the expression parser."""

    def __init__(self) -> None:
        self.doc = Document()

    def input(self, name: str, value) -> int:
        return self.doc.add_input(name, value)

    def const(self, value) -> int:
        return self.doc.add_const(value)

    def op(self, name: str, *args: int, params=None) -> int:
        node = self.doc.add_op(name, params=params)
        for slot, arg in enumerate(args):
            self.doc.connect(arg, node, slot)
        return node

    def program(self, out: int | None = None) -> Program:
        if out is not None:
            self.doc.set_output(out)
        return compile_graph(self.doc)


def seed_program(x: float = 1.0, y: float = 2.0) -> Program:
    """f(x, y) = (x² + 2x)·log(y), built in the seed notebook's order."""
    b = Builder()
    xi, yi = b.input("x", x), b.input("y", y)
    a = b.op("pow", xi, b.const(2.0))
    bb = b.op("mul", b.const(2.0), xi)
    c = b.op("add", a, bb)
    d = b.op("log", yi)
    return b.program(b.op("mul", c, d))


def unary_program(op: str, value, reduce: str | None = None) -> Program:
    b = Builder()
    out = b.op(op, b.input("x", value))
    if reduce:
        out = b.op(reduce, out)
    return b.program(out)


def rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


# -- the helpers on plain callables ---------------------------------------------------

FUNCTIONS = {"sin": (math.sin, np.sin, math.cos), "exp": (math.exp, np.exp, math.exp)}
POINTS = (-4.0, -1.3, 0.3, 1.0, 2.5, 7.0)
# method: (worst relative error allowed, band its geometric mean must fall in)
ORDERS = {"forward": (1e-7, (1e-11, 1e-7)), "backward": (1e-7, (1e-11, 1e-7)),
          "central": (1e-9, (1e-14, 1e-10)), "richardson": (1e-11, (1e-16, 1e-12))}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_helper_reaches_its_expected_accuracy(name):
    f, f_complex, df = FUNCTIONS[name]
    helpers = {"forward": fd.forward_difference, "backward": fd.backward_difference,
               "central": fd.central_difference, "richardson": fd.richardson}
    means = {}
    for method, helper in helpers.items():
        errors = [rel(helper(f, x), df(x)) for x in POINTS]
        worst, (low, high) = ORDERS[method]
        assert max(errors) <= worst, (method, errors)
        means[method] = math.exp(np.mean(np.log(np.maximum(errors, 1e-17))))
        assert low <= means[method] <= high, (method, means[method])
    assert means["forward"] > 100 * means["central"] and means["central"] > 10 * means["richardson"]
    for x in POINTS:  # no subtraction, so nothing but the last bit can be lost
        assert rel(fd.complex_step(f_complex, x), df(x)) <= 2 * EPS


def test_helpers_have_the_truncation_order_of_their_formula():
    x = 1.0  # sin: f'' = -sin, f''' = -cos, f⁽⁵⁾ = cos
    h = 1e-4
    err = fd.forward_difference(math.sin, x, h) - math.cos(x)
    assert err / (-h / 2 * math.sin(x)) == pytest.approx(1.0, rel=1e-3)
    h = 1e-3
    err = fd.central_difference(math.sin, x, h) - math.cos(x)
    assert err / (-h * h / 6 * math.cos(x)) == pytest.approx(1.0, rel=1e-3)
    h = 0.1  # (4·D(h/2) − D(h))/3 leaves −h⁴/480·f⁽⁵⁾
    err = fd.richardson(math.sin, x, h) - math.cos(x)
    assert err / (-h ** 4 / 480 * math.cos(x)) == pytest.approx(1.0, rel=1e-2)
    h = 1e-3  # the complex step's own truncation: −h²/6·f'''
    err = fd.complex_step(np.sin, x, h) - math.cos(x)
    assert err / (h * h / 6 * math.cos(x)) == pytest.approx(1.0, rel=1e-3)


def test_helpers_divide_by_the_representable_step():
    # (1 + 1e-10) − 1 is not 1e-10; dividing by it makes the identity's slope exact.
    assert (1.0 + 1e-10) - 1.0 != 1e-10
    for helper in (fd.forward_difference, fd.backward_difference, fd.central_difference,
                   fd.richardson):
        assert helper(lambda t: t, 1.0, 1e-10) == 1.0
    with pytest.raises(ZeroDivisionError):
        fd.forward_difference(lambda t: t, 1.0, 1e-17)  # the step vanishes


def test_default_steps_follow_the_rules():
    assert fd.default_step("forward", 0.5) == math.sqrt(EPS)
    assert fd.default_step("forward", -4.0) == 4 * math.sqrt(EPS)
    assert fd.default_step("central", 3.0) == pytest.approx(3 * EPS ** (1 / 3))
    assert fd.default_step("complex_step", 1e9) == 1e-20


# -- the seed example -------------------------------------------------------------------

def test_seed_every_method_agrees_with_the_engine():
    result = fd.check_gradients(seed_program())
    assert result.value == pytest.approx(2.079442, abs=1e-6)
    assert result.complex_available and result.passed and not result.cancelled
    by_name = {c.name: c for c in result.inputs}
    assert set(by_name) == {"x", "y"}
    assert by_name["x"].analytic == pytest.approx(2.772589, abs=1e-6)
    assert by_name["y"].analytic == pytest.approx(1.5)
    bounds = {"forward": 1e-7, "backward": 1e-7, "central": 1e-9, "richardson": 1e-11,
              "complex_step": 4 * EPS}
    for c in result.inputs:
        assert c.index == () and c.verdict == "pass", c
        for method, bound in bounds.items():
            assert rel(getattr(c, method), c.analytic) <= bound, (c.name, method)
        assert c.digits >= 9 and c.digits_by["central"] >= 9
        assert c.abs_error <= 1e-8 and c.numerical_method == "gradcheck"
        assert c.steps["gradcheck"] == pytest.approx(1e-6, rel=1e-6)
        assert c.steps["central"] == pytest.approx(EPS ** (1 / 3) * max(1, abs(c.value)),
                                                   rel=1e-6)
    assert result.tolerances == {"eps": 1e-6, "atol": 1e-5, "rtol": 1e-3}


def test_upstream_two_doubles_every_estimate():
    one = {c.name: c for c in fd.check_gradients(seed_program()).inputs}
    two = {c.name: c for c in fd.check_gradients(seed_program(), upstream=2.0).inputs}
    for name in ("x", "y"):
        assert two[name].analytic == pytest.approx(2 * one[name].analytic)
        assert two[name].central == pytest.approx(2 * one[name].central, rel=1e-9)
        assert two[name].complex_step == pytest.approx(2 * one[name].complex_step)
        assert two[name].verdict == "pass"


def test_a_wrong_analytic_gradient_fails(monkeypatch):
    program = seed_program()
    right = program.gradient

    def wrong(values=None, upstream=1.0, initial=None):
        value, grads = right(values, upstream, initial)
        return value, {**grads, "y": grads["y"] * 1.01}

    monkeypatch.setattr(program, "gradient", wrong)
    result = fd.check_gradients(program)
    by_name = {c.name: c for c in result.inputs}
    assert by_name["x"].verdict == "pass"
    assert by_name["y"].verdict == "fail" and "atol" in by_name["y"].note
    assert by_name["y"].digits == pytest.approx(2.0, abs=0.01)
    assert not result.passed
    # A looser tolerance lets the 1% error through; a tolerance of 0 fails even x.
    assert fd.check_gradients(program, rtol=0.02).passed
    strict = fd.check_gradients(seed_program(), atol=0.0, rtol=0.0)
    assert {c.verdict for c in strict.inputs} == {"fail"}


# -- kinks, edges and the complex step --------------------------------------------------

@pytest.mark.parametrize("op, convention", [("relu", "relu'(0) = 0"), ("abs", "abs'(0) = 0")])
def test_kink_at_zero_is_explained_not_failed(op, convention):
    result = fd.check_gradients(unary_program(op, 0.0))
    (c,) = result.inputs
    assert c.verdict == "kink" and result.passed
    assert convention in c.note and "PyTorch" in c.note and "does not exist" in c.note
    assert c.analytic == 0.0  # the engine follows PyTorch
    assert c.forward == 1.0  # one-sided slopes disagree: that is the kink
    assert c.complex_step is None and "not analytic" in c.complex_reason


def test_sqrt_at_zero_is_a_domain_edge():
    result = fd.check_gradients(unary_program("sqrt", 0.0))
    (c,) = result.inputs
    assert c.verdict == "kink" and "sqrt'(0) = inf" in c.note
    assert c.central is None and "sqrt needs inputs of 0 or more" in c.unavailable["central"]
    assert c.forward is not None and c.forward > 1e3


def test_kinks_are_found_per_element():
    result = fd.check_gradients(unary_program("relu", [0.0, 1.0, -1.0, 2e-7], "sum"))
    verdicts = [c.verdict for c in result.inputs]
    assert verdicts == ["kink", "pass", "pass", "kink"]
    assert "relu'(0) = 0" in result.inputs[0].note
    assert "within h = 1e-06" in result.inputs[3].note  # derivative exists, step straddles
    assert [c.index for c in result.inputs] == [(0,), (1,), (2,), (3,)]
    assert fd.check_gradients(unary_program("relu", 1e-3)).inputs[0].verdict == "pass"


def test_non_analytic_nodes_make_the_complex_step_unavailable():
    b2 = Builder()
    x2 = b2.input("x", 0.5)
    r = b2.op("relu", b2.op("sin", b2.op("mul", x2, x2)))
    program = b2.program(b2.op("exp", r))
    result = fd.check_gradients(program)
    reason = "relu at node c is not analytic: complex step unavailable"
    assert not result.complex_available and result.complex_reason == reason
    assert all(c.complex_step is None and c.complex_reason == reason for c in result.inputs)
    assert fd.to_json(result)["complex_step"] == {"unavailable": reason}
    assert result.passed  # the other methods still check it
    abs_result = fd.check_gradients(unary_program("abs", -0.7))
    assert abs_result.complex_reason == "abs at node z is not analytic: complex step unavailable"


REQUIRED_SAMPLE = {"axis": 0, "shape": (-1,), "index": ((0, 3, None),), "number": 0.5}


def test_complex_step_matches_the_engine_through_every_analytic_op():
    for name, op in ops.OPS.items():
        if not op.analytic:
            continue
        b = Builder()
        # inside every analytic op's domain (asin and acos: |x| < 1)
        x = b.input("x", np.array([0.3, 0.7, 0.95 if name in ("asin", "acos") else 1.4]))
        # a required parameter gets a value that fits a vector of 3 (reshape, index)
        params = {p.name: REQUIRED_SAMPLE[p.kind] for p in op.params if p.required}
        if op.arity == 1:  # weighted: sum(softmax(x)) alone is 1 whatever x is
            out = b.op("mul", b.op(name, x, params=params),
                       b.const(np.array([1.0, -2.0, 0.5])))
        elif name == "matmul":
            out = b.op(name, x, b.input("y", np.array([0.5, -1.2, 2.0])))
        else:
            out = b.op(name, x, b.input("y", np.array([1.5, -2.0, 3.0])))
        result = fd.check_gradients(b.program(out))
        assert result.complex_available, name
        for c in result.inputs:
            assert c.digits_by["complex_step"] >= 14, (name, c)
            assert c.verdict == "pass", (name, c)


def test_negative_base_with_integer_exponent():
    # x**3 at x = -2: the exponent is a constant, so nothing takes log(-2).
    b = Builder()
    program = b.program(b.op("pow", b.input("x", -2.0), b.const(3.0)))
    (c,) = fd.check_gradients(program).inputs
    assert c.verdict == "pass" and c.complex_step == pytest.approx(12.0, rel=1e-15)


# -- domain edges and bad points ---------------------------------------------------------

def test_log_near_zero_does_not_crash():
    b = Builder()
    program = b.program(b.op("log", b.input("y", 1e-9)))
    (c,) = fd.check_gradients(program).inputs
    assert c.forward is not None and math.isfinite(c.forward)  # inaccurate, but there
    assert c.backward is None and "log needs inputs greater than 0" in c.unavailable["backward"]
    assert c.central is None and c.richardson is None
    # The ±eps difference leaves the domain; the complex step does not.
    assert c.numerical_method == "complex_step" and c.verdict == "pass"
    assert c.complex_step == pytest.approx(1e9, rel=1e-15)
    (c,) = fd.check_gradients(program, h={"forward": 1e-3}).inputs
    assert c.steps["forward"] == pytest.approx(1e-3)


def test_overflow_near_the_largest_float_stays_quiet():
    # Found: numpy's RuntimeWarnings reached the terminal under --json / --report.
    b = Builder()
    program = b.program(b.input("x", np.array([1e308, 1e308])))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fd.check_gradients(program, upstream=1e308)
    assert not any(c.central is not None and math.isfinite(c.central) for c in result.inputs)
    assert all(c.verdict == "pass" for c in result.inputs)  # against the complex step


def test_unavailable_when_no_numerical_derivative_is_left():
    b = Builder()
    program = b.program(b.op("abs", b.op("log", b.input("y", 1e-9))))
    (c,) = fd.check_gradients(program).inputs
    assert c.verdict == "unavailable" and "log needs inputs greater than 0" in c.note


def test_a_point_outside_the_domain_raises_the_engine_error():
    with pytest.raises(EvalError):
        fd.check_gradients(seed_program(y=-1.0))


def test_bad_arguments_are_refused():
    program = seed_program()
    with pytest.raises(ValueError):
        fd.check_gradients(program, h={"sideways": 1e-3})
    with pytest.raises(ValueError):
        fd.check_gradients(program, h=-1.0)
    with pytest.raises(ValueError):
        fd.check_gradients(program, upstream=[1.0, 2.0])
    with pytest.raises(ValueError):
        fd.error_sweep(program, "w")


def test_user_steps_are_used():
    result = fd.check_gradients(seed_program(), h=1e-4)
    c = result.inputs[1]
    assert c.steps["central"] == pytest.approx(1e-4) and c.steps["forward"] == pytest.approx(1e-4)
    assert c.steps["complex_step"] == 1e-20
    assert result.h["central"] == 1e-4 and result.h["complex_step"] == "1e-20"
    # A big central step shows its truncation error: log''' = 2/y³.
    err = c.central - c.analytic
    assert err == pytest.approx(3 * 1e-8 / 6 * 2 / 8, rel=1e-2)


# -- the sweep ---------------------------------------------------------------------------

def test_sweep_on_y_is_v_shaped():
    sweep = fd.error_sweep(seed_program(), "y")
    hs = sweep.hs
    assert len(hs) == 61 and hs[0] == pytest.approx(0.1) and hs[-1] == pytest.approx(1e-16)
    assert sweep.reference == 1.5 and sweep.x == 2.0 and sweep.complex_reason is None
    assert set(sweep.errors) == {"forward", "backward", "central", "richardson", "complex_step"}
    central = sweep.errors["central"]
    middle = (hs >= 1e-6) & (hs <= 1e-4)
    best = np.nanmin(central[middle])
    at = {h: central[np.argmin(abs(np.log10(hs) - np.log10(h)))] for h in (1e-1, 1e-14)}
    assert at[1e-1] > 1000 * best and at[1e-14] > 1000 * best
    assert np.nanmedian(central[hs <= 1e-13]) > 1000 * best  # round-off, not one bad point
    forward = sweep.errors["forward"]
    assert forward[0] > 1000 * np.nanmin(forward) and np.nanmax(forward[hs < 1e-13]) > 1e-4
    # The complex step has no round-off: once small, it stays small.
    assert np.nanmax(sweep.errors["complex_step"][hs <= 1e-8]) <= 4 * EPS
    assert sweep.optimum["central"] == pytest.approx(2 * EPS ** (1 / 3))
    assert sweep.optimum["forward"] == pytest.approx(2 * math.sqrt(EPS))
    assert np.isnan(forward[-1])  # 2 + 1e-16 == 2: the step vanished


def test_sweep_on_x_shows_no_truncation_for_a_quadratic():
    sweep = fd.error_sweep(seed_program(), "x")
    assert sweep.errors["central"][0] < 1e-12  # h = 0.1, exact up to round-off
    assert sweep.errors["forward"][0] > 1e-3


def test_sweep_without_complex_step_and_on_an_element():
    program = unary_program("relu", [0.5, 2.0], "sum")
    sweep = fd.error_sweep(program, "x", (1,), hs=[1e-2, 1e-4])
    assert "complex_step" not in sweep.errors and "not analytic" in sweep.complex_reason
    assert sweep.x == 2.0 and sweep.index == (1,) and list(sweep.hs) == [1e-2, 1e-4]
    assert sweep.errors["central"] == pytest.approx([0, 0], abs=1e-10)  # relu is linear here


# -- arrays, progress and cancel ----------------------------------------------------------

def vector_program(op: str, n: int = 100) -> Program:
    b = Builder()
    x = b.input("x", np.linspace(-2.0, 2.0, n) + 0.013)
    inner = b.op("mul", x, x) if op == "square" else b.op(op, x)
    return b.program(b.op("sum", inner))


def test_array_input_is_checked_per_element_with_progress():
    calls = []
    program = vector_program("square")
    result = fd.check_gradients(program, progress=lambda done, total: calls.append(
        (done, total)))
    x = np.linspace(-2.0, 2.0, 100) + 0.013
    assert [c.index for c in result.inputs] == [(k,) for k in range(100)]
    assert [c.value for c in result.inputs] == list(x)
    assert np.allclose([c.analytic for c in result.inputs], 2 * x, rtol=0, atol=1e-15)
    # Round-off grows with |F| = Σx² ≈ 135, not with the element: ~ε·135/h.
    assert np.allclose([c.central for c in result.inputs], 2 * x, rtol=0, atol=1e-8)
    assert result.passed and all(c.verdict == "pass" for c in result.inputs)
    assert calls[0] == (0, 100) and calls[-1] == (100, 100) and len(calls) >= 4
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_sigmoid_vector_against_the_complex_step():
    result = fd.check_gradients(vector_program("sigmoid"), upstream=3.0)
    x = np.linspace(-2.0, 2.0, 100) + 0.013
    s = 1 / (1 + np.exp(-x))
    assert np.allclose([c.complex_step for c in result.inputs], 3 * s * (1 - s),
                       rtol=1e-14, atol=0)
    assert result.passed


def test_cancel_stops_the_check():
    seen = []

    def stop_after_first(done, total):
        seen.append(done)
        return done == 0

    result = fd.check_gradients(vector_program("square"), progress=stop_after_first)
    assert result.cancelled and not result.passed
    assert 0 < len(result.inputs) < 100 and result.total == 100
    assert len(seen) == 2
    result = fd.check_gradients(vector_program("square"), progress=lambda d, t: False)
    assert result.cancelled and result.inputs == []


def test_broadcasting_matmul_and_array_upstream():
    rng = np.random.default_rng(1)
    cases = [("add", rng.normal(size=3), rng.normal(size=(2, 1))),
             ("div", rng.normal(size=(2, 3)), 1.5 + rng.random(3)),
             ("matmul", rng.normal(size=(2, 3)), rng.normal(size=3)),
             ("matmul", rng.normal(size=3), rng.normal(size=(3, 2))),
             ("sub", 2.0, rng.normal(size=(2, 2)))]
    for op, a, bv in cases:
        b = Builder()
        program = b.program(b.op(op, b.input("x", a), b.input("y", bv)))
        out = program.evaluate()
        upstream = rng.normal(size=np.shape(out))
        result = fd.check_gradients(program, upstream=upstream)
        _, grads = program.gradient(None, upstream)
        assert result.passed, op
        assert len(result.inputs) == np.size(a) + np.size(bv)
        for c in result.inputs:
            assert c.analytic == np.asarray(grads[c.name])[c.index]
            assert c.complex_step == pytest.approx(c.analytic, rel=1e-13, abs=1e-15)


def test_only_inputs_the_output_reads_are_checked():
    b = Builder()
    x = b.input("x", 1.0)
    b.input("unused", 3.0)
    result = fd.check_gradients(b.program(b.op("exp", x)))
    assert [c.name for c in result.inputs] == ["x"]


# -- the complex evaluation entry point and JSON ----------------------------------------------

def test_complex_evaluation_runs_the_same_program():
    b = Builder()
    x, y = b.input("x", np.array([0.3, -0.4, 1.1])), b.input("y", 0.7)
    t = b.op("tanh", b.op("mul", x, y))
    program = b.program(b.op("mean", b.op("add", t, b.op("sigmoid", b.op("exp", y)))))
    assert fd.evaluate_complex(program) == program.evaluate()
    real = fd.evaluate_complex(program, {"y": 0.9})
    assert real == pytest.approx(program.evaluate({"y": 0.9}), rel=1e-15)
    value = fd.evaluate_complex(program, {"y": complex(0.9, 1e-20)})
    _, grads = program.gradient({"y": 0.9})
    assert value.imag / 1e-20 == pytest.approx(grads["y"], rel=1e-14)


def test_to_json_shape():
    report = fd.to_json(fd.check_gradients(seed_program()))
    text = json.dumps(report, allow_nan=False)
    assert json.loads(text) == report
    assert report["method"] == "central"
    assert set(report["h"]) == {"x", "y"}
    assert report["gradient"]["y"] == pytest.approx(1.5, rel=1e-9)
    assert report["complex_step"] == {"x": pytest.approx(2.772588722239781), "y": 1.5}
    assert report["verdict"] == {"x": "pass", "y": "pass"}
    assert report["digits"]["x"] >= 9
    assert report["tolerances"] == {"eps": 1e-6, "atol": 1e-5, "rtol": 1e-3}
    arrays = fd.to_json(fd.check_gradients(unary_program("sqrt", [[0.0, 1.0], [4.0, 9.0]],
                                                         "sum")))
    json.dumps(arrays, allow_nan=False)
    assert np.shape(arrays["gradient"]["x"]) == (2, 2)
    assert arrays["verdict"]["x"][0][0] == "kink"
    assert arrays["gradient"]["x"][0][0] is None  # sqrt(−h) is out of the domain
    assert arrays["gradient"]["x"][1][1] == pytest.approx(1 / 6, rel=1e-9)


def test_a_wide_step_crossing_a_kink_is_flagged_but_the_verdict_stands():
    (c,) = fd.check_gradients(unary_program("relu", 1e-4)).inputs
    assert c.verdict == "pass"  # ±1e-6 stays on one side
    assert "richardson step crosses the kink at node z" in c.note
    assert "central" not in c.note  # ±6e-6 does not reach 0 either
    assert c.richardson != pytest.approx(1.0, abs=1e-3)


def test_an_engine_failure_only_marks_the_elements_at_the_edge_as_kinks():
    result = fd.check_gradients(unary_program("sqrt", [0.0, 4.0], "sum"))
    first, second = result.inputs
    assert first.verdict == "kink" and "the engine stops there" in first.note
    assert second.verdict == "unavailable" and "engine's gradient failed" in second.note
    assert second.central == pytest.approx(0.25, rel=1e-9)
    assert math.isnan(second.analytic) and not result.passed


def test_importing_the_module_loads_no_gui_or_torch():
    import subprocess
    import sys

    code = ("import sys, autodiff_gui.check.finite_diff; "
            "print([m for m in ('PySide6', 'torch', 'matplotlib') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


# -- overflowing steps and translatable notes -------------------------------------------

def test_a_step_that_overflows_is_unavailable_with_that_reason():
    top = float(np.finfo(float).max)
    b = Builder()
    identity = b.program(b.input("x", top))
    (c,) = fd.check_gradients(identity).inputs
    # x + h is inf: no nan in the table, and the reason is the overflow, not rounding.
    assert c.forward is None and c.central is None and c.richardson is None
    for method in ("forward", "central", "richardson"):
        assert "overflows" in c.unavailable[method]
        assert "vanished" not in c.unavailable[method]
    assert c.backward == 1.0 and c.complex_step == 1.0 and c.verdict == "pass"
    assert fd.to_json(fd.check_gradients(identity))["gradient"] == {"x": None}
    # tanh(inf) = 1 would even give a plausible 0.0 from the broken step
    (t,) = fd.check_gradients(unary_program("tanh", top)).inputs
    assert t.central is None and "overflows" in t.unavailable["central"]
    (low,) = fd.check_gradients(unary_program("neg", -top)).inputs
    assert low.backward is None and "overflows" in low.unavailable["backward"]
    assert low.forward == -1.0


def test_richardson_does_not_overflow_for_huge_points():
    b = Builder()
    (c,) = fd.check_gradients(b.program(b.input("x", 1e308))).inputs
    assert c.richardson == pytest.approx(1.0, rel=1e-12)
    assert fd.richardson(math.sin, 0.5) == pytest.approx(math.cos(0.5), rel=1e-12)


def test_notes_and_reasons_are_translatable_texts():
    from autodiff_gui.core.graph import Text

    templates = set(fd.MESSAGES.values())
    b = Builder()
    x = b.input("x", 0.0)
    result = fd.check_gradients(b.program(b.op("add", b.op("relu", x), b.op("abs", x))))
    (c,) = result.inputs
    assert isinstance(c.complex_reason, Text) and c.complex_reason.context == "check"
    assert c.complex_reason.template in templates
    assert isinstance(c.note, Text)  # two kinks: both notes, each kept translatable
    parts = list(c.note.params.values())
    assert len(parts) == 2 and all(p.template == fd.MESSAGES["kink_at_zero"] for p in parts)
    assert str(c.note) == " ".join(parts)
    assert c.note.startswith("relu at node a has its argument at 0, its kink")
    assert json.loads(json.dumps(fd.to_json(result)))["notes"]["x"] == str(c.note)
    (s,) = fd.check_gradients(unary_program("sqrt", 1e-7)).inputs
    reason = s.unavailable["central"]  # the engine's reason at the node, still a Text
    assert isinstance(reason, Text) and reason.params["reason"].context == "ops"
    crossing = fd.check_gradients(unary_program("relu", 1e-4)).inputs[0].note
    assert crossing.params["method"].template == "richardson"
