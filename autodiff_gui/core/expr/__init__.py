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

Several statements (``a = x**2; b = 2*x; z = a*b``) make a program with named steps:
``program.py``, through which ``parse`` and ``to_text`` go.

Messages are English templates in ``MESSAGES``; a ``ParseError`` keeps its ``code``
and ``params`` so a window can show the translated template instead
(``err.translated(tr)``).
"""

# The package's parts: tokens (MESSAGES, ParseError, the tokenizer), parser and printer
# of one expression, and program (statements; the entry point everyone calls: a plain
# expression goes straight to the parser and printer).
from .printer import PRINT_LIMIT, _const_text
from .program import is_program, parse, program_text, to_text
from .tokens import MESSAGES, ParseError, Tokens, format_error, tokenize

__all__ = ["MESSAGES", "PRINT_LIMIT", "ParseError", "Tokens", "_const_text", "format_error",
           "is_program", "parse", "program_text", "to_text", "tokenize"]
