"""Numerical derivatives: the reference the engine's gradients are checked against.

Five estimates per input element, all of the weighted output F = Σ upstream·f (the
quantity ``Program.gradient(values, upstream)`` differentiates):

* forward  (F(x+h) − F(x)) / Δ,        h = √ε·max(1,|x|)      (error ~1e-8)
* backward (F(x) − F(x−h)) / Δ,        h = √ε·max(1,|x|)
* central  (F(x+h) − F(x−h)) / Δ,      h = ε^(1/3)·max(1,|x|) (error ~1e-11)
* Richardson: central differences D(h) and D(h/2) combined to cancel the h² term,
  (4·D(h/2) − D(h))/3 — the same as the 5-point stencil — with h = ε^(1/5)·max(1,|x|),
  the step that balances its h⁴ truncation against round-off (error ~1e-13)
* complex step Im F(x + ih) / h,       h = 1e-20              (error ~1e-16)

Δ is always the representable step ((x+h) − x, or (x+h) − (x−h)), never the nominal h;
the Richardson weights use the representable half-steps too.  The complex step needs
every operation on the path to be analytic (abs and relu are not).

The function is evaluated through the compiled program itself: a small walker runs
``program.ops`` / ``program.args`` with each op's own ``forward_a`` kernel over a batch
of "lanes" (one perturbed point per lane, stacked on a new leading axis), so a whole
check is a few vectorised passes instead of one call per point.  Elementwise ops take
the whole batch at once; reductions and matmul take it lane by lane (same kernel).  The
same walker, on complex128 values, is the complex-evaluation entry point.  A lane that
turns non-finite is re-evaluated with ``Program.evaluate`` so the engine's own
``EvalError`` names the node; the method that needed it is reported unavailable.

The verdict follows ``torch.autograd.gradcheck``: |a − n| ≤ atol + rtol·|n|, n a central
difference with the absolute step eps.  Where the point sits on a kink (relu, abs at 0)
or a domain edge (sqrt at 0), or the ±eps step crosses one, the verdict is "kink" with
PyTorch's convention spelled out instead of a failure.

Notes and reasons are English ``Text`` values made from ``MESSAGES`` (Qt context
"check"), so the UI can say them in another language; as strings they are the English.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import engine
from ..core.engine import EvalError, Program
from ..core.graph import Text, _reason, as_value

EPS = float(np.finfo(np.float64).eps)
COMPLEX_H = 1e-20
METHODS = ("forward", "backward", "central", "richardson", "complex_step")
# Step rules as multiples of max(1, |x|): the balance point of truncation and round-off.
STEP_SCALE = {"forward": math.sqrt(EPS), "backward": math.sqrt(EPS),
              "central": EPS ** (1 / 3), "richardson": EPS ** (1 / 5)}
STEP_RULE = {"forward": "sqrt(eps)*max(1,|x|)", "backward": "sqrt(eps)*max(1,|x|)",
             "central": "eps^(1/3)*max(1,|x|)", "richardson": "eps^(1/5)*max(1,|x|)",
             "complex_step": "1e-20"}
MAX_DIGITS = 16.0

# Ops whose derivative has a kink or an infinite edge at an argument of 0 say so in
# the op table (``Op.kink``: the kind, and what PyTorch returns there).
# The English templates of the notes and reasons (translated in context "check").
MESSAGES: dict[str, str] = {
    "step_vanished": "the step vanished in rounding",
    "step_overflow": "x ± h overflows: it is beyond the largest floating-point number",
    "at_node": "{op} at node {node}",
    "the_output": "the output",
    "not_analytic": "{where} is not analytic: complex step unavailable",
    "complex_not_finite": "the complex evaluation is not finite at {where}",
    "error_at": "{location}: {reason}",
    "kink_at_zero": "{where} has its argument at 0, its kink: the derivative does not exist "
                    "there. PyTorch's convention (followed here) is {convention}.",
    "edge_at_zero": "{where} has its argument at 0, the edge of its domain: the derivative "
                    "is infinite there (PyTorch returns {convention}).",
    "near_kink": "the argument of {where} is within h = {h} of 0, where it has a kink: the "
                 "differences straddle it, so they cannot confirm the derivative here.",
    "near_edge": "the argument of {where} is within h = {h} of 0, where it has a domain "
                 "edge: the differences straddle it, so they cannot confirm the derivative "
                 "here.",
    "complex_instead": "the central difference with h = eps is unavailable ({reason}); "
                       "checked against the complex step instead.",
    "engine_stops": "(the engine stops there: {reason})",
    "engine_failed": "the engine's gradient failed: {error}",
    "no_numerical": "no numerical derivative here: {reason}",
    "too_far": "|analytic − numerical| = {error} > atol + rtol·|n| = {bound}",
    "step_crosses": "the {method} step crosses the kink at node {nodes}: that estimate is "
                    "unreliable.",
    "unknown_method": "unknown method {method!r}; known: {known}",
    "bad_step": "the step for {method} must be a positive number, not {step}",
    "bad_eps": "eps must be a positive number",
    "no_element": "{name} has no element {index}",
    # Method names inside the notes.
    "method_forward": "forward",
    "method_backward": "backward",
    "method_central": "central",
    "method_richardson": "richardson",
    "method_gradcheck": "gradcheck",
}


def message(code: str, /, **params: Any) -> Text:
    """The message ``MESSAGES[code]`` filled with ``params``, as a translatable Text."""
    return Text(MESSAGES[code], "check", **params)


def _error_text(exc: EvalError) -> Text:
    """``str(exc)`` (``d = log(-1): reason``) as a Text that keeps the reason's template."""
    return message("error_at", location=exc.location(), reason=exc.message)


