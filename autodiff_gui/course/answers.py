"""Checking an exercise's answer: the engine computes the right one, then a verdict.

Every right answer is computed by the app's engine from the exercise's data (the
value or gradient at a point, the derivative at several points, the node whose
hand-written derivative disagrees with the numerical check); a wrong answer is compared
with the exercise's typical mistakes, computed the same way, to give their diagnosis.

A ``Verdict`` carries a ``code`` the window turns into words in its language (the
diagnosis ``why`` is already in the exercise file's language) and the numbers the words
need in ``params``.  Codes: ``correct``; ``mistake`` (a typical mistake, ``why`` says
which); ``wrong`` (no diagnosis fits); ``empty`` / ``unreadable`` / ``has_names`` (a typed
answer that is not a number); ``no_choice``; ``canvas_empty`` / ``canvas_inputs`` /
``canvas_not_number`` / ``canvas_error`` (a graph that cannot be checked);
``bug_fine`` (that node's derivatives agree with the check); ``bug_unknown``.

Typed answers are read by the app's own expression parser (``2*log(2)``, ``1/2``): never
evaluated as Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..check.finite_diff import central_difference
from ..core.engine import EvalError, Program, compile_graph
from ..core.expr import ParseError, parse
from ..core.graph import Document, GraphError
from .exercise_data import ATOL, Exercise

NODE_RTOL = 1e-5  # a hand-written local derivative against its central difference


class AnswerDataError(ValueError):
    """An exercise whose computed answers do not work out (says why)."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer (see the module docstring for the codes)."""

    correct: bool
    code: str
    why: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NodeRow:
    """One local derivative of a bug exercise's table beside its numerical check."""

    node: str
    expr: str
    arg: str
    formula: str
    written: float
    numeric: float

    @property
    def agrees(self) -> bool:
        return close(self.written, self.numeric, NODE_RTOL, atol=1e-7)


def close(a: float, b: float, rtol: float, atol: float = ATOL) -> bool:
    """|a − b| ≤ atol + rtol·|b| (b is the reference)."""
    return math.isfinite(a) and abs(a - b) <= atol + rtol * abs(b)


# -- the engine's numbers ----------------------------------------------------------------

def _program(formula: str) -> Program:
    return compile_graph(parse(formula))


def _scalar(value: Any) -> float:
    if np.ndim(value) != 0:
        raise AnswerDataError(f"the result has shape {np.shape(value)}, not a number")
    return float(value)


def evaluate(formula: str, point: Mapping[str, float]) -> float:
    """The value of ``formula`` at ``point`` (the engine's)."""
    program = _program(formula)
    return _scalar(program.evaluate(_only(program, point)))


def _only(program: Program, point: Mapping[str, float]) -> dict[str, float]:
    """The values of ``program``'s inputs (a point may name more)."""
    return {k: v for k, v in point.items() if k in program.input_names}


def gradient(formula: str, point: Mapping[str, float], wrt: str,
             upstream: float = 1.0) -> float:
    """∂formula/∂wrt at ``point``, scaled by ``upstream`` (the engine's reverse mode)."""
    program = _program(formula)
    _, grads = program.gradient(_only(program, point), upstream=upstream)
    return _scalar(grads[wrt])


def _quantity(ex: Exercise, find: str, wrt: str | None) -> float:
    assert ex.function is not None
    if find == "gradient":
        if wrt is None:
            raise AnswerDataError("'find': 'gradient' needs a 'wrt'")
        return gradient(ex.function, ex.at, wrt, ex.upstream)
    return evaluate(ex.function, ex.at)


def expected_number(ex: Exercise) -> float:
    """The right answer of a ``number`` exercise."""
    return _quantity(ex, ex.find, ex.wrt)


def mistake_number(ex: Exercise, index: int) -> float:
    """The number a student gives who makes mistake ``index``."""
    m = ex.mistakes[index]
    if m.function is not None:
        return evaluate(m.function, ex.at)
    if m.find is not None:
        return _quantity(ex, m.find, m.wrt)
    assert m.scale is not None
    return expected_number(ex) * m.scale


def expected_derivative(ex: Exercise) -> list[float]:
    """A ``canvas`` exercise's derivative at each of its points."""
    assert ex.derivative_of is not None and ex.wrt is not None
    return [gradient(ex.derivative_of, p, ex.wrt) for p in ex.points]


def mistake_curve(ex: Exercise, index: int) -> list[float]:
    """What a graph built with mistake ``index`` gives at the points."""
    formula = ex.mistakes[index].function
    assert formula is not None
    return [evaluate(formula, p) for p in ex.points]


