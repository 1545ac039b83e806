"""The lesson transcripts: notebook cells and what PyTorch printed, labelled in the UI's
language.

The tensor demonstration script and ``check.notebook_replay`` write marked text:
``##cell n`` or ``##extra key`` before a cell's code, ``##out`` before its output.
Markers are for the app only; ``render`` turns them into "In [n]:" / "Out:" lines (and
for an extra cell, why it was added), so no machine line reaches the student.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit


def _tr(text: str) -> str:
    return QCoreApplication.translate("Transcript", text)


def extra_reason(key: str) -> str:
    """Why an extra cell (one the notebook does not have) was added."""
    reasons = {
        "accumulate": _tr("backward once more: .grad accumulates (it is not overwritten)"),
        "as_tensor_dtype": _tr("as_tensor shares memory only when the dtype and device "
                               "match; with another dtype it copies"),
    }
    return reasons.get(key, key)


def render(marked: str) -> str:
    """Marked text as the student reads it: labelled cells, code, then output."""
    out: list[str] = []
    count = 0
    for line in marked.splitlines():
        if line.startswith("##cell") or line.startswith("##extra"):
            count += 1
            if out:
                out.append("")
            head = _tr("In [{n}]:").format(n=count)
            if line.startswith("##extra"):
                why = extra_reason(line.partition(" ")[2].strip())
                head += " " + _tr("(not in the notebook: {why})").format(why=why)
            out.append(head)
        elif line == "##out":
            out.append(_tr("Out:"))
        elif line.startswith("##"):
            continue  # a marker this version does not know: never shown
        else:
            out.append(line)
    # A cell with no output (an import) ends with "Out:" and nothing after it.
    cleaned: list[str] = []
    for i, line in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else ""
        if line == _tr("Out:") and (nxt == "" or i + 1 == len(out)):
            continue
        cleaned.append(line)
    return "\n".join(cleaned)


def focus_transcript(view: QPlainTextEdit, quotes: tuple[str, ...] | list[str]) -> bool:
    """Scroll ``view`` to the first line that shows one of the page's quotes (words such
    as ``tensor([3.])``; bare numbers are too common to say where to look), selecting it:
    the output the page talks about is on screen without scrolling.  True if found."""
    for quote in quotes:
        if len(quote) < 4 or quote.replace(".", "").replace("-", "").isdigit():
            continue
        cursor = view.document().find(quote)
        if not cursor.isNull():
            view.setTextCursor(cursor)
            view.centerCursor()
            return True
    return False
