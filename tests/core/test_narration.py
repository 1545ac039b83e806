"""The narration, line by line, in English and in Korean (the .ts file's translations).

The notation rules of issue 10: an upstream gradient v ≠ 1 is v = ∂L/∂z, never
∂f/∂z; a contribution is never called the gradient; rules are instantiated with the
real operands; forward mode with an array says which seed it carries; arrays as
nested rows, ⊙ and an explicit Σ over the broadcast axes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from autodiff_gui.core.engine import Stepper, compile_graph
from autodiff_gui.core.expr import parse
from autodiff_gui.core.narration import (
    TEMPLATES,
    Narration,
    contribution_order,
    fmt,
    narrate,
    rules,
    summed_axes,
)
from autodiff_gui.core.steps import BackwardStep

from .helpers import binary_doc, op_node, seed_doc, unary_doc

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "autodiff_ko.ts"


@pytest.fixture(scope="module")
def ko() -> Callable[[str], str]:
    """Korean as the window says it: the finished translations of context "Narration"."""
    done = {m.findtext("source"): m.find("translation")
            for c in ET.parse(TS).getroot().iter("context") if c.findtext("name") == "Narration"
            for m in c.iter("message")}
    for template in TEMPLATES.values():
        assert template in done and done[template].get("type") != "unfinished", template
    return lambda text: done[text].text or text


def run(doc, mode: str = "reverse", upstream=1.0, wrt=None, seed=1.0):
    program = compile_graph(doc)
    stepper = Stepper(program, mode=mode, upstream=upstream, wrt=wrt, seed=seed)
    stepper.run_to_end()
    assert stepper.error is None
    return Narration(program, stepper.records, upstream), stepper.records


def said(narration: Narration, records, tr=str) -> list[str]:
    return [line for r in records for line in narration.lines(r, tr)]


SEED_FORWARD = [
    "x = 1  (input)",
    "constant 2",
    "a = x ** 2 = 1 ** 2 = 1",
    "constant 2",
    "b = 2·x = 2·1 = 2",
    "c = a + b = 1 + 2 = 3",
    "y = 2  (input)",
    "d = log(y) = log(2) = 0.6931",
    "z = c·d = 3·0.6931 = 2.0794",
]
SEED_BACKWARD = [
    "∂f/∂z = 1  (f is z itself: the backward pass starts here)",
    "z = c·d, so",
    "∂f/∂c = ∂f/∂z·∂z/∂c = 1·0.6931 = 0.6931",
    "∂f/∂d = ∂f/∂z·∂z/∂d = 1·3 = 3",
    "d = log(y), so",
    "∂f/∂y = ∂f/∂d·∂d/∂y = 3·0.5 = 1.5",
    "c = a + b, so",
    "∂f/∂a = ∂f/∂c·∂c/∂a = 0.6931·1 = 0.6931",
    "∂f/∂b = ∂f/∂c·∂c/∂b = 0.6931·1 = 0.6931",
    "b = 2·x, so",
    "contribution to x through b (second argument): ∂f/∂b·∂b/∂x = 0.6931·2 = 1.3863",
    "∂f/∂x so far: 1.3863  (1 of 2 contributions)",
    "a = x ** 2, so",
    "contribution to x through a (first argument): ∂f/∂a·∂a/∂x = 0.6931·2 = 1.3863",
    "∂f/∂x accumulated: 1.3863 + 1.3863 = 2.7726  (all 2 contributions)",
]


def test_seed_notebook_both_passes() -> None:
    narration, records = run(seed_doc())
    assert said(narration, records[:9]) == SEED_FORWARD
    assert said(narration, records[9:]) == SEED_BACKWARD


def test_upstream_two_is_v_not_a_changed_derivative(ko) -> None:
    narration, records = run(seed_doc(), upstream=2.0)
    lines = said(narration, records[9:])
    assert lines[0] == "upstream gradient v = ∂L/∂z = 2  (grad_tensors; L = v·f)"
    assert lines[2] == "∂L/∂c = ∂L/∂z·∂z/∂c = 2·0.6931 = 1.3863"
    assert lines[-1] == "∂L/∂x accumulated: 2.7726 + 2.7726 = 5.5452  (all 2 contributions)"
    # ∂f/∂z is 1 by definition: never shown as 2, nor anything else with f
    assert not [line for line in lines if "∂f/" in line]
    korean = said(narration, records[9:], ko)
    assert korean[:3] == [
        "상류층 미분계수 v = ∂L/∂z = 2  (grad_tensors; L = v·f)",
        "z = c·d이므로",
        "∂L/∂c = ∂L/∂z·∂z/∂c = 2·0.6931 = 1.3863",
    ]
    assert korean[-1] == "누적된 ∂L/∂x: 2.7726 + 2.7726 = 5.5452  (기여분 2개 모두)"
    assert narration.letter() == "L" and run(seed_doc())[0].letter() == "f"


FAN_OUT = [
    "∂f/∂z = 1  (f is z itself: the backward pass starts here)",
    "z = b + c, so",
    "∂f/∂b = ∂f/∂z·∂z/∂b = 1·1 = 1",
    "∂f/∂c = ∂f/∂z·∂z/∂c = 1·1 = 1",
    "c = sin(x), so",
    "contribution to x through c: ∂f/∂c·∂c/∂x = 1·(-0.4161) = -0.4161",
    "∂f/∂x so far: -0.4161  (1 of 4 contributions)",
    "b = a·x, so",
    "∂f/∂a = ∂f/∂b·∂b/∂a = 1·2 = 2",
    "contribution to x through b (second argument): ∂f/∂b·∂b/∂x = 1·4 = 4",
    "∂f/∂x so far: -0.4161 + 4 = 3.5839  (2 of 4 contributions)",
    "a = x·x, so",
    "contribution to x through a (first argument): ∂f/∂a·∂a/∂x = 2·2 = 4",
    "∂f/∂x so far: 3.5839 + 4 = 7.5839  (3 of 4 contributions)",
    "contribution to x through a (second argument): ∂f/∂a·∂a/∂x = 2·2 = 4",
    "∂f/∂x accumulated: 7.5839 + 4 = 11.5839  (all 4 contributions)",
]
FAN_OUT_KO = [
    "∂f/∂z = 1  (f가 바로 z: 역전파가 여기서 시작합니다)",
    "z = b + c이므로",
    "∂f/∂b = ∂f/∂z·∂z/∂b = 1·1 = 1",
    "∂f/∂c = ∂f/∂z·∂z/∂c = 1·1 = 1",
    "c = sin(x)이므로",
    "x에 가는 기여분 (c에서): ∂f/∂c·∂c/∂x = 1·(-0.4161) = -0.4161",
    "지금까지의 ∂f/∂x: -0.4161  (기여분 4개 중 1개)",
    "b = a·x이므로",
    "∂f/∂a = ∂f/∂b·∂b/∂a = 1·2 = 2",
    "x에 가는 기여분 (b에서, 둘째 인수): ∂f/∂b·∂b/∂x = 1·4 = 4",
    "지금까지의 ∂f/∂x: -0.4161 + 4 = 3.5839  (기여분 4개 중 2개)",
    "a = x·x이므로",
    "x에 가는 기여분 (a에서, 첫째 인수): ∂f/∂a·∂a/∂x = 2·2 = 4",
    "지금까지의 ∂f/∂x: 3.5839 + 4 = 7.5839  (기여분 4개 중 3개)",
    "x에 가는 기여분 (a에서, 둘째 인수): ∂f/∂a·∂a/∂x = 2·2 = 4",
    "누적된 ∂f/∂x: 7.5839 + 4 = 11.5839  (기여분 4개 모두)",
]


def test_fan_out_of_three_says_contributions(ko) -> None:
    """x*x*x + sin(x) at 2: four contributions into x, none called ∂f/∂x."""
    narration, records = run(parse("x*x*x + sin(x)", {"x": 2.0}))
    backward = [r for r in records if isinstance(r, BackwardStep)]
    assert said(narration, backward) == FAN_OUT
    assert said(narration, backward, ko) == FAN_OUT_KO
    assert not [line for line in FAN_OUT if line.startswith("∂f/∂x =")]
    assert records[-1].contributions[-1].after == pytest.approx(11.5839, abs=5e-5)


def test_contribution_order_is_the_backward_order() -> None:
    program = compile_graph(parse("x*x*x + sin(x)", {"x": 2.0}))
    order = contribution_order(program)
    a, b, c = (program.nodes[i] for i, lab in enumerate(program.labels) if lab in "abc")
    assert order[(c, 0)] == (1, 4) and order[(b, 1)] == (2, 4)
    assert order[(a, 0)] == (3, 4) and order[(a, 1)] == (4, 4)
    narration = Narration(program)
    x = program.input_nodes["x"]
    assert narration.consumers(x) == 3  # three steps; a = x·x sends both in one


BROADCAST = [
    "∂f/∂z = 1  (f is z itself: the backward pass starts here)",
    "z = Σ c, so",
    "∂f/∂c = ∂f/∂z·∂z/∂cᵢ = 1·1 = [[1, 1, 1], [1, 1, 1]]",
    "c = a + b, so",
    "∂f/∂a = ∂f/∂c·∂c/∂a = [[1, 1, 1], [1, 1, 1]]·1 = [[1, 1, 1], [1, 1, 1]]",
    "∂f/∂b = Σ (∂f/∂c·∂c/∂b) = Σ ([[1, 1, 1], [1, 1, 1]]·1) = 6",
    "    (Σ: summed over every element, back to one number like b)",
    "a = x·w, so",
    "∂f/∂x = ∂f/∂a ⊙ ∂a/∂x = [[1, 1, 1], [1, 1, 1]] ⊙ [0.5, -1, 2] = "
    "[[0.5, -1, 2], [0.5, -1, 2]]",
    "∂f/∂w = Σ₀ (∂f/∂a ⊙ ∂a/∂w) = Σ₀ ([[1, 1, 1], [1, 1, 1]] ⊙ [[1, 2, 3], [4, 5, 6]]) = "
    "[5, 7, 9]",
    "    (Σ₀: summed over axis 0, back to the shape of w, (3,))",
]


def test_broadcast_sum_back_is_an_explicit_sigma(ko) -> None:
    doc = parse("sum(x * w + b)", {"x": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
                                   "w": [0.5, -1.0, 2.0], "b": 1.0})
    narration, records = run(doc)
    assert said(narration, records[2:3]) == [
        "a = x ⊙ w = [[1, 2, 3], [4, 5, 6]] ⊙ [0.5, -1, 2] = [[0.5, -2, 6], [2, -5, 12]]"]
    backward = [r for r in records if isinstance(r, BackwardStep)]
    assert said(narration, backward) == BROADCAST
    korean = said(narration, backward, ko)
    assert korean[6] == "    (Σ: 모든 원소를 합해 b처럼 숫자 하나로 되돌림)"
    assert korean[-1] == "    (Σ₀: 축 0을 따라 합해 w의 크기 (3,)로 되돌림)"
    assert korean[-2] == BROADCAST[-2]  # formulas are the same in every language


def test_an_input_called_v_keeps_its_name() -> None:
    narration, records = run(parse("v * x", {"v": 3.0, "x": 2.0}), upstream=2.0)
    assert said(narration, records)[3] == \
        "upstream gradient v₀ = ∂L/∂z = 2  (grad_tensors; L = v₀·f)"


def test_summed_axes() -> None:
    assert summed_axes((2, 3), (3,)) == (0,)
    assert summed_axes((2, 3), (2, 1)) == (1,)
    assert summed_axes((4, 2, 3), (1, 3)) == (0, 1)
    assert summed_axes((2, 3), ()) == (0, 1)


def test_forward_mode_with_an_array_input(ko) -> None:
    doc = parse("sum(w * w) + sum(3*w)", {"w": [1.0, 2.0, 3.0]})
    # all ones: honestly a directional derivative, Σᵢ ∂f/∂wᵢ = 2+4+6 + 9 = 21
    narration, records = run(doc, mode="forward", wrt="w")
    assert said(narration, records) == [
        "w: tangent Σᵢ ∂w/∂wᵢ = [1, 1, 1]",
        "(the tangent of w is all ones: each tangent is a sum over the elements of w, "
        "Σᵢ ∂·/∂wᵢ, a directional derivative; ∂f/∂wᵢ of each element needs a pass of its "
        "own, or reverse mode)",
        "Σᵢ ∂a/∂wᵢ = [1, 2, 3] ⊙ [1, 1, 1] + [1, 2, 3] ⊙ [1, 1, 1] = [2, 4, 6]",
        "Σᵢ ∂b/∂wᵢ = Σ [2, 4, 6] = 12",
        "constant 3: tangent 0",
        "Σᵢ ∂c/∂wᵢ = 3·[1, 1, 1] = [3, 3, 3]",
        "Σᵢ ∂d/∂wᵢ = Σ [3, 3, 3] = 9",
        "Σᵢ ∂z/∂wᵢ = 1·12 + 1·9 = 21",
    ]
    assert said(narration, records[:1], ko) == [
        "w: 접선 미분값 Σᵢ ∂w/∂wᵢ = [1, 1, 1]",
        "(w의 접선 미분값이 모두 1: 각 접선 미분값은 w의 원소에 대한 합 Σᵢ ∂·/∂wᵢ, 곧 방향 "
        "미분입니다; 원소마다의 ∂f/∂wᵢ는 원소별 전파나 리버스 모드가 필요합니다)"]
    # one element: one pass, ∂f/∂w[1] = 2·2 + 3 = 7, reverse mode's second element
    narration, records = run(doc, mode="forward", wrt="w", seed=np.array([0.0, 1.0, 0.0]))
    lines = said(narration, records)
    assert lines[0] == "w: tangent ∂w/∂w[1] = [0, 1, 0]"
    assert lines[1].startswith("(this pass carries element w[1] of w")
    assert lines[-1] == "∂z/∂w[1] = 1·4 + 1·3 = 7"
    assert said(narration, records, ko)[-1] == lines[-1]
    assert said(narration, records, ko)[1].startswith("(이 전파는 w의 원소 w[1] 하나만 전달합니다")
    _, g = compile_graph(doc).gradient()
    assert g["w"].tolist() == [5.0, 7.0, 9.0]


def test_scalar_forward_mode() -> None:
    narration, records = run(seed_doc(), mode="forward", wrt="x")
    assert said(narration, records) == [
        "x: tangent ∂x/∂x = 1",
        "constant 2: tangent 0",
        "∂a/∂x = 2·1 = 2",
        "constant 2: tangent 0",
        "∂b/∂x = 2·1 = 2",
        "∂c/∂x = 1·2 + 1·2 = 4",
        "y: tangent ∂y/∂x = 0",
        "∂d/∂x = 0  (does not depend on x)",
        "∂z/∂x = 0.6931·4 = 2.7726",
    ]


def test_rules_are_instantiated_with_the_operands() -> None:
    """Never ∂(a·b)/∂b = a beside real nodes a and b: the rule with the real operands."""
    narration, records = run(parse("2*x * w", {"x": 1.5, "w": 2.0}))
    backward = [r for r in records if isinstance(r, BackwardStep)]
    assert rules(backward[0]) == ["∂(a·w)/∂a = w", "∂(a·w)/∂w = a"]
    assert rules(backward[1]) == ["∂(2·x)/∂x = 2"]
    forward = records[2]
    assert rules(forward) == ["∂(2·x)/∂x = 2"]  # not ∂(2·x)/∂2: a constant does not vary
    _, seed = run(seed_doc())
    assert rules(seed[13]) == ["∂(x ** 2)/∂x = 2·x^(2−1)"]
    _, tan = run(unary_doc("tan", 1.0))
    assert rules(tan[-1]) == ["∂tan(x)/∂x = 1 + tan²(x)"]


def test_matmul_sum_and_mean() -> None:
    narration, records = run(binary_doc("matmul", np.ones((2, 2)), np.array([1.0, 2.0])))
    assert said(narration, records[2:]) == [
        "z = x @ y = [[1, 1], [1, 1]] @ [1, 2] = [3, 3]",
        "upstream gradient v = ∂L/∂z = [1, 1]  (grad_tensors; L = Σ v ⊙ f)",
        "z = x @ y, so",
        "∂L/∂x = ∂L/∂z·yᵀ = [[1, 2], [1, 2]]",
        "∂L/∂y = xᵀ·∂L/∂z = [2, 2]",
    ]
    narration, records = run(unary_doc("mean", [[1.0, 2.0], [3.0, 4.0]]), upstream=2.0)
    assert said(narration, records)[-1] == \
        "∂L/∂x = ∂L/∂z·∂z/∂xᵢ = 2·0.25 = [[0.5, 0.5], [0.5, 0.5]]"
    narration, records = run(unary_doc("sum", [1.0, 2.0]), mode="forward", wrt="x")
    assert said(narration, records)[-1] == "Σᵢ ∂z/∂xᵢ = Σ [1, 1] = 2"


def test_brackets_where_a_number_would_read_wrongly() -> None:
    narration, records = run(binary_doc("pow", -2.0, 2.0, const_b=True))
    assert said(narration, records[2:3]) == ["z = x ** 2 = (-2) ** 2 = 4"]
    assert said(narration, records)[-1] == "∂f/∂x = ∂f/∂z·∂z/∂x = 1·(-4) = -4"


def test_without_a_program_nothing_false_is_said() -> None:
    """``narrate(step)`` alone cannot count contributions: it never claims a whole."""
    _, records = run(seed_doc())
    lines = narrate(records[13]).splitlines()
    assert lines == [
        "a = x ** 2, so",
        "contribution to x through a (first argument): ∂f/∂a·∂a/∂x = 0.6931·2 = 1.3863",
        "∂f/∂x accumulated: 1.3863 + 1.3863 = 2.7726",
    ]


def test_digits_and_translation() -> None:
    narration, records = run(seed_doc())
    assert narration.text(records[7], digits=8) == "d = log(y) = log(2) = 0.69314718"
    seen: list[str] = []

    def tr(text: str) -> str:
        seen.append(text)
        return text.replace("so", "따라서").replace("(input)", "(입력)")

    assert narration.text(records[0], tr) == "x = 1  (입력)"
    assert narration.text(records[9], tr).splitlines()[1] == "z = c·d, 따라서"
    assert set(seen) <= set(TEMPLATES.values())


def test_every_record_of_a_pass_narrates() -> None:
    doc = seed_doc()
    op_node(doc, "sigmoid", op_node(doc, "relu", doc.output))
    program = compile_graph(doc)
    for records in (list(program.iter_reverse()), list(program.iter_tangent("y"))):
        narration = Narration(program, records)
        for step in records:
            text = narration.text(step)
            assert text and "{" not in text and "None" not in text


def test_fmt_arrays_as_rows() -> None:
    assert fmt(None) == "0"
    assert fmt(2.0) == "2" and fmt(-0.0) == "0" and fmt(1e-7) == "1.0000e-7"
    assert fmt(123456.0) == "1.2346e+5" and fmt(0.5, 2) == "0.5"
    assert fmt(np.array([[1.0, 0, 0], [0, 0, 2]])) == "[[1, 0, 0], [0, 0, 2]]"
    assert fmt(np.arange(12.0)) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"
    assert fmt(np.arange(13.0)) == "[0, 1, …, 12] (13,)"
    assert fmt(np.arange(20.0).reshape(4, 5)) == "[[0, 1, …, 4], …] (4, 5)"
