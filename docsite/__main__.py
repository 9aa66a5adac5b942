"""`python -m docsite stage | build | serve`: what `make build` and `make serve` run.

- `stage`: run the snippets and write the staged docs projects (docsite/stage.py);
- `build [--renderer mkdocs|zensical] [--site DIR]`: stage, then render every language;
- `serve [--renderer ...] [--addr HOST:PORT]`: stage, render, serve, and on every edit
  re-stage and re-render only what changed (docsite/serve.py).

Every error names the file and line it is about, and nothing half-built is published.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from docsite import i18n
from docsite.render import RENDERERS, RenderError, render
from docsite.stage import StageError, stage


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m docsite", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("stage", "build", "serve"))
    parser.add_argument("--renderer", choices=RENDERERS, default="mkdocs")
    parser.add_argument("--site", type=Path, default=Path("site"), help="build: where the site goes (site/)")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="serve: host:port (127.0.0.1:8000)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    started = time.monotonic()
    try:
        if args.command == "serve":
            from docsite.serve import serve

            serve(args.renderer, args.addr)
            return 0
        stage()
        if args.command == "build":
            render(args.site, args.renderer)
            langs = ", ".join(f"{lang.name} in {args.site / lang.prefix}" for lang in i18n.languages())
            print(f"Site rendered with {args.renderer} in {time.monotonic() - started:.1f} s: {langs}")
    except (StageError, RenderError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
