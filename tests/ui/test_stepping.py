"""Stepping through the seed example on the canvas: highlight, numbers, narration, trace.

The window is the real MainWindow with its run panel; every check reads what
the canvas items, the narration widget and the trace model actually hold.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QTextBrowser

from autodiff_gui.core import narration as core_narration
from autodiff_gui.core.engine import compile_graph
from autodiff_gui.ui.app import i18n
from autodiff_gui.ui.run import run_panel
from autodiff_gui.ui.run.narration import muted_colour
from autodiff_gui.ui.window.main_window import MainWindow
from tests.ui.waiting import wait_idle, wait_laid_out

ROOT = Path(__file__).resolve().parents[2]
# The seed's steps: node label of the current block after each step.
SEED_ORDER = ["x", "2", "a", "2", "b", "c", "y", "d", "z", "z", "d", "c", "b", "a"]
FORWARD_VALUES = {"x": "1", "a": "1", "b": "2", "c": "3", "y": "2", "d": "0.6931",
                  "z": "2.0794"}


@pytest.fixture
def win(qtbot):
    w = MainWindow(restore=False)
    w.ask_unsaved = lambda: "discard"
    w.report_error = lambda title, text: None
    w.persist_settings = False
    panel = w.run_panel
    w.resize(1500, 950)
    w.show()
    qtbot.waitExposed(w)
    wait_laid_out(qtbot, w)  # the Run panel sizes its docks and refits the graph after the show
    yield w, panel
    w.close()
    w.deleteLater()


def nodes_by_position(panel) -> list[int]:
    """Node id of the current block after each step of the seed."""
    program = panel.controller.program
    st_nodes = []
    # forward: program order; backward: reverse order of op nodes that need a gradient
    st_nodes += program.nodes
    st_nodes += [program.nodes[i] for i in range(len(program.nodes) - 1, -1, -1)
                 if program.ops[i] is not None and program.needs_grad[i]]
    return st_nodes


def label_of(panel, node: int) -> str:
    program = panel.controller.program
    return program.labels[program.index[node]]


def node_of(panel, label: str) -> int:
    program = panel.controller.program
    matches = [n for n in program.nodes if label_of(panel, n) == label]
    assert len(matches) == 1, label
    return matches[0]


def picture(w) -> tuple[dict, dict]:
    """Every node's state, annotation and tooltip, and every wire's label, from the scene."""
    doc = w.document
    nodes = {}
    for n in doc.nodes():
        item = w.scene.node_item(n)
        nodes[n] = (item.state(), item.annotation(), item.toolTip())
    wires = {}
    for src, dst, slot in doc.edges():
        item = w.scene.wire_item(src, dst, slot)
        wires[(src, dst, slot)] = (item.state(), item.label())
    return nodes, wires


def test_seed_step_by_step(win):
    w, panel = win
    c = panel.controller
    trace = w.findChild(QTableView, "traceView")
    narration = w.findChild(QTextBrowser, "narrationView")
    assert trace is not None and narration is not None
    order = nodes_by_position(panel)
    assert [label_of(panel, n) for n in order] == SEED_ORDER
    program = compile_graph(w.document)
    x, y = node_of(panel, "x"), node_of(panel, "y")
    for k, node in enumerate(order, start=1):
        assert c.next()
        assert c.position == k
        current = [n for n in w.document.nodes() if w.scene.node_item(n).state() == "current"]
        assert current == [node]
        label = label_of(panel, node)
        value_text, grad_text = w.scene.node_item(node).annotation()
        if label in FORWARD_VALUES:
            assert value_text == f"{label} = {FORWARD_VALUES[label]}"
        # the wires into the current block are the active ones
        active = {k for k in w.document.edges()
                  if w.scene.wire_item(*k).state() == "active"}
        if k > 9:
            assert active == {(c_.source, node, c_.slot)
                              for c_ in c.stepper.records[k - 1].contributions}
        else:
            assert active == {(src, node, slot) for slot, src in
                              enumerate(w.document.arguments(node)) if src is not None}
        # blocks not reached yet are dim, reached ones done
        for n in w.document.nodes():
            if n != node:
                reached = program.index[n] < k
                assert w.scene.node_item(n).state() == ("done" if reached else "dim"), n
        # the trace has one row per executed step, the last one this step
        assert trace.model().rowCount() == k
        last = [trace.model().index(k - 1, col).data() for col in range(4)]
        assert last[0] == str(k) and last[2] == label
        # the narration says this step (in the core's words) first
        record = c.stepper.records[k - 1]
        said = core_narration.Narration(c.program, c.stepper.records, c.upstream) \
            .text(record).split("\n")
        text = narration.toPlainText()
        for line in said:
            assert " ".join(line.split()) in " ".join(text.split())
        if k <= 9:
            assert "Forward pass" in text and grad_text is None
        else:
            assert "Backward pass" in text
            assert grad_text is not None and grad_text.startswith("∂f/∂")
    # the fan-out at x: two contributions add up
    assert w.scene.node_item(x).annotation()[1] == "∂f/∂x = 1.3863 + 1.3863 → 2.7726"
    assert w.scene.node_item(y).annotation()[1] == "∂f/∂y = 1.5"
    # the last step's wire into a carries 0.6931 × 2 = 1.3863 back to x
    a = node_of(panel, "a")
    assert w.scene.wire_item(x, a, 0).label() == "0.6931 × 2 = 1.3863"
    assert "∂f/∂x accumulated: 1.3863 + 1.3863 = 2.7726" in narration.toPlainText()
    # the local-derivative rule with the real operands, never the rule's own letters
    assert "∂(x ** 2)/∂x = 2·x^(2−1)" in narration.toPlainText()
    assert "∂(aᵇ)/∂a" not in narration.toPlainText()
    assert not c.next() and c.done
    assert not panel.actionNextStep.isEnabled()


def test_backward_wires_and_seed(win):
    w, panel = win
    c = panel.controller
    c.advance(10)  # the first backward step: z sends 1·d and 1·c back
    z, cc, d = node_of(panel, "z"), node_of(panel, "c"), node_of(panel, "d")
    assert w.scene.wire_item(cc, z, 0).label() == "1 × 0.6931 = 0.6931"
    assert w.scene.wire_item(d, z, 1).label() == "1 × 3 = 3"
    assert w.scene.node_item(z).annotation() == ("z = 2.0794", "∂f/∂z = 1")
    assert "∂f/∂z = 1  (f is z itself: the backward pass starts here)" in \
        w.findChild(QTextBrowser, "narrationView").toPlainText()
    c.next()  # d: the wires into z lose their labels, the wire y→d gets one
    assert w.scene.wire_item(cc, z, 0).label() is None
    y = node_of(panel, "y")
    assert w.scene.wire_item(y, d, 0).label() == "3 × 0.5 = 1.5"
    # the full value is in the tooltip
    assert "0.6931471805599453" in w.scene.node_item(d).toolTip()


def test_previous_restores_the_picture_exactly(win):
    w, panel = win
    c = panel.controller
    before_all = picture(w)
    for _ in range(len(SEED_ORDER)):
        before = picture(w)
        assert c.next()
        after = picture(w)
        assert after != before
        assert c.back()
        assert picture(w) == before
        assert c.next()
        assert picture(w) == after
    # all the way back by Previous, then Reset: the plain canvas again
    while c.back():
        pass
    assert picture(w) == before_all
    c.run_to_end()
    c.reset()
    assert picture(w) == before_all
    assert w.findChild(QTableView, "traceView").model().rowCount() == 0


def test_jump_from_trace_row_and_run_to_end(win, qtbot):
    w, panel = win
    c = panel.controller
    c.run_to_end()
    assert c.position == 14 and c.done
    end = picture(w)
    trace = w.findChild(QTableView, "traceView")
    assert trace.model().rowCount() == 14
    c.go_to(12)
    # Later rows of the pass stay (greyed): only the executed ones are the trace's rows.
    assert trace.model().rowCount() == 14 and trace.model().position == 12
    assert len(trace.model().rows()) == 12
    mid = picture(w)
    c.reset()
    c.advance(12)
    assert picture(w) == mid  # a jump draws what stepping draws
    # clicking a row goes back to that step
    rect = trace.visualRect(trace.model().index(4, 2))
    QTest.mouseClick(trace.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert c.position == 5
    assert trace.model().position == 5 and trace.currentIndex().row() == 4
    c.run_to_end()
    assert picture(w) == end


def test_keys_step_from_the_canvas(win, qtbot):
    w, panel = win
    c = panel.controller
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_Right)
    QTest.keyClick(w.view, Qt.Key.Key_Right)
    assert c.position == 2
    QTest.keyClick(w.view, Qt.Key.Key_Left)
    assert c.position == 1
    QTest.keyClick(w.view, Qt.Key.Key_End)
    assert c.done
    QTest.keyClick(w.view, Qt.Key.Key_Home)
    assert c.position == 0
    # typing in the upstream field keeps its keys
    edit = w.findChild(run_panel.QLineEdit, "upstreamEdit")
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_End)
    QTest.keyClick(edit, Qt.Key.Key_Space)
    assert c.position == 0 and edit.text() == "1 "


def test_out_of_domain_stops_at_the_log(win):
    w, panel = win
    c = panel.controller
    y = w.document.find_input("y")
    w.document.set_value(y, -1.0)
    c.run_to_end()
    d = node_of(panel, "d")
    assert c.at_error and c.done
    assert w.scene.node_item(d).state() == "error"
    z = node_of(panel, "z")
    assert w.scene.node_item(z).state() == "dim"
    text = w.findChild(QTextBrowser, "narrationView").toPlainText()
    assert "Stopped at d" in text and "log needs inputs greater than 0" in text
    assert "log needs inputs greater than 0" in w.statusBar().currentMessage()
    assert "log needs inputs greater than 0" in w.scene.node_item(d).toolTip()
    # stepping one by one reaches the same error, and Next stays enabled until it shows
    c.reset()
    while not c.at_error:
        assert panel.actionNextStep.isEnabled()
        assert c.next()
    assert w.scene.node_item(d).state() == "error" and not panel.actionNextStep.isEnabled()
    assert not c.next()
    # Previous leaves the error and shows the step before it
    before_error = c.position
    assert c.back()
    assert not c.at_error and c.position == before_error
    assert w.scene.node_item(d).state() == "dim"


def test_edit_resets_stepping(win):
    w, panel = win
    c = panel.controller
    c.advance(11)
    x = w.document.find_input("x")
    w.document.set_value(x, 3.0)
    assert c.position == 0
    assert all(w.scene.node_item(n).state() == "normal" for n in w.document.nodes())
    assert all(w.scene.node_item(n).annotation() == (None, None) for n in w.document.nodes())
    assert w.findChild(QTableView, "traceView").model().rowCount() == 0
    c.run_to_end()  # the new value is used: (x² + 2x)' = 2x + 2 = 8, times log 2
    assert w.scene.node_item(x).annotation()[1].endswith("5.5452")
    # moving a block does not reset
    w.document.set_position(x, (0.0, 0.0))
    assert c.position == 14


def test_a_burst_of_edits_is_one_change(win, qtbot):
    w, panel = win
    c = panel.controller
    c.advance(3)
    seen = []
    c.programChanged.connect(lambda: seen.append(c.position))
    x = w.document.find_input("x")
    for k in range(50):
        w.document.set_value(x, 1.0 + k / 100)
    assert c.position == 0 and seen == []
    qtbot.waitUntil(lambda: seen == [0], timeout=2000)
    wait_idle(qtbot, c._changed)  # the debounce timer is not armed again: nothing more comes
    assert seen == [0]


def test_upstream_gradient_and_bad_input(win):
    w, panel = win
    c = panel.controller
    settings = panel.settings
    settings.upstream_edit.setText("2")
    assert settings.apply_upstream()
    c.run_to_end()
    x, y = w.document.find_input("x"), w.document.find_input("y")
    # v = 2 is not a changed derivative: the blocks show ∂L/∂· with L = v·f, the
    # narration ends with x.grad = 2·∂f/∂x
    assert w.scene.node_item(x).annotation()[1] == "∂L/∂x = 2.7726 + 2.7726 → 5.5452"
    assert w.scene.node_item(y).annotation()[1] == "∂L/∂y = 3"
    text = w.findChild(QTextBrowser, "narrationView").toPlainText()
    assert "x.grad = 2·∂f/∂x = 5.5452" in text and "y.grad = 2·∂f/∂y = 3" in text
    c.reset()
    c.advance(10)
    assert "upstream gradient v = ∂L/∂z = 2  (grad_tensors; L = v·f)" in \
        w.findChild(QTextBrowser, "narrationView").toPlainText()
    c.run_to_end()
    for bad in ("[1, 2]", "abc", "__import__('os')", "[1, [2]]"):
        settings.upstream_edit.setText(bad)
        assert not settings.apply_upstream()
        error = w.findChild(QLabel, "upstreamError")
        assert error.isVisible() and "still using 2" in error.text()
        assert c.upstream == 2.0


def test_upstream_that_no_longer_fits_is_said_in_the_narration(win):
    w, panel = win
    c = panel.controller
    w.apply_expression("x * w")
    doc = w.document
    doc.set_value(doc.find_input("x"), np.array([1.0, 2.0, 3.0]))
    doc.set_value(doc.find_input("w"), np.array([0.5, -1.0, 2.0]))
    assert c.set_upstream("[1, 2, 3]") is None
    assert "shape" not in panel.narration.plain()
    doc.set_value(doc.find_input("x"), np.array([1.0, 2.0]))  # the output is (2,) now
    doc.set_value(doc.find_input("w"), 2.0)
    QCoreApplication.processEvents()
    assert not c.next()  # the pass cannot start: the narration, not only the status bar
    assert "The upstream gradient has shape (3,), but the output has shape (2,)" \
        in panel.narration.plain()


def test_earlier_steps_are_quieter_than_the_current_one():
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Base, QColor("white"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(0, 0, 0, 128))  # Qt's default
    assert muted_colour(pal) in ("#7f7f7f", "#808080")  # not black: rich text drops alpha


def test_code_panel_says_why_in_the_interface_language(win, qapp):
    w, panel = win
    w.apply_expression("log(x)")
    w.document.set_output(w.document.add_op("add"))  # an output with no arguments
    try:
        assert i18n.install_translator(qapp, "ko")
        panel.code.regenerate()
        status = panel.code.status.text()
    finally:
        i18n.remove_translators(qapp)
    assert "코드" in status, status
    assert re.search("[\uac00-\ud7a3]", status.split(":", 1)[1]), status  # the reason too


def test_forward_mode(win):
    w, panel = win
    c = panel.controller
    assert "forward mode needs 2 passes for 2 inputs; reverse mode needs 1 backward pass" \
        in panel.settings.passes.text()
    c.set_mode("forward", "y")
    c.run_to_end()
    z = node_of(panel, "z")
    assert c.position == 9
    assert w.scene.node_item(z).annotation() == ("z = 2.0794", "∂z/∂y = 1.5")
    assert w.scene.wire_item(node_of(panel, "d"), z, 1).label() == "3 · 0.5"
    text = w.findChild(QTextBrowser, "narrationView").toPlainText()
    assert "∂z/∂y" in text and "1.5" in text


def test_accumulate_like_dot_grad(win):
    w, panel = win
    c = panel.controller
    panel.settings.accumulate.setChecked(True)
    c.run_to_end()
    assert c.accumulated["x"] == pytest.approx(2.772588722239781)
    c.reset()
    c.run_to_end()
    x = w.document.find_input("x")
    assert w.scene.node_item(x).annotation()[1].endswith("→ 5.5452")
    assert c.accumulated["x"] == pytest.approx(2 * 2.772588722239781)
    assert "zero_grad" in w.findChild(QLabel, "accumulateNote").text()
    c.zero_grad()
    assert c.accumulated == {}


def test_play_runs_to_the_end(win, qtbot):
    w, panel = win
    c = panel.controller
    panel.speed_slider.setValue(run_panel.FASTEST)
    panel.actionPlay.trigger()
    assert c.playing
    qtbot.waitUntil(lambda: c.done, timeout=5000)
    assert not c.playing and c.position == 14


def test_trace_csv(win, tmp_path):
    w, panel = win
    c = panel.controller
    c.run_to_end()
    path = tmp_path / "trace.csv"
    panel.trace.model.export_csv(str(path))
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["step", "pass", "node", "op"]
    assert len(rows) == 15
    last = rows[-1]
    assert last[1] == "backward" and last[2] == "a"
    assert "2.772588722239781" in last[-1]  # every digit in the file
    assert rows[10][1] == "backward" and rows[10][6] == "1.0"  # the seed dout


def test_every_narration_template_is_translated():
    """tools/update_translations.py reads narration.TEMPLATES; each must be in the .ts."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "autodiff_ko.ts"
    done = {m.findtext("source"): m.find("translation")
            for c in ET.parse(ts).getroot().iter("context") if c.findtext("name") == "Narration"
            for m in c.iter("message")}
    for template in core_narration.TEMPLATES.values():
        assert template in done, template
        assert done[template].text and done[template].get("type") != "unfinished", template


