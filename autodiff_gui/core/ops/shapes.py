"""Shape primitives: ``transpose``, ``reshape``, ``index``, ``stack`` and ``concat``.

They move elements without changing them, so every backward rule puts the gradient back
where the element came from:

* ``transpose(A)`` (``A.T``): a matrix's rows become columns; a number or a vector is left
  as it is, as PyTorch's ``.T`` does.  Backward: the gradient transposed back.
* ``reshape(x, shape)``: the same elements in another shape (one axis may be −1: as long
  as the rest leaves).  Backward: the gradient reshaped back.
* ``index(x, index)`` (``x[0]``, ``W[1, :]``, ``x[1:3]``): constant whole numbers and
  slices, numpy's basic indexing (no step below 1, nothing out of range, never an empty
  result).  Backward: the gradient scattered into zeros of the argument's shape.
* ``stack(a, b, axis)``: a new axis.  Equal shapes make a stack of two; if ``a`` already
  has the new axis (its shape is ``b``'s with one more axis at ``axis``), ``b`` is added to
  it as one more slice.  So ``stack(a, b, c)``, which the language folds into
  ``stack(stack(a, b), c)`` as it folds every longer call, is the stack of three, exactly
  ``torch.stack([a, b, c])``; stacking two stacks of equal shape still makes a new axis.
* ``concat(a, b, axis)``: joined along an existing axis (``torch.cat``); associative, so
  ``concat(a, b, c)`` is ``concat(concat(a, b), c)``.

Each gradient rule of the backward graph uses these same primitives (``index`` takes the
slices back out of a stack or concat; the scatter of ``index`` pads with constant zeros
through ``concat``), so the backward graph can be differentiated again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .model import Op, Param, Value

# Every refusal names "shape", so the engine reports it as a shape error of the node.
MESSAGES: dict[str, str] = {
    "transpose_axes": "transpose takes a matrix (a number or a vector stays as it is); "
                      "this shape has more than 2 axes",
    "reshape_size": "reshape needs a shape with as many elements as the argument "
                    "(one axis may be −1)",
    "index_scalar": "a number cannot be indexed: its shape has no axes",
    "index_axes": "the index has more entries than the argument's shape has axes",
    "index_range": "an index is out of range for the argument's shape",
    "index_step": "a slice's step must be 1 or more, whatever the shape (PyTorch has no "
                  "reversed slices)",
    "index_empty": "the index selects no element of the argument's shape",
    "stack_shapes": "stack needs arguments of the same shape (or a stack and one more slice "
                    "of its shape)",
    "stack_axis": "the stack axis is out of range for the arguments' shape",
    "concat_scalar": "concat joins arrays along an axis; a number's shape has none "
                     "(use stack)",
    "concat_shapes": "concat needs shapes that agree on every axis but the joined one",
    "concat_axis": "the concat axis is out of range for the arguments' shape",
}


def _plain(v: Any) -> Value:
    """A 0-d result as a Python number, anything else as an array (a copy of a view)."""
    v = np.asarray(v)
    if v.ndim == 0:
        return complex(v) if np.iscomplexobj(v) else float(v)
    return np.array(v)


def _axis(axis: int | None, ndim: int, code: str) -> int:
    """``axis`` as 0 … ndim−1 (negative counts from the end), ValueError(code) if not."""
    if axis is None or not -ndim <= axis < ndim:
        raise ValueError(MESSAGES[code])
    return axis % ndim


# -- transpose ------------------------------------------------------------------------------

def _transpose_shape(a: tuple[int, ...]) -> tuple[int, ...]:
    if len(a) > 2:
        raise ValueError(MESSAGES["transpose_axes"])
    return tuple(reversed(a))


def _transpose(a: Value) -> Value:
    _transpose_shape(np.shape(a))
    return _plain(np.transpose(a))


# -- reshape --------------------------------------------------------------------------------

def _reshape_shape(a: tuple[int, ...], *, shape: tuple[int, ...]) -> tuple[int, ...]:
    size = int(np.prod(a, dtype=int))
    known = int(np.prod([n for n in shape if n != -1], dtype=int))
    if -1 in shape:
        if known == 0 or size % known:
            raise ValueError(MESSAGES["reshape_size"])
        return tuple(size // known if n == -1 else n for n in shape)
    if known != size:
        raise ValueError(MESSAGES["reshape_size"])
    return tuple(shape)


def _reshape(a: Value, *, shape: tuple[int, ...]) -> Value:
    return _plain(np.reshape(a, _reshape_shape(np.shape(a), shape=shape)))


# -- index ----------------------------------------------------------------------------------

def _key(index: Sequence[Any]) -> tuple[Any, ...]:
    """The parameter's items as a numpy index: ints and slice objects."""
    return tuple(item if isinstance(item, int) else slice(*item) for item in index)


