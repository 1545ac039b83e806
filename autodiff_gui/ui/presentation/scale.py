"""Presentation mode's text size: fonts, table sizes and toolbar icons, scaled and put back.

``FontScaler.capture()`` remembers the window font, every widget that set a font of
its own, table row heights and column widths, and toolbar icon sizes and button
styles; ``apply(scale)`` sets them ``scale`` times larger (from the remembered
originals, so changing the scale never compounds); ``restore()`` puts everything
back.  Widgets that set their own font while presenting are scaled relative to
the factor applied when they appeared.  ``fit_step_bar`` gives the step toolbar
large icons, with their text where one row has room for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QStyle,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

ICON_FACTOR = 1.25  # step toolbar icons: style size × scale × this (48 px at 1.6×)


def scaled_font(font: QFont, factor: float) -> QFont:
    """A copy of ``font`` ``factor`` times larger (points, or pixels if set in pixels)."""
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        out.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return out


def alive(obj: QObject) -> bool:
    """False once Qt has deleted the C++ object behind ``obj``."""
    return bool(isValid(obj))


def row_width(bar: QToolBar) -> int:
    """The width ``bar`` needs for all its items in one row (its hint, made fresh)."""
    layout = bar.layout()
    if layout is not None:
        layout.invalidate()
    return bar.sizeHint().width()


@dataclass
class _Sizes:
    """The sizes ``capture`` found."""

    window_font: QFont
    window_font_set: bool
    fonts: dict[QWidget, QFont] = field(default_factory=dict)
    tables: dict[QTableView, tuple[int, list[int]]] = field(default_factory=dict)
    toolbars: dict[QToolBar, tuple[QSize, bool, Qt.ToolButtonStyle]] = field(
        default_factory=dict)
    buttons: dict[QToolButton, Qt.ToolButtonStyle] = field(default_factory=dict)


class FontScaler:
    """Scales the texts of one window for presentation mode (see the module docstring)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._sizes: _Sizes | None = None
        self.applied = 1.0  # the font factor currently applied to the widgets

    def capture(self) -> None:
        """Remember the sizes as they are now (before anything changes them)."""
        w = self.window
        sizes = _Sizes(QFont(w.font()), w.testAttribute(Qt.WidgetAttribute.WA_SetFont))
        for child in w.findChildren(QWidget):
            if not child.isWindow() and child.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                sizes.fonts[child] = QFont(child.font())
        for table in w.findChildren(QTableView):
            header = table.horizontalHeader()
            sizes.tables[table] = (table.verticalHeader().defaultSectionSize(),
                                   [header.sectionSize(i) for i in range(header.count())])
        for tb in w.findChildren(QToolBar):
            default = tb.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize, None, tb)
            sizes.toolbars[tb] = (tb.iconSize(), tb.iconSize() != QSize(default, default),
                                  tb.toolButtonStyle())
            for button in tb.findChildren(QToolButton):
                sizes.buttons[button] = button.toolButtonStyle()
        self._sizes = sizes
        self.applied = 1.0

    def _new_font_widgets(self) -> list[QWidget]:
        sizes = self._sizes
        if sizes is None:
            return []
        return [c for c in self.window.findChildren(QWidget)
                if not c.isWindow() and c not in sizes.fonts
                and c.testAttribute(Qt.WidgetAttribute.WA_SetFont)]

    def apply(self, scale: float) -> None:
        """Fonts and tables at ``scale`` (from the captured originals)."""
        sizes = self._sizes
        assert sizes is not None
        self.window.setFont(scaled_font(sizes.window_font, scale))
        for child, font in sizes.fonts.items():
            if alive(child):
                child.setFont(scaled_font(font, scale))
        # Widgets that set their own font while presenting were built from scaled fonts.
        for child in self._new_font_widgets():
            child.setFont(scaled_font(child.font(), scale / self.applied))
        self.applied = scale
        for table, (row, columns) in sizes.tables.items():
            if not alive(table):
                continue
            table.verticalHeader().setDefaultSectionSize(round(row * scale))
            header = table.horizontalHeader()
            for i, size in enumerate(columns[:header.count()]):
                if header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive:
                    header.resizeSection(i, round(size * scale))

    def restore(self) -> None:
        """Every size back as ``capture`` found it."""
        sizes = self._sizes
        if sizes is None:
            return
        w = self.window
        # Fonts: widgets that set theirs while presenting first (relative to now).
        for child in self._new_font_widgets():
            child.setFont(scaled_font(child.font(), 1.0 / self.applied))
        if sizes.window_font_set:
            w.setFont(sizes.window_font)
        else:
            w.setFont(QFont())  # inherit the application font again
            w.setAttribute(Qt.WidgetAttribute.WA_SetFont, False)
        for child, font in sizes.fonts.items():
            if alive(child):
                child.setFont(font)
        self.applied = 1.0
        for table, (row, columns) in sizes.tables.items():
            if not alive(table):
                continue
            table.verticalHeader().setDefaultSectionSize(row)
            header = table.horizontalHeader()
            if header.count() == len(columns):
                for i, size in enumerate(columns):
                    if header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive:
                        header.resizeSection(i, size)
        for tb, (size, explicit, style) in sizes.toolbars.items():
            if alive(tb):
                tb.setIconSize(size if explicit else QSize())
                tb.setToolButtonStyle(style)
        for button, style in sizes.buttons.items():
            if alive(button):
                button.setToolButtonStyle(style)
        self._sizes = None

    def fit_step_bar(self, bar: QToolBar, scale: float, buttons: list[QToolButton]) -> None:
        """Large icons, with their text where the row has room for it.

        ``buttons`` get their text in order (most used first) while the toolbar still
        fits the screen in one row: every pixel of height a second row would take
        belongs to the canvas.  Buttons without text keep their tooltips."""
        window = self.window
        metric = bar.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize, None, bar)
        big = round(metric * scale * ICON_FACTOR)
        width = window.width()
        screen = window.screen()
        if window.isFullScreen() and screen is not None:
            width = max(width, screen.geometry().width())
        width -= 8  # the toolbar's handle and margins
        icon_only = Qt.ToolButtonStyle.ToolButtonIconOnly
        bar.setToolButtonStyle(icon_only)
        for button in buttons:  # a button keeps a style of its own once given one
            button.setToolButtonStyle(icon_only)
        side = big
        keep = max(metric, min(big, round(metric * scale)))  # icons scaled like the text
        bar.setIconSize(QSize(side, side))
        while row_width(bar) > width and side > metric:
            side = max(metric, side - 8)
            bar.setIconSize(QSize(side, side))
        for button in buttons:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            # A label says more than a bigger icon: smaller icons first, down to the
            # fonts' own scale (after Ctrl + the labels used to vanish, icons huge).
            while row_width(bar) > width and side > keep:
                side = max(keep, side - 4)
                bar.setIconSize(QSize(side, side))
            if row_width(bar) > width:
                button.setToolButtonStyle(icon_only)
                break
