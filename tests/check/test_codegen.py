"""Generated scripts: run them (in subprocesses) and compare their numbers with the engine."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from autodiff_gui.check import codegen
from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.graph import Document
from tests.check.test_torch_ref import random_doc, seed_doc

RTOL = 1e-12

# Runs scripts as `python script.py` would (fresh globals, __main__), several in one
# process so torch is imported once; prints each one's stdout and float/array globals.
RUNNER = """\
import contextlib, io, json, runpy, sys
import numpy as np
out = []
for path in sys.argv[1:]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        g = runpy.run_path(path, run_name="__main__")
    names = {k: np.asarray(v, dtype=float).tolist() for k, v in g.items()
             if isinstance(v, (int, float, np.integer, np.floating, np.ndarray))
             and not isinstance(v, bool) and not k.startswith("_")}  # -1 is a gradient too
    out.append({"stdout": buf.getvalue(), "vars": names})
print(json.dumps(out))
"""


def fanout_doc() -> Document:
    """x*x + x at x = 3: x used three times."""
    doc = Document()
    x = doc.add_input("x", 3.0)
    m = doc.add_op("mul")
    doc.connect(x, m, 0)
    doc.connect(x, m, 1)
    s = doc.add_op("add")
    doc.connect(m, s, 0)
    doc.connect(x, s, 1)
    return doc


def array_doc() -> Document:
    """sigmoid(W * v + b): (2,3) times (3,) plus a scalar, an array output."""
    doc = Document()
    w = doc.add_input("W", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    v = doc.add_input("v", [0.1, -0.2, 0.3])
    b = doc.add_input("b", 0.5)
    m = doc.add_op("mul")
    doc.connect(w, m, 0)
    doc.connect(v, m, 1)
    a = doc.add_op("add")
    doc.connect(m, a, 0)
    doc.connect(b, a, 1)
    s = doc.add_op("sigmoid")
    doc.connect(a, s, 0)
    return doc


AWKWARD = ["torch", "np", "times", "print", "dx", "x", "cache_a", "json", "fmt"]


def awkward_doc() -> Document:
    """Input names that are keywords or clash with the scripts' own names."""
    doc = Document()
    ids = [doc.add_input(n, 0.5 + 0.25 * k) for k, n in enumerate(AWKWARD)]
    prev = ids[0]
    for node in ids[1:]:
        m = doc.add_op("mul")
        doc.connect(prev, m, 0)
        doc.connect(node, m, 1)
        prev = m
    t = doc.add_op("tanh")
    doc.connect(prev, t, 0)
    return doc


def every_element_doc() -> Document:
    """softmax and log_softmax over every element (axis None): PyTorch's dim is one axis."""
    from autodiff_gui.core.expr import parse

    w = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]])
    return parse("sum(softmax(W, None) * W) + sum(log_softmax(W, None)) + softmax(x, None)",
                 {"W": w, "x": 0.75})


NAMED = {"seed": (seed_doc, 2.0), "fanout": (fanout_doc, 2.0), "array": (array_doc, 2.0),
         "awkward": (awkward_doc, 2.0), "every_element": (every_element_doc, 2.0)}


def random_cases(count: int = 40) -> list[tuple[Document, float]]:
    """Random graphs the engine can evaluate, scalar and array, mixed upstreams."""
    rng = np.random.default_rng(11)
    cases = []
    while len(cases) < count:
        doc = random_doc(rng, arrays=len(cases) % 2 == 1)
        upstream = 2.0 if len(cases) % 3 else 1.0
        try:
            compile_graph(doc).gradient(None, upstream)
        except EvalError:
            continue
        cases.append((doc, upstream))
    return cases


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every generated script, run at once: two standalone runs and two batches."""
    tmp = tmp_path_factory.mktemp("codegen")

    def write(name: str, text: str) -> Path:
        path = tmp / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        return path

    runner = write("runner", RUNNER)
    cases = {name: (make(), up) for name, (make, up) in NAMED.items()}
    cases.update({f"random{i}": case for i, case in enumerate(random_cases())})
    seed_paths = [write(f"seed_{n}", codegen.seed_script(d, upstream=u))
                  for n, (d, u) in cases.items()]
    torch_paths = [write(f"torch_{n}", codegen.torch_script(d, upstream=u))
                   for n, (d, u) in cases.items()]
    golden = write("golden", codegen.seed_script(seed_doc()))
    jobs = {
        "golden": [sys.executable, str(golden)],
        "torch_seed": [sys.executable, str(torch_paths[0])],
        "seed_batch": [sys.executable, str(runner)] + [str(p) for p in seed_paths],
        "torch_batch": [sys.executable, str(runner)] + [str(p) for p in torch_paths],
    }
    procs = {k: subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, cwd=tmp) for k, cmd in jobs.items()}
    out = {}
    for k, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{k}: {stderr}"
        out[k] = stdout
    names = list(cases)
    return {
        "cases": cases,
        "golden": out["golden"],
        "torch_seed": out["torch_seed"],
        "seed": dict(zip(names, json.loads(out["seed_batch"]))),
        "torch": dict(zip(names, json.loads(out["torch_batch"]))),
    }


def assert_close(a, b, scale: float = 1.0) -> None:
    assert np.shape(a) == np.shape(b), (a, b)
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=RTOL,
                               atol=RTOL * scale)


def numbers(text: str) -> list[float]:
    return [float(t) for t in re.findall(r"-?\d+\.\d+", text)]


# -- the seed, side by side with the notebook -------------------------------------------

NOTEBOOK_DEFINITIONS = [
    "def times(x,y):\n    return x*y, (x,y)\n\n"
    "def times_deriv(cache, dout=1):\n    return cache[1]*dout, cache[0]*dout\n\n"
    "TIMES = {'f': times, 'df': times_deriv}",
    "def add(x, y):\n    return x+y, (x,y)\n\n"
    "def add_deriv(cache, dout=1):\n    return dout, dout\n\n"
    "ADD = {'f': add, 'df': add_deriv}",
    "def log(x):\n    return np.log(x), x\n\n"
    "def log_deriv(cache, dout=1):\n    return (1/cache)*dout\n\n"
    "LOG = {'f': log, 'df': log_deriv}",
]

SEED_PASSES = """\
x = 1.; y = 2.

