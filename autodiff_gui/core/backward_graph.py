"""The backward pass as a graph: a document whose value is a derivative.

``backward_graph(doc)`` turns a document into a new, ordinary document.  Its op
nodes are primitives of the table (``ops.OPS``), made by each primitive's backward
rule (``Op.grad``, declared beside the table in ``core/ops/``); its inputs are the
original inputs and ``upstream`` (the gradient that reaches the output, 1 by
default); fan-out sums are explicit ``add`` nodes.  Every node carries a ``label``
attribute saying what it is (``∂f/∂c``, ``∂f/∂x (path 2)``, ``cos(x)``).

A document has one output, so the choice is: **the output is ∂f/∂(first input)**, in
the order ``doc.inputs()`` lists them (the order of the ``inputs`` object of the
command line); every other ∂f/∂(input) is a node of the same document, found in
``BackwardGraph.gradients`` and labelled ``∂f/∂<name>``.  ``with_output`` gives
the same document with another gradient as its output.

Because it is an ordinary document it compiles, steps, saves and can be
differentiated again: ``hessian`` differentiates the gradient nodes with the
engine's reverse mode (rows of the Hessian), ``second_order_graph`` builds the
backward graph of the backward graph.

Only what some gradient needs is kept: forward nodes no rule reads disappear.
Forward nodes keep their ids (so a view can match them with the original).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from . import ops
from .composite import flattened
from .graph import NAME_RE, Document, GraphError, Text, format_value, gc_paused

MESSAGES: dict[str, str] = {
    "no_output": "the graph has no output to differentiate",
    "broadcast": "the backward graph cannot sum a gradient of shape {got} back to {want}",
    "grad": "∂f/∂{0}",
    "path": "∂f/∂{0} (path {1})",
    "paths": "∂f/∂{0} (paths 1–{1})",
    "zero": "∂f/∂{0} = 0",
    "transpose": "{0}ᵀ",
    "column": "{0} as a column",
    "kink_step": "[{0} > 0]  (relu′ is 0 at the kink, as in PyTorch)",
    "kink_sign": "sign({0})  (abs′ is 0 at the kink, as in PyTorch)",
}

UPSTREAM = "upstream"


def _msg(code: str, /, *args: Any, **params: Any) -> Text:
    return Text(MESSAGES[code], "backward", **params)


def _label(code: str, *args: Any) -> str:
    """A node label: plain text (tens of thousands are made; the UI translates the words
    "path" and "paths" by the templates in MESSAGES, context "backward")."""
    return MESSAGES[code].format(*args)


@dataclass
class BackwardGraph:
    """A backward graph and where its gradients are.

    ``document``: the backward graph (output ∂f/∂(first input)); ``gradients``: input
    name -> node of ∂f/∂input; ``upstream``: the name of the upstream input;
    ``forward_nodes``: node count of the function differentiated.
    """

    document: Document
    gradients: dict[str, int]
    upstream: str
    forward_nodes: int

    def with_output(self, name: str) -> Document:
        """A copy of the document whose output is ∂f/∂``name``."""
        doc = self.document.copy()
        doc.set_output(self.gradients[name])
        return doc


class _Builder:
    """Nodes as flat lists (kind, payload, arguments, shape, label): cheap to make.

    Rules call ``B.<op>(...)``; ``__getattr__`` turns every op name into a builder.
    """

    def __init__(self) -> None:
        self.kind: list[str] = []
        self.data: list[Any] = []  # input: (name, value); const: value; op: op name
        self.args: list[tuple[int, ...]] = []
        self.shape: list[tuple[int, ...]] = []
        # None: the default label (the op's expression of its arguments' labels), made
        # when asked (``label_of``): most are replaced before anyone reads them.
        self.label: list[str | None] = []
        self.orig: list[int | None] = []  # the original document's id (forward nodes)
        self.params: dict[int, Mapping[str, Any]] = {}  # op nodes with parameters
        self._consts: dict[tuple[Any, ...], int] = {}

    def _new(self, kind: str, data: Any, args: tuple[int, ...], shape: tuple[int, ...],
             label: str, orig: int | None = None) -> int:
        self.kind.append(kind)
        self.data.append(data)
        self.args.append(args)
        self.shape.append(shape)
        self.label.append(label)
        self.orig.append(orig)
        return len(self.kind) - 1

    def input(self, name: str, value: Any, orig: int | None = None) -> int:
        return self._new("input", (name, value), (), np.shape(value), name, orig)

    def const(self, value: Any, orig: int | None = None) -> int:
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = float(value)
        key = (np.shape(value), np.asarray(value, dtype=float).tobytes())
        if orig is None and key in self._consts:
            return self._consts[key]
        n = self._new("const", value, (), np.shape(value), format_value(value), orig)
        self._consts.setdefault(key, n)
        return n

    def op(self, name: str, *args: int, label: str = "", orig: int | None = None,
           params: Mapping[str, Any] | None = None) -> int:
        op = ops.OPS[name]
        checked: Mapping[str, Any] | None = None
        if op.params:  # shape and label with the parameters bound (sum(g, axis=0))
            checked = MappingProxyType(op.check_params(params)) if params else None
            op = op.bind(checked)
        assert op.shape is not None
        shapes = self.shape
        first = shapes[args[0]]
        # Scalars, or equal shapes of an elementwise op: no broadcasting to work out (the
        # common case, tens of thousands of times: spelled out for speed).
        if op.elementwise and (len(args) == 1 or first == shapes[args[1]]):
            shape = first
        else:
            try:
                shape = op.shape(*(shapes[a] for a in args))
            except ValueError as exc:
                raise GraphError(str(exc)) from None
        n = len(self.kind)
        self.kind.append("op")
        self.data.append(name)
        self.args.append(args)
        shapes.append(shape)
        self.label.append(label or None)
        self.orig.append(orig)
        if checked:
            self.params[n] = checked
        return n

    def __getattr__(self, name: str) -> Any:
        op = ops.OPS.get(name)
        if op is None:
            raise AttributeError(name)
        if op.params:  # B.sum(g, axis=0): parameters as keywords
            def make(*args: int, **params: Any) -> int:
                return self.op(name, *args, params=params)
        else:
            make = functools.partial(self.op, name)
        setattr(self, name, make)  # found directly from now on (rules call these a lot)
        return make

    def label_of(self, n: int) -> str:
        """Node ``n``'s label, the default ones it depends on made first (in creation
        order: a node's arguments are older than it)."""
        labels = self.label
        if labels[n] is not None:
            return labels[n]  # type: ignore[return-value]
        todo, stack = [], [n]
        while stack:
            k = stack.pop()
            if labels[k] is None:
                todo.append(k)
                stack.extend(self.args[k])
        for k in sorted(set(todo)):
            op = ops.OPS[self.data[k]]
            if op.expr:
                text = op.expr.format(*(labels[a] for a in self.args[k]))
                labels[k] = op.symbol if len(text) > 24 else text
            else:
                labels[k] = self.data[k]
        return labels[n]  # type: ignore[return-value]

    # -- what rules may ask ----------------------------------------------------
    def named(self, n: int, code: str, arg: int) -> int:
        """Label node ``n`` by the template ``MESSAGES[code]`` about ``arg``."""
        self.label[n] = _label(code, self.label_of(arg))
        return n

    def value_of(self, n: int) -> Any:
        return self.data[n] if self.kind[n] == "const" else None

    def ndim(self, n: int) -> int:
        return len(self.shape[n])

    def size(self, n: int) -> int:
        return int(np.prod(self.shape[n], dtype=int))

    def spread(self, g: int, like: int) -> int:
        """g (a scalar) given the shape of ``like``: times ones."""
        shape = self.shape[like]
        if self.shape[g] == shape:
            return g
        return self.op("mul", g, self.const(np.ones(shape)))

    def column(self, v: int) -> int:
        """A vector (n,) as a column (n, 1): diag(v) @ ones, with mul and matmul."""
        (n,) = self.shape[v]
        diag = self.op("mul", self.const(np.eye(n)), v)
        return self.op("matmul", diag, self.const(np.ones((n, 1))),
                       label=_label("column", self.label_of(v)))

    def transpose(self, m: int) -> int:
        """mᵀ for a matrix (r, c): Σᵢ column(eᵢ @ m) · eᵢ as a row (the table has no ᵀ)."""
        r, c = self.shape[m]
        total: int | None = None
        for i in range(r):
            e = np.zeros(r)
            e[i] = 1.0
            row = self.op("matmul", self.const(e), m)
            term = self.op("mul", self.column(row), self.const(e.reshape(1, r)))
            total = term if total is None else self.op("add", total, term)
        assert total is not None
        self.label[total] = _label("transpose", self.label_of(m))
        return total

    def sum_to(self, g: int, shape: tuple[int, ...]) -> int:
        """A gradient summed back over the axes its argument was broadcast along."""
        got = self.shape[g]
        if got == shape:
            return g
        if shape == ():
            return self.op("sum", g)
        if int(np.prod(shape)) == 1:
            return self.op("mul", self.op("sum", g), self.const(np.ones(shape)))
        if len(got) < len(shape) or (len(got) == len(shape) == 1):
            raise GraphError(_msg("broadcast", got=got, want=shape))
        if len(got) == 2:
            r, c = got
            if shape == (c,):
                return self.op("matmul", self.const(np.ones(r)), g)
            if shape == (1, c):
                return self.op("matmul", self.const(np.ones((1, r))), g)
            if shape == (r, 1):
                return self.op("matmul", g, self.const(np.ones((c, 1))))
        raise GraphError(_msg("broadcast", got=got, want=shape))


