"""Every lesson page in Korean shows no English words (issue 10, item 11).

The window speaks Korean; each page of each lesson is shown as a student meets it
(its control used, its demonstration waited for), and what the window then shows is
walked with ``language_walk``: no English word may remain outside formulas and
identifiers.  The transcript box and the Code panel are code, so they are not
walked; their labels and comments are checked instead: the transcript's cell labels
are Korean and no marker line shows, and the generated scripts' comments are Korean
with no machine-readable ``RESULT`` line.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from autodiff_gui.ui.app import i18n
from tests.ui import language_walk as walk

LONG = 60_000  # ms: the first PyTorch import in a worker, on a busy machine
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# The notebook's own identifiers, quoted by lesson 4 as its code names them.
NOTEBOOK_NAMES = {"TIMES", "ADD", "LOG", "cache"}
VERSION = re.compile(r"\b\d+(?:\.\d+)+\+\w+")  # PyTorch's version, such as 2.13.0+cpu


@pytest.fixture
def korean(open_window):
    app = QApplication.instance()
    assert i18n.install_translator(app, "ko")
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    yield open_window()  # closed by open_window after the translator is removed
    i18n.remove_translators(app)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def use_control(qtbot, w, page) -> None:
    """What the page asks for: step to its step, run, or check gradients."""
    action = w.findChild(QAction, page.point_at)
    assert action is not None, page.point_at
    c = w.run_panel.controller
    if page.until_step is not None:
        while c.position < page.until_step:
            action.trigger()
    elif page.point_at == "actionCheckGradients":
        with qtbot.waitSignal(w.run_panel.comparison.finished, timeout=LONG):
            action.trigger()
    else:
        action.trigger()


def test_every_lesson_page_in_korean_has_no_english(korean, qtbot):
    w = korean
    panel = w.lessons.panel
    panel.set_language("ko", show=False)
    w.lessons.open(0)
    QApplication.processEvents()
    assert panel.language == "ko"
    problems: list[str] = []
    pages = 0
    for li, lesson in enumerate(panel.book.lessons):
        panel.open_lesson(li)
        for k, page in enumerate(lesson.pages):
            panel.show_page(k)
            if page.show == "torch:tensors":
                qtbot.waitUntil(lambda: bool(panel.transcripts["tensors"])
                                and not panel.is_busy(), timeout=LONG)
            elif page.show == "torch:mechanics":
                qtbot.waitUntil(lambda: bool(panel.transcripts["mechanics"])
                                and not panel.is_busy(), timeout=LONG)
            if page.point_at:
                use_control(qtbot, w, page)
            QApplication.processEvents()
            pages += 1
            left = [(where, text, words) for where, text, words
                    in walk.english_leftovers(walk.shown_texts(w))
                    if set(walk.english_words(VERSION.sub("", text))) - NOTEBOOK_NAMES]
            problems += [f"{lesson.id} p{k + 1}: {line}"
                         for line in walk.report(left).splitlines()]
            if page.show and page.show.startswith("torch:"):
                shown = panel.transcript.toPlainText()
                assert "##" not in shown, (lesson.id, k + 1)
                assert "입력 [1]:" in shown and "In [" not in shown and "Out:" not in shown
                assert "출력:" in shown
                if "(노트북에 없는 셀:" not in shown:
                    problems.append(f"{lesson.id} p{k + 1}: no labelled extra cell")
                words = [q for q in page.quotes if len(q) > 3]
                if words:  # the transcript is scrolled to what the page quotes
                    assert panel.transcript.textCursor().selectedText() in words, page.title
            if page.show == "numdiff:table":
                assert HANGUL.search(panel.numdiff.text())
    assert pages == sum(len(lesson.pages) for lesson in panel.book.lessons) >= 25
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_generated_code_comments_are_korean_and_without_the_result_line(korean):
    w = korean
    rp = w.run_panel
    w.lessons.open("by_hand", 1)  # shows the seed-style code
    QApplication.processEvents()
    code = rp.code
    code.dock_or_self = None
    for kind in ("torch", "seed"):
        code.tabs.setCurrentWidget(code.editors[kind])
        code.regenerate()
        text = code.editors[kind].toPlainText()
        assert text, kind
        comments = [line.strip().lstrip("#").strip().strip('"') for line in text.splitlines()
                    if line.strip().startswith(("#", '"""'))]
        comments = [c for c in comments if c]
        assert comments and all(HANGUL.search(c) for c in comments), (kind, comments)
        assert not any(walk.english_words(c) for c in comments), (kind, comments)
        assert "RESULT" not in text
