"""Languages: one config each, one site: English at /, every other language at /<code>/.

Each language is its own config (Material's documented approach, and FastAPI's): `mkdocs.yml`
for English, `mkdocs.<code>.yml` (INHERIT: mkdocs.yml) for the others. docsite/stage.py
stages each into a docs project of its own; the words it writes on pages come from each
config's `extra.docsite`.
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
    settings: dict = field(compare=False, repr=False)  # the whole config, INHERIT resolved (read once)

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
    return Language(data["theme"]["language"], path.name, data["extra"]["docsite"], data["nav"], data)


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
