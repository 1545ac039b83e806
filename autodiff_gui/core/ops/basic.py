"""The first primitives: arithmetic, the elementary functions, activations, @ (sum and
mean, first here, are with the other reductions in ``reductions.py``).

Each primitive carries two kernels for each rule: one on Python floats (``math``,
used by the scalar fast path) and one on numpy arrays (also used for complex
evaluation by the complex-step check).  A rule is a plain function of the
operation's output and arguments (see ``model.py``), so the engine, the narration,
forward mode and the reference checks all read the same declaration.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .model import Op, Value, elementwise

# Why an op refuses its arguments, in English (translated in the UI, context "ops",
# like each op's ``description`` and the formulas that contain words).
MESSAGES: dict[str, str] = {
    "pow_negative_base": "a negative base needs a whole-number exponent",
    "pow_zero_negative": "zero cannot be raised to a negative power",
    "log_domain": "log needs inputs greater than 0",
    "sqrt_domain": "sqrt needs inputs of 0 or more",
    "division_by_zero": "division by zero",
    "tan_domain": "tan is infinite at odd multiples of π/2",
    "matmul_scalar": "@ needs vectors or matrices, not scalars",
    "matmul_axes": "@ takes vectors and matrices (at most 2 axes)",
    "matmul_inner": "@ needs the last axis of A as long as the first axis of B",
}


def _sign_s(a: float) -> float:
    return float((a > 0) - (a < 0))


def _sigmoid_s(a: float) -> float:
    # Two branches so neither exp can overflow for a large |a|.
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _sigmoid_a(a: np.ndarray) -> np.ndarray:
    if np.iscomplexobj(a):  # complex step: the analytic formula, no abs()
        return 1.0 / (1.0 + np.exp(-a))
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _pow_s(a: float, b: float) -> float:
    # math.pow raises ValueError for a negative base with a fractional exponent
    # (Python's ** would silently return a complex number).
    return math.pow(a, b)


def _pow_base_partial_s(out: float, a: float, b: float) -> float:
    if b == 0:  # PyTorch's convention: d/da a**0 = 0, even at a = 0
        return 0.0
    return b * math.pow(a, b - 1)


def _pow_base_partial_a(out: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    b = np.asarray(b)
    safe_b = np.where(b == 0, 1, b)
    return np.where(b == 0, 0.0, safe_b * np.power(a, safe_b - 1))


def _pow_exp_partial_s(out: float, a: float, b: float) -> float:
    if a == 0 and b >= 0:  # PyTorch's convention: 0**b has exponent gradient 0
        return 0.0
    return out * math.log(a)


def _pow_exp_partial_a(out: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = np.asarray(a)
    zero = (a == 0) & (np.real(b) >= 0)
    safe_a = np.where(zero, 1, a)
    return np.where(zero, 0.0, out * np.log(safe_a))


def _domain_pow(a: Value, b: Value) -> str | None:
    a_arr, b_arr = np.real(np.asarray(a)), np.real(np.asarray(b))
    if np.any((a_arr < 0) & (b_arr != np.round(b_arr))):
        return MESSAGES["pow_negative_base"]
    if np.any((a_arr == 0) & (b_arr < 0)):
        return MESSAGES["pow_zero_negative"]
    return None


def _domain_log(a: Value) -> str | None:
    return MESSAGES["log_domain"] if np.any(np.real(a) <= 0) else None


def _domain_sqrt(a: Value) -> str | None:
    return MESSAGES["sqrt_domain"] if np.any(np.real(a) < 0) else None


def _domain_div(a: Value, b: Value) -> str | None:
    return MESSAGES["division_by_zero"] if np.any(np.asarray(b) == 0) else None


def _domain_tan(a: Value) -> str | None:
    return MESSAGES["tan_domain"] if np.any(np.cos(np.real(a)) == 0) else None


# Matmul ----------------------------------------------------------------------

def _matmul_fwd(a: np.ndarray, b: np.ndarray) -> Value:
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        raise ValueError(MESSAGES["matmul_scalar"])
    if np.ndim(a) > 2 or np.ndim(b) > 2:
        raise ValueError(MESSAGES["matmul_axes"])
    if np.shape(a)[-1] != np.shape(b)[0]:  # numpy's own message names gufunc signatures
        raise ValueError(MESSAGES["matmul_inner"])
    out = np.matmul(a, b)
    return out if np.ndim(out) else out.item()


def _matmul_vjp_a(g: Value, out: Value, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if np.ndim(b) == 1:
        return np.outer(g, b) if np.ndim(a) == 2 else g * b
    return np.matmul(g, np.swapaxes(b, -1, -2)) if np.ndim(a) == 2 else np.matmul(b, g)


def _matmul_vjp_b(g: Value, out: Value, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if np.ndim(a) == 1:
        return np.outer(a, g) if np.ndim(b) == 2 else g * a
    return np.matmul(np.swapaxes(a, -1, -2), g) if np.ndim(b) == 2 else np.matmul(g, a)


def _matmul_jvp(out: Value, args: Sequence[Value], tangents: Sequence[Value | None]) -> Value:
    a, b = args
    ta, tb = tangents
    total: Value = 0.0
    if ta is not None:
        total = total + _matmul_fwd(ta, b)
    if tb is not None:
        total = total + _matmul_fwd(a, tb)
    return total


def _matmul_shape(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The shape ``_matmul_fwd`` gives, from the shapes alone (same refusals)."""
    if not a or not b:
        raise ValueError(MESSAGES["matmul_scalar"])
    if len(a) > 2 or len(b) > 2:
        raise ValueError(MESSAGES["matmul_axes"])
    if a[-1] != b[0]:
        raise ValueError(MESSAGES["matmul_inner"])
    return tuple(a[:-1]) + tuple(b[1:])



