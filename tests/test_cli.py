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
