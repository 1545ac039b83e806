"""What a gradient check and an error-vs-h sweep return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class InputCheck:
    """Every estimate and the verdict for one input element."""

    name: str
    index: tuple[int, ...]  # () for a scalar input
    value: float
    analytic: float  # the engine's reverse-mode gradient (nan if the engine failed)
    forward: float | None
    backward: float | None
    central: float | None
    richardson: float | None
    complex_step: float | None
    complex_reason: str | None  # why complex_step is None
    verdict: str  # pass, fail, kink or unavailable
    note: str
    abs_error: float | None  # |analytic − numerical| for the verdict's numerical value
    rel_error: float | None
    digits: float | None  # −log10(rel_error), capped at 16
    numerical: float | None = None  # the value the verdict compared against
    numerical_method: str = "gradcheck"  # gradcheck (central, h = eps) or complex_step
    steps: dict[str, float] = field(default_factory=dict)  # representable steps used
    unavailable: dict[str, str] = field(default_factory=dict)  # method -> reason
    digits_by: dict[str, float | None] = field(default_factory=dict)  # per method


@dataclass
class CheckResult:
    """A whole gradient check: one InputCheck per input element."""

    inputs: list[InputCheck]
    tolerances: dict[str, float]  # eps, atol, rtol
    h: dict[str, float | str]  # per method: the user's step, or the default rule
    complex_available: bool
    complex_reason: str | None
    passed: bool  # every verdict is pass or kink (and not cancelled)
    cancelled: bool = False
    value: Any = None  # the output at the point
    total: int = 0  # input elements to check (len(inputs) < total if cancelled)


@dataclass
class Sweep:
    """Error against step size for one input element: what the error-vs-h plot needs."""

    name: str
    index: tuple[int, ...]
    x: float
    reference: float  # the engine's reverse-mode gradient
    hs: np.ndarray  # nominal steps, descending
    errors: dict[str, np.ndarray]  # per method; relative (absolute if reference is 0);
    #                                nan where the step vanished or the evaluation failed
    optimum: dict[str, float]  # the theoretical best step per method
    complex_reason: str | None  # why errors has no "complex_step"
    estimates: dict[str, np.ndarray] = field(default_factory=dict)
    relative: bool = True
