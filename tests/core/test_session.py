"""The Session: one compiled program per change, generation counters, and ``.grad``."""

from __future__ import annotations

import numpy as np
import pytest

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.graph import Document, GraphError, Text
from autodiff_gui.core.session import Session

from .helpers import SEED_DX, SEED_DY, SEED_VALUE, op_node, seed_doc


def test_the_document_is_the_one_given_and_kept() -> None:
    doc = seed_doc()
    session = Session(doc)
    assert session.document is doc
    doc.replace_with(Document())
    assert session.document is doc
    assert isinstance(Session().document, Document)


def test_program_is_compiled_once_until_a_change() -> None:
    doc = seed_doc()
    session = Session(doc)
    first = session.program()
    assert session.program() is first
    assert first.gradient() == compile_graph(doc).gradient()
    doc.set_value(doc.find_input("x"), 3.0)
    second = session.program()
    assert second is not first and session.program() is second
    assert second.evaluate() == compile_graph(doc).evaluate() == (9 + 6) * np.log(2)


def test_moving_a_block_keeps_the_program_but_counts_as_a_change() -> None:
    doc = seed_doc()
    session = Session(doc)
    program, generation = session.program(), session.generation
    structure = session.structure_generation
    doc.set_position(1, (10.0, 20.0))
    assert session.program() is program
    assert session.generation == generation + 1
    assert session.structure_generation == structure


def test_generation_grows_with_every_event_structure_only_with_structure() -> None:
    doc = Document()
    session = Session(doc)
    assert (session.generation, session.structure_generation) == (0, 0)
    x = doc.add_input("x", 1.0)
    assert (session.generation, session.structure_generation) == (1, 1)
    doc.set_value(x, 2.0)
    assert (session.generation, session.structure_generation) == (2, 1)
    op_node(doc, "exp", x)  # node_added, edge_added
    assert (session.generation, session.structure_generation) == (4, 3)
    doc.rename(x, "w")
    assert (session.generation, session.structure_generation) == (5, 4)
    assert session.program().input_names == ["w"]


def test_changes_without_events_are_caught_by_the_revision() -> None:
    doc = seed_doc()
    session = Session(doc)
    program, generation = session.program(), session.generation
    with doc.muted():
        doc.set_value(doc.find_input("y"), 4.0)
        # Inside the block no event was sent, yet the program is not stale.
        assert session.generation == generation + 1
        fresh = session.program()
        assert fresh is not program and fresh.evaluate() == 3 * np.log(4)
    # The closing reset is one more event.
    assert session.generation == generation + 2
    assert session.program().evaluate() == fresh.evaluate()


def test_a_listener_called_before_the_session_sees_the_new_program() -> None:
    doc = seed_doc()
    seen = []
    doc.subscribe(lambda _e: seen.append(session.program().evaluate()))
    session = Session(doc)
    session.program()
    doc.set_value(doc.find_input("x"), 2.0)
    assert seen == [8 * np.log(2)]
    assert session.generation == 1  # one event, counted once


def test_a_problem_raises_graph_error_until_fixed() -> None:
    doc = Document()
    session = Session(doc)
    with pytest.raises(GraphError, match="empty"):
        session.program()
    assert session.try_program() is None and "empty" in str(session.problem)
    x = doc.add_input("x", 1.0)
    mul = op_node(doc, "mul", x)
    with pytest.raises(GraphError, match="needs its 'b'") as info:
        session.program()
    assert info.value.node == mul
    doc.connect(x, mul, 1)
    assert session.problem is None and session.program().evaluate() == 1.0


def test_total_steps_counts_forward_and_backward_records() -> None:
    session = Session(seed_doc())
    program = session.program()
    assert program.backward_steps == 5  # pow, mul, add, log, mul: the seed's 5 backward steps
    assert session.total_steps("reverse") == 9 + 5
    assert session.total_steps("forward") == 9
    assert Session(Document()).total_steps() == 0


def test_grads_accumulate_across_runs_and_zero() -> None:
    session = Session(seed_doc())
    assert session.grads == {}
    value, run = session.backward()
    assert value == SEED_VALUE and run == {"x": SEED_DX, "y": SEED_DY}
    assert session.grads == run
    session.backward(upstream=2.0)
    assert session.grads == {"x": SEED_DX + 2 * SEED_DX, "y": SEED_DY + 3.0}
    session.zero_grad()
    assert session.grads == {}
    assert session.accumulate({"y": 0.5}) == {"y": 0.5}


