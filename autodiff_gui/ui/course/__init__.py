"""Lessons and examples in the window."""
