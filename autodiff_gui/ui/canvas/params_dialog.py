"""A block's parameters on the canvas: sum's axis, reshape's shape, clamp's bounds.

Right-click ▸ Parameters… asks for them as the language writes them after a call's
arguments (``0``, ``-1, 1``, ``(2, 3)``); a refusal is said in the dialog with the typed
text kept, and the change is one undo step (``SetParams``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from ...core.expr import ParseError
from ...core.expr.params import given_text, parse_params_text, usage
from ...core.expr.printer import _number_text
from ..editing.commands import SetParams
from .ends import SceneParts


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def ask_text(parent: QWidget | None, title: str, label: str, text: str) -> tuple[str, bool]:
    """One line of text from the user (a module function so tests can replace it)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, ok


def edit_params(scene: SceneParts, node_id: int, parent: QWidget | None = None,
                ask: Callable[..., tuple[str, bool]] | None = None) -> bool:
    """Ask for the parameters of op block ``node_id`` until they are taken or the user
    cancels; True if the block changed."""
    doc = scene.document
    op = doc.op(node_id)
    if op is None or not op.params:
        return False
    ask = ask or ask_text
    current = given_text(op, doc.params(node_id), _number_text)
    label = _tr("Parameters after the arguments, as in %1:").replace("%1", usage(op))
    title = _tr("Parameters of %1").replace("%1", op.name)
    text, prompt = current, label
    while True:
        text, ok = ask(parent, title, prompt, text)
        if not ok or text.strip() == current:
            return False
        try:
            params = parse_params_text(op, text)
        except ParseError as exc:
            reason = exc.translated(lambda s: QCoreApplication.translate("expr", s))
            scene.statusMessage.emit(reason)
            prompt = f"{reason}\n{label}"
            continue
        return scene.push(lambda p=params: SetParams(doc, node_id, p))
