"""Versioned JSON documents: save a graph, load it back exactly.

Reason: one module of ~630 lines, because reading and writing are the two halves of one
schema (the keys, limits and messages below serve both), and splitting them would put
one more file in core/, which already holds ten.

The format (version 2) is plain, human-readable JSON, close to networkx's
node-link data but with its own explicit schema::

    {
      "format": "autodiff-studio",
      "version": 2,
      "expression": "x * x",
      "output": 3,
      "nodes": [
        {"id": 1, "kind": "input", "name": "x", "value": 1.5, "pos": [0.0, 0.0]},
        {"id": 2, "kind": "const", "value": [[1.0, 2.0], [3.0, 4.0]]},
        {"id": 3, "kind": "op", "op": "mul"},
        {"id": 4, "kind": "op", "op": "sum", "params": {"axis": 0}}
      ],
      "links": [
        {"source": 1, "target": 3, "slot": 0},
        {"source": 1, "target": 3, "slot": 1},
        {"source": 3, "target": 4, "slot": 0}
      ]
    }

* ``expression`` is optional and informational only (never read back).
* ``output`` is the output the user chose, or ``null`` for "the newest sink".
* Nodes are listed in document order (it decides the order of the inputs);
  ``pos`` appears only once a view has placed the node.  Values are numbers or
  nested lists (rectangular arrays) of finite numbers.
* ``params`` (version 2) appears on an operation whose parameters differ from their
  defaults (``sum(x, 0)``: ``{"axis": 0}``); shapes and indices are lists, a slice
  ``[start, stop, step]`` with null for a blank.  Each op validates its own.  Version-1
  files (no ``params``, no operation ``name``) still load.
* ``composites`` (version 2, only when there are any) lists composite block
  definitions (``core/composite_file.py``: name, inputs, optional fused rules, and a
  body's output, nodes and links); a node ``{"kind": "composite", "block": name}`` uses
  one, with one argument slot per block input.
* Links are listed by target then slot; ``slot`` is the argument slot of the
  target (``x * x`` is two links from the same source).
* ``classroom`` (optional) is a teacher's settings for a class (predict mode, the
  panels shown, hidden answers): an object read by ``course/classroom.py``, not here.

Loading never executes anything (``json.loads`` only) and validates everything;
every problem is a ``FileFormatError`` saying what and where: ``node 7`` is the
node with id 7, ``nodes[3]`` the fourth entry of the list when its id is not
usable, ``link 3`` the fourth entry of ``links`` (positions count from 0).  A new
Document is built through its mutation API and returned only if all is valid.

Saving writes a temporary file next to the target, flushes and fsyncs it, then
renames it over the target, so a crash never leaves half a file behind.

"""

from __future__ import annotations

import json
import math
import os
import stat
from collections import deque
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from . import composite_file, ops
from .graph import MAX_AXES, Document, GraphError, Snapshot, Text

__all__ = ["FORMAT", "VERSION", "MAX_BYTES", "MAX_ELEMENTS", "MAX_INPUTS", "MAX_NODES",
           "FileFormatError", "to_data",
           "from_data", "dumps", "loads", "save", "load"]

FORMAT = "autodiff-studio"
VERSION = 2
# A teaching graph is kilobytes; 25 MB hold the other limits (150,000 nodes, a value of
# 1,000,000 full-precision numbers) and refuse absurd files before json.loads.
MAX_BYTES = 25 * 1024 * 1024
MAX_ID = 2**53 - 1  # ids beyond this do not survive JavaScript-style JSON readers
MAX_DIMS = MAX_AXES  # numpy's iterators take at most 32 axes
# Loading builds the Document node by node (~10 µs each) and the command line's check
# evaluates the graph per input element: limits that keep a file within seconds.
MAX_NODES = 150_000
MAX_INPUTS = 10_000
MAX_ELEMENTS = 1_000_000  # elements of one value (an 8 MB array)

