"""What tests/test_browser.py needs around the browser: a local server, chromium, page recorders.

The browser is Debian's chromium (`apt-get install -y chromium`), driven by Python playwright;
playwright's own browser download does not work on these machines.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response

from docsite import i18n, notebooks, pages
from docsite.snippet import ROOT
from tests.helpers import all_pages

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
MISSING_CHROMIUM = (
    f"{CHROMIUM} is missing: the browser tests need Debian's chromium. Install it with "
    "`apt-get install -y chromium` (as root; `.ci/run` does this in CI). "
    "`playwright install` does not work here."
)
CJK_FONT_PACKAGE = "fonts-wqy-microhei"
MISSING_CJK_FONT = (
    "Chinese characters are drawn as empty boxes: no font on this machine has them, so the Chinese "
    f"screenshots are unreadable. Install one with `apt-get install -y {CJK_FONT_PACKAGE}` (`.ci/run` does this)."
)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MISSING_AXE = f"{AXE} is missing: run `npm ci` in the repository root (`make test` and `.ci/run` do this)."
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# Material's copy button: `button.md-clipboard` up to 9.6, `nav.md-code__nav > button[data-md-type=copy]` since.
COPY_BUTTON = "button.md-clipboard, button.md-code__button[data-md-type='copy']"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A tab closed mid-response (the tests close pages as soon as they have checked them).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 on a free port in a background thread; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def site_pages() -> list[str]:
    """Every page of the site: the markdown pages (tests.helpers.all_pages) and the notebooks the
    stage generates from them ('notebooks/tutorial.ipynb', as the nav names them)."""
    return all_pages() + [
        notebooks.NAV_URI.format(name=name) for name in sorted(notebooks.sections(i18n.primary().code))
    ]


def stem(page: str) -> str:
    """'tutorial/puzzle.md' -> 'tutorial/puzzle', 'notebooks/tutorial.ipynb' -> 'notebooks/tutorial'."""
    return str(PurePosixPath(page).with_suffix(""))


def page_path(lang: str, page: str) -> str:
    """Site-relative URL path of a page, as the site links it: 'zh/tutorial/puzzle/'."""
    stem_ = stem(page)
    rel = stem_.removesuffix("index") if stem_ == "index" or stem_.endswith("/index") else stem_ + "/"
    return i18n.language(lang).prefix + rel


def includes(lang: str, page: str) -> list[str]:
    """Snippet paths a markdown page's source includes, in order (a notebook has no such source)."""
    if not page.endswith(".md"):
        return []
    return [inc.name for inc in pages.find_includes((i18n.DOCS / lang / page).read_text(encoding="utf-8"), page)]


