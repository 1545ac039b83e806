"""The exercises page of a lesson, the progress kept in the settings, the teacher's side.

Drives the real window: a number typed and checked (right, a typical mistake, a hint, the
answer shown), a multiple-choice question, a graph built on the canvas and checked, a
find-the-bug table checked node by node; the progress seen by a second window with the
same (temporary) settings; a lesson asking for predict mode and fewer panels; hidden
answers; the progress exported as JSON.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QPushButton

from autodiff_gui.core.expr import parse
from autodiff_gui.course import answers as A
from autodiff_gui.course.classroom import Classroom
from autodiff_gui.ui.course.classroom import ClassroomTools
from autodiff_gui.ui.course.exercises_text import BAD, GOOD


@pytest.fixture
def win(open_window):
    return open_window()


def tools_of(w) -> ClassroomTools:
    return w.parts.get(ClassroomTools)


def exercises_page(w, lesson_id: str):
    """The Lessons panel on ``lesson_id``'s exercises page, reached with Next."""
    w.lessons.open(lesson_id)
    panel = w.lessons.panel
    for _ in range(len(panel.lesson.pages) - 1):
        assert panel.next_page()
    assert panel.next_button.text() == "Exercises ▶"
    panel.next_button.click()
    assert panel.on_exercises and panel.exercises_box.isVisible()
    assert panel.page_title.text() == "Check your understanding"
    n = len(panel.lesson.pages) + 1
    assert panel.page_label.text() == f"page {n} of {n}"
    return panel, panel.exercises_box


def go_to(box, exercise_id: str):
    for k, ex in enumerate(box.exercises):
        if ex.id == exercise_id:
            box.show_exercise(k)
            return box.view
    raise KeyError(exercise_id)


def build(w, text: str) -> None:
    """The student's graph on the canvas (through the document's API, as an edit does)."""
    w.document.replace_with(parse(text, values={"x": 0.25}))


def feedback_color(view) -> str:
    return view.feedback.styleSheet()


def test_number_exercise_right_wrong_hint_reveal(win, qtbot):
    panel, box = exercises_page(win, "autograd")
    view = go_to(box, "seed_dy")
    assert "x = 2, y = 3" in view.question.text()
    edit = view.findChild(QLineEdit, "exerciseAnswerEdit")
    # A typical mistake: ∂f/∂x instead of ∂f/∂y, diagnosed, in red.
    wrong = A.gradient("(x**2 + 2*x) * log(y)", {"x": 2, "y": 3}, "x")
    qtbot.keyClicks(edit, f"{wrong:.4f}")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert view.feedback.isVisible()
    assert view.feedback.text().startswith("✗ Not quite. That is ∂f/∂x.")
    assert BAD in feedback_color(view)
    # Unreadable input: said, not judged, not counted.
    edit.setText("2 +* 3")
    view.check_button.click()
    assert view.feedback.text().startswith("That is not a number the app can read")
    # A hint on request, then the right answer as an expression.
    view.hint_button.click()
    assert "(x² + 2x)·(1/y)" in view.hints.text() and view.hints.isVisible()
    assert view.hint_button.text() == "Hint (2 of 2)"
    edit.setText("8/3")
    view.check_button.click()
    assert view.feedback.text().startswith("✓ Right.") and GOOD in feedback_color(view)
    rec = tools_of(win).progress.record("autograd", "seed_dy")
    assert (rec.tries, rec.solved, rec.solved_at_try, rec.hints) == (2, True, 2, 1)
    assert box.header.text().endswith("✓")
    # Show the answer: computed by the engine.
    view.reveal_button.click()
    assert view.answer_label.text().startswith("The answer: 2.66667")
    assert tools_of(win).progress.record("autograd", "seed_dy").revealed
    # The function on the canvas, at the exercise's point, as one undo step.
    count = win.undo_stack.count()
    view.canvas_button.click()
    assert win.document.input_values() == {"x": 2.0, "y": 3.0}
    assert win.undo_stack.count() == count + 1


def test_choice_exercise(win):
    panel, box = exercises_page(win, "autograd")
    view = go_to(box, "retain_graph")
    view.check_button.click()
    assert view.feedback.text() == "Pick one of the answers first."
    view.answer_widget.choose(2)
    view.check_button.click()
    assert "create_graph=True" in view.feedback.text() and BAD in feedback_color(view)
    view.answer_widget.buttons[0].click()
    view.check_button.click()
    assert view.feedback.text().startswith("✓ Right.")


