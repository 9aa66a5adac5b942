"""Outputs on every Keras backend a reader runs: each snippet that uses Keras alone also runs on
JAX and NumPy, and its page says which print the same and shows, folded, what the others print."""

from __future__ import annotations

from pathlib import Path

import pytest

from docsite import pages
from docsite.runner import Result
from docsite.snippet import Snippet, SnippetError, discover, load
from tests.helpers import page_html, published_results, published_variants, soup

PAGE = 'Text.\n\n```python\n--8<-- "demo/hello.py"\n```\n'


def results(tf: str, jax: str, numpy: str) -> tuple[dict[str, Result], dict[str, dict[str, Result]]]:
    s = Snippet("demo/hello.py", "import keras\nprint('hello')\n")
    outputs = {"jax": jax, "numpy": numpy}
    on = {v.backend: Result(v, "d", stdout=outputs[v.backend]) for v in s.variants()}
    return {s.name: Result(s, "d", stdout=tf)}, {s.name: on}


def test_the_backends_that_print_the_same_are_named_under_the_output() -> None:
    found, variants = results("1\n", "1\n", "1\n")
    out = pages.render(PAGE, "p.md", found, "en", show_failures=False, variants=variants)
    assert "Same output with Keras on JAX and NumPy.\n{ .docsite-backends }" in out
    assert "??? note" not in out
    zh = pages.render(PAGE, "p.md", found, "zh", show_failures=False, variants=variants)
    assert "换用 Keras 的 JAX 和 NumPy 后端，输出完全相同。" in zh


def test_a_backend_that_prints_something_else_gets_its_own_folded_output() -> None:
    found, variants = results("1\nerror\n", "1\n", "1\nerror\n")
    out = pages.render(PAGE, "p.md", found, "en", show_failures=False, variants=variants)
    assert "Same output with Keras on NumPy." in out
    assert '??? note "Output, Keras JAX backend"\n\n    ```{.text .docsite-backend-output}\n    1\n    ```' in out


def test_every_snippet_that_uses_keras_alone_ran_on_jax_and_numpy_unless_it_says_why_not() -> None:
    expected = {s.name: {"jax", "numpy"} - {e.backend for e in s.elsewhere if e.kind == "not-on"} for s in discover()}
    expected = {name: backends for name, backends in expected.items() if load(name).variants()}
    assert expected and {name: set(on) for name, on in published_variants().items()} == expected


def declaring(directive: str, folder: Path) -> Snippet:
    return load("demo/hello.py", _demo(f"# docs: {directive}\nimport keras\nprint('hello')\n", folder))


def _demo(code: str, folder: Path) -> Path:
    (folder / "demo").mkdir()
    (folder / "demo/hello.py").write_text(code, encoding="utf-8")
    (folder / "demo/comments.zh.toml").write_text('["hello.py"]\n"it needs a GPU" = "它需要 GPU"\n', encoding="utf-8")
    return folder


def test_a_backend_a_snippet_must_not_run_on_is_not_run_and_the_page_says_why(tmp_path: Path) -> None:
    s = declaring("not-on-numpy=it needs a GPU", tmp_path)
    assert [v.backend for v in s.variants()] == ["jax"]
    found = {s.name: Result(s, "d", stdout="hello\n")}
    variants = {s.name: {"jax": Result(s.variants()[0], "d", stdout="hello\n")}}
    out = pages.render(PAGE, "p.md", found, "en", show_failures=False, variants=variants)
    assert "Same output with Keras on JAX.\n{ .docsite-backends }" in out
    assert "Not run with Keras on NumPy: it needs a GPU\n{ .docsite-backends }" in out
    zh = pages.render(PAGE, "p.md", found, "zh", show_failures=False, variants=variants)
    assert "未在 Keras 的 NumPy 后端上运行：它需要 GPU" in zh


def test_a_backend_it_fails_on_shows_the_reason_and_the_real_error(tmp_path: Path) -> None:
    s = declaring("fails-on-numpy=it needs a GPU", tmp_path)
    jax, numpy = s.variants()
    failed = Result(
        numpy, "d", stdout="", error="Traceback ...\nRuntimeError: no GPU\n", raised="RuntimeError", exit_code=1
    )
    assert failed.problem is None
    variants = {s.name: {"jax": Result(jax, "d", stdout="hello\n"), "numpy": failed}}
    out = pages.render(
        PAGE, "p.md", {s.name: Result(s, "d", stdout="hello\n")}, "en", show_failures=False, variants=variants
    )
    assert "With Keras on NumPy it stops with an error: it needs a GPU\n{ .docsite-backends }" in out
    assert '??? note "Output, Keras NumPy backend"' in out and "    RuntimeError: no GPU" in out
    zh = pages.render(
        PAGE, "p.md", {s.name: Result(s, "d", stdout="hello\n")}, "zh", show_failures=False, variants=variants
    )
    assert "换用 Keras 的 NumPy 后端会报错：它需要 GPU" in zh
    # Declared, but it ran fine there: the declaration is wrong.
    assert "declared to fail on the Keras numpy backend (line 1)" in Result(numpy, "d", stdout="hello\n").problem


def test_a_failure_on_another_backend_that_is_not_declared_stops_the_build(tmp_path: Path) -> None:
    (_, numpy) = load("demo/hello.py", _demo("import keras\nprint('hello')\n", tmp_path)).variants()
    problem = Result(
        numpy, "d", error="Traceback ...\nRuntimeError: no GPU\n", raised="RuntimeError", exit_code=1
    ).problem
    assert problem and "fails on the Keras numpy backend" in problem and "RuntimeError: no GPU" in problem
    assert "'# docs: fails-on-numpy=<reason>'" in problem and "'# docs: not-on-numpy=<reason>'" in problem


def test_a_directive_about_the_snippets_own_backend_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SnippetError, match=r"hello\.py:1: 'docs: fails-on-tensorflow' needs another backend"):
        declaring("fails-on-tensorflow=never", tmp_path)


def test_the_input_dim_answer_shows_at_a_glance_that_jax_raises_no_error(site: Path) -> None:
    """On TensorFlow an id past input_dim raises; on JAX the same script prints no error line."""
    for lang in ("en", "zh"):
        html = soup(page_html(site, lang, "questions/input-dim.md"))
        folds = {d.select_one("summary").get_text(strip=True): d.get_text() for d in html.select("details.note")}
        jax = next(text for title, text in folds.items() if "JAX" in title)
        assert "InvalidArgumentError" in html.select_one("article").get_text()
        assert "Embedding(input_dim=10): no error raised" in jax and "Error" not in jax


def test_a_backend_said_to_print_the_same_also_writes_the_same_files() -> None:
    """Figures are drawn from files a snippet writes on TensorFlow. "Same output with Keras on
    JAX" covers them too: a backend that writes other bytes must print something else as well,
    so that the page shows its own output instead of claiming the same."""
    published, same = published_results(), 0
    for name, on in published_variants().items():
        for backend, result in on.items():
            if published[name].artifacts and result.output == published[name].output:
                same += 1
                assert result.artifacts == published[name].artifacts, (
                    f"snippets/{name}: the page says {backend} prints the same, but it wrote other files"
                )
    assert same >= 2
