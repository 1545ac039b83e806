"""What a block of a backward graph is, as a tag above it: ``∂f/∂c``, ``∂f/∂x (path 2)``.

The backward graph (``core/backward_graph.py``) gives every node a plain-text
``label`` made from the templates of its ``MESSAGES`` (tens of thousands are made,
so they are not ``Text`` objects).  Here a label is matched back to its template and
said in the current language (context "backward"); a label that is the block's title
already (an input's name, a constant's value) is not repeated.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ...core.backward_graph import MESSAGES


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\d)\}", template)
    out = []
    for k, part in enumerate(parts):
        out.append(re.escape(part) if k % 2 == 0 else f"(?P<a{part}>.+?)")
    return re.compile("".join(out) + r"\Z")


# Only the templates with words need translating (∂f/∂{0} reads the same everywhere).
_WORDED = [(template, _pattern(template)) for template in MESSAGES.values()
           if "{0}" in template and re.search(r"[A-Za-z]{2,}", template.replace("{0}", "")
                                                  .replace("{1}", ""))]


def label_text(label: str) -> str:
    """``label`` in the current language (its template translated, its names kept)."""
    for template, pattern in _WORDED:
        match = pattern.match(label)
        if match is None:
            continue
        args = [match.group(f"a{k}") for k in range(2) if f"a{k}" in match.groupdict()]
        translated = QCoreApplication.translate("backward", template)
        try:
            return translated.format(*args)
        except (IndexError, KeyError, ValueError):  # a slip in a translation: English
            return template.format(*args)
    return label


def tag_text(label: str | None, title: str) -> str:
    """The tag to draw above a block: its label, unless it only repeats the title."""
    if not label:
        return ""
    text = label_text(label)
    return "" if text == title else text
