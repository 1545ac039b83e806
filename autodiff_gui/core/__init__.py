"""The Qt-free core: primitives, graph document, expression language, engine, files.

What lives here, in the order data flows:

* ``ops``: the primitive table, every per-op fact declared once;
* ``values``: how values are written for people; ``graph``: the ``Document``, the only
  mutation API, its events and snapshots, and ``graph_queries`` its reading half
  (networkx stays inside those two);
* ``expr``: text ⇄ graph; ``fileio``: versioned JSON files;
* ``engine/``: compile a document into a ``Program`` and run it (fast path, checked
  path that yields step records, ``Stepper``);
* ``steps`` and ``narration``: the step records and their words;
* ``session``: a ``Session`` owning the document, its one current compiled program
  and the accumulated ``.grad``.

May import: the standard library, numpy and networkx.  Never Qt, torch or
matplotlib (a test checks it), and nothing of ``autodiff_gui`` outside ``core``
(``tests/test_architecture.py`` checks that, and that no imports form a cycle).
"""
