"""The "Three Ways" tab beside Compare: symbolic, numeric and automatic, side by side.

For every input of a scalar graph: the symbolic derivative (textbook rules, no
sharing) and sympy's simplification, each evaluated at the point; the central
difference; reverse mode; the errors of the first two against reverse mode; then
the sizes (operation counts) of the expression, the derivatives, the backward graph
and the tape, and a plot of those sizes for iterated x = sin(x)·x against n, where
the swell shows.  A window part (see ``ui/window/context.py``): it adds its dock,
tabbed with the Compare dock.  Computed when the user presses Compute (sympy can
take a second).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...check.finite_diff import central_difference
from ...check.symbolic import swell_table, symbolic_report
from ...core import expr
from ...core.engine import EvalError, compile_graph
from ...core.graph import GraphError
from ...core.symbolic import SymbolicError
from ..window.context import WindowContext

SWELL_N = range(1, 9)


class ThreeWays(QObject):
    """The Three Ways dock: a Compute button, a table of values and sizes, the swell plot."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.widget = QWidget()
        box = QVBoxLayout(self.widget)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("threeWaysCompute")
        self.button.clicked.connect(self.compute)
        self.text = QTextBrowser()
        self.text.setObjectName("threeWaysText")
        box.addWidget(self.intro)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.text, 2)
        self.figure: Any = None
        self.canvas: Any = None
        self.dock = QDockWidget(ctx.host)
        self.dock.setObjectName("threeWaysDock")
        self.dock.setWidget(self.widget)
        host = ctx.host
        if not host.restoreDockWidget(self.dock):
            from ..run.run_panel import RunPanel

            compare = ctx.parts.get(RunPanel).compare_dock
            host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            host.tabifyDockWidget(compare, self.dock)
        ctx.menus.view.addAction(self.dock.toggleViewAction())
        host.installEventFilter(self)
        self.rows: list[dict[str, Any]] = []
        self.retranslate()

    # -- computing ---------------------------------------------------------------
    def compute(self) -> str:
        """Fill the table for the document now; returns the HTML shown."""
        doc = self.ctx.document.copy()  # the symbolic report reads a copy
        try:
            program = self.ctx.session.program()
            _value, grads = program.gradient()
            report = symbolic_report(doc)
        except (GraphError, EvalError, SymbolicError) as exc:
            self.text.setHtml("<p>" + html.escape(str(getattr(exc, "message", exc))) + "</p>")
            return self.text.toHtml()
        values = doc.input_values()
        self.rows = []
        for name, reverse in grads.items():
            def f(x: float, name: str = name) -> float:
                return float(program.evaluate({**values, name: x}))

            central = central_difference(f, float(values[name]))
            # The symbolic derivative is another document (not the session's): its own compile.
            sym = compile_graph(expr.parse(report.gradient[name] + f" + 0*{name}",
                                           values)).evaluate()
            self.rows.append({"name": name, "text": report.gradient[name],
                              "simplified": report.simplified[name], "symbolic": sym,
                              "central": central, "reverse": reverse,
                              "err_sym": abs(sym - reverse), "err_cd": abs(central - reverse)})
        sizes = report.sizes
        self.text.setHtml(self._html(sizes))
        self._plot()
        return self.text.toHtml()

    def _html(self, sizes: dict[str, Any]) -> str:
        head = [self.tr("input"), self.tr("symbolic"), self.tr("central difference"),
                self.tr("reverse mode"), self.tr("error of symbolic"),
                self.tr("error of central difference")]
        out = ["<table border='1' cellspacing='0' cellpadding='3'><tr>"
               + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"]
        for r in self.rows:
            out.append(f"<tr><td>{html.escape(r['name'])}</td><td>{r['symbolic']:.12g}</td>"
                       f"<td>{r['central']:.12g}</td><td>{r['reverse']:.12g}</td>"
                       f"<td>{r['err_sym']:.1e}</td><td>{r['err_cd']:.1e}</td></tr>")
        out.append("</table>")
        for r in self.rows:
            out.append(f"<p><b>∂f/∂{html.escape(r['name'])}</b> = "
                       f"<code>{html.escape(r['text'])}</code><br>"
                       f"{html.escape(self.tr('simplified'))}: "
                       f"<code>{html.escape(r['simplified'])}</code></p>")
        sym = ", ".join(f"{k}: {v}" for k, v in sizes["symbolic"].items())
        simple = ", ".join(f"{k}: {v}" for k, v in sizes["simplified"].items())
        out.append("<p>" + html.escape(self.tr(
            "Sizes (operations): expression %1; symbolic derivatives %2; simplified %3; "
            "backward graph %4; tape %5")
            .replace("%1", str(sizes["expression"])).replace("%2", sym)
            .replace("%3", simple).replace("%4", str(sizes["backward_graph"]))
            .replace("%5", str(sizes["tape"]))) + "</p>")
        return "".join(out)

    def _plot(self) -> None:
        """The swell: sizes of iterated x = sin(x)·x against n (sizes only: fast)."""
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.figure = Figure(figsize=(5, 2.6), layout="constrained")
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.canvas.setObjectName("threeWaysPlot")
            self.canvas.setMinimumHeight(180)
            self.widget.layout().addWidget(self.canvas, 1)
        table = swell_table("iterate", SWELL_N)
        self.figure.clear()
        ax = self.figure.add_subplot()
        ns = [r["n"] for r in table]
        for key, label in (("expression", self.tr("expression")),
                           ("symbolic", self.tr("symbolic derivative")),
                           ("backward_graph", self.tr("backward graph")),
                           ("tape", self.tr("tape"))):
            ax.plot(ns, [r[key] for r in table], marker="o", label=label)
        ax.set_yscale("log")
        ax.set_xlabel(self.tr("n (x = sin(x)·x, n times)"))
        ax.set_ylabel(self.tr("operations"))
        ax.legend(fontsize="small")
        self.canvas.draw_idle()

    # -- texts -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Three Ways"))
        self.intro.setText(self.tr(
            "Symbolic (rules on the expression, no sharing), numeric (central difference) "
            "and automatic (reverse mode) derivatives of the output, side by side."))
        self.button.setText(self.tr("Compute"))
        if self.rows:
            self.compute()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
