"""Generated code: the graph as a runnable PyTorch script, and in the seed notebook's style.

``torch_script`` writes a standalone PyTorch program: float64 input tensors with
``requires_grad=True``, one line per node named by our labels (``a = x ** 2``,
``d = torch.log(y)``), ``torch.autograd.backward(z, grad_tensors=...)``, then two
kinds of output: for people (``f = 2.079442``, ``df/dx = 2.772589``; with an upstream
gradient other than 1, ``x.grad = 5.545177``) and for machines, one last line
``RESULT {"value": ..., "gradient": {...}}`` whose floats are exact (JSON writes
``repr(float)``; arrays as nested lists).  ``parse_result`` reads it back.

``seed_script`` writes plain Python with NumPy in the seed notebook's own style:
one ``{'f': ..., 'df': ...}`` pair per primitive used (TIMES, ADD and LOG exactly as
the notebook has them), the forward pass as ``a, cache_a = POW['f'](x, 2)`` lines,
the backward pass as the matching ``OP['df'](cache, dout)`` lines in reverse
order with ``+=`` for values used more than once, and the notebook's two prints.
Gradients of broadcast operands go through an ``unbroadcast`` helper in the script.

Safety: nothing a user typed is pasted as code.  Input names must match the
document's identifier rule (checked again here) and are renamed in the code if
they are Python keywords or clash with the script's own names (``torch``, ``np``,
``times``...); numbers are written with ``repr(float)`` or as nested lists of them.

Known limits of the seed-style script: ``POW``'s rule n·x^(n−1) divides by zero at
x = 0 with n = 0 (the engine and PyTorch give 0), and Python's ``**`` on a negative
float with a fractional exponent gives a complex number where the engine refuses.
"""

from __future__ import annotations

import json
import keyword
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..core import ops
from ..core.engine import Program, compile_graph
from ..core.graph import NAME_RE, Document, as_value
from .code_comments import localize_comments
from .seed_snippets import (
    _FMT,
    _SEED_DEFS,
    _SEED_DERIVS,
    _SEED_RESERVED,
    _SEED_VARIANTS,
    _UNBROADCAST,
)

RESULT_PREFIX = "RESULT "

# -- shared preparation --------------------------------------------------------------


class _Names:
    """Unique, legal Python names: a wanted name gets ``_`` appended until it is free."""

    def __init__(self, reserved: set[str]) -> None:
        self.taken = set(reserved) | {"_"}

    def claim(self, wanted: str) -> str:
        name = wanted
        while name in self.taken or keyword.iskeyword(name):
            name += "_"
        self.taken.add(name)
        return name

    def temp(self, base: str, used: set[str]) -> str:
        """``base_``, ``base__``, ...: a temporary not taken and not in ``used``."""
        name = base + "_"
        while name in self.taken or name in used:
            name += "_"
        used.add(name)
        return name


class _Plan:
    """What both generators need: the program, leaf values, shapes and dependencies."""

    def __init__(self, program_or_doc: Program | Document,
                 values: Mapping[str, Any] | None, upstream: Any) -> None:
        program = (compile_graph(program_or_doc) if isinstance(program_or_doc, Document)
                   else program_or_doc)
        self.program = program
        self.leaves = program.leaves(values)  # validated: finite floats / float64 arrays
        for i, kind in enumerate(program.kinds):
            if kind == "input" and not NAME_RE.match(program.labels[i]):
                raise ValueError(f"not a valid input name: {program.labels[i]!r}")
            if kind in ("input", "const"):
                self.leaves[i] = as_value(self.leaves[i])
        self.shapes = _shapes(program, self.leaves)
        try:
            u = as_value(upstream)
        except ValueError as exc:
            raise ValueError(f"upstream gradient: {exc}") from None
        out_shape = self.shapes[program.out]
        if np.ndim(u) and np.shape(u) != out_shape:
            raise ValueError(f"the upstream gradient has shape {np.shape(u)}, "
                             f"but the output has shape {out_shape}")
        self.upstream = u
        n = len(program.nodes)
        self.needs = [k == "input" for k in program.kinds]
        for i, a in enumerate(program.args):
            if a and any(self.needs[j] for j in a):
                self.needs[i] = True
        self.uses = [0] * n
        for a in program.args:
            for j in a:
                self.uses[j] += 1
        self.inputs = [i for i, k in enumerate(program.kinds) if k == "input"]
        self.ops = [i for i, op in enumerate(program.ops) if op is not None]

    def op(self, i: int) -> str:
        op = self.program.ops[i]
        assert op is not None
        return op.name

    def is_array(self, i: int) -> bool:
        return self.shapes[i] != ()

    def upstream_is_one(self) -> bool:
        return bool(np.all(np.asarray(self.upstream) == 1.0))


