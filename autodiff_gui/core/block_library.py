"""The user's library of composite blocks, kept across restarts (Qt-free).

The library is an ordinary graph file (``fileio``) with no nodes, only a
``composites`` section, so it is read with the same validation and limits as any
graph file.  The window decides where it lives (QStandardPaths' app data folder).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from . import fileio
from .composite import CompositeDef, _closure, _msg
from .graph import Document, GraphError, Snapshot


def load(path: str | os.PathLike[str]) -> dict[str, CompositeDef]:
    """The blocks of the library file (empty if there is none yet).

    FileFormatError if the file exists but is not a valid library."""
    if not os.path.exists(path):
        return {}
    return dict(fileio.load(path).composites)


def save(path: str | os.PathLike[str], blocks: Mapping[str, CompositeDef]) -> None:
    """Write the library atomically (creating its folder)."""
    folder = os.path.dirname(os.fspath(path))
    if folder:
        os.makedirs(folder, exist_ok=True)
    doc = Document()
    doc.restore(Snapshot((), (), 1, None, tuple(blocks.values())))
    fileio.save(doc, path)


def with_block(library: Mapping[str, CompositeDef], doc: Document, name: str
               ) -> dict[str, CompositeDef]:
    """The library plus ``doc``'s block ``name`` and the blocks it uses (replacing any
    of the same names); GraphError if the result would not be a valid set."""
    wanted = _closure([name], doc.composites)
    result = dict(library)
    for b in wanted:
        result[b] = doc.composites[b]
    check = Document()
    for defn in result.values():  # each checked against those before it, as on loading
        check.set_composite(defn)
    return result


def into_document(library: Mapping[str, CompositeDef], doc: Document, name: str
                  ) -> list[CompositeDef]:
    """The definitions ``doc`` needs to use library block ``name``: those it lacks.

    GraphError if ``doc`` already has a different block of one of those names."""
    needed = _closure([name], library)
    missing = []
    for b in needed:
        own = doc.composites.get(b)
        if own is None:
            missing.append(library[b])
        elif not own.same_as(library[b]):
            raise GraphError(_msg("other_block", name=b))
    return missing
