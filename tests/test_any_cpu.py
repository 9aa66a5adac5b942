"""The same output on any CPU: every snippet runs again with generic math kernels and must print
what its page shows. One setting at a time, since a combination can land on the same rounding
by chance; each reruns the runs that use the library it changes. The third setting,
TensorFlow without oneDNN (TF_ENABLE_ONEDNN_OPTS=0), is what the reader runs use
(tests/test_snippets.py): they start a fresh interpreter anyway."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from docsite.cache import Cache
from docsite.runner import Result, run_all
from docsite.snippet import Snippet, discover
from tests.helpers import published_results, published_variants

# Slow: about 90 runs for each setting, in fork servers, as the build runs them.
pytestmark = pytest.mark.slow

SETTINGS = {
    # NumPy's OpenBLAS with its oldest x86-64 kernels (no AVX): the NumPy code of every snippet,
    # and the NumPy backend, compute with it. Every run, so every backend's output is also
    # checked to come out the same a second time.
    "OPENBLAS_CORETYPE=Prescott": ("tensorflow", "jax", "numpy"),
    # oneDNN kept, but limited to SSE4.1, as on a CPU without AVX.
    "ONEDNN_MAX_CPU_ISA=SSE41": ("tensorflow",),
}


def first_difference(published: Result, again: Result) -> str | None:
    if again.problem is not None and published.problem is None and not published.snippet.variant:
        return f"failed: {again.problem}"
    if again.output != published.output:
        pairs = zip(again.output.split("\n"), published.output.split("\n"), strict=False)  # the shorter first
        for number, (have, want) in enumerate(pairs, 1):
            if have != want:
                return f"line {number} of its output: the page shows {want!r}, this CPU setting printed {have!r}"
        diff = "\n".join(difflib.unified_diff(published.output.split("\n"), again.output.split("\n"), lineterm=""))
        return f"its output has another length:\n{diff}"
    if again.artifacts != published.artifacts:
        return f"wrote other files: {sorted(again.artifacts)} with other contents"
    return None


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_snippet_prints_the_same_with_generic_math_kernels(
    setting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, value = setting.split("=")
    monkeypatch.setenv(name, value)  # the runner's processes inherit it (runner.child_env)
    published: dict[str, Result] = dict(published_results())
    published |= {f"{n}@{b}": r for n, on in published_variants().items() for b, r in on.items()}
    backends = SETTINGS[setting]
    snippets: list[Snippet] = [
        s
        for base in discover()
        if not base.unchecked  # timings differ from run to run by design
        for s in (base, *base.variants())
        if s.backend in backends
    ]
    assert len(snippets) > 50
    again = run_all(snippets, Cache(tmp_path / "cache"), guard=False)
    differ = [
        f"snippets/{s.key}: {why}"
        for s in snippets
        if (why := first_difference(published[s.key], again[s.key])) is not None
    ]
    assert not differ, f"With {setting}:\n" + "\n".join(differ)
