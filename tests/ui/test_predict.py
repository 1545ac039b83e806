"""Predict mode through the seed example, f(x, y) = (x² + 2x)·log(y) at x = 1, y = 2.

The real window: Run ▸ Predict Mode (``actionPredictMode``) on, answers typed into
``predictionEdit`` and submitted with Enter, ``revealButton`` clicked.  Each test
reads what the question box, the narration and the controller actually show.
The seed's questions, in order: the values a, b, c, d, z; then ∂f/∂c and ∂f/∂d
(z = c·d), ∂f/∂y, ∂f/∂a and ∂f/∂b, x's contribution through b (1 of 2) and ∂f/∂x
after the contribution through a (2 of 2).
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from autodiff_gui.ui.app import i18n, language
from autodiff_gui.ui.app.settings import Settings
from autodiff_gui.ui.run.predict import PRACTICE, predict_scores

LOG2 = math.log(2)
# Right answers, some as expressions; keyed by (kind, symbol).
RIGHT = {
    ("value", "a"): "1", ("value", "b"): "2", ("value", "c"): "3",
    ("value", "d"): "log(2)", ("value", "z"): "3*log(2)",
    ("gradient", "∂f/∂c"): "0.6931", ("gradient", "∂f/∂d"): "3",
    ("gradient", "∂f/∂y"): "1/2*3", ("gradient", "∂f/∂a"): "0.6931",
    ("gradient", "∂f/∂b"): "log(2)", ("contribution", "∂f/∂x"): "2*log(2)",
    ("running_sum", "∂f/∂x"): "4*log(2)",
}


@pytest.fixture
def win(open_window):
    app = QApplication.instance()
    i18n.remove_translators(app)
    w = open_window()
    w.predict_mode.set_active(True)
    yield w
    i18n.remove_translators(app)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def edit(w) -> QLineEdit:
    return w.findChild(QLineEdit, "predictionEdit")


def feedback(w) -> str:
    return w.findChild(QLabel, "predictionFeedback").text()


def prompt(w) -> str:
    return w.findChild(QLabel, "predictionPrompt").text()


def answer(qtbot, w, text: str) -> None:
    """Type ``text`` into the answer field and press Enter, as a student does."""
    field = edit(w)
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def to_question(w, kind: str, symbol: str) -> None:
    """Step on (revealing earlier questions) until ``kind``/``symbol`` is asked."""
    pm, c = w.predict_mode, w.run_panel.controller
    for _ in range(60):
        q = pm.pending()
        if q is not None and (q.kind, q.symbol) == (kind, symbol):
            return
        if q is None:
            assert c.next() or pm.pending() is not None
        else:
            w.findChild(QPushButton, "revealButton").click()
    raise AssertionError(f"{kind} {symbol} was never asked")


def step_shown(w, q, position: int) -> bool:
    """After ``q`` was settled: its step is shown, unless the step asks more."""
    after = w.predict_mode.pending()
    if after is not None and after.index == q.index:  # z = c·d asks ∂f/∂c, then ∂f/∂d
        return w.run_panel.controller.position == position
    return w.run_panel.controller.position == position + 1


def test_the_action_is_in_the_run_menu_and_on_the_step_toolbar(win):
    pm = win.predict_mode
    act = pm.action
    assert act.objectName() == "actionPredictMode" and act.isCheckable() and act.isChecked()
    assert act in win.run_panel.menu.actions() and act in win.run_panel.toolbar.actions()
    assert win.run_panel.controller.gate is pm
    act.trigger()  # off: no gate, no question box
    assert win.run_panel.controller.gate is None and not pm.panel.isVisible()
    assert all(win.run_panel.controller.next() for _ in range(5))


def test_right_answers_all_the_way_give_a_full_score(win, qtbot):
    win.persist_settings = True  # tests' settings live in tmp_path (conftest)
    c = win.run_panel.controller
    asked = []
    while not c.done:
        q = win.predict_mode.pending()
        if q is None:
            assert c.next()
            continue
        asked.append((q.kind, q.symbol))
        position = c.position
        assert q.symbol in prompt(win)
        answer(qtbot, win, RIGHT[(q.kind, q.symbol)])
        assert "✓ Right on the first try" in feedback(win)
        assert step_shown(win, q, position)  # right: the step is shown
    assert asked == list(RIGHT)
    narration = win.run_panel.narration.plain()
    assert "x.grad = ∂f/∂x = 2.7726" in narration
    assert "Predict mode: 12 of 12 right on the first try, 0 on the second, 0 revealed" \
        in narration
    kept = predict_scores(Settings())[PRACTICE]
    assert kept.passes == 1 and kept.last.first == 12 and kept.best.first == 12


def test_next_end_and_play_stop_at_a_question(win, qtbot):
    c = win.run_panel.controller
    assert c.next() and c.next()  # x, the constant 2: nothing to predict
    assert win.predict_mode.pending().symbol == "a"
    assert not c.next() and c.position == 2  # → waits for the prediction
    c.run_to_end()
    assert c.position == 2
    answer(qtbot, win, "1")
    assert c.position == 3
    c.set_speed(0)  # as fast as drawing allows: still stops at b's question
    c.play()
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    assert c.position == 4 and win.predict_mode.pending().symbol == "b"
    c.set_speed(20)
    answer(qtbot, win, "2")
    c.play()
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    assert c.position == 5 and win.predict_mode.pending().symbol == "c"
    assert c.back() and c.back()  # back over answered steps, then on: not asked again
    assert c.next() and c.next() and c.position == 5


@pytest.mark.parametrize(("kind", "symbol", "typed", "phrase"), [
    ("gradient", "∂f/∂c", "3", "Product rule swapped: you multiplied by c = 3"),
    ("gradient", "∂f/∂d", "log(2)", "Product rule swapped: you multiplied by d = 0.6931"),
    ("running_sum", "∂f/∂x", "1.3863",
     "That is only the contribution through a. x is used 2 times"),
    ("running_sum", "∂f/∂x", "2*log(2)", "That is only the contribution through a."),
    ("gradient", "∂f/∂y", "0.5", "That is the local derivative alone (0.5)"),
    ("contribution", "∂f/∂x", "2", "That is the local derivative alone (2)"),
    ("gradient", "∂f/∂y", "-1.5", "Right size, wrong sign"),
    ("value", "z", "-3*log(2)", "Right size, wrong sign"),
    ("value", "a", "2", "The operands are the other way round"),
    ("gradient", "∂f/∂y", "1.49", "Close, but not within 0.1 %"),
    ("gradient", "∂f/∂y", "7", "Not one of the usual mistakes"),
])
def test_a_wrong_answer_names_the_mistake(win, qtbot, kind, symbol, typed, phrase):
    c = win.run_panel.controller
    to_question(win, kind, symbol)
    position, q = c.position, win.predict_mode.pending()
    answer(qtbot, win, typed)
    text = feedback(win)
    assert "✗ Not quite." in text and phrase in text and "Try once more" in text
    assert c.position == position  # a second try: nothing shown yet
    assert win.predict_mode.pending().symbol == symbol
    answer(qtbot, win, RIGHT[(kind, symbol)])
    assert "✓ Right on the second try" in feedback(win)
    assert step_shown(win, q, position) and win.predict_mode.state.score.second == 1


def test_upstream_gradient_left_out(win, qtbot):
    c = win.run_panel.controller
    assert c.set_upstream("2") is None
    to_question(win, "gradient", "∂L/∂c")
    answer(qtbot, win, "log(2)")  # ∂f/∂c: the v = 2 of grad_tensors left out
    assert "leaves out the upstream gradient v = 2" in feedback(win)
    answer(qtbot, win, "2*log(2)")
    assert "✓ Right on the second try: ∂L/∂c = 1.3863" in feedback(win)


@pytest.mark.parametrize("accumulate", [False, True])
def test_a_gradient_carried_over_from_the_previous_run(win, qtbot, accumulate):
    """The last run's gradient (Accumulate off) or .grad kept across runs (on)."""
    c = win.run_panel.controller
    c.set_accumulate(accumulate)
    to_question(win, "running_sum", "∂f/∂x")
    answer(qtbot, win, "4*log(2)")
    assert c.done
    c.reset()  # Home: a second run of the same function
    to_question(win, "running_sum", "∂f/∂x")
    answer(qtbot, win, "8*log(2)")  # x.grad of the first run added in
    assert "adds the gradient of an earlier run (2.7726)" in feedback(win)
    assert "zero_grad()" in feedback(win)


