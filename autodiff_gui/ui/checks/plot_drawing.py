"""Drawing the Plots panel's data on a matplotlib Axes, in the current language.

The numbers (``check.sweeps``: ``AlongData``, ``Sweep``, ``ContourData``) are computed
once off the GUI thread; these functions only draw them, so a language change draws
the same data again with new titles, labels and legends.  Each returns the status
line that explains the picture (and the artists tests look at).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from ...check.sweeps import AlongData, ContourData, span_around
from ...core.graph import format_value
from ..app.i18n import translate_text

ERROR_FLOOR = 1e-16  # complex-step errors below this are drawn here (log axes)
EPS = float(np.finfo(np.float64).eps)
FORWARD_COLOR, POINT_COLOR = "#1565c0", "#c62828"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlotsPanel", text)


def draw_along(ax: Any, d: AlongData, f_label: str, var: str) -> tuple[Any, Any, str]:
    """F along one input with the tangent: (function line, tangent line, status)."""
    (function_line,) = ax.plot(d.xs, d.fs, color=FORWARD_COLOR, lw=2, label=f_label)
    tangent = d.f0 + d.slope * (d.xs - d.x0)
    (tangent_line,) = ax.plot(
        d.xs, tangent, color=POINT_COLOR, lw=1.5, ls="--",
        label=_tr("tangent, slope ∂{0}/∂{1} = {2}").format(
            "f" if f_label == "f" else "L", var, format_value(d.slope)))
    ax.plot([d.x0], [d.f0], "o", color=POINT_COLOR, ms=7, zorder=5)
    finite = d.fs[np.isfinite(d.fs)]
    if finite.size:
        lo, hi = float(np.min(finite)), float(np.max(finite))
        pad = 0.08 * (hi - lo) if hi > lo else 1.0
        ax.set_ylim(lo - pad, hi + pad)
    ax.set_xlabel(var)
    ax.set_ylabel(f_label)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    ax.set_title(_tr("{f} along {x} at {x} = {x0}").format(
        f=f_label, x=var, x0=format_value(d.x0)), fontsize="medium")
    status = _tr("Slope at the point (the engine's gradient): {0}").format(
        format_value(d.slope))
    return function_line, tangent_line, status


def draw_sweep(ax: Any, s: Any) -> tuple[dict[str, Any], str]:
    """Finite-difference error against h (the V): (line per method, status)."""
    lines: dict[str, Any] = {}
    colours = {"forward": FORWARD_COLOR, "central": "#2e7d32", "complex_step": "#6a1b9a"}
    names = {"forward": _tr("forward difference"), "central": _tr("central difference"),
             "complex_step": _tr("complex step")}
    for method in ("forward", "central", "complex_step"):
        err = s.errors.get(method)
        if err is None:
            continue
        hs = s.hs
        if method == "complex_step":
            # No subtraction, no round-off: below machine precision it is exact.
            shown = np.where(np.isfinite(err), np.maximum(err, ERROR_FLOOR), np.nan)
        else:
            # An error of exactly 0 is a lucky rounding, not accuracy: left out.
            keep = np.isfinite(err) & (err > 0)
            hs, shown = hs[keep], err[keep]
        (lines[method],) = ax.loglog(hs, shown, marker=".", ms=3, lw=1.4,
                                     color=colours[method], label=names[method])
    scale = span_around(s.x)
    for h, text in ((math.sqrt(EPS) * scale, "√ε"), (EPS ** (1 / 3) * scale, "ε^(1/3)")):
        ax.axvline(h, color="#757575", ls=":", lw=1)
        ax.text(h, 0.98, " " + text, transform=ax.get_xaxis_transform(), va="top",
                fontsize="small", color="#424242")
    ax.set_xlabel(_tr("step h"))
    ax.set_ylabel(_tr("relative error") if s.relative else _tr("absolute error"))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower left", fontsize="small")
    var = s.name + (f"[{', '.join(str(i) for i in s.index)}]" if s.index else "")
    ax.set_title(_tr("Error of ∂F/∂{0} against the engine ({1})").format(
        var, format_value(s.reference)), fontsize="medium")
    note = _tr("Truncation error falls with h, round-off error grows as h shrinks: "
               "the V. Differences that happen to be exact (error 0) are not drawn.")
    if s.complex_reason:
        note += " " + _tr("Complex step: {0}").format(translate_text(s.complex_reason))
    return lines, note


def draw_contour(ax: Any, c: ContourData, f_label: str, vx: str, vy: str) -> str:
    """Contours of F over two inputs and the gradient arrow; returns the status."""
    fs = np.ma.masked_invalid(c.fs)
    if fs.count() > 3 and float(fs.max() - fs.min()) > 0:
        cs = ax.contour(c.xs, c.ys, fs, levels=14, cmap="viridis")
        ax.clabel(cs, inline=True, fontsize=7, fmt="%.3g")
        if float(fs.min()) < c.value < float(fs.max()):
            ax.contour(c.xs, c.ys, fs, levels=[c.value], colors=POINT_COLOR,
                       linewidths=1.6, linestyles="--")
    x0, y0 = c.point
    gx, gy = c.gradient
    ax.plot([x0], [y0], "o", color=POINT_COLOR, ms=7, zorder=5)
    norm = math.hypot(gx, gy)
    if norm > 0:
        length = 0.3 * (c.xs[-1] - c.xs[0]) / 2
        ax.annotate("", xy=(x0 + gx / norm * length, y0 + gy / norm * length),
                    xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": POINT_COLOR, "lw": 2})
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(vx)
    ax.set_ylabel(vy)
    ax.set_title(_tr("Contours of {f}; the arrow is the gradient ({gx}, {gy})").format(
        f=f_label, gx=format_value(gx), gy=format_value(gy)), fontsize="medium")
    return _tr("The gradient is perpendicular to the contour line through the point.")


def draw_problem(ax: Any, message: str) -> None:
    """Why there is no plot, written where the plot would be."""
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True,
            transform=ax.transAxes, color="#b71c1c")
    ax.set_axis_off()
