from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from docsite.snippet import ROOT
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, MISSING_CHROMIUM, PHONE, Tab, open_tab, serve


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both languages built with `mkdocs build --strict` (snippet results come from the cache)."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return out


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
