"""Autodiff Studio: see automatic differentiation happen, node by node."""

__version__ = "0.1.0"
