"""View ▸ Language: the menu, the remembered choice, and switching with no restart.

Switching rebuilds the window: the construction code of every panel is the one
place its strings are written, so building the window again in the new language
translates everything, including panels this module knows nothing about.  The
new window adopts the *same* Document and QUndoStack (undo history, clean state
and file stay), and takes over what the user sees: geometry, dock layout, view
zoom and selection, the stepping position and settings, and the lessons and
presentation states when those components offer ``state()`` / ``restore_state()``.

``attach(window)`` adds the menu (called at the end of ``MainWindow.__init__``);
``switch(window, lang)`` does the rest and returns the new window.  The choice is
saved in the settings; ``run_gui(lang=...)`` (``--lang``) overrides it unsaved.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu
from shiboken6 import isValid

from . import i18n

# Windows made by switch(): a top-level widget needs a Python reference to live.
_windows: list[QMainWindow] = []


def last_window() -> QMainWindow | None:
    """The window the most recent switch made (None before any switch)."""
    return _windows[-1] if _windows else None


class LanguageMenu(QObject):
    """The View ▸ Language submenu: one checkable action per shipped language."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("languageMenu")
        self.window = window
        self.menu = QMenu(self.tr("&Language"), window)
        self.menu.setObjectName("menuLanguage")
        self.menu.setToolTipsVisible(True)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        current = i18n.current_language()
        for code in i18n.available_languages():
            # Each language is named in itself, so anyone can find their own.
            act = QAction(i18n.LANGUAGE_NAMES.get(code, code), self.menu)
            act.setObjectName(f"actionLanguage_{code}")
            act.setCheckable(True)
            act.setChecked(code == current)
            act.setData(code)
            act.setStatusTip(self.tr("Switch the interface language now (no restart)"))
            act.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(act)
            self.menu.addAction(act)
            self.actions[code] = act
        view_menu = getattr(window, "view_menu", None)
        if isinstance(view_menu, QMenu):
            view_menu.addSeparator()
            view_menu.addMenu(self.menu)
        else:
            window.menuBar().addMenu(self.menu)

    def choose(self, lang: str) -> None:
        """The user picked ``lang``: remember it and switch once this click is over."""
        window = self.window
        if lang == i18n.current_language():
            _settings(window).set_language(lang)
            return
        # Not inside the action's own signal: the switch deletes this menu.
        QTimer.singleShot(0, lambda: isValid(window) and switch(window, lang))


def attach(window: QMainWindow) -> LanguageMenu:
    """Add View ▸ Language to ``window`` (once) and return it; tidies the toolbar
    texts of the window's actions (see ``tidy_icon_texts``)."""
    existing = getattr(window, "language_menu", None)
    if isinstance(existing, LanguageMenu):
        return existing
    menu = LanguageMenu(window)
    window.language_menu = menu  # type: ignore[attr-defined]
    tidy_icon_texts(window)
    return menu


_MNEMONIC = re.compile(r"\s*\(&([^&\s])\)")


def icon_text(text: str) -> str:
    """A menu text as a toolbar button shows it: ``새로 만들기(&N)…`` -> ``새로 만들기``.

    Korean (like Chinese and Japanese) menus put the accelerator after the word in
    brackets; Qt only drops the ``&``, which would leave ``새로 만들기(N)`` on buttons.
    """
    text = _MNEMONIC.sub("", text)
    text = re.sub(r"&(.)", r"\1", text)  # "&&" -> "&", "&x" -> "x"
    for tail in ("…", "..."):
        text = text.removesuffix(tail)
    return text.strip()


def _tidy(action: QAction) -> None:
    text = action.text()
    if not _MNEMONIC.search(text):
        return
    wanted = icon_text(text)
    if action.property("autodiffOwnToolTip") is None:
        # Qt derives a tooltip from the text unless one was set: then it is ours to tidy.
        derived = action.toolTip() == text.replace("&", "")
        action.setProperty("autodiffOwnToolTip", derived)
    if action.iconText() != wanted:
        action.setIconText(wanted)  # emits changed again, then is equal: no loop
    if action.property("autodiffOwnToolTip") and action.toolTip() != wanted:
        action.setToolTip(wanted)


def tidy_icon_texts(window: QObject) -> None:
    """Give every action of ``window`` whose text has a bracketed accelerator a clean
    icon text (toolbar buttons, default tooltips), now and whenever its text changes."""
    for action in window.findChildren(QAction):
        if action.property("autodiffTidyIconText"):
            continue
        action.setProperty("autodiffTidyIconText", True)
        _tidy(action)
        action.changed.connect(lambda a=action: isValid(a) and _tidy(a))


def _settings(window: QMainWindow) -> Any:
    settings = getattr(window, "settings", None)
    if settings is None:
        from .settings import Settings

        settings = Settings()
    return settings


def startup_language(lang: str | None = None) -> str | None:
    """The language to start in: ``lang`` (``--lang``), else the saved choice, else
    None (follow the system locale)."""
    if lang:
        return lang
    from .settings import Settings

    return Settings().language() or None


# -- switching ------------------------------------------------------------------------

