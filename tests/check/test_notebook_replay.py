"""The notebook, replayed: the lessons' transcripts print what the seed notebook printed.

The golden lines below are the seed notebook's own printed output, copied from it
(only the memory address in ``<MulBackward0 object at 0x...>`` differs from run to
run).  The replay of the autograd cells (``check.notebook_replay``) and the tensor
demonstration script (``resources/lessons/tensors_demo.py``) must print them in the
notebook's order; what they add is an extra, labelled cell at the end.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from autodiff_gui.check import notebook_replay, torch_ref
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.expr import to_text
from autodiff_gui.course.lessons import TENSORS_DEMO_PATH, load_examples
from autodiff_gui.ui.course.transcript import render

ADDRESS = re.compile(r" object at 0x[0-9a-f]+>")

# The notebook: x = torch.tensor([1.0], requires_grad=True); f = (x**2 + 2*x) * torch.log(x)
NOTEBOOK_ONE_INPUT = [
    # print(x), print(f), print(x.grad), print(x.grad_fn), print(f.grad_fn)
    ["tensor([1.], requires_grad=True)", "tensor([0.], grad_fn=<MulBackward0>)", "None",
     "None", "<MulBackward0 object at 0x7fe0f7b8d750>"],
    ["True"],  # print(x.is_leaf)
    ["tensor([3.])"],  # backward(f, grad_tensors=torch.tensor([1.]), retain_graph=True)
    ["(tensor([3.]),)", "tensor([3.])"],  # df = autograd.grad(f, x, retain_graph=True)
]
# The notebook's two-input cell: x.grad, y.grad after backward, then autograd.grad.
NOTEBOOK_TWO_INPUTS = ["tensor([2.7726])", "tensor([1.5000])",
                       "(tensor([2.7726]), tensor([1.5000]))"]
# The tensor cells: print(x, x.dtype) and the four conversions, before and after
# x[0,0] =100, then torch.tensor(x, requires_grad=True).
NOTEBOOK_TENSORS = """\
[[0.5488135  0.71518937 0.60276338]
 [0.54488318 0.4236548  0.64589411]] float64
tensor([[0.5488, 0.7152, 0.6028],
        [0.5449, 0.4237, 0.6459]], dtype=torch.float64) torch.float64 False
tensor([[0.5488, 0.7152, 0.6028],
        [0.5449, 0.4237, 0.6459]], dtype=torch.float64) torch.float64 False
tensor([[0.5488, 0.7152, 0.6028],
        [0.5449, 0.4237, 0.6459]]) torch.float32 False
tensor([[0.5488, 0.7152, 0.6028],
        [0.5449, 0.4237, 0.6459]], dtype=torch.float64) torch.float64 False
[[100.           0.71518937   0.60276338]
 [  0.54488318   0.4236548    0.64589411]] float64
tensor([[0.5488, 0.7152, 0.6028],
        [0.5449, 0.4237, 0.6459]], dtype=torch.float64) torch.float64 False
tensor([[100.0000,   0.7152,   0.6028],
        [  0.5449,   0.4237,   0.6459]], dtype=torch.float64) torch.float64 False
tensor([[0.5488, 0.7152, 0.6028],
        [0.5449, 0.4237, 0.6459]]) torch.float32 False
tensor([[100.0000,   0.7152,   0.6028],
        [  0.5449,   0.4237,   0.6459]], dtype=torch.float64) torch.float64 False
tensor([[100.0000,   0.7152,   0.6028],
        [  0.5449,   0.4237,   0.6459]], dtype=torch.float64,
       requires_grad=True) torch.float64 True"""


@pytest.fixture(scope="module")
def torch_ok() -> None:
    ok, why = torch_ref.torch_status()
    if not ok:
        pytest.skip(why)


def replay(example: str, upstream=1.0) -> dict:
    doc = load_examples()[example].document()
    return notebook_replay.replay(compile_graph(doc), to_text(doc), upstream=upstream)


def outputs(result: dict) -> list[list[str]]:
    return [[ADDRESS.sub(">", line) for line in cell.output] for cell in result["cells"]]


def test_one_input_replay_prints_what_the_notebook_printed(torch_ok):
    r = replay("seed_x")
    cells = r["cells"]
    want = [[ADDRESS.sub(">", line) for line in cell] for cell in NOTEBOOK_ONE_INPUT]
    assert outputs(r)[:4] == want
    assert [c.extra for c in cells] == [False, False, False, False, True]
    # As written: shape (1,), float32, the notebook's calls.
    assert cells[0].code[:2] == ["x = torch.tensor([1.0], requires_grad=True)",
                                 "f = (x**2 + 2*x) * torch.log(x)"]
    assert cells[2].code[0] == ("torch.autograd.backward(f, grad_tensors=torch.tensor([1.]), "
                                "retain_graph=True)")
    assert cells[3].code[0] == "df = torch.autograd.grad(f, x, retain_graph=True)"
    # The extra cell: backward once more accumulates.
    assert cells[4].output == ["tensor([6.])"]
    assert r["grad"]["x"] == pytest.approx(3.0) and r["accumulated"]["x"] == pytest.approx(6.0)


def test_two_input_replay_prints_the_notebooks_gradients(torch_ok):
    r = replay("seed")
    out = outputs(r)
    assert out[2] == NOTEBOOK_TWO_INPUTS[:2]
    assert out[3][0] == NOTEBOOK_TWO_INPUTS[2]
    # With the notebook's upstream 2: x.grad = 2·∂f/∂x; twice: accumulated (PyTorch's numbers).
    r2 = replay("seed", upstream=2.0)
    assert outputs(r2)[2] == ["tensor([5.5452])", "tensor([3.])"]
    assert outputs(r2)[3][0] == "(tensor([2.7726]), tensor([1.5000]))"  # ∂f/∂x itself
    assert outputs(r2)[4] == ["tensor([11.0904])", "tensor([6.])"]


def test_vector_output_replay_is_v_transpose_j(torch_ok):
    r = replay("vjp", upstream=[1.0, 2.0])
    assert "grad_tensors=torch.tensor([1.0, 2.0])" in r["cells"][2].code[0]
    assert r["grad"]["x"].tolist() == [9.0, 12.0, 15.0]
    assert "grad_outputs=torch.tensor([1.0, 2.0])" in r["cells"][3].code[0]


def test_marked_text_renders_labelled_cells_without_markers(torch_ok):
    text = render(notebook_replay.marked_text(replay("seed_x")["cells"]))
    assert "##" not in text
    assert text.startswith("In [1]:\nx = torch.tensor([1.0], requires_grad=True)")
    assert "In [5]: (not in the notebook: backward once more" in text
    assert "Out:\n(tensor([3.]),)" in text


def test_tensor_demo_prints_what_the_notebook_printed(torch_ok):
    run = subprocess.run([sys.executable, str(TENSORS_DEMO_PATH)], capture_output=True,
                         text=True, timeout=120, check=True)
    lines = run.stdout.splitlines()
    # The printed output of the notebook's cells, markers and code left out.
    printed, keep = [], False
    for line in lines:
        if line.startswith("##"):
            keep = line == "##out"
            if line.startswith("##extra"):
                break
            continue
        if keep:
            printed.append(line)
    assert "\n".join(printed) == NOTEBOOK_TENSORS
    # The code shown is the notebook's, as written (its comments left out).
    assert "x[0,0] =100" in lines and "x_Tensor = torch.Tensor(x)" in lines
    # The extra cell: as_tensor with another dtype copies.
    assert lines[-1] == "tensor(-1., dtype=torch.float64) tensor(100.)"
    assert "##extra as_tensor_dtype" in lines
