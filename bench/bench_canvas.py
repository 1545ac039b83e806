"""Canvas speed: load + lay out + draw, repaint of one changed block, pan and zoom.

Run by hand (offscreen, 1600×1000 viewport):

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_canvas.py [sizes...]

Prints a markdown table.  Targets: 500 nodes loaded, laid out and drawn ≤ 300 ms;
5,000 ≤ 2 s; repainting one changed block ≤ 5 ms at 5,000 nodes.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from autodiff_gui.core.graph import Document  # noqa: E402
from autodiff_gui.diagram.layout import layered_layout  # noqa: E402
from autodiff_gui.ui.canvas import GraphScene, GraphView  # noqa: E402

UNARY = ["sin", "exp", "tanh", "sigmoid", "log", "sqrt", "neg"]
BINARY = ["add", "mul", "sub", "div", "pow"]


def make_graph(n: int, seed: int = 0) -> Document:
    """About ``n`` nodes: parallel chains that mix with their neighbours (lanes), a few
    constants, and a sum tree joining the lanes at the end."""
    rnd = random.Random(seed)
    doc = Document()
    lanes = max(3, int(math.sqrt(n) / 2))
    heads = [doc.add_input(f"x{i}", 1.0 + i) for i in range(lanes)]
    budget = n - lanes - (lanes - 1)
    while budget > 0:
        for i in range(lanes):
            if budget <= 0:
                break
            if rnd.random() < 0.5:
                v = doc.add_op(rnd.choice(UNARY))
                doc.connect(heads[i], v, 0)
                budget -= 1
            else:
                v = doc.add_op(rnd.choice(BINARY))
                doc.connect(heads[i], v, 0)
                if rnd.random() < 0.25 and budget > 1:
                    other = doc.add_const(2.0)
                    budget -= 1
                else:
                    other = heads[(i + rnd.choice((-1, 1))) % lanes]
                doc.connect(other, v, 1)
                budget -= 1
            heads[i] = v
    while len(heads) > 1:  # the tree
        nxt = []
        for a, b in zip(heads[::2], heads[1::2]):
            v = doc.add_op("add")
            doc.connect(a, v, 0)
            doc.connect(b, v, 1)
            nxt.append(v)
        if len(heads) % 2:
            nxt.append(heads[-1])
        heads = nxt
    return doc


def ms(t: float) -> str:
    return f"{t * 1000:.1f}"


def bench(n: int, app: QApplication) -> dict[str, str]:
    doc = make_graph(n)
    t0 = time.perf_counter()
    layered_layout(doc)
    t_layout = time.perf_counter() - t0

    stack = QUndoStack()
    view = GraphView()
    view.resize(1600, 1000)
    view.show()
    app.processEvents()
    t0 = time.perf_counter()
    scene = GraphScene(doc, stack)  # lays out the nodes (they have no positions)
    t_scene = time.perf_counter() - t0
    view.setScene(scene)
    view.zoom_fit()
    view.viewport().repaint()
    t_load = time.perf_counter() - t0

    # one changed block, at 100 % zoom around it (what stepping through looks like)
    view.resetTransform()
    items = scene.node_items()
    item = items[len(items) // 2]
    view.centerOn(item)
    view.viewport().repaint()
    app.processEvents()
    one = []
    for k in range(20):
        item.set_annotation(f"= {k}.25", f"∂ {k}.5")
        item.set_state("current" if k % 2 else "done")
        t0 = time.perf_counter()
        app.processEvents()
        one.append(time.perf_counter() - t0)
    full = []
    for _ in range(5):
        t0 = time.perf_counter()
        view.viewport().repaint()
        full.append(time.perf_counter() - t0)

    # pan and zoom (each followed by a synchronous repaint)
    pans = []
    for k in range(10):
        t0 = time.perf_counter()
        view.pan_by(40 if k % 2 else -40, 25)
        view.viewport().repaint()
        pans.append(time.perf_counter() - t0)
    zooms = []
    for k in range(10):
        t0 = time.perf_counter()
        view.scale(1.2, 1.2) if k % 2 else view.scale(1 / 1.2, 1 / 1.2)
        view.viewport().repaint()
        zooms.append(time.perf_counter() - t0)
    view.zoom_fit()
    fit_frames = []
    for _ in range(3):
        t0 = time.perf_counter()
        view.viewport().repaint()
        fit_frames.append(time.perf_counter() - t0)
    drop = []
    for k in range(5):  # a user edit: add a block through the undo stack
        t0 = time.perf_counter()
        scene.add_block("op", QPointF(40.0 * k, -400.0), "mul")
        app.processEvents()
        drop.append(time.perf_counter() - t0)
    view.hide()
    scene.detach()
    return {
        "nodes": str(len(doc)),
        "layout": ms(t_layout),
        "scene build": ms(t_scene),
        "load+layout+draw": ms(t_load),
        "one block repaint": ms(statistics.median(one)),
        "full repaint @100%": ms(statistics.median(full)),
        "pan frame": ms(statistics.median(pans)),
        "zoom frame": ms(statistics.median(zooms)),
        "fit-view frame": ms(statistics.median(fit_frames)),
        "add block": ms(statistics.median(drop)),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [500, 5000]
    app = QApplication.instance() or QApplication([])
    rows = [bench(n, app) for n in sizes]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(r[k] for k in keys) + " |")
    print("\n(times in ms; offscreen, 1600×1000 viewport; medians of repeated frames)")


if __name__ == "__main__":
    main()