TABLE: list[Op] = [
    elementwise(
        "add", "+", "arithmetic", ("a", "b"), lambda a, b: a + b, np.add,
        (lambda o, a, b: 1.0, lambda o, a, b: 1.0), (lambda o, a, b: 1.0, lambda o, a, b: 1.0),
        ("∂(α+β)/∂α = 1", "∂(α+β)/∂β = 1"), "{out} = {0} + {1}",
        vjp_s=(lambda g, o, a, b: g, lambda g, o, a, b: g),
        vjp_a=(lambda g, o, a, b: g, lambda g, o, a, b: g),
        infix="+", precedence=1, expr="({0} + {1})", local_texts=("1", "1"), torch_name="add",
        description="a + b"),
    elementwise(
        "sub", "−", "arithmetic", ("a", "b"), lambda a, b: a - b, np.subtract,
        (lambda o, a, b: 1.0, lambda o, a, b: -1.0), (lambda o, a, b: 1.0, lambda o, a, b: -1.0),
        ("∂(α−β)/∂α = 1", "∂(α−β)/∂β = −1"), "{out} = {0} − {1}",
        vjp_s=(lambda g, o, a, b: g, lambda g, o, a, b: -g),
        vjp_a=(lambda g, o, a, b: g, lambda g, o, a, b: -g),
        infix="-", precedence=1, ordered=True,
        expr="({0} − {1})", local_texts=("1", "−1"), torch_name="sub",
        description="a − b"),
    elementwise(
        "mul", "×", "arithmetic", ("a", "b"), lambda a, b: a * b, np.multiply,
        (lambda o, a, b: b, lambda o, a, b: a), (lambda o, a, b: b, lambda o, a, b: a),
        ("∂(α·β)/∂α = β", "∂(α·β)/∂β = α"), "{out} = {0}·{1}",
        vjp_s=(lambda g, o, a, b: g * b, lambda g, o, a, b: g * a),
        vjp_a=(lambda g, o, a, b: g * b, lambda g, o, a, b: g * a),
        infix="*", precedence=2, expr="({0}·{1})", local_texts=("{1}", "{0}"), torch_name="mul",
        description="a · b"),
    elementwise(
        "div", "÷", "arithmetic", ("numerator", "denominator"), lambda a, b: a / b, np.divide,
        (lambda o, a, b: 1.0 / b, lambda o, a, b: -a / (b * b)),
        (lambda o, a, b: 1.0 / b, lambda o, a, b: -a / (b * b)),
        ("∂(α/β)/∂α = 1/β", "∂(α/β)/∂β = −α/β²"), "{out} = {0} / {1}",
        vjp_s=(lambda g, o, a, b: g / b, lambda g, o, a, b: -g * o / b),
        vjp_a=(lambda g, o, a, b: g / b, lambda g, o, a, b: -g * o / b),
        domain=_domain_div, infix="/", precedence=2, ordered=True,
        expr="({0}/{1})", local_texts=("1/{1}", "−{0}/{1}²"), torch_name="div",
        description="a / b"),
    elementwise(
        "neg", "−a", "arithmetic", ("a",), lambda a: -a, np.negative,
        (lambda o, a: -1.0,), (lambda o, a: -1.0,),
        ("∂(−α)/∂α = −1",), "{out} = −{0}",
        vjp_s=(lambda g, o, a: -g,), vjp_a=(lambda g, o, a: -g,),
        infix="-", precedence=3, expr="(−{0})", local_texts=("−1",), torch_name="neg",
        description="−a"),
    elementwise(
        "pow", "xʸ", "arithmetic", ("base", "exponent"), _pow_s, np.power,
        (_pow_base_partial_s, _pow_exp_partial_s), (_pow_base_partial_a, _pow_exp_partial_a),
        ("∂(αᵝ)/∂α = β·αᵝ⁻¹", "∂(αᵝ)/∂β = αᵝ·ln α"), "{out} = {0} ** {1}",
        domain=_domain_pow, infix="**", precedence=4, ordered=True,
        expr="({0} ** {1})", local_texts=("{1}·{0}^({1}−1)", "{0}^{1}·ln {0}"),
        torch_name="pow", torch_number_slot=1, torch_zero_tangent=False,
        description="a ** b"),
    elementwise(
        "exp", "exp", "powers", ("a",), math.exp, np.exp,
        (lambda o, a: o,), (lambda o, a: o,), ("∂exp(α)/∂α = exp(α)",), "{out} = exp({0})",
        vjp_s=(lambda g, o, a: g * o,), vjp_a=(lambda g, o, a: g * o,),
        expr="exp({0})", local_texts=("exp({0})",), torch_name="exp",
        description="eᵃ"),
    elementwise(
        "log", "log", "powers", ("a",), math.log, np.log,
        (lambda o, a: 1.0 / a,), (lambda o, a: 1.0 / a,), ("∂log(α)/∂α = 1/α",),
        "{out} = log({0})", vjp_s=(lambda g, o, a: g / a,), vjp_a=(lambda g, o, a: g / a,),
        domain=_domain_log, expr="log({0})", local_texts=("1/{0}",), torch_name="log",
        description="natural logarithm"),
    elementwise(
        "sqrt", "√", "powers", ("a",), math.sqrt, np.sqrt,
        (lambda o, a: 0.5 / o,), (lambda o, a: 0.5 / o,), ("∂√α/∂α = 1/(2√α)",),
        "{out} = √{0}", vjp_s=(lambda g, o, a: g * 0.5 / o,),
        vjp_a=(lambda g, o, a: g * 0.5 / o,), domain=_domain_sqrt,
        expr="√{0}", local_texts=("1/(2√{0})",), torch_name="sqrt",
        kink=("edge", "sqrt'(0) = inf"),
        description="square root"),
    elementwise(
        "sin", "sin", "trigonometry", ("a",), math.sin, np.sin,
        (lambda o, a: math.cos(a),), (lambda o, a: np.cos(a),), ("∂sin(α)/∂α = cos(α)",),
        "{out} = sin({0})", expr="sin({0})", local_texts=("cos({0})",), torch_name="sin",
        description="sine"),
    elementwise(
        "cos", "cos", "trigonometry", ("a",), math.cos, np.cos,
        (lambda o, a: -math.sin(a),), (lambda o, a: -np.sin(a),), ("∂cos(α)/∂α = −sin(α)",),
        "{out} = cos({0})", expr="cos({0})", local_texts=("−sin({0})",), torch_name="cos",
        description="cosine"),
    elementwise(
        "tan", "tan", "trigonometry", ("a",), math.tan, np.tan,
        (lambda o, a: 1.0 + o * o,), (lambda o, a: 1.0 + o * o,),
        ("∂tan(α)/∂α = 1 + tan²(α)",), "{out} = tan({0})", domain=_domain_tan,
        expr="tan({0})", local_texts=("(1 + tan²({0}))",), torch_name="tan",
        description="tangent"),
    elementwise(
        "abs", "|a|", "piecewise", ("a",), abs, np.abs,
        (lambda o, a: _sign_s(a),), (lambda o, a: np.sign(a),),
        ("∂|α|/∂α = sign(α)  (0 at α = 0)",), "{out} = |{0}|", analytic=False,
        expr="|{0}|", local_texts=("sign({0})",), torch_name="abs",
        kink=("kink", "abs'(0) = 0"),
        description="absolute value"),
    elementwise(
        "tanh", "tanh", "activations", ("a",), math.tanh, np.tanh,
        (lambda o, a: 1.0 - o * o,), (lambda o, a: 1.0 - o * o,),
        ("∂tanh(α)/∂α = 1 − tanh²(α)",), "{out} = tanh({0})",
        vjp_s=(lambda g, o, a: g * (1.0 - o * o),), vjp_a=(lambda g, o, a: g * (1.0 - o * o),),
        expr="tanh({0})", local_texts=("(1 − tanh²({0}))",),
        torch_name="tanh",
        description="hyperbolic tangent"),
    elementwise(
        "sigmoid", "σ", "activations", ("a",), _sigmoid_s, _sigmoid_a,
        (lambda o, a: o * (1.0 - o),), (lambda o, a: o * (1.0 - o),),
        ("∂σ(α)/∂α = σ(α)·(1 − σ(α))",), "{out} = σ({0})",
        vjp_s=(lambda g, o, a: g * o * (1.0 - o),), vjp_a=(lambda g, o, a: g * o * (1.0 - o),),
        expr="σ({0})", local_texts=("σ({0})·(1 − σ({0}))",),
        torch_name="sigmoid",
        description="logistic sigmoid 1/(1+e⁻ᵃ)"),
    elementwise(
        "relu", "relu", "activations", ("a",), lambda a: a if a > 0 else 0.0,
        lambda a: np.maximum(a, 0.0),
        (lambda o, a: 1.0 if a > 0 else 0.0,),
        # np.asarray: in a graph with arrays, a scalar node reaches here as a float
        (lambda o, a: (np.asarray(a) > 0).astype(float),),
        ("∂relu(α)/∂α = 1 if α > 0, else 0",), "{out} = relu({0})",
        vjp_s=(lambda g, o, a: g if a > 0 else 0.0,), analytic=False,
        expr="relu({0})", local_texts=("[{0} > 0]",), torch_name="relu",
        kink=("kink", "relu'(0) = 0"),
        description="max(a, 0)"),
    Op(name="matmul", arity=2, symbol="@", group="arithmetic", slots=("A", "B"), ordered=True,
       forward_s=None, forward_a=_matmul_fwd, partial_s=None, partial_a=None,
       vjp_s=(), vjp_a=(_matmul_vjp_a, _matmul_vjp_b),
       formulas=("∂f/∂α = ∂f/∂(α@β)·βᵀ", "∂f/∂β = αᵀ·∂f/∂(α@β)"),
       template="{out} = {0} @ {1}",
       elementwise=False, jvp_custom=_matmul_jvp, infix="@", precedence=2,
       expr="({0} @ {1})", local_texts=("∂·/∂{out}·{1}ᵀ", "{0}ᵀ·∂·/∂{out}"),
       backward_texts=("{g}·{1}ᵀ", "{0}ᵀ·{g}"), tangent_texts=("{t} @ {1}", "{0} @ {t}"),
       shape=_matmul_shape, torch_name="matmul",
        description="matrix product"),
]

