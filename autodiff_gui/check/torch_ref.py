"""PyTorch beside the engine: the same compiled program, differentiated by torch.

``compare`` rebuilds a compiled ``Program`` node by node in PyTorch (float64, inputs
with ``requires_grad=True``), takes the value and every node's gradient with one
``torch.autograd.grad`` call, runs forward mode with ``torch.autograd.forward_ad``
(one pass per input element) and records each node's ``grad_fn`` (``MulBackward0``,
``LogBackward0``, ...) so the window can compare node by node.
``seed_mechanics`` replays the seed notebook's PyTorch cells (``backward`` with
``grad_tensors``, ``.grad`` accumulating, ``autograd.grad`` returning a tuple,
``is_leaf`` and ``grad_fn``) on the same graph, for the lessons.

torch is imported lazily, on the first request (~1 s, ~220 MB), never at module
level: ``import autodiff_gui.check.torch_ref`` leaves torch unloaded.  If torch is
missing or fails to import, every result says ``available: False`` with the reason.

Convention differences
----------------------
The engine and PyTorch agree to 1e-12 relative on every primitive and on random
graphs (tests/check/test_torch_ref.py).  Where they differ, it is one of these:

* **Out of the domain.**  The engine stops with an ``EvalError`` naming the node
  (log of 0 or less, sqrt of a negative, division by 0, a negative base with a
  fractional exponent, overflow, and derivatives that are not finite such as
  sqrt'(0), d/dx x**0.5 at 0, or d/db a**b for a negative base a).  PyTorch carries
  on with nan or ±inf.  ``compare`` keeps torch's numbers and adds a note naming
  the first non-finite node.  An infinite local derivative can even vanish in
  torch's reverse mode: for ``relu(x) ** 0.5`` at x < 0, pow sends inf to the relu,
  whose backward is a select (``where(x > 0, g, 0)``), so x.grad = 0, while torch's
  forward mode gives 0·inf = nan there and the engine refuses.
* **Inputs the output does not read.**  The engine leaves them out of its gradient;
  ``torch.autograd.grad(..., allow_unused=True)`` gives None.  Here they get a
  gradient of 0 (shaped like the value passed in ``values``, else a scalar) and a
  note says so.
* **A constant scalar exponent is a Python number** in PyTorch, as in the seed's
  ``x**2``: its node is ``PowBackward0`` and no exponent derivative exists.  An
  exponent that is an array constant or computed from inputs is a tensor, and so
  is a constant base (``PowBackward1``).  The engine likewise never computes
  d/db a**b for a constant exponent, so ``(-2)**3`` is fine in both.
* **Forward mode of an array output** is, in both, the gradient of the sum of its
  elements (torch's tangent is an array; it is summed), i.e. reverse mode with an
  upstream gradient of ones.  ``upstream`` affects reverse mode only.  It takes one
  pass per input element, so beyond ``max_forward_passes`` (2048) it is skipped
  with a note.
* **Forward mode mixes dual and plain tensors at ``pow``.**  A dual tensor with a
  zero tangent as the exponent of a negative base, or as the base 0 of a
  fractional power, makes torch's forward-mode formula multiply 0 by nan.  So
  sub-graphs that do not depend on the seeded input stay plain tensors; they are
  wrapped as zero-tangent duals only where that is harmless (every op but pow),
  because mixing is ~50x slower in torch 2.13 (a Python decomposition).
* **Points that agree by convention (checked):** relu'(0) = 0, abs'(0) = 0,
  pow(0, 0) = 1 with both partials 0, d/db 0**b = 0 for b >= 0, the sum and mean
  of a scalar are the scalar itself (gradient 1), and a 0-d output takes a 0-d
  upstream (``torch.tensor(2.)``, not ``torch.tensor([2.])``).
* **Last-bit differences.**  sigmoid for negative inputs (the engine uses
  e^a/(1+e^a) to avoid overflow), and the order of products in a few backward
  formulas (e.g. div's -g·(a/b)/b), may differ by an ulp; well within 1e-12.
  Where terms cancel, the round-off is relative to the terms, not the result:
  d/dx (x/x) is exactly 0 in the engine and ~1e-16 in torch.

Reasons and notes are English ``Text`` values made from ``MESSAGES`` (Qt context
"check"), so the UI can say them in another language.
"""

