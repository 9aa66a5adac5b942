"""The built site in both languages: pages, outputs, language, switcher, footer, privacy."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from docsite import i18n
from tests.helpers import all_pages, page_html, soup, tags

LANGS = [lang.code for lang in i18n.languages()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", all_pages())
def test_page_is_built_with_its_language(site: Path, lang: str, page: str) -> None:
    path = page_html(site, lang, page)
    html, document = path.read_text(encoding="utf-8"), soup(path)
    assert document.html["lang"] == lang
    assert document.title.get_text(strip=True)
    assert document.find("meta", attrs={"name": "description"})["content"].strip()
    assert "--8<--" not in html, "an include was not expanded"
    assert "docsite-versions" in html and "TensorFlow 2." in html, "footer must name the versions"


def test_chinese_pages_use_chinese_interface(site: Path) -> None:
    html = page_html(site, "zh", "tutorial/puzzle.md").read_text(encoding="utf-8")
    assert 'placeholder="搜索"' in html  # Material's search box, in Chinese
    assert '"clipboard.copy": "\\u590d\\u5236"' in html  # the copy button's label, 复制
    assert "输出" in html  # our output title


@pytest.mark.parametrize("lang", LANGS)
def test_outputs_are_under_the_code(site: Path, lang: str) -> None:
    html = page_html(site, lang, "tutorial/puzzle.md").read_text(encoding="utf-8")
    code = html.index("puzzle.py")
    output = html.index("(1, 5, 3) float32")
    assert code < output
    one_hot = page_html(site, lang, "tutorial/one-hot.md").read_text(encoding="utf-8")
    assert "equal to the layer output: True" in one_hot
    source = page_html(site, lang, "tutorial/source.md").read_text(encoding="utf-8")
    assert "ops.take" in source and "add_weight" in source and "ops.ones" in source


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", all_pages())
def test_language_switch_lands_on_the_same_page(site: Path, lang: str, page: str) -> None:
    path = page_html(site, lang, page)
    links = [
        a
        for tag, a in tags(path.read_text(encoding="utf-8"))
        if tag == "a" and "md-select__link" in (a.get("class") or "")
    ]
    assert {a["hreflang"] for a in links} == set(LANGS)
    for a in links:
        base = "http://x/" + path.relative_to(site).as_posix()
        target = urlparse(urljoin(base, a["href"])).path.lstrip("/")
        target_file = site / (target + "index.html" if target.endswith("/") or not target else target)
        assert target_file == page_html(site, a["hreflang"], page), (a["href"], target_file)


def _external(url: str | None) -> bool:
    return (bool(url) and urlparse(url).scheme in {"http", "https"}) or (url or "").startswith("//")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", all_pages())
def test_nothing_is_loaded_from_another_host(site: Path, lang: str, page: str) -> None:
    """Links to other sites are fine; fonts, scripts, styles and images must be local."""
    for tag, attrs in tags(page_html(site, lang, page).read_text(encoding="utf-8")):
        if tag == "link" and attrs.get("rel") not in ("canonical", "alternate"):
            assert not _external(attrs.get("href")), attrs
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"}:
            assert not _external(attrs.get("src")), attrs


def test_stylesheets_import_nothing_remote(site: Path) -> None:
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), css
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, css


def test_chinese_search_index_is_segmented(site: Path) -> None:
    index = json.loads((site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert "\\u200b" in index["config"]["separator"]
    text = " ".join(doc["text"] for doc in index["docs"])
    # jieba puts a zero-width space between words, so the client can split them
    words = set(re.split(r"[\s\u200b]+", text))
    assert {"初始化器", "权重"} <= words, "jieba did not segment the Chinese text"


def test_english_search_index_has_the_english_pages(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "tutorial/one-hot/" in locations
    assert not any(loc.startswith("zh/") for loc in locations)


@pytest.mark.parametrize("theme", ["material", "zensical"])
def test_the_language_switcher_stand_in_matches_the_theme(theme: str) -> None:
    """The staged configs set `extra.alternate: true` (docsite/stage.py), relying on two lines of
    both renderers' templates: the header shows the switcher when `extra.alternate` is truthy,
    and the page head writes hreflang links only when it is iterable. An upgrade that changes
    either must fail here, not on the site."""
    templates = Path(importlib.import_module(theme).__file__).parent / "templates"
    assert "{% if config.extra.alternate %}" in (templates / "partials/header.html").read_text(encoding="utf-8")
    assert "{% if config.extra.alternate is iterable %}" in (templates / "base.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", [lang.code for lang in i18n.languages()])
def test_the_404_page_and_the_notebook_copy_notice_speak_the_page_language(site: Path, lang: str) -> None:
    words = i18n.language(lang).strings
    prefix = site / i18n.language(lang).prefix
    assert soup(prefix / "404.html").select_one("article h1").get_text() == words["not_found"]
    notebook = (prefix / "notebooks" / "tutorial" / "index.html").read_text(encoding="utf-8")
    buttons = [attrs for tag, attrs in tags(notebook) if tag == "clipboard-copy"]
    assert buttons and all(set(attrs) == {"for", "aria-label"} for attrs in buttons), buttons[:1]
    assert all(attrs["aria-label"] == words["copy"] for attrs in buttons)
    notices = [n.get_text() for n in soup(prefix / "notebooks" / "tutorial" / "index.html").select("span.notice")]
    assert notices and set(notices) == {words["copied"]}
