"""The row above the Plots panel's figure: which plot, along which input, Save.

``PlotControls`` offers the three plots (function and tangent, finite-difference
error against h, contours over two inputs), the input to vary (and its element for
an array input), the second input of a contour, and the Save button.  It keeps the
choices when the inputs are offered again after an edit, keeps a contour's two
inputs different, and tells ``changed`` when the user changes a choice (never while
it refills itself).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

FUNCTION, SWEEP, CONTOUR = "function", "sweep", "contour"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlotsPanel", text)


class PlotControls(QWidget):
    """Kind of plot, input (and element), second input, Save."""

    changed = Signal()  # the user chose another plot, input or element

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plotControls")
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("plotKind")
        for kind in (FUNCTION, SWEEP, CONTOUR):
            self.kind_box.addItem("", kind)
        self.input_box = QComboBox(self)
        self.input_box.setObjectName("plotInput")
        self.element_box = QSpinBox(self)
        self.element_box.setObjectName("plotElement")
        self.second_box = QComboBox(self)
        self.second_box.setObjectName("plotInput2")
        for box in (self.kind_box, self.input_box, self.second_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(4)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("plotSaveButton")
        self.along_label = QLabel(self)
        self.second_label = QLabel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind_box, 2)
        row.addWidget(self.along_label)
        row.addWidget(self.input_box, 1)
        row.addWidget(self.element_box)
        row.addWidget(self.second_label)
        row.addWidget(self.second_box, 1)
        row.addWidget(self.save_button)
        self._filling = False
        self._size_of: Callable[[str], int] = lambda _name: 1
        self.kind_box.currentIndexChanged.connect(self._on_choice)
        self.input_box.currentIndexChanged.connect(self._on_input)
        self.element_box.valueChanged.connect(self._on_choice)
        self.second_box.currentIndexChanged.connect(self._on_choice)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the choices stay)."""
        for i, text in enumerate((_tr("Function and tangent"),
                                  _tr("Finite-difference error vs h"),
                                  _tr("Contours and gradient (two inputs)"))):
            self.kind_box.setItemText(i, text)
        self.element_box.setPrefix(_tr("element "))
        self.save_button.setText(_tr("Save…"))
        self.along_label.setText(_tr("along"))
        self.second_label.setText(_tr("and"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the choices --------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_box.currentData() or FUNCTION

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))

    def fill_inputs(self, names: list[str], size_of: Callable[[str], int]) -> None:
        """Offer ``names`` (``size_of(name)``: its number of elements); keep the choices
        where possible."""
        self._size_of = size_of
        self._filling = True
        try:
            for box in (self.input_box, self.second_box):
                keep = box.currentText()
                box.clear()
                box.addItems(names)
                if keep in names:
                    box.setCurrentText(keep)
            if self.second_box.currentText() == self.input_box.currentText() and len(names) > 1:
                others = [n for n in names if n != self.input_box.currentText()]
                self.second_box.setCurrentText(others[0])
            self._fit_element()
        finally:
            self._filling = False
        self._update_controls()

    def _fit_element(self) -> None:
        name = self.input_box.currentText()
        size = self._size_of(name) if name else 1
        self.element_box.setRange(0, max(0, size - 1))
        self.element_box.setVisible(size > 1)

    def _update_controls(self) -> None:
        contour = self.kind() == CONTOUR
        self.second_box.setVisible(contour)
        self.second_label.setVisible(contour)

    def _on_input(self) -> None:
        if self._filling:
            return
        self._fit_element()
        first = self.input_box.currentText()
        if self.second_box.currentText() == first:  # a contour needs two different inputs
            others = [self.second_box.itemText(i) for i in range(self.second_box.count())
                      if self.second_box.itemText(i) != first]
            if others:
                self._filling = True
                self.second_box.setCurrentText(others[0])
                self._filling = False
        self._on_choice()

    def _on_choice(self) -> None:
        if self._filling:
            return
        self._update_controls()
        self.changed.emit()
