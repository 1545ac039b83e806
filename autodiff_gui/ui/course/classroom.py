"""The student's progress and the teacher's settings in the window: ``ClassroomTools``.

A window part (built at start, see ``ui/window/parts.py``) that owns:

* the student's ``Progress`` (``course.progress``), kept in the settings across
  restarts (``course/progress``); Help ▸ My Progress (``actionMyProgress``) shows it,
  File ▸ Export Progress… (``actionExportProgress``) writes it as JSON;
* Help ▸ Hide Answers (``actionHideAnswers``, checkable, kept in the settings): the
  exercises show no right answer, for a class;
* what a lesson or an opened graph file asks for (``course.classroom``): predict mode
  on or off (Run ▸ Predict Mode, ``actionPredictMode``), only some panels shown, answers
  hidden.  The settings that were changed are put back when a lesson or file that asks
  for nothing comes next.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog

from ...course.classroom import Classroom, ClassroomError, classroom_of_file
from ...course.progress import Progress
from ..app.i18n import current_language
from ..window.context import WindowContext

PANEL_DOCKS = {"blocks": "paletteDock", "inputs": "inputsDock", "history": "historyDock",
               "narration": "narrationDock", "trace": "traceDock", "compare": "compareDock",
               "plots": "plotsDock", "code": "codeDock", "gradient_descent": "gradientStepDock",
               "three_ways": "threeWaysDock", "lessons": "lessonsDock"}


class ClassroomTools(QObject):
    """Progress, My Progress, Export Progress, Hide Answers and classroom requests."""

    answersHiddenChanged = Signal(bool)  # noqa: N815 (Qt naming)
    progressChanged = Signal()  # noqa: N815 (Qt naming)

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.ctx = ctx
        self.progress = Progress.from_text(ctx.settings.progress_text())
        self.active: Classroom | None = None  # what the current lesson or file asks
        self._source = ""  # "lesson:<id>" or "file:<path>" of ``active``
        self._hidden_docks: list[QDockWidget] = []
        self._predict_before: bool | None = None
        self.last_error = ""
        self.export_dialog = self._export_dialog  # injectable: tests meet no dialog

        host = ctx.host
        self.actionMyProgress = QAction(host)
        self.actionMyProgress.setObjectName("actionMyProgress")
        self.actionMyProgress.triggered.connect(lambda _c=False: self.show_progress())
        self.actionHideAnswers = QAction(host)
        self.actionHideAnswers.setObjectName("actionHideAnswers")
        self.actionHideAnswers.setCheckable(True)
        self._switch = ctx.settings.hide_answers()  # the student's or teacher's switch
        self.actionHideAnswers.setChecked(self._switch)
        self.actionHideAnswers.toggled.connect(self._on_hide_toggled)
        self.actionExportProgress = QAction(host)
        self.actionExportProgress.setObjectName("actionExportProgress")
        self.actionExportProgress.triggered.connect(lambda _c=False: self.export_progress())
        help_menu = ctx.menus.help
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(first, self.actionMyProgress)
        help_menu.insertAction(first, self.actionHideAnswers)
        if first is not None:
            help_menu.insertSeparator(first)
        file_menu = ctx.menus.file
        anchor = ctx.actions.get("actionExportImage")
        if anchor is not None and anchor in file_menu.actions():
            index = file_menu.actions().index(anchor)
            after = file_menu.actions()[index + 1] if index + 1 < len(file_menu.actions()) \
                else None
            file_menu.insertAction(after, self.actionExportProgress)
        else:
            file_menu.addAction(self.actionExportProgress)
        ctx.events.fileOpened.connect(self.apply_file)
        host.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.actionMyProgress.setText(self.tr("My &Progress"))
        self.actionMyProgress.setStatusTip(self.tr("The lessons read and the exercises solved"))
        self.actionHideAnswers.setText(self.tr("&Hide Answers (for a Class)"))
        self.actionHideAnswers.setStatusTip(self.tr("The exercises never show the right "
                                                    "answer"))
        self.actionExportProgress.setText(self.tr("Export &Progress…"))
        self.actionExportProgress.setStatusTip(self.tr("Save the lessons read and the "
                                                       "exercises solved as a JSON file"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.ctx.host and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # -- progress ---------------------------------------------------------------------
    def save_progress(self) -> None:
        """Keep the progress in the settings (not in screenshot runs) and tell."""
        if self.ctx.persist_settings():
            self.ctx.settings.set_progress_text(self.progress.to_text())
        self.progressChanged.emit()

    def page_seen(self, lesson_id: str, page: int) -> None:
        if self.progress.page_seen(lesson_id, page):
            self.save_progress()

    def export_data(self) -> dict:
        """The progress as File ▸ Export Progress writes it (lesson titles in the UI's
        language)."""
        # Read here, not at start-up: the exercises bring their answer checker.
        from ...course.exercises import load_exercises
        from ...course.lessons import LessonDataError, load_lessons

        lang = current_language()
        try:
            book = load_lessons(lang)
            exercises = load_exercises(lang).lessons
        except LessonDataError:
            book, exercises = None, {}
        from ..run.predict import predict_scores

        scores = {k: v.as_dict() for k, v in predict_scores(self.ctx.settings).items()}
        return self.progress.export(book.lessons if book is not None else (), exercises,
                                    language=lang, predict=scores)

    def export_to(self, path: str | os.PathLike[str]) -> str | None:
        """Write the progress to ``path``; an error message or None."""
        try:
            Path(path).write_text(json.dumps(self.export_data(), ensure_ascii=False,
                                             indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            self.last_error = self.tr("Cannot write {file}: {reason}").format(
                file=Path(path).name, reason=exc.strerror or str(exc))
            self.ctx.status(self.last_error)
            return self.last_error
        self.ctx.status(self.tr("Progress exported to {file}").format(file=Path(path).name))
        return None

    def _export_dialog(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self.ctx.host, self.tr("Export Progress"),
            str(Path(self.ctx.settings.last_folder() or Path.home()) / "progress.json"),
            self.tr("JSON files (*.json)"))
        return path

    def export_progress(self) -> None:
        path = self.export_dialog()
        if path:
            self.export_to(path)

    def show_progress(self) -> None:
        from .progress_view import ProgressDialog

        dialog = ProgressDialog(self, self.ctx.host)
        dialog.setModal(False)
        dialog.show()

    # -- hidden answers -----------------------------------------------------------------
    def answers_hidden(self) -> bool:
        """The switch, or what the current lesson or file asks."""
        if self.active is not None and self.active.hide_answers is not None:
            return self.active.hide_answers
        return self._switch

    def _on_hide_toggled(self, on: bool) -> None:
        self._switch = on
        if self.ctx.persist_settings():
            self.ctx.settings.set_hide_answers(on)
        self.answersHiddenChanged.emit(self.answers_hidden())

    # -- what a lesson or a file asks for -------------------------------------------------
    def apply_lesson(self, lesson_id: str, classroom: Classroom | None) -> None:
        """A lesson is shown: its classroom settings apply (once per lesson)."""
        source = f"lesson:{lesson_id}"
        if source != self._source:
            self.apply(classroom, source)

    def apply_file(self, path: str) -> None:
        """A graph file was opened: its classroom object applies (a bad one is said)."""
        try:
            classroom = classroom_of_file(path)
        except (OSError, ValueError, ClassroomError) as exc:
            self.ctx.status(self.tr("The file's classroom settings are ignored: {reason}")
                            .format(reason=str(exc)))
            classroom = None
        self.apply(classroom, f"file:{path}")

    def apply(self, classroom: Classroom | None, source: str) -> None:
        """Ask the window for ``classroom``'s settings; None puts back what the last
        request changed."""
        hidden_before = self.answers_hidden()
        self._restore()
        self.active, self._source = classroom, source
        if classroom is not None:
            if classroom.panels is not None:
                self._reduce_panels(classroom.panels, keep_lessons=source.startswith("lesson"))
            if classroom.predict is not None:
                self._set_predict(classroom.predict)
        # A lesson or file that decides shows it in the menu, and the switch waits.
        forced = classroom is not None and classroom.hide_answers is not None
        with QSignalBlocker(self.actionHideAnswers):
            self.actionHideAnswers.setChecked(self.answers_hidden())
        self.actionHideAnswers.setEnabled(not forced)
        if self.answers_hidden() != hidden_before:
            self.answersHiddenChanged.emit(self.answers_hidden())

    def _docks(self) -> dict[str, QDockWidget]:
        found = {d.objectName(): d for d in self.ctx.host.findChildren(QDockWidget)}
        return {name: found[obj] for name, obj in PANEL_DOCKS.items() if obj in found}

    def _reduce_panels(self, panels: tuple[str, ...], keep_lessons: bool) -> None:
        for name, dock in self._docks().items():
            keep = name in panels or (keep_lessons and name == "lessons")
            if not keep and dock.isVisible():
                dock.hide()
                self._hidden_docks.append(dock)
            elif keep and name in panels and not dock.isVisible():
                dock.show()

    def predict_action(self) -> QAction | None:
        """Run ▸ Predict Mode, if the window has it."""
        return self.ctx.host.findChild(QAction, "actionPredictMode")

    def _set_predict(self, on: bool) -> None:
        action = self.predict_action()
        if action is None or not action.isCheckable():
            self.ctx.status(self.tr("This lesson asks for predict mode, which this window "
                                    "does not have"))
            return
        self._predict_before = action.isChecked()
        if action.isChecked() != on:
            action.trigger()

    def _restore(self) -> None:
        for dock in self._hidden_docks:
            dock.show()
        self._hidden_docks = []
        if self._predict_before is not None:
            action = self.predict_action()
            if action is not None and action.isChecked() != self._predict_before:
                action.trigger()
            self._predict_before = None
        self.active = None
        self._source = ""