# -- the hand-written gradient table ------------------------------------------------------

def _env(ex: Exercise) -> dict[str, float]:
    """Every input's and node's value at the exercise's point."""
    env = dict(ex.inputs)
    for node in ex.nodes:
        env[node.name] = evaluate(node.expr, env)
    return env


def node_rows(ex: Exercise) -> list[NodeRow]:
    """The per-node check: each hand-written local derivative of the table beside the
    central difference of that node's operation in that argument."""
    env = _env(ex)
    rows = []
    for node in ex.nodes:
        program = _program(node.expr)
        for arg, formula in node.d.items():
            def f(t: float, arg: str = arg, program: Program = program) -> float:
                return _scalar(program.evaluate(_only(program, {**env, arg: t})))
            rows.append(NodeRow(node.name, node.expr, arg, formula, evaluate(formula, env),
                                central_difference(f, env[arg])))
    return rows


def wrong_nodes(ex: Exercise) -> list[str]:
    """The nodes whose hand-written derivative disagrees with the engine's."""
    env = _env(ex)
    wrong: list[str] = []
    for node in ex.nodes:
        args = list(node.d)
        _, grads = _program(node.expr).gradient({a: env[a] for a in args})
        for arg in args:
            if not close(evaluate(node.d[arg], env), _scalar(grads[arg]), NODE_RTOL, 1e-7):
                wrong.append(node.name)
                break
    return wrong


def table_gradient(ex: Exercise) -> tuple[dict[str, float], dict[str, float]]:
    """(the gradient the hand-written table gives, the engine's gradient), by input."""
    env = _env(ex)
    acc = dict.fromkeys([*ex.inputs, *(n.name for n in ex.nodes)], 0.0)
    acc[ex.nodes[-1].name] = 1.0
    for node in reversed(ex.nodes):
        for arg, formula in node.d.items():
            acc[arg] += acc[node.name] * evaluate(formula, env)
    program = _program(ex.bug_expression())
    _, grads = program.gradient(_only(program, ex.inputs))
    return ({k: acc[k] for k in ex.inputs},
            {k: _scalar(grads.get(k, 0.0)) for k in ex.inputs})


# -- reading and checking answers --------------------------------------------------------

class AnswerError(ValueError):
    """A typed answer that is not a number (``code`` and ``params`` for the message)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def read_number(text: str) -> float:
    """A typed number or simple expression (``2*log(2)``, ``1/2``), by the app's parser."""
    text = text.strip().replace("−", "-").replace("·", "*").replace("×", "*")
    if not text:
        raise AnswerError("empty")
    try:
        doc = parse(text)
    except ParseError as exc:
        raise AnswerError("unreadable", reason=exc.message) from None
    if doc.inputs():
        raise AnswerError("has_names", names=", ".join(doc.inputs()))
    try:
        value = compile_graph(doc).evaluate()
    except (EvalError, GraphError) as exc:
        raise AnswerError("unreadable", reason=exc.message) from None
    if np.ndim(value) != 0:
        raise AnswerError("unreadable", reason="not a single number")
    return float(value)


def check_number(ex: Exercise, text: str) -> Verdict:
    """A typed answer to a ``number`` exercise."""
    try:
        answer = read_number(text)
    except AnswerError as exc:
        return Verdict(False, exc.code, params=exc.params)
    if close(answer, expected_number(ex), ex.tolerance):
        return Verdict(True, "correct", params={"answer": answer})
    for k, m in enumerate(ex.mistakes):
        if close(answer, mistake_number(ex, k), ex.tolerance):
            return Verdict(False, "mistake", m.why, {"answer": answer})
    return Verdict(False, "wrong", params={"answer": answer})


def check_choice(ex: Exercise, index: int | None) -> Verdict:
    """A picked choice (None: none picked)."""
    if index is None or not 0 <= index < len(ex.choices):
        return Verdict(False, "no_choice")
    if index == ex.answer:
        return Verdict(True, "correct", params={"choice": index})
    return Verdict(False, "mistake", ex.choices[index].why, {"choice": index})


