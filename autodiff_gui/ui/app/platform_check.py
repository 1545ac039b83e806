"""Can Qt open a window here?  Say what is missing before Qt aborts.

On X11, Qt's xcb plugin needs system libraries that pip cannot install
(libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, ...).  Without them Qt prints a
generic message and aborts the process; this check names the missing libraries and
the Debian/Ubuntu packages that provide them.
"""

from __future__ import annotations

import ctypes

# What Qt 6.11's xcb plugin (libqxcb.so and libQt6XcbQpa) links or loads on X11, beyond
# libc and Qt itself; read off `ldd` once.  libxcb-cursor is loaded at run time.
XCB_LIBRARIES = (
    "libX11-xcb.so.1", "libX11.so.6", "libxcb.so.1", "libxcb-cursor.so.0",
    "libxcb-icccm.so.4", "libxcb-image.so.0", "libxcb-keysyms.so.1", "libxcb-randr.so.0",
    "libxcb-render-util.so.0", "libxcb-render.so.0", "libxcb-shape.so.0", "libxcb-shm.so.0",
    "libxcb-sync.so.1", "libxcb-util.so.1", "libxcb-xfixes.so.0", "libxcb-xkb.so.1",
    "libxkbcommon-x11.so.0", "libxkbcommon.so.0",
)


def missing_xcb_libraries(libraries: tuple[str, ...] = XCB_LIBRARIES) -> list[str]:
    """The libraries Qt's X11 plugin needs that the system lacks (empty: all there).

    dlopen by name is a loader-cache look-up (well under a millisecond each), so this
    can run at every start; Qt loads the same libraries a moment later anyway.
    """
    missing = []
    for name in libraries:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package of a library: libxcb-icccm.so.4 -> libxcb-icccm4."""
    base, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    if not version:
        return base
    return f"{base}-{version}" if base[-1:].isdigit() else f"{base}{version}"


def explain_missing(missing: list[str]) -> str:
    """A message for the terminal: what is missing and the command that installs it."""
    packages = " ".join(dict.fromkeys(debian_package(m) for m in missing))
    return ("Qt cannot open a window on this X11 display: the system lacks "
            + ", ".join(missing) + ".\nOn Debian or Ubuntu install them with:\n"
            f"    sudo apt-get install {packages}\n"
            "(--json, --report and --screenshot work without them.)")
