"""The main window, assembled from parts, and presentation mode."""
