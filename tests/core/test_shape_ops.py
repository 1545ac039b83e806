"""The shape primitives and the losses through the engine: values, both modes of
differentiation against central differences, the backward graph, the narration's texts
and every refusal (shape errors naming the node, a class index that cannot be
differentiated)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autodiff_gui.core import ops
from autodiff_gui.core.backward_graph import build_backward, hessian_vector
from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.graph import Document, GraphError
from autodiff_gui.core.ops import shapes

from .helpers import assert_close, central_gradient


def one(op: str, x: Any, **params: Any) -> Document:
    doc = Document()
    node = doc.add_op(op, args=(doc.add_input("x", x),), params=params or None)
    doc.set_output(node)
    return doc


def two(op: str, x: Any, y: Any, *, const_y: bool = False, **params: Any) -> Document:
    doc = Document()
    yn = doc.add_const(y) if const_y else doc.add_input("y", y)
    node = doc.add_op(op, args=(doc.add_input("x", x), yn), params=params or None)
    doc.set_output(node)
    return doc


def _rand(shape: tuple[int, ...], seed: int) -> Any:
    v = np.random.default_rng(seed).uniform(-2.0, 2.0, shape)
    return float(v) if shape == () else v


def check(doc: Document, expected: Any = None) -> None:
    """Value (if given), reverse mode with a non-trivial upstream, forward mode, the
    backward graph: all against central differences."""
    program = compile_graph(doc)
    out = program.evaluate()
    if expected is not None:
        assert np.shape(out) == np.shape(expected)
        assert np.array_equal(out, expected)
    upstream = np.reshape(np.linspace(-1.5, 1.0, np.size(out)), np.shape(out)) \
        if np.ndim(out) else 1.7
    _, grads = program.gradient(upstream=upstream)
    central = central_gradient(program, upstream=upstream)
    plain = central_gradient(program)
    forward = program.forward_mode_gradient()
    for name, g in grads.items():
        assert np.shape(g) == np.shape(program.leaf_values[program.input_index[name]])
        assert_close(g, central[name], 1e-8, f"reverse {name}")
        assert_close(forward[name], plain[name], 1e-8, f"forward {name}")
    bg = build_backward(doc)
    _, ones = program.gradient()
    for name, node in bg.gradients.items():
        assert_close(compile_graph(bg.document, node).evaluate(), ones[name], 1e-12, name)


# -- values and derivatives ---------------------------------------------------------

@pytest.mark.parametrize("shape", [(), (3,), (2, 3)], ids=str)
def test_transpose(shape: tuple[int, ...]) -> None:
    x = _rand(shape, 1)
    check(one("transpose", x), np.transpose(x) if shape else x)


@pytest.mark.parametrize("shape,target", [((2, 3), (3, 2)), ((2, 3), (-1,)), ((6,), (3, -1)),
                                          ((1,), ()), ((), (1, 1)), ((2, 2), (4, 1))], ids=str)
def test_reshape(shape: tuple[int, ...], target: tuple[int, ...]) -> None:
    x = _rand(shape, 2)
    check(one("reshape", x, shape=target), np.reshape(x, target))


INDEXES = [((4,), (0,)), ((4,), (-1,)), ((4,), ((1, 3, None),)), ((5,), ((None, None, 2),)),
           ((3, 4), (1,)), ((3, 4), ((None, None, None), 2)), ((3, 4), (1, (None, None, None))),
           ((3, 4), ((0, 2, None), (1, None, 2))), ((3, 4), (2, -1)),
           ((2, 3, 4), ((None, None, None), 1, (1, 4, 2)))]


@pytest.mark.parametrize("shape,index", INDEXES, ids=str)
def test_index(shape: tuple[int, ...], index: tuple[Any, ...]) -> None:
    x = _rand(shape, 3)
    key = tuple(i if isinstance(i, int) else slice(*i) for i in index)
    check(one("index", x, index=index), np.asarray(x)[key])


def test_index_gradient_is_scattered_into_zeros() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    _, grads = compile_graph(one("index", x, index=((1, None, 2),))).gradient(
        upstream=np.array([10.0, 20.0]))
    assert grads["x"].tolist() == [0.0, 10.0, 0.0, 20.0, 0.0]


@pytest.mark.parametrize("shapes_,axis", [(((), ()), 0), (((3,), (3,)), 0), (((3,), (3,)), 1),
                                          (((2, 3), (2, 3)), -1), (((2, 3), (3,)), 0),
                                          (((3, 2), (3,)), 1), (((2,), ()), 0)], ids=str)
def test_stack(shapes_: tuple, axis: int) -> None:
    a, b = _rand(shapes_[0], 4), _rand(shapes_[1], 5)
    if np.ndim(a) == np.ndim(b):
        want = np.stack([a, b], axis=axis)
    else:  # a stack already: b is one more slice
        want = np.concatenate([a, np.expand_dims(b, axis)], axis=axis)
    check(two("stack", a, b, axis=axis), want)


def test_a_stack_of_three_is_torch_stack_of_three() -> None:
    a, b, c = (np.array([1.0, 2.0]) * k for k in (1, 2, 3))
    for axis in (0, 1, -1):
        doc = Document()
        x, y, z = (doc.add_input(n, v) for n, v in zip("xyz", (a, b, c)))
        inner = doc.add_op("stack", args=(x, y), params={"axis": axis})
        doc.set_output(doc.add_op("stack", args=(inner, z), params={"axis": axis}))
        out = compile_graph(doc).evaluate()
        assert np.array_equal(out, np.stack([a, b, c], axis=axis))
        check(doc)
    # two stacks of the same shape make a new axis, as torch.stack of two would
    doc = two("stack", np.ones((2, 2)), np.zeros((2, 2)))
    assert compile_graph(doc).evaluate().shape == (2, 2, 2)


@pytest.mark.parametrize("shapes_,axis", [(((2,), (3,)), 0), (((2, 3), (1, 3)), 0),
                                          (((2, 3), (2, 2)), 1), (((2, 3), (2, 1)), -1)],
                         ids=str)
def test_concat(shapes_: tuple, axis: int) -> None:
    a, b = _rand(shapes_[0], 6), _rand(shapes_[1], 7)
    check(two("concat", a, b, axis=axis), np.concatenate([a, b], axis=axis))


@pytest.mark.parametrize("shapes_", [((), ()), ((3,), (3,)), ((2, 3), (3,)), ((3,), ()),
                                     ((), (2, 2))], ids=str)
def test_mse(shapes_: tuple) -> None:
    a, b = _rand(shapes_[0], 8), _rand(shapes_[1], 9)
    d = np.subtract(a, b)
    program = compile_graph(two("mse", a, b))
    assert program.evaluate() == pytest.approx(float(np.mean(d * d)), rel=1e-15)
    assert isinstance(program.evaluate(), float)
    check(two("mse", a, b))


CE_CASES = [((4,), 2.0), ((4,), None), ((3, 4), np.array([0.0, 3.0, 1.0])), ((3, 4), None),
            ((1, 2), np.array([1.0]))]


@pytest.mark.parametrize("shape,target", CE_CASES, ids=str)
def test_cross_entropy(shape: tuple[int, ...], target: Any) -> None:
    z = _rand(shape, 10) * 3
    if target is None:  # probabilities: differentiable, no need to add up to 1
        p = np.random.default_rng(11).uniform(0.0, 1.0, shape)
        check(two("cross_entropy", z, p))
    else:  # a constant class index
        check(two("cross_entropy", z, target, const_y=True))


def test_cross_entropy_is_stable_for_huge_logits() -> None:
    z = np.array([1000.0, 0.0, -1000.0])
    program = compile_graph(two("cross_entropy", z, 0.0, const_y=True))
    value, grads = program.gradient()
    assert value == 0.0 and np.array_equal(grads["x"], [0.0, 0.0, 0.0])
    assert compile_graph(two("cross_entropy", z, 2.0, const_y=True)).evaluate() == 2000.0


def test_a_neuron_with_cross_entropy() -> None:
    """Two classes, one weight matrix: the numbers of the cs231n softmax classifier."""
    doc = Document()
    W = doc.add_input("W", np.array([[0.2, -0.5], [1.5, 1.3]]))
    x = doc.add_input("x", np.array([1.0, 2.0]))
    logits = doc.add_op("matmul", args=(W, x))
    doc.set_output(doc.add_op("cross_entropy", args=(logits, doc.add_const(1.0))))
    s = np.array([0.2 - 1.0, 1.5 + 2.6])
    p = np.exp(s) / np.exp(s).sum()
    value, grads = compile_graph(doc).gradient()
    assert value == pytest.approx(-np.log(p[1]), rel=1e-14)
    assert np.allclose(grads["W"], np.outer(p - [0, 1], [1.0, 2.0]), rtol=1e-14)
    check(doc)


# -- the second derivative through the backward graph -----------------------------

def test_backward_graph_of_a_two_layer_network_differentiates_again() -> None:
    """mse(tanh(W @ x + b), t): the backward graph evaluates to the gradient and its
    own gradient is a Hessian-vector product (compared with central differences of
    the gradient along v)."""
    rng = np.random.default_rng(12)
    values = {"W": rng.normal(size=(2, 3)), "x": rng.normal(size=3), "b": rng.normal(size=2),
              "t": rng.normal(size=2)}
    doc = Document()
    n = {k: doc.add_input(k, v) for k, v in values.items()}
    pre = doc.add_op("add", args=(doc.add_op("matmul", args=(n["W"], n["x"])), n["b"]))
    doc.set_output(doc.add_op("mse", args=(doc.add_op("tanh", args=(pre,)), n["t"])))
    check(doc)
    v = {k: rng.normal(size=np.shape(val)) for k, val in values.items()}
    hv = hessian_vector(doc, v)
    program = compile_graph(doc)
    h = 1e-5
    plus = program.gradient({k: values[k] + h * v[k] for k in values})[1]
    minus = program.gradient({k: values[k] - h * v[k] for k in values})[1]
    for k in values:
        assert_close(hv[k], (plus[k] - minus[k]) / (2 * h), 1e-7, k)


# -- hypothesis: random shapes, every op against numpy and central differences ----------

@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.data())
def test_random_shapes(dims: list[int], data: st.DataObject) -> None:
    shape = tuple(dims)
    x = _rand(shape, data.draw(st.integers(0, 99)))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    check(one("reshape", x, shape=(-1,)), np.reshape(x, -1))
    if len(shape) <= 2:
        check(one("transpose", x), np.transpose(x))
    check(two("stack", x, x * 0.5 + 1, axis=axis))
    check(two("concat", x, x ** 2, axis=axis))
    index = tuple(data.draw(st.one_of(st.integers(-n, n - 1), st.tuples(
        st.integers(0, n - 1), st.just(None), st.integers(1, 2)))) for n in shape)
    check(one("index", x, index=index))
    check(two("mse", x, np.cos(x)))
    if len(shape) <= 2:
        check(two("cross_entropy", x, np.abs(np.sin(x))))


# -- refusals -------------------------------------------------------------------------

@pytest.mark.parametrize("doc,code", [
    (lambda: one("reshape", np.ones(6), shape=(4,)), "reshape_size"),
    (lambda: one("reshape", np.ones(6), shape=(4, -1)), "reshape_size"),
    (lambda: one("index", np.ones(3), index=(3,)), "index_range"),
    (lambda: one("index", np.ones(3), index=(-4,)), "index_range"),
    (lambda: one("index", np.ones(3), index=(0, 0)), "index_axes"),
    (lambda: one("index", 2.0, index=(0,)), "index_scalar"),
    (lambda: one("index", np.ones(3), index=((2, 1, None),)), "index_empty"),
    (lambda: one("index", np.ones(3), index=((None, None, -1),)), "index_step"),
    (lambda: one("transpose", np.ones((2, 2, 2))), "transpose_axes"),
    (lambda: two("stack", np.ones(3), np.ones(2)), "stack_shapes"),
    (lambda: two("stack", np.ones(3), np.ones(3), axis=2), "stack_axis"),
    (lambda: two("concat", 1.0, 2.0), "concat_scalar"),
    (lambda: two("concat", np.ones((2, 3)), np.ones((2, 2))), "concat_shapes"),
    (lambda: two("concat", np.ones(3), np.ones((1, 3))), "concat_shapes"),
    (lambda: two("concat", np.ones(3), np.ones(3), axis=1), "concat_axis"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_shape_refusals_name_the_node(doc: Any, code: str) -> None:
    d = doc()
    program = compile_graph(d)
    with pytest.raises(EvalError) as info:
        program.evaluate()
    assert info.value.kind == "shape" and info.value.node == d.output
    assert info.value.params["detail"] == shapes.MESSAGES[code]
    # the shape rule refuses the same shapes with the same words, before any value
    op = ops.OPS[info.value.op].bind(d.params(d.output) if hasattr(d, "params") else None)
    with pytest.raises(ValueError, match="shape"):
        op.shape(*(np.shape(a) for a in info.value.inputs))


@pytest.mark.parametrize("shape,target,code", [
    ((3, 4), np.array([0.0, 4.0, 1.0]), "ce_class"),
    ((4,), 1.5, "ce_class"), ((4,), -1.0, "ce_class"),
    ((3, 4), np.ones(4), "ce_target"), ((2, 2, 2), np.ones((2, 2, 2)), "ce_logits"),
], ids=str)
def test_cross_entropy_refusals(shape: tuple, target: Any, code: str) -> None:
    from autodiff_gui.core.ops import losses

    with pytest.raises(EvalError) as info:
        compile_graph(two("cross_entropy", np.zeros(shape), target, const_y=True)).evaluate()
    assert str(info.value.message).endswith(losses.MESSAGES[code]) or \
        info.value.params.get("detail") == losses.MESSAGES[code]


def test_a_class_index_is_never_differentiated() -> None:
    from autodiff_gui.core.ops import losses

    doc = two("cross_entropy", np.array([1.0, 2.0, 0.5]), 1.0)  # the class is an input
    program = compile_graph(doc)
    assert program.evaluate() == pytest.approx(
        float(np.log(np.exp([1.0, 2.0, 0.5]).sum()) - 2.0), rel=1e-15)
    for run in (program.gradient, program.forward_mode_gradient):
        with pytest.raises(EvalError) as info:
            run()
        assert info.value.params["detail"] == losses.MESSAGES["ce_index_grad"]
    with pytest.raises((ValueError, GraphError), match="class index has no derivative"):
        build_backward(doc)


def test_params_are_checked_when_the_node_is_made() -> None:
    doc = Document()
    x = doc.add_input("x", np.ones(3))
    for op, params in [("reshape", {"shape": (2, -1, -1)}), ("index", {"index": ((0, 1, 0),)}),
                       ("index", {"index": "1"}), ("stack", {"axis": 0.5})]:
        with pytest.raises(GraphError):
            doc.add_op(op, args=(x,), params=params)
    # a block without its required parameter (fresh from the palette) is a problem to fix
    doc.set_output(doc.add_op("reshape", args=(x,)))
    with pytest.raises(GraphError, match="shape"):
        compile_graph(doc)


# -- the narration's texts ---------------------------------------------------------------

def test_texts_say_the_parameters() -> None:
    index = ops.OPS["index"].bind({"index": (1, (None, None, None))})
    assert index.template.format("W", out="a") == "a = W[1, :]"
    assert index.backward_texts[0].format("W", g="∂f/∂a", shape0="(2, 3)") == \
        "∂f/∂a scattered back into zeros of shape (2, 3), at the indexed places"
    assert ops.OPS["index"].bind({"index": ((1, 3, None),)}).expr.format("x") == "x[1:3]"
    assert ops.OPS["index"].bind({"index": ((None, None, 2),)}).expr.format("x") == "x[::2]"
    reshape = ops.OPS["reshape"].bind({"shape": (2, -1)})
    assert reshape.template.format("x", out="a") == "a = reshape(x, (2, -1))"
    assert "axis 1" in ops.OPS["stack"].bind({"axis": 1}).template
    assert "axis 0" in ops.OPS["concat"].bind(None).template


# -- the language: x[...], A.T, parameters, stack and concat of more inputs -------------

LANGUAGE = {
    "x[1:3]": ("x[1:3]", lambda x, y, W: x[1:3]),
    "W[1, :]": ("W[1, :]", lambda x, y, W: W[1, :]),
    "W[-1, ::2] @ x[0:2]": ("W[-1, ::2] @ x[0:2]", lambda x, y, W: W[-1, ::2] @ x[0:2]),
    "sum(W.T @ y[:2])": ("sum(W.T @ y[:2])", lambda x, y, W: np.sum(W.T @ y[:2])),
    "reshape(W, (3, -1))": ("reshape(W, (3, -1))", lambda x, y, W: W.reshape(3, -1)),
    "stack(x, y, x)": ("stack(x, y, x)", lambda x, y, W: np.stack([x, y, x])),
    "stack(x, y, x, 1)": ("stack(x, y, x, 1)", lambda x, y, W: np.stack([x, y, x], 1)),
    "stack(stack(x, y), stack(y, x))": ("stack(stack(x, y), stack(y, x))",
                                        lambda x, y, W: np.stack([np.stack([x, y]),
                                                                  np.stack([y, x])])),
    "concat(x, y, x[:1])": ("concat(x, y, x[:1])",
                            lambda x, y, W: np.concatenate([x, y, x[:1]])),
    "concat(W, W, 1)": ("concat(W, W, 1)", lambda x, y, W: np.concatenate([W, W], 1)),
    "stack(x, y, [7, 8, 9])": ("stack(x, y, [7, 8, 9])",
                               lambda x, y, W: np.stack([x, y, [7.0, 8.0, 9.0]])),
    "mse(tanh(W @ x), y[:2])": ("mse(tanh(W @ x), y[:2])",
                                lambda x, y, W: np.mean((np.tanh(W @ x) - y[:2]) ** 2)),
    "cross_entropy(W @ x, 1)": ("cross_entropy(W @ x, 1)", None),
}


@pytest.mark.parametrize("text", sorted(LANGUAGE))
def test_the_language_writes_them(text: str) -> None:
    from autodiff_gui.core import expr

    vals = {"x": np.array([1.0, 2.0, 3.0]), "y": np.array([4.0, 5.0, -6.0]),
            "W": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]) / 4}
    printed, numpy = LANGUAGE[text]
    doc = expr.parse(text, {k: v for k, v in vals.items() if k in text})
    assert expr.to_text(doc) == printed
    value = compile_graph(doc).evaluate()
    if numpy is not None:
        want = numpy(**vals)
        assert np.shape(value) == np.shape(want) and np.allclose(value, want, rtol=1e-15)
    again = expr.parse(printed, {k: v for k, v in vals.items() if k in text})
    assert np.array_equal(compile_graph(again).evaluate(), value)
    check(doc)


def test_stack_of_three_is_a_left_chain_in_the_document() -> None:
    from autodiff_gui.core import expr

    doc = expr.parse("stack(x, y, z, 1)", {n: np.ones(2) for n in "xyz"})
    out = doc.output
    inner = doc.argument_table()[out][0]
    assert doc.node(inner)["op"] == doc.node(out)["op"] == "stack"
    assert dict(doc.params(out)) == dict(doc.params(inner)) == {"axis": 1}
    assert compile_graph(doc).evaluate().shape == (2, 3)


@pytest.mark.parametrize("text,fragment", [("stack(x)", "stack"), ("x[5]", "range"),
                                           ("reshape(x, (2, 2))", "as many elements"),
                                           ("x[1:1]", "no element"), ("x[0, 0]", "more entries")])
def test_the_language_refuses_with_reasons(text: str, fragment: str) -> None:
    from autodiff_gui.core import expr
    from autodiff_gui.core.expr import ParseError

    try:
        doc = expr.parse(text, {"x": np.ones(3)})
    except ParseError as exc:
        assert fragment in str(exc)
        return
    with pytest.raises(EvalError, match=fragment):
        compile_graph(doc).evaluate()
