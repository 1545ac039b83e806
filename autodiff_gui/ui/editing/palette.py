"""The block palette: every primitive, grouped, searchable, draggable onto the canvas.

Each entry carries a *spec* string: ``"input"``, ``"const"`` or ``"op:<name>"``.
Dragging an entry starts a QDrag whose mime data (type ``MIME_TYPE``) holds the
spec as bytes; the canvas view reads it on drop.  Double-clicking (or Enter)
emits ``blockActivated(spec)`` so the window can place the block at the centre of
the view.

Some fifty blocks would be a wall, so the groups fold: the first ones are open, the
others show their title, their count and (as a tooltip) their blocks; a click on a title
opens or closes it.  The search field finds blocks by name, symbol, description, group
and argument names in English and in every language shipped (a Korean word finds a
block while the window speaks English, and the other way round); several words must
all match.  While searching, every group with a match is open; clearing the search
puts the folds back as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, Qt, QTranslator, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import ops
from ..app.i18n import SOURCE_LANGUAGE, available_languages, op_description, translation_file
from ..canvas.scene import MIME_BLOCK
from ..canvas.theme import current_theme

MIME_TYPE = MIME_BLOCK  # "application/x-autodiff-block"
SPEC_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
_CONTEXT = "PaletteWidget"
# Argument names said in words in a tooltip ("a", "b" stay letters).
_SLOT_NAMES = {"base": QT_TRANSLATE_NOOP("PaletteWidget", "base"),
               "exponent": QT_TRANSLATE_NOOP("PaletteWidget", "exponent"),
               "numerator": QT_TRANSLATE_NOOP("PaletteWidget", "numerator"),
               "denominator": QT_TRANSLATE_NOOP("PaletteWidget", "denominator"),
               "logits": QT_TRANSLATE_NOOP("PaletteWidget", "logits"),
               "target": QT_TRANSLATE_NOOP("PaletteWidget", "target"),
               # parameters (written after the arguments: clamp(x, -1, 1))
               "axis": QT_TRANSLATE_NOOP("PaletteWidget", "axis"),
               "shape": QT_TRANSLATE_NOOP("PaletteWidget", "shape"),
               "index": QT_TRANSLATE_NOOP("PaletteWidget", "index"),
               "slope": QT_TRANSLATE_NOOP("PaletteWidget", "slope"),
               "lo": QT_TRANSLATE_NOOP("PaletteWidget", "lo"),
               "hi": QT_TRANSLATE_NOOP("PaletteWidget", "hi")}
# Group titles by ops.GROUPS key ("sources": inputs and constants).
# Short enough for a narrow dock; the tooltip and the search say more.
GROUP_TITLES = {
    "sources": QT_TRANSLATE_NOOP("PaletteWidget", "Inputs and constants"),
    "arithmetic": QT_TRANSLATE_NOOP("PaletteWidget", "Arithmetic"),
    "powers": QT_TRANSLATE_NOOP("PaletteWidget", "Powers and logs"),
    "trigonometry": QT_TRANSLATE_NOOP("PaletteWidget", "Trig and hyperbolic"),
    "activations": QT_TRANSLATE_NOOP("PaletteWidget", "Activations"),
    "piecewise": QT_TRANSLATE_NOOP("PaletteWidget", "Piecewise: max, min"),
    "reductions": QT_TRANSLATE_NOOP("PaletteWidget", "Reductions"),
    "shapes": QT_TRANSLATE_NOOP("PaletteWidget", "Shapes and indexing"),
    "losses": QT_TRANSLATE_NOOP("PaletteWidget", "Losses"),
    "user_blocks": QT_TRANSLATE_NOOP("PaletteWidget", "My blocks"),  # set_user_blocks
}
# What the search also finds a group by (longer words than its title).
GROUP_WORDS = {
    "powers": QT_TRANSLATE_NOOP("PaletteWidget", "powers exponentials logarithms"),
    "trigonometry": QT_TRANSLATE_NOOP("PaletteWidget", "trigonometric hyperbolic inverse"),
    "piecewise": QT_TRANSLATE_NOOP("PaletteWidget", "piecewise kink comparison"),
}
# Symbols longer than this are words: shown as the block's name across the row.
WORD_SYMBOL = 4
# Open at first: what the notebook's example and a first graph are made of.
OPEN_AT_FIRST = ("sources", "arithmetic")
# The words of the two source blocks (the same in every language's search text).
_INPUT_TEXTS = (QT_TRANSLATE_NOOP("PaletteWidget", "input"),
                QT_TRANSLATE_NOOP("PaletteWidget",
                                  "A named input variable (x, y, …); its value is set in the "
                                  "Inputs panel"))
_CONST_TEXTS = (QT_TRANSLATE_NOOP("PaletteWidget", "constant"),
                QT_TRANSLATE_NOOP("PaletteWidget", "A constant number or array"))


_KEEP: list[bytes] = []


@cache
def _translators() -> tuple[QTranslator, ...]:
    """One (not installed) translator per shipped language, for the search words."""
    found = []
    for lang in available_languages():
        path = translation_file(lang) if lang != SOURCE_LANGUAGE else None
        if path is None:
            continue
        translator = QTranslator()
        # From memory, like i18n.install_translator: a rewritten .qm must not crash us.
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if translator.load(data):
            _KEEP.append(data)  # Qt reads from these bytes for the translator's lifetime
            found.append(translator)
    return tuple(found)


def every_language(context: str, text: str) -> str:
    """``text`` and its translations into every shipped language, space-separated."""
    words = [text]
    for translator in _translators():
        other = translator.translate(context, text)
        if other:
            words.append(other)
    return " ".join(words)


class _BlockTree(QTreeWidget):
    """The tree of blocks; drags produce our mime type, Enter activates."""

    activated = Signal(str)

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [MIME_TYPE]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        specs = [it.data(0, SPEC_ROLE) for it in items if it.data(0, SPEC_ROLE)]
        if specs:
            data.setData(MIME_TYPE, specs[0].encode())
            data.setText(specs[0])
        return data

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            spec = item.data(0, SPEC_ROLE)
            if spec:
                self.activated.emit(spec)
                return
            item.setExpanded(not item.isExpanded())  # a group title: open or close it
            return
        super().keyPressEvent(event)


class PaletteWidget(QWidget):
    """Grouped primitive blocks that fold, with a search field."""

    blockActivated = Signal(str)  # noqa: N815 (Qt signal naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self._user_blocks: dict[str, str] = {}  # My blocks: name -> its inputs as text
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("paletteSearch")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.set_filter)
        self.filter_edit.returnPressed.connect(self._activate_only_match)
        # The folds the student chose, put back when a search is cleared.
        self._open: dict[str, bool] = {}
        self._searching = False

        self.tree = _BlockTree(self)
        self.tree.setObjectName("paletteTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(True)
        # Long titles are elided, never scrolled sideways in a narrow dock.
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.itemClicked.connect(self._on_click)
        self.tree.itemExpanded.connect(lambda item: self._remember(item, True))
        self.tree.itemCollapsed.connect(lambda item: self._remember(item, False))
        self.tree.activated.connect(self.blockActivated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)
        self._populate()
        self.retranslate()

    # -- content ------------------------------------------------------------
    def _populate(self) -> None:
        """The groups and their blocks (texts come from ``retranslate``)."""
        bold = QFont(self.font())
        bold.setBold(True)
        symbol_font = QFont(self.font())
        symbol_font.setPointSizeF(symbol_font.pointSizeF() * 1.15)
        symbol_font.setBold(True)

        def group(key: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(self.tree, ["", ""])
            item.setData(0, GROUP_ROLE, key)
            item.setFirstColumnSpanned(True)
            item.setFont(0, bold)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            return item

        def entry(parent: QTreeWidgetItem, symbol: str, spec: str, colour_key: str) -> None:
            item = QTreeWidgetItem(parent, [symbol, ""])
            item.setData(0, COLOUR_ROLE, colour_key)
            item.setFont(0, symbol_font)
            if len(symbol) > WORD_SYMBOL:
                # A word for a symbol (softplus, maximum): its name alone, across both
                # columns, so the symbol column stays narrow in a narrow dock.
                item.setFirstColumnSpanned(True)
                item.setText(0, spec.removeprefix("op:"))
            else:
                item.setTextAlignment(0, Qt.AlignmentFlag.AlignCenter)
            item.setData(0, SPEC_ROLE, spec)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled)

        sources = group("sources")
        entry(sources, "x", "input", "input")
        entry(sources, "c", "const", "const")
        for key in ops.GROUPS:
            members = [op for op in ops.OPS.values() if op.group == key]
            if not members:
                continue
            parent = group(key)
            for op in members:
                entry(parent, op.symbol, f"op:{op.name}", key)
        for top in self.groups():
            key = top.data(0, GROUP_ROLE)
            self._open[key] = key in OPEN_AT_FIRST
            top.setExpanded(self._open[key])
        self._recolour()

    def retranslate(self) -> None:
        """Set every text in the current language; the search stays and is applied again."""
        self.filter_edit.setPlaceholderText(self.tr("Search blocks…"))
        self.filter_edit.setToolTip(self.tr(
            "Finds blocks by name, symbol or meaning, in English or Korean; several words "
            "must all match. Enter places the only match."))
        for top in self.groups():
            key = top.data(0, GROUP_ROLE)
            title = self._group_title(key)
            top.setText(0, title)
            symbols = "  ".join(top.child(j).text(0) for j in range(top.childCount()))
            top.setToolTip(0, self.tr("{title}: {count} blocks\n{symbols}").format(
                title=title, count=top.childCount(), symbols=symbols))
            top.setData(0, SEARCH_ROLE, " ".join(
                every_language(_CONTEXT, t) for t in
                (GROUP_TITLES.get(key, key), GROUP_WORDS.get(key, "")) if t).lower())
            for j in range(top.childCount()):
                item = top.child(j)
                name, tip, words = self._entry_texts(item.data(0, SPEC_ROLE))
                item.setText(1, name)
                item.setToolTip(0, tip)
                item.setToolTip(1, tip)
                item.setData(0, SEARCH_ROLE, words.lower())
        self.set_filter(self.filter_edit.text())

    def _group_title(self, key: str) -> str:
        return self.tr(GROUP_TITLES[key]) if key in GROUP_TITLES else key

    def _entry_texts(self, spec: str) -> tuple[str, str, str]:
        """Name, tooltip and search words (every language) of a block."""
        if spec in ("input", "const"):
            name, tip = _INPUT_TEXTS if spec == "input" else _CONST_TEXTS
            symbol = "x" if spec == "input" else "c"
            words = f"{symbol} {every_language(_CONTEXT, name)} {every_language(_CONTEXT, tip)}"
            return self.tr(name), self.tr(tip), words
        if spec.startswith("block:"):  # a composite block of the user's library
            name = spec.removeprefix("block:")
            tip = self.tr("Your block {name}({args}): drag it onto the canvas").format(
                name=name, args=self._user_blocks.get(name, ""))
            return name, tip, f"{name} {every_language(_CONTEXT, GROUP_TITLES['user_blocks'])}"
        op = ops.OPS[spec.removeprefix("op:")]
        desc = op_description(op)
        names = [self.tr(_SLOT_NAMES[n]) if n in _SLOT_NAMES else n
                 for n in [*op.slots, *(p.name for p in op.params)]]
        tip = self.tr("{name}: {desc}\nArguments: {args}").format(
            name=op.name, desc=desc, args=", ".join(names))
        words = [op.name, op.name.replace("_", " "), op.symbol]
        if op.description:
            words.append(every_language("ops", op.description))
        words += [every_language(_CONTEXT, _SLOT_NAMES[n])
                  for n in [*op.slots, *(p.name for p in op.params)] if n in _SLOT_NAMES]
        # The op's name stays (it is what the expression bar takes); every language finds it.
        return op.name, tip, " ".join(words)

    def _recolour(self) -> None:
        """Symbols in the colour of their blocks on the canvas (same hues, same theme)."""
        theme = current_theme()
        colours = theme.border if theme.dark else theme.header
        for item in self.entries():
            colour = colours.get(item.data(0, COLOUR_ROLE))
            if colour is not None:
                item.setForeground(0, QBrush(colour))
        for top in self.groups():  # a group's title in its blocks' hue
            key = top.data(0, GROUP_ROLE)
            colour = colours.get("input" if key == "sources" else key)
            if colour is not None:
                top.setForeground(0, QBrush(colour))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- queries ------------------------------------------------------------
    def groups(self) -> list[QTreeWidgetItem]:
        """The group title items, in order."""
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def group_item(self, key: str) -> QTreeWidgetItem | None:
        for top in self.groups():
            if top.data(0, GROUP_ROLE) == key:
                return top
        return None

    def set_user_blocks(self, blocks: dict[str, str]) -> None:
        """The "My blocks" group: the user's composite blocks (name -> its inputs as
        text), placed like any block (spec ``block:<name>``); hidden when empty."""
        self._user_blocks = dict(blocks)
        top = next((t for t in self.groups() if t.data(0, GROUP_ROLE) == "user_blocks"), None)
        if top is None:
            top = QTreeWidgetItem(self.tree, ["", ""])
            top.setData(0, GROUP_ROLE, "user_blocks")
            top.setFirstColumnSpanned(True)
            bold = QFont(self.font())
            bold.setBold(True)
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self._open["user_blocks"] = True
        top.takeChildren()
        for name in blocks:
            item = QTreeWidgetItem(top, [name, ""])
            item.setFirstColumnSpanned(True)
            item.setData(0, COLOUR_ROLE, "composite")
            item.setData(0, SPEC_ROLE, f"block:{name}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled)
        self._recolour()
        self.retranslate()

    def entries(self) -> list[QTreeWidgetItem]:
        """All block items (not group headers)."""
        found = []
        for top in self.groups():
            found.extend(top.child(j) for j in range(top.childCount()))
        return found

    def visible_specs(self) -> list[str]:
        """Blocks the search lets through (in a closed group too: its title shows them)."""
        return [it.data(0, SPEC_ROLE) for it in self.entries() if not it.isHidden()]

    def item_for(self, spec: str) -> QTreeWidgetItem | None:
        for it in self.entries():
            if it.data(0, SPEC_ROLE) == spec:
                return it
        return None

    # -- folding --------------------------------------------------------------
    def _remember(self, item: QTreeWidgetItem, is_open: bool) -> None:
        key = item.data(0, GROUP_ROLE)
        if key is not None and not self._searching:
            self._open[key] = is_open

    def _on_click(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, SPEC_ROLE) is None and item.parent() is None:  # a group's title
            item.setExpanded(not item.isExpanded())

    # -- searching ------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        """Show only blocks matching every word of ``text`` (any shipped language).

        A block's own words come first ("hyperbolic" finds sinh, cosh and tanh); only
        when no block matches by itself do group words count ("trig" finds the group)."""
        needles = text.lower().split()

        def hits(with_group: bool) -> list[list[bool]]:
            found = []
            for top in self.groups():
                extra = top.data(0, SEARCH_ROLE) if with_group else ""
                found.append([all(n in f"{top.child(j).data(0, SEARCH_ROLE)} {extra}"
                                  for n in needles) for j in range(top.childCount())])
            return found

        table = hits(False)
        if not any(any(row) for row in table):
            table = hits(True)
        self._searching = True
        try:
            for top, row in zip(self.groups(), table):
                for j, hit in enumerate(row):
                    top.child(j).setHidden(not hit)
                top.setHidden(not any(row))
                key = top.data(0, GROUP_ROLE)
                top.setExpanded(bool(needles) or self._open.get(key, True))
        finally:
            self._searching = False
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)

    def _activate_only_match(self) -> None:
        """Enter in the search field places the block when exactly one matches."""
        specs = self.visible_specs()
        if self.filter_edit.text().strip() and len(specs) == 1:
            self.blockActivated.emit(specs[0])

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        spec = item.data(0, SPEC_ROLE)
        if spec:
            self.blockActivated.emit(spec)
