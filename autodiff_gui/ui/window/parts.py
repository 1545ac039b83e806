"""Which parts the main window is assembled from, in which order, and typed access to them.

``register_parts(ctx)`` registers a factory for every part (none is imported
here at module level: a part's module is imported when the part is built) and
builds the ones the first picture needs, in the order their menu entries
appear.  ``PartsMixin`` gives the window typed properties (``window.run_panel``)
that build a part on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .context import Parts, WindowContext

if TYPE_CHECKING:
    from ..app.language import LanguageMenu
    from ..course.examples import ExamplesMenu
    from ..course.lessons import Lessons
    from ..run.gradient_step import GradientStep
    from ..run.run_panel import RunPanel
    from .presentation import Presentation

RUN_PANEL = "autodiff_gui.ui.run.run_panel.RunPanel"
PRESENTATION = "autodiff_gui.ui.window.presentation.Presentation"
EXAMPLES = "autodiff_gui.ui.course.examples.ExamplesMenu"
GRADIENT_STEP = "autodiff_gui.ui.run.gradient_step.GradientStep"
LESSONS = "autodiff_gui.ui.course.lessons.Lessons"
LANGUAGE_MENU = "autodiff_gui.ui.app.language.LanguageMenu"


def _run_panel(ctx: WindowContext) -> object:
    from ..run.run_panel import RunPanel

    return RunPanel(ctx)


def _presentation(ctx: WindowContext) -> object:
    from .presentation import Presentation

    return Presentation(ctx)


def _examples(ctx: WindowContext) -> object:
    from ..course.examples import ExamplesMenu

    return ExamplesMenu(ctx)


def _gradient_step(ctx: WindowContext) -> object:
    from ..run.gradient_step import GradientStep

    return GradientStep(ctx)


def _lessons(ctx: WindowContext) -> object:
    from ..course.lessons import Lessons

    return Lessons(ctx)


def _language_menu(ctx: WindowContext) -> object:
    from ..app.language import LanguageMenu

    return LanguageMenu(ctx)


# In the order their menu entries and docks are added (View menu, tabs).
FACTORIES: list[tuple[str, Callable[[WindowContext], object]]] = [
    (RUN_PANEL, _run_panel), (PRESENTATION, _presentation), (EXAMPLES, _examples),
    (GRADIENT_STEP, _gradient_step), (LESSONS, _lessons), (LANGUAGE_MENU, _language_menu)]


def register_parts(ctx: WindowContext) -> None:
    """Register every part of the window with ``ctx.parts`` and build them."""
    for key, factory in FACTORIES:
        ctx.parts.register(key, lambda f=factory: f(ctx))  # type: ignore[misc]
    for key, _factory in FACTORIES:
        ctx.parts.build(key)


class PartsMixin:
    """Typed access to the window's parts (each built on first use)."""

    parts: Parts

    @property
    def run_panel(self) -> RunPanel:
        """The Run menu, the step toolbar and the stepping docks."""
        from ..run.run_panel import RunPanel

        return self.parts.get(RunPanel)

    @property
    def presentation(self) -> Presentation:
        """View ▸ Presentation (F11)."""
        from .presentation import Presentation

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