# Backward rules as graphs ------------------------------------------------------
# Each builds g·∂out/∂arg with the table's primitives on a builder ``B`` (see
# core/backward_graph.py): ``B.<op>(...)`` adds that primitive, ``B.const(v)`` a constant,
# ``B.value_of(n)`` is a constant node's value (None for anything else), ``B.named(n, code,
# arg)`` labels a node by a template of core/backward_graph.py, ``B.ndim(n)`` its
# number of axes, ``B.column(v)`` and ``B.transpose(m)`` re-arrange with matmul.

def _step(B: Any, r: Any, a: Any) -> Any:
    """[a > 0] from r = relu(a), exactly: 0**r is 1 where a ≤ 0 and 0 where a > 0.

    The table has no step function; this one is 0 at the kink (PyTorch's relu'(0) = 0)
    and its own derivative is 0 everywhere (pow's exponent gradient at base 0 is 0)."""
    return B.named(B.sub(B.const(1.0), B.pow(B.const(0.0), r)), "kink_step", a)


def _sign(B: Any, a: Any) -> Any:
    """sign(a) as [a < 0]-free primitives: 0**relu(−a) − 0**relu(a) (0 at 0, like PyTorch)."""
    zero = B.const(0.0)
    return B.named(B.sub(B.pow(zero, B.relu(B.neg(a))), B.pow(zero, B.relu(a))), "kink_sign", a)