a, cache_a = POW['f'](x, 2)
b, cache_b = TIMES['f'](2, x)
c, cache_c = ADD['f'](a, b)
d, cache_d = LOG['f'](y)
z, cache_z = TIMES['f'](c, d)

print("forward pass f(x) = {:.6f}".format(z))

dx = dy = 0.
dc, dd = TIMES['df'](cache_z, 1)
dy = LOG['df'](cache_d, dd)
da, db = ADD['df'](cache_c, dc)
_, dx_ = TIMES['df'](cache_b, db); dx += dx_
dx_ = POW['df'](cache_a, da); dx += dx_

print('backward pass dx = {:.6f}, dy = {:.6f}'.format(dx, dy))
"""


def test_seed_style_script_reads_like_the_notebook():
    text = codegen.seed_script(seed_doc())
    for block in NOTEBOOK_DEFINITIONS:
        assert block in text
    assert "POW = {'f': power, 'df': power_deriv}" in text
    assert text.endswith(SEED_PASSES)
    # The notebook's order: TIMES, ADD, LOG, then what else is used.
    assert text.index("TIMES =") < text.index("ADD =") < text.index("LOG =") < \
        text.index("POW =")
    assert "unbroadcast" not in text and "fmt" not in text  # scalars need neither


def test_seed_style_script_prints_the_notebooks_output(runs):
    assert runs["golden"] == ("forward pass f(x) = 2.079442\n"
                              "backward pass dx = 2.772589, dy = 1.500000\n")
    # upstream 2 doubles both gradients
    assert runs["seed"]["seed"]["stdout"] == ("forward pass f(x) = 2.079442\n"
                                              "backward pass dx = 5.545177, dy = 3.000000\n")


def test_torch_script_for_the_seed(runs):
    text = codegen.torch_script(seed_doc(), upstream=2.0)
    for line in ["x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)",
                 "y = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)",
                 "a = x ** 2", "b = 2 * x", "c = a + b", "d = torch.log(y)", "z = c * d",
                 "torch.autograd.backward(z, grad_tensors=torch.tensor(2.0, "
                 "dtype=torch.float64))"]:
        assert f"\n{line}\n" in text
    out = runs["torch_seed"]
    assert out.splitlines()[:3] == ["f = 2.079442", "x.grad = 5.545177", "y.grad = 3.000000"]
    result = codegen.parse_result(out)
    value, grad = compile_graph(seed_doc()).gradient(None, 2.0)
    assert result["value"] == pytest.approx(value, rel=RTOL)
    assert result["gradient"] == pytest.approx(grad, rel=RTOL)
    assert 'print(f"df/dx = {x.grad.item():.6f}")' in codegen.torch_script(seed_doc())


def test_fan_out_accumulates_like_the_notebook(runs):
    text = codegen.seed_script(fanout_doc(), upstream=2.0)
    assert "da, dx_ = ADD['df'](cache_z, 2); dx += dx_\n" in text
    assert "dx_, dx__ = TIMES['df'](cache_a, da); dx += dx_ + dx__\n" in text
    assert runs["seed"]["fanout"]["stdout"].splitlines()[1] == "backward pass dx = 14.000000"
    assert codegen.parse_result(runs["torch"]["fanout"]["stdout"]) == {
        "value": 12.0, "gradient": {"x": 14.0}}


def test_array_example_with_broadcasting(runs):
    doc, upstream = runs["cases"]["array"]
    value, grad = compile_graph(doc).gradient(None, upstream)
    text = codegen.seed_script(doc, upstream=upstream)
    assert "db = unbroadcast(db_, np.shape(b))" in text
    assert "dv = unbroadcast(dv_, np.shape(v))" in text
    assert "dz = np.full(np.shape(z), 2.)" in text
    seed = runs["seed"]["array"]
    assert_close(seed["vars"]["z"], value)
    for name in ("W", "v", "b"):
        assert_close(seed["vars"][f"d{name}"], grad[name])
    # the printed six decimals, in order: f, then dW, dv, db
    printed = numbers(seed["stdout"])
    expected = np.concatenate([np.ravel(value)] + [np.ravel(grad[n]) for n in ("W", "v", "b")])
    np.testing.assert_allclose(printed, np.round(expected, 6), atol=1e-12)
    result = codegen.parse_result(runs["torch"]["array"]["stdout"])
    assert_close(result["value"], value)
    for name, g in grad.items():
        assert_close(result["gradient"][name], g)
    assert "torch.full_like(z, 2.0)" in codegen.torch_script(doc, upstream=upstream)


def test_softmax_over_every_element_runs_in_pytorch(runs):
    """axis None: the generated script flattens, as the comparison does (a hypothesis run
    of the program references found torch.softmax(x) refusing a missing dim)."""
    doc, upstream = runs["cases"]["every_element"]
    value, grad = compile_graph(doc).gradient(None, upstream)
    result = codegen.parse_result(runs["torch"]["every_element"]["stdout"])
    assert_close(result["value"], value)
    for name, g in grad.items():
        assert_close(result["gradient"][name], g)
    assert "torch.softmax(W.reshape(-1), 0).reshape(W.shape)" in codegen.torch_script(doc)
    from autodiff_gui.check import torch_ref

    reference = torch_ref.compare(compile_graph(doc))  # upstream 1
    assert reference.error is None
    for name, g in compile_graph(doc).gradient()[1].items():
        assert_close(reference.gradient[name], g)


def test_awkward_input_names_are_renamed_in_code_only(runs):
    doc, upstream = runs["cases"]["awkward"]
    value, grad = compile_graph(doc).gradient(None, upstream)
    torch_text = codegen.torch_script(doc, upstream=upstream)
    assert "print_ = torch.tensor(" in torch_text and "torch_ = torch.tensor(" in torch_text
    assert 'print(f"torch.grad = {torch_.grad.item():.6f}")' in torch_text
    result = codegen.parse_result(runs["torch"]["awkward"]["stdout"])
    assert set(result["gradient"]) == set(AWKWARD)
    for name, g in grad.items():
        assert_close(result["gradient"][name], g)
    seed_text = codegen.seed_script(doc, upstream=upstream)
    assert "np_ = 0.75" in seed_text and "print_ = " in seed_text
    printed = numbers(runs["seed"]["awkward"]["stdout"])
    assert printed == pytest.approx([round(value, 6)] + [round(grad[n], 6) for n in AWKWARD],
                                    abs=1e-12)
    assert "dprint = " in runs["seed"]["awkward"]["stdout"]


def test_random_graphs_through_both_scripts(runs):
    checked = 0
    for name, (doc, upstream) in runs["cases"].items():
        if not name.startswith("random"):
            continue
        program = compile_graph(doc)
        value, grad = program.gradient(None, upstream)
        scale = 1.0 + max([float(np.max(np.abs(value)))] +
                          [float(np.max(np.abs(g))) for g in grad.values()])
        result = codegen.parse_result(runs["torch"][name]["stdout"])
        assert_close(result["value"], value, scale)
        for k, g in grad.items():
            assert_close(result["gradient"][k], g, scale)
        variables = runs["seed"][name]["vars"]
        assert_close(variables[program.labels[program.out]], value, scale)
        for k, g in grad.items():
            assert_close(variables[f"d{k}"], g, scale)
        checked += 1
    assert checked == 40


# -- safety and refusals -------------------------------------------------------------------

def test_only_validated_names_reach_the_code():
    doc = seed_doc()
    doc.node(1)["name"] = "x = __import__('os')"  # bypassing the Document API
    with pytest.raises(ValueError, match="not a valid input name"):
        codegen.torch_script(doc)
    with pytest.raises(ValueError, match="not a valid input name"):
        codegen.seed_script(doc)


def test_constants_are_exact_float_literals():
    doc = Document()
    x = doc.add_input("x", 0.1)
    c = doc.add_const(1 / 3)
    m = doc.add_op("mul")
    doc.connect(x, m, 0)
    doc.connect(c, m, 1)
    text = codegen.torch_script(doc)
    assert "x = torch.tensor(0.1, " in text and "z = x * 0.3333333333333333\n" in text
    assert "z, cache_z = TIMES['f'](x, 0.3333333333333333)" in codegen.seed_script(doc)
    text = codegen.torch_script(doc, values={"x": -2.0})
    assert "x = torch.tensor(-2.0, " in text


def test_bad_upstream_and_parse_errors():
    with pytest.raises(ValueError, match="upstream"):
        codegen.torch_script(array_doc(), upstream=np.ones(3))
    with pytest.raises(ValueError, match="upstream"):
        codegen.seed_script(seed_doc(), upstream="two")
    with pytest.raises(ValueError, match="RESULT"):
        codegen.parse_result("f = 1.0\n")
