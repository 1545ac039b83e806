"""Undo commands: every edit of the document, as a QUndoCommand.

Reason: over 600 lines because every kind of edit (blocks, wires, values, names,
parameters, blocks made of blocks) needs its own small command class beside the others,
and they share the push discipline described here.

The document is the model.  A command calls only the Document mutation API in
``redo``/``undo``; the canvas follows the document's events and redraws.  Nothing
here touches a graphics item.

Commands check their edit in ``__init__`` and raise ``GraphError`` (a ValueError)
when it would be refused, so a refused edit never enters the stack: build commands
through ``try_push(stack, lambda: Connect(doc, a, b, 0))``, which returns the reason
as text (or None when the command was pushed).  Build a command right before pushing
it: some capture the state they will restore when they are built.

No edit is pushed while a command is being applied: an undo that removes blocks moves
the inputs table's current row, and a cell editor left open then commits, so a push
used to land inside ``QUndoStack.undo`` and left the stack's index past a command that
was still applied (undo-all then missed it).  A command built meanwhile refuses itself.

Copy and paste (``PasteNodes`` and its data) are in ``paste.py``, the value text in
``value_text.py``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core import ops
from ...core.graph import RESERVED_NAMES, Document, GraphError, Text, as_value, message
from ...diagram.layout import missing_positions
from ..app.i18n import translate_error, translate_text

# Callers import these from here too; copy and paste live in paste.py.
from .value_text import parse_value_text as parse_value_text
from .value_text import value_to_text as value_to_text

Pos = tuple[float, float]
CLIPBOARD_FORMAT = "autodiff-nodes"
_MOVE_ID = 0x6D6F7665  # "move": consecutive MoveNodes of the same blocks merge
_VALUE_ID = 0x76616C75  # "valu": SetValue(merge=True) of the same node merge


def _tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


def _pos(p: Any) -> Pos | None:
    """A position as a tuple (accepts QPointF, tuples, lists, None)."""
    if p is None:
        return None
    if isinstance(p, QPointF):
        return (float(p.x()), float(p.y()))
    return (float(p[0]), float(p[1]))


def _copy_value(v: Any) -> Any:
    return v.copy() if isinstance(v, np.ndarray) else v



def _checked_value(value: Any, node: int | None = None) -> Any:
    try:
        return as_value(value)
    except ValueError as exc:
        first = exc.args[0] if len(exc.args) == 1 else None
        # Keep the core's Text (translatable); anything else as its English text.
        raise GraphError(first if isinstance(first, str) else str(exc), node) from None


def _require(doc: Document, node: int) -> None:
    if node not in doc:
        raise GraphError(message("no_node", node=node), node)


def _refused(text: str, node: int | None = None) -> GraphError:
    """A refusal said in the current language (context "commands")."""
    return GraphError(_tr(text), node)


def free_input_name(taken: Iterable[str]) -> str:
    """The first free name among x, y, z, w, a, b, … then x1, y1, …"""
    used = set(taken)
    letters = "xyzwabcdefghijklmnopqrstuv"
    for suffix in itertools.count():
        for ch in letters:
            name = ch if suffix == 0 else f"{ch}{suffix}"
            if name not in used and name not in RESERVED_NAMES:
                return name
    raise AssertionError("unreachable")


# -- node snapshots (for restoring removed nodes exactly) ----------------------

def _snapshot(doc: Document, node: int) -> dict[str, Any]:
    d = doc.node(node)
    snap = {k: _copy_value(v) for k, v in d.items()}
    snap["id"] = node
    return snap


def _restore(doc: Document, snap: Mapping[str, Any], *, node_id: int | None = None,
             pos: Pos | None = None, name: str | None = None) -> int:
    """Add a node from a snapshot (same id unless ``node_id`` says otherwise)."""
    nid = snap["id"] if node_id is None else node_id
    p = pos if pos is not None else snap.get("pos")
    kind = snap["kind"]
    if kind == "input":
        return doc.add_input(name or snap["name"], _copy_value(snap["value"]),
                             node_id=nid, pos=p)
    if kind == "const":
        return doc.add_const(_copy_value(snap["value"]), node_id=nid, pos=p)
    if kind == "composite":  # a use of a composite block the document defines
        return doc.add_composite(snap["block"], node_id=nid, pos=p)
    return doc.add_op(snap["op"], node_id=nid, pos=p, name=snap.get("name"),
                      params=snap.get("params"))


_applying = 0  # how many command redo()/undo() calls are running right now


def applying() -> bool:
    """True while an undo command is being done or undone (nothing may be pushed)."""
    return _applying > 0


def _counted(method: Callable[[Any], None]) -> Callable[[Any], None]:
    @functools.wraps(method)
    def run(self: Any) -> None:
        global _applying
        _applying += 1
        try:
            method(self)
        finally:
            _applying -= 1
    return run


class DocumentCommand(QUndoCommand):
    """Base: a command on one document.

    Its text is an English template (found by lupdate through ``QT_TRANSLATE_NOOP``,
    context "commands") with ``%1``, ``%2``… filled from ``args``; ``retranslate()``
    says it again in the current language (the undo history outlives a language
    switch).  Text that is not a known template is shown as it is.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("redo", "undo"):  # every command's redo/undo counts as applying
            method = cls.__dict__.get(name)
            if method is not None:
                setattr(cls, name, _counted(method))

    def __init__(self, doc: Document, text: str = "", *args: Any) -> None:
        if applying():  # see the module's docstring: it would be pushed inside an undo
            raise _refused(QT_TRANSLATE_NOOP(
                "commands", "an undo or redo was running, so this edit was not made"))
        super().__init__()
        self.doc = doc
        self._label: tuple[str, tuple[Any, ...]] = (text, args)
        self.retranslate()

    def set_label(self, text: str, *args: Any) -> None:
        """Set the command's text from a template and its arguments."""
        self._label = (text, args)
        self.retranslate()

    def retranslate(self) -> None:
        text, args = self._label
        if not text:
            return
        shown = _tr(text)
        # From the last argument down, so that %1 does not eat the start of %10.
        for i in range(len(args), 0, -1):
            shown = shown.replace(f"%{i}", translate_text(args[i - 1]))
        self.setText(shown)


