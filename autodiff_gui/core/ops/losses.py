"""Losses: ``mse(a, b)`` and ``cross_entropy(logits, target)``, as PyTorch defines them.

``mse`` is ``torch.nn.functional.mse_loss``: the mean of the squared differences over the
broadcast shape of its two arguments (a number for two numbers).

``cross_entropy`` is ``torch.nn.functional.cross_entropy`` with its default mean
reduction.  The logits are a vector of class scores (C,) or a batch of them (N, C); the
target is read from its shape:

* the logits' own shape: **probabilities** (or one-hot rows), differentiable like any
  argument: the loss is −Σ pᵢ·log softmax(z)ᵢ, averaged over the N rows;
* one axis less, () for a vector or (N,) for a batch: **class indices**, whole numbers in
  0 … C−1, usually a constant (``cross_entropy(z, 2)``).  A class index has no derivative:
  if an input feeds it, the backward pass stops with a message saying so (PyTorch takes
  class indices as integer tensors, which cannot require a gradient at all).

Both are computed through log-sum-exp with the largest logit taken out first, so big
logits never overflow; the shift uses the real part, so the complex step stays exact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .model import Op, Value, broadcast_shape

MESSAGES: dict[str, str] = {
    "ce_logits": "cross_entropy needs logits of shape (classes,) or (batch, classes)",
    "ce_target": "cross_entropy needs a target of the logits' shape (probabilities) or "
                 "one class index per row, with the shape of the logits without their "
                 "last axis",
    "ce_class": "a class index must be a whole number from 0 to the number of classes − 1",
    "ce_index_grad": "a class index has no derivative: write the class as a number, or give "
                     "the target as probabilities of the logits' shape",
}


def _plain(v: Any) -> Value:
    """A 0-d result as a float (a complex number stays complex, for the complex step)."""
    v = np.asarray(v)
    if v.ndim:
        return v
    return complex(v) if np.iscomplexobj(v) else float(v)


# -- mse -----------------------------------------------------------------------------

def _mse_fwd(a: Value, b: Value) -> Value:
    d = np.subtract(a, b)
    return _plain(np.mean(d * d))


def _mse_size(a: Value, b: Value) -> int:
    return int(np.prod(np.broadcast_shapes(np.shape(a), np.shape(b)), dtype=int))


def _mse_vjp_a(g: Value, out: Value, a: Value, b: Value) -> Value:
    return g * (2.0 / _mse_size(a, b)) * np.subtract(a, b)


def _mse_vjp_b(g: Value, out: Value, a: Value, b: Value) -> Value:
    return -g * (2.0 / _mse_size(a, b)) * np.subtract(a, b)


def _mse_jvp(out: Value, args: Sequence[Value], tangents: Sequence[Value | None]) -> Value:
    a, b = args
    ta, tb = tangents
    dt = (0.0 if ta is None else ta) - (0.0 if tb is None else tb)
    return _plain(2.0 * np.sum(np.subtract(a, b) * dt) / _mse_size(a, b))


def _mse_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    broadcast_shape(a, b)  # the same refusal as any elementwise pair
    return ()


# -- cross_entropy -----------------------------------------------------------------------

def _ce_mode(z: tuple[int, ...], t: tuple[int, ...]) -> str:
    """"probs" or "index" from the shapes (ValueError with our words if neither fits)."""
    if len(z) not in (1, 2):
        raise ValueError(MESSAGES["ce_logits"])
    if tuple(t) == tuple(z):
        return "probs"
    if tuple(t) == tuple(z[:-1]):
        return "index"
    raise ValueError(MESSAGES["ce_target"])


def _ce_shape(z: tuple[int, ...], t: tuple[int, ...]) -> tuple[int, ...]:
    _ce_mode(z, t)
    return ()


def _classes(t: Value, count: int) -> np.ndarray | None:
    """The class indices as ints (one per row), or None if one is not a valid class."""
    c = np.real(np.atleast_1d(np.asarray(t)))
    if not np.all(np.isfinite(c)) or np.any(c != np.round(c)) or np.any(c < 0) \
            or np.any(c >= count):
        return None
    return c.astype(int)


def _log_softmax(z: Value) -> np.ndarray:
    """z − logsumexp(z) along the last axis, the largest logit taken out first."""
    z = np.asarray(z)
    m = np.max(np.real(z), axis=-1, keepdims=True)
    s = z - m
    return s - np.log(np.sum(np.exp(s), axis=-1, keepdims=True))


def _rows(z: Value) -> int:
    return 1 if np.ndim(z) == 1 else int(np.shape(z)[0])


def _one_hot(t: Value, z: Value) -> np.ndarray:
    count = np.shape(z)[-1]
    idx = _classes(t, count)
    if idx is None:
        raise ValueError(MESSAGES["ce_class"])
    hot = np.zeros((idx.size, count))
    hot[np.arange(idx.size), idx] = 1.0
    return hot.reshape(np.shape(z))


def _ce_target(z: Value, t: Value) -> np.ndarray:
    """The target as probabilities of the logits' shape (one-hot rows for indices)."""
    if _ce_mode(np.shape(z), np.shape(t)) == "probs":
        return np.asarray(t)
    return _one_hot(t, z)


