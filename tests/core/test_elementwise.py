"""The elementwise primitives of core/ops/elementwise.py, in the engine alone.

Each against central differences (reverse mode, forward mode, floats, arrays, broadcasting),
PyTorch's conventions at ties and kinks (exact numbers, both modes), domain errors with
their messages, the backward graph (the same gradients, kinks included), the symbolic
derivative (its texts evaluate to the gradient), parse ⇄ print, and the seed-style
snippets run as scripts.  PyTorch itself: tests/check/test_elementwise_torch.py.
"""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from autodiff_gui.check import codegen
from autodiff_gui.core import expr, ops
from autodiff_gui.core.backward_graph import build_backward
from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.graph import Document, GraphError
from autodiff_gui.core.ops import elementwise
from autodiff_gui.core.symbolic import symbolic_gradient, to_text

from .helpers import assert_close, central_gradient, op_node

NAMES = [op.name for op in elementwise.TABLE]
UNARY = [n for n in NAMES if ops.OPS[n].arity == 1]
BINARY = [n for n in NAMES if ops.OPS[n].arity == 2]
PARAMS = {"clamp": {"lo": -1.0, "hi": 1.5}, "leaky_relu": {"slope": 0.1}}
# Inside each domain and away from kinks, ties and softplus's switch at 20.
POINTS = {
    "sinh": [-1.2, 0.4, 2.0], "cosh": [-1.2, 0.4, 2.0], "asin": [-0.8, 0.1, 0.9],
    "acos": [-0.8, 0.1, 0.9], "atan": [-3.0, 0.2, 5.0], "square": [-1.5, 0.3, 2.0],
    "reciprocal": [-2.0, 0.3, 4.0], "exp2": [-2.0, 0.5, 3.0], "expm1": [-1.0, 1e-3, 2.0],
    "log2": [0.2, 1.0, 7.0], "log10": [0.2, 1.0, 70.0], "log1p": [-0.9, 1e-3, 4.0],
    "softplus": [-30.0, -1.0, 0.5, 19.0, 25.0], "leaky_relu": [-2.0, 0.7],
    "sign": [-1.5, 2.0], "clamp": [-3.0, 0.2, 1.4, 4.0],
}


def unary(name: str, value: object, params: dict | None = None) -> Document:
    doc = Document()
    op_node(doc, name, doc.add_input("x", value), params=params or PARAMS.get(name))
    return doc


def binary(name: str, a: object, b: object) -> Document:
    doc = Document()
    op_node(doc, name, doc.add_input("x", a), doc.add_input("y", b))
    return doc


def grads(doc: Document) -> tuple[object, dict]:
    return compile_graph(doc).gradient()


def test_the_family_is_in_the_table() -> None:
    assert set(NAMES) == {"sinh", "cosh", "asin", "acos", "atan", "square", "reciprocal",
                          "exp2", "expm1", "log2", "log10", "log1p", "softplus", "leaky_relu",
                          "sign", "maximum", "minimum", "clamp"}
    assert set(POINTS) == set(UNARY)
    for name in NAMES:
        op = ops.OPS[name]
        assert op.group in ops.GROUPS and op.description
        assert ops.GRAD_RULES[name] and name in ops.SYMBOLIC_RULES and name in ops.SYMPY
        assert len(op.grad) == op.arity
    assert [p.name for p in ops.OPS["clamp"].params] == ["lo", "hi"]
    assert ops.OPS["leaky_relu"].params[0].default == 0.01  # PyTorch's negative_slope
    # every non-smooth one says PyTorch's convention in its formula
    for name in ("maximum", "minimum", "sign", "clamp", "leaky_relu", "softplus"):
        assert all("PyTorch" in f for f in ops.OPS[name].formulas), name


# -- against central differences --------------------------------------------------------

@pytest.mark.parametrize("name", UNARY)
def test_unary_against_central_differences(name: str) -> None:
    for v in POINTS[name]:
        program = compile_graph(unary(name, v))
        value, g = program.gradient()
        assert isinstance(value, float)
        central = central_gradient(program)
        assert_close(g["x"], central["x"], 1e-7, f"{name} at {v}")
        assert_close(program.forward_mode_gradient()["x"], g["x"], 1e-15, f"{name} fwd")
    # arrays, with an upstream gradient of the output's shape
    x = np.array(POINTS[name])
    program = compile_graph(unary(name, x))
    upstream = np.linspace(-1.0, 2.0, x.size)
    _, g = program.gradient(upstream=upstream)
    assert_close(g["x"], central_gradient(program, upstream=upstream)["x"], 1e-7, name)
    assert_close(program.forward_mode_gradient()["x"], central_gradient(program)["x"], 1e-7)


