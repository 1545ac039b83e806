"""Tests for versioned JSON documents: round trips, the format contract, validation,
fuzzed files and atomic saving."""

from __future__ import annotations

import copy
import json
import math
import os
import stat
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodiff_gui.core import fileio
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.fileio import FileFormatError
from autodiff_gui.core.graph import Document


def seed_doc() -> Document:
    """f(x, y) = (x**2 + 2*x) * log(y), built block by block as the notebook does."""
    d = Document()
    x = d.add_input("x", 1.0, pos=(0.0, 0.0))
    two = d.add_const(2.0, pos=(0.0, 60.5))
    sq = d.add_op("pow", pos=(120.0, 0.0))
    d.connect(x, sq, 0)
    d.connect(two, sq, 1)
    two_b = d.add_const(2.0)
    dbl = d.add_op("mul")
    d.connect(two_b, dbl, 0)
    d.connect(x, dbl, 1)
    s = d.add_op("add")
    d.connect(sq, s, 0)
    d.connect(dbl, s, 1)
    y = d.add_input("y", 2.0)
    lg = d.add_op("log")
    d.connect(y, lg, 0)
    f = d.add_op("mul")
    d.connect(s, f, 0)
    d.connect(lg, f, 1)
    return d


def square_doc() -> Document:
    """x * x: one source feeding both slots (two parallel links)."""
    d = Document()
    x = d.add_input("x", 3.0)
    m = d.add_op("mul")
    d.connect(x, m, 0)
    d.connect(x, m, 1)
    return d


def round_trip(doc: Document) -> Document:
    text = fileio.dumps(doc)
    back = fileio.loads(text)
    assert back.same_as(doc)
    assert back.output == doc.output
    assert back._output == doc._output
    assert back.nodes() == doc.nodes()  # document order decides the order of inputs
    assert fileio.dumps(back) == text  # stable: saving again changes nothing
    return back


# -- round trips -------------------------------------------------------------------

def test_round_trip_seed_graph_keeps_the_numbers() -> None:
    doc = seed_doc()
    back = round_trip(doc)
    value, grads = compile_graph(back).gradient(upstream=2.0)
    assert value == pytest.approx(2.079442, abs=1e-6)
    assert grads["x"] == pytest.approx(2 * 2.772589, abs=1e-6)
    assert grads["y"] == pytest.approx(2 * 1.5, abs=1e-12)


def test_round_trip_scalar_and_array_values_exactly() -> None:
    doc = Document()
    a = doc.add_input("a", 0.1)
    doc.add_input("v", [1.0, -2.5, 1e-300])
    doc.add_const([[1, 2], [3, 4]])
    doc.add_const(np.arange(24.0).reshape(2, 3, 4) / 7.0)
    doc.add_const(1.7976931348623157e308)
    doc.add_const(-0.0)
    doc.add_const([[5.0]])
    back = round_trip(doc)
    assert back.node(a)["value"] == 0.1 and isinstance(back.node(a)["value"], float)
    assert back.node(4)["value"].shape == (2, 3, 4)
    assert back.node(4)["value"].dtype == np.float64
    assert np.array_equal(back.node(4)["value"], np.arange(24.0).reshape(2, 3, 4) / 7.0)
    assert back.node(7)["value"].shape == (1, 1)


def test_round_trip_positions_only_where_placed() -> None:
    doc = seed_doc()
    back = round_trip(doc)
    assert back.position(1) == (0.0, 0.0)
    assert back.position(2) == (0.0, 60.5)
    assert back.position(4) is None
    data = json.loads(fileio.dumps(doc))
    assert data["nodes"][0]["pos"] == [0.0, 0.0]
    assert "pos" not in data["nodes"][3]
    doc.set_position(4, (-12.25, 1e6))
    assert round_trip(doc).position(4) == (-12.25, 1e6)


