"""Reductions: ``sum``, ``mean``, ``max``, ``min``, ``logsumexp``, ``softmax``,
``log_softmax`` and ``norm``.

Each takes an ``axis`` parameter (``sum(x, 0)``): None reduces every element (the default,
except for ``softmax`` and ``log_softmax``, which normalise along the last axis, -1, as
courses write them); ``norm`` is the 2-norm of all elements.

Conventions where the derivative is not unique, PyTorch's (``torch.amax``, ``torch.max(x)``
and ``torch.linalg.vector_norm``):

* ``max``/``min`` at a tie: the gradient is shared equally by the tied elements (two
  maxima get half each); forward mode takes their mean tangent, the same linear map.
* ``norm`` at 0 (every element 0): the gradient is 0.

The backward-graph rules use the table's own primitives (``sum`` with its axis,
``reshape`` to put the reduced axis back as length 1, ``exp``, ``pow``), so the backward
graph of softmax or logsumexp can be differentiated again (Hessians).  A tie's indicator
is ``0 ** |a − max|`` (1 where equal, 0 elsewhere; its own derivative is 0, as it should
be for a piecewise-linear max), and ``norm``'s ``a / ‖a‖`` is ``a / (‖a‖ + 0 ** ‖a‖)``,
which is exactly 0 at 0 like PyTorch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .model import Op, Param, Value

# Every refusal names "shape", so the engine reports it as a shape error of the node.
MESSAGES: dict[str, str] = {
    "axis_range": "the axis is out of range for the argument's shape",
    "axis_scalar": "a number's shape has no axis to reduce: leave the axis out",
}


def _plain(v: Any) -> Value:
    """A 0-d result as a Python number (complex in the complex step), else an array."""
    v = np.asarray(v)
    if v.ndim == 0:
        return complex(v) if np.iscomplexobj(v) else float(v)
    return v


def _axis(ndim: int, axis: int | None) -> int | None:
    """``axis`` as 0 … ndim−1 (None stays None); ValueError with our words if it does
    not fit a shape of ``ndim`` axes."""
    if axis is None:
        return None
    if ndim == 0:
        raise ValueError(MESSAGES["axis_scalar"])
    if not -ndim <= axis < ndim:
        raise ValueError(MESSAGES["axis_range"])
    return axis % ndim


def _reduced_shape(a: tuple[int, ...], *, axis: int | None = None) -> tuple[int, ...]:
    ax = _axis(len(a), axis)
    return () if ax is None else tuple(a[:ax]) + tuple(a[ax + 1:])


def _same_shape(a: tuple[int, ...], *, axis: int | None = -1) -> tuple[int, ...]:
    if len(a):
        _axis(len(a), axis)
    elif axis not in (None, -1, 0):  # a number is one element: softmax(2) = 1; PyTorch
        raise ValueError(MESSAGES["axis_range"])  # takes dim -1 or 0 there, no other
    return tuple(a)


def _keep(v: Value, a: Value, axis: int | None) -> Value:
    """A reduced value with the reduced axis put back as length 1, so it broadcasts
    against the argument (None: every axis reduced, a scalar broadcasts as it is)."""
    ax = _axis(np.ndim(a), axis)
    return v if ax is None else np.expand_dims(v, ax)


def _spread(g: Value, a: Value, axis: int | None) -> Value:
    """The gradient of a reduction given to every element of its slice of ``a``."""
    if not np.ndim(a):
        return g
    return np.broadcast_to(_keep(g, a, axis), np.shape(a)).copy()


def _shift(a: Value, axis: int | None) -> Value:
    """The largest real part per slice (kept dims): subtracted before exp, it changes
    nothing but keeps every exp ≤ 1 (no overflow)."""
    return np.max(np.real(a), axis=axis, keepdims=True)


# -- sum and mean ------------------------------------------------------------------------

def _sum(a: Value, *, axis: int | None = None) -> Value:
    _axis(np.ndim(a), axis)
    return _plain(np.sum(a, axis=axis))


def _mean_all(a: Value) -> Value:
    """np.mean, without overflowing where the mean itself does not: np.mean sums first,
    so mean([1e308, 1e308]) would be inf; then the elements are scaled down first.
    Complex values part by part: the complex step's 1e-20 must not vanish in the scaling."""
    if np.iscomplexobj(a):
        return complex(_mean_all(np.real(a)), _mean_all(np.imag(a)))
    with np.errstate(over="ignore", invalid="ignore"):
        m = np.mean(a)
    if not np.isfinite(m) and np.isfinite(a).all():
        scale = np.max(np.abs(a))
        m = np.mean(a / scale) * scale  # inf only if the mean itself overflows
    return float(m)


