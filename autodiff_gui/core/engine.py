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

Both use the same kernels, so a value is the same to the last bit either way.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from . import ops
from .graph import Document, GraphError, as_value, format_value
from .steps import LOCAL_TEXT, BackwardStep, Contribution, ForwardStep, Step, TangentStep

Value = Any
_FP_ERRORS = (ValueError, ZeroDivisionError, OverflowError, FloatingPointError, TypeError)


class EvalError(Exception):
    """Evaluation stopped at a node: out of domain, not finite, or shapes that don't fit."""

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
        self.pass_name = pass_name

    def __str__(self) -> str:
        args = ", ".join(format_value(v) for v in self.inputs)
        where = f"{self.label} = {self.op}({args})" if self.op else self.label
        return f"{where}: {self.message}"


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


def parse_upstream(value: Any) -> Value:
    """An upstream gradient as the engine takes it (ValueError if not numeric)."""
    return as_value(value)


def _letter_labels(count: int, taken: set[str]) -> list[str]:
    letters = [c for c in "abcdeghijklmnopqrstuvw" if c not in taken]
    if count <= len(letters) + 1:
        return letters[:count - 1] + [("z" if "z" not in taken else "out")] if count else []
    return [f"v{i}" for i in range(1, count + 1)]


class Program:
    """A compiled graph: flat instructions in topological order for one output."""

    def __init__(self, doc: Document, output: int | None = None) -> None:
        out = doc.output if output is None else output
        if out is None:
            raise GraphError("the graph is empty: add an input and an operation")
        if out not in doc:
            raise GraphError(f"there is no node {out}", out)
        self.output_node = out
        order = _topological(doc, out)
        self.nodes: list[int] = order
        self.index = {n: i for i, n in enumerate(order)}
        kinds, op_list, args_list = [], [], []
        for n in order:
            d = doc.node(n)
            kinds.append(d["kind"])
            op = ops.OPS[d["op"]] if d["kind"] == "op" else None
            op_list.append(op)
            if op is not None:
                args = doc.arguments(n)
                for slot, src in enumerate(args):
                    if src is None:
                        raise GraphError(
                            f"{doc.describe(n)} needs its {op.slots[slot]!r} argument", n)
                args_list.append(tuple(self.index[a] for a in args))  # type: ignore[index]
            else:
                args_list.append(())
        self.kinds: list[str] = kinds
        self.ops: list[ops.Op | None] = op_list
        self.args: list[tuple[int, ...]] = args_list
        self.out = self.index[out]
        self.input_names: list[str] = list(doc.inputs())
        self.input_index = {doc.node(n)["name"]: self.index[n]
                            for n in doc.inputs().values() if n in self.index}
        self.input_nodes = dict(doc.inputs())
        self.leaf_values: list[Value] = [doc.node(n).get("value") for n in order]
        # A node needs a gradient if some input is upstream of it.
        needs = [k == "input" for k in kinds]
        for i, a in enumerate(args_list):
            if a and any(needs[j] for j in a):
                needs[i] = True
        self.needs_grad = needs
        taken = set(self.input_names)
        op_positions = [i for i, k in enumerate(kinds) if k == "op"]
        names = _letter_labels(len(op_positions), taken)
        labels = []
        for i, n in enumerate(order):
            d = doc.node(n)
            labels.append(d["name"] if kinds[i] == "input"
                          else format_value(d["value"]) if kinds[i] == "const" else "")
        for i, name in zip(op_positions, names):
            labels[i] = name
        self.labels: list[str] = labels
        self._build_kernels()

    # -- setup ---------------------------------------------------------------
    def _build_kernels(self) -> None:
        fwd_s, fwd_a, bwd_s, bwd_a = [], [], [], []
        for i, op in enumerate(self.ops):
            if op is None:
                continue
            a = self.args[i]
            a0, a1 = a[0], (a[1] if len(a) > 1 else -1)
            fwd_s.append((op.forward_s, i, a0, a1))
            fwd_a.append((op.forward_a, i, a0, a1))
            if self.needs_grad[i]:
                # Only slots whose source needs a gradient get a VJP: a constant
                # exponent's derivative (log of the base) is never computed.
                vs = [op.vjp_s[k] if self.needs_grad[a[k]] and op.vjp_s else None
                      for k in range(len(a))] + [None]
                va = [op.vjp_a[k] if self.needs_grad[a[k]] else None
                      for k in range(len(a))] + [None]
                bwd_s.append((i, a0, a1, vs[0], vs[1]))
                bwd_a.append((i, a0, a1, va[0], va[1]))
        self._fwd_s, self._fwd_a = fwd_s, fwd_a
        self._bwd_s, self._bwd_a = bwd_s[::-1], bwd_a[::-1]
        self._scalar_ok = all(op is None or op.forward_s is not None for op in self.ops)

    def leaves(self, values: Mapping[str, Any] | None = None) -> list[Value]:
        """Leaf values with named overrides; ValueError for an unknown name or bad value."""
        vals = list(self.leaf_values)
        for name, v in (values or {}).items():
            if name not in self.input_index:
                if name in self.input_names:
                    continue  # an input the current output does not read
                raise ValueError(f"there is no input called {name!r}")
            try:
                vals[self.input_index[name]] = as_value(v)
            except ValueError as exc:
                raise ValueError(f"value of {name}: {exc}") from None
        return vals

    def _scalar(self, vals: list[Value]) -> bool:
        return self._scalar_ok and all(v is None or _is_scalar(v) for v in vals)

    # -- the fast path ---------------------------------------------------------
    def evaluate(self, values: Mapping[str, Any] | None = None) -> Value:
        """The output's value (raises EvalError)."""
        return self._forward(self.leaves(values))[self.out]

    def _forward(self, vals: list[Value]) -> list[Value]:
        try:
            if self._scalar(vals):
                for f, o, a, b in self._fwd_s:
                    vals[o] = f(vals[a]) if b < 0 else f(vals[a], vals[b])
                if math.isfinite(sum(vals)):
                    return vals
            else:
                with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
                    for f, o, a, b in self._fwd_a:
                        vals[o] = f(vals[a]) if b < 0 else f(vals[a], vals[b])
                return vals
        except _FP_ERRORS:
            pass
        # Something failed or overflowed: the checked pass names the node.
        for _ in self._iter_forward(vals):
            pass
        return vals

    def gradient(self, values: Mapping[str, Any] | None = None, upstream: Any = 1.0,
                 initial: Mapping[str, Value] | None = None) -> tuple[Value, dict[str, Value]]:
        """Value and reverse-mode gradient of every input, scaled by ``upstream``.

        ``initial`` gradients are added (PyTorch's ``.grad`` accumulating across runs).
        """
        vals = self._forward(self.leaves(values))
        seed = self._seed(vals, upstream)
        grads: list[Value] = [None] * len(vals)
        grads[self.out] = seed
        try:
            if self._scalar(vals) and _is_scalar(seed):
                grads = [0.0] * len(vals)
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
                if not math.isfinite(sum(grads)):
                    raise OverflowError
            else:
                with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
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
        except _FP_ERRORS:
            grads = self._checked_backward(vals, seed)
        return vals[self.out], self._input_grads(vals, grads, initial)

    def _checked_backward(self, vals: list[Value], seed: Value) -> list[Value]:
        grads: list[Value] = [None] * len(vals)
        grads[self.out] = seed
        for _ in self._iter_backward(vals, grads):
            pass
        return grads

    def _input_grads(self, vals: list[Value], grads: list[Value],
                     initial: Mapping[str, Value] | None) -> dict[str, Value]:
        result: dict[str, Value] = {}
        for name in self.input_names:
            i = self.input_index.get(name)
            if i is None:
                continue
            g = grads[i]
            g = _zero_like(vals[i]) if g is None else g
            if isinstance(g, np.ndarray) and g.ndim == 0:
                g = float(g)
            if initial and initial.get(name) is not None:
                g = g + initial[name]
            result[name] = g
        return result

    def _seed(self, vals: list[Value], upstream: Any) -> Value:
        try:
            u = as_value(upstream)
        except ValueError as exc:
            raise ValueError(f"upstream gradient: {exc}") from None
        shape = np.shape(vals[self.out])
        if np.shape(u) == shape:
            return u
        if np.ndim(u) == 0:
            return np.full(shape, u) if shape else u
        raise ValueError(f"the upstream gradient has shape {np.shape(u)}, "
                         f"but the output has shape {shape}")

    def tangent(self, wrt: str, values: Mapping[str, Any] | None = None,
                seed: Any = 1.0) -> tuple[Value, Value]:
        """One forward-mode pass: value and ∂output/∂wrt·seed (seed shaped like wrt)."""
        vals = self.leaves(values)
        tangents = self._seed_tangents(vals, wrt, seed)
        for _ in self._iter_tangent(vals, tangents, wrt):
            pass
        t = tangents[self.out]
        return vals[self.out], _zero_like(vals[self.out]) if t is None else t

    def forward_mode_gradient(self, values: Mapping[str, Any] | None = None
                              ) -> dict[str, Value]:
        """The gradient by forward mode: one pass per input element.

        For an array output this is the gradient of the sum of its elements, the
        same as reverse mode with an upstream gradient of ones.
        """
        vals = self.leaves(values)
        result: dict[str, Value] = {}
        for name in self.input_names:
            i = self.input_index.get(name)
            if i is None:
                continue
            shape = np.shape(vals[i])
            if shape == ():
                _, t = self.tangent(name, values)
                result[name] = float(np.sum(t))
                continue
            g = np.zeros(shape)
            for k in range(int(np.prod(shape))):
                e = np.zeros(shape)
                e.flat[k] = 1.0
                _, t = self.tangent(name, values, seed=e)
                g.flat[k] = np.sum(t)
            result[name] = g
        return result

    def _seed_tangents(self, vals: list[Value], wrt: str, seed: Any) -> list[Value]:
        if wrt not in self.input_index:
            raise ValueError(f"there is no input called {wrt!r} on the way to the output")
        i = self.input_index[wrt]
        s = as_value(seed)
        if np.shape(s) != np.shape(vals[i]):
            if np.ndim(s) == 0:
                s = np.full(np.shape(vals[i]), s) if np.ndim(vals[i]) else s
            else:
                raise ValueError(f"the tangent of {wrt} must have shape {np.shape(vals[i])}")
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
            return f"shapes {shapes} do not fit {op.name}: {exc}", "shape"
        if op.domain is not None:
            reason = op.domain(*args)
            if reason:
                return reason, "domain"
        return "the result is not a finite number (overflow)", "domain"

    def _iter_forward(self, vals: list[Value]) -> Iterator[ForwardStep]:
        scalar = self._scalar(vals)
        for i, op in enumerate(self.ops):
            n = self.nodes[i]
            if op is None:
                yield ForwardStep(i, n, self.labels[i], self.kinds[i], None, (), (), (), vals[i])
                continue
            args = tuple(vals[j] for j in self.args[i])
            try:
                with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
                    v = op.forward_s(*args) if scalar else op.forward_a(*args)  # type: ignore[misc]
                exc: BaseException | None = None
            except _FP_ERRORS as e:
                v, exc = None, e
            if exc is not None or not _finite(v):
                message, kind = self._explain(i, args, exc)
                raise self._error(i, message, kind, "forward", args)
            if isinstance(v, np.ndarray) and v.ndim == 0:
                v = float(v)
            vals[i] = v
            yield ForwardStep(i, n, self.labels[i], "op", op.name, tuple(
                self.nodes[j] for j in self.args[i]), tuple(self.labels[j] for j in self.args[i]),
                args, v, op.template)

    def _iter_backward(self, vals: list[Value], grads: list[Value],
                       start: int = 0) -> Iterator[BackwardStep]:
        scalar = self._scalar(vals) and all(g is None or _is_scalar(g) for g in grads)
        count = start
        for i in range(len(self.ops) - 1, -1, -1):
            op = self.ops[i]
            if op is None or not self.needs_grad[i] or grads[i] is None:
                continue
            args = tuple(vals[j] for j in self.args[i])
            g = grads[i]
            contributions = []
            for slot, j in enumerate(self.args[i]):
                if not self.needs_grad[j]:
                    continue
                try:
                    with np.errstate(over="raise", divide="raise", invalid="raise",
                                     under="ignore"):
                        local = None
                        if op.elementwise:
                            partial = (op.partial_s if scalar else op.partial_a)[slot]  # type: ignore[index]
                            local = partial(vals[i], *args)
                        vjp = (op.vjp_s if scalar else op.vjp_a)[slot]
                        amount = unbroadcast(vjp(g, vals[i], *args), np.shape(vals[j]))
                    exc: BaseException | None = None
                except _FP_ERRORS as e:
                    exc, amount = e, None
                if exc is not None or not _finite(amount):
                    message, kind = self._explain(i, args, exc)
                    if kind != "shape":  # the value was fine; its derivative is not
                        message = (f"the derivative {op.formulas[slot]} is not finite here "
                                   f"(at {', '.join(format_value(a) for a in args)})")
                    raise self._error(i, message, kind, "backward", args)
                if isinstance(amount, np.ndarray) and amount.ndim == 0:
                    amount = float(amount)
                before = grads[j]
                grads[j] = _add(before, amount)
                contributions.append(Contribution(
                    slot, self.nodes[j], self.labels[j], local,
                    LOCAL_TEXT[op.name][slot].format(
                        *(self.labels[k] for k in self.args[i]), out=self.labels[i]),
                    op.formulas[slot], amount, before, grads[j]))
            yield BackwardStep(count, self.nodes[i], self.labels[i], op.name, op.template,
                               tuple(self.labels[j] for j in self.args[i]), args, vals[i], g,
                               tuple(contributions))
            count += 1

    def _iter_tangent(self, vals: list[Value], tangents: list[Value],
                      wrt: str) -> Iterator[TangentStep]:
        scalar = self._scalar(vals)
        forward = self._iter_forward(vals)
        for i, op in enumerate(self.ops):
            next(forward)  # computes vals[i], raising EvalError where it fails
            n = self.nodes[i]
            if op is None:
                yield TangentStep(i, n, self.labels[i], self.kinds[i], None, wrt, (), (), (),
                                  vals[i], tangents[i])
                continue
            args = tuple(vals[j] for j in self.args[i])
            arg_t = tuple(tangents[j] for j in self.args[i])
            locals_: list[Value | None] = [None] * len(args)
            try:
                with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
                    if op.elementwise:
                        partials = op.partial_s if scalar else op.partial_a
                        assert partials is not None
                        locals_ = [partials[k](vals[i], *args) if t is not None else None
                                   for k, t in enumerate(arg_t)]
                    t = op.jvp(vals[i], args, arg_t, scalar)
                exc: BaseException | None = None
            except _FP_ERRORS as e:
                exc, t = e, None
            if exc is not None or (t is not None and not _finite(t)):
                message, kind = self._explain(i, args, exc)
                raise self._error(i, message, kind, "tangent", args)
            if isinstance(t, np.ndarray) and t.ndim == 0:
                t = float(t)
            tangents[i] = t
            yield TangentStep(i, n, self.labels[i], "op", op.name, wrt,
                              tuple(self.labels[j] for j in self.args[i]), arg_t,
                              tuple(locals_), vals[i], t)

    def iter_reverse(self, values: Mapping[str, Any] | None = None, upstream: Any = 1.0
                     ) -> Iterator[Step]:
        """Reverse mode step by step: every node forward, then every node backward."""
        vals = self.leaves(values)
        yield from self._iter_forward(vals)
        seed = self._seed(vals, upstream)
        grads: list[Value] = [None] * len(vals)
        grads[self.out] = seed
        yield from self._iter_backward(vals, grads, start=len(vals))

    def iter_tangent(self, wrt: str, values: Mapping[str, Any] | None = None,
                     seed: Any = 1.0) -> Iterator[TangentStep]:
        """Forward mode step by step, carrying the tangent of ``wrt``."""
        vals = self.leaves(values)
        tangents = self._seed_tangents(vals, wrt, seed)
        yield from self._iter_tangent(vals, tangents, wrt)

    def node_label(self, node: int) -> str:
        return self.labels[self.index[node]]

    def __len__(self) -> int:
        return len(self.nodes)


