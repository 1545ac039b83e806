"""Stepping through a pass, and drawing it on the canvas.

``StepController`` owns a core ``Stepper`` for the document's current output and
moves it (next, previous, run to end, jump, play on a timer).  It is the only
place that knows the position; views follow its signals:

* ``positionChanged(old, new)`` after every move (the trace inserts or removes
  rows ``old..new``, the narration redraws);
* ``stepperReset()`` when a pass that had started is dropped (edit, mode,
  upstream, Reset);
* ``programChanged()`` once after a burst of document edits (coalesced by a
  zero-delay timer, so a paste of 1,000 blocks compiles once, not 1,000 times);
* ``message(str)`` for the status bar.

``OverlayPresenter`` paints the picture of a position on the canvas through the
scene's overlay API (``node_item(id).set_state/set_annotation/set_tooltip_text``,
``wire_item(src, dst, slot).set_label``, ``clear_overlays``).  The picture of a
position is a pure function of the stepper's records, so a step recomputes only
the nodes and wires that the step before and the step after touch, and compares
with what is on screen (a cache), calling the canvas only for what differs.
Stepping back therefore restores the earlier picture exactly.
"""

from __future__ import annotations

import bisect
import json
import time
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...core.engine import EvalError, Program, Stepper, compile_graph
from ...core.graph import Document, Event, GraphError, as_value, format_value
from ...core.steps import BackwardStep, Step, TangentStep
from ..app.i18n import translate_error

Value = Any
# Node states the canvas knows.
NORMAL, DIM, CURRENT, DONE, ERROR = "normal", "dim", "current", "done", "error"
# A jump of at most this many steps is drawn incrementally; longer ones recompute all.
INCREMENTAL_LIMIT = 48
# Document events that do not change the function (a moved block computes the same).
_HARMLESS_EVENTS = frozenset({"moved"})


def tr_narration(text: str) -> str:
    """Translate a narration template (context "Narration")."""
    return QCoreApplication.translate("Narration", text)


def is_showing(widget: QWidget) -> bool:
    """Visible on screen (a dock in a hidden tab is "visible" but shows nothing).

    The panels that follow the controller lazily (plots, code) work only then.
    """
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def full_text(value: Value) -> str:
    """A value written out in full (the tooltip): every digit, every element."""
    if value is None:
        return "—"
    if isinstance(value, np.ndarray) and value.ndim > 0:
        shape = "×".join(str(s) for s in value.shape)
        body = np.array2string(value, precision=10, max_line_width=90,
                               threshold=10_000 if value.size <= 10_000 else 100)
        return f"({shape})\n{body}"
    return repr(float(value))


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

    def snapshot(self) -> tuple[dict[int, Appearance], dict[WireKey, WireLook]]:
        """What is on screen (for tests and for checking back = undo)."""
        return dict(self.shown), dict(self.wires)


class StepView:
    """The picture of one stepper position, computed from the records.

    Indexes the records once (they only grow) so that the appearance of any node
    at any position costs a dictionary look-up and a bisection.
    """

    def __init__(self, stepper: Stepper, doc_nodes: list[int],
                 base: dict[int, Value] | None = None) -> None:
        self.stepper = stepper
        self.program: Program = stepper.program
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

    def grad_text(self, node: int) -> str | None:
        known, g = self.grad_of(node)
        if not known:
            return None
        label = self.program.labels[self.program.index[node]]
        if self.mode == "forward":
            wrt = self.stepper.records[0].wrt if self.stepper.records else "?"  # type: ignore[union-attr]
            return f"∂{label}/∂{wrt} = {_fmt(g)}"
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
                    return f"∂f/∂{label} = {' + '.join(_fmt(t) for t in terms)} → {_fmt(g)}"
        return f"∂f/∂{label} = {_fmt(g)}"

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
        elif not self.at_error and self.current is not None and self.current.node == node:
            state = CURRENT
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
                lines.append(f"∂{label}/∂{wrt} = {full_text(g)}")
            else:
                lines.append(f"∂f/∂{label} = {full_text(g)}")
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


