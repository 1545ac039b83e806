"""Time the PyTorch comparison (run by hand, not a test).

    .venv/bin/python bench/bench_torch.py [--repeat N]

* First comparison in a fresh process: a subprocess builds the seed graph, then times
  ``torch_status()`` (the lazy import and forward-mode warm-up) and the first
  ``compare`` separately; the budget is 3 s for both.
* Later comparisons: ``compare`` on a 100-node scalar graph (4 inputs, so forward
  mode makes 4 dual passes), on the seed, and on an array graph; best and median
  of N.  Budget: 50 ms for the 100-node graph.  ``seed_mechanics`` and both code
  generators are timed too.

Prints a markdown table.  The machine is shared: compare rows, not single ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autodiff_gui.check import codegen, torch_ref  # noqa: E402
from autodiff_gui.core.engine import Program, compile_graph  # noqa: E402
from autodiff_gui.core.graph import Document  # noqa: E402
from tests.core.helpers import seed_doc  # noqa: E402

FIRST = """\
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from autodiff_gui.check import torch_ref
from autodiff_gui.core.engine import compile_graph
from tests.core.helpers import seed_doc  # the one seed builder
p = compile_graph(seed_doc())
t1 = time.perf_counter()
ok, version = torch_ref.torch_status()
t2 = time.perf_counter()
r = torch_ref.compare(p, upstream=2.0)
t3 = time.perf_counter()
assert r.available and abs(r.gradient['x'] - 5.545177444479562) < 1e-12
print(json.dumps({{"startup": t1 - t0, "import": t2 - t1, "compare": t3 - t2,
                  "first_total": t3 - t1, "seconds_field": r.seconds,
                  "version": version}}))
"""


def seed_graph() -> Program:
    return compile_graph(seed_doc())


def big_graph(nodes: int = 100, inputs: int = 4, seed: int = 0) -> Program:
    """``nodes`` nodes in all (inputs, a few constants, ops) of bounded, safe ops."""
    rng = np.random.default_rng(seed)
    d = Document()
    pool = [d.add_input(f"x{k}", float(rng.uniform(-1, 1))) for k in range(inputs)]
    unary = ["sin", "cos", "tanh", "sigmoid", "neg", "abs", "relu"]
    binary = ["add", "sub", "mul"]
    while len(d) < nodes:
        # the newest node always feeds the next op, so every node reaches the output
        if rng.random() < 0.4:
            o = d.add_op(unary[rng.integers(len(unary))])
            d.connect(pool[-1], o, 0)
        else:
            o = d.add_op(binary[rng.integers(len(binary))])
            left = pool[-1]
            right = (d.add_const(float(rng.choice([0.5, 2.0, -1.5])))
                     if rng.random() < 0.15 and len(d) < nodes - 1
                     else pool[rng.integers(len(pool))])
            d.connect(left, o, 0)
            d.connect(right, o, 1)
        pool.append(o)
    d.set_output(pool[-1])
    program = compile_graph(d)
    assert len(program) == nodes and len(program.input_index) == inputs
    program.gradient()  # it evaluates
    return program


def array_graph() -> Program:
    """mean(tanh(W @ v + b)) with W 8×16: forward mode makes 8·16 + 16 + 8 passes."""
    rng = np.random.default_rng(1)
    d = Document()
    w = d.add_input("W", rng.normal(size=(8, 16)))
    v = d.add_input("v", rng.normal(size=16))
    b = d.add_input("b", rng.normal(size=8))
    m = d.add_op("matmul")
    d.connect(w, m, 0)
    d.connect(v, m, 1)
    a = d.add_op("add")
    d.connect(m, a, 0)
    d.connect(b, a, 1)
    t = d.add_op("tanh")
    d.connect(a, t, 0)
    s = d.add_op("mean")
    d.connect(t, s, 0)
    return compile_graph(d)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    proc = subprocess.run([sys.executable, "-c", FIRST.format(root=str(ROOT))],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    first = json.loads(proc.stdout)

    ok, version = torch_ref.torch_status()
    if not ok:
        sys.exit(version)
    seed, big, arr = seed_graph(), big_graph(), array_graph()
    for p in (seed, big, arr):
        torch_ref.compare(p)  # warm
    rows = [
        ("first comparison, fresh process: import + warm-up", first["import"], None, "—"),
        ("first comparison, fresh process: first compare (seed)", first["compare"], None,
         "—"),
        ("first comparison, fresh process: total", first["first_total"], None, "≤ 3 s"),
    ]
    for name, fn, budget in [
        (f"compare, seed ({len(seed)} nodes, 2 inputs)", lambda: torch_ref.compare(seed), ""),
        (f"compare, {len(big)}-node scalar graph (4 inputs)",
         lambda: torch_ref.compare(big, upstream=2.0), "≤ 50 ms"),
        (f"compare, array graph ({len(arr)} nodes, 152 input elements)",
         lambda: torch_ref.compare(arr), ""),
        ("seed_mechanics, seed", lambda: torch_ref.seed_mechanics(seed), ""),
        (f"torch_script, {len(big)}-node graph", lambda: codegen.torch_script(big), ""),
        (f"seed_script, {len(big)}-node graph", lambda: codegen.seed_script(big), ""),
        (f"engine gradient + forward mode, {len(big)}-node graph (reference)",
         lambda: (big.gradient(), big.forward_mode_gradient()), ""),
    ]:
        best, median = timed(fn, args.repeat)
        rows.append((name, best, median, budget or "—"))
    inner = torch_ref.compare(big).seconds

    print(f"PyTorch {version}, Python {platform.python_version()}, {platform.machine()}, "
          f"{time.strftime('%Y-%m-%d')}; best / median of {args.repeat}\n")
    print("| measurement | best | median | budget |")
    print("|---|---:|---:|---|")
    for name, best, median, budget in rows:
        med = "" if median is None else f"{median * 1e3:.2f} ms"
        print(f"| {name} | {best * 1e3:.1f} ms | {med} | {budget} |")
    print(f"\nTorchResult.seconds on the 100-node graph (computation only): {inner * 1e3:.2f} ms;"
          f" fresh process start-up before the import: {first['startup'] * 1e3:.0f} ms.")


if __name__ == "__main__":
    main()
