"""The exercise files: valid, parallel across languages, solvable, every diagnosis reachable.

``course.exercises`` loads and checks the files; ``course.answers`` computes each right
answer and each typical mistake with the engine.  These tests answer every exercise in
both languages with the right value (→ correct) and with each typical wrong value (→ its
diagnosis), and feed the loader broken data to see that it says what and where.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import numpy as np
import pytest

from autodiff_gui.core.expr import parse
from autodiff_gui.course import answers as A
from autodiff_gui.course import exercises as E
from autodiff_gui.course import lessons as L
from autodiff_gui.course.classroom import Classroom, ClassroomError, parse_classroom
from autodiff_gui.course.progress import Progress

LANGS = ("en", "ko")


@pytest.fixture(scope="module")
def lesson_books() -> dict[str, L.LessonBook]:
    return {lang: L.load_lessons(lang) for lang in LANGS}


@pytest.fixture(scope="module")
def books(lesson_books) -> dict[str, E.ExerciseBook]:
    ids = lesson_books["en"].ids()
    return {lang: E.load_exercises(lang, lesson_ids=ids) for lang in LANGS}


def all_exercises(book: E.ExerciseBook):
    for lesson_id, items in book.lessons.items():
        for ex in items:
            yield lesson_id, ex


def test_every_lesson_ends_with_two_kinds_and_the_books_are_parallel(books, lesson_books):
    en, ko = books["en"], books["ko"]
    assert list(en.lessons) == lesson_books["en"].ids()
    assert E.parallel_differences(en, ko) == []
    for lesson_id in en.lessons:
        kinds = {ex.kind for ex in en.for_lesson(lesson_id)}
        assert len(en.for_lesson(lesson_id)) >= 2 and len(kinds) >= 2, lesson_id
    kinds = {ex.kind for _, ex in all_exercises(en)}
    assert kinds == set(E.KINDS)
    for (_, a), (_, b) in zip(all_exercises(en), all_exercises(ko)):
        assert a.question != b.question  # translated, not copied
        assert any("\uac00" <= ch <= "\ud7a3" for ch in b.question)
    assert E.exercises_path("ko_KR").name == "exercises_ko.json"
    assert E.exercises_path("fr").name == "exercises_en.json"


def right_answer(ex: E.Exercise):
    if ex.kind == "number":
        return repr(A.expected_number(ex))
    if ex.kind == "choice":
        return ex.answer
    if ex.kind == "canvas":
        return parse(ex.solution or "")
    return A.wrong_nodes(ex)[0]


def mistaken_answers(ex: E.Exercise):
    """(answer, the diagnosis it must get) for every typical mistake."""
    if ex.kind == "number":
        for k, m in enumerate(ex.mistakes):
            yield f"{A.mistake_number(ex, k):.6g}", m.why
    elif ex.kind == "canvas":
        for m in ex.mistakes:
            yield parse(m.function or ""), m.why
    elif ex.kind == "choice":
        for k, c in enumerate(ex.choices):
            if k != ex.answer:
                yield k, c.why
    else:
        for m in ex.mistakes:
            yield m.answer, m.why


@pytest.mark.parametrize("lang", LANGS)
def test_every_exercise_is_solvable_and_every_mistake_diagnosed(books, lang):
    count = 0
    for lesson_id, ex in all_exercises(books[lang]):
        verdict = A.check(ex, right_answer(ex))
        assert verdict.correct and verdict.code == "correct", (lesson_id, ex.id, verdict)
        mistakes = list(mistaken_answers(ex))
        assert mistakes, (ex.id, "no typical mistake")
        for answer, why in mistakes:
            verdict = A.check(ex, answer)
            assert not verdict.correct and verdict.code == "mistake", (ex.id, answer, verdict)
            assert verdict.why == why and why
            count += 1
    assert count >= 30


def test_the_computed_answers_are_the_engines(books):
    """A few answers worked out by hand: the data holds no numbers, the engine does."""
    en = books["en"]
    seed = en.exercise("autograd", "seed_dy")
    assert A.expected_number(seed) == pytest.approx(8 / 3)
    assert A.expected_number(en.exercise("autograd", "accumulate")) == \
        pytest.approx(3 * 4 * np.log(2))
    s = 1 / (1 + np.exp(-1.0))
    assert A.expected_number(en.exercise("neuron", "neuron_dw")) == \
        pytest.approx(2 * (s - 1) * s * (1 - s) * 2)
    assert A.expected_number(en.exercise("arrays", "mean_matmul")) == pytest.approx(4 / 3)
    canvas = en.exercise("by_hand", "build_product_rule")
    xs = [p["x"] for p in canvas.points]
    np.testing.assert_allclose(A.expected_derivative(canvas),
                               [np.cos(x) * x + np.sin(x) for x in xs])
    assert A.wrong_nodes(en.exercise("by_hand", "seed_table")) == ["z"]
    assert A.wrong_nodes(en.exercise("neuron", "neuron_table")) == ["s"]


def test_best_h_is_the_error_sweeps_minimum(books):
    """The h the choice calls best is the one with the smallest central-difference error."""
    from autodiff_gui.check.finite_diff import central_difference

    ex = books["en"].exercise("numerical", "best_h")
    hs = [float(c.text.split("=")[1]) for c in ex.choices]
    errors = [abs(central_difference(np.sin, 1.0, h) - np.cos(1.0)) for h in hs]
    assert int(np.argmin(errors)) == ex.answer


def test_typed_answers_wrong_and_unreadable(books):
    ex = books["en"].exercise("autograd", "seed_dy")
    assert A.check_number(ex, "8/3").correct
    assert A.check_number(ex, "2.667").correct  # rounded to 4 digits
    assert A.check_number(ex, " 2.6667 ").correct
    v = A.check_number(ex, "5")
    assert (v.correct, v.code, v.params["answer"]) == (False, "wrong", 5.0)
    assert A.check_number(ex, "").code == "empty"
    v = A.check_number(ex, "2 +* 3")
    assert v.code == "unreadable" and v.params["reason"]
    assert A.check_number(ex, "x + 1").code == "has_names"
    assert A.check_number(ex, "__import__('os')").code in ("unreadable", "has_names")
    assert A.check_number(ex, "log(0)").code == "unreadable"
    v = A.check_number(ex, "−2.667")  # the typographic minus sign is read
    assert v.code == "wrong" and v.params["answer"] == -2.667


def test_canvas_checks_evaluate_the_graph_not_its_text(books):
    ex = books["en"].exercise("by_hand", "build_product_rule")
    # Another way to write the same derivative is right.
    assert A.check_canvas(ex, parse("sin(x) + x * cos(x)")).correct
    assert A.check_canvas(ex, parse("x*cos(x) + sin(x) + 0*x")).correct
    v = A.check_canvas(ex, parse("cos(x) * x + sin(x) + 0.1"))
    assert v.code == "wrong" and v.params["point"] == "x = 0.5"
    assert A.check_canvas(ex, parse("cos(y)")).code == "canvas_inputs"
    assert A.check_canvas(ex, parse("[1, 2] * x")).code == "canvas_not_number"
    assert A.check_canvas(ex, parse("log(x)")).code == "canvas_error"  # log of -2
    from autodiff_gui.core.graph import Document

    assert A.check_canvas(ex, Document()).code == "canvas_empty"


def test_bug_check_table(books):
    ex = books["en"].exercise("by_hand", "seed_table")
    rows = A.node_rows(ex)
    assert [(r.node, r.arg) for r in rows] == [("a", "x"), ("b", "x"), ("c", "a"),
                                               ("c", "b"), ("d", "y"), ("z", "c"), ("z", "d")]
    assert [r.node for r in rows if not r.agrees] == ["z", "z"]
    written, engine = A.table_gradient(ex)
    assert engine["x"] == pytest.approx(4 * np.log(2)) and engine["y"] == pytest.approx(1.5)
    assert written["x"] != pytest.approx(engine["x"])
    v = A.check_bug(ex, "b")
    assert v.code == "bug_fine" and "∂b/∂x: 2 ≈ 2" in v.params["checks"]
    assert A.check_bug(ex, "q").code == "bug_unknown"
    assert parse(ex.bug_expression()).inputs().keys() == {"x", "y"}


# -- validation --------------------------------------------------------------------

def data() -> dict:
    return json.loads((L.LESSONS_DIR / "exercises_en.json").read_text(encoding="utf-8"))


def refused(mutate, *fragments: str, ids=None) -> str:
    bad = data()
    mutate(bad)
    with pytest.raises(L.LessonDataError) as info:
        E.parse_exercises(bad, ids, "exercises_en.json")
    for fragment in fragments:
        assert fragment in info.value.message, info.value.message
    return info.value.message


@pytest.mark.parametrize("mutate, fragments", [
    (lambda d: d["lessons"]["autograd"][0].update(kind="essay"), ["'kind' must be one of"]),
    (lambda d: d["lessons"]["autograd"][0].update(wrt="q"), ["'wrt' must name an input"]),
    (lambda d: d["lessons"]["autograd"][0].update(function="(x**2 +"), ["does not parse"]),
    (lambda d: d["lessons"]["autograd"][0]["at"].pop("y"), ["'at' lacks 'y'"]),
    (lambda d: d["lessons"]["autograd"][0]["mistakes"].append(
        {"function": "(x**2 + 2*x) / y", "why": "same"}), ["gives the right answer"]),
    (lambda d: d["lessons"]["autograd"][0].update(answer=3), ["unknown key 'answer'"]),
    (lambda d: d["lessons"]["autograd"][2].update(answer=7), ["index of a choice"]),
    (lambda d: d["lessons"]["autograd"][2]["choices"][1].pop("why"), ["needs a 'why'"]),
    (lambda d: d["lessons"]["by_hand"][0]["nodes"][4].update(d={"c": "d", "d": "c"}),
     ["exactly one node must be wrong, not none"]),
    (lambda d: d["lessons"]["by_hand"][0]["nodes"][2]["d"].update(a="2"),
     ["exactly one node must be wrong"]),
    (lambda d: d["lessons"]["by_hand"][0]["nodes"][2].update(expr="a + q"),
     ["neither an input nor an earlier node"]),
    (lambda d: d["lessons"]["by_hand"][0]["nodes"][1].update(name="log"), ["new name"]),
    (lambda d: d["lessons"]["by_hand"][2].update(solution="cos(x) * x"),
     ["'solution' is not the derivative"]),
    (lambda d: d["lessons"]["by_hand"][2]["points"].pop(), ["at least three points"]),
    (lambda d: d["lessons"]["by_hand"][0]["mistakes"][0].update(answer="z"),
     ["not the wrong one"]),
    (lambda d: d["lessons"]["neuron"].pop(), []),  # still two, of two kinds: fine below
])
def test_bad_exercises_are_refused(mutate, fragments):
    if not fragments:
        bad = data()
        mutate(bad)
        E.parse_exercises(bad)
        return
    message = refused(mutate, *fragments)
    assert message.startswith("exercises_en.json, lesson ")


def test_lessons_without_exercises_and_one_kind_are_refused(lesson_books):
    ids = lesson_books["en"].ids()
    refused(lambda d: d["lessons"].pop("arrays"), "no exercises for 'arrays'", ids=ids)
    refused(lambda d: d["lessons"].update(extra=d["lessons"]["arrays"]),
            "lesson 'extra': there is no such lesson", ids=ids)
    refused(lambda d: d["lessons"]["tensors"].__setitem__(
        0, copy.deepcopy(d["lessons"]["tensors"][1]) | {"id": "other"}),
        "at least two kinds")
    refused(lambda d: d["lessons"]["tensors"].pop(), "at least 2 exercises")
    refused(lambda d: d.update(format="x"), "'format'")


def test_classroom_in_lessons_and_its_validation(lesson_books):
    raw = json.loads((L.LESSONS_DIR / "lessons_en.json").read_text(encoding="utf-8"))
    raw["lessons"][3]["classroom"] = {"predict": True, "panels": ["narration", "inputs"],
                                      "hide_answers": True}
    book = L.parse_lessons(raw, L.load_examples())
    assert book.lesson("by_hand").classroom == Classroom(True, ("narration", "inputs"), True)
    assert book.lesson("modes").classroom is None
    assert L.parallel_differences(book, lesson_books["ko"]) == \
        ["lesson 'by_hand': classroom Classroom(predict=True, panels=('narration', 'inputs'), "
         "hide_answers=True) vs None"]
    raw["lessons"][3]["classroom"] = {"panels": ["narration", "canvas"]}
    with pytest.raises(L.LessonDataError, match="lesson 'by_hand': 'classroom': unknown "
                                                "panel 'canvas'"):
        L.parse_lessons(raw, L.load_examples())
    for bad, fragment in [([], "must be a JSON object"), ({"predict": 1}, "true or false"),
                          ({"panel": []}, "unknown key 'panel'"),
                          ({"panels": "narration"}, "list of panel names")]:
        with pytest.raises(ClassroomError, match=fragment):
            parse_classroom(bad)
    assert parse_classroom({}).to_json() == {}


# -- progress -------------------------------------------------------------------------

def test_progress_round_trip_and_export(books, lesson_books):
    p = Progress()
    assert p.page_seen("by_hand", 0) and not p.page_seen("by_hand", 0)
    p.answered("by_hand", "fan_out", False)
    p.hint_taken("by_hand", "fan_out")
    rec = p.answered("by_hand", "fan_out", True)
    assert (rec.tries, rec.solved, rec.solved_at_try, rec.hints) == (2, True, 2, 1)
    p.answered("by_hand", "fan_out", False)  # solved stays solved
    p.revealed("modes", "one_pass")
    back = Progress.from_text(p.to_text())
    assert back == p
    for junk in ("", "not json", "[1]", '{"pages": {"a": [1, "x", -1, true]}, "exercises": '
                                         '{"a": {"e": {"tries": "many", "solved": 1}}}}'):
        q = Progress.from_text(junk)
        assert q.pages.get("a", {1}) == {1} and not q.is_solved("a", "e")
    lessons = lesson_books["en"].lessons
    out = p.export(lessons, books["en"].lessons, language="en",
                   now=datetime(2026, 12, 4, tzinfo=UTC))
    assert out["format"] == "autodiff-studio-progress" and out["exported"].startswith(
        "2026-12-04")
    by_hand = next(x for x in out["lessons"] if x["id"] == "by_hand")
    assert by_hand["title"] == "4. Reverse mode by hand" and by_hand["pages_seen"] == 1
    fan = next(e for e in by_hand["exercises"] if e["id"] == "fan_out")
    assert fan == {"id": "fan_out", "kind": "number", "tries": 3, "solved": True,
                   "solved_at_try": 2, "hints": 1, "revealed": False}
    assert out["solved"] == 1 and out["total"] == sum(len(v) for v in books["en"].lessons.values())
    json.dumps(out)  # plain JSON
