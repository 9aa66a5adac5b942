"""Two languages, two mkdocs configs, one site: English at /, Chinese at /zh/.

mkdocs-static-i18n would be the usual tool, but it breaks mkdocs-jupyter (notebooks come
out as raw JSON, ultrabug/mkdocs-static-i18n#198), so each language is its own mkdocs
config (Material's documented approach) and the English build builds the Chinese one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docsite.snippet import ROOT


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # as shown in the language switcher, in its own script
    config: str  # mkdocs config file
    prefix: str  # where it lives in the site


LANGUAGES = (
    Language("en", "English", "mkdocs.yml", ""),
    Language("zh", "中文", "mkdocs.zh.yml", "zh/"),
)
PRIMARY = LANGUAGES[0]
DOCS = ROOT / "docs"

OUTPUTS_NOTE = {
    "en": "Every output on this site was produced by running its code when the site was built, with "
    "Python {python}, TensorFlow {tensorflow}, Keras {keras} and NumPy {numpy}.",
    "zh": "本站所有输出均在构建网站时实际运行代码得到，运行环境：Python {python}、TensorFlow {tensorflow}、"
    "Keras {keras}、NumPy {numpy}。",
}


COPY_LABEL = {"en": "Copy to clipboard", "zh": "复制"}
PERMALINK_TITLE = {"en": "Link to this section", "zh": "本节链接"}
MADE_WITH = {"en": "Made with {link}", "zh": "基于 {link} 构建"}


def language(code: str) -> Language:
    return next(lang for lang in LANGUAGES if lang.code == code)


def pages(code: str, docs: Path = DOCS) -> set[str]:
    root = docs / code
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")}


def missing_pages(docs: Path = DOCS) -> list[str]:
    """Pages that exist in one language only, as 'docs/<lang>/<page> (no docs/<other>/<page>)'."""
    sets = {lang.code: pages(lang.code, docs) for lang in LANGUAGES}
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
    return [{"name": lang.name, "lang": lang.code, "link": (up + lang.prefix + page_url) or "./"} for lang in LANGUAGES]


def absolute_alternates(base: str, page_url: str) -> list[dict[str, str]]:
    """<link rel="alternate" hreflang> targets for the page in every language, absolute."""
    root = base.rstrip("/") + "/"
    return [{"lang": lang.code, "href": root + lang.prefix + page_url} for lang in LANGUAGES]
