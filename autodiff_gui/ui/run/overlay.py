"""The picture of a stepping position, and drawing it on the canvas.

``StepView`` computes the picture of one position of a core ``Stepper`` from its
records (node states, value and gradient texts, tooltips, the active wires);
``OverlayPresenter`` paints it through the scene's overlay API
(``node_item(id).set_state/set_annotation/set_tooltip_text``,
``wire_item(src, dst, slot).set_label``, ``clear_overlays``).  The picture of a
position is a pure function of the records, so a step recomputes only the nodes
and wires that the step before and the step after touch, and compares with what is
on screen (a cache), calling the canvas only for what differs.  Stepping back
therefore restores the earlier picture exactly.
"""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np

from ...core.engine import Program, Stepper
from ...core.narration import Narration
from ...core.steps import BackwardStep, Step, TangentStep
from ...core.values import format_value, full_text
from ..app.i18n import translate_error

Value = Any
# Node states the canvas knows.
NORMAL, DIM, CURRENT, DONE, ERROR = "normal", "dim", "current", "done", "error"


def _fmt(value: Value) -> str:
    return format_value(value) if value is not None else "0"


def _add(a: Value | None, b: Value) -> Value:
    return b if a is None else a + b


Appearance = tuple[str, str | None, str | None, str | None]  # state, value, grad, tooltip
WireKey = tuple[int, int, int]
WireLook = tuple[str, str | None]  # wire state ("normal" or "active") and label


class OverlayPresenter:
    """Draws a stepper position on a ``GraphScene`` (the canvas overlay API).

    ``shown`` caches what the canvas currently shows for each node and wire, so a
    refresh costs canvas calls only where the picture actually changes.
    """

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.shown: dict[int, Appearance] = {}
        self.wires: dict[WireKey, WireLook] = {}
        self.active = False  # False: no overlays drawn (the canvas shows plain blocks)

    # -- canvas calls ------------------------------------------------------------
    def clear(self) -> None:
        """Remove every overlay (position 0, or the graph changed)."""
        if self.scene is not None and (self.active or self.shown or self.wires):
            self.scene.clear_overlays()
        self.shown.clear()
        self.wires.clear()
        self.active = False

    def _apply_node(self, node: int, look: Appearance) -> None:
        old = self.shown.get(node)
        if old == look:
            return
        self.shown[node] = look
        item = self.scene.node_item(node) if self.scene is not None else None
        if item is None:
            return
        state, value_text, grad_text, tip = look
        if old is None or old[0] != state:
            item.set_state(state)
        if old is None or old[1] != value_text or old[2] != grad_text:
            item.set_annotation(value_text, grad_text)
        if old is None or old[3] != tip:
            item.set_tooltip_text(tip)

    def _apply_wire(self, key: WireKey, look: WireLook | None) -> None:
        old = self.wires.get(key)
        if old == look:
            return
        if look is None:
            self.wires.pop(key, None)
        else:
            self.wires[key] = look
        item = self.scene.wire_item(*key) if self.scene is not None else None
        if item is None:
            return
        state, label = look if look is not None else ("normal", None)
        old_state, old_label = old if old is not None else ("normal", None)
        if state != old_state:
            item.set_state(state)
        if label != old_label:
            item.set_label(label)

    # -- drawing -----------------------------------------------------------------
    def draw(self, view: StepView, nodes: set[int] | None = None,
             wires: set[WireKey] | None = None) -> None:
        """Show ``view``'s position: everything (None) or only the given nodes/wires."""
        if view.position == 0 and not view.at_error:
            self.clear()
            return
        looks = view.wire_looks()
        if nodes is None or not self.active:
            self.active = True
            for node, look in view.all_appearances().items():
                self._apply_node(node, look)
            for key in [k for k in self.wires if k not in looks]:
                self._apply_wire(key, None)
            for key, wlook in looks.items():
                self._apply_wire(key, wlook)
            return
        for node in nodes:
            self._apply_node(node, view.appearance(node))
        for key in wires or ():
            self._apply_wire(key, looks.get(key))

    def redraw(self, view: StepView) -> None:
        """Draw ``view`` again in full, whatever the cache says (a new language)."""
        self.shown.clear()
        self.wires.clear()
        self.active = False
        self.draw(view)

    def snapshot(self) -> tuple[dict[int, Appearance], dict[WireKey, WireLook]]:
        """What is on screen (for tests and for checking back = undo)."""
        return dict(self.shown), dict(self.wires)


