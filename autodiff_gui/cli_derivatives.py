"""The command line's derivative flags: ``--hessian``, ``--symbolic``, ``--save-backward``.

Kept beside ``cli.py`` (which converts the errors raised here into the contract's
error objects): ``EvalError`` stays a domain or shape error (exit 3), a GraphError
from building the backward graph is a shape error, an OSError an input error.

* ``hessian(doc)``: ``{name: {name: value}}`` by the engine on the backward graph;
  for array inputs an entry is the gradient of sum(∂f/∂xᵢ) with respect to xⱼ, a
  nested list of xⱼ's shape.
* ``symbolic(doc)``: ``{"gradient", "simplified", "sizes"}`` (check/symbolic.py); for
  a graph with arrays the texts are empty and ``notes`` says why, the sizes it can
  count are there.
* ``save_backward(doc, path)``: the backward graph as an ordinary graph file; its
  value is ∂f/∂(first input of the ``inputs`` object).
"""

from __future__ import annotations

import os
from typing import Any

from .core.backward_graph import backward_graph
from .core.backward_graph import hessian as engine_hessian
from .core.graph import Document


def hessian(doc: Document) -> dict[str, dict[str, Any]]:
    """The ``hessian`` key of the --json object."""
    return engine_hessian(doc)


def symbolic(doc: Document) -> dict[str, Any]:
    """The ``symbolic`` key of the --json object."""
    from .check.symbolic import backward_size, symbolic_report, tape_size
    from .core.symbolic import SymbolicError

    try:
        return symbolic_report(doc).to_json()
    except SymbolicError as exc:
        return {"gradient": {}, "simplified": {},
                "sizes": {"expression": None, "symbolic": {}, "simplified": {},
                          "backward_graph": backward_size(doc), "tape": tape_size(doc)},
                "notes": [str(exc)]}


def save_backward(doc: Document, path: str | os.PathLike[str]) -> None:
    """Write the backward graph to ``path`` (raises GraphError, EvalError-free, OSError)."""
    from .core import expr, fileio

    bg = backward_graph(doc)
    try:
        text = expr.to_text(bg)
    except ValueError:  # too large to print: the file stays useful without it
        text = None
    fileio.save(bg, path, expression=text)
