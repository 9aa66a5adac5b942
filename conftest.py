"""Refuse to run the page checks against missing or stale built pages.

pytest-codeblocks reads `.cache/pages/<lang>/...md`, the pages as the last build rendered
them with includes expanded. If those are missing or older than the sources, a plain
`pytest` would test the wrong thing or nothing; stop and say how to fix it instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from docsite import i18n, pages
from docsite.snippet import ROOT, SNIPPETS_DIR

EXPANDED = ROOT / ".cache" / "pages"


def stale_or_missing_pages() -> list[str]:
    problems = []
    for lang in i18n.LANGUAGES:
        for page in sorted(i18n.pages(lang.code)):
            source = (i18n.DOCS / lang.code / page).read_text(encoding="utf-8")
            built = EXPANDED / lang.code / page
            expected = pages.FINGERPRINT_LINE.format(pages.fingerprint(source, SNIPPETS_DIR))
            if not built.exists():
                problems.append(f"docs/{lang.code}/{page}: never built")
            elif built.read_text(encoding="utf-8").split("\n", 1)[0] != expected:
                problems.append(f"docs/{lang.code}/{page}: changed since the last build")
    return problems


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return  # a hand-picked subset: the user knows what they run
    problems = stale_or_missing_pages()
    if problems:
        raise pytest.UsageError(
            "The built pages that pytest-codeblocks checks are not current; run `make test` "
            "(or `make build` before `pytest`):\n  " + "\n  ".join(problems)
        )
    blocks = [i for i in items if EXPANDED in Path(str(i.path)).parents]
    expected = sum(
        len(pages.find_includes((i18n.DOCS / lang.code / p).read_text(encoding="utf-8"), p))
        for lang in i18n.LANGUAGES
        for p in i18n.pages(lang.code)
    )
    if len(blocks) != expected:
        raise pytest.UsageError(f"pytest-codeblocks collected {len(blocks)} code blocks, the pages include {expected}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Run each page's code block in an empty folder, as a reader would: snippets that save
    figures must not write into the repository."""
    if EXPANDED not in Path(str(item.path)).parents:
        return (yield)
    previous = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="codeblock-") as folder:
        os.chdir(folder)
        try:
            return (yield)
        finally:
            os.chdir(previous)
