"""Automatic layout of a graph document, left to right (pure Python, no Qt).

A Sugiyama-style layered layout:

1. layers by longest path from the sources: inputs in the first column, every op one
   column right of its deepest argument, and each constant one column left of its
   first user (a constant reads best right next to the block it feeds);
2. wires that span several columns get invisible "dummy" points, one per column
   crossed, so the ordering below can route them between blocks;
3. crossing reduction: barycentre sweeps down and up, ports ordered by slot (the
   source of slot 0 goes above the source of slot 1), keeping the best ordering
   found; then an exact pass tries every order of the small columns;
4. y: each column keeps its order and spacing, and every block moves towards
   the ports it is wired to (alternating sweeps of a weighted isotonic fit), so
   wires run as level as the spacing allows; the drawing is centred on y = 0.

Everything is iterative (no recursion): a 10,000-node chain lays out fine.

The block geometry lives here too (``block_size``, port offsets) so
that ``count_crossings`` measures the wires the canvas really draws: straight
segments from a block's output port to the target's input slot.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from ..core.graph import Document

# Block geometry, shared with the canvas.  A position is a block's top-left corner;
# a block is a header (title) over a body, and the ports sit on the body's sides.
BLOCK_WIDTH = 144.0
BLOCK_HEIGHT = 84.0
BLOCK_HEADER = 28.0
BLOCK_BODY = BLOCK_HEIGHT - BLOCK_HEADER
# A constant is a small tag showing its value, right-aligned in its column.
CONST_WIDTH = 72.0
CONST_HEIGHT = 40.0
CONST_GAP = 24.0  # a constant sits this far left of the block it feeds

Point = tuple[float, float]


def _port_y(fraction: float) -> float:
    return BLOCK_HEADER + BLOCK_BODY * fraction


def block_size(kind: str) -> Point:
    """(width, height) of the block of a node of ``kind`` (input, const, op)."""
    return (CONST_WIDTH, CONST_HEIGHT) if kind == "const" else (BLOCK_WIDTH, BLOCK_HEIGHT)


def output_port_offset(kind: str = "op") -> Point:
    """Where the output port sits, relative to a block's top-left corner."""
    if kind == "const":
        return (CONST_WIDTH, CONST_HEIGHT / 2)
    return (BLOCK_WIDTH, _port_y(0.5))


def slot_fraction(slot: int, arity: int) -> float:
    """Height of input ``slot`` in the body, 0 (top) to 1 (bottom); slots spread wide
    so a constant tag beside one slot leaves room for the wire into the next."""
    return 0.5 if arity <= 1 else 0.2 + 0.6 * slot / (arity - 1)


def input_port_offset(slot: int, arity: int) -> Point:
    """Where input ``slot`` of a block with ``arity`` slots sits (top to bottom)."""
    return (0.0, _port_y(slot_fraction(slot, arity)))


def wire_handles(dx: float) -> Point:
    """Handle lengths (leaving, arriving) of the cubic wire spanning ``dx`` to the right.

    A wire bends soon after it leaves and arrives level over most of its length, so it
    runs at the height of its slot past a constant tag beside the neighbouring slot.
    Both handles end at the same x (k1 + k2 = dx), which keeps x monotone.
    """
    k1 = min(dx, max(0.15 * dx, 24.0))
    return (k1, dx - k1)


# Dummy points are thinner than blocks: a wire needs less room than a block.
_DUMMY_SHARE = 0.35
# Beyond this many dummy points (huge graphs with long wires) we order without them.
_DUMMY_BUDGET_MIN = 4000


def assign_layers(doc: Document) -> dict[int, int]:
    """The column of every node (0 = leftmost)."""
    attrs, args = doc.node_table(), doc.argument_table()
    layer: dict[int, int] = {}
    order = doc.dependency_order()  # no recursion
    for n in order:
        kind = attrs[n]["kind"]
        preds = [p for p in args[n] if p is not None]
        if kind == "input":
            layer[n] = 0
        elif not preds:
            layer[n] = 1  # provisional: a constant sits at least one column in
        else:
            layer[n] = 1 + max(layer[p] for p in preds)
    # Pull every non-input source right, next to its first user (the users' columns,
    # gathered in one pass over the argument table).
    first_user: dict[int, int] = {}
    for n, sources in args.items():
        for p in sources:
            if p is not None and (p not in first_user or layer[n] < first_user[p]):
                first_user[p] = layer[n]
    for n in order:
        if attrs[n]["kind"] != "input" and all(p is None for p in args[n]):
            layer[n] = first_user[n] - 1 if n in first_user else 0
    if layer:
        low = min(layer.values())
        if low:
            for n in layer:
                layer[n] -= low
    return layer


