"""The operator-precedence (shunting-yard) parser: tokens to a Document, explicit stacks."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import ops
from ..graph import Document, GraphError, Text, gc_paused
from .params import check, params_ahead, parse_index, parse_params, postfix_op, usage
from .tokens import (
    _FUNCTION_ALIASES,
    _KEYWORDS,
    _MAX_ARRAY_AXES,
    MESSAGES,
    ParseError,
    Tokens,
    _error,
    tokenize,
)

# -- parsing ------------------------------------------------------------------

# Operator-stack entries: (tag, precedence, right_assoc, op name, token index[, operand
# count at the call]).  Markers ( and call( have precedence -1: reductions stop there.
_BIN, _NEG, _PAREN, _CALL = 0, 1, 2, 3
_BINARY = {text: (name, ops.OPS[name].precedence, text == "**")
           for text, name in ops.BINARY_INFIX.items()}
_NEG_PREC = ops.OPS["neg"].precedence


def _unknown_function(toks: Tokens, i: int) -> ParseError:
    name = toks.text[i]
    # Log(x): only the function it spells in other letters, not its near neighbours too
    guesses = [name.lower()] if name.lower() in ops.OPS else \
        difflib.get_close_matches(name.lower(), list(ops.OPS), n=3, cutoff=0.6)
    alias = _FUNCTION_ALIASES.get(name.lower())
    if alias and alias not in guesses:
        guesses.insert(0, alias)
    if guesses:
        return toks.error("unknown_function", i, name=name, suggestions=" or ".join(guesses))
    return toks.error("unknown_function_list", i, name=name, known=", ".join(ops.OPS))


def _describe_shape(shape: tuple[int, ...]) -> Text:
    if not shape:
        return Text(MESSAGES["shape_number"], "expr")
    if len(shape) == 1:
        if shape[0] == 1:
            return Text(MESSAGES["shape_one"], "expr")
        return Text(MESSAGES["shape_list"], "expr", n=shape[0])
    # (2, 3): one shape notation everywhere
    return Text(MESSAGES["shape_nd"], "expr", shape=str(tuple(shape)))


def _parse_array(toks: Tokens, i: int) -> tuple[np.ndarray, int]:
    """The array literal starting at token ``i`` ('['), and the index after it."""
    kinds, texts = toks.kind, toks.text
    # Each open list: [index of its '[', elements]; an element is
    # (shape, flat values, index of its first token, index of its last token).
    open_lists: list[list[Any]] = [[i, []]]
    i += 1
    expect_item = True
    while True:
        kind = kinds[i]
        if kind == "bad":
            raise toks.extra[i]
        if kind == "end":
            raise toks.error("array_unclosed", open_lists[-1][0])
        if expect_item:
            if kind == "[":
                if len(open_lists) >= _MAX_ARRAY_AXES:
                    raise toks.error("array_depth", i, limit=_MAX_ARRAY_AXES)
                open_lists.append([i, []])
                i += 1
                continue
            if kind == "]" and kinds[i - 1] == "[":
                raise toks.error("array_empty", i - 1, i)
            first, sign = i, 1.0
            if kind == "op" and texts[i] in ("+", "-"):
                sign = -1.0 if texts[i] == "-" else 1.0
                i += 1
                kind = kinds[i]
            if kind != "num":
                if kind in ("bad", "end"):
                    continue  # reported at the top of the loop
                raise toks.error("array_not_number", i, token=texts[i])
            open_lists[-1][1].append(((), [sign * toks.extra[i]], first, i))
            expect_item = False
            i += 1
            continue
        if kind == ",":
            expect_item = True
            i += 1
            continue
        if kind != "]":
            raise toks.error("array_expected_sep", i, token=texts[i])
        start, elements = open_lists.pop()
        shape0 = elements[0][0]
        flat: list[float] = []
        for shape, values, a, b in elements:
            if shape != shape0:
                raise toks.error("array_ragged", a, b, got=_describe_shape(shape),
                                 first=_describe_shape(shape0))
            flat.extend(values)
        element = ((len(elements),) + shape0, flat, start, i)
        i += 1
        if not open_lists:
            return np.array(flat, dtype=np.float64).reshape(element[0]), i
        open_lists[-1][1].append(element)


def parse(text: str, values: Mapping[str, Any] | None = None) -> Document:
    """Build the graph of ``text``: one input per distinct name, one constant per number.

    Input values come from ``values`` (by name), else 1.0.  Nodes are created in
    post-order (arguments before the operation), so ids follow reading order.
    Raises ``ParseError`` for anything outside the language.
    """
    with gc_paused():  # thousands of nodes and tuples, none of them garbage
        return _parse(text, values)


def _parse(text: str, values: Mapping[str, Any] | None, doc: Document | None = None,
           names: dict[str, int] | None = None) -> Document:
    # A program's statement (expr/program.py) is parsed into the program's ``doc``, its
    # ``names`` (name -> node: earlier steps and inputs) read and extended with new inputs.
    toks = tokenize(text)
    kinds, texts, extra = toks.kind, toks.text, toks.extra
    values = values or {}
    doc = Document() if doc is None else doc
    add_op = doc.add_op  # wires fresh nodes at once: no slot or cycle search
    inputs: dict[str, int] = {} if names is None else names
    operands: list[int] = []
    stack: list[Any] = []

    def reduce_top() -> None:
        entry = stack.pop()
        if entry[0] == _NEG:
            operands[-1] = add_op(entry[3], args=(operands[-1],))
        else:
            right = operands.pop()
            operands[-1] = add_op(entry[3], args=(operands[-1], right))

    def finish_call(entry: tuple[Any, ...], count: int, close: int,
                    params: dict[str, Any] | None = None) -> None:
        name = entry[3]
        op = ops.OPS[name]
        if count != op.arity and not (op.chain and count > op.arity):
            raise toks.error("arity_one" if op.arity == 1 else "arity_many", entry[4], close,
                             name=name, arity=op.arity, count=count, usage=usage(op))
        if op.params and params is None:  # none written: the defaults, if all have one
            params = check(toks, entry[4], close, op, {})
        cut = len(operands) - count
        node = add_op(name, args=tuple(operands[cut:cut + op.arity]), params=params)
        for more in operands[cut + op.arity:]:  # a chain: stack(a, b, c) = stack(stack(a, b), c)
            node = add_op(name, args=(node, more), params=params)
        del operands[cut:]
        operands.append(node)

    i = 0
    expect_operand = True
    while True:
        kind = kinds[i]
        if kind == "bad":
            raise extra[i]
        if expect_operand:
            if kind == "name":
                name = texts[i]
                if name in _KEYWORDS:
                    raise toks.error("keyword", i, name=name)
                if kinds[i + 1] == "(":
                    if name not in ops.OPS:
                        raise _unknown_function(toks, i)
                    stack.append((_CALL, -1, False, name, i, len(operands)))
                    i += 1  # the '(' belongs to the call
                elif name in ops.OPS:
                    raise toks.error("function_as_name", i, name=name)
                else:
                    node = inputs.get(name)
                    if node is None:
                        try:
                            node = doc.add_input(name, values.get(name, 1.0))
                        except GraphError as exc:
                            raise toks.error("bad_value", i, name=name,
                                             reason=exc.message) from None
                        inputs[name] = node
                    operands.append(node)
                    expect_operand = False
            elif kind == "num":
                operands.append(doc.add_const(extra[i]))
                expect_operand = False
            elif kind == "(":
                stack.append((_PAREN, -1, False, "", i))
            elif kind == "op" and texts[i] == "-":
                stack.append((_NEG, _NEG_PREC, False, "neg", i))
            elif kind == "op" and texts[i] == "+":
                pass  # unary plus changes nothing: no node
            elif kind == "[":
                value, i = _parse_array(toks, i)
                operands.append(doc.add_const(value))
                expect_operand = False
                continue
            elif kind == "end":
                if i == 0:
                    raise _error("empty", 0, len(text))
                raise toks.error("ends_early", i - 1, prev=texts[i - 1])
            elif kind == ")" and kinds[i - 1] == "(" and stack:
                if stack[-1][0] == _CALL:
                    finish_call(stack[-1], 0, i)  # raises: every function takes arguments
                raise toks.error("empty_parens", i - 1, i)
            elif kind == "]":
                raise toks.error("array_unmatched", i)
            elif kind == ":":
                raise toks.error("colon", i)
            elif kind == ".":
                raise toks.error("dot", i)
            elif kind == "=":
                raise toks.error("assignment", i)
            elif i == 0:
                raise toks.error("cannot_start", i, token=texts[i])
            else:
                raise toks.error("expected_value", i, prev=texts[i - 1], token=texts[i])
        elif kind == "op":
            name, prec, right = _BINARY[texts[i]]
            # Pop what binds tighter; equal precedence too unless right-associative.
            while stack and (stack[-1][1] > prec or (stack[-1][1] == prec and not right)):
                reduce_top()
            stack.append((_BIN, prec, right, name, i))
            expect_operand = True
        elif kind in (")", ",", "end"):
            while stack and stack[-1][1] >= 0:
                reduce_top()
            if kind == "end":
                if stack:
                    top = stack[-1]
                    raise toks.error("unclosed", top[4] + (top[0] == _CALL))
                break
            if not stack:
                raise toks.error("unmatched_close" if kind == ")" else "comma_outside", i)
            top = stack[-1]
            if top[0] == _PAREN:
                if kind == ",":
                    raise toks.error("comma_outside", i)
                stack.pop()
            elif kind == ",":
                op = ops.OPS[top[3]]
                count = len(operands) - top[5]
                if op.params and count >= op.arity and (
                        not op.chain or params_ahead(toks, i + 1, op)):
                    # the arguments are complete: literal parameters up to the ')'
                    params, i = parse_params(toks, i + 1, op)
                    stack.pop()
                    finish_call(top, count, i, params)
                else:
                    expect_operand = True
            else:
                stack.pop()
                finish_call(top, len(operands) - top[5], i)
        elif kind == "[":  # x[1, :] is an op whose one parameter is the index
            name = postfix_op("[]")
            if name is None:
                raise toks.error("indexing", i)
            op = ops.OPS[name]
            first = i
            index, close, i = parse_index(toks, i)
            params = check(toks, first, close, op, {op.params[0].name: index})
            operands[-1] = add_op(name, args=(operands[-1],), params=params)
            continue
        elif kind == ".":
            name = postfix_op("." + texts[i + 1]) if kinds[i + 1] == "name" else None
            if name is None:
                raise toks.error("attribute", i)
            operands[-1] = add_op(name, args=(operands[-1],))  # A.T
            i += 2
            continue
        elif kind == ":":
            raise toks.error("colon", i)
        elif kind == "=":
            if stack and stack[-1][0] == _CALL and kinds[i - 1] == "name" \
                    and kinds[i - 2] in ("(", ","):
                raise toks.error("keyword_argument", i)
            raise toks.error("assignment", i)
        elif kind == "]":
            raise toks.error("array_unmatched", i)
        elif kind == "name" and texts[i] in _KEYWORDS:  # x if y, x and y
            raise toks.error("keyword", i, name=texts[i])
        elif kind in ("num", "name") and kinds[i - 1] in ("num", "name"):
            # an operand right after an operand: 2x, x y
            raise toks.error("missing_operator_hint", i, prev=texts[i - 1], token=texts[i])
        else:
            raise toks.error("missing_operator", i, token=texts[i])
        i += 1
    doc.set_output(operands[-1])
    return doc
