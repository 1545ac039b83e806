"""How values are written for people: numbers, arrays and shapes, one notation everywhere.

* ``format_value``: the compact form of the narration, the trace and the blocks.
  Numbers get four significant decimals (``0.6931``); arrays of up to
  ``SHOWN_ELEMENTS`` elements are written in full as nested rows, a matrix row by
  row (``[[1, 0, 0], [0, 0, 2]]``), so broadcasting can be seen; larger ones are
  cut at each axis and carry their shape (``[0, 1, …, 99] (100,)``).  ``full_text``
  has every element and digit, for tooltips.
* ``shape_text``: Python's own tuple notation, ``(3,)`` and ``(2, 3)``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

SHOWN_ELEMENTS = 12  # arrays up to this many elements are written out in full
_EDGE = 2  # a cut axis shows its first two entries, "…" and its last one


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as Python writes it: ``()``, ``(3,)``, ``(2, 3)``."""
    return str(tuple(int(n) for n in shape))


def format_number(value: Any, digits: int = 4) -> str:
    """One number: ``2``, ``0.6931``, ``1.2e-7``, ``1+2i``."""
    if isinstance(value, complex):
        return f"{format_number(value.real, digits)}{value.imag:+.{digits}g}i"
    v = float(value)
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return str(v)
    if abs(v) >= 1e5 or abs(v) < 1e-4:
        return f"{v:.{digits}e}".replace("e-0", "e-").replace("e+0", "e+")
    text = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rows(value: np.ndarray, digits: int, cut: bool) -> str:
    """Nested lists; with ``cut`` each long axis keeps its ends and the first row only."""
    if value.ndim == 1:
        items = [format_number(v, digits) for v in value.tolist()] if not cut or \
            len(value) <= _EDGE + 1 else \
            [format_number(v, digits) for v in value[:_EDGE].tolist()] + \
            ["…", format_number(value[-1].item(), digits)]
        return "[" + ", ".join(items) + "]"
    if cut and len(value) > 1:
        return "[" + _rows(value[0], digits, cut) + ", …]"
    return "[" + ", ".join(_rows(row, digits, cut) for row in value) + "]"


def format_value(value: Any, digits: int = 4) -> str:
    """A compact human form of a value: ``2``, ``0.6931``, ``[[1, 2], [3, 4]]``.

    Arrays of more than ``SHOWN_ELEMENTS`` elements are cut and end with their
    shape: ``[0, 1, …, 99] (100,)``, ``[[0, 1, …, 9], …] (10, 10)``.
    """
    if isinstance(value, np.ndarray) and value.ndim > 0:
        if value.size <= SHOWN_ELEMENTS:
            return _rows(value, digits, cut=False)
        return f"{_rows(value, digits, cut=True)} {shape_text(value.shape)}"
    if isinstance(value, np.ndarray):
        value = value.item()
    return format_number(value, digits)


def full_text(value: Any) -> str:
    """A value written out in full (tooltips): every digit, every element, its shape."""
    if value is None:
        return "—"
    if isinstance(value, np.ndarray) and value.ndim > 0:
        body = np.array2string(value, precision=10, max_line_width=90, separator=", ",
                               threshold=10_000 if value.size <= 10_000 else 100)
        return f"{shape_text(value.shape)}\n{body}"
    return repr(float(value))


def element_names(name: str, shape: tuple[int, ...], limit: int = SHOWN_ELEMENTS) -> list[str]:
    """``w[0]``, ``w[1]``, … (``W[0, 1]`` for a matrix): one forward-mode pass each.

    Empty for a scalar or for more than ``limit`` elements."""
    size = int(np.prod(shape)) if shape else 1
    if not shape or size > limit:
        return []
    return [f"{name}[{', '.join(str(k) for k in index)}]" for index in np.ndindex(*shape)]


def split_element(text: str) -> tuple[str, tuple[int, ...] | None]:
    """``"w[1]"`` -> ``("w", (1,))``, ``"W[0, 2]"`` -> ``("W", (0, 2))``.

    A plain name (or anything else) comes back whole, with None: ``("x", None)``."""
    name, bracket, rest = text.partition("[")
    if not bracket or not rest.endswith("]"):
        return text, None
    try:
        index = tuple(int(k) for k in rest[:-1].split(","))
    except ValueError:
        return text, None
    return name.strip(), index


def element_seed(shape: tuple[int, ...], index: tuple[int, ...]) -> np.ndarray:
    """A forward-mode seed that is 1 at ``index`` and 0 elsewhere (IndexError if outside)."""
    seed = np.zeros(shape)
    seed[index] = 1.0
    return seed
