"""Composite blocks: a named subgraph used as one node (``softplus``, a dense layer...).

A ``CompositeDef`` is a name, its ordered input names, a body (a document whose inputs
are the block's inputs and whose output is the block's output) and, optionally, the
student's own fused derivative per input (text in the expression language, checked by
``composite_rules``).  A document keeps its definitions (``doc.composites``, changed by
``doc.set_composite``/``remove_composite``, kept by snapshots and copies); a node of
kind ``"composite"`` names one (attribute ``block``) and has one argument slot per
block input.  Bodies may use other blocks of the same document, never themselves.

The engine never sees a composite node: ``expand`` inlines every block (nested ones
too) into plain primitives before compiling.  The document's own nodes keep their ids;
a block's output node takes the id of the block node (so the canvas shows the block's
value and gradient on the block); the other inner nodes get fresh ids, and
``Expansion.origin`` maps each of them to (the top-level block node, the node in that
block's body).  ``make_block`` turns a set of selected nodes into one block node;
``inline_block`` puts a block's body back in its place.

Qt-free; imports only the document (``graph``) and the primitive table.  Messages are
English templates (``MESSAGES``, context "composite").
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from . import ops
from .graph import NAME_RE, Document, GraphError, Snapshot, Text, values_equal

# Limits a definition (from a file, the library or the canvas) must keep.
MAX_BLOCK_INPUTS = 16
MAX_BODY_NODES = 10_000
MAX_DEFINITIONS = 500
MAX_NAME = 40
MAX_RULE_CHARS = 4_000
# Nested blocks multiply: a block using another twice, 20 levels deep, is 2**20 copies.
MAX_EXPANDED_NODES = 1_000_000
# The name of the incoming gradient in a fused rule (as in the backward graph).
UPSTREAM = "upstream"

MESSAGES: dict[str, str] = {
    "bad_name": "{name!r} is not a valid block name (letters, digits, _; not starting "
                "with a digit; at most {limit} characters)",
    "reserved": "{name!r} is the name of a function or a reserved word",
    "no_inputs": "block {name}: a block needs at least one input",
    "too_many_inputs": "block {name}: at most {limit} inputs, not {count}",
    "bad_input": "block {name}: {input!r} is not a valid input name",
    "input_twice": "block {name}: the input {input!r} is listed twice",
    "upstream_input": "block {name}: an input may not be called {upstream!r} (the fused "
                      "rules' name for the incoming gradient)",
    "inputs_differ": "block {name}: its inputs {inputs} are not its body's inputs {body}",
    "too_big": "block {name}: its body has {count:,} nodes; the limit is {limit:,}",
    "no_output": "block {name}: its body has no output",
    "output_kind": "block {name}: its output must be an operation, not an input or a constant",
    "body_problem": "block {name}: {problem}",
    "unknown_inner": "block {name}: it uses block {inner!r}, which is not defined",
    "recursive": "block {name}: it uses itself (through {path})",
    "rule_input": "block {name}: a fused rule for {input!r}, which is not one of its inputs",
    "rule_text": "block {name}: the fused rule for {input!r} must be text of at most {limit} "
                 "characters",
    "too_many_blocks": "at most {limit} block definitions",
    "expanded_too_big": "the blocks expand to more than {limit:,} operations",
    # make_block
    "empty_selection": "select the blocks to put in the new block first",
    "select_ops": "a block is made of operations: select at least one operation",
    "several_outputs": "more than one value leaves the selection ({nodes}); a block has "
                       "one output",
    "no_exit": "the selection's value is not used and is not the output",
    "too_many_entries": "the selection reads {count} values; a block takes at most {limit}",
    "not_a_block": "{node} is not a composite block",
    "block_exists": "a block called {name!r} exists already",
    "other_block": "this graph has another block called {name!r}",
}


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "composite", **params)


@dataclass(frozen=True, eq=False)
class CompositeDef:
    """One block definition: an immutable value (its body is a snapshot).

    ``rules`` maps an input name to the student's fused derivative: the gradient sent
    to that input, in terms of the block's inputs and ``upstream``; a rule that does not
    mention ``upstream`` is the local derivative, multiplied by ``upstream``.
    """

    name: str
    inputs: tuple[str, ...]
    body: Snapshot
    rules: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @staticmethod
    def from_document(name: str, body: Document, inputs: Iterable[str] | None = None,
                      rules: Mapping[str, str] | None = None) -> CompositeDef:
        """A definition from a body document (copied); ``inputs`` default to its inputs."""
        names = tuple(body.inputs()) if inputs is None else tuple(inputs)
        snap = body.snapshot()  # the output resolved; definitions stay with the document
        snap = Snapshot(snap.nodes, snap.edges, snap.next_id, body.output)
        return CompositeDef(name, names, snap, MappingProxyType(dict(rules or {})))

    @property
    def arity(self) -> int:
        return len(self.inputs)

    @property
    def output(self) -> int | None:
        """The body's output node."""
        return self.body.output

    def document(self, known: Mapping[str, CompositeDef] | None = None) -> Document:
        """A new document holding the body and the ``known`` blocks it uses (nested)."""
        return _body_with(self, known or {})

    def with_rules(self, rules: Mapping[str, str]) -> CompositeDef:
        """The same block with other fused rules (empty texts dropped)."""
        kept = {k: v.strip() for k, v in rules.items() if v and v.strip()}
        return CompositeDef(self.name, self.inputs, self.body, MappingProxyType(kept))

    def blocks_used(self) -> set[str]:
        """Names of the blocks the body uses directly."""
        return {d["block"] for _n, d in self.body.nodes if d["kind"] == "composite"}

    def check_in(self, doc: Document) -> None:
        """Raise GraphError unless this definition may join ``doc`` (``set_composite``)."""
        known = dict(doc.composites)
        known.pop(self.name, None)
        if self.name not in doc.composites and len(known) >= MAX_DEFINITIONS:
            raise GraphError(_msg("too_many_blocks", limit=MAX_DEFINITIONS))
        check_definition(self, known)

    def same_as(self, other: CompositeDef) -> bool:
        """Same name, inputs, rules and body (ids included)."""
        if (self.name, self.inputs, dict(self.rules)) != \
                (other.name, other.inputs, dict(other.rules)):
            return False
        a, b = self.body, other.body
        if a.output != b.output or sorted(a.edges) != sorted(b.edges) \
                or len(a.nodes) != len(b.nodes):
            return False
        for (n, d), (m, e) in zip(a.nodes, b.nodes):
            if n != m or d.keys() != e.keys():
                return False
            if any(not values_equal(d[k], e[k]) if k == "value" else d[k] != e[k] for k in d):
                return False
        return True