def _ce_fwd(z: Value, t: Value) -> Value:
    p = _ce_target(z, t)
    return _plain(-np.sum(p * _log_softmax(z)) / _rows(z))


def _ce_vjp_logits(g: Value, out: Value, z: Value, t: Value) -> Value:
    p = _ce_target(z, t)
    soft = np.exp(_log_softmax(z))
    mass = np.sum(p, axis=-1, keepdims=True)  # 1 for probabilities and one-hot rows
    return g * (soft * mass - p) / _rows(z)


def _ce_vjp_target(g: Value, out: Value, z: Value, t: Value) -> Value:
    if _ce_mode(np.shape(z), np.shape(t)) == "index":
        raise ValueError(MESSAGES["ce_index_grad"])
    return -g * _log_softmax(z) / _rows(z)


def _ce_jvp(out: Value, args: Sequence[Value], tangents: Sequence[Value | None]) -> Value:
    z, t = args
    tz, tt = tangents
    total: Value = 0.0
    if tz is not None:
        total = total + np.sum(_ce_vjp_logits(1.0, out, z, t) * tz)
    if tt is not None:
        total = total + np.sum(_ce_vjp_target(1.0, out, z, t) * tt)
    return _plain(total)


def _ce_domain(z: Value, t: Value) -> str | None:
    try:
        mode = _ce_mode(np.shape(z), np.shape(t))
    except ValueError:
        return None  # a shape error, said as one
    if mode == "index" and _classes(t, np.shape(z)[-1]) is None:
        return MESSAGES["ce_class"]
    return None


# -- PyTorch: mse_loss broadcasts only with a warning, cross_entropy wants integer classes --

def _torch_mse(torch: Any, a: Any, b: Any) -> Any:
    a, b = torch.broadcast_tensors(a, b)
    return torch.nn.functional.mse_loss(a, b)


def _code_mse(texts: Sequence[str], shapes: Sequence[tuple[int, ...]]) -> str:
    a, b = texts
    if tuple(shapes[0]) != tuple(shapes[1]):
        return f"torch.nn.functional.mse_loss(*torch.broadcast_tensors({a}, {b}))"
    return f"torch.nn.functional.mse_loss({a}, {b})"


def _torch_ce(torch: Any, z: Any, t: Any) -> Any:
    if _ce_mode(tuple(z.shape), tuple(t.shape)) == "index":
        t = t.detach().long()  # class indices: integers, no gradient
    return torch.nn.functional.cross_entropy(z, t)


def _code_ce(texts: Sequence[str], shapes: Sequence[tuple[int, ...]]) -> str:
    z, t = texts
    if _ce_mode(shapes[0], shapes[1]) == "index":
        t = f"{t}.long()"
    return f"torch.nn.functional.cross_entropy({z}, {t})"


