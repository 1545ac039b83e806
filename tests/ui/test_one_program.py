"""The window compiles its document once per change (issue 9: one current compiled program).

Every view of the window (stepping, Compare, Plots, Code, gradient descent) takes the
Session's program; only work on *another* document compiles its own copy, at the few
places listed in ``ALLOWED`` below, each with a comment saying so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from autodiff_gui.core import session as session_module
from autodiff_gui.ui.editing.commands import SetValue, try_push
from autodiff_gui.ui.window.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "autodiff_gui" / "ui"
# Calls of compile_graph in the UI that compile another document than the session's.
ALLOWED = {
    # the symbolic derivative, parsed into a document of its own
    ("checks/three_ways.py", "ThreeWays.compute"),
}


@pytest.fixture
def counted(monkeypatch):
    """Count the Session's compiles (all the window's compiles of its document)."""
    calls: list[int] = []
    real = session_module.compile_graph

    def counting(doc, *args, **kwargs):
        calls.append(len(doc))
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(session_module, "compile_graph", counting)
    return calls


@pytest.fixture
def win(qtbot, counted):
    w = MainWindow(restore=False)
    w.ask_unsaved = lambda: "discard"
    w.persist_settings = False
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.run_panel.comparison.shutdown(30)
    w.run_panel.plots.shutdown()
    w.close()
    w.deleteLater()


def test_one_edit_one_compile_and_every_view_follows(win, counted, qtbot):
    rp = win.run_panel
    c, compare, plots, code = rp.controller, rp.comparison, rp.plots, rp.code
    assert c.session is win.session  # the run panel's views share the window's session
    with qtbot.waitSignal(plots.plotted, timeout=20000):
        rp.plots_dock.show()
        rp.plots_dock.raise_()
        plots.schedule()
    with qtbot.waitSignal(compare.finished, timeout=60000):
        assert compare.start(use_torch=False)
    assert compare.result is not None
    c.run_to_end()
    value_before = c.view.stepper.values()[win.document.output]
    script_before = code.text("seed")
    slope_before = plots.tangent_slope
    counted.clear()

    doc = win.document
    with qtbot.waitSignal(plots.plotted, timeout=20000):  # the plot follows the point
        assert try_push(win.undo_stack,
                        lambda: SetValue(doc, doc.find_input("x"), 3.0)) is None
    qtbot.waitUntil(lambda: "changed" in compare.status.text(), timeout=5000)
    assert compare.badge.text() == ""  # the shown verdict was of the old point
    assert c.position == 0  # the pass starts again on the new function
    c.run_to_end()
    assert c.view.stepper.values()[doc.output] != value_before
    assert code.text("seed") != script_before
    assert plots.tangent_slope != slope_before
    win.gradient_step.refresh()
    assert win.gradient_step.current_loss() is not None
    assert len(counted) == 1, counted  # everyone above used the same compiled program


def test_a_new_graph_is_compiled_once_too(win, counted, qtbot):
    counted.clear()
    assert win.apply_expression("x**3 + y") is None
    rp = win.run_panel
    rp.controller.run_to_end()
    assert rp.code.text("torch") and rp.controller.input_names() == ["x", "y"]
    assert len(counted) == 1


def _calls_of_compile_graph(path: Path) -> list[str]:
    """Where ``compile_graph`` is called in a module: "Class.function" of each call."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def visit(node: ast.AST, where: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(child, [*where, child.name])
                continue
            if isinstance(child, ast.Call):
                f = child.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name == "compile_graph":
                    found.append(".".join(where) or "<module>")
            visit(child, where)

    visit(tree, [])
    return found


def test_the_ui_compiles_only_other_documents():
    calls = {(str(p.relative_to(UI)), where)
             for p in sorted(UI.rglob("*.py")) for where in _calls_of_compile_graph(p)}
    assert calls == ALLOWED
    # The walk sees calls at all: the allowed one is found in its module.
    assert _calls_of_compile_graph(UI / "checks" / "three_ways.py") == ["ThreeWays.compute"]