def test_round_trip_explicit_output_and_none() -> None:
    doc = Document()
    x = doc.add_input("x", 1.0)
    first = doc.add_op("sin")
    doc.connect(x, first, 0)
    newest = doc.add_op("cos")
    doc.connect(x, newest, 0)
    # No explicit output: stored as null, and the fallback (newest sink) is the same.
    assert json.loads(fileio.dumps(doc))["output"] is None
    back = round_trip(doc)
    assert back._output is None and back.output == newest
    # Explicit output that differs from the fallback survives.
    doc.set_output(first)
    assert json.loads(fileio.dumps(doc))["output"] == first
    back = round_trip(doc)
    assert back.output == first and back._output == first
    # An explicit output that equals the fallback stays explicit too.
    doc.set_output(newest)
    assert round_trip(doc)._output == newest


def test_round_trip_fan_out_keeps_both_parallel_links() -> None:
    back = round_trip(square_doc())
    assert sorted(back.edges()) == [(1, 2, 0), (1, 2, 1)]
    assert back.arguments(2) == [1, 1]
    assert compile_graph(back).gradient()[1]["x"] == 6.0
    data = json.loads(fileio.dumps(square_doc()))
    assert data["links"] == [{"source": 1, "target": 2, "slot": 0},
                             {"source": 1, "target": 2, "slot": 1}]


def test_round_trip_empty_document() -> None:
    doc = Document()
    text = fileio.dumps(doc)
    assert text == ('{\n  "format": "autodiff-studio",\n  "version": 2,\n  "output": null,\n'
                    '  "nodes": [],\n  "links": []\n}\n')
    back = round_trip(doc)
    assert len(back) == 0 and back.output is None


def test_round_trip_keeps_ids_and_document_order() -> None:
    doc = Document()
    doc.add_input("late", 1.0, node_id=10)
    doc.add_input("early", 2.0, node_id=2)
    op = doc.add_op("add", node_id=5)
    doc.connect(10, op, 0)
    doc.connect(2, op, 1)
    doc.add_const(0.5, node_id=0)
    back = round_trip(doc)
    assert back.nodes() == [10, 2, 5, 0]
    assert list(back.inputs()) == ["late", "early"]
    assert back.add_op("neg") == 11  # new ids continue after the highest one


def test_incomplete_graph_round_trips() -> None:
    doc = Document()
    x = doc.add_input("x", 1.0)
    p = doc.add_op("pow")
    doc.connect(x, p, 1)  # base left empty on purpose
    back = round_trip(doc)
    assert back.arguments(p) == [None, x]


def test_from_data_of_to_data_and_expression_is_informational() -> None:
    doc = seed_doc()
    data = fileio.to_data(doc, expression="(x**2 + 2*x) * log(y)")
    assert data["expression"] == "(x**2 + 2*x) * log(y)"
    assert fileio.from_data(data).same_as(doc)
    data["expression"] = "something else entirely"  # never read back
    assert fileio.from_data(data).same_as(doc)
    assert "expression" not in fileio.to_data(doc)


# -- the format is a contract ---------------------------------------------------------

GOLDEN = """\
{
  "format": "autodiff-studio",
  "version": 2,
  "expression": "x·x + c",
  "output": 4,
  "nodes": [
    {"id": 1, "kind": "input", "name": "x", "value": 1.5, "pos": [10.0, -20.5]},
    {"id": 2, "kind": "const", "value": [[1.0, 2.0], [3.0, 4.0]]},
    {"id": 3, "kind": "op", "op": "mul"},
    {"id": 4, "kind": "op", "op": "add", "pos": [200.0, 0.0]}
  ],
  "links": [
    {"source": 1, "target": 3, "slot": 0},
    {"source": 1, "target": 3, "slot": 1},
    {"source": 3, "target": 4, "slot": 0},
    {"source": 2, "target": 4, "slot": 1}
  ]
}
"""


def golden_doc() -> Document:
    doc = Document()
    x = doc.add_input("x", 1.5, pos=(10, -20.5))
    c = doc.add_const([[1, 2], [3, 4]])
    m = doc.add_op("mul")
    a = doc.add_op("add", pos=(200, 0))
    doc.connect(c, a, 1)  # wired out of order: the file still lists links by target, slot
    doc.connect(x, m, 1)
    doc.connect(m, a, 0)
    doc.connect(x, m, 0)
    doc.set_output(a)
    return doc


