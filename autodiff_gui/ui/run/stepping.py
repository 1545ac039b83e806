"""Stepping through a pass.

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

The picture of a position is drawn on the canvas by ``overlay.OverlayPresenter``
from an ``overlay.StepView``.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...core.engine import Stepper
from ...core.graph import Document
from ...core.session import Session
from ...core.values import element_seed, split_element
from ..app.i18n import translate_error
from .overlay import OverlayPresenter, StepView, WireKey
from .pass_source import PassSource
from .playback import Playback

Value = Any
# A jump of at most this many steps is drawn incrementally; longer ones recompute all.
INCREMENTAL_LIMIT = 48


def tr_narration(text: str) -> str:
    """Translate a narration template (context "Narration")."""
    return QCoreApplication.translate("Narration", text)


def is_showing(widget: QWidget) -> bool:
    """Visible on screen (a dock in a hidden tab is "visible" but shows nothing).

    The panels that follow the controller lazily (plots, code) work only then.
    """
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class ShownLater:
    """Mixin (listed before the QWidget base) of a panel whose work waits until it is in
    view: ``mark_stale`` starts its ``_timer`` now if it is showing, else ``showEvent``
    calls ``activate`` once the event loop has settled (a tabbed dock may be shown for a
    moment while the window lays itself out)."""

    _stale: bool
    _timer: QTimer

    def mark_stale(self) -> None:
        """The panel's content no longer fits the graph: redo it now if seen, else later."""
        self._stale = True
        if is_showing(self):  # the panel is a QWidget
            self._timer.start()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # QWidget's, next in the MRO
        QTimer.singleShot(0, self, self.activate)  # dropped if the panel is gone

    def activate(self) -> None:
        """Called when the panel comes into view."""
        raise NotImplementedError


class StepGate(Protocol):
    """Holds a pass before a step (predict mode asks before showing it): set as
    ``StepController.gate``."""

    def limit(self, view: StepView, target: int) -> int:
        """The furthest position from ``view.position`` up to ``target`` the pass may
        move to now (``target`` when nothing holds it)."""
        ...

    def held(self) -> None:
        """A move forward stopped at the limit (playing is paused already)."""
        ...


class StepController(PassSource):
    """Moves a ``Stepper`` over the document's current output and draws each step.

    What to step through (the compiled function, mode, upstream gradient, ``.grad``)
    is the ``PassSource`` part; this part knows the position.
    """

    positionChanged = Signal(int, int)  # noqa: N815 (Qt naming): old, new
    stepperReset = Signal()  # noqa: N815
    playingChanged = Signal(bool)  # noqa: N815

    def __init__(self, session: Session | Document, scene: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.view: StepView | None = None
        self.presenter = OverlayPresenter(scene)
        self.playback = Playback(self)
        self.gate: StepGate | None = None  # predict mode: no step past an open question
        # Composite blocks stepped as one: record -> its block (None: a step of its own);
        # consecutive records of one block are one step (ui/editing/blocks.py sets it).
        self.step_group: Any = None

    def _grads_forgotten(self) -> None:
        if self.view is not None and self.view.base:
            self.reset()

    def retranslate(self) -> None:
        """Draw the canvas overlay again (its tooltips hold translated error text) and say
        where the pass stands in the new language."""
        if self.view is not None:
            self.presenter.redraw(self.view)
            if self.view.position or self.view.at_error:
                self._status(self.view)

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
        # "w[1]": a forward-mode pass for one element of w (its seed is one-hot)
        wrt, element = split_element(self.wrt) if self.wrt else (None, None)
        seed: Value = 1.0
        if self.mode == "forward" and wrt not in program.input_index:
            names = self.input_names()
            if not names:
                self.message.emit(self.tr("Forward mode needs an input on the way to the output"))
                return None
            wrt, element = names[0], None
        if self.mode == "forward" and element is not None:
            try:
                seed = element_seed(np.shape(program.leaf_values[program.input_index[wrt]]),
                                    element)
            except IndexError:
                seed = 1.0  # the input shrank: carry the whole input, said as such
        try:
            stepper = Stepper(program, mode=self.mode, upstream=self.upstream, wrt=wrt,
                              seed=seed)
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
        self.view = StepView(stepper, self._doc.nodes(), base, self.upstream)
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
            # This run's own gradients (the view draws them on top of the earlier .grad).
            run = view.stepper.gradients()
            own = {name: run[program.input_nodes[name]] for name in self.input_names()
                   if program.input_nodes[name] in run}
            try:
                self._session.accumulate(own)
            except ValueError as exc:  # an overflowing sum: nothing was added
                self.message.emit(translate_error(exc))
                return
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
            target = self._held(view, self._group_end(view, view.position + 1))
            if target <= view.position:
                return False
            self._move(target)
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
        self._move(self._group_start(view, view.position - 1))
        return True

    def _group_end(self, view: StepView, target: int) -> int:
        """``target``, or further while the records after it belong to the same group."""
        group = self.step_group
        records = view.stepper.records
        g = group(records[target - 1]) if group is not None else None
        if g is None:
            return target
        while (target < len(records) or self._extend(view)) and target < len(records) \
                and group(records[target]) == g:
            target += 1
        return target

    def _group_start(self, view: StepView, target: int) -> int:
        """``target``, or earlier while the step back lands inside one group."""
        group = self.step_group
        records = view.stepper.records
        g = group(records[target]) if group is not None and target < len(records) else None
        while g is not None and target > 0 and group(records[target - 1]) == g:
            target -= 1
        return target

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
        target = min(position, count)
        held = self._held(view, target)
        self._move(held, error=error and held == target)

    def _held(self, view: StepView, target: int) -> int:
        """``target``, or less where the gate holds the pass (forward moves only)."""
        if self.gate is None or target <= view.position:
            return target
        limit = min(target, self.gate.limit(view, target))
        if limit < target:
            self.pause()
            self.gate.held()
        return limit

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

    # -- playing (the timer lives in ``Playback``) -----------------------------------
    @property
    def playing(self) -> bool:
        return self.playback.playing

    @property
    def speed(self) -> float:
        """Steps per second while playing; 0 means as fast as drawing allows."""
        return self.playback.speed

    def set_speed(self, steps_per_second: float) -> None:
        self.playback.set_speed(steps_per_second)

    def play(self) -> None:
        self.playback.play()

    def pause(self) -> None:
        self.playback.pause()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()