@pytest.mark.parametrize("name", BINARY)
@pytest.mark.parametrize("shapes", [((), ()), ((3,), ()), ((), (3,)), ((2, 3), (3,)),
                                    ((2, 1), (1, 3))], ids=str)
def test_binary_against_central_differences(name: str, shapes: tuple) -> None:
    rng = np.random.default_rng(3)
    a, b = (rng.uniform(-2, 2, s) if s else float(rng.uniform(-2, 2)) for s in shapes)
    program = compile_graph(binary(name, a, b))
    out = program.evaluate()
    assert np.allclose(out, (np.maximum if name == "maximum" else np.minimum)(a, b))
    upstream = np.reshape(np.linspace(-1.5, 1.0, np.size(out)), np.shape(out))
    _, g = program.gradient(upstream=upstream)
    central = central_gradient(program, upstream=upstream)
    forward = program.forward_mode_gradient()
    plain = central_gradient(program)
    for n, shape in zip(("x", "y"), shapes):
        assert np.shape(g[n]) == shape
        assert_close(g[n], central[n], 1e-7, f"{name} {n}")
        assert_close(forward[n], plain[n], 1e-7, f"{name} fwd {n}")


# -- PyTorch's conventions where the derivative does not exist -------------------------------

@pytest.mark.parametrize("wrap", [float, lambda v: np.array([v, 5.0])], ids=["float", "array"])
def test_conventions_at_ties_and_kinks(wrap) -> None:
    def first(v: object) -> float:
        return float(np.ravel(v)[0])

    # a tie: half of the gradient to each argument, in both modes
    for name in BINARY:
        program = compile_graph(binary(name, wrap(1.5), wrap(1.5)))
        _, g = program.gradient()
        assert first(g["x"]) == first(g["y"]) == 0.5, name
        fm = program.forward_mode_gradient()
        assert first(fm["x"]) == first(fm["y"]) == 0.5, name
    # away from a tie: all of it to the larger (smaller) one
    _, g = grads(binary("maximum", wrap(2.0), wrap(1.0)))
    assert (first(g["x"]), first(g["y"])) == (1.0, 0.0)
    _, g = grads(binary("minimum", wrap(2.0), wrap(1.0)))
    assert (first(g["x"]), first(g["y"])) == (0.0, 1.0)
    assert first(grads(unary("sign", wrap(0.0)))[1]["x"]) == 0.0
    assert first(grads(unary("sign", wrap(-3.0)))[1]["x"]) == 0.0
    # clamp: 1 at the bounds themselves, 0 beyond them
    for v, want in ((-1.0, 1.0), (1.5, 1.0), (-1.0 - 1e-12, 0.0), (1.5 + 1e-12, 0.0)):
        assert first(grads(unary("clamp", wrap(v)))[1]["x"]) == want, v
    # leaky_relu: the slope at 0 (the default 0.01 and a given one)
    assert first(grads(unary("leaky_relu", wrap(0.0), {"slope": 0.01}))[1]["x"]) == 0.01
    assert first(grads(unary("leaky_relu", wrap(0.0)))[1]["x"]) == 0.1
    assert first(grads(unary("leaky_relu", wrap(1e-300)))[1]["x"]) == 1.0
    # softplus: log(1 + e^x) up to 20, x itself above it (torch's threshold)
    value, g = grads(unary("softplus", wrap(20.0)))
    assert first(value) == pytest.approx(20.0 + math.log1p(math.exp(-20.0)), rel=1e-15)
    assert first(g["x"]) == pytest.approx(1.0 / (1.0 + math.exp(-20.0)), rel=1e-15)
    value, g = grads(unary("softplus", wrap(20.5)))
    assert first(value) == 20.5 and first(g["x"]) == 1.0
    value, _ = grads(unary("softplus", wrap(-800.0)))
    assert first(value) == 0.0  # e^-800 underflows; nothing overflows


