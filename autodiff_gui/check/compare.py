"""The one comparison: the engine's gradient beside every reference, per input element.

Used by the command line (``--json``'s ``comparison`` object, ``--report``'s table) and
by the window's Compare panel, so both always show the same errors and verdicts.

For every input element it sets the engine's reverse-mode gradient of F = Σ u·f (u the
upstream gradient) beside

* forward mode: one tangent pass seeded with that element, weighted by u the same way;
* finite differences (``finite_diff.check_gradients``): forward and central
  differences, the complex step, and the gradcheck-style verdict;
* PyTorch (``torch_ref.compare``), optional and imported lazily.

Errors.  For each available reference r the absolute error is |e − r| and the
**relative error is |e − r| / max(|e|, |r|)** (0 when both are 0): symmetric in e and
r, never divides by a reference that happens to be 0, and is the measure behind the
``digits`` of the finite-difference check.  ``max_abs`` / ``max_rel`` are the largest
over forward mode, the central difference, the complex step and PyTorch.

Verdicts, per row: the finite-difference verdict (``pass``, ``fail``, ``kink`` or
``unavailable``, as ``torch.autograd.gradcheck`` judges it), turned into ``fail`` when
forward mode or PyTorch differ from the engine by more than atol + rtol·|reference|.
Overall: ``cancelled``, else ``fail`` if a row fails, else ``unavailable`` if there is
no row or a row could not be checked, else ``pass`` (kinks pass: the derivative does
not exist there and the engine follows PyTorch's convention).  ``passed`` is
``verdict == "pass"``.

Qt-free: the panel runs ``compare`` in a background job and passes its progress and
partial-result callbacks in.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.engine import EvalError, Program, Stepper
from ..core.graph import as_value
from . import finite_diff

Value = Any
TOLERANCES = {"eps": 1e-6, "atol": 1e-5, "rtol": 1e-3}  # torch.autograd.gradcheck's
RELATIVE_ERROR = "|e - r| / max(|e|, |r|)"  # as written into the JSON
VERDICTS = ("pass", "fail", "kink", "unavailable")

# report(done, total, stage) -> False to cancel; stages are these English words.
Report = Callable[[int, int, str], bool]


@dataclass
class InputRow:
    """One input element across every method."""

    name: str
    index: tuple[int, ...]
    value: float
    engine: float
    forward_mode: float | None
    forward_diff: float | None
    central: float | None
    complex_step: float | None
    complex_reason: str | None
    torch: float | None
    torch_reason: str | None  # why the PyTorch column is empty
    verdict: str  # pass, fail, kink, unavailable
    note: str = ""
    max_abs: float | None = None
    max_rel: float | None = None
    fd_verdict: str = ""  # the finite-difference verdict alone

    @property
    def label(self) -> str:
        if not self.index:
            return self.name
        return f"{self.name}[{', '.join(str(i) for i in self.index)}]"


@dataclass
class NodeRow:
    """One node: the engine's value and gradient beside PyTorch's."""

    node: int
    label: str
    op: str
    engine_value: Value
    torch_value: Value
    engine_grad: Value
    torch_grad: Value
    grad_fn: str
    agree: bool | None  # None: nothing to compare


@dataclass
class Comparison:
    """Everything the Compare panel and the command line show."""

    rows: list[InputRow]
    nodes: list[NodeRow]
    tolerances: dict[str, float]
    passed: bool
    torch_state: str  # "pending", "done", "unavailable", "error", "cancelled"
    torch_reason: str = ""
    torch_version: str = ""
    torch_notes: list[str] = field(default_factory=list)
    cancelled: bool = False
    verdict: str = "unavailable"
    check: finite_diff.CheckResult | None = None  # the finite-difference check itself
    torch_result: Any = None  # torch_ref.TorchResult when PyTorch ran


# -- the maths ---------------------------------------------------------------------

def relative_error(e: float, r: float) -> float:
    """|e − r| / max(|e|, |r|), 0 when both are 0."""
    scale = max(abs(e), abs(r))
    return abs(e - r) / scale if scale > 0 else 0.0


def row_errors(row: InputRow) -> tuple[float | None, float | None]:
    """Largest absolute and relative error of the engine against the row's references."""
    refs = [r for r in (row.forward_mode, row.central, row.complex_step, row.torch)
            if r is not None and math.isfinite(r)]
    if not refs or not math.isfinite(row.engine):
        return None, None
    return (max(abs(row.engine - r) for r in refs),
            max(relative_error(row.engine, r) for r in refs))


