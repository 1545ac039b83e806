"""Fonts that cover Hangul on any machine: the shipped Noto Sans KR subset.

A fresh Linux machine may have no font with Korean glyphs (empty boxes), so the
app registers its own and lists it after the system's font: Latin text keeps the
familiar look, Hangul falls back to Noto.  matplotlib gets the same fallback.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[3] / "resources" / "fonts"
FONT_FILES = ("NotoSansKR-Regular.otf", "NotoSansKR-Bold.otf")
HANGUL_FAMILY = "Noto Sans CJK KR"

_registered: list[str] | None = None


def register_fonts() -> list[str]:
    """Add the shipped fonts to Qt's database (once); returns their family names."""
    global _registered
    if _registered is not None:
        return _registered
    from PySide6.QtGui import QFontDatabase

    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                         if f not in families]
    _registered = families
    return families


def apply_app_font(app: object, point_size: float | None = None) -> None:
    """Give the application font a Hangul fallback (and optionally a size)."""
    from PySide6.QtGui import QFont, QFontInfo

    families = register_fonts()
    font = QFont(app.font())  # type: ignore[attr-defined]
    # The family actually used, not an alias such as "Sans Serif": Qt does not resolve
    # aliases inside a family list and would draw everything, ∂ included, with Noto.
    base = [QFontInfo(font).family()]
    font.setFamilies([f for f in base if f not in families] + families)
    if point_size:
        font.setPointSizeF(point_size)
    app.setFont(font)  # type: ignore[attr-defined]


def configure_matplotlib() -> None:
    """Let matplotlib draw Korean labels with the same shipped font."""
    import matplotlib
    from matplotlib import font_manager

    for name in FONT_FILES:
        path = FONT_DIR / name
        if path.exists():
            font_manager.fontManager.addfont(str(path))
    # A list, not the generic "sans-serif": matplotlib falls back glyph by glyph only
    # along an explicit family list, so Hangul comes from Noto and the rest from DejaVu.
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", HANGUL_FAMILY]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the Noto subset lacks U+2212 spacing
