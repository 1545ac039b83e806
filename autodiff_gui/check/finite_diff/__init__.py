"""Numerical derivatives: the reference the engine's gradients are checked against.

Five estimates per input element, all of the weighted output F = Σ upstream·f (the
quantity ``Program.gradient(values, upstream)`` differentiates):

* forward  (F(x+h) − F(x)) / Δ,        h = √ε·max(1,|x|)      (error ~1e-8)
* backward (F(x) − F(x−h)) / Δ,        h = √ε·max(1,|x|)
* central  (F(x+h) − F(x−h)) / Δ,      h = ε^(1/3)·max(1,|x|) (error ~1e-11)
* Richardson: central differences D(h) and D(h/2) combined to cancel the h² term,
  (4·D(h/2) − D(h))/3 — the same as the 5-point stencil — with h = ε^(1/5)·max(1,|x|),
  the step that balances its h⁴ truncation against round-off (error ~1e-13)
* complex step Im F(x + ih) / h,       h = 1e-20              (error ~1e-16)

Δ is always the representable step ((x+h) − x, or (x+h) − (x−h)), never the nominal h;
the Richardson weights use the representable half-steps too.  The complex step needs
every operation on the path to be analytic (abs and relu are not).

The function is evaluated through the compiled program itself: a small walker runs
``program.ops`` / ``program.args`` with each op's own ``forward_a`` kernel over a batch
of "lanes" (one perturbed point per lane, stacked on a new leading axis), so a whole
check is a few vectorised passes instead of one call per point.  Elementwise ops take
the whole batch at once; reductions and matmul take it lane by lane (same kernel).  The
same walker, on complex128 values, is the complex-evaluation entry point.  A lane that
turns non-finite is re-evaluated with ``Program.evaluate`` so the engine's own
``EvalError`` names the node; the method that needed it is reported unavailable.

The verdict follows ``torch.autograd.gradcheck``: |a − n| ≤ atol + rtol·|n|, n a central
difference with the absolute step eps.  Where the point sits on a kink (relu, abs at 0)
or a domain edge (sqrt at 0), or the ±eps step crosses one, the verdict is "kink" with
PyTorch's convention spelled out instead of a failure.

Notes and reasons are English ``Text`` values made from ``MESSAGES`` (Qt context
"check"), so the UI can say them in another language; as strings they are the English.
"""

# The package's parts: messages (MESSAGES, message), estimates (the five methods on
# callables), results (the dataclasses), lanes (the batched walker), checker
# (check_gradients, error_sweep) and report (to_json).
from .checker import check_gradients, error_sweep
from .estimates import (
    COMPLEX_H,
    EPS,
    MAX_DIGITS,
    METHODS,
    STEP_RULE,
    STEP_SCALE,
    backward_difference,
    central_difference,
    complex_step,
    default_step,
    forward_difference,
    richardson,
)
from .lanes import complex_reason, evaluate_complex
from .messages import MESSAGES, message
from .report import to_json
from .results import CheckResult, InputCheck, Sweep

__all__ = ["COMPLEX_H", "EPS", "MAX_DIGITS", "MESSAGES", "METHODS", "STEP_RULE",
           "STEP_SCALE", "CheckResult", "InputCheck", "Sweep", "backward_difference",
           "central_difference", "check_gradients", "complex_reason", "complex_step",
           "default_step", "error_sweep", "evaluate_complex", "forward_difference",
           "message", "richardson", "to_json"]
