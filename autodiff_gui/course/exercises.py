"""Checked exercises at the end of every lesson, as data: loading and validation (no Qt).

The records are in ``exercise_data.py``; checking an answer is ``answers.py``.

The exercises live in ``resources/lessons/exercises_<lang>.json``, one file per language
with the same exercises (only the words differ), keyed by lesson id.  Four kinds:

* ``number``: a number to compute: ``find`` the ``value`` of ``function`` or its
  ``gradient`` with respect to ``wrt`` at the point ``at`` (with ``upstream``);
* ``canvas``: build a graph whose output is the derivative of ``derivative_of`` with
  respect to ``wrt``; checked by evaluating the student's graph at ``points`` against the
  engine's derivative there (never by comparing text); ``solution`` is one such graph;
* ``choice``: a concept question with ``choices`` (each with a ``why`` for a wrong pick)
  and the index of the right one in ``answer``;
* ``bug``: a hand-written gradient table (``nodes``: each ``name = expr`` with its local
  derivatives ``d``) in which exactly one node's derivative is wrong; the student finds
  it with the per-node check and names it.

Every right answer a computation can give is computed by the engine from these fields,
never written down: the number, the derivative at the points, the wrong node.  The
typical wrong answers (``mistakes``) are computed the same way (another ``function`` at
the same point, another quantity ``find``/``wrt``, the right answer times ``scale``, or
for a bug the node ``answer`` a student is likely to name) and carry the diagnosis
``why``.  The loader checks that each mistake differs from the right answer, so every
diagnosis can really be reached.  Files are JSON only: read with ``json.loads``, checked
field by field, never evaluated; formulas are parsed by the app's own parser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core import ops
from ..core.expr import ParseError, parse
from . import answers
from .exercise_data import ATOL, RTOL, BugNode, Choice, Exercise, ExerciseBook, Mistake
from .lessons import (
    DEFAULT_LANGUAGE,
    LESSONS_DIR,
    LessonDataError,
    _check_keys,
    _fail,
    _object,
    _read_json,
    _text,
)

EXERCISES_FORMAT = "autodiff-studio-exercises"
VERSION = 1
KINDS = ("number", "canvas", "choice", "bug")
FINDS = ("value", "gradient")
MIN_EXERCISES = 2  # per lesson, of at least two kinds

_FILE_KEYS = ("format", "version", "language", "lessons")
_COMMON = ("id", "kind", "question")
_OPTIONAL = ("hints", "explain", "mistakes")
_KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "number": (("function", "at", "find"), ("wrt", "upstream", "tolerance")),
    "canvas": (("derivative_of", "wrt", "points", "solution"), ("start", "tolerance")),
    "choice": (("choices", "answer"), ()),
    "bug": (("inputs", "nodes"), ()),
}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# -- field checkers ---------------------------------------------------------------------

def _number(value: Any, what: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or \
            not math.isfinite(value):
        raise _fail(where, f"{what} must be a finite number")
    return float(value)


def _point(raw: Any, what: str, where: str) -> dict[str, float]:
    raw = _object(raw, what, where)
    out = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise _fail(where, f"{what}: {name!r} is not an input name")
        out[name] = _number(value, f"{what}: the value of {name!r}", where)
    return out


def _formula(raw: Any, what: str, where: str) -> tuple[str, tuple[str, ...]]:
    """A formula in the app's language and its input names (parsed, never evaluated)."""
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(where, f"{what} must be a non-empty formula")
    try:
        doc = parse(raw)
    except ParseError as exc:
        raise _fail(where, f"{what} {raw!r} does not parse: {exc}") from None
    return raw, tuple(doc.inputs())


