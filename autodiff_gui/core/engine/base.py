"""What every part of the engine shares: its messages, ``EvalError`` and value helpers.

Imports nothing of the engine (every other module of the package imports it).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import ops
from ..graph import TemplatedMessage, Text, _reason, as_value, format_value

Value = Any
_FP_ERRORS = (ValueError, ZeroDivisionError, OverflowError, FloatingPointError, TypeError)
# numpy settings of the checked and array paths: every overflow or invalid
# operation raises (underflow to 0 is fine).
_RAISE = dict(over="raise", divide="raise", invalid="raise", under="ignore")

# The English templates of the engine's messages (translated in context "core").
MESSAGES: dict[str, str] = {
    "upstream": "upstream gradient: {reason}",
    "empty": "the graph is empty: add an input and an operation",
    "no_node": "there is no node {node}",
    "needs_argument": "{node} needs its {slot!r} argument",
    "no_input": "there is no input called {name!r}",
    "value_of": "value of {name}: {reason}",
    "initial_no_input": "initial gradient: there is no input called {name!r}",
    "initial_value": "initial gradient of {name}: {reason}",
    "initial_shape": "the initial gradient of {name} has shape {got}, but {name} has shape "
                     "{want}",
    "accumulated_overflow": "the accumulated gradient is not finite (overflow)",
    "upstream_shape": "the upstream gradient has shape {got}, but the output has shape {want}",
    "wrt_unknown": "there is no input called {wrt!r} on the way to the output",
    "tangent_value": "tangent of {wrt}: {reason}",
    "tangent_shape": "the tangent of {wrt} must have shape {shape}",
    "shapes": "shapes {shapes} do not fit {op}: {detail}",
    "no_broadcast": "arrays combine element by element only where, axis by axis from the "
                    "last, the lengths are equal or one of them is 1",
    "no_fit": "the shapes do not match",
    "overflow": "the result is not a finite number (overflow)",
    "derivative": "the derivative {formula} is not finite here (at {args})",
    "gradient_overflow": "the gradient collected at {label} is not finite (overflow): "
                         "{before} + {amount}",
    "forward_needs_wrt": "forward mode needs an input to carry the tangent of",
    "unknown_mode": "unknown mode {mode!r}",
}


_OPS_MESSAGES = frozenset(ops.MESSAGES.values())


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "core", **params)


class EvalError(TemplatedMessage, Exception):
    """Evaluation stopped at a node: out of domain, not finite, or shapes that don't fit.

    ``message`` is usually a ``Text`` (see ``graph.Text``): ``template`` and ``params``
    tell how it was made, for translation; ``location()`` is the node in symbols.
    """

    def __init__(self, message: str, *, node: int, label: str, op: str | None,
                 inputs: tuple[Value, ...] = (), kind: str = "domain",
                 pass_name: str = "forward") -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.label = label
        self.op = op
        self.inputs = inputs
        self.kind = kind  # domain or shape
        self.pass_name = pass_name  # forward, backward or tangent

    def location(self) -> str:
        """Where it stopped, in symbols: ``d = log(-1)`` (or the label alone)."""
        args = ", ".join(format_value(v) for v in self.inputs)
        return f"{self.label} = {self.op}({args})" if self.op else self.label

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


def unbroadcast(g: Value, shape: tuple[int, ...]) -> Value:
    """Sum a gradient back to the shape of a broadcast operand."""
    gshape = np.shape(g)
    if gshape == shape:
        return g
    if shape == ():
        total = np.sum(g)
        return total if np.iscomplexobj(total) else float(total)
    extra = len(gshape) - len(shape)
    if extra > 0:
        g = np.sum(g, axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and np.shape(g)[i] != 1)
    if axes:
        g = np.sum(g, axis=axes, keepdims=True)
    return np.broadcast_to(g, shape).copy() if np.shape(g) != shape else g


def _is_scalar(v: Value) -> bool:
    return isinstance(v, float)


def _finite(v: Value) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    return bool(np.all(np.isfinite(v)))


def _add(a: Value | None, b: Value) -> Value:
    # Never in place: an add's VJP hands the same array to both arguments.
    return b if a is None else a + b


def _zero_like(v: Value) -> Value:
    return 0.0 if np.ndim(v) == 0 else np.zeros(np.shape(v))


def _weigh(weights: Value | None, t: Value) -> Value:
    return t if weights is None else weights * t


def _plain(v: Value) -> Value:
    """A 0-d array as a float (np.where and friends return them for scalars)."""
    if type(v) is np.ndarray and v.ndim == 0:
        return float(v)
    return v


def parse_upstream(value: Any) -> Value:
    """An upstream gradient as the engine takes it (ValueError if not numeric)."""
    try:
        return as_value(value)
    except ValueError as exc:
        raise ValueError(_msg("upstream", reason=_reason(exc))) from None

