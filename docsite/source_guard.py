"""The one hook in mkdocs.yml: it stops a render of a source config.

`mkdocs.yml` and `mkdocs.<code>.yml` are what docsite/stage.py makes each language's config
from; their pages hold include lines, not code and outputs. Rendered as they are, the site
would publish those lines and no output, so `mkdocs build` or `mkdocs serve` on them stops
and says what to run instead. The staged configs have no hooks.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError


def on_startup(command: str, dirty: bool) -> None:
    raise PluginError(
        f"mkdocs.yml is the source of the staged site, not a config to {command}: its pages hold include lines. "
        "Run `make build` or `make serve` (python -m docsite build | serve)"
    )
