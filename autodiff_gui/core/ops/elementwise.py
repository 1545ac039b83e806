"""Elementwise primitives that courses use beyond the first nineteen.

Hyperbolic and inverse trigonometric functions, the accurate logarithm and exponential
variants (log1p, expm1, log2, log10, exp2), square and reciprocal, softplus, sign, the
elementwise maximum and minimum, and the two with a parameter: leaky_relu(x, slope) and
clamp(x, lo, hi).  Each follows PyTorch exactly where the derivative does not exist
(said in its formula, and in its ``kink`` for the finite-difference notes):

* maximum/minimum at a tie give each argument half of the gradient (as torch does);
* sign′ = 0 everywhere (0 at 0 as well);
* clamp′ = 1 at the bounds themselves (torch's mask is lo ≤ x ≤ hi); with lo > hi the
  result is hi everywhere, with derivative 0, as in torch;
* leaky_relu′(0) = slope (torch takes the x > 0 branch only for x > 0);
* softplus returns x itself above x = 20 (torch's ``threshold``), derivative 1 there.

Backward rules (``GRAD_RULES``) use primitives only; the step functions the language
lacks are written exactly, as in ``basic``: [x > 0] = 1 − 0**relu(x), and
[x ≥ 0] = 0**relu(−x), whose own derivatives are 0 (PyTorch's double backward agrees).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .model import Op, Param, Value, elementwise

# Why an op refuses its arguments (context "ops"; translated like basic's MESSAGES).
MESSAGES: dict[str, str] = {
    "asin_domain": "asin needs inputs between −1 and 1",
    "acos_domain": "acos needs inputs between −1 and 1",
    "log1p_domain": "log1p needs inputs greater than −1",
    "log2_domain": "log2 needs inputs greater than 0",
    "log10_domain": "log10 needs inputs greater than 0",
    "reciprocal_domain": "1/a is infinite at 0: reciprocal needs inputs other than 0",
}

LN2 = math.log(2.0)
LN10 = math.log(10.0)
# Above this, PyTorch's softplus (beta = 1, threshold = 20) returns its argument itself.
SOFTPLUS_THRESHOLD = 20.0


def _real(a: Value) -> Any:
    return np.real(np.asarray(a))


def _domain(code: str, bad: Callable[[Any], Any]) -> Callable[..., str | None]:
    def check(a: Value, **_params: Any) -> str | None:
        return MESSAGES[code] if np.any(bad(_real(a))) else None
    return check


def _sign_s(a: float) -> float:
    return float((a > 0) - (a < 0))


def _zero_s(*_args: Any, **_params: Any) -> float:
    return 0.0


def _zero_a(o: Value, *args: Value, **_params: Any) -> Value:
    return np.zeros(np.shape(o))


# -- softplus as PyTorch computes it ---------------------------------------------------

def _softplus_s(a: float) -> float:
    return a if a > SOFTPLUS_THRESHOLD else math.log1p(math.exp(a))


def _softplus_a(a: Value) -> Value:
    above = _real(a) > SOFTPLUS_THRESHOLD
    # exp of 0 where the result is a itself: no overflow for a large a
    return np.where(above, a, np.log1p(np.exp(np.where(above, 0.0, a))))


def _softplus_partial_s(o: float, a: float) -> float:
    if a > SOFTPLUS_THRESHOLD:
        return 1.0
    z = math.exp(a)
    return z / (z + 1.0)  # σ(a), written as torch's backward writes it


def _softplus_partial_a(o: Value, a: Value) -> Value:
    above = _real(a) > SOFTPLUS_THRESHOLD
    z = np.exp(np.where(above, 0.0, a))
    return np.where(above, 1.0, z / (z + 1.0))


# -- maximum and minimum: half of the gradient to each argument at a tie ------------------

def _share_s(a: float, b: float) -> float:
    """∂max(a, b)/∂a: 1, ½ at a tie, 0 (PyTorch's convention)."""
    return 1.0 if a > b else 0.5 if a == b else 0.0


def _share_a(a: Value, b: Value) -> Value:
    a, b = np.asarray(a), np.asarray(b)
    return np.where(a > b, 1.0, np.where(a == b, 0.5, 0.0))


# -- the two with parameters ------------------------------------------------------------

def _leaky_s(a: float, *, slope: float) -> float:
    return a if a > 0 else slope * a


def _leaky_a(a: Value, *, slope: float) -> Value:
    return np.where(np.asarray(a) > 0, a, slope * np.asarray(a))


def _leaky_partial_s(o: float, a: float, *, slope: float) -> float:
    return 1.0 if a > 0 else slope


def _leaky_partial_a(o: Value, a: Value, *, slope: float) -> Value:
    return np.where(np.asarray(a) > 0, 1.0, slope)


def _clamp_s(a: float, *, lo: float, hi: float) -> float:
    return min(max(a, lo), hi)


def _clamp_a(a: Value, *, lo: float, hi: float) -> Value:
    return np.minimum(np.maximum(a, lo), hi)


def _clamp_partial_s(o: float, a: float, *, lo: float, hi: float) -> float:
    return 1.0 if lo <= a <= hi else 0.0


def _clamp_partial_a(o: Value, a: Value, *, lo: float, hi: float) -> Value:
    a = np.asarray(a)
    return ((a >= lo) & (a <= hi)).astype(float)


def _number(v: float) -> str:
    """A parameter as the expression language writes it: 0.01, -1, 2.5."""
    return repr(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def _leaky_texts(*, slope: float) -> dict[str, Any]:
    s = _number(slope)
    return {"template": f"{{out}} = leaky_relu({{0}}, {s})",
            "expr": f"leaky_relu({{0}}, {s})",
            "local_texts": (f"([{{0}} > 0] + {s}·[{{0}} ≤ 0])",),
            "kink": ("kink", f"leaky_relu′(0) = {s}")}


def _clamp_texts(*, lo: float, hi: float) -> dict[str, Any]:
    a, b = _number(lo), _number(hi)
    return {"template": f"{{out}} = clamp({{0}}, {a}, {b})",
            "expr": f"clamp({{0}}, {a}, {b})",
            "local_texts": (f"[{a} ≤ {{0}} ≤ {b}]",),
            "kink_place": f"α = {a}, α = {b}"}


def _unary(name: str, symbol: str, group: str, fwd_s: Callable, fwd_a: Callable,
           part_s: Callable, part_a: Callable, local: str, *, formulas: tuple[str],
           description: str, **kw: Any) -> Op:
    """A one-argument op written in call syntax: ``name(a)`` (``formulas`` and
    ``description`` as keywords: tools/update_translations.py collects them so)."""
    expr = kw.pop("expr", f"{name}({{0}})")
    return elementwise(name, symbol, group, ("a",), fwd_s, fwd_a, (part_s,), (part_a,),
                       formulas, f"{{out}} = {expr}", expr=expr, local_texts=(local,),
                       torch_name=kw.pop("torch_name", name), description=description, **kw)


TABLE: list[Op] = [
    # -- trigonometric and hyperbolic ---------------------------------------------------
    _unary("sinh", "sinh", "trigonometry", math.sinh, np.sinh,
           lambda o, a: math.cosh(a), lambda o, a: np.cosh(a),
           "cosh({0})", formulas=("∂sinh(α)/∂α = cosh(α)",),
           description="hyperbolic sine"),
    _unary("cosh", "cosh", "trigonometry", math.cosh, np.cosh,
           lambda o, a: math.sinh(a), lambda o, a: np.sinh(a),
           "sinh({0})", formulas=("∂cosh(α)/∂α = sinh(α)",),
           description="hyperbolic cosine"),
    _unary("asin", "asin", "trigonometry", math.asin, np.arcsin,
           lambda o, a: 1.0 / math.sqrt(1.0 - a * a), lambda o, a: 1.0 / np.sqrt(1.0 - a * a),
           "1/√(1 − {0}²)", formulas=("∂asin(α)/∂α = 1/√(1 − α²)",),
           description="inverse sine (arcsine) of a, for −1 ≤ a ≤ 1",
           domain=_domain("asin_domain", lambda a: np.abs(a) > 1),
           kink=("edge", "asin′(±1) = inf"), kink_at=lambda a: (1.0 - a) * (1.0 + a),
           kink_place="α = ±1"),
    _unary("acos", "acos", "trigonometry", math.acos, np.arccos,
           lambda o, a: -1.0 / math.sqrt(1.0 - a * a),
           lambda o, a: -1.0 / np.sqrt(1.0 - a * a),
           "−1/√(1 − {0}²)", formulas=("∂acos(α)/∂α = −1/√(1 − α²)",),
           description="inverse cosine (arccosine) of a, for −1 ≤ a ≤ 1",
           domain=_domain("acos_domain", lambda a: np.abs(a) > 1),
           kink=("edge", "acos′(±1) = −inf"), kink_at=lambda a: (1.0 - a) * (1.0 + a),
           kink_place="α = ±1"),
    _unary("atan", "atan", "trigonometry", math.atan, np.arctan,
           lambda o, a: 1.0 / (1.0 + a * a), lambda o, a: 1.0 / (1.0 + a * a),
           "1/(1 + {0}²)", formulas=("∂atan(α)/∂α = 1/(1 + α²)",),
           description="inverse tangent (arctangent)"),
    # -- powers, exponentials and logarithms --------------------------------------------
    _unary("square", "a²", "powers", lambda a: a * a, lambda a: a * a,
           lambda o, a: 2.0 * a, lambda o, a: 2.0 * a,
           "2·{0}", formulas=("∂(α²)/∂α = 2α",),
           description="a², the same as a ** 2"),
    _unary("reciprocal", "1/a", "powers", lambda a: 1.0 / a, lambda a: 1.0 / a,
           lambda o, a: -o * o, lambda o, a: -o * o,
           "−1/{0}²", formulas=("∂(1/α)/∂α = −1/α²",),
           description="1/a, for a ≠ 0",
           domain=_domain("reciprocal_domain", lambda a: a == 0)),
    _unary("exp2", "2ᵃ", "powers", lambda a: math.pow(2.0, a), np.exp2,
           lambda o, a: o * LN2, lambda o, a: o * LN2,
           "2^{0}·ln 2", formulas=("∂(2ᵅ)/∂α = 2ᵅ·ln 2",),
           description="2ᵃ, two to the power a"),
    _unary("expm1", "expm1", "powers", math.expm1, np.expm1,
           lambda o, a: o + 1.0, lambda o, a: o + 1.0,
           "exp({0})", formulas=("∂(eᵅ − 1)/∂α = eᵅ",),
           description="eᵃ − 1, accurate when a is close to 0"),
    _unary("log2", "log₂", "powers", math.log2, np.log2,
           lambda o, a: 1.0 / (a * LN2), lambda o, a: 1.0 / (a * LN2),
           "1/({0}·ln 2)", formulas=("∂log₂(α)/∂α = 1/(α·ln 2)",),
           description="base-2 logarithm",
           domain=_domain("log2_domain", lambda a: a <= 0)),
    _unary("log10", "log₁₀", "powers", math.log10, np.log10,
           lambda o, a: 1.0 / (a * LN10), lambda o, a: 1.0 / (a * LN10),
           "1/({0}·ln 10)", formulas=("∂log₁₀(α)/∂α = 1/(α·ln 10)",),
           description="base-10 logarithm",
           domain=_domain("log10_domain", lambda a: a <= 0)),
    _unary("log1p", "log1p", "powers", math.log1p, np.log1p,
           lambda o, a: 1.0 / (1.0 + a), lambda o, a: 1.0 / (1.0 + a),
           "1/(1 + {0})", formulas=("∂log(1 + α)/∂α = 1/(1 + α)",),
           description="log(1 + a), accurate when a is close to 0",
           domain=_domain("log1p_domain", lambda a: a <= -1)),
    # -- activations ----------------------------------------------------------------------
    _unary("softplus", "soft+", "activations", _softplus_s, _softplus_a,
           _softplus_partial_s, _softplus_partial_a,
           "σ({0})",
           formulas=("∂softplus(α)/∂α = σ(α); 1 for α > 20, where PyTorch's softplus is α "
                     "itself",),
           description="log(1 + eᵃ), a smooth relu (a itself above 20, as in PyTorch)",
           torch_name="nn.functional.softplus",
           kink=("kink", "softplus(α) = α for α > 20"),
           kink_at=lambda a: a - SOFTPLUS_THRESHOLD, kink_place="α = 20"),
    _unary("leaky_relu", "leaky", "activations", _leaky_s, _leaky_a,
           _leaky_partial_s, _leaky_partial_a,
           "([{0} > 0] + 0.01·[{0} ≤ 0])",
           formulas=("∂leaky_relu(α)/∂α = 1 if α > 0, else the slope (the slope at α = 0, "
                     "as in PyTorch)",),
           description="a if a > 0, else slope·a (slope 0.01 unless given)",
           expr="leaky_relu({0}, 0.01)", analytic=False,
           torch_name="nn.functional.leaky_relu", kink=("kink", "leaky_relu′(0) = 0.01"),
           params=(Param("slope", "number", 0.01),), param_texts=_leaky_texts,
           torch_params=lambda slope: {"negative_slope": slope}),
    # -- piecewise: kinks and ties ------------------------------------------------------
    _unary("sign", "sign", "piecewise", _sign_s, np.sign, _zero_s, _zero_a,
           "0", formulas=("∂sign(α)/∂α = 0 (also at α = 0, as in PyTorch)",),
           description="sign of a: −1, 0 or 1", analytic=False, kink=("kink", "sign′(0) = 0")),
    elementwise(
        "maximum", "max", "piecewise", ("a", "b"), max, np.maximum,
        (lambda o, a, b: _share_s(a, b), lambda o, a, b: _share_s(b, a)),
        (lambda o, a, b: _share_a(a, b), lambda o, a, b: _share_a(b, a)),
        ("∂maximum(α, β)/∂α = 1 if α > β, 0 if α < β, ½ at a tie (as in PyTorch)",
         "∂maximum(α, β)/∂β = 1 if β > α, 0 if β < α, ½ at a tie (as in PyTorch)"),
        "{out} = maximum({0}, {1})", analytic=False,
        expr="maximum({0}, {1})",
        local_texts=("([{0} > {1}] + ½·[{0} = {1}])", "([{1} > {0}] + ½·[{0} = {1}])"),
        torch_name="maximum", kink=("kink", "½ to each argument at α = β"),
        kink_at=lambda a, b: np.subtract(a, b), kink_place="α = β",
        description="the larger of a and b, element by element"),
    elementwise(
        "minimum", "min", "piecewise", ("a", "b"), min, np.minimum,
        (lambda o, a, b: _share_s(b, a), lambda o, a, b: _share_s(a, b)),
        (lambda o, a, b: _share_a(b, a), lambda o, a, b: _share_a(a, b)),
        ("∂minimum(α, β)/∂α = 1 if α < β, 0 if α > β, ½ at a tie (as in PyTorch)",
         "∂minimum(α, β)/∂β = 1 if β < α, 0 if β > α, ½ at a tie (as in PyTorch)"),
        "{out} = minimum({0}, {1})", analytic=False,
        expr="minimum({0}, {1})",
        local_texts=("([{0} < {1}] + ½·[{0} = {1}])", "([{1} < {0}] + ½·[{0} = {1}])"),
        torch_name="minimum", kink=("kink", "½ to each argument at α = β"),
        kink_at=lambda a, b: np.subtract(a, b), kink_place="α = β",
        description="the smaller of a and b, element by element"),
    _unary("clamp", "clamp", "piecewise", _clamp_s, _clamp_a,
           _clamp_partial_s, _clamp_partial_a,
           "[lo ≤ {0} ≤ hi]",
           formulas=("∂clamp(α, lo, hi)/∂α = 1 if lo ≤ α ≤ hi (1 at the bounds too, as in "
                     "PyTorch), else 0",),
           description="a limited to the interval [lo, hi]",
           expr="clamp({0}, lo, hi)", analytic=False,
           kink=("kink", "clamp′ = 1 at lo and at hi"),
           kink_at=lambda a, *, lo, hi: (np.asarray(a) - lo) * (np.asarray(a) - hi),
           kink_place="α = lo, α = hi",
           params=(Param("lo", "number"), Param("hi", "number")), param_texts=_clamp_texts,
           torch_params=lambda lo, hi: {"min": lo, "max": hi}),
]

# Backward rules as graphs (see basic.py for the builder B) ---------------------------


def _positive(B: Any, a: Any) -> Any:
    """[a > 0], exactly: 1 − 0**relu(a) (0 at a = 0; its own derivative is 0)."""
    return B.sub(B.const(1.0), B.pow(B.const(0.0), B.relu(a)))


def _nonnegative(B: Any, a: Any) -> Any:
    """[a ≥ 0], exactly: 0**relu(−a)."""
    return B.pow(B.const(0.0), B.relu(B.neg(a)))


def _share(B: Any, a: Any, b: Any) -> Any:
    """∂max(a, b)/∂a = (1 + sign(a − b))/2: 1, ½ at a tie, 0."""
    return B.mul(B.const(0.5), B.add(B.const(1.0), B.sign(B.sub(a, b))))


def _softplus_rule(B: Any, g: Any, o: Any, a: Any) -> Any:
    # σ(a) + [a > 20]·(1 − σ(a)): torch's derivative, 1 where it returns a itself
    s = B.sigmoid(a)
    above = _positive(B, B.sub(a, B.const(SOFTPLUS_THRESHOLD)))
    return B.mul(g, B.add(s, B.mul(above, B.sub(B.const(1.0), s))))


def _leaky_rule(B: Any, g: Any, o: Any, a: Any, *, slope: float) -> Any:
    # slope + (1 − slope)·[a > 0]
    local = B.add(B.const(slope), B.mul(B.const(1.0 - slope), _positive(B, a)))
    return B.mul(g, local)


def _clamp_rule(B: Any, g: Any, o: Any, a: Any, *, lo: float, hi: float) -> Any:
    inside = B.mul(_nonnegative(B, B.sub(a, B.const(lo))),
                   _nonnegative(B, B.sub(B.const(hi), a)))
    return B.mul(g, inside)


GRAD_RULES: dict[str, tuple[Callable[..., Any], ...]] = {
    "sinh": (lambda B, g, o, a: B.mul(g, B.cosh(a)),),
    "cosh": (lambda B, g, o, a: B.mul(g, B.sinh(a)),),
    "asin": (lambda B, g, o, a: B.div(g, B.sqrt(B.sub(B.const(1.0), B.mul(a, a)))),),
    "acos": (lambda B, g, o, a: B.neg(B.div(g, B.sqrt(B.sub(B.const(1.0), B.mul(a, a))))),),
    "atan": (lambda B, g, o, a: B.div(g, B.add(B.const(1.0), B.mul(a, a))),),
    "square": (lambda B, g, o, a: B.mul(g, B.mul(B.const(2.0), a)),),
    "reciprocal": (lambda B, g, o, a: B.neg(B.mul(g, B.mul(o, o))),),
    "exp2": (lambda B, g, o, a: B.mul(g, B.mul(o, B.const(LN2))),),
    "expm1": (lambda B, g, o, a: B.mul(g, B.add(o, B.const(1.0))),),
    "log2": (lambda B, g, o, a: B.div(g, B.mul(a, B.const(LN2))),),
    "log10": (lambda B, g, o, a: B.div(g, B.mul(a, B.const(LN10))),),
    "log1p": (lambda B, g, o, a: B.div(g, B.add(B.const(1.0), a)),),
    "softplus": (_softplus_rule,),
    "leaky_relu": (_leaky_rule,),
    "sign": (lambda B, g, o, a: None,),
    "maximum": (lambda B, g, o, a, b: B.mul(g, _share(B, a, b)),
                lambda B, g, o, a, b: B.mul(g, _share(B, b, a))),
    "minimum": (lambda B, g, o, a, b: B.mul(g, _share(B, b, a)),
                lambda B, g, o, a, b: B.mul(g, _share(B, a, b))),
    "clamp": (_clamp_rule,),
}


# The textbook rules (core/symbolic.py; see basic.py for the builder S).  The step
# functions are written as in basic: [a > 0] = 1 − 0**relu(a), sign as the primitive.

def _s_share(S: Any, a: Any, b: Any) -> Any:
    return S.div(S.add(S.ONE, S.f("sign", S.sub(a, b))), S.const(2))


def _s_positive(S: Any, a: Any) -> Any:
    return S.sub(S.ONE, S.f("pow", S.ZERO, S.f("relu", a)))


def _s_nonnegative(S: Any, a: Any) -> Any:
    return S.f("pow", S.ZERO, S.f("relu", S.neg(a)))


def _s_minus(S: Any, a: Any, c: float) -> Any:
    """a − c, written a + 1 rather than a − −1."""
    return S.add(a, S.const(-c)) if c < 0 else S.sub(a, S.const(c))


SYMBOLIC_RULES: dict[str, Callable[..., Any] | None] = {
    "sinh": lambda S, a, b, da, db: S.mul(S.f("cosh", a), da),
    "cosh": lambda S, a, b, da, db: S.mul(S.f("sinh", a), da),
    "asin": lambda S, a, b, da, db: S.div(da, S.f("sqrt", S.sub(S.ONE, S.f("pow", a,
                                                                             S.const(2))))),
    "acos": lambda S, a, b, da, db: S.neg(S.div(da, S.f("sqrt", S.sub(
        S.ONE, S.f("pow", a, S.const(2)))))),
    "atan": lambda S, a, b, da, db: S.div(da, S.add(S.ONE, S.f("pow", a, S.const(2)))),
    "square": lambda S, a, b, da, db: S.mul(S.mul(S.const(2), a), da),
    "reciprocal": lambda S, a, b, da, db: S.neg(S.div(da, S.f("pow", a, S.const(2)))),
    "exp2": lambda S, a, b, da, db: S.mul(S.mul(S.f("exp2", a), S.f("log", S.const(2))), da),
    "expm1": lambda S, a, b, da, db: S.mul(S.f("exp", a), da),
    "log2": lambda S, a, b, da, db: S.div(da, S.mul(a, S.f("log", S.const(2)))),
    "log10": lambda S, a, b, da, db: S.div(da, S.mul(a, S.f("log", S.const(10)))),
    "log1p": lambda S, a, b, da, db: S.div(da, S.add(S.ONE, a)),
    # the textbook's σ(a); PyTorch's 1 above 20 differs from it by less than 2e-9
    "softplus": lambda S, a, b, da, db: S.mul(S.f("sigmoid", a), da),
    "sign": lambda S, a, b, da, db: S.ZERO,
    "maximum": lambda S, a, b, da, db: S.add(S.mul(_s_share(S, a, b), da),
                                             S.mul(_s_share(S, b, a), db)),
    "minimum": lambda S, a, b, da, db: S.add(S.mul(_s_share(S, b, a), da),
                                             S.mul(_s_share(S, a, b), db)),
    # parameters come as keywords: slope + (1 − slope)·[a > 0]; [lo ≤ a]·[a ≤ hi]
    "leaky_relu": lambda S, a, b, da, db, *, slope: S.mul(S.add(
        S.const(slope), S.mul(S.const(1.0 - slope), _s_positive(S, a))), da),
    "clamp": lambda S, a, b, da, db, *, lo, hi: S.mul(S.mul(
        _s_nonnegative(S, _s_minus(S, a, lo)), _s_nonnegative(S, S.sub(S.const(hi), a))), da),
}

# How sympy writes them (check/symbolic.py).  The smooth ones sympy knows by the same
# name; the others stay opaque functions of our own name (sympy must not turn them into
# Piecewise, which the language cannot print), like relu in basic.
SYMPY: dict[str, Callable[..., Any] | None] = {
    "sinh": lambda sp, a: sp.sinh(a), "cosh": lambda sp, a: sp.cosh(a),
    "asin": lambda sp, a: sp.asin(a), "acos": lambda sp, a: sp.acos(a),
    "atan": lambda sp, a: sp.atan(a),
    "square": lambda sp, a: a ** 2, "reciprocal": lambda sp, a: 1 / a,
    "exp2": lambda sp, a: sp.Function("exp2")(a),
    "expm1": lambda sp, a: sp.Function("expm1")(a),
    "log2": lambda sp, a: sp.Function("log2")(a),
    "log10": lambda sp, a: sp.Function("log10")(a),
    "log1p": lambda sp, a: sp.Function("log1p")(a),
    "softplus": lambda sp, a: sp.Function("softplus")(a),
    "sign": lambda sp, a: sp.Function("sign")(a),
    "maximum": lambda sp, a, b: sp.Function("maximum")(a, b),
    "minimum": lambda sp, a, b: sp.Function("minimum")(a, b),
    "leaky_relu": lambda sp, a, slope: sp.Function("leaky_relu")(a, slope),
    "clamp": lambda sp, a, lo, hi: sp.Function("clamp")(a, lo, hi),
}
