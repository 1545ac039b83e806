"""Menu texts as toolbar buttons and hints show them: without the accelerator mark.

Korean (like Chinese and Japanese) menus put the accelerator after the word in
brackets (``새로 만들기(&N)``); Qt only drops the ``&``, which would leave
``새로 만들기(N)`` on toolbar buttons.  ``tidy_icon_texts`` gives such actions a
clean icon text (and default tooltip), now and whenever their text changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar, QWidget
from shiboken6 import isValid

_MNEMONIC = re.compile(r"\s*\(&([^&\s])\)")


def icon_text(text: str) -> str:
    """A menu text as a toolbar button shows it: ``새로 만들기(&N)…`` -> ``새로 만들기``."""
    text = _MNEMONIC.sub("", text)
    text = re.sub(r"&(.)", r"\1", text)  # "&&" -> "&", "&x" -> "x"
    for tail in ("…", "..."):
        text = text.removesuffix(tail)
    return text.strip()


def _tidy(action: QAction) -> None:
    text = action.text()
    if not _MNEMONIC.search(text):
        if action.property("autodiffTidied"):
            # Tidied in another language: let Qt derive both from the new text again.
            action.setProperty("autodiffTidied", False)
            action.setIconText("")
            if action.property("autodiffOwnToolTip"):
                action.setToolTip("")
        return
    action.setProperty("autodiffTidied", True)
    wanted = icon_text(text)
    if action.property("autodiffOwnToolTip") is None:
        # Qt derives a tooltip from the text unless one was set: then it is ours to tidy.
        derived = action.toolTip() == text.replace("&", "")
        action.setProperty("autodiffOwnToolTip", derived)
    if action.iconText() != wanted:
        action.setIconText(wanted)  # emits changed again, then is equal: no loop
    if action.property("autodiffOwnToolTip") and action.toolTip() != wanted:
        action.setToolTip(wanted)


def _with_submenus(actions: Iterable[QAction]) -> Iterator[QAction]:
    for action in actions:
        yield action
        menu = action.menu()
        if menu is not None:
            yield from _with_submenus(menu.actions())


def shown_actions(window: QMainWindow) -> Iterator[QAction]:
    """The actions ``window`` shows: its own (shortcuts), its menus' (with their
    submenus') and its toolbars'.  Walking these is several times faster at start-up
    than ``findChildren(QAction)``, which wraps every object of the window in Python."""
    yield from _with_submenus(QWidget.actions(window))
    yield from _with_submenus(window.menuBar().actions())
    for bar in window.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        yield from _with_submenus(bar.actions())


def tidy_icon_texts(window: QMainWindow) -> None:
    """Give every action ``window`` shows whose text has a bracketed accelerator a clean
    icon text (toolbar buttons, default tooltips), now and whenever its text changes.
    Actions made later are handled when this is called again (once per action)."""
    for action in shown_actions(window):
        if action.property("autodiffTidyIconText"):
            continue
        action.setProperty("autodiffTidyIconText", True)
        _tidy(action)
        action.changed.connect(lambda a=action: isValid(a) and _tidy(a))
