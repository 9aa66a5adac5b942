"""Every snippet, run the way a reader runs it, prints exactly what the site shows."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from docsite.runner import Result, run_all
from docsite.snippet import discover

SNIPPETS = discover()


@pytest.fixture(scope="module")
def published() -> dict[str, Result]:
    """The results the site shows (from the cache the build filled)."""
    return run_all(SNIPPETS)


@pytest.fixture(scope="module")
def reader_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess]:
    """`python snippet.py` in an empty folder, two at a time, with the reader's environment."""

    def run(name: str) -> subprocess.CompletedProcess:
        cwd = tmp_path_factory.mktemp("reader")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCSITE", "PYTHONPATH"))}
        env["TF_CPP_MIN_LOG_LEVEL"] = "3"
        return subprocess.run(
            [sys.executable, str(Path("snippets", name).resolve())],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        return dict(zip([s.name for s in SNIPPETS], pool.map(run, [s.name for s in SNIPPETS]), strict=True))


def test_there_are_snippets() -> None:
    assert len(SNIPPETS) >= 9


@pytest.mark.parametrize("name", [s.name for s in SNIPPETS])
def test_reader_run_matches_the_page(name: str, published: dict[str, Result], reader_runs: dict) -> None:
    """A second, independent run gives the same output: the snippet is deterministic and
    the fork server's pre-imported process prints what a plain interpreter prints."""
    result, proc = published[name], reader_runs[name]
    assert result.problem is None, result.problem
    if result.snippet.unchecked:  # numbers vary by design; the shape of the output must not
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.splitlines()[0] == result.stdout.splitlines()[0]
        assert len(proc.stdout.splitlines()) == len(result.stdout.splitlines())
        return
    assert proc.stdout == result.stdout, f"snippets/{name} printed something else on a second run"
    if result.snippet.raises:
        assert proc.returncode == 1
        assert proc.stderr.rstrip().splitlines()[-1] == result.error.rstrip().splitlines()[-1]
    else:
        assert proc.returncode == 0, proc.stderr[-3000:]
