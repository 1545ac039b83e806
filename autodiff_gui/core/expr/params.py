"""Op parameters in the language: literals after a call's arguments, indices, ``.T``.

``sum(x, 0)``, ``reshape(x, (2, 3))``, ``clamp(x, -1, 1)``: after an op's arguments come
its parameters (``Op.params``), positionally, as literal values (a signed number, ``None``
or a tuple or list of them); optional ones may be left out.  ``x[0]``, ``W[1, :]``,
``x[1:3]`` is the op whose ``postfix`` is ``"[]"`` with its one parameter the index, and
``A.T`` the op whose ``postfix`` is ``".T"``.  Both directions live here: reading the
literals from tokens (for the parser) and writing them back (for the printer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import ops
from ..graph import Text
from .tokens import ParseError, Tokens, tokenize


def postfix_op(mark: str) -> str | None:
    """The op written ``x<mark>`` (``[]``, ``.T``), looked up now: families may add it late."""
    for op in ops.OPS.values():
        if op.postfix == mark:
            return op.name
    return None


def usage(op: ops.Op) -> str:
    """How a call of ``op`` is written: ``sum(a[, axis])``, ``clamp(a, lo, hi)``."""
    text = ", ".join(op.slots)
    opened = 0
    for p in op.params:
        if p.required:
            text += f", {p.name}"
        else:
            text += f"[, {p.name}"
            opened += 1
    return f"{op.name}({text}{']' * opened})"


def parse_literal(toks: Tokens, i: int, op: ops.Op, name: str) -> tuple[Any, int]:
    """The literal parameter value starting at token ``i`` and the index after it."""
    kinds, texts = toks.kind, toks.text
    kind = kinds[i]
    if kind == "bad":
        raise toks.extra[i]
    if kind == "op" and texts[i] in ("+", "-") and kinds[i + 1] == "num":
        sign = -1.0 if texts[i] == "-" else 1.0
        return sign * toks.extra[i + 1], i + 2
    if kind == "num":
        return toks.extra[i], i + 1
    if kind == "name" and texts[i] == "None":
        return None, i + 1
    if kind in ("(", "["):
        close = ")" if kind == "(" else "]"
        items: list[Any] = []
        j = i + 1
        while kinds[j] != close:
            value, j = parse_literal(toks, j, op, name)
            items.append(value)
            if kinds[j] == ",":
                j += 1
            elif kinds[j] != close:
                break
        if kinds[j] != close:
            raise _not_literal(toks, j, op, name)
        return tuple(items), j + 1
    raise _not_literal(toks, i, op, name)


def _not_literal(toks: Tokens, i: int, op: ops.Op, name: str) -> ParseError:
    if toks.kind[i] == "bad":
        return toks.extra[i]
    if toks.kind[i] == "end":
        return toks.error("ends_early", i - 1, prev=toks.text[i - 1])
    if toks.kind[i] == ")" and toks.kind[i - 1] == ",":  # sum(x,): as any missing operand
        return toks.error("expected_value", i, prev=",", token=")")
    return toks.error("param_literal", i, op=op.name, name=name, token=toks.text[i])


def parse_params(toks: Tokens, i: int, op: ops.Op) -> tuple[dict[str, Any], int]:
    """The parameters from token ``i`` (just after the ',' ending the arguments) to the
    call's ')': validated, and the index of that ')'."""
    first = i
    params, i = _literals(toks, i, op, ")")
    return check(toks, first, i - 1, op, params), i


def _literals(toks: Tokens, i: int, op: ops.Op, stop: str) -> tuple[dict[str, Any], int]:
    """Literal parameters separated by ',' from token ``i`` up to the token kind ``stop``
    (')' in a call, 'end' typed alone), by position; the index of ``stop``."""
    kinds = toks.kind
    values: list[Any] = []
    while True:
        if len(values) == len(op.params):
            raise toks.error("too_many_params", i, op=op.name, count=len(op.params),
                             usage=usage(op))
        value, i = parse_literal(toks, i, op, op.params[len(values)].name)
        values.append(value)
        if kinds[i] == stop:
            return dict(zip((p.name for p in op.params), values)), i
        if kinds[i] != ",":
            raise _not_literal(toks, i, op, op.params[len(values) - 1].name)
        i += 1


