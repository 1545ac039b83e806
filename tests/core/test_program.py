"""Programs of named steps (issue 13): parsing, errors with positions, printing back,
names on op nodes (document, files, labels, narration, backward graph)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodiff_gui.core import fileio
from autodiff_gui.core.backward_graph import build_backward
from autodiff_gui.core.engine import EvalError, Stepper, compile_graph
from autodiff_gui.core.expr import ParseError, format_error, parse, program_text, to_text
from autodiff_gui.core.graph import Document, GraphError
from autodiff_gui.core.narration import Narration

from .helpers import SEED_DX, SEED_DY, SEED_VALUE, same_structure
from .test_expr import NUMBERS, _extend

SEED_PROGRAM = "a = x**2; b = 2*x; c = a + b; d = log(y); z = c*d"
OWN_NAMES = "sq = x**2; lin = 2*x; s = sq + lin; lg = log(y); out = s*lg"
SEED = {"x": 1.0, "y": 2.0}


def narrated(doc: Document) -> list[str]:
    program = compile_graph(doc)
    stepper = Stepper(program)
    stepper.run_to_end()
    assert stepper.error is None
    narration = Narration(program, stepper.records, 1.0)
    return [line for r in stepper.records for line in narration.lines(r)]


# -- the seed notebook's program -------------------------------------------------------

def test_seed_program_gives_the_seed_numbers_and_names() -> None:
    doc = parse(SEED_PROGRAM, SEED)
    program = compile_graph(doc)
    value, grads = program.gradient()
    assert value == pytest.approx(SEED_VALUE, rel=1e-15)
    assert grads == pytest.approx({"x": SEED_DX, "y": SEED_DY}, rel=1e-15)
    assert program.labels == ["x", "2", "a", "2", "b", "c", "y", "d", "z"]
    assert {doc.node(n)["name"] for n in doc.named_ops().values()} == set("abcdz")
    # The same graph as the plain expression, plus the names.
    plain = parse("(x**2 + 2*x) * log(y)", SEED)
    assert compile_graph(plain).gradient() == (value, grads)
    assert [doc.kind(n) for n in doc.nodes()] == [plain.kind(n) for n in plain.nodes()]
    assert doc.edges() == plain.edges()


def test_own_names_reach_labels_trace_narration_and_backward_graph() -> None:
    doc = parse(OWN_NAMES, SEED)
    program = compile_graph(doc)
    assert program.labels == ["x", "2", "sq", "2", "lin", "s", "y", "lg", "out"]
    lines = narrated(doc)
    assert "sq = x ** 2 = 1 ** 2 = 1" in lines
    assert "∂f/∂lg = ∂f/∂out·∂out/∂lg = 1·3 = 3" in lines
    assert any(line.startswith("contribution to x through sq") for line in lines)
    assert any(line.startswith("contribution to x through lin") for line in lines)
    bg = build_backward(doc)
    said = {bg.document.node(n).get("label") for n in bg.document.nodes()}
    assert {"sq", "lin", "s", "lg", "∂f/∂s", "∂f/∂lg"} <= said  # ∂f/∂c with the names


def test_unnamed_steps_get_letters_that_skip_the_students_names() -> None:
    doc = parse("a = x*y; b = exp(a) + sin(a); log(b) * 2", {"x": 0.5, "y": 2.0})
    labels = compile_graph(doc).labels
    assert labels.count("a") == 1 and labels.count("b") == 1
    ops = [lab for lab, k in zip(labels, compile_graph(doc).kinds) if k == "op"]
    assert ops == ["a", "c", "d", "b", "e", "z"]  # exp, sin unnamed; log then the output


def test_a_name_used_twice_is_one_node_with_fan_out() -> None:
    doc = parse("a = x*x\nz = a*a + a", {"x": 3.0})
    a = doc.named_ops()["a"]
    assert len(doc.users(a)) == 3
    value, grads = compile_graph(doc).gradient()
    assert (value, grads["x"]) == (90.0, pytest.approx(4 * 27 + 2 * 3))


def test_statements_split_on_semicolons_and_newlines_not_inside_brackets() -> None:
    text = "W = [[1, 2],\n     [3, 4]] * w\n\nh = sum(W @\n  [1, 1])   ;\nh"
    doc = parse(text, {"w": 2.0})
    assert set(doc.named_ops()) == {"W", "h"}
    assert compile_graph(doc).gradient()[0] == 20.0
    # a line ending in an operator goes on; a trailing ';' is allowed
    assert compile_graph(parse("a = x +\n  1;", {"x": 1.0})).evaluate() == 2.0


def test_plain_expressions_are_parsed_exactly_as_before() -> None:
    for text in ("(x**2 + 2*x) * log(y)", "x", "  sin(x) ", "x + 1\n"):
        doc = parse(text, SEED)
        assert not doc.named_ops()
        assert to_text(doc) == to_text(doc, sep="\n")  # no statements to separate


# -- errors with their positions --------------------------------------------------------

PROGRAM_ERRORS = [
    ("a = 2*x; a = a + 1", "reassigned", 9, "a"),
    ("a = 2*x\nb = a\nz = b", "alias", 12, "a"),
    ("a = x; z = a*2", "alias", 4, "x"),
    ("a = 3; z = a*x", "alias_number", 4, "3"),
    ("x = x + 1", "self_reference", 4, "x"),
    ("c = a + b; a = x**2; b = 2*x; z = c", "used_before", 4, "a"),
    ("log = x*2; z = log", "assign_function", 0, "log"),
    ("a = x*2;\nlambda = a", "assign_keyword", 9, "lambda"),
    ("a = x*2;; z = a", "empty_statement", 8, ""),
    ("; a = x*2", "empty_statement", 0, ""),
    ("a = 2*x\n  a + 1\nz = a", "bare_middle", 10, ""),
    ("a = \nz = 1", "assign_empty", 2, "a"),
    ("a = (x + 1\nb = 2*x", "unclosed", 4, ""),
    ("a = [1, 2\nb = 2*x", "array_unclosed", 4, ""),
    ("a = 2*x\nb = a +* 3", "expected_value", 15, ""),  # the parser's error, shifted
    ("a = 2*x; b = (a; x)", "semicolon", 15, ""),
    ("a = b = x", "assignment", 6, ""),
]


@pytest.mark.parametrize(("text", "code", "position", "said"), PROGRAM_ERRORS)
def test_program_errors_say_where(text: str, code: str, position: int, said: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    err = info.value
    assert (err.code, err.position) == (code, position), err.message
    assert said in err.message
    assert 0 <= err.position <= err.end <= len(text)
    # The caret display shows the statement's own line.
    line, caret = format_error(text, err).split("\n")
    assert line in text.split("\n") and caret.strip().startswith("^")


def test_reassignment_says_where_the_first_one_is() -> None:
    with pytest.raises(ParseError) as info:
        parse("a = x*2\nb = a + 1\na = b*3")
    assert info.value.message.startswith("a is assigned twice (first in line 1)")
    assert format_error("a = x*2\nb = a + 1\na = b*3", info.value) == "a = b*3\n^"


def test_translated_program_error_uses_the_translator() -> None:
    with pytest.raises(ParseError) as info:
        parse("a = x*2; a = 1 + x")
    assert info.value.translated(lambda t: t.replace("assigned twice", "TWICE")) \
        .startswith("a is TWICE")


# -- printing back --------------------------------------------------------------------

def test_program_prints_back_one_statement_per_named_node() -> None:
    doc = parse(SEED_PROGRAM, SEED)
    assert to_text(doc) == "a = x**2; b = 2 * x; c = a + b; d = log(y); z = c * d"
    assert to_text(doc, sep="\n").split("\n")[2] == "c = a + b"
    assert program_text(compile_graph(doc)) == to_text(doc)
    doc = parse("a = x**2 + 1; sin(a) * a", SEED)
    assert to_text(doc) == "a = x**2 + 1; sin(a) * a"  # a bare final expression
    assert program_text(compile_graph(doc)) == to_text(doc)
    doc.rename(doc.named_ops()["a"], None)  # no names left: a plain expression again
    assert to_text(doc) == "sin(x**2 + 1) * (x**2 + 1)"


def test_program_text_is_cut_after_its_limit() -> None:
    text = "\n".join(["v0 = x + 1"] + [f"v{k} = v{k - 1} * 2" for k in range(1, 2000)])
    program = compile_graph(parse(text, {"x": 1.0}))
    cut = program_text(program, 100)
    assert cut.endswith("…") and len(cut) <= 101
    assert cut.startswith("v0 = x + 1; v1 = v0 * 2; ")


NAMES = ["a", "b", "c", "h", "u", "v", "sq", "lin", "t1", "hidden", "W2", "_k"]
INPUT_VALUES = {"x": 0.7, "y": 1.3, "w": 2.1}


@st.composite
def programs(draw: st.DrawFn) -> tuple[str, str]:
    """A random program whose every step is used, and the same function written as one
    plain expression (each name replaced by its parenthesized expression)."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    statements: list[tuple[str, str]] = []
    unused: list[str] = []
    for name in names:
        known = [*INPUT_VALUES, *(n for n, _e in statements)]
        # numbers in parentheses: 2.T or 0.5[0] would not read as a number
        leaves = st.one_of(st.sampled_from(known), NUMBERS.map(lambda t: f"({t})"))
        body = draw(_extend(st.recursive(leaves, _extend, max_leaves=4))
                    .filter(lambda t: not t.startswith("+")))  # +x would only rename x
        unused = [n for n in unused if not re.search(rf"\b{n}\b", body)]
        statements.append((name, body))
        unused.append(name)
    final = f"({' + '.join(unused)}) * 2"  # an operation: out = a would only rename a
    bare = draw(st.booleans())
    sep = draw(st.sampled_from(["; ", "\n", " ;\n", ";"]))
    lines = [f"{n} = {e}" for n, e in statements] + [final if bare else f"out = {final}"]
    text = sep.join(lines)
    inlined = final
    for name, body in reversed(statements):
        inlined = re.sub(rf"\b{name}\b", f"({body})", inlined)
    return text, inlined