def _topological(doc: Document, out: int) -> list[int]:
    """The ancestors of ``out`` in dependency order, smaller ids first among equals.

    Kahn's algorithm with a heap: deterministic and following creation order, so the
    parse of ``(x**2 + 2*x) * log(y)`` reads x, 2, a, 2, b, c, y, d, z like the seed.
    """
    g = doc.graph
    keep = {out}
    stack = [out]
    while stack:  # iterative: 10,000-deep chains must not hit the recursion limit
        n = stack.pop()
        for p in g.predecessors(n):
            if p not in keep:
                keep.add(p)
                stack.append(p)
    pending = {n: len({s for s in g.predecessors(n)}) for n in keep}
    heap = [n for n, c in pending.items() if c == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        n = heapq.heappop(heap)
        order.append(n)
        for m in set(g.successors(n)):
            if m in pending:
                pending[m] -= 1
                if pending[m] == 0:
                    heapq.heappush(heap, m)
    return order


def compile_graph(doc: Document, output: int | None = None) -> Program:
    """Compile the document (for its current output, or ``output``)."""
    return Program(doc, output)


class Stepper:
    """One pass, one step at a time, with a way back.

    Records are produced lazily and kept, so stepping back and forth replays them;
    ``error`` holds the EvalError where the pass stopped, if it did.
    """

    def __init__(self, program: Program, *, mode: str = "reverse",
                 values: Mapping[str, Any] | None = None, upstream: Any = 1.0,
                 wrt: str | None = None) -> None:
        self.program = program
        self.mode = mode
        if mode == "reverse":
            self._source: Iterator[Step] = program.iter_reverse(values, upstream)
        elif mode == "forward":
            if wrt is None:
                raise ValueError("forward mode needs an input to carry the tangent of")
            self._source = program.iter_tangent(wrt, values)
        else:
            raise ValueError(f"unknown mode {mode!r}")
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
        while self.next() is not None:
            pass

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
        return grads

    def tangents(self) -> dict[int, Value]:
        return {r.node: r.tangent for r in self.records[:self.position]
                if isinstance(r, TangentStep) and r.tangent is not None}
