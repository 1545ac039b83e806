"""Step records of the three passes, and their narration in words and numbers.

A record holds everything a view needs to show one step (labels, values, local
derivatives, contributions and the running sums), so views never reach back into
the engine.  Narration follows the seed notebook's notation and simpleautodiff's
trace: ``a = x ** 2 = 1 ** 2 = 1``, ``∂f/∂c = ∂f/∂z · d = 1 · 0.6931 = 0.6931``.

Sentence templates are English; a translator function (Qt's, in the window) may be
passed to ``narrate`` to speak another language.  ``TEMPLATES`` lists them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .graph import format_value

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


Step = ForwardStep | BackwardStep | TangentStep


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

# The local derivative of each slot in symbols, {0} and {1} being argument labels
# and {out} the node's own label.
LOCAL_TEXT: dict[str, tuple[str, ...]] = {
    "add": ("1", "1"), "sub": ("1", "−1"), "mul": ("{1}", "{0}"),
    "div": ("1/{1}", "−{0}/{1}²"), "neg": ("−1",),
    "pow": ("{1}·{0}^({1}−1)", "{0}^{1}·ln {0}"), "exp": ("exp({0})",),
    "log": ("1/{0}",), "sqrt": ("1/(2√{0})",), "sin": ("cos({0})",),
    # Sums in parentheses: they follow "∂f/∂out ·" in the narration.
    "cos": ("−sin({0})",), "tan": ("(1 + tan²({0}))",), "abs": ("sign({0})",),
    "tanh": ("(1 − tanh²({0}))",), "sigmoid": ("σ({0})·(1 − σ({0}))",),
    "relu": ("[{0} > 0]",), "sum": ("1",), "mean": ("1/n",),
    "matmul": ("G·{1}ᵀ", "{0}ᵀ·G"),
}

# What a matmul sends back, ∂f/∂out being the gradient that reached the node.
MATMUL_TEXT = ("∂f/∂{out}·{1}ᵀ", "{0}ᵀ·∂f/∂{out}")
# Forward mode through an op that is not elementwise: how the tangent t goes through.
TANGENT_TEXT: dict[str, tuple[str, ...]] = {
    "sum": ("Σ {t}",), "mean": ("mean({t})",), "matmul": ("{t} @ {1}", "{0} @ {t}"),
}

TEMPLATES: dict[str, str] = {
    "input": "{name} = {value}  (input)",
    "const": "constant {value}",
    "because": "{line}, so",
    "contribution": "∂f/∂{src} = ∂f/∂{out} · {local} = {dout} · {localv} = {amount}",
    "contribution_mm": "∂f/∂{src} = {local} = {amount}",
    "accumulate": "∂f/∂{src} += {amount}:  {before} + {amount} = {after}",
    "seed": "∂f/∂{out} = {dout}  (upstream gradient)",
    "tangent_input": "{name}: tangent ∂{name}/∂{wrt} = {tangent}",
    "tangent_const": "constant {value}: tangent 0",
    "tangent_op": "∂{out}/∂{wrt} = {terms} = {tangent}",
    "tangent_zero": "∂{out}/∂{wrt} = 0  (does not depend on {wrt})",
    "summed": "{line}  (summed back to the shape of {src}, {shape})",
    "summed_scalar": "{line}  (summed back to one number, as {src} is)",
}


def fmt(value: Value, digits: int = 4) -> str:
    """Numbers as the narration writes them."""
    if value is None:
        return "0"
    return format_value(value, digits)


def _operand(value: Value, digits: int = 4) -> str:
    """A number as an operand: negative ones in parentheses (``2 · (-1)``, ``(-2) ** 2``)."""
    text = fmt(value, digits)
    return f"({text})" if text.startswith("-") else text


def _fill(template: str, out: str, args: tuple[str, ...]) -> str:
    return template.format(*args, out=out)


def forward_text(step: ForwardStep, tr: Callable[[str], str] = str, digits: int = 4) -> str:
    """``a = x ** 2 = 1 ** 2 = 1``; inputs and constants get a short line."""
    if step.kind == "input":
        return tr(TEMPLATES["input"]).format(name=step.label, value=fmt(step.value, digits))
    if step.kind == "const":
        return tr(TEMPLATES["const"]).format(value=fmt(step.value, digits))
    symbolic = _fill(step.template, step.label, step.arg_labels)
    numbers = _fill(step.template, step.label,
                    tuple(_operand(v, digits) for v in step.arg_values)).split(" = ", 1)[1]
    return f"{symbolic} = {numbers} = {fmt(step.value, digits)}"


def backward_lines(step: BackwardStep, tr: Callable[[str], str] = str, digits: int = 4,
                   upstream_seed: bool = False) -> list[str]:
    """The chain rule for one node, one line per contribution plus the ``+=`` sums."""
    lines = []
    if upstream_seed:
        lines.append(tr(TEMPLATES["seed"]).format(out=step.label, dout=fmt(step.dout, digits)))
    lines.append(tr(TEMPLATES["because"]).format(
        line=_fill(step.template, step.label, step.arg_labels)))
    for c in step.contributions:
        local = c.local
        if local is None and step.op in ("sum", "mean"):
            # every element gets ∂f/∂out times the same local derivative, 1 or 1/n
            local = 1.0 if step.op == "sum" else 1.0 / np.size(step.arg_values[0])
        if local is None:
            text = MATMUL_TEXT[c.slot] if step.op == "matmul" else c.local_text
            lines.append(tr(TEMPLATES["contribution_mm"]).format(
                src=c.source_label, local=_fill(text, step.label, step.arg_labels),
                amount=fmt(c.amount, digits)))
        else:
            line = tr(TEMPLATES["contribution"]).format(
                src=c.source_label, out=step.label, local=c.local_text,
                dout=_operand(step.dout, digits), localv=_operand(local, digits),
                amount=fmt(c.amount, digits))
            if c.local is not None and _summed_back(step.dout, c.local, c.amount):
                # broadcasting copied this input: its copies' contributions add up
                shape = np.shape(c.amount)
                line = (tr(TEMPLATES["summed"]).format(line=line, src=c.source_label,
                                                       shape=_shape_text(shape))
                        if shape else
                        tr(TEMPLATES["summed_scalar"]).format(line=line, src=c.source_label))
            lines.append(line)
        if c.before is not None:
            lines.append(tr(TEMPLATES["accumulate"]).format(
                src=c.source_label, before=fmt(c.before, digits),
                amount=_operand(c.amount, digits), after=fmt(c.after, digits)))
    return lines


def _summed_back(dout: Value, local: Value, amount: Value) -> bool:
    """Whether dout · local had more elements than the input that receives it."""
    try:
        product = np.broadcast_shapes(np.shape(dout), np.shape(local))
    except ValueError:
        return False
    return product != np.shape(amount)


def _shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + (",)" if len(shape) == 1 else ")")


def tangent_text(step: TangentStep, tr: Callable[[str], str] = str, digits: int = 4) -> str:
    """Forward mode: ``∂c/∂x = 1·2 + 1·2 = 4``."""
    if step.kind == "input":
        return tr(TEMPLATES["tangent_input"]).format(
            name=step.label, wrt=step.wrt, tangent=fmt(step.tangent, digits))
    if step.kind == "const":
        return tr(TEMPLATES["tangent_const"]).format(value=fmt(step.value, digits))
    if step.tangent is None:
        return tr(TEMPLATES["tangent_zero"]).format(out=step.label, wrt=step.wrt)
    terms = " + ".join(_tangent_term(step, k, digits) for k, t in enumerate(step.arg_tangents)
                       if t is not None)
    return tr(TEMPLATES["tangent_op"]).format(
        out=step.label, wrt=step.wrt, terms=terms, tangent=fmt(step.tangent, digits))


def _tangent_term(step: TangentStep, slot: int, digits: int) -> str:
    """One argument's share of a tangent: ``local·tangent``, or how the op carries it."""
    t, local = step.arg_tangents[slot], step.locals[slot]
    if local is not None:
        return f"{_operand(local, digits)}·{_operand(t, digits)}"
    texts = TANGENT_TEXT.get(step.op or "")
    if texts is None:
        return f"J·{_operand(t, digits)}"
    return texts[slot].format(*step.arg_labels, t=fmt(t, digits))


def narrate(step: Step, tr: Callable[[str], str] = str, digits: int = 4,
            upstream_seed: bool = False) -> str:
    """The narration of any step, as one string (lines joined by newlines)."""
    if isinstance(step, ForwardStep):
        return forward_text(step, tr, digits)
    if isinstance(step, BackwardStep):
        return "\n".join(backward_lines(step, tr, digits, upstream_seed))
    return tangent_text(step, tr, digits)
