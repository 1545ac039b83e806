"""Persistent preferences: window geometry, dock layout, recent files, last folder.

A thin typed layer over ``QSettings``.  The organization and application names
come from the QApplication (set in ``app.py``; tests set their own and point
``QSettings.setPath`` at a temporary folder, so no test touches the user's file).
Every read passes ``type=`` so values come back as the right Python type whatever
the storage format (INI files store everything as strings).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8

_GEOMETRY = "window/geometry"
_STATE = "window/state"
_RECENT = "files/recent"
_LAST_FOLDER = "files/lastFolder"
_LANGUAGE = "ui/language"
_PROGRESS = "course/progress"
_HIDE_ANSWERS = "course/hideAnswers"


class Settings:
    """Typed access to the application's QSettings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings if qsettings is not None else QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._s

    # -- window -------------------------------------------------------------
    def geometry(self) -> QByteArray:
        return self._s.value(_GEOMETRY, QByteArray(), type=QByteArray)

    def set_geometry(self, data: QByteArray) -> None:
        self._s.setValue(_GEOMETRY, data)

    def state(self) -> QByteArray:
        return self._s.value(_STATE, QByteArray(), type=QByteArray)

    def set_state(self, data: QByteArray) -> None:
        self._s.setValue(_STATE, data)

    # -- files --------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._s.value(_RECENT, [], type=list)
        # A single-entry list may come back from INI storage as a plain string.
        if isinstance(value, str):
            value = [value]
        return [str(p) for p in value if p][:MAX_RECENT]

    def set_recent_files(self, paths: list[str]) -> None:
        self._s.setValue(_RECENT, list(paths[:MAX_RECENT]))

    def add_recent_file(self, path: str) -> list[str]:
        """Put ``path`` first (once), keep at most MAX_RECENT; returns the new list."""
        path = os.path.abspath(path)
        paths = [p for p in self.recent_files() if os.path.abspath(p) != path]
        paths.insert(0, path)
        self.set_recent_files(paths)
        return paths[:MAX_RECENT]

    def remove_recent_file(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        paths = [p for p in self.recent_files() if os.path.abspath(p) != path]
        self.set_recent_files(paths)
        return paths

    def last_folder(self) -> str:
        return self._s.value(_LAST_FOLDER, "", type=str)

    def set_last_folder(self, folder: str) -> None:
        self._s.setValue(_LAST_FOLDER, folder)

    # -- language -----------------------------------------------------------
    def language(self) -> str:
        """The language chosen in the app ('' = follow the system)."""
        return self._s.value(_LANGUAGE, "", type=str)

    def set_language(self, lang: str) -> None:
        self._s.setValue(_LANGUAGE, lang)

    # -- lessons -------------------------------------------------------------
    def progress_text(self) -> str:
        """The student's progress as JSON text (``course.progress``; '' = none yet)."""
        return self._s.value(_PROGRESS, "", type=str)

    def set_progress_text(self, text: str) -> None:
        self._s.setValue(_PROGRESS, text)

    def hide_answers(self) -> bool:
        """A teacher's switch: the exercises never show the right answer."""
        return self._s.value(_HIDE_ANSWERS, False, type=bool)

    def set_hide_answers(self, hide: bool) -> None:
        self._s.setValue(_HIDE_ANSWERS, hide)

    def sync(self) -> None:
        self._s.sync()
