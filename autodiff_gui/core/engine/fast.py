"""The fast path: values and gradients without records.

Scalar graphs run on Python floats with ``math`` kernels; others on numpy with
floating-point errors raised.  If anything goes wrong, the checked path
(``CheckedPath``) runs again from the leaves and names the node.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..graph import _reason, as_value
from .base import (
    _FP_ERRORS,
    _RAISE,
    EvalError,
    Value,
    _add,
    _finite,
    _msg,
    _plain,
    _weigh,
    _zero_like,
    unbroadcast,
)
from .checked import CheckedPath


class FastPath(CheckedPath):
    """``evaluate``, ``gradient``, ``tangent``, ``forward_mode_gradient`` and the
    per-node ``node_values`` and ``node_gradients``."""

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
