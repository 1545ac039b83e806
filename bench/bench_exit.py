"""Exit time: from "Discard" in the quit prompt to the end of the process (run by hand).

Each run starts the app in a fresh process (offscreen, settings in a temporary
folder), brings it into a state a student reaches, makes an unsaved edit and then
closes the window the way the quit prompt's "Discard" does.  Reported, from the
moment of the close:

* ``close``: ``window.close()`` itself (closeEvent: shutting down workers, saving
  the layout);
* ``event_loop``: until ``app.exec()`` returns;
* ``process``: until the process has ended (Python's and Qt's teardown included),
  which is what the user waits for.  The run ends as ``run_gui`` does after its event
  loop (``startup.exit_now`` where it exists).

States: ``fresh`` (just opened), ``checked`` (a gradient check with PyTorch has
finished), ``checking`` (closed while the check still imports PyTorch), ``plots``
(the Plots tab drawn with matplotlib).

    .venv/bin/python bench/bench_exit.py [--repeat 3] [--states fresh,checked]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from autodiff_gui.ui.app.startup import create_app
from autodiff_gui.ui.editing.commands import SetValue, try_push
app = create_app()
from autodiff_gui.ui.window.main_window import MainWindow
state = sys.argv[1]
window = MainWindow(restore=True)
window.resize(1280, 800)
window.show()
times = {}

def close():
    doc = window.document
    node = doc.find_input("x")
    try_push(window.undo_stack, lambda: SetValue(doc, node, 1.5))  # unsaved now
    window.ask_unsaved = lambda: "discard"  # the prompt's answer
    times["torch_loaded"] = "torch" in sys.modules
    times["matplotlib_loaded"] = "matplotlib" in sys.modules
    times["t0"] = time.time()
    window.close()
    times["close"] = time.time() - times["t0"]

def when(predicate, then, limit=120.0):
    start = time.time()
    def poll():
        if predicate() or time.time() - start > limit:
            then()
        else:
            QTimer.singleShot(20, poll)
    poll()

def begin():
    rp = window.run_panel
    if state == "fresh":
        close()
    elif state == "checked":
        rp.check_gradients()
        when(lambda: not rp.comparison.is_busy(), close)
    elif state == "checking":
        rp.check_gradients()
        when(lambda: rp.comparison.result is not None, close)  # finite differences shown
    elif state == "plots":
        rp.plots_dock.show()
        rp.plots_dock.raise_()
        when(lambda: "matplotlib" in sys.modules and not rp.plots.is_busy(), close, 30)

QTimer.singleShot(300, begin)
app.exec()
times["event_loop"] = time.time() - times["t0"]
print(json.dumps(times), flush=True)
# What run_gui does after the event loop (``exit_now``; before it: a normal return).
from autodiff_gui.ui.app import startup
if hasattr(startup, "exit_now"):
    startup.exit_now(0)
"""


def run(state: str, settings_dir: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=settings_dir,
               PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.run([sys.executable, "-c", CHILD, state], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    end = time.time()
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{state}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    times = json.loads(lines[-1])
    times["process"] = end - times["t0"]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--states", default="fresh,checked,checking,plots")
    args = parser.parse_args()
    print(f"exit after Discard, ms (offscreen, {args.repeat} runs each; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as settings_dir:
        for state in args.states.split(","):
            runs = [run(state, settings_dir) for _ in range(args.repeat)]
            parts = []
            for key in ("close", "event_loop", "process"):
                values = [r[key] * 1000 for r in runs]
                parts.append(f"{key} median {statistics.median(values):7.1f} "
                             f"max {max(values):7.1f}")
            flags = f"torch {runs[0]['torch_loaded']}, matplotlib {runs[0]['matplotlib_loaded']}"
            print(f"  {state:9s} " + "   ".join(parts) + f"   ({flags})")


if __name__ == "__main__":
    main()
