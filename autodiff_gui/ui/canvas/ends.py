"""What blocks and wires know of each other, so neither module imports the other.

A wire asks the blocks at its ends where their ports are; a block asks its wires to
follow it when it moves.  Both sides are written against these protocols, and a
wire tells a block from other scene items by its ``type()`` (Qt's
``qgraphicsitem_cast`` idiom), not by importing the block class.
"""

from __future__ import annotations

from typing import Protocol

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
