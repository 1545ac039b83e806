"""The working session: one document, its one current compiled program, and ``.grad``.

Views used to compile the document each on their own (eight places, on every
refresh); a ``Session`` compiles it once per change and hands the same
``Program`` to everyone until the document changes again.  It follows the
document through its public events and its ``revision`` counter, so a program
is never stale even for a caller that hears of a change before the session does.

Counters a view can compare to tell whether work it started is stale:

* ``generation`` grows with every change of the document (moving a block too);
* ``function_generation`` grows with every change that can change what the
  program computes (everything but moving a block): a result computed from the
  program is still current while it is unchanged;
* ``structure_generation`` grows only with changes of the function's shape:
  nodes, wires, names, the output (not values, not positions).

``.grad`` is PyTorch's: gradients of the inputs, added up across runs until
``zero_grad()``.  A gradient belongs to an input's name (a rename takes it along)
and shows while an input of that name and of the gradient's shape exists.  A
gradient is of one output: choosing another output or putting a new graph into the
document (typing a new expression) forgets ``.grad``, as the Run panel always did;
changing a value keeps it (the same function, as in PyTorch).

Pure Python (no Qt): the window wires it to its views.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .engine import Program, compile_graph
from .graph import Document, Event, GraphError, Text, _reason, as_value

Value = Any

# The English templates of this module's messages (translated in context "core").
MESSAGES: dict[str, str] = {
    "grad_no_input": "there is no input called {name!r}",
    "grad_value": "gradient of {name}: {reason}",
    "grad_shape": "the gradient of {name} has shape {got}, but {name} has shape {want}",
    "grad_overflow": "the accumulated gradient of {name} is not finite (overflow)",
}

# Events that cannot change the compiled program.
_LAYOUT_EVENTS = frozenset({"moved"})
# Events that change values but not the function's structure.
_VALUE_EVENTS = frozenset({"moved", "value_changed"})


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "core", **params)


class Session:
    """The document being worked on, its current compiled program and its ``.grad``.

    ``Session(document)`` subscribes to the document's events; ``close()``
    unsubscribes.  A session keeps the same ``Document`` object for its whole
    life (a new graph is put into it with ``Document.replace_with``).
    """

    def __init__(self, document: Document | None = None) -> None:
        self._doc = Document() if document is None else document
        self._generation = 0
        self._structure_generation = 0
        self._function_generation = 0
        self._seen_revision = self._doc.revision
        self._program: Program | None = None
        self._problem: GraphError | None = None
        self._compiled = False  # _program / _problem hold the current compile
        self._grads: dict[str, Value] = {}  # .grad by input name
        self._grads_for: int | None = None  # the output node they are gradients of
        self._forgotten_listeners: list[Callable[[], None]] = []
        self._closed = False
        self._doc.subscribe(self._on_event)

    # -- the document ----------------------------------------------------------
    @property
    def document(self) -> Document:
        """The document (the same object for the session's whole life)."""
        return self._doc

    def close(self) -> None:
        """Stop following the document (the session is not used afterwards)."""
        if not self._closed:
            self._closed = True
            self._doc.unsubscribe(self._on_event)

    @property
    def generation(self) -> int:
        """Grows by one with every change of the document (positions included)."""
        self._sync()
        return self._generation

    @property
    def function_generation(self) -> int:
        """Grows with every change that can change what the program computes
        (values included; not moving a block)."""
        self._sync()
        return self._function_generation

    @property
    def structure_generation(self) -> int:
        """Grows with changes of nodes, wires, names or the output; not values or positions."""
        self._sync()
        return self._structure_generation

    def _on_event(self, event: Event) -> None:
        # .grad follows every event, even one already counted by _sync.
        if event.kind == "renamed":
            self._rename_grad(event.data["old"], event.data["new"])
        if self._grads and event.kind not in _LAYOUT_EVENTS and (
                event.kind == "reset" or self._doc.output != self._grads_for):
            self.zero_grad()  # gradients of another function say nothing about this one
            for listener in list(self._forgotten_listeners):
                listener()
        if self._doc.revision == self._seen_revision:
            return  # already counted: a caller asked before this event reached us
        self._seen_revision = self._doc.revision
        self._generation += 1
        if event.kind not in _VALUE_EVENTS:
            self._structure_generation += 1
        if event.kind not in _LAYOUT_EVENTS:
            self._compiled = False
            self._function_generation += 1

    def _sync(self) -> None:
        """Catch up with changes no event told of yet (muted blocks, listener order)."""
        if self._doc.revision != self._seen_revision:
            self._seen_revision = self._doc.revision
            self._generation += 1
            self._structure_generation += 1
            self._function_generation += 1
            self._compiled = False

    # -- the compiled program --------------------------------------------------
    def program(self) -> Program:
        """The current compiled program, compiled at most once per change.

        Raises ``GraphError`` as ``compile_graph`` does (empty graph, a free
        argument slot); the same error again until the document changes.
        """
        self._sync()
        if not self._compiled:
            try:
                self._program, self._problem = compile_graph(self._doc), None
            except GraphError as exc:
                self._program, self._problem = None, exc
            self._compiled = True
        if self._problem is not None:
            raise self._problem
        assert self._program is not None
        return self._program

    def try_program(self) -> Program | None:
        """The current program, or None when the document does not compile (see ``problem``)."""
        try:
            return self.program()
        except GraphError:
            return None

    @property
    def problem(self) -> GraphError | None:
        """Why the document does not compile now (None if it does)."""
        self.try_program()
        return self._problem

    def total_steps(self, mode: str = "reverse") -> int:
        """Steps of a whole pass of the current program: forward, plus backward in
        reverse mode (0 when it does not compile).  A pass stopped by an error is shorter."""
        program = self.try_program()
        if program is None:
            return 0
        return len(program) + (program.backward_steps if mode == "reverse" else 0)

    # -- .grad -----------------------------------------------------------------
    @property
    def grads(self) -> dict[str, Value]:
        """The accumulated gradients of the inputs there are now, by name, in the
        document's order (a copy; arrays are copied too)."""
        self._sync()
        doc, found = self._doc, {}
        for name, node in doc.inputs().items():
            g = self._grads.get(name)
            if g is not None and np.shape(g) == np.shape(doc.value(node)):
                found[name] = _copy(g)
        return found

    def accumulate(self, grads: Mapping[str, Any]) -> dict[str, Value]:
        """Add gradients to ``.grad`` by input name, as ``loss.backward()`` does in PyTorch.

        Each gradient has the shape of its input's value.  Everything is checked
        before anything is added: ValueError (with a ``Text``) for an unknown
        input, a value that is not a number or array, a wrong shape, or a sum
        that overflows.  Returns the accumulated gradients (``grads``).
        """
        self._sync()
        inputs = self._doc.inputs()
        added: dict[str, Value] = {}
        for name, value in grads.items():
            node = inputs.get(name)
            if node is None:
                raise ValueError(_msg("grad_no_input", name=name))
            try:
                g = as_value(value)
            except ValueError as exc:
                raise ValueError(_msg("grad_value", name=name, reason=_reason(exc))) from None
            want = np.shape(self._doc.node(node)["value"])
            if np.shape(g) != want:
                raise ValueError(_msg("grad_shape", name=name, got=np.shape(g), want=want))
            before = added.get(name, self._grads.get(name))
            if before is not None and np.shape(before) != want:
                before = None  # left from an input of another shape: not this one's
            with np.errstate(over="ignore", invalid="ignore"):
                total = g if before is None else before + g
            if not np.all(np.isfinite(total)):
                raise ValueError(_msg("grad_overflow", name=name))
            added[name] = total
        self._grads.update(added)
        self._grads_for = self._doc.output
        return self.grads

    def on_grads_forgotten(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` whenever a document change makes the session forget
        ``.grad`` (a new graph, another output), so views showing it can follow."""
        self._forgotten_listeners.append(listener)

    def zero_grad(self) -> None:
        """Forget every accumulated gradient (PyTorch's ``zero_grad``)."""
        self._grads.clear()
        self._grads_for = None

    def backward(self, values: Mapping[str, Any] | None = None,
                 upstream: Any = 1.0) -> tuple[Value, dict[str, Value]]:
        """One reverse-mode run of the current program, added to ``.grad``.

        Returns the output's value and this run's own gradients (``grads`` holds
        the totals).  Raises GraphError, EvalError or ValueError as the program
        does; nothing is added then.
        """
        value, run = self.program().gradient(values, upstream)
        self.accumulate(run)
        return value, run

    def _rename_grad(self, old: str, new: str) -> None:
        """A renamed input takes its gradient along."""
        if old in self._grads:
            self._grads[new] = self._grads.pop(old)


def _copy(v: Value) -> Value:
    return v.copy() if isinstance(v, np.ndarray) else v

