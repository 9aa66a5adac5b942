"""Render the stage into one site: every language with the same renderer, English at the root and
every other language at /<code>/. The renderer only renders: the stage holds all content.

- `mkdocs` (the default): `mkdocs build --strict` with Material, as the design card asks;
- `zensical`: `zensical build --strict`, the successor FastAPI moved to; it reads the same
  staged configs (contributing.md lists where its pages differ).

The languages render side by side, each in its own process and folder; the site is then put
together and swapped in whole, so a failed render leaves the previous site as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docsite import ROOT, i18n, write_atomic
from docsite.stage import MANIFEST, STAGE_DIR

RENDERERS = ("mkdocs", "zensical")
RECORD = ROOT / ".cache" / "rendered.json"  # which stage each site folder was rendered from


class RenderError(Exception):
    """A renderer failed; the message holds what it said."""


def render_language(lang: i18n.Language, out: Path, renderer: str = "mkdocs", stage: Path = STAGE_DIR) -> None:
    """Render one staged language into `out` (replaced)."""
    folder = stage / lang.code
    command = {  # zensical writes where the config says (site_dir, beside it); it is moved below
        "mkdocs": ["mkdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(out)],
        "zensical": ["zensical", "build", "--strict", "--clean", "-f", "mkdocs.yml"],
    }[renderer]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # zensical 0.0.73 once exited 0 without writing its site on a loaded machine (not reproduced
    # idle): it gets a second try, and then a clear error.
    for _ in range(2 if renderer == "zensical" else 1):
        proc = subprocess.run([sys.executable, "-m", *command], cwd=folder, env=env, capture_output=True, text=True)
        said = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-40:])
        if proc.returncode != 0:
            raise RenderError(f"{renderer} could not render {folder / 'mkdocs.yml'}:\n{said}")
        if renderer == "mkdocs" or (folder / "site").is_dir():
            break
    else:
        raise RenderError(f"zensical finished but wrote no site for {folder / 'mkdocs.yml'}:\n{said}")
    if renderer == "zensical":
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(folder / "site", out)


def render(site: Path, renderer: str = "mkdocs", stage: Path = STAGE_DIR) -> None:
    """Render every staged language and swap the finished site in at `site`."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}.render-", dir=site.parent))
    try:
        langs = i18n.languages()
        with ThreadPoolExecutor(min(len(langs), os.cpu_count() or 1)) as pool:  # one process per language
            jobs = [pool.submit(render_language, lang, work / lang.code, renderer, stage) for lang in langs]
            errors = [str(job.exception()) for job in jobs if job.exception()]
        if errors:
            raise RenderError("\n\n".join(errors))
        for lang in langs[1:]:
            (work / lang.code).rename(work / langs[0].code / lang.prefix.rstrip("/"))
        if site.exists():
            site.rename(work / "previous")
        (work / langs[0].code).rename(site)
        record = rendered() | {str(site): {"manifest": manifest_digest(stage), "renderer": renderer}}
        write_atomic(RECORD, json.dumps(record, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def manifest_digest(stage: Path = STAGE_DIR) -> str:
    return hashlib.sha256((stage / MANIFEST).read_bytes()).hexdigest()


def rendered() -> dict[str, dict[str, str]]:
    """Site folder -> the manifest digest of the stage it was rendered from, and the renderer."""
    try:
        return json.loads(RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