_TOP_KEYS = ("format", "version", "expression", "output", "composites", "classroom", "nodes",
             "links")
_NODE_KEYS = {
    "input": ("id", "kind", "name", "value", "pos"),
    "const": ("id", "kind", "value", "pos"),
    "op": ("id", "kind", "op", "name", "params", "pos"),
}
# Keys a version-1 file does not have (its operations had neither names nor parameters).
_V2_OP_KEYS = ("name", "params")
_LINK_KEYS = ("source", "target", "slot")
_NODE_KEYS["composite"] = ("id", "kind", "block", "pos")  # a use of a composite block
_KIND_WORDS = {"input": "an input", "const": "a constant", "op": "an operation",
               "composite": "a block"}

# What a student meets when a file cannot be opened, as translatable templates (context
# "fileio"; the English reads exactly as before).  Problems inside a document (a key, a
# node, a link) stay technical English: they name JSON keys and paths.
MESSAGES: dict[str, str] = {
    "folder": "this is a folder, not a file",
    "not_regular": "this is not a regular file",
    "no_file": "no such file",
    "denied": "permission denied",
    "unreadable": "cannot read the file: {reason}",
    "too_large": "the file is too large ({size}; the limit is {limit})",
    "not_utf8_byte": "not UTF-8 text (byte 0x{byte} at offset {offset})",
    "not_utf8": "not UTF-8 text (offset {offset})",
    "not_json_at": "not valid JSON: line {line} column {column}: {reason}",
    "too_deep": "not a usable JSON document: nested too deeply",
    "not_json": "not valid JSON: {reason}",
    "not_object": "not an Autodiff Studio document: expected a JSON object, found {found}",
    "no_format": "not an Autodiff Studio document: no 'format' key",
    "other_format": "not an Autodiff Studio document: the format is {found}, expected "
                    "{expected}",
    "newer": "made by a newer version of Autodiff Studio (version {version}); this one "
             "reads version {ours}",
    # JSON types, as _what says them (in the messages above).
    "what_number": "a number",
    "what_string": "a string",
    "what_list": "a list",
    # Python's json module's reasons (json.decoder), said in the UI's language too.
    "json_value": "Expecting value",
    "json_name": "Expecting property name enclosed in double quotes",
    "json_colon": "Expecting ':' delimiter",
    "json_comma": "Expecting ',' delimiter",
    "json_unterminated": "Unterminated string starting at",
    "json_control": "Invalid control character at",
    "json_escape": "Invalid \\escape",
    "json_unicode": "Invalid \\uXXXX escape",
    "json_extra": "Extra data",
}
_JSON_REASONS = {MESSAGES[k]: k for k in MESSAGES if k.startswith("json_")}
_WHAT = {MESSAGES[k]: k for k in MESSAGES if k.startswith("what_")}


def _msg(code: str, /, **params: Any) -> Text:
    return Text(MESSAGES[code], "fileio", **params)


