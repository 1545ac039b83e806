"""Lessons and example graphs as data: loading and validation (no Qt, no code).

The lessons live in ``resources/lessons/lessons_<lang>.json``, one file per
language with the same lessons, pages and actions (only titles and texts
differ); the example graphs in ``resources/examples/examples.json``.  Both are
JSON only: they are read with ``json.loads`` and checked field by field, never
evaluated.  Anything unexpected (an unknown key, a missing field, a wrong type,
an example id that does not exist, a value for an input the example lacks) is a
``LessonDataError`` that says which file, lesson, page and field.

A page may, besides its text:

* ``example``: load an example graph (by id), optionally with other ``values``;
* ``mode`` / ``wrt`` / ``upstream``: the stepping settings (reverse or forward
  mode, the input forward mode follows, the upstream gradient);
* ``point_at``: the objectName of an action or widget to point at;
* ``until_step``: the stepping position the student should reach on this page;
* ``show``: a panel to bring forward (see ``SHOW_TARGETS``), with ``plot_input``
  for plots; ``numdiff:secant`` / ``numdiff:table`` are the numerical-differentiation
  lesson's own widgets (secant with an h slider; every method's error at a chosen h);
* ``quotes``: strings the app shows on this page (numbers, narration lines);
  tests check that the app really shows them.

A lesson may carry a teacher's ``classroom`` object (predict mode, a reduced set of
panels, hidden answers: see ``classroom.py``); its exercises are in
``exercises_<lang>.json`` (``exercises.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..core.expr import ParseError, parse
from ..core.graph import Document, GraphError, as_value
from .classroom import Classroom, ClassroomError, parse_classroom

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
EXAMPLES_PATH = RESOURCES / "examples" / "examples.json"
LESSONS_DIR = RESOURCES / "lessons"
TENSORS_DEMO_PATH = LESSONS_DIR / "tensors_demo.py"  # run as a script by the lessons panel
DEFAULT_LANGUAGE = "en"

LESSONS_FORMAT = "autodiff-studio-lessons"
EXAMPLES_FORMAT = "autodiff-studio-examples"
VERSION = 1

MODES = ("reverse", "forward")
SHOW_TARGETS = ("compare", "plots:function", "plots:error", "plots:contour", "plots:loss",
                "code:seed", "code:torch", "torch:tensors", "torch:mechanics",
                "numdiff:secant", "numdiff:table")
# Shows that need a graph on the canvas.
_SHOW_NEEDS_EXAMPLE = {"plots:function", "plots:error", "plots:contour", "torch:mechanics",
                       "numdiff:secant", "numdiff:table"}

_FILE_KEYS = {"format", "version", "language", "lessons"}
_LESSON_KEYS = {"id", "title", "pages"}
_PAGE_REQUIRED = ("title", "text")
_PAGE_OPTIONAL = ("example", "values", "mode", "wrt", "upstream", "point_at", "until_step",
                  "show", "plot_input", "quotes")
_EXAMPLES_FILE_KEYS = {"format", "version", "examples"}
_EXAMPLE_REQUIRED = ("id", "title", "expression", "values")
_EXAMPLE_OPTIONAL = ("trainable",)


class LessonDataError(ValueError):
    """A lesson or example file that does not follow the format (says where and why)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Example:
    """An example graph: an expression and the values of its inputs."""

    id: str
    titles: Mapping[str, str]  # by language; "en" is always there
    expression: str
    values: Mapping[str, Any]  # input name -> float or float64 array
    inputs: tuple[str, ...]  # the expression's input names, in order of appearance
    trainable: tuple[str, ...] | None = None  # inputs a gradient step updates by default

    def title(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The title in ``lang`` (English when there is none in that language)."""
        return self.titles.get(lang) or self.titles[DEFAULT_LANGUAGE]

    def document(self, values: Mapping[str, Any] | None = None) -> Document:
        """A fresh document of the example (``values`` override the example's)."""
        merged = {**self.values, **(values or {})}
        return parse(self.expression, values=merged)


@dataclass(frozen=True)
class Page:
    """One page of a lesson: a text and what the app does when it is shown."""

    title: str
    text: str
    example: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    mode: str | None = None
    wrt: str | None = None
    upstream: Any = None
    point_at: str | None = None
    until_step: int | None = None
    show: str | None = None
    plot_input: str | None = None
    quotes: tuple[str, ...] = ()

    def actions(self) -> dict[str, Any]:
        """Everything but the words: what must agree between languages."""
        return {
            "example": self.example,
            "values": {k: _plain(v) for k, v in self.values.items()},
            "mode": self.mode, "wrt": self.wrt, "upstream": _plain(self.upstream),
            "point_at": self.point_at, "until_step": self.until_step, "show": self.show,
            "plot_input": self.plot_input, "quotes": list(self.quotes),
        }


@dataclass(frozen=True)
class Lesson:
    """A short sequence of pages."""

    id: str
    title: str
    pages: tuple[Page, ...]
    classroom: Classroom | None = None  # what the lesson asks of the window


@dataclass(frozen=True)
class LessonBook:
    """All lessons of one language file."""

    language: str
    lessons: tuple[Lesson, ...]
    source: str = ""

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(lesson_id)

    def ids(self) -> list[str]:
        return [lesson.id for lesson in self.lessons]


def _plain(v: Any) -> Any:
    return v.tolist() if isinstance(v, np.ndarray) else v


# -- small checkers ---------------------------------------------------------------

def _fail(where: str, message: str) -> LessonDataError:
    return LessonDataError(f"{where}: {message}")


def _check_keys(obj: Mapping[str, Any], required: Iterable[str], optional: Iterable[str],
                where: str) -> None:
    required = tuple(required)
    allowed = set(required) | set(optional)
    unknown = sorted(k for k in obj if k not in allowed)
    if unknown:
        raise _fail(where, f"unknown key{'s' if len(unknown) > 1 else ''} "
                           f"{', '.join(repr(k) for k in unknown)} "
                           f"(allowed: {', '.join(sorted(allowed))})")
    missing = [k for k in required if k not in obj]
    if missing:
        raise _fail(where, f"missing {', '.join(repr(k) for k in missing)}")


def _text(obj: Mapping[str, Any], key: str, where: str) -> str:
    value = obj[key]
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"{key!r} must be a non-empty string")
    return value


def _object(value: Any, what: str, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"{what} must be a JSON object")
    return value


def _number_or_array(value: Any, what: str, where: str) -> Any:
    # JSON booleans are ints in Python: a value true would silently become 1.0.
    if isinstance(value, bool) or not isinstance(value, (int, float, list)):
        raise _fail(where, f"{what} must be a number or an array of numbers")
    try:
        return as_value(value)
    except ValueError as exc:
        raise _fail(where, f"{what}: {exc}") from None


def _values(obj: Any, inputs: Iterable[str], where: str) -> dict[str, Any]:
    obj = _object(obj, "'values'", where)
    names = set(inputs)
    out: dict[str, Any] = {}
    for name, raw in obj.items():
        if name not in names:
            raise _fail(where, f"'values' names {name!r}, which is not an input of the "
                               f"example (its inputs: {', '.join(sorted(names)) or 'none'})")
        out[name] = _number_or_array(raw, f"the value of {name!r}", where)
    return out


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LessonDataError(f"{path.name}: cannot read: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LessonDataError(f"{path.name}: not valid JSON: {exc.msg} "
                              f"(line {exc.lineno}, column {exc.colno})") from None


def _check_header(data: Any, fmt: str, keys: set[str], source: str) -> Mapping[str, Any]:
    data = _object(data, "the file", source)
    _check_keys(data, sorted(keys), (), source)
    if data["format"] != fmt:
        raise _fail(source, f"'format' is {data['format']!r}, expected {fmt!r}")
    if data["version"] != VERSION:
        raise _fail(source, f"version {data['version']!r} is not supported (only {VERSION})")
    return data


# -- examples -------------------------------------------------------------------------

def parse_examples(data: Any, source: str = "examples.json") -> dict[str, Example]:
    """Examples from decoded JSON, checked; keyed by id in file order."""
    data = _check_header(data, EXAMPLES_FORMAT, _EXAMPLES_FILE_KEYS, source)
    if not isinstance(data["examples"], list) or not data["examples"]:
        raise _fail(source, "'examples' must be a non-empty list")
    examples: dict[str, Example] = {}
    for i, raw in enumerate(data["examples"]):
        where = f"{source}, example {i + 1}"
        raw = _object(raw, "an example", where)
        _check_keys(raw, _EXAMPLE_REQUIRED, _EXAMPLE_OPTIONAL, where)
        ex_id = _text(raw, "id", where)
        where = f"{source}, example {ex_id!r}"
        if ex_id in examples:
            raise _fail(where, "the id is used twice")
        titles = _object(raw["title"], "'title'", where)
        if DEFAULT_LANGUAGE not in titles:
            raise _fail(where, f"'title' needs an {DEFAULT_LANGUAGE!r} entry")
        for lang, title in titles.items():
            if not isinstance(title, str) or not title.strip():
                raise _fail(where, f"the {lang!r} title must be a non-empty string")
        expression = _text(raw, "expression", where)
        try:
            doc = parse(expression)
        except ParseError as exc:
            raise _fail(where, f"the expression does not parse: {exc}") from None
        inputs = tuple(doc.inputs())
        values = _values(raw["values"], inputs, where)
        missing = [n for n in inputs if n not in values]
        if missing:
            raise _fail(where, f"'values' lacks {', '.join(repr(n) for n in missing)}")
        try:
            parse(expression, values=values)
        except (ParseError, GraphError) as exc:
            raise _fail(where, f"the values do not fit: {exc}") from None
        trainable = None
        if "trainable" in raw:
            t = raw["trainable"]
            if not isinstance(t, list) or not t or \
                    not all(isinstance(n, str) and n in inputs for n in t):
                raise _fail(where, "'trainable' must be a non-empty list of the example's "
                                   "inputs")
            trainable = tuple(t)
        examples[ex_id] = Example(ex_id, dict(titles), expression, values, inputs, trainable)
    return examples


def load_examples(path: str | Path | None = None) -> dict[str, Example]:
    """The example graphs (``resources/examples/examples.json`` by default)."""
    p = Path(path) if path is not None else EXAMPLES_PATH
    return parse_examples(_read_json(p), p.name)


# -- lessons --------------------------------------------------------------------------

def _page(raw: Any, examples: Mapping[str, Example], where: str) -> Page:
    raw = _object(raw, "a page", where)
    _check_keys(raw, _PAGE_REQUIRED, _PAGE_OPTIONAL, where)
    title = _text(raw, "title", where)
    text = _text(raw, "text", where)
    kw: dict[str, Any] = {}
    example: Example | None = None
    if "example" in raw:
        ex_id = raw["example"]
        if not isinstance(ex_id, str) or ex_id not in examples:
            raise _fail(where, f"unknown example {ex_id!r} (known: {', '.join(examples)})")
        example = examples[ex_id]
        kw["example"] = ex_id
    needs = [k for k in ("values", "mode", "wrt", "upstream", "until_step", "plot_input")
             if k in raw]
    if needs and example is None:
        raise _fail(where, f"{', '.join(repr(k) for k in needs)} need an 'example'")
    inputs = example.inputs if example is not None else ()
    if "values" in raw:
        kw["values"] = _values(raw["values"], inputs, where)
    if "mode" in raw:
        if raw["mode"] not in MODES:
            raise _fail(where, f"'mode' must be one of {', '.join(MODES)}, "
                               f"not {raw['mode']!r}")
        kw["mode"] = raw["mode"]
    if "wrt" in raw:
        if kw.get("mode") != "forward":
            raise _fail(where, "'wrt' goes with \"mode\": \"forward\"")
        if raw["wrt"] not in inputs:
            raise _fail(where, f"'wrt' must name an input of the example, not {raw['wrt']!r}")
        kw["wrt"] = raw["wrt"]
    if "upstream" in raw:
        kw["upstream"] = _plain(_number_or_array(raw["upstream"], "'upstream'", where))
    if "point_at" in raw:
        kw["point_at"] = _text(raw, "point_at", where)
    if "until_step" in raw:
        n = raw["until_step"]
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise _fail(where, "'until_step' must be a positive whole number")
        if "point_at" not in raw:
            raise _fail(where, "'until_step' needs a 'point_at' (the control to press)")
        kw["until_step"] = n
    if "show" in raw:
        show = raw["show"]
        if show not in SHOW_TARGETS:
            raise _fail(where, f"'show' must be one of {', '.join(SHOW_TARGETS)}, "
                               f"not {show!r}")
        if show in _SHOW_NEEDS_EXAMPLE and example is None:
            raise _fail(where, f"'show': {show!r} needs an 'example'")
        kw["show"] = show
    if "plot_input" in raw:
        if not str(kw.get("show", "")).startswith("plots:"):
            raise _fail(where, "'plot_input' goes with a \"plots:...\" 'show'")
        if raw["plot_input"] not in inputs:
            raise _fail(where, f"'plot_input' must name an input of the example, "
                               f"not {raw['plot_input']!r}")
        kw["plot_input"] = raw["plot_input"]
    if "quotes" in raw:
        q = raw["quotes"]
        if not isinstance(q, list) or not all(isinstance(s, str) and s for s in q):
            raise _fail(where, "'quotes' must be a list of non-empty strings")
        kw["quotes"] = tuple(q)
    return Page(title=title, text=text, **kw)


def parse_lessons(data: Any, examples: Mapping[str, Example],
                  source: str = "lessons.json") -> LessonBook:
    """A lesson book from decoded JSON, checked against ``examples``."""
    data = _check_header(data, LESSONS_FORMAT, _FILE_KEYS, source)
    lang = data["language"]
    if not isinstance(lang, str) or not lang:
        raise _fail(source, "'language' must be a language code such as \"en\"")
    if not isinstance(data["lessons"], list) or not data["lessons"]:
        raise _fail(source, "'lessons' must be a non-empty list")
    lessons: list[Lesson] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["lessons"]):
        where = f"{source}, lesson {i + 1}"
        raw = _object(raw, "a lesson", where)
        _check_keys(raw, ("id", "title", "pages"), ("classroom",), where)
        lesson_id = _text(raw, "id", where)
        where = f"{source}, lesson {lesson_id!r}"
        if lesson_id in seen:
            raise _fail(where, "the id is used twice")
        seen.add(lesson_id)
        title = _text(raw, "title", where)
        pages_raw = raw["pages"]
        if not isinstance(pages_raw, list) or not pages_raw:
            raise _fail(where, "'pages' must be a non-empty list")
        pages = tuple(_page(p, examples, f"{where}, page {k + 1}")
                      for k, p in enumerate(pages_raw))
        classroom = None
        if "classroom" in raw:
            try:
                classroom = parse_classroom(raw["classroom"])
            except ClassroomError as exc:
                raise _fail(where, str(exc)) from None
        lessons.append(Lesson(lesson_id, title, pages, classroom))
    return LessonBook(lang, tuple(lessons), source)


