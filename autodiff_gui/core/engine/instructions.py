"""The compiled form of a graph, as both ways of running it read it.

``Instructions`` declares the flat arrays a ``Program`` holds (filled in by
``program.py``) and what both paths need before running: leaf values with
overrides, the upstream gradient as a seed, the tangent seed of forward mode.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import ops
from ..graph import _reason, as_value
from .base import Value, _msg, parse_upstream


class Instructions:
    """Flat instructions in topological order for one output (see ``Program``)."""

    # Filled in by Program.__init__; public ones are listed in Program's docstring.
    nodes: list[int]
    index: dict[int, int]
    kinds: list[str]
    ops: list[ops.Op | None]
    args: list[tuple[int, ...]]
    labels: list[str]
    out: int
    output_node: int
    input_names: list[str]
    input_index: dict[str, int]
    input_nodes: dict[str, int]
    leaf_values: list[Value]
    needs_grad: list[bool]
    backward_steps: int
    # The fast loops' flat tuples (Program._build_kernels).
    _fwd_s: list[tuple[Any, ...]]
    _fwd_a: list[tuple[Any, ...]]
    _bwd_s: list[tuple[Any, ...]]
    _bwd_a: list[tuple[Any, ...]]
    _jvp: list[tuple[Any, ...]]
    _scalar_ok: bool
    _leaf_pos: list[int]
    _dead_after: list[tuple[int, ...]]
    _static_cache: list[tuple[Any, ...]] | None

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

    def _plain_copy(self, i: int, v: Value) -> Value:
        # Leaves hold the document's own arrays: hand out copies.
        return v.copy() if isinstance(v, np.ndarray) and self.ops[i] is None else v

    def _seed(self, vals: list[Value], upstream: Any) -> Value:
        u = parse_upstream(upstream)
        shape = np.shape(vals[self.out])
        if np.shape(u) == shape:
            return u
        if np.ndim(u) == 0:
            return np.full(shape, u) if shape else u
        raise ValueError(_msg("upstream_shape", got=np.shape(u), want=shape))

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

    def node_label(self, node: int) -> str:
        return self.labels[self.index[node]]

    def __len__(self) -> int:
        return len(self.nodes)
