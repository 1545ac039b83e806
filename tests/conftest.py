"""Test-wide setup: headless Qt, fault handler, no touching the user's settings."""

import faulthandler
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHONFAULTHANDLER", "1")
faulthandler.enable()
