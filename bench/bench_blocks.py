"""Composite blocks: what inlining costs at compile time (run by hand).

A chain of 2,500 uses of a block ``splus(x) = log(1 + exp(x))`` (10,001 nodes once
written out) is compiled through the expansion, and the same function written out as
one expression is compiled directly; both give the same gradient.
"""

from __future__ import annotations

import statistics
import time

from autodiff_gui.core import expr
from autodiff_gui.core.composite import make_block
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document

USES = 2_500
ROUNDS = 7


def chain() -> Document:
    body = expr.parse("log(1 + exp(x))", {"x": 0.3})
    make_block(body, [n for n in body.nodes() if body.kind(n) != "input"], "splus")
    doc = Document()
    doc.set_composite(body.composites["splus"])
    prev = doc.add_input("x", 0.3)
    for _ in range(USES):
        prev = doc.add_composite("splus", args=(prev,))
    return doc


def timed(doc: Document) -> list[float]:
    out = []
    for _ in range(ROUNDS):
        t = time.process_time()
        compile_graph(doc)
        out.append(time.process_time() - t)
    return out


def main() -> None:
    blocks = chain()
    flat = expr.parse(expr.to_text(blocks), {"x": 0.3})
    assert compile_graph(blocks).gradient() == compile_graph(flat).gradient()
    for name, doc in (("with blocks (expanded)", blocks), ("written out", flat)):
        t = timed(doc)
        print(f"{name:24s} compile, CPU: best {min(t) * 1e3:6.1f} ms, "
              f"median {statistics.median(t) * 1e3:6.1f} ms")


if __name__ == "__main__":
    main()
