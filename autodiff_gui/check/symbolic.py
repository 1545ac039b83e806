"""Symbolic derivatives simplified by sympy, and the sizes that show expression swell.

``core.symbolic`` writes the textbook derivative without sharing; here sympy
(imported lazily: it comes with torch, the core never needs it) simplifies it, and
the result is turned back into a tree of the expression language, so the
simplified text parses with ``expr.parse`` too.  How sympy writes each primitive is
in the op table (``ops.SYMPY``).

Sizes are operation counts: the expression (as a tree), each unsimplified and
simplified derivative, the backward graph (every gradient node: shared), and the
tape (the operations the forward pass records).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import expr, ops
from ..core.backward_graph import build_backward
from ..core.engine import compile_graph
from ..core.graph import Document
from ..core.symbolic import (
    ONE,
    SymbolicError,
    Tree,
    add,
    const,
    div,
    expression_tree,
    mul,
    neg,
    size,
    sub,
    symbolic_gradient,
    to_text,
)

# sympy's simplify tries many rewritings and takes seconds past a few dozen operations;
# beyond FULL_LIMIT only factor_terms (common factors pulled out, ~0.2 s for 1,000).
FULL_LIMIT = 20
SIMPLIFY_LIMIT = 5_000


@dataclass
class SymbolicResult:
    """The contract's ``symbolic`` object: texts by input, and the sizes."""

    gradient: dict[str, str]
    simplified: dict[str, str]
    sizes: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"gradient": self.gradient, "simplified": self.simplified,
                                "sizes": self.sizes}
        if self.notes:
            data["notes"] = self.notes
        return data


def backward_size(doc: Document) -> int:
    """Operations of the backward graph (all gradients, shared)."""
    d = build_backward(doc).document
    return sum(1 for n in d.nodes() if d.kind(n) == "op")


def tape_size(doc: Document) -> int:
    """Operations the forward pass records on its tape (each computed once)."""
    program = compile_graph(doc)
    return sum(1 for op in program.ops if op is not None)


def _to_sympy(tree: Tree, sp: Any, symbols: dict[str, Any]) -> Any:
    kind = tree[0]
    if kind == "input":
        return symbols.setdefault(tree[1], sp.Symbol(tree[1], real=True))
    if kind == "const":
        v = tree[1]
        return sp.Integer(int(v)) if float(v).is_integer() else sp.Float(v, 17)
    args = [_to_sympy(c, sp, symbols) for c in tree[1:]]
    write = ops.SYMPY.get(kind)
    if write is None:
        raise SymbolicError(kind)
    return write(sp, *args)


def _from_sympy(e: Any, sp: Any) -> Tree:
    if e.is_Symbol:
        return ("input", e.name)
    if e.is_Number:
        if e.is_Rational and not e.is_Integer:
            return div(const(float(e.p)), const(float(e.q)))
        return const(float(e))
    if e is sp.E:
        return ("exp", ONE)
    if e.is_Add:
        terms = e.as_ordered_terms()
        out = _from_sympy(terms[0], sp)
        for t in terms[1:]:  # a − b rather than a + −b
            out = sub(out, _from_sympy(-t, sp)) if t.could_extract_minus_sign() \
                else add(out, _from_sympy(t, sp))
        return out
    if e.is_Mul:
        num, den = [], []
        sign = 1.0
        for f in e.as_ordered_factors():
            if f.is_Number and f < 0:
                sign = -sign
                f = -f
                if f == 1:
                    continue
            if f.is_Pow and f.exp.is_Number and f.exp < 0:
                den.append(_from_sympy(sp.Pow(f.base, -f.exp), sp))
            else:
                num.append(_from_sympy(f, sp))
        top = num[0] if num else ONE
        for f in num[1:]:
            top = mul(top, f)
        for f in den:
            top = div(top, f)
        return neg(top) if sign < 0 else top
    if e.is_Pow:
        base, power = e.args
        if power == sp.Rational(1, 2):
            return ("sqrt", _from_sympy(base, sp))
        if power.is_Number and power < 0:
            return div(ONE, _from_sympy(sp.Pow(base, -power), sp))
        return ("pow", _from_sympy(base, sp), _from_sympy(power, sp))
    name = getattr(e.func, "__name__", "")
    op = ops.OPS.get(name)
    if op is not None and op.arity + len(op.params) == len(e.args):
        # sin, exp, ... and the opaque relu, maximum(a, b), clamp(a, lo, hi)
        return (name, *(_from_sympy(arg, sp) for arg in e.args))
    raise SymbolicError(str(e.func))


