"""The expression language's messages, ``ParseError`` and the tokenizer."""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..graph import Text

MESSAGES: dict[str, str] = {
    "empty": "the expression is empty",
    "unexpected_char": "unexpected character '{char}'",
    "quote": "text in quotes is not allowed: use numbers, names, operators and functions",
    "caret": "use ** for powers: x**2, not x^2",
    "floordiv": "// is not supported: use / to divide",
    "percent": "% is not supported",
    "semicolon": "';' separates statements: it cannot stand inside brackets",
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
    "assignment": "'=' can only follow the name at the start of a statement, as in "
                  "a = x**2",
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
    # Parameters after a call's arguments (sum(x, 0)), indexing (x[1:3]) and A.T.
    "param_literal": "{name} of {op} must be written as a number, None or a tuple of "
                     "numbers, not '{token}'",
    "too_many_params": "{op} takes {count} parameter(s) after its argument(s): write {usage}",
    "bad_param": "{op}: {reason}",
    "index_item": "an index is a whole number or a slice like 1:3, not '{token}'",
    "colon": "':' can only be used in an index, as in x[1:3]",
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
    r"|(?P<op>\*\*|//|[-+*/@(),\[\]:])"
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

    Kinds: ``num name op ( ) , [ ] : . = bad end``.  ``extra`` holds the value of a
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
            kinds.append(tok if tok in "()[],:" else "op")
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
