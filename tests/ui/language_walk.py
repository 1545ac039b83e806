"""Walk what a window shows and find words of the wrong language (a test helper).

``shown_texts(window)`` lists every text a user can see now: labels, buttons, tool
buttons, group boxes, tab texts, table and tree headers and their visible cells,
combo items, line-edit placeholders, read-only rich text (narration, lesson
pages), tooltips of visible widgets, dock titles, the menus of the menu bar with
their actions, and the actions of visible toolbars.  Each text comes with where it
was found, so a failure names the widget.

``english_leftovers(texts)`` keeps the texts that still hold an English word after a
switch to Korean; ``hangul_leftovers(texts)`` the texts with Hangul after a switch
back to English.  What counts as a word, and what is allowed, is documented at
``ALLOWED`` below: formulas, identifiers, numbers, op names (``sin``, ``log``),
PyTorch and Python names (``grad_fn``, ``MulBackward0``), file types and keys.

Used by the language-switch tests of the panels and of the lesson pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QWidget,
)

from autodiff_gui.core import ops
from autodiff_gui.ui.app.i18n import LANGUAGE_NAMES

Found = tuple[str, str]  # (where, text)
MAX_ROWS = 40  # visible cells are read from the first rows of a table only

# Words that stay as they are in a Korean interface:
# * op names and their symbols' words (the expression bar takes them: ``sin``, ``log``,
#   ``matmul``), and the function names a formula uses;
# * PyTorch / Python / NumPy names quoted as code (``PyTorch``, ``backward``, ``grad``,
#   ``zero_grad``, ``retain_graph``, ``grad_tensors``, ``gradcheck``, ``optimizer``);
# * file types, keys and shortcut names (``CSV``, ``PNG``, ``Ctrl``, ``Space``);
# * the names of the languages in the language menu (each named in itself);
# * the tolerances' symbols (``atol``, ``rtol``, ``eps``), ``dout`` (the gradient arriving at
#   a node, as micrograd and the trace call it) and the app's name.
# Any token with a digit, an underscore, a dot or brackets is an identifier or a
# formula (``x.grad``, ``grad_fn``, ``MulBackward0``, ``f(x)``); one or two letters
# are variables (``x``, ``dx``, ``f``); text in single quotes is what the user typed.
ALLOWED = frozenset({
    *ops.OPS, *(op.symbol for op in ops.OPS.values()),  # a block's label: LSE, soft+
    "exp", "log", "sqrt", "sin", "cos", "tan", "abs", "tanh", "sigmoid", "relu",
    "sum", "mean", "matmul", "pow", "neg", "max", "min", "ln",
    "PyTorch", "torch", "Torch", "autograd", "backward", "forward", "grad", "grads", "tensor",
    "tensors", "Tensor", "requires", "optimizer", "gradcheck", "float", "dtype", "numpy",
    "NumPy", "Python", "json", "JSON", "repr", "None", "True", "False", "print", "import",
    "CSV", "PNG", "SVG", "UTF", "Ctrl", "Shift", "Alt", "Meta", "Space", "Home", "End",
    "Left", "Right", "Up", "Down", "Tab", "Esc", "Enter", "Return", "Del", "Delete", "Backspace",
    "PgUp", "PgDown", "English", "Autodiff", "Studio", "atol", "rtol", "eps", "nan", "inf",
    "Richardson", "Jacobian", "simpleautodiff", "micrograd", "dout",
})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.]*(?:\(\))?")
_QUOTED = re.compile(r"'[^'\n]*'")
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _showing(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def _where(widget: QWidget | QAction | QMenu, what: str) -> str:
    name = widget.objectName() or type(widget).__name__
    return f"{name}.{what}"


def _view_texts(view: QAbstractItemView) -> Iterable[Found]:
    model = view.model()
    if model is None:
        return
    header = getattr(view, "horizontalHeader", None)
    if callable(header) and isinstance(header(), QHeaderView) and not header().isHidden():
        for c in range(model.columnCount()):
            if not view.isColumnHidden(c) if hasattr(view, "isColumnHidden") else True:
                text = model.headerData(c, Qt.Orientation.Horizontal)
                yield _where(view, f"header[{c}]"), str(text or "")
    if isinstance(view, QTreeWidget) and not view.isHeaderHidden():
        item = view.headerItem()
        for c in range(view.columnCount()):
            yield _where(view, f"header[{c}]"), item.text(c)
    if isinstance(view, QTreeWidget):
        for i in range(view.topLevelItemCount()):
            top = view.topLevelItem(i)
            if top.isHidden():
                continue
            yield _where(view, f"item[{i}]"), top.text(0)
            for j in range(top.childCount()):
                child = top.child(j)
                if not child.isHidden():
                    for c in range(view.columnCount()):
                        yield _where(view, f"item[{i},{j}][{c}]"), child.text(c)
                        yield _where(view, f"item[{i},{j}].toolTip[{c}]"), child.toolTip(c)
        return
    for r in range(min(MAX_ROWS, model.rowCount())):
        for c in range(model.columnCount()):
            text = model.data(model.index(r, c))
            if text is not None:
                yield _where(view, f"cell[{r},{c}]"), str(text)


def _menu_texts(menu: QMenu, path: str) -> Iterable[Found]:
    yield f"{path}.title", menu.title()
    for act in menu.actions():
        if act.isSeparator() or not act.isVisible():
            continue
        sub = act.menu()
        if isinstance(sub, QMenu):
            yield from _menu_texts(sub, f"{path}/{sub.objectName() or sub.title()}")
        else:
            yield f"{path}/{act.objectName() or act.text()}.text", act.text()


def shown_texts(window: QWidget) -> list[Found]:
    """Every text of ``window`` a user can see now, with where it was found."""
    found: list[Found] = []
    widgets = [window, *window.findChildren(QWidget)]
    for w in widgets:
        if not _showing(w):
            continue
        if w.toolTip():
            found.append((_where(w, "toolTip"), _plain(w.toolTip())))
        if isinstance(w, QLabel):
            found.append((_where(w, "text"), _plain(w.text())))
        elif isinstance(w, QAbstractButton):
            found.append((_where(w, "text"), w.text()))
        elif isinstance(w, QGroupBox):
            found.append((_where(w, "title"), w.title()))
        elif isinstance(w, QTabBar):
            found += [(_where(w, f"tab[{i}]"), w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            found += [(_where(w, f"item[{i}]"), w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            found.append((_where(w, "placeholder"), w.placeholderText()))
        elif isinstance(w, QTextBrowser):
            found.append((_where(w, "text"), w.toPlainText()))
        elif isinstance(w, QAbstractItemView):
            found += list(_view_texts(w))
        elif isinstance(w, QDockWidget):
            found.append((_where(w, "windowTitle"), w.windowTitle()))
        elif isinstance(w, QToolBar):
            for act in w.actions():
                if act.isVisible() and not act.isSeparator():
                    found.append((_where(act, "text"), act.text()))
                    found.append((_where(act, "toolTip"), act.toolTip()))
    if isinstance(window, QMainWindow):
        for act in window.menuBar().actions():
            menu = act.menu()
            if isinstance(menu, QMenu) and act.isVisible():
                found += list(_menu_texts(menu, menu.objectName() or "menu"))
    return [(where, text) for where, text in found if text and text.strip()]


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English and not allowed (see ``ALLOWED``)."""
    words = []
    text = _QUOTED.sub("", text.replace("&", ""))  # 'abc': what the user typed, quoted
    for token in _TOKEN.findall(text):
        if len(token) <= 2 or token in ALLOWED or token.lower() in ALLOWED:
            continue
        if any(ch.isdigit() or ch in "_.()" for ch in token):
            continue
        words.append(token)
    return words


def english_leftovers(texts: Iterable[Found]) -> list[tuple[str, str, list[str]]]:
    """Texts that still hold English words: (where, text, words)."""
    out = []
    for where, text in texts:
        words = english_words(text)
        if words:
            out.append((where, text, words))
    return out


def hangul_leftovers(texts: Iterable[Found]) -> list[Found]:
    """Texts with Hangul in them (but a language's own name in the language menu)."""
    names = set(LANGUAGE_NAMES.values())
    return [(where, text) for where, text in texts
            if HANGUL.search(text) and text.replace("&", "") not in names]


def report(leftovers: Iterable[tuple]) -> str:
    """One line per leftover, for an assertion message."""
    return "\n".join(" | ".join(str(part)[:160] for part in entry) for entry in leftovers)
