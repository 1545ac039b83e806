"""Pointing at a control: the pulsing frame, and the hint line that says what to press.

``ControlPointer`` draws a pulsing coloured frame over a control ("press this").
``PagePointer`` does what a lesson page's ``point_at`` asks: it finds the toolbar
button of that action (or the widget of that name), frames it, notices when it is
used, and keeps the hint line under the page text up to date ("Press Next step (→)
until step 5 (now at step 3)."), in the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRect,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
)
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar, QToolButton, QWidget

from ...course.lessons import Page
from ..app.mnemonics import icon_text
from ..run.stepping import StepController

POINTER_COLOR = "#ff6d00"
HINT_COLOR = "#e65100"
DONE_COLOR = "#2e7d32"
# Actions that move the pass forward: disabled once it is at its end.
PASS_ACTIONS = ("actionNextStep", "actionRunToEnd")


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonsPanel", text)


class ControlPointer(QWidget):
    """A pulsing coloured frame drawn over a control, to say "press this".

    It is a transparent, click-through child of the control's top-level window,
    kept on top of its siblings and following the control when it moves.
    """

    MARGIN = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlPointer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.phase = 0.0
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(1100)
        self._anim.setLoopCount(-1)
        self._anim.valueChanged.connect(self._on_phase)
        self.hide()

    def point_at(self, target: QWidget) -> None:
        """Draw the frame around ``target`` (until ``clear``)."""
        self.clear()
        self.target = target
        host = target.window()
        if self.parentWidget() is not host:
            self.setParent(host)
        target.installEventFilter(self)
        host.installEventFilter(self)
        target.destroyed.connect(self._on_destroyed)
        self._place()
        self._anim.start()

    def clear(self) -> None:
        """Remove the frame."""
        target, self.target = self.target, None
        self._anim.stop()
        self.hide()
        if target is not None:
            try:
                target.removeEventFilter(self)
                target.window().removeEventFilter(self)
                target.destroyed.disconnect(self._on_destroyed)
            except (RuntimeError, TypeError):  # the target is being deleted
                pass

    def active(self) -> bool:
        return self.target is not None and self.isVisible()

    def _on_destroyed(self, *_args: Any) -> None:
        self.target = None
        self._anim.stop()
        self.hide()

    def _on_phase(self, value: Any) -> None:
        self.phase = float(value)
        self.update()

    def _place(self) -> None:
        target = self.target
        if target is None:
            return
        if not target.isVisible():
            self.hide()
            return
        host = self.parentWidget()
        top_left = target.mapTo(host, target.rect().topLeft())
        m = self.MARGIN
        self.setGeometry(QRect(top_left.x() - m, top_left.y() - m,
                               target.width() + 2 * m, target.height() + 2 * m))
        self.show()
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self.target is not None and event.type() in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
                QEvent.Type.LayoutRequest, QEvent.Type.ChildAdded):
            QTimer.singleShot(0, self._place)
        return False

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(POINTER_COLOR)
        # 0 → 1 → 0 over a period: a glow that breathes, a frame that stays.
        wave = 1.0 - abs(2.0 * self.phase - 1.0)
        glow = QColor(colour)
        glow.setAlphaF(0.18 + 0.30 * wave)
        m = self.MARGIN
        outer = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        p.setPen(QPen(glow, 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(outer, m, m)
        fill = QColor(colour)
        fill.setAlphaF(0.08 + 0.10 * wave)
        inner = QRectF(self.rect()).adjusted(m - 3, m - 3, -(m - 3), -(m - 3))
        p.setBrush(fill)
        p.setPen(QPen(colour, 3))
        p.drawRoundedRect(inner, 5, 5)
        p.end()


class PagePointer(QObject):
    """What the current page points at, whether it was used, and the hint line."""

    def __init__(self, window: QMainWindow, hint: QLabel, controller: StepController | None,
                 page: Callable[[], Page | None]) -> None:
        super().__init__(hint)
        self.window = window
        self.hint = hint
        self.controller = controller
        self._page = page
        self.pointer = ControlPointer(window)
        self.action: QAction | None = None
        self.widget: QWidget | None = None
        self.missing = False  # the page points at something not on screen
        self.used = False

    def find_target(self, name: str) -> tuple[QAction | None, QWidget | None]:
        """The action or widget called ``name`` and the visible widget that shows it."""
        w = self.window
        action = w.findChild(QAction, name)
        if action is not None:
            for tb in w.findChildren(QToolBar):
                button = tb.widgetForAction(action)
                if button is not None and button.isVisible() and tb.isVisible():
                    return action, button
            for button in w.findChildren(QToolButton):
                if button.defaultAction() is action and button.isVisible():
                    return action, button
            return action, None
        widget = w.findChild(QWidget, name)
        if widget is not None and widget.isVisible():
            return None, widget
        return None, None

    def point(self, name: str) -> None:
        action, widget = self.find_target(name)
        self.action, self.widget = action, widget
        self.missing = widget is None
        if action is not None:
            action.triggered.connect(self._on_used)
        elif widget is not None:
            widget.installEventFilter(self)
        if widget is not None:
            self.pointer.point_at(widget)

    def clear(self) -> None:
        """Stop pointing (the page changed, or the control was used)."""
        self.pointer.clear()
        if self.action is not None:
            try:
                self.action.triggered.disconnect(self._on_used)
            except (RuntimeError, TypeError):
                pass
        elif self.widget is not None:
            self.widget.removeEventFilter(self)
        self.action = self.widget = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if obj is self.widget and self.action is None and event.type() in (
                QEvent.Type.MouseButtonRelease, QEvent.Type.FocusIn):
            QTimer.singleShot(0, self._on_used)
        return False

    def _on_used(self, *_args: Any) -> None:
        self.used = True
        page = self._page()
        if page is not None and page.until_step is not None:
            self.on_position()  # the pointer stays until the step is reached
            return
        self.clear()
        self.update_hint()

    def on_position(self) -> None:
        """The pass moved: the step asked for may be reached, or a Reset undid it."""
        page = self._page()
        c = self.controller
        if page is None or c is None:
            return
        if page.until_step is None:
            if page.point_at in PASS_ACTIONS and self.used and c.position == 0 \
                    and not c.at_error:
                # Reset (or an edit) took the pass back: what was done is undone.
                self.used = False
                self.clear()
                self.point(page.point_at)
                self.update_hint()
            return
        if c.position >= page.until_step and self.pointer.target is not None:
            self.clear()
        self.update_hint()

    def _control_name(self) -> str:
        action = self.action
        page = self._page()
        if action is None:
            return page.point_at if page is not None and page.point_at else ""
        text = icon_text(action.text())  # words only: no "(&N)", no "…"
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        return f"{text} ({key})" if key else text

    def _menu_of(self, action: QAction) -> str:
        for menu in self.window.findChildren(QMenu):
            if action in menu.actions() and menu.title():
                return menu.title().replace("&", "")
        return ""

    def update_hint(self) -> None:
        """Say what to press, or that it is done (in the current language)."""
        page = self._page()
        if page is None or not page.point_at:
            self.hint.hide()
            return
        name = self._control_name()
        c = self.controller
        colour = HINT_COLOR
        if page.until_step is not None and c is not None:
            if c.position >= page.until_step:
                text = _tr("✓ Step {n} reached. Go on to the next page.").format(
                    n=page.until_step)
                colour = DONE_COLOR
            else:
                text = _tr("Press {control} until step {n} (now at step {now}).").format(
                    control=name, n=page.until_step, now=c.position)
        elif self.used:
            text = _tr("✓ Done.")
            colour = DONE_COLOR
        else:
            text = _tr("Press {control}.").format(control=name)
        if self.missing and self.action is not None:
            menu = self._menu_of(self.action)
            if menu:
                text += " " + _tr("(in the {menu} menu)").format(menu=menu)
        elif not self.missing and colour == HINT_COLOR:
            text += " " + _tr("It is framed in orange.")
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {colour};")
        self.hint.show()
