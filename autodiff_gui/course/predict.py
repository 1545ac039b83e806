"""Predict, then reveal: what a step will produce, the student's answer judged, the mistake named.

Qt-free (imports only the core).  The window's predict mode (``ui/run/predict.py``)
asks, before a step is shown, for the quantity that step produces:

* the forward pass: the value of an operation (``a = x ** 2 = ?``); inputs and
  constants are not asked (the student typed them);
* the backward pass: one question per contribution, in slot order: the gradient it
  gives its source when that is the whole gradient, the contribution itself when it
  is the first of several, and the running sum when it adds to earlier ones (where
  a value is used twice, the sum is the thing to get right);
* forward mode: the tangent of an operation (``∂c/∂x``).

``judge`` reads the answer with the project's own expression parser and engine (a
number, an array, or an expression such as ``2*log(2)``; names of values computed
before the step may be used: ``c*d``) and compares it with the right value within
``RELATIVE_TOLERANCE`` of it, or ``ABSOLUTE_TOLERANCE`` near zero (the narration
shows 4 significant digits, and 4 digits are within 0.1 %).  A wrong answer is
compared with the value each usual mistake would give, in this order: one path of a
fan-out instead of the sum, a gradient carried over from an earlier run, the
local derivative without the upstream gradient (or without the pass's ``v``), the
product rule's factors swapped, the operands the other way round, the opposite
sign, the local derivative without the incoming tangent; then "close" (within 1 %:
round less); else "not one of the usual mistakes".  Diagnoses never state the
right answer (the student gets a second try); ``working`` is the narration of the
step, with numbers, for the reveal.

Every sentence is an English template in ``MESSAGES`` (context "course", collected
by ``tools/update_translations.py``), returned as a ``core.graph.Text`` that the
window translates.  ``PassScore`` and ``LessonScores`` are the score of a pass and
what is kept per lesson (``scores_from_json`` / ``scores_to_json``; the window
stores them in its settings, see ``ui.run.predict.predict_scores``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core import ops
from ..core.engine import EvalError, compile_graph
from ..core.expr import ParseError, parse
from ..core.graph import GraphError, Text
from ..core.narration import Narration, forward_text
from ..core.steps import BackwardStep, Contribution, ForwardStep, Step, TangentStep
from ..core.values import format_value, shape_text

Value = Any
Tr = Callable[[str], str]
CONTEXT = "course"
RELATIVE_TOLERANCE = 1e-3  # right: within 0.1 % of the value ...
ABSOLUTE_TOLERANCE = 1e-6  # ... or within 1e-6 of it (a value of 0)
CLOSE_TOLERANCE = 1e-2  # "close": within 1 % (rounded too early)
OUTCOMES = ("first", "second", "revealed")

MESSAGES: dict[str, str] = {
    # what is asked
    "ask_value": "Forward pass: predict the value. {formula} = ?",
    "ask_gradient": "Backward pass through {line}: predict {symbol}.",
    "ask_contribution": "Backward pass through {line}: predict the contribution to "
                        "{symbol} through {out} ({k} of {n}).",
    "ask_sum": "Backward pass through {line}: predict {symbol} after adding the "
               "contribution through {out} ({k} of {n} contributions).",
    "ask_tangent": "Forward mode through {line}: predict {symbol}.",
    # answers that cannot be read
    "empty": "Type a number or an expression first, e.g. 0.5 or 2*log(2).",
    "unknown_names": "{names}: not known here. Use numbers, or the names of values "
                     "computed before this step.",
    "not_a_number": "That is not a number: {reason}",
    # diagnoses (never the right answer: a second try follows)
    "swapped": "Product rule swapped: you multiplied by {own} = {own_value}, the factor "
               "itself. The derivative of a product with respect to one factor is the "
               "other factor: ∂{expr}/∂{own} = {other}.",
    "fan_out": "That is only the contribution through {out}. {src} is used {n} times, so "
               "its gradient is the sum of all its contributions: add what the earlier "
               "paths sent ({before}).",
    "fan_out_before": "That is only what the earlier paths sent to {src}: add this "
                      "step's contribution through {out}.",
    "fan_out_tangent": "That is only the term through {arg}. {out} depends on {wrt} "
                       "through more than one argument: add the terms of all of them.",
    "upstream": "That is the local derivative alone ({local}): the chain rule multiplies "
                "it by the gradient arriving from above, {g} = {dout}.",
    "upstream_v": "That leaves out the upstream gradient {v} = {value} given at the "
                  "output (grad_tensors): this pass computes ∂L/∂· with L = {v}·f, so "
                  "every gradient is {value} times ∂f/∂·.",
    "carried": "That adds the gradient of an earlier run ({carried}). The backward pass "
               "computes this run's {symbol}, starting from zero; PyTorch adds runs up "
               "in .grad only when zero_grad() is not called between them.",
    "tangent_missing": "That is the local derivative alone: multiply it by the tangent "
                       "that comes in with the argument (∂{arg}/∂{wrt}).",
    "order": "The operands are the other way round: the value is {formula}, in this "
             "order.",
    "sign": "Right size, wrong sign: check the sign of each factor ({rule}).",
    "sign_value": "Right size, wrong sign.",
    "close": "Close, but not within 0.1 %: give 4 significant digits, or an exact "
             "expression such as 2*log(2).",
    "shape": "{symbol} is {want}; your answer is {got}.",
    "number": "a number",
    "array": "an array of shape {shape}",
    "unusual": "Not one of the usual mistakes.",
    # the score of a pass
    "score": "{first} of {total} right on the first try, {second} on the second, "
             "{revealed} revealed",
}


def _text(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], CONTEXT, **params)


def _fmt(value: Value) -> str:
    return format_value(value) if value is not None else "0"


def _fill(template: str, out: str, args: tuple[str, ...]) -> str:
    return template.format(*args, out=out)


def close_to(answer: Value, right: Value, rtol: float = RELATIVE_TOLERANCE,
             atol: float = ABSOLUTE_TOLERANCE) -> bool:
    """Every element within ``rtol`` of the right value, or within ``atol`` of it."""
    if right is None:
        right = 0.0
    a, r = np.asarray(answer, dtype=float), np.asarray(right, dtype=float)
    if a.shape != r.shape:
        return False
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(r))):
        return False
    return bool(np.all(np.abs(a - r) <= np.maximum(atol, rtol * np.abs(r))))


# -- what is asked -------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """One quantity a step will produce, to be predicted before the step is shown.

    ``index`` is the record's index in the pass (the step shown at position
    ``index + 1``); ``slot`` the contribution's argument slot (backward questions);
    ``kind`` one of value, gradient, contribution, running_sum, tangent.
    """

    index: int
    step: Step
    kind: str
    symbol: str  # what is asked, in symbols: "a", "∂f/∂c", "∂c/∂x"
    right: Value
    line: str  # the operation: "z = c·d"
    slot: int | None = None
    count: tuple[int, int] | None = None  # (k, n): the k-th of the n contributions
    out: str = ""  # the node the contribution goes through

    @property
    def key(self) -> tuple[int, int]:
        """Identifies the question within its pass."""
        return (self.index, -1 if self.slot is None else self.slot)

    @property
    def contribution(self) -> Contribution | None:
        if isinstance(self.step, BackwardStep):
            for c in self.step.contributions:
                if c.slot == self.slot:
                    return c
        return None

    def prompt(self) -> Text:
        """What to predict, in words (a translatable ``Text``)."""
        if self.kind == "value":
            return _text("ask_value", formula=self.line)
        if self.kind == "tangent":
            return _text("ask_tangent", line=self.line, symbol=self.symbol)
        if self.kind == "gradient":
            return _text("ask_gradient", line=self.line, symbol=self.symbol)
        k, n = self.count or (1, 1)
        return _text("ask_contribution" if self.kind == "contribution" else "ask_sum",
                     line=self.line, symbol=self.symbol, out=self.out, k=k, n=n)


def questions_for(step: Step, index: int, narration: Narration) -> list[Question]:
    """What to ask before ``step`` (record ``index`` of ``narration``'s pass) is shown."""
    if not step.op:  # inputs and constants: nothing to predict
        return []
    template = step.template if isinstance(step, (ForwardStep, BackwardStep)) \
        else ops.OPS[step.op].template  # a tangent record carries no template
    line = _fill(template, step.label, step.arg_labels)
    if isinstance(step, ForwardStep):
        return [Question(index, step, "value", step.label, step.value, line)]
    if isinstance(step, TangentStep):
        symbol = narration.tangent_symbol(step.label, step.wrt)
        right = step.tangent if step.tangent is not None else np.zeros_like(step.value)
        return [Question(index, step, "tangent", symbol, right, line)]
    letter = narration.letter()
    found = []
    for c in step.contributions:
        symbol = f"∂{letter}/∂{c.source_label}"
        pos = narration.position(step, c)
        if pos is None:  # no program: every contribution is said as one
            pos = (1, 1) if c.before is None else (2, 2)
        k, n = pos
        if n == 1:
            kind, right = "gradient", c.after
        elif c.before is None:
            kind, right = "contribution", c.amount
        else:
            kind, right = "running_sum", c.after
        found.append(Question(index, step, kind, symbol, right, line, c.slot, (k, n),
                              step.label))
    return found


# -- reading an answer -----------------------------------------------------------------

class AnswerError(ValueError):
    """An answer that cannot be read as a number; ``message`` says why (a ``Text``),
    or ``error`` is the parser's or the engine's own error."""

    def __init__(self, message: Text | None = None, error: BaseException | None = None) -> None:
        super().__init__(str(message if message is not None else error))
        self.message = message
        self.error = error


def read_answer(text: str, known: Mapping[str, Value] | None = None) -> Value:
    """The value of the student's answer: a number, an array or an expression of numbers,
    functions and the names in ``known``.  Parsed and evaluated by the project's own
    parser and engine (nothing is evaluated as Python); raises ``AnswerError``."""
    if not text.strip():
        raise AnswerError(_text("empty"))
    known = known or {}
    try:
        doc = parse(text)
    except ParseError as exc:
        raise AnswerError(error=exc) from None
    try:
        program = compile_graph(doc)
    except GraphError as exc:
        raise AnswerError(error=exc) from None
    missing = [name for name in program.input_names if name not in known]
    if missing:
        raise AnswerError(_text("unknown_names", names=", ".join(missing)))
    try:
        value = program.evaluate({name: known[name] for name in program.input_names})
    except EvalError as exc:
        raise AnswerError(_text("not_a_number", reason=exc.message)) from None
    except (ValueError, TypeError) as exc:  # a value of a shape the expression refuses
        raise AnswerError(error=exc) from None
    return value


# -- judging -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Facts:
    """What the judge needs beyond the step: the upstream gradient ``v`` of the pass,
    the gradients an earlier run left (``.grad`` by input name: kept with *Accumulate*,
    else the last run's), and the values computed before the step (by label)."""

    upstream: Value = 1.0
    carried: Mapping[str, Value] = field(default_factory=dict)
    known: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The judge's word on one answer.

    ``correct``; ``answer`` the value read (None: unreadable, not a try);
    ``diagnosis`` the mistake's code (a ``MESSAGES`` key) when wrong;
    ``message`` the diagnosis (or why the answer cannot be read), a ``Text``;
    ``error`` the parser's or engine's error when that is the reason.
    """

    correct: bool
    answer: Value | None
    diagnosis: str | None = None
    message: Text | None = None
    error: BaseException | None = None

    @property
    def readable(self) -> bool:
        return self.answer is not None


Candidate = tuple[str, Value, Text]


def _product_like(labels: tuple[str, ...], slot: int, local_text: str) -> bool:
    """∂out/∂arg[slot] is written as the other operand (a product)."""
    return len(labels) == 2 and local_text == labels[1 - slot]


def _v_factor(facts: Facts) -> float | None:
    v = facts.upstream
    if np.ndim(v) == 0 and float(v) not in (0.0, 1.0):
        return float(v)
    return None


def _backward_candidates(q: Question, facts: Facts, narration: Narration) -> list[Candidate]:
    step, c = q.step, q.contribution
    assert isinstance(step, BackwardStep) and c is not None
    letter = narration.letter()
    before = c.before
    path: list[Candidate] = []  # mistakes in this path's contribution
    labels = step.arg_labels
    if _product_like(labels, c.slot, c.local_text):
        own, other = labels[c.slot], labels[1 - c.slot]
        op = ops.OPS[step.op]
        with np.errstate(all="ignore"):
            wrong = np.multiply(step.dout, step.arg_values[c.slot])
        path.append(("swapped", wrong, _text(
            "swapped", own=own, own_value=_fmt(step.arg_values[c.slot]), other=other,
            expr=_fill(op.expr, step.label, labels))))
    v = _v_factor(facts)
    if v is not None:  # first: at the output, ∂L/∂out is v itself
        path.append(("upstream_v", np.divide(c.amount, v), _text(
            "upstream_v", v=narration.upstream_symbol(), value=_fmt(v))))
    if c.local is not None:
        path.append(("upstream", c.local, _text(
            "upstream", local=_fmt(c.local), g=f"∂{letter}/∂{step.label}",
            dout=_fmt(step.dout))))
    rule = narration_rule(step, c, letter)
    path.append(("sign", np.negative(c.amount), _text("sign", rule=rule)))
    found: list[Candidate] = []
    if q.kind == "running_sum":
        k, n = q.count or (2, 2)
        found.append(("fan_out", c.amount, _text(
            "fan_out", out=step.label, src=c.source_label, n=n, before=_fmt(before))))
        found.append(("fan_out", before, _text("fan_out_before", src=c.source_label,
                                               out=step.label)))
    carried = facts.carried.get(c.source_label)
    if carried is not None and q.kind in ("running_sum", "gradient") \
            and np.shape(carried) == np.shape(c.after):
        found.append(("carried", np.add(c.after, carried), _text(
            "carried", carried=_fmt(carried), symbol=q.symbol)))
    if q.kind == "running_sum":
        found += [(code, np.add(before, wrong), text) for code, wrong, text in path]
        found.append(("sign", np.negative(c.after), _text("sign", rule=rule)))
    else:
        found += path
    return found


def narration_rule(step: BackwardStep, c: Contribution, letter: str = "f") -> str:
    """The contribution's chain rule in symbols: ``∂f/∂z·∂z/∂c``."""
    return f"∂{letter}/∂{step.label}·∂{step.label}/∂{c.source_label}"


def _tangent_candidates(q: Question, facts: Facts) -> list[Candidate]:
    step = q.step
    assert isinstance(step, TangentStep)
    terms = [(k, local, t) for k, (local, t) in enumerate(zip(step.locals, step.arg_tangents))
             if t is not None]
    if not terms:  # does not depend on wrt: 0, nothing to mistake but the idea
        return []
    if any(local is None for _k, local, _t in terms):  # matmul and the like
        return [("sign", np.negative(step.tangent), _text("sign_value"))]
    found: list[Candidate] = []
    if len(terms) > 1:
        for k, local, t in terms:
            found.append(("fan_out", np.multiply(local, t), _text(
                "fan_out_tangent", arg=step.arg_labels[k], out=step.label, wrt=step.wrt)))
    op = ops.OPS[step.op] if step.op else None
    if op is not None and len(step.arg_labels) == 2:
        swapped: Value = 0.0
        fits = True
        for k, _local, t in terms:
            text = _fill(op.local_texts[k], step.label, step.arg_labels) \
                if k < len(op.local_texts) else ""
            own = step.arg_labels[k]
            if not _product_like(step.arg_labels, k, text) or own not in facts.known:
                fits = False
                break
            swapped = np.add(swapped, np.multiply(facts.known[own], t))
        if fits:
            k0 = terms[0][0]
            found.append(("swapped", swapped, _text(
                "swapped", own=step.arg_labels[k0],
                own_value=_fmt(facts.known[step.arg_labels[k0]]),
                other=step.arg_labels[1 - k0],
                expr=_fill(op.expr, step.label, step.arg_labels))))
    locals_only: Value = 0.0
    for _k, local, _t in terms:
        locals_only = np.add(locals_only, local)
    k0 = terms[0][0]
    found.append(("tangent_missing", locals_only, _text(
        "tangent_missing", arg=step.arg_labels[k0], wrt=step.wrt)))
    found.append(("sign", np.negative(step.tangent), _text("sign_value")))
    return found


def _value_candidates(q: Question) -> list[Candidate]:
    step = q.step
    assert isinstance(step, ForwardStep)
    found: list[Candidate] = []
    op = ops.OPS[step.op] if step.op else None
    if op is not None and op.ordered and len(step.arg_values) == 2:
        a, b = step.arg_values
        try:
            with np.errstate(all="ignore"):
                other = op.forward_a(np.asarray(b, dtype=float), np.asarray(a, dtype=float))
        except (TypeError, ValueError):  # parameters, or shapes that do not fit
            other = None
        if other is not None:
            formula = _fill(step.template, step.label, step.arg_labels)
            found.append(("order", other, _text("order", formula=formula)))
    found.append(("sign", np.negative(step.value), _text("sign_value")))
    return found


def _kind_of(value: Value) -> Text:
    shape = np.shape(value)
    return _text("array", shape=shape_text(shape)) if shape else _text("number")


def judge(question: Question, text: str, facts: Facts | None = None,
          narration: Narration | None = None) -> Verdict:
    """The verdict on ``text`` as the answer to ``question`` (see the module docstring)."""
    facts = facts or Facts()
    narration = narration or Narration(upstream=facts.upstream)
    try:
        answer = read_answer(text, facts.known)
    except AnswerError as exc:
        return Verdict(False, None, None, exc.message, exc.error)
    right = question.right if question.right is not None else 0.0
    if close_to(answer, right):
        return Verdict(True, answer)
    if np.shape(answer) != np.shape(right):
        return Verdict(False, answer, "shape", _text(
            "shape", symbol=question.symbol, want=_kind_of(right), got=_kind_of(answer)))
    if question.kind == "value":
        candidates = _value_candidates(question)
    elif question.kind == "tangent":
        candidates = _tangent_candidates(question, facts)
    else:
        candidates = _backward_candidates(question, facts, narration)
    for code, wrong, message in candidates:
        if wrong is None or np.shape(wrong) != np.shape(right):
            continue
        if close_to(wrong, right):  # this mistake would give the right value here
            continue
        if close_to(answer, wrong):
            return Verdict(False, answer, code, message)
    if close_to(answer, right, rtol=CLOSE_TOLERANCE, atol=ABSOLUTE_TOLERANCE):
        return Verdict(False, answer, "close", _text("close"))
    return Verdict(False, answer, "unusual", _text("unusual"))


def working(question: Question, narration: Narration, tr: Tr = str) -> list[str]:
    """The right working for the reveal: the narration of the step (for a backward
    question, of its own contribution), with numbers, in ``tr``'s language."""
    step = question.step
    if isinstance(step, ForwardStep):
        return [forward_text(step, tr)]
    if isinstance(step, TangentStep):
        return narration.tangent_lines(step, tr)
    c = question.contribution
    own = dataclasses.replace(step, contributions=(c,)) if c is not None else step
    return narration.backward_lines(own, tr, seed=False)


# -- scores ------------------------------------------------------------------------------

@dataclass
class PassScore:
    """How the questions of one pass went: right on the first try, on the second, revealed."""

    first: int = 0
    second: int = 0
    revealed: int = 0

    @property
    def total(self) -> int:
        return self.first + self.second + self.revealed

    def add(self, outcome: str) -> None:
        """Count one settled question (``outcome`` one of ``OUTCOMES``)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        setattr(self, outcome, getattr(self, outcome) + 1)

    def text(self) -> Text:
        """``3 of 5 right on the first try, 1 on the second, 1 revealed`` (translatable)."""
        return _text("score", first=self.first, total=self.total, second=self.second,
                     revealed=self.revealed)

    def as_dict(self) -> dict[str, int]:
        return {"first": self.first, "second": self.second, "revealed": self.revealed}

    @classmethod
    def from_dict(cls, data: Any) -> PassScore:
        """A score from stored JSON (anything unreadable counts as 0)."""
        if not isinstance(data, dict):
            return cls()
        values = []
        for key in OUTCOMES:
            v = data.get(key, 0)
            values.append(v if isinstance(v, int) and not isinstance(v, bool) and v >= 0
                          else 0)
        return cls(*values)

    def better_than(self, other: PassScore) -> bool:
        """More right on the first try (as a share of the questions), then on the second."""
        def share(s: PassScore) -> tuple[float, float]:
            n = max(1, s.total)
            return (s.first / n, (s.first + s.second) / n)
        return share(self) > share(other)


@dataclass
class LessonScores:
    """What predict mode keeps for one lesson: passes finished, the last and the best."""

    passes: int = 0
    last: PassScore = field(default_factory=PassScore)
    best: PassScore = field(default_factory=PassScore)

    def add(self, score: PassScore) -> None:
        """A finished pass (one with at least one question)."""
        if score.total == 0:
            return
        self.passes += 1
        self.last = dataclasses.replace(score)
        if self.passes == 1 or score.better_than(self.best):
            self.best = dataclasses.replace(score)

    def as_dict(self) -> dict[str, Any]:
        return {"passes": self.passes, "last": self.last.as_dict(),
                "best": self.best.as_dict()}


def scores_from_json(text: str) -> dict[str, LessonScores]:
    """Lesson id -> ``LessonScores`` from the stored JSON ({} for anything unreadable)."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    found = {}
    for lesson, entry in data.items():
        if not isinstance(lesson, str) or not isinstance(entry, dict):
            continue
        passes = entry.get("passes", 0)
        found[lesson] = LessonScores(
            passes if isinstance(passes, int) and passes >= 0 else 0,
            PassScore.from_dict(entry.get("last")), PassScore.from_dict(entry.get("best")))
    return found


def scores_to_json(scores: Mapping[str, LessonScores]) -> str:
    return json.dumps({k: v.as_dict() for k, v in sorted(scores.items())},
                      ensure_ascii=False, sort_keys=True)
