"""The printer: a Document (or a compiled program) back to text, with an explicit stack."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import ops
from ..composite import flattened
from ..graph import Document, gc_paused
from .params import index_text, params_text

# -- printing -----------------------------------------------------------------

PRINT_LIMIT = 1_000_000  # characters
_ATOM = 10  # names, numbers, calls, arrays, '?'
_POW = ops.OPS["pow"].precedence
_NEG_PREC = ops.OPS["neg"].precedence


def _number_text(v: float) -> str:
    if v.is_integer() and abs(v) < 1e16 and not (v == 0 and math.copysign(1.0, v) < 0):
        return str(int(v))
    return repr(v)


def _const_text(value: Any) -> str:
    if not isinstance(value, np.ndarray) or value.ndim == 0:
        return _number_text(float(value))
    # Group the flat numbers axis by axis, innermost first: no recursion.
    parts = [_number_text(float(v)) for v in value.ravel()]
    for size in reversed(value.shape):
        parts = ["[" + ", ".join(parts[k:k + size]) + "]" for k in range(0, len(parts), size)]
    return parts[0]


def _too_large() -> ValueError:
    return ValueError("too large to print as one expression")


class _Node:
    """What the printer needs of one node, read once from the graph."""

    __slots__ = ("data", "op", "args", "prec", "params")

    def __init__(self, data: dict[str, Any], op: ops.Op | None,
                 args: Sequence[int | None], params: Any = None) -> None:
        self.data = data
        self.op = op
        self.args = args
        self.params = params  # an op's parameters that differ from their defaults
        # How tightly the printed text binds: _ATOM for names, numbers, calls, arrays.
        if op is not None:
            self.prec = op.precedence if op.infix else _ATOM
        elif data["kind"] == "const" and not isinstance(data["value"], np.ndarray) \
                and math.copysign(1.0, data["value"]) < 0:
            self.prec = _NEG_PREC  # prints with a leading '-'
        else:
            self.prec = _ATOM


def _read(doc: Document, root: int) -> dict[int, _Node]:
    """Every node ``root`` depends on, read once from the graph.

    Also refuses early when even a lower bound of the text is over the limit: shared
    nodes are printed once per use, so 40 repeated squarings would need 2**40 copies;
    sizes summed over the DAG find that in one pass.  Cycles are refused too.
    """
    node_data, arg_table = doc.node_table(), doc.argument_table()
    size: dict[int, int] = {}
    info: dict[int, _Node] = {}
    stack: list[int] = [root]
    while stack:
        node = stack[-1]
        nd = info.get(node)
        if nd is None:  # first visit: read the node, then its arguments
            d = node_data[node]
            op = ops.OPS[d["op"]] if d["kind"] == "op" else None
            args = list(arg_table[node])
            info[node] = _Node(d, op, args, d.get("params"))
            for src in args:
                if src is not None and src not in size:
                    if src in info:  # seen, not finished: on the current path
                        raise ValueError("the graph has a cycle: it cannot be printed")
                    stack.append(src)
            continue
        stack.pop()
        if node in size:
            continue
        op, d = nd.op, nd.data
        if op is None:
            size[node] = len(d["name"]) if d["kind"] == "input" else int(np.size(d["value"]))
        else:
            total = len(op.infix) if op.infix else len(op.name) + 2
            size[node] = total + sum(1 if a is None else size[a] for a in nd.args)
    if size[root] > PRINT_LIMIT:
        raise _too_large()
    return info


def to_text(doc: Document, node: int | None = None) -> str:
    """The expression of ``node`` (default: the document's output) as text.

    Minimal parentheses for Python's precedence and associativity; ``?`` for an
    unconnected slot; a node used twice is written twice.  Spaces as in PEP 8: around
    ``+`` and ``-``, around ``* / @`` except inside a sum (``x**2 + 2*x``), never
    around ``**``.  ValueError if the text
    would be longer than ``PRINT_LIMIT`` characters.  An empty document prints as "".
    """
    root = doc.output if node is None else node
    if root is None:
        return ""
    doc.node(root)  # GraphError if there is no such node
    doc = flattened(doc)  # composite blocks are written out: the text parses back
    info = _read(doc, root)
    text, complete = _print(info.__getitem__, root, PRINT_LIMIT, _const_text)
    if not complete:
        raise _too_large()
    return text


def program_text(program: Any, limit: int = 10_000) -> str:
    """The compiled ``program``'s output as text (as ``to_text``), cut after ``limit``.

    Reads only what it prints, straight from the program's flat lists, so a huge graph
    costs about ``limit`` characters of work plus one step per node on the way down
    the leftmost path: a longer text ends in "…" after ``limit`` characters.
    """
    nodes: dict[int, _Node] = {}
    ops_, args_, kinds, labels, values = (program.ops, program.args, program.kinds,
                                          program.labels, program.leaf_values)

    def get(i: int) -> _Node:
        nd = nodes.get(i)
        if nd is None:
            op = ops_[i]
            data = _NO_DATA if op is not None else \
                {"kind": kinds[i], "name": labels[i], "value": values[i]}
            nd = nodes[i] = _Node(data, op, args_[i],
                                  op.given_params() if op is not None else None)
        return nd

    with gc_paused():  # a node object per step down: no garbage, yet collections walk them
        text, complete = _print(get, program.out, limit, lambda v: _const_prefix(v, limit))
    return text if complete else text.rstrip() + "…"


_NO_DATA: dict[str, Any] = {}  # an operation's node needs no data to print


def _const_prefix(value: Any, limit: int) -> str:
    """``_const_text(value)``, or its first ``limit``+ characters for a huge array."""
    if not isinstance(value, np.ndarray) or value.size <= limit:
        return _const_text(value)
    shape, flat = value.shape, value.ravel()
    pieces = ["[" * len(shape)]
    length = 0
    for k in range(flat.size):
        if k:
            closes, m = 0, k
            for size in reversed(shape):  # the axes whose index wraps here
                if m % size:
                    break
                closes += 1
                m //= size
            pieces.append("]" * closes + ", " + "[" * closes)
        pieces.append(_number_text(float(flat[k])))
        length += len(pieces[-1]) + len(pieces[-2])
        if length > limit:
            break
    return "".join(pieces)


def _is_number(nd: _Node) -> bool:
    return nd.op is None and nd.data.get("kind") == "const" \
        and not isinstance(nd.data["value"], np.ndarray)


def _reads_as_literal(get: Any, n: int) -> bool:
    """Whether node ``n`` prints as a number literal: 2, or -2 (a minus on a number)."""
    nd = get(n)
    while nd.op is not None and nd.op.arity == 1 and nd.op.infix == "-" and nd.args[0] is not None:
        nd = get(nd.args[0])
    return _is_number(nd)


def _print(get: Any, root: int, limit: int, const_text: Any) -> tuple[str, bool]:
    """The text from ``root`` down, and whether it is whole (else its first ``limit``)."""
    additive = ops.OPS["add"].precedence
    out: list[str] = []
    length = 0
    # Work items: a string to emit, or (node | None, wrap in parentheses, tight).
    # "Tight" drops the spaces around * / @ inside a sum: x**2 + 2*x.
    work: list[Any] = [(root, False, False)]
    while work:
        item = work.pop()
        if item.__class__ is str:
            out.append(item)
            length += len(item)
            if length > limit:
                return "".join(out)[:limit], False
            continue
        n, wrap, tight = item
        if wrap:
            work.append(")")
        if n is None:
            work.append("?")
        else:
            nd = get(n)
            op = nd.op
            if op is None:
                d = nd.data
                work.append(d["name"] if d["kind"] == "input" else const_text(d["value"]))
            elif op.postfix:  # x[1, :], A.T: the argument, then the mark
                a = nd.args[0]
                work.append(index_text(nd.params[op.params[0].name]) if op.params
                            else op.postfix)
                # a number before the mark gets parentheses: 2.T would read as "2." T
                work.append((a, a is not None and (get(a).prec < _ATOM or _is_number(get(a))),
                             False))
            elif not op.infix:
                args = nd.args
                # a chain written flat (Op.chain): stack(stack(a, b), c) is stack(a, b, c);
                # not when a later argument is a chain itself (two stacks stacked)
                while op.chain and args[0] is not None and get(args[0]).op is not None \
                        and get(args[0]).op.name == op.name \
                        and dict(get(args[0]).params or {}) == dict(nd.params or {}) \
                        and not any(a is not None and get(a).op is not None
                                    and get(a).op.name == op.name for a in args[1:]):
                    args = (*get(args[0]).args, *args[1:])
                shown = nd.params
                if op.chain and op.params and args[-1] is not None \
                        and _reads_as_literal(get, args[-1]):
                    # stack(stack(x, x), 2) is stack(x, x, 2, 0): a number last would
                    # read as the axis
                    shown = {**{q.name: q.default for q in op.params}, **(nd.params or {})}
                work.append(params_text(op, shown, _number_text) + ")" if shown else ")")
                for k in range(len(args) - 1, -1, -1):
                    work.append((args[k], False, False))
                    if k:
                        work.append(", ")
                work.append(op.name + "(")
            elif op.arity == 1:  # unary minus: -x**2 is -(x**2); but -(-x), -(a*b)
                a = nd.args[0]
                work.append((a, a is not None and get(a).prec <= nd.prec, False))
                work.append("-")
            else:
                a, b = nd.args
                p = nd.prec
                lp = _ATOM if a is None else get(a).prec
                rp = _ATOM if b is None else get(b).prec
                if p == _POW:  # right-associative; its right side may be unary: 2**-x
                    lwrap, rwrap = lp <= p, rp < _NEG_PREC
                    text, inner = op.infix, False
                else:  # left-associative: a - (b - c), (a + b) * c
                    lwrap, rwrap = lp < p, rp <= p
                    inner = p == additive or tight
                    text = f" {op.infix} " if p == additive or not tight else op.infix
                work.append((b, rwrap, inner and not rwrap))
                work.append(text)
                work.append((a, lwrap, inner and not lwrap))
        if wrap:
            work.append("(")
    return "".join(out), True