def test_canvas_exercise_checks_the_graph_built(win, qtbot):
    panel, box = exercises_page(win, "by_hand")
    view = go_to(box, "build_product_rule")
    assert view.check_button.text() == "Check my canvas"
    view.canvas_button.click()  # start from sin(x)·x: the function itself
    assert set(win.document.input_values()) == {"x"}
    assert not panel.hint.isVisible()  # the last page's "press →" is not said here
    view.check_button.click()
    assert "the function itself" in view.feedback.text()
    build(win, "cos(x) * x")
    view.check_button.click()
    assert "Half the product rule" in view.feedback.text()
    build(win, "x*cos(x) + sin(x)")  # written another way than the solution
    view.check_button.click()
    assert view.feedback.text().startswith("✓ Right."), view.feedback.text()
    assert tools_of(win).progress.is_solved("by_hand", "build_product_rule")


def test_find_the_bug_with_the_per_node_check(win):
    panel, box = exercises_page(win, "by_hand")
    view = go_to(box, "seed_table")
    table = view.answer_widget.table
    assert table.rowCount() == 7 and table.item(5, 1).text() == "∂z/∂c = c"
    assert table.item(5, 3).text() == ""  # the numerical column waits for the check
    assert "The engine: ∂z/∂x = 2.77259" in view.answer_widget.gradients.text()
    view.answer_widget.findChild(QPushButton, "exerciseNodeCheckButton").click()
    assert table.item(5, 3).text() == "0.693147" and table.item(5, 2).text() == "3"
    assert table.item(5, 3).foreground().color().name() == BAD
    assert table.item(0, 3).foreground().color().name() == GOOD
    view.answer_widget.pick("c")
    view.check_button.click()
    assert "c = a + b passes its gradient on unchanged" in view.feedback.text()
    view.answer_widget.pick("b")
    view.check_button.click()
    assert view.feedback.text().startswith("✗ Node b is fine")
    view.answer_widget.pick("z")
    view.check_button.click()
    assert view.feedback.text().startswith("✓ Right.")


def test_progress_survives_a_new_window(open_window, temp_settings):
    w1 = open_window()
    w1.persist_settings = True
    panel, box = exercises_page(w1, "modes")
    view = go_to(box, "tangent_u")
    view.answer_widget.edit.setText("2")
    view.check_button.click()
    assert view.feedback.text().startswith("✓")
    w2 = open_window()
    tools = tools_of(w2)
    assert tools is not tools_of(w1)
    assert tools.progress.is_solved("modes", "tangent_u")
    assert tools.progress.pages_seen("modes") == 3
    tools.show_progress()
    dialog = next(d for d in QApplication.topLevelWidgets()
                  if d.objectName() == "progressDialog" and d.isVisible())
    assert dialog.total.text() == "Exercises solved: 1 of 18"
    texts = [dialog.tree.topLevelItem(i).text(1) for i in range(dialog.tree.topLevelItemCount())]
    assert texts[4] == "pages 3 of 3 · exercises 1 of 3"
    assert dialog.tree.topLevelItem(4).child(1).text(1) == "✓ solved at try 1"
    dialog.close()


def test_export_progress_as_json(win, tmp_path):
    tools = tools_of(win)
    action = win.findChild(QAction, "actionExportProgress")
    assert action is not None and action in win.menus.file.actions()
    panel, box = exercises_page(win, "neuron")
    view = go_to(box, "step_direction")
    view.answer_widget.choose(1)
    view.check_button.click()
    view.answer_widget.choose(0)
    view.check_button.click()
    path = tmp_path / "progress.json"
    tools.export_dialog = lambda: str(path)
    action.trigger()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "autodiff-studio-progress" and data["solved"] == 1
    assert data["predict"] == {}  # predict mode's scores by lesson: none yet
    neuron = next(x for x in data["lessons"] if x["id"] == "neuron")
    assert neuron["pages_seen"] == 2 and neuron["solved"] == 1
    step = next(e for e in neuron["exercises"] if e["id"] == "step_direction")
    assert (step["tries"], step["solved_at_try"]) == (2, 2)
    assert tools.export_to(tmp_path / "missing" / "p.json")  # an error message


def test_hide_answers_switch(win):
    panel, box = exercises_page(win, "by_hand")
    view = go_to(box, "fan_out")
    assert view.reveal_button.isVisible()
    win.findChild(QAction, "actionHideAnswers").trigger()
    assert not view.reveal_button.isVisible()
    view.reveal()
    assert not view.answer_label.isVisible()
    view = go_to(box, "build_product_rule")
    build(win, "cos(x)*x + sin(x) + 1")
    view.check_button.click()
    assert "which is not the derivative there" in view.feedback.text()
    assert not view.reveal_button.isVisible()


