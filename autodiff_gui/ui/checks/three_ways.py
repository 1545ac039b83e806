"""The "Three Ways" tab beside Compare: symbolic, numeric and automatic, side by side.

For every input of a scalar graph: the symbolic derivative (textbook rules, no
sharing) and sympy's simplification, each evaluated at the point; the central
difference; reverse mode; the errors of the first two against reverse mode; then
the sizes (operation counts) of the expression, the derivatives, the backward graph
and the tape, and a plot of those sizes for iterated x = sin(x)·x against n, where
the swell shows.  A window part (see ``ui/window/context.py``): it adds its dock,
tabbed with the Compare dock; the panel inside (and the checks it imports) is made
when its tab is first shown.  Computed when the user presses Compute (sympy can
take a second).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core import expr
from ...core.engine import EvalError, compile_graph
from ...core.graph import GraphError
from ..app.i18n import translate_error
from ..window.context import WindowContext
from ..window.entries import LazyPanel

if TYPE_CHECKING:
    from ...core.symbolic import SymbolicError

SWELL_N = range(1, 9)
ARRAY_ROWS = 12  # elements of an array input shown in the numeric table


def _by_element(program: Any, values: dict[str, Any], name: str, reverse: Any) -> list[Any]:
    """(element, central difference, reverse mode) for the first elements of input
    ``name``: the function summed (the gradient reverse mode gives for upstream ones)."""
    from ...check.finite_diff import central_difference

    v = np.asarray(values[name], dtype=float)
    g = np.broadcast_to(np.asarray(reverse, dtype=float), v.shape)
    rows = []
    for index in list(np.ndindex(*v.shape))[:ARRAY_ROWS]:
        label = name + "[" + ", ".join(map(str, index)) + "]" if index else name
        central = central_difference(
            lambda t, index=index: _summed(program, values, name, v, index, t), float(v[index]))
        rows.append((label, central, float(g[index])))
    return rows


def _summed(program: Any, values: dict[str, Any], name: str, v: Any, index: Any,
            t: float) -> float:
    """The function (summed) with element ``index`` of input ``name`` set to ``t``."""
    w = v.copy()
    w[index] = t
    return float(np.sum(program.evaluate({**values, name: w if v.ndim else float(t)})))


def _is_arrays(exc: SymbolicError) -> bool:
    """The symbolic derivative refused arrays (not a text too large to print)."""
    from ...core.symbolic import MESSAGES

    first = exc.args[0] if exc.args else None
    return getattr(first, "template", None) == MESSAGES["arrays"]


class ThreeWays(QObject):
    """The Three Ways dock: a Compute button, a table of values and sizes, the swell plot."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.figure: Any = None
        self.canvas: Any = None
        self.rows: list[dict[str, Any]] = []
        self.array_rows: list[tuple[str, float, float]] = []
        # Its tab is behind Trace at start: the panel is made when first shown.
        self.panel: LazyPanel[QSplitter] = LazyPanel(self._make_panel)
        self.dock = QDockWidget(ctx.host)
        self.dock.setObjectName("threeWaysDock")
        self.dock.setWidget(self.panel)
        host = ctx.host
        if not host.restoreDockWidget(self.dock):
            from ..run.run_panel import RunPanel

            compare = ctx.parts.get(RunPanel).compare_dock
            host.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            host.tabifyDockWidget(compare, self.dock)
        ctx.menus.view.addAction(self.dock.toggleViewAction())
        host.installEventFilter(self)
        self.retranslate()

    def _make_panel(self) -> QSplitter:
        """The table and texts beside the plot: the bottom dock is wide and low (and lower
        still in presentation mode, where one above the other left two table rows)."""
        self.widget = QSplitter(Qt.Orientation.Horizontal)
        self.widget.setObjectName("threeWaysSplitter")
        self.widget.setChildrenCollapsible(False)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton()
        self.button.setObjectName("threeWaysCompute")
        self.button.clicked.connect(self.compute)
        self.text = QTextBrowser()
        self.text.setObjectName("threeWaysText")
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.text, 1)
        self.widget.addWidget(left)
        self.widget.installEventFilter(self)  # font changes (presentation mode): replot
        self._retranslate_panel()
        return self.widget

    # -- computing ---------------------------------------------------------------
    def compute(self) -> str:
        """Fill the table for the document now; returns the HTML shown."""
        from ...check.finite_diff import central_difference
        from ...check.symbolic import symbolic_report
        from ...core.symbolic import SymbolicError

        self.panel.content()  # where it is shown
        doc = self.ctx.document.copy()  # the symbolic report reads a copy
        try:
            program = self.ctx.session.program()
            _value, grads = program.gradient()
        except (GraphError, EvalError) as exc:
            return self._say(translate_error(exc))
        if any(np.ndim(v) for v in doc.input_values().values()) or any(
                np.ndim(g) for g in grads.values()):
            return self._arrays(doc, program, grads)
        try:
            report = symbolic_report(doc)
        except SymbolicError as exc:
            if _is_arrays(exc):  # an op of arrays (a sum over an axis, a reshape...)
                return self._arrays(doc, program, grads)
            return self._say(translate_error(exc))
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
        self._show(self._html(sizes))
        self._plot()
        return self.text.toHtml()

    def _say(self, message: str) -> str:
        self.rows = []
        self.array_rows = []
        self._show("<p>" + html.escape(message) + "</p>")
        return self.text.toHtml()

    def _arrays(self, doc: Any, program: Any, grads: dict[str, Any]) -> str:
        """Arrays: why there is no symbolic derivative, and the numeric and automatic
        derivatives element by element (the first ones of a large array)."""
        from ...check.symbolic import backward_size, tape_size

        values = doc.input_values()
        self.rows = []
        rows = []
        for name, reverse in grads.items():
            rows += _by_element(program, values, name, reverse)
        head = [self.tr("input"), self.tr("symbolic"), self.tr("central difference"),
                self.tr("reverse mode"), self.tr("error of central difference")]
        out = ["<p><b>" + html.escape(self.tr("No symbolic derivative for arrays.")) + "</b> "
               + html.escape(self.tr(
                   "The textbook rules are written for scalars. With arrays every element "
                   "of the gradient is a sum over indices, ∂f/∂Wᵢⱼ = Σₖ ∂f/∂yₖ · ∂yₖ/∂Wᵢⱼ: "
                   "that needs index notation, which expressions here do not have. The "
                   "numeric and the automatic derivative work element by element:"))
               + "</p>",
               "<table border='1' cellspacing='0' cellpadding='3'><tr>"
               + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"]
        for label, central, reverse in rows:
            out.append(f"<tr><td>{html.escape(label)}</td><td>—</td><td>{central:.12g}</td>"
                       f"<td>{reverse:.12g}</td><td>{abs(central - reverse):.1e}</td></tr>")
        out.append("</table>")
        expression = sum(1 for n in doc.nodes() if doc.kind(n) == "op")
        out.append("<p>" + html.escape(self.tr(
            "Sizes (operations): expression %1; backward graph %2; tape %3")
            .replace("%1", str(expression)).replace("%2", str(backward_size(doc)))
            .replace("%3", str(tape_size(doc)))) + "</p>")
        self.array_rows = rows
        self._show("".join(out))
        return self.text.toHtml()

    def _show(self, body: str) -> None:
        """The intro (it scrolls with the results: no fixed room taken) and ``body``."""
        self.text.setHtml("<p><i>" + html.escape(self.intro_text()) + "</i></p>" + body)

    def intro_text(self) -> str:
        return self.tr(
            "Symbolic (rules on the expression, no sharing), numeric (central difference) "
            "and automatic (reverse mode) derivatives of the output, side by side.")

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
        simplified = html.escape(self.tr("simplified"))
        for r in self.rows:
            out.append(f"<p><b>∂f/∂{html.escape(r['name'])}</b> = "
                       f"<code>{html.escape(r['text'])}</code><br>"
                       f"{simplified}: "
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
        from ...check.symbolic import swell_table

        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            from ..app.fonts import configure_matplotlib

            configure_matplotlib()  # Hangul in the labels (the Plots panel may not be open)
            self.figure = Figure(figsize=(5, 2.6), layout="constrained")
            self.canvas = FigureCanvasQTAgg(self.figure)
            self.canvas.setObjectName("threeWaysPlot")
            self.canvas.setMinimumSize(240, 150)
            self.widget.addWidget(self.canvas)
            self.widget.setStretchFactor(0, 3)
            self.widget.setStretchFactor(1, 2)
            width = max(self.widget.width(), 500)
            self.widget.setSizes([width * 3 // 5, width * 2 // 5])
        table = swell_table("iterate", SWELL_N)
        self.figure.clear()
        # The plot's words as large as the panel's (presentation mode enlarges them).
        points = self.widget.font().pointSizeF()
        size = 0.9 * points if points > 0 else 9.0
        ax = self.figure.add_subplot()
        ax.tick_params(labelsize=size)
        ns = [r["n"] for r in table]
        for key, label in (("expression", self.tr("expression")),
                           ("symbolic", self.tr("symbolic derivative")),
                           ("backward_graph", self.tr("backward graph")),
                           ("tape", self.tr("tape"))):
            ax.plot(ns, [r[key] for r in table], marker="o", label=label)
        ax.set_yscale("log")
        ax.set_xlabel(self.tr("n (x = sin(x)·x, n times)"), fontsize=size)
        ax.set_ylabel(self.tr("operations"), fontsize=size)
        ax.legend(fontsize=0.9 * size)
        self.canvas.draw_idle()

    # -- texts -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Three Ways"))
        if self.panel.built() is not None:
            self._retranslate_panel()

    def _retranslate_panel(self) -> None:
        self.button.setText(self.tr("Compute"))
        if self.rows or self.array_rows:
            self.compute()
        else:
            self._show("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.panel.built() and event.type() == QEvent.Type.FontChange \
                and self.canvas is not None:
            self._plot()
        return False
