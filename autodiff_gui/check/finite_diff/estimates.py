"""The five estimates on plain callables, and the default step of each method."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .messages import message

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