def _shapes(program: Program, leaves: list[Any]) -> list[tuple[int, ...]]:
    """Every node's shape, without computing a value."""
    shapes: list[tuple[int, ...]] = []
    for i, op in enumerate(program.ops):
        if op is None:
            shapes.append(tuple(np.shape(leaves[i])))
            continue
        arg = [shapes[j] for j in program.args[i]]
        try:
            assert op.shape is not None  # every op's table entry has its shape rule
            shapes.append(op.shape(*arg))
        except ValueError as exc:
            raise ValueError(f"shapes {' and '.join(map(str, arg))} do not fit "
                             f"{op.name} at {program.labels[i]}: {exc}") from None
    return shapes


def _float(v: float) -> str:
    """A float as exact Python source; integral ones as ``2.0``."""
    return repr(float(v))


def _array(v: np.ndarray) -> str:
    """A float64 array as nested lists of exact floats."""
    return repr(np.asarray(v, dtype=np.float64).tolist())


def _short(v: float) -> str:
    """The notebook's way with numbers: ``2`` for a whole constant, else repr(float)."""
    f = float(v)
    if f.is_integer() and abs(f) < 2.0 ** 53:
        return str(int(f))
    return repr(f)


# -- the PyTorch script -----------------------------------------------------------------

_TORCH_RESERVED = {"torch", "json", "show", "result", "grads", "print", "isinstance",
                   "list", "hasattr", "float"}


def torch_script(program_or_doc: Program | Document, values: Mapping[str, Any] | None = None,
                 upstream: Any = 1.0, *, tr: Callable[[str], str] | None = None,
                 result_line: bool = True) -> str:
    """A standalone PyTorch script computing the same function and its gradient.

    ``tr`` translates the comments (see ``MESSAGES``); ``result_line=False`` leaves out
    the machine-readable ``RESULT`` line, for a script shown to students."""
    plan = _Plan(program_or_doc, values, upstream)
    p = plan.program
    names = _Names(_TORCH_RESERVED)
    var: dict[int, str] = {}
    for i in plan.inputs:
        var[i] = names.claim(p.labels[i])
    for i in plan.ops:
        var[i] = names.claim(p.labels[i])

    def tensor(i: int) -> str:
        v = plan.leaves[i]
        body = _array(v) if isinstance(v, np.ndarray) else _float(v)
        return f"torch.tensor({body}, dtype=torch.float64)"

    def operand(i: int, left: bool, op: ops.Op, force_tensor: bool = False) -> str:
        if i in var:
            return var[i]
        if plan.is_array(i) or force_tensor:
            return tensor(i)
        text = _short(plan.leaves[i])
        # -2 ** x would be -(2 ** x); x - -2 reads badly: only a left operand of an
        # operator binding no tighter than * goes without parentheses
        if text.startswith("-") and not (left and op.precedence <= 2):
            text = f"({text})"
        return text

    def expression(i: int) -> str:
        op = p.ops[i]
        assert op is not None
        args = p.args[i]
        if op.infix is not None and op.arity == 2:
            a, b = args
            no_tensor = a not in var and b not in var and not plan.is_array(a) \
                and not plan.is_array(b)
            left = operand(a, True, op, force_tensor=no_tensor)
            return f"{left} {op.infix} {operand(b, False, op)}"
        force = args[0] not in var
        if op.infix is not None:  # unary minus
            return f"{op.infix}{operand(args[0], False, op, force_tensor=force)}"
        # A call: the first operand a tensor (torch functions want one), then the op's
        # parameters as PyTorch takes them (torch.sum(x, dim=0)).
        texts = [operand(args[0], False, op, force_tensor=force)]
        texts += [operand(j, False, op, force_tensor=True) for j in args[1:]]
        code = op.extra.get("torch_code")
        if code is not None:  # a call of another form: torch.stack([a, b]), x[1:3]
            return code(texts, [plan.shapes[j] for j in args], **(op.bound or {}))
        extra, keywords = op.torch_arguments()
        texts += [repr(v) for v in extra] + [f"{k}={v!r}" for k, v in keywords.items()]
        return f"torch.{op.torch_name}({', '.join(texts)})"

    out = p.out
    lines = [
        '"""' + _signature(plan) + " in PyTorch: value and gradient.",
        "",
        "Generated by Autodiff Studio.  Run it with: python this_file.py",
        '"""',
        "",
        "import json",
        "",
        "import torch",
        "",
    ]
    arrays = any(plan.is_array(i) for i in [out, *plan.inputs])
    if arrays:
        lines += [
            "",
            "def show(t):",
            '    """Six decimals, like the seed notebook, for a number or nested lists."""',
            '    v = t.tolist() if hasattr(t, "tolist") else t',
            "    if isinstance(v, list):",
            '        return "[" + ", ".join(show(u) for u in v) + "]"',
            '    return f"{v:.6f}"',
            "",
            "",
        ]
    if plan.inputs:
        lines.append("# inputs: float64 tensors that PyTorch will differentiate")
        for i in plan.inputs:
            v = plan.leaves[i]
            body = _array(v) if isinstance(v, np.ndarray) else _float(v)
            lines.append(f"{var[i]} = torch.tensor({body}, dtype=torch.float64, "
                         "requires_grad=True)")
        lines.append("")
    if plan.ops:
        lines.append("# forward pass: one line per node")
        for i in plan.ops:
            lines.append(f"{var[i]} = {expression(i)}")
        lines.append("")
    if out not in var:  # the output is a constant
        var[out] = names.claim("f")
        lines += [f"{var[out]} = {tensor(out)}", ""]
    z = var[out]
    if plan.inputs:
        u = plan.upstream
        if isinstance(u, np.ndarray):
            seed = f"torch.tensor({_array(u)}, dtype=torch.float64)"
        elif plan.is_array(out):
            seed = f"torch.full_like({z}, {_float(u)})"
        else:
            seed = f"torch.tensor({_float(u)}, dtype=torch.float64)"
        lines += [f"# backward pass from {z}, with upstream gradient {_describe(u)}",
                  f"torch.autograd.backward({z}, grad_tensors={seed})", ""]
    one = plan.upstream_is_one()
    fmt_value = (lambda e: f"{{show({e})}}") if arrays else (lambda e: f"{{{e}.item():.6f}}")
    lines.append(f'print(f"f = {fmt_value(z)}")')
    for i in plan.inputs:
        label = f"df/d{p.labels[i]}" if one else f"{p.labels[i]}.grad"
        lines.append(f'print(f"{label} = {fmt_value(var[i] + ".grad")}")')
    grads = [f"{json.dumps(p.labels[i])}: {var[i]}.grad.tolist()" for i in plan.inputs]
    line = f'result = {{"value": {z}.tolist(), "gradient": {{{", ".join(grads)}}}}}'
    if len(line) > 99:  # one gradient a line
        line = "\n".join([f'result = {{"value": {z}.tolist(), "gradient": {{'] +
                          [f"    {g}," for g in grads] + ["}}"])
    if result_line:
        lines += [
            line,
            f"print({json.dumps(RESULT_PREFIX)} + json.dumps(result))",
        ]
    return localize_comments("\n".join(lines) + "\n", tr)


