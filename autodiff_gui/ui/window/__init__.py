"""The main window, assembled from parts.

``main_window`` builds the canvas, the editing docks and the status value
(``editing``), the actions, menus and main toolbar (``actions``), the file
handling (``files``), and hands a ``WindowContext`` (``context``: document and
session, undo stack, scene, view, status, settings, menus) to the parts listed in
``parts`` — some built on first use through ``entries``; ``layout`` sizes the docks
(View ▸ Reset Layout, Hide Side Panels).  Presentation mode is one of the parts, in
``ui.presentation``.

May import: ``core``, ``diagram``, ``ui.app``, ``ui.canvas``, ``ui.editing``; the
parts' modules (``ui.run``, ``ui.course``, ``ui.presentation``) only inside functions
(``parts.py``).  ``context`` imports no part, so every part may
import it.
"""
