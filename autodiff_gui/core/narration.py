"""The steps of a pass said in words and numbers, in the seed notebook's notation.

``Narration`` speaks the records of one ``Stepper`` (forward values, backward
contributions, forward-mode tangents).  It knows the compiled program, so it can
say what a single record cannot: how many contributions a node's gradient collects
and which one this is, whether an upstream gradient v ≠ 1 turned f into L = v·f,
and which seed a forward-mode pass carries.  The rules:

* a value: ``a = x ** 2 = 1 ** 2 = 1``;
* a node whose gradient has one contribution: ``∂f/∂y = ∂f/∂d·∂d/∂y = 3·0.5 = 1.5``;
  with several, each is a contribution (naming the argument slot it goes through)
  and the running sum says how many have arrived, so no partial sum is ever called
  ∂f/∂x;
* an upstream gradient v: the seed reads ``v = ∂L/∂z = 2  (grad_tensors; L = v·f)``
  and every gradient after it is ∂L/∂·, which is what ``.grad`` holds;
* forward mode with an array input: a one-hot seed is the pass of one element
  (``∂a/∂w[1]``); an all-ones seed is said as what it is, Σᵢ ∂a/∂wᵢ;
* arrays as nested rows (``values.format_value``), elementwise products ⊙, a
  broadcast input's gradient summed back with an explicit Σ over the axes.

Every sentence is an English template in ``TEMPLATES`` (read by
tools/update_translations.py, context "Narration"); a translator function (Qt's,
in the window) may be passed to speak another language.  Per-op symbols come from
the op table (``ops.Op.expr``, ``local_texts``, ``backward_texts``,
``tangent_texts``, ``element_local``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import ops
from .steps import BackwardStep, Contribution, ForwardStep, Step, TangentStep, step_op
from .values import format_value, shape_text

Value = Any
Tr = Callable[[str], str]

TEMPLATES: dict[str, str] = {
    "input": "{name} = {value}  (input)",
    "const": "constant {value}",
    "because": "{line}, so",
    "seed": "∂f/∂{out} = 1  (f is {out} itself: the backward pass starts here)",
    "seed_upstream": "upstream gradient {v} = ∂L/∂{out} = {dout}  (grad_tensors; L = {ldef})",
    "whole": "∂{F}/∂{src} = {expr} = {amount}",
    "part": "contribution to {src} through {out} ({slot}): {expr} = {amount}",
    "part_unary": "contribution to {src} through {out}: {expr} = {amount}",
    "at_kink": "{out} sits on the kink of {op} ({place}): the derivative does not exist "
               "there; like PyTorch, {convention}",
    "at_kink_zero": "the argument of {op} is 0, its kink: the derivative does not exist "
                    "there; like PyTorch, {convention}",
    "first_argument": "first argument",
    "second_argument": "second argument",
    "so_far_first": "∂{F}/∂{src} so far: {amount}  (1 of {n} contributions)",
    "so_far": "∂{F}/∂{src} so far: {before} + {amount} = {after}  ({k} of {n} contributions)",
    "accumulated": "∂{F}/∂{src} accumulated: {before} + {amount} = {after}  "
                   "(all {n} contributions)",
    "accumulated_plain": "∂{F}/∂{src} accumulated: {before} + {amount} = {after}",
    "summed_axes": "(Σ{axes}: summed over axis {axis_list}, back to the shape of {src}, "
                   "{shape})",
    "summed_all": "(Σ: summed over every element, back to one number like {src})",
    "tangent_input": "{name}: tangent {sym} = {tangent}",
    "tangent_const": "constant {value}: tangent 0",
    "tangent_op": "{sym} = {terms} = {tangent}",
    "tangent_zero": "{sym} = 0  (does not depend on {wrt})",
    "seed_element": "(this pass carries element {element} of {wrt}: its tangent is 1 there "
                    "and 0 elsewhere; one pass per element gives every ∂f/∂{wrt}ᵢ)",
    "seed_ones": "(the tangent of {wrt} is all ones: each tangent is a sum over the "
                 "elements of {wrt}, Σᵢ ∂·/∂{wrt}ᵢ, a directional derivative; ∂f/∂{wrt}ᵢ "
                 "of each element needs a pass of its own, or reverse mode)",
}

_SUBSCRIPTS = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")


def fmt(value: Value, digits: int = 4) -> str:
    """Numbers as the narration writes them (None, a tangent of zero, is 0)."""
    if value is None:
        return "0"
    return format_value(value, digits)


def _operand(value: Value, digits: int = 4) -> str:
    """A number as an operand: negative ones in parentheses (``2·(-1)``, ``(-2) ** 2``)."""
    text = fmt(value, digits)
    return f"({text})" if text.startswith("-") else text


def _times(a: Value, b: Value) -> str:
    """``⊙`` between two arrays (elementwise), ``·`` when one side is a number."""
    return " ⊙ " if np.ndim(a) and np.ndim(b) else "·"


def _fill(template: str, out: str, args: Sequence[str]) -> str:
    return template.format(*args, out=out)


def summed_axes(product_shape: tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of ``product_shape`` that un-broadcasting to ``shape`` sums over."""
    extra = len(product_shape) - len(shape)
    if extra < 0:
        return ()
    axes = list(range(extra))
    axes += [extra + i for i, n in enumerate(shape)
             if n == 1 and product_shape[extra + i] != 1]
    return tuple(axes)


