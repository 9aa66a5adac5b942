"""Find snippet includes in a page's markdown and put each snippet's real output under it.

A page shows code only as an include inside a python fence:

    ```python
    --8<-- "tutorial/puzzle.py"
    ```

`render` keeps the include (pymdownx.snippets expands it) and appends the output block,
marked for pytest-codeblocks so the test suite compares it with a fresh run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from docsite.runner import Result

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<name>[^"]+)"[ \t]*$')
_CODE_LANGS = {"python", "py", "python3", "pycon", "ipython"}

OUTPUT_TITLE = {"en": "Output", "zh": "输出"}
FAILED_TITLE = {"en": "This snippet failed", "zh": "此示例运行失败"}


class PageError(Exception):
    """A problem in a page's source; the message starts with `path:line:`."""


@dataclass(frozen=True)
class Include:
    name: str  # path inside snippets/
    index: int  # line of the opening fence in the text, 1-based
    lineno: int  # the same line in the source file (after front matter)
    indent: str
    ticks: str
    end: int  # index of the closing fence line, 0-based


def find_includes(text: str, src: str, line_offset: int = 0) -> list[Include]:
    """Every python fence in the page, each of which must include exactly one snippet.

    `line_offset` is the number of source lines before `text` (front matter), so that
    errors name the line of the file.
    """
    lines = text.split("\n")
    found: list[Include] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        ticks, info = m["ticks"], m["info"]
        close = i + 1
        while close < len(lines) and not (
            lines[close].strip().startswith(ticks) and lines[close].strip().strip(ticks[0]) == ""
        ):
            close += 1
        if close == len(lines):
            raise PageError(f"{src}:{line_offset + i + 1}: code fence is never closed")
        lang = info.split()[0].lower().lstrip(".{") if info else ""
        if lang in _CODE_LANGS:
            body = [line for line in lines[i + 1 : close] if line.strip()]
            inc = _INCLUDE.match(body[0]) if len(body) == 1 else None
            if inc is None:
                raise PageError(
                    f"{src}:{line_offset + i + 1}: inline Python in a page; put the code in snippets/ and include it "
                    'with a single line --8<-- "path/in/snippets.py" inside the fence'
                )
            if info != "python":
                raise PageError(
                    f"{src}:{line_offset + i + 1}: write the fence as ```python (got ```{info}) "
                    "so pytest-codeblocks collects it"
                )
            found.append(Include(inc["name"], i + 1, line_offset + i + 1, m["indent"], ticks, close))
        i = close + 1
    return found


def _fence_for(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def output_block(result: Result, lang: str, indent: str) -> tuple[list[str], list[str]]:
    """Markdown lines to put before and after a snippet's fence: test markers and output."""
    snippet = result.snippet
    body = result.output.removesuffix("\n")  # exact: pytest-codeblocks compares whole lines
    fence = _fence_for(body)
    before: list[str] = []
    after = [""]
    if snippet.raises:
        # pytest-codeblocks stops at the exception and cannot compare the output; this mark
        # makes it check that the block raises. The runner checks the exception class.
        before = [
            f'<!--pytest.mark.xfail(strict=True, raises=RuntimeError, reason="declared to raise {snippet.raises}")-->',
            "",
        ]
    elif snippet.isolated:
        # Checked by tests/test_snippets.py, which runs every snippet in a fresh interpreter.
        before = [f'<!--pytest.mark.skip(reason="needs its own interpreter: {snippet.isolated}")-->', ""]
    elif snippet.unchecked:
        after.append(f"<!-- output not compared by the tests: {snippet.unchecked} -->")
    else:
        after.append("<!--pytest-codeblocks:expected-output-->")
    after += ["", f'{fence}text title="{OUTPUT_TITLE[lang]}"', *body.split("\n"), fence, ""]
    return _indent(before, indent), _indent(after, indent)


def _indent(lines: list[str], indent: str) -> list[str]:
    return [indent + line if line else line for line in lines]


def failure_block(name: str, problem: str, lang: str, indent: str) -> list[str]:
    """Shown instead of the output under `mkdocs serve` when a snippet failed."""
    fence = _fence_for(problem)
    lines = [
        "",
        f'!!! failure "{FAILED_TITLE[lang]}: snippets/{name}"',
        "",
        f"    {fence}text",
        *("    " + line for line in problem.split("\n")),
        f"    {fence}",
        "",
    ]
    return _indent(lines, indent)


def render(
    text: str, src: str, results: dict[str, Result], lang: str, *, show_failures: bool, line_offset: int = 0
) -> str:
    """The page with an output block after every include.

    A snippet whose result has a problem raises, unless `show_failures` (serve mode),
    in which case the page shows the problem where the output would be.
    """
    lines = text.split("\n")
    for inc in reversed(find_includes(text, src, line_offset)):
        result = results.get(inc.name)
        if result is None:
            raise PageError(f'{src}:{inc.lineno}: includes "{inc.name}", which is not a file in snippets/')
        problem = result.problem
        before: list[str] = []
        if problem is None:
            before, after = output_block(result, lang, inc.indent)
        elif show_failures:
            after = failure_block(inc.name, problem, lang, inc.indent)
        else:
            raise PageError(f"{src}:{inc.lineno}: snippets/{inc.name} {problem}")
        lines[inc.end + 1 : inc.end + 1] = after
        # Name the file above the code, as a reader would save it.
        lines[inc.index - 1] = f'{inc.indent}{inc.ticks}python title="{Path(inc.name).name}"'
        lines[inc.index - 1 : inc.index - 1] = before
    return "\n".join(lines)


def fingerprint(text: str, snippets_root: Path) -> str:
    """Hash of a page source and the snippets it includes: tells whether a built copy is current."""
    h = hashlib.sha256(text.encode())
    for name in (inc.name for inc in find_includes(text, "<page>")):
        path = snippets_root / name
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    return h.hexdigest()


FINGERPRINT_LINE = "<!-- docsite-source: {} -->"
