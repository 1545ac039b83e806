"""Second derivatives three ways: our engine on the backward graph, PyTorch, differences.

``core.backward_graph.hessian`` differentiates the backward graph with the engine's
reverse mode.  Here it is checked against PyTorch's double backward (the gradient
built with ``create_graph=True``, differentiated again: what
``torch.autograd.functional.hessian`` does) and against central differences of the
engine's gradient.  For an array input an entry is the gradient of sum(∂f/∂xᵢ) with
respect to xⱼ, in all three.  torch is imported lazily (only when asked).

Kinks follow PyTorch: relu'(0) = 0 and abs'(0) = 0, and both second derivatives are 0
everywhere (the backward graph builds [a > 0] from 0**relu(a), whose derivative is 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.backward_graph import build_backward, hessian, op_count
from ..core.engine import compile_graph
from ..core.graph import Document

Hessian = dict[str, dict[str, Any]]

NARRATION = ("relu and abs have a kink at 0: like PyTorch, their derivative there is 0 "
             "and their second derivative is 0 everywhere.")


def torch_hessian(doc: Document, values: Mapping[str, Any] | None = None) -> Hessian:
    """The Hessian by PyTorch's double backward (array output: of its sum)."""
    import torch  # lazy on purpose: ~1 s, ~220 MB

    from .torch_ref import _functions, _leaf_tensors, _run

    program = compile_graph(doc)
    leaves = program.leaves(values)
    tensors = _leaf_tensors(torch, program, leaves, True)
    _run(program, _functions(torch, program), tensors, leaves)
    out = tensors[program.out]
    if out.ndim:
        out = out.sum()
    names = list(doc.inputs())
    xs = [tensors[program.input_index[n]] if n in program.input_index else None for n in names]
    used = [x for x in xs if x is not None]
    if not out.requires_grad or not used:
        return {a: {b: _zero(doc, b) for b in names} for a in names}
    grads = torch.autograd.grad(out, used, create_graph=True, allow_unused=True)
    by_name = dict(zip([n for n, x in zip(names, xs) if x is not None], grads))
    result: Hessian = {}
    for a in names:
        g = by_name.get(a)
        row: dict[str, Any] = {b: _zero(doc, b) for b in names}
        if g is not None and g.requires_grad:
            second = torch.autograd.grad(g.sum(), used, allow_unused=True, retain_graph=True)
            for b, s in zip(by_name, second):
                if s is not None:
                    row[b] = _plain(s.detach().numpy(force=True))
        result[a] = row
    return result


def fd_hessian(doc: Document, values: Mapping[str, Any] | None = None,
               h: float = 1e-5) -> Hessian:
    """Central differences of the engine's gradient: (∇f(x + h·e) − ∇f(x − h·e)) / 2h."""
    program = compile_graph(doc)
    base = {n: np.asarray(v, dtype=float) for n, v in doc.input_values().items()}
    if values:
        base.update({n: np.asarray(v, dtype=float) for n, v in values.items()})
    names = list(doc.inputs())
    result: Hessian = {a: {} for a in names}
    for b in names:
        x = base[b]
        cols: dict[str, np.ndarray] = {a: np.zeros(x.shape) for a in names}
        for idx in np.ndindex(x.shape):
            step = h * max(1.0, abs(float(x[idx])))
            sums = []
            for sign in (1.0, -1.0):
                moved = x.copy()
                moved[idx] += sign * step
                point = {**base, b: moved if moved.ndim else float(moved)}
                _v, grads = program.gradient(point)
                sums.append({a: float(np.sum(grads.get(a, 0.0))) for a in names})
            for a in names:
                cols[a][idx] = (sums[0][a] - sums[1][a]) / (2 * step)
        for a in names:
            result[a][b] = _plain(cols[a])
    return result


@dataclass
class SecondOrderReport:
    """The Hessian three ways, the largest relative differences and the graph sizes."""

    engine: Hessian
    torch: Hessian | None
    finite: Hessian
    torch_error: float | None
    finite_error: float
    sizes: dict[str, int] = field(default_factory=dict)


def relative_error(a: Hessian, b: Hessian) -> float:
    """max |a − b| / max(|b|, 1) over every entry."""
    worst = 0.0
    for row in b:
        for col in b[row]:
            x, y = np.asarray(a[row][col], float), np.asarray(b[row][col], float)
            worst = max(worst, float(np.max(np.abs(x - y) / np.maximum(np.abs(y), 1.0))))
    return worst


def graph_sizes(doc: Document) -> dict[str, int]:
    """Operation counts: the function, its backward graph, the second-order graph."""
    first = build_backward(doc)
    second = build_backward(first.document)
    return {"function": op_count(doc), "backward_graph": op_count(first.document),
            "second_order_graph": op_count(second.document)}


def second_order(doc: Document, values: Mapping[str, Any] | None = None, *,
                 with_torch: bool = True) -> SecondOrderReport:
    """Engine, PyTorch (if asked and importable) and finite differences side by side."""
    engine = hessian(doc, values)
    finite = fd_hessian(doc, values)
    ref: Hessian | None = None
    if with_torch:
        try:
            ref = torch_hessian(doc, values)
        except ImportError:
            ref = None
    return SecondOrderReport(engine, ref, finite,
                             None if ref is None else relative_error(engine, ref),
                             relative_error(engine, finite), graph_sizes(doc))


def _zero(doc: Document, name: str) -> Any:
    v = doc.value(doc.inputs()[name])
    return np.zeros(np.shape(v)) if np.ndim(v) else 0.0


def _plain(a: np.ndarray) -> Any:
    return float(a) if np.ndim(a) == 0 else np.asarray(a, dtype=float)