def test_kink_conventions_follow_the_parameters() -> None:
    leaky = ops.OPS["leaky_relu"].bind({"slope": 0.25})
    assert leaky.kink == ("kink", "leaky_relu′(0) = 0.25")
    assert leaky.expr.format("x") == "leaky_relu(x, 0.25)"
    clamp = ops.OPS["clamp"].bind({"lo": -2, "hi": 0.5})
    assert clamp.kink_place == "α = -2, α = 0.5"
    assert clamp.template.format("x", out="c") == "c = clamp(x, -2, 0.5)"
    assert clamp.local_texts[0].format("x") == "[-2 ≤ x ≤ 0.5]"
    assert np.array_equal(clamp.kink_at(np.array([-2.0, 0.0, 0.5])), [0.0, -1.0, 0.0])


# -- domains -----------------------------------------------------------------------------

DOMAIN_ERRORS = [("asin", 1.5, "asin_domain"), ("asin", -1.0001, "asin_domain"),
                 ("acos", -2.0, "acos_domain"), ("log1p", -1.0, "log1p_domain"),
                 ("log1p", -3.0, "log1p_domain"), ("log2", 0.0, "log2_domain"),
                 ("log10", -1.0, "log10_domain"), ("reciprocal", 0.0, "reciprocal_domain")]


@pytest.mark.parametrize("name,value,code", DOMAIN_ERRORS)
def test_domain_errors_name_the_op_and_say_why(name: str, value: float, code: str) -> None:
    for v in (value, np.array([0.5, value])):
        doc = unary(name, v)
        before = doc.copy()
        with pytest.raises(EvalError) as info:
            compile_graph(doc).evaluate()
        assert info.value.kind == "domain" and info.value.op == name
        assert str(info.value.message) == elementwise.MESSAGES[code]
        assert doc.input_values().keys() == before.input_values().keys()
    assert ops.OPS[name].domain(0.5) is None


def test_edges_of_asin_and_acos_refuse_the_infinite_derivative() -> None:
    for name in ("asin", "acos"):
        program = compile_graph(unary(name, 1.0))
        assert program.evaluate() == (math.pi / 2 if name == "asin" else 0.0)
        with pytest.raises(EvalError) as info:
            program.gradient()
        assert info.value.pass_name == "backward" and info.value.op == name


def test_clamp_bounds_as_pytorch_takes_them() -> None:
    # lo > hi: hi everywhere, derivative 0 (torch.clamp's min then max, and its mask)
    value, g = grads(unary("clamp", np.array([0.3, 1.5, 3.0]), {"lo": 2.0, "hi": 1.0}))
    assert np.array_equal(value, [1.0, 1.0, 1.0]) and np.array_equal(g["x"], [0.0, 0.0, 0.0])
    value, g = grads(unary("clamp", 1.0, {"lo": 1.0, "hi": 1.0}))
    assert value == 1.0 and g["x"] == 1.0
    with pytest.raises(GraphError, match="lo"):  # both bounds are needed
        compile_graph(unary("clamp", 0.3, {"hi": 1.0}))


# -- the backward graph: the same gradients, kinks and ties included ------------------------

def _backward_agrees(doc: Document) -> None:
    _value, want = compile_graph(doc).gradient()
    bg = build_backward(doc)
    ops_used = {bg.document.node(n)["op"] for n in bg.document.nodes()
                if bg.document.kind(n) == "op"}
    assert ops_used <= set(ops.OPS)
    for name, node in bg.gradients.items():
        got = compile_graph(bg.document, node).evaluate()
        assert_close(got, want[name], 1e-13, name)


@pytest.mark.parametrize("name", UNARY)
def test_backward_graph_of_each(name: str) -> None:
    for v in POINTS[name]:
        _backward_agrees(unary(name, v))
    _backward_agrees(unary(name, np.array(POINTS[name])))