def _ranges(a: tuple[int, ...], index: Sequence[Any]) -> list[range | int]:
    """Per axis of ``a``: the int it is indexed with (the axis goes), or the range of
    positions it keeps; ValueError with our words for every refusal."""
    if not a:
        raise ValueError(MESSAGES["index_scalar"])
    if len(index) > len(a):
        raise ValueError(MESSAGES["index_axes"])
    picked: list[range | int] = []
    for n, item in zip(a, list(index) + [(None, None, None)] * (len(a) - len(index))):
        if isinstance(item, int):
            if not -n <= item < n:
                raise ValueError(MESSAGES["index_range"])
            picked.append(item % n)
            continue
        if item[2] is not None and item[2] < 1:
            raise ValueError(MESSAGES["index_step"])
        r = range(*slice(*item).indices(n))
        if not len(r):
            raise ValueError(MESSAGES["index_empty"])
        picked.append(r)
    return picked


def _index_shape(a: tuple[int, ...], *, index: Sequence[Any]) -> tuple[int, ...]:
    return tuple(len(r) for r in _ranges(a, index) if isinstance(r, range))


def _index(a: Value, *, index: Sequence[Any]) -> Value:
    _ranges(np.shape(a), index)
    return _plain(np.asarray(a)[_key(index)])


def _scatter(g: Value, a: Value, index: Sequence[Any]) -> np.ndarray:
    """g placed at ``index`` in zeros of ``a``'s shape (basic indexing never repeats)."""
    out = np.zeros(np.shape(a), dtype=np.result_type(g, float))
    out[_key(index)] = g
    return out


def index_text(index: Sequence[Any]) -> str:
    """The index as the language writes it: ``1, :``, ``1:3``, ``::2``."""
    def part(item: Any) -> str:
        if isinstance(item, int):
            return str(item)
        start, stop, step = ("" if p is None else str(p) for p in item)
        return f"{start}:{stop}" + (f":{step}" if step else "")
    return ", ".join(part(item) for item in index)


# -- stack and concat -----------------------------------------------------------------------

def _stack_layout(a: tuple[int, ...], b: tuple[int, ...], axis: int | None) -> tuple[bool, int]:
    """(whether ``a`` is already a stack that ``b`` joins, the new axis as 0 … ndim−1)."""
    ax = _axis(axis, len(b) + 1, "stack_axis")
    if tuple(a) == tuple(b):
        return False, ax
    if len(a) == len(b) + 1 and tuple(a[:ax]) + tuple(a[ax + 1:]) == tuple(b):
        return True, ax
    raise ValueError(MESSAGES["stack_shapes"])


def _stack_shape(a: tuple[int, ...], b: tuple[int, ...], *, axis: int | None
                 ) -> tuple[int, ...]:
    onto, ax = _stack_layout(a, b, axis)
    count = a[ax] + 1 if onto else 2
    return tuple(b[:ax]) + (count,) + tuple(b[ax:])


def _stack(a: Value, b: Value, *, axis: int | None) -> Value:
    onto, ax = _stack_layout(np.shape(a), np.shape(b), axis)
    if onto:
        return np.concatenate([a, np.expand_dims(b, ax)], axis=ax)
    return np.stack([np.asarray(a), np.asarray(b)], axis=ax)


def _stack_vjp_a(g: Value, out: Value, a: Value, b: Value, *, axis: int | None) -> Value:
    onto, ax = _stack_layout(np.shape(a), np.shape(b), axis)
    part = np.take(g, np.arange(np.shape(g)[ax] - 1), axis=ax) if onto else np.take(g, 0, ax)
    return _plain(part)


def _stack_vjp_b(g: Value, out: Value, a: Value, b: Value, *, axis: int | None) -> Value:
    _onto, ax = _stack_layout(np.shape(a), np.shape(b), axis)
    return _plain(np.take(g, np.shape(g)[ax] - 1, axis=ax))


def _zero_tangent(t: Value | None, like: Value) -> Value:
    return np.zeros(np.shape(like)) if t is None else t


