"""The window (Qt): ``app`` start-up and services, ``window`` the main window and its
context, ``editing``, ``canvas``, ``run``, ``checks``, ``course`` and ``presentation``,
each a room of its own (see each package's docstring for what it may import)."""
