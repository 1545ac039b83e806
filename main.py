"""Autodiff Studio entry point: the window by default, the command line with flags."""

import sys

from autodiff_gui.cli import main

if __name__ == "__main__":
    code = main(sys.argv[1:])
    if "PySide6.QtWidgets" in sys.modules and any(
            a == "--screenshot" or a.startswith("--screenshot=") for a in sys.argv[1:]):
        # The picture is saved: skip the teardown of Qt's objects and the interpreter
        # (the window's own quit does the same, see ui/app/startup.exit_now).
        from autodiff_gui.ui.app.startup import exit_now

        exit_now(code)
    sys.exit(code)
