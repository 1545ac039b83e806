"""The shape of a primitive: the ``Op`` record every family of primitives fills in.

Argument convention, everywhere in this package:
  forward(*args) -> out
  partial[i](out, *args) -> ∂out/∂args[i] (elementwise ops only)
  vjp[i](g, out, *args) -> g·∂out/∂args[i] before un-broadcasting
  jvp(out, args, tangents) -> tangent of out (a tangent of None is zero)
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

Value = Any  # float | np.ndarray; kept loose so complex arrays fit too

# Why a parameter is refused, in English (context "ops", like the families' MESSAGES).
MESSAGES: dict[str, str] = {
    "param_unknown": "there is no parameter {name!r} (the parameters: {known})",
    "param_none": "takes no parameters",
    "param_missing": "needs its parameter {name!r}",
    "param_axis": "{name} must be a whole number or None, not {value}",
    "param_axis_range": "{name} must be between −{limit} and {last}, not {value}",
    "param_shape": "{name} must be a list of whole numbers (one of them may be −1), "
                   "not {value}",
    "param_shape_minus": "{name} may contain −1 only once",
    "param_index": "{name} must be a list of whole numbers and slices (start, stop, step), "
                   "not {value}",
    "param_step": "a slice's step must not be 0",
    "param_number": "{name} must be a finite number, not {value}",
    "param_long": "{name} has too many entries ({count}; the limit is {limit})",
}

PARAM_KINDS = ("axis", "shape", "index", "number")
_MAX_ENTRIES = 32  # axes of an array (graph.MAX_AXES)
_MAX_INT = 2**31 - 1


class _Required:
    """The default of a parameter that has none (it must be given)."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


class ParamError(ValueError):
    """A refused parameter: ``template`` (from ``MESSAGES``) filled with ``params``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.template = MESSAGES[code]
        self.params = params
        super().__init__(self.template.format(**params))


@dataclass(frozen=True)
class Param:
    """One parameter of an op: a literal value fixed per node (an axis, a shape...).

    ``kind``: "axis" (int or None), "shape" (tuple of ints, -1 allowed once), "index"
    (tuple of ints and slices written (start, stop, step) with None for blanks) or
    "number" (float).  Values are plain JSON-able Python values.
    """

    name: str
    kind: str
    default: Any = REQUIRED

    def __post_init__(self) -> None:
        assert self.kind in PARAM_KINDS, self.kind

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def check(self, value: Any) -> Any:
        """The value in its one canonical form (tuples, ints, floats); ParamError if bad."""
        return _CHECKS[self.kind](self.name, value)


def _whole(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (3 or 3.0, not True), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return None
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value) or not float(value).is_integer():
            return None
    if abs(value) > _MAX_INT:
        return None
    return int(value)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_axis(name: str, value: Any) -> int | None:
    if value is None:
        return None
    axis = _whole(value)
    if axis is None:
        raise ParamError("param_axis", name=name, value=_show(value))
    if not -_MAX_ENTRIES <= axis < _MAX_ENTRIES:
        raise ParamError("param_axis_range", name=name, limit=_MAX_ENTRIES,
                         last=_MAX_ENTRIES - 1, value=axis)
    return axis


def _entries(name: str, value: Any, code: str) -> tuple[Any, ...]:
    if isinstance(value, (list, tuple)):
        if len(value) > _MAX_ENTRIES:
            raise ParamError("param_long", name=name, count=len(value), limit=_MAX_ENTRIES)
        return tuple(value)
    raise ParamError(code, name=name, value=_show(value))


def _check_shape(name: str, value: Any) -> tuple[int, ...]:
    if _whole(value) is not None:  # reshape(x, 6): one axis
        value = (value,)
    dims = []
    for item in _entries(name, value, "param_shape"):
        n = _whole(item)
        if n is None or (n < 1 and n != -1):
            raise ParamError("param_shape", name=name, value=_show(value))
        dims.append(n)
    if dims.count(-1) > 1:
        raise ParamError("param_shape_minus", name=name)
    return tuple(dims)


def _check_index(name: str, value: Any) -> tuple[Any, ...]:
    if _whole(value) is not None:  # x[0]
        value = (value,)
    items: list[Any] = []
    for item in _entries(name, value, "param_index"):
        whole = _whole(item)
        if whole is not None:
            items.append(whole)
            continue
        if not isinstance(item, (list, tuple)) or len(item) != 3:
            raise ParamError("param_index", name=name, value=_show(value))
        parts = tuple(None if p is None else _whole(p) for p in item)
        if any(q is None and p is not None for p, q in zip(item, parts, strict=True)):
            raise ParamError("param_index", name=name, value=_show(value))
        if parts[2] == 0:
            raise ParamError("param_step")
        items.append(parts)
    return tuple(items)


def _check_number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value):
        raise ParamError("param_number", name=name, value=_show(value))
    return float(value)


_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "axis": _check_axis, "shape": _check_shape, "index": _check_index, "number": _check_number,
}

# The fields of an Op holding callables that take the op's parameters as keywords.
_KERNELS = ("forward_s", "forward_a", "jvp_custom", "domain", "shape", "element_local",
            "kink_at")
_KERNEL_TUPLES = ("partial_s", "partial_a", "vjp_s", "vjp_a", "grad")


def broadcast_shape(*shapes: tuple[int, ...], **_params: Any) -> tuple[int, ...]:
    """Elementwise ops: numpy's broadcasting (ValueError if the shapes do not fit)."""
    return tuple(np.broadcast_shapes(*shapes))


