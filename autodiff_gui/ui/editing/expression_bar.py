"""The expression bar: type a function (or a program of named steps), build its graph.

The bar only edits text and shows errors; the window owns parsing and the undo
step (so the bar stays testable without a document).  Building emits
``submitted(text)``; the window answers with ``applied()`` or
``show_error(message, position, end)``.  When the graph changes by mouse the window
calls ``show_expression(text)``, which leaves the text alone while the user is
typing in the bar.

The editor is a small multi-line one: on a single line Enter builds (as it always did);
once the text spans lines (Shift+Enter starts a new one) Enter starts a new line too,
and Ctrl+Enter builds.  The box grows with its lines, up to ``MAX_LINES``.  An error
marks its characters on their own line (``line 3: c = a + ?b``).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ...core.expr import is_program
from ..app.i18n import translate_error

Message = str | BaseException | Callable[[], str]
CONTEXT_CHARS = 30  # characters shown either side of the marked error
MAX_LINES = 8  # the box grows with the program up to this many lines, then scrolls


class _ExpressionEdit(QPlainTextEdit):
    """A small plain-text editor with the line edit's vocabulary (``text``, ``setText``,
    selections by offset): Enter builds a one-line text, Ctrl+Enter always builds,
    Escape gives back the graph's current text."""

    escaped = Signal()
    returnPressed = Signal()  # noqa: N815 (the line edit's name: build now)
    textEdited = Signal(str)  # noqa: N815 (typed by the user, not set by the program)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setting = False
        self.setTabChangesFocus(True)  # Tab leaves the bar, as it did the line edit
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_changed)

    # -- the line edit's vocabulary ------------------------------------------
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False
        self.moveCursor(QTextCursor.MoveOperation.End)  # where a line edit leaves it

    def cursorPosition(self) -> int:  # noqa: N802 (Qt naming)
        return self.textCursor().position()

    def setCursorPosition(self, position: int) -> None:  # noqa: N802 (Qt naming)
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def setSelection(self, start: int, length: int) -> None:  # noqa: N802 (Qt naming)
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def selectionStart(self) -> int:  # noqa: N802 (Qt naming)
        return self.textCursor().selectionStart()

    def selectedText(self) -> str:  # noqa: N802 (Qt naming)
        return self.textCursor().selectedText().replace("\u2029", "\n")

    # -- keys and size -----------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if ctrl or (not shift and "\n" not in self.toPlainText()):
                self.returnPressed.emit()
                return
            self.insertPlainText("\n")  # a program's next line (no rich-text break)
            return
        super().keyPressEvent(event)

    def _on_changed(self) -> None:
        self.fit_height()
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def fit_height(self) -> None:
        """As tall as its lines (wrapped ones count), between 1 and ``MAX_LINES``."""
        lines = max(1, min(MAX_LINES, round(self.document().size().height())))
        # The plain-text layout counts lines; the frame and the document's margin
        # around them, plus a pixel or two of rounding, make the box.
        height = (lines * self.fontMetrics().lineSpacing()
                  + 2 * self.document().documentMargin() + 2 * self.frameWidth() + 2)
        if self.height() != int(height):
            self.setFixedHeight(int(height))
        fits = round(self.document().size().height()) <= MAX_LINES
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if fits:
            self.verticalScrollBar().setValue(0)  # all of it shows: none scrolled away

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.fit_height()  # wrapping changes with the width

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_height()


