"""Faults injected into a copy of the project: each stops the build with a clear message
naming the file, or is recovered from, and never leaves a wrong output behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docsite import copy_project
from docsite.snippet import ROOT
from tests.helpers import LANGS, build

pytestmark = pytest.mark.slow  # each test builds a copy of the project

PAGE = "docs/{lang}/tutorial/puzzle.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The site's sources in a temporary folder, with the snippet cache warm."""
    return copy_project(tmp_path / "project", warm=True)


def add_snippet(project: Path, name: str, code: str) -> None:
    (project / "snippets" / name).write_text(code, encoding="utf-8")
    for lang in LANGS:
        page = project / PAGE.format(lang=lang)
        page.write_text(page.read_text(encoding="utf-8") + f'\n```python\n--8<-- "{name}"\n```\n', encoding="utf-8")


def test_a_raising_snippet_stops_the_build_with_its_traceback(project: Path) -> None:
    add_snippet(project, "boom.py", "print('ok so far')\nvalue = {}['key']\n")
    proc = build(project)
    assert proc.returncode != 0
    assert "snippets/boom.py: failed:" in proc.stderr
    assert 'File "boom.py", line 2, in <module>' in proc.stderr and "KeyError: 'key'" in proc.stderr
    assert not (project / "out" / "tutorial").exists(), "no page may be written when a snippet fails"


def test_a_hanging_snippet_is_stopped_and_reported(project: Path) -> None:
    add_snippet(project, "hang.py", "# docs: timeout=2\nimport time\ntime.sleep(600)\n")
    started = time.monotonic()
    proc = build(project)
    assert proc.returncode != 0 and time.monotonic() - started < 120
    assert "snippets/hang.py: stopped after 2 s" in proc.stderr


def test_a_declared_error_that_does_not_happen_stops_the_build(project: Path) -> None:
    add_snippet(project, "calm.py", "# docs: raises=ValueError\nprint('fine')\n")
    proc = build(project)
    assert proc.returncode != 0
    assert "snippets/calm.py: is declared to raise ValueError" in proc.stderr


def test_a_missing_include_names_page_and_line(project: Path) -> None:
    page = project / PAGE.format(lang="zh")
    page.write_text(page.read_text(encoding="utf-8") + '\n```python\n--8<-- "nowhere.py"\n```\n', encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").split("\n")) - 3
    proc = build(project)
    assert proc.returncode != 0
    assert f'docs/zh/tutorial/puzzle.md:{line}: includes "nowhere.py", which is not a file in snippets/' in proc.stderr


def test_a_page_missing_in_one_language_stops_the_build(project: Path) -> None:
    (project / "docs" / "en" / "extra.md").write_text("# Extra { #extra }\n", encoding="utf-8")
    proc = build(project)
    assert proc.returncode != 0
    assert "docs/en/extra.md has no translation: docs/zh/extra.md is missing" in proc.stderr


def test_inline_python_in_a_page_names_page_and_line(project: Path) -> None:
    page = project / PAGE.format(lang="en")
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join([*lines, "", "```python", "print('typed by hand')", "```", ""]), encoding="utf-8")
    proc = build(project)
    assert proc.returncode != 0
    assert f"docs/en/tutorial/puzzle.md:{len(lines) + 2}: inline Python in a page" in proc.stderr