def test_docks_load_lazily(win, qtbot):
    w, panel = win
    assert panel.plots.canvas is None  # matplotlib waits for the Plots tab
    panel.plots_dock.raise_()
    qtbot.waitUntil(lambda: panel.plots.canvas is not None, timeout=5000)
    with qtbot.waitSignal(panel.plots.plotted, timeout=20000):
        pass
    assert panel.plots.tangent_slope is not None
    panel.code_dock.raise_()
    qtbot.waitUntil(lambda: "torch.autograd.backward" in
                    panel.code.editors["torch"].toPlainText(), timeout=5000)
    assert "LOG" in panel.code.text("seed")
    with qtbot.waitSignal(panel.comparison.finished, timeout=60000):
        panel.actionCheckGradients.trigger()
    assert panel.compare_dock.isVisible() and panel.comparison.badge.text() == "pass"


def test_screenshot_mid_backward_pass(win, qtbot):
    w, panel = win
    assert panel.advance(13) == 13
    panel.trace_dock.raise_()
    # The trace scrolls to the current row once laid out; then the picture is final.
    table = panel.trace.table
    current = panel.trace.model.index(12, 0)
    qtbot.waitUntil(lambda: table.isVisible()
                    and table.viewport().rect().intersects(table.visualRect(current)))
    wait_laid_out(qtbot, w)
    image: QImage = w.grab().toImage()
    path = os.environ.get("STEPPING_SCREENSHOT", "/tmp/stepping.png")
    assert image.save(path)
    assert image.width() > 1000