def _outcome(doc: Document):
    try:
        value, grads = compile_graph(doc).gradient()
    except EvalError as exc:
        return ("error", exc.message)
    return ("ok", value, grads)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_programs_round_trip_and_equal_their_plain_expression(case: tuple[str, str]) -> None:
    text, inlined = case
    doc = parse(text, INPUT_VALUES)
    printed = to_text(doc)
    again = parse(printed, INPUT_VALUES)
    assert same_structure(again, doc), (text, printed)  # a folded concat: other node order
    assert to_text(again) == printed
    assert same_structure(parse(to_text(doc, sep="\n"), INPUT_VALUES), doc)
    one, two = _outcome(doc), _outcome(parse(inlined, INPUT_VALUES))
    assert one[0] == two[0], (text, inlined)
    if one[0] == "ok":
        assert np.allclose(one[1], two[1], rtol=1e-12, atol=1e-12, equal_nan=True)
        assert one[2].keys() == two[2].keys()
        for k in one[2]:
            assert np.allclose(one[2][k], two[2][k], rtol=1e-12, atol=1e-12, equal_nan=True)


# -- names on op nodes: the document, snapshots, files ----------------------------------

def test_op_names_are_unique_among_all_names_and_undoable_by_snapshot() -> None:
    doc = parse("(x**2 + 2*x) * log(y)", SEED)
    pow_node = next(n for n in doc.nodes() if doc.node(n).get("op") == "pow")
    log_node = next(n for n in doc.nodes() if doc.node(n).get("op") == "log")
    before = doc.snapshot()
    events = []
    doc.subscribe(events.append)
    doc.rename(pow_node, "sq")
    assert events[-1].kind == "renamed" and events[-1].data == {"old": None, "new": "sq"}
    assert doc.named_ops() == {"sq": pow_node} and doc.describe(pow_node) == "sq (pow #3)"
    for bad, reason in (("x", "an input called 'x'"), ("sq", "a block called 'sq'"),
                        ("exp", "name of a function"), ("2a", "not a valid name"),
                        ("for", "reserved word")):
        with pytest.raises(GraphError, match=reason):
            doc.rename(log_node, bad)
    with pytest.raises(GraphError, match="a block called 'sq'"):
        doc.rename(doc.find_input("x"), "sq")
    with pytest.raises(GraphError, match="a block called 'sq'"):
        doc.add_op("exp", name="sq")
    named = doc.snapshot()
    assert doc.copy().same_as(doc) and doc.copy().named_ops() == {"sq": pow_node}
    doc.restore(before)
    assert not doc.named_ops() and "name" not in doc.node(pow_node)
    doc.restore(named)
    assert doc.named_ops() == {"sq": pow_node}
    doc.rename(pow_node, "")  # an empty name takes it away
    assert not doc.named_ops()
    doc.rename(pow_node, "sq")
    doc.remove_node(pow_node)
    assert not doc.named_ops()
    doc.add_op("exp", name="sq")  # the name is free again


