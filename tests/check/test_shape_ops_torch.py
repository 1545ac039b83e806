"""The shape primitives and the losses against PyTorch: values, gradients and forward
mode through ``torch_ref.compare`` (≤ 1e-10) over random shapes, Hessian-vector products
of the losses through the backward graph against ``torch.autograd.functional.hvp``, and
the generated PyTorch script running to the engine's numbers."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_gui.check import codegen, torch_ref
from autodiff_gui.core.backward_graph import hessian_vector
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document

pytestmark = pytest.mark.skipif(not torch_ref.torch_status()[0],
                                reason="PyTorch is not installed")
TOL = 1e-10


def _doc(op: str, args: list[tuple[str, Any]], params: dict | None = None) -> Document:
    """``op`` on named inputs ("x", value) or constants ("", value)."""
    doc = Document()
    srcs = tuple(doc.add_input(n, v) if n else doc.add_const(v) for n, v in args)
    doc.set_output(doc.add_op(op, args=srcs, params=params))
    return doc


def agrees(doc: Document) -> None:
    program = compile_graph(doc)
    value, grads = program.gradient()
    forward = program.forward_mode_gradient()
    t = torch_ref.compare(program)
    assert t.available and t.error is None, t.error
    np.testing.assert_allclose(t.value, value, rtol=TOL, atol=TOL)
    assert np.shape(t.value) == np.shape(value)
    for name, g in grads.items():
        np.testing.assert_allclose(t.gradient[name], g, rtol=TOL, atol=TOL, err_msg=name)
        np.testing.assert_allclose(t.forward_mode[name], forward[name], rtol=TOL, atol=TOL)


def _rand(rng: np.random.Generator, shape: tuple[int, ...]) -> Any:
    v = rng.uniform(-2.0, 2.0, shape)
    return float(v) if shape == () else v


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.integers(0, 2**16), st.data())
def test_every_shape_op_and_loss_agrees_with_torch(dims: list[int], seed: int,
                                                   data: st.DataObject) -> None:
    shape = tuple(dims)
    rng = np.random.default_rng(seed)
    x, y = _rand(rng, shape), _rand(rng, shape)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    agrees(_doc("reshape", [("x", x)], {"shape": (-1,)}))
    if len(shape) <= 2:
        agrees(_doc("transpose", [("x", x)]))
    agrees(_doc("stack", [("x", x), ("y", y)], {"axis": axis}))
    agrees(_doc("stack", [("x", np.stack([x, y], axis=axis)), ("y", y * 3)], {"axis": axis}))
    agrees(_doc("concat", [("x", x), ("y", y)], {"axis": axis}))
    index = tuple(data.draw(st.one_of(st.integers(-n, n - 1), st.integers(0, n - 1).flatmap(
        lambda a, n=n: st.tuples(st.just(a), st.one_of(st.none(), st.integers(a + 1, n)),
                                 st.integers(1, 2))))) for n in shape)
    agrees(_doc("index", [("x", x)], {"index": index}))
    agrees(_doc("mse", [("x", x), ("y", y)]))
    agrees(_doc("mse", [("x", x), ("y", 0.5)]))
    if len(shape) <= 2:
        agrees(_doc("cross_entropy", [("x", x * 5), ("y", np.abs(y))]))
        classes = rng.integers(0, shape[-1], size=shape[:-1]).astype(float)
        agrees(_doc("cross_entropy", [("x", x * 5), ("", classes if classes.ndim
                                                   else float(classes))]))


def _network(values: dict[str, Any], loss: str) -> Document:
    doc = Document()
    n = {k: doc.add_input(k, v) for k, v in values.items() if k != "t"}
    t = doc.add_const(values["t"]) if loss == "cross_entropy" and np.ndim(values["t"]) < 2 \
        else doc.add_input("t", values["t"])
    pre = doc.add_op("add", args=(doc.add_op("matmul", args=(n["W"], n["x"])), n["b"]))
    doc.set_output(doc.add_op(loss, args=(doc.add_op("tanh", args=(pre,)), t)))
    return doc


@pytest.mark.parametrize("loss,target", [("mse", "vector"), ("cross_entropy", "class"),
                                         ("cross_entropy", "probabilities")])
def test_hessian_vector_products_of_the_losses_match_torch(loss: str, target: str) -> None:
    """H·v through the backward graph = torch.autograd.functional.hvp, for a 2-layer
    network (a batch of 4 columns, 3 classes)."""
    import torch

    rng = np.random.default_rng(3)
    values = {"W": rng.normal(size=(4, 2)), "x": rng.normal(size=(2, 3)),
              "b": rng.normal(size=3)}
    if target == "vector":
        values["t"] = rng.normal(size=(4, 3))
    elif target == "class":
        values["t"] = np.array([0.0, 2.0, 1.0, 2.0])
    else:
        values["t"] = rng.dirichlet(np.ones(3), size=4)
    doc = _network(values, loss)
    names = list(doc.inputs())
    v = {k: rng.normal(size=np.shape(values[k])) for k in names}
    got = hessian_vector(doc, v)

    F = torch.nn.functional

    def f(*tensors: Any) -> Any:
        env = dict(zip(names, tensors))
        out = torch.tanh(env["W"] @ env["x"] + env["b"])
        if loss == "mse":
            return F.mse_loss(out, env["t"])
        t = env.get("t", torch.tensor(values["t"]))
        return F.cross_entropy(out, t.long() if target == "class" else t)

    inputs = tuple(torch.tensor(values[k], dtype=torch.float64) for k in names)
    _, hvp = torch.autograd.functional.hvp(
        f, inputs, tuple(torch.tensor(v[k], dtype=torch.float64) for k in names))
    for k, h in zip(names, hvp):
        np.testing.assert_allclose(got[k], h.numpy(), rtol=TOL, atol=TOL, err_msg=k)


def _everything() -> Document:
    """Every shape op and both losses in one graph (stack of three, a scatter with a step)."""
    doc = Document()
    x = doc.add_input("x", np.array([0.5, -1.0, 2.0]))
    y = doc.add_input("y", np.array([1.5, 0.25, -0.5]))
    s = doc.add_op("stack", args=(x, y), params={"axis": 0})
    s3 = doc.add_op("stack", args=(s, doc.add_op("index", args=(s,),
                                                   params={"index": (1,)})))
    flat = doc.add_op("reshape", args=(s3,), params={"shape": (3, -1)})
    c = doc.add_op("concat", args=(doc.add_op("transpose", args=(s3,)), flat),
                   params={"axis": 1})
    logits = doc.add_op("index", args=(c,), params={"index": ((None, None, None),
                                                              (0, None, 2))})
    ce = doc.add_op("cross_entropy", args=(logits, doc.add_const(np.array([0.0, 2.0, 1.0]))))
    doc.set_output(doc.add_op("add", args=(ce, doc.add_op("mse", args=(x, y)))))
    return doc


def _run(script: str, tmp_path: Any) -> str:
    path = tmp_path / "net.py"
    path.write_text(script, encoding="utf-8")
    return subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                          timeout=120, check=True).stdout


def test_generated_torch_script_runs_to_the_engines_numbers(tmp_path: Any) -> None:
    program = compile_graph(_everything())
    value, grads = program.gradient()
    script = codegen.torch_script(program)
    assert "torch.stack([x, y], dim=0)" in script and "torch.cat([" in script
    assert ".T" in script and "[1]" in script and ".long()" in script
    result = codegen.parse_result(_run(script, tmp_path))
    np.testing.assert_allclose(result["value"], value, rtol=TOL)
    for name in ("x", "y"):
        np.testing.assert_allclose(result["gradient"][name], grads[name], rtol=TOL, atol=TOL)


def test_seed_style_script_runs_to_the_engines_numbers(tmp_path: Any) -> None:
    program = compile_graph(_everything())
    value, grads = program.gradient()
    script = codegen.seed_script(program)
    assert "STACK['f'](x, y)" in script and "index=(1,)" in script
    out = _run(script, tmp_path)
    assert f"forward pass f(x) = {value:.6f}" in out
    printed = [float(v) for v in re.findall(r"-?\d+\.\d+", out.split("backward pass")[1])]
    np.testing.assert_allclose(printed, np.concatenate([grads["x"], grads["y"]]), atol=1e-6)