class _Layered:
    """The proper layered graph: real nodes plus dummy points, as index lists."""

    def __init__(self, doc: Document, layer: dict[int, int], use_dummies: bool) -> None:
        self.nodes: list[int | None] = []  # element -> document node (None for a dummy)
        self.layer_of: list[int] = []
        self.kinds: list[str | None] = []  # None for a dummy
        index: dict[int, int] = {}
        for n, d in doc.node_table().items():  # the document's creation order
            index[n] = len(self.nodes)
            self.nodes.append(n)
            self.layer_of.append(layer[n])
            self.kinds.append(d["kind"])
        # Edges as (from element, to element, port offset at the target in (-0.5, 0.5)).
        self.preds: list[list[tuple[int, float]]] = [[] for _ in self.nodes]
        self.succs: list[list[tuple[int, float]]] = [[] for _ in self.nodes]
        # dummy -> (source element, target element, target port offset) of its wire
        self.chain: dict[int, tuple[int, int, float]] = {}
        for u, v, slot in doc.edges():
            arity = max(1, doc.arity(v))
            port = slot_fraction(slot, arity) - 0.5
            a, b = index[u], index[v]
            if use_dummies:
                for lay in range(layer[u] + 1, layer[v]):
                    d = len(self.nodes)
                    self.nodes.append(None)
                    self.kinds.append(None)
                    self.layer_of.append(lay)
                    self.preds.append([(a, 0.0)])
                    self.succs.append([])
                    self.succs[a].append((d, 0.0))
                    self.chain[d] = (index[u], b, port)
                    a = d
            self.succs[a].append((b, port))
            self.preds[b].append((a, port))
        depth = max(self.layer_of, default=-1) + 1
        self.layers: list[list[int]] = [[] for _ in range(depth)]
        for e, lay in enumerate(self.layer_of):
            self.layers[lay].append(e)
        self.proper = use_dummies
        self.coord = [0.0] * len(self.nodes)
        self._set_coords()

    def _set_coords(self, layers: list[int] | None = None) -> None:
        """Coordinate of an element: its index in its column, centred on 0."""
        for lay in range(len(self.layers)) if layers is None else layers:
            row = self.layers[lay]
            mid = (len(row) - 1) / 2
            for i, e in enumerate(row):
                self.coord[e] = i - mid

    def _sort_layer(self, lay: int, neighbours: list[list[tuple[int, float]]],
                    downward: bool) -> None:
        row = self.layers[lay]
        coord = self.coord
        keys = []
        for i, e in enumerate(row):
            nb = neighbours[e]
            if nb:
                if downward:  # our port offsets order *our* slots: not a key for us
                    key = sum(coord[o] for o, _p in nb) / len(nb)
                else:  # the user's slot order puts the slot-0 source above
                    key = sum(coord[o] + p for o, p in nb) / len(nb)
            else:
                key = coord[e]
            keys.append((key, i, e))
        keys.sort()
        self.layers[lay] = [e for _k, _i, e in keys]
        self._set_coords([lay])

    def sweep_down(self) -> None:
        for lay in range(1, len(self.layers)):
            self._sort_layer(lay, self.preds, True)

    def sweep_up(self) -> None:
        for lay in range(len(self.layers) - 2, -1, -1):
            self._sort_layer(lay, self.succs, False)

    def crossings_between(self, lay: int) -> int:
        """Crossings between column ``lay`` and the next (proper graph only)."""
        if lay + 1 >= len(self.layers):
            return 0
        pos = {e: i for i, e in enumerate(self.layers[lay + 1])}
        edges = []
        for i, e in enumerate(self.layers[lay]):
            for o, p in self.succs[e]:
                if o in pos:
                    edges.append((i, pos[o] + p))
        edges.sort()
        return _inversions([b for _a, b in edges])

    def crossings(self) -> int:
        return sum(self.crossings_between(lay) for lay in range(len(self.layers) - 1))

    def exact_small_layers(self, limit: int = 6) -> None:
        """Try every order of each small column; keep the one with fewest crossings."""
        for lay, row in enumerate(self.layers):
            if not 2 <= len(row) <= limit:
                continue
            best = row
            best_c = self.crossings_between(lay - 1) if lay else 0
            best_c += self.crossings_between(lay)
            for perm in itertools.permutations(row):
                self.layers[lay] = list(perm)
                c = (self.crossings_between(lay - 1) if lay else 0) + self.crossings_between(lay)
                if c < best_c:
                    best, best_c = list(perm), c
            self.layers[lay] = best
            self._set_coords([lay])

    def snapshot(self) -> list[list[int]]:
        return [list(row) for row in self.layers]

    def restore(self, layers: list[list[int]]) -> None:
        self.layers = [list(row) for row in layers]
        self._set_coords()


