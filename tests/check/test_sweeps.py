"""The plots' numbers without Qt or matplotlib (check/sweeps.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autodiff_gui.check import sweeps
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.expr import parse
from tests.core.helpers import seed_doc


def test_along_is_f_around_the_point_with_the_engine_slope():
    doc = seed_doc()
    program = compile_graph(doc)
    d = sweeps.along_data(program, doc.input_values(), 1.0, "x", samples=21)
    assert d.x0 == 1.0 and d.slope == pytest.approx(4 * math.log(2), rel=1e-15)
    assert d.xs[0] == pytest.approx(0.0) and d.xs[-1] == pytest.approx(2.0)  # x0 ± max(1, |x0|)
    assert np.allclose(d.fs, (d.xs ** 2 + 2 * d.xs) * math.log(2), rtol=1e-14)
    assert d.f0 == pytest.approx(3 * math.log(2))


def test_along_marks_points_outside_the_domain_nan():
    doc = seed_doc()
    program = compile_graph(doc)
    d = sweeps.along_data(program, doc.input_values(), 1.0, "y", samples=11)  # y in [0, 4]
    assert math.isnan(d.fs[0]) and np.isfinite(d.fs[1:]).all()  # log(0) is refused


def test_an_upstream_gradient_weighs_f_as_the_engine_does():
    doc = parse("x * y", {"x": np.array([1.0, 2.0]), "y": 3.0})
    program = compile_graph(doc)
    d = sweeps.along_data(program, doc.input_values(), np.array([2.0, 5.0]), "y", samples=3)
    assert d.slope == pytest.approx(2 * 1 + 5 * 2)  # ∂(2·x0·y + 5·x1·y)/∂y
    assert sweeps.weighted(np.array([1.0, 2.0]), np.array([2.0, 5.0])) == 12.0
    d = sweeps.along_data(program, doc.input_values(), 1.0, "x", flat=1, samples=3)
    assert d.x0 == 2.0 and d.slope == 3.0


def test_contour_grid_and_gradient():
    doc = seed_doc()
    program = compile_graph(doc)
    c = sweeps.contour_data(program, doc.input_values(), 1.0, ("x", 0), ("y", 0), grid=5)
    assert c.point == (1.0, 2.0) and c.fs.shape == (5, 5)
    assert c.gradient == pytest.approx((4 * math.log(2), 1.5))
    assert c.value == pytest.approx(3 * math.log(2))
    x, y = c.xs[3], c.ys[4]
    assert c.fs[4, 3] == pytest.approx((x * x + 2 * x) * math.log(y))
    assert math.isnan(c.fs[0, 0])  # y = 0: outside log's domain


def test_cancelled_stops_early():
    doc = seed_doc()
    program = compile_graph(doc)
    d = sweeps.along_data(program, doc.input_values(), 1.0, "x", samples=50,
                          cancelled=lambda: True)
    assert np.isnan(d.fs).all()


def test_error_sweep_is_the_finite_difference_one():
    program = compile_graph(seed_doc())
    s = sweeps.error_sweep(program, "x", hs=[1e-2, 1e-6])
    assert isinstance(s, sweeps.Sweep) and s.reference == pytest.approx(4 * math.log(2))
    # Forward: truncation error h·f''/2 / f' = h/2 on x² + 2x; central is exact on it.
    assert s.errors["forward"] == pytest.approx([0.5e-2 * 2 / 4, 0.5e-6 * 2 / 4], rel=1e-3)
    assert s.errors["central"][0] < 1e-12
