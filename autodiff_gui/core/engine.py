"""Compile a graph document into a flat program and run it.

``compile_graph`` walks networkx once per edit; the program is a list of
instructions in topological order, so running never touches the graph again
(walking networkx at run time costs 5–6× a flat list).

Two ways to run:

* the fast path (``evaluate``, ``gradient``, ``tangent``, ``forward_mode_gradient``)
  builds no records.  Scalar graphs run on Python floats with ``math`` kernels;
  others on numpy with floating-point errors raised.  If anything goes wrong it
  re-runs the checked path, which finds the culprit;
* the checked path (``iter_reverse``, ``iter_tangent``, wrapped by ``Stepper``)
  yields one record per step and raises ``EvalError`` naming the node.

Both call the same kernels in the same order and accumulate gradients the same
way, so a value or a gradient is the same to the last bit either way.  Nothing
returns nan or inf: a non-finite value, derivative or accumulated gradient is an
``EvalError`` on the node where it appeared.  No recursion anywhere: a
10,000-deep chain compiles and differentiates under a small recursion limit.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from . import ops
from .graph import Document, GraphError, Text, _reason, as_value, format_value, gc_paused
from .steps import (
    BackwardStep,
    Contribution,
    ForwardStep,
    Step,
    TangentStep,
    record_maker,
)

Value = Any
_FP_ERRORS = (ValueError, ZeroDivisionError, OverflowError, FloatingPointError, TypeError)
# numpy settings of the checked and array paths: every overflow or invalid
# operation raises (underflow to 0 is fine).
_RAISE = dict(over="raise", divide="raise", invalid="raise", under="ignore")
# Records are made in bulk by the checked path: fast constructors, same records.
_forward_step = record_maker(ForwardStep)
_backward_step = record_maker(BackwardStep)
_contribution = record_maker(Contribution)
_tangent_step = record_maker(TangentStep)

# The English templates of this module's messages (translated in context "core").
MESSAGES: dict[str, str] = {
    "upstream": "upstream gradient: {reason}",
    "empty": "the graph is empty: add an input and an operation",
    "no_node": "there is no node {node}",
    "needs_argument": "{node} needs its {slot!r} argument",
    "no_input": "there is no input called {name!r}",
    "value_of": "value of {name}: {reason}",
    "initial_no_input": "initial gradient: there is no input called {name!r}",
    "initial_value": "initial gradient of {name}: {reason}",
    "initial_shape": "the initial gradient of {name} has shape {got}, but {name} has shape "
                     "{want}",
    "accumulated_overflow": "the accumulated gradient is not finite (overflow)",
    "upstream_shape": "the upstream gradient has shape {got}, but the output has shape {want}",
    "wrt_unknown": "there is no input called {wrt!r} on the way to the output",
    "tangent_value": "tangent of {wrt}: {reason}",
    "tangent_shape": "the tangent of {wrt} must have shape {shape}",
    "shapes": "shapes {shapes} do not fit {op}: {detail}",
    "overflow": "the result is not a finite number (overflow)",
    "derivative": "the derivative {formula} is not finite here (at {args})",
    "gradient_overflow": "the gradient collected at {label} is not finite (overflow): "
                         "{before} + {amount}",
    "forward_needs_wrt": "forward mode needs an input to carry the tangent of",
    "unknown_mode": "unknown mode {mode!r}",
}


_OPS_MESSAGES = frozenset(ops.MESSAGES.values())


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "core", **params)


class EvalError(Exception):
    """Evaluation stopped at a node: out of domain, not finite, or shapes that don't fit.

    ``message`` is usually a ``Text`` (see ``graph.Text``): ``template`` and ``params``
    tell how it was made, for translation; ``location()`` is the node in symbols.
    """

    def __init__(self, message: str, *, node: int, label: str, op: str | None,
                 inputs: tuple[Value, ...] = (), kind: str = "domain",
                 pass_name: str = "forward") -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.label = label
        self.op = op
        self.inputs = inputs
        self.kind = kind  # domain or shape
        self.pass_name = pass_name  # forward, backward or tangent

    @property
    def template(self) -> str:
        return self.message.template if isinstance(self.message, Text) else self.message

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.message.params) if isinstance(self.message, Text) else {}

    def location(self) -> str:
        """Where it stopped, in symbols: ``d = log(-1)`` (or the label alone)."""
        args = ", ".join(format_value(v) for v in self.inputs)
        return f"{self.label} = {self.op}({args})" if self.op else self.label

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


def unbroadcast(g: Value, shape: tuple[int, ...]) -> Value:
    """Sum a gradient back to the shape of a broadcast operand."""
    gshape = np.shape(g)
    if gshape == shape:
        return g
    if shape == ():
        total = np.sum(g)
        return total if np.iscomplexobj(total) else float(total)
    extra = len(gshape) - len(shape)
    if extra > 0:
        g = np.sum(g, axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and np.shape(g)[i] != 1)
    if axes:
        g = np.sum(g, axis=axes, keepdims=True)
    return np.broadcast_to(g, shape).copy() if np.shape(g) != shape else g


def _is_scalar(v: Value) -> bool:
    return isinstance(v, float)


def _finite(v: Value) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    return bool(np.all(np.isfinite(v)))


def _add(a: Value | None, b: Value) -> Value:
    # Never in place: an add's VJP hands the same array to both arguments.
    return b if a is None else a + b


def _zero_like(v: Value) -> Value:
    return 0.0 if np.ndim(v) == 0 else np.zeros(np.shape(v))


def _weigh(weights: Value | None, t: Value) -> Value:
    return t if weights is None else weights * t


def _plain(v: Value) -> Value:
    """A 0-d array as a float (np.where and friends return them for scalars)."""
    if type(v) is np.ndarray and v.ndim == 0:
        return float(v)
    return v


def parse_upstream(value: Any) -> Value:
    """An upstream gradient as the engine takes it (ValueError if not numeric)."""
    try:
        return as_value(value)
    except ValueError as exc:
        raise ValueError(_msg("upstream", reason=_reason(exc))) from None


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


class Program:
    """A compiled graph: flat instructions in topological order for one output.

    Public attributes (read them, don't change them): ``nodes`` (document ids in
    topological order), ``index`` (id -> position), ``kinds``, ``ops``, ``args``
    (argument positions per node), ``labels``, ``out`` (position of the output),
    ``output_node``, ``input_names`` (every input of the document, in order),
    ``input_index`` (name -> position, only inputs the output reads),
    ``input_nodes`` (name -> id), ``leaf_values``, ``needs_grad`` and
    ``backward_steps`` (how many records a full backward pass yields).
    """

    def __init__(self, doc: Document, output: int | None = None) -> None:
        out = doc.output if output is None else output
        if out is None:
            raise GraphError(_msg("empty"))
        if out not in doc:
            raise GraphError(_msg("no_node", node=out), out)
        self.output_node = out
        order = _topological(doc, out)
        self.nodes: list[int] = order
        self.index = index = {n: i for i, n in enumerate(order)}
        # networkx's own adjacency dicts: the public views cost a wrapper object per look-up
        attrs, pred = doc.graph._node, doc.graph._pred
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
            slots: list[int | None] = [None] * op.arity
            for src, keys in pred[n].items():
                for slot in keys:
                    slots[slot] = src
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
        for i, name in zip(op_positions, _letter_labels(len(op_positions), set(inputs))):
            labels[i] = name
        self.labels: list[str] = labels
        self._static_cache: list[tuple[Any, ...]] | None = None
        self._build_kernels()

    # -- setup ---------------------------------------------------------------
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

    def leaves(self, values: Mapping[str, Any] | None = None) -> list[Value]:
        """Leaf values with named overrides; ValueError for an unknown name or bad value."""
        vals = list(self.leaf_values)
        for name, v in (values or {}).items():
            if name not in self.input_index:
                if name in self.input_names:
                    continue  # an input the current output does not read
                raise ValueError(_msg("no_input", name=name))
            try:
                vals[self.input_index[name]] = as_value(v)
            except ValueError as exc:
                raise ValueError(_msg("value_of", name=name, reason=_reason(exc))) from None
        return vals

    def _scalar(self, vals: list[Value]) -> bool:
        """Whether this run takes the float path: every leaf a float, every op has float kernels."""
        return self._scalar_ok and all(isinstance(vals[i], float) for i in self._leaf_pos)

    def _result(self, v: Value) -> Value:
        # The output may be a leaf: never hand out the document's own array.
        return v.copy() if isinstance(v, np.ndarray) and self.ops[self.out] is None else v

    # -- the fast path ---------------------------------------------------------
    def evaluate(self, values: Mapping[str, Any] | None = None) -> Value:
        """The output's value (raises EvalError)."""
        vals = self.leaves(values)
        if self._scalar(vals):
            self._run_forward(vals)
        else:
            self._evaluate_arrays(vals)
        return self._result(vals[self.out])

    def _evaluate_arrays(self, vals: list[Value]) -> None:
        """The array forward pass when only the output is wanted.

        Big arrays: an intermediate is dropped after its last use, and an elementwise
        ufunc writes into a dead intermediate of the right shape (what numpy's
        temporary elision does for ``np.tanh(x*y + np.sin(x))``).  Fresh 8 MB
        arrays cost page faults: this keeps 1e6-element graphs near hand-written numpy.
        The same kernels, so the same numbers.
        """
        try:
            with np.errstate(**_RAISE):
                for (f, o, a, b), dead in zip(self._fwd_a, self._dead_after):
                    x = vals[a]
                    if dead and a in dead and isinstance(f, np.ufunc) and \
                            isinstance(x, np.ndarray) and x.ndim and (
                                b < 0 or np.broadcast_shapes(x.shape, np.shape(vals[b]))
                                == x.shape):
                        v = f(x, out=x) if b < 0 else f(x, vals[b], out=x)
                    else:
                        v = f(x) if b < 0 else f(x, vals[b])
                    vals[o] = float(v) if type(v) is np.ndarray and v.ndim == 0 else v
                    for k in dead:
                        vals[k] = None
            return
        except _FP_ERRORS:
            pass
        for _ in self._iter_forward(vals):  # from the leaves again: names the node
            pass

    def node_values(self, values: Mapping[str, Any] | None = None) -> dict[int, Value]:
        """Every node's value by document id (the fast path; raises EvalError)."""
        vals = self.leaves(values)
        self._run_forward(vals)
        return {n: self._plain_copy(i, v) for i, (n, v) in enumerate(zip(self.nodes, vals))}

    def node_gradients(self, values: Mapping[str, Any] | None = None, upstream: Any = 1.0
                       ) -> dict[int, Value]:
        """∂(upstream·output)/∂node for every node an input feeds, by document id.

        The fast path; equal to what ``Stepper.gradients()`` holds at the end of a
        reverse pass (bit for bit).
        """
        vals = self.leaves(values)
        scalar = self._run_forward(vals)
        grads = self._backward(vals, self._seed(vals, upstream), scalar, keep=True)
        return {self.nodes[i]: _plain(g) for i, g in enumerate(grads)
                if self.needs_grad[i] and g is not None}

    def _plain_copy(self, i: int, v: Value) -> Value:
        # Leaves hold the document's own arrays: hand out copies.
        return v.copy() if isinstance(v, np.ndarray) and self.ops[i] is None else v

    def _forward(self, vals: list[Value]) -> list[Value]:
        """Fill in every node's value (raises EvalError); returns ``vals``."""
        self._run_forward(vals)
        return vals

    def _run_forward(self, vals: list[Value]) -> bool:
        """Fill in every node's value; returns whether the float path ran."""
        scalar = self._scalar(vals)
        try:
            if scalar:
                for f, o, a, b in self._fwd_s:
                    vals[o] = f(vals[a]) if b < 0 else f(vals[a], vals[b])
                # Python floats overflow silently (1e200*1e200 = inf): one sum finds it.
                if math.isfinite(sum(vals)):
                    return True
            else:
                with np.errstate(**_RAISE):
                    for f, o, a, b in self._fwd_a:
                        v = f(vals[a]) if b < 0 else f(vals[a], vals[b])
                        vals[o] = float(v) if type(v) is np.ndarray and v.ndim == 0 else v
                return False
        except _FP_ERRORS:
            pass
        # Something failed or overflowed: the checked pass names the node.
        for _ in self._iter_forward(vals):
            pass
        return scalar

    def gradient(self, values: Mapping[str, Any] | None = None, upstream: Any = 1.0,
                 initial: Mapping[str, Value] | None = None) -> tuple[Value, dict[str, Value]]:
        """Value and reverse-mode gradient of every input, scaled by ``upstream``.

        ``upstream`` is a number or an array of the output's shape (ValueError
        otherwise).  ``initial`` gradients, by input name and of that input's shape,
        are added (PyTorch's ``.grad`` accumulating across runs).
        """
        vals = self.leaves(values)
        scalar = self._run_forward(vals)
        seed = self._seed(vals, upstream)
        grads = self._backward(vals, seed, scalar)
        return self._result(vals[self.out]), self._input_grads(vals, grads, initial)

    def _backward(self, vals: list[Value], seed: Value, scalar: bool,
                  keep: bool = False) -> list[Value]:
        """Every node's gradient (None: none reached it); raises EvalError.

        Arrays: unless ``keep``, an op node's value and gradient are dropped once its
        step is done (big arrays: memory is reused); input gradients always stay.
        """
        released = False
        try:
            if scalar and isinstance(seed, float):
                grads: list[Value] = [0.0] * len(vals)
                grads[self.out] = seed
                for o, a, b, va, vb in self._bwd_s:
                    g = grads[o]
                    if b < 0:
                        grads[a] += va(g, vals[o], vals[a])
                    else:
                        x, y, z = vals[a], vals[b], vals[o]
                        if va is not None:
                            grads[a] += va(g, z, x, y)
                        if vb is not None:
                            grads[b] += vb(g, z, x, y)
                if math.isfinite(sum(grads)):
                    return grads
            else:
                grads = [None] * len(vals)
                out = self.out
                grads[out] = seed
                with np.errstate(**_RAISE):
                    for o, a, b, va, vb in self._bwd_a:
                        g = grads[o]
                        if g is None:
                            continue
                        if va is not None:
                            x = vals[a]
                            c = va(g, vals[o], x) if b < 0 else va(g, vals[o], x, vals[b])
                            grads[a] = _add(grads[a], unbroadcast(c, np.shape(x)))
                        if vb is not None:
                            y = vals[b]
                            c = vb(g, vals[o], vals[a], y)
                            grads[b] = _add(grads[b], unbroadcast(c, np.shape(y)))
                        if not keep and o != out:
                            grads[o] = vals[o] = None  # every reader's step is done
                            released = True
                return grads
        except _FP_ERRORS:
            pass
        if released:
            self._run_forward(vals)  # the checked pass needs every value back
        return self._checked_backward(vals, seed)

    def _checked_backward(self, vals: list[Value], seed: Value) -> list[Value]:
        grads: list[Value] = [None] * len(vals)
        grads[self.out] = seed
        for _ in self._iter_backward(vals, grads):
            pass
        return grads

    def _input_grads(self, vals: list[Value], grads: list[Value],
                     initial: Mapping[str, Value] | None) -> dict[str, Value]:
        result: dict[str, Value] = {}
        handed_out: set[int] = set()
        for name in self.input_names:
            i = self.input_index.get(name)
            if i is None:
                continue
            g = grads[i]
            if g is None:
                g = _zero_like(vals[i])
            elif isinstance(g, np.ndarray):
                if g.ndim == 0:
                    g = float(g)
                elif id(g) in handed_out:  # x + y hands both the same array
                    g = g.copy()
                else:
                    handed_out.add(id(g))
            elif isinstance(g, np.floating):
                g = float(g)
            result[name] = g
        if initial:
            for name, value in initial.items():
                if name not in self.input_names:
                    raise ValueError(_msg("initial_no_input", name=name))
                if value is None or name not in result:
                    continue
                try:
                    v = as_value(value)
                except ValueError as exc:
                    raise ValueError(_msg("initial_value", name=name,
                                          reason=_reason(exc))) from None
                if np.shape(v) != np.shape(result[name]):
                    raise ValueError(_msg("initial_shape", name=name, got=np.shape(v),
                                          want=np.shape(result[name])))
                with np.errstate(over="ignore", invalid="ignore"):
                    total = result[name] + v
                if not _finite(total):
                    i = self.input_index[name]
                    raise EvalError(_msg("accumulated_overflow"),
                                    node=self.nodes[i], label=name, op=None,
                                    inputs=(result[name], v), pass_name="backward")
                result[name] = total
        return result

    def _seed(self, vals: list[Value], upstream: Any) -> Value:
        u = parse_upstream(upstream)
        shape = np.shape(vals[self.out])
        if np.shape(u) == shape:
            return u
        if np.ndim(u) == 0:
            return np.full(shape, u) if shape else u
        raise ValueError(_msg("upstream_shape", got=np.shape(u), want=shape))

    def tangent(self, wrt: str, values: Mapping[str, Any] | None = None,
                seed: Any = 1.0) -> tuple[Value, Value]:
        """One forward-mode pass: value and ∂output/∂wrt·seed (seed shaped like wrt)."""
        vals = self.leaves(values)
        tangents = self._seed_tangents(vals, wrt, seed)
        scalar = self._run_forward(vals)
        t = self._tangent_pass(vals, tangents, scalar, wrt)
        return self._result(vals[self.out]), _zero_like(vals[self.out]) if t is None else t

    def _tangent_pass(self, vals: list[Value], tangents: list[Value], scalar: bool,
                      wrt: str) -> Value:
        """Fill in the tangents after a forward pass; returns the output's (None: 0)."""
        seeded = list(tangents)
        try:
            if scalar:
                for i, op, idx in self._jvp:
                    tangents[i] = op.jvp(vals[i], tuple(vals[j] for j in idx),
                                         tuple(tangents[j] for j in idx), True)
                if math.isfinite(sum(t for t in tangents if t is not None)):
                    return tangents[self.out]
            else:
                with np.errstate(**_RAISE):
                    for i, op, idx in self._jvp:
                        t = op.jvp(vals[i], tuple(vals[j] for j in idx),
                                   tuple(tangents[j] for j in idx), False)
                        tangents[i] = float(t) if type(t) is np.ndarray and t.ndim == 0 else t
                return tangents[self.out]
        except _FP_ERRORS:
            pass
        tangents[:] = seeded  # the checked pass names the node (or agrees)
        for _ in self._iter_tangent(vals, tangents, wrt):
            pass
        return tangents[self.out]

    def forward_mode_gradient(self, values: Mapping[str, Any] | None = None,
                              upstream: Any = None) -> dict[str, Value]:
        """The gradient by forward mode: one pass per input element.

        Without ``upstream``, for an array output this is the gradient of the sum of
        its elements, the same as reverse mode with an upstream gradient of ones.
        With it, each tangent is weighted by ``upstream`` before the sum, so the
        result is comparable with ``gradient(values, upstream)``.
        """
        vals = self.leaves(values)
        scalar = self._run_forward(vals)
        weights = None if upstream is None else self._seed(vals, upstream)
        n = len(vals)
        result: dict[str, Value] = {}
        for name in self.input_names:
            i = self.input_index.get(name)
            if i is None:
                continue
            shape = np.shape(vals[i])
            if shape == ():
                tangents: list[Value] = [None] * n
                tangents[i] = 1.0
                t = self._tangent_pass(vals, tangents, scalar, name)
                result[name] = 0.0 if t is None else float(np.sum(_weigh(weights, t)))
                continue
            g = np.zeros(shape)
            for k in range(g.size):
                e = np.zeros(shape)
                e.flat[k] = 1.0
                tangents = [None] * n
                tangents[i] = e
                t = self._tangent_pass(vals, tangents, scalar, name)
                g.flat[k] = 0.0 if t is None else np.sum(_weigh(weights, t))
            result[name] = g
        return result

    def _seed_tangents(self, vals: list[Value], wrt: str, seed: Any) -> list[Value]:
        if wrt not in self.input_index:
            raise ValueError(_msg("wrt_unknown", wrt=wrt))
        i = self.input_index[wrt]
        try:
            s = as_value(seed)
        except ValueError as exc:
            raise ValueError(_msg("tangent_value", wrt=wrt, reason=_reason(exc))) from None
        if np.shape(s) != np.shape(vals[i]):
            if np.ndim(s) == 0:
                s = np.full(np.shape(vals[i]), s) if np.ndim(vals[i]) else s
            else:
                raise ValueError(_msg("tangent_shape", wrt=wrt, shape=np.shape(vals[i])))
        tangents: list[Value] = [None] * len(vals)
        tangents[i] = s
        return tangents

    # -- the checked path ----------------------------------------------------------
    def _error(self, i: int, message: str, kind: str, pass_name: str,
               inputs: tuple[Value, ...]) -> EvalError:
        op = self.ops[i]
        return EvalError(message, node=self.nodes[i], label=self.labels[i],
                         op=op.name if op else None, inputs=inputs, kind=kind,
                         pass_name=pass_name)

    def _explain(self, i: int, args: tuple[Value, ...],
                 exc: BaseException | None) -> tuple[str, str]:
        """Why node i failed: (message, kind)."""
        op = self.ops[i]
        assert op is not None
        if isinstance(exc, ValueError) and ("shape" in str(exc) or "broadcast" in str(exc)
                                            or "@" in str(exc) or "dimension" in str(exc)):
            shapes = " and ".join(str(np.shape(a)) for a in args)
            detail = str(exc)
            # Our own reasons (ops.MESSAGES) translate; numpy's are shown as they are.
            known = Text(detail, "ops") if detail in _OPS_MESSAGES else detail
            return _msg("shapes", shapes=shapes, op=op.name, detail=known), "shape"
        if op.domain is not None:
            reason = op.domain(*args)
            if reason:
                return Text(reason, "ops"), "domain"
        return _msg("overflow"), "domain"

    def _derivative_error(self, i: int, slot: int, args: tuple[Value, ...],
                          exc: BaseException | None, pass_name: str) -> EvalError:
        """The value at node i was fine; its derivative for ``slot`` is not."""
        message, kind = self._explain(i, args, exc)
        if kind != "shape":
            op = self.ops[i]
            assert op is not None
            message = _msg("derivative", formula=Text(op.formulas[slot], "ops"),
                           args=", ".join(format_value(a) for a in args))
        return self._error(i, message, kind, pass_name, args)

    def _static(self) -> list[tuple[Any, ...]]:
        """What the records of node i say that does not depend on values, made once:
        (argument nodes, argument labels, local-derivative texts per slot)."""
        if self._static_cache is None:
            nodes, labels = self.nodes, self.labels
            table: list[tuple[Any, ...]] = []
            for i, op in enumerate(self.ops):
                idx = self.args[i]
                arg_labels = tuple(labels[j] for j in idx)
                texts = () if op is None else tuple(
                    t.format(*arg_labels, out=labels[i]) for t in op.local_texts)
                table.append((tuple(nodes[j] for j in idx), arg_labels, texts))
            self._static_cache = table
        return self._static_cache

    def _iter_forward(self, vals: list[Value]) -> Iterator[ForwardStep]:
        scalar = self._scalar(vals)
        nodes, labels, kinds, arg_pos = self.nodes, self.labels, self.kinds, self.args
        static = self._static()
        isfinite = math.isfinite
        for i, op in enumerate(self.ops):
            n = nodes[i]
            if op is None:
                yield _forward_step(i, n, labels[i], kinds[i], None, (), (), (), vals[i], "",
                                    "forward")
                continue
            idx = arg_pos[i]
            args = (vals[idx[0]],) if len(idx) == 1 else (vals[idx[0]], vals[idx[1]])
            exc: BaseException | None = None
            try:
                if scalar:  # math kernels raise or return a float; no numpy state needed
                    v = op.forward_s(*args)  # type: ignore[misc]
                    ok = isfinite(v)
                else:
                    with np.errstate(**_RAISE):
                        v = _plain(op.forward_a(*args))
                    ok = _finite(v)
            except _FP_ERRORS as e:
                v, exc, ok = None, e, False
            if not ok:
                message, kind = self._explain(i, args, exc)
                raise self._error(i, message, kind, "forward", args)
            vals[i] = v
            arg_nodes, arg_labels, _texts = static[i]
            yield _forward_step(i, n, labels[i], "op", op.name, arg_nodes, arg_labels, args, v,
                                op.template, "forward")

    def _local(self, op: ops.Op, slot: int, out: Value, args: tuple[Value, ...],
               scalar: bool) -> Value | None:
        """∂out/∂args[slot] for the narration (None: not elementwise, or not finite)."""
        partials = op.partial_s if scalar else op.partial_a
        if partials is None:
            return None
        try:
            if scalar:
                local = partials[slot](out, *args)
                return local if math.isfinite(local) else None
            with np.errstate(**_RAISE):
                local = _plain(partials[slot](out, *args))
        except _FP_ERRORS:
            return None
        return local if _finite(local) else None

    def _iter_backward(self, vals: list[Value], grads: list[Value],
                       start: int = 0) -> Iterator[BackwardStep]:
        # The same VJP kernels, in the same order, accumulated the same way as the
        # fast path (a scalar sum starts from 0.0 there), so results agree bit for bit.
        scalar = self._scalar(vals) and all(g is None or _is_scalar(g) for g in grads)
        nodes, labels, arg_pos, needs = self.nodes, self.labels, self.args, self.needs_grad
        static, all_ops = self._static(), self.ops
        isfinite = math.isfinite
        count = start
        for i in range(len(all_ops) - 1, -1, -1):
            op = all_ops[i]
            if op is None or not needs[i]:
                continue
            g = grads[i]
            if g is None:
                continue
            idx = arg_pos[i]
            args = (vals[idx[0]],) if len(idx) == 1 else (vals[idx[0]], vals[idx[1]])
            out = vals[i]
            _arg_nodes, arg_labels, texts = static[i]
            partials = op.partial_s if scalar else op.partial_a
            contributions = []
            for slot, j in enumerate(idx):
                if not needs[j]:
                    continue
                before = grads[j]
                exc: BaseException | None = None
                try:
                    if scalar:
                        amount = op.vjp_s[slot](g, out, *args)
                        ok = isfinite(amount)
                    else:
                        with np.errstate(**_RAISE):
                            amount = _plain(unbroadcast(op.vjp_a[slot](g, out, *args),
                                                        np.shape(vals[j])))
                        ok = _finite(amount)
                except _FP_ERRORS as e:
                    amount, exc, ok = None, e, False
                if not ok:
                    raise self._derivative_error(i, slot, args, exc, "backward")
                if scalar:
                    after = (0.0 if before is None else before) + amount
                    ok = isfinite(after)
                else:
                    with np.errstate(over="ignore", invalid="ignore"):
                        after = _add(before, amount)
                    ok = _finite(after)
                if not ok:
                    raise self._error(
                        i, _msg("gradient_overflow", label=labels[j],
                                before=format_value(before), amount=format_value(amount)),
                        "domain", "backward", args)
                grads[j] = after
                local = None
                if partials is not None:
                    if scalar:
                        try:
                            local = partials[slot](out, *args)
                        except _FP_ERRORS:
                            local = None
                        if local is not None and not isfinite(local):
                            local = None
                    else:
                        local = self._local(op, slot, out, args, False)
                contributions.append(_contribution(
                    slot, nodes[j], labels[j], local, texts[slot], op.formulas[slot], amount,
                    before, _plain(after)))
            yield _backward_step(count, nodes[i], labels[i], op.name, op.template, arg_labels,
                                 args, out, g, tuple(contributions), "backward")
            count += 1

    def _iter_tangent(self, vals: list[Value], tangents: list[Value],
                      wrt: str) -> Iterator[TangentStep]:
        scalar = self._scalar(vals)
        forward = self._iter_forward(vals)
        nodes, labels, arg_pos = self.nodes, self.labels, self.args
        for i, op in enumerate(self.ops):
            next(forward)  # computes vals[i], raising EvalError where it fails
            n = nodes[i]
            if op is None:
                yield _tangent_step(i, n, labels[i], self.kinds[i], None, wrt, (), (), (),
                                    vals[i], tangents[i], "tangent")
                continue
            idx = arg_pos[i]
            args = tuple(vals[j] for j in idx)
            arg_t = tuple(tangents[j] for j in idx)
            exc: BaseException | None = None
            try:
                if scalar:
                    t = op.jvp(vals[i], args, arg_t, True)
                else:
                    with np.errstate(**_RAISE):
                        t = _plain(op.jvp(vals[i], args, arg_t, False))
                ok = t is None or _finite(t)
            except _FP_ERRORS as e:
                t, exc, ok = None, e, False
            if not ok:
                slots = [k for k, tk in enumerate(arg_t) if tk is not None]
                bad = [k for k in slots if self._local(op, k, vals[i], args, scalar) is None
                       and op.elementwise]
                raise self._derivative_error(i, (bad or slots)[0], args, exc, "tangent")
            tangents[i] = t
            locals_ = tuple(self._local(op, k, vals[i], args, scalar) if tk is not None
                            else None for k, tk in enumerate(arg_t))
            yield _tangent_step(i, n, labels[i], "op", op.name, wrt,
                                tuple(labels[j] for j in idx), arg_t, locals_, vals[i], t,
                                "tangent")

    def iter_reverse(self, values: Mapping[str, Any] | None = None, upstream: Any = 1.0
                     ) -> Iterator[Step]:
        """Reverse mode step by step: every node forward, then every node backward.

        Bad values or a non-numeric upstream raise ValueError at the call; an
        upstream of the wrong shape raises ValueError when the backward pass starts.
        """
        vals = self.leaves(values)
        parse_upstream(upstream)
        return self._reverse_steps(vals, upstream)

    def _reverse_steps(self, vals: list[Value], upstream: Any) -> Iterator[Step]:
        yield from self._iter_forward(vals)
        seed = self._seed(vals, upstream)
        grads: list[Value] = [None] * len(vals)
        grads[self.out] = seed
        yield from self._iter_backward(vals, grads, start=len(vals))

    def iter_tangent(self, wrt: str, values: Mapping[str, Any] | None = None,
                     seed: Any = 1.0) -> Iterator[TangentStep]:
        """Forward mode step by step, carrying the tangent of ``wrt``.

        Bad values, an unknown ``wrt`` or a bad seed raise ValueError at the call.
        """
        vals = self.leaves(values)
        tangents = self._seed_tangents(vals, wrt, seed)
        return self._iter_tangent(vals, tangents, wrt)

    def node_label(self, node: int) -> str:
        return self.labels[self.index[node]]

    def __len__(self) -> int:
        return len(self.nodes)