from __future__ import annotations

import math
import threading
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import engine, ops
from ..core.engine import Program
from ..core.graph import Text, _reason, as_value, format_value

Value = Any

# Our op name -> the torch function of the same meaning (read from the op table).
TORCH_FUNCTIONS: dict[str, str] = {name: op.torch_name for name, op in ops.OPS.items()}

# The English templates of the reasons and notes (translated in context "check").
MESSAGES: dict[str, str] = {
    "not_available": "PyTorch is not available: {error}",
    "could_not_run": "PyTorch could not run this graph: {error}",
    "forward_skipped": "forward mode skipped: it would take {passes} passes, one per input "
                       "element (the limit is {limit})",
    "unused_input": "{name} does not reach the output: its gradient is 0 (PyTorch's "
                    "autograd.grad would give None)",
    "value_not_finite": "PyTorch gives {value} at {where}; the engine stops there with an "
                        "error",
    "grad_not_finite": "PyTorch's gradient of {node} through {where} is {value}; the engine "
                       "stops there with an error",
    "nothing_to_differentiate": "the output does not depend on any input: nothing to "
                                "differentiate",
}


def message(code: str, /, **params: Any) -> Text:
    """The message ``MESSAGES[code]`` filled with ``params``, as a translatable Text."""
    return Text(MESSAGES[code], "check", **params)


_lock = threading.Lock()
# torch's forward-mode levels are process-wide and do not nest: one pass at a time.
_forward_lock = threading.Lock()
_state: dict[str, Any] = {}  # "module", "version" or "reason", once tried


def loaded() -> bool:
    """The import of torch has finished (or failed): a comparison no longer waits for it."""
    return "module" in _state or "reason" in _state


def _load() -> Any | None:
    """Import torch once; None (with the reason kept) if that fails."""
    with _lock:
        if "tried" not in _state:
            _state["tried"] = True
            try:
                import torch  # lazy on purpose: ~1 s, ~220 MB
                import torch.autograd.forward_ad  # noqa: F401
                _warm_up(torch)
            except Exception as exc:  # missing, or a broken install (OSError, ...)
                _state["reason"] = message("not_available",
                                           error=f"{type(exc).__name__}: {exc}")
            else:
                _state["module"] = torch
                _state["version"] = str(torch.__version__)
        return _state.get("module")


def _warm_up(torch: Any) -> None:
    """The first dual tensor loads torch's forward-mode decompositions, which warn
    about the deprecated torch.jit.script: do it once here, quietly."""
    fw = torch.autograd.forward_ad
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with fw.dual_level():
            one = torch.ones((), dtype=torch.float64)
            fw.unpack_dual(torch.sin(fw.make_dual(one, one)))


def torch_status() -> tuple[bool, str]:
    """(True, version) if PyTorch imports, else (False, reason).  Imports lazily, caches."""
    module = _load()
    if module is None:
        return False, _state["reason"]
    return True, _state["version"]


@dataclass
class NodeRef:
    """One node as PyTorch sees it."""

    node: int  # the document's node id
    label: str
    op: str | None  # our op name; None for inputs and constants
    value: Value
    grad: Value | None  # None: torch keeps no gradient (constants, constant sub-graphs)
    grad_fn: str | None  # "MulBackward0"; None for leaves
    is_leaf: bool
    requires_grad: bool
    kind: str = "op"  # input, const or op


