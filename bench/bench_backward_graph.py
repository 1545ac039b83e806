"""Backward graphs and Hessians: how long building and differentiating them takes.

Run by hand (not a test): ``.venv/bin/python bench/bench_backward_graph.py``.
Targets (issue 11): building the backward graph of a 10,000-node graph ≤ 200 ms;
the Hessian of a 20-input, 2,000-node function ≤ 1 s.  A document makes its networkx
graph when wires are first read (``Document._graph``); the second row adds that, as
the window pays it when it shows the graph.  Best of N repeats (the
machine is shared), with the CPU time beside the wall time.
"""

from __future__ import annotations

import datetime
import os
import platform
import random
import sys
import time
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from autodiff_gui.core.backward_graph import build_backward, hessian  # noqa: E402
from autodiff_gui.core.graph import Document  # noqa: E402

OPS = ("add", "mul", "sub", "sin", "cos", "tanh", "sigmoid", "mul")


def mixed(nodes: int, inputs: int, seed: int = 1) -> Document:
    """A DAG of ``nodes`` nodes in all (inputs, constants, operations) with fan-out:
    each op reads the newest node and one drawn from the last 50."""
    rng = random.Random(seed)
    doc = Document()
    ids = [doc.add_input(f"x{k}", 0.1 * (k + 1)) for k in range(inputs)]
    ids.append(doc.add_const(0.5))
    while len(doc) < nodes:
        op = rng.choice(OPS)
        a = ids[-1]
        if op in ("add", "mul", "sub"):
            b = ids[max(0, len(ids) - 50) + rng.randrange(min(50, len(ids)))]
            ids.append(doc.add_op(op, args=(a, b)))
        else:
            ids.append(doc.add_op(op, args=(a,)))
    # Every input reaches the output.
    node = ids[-1]
    for x in ids[:inputs]:
        node = doc.add_op("add", args=(node, doc.add_op("tanh", args=(x,))))
    doc.set_output(node)
    return doc


def best(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best wall and CPU time of ``repeats`` calls; each result is dropped after its
    clock stops (freeing 35,000 nodes is not building them)."""
    wall, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        del result
    return min(wall), min(cpu)


def main() -> None:
    big = mixed(10_000, 3)
    bg = build_backward(big)
    w, c = best(lambda: build_backward(big), 9)
    print(f"machine: {platform.machine()} {platform.processor() or ''}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    print("| what | best wall s | best CPU s | target |")
    print("|---|---|---|---|")
    print(f"| backward graph of a {len(big):,}-node graph (→ {len(bg.document):,} nodes) "
          f"| {w:.3f} | {c:.3f} | ≤ 0.200 |")

    def drawn() -> object:  # what showing it costs first: networkx's graph made too
        doc = build_backward(big).document
        doc.wires(doc.output)  # the first reading of wires makes networkx's graph
        return doc

    w, c = best(drawn, 9)
    print(f"| the same, then its networkx graph made (first wire read, as the window "
          f"does) | {w:.3f} | {c:.3f} | — |")
    small = mixed(2_000, 20)
    w, c = best(lambda: hessian(small), 3)
    print(f"| Hessian, 20 inputs, {len(small):,}-node function | {w:.3f} | {c:.3f} | ≤ 1.000 |")


if __name__ == "__main__":
    main()
