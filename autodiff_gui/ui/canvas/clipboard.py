"""Copy, paste and duplicate blocks: the clipboard part of the canvas scene.

The selected blocks and the wires among them travel as JSON (``paste.nodes_to_data``)
under the mime type ``MIME_NODES`` and as text; pasting pushes ONE ``PasteNodes``
command, so an undo takes the whole paste back.
"""

from __future__ import annotations

import atexit
import math
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QPointF
from PySide6.QtGui import QGuiApplication

from ...core.graph import GraphError
from ...diagram.layout import BLOCK_HEIGHT, BLOCK_WIDTH
from ..app.i18n import translate_error
from ..editing.paste import PasteNodes, data_from_text, data_to_text, nodes_to_data
from .ends import SceneParts

MIME_NODES = "application/x-autodiff-nodes"
PASTE_OFFSET = (30.0, 30.0)


def release_clipboard() -> None:
    """Drop clipboard data this app put there.

    PySide6 6.11 crashes at exit (segfault while destroying QApplication) when the
    clipboard still holds a QMimeData the app created; clearing it first avoids that.
    """
    if QGuiApplication.instance() is None:  # gone already: nothing left to release
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData() if clipboard is not None else None
    if data is not None and data.hasFormat(MIME_NODES):  # ours (ownsClipboard() lies offscreen)
        clipboard.clear()


_release_hooked = False


def release_clipboard_on_quit() -> None:
    """Release our clipboard data when the application quits, or else when Python exits
    (a script, a test or a crash handler that never quits the application): once."""
    global _release_hooked
    app = QCoreApplication.instance()
    if app is not None and not _release_hooked:
        app.aboutToQuit.connect(release_clipboard)
        atexit.register(release_clipboard)  # before Python tears the application down
        _release_hooked = True


def _point(entry: Any) -> tuple[float, float] | None:
    """The finite (x, y) of a clipboard node entry, None if it has none or a bad one
    (PasteNodes refuses bad data with a message; centring must not fail first)."""
    pos = entry.get("pos") if isinstance(entry, dict) else None
    try:
        x, y = float(pos[0]), float(pos[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


class SceneClipboard:
    """Copy, paste and duplicate for one scene."""

    def __init__(self, scene: SceneParts) -> None:
        self.scene = scene

    def _selection_data(self) -> dict[str, Any] | None:
        scene = self.scene
        ids = scene.selected_nodes()
        if not ids:
            return None
        items = {n: scene.node_item(n) for n in ids}
        where = {n: (item.x(), item.y()) for n, item in items.items() if item is not None}
        return nodes_to_data(scene.document, ids, where)

    def copy(self) -> str:
        """Put the selected blocks (and the wires among them) on the clipboard; return
        the JSON text ("" when nothing is selected)."""
        data = self._selection_data()
        if data is None:
            return ""
        text = data_to_text(data)
        mime = QMimeData()
        mime.setData(MIME_NODES, QByteArray(text.encode("utf-8")))
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        release_clipboard_on_quit()
        return text

    def paste(self, text: str | None = None, at: QPointF | None = None) -> list[int]:
        """Paste blocks (from ``text`` or the clipboard), centred at ``at`` if given,
        else shifted a little from where they were copied.  Returns the new ids."""
        if text is None:
            mime = QGuiApplication.clipboard().mimeData()
            if mime is None:
                return []
            if mime.hasFormat(MIME_NODES):
                text = bytes(mime.data(MIME_NODES).data()).decode("utf-8")
            else:
                text = mime.text()
        try:
            data = data_from_text(text)
        except GraphError as exc:
            self.scene.statusMessage.emit(translate_error(exc))
            return []
        offset = PASTE_OFFSET
        if at is not None:
            pts = [p for e in data["nodes"] if (p := _point(e)) is not None]
            if pts:
                cx = (min(p[0] for p in pts) + max(p[0] for p in pts) + BLOCK_WIDTH) / 2
                cy = (min(p[1] for p in pts) + max(p[1] for p in pts) + BLOCK_HEIGHT) / 2
                offset = (at.x() - cx, at.y() - cy)
            else:
                offset = (at.x(), at.y())
        return self._paste_data(data, offset)

    def duplicate(self) -> list[int]:
        """Copy the selected blocks next to themselves (the clipboard is untouched)."""
        data = self._selection_data()
        return self._paste_data(data, PASTE_OFFSET) if data else []

    def _paste_data(self, data: dict[str, Any], offset: tuple[float, float]) -> list[int]:
        scene = self.scene
        cmd = scene.push_get(lambda: PasteNodes(scene.document, data, offset))
        if cmd is None:
            return []
        ids = cmd.new_ids  # type: ignore[attr-defined]
        scene.select_only(ids)
        return ids