@pytest.mark.parametrize("text,values", [
    ("maximum(x, y) * minimum(x, y)", {"x": 1.5, "y": 1.5}),
    ("maximum(x, y) - minimum(y, x)", {"x": [1.0, 2.0, -1.0], "y": [1.0, 0.0, 3.0]}),
    ("maximum(x, 0.5) * sign(x)", {"x": 0.5}),
    ("clamp(x, -1, 1.5) + clamp(x * x, 0, 1)", {"x": [-1.0, 1.5, 0.0, 1.0, 2.0]}),
    ("leaky_relu(x) + leaky_relu(x, 0.3) * x", {"x": [0.0, -1.0, 2.0]}),
    ("softplus(x) * x", {"x": [20.0, 20.5, 30.0, 37.0, -3.0]}),
])
def test_backward_graph_at_ties_and_kinks(text: str, values: dict) -> None:
    _backward_agrees(expr.parse(text, values))


# -- symbolic derivatives and the language ----------------------------------------------------

@pytest.mark.parametrize("text,values", [
    ("sinh(x) * cosh(y) + atan(x * y)", {"x": 0.3, "y": -0.7}),
    ("asin(x) + acos(x) * log1p(y) + expm1(x)", {"x": 0.3, "y": 2.0}),
    ("log2(y) * log10(y) + exp2(x) + square(x) * reciprocal(y)", {"x": 0.3, "y": 2.0}),
    ("softplus(x * y) + sign(x) * x", {"x": 0.3, "y": 2.0}),
    ("maximum(x, y) * minimum(x, 2 * y)", {"x": 0.3, "y": 0.4}),
    ("maximum(x, y) * minimum(x, y)", {"x": 0.5, "y": 0.5}),
    ("clamp(x * y, -1, 1.5) * leaky_relu(x - 1, 0.2)", {"x": 0.3, "y": 0.5}),
    ("clamp(x, -1, 1) + leaky_relu(x)", {"x": -1.0}),
])
def test_symbolic_derivative_texts_evaluate_to_the_gradient(text: str, values: dict) -> None:
    doc = expr.parse(text, values)
    _value, want = compile_graph(doc).gradient()
    for name, tree in symbolic_gradient(doc).items():
        written = to_text(tree)
        got = compile_graph(expr.parse(written, values)).evaluate()
        assert got == pytest.approx(want[name], rel=1e-12, abs=1e-15), (name, written)


@pytest.mark.parametrize("text", [
    "sinh(x) + cosh(x) + asin(x) + acos(x) + atan(x)",
    "log1p(x) * expm1(x) - log2(x) / log10(x) + exp2(-x)",
    "square(x + 1) * reciprocal(x) - softplus(x) + sign(x)",
    "maximum(x, y) + minimum(2, y) * maximum(x * y, y)",
    "leaky_relu(x) + leaky_relu(x, 0.2) + clamp(x, -1, 1) + clamp(x, 0.5, 2.5)",
])
def test_parse_print_round_trip(text: str) -> None:
    doc = expr.parse(text, {"x": 0.3, "y": 0.2})
    printed = expr.to_text(doc)
    assert printed.replace(" ", "") == text.replace(" ", "")  # the printer's own spacing
    again = expr.parse(printed, {"x": 0.3, "y": 0.2})
    assert expr.to_text(again) == printed
    assert compile_graph(again).gradient() == compile_graph(doc).gradient()


# -- the seed notebook's style ------------------------------------------------------------

SEED_CASES = [
    ("sinh(x) * cosh(y) + asin(x / 2) + acos(x / 2) + atan(y)", {"x": 0.6, "y": -0.4}),
    ("log1p(x) * expm1(y) + log2(x) + log10(x) + exp2(y)", {"x": 0.6, "y": -0.4}),
    ("square(x) * reciprocal(y) + softplus(x * y) + sign(y) * x", {"x": 0.6, "y": -0.4}),
    ("maximum(x, y) * minimum(x, y) + maximum(x, x)", {"x": 0.6, "y": -0.4}),
    ("leaky_relu(y, 0.2) + clamp(x, -1, 0.5) * leaky_relu(x)", {"x": 0.6, "y": -0.4}),
    ("maximum(x, y) + clamp(x, 0, 1)", {"x": [0.5, 1.0, -2.0], "y": [[0.5], [2.0]]}),
    ("softplus(x) + sign(x)", {"x": [25.0, -3.0, 0.0]}),
]


