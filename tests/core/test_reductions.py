"""Reductions with an axis: sum, mean, max, min, logsumexp, softmax, log_softmax, norm.

Against central differences and PyTorch (≤ 1e-10 relative) over random shapes and axes,
PyTorch's conventions at ties and at 0, Hessians through the backward graph, the
narration of an axis, files and generated code."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodiff_gui.check import codegen, torch_ref
from autodiff_gui.core import fileio, ops
from autodiff_gui.core.backward_graph import build_backward, hessian_vector
from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.engine.stepper import Stepper
from autodiff_gui.core.expr import parse, to_text
from autodiff_gui.core.graph import Document
from autodiff_gui.core.narration import Narration, forward_text

REDUCTIONS = ["sum", "mean", "max", "min", "logsumexp", "softmax", "log_softmax"]


def weighted(name: str, x: np.ndarray, axis, weights_seed: int = 0) -> Document:
    """sum(op(x, axis) * W): a scalar whose gradient reads every output element."""
    doc = Document()
    node = doc.add_input("x", x)
    params = {} if name == "norm" else {"axis": axis}
    r = doc.add_op(name, args=(node,), params=params)
    shape = ops.OPS[name].bind(params).shape(np.shape(x))
    w = np.random.default_rng(weights_seed).uniform(-2, 2, shape)
    m = doc.add_op("mul", args=(r, doc.add_const(w if shape else float(w))))
    doc.set_output(doc.add_op("sum", args=(m,)))
    return doc


def central(program, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    out = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[k] += h
        down[k] -= h
        out[k] = (program.gradient({"x": up})[0] - program.gradient({"x": down})[0]) / (2 * h)
    return out


def assert_rel(got, want, rel: float, what: str = "") -> None:
    scale = max(1.0, float(np.max(np.abs(want))))
    assert np.max(np.abs(np.asarray(got) - np.asarray(want))) <= rel * scale, (what, got, want)


@st.composite
def cases(draw):
    name = draw(st.sampled_from(REDUCTIONS + ["norm"]))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=0, max_size=3)))
    axes = [None] + list(range(-len(shape), len(shape)))
    if name in ("softmax", "log_softmax") and not shape:
        axes = [-1]
    elif name in ("softmax", "log_softmax"):
        axes = axes[1:]  # along an axis: None is not one of theirs
    axis = draw(st.sampled_from(axes))
    seed = draw(st.integers(0, 2**16))
    x = np.random.default_rng(seed).uniform(-3, 3, shape)
    return name, (x if shape else float(x)), axis


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_random_shapes_and_axes_agree_with_pytorch_and_central_differences(case) -> None:
    pytest.importorskip("torch")
    name, x, axis = case
    doc = weighted(name, np.asarray(x), axis)
    program = compile_graph(doc)
    value, grads = program.gradient()
    # PyTorch: the value, reverse and forward mode (1e-10 relative)
    result = torch_ref.compare(program)
    assert result.error is None, result.error
    assert_rel(result.value, value, 1e-10, name)
    assert_rel(result.gradient["x"], grads["x"], 1e-10, name)
    assert_rel(result.forward_mode["x"], grads["x"], 1e-10, name)
    # our forward mode gives the same numbers
    assert_rel(program.forward_mode_gradient()["x"], grads["x"], 1e-12, name)
    # central differences (max/min: random points are no ties)
    assert_rel(central(program, np.asarray(x, dtype=float)), grads["x"], 1e-6, name)


def test_sum_and_mean_keep_their_old_meaning() -> None:
    doc = parse("sum(x * [1, 2, 3]) + mean(x)", {"x": 2.0})
    value, grads = compile_graph(doc).gradient()
    assert value == 14.0 and grads["x"] == 7.0
    assert ops.OPS["sum"].params[0].default is None
    assert ops.OPS["softmax"].params[0].default == -1  # along the last axis, as courses do


@pytest.mark.parametrize("text, value, grad", [
    ("sum(x, 0)", [4.0, 6.0], [[1, 1], [1, 1]]),
    ("sum(x, 1)", [3.0, 7.0], [[1, 1], [1, 1]]),
    ("mean(x, -1)", [1.5, 3.5], [[0.5, 0.5], [0.5, 0.5]]),
    ("max(x, 0)", [3.0, 4.0], [[0, 0], [1, 1]]),
    ("min(x)", 1.0, [[1, 0], [0, 0]]),
])
def test_axis_values_and_gradients(text, value, grad) -> None:
    doc = parse(text, {"x": np.array([[1.0, 2.0], [3.0, 4.0]])})
    program = compile_graph(doc)
    up = np.ones(np.shape(value)) if np.ndim(value) else 1.0
    v, g = program.gradient(None, up)
    assert np.array_equal(v, value) and np.array_equal(g["x"], grad)


def test_ties_share_the_gradient_like_torch_amax() -> None:
    torch = pytest.importorskip("torch")
    x = np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 2.0]])
    for text, fn in [("max(x)", lambda t: torch.amax(t)),
                     ("max(x, 1)", lambda t: torch.amax(t, dim=1).sum()),
                     ("min(x, 0)", lambda t: torch.amin(t, dim=0).sum()),
                     ("max(x, 0)", lambda t: torch.amax(t, dim=0).sum())]:
        doc = parse(f"sum({text})", {"x": x})
        program = compile_graph(doc)
        _, grads = program.gradient()
        t = torch.tensor(x, requires_grad=True)
        fn(t).backward()
        assert np.array_equal(grads["x"], t.grad.numpy()), text
        assert np.array_equal(program.forward_mode_gradient()["x"], grads["x"]), text
    _, grads = compile_graph(parse("max(x)", {"x": x})).gradient()
    assert grads["x"].tolist() == [[0, 0.5, 0.5], [0, 0, 0]]


def test_norm_at_zero_is_zero_like_pytorch() -> None:
    doc = parse("norm(x)", {"x": np.zeros(3)})
    program = compile_graph(doc)
    value, grads = program.gradient()
    assert value == 0.0 and grads["x"].tolist() == [0, 0, 0]
    assert program.forward_mode_gradient()["x"].tolist() == [0, 0, 0]
    bg = build_backward(doc)  # a/(‖a‖ + 0**‖a‖): finite at 0 as well
    v, _ = compile_graph(bg.document).gradient()
    assert np.array_equal(v, [0.0, 0.0, 0.0])
    assert compile_graph(parse("norm(x)", {"x": np.array([3.0, 4.0])})).gradient()[1][
        "x"].tolist() == [0.6, 0.8]


def test_finite_differences_flag_a_tie_as_a_kink() -> None:
    from autodiff_gui.check import finite_diff as fd

    program = compile_graph(parse("max(x)", {"x": np.array([1.0, 3.0, 3.0])}))
    result = fd.check_gradients(program)
    verdicts = {c.index: c.verdict for c in result.inputs}
    assert verdicts[(1,)] == "kink" and verdicts[(2,)] == "kink" and result.passed
    program = compile_graph(parse("max(x)", {"x": np.array([1.0, 2.0, 3.0])}))
    assert all(c.verdict == "pass" for c in fd.check_gradients(program).inputs)


@pytest.mark.parametrize("text", ["sum(x, 2)", "mean(x, -3)", "softmax(x, 5)", "max(y, 0)"])
def test_an_axis_out_of_range_is_a_shape_error(text) -> None:
    doc = parse(text, {"x": np.ones((2, 3)), "y": 2.0})
    with pytest.raises(EvalError) as info:
        compile_graph(doc).gradient()
    assert info.value.kind == "shape"
    assert "axis" in info.value.message


def test_softmax_of_one_number_is_one() -> None:
    value, grads = compile_graph(parse("softmax(x) + log_softmax(x)", {"x": 2.5})).gradient()
    assert value == 1.0 and grads["x"] == 0.0


# -- second order -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["logsumexp(x)", "logsumexp(x, 1)",
                                  "sum(softmax(x) * [[1, 2, 3], [3, 1, 2]])",
                                  "sum(softmax(x, 0) * [[1, 2, 3], [3, 1, 2]])",
                                  "sum(log_softmax(x) * [[1, 2, 3], [3, 1, 2]])",
                                  "mean(x, 0) @ [1, 2, 3] + norm(x)"])
def test_hessians_through_the_backward_graph_agree_with_pytorch(text) -> None:
    torch = pytest.importorskip("torch")
    x = np.array([[0.3, -1.2, 2.0], [1.1, 0.4, -0.7]])
    v = np.array([[1.0, -0.5, 2.0], [0.25, 3.0, -1.0]])
    doc = parse(text, {"x": x})
    hv = hessian_vector(doc, {"x": v})["x"]
    # PyTorch: the gradient of <v, ∇f>, with the same function written in torch
    t = torch.tensor(x, requires_grad=True)
    program = compile_graph(doc)
    fns = torch_ref._functions(torch, program)
    tensors = torch_ref._leaf_tensors(torch, program, program.leaves(None), True)
    tensors[program.input_index["x"]] = t
    torch_ref._run(program, fns, tensors, program.leaves(None))
    # (an array output: its sum, as the backward graph's upstream of ones)
    (g,) = torch.autograd.grad(tensors[program.out].sum(), t, create_graph=True)
    (want,) = torch.autograd.grad((g * torch.tensor(v)).sum(), t)
    assert_rel(hv, want.numpy(), 1e-10, text)


# -- the narration says the axis ---------------------------------------------------------------

def _records(text: str, mode: str = "reverse"):
    doc = parse(text, {"x": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])})
    program = compile_graph(doc)
    value = program.gradient()[0]
    stepper = Stepper(program, mode=mode, wrt="x" if mode == "forward" else None,
                      upstream=np.ones(np.shape(value)) if np.ndim(value) else 1.0)
    stepper.run_to_end()
    assert stepper.error is None
    return Narration(program, stepper.records), stepper.records


def test_the_narration_writes_the_sum_over_the_axis() -> None:
    narration, records = _records("sum(x, 0)")
    forward = [r for r in records if getattr(r, "pass_name", "") == "forward"]
    assert forward_text(forward[-1]) == "z = Σᵢ x[i, …] = Σᵢ [[1, 2, 3], [4, 5, 6]][i, …] " \
                                        "= [5, 7, 9]"
    lines = [line for r in records if r.pass_name == "backward" for line in narration.lines(r)]
    assert "z = Σᵢ x[i, …], so" in lines
    narration, records = _records("mean(x, 1)")
    lines = [line for r in records if r.pass_name == "backward" for line in narration.lines(r)]
    assert "z = meanᵢ x[:, i, …], so" in lines
    assert any("0.3333" in line for line in lines)  # 1/n with n the axis' length, 3
    narration, records = _records("softmax(x)")
    lines = [line for r in records if r.pass_name == "backward" for line in narration.lines(r)]
    assert "z = exp(x) / Σᵢ exp(x[…, i]), so" in lines


def test_the_narration_says_the_tie_convention() -> None:
    doc = parse("max(x)", {"x": np.array([1.0, 3.0, 3.0])})
    program = compile_graph(doc)
    stepper = Stepper(program)
    stepper.run_to_end()
    narration = Narration(program, stepper.records)
    lines = [line for r in stepper.records if r.pass_name == "backward"
             for line in narration.lines(r)]
    assert any("shares the gradient equally" in line for line in lines)


# -- files, text and code -----------------------------------------------------------------------

def test_axes_survive_text_and_files(tmp_path) -> None:
    text = "logsumexp(x, 1) + sum(softmax(x, 0) * log_softmax(x), -1) + max(x, 0)[1]"
    doc = parse(text, {"x": np.arange(6.0).reshape(2, 3)})
    assert to_text(doc) == text
    path = tmp_path / "axes.json"
    fileio.save(doc, path)
    nodes = json.loads(path.read_text())["nodes"]
    assert {"id": 2, "kind": "op", "op": "logsumexp", "params": {"axis": 1}} in nodes
    back = fileio.load(path)
    assert back.same_as(doc)
    assert np.array_equal(compile_graph(back).gradient()[0], compile_graph(doc).gradient()[0])


def test_generated_scripts_pass_the_axis_and_run(tmp_path) -> None:
    pytest.importorskip("torch")
    doc = parse("sum(softmax(x, 0) * [[1, 2], [3, 4]]) + max(x, 1) @ [1, -1] + norm(x) "
                "+ logsumexp(x)", {"x": np.array([[0.5, -1.0], [2.0, 0.25]])})
    value, grads = compile_graph(doc).gradient()
    script = codegen.torch_script(doc)
    assert "torch.softmax(x, dim=0)" in script and "torch.amax(x, dim=1)" in script
    assert "torch.logsumexp(x, dim=(0, 1))" in script
    path = tmp_path / "reductions_torch.py"
    path.write_text(script, encoding="utf-8")
    run = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=120, check=True)
    result = codegen.parse_result(run.stdout)
    assert_rel(result["value"], value, 1e-12)
    assert_rel(result["gradient"]["x"], grads["x"], 1e-12)
    seed = codegen.seed_script(doc)
    assert "SOFTMAX['f'](x, axis=0)" in seed and "MAX['f'](x, axis=1)" in seed
    path = tmp_path / "reductions_seed.py"
    path.write_text(seed, encoding="utf-8")
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert f"{value:.6g}"[:5] in out.replace("\n", " ")
