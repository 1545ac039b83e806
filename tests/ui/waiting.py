"""Waiting on conditions, not on the clock: helpers for the window tests.

The window lays itself out in zero-delay timers after a show, a resize or a mode
change (the Run panel's dock sizes, the layout's share of the bottom area, the
canvas fit).  None of these emits a signal, so ``wait_laid_out`` waits until what
they change -- the dock layout, the window's geometry, the canvas transform -- is
the same at two polls in a row, each poll running the event loop's pending work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest


def wait_until(qtbot: Any | None, condition: Callable[[], bool], timeout: int = 5000) -> None:
    """``qtbot.waitUntil``; without a qtbot (a script run by hand) the same polling loop."""
    if qtbot is not None:
        qtbot.waitUntil(condition, timeout=timeout)
        return
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the condition did not come true")
        QTest.qWait(10)  # runs the event loop: the pending work happens here


def layout_signature(window: Any) -> tuple[Any, ...]:
    """What the deferred layout work changes: dock layout, geometry, canvas transform."""
    t = window.view.transform()
    return (bytes(window.saveState().data()), window.geometry().getRect(),
            (t.m11(), t.m22(), t.dx(), t.dy()),
            window.view.horizontalScrollBar().value(), window.view.verticalScrollBar().value())


def wait_laid_out(qtbot: Any | None, window: Any, timeout: int = 5000) -> None:
    """Wait until ``window``'s layout and canvas fit stop changing between two polls."""
    last: list[tuple[Any, ...]] = []

    def stable() -> bool:
        now = layout_signature(window)
        same = bool(last) and last[-1] == now
        last.append(now)
        return same

    wait_until(qtbot, stable, timeout)


def wait_idle(qtbot: Any | None, timer: QTimer, timeout: int = 5000) -> None:
    """Wait until ``timer`` (a debounce, a deferred fit) has fired and is not running."""
    wait_until(qtbot, lambda: not timer.isActive(), timeout)


def wait_presented(qtbot: Any | None, window: Any, timeout: int = 5000) -> None:
    """Wait for presentation mode's deferred work: the canvas fit after entering or a
    resize, the second layout restore after leaving, and the dock layout they move."""
    p = window.presentation
    wait_until(qtbot, lambda: not p._fit_timer.isActive() and p._pending is None, timeout)
    wait_laid_out(qtbot, window, timeout)
