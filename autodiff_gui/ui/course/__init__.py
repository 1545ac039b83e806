"""Lessons and examples in the window (their content is data in ``course``).

* ``lessons`` the Lessons dock and panel (page text, navigation), with ``page_actions``
  (what a page does to the window), ``pointer`` (the frame around the control to press
  and the hint line) and ``demonstrations`` (PyTorch demonstrations and transcripts);
* ``numdiff_widgets`` the numerical-differentiation pages' exercise widgets,
  ``transcript`` how a transcript is labelled;
* ``examples`` the Examples menu and loading an example as one undo step.

May import ``core``, ``check`` (lazily), ``course``, ``ui.app``, ``ui.editing``,
``ui.run``, ``ui.checks`` and ``ui.window.context``.
"""
