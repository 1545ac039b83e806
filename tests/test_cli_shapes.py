"""The shape blocks and the losses on the command line: a 2-layer network end to end
(``--expr``/``--json``, with and without ``--hessian``), files, code and refusals."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from autodiff_gui.cli import main

NET = "mse(tanh(W @ x + b), t)"
VALUES = ["W=[[0.5, -0.3, 0.8], [0.1, 0.9, -0.4]]", "x=[1, 0.5, -1.5]", "b=[0, 0.2]",
          "t=[0.5, -0.5]"]


def run(capsys: Any, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _by_hand() -> tuple[float, dict[str, np.ndarray]]:
    W = np.array([[0.5, -0.3, 0.8], [0.1, 0.9, -0.4]])
    x, b, t = np.array([1, 0.5, -1.5]), np.array([0, 0.2]), np.array([0.5, -0.5])
    h = np.tanh(W @ x + b)
    dh = 2 * (h - t) / 2
    dpre = dh * (1 - h * h)
    return float(np.mean((h - t) ** 2)), {"W": np.outer(dpre, x), "x": W.T @ dpre, "b": dpre,
                                          "t": -dh}


def test_a_two_layer_network_end_to_end(capsys: Any) -> None:
    code, out = run(capsys, "--expr", NET, "--at", *VALUES)
    assert code == 0
    value, grads = _by_hand()
    assert out["expression"] == "mse(tanh(W@x + b), t)"  # PEP 8: tight inside a sum
    assert out["value"] == pytest.approx(value, rel=1e-14)
    for name, g in grads.items():
        assert np.allclose(out["gradient"][name], g, rtol=1e-13, atol=1e-15), name
        assert np.allclose(out["forward_mode"][name], g, rtol=1e-12, atol=1e-15), name
    assert out["comparison"]["verdict"] == "pass"
    assert out["finite_difference"]["passed"] is True
    if out["torch"]["available"]:
        assert out["torch"]["grad_fn"]["z"] == "MseLossBackward0"
        for name, g in grads.items():
            assert np.allclose(out["torch"]["gradient"][name], g, rtol=1e-12, atol=1e-15)
    assert "hessian" not in out


def test_the_network_with_hessian(capsys: Any) -> None:
    code, out = run(capsys, "--expr", NET, "--at", *VALUES, "--hessian", "--no-torch")
    assert code == 0
    hessian = out["hessian"]
    # ∂²f/∂t² summed over t: mse's second derivative in t is 2/n on the diagonal
    assert np.allclose(hessian["t"]["t"], [1.0, 1.0], rtol=1e-14)
    assert set(hessian) == {"W", "x", "b", "t"}


@pytest.mark.parametrize("expr,at", [
    ("sum(stack(x, y, x, 1) ** 2)", ["x=[1, 2]", "y=[3, 4]"]),
    ("cross_entropy(reshape(W, (2, 2)).T @ x[0:2], 1)", ["W=[1, 2, 3, 4]", "x=[0.5, 0.1, 3]"]),
    ("mse(concat(x, W[1:], 0), 0.5)", ["W=[1, 2, 3, 4]", "x=[0.5, 0.1, 3]"]),
])
def test_every_new_block_through_the_whole_check(capsys: Any, expr: str, at: list[str]) -> None:
    code, out = run(capsys, "--expr", expr, "--at", *at)
    assert code == 0, out
    assert out["comparison"]["verdict"] == "pass"


def test_files_keep_the_parameters(capsys: Any, tmp_path: Any) -> None:
    path = tmp_path / "net.adgraph.json"
    assert main(["--expr", "cross_entropy(W[:, 0:2] @ x, 2)", "--at", "W=[[1, 2, 3], [4, 5, 6],"
                 " [0, 1, 0]]", "x=[0.5, -1]", "--save", str(path), "--no-torch", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    code, again = run(capsys, "--load", str(path), "--no-torch")
    assert code == 0 and again["expression"] == first["expression"]
    assert again["gradient"] == first["gradient"]


@pytest.mark.parametrize("expr,at,kind", [
    ("x[3]", ["x=[1, 2, 3]"], "shape"),
    ("reshape(x, (2, 2))", ["x=[1, 2, 3]"], "shape"),
    ("cross_entropy(x, 3)", ["x=[1, 2, 3]"], "domain"),
    ("cross_entropy(x, t)", ["x=[1, 2, 3]", "t=1"], "shape"),
    ("stack(x)", ["x=[1, 2, 3]"], "parse"),
])
def test_refusals_exit_with_a_kind(capsys: Any, expr: str, at: list[str], kind: str) -> None:
    code, out = run(capsys, "--expr", expr, "--at", *at, "--no-torch")
    assert out["error"]["kind"] == kind
    assert code == (2 if kind == "parse" else 3)


def test_emitted_code_names_the_new_calls(capsys: Any) -> None:
    assert main(["--expr", "cross_entropy(stack(x, y, x) @ x, 0) + mse(x.T, y)", "--at",
                 "x=[1, 2, 3]", "y=[0, 1, 0]", "--emit", "torch"]) == 0
    text = capsys.readouterr().out
    assert "torch.stack([x, y], dim=0)" in text and "unsqueeze(0)" in text
    assert "torch.nn.functional.cross_entropy(" in text and ".long()" in text
    assert "torch.nn.functional.mse_loss(" in text


def test_a_class_index_fed_by_an_input_has_no_backward_graph(capsys: Any, tmp_path: Any) -> None:
    path = tmp_path / "bw.json"
    code = main(["--expr", "cross_entropy(x, t)", "--at", "x=[1, 2, 3]", "t=1",
                 "--save-backward", str(path), "--json", "--no-torch"])
    out = json.loads(capsys.readouterr().out)
    assert code == 3 and "class index has no derivative" in out["error"]["message"]
    assert not path.exists()
