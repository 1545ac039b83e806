"""Op parameters: declared on the op, kept by the document and its files, bound by the
compiler, written in the language after the arguments, as x[...] and as A.T."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from autodiff_gui.core import fileio, ops
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.core.expr import ParseError, parse, to_text
from autodiff_gui.core.fileio import FileFormatError
from autodiff_gui.core.graph import Document, GraphError
from autodiff_gui.core.ops.model import REQUIRED, Param, ParamError


def _scale_fwd(a, *, factor, offset):
    return a * factor + offset


def _scale_vjp(g, out, a, *, factor, offset):
    return g * factor


# A test-only op with a required and an optional parameter: scaled(a, factor[, offset]).
SCALED = dataclasses.replace(
    ops.OPS["neg"], name="scaled", infix=None, precedence=10,
    params=(Param("factor", "number"), Param("offset", "number", 0.0)),
    forward_s=_scale_fwd, forward_a=_scale_fwd, vjp_s=(_scale_vjp,), vjp_a=(_scale_vjp,),
    partial_s=(lambda o, a, *, factor, offset: factor,),
    partial_a=(lambda o, a, *, factor, offset: factor,),
    param_texts=lambda factor, offset: {"template": f"{{out}} = {factor:g}·{{0}} + {offset:g}"},
    torch_params=lambda factor, offset: {"alpha": factor})
# Written after its argument: pick(x, index) as x[...], and flip(A) as A.T.
PICK = dataclasses.replace(ops.OPS["neg"], name="pick", infix=None, precedence=10,
                           postfix="[]", params=(Param("index", "index"),))
FLIP = dataclasses.replace(ops.OPS["neg"], name="flip", infix=None, precedence=10,
                           postfix=".T")


@pytest.fixture
def test_ops(monkeypatch):
    for op in list(ops.OPS.values()):  # the table's own x[...] and A.T step aside
        if op.postfix:
            monkeypatch.setitem(ops.OPS, op.name, dataclasses.replace(op, postfix=None))
    for op in (SCALED, PICK, FLIP):
        monkeypatch.setitem(ops.OPS, op.name, op)


# -- the declaration ---------------------------------------------------------------------

def test_param_kinds_check_and_canonicalise() -> None:
    assert Param("axis", "axis", None).check(1.0) == 1 and isinstance(
        Param("axis", "axis").check(1.0), int)
    assert Param("axis", "axis").check(None) is None
    assert Param("s", "shape").check([2, -1]) == (2, -1)
    assert Param("s", "shape").check(6) == (6,)
    assert Param("i", "index").check([1, [None, 3, None]]) == (1, (None, 3, None))
    assert Param("i", "index").check(-1) == (-1,)
    assert Param("n", "number").check(2) == 2.0
    assert Param("n", "number").default is REQUIRED and Param("n", "number").required
    for kind, bad, words in [("axis", 1.5, "whole number"), ("axis", True, "whole number"),
                             ("axis", 40, "between"), ("shape", [2, -1, -1], "only once"),
                             ("shape", [0], "list of whole numbers"),
                             ("shape", "ab", "list of whole numbers"),
                             ("index", [(1, 2)], "slices"), ("index", [(1, 2, 0)], "step"),
                             ("number", float("nan"), "finite"), ("number", "1", "finite"),
                             ("shape", list(range(1, 40)), "too many entries")]:
        with pytest.raises(ParamError, match=words):
            Param("p", kind).check(bad)


def test_check_params_drops_defaults_and_names_problems() -> None:
    assert SCALED.check_params({"factor": 2, "offset": 0}) == {"factor": 2.0}
    assert SCALED.check_params({"factor": 2, "offset": 1}) == {"factor": 2.0, "offset": 1.0}
    with pytest.raises(ParamError, match="needs its parameter 'factor'"):
        SCALED.check_params({})
    assert SCALED.check_params({}, complete=False) == {}
    with pytest.raises(ParamError, match="no parameter 'scale'.*factor, offset"):
        SCALED.check_params({"scale": 1})
    with pytest.raises(ParamError, match="takes no parameters"):
        ops.OPS["add"].check_params({"axis": 0})


def test_bind_is_cached_and_binds_every_kernel() -> None:
    bound = SCALED.bind({"factor": 3})
    assert SCALED.bind({"factor": 3.0, "offset": 0}) is bound
    assert SCALED.bind({"factor": 2}) is not bound
    assert bound.bound == {"factor": 3.0, "offset": 0.0} and bound.given_params() == {
        "factor": 3.0}
    assert bound.forward_a(np.array([1.0, 2.0])).tolist() == [3.0, 6.0]
    assert bound.vjp_a[0](1.0, None, 1.0) == 3.0
    assert bound.jvp(0.0, (1.0,), (2.0,), True) == 6.0
    assert bound.template == "{out} = 3·{0} + 0"  # the texts may say the parameters
    assert bound.torch_arguments() == ((), {"alpha": 3.0})
    assert ops.OPS["add"].bind(None) is ops.OPS["add"]
    with pytest.raises(ParamError):
        SCALED.bind({})


# -- the document ------------------------------------------------------------------------

def test_document_keeps_params_through_edits_undo_and_copies(test_ops) -> None:
    doc = Document()
    x = doc.add_input("x", 2.0)
    n = doc.add_op("scaled", args=(x,), params={"factor": 3})
    doc.set_output(n)
    assert doc.params(n) == {"factor": 3.0} and doc.params(x) == {}
    defaults = doc.add_op("sum", params={"axis": None}) if ops.OPS["sum"].params else None
    assert defaults is None or "params" not in doc.node(defaults)  # all defaults: no attribute
    events = []
    doc.subscribe(events.append)
    before = doc.snapshot()
    doc.set_params(n, {"factor": 5, "offset": 1})
    assert [e.kind for e in events] == ["params_changed"]
    assert events[0].data == {"old": {"factor": 3.0}, "new": {"factor": 5.0, "offset": 1.0}}
    assert compile_graph(doc).gradient() == (11.0, {"x": 5.0})
    copy = doc.copy()
    doc.restore(before)
    assert doc.params(n) == {"factor": 3.0} and copy.params(n)["factor"] == 5.0
    assert compile_graph(doc).gradient() == (6.0, {"x": 3.0})
    with pytest.raises(GraphError, match="scaled: factor must be a finite number"):
        doc.set_params(n, {"factor": "big"})
    assert doc.params(n) == {"factor": 3.0}  # refused: unchanged
    with pytest.raises(GraphError, match="only operations have parameters"):
        doc.set_params(x, {"factor": 1})
    with pytest.raises(GraphError, match="add: takes no parameters"):
        doc.add_op("add", params={"axis": 0})


def test_a_missing_required_parameter_is_a_problem_like_a_free_slot(test_ops) -> None:
    doc = Document()
    x = doc.add_input("x", 2.0)
    n = doc.add_op("scaled", args=(x,))  # dropped from the palette: no factor yet
    doc.set_output(n)
    assert [str(p) for p in doc.problems()] == ["scaled: needs its parameter 'factor'"]
    with pytest.raises(GraphError, match="needs its parameter 'factor'"):
        compile_graph(doc)
    doc.set_params(n, {"factor": 2})
    assert doc.problems() == []


# -- files -------------------------------------------------------------------------------

def _doc_with_params() -> Document:
    doc = Document()
    x = doc.add_input("x", 2.0)
    doc.set_output(doc.add_op("scaled", args=(x,), params={"factor": 3, "offset": -1}))
    return doc


def test_files_store_params_and_read_them_back(test_ops, tmp_path) -> None:
    doc = _doc_with_params()
    data = json.loads(fileio.dumps(doc))
    assert data["version"] == 2
    assert data["nodes"][1] == {"id": 2, "kind": "op", "op": "scaled",
                                "params": {"factor": 3.0, "offset": -1.0}}
    path = tmp_path / "params.json"
    fileio.save(doc, path)
    back = fileio.load(path)
    assert back.same_as(doc) and compile_graph(back).gradient() == (5.0, {"x": 3.0})
    index = Document()
    index.set_output(index.add_op("pick", args=(index.add_input("x", [1.0, 2.0]),),
                                  params={"index": [(None, None, -1), 0]}))
    text = fileio.dumps(index)
    assert '"params": {"index": [[null, null, -1], 0]}' in text
    assert fileio.loads(text).params(index.output) == {"index": ((None, None, -1), 0)}


def test_version_1_files_load_and_have_no_params(test_ops) -> None:
    data = fileio.to_data(_doc_with_params())
    data["nodes"][1].pop("params")
    data["version"] = 1
    doc = fileio.from_data(json.loads(json.dumps(data)))
    assert doc.params(2) == {} and doc.problems()  # factor is missing: said, not crashed
    data["nodes"][1]["params"] = {"factor": 1}
    with pytest.raises(FileFormatError, match="node 2: unknown key 'params'"):
        fileio.from_data(data)


@pytest.mark.parametrize("params, message", [
    ([1, 2], "node 2: 'params' must be an object, found a list"),
    ({"factor": "x"}, "node 2: 'params': factor must be a finite number, not 'x'"),
    ({"size": 1}, "node 2: 'params': there is no parameter 'size'"),
    ({"factor": [1] * 1000}, "node 2: 'params': factor must be a finite number"),
])
def test_malformed_params_are_refused_with_where_and_why(test_ops, params, message) -> None:
    data = fileio.to_data(_doc_with_params())
    data["nodes"][1]["params"] = params
    with pytest.raises(FileFormatError) as info:
        fileio.from_data(data)
    assert info.value.message.startswith(message)


def test_params_on_an_op_without_any_are_refused() -> None:
    data = fileio.to_data(parse("x + 1"))
    data["nodes"][2]["params"] = {"axis": 0}
    with pytest.raises(FileFormatError, match="node 3: 'params': takes no parameters"):
        fileio.from_data(data)


# -- the language ------------------------------------------------------------------------

@pytest.mark.parametrize("text, printed, params", [
    ("scaled(x, 2)", "scaled(x, 2)", {"factor": 2.0}),
    ("scaled(x, -2, 0.5)", "scaled(x, -2, 0.5)", {"factor": -2.0, "offset": 0.5}),
    ("scaled(x, 2, 0)", "scaled(x, 2)", {"factor": 2.0}),  # a default is left out
    ("scaled(x*y,2)", "scaled(x * y, 2)", {"factor": 2.0}),
    ("x[0]", "x[0]", {"index": (0,)}),
    ("x[-1]", "x[-1]", {"index": (-1,)}),
    ("W[1, :]", "W[1, :]", {"index": (1, (None, None, None))}),
    ("x[1:3]", "x[1:3]", {"index": ((1, 3, None),)}),
    ("x[::-2]", "x[::-2]", {"index": ((None, None, -2),)}),
    ("(a + b)[0]", "(a + b)[0]", {"index": (0,)}),
    ("[1, 2, 3][1:]", "[1, 2, 3][1:]", {"index": ((1, None, None),)}),
    ("pick(x, (0, (1, None, None)))", "x[0, 1:]", {"index": (0, (1, None, None))}),
])
def test_parameters_parse_and_print_back(test_ops, text, printed, params) -> None:
    doc = parse(text)
    assert doc.params(doc.output) == params
    assert to_text(doc) == printed
    assert parse(printed).same_as(doc, positions=False)


def test_postfix_binds_tightest_and_prints_back(test_ops) -> None:
    doc = parse("-x[0]**2")  # -(x[0] ** 2), as in Python
    assert doc.node(doc.output)["op"] == "neg" and to_text(doc) == "-x[0]**2"
    doc = parse("(A + B).T @ x")
    assert to_text(doc) == "(A + B).T @ x"
    flip = doc.arguments(doc.output)[0]
    assert doc.node(flip)["op"] == "flip"
    assert to_text(parse("A.T.T")) == "A.T.T"
    assert to_text(parse("scaled(x, 2)[0].T")) == "scaled(x, 2)[0].T"


def test_compiled_programs_print_their_parameters(test_ops) -> None:
    from autodiff_gui.core.expr import program_text

    program = compile_graph(parse("scaled(x, 2, 1) + x[0]", {"x": np.array([1.0, 2.0])}))
    assert program_text(program) == "scaled(x, 2, 1) + x[0]"


@pytest.mark.parametrize("text, message, column", [
    ("scaled(x)", "scaled: needs its parameter 'factor'", 1),
    ("scaled(x, y)", "factor of scaled must be written as a number, None or a tuple of "
                     "numbers, not 'y'", 11),
    ("scaled(x, 1, 2, 3)", "scaled takes 2 parameter(s) after its argument(s): write "
                           "scaled(a, factor[, offset])", 17),
    ("scaled(x, 1.5e999)", "the number 1.5e999 is too large (it is not finite)", 11),
    ("x[1.5]", "pick: index must be a list of whole numbers and slices", 2),
    ("x[]", "an index is a whole number or a slice like 1:3, not ']'", 3),
    ("x[a]", "an index is a whole number or a slice like 1:3, not 'a'", 3),
    ("x[1:2:3:4]", "an index is a whole number or a slice like 1:3, not ':'", 8),
    ("x[0", "'[' is never closed", 2),
    ("x:3", "':' can only be used in an index, as in x[1:3]", 2),
    ("x.y", "attribute access like x.y is not allowed", 2),
])
def test_parameter_mistakes_are_parse_errors_with_a_place(test_ops, text, message,
                                                          column) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    assert info.value.message.startswith(message)
    assert info.value.position + 1 == column


def test_without_the_ops_indexing_and_attributes_stay_refused(monkeypatch) -> None:
    for op in list(ops.OPS.values()):
        if op.postfix:
            monkeypatch.setitem(ops.OPS, op.name, dataclasses.replace(op, postfix=None))
    with pytest.raises(ParseError, match="indexing"):
        parse("x[0]")
    with pytest.raises(ParseError, match="attribute"):
        parse("A.T")


def test_parameters_typed_on_their_own(test_ops) -> None:
    from autodiff_gui.core.expr.params import given_text, parse_params_text
    from autodiff_gui.core.expr.printer import _number_text

    assert parse_params_text(SCALED, "-2, 0.5") == {"factor": -2.0, "offset": 0.5}
    assert parse_params_text(SCALED, " 3 ") == {"factor": 3.0}
    assert given_text(SCALED, {"factor": 3.0, "offset": 0.5}, _number_text) == "3, 0.5"
    assert parse_params_text(ops.OPS["sum"], "") == {}
    for text, words in [("", "needs its parameter 'factor'"), ("1 2", "must be written"),
                        ("1, 2, 3", "takes 2 parameter"), ("x", "must be written")]:
        with pytest.raises(ParseError, match=words):
            parse_params_text(SCALED, text)
