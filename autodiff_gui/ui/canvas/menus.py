"""The canvas's context menus: of a block, and of the empty canvas.

Built when asked (right click), so they are always in the current language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ..editing.commands import RemoveNodes
from .ends import SceneParts
from .params_dialog import edit_params


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def node_menu(scene: SceneParts, node_id: int, parent: QWidget | None = None) -> QMenu:
    """The context menu of a block."""
    menu = QMenu(parent)
    doc = scene.document
    kind = doc.kind(node_id)
    out = menu.addAction(_tr("Set as output"))
    out.setEnabled(doc.explicit_output != node_id)
    out.triggered.connect(lambda: scene.set_output(node_id))
    if kind in ("input", "op"):
        menu.addAction(_tr("Rename…")).triggered.connect(
            lambda: scene.edit_node(node_id, parent))
    if kind in ("input", "const"):
        menu.addAction(_tr("Edit value…")).triggered.connect(
            lambda: scene.edit_value(node_id, parent))
    op = doc.op(node_id) if kind == "op" else None
    if op is not None and op.params:  # sum's axis, reshape's shape, clamp's bounds
        menu.addAction(_tr("Parameters…")).triggered.connect(
            lambda: edit_params(scene, node_id, parent))
    for extra in getattr(scene, "node_menu_extras", ()):  # entries other parts add (blocks)
        extra(menu, node_id)
    menu.addSeparator()
    delete = menu.addAction(_tr("Delete"))
    if node_id in scene.selected_nodes():
        delete.triggered.connect(lambda: scene.delete_selection())
    else:
        delete.triggered.connect(lambda: scene.push(lambda: RemoveNodes(doc, [node_id])))
    return menu


def background_menu(scene: SceneParts, scene_pos: QPointF,
                    parent: QWidget | None = None) -> QMenu:
    """The context menu of the empty canvas."""
    menu = QMenu(parent)
    menu.addAction(_tr("Add input")).triggered.connect(
        lambda: scene.add_block("input", scene_pos))
    menu.addAction(_tr("Add constant")).triggered.connect(
        lambda: scene.add_block("const", scene_pos))
    paste: QAction = menu.addAction(_tr("Paste"))
    paste.triggered.connect(lambda: scene.paste(None, scene_pos))
    menu.addSeparator()
    menu.addAction(_tr("Arrange blocks")).triggered.connect(lambda: scene.auto_layout())
    return menu
