"""What showing a lesson page does to the window: its graph, settings, position, panel.

In this order (see ``lessons.py`` for the whole page):

1. ``example`` (+ ``values``): the graph is loaded as ONE undo step, unless the
   canvas already shows it (then only differing values are reset, as one step), so
   the pages of a lesson can step on through one pass;
2. ``mode`` / ``wrt`` / ``upstream`` go to the stepping controller (a page with an
   example and no setting means reverse mode and an upstream gradient of 1);
3. ``until_step``: the pass is moved to where the previous page left it, if it is
   elsewhere (so Back and a jump into the middle of a lesson stay coherent);
4. ``show`` brings a panel forward: ``compare``, ``plots:function|error|contour``
   (with ``plot_input``), ``plots:loss`` (the gradient-descent dock),
   ``code:seed|torch`` or ``numdiff:secant|table`` (the demonstrations
   ``torch:tensors|mechanics`` are the panel's ``LessonDemo``).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget

from ...core.engine import EvalError
from ...course.lessons import Example, Lesson, Page, values_differ
from ..run.gradient_step import GradientStep
from ..run.run_panel import RunPanel
from ..run.stepping import StepController
from ..window.context import WindowContext
from .examples import CANCELLED, LOADED, SAME, VALUES, ensure_example
from .numdiff_widgets import NumDiffBox

PLOT_KINDS = {"function": "function", "error": "sweep", "contour": "contour"}


def _front(dock: Any) -> None:
    if isinstance(dock, QDockWidget):
        dock.show()
        dock.raise_()


class PageActions:
    """Runs the actions of a page (graph, settings, position, the panel it shows)."""

    def __init__(self, ctx: WindowContext, controller: StepController | None,
                 numdiff: NumDiffBox) -> None:
        self.ctx = ctx
        self.controller = controller
        self.numdiff = numdiff
        self.example_result = ""  # what showing the page did to the graph (tests)
        self._pending_plot: tuple[str, str | None] | None = None
        if controller is not None:
            # Connected after the Plots panel's own slot: its inputs are filled by then.
            # The panel is built on first use: build it now, so its slot comes first.
            _ = ctx.parts.get(RunPanel).plots
            controller.programChanged.connect(self._on_program_changed)
            controller.programChanged.connect(self.refresh_numdiff)

    def run(self, lesson: Lesson, page_index: int, example: Example | None) -> bool:
        """The actions of ``lesson.pages[page_index]`` (not the pointer, not the demo);
        False if the user cancelled loading its example (nothing else is done then)."""
        page = lesson.pages[page_index]
        self._pending_plot = None
        self.example_result = ""
        if example is not None:
            self._apply_example(page, example)
            if self.example_result == CANCELLED:
                return False
            self._apply_settings(page)
        if page.until_step is not None:
            self._apply_position(lesson, page_index)
        self.numdiff.show_kind("")
        if page.show:
            self._show_target(page)
        return True

    def _apply_example(self, page: Page, example: Example) -> None:
        result = ensure_example(self.ctx, example, page.values)
        self.example_result = result
        if result == CANCELLED:
            return
        if result != SAME:
            self.ctx.parts.get(GradientStep).clear_history()  # new values: a new descent
        if result == LOADED:
            QTimer.singleShot(0, self.ctx.view, self.ctx.view.zoom_fit)  # dropped if it is gone

    def _apply_settings(self, page: Page) -> None:
        c = self.controller
        if c is None:
            return
        mode = page.mode or "reverse"
        wrt = page.wrt if mode == "forward" else None
        c.set_mode(mode, wrt)
        upstream = page.upstream if page.upstream is not None else 1.0
        if values_differ(c.upstream, upstream):
            c.set_upstream(json.dumps(upstream))

    @staticmethod
    def start_position(lesson: Lesson, page_index: int) -> int:
        """Where the pass stands when a page begins: the previous page's ``until_step``."""
        for earlier in reversed(lesson.pages[:page_index]):
            if earlier.until_step is not None and earlier.example == \
                    lesson.pages[page_index].example:
                return earlier.until_step
        return 0

    def _apply_position(self, lesson: Lesson, page_index: int) -> None:
        c = self.controller
        page = lesson.pages[page_index]
        if c is None or page.until_step is None:
            return
        start = self.start_position(lesson, page_index)
        # Back from a later page: the picture at this page's end; a jump from an
        # earlier place: where the previous page ended.
        target = page.until_step if c.position > page.until_step else start
        if c.position < start or c.position > page.until_step or c.at_error:
            if target == 0:
                c.reset()
            else:
                c.go_to(target)

    def _show_target(self, page: Page) -> None:
        show = page.show or ""
        rp = self.ctx.parts.get(RunPanel)
        kind, _, detail = show.partition(":")
        if show == "compare":
            _front(rp.compare_dock)
        elif show == "plots:loss":
            self.ctx.parts.get(GradientStep).show_dock()
        elif kind == "plots":
            _front(rp.plots_dock)
            plot_kind = PLOT_KINDS[detail]
            if self.example_result in (LOADED, VALUES) and self.controller is not None:
                # After the controller has told the plots about the new graph (its
                # inputs fill the plot's input box then).
                self._pending_plot = (plot_kind, page.plot_input)
            else:
                self._choose_plot(plot_kind, page.plot_input)
        elif kind == "code":
            _front(rp.code_dock)
            editor = rp.code.editors.get(detail)
            if editor is not None:
                rp.code.tabs.setCurrentWidget(editor)
        elif kind == "numdiff":
            self.numdiff.show_kind(detail)
            self.refresh_numdiff()

    def refresh_numdiff(self) -> None:
        """The numerical-differentiation widgets follow the graph on the canvas."""
        c = self.controller
        if not self.numdiff.kind or c is None:
            return
        from ...course.numdiff import scalar_slice

        program = c.program
        try:
            s = scalar_slice(program, None, c.input_values_copy()) if program else None
        except (EvalError, ValueError, ArithmeticError):  # the lesson draws nothing
            s = None
        self.numdiff.set_slice(s)

    def _on_program_changed(self) -> None:
        pending, self._pending_plot = self._pending_plot, None
        if pending is not None:
            self._choose_plot(*pending)

    def _choose_plot(self, kind: str, name: str | None) -> None:
        plots = self.ctx.parts.get(RunPanel).plots
        plots.set_kind(kind)
        if name:
            plots.input_box.setCurrentText(name)
        plots.schedule()
