"""Checking gradients in the window: the Compare panel, the plots and generated code.

* ``comparison`` the Compare panel (runs ``check.compare`` off the GUI thread) and
  ``compare_tables`` its two tables;
* ``plots`` the Plots panel, ``plot_controls`` its choice row, ``plot_drawing`` the
  matplotlib drawing of data computed by ``check.sweeps``;
* ``code_panel`` the PyTorch and seed-style scripts of ``check.codegen``.

May import ``core``, ``check``, ``ui.app`` and ``ui.run.stepping`` (the controller the
panels follow).  Results are kept, so a language change draws them again in place.
"""