def close(a: float, b: float | None, atol: float, rtol: float) -> bool:
    """gradcheck's test |a − b| ≤ atol + rtol·|b|; a missing reference is no objection."""
    if b is None:
        return True
    return abs(a - b) <= atol + rtol * abs(b)


def row_verdict(row: InputRow, atol: float, rtol: float) -> str:
    """The finite-difference verdict, failed by a forward-mode or PyTorch disagreement."""
    if row.fd_verdict in ("fail", "unavailable"):
        return row.fd_verdict
    for ref in (row.forward_mode, row.torch):
        if not close(row.engine, ref, atol, rtol):
            return "fail"
    return row.fd_verdict  # pass or kink


def overall_verdict(rows: list[InputRow], cancelled: bool) -> str:
    """cancelled, fail, unavailable or pass for the whole comparison."""
    verdicts = {r.verdict for r in rows}
    if cancelled:
        return "cancelled"
    if "fail" in verdicts:
        return "fail"
    if not rows or "unavailable" in verdicts:
        return "unavailable"
    return "pass"


def forward_mode_weighted(program: Program, values: Mapping[str, Any] | None, upstream: Any,
                          name: str, index: tuple[int, ...]) -> float:
    """∂(Σ u·f)/∂name[index] by one forward-mode pass (seed e_index)."""
    i = program.input_index[name]
    shape = np.shape(program.leaves(values)[i])
    if shape:
        seed: Value = np.zeros(shape)
        seed[index] = 1.0
    else:
        seed = 1.0
    _, t = program.tangent(name, values, seed=seed)
    u = as_value(upstream)
    return float(np.sum(np.asarray(u) * np.asarray(t)))


def forward_mode_all(program: Program, values: Mapping[str, Any] | None, upstream: Any,
                     elements: list[tuple[str, tuple[int, ...]]]) -> list[float | None]:
    """``forward_mode_weighted`` for every element, or None where it fails.

    A program of scalars and elementwise operations runs every element's tangent at
    once, as lanes of one vector (the same op.jvp arithmetic, so the same numbers,
    bit for bit); a lane that goes non-finite, and any other program, takes one pass
    per element.
    """
    lanes = _tangent_lanes(program, values, upstream, elements)
    return [lanes[k] if lanes is not None and lanes[k] is not None
            else _forward_mode_or_none(program, values, upstream, name, index)
            for k, (name, index) in enumerate(elements)]


def _forward_mode_or_none(program: Program, values: Mapping[str, Any] | None,
                          upstream: Any, name: str, index: tuple[int, ...]) -> float | None:
    try:
        return forward_mode_weighted(program, values, upstream, name, index)
    except (EvalError, ValueError):
        return None


def _tangent_lanes(program: Program, values: Mapping[str, Any] | None, upstream: Any,
                   elements: list[tuple[str, tuple[int, ...]]]) -> list[float | None] | None:
    leaves = program.leaves(values)
    u = as_value(upstream)
    if not elements or np.ndim(u) or any(
            op is None and not isinstance(leaves[i], float) or op is not None and (
                not op.elementwise or op.jvp_custom is not None or op.partial_s is None)
            for i, op in enumerate(program.ops)):
        return None
    by_node = program.node_values(values)
    vals = [by_node[n] for n in program.nodes]
    out: list[float | None] = []
    for start in range(0, len(elements), _LANES):
        out += _lane_pass(program, vals, float(u), elements[start:start + _LANES])
    return out


_LANES = 256  # elements per vector pass: memory is nodes × lanes floats


