"""The Document's public reading methods and snapshots: what others read instead of networkx."""

from __future__ import annotations

import random

import numpy as np
import pytest

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document, GraphError, Snapshot

from .helpers import op_node, seed_doc


def test_edges_wires_and_arguments_of_the_seed() -> None:
    doc = seed_doc()  # x=1, 2, pow=3, 2, mul=5, add=6, y=7, log=8, mul=9
    assert sorted(doc.edges()) == [(1, 3, 0), (1, 5, 1), (2, 3, 1), (3, 6, 0), (4, 5, 0),
                                   (5, 6, 1), (6, 9, 0), (7, 8, 0), (8, 9, 1)]
    assert doc.arguments(3) == [1, 2] and doc.arguments(5) == [4, 1] and doc.arguments(1) == []
    assert sorted(doc.users(1)) == [(3, 0), (5, 1)]
    assert doc.wires(5) == [(4, 5, 0), (1, 5, 1), (5, 6, 1)]  # in by slot order here, then out
    assert doc.ancestors(6) == {1, 2, 3, 4, 5} and doc.ancestors(1) == set()
    assert doc.value(2) == 2.0 and doc.name(7) == "y"
    with pytest.raises(GraphError, match="no node 42"):
        doc.arguments(42)
    with pytest.raises(GraphError, match="no node 42"):
        doc.wires(42)


def test_parallel_wires_are_two_edges() -> None:
    doc = Document()
    x = doc.add_input("x", 3.0)
    m = op_node(doc, "mul", x, x)
    assert doc.edges() == [(x, m, 0), (x, m, 1)]
    assert doc.argument_table()[m] == (x, x)
    doc.disconnect(m, 0)
    assert doc.edges() == [(x, m, 1)] and doc.arguments(m) == [None, x]
    assert doc.source(m, 0) is None and doc.source(m, 1) == x and doc.source(m, 7) is None


def test_dependency_order_follows_creation_order() -> None:
    doc = seed_doc()
    assert doc.dependency_order() == list(range(1, 10))
    assert doc.dependency_order(8) == [7, 8]
    extra = doc.add_const(5.0)  # 10: not an ancestor of the output
    assert extra in doc.dependency_order() and extra not in doc.dependency_order(9)
    with pytest.raises(GraphError):
        doc.dependency_order(99)


def test_tables_are_read_only_and_follow_the_document() -> None:
    doc = seed_doc()
    nodes, args = doc.node_table(), doc.argument_table()
    with pytest.raises(TypeError):
        nodes[1] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        args[3] = (None, None)  # type: ignore[index]
    assert list(nodes) == doc.nodes() and nodes[1]["name"] == "x"
    doc.disconnect(3, 1)
    assert args[3] == (1, None)
    doc.remove_node(3)
    assert 3 not in nodes and 3 not in args


def _indexes_agree(doc: Document) -> None:
    """The document's own indexes say what its wires say."""
    table = doc.argument_table()
    assert set(table) == set(doc.nodes()) == set(doc.node_table())
    wired = {(src, dst, slot) for dst, srcs in table.items()
             for slot, src in enumerate(srcs) if src is not None}
    assert wired == set(doc.edges())
    for n in doc.nodes():
        assert len(table[n]) == doc.arity(n)


def test_indexes_stay_right_through_random_edits() -> None:
    rng = random.Random(7)
    doc = Document()
    names = iter(f"v{k}" for k in range(1000))
    for _ in range(400):
        nodes = doc.nodes()
        roll = rng.random()
        try:
            if roll < 0.2 or len(nodes) < 3:
                doc.add_input(next(names), rng.random())
            elif roll < 0.45:
                op = rng.choice(["add", "mul", "sin", "exp", "sub"])
                doc.add_op(op, args=tuple(rng.choice(nodes) for _ in range(rng.randint(0, 1))))
            elif roll < 0.7:
                dst = rng.choice(nodes)
                doc.connect(rng.choice(nodes), dst, rng.randint(0, 1), replace=rng.random() < .5)
            elif roll < 0.85:
                doc.disconnect(rng.choice(nodes), rng.randint(0, 1))
            else:
                doc.remove_node(rng.choice(nodes))
        except GraphError:
            pass  # a refused edit changes nothing
        _indexes_agree(doc)
    assert len(doc) > 20 and len(doc.edges()) > 10