def test_no_matplotlib_torch_or_networkx_at_start(tmp_path):
    code = ("import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
            "from PySide6.QtCore import QSettings, QCoreApplication;"
            "QSettings.setDefaultFormat(QSettings.Format.IniFormat);"
            "QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,"
            f" {str(tmp_path)!r});"
            "QCoreApplication.setOrganizationName('AutodiffStudioTests');"
            "from PySide6.QtWidgets import QApplication; app=QApplication([]);"
            "from autodiff_gui.ui.window.main_window import MainWindow;"
            "w=MainWindow(restore=False); p=w.run_panel; w.show(); app.processEvents();"
            "p.controller.run_to_end();"
            "print(*(m in sys.modules for m in ('matplotlib', 'torch', 'networkx',"
            " 'autodiff_gui.check.symbolic')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    # networkx's graph is made at the first edit; Three Ways imports its checks when shown.
    assert out.stdout.split() == ["False", "False", "False", "False"]


def test_settings_changed_from_code_show_in_the_panel(qtbot):
    """A lesson sets the mode and the upstream gradient through the controller: the
    Run panel's widgets must say so, without feeding the change back."""
    from autodiff_gui.ui.window.main_window import MainWindow

    w = MainWindow(restore=False)
    qtbot.addWidget(w)
    settings, c = w.run_panel.settings, w.run_panel.controller
    c.set_mode("forward", "y")
    assert settings.mode_box.currentData() == "forward"
    assert settings.wrt_box.currentText() == "y" and c.wrt == "y"
    c.set_mode("reverse")
    assert c.set_upstream("2") is None
    assert settings.mode_box.currentData() == "reverse"
    assert settings.upstream_edit.text() == "2"
    c.set_accumulate(True)
    assert settings.accumulate.isChecked()


def test_widgets_that_use_the_step_keys_keep_them(win, qtbot):
    """The inputs table moves between cells with ← →, the mode box and the speed slider
    take their keys: none of them steps (the step keys are the canvas's and the
    trace's)."""
    w, panel = win
    c = panel.controller
    w.activateWindow()
    table = w.inputs_panel.view
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    QTest.keyClick(table, Qt.Key.Key_Right)
    assert c.position == 0 and table.currentIndex().column() == 1
    slider = w.findChild(run_panel.QSlider, "speedSlider")
    slider.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is slider)
    before = slider.value()
    QTest.keyClick(slider, Qt.Key.Key_Right)
    assert c.position == 0 and slider.value() == before + 1
    w.view.setFocus()  # and the canvas steps again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.view)
    QTest.keyClick(w.view, Qt.Key.Key_Right)
    assert c.position == 1
