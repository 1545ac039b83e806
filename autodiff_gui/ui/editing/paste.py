"""Copy and paste of blocks: the selection as JSON-ready data, and the one-step paste command.

The data (format ``CLIPBOARD_FORMAT``) is plain JSON, read back with ``json.loads`` only;
``PasteNodes`` checks all of it on a trial document before anything changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.graph import NAME_RE, RESERVED_NAMES, Document, GraphError, Snapshot
from .commands import (
    CLIPBOARD_FORMAT,
    DocumentCommand,
    _checked_value,
    _pin_output,
    _pos,
    _restore,
    free_input_name,
)


# Local helpers (not imported from commands): tools/update_translations.py finds the
# texts of a module's own translate helpers, in context "commands" like the commands'.
def _tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


def _refused(text: str, node: int | None = None) -> GraphError:
    return GraphError(_tr(text), node)

def nodes_to_data(doc: Document, node_ids: Iterable[int],
                  positions: Mapping[int, Any] | None = None) -> dict[str, Any]:
    """The selected subgraph as plain JSON-ready data: nodes and the wires among them.

    ``positions`` overrides the document's positions (the canvas passes where the
    blocks are drawn).
    """
    ids = sorted(set(node_ids))
    chosen = set(ids)
    nodes = []
    for n in ids:
        d = doc.node(n)
        entry: dict[str, Any] = {"id": n, "kind": d["kind"]}
        if d["kind"] == "input":
            entry["name"] = d["name"]
        if d["kind"] in ("input", "const"):
            v = d["value"]
            entry["value"] = v.tolist() if isinstance(v, np.ndarray) else float(v)
        if d["kind"] == "op":
            entry["op"] = d["op"]
            if "name" in d:
                entry["name"] = d["name"]
            if d.get("params"):  # sum(x, 0) stays along its axis (tuples as lists)
                entry["params"] = dict(d["params"])
        if d["kind"] == "composite":
            entry["block"] = d["block"]
        p = _pos((positions or {}).get(n)) or d.get("pos")
        if p is not None:
            entry["pos"] = [p[0], p[1]]
        nodes.append(entry)
    edges = sorted([u, v, s] for u, v, s in doc.edges()
                   if u in chosen and v in chosen)
    return {"format": CLIPBOARD_FORMAT, "version": 1, "nodes": nodes, "edges": edges}


def data_to_text(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def data_from_text(text: str) -> dict[str, Any]:
    """Parse clipboard text (JSON only: never evaluated); GraphError if it is not ours."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        raise _refused("the clipboard holds no blocks") from None
    if not isinstance(data, dict) or data.get("format") != CLIPBOARD_FORMAT:
        raise _refused("the clipboard holds no blocks")
    if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges", []), list):
        raise _refused("the clipboard data is damaged")
    return data


class PasteNodes(DocumentCommand):
    """Add copied blocks with fresh ids and the wires among them: one step.

    ``nodes_data`` is what ``nodes_to_data`` made (or ``data_from_text`` read);
    ``offset`` moves every pasted block.  Inputs whose name is taken get a new name.
    """

    def __init__(self, doc: Document, nodes_data: Mapping[str, Any], offset: Any = (0, 0)
                 ) -> None:
        dx, dy = _pos(offset) or (0.0, 0.0)
        entries = nodes_data.get("nodes", [])
        if not entries:
            raise _refused("nothing to paste")
        taken = set(doc.inputs()) | set(doc.named_ops())  # inputs and named steps
        trial = Document()  # a dry run: bad data is refused before anything changes
        # with the document's composite blocks: a pasted block must be one of them
        trial.restore(Snapshot((), (), 1, None, tuple(doc.composites.values())))
        self.entries: list[dict[str, Any]] = []
        ids: dict[Any, int] = {}
        try:
            for e in entries:
                kind = e["kind"]
                pos = e.get("pos")
                snap: dict[str, Any] = {"id": None, "kind": kind}
                if kind == "input":
                    name = e["name"]
                    if name in taken or not isinstance(name, str) or not NAME_RE.match(name):
                        name = free_input_name(taken | {name} if isinstance(name, str)
                                               else taken)
                    taken.add(name)
                    snap.update(name=name, value=_checked_value(e["value"]))
                elif kind == "const":
                    snap["value"] = _checked_value(e["value"])
                elif kind == "op":
                    snap["op"] = e["op"]
                    if e.get("params"):  # checked by the op when the block is made
                        snap["params"] = dict(e["params"])
                    name = e.get("name")  # a named step keeps its name if it is free
                    if isinstance(name, str) and name not in taken and NAME_RE.match(name) \
                            and name not in RESERVED_NAMES:
                        snap["name"] = name
                        taken.add(name)
                elif kind == "composite":
                    snap["block"] = str(e["block"])
                else:
                    raise GraphError(_tr("unknown kind of block %1").replace("%1", repr(kind)))
                snap["pos"] = (float(pos[0]) + dx, float(pos[1]) + dy) if pos else (dx, dy)
                if e["id"] in ids:
                    raise _refused("the clipboard data is damaged")
                ids[e["id"]] = _restore(trial, {**snap, "id": len(ids) + 1})
                snap["src_id"] = e["id"]
                self.entries.append(snap)
            self.edges = [(int(u), int(v), int(s)) for u, v, s in nodes_data.get("edges", [])]
            for u, v, s in self.edges:
                if u not in ids or v not in ids:
                    raise _refused("the clipboard data is damaged")
                trial.connect(ids[u], ids[v], s)
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            if isinstance(exc, GraphError):
                raise
            raise _refused("the clipboard data is damaged") from None
        count = len(self.entries)
        if count == 1:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Paste block"))
        else:
            super().__init__(doc, QT_TRANSLATE_NOOP("commands", "Paste %1 blocks"), count)
        self.mapping: dict[Any, int] = {}
        self._pinned: int | None = None

    @property
    def new_ids(self) -> list[int]:
        """The ids of the pasted blocks (after the first redo)."""
        return list(self.mapping.values())

    def redo(self) -> None:
        self._pinned = _pin_output(self.doc)
        fresh = not self.mapping
        for snap in self.entries:
            node_id = None if fresh else self.mapping[snap["src_id"]]
            n = _restore(self.doc, snap, node_id=node_id)  # None: a fresh id
            self.mapping[snap["src_id"]] = n
        for u, v, s in self.edges:
            self.doc.connect(self.mapping[u], self.mapping[v], s)

    def undo(self) -> None:
        for n in reversed(self.new_ids):
            self.doc.remove_node(n)
        if self._pinned is not None:
            self.doc.set_output(None)
