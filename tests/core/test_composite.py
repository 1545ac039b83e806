"""Composite blocks: made from a selection, expanded for the engine, saved and checked.

The block's numbers must be the original graph's (expansion is exact), gradients through
blocks must agree with PyTorch and central differences, a student's fused rule must be
caught when wrong and passed when right, and a file's ``composites`` section must round
trip and refuse malformed definitions with a message saying what and where.
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodiff_gui.core import expr, fileio, ops
from autodiff_gui.core.composite import (
    CompositeDef,
    expand,
    inline_block,
    make_block,
    plan_block,
)
from autodiff_gui.core.composite_rules import check_rules
from autodiff_gui.core.engine import Stepper, compile_graph
from autodiff_gui.core.graph import Document, GraphError

from .helpers import (
    BINARY,
    UNARY,
    assert_close,
    build_random,
    central_gradient,
    seed_doc,
)

RUNS = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def ops_named(doc: Document, *names: str) -> list[int]:
    return [n for n, d in doc.node_table().items() if d.get("op") in names]


def seed_with_block() -> tuple[Document, int]:
    """The seed function with x**2 + 2*x made into the block ``quad``."""
    doc = seed_doc()
    block = make_block(doc, [2, 3, 4, 5, 6], "quad")  # pow, mul, add and their constants
    return doc, block


def test_make_block_replaces_the_selection_by_one_node() -> None:
    doc, block = seed_with_block()
    assert doc.kind(block) == "composite" and doc.node(block)["block"] == "quad"
    defn = doc.composites["quad"]
    assert defn.inputs == ("x",)
    assert doc.arguments(block) == [doc.find_input("x")]
    # The block feeds the multiplication the add fed; the constants went inside.
    assert (block, 0) in [(s, k) for s, _d, k in doc.wires(9)]
    assert not any(doc.kind(n) == "const" for n in doc.nodes())
    assert expr.to_text(doc) == "(x**2 + 2*x) * log(y)"  # written out: it parses back
    assert doc.slot_names(block) == ("x",)


def test_expansion_gives_the_original_numbers() -> None:
    original = compile_graph(seed_doc())
    doc, block = seed_with_block()
    program = compile_graph(doc)
    assert program.evaluate() == original.evaluate()
    assert program.gradient() == original.gradient()
    assert program.gradient(upstream=2.0)[1] == {"x": 2 * 2.772588722239781, "y": 3.0}
    # The block's output carries the block's id; the other inner nodes map back to it.
    assert block in program.nodes
    assert program.origin and all(top == block for top, _inner in program.origin.values())
    inner = {b for _t, b in program.origin.values()}
    assert inner <= {n for n, _d in doc.composites["quad"].body.nodes}
    # Stepping visits every inner operation: as many steps as the original.
    s0, s1 = Stepper(original), Stepper(program)
    s0.run_to_end()
    s1.run_to_end()
    assert len(s0.records) == len(s1.records)


def test_inline_block_restores_the_graph() -> None:
    doc, block = seed_with_block()
    inline_block(doc, block)
    assert not any(doc.kind(n) == "composite" for n in doc.nodes())
    assert expr.to_text(doc) == "(x**2 + 2*x) * log(y)"
    assert compile_graph(doc).gradient() == compile_graph(seed_doc()).gradient()
    with pytest.raises(GraphError, match="not a composite block"):
        inline_block(doc, 9)


def test_refusals_say_why_and_change_nothing() -> None:
    doc = seed_doc()
    before = doc.snapshot()
    cases = [
        ([], "select the blocks"),
        ([1, 7], "at least one operation"),
        ([3, 8], "more than one value leaves"),  # pow feeds add, log feeds mul
        ([3], None),
    ]
    for selection, message in cases:
        if message is None:
            plan_block(doc, selection, "sq")  # a single operation is a fine block
            continue
        with pytest.raises(GraphError, match=message):
            make_block(doc, selection, "blk")
    for name, message in [("log", "name of a function"), ("2x", "not a valid block name"),
                          ("x", "name of a function or a reserved")]:
        with pytest.raises(GraphError, match=message):
            make_block(doc, [3], name)
    restored = Document()
    restored.restore(before)
    assert doc.same_as(restored)
    make_block(doc, [3], "sq")
    with pytest.raises(GraphError, match="exists already"):
        make_block(doc, [5], "sq")


def test_nested_blocks_and_recursion() -> None:
    doc, quad = seed_with_block()
    outer = make_block(doc, [quad, 9], "outer")  # quad(x) * log(y)... log stays outside
    defn = doc.composites["outer"]
    assert defn.blocks_used() == {"quad"}
    assert set(defn.inputs) == {"x", "d"} or len(defn.inputs) == 2
    assert compile_graph(doc).gradient() == compile_graph(seed_doc()).gradient()
    # quad may not be redefined to use outer (a cycle); nor removed while used.
    body = defn.document(doc.composites)
    cyclic = CompositeDef.from_document("quad", body, defn.inputs[:1] + defn.inputs[1:])
    with pytest.raises(GraphError):
        doc.set_composite(cyclic)
    with pytest.raises(GraphError, match="used by"):
        doc.remove_composite("quad")
    inline_block(doc, outer)
    assert compile_graph(doc).gradient() == compile_graph(seed_doc()).gradient()


def dense_doc() -> tuple[Document, int]:
    doc = expr.parse("sum(tanh(W @ x + b) * y)",
                     {"W": [[1.0, -2.0], [0.5, 0.3]], "x": [0.1, 0.2], "b": [0.5, -0.5],
                      "y": [2.0, -1.0]})
    return doc, make_block(doc, ops_named(doc, "matmul", "add", "tanh"), "dense")


def test_three_input_block_agrees_with_torch_and_differences() -> None:
    pytest.importorskip("torch")
    from autodiff_gui.check import torch_ref

    doc, block = dense_doc()
    assert doc.composites["dense"].inputs == ("W", "x", "b")
    program = compile_graph(doc)
    value, grads = program.gradient()
    ref = torch_ref.compare(program)
    assert ref.available and ref.error is None
    assert abs(ref.value - value) <= 1e-10
    central = central_gradient(program, points=5)
    for name, g in grads.items():
        assert np.max(np.abs(np.asarray(ref.gradient[name]) - g)) <= 1e-10, name
        assert_close(g, central[name], 1e-7, name)


def test_fused_rule_checker_catches_a_wrong_rule() -> None:
    doc = expr.parse("log(1 + exp(x)) * y", {"x": 0.5, "y": 2.0})
    make_block(doc, ops_named(doc, "exp", "add", "log"), "splus")
    defn = doc.composites["splus"]
    right = check_rules(defn.with_rules({"x": "sigmoid(x)"}), doc.composites)
    assert right.passed and right.verdicts[0].verdict == "pass"
    assert right.verdicts[0].points == 4 and right.verdicts[0].max_abs_error < 1e-12
    also_right = check_rules(defn.with_rules({"x": "upstream / (1 + exp(-x))"}),
                             doc.composites)
    assert also_right.passed
    wrong = check_rules(defn.with_rules({"x": "exp(x)"}), doc.composites)
    assert not wrong.passed and wrong.verdicts[0].verdict == "fail"
    assert "the rule gives" in wrong.verdicts[0].message
    # Right at the current point only: a random point finds it out.
    lucky = check_rules(defn.with_rules({"x": "0.6224593312018546 + 0*x"}), doc.composites)
    assert not lucky.passed
    unknown = check_rules(defn.with_rules({"x": "sigmoid(q)"}), doc.composites)
    assert unknown.verdicts[0].verdict == "error" and "'q'" in unknown.verdicts[0].message
    none = check_rules(defn, doc.composites)
    assert none.passed and none.verdicts[0].verdict == "no_rule"


def test_fused_rules_for_array_inputs() -> None:
    doc, _block = dense_doc()
    defn = doc.composites["dense"]
    good = {"b": "upstream * (1 - tanh(W @ x + b)**2)",
            "x": "transpose(W) @ (upstream * (1 - tanh(W @ x + b)**2))"}
    if "transpose" not in ops.OPS:  # a shape primitive of the same issue
        good.pop("x")
    report = check_rules(defn.with_rules(good), doc.composites)
    assert report.passed, [v.message for v in report.verdicts]
    bad = check_rules(defn.with_rules({"b": "upstream * tanh(W @ x + b)"}), doc.composites)
    assert not bad.passed


def test_file_round_trip_keeps_blocks_and_rules(tmp_path) -> None:
    doc, _block = dense_doc()
    doc.set_composite(doc.composites["dense"].with_rules({"b": "1 - tanh(W @ x + b)**2"}))
    path = tmp_path / "dense.adgraph.json"
    fileio.save(doc, path)
    back = fileio.load(path)
    assert back.same_as(doc)
    assert back.composites["dense"].same_as(doc.composites["dense"])
    assert back.composites["dense"].rules == {"b": "1 - tanh(W @ x + b)**2"}
    assert compile_graph(back).gradient()[0] == compile_graph(doc).gradient()[0]
    # Nested blocks are written after the blocks they use.
    nested, quad = seed_with_block()
    make_block(nested, [quad, 9], "outer")
    data = fileio.to_data(nested)
    assert [d["name"] for d in data["composites"]] == ["quad", "outer"]
    assert fileio.from_data(data).same_as(nested)


def _bad(mutate) -> str:
    doc, _block = dense_doc()
    data = json.loads(fileio.dumps(doc))
    mutate(data)
    with pytest.raises(fileio.FileFormatError) as info:
        fileio.from_data(data)
    return str(info.value)


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["nodes"][-1].update(block="nope"), "unknown block 'nope'"),
    (lambda d: d["composites"][0].update(name="log"), "name of a function"),
    (lambda d: d["composites"][0].update(inputs=["W", "x"]), "are not its body's inputs"),
    (lambda d: d["composites"][0].update(inputs=["W", "x", "x"]), "listed twice"),
    (lambda d: d["composites"][0].update(rules={"q": "1"}), "not one of its inputs"),
    (lambda d: d["composites"][0].update(rules={"b": "1 +"}), "fused rule for 'b'"),
    (lambda d: d["composites"][0].update(rules={"b": "zz"}), "uses 'zz'"),
    (lambda d: d["composites"][0].pop("nodes"), "missing 'nodes'"),
    (lambda d: d["composites"][0].update(extra=1), "unknown key 'extra'"),
    (lambda d: d["composites"].append(copy.deepcopy(d["composites"][0])), "defined twice"),
    (lambda d: d["composites"][0]["links"].pop(), "needs its"),
    (lambda d: d["composites"][0]["nodes"][3].update(kind="composite", block="dense"),
     "composites[0] (dense)"),
    (lambda d: d["links"].append({"source": 7, "target": d["nodes"][-1]["id"], "slot": 3}),
     "slot 3 is out of range for dense (3 slots)"),
    (lambda d: d["composites"][0].update(output=1), "must be an operation"),
    (lambda d: d.update(composites=[{"name": f"b{i}"} for i in range(501)]),
     "too many block definitions"),
])
def test_malformed_definitions_are_refused(mutate, expected) -> None:
    assert expected in _bad(mutate)


def test_recursive_definitions_in_a_file_are_refused() -> None:
    doc, _block = dense_doc()
    data = json.loads(fileio.dumps(doc))
    # The body uses the block itself: not known yet when it is read.
    body_nodes = data["composites"][0]["nodes"]
    body_nodes[-1] = {"id": body_nodes[-1]["id"], "kind": "composite", "block": "dense"}
    with pytest.raises(fileio.FileFormatError, match="uses block 'dense'|unknown block"):
        fileio.from_data(data)


def test_version_one_files_have_no_blocks() -> None:
    doc = seed_doc()
    data = fileio.to_data(doc)
    data["version"] = 1
    assert "composites" not in data
    assert fileio.from_data(data).same_as(doc)


# -- hypothesis: random graphs, a random connected subgraph made a block -------------

number = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)


@st.composite
def recipes(draw: st.DrawFn) -> dict:
    count = draw(st.integers(1, 3))
    shape = draw(st.sampled_from([(), (3,)]))
    inputs = []
    for name in ("x", "y", "w")[:count]:
        size = int(np.prod(shape))
        values = draw(st.lists(number, min_size=size, max_size=size))
        inputs.append((name, float(values[0]) if shape == () else np.array(values)))
    step = st.tuples(st.sampled_from(UNARY + BINARY), st.integers(0, 8), st.integers(0, 64),
                     st.integers(0, 5))
    steps = draw(st.lists(step, min_size=3, max_size=12))
    return {"inputs": inputs, "steps": steps}


def random_selection(doc: Document, pick: int, grow: list[bool]) -> list[int]:
    """An operation and some of the operations it reads that feed nothing else."""
    op_nodes = [n for n in doc.nodes() if doc.kind(n) == "op"]
    out = doc.output
    reachable = [n for n in op_nodes if n == out or n in doc.ancestors(out)]
    chosen = {reachable[pick % len(reachable)]}
    frontier = list(chosen)
    k = 0
    while frontier:
        n = frontier.pop()
        for src in doc.arguments(n):
            if src is None or src in chosen or doc.kind(src) != "op":
                continue
            if all(u in chosen for u, _s in doc.users(src)):
                take = grow[k % len(grow)] if grow else False
                k += 1
                if take:
                    chosen.add(src)
                    frontier.append(src)
    return sorted(chosen)


@RUNS
@given(recipes(), st.integers(0, 100), st.lists(st.booleans(), min_size=1, max_size=8))
def test_random_blocks_change_no_number(recipe: dict, pick: int, grow: list[bool]) -> None:
    doc = build_random(recipe)
    program = compile_graph(doc)
    value, grads = program.gradient()
    selection = random_selection(doc, pick, grow)
    blocked = doc.copy()
    make_block(blocked, selection, "blk")
    assert expand(blocked).document.output is not None
    program2 = compile_graph(blocked)
    value2, grads2 = program2.gradient()
    assert_close(value2, value, 1e-12, "value")
    assert set(grads2) == set(grads)
    central = central_gradient(program2, points=5)
    for name, g in grads.items():
        assert_close(grads2[name], g, 1e-12, name)
        # A sanity check only (the exact checks are the original graph and PyTorch): a
        # five-point difference near a steep tan keeps about five digits.
        assert_close(grads2[name], central[name], 1e-4, f"central difference, {name}")
    # Saved and loaded, the block gives the same numbers again.
    back = fileio.loads(fileio.dumps(blocked))
    assert compile_graph(back).gradient()[1].keys() == grads.keys()
    assert_close(compile_graph(back).evaluate(), value, 0.0, "loaded value")


@settings(RUNS, max_examples=25)
@given(recipes(), st.integers(0, 100), st.lists(st.booleans(), min_size=1, max_size=8))
def test_random_blocks_agree_with_torch(recipe: dict, pick: int, grow: list[bool]) -> None:
    pytest.importorskip("torch")
    from autodiff_gui.check import torch_ref

    doc = build_random(recipe)
    make_block(doc, random_selection(doc, pick, grow), "blk")
    program = compile_graph(doc)
    value, grads = program.gradient()
    ref = torch_ref.compare(program)
    assert ref.available and ref.error is None
    assert np.max(np.abs(np.asarray(ref.value) - value)) <= 1e-10 * max(1.0, np.max(np.abs(value)))
    for name, g in grads.items():
        scale = max(1.0, float(np.max(np.abs(g))))
        assert np.max(np.abs(np.asarray(ref.gradient[name]) - g)) <= 1e-10 * scale, name
