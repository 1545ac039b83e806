"""The numbers of the numerical-differentiation lesson (no Qt).

The gradient check picks each method's best step by itself; the lesson instead lets
the student choose h (0.1, 0.01, …) and shows every method's error at that h and at
10·h, so that "forward error ∝ h, central ∝ h², Richardson ∝ h⁴" can be read off the
ratio of the two errors (about 10, 100 and 10⁴).  It also gives the secant through
(x, f(x)) and (x + h, f(x + h)) for the picture of the secant turning into the tangent.

The function is the graph on the canvas along one scalar input (the others held at
their values), evaluated by the compiled program; the exact derivative is the
engine's reverse-mode gradient.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..check import finite_diff as fd
from ..core.engine import EvalError, Program

H_CHOICES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10, 1e-12)
METHODS = ("forward", "backward", "central", "richardson", "complex_step")
# How each error shrinks with h (the exponent p of error ∝ h^p).
ORDERS = {"forward": 1, "backward": 1, "central": 2, "richardson": 4, "complex_step": 2}


@dataclass(frozen=True)
class MethodRow:
    """One method at one h: its estimate, its error there and at 10·h."""

    method: str
    estimate: float | None  # None: not available (complex step through abs/relu)
    error: float | None
    error_10h: float | None

    @property
    def ratio(self) -> float | None:
        """error(10·h) / error(h): about 10^order while truncation dominates."""
        if self.error is None or self.error_10h is None or self.error == 0:
            return None
        return self.error_10h / self.error


@dataclass(frozen=True)
class Slice:
    """The graph as a function of one scalar input, at its current value."""

    name: str
    x: float
    exact: float
    f: Callable[[float], float]
    fc: Callable[[complex], complex] | None  # None when the graph is not analytic


def scalar_slice(program: Program, name: str | None = None,
                 values: Mapping[str, Any] | None = None) -> Slice | None:
    """``f(t)`` = the output with input ``name`` set to t; None if there is no scalar
    input with a scalar output (the lesson then has nothing to draw)."""
    leaves = program.leaves(values)
    base = {n: leaves[program.input_index[n]] for n in program.input_index}
    scalars = [n for n, v in base.items() if np.ndim(v) == 0]
    if name is None:
        name = scalars[0] if scalars else None
    if name not in scalars:
        return None
    value, grads = program.gradient(base)
    if np.ndim(value) != 0:
        return None

    def f(t: float) -> float:
        return float(program.evaluate({**base, name: t}))

    fc = None
    if fd.complex_reason(program) is None:
        def fc(t: complex) -> complex:
            return complex(fd.evaluate_complex(program, {**base, name: t}))

    return Slice(name, float(base[name]), float(grads[name]), f, fc)


def _estimate(s: Slice, method: str, h: float) -> float | None:
    try:
        if method == "forward":
            return fd.forward_difference(s.f, s.x, h)
        if method == "backward":
            return fd.backward_difference(s.f, s.x, h)
        if method == "central":
            return fd.central_difference(s.f, s.x, h)
        if method == "richardson":
            return fd.richardson(s.f, s.x, h)
        if s.fc is None:
            return None
        return fd.complex_step(s.fc, s.x, h)
    except (EvalError, ZeroDivisionError, ValueError, OverflowError):
        return None  # a step out of the domain (log near 0): no estimate at this h


def _error(estimate: float | None, exact: float) -> float | None:
    if estimate is None or not math.isfinite(estimate):
        return None
    return abs(estimate - exact)


def method_rows(s: Slice, h: float) -> list[MethodRow]:
    """Every method at step ``h``: estimate, error, and the error at 10·h."""
    rows = []
    for method in METHODS:
        est = _estimate(s, method, h)
        coarse = _estimate(s, method, 10 * h)
        rows.append(MethodRow(method, est, _error(est, s.exact), _error(coarse, s.exact)))
    return rows


def secant_slope(s: Slice, h: float) -> float:
    """The slope of the secant through x and x + h: the forward difference."""
    return fd.forward_difference(s.f, s.x, h)
