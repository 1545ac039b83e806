"""The seed notebook's autograd cells, replayed as written, on the graph on the canvas.

The notebook makes its inputs as ``torch.tensor([1.0], requires_grad=True)``: shape
(1,) and float32, PyTorch's default.  So it prints ``tensor([3.])`` and
``(tensor([3.]),)``, not the 0-d float64 tensors the reference check uses.  This
module replays its cells in its order, with its conventions:

1. make the inputs and ``f``; print them, their ``.grad`` (None) and ``grad_fn``;
2. ``print(x.is_leaf)``;
3. ``torch.autograd.backward(f, grad_tensors=torch.tensor([1.]), retain_graph=True)``
   and ``print(x.grad)``;
4. ``df = torch.autograd.grad(f, x, retain_graph=True)``, ``print(df)``,
   ``print(x.grad)`` (unchanged: ``autograd.grad`` does not touch ``.grad``);

and then one cell the notebook does not have, marked ``extra``: ``backward`` once
more, to show that ``.grad`` accumulates.

Each cell is its code lines and the lines PyTorch printed (``str`` of what the code
prints, as ``print`` would show it).  The code of ``f`` is the graph's expression
with ``torch.`` before its functions; it is shown, never run: the values come from
the compiled program rebuilt in torch, as in ``torch_ref``.  Labels ("In [1]",
"not in the notebook") are the UI's to write, in its language.

An array input becomes ``torch.tensor([[...]])`` (float32 too).  When the (1,)
shape of a scalar does not fit the graph (a matrix product with a scalar), the
scalars are 0-d instead, and the code says so by writing ``torch.tensor(1.0, ...)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.engine import Program
from . import torch_ref
from .torch_ref import TORCH_FUNCTIONS, message, torch_status


@dataclass
class Cell:
    """One notebook cell: the code and what it printed."""

    code: list[str]
    output: list[str] = field(default_factory=list)
    extra: bool = False  # not in the notebook: added to show something more


def _number(v: float) -> str:
    """``1.0`` as the notebook writes it in a list (``[1.0]``)."""
    return repr(float(v))


def _short(v: float) -> str:
    """``1.`` for whole numbers (the notebook's ``torch.tensor([1.])``), else repr."""
    v = float(v)
    return f"{int(v)}." if v.is_integer() and abs(v) < 1e15 else repr(v)


def _literal(v: Any, one: bool) -> str:
    if isinstance(v, np.ndarray):
        return repr(v.tolist())
    return f"[{_number(v)}]" if one else _number(v)


_CALL = re.compile(r"\b([A-Za-z_]\w*)\(")


def torch_expression(text: str) -> str:
    """``(x**2 + 2*x) * log(x)`` → ``(x**2 + 2*x) * torch.log(x)`` (for display)."""
    # torch's own name: softplus is torch.nn.functional.softplus
    return _CALL.sub(lambda m: f"torch.{TORCH_FUNCTIONS[m.group(1)]}("
                     if m.group(1) in TORCH_FUNCTIONS else m.group(0), text)


def _build(torch: Any, program: Program, leaves: list[Any], one: bool) -> list[Any]:
    tensors: list[Any] = [None] * len(leaves)
    for i, kind in enumerate(program.kinds):
        if kind == "input":
            v = leaves[i]
            data = v.tolist() if isinstance(v, np.ndarray) else ([float(v)] if one
                                                                  else float(v))
            tensors[i] = torch.tensor(data, requires_grad=True)
        elif kind == "const":
            tensors[i] = torch.tensor(np.asarray(leaves[i]).tolist())
    torch_ref._run(program, torch_ref._functions(torch, program), tensors, leaves)
    return tensors


def replay(program: Program, expression: str, values: Mapping[str, Any] | None = None,
           upstream: Any = 1.0) -> dict[str, Any]:
    """Replay the notebook's autograd cells on ``program`` (``expression`` is its text).

    Returns ``available`` (False with ``reason`` without torch), ``version``,
    ``cells`` (a list of ``Cell``), and the numbers: ``value``, ``grad`` after the
    first backward, ``autograd_grad`` and ``accumulated`` after the extra backward
    (numpy values by input name)."""
    ok, info = torch_status()
    if not ok:
        return {"available": False, "reason": info}
    torch = torch_ref._state["module"]
    names = [n for n in program.input_names if n in program.input_index]
    if not names:
        return {"available": True, "version": info,
                "error": message("nothing_to_differentiate")}
    leaves = program.leaves(values)
    one = True
    try:
        tensors = _build(torch, program, leaves, one=True)
    except RuntimeError:  # a (1,) scalar does not fit (e.g. matmul): 0-d scalars
        one = False
        tensors = _build(torch, program, leaves, one=False)
    f = tensors[program.out]
    inputs = [tensors[program.input_index[n]] for n in names]
    seed = torch_ref._upstream(torch, f, upstream).to(f.dtype)
    u = np.asarray(upstream, dtype=float)
    if u.ndim:
        seed_text = f"torch.tensor({u.tolist()!r})"
    elif f.ndim == 0:
        seed_text = f"torch.tensor({_short(u)})"
    elif tuple(f.shape) == (1,):
        seed_text = f"torch.tensor([{_short(u)}])"
    else:
        seed_text = f"torch.full_like(f, {_short(u)})"

    def grads() -> list[str]:
        return [str(t.grad) for t in inputs]

    def prints(attr: str) -> list[str]:
        return [f"print({n}{attr})" for n in names]

    cells: list[Cell] = []
    make = [f"{n} = torch.tensor({_literal(leaves[program.input_index[n]], one)}, "
            "requires_grad=True)" for n in names]
    cells.append(Cell(
        [*make, f"f = {torch_expression(expression)}", "", *prints(""), "print(f)",
         *prints(".grad"), "", *prints(".grad_fn"), "print(f.grad_fn)"],
        [*(str(t) for t in inputs), str(f), *grads(),
         *(str(t.grad_fn) for t in inputs), str(f.grad_fn)]))
    cells.append(Cell(prints(".is_leaf"), [str(t.is_leaf) for t in inputs]))
    backward = f"torch.autograd.backward(f, grad_tensors={seed_text}, retain_graph=True)"
    torch.autograd.backward(f, grad_tensors=seed, retain_graph=True)
    first = {n: torch_ref._as_numpy(t.grad) for n, t in zip(names, inputs)}
    cells.append(Cell([backward, *prints(".grad")], grads()))
    targets = names[0] if len(names) == 1 else f"({', '.join(names)})"
    grad_outputs = None
    call = f"df = torch.autograd.grad(f, {targets}, retain_graph=True)"
    if f.numel() > 1:  # implicit grad_outputs exist only for one-element outputs: vᵀJ
        grad_outputs = seed
        call = call[:-1] + f", grad_outputs={seed_text})"
    df = torch.autograd.grad(f, tuple(inputs), grad_outputs=grad_outputs, retain_graph=True)
    cells.append(Cell([call, "print(df)", *prints(".grad")], [str(df), *grads()]))
    torch.autograd.backward(f, grad_tensors=seed, retain_graph=True)
    cells.append(Cell([backward, *prints(".grad")], grads(), extra=True))
    return {
        "available": True,
        "version": info,
        "value": torch_ref._as_numpy(f),
        "cells": cells,
        "grad": first,
        "autograd_grad": {n: torch_ref._as_numpy(g) for n, g in zip(names, df)},
        "accumulated": {n: torch_ref._as_numpy(t.grad) for n, t in zip(names, inputs)},
    }


# Marker lines between cells (the tensor demonstration script prints the same ones):
# the UI replaces them with labels in its language.
CELL, EXTRA, OUT = "##cell", "##extra", "##out"


def marked_text(cells: list[Cell], extra_key: str = "accumulate") -> str:
    """The cells as marked text: ``##cell n`` / ``##extra key``, code, ``##out``, output."""
    lines: list[str] = []
    for n, c in enumerate(cells, start=1):
        lines.append(f"{EXTRA} {extra_key}" if c.extra else f"{CELL} {n}")
        lines += c.code
        lines.append(OUT)
        lines += c.output
    return "\n".join(lines)
