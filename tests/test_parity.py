"""Both languages have the same pages, snippets in the same order and the same heading ids."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docsite import i18n, pages
from docsite.snippet import ROOT, discover
from tests.helpers import HEADING_ID, LANGS, all_pages, heading_ids, source


def test_every_page_exists_in_both_languages() -> None:
    assert i18n.missing_pages() == []


@pytest.mark.parametrize("page", all_pages())
def test_same_snippets_in_the_same_order(page: str) -> None:
    names = [[inc.name for inc in pages.find_includes(source(lang, page), page)] for lang in LANGS]
    assert all(n == names[0] for n in names), dict(zip(LANGS, names, strict=True))


@pytest.mark.parametrize("page", all_pages())
def test_same_heading_ids(page: str) -> None:
    ids = [HEADING_ID.findall(source(lang, page)) for lang in LANGS]
    assert ids[0], f"{page}: give every heading an explicit id, e.g. '## Title {{ #title }}'"
    assert all(i == ids[0] for i in ids), dict(zip(LANGS, ids, strict=True))


@pytest.mark.parametrize("page", all_pages())
def test_every_heading_has_an_explicit_id(page: str) -> None:
    for lang in LANGS:
        for line in source(lang, page).splitlines():
            if line.startswith("#") and " " in line:
                assert HEADING_ID.match(line), f"docs/{lang}/{page}: heading without {{ #id }}: {line}"


def _nav_pages(nav: list) -> list[str]:
    found = []
    for item in nav:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += _nav_pages(value) if isinstance(value, list) else [value]
    return found


def _load(config: str) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / config).read_text(encoding="utf-8"), Loader=Loader)


def test_both_navs_list_every_page_in_the_same_order() -> None:
    en = _nav_pages(_load("mkdocs.yml")["nav"])
    zh = _nav_pages(_load("mkdocs.zh.yml")["nav"])
    assert en == zh
    assert sorted(p for p in en if p.endswith(".md")) == all_pages()


def test_every_snippet_is_used_in_both_languages() -> None:
    for lang in LANGS:
        used = {inc.name for page in all_pages() for inc in pages.find_includes(source(lang, page), page)}
        unused = sorted(s.name for s in discover() if s.name not in used)
        assert unused == [], f"snippets not included by any {lang} page: {unused}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", all_pages())
def test_every_python_block_is_an_include(lang: str, page: str) -> None:
    """Counted by a second parser (markdown-it, CommonMark): no python block escapes the build."""
    from markdown_it import MarkdownIt

    def python_fences(text: str) -> list:
        found = []
        for token in MarkdownIt().parse(text):
            if token.type == "fence" and token.info.split()[:1] == ["python"]:
                found.append(token)
            elif token.type == "code_block":  # indented 4 spaces: inside a tab or an admonition
                found += python_fences(token.content)
        return found

    text = source(lang, page)
    fences = python_fences(text)
    includes = pages.find_includes(text, f"docs/{lang}/{page}")  # raises on inline code
    assert len(includes) == len(fences)
    assert [f.content.strip().split('"')[1] for f in fences] == [inc.name for inc in includes]


@pytest.mark.parametrize("page", all_pages())
def test_same_heading_ids_in_the_built_pages(site: Path, page: str) -> None:
    """Every kind of heading (an underlined one, HTML, one from a snippet's page) gets the
    same id in every language, as the reader's links and the language switcher need."""
    ids = [heading_ids(site, lang, page) for lang in LANGS]
    assert ids[0], f"{page}: no heading ids"
    for lang, found in zip(LANGS[1:], ids[1:], strict=True):
        assert found == ids[0], f"{page}: {LANGS[0]} {ids[0]} != {lang} {found}"
