"""Outputs on every Keras backend a reader runs: each snippet that uses Keras alone also runs on
JAX and NumPy, and its page says which print the same and shows, folded, what the others print."""

from __future__ import annotations

from pathlib import Path

from docsite import pages
from docsite.runner import Result
from docsite.snippet import Snippet, discover
from tests.helpers import page_html, published_variants, soup

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


def test_every_snippet_that_uses_keras_alone_ran_on_jax_and_numpy() -> None:
    expected = {s.name for s in discover() if s.variants()}
    assert expected and {name for name, on in published_variants().items() if set(on) == {"jax", "numpy"}} == expected


def test_the_input_dim_answer_shows_at_a_glance_that_jax_raises_no_error(site: Path) -> None:
    """On TensorFlow an id past input_dim raises; on JAX the same script prints no error line."""
    for lang in ("en", "zh"):
        html = soup(page_html(site, lang, "questions/input-dim.md"))
        folds = {d.select_one("summary").get_text(strip=True): d.get_text() for d in html.select("details.note")}
        jax = next(text for title, text in folds.items() if "JAX" in title)
        assert "InvalidArgumentError" in html.select_one("article").get_text()
        assert "Embedding(input_dim=10): no error raised" in jax and "Error" not in jax
