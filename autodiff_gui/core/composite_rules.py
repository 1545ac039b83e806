"""A composite block's fused derivative, written by the student, checked like gradcheck.

A fused rule is text in the expression language for one block input: the gradient the
block sends to that input, in terms of the block's inputs and ``upstream`` (the
gradient arriving at the block's output).  A rule that does not mention ``upstream``
is the local derivative ∂out/∂input and is multiplied by ``upstream`` (then summed back
to the input's shape, as the engine does for broadcasting): ``sigmoid(x)`` is a fine
rule for ``softplus(x) = log(1 + exp(x))``.

``check_rules`` compares each rule with the block's expanded graph, run backward by the
engine (the block's VJP), at the current point and at a few random points near it,
with a random upstream gradient too: the way ``torch.autograd.gradcheck`` checks a
custom ``torch.autograd.Function``'s backward against its forward.  Points where the
block itself cannot be evaluated (out of its domain) are skipped.

Qt-free.  Messages are English templates (``MESSAGES``, context "composite_rules").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import expr
from .composite import UPSTREAM, CompositeDef, _body_with
from .engine import EvalError, compile_graph, unbroadcast
from .graph import Document, GraphError, Text

# gradcheck-like tolerances: both sides are exact derivatives, so they are tight.
ATOL = 1e-8
RTOL = 1e-6
RANDOM_POINTS = 3
MAX_TRIES = 30  # random points drawn before giving up on finding enough in the domain

MESSAGES: dict[str, str] = {
    "parse": "block {name}: the fused rule for {input!r}: {reason}",
    "unknown_name": "block {name}: the fused rule for {input!r} uses {other!r}, which is "
                    "neither an input of the block nor {upstream!r}",
    "pass": "{input}: the rule agrees with the block's graph at {points} point(s) "
            "(largest difference {error})",
    "fail": "{input}: the rule gives {got} where the block's graph gives {expected} "
            "(at {point}, upstream {upstream})",
    "no_rule": "{input}: no fused rule written; the block's graph is used",
    "error": "{input}: the rule cannot be evaluated at {point}: {reason}",
    "shape": "{input}: the rule's value has shape {got}, the input has shape {expected}",
    "no_point": "the block cannot be evaluated near this point: {reason}",
}


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "composite_rules", **params)


def parse_rule(defn: CompositeDef, input_name: str) -> Document:
    """The document of ``defn``'s rule for ``input_name`` (GraphError if it is not valid)."""
    text = defn.rules[input_name]
    try:
        doc = expr.parse(text)
    except expr.ParseError as exc:
        raise GraphError(_msg("parse", name=defn.name, input=input_name,
                              reason=exc.message)) from None
    allowed = set(defn.inputs) | {UPSTREAM}
    for other in doc.inputs():
        if other not in allowed:
            raise GraphError(_msg("unknown_name", name=defn.name, input=input_name,
                                  other=other, upstream=UPSTREAM))
    return doc


def check_rule_texts(defn: CompositeDef) -> None:
    """Raise GraphError if a rule of ``defn`` does not parse or uses an unknown name."""
    for name in defn.rules:
        parse_rule(defn, name)


@dataclass(frozen=True)
class RuleVerdict:
    """One input's verdict: ``pass``, ``fail``, ``error`` (the rule cannot be
    evaluated) or ``no_rule``; ``message`` says it in words with the numbers."""

    input: str
    verdict: str
    points: int
    max_abs_error: float
    message: Text


@dataclass(frozen=True)
class RuleReport:
    """Every input's verdict; ``passed`` when every written rule passes."""

    block: str
    verdicts: tuple[RuleVerdict, ...]

    @property
    def passed(self) -> bool:
        return all(v.verdict in ("pass", "no_rule") for v in self.verdicts)


def _fmt(v: Any) -> str:
    from .values import format_value
    return format_value(v)


def _points(base: Mapping[str, Any], names: tuple[str, ...], count: int,
            rng: np.random.Generator) -> list[dict[str, Any]]:
    """``base`` and ``count`` random points near it (a relative spread of about 0.5)."""
    out = [dict(base)]
    for _ in range(count):
        p = {}
        for n in names:
            v = base[n]
            noise = rng.normal(0.0, 0.5, np.shape(v)) * np.maximum(1.0, np.abs(v))
            p[n] = float(v + noise) if np.ndim(v) == 0 else np.asarray(v) + noise
        out.append(p)
    return out


