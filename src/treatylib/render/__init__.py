"""Turn the model into Markdown pages, data exports and SVG. Knows nothing of YAML or MkDocs."""
