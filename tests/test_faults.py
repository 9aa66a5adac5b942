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
from tests.helpers import LANGS, build, heading_ids

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


def test_a_build_killed_while_storing_a_result_leaves_no_entry_and_the_next_build_recovers(project: Path) -> None:
    """Killed at the exact moment a result is being written: only an atomic Cache.put leaves
    nothing but a temporary folder behind (a put that writes in place fails this test)."""
    add_snippet(project, "fresh.py", "print('stored after a crash')\n")
    entries = set((project / ".cache" / "snippets").iterdir())
    proc = build(project, fault=["kill-at-write", "result.json"])
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-3000:]
    new = set((project / ".cache" / "snippets").iterdir()) - entries
    assert new and all(p.name.startswith(".tmp-") for p in new), f"a killed build left {sorted(new)}"
    again = build(project)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "stored after a crash" in (project / "out" / "tutorial" / "puzzle" / "index.html").read_text(
        encoding="utf-8"
    )


def test_two_builds_at_once_both_succeed_and_agree(project: Path, tmp_path: Path) -> None:
    """Both builds are held before renaming their first staged file into place until the other
    one gets there too: with a temporary name shared by the builds, one rename would fail."""
    add_snippet(project, "both.py", "print('built twice')\n")
    meeting = tmp_path / "meeting"
    meeting.mkdir()
    fault = ["meet-at-rename", ".cache/stage/", str(meeting), "2"]
    procs = [
        build(project, site, fault=fault, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for site in ("one", "two")
    ]
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out[-3000:]
    assert len(list(meeting.iterdir())) == 2
    for page in ("tutorial/puzzle/index.html", "notebooks/tutorial/index.html"):
        built = [(project / site / "zh" / page).read_text(encoding="utf-8") for site in ("one", "two")]
        assert built[0] == built[1], page
    assert "built twice" in built[0]
    leftovers = [p for p in (project / ".cache").rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers, f"temporary files left behind: {leftovers}"


def run_tests(project: Path) -> subprocess.CompletedProcess:
    """`pytest` on the copy's staged puzzle pages (where add_snippet puts snippets), then the
    check `make test` runs after it."""
    for name in ("conftest.py", "pyproject.toml", "tests/verify_run.py"):
        (project / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, project / name)
    pages = " ".join(f".cache/stage/{lang}/docs/tutorial/puzzle.md" for lang in LANGS)
    cmd = f"{sys.executable} -m pytest -p no:cacheprovider {pages}; s=$?; "
    cmd += f"{sys.executable} tests/verify_run.py || exit 1; exit $s"
    return subprocess.run(["sh", "-c", cmd], cwd=project, capture_output=True, text=True, timeout=600)


def test_a_snippet_cannot_end_the_test_run_with_success(project: Path) -> None:
    """A block ending in os._exit(0) once made `make test` exit 0 with failures printed."""
    # The build refuses os._exit in a snippet (it loses output); this one calls it only under pytest.
    add_snippet(
        project,
        "quit.py",
        "import os, sys\nprint('leaving', flush=True)\nif 'pytest' in sys.modules:\n    os._exit(0)\n",
    )
    assert build(project).returncode == 0
    proc = run_tests(project)
    assert proc.returncode != 0
    assert "called os._exit(0), which would end the whole test run" in proc.stdout
    assert "verified: all" in proc.stdout  # every other block still ran and reported


def test_a_test_run_that_dies_half_way_is_not_green(project: Path) -> None:
    """Whatever ends the pytest process before its session ends, the run counts as failed:
    here a code block kills it (only under pytest; the build's run prints and ends)."""
    add_snippet(
        project,
        "dies.py",
        "import os, signal, sys\nprint('fine on its own')\n"
        "if 'pytest' in sys.modules:\n    os.kill(os.getpid(), signal.SIGKILL)\n",
    )
    assert build(project).returncode == 0
    proc = run_tests(project)
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


def test_a_snippet_that_changes_the_sources_stops_the_build(project: Path) -> None:
    """A subprocess escapes the snippet's audit hook; comparing the sources catches it."""
    add_snippet(
        project,
        "vandal.py",
        "import subprocess, sys\n"
        f"subprocess.run(['sh', '-c', 'echo Added by a snippet. >> {project}/docs/en/index.md'], check=True)\n"
        "print('done')\n",
    )
    proc = build(project)
    assert proc.returncode != 0
    assert "the project's sources changed while snippets ran, so nothing is published: docs/en/index.md" in proc.stderr
    assert "snippets/vandal.py" in proc.stderr
    assert not (project / "out" / "index.html").exists()


def wait_for(path: Path, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while not (path.exists() and path.read_text().endswith("\n")):
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)
    return path.read_text()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_cancelled_build_leaves_no_process_and_no_folder(project: Path, tmp_path: Path, sig: int) -> None:
    """Cancelled while a snippet and a process it started run: everything ends, the scratch
    folder goes, and the cache holds nothing of the cancelled run."""
    pids, scratch = tmp_path / "pids", tmp_path / "tmp"
    scratch.mkdir()
    add_snippet(
        project,
        "long.py",
        "import os, subprocess, time\n"
        "child = subprocess.Popen(['sleep', '300'], start_new_session=True)\n"
        f"open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}\\n')\n"
        "time.sleep(300)\nprint('never')\n",
    )
    entries = set((project / ".cache" / "snippets").iterdir())
    env = dict(os.environ, TMPDIR=str(scratch))
    cmd = [sys.executable, "-m", "docsite", "build", "--site", "out"]
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = [int(pid) for pid in wait_for(pids).split()]
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, err[-3000:]
    assert not [pid for pid in started if alive(pid)], f"still running after {signal.Signals(sig).name}: {started}"
    assert not list(scratch.iterdir()), f"left behind: {list(scratch.iterdir())}"
    assert set((project / ".cache" / "snippets").iterdir()) == entries


def test_a_root_absolute_link_in_html_names_page_and_line(project: Path) -> None:
    page = project / PAGE.format(lang="zh")
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join([*lines, '<a href="/deeper/cost/">代价</a>', ""]), encoding="utf-8")
    proc = build(project)
    assert proc.returncode != 0
    assert f'docs/zh/tutorial/puzzle.md:{len(lines) + 1}: a root-absolute link in HTML (href="/...)' in proc.stderr


def test_a_heading_without_an_explicit_id_is_caught_in_the_built_pages(project: Path) -> None:
    """An underlined (setext) heading gets an id made from its text: `_1` for Chinese."""
    page = project / PAGE.format(lang="zh")
    page.write_text(page.read_text(encoding="utf-8") + "\n下划线标题\n----------\n\n正文。\n", encoding="utf-8")
    english = project / PAGE.format(lang="en")
    english.write_text(english.read_text(encoding="utf-8") + "\nUnderlined\n----------\n\nText.\n", encoding="utf-8")
    assert build(project).returncode == 0
    en, zh = (heading_ids(project / "out", lang, "tutorial/puzzle.md") for lang in ("en", "zh"))
    assert en[-1] == "underlined" and zh[-1] == "_1" and en != zh  # what test_parity compares


def test_hand_edits_to_the_stage_and_the_notebook_cache_are_repaired_by_the_next_build(project: Path) -> None:
    """What the stage and the notebook-page cache hold is never trusted as it stands: a staged
    page, a rendered notebook page (edited, swapped between languages, cut short) all come back
    as the sources and results make them."""
    assert build(project).returncode == 0
    stage, pages = project / ".cache" / "stage", project / ".cache" / "notebook-pages"
    staged = stage / "en" / "docs" / "tutorial" / "puzzle.md"
    staged.write_text(staged.read_text(encoding="utf-8").replace("[[[1. 1. 1.]", "[[[7. 7. 7.]"), encoding="utf-8")
    en, zh = pages / "en-tutorial.json", pages / "zh-tutorial.json"
    en_text, zh_text = en.read_text(encoding="utf-8"), zh.read_text(encoding="utf-8")
    en.write_text(zh_text, encoding="utf-8")  # swapped: the Chinese page under the English name
    zh.write_text(zh_text[: len(zh_text) // 2], encoding="utf-8")  # cut short
    again = build(project)
    assert again.returncode == 0, again.stderr[-3000:]
    for page in ("tutorial/puzzle/index.html", "notebooks/tutorial/index.html", "zh/notebooks/tutorial/index.html"):
        html = (project / "out" / page).read_text(encoding="utf-8")
        assert "7. 7. 7." not in html and "1. 1. 1." in html, page
    assert "本教程" not in (project / "out" / "notebooks" / "tutorial" / "index.html").read_text(encoding="utf-8")
    assert (en.read_text(encoding="utf-8"), zh.read_text(encoding="utf-8")) == (en_text, zh_text)


def test_rendering_a_source_config_stops_and_says_what_to_run(project: Path) -> None:
    """mkdocs.yml is what each staged config is made from; rendered as it is, its pages would
    show include lines and no output."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", "raw"], cwd=project, capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "mkdocs.yml is the source of the staged site" in proc.stderr and "make build" in proc.stderr
    assert not (project / "raw" / "index.html").exists()


def test_a_comment_without_its_translation_names_the_snippet_and_line(project: Path) -> None:
    add_snippet(project, "noted.py", "print('hi')  # Say hello.\n")
    proc = build(project)
    assert proc.returncode != 0
    assert (
        "snippets/noted.py:1: 'Say hello.' has no translation: add it to the table [\"noted.py\"] of "
        "snippets/comments.zh.toml"
    ) in proc.stderr
    translations = project / "snippets" / "comments.zh.toml"
    translations.write_text('["noted.py"]\n"Say hello!" = "打个招呼。"\n', encoding="utf-8")  # an older English
    proc = build(project)
    assert proc.returncode != 0
    assert "snippets/comments.zh.toml:2: translates 'Say hello!', which noted.py no longer has" in proc.stderr
    translations.write_text('["noted.py"]\n"Say hello." = "打个招呼。"\n', encoding="utf-8")
    proc = build(project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    staged = project / ".cache/stage/{lang}/docs/tutorial/puzzle.md"
    assert "print('hi')  # 打个招呼。" in Path(str(staged).format(lang="zh")).read_text(encoding="utf-8")
    assert "print('hi')  # Say hello." in Path(str(staged).format(lang="en")).read_text(encoding="utf-8")
