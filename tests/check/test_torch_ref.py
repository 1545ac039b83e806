"""PyTorch beside the engine: every primitive, random graphs, conventions, availability."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from autodiff_gui.check import torch_ref
from autodiff_gui.core.engine import EvalError, Stepper, compile_graph
from autodiff_gui.core.graph import Document
from autodiff_gui.core.ops import OPS
from tests.core.helpers import seed_doc

ROOT = Path(__file__).resolve().parents[2]
RTOL = 1e-12

pytestmark = pytest.mark.skipif(not torch_ref.torch_status()[0],
                                reason="PyTorch is not installed")


# Parameters for the primitives that need some (the others take their defaults).
SAMPLE_PARAMS = {"clamp": {"lo": -1.0, "hi": 1.5}, "leaky_relu": {"slope": 0.1},
                 "reshape": {"shape": (-1,)}, "index": {"index": (0,)}}


def op_doc(op: str, *args: tuple[str, object]) -> Document:
    """One primitive on named inputs ("x", value) or constants ("", value)."""
    doc = Document()
    srcs = [doc.add_input(name, v) if name else doc.add_const(v) for name, v in args]
    node = doc.add_op(op, params=SAMPLE_PARAMS.get(op))
    for slot, s in enumerate(srcs):
        doc.connect(s, node, slot)
    return doc


def assert_close(a, b, scale: float = 1.0) -> None:
    """Agreement to 1e-12 relative; where a result cancels to ~0, relative to the scale."""
    assert np.shape(a) == np.shape(b), (a, b)
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=RTOL,
                               atol=RTOL * scale)


def check_against_engine(doc: Document, upstream=1.0, values=None) -> torch_ref.TorchResult:
    """Value, gradient, node values and node gradients; forward mode against both modes."""
    program = compile_graph(doc)
    value, grad = program.gradient(values, upstream)
    result = torch_ref.compare(program, values, upstream)
    assert result.available and result.error is None, result.error
    scale = max([1.0] + [float(np.max(np.abs(r.value))) for r in result.nodes]
                + [float(np.max(np.abs(r.grad))) for r in result.nodes if r.grad is not None])
    assert_close(result.value, value, scale)
    assert set(result.gradient) >= set(grad)
    for name, g in grad.items():
        assert_close(result.gradient[name], g, scale)
    # Node by node, as the window shows them.
    stepper = Stepper(program, values=values, upstream=upstream)
    stepper.run_to_end()
    assert stepper.error is None
    node_values, node_grads = stepper.values(), stepper.gradients()
    for ref in result.nodes:
        assert_close(ref.value, node_values[ref.node], scale)
        if ref.kind == "input":  # the Stepper records gradients of op nodes' arguments
            assert_close(ref.grad, grad[ref.label], scale)
        elif ref.requires_grad:
            assert_close(ref.grad, node_grads[ref.node], scale)
        else:
            assert ref.grad is None and ref.node not in node_grads
    # Forward mode is the gradient of the sum of the output: reverse mode with ones.
    _, ones = program.gradient(values, 1.0)
    assert set(result.forward_mode) == set(ones)
    for name, g in ones.items():
        assert_close(result.forward_mode[name], g, scale)
    for name, g in program.forward_mode_gradient(values).items():
        assert_close(result.forward_mode[name], g, scale)
    return result


# -- the golden example ------------------------------------------------------------------

def test_seed_example_value_gradient_forward_mode_and_grad_fn():
    program = compile_graph(seed_doc())
    result = torch_ref.compare(program, upstream=2.0)
    assert result.available and result.version.startswith("2.")
    assert result.value == pytest.approx(2.0794415416798357, rel=1e-15)
    assert result.gradient["x"] == pytest.approx(2 * 2.772588722239781, rel=1e-15)
    assert result.gradient["y"] == pytest.approx(3.0, rel=1e-15)
    assert result.forward_mode == pytest.approx({"x": 2.772588722239781, "y": 1.5}, rel=1e-15)
    by_label = {r.label: r for r in result.nodes if r.kind == "op"}
    assert {k: r.grad_fn for k, r in by_label.items()} == {
        "a": "PowBackward0", "b": "MulBackward0", "c": "AddBackward0",
        "d": "LogBackward0", "z": "MulBackward0"}
    assert by_label["d"].grad == pytest.approx(2 * 3.0)  # ∂f/∂d = c, doubled
    assert by_label["c"].grad == pytest.approx(2 * np.log(2.0))
    assert by_label["z"].grad == 2.0 and not by_label["z"].is_leaf
    x = result.node(1)
    assert x is not None and x.is_leaf and x.requires_grad and x.grad_fn is None
    consts = [r for r in result.nodes if r.kind == "const"]
    assert len(consts) == 2 and all(r.grad is None and not r.requires_grad for r in consts)
    assert result.seconds > 0
    check_against_engine(seed_doc(), upstream=2.0)


def test_to_json_is_serialisable_with_nested_lists():
    result = torch_ref.compare(compile_graph(seed_doc()))
    data = torch_ref.to_json(result)
    assert set(data) == {"available", "version", "value", "gradient", "forward_mode", "grad_fn"}
    assert data["grad_fn"] == {"a": "PowBackward0", "b": "MulBackward0", "c": "AddBackward0",
                               "d": "LogBackward0", "z": "MulBackward0"}
    assert json.loads(json.dumps(data))["gradient"]["y"] == 1.5
    doc = op_doc("mul", ("w", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), ("s", 2.0))
    data = torch_ref.to_json(torch_ref.compare(compile_graph(doc)))
    assert data["value"] == [[2.0, 4.0, 6.0], [8.0, 10.0, 12.0]]
    assert data["gradient"] == {"w": [[2.0] * 3] * 2, "s": 21.0}
    assert data["forward_mode"]["w"] == [[2.0] * 3] * 2
    json.dumps(data, allow_nan=False)


def test_seed_mechanics_reproduces_the_notebook():
    m = torch_ref.seed_mechanics(compile_graph(seed_doc()), upstream=2.0)
    assert m["available"]
    assert m["value"] == pytest.approx(2.079442, abs=1e-6)
    assert m["grad_before"] == {"x": None, "y": None}
    assert m["grad_after_backward"] == pytest.approx({"x": 5.545177444479562, "y": 3.0})
    # .grad accumulates across backward calls: a second call doubles it.
    assert m["grad_after_second_backward"] == pytest.approx({"x": 2 * 5.545177444479562,
                                                             "y": 6.0})
    # autograd.grad returns a tuple, with an upstream of 1, and leaves .grad alone.
    assert m["autograd_grad_type"] == "tuple"
    assert m["autograd_grad"] == pytest.approx({"x": 2.772588722239781, "y": 1.5})
    assert m["grad_after_autograd_grad"] == m["grad_after_second_backward"]
    assert m["is_leaf"] == {"x": True, "y": True, "f": False}
    assert m["grad_fn"] == {"x": None, "y": None, "f": "MulBackward0"}
    text = m["transcript"]
    assert "x.grad = None" in text
    assert "f.grad_fn = <MulBackward0>" in text
    assert "x.grad = tensor(5.5452, dtype=torch.float64)" in text
    assert "x.grad = tensor(11.0904, dtype=torch.float64)" in text
    assert ("torch.autograd.backward(f, grad_tensors=torch.tensor(2., dtype=torch.float64), "
            "retain_graph=True)") in text
    assert "df = (tensor(2.7726, dtype=torch.float64), tensor(1.5000, dtype=torch.float64))" \
        in text


def test_seed_mechanics_on_an_array_output_uses_grad_outputs():
    doc = op_doc("mul", ("w", [1.0, 2.0]), ("s", 3.0))
    m = torch_ref.seed_mechanics(compile_graph(doc), upstream=1.0)
    assert m["autograd_grad"]["s"] == pytest.approx(3.0)
    assert any("grad_outputs=torch.ones_like(f)" in line for line in m["transcript"])
    np.testing.assert_allclose(m["grad_after_second_backward"]["w"], [6.0, 6.0])


# -- every primitive -----------------------------------------------------------------------

SCALARS = [-1.3, 0.0, 0.7, 2.5]
POSITIVE = [0.3, 1.0, 2.5]
ARRAY = [[-1.5, -0.2, 0.0], [0.4, 1.1, 2.6]]
UNARY_POINTS = {
    "neg": SCALARS, "exp": SCALARS, "sin": SCALARS, "cos": SCALARS, "tan": SCALARS,
    "abs": SCALARS, "tanh": SCALARS, "sigmoid": SCALARS + [-40.0, 40.0],
    "relu": SCALARS, "log": POSITIVE, "sqrt": POSITIVE, "sum": SCALARS, "mean": SCALARS,
    # core/ops/elementwise.py (kinks and ties: tests/check/test_elementwise_torch.py)
    "sinh": SCALARS, "cosh": SCALARS, "atan": SCALARS, "square": SCALARS, "exp2": SCALARS,
    "expm1": SCALARS, "softplus": SCALARS + [25.0, -40.0], "sign": SCALARS,
    "leaky_relu": SCALARS, "clamp": SCALARS, "asin": [-0.9, 0.0, 0.7], "acos": [-0.9, 0.0, 0.7],
    "log1p": [-0.5, 0.0, 2.5], "log2": POSITIVE, "log10": POSITIVE,
    "reciprocal": [-1.3, 0.7, 2.5],
    # core/ops/reductions.py (axes, ties and the norm at 0: tests/core/test_reductions.py)
    "max": SCALARS, "min": SCALARS, "logsumexp": SCALARS, "softmax": SCALARS,
    "log_softmax": SCALARS, "norm": SCALARS,
}
# Values inside each one's domain for the array case.
ARRAY_DOMAIN = {"log": np.abs(ARRAY) + 0.1, "sqrt": np.abs(ARRAY) + 0.1,
                "log2": np.abs(ARRAY) + 0.1, "log10": np.abs(ARRAY) + 0.1,
                "reciprocal": np.abs(ARRAY) + 0.1, "asin": np.array(ARRAY) / 3,
                "acos": np.array(ARRAY) / 3, "log1p": np.abs(ARRAY)}


@pytest.mark.parametrize("op", sorted(UNARY_POINTS))
def test_unary_primitive_at_scalars_and_arrays(op):
    # (the shape ops take shapes and indices: tests/check/test_shape_ops_torch.py)
    assert set(UNARY_POINTS) == {n for n, o in OPS.items() if o.arity == 1
                                 and o.group != "shapes"}
    for v in UNARY_POINTS[op]:
        for upstream in (1.0, -2.5):
            check_against_engine(op_doc(op, ("x", v)), upstream=upstream)
    arr = ARRAY_DOMAIN.get(op, np.array(ARRAY))
    result = check_against_engine(op_doc(op, ("x", arr)), upstream=1.0)
    expected = "SumBackward0" if op == "sum" else None
    if expected:
        assert result.nodes[-1].grad_fn == expected
    if op not in ("sum", "mean", "max", "min", "logsumexp", "norm"):  # an array upstream
        check_against_engine(op_doc(op, ("x", arr)), upstream=np.arange(6.0).reshape(2, 3))


BINARY_SCALARS = [(-1.3, 0.7), (0.7, -2.0), (2.5, 2.5), (0.0, 1.5), (1.5, 0.0)]


@pytest.mark.parametrize("op", ["add", "sub", "mul", "div", "pow"])
def test_binary_primitive_at_scalars(op):
    for a, b in BINARY_SCALARS:
        if op == "div" and b == 0:
            continue
        if op == "pow":
            a = abs(a) + 0.5  # any exponent needs a positive base
        check_against_engine(op_doc(op, ("x", a), ("y", b)), upstream=2.0)


BROADCASTS = [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((3,), ()), ((), (2, 3)),
              ((1, 3), (2, 1))]


@pytest.mark.parametrize("op", ["add", "sub", "mul", "div", "pow"])
@pytest.mark.parametrize("shapes", BROADCASTS, ids=str)
def test_binary_primitive_with_broadcasting(op, shapes):
    rng = np.random.default_rng(7)
    a, b = (rng.uniform(0.5, 2.0, s) if s else float(rng.uniform(0.5, 2.0)) for s in shapes)
    result = check_against_engine(op_doc(op, ("x", a), ("y", b)), upstream=2.0)
    assert np.shape(result.gradient["x"]) == shapes[0]
    assert np.shape(result.gradient["y"]) == shapes[1]


@pytest.mark.parametrize("shapes", [((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 2)),
                                    ((2, 3), (3, 4)), ((1, 3), (3, 1))], ids=str)
def test_matmul_shapes(shapes):
    rng = np.random.default_rng(3)
    a, b = (rng.normal(size=s) for s in shapes)
    result = check_against_engine(op_doc("matmul", ("A", a), ("B", b)), upstream=1.5)
    assert result.nodes[-1].grad_fn in ("MmBackward0", "MvBackward0", "DotBackward0",
                                        "SqueezeBackward4", "ViewBackward0",
                                        "UnsafeViewBackward0")
    # With a constant on one side, only the other side is differentiated.
    result = check_against_engine(op_doc("matmul", ("A", a), ("", b)))
    assert result.nodes[1].grad is None


def test_constants_and_constant_subgraphs_have_no_gradient():
    doc = op_doc("mul", ("x", 1.5), ("", 4.0))
    c = doc.add_const(2.0)
    e = doc.add_op("exp")
    doc.connect(c, e, 0)  # exp(2): a sub-graph with no input
    z = doc.add_op("add")
    doc.connect(3, z, 0)
    doc.connect(e, z, 1)
    result = check_against_engine(doc)
    exp_ref = result.node(e)
    assert exp_ref is not None and exp_ref.grad is None and not exp_ref.requires_grad
    assert exp_ref.grad_fn is None and exp_ref.value == pytest.approx(np.exp(2.0))


# -- random graphs ----------------------------------------------------------------------

UNARY = sorted(n for n, o in OPS.items() if o.arity == 1)
BINARY = sorted(n for n, o in OPS.items() if o.arity == 2)
SHAPES = [(), (3,), (2, 3), (1, 3), (2, 1)]


def _takes_numbers(name: str) -> bool:
    """Whether the op's shape rule accepts numbers (matmul, concat, cross_entropy don't)."""
    op = OPS[name].bind(SAMPLE_PARAMS.get(name))
    try:
        op.shape(*[()] * op.arity)
    except ValueError:
        return False
    return True


NUMBER_UNARY = [n for n in UNARY if _takes_numbers(n)]
NUMBER_BINARY = [n for n in BINARY if _takes_numbers(n)]


def random_doc(rng: np.random.Generator, arrays: bool) -> Document:
    """Up to 3 inputs and 1-11 random ops; some constants, some shared arguments."""
    doc = Document()
    pool = []
    for k in range(int(rng.integers(1, 4))):
        shape = SHAPES[rng.integers(len(SHAPES))] if arrays else ()
        value = rng.uniform(-2, 2, shape) if shape else float(rng.uniform(-2, 2))
        pool.append(doc.add_input(f"x{k}", value))
    unary, binary = (UNARY, BINARY) if arrays else (NUMBER_UNARY, NUMBER_BINARY)
    for _ in range(int(rng.integers(1, 12))):
        if rng.random() < 0.45:
            name, srcs = unary[rng.integers(len(unary))], [pool[rng.integers(len(pool))]]
        else:
            name = binary[rng.integers(len(binary))]
            srcs = [pool[rng.integers(len(pool))] for _ in range(2)]
            if rng.random() < 0.3:
                shape = SHAPES[rng.integers(len(SHAPES))] if arrays else ()
                value = (rng.uniform(-3, 3, shape) if shape
                         else float(rng.choice([2.0, 3.0, 0.5, -1.0, rng.uniform(-3, 3)])))
                srcs[int(rng.integers(2))] = doc.add_const(value)
        node = doc.add_op(name, params=SAMPLE_PARAMS.get(name))
        for slot, s in enumerate(srcs):
            doc.connect(s, node, slot)
        pool.append(node)
    doc.set_output(pool[-1])
    return doc


def run_random(seed: int, count: int, arrays: bool) -> int:
    rng = np.random.default_rng(seed)
    agreed = 0
    for i in range(count):
        doc = random_doc(rng, arrays)
        program = compile_graph(doc)
        try:
            program.gradient(None, 1.0)
        except EvalError:
            continue  # out of the domain or shapes that don't fit: torch gives nan/raises
        check_against_engine(doc, upstream=2.0 if i % 2 else 1.0)
        agreed += 1
    return agreed


def test_random_scalar_graphs_agree():
    assert run_random(seed=0, count=100, arrays=False) >= 60


def test_random_array_graphs_agree():
    assert run_random(seed=1, count=60, arrays=True) >= 25


# -- conventions -------------------------------------------------------------------------

def test_relu_and_abs_at_zero_have_derivative_zero():
    for op in ("relu", "abs"):
        result = check_against_engine(op_doc(op, ("x", 0.0)))
        assert result.gradient["x"] == 0.0 and result.forward_mode["x"] == 0.0


def test_pow_at_zero_zero_and_zero_base():
    result = check_against_engine(op_doc("pow", ("x", 0.0), ("y", 0.0)))
    assert result.value == 1.0 and result.gradient == {"x": 0.0, "y": 0.0}
    assert result.nodes[-1].grad_fn == "PowBackward1"
    result = check_against_engine(op_doc("pow", ("x", 0.0), ("y", 2.0)))
    assert result.gradient == {"x": 0.0, "y": 0.0}  # d/dy 0**y = 0 for y >= 0
    # A constant exponent is never differentiated, so a negative base is fine.
    result = check_against_engine(op_doc("pow", ("x", -2.0), ("", 3.0)))
    assert result.gradient == {"x": 12.0} and result.nodes[-1].grad_fn == "PowBackward0"
    result = check_against_engine(op_doc("pow", ("x", [-2.0, 0.0]), ("", [3.0, 0.0])))
    np.testing.assert_array_equal(result.gradient["x"], [12.0, 0.0])
    assert result.nodes[-1].grad_fn == "PowBackward1"


def test_sum_and_mean_of_a_scalar():
    for op in ("sum", "mean"):
        result = check_against_engine(op_doc(op, ("x", 3.0)), upstream=2.0)
        assert result.value == 3.0 and result.gradient == {"x": 2.0}
        assert np.ndim(result.value) == 0


def test_output_that_is_an_input():
    doc = Document()
    doc.add_input("x", 3.0)
    result = check_against_engine(doc, upstream=2.0)
    assert result.value == 3.0 and result.gradient == {"x": 2.0}


def test_value_overrides_and_array_upstream():
    doc = op_doc("mul", ("x", [1.0, 2.0, 3.0]), ("y", 2.0))
    result = check_against_engine(doc, values={"x": np.array([4.0, 5.0, 6.0]), "y": -1.0},
                                  upstream=np.array([1.0, 0.0, 2.0]))
    np.testing.assert_array_equal(result.value, [-4.0, -5.0, -6.0])
    assert result.gradient["y"] == 16.0
    with pytest.raises(ValueError, match="upstream"):
        torch_ref.compare(compile_graph(doc), upstream=np.ones(2))


def test_forward_mode_is_skipped_beyond_its_pass_limit():
    program = compile_graph(op_doc("mul", ("x", [1.0, 2.0, 3.0]), ("y", 2.0)))
    assert torch_ref.compare(program, max_forward_passes=4).forward_mode["y"] == 6.0
    result = torch_ref.compare(program, max_forward_passes=3)
    assert result.forward_mode == {} and result.gradient["y"] == 6.0
    assert result.notes == ["forward mode skipped: it would take 4 passes, one per input "
                            "element (the limit is 3)"]


def test_unreachable_input_gets_zero_and_a_note():
    doc = op_doc("exp", ("x", 0.5))
    doc.add_input("w", 1.0)
    doc.set_output(2)
    program = compile_graph(doc)
    assert "w" not in program.gradient()[1]  # the engine leaves it out
    result = torch_ref.compare(program)
    assert result.gradient["w"] == 0.0
    assert any("w does not reach the output" in n for n in result.notes)
    result = torch_ref.compare(program, values={"w": [1.0, 2.0]})
    np.testing.assert_array_equal(result.gradient["w"], [0.0, 0.0])


def test_out_of_domain_is_nan_in_torch_and_an_error_in_the_engine():
    program = compile_graph(op_doc("log", ("x", -1.0)))
    with pytest.raises(EvalError):
        program.gradient()
    result = torch_ref.compare(program)
    assert np.isnan(result.value)
    assert result.notes == ["PyTorch gives nan at z = log(x); the engine stops there "
                            "with an error"]
    assert torch_ref.to_json(result)["value"] is None
    result = torch_ref.compare(compile_graph(op_doc("sqrt", ("x", 0.0))))
    assert result.gradient["x"] == np.inf and "through z = sqrt(x)" in result.notes[0]


def test_shapes_torch_refuses_give_an_error_not_an_exception():
    program = compile_graph(op_doc("matmul", ("A", [1.0, 2.0, 3.0]), ("B", [1.0, 2.0])))
    result = torch_ref.compare(program)
    assert result.available and result.error is not None
    assert result.error.startswith("PyTorch could not run this graph:")
    assert result.value is None and result.nodes == []
    assert torch_ref.to_json(result)["error"] == result.error


# -- engine bugs this comparison found (fixed in the engine; kept as regressions) --------

def test_forward_mode_broadcasts_a_scalar_tangent():
    # Op.jvp once kept the scalar's tangent scalar, so forward mode said 1, not 3.
    doc = op_doc("add", ("x", 1.0), ("", [1.0, 2.0, 3.0]))
    assert compile_graph(doc).forward_mode_gradient()["x"] == 3.0
    assert torch_ref.compare(compile_graph(doc)).forward_mode["x"] == 3.0
    check_against_engine(op_doc("sub", ("x", [[1.0, 2.0, 3.0]]), ("y", [1.0, 2.0, 3.0])))


def test_relu_of_a_scalar_in_an_array_graph():
    # relu's array rule once called .astype on a Python bool here.
    doc = op_doc("relu", ("x", 1.0))
    c = doc.add_const([1.0, 2.0])
    m = doc.add_op("mul")
    doc.connect(2, m, 0)
    doc.connect(c, m, 1)
    check_against_engine(doc)


# -- availability --------------------------------------------------------------------------

def _run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_import_does_not_load_torch():
    proc = _run_python("import sys, autodiff_gui.check.torch_ref\n"
                       "print('torch' in sys.modules)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_missing_torch_reports_unavailable():
    proc = _run_python(
        "import sys, json\n"
        "sys.modules['torch'] = None  # makes `import torch` fail\n"
        "from autodiff_gui.check import torch_ref\n"
        "from autodiff_gui.core.graph import Document\n"
        "from autodiff_gui.core.engine import compile_graph\n"
        "d = Document(); x = d.add_input('x', 2.0); e = d.add_op('exp'); d.connect(x, e, 0)\n"
        "p = compile_graph(d)\n"
        "r = torch_ref.compare(p)\n"
        "print(json.dumps([torch_ref.torch_status(), torch_ref.to_json(r),\n"
        "                  r.value, torch_ref.seed_mechanics(p), p.evaluate(),\n"
        "                  [r.reason.template, r.reason.context]]))\n")
    assert proc.returncode == 0, proc.stderr
    status, data, value, mechanics, engine_value, text = json.loads(proc.stdout)
    assert status[0] is False and "torch" in status[1]
    # The reason is a translatable Text (context "check"); as JSON, its English.
    assert text == [torch_ref.MESSAGES["not_available"], "check"]
    assert status[1].startswith("PyTorch is not available: ")
    assert data == {"available": False, "reason": status[1]}
    assert value is None and mechanics == {"available": False, "reason": status[1]}
    assert engine_value == pytest.approx(np.exp(2.0))


def test_notes_and_errors_are_translatable_texts():
    from autodiff_gui.core.graph import Text

    program = compile_graph(op_doc("mul", ("x", [1.0, 2.0, 3.0]), ("y", 2.0)))
    (note,) = torch_ref.compare(program, max_forward_passes=3).notes
    assert isinstance(note, Text) and note.context == "check"
    assert note.template == torch_ref.MESSAGES["forward_skipped"]
    assert note.params == {"passes": 4, "limit": 3}
    (nan_note,) = torch_ref.compare(compile_graph(op_doc("log", ("x", -1.0)))).notes
    assert nan_note.template == torch_ref.MESSAGES["value_not_finite"]
    bad = compile_graph(op_doc("matmul", ("A", [1.0, 2.0, 3.0]), ("B", [1.0, 2.0])))
    error = torch_ref.compare(bad).error
    assert isinstance(error, Text) and error.template == torch_ref.MESSAGES["could_not_run"]
    with pytest.raises(ValueError) as info:
        torch_ref.compare(program, upstream=[1.0, 2.0])
    assert isinstance(info.value.args[0], Text) and info.value.args[0].context == "core"
