"""Compile a graph document into a ``Program``: flat instructions in topological order.

The document is walked once per edit; running never touches it again (walking
networkx at run time costs 5–6× a flat list).  No recursion: a 10,000-deep chain
compiles under a small recursion limit.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from .. import ops
from ..composite import expand, has_blocks
from ..graph import Document, GraphError, Text, format_value, gc_paused, message
from .base import Value, _msg
from .fast import FastPath

# Composite blocks: set on programs compiled from a document with blocks (see compile_graph).
NO_ORIGIN: dict[int, tuple[int, int]] = {}


def _letter_labels(count: int, taken: set[str]) -> list[str]:
    """Labels for ``count`` op nodes: a, b, c, … and z for the last, like the seed.

    Letters that are input names are skipped (so are f, x and y: by convention the
    function and its inputs).  Past 23 ops: v1, v2, … (skipping input names too).
    """
    if not count:
        return []
    letters = [c for c in "abcdeghijklmnopqrstuvw" if c not in taken]
    if count <= len(letters) + 1:
        candidates = itertools.chain(("z", "out"), (f"out{k}" for k in itertools.count(1)))
        last = next(n for n in candidates if n not in taken)
        return letters[:count - 1] + [last]
    names: list[str] = []
    k = 0
    while len(names) < count:
        k += 1
        if f"v{k}" not in taken:
            names.append(f"v{k}")
    return names


def op_labels(attrs: Any, op_nodes: list[int], input_names: Any) -> list[str]:
    """Labels of ``op_nodes`` (in order): a student's own name where the node has one,
    else ``_letter_labels`` for the unnamed ones, skipping every name already taken,
    and the letters a backward graph's blocks speak of (``∂f/∂c``: c is the function's
    c, so none of the backward graph's own nodes may be called c)."""
    names = [attrs[n].get("name") for n in op_nodes]
    unnamed = names.count(None)
    if not unnamed:
        return names
    taken = set(input_names) | _spoken_of(attrs)
    if unnamed < len(names):
        taken.update(name for name in names if name is not None)
    fill = iter(_letter_labels(unnamed, taken))
    return [next(fill) if name is None else name for name in names]


_SPOKEN_OF = re.compile(r"∂\w+/∂(\w+)")


def _spoken_of(attrs: Any) -> set[str]:
    """The names in the labels of a backward graph's blocks (``∂f/∂c (path 2)``: c)."""
    found: set[str] = set()
    for d in attrs.values():
        label = d.get("label")
        if label and "∂" in label:
            found.update(_SPOKEN_OF.findall(label))
    return found


