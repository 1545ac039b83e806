"""A value as the user types it and as it is shown for editing: JSON or a plain decimal.

``parse_value_text`` never evaluates anything (``json.loads`` and a strict decimal pattern);
``value_to_text`` writes the full-precision text that reads back exactly.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from ...core.graph import GraphError, as_value

# A plain decimal number that JSON refuses (".5", "5.", "+2"); not "1_000", "nan",
# "inf" or "١" (digits of other scripts), which ``float`` would take.
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def parse_value_text(text: str) -> float | np.ndarray:
    """A value typed by the user: ``2.5``, ``-1e-3``, ``.5``, ``[1, 2]``, ``[[1, 2], [3, 4]]``.

    JSON (never eval) reads it, else a plain decimal number; ``as_value`` checks it.
    Raises GraphError (a ValueError) with a readable reason.
    """
    # The context of the inputs table, where these messages were first shown.
    text = text.strip()
    if not text:
        raise GraphError(QCoreApplication.translate(
            "InputsModel", "enter a number or an array such as [1, 2]"))
    try:
        raw: Any = json.loads(text)
    except json.JSONDecodeError:
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise GraphError(QCoreApplication.translate(
                "InputsModel", "{text} is not a number or an array such as [[1, 2], [3, 4]]"
            ).format(text=repr(text))) from None
        raw = float(text)
    try:
        return as_value(raw)
    except ValueError as exc:  # keep the core's Text, so the reason is translated
        raise GraphError(exc.args[0] if len(exc.args) == 1 else str(exc)) from None


def value_to_text(value: Any) -> str:
    """The full-precision editable text of a value (round-trips through parse_value_text)."""
    if isinstance(value, np.ndarray):
        return json.dumps(value.tolist())
    return repr(float(value))  # the shortest text that reads back exactly: 0.1, not 0.1000…01
