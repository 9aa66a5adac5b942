"""How a page's markdown gets its outputs, and the errors a page author sees."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest

from docsite import pages
from docsite.runner import Result
from docsite.snippet import Snippet

PAGE = """# Title { #title }

Some prose.

```python
--8<-- "demo/hello.py"
```

More prose.
"""


def result(stdout: str = "hello\n", error: str | None = None, **snippet) -> Result:
    s = Snippet("demo/hello.py", "print('hello')\n", **snippet)
    return Result(
        s, "d", stdout=stdout, error=error, raised="ValueError" if error else None, exit_code=1 if error else 0
    )


def test_output_goes_right_under_the_code_with_a_test_marker() -> None:
    out = pages.render(PAGE, "docs/en/p.md", {"demo/hello.py": result()}, "en", show_failures=False)
    assert "```python title=\"hello.py\"\nprint('hello')\n```\n\n<!--pytest-codeblocks:expected-output-->" in out
    assert '```{.text .docsite-output title="Output"}\nhello\n```' in out
    assert out.endswith("More prose.\n")


def test_directives_are_not_shown_and_pytest_codeblocks_reads_bare_fences() -> None:
    s = Snippet("demo/hello.py", "# docs: timeout=5\nprint('hello')\n", timeout=5)
    out = pages.render(PAGE, "p.md", {s.name: Result(s, "d", stdout="hello\n")}, "en", show_failures=False)
    assert "docs: timeout" not in out
    assert "```python title=\"hello.py\"\nprint('hello')\n```" in out
    assert "```python\nprint('hello')\n```" in pages.without_code_titles(out)


def test_a_snippet_with_a_fence_line_gets_a_longer_code_fence() -> None:
    """A ``` line inside a snippet must not end its code block, on the page or for the tests."""
    from pytest_codeblocks import extract_from_buffer

    code = 'print("""\n```\nnot a fence\n```""")\n'
    s = Snippet("demo/hello.py", code)
    ok = Result(s, "d", stdout="\n```\nnot a fence\n```\n")
    out = pages.render(PAGE, "p.md", {s.name: ok}, "en", show_failures=False)
    assert '````python title="hello.py"\n' + code + "````\n" in out
    (block,) = extract_from_buffer(io.StringIO(pages.without_code_titles(out)))
    assert block.code == code and block.expected_output == ok.stdout
    assert out.endswith("More prose.\n")


def test_keras_outputs_name_their_backend() -> None:
    s = Snippet("demo/hello.py", "import keras\nprint(keras.backend.backend())\n", backend="jax")
    res = {s.name: Result(s, "d", stdout="jax\n")}
    assert '```{.text .docsite-output title="Output, Keras JAX backend"}' in pages.render(
        PAGE, "p.md", res, "en", show_failures=False
    )
    assert '```{.text .docsite-output title="输出（Keras 后端：JAX）"}' in pages.render(
        PAGE, "p.md", res, "zh", show_failures=False
    )


def test_an_oversized_page_is_refused() -> None:
    big = result("x" * 100 + "\n")
    with pytest.raises(pages.PageError, match=r"p.md:1: the page with its outputs has"):
        pages.render(PAGE + "y" * pages.MAX_PAGE_BYTES, "p.md", {"demo/hello.py": big}, "en", show_failures=False)


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("---\ndescription: Mistakes: ids out of range\n---\n# T\n", 2),
        ("---\ntitle: ok\ndescription: [unclosed\n---\n# T\n", 4),
    ],
)
def test_front_matter_that_does_not_parse_names_file_and_line(raw: str, line: int) -> None:
    with pytest.raises(pages.PageError, match=rf"^docs/en/p.md:{line}: front matter is not valid YAML"):
        read(raw, "docs/en/p.md")


def test_valid_front_matter_is_split_off() -> None:
    source = read('---\ndescription: "a: b"\n---\n# T\n', "p.md")
    assert (source.front_matter, source.body, source.offset) == ('---\ndescription: "a: b"\n---\n', "# T\n", 3)


def test_chinese_pages_title_the_output_in_chinese() -> None:
    out = pages.render(PAGE, "docs/zh/p.md", {"demo/hello.py": result()}, "zh", show_failures=False)
    assert '```{.text .docsite-output title="输出"}' in out


def test_output_with_backticks_gets_a_longer_fence() -> None:
    out = pages.render(PAGE, "p.md", {"demo/hello.py": result("a ``` b\n")}, "en", show_failures=False)
    assert '````{.text .docsite-output title="Output"}\na ``` b\n````' in out


def test_declared_error_is_marked_for_pytest_before_the_code() -> None:
    err = 'Traceback (most recent call last):\n  File "hello.py", line 1\nValueError: no\n'
    out = pages.render(PAGE, "p.md", {"demo/hello.py": result("", err, raises="ValueError")}, "en", show_failures=False)
    mark = out.index("pytest.mark.xfail(strict=True")
    assert mark < out.index("```python")
    assert "ValueError: no" in out and "expected-output" not in out


def test_inline_python_is_refused_with_file_and_line() -> None:
    text = "---\ntitle: x\n---\n\n```python\nprint(1)\n```\n"
    body = text.split("---\n", 2)[2]
    with pytest.raises(pages.PageError, match=r"^docs/en/x.md:5: inline Python"):
        pages.find_includes(body, "docs/en/x.md", line_offset=3)


def test_other_python_fence_spellings_are_refused() -> None:
    with pytest.raises(pages.PageError, match=r"p.md:1: write the fence as ```python"):
        pages.find_includes('```py\n--8<-- "a.py"\n```\n', "p.md")


def test_unclosed_fence_is_refused() -> None:
    with pytest.raises(pages.PageError, match=r"p.md:2: code fence is never closed"):
        pages.find_includes('text\n```python\n--8<-- "a.py"\n', "p.md")


def test_missing_snippet_names_page_and_line() -> None:
    with pytest.raises(pages.PageError, match=r'docs/en/p.md:5: includes "demo/hello.py", which is not a file'):
        pages.render(PAGE, "docs/en/p.md", {}, "en", show_failures=False)


def test_failed_snippet_stops_the_build_naming_it() -> None:
    failed = result("", "Traceback (most recent call last):\nZeroDivisionError: division by zero\n")
    with pytest.raises(pages.PageError, match=r"p.md:5: snippets/demo/hello.py failed:\nTraceback"):
        pages.render(PAGE, "p.md", {"demo/hello.py": failed}, "en", show_failures=False)


def test_failed_snippet_is_shown_on_the_page_when_serving() -> None:
    failed = result("", "Traceback (most recent call last):\nZeroDivisionError: division by zero\n")
    out = pages.render(PAGE, "p.md", {"demo/hello.py": failed}, "en", show_failures=True)
    assert '!!! failure "This snippet failed: snippets/demo/hello.py"' in out
    assert "    ZeroDivisionError: division by zero" in out


def read(text: str, src: str) -> pages.Source:
    path = Path(tempfile.mkdtemp()) / "p.md"
    path.write_text(text, encoding="utf-8")
    return pages.read(path, src)