def _mean(a: Value, *, axis: int | None = None) -> Value:
    if _axis(np.ndim(a), axis) is None:
        return _mean_all(a)
    return _plain(np.mean(a, axis=axis))


def _count(a: Value, axis: int | None) -> int:
    """How many elements each result of a reduction of ``a`` reads."""
    ax = _axis(np.ndim(a), axis)
    return int(np.size(a)) if ax is None else int(np.shape(a)[ax])


def _scalar_only(axis: int | None) -> None:
    if axis is not None:
        raise ValueError(MESSAGES["axis_scalar"])


def _sum_s(a: float, *, axis: int | None = None) -> float:
    _scalar_only(axis)
    return a


# -- max and min -------------------------------------------------------------------------

def _extreme(fn: Callable[..., Any]) -> Callable[..., Value]:
    def forward(a: Value, *, axis: int | None = None) -> Value:
        _axis(np.ndim(a), axis)
        return _plain(fn(a, axis=axis))
    return forward


def _ties(o: Value, a: Value, axis: int | None) -> np.ndarray:
    """Per element of ``a``: its share of the result (1/k for each of k tied extremes)."""
    hit = (np.asarray(a) == _keep(o, a, axis)).astype(float)
    return hit / np.sum(hit, axis=axis, keepdims=True)


def _extreme_vjp(g: Value, o: Value, a: Value, *, axis: int | None = None) -> Value:
    return _plain(_spread(g, a, axis) * _ties(o, a, axis))


def _extreme_jvp(o: Value, args: Sequence[Value], ts: Sequence[Value | None], *,
                 axis: int | None = None) -> Value:
    a, t = args[0], ts[0]
    return _plain(np.sum(np.broadcast_to(t, np.shape(a)) * _ties(o, a, axis), axis=axis))


def _tie_gap(fn: Callable[..., Any]) -> Callable[..., Value]:
    """Where max (min) has its kink: 0 where the two largest (smallest) elements of a
    slice are equal; per element, its distance to the extreme of the others."""
    def gap(a: Value, *, axis: int | None = None) -> Value:
        a = np.asarray(np.real(a), dtype=float)
        if a.ndim == 0 or a.size == 1:
            return np.ones(np.shape(a))  # one element: never a tie
        ax = _axis(a.ndim, axis)
        flat = a.reshape(-1) if ax is None else np.moveaxis(a, ax, -1)
        out = np.empty_like(flat)
        n = flat.shape[-1]
        for k in range(n):
            others = np.delete(flat, k, axis=-1)
            out[..., k] = flat[..., k] - fn(others, axis=-1)
        return out
    return gap


# -- logsumexp, softmax, log_softmax ----------------------------------------------------------

def _logsumexp(a: Value, *, axis: int | None = None) -> Value:
    _axis(np.ndim(a), axis)
    m = _shift(a, axis)
    kept = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
    return _plain(kept.reshape(()) if axis is None else np.squeeze(kept, axis=axis))


def _softmax(a: Value, *, axis: int | None = -1) -> Value:
    if not np.ndim(a):
        _same_shape((), axis=axis)  # PyTorch: dim -1 or 0 only
        return _plain(np.exp(a - a))  # one element: 1 (a complex step keeps its part 0)
    _axis(np.ndim(a), axis)
    e = np.exp(a - _shift(a, axis))
    return _plain(e / np.sum(e, axis=axis, keepdims=True))


def _log_softmax(a: Value, *, axis: int | None = -1) -> Value:
    if not np.ndim(a):
        _same_shape((), axis=axis)  # PyTorch: dim -1 or 0 only
        return _plain(a - a)
    _axis(np.ndim(a), axis)
    m = _shift(a, axis)
    return _plain(a - m - np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True)))


def _softmax_along(a: Value, axis: int | None) -> Value:
    """softmax over the same elements a reduction with ``axis`` reads (None: all)."""
    if axis is None:
        e = np.exp(a - np.max(np.real(a)))
        return e / np.sum(e)
    return _softmax(a, axis=axis)


def _lse_vjp(g: Value, o: Value, a: Value, *, axis: int | None = None) -> Value:
    return _plain(_spread(g, a, axis) * np.exp(a - _keep(o, a, axis)))


