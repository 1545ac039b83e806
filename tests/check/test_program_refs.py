"""Random programs of named steps against PyTorch (≤ 1e-10) and central differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings

from autodiff_gui.check import finite_diff, torch_ref
from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.expr import parse

from ..core.test_program import INPUT_VALUES, programs

pytestmark = pytest.mark.skipif(not torch_ref.torch_status()[0],
                                reason="PyTorch is not installed")


# Many random programs fall outside a domain or mix shapes: those are skipped.
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(programs())
def test_random_programs_agree_with_pytorch_and_central_differences(case) -> None:
    text, _inlined = case
    program = compile_graph(parse(text, INPUT_VALUES))
    try:
        value, grads = program.gradient()
    except (EvalError, ValueError):
        assume(False)  # outside a domain, or shapes that do not fit: nothing to compare
    assume(all(np.all(np.isfinite(g)) for g in grads.values()) and np.all(np.isfinite(value)))
    result = torch_ref.compare(program)
    assert result.available and result.error is None, (text, result.error)
    scale = max(1.0, float(np.max(np.abs(value))),
                *(float(np.max(np.abs(g))) for g in grads.values()))
    np.testing.assert_allclose(result.value, value, rtol=1e-10, atol=1e-10 * scale)
    for name, g in grads.items():
        np.testing.assert_allclose(result.gradient[name], g, rtol=1e-10, atol=1e-10 * scale)
    # Above ~1e6 the output's rounding (its ulp / h) swamps a small gradient's central
    # difference: gradcheck itself cannot judge there (exp(x + 17) beside y).
    assume(float(np.max(np.abs(value))) < 1e6)
    check = finite_diff.check_gradients(program)
    assert all(c.verdict in ("pass", "kink", "unavailable") for c in check.inputs), text