def _inversions(seq: list[float]) -> int:
    """Pairs i < j with seq[i] > seq[j] (a Fenwick tree over the ranks)."""
    if len(seq) < 2:
        return 0
    ranks = {v: i + 1 for i, v in enumerate(sorted(set(seq)))}
    size = len(ranks)
    tree = [0] * (size + 1)
    count = 0
    seen = 0
    for v in seq:
        r = ranks[v]
        # how many seen so far are <= r
        i, le = r, 0
        while i > 0:
            le += tree[i]
            i -= i & -i
        count += seen - le
        i = r
        while i <= size:
            tree[i] += 1
            i += i & -i
        seen += 1
    return count


# Columns leave room between blocks for a wire's contribution label ("0.6931 × 2 = 1.3863").
COLUMN_SPACING = 270.0


def layered_layout(doc: Document, *, dx: float = COLUMN_SPACING,
                   dy: float = 110.0) -> dict[int, tuple[float, float]]:
    """Top-left positions for every node: columns left to right, few crossing wires."""
    if len(doc) == 0:
        return {}
    layer = assign_layers(doc)
    dummies = sum(max(0, layer[v] - layer[u] - 1) for u, v, _slot in doc.edges())
    use_dummies = dummies <= max(_DUMMY_BUDGET_MIN, 4 * len(doc))
    lg = _Layered(doc, layer, use_dummies)

    size = len(lg.nodes)
    rounds = 8 if size <= 2000 else 4 if size <= 20000 else 2
    best = lg.snapshot()
    best_c = lg.crossings() if lg.proper else 0
    for _ in range(rounds):
        lg.sweep_down()
        lg.sweep_up()
        if lg.proper:
            c = lg.crossings()
            if c < best_c:
                best, best_c = lg.snapshot(), c
            if best_c == 0:
                break
        else:
            best = lg.snapshot()
    lg.restore(best)
    if lg.proper and size <= 600 and best_c:
        lg.exact_small_layers()

    return _place(lg, dx, dy)