def _lane_pass(program: Program, vals: list[Any], u: float,
               elements: list[tuple[str, tuple[int, ...]]]) -> list[float | None]:
    count = len(elements)
    tangents: list[Any] = [None] * len(vals)
    for k, (name, _index) in enumerate(elements):
        i = program.input_index[name]
        if tangents[i] is None:
            tangents[i] = np.zeros(count)
        tangents[i][k] = 1.0
    all_args = program.args
    try:
        # A tangent can only grow by products and sums, so an infinite one reaches the
        # output, unless a product with 0 or a sum with -inf makes it nan: numpy raises.
        with np.errstate(all="raise"):
            for i, op in enumerate(program.ops):
                if op is None:
                    continue
                idx = all_args[i]
                arg_t = tuple(tangents[j] for j in idx)
                if arg_t[0] is None and (len(arg_t) == 1 or arg_t[1] is None):
                    continue
                tangents[i] = op.jvp(vals[i], tuple(vals[j] for j in idx), arg_t, True)
    except (ArithmeticError, ValueError):  # e.g. sqrt'(0) = 0.5/0 on floats: one by one
        return [None] * count
    t_out = tangents[program.out]
    if t_out is None:
        return [0.0 * u] * count
    with np.errstate(all="ignore"):
        weighted = u * t_out
    ok = np.isfinite(t_out) & np.isfinite(weighted)
    return [float(weighted[k]) if ok[k] else None for k in range(count)]


def _element(value: Value, index: tuple[int, ...]) -> float | None:
    if value is None:
        return None
    if index:
        return float(np.asarray(value)[index])
    return float(np.sum(value)) if np.ndim(value) else float(value)


def finish(result: Comparison) -> None:
    """(Re)compute every row's errors and verdict and the overall verdict."""
    atol, rtol = result.tolerances["atol"], result.tolerances["rtol"]
    for row in result.rows:
        row.max_abs, row.max_rel = row_errors(row)
        row.verdict = row_verdict(row, atol, rtol)
    result.verdict = overall_verdict(result.rows, result.cancelled)
    result.passed = result.verdict == "pass"


# -- running it ----------------------------------------------------------------------

def compare(program: Program, values: Mapping[str, Any] | None = None, upstream: Any = 1.0,
            *, use_torch: bool = True, nodes: bool = True, report: Report | None = None,
            partial: Callable[[Comparison], None] | None = None,
            tolerances: Mapping[str, float] | None = None) -> Comparison:
    """Engine, forward mode, finite differences and (optionally) PyTorch, in one go.

    ``report(done, total, stage)`` is told the progress (stages "finite differences",
    "forward mode", "PyTorch", "done") and cancels by returning False; ``partial``
    receives a copy of the result before PyTorch is loaded.  ``nodes`` adds the
    node-by-node rows.  Raises EvalError if the function cannot be evaluated at the
    point, ValueError for a bad value or upstream gradient.
    """
    tol = dict(TOLERANCES if tolerances is None else tolerances)
    say: Report = report or (lambda _done, _total, _stage: True)
    leaves = program.leaves(values)
    elements = sum(int(np.size(leaves[program.input_index[n]]))
                   for n in program.input_names if n in program.input_index)
    total = 2 * elements + (1 if use_torch else 0)

    check = finite_diff.check_gradients(
        program, values, upstream, eps=tol["eps"], atol=tol["atol"], rtol=tol["rtol"],
        progress=lambda done, _total: say(done, total, "finite differences"))
    rows: list[InputRow] = []
    lanes = _tangent_lanes(program, values, upstream,
                           [(c.name, tuple(c.index)) for c in check.inputs])
    for k, c in enumerate(check.inputs):
        if not say(elements + k, total, "forward mode"):
            break
        fm = lanes[k] if lanes is not None else None
        if fm is None:
            fm = _forward_mode_or_none(program, values, upstream, c.name, tuple(c.index))
        rows.append(InputRow(
            name=c.name, index=tuple(c.index), value=c.value, engine=c.analytic,
            forward_mode=fm, forward_diff=c.forward, central=c.central,
            complex_step=c.complex_step, complex_reason=c.complex_reason, torch=None,
            torch_reason="", verdict=c.verdict, note=c.note, fd_verdict=c.verdict))
    cancelled = check.cancelled or len(rows) < len(check.inputs) or \
        not say(2 * elements, total, "forward mode")
    result = Comparison(rows, engine_nodes(program, values, upstream) if nodes else [], tol,
                        False, "pending" if use_torch else "unavailable", cancelled=cancelled,
                        check=check)
    finish(result)
    if cancelled or not use_torch:
        if cancelled:
            result.torch_state = "cancelled"
        return result
    if partial is not None:
        partial(copy.deepcopy(result))
    from . import torch_ref

    say(2 * elements, total, "PyTorch")
    t = torch_ref.compare(program, values, upstream)
    result.torch_result = t
    if not say(2 * elements, total, "PyTorch"):
        result.torch_state, result.cancelled = "cancelled", True
        finish(result)
        return result
    if not t.available:
        result.torch_state, result.torch_reason = "unavailable", t.reason
    elif t.error:
        result.torch_state, result.torch_reason = "error", t.error
    else:
        result.torch_state, result.torch_version = "done", t.version
        result.torch_notes = list(t.notes)
        for row in result.rows:
            row.torch = _element(t.gradient.get(row.name), row.index)
        by_node = {ref.node: ref for ref in t.nodes}
        for nr in result.nodes:
            ref = by_node.get(nr.node)
            if ref is None:
                continue
            nr.torch_value, nr.torch_grad, nr.grad_fn = ref.value, ref.grad, ref.grad_fn or ""
            nr.agree = node_agree(nr)
    for row in result.rows:
        if result.torch_state != "done":
            row.torch_reason = result.torch_reason
    finish(result)
    say(total, total, "done")
    return result