class Program(FastPath):
    """A compiled graph: flat instructions in topological order for one output.

    Public attributes (read them, don't change them): ``nodes`` (document ids in
    topological order), ``index`` (id -> position), ``kinds``, ``ops``, ``args``
    (argument positions per node), ``labels``, ``out`` (position of the output),
    ``output_node``, ``input_names`` (every input of the document, in order),
    ``input_index`` (name -> position, only inputs the output reads),
    ``input_nodes`` (name -> id), ``leaf_values``, ``needs_grad``, ``named`` (positions
    of the operations a student named) and ``backward_steps`` (how many records a full
    backward pass yields).
    """

    # Inner node id -> (block node, node in its body); empty without composite blocks.
    origin: dict[int, tuple[int, int]] = NO_ORIGIN

    def __init__(self, doc: Document, output: int | None = None) -> None:
        out = doc.output if output is None else output
        if out is None:
            raise GraphError(_msg("empty"))
        if out not in doc:
            raise GraphError(_msg("no_node", node=out), out)
        self.output_node = out
        order = doc.dependency_order(out)
        self.nodes: list[int] = order
        self.index = index = {n: i for i, n in enumerate(order)}
        # The document's tables, read whole: no method call per node.
        attrs, arg_table = doc.node_table(), doc.argument_table()
        kinds: list[str] = []
        op_list: list[ops.Op | None] = []
        args_list: list[tuple[int, ...]] = []
        leaf_values: list[Value] = []
        for n in order:
            d = attrs[n]
            kinds.append(d["kind"])
            if d["kind"] != "op":
                op_list.append(None)
                args_list.append(())
                leaf_values.append(d.get("value"))
                continue
            op = ops.OPS[d["op"]]
            if op.params:  # kernels, rules and texts with the node's parameters bound
                try:
                    op = op.bind(d.get("params"))
                except ops.ParamError as exc:  # a required one missing, like a free slot
                    reason = Text(exc.template, "ops", **exc.params)
                    raise GraphError(message("bad_params", op=op.name, reason=reason), n) \
                        from None
            slots = arg_table[n]
            for slot, src in enumerate(slots):
                if src is None:
                    raise GraphError(_msg("needs_argument", node=doc.describe(n),
                                          slot=op.slots[slot]), n)
            op_list.append(op)
            args_list.append(tuple(index[a] for a in slots))  # type: ignore[index]
            leaf_values.append(None)
        self.kinds: list[str] = kinds
        self.ops: list[ops.Op | None] = op_list
        self.args: list[tuple[int, ...]] = args_list
        self.out = index[out]
        inputs = doc.inputs()
        self.input_names: list[str] = list(inputs)
        self.input_index = {name: index[n] for name, n in inputs.items() if n in index}
        self.input_nodes = dict(inputs)
        self.leaf_values: list[Value] = leaf_values
        # A node needs a gradient if some input is upstream of it.
        needs = [k == "input" for k in kinds]
        for i, a in enumerate(args_list):
            if a and any(needs[j] for j in a):
                needs[i] = True
        self.needs_grad = needs
        op_positions = [i for i, k in enumerate(kinds) if k == "op"]
        labels = [attrs[n]["name"] if kinds[i] == "input"
                  else format_value(attrs[n]["value"]) if kinds[i] == "const" else ""
                  for i, n in enumerate(order)]
        for i, name in zip(op_positions, op_labels(attrs, [order[i] for i in op_positions],
                                                   inputs)):
            labels[i] = name
        self.labels: list[str] = labels
        # Positions of the operations a student named (a program's steps), in order.
        self.named: list[int] = [i for i in op_positions if "name" in attrs[order[i]]] \
            if doc.named_ops() else []
        self._static_cache: list[tuple[Any, ...]] | None = None
        self._build_kernels()

    def _build_kernels(self) -> None:
        """Flat tuples for the fast loops: no attribute look-ups while running."""
        fwd_s, fwd_a, bwd_s, bwd_a, jvp = [], [], [], [], []
        needs = self.needs_grad
        for i, op in enumerate(self.ops):
            if op is None:
                continue
            a = self.args[i]
            fwd_s.append((op.forward_s, i, a[0], a[1] if len(a) > 1 else -1))
            fwd_a.append((op.forward_a, i, a[0], a[1] if len(a) > 1 else -1))
            jvp.append((i, op, a))
            if not needs[i]:
                continue
            vs = op.vjp_s or (None, None)  # matmul has no float kernels
            if len(a) == 1:  # the argument needs a gradient, or this node wouldn't
                bwd_s.append((i, a[0], -1, vs[0], None))
                bwd_a.append((i, a[0], -1, op.vjp_a[0], None))
            else:
                # Only slots whose source needs a gradient get a VJP: a constant
                # exponent's derivative (log of the base) is never computed.
                n0, n1 = needs[a[0]], needs[a[1]]
                bwd_s.append((i, a[0], a[1], vs[0] if n0 else None, vs[1] if n1 else None))
                bwd_a.append((i, a[0], a[1], op.vjp_a[0] if n0 else None,
                              op.vjp_a[1] if n1 else None))
        self._fwd_s, self._fwd_a, self._jvp = fwd_s, fwd_a, jvp
        self._bwd_s, self._bwd_a = bwd_s[::-1], bwd_a[::-1]
        # One backward step record per operation a gradient flows through.
        self.backward_steps = len(bwd_s)
        self._scalar_ok = all(op is None or op.forward_s is not None for op in self.ops)
        self._leaf_pos = [i for i, op in enumerate(self.ops) if op is None]
        # Op values nobody reads after forward step k (never leaves: the document's).
        last_use: dict[int, int] = {}
        for k, (_f, _o, a, b) in enumerate(fwd_a):
            last_use[a] = last_use[b] = k
        dead: list[list[int]] = [[] for _ in fwd_a]
        for i, k in last_use.items():
            if i >= 0 and self.ops[i] is not None and i != self.out:
                dead[k].append(i)
        self._dead_after = [tuple(d) for d in dead]


def compile_graph(doc: Document, output: int | None = None) -> Program:
    """Compile the document (for its current output, or ``output``).

    Composite blocks are inlined first (``composite.expand``): the program's ``origin``
    maps each inner node's id to (its block node in ``doc``, the node in the block's body).
    """
    with gc_paused():  # building thousands of tuples, none of them garbage
        if not has_blocks(doc):
            return Program(doc, output)
        expansion = expand(doc)
        program = Program(expansion.document, output)
        program.origin = expansion.origin
        return program