def check_block_name(name: Any) -> None:
    """Raise GraphError if ``name`` cannot name a block."""
    if not isinstance(name, str) or not NAME_RE.match(name) or len(name) > MAX_NAME:
        raise GraphError(_msg("bad_name", name=name, limit=MAX_NAME))
    if keyword.iskeyword(name) or name in ops.OPS or name == UPSTREAM:
        raise GraphError(_msg("reserved", name=name))


def check_definition(defn: CompositeDef, known: Mapping[str, CompositeDef]) -> None:
    """Raise GraphError naming the first problem of ``defn`` (structure only).

    ``known``: the other definitions it may use (by name).  The texts of the fused
    rules are parsed by ``composite_rules.check_rule_texts``.
    """
    name = defn.name
    check_block_name(name)
    inputs = defn.inputs
    if not inputs:
        raise GraphError(_msg("no_inputs", name=name))
    if len(inputs) > MAX_BLOCK_INPUTS:
        raise GraphError(_msg("too_many_inputs", name=name, limit=MAX_BLOCK_INPUTS,
                              count=len(inputs)))
    for inp in inputs:
        if not isinstance(inp, str) or not NAME_RE.match(inp) or keyword.iskeyword(inp) \
                or inp in ops.OPS:
            raise GraphError(_msg("bad_input", name=name, input=inp))
        if inp == UPSTREAM:
            raise GraphError(_msg("upstream_input", name=name, upstream=UPSTREAM))
    if len(set(inputs)) != len(inputs):
        twice = next(i for i in inputs if inputs.count(i) > 1)
        raise GraphError(_msg("input_twice", name=name, input=twice))
    if len(defn.body.nodes) > MAX_BODY_NODES:
        raise GraphError(_msg("too_big", name=name, count=len(defn.body.nodes),
                              limit=MAX_BODY_NODES))
    body_inputs = [d["name"] for _n, d in defn.body.nodes if d["kind"] == "input"]
    if sorted(body_inputs) != sorted(inputs):
        raise GraphError(_msg("inputs_differ", name=name, inputs=", ".join(inputs),
                              body=", ".join(body_inputs)))
    for _n, d in defn.body.nodes:  # known blocks first: the body document needs them
        inner = d.get("block")
        if d["kind"] == "composite" and inner not in known:
            raise GraphError(_msg("unknown_inner", name=name, inner=inner))
    path = _recursion(defn, known)
    if path:
        raise GraphError(_msg("recursive", name=name, path=" → ".join(path)))
    body = _body_with(defn, known)
    out = body.output
    if out is None or out not in body:
        raise GraphError(_msg("no_output", name=name))
    if body.kind(out) not in ("op", "composite"):
        raise GraphError(_msg("output_kind", name=name))
    problems = body.problems()
    if problems:
        raise GraphError(_msg("body_problem", name=name, problem=problems[0].message))
    for inp, text in defn.rules.items():
        if inp not in inputs:
            raise GraphError(_msg("rule_input", name=name, input=inp))
        if not isinstance(text, str) or len(text) > MAX_RULE_CHARS:
            raise GraphError(_msg("rule_text", name=name, input=inp, limit=MAX_RULE_CHARS))