@dataclass
class TorchResult:
    """PyTorch's value, gradients and per-node view of a program."""

    available: bool
    reason: str = ""
    version: str = ""
    value: Value = None
    gradient: dict[str, Value] = field(default_factory=dict)
    forward_mode: dict[str, Value] = field(default_factory=dict)
    nodes: list[NodeRef] = field(default_factory=list)
    seconds: float = 0.0  # the computation only, not the import
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # torch refused the graph (e.g. shapes); nothing else is set

    def node(self, node: int) -> NodeRef | None:
        """The record of a document node id, if the program has it."""
        for ref in self.nodes:
            if ref.node == node:
                return ref
        return None


# -- building the graph in torch ---------------------------------------------------

def _as_numpy(t: Any) -> Value:
    """A tensor as the engine's values: float for 0-d, a float64 array otherwise."""
    a = t.detach().cpu().numpy()
    return float(a) if a.ndim == 0 else a.copy()


def _scalar_exponent(program: Program, i: int) -> bool:
    """An argument PyTorch takes as a Python number (pow's 0-d constant exponent: ``x**2``)."""
    op = program.ops[i]
    if op is None or op.torch_number_slot is None:
        return False
    j = program.args[i][op.torch_number_slot]
    return program.kinds[j] == "const" and np.ndim(program.leaf_values[j]) == 0


def torch_function(torch: Any, op: ops.Op) -> Any:
    """PyTorch's function for ``op`` (a dotted name is a path: ``Tensor.__getitem__``), its
    parameters bound (``torch.sum(x, dim=0)``).  An op whose call has another form
    (``torch.stack([a, b])``, an integer class target) declares it as ``extra["torch_call"]``:
    ``(torch, *tensors, **params) -> tensor``."""
    call = op.extra.get("torch_call")
    if call is not None:
        params = dict(op.bound or {})
        return lambda *tensors: call(torch, *tensors, **params)
    fn = torch
    for part in op.torch_name.split("."):
        fn = getattr(fn, part)
    extra, keywords = op.torch_arguments()
    if not extra and not keywords:
        return fn
    return lambda *tensors: fn(*tensors, *extra, **keywords)


def _functions(torch: Any, program: Program) -> list[Any]:
    return [torch_function(torch, op) if op is not None else None for op in program.ops]


def _leaf_tensors(torch: Any, program: Program, leaves: list[Value],
                  requires_grad: bool) -> list[Any]:
    tensors: list[Any] = [None] * len(leaves)
    for i, kind in enumerate(program.kinds):
        if kind in ("input", "const"):
            tensors[i] = torch.tensor(leaves[i], dtype=torch.float64,
                                      requires_grad=requires_grad and kind == "input")
    return tensors


def _run(program: Program, fns: list[Any], tensors: list[Any], leaves: list[Value]) -> None:
    """Fill in every op node's tensor, in topological order."""
    for i, fn in enumerate(fns):
        if fn is None:
            continue
        a = program.args[i]
        if len(a) == 1:
            tensors[i] = fn(tensors[a[0]])
        elif _scalar_exponent(program, i):
            tensors[i] = fn(tensors[a[0]], float(leaves[a[1]]))
        else:
            tensors[i] = fn(tensors[a[0]], tensors[a[1]])


def _upstream(torch: Any, out: Any, upstream: Any) -> Any:
    """The upstream gradient as a tensor of the output's shape (0-d for a 0-d output)."""
    try:
        u = as_value(upstream)
    except ValueError as exc:
        raise ValueError(Text(engine.MESSAGES["upstream"], "core", reason=_reason(exc))) \
            from None
    shape = tuple(out.shape)
    if np.shape(u) == shape:
        return torch.tensor(u, dtype=torch.float64)
    if np.ndim(u) == 0:
        return torch.full(shape, float(u), dtype=torch.float64)
    raise ValueError(Text(engine.MESSAGES["upstream_shape"], "core", got=np.shape(u),
                          want=shape))


def _finite(v: Value) -> bool:
    return bool(np.all(np.isfinite(v)))


def _depends(program: Program, index: int) -> list[bool]:
    """Which nodes depend on node ``index`` (itself included)."""
    dep = [False] * len(program.nodes)
    dep[index] = True
    for i, a in enumerate(program.args):
        if a and any(dep[j] for j in a):
            dep[i] = True
    return dep


