"""The ``composites`` section of a graph file: block definitions as JSON, checked.

Each definition is an object::

    {"name": "dense", "inputs": ["W", "x", "b"], "rules": {"b": "upstream"},
     "output": 5, "nodes": [...], "links": [...]}

``nodes``, ``links`` and ``output`` describe the body exactly as a graph file does (its
inputs are the block's inputs); ``rules`` (optional) holds the fused derivatives.  A body
may use blocks listed before it.  Reading validates everything (names, arity, the body,
no recursion, the rules' texts, the limits) and says what and where.

The bodies are written and read by ``fileio`` itself, which passes its two functions in
(``body_to_data``, ``body_from_data``): this module does not import ``fileio``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .composite import MAX_DEFINITIONS, CompositeDef, check_definition
from .composite_rules import check_rule_texts
from .graph import Document, GraphError

_KEYS = ("name", "inputs", "rules", "output", "nodes", "links")
_REQUIRED = ("name", "inputs", "nodes", "links")


class DefinitionError(ValueError):
    """A composites entry that cannot be read; the message says what and where."""


def in_dependency_order(defs: Mapping[str, CompositeDef]) -> list[CompositeDef]:
    """The definitions, each after the blocks it uses (else in their own order)."""
    done: list[CompositeDef] = []
    placed: set[str] = set()
    pending = list(defs.values())
    while pending:
        rest = []
        for d in pending:
            if all(b in placed or b not in defs for b in d.blocks_used()):
                done.append(d)
                placed.add(d.name)
            else:
                rest.append(d)
        if len(rest) == len(pending):  # a cycle cannot be stored; keep them as they are
            done.extend(rest)
            break
        pending = rest
    return done


def to_data(doc: Document, body_to_data: Callable[[Document], dict[str, Any]]
            ) -> list[dict[str, Any]]:
    """The document's block definitions as JSON data (dependencies first)."""
    out = []
    for defn in in_dependency_order(doc.composites):
        body = body_to_data(defn.document(doc.composites))
        entry: dict[str, Any] = {"name": defn.name, "inputs": list(defn.inputs)}
        if defn.rules:
            entry["rules"] = dict(defn.rules)
        entry["output"] = defn.output
        entry["nodes"] = body["nodes"]
        entry["links"] = body["links"]
        out.append(entry)
    return out


def from_data(raw: Any, body_from_data: Callable[[dict[str, Any], Mapping[str, CompositeDef]],
                                                 Document]) -> list[CompositeDef]:
    """Block definitions from JSON data, each checked against those before it.

    ``body_from_data(data, known)`` reads a body (a graph file's ``nodes``/``links``/
    ``output``) that may use the ``known`` blocks.  DefinitionError names the entry.
    """
    if not isinstance(raw, list):
        raise DefinitionError("'composites' must be a list")
    if len(raw) > MAX_DEFINITIONS:
        raise DefinitionError(f"too many block definitions ({len(raw):,}; the limit is "
                              f"{MAX_DEFINITIONS:,})")
    known: dict[str, CompositeDef] = {}
    for i, entry in enumerate(raw):
        where = f"composites[{i}]"
        if not isinstance(entry, dict):
            raise DefinitionError(f"{where}: expected an object")
        for key in _REQUIRED:
            if key not in entry:
                raise DefinitionError(f"{where}: missing {key!r}")
        for key in entry:
            if key not in _KEYS:
                raise DefinitionError(f"{where}: unknown key {str(key)[:40]!r}")
        name = entry["name"]
        if not isinstance(name, str):
            raise DefinitionError(f"{where}: 'name' must be a string")
        where = f"{where} ({name[:40]})"
        if name in known:
            raise DefinitionError(f"{where}: a block called {name!r} is defined twice")
        inputs = entry["inputs"]
        if not isinstance(inputs, list) or not all(isinstance(x, str) for x in inputs):
            raise DefinitionError(f"{where}: 'inputs' must be a list of names")
        rules = entry.get("rules", {})
        if not isinstance(rules, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in rules.items()):
            raise DefinitionError(f"{where}: 'rules' must map input names to texts")
        body_data = {"output": entry.get("output"), "nodes": entry["nodes"],
                     "links": entry["links"]}
        try:
            body = body_from_data(body_data, known)
        except ValueError as exc:
            raise DefinitionError(f"{where}: body: {exc}") from None
        defn = CompositeDef.from_document(name, body, inputs, rules)
        # The body document carries the definitions it used; the value keeps only its nodes.
        try:
            check_definition(defn, known)
            check_rule_texts(defn)
        except GraphError as exc:
            raise DefinitionError(f"{where}: {exc.message}") from None
        known[name] = defn
    return list(known.values())
