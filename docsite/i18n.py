"""Languages: one mkdocs config each, one site: English at /, every other language at /<code>/.

mkdocs-static-i18n would be the usual tool, but it breaks mkdocs-jupyter (notebooks come
out as raw JSON, ultrabug/mkdocs-static-i18n#198), so each language is its own mkdocs
config (Material's documented approach) and the English build builds the others. The
words docsite/ writes on pages come from each config's `extra.docsite`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from docsite import ROOT

PRIMARY_CONFIG = "mkdocs.yml"  # English, at the root of the site; every other config INHERITs it


@dataclass(frozen=True)
class Language:
    code: str
    config: str  # mkdocs config file
    strings: dict[str, str] = field(compare=False)  # extra.docsite of that config: what docsite/ writes
    nav: list = field(compare=False)  # as written in the config

    @property
    def name(self) -> str:
        """As shown in the language switcher, in its own script."""
        return self.strings["language_name"]

    @property
    def prefix(self) -> str:
        """Where it lives in the site: the primary language at the root, the others at /<code>/."""
        return "" if self.config == PRIMARY_CONFIG else self.code + "/"


def _load(path: Path) -> Language:
    from mkdocs.utils.yaml import yaml_load  # resolves INHERIT and !ENV as mkdocs does

    with path.open(encoding="utf-8") as f:
        data = yaml_load(f)
    return Language(data["theme"]["language"], path.name, data["extra"]["docsite"], data["nav"])


def languages(root: Path = ROOT) -> tuple[Language, ...]:
    """The site's languages, one per mkdocs config: `mkdocs.yml` first, then `mkdocs.<code>.yml`.
    Read again when a config file changes: `mkdocs serve` rebuilds in the same process."""
    configs = [root / PRIMARY_CONFIG, *sorted(root.glob("mkdocs.*.yml"))]
    return _read(tuple((path, path.stat().st_mtime_ns) for path in configs))


@functools.cache
def _read(configs: tuple[tuple[Path, int], ...]) -> tuple[Language, ...]:
    found = tuple(_load(path) for path, _ in configs)
    for lang in found[1:]:
        if lang.config != f"mkdocs.{lang.code}.yml":
            raise ValueError(f"{lang.config}: theme.language is {lang.code!r}; name the file mkdocs.{lang.code}.yml")
    return found


def primary() -> Language:
    """English, at the root of the site."""
    return languages()[0]


DOCS = ROOT / "docs"


def language(code: str) -> Language:
    return next(lang for lang in languages() if lang.code == code)


def pages(code: str, docs: Path = DOCS) -> set[str]:
    root = docs / code
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")}


def missing_pages(docs: Path = DOCS) -> list[str]:
    """Pages that exist in one language only, as 'docs/<lang>/<page> (no docs/<other>/<page>)'."""
    sets = {lang.code: pages(lang.code, docs) for lang in languages()}
    every = set().union(*sets.values())
    problems = []
    for page in sorted(every):
        have = [c for c, s in sets.items() if page in s]
        for code in sets:
            if page not in sets[code]:
                problems.append(f"docs/{have[0]}/{page} has no translation: docs/{code}/{page} is missing")
    return problems


def alternates(current: str, page_url: str) -> list[dict[str, str]]:
    """Switcher links from the page at `page_url` (site-relative) of language `current`
    to the same page in every language, as relative links so any base path works."""
    here = language(current)
    up = "../" * (here.prefix.count("/") + page_url.count("/"))
    return [
        {"name": lang.name, "lang": lang.code, "link": (up + lang.prefix + page_url) or "./"} for lang in languages()
    ]


def absolute_alternates(base: str, page_url: str) -> list[dict[str, str]]:
    """<link rel="alternate" hreflang> targets for the page in every language, absolute."""
    root = base.rstrip("/") + "/"
    return [{"lang": lang.code, "href": root + lang.prefix + page_url} for lang in languages()]