def _forward_mode(torch: Any, program: Program, fns: list[Any], leaves: list[Value],
                  plain: list[Any]) -> dict[str, Value]:
    """∂(sum of the output)/∂input by forward mode: one dual pass per input element.

    Only nodes that depend on the seeded input become dual tensors; the rest reuse
    the plain values (see "Convention differences" on mixing at pow).
    """
    fw = torch.autograd.forward_ad
    result: dict[str, Value] = {}
    for name in program.input_names:
        k = program.input_index.get(name)
        if k is None:
            continue
        dep = _depends(program, k)
        primal = plain[k].detach()
        grad = np.zeros(tuple(primal.shape))
        for e in range(max(1, grad.size)):
            seed = torch.zeros_like(primal)
            seed.view(-1)[e] = 1.0
            with fw.dual_level():
                duals: list[Any] = list(plain)
                duals[k] = fw.make_dual(primal, seed)
                for i, fn in enumerate(fns):
                    if fn is None or not dep[i]:
                        continue
                    a = program.args[i]
                    if len(a) == 1:
                        duals[i] = fn(duals[a[0]])
                        continue
                    x, y = duals[a[0]], duals[a[1]]
                    if _scalar_exponent(program, i):
                        y = float(leaves[a[1]])
                    elif program.ops[i].torch_zero_tangent:  # type: ignore[union-attr]
                        # A zero tangent is cheaper than torch's mixed-mode path.
                        if not dep[a[0]]:
                            x = fw.make_dual(x, torch.zeros_like(x))
                        if not dep[a[1]]:
                            y = fw.make_dual(y, torch.zeros_like(y))
                    duals[i] = fn(x, y)
                tangent = fw.unpack_dual(duals[program.out]).tangent
                total = 0.0 if tangent is None else float(tangent.sum())
            grad.reshape(-1)[e] = total
        result[name] = float(grad) if grad.ndim == 0 else grad
    return result


def _grad_fn_name(t: Any) -> str | None:
    return type(t.grad_fn).__name__ if getattr(t, "grad_fn", None) is not None else None


# Forward mode costs one pass per input element (~50 µs each on a small graph).
MAX_FORWARD_PASSES = 2048


def compare(program: Program, values: Mapping[str, Any] | None = None,
            upstream: Any = 1.0, *, max_forward_passes: int = MAX_FORWARD_PASSES
            ) -> TorchResult:
    """Run ``program`` in PyTorch: value, gradient (scaled by ``upstream``), forward
    mode and every node's value, gradient and grad_fn.

    ``values`` overrides input values by name, as for the engine (floats for
    scalars, arrays for arrays).  Forward mode is skipped, with a note, when it
    would take more than ``max_forward_passes`` passes (input elements).  Raises
    ValueError for a bad value or upstream, like the engine; never raises for torch
    itself (see ``available`` and ``error``).
    """
    ok, info = torch_status()
    if not ok:
        return TorchResult(available=False, reason=info)
    torch = _state["module"]
    leaves = program.leaves(values)
    start = time.perf_counter()
    result = TorchResult(available=True, version=info)
    fns = _functions(torch, program)
    try:
        tensors = _leaf_tensors(torch, program, leaves, requires_grad=True)
        _run(program, fns, tensors, leaves)
        out = tensors[program.out]
        seed = _upstream(torch, out, upstream)
        tracked = [i for i, t in enumerate(tensors) if t.requires_grad]
        grads: list[Any] = [None] * len(tensors)
        if out.requires_grad:
            found = torch.autograd.grad(out, [tensors[i] for i in tracked], grad_outputs=seed,
                                        allow_unused=True)
            for i, g in zip(tracked, found):
                grads[i] = g
        passes = sum(max(1, int(np.size(leaves[i]))) for i in program.input_index.values())
        forward_mode: dict[str, Value] = {}
        if passes <= max_forward_passes:
            with _forward_lock, torch.no_grad():
                plain = [t.detach() for t in tensors]
                forward_mode = _forward_mode(torch, program, fns, leaves, plain)
        else:
            result.notes.append(message("forward_skipped", passes=passes,
                                        limit=max_forward_passes))
    except RuntimeError as exc:  # torch refused: shapes that don't fit, ...
        result.error = message("could_not_run", error=str(exc))
        result.seconds = time.perf_counter() - start
        return result
    result.value = _as_numpy(out)
    result.forward_mode = forward_mode
    for i, t in enumerate(tensors):
        op = program.ops[i]
        g = grads[i]
        if g is None and t.requires_grad:
            g = torch.zeros_like(t)  # tracked but unused on the way to the output
        result.nodes.append(NodeRef(
            node=program.nodes[i], label=program.labels[i], op=op.name if op else None,
            value=_as_numpy(t), grad=None if g is None else _as_numpy(g),
            grad_fn=_grad_fn_name(t), is_leaf=bool(t.is_leaf),
            requires_grad=bool(t.requires_grad), kind=program.kinds[i]))
    for name in program.input_names:
        k = program.input_index.get(name)
        if k is None:
            shape = np.shape(as_value(values[name])) if values and name in values else ()
            result.gradient[name] = np.zeros(shape) if shape else 0.0
            result.notes.append(message("unused_input", name=name))
            continue
        result.gradient[name] = result.nodes[k].grad
    _note_non_finite(result, program)
    result.seconds = time.perf_counter() - start
    return result


