"""Diagram geometry: layered layout and block sizes (Qt-free; may import core)."""
