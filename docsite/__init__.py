"""Build-time machinery of the site: run snippets, cache their output, put it on the pages."""

# What a copy of the project needs to build the site (fault tests and benchmarks build copies).
SOURCES = (
    "docs",
    "snippets",
    "docsite",
    "overrides",
    "mkdocs.yml",
    "mkdocs.zh.yml",
    "requirements.txt",
    "glossary.yml",
)
