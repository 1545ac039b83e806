"""Running the graph: stepping through its passes and gradient descent by hand.

* ``pass_source`` what to step through (the compiled function, mode, upstream, ``.grad``);
  ``stepping`` the ``StepController`` (position and moves) built on it; ``playback``
  its play timer; ``overlay`` the picture of a position on the canvas;
* ``run_panel`` the Run part (menu, step toolbar, docks); ``step_settings`` the mode,
  upstream gradient and ``.grad`` above the narration;
* ``narration`` and ``trace_model`` the views that follow the controller;
* ``gradient_step`` and ``loss_plot`` gradient descent by hand.

May import ``core``, ``check`` (lazily, off the GUI thread), ``ui.app``, ``ui.editing``,
``ui.checks`` (the run panel's docks) and ``ui.window.context``.  Every widget here sets
its texts in ``retranslate()``, called again on ``QEvent.LanguageChange``.
"""