def _lse_jvp(o: Value, args: Sequence[Value], ts: Sequence[Value | None], *,
             axis: int | None = None) -> Value:
    a, t = args[0], ts[0]
    return _plain(np.sum(_softmax_along(a, axis) * t, axis=axis))


def _axis_sum(v: Value, axis: int | None) -> Value:
    return np.sum(v, axis=axis, keepdims=True) if np.ndim(v) else v


def _softmax_vjp(g: Value, o: Value, a: Value, *, axis: int | None = -1) -> Value:
    return _plain(o * (g - _axis_sum(g * o, axis)))


def _softmax_jvp(o: Value, args: Sequence[Value], ts: Sequence[Value | None], *,
                 axis: int | None = -1) -> Value:
    t = np.broadcast_to(ts[0], np.shape(o))
    return _plain(o * (t - _axis_sum(o * t, axis)))


def _log_softmax_vjp(g: Value, o: Value, a: Value, *, axis: int | None = -1) -> Value:
    return _plain(g - np.exp(o) * _axis_sum(g, axis))


def _log_softmax_jvp(o: Value, args: Sequence[Value], ts: Sequence[Value | None], *,
                     axis: int | None = -1) -> Value:
    t = np.broadcast_to(ts[0], np.shape(o))
    return _plain(t - _axis_sum(np.exp(o) * t, axis))


# -- norm --------------------------------------------------------------------------------------

def _norm(a: Value) -> Value:
    if np.iscomplexobj(a):  # the complex step: the analytic formula, no abs()
        return _plain(np.sqrt(np.sum(a * a)))
    return float(np.linalg.norm(np.ravel(a)))  # scaled: no overflow of the squares


def _unit(o: Value, a: Value) -> Value:
    """a/‖a‖, 0 where ‖a‖ = 0 (PyTorch's convention)."""
    zero = np.real(o) == 0
    return np.where(zero, 0.0, a / np.where(zero, 1.0, o))


def _norm_vjp(g: Value, o: Value, a: Value) -> Value:
    return _plain(g * _unit(o, a))


def _norm_jvp(o: Value, args: Sequence[Value], ts: Sequence[Value | None]) -> Value:
    return _plain(np.sum(_unit(o, args[0]) * ts[0]))


# -- how the narration says an axis ---------------------------------------------------------

def _at(axis: int) -> str:
    """The element an axis reduction reads, in index notation: axis 0 ``[i, …]``, axis 1
    ``[:, i, …]``, axis −1 ``[…, i]``, axis −2 ``[…, i, :]``."""
    if axis >= 0:
        return "[" + ":, " * axis + "i, …]"
    return "[…, i" + ", :" * (-axis - 1) + "]"


def _reduce_texts(whole: tuple[str, str, str], along: tuple[str, str, str]
                  ) -> Callable[..., dict[str, Any]]:
    """Texts for an axis: (template, expr, tangent) over all elements, and with "{at}"
    for the element along the axis (``Σᵢ x[:, i, …]``)."""
    def texts(*, axis: int | None = None) -> dict[str, Any]:
        template, expr, tangent = whole if axis is None else (
            t.replace("{at}", _at(axis)) for t in along)
        return {"template": template, "expr": expr, "tangent_texts": (tangent,)}
    return texts


def _torch_dim(*, axis: int | None = None) -> dict[str, Any]:
    return {} if axis is None else {"dim": axis}


def _torch_logsumexp(torch: Any, a: Any, *, axis: int | None = None) -> Any:
    return torch.logsumexp(a, dim=tuple(range(a.dim())) or 0 if axis is None else axis)


def _torch_normalised(name: str) -> Callable[..., Any]:
    """torch.softmax / torch.log_softmax with our axis: None is every element, which
    PyTorch's ``dim`` (one axis) cannot say: along the flattened tensor, then reshaped."""
    def call(torch: Any, a: Any, *, axis: int | None = -1) -> Any:
        fn = getattr(torch, name)
        return fn(a.reshape(-1), 0).reshape(a.shape) if axis is None else fn(a, dim=axis)
    return call


def _code_normalised(name: str) -> Callable[..., str]:
    """The same call in a generated script."""
    def code(texts: Sequence[str], shapes: Sequence[tuple[int, ...]], *,
             axis: int | None = -1) -> str:
        a = texts[0]
        if axis is None:
            return f"torch.{name}({a}.reshape(-1), 0).reshape({a}.shape)"
        return f"torch.{name}({a}, dim={axis!r})"
    return code


