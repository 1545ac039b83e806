"""Composite blocks in the window: make, expand, open and step inside, fused rules, My blocks.

A window part (built from the ``WindowContext``).  Edit ▸ Make Block… (Ctrl+B) turns the
selected blocks into one composite block (``core/composite.py``), Expand Block puts its
body back, both one undo step.  Open Block (or a double-click on a block) shows the
block's body on the canvas as its own graph, its inputs set to the values the block
receives at the current point, to step inside; Back from Block (Ctrl+Alt+B) brings the
graph back exactly, with its undo history (the body is shown inside an undo macro that
is dropped on the way back, as ``run/backward_view.py`` does for the backward graph;
edits inside are not kept).  Run ▸ Step Blocks as One makes each block's steps one step
(the block's fused VJP in the backward pass).  Fused Rules… lets a student write a
block's derivative and checks it against the expanded graph (``core/composite_rules``).
Add to My Blocks keeps a block in the user's library (a file in the app's data folder),
shown in the palette's "My blocks" group and placed like any block.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPointF,
    QStandardPaths,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ...core import block_library, composite
from ...core.composite_rules import RuleReport, check_rules
from ...core.engine import EvalError
from ...core.fileio import FileFormatError
from ...core.graph import GraphError, Snapshot
from ..app.i18n import translate_error, translate_text
from ..window.context import WindowContext
from .commands import ReplaceDocument, try_push

LIBRARY_FILE = "blocks.adgraph.json"


def library_path() -> str:
    """Where My blocks are kept: the app's data folder (tests point it elsewhere)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return os.path.join(folder, LIBRARY_FILE)


class _Dropped(QUndoCommand):
    """Pushed only to clear the redo entries: obsolete at once, so the stack deletes it."""

    def redo(self) -> None:
        self.setObsolete(True)


@dataclass
class _Opened:
    """A block shown in place of the graph: what to put back."""

    original: Snapshot
    index_before: int
    block: str


