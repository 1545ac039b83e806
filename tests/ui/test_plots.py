"""Plots: the tangent's slope is the engine's gradient, the finite-difference V, contours."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autodiff_gui.ui.checks.plot_controls import CONTOUR, FUNCTION, SWEEP
from autodiff_gui.ui.checks.plots import PlotsPanel
from autodiff_gui.ui.run.stepping import StepController
from tests.ui.test_comparison import GX, GY, seed_document


@pytest.fixture
def plots(qtbot):
    controller = StepController(seed_document())
    panel = PlotsPanel(controller)
    qtbot.addWidget(panel)
    assert panel.canvas is None  # matplotlib waits until the panel is shown
    with qtbot.waitSignal(panel.plotted, timeout=20000):
        panel.resize(700, 500)
        panel.show()
    yield panel
    panel.shutdown()


def test_function_and_tangent(plots, qtbot):
    assert plots.canvas is not None and plots.kind() == FUNCTION
    assert plots.input_box.currentText() == "x"
    assert plots.tangent_slope == pytest.approx(GX, rel=1e-15)
    xs, fs = plots.function_line.get_data()
    k = int(np.argmin(np.abs(xs - 1.0)))
    assert xs[k] == pytest.approx(1.0) and fs[k] == pytest.approx(3 * math.log(2))
    tx, ty = plots.tangent_line.get_data()
    slope = (ty[-1] - ty[0]) / (tx[-1] - tx[0])
    assert slope == pytest.approx(GX)
    # following the point: a new value moves the plot
    doc = plots.controller.document
    with qtbot.waitSignal(plots.plotted, timeout=20000):
        doc.set_value(doc.find_input("x"), 2.0)
    assert plots.tangent_slope == pytest.approx(6 * math.log(2))
    # and the chosen input
    with qtbot.waitSignal(plots.plotted, timeout=20000):
        plots.input_box.setCurrentText("y")
    assert plots.tangent_slope == pytest.approx(8 / 2)  # (x² + 2x)/y at x = 2, y = 2


def test_error_sweep_is_a_v(plots, qtbot):
    plots.input_box.setCurrentText("y")
    with qtbot.waitSignal(plots.plotted, timeout=20000):
        plots.set_kind(SWEEP)
    s = plots.sweep
    assert s.name == "y" and s.reference == pytest.approx(GY)
    central = s.errors["central"]
    best = s.hs[int(np.nanargmin(central))]
    assert 1e-8 < best < 1e-3
    assert np.nanmin(central) < 1e-9
    # both arms of the V: large steps and tiny steps are both worse
    assert central[0] > 1e-4 and np.nanmax(central[-10:]) > 1e-6
    assert set(plots.sweep_lines) == {"forward", "central", "complex_step"}
    hs, errs = plots.sweep_lines["complex_step"].get_data()
    assert len(hs) == len(s.hs) and np.nanmin(errs) >= 1e-16
    texts = [t.get_text().strip() for t in plots.ax.texts]
    assert "√ε" in texts and "ε^(1/3)" in texts


def test_contour_with_gradient(plots, qtbot):
    with qtbot.waitSignal(plots.plotted, timeout=20000):
        plots.set_kind(CONTOUR)
    c = plots.contour_data
    assert c.names == ("x", "y")
    assert c.gradient == pytest.approx((GX, GY))
    assert c.fs.shape == (len(c.ys), len(c.xs))
    assert len(plots.ax.patches) + len(plots.ax.texts) >= 1  # the arrow


def test_save_png_and_svg(plots, tmp_path):
    png, svg = tmp_path / "p.png", tmp_path / "p.svg"
    plots.save_plot(str(png))
    plots.save_plot(str(svg))
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in svg.read_bytes()[:400]


def test_upstream_scales_the_plotted_function(plots, qtbot):
    with qtbot.waitSignal(plots.plotted, timeout=20000):
        assert plots.controller.set_upstream("2") is None
    assert plots.tangent_slope == pytest.approx(2 * GX)
    assert plots.ax.get_ylabel() == "L = Σ v ⊙ f"  # the narration's L = v·f
