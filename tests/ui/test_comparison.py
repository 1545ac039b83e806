"""Check gradients: the comparison tables for the seed, filled off the GUI thread."""

from __future__ import annotations

import re
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from autodiff_gui.check import finite_diff, torch_ref
from autodiff_gui.core.expr import parse
from autodiff_gui.ui.app import i18n
from autodiff_gui.ui.checks.comparison import ComparisonPanel, run_comparison
from autodiff_gui.ui.run.stepping import StepController
from tests.core.helpers import seed_doc as seed_document

GX, GY = 2.772588722239781, 1.5


@pytest.fixture
def panel(qtbot):
    doc = seed_document()
    controller = StepController(doc)
    p = ComparisonPanel(controller)
    qtbot.addWidget(p)
    p.show()
    yield p
    p.shutdown()


def cell(table: QTableView, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return table.model().index(row, col).data(role)


def test_seed_comparison_passes_with_pytorch(panel, qtbot, monkeypatch):
    threads = []
    original = torch_ref._load

    def spy():
        threads.append(threading.current_thread() is threading.main_thread())
        return original()

    monkeypatch.setattr(torch_ref, "_load", spy)
    with qtbot.waitSignal(panel.finished, timeout=60000) as blocker:
        assert panel.start()
        assert panel.is_busy() and panel.cancel_button.isEnabled()
    result = blocker.args[0]
    assert threads and not any(threads)  # torch was loaded off the GUI thread only
    table = panel.findChild(QTableView, "comparisonView")
    assert table.model().rowCount() == 2
    headers = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(11)]
    assert headers[2] == "Engine (reverse)" and headers[7] == "PyTorch"
    expected = {"x": GX, "y": GY}
    for row in range(2):
        name = cell(table, row, 0)
        engine = cell(table, row, 2, Qt.ItemDataRole.UserRole)
        central = cell(table, row, 5, Qt.ItemDataRole.UserRole)
        torch_g = cell(table, row, 7, Qt.ItemDataRole.UserRole)
        assert engine == pytest.approx(expected[name], rel=1e-15)
        assert central == pytest.approx(engine, rel=1e-8)
        assert torch_g == pytest.approx(engine, rel=1e-12)
        assert cell(table, row, 3, Qt.ItemDataRole.UserRole) == pytest.approx(engine)
        assert cell(table, row, 6, Qt.ItemDataRole.UserRole) == pytest.approx(engine, rel=1e-14)
        assert cell(table, row, 10) == "pass"
        assert cell(table, row, 10, Qt.ItemDataRole.UserRole) == "pass"
    assert result.passed and panel.badge.text() == "pass"
    assert "atol = 1e-05" in panel.tolerance_label.text()
    # node by node: PyTorch's grad_fn names beside the engine's gradients
    nodes = panel.findChild(QTableView, "nodeComparisonView")
    grad_fns = {cell(nodes, r, 0): cell(nodes, r, 6) for r in range(nodes.model().rowCount())}
    assert grad_fns["z"] == "MulBackward0" and grad_fns["d"] == "LogBackward0"
    assert grad_fns["a"] == "PowBackward0" and grad_fns["x"] == "—"
    agree = [cell(nodes, r, 7) for r in range(nodes.model().rowCount())]
    assert agree.count("✓") == 9
    assert not panel.cancel_button.isEnabled() and panel.check_button.isEnabled()


def test_upstream_two_doubles_every_column(qtbot):
    doc = seed_document()
    controller = StepController(doc)
    assert controller.set_upstream("2") is None
    from autodiff_gui.core.engine import compile_graph

    result = run_comparison(compile_graph(doc), doc.input_values(), 2.0, use_torch=False)
    by_name = {r.name: r for r in result.rows}
    assert by_name["x"].engine == pytest.approx(2 * GX)
    assert by_name["x"].forward_mode == pytest.approx(2 * GX)
    assert by_name["y"].central == pytest.approx(3.0, rel=1e-9)
    assert result.passed


def test_relu_has_no_complex_step_and_says_why():
    from autodiff_gui.core.engine import compile_graph
    from autodiff_gui.core.expr import parse

    doc = parse("relu(x) * x", values={"x": 2.0})
    result = run_comparison(compile_graph(doc), doc.input_values(), 1.0, use_torch=False)
    row = result.rows[0]
    assert row.complex_step is None and "not analytic" in row.complex_reason
    assert row.verdict == "pass"