@dataclass
class Visit:
    """A page and everything it did on the network and the console."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    inflight: dict[Request, str] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def local(self, url: str) -> bool:
        parsed = urlparse(url)
        return parsed.scheme in {"data", "blob", "about"} or f"{parsed.scheme}://{parsed.netloc}" == self.origin

    def on_request(self, request: Request) -> None:
        self.requests.append(request.url)
        self.inflight[request] = request.url
        if not self.local(request.url):
            self.foreign.append(f"{request.resource_type} {request.url}")

    def on_finished(self, request: Request) -> None:
        self.inflight.pop(request, None)

    def on_failed(self, request: Request) -> None:
        self.inflight.pop(request, None)
        # net::ERR_ABORTED is the browser giving a request up, never the server failing it: a
        # <picture> source it no longer needs, or what the previous page still had under way
        # (its favicon, its search worker's scripts) when the test navigated. A missing or
        # broken file shows up as an HTTP error in on_response, and a request to another host
        # is recorded in `foreign`.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            loc = message.location
            self.console_errors.append(f"{message.text} ({loc.get('url')}:{loc.get('lineNumber')})")

    def on_page_error(self, error: Exception) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def settle(self, quiet: float = 0.1, timeout: float = 15) -> None:
        """Wait until the search worker is ready (it has fetched its index and language scripts)
        and no request has been under way for `quiet` seconds: `networkidle`, with a shorter wait."""
        self.page.wait_for_function(SEARCH_READY_JS, timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        seen, last = len(self.requests), time.monotonic()
        while time.monotonic() - last < quiet:
            assert time.monotonic() < deadline, f"requests still under way: {sorted(self.inflight.values())}"
            self.page.wait_for_timeout(25)
            if self.inflight or len(self.requests) != seen:
                seen, last = len(self.requests), time.monotonic()


def block_other_hosts(context: BrowserContext, base: str) -> None:
    """Abort every request to another host (tests record them); nothing leaves the machine."""
    origin = base.rstrip("/")

    def foreign(url: str) -> bool:
        parsed = urlparse(url)
        return parsed.scheme in {"http", "https", "ws", "wss"} and f"{parsed.scheme}://{parsed.netloc}" != origin

    context.route(foreign, lambda route: route.abort("blockedbyclient"))


class Tab:
    """One tab of a browser context, reused for every page a test opens in that context.

    A new tab per page costs more than loading the page; each `open` starts a fresh `Visit`.
    """

    def __init__(self, context: BrowserContext, base: str) -> None:
        self.context = context
        self.base = base
        self.page = context.new_page()
        self.current = Visit(self.page, base.rstrip("/"))
        self.page.on("request", lambda r: self.current.on_request(r))
        self.page.on("requestfinished", lambda r: self.current.on_finished(r))
        self.page.on("requestfailed", lambda r: self.current.on_failed(r))
        self.page.on("response", lambda r: self.current.on_response(r))
        self.page.on("console", lambda m: self.current.on_console(m))
        self.page.on("pageerror", lambda e: self.current.on_page_error(e))

    def open(self, path: str, wait_until: str = "load") -> Visit:
        """Load `base + path`; what the page does from then on is recorded in the returned Visit."""
        # Leave the last page first, so that nothing it still had under way is counted for this one.
        self.page.goto("about:blank")
        self.current = Visit(self.page, self.base.rstrip("/"))
        response = self.page.goto(self.base + path, wait_until=wait_until)  # type: ignore[arg-type]
        assert response is not None and response.ok, f"{self.base + path}: {response and response.status}"
        return self.current


# Material's search says "type to start searching" once its worker is ready (no search box: nothing to wait for).
SEARCH_READY_JS = """
() => {
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta) return true;
  const config = JSON.parse(document.getElementById("__config").textContent);
  return meta.textContent.trim() === config.translations["search.result.placeholder"];
}
"""

# Make a code block visible: open the collapsed <details> and select the content tabs it is in, outermost first.
# Returns the labels to click (tabs) and summaries (details) as CSS selectors, in order.
REVEAL_JS = """
(code) => {
  const steps = [];
  for (let el = code; el; el = el.parentElement) {
    if (el.matches("details:not([open])")) {
      el.id ||= "__reveal_" + Math.random().toString(36).slice(2);
      steps.unshift("#" + el.id + " > summary");
    }
    if (el.matches(".tabbed-block")) {
      const index = [...el.parentElement.children].indexOf(el);
      const input = el.closest(".tabbed-set").querySelectorAll(":scope > input")[index];
      steps.unshift('label[for="' + input.id + '"]');
    }
  }
  return steps;
}
"""

# Code blocks as the reader sees them: title, whether it is an output, whether a copy button
# is there, and whether a block wider than its box shows a cue that it scrolls (extra.css).
CODE_BLOCKS_JS = r"""
(copyButton) => [...document.querySelectorAll("pre > code")].map(code => {
  const pre = code.parentElement;
  const highlight = pre.closest(".highlight");
  const title = highlight && highlight.querySelector(":scope > .filename");
  const style = getComputedStyle(code);
  return {
    title: title ? title.textContent.trim() : null,
    output: !!highlight && highlight.classList.contains("docsite-output"),
    buttons: pre.querySelectorAll(copyButton).length,
    scrolls: code.scrollWidth > code.clientWidth + 1,
    cue: style.backgroundImage.includes("radial-gradient") && ["auto", "scroll"].includes(style.overflowX),
    directive: /^\s*#\s*docs:/m.test(code.textContent),
  };
})
"""

# The smallest text in each build-time figure, in CSS pixels as drawn: font sizes in the SVG
# are in its viewBox units, scaled by the width the image is shown at.
FIGURE_TEXT_JS = r"""
async () => Promise.all([...document.querySelectorAll(".docsite-figure img")].map(async img => {
  const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), "image/svg+xml");
  const units = parseFloat(svg.documentElement.getAttribute("viewBox").split(/\s+/)[2]);
  const size = t => (t.closest("[style*='font-size']")?.getAttribute("style") || "").match(/font-size:\s*([\d.]+)/);
  const sizes = [...svg.querySelectorAll("text")].map(size).filter(m => m).map(m => parseFloat(m[1]));
  return { src: img.currentSrc, smallest: Math.min(...sizes) * img.clientWidth / units };
}))
"""

# How many of the characters look different when drawn in the page's font: a missing glyph is the same box.
DISTINCT_GLYPHS_JS = """
(text) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 48;
  const ctx = canvas.getContext("2d");
  ctx.font = "32px " + getComputedStyle(document.body).fontFamily;
  const draw = ch => { ctx.clearRect(0, 0, 48, 48); ctx.fillText(ch, 4, 36); return canvas.toDataURL(); };
  return new Set([...text].map(draw)).size;
}
"""

AXE_JS = """
async (rules) => {
  const options = { resultTypes: ["violations"] };
  if (rules) options.runOnly = { type: "rule", values: rules };
  const result = await axe.run(document, options);
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(" "), html: n.html.slice(0, 300), summary: n.failureSummary })),
    }));
}
"""

# Elements that stick out to the right of the viewport: what makes a page scroll sideways.
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return [...document.body.querySelectorAll("*")]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 0.5)
    .slice(0, 10)
    .map(el => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
}
"""


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {node['html']}")
            lines.append("        " + (node["summary"] or "").replace("\n", "\n        "))
    return "\n".join(lines)


DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
SCHEME = "document.body.dataset.mdColorScheme"
PALETTE_TOGGLE = 'form[data-md-component="palette"] label:not([hidden])'


def open_tab(browser: Browser, base_url: str, **options) -> Iterator[Tab]:
    """A browser context with one tab, allowed to reach the local server only."""
    # No animations: clicks need not wait for menus to settle, and screenshots never catch one midway.
    context = browser.new_context(reduced_motion="reduce", **options)
    context.set_default_timeout(15_000)
    block_other_hosts(context, base_url)
    yield Tab(context, base_url)
    context.close()


def axe(p: Page, where: str, rules: list[str] | None = None) -> None:
    """axe-core's rules (or only `rules`) on the page as it is; fails on serious and critical violations."""
    if not AXE.exists():
        pytest.fail(MISSING_AXE, pytrace=False)
    if not p.evaluate("typeof axe !== 'undefined'"):
        p.add_script_tag(path=AXE)
    violations = p.evaluate(AXE_JS, rules)
    assert not violations, f"axe-core: serious or critical violations on {where}:\n" + format_violations(violations)
