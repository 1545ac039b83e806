"""Shared builders for the core tests: documents made with the Document API only.

No parser here (core/expr.py is tested on its own): ``seed_doc`` builds the seed
function with ids in the post-order a parser uses, so labels read x, 2, a, 2, b,
c, y, d, z exactly as in the notebook.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from autodiff_gui.core import ops
from autodiff_gui.core.engine import Program
from autodiff_gui.core.graph import Document
from autodiff_gui.core.graph_queries import values_equal

SEED_VALUE = 3 * math.log(2)  # (1² + 2·1)·log 2
SEED_DX = 2.772588722239781  # (2x + 2)·log y at x=1, y=2
SEED_DY = 1.5  # (x² + 2x)/y


def op_node(doc: Document, name: str, *args: int, params: Mapping[str, Any] | None = None
            ) -> int:
    """Add an op (with its ``params``, if any) and wire ``args`` into its slots in order."""
    node = doc.add_op(name, params=params)
    for slot, a in enumerate(args):
        doc.connect(a, node, slot)
    return node


def seed_doc(x: Any = 1.0, y: Any = 2.0) -> Document:
    """f(x, y) = (x**2 + 2*x) * log(y), ids 1..9 in parser post-order."""
    doc = Document()
    xi = doc.add_input("x", x)  # 1
    a = op_node(doc, "pow", xi, doc.add_const(2.0))  # 2, 3
    b = op_node(doc, "mul", doc.add_const(2.0), xi)  # 4, 5
    c = op_node(doc, "add", a, b)  # 6
    d = op_node(doc, "log", doc.add_input("y", y))  # 7, 8
    doc.set_output(op_node(doc, "mul", c, d))  # 9
    return doc


def unary_doc(name: str, value: Any) -> Document:
    """op(x)."""
    doc = Document()
    op_node(doc, name, doc.add_input("x", value))
    return doc


def binary_doc(name: str, a: Any, b: Any, *, const_b: bool = False) -> Document:
    """op(x, y), or op(x, constant) with ``const_b``."""
    doc = Document()
    x = doc.add_input("x", a)
    y = doc.add_const(b) if const_b else doc.add_input("y", b)
    op_node(doc, name, x, y)
    return doc


CHAIN_OPS = ("sin", "tanh", "cos", "sigmoid")


def chain(n: int, x: float = 0.5) -> Document:
    """x → sin → tanh → cos → σ → sin … : ``n`` unary ops deep (values stay in [-1, 1])."""
    doc = Document()
    node = doc.add_input("x", x)
    with doc.muted():
        for k in range(n):
            node = op_node(doc, CHAIN_OPS[k % len(CHAIN_OPS)], node)
    doc.set_output(node)
    return doc


def chain_derivative(n: int, x: float = 0.5) -> float:
    """The derivative of ``chain(n, x)`` by the textbook chain rule, for comparison."""
    d, v = 1.0, x
    for k in range(n):
        name = CHAIN_OPS[k % len(CHAIN_OPS)]
        if name == "sin":
            d, v = d * math.cos(v), math.sin(v)
        elif name == "cos":
            d, v = d * -math.sin(v), math.cos(v)
        elif name == "tanh":
            t = math.tanh(v)
            d, v = d * (1 - t * t), t
        else:
            s = 1 / (1 + math.exp(-v))
            d, v = d * s * (1 - s), s
    return d


# -- numerical references -------------------------------------------------------------

def central_gradient(program: Program, values: Mapping[str, Any] | None = None,
                     upstream: Any = 1.0, points: int = 3) -> dict[str, Any]:
    """∂(Σ upstream·f)/∂input by central differences.

    ``points=3``: (f(x+h) − f(x−h))/2h with h = ε^(1/3)·max(1, |x|), error ~1e-10
    relative for gentle functions.  ``points=5``: the five-point stencil with
    h = ε^(1/5)·max(1, |x|), fourth order: the reference for random graphs, whose
    nested functions can have large higher derivatives.
    """
    base = {name: np.asarray(program.leaf_values[i], dtype=float)
            for name, i in program.input_index.items()}
    for name, v in (values or {}).items():
        if name in base:
            base[name] = np.asarray(v, dtype=float)
    u = np.asarray(upstream, dtype=float)

    def f(name: str, x: np.ndarray, k: int, x0: float) -> float:
        point = {n: (float(v) if v.ndim == 0 else v) for n, v in base.items()}
        moved = x.copy()
        moved.flat[k] = x0
        point[name] = float(moved) if moved.ndim == 0 else moved
        return float(np.sum(u * np.asarray(program.evaluate(point))))

    eps = np.finfo(float).eps
    result: dict[str, Any] = {}
    for name, x in base.items():
        g = np.zeros(x.shape)
        for k in range(x.size):
            x0 = float(x.flat[k])
            if points == 3:
                h = eps ** (1 / 3) * max(1.0, abs(x0))
                h = (x0 + h) - x0  # a step that is exact in floating point
                g.flat[k] = (f(name, x, k, x0 + h) - f(name, x, k, x0 - h)) / (2 * h)
            else:
                h = eps ** (1 / 5) * max(1.0, abs(x0))
                h = (x0 + h) - x0
                g.flat[k] = (f(name, x, k, x0 - 2 * h) - 8 * f(name, x, k, x0 - h)
                             + 8 * f(name, x, k, x0 + h) - f(name, x, k, x0 + 2 * h)) / (12 * h)
        result[name] = float(g) if x.ndim == 0 else g
    return result


def assert_close(a: Any, b: Any, rtol: float, what: str = "") -> None:
    """Elementwise closeness with an absolute floor scaled to the largest entry."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, (what, a.shape, b.shape)
    scale = max(1.0, float(np.max(np.abs(b))) if b.size else 1.0)
    assert np.allclose(a, b, rtol=rtol, atol=rtol * scale), (what, a, b)


