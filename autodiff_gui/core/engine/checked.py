"""The checked path: one record per step, and ``EvalError`` naming the node that failed.

``CheckedPath`` runs the same kernels in the same order as the fast path and
accumulates gradients the same way, so a value or a gradient is the same to the
last bit either way; the fast path re-runs this one to find a culprit.  Records
are what the stepper, the narration and the trace show.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from .. import ops
from ..graph import Text, format_value
from ..steps import (
    BackwardStep,
    Contribution,
    ForwardStep,
    Step,
    TangentStep,
    record_maker,
)
from .base import (
    _FP_ERRORS,
    _OPS_MESSAGES,
    _RAISE,
    EvalError,
    Value,
    _add,
    _finite,
    _is_scalar,
    _msg,
    _plain,
    parse_upstream,
    unbroadcast,
)
from .instructions import Instructions

# Records are made in bulk by the checked path: fast constructors, same records.
_forward_step = record_maker(ForwardStep)
_backward_step = record_maker(BackwardStep)
_contribution = record_maker(Contribution)
_tangent_step = record_maker(TangentStep)


class CheckedPath(Instructions):
    """Step-by-step passes that yield records (``iter_reverse``, ``iter_tangent``)."""

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
            # A comma, not " and ": the list goes into translated text as it is.
            shapes = ", ".join(str(np.shape(a)) for a in args)
            detail = str(exc)
            # Our own reasons (ops.MESSAGES) translate; numpy's English ("operands could
            # not be broadcast together...") is said in our own, translated words.
            if detail in _OPS_MESSAGES:
                known: str = Text(detail, "ops")
            else:
                known = _msg("no_broadcast" if "broadcast" in detail else "no_fit")
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
                                op.template, "forward", op.bound)

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
                                 args, out, g, tuple(contributions), "backward", op.bound)
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
                                "tangent", op.bound)
