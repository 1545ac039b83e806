"""Evaluating the compiled program on a batch of perturbed points ("lanes").

The program's own kernels run over a leading lane axis; the same walker on complex128
values is the complex-evaluation entry point."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...core.engine import Program
from ...core.graph import Text
from .messages import message

_KERNEL_ERRORS = (ValueError, ZeroDivisionError, OverflowError, FloatingPointError, TypeError)


@dataclass
class _Run:
    out: np.ndarray  # (B,) + output shape
    bad: np.ndarray  # (B,) bool: some node went non-finite or a kernel refused
    first_bad: np.ndarray  # (B,) node index where it happened, -1 if none
    touch: dict[int, np.ndarray]  # edge node -> (B,) moved an argument sitting at 0
    cross: dict[int, np.ndarray]  # edge node -> (B,) an argument changed sign


def _shapes(base: list[Any]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Each node's shape, and that shape left-padded with 1s to the largest rank."""
    # Floats first: np.shape costs a microsecond, and a big graph is mostly scalars.
    shapes = [() if v.__class__ is float else np.shape(v) for v in base]
    rank = max((len(s) for s in shapes), default=0)
    if rank == 0:
        return shapes, shapes
    return shapes, [(1,) * (rank - len(s)) + s for s in shapes]


def _edges(a: np.ndarray, batch: int) -> tuple[np.ndarray, np.ndarray]:
    """Per lane: moved an argument sitting at 0 (touch), changed its sign (cross)."""
    a = a.reshape(batch, -1)
    a0 = a[0]  # lane 0 is the unperturbed point, same kernels
    moved = (a != a0) & np.isfinite(a)  # a failed lane crosses nothing
    return (moved & (a0 == 0)).any(axis=1), (moved & (np.sign(a) != np.sign(a0))).any(axis=1)


def _kink_lanes(op: Any, args: tuple[int, ...], vals: list[Any],
                batched: list[bool], shapes: list[tuple[int, ...]] | None = None
                ) -> np.ndarray | None:
    """Per lane, the quantity that is 0 where the op has its kink or edge: the first
    argument, or the op's ``kink_at`` of its arguments (maximum: a − b); None if no
    argument it reads is perturbed.  A reduction's ``kink_at`` (a tie of max, norm at 0)
    reads whole slices, so it runs one lane at a time, like its forward kernel."""
    if op.kink_at is None:
        return vals[args[0]] if batched[args[0]] else None
    if not any(batched[j] for j in args):
        return None
    with np.errstate(all="ignore"):
        if op.elementwise or shapes is None:
            return np.asarray(op.kink_at(*(vals[j] for j in args)))
        batch = next(len(vals[j]) for j in args if batched[j])
        return np.stack([np.ravel(op.kink_at(*[vals[j][b].reshape(shapes[j]) if batched[j]
                                                else vals[j] for j in args]))
                         for b in range(batch)])


def _walk_fast(program: Program, base: list[Any], leaves: Mapping[int, np.ndarray],
               batch: int, dtype: type, track_edges: bool,
               layout: tuple[list[tuple[int, ...]], list[tuple[int, ...]]]) -> _Run | None:
    """``_walk`` when every lane stays finite: numpy raises on the first overflow, nan
    or division by zero instead of every node being checked lane by lane; None then
    (and for a non-finite leaf), and ``_walk`` takes the checked way."""
    shapes, padded = layout
    vals: list[Any] = list(base)
    batched = [False] * len(base)
    for i, arr in leaves.items():
        v = np.asarray(arr, dtype=dtype).reshape((batch,) + padded[i])
        if not np.isfinite(v).all():
            return None
        vals[i] = v
        batched[i] = True
    touch: dict[int, np.ndarray] = {}
    cross: dict[int, np.ndarray] = {}
    all_args, all_ops = program.args, program.ops
    lanes_only = (batch,) if shapes is padded and not any(shapes) else None  # all scalars
    try:
        with np.errstate(all="raise"):
            for i, op in enumerate(all_ops):
                if op is None:
                    continue
                args = all_args[i]
                if not (batched[args[0]] or len(args) > 1 and batched[args[1]]):
                    continue
                if track_edges and op.kink is not None:
                    at = _kink_lanes(op, args, vals, batched, shapes)
                    if at is not None:
                        touch[i], cross[i] = _edges(at, batch)
                want = lanes_only or (batch,) + padded[i]
                if op.elementwise:
                    v = op.forward_a(*[vals[j] for j in args])
                    if v.shape != want:
                        v = np.broadcast_to(v, want)
                else:  # reductions and matmul: the same kernel, one lane at a time
                    v = np.empty((batch,) + shapes[i], dtype=dtype)
                    for b in range(batch):
                        v[b] = op.forward_a(*[vals[j][b].reshape(shapes[j]) if batched[j]
                                              else vals[j] for j in args])
                    v = v.reshape(want)
                vals[i] = v
                batched[i] = True
    except (*_KERNEL_ERRORS, FloatingPointError):
        return None
    out = vals[program.out]
    if batched[program.out]:
        out = out.reshape((batch,) + shapes[program.out])
        if not np.isfinite(out).all():
            return None
    else:
        out = np.broadcast_to(np.asarray(out, dtype=dtype), (batch,) + shapes[program.out])
    none = np.zeros(batch, dtype=bool)
    return _Run(out, none, np.full(batch, -1), touch, cross)


