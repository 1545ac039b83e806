"""Every primitive's derivative, both modes, against central differences.

Through the engine (one-op graphs): reverse mode (``gradient``) and forward mode
(``forward_mode_gradient``) at several points, on floats (the ``math`` kernels)
and on arrays (the numpy kernels), broadcasting included.  Then the kernels
themselves: float and array versions give the same numbers, and the table is
complete and consistent.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from autodiff_gui.core import ops
from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.graph import Document

from .helpers import assert_close, binary_doc, central_gradient, op_node, unary_doc

# Points inside each op's domain and away from kinks.
UNARY_POINTS = {
    "neg": [-1.5, 0.0, 2.5],
    "exp": [-1.0, 0.5, 2.0],
    "log": [0.3, 1.0, 5.0],
    "sqrt": [0.25, 2.0, 9.0],
    "sin": [-1.0, 0.4, 2.0],
    "cos": [-1.0, 0.4, 2.0],
    "tan": [-1.0, 0.3, 1.2],
    "abs": [-1.5, 0.7],
    "tanh": [-2.0, 0.0, 0.8],
    "sigmoid": [-3.0, 0.0, 2.0],
    "relu": [-1.0, 2.0],
    "sum": [1.5],
    "mean": [-0.5],
}
BINARY_POINTS = {
    "add": [(1.5, -0.7), (-2.0, 3.0)],
    "sub": [(1.5, -0.7), (-2.0, 3.0)],
    "mul": [(1.5, -0.7), (-2.0, 3.0), (0.3, 0.0)],
    "div": [(1.5, -0.7), (-2.0, 3.0), (0.0, 2.5)],
    "pow": [(1.5, 2.3), (0.7, -1.2), (2.0, 0.5)],
}
SCALAR_CASES = [(name, (p,)) for name, pts in UNARY_POINTS.items() for p in pts] + \
               [(name, p) for name, pts in BINARY_POINTS.items() for p in pts]


def _doc(name: str, args: tuple, params: dict | None = None) -> Document:
    if params:
        doc = Document()
        op_node(doc, name, doc.add_input("x", args[0]), params=params)
        return doc
    return unary_doc(name, args[0]) if len(args) == 1 else binary_doc(name, *args)


@pytest.mark.parametrize("name,args", SCALAR_CASES)
def test_scalar_derivatives_match_central_differences(name: str, args: tuple) -> None:
    program = compile_graph(_doc(name, args))
    value, grads = program.gradient()
    assert isinstance(value, float)
    central = central_gradient(program)
    forward = program.forward_mode_gradient()
    for input_name, g in grads.items():
        assert isinstance(g, float)
        assert_close(g, central[input_name], 1e-7, f"{name} reverse, {input_name}")
        assert_close(forward[input_name], central[input_name], 1e-7, f"{name} forward")
        # tangent() with a seed scales
        _, t = program.tangent(input_name, seed=3.0)
        assert_close(t, 3 * central[input_name], 1e-7, f"{name} tangent")


ARRAY_POINTS = {name: np.array(pts + pts[:1]) for name, pts in UNARY_POINTS.items()}


@pytest.mark.parametrize("name", sorted(UNARY_POINTS))
def test_array_unary_derivatives(name: str) -> None:
    x = ARRAY_POINTS[name].reshape(-1)
    program = compile_graph(unary_doc(name, x))
    upstream = np.linspace(-1.0, 2.0, np.size(program.evaluate())) if name not in (
        "sum", "mean") else 1.5
    upstream = np.reshape(upstream, np.shape(program.evaluate()))
    _, grads = program.gradient(upstream=upstream)
    central = central_gradient(program, upstream=upstream)
    assert grads["x"].shape == x.shape
    assert_close(grads["x"], central["x"], 1e-7, name)
    # forward mode is the gradient of the sum of the output's elements
    assert_close(program.forward_mode_gradient()["x"], central_gradient(program)["x"], 1e-7)


BROADCASTS = [((), (3,)), ((3,), ()), ((3, 1), (1, 4)), ((2, 3), (3,)), ((3,), (2, 3)),
              ((2, 3), (2, 3)), ((2, 1), (2, 3))]


def _values(shape: tuple, lo: float, hi: float, seed: int) -> object:
    rng = np.random.default_rng(seed)
    v = rng.uniform(lo, hi, shape)
    return float(v) if shape == () else v


@pytest.mark.parametrize("name", sorted(BINARY_POINTS))
@pytest.mark.parametrize("shapes", BROADCASTS, ids=str)
def test_broadcast_derivatives(name: str, shapes: tuple) -> None:
    lo = 0.5 if name in ("pow", "div") else -2.0  # positive bases, denominators away from 0
    a = _values(shapes[0], lo, 2.0, 1)
    b = _values(shapes[1], lo, 2.0, 2)
    program = compile_graph(binary_doc(name, a, b))
    out = program.evaluate()
    assert np.shape(out) == np.broadcast_shapes(shapes[0], shapes[1])
    upstream = np.reshape(np.linspace(-1.5, 1.0, np.size(out)), np.shape(out))
    _, grads = program.gradient(upstream=upstream)
    central = central_gradient(program, upstream=upstream)
    forward = program.forward_mode_gradient()
    plain = central_gradient(program)
    for input_name, shape in zip(("x", "y"), shapes):
        assert np.shape(grads[input_name]) == shape  # summed back to the operand's shape
        assert_close(grads[input_name], central[input_name], 1e-7, f"{name} {input_name}")
        assert np.shape(forward[input_name]) == shape
        assert_close(forward[input_name], plain[input_name], 1e-7, f"{name} fwd {input_name}")


@pytest.mark.parametrize("name", ["sum", "mean"])
@pytest.mark.parametrize("shape", [(4,), (2, 3), (3, 1)], ids=str)
def test_reductions_of_arrays(name: str, shape: tuple) -> None:
    x = np.arange(1.0, 1.0 + np.prod(shape)).reshape(shape)
    program = compile_graph(unary_doc(name, x))
    value, grads = program.gradient(upstream=2.0)
    assert isinstance(value, float)
    assert value == (np.sum(x) if name == "sum" else np.mean(x))
    expected = np.full(shape, 2.0 if name == "sum" else 2.0 / x.size)
    assert np.array_equal(grads["x"], expected)
    assert np.array_equal(program.forward_mode_gradient()["x"], expected / 2)
    _, t = program.tangent("x", seed=np.ones(shape))
    assert t == pytest.approx(x.size if name == "sum" else 1.0)


MATMUL = {"vector·vector": ((3,), (3,)), "matrix·vector": ((2, 3), (3,)),
          "vector·matrix": ((2,), (2, 4)), "matrix·matrix": ((2, 3), (3, 4))}


@pytest.mark.parametrize("case", sorted(MATMUL))
def test_matmul_derivatives(case: str) -> None:
    sa, sb = MATMUL[case]
    a, b = _values(sa, -2, 2, 3), _values(sb, -2, 2, 4)
    program = compile_graph(binary_doc("matmul", a, b))
    out = program.evaluate()
    expected = np.matmul(a, b)
    assert np.shape(out) == np.shape(expected) and np.allclose(out, expected, rtol=1e-15)
    if case == "vector·vector":
        assert isinstance(out, float)  # a 0-d result is a plain number
    upstream = np.reshape(np.linspace(-1, 1.5, np.size(out)), np.shape(out))
    _, grads = program.gradient(upstream=upstream)
    central = central_gradient(program, upstream=upstream)
    forward = program.forward_mode_gradient()
    plain = central_gradient(program)
    for name, shape in (("x", sa), ("y", sb)):
        assert grads[name].shape == shape
        assert_close(grads[name], central[name], 1e-7, f"{case} {name}")
        assert_close(forward[name], plain[name], 1e-7, f"{case} forward {name}")
    # The textbook rules: G·Bᵀ and Aᵀ·G
    if case == "matrix·matrix":
        assert np.allclose(grads["x"], upstream @ b.T, rtol=1e-14)
        assert np.allclose(grads["y"], a.T @ upstream, rtol=1e-14)


@pytest.mark.parametrize("shapes", [((2, 3), (2, 3)), ((3,), (4,)), ((), (3,)), ((2, 2, 2), (2,))],
                         ids=str)
def test_matmul_shape_errors(shapes: tuple) -> None:
    program = compile_graph(binary_doc("matmul", _values(shapes[0], 0, 1, 5),
                                       _values(shapes[1], 0, 1, 6)))
    with pytest.raises(EvalError) as info:
        program.evaluate()
    assert info.value.kind == "shape" and info.value.op == "matmul"
    # our own words, translatable, never numpy's "gufunc signature (n?,k),(k,m?)"
    assert "gufunc" not in str(info.value) and info.value.params["detail"] in ops.MESSAGES.values()


# -- PyTorch's conventions at awkward points ---------------------------------------------

@pytest.mark.parametrize("as_array", [False, True], ids=["float", "array"])
def test_conventions_at_kinks(as_array: bool) -> None:
    def grad(doc: Document, name: str = "x") -> float:
        g = compile_graph(doc).gradient()[1][name]
        return float(np.ravel(g)[0])

    wrap = (lambda v: [v]) if as_array else (lambda v: v)
    assert grad(unary_doc("relu", wrap(0.0))) == 0.0
    assert grad(unary_doc("abs", wrap(0.0))) == 0.0
    assert grad(unary_doc("relu", wrap(1e-300))) == 1.0
    assert grad(unary_doc("abs", wrap(-1e-300))) == -1.0
    # x**3 at x = -2 with a constant exponent: 3x² = 12, no log of the base
    assert grad(binary_doc("pow", wrap(-2.0), 3.0, const_b=True)) == 12.0
    # pow(0, 0) with a variable exponent: both gradients 0 (PyTorch's convention)
    doc = binary_doc("pow", wrap(0.0), wrap(0.0))
    value, grads = compile_graph(doc).gradient()
    assert float(np.ravel(value)[0]) == 1.0
    assert float(np.ravel(grads["x"])[0]) == 0.0 and float(np.ravel(grads["y"])[0]) == 0.0
    fm = compile_graph(doc).forward_mode_gradient()
    assert float(np.ravel(fm["x"])[0]) == 0.0 and float(np.ravel(fm["y"])[0]) == 0.0
    # 0 ** 2 with a variable exponent: d/db = 0·ln 0 is taken as 0
    _, grads = compile_graph(binary_doc("pow", wrap(0.0), wrap(2.0))).gradient()
    assert float(np.ravel(grads["x"])[0]) == 0.0 and float(np.ravel(grads["y"])[0]) == 0.0


def test_constant_exponent_never_takes_the_log_of_the_base() -> None:
    # Forward mode too: the constant's tangent is zero, so its partial is never computed.
    program = compile_graph(binary_doc("pow", -2.0, 3.0, const_b=True))
    assert program.forward_mode_gradient() == {"x": 12.0}
    steps = list(program.iter_tangent("x"))
    assert steps[-1].locals == (12.0, None)
    # A variable exponent at a negative base does need log(base): an error, named.
    with pytest.raises(EvalError) as info:
        compile_graph(binary_doc("pow", -2.0, 3.0)).gradient()
    assert info.value.pass_name == "backward" and info.value.op == "pow"


def test_sigmoid_is_stable_far_out() -> None:
    for x in (-800.0, 800.0):
        for value in (x, [x, -x]):
            _, grads = compile_graph(unary_doc("sigmoid", value)).gradient()
            assert np.all(np.asarray(grads["x"]) == 0.0)
    assert compile_graph(unary_doc("sigmoid", -800.0)).evaluate() == 0.0


# -- the kernels themselves ----------------------------------------------------------------

FLOAT_OPS = [name for name, op in ops.OPS.items() if op.forward_s is not None]


# Where the first argument is drawn when not from (-3, 3): inside the op's domain.
DOMAINS = {"log": (0.05, 3.0), "sqrt": (0.05, 3.0), "pow": (0.05, 3.0), "log2": (0.05, 3.0),
           "log10": (0.05, 3.0), "log1p": (-0.95, 3.0), "asin": (-0.99, 0.99),
           "acos": (-0.99, 0.99), "reciprocal": (0.05, 3.0)}
# Parameters for the primitives that need some (the others take their defaults).
SAMPLE_PARAMS = {"clamp": {"lo": -1.0, "hi": 1.5}, "leaky_relu": {"slope": 0.1},
                 "reshape": {"shape": (3, 2)}, "index": {"index": (1,)}}
# Argument shapes for the per-op facts where (2, 3) and (3,) do not fit the op.
SAMPLE_SHAPES = {"concat": [(2, 3), (1, 3)], "cross_entropy": [(2, 3), (2, 3)]}


def _bound(name: str) -> ops.Op:
    return ops.OPS[name].bind(SAMPLE_PARAMS.get(name))


def _domain_points(name: str, rng: np.random.Generator, n: int) -> list[tuple]:
    op = ops.OPS[name]
    a = rng.uniform(*DOMAINS.get(name, (-3.0, 3.0)), n)
    if op.arity == 1:
        return [(float(v),) for v in a]
    b = rng.uniform(-3.0, 3.0, n)
    if name == "div":
        b = np.where(np.abs(b) < 0.1, 0.5, b)
    return [(float(u), float(v)) for u, v in zip(a, b)]


@pytest.mark.parametrize("name", FLOAT_OPS)
def test_float_and_array_kernels_agree(name: str) -> None:
    """The float path and the array path compute the same numbers (to a few ulp:
    math and numpy round some functions differently in the last bit)."""
    op = _bound(name)
    rng = np.random.default_rng(7)
    points = _domain_points(name, rng, 200)
    arrays = tuple(np.array(col) for col in zip(*points))
    out_a = op.forward_a(*arrays) if op.elementwise else None
    for k, args in enumerate(points):
        out_s = op.forward_s(*args)
        assert isinstance(out_s, float)
        if op.elementwise:
            assert out_s == pytest.approx(float(out_a[k]), rel=1e-15, abs=1e-300)
        else:
            whole = op.forward_a(*(np.array(a) for a in args))
            assert out_s == pytest.approx(float(whole), rel=1e-15)
        g = 1.7
        for slot in range(op.arity):
            vjp_s = op.vjp_s[slot](g, out_s, *args)
            vjp_a = op.vjp_a[slot](g, out_s, *(np.asarray(a) for a in args))
            assert vjp_s == pytest.approx(float(vjp_a), rel=1e-14, abs=1e-300), (name, slot)
            if op.elementwise:
                p_s = op.partial_s[slot](out_s, *args)
                p_a = op.partial_a[slot](out_s, *(np.asarray(a) for a in args))
                assert p_s == pytest.approx(float(p_a), rel=1e-14, abs=1e-300)
                # the default VJP is g × the partial
                assert vjp_s == pytest.approx(g * p_s, rel=1e-15, abs=1e-300)


@pytest.mark.parametrize("name", FLOAT_OPS)
def test_engine_float_and_array_paths_agree(name: str) -> None:
    """A scalar graph and the same graph on 1-element arrays give the same gradient."""
    rng = np.random.default_rng(11)
    for args in _domain_points(name, rng, 5):
        scalar = compile_graph(_doc(name, args, SAMPLE_PARAMS.get(name))).gradient()
        array = compile_graph(_doc(name, tuple([a] for a in args),
                                   SAMPLE_PARAMS.get(name))).gradient()
        assert float(np.ravel(array[0])[0]) == pytest.approx(scalar[0], rel=1e-15, abs=1e-300)
        for key, g in scalar[1].items():
            assert float(np.ravel(array[1][key])[0]) == pytest.approx(g, rel=1e-14, abs=1e-300)


def test_the_table_is_complete() -> None:
    assert set(ops.OPS) == {"add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sqrt",
                            "sin", "cos", "tan", "abs", "tanh", "sigmoid", "relu", "sum",
                            "mean", "matmul",
                            # core/ops/elementwise.py
                            "sinh", "cosh", "asin", "acos", "atan", "square", "reciprocal",
                            "exp2", "expm1", "log2", "log10", "log1p", "softplus",
                            "leaky_relu", "sign", "maximum", "minimum", "clamp",
                            # core/ops/shapes.py and core/ops/losses.py
                            "transpose", "reshape", "index", "stack", "concat", "mse",
                            "cross_entropy",
                            # core/ops/reductions.py (sum and mean moved there)
                            "max", "min", "logsumexp", "softmax", "log_softmax", "norm"}
    for name, op in ops.OPS.items():
        assert op.name == name and op.group in ops.GROUPS
        assert op.arity == len(op.slots) == len(op.formulas) == len(op.vjp_a)
        assert all(f"{{{k}}}" in op.template for k in range(op.arity))
        if op.forward_s is not None:
            assert len(op.vjp_s) == op.arity
        if op.elementwise:
            assert len(op.partial_s) == len(op.partial_a) == op.arity
        else:
            assert op.jvp_custom is not None
        assert op.analytic == (name not in ("abs", "relu", "sign", "maximum", "minimum",
                                            "clamp", "leaky_relu", "max", "min"))
    for text, name in ops.BINARY_INFIX.items():
        assert ops.OPS[name].infix == text and ops.OPS[name].arity == 2
    assert ops.get("log") is ops.OPS["log"]
    with pytest.raises(KeyError, match="known: add"):
        ops.get("logg")


def test_domains() -> None:
    assert ops.OPS["log"].domain(0.0) and ops.OPS["log"].domain(np.array([1.0, -1.0]))
    assert ops.OPS["log"].domain(1e-300) is None
    assert ops.OPS["sqrt"].domain(-1e-300) and ops.OPS["sqrt"].domain(0.0) is None
    assert ops.OPS["div"].domain(1.0, 0.0) and ops.OPS["div"].domain(1.0, -1e-300) is None
    pow_domain = ops.OPS["pow"].domain
    assert "whole-number" in pow_domain(-8.0, 1 / 3)
    assert pow_domain(-8.0, 3.0) is None
    assert "negative power" in pow_domain(0.0, -1.0)
    assert pow_domain(0.0, 0.0) is None


def test_a_scalar_node_in_an_array_graph() -> None:
    """Array graphs hand the numpy kernels plain floats for scalar nodes (found: relu's
    partial called ``.astype`` on a bool)."""
    for name in UNARY_POINTS:
        doc = Document()
        x = doc.add_input("x", np.array([1.0, 2.0]))
        y = doc.add_input("y", UNARY_POINTS[name][-1])
        op_node(doc, "mul", op_node(doc, name, y), x)
        program = compile_graph(doc)
        _, grads = program.gradient()
        central = central_gradient(program)
        assert_close(grads["y"], central["y"], 1e-7, name)
        assert_close(program.forward_mode_gradient()["y"], central["y"], 1e-7, name)
        assert isinstance(grads["y"], float)



def test_every_entry_holds_every_per_op_fact() -> None:
    """Narration texts, shape rule, kink and torch name: set, and of the right kind."""
    import inspect

    for name, op in ops.OPS.items():
        labels = ("p", "q")[:op.arity]
        # how the narration writes it, filled with operand labels
        assert isinstance(op.expr, str) and all(f"{{{k}}}" in op.expr for k in range(op.arity))
        assert op.expr.format(*labels)
        assert len(op.local_texts) == op.arity and all(isinstance(t, str) and t
                                                       for t in op.local_texts)
        for t in op.local_texts:
            t.format(*labels, out="z")
        if op.partial_a is None and op.element_local is None:  # nothing per element
            assert len(op.backward_texts) == op.arity, name
            assert all("{g}" in t for t in op.backward_texts)
        if not op.elementwise:
            assert len(op.tangent_texts) == op.arity, name
            assert all("{t}" in t for t in op.tangent_texts)
        if op.element_local is not None:
            assert op.group == "reductions"
            assert isinstance(op.element_local(np.ones(4)), float)
        # the shape rule agrees with the forward kernel
        positional = [p for p in inspect.signature(op.shape).parameters.values()
                      if p.kind not in (p.KEYWORD_ONLY, p.VAR_KEYWORD)]  # params: keywords
        assert callable(op.shape) and len(positional) in (1, op.arity)
        shapes = SAMPLE_SHAPES.get(name) or [(2, 3), (3,)][:op.arity]
        args = [np.full(s, 0.5) for s in shapes]
        bound = _bound(name)
        assert bound.shape(*shapes) == np.shape(bound.forward_a(*args)), name
        # the reference checks' facts
        assert op.kink is None or (len(op.kink) == 2 and op.kink[0] in ("kink", "edge")
                                   and all(isinstance(k, str) for k in op.kink))
        assert (op.kink is not None) == (name in ("abs", "relu", "sqrt", "asin", "acos",
                                                  "softplus", "leaky_relu", "sign",
                                                  "maximum", "minimum", "clamp",
                                                  "max", "min", "norm"))
        assert (op.kink_at is None) == (op.kink_place == "")
        assert isinstance(op.torch_name, str)
        assert all(part.isidentifier() for part in op.torch_name.split("."))  # nn.functional.
        assert op.torch_number_slot is None or 0 <= op.torch_number_slot < op.arity
        assert isinstance(op.torch_zero_tangent, bool)
    with pytest.raises(ValueError):
        ops.OPS["add"].shape((2,), (3,))
    with pytest.raises(ValueError, match="last axis of A"):
        ops.OPS["matmul"].shape((2, 3), (2,))
    assert ops.OPS["matmul"].shape((3,), (3,)) == ()


def test_torch_names_are_torch_functions() -> None:
    torch = pytest.importorskip("torch")
    for op in ops.OPS.values():
        fn = torch
        for part in op.torch_name.split("."):  # torch.nn.functional.softplus
            fn = getattr(fn, part)
        assert callable(fn), op.name


# Per-op facts live in the op table: no module of the package branches on an op's name
# (the narration, the trace, the reference checks and codegen read the entry instead).
def _op_name_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants naming an op inside comparisons (== "pow", in ("sum", "mean"))."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for part in [node.left, *node.comparators]:
            for sub in ast.walk(part):
                if isinstance(sub, ast.Constant) and sub.value in ops.OPS:
                    found.append((sub.lineno, sub.value))
    return found


def test_no_per_op_branches_outside_the_table() -> None:
    root = Path(ops.__file__).resolve().parents[2]
    checked = 0
    for path in sorted(root.rglob("*.py")):
        if path.parent.name == "ops" and path.parent.parent.name == "core":
            continue  # the table itself
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert _op_name_literals(tree) == [], path.relative_to(root)
        checked += 1
    assert checked > 50
    # the check itself finds what it should
    assert _op_name_literals(ast.parse('if op.name == "pow" or k in ("sum", "x"): pass')) == [
        (1, "pow"), (1, "sum")]


def test_codegen_has_a_notebook_snippet_for_every_op() -> None:
    from autodiff_gui.check import codegen

    for name in ops.OPS:
        const, func, text = codegen._SEED_DEFS[name]
        assert f"def {func}(" in text and f"def {func}_deriv(" in text, name
        assert const.isupper()
    for variant in codegen._SEED_VARIANTS.values():
        assert variant in codegen._SEED_DEFS
