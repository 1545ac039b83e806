"""sympy's simplified derivative parses back and evaluates to the gradient; sizes."""

from __future__ import annotations

import pytest

from autodiff_gui.check.symbolic import swell_table, symbolic_report
from autodiff_gui.core import expr
from autodiff_gui.core.engine import compile_graph

pytest.importorskip("sympy")


@pytest.mark.parametrize("text", ["x**y + sqrt(x)*tanh(y)/sigmoid(x) - -x",
                                  "-x**2 - (x-y) / (x/y) + 2**-x + exp(x)*log(y)",
                                  "relu(x)*abs(y) + x**3/y"])
def test_simplified_parses_back(text: str) -> None:
    values = {"x": 0.7, "y": 1.3}
    doc = expr.parse(text, values)
    report = symbolic_report(doc)
    _v, want = compile_graph(doc).gradient()
    for name in want:
        for t in (report.gradient[name], report.simplified[name]):
            got = compile_graph(expr.parse(t + f" + 0 * {name}", values)).evaluate()
            assert got == pytest.approx(want[name], rel=1e-9)
        assert report.sizes["simplified"][name] <= report.sizes["symbolic"][name]
    assert set(report.sizes) == {"expression", "symbolic", "simplified", "backward_graph",
                                 "tape"}


def test_swell_grows_faster_than_the_backward_graph() -> None:
    rows = swell_table("iterate", range(1, 8))
    assert [r["expression"] for r in rows] == [2 ** (n + 1) - 2 for n in range(1, 8)]
    assert rows[-1]["symbolic"] > 20 * rows[-1]["backward_graph"]
    assert [r["tape"] for r in rows] == [2 * n for n in range(1, 8)]
    sines = swell_table("sines", range(1, 6))
    assert sines[-1]["symbolic"] > sines[-1]["backward_graph"]
