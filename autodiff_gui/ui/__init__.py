"""The window (Qt): ``app`` start-up and services, ``window`` the main window and its
context, ``editing``, ``canvas``, ``run``, ``checks``, ``course`` and ``presentation``,
each a room of its own (see each package's docstring for what it may import)."""

from .app import pyside_feature

pyside_feature.install()  # before the window's modules are imported: see its docstring
