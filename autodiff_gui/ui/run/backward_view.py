"""Run ▸ Show Backward Graph, Differentiate Again, Back to the Original Graph: a window part.

The backward graph (``core/backward_graph.py``) is shown in the window's one canvas,
as the window's document, so every control acts on the graph the student sees: the
step toolbar steps it, the Inputs panel sets its point (and ``upstream``), Compare
and Three Ways check it, File ▸ Export image draws it.  A row of tabs above the
canvas names the graphs of the trip (the function, its backward graph, each
Differentiate Again) with their node counts; a tab, or Back to the Original Graph
(Ctrl+Shift+B), returns in one action.

The original's history survives the trip, undo **and** redo:

* Showing a graph is one undo step (``_ShowGraph``), so Ctrl+Z never runs one of the
  original's commands on a backward graph: undoing past it shows the graph before.
* Pushing that step would drop the original's redo entries, so before it the trip
  records them: each redone once, as the document after it (``_Trip.tail``), then
  undone again.
* Back undoes the trip's steps (and every edit made on the backward graphs), then
  puts the recorded redo entries back as the same steps (same texts, same
  documents: ``_Replay``) and undoes them: Redo goes on exactly where it was; the
  saved state (the clean index) comes back too.

Before a file is saved, opened or made new, an example or lesson is loaded or an
expression is typed, the window calls ``ctx.before_document_use`` hooks: this part
goes back first, so the original is what is saved or asked about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QUndoCommand
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTabBar, QToolBar, QWidget
from shiboken6 import isValid

from ...core import ops
from ...core.backward_graph import build_backward, op_count
from ...core.graph import Document, GraphError, Snapshot
from ..app.i18n import translate_error
from ..editing.commands import DocumentCommand, ReplaceDocument
from ..window.context import WindowContext
from .stepping import tr_narration

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A second-order graph is counted at once only below this size (it can take a second).
SECOND_ORDER_AT_ONCE = 20_000


class _Counts(QLabel):
    """The node counts: the long text where it fits, else the short one (presentation
    mode's large fonts, a narrow window); the long one is always the tooltip."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.long = self.short = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_texts(self, long: str, short: str) -> None:
        self.long, self.short = long, short
        self.setToolTip(long)
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.fontMetrics().horizontalAdvance(self.long) + 8,
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self.fontMetrics().horizontalAdvance(self.short) + 8,
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        fits = self.fontMetrics().horizontalAdvance(self.long) + 8 <= self.width()
        text = self.long if fits or not self.short else self.short
        if text != self.text():
            self.setText(text)


class _ShowGraph(ReplaceDocument):
    """One step of the trip: the backward graph of the graph shown (level ``level``)."""

    def __init__(self, part: BackwardView, doc: Document, graph: Document, level: int) -> None:
        text = (QT_TRANSLATE_NOOP("commands", "Show the backward graph") if level == 1
                else QT_TRANSLATE_NOOP("commands", "Differentiate again"))
        super().__init__(doc, graph, text)
        self.part = part
        self.level = level

    def redo(self) -> None:
        super().redo()
        self.part._at_level(self.level)

    def undo(self) -> None:
        super().undo()
        self.part._at_level(self.level - 1)


class _Replay(DocumentCommand):
    """One of the original's redo entries, put back after the trip: its document
    before and after, under the command's own text."""

    def __init__(self, doc: Document, before: Snapshot, after: Snapshot,
                 label: tuple[str, tuple[Any, ...]]) -> None:
        super().__init__(doc, label[0], *label[1])
        self.before, self.after = before, after

    def redo(self) -> None:
        self.doc.restore(self.after)

    def undo(self) -> None:
        self.doc.restore(self.before)


class _Dropped(QUndoCommand):
    """Pushed only to clear the redo entries: obsolete at once, so the stack deletes it."""

    def redo(self) -> None:
        self.setObsolete(True)


@dataclass(eq=False)
class _Trip:
    """Where the trip started and what it must put back."""

    index: int  # the undo stack's index when the first backward graph was shown
    clean: int  # its clean index then (-1: none)
    tail: list[tuple[tuple[str, tuple[Any, ...]], Snapshot]]  # the original's redo entries
    steps: list[_ShowGraph] = field(default_factory=list)  # one per level, 1 first
    names: list[str] = field(default_factory=list)  # the variable of each level's output
    counts: dict[str, int] = field(default_factory=dict)  # node counts: function...


class BackwardView(QObject):
    """The three Run menu actions, the tabs of the trip and its state."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.level = 0  # 0: the original; 1: its backward graph; 2: differentiated again…
        self._trip: _Trip | None = None
        self.actionShowBackward = QAction(self)
        self.actionShowBackward.setObjectName("actionShowBackward")
        self.actionShowBackward.triggered.connect(self.show_backward)
        self.actionDifferentiateAgain = QAction(self)
        self.actionDifferentiateAgain.setObjectName("actionDifferentiateAgain")
        self.actionDifferentiateAgain.triggered.connect(self.differentiate_again)
        self.actionBackToOriginal = QAction(self)
        self.actionBackToOriginal.setObjectName("actionBackToOriginal")
        self.actionBackToOriginal.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.actionBackToOriginal.triggered.connect(self.back_to_original)
        from .run_panel import RunPanel

        menu = ctx.parts.get(RunPanel).menu
        menu.addSeparator()
        for act in (self.actionShowBackward, self.actionDifferentiateAgain,
                    self.actionBackToOriginal):
            menu.addAction(act)
        self._build_bar(ctx)
        ctx.undo_stack.indexChanged.connect(self._sync)
        ctx.events.documentReplaced.connect(self._sync)
        ctx.before_document_use.append(self.back_to_original)
        ctx.host.installEventFilter(self)
        self.retranslate()
        self._update()

    def _build_bar(self, ctx: WindowContext) -> None:
        """The tabs of the trip and the node counts, on a row of their own above the
        canvas (shown while a backward graph is)."""
        self.bar = QToolBar(ctx.host)
        self.bar.setObjectName("backwardGraphBar")
        self.bar.setMovable(False)
        self.bar.toggleViewAction().setVisible(False)  # it comes and goes with the trip
        # One expanding row (not toolbar items, which would overflow into a ">>" menu):
        # the tabs whole, the counts in what is left.
        row = QWidget(self.bar)
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(16)
        self.tabs = QTabBar(row)
        self.tabs.setObjectName("backwardTabs")
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(False)  # every tab whole: the counts give way
        self.tabs.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.tabs.tabBarClicked.connect(self.go_to_level)
        self.sizes = _Counts(row)
        self.sizes.setObjectName("backwardSizes")
        box.addWidget(self.tabs)
        box.addWidget(self.sizes, 1)
        self.bar.addWidget(row)
        ctx.host.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        ctx.host.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()

    # -- actions -----------------------------------------------------------------
    def show_backward(self) -> bool:
        """The backward graph of the graph shown now (from the original: its first)."""
        return self._push_backward()

    def differentiate_again(self) -> bool:
        """The backward graph of the backward graph shown (its output differentiated)."""
        if not self.level:
            return False
        return self._push_backward()

    def _push_backward(self) -> bool:
        doc, stack = self.ctx.document, self.ctx.undo_stack
        try:
            bg = build_backward(doc)
        except GraphError as exc:
            self.ctx.status(self.tr("No backward graph: %1").replace(
                "%1", translate_error(exc)))
            return False
        note = self._kink_note()
        trip = self._trip
        if not self.level:
            if trip is None or not trip.steps or not isValid(trip.steps[0]) \
                    or stack.index() != trip.index:
                trip = self._trip = self._start_trip()
                trip.counts["function"] = len(doc)
            trip.steps, trip.names = [], []
        assert trip is not None
        level = self.level + 1
        trip.names[level - 1:] = [next(iter(bg.gradients), "")]
        trip.counts[f"level{level}"] = len(bg.document)
        if level == 1:
            trip.counts["backward"] = trip.counts["level1"]
            trip.counts.pop("second", None)
            if len(bg.document) <= SECOND_ORDER_AT_ONCE:
                try:
                    trip.counts["second"] = len(build_backward(bg.document).document)
                except GraphError:
                    pass
        elif level == 2:
            trip.counts["second"] = trip.counts["level2"]
        from ..presentation.mode import Presentation

        presentation = self.ctx.parts.find(Presentation)
        if presentation is not None:  # the step keeps the graph shown: unspread, not spread
            presentation.unspread()
        step = _ShowGraph(self, doc, bg.document, level)
        trip.steps[level - 1:] = [step]
        stack.push(step)  # shows it (redo) and sets the level
        self.ctx.after_replace()
        self.ctx.status(self.tr("Backward graph (derivative %1): %2 operations; the function "
                                "had %3. Ctrl+Shift+B goes back.")
                        .replace("%1", str(level))
                        .replace("%2", str(op_count(doc)))
                        .replace("%3", str(trip.counts.get("function_ops", 0)))
                        + note)
        self._update()
        return True

    def _start_trip(self) -> _Trip:
        """Record the original's redo entries (each redone once, then all undone)."""
        stack, doc = self.ctx.undo_stack, self.ctx.document
        index = stack.index()
        trip = _Trip(index, stack.cleanIndex(), [])
        trip.counts["function_ops"] = op_count(doc)
        for k in range(index, stack.count()):
            command = stack.command(k)
            if isinstance(command, _ShowGraph):  # an old trip's step: not the original's
                break
            label = (command._label if isinstance(command, DocumentCommand)
                     else (command.text(), ()))
            stack.redo()
            trip.tail.append((label, doc.snapshot()))
        stack.setIndex(index)
        return trip

    def back_to_original(self) -> bool:
        """The function again, exactly as it was; its undo and redo history as they were."""
        trip = self._trip
        if not self.level or trip is None:
            return False
        stack, doc = self.ctx.undo_stack, self.ctx.document
        stack.setIndex(trip.index)  # every edit of the trip undone, then the first step
        if trip.tail:
            before = doc.snapshot()
            for label, after in trip.tail:  # the original's redo entries again
                stack.push(_Replay(doc, before, after, label))
                before = after
            if trip.clean > trip.index:  # the saved state was one of them
                stack.setIndex(trip.clean)
                stack.setClean()
            stack.setIndex(trip.index)
        else:
            stack.push(_Dropped())  # drops the trip's steps from the redo entries
        self._trip = None
        self.level = 0
        self.ctx.after_replace()
        self._update()
        return True

    def go_to_level(self, level: int) -> None:
        """A tab clicked: the function (back, with its history), or a graph of the trip."""
        trip = self._trip
        if level < 0 or level == self.level or trip is None:
            self._update()
            return
        if level == 0:
            self.back_to_original()
            return
        stack = self.ctx.undo_stack
        step = trip.steps[level - 1]
        index = next((k for k in range(stack.count()) if stack.command(k) is step), None)
        if index is not None:
            stack.setIndex(index + 1)  # that graph as it was shown; later edits redo-able
            self.ctx.after_replace()
        self._update()

    def _at_level(self, level: int) -> None:
        """A step of the trip was done or undone (by an action, Undo, Redo or History)."""
        self.level = level
        self._update()

    def _sync(self, *_args: Any) -> None:
        """The history was cleared (New, Open) or the trip's steps were pushed away."""
        trip = self._trip
        if trip is not None and not (trip.steps and isValid(trip.steps[0])):
            self._trip = None
            self.level = 0
            self._update()

    def _kink_note(self) -> str:
        """The kink conventions (the op table's), said when the graph has ops with kinks."""
        d = self.ctx.document
        used = {d.node(n)["op"] for n in d.nodes() if d.kind(n) == "op"}
        kinked = [ops.OPS[name] for name in sorted(used)
                  if name in ops.OPS and (ops.OPS[name].kink or ("",))[0] == "kink"]
        if not kinked:
            return ""
        return " " + self.tr("{ops} have kinks: there the derivative follows PyTorch "
                             "({conventions}); straight pieces have second derivative 0.").format(
            ops=", ".join(op.name for op in kinked),
            conventions="; ".join(tr_narration(op.kink[1])  # type: ignore[index]
                                  for op in kinked))

    # -- texts and state -------------------------------------------------------------
    def tab_text(self, level: int) -> str:
        """What the tab of ``level`` says: the function, or the derivative shown."""
        trip = self._trip
        if level == 0 or trip is None:
            return self.tr("Function f")
        x = trip.names[level - 1] if level - 1 < len(trip.names) else "x"
        if level == 1:
            return self.tr("Backward graph: %1").replace("%1", f"∂f/∂{x}")
        power = str(level).translate(SUPERSCRIPTS)
        return self.tr("Differentiated again: %1").replace("%1", f"∂{power}f/∂{x}{power}")

    def sizes_text(self, short: bool = False) -> str:
        """Node counts of the function, its backward graph and its second-order graph
        (``short``: the numbers only, for a narrow bar)."""
        trip = self._trip
        if trip is None:
            return ""
        c = trip.counts
        second = str(c["second"]) if "second" in c else "…"
        template = (self.tr("Nodes: %1 → %2 → %3") if short else
                    self.tr("Nodes: function %1 · backward graph %2 · second order %3"))
        text = (template.replace("%1", str(c.get("function", 0)))
                .replace("%2", str(c.get("backward", 0))).replace("%3", second))
        if self.level > 2:
            text += " · " + self.tr("this graph %1").replace(
                "%1", str(c.get(f"level{self.level}", 0)))
        return text

    def _update(self) -> None:
        self.actionDifferentiateAgain.setEnabled(self.level > 0)
        self.actionBackToOriginal.setEnabled(self.level > 0)
        trip = self._trip
        shown = self.level > 0 and trip is not None
        if shown:
            assert trip is not None
            levels = 1 + sum(1 for s in trip.steps if isValid(s))
            blocked = self.tabs.blockSignals(True)
            while self.tabs.count() > levels:
                self.tabs.removeTab(self.tabs.count() - 1)
            while self.tabs.count() < levels:
                self.tabs.addTab("")
            for k in range(levels):
                self.tabs.setTabText(k, self.tab_text(k))
            self.tabs.setCurrentIndex(min(self.level, levels - 1))
            self.tabs.blockSignals(blocked)
            self.sizes.set_texts(self.sizes_text(), self.sizes_text(short=True))
        if shown != self.bar.isVisibleTo(self.ctx.host):
            self.bar.setVisible(shown)

    def retranslate(self) -> None:
        self.actionShowBackward.setText(self.tr("Show &Backward Graph"))
        self.actionShowBackward.setStatusTip(self.tr(
            "Put the gradient itself on the canvas, as a graph of primitives: its value "
            "is the derivative by the first input"))
        self.actionDifferentiateAgain.setText(self.tr("&Differentiate Again"))
        self.actionDifferentiateAgain.setStatusTip(self.tr(
            "Replace the backward graph by its own backward graph: second derivatives"))
        self.actionBackToOriginal.setText(self.tr("Back to the &Original Graph"))
        self.actionBackToOriginal.setStatusTip(self.tr(
            "The function again, with its undo and redo history"))
        self.bar.setWindowTitle(self.tr("Backward Graphs"))
        self.tabs.setToolTip(self.tr("The graphs of this trip: click the function to go "
                                     "back to it (Ctrl+Shift+B)"))
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