def test_two_wrong_tries_reveal_the_answer_with_its_working(win, qtbot):
    c = win.run_panel.controller
    to_question(win, "gradient", "∂f/∂y")
    position, revealed = c.position, win.predict_mode.state.score.revealed
    answer(qtbot, win, "0.5")
    answer(qtbot, win, "-1.5")
    text = feedback(win)
    assert "✗ Not right. Right size, wrong sign" in text
    assert "The answer: ∂f/∂y = 1.5" in text
    assert "∂f/∂y = ∂f/∂d·∂d/∂y = 3·0.5 = 1.5" in text  # the narration's working
    assert c.position == position + 1  # revealed: the step is shown
    assert "∂f/∂y = ∂f/∂d·∂d/∂y = 3·0.5 = 1.5" in win.run_panel.narration.plain()
    assert win.predict_mode.state.score.revealed == revealed + 1


def test_reveal_when_stuck_and_the_score_at_the_end(win, qtbot):
    c = win.run_panel.controller
    to_question(win, "value", "a")
    reveal = win.findChild(QPushButton, "revealButton")
    assert reveal.isVisible() and reveal.isEnabled()
    reveal.click()
    assert "The answer: a = 1" in feedback(win) and "a = x ** 2 = 1 ** 2 = 1" in feedback(win)
    assert c.position == 3
    to_question(win, "value", "b")
    answer(qtbot, win, "2")
    to_question(win, "value", "c")
    answer(qtbot, win, "5")
    answer(qtbot, win, "3")
    while not c.done:  # stuck on every other question
        if win.predict_mode.pending() is None:
            assert c.next()
        else:
            reveal.click()
    assert win.predict_mode.state.score.as_dict() == {"first": 1, "second": 1, "revealed": 10}
    assert "Predict mode: 1 of 12 right on the first try, 1 on the second, 10 revealed" \
        in win.run_panel.narration.plain()
    assert not reveal.isEnabled()  # nothing left to reveal


