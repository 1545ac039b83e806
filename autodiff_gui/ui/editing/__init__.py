"""Editing the document: undo commands, the expression bar, the inputs panel, the palette."""
