"""The Code panel: the current graph as a runnable PyTorch script and as seed-style code.

Two read-only monospace tabs with Copy and Save buttons.  The scripts come from
``check.codegen`` and are regenerated lazily: a document change only marks them
stale, and they are rebuilt when the panel is visible (at most once per burst of
edits).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.graph import GraphError
from ..app.i18n import translate_error
from ..run.stepping import ShownLater, StepController, is_showing

TORCH, SEED = "torch", "seed"


def generate(kind: str, controller: StepController) -> str:
    """The script of ``kind`` for the controller's document and upstream gradient."""
    from ...check import codegen

    program = controller.session.program()  # the window's one compiled program

    def tr(text: str) -> str:  # the scripts' comments in the UI's language
        return QCoreApplication.translate("check", text)

    if kind == TORCH:
        # Students read and save this one: no machine-readable RESULT line.
        return codegen.torch_script(program, upstream=controller.upstream, tr=tr,
                                    result_line=False)
    return codegen.seed_script(program, upstream=controller.upstream, tr=tr)


class CodePanel(ShownLater, QWidget):
    """PyTorch and seed-style scripts of the current graph, read-only, copy and save."""

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codePanel")
        self.controller = controller
        self.editors: dict[str, QPlainTextEdit] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("codeTabs")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 10.5))
        for kind, name in ((TORCH, "torchCodeView"), (SEED, "seedCodeView")):
            edit = QPlainTextEdit(self)
            edit.setObjectName(name)
            edit.setReadOnly(True)
            edit.setFont(mono)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            edit.setMinimumHeight(48)
            self.editors[kind] = edit
            self.tabs.addTab(edit, "")
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("codeCopyButton")
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("codeSaveButton")
        self.save_button.clicked.connect(self.save_dialog)
        self.status = QLabel(self)
        self.status.setObjectName("codeStatus")
        # What the status says, made again in a new language (None: nothing).
        self._status: Callable[[], str] | None = None
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.tabs, 1)
        box.addLayout(row)
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.regenerate)
        controller.programChanged.connect(self.mark_stale)
        controller.settingsChanged.connect(self.mark_stale)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on a language change)."""
        self.tabs.setTabText(0, self.tr("PyTorch"))
        self.tabs.setTabText(1, self.tr("Seed notebook style"))
        self.copy_button.setText(self.tr("Copy"))
        self.save_button.setText(self.tr("Save…"))
        self._say(self._status)
        if not self._stale and any(e.toPlainText() for e in self.editors.values()):
            self.mark_stale()  # the scripts' comments are in the interface language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text: Callable[[], str] | None) -> None:
        self._status = text
        self.status.setText(text() if text is not None else "")

    def activate(self) -> None:
        """Called when the panel comes into view: regenerate if the graph changed."""
        if self._stale and is_showing(self):
            self._timer.start()

    def regenerate(self) -> None:
        """Rebuild both scripts now."""
        self._timer.stop()
        self._stale = False
        problem: Exception | None = None
        for kind, edit in self.editors.items():
            try:
                text = generate(kind, self.controller)
            except (GraphError, ValueError) as exc:
                problem = exc
                text = ""
            edit.setPlainText(text)
        self._say(None if problem is None else lambda: self.tr(
            "Cannot write code yet: {0}").format(translate_error(problem)))

    def text(self, kind: str | None = None) -> str:
        """The script shown in a tab (the current one by default), regenerated if stale."""
        if self._stale:
            self.regenerate()
        if kind is None:
            kind = TORCH if self.tabs.currentIndex() == 0 else SEED
        return self.editors[kind].toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self._say(lambda: self.tr("Copied to the clipboard"))

    def save(self, path: str, kind: str | None = None) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(self.text(kind))

    def save_dialog(self) -> None:
        name = "autodiff_torch.py" if self.tabs.currentIndex() == 0 else "autodiff_seed.py"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Script"), name,
                                              self.tr("Python files (*.py)"))
        if not path:
            return
        try:
            self.save(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._say(lambda: self.tr("Cannot write {0}: {1}").format(path, reason))
        else:
            self._say(lambda: self.tr("Saved {0}").format(path))