def _code_logsumexp(texts: Sequence[str], shapes: Sequence[tuple[int, ...]], *,
                    axis: int | None = None) -> str:
    dim = (tuple(range(len(shapes[0]))) or 0) if axis is None else axis
    return f"torch.logsumexp({texts[0]}, dim={dim!r})"


def _reduction(name: str, symbol: str, forward: Callable[..., Value], vjp: Callable,
               jvp: Callable, template: str, expr: str, local: str, tangent: str, *,
               axis_default: int | None = None, along: tuple[str, str, str] | None = None,
               **kw: Any) -> Op:
    """One reduction of one argument with an ``axis`` parameter (``formulas`` and
    ``description`` by keyword: the translation tool reads them there)."""
    return Op(name=name, arity=1, symbol=symbol, group="reductions", slots=("a",),
              ordered=False, forward_s=kw.pop("forward_s", None), forward_a=forward,
              partial_s=None, partial_a=None, vjp_s=kw.pop("vjp_s", ()), vjp_a=(vjp,),
              template=template, elementwise=False, jvp_custom=jvp,
              expr=expr, local_texts=(local,), tangent_texts=(tangent,),
              params=(Param("axis", "axis", axis_default),),
              param_texts=_reduce_texts((template, expr, tangent), along)
              if along else None,
              **kw)