def check_canvas(ex: Exercise, doc: Document) -> Verdict:
    """The student's graph: its output at every point against the derivative."""
    if not doc.nodes():
        return Verdict(False, "canvas_empty")
    allowed = set(ex.points[0])
    extra = [n for n in doc.inputs() if n not in allowed]
    if extra:
        return Verdict(False, "canvas_inputs", params={"names": ", ".join(extra),
                                                       "allowed": ", ".join(sorted(allowed))})
    try:
        program = compile_graph(doc)
        got = [program.evaluate({k: v for k, v in p.items() if k in doc.inputs()})
               for p in ex.points]
    except (EvalError, GraphError, ValueError) as exc:
        return Verdict(False, "canvas_error", params={"reason": getattr(exc, "message",
                                                                        str(exc))})
    if any(np.ndim(v) != 0 for v in got):
        return Verdict(False, "canvas_not_number")
    values = [float(v) for v in got]
    if all(close(a, e, ex.tolerance) for a, e in zip(values, expected_derivative(ex))):
        return Verdict(True, "correct", params={"points": len(values)})
    for k, m in enumerate(ex.mistakes):
        if all(close(a, e, ex.tolerance) for a, e in zip(values, mistake_curve(ex, k))):
            return Verdict(False, "mistake", m.why)
    expected = expected_derivative(ex)
    k = next(i for i, (a, e) in enumerate(zip(values, expected))
             if not close(a, e, ex.tolerance))
    point = ", ".join(f"{n} = {v:g}" for n, v in ex.points[k].items())
    return Verdict(False, "wrong", params={"point": point, "answer": values[k],
                                           "expected": expected[k]})


def check_bug(ex: Exercise, name: str | None) -> Verdict:
    """The node the student says is wrong."""
    names = [n.name for n in ex.nodes]
    if not name or name not in names:
        return Verdict(False, "bug_unknown", params={"names": ", ".join(names)})
    if name in wrong_nodes(ex):
        return Verdict(True, "correct", params={"node": name})
    for m in ex.mistakes:
        if m.answer == name:
            return Verdict(False, "mistake", m.why, {"node": name})
    rows = [r for r in node_rows(ex) if r.node == name]
    checks = "; ".join(f"∂{r.node}/∂{r.arg}: {r.written:.6g} ≈ {r.numeric:.6g}" for r in rows)
    return Verdict(False, "bug_fine", params={"node": name, "checks": checks})


def check(ex: Exercise, answer: Any) -> Verdict:
    """Any kind: text for ``number``, an index for ``choice``, a Document for
    ``canvas``, a node name for ``bug``."""
    checkers: dict[str, Callable[[Exercise, Any], Verdict]] = {
        "number": check_number, "choice": check_choice, "canvas": check_canvas,
        "bug": check_bug}
    return checkers[ex.kind](ex, answer)


def answer_text(ex: Exercise) -> str:
    """The right answer, as the window reveals it."""
    if ex.kind == "number":
        return f"{expected_number(ex):.6g}"
    if ex.kind == "choice":
        assert ex.answer is not None
        return ex.choices[ex.answer].text
    if ex.kind == "canvas":
        return str(ex.solution)
    return ", ".join(wrong_nodes(ex))


# -- validating the data -------------------------------------------------------------------

def validate(ex: Exercise) -> None:
    """Raise AnswerDataError unless the engine can compute every answer of ``ex`` and
    every mistake differs from the right answer (so each diagnosis can be reached)."""
    try:
        _validate(ex)
    except (EvalError, GraphError, ParseError) as exc:
        raise AnswerDataError(f"the engine cannot compute it: {exc}") from None


def _validate(ex: Exercise) -> None:
    if ex.kind == "number":
        right = expected_number(ex)
        for k, m in enumerate(ex.mistakes):
            if m.find == "gradient" and ex.function is not None and \
                    m.wrt not in parse(ex.function).inputs():
                raise AnswerDataError(f"mistake {k + 1}: 'wrt' must name an input")
            if close(mistake_number(ex, k), right, ex.tolerance):
                raise AnswerDataError(f"mistake {k + 1} gives the right answer")
    elif ex.kind == "canvas":
        right = expected_derivative(ex)
        assert ex.solution is not None
        if not all(close(evaluate(ex.solution, p), e, 1e-9) for p, e in zip(ex.points, right)):
            raise AnswerDataError("'solution' is not the derivative at the points")
        for k in range(len(ex.mistakes)):
            if all(close(a, e, ex.tolerance) for a, e in zip(mistake_curve(ex, k), right)):
                raise AnswerDataError(f"mistake {k + 1} gives the right derivative")
    elif ex.kind == "bug":
        wrong = wrong_nodes(ex)
        if len(wrong) != 1:
            raise AnswerDataError(f"exactly one node must be wrong, not {wrong or 'none'}")
        names = [n.name for n in ex.nodes]
        for k, m in enumerate(ex.mistakes):
            if m.answer not in names or m.answer == wrong[0]:
                raise AnswerDataError(f"mistake {k + 1}: 'answer' must name a node that "
                                      "is not the wrong one")
