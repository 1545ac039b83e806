"""The narration panel: each step said in words and numbers, large enough for a projector.

The current step comes first, emphasised, with its local-derivative rule written
with the real operands (``∂(c·d)/∂c = d``); the steps before it follow, newest first
and quieter.  The text itself is the core's ``narration.Narration`` of the pass
(which knows the upstream gradient and how many contributions each gradient
collects) passed through Qt's translator (context "Narration", the templates of
``core.narration.TEMPLATES``), so a Korean ``.qm`` file translates the sentences.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...core.narration import Narration, rules
from ...core.steps import BackwardStep, ForwardStep, Step
from ...core.values import format_value
from ..app.i18n import translate_error
from .stepping import StepController, tr_narration

HISTORY = 6  # earlier steps shown under the current one

FORWARD_COLOR = "#1565c0"  # values (the canvas's forward colour)
BACKWARD_COLOR = "#c62828"  # gradients (the canvas's backward colour)
ERROR_COLOR = "#b71c1c"


def _t(text: str) -> str:
    return QCoreApplication.translate("NarrationView", text)


def muted_colour(palette: QPalette) -> str:
    """The placeholder colour as an opaque ``#rrggbb`` over the base colour.

    Qt's default placeholder is the text colour at half opacity; rich text drops
    the alpha of ``QColor.name()``, which would make "quieter" lines full black.
    """
    fg = palette.color(QPalette.ColorRole.PlaceholderText)
    bg = palette.color(QPalette.ColorRole.Base)
    a = fg.alphaF()
    mixed = QColor.fromRgbF(*(a * f + (1 - a) * b for f, b in (
        (fg.redF(), bg.redF()), (fg.greenF(), bg.greenF()), (fg.blueF(), bg.blueF()))))
    return mixed.name()


class NarrationView(QTextBrowser):
    """Says the controller's current step (and the few before it) in words and numbers."""

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("narrationView")
        self.setOpenLinks(False)
        self.controller = controller
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.35)
        self.setFont(font)
        self._narration: Narration | None = None
        # More to say at the end of a pass (predict mode's score): plain text or "".
        self.summary_extras: list[Callable[[], str]] = []
        controller.positionChanged.connect(lambda _o, _n: self.refresh())
        controller.stepperReset.connect(self.refresh)
        controller.programChanged.connect(self.refresh)
        controller.settingsChanged.connect(self.refresh)
        controller.accumulatedChanged.connect(self.refresh)
        self.refresh()

    # -- text ----------------------------------------------------------------
    def pass_name(self, step: Step) -> str:
        if isinstance(step, ForwardStep):
            return _t("Forward pass")
        if isinstance(step, BackwardStep):
            return _t("Backward pass")
        # "w[1]" when the pass carries one element of w
        return _t("Forward mode (tangent of {0})").format(
            self.narration().wrt_symbol(step.wrt)[0])

    def narration(self) -> Narration:
        """The core's narration of the current pass (made once per pass)."""
        c = self.controller
        view = c.view
        records = view.stepper.records if view is not None else None
        n = self._narration
        if n is None or n.records is not records or n.program is not c.program \
                or n.upstream is not c.upstream:
            n = self._narration = Narration(c.program, records, c.upstream)
        return n

    def step_text(self, step: Step) -> str:
        """The narration of one step as plain text (translated)."""
        return self.narration().text(step, tr=tr_narration)

    def _formulas(self, step: Step) -> list[str]:
        return rules(step, self.narration().letter(), tr_narration)

    def _colour(self, step: Step) -> str:
        return BACKWARD_COLOR if isinstance(step, BackwardStep) else FORWARD_COLOR

    def _lines_html(self, text: str) -> str:
        return "<br>".join(html.escape(line) for line in text.split("\n"))

    def build_html(self) -> str:
        c = self.controller
        view = c.view
        muted = muted_colour(self.palette())
        parts: list[str] = []
        if view is None or (view.position == 0 and not view.at_error):
            problem = c.upstream_problem()
            if problem:  # → would do nothing: say why here, not only in the status bar
                parts.append(f"<p style='color:{ERROR_COLOR}'>" + html.escape(problem) + "</p>")
            parts.append(f"<p style='color:{muted}'>" + html.escape(self._intro()) + "</p>")
            return "".join(parts)
        records = view.stepper.records
        total = c.total_hint()
        if view.at_error and view.stepper.error is not None:
            err = view.stepper.error
            parts.append(
                f"<p style='color:{ERROR_COLOR}; font-size:125%'><b>"
                + html.escape(_t("Stopped at {label}").format(label=err.label)) + "</b><br>"
                + html.escape(translate_error(err)) + "</p>")
        current = records[view.position - 1] if view.position else None
        if current is not None:
            colour = self._colour(current)
            head = _t("{pass_name} · step {n} of {total}").format(
                pass_name=self.pass_name(current), n=view.position, total=total)
            parts.append(f"<p style='color:{colour}; margin-bottom:2px'>"
                         + html.escape(head) + "</p>")
            weight = "normal" if view.at_error else "bold"
            parts.append(f"<p style='font-size:130%; font-weight:{weight}; margin-top:0'>"
                         + self._lines_html(self.step_text(current)) + "</p>")
            formulas = self._formulas(current)
            if formulas:
                parts.append(f"<p style='color:{muted}'><i>"
                             + html.escape(_t("Local derivative: ")) + "</i>"
                             + html.escape(";  ".join(formulas)) + "</p>")
        if c.done and not view.at_error:
            parts.append(self._summary_html())
            for extra in self.summary_extras:
                text = extra()
                if text:
                    parts.append("<p><b>" + self._lines_html(text) + "</b></p>")
        earlier = records[max(0, view.position - 1 - HISTORY):max(0, view.position - 1)]
        if earlier:
            parts.append(f"<hr><p style='color:{muted}; font-size:85%'>"
                         + html.escape(_t("Earlier steps")) + "</p>")
            for k in range(len(earlier) - 1, -1, -1):
                step = earlier[k]
                n = view.position - len(earlier) + k
                parts.append(f"<p style='color:{muted}; font-size:85%; margin:2px 0'>"
                             f"{n}. " + self._lines_html(self.step_text(step)) + "</p>")
        # pre-wrap keeps the narration's aligned double spaces.
        return "<div style='white-space: pre-wrap'>" + "".join(parts) + "</div>"

    def _summary_html(self) -> str:
        c = self.controller
        view = c.view
        assert view is not None
        program = view.program
        out_known, out_value = view.value_of(program.output_node)
        lines = []
        if out_known:
            lines.append(_t("Done: f = {value}").format(value=format_value(out_value)))
        narration = self.narration()
        if view.mode == "reverse":
            letter, v = narration.letter(), c.upstream
            for name in c.input_names():
                known, g = view.grad_of(program.input_nodes[name])
                if not known:
                    continue
                if view.base.get(program.input_nodes[name]) is not None:
                    lines.append(f"{name}.grad = {format_value(g)}")  # earlier runs added
                elif letter == "f":
                    lines.append(f"{name}.grad = ∂f/∂{name} = {format_value(g)}")
                elif np.ndim(v) == 0 and np.ndim(out_value) == 0:
                    lines.append(f"{name}.grad = {format_value(v)}·∂f/∂{name} = "
                                 f"{format_value(g)}")
                else:
                    lines.append(f"{name}.grad = ∂L/∂{name} = {format_value(g)}")
            if view.base:
                lines.append(_t("(includes the gradients accumulated in earlier runs)"))
        else:
            known, t = view.grad_of(program.output_node)
            wrt = view.stepper.records[0].wrt if view.stepper.records else ""  # type: ignore[union-attr]
            lines.append(f"{narration.tangent_symbol('f', wrt)} = "
                         f"{format_value(t if known else 0.0)}")
            lines.append(_t("One forward-mode pass gives the derivative for one input; "
                            "reverse mode gives every input's in one backward pass."))
        return f"<p style='color:{BACKWARD_COLOR}'>" + "<br>".join(
            html.escape(x) for x in lines) + "</p>"

    def _intro(self) -> str:
        c = self.controller
        if c.program is None:
            return _t("Nothing to step yet: {reason}").format(reason=c.problem or "")
        if c.mode == "forward":
            return _t("Forward mode carries the tangent of one input along with the values. "
                      "Press → (Next step) to begin.")
        return _t("Reverse mode: the forward pass computes every value, then the backward "
                  "pass sends the gradient from the output back to the inputs with the "
                  "chain rule. Press → (Next step) to begin.")

    def refresh(self) -> None:
        self.setHtml(self.build_html())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()  # said again from the step records' templates
        super().changeEvent(event)

    def plain(self) -> str:
        """The shown text without markup (tests, copy)."""
        return self.toPlainText()

