"""Step records of the three passes: forward values, backward contributions, tangents.

A record holds everything a view needs to show one step (labels, values, local
derivatives, contributions and the running sums), so views never reach back into
the engine.  ``narration.Narration`` says them in words and numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import ops

Value = Any


@dataclass(frozen=True)
class ForwardStep:
    """One node evaluated in the forward pass."""

    index: int
    node: int
    label: str
    kind: str  # input, const or op
    op: str | None
    arg_nodes: tuple[int, ...]
    arg_labels: tuple[str, ...]
    arg_values: tuple[Value, ...]
    value: Value
    template: str = ""  # the op's "{out} = {0}·{1}"
    pass_name: str = "forward"
    params: Any = None  # the op's parameter values (Op.bound), None for an op without


@dataclass(frozen=True)
class Contribution:
    """What one backward step sends into one argument slot."""

    slot: int
    source: int  # the node that receives the gradient
    source_label: str
    local: Value | None  # ∂out/∂arg (elementwise ops); None for matmul
    local_text: str  # the local derivative in symbols: "d", "2·x"
    formula: str  # the primitive's rule: "∂(a·b)/∂a = b"
    amount: Value  # dout × local, summed back to the argument's shape
    before: Value | None  # the gradient accumulated at source (None: none yet)
    after: Value


@dataclass(frozen=True)
class BackwardStep:
    """One node's gradient passed back to its arguments."""

    index: int
    node: int
    label: str
    op: str
    template: str
    arg_labels: tuple[str, ...]
    arg_values: tuple[Value, ...]
    value: Value
    dout: Value  # ∂f/∂(this node), complete when the step runs
    contributions: tuple[Contribution, ...]
    pass_name: str = "backward"
    params: Any = None  # the op's parameter values (Op.bound), None for an op without


@dataclass(frozen=True)
class TangentStep:
    """One node in a forward-mode pass: its value and its tangent ∂node/∂wrt."""

    index: int
    node: int
    label: str
    kind: str
    op: str | None
    wrt: str
    arg_labels: tuple[str, ...]
    arg_tangents: tuple[Value | None, ...]
    locals: tuple[Value | None, ...]
    value: Value
    tangent: Value | None  # None: does not depend on wrt (zero)
    pass_name: str = "tangent"
    params: Any = None  # the op's parameter values (Op.bound), None for an op without


Step = ForwardStep | BackwardStep | TangentStep


def step_op(step: Step) -> Any:
    """The op of an op's step with its parameters bound (``Op.bind``): its texts and
    rules say them (sum over axis 0)."""
    op = ops.OPS[step.op]  # type: ignore[index]
    return op.bind(step.params) if step.params is not None else op


def record_maker(cls: type) -> Callable[..., Any]:
    """A fast constructor for a frozen record class: every field, positionally.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    (~1.5 µs a record); the engine makes one record per step, so it fills the
    instance dict directly (~0.6 µs).  The result is an ordinary, equal, frozen record.
    """
    names = tuple(f.name for f in dataclasses.fields(cls))
    new = object.__new__

    def make(*values: Any) -> Any:
        obj = new(cls)
        obj.__dict__.update(zip(names, values))
        return obj

    make.__doc__ = f"{cls.__name__}({', '.join(names)}), every field given."
    return make