def _joined(notes: Sequence[str]) -> str:
    """``" ".join(notes)``, keeping every note's translation (the layout is not text)."""
    if len(notes) < 2:
        return notes[0] if notes else ""
    params = {f"n{k}": note for k, note in enumerate(notes)}
    return Text(" ".join(f"{{{key}}}" for key in params), "check", **params)


_KERNEL_ERRORS = (ValueError, ZeroDivisionError, OverflowError, FloatingPointError, TypeError)
_LANE_BUDGET = 1 << 19  # lanes × largest node size per batch: a few MB per node
_ONE_BATCH = 64  # input elements checked in one pass when the budget allows


# -- the estimates on plain callables ---------------------------------------------------

def default_step(method: str, x: float) -> float:
    """The default (nominal) step of ``method`` at x."""
    if method == "complex_step":
        return COMPLEX_H
    return STEP_SCALE[method] * max(1.0, abs(x))


def _quotient(f_hi: float, f_lo: float, x_hi: float, x_lo: float) -> float:
    step = x_hi - x_lo
    if step == 0:
        raise ZeroDivisionError(message("step_vanished"))
    with np.errstate(all="ignore"):  # inf − inf near overflow: a nan the caller reports
        return (f_hi - f_lo) / step


def _extrapolate(d1: float, h1: float, d2: float, h2: float) -> float:
    """Richardson: remove the h² term from central differences D(h1), D(h2).

    With h2 = h1/2 this is (4·D(h/2) − D(h))/3; the general weights absorb the
    rounding of the representable steps.
    """
    r = (h2 / h1) ** 2  # a ratio, not h1², which overflows for |x| near 1e308
    return (d2 - r * d1) / (1 - r)


def forward_difference(f: Callable[[float], float], x: float, h: float | None = None) -> float:
    """(f(x+h) − f(x)) / ((x+h) − x); h defaults to √ε·max(1,|x|)."""
    x = float(x)
    xp = x + (default_step("forward", x) if h is None else h)
    return _quotient(f(xp), f(x), xp, x)


def backward_difference(f: Callable[[float], float], x: float, h: float | None = None) -> float:
    """(f(x) − f(x−h)) / (x − (x−h)); h defaults to √ε·max(1,|x|)."""
    x = float(x)
    xm = x - (default_step("backward", x) if h is None else h)
    return _quotient(f(x), f(xm), x, xm)


def central_difference(f: Callable[[float], float], x: float, h: float | None = None) -> float:
    """(f(x+h) − f(x−h)) / ((x+h) − (x−h)); h defaults to ε^(1/3)·max(1,|x|)."""
    x = float(x)
    step = default_step("central", x) if h is None else h
    xp, xm = x + step, x - step
    return _quotient(f(xp), f(xm), xp, xm)


