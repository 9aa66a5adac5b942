"""Shared helpers for the tests: building copies of the project, reading built HTML and the page sources."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from docsite import i18n
from docsite.cache import Cache
from docsite.runner import Result
from docsite.snippet import discover
from docsite.stage import read_manifest

LANGS = [lang.code for lang in i18n.languages()]  # every language of the site, English first
HEADING_ID = re.compile(r"^#{1,6} .*\{ *#(?P<id>[\w-]+) *\}\s*$", re.M)


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """(tag, attributes) of every element of an HTML document, attributes as written."""
    soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
    return [(tag.name, dict(tag.attrs)) for tag in soup.find_all(True)]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_html(site: Path, lang: str, page: str) -> Path:
    """Built file of the page `page` (e.g. 'tutorial/puzzle.md') in language `lang`."""
    prefix = i18n.language(lang).prefix
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        rel = stem.removesuffix("index") + "index.html"
    else:
        rel = stem + "/index.html"
    return site / prefix / rel


def source(lang: str, page: str) -> str:
    return (i18n.DOCS / lang / page).read_text(encoding="utf-8")


def all_pages() -> list[str]:
    return sorted(i18n.pages("en"))


FAULT_INJECTION = Path(__file__).with_name("fault_injection.py")


def build(
    project: Path, site: str = "out", *, fault: list[str] | None = None, **popen
) -> subprocess.CompletedProcess | subprocess.Popen:
    """`python -m docsite build` (what `make build` runs) of a copy of the project
    (`docsite.copy_project`) into `project/<site>`; with Popen keyword arguments, started and
    returned running. `fault`: the arguments of tests/fault_injection.py, which then runs the
    build with that fault in place."""
    launcher = [str(FAULT_INJECTION), *fault, "--"] if fault else ["-m", "docsite"]
    cmd = [sys.executable, *launcher, "build", "--site", site]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if popen:
        return subprocess.Popen(cmd, cwd=project, env=env, **popen)
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def heading_ids(site: Path, lang: str, page: str) -> list[str]:
    """Ids of the headings of a built page's article, in order."""
    article = soup(page_html(site, lang, page)).select_one("article")
    return [h["id"] for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]) if h.get("id")]


def published_results() -> dict[str, Result]:
    """The results the site shows, by snippet name: those whose digests the stage's manifest
    records, read from the cache. A result the cache does not hold fails the test; nothing
    runs again here."""
    return {key: r for key, r in _published().items() if not r.snippet.variant}


def published_variants() -> dict[str, dict[str, Result]]:
    """Snippet name -> backend -> the result of its run on that other Keras backend."""
    found: dict[str, dict[str, Result]] = {}
    for r in _published().values():
        if r.snippet.variant:
            found.setdefault(r.snippet.name, {})[r.snippet.backend] = r
    return found


@functools.cache
def _published() -> dict[str, Result]:
    recorded = read_manifest()["snippets"]
    cache, found, missing = Cache(), {}, []
    for snippet in [v for s in discover() for v in (s, *s.variants())]:
        payload = cache.get(recorded.get(snippet.key, "none"))
        if payload is None:
            missing.append(f"snippets/{snippet.key} (digest {recorded.get(snippet.key)})")
        else:
            found[snippet.key] = Result.from_payload(snippet, payload)
    assert not missing, "the stage shows results the cache does not hold: " + ", ".join(missing)
    return found
