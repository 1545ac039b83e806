"""The symbolic derivative, by the textbook rules, without sharing subexpressions.

A computer-algebra system, or a student on paper, differentiates an expression
*tree*: where the graph reuses a value, the tree repeats it, and the product rule
copies whole factors.  That is the expression swell this module measures.  The
only tidying done is the one a student does without thinking: terms that are 0
are dropped and factors that are 1 are left out.

Trees are tuples: ``("input", name)``, ``("const", value)``, ``(op, child, ...)``.
Python shares equal sub-tuples in memory, but every size here counts the tree as
written out (memoised on object identity, so a huge tree is still counted fast).

``to_text`` prints a tree in the expression language, so ``expr.parse`` reads it
back.  Simplification (sympy) lives in ``check/symbolic.py``: the core stays free
of sympy.  Symbolic derivatives are for scalar graphs (arrays would need index
notation).
"""

from __future__ import annotations

import math
from typing import Any

from . import ops
from .composite import flattened
from .graph import Document, Text

Tree = tuple[Any, ...]

MESSAGES: dict[str, str] = {
    "arrays": "the symbolic derivative is written for scalar inputs and constants only",
    "too_large": "the symbolic derivative has more than {limit} operations to print",
    "no_output": "the graph has no output",
}

ZERO: Tree = ("const", 0.0)
ONE: Tree = ("const", 1.0)
TEXT_LIMIT = 20_000  # operations printed at most: beyond that the text is unreadable anyway


class SymbolicError(ValueError):
    """The symbolic derivative cannot be written (arrays, or too large to print)."""


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "symbolic", **params)


def _const(t: Tree) -> float | None:
    return t[1] if t[0] == "const" else None


def _is(t: Tree, v: float) -> bool:
    return t[0] == "const" and t[1] == v


# -- building, with the 0 and 1 a student drops ------------------------------------

def add(p: Tree, q: Tree) -> Tree:
    if _is(p, 0.0):
        return q
    return p if _is(q, 0.0) else ("add", p, q)


def sub(p: Tree, q: Tree) -> Tree:
    if _is(q, 0.0):
        return p
    return neg(q) if _is(p, 0.0) else ("sub", p, q)


def mul(p: Tree, q: Tree) -> Tree:
    if _is(p, 0.0) or _is(q, 0.0):
        return ZERO
    if _is(p, 1.0):
        return q
    return p if _is(q, 1.0) else ("mul", p, q)


def div(p: Tree, q: Tree) -> Tree:
    if _is(p, 0.0):
        return ZERO
    return p if _is(q, 1.0) else ("div", p, q)


def neg(p: Tree) -> Tree:
    if _is(p, 0.0):
        return ZERO
    return ("neg", p)


def const(v: float) -> Tree:
    return ("const", float(v))


def power(a: Tree, c: float) -> Tree:
    """a ** c, written as 1 or a where c is 0 or 1."""
    if c == 0:
        return ONE
    return a if c == 1 else ("pow", a, const(c))


class _Builders:
    """What a rule of ``ops.SYMBOLIC_RULES`` builds with (see there)."""

    ZERO, ONE = ZERO, ONE
    add, sub, mul, div, neg, const, power = (staticmethod(add), staticmethod(sub),
                                             staticmethod(mul), staticmethod(div),
                                             staticmethod(neg), staticmethod(const),
                                             staticmethod(power))

    @staticmethod
    def f(op: str, *args: Tree) -> Tree:
        return (op, *args)

    @staticmethod
    def value(t: Tree) -> float | None:
        return _const(t)


def _d(op: str, a: Tree, b: Tree | None, da: Tree, db: Tree | None,
       params: tuple[Tree, ...] = ()) -> Tree:
    """The textbook rule for op (``ops.SYMBOLIC_RULES``), given the arguments and theirs;
    an op's number parameters (clamp's lo, hi) come as keywords."""
    rule = ops.SYMBOLIC_RULES.get(op)
    if rule is None:
        raise SymbolicError(_msg("arrays"))
    numbers = [p for p in ops.OPS[op].params if p.kind == "number"]
    given = {p.name: t[1] for p, t in zip(numbers, params)}
    return rule(_Builders, a, b, da, db, **given)