def _pow_base_rule(B: Any, g: Any, o: Any, a: Any, b: Any) -> Any:
    c = B.value_of(b)
    if c is None:
        return B.mul(g, B.mul(b, B.pow(a, B.sub(b, B.const(1.0)))))
    if np.all(np.asarray(c) == 0):  # PyTorch: d/da a**0 = 0
        return None
    if np.all(np.asarray(c) == 1):
        return g
    power = a if np.all(np.asarray(c) == 2) else B.pow(a, B.const(np.asarray(c) - 1.0))
    return B.mul(g, B.mul(b, power))


def _pow_exp_rule(B: Any, g: Any, o: Any, a: Any, b: Any) -> Any:
    c = B.value_of(a)
    if c is not None and np.all(np.asarray(c) == 0):  # PyTorch: 0**b has exponent gradient 0
        return None
    if c is not None and np.all(np.asarray(c) > 0):
        return B.mul(g, B.mul(o, B.const(np.log(c))))
    return B.mul(g, B.mul(o, B.log(a)))


def _matmul_rule_a(B: Any, g: Any, o: Any, a: Any, b: Any) -> Any:
    if B.ndim(a) == 1:
        return B.mul(g, b) if B.ndim(b) == 1 else B.matmul(b, g)
    if B.ndim(b) == 1:  # outer(g, b)
        return B.mul(B.column(g), b)
    return B.matmul(g, B.transpose(b))