def switch(window: QMainWindow, lang: str, *, remember: bool = True) -> QMainWindow:
    """Speak ``lang`` from now on: new translators, and the window rebuilt in it.

    Returns the window to use from now on (``window`` itself if nothing changed).
    With ``remember`` the choice is saved for the next start.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lang = lang.replace("-", "_").split("_")[0].lower()  # "ko_KR" -> "ko"
    if remember:
        _settings(window).set_language(lang)
    if lang == i18n.current_language():
        menu = getattr(window, "language_menu", None)
        if isinstance(menu, LanguageMenu) and lang in menu.actions:
            menu.actions[lang].setChecked(True)
        return window
    state = capture(window)
    i18n.install_translator(app, lang)
    stack = getattr(window, "undo_stack", None)
    if stack is not None:  # the history outlives the window: say it in the new language
        from ..editing.commands import retranslate_stack

        retranslate_stack(stack)
    new = rebuild(window, state)
    if remember:
        new.settings.set_language(lang)  # type: ignore[attr-defined]
    now = i18n.current_language()
    name = i18n.LANGUAGE_NAMES.get(now, now)
    message = QCoreApplication.translate("LanguageMenu", "Language: {name}").format(name=name)
    show = getattr(new, "show_message", None)
    if callable(show):
        show(message, 4000)
    return new


def capture(window: QMainWindow) -> dict[str, Any]:
    """What the user sees and has set, beyond the document and its undo stack.

    A presentation in progress is left first (so the normal layout is what is
    kept) and entered again in the new window, unless the presentation component
    saves and restores its own ``state()``.
    """
    presenting: Any = None
    part = getattr(window, "presentation", None)
    if part is not None and callable(getattr(part, "state", None)):
        presenting = part.state()
    elif part is not None and _is_active(part) and callable(getattr(part, "leave", None)):
        part.leave()
        presenting = True
    state: dict[str, Any] = {
        "geometry": window.saveGeometry(),
        "rect": window.geometry(),
        "layout": window.saveState(),
        "visible": window.isVisible(),
        "window_state": window.windowState(),
        "path": getattr(window, "current_path", None),
    }
    for attr in ("persist_settings", "pending_steps", "last_error"):
        if hasattr(window, attr):
            state[attr] = getattr(window, attr)
    # Hooks a test or a script injected (not the window's own dialog methods).
    for attr in ("ask_unsaved", "report_error"):
        hook = getattr(window, attr, None)
        if hook is not None and getattr(hook, "__self__", None) is not window:
            state[attr] = hook
    view = getattr(window, "view", None)
    if view is not None:
        state["view"] = (view.transform(),
                         view.mapToScene(view.viewport().rect().center()))
    scene = getattr(window, "scene", None)
    if scene is not None and hasattr(scene, "selected_nodes"):
        state["selection"] = scene.selected_nodes()
    bar = getattr(window, "expression_bar", None)
    if bar is not None and bar.is_typing():
        state["typed"] = bar.text()
    palette = getattr(window, "palette_widget", None)
    if palette is not None:
        state["filter"] = palette.filter_edit.text()
    state["run"] = _capture_run(getattr(window, "run_panel", None))
    lessons = getattr(window, "lessons", None)
    if lessons is not None and callable(getattr(lessons, "state", None)):
        state["lessons"] = lessons.state()
    if presenting is not None:
        state["presentation"] = presenting
    return state


def _is_active(part: Any) -> bool:
    active = getattr(part, "is_active", False)
    return bool(active() if callable(active) else active)


def _capture_run(panel: Any) -> dict[str, Any] | None:
    c = getattr(panel, "controller", None)
    if c is None:
        return None
    view = getattr(c, "view", None)
    at_error = bool(getattr(view, "at_error", False))
    slider = getattr(panel, "speed_slider", None)
    # The .grad this pass started from (a finished pass has already added itself to
    # ``accumulated``): the new window replays the pass on top of it.
    base = dict(c.accumulated)
    if view is not None:
        names = {node: name for name, node in view.program.input_nodes.items()}
        base = {names[n]: g for n, g in view.base.items() if n in names}
    return {
        "mode": c.mode, "wrt": c.wrt, "upstream": c.upstream_text,
        "accumulate": c.accumulate, "accumulated": dict(c.accumulated), "base": base,
        "speed": slider.value() if slider is not None else None,
        # One past the records: the position that shows the error where a pass stopped.
        "position": c.position + (1 if at_error else 0),
        "playing": c.playing,
    }


def rebuild(old: QMainWindow, state: dict[str, Any]) -> QMainWindow:
    """A new MainWindow around ``old``'s document and undo stack, in the current
    language, showing what ``state`` (from ``capture``) says; ``old`` is deleted."""
    from ..window.main_window import MainWindow

    assert isinstance(old, MainWindow)
    new = MainWindow(old.document, settings=old.settings, restore=False,
                     share_document=True, undo_stack=old.undo_stack,
                     layout_state=state["layout"])
    release(old)
    for attr in ("persist_settings", "pending_steps", "last_error", "ask_unsaved",
                 "report_error"):
        if attr in state:
            setattr(new, attr, state[attr])
    new.current_path = state["path"]
    new._update_title()
    new.restoreGeometry(state["geometry"])
    if not state["window_state"] & (Qt.WindowState.WindowMaximized
                                    | Qt.WindowState.WindowFullScreen):
        new.setGeometry(state["rect"])  # exactly where the old one was (no clamping)
    _restore_view(new, state)
    _restore_run(new, state.get("run"))
    if "lessons" in state and callable(getattr(getattr(new, "lessons", None),
                                               "restore_state", None)):
        new.lessons.restore_state(state["lessons"])  # type: ignore[attr-defined]
    _windows[:] = [w for w in _windows if isValid(w) and w is not old]
    _windows.append(new)
    new.destroyed.connect(lambda *_: _forget(new))
    if state["visible"]:
        new.setWindowState(state["window_state"])
        new.show()
        new.raise_()
        new.activateWindow()
    _restore_presentation(new, state.get("presentation"))
    old.hide()
    old.deleteLater()
    return new


def _forget(window: QMainWindow) -> None:
    if window in _windows:
        _windows.remove(window)


def release(old: QMainWindow) -> None:
    """Unhook ``old`` from the shared document and stop its timers and workers."""
    doc = old.document  # type: ignore[attr-defined]
    panel = getattr(old, "run_panel", None)
    if panel is not None:
        if callable(getattr(panel, "shutdown", None)):
            panel.shutdown()
        controller = getattr(panel, "controller", None)
        if controller is not None and callable(getattr(controller, "detach", None)):
            controller.detach()
    scene = getattr(old, "scene", None)
    if scene is not None and callable(getattr(scene, "detach", None)):
        scene.detach()
    inputs = getattr(old, "inputs_panel", None)
    if inputs is not None and callable(getattr(inputs.model, "detach", None)):
        inputs.model.detach()
    for name in ("lessons", "presentation"):
        part = getattr(old, name, None)
        if part is not None and callable(getattr(part, "detach", None)):
            part.detach()
    # Anything else of the old window still listening (a panel added later): its
    # bound methods belong to QObjects under the old window.
    for listener in list(getattr(doc, "_listeners", ())):
        owner = getattr(listener, "__self__", None)
        if owner is not None and _belongs_to(owner, old):
            doc.unsubscribe(listener)


def _belongs_to(obj: Any, window: QObject) -> bool:
    if not isinstance(obj, QObject) or not isValid(obj):
        return False
    while obj is not None:
        if obj is window:
            return True
        obj = obj.parent()
    return False


def _restore_view(new: Any, state: dict[str, Any]) -> None:
    if "view" in state:
        transform, centre = state["view"]
        new.view.setTransform(transform)
        new.view.centerOn(QPointF(centre))
    for node in state.get("selection", ()):
        item = new.scene.node_item(node)
        if item is not None:
            item.setSelected(True)
    if "typed" in state:
        new.expression_bar.set_text(state["typed"])
    if state.get("filter"):
        new.palette_widget.set_filter(state["filter"])


def _restore_run(new: Any, run: dict[str, Any] | None) -> None:
    panel = getattr(new, "run_panel", None)
    if run is None or panel is None:
        return
    c = panel.controller
    settings = getattr(panel, "settings", None)
    if run["speed"] is not None and hasattr(panel, "speed_slider"):
        panel.speed_slider.setValue(run["speed"])
    if settings is not None and hasattr(settings, "mode_box"):
        # Through the widgets, so they show what the controller does.
        if run["wrt"]:
            settings.wrt_box.setCurrentText(run["wrt"])
        index = settings.mode_box.findData(run["mode"])
        if index >= 0:
            settings.mode_box.setCurrentIndex(index)
        if run["upstream"] != c.upstream_text:
            settings.upstream_edit.setText(run["upstream"])
            settings.apply_upstream()
        if run["accumulate"] != c.accumulate:
            settings.accumulate.setChecked(run["accumulate"])
    else:
        c.set_mode(run["mode"], run["wrt"])
        if run["upstream"] != c.upstream_text:
            c.set_upstream(run["upstream"])
        if run["accumulate"] != c.accumulate:
            c.set_accumulate(run["accumulate"])
    if c.mode != run["mode"] or c.wrt != run["wrt"]:
        c.set_mode(run["mode"], run["wrt"])
    if run["accumulate"]:
        # The pass shows (and, once finished, counts) its gradients on top of this.
        c.accumulated = dict(run["base"])
    if run["position"]:
        c.go_to(run["position"])
    if run["accumulated"]:
        # After the steps: a finished run counted into .grad once, in the old window.
        c.accumulated = dict(run["accumulated"])
        c.accumulatedChanged.emit()
    if run["playing"]:
        c.play()


def _restore_presentation(new: Any, saved: Any) -> None:
    part = getattr(new, "presentation", None)
    if saved is None or part is None:
        return
    if saved is not True and callable(getattr(part, "restore_state", None)):
        part.restore_state(saved)
        return
    if callable(getattr(part, "enter", None)):
        part.enter()
