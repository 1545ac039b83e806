"""The Examples menu: ready-made graphs from ``resources/examples/examples.json``.

Choosing an example replaces the graph as ONE undo step (the expression parsed
with the example's values, laid out), like typing the expression would.  The
lessons load their graphs through ``ensure_example`` here, which does nothing when
the graph on the canvas already is the example (so a lesson's pages can step on
through one pass) and only resets the values when those alone differ.

The titles are in the UI language (``i18n.current_language``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ...core.expr import ParseError, parse
from ...core.graph import GraphError
from ..app.i18n import current_language
from ..editing.commands import DocumentCommand, ReplaceDocument, SetValue
from ..window.context import WindowContext

if TYPE_CHECKING:  # the lesson data is read when the menu first opens, not at start-up
    from ...course.lessons import Example

LOADED, VALUES, SAME, CANCELLED = "loaded", "values", "same", "cancelled"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Examples", text)


def _prefer_trainable(ctx: WindowContext, example: Example) -> None:
    from ..run.gradient_step import GradientStep  # a part: imported when first needed

    ctx.parts.get(GradientStep).prefer(example.inputs, example.trainable)


def matches(document: Any, example: Example) -> bool:
    """True if ``document`` is the example's graph (whatever its input values)."""
    names = set(example.inputs)
    current = {k: v for k, v in document.input_values().items() if k in names}
    if set(current) != names:
        return False
    try:
        candidate = parse(example.expression, values=current)
    except (ParseError, GraphError):
        return False
    return candidate.same_as(document, positions=False)


class ExampleTitle:
    """An example's title in the language of the moment (``str``), so the undo history
    says it again in a new language (``commands.retranslate_stack``)."""

    def __init__(self, example: Example) -> None:
        self.example = example

    def __str__(self) -> str:
        return self.example.title(current_language())


class SetExampleValues(DocumentCommand):
    """One undo step setting several inputs to an example's values."""

    def __init__(self, doc: Any, changes: list[SetValue], example: Example) -> None:
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Set the values of %1"),
                         ExampleTitle(example))
        self.changes = changes

    def redo(self) -> None:
        for change in self.changes:
            change.redo()

    def undo(self) -> None:
        for change in reversed(self.changes):
            change.undo()


def load_example(ctx: WindowContext, example: Example,
                 values: Mapping[str, Any] | None = None) -> bool:
    """Replace the graph with ``example`` as one undo step; False if it is there already
    or the user kept an open file's unsaved changes (``ctx.before_example``)."""
    doc = ctx.document
    new = example.document(values)
    if new.same_as(doc, positions=False):
        _prefer_trainable(ctx, example)
        return False
    if not ctx.before_example():  # an open file: asked about, then left (untitled)
        return False
    _prefer_trainable(ctx, example)
    ctx.undo_stack.push(ReplaceDocument(
        doc, new, QT_TRANSLATE_NOOP("commands", "Load example: %1"), ExampleTitle(example)))
    ctx.after_replace()
    return True


def ensure_example(ctx: WindowContext, example: Example,
                   values: Mapping[str, Any] | None = None) -> str:
    """Make the canvas show ``example`` with ``values`` (over the example's own).

    Returns ``SAME`` (nothing to do: the stepping position is kept), ``VALUES``
    (the graph was there; its values were reset as one undo step), ``LOADED`` or
    ``CANCELLED`` (the user kept an open file with unsaved changes).
    """
    from ...course.lessons import values_differ

    doc = ctx.document
    if not matches(doc, example):
        return LOADED if load_example(ctx, example, values) else CANCELLED
    _prefer_trainable(ctx, example)
    wanted = {**example.values, **(values or {})}
    current = doc.input_values()
    changes = [(doc.find_input(name), v) for name, v in wanted.items()
               if values_differ(current[name], v)]
    if not changes:
        return SAME
    ctx.undo_stack.push(SetExampleValues(
        doc, [SetValue(doc, node, value) for node, value in changes], example))
    return VALUES


class ExamplesMenu(QObject):
    """The Examples menu of a window (``menuExamples``), one action per example.

    The examples file is read and the menu filled when the menu is first opened
    (or an example is chosen from code): start-up does not wait for it.
    """

    def __init__(self, ctx: WindowContext, examples: Mapping[str, Example] | None = None
                 ) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.error = ""
        self._examples: dict[str, Example] | None = (
            dict(examples) if examples is not None else None)
        self.menu: QMenu = ctx.menus.add_menu("", "menuExamples")
        self.menu.setToolTipsVisible(True)
        self.menu.aboutToShow.connect(self._fill_once)
        self.actions: dict[str, QAction] = {}
        self.language = ""
        self.retranslate()

    @property
    def examples(self) -> dict[str, Example]:
        """The examples by id (read from the file on first use)."""
        if self._examples is None:
            from ...course.lessons import LessonDataError, load_examples

            try:
                self._examples = dict(load_examples())
            except LessonDataError as exc:  # a broken file must not stop the app
                self.error = exc.message
                self._examples = {}
        return self._examples

    def _fill_once(self) -> None:
        if self.language != current_language() or not self.menu.actions():
            self.rebuild()

    def retranslate(self) -> None:
        """The menu title now; the titles of the examples when it is next opened."""
        self.menu.setTitle(self.tr("E&xamples"))
        if self.menu.actions():
            self.rebuild()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # passed on by the window
            self.retranslate()
        return super().event(event)

    def rebuild(self, lang: str | None = None) -> None:
        """Fill the menu with the titles in ``lang`` (default: the UI language)."""
        self.language = lang or current_language()
        self.menu.clear()
        self.actions.clear()
        if not self.examples:
            empty = self.menu.addAction(self.tr("No examples found"))
            empty.setEnabled(False)
            if self.error:
                empty.setToolTip(self.error)
            return
        for ex in self.examples.values():
            act = self.menu.addAction(ex.title(self.language))
            act.setObjectName(f"actionExample_{ex.id}")
            act.setData(ex.id)
            tip = self.tr("Build f = {expression}").format(expression=ex.expression)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            act.triggered.connect(lambda _checked=False, i=ex.id: self.choose(i))
            self.actions[ex.id] = act

    def choose(self, example_id: str) -> bool:
        """Load the example ``example_id`` (one undo step); False if it was there already."""
        ex = self.examples[example_id]
        lang = self.language or current_language()
        loaded = load_example(self.ctx, ex)
        if loaded or matches(self.ctx.document, ex):
            self.ctx.status(self.tr("Example: {title}").format(title=ex.title(lang)))
        return loaded