class ExpressionBar(QWidget):
    """A line edit for the function, with an error line under it."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expressionBar")
        self._graph_text = ""  # what the graph says, to restore on Escape

        self.prefix = QLabel(self)
        self.edit = _ExpressionEdit(self)
        self.edit.setObjectName("expressionEdit")
        self.edit.returnPressed.connect(self._submit)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.textChanged.connect(self._set_prefix)
        self.edit.escaped.connect(self.revert)

        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        base = self.font().pointSizeF()
        font.setPointSizeF(max(base, font.pointSizeF()) * 1.2)
        self.edit.setFont(font)
        prefix_font = QFont(font)
        prefix_font.setItalic(True)
        self.prefix.setFont(prefix_font)

        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("expressionApply")
        self.apply_button.clicked.connect(self._submit)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("expressionError")
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Ignored: a long word in a message (a 300-character expression without spaces)
        # must not widen the window past the screen; the label takes the bar's width.
        self.error_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.error_label.hide()
        self._error = ""
        # The error shown, to say it again in a new language: (message, position, end).
        self._shown: tuple[Message, int | None, int | None] | None = None

        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 2)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        top = Qt.AlignmentFlag.AlignTop
        layout.addWidget(self.prefix, 0, 0, top)
        layout.addWidget(self.edit, 0, 1)
        layout.addWidget(self.apply_button, 0, 2, top)
        layout.addWidget(self.error_label, 1, 1, 1, 2)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (also on a language change)."""
        self._set_prefix()
        self.edit.setPlaceholderText(
            self.tr("Type a function, e.g. (x**2 + 2*x) * log(y), and press Enter"))
        self.edit.setToolTip(self.tr(
            "Operators: + - * / ** @ and parentheses; functions: exp log sqrt sin cos tan "
            "abs tanh sigmoid relu sum mean matmul.\nEnter builds the graph (undo with "
            "Ctrl+Z); Escape restores the text of the current graph.\nNamed steps, one per "
            "line or separated by ';': a = x**2; b = 2*x; z = a*b (Shift+Enter starts a new "
            "line; on several lines Enter does too and Ctrl+Enter builds)."))
        self.apply_button.setText(self.tr("Build graph"))
        self.apply_button.setToolTip(self.tr("Build the graph of this function (Enter; "
                                             "Ctrl+Enter in a program of several lines)"))
        if self._shown is not None:
            self._render_error(*self._shown)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_prefix(self) -> None:
        # "f = a = x**2" would misread a program: its steps say what f is.
        program = is_program(self.edit.text())
        self.prefix.setText(self.tr("f:") if program else self.tr("f ="))

    # -- state --------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Set the text as if typed (does not submit)."""
        self.edit.setText(text)

    @property
    def error(self) -> str:
        """The plain message of the error shown ('' if none)."""
        return self._error

    def is_typing(self) -> bool:
        """True while the text is the user's, not the graph's: it differs from the graph
        and the bar has focus or shows an error about that text (a refused expression
        stays to be corrected, whatever else refreshes the window; Escape drops it)."""
        return self.edit.text() != self._graph_text and (
            self.edit.hasFocus() or self._shown is not None)

    # -- the window's answers -------------------------------------------------
    def show_expression(self, text: str, *, force: bool = False) -> None:
        """Show the graph's text, unless the user is typing (``force`` overrides)."""
        self._graph_text = text
        if force or not self.is_typing():
            self.edit.setText(text)
            self.edit.setCursorPosition(len(text))
            if force:
                self.clear_error()

    def applied(self, text: str) -> None:
        """The text became the graph: keep it and drop any error."""
        self._graph_text = text
        self.edit.setText(text)
        self.clear_error()

    def show_error(self, message: Message, position: int | None = None,
                   end: int | None = None) -> None:
        """Show ``message`` under the bar; mark characters ``position:end`` of the text.

        ``message`` is a text, a core error (said with ``translate_error``) or a function
        making the text; the last two are said again after a language change."""
        self._shown = (message, position, end)
        self._render_error(message, position, end, select=True)

    def _render_error(self, source: Message, position: int | None, end: int | None,
                      select: bool = False) -> None:
        if isinstance(source, BaseException):
            message = translate_error(source)
        elif callable(source):
            message = source()
        else:
            message = source
        text = self.edit.text()
        self._error = message
        lines = [f"<b>{html.escape(message)}</b>"]
        if position is not None and 0 <= position <= len(text):
            # The mark stays on the line that holds the error (a program has several).
            first = text.rfind("\n", 0, position) + 1
            last = text.find("\n", position)
            last = len(text) if last < 0 else last
            stop = end if end is not None and end > position else position + 1
            stop = max(position, min(stop, last))
            before, bad, after = text[first:position], text[position:stop], text[stop:last]
            where = ""
            if "\n" in text:
                where = self.tr("line {n}: ").format(n=text.count("\n", 0, position) + 1)
            # A long text is shown around the mark only (one line has no room for more).
            if len(before) > CONTEXT_CHARS:
                before = "…" + before[-CONTEXT_CHARS:]
            if len(after) > CONTEXT_CHARS:
                after = after[:CONTEXT_CHARS] + "…"
            # A missing token at the end is shown as a marked blank.
            shown_bad = html.escape(bad) if bad else "&nbsp;"
            lines.append(
                f"{html.escape(where)}<span style='font-family: monospace'>"
                f"{html.escape(before)}"
                "<span style='background-color:#ffd6d6; color:#b00020;"
                " text-decoration: underline'>"
                f"{shown_bad}</span>{html.escape(after)}</span>")
            if select and bad:
                self.edit.setSelection(position, stop - position)
            elif select:
                self.edit.setCursorPosition(position)
        self.error_label.setText("<span style='color:#c62828'>" + "<br>".join(lines)
                                 + "</span>")
        self.error_label.setToolTip(message)
        self.error_label.show()

    def clear_error(self) -> None:
        self._error = ""
        self._shown = None
        self.error_label.clear()
        self.error_label.hide()

    def revert(self) -> None:
        """Drop what was typed: show the graph's text again."""
        self.show_expression(self._graph_text, force=True)

    # -- internals ------------------------------------------------------------
    def _submit(self) -> None:
        self.submitted.emit(self.edit.text())

    def _on_edited(self, _text: str) -> None:
        # Positions in an old message no longer match what is typed.
        if self._error:
            self.clear_error()
