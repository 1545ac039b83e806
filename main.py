"""Autodiff Studio entry point: the window by default, the command line with flags."""

import sys

from autodiff_gui.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
