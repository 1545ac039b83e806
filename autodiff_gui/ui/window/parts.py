"""Which parts the main window is assembled from, in which order, and typed access to them.

``register_parts(ctx)`` registers a factory for every part (none is imported
here at module level: a part's module is imported when the part is built) and
builds the ones the first picture needs, in the order their menu entries
appear.  The lessons and gradient descent are built on first use: a
``PartEntry`` (``entries.py``) gives them their dock, action and View entry at
once.  ``PartsMixin`` gives the window typed properties (``window.run_panel``)
that build a part on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

from .context import Parts, WindowContext
from .entries import EntrySpec, PartEntry

if TYPE_CHECKING:
    from ..app.language import LanguageMenu
    from ..course.examples import ExamplesMenu
    from ..course.lessons import Lessons
    from ..presentation.mode import Presentation
    from ..run.gradient_step import GradientStep
    from ..run.predict import PredictMode
    from ..run.run_panel import RunPanel

RUN_PANEL = "autodiff_gui.ui.run.run_panel.RunPanel"
PREDICT_MODE = "autodiff_gui.ui.run.predict.PredictMode"
PRESENTATION = "autodiff_gui.ui.presentation.mode.Presentation"
EXAMPLES = "autodiff_gui.ui.course.examples.ExamplesMenu"
CLASSROOM = "autodiff_gui.ui.course.classroom.ClassroomTools"
BACKWARD_VIEW = "autodiff_gui.ui.run.backward_view.BackwardView"
THREE_WAYS = "autodiff_gui.ui.checks.three_ways.ThreeWays"
GRADIENT_STEP = "autodiff_gui.ui.run.gradient_step.GradientStep"
LESSONS = "autodiff_gui.ui.course.lessons.Lessons"
LANGUAGE_MENU = "autodiff_gui.ui.app.language.LanguageMenu"
BLOCK_TOOLS = "autodiff_gui.ui.editing.blocks.BlockTools"


def _run_panel(ctx: WindowContext) -> object:
    from ..run.run_panel import RunPanel

    return RunPanel(ctx)


def _predict_mode(ctx: WindowContext) -> object:
    from ..run.predict import PredictMode

    return PredictMode(ctx)


def _presentation(ctx: WindowContext) -> object:
    from ..presentation.mode import Presentation

    return Presentation(ctx)


def _backward_view(ctx: WindowContext) -> object:
    from ..run.backward_view import BackwardView

    return BackwardView(ctx)


def _three_ways(ctx: WindowContext) -> object:
    from ..checks.three_ways import ThreeWays

    return ThreeWays(ctx)


def _block_tools(ctx: WindowContext) -> object:
    from ..editing.blocks import BlockTools

    return BlockTools(ctx)


def _examples(ctx: WindowContext) -> object:
    from ..course.examples import ExamplesMenu

    return ExamplesMenu(ctx)


def _classroom(ctx: WindowContext) -> object:
    from ..course.classroom import ClassroomTools

    return ClassroomTools(ctx)


# English sources in the parts' own translation contexts (the parts say the same).
GRADIENT_ENTRY = EntrySpec(
    GRADIENT_STEP, "GradientStep", "gradientStepDock", "Gradient Descent",
    Qt.DockWidgetArea.BottomDockWidgetArea, "actionGradientStep", "&Gradient Step",
    "Move the chosen inputs against their gradient: x ← x − η·∂f/∂x", ["Ctrl+Shift+G"],
    icon=QStyle.StandardPixmap.SP_ArrowDown, tip_with_shortcut=True,
    on_trigger=lambda part: part.step())
LESSONS_ENTRY = EntrySpec(
    LESSONS, "Lessons", "lessonsDock", "Lessons", Qt.DockWidgetArea.LeftDockWidgetArea,
    "actionLessons", "&Lessons",
    "Learn automatic differentiation step by step, with the notebook's examples",
    [QKeySequence.StandardKey.HelpContents], toggle_name="actionShowLessons", hidden=True,
    on_trigger=lambda part: part.open())


def _gradient_entry(ctx: WindowContext) -> PartEntry:
    run_panel: Any = ctx.parts.build(RUN_PANEL)
    entry = PartEntry(ctx, GRADIENT_ENTRY, run_panel.menu,
                      tab_with=lambda: run_panel.plots_dock)
    if not entry.placed:
        run_panel.trace_dock.raise_()  # the run panel's default front tab stays in front
    return entry


def _gradient_step(ctx: WindowContext, entry: PartEntry) -> object:
    from ..run.gradient_step import GradientStep

    return GradientStep(ctx, entry=entry)


def _lessons_entry(ctx: WindowContext) -> PartEntry:
    return PartEntry(ctx, LESSONS_ENTRY, ctx.menus.help, first_in_menu=True)


def _lessons(ctx: WindowContext, entry: PartEntry) -> object:
    from ..course.lessons import Lessons

    return Lessons(ctx, entry=entry)


def _language_menu(ctx: WindowContext) -> object:
    from ..app.language import LanguageMenu

    return LanguageMenu(ctx)


# Built at start, in the order their menu entries and docks are added (View menu, tabs).
FACTORIES: list[tuple[str, Callable[[WindowContext], object]]] = [
    (RUN_PANEL, _run_panel), (PREDICT_MODE, _predict_mode), (BACKWARD_VIEW, _backward_view),
    (THREE_WAYS, _three_ways), (BLOCK_TOOLS, _block_tools),
    (PRESENTATION, _presentation), (EXAMPLES, _examples), (CLASSROOM, _classroom)]
# Built on first use; their entries are made at start, after the parts above.
LAZY: list[tuple[str, Callable[[WindowContext], PartEntry],
                 Callable[[WindowContext, PartEntry], object]]] = [
    (GRADIENT_STEP, _gradient_entry, _gradient_step), (LESSONS, _lessons_entry, _lessons)]
LAST = [(LANGUAGE_MENU, _language_menu)]  # View ▸ Language closes the View menu


def register_parts(ctx: WindowContext) -> dict[str, PartEntry]:
    """Register every part of the window with ``ctx.parts``, build those the first
    picture needs and make the entries of the others; returns the entries by key."""
    for key, factory in FACTORIES + LAST:
        ctx.parts.register(key, lambda f=factory: f(ctx))  # type: ignore[misc]
    for key, _factory in FACTORIES:
        ctx.parts.build(key)
    entries: dict[str, PartEntry] = {}
    for key, make_entry, factory in LAZY:
        entry = entries[key] = make_entry(ctx)
        ctx.parts.register(key, lambda f=factory, e=entry: f(ctx, e))  # type: ignore[misc]
    for key, _factory in LAST:
        ctx.parts.build(key)
    return entries


class PartsMixin:
    """Typed access to the window's parts (each built on first use)."""

    parts: Parts

    @property
    def run_panel(self) -> RunPanel:
        """The Run menu, the step toolbar and the stepping docks."""
        from ..run.run_panel import RunPanel

        return self.parts.get(RunPanel)

    @property
    def predict_mode(self) -> PredictMode:
        """Run ▸ Predict Mode and its question box."""
        from ..run.predict import PredictMode

        return self.parts.get(PredictMode)

    @property
    def presentation(self) -> Presentation:
        """View ▸ Presentation (F11)."""
        from ..presentation.mode import Presentation

        return self.parts.get(Presentation)

    @property
    def examples(self) -> ExamplesMenu:
        """The Examples menu."""
        from ..course.examples import ExamplesMenu

        return self.parts.get(ExamplesMenu)

    @property
    def gradient_step(self) -> GradientStep:
        """The gradient-step action and the Gradient Descent dock."""
        from ..run.gradient_step import GradientStep

        return self.parts.get(GradientStep)

    @property
    def lessons(self) -> Lessons:
        """Help ▸ Lessons and the Lessons dock."""
        from ..course.lessons import Lessons

        return self.parts.get(Lessons)

    @property
    def language_menu(self) -> LanguageMenu:
        """View ▸ Language."""
        from ..app.language import LanguageMenu

        return self.parts.get(LanguageMenu)
