"""Start the GUI: the QApplication, its style and language, and the main window.

``run_gui`` is what ``main.py`` / ``cli.py`` call.  Start-up stays light: nothing
here imports torch or matplotlib, and the window module imports only what the
first paint needs.  With ``screenshot`` the window is shown, grabbed once it has
painted, saved as PNG, and the process exits (for docs, tests and quick looks).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ...core.graph import Document

APP_NAME = "Autodiff Studio"
ORG_NAME = "AutodiffStudio"
ORG_DOMAIN = "autodiff-studio.org"
SCREENSHOT_SIZE = (1280, 800)  # logical pixels: screenshots do not depend on the screen
# Qt maps PNG quality 70 to zlib level 2: on the window's screenshots as small as
# Qt's default level and about 10 ms faster to write (bench/RESULTS.md).
PNG_QUALITY = 70


def dark_palette() -> QPalette:
    """Fusion colours for a dark system scheme (the platform may not supply them)."""
    p = QPalette()
    c = QPalette.ColorRole
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    p.setColor(c.Window, window)
    p.setColor(c.WindowText, text)
    p.setColor(c.Base, base)
    p.setColor(c.AlternateBase, QColor(40, 40, 43))
    p.setColor(c.ToolTipBase, QColor(60, 60, 64))
    p.setColor(c.ToolTipText, text)
    p.setColor(c.PlaceholderText, QColor(150, 150, 150))
    p.setColor(c.Text, text)
    p.setColor(c.Button, window)
    p.setColor(c.ButtonText, text)
    p.setColor(c.BrightText, QColor(255, 100, 100))
    p.setColor(c.Link, QColor(110, 170, 255))
    p.setColor(c.Highlight, QColor(53, 110, 200))
    p.setColor(c.HighlightedText, QColor(255, 255, 255))
    p.setColor(c.Mid, QColor(70, 70, 74))
    p.setColor(c.Dark, QColor(25, 25, 27))
    p.setColor(c.Light, QColor(80, 80, 85))
    p.setColor(c.Shadow, QColor(0, 0, 0))
    disabled = QPalette.ColorGroup.Disabled
    for role in (c.WindowText, c.Text, c.ButtonText):
        p.setColor(disabled, role, QColor(130, 130, 130))
    return p


def apply_color_scheme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Fusion, in the system's light or dark scheme (Qt 6.5+ reports the scheme).

    The platform's own palette is kept when it already matches the scheme; a dark
    palette is supplied only where the platform gives Fusion a light one.  ``scheme``
    overrides what the system reports.
    """
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    ours = bool(app.property("autodiffDarkPalette"))
    if ours:
        app.setPalette(QPalette())  # back to the platform's palette, then decide again
        app.setProperty("autodiffDarkPalette", False)
    if scheme is None:
        scheme = app.styleHints().colorScheme()
    dark = scheme == Qt.ColorScheme.Dark
    light_palette = app.palette().color(QPalette.ColorRole.Window).lightness() >= 128
    if dark and light_palette:
        app.setPalette(dark_palette())
        app.setProperty("autodiffDarkPalette", True)


_QUIET = ("This plugin does not support propagateSizeHints()",
          "This plugin does not support raise()")
_previous_handler: Callable | None = None


def _message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform warns about a harmless no-op on every window shown.
    if message in _QUIET:
        return
    if _previous_handler is not None:
        _previous_handler(mode, context, message)
    else:
        sys.stderr.write(message + "\n")


def create_app(argv: list[str] | None = None, lang: str | None = None) -> QApplication:
    """The QApplication (made once): names, Fusion style, fonts, translators."""
    global _previous_handler
    app = QApplication.instance()
    if app is None:
        if _previous_handler is None:
            _previous_handler = qInstallMessageHandler(_message_handler)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)  # 150 % stays 150 %
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(_version())
    apply_color_scheme(app)
    if not getattr(app, "_autodiff_scheme_hooked", False):
        app.styleHints().colorSchemeChanged.connect(lambda _s: apply_color_scheme(app))
        app._autodiff_scheme_hooked = True  # type: ignore[attr-defined]
    from .fonts import apply_app_font
    apply_app_font(app)  # a Hangul fallback after the system font

    from .i18n import install_translator
    from .language import startup_language

    # --lang wins (not saved); else the language chosen in View ▸ Language; else the
    # system locale (a first start on a Korean system speaks Korean).
    install_translator(app, startup_language(lang))
    return app