def _labels(doc: Document, order: list[int]) -> dict[int, str]:
    """The letters the engine gives op nodes (a, b, … z), so ∂f/∂c names the same c:
    the engine's own naming, over the same topological order."""
    from .engine.program import op_labels  # the engine imports graph: keep it lazy

    attrs = doc.node_table()
    labels = {n: attrs[n]["name"] if attrs[n]["kind"] == "input"
              else format_value(attrs[n]["value"]) for n in order if attrs[n]["kind"] != "op"}
    op_nodes = [n for n in order if attrs[n]["kind"] == "op"]
    labels.update(zip(op_nodes, op_labels(attrs, op_nodes, doc.inputs())))
    return labels


def build_backward(doc: Document) -> BackwardGraph:
    """The backward graph of ``doc`` with every gradient's node (see the module doc)."""
    doc = flattened(doc)  # composite blocks inlined: the backward graph is of primitives
    out = doc.output
    if out is None:
        raise GraphError(_msg("no_output"))
    with gc_paused():
        return _build(doc, out)


def _build(doc: Document, out: int) -> BackwardGraph:
    order = doc.dependency_order(out)
    attrs, arg_table = doc.node_table(), doc.argument_table()
    names = _labels(doc, order)
    B = _Builder()
    ir: dict[int, int] = {}
    inputs = doc.inputs()
    for name, n in inputs.items():  # every input, reached or not, in the document's order
        ir[n] = B.input(name, attrs[n]["value"], orig=n)
    needs: dict[int, bool] = {}
    for n in order:
        d = attrs[n]
        if d["kind"] == "input":
            needs[n] = True
        elif d["kind"] == "const":
            ir[n] = B.const(d["value"], orig=n)
            needs[n] = False
        else:
            args = arg_table[n]
            if None in args:  # the engine's own refusal (needs_argument)
                raise doc.problems()[0]
            ir[n] = B.op(d["op"], *map(ir.__getitem__, args), label=names[n],  # type: ignore
                         orig=n, params=d.get("params"))
            needs[n] = any(map(needs.__getitem__, args))  # type: ignore[arg-type]
    up_name = UPSTREAM
    k = 1
    while up_name in inputs or up_name in names.values():  # a student may name an op so
        k += 1
        up_name = f"{UPSTREAM}{k}"
    out_shape = B.shape[ir[out]]
    upstream = B.input(up_name, np.ones(out_shape) if out_shape else 1.0)
    parts: dict[int, list[int]] = {out: [upstream]} if needs[out] else {}
    grad_of: dict[int, int] = {}
    for n in reversed(order):
        contributions = parts.pop(n, None)
        if not contributions:
            continue
        g = contributions[0] if len(contributions) == 1 else \
            _accumulate(B, contributions, names[n])
        grad_of[n] = g
        d = attrs[n]
        if d["kind"] != "op":
            continue
        op = ops.OPS[d["op"]]
        if op.params:  # the rule takes the node's parameters as keywords
            op = op.bind(d.get("params"))
        args = arg_table[n]
        arg_ir = tuple(map(ir.__getitem__, args))  # type: ignore[arg-type]
        for slot, src in enumerate(args):
            if not needs[src]:  # type: ignore[index]
                continue
            mark = len(B.kind)
            try:
                r = op.grad[slot](B, g, ir[n], *arg_ir)
            except GraphError:
                raise
            except ValueError as exc:  # the rule's own refusal, in the op's words
                raise GraphError(Text(str(exc), "ops")) from None
            if r is None:
                continue
            want = B.shape[ir[src]]  # type: ignore[index]
            if B.shape[r] != want:
                r = B.sum_to(r, want)
                if B.shape[r] != want:
                    r = B.spread(r, ir[src])  # type: ignore[index]
            parts.setdefault(src, []).append(r)  # type: ignore[arg-type]
            if r >= mark:  # made for this contribution: it is ∂f/∂(argument)
                B.label[r] = _label("grad", names[src])  # type: ignore[index]
    gradients: dict[str, int] = {}
    for name, n in inputs.items():
        if n in grad_of:
            gradients[name] = grad_of[n]
        else:
            z = B.const(np.zeros(np.shape(attrs[n]["value"])) if np.ndim(attrs[n]["value"])
                        else 0.0, orig=-1)
            B.label[z] = _label("zero", name)
            gradients[name] = z
    document, ids = _emit(B, [*gradients.values()], [ir[n] for n in inputs.values()]
                          + [upstream])
    result = {name: ids[g] for name, g in gradients.items()}
    first = next(iter(result.values()), ids[upstream])
    document.set_output(first)
    return BackwardGraph(document, result, up_name, len(order))


