"""Course content as data: lessons and examples (Qt-free; may import core)."""