def _pav(targets: list[float], weights: list[float]) -> list[float]:
    """The nondecreasing sequence nearest to ``targets`` (weighted least squares)."""
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for t, w in zip(targets, weights):
        blocks.append([t * w, w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w2, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w2
            blocks[-1][2] += c
    out: list[float] = []
    for s, w, c in blocks:
        out.extend([s / w] * int(c))
    return out


def _curve_height(x0: float, x1: float, x: float) -> float:
    """How far (0..1) from its start height a wire from x0 to x1 is at ``x``."""
    span = max(x1 - x0, 1e-9)
    fx = min(1.0, max(0.0, (x - x0) / span))
    r1 = wire_handles(span)[0] / span
    lo, hi = 0.0, 1.0
    for _ in range(30):  # x(t) = 3·k1·t(1 − t) + dx·t³ grows monotonically
        t = (lo + hi) / 2
        if 3 * r1 * t * (1 - t) + t ** 3 < fx:
            lo = t
        else:
            hi = t
    t = (lo + hi) / 2
    return 3 * t * t - 2 * t ** 3


def _column_x(lay: int, kind: str, dx: float) -> float:
    """Left edge of a block: columns every dx; a constant hugs the next column."""
    if kind == "const":
        return (lay + 1) * dx - CONST_GAP - CONST_WIDTH
    return lay * dx


def _place(lg: _Layered, dx: float, dy: float) -> dict[int, Point]:
    """y coordinates: keep the column order and the spacing, and make wires as level as
    the spacing allows (each block moves towards the ports it is wired to; a dummy
    point sits where its drawn wire crosses the column, so blocks make room for it)."""
    nodes, kinds = lg.nodes, lg.kinds
    gap = max(10.0, dy - BLOCK_HEIGHT)
    height = [block_size(k)[1] if k is not None else 0.0 for k in kinds]
    half = [(h + gap) / 2 if k is not None else dy * _DUMMY_SHARE / 2
            for h, k in zip(height, kinds)]
    # Port heights relative to an element's centre.
    out_rel = [output_port_offset(k)[1] - h / 2 if k is not None else 0.0
               for h, k in zip(height, kinds)]
    in_base = -BLOCK_HEIGHT / 2

    def in_rel(e: int, port: float) -> float:
        # port is (slot + 1) / (arity + 1) - 0.5 for real targets, 0 for dummies
        return _port_y(port + 0.5) + in_base if nodes[e] is not None else 0.0

    chain = lg.chain
    y = [0.0] * len(nodes)
    for row in lg.layers:  # start from each column stacked and centred
        pos = 0.0
        for i, e in enumerate(row):
            if i:
                pos += half[row[i - 1]] + half[e]
            y[e] = pos
        shift = pos / 2
        for e in row:
            y[e] -= shift

    passes = 8 if len(nodes) <= 5000 else 4
    order = list(range(len(lg.layers)))
    for k in range(passes):
        for lay in order if k % 2 == 0 else reversed(order):
            row = lg.layers[lay]
            if not row:
                continue
            targets, weights = [], []
            acc = 0.0
            for i, e in enumerate(row):
                if i:
                    acc += half[row[i - 1]] + half[e]
                if e in chain:  # a dummy sits where the drawn wire crosses its column
                    a, b, port = chain[e]
                    y0 = y[a] + out_rel[a]
                    y1 = y[b] + in_rel(b, port)
                    ka, kb = kinds[a], kinds[b]
                    x0 = _column_x(lg.layer_of[a], ka, dx) + block_size(ka)[0]  # type: ignore
                    x1 = _column_x(lg.layer_of[b], kb, dx)  # type: ignore[arg-type]
                    mid = lg.layer_of[e] * dx + (BLOCK_WIDTH + dx - CONST_GAP) / 2
                    target = y0 + (y1 - y0) * _curve_height(x0, x1, mid)
                    weight = 2.0
                else:
                    want, count = 0.0, 0
                    for o, port in lg.preds[e]:  # wire o -> e arrives at e's port
                        want += y[o] + out_rel[o] - in_rel(e, port)
                        count += 1
                    for o, port in lg.succs[e]:  # wire e -> o leaves e's output port
                        want += y[o] + in_rel(o, port) - out_rel[e]
                        count += 1
                    target = want / count if count else y[e]
                    weight = 1.0
                targets.append(target - acc)
                weights.append(weight)
            z = _pav(targets, weights)
            acc = 0.0
            for i, e in enumerate(row):
                if i:
                    acc += half[row[i - 1]] + half[e]
                y[e] = z[i] + acc

    real = [y[e] for e, n in enumerate(nodes) if n is not None]
    mid = (min(real) + max(real)) / 2 if real else 0.0
    positions: dict[int, Point] = {}
    for e, n in enumerate(nodes):
        if n is not None:
            x = _column_x(lg.layer_of[e], kinds[e], dx)  # type: ignore[arg-type]
            positions[n] = (x, round(y[e] - mid - height[e] / 2, 1))
    return positions


def missing_positions(doc: Document, *, dx: float = COLUMN_SPACING,
                      dy: float = 110.0) -> dict[int, tuple[float, float]]:
    """Positions for the nodes that have none (for a loaded or parsed document).

    If no node has a position, this is the whole layered layout.  Otherwise the
    layout of the whole graph is used for the missing ones, moved below the blocks
    that have positions, so nothing lands on top of a placed block.
    """
    attrs = doc.node_table()
    missing = [n for n, d in attrs.items() if d.get("pos") is None]
    if not missing:
        return {}
    layout = layered_layout(doc, dx=dx, dy=dy)
    if len(missing) == len(doc):
        return layout
    gone = set(missing)
    placed = [d["pos"] for n, d in attrs.items() if n not in gone]
    left = min(p[0] for p in placed)
    bottom = max(p[1] for p in placed) + BLOCK_HEIGHT + dy / 2
    mx = min(layout[n][0] for n in missing)
    my = min(layout[n][1] for n in missing)
    return {n: (layout[n][0] - mx + left, layout[n][1] - my + bottom) for n in missing}


def wire_segments(doc: Document, positions: Mapping[int, Point]
                  ) -> list[tuple[Point, Point, int]]:
    """Every wire as (output port, input port, source node), straight."""
    segs = []
    for u, v, slot in doc.edges():
        pu, pv = positions[u], positions[v]
        ox, oy = output_port_offset(doc.kind(u))
        ix, iy = input_port_offset(slot, max(1, doc.arity(v)))
        segs.append(((pu[0] + ox, pu[1] + oy), (pv[0] + ix, pv[1] + iy), u))
    return segs


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    return ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4))


def count_crossings(doc: Document, positions: Mapping[int, Point]) -> int:
    """How many pairs of wires cross, drawing wires as straight segments.

    Wires leaving the same output port touch there and do not count.
    """
    segs = wire_segments(doc, positions)
    boxes = []
    for p1, p2, src in segs:
        boxes.append((min(p1[0], p2[0]), max(p1[0], p2[0]), min(p1[1], p2[1]),
                      max(p1[1], p2[1]), p1, p2, src))
    boxes.sort(key=lambda b: b[0])
    count = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] > a[1]:  # sorted by left edge: nothing further overlaps in x
                break
            if a[6] == b[6] or b[3] < a[2] or b[2] > a[3]:
                continue
            if _cross(a[4], a[5], b[4], b[5]):
                count += 1
    return count
