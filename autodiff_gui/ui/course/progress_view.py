"""Help ▸ My Progress: the lessons read and the exercises solved, lesson by lesson.

A small window (``progressDialog``) with a tree (``progressTree``): one row per lesson
("pages 5 of 7 · exercises 2 of 3", ✓ when every page was read and every exercise
solved), its exercises below it (solved at which try, hints taken, answer shown), a
total line, and buttons for Export… (File ▸ Export Progress) and Close.  It follows the
progress while it is open.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...course.exercises import load_exercises
from ...course.lessons import LessonDataError, load_lessons
from ...course.progress import Progress
from ..app.i18n import current_language
from .exercises_text import kind_name


class ProgressSource(Protocol):
    """Where the progress comes from (``classroom.ClassroomTools``)."""

    progress: Progress
    progressChanged: Any  # noqa: N815 (Qt naming): a signal without arguments

    def export_progress(self) -> None: ...


class ProgressDialog(QDialog):
    """The student's progress as a tree, with Export… and Close."""

    def __init__(self, tools: ProgressSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tools = tools
        self.total = QLabel(self)
        self.total.setObjectName("progressTotal")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("progressTree")
        self.tree.setColumnCount(2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("progressExportButton")
        self.export_button.clicked.connect(lambda _c=False: tools.export_progress())
        self.buttons.rejected.connect(self.close)
        box = QVBoxLayout(self)
        box.addWidget(self.total)
        box.addWidget(self.tree, 1)
        box.addWidget(self.buttons)
        self.resize(560, 480)
        tools.progressChanged.connect(self.refresh)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Fill the tree from the progress, in the current language."""
        self.setWindowTitle(self.tr("My Progress"))
        self.export_button.setText(self.tr("Export…"))
        self.tree.setHeaderLabels([self.tr("Lesson or exercise"), self.tr("Done")])
        self.tree.clear()
        lang = current_language()
        try:
            book = load_lessons(lang)
            exercises = load_exercises(lang, lesson_ids=book.ids())
        except LessonDataError as exc:
            self.total.setText(exc.message)
            return
        p = self.tools.progress
        solved_all = total_all = 0
        for lesson in book.lessons:
            items = exercises.for_lesson(lesson.id)
            solved = p.solved_count(lesson.id, items)
            solved_all += solved
            total_all += len(items)
            done = p.lesson_done(lesson, items)
            row = QTreeWidgetItem([lesson.title, self.tr(
                "pages {read} of {pages} · exercises {solved} of {total}").format(
                read=min(p.pages_seen(lesson.id), len(lesson.pages)), pages=len(lesson.pages),
                solved=solved, total=len(items)) + (" ✓" if done else "")])
            self.tree.addTopLevelItem(row)
            for k, ex in enumerate(items, start=1):
                row.addChild(QTreeWidgetItem([f"{k}. {kind_name(ex.kind)}",
                                              self._record_text(lesson.id, ex.id)]))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.total.setText(self.tr("Exercises solved: {solved} of {total}").format(
            solved=solved_all, total=total_all))

    def _record_text(self, lesson_id: str, exercise_id: str) -> str:
        rec = self.tools.progress.exercises.get(lesson_id, {}).get(exercise_id)
        if rec is None or (rec.tries == 0 and rec.hints == 0 and not rec.revealed):
            return self.tr("not tried")
        parts = []
        if rec.solved:
            parts.append(self.tr("✓ solved at try {n}").format(n=rec.solved_at_try))
        else:
            parts.append(self.tr("tried {n} times").format(n=rec.tries))
        if rec.hints:
            parts.append(self.tr("{n} hints").format(n=rec.hints))
        if rec.revealed:
            parts.append(self.tr("answer shown"))
        return " · ".join(parts)
