"""The primitive table: every operation the engine knows, declared once.

Each family module (``basic``, ...) declares its primitives completely: the ``Op``
entries (forward, partials, VJPs, narration texts, shape, kink, PyTorch name) and, keyed
by op name beside them, ``GRAD_RULES`` (the backward rule as a graph of primitives),
``SYMBOLIC_RULES`` (the textbook rule) and ``SYMPY`` (how sympy writes it), plus the
``MESSAGES`` its domain checks give.  This module puts the families together; everyone
else reads ``ops.OPS``, ``ops.get`` and the merged tables here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from . import basic, elementwise, losses, model, reductions, shapes
from .model import REQUIRED, Op, Param, ParamError, Value

__all__ = ["BINARY_INFIX", "GRAD_RULES", "GROUPS", "MESSAGES", "OPS", "REQUIRED",
           "SYMBOLIC_RULES", "SYMPY", "Op", "Param", "ParamError", "Value", "bound", "get"]

_FAMILIES = (basic, elementwise, reductions, shapes, losses)

MESSAGES: dict[str, str] = dict(model.MESSAGES)
GRAD_RULES: dict[str, tuple[Callable[..., Any], ...]] = {}
SYMBOLIC_RULES: dict[str, Callable[..., Any] | None] = {}
SYMPY: dict[str, Callable[..., Any] | None] = {}
OPS: dict[str, Op] = {}
for _family in _FAMILIES:
    MESSAGES.update(_family.MESSAGES)
    GRAD_RULES.update(_family.GRAD_RULES)
    SYMBOLIC_RULES.update(_family.SYMBOLIC_RULES)
    SYMPY.update(_family.SYMPY)
    # Each primitive's backward rule is declared beside it and attached to its entry.
    OPS.update((op.name, dataclasses.replace(op, grad=_family.GRAD_RULES[op.name]))
               for op in _family.TABLE)

# Palette groups, in the palette's order (each op names one).
GROUPS: tuple[str, ...] = ("arithmetic", "powers", "trigonometry", "activations", "piecewise",
                           "reductions", "shapes", "losses")

# Operators the parser and printer know, by text: binary ones, and unary minus.
BINARY_INFIX: dict[str, str] = {"+": "add", "-": "sub", "*": "mul", "/": "div",
                                "**": "pow", "@": "matmul"}


def get(name: str) -> Op:
    """The primitive called ``name``; KeyError with the known names if there is none."""
    try:
        return OPS[name]
    except KeyError:
        raise KeyError(f"unknown operation {name!r}; known: {', '.join(OPS)}") from None


def bound(name: str, params: Any = None) -> Op:
    """The primitive ``name`` with ``params`` bound (``Op.bind``; itself without params)."""
    return OPS[name].bind(params)