def test_grads_of_arrays_are_copied_and_shape_checked() -> None:
    doc = Document()
    w = doc.add_input("w", [1.0, 2.0])
    op_node(doc, "sum", op_node(doc, "mul", w, w))
    session = Session(doc)
    session.backward()
    session.backward()
    grads = session.grads
    np.testing.assert_array_equal(grads["w"], [4.0, 8.0])
    grads["w"][0] = 99.0  # a copy: the session keeps its own
    np.testing.assert_array_equal(session.grads["w"], [4.0, 8.0])
    with pytest.raises(ValueError, match=r"has shape \(3,\)") as info:
        session.accumulate({"w": [1.0, 2.0, 3.0]})
    assert isinstance(info.value.args[0], Text)
    with pytest.raises(ValueError, match="no input called 'v'"):
        session.accumulate({"v": 1.0})
    np.testing.assert_array_equal(session.grads["w"], [4.0, 8.0])  # nothing added


def test_a_refused_accumulation_adds_nothing() -> None:
    session = Session(seed_doc())
    session.accumulate({"x": 1.7e308})
    with pytest.raises(ValueError, match="not finite"):
        session.accumulate({"y": 1.0, "x": 1.7e308})
    with pytest.raises(ValueError, match="gradient of y: not a real number"):
        session.accumulate({"x": 1.0, "y": "one"})
    assert session.grads == {"x": 1.7e308}


def test_grads_follow_their_input_by_name() -> None:
    doc = seed_doc()
    session = Session(doc)
    session.backward()
    x = doc.find_input("x")
    doc.rename(x, "u")
    assert session.grads == {"u": SEED_DX, "y": SEED_DY}
    doc.set_value(x, 5.0)  # same shape: the gradient stays, as a tensor's .grad would
    assert "u" in session.grads
    doc.set_value(x, [1.0, 2.0])  # another shape: it does not fit, so it does not show
    assert session.grads == {"y": SEED_DY}
    session.accumulate({"u": [1.0, 1.0]})  # a fresh start for the new shape
    np.testing.assert_array_equal(session.grads["u"], [1.0, 1.0])
    y = doc.find_input("y")
    doc.remove_node(y)
    assert "y" not in session.grads


def test_a_new_graph_or_another_output_forgets_the_gradients() -> None:
    # The Run panel's rule (tests/ui/test_first_minutes.py): .grad is of one output.
    doc = seed_doc()
    session = Session(doc)
    session.backward()
    doc.set_value(doc.find_input("x"), 5.0)  # a value: the same function, .grad stays
    assert set(session.grads) == {"x", "y"}
    other = Document()
    op_node(other, "exp", other.add_input("y", 0.0))
    doc.replace_with(other)  # as typing a new expression does
    assert session.grads == {}
    session.backward()
    assert session.grads == {"y": 1.0}
    y = doc.find_input("y")
    doc.set_output(y)  # another output: another function
    assert session.grads == {}
    session.backward()
    session.backward()
    assert session.grads == {"y": 2.0}


def test_listeners_hear_when_the_gradients_are_forgotten() -> None:
    doc = seed_doc()
    session = Session(doc)
    heard: list[bool] = []
    session.on_grads_forgotten(lambda: heard.append(bool(session.grads)))
    session.backward()
    doc.set_value(doc.find_input("x"), 5.0)  # kept: nothing to hear
    assert heard == []
    doc.set_output(doc.find_input("y"))  # forgotten, and already empty when told
    assert heard == [False]
    session.zero_grad()  # asked for by the caller itself: no echo
    assert heard == [False]


def test_function_generation_skips_moves() -> None:
    doc = seed_doc()
    session = Session(doc)
    before = session.function_generation
    doc.set_position(1, (10.0, 20.0))
    assert session.function_generation == before
    doc.set_value(doc.find_input("x"), 2.0)
    assert session.function_generation == before + 1


def test_close_stops_following() -> None:
    doc = seed_doc()
    session = Session(doc)
    generation = session.generation
    session.close()
    session.close()
    doc.set_value(1, 2.0)
    assert session.generation == generation + 1  # the revision still tells