def _recursion(defn: CompositeDef, known: Mapping[str, CompositeDef]) -> list[str]:
    """A chain of block names from ``defn`` back to itself, or [] (iterative search)."""
    stack: list[tuple[str, list[str]]] = [(b, [defn.name, b]) for b in sorted(defn.blocks_used())]
    seen: set[str] = set()
    while stack:
        name, path = stack.pop()
        if name == defn.name:
            return path
        if name in seen or name not in known:
            continue
        seen.add(name)
        stack.extend((b, [*path, b]) for b in sorted(known[name].blocks_used()))
    return []


def _body_with(defn: CompositeDef, known: Mapping[str, CompositeDef]) -> Document:
    """The body as a document that also holds the definitions it uses (nested blocks)."""
    doc = Document()
    needed = _closure(defn.blocks_used(), known)
    doc.restore(Snapshot(defn.body.nodes, defn.body.edges, defn.body.next_id,
                         defn.body.output, tuple(known[b] for b in needed)))
    return doc


def _closure(names: Iterable[str], known: Mapping[str, CompositeDef]) -> list[str]:
    """``names`` and every block they use, in ``known``'s order."""
    wanted: set[str] = set()
    stack = [n for n in names if n in known]
    while stack:
        n = stack.pop()
        if n not in wanted:
            wanted.add(n)
            stack.extend(b for b in known[n].blocks_used() if b in known)
    return [n for n in known if n in wanted]


def body_document(doc: Document, block: str) -> Document:
    """The body of ``doc``'s block ``block`` as a document holding the blocks it uses."""
    return _body_with(doc.composites[block], doc.composites)


# -- expansion -----------------------------------------------------------------

@dataclass
class Expansion:
    """A document with every block inlined, and where each inner node came from."""

    document: Document
    # expanded id -> (the top-level block node of the original, the node in its body)
    origin: dict[int, tuple[int, int]]


def has_blocks(doc: Document) -> bool:
    """Whether ``doc`` may hold composite nodes (it has definitions): O(1)."""
    return bool(doc.composites)


