"""Korean and English: the translation file, switching at once, remembering, fonts, core text.

Runs offscreen with settings in a temporary folder (tests/ui/conftest.py).  Every
test leaves the application in English (the translators are removed afterwards).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QToolBar, QToolButton
from shiboken6 import isValid

from autodiff_gui.core.engine import EvalError, compile_graph
from autodiff_gui.core.expr import ParseError, parse
from autodiff_gui.core.graph import Document, GraphError, Text
from autodiff_gui.ui.app import fonts, i18n, language
from autodiff_gui.ui.app.settings import Settings
from autodiff_gui.ui.editing.commands import SetValue
from autodiff_gui.ui.window.main_window import MainWindow
from autodiff_gui.ui.window.parts import LESSONS

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "autodiff_ko.ts"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")


@pytest.fixture
def english(qapp):
    """English at the start and at the end, whatever the test switched to."""
    i18n.remove_translators(qapp)
    yield qapp
    i18n.remove_translators(qapp)


@pytest.fixture
def korean(english):
    assert i18n.install_translator(english, "ko")
    yield english


@pytest.fixture
def window(english):
    """A window, closed at the end without prompts."""
    w = MainWindow(restore=False)
    w.ask_unsaved = lambda: "discard"
    w.errors = []
    w.report_error = lambda title, text: w.errors.append(text)
    yield w
    if isValid(w):
        w.ask_unsaved = lambda: "discard"
        w.close()
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def texts(w: MainWindow) -> dict[str, str]:
    return {"file": w.file_menu.title(), "new": w.actionNew.text(),
            "blocks": w.palette_dock.windowTitle(),
            "narration": w.run_panel.narration_dock.windowTitle(),
            "run": w.run_panel.menu.title(),
            "language": w.findChild(QMenu, "menuLanguage").title()}


# -- switching ------------------------------------------------------------------------

def test_switch_retranslates_in_korean_and_back_keeping_the_work(window, tmp_path):
    w = window
    doc, stack = w.document, w.undo_stack
    x = doc.find_input("x")
    stack.push(SetValue(doc, x, 1.5))
    stack.push(SetValue(doc, x, 1.0))
    stack.undo()  # count 2, index 1: one redo is possible
    assert stack.count() == 2 and not stack.isClean()
    w.current_path = str(tmp_path / "seed.adgraph.json")
    w.run_panel.controller.advance(11)  # the second step of the backward pass
    QApplication.processEvents()  # as in the app: the views settle before a menu click
    assert texts(w) == {"file": "&File", "new": "&New", "blocks": "Blocks",
                        "narration": "Narration", "run": "&Run", "language": "&Language"}
    assert ", so" in w.run_panel.narration.plain()
    assert stack.undoText() == "Set value of x"
    assert w.actionUndo.text() == "&Undo Set value of x"
    panel = w.run_panel

    language.switch(w, "ko")
    assert w.run_panel is panel  # nothing is rebuilt
    assert i18n.current_language() == "ko"
    assert texts(w) == {"file": "파일(&F)", "new": "새로 만들기(&N)", "blocks": "블록",
                        "narration": "해설", "run": "실행(&R)", "language": "언어(&L)"}
    assert w.actionNew.iconText() == "새로 만들기"  # no "(N)" on the toolbar button
    # Same document and history, same file, same place in the pass, said in Korean.
    assert w.document is doc and w.undo_stack is stack
    assert stack.count() == 2 and stack.index() == 1 and not stack.isClean()
    assert stack.undoText() == "x의 값 설정"
    assert "x의 값 설정" in w.actionUndo.text() and "Undo" not in w.actionUndo.text()
    assert w.isWindowModified() and w.current_path == str(tmp_path / "seed.adgraph.json")
    assert "seed.adgraph.json" in w.windowTitle()
    assert w.run_panel.controller.position == 11
    narration = w.run_panel.narration.plain()
    assert "이므로" in narration and "역전파" in narration and ", so" not in narration
    assert w.findChild(type(w.actionNew), "actionLanguage_ko").isChecked()
    assert "f = " in w.value_label.text() and "노드 9개" in w.value_label.text()
    doc.set_value(x, 2.0)
    assert w.inputs_panel.model.data(w.inputs_panel.model.index(0, 1)) == "2"

    QApplication.processEvents()
    language.switch(w, "en")
    assert texts(w)["file"] == "&File" and texts(w)["narration"] == "Narration"
    assert w.undo_stack is stack and stack.undoText() == "Set value of x"
    assert w.run_panel.controller.position == 0  # the edit above restarted the pass
    w.run_panel.controller.advance(11)
    QApplication.processEvents()
    assert ", so" in w.run_panel.narration.plain()


def test_korean_toolbar_buttons_show_no_accelerator_brackets(korean, qtbot):
    """Korean menus say ``새로 만들기(&N)``; a toolbar button says ``새로 만들기``: in a
    window started in Korean, for a part built later (its actions join then), and for
    an action whose text changes (Play ↔ Pause)."""
    w = MainWindow(Document(), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)

    def bracketed() -> list[str]:
        return [b.text() for bar in w.findChildren(QToolBar)
                for b in bar.findChildren(QToolButton) if re.search(r"\(&?\w\)", b.text())]

    buttons = [b.text() for bar in w.findChildren(QToolBar) for b in bar.findChildren(QToolButton)]
    assert "새로 만들기" in buttons and "예측 모드" in buttons
    assert not bracketed()
    w.parts.build(LESSONS)  # the lessons take over their action and add their own
    lessons = w.findChild(QAction, "actionLessons")
    assert "(&" in lessons.text() and lessons.iconText() == lessons.text().split("(&")[0]
    w.run_panel.actionPlay.setText(QCoreApplication.translate("RunPanel", "&Pause"))
    QApplication.processEvents()
    assert "(&" in w.run_panel.actionPlay.text()
    assert w.run_panel.actionPlay.iconText() == w.run_panel.actionPlay.text().split("(&")[0]
    assert not bracketed()


def test_switch_keeps_accumulated_gradients_of_a_finished_and_a_running_pass(window):
    c = window.run_panel.controller
    window.run_panel.settings.accumulate.setChecked(True)
    c.run_to_end()
    c.reset()
    c.run_to_end()  # two runs: x.grad = 2·2.7726
    shown = c.presenter.snapshot()
    language.switch(window, "ko")
    assert window.run_panel.controller is c
    assert c.accumulated["x"] == pytest.approx(2 * 2.772588722239781)
    assert c.presenter.snapshot()[0] == shown[0]  # the canvas still shows 5.5452
    c.reset()
    c.go_to(11)  # a third run, switched in the middle of its backward pass
    QApplication.processEvents()
    language.switch(window, "en")
    c.run_to_end()
    assert c.accumulated["x"] == pytest.approx(3 * 2.772588722239781)
    assert c.accumulated["y"] == pytest.approx(1.5 * 3)


def test_menu_choice_switches_at_once_and_is_remembered(window, qtbot):
    assert Settings().language() == ""
    action = window.findChild(type(window.actionNew), "actionLanguage_ko")
    assert action.isCheckable() and not action.isChecked()
    assert window.findChild(type(window.actionNew), "actionLanguage_en").isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "파일(&F)", timeout=5000)
    assert i18n.current_language() == "ko" and action.isChecked()
    assert Settings().language() == "ko"  # remembered for the next start
    assert language.startup_language(None) == "ko"
    assert language.startup_language("en") == "en"  # --lang wins, unsaved
    assert Settings().language() == "ko"


def test_first_start_follows_the_system_locale(english, monkeypatch):
    assert Settings().language() == ""
    monkeypatch.setattr(i18n, "system_locale_name", lambda: "ko_KR")
    assert i18n.install_translator(english, language.startup_language(None))
    assert i18n.current_language() == "ko"
    assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
    # Qt's own buttons (message boxes, file dialogs) speak Korean too.
    assert HANGUL.search(QCoreApplication.translate("QPlatformTheme", "Save"))
    monkeypatch.setattr(i18n, "system_locale_name", lambda: "de_DE")
    assert not i18n.install_translator(english, language.startup_language(None))
    assert i18n.current_language() == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_lang_flag_gives_a_korean_window_without_saving(tmp_path):
    shot = tmp_path / "ko.png"
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QSettings\n"
        "from autodiff_gui.ui.app.startup import run_gui\n"
        "from autodiff_gui.ui.app.i18n import current_language\n"
        "rc = run_gui(lang='ko', screenshot=sys.argv[1], steps=3)\n"
        "app = QCoreApplication.instance()\n"
        "print(current_language())\n"
        "print(QCoreApplication.translate('MainWindow', '&File'))\n"
        "print('Noto Sans CJK KR' in app.font().families())\n"
        "print(repr(QSettings().value('ui/language', '')))\n"
        "sys.exit(rc)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), LANG="C.UTF-8", LC_ALL="")
    out = subprocess.run([sys.executable, "-c", code, str(shot)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:4] == ["ko", "파일(&F)", "True", "''"]
    assert shot.stat().st_size > 10_000


# -- the translation file -------------------------------------------------------------

def test_korean_translations_are_complete_and_keep_placeholders():
    root = ET.parse(TS_FILE).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 400
    for m in messages:
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None and tr.get("type") not in ("unfinished", "vanished",
                                                         "obsolete"), source
        forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
        for text in forms:
            assert text.strip(), source
            assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(text)), source
            if re.search(r"&[^&\s]", source):  # an accelerator stays an accelerator
                assert re.search(r"&[^&\s]", text), source


def test_translation_file_is_up_to_date_with_the_sources(capsys):
    """Every string in the code is in the .ts and translated (else run the script)."""
    if not Path(sys.executable).with_name("pyside6-lupdate").exists():
        pytest.skip("pyside6-lupdate is not installed")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import update_translations
    finally:
        sys.path.remove(str(ROOT / "tools"))
    status = update_translations.main(["--check"])
    assert status == 0, capsys.readouterr().out


# -- fonts ------------------------------------------------------------------------------

@pytest.fixture
def app_font(korean):
    """The application font with the shipped Hangul fallback, as create_app sets it;
    the plain font again afterwards (other tests measure sizes)."""
    before = QFont(korean.font())
    fonts.apply_app_font(korean)
    yield korean
    korean.setFont(before)


def test_korean_window_has_glyphs_for_every_hangul_character(app_font, qtbot):
    w = MainWindow(Document(), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    widgets_texts: list[tuple[object, str]] = []
    for menu in w.findChildren(QMenu):
        widgets_texts.append((menu, menu.title()))
        widgets_texts += [(menu, a.text()) for a in menu.actions()]
    for dock in w.findChildren(QDockWidget):
        widgets_texts.append((dock, dock.windowTitle()))
    for bar in w.findChildren(QToolBar):
        for button in bar.findChildren(QToolButton):
            widgets_texts.append((button, button.text()))
    hangul = [(wd, t) for wd, t in widgets_texts if HANGUL.search(t)]
    assert len(hangul) > 40
    for widget, text in hangul:
        metrics = QFontMetrics(widget.font())  # type: ignore[attr-defined]
        missing = [ch for ch in text if HANGUL.match(ch) and not metrics.inFont(ch)]
        assert not missing, (text, missing)


def test_canvas_fonts_keep_the_hangul_fallback(app_font):
    """Block titles and the output tag are drawn with the canvas theme's fonts."""
    from autodiff_gui.ui.canvas.theme import Theme

    theme = Theme()
    for font in (theme.title_font, theme.value_font, theme.small_font, theme.tag_font):
        assert QFontMetrics(font).inFont("출"), font.families()