TABLE: list[Op] = [
    _reduction(
        "sum", "Σ", _sum, lambda g, o, a, *, axis=None: _plain(_spread(g, a, axis)),
        lambda o, args, ts, *, axis=None: _plain(np.sum(ts[0], axis=axis))
        if np.ndim(ts[0]) else ts[0],
        "{out} = Σ {0}", "(Σ {0})", "1", "Σ {t}", formulas=("∂Σα/∂αᵢ = 1",),
        description="sum of all elements, or along an axis: sum(x, 0)",
        along=("{out} = Σᵢ {0}{at}", "(Σᵢ {0}{at})", "Σᵢ {t}{at}"),
        forward_s=_sum_s, vjp_s=(lambda g, o, a, *, axis=None: g,),
        element_local=lambda a, *, axis=None: 1.0, shape=_reduced_shape,
        torch_name="sum", torch_params=_torch_dim),
    _reduction(
        "mean", "mean", _mean,
        lambda g, o, a, *, axis=None: _plain(_spread(g, a, axis) / _count(a, axis)),
        lambda o, args, ts, *, axis=None: _plain(np.mean(ts[0], axis=axis))
        if np.ndim(ts[0]) else ts[0],
        "{out} = mean({0})", "mean({0})", "1/n", "mean({t})",
        formulas=("∂mean(α)/∂αᵢ = 1/n",),
        description="mean of all elements, or along an axis: mean(x, 0)",
        along=("{out} = meanᵢ {0}{at}", "meanᵢ {0}{at}", "meanᵢ {t}{at}"),
        forward_s=_sum_s, vjp_s=(lambda g, o, a, *, axis=None: g,),
        element_local=lambda a, *, axis=None: 1.0 / _count(a, axis), shape=_reduced_shape,
        torch_name="mean", torch_params=_torch_dim),
    _reduction(
        "max", "max", _extreme(np.max), _extreme_vjp, _extreme_jvp,
        "{out} = max {0}", "max({0})", "[{0}ᵢ is the largest]",
        "{t} at the largest element of {0}",
        formulas=("∂max(α)/∂αᵢ = 1 at the largest element, else 0 (k tied largest: 1/k "
                  "each, as in PyTorch)",),
        description="largest element, or along an axis: max(x, 1); a tie shares the "
                    "gradient",
        along=("{out} = maxᵢ {0}{at}", "maxᵢ {0}{at}", "{t} at maxᵢ {0}{at}"),
        backward_texts=("{g} to the largest element of {0} (shared equally at a tie), "
                        "0 elsewhere",),
        shape=_reduced_shape, analytic=False,
        kink=("kink", "a tie of the largest elements shares the gradient equally"),
        kink_at=_tie_gap(np.max), kink_place="two largest elements equal",
        torch_name="amax", torch_params=_torch_dim),
    _reduction(
        "min", "min", _extreme(np.min), _extreme_vjp, _extreme_jvp,
        "{out} = min {0}", "min({0})", "[{0}ᵢ is the smallest]",
        "{t} at the smallest element of {0}",
        formulas=("∂min(α)/∂αᵢ = 1 at the smallest element, else 0 (k tied smallest: 1/k "
                  "each, as in PyTorch)",),
        description="smallest element, or along an axis: min(x, 1); a tie shares the "
                    "gradient",
        along=("{out} = minᵢ {0}{at}", "minᵢ {0}{at}", "{t} at minᵢ {0}{at}"),
        backward_texts=("{g} to the smallest element of {0} (shared equally at a tie), "
                        "0 elsewhere",),
        shape=_reduced_shape, analytic=False,
        kink=("kink", "a tie of the smallest elements shares the gradient equally"),
        kink_at=_tie_gap(np.min), kink_place="two smallest elements equal",
        torch_name="amin", torch_params=_torch_dim),
    _reduction(
        "logsumexp", "LSE", _logsumexp, _lse_vjp, _lse_jvp,
        "{out} = log Σ exp({0})", "logsumexp({0})", "softmax({0})ᵢ",
        "Σ softmax({0})·{t}",
        formulas=("∂logsumexp(α)/∂αᵢ = exp(αᵢ − logsumexp(α)) = softmax(α)ᵢ",),
        description="log of the sum of exponentials (a smooth max), or along an axis",
        along=("{out} = log Σᵢ exp({0}{at})", "logsumexp({0})",
               "Σᵢ softmax({0})·{t}{at}"),
        backward_texts=("{g}·softmax({0})",), shape=_reduced_shape,
        torch_name="logsumexp",
        extra={"torch_call": _torch_logsumexp, "torch_code": _code_logsumexp}),
    _reduction(
        "softmax", "SM", _softmax, _softmax_vjp, _softmax_jvp,
        "{out} = exp({0}) / Σ exp({0})", "softmax({0})", "sᵢ·(δᵢⱼ − sⱼ)",
        "softmax({0})·({t} − Σ softmax({0})·{t})",
        formulas=("∂softmax(α)ᵢ/∂αⱼ = sᵢ·(δᵢⱼ − sⱼ), s = softmax(α)",),
        description="exponentials normalised to sum to 1 along an axis (the last by "
                    "default)",
        axis_default=-1,
        along=("{out} = exp({0}) / Σᵢ exp({0}{at})", "softmax({0})",
               "softmax({0})·({t} − Σᵢ (softmax({0})·{t}){at})"),
        backward_texts=("softmax({0})·({g} − Σ {g}·softmax({0}))",), shape=_same_shape,
        torch_name="softmax", torch_params=_torch_dim,
        extra={"torch_call": _torch_normalised("softmax"),
               "torch_code": _code_normalised("softmax")}),
    _reduction(
        "log_softmax", "LSM", _log_softmax, _log_softmax_vjp, _log_softmax_jvp,
        "{out} = {0} − log Σ exp({0})", "log_softmax({0})", "δᵢⱼ − softmax({0})ⱼ",
        "{t} − Σ softmax({0})·{t}",
        formulas=("∂log_softmax(α)ᵢ/∂αⱼ = δᵢⱼ − softmax(α)ⱼ",),
        description="log of softmax, computed stably, along an axis (the last by default)",
        axis_default=-1,
        along=("{out} = {0} − log Σᵢ exp({0}{at})", "log_softmax({0})",
               "{t} − Σᵢ (softmax({0})·{t}){at}"),
        backward_texts=("{g} − softmax({0})·Σ {g}",), shape=_same_shape,
        torch_name="log_softmax", torch_params=_torch_dim,
        extra={"torch_call": _torch_normalised("log_softmax"),
               "torch_code": _code_normalised("log_softmax")}),
    Op(name="norm", arity=1, symbol="‖a‖", group="reductions", slots=("a",), ordered=False,
       forward_s=None, forward_a=_norm, partial_s=None, partial_a=None, vjp_s=(),
       vjp_a=(_norm_vjp,), formulas=("∂‖α‖/∂αᵢ = αᵢ/‖α‖  (0 at α = 0, as in PyTorch)",),
       template="{out} = ‖{0}‖", elementwise=False, jvp_custom=_norm_jvp,
       expr="‖{0}‖", local_texts=("{0}ᵢ/‖{0}‖",), backward_texts=("{g}·{0}/‖{0}‖",),
       tangent_texts=("Σ {0}·{t} / ‖{0}‖",), shape=lambda a: (),
       kink=("kink", "norm′(0) = 0"), kink_at=lambda a: _norm(np.real(a)),
       kink_place="every element 0", torch_name="linalg.vector_norm",
       description="length of all elements as one vector: √(Σ a²)"),
]


# Backward rules as graphs (see basic.py) -------------------------------------------------