def reduced_shape(shape: tuple[int, ...], **_params: Any) -> tuple[int, ...]:
    return ()


@dataclass(frozen=True)
class Op:
    """One primitive: how to compute it, differentiate it and show it."""

    name: str
    arity: int
    symbol: str  # the label drawn on a block
    group: str  # palette group: arithmetic, functions, activations, reductions
    slots: tuple[str, ...]  # one name per argument slot
    ordered: bool  # argument order matters, so the canvas labels the ports
    forward_s: Callable[..., float] | None  # on floats; None: arrays only
    forward_a: Callable[..., Value]
    partial_s: tuple[Callable[..., float], ...] | None  # elementwise ops only
    partial_a: tuple[Callable[..., Value], ...] | None
    vjp_s: tuple[Callable[..., float], ...]
    vjp_a: tuple[Callable[..., Value], ...]
    # One local-derivative rule per slot, written with α and β: no node can have those
    # names (node names are ASCII), so a rule never reads as a statement about a node.
    formulas: tuple[str, ...]
    template: str  # how the forward step reads: "{out} = {0}·{1}"
    domain: Callable[..., str | None] | None = None
    analytic: bool = True
    elementwise: bool = True
    jvp_custom: Callable[..., Value] | None = None
    infix: str | None = None  # printer/parser operator, if any
    # Written after its one argument instead of as a call: ".T" (A.T) or "[]" (x[1, :],
    # its one "index" parameter in brackets).  The parser and printer read it here.
    postfix: str | None = None
    # A call with more arguments than slots is a left chain of this op, each link with
    # the same parameters: stack(a, b, c) is stack(stack(a, b), c) (see core/ops/shapes.py).
    chain: bool = False
    precedence: int = 10  # binding strength for the printer (10 = call syntax)
    description: str = ""
    extra: dict = field(default_factory=dict)
    # -- how the narration says it (operand labels fill {0} and {1}) ----------------
    expr: str = ""  # the op applied to its operands as it stands after ∂: "({0}·{1})"
    local_texts: tuple[str, ...] = ()  # ∂out/∂arg per slot in symbols: ("{1}", "{0}")
    # Ops without a per-element local derivative: what flows back to each slot, {g}
    # being the gradient that reached the node ("{g}·{1}ᵀ").
    backward_texts: tuple[str, ...] = ()
    # Ops that are not elementwise: how a forward-mode tangent {t} goes through.
    tangent_texts: tuple[str, ...] = ()
    # Reductions: the local derivative every element of the argument shares (1, 1/n).
    element_local: Callable[[Value], float] | None = None
    # -- shapes, kinks and the PyTorch reference -----------------------------------
    shape: Callable[..., tuple[int, ...]] | None = None  # argument shapes -> output shape
    # (kind, what PyTorch returns there) if the derivative has a kink ("kink") or an
    # infinite edge ("edge") where the argument is 0.
    kink: tuple[str, str] | None = None
    # Where the kink or edge is, when it is not where the first argument is 0: a function
    # of the arguments (and parameters) that is 0 there (maximum: a − b), and how the
    # finite-difference notes say the place ("α = β").
    kink_at: Callable[..., Value] | None = None
    kink_place: str = ""
    torch_name: str = ""  # the torch function of the same meaning
    # A slot that PyTorch is given as a plain number when it is a 0-d constant (x ** 2).
    torch_number_slot: int | None = None
    # Whether a constant argument may get a zero tangent in PyTorch's forward mode
    # (a zero tangent of pow's exponent would multiply 0 by log of a negative base).
    torch_zero_tangent: bool = True
    # -- the backward graph (core/backward_graph.py) ----------------------------------
    # Per slot, g·∂out/∂arg built from this table's own primitives: rule(B, g, out, *args)
    # returns a node of the builder B (B.mul(x, y), B.const(v), ...) or None for a zero
    # contribution.  The builder sums a broadcast result back to the argument's shape.
    grad: tuple[Callable[..., Any], ...] = ()
    # -- parameters (literal values fixed per node: an axis, a shape, a slope) ---------
    params: tuple[Param, ...] = ()
    # Params -> the narration fields that depend on them ({"template": ..., "expr": ...}),
    # e.g. sum over axis 0 says which axis it sums.  None: the texts above as they are.
    param_texts: Callable[..., dict[str, Any]] | None = None
    # Params -> what PyTorch's function takes besides the tensors: a mapping of keyword
    # arguments (sum: {"dim": axis}) or a tuple of positional ones.  None: nothing.
    torch_params: Callable[..., Mapping[str, Any] | tuple[Any, ...]] | None = None
    # The parameter values a bound op (``bind``) was made with; None for a table entry.
    bound: Mapping[str, Any] | None = None
    _binds: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def check_params(self, params: Mapping[str, Any] | None, *,
                     complete: bool = True) -> dict[str, Any]:
        """``params`` validated and in canonical form, values equal to a default left out.

        Raises ParamError (a ValueError) naming the parameter and what is wrong.
        ``complete=False`` lets a required parameter be missing (a document's node may
        lack one, like a free argument slot, until it is evaluated).
        """
        params = dict(params or {})
        if not self.params:
            if params:
                raise ParamError("param_none")
            return {}
        known = {p.name: p for p in self.params}
        for name in params:
            if name not in known:
                raise ParamError("param_unknown", name=name, known=", ".join(known))
        out: dict[str, Any] = {}
        for p in self.params:
            if p.name not in params:
                if p.required and complete:
                    raise ParamError("param_missing", name=p.name)
                continue
            value = p.check(params[p.name])
            if p.required or value != p.default:
                out[p.name] = value
        return out

    def full_params(self, params: Mapping[str, Any] | None) -> dict[str, Any]:
        """Canonical ``params`` with every default filled in (ParamError if bad)."""
        given = self.check_params(params)
        return {p.name: given.get(p.name, p.default) for p in self.params}

    def bind(self, params: Mapping[str, Any] | None = None) -> Op:
        """This op with its parameters bound: every kernel, rule and text takes them.

        The result reads like an op without parameters, so the engine, the stepper and
        the narration use it unchanged.  Cached per parameter values; an op without
        parameters is itself.  ParamError if ``params`` are refused.
        """
        if not self.params:
            self.check_params(params)
            return self
        assert self.bound is None, "bind the table's op, not a bound one"
        full = self.full_params(params)
        key = tuple(full.items())
        bound = self._binds.get(key)
        if bound is None:
            bound = self._binds[key] = self._make_bound(full)
        return bound

    def _make_bound(self, full: dict[str, Any]) -> Op:
        changes: dict[str, Any] = {"bound": MappingProxyType(dict(full))}
        for name in _KERNELS:
            f = getattr(self, name)
            if f is not None:
                changes[name] = functools.partial(f, **full)
        for name in _KERNEL_TUPLES:
            fs = getattr(self, name)
            if fs is not None:
                changes[name] = tuple(functools.partial(f, **full) for f in fs)
        if self.param_texts is not None:
            changes.update(self.param_texts(**full))
        return dataclasses.replace(self, **changes)

    def given_params(self) -> dict[str, Any]:
        """A bound op's parameter values that differ from their defaults (as written)."""
        if not self.bound:
            return {}
        return {p.name: self.bound[p.name] for p in self.params
                if p.required or self.bound[p.name] != p.default}

    def torch_arguments(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """(positional, keyword) arguments PyTorch's function takes after the tensors."""
        if self.torch_params is None or self.bound is None:
            return (), {}
        extra = self.torch_params(**self.bound)
        return (tuple(extra), {}) if isinstance(extra, tuple) else ((), dict(extra))

    def jvp(self, out: Value, args: Sequence[Value], tangents: Sequence[Value | None],
            scalar: bool) -> Value | None:
        """Tangent of the output given the tangents of the arguments (None = 0)."""
        if all(t is None for t in tangents):
            return None
        if self.jvp_custom is not None:
            return self.jvp_custom(out, args, tangents)
        partials = self.partial_s if scalar else self.partial_a
        assert partials is not None
        total: Value = 0.0
        for i, t in enumerate(tangents):
            if t is not None:
                total = total + partials[i](out, *args) * t
        if not scalar and np.shape(total) != np.shape(out):
            # A scalar's tangent feeding a broadcast (x + [1, 2, 3]) moves every element.
            total = np.broadcast_to(total, np.shape(out)).copy()
        return total


def elementwise(name: str, symbol: str, group: str, slots: tuple[str, ...],
                 fwd_s: Callable, fwd_a: Callable, part_s: tuple[Callable, ...],
                 part_a: tuple[Callable, ...], formulas: tuple[str, ...], template: str,
                 vjp_s: tuple[Callable, ...] | None = None,
                 vjp_a: tuple[Callable, ...] | None = None, **kw: Any) -> Op:
    """Declare an elementwise op; the VJP defaults to g times the partial."""
    def default_vjp(partial: Callable) -> Callable:
        return lambda g, *xs, **params: g * partial(*xs, **params)

    return Op(name=name, arity=len(slots), symbol=symbol, group=group, slots=slots,
              ordered=kw.pop("ordered", False), forward_s=fwd_s, forward_a=fwd_a,
              partial_s=part_s, partial_a=part_a,
              vjp_s=vjp_s or tuple(default_vjp(p) for p in part_s),
              vjp_a=vjp_a or tuple(default_vjp(p) for p in part_a),
              formulas=formulas, template=template, shape=broadcast_shape, **kw)


def same(f: Callable) -> tuple[Callable, Callable]:
    """A rule written with arithmetic only works on floats and arrays alike."""
    return f, f