@pytest.mark.parametrize("text,values", SEED_CASES)
def test_seed_style_scripts_compute_the_engines_numbers(text: str, values: dict,
                                                         tmp_path) -> None:
    doc = expr.parse(text, values)
    value, g = compile_graph(doc).gradient()
    script = codegen.seed_script(doc)
    path = tmp_path / "seed.py"
    path.write_text(script, encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    lines = out.strip().splitlines()

    def numbers(line: str) -> list[float]:
        return [float(t) for t in line.replace("[", " ").replace("]", " ").replace(",", " ")
                .split() if t.lstrip("-").replace(".", "", 1).isdigit()]

    assert numbers(lines[0]) == pytest.approx(np.ravel(value).tolist(), abs=1e-6)
    want = [v for name in doc.inputs() for v in np.ravel(g[name]).tolist()]
    assert numbers(lines[-1]) == pytest.approx(want, abs=1e-6)


# -- the narration says the convention where a step sits on a kink ---------------------------

def _backward_texts(text: str, values: dict) -> list[str]:
    from autodiff_gui.core.engine import Stepper
    from autodiff_gui.core.narration import Narration
    from autodiff_gui.core.steps import BackwardStep

    program = compile_graph(expr.parse(text, values))
    stepper = Stepper(program)
    stepper.run_to_end()
    narration = Narration(program, stepper.records)
    return [narration.text(r) for r in stepper.records if isinstance(r, BackwardStep)]


def test_narration_says_the_convention_at_ties_and_kinks() -> None:
    texts = "\n".join(_backward_texts("maximum(x, y) * 2", {"x": 1.0, "y": 1.0}))
    assert "a sits on the kink of maximum (α = β)" in texts
    assert "like PyTorch, ½ to each argument at α = β" in texts
    texts = "\n".join(_backward_texts("clamp(x, -1, 1) + leaky_relu(x - 1, 0.3)", {"x": 1.0}))
    assert "clamp (α = -1, α = 1)" in texts and "clamp′ = 1 at lo and at hi" in texts
    assert "the argument of leaky_relu is 0, its kink" in texts and "leaky_relu′(0) = 0.3" in texts
    assert "kink" in "\n".join(_backward_texts("relu(x)", {"x": 0.0}))
    # away from a kink nothing is said
    texts = "\n".join(_backward_texts("maximum(x, y) + clamp(x, -1, 1) + relu(y)",
                                      {"x": 0.5, "y": 0.2}))
    assert "kink" not in texts


# -- random expressions of these blocks: printed, parsed, the same function -------------------

def _expressions():
    from hypothesis import strategies as st

    leaves = st.sampled_from(["x", "y", "0.5", "2", "-1.5"])
    numbers = st.sampled_from(["-1", "0", "0.25", "1.5"])

    def grow(inner):
        unary_call = st.tuples(st.sampled_from([n for n in UNARY if not ops.OPS[n].params]),
                               inner).map(lambda t: f"{t[0]}({t[1]})")
        binary_call = st.tuples(st.sampled_from(BINARY), inner, inner).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})")
        clamp = st.tuples(inner, numbers, numbers).map(
            lambda t: f"clamp({t[0]}, {min(t[1], t[2], key=float)}, "
                      f"{max(t[1], t[2], key=float)})")
        leaky = st.tuples(inner, st.sampled_from(["", ", 0.2"])).map(
            lambda t: f"leaky_relu({t[0]}{t[1]})")
        arith = st.tuples(inner, st.sampled_from(["+", "*", "-"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})")
        return st.one_of(unary_call, binary_call, clamp, leaky, arith)

    return st.recursive(leaves, grow, max_leaves=8).filter(lambda t: "x" in t)


def test_random_expressions_round_trip_and_keep_their_values() -> None:
    from hypothesis import given, settings

    @settings(max_examples=60, deadline=None)
    @given(text=_expressions())
    def check(text: str) -> None:
        values = {"x": 0.3, "y": 0.6}
        doc = expr.parse(text, values)
        printed = expr.to_text(doc)
        again = expr.parse(printed, values)
        assert expr.to_text(again) == printed
        try:
            want = compile_graph(doc).gradient()
        except EvalError as exc:  # out of a domain: the same refusal both times
            with pytest.raises(EvalError) as info:
                compile_graph(again).gradient()
            assert (info.value.op, info.value.kind) == (exc.op, exc.kind)
            return
        assert compile_graph(again).gradient() == want

    check()