def test_golden_file_content(tmp_path) -> None:
    path = tmp_path / "golden.json"
    fileio.save(golden_doc(), path, expression="x·x + c")
    raw = path.read_bytes()
    assert raw.decode("utf-8") == GOLDEN
    assert "·".encode() in raw  # UTF-8, not \\u escapes
    assert list(json.loads(raw)) == ["format", "version", "expression", "output", "nodes",
                                     "links"]
    assert fileio.load(path).same_as(golden_doc())
    assert fileio.loads(GOLDEN).same_as(golden_doc())


def test_constants() -> None:
    assert fileio.FORMAT == "autodiff-studio"
    assert fileio.VERSION == 2
    assert issubclass(FileFormatError, ValueError)


# -- validation -----------------------------------------------------------------------

def base_data() -> dict:
    """A valid document as data: inputs x (1), y (2); pow (3) = x**y; sin (4)."""
    doc = Document()
    x = doc.add_input("x", 1.0, pos=(0, 0))
    y = doc.add_input("y", 2.0)
    p = doc.add_op("pow")
    doc.connect(x, p, 0)
    doc.connect(y, p, 1)
    s = doc.add_op("sin")
    doc.connect(p, s, 0)
    doc.set_output(s)
    return fileio.to_data(doc)


def _set(path, value):
    def mutate(d):
        *head, last = path
        for k in head:
            d = d[k]
        d[last] = value
    return mutate


def _delete(path):
    def mutate(d):
        *head, last = path
        for k in head:
            d = d[k]
        del d[last]
    return mutate


def _append(key, item):
    return lambda d: d[key].append(item)


