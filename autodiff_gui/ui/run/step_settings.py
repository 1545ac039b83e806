"""The settings of a pass, above the narration: mode, upstream gradient, ``.grad``.

``StepSettings`` chooses reverse or forward mode (and the input forward mode
carries), says how many passes each mode needs for this function, takes the
upstream gradient (a number or a JSON array; a refused one stays to be corrected,
with the reason), and switches PyTorch-style gradient accumulation with its
``zero_grad`` button and a note on what PyTorch does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .stepping import StepController


class StepSettings(QWidget):
    """Mode (reverse / forward and its input), upstream gradient, accumulate."""

    def __init__(self, controller: StepController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepSettings")
        self.controller = controller
        self.mode_box = QComboBox(self)
        self.mode_box.setObjectName("modeCombo")
        self.mode_box.addItem("", "reverse")
        self.mode_box.addItem("", "forward")
        # Long item texts must not set the dock's minimum width.
        self.mode_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode_box.setMinimumContentsLength(12)
        self.wrt_box = QComboBox(self)
        self.wrt_box.setObjectName("wrtCombo")
        self.passes = QLabel(self)
        self.passes.setObjectName("passesLabel")
        self.passes.setWordWrap(True)
        small = self.passes.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.passes.setFont(small)

        self.upstream_edit = QLineEdit(controller.upstream_text, self)
        self.upstream_edit.setObjectName("upstreamEdit")
        self.upstream_error = QLabel(self)
        self.upstream_error.setObjectName("upstreamError")
        self.upstream_error.setWordWrap(True)
        self.upstream_error.setStyleSheet("color: #c62828;")
        self.upstream_error.hide()
        self._upstream_refusal: tuple[str, str] | None = None  # (typed text, old value)

        self.accumulate = QCheckBox(self)
        self.accumulate.setObjectName("accumulateCheck")
        self.zero_button = QPushButton(self)
        self.zero_button.setObjectName("zeroGradButton")
        self.accumulate_note = QLabel(self)
        self.accumulate_note.setObjectName("accumulateNote")
        self.accumulate_note.setWordWrap(True)
        self.accumulate_note.setFont(small)
        self.accumulated = QLabel(self)
        self.accumulated.setObjectName("accumulatedLabel")
        self.accumulated.setWordWrap(True)
        self.mode_label = QLabel(self)
        self.upstream_label = QLabel(self)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode_box, 1)
        mode_row.addWidget(self.wrt_box)
        form.addRow(self.mode_label, mode_row)
        form.addRow("", self.passes)
        up = QVBoxLayout()
        up.setSpacing(1)
        up.addWidget(self.upstream_edit)
        up.addWidget(self.upstream_error)
        form.addRow(self.upstream_label, up)
        acc = QHBoxLayout()
        acc.addWidget(self.accumulate, 1)
        acc.addWidget(self.zero_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 0)
        box.addLayout(form)
        box.addLayout(acc)
        box.addWidget(self.accumulated)
        box.addWidget(self.accumulate_note)
        self.accumulate_note.hide()

        self.mode_box.currentIndexChanged.connect(self._on_mode)
        self.wrt_box.currentIndexChanged.connect(self._on_mode)
        self.upstream_edit.editingFinished.connect(self.apply_upstream)
        self.accumulate.toggled.connect(self._on_accumulate)
        self.zero_button.clicked.connect(controller.zero_grad)
        controller.accumulatedChanged.connect(self._show_accumulated)
        controller.programChanged.connect(self.refresh)
        controller.settingsChanged.connect(self.refresh)
        self._filling = False
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        """Set every text in the current language (also called on a language change)."""
        # Short names in the box (the long ones were cut to "…then bac" at 1280 px); what
        # each mode does is the item's tooltip, and the line below says the passes.
        tip = Qt.ItemDataRole.ToolTipRole
        self.mode_box.setItemText(0, self.tr("Reverse mode"))
        self.mode_box.setItemData(
            0, self.tr("Reverse mode (forward pass, then backward pass)"), tip)
        self.mode_box.setItemText(1, self.tr("Forward mode"))
        self.mode_box.setItemData(1, self.tr("Forward mode (carry one input's tangent)"), tip)
        self.wrt_box.setToolTip(self.tr("The input whose tangent forward mode carries"))
        self.upstream_edit.setToolTip(self.tr(
            "The gradient the backward pass starts from at the output (PyTorch's "
            "grad_tensors): a number, or a JSON array shaped like the output, e.g. [1, 2]"))
        self.accumulate.setText(self.tr("Accumulate gradients across runs (.grad)"))
        self.zero_button.setText(self.tr("zero_grad"))
        self.zero_button.setToolTip(self.tr("Forget the accumulated gradients"))
        self.accumulate_note.setText(self.tr(
            "PyTorch adds every backward() into x.grad, so a second run without "
            "optimizer.zero_grad() (or x.grad = None) doubles it. Running backward twice "
            "over one graph also needs retain_graph=True, because PyTorch frees the "
            "values saved for the backward pass; this engine keeps them."))
        self.mode_label.setText(self.tr("Mode"))
        self.upstream_label.setText(self.tr("Upstream gradient"))
        if self._upstream_refusal is not None and not self.upstream_error.isHidden():
            self._show_refusal(*self._upstream_refusal)
        # Not refresh(): that would also put back the upstream text a refusal keeps.
        self._say_passes()
        self._show_accumulated()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Follow the document and the controller (settings changed from code, e.g. by
        a lesson): mode, the inputs forward mode can choose, upstream, the pass counts."""
        c = self.controller
        names = c.forward_targets()  # each input, then each element of a small array input
        self._filling = True
        try:
            keep = c.wrt or self.wrt_box.currentText()
            self.wrt_box.clear()
            self.wrt_box.addItems(names)
            if keep in names:
                self.wrt_box.setCurrentText(keep)
            self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(c.mode)))
            if not self.upstream_edit.hasFocus() \
                    and self.upstream_edit.text().strip() != c.upstream_text:
                self.upstream_edit.setText(c.upstream_text)
                self.upstream_error.hide()
            with QSignalBlocker(self.accumulate):
                self.accumulate.setChecked(c.accumulate)
            self.accumulate_note.setVisible(c.accumulate)
        finally:
            self._filling = False
        forward = c.mode == "forward"
        self.wrt_box.setVisible(forward)
        self.upstream_edit.setEnabled(not forward)
        self.accumulate.setEnabled(not forward)
        self._say_passes()
        self._show_accumulated()

    def _say_passes(self) -> None:
        n = self.controller.input_elements()
        self.passes.setText(self.tr(
            "forward mode needs {n} passes for {n} inputs; reverse mode needs 1 backward "
            "pass").format(n=n) if n != 1 else self.tr(
            "forward mode needs 1 pass for 1 input; reverse mode needs 1 backward pass"))

    def _on_mode(self) -> None:
        if self._filling:
            return
        mode = self.mode_box.currentData()
        wrt = self.wrt_box.currentText() or None if mode == "forward" else None
        self.controller.set_mode(mode, wrt)

    def apply_upstream(self) -> bool:
        """Use the typed upstream gradient; on refusal show why and keep the old one."""
        text = self.upstream_edit.text()
        if text.strip() == self.controller.upstream_text:
            self.upstream_error.hide()
            self._upstream_refusal = None
            return True
        error = self.controller.set_upstream(text)
        if error:
            self._upstream_refusal = (text, self.controller.upstream_text)
            self._show_refusal(text, self.controller.upstream_text, error)
            return False
        self.upstream_error.hide()
        self._upstream_refusal = None
        return True

    def _show_refusal(self, text: str, old: str, reason: str | None = None) -> None:
        if reason is None:  # said again in a new language (asked again, nothing changes)
            reason = self.controller.upstream_refusal(text)[1] or ""
        self.upstream_error.setText(self.tr("{reason} (still using {old})").format(
            reason=reason, old=old))
        self.upstream_error.show()

    def _on_accumulate(self, on: bool) -> None:
        self.accumulate_note.setVisible(on)
        self.controller.set_accumulate(on)

    def _show_accumulated(self) -> None:
        c = self.controller
        if not c.accumulate or not c.accumulated:
            self.accumulated.setText("")
            self.accumulated.setVisible(False)
            return
        from ...core.graph import format_value

        parts = [f"{name}.grad = {format_value(g)}" for name, g in c.accumulated.items()]
        self.accumulated.setText(self.tr("Accumulated: {0}").format(", ".join(parts)))
        self.accumulated.setVisible(True)
