"""A student's progress through the lessons and their exercises (no Qt).

``Progress`` records which pages of each lesson were shown and, per exercise, how
many answers were checked, whether it was solved (and at which try), how many hints
were asked for and whether the answer was revealed.  The window keeps it in its
settings as JSON text (``to_text`` / ``from_text``; damaged text gives an empty
record rather than an error, so a bad settings file never stops the app), and
File ▸ Export Progress writes ``export(...)``: the same facts with the lesson titles,
for a teacher.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the window reads progress at start-up without them
    from .exercise_data import Exercise
    from .lessons import Lesson

EXPORT_FORMAT = "autodiff-studio-progress"
VERSION = 1


@dataclass
class ExerciseRecord:
    """What a student did with one exercise."""

    tries: int = 0
    solved: bool = False
    solved_at_try: int = 0  # 0: not solved
    hints: int = 0
    revealed: bool = False

    @classmethod
    def from_json(cls, raw: Any) -> ExerciseRecord:
        rec = cls()
        if isinstance(raw, dict):
            for key in ("tries", "solved_at_try", "hints"):
                v = raw.get(key)
                if isinstance(v, int) and not isinstance(v, bool) and v >= 0:
                    setattr(rec, key, v)
            for key in ("solved", "revealed"):
                if isinstance(raw.get(key), bool):
                    setattr(rec, key, raw[key])
        return rec


@dataclass
class Progress:
    """Pages seen and exercise records, by lesson id (see the module docstring)."""

    pages: dict[str, set[int]] = field(default_factory=dict)
    exercises: dict[str, dict[str, ExerciseRecord]] = field(default_factory=dict)

    # -- recording ------------------------------------------------------------------
    def page_seen(self, lesson_id: str, page: int) -> bool:
        """Record a page; True if it was new."""
        seen = self.pages.setdefault(lesson_id, set())
        if page in seen:
            return False
        seen.add(page)
        return True

    def record(self, lesson_id: str, exercise_id: str) -> ExerciseRecord:
        """The record of one exercise (made empty on first use)."""
        return self.exercises.setdefault(lesson_id, {}).setdefault(exercise_id,
                                                                   ExerciseRecord())

    def answered(self, lesson_id: str, exercise_id: str, correct: bool) -> ExerciseRecord:
        """Record a checked answer (a solved exercise stays solved)."""
        rec = self.record(lesson_id, exercise_id)
        rec.tries += 1
        if correct and not rec.solved:
            rec.solved = True
            rec.solved_at_try = rec.tries
        return rec

    def hint_taken(self, lesson_id: str, exercise_id: str) -> None:
        self.record(lesson_id, exercise_id).hints += 1

    def revealed(self, lesson_id: str, exercise_id: str) -> None:
        self.record(lesson_id, exercise_id).revealed = True

    # -- reading ------------------------------------------------------------------
    def is_solved(self, lesson_id: str, exercise_id: str) -> bool:
        rec = self.exercises.get(lesson_id, {}).get(exercise_id)
        return rec is not None and rec.solved

    def pages_seen(self, lesson_id: str) -> int:
        return len(self.pages.get(lesson_id, ()))

    def solved_count(self, lesson_id: str, exercises: Sequence[Exercise]) -> int:
        return sum(self.is_solved(lesson_id, ex.id) for ex in exercises)

    def lesson_done(self, lesson: Lesson, exercises: Sequence[Exercise]) -> bool:
        """Every page shown and every exercise solved."""
        return self.pages_seen(lesson.id) >= len(lesson.pages) and \
            self.solved_count(lesson.id, exercises) == len(exercises)

    # -- storing --------------------------------------------------------------------
    def to_text(self) -> str:
        """Compact JSON for the settings."""
        return json.dumps({"version": VERSION,
                           "pages": {k: sorted(v) for k, v in self.pages.items()},
                           "exercises": {lid: {eid: asdict(r) for eid, r in recs.items()}
                                         for lid, recs in self.exercises.items()}},
                          separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> Progress:
        """Progress from ``to_text``'s JSON; anything unreadable is left out."""
        try:
            data = json.loads(text) if text else {}
        except (ValueError, RecursionError):
            data = {}
        progress = cls()
        if not isinstance(data, dict):
            return progress
        pages = data.get("pages")
        if isinstance(pages, dict):
            for lid, seen in pages.items():
                if isinstance(seen, list):
                    progress.pages[str(lid)] = {p for p in seen
                                                if isinstance(p, int) and not
                                                isinstance(p, bool) and p >= 0}
        exercises = data.get("exercises")
        if isinstance(exercises, dict):
            for lid, recs in exercises.items():
                if isinstance(recs, dict):
                    progress.exercises[str(lid)] = {str(eid): ExerciseRecord.from_json(r)
                                                    for eid, r in recs.items()}
        return progress

    def export(self, lessons: Sequence[Lesson],
               exercises: Mapping[str, Sequence[Exercise]], *, language: str = "en",
               now: datetime | None = None,
               predict: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
        """The progress for a teacher: every lesson with its title, pages seen and each
        exercise's record (all lessons, also those not started), and predict mode's
        scores by lesson (``predict``: what ``course.predict`` keeps) when given."""
        out_lessons = []
        for lesson in lessons:
            items = exercises.get(lesson.id, ())
            out_lessons.append({
                "id": lesson.id, "title": lesson.title,
                "pages": len(lesson.pages), "pages_seen": self.pages_seen(lesson.id),
                "exercises": [{"id": ex.id, "kind": ex.kind,
                               **asdict(self.exercises.get(lesson.id, {}).get(
                                   ex.id, ExerciseRecord()))} for ex in items],
                "solved": self.solved_count(lesson.id, items), "total": len(items),
                "done": self.lesson_done(lesson, items),
            })
        stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        out = {"format": EXPORT_FORMAT, "version": VERSION, "exported": stamp,
               "language": language, "lessons": out_lessons,
               "solved": sum(lesson["solved"] for lesson in out_lessons),
               "total": sum(lesson["total"] for lesson in out_lessons)}
        if predict is not None:
            out["predict"] = {k: dict(v) for k, v in sorted(predict.items())}
        return out
