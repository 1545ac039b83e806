"""View ▸ Language: the menu, the remembered choice, and switching with no restart.

Switching is Qt's own retranslation: ``switch`` installs the new translator, Qt
sends ``QEvent.LanguageChange`` to every widget (and a widget passes it on to its
child objects), and each one sets its texts again in ``retranslate()``.  Nothing
is rebuilt: the window, the document, the undo stack (whose commands re-render
their texts), the selection, the stepping position, the compare results, the
plots, the lesson page, the zoom and the docks simply stay.

``LanguageMenu(ctx)`` is a window part (``ui/window/context.py``).  The choice is
saved in the settings; ``run_gui(lang=...)`` (``--lang``) overrides it unsaved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from . import i18n
from .mnemonics import icon_text, tidy_icon_texts

if TYPE_CHECKING:
    from ..window.context import WindowContext

__all__ = ["LanguageMenu", "icon_text", "startup_language", "switch"]


class LanguageMenu(QObject):
    """The View ▸ Language submenu: one checkable action per shipped language."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.host)
        self.setObjectName("languageMenu")
        self.ctx = ctx
        self.menu = QMenu(ctx.host)
        self.menu.setObjectName("menuLanguage")
        self.menu.setToolTipsVisible(True)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for code in i18n.available_languages():
            # Each language is named in itself, so anyone can find their own.
            act = QAction(i18n.LANGUAGE_NAMES.get(code, code), self.menu)
            act.setObjectName(f"actionLanguage_{code}")
            act.setCheckable(True)
            act.setData(code)
            act.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(act)
            self.menu.addAction(act)
            self.actions[code] = act
        ctx.menus.view.addSeparator()
        ctx.menus.view.addMenu(self.menu)
        self.retranslate()
        # Toolbar buttons without "(N)": the window's actions now, a part's when it is built.
        tidy_icon_texts(ctx.host)
        ctx.parts.built_hooks.append(lambda _key, _part: tidy_icon_texts(ctx.host))

    def retranslate(self) -> None:
        """The menu's texts, and the tick on the language spoken now."""
        self.menu.setTitle(self.tr("&Language"))
        current = i18n.current_language()
        for code, act in self.actions.items():
            act.setStatusTip(self.tr("Switch the interface language now (no restart)"))
            act.setChecked(code == current)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # passed on by the window
            self.retranslate()
        return super().event(event)

    def choose(self, lang: str) -> None:
        """The user picked ``lang``: remember it and switch once this click is over."""
        if lang == i18n.current_language():
            self.ctx.settings.set_language(lang)
            return
        # After the action's own signal: the menu's texts change under it.
        QTimer.singleShot(0, self, lambda: switch(self.ctx.host, lang,
                                                  settings=self.ctx.settings))


def startup_language(lang: str | None = None) -> str | None:
    """The language to start in: ``lang`` (``--lang``), else the saved choice, else
    None (follow the system locale)."""
    if lang:
        return lang
    from .settings import Settings

    return Settings().language() or None


def switch(window: QWidget | None, lang: str, *, remember: bool = True,
           settings: object | None = None) -> None:
    """Speak ``lang`` from now on: install its translator; every widget re-sets its texts
    (``window`` says so in its status bar).  With ``remember`` the choice is saved for
    the next start (in ``settings``, default the app's settings).
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lang = lang.replace("-", "_").split("_")[0].lower()  # "ko_KR" -> "ko"
    if remember:
        from .settings import Settings

        (settings if isinstance(settings, Settings) else Settings()).set_language(lang)
    if lang != i18n.current_language():
        i18n.install_translator(app, lang)
        # Qt posts LanguageChange to the top-level widgets: deliver it now, so the
        # caller sees every text in the new language when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        now = i18n.current_language()
        name = i18n.LANGUAGE_NAMES.get(now, now)
        message = QCoreApplication.translate("LanguageMenu", "Language: {name}").format(
            name=name)
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 4000)
