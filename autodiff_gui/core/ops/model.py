"""The shape of a primitive: the ``Op`` record every family of primitives fills in.

Argument convention, everywhere in this package:
  forward(*args) -> out
  partial[i](out, *args) -> ∂out/∂args[i] (elementwise ops only)
  vjp[i](g, out, *args) -> g·∂out/∂args[i] before un-broadcasting
  jvp(out, args, tangents) -> tangent of out (a tangent of None is zero)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Value = Any  # float | np.ndarray; kept loose so complex arrays fit too



def broadcast_shape(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """Elementwise ops: numpy's broadcasting (ValueError if the shapes do not fit)."""
    return tuple(np.broadcast_shapes(*shapes))


def reduced_shape(shape: tuple[int, ...]) -> tuple[int, ...]:
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
        return lambda g, *xs: g * partial(*xs)

    return Op(name=name, arity=len(slots), symbol=symbol, group=group, slots=slots,
              ordered=kw.pop("ordered", False), forward_s=fwd_s, forward_a=fwd_a,
              partial_s=part_s, partial_a=part_a,
              vjp_s=vjp_s or tuple(default_vjp(p) for p in part_s),
              vjp_a=vjp_a or tuple(default_vjp(p) for p in part_a),
              formulas=formulas, template=template, shape=broadcast_shape, **kw)


def same(f: Callable) -> tuple[Callable, Callable]:
    """A rule written with arithmetic only works on floats and arrays alike."""
    return f, f
