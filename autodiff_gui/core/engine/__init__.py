"""Compile a graph document into a flat program and run it.

``compile_graph`` walks the document once per edit; the program is a list of
instructions in topological order, so running never touches the graph again.

Two ways to run:

* the fast path (``evaluate``, ``gradient``, ``tangent``, ``forward_mode_gradient``)
  builds no records.  Scalar graphs run on Python floats with ``math`` kernels;
  others on numpy with floating-point errors raised.  If anything goes wrong it
  re-runs the checked path, which finds the culprit;
* the checked path (``iter_reverse``, ``iter_tangent``, wrapped by ``Stepper``)
  yields one record per step and raises ``EvalError`` naming the node.

Both call the same kernels in the same order and accumulate gradients the same
way, so a value or a gradient is the same to the last bit either way.  Nothing
returns nan or inf: a non-finite value, derivative or accumulated gradient is an
``EvalError`` on the node where it appeared.  No recursion anywhere: a
10,000-deep chain compiles and differentiates under a small recursion limit.

The rooms, each importing only those above it:

* ``base``: the messages (``MESSAGES``), ``EvalError``, value helpers (``unbroadcast``);
* ``instructions``: the compiled layout both paths read, leaves and seeds;
* ``checked``: the step-by-step passes that yield records and name a failing node;
* ``fast``: values and gradients without records, falling back on ``checked``;
* ``program``: ``Program`` (the compiled graph, running both ways) and ``compile_graph``;
* ``stepper``: ``Stepper``, one pass a step at a time, with a way back.

Everything public is importable from here: ``from autodiff_gui.core.engine import
compile_graph, Program, Stepper, EvalError``.  The engine imports only the core's
``ops``, ``graph`` and ``steps``; never Qt.
"""

from __future__ import annotations

from .base import MESSAGES, EvalError, Value, parse_upstream, unbroadcast
from .program import Program, compile_graph
from .stepper import Stepper

__all__ = [
    "MESSAGES",
    "EvalError",
    "Program",
    "Stepper",
    "Value",
    "compile_graph",
    "parse_upstream",
    "unbroadcast",
]
