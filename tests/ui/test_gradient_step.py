"""Gradient descent on the neuron: steps, undo, the loss history and its plot."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu

from autodiff_gui.core.engine import compile_graph
from autodiff_gui.ui.run.gradient_step import DEFAULT_RATE
from autodiff_gui.ui.run.loss_plot import LossPlot, _nice_step


@pytest.fixture
def win(open_window):
    return open_window((1400, 900))


def load_neuron(w) -> None:
    w.examples.choose("neuron")
    QApplication.processEvents()


def values(w) -> dict:
    return dict(w.document.input_values())


def test_action_menu_and_dock(win):
    action = win.findChild(QAction, "actionGradientStep")
    run_menu = win.findChild(QMenu, "menuRun")
    assert action is not None and action in run_menu.actions()
    dock = win.findChild(QDockWidget, "gradientStepDock")
    assert dock is win.gradient_step.dock
    assert win.dockWidgetArea(dock) == win.dockWidgetArea(win.run_panel.plots_dock)
    assert dock in win.tabifiedDockWidgets(win.run_panel.plots_dock)
    assert win.gradient_step.learning_rate == DEFAULT_RATE == 0.5
    # The seed: every input ticked by default.
    assert win.gradient_step.chosen() == ["x", "y"]


def test_twenty_steps_reduce_the_loss_and_undo_takes_one_back(win):
    load_neuron(win)
    step = win.gradient_step
    assert step.chosen() == ["w", "b"]  # x and t are data
    action = win.findChild(QAction, "actionGradientStep")
    start = win.undo_stack.count()
    before_last = None
    for _ in range(20):
        before_last = values(win)
        action.trigger()
    losses = step.losses
    assert len(losses) == 20 and losses[0] == 0.25
    assert all(a > b for a, b in zip(losses, losses[1:]))
    assert losses[-1] < 0.01
    assert win.undo_stack.count() == start + 20
    after = values(win)
    assert after["x"] == 2.0 and after["t"] == 1.0  # unticked inputs stay
    assert after["w"] > 0.5 and after["b"] > -1.0
    # The first step by hand: w ← 0.5 − 0.5·(−0.5), b ← −1 − 0.5·(−0.25).
    assert "Gradient step w, b (η = 0.5)" in win.undo_stack.text(start)
    # The plot holds the recorded losses and the loss now.
    QApplication.processEvents()
    plot = step.panel.plot
    assert plot.values == losses
    now = compile_graph(win.document).evaluate()
    assert plot.current == pytest.approx(now) and now < losses[-1]
    # One undo = one step: values and the recorded loss.
    win.undo_stack.undo()
    assert values(win) == before_last
    assert step.losses == losses[:-1]
    win.undo_stack.redo()
    assert step.losses == losses and values(win) == after
    for _ in range(20):
        win.undo_stack.undo()
    assert values(win) == {"w": 0.5, "x": 2.0, "b": -1.0, "t": 1.0} and step.losses == []


def test_first_step_by_hand_and_learning_rate(win):
    load_neuron(win)
    step = win.gradient_step
    step.set_learning_rate(0.1)
    step.set_chosen(["w"])
    assert step.step() is None
    v = values(win)
    assert v["w"] == pytest.approx(0.5 + 0.1 * 0.5) and v["b"] == -1.0


def test_refusals_push_nothing(win):
    step = win.gradient_step
    count = win.undo_stack.count()
    step.set_chosen([])
    assert "Tick at least one input" in step.step()
    win.apply_expression("sum(x * [1, 2])")
    step.set_chosen(["x"])
    win.apply_expression("x * [1, 2]")
    message = step.step()
    assert message and "single number" in message
    win.apply_expression("log(x)")
    win.document.set_value(win.document.find_input("x"), -1.0)
    assert "log" in step.step()
    assert win.undo_stack.count() == count + 3  # the three expressions, no steps
    assert step.losses == []


def test_a_new_function_clears_the_history(win):
    load_neuron(win)
    step = win.gradient_step
    step.step()
    step.step()
    assert len(step.losses) == 2
    win.apply_expression("(x - 3)**2")
    QApplication.processEvents()
    assert step.losses == [] and step.chosen() == ["x"]
    step.set_learning_rate(0.1)
    for _ in range(3):
        step.step()
    # x keeps its value 2 (typed expressions keep input values): (2 − 3)² = 1, then
    # x ← x − 0.1·2(x − 3) moves 20 % of the way to 3 each step.
    assert step.losses == pytest.approx([1.0, 0.64, 0.4096])


def test_a_language_switch_keeps_the_ticked_inputs(win):
    from autodiff_gui.ui.app import i18n, language

    load_neuron(win)
    assert win.gradient_step.chosen() == ["w", "b"]  # x and t are data
    app = QApplication.instance()
    try:
        language.switch(win, "ko", remember=False)
        assert win.gradient_step.chosen() == ["w", "b"]
        assert win.gradient_step.step() is None
        assert values(win)["x"] == 2.0 and values(win)["t"] == 1.0
    finally:
        i18n.remove_translators(app)


def test_loss_plot_draws_its_points(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(400, 200)
    empty = plot.grab().toImage()
    plot.set_data([0.25, 0.12, 0.07, 0.05], 0.035)
    assert plot.points() == [0.25, 0.12, 0.07, 0.05, 0.035]
    drawn = plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    blue = sum(1 for y in range(0, 200, 2) for x in range(0, 400, 2)
               if drawn.pixelColor(x, y).blue() > 150 and drawn.pixelColor(x, y).red() < 90)
    red = sum(1 for y in range(0, 200, 2) for x in range(0, 400, 2)
              if drawn.pixelColor(x, y).red() > 150 and drawn.pixelColor(x, y).green() < 90)
    assert blue > 20 and red > 3
    assert drawn != empty.convertToFormat(QImage.Format.Format_RGB32)
    assert _nice_step(0.25) == 0.1 and _nice_step(7) == 2 and _nice_step(0) == 1.0
    assert np.isclose(_nice_step(0.003), 0.001)


def test_lesson_page_shows_the_loss_plot(win):
    win.lessons.open("neuron", 1)
    QApplication.processEvents()
    dock = win.gradient_step.dock
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()
    panel = win.lessons.panel
    assert panel.pointer.target is win.gradient_step.panel.step_button
    win.gradient_step.panel.step_button.click()
    assert len(win.gradient_step.losses) == 1
    assert not panel.pointer.active() and panel.hint.text().startswith("✓")