def same_bits(a: Any, b: Any) -> bool:
    """Equal to the last bit (so 0.0 and -0.0 differ), same shape."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def records_equal(r: Any, s: Any) -> bool:
    """Two step records (or nested values) equal field by field, arrays included."""
    if type(r) is not type(s):
        return False
    if hasattr(r, "__dataclass_fields__"):
        return all(records_equal(getattr(r, f), getattr(s, f)) for f in r.__dataclass_fields__)
    if isinstance(r, (tuple, list)):
        return len(r) == len(s) and all(records_equal(x, y) for x, y in zip(r, s))
    if isinstance(r, np.ndarray):
        return same_bits(r, s)
    if isinstance(r, float):
        return same_bits(r, s)
    return bool(r == s)


# -- random graphs ----------------------------------------------------------------------

UNARY = ("neg", "exp", "log", "sqrt", "sin", "cos", "tan", "abs", "tanh", "sigmoid", "relu")
BINARY = ("add", "sub", "mul", "div", "pow", "matmul")
REDUCE = ("sum", "mean")


def _safe(name: str, args: Sequence[Any], const_exponent: bool) -> bool:
    """Whether op ``name`` at these values is smooth, finite and away from kinks,
    with room for a central difference step."""
    a = np.asarray(args[0], dtype=float)
    if name == "log" or name == "sqrt":
        return bool(np.all(a > 0.2))
    if name == "exp":
        return bool(np.all(a < 4))
    if name == "tan":
        return bool(np.all(np.abs(np.cos(a)) > 0.3))
    if name in ("abs", "relu"):
        return bool(np.all(np.abs(a) > 0.05))
    if name == "div":
        return bool(np.all(np.abs(np.asarray(args[1])) > 0.3))
    if name == "pow":
        b = np.asarray(args[1], dtype=float)
        if const_exponent:  # a whole constant exponent: any base
            return bool(np.all(np.abs(a) < 5))
        return bool(np.all((a > 0.3) & (a < 3)) and np.all(np.abs(b) < 3))
    return True


def _gentle(name: str, arg_vals: Sequence[Any], limit: float = 4.0) -> bool:
    """Whether the op's local slopes are moderate: chained steep slopes make
    functions whose finite differences are too inaccurate to be a reference."""
    op = ops.OPS[name]
    if op.partial_a is None:
        return True
    with np.errstate(all="ignore"):
        out = op.forward_a(*arg_vals)
        slopes = [np.asarray(p(out, *arg_vals), dtype=float) for p in op.partial_a]
    return all(bool(np.all(np.isfinite(s)) and np.all(np.abs(s) <= limit)) for s in slopes)


def _fits(name: str, arg_vals: Sequence[Any]) -> bool:
    """Whether the shapes fit the op (broadcasting, or matmul's rules)."""
    try:
        with np.errstate(all="ignore"):
            ops.OPS[name].forward_a(*arg_vals)
    except ValueError:
        return False
    return True


def build_random(recipe: dict[str, Any]) -> Document:
    """A document from a drawn recipe, replacing any op that would be unsafe at the
    recipe's values (out of domain, at a kink, too large) by a smooth one.

    ``recipe``: {"inputs": [(name, value)], "steps": [(op, i, j, k)]}: i picks one of
    the three newest nodes as the first argument (deep graphs), j any earlier node
    as the second (fan-out), k a constant whole exponent for pow when even.
    """
    doc = Document()
    ids: list[int] = []
    vals: list[Any] = []
    for name, value in recipe["inputs"]:
        ids.append(doc.add_input(name, value))
        vals.append(doc.node(ids[-1])["value"])
    for name, i, j, k in recipe["steps"]:
        n = len(ids)
        a, b = n - 1 - (i % min(n, 3)), j % n
        arity = ops.OPS[name].arity
        const = float(2 + k % 3) if name == "pow" and k % 2 == 0 else None
        args = [a] if arity == 1 or const is not None else [a, b]
        arg_vals = [vals[t] for t in args] + ([const] if const is not None else [])
        if not _fits(name, arg_vals):
            args, arg_vals = [a, a], [vals[a], vals[a]]  # x op x: fan-out, fits if anything does
            if not _fits(name, arg_vals):
                name = "mul"  # matmul of scalars, or of (2, 3) with (2, 3)
        if not _safe(name, arg_vals, const is not None) or not _gentle(name, arg_vals):
            if arity == 1:
                name = "tanh"
            else:
                name, const, args, arg_vals = "add", None, [a, a], [vals[a], vals[a]]
        if const is not None:
            node = op_node(doc, name, ids[a], doc.add_const(const))
        else:
            node = op_node(doc, name, *(ids[t] for t in args))
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            out = np.asarray(ops.OPS[name].forward_a(*arg_vals), dtype=float)
        if np.max(np.abs(out)) > 50:  # keep values moderate: squash with tanh
            node = op_node(doc, "tanh", node)
            out = np.tanh(out)
        ids.append(node)
        vals.append(float(out) if out.ndim == 0 else out)
    # Every dangling node (inputs too) joins the output, so every input counts.
    out_node, out_val = ids[-1], vals[-1]
    for node, v in zip(ids[:-1], vals[:-1]):
        if doc.users(node):
            continue
        if not _fits("add", [out_val, v]):
            node, v = op_node(doc, "sum", node), float(np.sum(v))
        out_node = op_node(doc, "sub" if len(doc) % 2 else "add", out_node, node)
        out_val = np.asarray(out_val) + v
    doc.set_output(out_node)
    return doc


def same_structure(a: Document, b: Document) -> bool:
    """Same graph seen from the output, ignoring node ids and positions."""
    ta, tb = a.node_table(), b.node_table()
    aa, ab = a.argument_table(), b.argument_table()
    pairs, seen = [(a.output, b.output)], set()
    while pairs:
        m, n = pairs.pop()
        if (m, n) in seen:
            continue
        seen.add((m, n))
        if (m is None) != (n is None):
            return False
        if m is None:
            continue
        dm = {k: v for k, v in ta[m].items() if k not in ("pos", "value")}
        dn = {k: v for k, v in tb[n].items() if k not in ("pos", "value")}
        if dm != dn or ("value" in ta[m]) != ("value" in tb[n]):
            return False
        if "value" in ta[m] and not values_equal(ta[m]["value"], tb[n]["value"]):
            return False
        if len(aa[m]) != len(ab[n]):
            return False
        pairs.extend(zip(aa[m], ab[n]))
    return len(ta) == len(tb)
