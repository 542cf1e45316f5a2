"""Arms-control treaty reference library: load, validate, model and render instrument data."""
