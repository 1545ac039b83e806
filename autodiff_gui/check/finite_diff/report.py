"""The command-line shape of a gradient check: plain JSON types."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .results import CheckResult, InputCheck


def _json_number(v: Any) -> float | None:
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def _by_name(result: CheckResult, get: Callable[[InputCheck], Any]) -> dict[str, Any]:
    """{name: value} with arrays as nested lists in their shape."""
    grouped: dict[str, list[InputCheck]] = {}
    for c in result.inputs:
        grouped.setdefault(c.name, []).append(c)
    out: dict[str, Any] = {}
    for name, checks in grouped.items():
        if len(checks) == 1 and checks[0].index == ():
            out[name] = get(checks[0])
            continue
        shape = tuple(max(c.index[d] for c in checks) + 1 for d in range(len(checks[0].index)))
        arr = np.empty(shape, dtype=object)
        for c in checks:
            arr[c.index] = get(c)
        out[name] = arr.tolist()
    return out


def to_json(result: CheckResult) -> dict[str, Any]:
    """The command-line report: plain JSON types, arrays as nested lists, nan as null."""
    report: dict[str, Any] = {
        "method": "central",
        "h": _by_name(result, lambda c: _json_number(c.steps.get("central"))),
        "gradient": _by_name(result, lambda c: _json_number(c.central)),
        "analytic": _by_name(result, lambda c: _json_number(c.analytic)),
    }
    if result.complex_available:
        report["complex_step"] = _by_name(result, lambda c: _json_number(c.complex_step))
    else:
        report["complex_step"] = {"unavailable": result.complex_reason}
    report["verdict"] = _by_name(result, lambda c: c.verdict)
    # Agreement of the reported (central) gradient with the engine's.
    report["digits"] = _by_name(result, lambda c: _json_number(c.digits_by.get("central")))
    notes = _by_name(result, lambda c: c.note or None)
    report["notes"] = {k: v for k, v in notes.items() if any(_flatten(v))}
    report["tolerances"] = dict(result.tolerances)
    report["passed"] = result.passed
    report["cancelled"] = result.cancelled
    return report


def _flatten(v: Any) -> list[Any]:
    if isinstance(v, list):
        return [y for x in v for y in _flatten(x)]
    return [v]
