"""A lesson page's PyTorch demonstration: a button, a status line and the transcript.

Two demonstrations exist:

* ``tensors``: the notebook's tensor cell (``resources/lessons/tensors_demo.py``) run
  by ``sys.executable`` in a QProcess, so the GUI never waits for PyTorch to load;
* ``mechanics``: the notebook's autograd cells replayed on the graph on the canvas
  (``check.notebook_replay``) in a worker thread.

Transcripts are kept marked (language-free) and labelled when shown
(``transcript.render``), so a language change shows them again in the new language;
the status line is kept as a function of the language for the same reason.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QProcess, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...core.expr import to_text
from ...core.graph import GraphError, format_value
from ...course.lessons import TENSORS_DEMO_PATH
from ..app.i18n import translate_error, translate_text
from ..run.stepping import StepController
from ..window.context import WindowContext
from .transcript import focus_transcript
from .transcript import render as render_transcript

Say = Callable[[], str]


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonsPanel", text)


class LessonDemo(QWidget):
    """The demonstration of the current page (``kind``: "tensors", "mechanics" or "")."""

    transcriptReady = Signal(str)  # noqa: N815 (Qt naming): "tensors" or "mechanics"

    def __init__(self, ctx: WindowContext, controller: StepController | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonDemo")
        self.ctx = ctx
        self.controller = controller
        self.kind = ""
        self.focus: tuple[str, ...] = ()  # the page's quotes: the transcript shows them
        self.transcripts = {"tensors": "", "mechanics": ""}
        self._process: QProcess | None = None
        self._process_output = ""
        self._mechanics_job: Any = None
        self._mechanics_key: tuple[int, str] | None = None
        self._said: Say | None = None  # the status line, in any language

        self.button = QPushButton(self)
        self.button.setObjectName("runDemoButton")
        self.button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.button.clicked.connect(self.run)
        self.status = QLabel(self)
        self.status.setObjectName("demoStatus")
        self.status.setWordWrap(True)
        self.transcript = QPlainTextEdit(self)
        self.transcript.setObjectName("lessonTranscript")
        self.transcript.setReadOnly(True)
        # Wrapped: a narrow dock must not hide the ends of PyTorch's lines.
        self.transcript.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 9.5))
        self.transcript.setFont(mono)
        self.transcript.setMinimumHeight(60)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.status, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.transcript, 1)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The button, the status and the transcript in the current language."""
        self.button.setText(_tr("Run in PyTorch again") if self.kind == "mechanics"
                            else _tr("Run the demonstration"))
        self._say(self._said)
        if self.kind:
            self.show_transcript(self.kind)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text: Say | None) -> None:
        self._said = text
        self.status.setText(text() if text is not None else "")

    def show_transcript(self, kind: str) -> None:
        # Kept marked (language-free): labelled here, in the current language.
        self.transcript.setPlainText(render_transcript(self.transcripts[kind]))
        focus_transcript(self.transcript, self.focus)

    # -- the page's demonstration -------------------------------------------------------
    def show_for(self, kind: str) -> None:
        """Show the demonstration ``kind`` of a page ("" hides it), running it if its
        transcript is missing or was made for another graph."""
        self.kind = kind
        self.setVisible(bool(kind))
        if not kind:
            return
        self.retranslate()  # the button says "again" for the replay
        if kind == "tensors":
            if not self.transcripts["tensors"] and not self.tensors_running():
                self.run_tensors_demo()
        elif self._mechanics_key == self._current_key() and self.transcripts["mechanics"]:
            self.show_transcript("mechanics")
        else:
            self.run_mechanics()

    def run(self) -> None:
        """The button: run the page's demonstration (again)."""
        if self.kind == "mechanics":
            self.run_mechanics()
        else:
            self.run_tensors_demo()

    def is_busy(self) -> bool:
        return self.tensors_running() or self._mechanics_job is not None

    def shutdown(self) -> None:
        """Stop the demonstration process and forget the worker (the window closes)."""
        if self._mechanics_job is not None:
            self._mechanics_job.cancel()
            self._mechanics_job = None
        if self.tensors_running():
            assert self._process is not None
            self._process.kill()
            self._process.waitForFinished(2000)

    # -- the tensor cell, in a process ----------------------------------------------------
    def tensors_running(self) -> bool:
        return self._process is not None and \
            self._process.state() != QProcess.ProcessState.NotRunning

    def run_tensors_demo(self) -> None:
        """Run ``tensors_demo.py`` with this Python in a QProcess (the GUI never waits)."""
        if self.tensors_running():
            return
        proc = QProcess(self)
        proc.setProgram(sys.executable)
        proc.setArguments(["-u", str(TENSORS_DEMO_PATH)])
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        proc.readyReadStandardOutput.connect(self._on_process_output)
        proc.finished.connect(self._on_process_finished)
        proc.errorOccurred.connect(self._on_process_error)
        self._process = proc
        self._process_output = ""
        self.transcripts["tensors"] = ""
        if self.kind == "tensors":
            self.transcript.clear()
        self._say(lambda: _tr("Running the notebook's cell in PyTorch…"))
        self.button.setEnabled(False)
        proc.start()

    def _on_process_output(self) -> None:
        proc = self._process
        if proc is None:
            return
        chunk = bytes(proc.readAllStandardOutput().data()).decode("utf-8", "replace")
        self._process_output += chunk
        if self.kind == "tensors":
            self.transcript.setPlainText(render_transcript(self._process_output))

    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._on_process_output()
        self.transcripts["tensors"] = self._process_output
        self.button.setEnabled(True)
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self._say(lambda: _tr("PyTorch printed:"))
        else:
            self._say(lambda: _tr("The demonstration stopped (exit code {0}).").format(code))
        if self.kind == "tensors":
            self.show_transcript("tensors")
        self.transcriptReady.emit("tensors")

    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.button.setEnabled(True)
            self._say(lambda: _tr("Python could not be started for the demonstration."))
            self.transcriptReady.emit("tensors")

    # -- the autograd cells, in a worker ------------------------------------------------
    def _current_key(self) -> tuple[int, str]:
        """What a transcript was made for: the session's function (values included)
        and the upstream gradient; a transcript with another key is stale."""
        upstream = self.controller.upstream_text if self.controller is not None else "1"
        return self.ctx.session.function_generation, upstream

    def run_mechanics(self) -> None:
        """Replay the notebook's autograd cells on the current graph, off the GUI thread."""
        from ..app.jobs import BackgroundJob

        if self._mechanics_job is not None:
            self._mechanics_job.cancel()
        doc = self.ctx.document
        try:
            program = self.ctx.session.program()
        except GraphError as exc:
            self._mechanics_failed(lambda e=exc: translate_error(e))
            return
        # Copies: the work runs off the GUI thread while the user may go on editing.
        values = (self.controller.input_values_copy() if self.controller is not None
                  else doc.copy().input_values())
        upstream = self.controller.upstream if self.controller is not None else 1.0
        key = self._current_key()
        try:
            expression = to_text(doc)  # what the transcript's cells print as f
        except (GraphError, ValueError, KeyError, RecursionError):
            expression = ""

        def work(_job: Any) -> dict[str, Any]:
            from ...check.notebook_replay import replay  # torch loads in this thread

            return replay(program, expression, values, upstream=upstream)

        self.transcripts["mechanics"] = ""
        if self.kind == "mechanics":
            self.transcript.clear()
        self._say(lambda: _tr("Running the notebook's autograd cells in PyTorch…"))
        self.button.setEnabled(False)
        job = BackgroundJob(work, self)
        job.finished.connect(lambda result, k=key: self._mechanics_done(result, k))
        job.failed.connect(self._mechanics_failed)
        self._mechanics_job = job
        job.start()

    def _mechanics_done(self, result: dict[str, Any], key: tuple[int, str]) -> None:
        self._mechanics_job = None
        self.button.setEnabled(True)
        if not result.get("available"):
            self._mechanics_failed(lambda: translate_text(result.get("reason", "")))
            return
        if result.get("error"):
            self._mechanics_failed(lambda: translate_text(result["error"]))
            return
        from ...check.notebook_replay import marked_text

        self.transcripts["mechanics"] = marked_text(result["cells"])
        self._mechanics_key = key
        grads = result.get("grad", {})
        self._say(lambda: _tr("PyTorch's gradient: {0}").format(
            ", ".join(f"{n}.grad = {format_value(g)}" for n, g in grads.items())))
        if self.kind == "mechanics":
            self.show_transcript("mechanics")
        self.transcriptReady.emit("mechanics")

    def _mechanics_failed(self, message: str | Say) -> None:
        self._mechanics_job = None
        self.button.setEnabled(True)
        self.transcripts["mechanics"] = ""
        reason = message if callable(message) else (lambda: message)
        self._say(lambda: _tr("PyTorch could not run: {0}").format(reason()))
        self.transcriptReady.emit("mechanics")