def test_an_unreadable_answer_is_not_a_try(win, qtbot):
    to_question(win, "value", "d")
    answer(qtbot, win, "log(")
    assert "I cannot read that" in feedback(win) and "not counted as a try" in feedback(win)
    answer(qtbot, win, "q + 1")
    assert "q: not known here" in feedback(win)
    answer(qtbot, win, "y")  # the name of a value computed before the step: 2
    assert "✗ Not quite." in feedback(win)
    answer(qtbot, win, "log(y)")
    assert "✓ Right on the second try: d = 0.6931" in feedback(win)


def test_forward_mode_asks_for_tangents(win, qtbot):
    c = win.run_panel.controller
    c.set_mode("forward", "x")
    to_question(win, "tangent", "∂c/∂x")
    answer(qtbot, win, "2")
    assert "That is only the term through a. c depends on x" in feedback(win)
    answer(qtbot, win, "4")
    to_question(win, "tangent", "∂z/∂x")
    answer(qtbot, win, "log(2)")
    assert "multiply it by the tangent that comes in" in feedback(win)
    answer(qtbot, win, "12")
    assert "Product rule swapped: you multiplied by c = 3" in feedback(win)
    assert "The answer: ∂z/∂x = 2.7726" in feedback(win)


def test_language_switch_keeps_the_question_and_translates_it(win, qtbot):
    to_question(win, "gradient", "∂f/∂c")
    answer(qtbot, win, "3")
    english_prompt, english_feedback = prompt(win), feedback(win)
    edit(win).setText("0.69")
    language.switch(win, "ko", remember=False)
    qtbot.waitUntil(lambda: prompt(win) != english_prompt, timeout=5000)
    assert "∂f/∂c" in prompt(win) and "z = c·d" in prompt(win)
    assert feedback(win) != english_feedback and "c = 3" in feedback(win)
    assert "예측" in prompt(win) and "곱의 법칙" in feedback(win)
    assert edit(win).text() == "0.69"  # what the student typed stays
    assert win.predict_mode.action.text() != "Pre&dict Mode"
    language.switch(win, "en", remember=False)
    qtbot.waitUntil(lambda: prompt(win) == english_prompt, timeout=5000)
    assert feedback(win) == english_feedback
