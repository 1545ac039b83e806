"""Programs: named steps like the notebook's, and the one entry point for text ⇄ graph.

A program is statements separated by ``;`` or newlines, each ``name = expression``;
the last one (or a final bare expression) is the function's output::

    a = x**2; b = 2*x; c = a + b; d = log(y); z = c*d

Each assigned name is the operation node its expression ends in, carrying that name
(``Document.add_op(name=...)``), so the graph, the narration and the trace say
``∂f/∂c`` with the student's own names; later statements refer to it (fan-out as
usual).  Inputs are the names never assigned.  A newline inside brackets, or after an
operator that needs its right side, continues the statement (so an array or a long sum
can span lines).

Refused, each as a ``ParseError`` at its position: reassigning a name, using a name
before it is assigned (``x = x + 1`` too), assigning to a function's name or a keyword,
an empty statement between two ``;``, a bare expression before the last statement, and a
name given to something that is not an operation (``a = x``, ``a = 2``).

``parse`` reads plain expressions exactly as ``parser.parse`` does (same graph, same
errors) and programs as above; ``to_text`` prints a document whose operations have no
names as the plain expression ``printer.to_text`` gives, and one with named operations
as a program, one statement per named node on the output's path (unnamed inner nodes
inline), which ``parse`` reads back to the same graph.  ``program_text`` does the same
for a compiled program (the command line's ``expression``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import ops
from ..graph import Document, GraphError, Text, gc_paused
from .parser import _parse
from .parser import parse as _parse_expression
from .printer import PRINT_LIMIT, _const_prefix, _const_text, _Node, _print, _too_large
from .printer import program_text as _printer_program_text
from .printer import to_text as _printer_to_text
from .tokens import _KEYWORDS, ParseError, _error, tokenize
from .tokens import MESSAGES as _TOKEN_MESSAGES

# The English templates of this module's messages (translated in context "expr").
MESSAGES: dict[str, str] = {
    "reassigned": "{name} is assigned twice (first in line {line}): give the new value "
                  "another name",
    "used_before": "{name} is used before it is assigned: move its statement up",
    "self_reference": "{name} = … uses {name} itself: give the new value another name, "
                      "as in {name}2 = …",
    "assign_function": "{name} is a function: give the value another name",
    "assign_keyword": "'{name}' is a Python keyword: give the value another name",
    "assign_empty": "nothing after '=': write what {name} is, as in {name} = x**2",
    "empty_statement": "empty statement: remove the extra ';'",
    "bare_middle": "only the last statement may be a bare expression: give this one a "
                   "name, as in a = …",
    "alias": "{name} = {other} only gives {other} a second name: a name is given to an "
             "operation, as in {name} = 2*{other}",
    "alias_number": "{name} = {number} names a number: write the number where it is used",
}

# One table of the language's messages: ParseError.translated and the tests read it.
_TOKEN_MESSAGES.update(MESSAGES)

_CONTINUE = frozenset("+-*/@,")  # a line ending in one of these is not a whole statement
_SEPARATORS = re.compile(r"[;\n()\[\]]")
# ``name =`` at the start of a statement (not ``==``); horizontal spaces only.
_ASSIGN = re.compile(r"[ \t\r\f\v]*([A-Za-z_][A-Za-z0-9_]*)[ \t\r\f\v]*=(?!=)")


def _msg(code: str, position: int, end: int, **params: Any) -> ParseError:
    return ParseError(Text(MESSAGES[code], "expr", **params), position, end, code=code,
                      params=params)


def is_program(text: str) -> bool:
    """Whether ``text`` may hold statements (else it is read as one plain expression)."""
    return ";" in text or "=" in text or "\n" in text.strip()


def _statements(text: str) -> list[tuple[int, int, str]]:
    """(start, end, separator after it) of each piece between ``;`` and newlines that
    stand outside brackets."""
    spans: list[tuple[int, int, str]] = []
    start = 0
    opens: list[int] = []  # positions of the brackets open here
    for m in _SEPARATORS.finditer(text):
        c = m.group()
        if c == "(" or c == "[":
            opens.append(m.start())
        elif c == ")" or c == "]":
            if opens:
                opens.pop()  # a mismatch is the expression parser's to report
        elif not opens:
            if c == "\n" and text[start:m.start()].rstrip()[-1:] in _CONTINUE:
                continue  # a line ending in an operator goes on in the next one
            spans.append((start, m.start(), c))
            start = m.end()
        elif c == "\n" and _ASSIGN.match(text, m.end()):
            # The next line starts a statement while a bracket is still open.
            at = opens[-1]
            raise _error("unclosed" if text[at] == "(" else "array_unclosed", at, at + 1)
    spans.append((start, len(text), ""))
    return spans


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _first_use(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """Where ``name`` is first read (not called) in ``text[start:end]``."""
    toks = tokenize(text[start:end])
    for i, kind in enumerate(toks.kind):
        if kind == "name" and toks.text[i] == name and toks.kind[i + 1] != "(":
            return start + toks.start[i], start + toks.end[i]
    return start, end


def parse(text: str, values: Mapping[str, Any] | None = None) -> Document:
    """The graph of a program or of a plain expression (see the module doc).

    Input values come from ``values`` (by name), else 1.0.  Raises ``ParseError``.
    """
    if not is_program(text):
        return _parse_expression(text, values)
    with gc_paused():  # thousands of statements: many small objects, none garbage
        return _parse_program(text, values)


def _parse_program(text: str, values: Mapping[str, Any] | None) -> Document:
    # The statements: (assigned name or None, name start, expression start, end).
    stmts: list[tuple[str | None, int, int, int]] = []
    for start, end, sep in _statements(text):
        m = _ASSIGN.match(text, start, end)
        if m is not None:
            stmts.append((m.group(1), m.start(1), m.end(), end))
        elif not text[start:end].isspace() and start != end:
            first = end - len(text[start:end].lstrip())  # its first character
            stmts.append((None, first, first, end))
        elif sep == ";":
            raise _msg("empty_statement", end, end + 1)
    if not stmts:
        raise _error("empty", 0, len(text))
    pending: dict[str, int] = {}  # names still to be assigned -> their statement count
    for stmt in stmts:
        if stmt[0] is not None:
            pending[stmt[0]] = pending.get(stmt[0], 0) + 1
    assigned: dict[str, int] = {}  # name -> position of its assignment
    doc = Document()
    names: dict[str, int] = {}  # name -> node: inputs made so far and the named steps
    last = len(stmts) - 1
    attrs, parse_one, rename = doc.node_table(), _parse, doc.rename
    for k, (name, at, rhs, end) in enumerate(stmts):
        body = text[rhs:end]
        if name is not None:
            if name in assigned:
                raise _msg("reassigned", at, at + len(name), name=name,
                           line=_line_of(text, assigned[name]))
            if name in _KEYWORDS:
                raise _msg("assign_keyword", at, at + len(name), name=name)
            if name in ops.OPS:
                raise _msg("assign_function", at, at + len(name), name=name)
            if not body or body.isspace():
                raise _msg("assign_empty", rhs - 1, rhs, name=name)
        elif k != last:
            raise _msg("bare_middle", rhs, rhs + len(body.rstrip()))
        before, known = len(doc), len(names)
        try:
            parse_one(body, values, doc, names)
        except ParseError as exc:
            exc.position += rhs
            exc.end += rhs
            raise
        if len(names) > known:  # new inputs: none may be a name assigned here or later
            for new in list(names)[known:]:
                if new in pending:
                    p, q = _first_use(text, rhs, end, new)
                    code = "self_reference" if new == name else "used_before"
                    raise _msg(code, p, q, name=new)
        if name is None:
            continue
        node = doc.explicit_output
        assert node is not None
        if node <= before or attrs[node]["kind"] != "op":  # an existing node, or a number
            span = (end - len(body.lstrip()), rhs + len(body.rstrip()))
            if attrs[node]["kind"] == "const":
                raise _msg("alias_number", *span, name=name, number=body.strip())
            other = doc.node(node)["name"]
            raise _msg("alias", *span, name=name, other=other)
        try:
            rename(node, name)
        except GraphError as exc:  # not expected: every rule was checked above
            raise _error("bad_value", at, at + len(name), name=name,
                         reason=exc.message) from None
        names[name] = node
        assigned[name] = at
        pending[name] -= 1
        if not pending[name]:
            del pending[name]
    return doc


# -- printing -----------------------------------------------------------------

def to_text(doc: Document, node: int | None = None, sep: str = "; ") -> str:
    """``node``'s function (default: the output) as text: a plain expression when no
    operation on its path has a name (``printer.to_text``), else a program with one
    ``name = …`` statement per named operation, joined by ``sep``.  ValueError if longer
    than ``printer.PRINT_LIMIT`` characters."""
    root = doc.output if node is None else node
    if root is None or not doc.named_ops():
        return _printer_to_text(doc, node)
    doc.node(root)  # GraphError if there is no such node
    order = doc.dependency_order(root)
    attrs, arg_table = doc.node_table(), doc.argument_table()
    table: dict[int, _Node] = {}
    named: list[int] = []
    for n in order:
        d = attrs[n]
        op = ops.OPS[d["op"]] if d["kind"] == "op" else None
        table[n] = _Node(d, op, arg_table[n], d.get("params"))
        if op is not None and "name" in d:
            named.append(n)
    if not named:
        return _printer_to_text(doc, node)
    text, complete = _print_statements(table, named, root, sep, PRINT_LIMIT,
                                       _const_text)
    if not complete:
        raise _too_large()
    return text


def _print_statements(table: Any, named: list[int], root: int, sep: str, limit: int,
                      const_text: Any) -> tuple[str, bool]:
    """Statements for the ``named`` nodes (in order), then the bare output if unnamed.

    ``table`` maps a node to its ``printer._Node``; a named node other than the
    statement's own prints as its name.
    """
    atoms = {n: _Node({"kind": "input", "name": table[n].data["name"]}, None, ())
             for n in named}
    current = root

    def get(n: int) -> _Node:
        if n != current:
            atom = atoms.get(n)
            if atom is not None:
                return atom
        return table[n]

    parts: list[str] = []
    length = 0
    roots = named if named[-1] == root else [*named, root]
    for n in roots:
        current = n
        body, complete = _print(get, n, limit - length, const_text)
        stmt = f"{table[n].data['name']} = {body}" if n in atoms else body
        parts.append(stmt)
        length += len(stmt) + len(sep)
        if not complete or length > limit:
            return sep.join(parts)[:limit], False
    return sep.join(parts), True


def program_text(program: Any, limit: int = 10_000) -> str:
    """The compiled ``program``'s function as ``to_text`` prints it, cut after ``limit``
    characters (then it ends in "…"); see ``printer.program_text``."""
    if not program.named:
        return _printer_program_text(program, limit)
    ops_, args_, kinds, labels, values = (program.ops, program.args, program.kinds,
                                          program.labels, program.leaf_values)
    class _Table(dict):  # nodes are read when printed: a huge program costs ~limit
        def __missing__(self, i: int) -> _Node:
            op = ops_[i]
            data: dict[str, Any] = {"name": labels[i]} if op is not None else \
                {"kind": kinds[i], "name": labels[i], "value": values[i]}
            nd = self[i] = _Node(data, op, args_[i],
                                         op.given_params() if op is not None else None)
            return nd

    table = _Table()
    named = program.named
    with gc_paused():
        text, complete = _print_statements(table, named, program.out, "; ", limit,
                                           lambda v: _const_prefix(v, limit))
    return text if complete else text.rstrip() + "…"
