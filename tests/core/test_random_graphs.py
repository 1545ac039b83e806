"""Hypothesis-generated graphs: every way of differentiating agrees.

Random DAGs with fan-out (1–4 inputs, scalars, vectors, matrices and broadcasting
mixes, every primitive where its values are safe) must give the same gradient by
reverse mode, forward mode and central differences; the Stepper must reproduce
the fast path's values and gradients bit for bit, and replay its records.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodiff_gui.core.engine import Stepper, compile_graph

from .helpers import (
    BINARY,
    REDUCE,
    UNARY,
    assert_close,
    build_random,
    central_gradient,
    records_equal,
    same_bits,
)

NAMES = ("x", "y", "w", "u")
SHAPES = {"scalar": [()], "vector": [(3,)], "matrix": [(2, 3)],
          "mixed": [(), (3,), (2, 3), (2, 1), (1, 3)]}
# Deterministic and leaving no files in the work tree.
RUNS = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

number = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)


@st.composite
def recipes(draw: st.DrawFn, mode: str | None = None) -> dict:
    mode = mode or draw(st.sampled_from(sorted(SHAPES)))
    count = draw(st.integers(1, 4))
    inputs = []
    for name in NAMES[:count]:
        shape = draw(st.sampled_from(SHAPES[mode]))
        size = int(np.prod(shape))
        values = draw(st.lists(number, min_size=size, max_size=size))
        inputs.append((name, float(values[0]) if shape == () else
                       np.array(values).reshape(shape)))
    step = st.tuples(st.sampled_from(UNARY + BINARY + BINARY + REDUCE),
                     st.integers(0, 8), st.integers(0, 64), st.integers(0, 5))
    steps = draw(st.lists(step, min_size=3, max_size=16))
    return {"inputs": inputs, "steps": steps}


def check_graph(recipe: dict) -> None:
    doc = build_random(recipe)
    program = compile_graph(doc)
    value, grads = program.gradient()
    assert set(grads) == set(program.input_index)
    # Reverse mode against forward mode (same maths, other order) and differences.
    forward = program.forward_mode_gradient()
    central = central_gradient(program, points=5)
    for name, g in grads.items():
        assert np.shape(g) == np.shape(program.leaf_values[program.input_index[name]])
        assert_close(forward[name], g, 1e-9, f"forward mode, {name}")
        assert_close(g, central[name], 1e-6, f"central difference, {name}")
        assert np.all(np.isfinite(g))

    # The Stepper: the same numbers to the last bit, node by node.
    stepper = Stepper(program)
    stepper.run_to_end()
    assert stepper.error is None and stepper.done
    fast_values = program.node_values()
    step_values = stepper.values()
    assert set(step_values) == set(fast_values) == set(program.nodes)
    for node, v in fast_values.items():
        assert same_bits(step_values[node], v), node
    assert same_bits(value, step_values[program.output_node])
    # evaluate() drops and reuses dead intermediates: still the same bits, and the
    # document's arrays untouched.
    leaves = [np.copy(v) for v in program.leaf_values]
    assert same_bits(program.evaluate(), value)
    assert all(same_bits(a, b) for a, b in zip(leaves, program.leaf_values) if b is not None)
    fast_grads = program.node_gradients()
    step_grads = stepper.gradients()
    assert set(step_grads) == set(fast_grads)
    for node, g in fast_grads.items():
        assert same_bits(step_grads[node], g), node
    for name, g in grads.items():
        assert same_bits(step_grads[program.input_nodes[name]], g), name

    # Back then forward again replays the very same records.
    records = list(stepper.records)
    half = len(records) // 2
    for _ in range(len(records) - half):
        stepper.back()
    assert stepper.position == half
    assert stepper.current is (records[half - 1] if half else None)
    replay = [stepper.next() for _ in range(len(records) - half)]
    assert all(a is b for a, b in zip(replay, records[half:]))
    assert stepper.next() is None and stepper.done
    # A fresh Stepper makes equal records.
    again = Stepper(program)
    again.run_to_end()
    assert len(again.records) == len(records)
    assert all(records_equal(a, b) for a, b in zip(again.records, records))
    # Step counts: every node forward, every node an input feeds backward.
    assert len(records) == len(program) + sum(
        1 for i, op in enumerate(program.ops) if op is not None and program.needs_grad[i])


@RUNS
@given(recipes())
def test_random_graphs_agree(recipe: dict) -> None:
    check_graph(recipe)


@settings(RUNS, max_examples=100)
@given(recipes("scalar"))
def test_random_scalar_graphs_agree(recipe: dict) -> None:
    # Scalar graphs run on the float kernels: a separate population.
    check_graph(recipe)


@settings(RUNS, max_examples=60)
@given(recipes(), st.integers(0, 2**32 - 1))
def test_random_upstream_and_initial(recipe: dict, seed: int) -> None:
    doc = build_random(recipe)
    program = compile_graph(doc)
    shape = np.shape(program.evaluate())
    rng = np.random.default_rng(seed)
    upstream = rng.uniform(-2, 2, shape) if shape else float(rng.uniform(-2, 2))
    _, grads = program.gradient(upstream=upstream)
    central = central_gradient(program, upstream=upstream, points=5)
    for name, g in grads.items():
        assert_close(g, central[name], 1e-6, name)
    # Linear in the upstream gradient, and initial= adds.
    _, doubled = program.gradient(upstream=2 * np.asarray(upstream))
    initial = {name: np.ones(np.shape(g)) if np.ndim(g) else 1.0 for name, g in grads.items()}
    _, accumulated = program.gradient(upstream=upstream, initial=initial)
    for name, g in grads.items():
        # ×2 is exact in floating point (but for subnormals, hypothesis's favourites)
        assert np.allclose(doubled[name], 2 * np.asarray(g), rtol=1e-15, atol=1e-300)
        assert same_bits(accumulated[name], np.asarray(g) + initial[name])
    stepper = Stepper(program, upstream=upstream)
    stepper.run_to_end()
    step_grads = stepper.gradients()
    for name, g in grads.items():
        assert same_bits(step_grads[program.input_nodes[name]], g)
