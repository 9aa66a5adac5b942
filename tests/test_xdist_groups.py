"""`make test` runs pytest-xdist with `--dist loadgroup`: the modules whose costly module fixtures
share a folder (test_renderers: Zensical renders inside the stage; test_serve; test_languages)
mark themselves `xdist_group` so that one worker runs them. With pytest 9.2, pytest-xdist 3.8.0
silently stopped grouping (pytest-dev/pytest-xdist#1386), and two Zensical renders raced in one
folder; this proves the pinned versions group."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_a_group_runs_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(
        "import pytest\n\npytestmark = pytest.mark.xdist_group('one')\n\n\n"
        "@pytest.mark.parametrize('i', range(6))\ndef test_it(i):\n    pass\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadgroup", "-v"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    workers = re.findall(r"\[(gw\d)\] .* PASSED test_grouped\.py::test_it\[\d\]@one", proc.stdout)
    assert len(workers) == 6 and len(set(workers)) == 1, proc.stdout[-2000:]
