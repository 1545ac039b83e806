"""course.predict: what is asked before each step of the seed example, and the judge.

f(x, y) = (x² + 2x)·log(y) at x = 1, y = 2 (the notebook's example): every usual
mistake is given as the student would type it, and the diagnosis is checked.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from autodiff_gui.core.engine import Stepper, compile_graph
from autodiff_gui.core.expr import parse
from autodiff_gui.core.narration import Narration
from autodiff_gui.course.predict import (
    MESSAGES,
    AnswerError,
    Facts,
    LessonScores,
    PassScore,
    Question,
    close_to,
    judge,
    questions_for,
    read_answer,
    scores_from_json,
    scores_to_json,
    working,
)

SEED = "(x**2 + 2*x) * log(y)"
LOG2 = math.log(2)


def seed_questions(mode: str = "reverse", upstream: float = 1.0, wrt: str | None = None,
                   text: str = SEED) -> tuple[list[Question], Narration, dict[str, float]]:
    program = compile_graph(parse(text, {"x": 1.0, "y": 2.0}))
    st = Stepper(program, mode=mode, upstream=upstream, wrt=wrt)
    st.run_to_end()
    narration = Narration(program, st.records, upstream)
    asked = [q for i, r in enumerate(st.records) for q in questions_for(r, i, narration)]
    known = {r.label: r.value for r in st.records
             if r.label.isidentifier() and r.value is not None}
    return asked, narration, known


def find(asked: list[Question], kind: str, symbol: str) -> Question:
    return next(q for q in asked if (q.kind, q.symbol) == (kind, symbol))


def test_what_is_asked_through_the_seed_example():
    asked, _n, _k = seed_questions()
    assert [(q.kind, q.symbol) for q in asked] == [
        ("value", "a"), ("value", "b"), ("value", "c"), ("value", "d"), ("value", "z"),
        ("gradient", "∂f/∂c"), ("gradient", "∂f/∂d"), ("gradient", "∂f/∂y"),
        ("gradient", "∂f/∂a"), ("gradient", "∂f/∂b"),
        ("contribution", "∂f/∂x"), ("running_sum", "∂f/∂x")]
    rights = [float(q.right) for q in asked]
    assert rights == pytest.approx([1, 2, 3, LOG2, 3 * LOG2, LOG2, 3, 1.5, LOG2, LOG2,
                                    2 * LOG2, 4 * LOG2])
    sum_q = asked[-1]
    assert sum_q.count == (2, 2) and sum_q.out == "a" and sum_q.line == "a = x ** 2"
    assert str(sum_q.prompt()) == ("Backward pass through a = x ** 2: predict ∂f/∂x after "
                                   "adding the contribution through a (2 of 2 contributions).")
    assert str(asked[0].prompt()) == "Forward pass: predict the value. a = x ** 2 = ?"
    # the z step asks two questions (one per contribution), keyed apart
    assert asked[5].key != asked[6].key and asked[5].index == asked[6].index


def test_forward_mode_asks_for_tangents_including_zero():
    asked, _n, _k = seed_questions("forward", wrt="x")
    assert [q.symbol for q in asked] == ["∂a/∂x", "∂b/∂x", "∂c/∂x", "∂d/∂x", "∂z/∂x"]
    assert [float(q.right) for q in asked] == pytest.approx([2, 2, 4, 0, 4 * LOG2])
    assert str(asked[2].prompt()) == "Forward mode through c = a + b: predict ∂c/∂x."


def test_tolerance_is_a_tenth_of_a_percent_or_one_millionth():
    assert close_to(0.6931, LOG2) and close_to(2.7726, 4 * LOG2)
    assert not close_to(0.69, LOG2)
    assert close_to(5e-7, 0.0) and not close_to(2e-6, 0.0)
    assert close_to([1.0, 2.0005], np.array([1.0, 2.0])) and not close_to([1.0], [1.0, 2.0])


def test_answers_are_read_by_the_projects_parser_never_by_python():
    assert read_answer("2*log(2)") == pytest.approx(2 * LOG2)
    assert read_answer("1/2") == 0.5 and read_answer("-1.5") == -1.5
    assert read_answer("c*d", {"c": 3.0, "d": LOG2}) == pytest.approx(3 * LOG2)
    assert np.array_equal(read_answer("[1, 2]"), [1.0, 2.0])
    for bad, why in [("", "Type a number"), ("q + 1", "q: not known here"),
                     ("log(0)", "That is not a number"), ("__import__('os')", "")]:
        with pytest.raises(AnswerError) as info:
            read_answer(bad)
        assert why in str(info.value)


@pytest.mark.parametrize(("kind", "symbol", "typed", "code", "phrase"), [
    ("gradient", "∂f/∂c", "3", "swapped", "you multiplied by c = 3"),
    ("gradient", "∂f/∂d", "0.6931", "swapped", "∂(c·d)/∂d = c"),
    ("contribution", "∂f/∂x", "log(2)", "swapped", "you multiplied by x = 1"),
    ("running_sum", "∂f/∂x", "2*log(2)", "fan_out", "only the contribution through a"),
    ("gradient", "∂f/∂y", "0.5", "upstream", "∂f/∂d = 3"),
    ("contribution", "∂f/∂x", "2", "upstream", "local derivative alone (2)"),
    ("running_sum", "∂f/∂x", "2*log(2) + 2", "upstream", "∂f/∂a = 0.6931"),
    ("gradient", "∂f/∂y", "-1.5", "sign", "∂f/∂d·∂d/∂y"),
    ("running_sum", "∂f/∂x", "-4*log(2)", "sign", "wrong sign"),
    ("running_sum", "∂f/∂x", "8*log(2)", "carried", "earlier run (2.7726)"),
    ("value", "a", "2", "order", "a = x ** 2"),
    ("value", "z", "-2.0794", "sign", "Right size, wrong sign."),
    ("gradient", "∂f/∂y", "1.49", "close", "Close"),
    ("gradient", "∂f/∂y", "7", "unusual", "Not one of the usual mistakes."),
    ("gradient", "∂f/∂y", "[1.5, 1.5]", "shape",
     "∂f/∂y is a number; your answer is an array of shape (2,)"),
])
def test_each_usual_mistake_is_named(kind, symbol, typed, code, phrase):
    asked, narration, known = seed_questions()
    q = find(asked, kind, symbol)
    carried = {"x": 4 * LOG2, "y": 1.5}  # the last run's .grad
    verdict = judge(q, typed, Facts(1.0, carried, known), narration)
    assert not verdict.correct and verdict.readable
    assert verdict.diagnosis == code
    assert phrase in str(verdict.message)
    assert str(verdict.message).startswith(MESSAGES[code].split("{")[0][:12])
    # a diagnosis never gives the right answer away (a second try follows)
    assert f"{q.symbol} = {float(q.right):.4g}" not in str(verdict.message)


def test_right_answers_and_expressions_are_right():
    asked, narration, known = seed_questions()
    for q, typed in zip(asked, ["x", "2*x", "a + b", "log(y)", "c*d", "d", "c", "3/2",
                                 "0.6931", "log(2)", "2*log(2)", "4*log(2)"]):
        verdict = judge(q, typed, Facts(known={k: v for k, v in known.items()
                                                if k in ("x", "y", "a", "b", "c", "d")}),
                        narration)
        assert verdict.correct, (q.symbol, typed)
    unread = judge(asked[0], "1 +", Facts(), narration)
    assert not unread.correct and not unread.readable and unread.error is not None


def test_upstream_gradient_v_left_out():
    asked, narration, known = seed_questions(upstream=2.0)
    q = find(asked, "gradient", "∂L/∂c")
    assert float(q.right) == pytest.approx(2 * LOG2)
    verdict = judge(q, "log(2)", Facts(2.0, {}, known), narration)
    assert verdict.diagnosis == "upstream_v" and "v = 2" in str(verdict.message)
    y = find(asked, "gradient", "∂L/∂y")
    verdict = judge(y, "1.5", Facts(2.0, {}, known), narration)
    assert verdict.diagnosis == "upstream_v"
    verdict = judge(y, "0.5", Facts(2.0, {}, known), narration)
    assert verdict.diagnosis == "upstream" and "∂L/∂d = 6" in str(verdict.message)


def test_forward_mode_mistakes():
    asked, narration, known = seed_questions("forward", wrt="x")
    c = find(asked, "tangent", "∂c/∂x")
    assert judge(c, "2", Facts(known=known), narration).diagnosis == "fan_out"
    z = find(asked, "tangent", "∂z/∂x")
    assert judge(z, "12", Facts(known=known), narration).diagnosis == "swapped"
    assert judge(z, "log(2)", Facts(known=known), narration).diagnosis == "tangent_missing"
    assert judge(z, "-4*log(2)", Facts(known=known), narration).diagnosis == "sign"
    d = find(asked, "tangent", "∂d/∂x")
    assert judge(d, "0", Facts(known=known), narration).correct
    assert judge(d, "0.5", Facts(known=known), narration).diagnosis == "unusual"


def test_a_value_used_twice_in_one_operation():
    """x*x: one step sends two contributions to x; the second is the sum."""
    asked, narration, known = seed_questions(text="x*x")
    first, second = asked[-2:]
    assert (first.kind, second.kind) == ("contribution", "running_sum")
    assert judge(second, "1", Facts(known=known), narration).diagnosis == "fan_out"
    assert judge(second, "2", Facts(known=known), narration).correct


def test_working_is_the_narration_of_the_asked_contribution():
    asked, narration, _known = seed_questions()
    d = find(asked, "gradient", "∂f/∂d")
    assert working(d, narration) == ["z = c·d, so", "∂f/∂d = ∂f/∂z·∂z/∂d = 1·3 = 3"]
    s = find(asked, "running_sum", "∂f/∂x")
    assert working(s, narration)[-1] == ("∂f/∂x accumulated: 1.3863 + 1.3863 = 2.7726  "
                                         "(all 2 contributions)")
    assert working(asked[0], narration) == ["a = x ** 2 = 1 ** 2 = 1"]


def test_scores_add_up_and_survive_json():
    score = PassScore()
    for outcome in ["first", "first", "second", "revealed"]:
        score.add(outcome)
    assert score.total == 4 and str(score.text()) == (
        "2 of 4 right on the first try, 1 on the second, 1 revealed")
    with pytest.raises(ValueError):
        score.add("lucky")
    kept = LessonScores()
    kept.add(score)
    kept.add(PassScore(1, 0, 3))
    kept.add(PassScore())  # nothing asked: not a pass
    assert kept.passes == 2 and kept.last == PassScore(1, 0, 3) and kept.best == score
    back = scores_from_json(scores_to_json({"reverse_by_hand": kept}))
    assert back["reverse_by_hand"] == kept
    assert scores_from_json("not json") == {} and scores_from_json("[1]") == {}
    damaged = scores_from_json(json.dumps({"a": {"passes": -1, "last": {"first": "x"}}}))
    assert damaged["a"] == LessonScores()