def _walk(program: Program, base: list[Any], leaves: Mapping[int, np.ndarray], batch: int,
          dtype: type, track_edges: bool = False,
          layout: tuple[list[tuple[int, ...]], list[tuple[int, ...]]] | None = None) -> _Run:
    """Run the program's own kernels over ``batch`` lanes.

    ``leaves`` maps a leaf's position to its lanes, shape (batch,) + its shape; other
    nodes that read no batched leaf keep their ``base`` value.  Every batched value is
    kept as (batch,) + its shape left-padded with 1s to the largest rank, so numpy's
    trailing-axis broadcasting lines up exactly as in the unbatched program.
    """
    layout = layout or _shapes(base)
    fast = _walk_fast(program, base, leaves, batch, dtype, track_edges, layout)
    if fast is not None:
        return fast
    shapes, padded = layout
    vals: list[Any] = list(base)
    batched = [False] * len(base)
    for i, arr in leaves.items():
        vals[i] = np.asarray(arr, dtype=dtype).reshape((batch,) + padded[i])
        batched[i] = True
    bad = np.zeros(batch, dtype=bool)
    first_bad = np.full(batch, -1)
    touch: dict[int, np.ndarray] = {}
    cross: dict[int, np.ndarray] = {}
    with np.errstate(all="ignore"):
        for i, op in enumerate(program.ops):
            args = program.args[i]
            if op is None or not any(batched[j] for j in args):
                continue
            if track_edges and op.kink is not None:
                at = _kink_lanes(op, args, vals, batched, shapes)
                if at is not None:
                    touch[i], cross[i] = _edges(at, batch)
            if op.elementwise:
                try:
                    v = op.forward_a(*(vals[j] for j in args))
                    v = np.asarray(v, dtype=dtype).reshape((batch,) + padded[i])
                except _KERNEL_ERRORS:
                    v = np.full((batch,) + padded[i], np.nan, dtype=dtype)
            else:  # reductions and matmul: the same kernel, one lane at a time
                v = np.empty((batch,) + shapes[i], dtype=dtype)
                for b in range(batch):
                    lane = [vals[j][b].reshape(shapes[j]) if batched[j] else vals[j]
                            for j in args]
                    try:
                        v[b] = op.forward_a(*lane)
                    except _KERNEL_ERRORS:
                        v[b] = np.nan
                v = v.reshape((batch,) + padded[i])
            vals[i] = v
            batched[i] = True
            now_bad = ~np.isfinite(v).reshape(batch, -1).all(axis=1)
            first_bad[now_bad & ~bad] = i
            bad |= now_bad
    out = vals[program.out]
    shape_out = shapes[program.out]
    if batched[program.out]:
        out = out.reshape((batch,) + shape_out)
    else:
        out = np.broadcast_to(np.asarray(out, dtype=dtype), (batch,) + shape_out)
    return _Run(out, bad, first_bad, touch, cross)


def _forward_values(program: Program, values: Mapping[str, Any] | None) -> list[Any]:
    """Every node's value at the point, by the engine's fast path (EvalError if none)."""
    by_node = program.node_values(values)
    return [by_node[n] for n in program.nodes]


def _at_node(program: Program, i: int) -> Text:
    op = program.ops[i]
    assert op is not None
    return message("at_node", op=op.name, node=program.labels[i])


def complex_reason(program: Program) -> str | None:
    """Why the complex step cannot be used on this program, or None if it can."""
    for i, op in enumerate(program.ops):
        if op is not None and not op.analytic:
            return message("not_analytic", where=_at_node(program, i))
    return None


def evaluate_complex(program: Program, values: Mapping[str, Any] | None = None) -> Any:
    """The output at a complex point: same program, same kernels, complex128 throughout.

    ``values`` may hold complex numbers or arrays; their real parts are validated like
    ``Program.leaves`` does.  Non-finite results come back as they are (no EvalError).
    """
    values = dict(values or {})
    real = {k: np.real(v) for k, v in values.items()}
    base = _forward_values(program, real)
    leaves = {program.input_index[k]: np.asarray(v, dtype=complex)[None]
              for k, v in values.items() if k in program.input_index}
    if not leaves:
        return base[program.out]
    out = _walk(program, base, leaves, 1, complex).out[0]
    return out.item() if out.ndim == 0 else out