INVALID = [
    (lambda d: d.pop("format"), "not an Autodiff Studio document: no 'format' key"),
    (_set(["format"], "networkx"), "not an Autodiff Studio document: the format is "
                                   "'networkx', expected 'autodiff-studio'"),
    (lambda d: d.pop("version"), "no 'version' key"),
    (_set(["version"], True), "'version' must be an integer, found true"),
    (_set(["version"], "1"), "'version' must be an integer, found a string"),
    (_set(["version"], 1.0), "'version' must be an integer, found a number"),
    (_set(["version"], 0), "unknown version 0; this one reads version 2"),
    (_set(["version"], 3), "made by a newer version of Autodiff Studio (version 3); "
                           "this one reads version 2"),
    (_set(["surprise"], 1), "document: unknown key 'surprise'"),
    (lambda d: d.pop("nodes"), "document: missing 'nodes'"),
    (lambda d: d.pop("links"), "document: missing 'links'"),
    (_set(["nodes"], {}), "'nodes' must be a list, found an object"),
    (_set(["links"], "none"), "'links' must be a list, found a string"),
    (_set(["expression"], 5), "'expression' must be a string, found a number"),
    # nodes
    (_set(["nodes", 1], [2]), "nodes[1]: expected an object, found a list"),
    (_delete(["nodes", 1, "id"]), "nodes[1]: missing 'id'"),
    (_set(["nodes", 1, "id"], True), "nodes[1]: 'id' must be an integer, found true"),
    (_set(["nodes", 1, "id"], "2"), "nodes[1]: 'id' must be an integer, found a string"),
    (_set(["nodes", 1, "id"], 2.0), "nodes[1]: 'id' must be an integer, found a number"),
    (_set(["nodes", 1, "id"], 10**30), "nodes[1]: 'id' is out of range"),
    (_set(["nodes", 1, "id"], -2), "nodes[1]: 'id' must be 0 or more, found -2"),
    (_set(["nodes", 1, "id"], 1), "nodes[1]: id 1 is used twice (also by nodes[0])"),
    (_delete(["nodes", 1, "kind"]), "node 2: missing 'kind'"),
    (_set(["nodes", 1, "kind"], "variable"), "node 2: unknown kind 'variable' "
                                             "(expected 'input', 'const', 'op' or 'composite')"),
    (_set(["nodes", 1, "kind"], ["input"]), "node 2: unknown kind ['input']"),
    (_set(["nodes", 2, "op"], "foo"), "node 3: unknown operation 'foo'"),
    (_set(["nodes", 2, "op"], None), "node 3: 'op' must be a string, found null"),
    (_delete(["nodes", 2, "op"]), "node 3: missing 'op'"),
    (_set(["nodes", 2, "value"], 1.0), "node 3: unknown key 'value'"),
    (_set(["nodes", 0, "op"], "sin"), "node 1: unknown key 'op'"),
    (_delete(["nodes", 0, "value"]), "node 1: missing 'value'"),
    (_delete(["nodes", 0, "name"]), "node 1: missing 'name'"),
    (_set(["nodes", 0, "name"], 7), "node 1: 'name' must be a string, found a number"),
    (_set(["nodes", 0, "name"], "1x"), "node 1: '1x' is not a valid name"),
    (_set(["nodes", 0, "name"], "x y"), "node 1: 'x y' is not a valid name"),
    (_set(["nodes", 0, "name"], "sin"), "node 1: 'sin' is the name of a function"),
    (_set(["nodes", 1, "name"], "x"), "node 2: an input called 'x' exists already"),
    (_set(["nodes", 0, "value"], "1.0"),
     "node 1: value must be a number or a list of numbers, found a string"),
    (_set(["nodes", 0, "value"], None),
     "node 1: value must be a number or a list of numbers, found null"),
    (_set(["nodes", 0, "value"], True),
     "node 1: value must be a number or a list of numbers, found true"),
    (_set(["nodes", 0, "value"], float("nan")),
     "node 1: value: numbers must be finite (no nan or inf)"),
    (_set(["nodes", 0, "value"], [1.0, float("inf")]),
     "node 1: value: numbers must be finite (no nan or inf)"),
    (_set(["nodes", 0, "value"], 10**400), "node 1: value: number too large"),
    (_set(["nodes", 0, "value"], [[1, 2], [3]]), "node 1: value: arrays must be rectangular"),
    (_set(["nodes", 0, "value"], [[1, 2], 3]), "node 1: value: arrays must be rectangular"),
    (_set(["nodes", 0, "value"], []), "node 1: value: arrays must not be empty"),
    (_set(["nodes", 0, "value"], [[]]), "node 1: value: arrays must not be empty"),
    (_set(["nodes", 0, "value"], [1, "2"]),
     "node 1: value: array elements must be numbers, found a string"),
    (_set(["nodes", 0, "value"], [1, False]),
     "node 1: value: array elements must be numbers, found false"),
    (_set(["nodes", 0, "value"], json.loads("[" * 65 + "1" + "]" * 65)),
     "node 1: value: arrays may have at most 32 dimensions"),
    # numpy makes 33-axis arrays, but its iterators (and so the engine) stop at 32
    (_set(["nodes", 0, "value"], json.loads("[" * 33 + "1" + "]" * 33)),
     "node 1: value: arrays may have at most 32 dimensions"),
    (_set(["nodes", 0, "pos"], [1.0]), "node 1: 'pos' must be a pair of numbers [x, y]"),
    (_set(["nodes", 0, "pos"], [1.0, "2"]), "node 1: 'pos' must be a pair of numbers"),
    (_set(["nodes", 0, "pos"], {"x": 1, "y": 2}), "node 1: 'pos' must be a pair of numbers"),
    (_set(["nodes", 0, "pos"], None), "node 1: 'pos' must be a pair of numbers"),
    (_set(["nodes", 0, "pos"], [True, 0]), "node 1: 'pos' must be a pair of numbers"),
    (_set(["nodes", 0, "pos"], [0.0, float("-inf")]),
     "node 1: pos: numbers must be finite (no nan or inf)"),
    # links
    (_set(["links", 0], 5), "link 0: expected an object, found a number"),
    (_delete(["links", 1, "slot"]), "link 1: missing 'slot'"),
    (_set(["links", 1, "weight"], 1), "link 1: unknown key 'weight'"),
    (_set(["links", 1, "source"], "x"), "link 1: 'source' must be an integer, found a string"),
    (_set(["links", 1, "slot"], False), "link 1: 'slot' must be an integer, found false"),
    (_set(["links", 1, "source"], 99), "link 1: there is no node 99 (its source)"),
    (_set(["links", 1, "target"], 98), "link 1: there is no node 98 (its target)"),
    (_set(["links", 1, "target"], 2), "link 1: node 2 is an input and takes no arguments"),
    (_set(["links", 1, "slot"], 2), "link 1: slot 2 is out of range for pow (2 slots)"),
    (_set(["links", 2, "slot"], 1), "link 2: slot 1 is out of range for sin (1 slot)"),
    (_set(["links", 1, "slot"], -1), "link 1: slot -1 is out of range for pow (2 slots)"),
    (_append("links", {"source": 2, "target": 3, "slot": 0}),
     "link 3: slot 0 of node 3 is already fed by link 0"),
    (_set(["links", 1, "slot"], 0), "link 1: slot 0 of node 3 is already fed by link 0"),
    (_set(["links", 0, "source"], 3), "the links make a cycle: 3 → 3"),
    (lambda d: (d["links"].__setitem__(1, {"source": 4, "target": 3, "slot": 1})),
     "the links make a cycle: "),
    # output
    (_set(["output"], 12), "'output': there is no node 12"),
    (_set(["output"], "4"), "'output' must be a node id or null, found a string"),
    (_set(["output"], True), "'output' must be a node id or null, found true"),
    # the top level
    (lambda d: d.clear() or d.update(format="autodiff-studio"), "no 'version' key"),
]


