"""Time check_gradients on the graphs the finite-difference brief names (run by hand).

    .venv/bin/python bench/bench_finite_diff.py

Best of 5 per row, printed as a markdown table.  Timing on a shared 2-core machine is
noisy: compare rows, not single milliseconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autodiff_gui.check.finite_diff import check_gradients, error_sweep  # noqa: E402
from autodiff_gui.core.engine import Program, compile_graph  # noqa: E402
from autodiff_gui.core.graph import Document  # noqa: E402

N = 100


def array_graph(op: str) -> Program:
    """sum(op(x)) for a 100-element x (op "square" means x*x)."""
    d = Document()
    x = d.add_input("x", np.linspace(-2.0, 2.0, N) + 0.013)
    if op == "square":
        inner = d.add_op("mul")
        d.connect(x, inner, 0)
        d.connect(x, inner, 1)
    else:
        inner = d.add_op(op)
        d.connect(x, inner, 0)
    s = d.add_op("sum")
    d.connect(inner, s, 0)
    return compile_graph(d)


def scalar_graph() -> Program:
    """Σ tanh(x_i · w_i) over 100 scalar inputs x_i (w_i constants), an add chain."""
    d = Document()
    total = None
    rng = np.random.default_rng(0)
    for i in range(N):
        x = d.add_input(f"x{i}", float(rng.normal()))
        w = d.add_const(float(rng.normal()))
        m = d.add_op("mul")
        d.connect(x, m, 0)
        d.connect(w, m, 1)
        t = d.add_op("tanh")
        d.connect(m, t, 0)
        if total is None:
            total = t
        else:
            a = d.add_op("add")
            d.connect(total, a, 0)
            d.connect(t, a, 1)
            total = a
    return compile_graph(d)


def naive_central(program: Program) -> None:
    """For comparison: central differences by one Program.evaluate call per point."""
    base = program.leaves()
    for name in program.input_index:
        x = np.asarray(base[program.input_index[name]], dtype=float)
        for k in range(x.size):
            plus, minus = x.copy(), x.copy()
            h = 6e-6 * max(1.0, abs(float(x.flat[k])))
            plus.flat[k] += h
            minus.flat[k] -= h
            pv = plus if x.ndim else float(plus)
            mv = minus if x.ndim else float(minus)
            (program.evaluate({name: pv}) - program.evaluate({name: mv})) / (2 * h)


def best_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1e3


def main() -> None:
    rows = []
    for label, program in [("sum(x*x), x: 100-vector", array_graph("square")),
                           ("sum(sigmoid(x)), x: 100-vector", array_graph("sigmoid")),
                           ("sum(relu(x)), x: 100-vector (no complex step)",
                            array_graph("relu")),
                           ("Σ tanh(x_i·w_i), 100 scalar inputs", scalar_graph())]:
        result = check_gradients(program)
        assert result.passed, label
        ms = best_ms(lambda p=program: check_gradients(p))
        evals = best_ms(lambda p=program: p.evaluate(), repeat=50)
        naive = best_ms(lambda p=program: naive_central(p))
        rows.append((label, len(program), len(result.inputs), ms, evals, naive))
    seed = scalar_graph()
    sweep_ms = best_ms(lambda: error_sweep(seed, "x0"))
    print("| graph | nodes | input elements | check_gradients, all 5 methods + verdict (ms) "
          "| naive loop: central only, 2 evaluate() per element (ms) | one evaluate() (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, nodes, inputs, ms, ev, naive in rows:
        print(f"| {label} | {nodes} | {inputs} | {ms:.1f} | {naive:.1f} | {ev:.3f} |")
    print(f"| error_sweep (61 steps, 5 methods) on the 100-input graph | {len(seed)} | 1 | "
          f"{sweep_ms:.1f} | | |")


if __name__ == "__main__":
    main()
