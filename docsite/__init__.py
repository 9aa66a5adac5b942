"""Build-time machinery of the site: run snippets, cache their output, put it on the pages."""