def retranslate_stack(stack: QUndoStack) -> None:
    """Say every command's text in the current language (after a language switch)."""
    def visit(command: QUndoCommand) -> None:
        if isinstance(command, DocumentCommand):
            command.retranslate()
        for i in range(command.childCount()):
            visit(command.child(i))

    for i in range(stack.count()):
        command = stack.command(i)
        if command is not None:
            visit(command)


def _pin_output(doc: Document) -> int | None:
    """Make the current output explicit before blocks are added; returns it (None: no pin).

    With no output chosen the document takes "the newest unused operation", so a block
    just dropped from the palette would take over a working graph ("Incomplete: sin #5
    needs its 'a' argument").  Pinned, the output stays where it was; undo unpins."""
    if doc.explicit_output is not None:
        return None
    out = doc.output
    if out is None or doc.kind(out) != "op":
        return None
    doc.set_output(out)
    return out


def _complete(doc: Document, node: int) -> bool:
    """Every block ``node`` reads from has all its arguments wired."""
    return all(None not in doc.arguments(n)
               for n in doc.ancestors(node) | {node})


def _follower(doc: Document, dst: int) -> int | None:
    """The block the output moves to after a wire into ``dst`` (None: it stays).

    The output follows into a new block that reads it, once that block is complete,
    so extending f to exp(f) moves the output, but never onto a half-wired block."""
    out = doc.explicit_output
    if out is None or out == dst or doc.kind(dst) != "op" or doc.users(dst):
        return None
    if out not in doc.arguments(dst) or not _complete(doc, dst):
        return None
    return dst