def test_a_killed_build_leaves_no_cache_entry_and_the_next_build_recovers(project: Path) -> None:
    add_snippet(project, "slow.py", "import time\ntime.sleep(8)\nprint('slow but fine')\n")
    entries = set((project / ".cache" / "snippets").iterdir())
    proc = build(project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(6)  # the fork server is running the slow snippet
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    new = set((project / ".cache" / "snippets").iterdir()) - entries
    assert all(p.name.startswith(".tmp-") for p in new), "a killed build must not leave a cache entry"
    again = build(project)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "slow but fine" in (project / "out" / "tutorial" / "puzzle" / "index.html").read_text(encoding="utf-8")


def test_two_builds_at_once_both_succeed_and_agree(project: Path) -> None:
    add_snippet(project, "both.py", "import time\ntime.sleep(1)\nprint('built twice')\n")
    first = build(project, "one", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    second = build(project, "two", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for proc in (first, second):
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out[-3000:]
    pages = [
        (project / site / "zh" / "tutorial" / "puzzle" / "index.html").read_text(encoding="utf-8")
        for site in ("one", "two")
    ]
    assert "built twice" in pages[0] and pages[0] == pages[1]


def run_tests(project: Path, prefix: str = "") -> subprocess.CompletedProcess:
    """`pytest` on the copy's built puzzle pages (where add_snippet puts snippets), then the
    check `make test` runs after it."""
    for name in ("conftest.py", "pyproject.toml", "tests/verify_run.py"):
        (project / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, project / name)
    pages = " ".join(f".cache/pages/{lang}/tutorial/puzzle.md" for lang in LANGS)
    cmd = f"{prefix} {sys.executable} -m pytest -p no:cacheprovider {pages}; s=$?; "
    cmd += f"{sys.executable} tests/verify_run.py || exit 1; exit $s"
    return subprocess.run(["sh", "-c", cmd], cwd=project, capture_output=True, text=True, timeout=600)


def test_a_snippet_cannot_end_the_test_run_with_success(project: Path) -> None:
    """A block ending in os._exit(0) once made `make test` exit 0 with failures printed."""
    add_snippet(project, "quit.py", "import os\nprint('leaving', flush=True)\nos._exit(0)\n")
    assert build(project).returncode == 0
    proc = run_tests(project)
    assert proc.returncode != 0
    assert "called os._exit(0), which would end the whole test run" in proc.stdout
    assert "verified: all" in proc.stdout  # every other block still ran and reported


def test_a_test_run_that_dies_half_way_is_not_green(project: Path) -> None:
    """Whatever ends the pytest process before its session ends, the run counts as failed."""
    assert build(project).returncode == 0
    proc = run_tests(project, prefix="timeout -s KILL 3")  # killed while the blocks run
    assert proc.returncode != 0 and "pytest ended before finishing its session" in proc.stderr


def test_invalid_front_matter_stops_the_build_naming_the_line(project: Path) -> None:
    page = project / PAGE.format(lang="zh")
    page.write_text(
        "---\ndescription: 常见错误: 编号越界\n---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8"
    )
    proc = build(project)
    assert proc.returncode != 0
    assert "docs/zh/tutorial/puzzle.md:2: front matter is not valid YAML" in proc.stderr


def test_only_files_a_page_links_to_are_published(project: Path) -> None:
    add_snippet(project, "leaves_data.py", "open('data.bin', 'wb').write(bytes(1000))\nprint('saved')\n")
    proc = build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    published = {p.relative_to(project / "out").as_posix() for p in (project / "out").rglob("snippet-files/**/*.*")}
    assert not any("leaves_data" in p for p in published)
    assert "snippet-files/picture/onehot_figure/onehot_matmul.en.svg" in published  # linked by the picture page
    assert "snippet-files/picture/onehot_figure/onehot_matmul.zh.svg" not in published  # linked by the Chinese one
    assert "zh/snippet-files/picture/onehot_figure/onehot_matmul.zh.svg" in published


def test_a_fence_inside_a_snippet_does_not_break_its_page(project: Path) -> None:
    add_snippet(project, "fenced.py", 'print("""```\nnot a fence\n```""")\n')
    proc = build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (project / "out" / "tutorial" / "puzzle" / "index.html").read_text(encoding="utf-8")
    assert "not a fence" in html and "--8&lt;--" not in html and "```python" not in html
    proc = run_tests(project)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_a_link_to_a_missing_heading_stops_the_build_naming_the_page(project: Path) -> None:
    page = project / PAGE.format(lang="zh")
    page.write_text(page.read_text(encoding="utf-8") + "\n[别处](weights.md#no-such-heading)\n", encoding="utf-8")
    proc = build(project)
    assert proc.returncode != 0
    assert "'tutorial/puzzle.md' contains a link 'weights.md#no-such-heading'" in proc.stderr
