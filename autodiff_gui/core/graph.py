"""The graph document: a networkx MultiDiGraph behind the only mutation API.

Reason: one module of ~760 lines, because every mutation (nodes, wires, values, names,
parameters, composite blocks) must validate and emit its event in the one place that owns
the tables it changes; the reading half is already out in ``graph_queries``.

Nodes are integers.  Each node has a ``kind``: ``input`` (a named variable with a
value), ``const`` (a value) or ``op`` (a primitive from ``ops.OPS``).  An edge
``u -> v`` is keyed by the argument slot of ``v`` that it feeds, so ``x*x`` is two
parallel edges with keys 0 and 1 (a plain DiGraph would merge them).

Every mutation validates first and changes nothing when it refuses; then it
emits an ``Event`` to the listeners, so a view can follow the document.

networkx stays inside this module and its reading half, ``graph_queries``:
everyone else reads the document through its methods (``nodes``, ``node``,
``edges``, ``arguments``, ``users``, ``wires``, ``ancestors``, ``dependency_order``,
``snapshot``...).  The graph holds the wires; beside it the document keeps, updated
by the mutation API, each node's attribute dict and the source of each argument
slot.  The compiler reads those two tables whole (``node_table``,
``argument_table``), without a method call or a wrapper object per look-up.

networkx's graph is made from those tables when first needed (a wire changed or a
node removed, ``users``, ``wires``, ``sinks``), exactly as the edits so far would have
made it; until then ``edges`` and ``snapshot`` read the tables.  So the command line
and the window's first picture never import networkx (a tenth of a second), and a
backward graph that is only compiled never fills its dicts.

Messages are English, made from the templates in ``MESSAGES`` as ``Text`` values
(a ``str`` that remembers its template and parameters), so the UI can say them in
another language (Qt context "core") without the core knowing about Qt.
"""

from __future__ import annotations

import gc
import keyword
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from . import ops
from .graph_queries import GraphQueries, values_equal  # noqa: F401 (re-exported)
from .values import format_value  # noqa: F401 (re-exported: values are written there)

if TYPE_CHECKING:
    import networkx as nx

NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Names a user may not give an input: functions of the expression language, and Python's
# keywords (generated scripts use input names as variables).
RESERVED_NAMES = frozenset(ops.OPS) | frozenset(keyword.kwlist)

# The English templates of the messages this module makes (translated in context "core").
MESSAGES: dict[str, str] = {
    "not_real": "not a real number: {value!r}",
    "not_real_array": "not an array of real numbers (dtype {dtype})",
    "not_number": "not a number or a rectangular array of numbers: {value!r}",
    "ragged": "arrays must be rectangular",
    "not_finite": "values must be finite (no nan or inf)",
    "empty_array": "arrays must not be empty",
    "too_many_axes": "arrays may have at most {limit} axes, not {ndim}",
    "no_node": "there is no node {node}",
    "bad_id": "node ids are whole numbers ≥ 0, not {node_id!r}",
    "id_taken": "node {node_id} exists already",
    "bad_name": "{name!r} is not a valid name (letters, digits, _; not starting with a digit)",
    "python_keyword": "{name!r} is a reserved word of Python",
    "function_name": "{name!r} is the name of a function",
    "name_taken": "an input called {name!r} exists already",
    "name_taken_op": "a block called {name!r} exists already",
    "value_of": "value of {name}: {reason}",
    "constant_value": "constant: {reason}",
    "unknown_op": "unknown operation {op!r}",
    "too_many_args": "{op} takes {arity} argument(s), not {count}",
    "no_arguments": "{node} takes no arguments",
    "no_slot": "{op} has {arity} argument slot(s); no slot {slot}",
    "feeds_itself": "a block cannot feed itself",
    "slot_taken": "slot {slot!r} of {node} is taken",
    "cycle": "that wire would make a cycle: {dst} already feeds {src}",
    "no_own_value": "{node} has no value of its own",
    "only_inputs_named": "only inputs and operations have names",
    "empty_graph": "the graph is empty",
    "needs_argument": "{node} needs its {slot!r} argument",
    "bad_position": "a position is two numbers, not {pos!r}",
    "position_not_finite": "a position must be finite",
    "constant_name": "constant {value}",
    "unknown_block": "there is no block called {block!r}",
    "block_in_use": "block {block!r} is used by {count} node(s) or block(s); remove them first",
    "block_arity": "block {block!r} is used with {old} argument(s); a new definition must "
                   "keep them",
    "bad_params": "{op}: {reason}",
    "no_params": "only operations have parameters",
}