def _kept(B: Any, v: Any, a: Any, axis: int | None) -> Any:
    """A reduced node with its reduced axis put back as length 1 (reshape), so it
    broadcasts against ``a``; reduced over everything it is a scalar and broadcasts."""
    ax = _axis(B.ndim(a), axis)
    if ax is None:
        return v
    shape = list(B.shape[a])
    shape[ax] = 1
    return B.reshape(v, shape=tuple(shape))


def _spread_rule(B: Any, g: Any, a: Any, axis: int | None) -> Any:
    """g given to every element of its slice of a."""
    return B.spread(g, a) if axis is None else B.mul(_kept(B, g, a, axis),
                                                     B.const(np.ones(B.shape[a])))


def _sum_of(B: Any, v: Any, axis: int | None) -> Any:
    return B.sum(v) if axis is None else B.sum(v, axis=axis)


def _extreme_rule(B: Any, g: Any, o: Any, a: Any, *, axis: int | None = None) -> Any:
    # [a = max] as 0 ** |a − max|; k ties share: divided by their count
    hit = B.pow(B.const(0.0), B.abs(B.sub(a, _kept(B, o, a, axis))))
    if not B.ndim(a):
        return B.mul(g, hit)
    share = B.div(hit, _kept(B, _sum_of(B, hit, axis), a, axis))
    return B.mul(_kept(B, g, a, axis), share)


def _lse_rule(B: Any, g: Any, o: Any, a: Any, *, axis: int | None = None) -> Any:
    return B.mul(_kept(B, g, a, axis), B.exp(B.sub(a, _kept(B, o, a, axis))))


def _softmax_rule(B: Any, g: Any, o: Any, a: Any, *, axis: int | None = -1) -> Any:
    if not B.ndim(a):
        return None  # softmax of one number is 1 whatever it is
    return B.mul(o, B.sub(g, _kept(B, B.sum(B.mul(g, o), axis=axis), a, axis)))


def _log_softmax_rule(B: Any, g: Any, o: Any, a: Any, *, axis: int | None = -1) -> Any:
    if not B.ndim(a):
        return None
    return B.sub(g, B.mul(B.exp(o), _kept(B, B.sum(g, axis=axis), a, axis)))


def _norm_rule(B: Any, g: Any, o: Any, a: Any) -> Any:
    # a/‖a‖ as a/(‖a‖ + 0**‖a‖): exactly 0 at a = 0 (PyTorch), a/‖a‖ elsewhere
    return B.mul(g, B.div(a, B.add(o, B.pow(B.const(0.0), o))))


GRAD_RULES: dict[str, tuple[Callable[..., Any], ...]] = {
    "sum": (lambda B, g, o, a, *, axis=None: _spread_rule(B, g, a, axis),),
    "mean": (lambda B, g, o, a, *, axis=None: _spread_rule(
        B, B.div(g, B.const(float(B.size(a) if axis is None
                                  else B.shape[a][_axis(B.ndim(a), axis)]))), a, axis),),
    "max": (_extreme_rule,),
    "min": (_extreme_rule,),
    "logsumexp": (_lse_rule,),
    "softmax": (_softmax_rule,),
    "log_softmax": (_log_softmax_rule,),
    "norm": (_norm_rule,),
}

# The textbook rule of each (see basic.py), for a number: a reduction of one number is
# the number (its derivative da), softmax of one number is 1 and log_softmax 0; over
# arrays the rules need index notation, which the symbolic derivative does not write.
SYMBOLIC_RULES: dict[str, Callable[..., Any] | None] = {
    "sum": lambda S, a, b, da, db: da,  # of a scalar: the scalar itself
    "mean": lambda S, a, b, da, db: da,
    "max": lambda S, a, b, da, db: da,
    "min": lambda S, a, b, da, db: da,
    "logsumexp": lambda S, a, b, da, db: da,
    "softmax": None,
    "log_softmax": None,
    # ‖a‖ of a number is |a|: sign(a)·da, 0 at 0 like PyTorch (as abs's rule)
    "norm": lambda S, a, b, da, db: S.mul(S.sub(S.f("pow", S.ZERO, S.f("relu", S.f("neg", a))),
                                                S.f("pow", S.ZERO, S.f("relu", a))), da),
}

SYMPY: dict[str, Callable[..., Any] | None] = {
    "sum": lambda sp, a: a, "mean": lambda sp, a: a, "max": lambda sp, a: a,
    "min": lambda sp, a: a, "logsumexp": lambda sp, a: a, "softmax": None,
    "log_softmax": None, "norm": lambda sp, a: sp.Function("abs")(a),
}
