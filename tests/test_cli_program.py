"""The command line with programs of named steps (issue 13): --expr, --report, --emit,
--save/--load; the --json contract for plain expressions unchanged."""

from __future__ import annotations

import json

import pytest

from autodiff_gui.cli import main

SEED = "(x**2 + 2*x) * log(y)"
PROGRAM = "a = x**2; b = 2*x; c = a + b; d = log(y); z = c*d"
OWN = "sq = x**2\nlin = 2*x\ns = sq + lin\nlg = log(y)\nout = s*lg"


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_program_json_gives_the_plain_expressions_numbers(capsys) -> None:
    _, plain = run(capsys, "--expr", SEED, "--at", "x=1", "y=2", "--json")
    plain = json.loads(plain)
    for text in (PROGRAM, OWN):
        code, out = run(capsys, "--expr", text, "--at", "x=1", "y=2", "--json")
        obj = json.loads(out)
        assert code == 0
        for key in ("value", "gradient", "forward_mode", "steps", "inputs"):
            assert obj[key] == plain[key], key
        assert obj["finite_difference"]["gradient"] == pytest.approx(
            plain["finite_difference"]["gradient"], rel=1e-12)
        assert obj["torch"]["gradient"] == pytest.approx(plain["torch"]["gradient"],
                                                          rel=1e-15)
        assert obj["comparison"]["verdict"] == "pass"
    # the steps keep their names: the program printed back, PyTorch's grad_fn by name
    assert obj["expression"] == "sq = x**2; lin = 2 * x; s = sq + lin; lg = log(y); out = s * lg"
    assert set(obj["torch"]["grad_fn"]) == {"sq", "lin", "s", "lg", "out"}
    assert plain["expression"] == SEED  # a plain expression: as before


def test_program_report_emit_save_and_load(capsys, tmp_path) -> None:
    code, out = run(capsys, "--expr", OWN, "--at", "x=1", "y=2", "--report", "--no-torch")
    assert code == 0
    assert out.splitlines()[0].startswith("sq = x**2; lin = 2 * x;")
    assert "  contribution to x through lin (second argument): ∂f/∂lin·∂lin/∂x = " \
           "0.6931·2 = 1.3863" in out.splitlines()
    code, script = run(capsys, "--expr", OWN, "--at", "x=1", "y=2", "--emit", "torch")
    assert code == 0 and "lin = " in script and "sq = " in script
    path = tmp_path / "own.adgraph.json"
    assert run(capsys, "--expr", OWN, "--at", "x=1", "y=2", "--save", str(path))[0] == 0
    code, out = run(capsys, "--load", str(path), "--json", "--no-torch")
    assert json.loads(out)["expression"].startswith("sq = x**2;")


def test_program_parse_error_has_its_position(capsys) -> None:
    code, out = run(capsys, "--expr", "a = x*2; a = a + 1", "--at", "x=1", "--json")
    assert code == 2
    error = json.loads(out)["error"]
    assert error["kind"] == "parse" and (error["position"], error["end"]) == (9, 10)
    assert error["message"].startswith("a is assigned twice")