def _matmul_rule_b(B: Any, g: Any, o: Any, a: Any, b: Any) -> Any:
    if B.ndim(b) == 1:
        return B.mul(g, a) if B.ndim(a) == 1 else B.matmul(g, a)
    if B.ndim(a) == 1:  # outer(a, g)
        return B.mul(B.column(a), g)
    return B.matmul(B.transpose(a), g)


GRAD_RULES: dict[str, tuple[Callable[..., Any], ...]] = {
    "add": (lambda B, g, o, a, b: g, lambda B, g, o, a, b: g),
    "sub": (lambda B, g, o, a, b: g, lambda B, g, o, a, b: B.neg(g)),
    "mul": (lambda B, g, o, a, b: B.mul(g, b), lambda B, g, o, a, b: B.mul(g, a)),
    "div": (lambda B, g, o, a, b: B.div(g, b),
            lambda B, g, o, a, b: B.neg(B.div(B.mul(g, o), b))),
    "neg": (lambda B, g, o, a: B.neg(g),),
    "pow": (_pow_base_rule, _pow_exp_rule),
    "exp": (lambda B, g, o, a: B.mul(g, o),),
    "log": (lambda B, g, o, a: B.div(g, a),),
    "sqrt": (lambda B, g, o, a: B.div(g, B.mul(B.const(2.0), o)),),
    "sin": (lambda B, g, o, a: B.mul(g, B.cos(a)),),
    "cos": (lambda B, g, o, a: B.neg(B.mul(g, B.sin(a))),),
    "tan": (lambda B, g, o, a: B.mul(g, B.add(B.const(1.0), B.mul(o, o))),),
    "abs": (lambda B, g, o, a: B.mul(g, _sign(B, a)),),
    "tanh": (lambda B, g, o, a: B.mul(g, B.sub(B.const(1.0), B.mul(o, o))),),
    "sigmoid": (lambda B, g, o, a: B.mul(g, B.mul(o, B.sub(B.const(1.0), o))),),
    "relu": (lambda B, g, o, a: B.mul(g, _step(B, o, a)),),
    "matmul": (_matmul_rule_a, _matmul_rule_b),
}

