"""Build-time machinery of the site: run snippets, cache their output, put it on the pages."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the project needs to build the site, besides every language's mkdocs config.
SOURCES = ("docs", "snippets", "docsite", "overrides", "requirements.txt", "glossary.yml")


def copy_project(dest: Path, *, warm: bool = False) -> Path:
    """Copy what the build needs into `dest` (tests and benchmarks build copies); `warm` brings
    the snippet cache along, so the copy's build runs only the snippets that differ."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in [*SOURCES, *(p.name for p in sorted(ROOT.glob("mkdocs*.yml")))]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    if warm:
        shutil.copytree(ROOT / ".cache" / "snippets", dest / ".cache" / "snippets")
    return dest


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write `path` through a temporary file of its own, then rename it into place: a reader
    sees the old text or the new, and two builds at once never share a temporary name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode() if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
