"""Every internal link and anchor in the built site resolves; external links are listed, not fetched."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest

from docsite import i18n
from docsite.snippet import ROOT
from tests.helpers import soup, tags

ARTIFACTS = ROOT / "test-artifacts"


def site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def ids_of(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        cache[page] = {a["id"] for _, a in tags(page.read_text(encoding="utf-8")) if a.get("id")}
    return cache[page]


CITED_HOSTS = {
    "github.com",  # issues and source files cited by address
    "docs.jax.dev",
    "keras.io",  # the Keras guides (transfer learning, masking and padding)
    "www.tensorflow.org",
    "tensorflow.google.cn",  # the same API docs, reachable from China
    "squidfunk.github.io",  # the theme's credit in the footer
    "pypi.org",  # the torch wheel a fresh machine would download (contributing: why not PyTorch)
    "pytorch.org",  # where its CPU-only build comes from instead
}


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    broken, external, anchors = [], set(), {}
    for page in site_pages(site):
        base = "http://site/" + page.relative_to(site).as_posix()
        for tag, attrs in tags(page.read_text(encoding="utf-8")):
            url = attrs.get("href") if tag in ("a", "link") else attrs.get("src") if tag in ("img", "script") else None
            if not url or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            absolute = urljoin(base, url)
            parsed = urlparse(absolute)
            if parsed.netloc != "site":
                external.add(url)
                continue
            path, fragment = urldefrag(unquote(parsed.path).lstrip("/"))[0], parsed.fragment
            target = site / path
            if target.is_dir() or path.endswith("/") or not path:
                target = target / "index.html"
            where = f"{page.relative_to(site)}: {tag} {url}"
            if not target.is_file():
                broken.append(f"{where} -> missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target, anchors):
                broken.append(f"{where} -> no id '{fragment}' in {target.relative_to(site)}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "external-links.txt").write_text("\n".join(sorted(external)) + "\n", encoding="utf-8")
    assert broken == [], "\n".join(broken)
    # Citations go to the hosts the project cites on purpose, over https; the local
    # server named by the contributing page is the one exception.
    hosts = {urlparse(url).netloc for url in external if not url.startswith("http://127.0.0.1:8000")}
    assert hosts <= CITED_HOSTS, f"links to unexpected hosts: {sorted(hosts - CITED_HOSTS)}"
    assert all(url.startswith("https://") for url in external if "127.0.0.1" not in url)


@pytest.mark.parametrize("lang_prefix", [lang.prefix for lang in i18n.languages()])
def test_no_raw_markdown_left_in_pages(site: Path, lang_prefix: str) -> None:
    """Text a reader sees must not contain markdown syntax that failed to render."""
    leftovers = re.compile(r"^\s*(```|~~~|!!! |=== \"|--8<--|\{ *#[\w-]+ *\})|\]\((?!\s)[^)]*\.md\)", re.M)
    for page in site_pages(site / lang_prefix):
        if not lang_prefix and page.relative_to(site).parts[0] in {lang.code for lang in i18n.languages()}:
            continue  # another language's page, checked under its own prefix
        article = soup(page).select_one("article.md-content__inner")
        for element in article.find_all(["pre", "code", "style", "script"]):
            element.decompose()
        text = article.get_text()
        found = leftovers.search(text)
        assert found is None, f"{page.relative_to(site)}: raw markdown {found.group()!r}"