def flattened(doc: Document) -> Document:
    """``doc`` itself when it has no blocks, else its expansion (see ``expand``)."""
    return expand(doc).document if has_blocks(doc) else doc


def expand(doc: Document) -> Expansion:
    """Every composite node of ``doc`` inlined, nested ones too (see the module doc).

    The result holds no definitions; the explicit output stays.  Node attributes of
    inner nodes are the body's, without positions and student names (a block used twice
    would name two nodes alike).  GraphError if the blocks expand beyond
    ``MAX_EXPANDED_NODES``.
    """
    defs = doc.composites
    attrs: dict[int, dict[str, Any]] = {n: dict(d) for n, d in doc.node_table().items()}
    args: dict[int, list[int | None]] = {n: list(a) for n, a in doc.argument_table().items()}
    snap_next = next_id = max(attrs, default=0) + 1
    origin: dict[int, tuple[int, int]] = {}
    work = [n for n, d in attrs.items() if d["kind"] == "composite"]
    # Inner nodes go right after their block in creation order (ids only grow), so an
    # ordered dict rebuilt at the end keeps each block's body together.
    inserted: dict[int, list[int]] = {}
    total = len(attrs)
    while work:
        c = work.pop()
        defn = defs[attrs[c]["block"]]
        top = origin[c][0] if c in origin else c
        body_attrs = dict(defn.body.nodes)
        body_args: dict[int, list[int | None]] = {n: [] for n in body_attrs}
        for src, dst, slot in defn.body.edges:
            a = body_args[dst]
            a.extend([None] * (slot + 1 - len(a)))
            a[slot] = src
        by_name = dict(zip(defn.inputs, args[c]))
        out = defn.body.output
        body_attrs = {b: body_attrs[b] for b in _reaching(out, body_args) if b in body_attrs}
        mapped: dict[int, int | None] = {}
        fresh: list[int] = []
        for b, d in body_attrs.items():
            if d["kind"] == "input":
                mapped[b] = by_name.get(d["name"])
            elif b == out:
                mapped[b] = c
            else:
                mapped[b] = next_id
                fresh.append(next_id)
                next_id += 1
        total += len(fresh)
        if total > MAX_EXPANDED_NODES:
            raise GraphError(_msg("expanded_too_big", limit=MAX_EXPANDED_NODES))
        for b, d in body_attrs.items():
            n = mapped[b]
            if d["kind"] == "input" or n is None:
                continue
            inner = {k: v for k, v in d.items() if k not in ("pos", "name", "label")}
            if n == c:
                kept = {k: attrs[c][k] for k in ("pos",) if k in attrs[c]}
                inner.update(kept)
            attrs[n] = inner
            args[n] = [mapped[s] if s is not None else None for s in body_args[b]]
            if n != c:
                origin[n] = (top, origin[c][1] if c in origin else b)
            if inner["kind"] == "composite":
                work.append(n)
        inserted.setdefault(c, []).extend(fresh)
    order: list[int] = []
    for n in attrs:
        if n < snap_next:
            _emit_with_inner(n, inserted, order)
    nodes = tuple((n, attrs[n]) for n in order)
    edges = tuple((s, n, slot) for n in order for slot, s in enumerate(args[n])
                  if s is not None)
    expanded = Document()
    # The output resolved now: "the newest sink" could otherwise fall on an inner node.
    expanded.restore(Snapshot(nodes, edges, next_id, doc.output))
    return Expansion(expanded, origin)


def _reaching(out: int | None, args: Mapping[int, list[int | None]]) -> list[int]:
    """``out`` and the nodes it depends on, in ascending id order (a body's live part)."""
    if out is None:
        return []
    seen = {out}
    stack = [out]
    while stack:
        for s in args.get(stack.pop(), ()):
            if s is not None and s not in seen:
                seen.add(s)
                stack.append(s)
    return sorted(seen)


def _emit_with_inner(n: int, inserted: dict[int, list[int]], order: list[int]) -> None:
    """``n`` then the inner nodes its expansion made (and theirs), depth first."""
    stack = [n]
    while stack:
        m = stack.pop()
        order.append(m)
        stack.extend(reversed(inserted.get(m, ())))