def test_latin_text_and_symbols_keep_the_system_font(app_font):
    """Noto only fills in Hangul: an alias such as "Sans Serif" first in the family list
    would make Qt draw everything with Noto, whose ∂ is full width."""
    from PySide6.QtGui import QFontInfo

    font = QApplication.font()
    assert QFontInfo(font).family() != fonts.HANGUL_FAMILY
    assert font.families()[-1] == fonts.HANGUL_FAMILY


# -- core messages ---------------------------------------------------------------------

def test_core_errors_are_said_in_korean_with_their_parameters(korean):
    doc = Document()
    with pytest.raises(GraphError) as graph_error:
        doc.add_input("x", "abc")
    message = i18n.translate_error(graph_error.value)
    assert HANGUL.search(message) and "x" in message and "'abc'" in message
    assert "실수가 아닙니다" in message  # the nested reason is translated too

    with pytest.raises(EvalError) as eval_error:
        compile_graph(parse("log(y - 3)", values={"y": 2.0})).evaluate()
    message = i18n.translate_error(eval_error.value)
    assert message.startswith(eval_error.value.location())
    assert "log의 입력은 0보다 커야 합니다" in message and "-1" in message

    with pytest.raises(ParseError) as parse_error:
        parse("x^2")
    assert HANGUL.search(i18n.translate_error(parse_error.value))

    # A template with a broken translation never hides the message.
    text = Text("{name} is here", "core", name="x")
    assert i18n.translate_text(text) == "x is here"


