"""``Stepper``: one pass of a program, one step at a time, with a way back."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from ..graph import gc_paused
from ..steps import BackwardStep, Step, TangentStep
from .base import EvalError, Value, _msg, parse_upstream
from .program import Program


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