def _signature(plan: _Plan) -> str:
    names = [plan.program.labels[i] for i in plan.inputs]
    return f"f({', '.join(names)})"


def _describe(u: Any) -> str:
    return _short(u) if not isinstance(u, np.ndarray) else "array " + _array(u)


def parse_result(stdout: str) -> dict[str, Any]:
    """The ``RESULT`` line of a generated PyTorch script's output, as a dict."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX):])
    raise ValueError("no RESULT line in the output")


# -- the seed notebook's style -------------------------------------------------------

# The snippets themselves (data) are in seed_snippets.py.


def _seed_key(plan: _Plan, i: int) -> str:
    name = plan.op(i)
    variant = _SEED_VARIANTS.get(name)
    if variant is not None and plan.needs[plan.program.args[i][-1]]:
        return variant
    return name


def _seed_number(v: Any) -> str:
    """Leaf values as the notebook writes them: ``1.``, ``2.5``, ``np.array([...])``."""
    if isinstance(v, np.ndarray):
        return f"np.array({_array(v)})"
    text = repr(float(v))
    return text[:-1] if text.endswith(".0") else text


def seed_script(program_or_doc: Program | Document, values: Mapping[str, Any] | None = None,
                upstream: Any = 1.0, *, tr: Callable[[str], str] | None = None) -> str:
    """A plain Python + NumPy script doing what the seed notebook's last cells do
    (``tr`` translates its comments, see ``MESSAGES``)."""
    plan = _Plan(program_or_doc, values, upstream)
    p = plan.program
    names = _Names(_SEED_RESERVED)
    var: dict[int, str] = {}
    for i in plan.inputs:
        var[i] = names.claim(p.labels[i])
    for i in plan.ops:
        var[i] = names.claim(p.labels[i])
    cache = {i: names.claim(f"cache_{var[i]}") for i in plan.ops}
    grad = {i: names.claim(f"d{var[i]}") for i in plan.inputs + plan.ops if plan.needs[i]}

    def operand(i: int) -> str:
        return var[i] if i in var else (_seed_number(plan.leaves[i]) if plan.is_array(i)
                                        else _short(plan.leaves[i]))

    keys = [_seed_key(plan, i) for i in plan.ops]
    used = [k for k in _SEED_DEFS if k in keys]
    broadcast = any(plan.shapes[j] != plan.shapes[i] and _elementwise_binary(plan, i)
                    for i in plan.ops if plan.needs[i] for j in p.args[i] if plan.needs[j])
    printed = [p.out] + [i for i in plan.inputs]
    arrays = any(plan.is_array(i) for i in printed)

    lines = [f"# {_signature(plan)} step by step, in the style of the seed notebook",
             "# (generated by Autodiff Studio)", "", "import numpy as np", ""]
    for k in used:
        const, f, text = _SEED_DEFS[k]
        lines += [text, f"{const} = {{'f': {f}, 'df': {f}_deriv}}", ""]
    if broadcast:
        lines += [_UNBROADCAST]
    if arrays:
        lines += [_FMT]
    # inputs, like the notebook's `x =1.; y = 2.`
    assigns = [f"{var[i]} = {_seed_number(plan.leaves[i])}" for i in plan.inputs]
    if assigns:
        if any(plan.is_array(i) for i in plan.inputs):
            lines += assigns + [""]
        else:
            lines += ["; ".join(assigns), ""]
    for i, k in zip(plan.ops, keys):
        args = ", ".join([operand(j) for j in p.args[i]] + [  # parameters by keyword
            f"{k}={v!r}" for k, v in p.ops[i].given_params().items()])  # type: ignore[union-attr]
        lines.append(f"{var[i]}, {cache[i]} = {_SEED_DEFS[k][0]}['f']({args})")
    if plan.ops:
        lines.append("")
    out = p.out
    z = var.get(out) or _seed_number(plan.leaves[out])
    lines += [_print_line('"forward pass f(x) = {}"', [(z, plan.is_array(out))]), ""]
    if not plan.inputs:
        return localize_comments("\n".join(lines) + "\n", tr)

    # backward pass
    init = [grad[i] for i in plan.inputs] + [grad[i] for i in plan.ops
                                             if plan.needs[i] and plan.uses[i] > 1]
    lines.append(" = ".join(init) + " = 0.")
    u = plan.upstream
    if plan.is_array(out):
        # the output's own gradient variable holds the upstream (an input's accumulates)
        seed = grad[out] if out in plan.ops else names.claim("dout")
        value = (f"np.array({_array(u)})" if isinstance(u, np.ndarray)
                 else f"np.full(np.shape({z}), {_seed_number(u)})")
        lines.append(f"{seed} = {value}")
    else:
        seed = _short(u)
    if out in plan.inputs:
        lines.append(f"{grad[out]} += {seed}")
    for i, k in zip(reversed(plan.ops), reversed(keys)):
        if not plan.needs[i]:
            continue
        dout = seed if i == out else grad[i]
        targets, sums = [], {}  # sums: node -> temporaries to add to its gradient
        temps: set[str] = set()
        for j in p.args[i]:
            if not plan.needs[j]:
                targets.append("_")
                continue
            spread = _elementwise_binary(plan, i) and plan.shapes[j] != plan.shapes[i]
            if plan.uses[j] == 1 and not spread:
                targets.append(grad[j])
                continue
            t = names.temp(grad[j], temps)
            targets.append(t)
            sums.setdefault(j, []).append(t)
        targets = targets[:_SEED_DERIVS.get(k, len(targets))]  # POW's df: the base only
        call = f"{_SEED_DEFS[k][0]}['df']({cache[i]}, {dout})"
        line = f"{', '.join(targets)} = {call}"
        for j, ts in sums.items():
            total = " + ".join(ts)
            spread = _elementwise_binary(plan, i) and plan.shapes[j] != plan.shapes[i]
            if spread:
                total = f"unbroadcast({total}, np.shape({var[j]}))"
            op = "+=" if plan.uses[j] > 1 else "="
            line += f"; {grad[j]} {op} {total}"
        lines.append(line)
    lines.append("")
    parts = [(grad[i], plan.is_array(i)) for i in plan.inputs]
    labels = ", ".join(f"d{p.labels[i]} = {{}}" for i in plan.inputs)
    lines.append(_print_line(f"'backward pass {labels}'", parts))
    return localize_comments("\n".join(lines) + "\n", tr)


def _elementwise_binary(plan: _Plan, i: int) -> bool:
    op = plan.program.ops[i]
    return op is not None and op.elementwise and op.arity == 2


def _print_line(template: str, parts: list[tuple[str, bool]]) -> str:
    """``print("... {:.6f}".format(z))``; arrays go through ``fmt`` with ``{}``."""
    pieces = template.split("{}")
    text = pieces[0]
    args = []
    for (expr, is_array), rest in zip(parts, pieces[1:]):
        text += ("{}" if is_array else "{:.6f}") + rest
        args.append(f"fmt({expr})" if is_array else expr)
    return f"print({text}.format({', '.join(args)}))"
