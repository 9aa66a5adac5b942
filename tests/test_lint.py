"""The code is ruff clean (lint and format), snippets included."""

from __future__ import annotations

import subprocess
import sys

from docsite.snippet import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check() -> None:
    proc = ruff("check", ".")
    assert proc.returncode == 0, proc.stdout


def test_ruff_format() -> None:
    proc = ruff("format", "--check", ".")
    assert proc.returncode == 0, proc.stdout
