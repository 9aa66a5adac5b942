"""The built site in a real browser, every page in both languages.

Debian's chromium (`apt-get install -y chromium`) driven by playwright, against the site
built by `mkdocs build --strict` and served from 127.0.0.1. Without chromium these tests fail
(they are never skipped). Full-page screenshots of every page go to test-artifacts/screenshots/.

To stay fast: one browser for the file, one tab per kind of browser context, and each page is
loaded once on the desktop for all the checks that can share that load (pytest runs the tests
of one page together because `shown` is a module-scoped fixture parametrized by page).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from docsite import comments, i18n
from docsite.snippet import load
from tests.browser_support import (
    CODE_BLOCKS_JS,
    COPY_BUTTON,
    DESKTOP,
    DISTINCT_GLYPHS_JS,
    FIGURE_TEXT_JS,
    MISSING_CJK_FONT,
    OVERFLOW_JS,
    PALETTE_TOGGLE,
    REVEAL_JS,
    SCHEME,
    SCREENSHOTS,
    Tab,
    Visit,
    axe,
    includes,
    open_tab,
    page_path,
    site_pages,
    stem,
)

pytestmark = pytest.mark.browser

LANGS = [lang.code for lang in i18n.languages()]
PAGES = [(lang, page) for lang in LANGS for page in site_pages()]
PAGE_IDS = [f"{lang}:{stem(page)}" for lang, page in PAGES]
SENTINEL = "clipboard before the click"


# --- one browser, one server, a few contexts with a tab each -----------------------------------


@pytest.fixture(scope="module")
def other_tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A second desktop tab, for tests that are not about one page (so they leave `tab` alone)."""
    yield from open_tab(browser, base_url, viewport=DESKTOP, color_scheme="light")


@pytest.fixture(scope="module")
def screenshots(request: pytest.FixtureRequest) -> Iterator[Path]:
    for old in SCREENSHOTS.rglob("*.png"):
        old.unlink()
    yield SCREENSHOTS
    taken = sorted(SCREENSHOTS.rglob("*.png"))
    reporter = request.config.pluginmanager.getplugin("terminalreporter")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if reporter and capture and taken:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nbrowser tests: {len(taken)} full-page screenshots in {SCREENSHOTS}/")


@dataclass
class Shown:
    """A page loaded once in the desktop tab; `load` holds what it did while loading."""

    lang: str
    name: str
    tab: Tab
    load: Visit

    def __repr__(self) -> str:  # what a failing test shows for the fixture
        return f"Shown(/{self.path})"

    @property
    def path(self) -> str:
        return page_path(self.lang, self.name)

    def page(self) -> Page:
        """The page in the tab, loaded again if an earlier test went elsewhere."""
        if self.tab.page.url != self.tab.base + self.path:
            self.tab.open(self.path).settle()
        return self.tab.page


@pytest.fixture(scope="module", params=PAGES, ids=PAGE_IDS)
def shown(request: pytest.FixtureRequest, tab: Tab) -> Shown:
    lang, name = request.param
    visit = tab.open(page_path(lang, name))
    visit.settle()
    return Shown(lang, name, tab, visit)


# --- every page, in the order they run for each page ------------------------------------------