class Text(str):
    """English text that remembers how it was made: ``template.format(**params)``.

    It is a ``str`` (compares, prints and formats as its English text); ``template``,
    ``params`` and ``context`` let a UI translate it.  A parameter may itself be a
    ``Text`` or an exception carrying one (translated in turn).
    """

    template: str
    params: dict[str, Any]
    context: str

    def __new__(cls, template: str, context: str = "core", /, **params: Any) -> Text:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        self.context = context
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the parameters
        return (_make_text, (self.template, self.context, self.params))


def _make_text(template: str, context: str, params: dict[str, Any]) -> Text:
    return Text(template, context, **params)


def message(code: str, /, **params: Any) -> Text:
    """The message ``MESSAGES[code]`` filled with ``params``, as a translatable Text."""
    return Text(MESSAGES[code], "core", **params)



@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside.

    Parsing, compiling and stepping create many small objects and none is garbage,
    yet each collection walks them all (a third of a 10,000-node compile)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class TemplatedMessage:
    """For errors whose ``message`` is usually a ``Text``: how it was made.

    ``template`` and ``params`` are the message itself and no parameters for plain text.
    """

    message: str

    @property
    def template(self) -> str:
        return self.message.template if isinstance(self.message, Text) else self.message

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.message.params) if isinstance(self.message, Text) else {}


