"""Presentation mode: full screen, larger fonts everywhere, editing panels away, exact restore.

Every check reads real widget state (fonts, dock areas, icon sizes, the canvas theme,
window state) before, during and after presentation mode.  ``save_window_png`` is
the screenshot helper; run this file directly to write /tmp/presentation.png:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.test_presentation [out.png]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar, QToolButton

from autodiff_gui.ui.canvas import theme as canvas_theme
from autodiff_gui.ui.canvas.view import MAX_FIT_SCALE
from autodiff_gui.ui.presentation import mode as presentation
from autodiff_gui.ui.window.main_window import MainWindow
from tests.ui.waiting import wait_laid_out, wait_presented

ROOT = Path(__file__).resolve().parents[2]
SHOT_SIZE = (1600, 900)
MID_BACKWARD = 12  # the seed's steps: 9 forward, then the backward pass


def make_window() -> MainWindow:
    w = MainWindow(restore=False)
    w.ask_unsaved = lambda: "discard"
    w.report_error = lambda title, text: None
    w.persist_settings = False
    return w


@pytest.fixture
def win(qtbot):
    w = make_window()
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    qtbot.waitExposed(w)
    wait_laid_out(qtbot, w)  # the Run panel sizes its docks after the show
    yield w
    if w.presentation.is_active:
        w.presentation.leave()
    canvas_theme.set_font_scale(1.0)  # never leak a scaled canvas into other tests
    w.close()


def save_window_png(window: MainWindow, path: str | os.PathLike[str], *,
                    size: tuple[int, int] = SHOT_SIZE, steps: int = MID_BACKWARD,
                    qtbot: Any = None) -> QImage:
    """Put ``window`` in presentation mode at ``size``, take ``steps`` steps, save a PNG.

    Offscreen, full screen takes the virtual screen's size; the window is resized
    afterwards so the picture has the size of a real projector."""
    window.presentation.enter()
    wait_presented(qtbot, window)  # full screen first: a resize before it would be undone
    window.resize(*size)
    wait_presented(qtbot, window)
    controller = window.run_panel.controller
    if controller.position < steps:
        window.run_panel.advance(steps - controller.position)
    wait_presented(qtbot, window)  # the presentation refits the canvas after the resize
    image = window.grab().toImage()
    if not image.save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    return image


def node_item(w: MainWindow, label: str) -> Any:
    """The canvas block of the node the program labels ``label`` (a, b, ..., z)."""
    program = w.run_panel.controller.program
    for n in program.nodes:
        if program.labels[program.index[n]] == label:
            return w.scene.node_item(n)
    raise KeyError(label)


def snapshot(w: MainWindow) -> dict[str, Any]:
    """Everything presentation mode touches, as comparable values."""
    rp = w.run_panel
    step_bar = rp.toolbar
    next_button = step_bar.widgetForAction(rp.actionNextStep)
    assert isinstance(next_button, QToolButton)
    trace = rp.trace.table
    docks = {d.objectName(): (d.isHidden(), d.isFloating(), w.dockWidgetArea(d),
                              d.titleBarWidget() is None)
             for d in w.findChildren(QDockWidget)}
    toolbars = {t.objectName(): (t.isHidden(), t.iconSize(), t.toolButtonStyle(),
                                 w.toolBarArea(t))
                for t in w.findChildren(QToolBar)}
    item = node_item(w, "z")
    theme = w.scene.theme
    return {
        "fonts": [QApplication.font(w).toString(), w.font().toString(),
                  rp.narration.font().toString(), trace.font().toString(),
                  w.value_label.font().toString(), w.expression_bar.edit.font().toString(),
                  next_button.font().toString(), w.statusBar().font().toString(),
                  rp.settings.passes.font().toString()],
        "window_font_set": w.testAttribute(Qt.WidgetAttribute.WA_SetFont),
        "canvas": (canvas_theme.font_scale(), theme.font_scale,
                   theme.value_font.pointSizeF(), item.theme.value_font.pointSizeF(),
                   item.block_rect(), item.output_port_pos()),
        "docks": docks,
        "toolbars": toolbars,
        "corners": [w.corner(c) for c in (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner,
                                           Qt.Corner.BottomLeftCorner,
                                           Qt.Corner.BottomRightCorner)],
        "window": (int(w.windowState().value), w.isFullScreen(), QRect(w.geometry())),
        "state": bytes(w.saveState().data()),
        "tables": (trace.verticalHeader().defaultSectionSize(),
                   [trace.columnWidth(i) for i in range(trace.model().columnCount())]),
        "bar": (w.expression_bar.edit.isReadOnly(), w.expression_bar.apply_button.isHidden(),
                rp.settings.isHidden()),
        "shortcuts": ([s.toString() for s in w.actionZoomIn.shortcuts()],
                      [s.toString() for s in w.actionZoomOut.shortcuts()]),
        "view": w.view.transform(),
        "leave_in_toolbar": w.presentation.actionLeavePresentation in step_bar.actions(),
    }


def test_enter_enlarges_hides_editing_and_leave_restores_exactly(win, qtbot):
    w = win
    p = w.presentation
    before = snapshot(w)
    narration_pt = w.run_panel.narration.font().pointSizeF()
    table_pt = w.run_panel.trace.table.font().pointSizeF()
    value_pt = w.scene.theme.value_font.pointSizeF()
    icon = w.run_panel.toolbar.iconSize()
    z = node_item(w, "z")
    z_rect = z.block_rect()

    p.enter()
    wait_presented(qtbot, w)
    assert p.is_active and p.scale == pytest.approx(presentation.DEFAULT_SCALE)
    assert w.isFullScreen() and w.presentation.actionPresentation.isChecked()
    # Larger fonts: narration, tables, the canvas blocks (through the theme), icons.
    assert w.run_panel.narration.font().pointSizeF() == pytest.approx(narration_pt * 1.6)
    assert w.run_panel.trace.table.font().pointSizeF() == pytest.approx(table_pt * 1.6)
    assert w.scene.theme.value_font.pointSizeF() > value_pt * 1.25
    assert z.theme is w.scene.theme  # the blocks repainted with the scaled theme
    assert z.block_rect().width() > z_rect.width()  # and grew so the values fit
    # The icons grow at least with the fonts (issue 15: labels before larger icons).
    assert w.run_panel.toolbar.iconSize().width() >= round(icon.width() * 1.6)
    # Editing panels and the main toolbar away; narration at the bottom; bar read-only.
    for dock in (w.palette_dock, w.inputs_dock, w.history_dock):
        assert not dock.isVisible()
    assert not w.toolbar.isVisible() and w.run_panel.toolbar.isVisible()
    assert w.dockWidgetArea(w.run_panel.narration_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w.run_panel.narration_dock.isVisible()
    assert w.expression_bar.edit.isReadOnly() and w.expression_bar.isVisible()
    assert w.corner(Qt.Corner.BottomLeftCorner) == Qt.DockWidgetArea.BottomDockWidgetArea

    p.leave()
    wait_presented(qtbot, w)
    assert not p.is_active and not w.isFullScreen()
    assert not p.actionPresentation.isChecked()
    after = snapshot(w)
    for key in before:
        assert after[key] == before[key], key


def test_ctrl_plus_minus_zero_change_the_scale(win, qtbot):
    w = win
    p = w.presentation
    before = snapshot(w)
    base_pt = w.run_panel.narration.font().pointSizeF()
    p.enter()
    wait_presented(qtbot, w)
    ctrl = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(w.view, Qt.Key.Key_Plus, ctrl)
    assert p.scale == pytest.approx(1.8)
    assert w.run_panel.narration.font().pointSizeF() == pytest.approx(base_pt * 1.8)
    big_canvas = w.scene.theme.value_font.pointSizeF()
    QTest.keyClick(w.view, Qt.Key.Key_Equal, ctrl)
    assert p.scale == pytest.approx(2.0)
    QTest.keyClick(w.view, Qt.Key.Key_Minus, ctrl)
    QTest.keyClick(w.view, Qt.Key.Key_Minus, ctrl)
    QTest.keyClick(w.view, Qt.Key.Key_Minus, ctrl)
    assert p.scale == pytest.approx(1.4)
    assert w.scene.theme.value_font.pointSizeF() < big_canvas
    assert w.run_panel.narration.font().pointSizeF() == pytest.approx(base_pt * 1.4)
    QTest.keyClick(w.view, Qt.Key.Key_0, ctrl)
    assert p.scale == pytest.approx(presentation.DEFAULT_SCALE)
    for _ in range(20):  # clamped at both ends
        p.zoom_out()
    assert p.scale == pytest.approx(presentation.MIN_SCALE)
    p.set_scale(99)
    assert p.scale == pytest.approx(presentation.MAX_SCALE)
    p.set_scale(1.8)
    p.leave()
    wait_presented(qtbot, w)
    assert snapshot(w) == before  # every size back, whatever the scale was
    # Outside presentation mode Ctrl + zooms the canvas again, not the text.
    zoom = w.view.transform().m11()
    QTest.keyClick(w.view, Qt.Key.Key_Plus, ctrl)
    assert p.scale == pytest.approx(1.8) and w.view.transform().m11() > zoom


def test_f11_toggles_and_escape_leaves(win, qtbot):
    w = win
    p = w.presentation
    before = snapshot(w)
    assert p.actionPresentation.objectName() == "actionPresentation"
    assert p.actionPresentation.isCheckable()
    assert p.actionPresentation in w.view_menu.actions()
    QTest.keyClick(w.view, Qt.Key.Key_F11)
    assert p.is_active and w.isFullScreen()
    QTest.keyClick(w.view, Qt.Key.Key_F11)
    assert not p.is_active and not w.isFullScreen()
    assert snapshot(w) == before
    p.actionPresentation.trigger()  # the View menu entry
    assert p.is_active and p.actionPresentation.isChecked()
    QTest.keyClick(w.view, Qt.Key.Key_Escape)
    assert not p.is_active
    wait_presented(qtbot, w)
    assert snapshot(w) == before
    # Outside presentation mode Esc is the canvas's again (it clears the selection).
    w.scene.node_items()[0].setSelected(True)
    QTest.keyClick(w.view, Qt.Key.Key_Escape)
    assert not w.scene.selectedItems()
    assert p.toggle() is True and p.toggle() is False


def test_stepping_keys_step_while_presenting(win, qtbot):
    w = win
    c = w.run_panel.controller
    w.presentation.enter()
    wait_presented(qtbot, w)
    assert w.view.hasFocus() or QApplication.focusWidget() is w.view
    assert c.position == 0
    QTest.keyClick(w.view, Qt.Key.Key_Right)
    QTest.keyClick(w.view, Qt.Key.Key_Right)
    assert c.position == 2
    QTest.keyClick(w, Qt.Key.Key_Left)  # sent to the window itself
    assert c.position == 1
    QTest.keyClick(w.view, Qt.Key.Key_End)
    assert c.done
    QTest.keyClick(w.view, Qt.Key.Key_Home)
    assert c.position == 0
    QTest.keyClick(w.view, Qt.Key.Key_Space)  # play
    assert c.playing
    QTest.keyClick(w.view, Qt.Key.Key_Space)
    assert not c.playing
    assert w.presentation.is_active


def test_closing_while_presenting_saves_the_normal_layout(win, qtbot):
    w = win
    w.persist_settings = True
    normal_state = bytes(w.saveState().data())
    w.presentation.enter()
    wait_presented(qtbot, w)
    assert bytes(w.saveState().data()) != normal_state
    w.close()
    assert not w.presentation.is_active
    assert bytes(w.settings.state().data()) == normal_state
    assert canvas_theme.font_scale() == 1.0


def test_a_new_graph_while_presenting_gets_large_blocks(win, qtbot):
    w = win
    p = w.presentation
    p.enter()
    w.resize(*SHOT_SIZE)  # offscreen, full screen is the small virtual screen
    wait_presented(qtbot, w)
    assert w.apply_expression("x") is None  # one block: fitting it needs a big zoom
    wait_presented(qtbot, w)
    scale = presentation.canvas_scale(p.scale)
    assert len(w.scene.node_items()) == 1
    assert all(it.theme.font_scale == scale for it in w.scene.node_items())
    # Refit past the normal fit's cap: a small graph fills the projector.
    assert w.view.transform().m11() > MAX_FIT_SCALE * 1.05
    p.leave()
    wait_presented(qtbot, w)
    assert all(it.theme.font_scale == 1.0 for it in w.scene.node_items())
    assert canvas_theme.font_scale() == 1.0


def test_window_deleted_while_presenting_resets_the_canvas_scale(qtbot):
    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    wait_laid_out(qtbot, w)
    w.presentation.enter()
    assert canvas_theme.font_scale() > 1.0
    wait_presented(qtbot, w)  # let the docks' own timers run before the window goes
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert canvas_theme.font_scale() == 1.0


def test_scale_lasts_for_the_session_only(win, qtbot):
    # Issue 15 item 6: Ctrl + in one class must not greet the next one.
    w = win
    w.persist_settings = True
    w.presentation.set_scale(2.2)
    w.settings.qsettings.setValue(presentation.SETTINGS_KEY, 2.2)  # an older version's
    other = make_window()
    qtbot.addWidget(other)
    assert other.presentation.scale == pytest.approx(presentation.DEFAULT_SCALE)
    assert not w.settings.qsettings.contains(presentation.SETTINGS_KEY)


def test_screenshot_mid_backward_pass(win, qtbot, tmp_path):
    w = win
    target = tmp_path / "presentation.png"
    image = save_window_png(w, target, qtbot=qtbot)
    assert target.is_file() and (image.width(), image.height()) == SHOT_SIZE
    assert w.presentation.is_active
    c = w.run_panel.controller
    assert c.position == MID_BACKWARD
    # Values fit their blocks at the larger font: no block line is elided.
    for item in w.scene.node_items():
        for text, _role in item._texts["lines"]:
            assert "…" not in text, text
    # At the end, x's accumulated gradient keeps its result even when it must be cut.
    w.run_panel.controller.run_to_end()
    x_lines = [text for text, _role in node_item(w, "x")._texts["lines"]]
    assert x_lines[-1].endswith("2.7726"), x_lines
    w.run_panel.controller.reset()
    w.run_panel.advance(MID_BACKWARD)
    # The narration says the current backward step in large type.
    assert "Backward" in w.run_panel.narration.plain() or "역" in w.run_panel.narration.plain()
    assert w.run_panel.narration.font().pointSizeF() >= 18


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    # A private settings file: a manual run must not read or write the user's.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(Path(os.environ.get("TMPDIR", "/tmp")) / "presentation-shot"))
    from autodiff_gui.ui.app.startup import create_app

    app = create_app(sys.argv[:1])
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/presentation.png"
    window = make_window()
    window.resize(*SHOT_SIZE)
    window.show()
    wait_laid_out(None, window)
    save_window_png(window, out)
    print(f"wrote {out}")
    window.presentation.leave()
    window.close()
