"""State shared by the English and the nested Chinese build in one mkdocs process.

mkdocs loads the hooks file afresh for each config, so anything both builds need lives here.
"""

from __future__ import annotations

from docsite.runner import Result

serving = False  # True under `mkdocs serve`: failures are shown on pages, not raised
results: dict[str, Result] | None = None  # this build's snippet results, reused by the Chinese build
