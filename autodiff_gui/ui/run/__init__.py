"""Running the graph: the step controller, run panel, narration, trace, gradient steps."""
