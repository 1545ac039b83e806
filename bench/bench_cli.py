"""Whole-process timings of the command line on big expressions (run by hand).

    .venv/bin/python bench/bench_cli.py [--repeat 5] [--ops 10000,100000] [--root DIR]

Each case runs ``main.py --expr EXPR --at ... --json --no-torch`` in a fresh process
(after one untimed warm-up run, so the bytecode is cached, as after a first launch) and
reports the median and best wall time from start to exit and the median CPU time
(user + system, steadier when other work shares the machine), next to a bare
``python -c pass`` and ``python -c "import autodiff_gui.cli"``.  Targets (issue 10 item
15): ≤ 0.5 s at 10,000 operations, ≤ 3 s at 100,000.  Expressions:

* chain: ``x + x + … + x`` (one input, a left-deep tree: the printer's worst case);
* mixed: ``sin(x0)*x1 + tanh(x1)*x2 + …`` cycling over 10 inputs and five ops, so the
  check has 10 input elements and every kind of elementwise kernel.

Linux caps one argument at 128 KiB, less than a 100,000-operation expression: those
runs start ``python -c`` with a three-line driver that reads the expression from a
file and calls ``autodiff_gui.cli.main`` exactly as ``main.py`` does.  ``--root`` times
another checkout of the project (e.g. an older commit unpacked with ``git archive``) with
the same Python, for a before/after under the same machine load.  The last row loads a
file at the node limit (``fileio.MAX_NODES``: inputs, constants and additions).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARG_MAX = 100_000  # characters: below Linux's 128 KiB per argument
DRIVER = ("import sys; from autodiff_gui.cli import main; "
          "sys.exit(main(['--expr', open(sys.argv[1]).read(), *sys.argv[2:]]))")


def chain(ops: int) -> tuple[str, list[str]]:
    return " + ".join(["x"] * (ops + 1)), ["x=0.5"]


def mixed(ops: int) -> tuple[str, list[str]]:
    names = [f"x{i}" for i in range(10)]
    funcs = ("sin", "cos", "tanh", "exp", "sigmoid")
    terms, count = [], 0
    k = 0
    while count + 3 <= ops:  # f(a)*b: two operations, plus one + joining the terms
        a, b = names[k % 10], names[(k + 1) % 10]
        terms.append(f"{funcs[k % 5]}({a})*{b}")
        count += 3 if terms[1:] else 2
        k += 1
    return " + ".join(terms), [f"{n}=0.{i + 1}" for i, n in enumerate(names)]


def limit_file(count: int) -> dict:
    """x + 0.5 + 0.5 + …: ``count`` nodes, listed as the app saves them."""
    nodes = [{"id": 0, "kind": "input", "name": "x", "value": 1.0}]
    links, prev = [], 0
    while len(nodes) + 2 <= count:
        c, o = len(nodes), len(nodes) + 1
        nodes += [{"id": c, "kind": "const", "value": 0.5}, {"id": o, "kind": "op", "op": "add"}]
        links += [{"source": prev, "target": o, "slot": 0}, {"source": c, "target": o, "slot": 1}]
        prev = o
    return {"format": "autodiff-studio", "version": 1, "output": prev, "nodes": nodes,
            "links": links}


CWD = ROOT


def run(argv: list[str]) -> tuple[float, float, int]:
    """Wall time and CPU time (user + system) of one process, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=CWD)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def timed(argv: list[str], repeat: int) -> tuple[float, float, float]:
    """Median wall, best wall and median CPU seconds over ``repeat`` runs."""
    *_, code = run(argv)  # warm-up: bytecode written, files in the page cache
    if code != 0:
        raise SystemExit(f"exit code {code}: {' '.join(argv)[:200]}")
    runs = [run(argv) for _ in range(repeat)]
    walls = [r[0] for r in runs]
    return statistics.median(walls), min(walls), statistics.median(r[1] for r in runs)


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--repeat", type=int, default=5)
    cli.add_argument("--ops", default="10000,100000")
    cli.add_argument("--root", default=str(ROOT), help="the checkout to time")
    args = cli.parse_args()
    py = sys.executable
    root = Path(args.root).resolve()
    main_py = str(root / "main.py")
    global CWD
    CWD = root  # python -c imports autodiff_gui from the working folder
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, "
          f"median / best of {args.repeat} runs after a warm-up, wall time of the process.")
    print()
    print(f"Load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.  CPU time "
          "(user + system) is the steadier figure on a busy machine.")
    print()
    print("| case | wall, median (s) | wall, best (s) | CPU, median (s) |")
    print("|---|---:|---:|---:|")
    rows = [("`python -c pass`", [py, "-c", "pass"]),
            ("`python -c 'import autodiff_gui.cli'`", [py, "-c", "import autodiff_gui.cli"])]
    folder = tempfile.mkdtemp(prefix="bench_cli_")
    for n in (int(x) for x in args.ops.split(",")):
        for name, make in (("chain", chain), ("mixed", mixed)):
            expr, at = make(n)
            rest = ["--at", *at, "--json", "--no-torch"]
            if len(expr) < ARG_MAX:
                argv = [py, main_py, "--expr", expr, *rest]
            else:
                path = Path(folder) / f"{name}{n}.txt"
                path.write_text(expr)
                argv = [py, "-c", DRIVER, str(path), *rest]
            rows.append((f"{name}, {n:,} ops, `--json --no-torch`", argv))
    big = Path(folder) / "limit.adgraph.json"
    big.write_text(json.dumps(limit_file(150_000)))
    rows.append(("load a 150,000-node file (`fileio.load`)",
                 [py, "-c", "import sys; from autodiff_gui.core import fileio; "
                  "fileio.load(sys.argv[1])", str(big)]))
    for label, argv in rows:
        median, best, cpu = timed(argv, args.repeat)
        print(f"| {label} | {median:.2f} | {best:.2f} | {cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