def richardson(f: Callable[[float], float], x: float, h: float | None = None) -> float:
    """(4·D(h/2) − D(h))/3 from central differences D; h defaults to ε^(1/5)·max(1,|x|)."""
    x = float(x)
    step = default_step("richardson", x) if h is None else h
    p1, m1, p2, m2 = x + step, x - step, x + step / 2, x - step / 2
    d1 = _quotient(f(p1), f(m1), p1, m1)
    d2 = _quotient(f(p2), f(m2), p2, m2)
    return _extrapolate(d1, (p1 - m1) / 2, d2, (p2 - m2) / 2)


def complex_step(f: Callable[[complex], complex], x: float, h: float = COMPLEX_H) -> float:
    """Im f(x + ih) / h: no subtraction, so no round-off (f must be analytic)."""
    return float(np.imag(f(complex(float(x), h)))) / h


# -- public results ------------------------------------------------------------------

@dataclass
class InputCheck:
    """Every estimate and the verdict for one input element."""

    name: str
    index: tuple[int, ...]  # () for a scalar input
    value: float
    analytic: float  # the engine's reverse-mode gradient (nan if the engine failed)
    forward: float | None
    backward: float | None
    central: float | None
    richardson: float | None
    complex_step: float | None
    complex_reason: str | None  # why complex_step is None
    verdict: str  # pass, fail, kink or unavailable
    note: str
    abs_error: float | None  # |analytic − numerical| for the verdict's numerical value
    rel_error: float | None
    digits: float | None  # −log10(rel_error), capped at 16
    numerical: float | None = None  # the value the verdict compared against
    numerical_method: str = "gradcheck"  # gradcheck (central, h = eps) or complex_step
    steps: dict[str, float] = field(default_factory=dict)  # representable steps used
    unavailable: dict[str, str] = field(default_factory=dict)  # method -> reason
    digits_by: dict[str, float | None] = field(default_factory=dict)  # per method


@dataclass
class CheckResult:
    """A whole gradient check: one InputCheck per input element."""

    inputs: list[InputCheck]
    tolerances: dict[str, float]  # eps, atol, rtol
    h: dict[str, float | str]  # per method: the user's step, or the default rule
    complex_available: bool
    complex_reason: str | None
    passed: bool  # every verdict is pass or kink (and not cancelled)
    cancelled: bool = False
    value: Any = None  # the output at the point
    total: int = 0  # input elements to check (len(inputs) < total if cancelled)


@dataclass
class Sweep:
    """Error against step size for one input element: what the error-vs-h plot needs."""

    name: str
    index: tuple[int, ...]
    x: float
    reference: float  # the engine's reverse-mode gradient
    hs: np.ndarray  # nominal steps, descending
    errors: dict[str, np.ndarray]  # per method; relative (absolute if reference is 0);
    #                                nan where the step vanished or the evaluation failed
    optimum: dict[str, float]  # the theoretical best step per method
    complex_reason: str | None  # why errors has no "complex_step"
    estimates: dict[str, np.ndarray] = field(default_factory=dict)
    relative: bool = True


# -- evaluating the compiled program on a batch of points --------------------------------

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
                if track_edges and op.kink is not None and batched[args[0]]:
                    touch[i], cross[i] = _edges(vals[args[0]], batch)
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
            if track_edges and op.kink is not None and batched[args[0]]:
                touch[i], cross[i] = _edges(vals[args[0]], batch)
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


# -- the gradient check --------------------------------------------------------------

@dataclass
class _Element:
    name: str
    leaf: int
    flat: int
    index: tuple[int, ...]
    x: float
    analytic: float


def _h_settings(h: Mapping[str, float] | float | None) -> dict[str, float | None]:
    settings: dict[str, float | None] = {m: None for m in METHODS}
    if h is None:
        return settings
    if isinstance(h, Mapping):
        items = list(h.items())
    else:  # one step for every difference method; the complex step keeps 1e-20
        items = [(m, h) for m in METHODS if m != "complex_step"]
    for method, step in items:
        if method not in settings:
            raise ValueError(message("unknown_method", method=method, known=", ".join(METHODS)))
        if step is None:
            continue
        step = float(step)
        if not (math.isfinite(step) and step > 0):
            raise ValueError(message("bad_step", method=method, step=step))
        settings[method] = step
    return settings


