"""Text ⇄ graph: a safe parser and a printer for the expression language.

The language is a small piece of Python's expression syntax::

    (x**2 + 2*x) * log(y)        sigmoid(w*x + b)        sum(x * [1, 2, 3])

numbers (``1``, ``2.5``, ``1e-3``, ``.5``), names, the binary operators
``+ - * / ** @`` with Python's precedence and associativity, unary ``-`` and ``+``,
parentheses, calls of the primitives in ``ops.OPS`` by name, and rectangular array
literals of numbers.  Nothing else is accepted: anything outside the grammar is a
``ParseError`` naming the offending characters in words a student can act on.

No ``eval``, ``exec`` or ``ast``: a tokenizer and an operator-precedence (shunting-yard)
parser with explicit stacks, so 10,000 nested parentheses or operators never touch
Python's recursion limit.  The printer walks the graph with an explicit stack too.

Messages are English templates in ``MESSAGES``; a ``ParseError`` keeps its ``code``
and ``params`` so a window can show the translated template instead
(``err.translated(tr)``).
"""

from __future__ import annotations

import difflib
import keyword
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from . import ops
from .graph import Document, GraphError, Text, gc_paused

__all__ = ["MESSAGES", "PRINT_LIMIT", "ParseError", "Tokens", "format_error", "parse",
           "program_text", "to_text", "tokenize"]

MESSAGES: dict[str, str] = {
    "empty": "the expression is empty",
    "unexpected_char": "unexpected character '{char}'",
    "quote": "text in quotes is not allowed: use numbers, names, operators and functions",
    "caret": "use ** for powers: x**2, not x^2",
    "floordiv": "// is not supported: use / to divide",
    "percent": "% is not supported",
    "semicolon": "';' is not allowed: type a single expression",
    "comparison": "comparisons like '{text}' are not supported",
    "unicode_op": "use '{ascii}' instead of '{char}'",
    "superscript": "use ** for powers: x**2, not x²",
    "question": "'?' marks a missing argument: replace it with an expression",
    "non_ascii": "'{char}' cannot be part of a name: names use the letters A-Z, a-z, "
                 "digits and _",
    "bad_number": "'{text}' is not a valid number",
    "incomplete_exponent": "'{text}' is an incomplete number: an exponent needs digits, "
                           "as in 1e-3",
    "overflow": "the number {text} is too large (it is not finite)",
    "keyword": "'{name}' is a Python keyword and cannot be used in an expression",
    "function_as_name": "{name} is a function: call it as {name}(...)",
    "unknown_function": "unknown function '{name}'; did you mean {suggestions}?",
    "unknown_function_list": "unknown function '{name}'; the functions are: {known}",
    "arity_one": "{name} takes 1 argument, got {count}: write {usage}",
    "arity_many": "{name} takes {arity} arguments, got {count}: write {usage}",
    "cannot_start": "the expression cannot start with '{token}'",
    "expected_value": "expected a number, a name or '(' after '{prev}', not '{token}'",
    "ends_early": "the expression ends too early: something is missing after '{prev}'",
    "empty_parens": "empty parentheses: put an expression inside",
    "missing_operator_hint": "missing operator between '{prev}' and '{token}': "
                             "did you mean {prev}*{token}?",
    "missing_operator": "missing operator before '{token}': use * to multiply",
    "unmatched_close": "')' has no matching '('",
    "unclosed": "'(' is never closed",
    "comma_outside": "',' can only separate the arguments of a function, as in pow(x, 3)",
    "indexing": "indexing like x[0] is not supported",
    "attribute": "attribute access like x.y is not allowed",
    "dot": "unexpected '.'",
    "assignment": "'=' is not allowed: type only the expression, as in x**2 + 1",
    "keyword_argument": "keyword arguments are not supported: pass arguments in order, "
                        "as in pow(x, 3)",
    "array_not_number": "an array may contain only numbers, not '{token}'",
    "array_empty": "an array must not be empty",
    # The parts of "array_ragged" (said in the same language as the sentence around them).
    "shape_number": "a number",
    "shape_one": "a list of 1 number",
    "shape_list": "a list of {n} numbers",
    "shape_nd": "a list of shape {shape}",
    "array_ragged": "an array must be rectangular: this element is {got}, the first is {first}",
    "array_expected_sep": "expected ',' or ']' in the array, not '{token}'",
    "array_unclosed": "'[' is never closed",
    "array_unmatched": "']' has no matching '['",
    "array_depth": "an array may have at most {limit} axes",
    "bad_value": "value of {name}: {reason}",
}