# The textbook rule of each primitive for the symbolic derivative (core/symbolic.py):
# rule(S, a, b, da, db) -> tree, with a, b the argument trees and da, db their derivatives
# (b and db None for one argument).  ``S.add`` ... ``S.neg`` build while dropping 0 terms and
# 1 factors, ``S.f(op, *args)`` writes an op as it is, ``S.const(v)``, ``S.value(t)`` a
# constant tree's value (None otherwise).  None: no rule (matmul: index notation needed).
SYMBOLIC_RULES: dict[str, Callable[..., Any] | None] = {
    "add": lambda S, a, b, da, db: S.add(da, db),
    "sub": lambda S, a, b, da, db: S.sub(da, db),
    "mul": lambda S, a, b, da, db: S.add(S.mul(da, b), S.mul(a, db)),
    "div": lambda S, a, b, da, db: S.div(S.sub(S.mul(da, b), S.mul(a, db)),
                                         S.f("pow", b, S.const(2))),
    "neg": lambda S, a, b, da, db: S.neg(da),
    "pow": lambda S, a, b, da, db: (
        S.mul(S.mul(S.const(S.value(b)), S.power(a, S.value(b) - 1)), da)
        if S.value(b) is not None else
        S.mul(S.f("pow", a, b), S.add(S.mul(db, S.f("log", a)), S.div(S.mul(b, da), a)))),
    "exp": lambda S, a, b, da, db: S.mul(S.f("exp", a), da),
    "log": lambda S, a, b, da, db: S.div(da, a),
    "sqrt": lambda S, a, b, da, db: S.div(da, S.mul(S.const(2), S.f("sqrt", a))),
    "sin": lambda S, a, b, da, db: S.mul(S.f("cos", a), da),
    "cos": lambda S, a, b, da, db: S.neg(S.mul(S.f("sin", a), da)),
    "tan": lambda S, a, b, da, db: S.mul(S.add(S.ONE, S.f("pow", S.f("tan", a), S.const(2))),
                                         da),
    "tanh": lambda S, a, b, da, db: S.mul(S.sub(S.ONE, S.f("pow", S.f("tanh", a),
                                                           S.const(2))), da),
    "sigmoid": lambda S, a, b, da, db: S.mul(S.mul(S.f("sigmoid", a),
                                                   S.sub(S.ONE, S.f("sigmoid", a))), da),
    # [a > 0] = 1 − 0**relu(a): the language has no step; 0 at the kink, like PyTorch
    "relu": lambda S, a, b, da, db: S.mul(S.sub(S.ONE, S.f("pow", S.ZERO, S.f("relu", a))), da),
    # sign(a) = 0**relu(−a) − 0**relu(a): 0 at 0, like PyTorch
    "abs": lambda S, a, b, da, db: S.mul(S.sub(S.f("pow", S.ZERO, S.f("relu", S.f("neg", a))),
                                               S.f("pow", S.ZERO, S.f("relu", a))), da),
    "matmul": None,
}

# How sympy writes each primitive (check/symbolic.py; ``sp`` is the sympy module).  relu,
# abs and sigmoid stay opaque functions: sympy must not turn them into Max, sign or
# Piecewise, which the expression language cannot print.
SYMPY: dict[str, Callable[..., Any] | None] = {
    "add": lambda sp, a, b: a + b, "sub": lambda sp, a, b: a - b,
    "mul": lambda sp, a, b: a * b, "div": lambda sp, a, b: a / b,
    "neg": lambda sp, a: -a, "pow": lambda sp, a, b: sp.Pow(a, b),
    "exp": lambda sp, a: sp.exp(a), "log": lambda sp, a: sp.log(a),
    "sqrt": lambda sp, a: sp.sqrt(a), "sin": lambda sp, a: sp.sin(a),
    "cos": lambda sp, a: sp.cos(a), "tan": lambda sp, a: sp.tan(a),
    "tanh": lambda sp, a: sp.tanh(a), "abs": lambda sp, a: sp.Function("abs")(a),
    "sigmoid": lambda sp, a: sp.Function("sigmoid")(a),
    "relu": lambda sp, a: sp.Function("relu")(a),
    "matmul": None,
}
