"""A teacher's settings for a class, as data (no Qt).

A lesson (``"classroom"`` in ``lessons_<lang>.json``) or a graph file (an optional
top-level ``"classroom"`` object in ``.adgraph.json``) may ask for::

    "classroom": {"predict": true, "panels": ["narration", "inputs"], "hide_answers": true}

* ``predict``: turn Run ▸ Predict Mode on (true) or off (false);
* ``panels``: show only these panels (the canvas and the Lessons panel always stay);
  the names are ``PANELS``;
* ``hide_answers``: the exercises never show the right answer (no reveal button, no
  expected value in the feedback).

Every key is optional; an absent key leaves that setting as the student has it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PANELS = ("blocks", "inputs", "history", "narration", "trace", "compare", "plots", "code",
          "gradient_descent", "three_ways", "lessons")
_KEYS = ("predict", "panels", "hide_answers")


class ClassroomError(ValueError):
    """A classroom object that does not follow the format (says which key and why)."""


@dataclass(frozen=True)
class Classroom:
    """What a lesson or a file asks of the window (None: leave as it is)."""

    predict: bool | None = None
    panels: tuple[str, ...] | None = None
    hide_answers: bool | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.predict is not None:
            out["predict"] = self.predict
        if self.panels is not None:
            out["panels"] = list(self.panels)
        if self.hide_answers is not None:
            out["hide_answers"] = self.hide_answers
        return out


def parse_classroom(raw: Any) -> Classroom:
    """A Classroom from decoded JSON; ClassroomError says what is wrong."""
    if not isinstance(raw, Mapping):
        raise ClassroomError("'classroom' must be a JSON object")
    unknown = sorted(k for k in raw if k not in _KEYS)
    if unknown:
        raise ClassroomError(f"'classroom' has unknown key {unknown[0]!r} "
                             f"(allowed: {', '.join(_KEYS)})")
    kw: dict[str, Any] = {}
    for key in ("predict", "hide_answers"):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise ClassroomError(f"'classroom': {key!r} must be true or false")
            kw[key] = raw[key]
    if "panels" in raw:
        panels = raw["panels"]
        if not isinstance(panels, list) or not all(isinstance(p, str) for p in panels):
            raise ClassroomError("'classroom': 'panels' must be a list of panel names")
        bad = [p for p in panels if p not in PANELS]
        if bad:
            raise ClassroomError(f"'classroom': unknown panel {bad[0]!r} "
                                 f"(panels: {', '.join(PANELS)})")
        kw["panels"] = tuple(dict.fromkeys(panels))
    return Classroom(**kw)


def classroom_of_file(path: str | os.PathLike[str]) -> Classroom | None:
    """The ``classroom`` object of a graph file (None: it has none).

    The window calls this after the file loaded (so it is valid JSON of a sane size);
    a file without the word is not parsed a second time.
    """
    with open(path, "rb") as f:
        raw = f.read()
    if b'"classroom"' not in raw:
        return None
    data = json.loads(raw.decode("utf-8-sig"))
    if not isinstance(data, dict) or "classroom" not in data:
        return None
    return parse_classroom(data["classroom"])
