"""The numbers behind the Plots panel, Qt- and matplotlib-free.

* ``along_data``: F along one input element (the others fixed) and the engine's slope
  there, for the function-and-tangent plot;
* ``error_sweep`` (from ``finite_diff``): the error of every finite-difference estimate
  against the engine for steps h from 1e-1 to 1e-16, for the error-vs-h plot (the V);
* ``contour_data``: F on a grid of two input elements and the gradient at the point.

All look at F = Σ u·f, u the upstream gradient (F = f for a scalar output with u = 1):
the quantity the engine's gradient differentiates.  Points where F cannot be
evaluated are nan.  ``cancelled()`` is polled between rows so a background job can stop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.engine import EvalError, Program
from ..core.graph import as_value
from .finite_diff import Sweep, error_sweep

__all__ = ["SAMPLES", "GRID", "AlongData", "ContourData", "Sweep", "along_data",
           "contour_data", "error_sweep", "span_around", "weighted"]

SAMPLES = 201
GRID = 41


def weighted(out: Any, upstream: Any) -> float:
    """F = Σ u·f for an output f and upstream gradient u (u a scalar or f's shape)."""
    u = as_value(upstream)
    return float(np.sum(np.asarray(u) * np.asarray(out)))


def _with(values: Mapping[str, Any], name: str, flat: int, x: float) -> dict[str, Any]:
    vals = dict(values)
    v = vals[name]
    if isinstance(v, np.ndarray):
        v = v.copy()
        v.flat[flat] = x
    else:
        v = x
    vals[name] = v
    return vals


def _element(value: Any, flat: int) -> float:
    return float(np.ravel(value)[flat]) if isinstance(value, np.ndarray) else float(value)


def span_around(x: float) -> float:
    return max(1.0, abs(x))


@dataclass
class AlongData:
    """F along one input element with the tangent at the point."""

    name: str
    flat: int
    x0: float
    f0: float
    slope: float
    xs: np.ndarray
    fs: np.ndarray  # nan where F cannot be evaluated


@dataclass
class ContourData:
    """F on a grid of two input elements with the gradient at the point."""

    names: tuple[str, str]
    flats: tuple[int, int]
    point: tuple[float, float]
    value: float  # F at the point: the level of the contour through it
    gradient: tuple[float, float]
    xs: np.ndarray
    ys: np.ndarray
    fs: np.ndarray  # (len(ys), len(xs))


def along_data(program: Program, values: Mapping[str, Any], upstream: Any, name: str,
               flat: int = 0, samples: int = SAMPLES,
               cancelled: Callable[[], bool] = lambda: False) -> AlongData:
    """Sample F along ``name[flat]`` (others fixed) and the engine's slope there."""
    x0 = _element(values[name], flat)
    f_out, grads = program.gradient(values, upstream)
    f0 = weighted(f_out, upstream)
    slope = _element(grads[name], flat)
    half = span_around(x0)
    xs = np.linspace(x0 - half, x0 + half, samples)
    fs = np.full(samples, np.nan)
    for k, x in enumerate(xs):
        if cancelled():
            break
        try:
            fs[k] = weighted(program.evaluate(_with(values, name, flat, float(x))), upstream)
        except (EvalError, ValueError, OverflowError):
            pass
    return AlongData(name, flat, x0, f0, slope, xs, fs)


def contour_data(program: Program, values: Mapping[str, Any], upstream: Any,
                 first: tuple[str, int], second: tuple[str, int], grid: int = GRID,
                 cancelled: Callable[[], bool] = lambda: False) -> ContourData:
    """F on a grid around the point in two input elements, and the gradient there."""
    (n1, k1), (n2, k2) = first, second
    x0, y0 = _element(values[n1], k1), _element(values[n2], k2)
    out, grads = program.gradient(values, upstream)
    g = (_element(grads[n1], k1), _element(grads[n2], k2))
    # One span for both axes, drawn with equal aspect: the gradient then looks
    # perpendicular to the contour line, as it is.
    half = max(span_around(x0), span_around(y0))
    xs = np.linspace(x0 - half, x0 + half, grid)
    ys = np.linspace(y0 - half, y0 + half, grid)
    fs = np.full((grid, grid), np.nan)
    for i, y in enumerate(ys):
        if cancelled():
            break
        row = _with(values, n2, k2, float(y))
        for j, x in enumerate(xs):
            try:
                fs[i, j] = weighted(program.evaluate(_with(row, n1, k1, float(x))), upstream)
            except (EvalError, ValueError, OverflowError):
                pass
    return ContourData((n1, n2), (k1, k2), (x0, y0), weighted(out, upstream), g, xs, ys, fs)