def test_page_loads_from_this_server_without_errors_screenshot(shown: Shown, base_url: str, screenshots: Path) -> None:
    """Every request (fonts, scripts, the search worker and its index) goes to this server and
    succeeds, and nothing is logged as an error. Also writes test-artifacts/screenshots/<lang>/<page>.png."""
    shot = screenshots / shown.lang / (stem(shown.name) + ".png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    shown.page().screenshot(path=shot, full_page=True)
    print(f"screenshot: {shot}")
    v = shown.load
    assert not v.foreign, "requests to another host:\n  " + "\n  ".join(v.foreign)
    assert not v.failed, "failed requests:\n  " + "\n  ".join(v.failed)
    assert not v.console_errors, "console errors:\n  " + "\n  ".join(v.console_errors)
    # What the page fetches after loading went through the same recorder.
    prefix = base_url + i18n.language(shown.lang).prefix
    assert any(url.startswith(prefix + "assets/javascripts/workers/search.") for url in v.requests), v.requests
    assert prefix + "search/search_index.json" in v.requests, v.requests
    assert shot.stat().st_size > 10_000, f"{shot} looks empty"


def test_no_serious_accessibility_violations_light(shown: Shown) -> None:
    p = shown.page()
    assert p.evaluate(SCHEME) == "default"
    axe(p, f"/{shown.path} (light)")


def test_copy_buttons_copy_the_snippet_file_and_the_output_shown(shown: Shown) -> None:
    lang, names = shown.lang, includes(shown.lang, shown.name)
    p = shown.page()
    errors_before = len(shown.tab.current.console_errors)
    blocks = p.evaluate(CODE_BLOCKS_JS, COPY_BUTTON)
    titles = [b["title"] for b in blocks if b["title"] is not None and not b["output"]]
    assert [t.split(" ")[0] for t in titles] == [Path(name).name for name in names], "titles do not follow the includes"
    assert all(b["title"].startswith(i18n.language(lang).strings["output"]) for b in blocks if b["output"])
    assert sum(b["output"] for b in blocks) == len(names), "one output per snippet"
    assert not any(b["directive"] for b in blocks), "a '# docs:' directive is shown on the page"
    hidden = [b["title"] for b in blocks if b["scrolls"] and not b["cue"]]
    assert not hidden, f"blocks cut at the edge with no cue that they scroll: {hidden}"
    snippets = iter(names)
    for i, block in enumerate(blocks):
        assert block["buttons"] == 1, f"code block {i} ({block['title']}) has {block['buttons']} copy buttons"
        code = p.locator("pre > code").nth(i)
        for step in code.evaluate(REVEAL_JS):  # inside a content tab or a collapsed <details>
            p.locator(step).click()
        p.evaluate("text => navigator.clipboard.writeText(text)", SENTINEL)
        code.locator("xpath=..").locator(COPY_BUTTON).click()
        copied = SENTINEL
        deadline = time.monotonic() + 5
        while copied == SENTINEL and time.monotonic() < deadline:
            copied = p.evaluate("navigator.clipboard.readText()")
        if block["title"] is None or block["output"]:
            what, expected = f"the text shown in code block {i} ({block['title']})", code.inner_text()
        else:  # the snippet as a reader runs it: no build directives, comments in the page's language
            name = next(snippets)
            what, expected = (
                f"snippets/{name}",
                comments.localized(load(name), i18n.language(lang).strings["code_comments"]),
            )
        assert copied != SENTINEL, f"the copy button of {what} put nothing on the clipboard"
        assert copied.rstrip() == expected.rstrip(), f"the copy button did not copy {what} exactly"
        assert expected.startswith(copied), f"the copy button added trailing whitespace to {what}"
    assert not shown.tab.current.console_errors[errors_before:], shown.tab.current.console_errors


def _luminance(css_color: str) -> float:
    r, g, b = (int(x) for x in css_color[css_color.index("(") + 1 : css_color.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_light_and_dark_palettes_both_render(shown: Shown) -> None:
    p = shown.page()
    errors_before = len(shown.tab.current.console_errors)
    background = "getComputedStyle(document.body).backgroundColor"
    try:
        assert p.evaluate(SCHEME) == "default"
        light = p.evaluate(background)
        p.locator(PALETTE_TOGGLE).click()
        p.wait_for_function(f"{SCHEME} === 'slate'")
        dark = p.evaluate(background)
        assert _luminance(light) > 0.8 and _luminance(dark) < 0.3, f"light {light}, dark {dark}"
        p.locator(PALETTE_TOGGLE).click()
        p.wait_for_function(f"{SCHEME} === 'default'")
        assert p.evaluate(background) == light
    finally:
        p.evaluate("localStorage.clear()")  # Material stores the choice; the next page starts from the preference
    assert not shown.tab.current.console_errors[errors_before:], shown.tab.current.console_errors


def test_no_serious_accessibility_violations_dark(shown: Shown) -> None:
    p = shown.page()
    try:
        if p.evaluate(SCHEME) != "slate":
            p.locator(PALETTE_TOGGLE).click()
            p.wait_for_function(f"{SCHEME} === 'slate'")
        # Only colours change with the palette: the rules about colour, on the page in dark colours.
        axe(p, f"/{shown.path} (dark)", rules=["color-contrast", "link-in-text-block"])
    finally:  # back to the light palette for whatever runs next
        if p.evaluate(SCHEME) == "slate":
            p.locator(PALETTE_TOGGLE).click()
            p.wait_for_function(f"{SCHEME} === 'default'")
        p.evaluate("localStorage.clear()")


def test_language_switcher_lands_on_the_same_page(shown: Shown, base_url: str) -> None:
    """Runs last for each page: it leaves the page."""
    for other in (code for code in LANGS if code != shown.lang):
        p = shown.page()
        links = p.locator("a.md-select__link[hreflang]")
        assert sorted(links.evaluate_all("els => els.map(a => a.hreflang)")) == sorted(LANGS)
        p.locator(".md-header .md-select").hover()
        with p.expect_navigation():
            p.locator(f'a.md-select__link[hreflang="{other}"]').click()
        assert p.url == base_url + page_path(other, shown.name)
        assert p.locator("html").get_attribute("lang") == other
        assert not shown.tab.current.console_errors, shown.tab.current.console_errors


@pytest.mark.parametrize(("lang", "page"), PAGES, ids=PAGE_IDS)
def test_phone_viewport_has_no_sideways_scroll(phone_tab: Tab, lang: str, page: str) -> None:
    p = phone_tab.open(page_path(lang, page)).page
    scroll_width, width = p.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= width, (
        f"the page is {scroll_width}px wide on a {width}px screen; sticking out: {p.evaluate(OVERFLOW_JS)}"
    )
    hidden = [b["title"] for b in p.evaluate(CODE_BLOCKS_JS, COPY_BUTTON) if b["scrolls"] and not b["cue"]]
    assert not hidden, f"blocks cut at the edge with no cue that they scroll: {hidden}"
    for figure in p.evaluate(FIGURE_TEXT_JS):
        assert figure["smallest"] >= 10, f"text of {figure['src']} is {figure['smallest']:.1f}px on a phone"


# --- the site as a whole ----------------------------------------------------------------------


def test_chinese_text_is_drawn_with_a_font_that_has_it(other_tab: Tab) -> None:
    """Otherwise every Chinese character is the same empty box in the browser and the screenshots."""
    p = other_tab.open(i18n.language("zh").prefix).page
    chars = "权重嵌入初始化器"
    assert p.evaluate(DISTINCT_GLYPHS_JS, chars) == len(chars), MISSING_CJK_FONT


def test_chinese_text_is_drawn_by_a_font_the_page_names(other_tab: Tab) -> None:
    """The font that draws the Han characters is in the page's own font-family list: left to
    the system's per-character fallback, a Chinese page took twice the layout time of an
    English one (benchmarks/README.md)."""
    p = other_tab.open(i18n.language("zh").prefix + "deeper/cost/").page
    named = p.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily")
    cdp = p.context.new_cdp_session(p)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article p"})["nodeId"]
    drawn = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    cdp.detach()
    han = [family for family in drawn if family.startswith(("WenQuanYi", "Noto Sans CJK"))]
    assert han, f"no Chinese font drew the paragraph (fonts used: {drawn}); {MISSING_CJK_FONT}"
    assert all(f'"{family}"' in named for family in han), f"{han} drew it but the page names only: {named}"


SEARCHES = [
    ("en", "one-hot", "tutorial/one-hot/"),
    ("zh", "嵌入", None),
    ("zh", "权重", "tutorial/weights/"),
    ("zh", "初始化", None),
    ("en", "GloVe", "questions/pretrained-file/"),
    ("zh", "预训练词向量", "questions/pretrained-file/"),
    ("en", "ReversibleEmbedding", "questions/sharing/"),
    ("zh", "ReversibleEmbedding", "questions/sharing/"),
    ("zh", "共享", "questions/sharing/"),
    ("en", "quantize", "questions/large-tables/"),
    ("en", "LoRA", "questions/large-tables/"),
    ("zh", "LoRA", "questions/large-tables/"),
    ("zh", "内存", "questions/large-tables/"),
    ("en", "mask_zero", "questions/masking/"),
    ("zh", "掩码", "questions/masking/"),
    ("en", "trainable", "questions/fine-tuning/"),
    ("zh", "微调", "questions/fine-tuning/"),
    ("en", "one-hot", "questions/why-embeddings/"),
    ("zh", "one-hot", "questions/why-embeddings/"),  # the glossary term (独热 is avoided)
    ("en", "output_dim", "questions/output-dim/"),
    ("zh", "维度", "questions/output-dim/"),
    ("en", "input_dim", "questions/input-dim/"),
    ("zh", "input_dim", "questions/input-dim/"),
]


@pytest.mark.parametrize(("lang", "query", "expected"), SEARCHES, ids=[f"{s[0]}:{s[1]}" for s in SEARCHES])
def test_search_finds_pages(other_tab: Tab, base_url: str, lang: str, query: str, expected: str | None) -> None:
    prefix = i18n.language(lang).prefix
    v = other_tab.open(prefix)
    v.settle()  # the search worker has its index
    box = v.page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    # Material searches on keyup, which typing (IME input included) ends with; fill() presses no key.
    box.press("End")
    try:
        v.page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    except Exception:
        meta = v.page.locator(".md-search-result__meta").inner_text()
        pytest.fail(f"searching {query!r} on /{prefix} shows no result: {meta!r}", pytrace=False)
    links = v.page.locator(".md-search-result__link").evaluate_all("els => els.map(a => a.href)")
    pages = {link.split("?")[0].split("#")[0].removeprefix(base_url) for link in links}
    for found in pages:
        assert found.startswith(prefix) and (lang != "en" or not found.startswith("zh/")), f"{found} is not /{prefix}"
    if expected:
        assert prefix + expected in pages, f"searching {query!r} did not find /{prefix}{expected}: {sorted(pages)}"
    assert not v.console_errors, v.console_errors