def test_snapshot_restore_round_trip_is_exact() -> None:
    doc = seed_doc(x=np.array([1.0, 2.0]))
    doc.set_position(1, (10.0, 20.0))
    doc.remove_node(doc.add_const(3.0))  # the next id is past the removed one
    snap = doc.snapshot()
    assert isinstance(snap, Snapshot) and snap.output == 9 and snap.next_id == 11
    before = (doc.nodes(), doc.edges(), doc.argument_table().copy(), doc.inputs())

    doc.set_value(1, [5.0, 6.0])
    doc.rename(7, "w")
    doc.remove_node(6)
    doc.set_output(None)
    events = []
    doc.subscribe(events.append)
    doc.restore(snap)
    assert [e.kind for e in events] == ["reset"]
    assert (doc.nodes(), doc.edges(), dict(doc.argument_table()), doc.inputs()) == (
        before[0], before[1], before[2], before[3])
    assert doc.explicit_output == 9 and doc.position(1) == (10.0, 20.0)
    np.testing.assert_array_equal(doc.value(1), [1.0, 2.0])
    assert doc.find_input("y") == 7 and doc.find_input("w") is None
    assert doc.add_const(1.0) == 11  # the id it would have had
    again = Document()
    again.restore(snap)
    assert again.same_as(doc.copy()) is False  # doc has the new constant
    doc.remove_node(11)
    assert again.same_as(doc)


def test_a_snapshot_never_changes() -> None:
    doc = seed_doc(x=np.array([1.0, 2.0]))
    snap = doc.snapshot()
    doc.node(1)["value"][0] = 99.0  # someone writing into the live array
    restored = Document()
    restored.restore(snap)
    np.testing.assert_array_equal(restored.value(1), [1.0, 2.0])
    with pytest.raises(ValueError):
        dict(snap.nodes)[1]["value"][0] = 5.0  # read-only
    with pytest.raises(TypeError):
        dict(snap.nodes)[1]["name"] = "z"  # type: ignore[index]
    restored.node(1)["value"][1] = 7.0  # the restored document's array is its own
    np.testing.assert_array_equal(dict(snap.nodes)[1]["value"], [1.0, 2.0])


def test_copy_and_replace_with_compile_the_same() -> None:
    doc = seed_doc()
    other = Document()
    other.replace_with(doc)
    assert other.same_as(doc) and other.copy().same_as(doc)
    assert compile_graph(other).gradient() == compile_graph(doc).gradient()
    assert compile_graph(other).nodes == compile_graph(doc).nodes


def test_networkx_graph_is_made_on_first_read_after_a_restore_as_it_would_have_been() -> None:
    """A restored (or built) document makes its networkx graph when wires are first read
    or changed; until then the engine runs from the tables alone, and afterwards the graph
    (wire order included) is the one an eager restore made."""
    import networkx as nx

    from autodiff_gui.core.backward_graph import build_backward, hessian

    original = seed_doc()
    original.disconnect(5, 1)
    original.connect(7, 5, 1)  # wires no longer in creation order
    snap = original.snapshot()
    lazy = Document()
    lazy.restore(snap)
    assert lazy._nx is None
    compile_graph(lazy).gradient()
    assert lazy._nx is None  # the engine reads the tables only
    assert lazy.edges() == original.edges() and lazy._nx is None  # read from the tables
    assert sorted(lazy.users(1)) == sorted(original.users(1)) and lazy._nx is not None
    assert nx.utils.graphs_equal(lazy._graph, original._graph)
    # A change to a restored document first makes the graph, then changes it.
    again = Document()
    again.restore(snap)
    for doc in (again, original):
        doc.connect(1, 5, 1, replace=True)
        doc.remove_node(8)
    assert again.edges() == original.edges()
    assert nx.utils.graphs_equal(again._graph, original._graph)
    bg = build_backward(seed_doc())
    hessian(seed_doc())
    assert bg.document._nx is None  # built and compiled: no networkx graph needed
    assert sorted(bg.document.edges()) == sorted(
        (src, n, slot) for n in bg.document.nodes()
        for slot, src in enumerate(bg.document.arguments(n)))


def _random_doc(rng: random.Random, size: int) -> Document:
    """Inputs, constants and ops wired at random, arguments repeated (x*x) on purpose."""
    doc = Document()
    nodes = [doc.add_input("x", 1.0), doc.add_const(2.0)]
    for _ in range(size):
        if rng.random() < 0.5:
            nodes.append(doc.add_op("sin", args=(rng.choice(nodes),)))
        else:
            a = rng.choice(nodes)
            nodes.append(doc.add_op("mul", args=(a, a if rng.random() < 0.3
                                                 else rng.choice(nodes))))
    return doc


@pytest.mark.parametrize("seed", range(20))
def test_wires_read_before_networkx_are_listed_as_networkx_lists_them(seed: int) -> None:
    """``edges`` and ``snapshot`` of a document networkx has not seen yet give the wires
    in networkx's order, for a parsed-like document and for a restore whose snapshot
    lists wires by target (as composite expansion does)."""
    rng = random.Random(seed)
    doc = _random_doc(rng, 30)
    assert doc._nx is None
    before, snap = doc.edges(), doc.snapshot()
    assert doc._nx is None
    assert before == list(doc._graph.edges(keys=True)) and snap.edges == tuple(before)
    by_target = tuple(sorted(before, key=lambda e: (e[1], e[2])))
    other = Document()
    other.restore(Snapshot(snap.nodes, by_target, snap.next_id, snap.output))
    listed = other.edges()
    assert other._nx is None and listed == list(other._graph.edges(keys=True))
    assert sorted(listed) == sorted(before)