# -- making and unmaking blocks ------------------------------------------------------

@dataclass(frozen=True)
class BlockPlan:
    """What ``make_block`` would do: the definition, the inputs' sources, the exit."""

    definition: CompositeDef
    sources: tuple[int, ...]  # outer node feeding each block input, in input order
    exit: int  # the selected node whose value leaves the selection
    removed: frozenset[int]


def plan_block(doc: Document, selection: Iterable[int], name: str) -> BlockPlan:
    """Check that ``selection`` can become block ``name``; GraphError saying why not.

    Inputs and constants in the selection go inside only if nothing outside reads them
    (a shared input stays outside and becomes a block input).  Every value entering
    the selection becomes a block input, named after it when it is an input.
    """
    check_block_name(name)
    if name in doc.composites:
        raise GraphError(_msg("block_exists", name=name))
    if doc.find_input(name) is not None:  # generated code names a function after the block
        raise GraphError(_msg("reserved", name=name))
    chosen = {n for n in selection if n in doc}
    if not chosen:
        raise GraphError(_msg("empty_selection"))
    computing = {n for n in chosen if doc.kind(n) in ("op", "composite")}
    if not computing:
        raise GraphError(_msg("select_ops"))
    # A constant read only inside goes in, selected or not (``1 + exp(x)`` takes no input
    # for its 1); inputs always stay outside (the block's inputs are values from outside).
    inside = set(computing)
    for n in computing:
        for src in doc.arguments(n):
            if src is not None and doc.kind(src) == "const" \
                    and all(u in computing for u, _s in doc.users(src)):
                inside.add(src)
    out = doc.output
    exits = sorted(n for n in inside
                   if any(u not in inside for u, _s in doc.users(n)) or n == out)
    if len(exits) > 1:
        raise GraphError(_msg("several_outputs",
                              nodes=", ".join(doc.describe(n) for n in exits)))
    if not exits:
        exits = sorted(n for n in inside if not doc.users(n) and n in computing)
        if len(exits) != 1:
            raise GraphError(_msg("no_exit"))
    exit_node = exits[0]
    if doc.kind(exit_node) not in ("op", "composite"):
        raise GraphError(_msg("select_ops"))
    # The values entering the selection, in the order they are first read.
    entries: list[int] = []
    for n in doc.dependency_order(exit_node):
        if n not in inside:
            continue
        for src in doc.arguments(n):
            if src is not None and src not in inside and src not in entries:
                entries.append(src)
    # A selected node the exit does not depend on would be lost: keep it out instead.
    needed = doc.ancestors(exit_node) | {exit_node}
    inside &= needed
    entries = [e for e in entries if e not in inside]
    if len(entries) > MAX_BLOCK_INPUTS:
        raise GraphError(_msg("too_many_entries", count=len(entries), limit=MAX_BLOCK_INPUTS))
    if not entries:
        raise GraphError(_msg("no_inputs", name=name))
    names = _entry_names(doc, entries)
    body = Document()
    ids: dict[int, int] = {}
    for e, nm in zip(entries, names):
        value = _entry_value(doc, e)
        ids[e] = body.add_input(nm, value)
    attrs = doc.node_table()
    pos = None  # the body is laid out when it is shown
    for n in doc.dependency_order(exit_node):
        if n not in inside:
            continue
        d = attrs[n]
        if d["kind"] == "const":
            ids[n] = body.add_const(d["value"], pos=pos)
            continue
        src_ids = tuple(ids[s] for s in doc.arguments(n))  # type: ignore[index]
        if d["kind"] == "composite":
            if d["block"] not in body.composites:
                for b in _closure([d["block"]], doc.composites):
                    if b not in body.composites:
                        body.set_composite(doc.composites[b])
            ids[n] = body.add_composite(d["block"], args=src_ids, pos=pos)
        else:
            ids[n] = body.add_op(d["op"], args=src_ids, pos=pos)
            if d.get("params"):
                body.set_params(ids[n], d["params"])
            if d.get("name"):
                body.rename(ids[n], d["name"])
    body.set_output(ids[exit_node])
    snap = body.snapshot()
    defn = CompositeDef(name, tuple(names),
                        Snapshot(snap.nodes, snap.edges, snap.next_id, snap.output),
                        MappingProxyType({}))
    check_definition(defn, doc.composites)
    return BlockPlan(defn, tuple(entries), exit_node, frozenset(inside))


