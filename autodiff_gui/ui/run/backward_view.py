"""Run ▸ Show Backward Graph, Differentiate Again, Back to the Original Graph: a window part.

The backward graph (``core/backward_graph.py``) takes the canvas in place of the
function, as an ordinary document: the step toolbar steps it, the Compare area
checks it, and Differentiate Again replaces it by its own backward graph (second,
third... derivatives).  One action (Back to the Original Graph, Ctrl+Shift+B) brings
the function back exactly as it was: same node ids, same output, same values.

The undo history of the original is kept: while a backward graph is shown, the
undo stack is inside a macro, so Undo cannot reach the original's commands and
edits of the backward graph gather in that macro.  Going back closes the macro,
undoes it (if the backward graph was edited) and drops it; what the original had
undone before (its redo entries) is gone, like after any new edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand

from ...core import ops
from ...core.backward_graph import build_backward, op_count
from ...core.graph import GraphError, Snapshot
from ..window.context import WindowContext


class _Dropped(QUndoCommand):
    """Pushed only to clear the redo entries: obsolete at once, so the stack deletes it."""

    def redo(self) -> None:
        self.setObsolete(True)


class BackwardView(QObject):
    """The three Run menu actions and the state of the backward-graph view."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.level = 0  # 0: the original; 1: its backward graph; 2: differentiated again
        self._original: Snapshot | None = None
        self._index_before = 0
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
        ctx.host.installEventFilter(self)
        self.retranslate()
        self._update()

    # -- actions -----------------------------------------------------------------
    def show_backward(self) -> bool:
        """The backward graph of the graph shown now (from the original: its first)."""
        if self.level:
            return self.differentiate_again()
        return self._replace_by_backward()

    def differentiate_again(self) -> bool:
        """The backward graph of the backward graph shown (its output differentiated)."""
        return self._replace_by_backward()

    def _replace_by_backward(self) -> bool:
        doc = self.ctx.document
        try:
            bg = build_backward(doc)
        except GraphError as exc:
            self.ctx.status(self.tr("No backward graph: %1").replace("%1", str(exc.message)))
            return False
        if not self.level:
            self._original = doc.snapshot()
            self._index_before = self.ctx.undo_stack.index()
            self.ctx.undo_stack.beginMacro(self.tr("Edits of the backward graph"))
        doc.replace_with(bg.document)
        self.level += 1
        self.ctx.after_replace()
        self.ctx.status(self.tr("Backward graph (derivative %1): %2 operations; the function "
                                "had %3. Ctrl+Shift+B goes back.")
                        .replace("%1", str(self.level))
                        .replace("%2", str(op_count(bg.document)))
                        .replace("%3", str(op_count_of(self._original)))
                        + self._kink_note())
        self._update()
        return True

    def back_to_original(self) -> bool:
        """The function again, exactly as it was; its undo history as it was."""
        if not self.level or self._original is None:
            return False
        stack = self.ctx.undo_stack
        stack.endMacro()
        if stack.index() > self._index_before:
            stack.undo()  # the macro: the backward graph's edits, undone on the backward graph
        stack.push(_Dropped())  # drops the macro (and any redo entry) from the history
        self.ctx.document.restore(self._original)
        self._original = None
        self.level = 0
        self.ctx.after_replace()
        self._update()
        return True

    def _kink_note(self) -> str:
        """The kink convention, said when the graph differentiated has relu or abs."""
        d = self.ctx.document
        kinked = {name for name, op in ops.OPS.items() if op.kink and op.kink[0] == "kink"}
        if not any(d.kind(n) == "op" and d.node(n)["op"] in kinked for n in d.nodes()):
            return ""
        return " " + self.tr("relu and abs have a kink at 0: like PyTorch, their derivative "
                             "there is 0 and their second derivative is 0 everywhere.")

    # -- texts and state -------------------------------------------------------------
    def _update(self) -> None:
        self.actionDifferentiateAgain.setEnabled(self.level > 0)
        self.actionBackToOriginal.setEnabled(self.level > 0)

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
            "The function again, with its undo history"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def op_count_of(snapshot: Snapshot | None) -> int:
    """Operations in a snapshot's document (all of them: the function shown)."""
    if snapshot is None:
        return 0
    return sum(1 for _n, d in snapshot.nodes if d["kind"] == "op")
