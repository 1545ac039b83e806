"""The one comparison (check/compare.py): errors, per-row and overall verdicts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autodiff_gui.check import compare as cmp
from autodiff_gui.check import torch_ref
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.expr import parse
from tests.core.helpers import seed_doc

GX, GY = 4 * math.log(2), 1.5


def row(engine: float, **refs: float | None) -> cmp.InputRow:
    base = dict(forward_mode=None, forward_diff=None, central=None, complex_step=None,
                torch=None)
    base.update(refs)
    return cmp.InputRow(name="x", index=(), value=1.0, engine=engine, complex_reason=None,
                        torch_reason=None, verdict="pass", fd_verdict="pass", **base)


def test_relative_error_is_symmetric_and_zero_for_two_zeros():
    assert cmp.relative_error(1.0, 0.0) == 1.0  # |e − r| / |r| would divide by 0
    assert cmp.relative_error(0.0, 1.0) == 1.0
    assert cmp.relative_error(0.0, 0.0) == 0.0
    assert cmp.relative_error(2.0, 1.0) == cmp.relative_error(1.0, 2.0) == 0.5


def test_row_errors_take_the_worst_reference():
    r = row(1.0, forward_mode=1.0, central=1.001, complex_step=1.0, torch=0.998)
    max_abs, max_rel = cmp.row_errors(r)
    assert max_abs == pytest.approx(0.002)
    assert max_rel == pytest.approx(0.002 / 1.0)  # max(|e|, |r|) = 1
    assert cmp.row_errors(row(1.0)) == (None, None)  # nothing to compare with


def test_forward_mode_or_torch_disagreeing_fails_a_passing_row():
    assert cmp.row_verdict(row(1.0, forward_mode=1.0, torch=1.0), 1e-5, 1e-3) == "pass"
    assert cmp.row_verdict(row(1.0, forward_mode=1.1), 1e-5, 1e-3) == "fail"
    assert cmp.row_verdict(row(1.0, torch=0.5), 1e-5, 1e-3) == "fail"
    kink = row(0.0, torch=0.0)
    kink.fd_verdict = "kink"
    assert cmp.row_verdict(kink, 1e-5, 1e-3) == "kink"
    unavailable = row(1.0, torch=1.0)
    unavailable.fd_verdict = "unavailable"
    assert cmp.row_verdict(unavailable, 1e-5, 1e-3) == "unavailable"


def test_overall_verdict():
    p, f, k, u = (row(1.0) for _ in range(4))
    f.verdict, k.verdict, u.verdict = "fail", "kink", "unavailable"
    assert cmp.overall_verdict([p, k], False) == "pass"
    assert cmp.overall_verdict([p, u], False) == "unavailable"
    assert cmp.overall_verdict([u, f], False) == "fail"
    assert cmp.overall_verdict([], False) == "unavailable"
    assert cmp.overall_verdict([p], True) == "cancelled"


def test_seed_passes_with_every_reference_but_torch():
    result = cmp.compare(compile_graph(seed_doc()), use_torch=False)
    assert [r.label for r in result.rows] == ["x", "y"]
    x, y = result.rows
    assert x.engine == pytest.approx(GX, rel=1e-15) and y.engine == pytest.approx(GY)
    assert x.forward_mode == pytest.approx(GX, rel=1e-15)
    assert x.central == pytest.approx(GX, rel=1e-9)
    assert x.complex_step == pytest.approx(GX, rel=1e-15)
    assert x.max_rel is not None and x.max_rel < 1e-9
    assert result.verdict == "pass" and result.passed and result.torch_state == "unavailable"
    assert len(result.nodes) == 9 and result.check is not None
    data = cmp.to_json(result)
    assert data["verdict"] == "pass" and data["passed"] is True
    assert data["relative_error"] == "|e - r| / max(|e|, |r|)"
    assert data["rows"][0]["input"] == "x" and data["rows"][0]["torch"] is None


def test_upstream_weights_forward_mode_like_the_engine():
    doc = parse("x * y", {"x": np.array([1.0, 2.0]), "y": 3.0})
    result = cmp.compare(compile_graph(doc), upstream=np.array([2.0, 5.0]), use_torch=False)
    by = {r.label: r for r in result.rows}
    assert by["x[0]"].engine == pytest.approx(6.0) and by["x[1]"].engine == pytest.approx(15)
    assert by["y"].engine == pytest.approx(12.0) and by["y"].forward_mode == pytest.approx(12)
    assert result.passed


def test_a_kink_passes_as_a_kink():
    doc = parse("relu(x)", {"x": 0.0})
    result = cmp.compare(compile_graph(doc), use_torch=False)
    (r,) = result.rows
    assert r.verdict == "kink" and r.fd_verdict == "kink" and "relu'(0) = 0" in r.note
    assert r.complex_step is None and "not analytic" in r.complex_reason
    assert result.verdict == "pass" and result.passed


def test_a_wrong_reference_fails(monkeypatch):
    """A PyTorch that disagrees (deliberately) fails the row and the whole comparison."""
    monkeypatch.setattr(torch_ref, "compare", lambda program, values=None, upstream=1.0:
                        torch_ref.TorchResult(available=True, version="test",
                                              gradient={"x": GX + 0.01, "y": GY}))
    reports: list[tuple[int, int, str]] = []
    partial: list[cmp.Comparison] = []

    def report(done: int, total: int, stage: str) -> bool:
        reports.append((done, total, stage))
        return True

    result = cmp.compare(compile_graph(seed_doc()), report=report, partial=partial.append)
    x, y = result.rows
    assert x.fd_verdict == "pass" and x.verdict == "fail" and y.verdict == "pass"
    assert x.max_abs == pytest.approx(0.01, rel=1e-6)
    assert result.verdict == "fail" and not result.passed and result.torch_state == "done"
    assert partial and partial[0].torch_state == "pending" and partial[0].passed
    assert reports[0][2] == "finite differences" and reports[-1] == (5, 5, "done")


def test_cancel_from_the_report():
    result = cmp.compare(compile_graph(seed_doc()), use_torch=False,
                         report=lambda done, total, stage: stage == "finite differences")
    assert result.cancelled and result.verdict == "cancelled" and not result.passed


def test_forward_mode_lanes_are_the_per_element_passes_bit_for_bit():
    doc = parse("x*y + sin(x)*exp(y) - tanh(z)/y + sigmoid(x*z)**2",
                {"x": 0.3, "y": -1.7, "z": 2.5})
    program = compile_graph(doc)
    elements = [("x", ()), ("y", ()), ("z", ())]
    for u in (1.0, 2.5):
        lanes = cmp._tangent_lanes(program, None, u, elements)
        assert lanes is not None  # scalars and elementwise ops: one vector pass
        singles = [cmp.forward_mode_weighted(program, None, u, n, i) for n, i in elements]
        assert lanes == singles  # exactly, not approximately
    # Arrays (and reductions) take one pass per element.
    arrays = compile_graph(parse("sum(x * y)", {"x": np.array([1.0, 2.0]), "y": 3.0}))
    assert cmp._tangent_lanes(arrays, None, 1.0, [("x", (0,)), ("x", (1,)), ("y", ())]) is None
    assert cmp.forward_mode_all(arrays, None, 1.0, [("x", (1,)), ("y", ())]) == [3.0, 3.0]


def test_a_lane_that_fails_is_redone_alone():
    # y·sqrt(x) is 1e150, but its derivative in x, y/(2·sqrt(x)) = 5e449, overflows.
    program = compile_graph(parse("y * sqrt(x)", {"x": 1e-300, "y": 1e300}))
    lanes = cmp._tangent_lanes(program, None, 1.0, [("x", ()), ("y", ())])
    assert lanes is not None and lanes[0] is None  # the vector pass gives it up
    y_alone = cmp.forward_mode_weighted(program, None, 1.0, "y", ())
    assert y_alone == pytest.approx(1e-150)
    assert cmp.forward_mode_all(program, None, 1.0, [("x", ()), ("y", ())]) == [None, y_alone]
    # sqrt'(0) is infinite: no number for x, said by None; y needs no sqrt.
    program = compile_graph(parse("sqrt(x) + x*y", {"x": 0.0, "y": 2.0}))
    assert cmp.forward_mode_all(program, None, 1.0, [("x", ()), ("y", ())]) == [None, 0.0]
