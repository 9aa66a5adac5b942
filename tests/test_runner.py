"""The snippet runner: cache by content, clean processes, clear failures, time limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docsite.cache import Cache
from docsite.runner import run_all
from docsite.snippet import SnippetError, discover

MODES = ["fork", "fresh"]


@pytest.fixture(autouse=True)
def light_server(monkeypatch: pytest.MonkeyPatch) -> None:
    # These snippets import nothing heavy; do not make the fork server load tensorflow.
    monkeypatch.setenv("DOCSITE_PRELOAD", "")


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Cache]:
    return tmp_path / "snippets", Cache(tmp_path / "cache")


@pytest.mark.parametrize("mode", MODES)
def test_unchanged_snippets_come_from_the_cache(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "a.py", "print('a')\n")
    write(root, "b.py", "print('b')\n")
    first = run_all(discover(root), cache, mode=mode)
    assert [first[n].cached for n in ("a.py", "b.py")] == [False, False]
    assert first["a.py"].output == "a\n"
    write(root, "b.py", "print('b changed')\n")
    second = run_all(discover(root), cache, mode=mode)
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
    results = run_all(discover(root), cache, mode=mode, workers=1)
    assert results["one.py"].output == results["two.py"].output == "False\n__main__\n"


@pytest.mark.parametrize("mode", MODES)
def test_failure_names_the_file_and_line(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "sub/boom.py", "print('before')\nx = 1\n1 / 0\n")
    result = run_all(discover(root), cache, mode=mode)["sub/boom.py"]
    assert result.problem.startswith("failed:\nTraceback (most recent call last):")
    assert 'File "boom.py", line 3, in <module>' in result.problem
    assert result.problem.rstrip().endswith("ZeroDivisionError: division by zero")
    assert result.stdout == "before\n"
    assert not (cache.root / result.digest).exists(), "a failure must not be cached"


@pytest.mark.parametrize("mode", MODES)
def test_a_hanging_snippet_is_stopped(tree: tuple[Path, Cache], mode: str) -> None:
    root, cache = tree
    write(root, "hang.py", "# docs: timeout=1\nimport time\nprint('start', flush=True)\ntime.sleep(60)\n")
    result = run_all(discover(root), cache, mode=mode)["hang.py"]
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