class BlockTools(QObject):
    """The composite-block actions of the window (see the module docstring)."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.opened: list[_Opened] = []
        self.library: dict[str, composite.CompositeDef] = {}
        self.library_error = ""
        edit = ctx.menus.edit
        edit.addSeparator()
        self.actionMakeBlock = self._action("actionMakeBlock", "Ctrl+B", self.ask_make_block)
        self.actionExpandBlock = self._action("actionExpandBlock", None,
                                              lambda: self.expand_block())
        self.actionOpenBlock = self._action("actionOpenBlock", None, lambda: self.open_block())
        self.actionBackFromBlock = self._action("actionBackFromBlock", "Ctrl+Alt+B",
                                                self.back_from_block)
        self.actionFusedRules = self._action("actionFusedRules", None,
                                             lambda: self.show_rules())
        self.actionAddToMyBlocks = self._action("actionAddToMyBlocks", None,
                                                lambda: self.add_to_library())
        for act in (self.actionMakeBlock, self.actionExpandBlock, self.actionOpenBlock,
                    self.actionBackFromBlock, self.actionFusedRules, self.actionAddToMyBlocks):
            edit.addAction(act)
        self.actionStepBlocksAsOne = QAction(self)
        self.actionStepBlocksAsOne.setObjectName("actionStepBlocksAsOne")
        self.actionStepBlocksAsOne.setCheckable(True)
        from ..run.run_panel import RunPanel

        run_panel = ctx.parts.get(RunPanel)
        run_panel.menu.addAction(self.actionStepBlocksAsOne)
        self.controller = run_panel.controller
        self.controller.step_group = self._group
        self.controller.positionChanged.connect(self._after_move)
        ctx.scene.node_menu_extras.append(self._node_menu)
        ctx.scene.nodeDoubleClicked.connect(self._double_clicked)
        ctx.view.block_dropper = self.drop_library_block
        ctx.before_document_use.append(self.back_to_graph)
        ctx.host.installEventFilter(self)
        self.load_library()
        self.retranslate()
        self._update()

    def _action(self, name: str, key: str | None, slot: Any) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        if key:
            act.setShortcut(QKeySequence(key))
        act.triggered.connect(slot)
        return act

    # -- the selected block ------------------------------------------------------
    def selected_block(self) -> int | None:
        """The selected composite block (the first one), or None."""
        doc = self.ctx.document
        for n in self.ctx.scene.selected_nodes():
            if n in doc and doc.kind(n) == "composite":
                return n
        return None

    def _replace(self, new: Any, text: str, *args: Any) -> bool:
        refused = try_push(self.ctx.undo_stack,
                           lambda: ReplaceDocument(self.ctx.document, new, text, *args))
        if refused:
            self.ctx.status(refused)
            return False
        return True

    # -- make and expand ------------------------------------------------------------
    def ask_make_block(self) -> bool:
        name, ok = QInputDialog.getText(self.ctx.host, self.tr("Make Block"), self.tr(
            "Name of the new block (letters, digits, _):"), text="block")
        return ok and self.make_block(name.strip())

    def make_block(self, name: str, nodes: list[int] | None = None) -> bool:
        """The selected blocks (or ``nodes``) become block ``name``: one undo step."""
        selection = self.ctx.scene.selected_nodes() if nodes is None else nodes
        new = self.ctx.document.copy()
        try:
            node = composite.make_block(new, selection, name)
        except GraphError as exc:
            self.ctx.status(self.tr("No block made: %1").replace("%1", translate_error(exc)))
            return False
        if not self._replace(new, QT_TRANSLATE_NOOP("commands", "Make block %1"), name):
            return False
        self.ctx.after_replace()
        self.ctx.scene.select_only([node])
        self.ctx.status(self.tr("Block %1 made: double-click it to open it").replace("%1", name))
        return True

    def expand_block(self, node: int | None = None) -> bool:
        """Put a block's body back in its place: one undo step."""
        node = self.selected_block() if node is None else node
        if node is None:
            self.ctx.status(self.tr("Select a block first"))
            return False
        new = self.ctx.document.copy()
        name = new.node(node)["block"]
        try:
            made = composite.inline_block(new, node)
        except GraphError as exc:
            self.ctx.status(translate_error(exc))
            return False
        if not self._replace(new, QT_TRANSLATE_NOOP("commands", "Expand block %1"), name):
            return False
        self.ctx.after_replace()
        self.ctx.scene.select_only(made)
        return True

    # -- open and back ----------------------------------------------------------------
    def _point(self, node: int) -> dict[str, Any]:
        """The values block ``node`` receives at the current point (by input name)."""
        doc = self.ctx.document
        defn = doc.composites[doc.node(node)["block"]]
        program = self.ctx.session.try_program()
        if program is None or node not in program.index:
            return {}
        try:
            values = program.node_values()
        except EvalError:
            return {}
        return {name: values[src] for name, src in zip(defn.inputs, doc.arguments(node))
                if src is not None and src in values}

    def open_block(self, node: int | None = None) -> bool:
        """Show the body of a block in place of the graph, at the current point."""
        node = self.selected_block() if node is None else node
        doc = self.ctx.document
        if node is None or node not in doc or doc.kind(node) != "composite":
            self.ctx.status(self.tr("Select a block first"))
            return False
        name = doc.node(node)["block"]
        body = composite.body_document(doc, name)
        for input_name, value in self._point(node).items():
            body.set_value(body.find_input(input_name), value)
        stack = self.ctx.undo_stack
        self.opened.append(_Opened(doc.snapshot(), stack.index(), name))
        stack.beginMacro(self.tr("Inside block %1").replace("%1", name))
        doc.replace_with(body)
        self.ctx.after_replace()
        self.ctx.status(self.tr("Inside block %1: step it like any graph. Ctrl+Alt+B goes "
                                "back (changes inside are not kept).").replace("%1", name))
        self._update()
        return True

    def back_from_block(self) -> bool:
        """The graph again, exactly as it was, with its undo history (one level)."""
        if not self.opened:
            return False
        level = self.opened.pop()
        stack = self.ctx.undo_stack
        stack.endMacro()
        if stack.index() > level.index_before:
            stack.undo()  # the macro: edits made inside, undone
        stack.push(_Dropped())
        self.ctx.document.restore(level.original)
        self.ctx.after_replace()
        self._update()
        return True

    def back_to_graph(self) -> None:
        """Every level back (before a file, an example or a typed expression is used)."""
        while self.back_from_block():
            pass

    def _double_clicked(self, node: int) -> None:
        doc = self.ctx.document
        if node in doc and doc.kind(node) == "composite":
            self.open_block(node)

    # -- stepping a block as one ---------------------------------------------------------
    def _group(self, record: Any) -> Any:
        """The block a step belongs to, when blocks are stepped as one (else None)."""
        if not self.actionStepBlocksAsOne.isChecked():
            return None
        view = self.controller.view
        if view is None:
            return None
        node = record.node
        origin = view.program.origin
        if node in origin:
            return record.pass_name, origin[node][0]
        doc = self.ctx.document
        if node in doc and doc.kind(node) == "composite":
            return record.pass_name, node
        return None

    def _after_move(self, old: int, new: int) -> None:
        """After a block's steps taken as one, the status bar says what the block did."""
        view = self.controller.view
        if new - old <= 1 or view is None or not self.actionStepBlocksAsOne.isChecked():
            return
        records = view.stepper.records[old:new]
        group = self._group(records[-1])
        if group is None or any(self._group(r) != group for r in records):
            return
        pass_name, node = group
        doc = self.ctx.document
        name = doc.node(node)["block"] if node in doc and doc.kind(node) == "composite" else ""
        if pass_name == "backward":
            inner = view.program.origin
            targets = sorted({c.source_label for r in records
                              for c in getattr(r, "contributions", ())
                              if c.source not in inner and c.source != node})
            self._say_later(self.tr("Block %1 as one step (%2 steps inside): its gradient "
                                    "reaches %3 at once").replace("%1", name)
                            .replace("%2", str(len(records))).replace("%3", ", ".join(targets)))
        else:
            self._say_later(self.tr("Block %1 as one step (%2 steps inside)")
                            .replace("%1", name).replace("%2", str(len(records))))

    def _say_later(self, text: str) -> None:
        """After the run panel's "Step n of m" for the same move (it follows the signal)."""
        QTimer.singleShot(0, self, lambda: self.ctx.status(text))

    # -- fused rules -----------------------------------------------------------------------
    def check_block_rules(self, node: int, rules: dict[str, str]) -> RuleReport:
        """The verdicts of ``rules`` for block ``node`` at the current point."""
        doc = self.ctx.document
        defn = doc.composites[doc.node(node)["block"]].with_rules(rules)
        return check_rules(defn, doc.composites, self._point(node))

    def save_rules(self, node: int, rules: dict[str, str]) -> bool:
        """Keep ``rules`` as the block's fused rules: one undo step."""
        new = self.ctx.document.copy()
        name = new.node(node)["block"]
        try:
            new.set_composite(new.composites[name].with_rules(rules))
            from ...core.composite_rules import check_rule_texts

            check_rule_texts(new.composites[name])
        except GraphError as exc:
            self.ctx.status(translate_error(exc))
            return False
        return self._replace(new, QT_TRANSLATE_NOOP("commands", "Fused rules of %1"), name)

    def show_rules(self, node: int | None = None) -> RulesDialog | None:
        node = self.selected_block() if node is None else node
        if node is None:
            self.ctx.status(self.tr("Select a block first"))
            return None
        dialog = RulesDialog(self, node, self.ctx.host)
        dialog.show()
        return dialog

    # -- My blocks --------------------------------------------------------------------------
    def load_library(self) -> None:
        try:
            self.library = block_library.load(library_path())
            self.library_error = ""
        except FileFormatError as exc:  # a damaged library: said, and left as it is
            self.library, self.library_error = {}, translate_error(exc)
            self.ctx.status(self.tr("My blocks could not be read: %1")
                            .replace("%1", self.library_error))
        self._show_library()

    def _show_library(self) -> None:
        dock = self.ctx.docks.get("paletteDock")
        palette = dock.widget() if dock is not None else None
        if palette is not None and hasattr(palette, "set_user_blocks"):
            palette.set_user_blocks({name: ", ".join(d.inputs)
                                     for name, d in self.library.items()})

    def add_to_library(self, node: int | None = None) -> bool:
        """Keep the selected block (and the blocks it uses) in My blocks."""
        node = self.selected_block() if node is None else node
        if node is None:
            self.ctx.status(self.tr("Select a block first"))
            return False
        doc = self.ctx.document
        name = doc.node(node)["block"]
        try:
            library = block_library.with_block(self.library, doc, name)
            block_library.save(library_path(), library)
        except (GraphError, OSError) as exc:
            self.ctx.status(self.tr("Not kept in My blocks: %1").replace(
                "%1", translate_error(exc) if isinstance(exc, GraphError) else str(exc)))
            return False
        self.library = library
        self._show_library()
        self.ctx.status(self.tr("Block %1 is in My blocks").replace("%1", name))
        return True

    def drop_library_block(self, name: str, pos: QPointF) -> int | None:
        """Place library block ``name`` at ``pos`` (its definitions come along): one step."""
        if name not in self.library:
            self.ctx.status(self.tr("There is no block %1 in My blocks").replace("%1", name))
            return None
        new = self.ctx.document.copy()
        try:
            for defn in block_library.into_document(self.library, new, name):
                new.set_composite(defn)
            node = new.add_composite(name, pos=(pos.x() - 60, pos.y() - 30))
        except GraphError as exc:
            self.ctx.status(translate_error(exc))
            return None
        if not self._replace(new, QT_TRANSLATE_NOOP("commands", "Add block %1"), name):
            return None
        self.ctx.scene.select_only([node])
        return node

    # -- menus and texts ------------------------------------------------------------------
    def _node_menu(self, menu: QMenu, node: int) -> None:
        doc = self.ctx.document
        if node not in doc or doc.kind(node) != "composite":
            return
        menu.addSeparator()
        menu.addAction(self.tr("Open block")).triggered.connect(lambda: self.open_block(node))
        menu.addAction(self.tr("Expand block")).triggered.connect(
            lambda: self.expand_block(node))
        menu.addAction(self.tr("Fused rules…")).triggered.connect(lambda: self.show_rules(node))
        menu.addAction(self.tr("Add to My blocks")).triggered.connect(
            lambda: self.add_to_library(node))

    def _update(self) -> None:
        self.actionBackFromBlock.setEnabled(bool(self.opened))

    def retranslate(self) -> None:
        texts = {
            self.actionMakeBlock: (self.tr("Make &Block…"), self.tr(
                "Turn the selected blocks into one named block with their inputs and output")),
            self.actionExpandBlock: (self.tr("E&xpand Block"), self.tr(
                "Put the selected block's inside back in its place")),
            self.actionOpenBlock: (self.tr("&Open Block"), self.tr(
                "Show the inside of the selected block to step through it")),
            self.actionBackFromBlock: (self.tr("Back from Block"), self.tr(
                "The graph again, as it was, with its undo history")),
            self.actionFusedRules: (self.tr("F&used Rules…"), self.tr(
                "Write the block's own derivative and check it against its inside")),
            self.actionAddToMyBlocks: (self.tr("Add to &My Blocks"), self.tr(
                "Keep the selected block in the palette's My blocks, across restarts")),
            self.actionStepBlocksAsOne: (self.tr("Step Blocks as &One"), self.tr(
                "A block's steps are one step: its value at once, and in the backward pass "
                "the gradients of all its inputs at once (its fused VJP)")),
        }
        for act, (text, tip) in texts.items():
            act.setText(text)
            act.setStatusTip(tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


class RulesDialog(QDialog):
    """One line per block input for its fused rule; Check says each verdict, Save keeps."""

    def __init__(self, tools: BlockTools, node: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fusedRulesDialog")
        self.tools, self.node = tools, node
        doc = tools.ctx.document
        self.defn = doc.composites[doc.node(node)["block"]]
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.verdicts: dict[str, QLabel] = {}
        for name in self.defn.inputs:
            edit = QLineEdit(self.defn.rules.get(name, ""), self)
            edit.setObjectName(f"rule_{name}")
            label = QLabel(self)
            label.setObjectName(f"verdict_{name}")
            label.setWordWrap(True)
            self.edits[name], self.verdicts[name] = edit, label
            form.addRow(f"∂/∂{name}", edit)
            form.addRow("", label)
        self.buttons = QDialogButtonBox(self)
        self.check_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(form)
        box.addWidget(self.buttons)
        self.retranslate()

    def rules(self) -> dict[str, str]:
        return {name: e.text().strip() for name, e in self.edits.items() if e.text().strip()}

    def check(self) -> RuleReport:
        report = self.tools.check_block_rules(self.node, self.rules())
        for v in report.verdicts:
            colour = {"pass": "#2e7d32", "fail": "#c62828", "error": "#c62828"}.get(v.verdict,
                                                                                  "#666666")
            self.verdicts[v.input].setStyleSheet(f"color: {colour};")
            self.verdicts[v.input].setText(translate_text(v.message))
        return report

    def save(self) -> None:
        if self.tools.save_rules(self.node, self.rules()):
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fused rules of %1").replace("%1", self.defn.name))
        self.intro.setText(self.tr(
            "Write the gradient the block sends to each input, in terms of its inputs and "
            "upstream (the gradient arriving at its output); without upstream, a rule is the "
            "local derivative and is multiplied by upstream. Check compares each rule with "
            "the block's inside at this point and at three random points, like PyTorch's "
            "gradcheck for a custom autograd Function."))
        self.check_button.setText(self.tr("Check"))
        self.save_button.setText(self.tr("Save"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
