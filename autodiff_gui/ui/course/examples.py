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
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ...core.expr import ParseError, parse
from ...core.graph import GraphError
from ...course.lessons import Example, LessonDataError, load_examples, values_differ
from ..app.i18n import current_language
from ..editing.commands import ReplaceDocument, SetValue

LOADED, VALUES, SAME = "loaded", "values", "same"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Examples", text)


def _after_replace(window: Any) -> None:
    """What the window does after a typed expression replaced the graph."""
    view = getattr(window, "view", None)
    if view is not None:
        view.zoom_fit()
    signal = getattr(window, "documentReplaced", None)
    if signal is not None:
        signal.emit()
    refresh = getattr(window, "refresh", None)
    if callable(refresh):
        refresh()
    bar = getattr(window, "expression_bar", None)
    text_of = getattr(window, "expression_text", None)
    if bar is not None and callable(text_of):
        bar.applied(text_of())


def _prefer_trainable(window: Any, example: Example) -> None:
    step = getattr(window, "gradient_step", None)
    if step is not None:
        step.prefer(example.inputs, example.trainable)


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


def load_example(window: QMainWindow, example: Example,
                 values: Mapping[str, Any] | None = None, lang: str | None = None) -> bool:
    """Replace the graph with ``example`` as one undo step; False if it is there already."""
    doc = window.document  # type: ignore[attr-defined]
    new = example.document(values)
    _prefer_trainable(window, example)
    if new.same_as(doc, positions=False):
        return False
    title = example.title(lang or current_language())
    window.undo_stack.push(ReplaceDocument(  # type: ignore[attr-defined]
        doc, new, _tr("Load example: {title}").format(title=title)))
    _after_replace(window)
    return True


def ensure_example(window: QMainWindow, example: Example,
                   values: Mapping[str, Any] | None = None, lang: str | None = None) -> str:
    """Make the canvas show ``example`` with ``values`` (over the example's own).

    Returns ``SAME`` (nothing to do: the stepping position is kept), ``VALUES``
    (the graph was there; its values were reset as one undo step) or ``LOADED``.
    """
    doc = window.document  # type: ignore[attr-defined]
    if not matches(doc, example):
        load_example(window, example, values, lang)
        return LOADED
    _prefer_trainable(window, example)
    wanted = {**example.values, **(values or {})}
    current = doc.input_values()
    changes = [(doc.find_input(name), v) for name, v in wanted.items()
               if values_differ(current[name], v)]
    if not changes:
        return SAME
    stack = window.undo_stack  # type: ignore[attr-defined]
    stack.beginMacro(_tr("Set the values of {title}").format(
        title=example.title(lang or current_language())))
    try:
        for node, value in changes:
            stack.push(SetValue(doc, node, value))
    finally:
        stack.endMacro()
    return VALUES


class ExamplesMenu(QObject):
    """The Examples menu of a window (``menuExamples``), one action per example."""

    def __init__(self, window: QMainWindow, examples: Mapping[str, Example] | None = None
                 ) -> None:
        super().__init__(window)
        self.window = window
        self.error = ""
        if examples is None:
            try:
                examples = load_examples()
            except LessonDataError as exc:  # a broken file must not stop the app
                self.error = exc.message
                examples = {}
        self.examples: dict[str, Example] = dict(examples)
        add_menu = getattr(window, "add_menu", None)
        title = self.tr("E&xamples")
        if callable(add_menu):
            self.menu: QMenu = add_menu(title, "menuExamples")
        else:
            self.menu = window.menuBar().addMenu(title)
            self.menu.setObjectName("menuExamples")
        self.actions: dict[str, QAction] = {}
        self.language = ""
        self.rebuild()

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
        self.menu.setToolTipsVisible(True)

    def choose(self, example_id: str) -> bool:
        """Load the example ``example_id`` (one undo step); False if it was there already."""
        ex = self.examples[example_id]
        loaded = load_example(self.window, ex, lang=self.language)
        show = getattr(self.window, "show_message", None)
        if callable(show):
            show(self.tr("Example: {title}").format(title=ex.title(self.language)))
        return loaded


def attach(window: QMainWindow) -> ExamplesMenu:
    """Add the Examples menu to ``window`` (once)."""
    existing = getattr(window, "examples", None)
    if isinstance(existing, ExamplesMenu):
        return existing
    menu = ExamplesMenu(window)
    window.examples = menu  # type: ignore[attr-defined]
    return menu
