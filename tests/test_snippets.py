"""What the site shows is what the snippets print: each staged page is its source with the
results the stage's manifest records, those results are in the cache (a miss fails, it never
reruns), and every snippet run the way a reader runs it prints exactly that."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docsite import i18n, pages
from docsite.runner import Result, environment
from docsite.snippet import discover
from docsite.stage import STAGE_DIR, read_manifest
from tests.helpers import published_results, published_variants

SNIPPETS = discover()


@pytest.fixture(scope="module")
def published() -> dict[str, Result]:
    return published_results()


def test_the_tests_compute_the_keys_the_build_recorded() -> None:
    """One way to compute a snippet's key: the build's (inside the stage) and the tests' agree."""
    recorded, env = read_manifest()["snippets"], environment()
    assert {v.key: v.digest(env) for s in SNIPPETS for v in (s, *s.variants())} == recorded


@pytest.mark.parametrize("page", sorted(i18n.pages("en")))
@pytest.mark.parametrize("lang", [lang.code for lang in i18n.languages()])
def test_each_staged_page_is_its_source_with_the_recorded_results(
    lang: str, page: str, published: dict[str, Result]
) -> None:
    """Code and output on the published page are exactly the snippet and its recorded result,
    for every snippet, those pytest-codeblocks skips (own interpreter, raises=, unchecked=) too."""
    source = pages.read(i18n.DOCS / lang / page, f"docs/{lang}/{page}")
    expected = source.front_matter + pages.render(
        source.body,
        source.src,
        published,
        lang,
        show_failures=False,
        line_offset=source.offset,
        variants=published_variants(),
    )
    staged = (STAGE_DIR / lang / "docs" / page).read_text(encoding="utf-8")
    staged_lines, expected_lines = staged.split("\n"), expected.split("\n")
    for number, (have, want) in enumerate(zip(staged_lines, expected_lines, strict=False), 1):
        assert have == want, f".cache/stage/{lang}/docs/{page}:{number}: published {have!r}, recorded {want!r}"
    assert len(staged_lines) >= len(expected_lines), f".cache/stage/{lang}/docs/{page}: cut short"


# A reader's machine need not have what this one has: the reader runs use TensorFlow's own
# (Eigen) kernels instead of oneDNN, one of the generic settings tests/test_any_cpu.py checks
# (its other two run there), at no extra cost: a fresh interpreter is what the setting needs.
READER_CPU = {"TF_ENABLE_ONEDNN_OPTS": "0"}


def reader_run(path: Path, cwd: Path) -> subprocess.CompletedProcess:
    """`python snippet.py` in an empty folder, with the reader's environment, on a CPU without
    oneDNN's kernels (READER_CPU)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCSITE", "PYTHONPATH"))}
    env |= {"TF_CPP_MIN_LOG_LEVEL": "3", **READER_CPU}
    return subprocess.run([sys.executable, str(path)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def mismatch(result: Result, proc: subprocess.CompletedProcess) -> str | None:
    """Why a reader's run does not reproduce the published result, or None."""
    where = f"snippets/{result.snippet.name}"
    if result.snippet.unchecked:  # numbers vary by design; the shape of the output must not
        lines, theirs = result.stdout.splitlines(), proc.stdout.splitlines()
        if proc.returncode != 0 or len(lines) != len(theirs) or lines[:1] != theirs[:1]:
            return f"{where}: a second run printed a differently shaped output:\n{proc.stdout}{proc.stderr[-2000:]}"
        return None
    if proc.stdout != result.stdout:
        return (
            f"{where} is not deterministic, or depends on the CPU: the site shows\n{result.stdout}but a second run, "
            f"in a fresh interpreter with {READER_CPU}, printed\n{proc.stdout}"
        )
    if result.snippet.raises:
        last = proc.stderr.rstrip().splitlines()[-1:] if proc.stderr.strip() else []
        if proc.returncode != 1 or last != result.error.rstrip().splitlines()[-1:]:
            return f"{where}: a second run did not end with the same error:\n{proc.stderr[-2000:]}"
    elif proc.returncode != 0:
        return f"{where}: a second run failed:\n{proc.stderr[-3000:]}"
    return None


def test_every_snippet_file_is_on_a_page_and_every_include_is_a_snippet() -> None:
    from docsite import i18n, pages

    files = {s.name for s in SNIPPETS}
    for lang in i18n.languages():
        included = {
            inc.name
            for page in i18n.pages(lang.code)
            for inc in pages.find_includes((i18n.DOCS / lang.code / page).read_text(encoding="utf-8"), page)
        }
        assert included == files, f"{lang.code}: not on a page {files - included}, missing {included - files}"


@pytest.mark.slow
@pytest.mark.parametrize("name", [s.name for s in SNIPPETS])
def test_reader_run_matches_the_page(name: str, published: dict[str, Result], tmp_path: Path) -> None:
    """A second, independent run gives the same output: the snippet is deterministic and
    the fork server's pre-imported process prints what a plain interpreter prints. Each runs
    by itself (pytest-xdist spreads them over the cores; the timings, `unchecked`, are compared
    by the shape of their output only, so what runs beside them does not matter)."""
    result = published[name]
    assert result.problem is None, result.problem
    folder, code = tmp_path / "cwd", tmp_path / "code" / result.snippet.display_name
    folder.mkdir()
    code.parent.mkdir()
    code.write_text(result.snippet.shown, encoding="utf-8")  # what the page shows, as the reader copies it
    result.snippet.copy_data(folder)  # a reader downloads the data files a snippet reads from its page
    proc = reader_run(code, folder)
    problem = mismatch(result, proc)
    assert problem is None, problem
    # The files it wrote (figures) are the ones the site publishes, byte for byte.
    written = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}
    if result.snippet.unchecked:
        assert sorted(written) == sorted(result.artifacts)
    else:
        assert written == result.artifacts, f"snippets/{name}: a second run wrote different files"


def test_a_traceback_quotes_the_line_the_page_shows_at_that_number() -> None:
    """The build runs the code as shown (without its `# docs:` lines): a line number in an error
    on the page is the line a reader counts to in the code above it, on every backend."""
    checked = 0
    results = [*published_results().values(), *(r for on in published_variants().values() for r in on.values())]
    for result in results:
        shown = result.snippet.shown.split("\n")
        lines = result.output.split("\n")
        for i, line in enumerate(lines[:-1]):
            m = re.fullmatch(rf'  File "{re.escape(result.snippet.display_name)}", line (\d+), in .*', line)
            if m:
                checked += 1
                quoted, number = lines[i + 1].strip(), int(m[1])
                assert shown[number - 1].strip() == quoted, f"{result.snippet.key}: line {number} is not {quoted!r}"
    assert checked > 10
