"""Reference oracles for the engine's numbers, Qt-free, shared by the window and the CLI.

* ``compare``: the one comparison of the engine's gradient with forward mode, finite
  differences, the complex step and PyTorch (errors, per-row and overall verdicts);
* ``finite_diff``: the numerical derivatives and the gradcheck-style verdict;
* ``torch_ref``: PyTorch's value and gradients for the same graph (torch imported lazily);
* ``sweeps``: the numbers behind the plots (function and tangent, error against h,
  contours);
* ``codegen`` and ``notebook_replay``: runnable PyTorch and notebook-style scripts.

May import ``core`` (and numpy, torch lazily); never Qt, matplotlib or ``ui``.
"""