@pytest.mark.parametrize("mutate, message", INVALID, ids=[m for _f, m in INVALID])
def test_invalid_documents_say_what_and_where(mutate, message) -> None:
    data = base_data()
    assert fileio.from_data(copy.deepcopy(data))  # the base itself is valid
    mutate(data)
    with pytest.raises(FileFormatError) as info:
        fileio.from_data(data)
    assert info.value.message.startswith(message)
    assert info.value.path is None
    # The same through JSON text (nan and inf are written as NaN / Infinity by Python).
    with pytest.raises(FileFormatError) as info:
        fileio.loads(json.dumps(data))
    assert info.value.message.startswith(message)


def test_cycle_message_names_the_nodes() -> None:
    data = base_data()
    data["nodes"].append({"id": 5, "kind": "op", "op": "neg"})
    data["links"][0] = {"source": 5, "target": 3, "slot": 0}
    data["links"].append({"source": 4, "target": 5, "slot": 0})
    with pytest.raises(FileFormatError) as info:
        fileio.from_data(data)
    msg = info.value.message
    assert msg.startswith("the links make a cycle: ")
    cycle = msg.removeprefix("the links make a cycle: ").split(" → ")
    assert cycle[0] == cycle[-1] and sorted(set(cycle)) == ["3", "4", "5"]


@pytest.mark.parametrize("data, message", [
    ([], "not an Autodiff Studio document: expected a JSON object, found a list"),
    ("text", "not an Autodiff Studio document: expected a JSON object, found a string"),
    (None, "not an Autodiff Studio document: expected a JSON object, found null"),
    (3, "not an Autodiff Studio document: expected a JSON object, found a number"),
])
def test_top_level_must_be_an_object(data, message) -> None:
    with pytest.raises(FileFormatError, match="^" + message + "$"):
        fileio.from_data(data)


def test_not_json_says_line_and_column() -> None:
    text = '{\n  "format": "autodiff-studio",\n  "version": 1,\n  "nodes" [\n'
    with pytest.raises(FileFormatError) as info:
        fileio.loads(text)
    assert info.value.message == "not valid JSON: line 4 column 11: Expecting ':' delimiter"
    assert str(info.value) == info.value.message  # no path for text


def test_deeply_nested_json_is_a_format_error() -> None:
    for text in ("[" * 200_000 + "]" * 200_000, '{"a":' * 200_000 + "1" + "}" * 200_000):
        with pytest.raises(FileFormatError, match="nested too deeply|not valid JSON"):
            fileio.loads(text)


def test_integer_with_too_many_digits_is_a_format_error() -> None:
    text = json.dumps(base_data()).replace('"output": 4', '"output": ' + "9" * 5000)
    with pytest.raises(FileFormatError, match="^not valid JSON: "):
        fileio.loads(text)