def _weights(program: Program, base: list[Any], upstream: Any) -> np.ndarray:
    u = as_value(upstream)
    shape = np.shape(base[program.out])
    if np.shape(u) != shape and np.ndim(u) != 0:
        raise ValueError(Text(engine.MESSAGES["upstream_shape"], "core", got=np.shape(u),
                              want=shape))
    return np.broadcast_to(np.asarray(u, dtype=float), shape).ravel()


def _weighted(run: _Run, u: np.ndarray, base_row: np.ndarray) -> np.ndarray:
    """F(lane) − F(point) = Σ u·(f(lane) − f(point)) per lane.

    The differences first: at x = [1e308, 1e308] F itself overflows although no
    difference does, and a complex lane's imaginary part survives a real part that
    would overflow when weighted.
    """
    with np.errstate(all="ignore"):  # overflow gives inf, reported as unavailable
        return (run.out.reshape(len(run.bad), -1) - base_row) @ u


def _digits(a: float, n: float) -> tuple[float, float, float]:
    """abs error, relative error and agreeing digits of a against n."""
    err = float(abs(a - n))
    scale = float(max(abs(a), abs(n)))
    rel = 0.0 if err == 0 else (err / scale if scale > 0 else math.inf)
    digits = MAX_DIGITS if rel == 0 else max(0.0, min(MAX_DIGITS, -math.log10(rel)))
    return err, rel, digits


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def _edge_note(program: Program, i: int, touched: bool, eps: float) -> Text:
    op = program.ops[i]
    assert op is not None and op.kink is not None
    kind, convention = op.kink
    where = _at_node(program, i)
    if touched:
        code = "kink_at_zero" if kind == "kink" else "edge_at_zero"
        return message(code, where=where, convention=convention)
    code = "near_kink" if kind == "kink" else "near_edge"
    return message(code, where=where, h=_fmt(eps))


# Real lanes per element: key, method, direction (× the method's step).
_OFFSETS = (("f+", "forward", 1.0), ("f-", "backward", -1.0),
            ("c+", "central", 1.0), ("c-", "central", -1.0),
            ("r+", "richardson", 1.0), ("r-", "richardson", -1.0),
            ("r2+", "richardson", 0.5), ("r2-", "richardson", -0.5),
            ("g+", "gradcheck", 1.0), ("g-", "gradcheck", -1.0))
_PAIRS = {"forward": ("f+", "0"), "backward": ("0", "f-"), "central": ("c+", "c-"),
          "gradcheck": ("g+", "g-")}
_LANES_OF = {"forward": ("f+",), "backward": ("f-",), "central": ("c+", "c-"),
             "richardson": ("r+", "r-", "r2+", "r2-"), "gradcheck": ("g+", "g-")}


@dataclass
class _Estimates:
    values: dict[str, float] = field(default_factory=dict)  # method -> estimate
    steps: dict[str, float] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    complex_reason: str | None = None
    edges: set[int] = field(default_factory=set)  # edge nodes whose 0 was touched
    crossed: dict[str, set[int]] = field(default_factory=dict)  # method -> nodes


