"""The one fact a build cannot read from its config: whether it runs under `mkdocs serve`.

mkdocs reports the command once per process (`on_startup`), but `mkdocs serve` loads the
config, and with it a fresh copy of the hooks module, for every rebuild; so the answer is kept
here. Everything else a build needs travels with its config (see `hooks._results`).
"""

serving = False  # True under `mkdocs serve`: failures are shown on pages, not raised
