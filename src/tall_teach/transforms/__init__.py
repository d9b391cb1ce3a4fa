"""Pure functions over the model: citation formatting, lint checks."""
