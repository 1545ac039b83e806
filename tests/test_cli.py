"""The command line is a contract: JSON keys, report lines, exit codes, error objects."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from autodiff_gui.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = "(x**2 + 2*x) * log(y)"


def run_json(capsys, *argv):
    code = main(list(argv) + ["--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_seed_json_is_the_golden_example(capsys):
    code, obj = run_json(capsys, "--expr", SEED, "--at", "x=1", "y=2", "--no-torch")
    assert code == 0
    assert obj["value"] == pytest.approx(3 * math.log(2), abs=1e-15)
    assert obj["gradient"]["x"] == pytest.approx(4 * math.log(2), abs=1e-15)
    assert obj["gradient"]["y"] == pytest.approx(1.5, abs=1e-15)
    assert obj["forward_mode"] == pytest.approx(obj["gradient"], abs=1e-15)
    assert obj["upstream"] == 1.0
    assert obj["inputs"] == {"x": 1.0, "y": 2.0}
    assert obj["steps"] == {"forward": 9, "backward": 5}
    assert obj["expression"].replace(" ", "") == SEED.replace(" ", "")
    fd = obj["finite_difference"]
    assert fd["method"] == "central"
    assert fd["gradient"]["y"] == pytest.approx(1.5, rel=1e-9)
    assert set(fd["verdict"].values()) == {"pass"}
    assert obj["torch"] == {"available": False, "reason": "skipped (--no-torch)"}


def test_upstream_two_doubles_reverse_mode_only(capsys):
    _, obj = run_json(capsys, "--expr", SEED, "--at", "x=1", "y=2", "--upstream", "2",
                      "--no-torch")
    assert obj["gradient"]["x"] == pytest.approx(2 * 4 * math.log(2), abs=1e-14)
    assert obj["gradient"]["y"] == pytest.approx(3.0, abs=1e-15)
    assert obj["forward_mode"]["y"] == pytest.approx(1.5, abs=1e-15)  # unscaled
    assert obj["upstream"] == 2.0


def test_torch_field_agrees_with_engine(capsys):
    _, obj = run_json(capsys, "--expr", SEED, "--at", "x=1", "y=2")
    t = obj["torch"]
    assert t["available"] is True
    assert t["version"].startswith("2.")
    assert t["value"] == pytest.approx(obj["value"], rel=1e-12)
    assert t["gradient"]["x"] == pytest.approx(obj["gradient"]["x"], rel=1e-12)
    assert t["gradient"]["y"] == pytest.approx(obj["gradient"]["y"], rel=1e-12)


def test_arrays_as_json_values(capsys):
    code, obj = run_json(capsys, "--expr", "sum(W @ v)", "--at", "W=[[1,2],[3,4]]",
                         "v=[1,-1]", "--no-torch")
    assert code == 0
    assert obj["value"] == pytest.approx(-2.0)
    assert obj["gradient"]["W"] == [[1.0, -1.0], [1.0, -1.0]]
    assert obj["gradient"]["v"] == [4.0, 6.0]
    assert obj["forward_mode"]["v"] == [4.0, 6.0]


def test_report_speaks_the_seed_notebook(capsys):
    assert main(["--expr", SEED, "--at", "x=1", "y=2", "--report", "--no-torch"]) == 0
    out = capsys.readouterr().out
    assert "forward pass f(x) = 2.079442" in out
    assert "backward pass dx = 2.772589, dy = 1.500000" in out
    assert "∂f/∂c = ∂f/∂z·∂z/∂c = 1·0.6931 = 0.6931" in out
    assert "∂f/∂x accumulated: 1.3863 + 1.3863 = 2.7726  (all 2 contributions)" in out
    assert "verdict" in out and "pass" in out


def _table_rows(out: str) -> dict[str, list[str]]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("input "))
    rows = {}
    for line in lines[start + 1:]:
        cells = line.split()
        if len(cells) == 9:
            rows[cells[0]] = cells
    return rows


@pytest.mark.parametrize("upstream", ["2", "[2, 5]"])
def test_report_compares_forward_mode_scaled_like_the_engine(capsys, upstream):
    # The notebook's last cell uses an upstream gradient of 2: forward mode must be
    # compared with the same weighted quantity, not reported as a 100 % error.
    assert main(["--expr", "x * y", "--at", "x=[1, 2]", "y=3", "--upstream", upstream,
                 "--report", "--no-torch"]) == 0
    rows = _table_rows(capsys.readouterr().out)
    assert set(rows) == {"x[0]", "x[1]", "y"}
    for cells in rows.values():
        assert cells[1] == cells[2]  # engine == forward mode
        assert float(cells[6]) < 1e-6 and float(cells[7]) < 1e-6
        assert cells[8] == "pass"


def test_report_result_lines_stay_readable_for_tiny_and_huge_numbers(capsys):
    assert main(["--expr", "sqrt(x)", "--at", "x=1e-300", "--report", "--no-torch"]) == 0
    out = capsys.readouterr().out
    assert "forward pass f(x) = 1.000000e-150" in out
    assert "backward pass dx = 5.000000e+149" in out
    assert main(["--expr", "sum(W @ v) * mean(v)", "--at", "W=[[1,2],[3,4]]", "v=[1,-1]",
                 "--report", "--no-torch"]) == 0
    out = capsys.readouterr().out
    assert "forward pass f(x) = 0.000000" in out and "-0.0" not in out and " -0 " not in out


@pytest.mark.parametrize("argv, kind, code", [
    (["--expr", "x +* y", "--at", "x=1", "y=2"], "parse", 2),
    (["--expr", "foo(x)", "--at", "x=1"], "parse", 2),
    (["--expr", "x * y", "--at", "x=1"], "input", 2),
    (["--expr", "x * y", "--at", "x=1", "y=abc"], "input", 2),
    (["--expr", "x * y", "--at", "x=1", "y=2", "z=3"], "input", 2),
    (["--expr", "x", "--at", "x=nan"], "input", 2),
    (["--expr", "x*log(y)", "--at", "x=1", "y=-1"], "domain", 3),
    (["--expr", "x + y", "--at", "x=[1,2]", "y=[1,2,3]"], "shape", 3),
    (["--load", "/nonexistent/file.json"], "input", 2),
    (["--expr", "x", "--at", "x=1", "--upstream", "[1,2]"], "input", 2),
])
def test_errors_are_objects_with_exit_codes(capsys, argv, kind, code):
    got_code, obj = run_json(capsys, *argv, "--no-torch")
    assert got_code == code
    assert obj["error"]["kind"] == kind
    assert obj["error"]["message"]


def test_parse_error_has_position(capsys):
    _, obj = run_json(capsys, "--expr", "x + (y * ", "--at", "x=1", "y=2")
    assert obj["error"]["kind"] == "parse"
    assert isinstance(obj["error"]["position"], int)


def test_domain_error_names_the_node(capsys):
    _, obj = run_json(capsys, "--expr", SEED, "--at", "x=1", "y=-1", "--no-torch")
    err = obj["error"]
    assert err["op"] == "log" and err["label"] == "d" and err["inputs"] == [-1.0]


def test_save_then_load_with_override(tmp_path, capsys):
    path = tmp_path / "seed.adgraph.json"
    assert main(["--expr", SEED, "--at", "x=1", "y=2", "--save", str(path)]) == 0
    assert json.loads(path.read_text())["format"] == "autodiff-studio"
    _, obj = run_json(capsys, "--load", str(path), "--no-torch")
    assert obj["gradient"]["y"] == pytest.approx(1.5)
    _, obj = run_json(capsys, "--load", str(path), "--at", "y=4", "--no-torch")
    assert obj["gradient"]["y"] == pytest.approx(3 / 4)


def test_damaged_file_is_an_input_error(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "autodiff-studio", "version": 1, "nodes": [{"id": 1}]')
    code, obj = run_json(capsys, "--load", str(path))
    assert code == 2 and obj["error"]["kind"] == "input"


def test_emit_seed_prints_a_script(capsys):
    assert main(["--expr", SEED, "--at", "x=1", "y=2", "--emit", "seed"]) == 0
    out = capsys.readouterr().out
    assert "TIMES" in out and "backward pass" in out


def test_no_traceback_reaches_the_user():
    """A real process: bad flags and bad input give a message and code 2, never a traceback."""
    for argv in (["--expr"], ["--bogus"], ["--expr", "x.__class__", "--at", "x=1", "--json"]):
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert proc.returncode == 2, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr + proc.stdout
        assert (proc.stderr + proc.stdout).strip()


def test_screenshot_size_and_steps(tmp_path):
    """--screenshot works headless (offscreen when there is no display) at --size."""
    out = tmp_path / "shot.png"
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--expr", "x*y", "--at", "x=2",
                           "y=3", "--steps", "4", "--size", "900x600", "--screenshot",
                           str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is a Linux matter")
def test_window_without_display_says_so(capsys, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    assert "no display" in capsys.readouterr().err


# -- the one comparison, sturdiness and limits (issues 9 and 10) -------------------------

def test_json_has_the_comparison_and_keeps_the_finite_difference_keys(capsys):
    _, obj = run_json(capsys, "--expr", SEED, "--at", "x=1", "y=2", "--no-torch")
    comparison = obj["comparison"]
    assert comparison["relative_error"] == "|e - r| / max(|e|, |r|)"
    assert comparison["verdict"] == "pass" and comparison["passed"] is True
    x = comparison["rows"][0]
    assert x["input"] == "x" and x["index"] == [] and x["verdict"] == "pass"
    assert x["engine"] == obj["gradient"]["x"] and x["forward_mode"] == pytest.approx(
        obj["gradient"]["x"], rel=1e-15)
    assert x["central"] == obj["finite_difference"]["gradient"]["x"]
    assert x["max_rel_error"] < 1e-9 and x["torch"] is None
    fd = obj["finite_difference"]
    assert fd["passed"] is True and fd["verdict"] == {"x": "pass", "y": "pass"}


def test_report_uses_the_comparison_verdict(capsys):
    assert main(["--expr", "relu(x)", "--at", "x=0", "--report", "--no-torch"]) == 0
    out = capsys.readouterr().out
    rows = _table_rows(out)
    assert rows["x"][8] == "kink"
    assert "verdict: pass" in out and "max(|e|, |r|)" in out


def test_json_counts_steps_from_the_program_like_the_stepper(capsys):
    for expr, at in ((SEED, ["x=1", "y=2"]), ("sum(W @ v) * mean(v) + 3", ["W=[[1,2],[3,4]]",
                                                                        "v=[1,-1]"])):
        _, obj = run_json(capsys, "--expr", expr, "--at", *at, "--no-torch")
        from autodiff_gui.core.engine import Stepper, compile_graph
        from autodiff_gui.core.expr import parse
        from autodiff_gui.core.steps import BackwardStep, ForwardStep

        values = {a.split("=")[0]: json.loads(a.split("=")[1]) for a in at}
        stepper = Stepper(compile_graph(parse(expr, values)))
        stepper.run_to_end()
        assert obj["steps"] == {
            "forward": sum(isinstance(r, ForwardStep) for r in stepper.records),
            "backward": sum(isinstance(r, BackwardStep) for r in stepper.records)}


def test_a_long_expression_is_printed_back_cut(capsys):
    from autodiff_gui.cli import EXPRESSION_LIMIT

    chain = " + ".join(["x"] * 5001)  # 20,001 characters
    _, obj = run_json(capsys, "--expr", chain, "--at", "x=1", "--no-torch")
    assert obj["value"] == 5001 and obj["steps"] == {"forward": 5001, "backward": 5000}
    text = obj["expression"]
    assert text.endswith("…") and len(text) <= EXPRESSION_LIMIT + 1
    assert chain.startswith(text[:-1])


def test_a_closed_stdout_is_quiet_and_keeps_the_exit_code():
    """``--json | head -c 200``: no BrokenPipeError traceback, exit code 0."""
    chain = " + ".join(["x"] * 3000)
    x = "x=" + json.dumps([0.5] * 1000)
    for argv, code in (([chain, "--at", "x=1", "--report"], 0),
                       (["sum(x * x)", "--at", x, "--json"], 0),
                       ([chain, "--at", "x=1", "--emit", "torch"], 0),
                       ([chain, "--at", "x=1", "y=oops", "--json"], 2)):
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--expr", *argv,
                                 "--no-torch"], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        proc.stdout.close()  # the reader is gone before the output comes, as after head
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == code, (argv[-1], err)
        assert "Traceback" not in err and "BrokenPipe" not in err, argv[-1]


@pytest.mark.parametrize("depth", [33, 40, 70])
def test_values_nested_deeper_than_numpy_allows_are_input_errors(capsys, depth):
    deep = "[" * depth + "1" + "]" * depth
    code, obj = run_json(capsys, "--expr", "sum(x)", "--at", f"x={deep}", "--no-torch")
    assert code == 2 and obj["error"]["kind"] == "input"
    code, obj = run_json(capsys, "--expr", "x", "--at", "x=1", "--upstream", deep,
                         "--no-torch")
    assert code == 2 and obj["error"]["kind"] == "input"


def test_json_nested_past_the_recursion_limit_is_an_input_error(capsys):
    deep = "[" * 200_000 + "]" * 200_000
    code, obj = run_json(capsys, "--expr", "x", "--at", f"x={deep}", "--no-torch")
    assert code == 2 and "nested too deeply" in obj["error"]["message"]


def test_deep_value_in_a_file_is_an_input_error(tmp_path, capsys):
    deep = json.loads("[" * 40 + "1" + "]" * 40)
    path = tmp_path / "deep.adgraph.json"
    path.write_text(json.dumps({"format": "autodiff-studio", "version": 1, "output": 1,
                                "nodes": [{"id": 1, "kind": "input", "name": "x",
                                           "value": deep}], "links": []}))
    code, obj = run_json(capsys, "--load", str(path), "--no-torch")
    assert code == 2 and obj["error"]["kind"] == "input"
    assert "at most 32 dimensions" in obj["error"]["message"]


def test_save_with_an_empty_name_is_refused(capsys):
    assert main(["--expr", "x", "--at", "x=1", "--save", ""]) == 2
    assert "--save needs a file name" in capsys.readouterr().err
    code, obj = run_json(capsys, "--expr", "x", "--at", "x=1", "--save", "  ")
    assert code == 2 and obj["error"]["kind"] == "input"


@pytest.mark.parametrize("expr", ["x", "mean(x)", "x * 0.5", "sin(x)"])
def test_the_largest_floats_are_not_refused_as_overflow(capsys, expr):
    # Found by fuzzing: F = Σ f overflowed in the finite differences (and np.mean
    # summed first), though neither the function nor its derivative does.
    code, obj = run_json(capsys, "--expr", expr, "--at", "x=[1e308, 1e308]", "--no-torch")
    assert code == 0, obj
    fd = obj["finite_difference"]
    assert all(g is not None for g in fd["gradient"]["x"])
    assert obj["comparison"]["verdict"] == "pass", obj["comparison"]


def test_mean_of_the_largest_floats_is_their_mean(capsys):
    _, obj = run_json(capsys, "--expr", "mean(x)", "--at", "x=[1e308, 1.5e308]",
                      "--no-torch")
    assert obj["value"] == pytest.approx(1.25e308)
    code, obj = run_json(capsys, "--expr", "sum(x)", "--at", "x=[1e308, 1e308]", "--no-torch")
    assert code == 3 and obj["error"]["kind"] == "domain"  # 2e308 really overflows


def _graph_file(path, nodes, links, output):
    path.write_text(json.dumps({"format": "autodiff-studio", "version": 1, "output": output,
                                "nodes": nodes, "links": links}))


def test_files_above_the_documented_limits_are_refused(tmp_path, capsys, monkeypatch):
    from autodiff_gui.core import fileio

    monkeypatch.setattr(fileio, "MAX_NODES", 50)
    path = tmp_path / "consts.adgraph.json"
    nodes = [{"id": 0, "kind": "input", "name": "x", "value": 1.0},
             {"id": 1, "kind": "op", "op": "mul"}]
    nodes += [{"id": i, "kind": "const", "value": 1.0} for i in range(2, 60)]
    _graph_file(path, nodes, [{"source": 0, "target": 1, "slot": 0},
                              {"source": 0, "target": 1, "slot": 1}], 1)
    code, obj = run_json(capsys, "--load", str(path), "--no-torch")
    assert code == 2 and "too many nodes (60; the limit is 50)" in obj["error"]["message"]

    monkeypatch.setattr(fileio, "MAX_ELEMENTS", 100)
    path = tmp_path / "big.adgraph.json"
    _graph_file(path, [{"id": 0, "kind": "input", "name": "x", "value": [[0.5] * 11] * 10}],
                [], 0)
    code, obj = run_json(capsys, "--load", str(path), "--no-torch")
    assert code == 2 and "110 elements; the limit is 100" in obj["error"]["message"]


def test_a_check_that_would_take_minutes_is_refused(capsys, monkeypatch):
    import autodiff_gui.cli as cli

    monkeypatch.setattr(cli, "MAX_CHECK_WORK", 1000)
    code, obj = run_json(capsys, "--expr", "sum(x * x)", "--at", "x=" + json.dumps([1.0] * 40),
                         "--no-torch")
    assert code == 2 and obj["error"]["kind"] == "input"
    assert obj["error"]["message"].startswith("too big to check: 40 input elements")
    assert obj["error"]["limit"] == 1000
    code, _ = run_json(capsys, "--expr", "sum(x * x)", "--at", "x=[1, 2]", "--no-torch")
    assert code == 0
