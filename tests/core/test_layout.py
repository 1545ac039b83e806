"""The layered layout: columns, no crossings on the seed, few on random graphs, big graphs."""

from __future__ import annotations

import random

from autodiff_gui.core import ops
from autodiff_gui.core.graph import Document
from autodiff_gui.diagram.layout import (
    BLOCK_WIDTH,
    COLUMN_SPACING,
    assign_layers,
    block_size,
    count_crossings,
    input_port_offset,
    layered_layout,
    missing_positions,
    wire_handles,
)
from tests.core.helpers import seed_doc


def random_doc(seed: int, n: int = 28) -> Document:
    rnd = random.Random(seed)
    doc = Document()
    ids: list[int] = []
    for i in range(n):
        if i < 3 or rnd.random() < 0.2:
            ids.append(doc.add_input(f"v{i}", 1.0) if rnd.random() < 0.6 else doc.add_const(2.0))
        else:
            name = rnd.choice(["add", "mul", "sin", "log", "pow", "sub", "exp"])
            v = doc.add_op(name)
            for s in range(ops.OPS[name].arity):
                doc.connect(rnd.choice(ids[-8:]), v, s)
            ids.append(v)
    return doc


def naive_positions(doc: Document, dx: float = 180.0, dy: float = 110.0
                    ) -> dict[int, tuple[float, float]]:
    """Same columns, blocks in creation order, each column centred: the baseline."""
    layer = assign_layers(doc)
    cols: dict[int, list[int]] = {}
    for n in sorted(doc.nodes()):
        cols.setdefault(layer[n], []).append(n)
    return {n: (lay * dx, (i - (len(row) - 1) / 2) * dy)
            for lay, row in cols.items() for i, n in enumerate(row)}


def overlapping(doc: Document, pos: dict[int, tuple[float, float]]) -> list[tuple[int, int]]:
    rects = []
    for n, (x, y) in pos.items():
        w, h = block_size(doc.kind(n))
        rects.append((x, y, x + w, y + h, n))
    rects.sort()
    bad = []
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            if b[0] >= a[2]:
                break
            if b[1] < a[3] and a[1] < b[3]:
                bad.append((a[4], b[4]))
    return bad


def test_seed_has_no_crossings_and_reads_left_to_right() -> None:
    doc = seed_doc()
    pos = layered_layout(doc)
    assert set(pos) == set(doc.nodes())
    assert count_crossings(doc, pos) == 0
    assert not overlapping(doc, pos)
    # inputs in the first column, the output alone in the last one
    xs = {n: p[0] for n, p in pos.items()}
    assert xs[doc.find_input("x")] == xs[doc.find_input("y")] == min(xs.values())
    out = doc.output
    assert xs[out] == max(xs.values())
    assert sum(1 for v in xs.values() if v == xs[out]) == 1
    # every wire goes left to right
    for u, v, _slot in doc.edges():
        assert pos[u][0] + block_size(doc.kind(u))[0] <= pos[v][0]
    # slot 0's source sits above slot 1's: the wires into a block do not cross
    pow_node = next(n for n in doc.nodes() if doc.node(n).get("op") == "pow")
    base, exponent = doc.arguments(pow_node)
    assert pos[base][1] + 20 < pos[exponent][1] + block_size("const")[1]


def test_constants_sit_right_next_to_the_block_they_feed() -> None:
    doc = seed_doc()
    pos = layered_layout(doc)
    for n in doc.nodes():
        if doc.kind(n) == "const":
            (user, _slot), = doc.users(n)
            gap = pos[user][0] - (pos[n][0] + block_size("const")[0])
            assert 0 < gap < 60


def test_random_graphs_cross_less_than_a_naive_order() -> None:
    ours = naive = 0
    for seed in range(20):
        doc = random_doc(seed)
        pos = layered_layout(doc)
        assert set(pos) == set(doc.nodes())
        assert not overlapping(doc, pos)
        ours += count_crossings(doc, pos)
        naive += count_crossings(doc, naive_positions(doc))
    assert ours < naive * 0.6, (ours, naive)


def test_count_crossings_sees_a_crossing_and_ignores_shared_ports() -> None:
    doc = Document()
    a = doc.add_input("a", 1.0)
    b = doc.add_input("b", 1.0)
    m = doc.add_op("sub")
    doc.connect(a, m, 0)
    doc.connect(b, m, 1)
    straight = {a: (0.0, 0.0), b: (0.0, 200.0), m: (300.0, 50.0)}
    crossed = {a: (0.0, 200.0), b: (0.0, 0.0), m: (300.0, 50.0)}
    assert count_crossings(doc, straight) == 0
    assert count_crossings(doc, crossed) == 1
    # two wires from one output port touch there: not a crossing
    doc2 = Document()
    x = doc2.add_input("x", 1.0)
    sq = doc2.add_op("mul")
    doc2.connect(x, sq, 0)
    doc2.connect(x, sq, 1)
    assert count_crossings(doc2, {x: (0.0, 0.0), sq: (300.0, 0.0)}) == 0


def test_a_10000_node_chain_needs_no_recursion() -> None:
    doc = Document()
    prev = doc.add_input("x", 1.0)
    first = prev
    for _ in range(10_000):
        v = doc.add_op("sin")
        doc.connect(prev, v, 0)
        prev = v
    pos = layered_layout(doc)
    assert len(pos) == 10_001
    assert pos[prev][0] == 10_000 * COLUMN_SPACING
    assert pos[first][0] == 0.0
    assert len({round(p[1]) for p in pos.values()}) == 1  # a chain is a straight line


def test_many_long_wires_fall_back_without_dummies() -> None:
    # x feeds every block of a long chain: far more dummy points than the budget
    doc = Document()
    x = doc.add_input("x", 1.0)
    prev = x
    for _ in range(400):
        v = doc.add_op("add")
        doc.connect(prev, v, 0)
        doc.connect(x, v, 1)
        prev = v
    pos = layered_layout(doc)
    assert set(pos) == set(doc.nodes())
    assert not overlapping(doc, pos)


def test_missing_positions_fill_only_the_gaps_below_the_placed_blocks() -> None:
    doc = seed_doc()
    assert missing_positions(doc) == layered_layout(doc)
    placed = {n: (1000.0 + 10 * n, 500.0) for n in doc.nodes()[:3]}
    for n, p in placed.items():
        doc.set_position(n, p)
    fill = missing_positions(doc)
    assert set(fill) == set(doc.nodes()) - set(placed)
    assert min(p[1] for p in fill.values()) > 500.0  # below the placed ones
    for n, p in fill.items():
        doc.set_position(n, p)
    assert missing_positions(doc) == {}
    assert layered_layout(Document()) == {}


def test_wire_geometry_helpers() -> None:
    for dx in (0.0, 10.0, 50.0, 180.0, 2000.0):
        k1, k2 = wire_handles(dx)
        assert 0 <= k1 <= dx and 0 <= k2 <= dx
        assert abs(k1 + k2 - dx) < 1e-9  # both handles end at the same x: monotone
    ys = [input_port_offset(s, 2)[1] for s in range(2)]
    assert ys[0] < ys[1]
    assert input_port_offset(0, 1)[0] == 0.0 and block_size("op")[0] == BLOCK_WIDTH


def test_layout_is_deterministic() -> None:
    assert layered_layout(random_doc(3)) == layered_layout(random_doc(3))
