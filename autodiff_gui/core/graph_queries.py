"""What can be asked of a document: its nodes, their attributes, wires and order.

``GraphQueries`` is the reading half of ``graph.Document`` (which adds the only
mutation API, events and snapshots).  It reads the wires from the document's
networkx graph and, for speed, the two tables the mutation API keeps beside it:
each node's attribute dict and the source of each argument slot.  Nothing here
changes the document.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from . import ops

if TYPE_CHECKING:
    import networkx as nx


def values_equal(a: Any, b: Any) -> bool:
    """Exact equality of two values, scalars or arrays."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and bool(np.array_equal(a, b))
    return a == b


class GraphQueries:
    """Read-only questions to a document (see ``graph.Document``)."""

    # Kept by graph.Document's mutation API.
    _graph: nx.MultiDiGraph  # the wires, keyed by argument slot (made on first use)
    _nx: nx.MultiDiGraph | None  # that graph once made
    _unfilled: tuple[tuple[int, int, int], ...] | None  # installed wires waiting for it
    _attrs: dict[int, dict[str, Any]]  # node -> its attributes, in creation order
    _args: dict[int, tuple[int | None, ...]]  # node -> the source of each slot
    _output: int | None  # the output the user set
    _input_ids: dict[str, int]  # input name -> node
    _op_names: dict[str, int]  # a named operation's name -> node

    def _require(self, node: int) -> None:
        """Raise GraphError if ``node`` is not in the document (``Document`` says how)."""
        raise NotImplementedError

    def __contains__(self, node: int) -> bool:
        return node in self._attrs

    def __len__(self) -> int:
        return len(self._attrs)

    def nodes(self) -> list[int]:
        """Every node id, in creation order."""
        return list(self._attrs)

    def node(self, node: int) -> dict[str, Any]:
        """The attribute dict of a node (read it; change it only through the API).

        Keys: ``kind``; ``name`` (inputs; operations a student named); ``value`` (inputs
        and constants); ``op`` (operations); ``pos`` (when placed).
        """
        self._require(node)
        return self._attrs[node]

    def value(self, node: int) -> Any:
        """The value of an input or a constant (the document's own: do not change it)."""
        return self.node(node)["value"]

    def name(self, node: int) -> str:
        """The name of an input."""
        return self.node(node)["name"]

    def node_table(self) -> Mapping[int, Mapping[str, Any]]:
        """Every node's attributes by id, read-only, in creation order (a live view)."""
        return MappingProxyType(self._attrs)

    def argument_table(self) -> Mapping[int, tuple[int | None, ...]]:
        """Every node's argument sources by slot (None where free), read-only (a live view)."""
        return MappingProxyType(self._args)

    def edges(self) -> list[tuple[int, int, int]]:
        """Every wire as (source, target, slot), grouped by source in creation order."""
        if self._nx is not None:
            return list(self._nx.edges(keys=True))
        # Before networkx's graph is made (see ``Document._graph``): the wires it would
        # be made from, in the order it would list them (by source, target, then key).
        succ: dict[int, dict[int, list[int]]] = {}
        for src, dst, slot in self._wires_to_fill():
            succ.setdefault(src, {}).setdefault(dst, []).append(slot)
        return [(u, v, k) for u in self._attrs if u in succ
                for v, keys in succ[u].items() for k in keys]

    def _wires_to_fill(self) -> Iterable[tuple[int, int, int]]:
        """The wires networkx's graph is made from, in the order they go in: those a
        restore installed, else the argument table's (by target, then slot: the order a
        document only added to got them in)."""
        if self._unfilled is not None:
            return self._unfilled
        return ((src, dst, slot) for dst, sources in self._args.items()
                for slot, src in enumerate(sources) if src is not None)

    def wires(self, node: int) -> list[tuple[int, int, int]]:
        """The wires into ``node`` and then out of it, as (source, target, slot)."""
        self._require(node)
        return list(self._graph.in_edges(node, keys=True)) + \
            list(self._graph.out_edges(node, keys=True))

    def ancestors(self, node: int) -> set[int]:
        """Every node whose value ``node`` depends on (not ``node`` itself)."""
        self._require(node)
        args = self._args
        seen: set[int] = set()
        stack = [node]
        while stack:  # iterative: 10,000-deep chains must not hit the recursion limit
            for src in args[stack.pop()]:
                if src is not None and src not in seen:
                    seen.add(src)
                    stack.append(src)
        return seen

    def dependency_order(self, output: int | None = None) -> list[int]:
        """Nodes in dependency order (every node after its arguments), smaller ids first
        among equals: all of them, or only ``output`` and its ancestors.

        Kahn's algorithm with a heap: deterministic and following creation order, so the
        parse of ``(x**2 + 2*x) * log(y)`` reads x, 2, a, 2, b, c, y, d, z like the seed.
        """
        args = self._args
        if output is not None:
            self._require(output)
        # One walk from the output finds the ancestors, counts each one's wired slots
        # and lists its users.  Counting wires rather than distinct sources gives the
        # same order: a node's count reaches 0 when its last source is taken, either way.
        pending: dict[int, int] = {}
        users: dict[int, list[int]] = {}
        heap: list[int] = []
        stack = list(args) if output is None else [output]
        while stack:  # iterative: 10,000-deep chains must not hit the recursion limit
            n = stack.pop()
            if n in pending:
                continue
            count = 0
            for src in args[n]:
                if src is not None:
                    count += 1
                    if src in users:
                        users[src].append(n)
                    else:
                        users[src] = [n]
                    if src not in pending:
                        stack.append(src)
            pending[n] = count
            if not count:
                heap.append(n)
        heapq.heapify(heap)
        order = []
        while heap:
            n = heapq.heappop(heap)
            order.append(n)
            for m in users.get(n, ()):
                pending[m] -= 1
                if not pending[m]:
                    heapq.heappush(heap, m)
        return order

    def kind(self, node: int) -> str:
        return self.node(node)["kind"]

    def op(self, node: int) -> ops.Op | None:
        name = self.node(node).get("op")
        return ops.OPS[name] if name else None

    def arity(self, node: int) -> int:
        """How many argument slots ``node`` has (an op's, or a composite block's inputs)."""
        self._require(node)
        return len(self._args[node])

    def arguments(self, node: int) -> list[int | None]:
        """The source node feeding each slot of ``node`` (None where unconnected)."""
        self._require(node)
        return list(self._args[node])

    def users(self, node: int) -> list[tuple[int, int]]:
        """(node, slot) pairs that read the value of ``node``."""
        return [(dst, slot) for _src, dst, slot in self._graph.out_edges(node, keys=True)]

    def inputs(self) -> dict[str, int]:
        """Input nodes by name, in the order they were added."""
        return {d["name"]: n for n, d in self._attrs.items() if d["kind"] == "input"}

    def input_values(self) -> dict[str, Any]:
        return {d["name"]: d["value"] for d in self._attrs.values() if d["kind"] == "input"}

    def find_input(self, name: str) -> int | None:
        return self._input_ids.get(name)

    def named_ops(self) -> Mapping[str, int]:
        """Operations a student named (``c`` in ``c = a + b``): name -> node, read-only."""
        return MappingProxyType(self._op_names)

    def sinks(self) -> list[int]:
        """Nodes nobody reads: the graph's outputs."""
        return [n for n in self._attrs if self._graph.out_degree(n) == 0]

    @property
    def explicit_output(self) -> int | None:
        """The output the user set, or None when the newest sink stands in for it."""
        out = self._output
        return out if out is not None and out in self._attrs else None

    @property
    def output(self) -> int | None:
        """The current output: the one set, else the newest sink op node."""
        if self._output is not None and self._output in self._attrs:
            return self._output
        sinks = [n for n in self.sinks()
                 if self.kind(n) in ("op", "composite")] or self.sinks()
        return max(sinks) if sinks else None

    def position(self, node: int) -> tuple[float, float] | None:
        return self.node(node).get("pos")

    def source(self, node: int, slot: int) -> int | None:
        """The node wired into ``node[slot]``, None if the slot is free (or not there)."""
        args = self._args[node]
        if isinstance(slot, int) and 0 <= slot < len(args):
            return args[slot]
        return None

    def same_as(self, other: GraphQueries, *, positions: bool = True) -> bool:
        """Same nodes, attributes, wires and output (ids included)."""
        if self._attrs.keys() != other._attrs.keys():
            return False
        for n, d in self._attrs.items():
            e = other._attrs[n]
            keys = set(d) | set(e)
            if not positions:
                keys.discard("pos")
            for k in keys:
                if k == "value":
                    if k not in e or k not in d or not values_equal(d[k], e[k]):
                        return False
                elif d.get(k) != e.get(k):
                    return False
        edges = sorted(self.edges())
        return edges == sorted(other.edges()) and self.output == other.output
