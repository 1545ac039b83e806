"""Step records and their narration: the seed notebook's trace, line by line."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from autodiff_gui.core.engine import Stepper, compile_graph
from autodiff_gui.core.steps import (
    TEMPLATES,
    BackwardStep,
    Contribution,
    ForwardStep,
    TangentStep,
    backward_lines,
    fmt,
    narrate,
    record_maker,
)

from .helpers import binary_doc, op_node, seed_doc, unary_doc

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
    ["∂f/∂z = 1  (upstream gradient)",
     "z = c·d, so",
     "∂f/∂c = ∂f/∂z · d = 1 · 0.6931 = 0.6931",
     "∂f/∂d = ∂f/∂z · c = 1 · 3 = 3"],
    ["d = log(y), so",
     "∂f/∂y = ∂f/∂d · 1/y = 3 · 0.5 = 1.5"],
    ["c = a + b, so",
     "∂f/∂a = ∂f/∂c · 1 = 0.6931 · 1 = 0.6931",
     "∂f/∂b = ∂f/∂c · 1 = 0.6931 · 1 = 0.6931"],
    ["b = 2·x, so",
     "∂f/∂x = ∂f/∂b · 2 = 0.6931 · 2 = 1.3863"],
    ["a = x ** 2, so",
     "∂f/∂x = ∂f/∂a · 2·x^(2−1) = 0.6931 · 2 = 1.3863",
     "∂f/∂x += 1.3863:  1.3863 + 1.3863 = 2.7726"],
]


def _seed_records(upstream: float = 1.0) -> list:
    stepper = Stepper(compile_graph(seed_doc()), upstream=upstream)
    stepper.run_to_end()
    return stepper.records


def test_seed_narration_forward() -> None:
    records = _seed_records()
    assert [narrate(r) for r in records[:9]] == SEED_FORWARD


def test_seed_narration_backward() -> None:
    backward = _seed_records()[9:]
    assert len(backward) == 5
    lines = [backward_lines(r, upstream_seed=(k == 0)) for k, r in enumerate(backward)]
    assert lines == SEED_BACKWARD
    assert narrate(backward[4]) == "\n".join(SEED_BACKWARD[4])


def test_seed_narration_with_upstream_two() -> None:
    backward = _seed_records(2.0)[9:]
    assert narrate(backward[0], upstream_seed=True).splitlines()[0] == \
        "∂f/∂z = 2  (upstream gradient)"
    assert narrate(backward[4]).splitlines()[-1] == "∂f/∂x += 2.7726:  2.7726 + 2.7726 = 5.5452"


def test_seed_tangent_narration() -> None:
    program = compile_graph(seed_doc())
    lines = [narrate(s) for s in program.iter_tangent("x")]
    assert lines == [
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


def test_digits_and_translation() -> None:
    records = _seed_records()
    assert narrate(records[7], digits=8) == "d = log(y) = log(2) = 0.69314718"
    # A translator sees every template (and only templates), and its result is used.
    seen: list[str] = []

    def tr(text: str) -> str:
        seen.append(text)
        return text.replace("so", "따라서").replace("(input)", "(입력)")

    assert narrate(records[0], tr) == "x = 1  (입력)"
    assert narrate(records[9], tr).splitlines()[0] == "z = c·d, 따라서"
    assert set(seen) <= set(TEMPLATES.values())


def test_matmul_and_array_narration() -> None:
    doc = binary_doc("matmul", np.ones((2, 2)), np.array([1.0, 2.0]))
    stepper = Stepper(compile_graph(doc))
    stepper.run_to_end()
    assert narrate(stepper.records[2]) == \
        "z = x @ y = [1, 1, 1, 1] (2×2) @ [1, 2] (2) = [3, 3] (2)"
    # G and J were never explained to a student: say what they are
    assert narrate(stepper.records[3]).splitlines() == [
        "z = x @ y, so",
        "∂f/∂x = ∂f/∂z·yᵀ = [1, 2, 1, 2] (2×2)",
        "∂f/∂y = xᵀ·∂f/∂z = [2, 2] (2)",
    ]
    (mm,) = [s for s in compile_graph(doc).iter_tangent("y")][2:]
    assert narrate(mm) == "∂z/∂y = x @ [1, 1] (2) = [2, 2] (2)"


def test_sum_and_mean_narration_keep_the_upstream_gradient() -> None:
    # Found: "∂f/∂x = 1 = [2, 2]" with an upstream gradient of 2, a false equation.
    doc = unary_doc("sum", [1.0, 2.0])
    stepper = Stepper(compile_graph(doc), upstream=2.0)
    stepper.run_to_end()
    assert narrate(stepper.records[-1]).splitlines()[-1] == \
        "∂f/∂x = ∂f/∂z · 1 = 2 · 1 = [2, 2] (2)"
    doc = unary_doc("mean", [[1.0, 2.0], [3.0, 4.0]])
    stepper = Stepper(compile_graph(doc), upstream=2.0)
    stepper.run_to_end()
    assert narrate(stepper.records[-1]).splitlines()[-1] == \
        "∂f/∂x = ∂f/∂z · 1/n = 2 · 0.25 = [0.5, 0.5, 0.5, 0.5] (2×2)"
    tangents = [narrate(s) for s in compile_graph(doc).iter_tangent("x")]
    assert tangents[-1] == "∂z/∂x = mean([1, 1, 1, 1] (2×2)) = 1"
    doc = unary_doc("sum", [1.0, 2.0])
    assert narrate(list(compile_graph(doc).iter_tangent("x"))[-1]) == \
        "∂z/∂x = Σ [1, 1] (2) = 2"


def test_narration_brackets_what_would_read_wrongly() -> None:
    # (-2) ** 2, not -2 ** 2 (which is −4 in Python); 1 + tan²(x) as one factor
    doc = binary_doc("pow", -2.0, 2.0, const_b=True)
    stepper = Stepper(compile_graph(doc))
    stepper.run_to_end()
    assert narrate(stepper.records[2]) == "z = x ** 2 = (-2) ** 2 = 4"
    assert narrate(stepper.records[3]).splitlines()[1] == \
        "∂f/∂x = ∂f/∂z · 2·x^(2−1) = 1 · (-4) = -4"
    tangents = [narrate(s) for s in compile_graph(doc).iter_tangent("x")]
    assert tangents[-1] == "∂z/∂x = (-4)·1 = -4"
    stepper = Stepper(compile_graph(unary_doc("tan", 1.0)))
    stepper.run_to_end()
    assert "∂f/∂x = ∂f/∂z · (1 + tan²(x)) = 1 · 3.4255 = 3.4255" in narrate(stepper.records[-1])
    stepper = Stepper(compile_graph(unary_doc("tanh", 1.0)))
    stepper.run_to_end()
    assert "· (1 − tanh²(x)) =" in narrate(stepper.records[-1])


def test_contribution_records_hold_everything() -> None:
    doc = seed_doc()
    records = _seed_records()
    z = records[9]
    assert isinstance(z, BackwardStep)
    assert (z.node, z.label, z.op, z.arg_labels, z.value, z.dout) == (
        9, "z", "mul", ("c", "d"), records[8].value, 1.0)
    c_in, d_in = z.contributions
    assert (c_in.slot, c_in.source, c_in.source_label, c_in.local_text) == (0, 6, "c", "d")
    assert c_in.formula == "∂(a·b)/∂a = b" and c_in.local == records[7].value
    assert (d_in.slot, d_in.source, d_in.local, d_in.amount) == (1, 8, 3.0, 3.0)
    assert doc.output == 9
    x = records[0]
    assert isinstance(x, ForwardStep) and x.kind == "input" and x.pass_name == "forward"
    assert records[2].arg_nodes == (1, 2) and records[2].arg_values == (1.0, 2.0)
    assert records[2].template == "{out} = {0} ** {1}"
    assert z.pass_name == "backward"


def test_record_maker_makes_ordinary_frozen_records() -> None:
    make = record_maker(Contribution)
    a = make(0, 1, "x", 2.0, "d", "f", 3.0, None, 3.0)
    b = Contribution(0, 1, "x", 2.0, "d", "f", 3.0, None, 3.0)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.amount = 4.0  # type: ignore[misc]
    assert dataclasses.replace(a, amount=5.0).amount == 5.0
    for cls in (ForwardStep, BackwardStep, Contribution, TangentStep):
        fields = dataclasses.fields(cls)
        values = tuple(range(len(fields)))
        assert record_maker(cls)(*values) == cls(*values)


def test_every_record_of_a_pass_narrates() -> None:
    doc = seed_doc()
    op_node(doc, "sigmoid", op_node(doc, "relu", doc.output))
    program = compile_graph(doc)
    for step in list(program.iter_reverse()) + list(program.iter_tangent("y")):
        text = narrate(step)
        assert text and "{" not in text and "None" not in text


def test_fmt() -> None:
    assert fmt(None) == "0"
    assert fmt(2.0) == "2" and fmt(-0.0) == "0" and fmt(1e-7) == "1.0000e-7"
    assert fmt(123456.0) == "1.2346e+5" and fmt(0.5, 2) == "0.5"
    assert fmt(np.arange(6.0)) == "[0, 1, 2, 3, …] (6)"


def test_broadcast_contributions_say_they_were_summed_back() -> None:
    """Lesson 7: a broadcast input's copies each contribute; the narration says so."""
    from autodiff_gui.core.engine import Stepper, compile_graph
    from autodiff_gui.core.expr import parse
    from autodiff_gui.core.steps import BackwardStep, narrate

    doc = parse("sum(x * w + b)", {"x": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
                                   "w": [0.5, -1.0, 2.0], "b": 1.0})
    stepper = Stepper(compile_graph(doc))
    stepper.run_to_end()
    text = "\n".join(narrate(r) for r in stepper.records if isinstance(r, BackwardStep))
    assert "= 6  (summed back to one number, as b is)" in text
    assert "= [5, 7, 9] (3)  (summed back to the shape of w, (3,))" in text
    # x has the product's shape: nothing was summed, nothing is said
    assert not [line for line in text.splitlines()
                if line.startswith("∂f/∂x") and "summed" in line]