def expression_tree(doc: Document) -> Tree:
    """The output as a tree (shared values written out again where they are reused)."""
    doc = flattened(doc)  # composite blocks written out
    out = doc.output
    if out is None:
        raise SymbolicError(_msg("no_output"))
    trees: dict[int, Tree] = {}
    for n in doc.dependency_order(out):
        d = doc.node(n)
        if d["kind"] != "op" and not isinstance(d["value"], float):
            raise SymbolicError(_msg("arrays"))
        if d["kind"] == "input":
            trees[n] = ("input", d["name"])
        elif d["kind"] == "const":
            trees[n] = ("const", d["value"])
        else:
            op = ops.OPS[d["op"]]
            if ops.SYMBOLIC_RULES.get(d["op"]) is None:
                raise SymbolicError(_msg("arrays"))
            # number parameters follow the arguments as constants: clamp(x, -1, 1); an
            # axis or shape of its own means arrays
            given = doc.params(n)
            if any(p.kind != "number" and p.name in given for p in op.params):
                raise SymbolicError(_msg("arrays"))
            full = op.full_params(given)
            extra = tuple(("const", float(full[p.name])) for p in op.params
                          if p.kind == "number")
            trees[n] = (d["op"], *(trees[a] for a in doc.arguments(n)), *extra)  # type: ignore
    return trees[out]


def derivative(tree: Tree, name: str) -> Tree:
    """d tree / d name by the textbook rules (no sharing: each use differentiated anew)."""
    memo: dict[int, Tree] = {}
    # Post-order without recursion: deep chains are common in this app.
    stack: list[tuple[Tree, bool]] = [(tree, False)]
    while stack:
        t, ready = stack.pop()
        if id(t) in memo:
            continue
        kind = t[0]
        if kind == "input":
            memo[id(t)] = ONE if t[1] == name else ZERO
        elif kind == "const":
            memo[id(t)] = ZERO
        elif not ready:
            stack.append((t, True))
            stack.extend((c, False) for c in t[1:])
        else:
            arity = ops.OPS[kind].arity
            a = t[1]
            b = t[2] if arity > 1 else None
            da = memo[id(a)]
            db = memo[id(b)] if b is not None else None
            memo[id(t)] = _d(kind, a, b, da, db, t[1 + arity:])
    return memo[id(tree)]


def size(tree: Tree) -> int:
    """Operations in the tree as written out (a reused subtree counts every time)."""
    memo: dict[int, int] = {}
    stack: list[tuple[Tree, bool]] = [(tree, False)]
    while stack:
        t, ready = stack.pop()
        if id(t) in memo:
            continue
        if t[0] in ("input", "const"):
            memo[id(t)] = 0
        elif not ready:
            stack.append((t, True))
            stack.extend((c, False) for c in t[1:])
        else:
            memo[id(t)] = 1 + sum(memo[id(c)] for c in t[1:])
    return memo[id(tree)]


# -- printing in the expression language ---------------------------------------------

def _number(v: float) -> str:
    if v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return repr(v)


_POWER_PRECEDENCE = ops.OPS[ops.BINARY_INFIX["**"]].precedence


def _prec(t: Tree) -> int:
    """Binding strength, from the table (10: call syntax; a negative number binds as −)."""
    if t[0] == "const":
        return 3 if math.copysign(1.0, t[1]) < 0 else 10
    if t[0] == "input":
        return 10
    op = ops.OPS[t[0]]
    return op.precedence if op.infix else 10


def to_text(tree: Tree) -> str:
    """The tree in the expression language (``expr.parse`` reads it back)."""
    if size(tree) > TEXT_LIMIT:
        raise SymbolicError(_msg("too_large", limit=TEXT_LIMIT))
    try:
        return _text(tree)
    except RecursionError:
        raise SymbolicError(_msg("too_large", limit=TEXT_LIMIT)) from None


def _text(t: Tree) -> str:
    kind = t[0]
    if kind == "input":
        return t[1]
    if kind == "const":
        return _number(t[1])
    op = ops.OPS[kind]
    if op.infix and op.arity == 1:  # unary minus
        inner = _text(t[1])
        return f"{op.infix}({inner})" if _prec(t[1]) <= op.precedence else op.infix + inner
    if op.infix:
        p = op.precedence
        left, right = _text(t[1]), _text(t[2])
        lp, rp = _prec(t[1]), _prec(t[2])
        right_assoc = p == _POWER_PRECEDENCE  # a ** b ** c is a ** (b ** c)
        if lp < p or (right_assoc and lp <= p):
            left = f"({left})"
        if rp < p or (rp == p and op.ordered and not right_assoc):
            right = f"({right})"
        return f"{left} {op.infix} {right}"
    return f"{kind}(" + ", ".join(_text(c) for c in t[1:]) + ")"


def symbolic_gradient(doc: Document) -> dict[str, Tree]:
    """d output / d input for every input, as trees (inputs in the document's order)."""
    tree = expression_tree(doc)
    return {name: derivative(tree, name) for name in doc.inputs()}