def _stack_jvp(out: Value, args: Sequence[Value], tangents: Sequence[Value | None], *,
               axis: int | None) -> Value:
    a, b = args
    return _stack(_zero_tangent(tangents[0], a), _zero_tangent(tangents[1], b), axis=axis)


def _concat_axis(a: tuple[int, ...], b: tuple[int, ...], axis: int | None) -> int:
    if not a or not b:
        raise ValueError(MESSAGES["concat_scalar"])
    if len(a) != len(b):
        raise ValueError(MESSAGES["concat_shapes"])
    ax = _axis(axis, len(a), "concat_axis")
    if tuple(a[:ax]) + tuple(a[ax + 1:]) != tuple(b[:ax]) + tuple(b[ax + 1:]):
        raise ValueError(MESSAGES["concat_shapes"])
    return ax


def _concat_shape(a: tuple[int, ...], b: tuple[int, ...], *, axis: int | None
                  ) -> tuple[int, ...]:
    ax = _concat_axis(a, b, axis)
    return tuple(a[:ax]) + (a[ax] + b[ax],) + tuple(a[ax + 1:])


def _concat(a: Value, b: Value, *, axis: int | None) -> Value:
    return np.concatenate([a, b], axis=_concat_axis(np.shape(a), np.shape(b), axis))


def _concat_vjp(slot: int) -> Callable[..., Value]:
    def vjp(g: Value, out: Value, a: Value, b: Value, *, axis: int | None) -> Value:
        ax = _concat_axis(np.shape(a), np.shape(b), axis)
        n = np.shape(a)[ax]
        rows = np.arange(n) if slot == 0 else np.arange(n, np.shape(g)[ax])
        return np.take(g, rows, axis=ax)
    return vjp


def _concat_jvp(out: Value, args: Sequence[Value], tangents: Sequence[Value | None], *,
                axis: int | None) -> Value:
    a, b = args
    return _concat(_zero_tangent(tangents[0], a), _zero_tangent(tangents[1], b), axis=axis)


# -- how the narration says a node with its parameters ---------------------------------------

def _reshape_texts(*, shape: tuple[int, ...]) -> dict[str, Any]:
    s = str(tuple(shape))
    return {"template": f"{{out}} = reshape({{0}}, {s})", "expr": f"reshape({{0}}, {s})",
            "tangent_texts": (f"reshape({{t}}, {s})",)}


def _index_texts(*, index: Sequence[Any]) -> dict[str, Any]:
    at = index_text(index)
    return {"template": f"{{out}} = {{0}}[{at}]", "expr": f"{{0}}[{at}]",
            "tangent_texts": (f"{{t}}[{at}]",)}


def _stack_texts(*, axis: int | None) -> dict[str, Any]:
    return {"template": f"{{out}} = stack({{0}}, {{1}}) along axis {axis}",
            "expr": f"stack({{0}}, {{1}}, {axis})"}


def _concat_texts(*, axis: int | None) -> dict[str, Any]:
    return {"template": f"{{out}} = concat({{0}}, {{1}}) along axis {axis}",
            "expr": f"concat({{0}}, {{1}}, {axis})"}


# -- PyTorch: calls that are not torch.<name>(tensors, params) ----------------------------

def _torch_stack(torch: Any, a: Any, b: Any, *, axis: int | None) -> Any:
    onto, ax = _stack_layout(tuple(a.shape), tuple(b.shape), axis)
    if onto:  # a is a stack already: b is one more slice (torch.stack([.., .., b]))
        return torch.cat([a, b.unsqueeze(ax)], dim=ax)
    return torch.stack([a, b], dim=ax)


def _torch_index(torch: Any, a: Any, *, index: Sequence[Any]) -> Any:
    return a[_key(index)]


def _code_stack(texts: Sequence[str], shapes: Sequence[tuple[int, ...]], *,
                axis: int | None) -> str:
    a, b = texts
    onto, ax = _stack_layout(shapes[0], shapes[1], axis)
    if onto:
        return f"torch.cat([{a}, {b}.unsqueeze({ax})], dim={ax})"
    return f"torch.stack([{a}, {b}], dim={ax})"