def test_a_lesson_asks_for_predict_mode_and_fewer_panels(win):
    tools = tools_of(win)
    narration = win.findChild(QDockWidget, "narrationDock")
    compare = win.findChild(QDockWidget, "compareDock")
    palette = win.findChild(QDockWidget, "paletteDock")
    assert palette.isVisible()
    predict = win.findChild(QAction, "actionPredictMode")
    assert predict is not None and predict.isCheckable() and not predict.isChecked()
    w = win.lessons
    panel = w.panel
    book = panel.book
    lesson = book.lesson("by_hand")
    import dataclasses

    asked = dataclasses.replace(lesson, classroom=Classroom(
        predict=True, panels=("narration", "inputs"), hide_answers=True))
    panel.book = dataclasses.replace(book, lessons=tuple(
        asked if x.id == "by_hand" else x for x in book.lessons))
    w.open("by_hand")
    assert not palette.isVisible() and not compare.isVisible()
    assert narration.isVisible() and w.dock.isVisible()  # the lesson itself stays
    hide = win.findChild(QAction, "actionHideAnswers")
    assert hide.isChecked() and not hide.isEnabled()  # the lesson decides
    assert predict.isChecked()
    assert tools.answers_hidden()
    # Another lesson asks for nothing: the panels and the mode come back.
    panel.open_lesson("modes")
    assert palette.isVisible() and not tools.answers_hidden()
    assert not predict.isChecked()
    assert not hide.isChecked() and hide.isEnabled()


def test_a_file_asks_for_its_classroom(win, tmp_path):
    from autodiff_gui.core import fileio

    tools = tools_of(win)
    palette = win.findChild(QDockWidget, "paletteDock")
    data = fileio.to_data(parse("x * y", values={"x": 2.0, "y": 3.0}))
    data["classroom"] = {"panels": ["narration"], "hide_answers": True}
    path = tmp_path / "class.adgraph.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert win.open_path(str(path)) is None
    assert not palette.isVisible() and tools.answers_hidden()
    data["classroom"] = {"panels": ["canvas"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert win.open_path(str(path)) is None  # the graph loads; the settings are refused
    assert palette.isVisible() and "unknown panel 'canvas'" in win.statusBar().currentMessage()
    data["classroom"] = ["narration"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "'classroom' must be an object" in win.open_path(str(path))


def test_korean_exercise(win):
    from autodiff_gui.ui.app import language

    panel, box = exercises_page(win, "by_hand")
    view = go_to(box, "fan_out")
    view.answer_widget.edit.setText("3")
    view.check_button.click()
    language.switch(win, "ko", remember=False)
    try:
        view = box.view
        assert "연결선 하나의 기여" in view.feedback.text()  # said again, not counted again
        assert view.answer_widget.edit.text() == "3"
        assert tools_of(win).progress.record("by_hand", "fan_out").tries == 1
        assert view.check_button.text() == "확인"
        assert panel.page_title.text() == "이해했는지 확인하기"
        assert "x = 3" in view.question.text() and "입력" in view.question.text()
        assert box.header.text() == "연습 문제 3개 중 2 · 계산하기"
    finally:
        language.switch(win, "en", remember=False)


def test_command_line_exports_the_progress(tmp_path, capsys, temp_settings):
    """main.py --export-progress FILE reads the progress the window kept (the settings
    of this user: here the test's temporary ones) and writes the same JSON."""
    from PySide6.QtCore import QCoreApplication

    from autodiff_gui import cli
    from autodiff_gui.course.progress import Progress
    from autodiff_gui.ui.app.settings import Settings
    from autodiff_gui.ui.app.startup import APP_NAME, ORG_NAME

    # The window's names, with the test's settings folder (conftest's QSettings paths).
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    settings = Settings()
    assert str(temp_settings) in settings.qsettings.fileName()
    p = Progress()
    p.page_seen("modes", 0)
    p.answered("modes", "one_pass", True)
    settings.set_progress_text(p.to_text())
    from autodiff_gui.course.predict import PassScore
    from autodiff_gui.ui.run.predict import add_predict_score

    add_predict_score(settings, "by_hand", PassScore(first=4, second=1, revealed=1))
    settings.sync()
    out = tmp_path / "p.json"
    assert cli.main(["--export-progress", str(out), "--lang", "ko"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    modes = next(x for x in data["lessons"] if x["id"] == "modes")
    assert data["language"] == "ko" and modes["title"].startswith("5.")
    assert modes["pages_seen"] == 1 and modes["solved"] == 1 and data["solved"] == 1
    assert data["predict"]["by_hand"]["best"] == {"first": 4, "second": 1, "revealed": 1}
    assert cli.main(["--export-progress", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "autodiff-studio-progress"
    assert cli.main(["--export-progress", str(tmp_path / "no" / "p.json")]) == 2


def test_the_classroom_part_is_found_by_its_name(win):
    from autodiff_gui.ui.course.exercises import CLASSROOM_PART, classroom_tools
    from autodiff_gui.ui.window.context import Parts
    from autodiff_gui.ui.window.parts import CLASSROOM

    assert Parts.key(ClassroomTools) == CLASSROOM_PART == CLASSROOM
    assert classroom_tools(win.lessons.ctx) is tools_of(win)
