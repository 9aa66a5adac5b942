"""Find snippet includes in a page's markdown and put each snippet's real output under it.

A page shows code only as an include inside a python fence:

    ```python
    --8<-- "tutorial/puzzle.py"
    ```

`render` replaces the include with the snippet as a reader sees it (its `# docs:` directives
left out, in a fence longer than any run of backticks inside it) and appends the output
block, marked for pytest-codeblocks so the test suite compares it with a fresh run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docsite import comments, i18n
from docsite.runner import Result
from docsite.snippet import imported_roots

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<name>[^"]+)"[ \t]*$')
_CODE_LANGS = {"python", "py", "python3", "pycon", "ipython"}

BACKEND_NAMES = {"tensorflow": "TensorFlow", "jax": "JAX", "numpy": "NumPy"}
MAX_PAGE_BYTES = 300_000  # of markdown once outputs are in; the search index carries it all
_SITE_FILE = re.compile(r"snippet-files/[\w.\-/]+")


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


_ROOT_ABSOLUTE = re.compile(r"""\b(?:href|src)\s*=\s*["']/(?!/)""")


def check_links(text: str, src: str, line_offset: int = 0) -> None:
    """Raw HTML links must be relative: a root-absolute one (`href="/deeper/"`) takes a Chinese
    reader to the English page, and is a 404 on a site published under a path (`/<repo>/`).
    (mkdocs checks markdown links itself: `validation.absolute_links`.)"""
    fence = ""
    for number, line in enumerate(text.split("\n"), line_offset + 1):
        m = _FENCE.match(line)
        if m and (not fence or m["ticks"].startswith(fence)):
            fence = "" if fence else m["ticks"]
            continue
        if not fence and _ROOT_ABSOLUTE.search(line):
            raise PageError(
                f"{src}:{number}: a root-absolute link in HTML ({_ROOT_ABSOLUTE.search(line).group()}...); "
                'write it relative to the page, as in href="../deeper/cost/"'
            )


_CODE_TITLE = re.compile(r'^(?P<fence>[ \t]*`{3,}python) title="[^"\n]*"[ \t]*$', re.M)


def without_code_titles(text: str) -> str:
    """A rendered page as pytest-codeblocks must read it: it collects a fence only when its info
    string is exactly `python`, so the file-name titles `render` gives code fences go (the
    lines stay where they are)."""
    return _CODE_TITLE.sub(r"\g<fence>", text)