TABLE: list[Op] = [
    Op(name="transpose", arity=1, symbol="ᵀ", group="shapes", slots=("A",), ordered=False,
       forward_s=None, forward_a=_transpose, partial_s=None, partial_a=None, vjp_s=(),
       vjp_a=(lambda g, o, a: _transpose(g),),
       formulas=("∂f/∂α = (∂f/∂αᵀ)ᵀ",), template="{out} = {0}ᵀ", elementwise=False,
       jvp_custom=lambda o, args, ts: _transpose(ts[0]),
       expr="{0}ᵀ", local_texts=("(∂·/∂{out})ᵀ",), backward_texts=("({g})ᵀ",),
       tangent_texts=("{t}ᵀ",), shape=_transpose_shape, torch_name="t", postfix=".T",
       extra={"torch_code": lambda texts, shapes: f"{texts[0]}.T"},
       description="rows become columns (A.T); a vector stays as it is"),
    Op(name="reshape", arity=1, symbol="reshape", group="shapes", slots=("x",),
       ordered=False, forward_s=None, forward_a=_reshape, partial_s=None, partial_a=None,
       vjp_s=(), vjp_a=(lambda g, o, a, *, shape: _plain(np.reshape(g, np.shape(a))),),
       formulas=("∂f/∂α = ∂f/∂reshape(α) in the shape of α",),
       template="{out} = reshape({0})", elementwise=False,
       jvp_custom=lambda o, args, ts, *, shape: _reshape(ts[0], shape=shape),
       expr="reshape({0})", local_texts=("1 (each element to itself)",),
       backward_texts=("{g} reshaped back to the shape of {0}, {shape0}",),
       tangent_texts=("reshape({t})",), shape=_reshape_shape, torch_name="reshape",
       params=(Param("shape", "shape"),), param_texts=_reshape_texts,
       torch_params=lambda *, shape: (tuple(shape),),
       description="the same elements in another shape (one axis may be −1)"),
    Op(name="index", arity=1, symbol="[ ]", group="shapes", slots=("x",), ordered=False,
       forward_s=None, forward_a=_index, partial_s=None, partial_a=None, vjp_s=(),
       vjp_a=(lambda g, o, a, *, index: _scatter(g, a, index),),
       formulas=("∂f/∂α = ∂f/∂α[i] at the indexed places, 0 elsewhere",),
       template="{out} = {0}[i]", elementwise=False,
       jvp_custom=lambda o, args, ts, *, index: _index(ts[0], index=index),
       expr="{0}[i]", local_texts=("1 at the indexed places, 0 elsewhere",),
       backward_texts=("{g} scattered back into zeros of shape {shape0}, at the indexed "
                       "places",),
       tangent_texts=("{t}[i]",), shape=_index_shape, torch_name="Tensor.__getitem__",
       postfix="[]",
       params=(Param("index", "index"),), param_texts=_index_texts,
       extra={"torch_call": _torch_index,
              "torch_code": lambda texts, shapes, *, index: f"{texts[0]}[{index_text(index)}]"},
       description="constant elements and slices: x[0], W[1, :], x[1:3]"),
    Op(name="stack", arity=2, symbol="stack", group="shapes", slots=("a", "b"), ordered=True,
       forward_s=None, forward_a=_stack, partial_s=None, partial_a=None, vjp_s=(),
       vjp_a=(_stack_vjp_a, _stack_vjp_b),
       formulas=("∂f/∂α = the slices of ∂f/∂stack(α, β) that came from α",
                 "∂f/∂β = the slice of ∂f/∂stack(α, β) that came from β"),
       template="{out} = stack({0}, {1})", elementwise=False, jvp_custom=_stack_jvp,
       expr="stack({0}, {1})", local_texts=("1 (its own slices)", "1 (its own slice)"),
       backward_texts=("the slices of {g} that came from {0}, shape {shape0}",
                       "the last slice of {g}, shape {shape1}"),
       tangent_texts=("stack({t}, 0)", "stack(0, {t})"), shape=_stack_shape,
       torch_name="stack", params=(Param("axis", "axis", 0),), param_texts=_stack_texts,
       chain=True,
       extra={"torch_call": _torch_stack, "torch_code": _code_stack},
       description="two arrays of one shape on a new axis; a stack and one more slice"),
    Op(name="concat", arity=2, symbol="concat", group="shapes", slots=("a", "b"),
       ordered=True, forward_s=None, forward_a=_concat, partial_s=None, partial_a=None,
       vjp_s=(), vjp_a=(_concat_vjp(0), _concat_vjp(1)),
       formulas=("∂f/∂α = the first part of ∂f/∂concat(α, β)",
                 "∂f/∂β = the rest of ∂f/∂concat(α, β)"),
       template="{out} = concat({0}, {1})", elementwise=False, jvp_custom=_concat_jvp,
       expr="concat({0}, {1})", local_texts=("1 (its own part)", "1 (its own part)"),
       backward_texts=("the first part of {g} along the joined axis, shape {shape0}",
                       "the rest of {g} along the joined axis, shape {shape1}"),
       tangent_texts=("concat({t}, 0)", "concat(0, {t})"), shape=_concat_shape,
       torch_name="cat", params=(Param("axis", "axis", 0),), param_texts=_concat_texts,
       chain=True,
       extra={"torch_call": lambda torch, a, b, *, axis: torch.cat([a, b], dim=axis),
              "torch_code": lambda texts, shapes, *, axis: f"torch.cat([{texts[0]}, "
                                                           f"{texts[1]}], dim={axis})"},
       description="two arrays joined along an existing axis (torch.cat)"),
]


