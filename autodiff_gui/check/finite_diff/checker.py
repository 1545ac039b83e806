"""The gradient check (every estimate and a verdict per input element) and the error-vs-h sweep."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core import engine
from ...core.engine import EvalError, Program
from ...core.graph import Text, _reason, as_value
from .estimates import (
    MAX_DIGITS,
    METHODS,
    STEP_RULE,
    STEP_SCALE,
    _extrapolate,
    _quotient,
    default_step,
)
from .lanes import _at_node, _forward_values, _Run, _shapes, _walk, complex_reason
from .messages import _error_text, _joined, message
from .results import CheckResult, InputCheck, Sweep

_LANE_BUDGET = 1 << 19  # lanes × largest node size per batch: a few MB per node
_ONE_BATCH = 64  # input elements checked in one pass when the budget allows


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
    kind, text = op.kink
    convention = Text(text, "Narration")  # the op table's words, translated as narration
    where = _at_node(program, i)
    # elsewhere than at 0
    place = {"place": Text(op.kink_place, "Narration")} if op.kink_place else {}
    suffix = "_place" if place else ""
    if touched:
        code = "kink_at_zero" if kind == "kink" else "edge_at_zero"
        return message(code + suffix, where=where, convention=convention, **place)
    code = "near_kink" if kind == "kink" else "near_edge"
    return message(code + suffix, where=where, h=_fmt(eps), **place)


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