class AddNode(DocumentCommand):
    """Add one block; redo after undo brings it back with the same id."""

    def __init__(self, doc: Document, kind: str, *, op: str | None = None,
                 name: str | None = None, value: Any = None, pos: Any = None) -> None:
        kind = "const" if kind == "constant" else kind
        if kind == "input":
            doc.check_name(name)
            label = name
        elif kind == "const":
            label = None
        elif kind == "op":
            if op not in ops.OPS:
                raise GraphError(message("unknown_op", op=op))
            label = op
        else:
            raise GraphError(_tr("unknown kind of block %1").replace("%1", repr(kind)))
        if kind == "const":
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Add constant"))
        else:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Add %1"), label)
        self.kind, self.op_name, self.name = kind, op, name
        self.value = _checked_value(1.0 if value is None else value) if kind != "op" else None
        self.pos = _pos(pos)
        self.node_id: int | None = None
        self._pinned: int | None = None

    def redo(self) -> None:
        self._pinned = _pin_output(self.doc)
        if self.kind == "input":
            n = self.doc.add_input(self.name, _copy_value(self.value), node_id=self.node_id,
                                   pos=self.pos)
        elif self.kind == "const":
            n = self.doc.add_const(_copy_value(self.value), node_id=self.node_id, pos=self.pos)
        else:
            n = self.doc.add_op(self.op_name, node_id=self.node_id, pos=self.pos)
        self.node_id = n

    def undo(self) -> None:
        assert self.node_id is not None
        self.doc.remove_node(self.node_id)
        if self._pinned is not None:
            self.doc.set_output(None)


class RemoveNodes(DocumentCommand):
    """Remove blocks (and the wires touching them), plus any extra ``wires``.

    Undo restores the nodes with their ids, attributes, values and positions, every
    wire with its slot, and the output mark.  ``wires`` are (dst, slot) pairs.
    """

    def __init__(self, doc: Document, node_ids: Iterable[int],
                 wires: Iterable[tuple[int, int]] = ()) -> None:
        self.node_ids = sorted(set(node_ids))
        for n in self.node_ids:
            _require(doc, n)
        self.wires = sorted({(d, s) for d, s in wires if d not in self.node_ids})
        for d, s in self.wires:
            _require(doc, d)
            if doc.source(d, s) is None:
                raise _refused("nothing is connected there", d)
        if not self.node_ids and not self.wires:
            raise _refused("nothing is selected")
        count = len(self.node_ids)
        if count == 1 and not self.wires:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Delete %1"),
                             doc.describe(self.node_ids[0]))
        elif count:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Delete %1 blocks"), count)
        else:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Delete wire"))
        self._nodes: list[dict[str, Any]] = []
        self._edges: list[tuple[int, int, int]] = []
        self._mark: int | None = None

    def redo(self) -> None:
        doc = self.doc
        gone = set(self.node_ids)
        self._nodes = [_snapshot(doc, n) for n in self.node_ids]
        edges = set()
        for n in self.node_ids:
            edges.update(doc.wires(n))
        for d, s in self.wires:
            src = doc.source(d, s)
            if src is not None:
                edges.add((src, d, s))
        self._edges = sorted(edges)
        self._mark = doc.explicit_output
        for d, s in self.wires:
            doc.disconnect(d, s)
        for n in self.node_ids:
            doc.remove_node(n)
        if self._mark not in gone:
            self._mark = None  # untouched: nothing to restore

    def undo(self) -> None:
        doc = self.doc
        for snap in self._nodes:
            _restore(doc, snap)
        for src, dst, slot in self._edges:
            doc.connect(src, dst, slot)
        if self._mark is not None:
            doc.set_output(self._mark)


class Connect(DocumentCommand):
    """Wire ``src`` into ``dst[slot]``, replacing a wire already there (undo puts it back)."""

    def __init__(self, doc: Document, src: int, dst: int, slot: int) -> None:
        doc.check_connect(src, dst, slot, replace=True)
        old = doc.source(dst, slot)
        if old == src:
            raise _refused("that wire is there already", dst)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Connect") if old is None
                         else QT_TRANSLATE_NOOP("commands", "Replace wire"))
        self.src, self.dst, self.slot = src, dst, slot
        self.old: int | None = old
        self._output_was: int | None = None  # the output before it followed the wire

    def redo(self) -> None:
        self.old = self.doc.source(self.dst, self.slot)
        self.doc.connect(self.src, self.dst, self.slot, replace=True)
        self._output_was = None
        follow = _follower(self.doc, self.dst)
        if follow is not None:
            self._output_was = self.doc.explicit_output
            self.doc.set_output(follow)

    def undo(self) -> None:
        if self._output_was is not None:
            self.doc.set_output(self._output_was)
        self.doc.disconnect(self.dst, self.slot)
        if self.old is not None:
            self.doc.connect(self.old, self.dst, self.slot)