class ParseError(ValueError):
    """Text outside the expression language.

    ``position`` and ``end`` are 0-based character offsets of the offending token
    (``end`` exclusive); ``code`` and ``params`` rebuild ``message`` from
    ``MESSAGES`` (for translation).
    """

    def __init__(self, message: str, position: int, end: int | None = None, *,
                 code: str = "", params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.end = position if end is None else max(end, position)
        self.code = code
        self.params = dict(params or {})

    def __str__(self) -> str:
        return f"{self.message} (column {self.position + 1})"

    def translated(self, tr: Callable[[str], str] = str) -> str:
        """The message with its template passed through ``tr`` (a translator)."""
        if self.code in MESSAGES:
            return tr(MESSAGES[self.code]).format(**self.params)
        return self.message


def _error(code: str, position: int, end: int | None = None, **params: Any) -> ParseError:
    # A Text keeps the template and parameters, so the UI can translate it (context "expr").
    return ParseError(Text(MESSAGES[code], "expr", **params), position, end, code=code,
                      params=params)


def format_error(text: str, err: ParseError) -> str:
    """The line of ``text`` holding the error, and a caret line under the culprit.

    ::

        (x**2 + ) * log(y)
                ^
    """
    pos = min(max(err.position, 0), len(text))
    start = text.rfind("\n", 0, pos) + 1
    stop = text.find("\n", pos)
    if stop < 0:
        stop = len(text)
    line = text[start:stop]
    # Keep tabs so the caret lines up under them; everything else becomes a space.
    pad = "".join("\t" if c == "\t" else " " for c in text[start:pos])
    width = max(1, min(err.end, stop) - pos)
    return f"{line}\n{pad}{'^' * width}"


# -- tokens -------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"\s*(?:"
    r"(?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|//|[-+*/@(),\[\]])"
    r"|(?P<cmp>==|!=|<=|>=|[<>])"
    r"|(?P<eq>=)"
    r"|(?P<dot>\.)"
    r"|(?P<bad>.)"
    r"|(?P<end>\Z))",
    re.DOTALL,
)
_NAME_CHAR = re.compile(r"[A-Za-z0-9_]")
_UNICODE_OPS = {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "÷": "/", "＋": "+",
                "（": "(", "）": ")", "，": ","}
_FUNCTION_ALIASES = {"ln": "log", "power": "pow", "dot": "matmul", "mm": "matmul",
                     "fabs": "abs", "average": "mean", "logistic": "sigmoid"}
_KEYWORDS = frozenset(keyword.kwlist)
_MAX_ARRAY_AXES = 32

class Tokens:
    """The tokens of a text as parallel lists (few objects: the parser is GC-light).

    Kinds: ``num name op ( ) , [ ] . = bad end``.  ``extra`` holds the value of a
    number and the ParseError of a ``bad`` token, raised only when the parser gets
    there, so errors are always reported in reading order.
    """

    __slots__ = ("kind", "text", "start", "end", "extra")

    def __init__(self) -> None:
        self.kind: list[str] = []
        self.text: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.extra: dict[int, Any] = {}

    def add(self, kind: str, text: str, start: int, end: int, extra: Any = None) -> None:
        if extra is not None:
            self.extra[len(self.kind)] = extra
        self.kind.append(kind)
        self.text.append(text)
        self.start.append(start)
        self.end.append(end)

    def __len__(self) -> int:
        return len(self.kind)

    def error(self, code: str, i: int, last: int | None = None, **params: Any) -> ParseError:
        """A ParseError spanning tokens ``i`` to ``last`` (default: just ``i``)."""
        return _error(code, self.start[i], self.end[i if last is None else last], **params)


def _bad_char(text: str, i: int) -> ParseError:
    c = text[i]
    if c in "'\"":
        return _error("quote", i, i + 1)
    if c == "^":
        return _error("caret", i, i + 1)
    if c == "%":
        return _error("percent", i, i + 1)
    if c == ";":
        return _error("semicolon", i, i + 1)
    if c == "?":
        return _error("question", i, i + 1)
    if c in _UNICODE_OPS:
        return _error("unicode_op", i, i + 1, char=c, ascii=_UNICODE_OPS[c])
    if c in "²³¹⁰⁴⁵⁶⁷⁸⁹":
        return _error("superscript", i, i + 1)
    if c.isalnum():
        return _error("non_ascii", i, i + 1, char=c)
    return _error("unexpected_char", i, i + 1, char=c)