TABLE: list[Op] = [
    Op(name="mse", arity=2, symbol="MSE", group="losses", slots=("input", "target"),
       ordered=False, forward_s=lambda a, b: (a - b) * (a - b), forward_a=_mse_fwd,
       partial_s=None, partial_a=None,
       vjp_s=(lambda g, o, a, b: g * 2.0 * (a - b), lambda g, o, a, b: -g * 2.0 * (a - b)),
       vjp_a=(_mse_vjp_a, _mse_vjp_b),
       formulas=("∂mse(α, β)/∂αᵢ = 2(αᵢ − βᵢ)/n", "∂mse(α, β)/∂βᵢ = −2(αᵢ − βᵢ)/n"),
       template="{out} = mean(({0} − {1})²)", elementwise=False, jvp_custom=_mse_jvp,
       expr="mse({0}, {1})", local_texts=("2({0} − {1})/n", "−2({0} − {1})/n"),
       backward_texts=("{g}·2({0} − {1})/n  (n: the number of elements; shape {shape0})",
                       "−{g}·2({0} − {1})/n  (n: the number of elements; shape {shape1})"),
       tangent_texts=("2·mean(({0} − {1})·{t})", "−2·mean(({0} − {1})·{t})"),
       shape=_mse_shape, torch_name="nn.functional.mse_loss",
       extra={"torch_call": _torch_mse, "torch_code": _code_mse},
       description="mean squared error: mean((a − b)²)"),
    Op(name="cross_entropy", arity=2, symbol="CE", group="losses",
       slots=("logits", "target"), ordered=True, forward_s=None, forward_a=_ce_fwd,
       partial_s=None, partial_a=None, vjp_s=(), vjp_a=(_ce_vjp_logits, _ce_vjp_target),
       formulas=("∂CE(α, β)/∂α = (softmax(α) − p)/N  (p: β as probabilities, one-hot for "
                 "a class index; N rows)",
                 "∂CE(α, β)/∂β = −log softmax(α)/N  (none for a class index)"),
       template="{out} = cross_entropy({0}, {1})", elementwise=False,
       jvp_custom=_ce_jvp, domain=_ce_domain,
       expr="cross_entropy({0}, {1})",
       local_texts=("(softmax({0}) − p)/N", "−log softmax({0})/N"),
       backward_texts=("{g}·(softmax({0}) − p)/N  (p: {1} as probabilities, one-hot rows "
                       "for class indices; N rows; shape {shape0})",
                       "−{g}·log softmax({0})/N  (N rows; shape {shape1})"),
       tangent_texts=("Σ (softmax({0}) − p)·{t}/N", "−Σ log softmax({0})·{t}/N"),
       shape=_ce_shape, torch_name="nn.functional.cross_entropy",
       extra={"torch_call": _torch_ce, "torch_code": _code_ce},
       description="cross-entropy of softmax(logits) against a class index or "
                   "probabilities, averaged over the batch"),
]


# Backward rules as graphs (see basic.py) -------------------------------------------------

def _mse_rule(sign: float) -> Callable[..., Any]:
    def rule(B: Any, g: Any, o: Any, a: Any, b: Any) -> Any:
        n = int(np.prod(np.broadcast_shapes(B.shape[a], B.shape[b]), dtype=int))
        return B.mul(B.mul(g, B.const(sign * 2.0 / n)), B.sub(a, b))
    return rule


def _ce_probabilities(B: Any, z: Any, t: Any) -> tuple[Any, bool]:
    """The target as probabilities: t itself, or one-hot rows of a constant class index."""
    if tuple(B.shape[t]) == tuple(B.shape[z]):
        return t, False
    classes = B.value_of(t)
    if classes is None:  # an input feeds the class index: nothing to differentiate
        raise ValueError(MESSAGES["ce_index_grad"])
    return B.const(_one_hot(classes, np.zeros(B.shape[z]))), True


def _ce_rule_logits(B: Any, g: Any, o: Any, z: Any, t: Any) -> Any:
    p, one_hot = _ce_probabilities(B, z, t)
    soft = B.softmax(z, axis=-1)
    if not one_hot:  # probabilities need not add up to 1: softmax·Σp − p
        mass = B.sum(p, axis=-1)
        soft = B.mul(soft, mass if B.ndim(z) == 1 else B.column(mass))
    rows = 1 if B.ndim(z) == 1 else B.shape[z][0]
    return B.mul(B.div(g, B.const(float(rows))), B.sub(soft, p))


def _ce_rule_target(B: Any, g: Any, o: Any, z: Any, t: Any) -> Any:
    _ce_probabilities(B, z, t)
    rows = 1 if B.ndim(z) == 1 else B.shape[z][0]
    return B.mul(B.div(B.neg(g), B.const(float(rows))), B.log_softmax(z, axis=-1))


GRAD_RULES: dict[str, tuple[Callable[..., Any], ...]] = {
    "mse": (_mse_rule(1.0), _mse_rule(-1.0)),
    "cross_entropy": (_ce_rule_logits, _ce_rule_target),
}

# Textbook rules (see basic.py): mse of numbers is (a − b)²; cross_entropy needs arrays.
SYMBOLIC_RULES: dict[str, Callable[..., Any] | None] = {
    "mse": lambda S, a, b, da, db: S.mul(S.mul(S.const(2), S.sub(a, b)), S.sub(da, db)),
    "cross_entropy": None,
}

SYMPY: dict[str, Callable[..., Any] | None] = {
    "mse": lambda sp, a, b: (a - b) ** 2,
    "cross_entropy": None,
}
