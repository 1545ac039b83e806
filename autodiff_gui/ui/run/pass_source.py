"""What pass to step through: the document's function, compiled, and the pass settings.

``PassSource`` is the first half of the ``StepController`` (``stepping.py``): it
follows the session's document (the session's one compiled program is the
function; ``programChanged`` tells once per burst of edits), says why there is
nothing to step, and holds the settings of the pass: reverse or forward mode (and
the input forward mode carries), the upstream gradient, and whether completed runs
add to the session's ``.grad`` (PyTorch-style accumulation).
Any change that makes the current pass meaningless calls ``reset()``, which the
controller defines.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ...core.engine import EvalError, Program
from ...core.graph import Document, Event, as_value
from ...core.session import Session
from ...core.values import element_names
from ..app.i18n import translate_error

Value = Any
# Document events that do not change the function (a moved block computes the same).
_HARMLESS_EVENTS = frozenset({"moved"})


def _tr(text: str) -> str:
    return QCoreApplication.translate("StepController", text)


class PassSource(QObject):
    """The document's current function and the settings of the pass over it.

    ``mode`` is "reverse" (forward pass, then backward pass) or "forward" (one
    tangent pass for the input ``wrt``).  ``upstream`` is the gradient seeded at
    the output.  With ``accumulate`` on, input gradients add up across completed
    backward runs like PyTorch's ``.grad`` (``zero_grad`` clears them).
    """

    programChanged = Signal()  # noqa: N815 (Qt naming): once per burst of edits
    message = Signal(str)
    accumulatedChanged = Signal()  # noqa: N815
    settingsChanged = Signal()  # noqa: N815 (mode, forward mode's input, upstream, accumulate)

    def __init__(self, session: Session | Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if isinstance(session, Document):
            # A controller of its own (tests, a window-less use): its own session.
            session = Session(session)
        self._session = session
        self._doc = document = session.document
        self.mode = "reverse"
        self.wrt: str | None = None
        self.upstream: Value = 1.0
        self.upstream_text = "1"
        self.accumulate = False
        self._counted = False  # this run's gradients were added to ``accumulated``
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(0)
        self._changed.timeout.connect(self.programChanged.emit)
        document.subscribe(self._on_event)
        # .grad of another function (a new graph, another output) says nothing about
        # this one: the session forgets it, and "Accumulated: x.grad = …" must go too.
        session.on_grads_forgotten(self._on_grads_forgotten)

    def reset(self) -> None:
        """Drop the pass that had started (the controller moves back to the start)."""
        raise NotImplementedError

    def _grads_forgotten(self) -> None:
        """``.grad`` was cleared: a pass drawn on top of it must start again."""

    # -- the document --------------------------------------------------------------
    @property
    def document(self) -> Document:
        return self._doc

    @property
    def session(self) -> Session:
        """The session whose compiled program and ``.grad`` this pass uses."""
        return self._session

    @property
    def generation(self) -> int:
        """The session's ``function_generation``: work started when it differed is stale."""
        return self._session.function_generation

    @property
    def accumulated(self) -> dict[str, Value]:
        """The session's ``.grad`` of the inputs, by name (a copy)."""
        return self._session.grads

    def _on_event(self, event: Event) -> None:
        if event.kind in _HARMLESS_EVENTS:
            return
        # Node ids in the cache may be gone; the scene may have rebuilt its items.
        self.invalidate()

    def invalidate(self) -> None:
        """The function changed: start over (the session compiles again when asked)."""
        self.reset()
        self._changed.start()

    @property
    def program(self) -> Program | None:
        """The session's current program (None when the document does not compile)."""
        return self._session.try_program()

    @property
    def problem(self) -> str | None:
        """Why there is nothing to step, in the current language (None if there is a
        program)."""
        problem = self._session.problem
        return translate_error(problem) if problem is not None else None

    # -- settings ------------------------------------------------------------------
    def set_mode(self, mode: str, wrt: str | None = None) -> None:
        if mode not in ("reverse", "forward"):
            raise ValueError(f"unknown mode {mode!r}")
        if mode == self.mode and wrt == self.wrt:
            return
        self.mode, self.wrt = mode, wrt
        self.reset()
        self.settingsChanged.emit()

    def upstream_refusal(self, text: str) -> tuple[Value, str | None]:
        """The value of an upstream gradient typed as ``text`` and why it would be refused
        (None if it would be taken), in the current language; changes nothing."""
        try:
            value = as_value(json.loads(text.strip()))
        except json.JSONDecodeError:
            return None, _tr("not a number or a JSON array such as [1, 2]")
        except ValueError as exc:
            return None, translate_error(exc)
        program = self.program
        if program is not None and np.ndim(value) > 0:
            try:
                out_shape = np.shape(program.evaluate())
            except (EvalError, ValueError):
                out_shape = None
            if out_shape is not None and np.shape(value) != out_shape:
                return value, _tr("the output has shape {0}; this has shape {1}").format(
                    out_shape, np.shape(value))
        return value, None

    def set_upstream(self, text: str) -> str | None:
        """Take the upstream gradient from text; returns the reason it was refused.

        A number or a JSON array (``json.loads``, never eval) of the output's shape.
        On refusal the old value stays.
        """
        value, reason = self.upstream_refusal(text)
        if reason is not None:
            return reason
        self.upstream, self.upstream_text = value, text.strip()
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
        self._session.zero_grad()
        self._on_grads_forgotten()

    def _on_grads_forgotten(self) -> None:
        self._counted = False
        self.accumulatedChanged.emit()
        self._grads_forgotten()

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
        return _tr("The upstream gradient has shape {0}, but the output has shape {1}"
                       ).format(np.shape(self.upstream), out_shape)

    def input_values_copy(self) -> dict[str, Value]:
        """The document's input values with arrays copied: safe to hand to a worker
        thread while the user goes on editing."""
        return {k: (v.copy() if isinstance(v, np.ndarray) else v)
                for k, v in self._doc.input_values().items()}

    def forward_targets(self) -> list[str]:
        """What forward mode can carry: each input (an array input as one directional
        pass, Σᵢ ∂f/∂wᵢ), then each element of a small array input (``w[0]``, …):
        one pass per element.  ``set_mode("forward", target)`` takes any of them."""
        program = self.program
        if program is None:
            return []
        targets = self.input_names()
        for name in list(targets):
            shape = np.shape(program.leaf_values[program.input_index[name]])
            targets += element_names(name, shape)
        return targets

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
