"""Work off the GUI thread: ``BackgroundJob``, a QThreadPool worker with progress and cancel.

Used by the Compare panel (the comparison and the PyTorch import), the Plots panel
(sweeps and contours) and the lessons (their PyTorch demos).  Results and errors come
back to the GUI thread through queued signals; nothing arrives after ``cancel()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ...core.engine import EvalError
from ...core.graph import GraphError
from .i18n import translate_error

__all__ = ["BackgroundJob"]


class _Relay(QObject):
    """Signals emitted from the worker thread (delivered queued to the GUI thread)."""

    done = Signal(object)
    error = Signal(str)
    progress = Signal(int, int, str)
    partial = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()


class BackgroundJob(QObject):
    """One piece of work in Qt's thread pool, with progress, partial results and cancel.

    ``work(job)`` runs in a worker thread; it may call ``job.report(done, total,
    text)`` (returns False once cancelled) and ``job.send_partial(result)``.
    ``finished(result)`` / ``failed(message)`` arrive in the GUI thread; nothing is
    delivered after ``cancel()``.
    """

    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)
    partial = Signal(object)

    def __init__(self, work: Callable[[BackgroundJob], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self.running = False
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.error.connect(self._on_error)
        self._relay.progress.connect(self._on_progress)
        self._relay.partial.connect(self._on_partial)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(_Runnable(self))

    def cancel(self) -> None:
        self._cancel.set()
        self.running = False

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker returned (for shutdown and scripts)."""
        return self._finished.wait(timeout)

    # worker side
    def report(self, done: int, total: int, text: str = "") -> bool:
        if not self._cancel.is_set():
            self._emit(self._relay.progress, done, total, text)
        return not self._cancel.is_set()

    def send_partial(self, result: Any) -> None:
        if not self._cancel.is_set():
            self._emit(self._relay.partial, result)

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the receiver is gone (window closed): drop it
            pass

    def _run(self) -> None:
        try:
            result = self._work(self)
        except Exception as exc:  # noqa: BLE001 - reported to the user, not swallowed
            message = translate_error(exc) if isinstance(exc, (EvalError, ValueError, GraphError)) \
                else f"{type(exc).__name__}: {exc}"
            if not self._cancel.is_set():
                self._emit(self._relay.error, message)
        else:
            if not self._cancel.is_set():
                self._emit(self._relay.done, result)
        finally:
            self._finished.set()

    # GUI side
    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.running = False
        if not self._cancel.is_set():
            self.finished.emit(result)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.running = False
        if not self._cancel.is_set():
            self.failed.emit(message)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if not self._cancel.is_set():
            self.progress.emit(done, total, text)

    @Slot(object)
    def _on_partial(self, result: Any) -> None:
        if not self._cancel.is_set():
            self.partial.emit(result)