class GraphError(TemplatedMessage, ValueError):
    """A refused edit or an invalid document; ``node`` names the culprit if any.

    ``message`` is usually a ``Text``; ``template`` and ``params`` tell how it was
    made (the message itself and no parameters for plain text).
    """

    def __init__(self, message: str, node: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


@dataclass(frozen=True)
class Event:
    """One change to the document, as told to listeners."""

    kind: str  # node_added node_removed edge_added edge_removed value_changed
    #            renamed output_changed moved params_changed composites_changed reset
    node: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


MAX_AXES = 32  # numpy makes 64-axis arrays, but its iterators (nditer, unravel_index) take 32


def as_value(value: Any) -> float | np.ndarray:
    """A user value as float64: a float for scalars, an ndarray otherwise.

    Raises ValueError with a readable reason for anything not a finite, rectangular
    array of real numbers.
    """
    if value.__class__ is float:  # the common case (files, parser): no numpy round trip
        if math.isfinite(value):
            return value
        raise ValueError(message("not_finite"))
    if isinstance(value, (bool, np.bool_, str, bytes, complex, np.complexfloating)):
        raise ValueError(message("not_real", value=value))
    dtype = getattr(value, "dtype", None)
    if dtype is not None and dtype.kind not in "iuf":
        # complex parts would be dropped, booleans and objects are not numbers
        raise ValueError(message("not_real_array", dtype=dtype))
    try:
        if dtype is None:  # nested lists: strings or booleans inside are not numbers
            kind = np.asarray(value).dtype.kind
            if kind not in "iuf":
                raise ValueError
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(message("not_number", value=value)) from None
    if arr.dtype == object:
        raise ValueError(message("ragged"))
    if arr.ndim > MAX_AXES:
        raise ValueError(message("too_many_axes", limit=MAX_AXES, ndim=arr.ndim))
    if not np.all(np.isfinite(arr)):
        raise ValueError(message("not_finite"))
    if arr.ndim == 0:
        return float(arr)
    if arr.size == 0:
        raise ValueError(message("empty_array"))
    return arr.copy()


# The argument sources of a new node: every slot free.
_FREE_SLOTS = {arity: (None,) * arity
               for arity in range(max(op.arity for op in ops.OPS.values()) + 1)}


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The whole content of a document at one moment, independent of it.

    Made by ``Document.snapshot()`` and put back, exactly (ids, attributes, wires,
    the output set and the next id), by ``Document.restore()``: for undo and for
    copies.  Its attribute mappings are read-only and its arrays are its own
    read-only copies, so a snapshot never changes.
    """

    nodes: tuple[tuple[int, Mapping[str, Any]], ...]  # (id, attributes), in creation order
    edges: tuple[tuple[int, int, int], ...]  # (source, target, slot)
    next_id: int
    output: int | None  # the explicitly chosen output
    # The composite block definitions (core/composite.py's CompositeDef), in order.
    composites: tuple[Any, ...] = ()


class Document(GraphQueries):
    """A computational graph and the only way to change it (reading: ``GraphQueries``)."""

    def __init__(self) -> None:
        # The wires as networkx holds them, made when first needed (see ``_graph``);
        # after ``_install``, the wires to put in it wait in ``_unfilled``, in order.
        self._nx: nx.MultiDiGraph | None = None
        self._unfilled: tuple[tuple[int, int, int], ...] | None = None
        # The graph holds the wires; beside it, kept by the mutation API: node -> its
        # attributes, node -> the source of each argument slot (None where free).
        self._attrs: dict[int, dict[str, Any]] = {}
        self._args: dict[int, tuple[int | None, ...]] = {}
        self._next_id = 1
        self._output: int | None = None
        self._input_ids: dict[str, int] = {}  # name -> node: O(1) lookups for big graphs
        self._op_names: dict[str, int] = {}  # a student's name of an op node -> the node
        # Composite block definitions by name (core/composite.py; opaque here: a name,
        # its ``inputs`` and a ``check_in(document)`` that raises GraphError).
        self._composites: dict[str, Any] = {}
        self._listeners: list[Callable[[Event], None]] = []
        self._muted = 0  # depth of muted() blocks
        self._revision = 0  # counts changes, muted ones too

    # -- listening ---------------------------------------------------------
    def subscribe(self, listener: Callable[[Event], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Event], None]) -> None:
        self._listeners.remove(listener)

    @property
    def revision(self) -> int:
        """A number that grows with every change, also inside ``muted()`` blocks.

        Whoever caches something computed from the document (a compiled program)
        can tell whether it is still current without listening to events.
        """
        return self._revision

    def _emit(self, kind: str, node: int | None = None, **data: Any) -> None:
        self._revision += 1
        if self._listeners and not self._muted:
            event = Event(kind, node, data)
            for listener in list(self._listeners):
                listener(event)

    @contextmanager
    def muted(self) -> Iterator[None]:
        """Make many changes without events, then tell listeners once (``reset``).

        Nests (one ``reset`` when the outermost block ends); listeners subscribed
        inside the block are kept.
        """
        self._muted += 1
        try:
            yield
        finally:
            self._muted -= 1
            if not self._muted:
                self._emit("reset")

    def _require(self, node: int) -> None:
        if node not in self._attrs:
            raise GraphError(message("no_node", node=node), node)

    # -- adding and removing nodes ------------------------------------------
    def _new_id(self, node_id: int | None) -> int:
        if node_id is None:
            node_id = self._next_id
        elif not isinstance(node_id, int) or isinstance(node_id, bool) or node_id < 0:
            raise GraphError(message("bad_id", node_id=node_id))
        elif node_id in self._attrs:
            raise GraphError(message("id_taken", node_id=node_id), node_id)
        self._next_id = max(self._next_id, node_id + 1)
        return node_id

    def check_name(self, name: str, node: int | None = None) -> None:
        """Raise GraphError if ``name`` cannot name an input or an operation (``node``: the
        one renamed).  Inputs and named operations share one set of names."""
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise GraphError(message("bad_name", name=name), node)
        if keyword.iskeyword(name):
            raise GraphError(message("python_keyword", name=name), node)
        if name in RESERVED_NAMES:
            raise GraphError(message("function_name", name=name), node)
        other = self.find_input(name)
        if other is not None and other != node:
            raise GraphError(message("name_taken", name=name), node)
        other = self._op_names.get(name)
        if other is not None and other != node:
            raise GraphError(message("name_taken_op", name=name), node)

    def add_input(self, name: str, value: Any = 0.0, *, node_id: int | None = None,
                  pos: tuple[float, float] | None = None) -> int:
        self.check_name(name)
        try:
            v = as_value(value)
        except ValueError as exc:
            raise GraphError(message("value_of", name=name, reason=_reason(exc))) from None
        return self._add(node_id, pos, kind="input", name=name, value=v)

    def add_const(self, value: Any, *, node_id: int | None = None,
                  pos: tuple[float, float] | None = None) -> int:
        try:
            v = as_value(value)
        except ValueError as exc:
            raise GraphError(message("constant_value", reason=_reason(exc))) from None
        return self._add(node_id, pos, kind="const", value=v)

    def add_op(self, op: str, *, args: tuple[int | None, ...] = (), node_id: int | None = None,
               pos: tuple[float, float] | None = None, name: str | None = None,
               params: Mapping[str, Any] | None = None) -> int:
        """Add an operation, wired at once to ``args`` (one source per slot, None = free).

        ``name``: the student's own name for its value (``c`` in ``c = a + b``), else none.
        ``params``: its parameters (``Op.params``, e.g. ``{"axis": 0}``; GraphError if
        refused), kept as the node attribute "params" when any differs from its default.

        A brand-new node has free slots and no successors, so its wires need no slot
        or cycle check: building 10,000 operations this way stays fast.
        """
        if op not in ops.OPS:
            raise GraphError(message("unknown_op", op=op))
        if len(args) > ops.OPS[op].arity:
            raise GraphError(message("too_many_args", op=op, arity=ops.OPS[op].arity,
                                     count=len(args)))
        for src in args:
            if src is not None:
                self._require(src)
        arity = ops.OPS[op].arity
        named: dict[str, Any] = {} if name is None else {"name": name}
        if name is not None:
            self.check_name(name)
        if params or ops.OPS[op].params:
            checked = _checked_params(ops.OPS[op], params)
            if checked:
                named["params"] = checked
        node = self._add(node_id, pos, _FREE_SLOTS[arity], kind="op", op=op, **named)
        if args:  # every wire first, then their events: listeners see the node complete
            graph = self._graph_if_needed()
            if graph is not None:
                for slot, src in enumerate(args):
                    if src is not None:
                        graph.add_edge(src, node, key=slot)
            self._args[node] = tuple(args) + _FREE_SLOTS[arity - len(args)]
            for slot, src in enumerate(args):
                if src is not None:
                    self._emit("edge_added", node, src=src, slot=slot)
        return node

    def add_composite(self, block: str, *, args: tuple[int | None, ...] = (),
                      node_id: int | None = None,
                      pos: tuple[float, float] | None = None) -> int:
        """Add a use of the composite block ``block`` (one argument slot per block input).

        The document must hold the block's definition (``set_composite``)."""
        defn = self._composites.get(block)
        if defn is None:
            raise GraphError(message("unknown_block", block=block))
        arity = len(defn.inputs)
        if len(args) > arity:
            raise GraphError(message("too_many_args", op=block, arity=arity, count=len(args)))
        for src in args:
            if src is not None:
                self._require(src)
        node = self._add(node_id, pos, (None,) * arity, kind="composite", block=block)
        for slot, src in enumerate(args):
            if src is not None:
                self.connect(src, node, slot)
        return node

    # -- composite block definitions ------------------------------------------
    @property
    def composites(self) -> Mapping[str, Any]:
        """The composite block definitions by name, in order (read-only)."""
        return MappingProxyType(self._composites)

    def set_composite(self, defn: Any) -> None:
        """Add a block definition, or replace the one of the same name.

        The definition checks itself against this document (``defn.check_in(self)``:
        name, body, no recursion); a replacement must keep the arity of a block in use.
        """
        defn.check_in(self)
        old = self._composites.get(defn.name)
        if old is not None and len(old.inputs) != len(defn.inputs):
            users = self.block_users(defn.name)
            if users:
                raise GraphError(message("block_arity", block=defn.name, old=len(old.inputs)))
        self._composites[defn.name] = defn
        self._emit("composites_changed", None, name=defn.name, old=old, new=defn)

    def remove_composite(self, name: str) -> None:
        """Forget a block definition that nothing uses."""
        if name not in self._composites:
            raise GraphError(message("unknown_block", block=name))
        users = self.block_users(name)
        if users:
            raise GraphError(message("block_in_use", block=name, count=len(users)))
        old = self._composites.pop(name)
        self._emit("composites_changed", None, name=name, old=old, new=None)

    def block_users(self, name: str) -> list[Any]:
        """The nodes using block ``name``, then the definitions whose bodies do."""
        nodes: list[Any] = [n for n, d in self._attrs.items() if d.get("block") == name]
        return nodes + [other for other in self._composites.values()
                        if other.name != name and name in other.blocks_used()]

    def slot_names(self, node: int) -> tuple[str, ...]:
        """The names of a node's argument slots (none for inputs and constants)."""
        d = self.node(node)
        if d["kind"] == "op":
            return ops.OPS[d["op"]].slots
        if d["kind"] == "composite":
            return tuple(self._composites[d["block"]].inputs)
        return ()

    def _add(self, node_id: int | None, pos: tuple[float, float] | None,
             free: tuple[None, ...] = (), **attrs: Any) -> int:
        if pos is not None:  # validated before the id is taken: a refusal changes nothing
            attrs["pos"] = _as_position(pos)
        node = self._new_id(node_id)
        graph = self._graph_if_needed()
        if graph is not None:
            graph.add_node(node)  # the wires live in the graph, the attributes here
        self._attrs[node] = attrs
        self._args[node] = free
        if attrs["kind"] == "input":
            self._input_ids[attrs["name"]] = node
        elif "name" in attrs:
            self._op_names[attrs["name"]] = node
        self._emit("node_added", node)
        return node

    def remove_node(self, node: int) -> None:
        """Remove a node and every wire touching it."""
        for _src, dst, slot in self.wires(node):
            self.disconnect(dst, slot)
        d = self._attrs.pop(node)
        del self._args[node]
        if d["kind"] == "input":
            self._input_ids.pop(d["name"], None)
        elif "name" in d:
            self._op_names.pop(d["name"], None)
        self._graph.remove_node(node)
        if self._output == node:
            self._output = None
        self._emit("node_removed", node)

    # -- wires --------------------------------------------------------------
    def _set_source(self, node: int, slot: int, src: int | None) -> None:
        args = self._args[node]
        self._args[node] = args[:slot] + (src,) + args[slot + 1:]

    def check_connect(self, src: int, dst: int, slot: int, *, replace: bool = False) -> None:
        """Raise GraphError with the reason if ``src -> dst[slot]`` is not allowed."""
        self._require(src)
        self._require(dst)
        slots = self.slot_names(dst)  # an op's, or a composite block's inputs
        if not slots:
            raise GraphError(message("no_arguments", node=self.describe(dst)), dst)
        if not isinstance(slot, int) or isinstance(slot, bool) or not 0 <= slot < len(slots):
            what = self.node(dst).get("op") or self.node(dst).get("block")
            raise GraphError(message("no_slot", op=what, arity=len(slots), slot=slot), dst)
        if src == dst:
            raise GraphError(message("feeds_itself"), dst)
        if not replace and self.source(dst, slot) is not None:
            raise GraphError(message("slot_taken", slot=slots[slot],
                                     node=self.describe(dst)), dst)
        # dst must not already reach src, or the new wire would close a loop.
        graph = self._graph
        if graph.out_degree(dst) and _nx().has_path(graph, dst, src):
            raise GraphError(message("cycle", dst=self.describe(dst), src=self.describe(src)),
                             dst)

    def connect(self, src: int, dst: int, slot: int, *, replace: bool = False) -> None:
        """Wire the value of ``src`` into argument ``slot`` of ``dst``."""
        self.check_connect(src, dst, slot, replace=replace)
        old = self.source(dst, slot)
        if old is not None:
            self.disconnect(dst, slot)
        self._graph.add_edge(src, dst, key=slot)
        self._set_source(dst, slot, src)
        self._emit("edge_added", dst, src=src, slot=slot)

    def disconnect(self, dst: int, slot: int) -> int | None:
        """Remove the wire into ``dst[slot]``; returns its source (None if none)."""
        src = self.source(dst, slot)
        if src is not None:
            self._graph.remove_edge(src, dst, key=slot)
            self._set_source(dst, slot, None)
            self._emit("edge_removed", dst, src=src, slot=slot)
        return src

    # -- attributes ----------------------------------------------------------
    def set_value(self, node: int, value: Any) -> None:
        kind = self.kind(node)
        if kind not in ("input", "const"):
            raise GraphError(message("no_own_value", node=self.describe(node)), node)
        try:
            v = as_value(value)
        except ValueError as exc:
            raise GraphError(_reason(exc), node) from None
        old = self.node(node)["value"]
        self.node(node)["value"] = v
        self._emit("value_changed", node, old=old, new=v)

    def rename(self, node: int, name: str | None) -> None:
        """Rename an input, or name an operation (None or "" takes an operation's name away)."""
        kind = self.kind(node)
        if kind == "op":
            self._rename_op(node, name or None)
            return
        if kind != "input":
            raise GraphError(message("only_inputs_named"), node)
        self.check_name(name, node)  # type: ignore[arg-type]
        old = self.node(node)["name"]
        self.node(node)["name"] = name
        del self._input_ids[old]
        self._input_ids[name] = node  # type: ignore[index]
        self._emit("renamed", node, old=old, new=name)

    def _rename_op(self, node: int, name: str | None) -> None:
        if name is not None:
            self.check_name(name, node)
        d = self._attrs[node]
        old = d.pop("name", None)
        if old is not None:
            del self._op_names[old]
        if name is not None:
            d["name"] = name
            self._op_names[name] = node
        self._emit("renamed", node, old=old, new=name)

    def params(self, node: int) -> Mapping[str, Any]:
        """The parameters of an op node (only those differing from a default; empty if
        none): what it was given, e.g. ``{"axis": 0}`` for ``sum(x, 0)``."""
        return self.node(node).get("params", _NO_PARAMS)

    def set_params(self, node: int, params: Mapping[str, Any] | None) -> None:
        """Give an op node new parameters (validated; GraphError and no change if refused)."""
        op = self.op(node)
        if op is None:
            raise GraphError(message("no_params"), node)
        checked = _checked_params(op, params, node)
        d = self.node(node)
        old = d.get("params", _NO_PARAMS)
        if checked:
            d["params"] = checked
        else:
            d.pop("params", None)
        self._emit("params_changed", node, old=old, new=d.get("params", _NO_PARAMS))

    def set_output(self, node: int | None) -> None:
        if node is not None:
            self._require(node)
        old = self._output
        self._output = node
        self._emit("output_changed", node, old=old)

    def set_position(self, node: int, pos: tuple[float, float] | None) -> None:
        d = self.node(node)
        old = d.get("pos")
        if pos is None:
            d.pop("pos", None)
        else:
            d["pos"] = _as_position(pos, node)
        self._emit("moved", node, old=old, new=d.get("pos"))

    # -- whole-document operations -------------------------------------------
    def describe(self, node: int) -> str:
        """A short human name: ``x``, ``constant 2``, ``log #7``."""
        d = self.node(node)
        if d["kind"] == "input":
            return d["name"]
        if d["kind"] == "const":
            return message("constant_name", value=format_value(d["value"]))
        if d["kind"] == "composite":
            return f"{d['block']} #{node}"
        if "name" in d:
            return f"{d['name']} ({d['op']} #{node})"
        return f"{d['op']} #{node}"

    def problems(self) -> list[GraphError]:
        """What stops the current output from being evaluated (empty if nothing)."""
        out = self.output
        if out is None:
            return [GraphError(message("empty_graph"))]
        found = []
        for n in sorted(self.ancestors(out) | {out}):
            op = self.op(n)
            if op is not None and op.params:
                try:
                    _checked_params(op, self.params(n), n, complete=True)
                except GraphError as exc:
                    found.append(exc)
            for slot, src in enumerate(self.arguments(n)):
                if src is None:
                    found.append(GraphError(message(
                        "needs_argument", node=self.describe(n),
                        slot=self.slot_names(n)[slot]), n))
        return found

    def snapshot(self) -> Snapshot:
        """The whole content now, as an unchanging value (see ``Snapshot``)."""
        return Snapshot(tuple((n, _frozen(d)) for n, d in self._attrs.items()),
                        tuple(self.edges()), self._next_id, self._output,
                        tuple(self._composites.values()))

    def restore(self, snapshot: Snapshot) -> None:
        """Make the content exactly that of ``snapshot`` (one ``reset`` event).

        The output set and the next id come back too, so what is added next gets
        the id it would have got then.
        """
        attrs: dict[int, dict[str, Any]] = {}
        args: dict[int, tuple[int | None, ...]] = {}
        composites = {defn.name: defn for defn in snapshot.composites}  # immutable values
        for n, d in snapshot.nodes:
            attrs[n] = _thawed(d)
            args[n] = _FREE_SLOTS[ops.OPS[d["op"]].arity] if d["kind"] == "op" else \
                (None,) * len(composites[d["block"]].inputs) if d["kind"] == "composite" else ()
        for src, dst, slot in snapshot.edges:
            args[dst] = args[dst][:slot] + (src,) + args[dst][slot + 1:]
        self._install(attrs, args, snapshot.edges, snapshot.next_id, snapshot.output,
                      composites)

    @classmethod
    def built(cls, attrs: dict[int, dict[str, Any]], args: dict[int, tuple[int, ...]],
              next_id: int) -> Document:
        """A document made whole by a core builder (the backward graph): ``attrs`` and
        ``args`` become its own, as they are (no copies); every node must be valid and
        every argument wired.  No checks, no events.  Its wires, when networkx's graph
        is made, go in the order of ``args`` (by target, then slot)."""
        doc = cls()
        doc._install(attrs, args, None, next_id, None, {})
        return doc

    def _install(self, attrs: dict[int, dict[str, Any]],
                 args: dict[int, tuple[int | None, ...]],
                 edges: tuple[tuple[int, int, int], ...] | None, next_id: int,
                 output: int | None, composites: dict[str, Any]) -> None:
        """Take this content as it is (one ``reset`` event); ``edges`` None: the wires
        are those of ``args``, in its order (a document built as if only added to)."""
        self._nx, self._unfilled = None, edges  # the networkx graph: made when first read
        self._attrs, self._args = attrs, args
        self._next_id, self._output = next_id, output
        self._composites = composites
        self._input_ids = {d["name"]: n for n, d in attrs.items() if d["kind"] == "input"}
        self._op_names = {d["name"]: n for n, d in attrs.items()
                          if d["kind"] == "op" and "name" in d}
        self._emit("reset")

    @property
    def _graph(self) -> nx.MultiDiGraph:
        """The wires as a networkx graph, made when first read (or changed otherwise
        than by adding nodes), exactly as the edits so far would have made it.

        The engine, the Hessian and the command line read only the two tables, so a
        document parsed, compiled and printed (the command line) never imports networkx,
        and a 35,000-node backward graph that is compiled and never drawn needs none of
        its dicts (a fifth of building it).  Every reading and every change of wires
        goes through here first, so the graph is made from the content as it was."""
        graph = self._nx
        if graph is None:
            graph = _nx().MultiDiGraph()
            with gc_paused():  # 100,000 new dicts, none garbage: no collection per 700
                _fill_graph(graph, self._attrs, self._wires_to_fill())
            self._nx, self._unfilled = graph, None
        return graph

    def _graph_if_needed(self) -> nx.MultiDiGraph | None:
        """The networkx graph where it must follow a new node or wire: when made, or
        when installed wires wait for it (they come first).  None while a document has
        only been added to: ``_graph`` makes it from the tables in the same order."""
        if self._nx is None and self._unfilled is None:
            return None
        return self._graph

    def copy(self) -> Document:
        """An independent copy with the same ids (listeners are not copied)."""
        other = Document()
        other.restore(self.snapshot())
        return other

    def replace_with(self, other: Document) -> None:
        """Take the content of ``other`` (one ``reset`` event)."""
        self.restore(other.snapshot())

def _reason(exc: BaseException) -> str:
    """An exception's message, keeping its Text (and so its translation) if it has one."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Text) else str(exc)


_NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


def _checked_params(op: ops.Op, params: Mapping[str, Any] | None, node: int | None = None,
                    complete: bool = False) -> Mapping[str, Any] | None:
    """``params`` validated by ``op``, read-only and canonical (None when all defaults).

    A missing required parameter is allowed unless ``complete`` (like a free slot, it is
    a problem only when the node is evaluated)."""
    try:
        checked = op.check_params(params, complete=complete)
    except ops.ParamError as exc:
        reason = Text(exc.template, "ops", **exc.params)
        raise GraphError(message("bad_params", op=op.name, reason=reason), node) from None
    return MappingProxyType(checked) if checked else None


def _frozen(attrs: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of a node's attributes, its array value copied and read-only."""
    d = dict(attrs)
    v = d.get("value")
    if isinstance(v, np.ndarray):
        v = v.copy()
        v.flags.writeable = False
        d["value"] = v
    return MappingProxyType(d)


def _nx() -> Any:
    """networkx, imported on first use (a tenth of a second: see ``Document._graph``)."""
    import networkx

    return networkx


def _fill_graph(graph: nx.MultiDiGraph, nodes: Iterable[int],
                edges: Iterable[tuple[int, int, int]]) -> None:
    """Put ``nodes`` and keyed ``edges`` into an empty ``graph`` as ``add_node`` and
    ``add_edge`` would, writing networkx's dicts directly: a restore of the 35,000-node
    backward graph made 60,000 ``add_edge`` calls, each checking and clearing caches
    (a third of building it).  tests/core/test_graph.py compares with ``add_edge``."""
    nodes = list(nodes)
    node, succ, pred = graph._node, graph._succ, graph._pred
    node.update({n: {} for n in nodes})
    succ.update({n: {} for n in nodes})
    pred.update({n: {} for n in nodes})
    for u, v, key in edges:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        keydict[key] = {}


def _thawed(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes for a live node: a writable copy of a snapshot's array."""
    d = dict(attrs)
    if isinstance(d.get("value"), np.ndarray):
        d["value"] = d["value"].copy()
    return d


def _as_position(pos: Any, node: int | None = None) -> tuple[float, float]:
    try:
        x, y = (float(p) for p in pos)
    except (TypeError, ValueError):
        raise GraphError(message("bad_position", pos=pos), node) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise GraphError(message("position_not_finite"), node)
    return x, y