def test_other_json_documents_are_refused() -> None:
    # A networkx node-link file is not ours, even though it looks close.
    import networkx as nx

    nl = nx.node_link_data(nx.path_graph(3), edges="links")
    with pytest.raises(FileFormatError, match="no 'format' key"):
        fileio.loads(json.dumps(nl))
    for text in ("", "   ", "null", "1", '"autodiff-studio"'):
        with pytest.raises(FileFormatError):
            fileio.loads(text)


def test_too_large_text_is_refused(monkeypatch) -> None:
    text = fileio.dumps(seed_doc())
    monkeypatch.setattr(fileio, "MAX_BYTES", len(text) - 1)
    with pytest.raises(FileFormatError, match="too large"):
        fileio.loads(text)


def test_too_many_inputs_are_refused(monkeypatch) -> None:
    monkeypatch.setattr(fileio, "MAX_INPUTS", 1)
    with pytest.raises(FileFormatError, match=r"^too many inputs \(2; the limit is 1\)$"):
        fileio.loads(fileio.dumps(seed_doc()))


def test_loads_accepts_bytes_and_a_bom() -> None:
    text = fileio.dumps(seed_doc())
    assert fileio.loads(text.encode()).same_as(seed_doc())
    assert fileio.loads("\ufeff" + text).same_as(seed_doc())
    with pytest.raises(FileFormatError, match="not UTF-8"):
        fileio.loads(b"\xff\xfe{}")


def test_messages_quote_huge_values_briefly() -> None:
    data = base_data()
    data["nodes"][2]["op"] = "z" * 1_000_000
    with pytest.raises(FileFormatError) as info:
        fileio.from_data(data)
    assert len(info.value.message) < 100


# -- fuzzed files ----------------------------------------------------------------------

def fuzz_base() -> dict:
    """A document with every feature: arrays, positions, fan-out, explicit output."""
    doc = seed_doc()
    c = doc.add_const([[1.0, 2.0], [3.0, 4.0]], pos=(5.0, 6.0))
    m = doc.add_op("matmul")
    doc.connect(c, m, 0)
    doc.connect(c, m, 1)
    doc.set_output(9)
    return fileio.to_data(doc, expression="(x**2 + 2*x) * log(y)")


FUZZ_BASE = fuzz_base()
FUZZ_TEXT = fileio.dumps(fileio.from_data(FUZZ_BASE), expression=FUZZ_BASE["expression"])

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 20), st.integers(-(10**400), 10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "x", "nan", "NaN", "inf", "-1", "1e999", "input", "const", "op",
                     "pow", "sin", "id", "autodiff-studio", "ü" * 3]),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "kind", "name", "value", "op", "pos", "source",
                                       "target", "slot", "zz"]), inner, max_size=3),
    max_leaves=6,
)


def _locations(data, path=()):
    """Every (container path, key) in the tree."""
    found = []
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return found
    for key, value in items:
        found.append((path, key))
        found.extend(_locations(value, (*path, key)))
    return found


def _at(data, path):
    for key in path:
        data = data[key]
    return data


@st.composite
def mutated_documents(draw):
    data = copy.deepcopy(FUZZ_BASE)
    for _ in range(draw(st.integers(1, 4))):
        spots = _locations(data)
        action = draw(st.sampled_from(["delete", "replace", "duplicate", "link", "rewire",
                                       "rename", "swap"]))
        ids = [n["id"] for n in FUZZ_BASE["nodes"]] + [0, 99]
        links = data.get("links")
        if action == "link" and isinstance(links, list):
            links.append({"source": draw(st.sampled_from(ids)),
                          "target": draw(st.sampled_from(ids)), "slot": draw(st.integers(-1, 2))})
            continue
        if action == "rewire" and isinstance(links, list) and links:
            # A new source for an existing wire: often closes a cycle.
            link = links[draw(st.integers(0, len(links) - 1))]
            if isinstance(link, dict):
                link["source"] = draw(st.sampled_from(ids[:-2]))
            continue
        if action == "rename" and isinstance(data.get("nodes"), list) and data["nodes"]:
            node = data["nodes"][draw(st.integers(0, len(data["nodes"]) - 1))]
            if isinstance(node, dict) and node.get("kind") == "input":
                node["name"] = draw(st.sampled_from(["x", "y", "sin", "_ok", "é", "2x", ""]))
            continue
        if not spots:
            break
        path, key = draw(st.sampled_from(spots))
        parent = _at(data, path)
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(json_values)
        elif action == "duplicate":
            if isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
            else:
                parent[key] = [parent[key], parent[key]]
        else:  # swap with another spot's value
            path2, key2 = draw(st.sampled_from(spots))
            other = _at(data, path2)
            try:
                parent[key], other[key2] = copy.deepcopy(other[key2]), copy.deepcopy(parent[key])
            except (KeyError, IndexError):
                pass  # the first assignment changed the shape under the second
    return data