def test_files_keep_op_names_and_older_files_load(tmp_path) -> None:
    doc = parse(OWN_NAMES, SEED)
    path = tmp_path / "named.adgraph.json"
    fileio.save(doc, path)
    data = fileio.to_data(doc)
    entries = {e["id"]: e for e in data["nodes"]}
    assert entries[doc.named_ops()["sq"]] == {"id": 3, "kind": "op", "op": "pow", "name": "sq"}
    loaded = fileio.load(path)
    assert loaded.same_as(doc) and to_text(loaded) == to_text(doc)
    old = {"format": "autodiff-studio", "version": 1, "output": None,
           "nodes": [{"id": 1, "kind": "input", "name": "x", "value": 2.0},
                     {"id": 2, "kind": "op", "op": "exp"}],
           "links": [{"source": 1, "target": 2, "slot": 0}]}
    assert not fileio.from_data(old).named_ops()
    clash = {**old, "version": 2, "nodes": [old["nodes"][0], {"id": 2, "kind": "op", "op": "exp",
                                                "name": "x"}]}
    with pytest.raises(fileio.FileFormatError, match="node 2: an input called 'x'"):
        fileio.from_data(clash)
    wrong = {**old, "version": 2, "nodes": [old["nodes"][0], {"id": 2, "kind": "op", "op": "exp",
                                                "name": 3}]}
    with pytest.raises(fileio.FileFormatError, match="'name' must be a string"):
        fileio.from_data(wrong)