def simplify(tree: Tree) -> Tree | None:
    """sympy's simplification of a tree, as a tree; None if too large or not printable."""
    if size(tree) > SIMPLIFY_LIMIT:
        return None
    try:
        import sympy as sp  # lazy on purpose: ~0.5 s
    except ImportError:
        return None
    try:
        e = _to_sympy(tree, sp, {})
    except SymbolicError:
        return None
    ways = [sp.factor_terms] + ([sp.simplify] if size(tree) <= FULL_LIMIT else [])
    candidates = []
    for way in ways:
        try:  # a form the language cannot write (cosh, Piecewise, ...) is skipped
            candidates.append(_from_sympy(way(e), sp))
        except (SymbolicError, TypeError, ValueError, RecursionError):
            continue
    if not candidates:
        return None
    return min(candidates, key=size)


def symbolic_report(doc: Document, *, simplified: bool = True) -> SymbolicResult:
    """Texts and sizes for the ``symbolic`` object (raises SymbolicError for arrays)."""
    tree = expression_tree(doc)
    grads = symbolic_gradient(doc)
    texts = {name: to_text(t) for name, t in grads.items()}
    simple: dict[str, str] = {}
    simple_sizes: dict[str, int] = {}
    notes: list[str] = []
    for name, t in grads.items():
        s = simplify(t) if simplified else None
        if s is None:
            s = t
            if simplified:
                notes.append(f"{name}: left as it is (sympy missing, over {SIMPLIFY_LIMIT} "
                             "operations, or a form the language cannot write)")
        simple[name] = to_text(s)
        simple_sizes[name] = size(s)
    sizes = {"expression": size(tree), "symbolic": {n: size(t) for n, t in grads.items()},
             "simplified": simple_sizes, "backward_graph": backward_size(doc),
             "tape": tape_size(doc)}
    return SymbolicResult(texts, simple, sizes, notes)


def swell_document(kind: str, n: int) -> Document:
    """The swell examples: ``sines`` (product of sin(k·x), k = 1..n) or ``iterate``
    (x = sin(x)·x, n times)."""
    if kind == "sines":
        text = " * ".join(f"sin({k} * x)" if k > 1 else "sin(x)" for k in range(1, n + 1))
        return expr.parse(text, {"x": 0.5})
    doc = expr.parse("x", {"x": 0.5})
    x = doc.find_input("x")
    assert x is not None
    node = x
    for _ in range(n):
        s = doc.add_op("sin", args=(node,))
        node = doc.add_op("mul", args=(s, node))
    doc.set_output(node)
    return doc


def swell_table(kind: str, ns: range, *, simplified: bool = False) -> list[dict[str, int]]:
    """Sizes against n: expression, symbolic derivative, (simplified), backward graph, tape."""
    rows = []
    for n in ns:
        doc = swell_document(kind, n)
        tree = expression_tree(doc)
        d = symbolic_gradient(doc)["x"]
        row = {"n": n, "expression": size(tree), "symbolic": size(d),
               "backward_graph": backward_size(doc), "tape": tape_size(doc)}
        if simplified:
            s = simplify(d)
            row["simplified"] = size(s) if s is not None else -1
        rows.append(row)
    return rows