def _check_survivor(doc: Document) -> None:
    """A document that loaded must be a sound one."""
    assert isinstance(doc, Document)
    back = fileio.loads(fileio.dumps(doc))
    assert back.same_as(doc)


FUZZ = settings(max_examples=1500, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(mutated_documents())
def test_fuzz_mutated_data_only_gives_format_errors(data) -> None:
    try:
        text = json.dumps(data)
    except ValueError:  # pragma: no cover - json.dumps accepts all of these
        return
    try:
        doc = fileio.loads(text)
    except FileFormatError as exc:
        assert exc.message
    else:
        _check_survivor(doc)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete"]),
                          st.integers(0, len(FUZZ_TEXT.encode()) - 1),
                          st.integers(0, 255)), min_size=1, max_size=4))
def test_fuzz_byte_flips_only_give_format_errors(edits) -> None:
    raw = bytearray(FUZZ_TEXT.encode())
    for action, where, byte in edits:
        where = min(where, len(raw) - 1)
        if action == "flip":
            raw[where] ^= byte or 1
        elif action == "insert":
            raw.insert(where, byte)
        else:
            del raw[where]
    try:
        doc = fileio.loads(bytes(raw))
    except FileFormatError as exc:
        assert exc.message
    else:
        _check_survivor(doc)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.data())
def test_random_documents_round_trip(data) -> None:
    doc = Document()
    values = st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=4),
    )
    for i in range(data.draw(st.integers(0, 8))):
        kind = data.draw(st.sampled_from(["input", "const", "op"]))
        pos = data.draw(st.none() | st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4)))
        if kind == "input":
            doc.add_input(f"v{i}", data.draw(values), pos=pos)
        elif kind == "const":
            doc.add_const(data.draw(values), pos=pos)
        else:
            op = doc.add_op(data.draw(st.sampled_from(["add", "mul", "pow", "sin", "sum"])),
                            pos=pos)
            for slot in range(doc.arity(op)):
                earlier = [n for n in doc.nodes() if n != op]
                if earlier and data.draw(st.booleans()):
                    doc.connect(data.draw(st.sampled_from(earlier)), op, slot)
    if len(doc) and data.draw(st.booleans()):
        doc.set_output(data.draw(st.sampled_from(doc.nodes())))
    round_trip(doc)


# -- files -------------------------------------------------------------------------

def test_save_and_load_a_file(tmp_path) -> None:
    path = tmp_path / "seed.json"
    fileio.save(seed_doc(), path)
    assert fileio.load(path).same_as(seed_doc())
    assert fileio.load(str(path)).same_as(seed_doc())
    assert path.read_bytes().endswith(b"}\n")
    assert os.listdir(tmp_path) == ["seed.json"]


def test_save_overwrites_and_keeps_the_file_mode(tmp_path) -> None:
    path = tmp_path / "doc.json"
    path.write_text("old")
    path.chmod(0o600)
    fileio.save(square_doc(), path)
    assert fileio.load(path).same_as(square_doc())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX umask")
def test_new_file_follows_the_umask(tmp_path) -> None:
    umask = os.umask(0o022)
    try:
        fileio.save(square_doc(), tmp_path / "new.json")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_save_through_a_symlink_updates_the_target(tmp_path) -> None:
    real = tmp_path / "real.json"
    fileio.save(Document(), real)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    fileio.save(square_doc(), link)
    assert link.is_symlink()
    assert fileio.load(real).same_as(square_doc())


