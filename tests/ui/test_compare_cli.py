"""``--json`` and the Compare panel give the same errors and verdicts on the same graph.

Both go through ``check/compare.py``; these tests hold them to it on a passing graph
(the seed, with PyTorch), a kink (``relu(x)`` at 0) and a failing one (a PyTorch
reference made deliberately wrong, seen by both).
"""

from __future__ import annotations

import json

import pytest

from autodiff_gui.check import torch_ref
from autodiff_gui.cli import main
from autodiff_gui.core.expr import parse
from autodiff_gui.ui.checks.comparison import ComparisonPanel
from autodiff_gui.ui.run.stepping import StepController

SEED = "(x**2 + 2*x) * log(y)"
NUMBERS = ("engine", "forward_mode", "central", "complex_step", "torch")


def cli_json(capsys, expr: str, at: list[str], torch: bool) -> dict:
    code = main(["--expr", expr, "--at", *at, "--json"] + ([] if torch else ["--no-torch"]))
    assert code == 0
    return json.loads(capsys.readouterr().out)


def panel_result(qtbot, expr: str, values: dict, torch: bool):
    panel = ComparisonPanel(StepController(parse(expr, values)))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=120000) as blocker:
        assert panel.start(use_torch=torch)
    panel.shutdown()
    assert blocker.args[0] is not None
    return panel, blocker.args[0]


def assert_same(obj: dict, result) -> None:
    comparison = obj["comparison"]
    assert [r["input"] for r in comparison["rows"]] == [r.label for r in result.rows]
    for got, want in zip(comparison["rows"], result.rows):
        for key in NUMBERS:
            assert got[key] == getattr(want, key), (got["input"], key)
        assert got["forward_difference"] == want.forward_diff
        assert got["max_abs_error"] == want.max_abs
        assert got["max_rel_error"] == want.max_rel
        assert got["verdict"] == want.verdict
    assert comparison["verdict"] == result.verdict
    assert comparison["passed"] is result.passed
    # The finite-difference object keeps its own (gradcheck) verdicts.
    fd = obj["finite_difference"]["verdict"]
    for r in result.rows:
        assert (fd[r.name] if not r.index else fd[r.name][r.index[0]]) == r.fd_verdict


def test_seed_with_pytorch(capsys, qtbot):
    obj = cli_json(capsys, SEED, ["x=1", "y=2"], torch=True)
    panel, result = panel_result(qtbot, SEED, {"x": 1.0, "y": 2.0}, torch=True)
    assert result.torch_state == "done" and obj["torch"]["available"]
    assert_same(obj, result)
    assert result.passed and panel.badge.text() == "pass"


def test_kink(capsys, qtbot):
    obj = cli_json(capsys, "relu(x)", ["x=0"], torch=False)
    panel, result = panel_result(qtbot, "relu(x)", {"x": 0.0}, torch=False)
    assert_same(obj, result)
    assert result.rows[0].verdict == "kink" and result.verdict == "pass"


def test_array_input_and_upstream(capsys, qtbot):
    obj = cli_json(capsys, "sum(x * y)", ["x=[1, 2, 3]", "y=0.5"], torch=False)
    panel, result = panel_result(qtbot, "sum(x * y)", {"x": [1.0, 2.0, 3.0], "y": 0.5},
                                 torch=False)
    assert [r.label for r in result.rows] == ["x[0]", "x[1]", "x[2]", "y"]
    assert_same(obj, result)


def test_a_wrong_reference_fails_in_both(capsys, qtbot, monkeypatch):
    def wrong(program, values=None, upstream=1.0):
        return torch_ref.TorchResult(available=True, version="deliberately wrong",
                                     value=0.0, gradient={"x": 3.0, "y": 1.5})

    monkeypatch.setattr(torch_ref, "compare", wrong)
    obj = cli_json(capsys, SEED, ["x=1", "y=2"], torch=True)
    panel, result = panel_result(qtbot, SEED, {"x": 1.0, "y": 2.0}, torch=True)
    assert_same(obj, result)
    x = result.rows[0]
    assert x.fd_verdict == "pass" and x.verdict == "fail"
    assert x.max_abs == pytest.approx(3.0 - 4 * 0.6931471805599453)
    assert obj["comparison"]["verdict"] == "fail" and not obj["comparison"]["passed"]
    assert obj["finite_difference"]["passed"] is True  # gradcheck alone is satisfied
    assert panel.badge.text() == "FAIL"
