from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from docsite import render, stage
from docsite.snippet import ROOT
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, MISSING_CHROMIUM, PHONE, Tab, open_tab, serve


@pytest.fixture(scope="session")
def site() -> Path:
    """The published site: the folder `make build` rendered (DOCSITE_SITE, default site/), checked
    to be the rendering of the current stage, itself checked against the sources and its manifest.
    Nothing is built here: the tests read what was published."""
    folder = (ROOT / os.environ.get("DOCSITE_SITE", "site")).resolve()
    problems = stage.problems()
    record = render.rendered().get(str(folder))
    if not folder.is_dir() or record is None:
        problems.append(f"{folder}: no site rendered there")
    elif not problems and record["manifest"] != render.manifest_digest():
        problems.append(f"{folder}: rendered from an earlier stage")
    if problems:
        pytest.fail("run `make build` first; the published site is not current:\n  " + "\n  ".join(problems), False)
    return folder


# The browser tests' shared browser and server (tests/test_browser.py, tests/test_interactive.py).
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(browser: Browser, site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A desktop tab that prefers light colours and may use the clipboard."""
    yield from open_tab(
        browser, base_url, viewport=DESKTOP, color_scheme="light", permissions=["clipboard-read", "clipboard-write"]
    )


@pytest.fixture(scope="module")
def phone_tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    yield from open_tab(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