def test_core_errors_in_english_are_their_own_text(english):
    doc = Document()
    with pytest.raises(GraphError) as graph_error:
        doc.add_input("x", "abc")
    assert i18n.translate_error(graph_error.value) == str(graph_error.value)
    assert graph_error.value.template == "value of {name}: {reason}"
    assert graph_error.value.params["name"] == "x"
    with pytest.raises(EvalError) as eval_error:
        compile_graph(parse("log(y - 3)", values={"y": 2.0})).evaluate()
    assert i18n.translate_error(eval_error.value) == str(eval_error.value)
    assert eval_error.value.template == "log needs inputs greater than 0"


def test_plots_draw_hangul_without_missing_glyphs(tmp_path):
    """matplotlib falls back glyph by glyph only along an explicit family list."""
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fonts.configure_matplotlib()
    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title("오차 ∂f/∂y")
    ax.set_xlabel("스텝 h")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "ko.png")
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_kink_conventions_are_said_in_korean(korean):
    """The op table's kink conventions and places (English in ``core/ops/``) are
    translated where the narration, the backward graph and the gradient check say them."""
    from autodiff_gui.core.engine import Stepper
    from autodiff_gui.core.narration import Narration
    from autodiff_gui.core.steps import BackwardStep
    from autodiff_gui.ui.run.stepping import tr_narration

    program = compile_graph(parse("max(w) * 2", values={"w": [1.0, 3.0, 3.0]}))
    stepper = Stepper(program)
    stepper.run_to_end()
    narration = Narration(program, stepper.records)
    said = "\n".join(narration.text(r, tr_narration) for r in stepper.records
                     if isinstance(r, BackwardStep))
    assert "가장 큰 원소가 여럿이면 그래디언트를 똑같이 나눕니다" in said
    assert "가장 큰 두 원소가 같음" in said and "a tie of" not in said
