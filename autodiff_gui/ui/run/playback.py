"""Playing a pass: the steps of a ``StepController`` one after another on a timer.

A part of the controller (it calls the controller's own moves), kept apart so the
controller is about positions and this is about time.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

FRAME_SECONDS = 0.012  # at the fastest speed, as many steps as fit in a frame, drawn once


class Steppable(Protocol):
    """The controller as its playback sees it (``stepping.StepController``; typed here so
    this module need not import it)."""

    playingChanged: Any  # noqa: N815 (the controller's Qt signal)

    @property
    def done(self) -> bool: ...

    def reset(self) -> None: ...

    def next(self) -> bool: ...

    def go_to(self, position: int) -> None: ...

    def _ensure(self) -> Any: ...

    def _extend(self, view: Any) -> bool: ...


class Playback(QObject):
    """The play timer of a controller: ``speed`` steps per second, 0 = as fast as drawing
    allows.  Tells ``controller.playingChanged`` when it starts and stops."""

    def __init__(self, controller: Steppable) -> None:
        super().__init__(controller)  # type: ignore[arg-type]
        self.controller = controller
        self.speed = 5.0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

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
        if self.controller.done:
            self.controller.reset()
        self._timer.start(self._interval())
        self.controller.playingChanged.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.controller.playingChanged.emit(False)

    def _tick(self) -> None:
        c = self.controller
        view = c._ensure()
        if view is None:
            self.pause()
            return
        if self.speed > 0:
            if not c.next() or c.done:
                self.pause()
            return
        start = time.perf_counter()
        target = view.position
        while time.perf_counter() - start < FRAME_SECONDS:
            if target < len(view.stepper.records) or c._extend(view):
                target += 1
            else:
                break
        if target > view.position:
            c.go_to(target)
        elif not c.next():
            self.pause()
        if c.done:
            self.pause()