def tokenize(text: str) -> Tokens:
    """The tokens of ``text``, ending with an ``end`` token; never raises."""
    toks = Tokens()
    kinds, texts, starts, ends, extra = toks.kind, toks.text, toks.start, toks.end, toks.extra
    match = _TOKEN_RE.match
    n = len(text)
    j = 0
    while True:
        m = match(text, j)
        kind = m.lastgroup
        i, j = m.start(kind), m.end()
        if kind == "op":
            tok = m.group(kind)
            if tok == "//":
                toks.add("bad", tok, i, j, _error("floordiv", i, j))
                continue
            kinds.append(tok if tok in "()[]," else "op")
        elif kind == "name":
            tok = m.group(kind)
            kinds.append("name")
        elif kind == "num":
            tok = m.group(kind)
            nxt = text[j:j + 1]
            if nxt in ("e", "E") and not _NAME_CHAR.match(text[j + 1:j + 2] or " "):
                # 1e, 1e+: an exponent without digits
                j += 1 + (text[j + 1:j + 2] in ("+", "-"))
                toks.add("bad", text[i:j], i, j,
                         _error("incomplete_exponent", i, j, text=text[i:j]))
                continue
            if nxt == ".":  # 1.2.3
                while j < n and text[j] in "0123456789.eE":
                    j += 1
                toks.add("bad", text[i:j], i, j, _error("bad_number", i, j, text=text[i:j]))
                continue
            value = float(tok)
            if not math.isfinite(value):
                toks.add("bad", tok, i, j, _error("overflow", i, j, text=tok))
                continue
            extra[len(kinds)] = value
            kinds.append("num")
        elif kind == "end":
            toks.add("end", "", n, n)
            return toks
        elif kind == "bad":
            toks.add("bad", text[i], i, j, _bad_char(text, i))
            continue
        elif kind == "cmp":
            tok = m.group(kind)
            toks.add("bad", tok, i, j, _error("comparison", i, j, text=tok))
            continue
        else:  # "=" or a "." that does not start a number
            tok = m.group(kind)
            kinds.append(tok)
        texts.append(tok)
        starts.append(i)
        ends.append(j)


# -- parsing ------------------------------------------------------------------

# Operator-stack entries: (tag, precedence, right_assoc, op name, token index[, operand
# count at the call]).  Markers ( and call( have precedence -1: reductions stop there.
_BIN, _NEG, _PAREN, _CALL = 0, 1, 2, 3
_BINARY = {text: (name, ops.OPS[name].precedence, text == "**")
           for text, name in ops.BINARY_INFIX.items()}
_NEG_PREC = ops.OPS["neg"].precedence


def _unknown_function(toks: Tokens, i: int) -> ParseError:
    name = toks.text[i]
    guesses = difflib.get_close_matches(name.lower(), list(ops.OPS), n=3, cutoff=0.6)
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


def _parse(text: str, values: Mapping[str, Any] | None) -> Document:
    toks = tokenize(text)
    kinds, texts, extra = toks.kind, toks.text, toks.extra
    values = values or {}
    doc = Document()
    add_op = doc.add_op  # wires fresh nodes at once: no slot or cycle search
    inputs: dict[str, int] = {}
    operands: list[int] = []
    stack: list[Any] = []

    def reduce_top() -> None:
        entry = stack.pop()
        if entry[0] == _NEG:
            operands[-1] = add_op(entry[3], args=(operands[-1],))
        else:
            right = operands.pop()
            operands[-1] = add_op(entry[3], args=(operands[-1], right))

    def finish_call(entry: tuple[Any, ...], count: int, close: int) -> None:
        name = entry[3]
        op = ops.OPS[name]
        if count != op.arity:
            usage = f"{name}({', '.join(op.slots)})"
            raise toks.error("arity_one" if op.arity == 1 else "arity_many", entry[4], close,
                             name=name, arity=op.arity, count=count, usage=usage)
        cut = len(operands) - count
        node = add_op(name, args=tuple(operands[cut:]))
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
                expect_operand = True
            else:
                stack.pop()
                finish_call(top, len(operands) - top[5], i)
        elif kind == "[":
            raise toks.error("indexing", i)
        elif kind == ".":
            raise toks.error("attribute", i)
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


# -- printing -----------------------------------------------------------------

PRINT_LIMIT = 1_000_000  # characters
_ATOM = 10  # names, numbers, calls, arrays, '?'
_POW = ops.OPS["pow"].precedence


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

    __slots__ = ("data", "op", "args", "prec")

    def __init__(self, data: dict[str, Any], op: ops.Op | None,
                 args: Sequence[int | None]) -> None:
        self.data = data
        self.op = op
        self.args = args
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
            info[node] = _Node(d, op, args)
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
            nd = nodes[i] = _Node(data, op, args_[i])
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
            elif not op.infix:
                args = nd.args
                work.append(")")
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
