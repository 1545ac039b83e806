"""The exercises' records: what ``exercises.py`` reads and ``answers.py`` checks (no Qt).

Kept apart from both so that the loader may call the checker (to validate computed
answers) and the checker may name the records, without an import cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RTOL = 5e-3  # a typed answer may be rounded to three significant digits
ATOL = 1e-9


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and its diagnosis.

    Exactly one of: ``function`` (another formula at the exercise's point), ``find``
    (another quantity of the same function, with ``wrt``), ``scale`` (the right
    answer times this), ``answer`` (a bug's node name)."""

    why: str
    function: str | None = None
    find: str | None = None
    wrt: str | None = None
    scale: float | None = None
    answer: str | None = None

    def actions(self) -> dict[str, Any]:
        return {"function": self.function, "find": self.find, "wrt": self.wrt,
                "scale": self.scale, "answer": self.answer}


@dataclass(frozen=True)
class Choice:
    """One answer of a multiple-choice question; ``why`` explains a wrong pick."""

    text: str
    why: str = ""


@dataclass(frozen=True)
class BugNode:
    """One row of a hand-written gradient table: ``name = expr`` and ∂name/∂arg by arg."""

    name: str
    expr: str
    d: Mapping[str, str]


@dataclass(frozen=True)
class Exercise:
    """One checked exercise (see the module docstring for the kinds and fields)."""

    id: str
    kind: str
    question: str
    hints: tuple[str, ...] = ()
    explain: str = ""
    mistakes: tuple[Mistake, ...] = ()
    tolerance: float = RTOL
    # number
    function: str | None = None
    at: Mapping[str, float] = field(default_factory=dict)
    find: str = "value"
    wrt: str | None = None
    upstream: float = 1.0
    # canvas
    derivative_of: str | None = None
    points: tuple[Mapping[str, float], ...] = ()
    solution: str | None = None
    start: str | None = None
    # choice
    choices: tuple[Choice, ...] = ()
    answer: int | None = None
    # bug
    inputs: Mapping[str, float] = field(default_factory=dict)
    nodes: tuple[BugNode, ...] = ()

    def actions(self) -> dict[str, Any]:
        """Everything but the words: what must agree between languages."""
        return {
            "id": self.id, "kind": self.kind, "tolerance": self.tolerance,
            "function": self.function, "at": dict(self.at), "find": self.find,
            "wrt": self.wrt, "upstream": self.upstream, "derivative_of": self.derivative_of,
            "points": [dict(p) for p in self.points], "solution": self.solution,
            "start": self.start, "choices": len(self.choices), "answer": self.answer,
            "inputs": dict(self.inputs),
            "nodes": [(n.name, n.expr, dict(n.d)) for n in self.nodes],
            "mistakes": [m.actions() for m in self.mistakes], "hints": len(self.hints),
        }

    def bug_expression(self) -> str:
        """A bug exercise's function as one expression (the last node, names
        substituted), for the canvas."""
        text: dict[str, str] = {}
        for node in self.nodes:
            expr = node.expr
            for name, sub in text.items():
                expr = re.sub(rf"\b{re.escape(name)}\b", f"({sub})", expr)
            text[node.name] = expr
        return text[self.nodes[-1].name] if self.nodes else ""


@dataclass(frozen=True)
class ExerciseBook:
    """Every lesson's exercises in one language, by lesson id in file order."""

    language: str
    lessons: Mapping[str, tuple[Exercise, ...]]
    source: str = ""

    def for_lesson(self, lesson_id: str) -> tuple[Exercise, ...]:
        return tuple(self.lessons.get(lesson_id, ()))

    def exercise(self, lesson_id: str, exercise_id: str) -> Exercise:
        for ex in self.for_lesson(lesson_id):
            if ex.id == exercise_id:
                return ex
        raise KeyError((lesson_id, exercise_id))
