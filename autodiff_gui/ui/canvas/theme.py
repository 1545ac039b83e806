"""Colours and fonts of the canvas, derived from the application's palette.

Block colours are fixed hues (one per kind of block / op group) blended with the
palette's base colour, so the same code reads well in light and dark palettes and on
a projector (strong header, pale or dark body, palette text on top).

Fonts follow an application-wide font scale (``set_font_scale``; 1.0 normally,
larger in presentation mode): ``current_theme()`` rebuilds the theme when the scale
changed, and blocks grow their geometry with it (see ``items.block_geometry``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette

# Hues for the kinds of blocks and the op groups (ops.GROUPS).
KIND_HUES: dict[str, str] = {
    "input": "#2f7fd8",
    "const": "#7d8590",
    "arithmetic": "#2e9e5b",
    "powers": "#8c59d4",
    "trigonometry": "#c2407e",
    "activations": "#dc7b12",
    "piecewise": "#8a6d1f",
    "reductions": "#12949b",
    "shapes": "#4f6bb5",
    "losses": "#b5452f",
    "composite": "#b0447a",  # a composite block (core/composite.py)
}


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """a·(1−t) + b·t, per channel."""
    return QColor.fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                           a.greenF() * (1 - t) + b.greenF() * t,
                           a.blueF() * (1 - t) + b.blueF() * t, 1.0)


MIN_FONT_SCALE = 0.5
MAX_FONT_SCALE = 4.0


class Theme:
    """Everything the items need to paint, computed once per palette and font scale."""

    def __init__(self, palette: QPalette | None = None,
                 font_scale: float | None = None) -> None:
        if palette is None:
            palette = QGuiApplication.palette()
        self.palette = palette
        self.font_scale = _clamp(_font_scale if font_scale is None else font_scale)
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.dark = base.lightnessF() < 0.5
        self.background = window if not self.dark else base
        self.grid = _blend(self.background, self.text, 0.07)
        self.muted = _blend(self.text, base, 0.45)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.wire = _blend(self.text, base, 0.35)
        self.wire_dim = _blend(self.text, base, 0.8)
        white, black = QColor("#ffffff"), QColor("#000000")
        body_t = 0.80 if not self.dark else 0.72  # how much base shows through the body
        self.fill: dict[str, QColor] = {}
        self.header: dict[str, QColor] = {}
        self.border: dict[str, QColor] = {}
        for key, hue in KIND_HUES.items():
            h = QColor(hue)
            self.fill[key] = _blend(h, base, body_t)
            self.header[key] = h if not self.dark else _blend(h, black, 0.25)
            self.border[key] = _blend(h, black, 0.3) if not self.dark else _blend(h, white, 0.25)
        self.header_text = QColor("#ffffff")
        # Step-through colours: forward values and backward gradients.
        self.forward = QColor("#1a56b8") if not self.dark else QColor("#8ab8ff")
        self.backward = QColor("#c2261a") if not self.dark else QColor("#ff8f80")
        self.current = QColor("#f2a900")
        self.done = QColor("#2e9e5b") if not self.dark else QColor("#6fd39a")
        self.error = QColor("#d32f2f") if not self.dark else QColor("#ff6b6b")
        self.valid = QColor("#2e9e5b")
        self.invalid = self.error
        self.output = self.highlight
        self.output_text = palette.color(QPalette.ColorRole.HighlightedText)
        self.label_fill = _blend(base, self.text, 0.04)

        # Fonts: values at 10.5 pt or more, readable at 100 % and on a projector;
        # all of them times the font scale (presentation mode).
        # A copy of the application font keeps its family list: Hangul falls back to Noto.
        app_font = QGuiApplication.font()
        k = self.font_scale
        self.title_font = QFont(app_font)
        self.title_font.setPointSizeF(13.0 * k)
        self.title_font.setBold(True)
        self.value_font = QFont(app_font)
        self.value_font.setPointSizeF(10.5 * k)
        self.small_font = QFont(app_font)
        self.small_font.setPointSizeF(8.5 * k)
        self.tag_font = QFont(app_font)
        self.tag_font.setPointSizeF(8.0 * k)
        self.tag_font.setBold(True)
        self.title_metrics = QFontMetricsF(self.title_font)
        self.value_metrics = QFontMetricsF(self.value_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.tag_metrics = QFontMetricsF(self.tag_font)

    def key_for(self, kind: str, group: str | None) -> str:
        """The colour key of a block: its kind, or its op group."""
        return group if kind == "op" and group in KIND_HUES else kind


_current: Theme | None = None
_font_scale = 1.0


def _clamp(scale: float) -> float:
    return min(MAX_FONT_SCALE, max(MIN_FONT_SCALE, float(scale)))


def font_scale() -> float:
    """The canvas font scale now (1.0 unless presentation mode enlarged it)."""
    return _font_scale


def set_font_scale(scale: float) -> float:
    """Scale every canvas font by ``scale`` (clamped to 0.5–4); returns the scale used.

    Scenes keep the theme they were given: call ``scene.set_theme(current_theme())``
    afterwards so the blocks repaint (and regrow) with the new fonts.
    """
    global _font_scale
    _font_scale = _clamp(scale)
    return _font_scale


def current_theme() -> Theme:
    """The theme for the application's palette and font scale now (rebuilt on change)."""
    global _current
    pal = QGuiApplication.palette()
    if _current is None or _current.palette != pal or _current.font_scale != _font_scale:
        _current = Theme(pal)
    return _current


def legend_entries(theme: Theme | None = None) -> list[tuple[str, QColor]]:
    """(translated label, header colour) for a legend of block colours."""
    t = theme or current_theme()
    tr = lambda s: QCoreApplication.translate("canvas", s)
    labels = [("input", tr("input")), ("const", tr("constant")),
              ("arithmetic", tr("arithmetic")), ("powers", tr("powers and logarithms")),
              ("trigonometry", tr("trigonometric")), ("activations", tr("activations")),
              ("piecewise", tr("piecewise")), ("reductions", tr("reductions")),
              ("shapes", tr("shapes and indexing")), ("losses", tr("losses"))]
    return [(label, QColor(t.header[key])) for key, label in labels]