def block_vjp(body: Document, point: Mapping[str, Any], upstream: Any
              ) -> tuple[Any, dict[str, Any]]:
    """The block's value and the gradient it sends to each input (the expanded graph)."""
    return compile_graph(body).gradient(point, upstream)


def check_rules(defn: CompositeDef, known: Mapping[str, CompositeDef],
                point: Mapping[str, Any] | None = None, *, upstream: Any = None,
                random_points: int = RANDOM_POINTS, seed: int = 0) -> RuleReport:
    """Check every fused rule of ``defn`` against its expanded graph (see the module doc).

    ``known``: the definitions the body may use; ``point``: the block inputs' values
    (default: the body's stored values); ``upstream``: the gradient at the block's
    output (default ones).  Deterministic for a given ``seed``.
    """
    body = _body_with(defn, known)
    base = dict(body.input_values())
    if point:
        base.update({k: v for k, v in point.items() if k in base})
    rng = np.random.default_rng(seed)
    names = defn.inputs
    trials: list[tuple[dict[str, Any], Any, Any, dict[str, Any]]] = []
    reason: str = ""
    candidates = _points(base, names, 0, rng)
    tries = 0
    while len(trials) < random_points + 1 and tries <= MAX_TRIES:
        if not candidates:
            candidates = _points(base, names, 1, rng)[1:]
            tries += 1
        p = candidates.pop(0)
        try:
            out = compile_graph(body).evaluate(p)
            u = (upstream if upstream is not None and not trials else
                 1.0 if not trials and np.ndim(out) == 0 else
                 np.ones(np.shape(out)) if not trials else
                 float(rng.normal()) if np.ndim(out) == 0 else rng.normal(size=np.shape(out)))
            _value, grads = block_vjp(body, p, u)
        except EvalError as exc:
            reason = str(exc.message)
            continue
        trials.append((p, u, out, grads))
    verdicts = []
    for name in names:
        if name not in defn.rules:
            verdicts.append(RuleVerdict(name, "no_rule", 0, 0.0, _msg("no_rule", input=name)))
            continue
        if not trials:
            verdicts.append(RuleVerdict(name, "error", 0, 0.0,
                                        _msg("no_point", reason=reason)))
            continue
        verdicts.append(_check_one(defn, name, trials))
    return RuleReport(defn.name, tuple(verdicts))


def _check_one(defn: CompositeDef, name: str,
               trials: list[tuple[dict[str, Any], Any, Any, dict[str, Any]]]) -> RuleVerdict:
    try:
        rule = parse_rule(defn, name)
    except GraphError as exc:
        return RuleVerdict(name, "error", 0, 0.0, exc.message)  # type: ignore[arg-type]
    program = compile_graph(rule)
    uses_upstream = UPSTREAM in rule.inputs()
    worst = 0.0
    for p, u, _out, grads in trials:
        where = ", ".join(f"{k} = {_fmt(v)}" for k, v in p.items())
        values = {k: v for k, v in p.items() if k in rule.inputs()}
        if uses_upstream:
            values[UPSTREAM] = u
        try:
            got = program.evaluate(values)
            if not uses_upstream:
                got = np.multiply(u, got)
        except EvalError as exc:
            return RuleVerdict(name, "error", 0, worst, _msg("error", input=name, point=where,
                                                             reason=exc.message))
        expected = grads[name]
        shape = np.shape(expected)
        try:
            if np.shape(got) != shape:
                got = unbroadcast(np.broadcast_to(got, np.broadcast_shapes(np.shape(got),
                                                                           shape)), shape)
            if np.shape(got) != shape:
                raise ValueError
        except ValueError:
            return RuleVerdict(name, "fail", 0, worst, _msg(
                "shape", input=name, got=str(np.shape(got)), expected=str(shape)))
        err = np.abs(np.asarray(got, dtype=float) - np.asarray(expected, dtype=float))
        worst = max(worst, float(np.max(err)))
        if not np.all(err <= ATOL + RTOL * np.abs(expected)):
            return RuleVerdict(name, "fail", len(trials), worst, _msg(
                "fail", input=name, got=_fmt(got if np.ndim(got) else float(got)),
                expected=_fmt(expected), point=where, upstream=_fmt(u)))
    return RuleVerdict(name, "pass", len(trials), worst,
                       _msg("pass", input=name, points=len(trials), error=f"{worst:.1e}"))