def test_cancel_and_stale(panel, qtbot):
    assert panel.start()
    panel.cancel()
    assert not panel.is_busy() and panel.status.text() == "Cancelled."
    assert panel.check_button.isEnabled()
    with qtbot.waitSignal(panel.finished, timeout=60000):
        panel.start()
    assert panel.input_model.rowCount() == 2
    doc = panel.controller.document
    doc.set_value(doc.find_input("x"), 2.0)  # an edit makes the result stale
    qtbot.waitUntil(lambda: panel.input_model.rowCount() == 0, timeout=2000)
    assert "check again" in panel.status.text()


def test_an_edit_during_the_check_says_why_it_stopped(panel, qtbot):
    assert panel.start()
    doc = panel.controller.document
    doc.set_value(doc.find_input("x"), 2.0)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=2000)
    assert "check again" in panel.status.text()
    assert panel.check_button.isEnabled() and panel.input_model.rowCount() == 0


def test_error_point_is_reported(panel, qtbot):
    doc = panel.controller.document
    doc.set_value(doc.find_input("y"), -1.0)
    with qtbot.waitSignal(panel.finished, timeout=60000) as blocker:
        panel.start(use_torch=False)
    assert blocker.args[0] is None
    assert "log needs inputs greater than 0" in panel.status.text()
    assert panel.badge.text() == "error"


def test_a_check_that_could_not_run_is_not_called_a_failure(qtbot):
    # x − 1 < 0 one step to the left (no central difference), abs has no complex step:
    # nothing failed, but the gradient could not be checked.
    p = ComparisonPanel(StepController(parse("log(x - 1) + abs(x)", values={"x": 1 + 1e-7})))
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.finished, timeout=60000) as blocker:
        p.start(use_torch=False)
    assert blocker.args[0].verdict == "unavailable" and not blocker.args[0].passed
    assert p.badge.text() == "n/a"


HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture
def korean(qapp):
    """The Korean translator installed for the test (English again afterwards)."""
    i18n.remove_translators(qapp)
    assert i18n.install_translator(qapp, "ko")
    yield qapp
    i18n.remove_translators(qapp)


def kink_panel(qtbot) -> ComparisonPanel:
    p = ComparisonPanel(StepController(parse("relu(x) + abs(x)", values={"x": 0.0})))
    qtbot.addWidget(p)
    return p


def test_kink_notes_and_reasons_are_shown_in_korean(korean, qtbot, monkeypatch):
    unavailable = torch_ref.message("not_available", error="ImportError: no torch")
    monkeypatch.setattr(torch_ref, "torch_status", lambda: (False, unavailable))
    p = kink_panel(qtbot)
    with qtbot.waitSignal(p.finished, timeout=60000) as blocker:
        assert p.start()
    result = blocker.args[0]
    (row,) = result.rows
    assert row.verdict == "kink" and "PyTorch's convention" in row.note  # English data
    table = p.findChild(QTableView, "comparisonView")
    note = cell(table, 0, 10, Qt.ItemDataRole.ToolTipRole)  # the notes of the Result cell
    assert HANGUL.search(note) and "relu'(0) = 0" in note and "abs'(0) = 0" in note
    assert "PyTorch's convention" not in note and "at node" not in note
    complex_reason = cell(table, 0, 6)
    assert HANGUL.search(complex_reason) and "not analytic" not in complex_reason
    torch_reason = cell(table, 0, 7)
    assert HANGUL.search(torch_reason) and torch_reason.endswith("ImportError: no torch")
    status = p.status.text()
    assert note.split(" ")[0] in status and "not available" not in status
    p.shutdown()


def test_kink_notes_stay_english_without_a_translator(english_app, qtbot):
    p = kink_panel(qtbot)
    with qtbot.waitSignal(p.finished, timeout=60000):
        assert p.start(use_torch=False)
    note = cell(p.findChild(QTableView, "comparisonView"), 0, 10, Qt.ItemDataRole.ToolTipRole)
    assert note == str(p.result.rows[0].note) and not HANGUL.search(note)
    assert note.startswith("relu at node a has its argument at 0, its kink")
    assert note.count("PyTorch's convention (followed here)") == 2
    assert finite_diff.MESSAGES["kink_at_zero"].startswith("{where} has its argument at 0")
    p.shutdown()


@pytest.fixture
def english_app(qapp):
    i18n.remove_translators(qapp)
    yield qapp