class Disconnect(DocumentCommand):
    """Remove the wire into ``dst[slot]``."""

    def __init__(self, doc: Document, dst: int, slot: int) -> None:
        _require(doc, dst)
        src = doc.source(dst, slot)
        if src is None:
            raise _refused("nothing is connected there", dst)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Disconnect"))
        self.dst, self.slot, self.src = dst, slot, src

    def redo(self) -> None:
        self.src = self.doc.disconnect(self.dst, self.slot)

    def undo(self) -> None:
        self.doc.connect(self.src, self.dst, self.slot)


class Reconnect(DocumentCommand):
    """Move the end of the wire in ``old_dst[old_slot]`` to ``new_dst[new_slot]``
    (replacing a wire there): one undo step."""

    def __init__(self, doc: Document, old_dst: int, old_slot: int, new_dst: int,
                 new_slot: int) -> None:
        _require(doc, old_dst)
        src = doc.source(old_dst, old_slot)
        if src is None:
            raise _refused("nothing is connected there", old_dst)
        if (old_dst, old_slot) == (new_dst, new_slot):
            raise _refused("the wire is there already", new_dst)
        doc.check_connect(src, new_dst, new_slot, replace=True)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Move wire"))
        self.src, self.old_dst, self.old_slot = src, old_dst, old_slot
        self.new_dst, self.new_slot = new_dst, new_slot
        self.replaced: int | None = None

    def redo(self) -> None:
        self.doc.disconnect(self.old_dst, self.old_slot)
        self.replaced = self.doc.source(self.new_dst, self.new_slot)
        self.doc.connect(self.src, self.new_dst, self.new_slot, replace=True)

    def undo(self) -> None:
        self.doc.disconnect(self.new_dst, self.new_slot)
        if self.replaced is not None:
            self.doc.connect(self.replaced, self.new_dst, self.new_slot)
        self.doc.connect(self.src, self.old_dst, self.old_slot)


class SetValue(DocumentCommand):
    """Change the value of an input or constant.

    With ``merge=True`` consecutive merging SetValue commands of the same node become
    one undo step (for a spin box or slider that pushes on every change).
    """

    def __init__(self, doc: Document, node: int, value: Any, *, merge: bool = False) -> None:
        _require(doc, node)
        if doc.kind(node) not in ("input", "const"):
            raise GraphError(message("no_own_value", node=doc.describe(node)), node)
        self.new = _checked_value(value, node)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Set value of %1"),
                         doc.describe(node))
        self.node, self.merge = node, merge
        self.old = _copy_value(doc.node(node)["value"])

    def redo(self) -> None:
        self.doc.set_value(self.node, _copy_value(self.new))

    def undo(self) -> None:
        self.doc.set_value(self.node, _copy_value(self.old))

    def id(self) -> int:
        return _VALUE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetValue) and other.merge and other.doc is self.doc
                and other.node == self.node):
            return False
        self.new = other.new
        return True


class Rename(DocumentCommand):
    """Rename an input, or name an operation's value (``c`` in ``c = a + b``; an empty
    name takes an operation's name away: the step gets a letter again)."""

    def __init__(self, doc: Document, node: int, name: str | None) -> None:
        _require(doc, node)
        kind = doc.kind(node)
        if kind not in ("input", "op"):
            raise GraphError(message("only_inputs_named"), node)
        name = name or None if kind == "op" else name
        if name is not None or kind == "input":  # an input needs a name: "" is refused
            doc.check_name(name or "", node)
        self.old = doc.node(node).get("name")
        if name == self.old:
            text = _tr("the input is called %1 already") if kind == "input" else \
                _tr("the block is called %1 already")
            raise GraphError(text.replace("%1", repr(name)), node)
        if self.old is None:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Name %1 as %2"),
                             doc.node(node)["op"], name)
        elif name is None:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Remove the name %1"), self.old)
        else:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Rename %1 to %2"), self.old,
                             name)
        self.node, self.new = node, name

    def redo(self) -> None:
        self.doc.rename(self.node, self.new)

    def undo(self) -> None:
        self.doc.rename(self.node, self.old)