def flow_text(step: BackwardStep, slot: int, g: str, tr: Tr = str) -> str:
    """What flows back to argument ``slot`` of an op that has no per-element local
    derivative (``Op.backward_texts``: ``{g}·{1}ᵀ``), translated; a text may name the
    shapes it moves between: ``{shape0}``, ``{shape1}`` (the arguments') and ``{shape}``
    (the node's own)."""
    shapes = {f"shape{k}": shape_text(np.shape(v)) for k, v in enumerate(step.arg_values)}
    return tr(step_op(step).backward_texts[slot]).format(
        *step.arg_labels, g=g, shape=shape_text(np.shape(step.value)), **shapes)


def kink_line(op: ops.Op, step: BackwardStep, tr: Tr = str) -> str:
    """What PyTorch does where the step's arguments sit on the op's kink (relu at 0, a
    tie of maximum, clamp at a bound), or "" when they do not."""
    if op.kink is None or op.kink[0] != "kink" or not step.arg_values:
        return ""
    with np.errstate(all="ignore"):
        at = op.kink_at(*step.arg_values) if op.kink_at is not None else step.arg_values[0]
        if not np.any(np.asarray(at) == 0):
            return ""
    # The op table's convention and place are translated as narration texts.
    convention = tr(op.kink[1])
    if op.kink_place:
        return tr(TEMPLATES["at_kink"]).format(out=step.label, op=op.name,
                                               place=tr(op.kink_place), convention=convention)
    return tr(TEMPLATES["at_kink_zero"]).format(op=op.name, convention=convention)


def local_rule(step: BackwardStep, c: Contribution, letter: str = "f", tr: Tr = str) -> str:
    """The local derivative instantiated with the real operands: ``∂(c·d)/∂c = d``."""
    op = step_op(step)
    expr = _fill(op.expr, step.label, step.arg_labels)
    if op.backward_texts:
        flow = flow_text(step, c.slot, f"∂{letter}/∂{step.label}", tr)
        return f"∂{letter}/∂{c.source_label} = {flow}"
    local = c.local_text
    if local.startswith("(") and local.endswith(")"):
        local = local[1:-1]
    index = "ᵢ" if op.element_local is not None else ""
    return f"∂{expr}/∂{c.source_label}{index} = {local}"


def rules(step: Step, letter: str = "f", tr: Tr = str) -> list[str]:
    """The local derivatives a step uses, instantiated with its operands:
    ``∂(c·d)/∂c = d`` (never the rule's own letters, which could be node names)."""
    if not step.op:
        return []
    if isinstance(step, BackwardStep):
        return [local_rule(step, c, letter, tr) for c in step.contributions]
    op = step_op(step)
    if op.backward_texts:  # matmul: said in full by the step itself
        return []
    expr = _fill(op.expr, step.label, step.arg_labels)
    found = []
    for slot, label in enumerate(step.arg_labels):
        if isinstance(step, TangentStep) and step.arg_tangents[slot] is None:
            continue
        if not label.isidentifier():  # a constant (labelled by its value): nothing to vary
            continue
        local = _fill(op.local_texts[slot], step.label, step.arg_labels)
        if local.startswith("(") and local.endswith(")"):
            local = local[1:-1]
        index = "ᵢ" if op.element_local is not None else ""
        found.append(f"∂{expr}/∂{label}{index} = {local}")
    return found