class StepController(QObject):
    """Moves a ``Stepper`` over the document's current output and draws each step.

    ``mode`` is "reverse" (forward pass, then backward pass) or "forward" (one
    tangent pass for the input ``wrt``).  ``upstream`` is the gradient seeded at
    the output.  With ``accumulate`` on, input gradients add up across completed
    backward runs like PyTorch's ``.grad`` (``zero_grad`` clears them).
    """

    positionChanged = Signal(int, int)  # old, new
    stepperReset = Signal()
    programChanged = Signal()  # the function changed (once per burst of edits)
    message = Signal(str)
    playingChanged = Signal(bool)
    accumulatedChanged = Signal()
    settingsChanged = Signal()  # mode, input of forward mode, upstream or accumulate

    def __init__(self, document: Document, scene: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.presenter = OverlayPresenter(scene)
        self.mode = "reverse"
        self.wrt: str | None = None
        self.upstream: Value = 1.0
        self.upstream_text = "1"
        self.accumulate = False
        self.accumulated: dict[str, Value] = {}  # .grad of inputs by name
        self._counted = False  # this run's gradients were added to ``accumulated``
        self._program: Program | None = None
        self.problem: str | None = None  # why there is nothing to step
        self.generation = 0  # counts changes of the function (work started earlier is stale)
        self.view: StepView | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(0)
        self._changed.timeout.connect(self.programChanged.emit)
        self.speed = 5.0  # steps per second; 0 = as fast as drawing allows
        document.subscribe(self._on_event)

    # -- the document --------------------------------------------------------------
    @property
    def document(self) -> Document:
        return self._doc

    def set_document(self, document: Document) -> None:
        """Follow another document (the window opened a new one)."""
        if document is self._doc:
            return
        self._doc.unsubscribe(self._on_event)
        self._doc = document
        document.subscribe(self._on_event)
        self.invalidate()

    def set_scene(self, scene: Any) -> None:
        self.presenter.clear()
        self.presenter = OverlayPresenter(scene)
        self.invalidate()

    def detach(self) -> None:
        self.pause()
        self._doc.unsubscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if event.kind in _HARMLESS_EVENTS:
            return
        # Node ids in the cache may be gone; the scene may have rebuilt its items.
        self.invalidate()

    def invalidate(self) -> None:
        """The function changed: compile again when next asked, start over."""
        self._program = None
        self.problem = None
        self.generation += 1
        self.reset()
        self._changed.start()

    @property
    def program(self) -> Program | None:
        if self._program is None and self.problem is None:
            try:
                self._program = compile_graph(self._doc)
            except GraphError as exc:
                self.problem = translate_error(exc)
        return self._program

    # -- settings ------------------------------------------------------------------
    def set_mode(self, mode: str, wrt: str | None = None) -> None:
        if mode not in ("reverse", "forward"):
            raise ValueError(f"unknown mode {mode!r}")
        if mode == self.mode and wrt == self.wrt:
            return
        self.mode, self.wrt = mode, wrt
        self.reset()
        self.settingsChanged.emit()

    def set_upstream(self, text: str) -> str | None:
        """Take the upstream gradient from text; returns the reason it was refused.

        A number or a JSON array (``json.loads``, never eval) of the output's shape.
        On refusal the old value stays.
        """
        stripped = text.strip()
        try:
            parsed = json.loads(stripped)
            value = as_value(parsed)
        except json.JSONDecodeError:
            return self.tr("not a number or a JSON array such as [1, 2]")
        except ValueError as exc:
            return translate_error(exc)
        program = self.program
        if program is not None and np.ndim(value) > 0:
            try:
                out_shape = np.shape(program.evaluate())
            except (EvalError, ValueError):
                out_shape = None
            if out_shape is not None and np.shape(value) != out_shape:
                return self.tr("the output has shape {0}; this has shape {1}").format(
                    out_shape, np.shape(value))
        self.upstream, self.upstream_text = value, stripped
        self.reset()
        self.settingsChanged.emit()
        return None

    def set_accumulate(self, on: bool) -> None:
        self.accumulate = bool(on)
        if not on:
            self.zero_grad()
        self.reset()
        self.settingsChanged.emit()

    def zero_grad(self) -> None:
        """Forget the accumulated input gradients (PyTorch's ``zero_grad``)."""
        self.accumulated = {}
        self._counted = False
        self.accumulatedChanged.emit()
        if self.view is not None and self.view.base:
            self.reset()

    def upstream_problem(self) -> str | None:
        """Why the pass cannot start: an array upstream gradient that no longer has the
        output's shape (the function changed after it was set); None if it fits."""
        program = self.program
        if program is None or self.mode != "reverse" or np.ndim(self.upstream) == 0:
            return None
        try:
            out_shape = np.shape(program.evaluate())
        except (EvalError, ValueError):
            return None  # the forward pass will stop at the error and show it
        if np.shape(self.upstream) == out_shape:
            return None
        return self.tr("The upstream gradient has shape {0}, but the output has shape {1}"
                       ).format(np.shape(self.upstream), out_shape)

    def input_values_copy(self) -> dict[str, Value]:
        """The document's input values with arrays copied: safe to hand to a worker
        thread while the user goes on editing."""
        return {k: (v.copy() if isinstance(v, np.ndarray) else v)
                for k, v in self._doc.input_values().items()}

    def input_names(self) -> list[str]:
        """Inputs that the output reads (the choices for forward mode)."""
        program = self.program
        if program is None:
            return []
        return [n for n in program.input_names if n in program.input_index]

    def input_elements(self) -> int:
        """How many scalar inputs there are (forward mode needs one pass each)."""
        program = self.program
        if program is None:
            return 0
        total = 0
        for name in self.input_names():
            total += int(np.size(program.leaf_values[program.input_index[name]]))
        return total

    # -- the stepper -----------------------------------------------------------------
    @property
    def stepper(self) -> Stepper | None:
        return self.view.stepper if self.view is not None else None

    @property
    def position(self) -> int:
        return self.view.position if self.view is not None else 0

    @property
    def at_error(self) -> bool:
        return self.view.at_error if self.view is not None else False

    @property
    def done(self) -> bool:
        """At the end of the pass (or stopped at an error)."""
        v = self.view
        if v is None:
            return False
        if v.at_error:
            return True
        # An error found ahead is still a step to show.
        return (v.exhausted and v.stepper.error is None
                and v.position == len(v.stepper.records))

    def _ensure(self) -> StepView | None:
        if self.view is not None:
            return self.view
        program = self.program
        if program is None:
            self.message.emit(self.tr("Nothing to step: {0}").format(self.problem or ""))
            return None
        wrt = self.wrt
        if self.mode == "forward" and wrt not in program.input_index:
            names = self.input_names()
            if not names:
                self.message.emit(self.tr("Forward mode needs an input on the way to the output"))
                return None
            wrt = names[0]
        try:
            stepper = Stepper(program, mode=self.mode, upstream=self.upstream, wrt=wrt)
        except ValueError as exc:
            self.message.emit(translate_error(exc))
            return None
        base: dict[int, Value] = {}
        if self.accumulate and self.mode == "reverse":
            for name, g in self.accumulated.items():
                node = program.input_nodes.get(name)
                i = program.input_index.get(name)
                if node is not None and i is not None and \
                        np.shape(g) == np.shape(program.leaf_values[i]):
                    base[node] = g
        self.view = StepView(stepper, self._doc.nodes(), base)
        self._counted = False
        return self.view

    def _extend(self, view: StepView) -> bool:
        """Produce one more record without moving; False at the end or at an error.

        (A wrong upstream shape never gets here: ``Stepper`` refuses it when built.)
        """
        st = view.stepper
        if view.exhausted:
            return False
        st.position = len(st.records)
        rec = st.next()
        st.position = view.position
        view.sync()
        if rec is None:
            view.exhausted = True
            return False
        return True

    def _move(self, new: int, error: bool = False) -> None:
        """Go to position ``new`` (records must exist) and redraw what changed."""
        view = self.view
        assert view is not None
        old, old_err = view.position, view.at_error
        if new == old and error == old_err:
            return
        view.position, view.at_error = new, error
        view.stepper.position = new
        if not error and new == len(view.stepper.records):
            # Look one record ahead, so "done" (and an error ahead) is known now:
            # the buttons and the narration can say it is the last step.
            self._extend(view)
        self._draw(view, old, old_err)
        self._maybe_accumulate(view)
        self.positionChanged.emit(old, new)
        self._status(view)

    def _draw(self, view: StepView, old: int, old_err: bool) -> None:
        new = view.position
        if self.presenter.scene is None:
            return
        if old == 0 or new == 0 or abs(new - old) > INCREMENTAL_LIMIT:
            self.presenter.draw(view)
            return
        nodes: set[int] = set()
        wires: set[WireKey] = set()
        for k in range(min(old, new) - 1, max(old, new)):
            if k >= 0:
                n, w = view.touched(k)
                nodes |= n
                wires |= w
        if old_err or view.at_error:
            err = view.stepper.error
            if err is not None:
                nodes.add(err.node)
        if view.mode == "reverse" and view.base and (old > len(view.program)) != (
                new > len(view.program)):
            nodes |= set(view.base)  # accumulated .grad shows once the backward pass starts
        self.presenter.draw(view, nodes, wires)

    def _maybe_accumulate(self, view: StepView) -> None:
        if not self.accumulate or self.mode != "reverse" or self._counted:
            return
        st = view.stepper
        if st.done and view.position == len(st.records) and st.error is None:
            program = view.program
            for name in self.input_names():
                node = program.input_nodes[name]
                known, g = view.grad_of(node)
                if known:
                    self.accumulated[name] = g
            self._counted = True
            self.accumulatedChanged.emit()

    def _status(self, view: StepView) -> None:
        if view.at_error and view.stepper.error is not None:
            self.message.emit(self.tr("Stopped: {0}").format(translate_error(view.stepper.error)))
            return
        total = self.total_hint()
        self.message.emit(self.tr("Step {0} of {1}").format(view.position, total))

    def total_hint(self) -> int:
        """The number of steps of the whole pass (forward + backward)."""
        view = self.view
        program = self.program
        if program is None:
            return 0
        n = len(program)
        if self.mode == "forward":
            return n
        if view is not None and view.stepper.error is not None:
            return len(view.stepper.records)
        return n + program.backward_steps  # counted once, when the program was compiled

    def _extend_all(self, view: StepView) -> None:
        """Produce every remaining record in one go (Run to end)."""
        st = view.stepper
        if view.exhausted:
            return
        st.position = len(st.records)
        st.run_to_end()
        st.position = view.position
        view.sync()
        view.exhausted = True

    # -- moving ------------------------------------------------------------------
    def next(self) -> bool:
        """One step forward; False at the end (or at an error)."""
        view = self._ensure()
        if view is None or view.at_error:
            return False
        if view.position < len(view.stepper.records) or self._extend(view):
            self._move(view.position + 1)
            return True
        if view.stepper.error is not None:  # the next "step" is the error
            self._move(view.position, error=True)
            return True
        if self.done:
            self.message.emit(self.tr("The pass is complete"))
        return False

    def back(self) -> bool:
        """Undo one step; False at the start."""
        view = self.view
        if view is None:
            return False
        if view.at_error:
            self._move(view.position, error=False)
            return True
        if view.position == 0:
            return False
        self._move(view.position - 1)
        return True

    def go_to(self, position: int) -> None:
        """Jump to a position, producing records as needed (beyond the end: the end)."""
        view = self._ensure()
        if view is None:
            return
        position = max(0, position)
        while len(view.stepper.records) < position and self._extend(view):
            pass
        count = len(view.stepper.records)
        error = position > count and view.stepper.error is not None
        self._move(min(position, count), error=error)

    def advance(self, n: int) -> int:
        """Take ``n`` steps at once (drawn once); returns how many were taken."""
        view = self._ensure()
        if view is None or n <= 0:
            return 0
        start = view.position
        self.go_to(start + n)
        return self.position - start

    def run_to_end(self) -> None:
        """Compute every remaining record, then draw the final picture in one go."""
        view = self._ensure()
        if view is None:
            return
        self.pause()
        self._extend_all(view)
        self.go_to(len(view.stepper.records) + 1)
        if self.done and not view.at_error:
            self.message.emit(self.tr("The pass is complete"))

    def reset(self) -> None:
        """Back to the start with a fresh pass (settings and document as they are now)."""
        self.pause()
        view, self.view = self.view, None
        self.presenter.clear()
        self._counted = False
        if view is not None:  # nothing to tell when no pass had started
            self.stepperReset.emit()
            if view.position or view.at_error:
                self.message.emit(self.tr("Stepping reset"))

    # -- playing ------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second while playing; 0 means as fast as drawing allows."""
        self.speed = max(0.0, float(steps_per_second))
        if self.playing:
            self._timer.start(self._interval())

    def _interval(self) -> int:
        return 0 if self.speed <= 0 else max(1, int(round(1000 / self.speed)))

    def play(self) -> None:
        if self.playing:
            return
        if self.done:
            self.reset()
        self._timer.start(self._interval())
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playingChanged.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def _tick(self) -> None:
        view = self._ensure()
        if view is None:
            self.pause()
            return
        if self.speed > 0:
            if not self.next() or self.done:
                self.pause()
            return
        # Fastest: as many steps as fit in a frame, drawn once.
        start = time.perf_counter()
        target = view.position
        while time.perf_counter() - start < 0.012:
            if target < len(view.stepper.records) or self._extend(view):
                target += 1
            else:
                break
        if target > view.position:
            self.go_to(target)
        elif not self.next():
            self.pause()
        if self.done:
            self.pause()

