"""`python -m docsite serve` (`make serve`): stage, render both languages, serve them, and on
every edit re-stage and re-render only what changed.

The server is MkDocs's own live-reload server, serving the rendered site from
`.cache/serve/<renderer>/` (English at /, other languages at /<code>/); it watches the sources
(docs/, snippets/, overrides/ and the configs), not the stage. On a change:

1. the stage is made again (docsite/stage.py). Only files whose content changed are
   rewritten, and only snippets whose content changed run; a failing snippet is shown on its
   page (serving), a page error is logged and the site stays as it was;
2. each language with a changed staged file is rendered again. MkDocs renders in this process,
   `dirty`: only the pages whose staged file changed (a changed config or theme override
   renders the language whole). Zensical renders the language in its own process, and its
   files are copied over the served ones;
3. the browser reloads.

Changes to docsite/ itself need a restart: its modules are loaded once.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from pathlib import Path

from docsite import ROOT, i18n
from docsite.render import RenderError, render_language
from docsite.stage import STAGE_DIR, StageError, stage

log = logging.getLogger("docsite")
SERVE_DIR = ROOT / ".cache" / "serve"
WATCHED = ("docs", "snippets", "overrides")


class _Site:
    def __init__(self, renderer: str) -> None:
        self.renderer = renderer
        self.root = SERVE_DIR / renderer

    def out(self, lang: i18n.Language) -> Path:
        return self.root / lang.prefix

    def rebuild(self, *, everything: bool = False) -> None:
        started = time.monotonic()
        try:
            changed = stage(STAGE_DIR, serving=True).changed
        except StageError as e:
            log.error(f"{e}\nThe site stays as it was until this is fixed.")
            return
        staged = time.monotonic()
        langs = i18n.languages()
        theme = everything or any(name.startswith("overrides/") for name in changed)
        for lang in langs:
            mine = {name for name in changed if name.startswith(f"{lang.code}/")}
            if not (theme or mine):
                continue
            whole = theme or f"{lang.code}/mkdocs.yml" in mine
            try:
                self._render(lang, whole)
            except RenderError as e:
                log.error(str(e))
                return
            if whole and lang.prefix == "":  # a whole render of the root cleared the others' folders
                theme = True
        log.info(f"Staged in {staged - started:.2f} s, rendered in {time.monotonic() - staged:.2f} s")

    def _render(self, lang: i18n.Language, whole: bool) -> None:
        if self.renderer == "mkdocs":
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            with contextlib.chdir(STAGE_DIR / lang.code):  # the config's relative paths (jieba's dictionary)
                config = load_config("mkdocs.yml", site_dir=str(self.out(lang)))
                logging.getLogger("mkdocs.commands.build").setLevel(logging.ERROR)  # "dirty build" warnings
                build(config, dirty=not whole)
            return
        rendered = SERVE_DIR / f".{lang.code}-render"
        render_language(lang, rendered, self.renderer)
        shutil.copytree(rendered, self.out(lang), dirs_exist_ok=True)  # over the served files, in place


def serve(renderer: str, addr: str) -> None:
    from mkdocs.livereload import LiveReloadServer

    host, _, port = addr.rpartition(":")
    logging.getLogger("jieba").setLevel(logging.WARNING)  # its model-loading chatter, on every render
    site = _Site(renderer)
    shutil.rmtree(site.root, ignore_errors=True)
    site.rebuild(everything=True)
    server = LiveReloadServer(
        builder=site.rebuild, host=host, port=int(port), root=str(site.root), polling_interval=0.2
    )
    for name in WATCHED:
        server.watch(str(ROOT / name))
    for config in sorted(ROOT.glob("mkdocs*.yml")):
        server.watch(str(config), recursive=False)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
