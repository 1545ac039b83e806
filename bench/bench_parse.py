"""Time the expression language on 10,000 operations: tokenize, parse, compile, run, print.

Run by hand (not a test): ``.venv/bin/python bench/bench_parse.py [--ops N]``.
Prints a markdown table, best of 5 runs with ``time.perf_counter``.  The target is
parse (which builds the Document) + compile_graph ≤ 100 ms for ``x + x + ... + x``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autodiff_gui.core.engine import compile_graph  # noqa: E402
from autodiff_gui.core.expr import parse, to_text, tokenize  # noqa: E402


def best_of(fn: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    """The fastest of ``runs`` calls in milliseconds, and the last result."""
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1e3, result


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--ops", type=int, default=10_000, help="number of operations")
    cli.add_argument("--distinct", type=int, default=2_000,
                     help="operations of the distinct-names row (grows quadratically)")
    args = cli.parse_args()
    n = args.ops

    chain = " + ".join(["x"] * (n + 1))
    t_tok, _ = best_of(lambda: tokenize(chain))
    t_parse, doc = best_of(lambda: parse(chain))
    t_compile, program = best_of(lambda: compile_graph(doc))
    t_grad, (value, grads) = best_of(lambda: program.gradient())
    t_print, text = best_of(lambda: to_text(doc))
    assert value == n + 1 and grads == {"x": float(n + 1)} and text == chain

    # The same 10,000 additions written as 10,000 named steps (a program, issue 13).
    steps = "\n".join(["v1 = x + x"] + [f"v{k} = v{k - 1} + x" for k in range(2, n + 1)])
    t_steps, steps_doc = best_of(lambda: parse(steps))
    t_steps_compile, steps_program = best_of(lambda: compile_graph(steps_doc))
    assert steps_program.gradient() == (value, grads)

    nested = "(" * n + "x" + ")" * n
    t_nested, _ = best_of(lambda: parse(nested))
    calls = "sin(" * n + "x" + ")" * n
    t_calls, _ = best_of(lambda: parse(calls))
    m = args.distinct
    distinct = " + ".join(f"x{i}" for i in range(m + 1))
    t_distinct, _ = best_of(lambda: parse(distinct), runs=3)

    rows = [
        (f"tokenize `x + x + …` ({n:,} ops)", t_tok),
        (f"parse + build Document ({n:,} ops)", t_parse),
        (f"compile_graph ({n:,} ops)", t_compile),
        ("**parse + build + compile** (target ≤ 100 ms)", t_parse + t_compile),
        (f"**parse + build + compile, {n:,} statements** `v2 = v1 + x`…",
         t_steps + t_steps_compile),
        (f"gradient, fast path ({n:,} ops)", t_grad),
        (f"to_text ({n:,} ops)", t_print),
        (f"parse {n:,} nested parentheses", t_nested),
        (f"parse {n:,} nested calls sin(sin(…))", t_calls),
        (f"parse `x0 + x1 + …` ({m:,} ops, {m + 1:,} distinct names)", t_distinct),
    ]
    print("| step | best of 5 (ms) |")
    print("|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