class FileFormatError(ValueError):
    """A document that cannot be read: ``message`` says what and where.

    ``path`` is the file it came from (None for text given to ``loads``).
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


# -- writing ---------------------------------------------------------------------

def _json_value(value: Any) -> float | list[Any]:
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return value.astype(np.float64).tolist()
    return float(value)


def to_data(doc: Document, *, expression: str | None = None) -> dict[str, Any]:
    """The document as plain JSON data (dicts, lists, numbers, strings).

    ``expression`` (e.g. the printed formula) is stored as information for a
    human reader; it is omitted when None.
    """
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if expression is not None:
        data["expression"] = str(expression)
    # The explicitly chosen output, not the fallback: "none chosen" must stay so.
    data["output"] = doc.explicit_output
    if doc.composites:  # composite block definitions (core/composite_file.py)
        data["composites"] = composite_file.to_data(doc, _body_data)
    nodes = []
    for n in doc.nodes():
        d = doc.node(n)
        entry: dict[str, Any] = {"id": n, "kind": d["kind"]}
        if d["kind"] == "input":
            entry["name"] = d["name"]
        if d["kind"] == "composite":
            entry["block"] = d["block"]
        elif d["kind"] == "op":
            entry["op"] = d["op"]
            if "name" in d:
                entry["name"] = d["name"]
            if d.get("params"):  # tuples are written as lists
                entry["params"] = dict(d["params"])
        else:
            entry["value"] = _json_value(d["value"])
        pos = d.get("pos")
        if pos is not None:
            entry["pos"] = [float(pos[0]), float(pos[1])]
        nodes.append(entry)
    data["nodes"] = nodes
    data["links"] = [{"source": src, "target": dst, "slot": slot}
                     for src, dst, slot in sorted(doc.edges(),
                                                  key=lambda e: (e[1], e[2]))]
    return data


def _body_data(body: Document) -> dict[str, Any]:
    """A composite block's body: its output, nodes and links (as in a file)."""
    data = to_data(body)
    return {"output": data["output"], "nodes": data["nodes"], "links": data["links"]}


