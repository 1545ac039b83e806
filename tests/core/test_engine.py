"""The compiled engine: the seed example to the last digit, errors that name their
node, fan-out, accumulation, upstream gradients, deep graphs and the Stepper."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from autodiff_gui.core.engine import EvalError, Program, Stepper, compile_graph, unbroadcast
from autodiff_gui.core.graph import Document, GraphError
from autodiff_gui.core.steps import BackwardStep, ForwardStep, TangentStep

from .helpers import (
    SEED_DX,
    SEED_DY,
    SEED_VALUE,
    binary_doc,
    chain,
    chain_derivative,
    op_node,
    same_bits,
    seed_doc,
    unary_doc,
)

# -- the seed example ---------------------------------------------------------------------


def test_seed_value_and_gradient_to_the_last_digit() -> None:
    program = compile_graph(seed_doc())
    value, grads = program.gradient()
    assert value == math.log(2) * 3 == SEED_VALUE
    assert repr(value) == "2.0794415416798357"
    assert grads == {"x": 2.772588722239781, "y": 1.5}
    assert (SEED_DX, SEED_DY) == (grads["x"], grads["y"])
    assert program.evaluate() == value
    assert program.forward_mode_gradient() == pytest.approx(grads, rel=1e-15)


def test_seed_upstream_two_doubles_both() -> None:
    program = compile_graph(seed_doc())
    value, grads = program.gradient(upstream=2)
    assert value == SEED_VALUE
    assert grads == {"x": 2 * SEED_DX, "y": 3.0}
    stepper = Stepper(program, upstream=2.0)
    stepper.run_to_end()
    assert stepper.gradients()[1] == 2 * SEED_DX and stepper.gradients()[7] == 3.0


def test_seed_program_layout() -> None:
    program = compile_graph(seed_doc())
    assert program.nodes == list(range(1, 10))
    assert program.labels == ["x", "2", "a", "2", "b", "c", "y", "d", "z"]
    assert program.kinds == ["input", "const", "op", "const", "op", "op", "input", "op", "op"]
    assert [op.name if op else None for op in program.ops] == [
        None, None, "pow", None, "mul", "add", None, "log", "mul"]
    assert program.args[2] == (0, 1) and program.args[4] == (3, 0)
    assert program.input_names == ["x", "y"] and program.input_index == {"x": 0, "y": 6}
    assert program.input_nodes == {"x": 1, "y": 7}
    assert program.output_node == 9 and program.out == 8 and len(program) == 9
    assert program.needs_grad == [True, False, True, False, True, True, True, True, True]
    assert program.node_label(8) == "d"


def test_seed_at_other_points_and_overrides() -> None:
    program = compile_graph(seed_doc())
    value, grads = program.gradient({"x": 3.0, "y": math.e})
    assert value == pytest.approx(15.0, rel=1e-15)
    assert grads["x"] == pytest.approx(8.0, rel=1e-15)  # (2x + 2)·ln y
    assert grads["y"] == pytest.approx(15 / math.e, rel=1e-15)
    # Overrides do not touch the document or the program.
    assert program.evaluate() == SEED_VALUE
    with pytest.raises(ValueError, match="no input called 'q'"):
        program.evaluate({"q": 1.0})
    with pytest.raises(ValueError, match="value of x"):
        program.evaluate({"x": float("nan")})
    with pytest.raises(ValueError, match="value of x"):
        program.evaluate({"x": "1"})


def test_seed_steps_and_accumulation_at_x() -> None:
    stepper = Stepper(compile_graph(seed_doc()))
    stepper.run_to_end()
    forward = [r for r in stepper.records if isinstance(r, ForwardStep)]
    backward = [r for r in stepper.records if isinstance(r, BackwardStep)]
    assert len(forward) == 9 and len(backward) == 5 and len(stepper.records) == 14
    assert [r.label for r in forward] == ["x", "2", "a", "2", "b", "c", "y", "d", "z"]
    assert [r.label for r in backward] == ["z", "d", "c", "b", "a"]
    assert [r.index for r in backward] == [9, 10, 11, 12, 13]
    b_step, a_step = backward[3], backward[4]
    (into_x_from_b,) = b_step.contributions
    assert into_x_from_b.source_label == "x" and into_x_from_b.before is None
    assert into_x_from_b.amount == into_x_from_b.after == 2 * math.log(2)
    (into_x_from_a,) = a_step.contributions
    assert into_x_from_a.before == pytest.approx(1.3863, abs=5e-5)
    assert into_x_from_a.after == pytest.approx(2.7726, abs=5e-5)
    assert into_x_from_a.after == SEED_DX
    assert into_x_from_a.local == 2.0 and into_x_from_a.local_text == "2·x^(2−1)"
    # dout of each node is its full gradient when its step runs
    assert [r.dout for r in backward] == [1.0, 3.0, math.log(2), math.log(2), math.log(2)]


# -- errors: named, never nan ---------------------------------------------------------------

DOMAIN_CASES = [
    ("log of 0", lambda: unary_doc("log", 0.0), "log", "greater than 0"),
    ("log of -1", lambda: unary_doc("log", -1.0), "log", "greater than 0"),
    ("log of an array with -1", lambda: unary_doc("log", [1.0, -1.0]), "log", "greater than 0"),
    ("sqrt of -1", lambda: unary_doc("sqrt", -1.0), "sqrt", "0 or more"),
    ("sqrt of [-1]", lambda: unary_doc("sqrt", [4.0, -1.0]), "sqrt", "0 or more"),
    ("1/0", lambda: binary_doc("div", 1.0, 0.0), "div", "division by zero"),
    ("[1]/[0]", lambda: binary_doc("div", [1.0], [0.0]), "div", "division by zero"),
    ("0/0", lambda: binary_doc("div", 0.0, 0.0), "div", "division by zero"),
    ("exp(1000)", lambda: unary_doc("exp", 1000.0), "exp", "overflow"),
    ("exp([1000])", lambda: unary_doc("exp", [0.0, 1000.0]), "exp", "overflow"),
    ("1e200*1e200", lambda: binary_doc("mul", 1e200, 1e200), "mul", "overflow"),
    ("[1e200]*1e200", lambda: binary_doc("mul", [1e200], 1e200), "mul", "overflow"),
    ("1e308+1e308", lambda: binary_doc("add", 1e308, 1e308), "add", "overflow"),
    ("(-8)**(1/3)", lambda: binary_doc("pow", -8.0, 1 / 3, const_b=True), "pow", "whole-number"),
    ("[-8]**(1/3)", lambda: binary_doc("pow", [-8.0], 1 / 3, const_b=True), "pow",
     "whole-number"),
    ("0**-1", lambda: binary_doc("pow", 0.0, -1.0), "pow", "negative power"),
    ("10**400", lambda: binary_doc("pow", 10.0, 400.0), "pow", "overflow"),
    ("tan overflow chain", lambda: unary_doc("tan", 1e308), None, None),
]


@pytest.mark.parametrize("case", DOMAIN_CASES, ids=[c[0] for c in DOMAIN_CASES])
def test_domain_errors_name_the_node(case: tuple) -> None:
    _, make, op, words = case
    doc = make()
    program = compile_graph(doc)
    if op is None:  # tan(1e308) is finite: no error, and no nan either
        value, grads = program.gradient()
        assert math.isfinite(value) and math.isfinite(grads["x"])
        return
    out = doc.output
    for run in (program.evaluate, program.gradient, program.forward_mode_gradient,
                lambda: program.tangent("x")):
        with pytest.raises(EvalError) as info:
            run()
        err = info.value
        assert (err.node, err.label, err.op, err.kind, err.pass_name) == (
            out, "z", op, "domain", "forward")
        assert words in err.message
        assert len(err.inputs) == ops_arity(op)
        assert str(err).startswith(f"z = {op}(") and words in str(err)
    # The Stepper stops at the same node, after the leaves.
    stepper = Stepper(program)
    stepper.run_to_end()
    assert stepper.error is not None and stepper.error.node == out
    assert stepper.error.message == err.message
    assert all(isinstance(r, ForwardStep) for r in stepper.records)
    assert len(stepper.records) == len(program) - 1 and stepper.done
    assert stepper.next() is None


def ops_arity(name: str) -> int:
    from autodiff_gui.core.ops import OPS
    return OPS[name].arity


def test_error_in_the_middle_names_that_node() -> None:
    doc = Document()
    x = doc.add_input("x", 0.5)
    s = op_node(doc, "sin", x)
    bad = op_node(doc, "log", op_node(doc, "sub", s, s))  # log(0)
    op_node(doc, "exp", bad)
    program = compile_graph(doc)
    with pytest.raises(EvalError) as info:
        program.gradient()
    assert info.value.node == bad and info.value.label == "c" and info.value.inputs == (0.0,)
    assert str(info.value) == "c = log(0): log needs inputs greater than 0"


def test_derivative_errors_in_the_backward_pass() -> None:
    # sqrt at 0: the value is 0, the derivative 1/(2√0) is infinite
    program = compile_graph(unary_doc("sqrt", 0.0))
    assert program.evaluate() == 0.0
    for run in (program.gradient, lambda: program.gradient(upstream=0.0)):
        with pytest.raises(EvalError) as info:
            run()
        assert info.value.pass_name == "backward" and info.value.node == 2
        assert info.value.kind == "domain" and "∂√α/∂α" in info.value.message
    with pytest.raises(EvalError) as info:
        program.forward_mode_gradient()
    assert info.value.pass_name == "tangent" and "∂√α/∂α" in info.value.message
    stepper = Stepper(program)
    stepper.run_to_end()
    assert stepper.error.pass_name == "backward" and len(stepper.records) == 2
    # the same on arrays
    with pytest.raises(EvalError) as info:
        compile_graph(unary_doc("sqrt", [4.0, 0.0])).gradient()
    assert info.value.pass_name == "backward"
    # a gradient that overflows only when it is collected at a fan-out
    program = compile_graph(binary_doc("add", 1.0, 1.0))
    for doc in (binary_doc("add", 1.0, 1.0), binary_doc("add", [1.0], [1.0])):
        x = doc.find_input("x")
        y = doc.find_input("y")
        doc.remove_node(y)
        doc.connect(x, doc.output, 1)  # x + x
        program = compile_graph(doc)
        with pytest.raises(EvalError) as info:
            program.gradient(upstream=1e308)
        assert info.value.pass_name == "backward" and "collected at x" in info.value.message
        stepper = Stepper(program, upstream=1e308)
        stepper.run_to_end()
        assert stepper.error is not None and "collected at x" in stepper.error.message


def test_huge_but_finite_values_pass() -> None:
    # The float path's overflow check sums every value: a sum may overflow while
    # every value is finite; that must not become an error.
    doc = Document()
    x = doc.add_input("x", 1e308)
    y = doc.add_input("y", 1e308)
    op_node(doc, "sub", op_node(doc, "neg", x), op_node(doc, "neg", y))  # −x − (−y) = 0
    program = compile_graph(doc)
    value, grads = program.gradient(upstream=1e308)
    assert value == 0.0 and grads == {"x": -1e308, "y": 1e308}


@pytest.mark.parametrize("shapes", [((2, 3), (2,)), ((3,), (4,)), ((2, 1, 3), (4, 2))],
                         ids=str)
def test_broadcast_mismatch_is_a_shape_error(shapes: tuple) -> None:
    doc = binary_doc("mul", np.ones(shapes[0]), np.ones(shapes[1]))
    program = compile_graph(doc)
    with pytest.raises(EvalError) as info:
        program.gradient()
    assert info.value.kind == "shape" and info.value.op == "mul"
    assert info.value.node == doc.output
    assert str(shapes[0]) in info.value.message
    stepper = Stepper(program)
    stepper.run_to_end()
    assert stepper.error.kind == "shape"


# -- fan-out ----------------------------------------------------------------------------------


def _fan_doc(kind: str, value: float) -> tuple[Document, int]:
    doc = Document()
    a = doc.add_input("x" if kind == "x*x" else "a", value)
    if kind == "x*x":
        op_node(doc, "mul", a, a)
    elif kind == "a+a":
        op_node(doc, "add", a, a)
    else:
        s = op_node(doc, "add", a, a)
        op_node(doc, "add", s, s)
    return doc, a


@pytest.mark.parametrize("kind,value,expected", [("x*x", 3.0, 6.0), ("x*x", -1.5, -3.0),
                                                 ("a+a", 5.0, 2.0), ("(a+a)+(a+a)", 5.0, 4.0)])
def test_fan_out_gradients_and_contributions(kind: str, value: float, expected: float) -> None:
    doc, a = _fan_doc(kind, value)
    program = compile_graph(doc)
    name = program.input_names[0]
    _, grads = program.gradient()
    assert grads == {name: expected}
    assert program.forward_mode_gradient() == {name: expected}
    # arrays too
    _, agrads = program.gradient({name: [value, 2 * value]})
    assert np.array_equal(agrads[name], [expected, expected if kind != "x*x" else 4 * value])
    stepper = Stepper(program)
    stepper.run_to_end()
    backward = [r for r in stepper.records if isinstance(r, BackwardStep)]
    into_a = [c for r in backward for c in r.contributions if c.source == a]
    assert len(into_a) == 2  # two slots, two contributions, one running sum
    first, second = into_a
    assert first.before is None and first.after == first.amount
    assert second.before == first.after and second.after == first.after + second.amount
    assert second.after == expected
    if kind == "x*x":
        assert first.amount == second.amount == value and first.local == value
    if kind == "(a+a)+(a+a)":
        # the inner sum s is fed twice too: ∂f/∂s = 1 + 1 = 2 before its own step
        (top, inner) = backward
        assert [c.after for c in top.contributions] == [1.0, 2.0]
        assert inner.dout == 2.0 and [c.amount for c in inner.contributions] == [2.0, 2.0]


# -- upstream and initial ------------------------------------------------------------------


def test_initial_accumulates_like_pytorch_grad() -> None:
    program = compile_graph(seed_doc())
    _, once = program.gradient()
    _, twice = program.gradient(initial=once)
    assert twice == {"x": 2 * SEED_DX, "y": 3.0}
    _, partial = program.gradient(initial={"y": 10.0})
    assert partial == {"x": SEED_DX, "y": 11.5}
    with pytest.raises(ValueError, match="no input called 'q'"):
        program.gradient(initial={"q": 1.0})
    with pytest.raises(ValueError, match="shape"):
        program.gradient(initial={"x": [1.0, 2.0]})
    with pytest.raises(EvalError, match="accumulated gradient"):
        program.gradient(upstream=1e307, initial={"y": 1.79e308})
    # arrays: same shape only
    doc = unary_doc("sin", [0.0, 1.0])
    program = compile_graph(doc)
    _, g = program.gradient(initial={"x": [1.0, 1.0]})
    assert np.allclose(g["x"], [2.0, 1.0 + math.cos(1.0)], rtol=1e-15)
    with pytest.raises(ValueError, match=r"shape \(3,\)"):
        program.gradient(initial={"x": [1.0, 1.0, 1.0]})


def test_upstream_shapes() -> None:
    doc = unary_doc("exp", [0.0, 1.0, 2.0])
    program = compile_graph(doc)
    _, g = program.gradient(upstream=[1.0, 0.0, -2.0])
    assert np.array_equal(g["x"], [1.0, 0.0, -2.0 * math.exp(2.0)])
    _, g = program.gradient(upstream=3.0)  # a number multiplies every element
    assert np.array_equal(g["x"], 3.0 * np.exp([0.0, 1.0, 2.0]))
    for bad in ([1.0, 2.0], [[1.0, 2.0, 3.0]], [1.0, 2.0, 3.0, 4.0]):
        with pytest.raises(ValueError, match="upstream gradient has shape"):
            program.gradient(upstream=bad)
        with pytest.raises(ValueError, match="upstream gradient has shape"):
            Stepper(program, upstream=bad)  # refused at once, not mid-pass
    with pytest.raises(ValueError, match="upstream gradient"):
        program.gradient(upstream="two")
    with pytest.raises(ValueError, match="upstream gradient"):
        program.gradient(upstream=float("inf"))
    # A scalar output takes a number, not a 1-element array (as PyTorch's 0-d tensors).
    with pytest.raises(ValueError):
        compile_graph(seed_doc()).gradient(upstream=[2.0])
    # The Stepper with an array upstream of the right shape
    stepper = Stepper(program, upstream=[1.0, 0.0, -2.0])
    stepper.run_to_end()
    assert np.array_equal(stepper.gradients()[1], [1.0, 0.0, -2.0 * math.exp(2.0)])
    # ... and when the forward pass fails first, the stepper shows that instead.
    bad = compile_graph(unary_doc("log", [1.0, -1.0]))
    stepper = Stepper(bad, upstream=[1.0, 1.0])
    stepper.run_to_end()
    assert stepper.error.pass_name == "forward"


def test_returned_arrays_are_never_shared() -> None:
    doc = binary_doc("add", [1.0, 2.0], [3.0, 4.0])
    program = compile_graph(doc)
    _, g = program.gradient(upstream=[1.0, 1.0])
    assert g["x"] is not g["y"]
    g["x"] += 1
    assert np.array_equal(g["y"], [1.0, 1.0])
    # An input as the output: the document's array is not handed out.
    doc = Document()
    x = doc.add_input("x", [1.0, 2.0])
    program = compile_graph(doc, x)
    value = program.evaluate()
    value += 1
    assert np.array_equal(doc.node(x)["value"], [1.0, 2.0])
    value, g = program.gradient()
    assert np.array_equal(g["x"], [1.0, 1.0])


def test_big_array_paths_reuse_memory_safely() -> None:
    # evaluate() writes ufunc results into dead intermediates; gradient() drops
    # values once used.  Neither may touch the document, change a bit, or lose the
    # values an error message needs.
    doc = Document()
    x = doc.add_input("x", [1.0, 2.0, 3.0])
    a = op_node(doc, "sin", x)
    b = op_node(doc, "mul", a, a)
    c = op_node(doc, "exp", op_node(doc, "neg", b))
    op_node(doc, "add", c, op_node(doc, "sum", a))
    program = compile_graph(doc)
    values = program.node_values()
    for _ in range(2):
        assert same_bits(program.evaluate(), values[doc.output])
    assert np.array_equal(doc.node(x)["value"], [1.0, 2.0, 3.0])
    assert same_bits(program.gradient()[0], values[doc.output])
    grads = program.node_gradients()
    assert set(grads) == {n for n in program.nodes if n != x} | {x}
    # an error after an in-place step: the inputs shown are the true values
    doc = Document()
    x = doc.add_input("x", [1.0, 2.0])
    bad = op_node(doc, "log", op_node(doc, "sin", op_node(doc, "neg", x)))
    with pytest.raises(EvalError) as info:
        compile_graph(doc).evaluate()
    assert info.value.node == bad
    assert np.array_equal(info.value.inputs[0], np.sin([-1.0, -2.0]))
    # an error deep in the backward pass, after later values were dropped
    doc = Document()
    x = doc.add_input("x", [1.0, 4.0])
    root = op_node(doc, "sqrt", op_node(doc, "sub", x, x))  # √0: its derivative is infinite
    op_node(doc, "sin", op_node(doc, "exp", root))
    with pytest.raises(EvalError) as info:
        compile_graph(doc).gradient()
    assert info.value.node == root and info.value.pass_name == "backward"
    assert np.array_equal(info.value.inputs[0], [0.0, 0.0])


# -- forward mode ------------------------------------------------------------------------


def test_forward_mode_weighted_by_an_upstream_gradient() -> None:
    # Comparable with reverse mode under the same upstream gradient (scalar or array).
    program = compile_graph(seed_doc())
    assert program.forward_mode_gradient(upstream=2.0) == pytest.approx(
        program.gradient(upstream=2.0)[1], rel=1e-15)
    program = compile_graph(binary_doc("mul", [1.0, 2.0], 3.0))
    for upstream in (2.0, [2.0, 5.0]):
        _, rev = program.gradient(upstream=upstream)
        fwd = program.forward_mode_gradient(upstream=upstream)
        assert np.array_equal(fwd["x"], rev["x"]) and fwd["y"] == rev["y"]
    assert program.forward_mode_gradient()["y"] == 3.0  # unweighted: the plain sum
    with pytest.raises(ValueError, match="upstream gradient has shape"):
        program.forward_mode_gradient(upstream=[1.0, 2.0, 3.0])


def test_tangent_and_forward_mode() -> None:
    program = compile_graph(seed_doc())
    value, t = program.tangent("x")
    assert value == SEED_VALUE and t == SEED_DX
    assert program.tangent("y", seed=2.0) == (SEED_VALUE, 3.0)
    with pytest.raises(ValueError, match="no input called 'q'"):
        program.tangent("q")
    # broadcasting: a scalar's tangent reaches every element (found: it stayed scalar)
    doc = binary_doc("add", 2.0, [1.0, 2.0, 3.0])
    program = compile_graph(doc)
    _, t = program.tangent("x")
    assert np.array_equal(t, [1.0, 1.0, 1.0])
    assert program.forward_mode_gradient() == {"x": 3.0, "y": pytest.approx([1.0, 1.0, 1.0])}
    _, rev = program.gradient()
    assert rev["x"] == 3.0
    # a direction for an array input
    program = compile_graph(unary_doc("sin", [0.0, 1.0]))
    _, t = program.tangent("x", seed=[2.0, 0.0])
    assert np.array_equal(t, [2.0, 0.0])
    with pytest.raises(ValueError, match="shape"):
        program.tangent("x", seed=[1.0, 2.0, 3.0])
    steps = list(program.iter_tangent("x", seed=[0.0, 1.0]))
    assert [type(s) for s in steps] == [TangentStep, TangentStep]
    assert np.array_equal(steps[-1].tangent, [0.0, math.cos(1.0)])


def test_forward_mode_stepper() -> None:
    program = compile_graph(seed_doc())
    stepper = Stepper(program, mode="forward", wrt="x")
    stepper.run_to_end()
    assert len(stepper.records) == 9 and stepper.error is None
    tangents = stepper.tangents()
    assert tangents[9] == SEED_DX and tangents[6] == 4.0 and 8 not in tangents
    assert stepper.values()[9] == SEED_VALUE
    stepper = Stepper(program, mode="forward", wrt="y", seed=2.0)
    stepper.run_to_end()
    assert stepper.tangents()[9] == 3.0
    with pytest.raises(ValueError):
        Stepper(program, mode="forward")
    with pytest.raises(ValueError):
        Stepper(program, mode="forward", wrt="q")
    with pytest.raises(ValueError):
        Stepper(program, mode="sideways")
    with pytest.raises(ValueError):
        Stepper(program, values={"q": 1.0})


# -- the Stepper --------------------------------------------------------------------------


def test_stepper_walks_back_and_forth() -> None:
    program = compile_graph(seed_doc())
    stepper = Stepper(program)
    assert stepper.current is None and stepper.back() is None and not stepper.done
    first = stepper.next()
    assert first.label == "x" and stepper.position == 1 and stepper.current is first
    assert stepper.back() is first and stepper.position == 0
    assert stepper.next() is first and len(stepper.records) == 1  # replayed, not remade
    for _ in range(12):
        stepper.next()
    assert stepper.values() == {n: v for n, v in program.node_values().items()}
    grads = stepper.gradients()
    assert grads == {9: 1.0, 6: math.log(2), 8: 3.0, 7: 1.5, 3: math.log(2),
                     5: math.log(2), 1: 2 * math.log(2)}  # a's step not yet taken
    stepper.next()
    assert stepper.next() is None and stepper.done
    assert stepper.gradients()[1] == SEED_DX
    assert stepper.gradients() == program.node_gradients()
    stepper.back()
    assert not stepper.done and stepper.gradients()[1] == 2 * math.log(2)
    stepper.reset()
    assert stepper.position == 0 and stepper.values() == {} and len(stepper.records) == 14
    stepper.position = 9  # the UI sets it directly
    assert stepper.current.label == "z" and set(stepper.values()) == set(range(1, 10))
    stepper.run_to_end()
    assert stepper.position == 14 and stepper.done


def test_run_to_end_equals_stepping() -> None:
    program = compile_graph(seed_doc(0.3, 1.7))
    a = Stepper(program)
    a.run_to_end()
    b = Stepper(program)
    while b.next() is not None:
        pass
    assert len(a.records) == len(b.records) == 14
    assert a.records == b.records  # frozen records compare by value


# -- compile -------------------------------------------------------------------------------


def test_compile_errors() -> None:
    with pytest.raises(GraphError, match="empty"):
        compile_graph(Document())
    doc = Document()
    x = doc.add_input("x", 1.0)
    m = doc.add_op("mul")
    doc.connect(x, m, 0)
    with pytest.raises(GraphError, match="'b' argument") as info:
        compile_graph(doc)
    assert info.value.node == m
    with pytest.raises(GraphError, match="no node 99"):
        compile_graph(doc, 99)
    assert compile_graph(doc, x).evaluate() == 1.0  # any node can be the output
    assert isinstance(compile_graph(doc, x), Program)


def test_labels() -> None:
    # Input names are skipped; after 23 ops, v1, v2, … (skipping input names too).
    doc = Document()
    a = doc.add_input("a", 1.0)
    z = doc.add_input("z", 2.0)
    op_node(doc, "mul", op_node(doc, "add", a, z), z)
    assert compile_graph(doc).labels == ["a", "z", "b", "out"]
    doc = Document()
    v1 = doc.add_input("v1", 0.5)
    node = v1
    for _ in range(30):
        node = op_node(doc, "sin", node)
    labels = compile_graph(doc).labels
    assert labels[0] == "v1" and labels[1:4] == ["v2", "v3", "v4"] and labels[-1] == "v31"
    assert len(set(labels)) == len(labels)
    small = compile_graph(chain(23)).labels
    assert small[1:4] == ["a", "b", "c"] and small[-1] == "z" and "f" not in small


def test_node_values_and_gradients() -> None:
    program = compile_graph(seed_doc())
    values = program.node_values()
    assert values[3] == 1.0 and values[6] == 3.0 and values[9] == SEED_VALUE
    grads = program.node_gradients(upstream=2.0)
    assert grads[9] == 2.0 and grads[1] == 2 * SEED_DX and 2 not in grads  # constants: none
    assert program.node_gradients({"x": 2.0})[6] == math.log(2)


def test_unbroadcast() -> None:
    g = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(unbroadcast(g, (3,)), [3.0, 5.0, 7.0])
    assert np.array_equal(unbroadcast(g, (2, 1)), [[3.0], [12.0]])
    assert np.array_equal(unbroadcast(g, (1, 3)), [[3.0, 5.0, 7.0]])
    assert unbroadcast(g, ()) == 15.0 and isinstance(unbroadcast(g, ()), float)
    assert unbroadcast(g, (2, 3)) is g


# -- deep graphs: no recursion anywhere --------------------------------------------------------


def test_ten_thousand_deep_chain_under_a_small_recursion_limit() -> None:
    n = 10_000
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        doc = chain(n)
        assert len(doc) == n + 1
        program = compile_graph(doc)
        assert len(program) == n + 1 and program.labels[-1] == f"v{n}"
        value, grads = program.gradient()
        expected = chain_derivative(n)
        assert grads["x"] == pytest.approx(expected, rel=1e-12)
        assert program.forward_mode_gradient()["x"] == pytest.approx(expected, rel=1e-12)
        stepper = Stepper(program)
        stepper.run_to_end()
        assert stepper.error is None and len(stepper.records) == 2 * n + 1
        assert same_bits(stepper.gradients()[doc.find_input("x")], grads["x"])
        assert not doc.problems()
        copy = doc.copy()
        assert copy.same_as(doc)
        # arrays through the same chain
        _, agrads = program.gradient({"x": [0.5, 0.25]})
        assert agrads["x"][0] == pytest.approx(expected, rel=1e-12)
    finally:
        sys.setrecursionlimit(old)


def test_stepper_gives_the_upstream_gradient_when_the_output_is_an_input() -> None:
    """f = x has no backward step, yet ∂f/∂x is the upstream gradient (as the fast path says)."""
    from autodiff_gui.core.engine import Stepper, compile_graph
    from autodiff_gui.core.graph import Document

    doc = Document()
    x = doc.add_input("x", 3.0)
    program = compile_graph(doc)
    stepper = Stepper(program, upstream=2.0)
    stepper.next()
    assert stepper.gradients() == {x: 2.0} == {x: program.gradient(upstream=2.0)[1]["x"]}
    stepper.back()
    assert stepper.gradients() == {}


# -- the package ----------------------------------------------------------------------------


def test_the_engine_package_keeps_its_public_names() -> None:
    from autodiff_gui.core import engine
    from autodiff_gui.core.engine import checked, fast, instructions, program, stepper

    for name in ("MESSAGES", "EvalError", "Program", "Stepper", "compile_graph",
                 "parse_upstream", "unbroadcast"):
        assert hasattr(engine, name), name
    assert engine.Program is program.Program and engine.Stepper is stepper.Stepper
    assert engine.MESSAGES["upstream_shape"].startswith("the upstream gradient has shape")
    # Each room defines its own methods once: nothing is overridden along the chain.
    rooms = [instructions.Instructions, checked.CheckedPath, fast.FastPath, program.Program]
    seen: dict[str, str] = {}
    for room in rooms:
        for name, member in vars(room).items():
            if callable(member) and not name.startswith("__"):
                assert name not in seen, f"{name} in {seen.get(name)} and {room.__name__}"
                seen[name] = room.__name__
    assert {"evaluate", "gradient", "iter_reverse", "leaves", "_build_kernels"} <= set(seen)
