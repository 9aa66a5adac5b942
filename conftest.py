"""Guard the run of the pages' code blocks (pytest-codeblocks).

pytest-codeblocks reads `.cache/pages/<lang>/...md`, the pages as the last build rendered
them with includes expanded. If those are missing or older than the sources, a plain
`pytest` would test the wrong thing or nothing; stop and say how to fix it instead.

It also `exec`s every block inside this process, so a block could end the whole run
(`os._exit(0)`) with a green exit status: `os._exit` raises inside a block instead, and the
session writes `.cache/test-run.json` with how many blocks reported an outcome, which
`tests/verify_run.py` (run by `make test`) compares with the number collected; for a full
run, collection itself has checked that this is the number the pages hold.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path

import pytest

from docsite import i18n, pages
from docsite.snippet import ROOT, SNIPPETS_DIR, discover

EXPANDED = ROOT / ".cache" / "pages"
RUN_RECORD = ROOT / ".cache" / "test-run.json"
_reported: set[str] = set()  # code blocks that reached an outcome in this session
_collected: list[str] = []  # code blocks collected


def _is_block(item: pytest.Item) -> bool:
    return EXPANDED in Path(str(item.path)).parents


def expected_blocks() -> int:
    """Code blocks the pages hold: one per snippet include, in every language."""
    return sum(
        len(pages.find_includes((i18n.DOCS / lang.code / p).read_text(encoding="utf-8"), p))
        for lang in i18n.languages()
        for p in i18n.pages(lang.code)
    )


def stale_or_missing_pages() -> list[str]:
    problems = []
    for lang in i18n.languages():
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
    _collected[:] = [i.nodeid for i in items if _is_block(i)]
    every_page = config.args_source == pytest.Config.ArgsSource.TESTPATHS or any(
        Path(arg).resolve() == EXPANDED for arg in config.args
    )
    if not every_page:
        return  # a hand-picked subset: the user knows what they run
    problems = stale_or_missing_pages()
    if problems:
        raise pytest.UsageError(
            "The built pages that pytest-codeblocks checks are not current; run `make test` "
            "(or `make build` before `pytest`):\n  " + "\n  ".join(problems)
        )
    blocks = [i for i in items if _is_block(i)]
    expected = expected_blocks()
    if len(blocks) != expected:
        raise pytest.UsageError(f"pytest-codeblocks collected {len(blocks)} code blocks, the pages include {expected}")


@functools.cache  # read once per session, not once per code block
def _snippets_reading_data() -> list:
    return [snippet for snippet in discover() if snippet.reads]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Run each page's code block in an empty folder, as a reader would: snippets that save
    figures must not write into the repository. The folder holds the data files snippets
    `read` (a block does not say which snippet it came from; their names do not clash)."""
    if not _is_block(item):
        return (yield)

    def no_exit(code: int) -> None:
        raise RuntimeError(f"the code block called os._exit({code}), which would end the whole test run")

    previous, real_exit = os.getcwd(), os._exit
    with tempfile.TemporaryDirectory(prefix="codeblock-") as folder:
        for snippet in _snippets_reading_data():
            snippet.copy_data(Path(folder))
        os.chdir(folder)
        os._exit = no_exit
        try:
            return (yield)
        finally:
            os._exit = real_exit
            os.chdir(previous)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if EXPANDED.as_posix() in Path(report.fspath).resolve().as_posix() and (report.when == "call" or report.skipped):
        _reported.add(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Written last: its absence means the run never got here."""
    record = {"exitstatus": int(exitstatus), "blocks_reported": len(_reported), "blocks_expected": len(_collected)}
    RUN_RECORD.parent.mkdir(parents=True, exist_ok=True)
    RUN_RECORD.write_text(json.dumps(record), encoding="utf-8")
