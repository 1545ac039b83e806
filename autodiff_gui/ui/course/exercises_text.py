"""The exercises' feedback in words: a ``Verdict`` (``course.answers``) as a sentence.

The diagnosis of a typical mistake comes with the exercise (its file is in the
student's language); the rest is said here, in the translation context "Exercises".
With answers hidden (a teacher's switch) no sentence states the right answer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ...course.answers import Verdict
from ..app.i18n import translate_text

GOOD = "#1b7f3b"  # feedback colours: readable on light and dark backgrounds
BAD = "#c0392b"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Exercises", text)


def _num(v: Any) -> str:
    return f"{float(v):.6g}"


def feedback(verdict: Verdict, explain: str = "", hide_answers: bool = False) -> str:
    """The sentence for ``verdict`` (plain text; ✓ or ✗ first when it judges)."""
    p = dict(verdict.params)
    code = verdict.code
    if code == "correct":
        text = _tr("✓ Right.")
        return f"{text} {explain}".strip()
    if code == "mistake":
        return _tr("✗ Not quite. {why}").format(why=verdict.why)
    if code == "wrong":
        if "point" in p:
            if hide_answers:
                return _tr("✗ At {point} your graph gives {answer}, which is not the "
                           "derivative there.").format(point=p["point"], answer=_num(p["answer"]))
            return _tr("✗ At {point} your graph gives {answer}; the derivative there is "
                       "{expected}.").format(point=p["point"], answer=_num(p["answer"]),
                                             expected=_num(p["expected"]))
        return _tr("✗ {answer} is not right, and not one of the usual mistakes. A hint may "
                   "help.").format(answer=_num(p["answer"]))
    messages = {
        "empty": _tr("Type a number first (an expression such as 2*log(2) works too)."),
        "unreadable": _tr("That is not a number the app can read: {reason}"),
        "has_names": _tr("Only numbers here: {names} cannot be used in an answer."),
        "no_choice": _tr("Pick one of the answers first."),
        "canvas_empty": _tr("The canvas is empty: build the derivative there first."),
        "canvas_inputs": _tr("Your graph has the input {names}; use only {allowed}."),
        "canvas_not_number": _tr("Your graph's output is an array; it should be one number."),
        "canvas_error": _tr("Your graph cannot be evaluated at the check points: {reason}"),
        "bug_fine": _tr("✗ Node {node} is fine: its local derivatives agree with the "
                        "numerical check ({checks})."),
        "bug_unknown": _tr("Choose one of the nodes: {names}."),
    }
    if "reason" in p:
        p["reason"] = translate_text(p["reason"])
    return messages[code].format(**p)


def color_for(verdict: Verdict) -> str:
    """Green for right, red for a judged wrong answer, none for "cannot check"."""
    if verdict.correct:
        return GOOD
    return BAD if verdict.code in ("mistake", "wrong", "bug_fine") else ""


def kind_name(kind: str) -> str:
    """An exercise kind in words."""
    return {"number": _tr("Compute"), "canvas": _tr("Build on the canvas"),
            "choice": _tr("Choose"), "bug": _tr("Find the bug")}[kind]
