"""The block palette: groups that fold, every block reachable, a search in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from autodiff_gui.core import ops
from autodiff_gui.ui.app import i18n
from autodiff_gui.ui.editing.palette import GROUP_TITLES, OPEN_AT_FIRST, PaletteWidget


@pytest.fixture
def palette(qtbot):
    app = QApplication.instance()
    i18n.remove_translators(app)
    p = PaletteWidget()
    qtbot.addWidget(p)
    p.resize(240, 600)
    p.show()
    yield p
    i18n.remove_translators(app)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def _keys(p: PaletteWidget) -> list[str]:
    return [top.data(0, Qt.ItemDataRole.UserRole + 3) for top in p.groups()]


def test_every_block_in_its_group_and_every_group_in_sight(palette) -> None:
    p = palette
    used = [g for g in ops.GROUPS if any(op.group == g for op in ops.OPS.values())]
    assert _keys(p) == ["sources", *used]
    assert [top.text(0) for top in p.groups()][:3] == ["Inputs and constants", "Arithmetic",
                                                      "Powers and logs"]
    assert all(k in GROUP_TITLES for k in _keys(p))  # no group shows its bare key
    # every block is there, once, under its op's group
    assert sorted(p.visible_specs()) == sorted(["input", "const"] +
                                               [f"op:{name}" for name in ops.OPS])
    for top in p.groups():
        key = top.data(0, Qt.ItemDataRole.UserRole + 3)
        for j in range(top.childCount()):
            spec = top.child(j).data(0, Qt.ItemDataRole.UserRole)
            assert key == "sources" or ops.OPS[spec[3:]].group == key
    # not a wall: the first groups open, the others folded but their titles in sight,
    # with the blocks they hold in the title's tooltip
    assert [top.isExpanded() for top in p.groups()] == [k in OPEN_AT_FIRST for k in _keys(p)]
    view = p.tree.viewport().rect()
    for top in p.groups():
        assert view.contains(p.tree.visualItemRect(top)), top.text(0)
    trig = p.group_item("trigonometry")
    assert "sinh" in trig.toolTip(0) and "8 blocks" in trig.toolTip(0)
    assert p.filter_edit.objectName() == "paletteSearch"
    assert p.findChild(QLineEdit, "paletteSearch") is p.filter_edit


def test_a_click_on_a_title_folds_and_unfolds(palette, qtbot) -> None:
    p = palette
    top = p.group_item("piecewise")
    assert not top.isExpanded()
    rect = p.tree.visualItemRect(top)
    qtbot.mouseClick(p.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert top.isExpanded()
    assert p.tree.visualItemRect(p.item_for("op:maximum")).isValid()
    qtbot.mouseClick(p.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=p.tree.visualItemRect(top).center())
    assert not top.isExpanded()


def test_search_finds_blocks_by_their_own_words_first(palette) -> None:
    p = palette
    p.set_filter("hyperbolic")
    assert p.visible_specs() == ["op:sinh", "op:cosh", "op:tanh"]
    assert all(p.group_item(k).isExpanded() for k in ("trigonometry", "activations"))
    assert p.group_item("arithmetic").isHidden()  # no match: the group is hidden
    p.set_filter("log 2")  # several words: all of them
    assert "op:log2" in p.visible_specs() and "op:log" not in p.visible_specs()
    p.set_filter("MAXIMUM")
    assert p.visible_specs() == ["op:maximum"]
    p.set_filter("leaky relu")  # the name with a space finds leaky_relu
    assert p.visible_specs() == ["op:leaky_relu"]
    p.set_filter("trig")  # no block says it: the group's words do
    assert p.visible_specs() == [f"op:{n}" for n, op in ops.OPS.items()
                                 if op.group == "trigonometry"]
    p.set_filter("no such block")
    assert p.visible_specs() == [] and all(top.isHidden() for top in p.groups())


def test_search_in_korean_while_the_window_speaks_english(palette) -> None:
    p = palette
    assert i18n.current_language() == "en"
    p.set_filter("쌍곡")  # 쌍곡사인, 쌍곡코사인, 쌍곡탄젠트
    assert p.visible_specs() == ["op:sinh", "op:cosh", "op:tanh"]
    p.set_filter("밑이 2")  # base-2 logarithm
    assert p.visible_specs() == ["op:log2"]
    p.set_filter("구간별")  # the group's Korean title
    assert p.visible_specs() == [f"op:{n}" for n, op in ops.OPS.items()
                                 if op.group == "piecewise"]


def test_search_in_english_while_the_window_speaks_korean(palette) -> None:
    p = palette
    assert i18n.install_translator(QApplication.instance(), "ko")
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert p.group_item("powers").text(0) == "거듭제곱과 로그"
    assert p.filter_edit.placeholderText() == "블록 찾기…"
    p.set_filter("inverse tangent")
    assert p.visible_specs() == ["op:atan"]
    p.set_filter("역탄젠트")
    assert p.visible_specs() == ["op:atan"]
    p.set_filter("입력")  # the input block, by its Korean name
    assert p.visible_specs()[0] == "input"


def test_clearing_the_search_puts_the_folds_back(palette) -> None:
    p = palette
    p.group_item("arithmetic").setExpanded(False)
    p.group_item("losses").setExpanded(True)
    p.set_filter("cos")
    assert p.group_item("trigonometry").isExpanded()
    p.set_filter("")
    assert not p.group_item("arithmetic").isExpanded()
    assert p.group_item("losses").isExpanded() and not p.group_item("trigonometry").isExpanded()
    assert not any(top.isHidden() for top in p.groups())


def test_enter_in_the_search_places_the_only_match(palette, qtbot) -> None:
    p = palette
    p.filter_edit.setText("reciprocal")
    with qtbot.waitSignal(p.blockActivated) as placed:
        qtbot.keyClick(p.filter_edit, Qt.Key.Key_Return)
    assert placed.args == ["op:reciprocal"]
    p.filter_edit.setText("log")  # several matches: Enter places nothing
    with qtbot.assertNotEmitted(p.blockActivated):
        qtbot.keyClick(p.filter_edit, Qt.Key.Key_Return)
