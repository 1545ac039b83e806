"""What the window writes beside the numbers: narration, trace and blocks (issue 10).

Forward mode with an array input (one pass per element, or honestly a directional
derivative), contributions named with their argument slot in the trace, partial
sums never called the gradient on a block, and the same in Korean.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTextBrowser

from autodiff_gui.core.expr import parse
from autodiff_gui.ui.app import i18n
from autodiff_gui.ui.run.trace_model import ACCUMULATED, COLUMN_KEYS, CONTRIBUTIONS, DOUT


@pytest.fixture
def win(open_window):
    i18n.remove_translators(QApplication.instance())
    w = open_window((1400, 900))
    yield w, w.run_panel.controller
    i18n.remove_translators(QApplication.instance())


def load(w, text: str, values: dict) -> None:
    w.document.replace_with(parse(text, values))


def narration_text(w) -> str:
    return w.findChild(QTextBrowser, "narrationView").toPlainText()


def test_forward_mode_one_pass_per_element(win):
    w, c = win
    load(w, "sum(w * w) + sum(3*w)", {"w": [1.0, 2.0, 3.0]})
    assert c.forward_targets() == ["w", "w[0]", "w[1]", "w[2]"]
    c.set_mode("forward", "w[1]")
    c.run_to_end()
    text = narration_text(w)
    assert "∂z/∂w[1] = 1·4 + 1·3 = 7" in text and "∂f/∂w[1] = 7" in text
    assert "Forward mode (tangent of w[1])" in text
    model = w.run_panel.trace.model
    assert model.index(1, CONTRIBUTIONS).data() == \
        "[1, 2, 3] ⊙ [0, 1, 0] + [1, 2, 3] ⊙ [0, 1, 0]"
    assert model.index(2, CONTRIBUTIONS).data() == "Σ [0, 4, 0]"  # how a sum carries it
    # the whole input at once is a directional derivative, and says so
    c.set_mode("forward", "w")
    c.run_to_end()
    text = narration_text(w)
    assert "Σᵢ ∂f/∂wᵢ = 21" in text and "∂f/∂w = 21" not in text
    last = model.rowCount() - 1
    assert model.index(last, ACCUMULATED).data() == "Σᵢ ∂z/∂wᵢ = 21"
    assert model.headerData(DOUT, Qt.Orientation.Horizontal) == "tangent of node"


def test_upstream_two_in_the_trace_header(win):
    w, c = win
    model = w.run_panel.trace.model
    assert model.headerData(DOUT, Qt.Orientation.Horizontal) == "∂f/∂node (dout)"
    assert c.set_upstream("2") is None
    c.run_to_end()
    assert model.headerData(DOUT, Qt.Orientation.Horizontal) == "∂L/∂node (dout)"
    assert model.index(model.rowCount() - 1, ACCUMULATED).data() == \
        "∂L/∂x = 2.7726 + 2.7726 = 5.5452"


def test_trace_names_slots_and_partial_sums(win):
    w, c = win
    load(w, "x*x*x + sin(x)", {"x": 2.0})
    c.run_to_end()
    model = w.run_panel.trace.model
    rows = [[model.index(r, col).data() for col in (CONTRIBUTIONS, ACCUMULATED)]
            for r in range(model.rowCount())]
    assert rows[-1] == ["x ← 4  (first argument); x ← 4  (second argument)",
                        "∂f/∂x so far: 3.5839 + 4 = 7.5839  (3 of 4); ∂f/∂x = 7.5839 + 4 = 11.5839"]
    assert rows[-3][1] == "∂f/∂x so far: -0.4161  (1 of 4)"
    x = w.document.find_input("x")
    c.go_to(len(rows) - 1)  # two of four contributions in: not the gradient yet
    assert w.scene.node_item(x).annotation()[1] == "∂f/∂x = -0.4161 + 4 → 3.5839 + …"
    c.go_to(len(rows) - 2)
    assert w.scene.node_item(x).annotation()[1] == "∂f/∂x = -0.4161 + …"
    c.run_to_end()
    assert w.scene.node_item(x).annotation()[1] == "∂f/∂x = 3.5839 + 4 + 4 → 11.5839"
    assert "x.grad = ∂f/∂x = 11.5839" in narration_text(w)


def test_korean_narration_and_trace(win):
    w, c = win
    app = QApplication.instance()
    assert i18n.install_translator(app, "ko")
    QApplication.processEvents()
    load(w, "x*x*x + sin(x)", {"x": 2.0})
    c.run_to_end()
    text = narration_text(w)
    assert "x에 가는 기여분 (a에서, 둘째 인수): ∂f/∂a·∂a/∂x = 2·2 = 4" in text
    assert "누적된 ∂f/∂x: 7.5839 + 4 = 11.5839" in text
    model = w.run_panel.trace.model
    model.retranslate()
    assert model.index(model.rowCount() - 3, ACCUMULATED).data() == \
        "지금까지의 ∂f/∂x: -0.4161  (4개 중 1개)"


def test_forward_mode_selector_offers_each_element(win):
    w, c = win
    load(w, "sum(w * w) + sum(3*w)", {"w": [1.0, 2.0, 3.0]})
    c.set_mode("forward", "w")
    QApplication.processEvents()
    box = w.findChild(QComboBox, "wrtCombo")
    assert [box.itemText(i) for i in range(box.count())] == ["w", "w[0]", "w[1]", "w[2]"]
    box.setCurrentText("w[2]")  # the student picks one element: one pass for it
    assert c.wrt == "w[2]"


def test_matmul_trace_says_what_flows_back_with_real_labels(win):
    w, c = win
    load(w, "sum(W @ x)", {"W": [[1.0, 2.0], [3.0, 4.0]], "x": [1.0, -1.0]})
    c.run_to_end()
    model = w.run_panel.trace.model
    col = COLUMN_KEYS.index("local_derivatives")
    cells = [model.index(r, col).data() for r in range(model.rowCount())]
    matmul = next(cell for cell in cells if cell and "W" in cell)
    assert matmul == "∂f/∂W = ∂f/∂a·xᵀ; ∂f/∂x = Wᵀ·∂f/∂a"
    assert "∂·" not in matmul
