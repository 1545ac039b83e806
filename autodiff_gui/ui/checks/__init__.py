"""Checking gradients: the Compare table, plots and generated code."""