class SetParams(DocumentCommand):
    """Give an op block new parameters (sum's axis, reshape's shape), checked by its op:
    GraphError with the reason if refused, and every required one must be given."""

    def __init__(self, doc: Document, node: int, params: Mapping[str, Any]) -> None:
        _require(doc, node)
        op = doc.op(node)
        if op is None:
            raise GraphError(message("no_params"), node)
        try:
            new = op.check_params(params)
        except ops.ParamError as exc:
            raise GraphError(message("bad_params", op=op.name,
                                     reason=Text(exc.template, "ops", **exc.params)),
                             node) from None
        self.old = dict(doc.params(node))
        if new == self.old:
            raise GraphError(_tr("the block has these parameters already"), node)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Set the parameters of %1"),
                         op.name)
        self.node, self.new = node, new

    def redo(self) -> None:
        self.doc.set_params(self.node, self.new)

    def undo(self) -> None:
        self.doc.set_params(self.node, self.old)


class SetOutput(DocumentCommand):
    """Mark the block whose value is the function's result (None: the newest sink)."""

    def __init__(self, doc: Document, node: int | None) -> None:
        if node is not None:
            _require(doc, node)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Set output"))
        self.node = node
        self.old = doc.explicit_output

    def redo(self) -> None:
        self.doc.set_output(self.node)

    def undo(self) -> None:
        self.doc.set_output(self.old)


class MoveNodes(DocumentCommand):
    """Move blocks: ``{node: (old_pos, new_pos)}``.  Consecutive moves of the same set
    of blocks merge into one undo step.

    Undo restores the positions the document holds when the command is built (the
    canvas moves its items during a drag but writes the document only through this
    command), so ``old_pos`` cannot disagree with the document.
    """

    def __init__(self, doc: Document, moves: Mapping[int, tuple[Any, Any]]) -> None:
        if not moves:
            raise _refused("nothing moved")
        for n in moves:
            _require(doc, n)
        self.moves: dict[int, tuple[Pos | None, Pos | None]] = {
            n: (doc.position(n), _pos(new)) for n, (_old, new) in moves.items()}
        count = len(self.moves)
        if count == 1:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Move block"))
        else:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Move %1 blocks"), count)

    def redo(self) -> None:
        for n, (_old, new) in self.moves.items():
            self.doc.set_position(n, new)

    def undo(self) -> None:
        for n, (old, _new) in self.moves.items():
            self.doc.set_position(n, old)

    def id(self) -> int:
        return _MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, MoveNodes) and other.doc is self.doc
                and set(other.moves) == set(self.moves)):
            return False
        self.moves = {n: (old, other.moves[n][1]) for n, (old, _new) in self.moves.items()}
        return True


class ReplaceDocument(DocumentCommand):
    """Replace the whole content (a parsed expression, a loaded file): one step.

    Nodes without a position get one from the layered layout first, so the saved
    document looks like the canvas.
    """

    def __init__(self, doc: Document, new_doc: Document, text: str, *args: Any) -> None:
        super().__init__(doc, text, *args)
        self.old = doc.snapshot()
        placed = new_doc.copy()
        for n, p in missing_positions(placed).items():
            placed.set_position(n, p)  # our private copy: nobody listens to it
        self.new = placed.snapshot()

    def redo(self) -> None:
        self.doc.restore(self.new)

    def undo(self) -> None:
        self.doc.restore(self.old)


class AutoLayout(DocumentCommand):
    """Move every block to a computed position: one step."""

    def __init__(self, doc: Document, positions: Mapping[int, Any]) -> None:
        for n in positions:
            _require(doc, n)
        super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Arrange blocks"))
        self.new = {n: _pos(p) for n, p in positions.items()}
        self.old = {n: doc.position(n) for n in positions}

    def redo(self) -> None:
        for n, p in self.new.items():
            self.doc.set_position(n, p)

    def undo(self) -> None:
        for n, p in self.old.items():
            self.doc.set_position(n, p)


def try_push(stack: QUndoStack, command_factory: Callable[[], QUndoCommand | None]
             ) -> str | None:
    """Build a command and push it; return why it was refused (None if pushed).

    The factory raises GraphError/ValueError for a refused edit, so nothing reaches
    the stack; a factory returning None means there was nothing to do.  An edit that
    arrives while a command is being applied is refused (see the module's docstring).
    """
    try:
        command = command_factory()
    except ValueError as exc:  # GraphError too: said in the current language
        return translate_error(exc)
    if command is not None:
        stack.push(command)
    return None
