"""The snippet runner: cache by content, clean processes, clear failures, time limits."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docsite import ROOT, runner
from docsite.cache import Cache
from docsite.runner import run_all
from docsite.snippet import SnippetError, discover

# The two ways a snippet runs: in a child forked from the server that pre-imported what the
# TensorFlow-backend snippets import, or in an interpreter of its own that such a child starts
# (another backend, isolated, alone).
MODES = ["fork", "fresh"]


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run_as(mode: str, root: Path, cache: Cache, **kwargs) -> dict[str, runner.Result]:
    """run_all with a companion snippet running beside the ones under test, or with every
    snippet made to run in an interpreter of its own."""
    if mode == "fork":
        write(root, "zz_companion.py", "print('companion')\n")
    else:
        for path in root.rglob("*.py"):
            if "# docs: isolated" not in (text := path.read_text()):
                path.write_text(text + "# docs: isolated=runner test\n")
    return run_all(discover(root), cache, **kwargs)


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Cache]:
    return tmp_path / "snippets", Cache(tmp_path / "cache")


@pytest.mark.parametrize("mode", MODES)
def test_unchanged_snippets_come_from_the_cache(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "a.py", "print('a')\n")
    write(root, "b.py", "print('b')\n")
    first = run_as(mode, root, cache)
    assert [first[n].cached for n in ("a.py", "b.py")] == [False, False]
    assert first["a.py"].output == "a\n"
    write(root, "b.py", "print('b changed')\n")
    second = run_as(mode, root, cache)
    assert second["a.py"].cached and not second["b.py"].cached
    assert second["b.py"].output == "b changed\n"


def test_cache_key_ignores_file_times(tree: tuple[Path, Cache]) -> None:
    root, cache = tree
    write(root, "a.py", "print('a')\n")
    run_all(discover(root), cache)
    write(root, "a.py", "print('a')\n")  # same text, new mtime (as after a git checkout)
    assert run_all(discover(root), cache)["a.py"].cached


@pytest.mark.parametrize("mode", MODES)
def test_each_snippet_runs_in_a_clean_process(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    leak = "import builtins\nprint(hasattr(builtins, 'leaked'))\nbuiltins.leaked = True\nprint(__name__)\n"
    write(root, "one.py", leak)
    write(root, "two.py", leak + "# another file\n")
    results = run_as(mode, root, cache, workers=1)
    assert results["one.py"].output == results["two.py"].output == "False\n__main__\n"


@pytest.mark.parametrize("mode", MODES)
def test_failure_names_the_file_and_line(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "sub/boom.py", "print('before')\nx = 1\n1 / 0\n")
    result = run_as(mode, root, cache)["sub/boom.py"]
    assert result.problem.startswith("failed:\nTraceback (most recent call last):")
    assert 'File "boom.py", line 3, in <module>' in result.problem
    assert result.problem.rstrip().endswith("ZeroDivisionError: division by zero")
    assert result.stdout == "before\n"
    assert not (cache.root / result.digest).exists(), "a failure must not be cached"


@pytest.mark.parametrize("mode", MODES)
def test_a_hanging_snippet_is_stopped(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "hang.py", "# docs: timeout=1\nimport time\nprint('start', flush=True)\ntime.sleep(60)\n")
    result = run_as(mode, root, cache)["hang.py"]
    assert result.timed_out and result.seconds < 20
    assert "stopped after 1 s" in result.problem


def test_declared_error_is_the_output(tree: tuple[Path, Cache]) -> None:
    root, cache = tree
    write(root, "bad.py", "# docs: raises=KeyError\nprint('looking up')\n{}['missing']\n")
    result = run_all(discover(root), cache)["bad.py"]
    assert result.problem is None
    assert result.output.endswith("KeyError: 'missing'\n")
    assert result.output.startswith("looking up\nTraceback (most recent call last):\n")
    assert (cache.root / result.digest / "result.json").exists()


def test_declared_error_that_does_not_happen_is_a_failure(tree: tuple[Path, Cache]) -> None:
    root, cache = tree
    write(root, "fine.py", "# docs: raises=KeyError\nprint('no error')\n")
    result = run_all(discover(root), cache)["fine.py"]
    assert "declared to raise KeyError" in result.problem and "finished without error" in result.problem


def test_a_different_error_than_declared_is_a_failure(tree: tuple[Path, Cache]) -> None:
    root, cache = tree
    write(root, "other.py", "# docs: raises=KeyError\n[][1]\n")
    result = run_all(discover(root), cache)["other.py"]
    assert "declared to raise KeyError but raised" in result.problem and "IndexError" in result.problem


def test_unknown_directive_names_file_and_line(tree: tuple[Path, Cache]) -> None:
    root, _ = tree
    write(root, "typo.py", "print(1)\n# docs: rasies=KeyError\n")
    with pytest.raises(SnippetError, match=r"typo.py:2: unknown directive 'docs: rasies'"):
        discover(root)


@pytest.mark.parametrize("damage", ["truncate", "edit", "delete-artifact"])
def test_a_damaged_cache_entry_is_recomputed(tree: tuple[Path, Cache], damage: str) -> None:
    root, cache = tree
    write(root, "fig.py", "open('plot.svg', 'w').write('<svg/>')\nprint('saved')\n")
    digest = run_all(discover(root), cache)["fig.py"].digest
    meta = cache.root / digest / "result.json"
    if damage == "truncate":
        meta.write_text(meta.read_text()[:40])
    elif damage == "edit":
        record = json.loads(meta.read_text())
        record["payload"]["stdout"] = "forged\n"
        meta.write_text(json.dumps(record))
    else:
        (cache.root / digest / "files" / "plot.svg").unlink()
    again = run_all(discover(root), cache)["fig.py"]
    assert not again.cached and again.output == "saved\n"
    assert cache.get(digest)["artifacts"] == {"plot.svg": again.artifacts["plot.svg"]}


def test_an_entry_without_its_result_is_replaced_not_reused(tree: tuple[Path, Cache]) -> None:
    """A files folder left without result.json once kept an old figure published forever."""
    root, cache = tree
    write(root, "fig.py", "open('plot.svg', 'w').write('<svg>new</svg>')\nprint('saved')\n")
    digest = run_all(discover(root), cache)["fig.py"].digest
    (cache.root / digest / "result.json").unlink()
    cache.artifact(digest, "plot.svg").write_text("<svg>old</svg>")
    again = run_all(discover(root), cache)["fig.py"]
    assert not again.cached
    assert cache.get(digest) is not None, "the entry must be stored again"
    assert cache.artifact(digest, "plot.svg").read_text() == "<svg>new</svg>"


def test_the_cache_key_follows_installed_versions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = runner.environment()
    (tmp_path / "numpy-0.0.1.dist-info").mkdir()  # what pip leaves for another numpy, first on the path
    real = runner._package_dirs()
    monkeypatch.setattr(runner, "_package_dirs", lambda: [str(tmp_path), *real])
    runner._installed.cache_clear()
    try:
        assert dict(runner._installed())["numpy"] == "0.0.1"
        assert runner.environment() != before
    finally:
        runner._installed.cache_clear()


@pytest.mark.parametrize("mode", MODES)
def test_processes_a_snippet_leaves_running_are_killed_and_reported(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(
        root,
        "daemon.py",
        "import subprocess\np = subprocess.Popen(['sleep', '300'], start_new_session=True)\nprint(p.pid)\n",
    )
    result = run_as(mode, root, cache)["daemon.py"]
    assert "left processes running when it ended (they were killed): sleep 300" in result.problem
    pid = int(result.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not (cache.root / result.digest).exists()


def test_a_timed_out_snippet_leaves_nothing_running(tree: tuple[Path, Cache], tmp_path: Path) -> None:
    root, cache = tree
    pidfile = tmp_path / "pid"
    write(
        root,
        "stuck.py",
        "# docs: timeout=2\nimport subprocess, time\n"
        "p = subprocess.Popen(['sleep', '300'], start_new_session=True)\n"
        f"open({str(pidfile)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(60)\n",
    )
    result = run_all(discover(root), cache)["stuck.py"]
    assert result.timed_out
    with pytest.raises(ProcessLookupError):
        os.kill(int(pidfile.read_text()), 0)


def test_isolated_snippets_get_an_interpreter_of_their_own_and_backend_ones_their_backend(
    tree: tuple[Path, Cache],
) -> None:
    """The build once forked `isolated` snippets from a process that had imported Keras. A
    snippet on another backend is forked from a server that imported Keras with that backend."""
    root, cache = tree
    probe = "import os, sys\nprint('keras' in sys.modules, os.environ['KERAS_BACKEND'])\n"
    write(root, "a.py", "import keras\nprint('a')\n")
    write(root, "b.py", "import keras\nprint('b')\n")
    write(root, "isolated.py", "# docs: isolated=configures Keras before importing it\n" + probe)
    choose = 'os.environ["KERAS_BACKEND"] = "jax"\n'  # after the probe: it reads what the build set
    write(
        root, "on_jax.py", "# docs: backend=jax\n" + probe + choose + "import keras\nprint(keras.backend.backend())\n"
    )
    results = run_all(discover(root), cache)
    assert results["isolated.py"].output == "False tensorflow\n"
    assert results["on_jax.py"].output == "True jax\njax\n"


def test_an_unknown_backend_names_file_and_line(tree: tuple[Path, Cache]) -> None:
    root, _ = tree
    write(root, "torchy.py", "print(1)\n# docs: backend=torch\n")
    with pytest.raises(SnippetError, match=r"torchy.py:2: 'docs: backend' must be one of tensorflow, jax, numpy"):
        discover(root)


def test_alone_snippets_run_with_nothing_beside_them(tree: tuple[Path, Cache], tmp_path: Path) -> None:
    """Timings measured while another snippet runs are wrong (the cost page once showed that)."""
    root, cache = tree
    log = tmp_path / "log"
    for name in ("a", "b", "c"):
        write(
            root,
            f"{name}.py",
            f"import time\nopen({str(log)!r}, 'a').write('{name}+\\n')\ntime.sleep(0.5)\n"
            f"open({str(log)!r}, 'a').write('{name}-\\n')\nprint('{name}')\n",
        )
    text = (root / "b.py").read_text()
    write(root, "b.py", "# docs: alone=measures time\n" + text)
    run_all(discover(root), cache, workers=2)
    events = log.read_text().split()
    start = events.index("b+")
    assert events[start + 1] == "b-", f"something ran beside the alone snippet: {events}"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("print('x' * 30_000)\n", "printed more than the page can show"),
        ("for i in range(400):\n    print(i)\n", "printed more than the page can show"),
        ("open('big.bin', 'wb').write(bytes(2_000_000))\nprint('saved')\n", "wrote 'big.bin' of 2,000,000 bytes"),
        ("for i in range(20):\n    open(f'f{i}.txt', 'w').write('x')\nprint('saved')\n", "left 20 files behind"),
    ],
)
def test_output_and_files_have_limits(tree: tuple[Path, Cache], code: str, message: str) -> None:
    root, cache = tree
    write(root, "big.py", code)
    result = run_all(discover(root), cache)["big.py"]
    assert message in result.problem
    assert not (cache.root / result.digest).exists()


def test_files_a_snippet_writes_are_kept(tree: tuple[Path, Cache]) -> None:
    root, cache = tree
    write(root, "fig.py", "open('plot.svg', 'w').write('<svg/>')\nprint('saved')\n")
    result = run_all(discover(root), cache)["fig.py"]
    assert cache.artifact(result.digest, "plot.svg").read_text() == "<svg/>"


def test_a_snippet_that_prints_nothing_is_refused(tree: tuple[Path, Cache]) -> None:
    root, cache = tree
    write(root, "quiet.py", "x = 1\n")
    assert "printed nothing" in run_all(discover(root), cache)["quiet.py"].problem


def test_a_non_deterministic_snippet_is_caught_by_the_second_run(tree: tuple[Path, Cache], tmp_path: Path) -> None:
    from tests.test_snippets import mismatch, reader_run

    root, cache = tree
    write(root, "clock.py", "import time\nprint(time.time_ns())\n")
    result = run_all(discover(root), cache)["clock.py"]
    problem = mismatch(result, reader_run(root / "clock.py", tmp_path))
    assert problem is not None and problem.startswith("snippets/clock.py is not deterministic")


@pytest.mark.parametrize("mode", MODES)
def test_a_data_file_a_snippet_reads_is_in_its_folder_and_in_its_cache_key(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "q/words.txt", "cat 1 2\n")
    write(root, "q/read.py", "# docs: reads=words.txt\nprint(open('words.txt').read().split()[0])\n")
    first = run_as(mode, root, cache)["q/read.py"]
    assert first.output == "cat\n"
    assert cache.artifact(first.digest, "words.txt").read_text() == "cat 1 2\n"  # published for download
    write(root, "q/words.txt", "dog 1 2\n")
    second = run_as(mode, root, cache)["q/read.py"]
    assert not second.cached and second.output == "dog\n"


def test_a_data_file_that_is_not_beside_the_snippet_names_file_and_line(tree: tuple[Path, Cache]) -> None:
    root, _ = tree
    write(root, "read.py", "print(1)\n# docs: reads=missing.txt\n")
    with pytest.raises(SnippetError, match=r"read.py:2: 'docs: reads' names missing.txt, which is not a file beside"):
        discover(root)


def test_a_backend_snippet_must_choose_its_backend_itself(tree: tuple[Path, Cache]) -> None:
    """The build sets KERAS_BACKEND, a reader running `python x.py` does not."""
    root, _ = tree
    write(root, "j.py", "# docs: backend=jax\nimport keras\nprint(keras.backend.backend())\n")
    with pytest.raises(
        SnippetError, match=r'j.py:1: a reader runs it as `python j.py`.*os.environ\["KERAS_BACKEND"\] = "jax"'
    ):
        discover(root)


@pytest.mark.parametrize("mode", MODES)
def test_nothing_of_the_project_is_importable_from_a_snippet(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(
        root,
        "probe.py",
        "import importlib.util, os\nprint(importlib.util.find_spec('docsite') is None, 'PYTHONPATH' in os.environ)\n",
    )
    assert run_as(mode, root, cache)["probe.py"].output == "True False\n"


@pytest.mark.parametrize("mode", MODES)
def test_a_snippet_cannot_write_into_the_project(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    target = ROOT / "snippets" / f"written-by-a-snippet-{mode}.py"
    write(root, "vandal.py", f"print('trying')\nopen({str(target)!r}, 'w').write('x = 1')\n")
    try:
        result = run_as(mode, root, cache)["vandal.py"]
        assert not target.exists()
        assert "PermissionError: a snippet may not change the project's files" in result.problem
        assert 'File "vandal.py", line 2' in result.problem
    finally:
        target.unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("timeout=nan", "'docs: timeout' must be a finite, positive number of seconds (got nan)"),
        ("timeout=inf", "'docs: timeout' must be a finite, positive number of seconds (got inf)"),
        ("timeout=0", "'docs: timeout' must be a finite, positive number of seconds (got 0)"),
        ("timeout=ten", "'docs: timeout' must be a finite, positive number of seconds (got ten)"),
        ("raises=Key Error", "'docs: raises' must name an exception class"),
    ],
)
def test_a_bad_directive_value_names_file_and_line(tree: tuple[Path, Cache], directive: str, message: str) -> None:
    root, _ = tree
    write(root, "bad.py", f"print(1)\n# docs: {directive}\n")
    with pytest.raises(SnippetError, match=re.escape(f"bad.py:2: {message}")):
        discover(root)


def test_a_byte_order_mark_is_named(tree: tuple[Path, Cache]) -> None:
    root, _ = tree
    (root / "bom.py").parent.mkdir(parents=True, exist_ok=True)
    (root / "bom.py").write_bytes(b"\xef\xbb\xbfprint(1)\n")
    with pytest.raises(SnippetError, match=r"bom.py:1: starts with a UTF-8 byte-order mark \(BOM, U\+FEFF\)"):
        discover(root)


def test_a_main_guard_is_refused_with_the_reason(tree: tuple[Path, Cache]) -> None:
    root, _ = tree
    write(root, "guarded.py", "import sys\n\nif __name__ == '__main__':\n    print(sys.argv)\n")
    with pytest.raises(
        SnippetError, match=r"guarded.py:3: `if __name__ == \"__main__\":` .*runs each code block as a module"
    ):
        discover(root)


@pytest.mark.parametrize("mode", MODES)
def test_a_killed_snippet_names_the_signal_and_shows_what_it_printed(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "oom.py", "import os, signal\nprint('half way', flush=True)\nos.kill(os.getpid(), signal.SIGKILL)\n")
    problem = run_as(mode, root, cache)["oom.py"].problem
    assert problem.startswith("was killed by signal SIGKILL (SIGKILL from outside a snippet most often means")
    assert "out of memory" in problem and problem.endswith("What it printed before:\nhalf way")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lines", [1, 200])  # 200 lines are more than one 8 KB buffer: part was flushed
def test_os_exit_before_a_flush_is_named(tree: tuple[Path, Cache], mode: str, lines: int) -> None:
    root, cache = tree
    write(root, "quit.py", f"import os\nfor i in range({lines}):\n    print(i, 'x' * 60)\nos._exit(0)\n")
    result = run_as(mode, root, cache)["quit.py"]
    assert result.problem.startswith("ended with os._exit(0), which does not flush what print() buffered")
    assert not (cache.root / result.digest).exists()


def test_the_cache_key_is_the_same_after_jieba_changes_sys_path() -> None:
    """Inside `mkdocs build`, jieba's pkg_resources import extends sys.path; the key must not move."""
    code = "from docsite import runner; {}print(runner.environment())"
    plain, after_jieba = (
        subprocess.run(
            [sys.executable, "-W", "ignore", "-c", code.format(extra)], cwd=ROOT, capture_output=True, text=True
        ).stdout
        for extra in ("", "import jieba; ")
    )
    assert plain and plain == after_jieba