def _strings(raw: Any, what: str, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        raise _fail(where, f"{what} must be a list of non-empty strings")
    return tuple(raw)


def _needs(names: tuple[str, ...], point: Mapping[str, float], what: str, where: str) -> None:
    missing = [n for n in names if n not in point]
    if missing:
        raise _fail(where, f"{what} lacks {', '.join(repr(n) for n in missing)}")


def _mistake(raw: Any, kind: str, where: str) -> Mistake:
    raw = _object(raw, "a mistake", where)
    allowed = {"number": ("function", "find", "wrt", "scale"),
               "canvas": ("function",), "bug": ("answer",), "choice": ()}[kind]
    if not allowed:
        raise _fail(where, "a choice explains wrong picks in each choice's 'why', "
                           "not in 'mistakes'")
    _check_keys(raw, ("why",), allowed, where)
    why = _text(raw, "why", where)
    ways = [k for k in ("function", "find", "scale", "answer") if k in raw]
    if len(ways) != 1:
        raise _fail(where, "a mistake needs exactly one of "
                           f"{', '.join(repr(k) for k in allowed if k != 'wrt')}")
    kw: dict[str, Any] = {}
    if "function" in raw:
        kw["function"] = _formula(raw["function"], "'function'", where)[0]
    if "find" in raw:
        if raw["find"] not in FINDS:
            raise _fail(where, f"'find' must be one of {', '.join(FINDS)}")
        kw["find"] = raw["find"]
        if "wrt" in raw:
            kw["wrt"] = _text(raw, "wrt", where)
    elif "wrt" in raw:
        raise _fail(where, "'wrt' goes with 'find'")
    if "scale" in raw:
        kw["scale"] = _number(raw["scale"], "'scale'", where)
    if "answer" in raw:
        kw["answer"] = _text(raw, "answer", where)
    return Mistake(why, **kw)


# -- the kinds -------------------------------------------------------------------------

def _number_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    function, names = _formula(raw["function"], "'function'", where)
    at = _point(raw["at"], "'at'", where)
    _needs(names, at, "'at'", where)
    if raw["find"] not in FINDS:
        raise _fail(where, f"'find' must be one of {', '.join(FINDS)}")
    kw: dict[str, Any] = {"function": function, "at": at, "find": raw["find"]}
    if raw["find"] == "gradient":
        if raw.get("wrt") not in names:
            raise _fail(where, f"'wrt' must name an input of the function "
                               f"({', '.join(names)})")
        kw["wrt"] = raw["wrt"]
    elif "wrt" in raw:
        raise _fail(where, "'wrt' goes with \"find\": \"gradient\"")
    if "upstream" in raw:
        kw["upstream"] = _number(raw["upstream"], "'upstream'", where)
    return kw


def _canvas_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    function, names = _formula(raw["derivative_of"], "'derivative_of'", where)
    if raw["wrt"] not in names:
        raise _fail(where, f"'wrt' must name an input of 'derivative_of' ({', '.join(names)})")
    points_raw = raw["points"]
    if not isinstance(points_raw, list) or len(points_raw) < 3:
        raise _fail(where, "'points' must list at least three points")
    points = tuple(_point(p, f"point {k + 1}", where) for k, p in enumerate(points_raw))
    for k, p in enumerate(points):
        _needs(names, p, f"point {k + 1}", where)
    solution, sol_names = _formula(raw["solution"], "'solution'", where)
    if not set(sol_names) <= set(names):
        raise _fail(where, "'solution' may use only the inputs of 'derivative_of'")
    kw: dict[str, Any] = {"derivative_of": function, "wrt": raw["wrt"], "points": points,
                          "solution": solution}
    if "start" in raw:
        kw["start"] = _formula(raw["start"], "'start'", where)[0]
    return kw


def _choice_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    items = raw["choices"]
    if not isinstance(items, list) or len(items) < 2:
        raise _fail(where, "'choices' must list at least two choices")
    answer = raw["answer"]
    if isinstance(answer, bool) or not isinstance(answer, int) or \
            not 0 <= answer < len(items):
        raise _fail(where, f"'answer' must be the index of a choice (0 to {len(items) - 1})")
    choices = []
    for k, item in enumerate(items):
        w = f"{where}, choice {k + 1}"
        item = _object(item, "a choice", w)
        _check_keys(item, ("text",), ("why",), w)
        why = _text(item, "why", w) if "why" in item else ""
        if k != answer and not why:
            raise _fail(w, "a wrong choice needs a 'why' (the diagnosis)")
        choices.append(Choice(_text(item, "text", w), why))
    return {"choices": tuple(choices), "answer": answer}


def _bug_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    inputs = _point(raw["inputs"], "'inputs'", where)
    items = raw["nodes"]
    if not isinstance(items, list) or len(items) < 2:
        raise _fail(where, "'nodes' must list at least two nodes")
    known = set(inputs)
    nodes = []
    for k, item in enumerate(items):
        w = f"{where}, node {k + 1}"
        item = _object(item, "a node", w)
        _check_keys(item, ("name", "expr", "d"), (), w)
        name = _text(item, "name", w)
        if not _NAME.match(name) or name in known or name in ops.OPS:
            raise _fail(w, f"{name!r} must be a new name (not an input, an earlier node "
                           "or a function)")
        expr, args = _formula(item["expr"], "'expr'", w)
        unknown = [a for a in args if a not in known]
        if unknown:
            raise _fail(w, f"'expr' uses {', '.join(map(repr, unknown))}, which is neither "
                           "an input nor an earlier node")
        d_raw = _object(item["d"], "'d'", w)
        if sorted(d_raw) != sorted(args):
            raise _fail(w, f"'d' must give the derivative for each of {', '.join(args)}")
        d = {}
        for arg, formula in d_raw.items():
            _, uses = _formula(formula, f"the derivative for {arg!r}", w)
            bad = [u for u in uses if u not in known]
            if bad:
                raise _fail(w, f"the derivative for {arg!r} uses unknown "
                               f"{', '.join(map(repr, bad))}")
            d[arg] = formula
        nodes.append(BugNode(name, expr, d))
        known.add(name)
    return {"inputs": inputs, "nodes": tuple(nodes)}


_KIND_FIELDS = {"number": _number_fields, "canvas": _canvas_fields,
                "choice": _choice_fields, "bug": _bug_fields}


def _exercise(raw: Any, where: str) -> Exercise:
    raw = _object(raw, "an exercise", where)
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(where, f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    required, optional = _KIND_KEYS[kind]
    _check_keys(raw, _COMMON + required, _OPTIONAL + optional, where)
    ex_id = _text(raw, "id", where)
    where = f"{where} ({ex_id!r})"
    kw: dict[str, Any] = {"id": ex_id, "kind": kind, "question": _text(raw, "question", where)}
    kw.update(_KIND_FIELDS[kind](raw, where))
    if "hints" in raw:
        kw["hints"] = _strings(raw["hints"], "'hints'", where)
    if "explain" in raw:
        kw["explain"] = _text(raw, "explain", where)
    if "tolerance" in raw:
        tol = _number(raw["tolerance"], "'tolerance'", where)
        if not 0 < tol < 0.5:
            raise _fail(where, "'tolerance' must be a relative error between 0 and 0.5")
        kw["tolerance"] = tol
    if "mistakes" in raw:
        if not isinstance(raw["mistakes"], list):
            raise _fail(where, "'mistakes' must be a list")
        kw["mistakes"] = tuple(_mistake(m, kind, f"{where}, mistake {k + 1}")
                               for k, m in enumerate(raw["mistakes"]))
    exercise = Exercise(**kw)
    # Computed answers: the engine must be able to give them, and each mistake must
    # differ from the right answer (else its diagnosis could never be shown).
    try:
        answers.validate(exercise)
    except answers.AnswerDataError as exc:
        raise _fail(where, str(exc)) from None
    return exercise


def parse_exercises(data: Any, lesson_ids: list[str] | None = None,
                    source: str = "exercises.json") -> ExerciseBook:
    """An exercise book from decoded JSON, checked (against ``lesson_ids`` if given:
    every lesson needs at least two exercises of two kinds)."""
    data = _object(data, "the file", source)
    _check_keys(data, _FILE_KEYS, (), source)
    if data["format"] != EXERCISES_FORMAT:
        raise _fail(source, f"'format' is {data['format']!r}, expected {EXERCISES_FORMAT!r}")
    if data["version"] != VERSION:
        raise _fail(source, f"version {data['version']!r} is not supported (only {VERSION})")
    lang = data["language"]
    if not isinstance(lang, str) or not lang:
        raise _fail(source, "'language' must be a language code such as \"en\"")
    lessons = _object(data["lessons"], "'lessons'", source)
    book: dict[str, tuple[Exercise, ...]] = {}
    for lesson_id, items in lessons.items():
        where = f"{source}, lesson {lesson_id!r}"
        if lesson_ids is not None and lesson_id not in lesson_ids:
            raise _fail(where, f"there is no such lesson (lessons: {', '.join(lesson_ids)})")
        if not isinstance(items, list) or len(items) < MIN_EXERCISES:
            raise _fail(where, f"needs a list of at least {MIN_EXERCISES} exercises")
        exercises = tuple(_exercise(item, f"{where}, exercise {k + 1}")
                          for k, item in enumerate(items))
        ids = [ex.id for ex in exercises]
        if len(set(ids)) != len(ids):
            raise _fail(where, "an exercise id is used twice")
        if len({ex.kind for ex in exercises}) < 2:
            raise _fail(where, "the exercises must be of at least two kinds")
        book[lesson_id] = exercises
    if lesson_ids is not None:
        missing = [i for i in lesson_ids if i not in book]
        if missing:
            raise _fail(source, f"no exercises for {', '.join(map(repr, missing))}")
    return ExerciseBook(lang, book, source)


def exercises_path(lang: str) -> Path:
    """The exercise file for ``lang`` (``ko_KR`` → ``exercises_ko.json``), English if none."""
    base = (lang or DEFAULT_LANGUAGE).replace("-", "_").split("_")[0].lower()
    path = LESSONS_DIR / f"exercises_{base}.json"
    return path if path.is_file() else LESSONS_DIR / f"exercises_{DEFAULT_LANGUAGE}.json"


def load_exercises(lang: str = DEFAULT_LANGUAGE, path: str | Path | None = None,
                   lesson_ids: list[str] | None = None) -> ExerciseBook:
    """The exercises in ``lang`` (English when that language has no file)."""
    p = Path(path) if path is not None else exercises_path(lang)
    return parse_exercises(_read_json(p), lesson_ids, p.name)


def parallel_differences(a: ExerciseBook, b: ExerciseBook) -> list[str]:
    """Where two language files disagree in anything but words (empty: they match)."""
    problems: list[str] = []
    if list(a.lessons) != list(b.lessons):
        return [f"lessons differ: {list(a.lessons)} vs {list(b.lessons)}"]
    for lesson_id, items in a.lessons.items():
        other = b.lessons[lesson_id]
        if len(items) != len(other):
            problems.append(f"lesson {lesson_id!r}: {len(items)} exercises vs {len(other)}")
            continue
        for ea, eb in zip(items, other):
            da, db = ea.actions(), eb.actions()
            for key in da:
                if da[key] != db[key]:
                    problems.append(f"lesson {lesson_id!r}, exercise {ea.id!r}: {key} "
                                    f"{da[key]!r} vs {db[key]!r}")
    return problems


__all__ = ["ATOL", "EXERCISES_FORMAT", "KINDS", "RTOL", "BugNode", "Choice", "Exercise",
           "ExerciseBook", "LessonDataError", "Mistake", "exercises_path", "load_exercises",
           "parallel_differences", "parse_exercises"]