# Backward rules as graphs (see basic.py) -------------------------------------------------

def _full(ax: int, item: Any) -> tuple[Any, ...]:
    """An index parameter taking ``item`` on axis ``ax`` and everything elsewhere."""
    return tuple([(None, None, None)] * ax + [item])


def _index_rule(B: Any, g: Any, o: Any, a: Any, *, index: Sequence[Any]) -> Any:
    """g scattered into zeros of a's shape: the dropped axes put back (reshape), then each
    axis padded with constant zeros (concat) where the index left elements out."""
    shape = tuple(B.shape[a])
    picked = _ranges(shape, index)
    kept = tuple(1 if isinstance(r, int) else len(r) for r in picked)
    r = g if tuple(B.shape[g]) == kept else B.reshape(g, shape=kept)
    for ax, (p, n) in enumerate(zip(picked, shape)):
        positions = range(p, p + 1) if isinstance(p, int) else p
        if positions.step != 1 and len(positions) > 1:  # spread out: piece by piece
            pieces = [B.index(r, index=_full(ax, (k, k + 1, None)))
                      for k in range(len(positions))]
            r = pieces[0]
            for piece in pieces[1:]:
                gap = list(B.shape[r])
                gap[ax] = positions.step - 1
                r = B.concat(B.concat(r, B.const(np.zeros(gap)), axis=ax), piece, axis=ax)
        before, after = positions.start, n - (positions[-1] + 1)
        if before:
            pad = list(B.shape[r])
            pad[ax] = before
            r = B.concat(B.const(np.zeros(pad)), r, axis=ax)
        if after:
            pad = list(B.shape[r])
            pad[ax] = after
            r = B.concat(r, B.const(np.zeros(pad)), axis=ax)
    return r


def _stack_rule(slot: int) -> Callable[..., Any]:
    def rule(B: Any, g: Any, o: Any, a: Any, b: Any, *, axis: int | None) -> Any:
        onto, ax = _stack_layout(tuple(B.shape[a]), tuple(B.shape[b]), axis)
        last = B.shape[g][ax] - 1
        item = ((0, last, None) if onto else 0) if slot == 0 else last
        return B.index(g, index=_full(ax, item))
    return rule


def _concat_rule(slot: int) -> Callable[..., Any]:
    def rule(B: Any, g: Any, o: Any, a: Any, b: Any, *, axis: int | None) -> Any:
        ax = _concat_axis(tuple(B.shape[a]), tuple(B.shape[b]), axis)
        n = B.shape[a][ax]
        item = (0, n, None) if slot == 0 else (n, None, None)
        return B.index(g, index=_full(ax, item))
    return rule


GRAD_RULES: dict[str, tuple[Callable[..., Any], ...]] = {
    "transpose": (lambda B, g, o, a: B.op("transpose", g),),
    "reshape": (lambda B, g, o, a, *, shape: B.reshape(g, shape=tuple(B.shape[a])),),
    "index": (_index_rule,),
    "stack": (_stack_rule(0), _stack_rule(1)),
    "concat": (_concat_rule(0), _concat_rule(1)),
}

# The textbook rules and sympy (see basic.py): only a number's transpose or reshape is a
# number, and it is the number itself; the others need arrays.
SYMBOLIC_RULES: dict[str, Callable[..., Any] | None] = {
    "transpose": lambda S, a, b, da, db: da,
    "reshape": lambda S, a, b, da, db: da,
    "index": None, "stack": None, "concat": None,
}

SYMPY: dict[str, Callable[..., Any] | None] = {
    "transpose": lambda sp, a: a, "reshape": lambda sp, a: a,
    "index": None, "stack": None, "concat": None,
}
