"""What blocks, wires and the scene's parts know of each other, so none imports the other.

A wire asks the blocks at its ends where their ports are; a block asks its wires to
follow it when it moves.  Both sides are written against these protocols, and a
wire tells a block from other scene items by its ``type()`` (Qt's
``qgraphicsitem_cast`` idiom), not by importing the block class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

BLOCK_TYPE = QGraphicsItem.UserType + 1  # NodeItem.type()
WIRE_TYPE = QGraphicsItem.UserType + 2  # WireItem.type()


class BlockEnd(Protocol):
    """A block as a wire sees it."""

    node_id: int

    def output_port_scene_pos(self) -> QPointF: ...

    def input_port_scene_pos(self, slot: int) -> QPointF: ...


class WireEnd(Protocol):
    """A wire as a block sees it."""

    def update_path(self) -> None: ...


def is_block(item: QGraphicsItem) -> bool:
    """True for a block (a ``NodeItem``) of the canvas."""
    return item.type() == BLOCK_TYPE


class SceneParts(Protocol):
    """The scene as its parts (wire dragging, clipboard, menus) see it.

    They are built by the scene and hold it; typing them against this protocol keeps
    them from importing the scene's module (no import cycle)."""

    document: Any
    theme: Any
    statusMessage: Any  # noqa: N815 (the scene's Qt signal)

    def node_item(self, node_id: int) -> Any: ...

    def wire_item(self, src: int, dst: int, slot: int) -> Any: ...

    def selected_nodes(self) -> list[int]: ...

    def hit(self, scene_pos: QPointF) -> tuple[Any, tuple[str, int] | None] | None: ...

    def push(self, factory: Callable[[], Any]) -> bool: ...

    def push_get(self, factory: Callable[[], Any]) -> Any: ...

    def select_only(self, ids: list[int]) -> None: ...

    def addItem(self, item: QGraphicsItem) -> None: ...  # noqa: N802 (Qt)

    def removeItem(self, item: QGraphicsItem) -> None: ...  # noqa: N802 (Qt)

    def add_block(self, kind: str, pos: QPointF, op: str | None = None) -> int | None: ...

    def set_output(self, node: int | None) -> bool: ...

    def delete_selection(self) -> bool: ...

    def auto_layout(self) -> bool: ...

    def paste(self, text: str | None = None, at: QPointF | None = None) -> list[int]: ...

    def edit_node(self, node_id: int, parent_widget: Any = None) -> bool: ...

    def edit_value(self, node_id: int, parent_widget: Any = None) -> bool: ...
