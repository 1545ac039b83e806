"""The main window, assembled from parts, and presentation mode.

``main_window`` builds the canvas, the editing docks and the status value
(``editing``), the actions, menus and main toolbar (``actions``), the file
handling (``files``), and hands a ``WindowContext`` (``context``: document and
session, undo stack, scene, view, status, settings, menus) to the parts listed in
``parts`` — some built on first use through ``entries``.  ``presentation`` (with
``presentation_scale`` and ``presentation_stage``) is one of those parts.

May import: ``core``, ``diagram``, ``ui.app``, ``ui.canvas``, ``ui.editing``; the
parts' modules (``ui.run``, ``ui.course``) only inside functions (``parts.py``) or
for presentation mode's run panel.  ``context`` imports no part, so every part may
import it.
"""