def _note_non_finite(result: TorchResult, program: Program) -> None:
    """Name the first node where torch's value, or gradient, stops being finite."""
    def where(i: int) -> str:
        args = ", ".join(program.labels[j] for j in program.args[i])
        return f"{program.labels[i]} = {program.ops[i].name}({args})"  # type: ignore[union-attr]

    for i, ref in enumerate(result.nodes):
        if not _finite(ref.value):
            result.notes.append(message("value_not_finite", value=format_value(ref.value),
                                        where=where(i)))
            return
    for i in range(len(result.nodes) - 1, -1, -1):
        own = result.nodes[i].grad
        if program.ops[i] is None or own is None or not _finite(own):
            continue  # look for where a finite gradient turns non-finite
        for j in program.args[i]:
            g = result.nodes[j].grad
            if g is not None and not _finite(g):
                result.notes.append(message("grad_not_finite", node=program.labels[j],
                                            where=where(i), value=format_value(g)))
                return


# -- the command line's view ----------------------------------------------------------

def _plain(v: Value) -> Any:
    """JSON-ready: nested lists for arrays, None for non-finite numbers."""
    if v is None:
        return None
    if isinstance(v, np.ndarray):
        return [_plain(u) for u in v] if v.ndim > 1 else [_plain(float(u)) for u in v]
    f = float(v)
    return f if math.isfinite(f) else None


def to_json(result: TorchResult) -> dict[str, Any]:
    """The result for ``--json``: numbers, nested lists for arrays, nan/inf as null."""
    if not result.available:
        return {"available": False, "reason": result.reason}
    if result.error is not None:
        return {"available": True, "version": result.version, "error": result.error}
    data: dict[str, Any] = {
        "available": True,
        "version": result.version,
        "value": _plain(result.value),
        "gradient": {k: _plain(v) for k, v in result.gradient.items()},
        "forward_mode": {k: _plain(v) for k, v in result.forward_mode.items()},
        "grad_fn": {r.label: r.grad_fn for r in result.nodes if r.grad_fn is not None},
    }
    if result.notes:
        data["notes"] = list(result.notes)
    return data


# -- the seed notebook's mechanics, for the lessons --------------------------------------