def lessons_path(lang: str) -> Path:
    """The lesson file for ``lang`` (``ko_KR`` → ``lessons_ko.json``), English if none."""
    base = (lang or DEFAULT_LANGUAGE).replace("-", "_").split("_")[0].lower()
    path = LESSONS_DIR / f"lessons_{base}.json"
    return path if path.is_file() else LESSONS_DIR / f"lessons_{DEFAULT_LANGUAGE}.json"


def available_languages() -> list[str]:
    """Languages that have a lesson file, English first."""
    found = sorted(p.stem.removeprefix("lessons_") for p in LESSONS_DIR.glob("lessons_*.json"))
    return sorted(found, key=lambda lang: lang != DEFAULT_LANGUAGE)


def load_lessons(lang: str = DEFAULT_LANGUAGE, path: str | Path | None = None,
                 examples: Mapping[str, Example] | None = None) -> LessonBook:
    """The lessons in ``lang`` (English when that language has no file)."""
    p = Path(path) if path is not None else lessons_path(lang)
    if examples is None:
        examples = load_examples()
    return parse_lessons(_read_json(p), examples, p.name)


def parallel_differences(a: LessonBook, b: LessonBook) -> list[str]:
    """Where two language files disagree in anything but words (empty: they match)."""
    problems: list[str] = []
    if a.ids() != b.ids():
        problems.append(f"lesson ids differ: {a.ids()} vs {b.ids()}")
        return problems
    for la, lb in zip(a.lessons, b.lessons):
        if la.classroom != lb.classroom:
            problems.append(f"lesson {la.id!r}: classroom {la.classroom} vs {lb.classroom}")
        if len(la.pages) != len(lb.pages):
            problems.append(f"lesson {la.id!r}: {len(la.pages)} pages vs {len(lb.pages)}")
            continue
        for k, (pa, pb) in enumerate(zip(la.pages, lb.pages), start=1):
            da, db = pa.actions(), pb.actions()
            for key in da:
                if da[key] != db[key]:
                    problems.append(f"lesson {la.id!r}, page {k}: {key} {da[key]!r} "
                                    f"vs {db[key]!r}")
    return problems


def values_differ(a: Any, b: Any) -> bool:
    """True if two input values differ (shape or any element)."""
    if np.shape(a) != np.shape(b):
        return True
    if np.ndim(a) == 0:
        return float(a) != float(b)
    return not np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