def _entry_value(doc: Document, node: int) -> Any:
    """A sample value for a block input: the outer value when it has one."""
    d = doc.node(node)
    return d["value"] if "value" in d else 1.0


def _entry_names(doc: Document, entries: list[int]) -> list[str]:
    """Input names: an input keeps its name, other values get a, b, c... (not taken)."""
    taken = {doc.name(e) for e in entries if doc.kind(e) == "input"}
    letters = (c for c in "abcdeghijklmnopqrstuvw" if c not in taken)
    names = []
    for e in entries:
        if doc.kind(e) == "input":
            names.append(doc.name(e))
        else:
            names.append(next(letters, f"in{len(names)}"))
    return names


def make_block(doc: Document, selection: Iterable[int], name: str) -> int:
    """Replace ``selection`` by one new block ``name``; returns the block node.

    Validated first (``plan_block``): a refusal changes nothing.  The block node takes
    the exit's place (position, users, the output); one ``reset`` event.
    """
    plan = plan_block(doc, selection, name)
    users = doc.users(plan.exit)
    was_output = doc.output == plan.exit
    pos = doc.position(plan.exit)
    with doc.muted():
        doc.set_composite(plan.definition)
        for n in sorted(plan.removed, key=lambda n: -n):
            doc.remove_node(n)
        node = doc.add_composite(name, args=plan.sources, pos=pos)
        for dst, slot in users:
            doc.connect(node, dst, slot)
        if was_output:
            doc.set_output(node)
    return node


def inline_block(doc: Document, node: int) -> list[int]:
    """Put block ``node``'s body back in its place; returns the new nodes.

    The inner output takes the block node's users and the output; the definition stays
    (other nodes may use it).  One ``reset`` event.
    """
    if node not in doc or doc.kind(node) != "composite":
        raise GraphError(_msg("not_a_block", node=doc.describe(node) if node in doc else node))
    defn = doc.composites[doc.node(node)["block"]]
    body = defn.document(doc.composites)
    sources = dict(zip(defn.inputs, doc.arguments(node)))
    users = doc.users(node)
    was_output = doc.output == node
    base = doc.position(node)
    out_pos = body.position(defn.output) if defn.output is not None else None
    dx, dy = (base[0] - out_pos[0], base[1] - out_pos[1]) if base and out_pos else (0.0, 0.0)
    made: list[int] = []
    with doc.muted():
        doc.remove_node(node)
        ids: dict[int, int | None] = {}
        for n in body.dependency_order(defn.output):
            d = body.node(n)
            pos = d.get("pos")
            pos = (pos[0] + dx, pos[1] + dy) if pos and base else None
            if d["kind"] == "input":
                ids[n] = sources.get(d["name"])
                continue
            if d["kind"] == "const":
                ids[n] = doc.add_const(d["value"], pos=pos)
            else:
                args = tuple(ids[s] for s in body.arguments(n))  # type: ignore[index]
                if d["kind"] == "composite":
                    ids[n] = doc.add_composite(d["block"], args=args, pos=pos)
                else:
                    ids[n] = doc.add_op(d["op"], args=args, pos=pos)
                    if d.get("params"):
                        doc.set_params(ids[n], d["params"])
            made.append(ids[n])  # type: ignore[arg-type]
        exit_node = ids[defn.output]  # type: ignore[index]
        assert exit_node is not None
        for dst, slot in users:
            doc.connect(exit_node, dst, slot)
        if was_output:
            doc.set_output(exit_node)
    return made