class _Checker:
    """One check_gradients call: the point, the settings and the batched runs."""

    def __init__(self, program: Program, values: Mapping[str, Any] | None, upstream: Any,
                 eps: float, atol: float, rtol: float,
                 h: Mapping[str, float] | float | None) -> None:
        self.program = program
        self.values = dict(values or {})
        self.upstream = upstream
        self.eps, self.atol, self.rtol = float(eps), float(atol), float(rtol)
        if not (math.isfinite(self.eps) and self.eps > 0):
            raise ValueError(message("bad_eps"))
        self.settings = _h_settings(h)
        self.base = _forward_values(program, self.values)  # EvalError: not defined here
        self.layout = _shapes(self.base)
        self.u = _weights(program, self.base, upstream)
        self.base_row = np.ravel(np.asarray(self.base[program.out], dtype=float))
        self.grad_error: EvalError | None = None
        try:
            _, grads = program.gradient(self.values, upstream)
        except EvalError as exc:  # e.g. sqrt'(0): the value exists, the derivative not
            self.grad_error = exc
            grads = {}
        self.complex_reason = complex_reason(program)
        self.elements: list[_Element] = []
        for name in program.input_names:
            leaf = program.input_index.get(name)
            if leaf is None:
                continue  # the output does not read this input
            x = np.asarray(self.base[leaf], dtype=float)
            g = grads.get(name)
            g = np.full(x.shape, np.nan) if g is None else np.asarray(g, dtype=float)
            for k in range(x.size):
                index = tuple(int(i) for i in np.unravel_index(k, x.shape)) if x.ndim else ()
                self.elements.append(_Element(name, leaf, k, index, float(x.flat[k]),
                                              float(g.flat[k])))
        largest = max((v.size for v in self.base if isinstance(v, np.ndarray)), default=1)
        per_element = len(_OFFSETS) + 1  # real lanes per element, with a margin
        # Few elements: one batch.  Many: ten batches at least, for progress and cancel.
        count = len(self.elements)
        wanted = count if count <= _ONE_BATCH else math.ceil(count / 10)
        self.chunk = max(1, min(_LANE_BUDGET // (per_element * largest), wanted))

    def step(self, method: str, x: float) -> float:
        user = self.settings[method]
        return default_step(method, x) if user is None else user

    def _fail_reason(self, run: _Run, b: int, lane: tuple[int, int, Any], dtype: type
                     ) -> tuple[float | complex | None, str]:
        """A lane that went non-finite: ask the engine (real lanes) or name the node."""
        leaf, k, v = lane
        if dtype is float:
            name = self.program.labels[leaf]
            x = np.array(self.base[leaf], dtype=float)
            if x.ndim:
                x.flat[k] = v
                point = x
            else:
                point = float(v)
            try:
                out = self.program.evaluate({**self.values, name: point})
            except EvalError as exc:
                return None, _error_text(exc)
            except ValueError as exc:
                return None, _reason(exc)
            with np.errstate(all="ignore"):
                return float((np.ravel(out) - self.base_row) @ self.u), ""
        i = int(run.first_bad[b])
        op = self.program.ops[i] if i >= 0 else None
        node = _at_node(self.program, i) if op else message("the_output")
        return None, message("complex_not_finite", where=node)

    def _runs(self, elements: Sequence[_Element]) -> list[_Estimates]:
        """Batched evaluations for a chunk of elements: every estimate per element."""
        real_lanes: list[tuple[int, int, float] | None] = [None]  # lane 0: the point
        positions: list[dict[str, int]] = []
        for e in elements:
            pos = {"0": 0}
            for key, method, sign in _OFFSETS:
                pos[key] = len(real_lanes)
                h = self.eps if method == "gradcheck" else self.step(method, e.x)
                real_lanes.append((e.leaf, e.flat, e.x + sign * h))
            positions.append(pos)
        f, ok, why, run = self._evaluate(real_lanes, float)
        if self.complex_reason is None:
            h_cs = self.step("complex_step", 0.0)
            c_lanes = [(e.leaf, e.flat, complex(e.x, h_cs)) for e in elements]
            cf, c_ok, c_why, _ = self._evaluate(c_lanes, complex)
        out = []
        for n, (e, pos) in enumerate(zip(elements, positions)):
            xs = {key: (e.x if p == 0 else real_lanes[p][2])  # type: ignore[index]
                  for key, p in pos.items()}
            est = _Estimates()

            def quotient(hi: str, lo: str, pos: dict[str, int] = pos,
                         xs: dict[str, float] = xs) -> float:
                if not (math.isfinite(xs[hi]) and math.isfinite(xs[lo])):
                    raise _Unavailable(message("step_overflow"))
                for key in (hi, lo):
                    if not ok[pos[key]]:
                        raise _Unavailable(why[pos[key]])
                if xs[hi] - xs[lo] == 0:
                    raise _Unavailable(message("step_vanished"))
                return float(_quotient(f[pos[hi]], f[pos[lo]], xs[hi], xs[lo]))

            for method, (hi, lo) in _PAIRS.items():
                half = 2 if method in ("central", "gradcheck") else 1
                est.steps[method] = float(xs[hi] - xs[lo]) / half
                try:
                    est.values[method] = quotient(hi, lo)
                except _Unavailable as exc:
                    est.unavailable[method] = exc.reason
            h1, h2 = (xs["r+"] - xs["r-"]) / 2, (xs["r2+"] - xs["r2-"]) / 2
            est.steps["richardson"] = float(h1)
            try:
                d1, d2 = quotient("r+", "r-"), quotient("r2+", "r2-")
                est.values["richardson"] = float(_extrapolate(d1, h1, d2, h2))
            except _Unavailable as exc:
                est.unavailable["richardson"] = exc.reason
            if self.complex_reason is not None:
                est.complex_reason = self.complex_reason
            elif c_ok[n]:
                est.steps["complex_step"] = h_cs
                est.values["complex_step"] = float(np.imag(cf[n])) / h_cs
            else:
                est.complex_reason = c_why[n]
            # Which kinks and edges the perturbations of this element reached.
            for i in run.touch:
                for method, keys in _LANES_OF.items():
                    ps = [pos[k] for k in keys]
                    if run.touch[i][ps].any():
                        est.edges.add(i)
                    elif run.cross[i][ps].any():
                        est.crossed.setdefault(method, set()).add(i)
            out.append(est)
        return out

    def _evaluate(self, lanes: Sequence[tuple[int, int, Any] | None], dtype: type
                  ) -> tuple[np.ndarray, np.ndarray, list[str], _Run]:
        batch = len(lanes)
        leaves: dict[int, np.ndarray] = {}
        for b, lane in enumerate(lanes):
            if lane is None:
                continue
            leaf, k, v = lane
            arr = leaves.get(leaf)
            if arr is None:
                flat = np.ravel(np.asarray(self.base[leaf], dtype=dtype))
                arr = leaves[leaf] = np.repeat(flat[None, :], batch, axis=0)
            arr[b, k] = v
        leaves = {i: a.reshape((batch,) + np.shape(self.base[i])) for i, a in leaves.items()}
        run = _walk(self.program, self.base, leaves, batch, dtype,
                    track_edges=dtype is float, layout=self.layout)
        values = _weighted(run, self.u, self.base_row)
        ok = ~run.bad
        why = [""] * batch
        for b in np.flatnonzero(run.bad):
            lane = lanes[b]
            if lane is None:  # the point itself: the engine evaluated it, so use that
                values[b] = 0.0
                ok[b] = True
                continue
            value, why[b] = self._fail_reason(run, int(b), lane, dtype)
            if value is not None:
                values[b], ok[b] = value, True
        return values, ok, why, run

    def verdict(self, e: _Element, est: _Estimates) -> InputCheck:
        """Compare the engine with the numbers, or say why they cannot be compared."""
        a = e.analytic
        got = est.values
        digits_by = {m: (_digits(a, got[m])[2] if m in got and math.isfinite(a) else None)
                     for m in METHODS + ("gradcheck",)}
        numerical, source = got.get("gradcheck"), "gradcheck"
        notes: list[str] = []
        if numerical is None and "complex_step" in got:
            numerical, source = got["complex_step"], "complex_step"
            notes.append(message("complex_instead", reason=est.unavailable["gradcheck"]))
        edges = sorted(est.edges)
        near = sorted(est.crossed.get("gradcheck", set()))
        abs_err = rel_err = digits = None
        if edges or near:
            verdict = "kink"
            notes = [_edge_note(self.program, i, True, self.eps) for i in edges] + \
                    [_edge_note(self.program, i, False, self.eps) for i in near]
            if self.grad_error is not None and \
                    self.program.index.get(self.grad_error.node) in edges:
                notes.append(message("engine_stops", reason=self.grad_error.message))
        elif self.grad_error is not None:
            verdict = "unavailable"
            notes.append(message("engine_failed", error=_error_text(self.grad_error)))
        elif numerical is None:
            verdict = "unavailable"
            notes.append(message("no_numerical", reason=est.unavailable["gradcheck"]))
        else:
            abs_err, rel_err, digits = _digits(a, numerical)
            bound = self.atol + self.rtol * abs(numerical)
            verdict = "pass" if abs_err <= bound else "fail"
            if verdict == "fail":
                notes.append(message("too_far", error=_fmt(abs_err), bound=_fmt(bound)))
            for method, nodes in sorted(est.crossed.items()):
                labels = ", ".join(self.program.labels[i] for i in sorted(nodes))
                notes.append(message("step_crosses", method=message(f"method_{method}"),
                                     nodes=labels))
        unavailable = dict(est.unavailable)
        if est.complex_reason:
            unavailable["complex_step"] = est.complex_reason
        return InputCheck(
            name=e.name, index=e.index, value=e.x, analytic=a,
            forward=got.get("forward"), backward=got.get("backward"),
            central=got.get("central"), richardson=got.get("richardson"),
            complex_step=got.get("complex_step"), complex_reason=est.complex_reason,
            verdict=verdict, note=_joined(notes), abs_error=abs_err, rel_error=rel_err,
            digits=digits, numerical=numerical, numerical_method=source, steps=est.steps,
            unavailable=unavailable, digits_by=digits_by)

    def h_used(self) -> dict[str, float | str]:
        return {m: (STEP_RULE[m] if v is None else v) for m, v in self.settings.items()}


class _Unavailable(Exception):
    """A method's estimate cannot be made; ``reason`` says why (a Text if it can)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_gradients(program: Program, values: Mapping[str, Any] | None = None,
                    upstream: Any = 1.0, *, eps: float = 1e-6, atol: float = 1e-5,
                    rtol: float = 1e-3, h: Mapping[str, float] | float | None = None,
                    progress: Callable[[int, int], bool | None] | None = None
                    ) -> CheckResult:
    """Check the engine's gradient of Σ upstream·f against every numerical estimate.

    ``h``: None for the default steps, a float for every difference method, or a dict
    {method: step} (methods: forward, backward, central, richardson, complex_step);
    user steps are absolute.  ``progress(done, total)`` is called with input elements
    done; returning False cancels (the result has ``cancelled=True`` and the elements
    checked so far).  Raises EvalError if the function itself cannot be evaluated at
    the point, ValueError for a bad value, step or upstream gradient.
    """
    checker = _Checker(program, values, upstream, eps, atol, rtol, h)
    total = len(checker.elements)
    result = CheckResult(
        inputs=[], tolerances={"eps": checker.eps, "atol": checker.atol,
                               "rtol": checker.rtol},
        h=checker.h_used(), complex_available=checker.complex_reason is None,
        complex_reason=checker.complex_reason, passed=False,
        value=checker.base[program.out], total=total)
    if progress is not None and progress(0, total) is False:
        result.cancelled = True
        return result
    for start in range(0, total, checker.chunk):
        chunk = checker.elements[start:start + checker.chunk]
        for e, est in zip(chunk, checker._runs(chunk)):
            result.inputs.append(checker.verdict(e, est))
        if progress is not None and progress(len(result.inputs), total) is False:
            result.cancelled = True
            return result
    result.passed = all(c.verdict in ("pass", "kink") for c in result.inputs)
    return result


# -- the error-vs-h sweep --------------------------------------------------------------

def error_sweep(program: Program, name: str, index: tuple[int, ...] = (),
                values: Mapping[str, Any] | None = None, upstream: Any = 1.0,
                hs: Sequence[float] | np.ndarray | None = None) -> Sweep:
    """Error of each estimate of ∂F/∂name[index] against the engine, for many steps.

    ``hs`` defaults to 61 steps log-spaced from 1e-1 down to 1e-16.  Errors are
    relative to the engine's reverse-mode gradient (absolute when it is 0).  Raises
    EvalError if the engine cannot evaluate or differentiate at the point.
    """
    steps = np.logspace(-1, -16, 61) if hs is None else np.asarray(hs, dtype=float)
    checker = _Checker(program, values, upstream, 1e-6, 0.0, 0.0, None)
    matches = [e for e in checker.elements if e.name == name and e.index == tuple(index)]
    if not matches:
        if name not in program.input_index:
            raise ValueError(Text(engine.MESSAGES["wrt_unknown"], "core", wrt=name))
        raise ValueError(message("no_element", name=name, index=tuple(index)))
    e = matches[0]
    if checker.grad_error is not None:
        raise checker.grad_error
    ref = e.analytic
    lanes: list[tuple[int, int, Any] | None] = [None]
    for h in steps:
        for sign in (1.0, -1.0, 0.5, -0.5):
            lanes.append((e.leaf, e.flat, e.x + sign * h))
    f, ok, _, _ = checker._evaluate(lanes, float)
    xs = np.array([e.x] + [lane[2] for lane in lanes[1:]])  # type: ignore[index]
    f = np.where(ok, f, np.nan)
    with np.errstate(all="ignore"):
        p, m, p2, m2 = (f[1 + s::4] for s in range(4))
        xp, xm, xp2, xm2 = (xs[1 + s::4] for s in range(4))
        f0 = f[0]
        est = {"forward": (p - f0) / (xp - e.x), "backward": (f0 - m) / (e.x - xm),
               "central": (p - m) / (xp - xm)}
        d2 = (p2 - m2) / (xp2 - xm2)
        est["richardson"] = _extrapolate(est["central"], (xp - xm) / 2, d2, (xp2 - xm2) / 2)
        for key, (hi, lo) in {"forward": (xp, e.x), "backward": (e.x, xm),
                              "central": (xp, xm)}.items():
            est[key] = np.where(hi - lo == 0, np.nan, est[key])
        est["richardson"] = np.where((xp2 - xm2 == 0) | (xp - xm == 0), np.nan,
                                     est["richardson"])
        if checker.complex_reason is None:
            c_lanes = [(e.leaf, e.flat, complex(e.x, float(h))) for h in steps]
            cf, c_ok, _, _ = checker._evaluate(c_lanes, complex)
            est["complex_step"] = np.where(c_ok, np.imag(cf) / steps, np.nan)
        scale = abs(ref) if ref != 0 else 1.0
        errors = {k: np.abs(v - ref) / scale for k, v in est.items()}
    size = max(1.0, abs(e.x))
    optimum = {m: STEP_SCALE[m] * size for m in ("forward", "backward", "central",
                                                 "richardson")}
    return Sweep(name=name, index=e.index, x=e.x, reference=ref, hs=steps, errors=errors,
                 optimum=optimum, complex_reason=checker.complex_reason, estimates=est,
                 relative=ref != 0)


# -- the command-line shape ------------------------------------------------------------

def _json_number(v: Any) -> float | None:
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def _by_name(result: CheckResult, get: Callable[[InputCheck], Any]) -> dict[str, Any]:
    """{name: value} with arrays as nested lists in their shape."""
    grouped: dict[str, list[InputCheck]] = {}
    for c in result.inputs:
        grouped.setdefault(c.name, []).append(c)
    out: dict[str, Any] = {}
    for name, checks in grouped.items():
        if len(checks) == 1 and checks[0].index == ():
            out[name] = get(checks[0])
            continue
        shape = tuple(max(c.index[d] for c in checks) + 1 for d in range(len(checks[0].index)))
        arr = np.empty(shape, dtype=object)
        for c in checks:
            arr[c.index] = get(c)
        out[name] = arr.tolist()
    return out


def to_json(result: CheckResult) -> dict[str, Any]:
    """The command-line report: plain JSON types, arrays as nested lists, nan as null."""
    report: dict[str, Any] = {
        "method": "central",
        "h": _by_name(result, lambda c: _json_number(c.steps.get("central"))),
        "gradient": _by_name(result, lambda c: _json_number(c.central)),
        "analytic": _by_name(result, lambda c: _json_number(c.analytic)),
    }
    if result.complex_available:
        report["complex_step"] = _by_name(result, lambda c: _json_number(c.complex_step))
    else:
        report["complex_step"] = {"unavailable": result.complex_reason}
    report["verdict"] = _by_name(result, lambda c: c.verdict)
    # Agreement of the reported (central) gradient with the engine's.
    report["digits"] = _by_name(result, lambda c: _json_number(c.digits_by.get("central")))
    notes = _by_name(result, lambda c: c.note or None)
    report["notes"] = {k: v for k, v in notes.items() if any(_flatten(v))}
    report["tolerances"] = dict(result.tolerances)
    report["passed"] = result.passed
    report["cancelled"] = result.cancelled
    return report


def _flatten(v: Any) -> list[Any]:
    if isinstance(v, list):
        return [y for x in v for y in _flatten(x)]
    return [v]
