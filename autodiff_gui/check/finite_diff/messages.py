"""The English templates of the finite-difference notes and reasons (Qt context "check")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...core.engine import EvalError
from ...core.graph import Text

# Ops whose derivative has a kink or an infinite edge at an argument of 0 say so in
# the op table (``Op.kink``: the kind, and what PyTorch returns there).
# The English templates of the notes and reasons (translated in context "check").
MESSAGES: dict[str, str] = {
    "step_vanished": "the step vanished in rounding",
    "step_overflow": "x ± h overflows: it is beyond the largest floating-point number",
    "at_node": "{op} at node {node}",
    "the_output": "the output",
    "not_analytic": "{where} is not analytic: complex step unavailable",
    "complex_not_finite": "the complex evaluation is not finite at {where}",
    "error_at": "{location}: {reason}",
    "kink_at_zero": "{where} has its argument at 0, its kink: the derivative does not exist "
                    "there. PyTorch's convention (followed here) is {convention}.",
    "edge_at_zero": "{where} has its argument at 0, the edge of its domain: the derivative "
                    "is infinite there (PyTorch returns {convention}).",
    "near_kink": "the argument of {where} is within h = {h} of 0, where it has a kink: the "
                 "differences straddle it, so they cannot confirm the derivative here.",
    "near_edge": "the argument of {where} is within h = {h} of 0, where it has a domain "
                 "edge: the differences straddle it, so they cannot confirm the derivative "
                 "here.",
    # The same, for a kink or edge elsewhere than at an argument of 0 ({place}: "α = β").
    "kink_at_zero_place": "{where} sits on its kink ({place}): the derivative does not "
                          "exist there. PyTorch's convention (followed here) is "
                          "{convention}.",
    "edge_at_zero_place": "{where} sits on the edge of its domain ({place}): the derivative "
                          "is infinite there (PyTorch returns {convention}).",
    "near_kink_place": "{where} is within h = {h} of its kink ({place}): the differences "
                       "straddle it, so they cannot confirm the derivative here.",
    "near_edge_place": "{where} is within h = {h} of the edge of its domain ({place}): the "
                       "differences straddle it, so they cannot confirm the derivative here.",
    "complex_instead": "the central difference with h = eps is unavailable ({reason}); "
                       "checked against the complex step instead.",
    "engine_stops": "(the engine stops there: {reason})",
    "engine_failed": "the engine's gradient failed: {error}",
    "no_numerical": "no numerical derivative here: {reason}",
    "too_far": "|analytic − numerical| = {error} > atol + rtol·|n| = {bound}",
    "step_crosses": "the {method} step crosses the kink at node {nodes}: that estimate is "
                    "unreliable.",
    "unknown_method": "unknown method {method!r}; known: {known}",
    "bad_step": "the step for {method} must be a positive number, not {step}",
    "bad_eps": "eps must be a positive number",
    "no_element": "{name} has no element {index}",
    # Method names inside the notes.
    "method_forward": "forward",
    "method_backward": "backward",
    "method_central": "central",
    "method_richardson": "richardson",
    "method_gradcheck": "gradcheck",
}


def message(code: str, /, **params: Any) -> Text:
    """The message ``MESSAGES[code]`` filled with ``params``, as a translatable Text."""
    return Text(MESSAGES[code], "check", **params)


def _error_text(exc: EvalError) -> Text:
    """``str(exc)`` (``d = log(-1): reason``) as a Text that keeps the reason's template."""
    return message("error_at", location=exc.location(), reason=exc.message)


def _joined(notes: Sequence[str]) -> str:
    """``" ".join(notes)``, keeping every note's translation (the layout is not text)."""
    if len(notes) < 2:
        return notes[0] if notes else ""
    params = {f"n{k}": note for k, note in enumerate(notes)}
    return Text(" ".join(f"{{{key}}}" for key in params), "check", **params)
