"""Translations: pick a language and install the matching Qt translators.

Our strings live in ``resources/i18n/autodiff_<lang>.qm`` (built from the
committed ``.ts`` files by ``pyside6-lrelease``).  Qt's own strings (standard
buttons of message boxes and file dialogs) come from Qt's ``qtbase_<lang>.qm``.
A missing file is not an error: the app then simply speaks English.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"

# Installed translators must stay alive as long as they are installed.
_installed: list[QTranslator] = []


def resolve_language(lang: str | None = None) -> str:
    """The language to use: ``lang`` if given, else the system locale (``ko_KR``...)."""
    if lang:
        return lang.replace("-", "_")
    name = QLocale.system().name()
    return "en" if name in ("C", "POSIX", "") else name


def _candidates(lang: str) -> list[str]:
    """``ko_KR`` -> ``["ko_KR", "ko"]``: the specific file first, then the language."""
    parts = [lang]
    base = lang.split("_")[0]
    if base != lang:
        parts.append(base)
    return parts


def translation_file(lang: str, directory: Path | None = None) -> Path | None:
    """The ``.qm`` file of our strings for ``lang`` if one exists."""
    folder = directory or I18N_DIR
    for cand in _candidates(lang):
        path = folder / f"autodiff_{cand}.qm"
        if path.is_file():
            return path
    return None


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall what ``install_translator`` installed (for switching language)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translator(app: QCoreApplication, lang: str | None = None,
                       directory: Path | None = None) -> bool:
    """Install our translation (and Qt's) for ``lang``; True if ours was found.

    ``lang`` None means the system locale.  English needs no file.  Never raises
    because a file is missing or unreadable.
    """
    remove_translators(app)
    lang = resolve_language(lang)
    ours = False
    path = translation_file(lang, directory)
    if path is not None:
        tr = QTranslator(app)
        if tr.load(str(path)):
            app.installTranslator(tr)
            _installed.append(tr)
            ours = True
    # Qt's own strings (Save / Discard / Cancel, file dialogs).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for cand in _candidates(lang):
        qt_tr = QTranslator(app)
        if qt_tr.load(f"qtbase_{cand}", qt_dir):
            app.installTranslator(qt_tr)
            _installed.append(qt_tr)
            break
    return ours
