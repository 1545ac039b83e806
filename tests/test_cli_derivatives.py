"""--hessian, --symbolic and --save-backward: keys added to the --json contract."""

from __future__ import annotations

import json
import math

import pytest

from autodiff_gui.cli import EXIT_EVAL, EXIT_OK, main
from autodiff_gui.core import expr
from autodiff_gui.core.engine import compile_graph


def run_json(capsys, *argv):
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_hessian_of_scalar_inputs(capsys) -> None:
    code, obj = run_json(capsys, "--expr", "x*x*y + sin(y)", "--at", "x=1.5", "y=0.5",
                         "--json", "--hessian", "--no-torch")
    assert code == EXIT_OK
    h = obj["hessian"]
    assert h["x"]["x"] == pytest.approx(1.0) and h["y"]["y"] == pytest.approx(-math.sin(0.5))
    assert h["x"]["y"] == pytest.approx(3.0) == h["y"]["x"]
    assert "gradient" in obj and "value" in obj  # the old keys stay


def test_hessian_of_array_inputs_is_nested_lists(capsys) -> None:
    code, obj = run_json(capsys, "--expr", "sum(v*v*w)", "--at", "v=[1,2]", "w=[3,4]",
                         "--json", "--hessian", "--no-torch")
    assert code == EXIT_OK
    assert obj["hessian"]["v"]["v"] == [6.0, 8.0] and obj["hessian"]["w"]["v"] == [2.0, 4.0]


def test_second_derivative_domain_error_keeps_the_contract(capsys) -> None:
    code, obj = run_json(capsys, "--expr", "x**1.5 * y", "--at", "x=0", "y=1", "--json",
                         "--hessian", "--no-torch")
    assert code == EXIT_EVAL and obj["error"]["kind"] == "domain"


def test_symbolic_texts_parse_and_evaluate_to_the_gradient(capsys) -> None:
    values = {"x": 0.7, "y": 1.3}
    code, obj = run_json(capsys, "--expr", "sin(x)*x*y + exp(y)/x", "--at", "x=0.7",
                         "y=1.3", "--json", "--symbolic", "--no-torch")
    assert code == EXIT_OK
    sym = obj["symbolic"]
    assert set(sym["sizes"]) == {"expression", "symbolic", "simplified", "backward_graph",
                                 "tape"}
    assert sym["sizes"]["expression"] == 6 and sym["sizes"]["tape"] == 6
    for name in ("x", "y"):
        for text in (sym["gradient"][name], sym["simplified"][name]):
            value = compile_graph(expr.parse(text, values)).evaluate()
            assert value == pytest.approx(obj["gradient"][name], rel=1e-12)
            # and through the command line itself
            code, again = run_json(capsys, "--expr", text, "--at", "x=0.7", "y=1.3",
                                   "--json", "--no-torch")
            assert again["value"] == pytest.approx(obj["gradient"][name], rel=1e-12)


def test_save_backward_loads_to_the_first_inputs_derivative(capsys, tmp_path) -> None:
    path = tmp_path / "bw.adgraph.json"
    code = main(["--expr", "y*x*sin(y)", "--at", "x=2", "y=0.3", "--save-backward", str(path)])
    assert code == EXIT_OK and path.exists()
    code, obj = run_json(capsys, "--load", str(path), "--json", "--no-torch")
    assert code == EXIT_OK
    assert list(obj["inputs"]) == ["y", "x", "upstream"]
    # y comes first in the original's inputs: the value is ∂f/∂y
    assert obj["value"] == pytest.approx(2 * math.sin(0.3) + 2 * 0.3 * math.cos(0.3))
    # and it can be differentiated again: its gradient holds ∂²f/∂y∂x = ∂f/∂y / x
    assert obj["gradient"]["x"] == pytest.approx(math.sin(0.3) + 0.3 * math.cos(0.3))