def seed_mechanics(program: Program, values: Mapping[str, Any] | None = None,
                   upstream: Any = 2.0) -> dict[str, Any]:
    """Replay the seed notebook's PyTorch cells on this graph.

    ``backward(f, grad_tensors=upstream, retain_graph=True)`` then ``.grad``; a second
    ``backward`` (``.grad`` accumulates: it doubles); ``autograd.grad(f, inputs,
    retain_graph=True)`` returning a tuple and leaving ``.grad`` alone; ``is_leaf``
    and ``grad_fn`` of the inputs and of the output.  Returns the numbers (numpy
    values, by input name) and ``transcript``: the lines the notebook's prints would
    show, in torch's own repr.
    """
    ok, info = torch_status()
    if not ok:
        return {"available": False, "reason": info}
    torch = _state["module"]
    leaves = program.leaves(values)
    names = [n for n in program.input_names if n in program.input_index]
    if not names:
        return {"available": True, "version": info,
                "error": message("nothing_to_differentiate")}
    tensors = _leaf_tensors(torch, program, leaves, requires_grad=True)
    _run(program, _functions(torch, program), tensors, leaves)
    f = tensors[program.out]
    inputs = [tensors[program.input_index[n]] for n in names]
    seed = _upstream(torch, f, upstream)
    lines: list[str] = []

    def show(text: str, value: Any) -> None:
        lines.append(f"{text} = {value!r}" if not isinstance(value, str) else f"{text} = {value}")

    def fn_text(t: Any) -> str:
        name = _grad_fn_name(t)
        return "None" if name is None else f"<{name}>"

    for n, t in zip(names, inputs):
        show(n, t)
    show("f", f)
    for n, t in zip(names, inputs):
        show(f"{n}.grad", t.grad)
    for n, t in zip(names, inputs):
        show(f"{n}.is_leaf", t.is_leaf)
        show(f"{n}.grad_fn", fn_text(t))
    show("f.is_leaf", f.is_leaf)
    show("f.grad_fn", fn_text(f))
    lines.append(f"torch.autograd.backward(f, grad_tensors=torch.{seed!r}, retain_graph=True)")
    torch.autograd.backward(f, grad_tensors=seed, retain_graph=True)
    first = {n: _as_numpy(t.grad) for n, t in zip(names, inputs)}
    for n, t in zip(names, inputs):
        show(f"{n}.grad", t.grad)
    lines.append("torch.autograd.backward(f, grad_tensors=..., retain_graph=True)  # again")
    torch.autograd.backward(f, grad_tensors=seed, retain_graph=True)
    second = {n: _as_numpy(t.grad) for n, t in zip(names, inputs)}
    for n, t in zip(names, inputs):
        show(f"{n}.grad", t.grad)
    # autograd.grad needs grad_outputs for a non-scalar output (the notebook's is scalar).
    targets = f"({names[0]},)" if len(names) == 1 else f"({', '.join(names)})"
    call = f"torch.autograd.grad(f, {targets}, retain_graph=True)"
    grad_outputs = None
    if f.ndim:
        grad_outputs = torch.ones_like(f)
        call = call[:-1] + ", grad_outputs=torch.ones_like(f))"
    df = torch.autograd.grad(f, tuple(inputs), grad_outputs=grad_outputs, retain_graph=True)
    lines.append(f"df = {call}")
    show("df", df)
    for n, t in zip(names, inputs):
        show(f"{n}.grad", t.grad)
    return {
        "available": True,
        "version": info,
        "value": _as_numpy(f),
        "upstream": _as_numpy(seed),
        "grad_before": {n: None for n in names},
        "grad_after_backward": first,
        "grad_after_second_backward": second,
        "autograd_grad": {n: _as_numpy(g) for n, g in zip(names, df)},
        "autograd_grad_type": type(df).__name__,
        "grad_after_autograd_grad": {n: _as_numpy(t.grad) for n, t in zip(names, inputs)},
        "is_leaf": {**{n: bool(t.is_leaf) for n, t in zip(names, inputs)},
                    "f": bool(f.is_leaf)},
        "grad_fn": {**{n: _grad_fn_name(t) for n, t in zip(names, inputs)},
                    "f": _grad_fn_name(f)},
        "transcript": lines,
    }
