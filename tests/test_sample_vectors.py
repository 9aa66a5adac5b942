"""The shipped sample vectors are exactly what tools/make_sample_vectors.py writes, in GloVe's text format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docsite.snippet import ROOT

SHIPPED = ROOT / "snippets" / "questions" / "sample_vectors.txt"


def test_the_generator_writes_the_shipped_file_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "sample_vectors.txt"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sample_vectors.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == SHIPPED.read_bytes(), "run tools/make_sample_vectors.py and commit its output"


def test_the_shipped_file_is_in_glove_text_format() -> None:
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    assert 200 <= len(lines) <= 500  # a few hundred words
    words = [line.split(" ")[0] for line in lines]
    assert len(set(words)) == len(words)
    widths = {len(line.split(" ")) - 1 for line in lines}
    assert len(widths) == 1  # every word has the same number of numbers
    for line in lines:
        [float(x) for x in line.split(" ")[1:]]
