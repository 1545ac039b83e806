"""Presentation mode's spacing: the graph's blocks spread apart as far as they grow.

In presentation mode the blocks grow with the canvas font scale ``k`` but keep their
places, so constants touched the blocks they feed and wire labels covered the
badges.  ``Spread.apply(k)`` moves every block to ``k`` times its distance from the
graph's top-left corner: the layered layout at the presentation scale, gaps and all.

The spread is a view of the graph, not an edit (choice written down for issue 15):
the positions are set on the document directly, outside the undo stack, so the
history, the modified marker and the title do not change; ``restore()`` puts every
block back where it was (a block the teacher dragged while presenting goes back to
the matching unscaled place).  A new graph while presenting (an example, a file) is
spread in turn (and put back at its own layout on leaving).  A file saved while
presenting gets the spread positions (the layout only, not the function).
"""

from __future__ import annotations

from ...core.graph import Document

Position = tuple[float, float]


class Spread:
    """Scales the block positions of one document about its top-left corner."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.factor = 1.0
        self._origin: Position = (0.0, 0.0)
        self._original: dict[int, Position] = {}  # before the spread
        self._placed: dict[int, Position] = {}  # what the spread set

    @property
    def active(self) -> bool:
        return bool(self._original)

    def _positions(self) -> dict[int, Position]:
        doc = self.document
        out: dict[int, Position] = {}
        for n in doc.nodes():
            pos = doc.node(n).get("pos")
            if pos is not None:
                out[n] = (float(pos[0]), float(pos[1]))
        return out

    def apply(self, factor: float) -> None:
        """Every block at ``factor`` times its unspread distance from the corner."""
        if not self._original:
            self._original = self._positions()
            if not self._original:
                return
            xs = [p[0] for p in self._original.values()]
            ys = [p[1] for p in self._original.values()]
            self._origin = (min(xs), min(ys))
        self.factor = factor
        ox, oy = self._origin
        doc = self.document
        for n, (x, y) in self._original.items():
            if n not in doc.nodes():
                continue
            current = self._placed.get(n)
            pos = doc.node(n).get("pos")
            if current is not None and pos is not None and tuple(pos) != current:
                continue  # moved by the teacher: where it was put
            new = (ox + (x - ox) * factor, oy + (y - oy) * factor)
            self._placed[n] = new
            if pos is None or tuple(pos) != new:
                doc.set_position(n, new)

    def is_current(self) -> bool:
        """The document shows exactly what the spread placed (a graph is told new twice,
        by its reset and by the window's documentReplaced: it is spread once)."""
        if not self._placed:
            return False
        doc = self.document
        nodes = set(doc.nodes())
        return nodes == set(self._placed) and all(
            tuple(doc.node(n).get("pos") or ()) == self._placed[n] for n in nodes)

    def forget(self) -> None:
        """A new graph replaced the spread one: nothing of it is to be put back."""
        self._original.clear()
        self._placed.clear()
        self.factor = 1.0

    def restore(self) -> None:
        """Every block back at its place before the spread."""
        doc = self.document
        ox, oy = self._origin
        nodes = set(doc.nodes())
        for n, original in self._original.items():
            if n not in nodes:
                continue
            placed = self._placed.get(n)
            pos = doc.node(n).get("pos")
            if pos is None:
                continue
            if placed is not None and tuple(pos) != placed and self.factor:
                # Dragged while presenting: the same place in the unspread layout.
                original = (ox + (pos[0] - ox) / self.factor, oy + (pos[1] - oy) / self.factor)
            if tuple(pos) != original:
                doc.set_position(n, original)
        self.forget()
