"""Collect the staged pages' code blocks with pytest-codeblocks, and guard the run.

pytest-codeblocks runs the code blocks of `.cache/stage/<lang>/docs/**.md`: the very pages the
renderer publishes, not a second rendering. It collects a fence only when its info string is
exactly `python`, and a published code fence also carries the file name as a title
(```` ```python title="lookup.py" ````), so the pages are read through
`pages.without_code_titles`, which drops that title in memory (the line numbers stay those of
the staged file); pytest-codeblocks' own parser and test item do the rest.

Before any block runs, the stage must be current (made from the sources as they are now) and
whole (every staged file as the stage wrote it, by the sha256 in its manifest): otherwise
the run stops, naming the files, and says how to fix it.

A code block runs inside this process, so it could end the whole run (`os._exit(0)`) with a
green exit status: `os._exit` raises inside a block instead, and the session writes
`.cache/test-run.json` with how many blocks reported an outcome, which `tests/verify_run.py`
(run by `make test`) compares with the number collected.
"""

from __future__ import annotations

import functools
import io
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_buffer
from pytest_codeblocks.plugin import TestBlock

from docsite import i18n, pages, stage
from docsite.snippet import ROOT, discover
from docsite.stage import STAGE_DIR

RUN_RECORD = ROOT / ".cache" / "test-run.json"
_reported: set[str] = set()  # code blocks that reached an outcome in this session
_collected: set[str] = set()  # code blocks collected


class StagedPage(pytest.File):
    """A staged page, collected as pytest-codeblocks collects a markdown file."""

    def collect(self):
        for block in extract_from_buffer(io.StringIO(pages.without_code_titles(self.path.read_text(encoding="utf-8")))):
            if block.syntax != "python":
                continue
            item = TestBlock.from_parent(parent=self, name=f"line {block.lineno}")
            item.obj = block
            for mark in block.marks:  # as pytest-codeblocks evaluates them
                item.add_marker(eval(mark, {"sys": sys, "pytest": pytest}))
            yield item


def _is_staged_page(path: Path) -> bool:
    try:
        parts = path.resolve().relative_to(STAGE_DIR).parts
    except ValueError:
        return False
    return len(parts) > 2 and parts[1] == "docs" and path.suffix == ".md"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if _is_staged_page(file_path):
        return StagedPage.from_parent(parent, path=file_path)
    return None


def _is_block(item: pytest.Item) -> bool:
    return isinstance(item, TestBlock) and _is_staged_page(Path(str(item.path)))


def expected_blocks() -> int:
    """Code blocks the pages hold: one per snippet include, in every language."""
    return sum(
        len(pages.find_includes((i18n.DOCS / lang.code / p).read_text(encoding="utf-8"), p))
        for lang in i18n.languages()
        for p in i18n.pages(lang.code)
    )


def _every_page(config: pytest.Config) -> bool:
    """Whether this run covers every staged page (not a hand-picked subset)."""
    return config.args_source == pytest.Config.ArgsSource.TESTPATHS or any(
        Path(arg).resolve() == STAGE_DIR for arg in config.args
    )


def _is_worker(config: pytest.Config) -> bool:
    """A pytest-xdist worker: the controller checks the stage and keeps the run record."""
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    if _is_worker(config) or not _every_page(config):
        return  # a hand-picked subset: the user knows what they run
    problems = stage.problems()
    if problems:
        raise pytest.UsageError(
            "The staged site the tests read is not current; run `make test` (or `make build` before "
            "`pytest`), which stages it again and repairs it:\n  " + "\n  ".join(problems)
        )


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    _collect([i.nodeid for i in items if _is_block(i)], config)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """Under pytest-xdist the controller collects nothing itself: each worker reports its ids."""
    _collect([i for i in ids if _is_staged_page(ROOT / i.split("::")[0])], node.config)


def _collect(blocks: list[str], config: pytest.Config) -> None:
    _collected.clear()
    _collected.update(blocks)
    expected = expected_blocks()
    if _every_page(config) and len(_collected) != expected:
        raise pytest.UsageError(
            f"pytest-codeblocks collected {len(_collected)} code blocks, the pages include {expected}"
        )


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
    if report.nodeid in _collected and (report.when == "call" or report.skipped):
        _reported.add(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Written last: its absence means the run never got here."""
    if _is_worker(session.config):
        return
    record = {"exitstatus": int(exitstatus), "blocks_reported": len(_reported), "blocks_expected": len(_collected)}
    RUN_RECORD.parent.mkdir(parents=True, exist_ok=True)
    RUN_RECORD.write_text(json.dumps(record), encoding="utf-8")