def params_ahead(toks: Tokens, i: int, op: ops.Op) -> bool:
    """Whether token ``i`` starts the parameters of a chain op (``Op.chain``) rather than
    one more argument: ``stack(a, b, 1)`` (a literal that is a valid first parameter,
    then ',' or ')') against ``stack(a, b, c)`` or ``stack(a, b, [1, 2])``."""
    for param in op.params:  # literals up to ')', no more of them than parameters
        try:
            value, i = parse_literal(toks, i, op, param.name)
            param.check(value)
        except (ParseError, ops.ParamError):
            return False
        if toks.kind[i] == ")":
            return True
        if toks.kind[i] != ",":
            return False
        i += 1
    return False  # stack(a, b, 2, 0): the 2 is one more argument


def parse_params_text(op: ops.Op, text: str) -> dict[str, Any]:
    """Parameters typed on their own, as they follow a call's arguments (``0``, ``-1, 1``,
    ``(2, 3)``): validated, every required one given.  ParseError with the place."""
    toks = tokenize(text)
    if toks.kind[0] == "end":
        return check(toks, 0, 0, op, {})
    params, i = _literals(toks, 0, op, "end")
    return check(toks, 0, i - 1, op, params)


def given_text(op: ops.Op, given: Mapping[str, Any], number_text: Any) -> str:
    """The parameters as ``parse_params_text`` reads them back: ``0``, ``-1, 1``."""
    return params_text(op, given, number_text).removeprefix(", ")


def check(toks: Tokens, first: int, last: int, op: ops.Op,
          params: Mapping[str, Any]) -> dict[str, Any]:
    """``op.check_params(params)``, a refusal a ParseError over tokens first..last."""
    try:
        return op.check_params(params)
    except ops.ParamError as exc:
        raise toks.error("bad_param", first, last, op=op.name,
                         reason=Text(exc.template, "ops", **exc.params)) from None


def parse_index(toks: Tokens, i: int) -> tuple[tuple[Any, ...], int, int]:
    """The index in brackets at token ``i`` ('['): its items (ints and (start, stop, step)
    slices), the index of its ']' and of the token after it."""
    kinds, texts = toks.kind, toks.text
    items: list[Any] = []
    i += 1
    while True:
        parts: list[Any] = [None]
        first = i
        while kinds[i] not in (",", "]"):
            kind = kinds[i]
            if kind == ":" and len(parts) < 3:
                parts.append(None)
                i += 1
                continue
            if kind == "bad":
                raise toks.extra[i]
            if kind == "end":
                raise toks.error("array_unclosed", first - 1)
            sign = 1.0
            if kind == "op" and texts[i] in ("+", "-") and kinds[i + 1] == "num":
                sign = -1.0 if texts[i] == "-" else 1.0
                i += 1
            if kinds[i] != "num" or parts[-1] is not None:
                raise toks.error("index_item", i, token=texts[i])
            parts[-1] = sign * toks.extra[i]
            i += 1
        if len(parts) == 1:
            if parts[0] is None:
                raise toks.error("index_item", i, token=texts[i])
            items.append(parts[0])
        else:
            items.append(tuple(parts + [None] * (3 - len(parts))))
        if kinds[i] == "]":
            return tuple(items), i, i + 1
        i += 1


# -- writing them back --------------------------------------------------------

def literal_text(value: Any, number_text: Any) -> str:
    """A parameter value as the language writes it: ``0``, ``None``, ``(2, 3)``, ``(2,)``."""
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(literal_text(v, number_text) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return number_text(float(value))


def index_text(index: Sequence[Any]) -> str:
    """``[1, :]``, ``[1:3]``, ``[::2]``, ``[-1]``."""
    parts = []
    for item in index:
        if isinstance(item, (tuple, list)):
            start, stop, step = (("" if v is None else str(int(v))) for v in item)
            parts.append(f"{start}:{stop}" + (f":{step}" if step else ""))
        else:
            parts.append(str(int(item)))
    return "[" + ", ".join(parts) + "]"


def params_text(op: ops.Op, given: Mapping[str, Any], number_text: Any) -> str:
    """``, 0`` after the arguments: parameters up to the last one given (defaults before
    it written out, so positions stay right)."""
    last = max((k for k, p in enumerate(op.params) if p.name in given), default=-1)
    return "".join(", " + literal_text(given.get(p.name, p.default), number_text)
                   for p in op.params[:last + 1])