def _fence_for(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _words(lang: str) -> dict[str, str]:
    return i18n.language(lang).strings


def code_title(result: Result, lang: str) -> str:
    """The file name a reader saves it as, and what to install besides TensorFlow."""
    name, needs = Path(result.snippet.name).name, result.requirements
    return _words(lang)["needs"].format(name=name, packages=", ".join(needs)) if needs else name


def output_title(result: Result, lang: str) -> str:
    """'Output', naming the Keras backend when the snippet uses Keras or TensorFlow."""
    if imported_roots(result.snippet.text) & {"keras", "tf_keras"} or "tf.keras" in result.snippet.text:
        return _words(lang)["output_on_backend"].format(backend=BACKEND_NAMES[result.snippet.backend])
    return _words(lang)["output"]


def output_block(
    result: Result, lang: str, indent: str, variants: dict[str, Result] | None = None
) -> tuple[list[str], list[str]]:
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
    elif snippet.isolated or snippet.backend != "tensorflow":
        # pytest-codeblocks runs every block in one process, where Keras is already imported
        # with the TensorFlow backend; tests/test_snippets.py runs these in fresh interpreters.
        why = snippet.isolated or f"runs on the Keras {BACKEND_NAMES[snippet.backend]} backend"
        before = [f'<!--pytest.mark.skip(reason="needs its own interpreter: {why}")-->', ""]
    elif snippet.unchecked:
        after.append(f"<!-- output not compared by the tests: {snippet.unchecked} -->")
    else:
        after.append("<!--pytest-codeblocks:expected-output-->")
    # A class of its own, so outputs do not look like code (overrides/assets/extra.css).
    title = output_title(result, lang)
    after += ["", f'{fence}{{.text .docsite-output title="{title}"}}', *body.split("\n"), fence, ""]
    return _indent(before, indent), _indent(after + backends_block(result, variants or {}, lang), indent)


def join(names: list[str], lang: str) -> str:
    """'JAX', 'JAX and NumPy' in the page's language."""
    return names[0] if len(names) == 1 else _words(lang)["and"].join([", ".join(names[:-1]), names[-1]])


def backends_block(result: Result, variants: dict[str, Result], lang: str) -> list[str]:
    """Under the output: which other Keras backends print the same, the reason a snippet gives
    for failing or not running on one, and, folded, the real output (or error) of each backend
    that prints something else."""
    words, snippet = _words(lang), result.snippet
    variants = {b: variants[b] for b in BACKEND_NAMES if b in variants}  # not in the order they finished
    same = [BACKEND_NAMES[b] for b, r in variants.items() if r.output == result.output]
    lines = []
    if same:
        lines += [words["same_output_on"].format(backends=join(same, lang)), "{ .docsite-backends }", ""]
    for backend in BACKEND_NAMES:
        declared = snippet.on(backend)
        if declared is not None:
            reason = comments.translate(snippet, words["code_comments"], declared.reason)
            says = words["fails_on" if declared.kind == "fails-on" else "not_run_on"]
            lines += [says.format(backend=BACKEND_NAMES[backend], reason=reason), "{ .docsite-backends }", ""]
    for backend, other in variants.items():
        if other.output == result.output:
            continue
        shown = other.output.removesuffix("\n") if other.problem is None else other.problem
        fence = _fence_for(shown)
        title = words["output_on_backend"].format(backend=BACKEND_NAMES[backend])
        lines += [f'??? note "{title}"', "", f"    {fence}{{.text .docsite-backend-output}}"]
        lines += [f"    {line}" if line else line for line in shown.split("\n")] + [f"    {fence}", ""]
    return lines


def _indent(lines: list[str], indent: str) -> list[str]:
    return [indent + line if line else line for line in lines]


def failure_block(name: str, problem: str, lang: str, indent: str) -> list[str]:
    """Shown instead of the output under `mkdocs serve` when a snippet failed."""
    fence = _fence_for(problem)
    lines = [
        "",
        f'!!! failure "{_words(lang)["failed"]}: snippets/{name}"',
        "",
        f"    {fence}text",
        *("    " + line for line in problem.split("\n")),
        f"    {fence}",
        "",
    ]
    return _indent(lines, indent)


def render(
    text: str,
    src: str,
    results: dict[str, Result],
    lang: str,
    *,
    show_failures: bool,
    line_offset: int = 0,
    variants: dict[str, dict[str, Result]] | None = None,
) -> str:
    """The page with every include replaced by its code and followed by its output.

    A snippet whose result has a problem raises, unless `show_failures` (serve mode),
    in which case the page shows the problem where the output would be.
    """
    check_links(text, src, line_offset)
    lines = text.split("\n")
    for inc in reversed(find_includes(text, src, line_offset)):
        result = results.get(inc.name)
        if result is None:
            raise PageError(f'{src}:{inc.lineno}: includes "{inc.name}", which is not a file in snippets/')
        problem = result.problem
        before: list[str] = []
        if problem is None:
            before, after = output_block(result, lang, inc.indent, (variants or {}).get(inc.name))
        elif show_failures:
            after = failure_block(inc.name, problem, lang, inc.indent)
        else:
            raise PageError(f"{src}:{inc.lineno}: snippets/{inc.name} {problem}")
        shown = comments.localized(result.snippet, _words(lang)["code_comments"], strict=not show_failures)
        code = shown.removesuffix("\n").split("\n")
        fence = _fence_for(shown)
        lines[inc.end + 1 : inc.end + 1] = after
        # The code, in a fence no line of it can close; named as a reader would save it.
        lines[inc.index : inc.end + 1] = [*_indent(code, inc.indent), inc.indent + fence]
        lines[inc.index - 1] = f'{inc.indent}{fence}python title="{code_title(result, lang)}"'
        lines[inc.index - 1 : inc.index - 1] = before
    page = "\n".join(lines)
    if len(page.encode()) > MAX_PAGE_BYTES:
        raise PageError(
            f"{src}:1: the page with its outputs has {len(page.encode()):,} bytes, over the limit of "
            f"{MAX_PAGE_BYTES:,}; split it or print less"
        )
    return page


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)  # as mkdocs reads it


@dataclass(frozen=True)
class Source:
    """A page as written: its front matter (the YAML block as it stands) and its body."""

    src: str  # how errors name it: docs/<lang>/<page>
    front_matter: str
    body: str

    @property
    def offset(self) -> int:
        """Lines before the body, so that errors name the file's own lines."""
        return self.front_matter.count("\n")


def read(path: Path, src: str) -> Source:
    """The one reader of page files: front matter split off and checked. mkdocs would show a
    page whose front matter is not valid YAML with that text as content; stop instead,
    naming the line YAML complains about."""
    raw = path.read_text(encoding="utf-8")
    m = _FRONT_MATTER.match(raw)
    if m is None:
        return Source(src, "", raw)
    import yaml

    try:
        data = yaml.load(m[1], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x faster
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        raise PageError(f"{src}:{line}: front matter is not valid YAML: {getattr(e, 'problem', e)}") from None
    if data is not None and not isinstance(data, dict):
        raise PageError(f"{src}:2: front matter must be 'key: value' lines, got {type(data).__name__}")
    return Source(src, m[0], raw[m.end() :])


def linked_files(texts: Iterable[str]) -> set[str]:
    """Files under snippet-files/ that these pages link to: only these are published."""
    return {m.rstrip(".") for text in texts for m in _SITE_FILE.findall(text)}
