"""Step records: what each backward, forward and tangent step holds."""

from __future__ import annotations

import dataclasses

import pytest

from autodiff_gui.core.engine import Stepper, compile_graph
from autodiff_gui.core.steps import (
    BackwardStep,
    Contribution,
    ForwardStep,
    TangentStep,
    record_maker,
)

from .helpers import seed_doc


def _seed_records(upstream: float = 1.0) -> list:
    stepper = Stepper(compile_graph(seed_doc()), upstream=upstream)
    stepper.run_to_end()
    return stepper.records


def test_contribution_records_hold_everything() -> None:
    doc = seed_doc()
    records = _seed_records()
    z = records[9]
    assert isinstance(z, BackwardStep)
    assert (z.node, z.label, z.op, z.arg_labels, z.value, z.dout) == (
        9, "z", "mul", ("c", "d"), records[8].value, 1.0)
    c_in, d_in = z.contributions
    assert (c_in.slot, c_in.source, c_in.source_label, c_in.local_text) == (0, 6, "c", "d")
    assert c_in.formula == "∂(α·β)/∂α = β" and c_in.local == records[7].value
    assert (d_in.slot, d_in.source, d_in.local, d_in.amount) == (1, 8, 3.0, 3.0)
    assert doc.output == 9
    x = records[0]
    assert isinstance(x, ForwardStep) and x.kind == "input" and x.pass_name == "forward"
    assert records[2].arg_nodes == (1, 2) and records[2].arg_values == (1.0, 2.0)
    assert records[2].template == "{out} = {0} ** {1}"
    assert z.pass_name == "backward"


def test_record_maker_makes_ordinary_frozen_records() -> None:
    make = record_maker(Contribution)
    a = make(0, 1, "x", 2.0, "d", "f", 3.0, None, 3.0)
    b = Contribution(0, 1, "x", 2.0, "d", "f", 3.0, None, 3.0)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.amount = 4.0  # type: ignore[misc]
    assert dataclasses.replace(a, amount=5.0).amount == 5.0
    for cls in (ForwardStep, BackwardStep, Contribution, TangentStep):
        fields = dataclasses.fields(cls)
        values = tuple(range(len(fields)))
        assert record_maker(cls)(*values) == cls(*values)