def _accumulate(B: _Builder, contributions: list[int], label: str) -> int:
    """Sum the contributions that meet at a node with explicit add nodes."""
    if len(contributions) == 1:
        return contributions[0]
    for k, c in enumerate(contributions, 1):
        if B.label[c] == _label("grad", label):  # made for this path: say which
            B.label[c] = _label("path", label, k)
    total = contributions[0]
    for k, c in enumerate(contributions[1:], 2):
        total = B.op("add", total, c)
        B.label[total] = _label("paths", label, k)
    B.label[total] = _label("grad", label)
    return total


def _emit(B: _Builder, roots: list[int], keep: list[int]) -> tuple[Document, dict[int, int]]:
    """The nodes some root needs (and ``keep``), as a Document; builder index -> id."""
    live = [False] * len(B.kind)
    for n in (*roots, *keep):
        live[n] = True
    arguments = B.args
    # A node's arguments were made before it: one sweep from the newest marks them all.
    for n in range(len(live) - 1, -1, -1):
        if live[n]:
            for a in arguments[n]:
                live[a] = True
    next_id = 1 + max((o for o in B.orig if o is not None), default=0)
    ids = [0] * len(live)  # builder index -> node id (of the live ones)
    attrs: dict[int, dict[str, Any]] = {}
    args: dict[int, tuple[int, ...]] = {}
    kinds, data, labels, origs, params = B.kind, B.data, B.label, B.orig, B.params
    OPS = ops.OPS
    for n in [k for k, alive in enumerate(live) if alive]:
        orig = origs[n]
        if orig is None or orig < 0:
            node_id, next_id = next_id, next_id + 1
        else:
            node_id = orig
        ids[n] = node_id
        kind = kinds[n]
        # A label is shown, not computed with: it rides in the node's attributes
        # (kept by copies and undo; the file format does not store it).
        if kind == "op":
            label = labels[n]
            if label is None:  # the default: the op's expression of its arguments' labels
                op = OPS[data[n]]
                if op.expr:
                    label = op.expr.format(*(labels[k] for k in arguments[n]))
                    if len(label) > 24:
                        label = op.symbol
                else:
                    label = data[n]
                labels[n] = label
            a = {"kind": "op", "op": data[n], "label": label}
            if orig is not None and orig >= 0 and NAME_RE.match(label):
                # A node of the function keeps its letter as its name, so the trace, the
                # narration and the block say the d the function said (the engine
                # letters the backward graph's own nodes around these names).
                a["name"] = label
            if n in params:
                a["params"] = params[n]
            args[node_id] = tuple(map(ids.__getitem__, arguments[n]))
        else:
            args[node_id] = ()
            if kind == "input":
                name, value = data[n]
                a = {"kind": "input", "name": name, "value": _own(value), "label": labels[n]}
            else:
                a = {"kind": "const", "value": _own(data[n]), "label": labels[n]}
        attrs[node_id] = a
    # Every node is valid by construction: the document takes them as they are, without
    # per-edit checks and events or a snapshot's copies (35,000 nodes in a blink).
    return Document.built(attrs, args, next_id), dict(enumerate(ids))


