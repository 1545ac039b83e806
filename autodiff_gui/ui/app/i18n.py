"""Translations: pick a language, install the matching Qt translators, translate core text.

Our strings live in ``resources/i18n/autodiff_<lang>.qm`` (built from the
committed ``.ts`` files by ``tools/update_translations.py``).  Qt's own strings
(standard buttons of message boxes and file dialogs) come from Qt's
``qtbase_<lang>.qm``.  A missing file is not an error: the app then speaks English.

The core never imports Qt: its messages are English ``Text`` values that remember
their template and parameters (``core.graph.Text``).  ``translate_text`` and
``translate_error`` say them in the current language; the contexts are "core"
(graph and engine), "ops" (op descriptions, formulas with words, domain reasons),
"expr" (the parser), "Narration" (``core.narration.TEMPLATES``), "check" (notes of
the finite-difference and PyTorch checks) and "course" (the course modules' ``MESSAGES``:
predict mode's questions and diagnoses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from ...core.graph import Text

I18N_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"
SOURCE_LANGUAGE = "en"  # the language of the source strings: needs no file
# Each language named in itself (menu entries are never translated).
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}

# Installed translators must stay alive as long as they are installed.
_installed: list[QTranslator] = []
_data: list[bytes] = []  # the .qm contents our translators read from
# The application property that holds the language the interface speaks now.
_LANGUAGE_PROPERTY = "autodiffLanguage"


def system_locale_name() -> str:
    """The system locale's name (``ko_KR``, ``en_US``, ``C``); tests replace this."""
    return QLocale.system().name()


def resolve_language(lang: str | None = None) -> str:
    """The language to use: ``lang`` if given, else the system locale (``ko_KR``...)."""
    if lang:
        return lang.replace("-", "_")
    name = system_locale_name()
    return SOURCE_LANGUAGE if name in ("C", "POSIX", "") else name


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


def available_languages(directory: Path | None = None) -> list[str]:
    """English and every language we ship a ``.qm`` file for (``["en", "ko"]``)."""
    folder = directory or I18N_DIR
    found = sorted(p.stem.removeprefix("autodiff_") for p in folder.glob("autodiff_*.qm"))
    return [SOURCE_LANGUAGE] + [lang for lang in found if lang != SOURCE_LANGUAGE]


def current_language() -> str:
    """The language the interface speaks now: ``"en"`` or ``"ko"`` (the base code).

    Kept in one place, the application's ``autodiffLanguage`` property (English
    before any language was installed).
    """
    app = QCoreApplication.instance()
    lang = app.property(_LANGUAGE_PROPERTY) if app is not None else None
    if not isinstance(lang, str) or not lang:
        return SOURCE_LANGUAGE
    return lang.replace("-", "_").split("_")[0].lower()


def _set_current(app: QCoreApplication, lang: str) -> None:
    app.setProperty(_LANGUAGE_PROPERTY, lang)


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall what ``install_translator`` installed (back to English)."""
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()  # nothing reads its data (below) any more
    _data.clear()
    _set_current(app, SOURCE_LANGUAGE)


def install_translator(app: QCoreApplication, lang: str | None = None,
                       directory: Path | None = None) -> bool:
    """Install our translation (and Qt's) for ``lang``; True if ours was found.

    ``lang`` None means the system locale.  English needs no file.  Never raises
    because a file is missing or unreadable.  Qt sends every widget a LanguageChange
    event when translators change.
    """
    remove_translators(app)
    lang = resolve_language(lang)
    ours = False
    path = translation_file(lang, directory)
    if path is not None:
        tr = QTranslator(app)
        # From memory, not the file: Qt maps a loaded file, and a .qm rewritten while
        # the app runs (tools/update_translations.py) then crashes it (SIGBUS).
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if data and tr.load(data):
            _data.append(data)  # Qt reads from these bytes for the translator's lifetime
            app.installTranslator(tr)
            _installed.append(tr)
            ours = True
    if not ours:
        return False  # English throughout: no Qt translation either, so nothing is mixed
    assert path is not None
    _set_current(app, path.stem.removeprefix("autodiff_").split("_")[0])
    # Qt's own strings (Save / Discard / Cancel, file dialogs).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for cand in _candidates(lang):
        qt_tr = QTranslator(app)
        if qt_tr.load(f"qtbase_{cand}", qt_dir):
            app.installTranslator(qt_tr)
            _installed.append(qt_tr)
            break
    return ours


# Qt's own strings that its Korean catalog (qtbase_ko) lacks, so Qt's file dialog was
# half English: Qt 6 gave the dialog's labels mnemonics ("&Look in:") that the catalog
# knows only without, and the file types of the icon provider are missing.  Marked here,
# they are in our catalog, which Qt searches after its own (installed before it).
QT_CATALOG_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Don't Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close without Saving"),
)


# -- core text ------------------------------------------------------------------------

def tr(context: str, text: str) -> str:
    """``QCoreApplication.translate`` (a short name for the helpers below)."""
    return QCoreApplication.translate(context, text)


def _param(value: Any) -> Any:
    if isinstance(value, Text):
        return translate_text(value)
    if isinstance(value, BaseException):
        return translate_error(value)
    return value


def translate_text(text: Any) -> str:
    """A core ``Text`` in the current language (any other value: ``str(value)``).

    Parameters that are Text or exceptions are translated too.  A translation whose
    placeholders do not fit falls back to the English template, so a slip in a ``.ts``
    file never hides a message.
    """
    if not isinstance(text, Text):
        return str(text)
    params = {k: _param(v) for k, v in text.params.items()}
    if not params:
        return tr(text.context, text.template)
    try:
        return tr(text.context, text.template).format(**params)
    except (KeyError, IndexError, ValueError):
        return text.template.format(**params)


def translate_error(exc: BaseException) -> str:
    """The message of a core error in the current language, as the UI shows it.

    GraphError: its message; EvalError: ``d = log(-1): <reason>`` like ``str(exc)``;
    ParseError: its message (the position is shown by the expression bar); a
    ValueError made from a Text: that text; anything else: ``str(exc)`` (English).
    """
    from ...core.engine import EvalError  # the engine is loaded by then; keeps imports light

    message = getattr(exc, "message", None)
    if isinstance(exc, EvalError):
        return f"{exc.location()}: {translate_text(exc.message)}"
    if isinstance(message, Text):
        return translate_text(message)
    if len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return translate_text(exc.args[0])
    return str(exc)


def op_description(op: Any) -> str:
    """An op's description (``ops.Op.description``) in the current language."""
    return tr("ops", op.description) if op.description else ""


def op_formula(formula: str) -> str:
    """A local-derivative formula (``ops.Op.formulas[i]``); only those with words change."""
    return tr("ops", formula)
