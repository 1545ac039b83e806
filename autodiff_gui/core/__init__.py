"""The Qt-free core: primitives, graph document, expression language, engine, files.

Nothing here imports Qt, torch or matplotlib (a test checks it).
"""