@pytest.mark.parametrize("victim", ["replace", "fsync", "write"])
def test_failed_save_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch, victim) -> None:
    path = tmp_path / "doc.json"
    fileio.save(seed_doc(), path)
    before = path.read_bytes()

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    if victim == "replace":
        monkeypatch.setattr(fileio.os, "replace", boom)
    elif victim == "fsync":
        monkeypatch.setattr(fileio.os, "fsync", boom)
    else:  # fail half-way: part of the text already written to the temp file
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, f):
                self.f = f

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return self.f.__exit__(*exc)

            def fileno(self):
                return self.f.fileno()

            def write(self, payload):
                self.f.write(payload[: len(payload) // 2])
                self.f.flush()
                assert len(os.listdir(tmp_path)) == 2  # the temp file exists now
                boom()

        monkeypatch.setattr(fileio.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(OSError, match="No space left"):
        fileio.save(square_doc(), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["doc.json"]


def test_failed_serialisation_touches_nothing(tmp_path, monkeypatch) -> None:
    path = tmp_path / "doc.json"
    fileio.save(seed_doc(), path)
    before = path.read_bytes()

    def boom(*_args, **_kwargs):
        raise ValueError("cannot serialise")

    monkeypatch.setattr(fileio.json, "dumps", boom)
    with pytest.raises(ValueError, match="cannot serialise"):
        fileio.save(square_doc(), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["doc.json"]


def test_save_into_a_missing_folder_raises_oserror(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        fileio.save(square_doc(), tmp_path / "nowhere" / "doc.json")
    assert os.listdir(tmp_path) == []


def test_load_missing_file(tmp_path) -> None:
    path = tmp_path / "missing.json"
    with pytest.raises(FileFormatError) as info:
        fileio.load(path)
    assert info.value.message == "no such file"
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: no such file"


def test_load_a_directory(tmp_path) -> None:
    with pytest.raises(FileFormatError) as info:
        fileio.load(tmp_path)
    assert info.value.message == "this is a folder, not a file"
    assert info.value.path == str(tmp_path)


def test_load_non_utf8_file(tmp_path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(fileio.dumps(square_doc()).replace('"x"', '"é"').encode("latin-1"))
    with pytest.raises(FileFormatError) as info:
        fileio.load(path)
    assert info.value.message.startswith("not UTF-8 text (byte 0xe9 at offset ")
    assert info.value.path == str(path)


def test_load_a_file_with_a_bom(tmp_path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + fileio.dumps(square_doc()).encode())
    assert fileio.load(path).same_as(square_doc())


def test_load_reports_content_errors_with_the_path(tmp_path) -> None:
    data = base_data()
    data["nodes"][2]["op"] = "foo"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        fileio.load(path)
    assert info.value.message == "node 3: unknown operation 'foo'"
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: node 3: unknown operation 'foo'"


def test_load_refuses_a_too_large_file(tmp_path, monkeypatch) -> None:
    path = tmp_path / "big.json"
    fileio.save(seed_doc(), path)
    size = path.stat().st_size
    monkeypatch.setattr(fileio, "MAX_BYTES", 100)
    with pytest.raises(FileFormatError) as info:
        fileio.load(path)
    assert info.value.message == f"the file is too large ({size:,} bytes; the limit is 100 bytes)"
    assert fileio._too_large(73 * 1024 * 1024) == "the file is too large (73.0 MB; the limit is " \
        "100 bytes)"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root reads everything")
def test_load_unreadable_file(tmp_path) -> None:
    path = tmp_path / "secret.json"
    fileio.save(seed_doc(), path)
    path.chmod(0)
    try:
        with pytest.raises(FileFormatError, match="^permission denied$"):
            fileio.load(path)
    finally:
        path.chmod(0o600)


def test_load_refuses_a_device(tmp_path) -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(FileFormatError, match="not a regular file"):
        fileio.load("/dev/null")


def test_values_written_are_finite_json() -> None:
    text = fileio.dumps(fuzz_doc_with_extremes())
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text, parse_constant=lambda c: pytest.fail(f"non-standard {c}"))


def fuzz_doc_with_extremes() -> Document:
    doc = Document()
    doc.add_const(5e-324)
    doc.add_const(-1.7976931348623157e308)
    doc.add_const([math.pi, -math.e])
    return doc
