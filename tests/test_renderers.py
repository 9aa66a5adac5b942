"""Zensical renders the same stage as MkDocs, page for page: same pages, same article text in
every language, same language switcher and footer. What differs around the article is listed
and justified in docs/en/contributing.md ("Two renderers, one stage")."""

from __future__ import annotations

from pathlib import Path

import pytest

from docsite import i18n
from docsite.render import render
from tests.helpers import soup

LANGS = [lang.code for lang in i18n.languages()]
pytestmark = pytest.mark.xdist_group("renderers")  # one Zensical render, on one worker


@pytest.fixture(scope="module")
def zensical_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stage `site` was rendered from, rendered again by Zensical."""
    out = tmp_path_factory.mktemp("zensical") / "site"
    render(out, "zensical")
    return out


def pages_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def article(path: Path) -> str:
    node = soup(path).select_one("article")
    assert node is not None, f"{path}: no article"
    return node.get_text(" ", strip=True)


def test_both_renderers_publish_the_same_pages(site: Path, zensical_site: Path) -> None:
    assert pages_of(zensical_site) == pages_of(site)


def test_every_page_has_the_same_article_text(site: Path, zensical_site: Path) -> None:
    differ = []
    for page in sorted(pages_of(site)):
        mine, theirs = article(site / page), article(zensical_site / page)
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), len(mine))
            differ.append(
                f"{page}: MkDocs ...{mine[max(0, at - 60) : at + 60]!r} Zensical ...{theirs[at - 60 : at + 60]!r}"
            )
    assert not differ, f"{len(differ)} page(s) differ:\n" + "\n".join(differ)


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_and_footer_are_the_same(site: Path, zensical_site: Path, lang: str) -> None:
    for page in ("index.html", "tutorial/puzzle/index.html", "notebooks/tutorial/index.html"):
        path = i18n.language(lang).prefix + page
        views = [soup(root / path) for root in (site, zensical_site)]
        links = [[(a["hreflang"], a["href"]) for a in view.select("a.md-select__link")] for view in views]
        assert links[0] == links[1] and len(links[0]) == len(LANGS), path
        notes = [view.select_one(".docsite-versions").get_text(strip=True) for view in views]
        assert notes[0] == notes[1], path