def contribution_order(program: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """(node, slot) of each backward contribution -> (k, n): the k-th of n into its source.

    The backward pass visits op nodes from the output down, slots in order, so the
    order is known from the compiled program alone.
    """
    seen: dict[int, list[tuple[int, int]]] = {}
    needs, nodes = program.needs_grad, program.nodes
    for i in range(len(program.ops) - 1, -1, -1):
        if program.ops[i] is None or not needs[i]:
            continue
        for slot, j in enumerate(program.args[i]):
            if needs[j]:
                seen.setdefault(j, []).append((nodes[i], slot))
    order: dict[tuple[int, int], tuple[int, int]] = {}
    for keys in seen.values():
        for k, key in enumerate(keys, 1):
            order[key] = (k, len(keys))
    return order


class Narration:
    """Says the records of one pass over ``program``; ``records`` is the stepper's list.

    ``upstream`` is the gradient seeded at the output (reverse mode).  Without a
    program (``Narration()``) steps are still said correctly, only with less to
    say: every contribution as a contribution, no count of how many arrive.
    """

    def __init__(self, program: Any = None, records: Sequence[Step] | None = None,
                 upstream: Value = 1.0) -> None:
        self.program = program
        self.records = records
        self.upstream = upstream
        self._order: dict[tuple[int, int], tuple[int, int]] | None = None
        self._consumers: dict[int, int] | None = None

    @property
    def order(self) -> dict[tuple[int, int], tuple[int, int]]:
        """``contribution_order`` of the program (made on first use)."""
        if self._order is None:
            self._order = contribution_order(self.program) if self.program is not None else {}
        return self._order

    def consumers(self, node: int) -> int:
        """How many backward steps send a contribution to ``node`` (x·x: one step)."""
        if self._consumers is None:
            counts: dict[int, int] = {}
            p = self.program
            if p is not None:
                needs, nodes = p.needs_grad, p.nodes
                for i, args in enumerate(p.args):
                    if p.ops[i] is None or not needs[i]:
                        continue
                    for j in set(args):  # x·x: one step sends both
                        if needs[j]:
                            counts[nodes[j]] = counts.get(nodes[j], 0) + 1
            self._consumers = counts
        return self._consumers.get(node, 0)

    # -- what the pass is about ------------------------------------------------------
    def letter(self) -> str:
        """``f`` while the gradients are those of f itself, else ``L`` (L = v·f)."""
        if np.ndim(self.upstream) == 0 and float(self.upstream) == 1.0:
            out = self._output_value()
            if out is None or np.ndim(out) == 0:
                return "f"
        return "L"

    def _output_value(self) -> Value | None:
        p, records = self.program, self.records
        if p is None or records is None or len(records) <= p.out:
            return None
        return records[p.out].value

    def _seed(self) -> Value | None:
        """The forward-mode seed: the tangent of ``wrt`` on its own input record."""
        p, records = self.program, self.records
        if p is None or not records or not isinstance(records[0], TangentStep):
            return None
        i = p.input_index.get(records[0].wrt)
        if i is None or len(records) <= i:
            return None
        return records[i].tangent

    def wrt_symbol(self, wrt: str) -> tuple[str, str | None]:
        """What forward mode differentiates by: ``(symbol, kind)``.

        ``("x", None)`` for a scalar input, ``("w[1]", "element")`` for a one-hot
        seed, ``("w", "ones")`` for an all-ones seed of an array (a directional
        derivative), ``("w", "seed")`` for any other seed.
        """
        seed = self._seed()
        if seed is None or np.ndim(seed) == 0:
            return wrt, None
        flat = np.ravel(seed)
        if np.count_nonzero(flat) == 1 and flat.max() == 1.0:
            index = np.unravel_index(int(np.argmax(flat)), np.shape(seed))
            return f"{wrt}[{', '.join(str(int(k)) for k in index)}]", "element"
        if np.all(flat == 1.0):
            return wrt, "ones"
        return wrt, "seed"

    def tangent_symbol(self, node_label: str, wrt: str) -> str:
        """``∂a/∂x``, ``∂a/∂w[1]``, or ``Σᵢ ∂a/∂wᵢ`` for an all-ones seed."""
        sym, kind = self.wrt_symbol(wrt)
        if kind == "ones":
            return f"Σᵢ ∂{node_label}/∂{sym}ᵢ"
        if kind == "seed":
            return f"∂{node_label}/∂{sym}·s"
        return f"∂{node_label}/∂{sym}"

    def position(self, step: BackwardStep, c: Contribution) -> tuple[int, int] | None:
        """(k, n): this contribution is the k-th of the n its source receives."""
        return self.order.get((step.node, c.slot))

    # -- saying a step ----------------------------------------------------------------
    def text(self, step: Step, tr: Tr = str, digits: int = 4) -> str:
        """The narration of any step, as one string (lines joined by newlines)."""
        return "\n".join(self.lines(step, tr, digits))

    def lines(self, step: Step, tr: Tr = str, digits: int = 4) -> list[str]:
        if isinstance(step, ForwardStep):
            return [forward_text(step, tr, digits)]
        if isinstance(step, BackwardStep):
            return self.backward_lines(step, tr, digits)
        return self.tangent_lines(step, tr, digits)

    def is_seed(self, step: BackwardStep) -> bool:
        return self.program is not None and step.node == self.program.output_node

    def seed_line(self, step: BackwardStep, tr: Tr = str, digits: int = 4) -> str:
        if self.letter() == "f":
            return tr(TEMPLATES["seed"]).format(out=step.label)
        v = self.upstream_symbol()
        ldef = f"{v}·f" if np.ndim(step.value) == 0 else f"Σ {v} ⊙ f"
        return tr(TEMPLATES["seed_upstream"]).format(v=v, out=step.label,
                                                     dout=fmt(step.dout, digits), ldef=ldef)

    def upstream_symbol(self) -> str:
        """``v``, PyTorch's name for the upstream gradient, unless an input is called v
        (then ``v₀``, which no node can be called)."""
        taken = self.program is not None and "v" in self.program.input_names
        return "v₀" if taken else "v"

    def backward_lines(self, step: BackwardStep, tr: Tr = str, digits: int = 4,
                       seed: bool | None = None) -> list[str]:
        """The chain rule for one node: each contribution, then its source's sum."""
        F = self.letter()  # noqa: N806 (the function's own letter)
        lines = []
        if self.is_seed(step) if seed is None else seed:
            lines.append(self.seed_line(step, tr, digits))
        lines.append(tr(TEMPLATES["because"]).format(
            line=_fill(step.template, step.label, step.arg_labels)))
        op = step_op(step)
        kink = kink_line(op, step, tr)
        if kink:
            lines.append(kink)
        for c in step.contributions:
            expr, note = self._chain(step, c, op, F, tr, digits)
            pos = self.position(step, c)
            whole = pos is not None and pos[1] == 1
            if whole:
                line = tr(TEMPLATES["whole"]).format(F=F, src=c.source_label, expr=expr,
                                                     amount=fmt(c.amount, digits))
            elif op.arity == 1:
                line = tr(TEMPLATES["part_unary"]).format(
                    src=c.source_label, out=step.label, expr=expr, amount=fmt(c.amount, digits))
            else:
                slot = tr(TEMPLATES["first_argument" if c.slot == 0 else "second_argument"])
                line = tr(TEMPLATES["part"]).format(
                    src=c.source_label, out=step.label, slot=slot, expr=expr,
                    amount=fmt(c.amount, digits))
            lines.append(line)
            if note:
                lines.append("    " + note)
            if not whole:
                lines.append(self._sum_line(c, pos, F, tr, digits))
        return lines

    def _chain(self, step: BackwardStep, c: Contribution, op: ops.Op, F: str,  # noqa: N803
               tr: Tr, digits: int) -> tuple[str, str]:
        """``∂f/∂a·∂a/∂x = 0.6931·2`` (with Σ when broadcasting copied the source),
        and the note that explains a Σ."""
        g = f"∂{F}/∂{step.label}"
        if c.local is None and op.backward_texts:
            return flow_text(step, c.slot, g, tr), ""
        local = c.local
        if local is None and op.element_local is not None:
            local = op.element_local(step.arg_values[c.slot])
        times = _times(step.dout, local)
        each = "ᵢ" if op.element_local is not None else ""  # the same for every element
        symbols = f"{g}{times}∂{step.label}/∂{c.source_label}{each}"
        if local is None:  # not finite here: say the rule, the amount says the rest
            return f"{g}{times}{c.local_text}", ""
        numbers = f"{_operand(step.dout, digits)}{times}{_operand(local, digits)}"
        note = ""
        if c.local is not None:
            try:
                product = np.broadcast_shapes(np.shape(step.dout), np.shape(c.local))
            except ValueError:
                product = np.shape(c.amount)
            shape = np.shape(c.amount)
            if product != shape:  # broadcasting copied this input: the copies add up
                axes = summed_axes(product, shape)
                if shape == ():
                    sigma = "Σ"
                    note = tr(TEMPLATES["summed_all"]).format(src=c.source_label)
                else:
                    sub = ",".join(str(a) for a in axes)
                    sigma = "Σ" + sub.translate(_SUBSCRIPTS)
                    note = tr(TEMPLATES["summed_axes"]).format(
                        axes=sub.translate(_SUBSCRIPTS), axis_list=", ".join(
                            str(a) for a in axes), src=c.source_label, shape=shape_text(shape))
                symbols = f"{sigma} ({symbols})"
                numbers = f"{sigma} ({numbers})"
        return f"{symbols} = {numbers}", note

    def _sum_line(self, c: Contribution, pos: tuple[int, int] | None, F: str,  # noqa: N803
                  tr: Tr, digits: int) -> str:
        src = c.source_label
        if pos is None:  # no program: the order is unknown, say the sum only
            if c.before is None:
                return tr(TEMPLATES["so_far_first"]).replace("  (1 of {n} contributions)", "") \
                    .format(F=F, src=src, amount=fmt(c.amount, digits))
            return tr(TEMPLATES["accumulated_plain"]).format(
                F=F, src=src, before=fmt(c.before, digits), amount=_operand(c.amount, digits),
                after=fmt(c.after, digits))
        k, n = pos
        if c.before is None:
            return tr(TEMPLATES["so_far_first"]).format(F=F, src=src,
                                                        amount=fmt(c.amount, digits), n=n)
        key = "accumulated" if k == n else "so_far"
        return tr(TEMPLATES[key]).format(
            F=F, src=src, before=fmt(c.before, digits), amount=_operand(c.amount, digits),
            after=fmt(c.after, digits), k=k, n=n)

    def tangent_lines(self, step: TangentStep, tr: Tr = str, digits: int = 4) -> list[str]:
        """Forward mode: ``∂c/∂x = 1·2 + 1·2 = 4``."""
        sym = self.tangent_symbol(step.label, step.wrt)
        if step.kind == "input":
            lines = [tr(TEMPLATES["tangent_input"]).format(
                name=step.label, sym=sym, tangent=fmt(step.tangent, digits))]
            wrt_sym, kind = self.wrt_symbol(step.wrt)
            if step.label == step.wrt and kind == "element":
                lines.append(tr(TEMPLATES["seed_element"]).format(element=wrt_sym,
                                                                  wrt=step.wrt))
            elif step.label == step.wrt and kind == "ones":
                lines.append(tr(TEMPLATES["seed_ones"]).format(wrt=step.wrt))
            return lines
        if step.kind == "const":
            return [tr(TEMPLATES["tangent_const"]).format(value=fmt(step.value, digits))]
        if step.tangent is None:
            return [tr(TEMPLATES["tangent_zero"]).format(sym=sym, wrt=step.wrt)]
        terms = " + ".join(_tangent_term(step, k, digits) for k, t in enumerate(step.arg_tangents)
                           if t is not None)
        return [tr(TEMPLATES["tangent_op"]).format(sym=sym, terms=terms,
                                                   tangent=fmt(step.tangent, digits))]


def forward_text(step: ForwardStep, tr: Tr = str, digits: int = 4) -> str:
    """``a = x ** 2 = 1 ** 2 = 1``; inputs and constants get a short line."""
    if step.kind == "input":
        return tr(TEMPLATES["input"]).format(name=step.label, value=fmt(step.value, digits))
    if step.kind == "const":
        return tr(TEMPLATES["const"]).format(value=fmt(step.value, digits))
    template = step.template
    if step.op and step_op(step).elementwise and len(step.arg_values) == 2 \
            and all(np.ndim(v) for v in step.arg_values):
        template = template.replace("·", " ⊙ ")  # two arrays multiply elementwise
    symbolic = _fill(template, step.label, step.arg_labels)
    numbers = _fill(template, step.label,
                    tuple(_operand(v, digits) for v in step.arg_values)).split(" = ", 1)[1]
    return f"{symbolic} = {numbers} = {fmt(step.value, digits)}"


def _tangent_term(step: TangentStep, slot: int, digits: int) -> str:
    return tangent_term(step, slot, lambda v: fmt(v, digits))


def tangent_term(step: TangentStep, slot: int, write: Callable[[Value], str]) -> str:
    """One argument's share of a tangent: ``local·tangent``, or how the op carries it
    (``Σ [0, 4, 0]``, ``x @ [1, 1]``); numbers written with ``write``."""
    t, local = step.arg_tangents[slot], step.locals[slot]

    def operand(v: Value) -> str:
        text = write(v)
        return f"({text})" if text.startswith("-") else text

    if local is not None:
        return f"{operand(local)}{_times(local, t)}{operand(t)}"
    op = step_op(step) if step.op else None
    if op is None or not op.tangent_texts:
        return f"J·{operand(t)}"
    return op.tangent_texts[slot].format(*step.arg_labels, t=write(t))


def narrate(step: Step, tr: Tr = str, digits: int = 4, narration: Narration | None = None) -> str:
    """One step said in words and numbers (``narration`` knows the pass; see ``Narration``)."""
    return (narration or Narration()).text(step, tr, digits)