def _version() -> str:
    from ... import __version__
    return __version__


class FirstPaint(QObject):
    """Calls ``callback(seconds since start)`` once, after ``widget`` first paints."""

    def __init__(self, widget: QWidget, callback: Callable[[float], None],
                 start: float | None = None) -> None:
        super().__init__(widget)
        self._start = time.perf_counter() if start is None else start
        self._callback: Callable[[float], None] | None = callback
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            elapsed = time.perf_counter() - self._start
            self._widget.removeEventFilter(self)
            # After this paint has finished, not inside it.
            QTimer.singleShot(0, lambda: callback(elapsed))
        return False


def run_gui(*, document: Document | None = None, screenshot: str | None = None,
            lang: str | None = None, steps: int = 0, argv: list[str] | None = None,
            size: tuple[int, int] | None = None) -> int:
    """Show the main window and run the event loop; returns the exit code.

    ``document`` replaces the seed example; ``screenshot`` saves a PNG of the
    painted window and exits (0, or 1 with a message on stderr if it cannot be
    saved); ``lang`` picks the language for this run, unsaved (default: the one
    chosen in View ▸ Language, else the system locale); ``steps`` is
    kept on the window as ``pending_steps`` for the stepping panel; ``argv`` is
    handed to QApplication (default: the program name only).  The platform comes
    from QT_QPA_PLATFORM as usual (``offscreen`` for headless runs).
    """
    app = create_app(argv, lang)
    from ..window.main_window import DEFAULT_SIZE, MainWindow  # after the translators are in

    window = MainWindow(document, restore=screenshot is None)
    window.pending_steps = int(steps or 0)
    if screenshot:
        # A reproducible picture: fixed size, no saved layout read or written.
        window.persist_settings = False
        window.resize(*(size or SCREENSHOT_SIZE))
    elif window.size().isEmpty():
        window.resize(DEFAULT_SIZE)
    result = {"code": 0, "done": False}

    def grab(_elapsed: float) -> None:
        if result["done"]:
            return
        result["done"] = True
        app.processEvents()
        if window.pending_steps:
            window.run_panel.advance(window.pending_steps)
            app.processEvents()
        window.view.zoom_fit()
        app.processEvents()
        pixmap = window.grab()
        target = os.path.abspath(screenshot or "")
        if pixmap.isNull() or not os.path.isdir(os.path.dirname(target)) \
                or not pixmap.save(target, "PNG", PNG_QUALITY):
            print(f"autodiff-studio: cannot save the screenshot to {target}", file=sys.stderr)
            result["code"] = 1
        app.exit(int(result["code"]))

    if screenshot:
        # The canvas is painted last: once its viewport has painted, the window is whole.
        FirstPaint(window.view.viewport(), grab)
        # If the platform never paints (a broken display), do not hang forever.
        QTimer.singleShot(10_000, lambda: grab(10.0))
    window.show()
    window.view.zoom_fit()
    code = app.exec()
    if screenshot:
        window.hide()
        window.deleteLater()
        return int(result["code"])
    exit_now(code)
    return code  # not reached


def exit_now(code: int) -> None:
    """End the process as soon as the last window has closed.

    Measured by ``bench/bench_exit.py``: after the event loop the normal teardown
    (Qt's objects, the interpreter, torch's ~220 MB once a comparison loaded it) took
    0.5 s, 2.2 s with torch, and more while a worker still imported torch (Qt's global
    thread pool waits for it).  None of it is needed: the settings are written here,
    the lessons' demonstration process was stopped when the window closed.
    """
    QSettings().sync()  # anything written after the window's own sync
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