class StepView:
    """The picture of one stepper position, computed from the records.

    Indexes the records once (they only grow) so that the appearance of any node
    at any position costs a dictionary look-up and a bisection.
    """

    def __init__(self, stepper: Stepper, doc_nodes: list[int],
                 base: dict[int, Value] | None = None, upstream: Value = 1.0) -> None:
        self.stepper = stepper
        self.program: Program = stepper.program
        # the notation: f or L = v·f, how many contributions each gradient collects
        self.narration = Narration(self.program, stepper.records, upstream)
        self.mode = stepper.mode
        self.doc_nodes = doc_nodes
        self.base = base or {}  # accumulated .grad of inputs from earlier runs, by node
        self.position = 0
        self.at_error = False
        self.exhausted = False  # the record source has ended (complete or error)
        self._indexed = 0
        # node -> (record indexes, gradient after that record): running sums
        self._events: dict[int, tuple[list[int], list[Value]]] = {}

    # -- indexing -------------------------------------------------------------
    def sync(self) -> None:
        records = self.stepper.records
        for k in range(self._indexed, len(records)):
            r = records[k]
            if isinstance(r, BackwardStep):
                if r.node == self.program.output_node and r.node not in self._events:
                    self._add_event(r.node, k, r.dout)
                for c in r.contributions:
                    self._add_event(c.source, k, c.after)
        self._indexed = len(records)

    def _add_event(self, node: int, k: int, value: Value) -> None:
        ks, vs = self._events.setdefault(node, ([], []))
        if ks and ks[-1] == k:
            vs[-1] = value  # two slots of one step feed the same node (x·x)
        else:
            ks.append(k)
            vs.append(value)

    # -- the picture ------------------------------------------------------------
    @property
    def current(self) -> Step | None:
        p = self.position
        return self.stepper.records[p - 1] if p else None

    def error_node(self) -> int | None:
        err = self.stepper.error
        return err.node if self.at_error and err is not None else None

    def value_of(self, node: int) -> tuple[bool, Value]:
        i = self.program.index.get(node)
        if i is None or i >= self.position:
            return False, None
        return True, self.stepper.records[i].value

    def grad_of(self, node: int, position: int | None = None) -> tuple[bool, Value]:
        """The gradient (reverse) or tangent (forward mode) known at a position."""
        p = self.position if position is None else position
        if self.mode == "forward":
            i = self.program.index.get(node)
            if i is None or i >= p:
                return False, None
            t = self.stepper.records[i].tangent  # type: ignore[union-attr]
            return True, t
        ev = self._events.get(node)
        base = self.base.get(node)
        if ev is None:
            return (base is not None and p > len(self.program)), base
        k = bisect.bisect_left(ev[0], p)  # events at records < p
        if k == 0:
            return (base is not None and p > len(self.program)), base
        g = ev[1][k - 1]
        return True, g if base is None else base + g

    def _complete(self, node: int) -> bool:
        """Whether every contribution to ``node``'s gradient has arrived."""
        ev = self._events.get(node)
        arrived = bisect.bisect_left(ev[0], self.position) if ev else 0
        return arrived >= self.narration.consumers(node)

    def grad_text(self, node: int) -> str | None:
        known, g = self.grad_of(node)
        if not known:
            return None
        i = self.program.index[node]
        label = self.program.labels[i]
        if self.mode == "forward":
            if self.program.kinds[i] == "const":
                return None  # "∂3/∂x = 0" says nothing a constant's block doesn't
            wrt = self.stepper.records[0].wrt if self.stepper.records else "?"  # type: ignore[union-attr]
            return f"{self.narration.tangent_symbol(label, wrt)} = {_fmt(g)}"
        letter = self.narration.letter()
        # "+ …": more contributions are still to come, this is not the gradient yet
        more = "" if self._complete(node) else " + …"
        cur = self.current
        if isinstance(cur, BackwardStep):
            into = [c for c in cur.contributions if c.source == node]
            if into:
                terms: list[Value] = []
                base = self.base.get(node)
                before = into[0].before
                if before is not None or base is not None:
                    terms.append(_add(base, before) if before is not None else base)
                terms += [c.amount for c in into]
                if len(terms) > 1:
                    return (f"∂{letter}/∂{label} = {' + '.join(_fmt(t) for t in terms)} → "
                            f"{_fmt(g)}{more}")
        return f"∂{letter}/∂{label} = {_fmt(g)}{more}"

    def appearance(self, node: int) -> Appearance:
        i = self.program.index.get(node)
        if i is None:  # not on the way to the output
            return DIM, None, None, None
        label = self.program.labels[i]
        err = self.error_node()
        has_value, value = self.value_of(node)
        kind = self.program.kinds[i]
        # A constant's block already shows its value: no annotation needed.
        # "a = 1": the letters the narration and the trace use, on the blocks too.
        value_text = f"{label} = {_fmt(value)}" if has_value and kind != "const" else None
        grad_text = self.grad_text(node) if has_value or self.mode == "reverse" else None
        if node == err:
            state = ERROR
        elif not self.at_error and self.current is not None \
                and self.program.origin.get(self.current.node, (self.current.node,))[0] == node:
            state = CURRENT  # a composite block is current while a step inside it runs
        elif has_value:
            state = DONE
        else:
            state = DIM
        tip = self.tooltip(node, label, has_value, value)
        return state, value_text, grad_text, tip

    def tooltip(self, node: int, label: str, has_value: bool, value: Value) -> str | None:
        """Full values (every digit, every element); None keeps the block's own tooltip."""
        lines = []
        err = self.stepper.error
        if self.at_error and err is not None and err.node == node:
            lines.append(translate_error(err))
        if has_value:
            lines.append(f"{label} = {full_text(value)}")
        known, g = self.grad_of(node)
        if known:
            if self.mode == "forward":
                wrt = self.stepper.records[0].wrt  # type: ignore[union-attr]
                lines.append(f"{self.narration.tangent_symbol(label, wrt)} = {full_text(g)}")
            else:
                lines.append(f"∂{self.narration.letter()}/∂{label} = {full_text(g)}")
        return "\n".join(lines) or None

    def all_appearances(self) -> dict[int, Appearance]:
        return {n: self.appearance(n) for n in self.doc_nodes}

    def wire_looks(self) -> dict[WireKey, WireLook]:
        """The wires of the current step: active, with the contribution they carry."""
        cur = self.current
        if cur is None or self.at_error:
            return {}
        looks: dict[WireKey, WireLook] = {}
        if isinstance(cur, BackwardStep):
            for c in cur.contributions:
                if c.local is not None and np.ndim(c.amount) == 0 and np.ndim(cur.dout) == 0:
                    text = f"{_fmt(cur.dout)} × {_fmt(c.local)} = {_fmt(c.amount)}"
                else:
                    text = _fmt(c.amount)
                looks[(c.source, cur.node, c.slot)] = ("active", text)
            return looks
        if cur.op is None:
            return looks
        args = self.program.args[self.program.index[cur.node]]
        for slot, j in enumerate(args):
            key = (self.program.nodes[j], cur.node, slot)
            label = None
            if isinstance(cur, TangentStep) and cur.arg_tangents[slot] is not None:
                loc, t = cur.locals[slot], cur.arg_tangents[slot]
                label = (f"{_fmt(loc)} · {_fmt(t)}" if loc is not None and np.ndim(loc) == 0
                         and np.ndim(t) == 0 else _fmt(t))
            looks[key] = ("active", label)  # the values this step reads
        return looks

    def touched(self, record_index: int) -> tuple[set[int], set[WireKey]]:
        """Nodes and wires whose picture the record at ``record_index`` affects."""
        r = self.stepper.records[record_index]
        nodes = {r.node}
        if r.node in self.program.origin:  # a step inside a composite block: the block
            nodes.add(self.program.origin[r.node][0])
        wires: set[WireKey] = set()
        if isinstance(r, BackwardStep):
            for c in r.contributions:
                nodes.add(c.source)
                wires.add((c.source, r.node, c.slot))
        elif r.op is not None:
            args = self.program.args[self.program.index[r.node]]
            for slot, j in enumerate(args):
                wires.add((self.program.nodes[j], r.node, slot))
        return nodes, wires