def _own(value: Any) -> Any:
    """A value the backward graph may keep: arrays copied (they come from the original)."""
    return value.copy() if isinstance(value, np.ndarray) else value


def backward_graph(doc: Document) -> Document:
    """The backward graph of ``doc``: output ∂f/∂(first input) (see the module doc)."""
    return build_backward(doc).document


def node_count(doc: Document) -> int:
    """Nodes the output depends on, itself included (inputs and constants too)."""
    out = doc.output
    return 0 if out is None else len(doc.ancestors(out)) + 1


def op_count(doc: Document) -> int:
    """Operations the output depends on."""
    out = doc.output
    if out is None:
        return 0
    return sum(1 for n in doc.ancestors(out) | {out} if doc.kind(n) == "op")


def second_order_graph(doc: Document) -> BackwardGraph:
    """The backward graph of the backward graph: its output is ∂²f/∂x₁² (x₁ first input)."""
    return build_backward(backward_graph(doc))


def hessian(doc: Document, values: Mapping[str, Any] | None = None,
            ) -> dict[str, dict[str, Any]]:
    """∂²f/∂xᵢ∂xⱼ for every pair of inputs, by the engine's reverse mode on the backward graph.

    Row i is the gradient of the node ∂f/∂xᵢ of the backward graph.  For array inputs
    an entry is the gradient of sum(∂f/∂xᵢ) with respect to xⱼ (a Hessian-vector
    product with a vector of ones); ``hessian_vector`` takes any vector.
    """
    from .engine import compile_graph

    bg = build_backward(doc)
    names = list(bg.gradients)
    result: dict[str, dict[str, Any]] = {}
    for name in names:
        program = compile_graph(bg.document, bg.gradients[name])
        _value, grads = program.gradient(values)
        result[name] = {other: grads.get(other, _zero(doc, other)) for other in names}
    return result


def _zero(doc: Document, name: str) -> Any:
    v = doc.value(doc.inputs()[name])
    return np.zeros(np.shape(v)) if np.ndim(v) else 0.0


def hessian_vector(doc: Document, vector: Mapping[str, Any],
                   values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """H·v: the gradient of Σᵢ sum(vᵢ ⊙ ∂f/∂xᵢ), built as one more graph on the backward one."""
    from .engine import compile_graph

    bg = build_backward(doc)
    d = bg.document
    total: int | None = None
    for name, g in bg.gradients.items():
        v = np.asarray(vector.get(name, 0.0), dtype=float)
        term = d.add_op("mul", args=(g, d.add_const(v if v.ndim else float(v))))
        if np.ndim(v) or np.ndim(d.value(d.inputs()[name])):
            term = d.add_op("sum", args=(term,))
        total = term if total is None else d.add_op("add", args=(total, term))
    if total is None:
        return {}
    _value, grads = compile_graph(d, total).gradient(values)
    return {name: grads.get(name, _zero(doc, name)) for name in bg.gradients}