def _body_from_data(body: dict[str, Any], known: Mapping[str, Any]) -> Document:
    """A composite block's body read like a file that may use the ``known`` blocks."""
    return from_data({"format": FORMAT, "version": VERSION, **body}, known)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _format(data: dict[str, Any]) -> str:
    # Indented by 2 like json.dump(indent=2), but one line per node and per link:
    # a 3×3 matrix would otherwise take 13 lines, and diffs stay one line per change.
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {_compact(item)}" for item in value)
            lines.append(f"  {_compact(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def dumps(doc: Document, *, expression: str | None = None) -> str:
    """The document as JSON text (UTF-8 safe, ending with a newline)."""
    return _format(to_data(doc, expression=expression))


def save(doc: Document, path: str | os.PathLike[str], *,
         expression: str | None = None) -> None:
    """Write the document to ``path`` atomically.

    The text goes to a temporary file in the same folder, which is flushed,
    fsynced and renamed over the target; on any error the temporary file is
    removed, the old file is left as it was, and the error (an OSError, usually)
    propagates.
    """
    payload = dumps(doc, expression=expression).encode("utf-8")
    # Save through a symlink into the file it points at, not over the link.
    target = os.path.realpath(os.fspath(path))
    folder, name = os.path.split(target)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None  # a new file: os.open applies the user's umask to 0o666
    fd, tmp = _create_temp(folder, name)
    try:
        with os.fdopen(fd, "wb") as f:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def _create_temp(folder: str, name: str) -> tuple[int, str]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = os.path.join(folder or ".", f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file in {folder!r}")


def _fsync_folder(folder: str) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) everywhere.
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- reading ---------------------------------------------------------------------

def load(path: str | os.PathLike[str]) -> Document:
    """Read a document file; FileFormatError (with ``path``) if it cannot be read."""
    where = os.fspath(path)
    try:
        info = os.stat(where)
        if stat.S_ISDIR(info.st_mode):
            raise FileFormatError(_msg("folder"), where)
        if not stat.S_ISREG(info.st_mode):
            raise FileFormatError(_msg("not_regular"), where)
        if info.st_size > MAX_BYTES:
            raise FileFormatError(_too_large(info.st_size), where)
        with open(where, "rb") as f:
            raw = f.read(MAX_BYTES + 1)  # the size may have changed since stat
    except FileNotFoundError:
        raise FileFormatError(_msg("no_file"), where) from None
    except PermissionError:
        raise FileFormatError(_msg("denied"), where) from None
    except IsADirectoryError:
        raise FileFormatError(_msg("folder"), where) from None
    except OSError as exc:
        raise FileFormatError(_msg("unreadable", reason=str(exc.strerror or exc)),
                              where) from None
    if len(raw) > MAX_BYTES:
        raise FileFormatError(_too_large(len(raw)), where)
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as exc:
        raise FileFormatError(_msg("not_utf8_byte", byte=f"{raw[exc.start]:02x}",
                                   offset=exc.start), where) from None
    try:
        return loads(text)
    except FileFormatError as exc:
        raise FileFormatError(exc.message, where) from None


def _too_large(size: int) -> Text:
    return _msg("too_large", size=_size(size), limit=_size(MAX_BYTES))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def loads(text: str) -> Document:
    """Read a document from JSON text; FileFormatError if it is not a valid one."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FileFormatError(_msg("not_utf8", offset=exc.start)) from None
    if not isinstance(text, str):
        raise FileFormatError(f"expected JSON text, got {type(text).__name__}")
    if len(text) > MAX_BYTES:
        raise FileFormatError(_too_large(len(text)))
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        code = _JSON_REASONS.get(exc.msg)
        raise FileFormatError(_msg("not_json_at", line=exc.lineno, column=exc.colno,
                                   reason=_msg(code) if code else exc.msg)) from None
    except RecursionError:
        raise FileFormatError(_msg("too_deep")) from None
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        raise FileFormatError(_msg("not_json", reason=str(exc))) from None
    return from_data(data)


def _what(value: Any) -> str:
    """A JSON type in words, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _show(value: Any, limit: int = 40) -> str:
    """A short repr for messages (a file may hold a megabyte-long string)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _float(value: Any, where: str, what: str) -> float:
    try:
        f = float(value)
    except OverflowError:
        raise FileFormatError(f"{where}: {what}: number too large") from None
    if not math.isfinite(f):
        raise FileFormatError(f"{where}: {what}: numbers must be finite (no nan or inf)")
    return f


def _int_field(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj[key]
    if not _is_int(value):
        raise FileFormatError(f"{where}: {key!r} must be an integer, found {_what(value)}")
    if abs(value) > MAX_ID:
        raise FileFormatError(f"{where}: {key!r} is out of range: {_show(value)}")
    return value


def _check_keys(obj: dict[str, Any], allowed: tuple[str, ...], required: tuple[str, ...],
                where: str) -> None:
    for key in required:
        if key not in obj:
            raise FileFormatError(f"{where}: missing {key!r}")
    for key in obj:
        if key not in allowed:
            raise FileFormatError(f"{where}: unknown key {_show(key)}")


def _value(value: Any, where: str) -> float | list[Any]:
    """A node value as floats (nested lists for arrays), strictly checked."""
    if _is_number(value):
        return _float(value, where, "value")
    if isinstance(value, list):
        size = _first_path_size(value)
        if size > MAX_ELEMENTS:
            raise FileFormatError(f"{where}: value: {size:,} elements; the limit is "
                                  f"{MAX_ELEMENTS:,} per value")
        return _array(value, where, 1)[0]
    raise FileFormatError(
        f"{where}: value must be a number or a list of numbers, found {_what(value)}")


def _first_path_size(items: list[Any]) -> int:
    """The element count a rectangular array starting like ``items`` would have.

    Read along the first element of every axis only, so a huge value is refused
    before it is walked (a ragged one is refused by ``_array`` later).
    """
    size, depth = 1, 0
    while isinstance(items, list) and items and depth <= MAX_DIMS:
        size *= len(items)
        items = items[0]
        depth += 1
    return size


def _array(items: list[Any], where: str, depth: int) -> tuple[list[Any], tuple[int, ...]]:
    # Stricter than numpy: no strings, booleans or nulls hidden inside a list.
    if depth > MAX_DIMS:
        raise FileFormatError(f"{where}: value: arrays may have at most {MAX_DIMS} dimensions")
    if not items:
        raise FileFormatError(f"{where}: value: arrays must not be empty")
    out: list[Any] = []
    shape: tuple[int, ...] | None = None
    for item in items:
        if _is_number(item):
            conv: Any = _float(item, where, "value")
            sub: tuple[int, ...] = ()
        elif isinstance(item, list):
            conv, sub = _array(item, where, depth + 1)
        else:
            raise FileFormatError(
                f"{where}: value: array elements must be numbers, found {_what(item)}")
        if shape is None:
            shape = sub
        elif sub != shape:
            raise FileFormatError(f"{where}: value: arrays must be rectangular")
        out.append(conv)
    assert shape is not None
    return out, (len(items), *shape)


def _pos(value: Any, where: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2 or not all(map(_is_number, value)):
        raise FileFormatError(f"{where}: 'pos' must be a pair of numbers [x, y]")
    return _float(value[0], where, "pos"), _float(value[1], where, "pos")


def _node_spec(index: int, entry: Any, seen: dict[int, int],
               version: int = VERSION) -> tuple[int, dict[str, Any]]:
    if not isinstance(entry, dict):
        raise FileFormatError(f"nodes[{index}]: expected an object, found {_what(entry)}")
    if "id" not in entry:
        raise FileFormatError(f"nodes[{index}]: missing 'id'")
    node = _int_field(entry, "id", f"nodes[{index}]")
    if node < 0:
        raise FileFormatError(f"nodes[{index}]: 'id' must be 0 or more, found {node}")
    if node in seen:
        raise FileFormatError(f"nodes[{index}]: id {node} is used twice "
                              f"(also by nodes[{seen[node]}])")
    seen[node] = index
    where = f"node {node}"
    if "kind" not in entry:
        raise FileFormatError(f"{where}: missing 'kind'")
    kind = entry["kind"]
    if not isinstance(kind, str) or kind not in _NODE_KEYS:
        raise FileFormatError(f"{where}: unknown kind {_show(kind)} "
                              "(expected 'input', 'const', 'op' or 'composite')")
    allowed = _NODE_KEYS[kind]
    if kind == "op" and version < 2:
        allowed = tuple(k for k in allowed if k not in _V2_OP_KEYS)
    required = tuple(k for k in allowed if k != "pos" and not (kind == "op" and
                                                               k in _V2_OP_KEYS))
    _check_keys(entry, allowed, required, where)
    spec: dict[str, Any] = {"kind": kind}
    if kind == "input":
        name = entry["name"]
        if not isinstance(name, str):
            raise FileFormatError(f"{where}: 'name' must be a string, found {_what(name)}")
        spec["name"] = name
    if kind == "composite":
        block = entry["block"]
        if not isinstance(block, str):
            raise FileFormatError(f"{where}: 'block' must be a string, found {_what(block)}")
        spec["block"] = block
    elif kind == "op":
        op = entry["op"]
        if not isinstance(op, str):
            raise FileFormatError(f"{where}: 'op' must be a string, found {_what(op)}")
        if op not in ops.OPS:
            raise FileFormatError(f"{where}: unknown operation {_show(op)}")
        spec["op"] = op
        name = entry.get("name")
        if name is not None and not isinstance(name, str):
            raise FileFormatError(f"{where}: 'name' must be a string, found {_what(name)}")
        spec["name"] = name
        spec["params"] = _params(entry.get("params"), op, where)
    else:
        spec["value"] = _value(entry["value"], where)
    spec["pos"] = _pos(entry["pos"], where) if "pos" in entry else None
    return node, spec


def _params(raw: Any, op: str, where: str) -> dict[str, Any] | None:
    """An op node's "params" object, validated by its op (canonical values)."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise FileFormatError(f"{where}: 'params' must be an object, found {_what(raw)}")
    try:
        return ops.OPS[op].check_params(raw)
    except ops.ParamError as exc:
        raise FileFormatError(f"{where}: 'params': {exc}") from None


class _BlockUse(NamedTuple):
    """What the link checks need of a composite node: a name and an arity, as an op's."""

    name: str
    arity: int


def _cycle_message(remaining: set[int], links: list[tuple[int, int, int, int]]) -> str:
    import networkx as nx  # only for this message (the core imports it when needed)

    sub = nx.DiGraph()
    sub.add_edges_from((s, t) for _i, s, t, _slot in links if s in remaining and t in remaining)
    cycle = nx.find_cycle(sub)
    path = " → ".join(str(s) for s, _t in cycle) + f" → {cycle[0][0]}"
    return f"the links make a cycle: {path}"


def from_data(data: Any, blocks: Mapping[str, Any] | None = None) -> Document:
    """Build a Document from parsed JSON data, validating everything.

    Raises FileFormatError naming the first problem; returns a new Document only
    if the whole description is valid.  ``blocks``: composite block definitions
    (already checked) that its nodes may use besides its own ``composites`` section.
    """
    if not isinstance(data, dict):
        found = _what(data)
        raise FileFormatError(_msg("not_object", found=_msg(_WHAT[found]) if found in _WHAT
                                   else found))
    if "format" not in data:
        raise FileFormatError(_msg("no_format"))
    if data["format"] != FORMAT:
        raise FileFormatError(_msg("other_format", found=_show(data["format"]),
                                   expected=repr(FORMAT)))
    if "version" not in data:
        raise FileFormatError("no 'version' key")
    version = data["version"]
    if not _is_int(version):
        raise FileFormatError(f"'version' must be an integer, found {_what(version)}")
    if version > VERSION:
        raise FileFormatError(_msg("newer", version=_show(version), ours=VERSION))
    if version < 1:
        raise FileFormatError(f"unknown version {version}; this one reads version {VERSION}")
    _check_keys(data, _TOP_KEYS, ("nodes", "links"), "document")
    known = dict(blocks or {})
    if "composites" in data:
        try:
            for defn in composite_file.from_data(data["composites"], _body_from_data):
                known[defn.name] = defn
        except composite_file.DefinitionError as exc:
            raise FileFormatError(str(exc)) from None
    if "classroom" in data and not isinstance(data["classroom"], dict):
        # A teacher's settings (course/classroom.py reads them): not part of the graph.
        raise FileFormatError(f"'classroom' must be an object, found "
                              f"{_what(data['classroom'])}")
    if "expression" in data and not isinstance(data["expression"], str):
        raise FileFormatError(f"'expression' must be a string, found "
                              f"{_what(data['expression'])}")

    raw_nodes = data["nodes"]
    if not isinstance(raw_nodes, list):
        raise FileFormatError(f"'nodes' must be a list, found {_what(raw_nodes)}")
    if len(raw_nodes) > MAX_NODES:
        raise FileFormatError(f"too many nodes ({len(raw_nodes):,}; the limit is "
                              f"{MAX_NODES:,})")
    n_inputs = sum(1 for entry in raw_nodes
                   if isinstance(entry, dict) and entry.get("kind") == "input")
    if n_inputs > MAX_INPUTS:
        raise FileFormatError(f"too many inputs ({n_inputs:,}; the limit is {MAX_INPUTS:,})")
    seen: dict[int, int] = {}
    specs = [_node_spec(i, entry, seen, version) for i, entry in enumerate(raw_nodes)]
    kinds = {node: spec["kind"] for node, spec in specs}
    op_of = {node: ops.OPS[spec["op"]] for node, spec in specs if spec["kind"] == "op"}
    for node, spec in specs:  # a block use: its name and arity stand in for an op's
        if spec["kind"] == "composite":
            if spec["block"] not in known:
                raise FileFormatError(f"node {node}: unknown block {_show(spec['block'])}")
            op_of[node] = _BlockUse(spec["block"], len(known[spec["block"]].inputs))

    raw_links = data["links"]
    if not isinstance(raw_links, list):
        raise FileFormatError(f"'links' must be a list, found {_what(raw_links)}")
    links: list[tuple[int, int, int, int]] = []
    fed: dict[tuple[int, int], int] = {}
    for i, entry in enumerate(raw_links):
        where = f"link {i}"
        if not isinstance(entry, dict):
            raise FileFormatError(f"{where}: expected an object, found {_what(entry)}")
        _check_keys(entry, _LINK_KEYS, _LINK_KEYS, where)
        src = _int_field(entry, "source", where)
        dst = _int_field(entry, "target", where)
        slot = _int_field(entry, "slot", where)
        for end, node in (("source", src), ("target", dst)):
            if node not in kinds:
                raise FileFormatError(f"{where}: there is no node {node} (its {end})")
        op = op_of.get(dst)
        if op is None:
            raise FileFormatError(f"{where}: node {dst} is {_KIND_WORDS[kinds[dst]]} "
                                  "and takes no arguments")
        if not 0 <= slot < op.arity:
            raise FileFormatError(f"{where}: slot {slot} is out of range for {op.name} "
                                  f"({op.arity} slot{'s' if op.arity != 1 else ''})")
        if (dst, slot) in fed:
            raise FileFormatError(f"{where}: slot {slot} of node {dst} is already fed "
                                  f"by link {fed[dst, slot]}")
        fed[dst, slot] = i
        links.append((i, src, dst, slot))

    # Kahn's algorithm: finds a cycle, and gives an order in which Document.connect
    # never has to search for one (a target gets its wires before it feeds anything).
    succ: dict[int, list[int]] = {node: [] for node in kinds}
    indegree = dict.fromkeys(kinds, 0)
    for _i, src, dst, _slot in links:
        succ[src].append(dst)
        indegree[dst] += 1
    queue = deque(node for node, d in indegree.items() if d == 0)
    rank: dict[int, int] = {}
    while queue:
        node = queue.popleft()
        rank[node] = len(rank)
        for nxt in succ[node]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                queue.append(nxt)
    if len(rank) < len(kinds):
        raise FileFormatError(_cycle_message(set(kinds) - set(rank), links))

    output = data.get("output")
    if output is not None:
        if not _is_int(output):
            raise FileFormatError(f"'output' must be a node id or null, found {_what(output)}")
        if output not in kinds:
            raise FileFormatError(f"'output': there is no node {_show(output)}")

    # Build through the mutation API so Document's own rules (names) apply too.  When
    # every wire comes from a node listed earlier (as the app saves them), each
    # operation is added already wired: no per-wire slot and cycle checks, which the
    # checks above have made, and five times faster on a big file.
    position = {node: k for k, (node, _spec) in enumerate(specs)}
    wired_in_order = all(position[src] < position[dst] for _i, src, dst, _slot in links)
    args_of: dict[int, list[int | None]] = {}
    if wired_in_order:
        for _i, src, dst, slot in links:
            args_of.setdefault(dst, [None] * op_of[dst].arity)[slot] = src
    doc = Document()
    if known:  # definitions checked above: restored whole, not checked again per block
        doc.restore(Snapshot((), (), 1, None, tuple(known.values())))
    for node, spec in specs:
        try:
            if spec["kind"] == "composite":
                doc.add_composite(spec["block"], args=tuple(args_of.get(node, ())),
                                  node_id=node, pos=spec["pos"])
            elif spec["kind"] == "input":
                doc.add_input(spec["name"], spec["value"], node_id=node, pos=spec["pos"])
            elif spec["kind"] == "const":
                doc.add_const(spec["value"], node_id=node, pos=spec["pos"])
            else:
                doc.add_op(spec["op"], args=tuple(args_of.get(node, ())), node_id=node,
                           pos=spec["pos"], name=spec["name"], params=spec["params"])
        except GraphError as exc:
            raise FileFormatError(f"node {node}: {exc.message}") from None
    if not wired_in_order:
        for i, src, dst, slot in sorted(links, key=lambda link: (rank[link[2]], link[3])):
            try:
                doc.connect(src, dst, slot)
            except GraphError as exc:
                raise FileFormatError(f"link {i}: {exc.message}") from None
    if output is not None:
        doc.set_output(output)
    return doc