def node_agree(nr: NodeRow) -> bool | None:
    """Whether the engine's and PyTorch's value and gradient of a node agree."""
    pairs = [(nr.engine_value, nr.torch_value)]
    if nr.engine_grad is not None and nr.torch_grad is not None:
        pairs.append((nr.engine_grad, nr.torch_grad))
    for a, b in pairs:
        if a is None or b is None:
            return None
        if np.shape(a) != np.shape(b):
            return False
        if not np.allclose(a, b, rtol=1e-9, atol=1e-12):
            return False
    return True


def engine_nodes(program: Program, values: Mapping[str, Any] | None, upstream: Any
                 ) -> list[NodeRow]:
    """Every node's value and gradient from the engine (PyTorch's columns empty)."""
    try:
        vals = program.node_values(values)
        grads = program.node_gradients(values, upstream)
    except (EvalError, ValueError):
        # The gradient fails somewhere (e.g. sqrt'(0)): the stepper keeps what it has.
        stepper = Stepper(program, values=values, upstream=upstream)
        stepper.run_to_end()
        vals, grads = stepper.values(), stepper.gradients()
    rows = []
    for i, node in enumerate(program.nodes):
        op = program.ops[i]
        rows.append(NodeRow(node=node, label=program.labels[i],
                            op=op.name if op else program.kinds[i],
                            engine_value=vals.get(node), torch_value=None,
                            engine_grad=grads.get(node), torch_grad=None, grad_fn="",
                            agree=None))
    return rows


# -- the command line's shape ----------------------------------------------------------

def _number(v: float | None) -> float | None:
    return v if v is None or math.isfinite(v) else None


def to_json(result: Comparison) -> dict[str, Any]:
    """The ``comparison`` object of ``--json``: plain JSON types, nan and inf as null."""
    rows = []
    for r in result.rows:
        rows.append({
            "input": r.label, "name": r.name, "index": list(r.index),
            "engine": _number(r.engine), "forward_mode": _number(r.forward_mode),
            "forward_difference": _number(r.forward_diff), "central": _number(r.central),
            "complex_step": _number(r.complex_step), "torch": _number(r.torch),
            "max_abs_error": _number(r.max_abs), "max_rel_error": _number(r.max_rel),
            "verdict": r.verdict, "finite_difference_verdict": r.fd_verdict,
            "note": str(r.note)})
    return {"relative_error": RELATIVE_ERROR, "tolerances": dict(result.tolerances),
            "rows": rows, "verdict": result.verdict, "passed": result.passed}
