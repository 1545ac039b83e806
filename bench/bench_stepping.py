"""How long a step takes in the window: highlight, labels, narration, trace row, drawing.

Builds random graphs of 500 and 5,000 nodes (scalar ops wired to earlier nodes,
placed on a grid), opens the real MainWindow with the Run panel (offscreen,
1600×1000) and times

* Next step in the forward pass and in the backward pass (``next()`` plus
  ``processEvents()``, which repaints what changed), median and 95th percentile;
* Previous step;
* Run to end from the start, including the final drawing.

Run by hand: ``.venv/bin/python bench/bench_stepping.py`` (prints a markdown table).
Targets from the issue: a step ≤ 16 ms at 500 nodes, ≤ 50 ms at 5,000; Run to end at
5,000 nodes ≤ 1 s.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from autodiff_gui.core.graph import Document  # noqa: E402

UNARY = ("sin", "cos", "tanh", "sigmoid", "exp")
BINARY = ("add", "mul", "sub")


def random_graph(n: int, seed: int = 1) -> Document:
    """``n`` nodes, all on the way to the output: 4 inputs, then scalar ops.

    Each op reads a node nobody has read yet where it can (so nothing dangles) and a
    recent node; a final chain of adds collects what is left.  Values stay finite.
    """
    rng = random.Random(seed)
    doc = Document()
    with doc.muted():
        ids = [doc.add_input(f"x{i}", rng.uniform(-1, 1)) for i in range(4)]
        unused = list(ids)

        def pick() -> int:
            if unused and rng.random() < 0.7:
                return unused.pop(rng.randrange(max(0, len(unused) - 8), len(unused)))
            return rng.choice(ids[-30:])

        def use(src: int) -> int:
            if src in unused:
                unused.remove(src)
            return src

        while len(ids) < n - 8:
            if rng.random() < 0.5:
                node = doc.add_op(rng.choice(UNARY[:4]))  # no exp: long chains overflow
                doc.connect(use(pick()), node, 0)
            else:
                node = doc.add_op(rng.choice(BINARY))
                doc.connect(use(pick()), node, 0)
                doc.connect(use(pick()), node, 1)
            ids.append(node)
            unused.append(node)
        acc = unused.pop()
        while unused:
            node = doc.add_op("add")
            doc.connect(acc, node, 0)
            doc.connect(unused.pop(), node, 1)
            acc = node
            ids.append(node)
        out = doc.add_op("tanh")
        doc.connect(acc, out, 0)
        doc.set_output(out)
        cols = max(10, int(len(doc) ** 0.5))
        for k, node in enumerate(doc.nodes()):
            doc.set_position(node, ((k // cols) * 180.0, (k % cols) * 120.0))
    return doc


def timed(fn, app) -> float:
    start = time.perf_counter()
    fn()
    app.processEvents()
    return (time.perf_counter() - start) * 1000


def bench(n: int, app) -> dict[str, str]:
    from autodiff_gui.ui.window.main_window import MainWindow

    doc = random_graph(n)
    w = MainWindow(doc, restore=False)
    w.persist_settings = False
    w.ask_unsaved = lambda: "discard"
    panel = w.run_panel  # the window's own: a second panel would draw every step twice
    w.resize(1600, 1000)
    w.show()
    app.processEvents()
    w.view.zoom_fit()
    app.processEvents()
    c = panel.controller
    nodes = len(c.program)
    total = c.total_hint()

    c.advance(nodes // 2)  # the middle of the forward pass
    app.processEvents()
    fwd = [timed(c.next, app) for _ in range(60)]
    back = [timed(c.back, app) for _ in range(30)]
    c.go_to(nodes + 5)  # into the backward pass
    app.processEvents()
    bwd = [timed(c.next, app) for _ in range(60)]
    c.reset()
    app.processEvents()
    run_end = timed(c.run_to_end, app)
    assert c.position == total and c.done

    w.close()
    w.deleteLater()
    app.processEvents()

    def stats(xs: list[float]) -> str:
        xs = sorted(xs)
        return f"{statistics.median(xs):.1f} / {xs[int(0.95 * (len(xs) - 1))]:.1f}"

    return {"nodes": str(nodes), "steps": str(total), "next (forward)": stats(fwd),
            "next (backward)": stats(bwd), "previous": stats(back),
            "run to end": f"{run_end:.0f}"}


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    # Never touch the user's settings from a benchmark.
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "autodiff-bench-settings"
    tmp.mkdir(exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    QCoreApplication.setOrganizationName("AutodiffStudioBench")
    rows = [bench(n, app) for n in (500, 5000)]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(r[k] for k in keys) + " |")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print("\nTimes in ms (median / 95th percentile for single steps), offscreen 1600×1000, "
          f"including processEvents (the repaint). Load average: {load} "
          f"on {os.cpu_count()} CPUs.")


if __name__ == "__main__":
    main()