def _topological(doc: Document, out: int) -> list[int]:
    """The ancestors of ``out`` in dependency order, smaller ids first among equals.

    Kahn's algorithm with a heap: deterministic and following creation order, so the
    parse of ``(x**2 + 2*x) * log(y)`` reads x, 2, a, 2, b, c, y, d, z like the seed.
    """
    pred, succ = doc.graph._pred, doc.graph._succ  # raw adjacency: distinct neighbours
    keep = {out}
    stack = [out]
    while stack:  # iterative: 10,000-deep chains must not hit the recursion limit
        for p in pred[stack.pop()]:
            if p not in keep:
                keep.add(p)
                stack.append(p)
    pending = {n: len(pred[n]) for n in keep}
    heap = [n for n, c in pending.items() if c == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        n = heapq.heappop(heap)
        order.append(n)
        for m in succ[n]:
            if m in pending:
                pending[m] -= 1
                if pending[m] == 0:
                    heapq.heappush(heap, m)
    return order


def compile_graph(doc: Document, output: int | None = None) -> Program:
    """Compile the document (for its current output, or ``output``)."""
    with gc_paused():  # building thousands of tuples, none of them garbage
        return Program(doc, output)


class Stepper:
    """One pass, one step at a time, with a way back.

    Records are produced lazily and kept, so stepping back and forth replays them;
    ``error`` holds the EvalError where the pass stopped, if it did.  ``position``
    (steps applied) may be set directly to any value up to ``len(records)``.

    Bad values, a bad upstream gradient (not a number, or an array not of the
    output's shape) and an unknown ``wrt`` raise ValueError here, at construction.
    ``seed`` is the forward-mode tangent of ``wrt`` (a number, or an array of its shape).
    """

    def __init__(self, program: Program, *, mode: str = "reverse",
                 values: Mapping[str, Any] | None = None, upstream: Any = 1.0,
                 wrt: str | None = None, seed: Any = 1.0) -> None:
        self.program = program
        self.mode = mode
        if mode == "reverse":
            self._source: Iterator[Step] = program.iter_reverse(values, upstream)
            if np.ndim(parse_upstream(upstream)):
                # An array must fit the output: find its shape now, not mid-pass.
                try:
                    out = program.evaluate(values)
                except EvalError:
                    pass  # the forward pass stops first; the stepper will show where
                else:
                    program._seed([out] * len(program), upstream)
        elif mode == "forward":
            if wrt is None:
                raise ValueError(_msg("forward_needs_wrt"))
            self._source = program.iter_tangent(wrt, values, seed)
        else:
            raise ValueError(_msg("unknown_mode", mode=mode))
        self._upstream = upstream
        self.records: list[Step] = []
        self.position = 0  # steps applied
        self.error: EvalError | None = None
        self._exhausted = False

    @property
    def done(self) -> bool:
        return self._exhausted and self.position == len(self.records)

    def next(self) -> Step | None:
        """Apply the next step and return it (None at the end or at an error)."""
        if self.position == len(self.records) and not self._exhausted:
            try:
                self.records.append(next(self._source))
            except StopIteration:
                self._exhausted = True
            except EvalError as exc:
                self.error = exc
                self._exhausted = True
        if self.position < len(self.records):
            self.position += 1
            return self.records[self.position - 1]
        return None

    def back(self) -> Step | None:
        """Undo the last applied step and return it (None at the start)."""
        if self.position == 0:
            return None
        self.position -= 1
        return self.records[self.position]

    def run_to_end(self) -> None:
        """Apply every remaining step (producing the missing records in one go)."""
        if not self._exhausted:
            try:
                with gc_paused():
                    self.records.extend(self._source)  # no per-step bookkeeping
            except EvalError as exc:
                self.error = exc
            self._exhausted = True
        self.position = len(self.records)

    def reset(self) -> None:
        self.position = 0

    @property
    def current(self) -> Step | None:
        return self.records[self.position - 1] if self.position else None

    def values(self) -> dict[int, Value]:
        """Node values known after the applied steps."""
        return {r.node: r.value for r in self.records[:self.position]
                if not isinstance(r, BackwardStep)}

    def gradients(self) -> dict[int, Value]:
        """Gradients accumulated so far, by node (reverse mode)."""
        grads: dict[int, Value] = {}
        for r in self.records[:self.position]:
            if isinstance(r, BackwardStep):
                grads.setdefault(r.node, r.dout)
                for c in r.contributions:
                    grads[c.source] = c.after
        p = self.program
        if self.mode == "reverse" and self.position >= len(p.nodes) \
                and p.output_node not in grads:
            # f = x has no backward step: the output's gradient is the upstream one.
            vals: list[Value] = [None] * len(p.nodes)
            vals[p.out] = self.records[p.out].value
            grads[p.output_node] = p._seed(vals, self._upstream)
        return grads

    def tangents(self) -> dict[int, Value]:
        return {r.node: r.tangent for r in self.records[:self.position]
                if isinstance(r, TangentStep) and r.tangent is not None}
