"""Sturdy under random editing (issue 14): random sequences of everyday actions on the real
main window, each action checked (valid document, canvas and table mirror it, stepping
changes nothing, an edit is one undo step or no trace), then undo-all and redo-all.

The state machine is ``tests/ui/random_editing.py``; it runs here in subprocess chunks,
two at a time, so that a segfault fails this test with its seed and exit code instead
of ending the test run.  ``tools/fuzz_window.py`` runs the long campaign.  Set
``RANDOM_EDITING_SEED`` to try other seeds than the fixed ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE_SEED = int(os.environ.get("RANDOM_EDITING_SEED", "20261204"))
CHUNKS = 2  # one per core
SEQUENCES = 10  # per chunk: about 30 s on the project's 2-core machine
STEPS = 30


def run_chunk(seed: int, tmp: Path, extra: str = "") -> tuple[int, str, str]:
    log = tmp / f"actions_{seed}.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1",
           "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp), "HOME": str(tmp)}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.ui.random_editing", "--seed", str(seed), "--count",
         str(SEQUENCES), "--steps", str(STEPS), "--log", str(log), "--extra", extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    actions = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return proc.returncode, proc.stdout + proc.stderr, "\n".join(actions[-30:])


def test_random_editing_sequences_neither_crash_nor_lose_undo(tmp_path: Path) -> None:
    seeds = [BASE_SEED + k for k in range(CHUNKS)]
    # The second chunk also switches the language, opens examples and turns lesson pages.
    extras = ["", "lang,examples,lessons"]
    with ThreadPoolExecutor(max_workers=CHUNKS) as pool:
        results = list(pool.map(lambda k: run_chunk(seeds[k], tmp_path, extras[k % 2]),
                                range(CHUNKS)))
    for seed, (code, output, actions) in zip(seeds, results):
        assert code == 0, (
            f"seed {seed}: exit code {code} ({'crash' if code < 0 else 'mismatch'})\n"
            f"last actions:\n{actions}\n\n{output[-8000:]}")
        ran = [int(line.split()[1]) for line in output.splitlines()
               if line.startswith("sequences ")]
        assert ran and ran[0] >= SEQUENCES, output[-2000:]


def test_the_driver_notices_a_change_that_bypasses_the_undo_stack(tmp_path: Path) -> None:
    """The checks themselves: a document edited behind the stack's back is a mismatch."""
    from tests.ui.random_editing import Mismatch, WindowMachine, canonical

    machine = WindowMachine()
    try:
        with pytest.raises(Mismatch, match="no undo step"):
            with machine.action("write a value behind the stack's back", "edit"):
                doc = machine.w.document
                doc.set_value(doc.find_input("x"), 5.0)
        machine.broken = False
        machine.snapshots[machine.stack.index()] = canonical(doc)  # take it as it is now
        with pytest.raises(Mismatch, match="changed the document"):
            with machine.action("a step that edits", "look"):
                doc.set_value(doc.find_input("y"), 3.0)
    finally:
        machine.broken = True
        machine.teardown()
