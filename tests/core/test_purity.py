"""The core and the checks import neither Qt, nor torch, nor matplotlib.

Run in a fresh interpreter (this test process may have loaded them already):
import every module under autodiff_gui/core and autodiff_gui/check, found by
walking the packages, then look at ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, json, pkgutil, sys
import autodiff_gui.core
imported = []
for package in ("autodiff_gui.core", "autodiff_gui.check"):
    pkg = importlib.import_module(package)
    imported.append(package)
    for info in pkgutil.walk_packages(pkg.__path__, package + "."):
        importlib.import_module(info.name)
        imported.append(info.name)
heavy = sorted(m for m in sys.modules
               if m.split(".")[0] in ("PySide6", "shiboken6", "torch", "matplotlib"))
print(json.dumps({"imported": imported, "heavy": heavy}))
"""


def test_core_and_check_import_no_gui_torch_or_matplotlib() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    modules = set(report["imported"])
    assert {"autodiff_gui.core.ops", "autodiff_gui.core.graph", "autodiff_gui.core.engine",
            "autodiff_gui.core.steps", "autodiff_gui.check"} <= modules
    # every .py file in the two packages was imported
    for package in ("core", "check"):
        for path in (ROOT / "autodiff_gui" / package).glob("*.py"):
            if path.stem != "__init__":
                assert f"autodiff_gui.{package}.{path.stem}" in modules, path
    assert report["heavy"] == [], f"imported at module level: {report['heavy']}"
