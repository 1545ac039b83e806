"""Presentation mode (F11): a part of the window for teaching in front of a class.

* ``mode`` the ``Presentation`` part (actions, entering and leaving full screen);
* ``scale`` the font scaling of every widget; ``stage`` the narration across the bottom,
  big step controls and the canvas fit; ``spread`` the blocks spread apart as far as they
  grow (view-only positions, put back on leaving).

May import ``core``, ``ui.app``, ``ui.canvas``, ``ui.run`` (the run panel it rearranges)
and ``ui.window.actions`` / ``ui.window.context``; the window imports it only inside
``ui.window.parts``.
"""
