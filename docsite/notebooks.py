"""The notebook edition: one notebook per tutorial section and language, made from the pages.

Markdown cells carry the page prose in that language, code cells are the snippets as the
pages show them, and outputs are the results the build produced for the pages, so a notebook can never
drift from its pages. mkdocs-jupyter renders it (no second execution) and offers the .ipynb
for download; tests/test_notebooks.py runs each notebook in a fresh kernel and compares.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import json
import re
import sys
import types
from pathlib import Path

from docsite import ROOT, i18n, pages, write_atomic
from docsite.cache import remember
from docsite.runner import Result, environment_fingerprint

NOTEBOOK_DIR = ROOT / ".cache" / "notebooks"
SITE_URI = "notebooks/{name}.ipynb"


def sections(lang: str) -> dict[str, tuple[str, list[str]]]:
    """The notebooks the nav of `lang` lists: name -> (its title in the nav, the pages of its
    nav section in reading order). A section that lists `notebooks/<name>.ipynb` is that notebook."""
    found: dict[str, tuple[str, list[str]]] = {}

    def walk(items: list) -> None:
        # An item is "page.md", {"title": "page.md"} or {"title": [items]}.
        entries = [(None, item) if isinstance(item, str) else next(iter(item.items())) for item in items]
        members = [value for _, value in entries if isinstance(value, str) and value.endswith(".md")]
        for title, value in entries:
            if isinstance(value, list):
                walk(value)
            elif value.startswith("notebooks/") and value.endswith(".ipynb"):
                found[value.removeprefix("notebooks/").removesuffix(".ipynb")] = (title, members)

    walk(i18n.language(lang).nav)
    return found


# mkdocs-jupyter renders the notebook pages from the .ipynb files written here (no execution).
# Its own cache is off: it stored the rendered page unchecked (an edit to it was published) and
# wrote it in place (two builds at once read half a file); `_Converter` caches instead.
JUPYTER_OPTIONS = {
    "include": ["*.ipynb"],
    "ignore": ["*.md"],
    "execute": False,
    "include_source": True,
    "cache": False,
}
RENDERED_DIR = ROOT / ".cache" / "notebook-pages"


class _Converter:
    """Stands in for `mkdocs_jupyter.convert`: the same conversions, each kept by the hash of
    the notebook, the options and the installed versions (docsite.cache.remember)."""

    def __getattr__(self, name: str):
        convert = importlib.import_module("mkdocs_jupyter.convert")

        def cached(path: str, **options) -> str:
            source = Path(path)
            key = hashlib.sha256(
                "\n".join(
                    [name, source.read_text(encoding="utf-8"), repr(sorted(options.items())), environment_fingerprint()]
                ).encode()
            ).hexdigest()
            entry = RENDERED_DIR / f"{source.relative_to(NOTEBOOK_DIR).as_posix().replace('/', '-')}.{name}.json"
            return remember(entry, key, lambda: getattr(convert, name)(path, **options))

        return cached


class _OnFirstUse(types.ModuleType):
    """Stands in for a module until one of its attributes is read, then imports it."""

    def __getattr__(self, attr: str):
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attr)


def jupyter_plugin(lang: str):
    """mkdocs-jupyter, set up by the hooks rather than listed under `plugins:` so that what it
    imports at the top of its plugin for converting (nbconvert, jupytext: about 0.6 s) loads
    only when a notebook is converted, that is when its cache misses: a build where nothing
    changed imports neither. (jupytext reads `.md` notebooks, which are not used here.)"""
    import mkdocs_jupyter

    for name in ("mkdocs_jupyter.convert", "jupytext"):
        if name not in sys.modules:
            sys.modules[name] = _OnFirstUse(name)
    if not isinstance(getattr(mkdocs_jupyter, "convert", None), types.ModuleType):
        # `from . import convert` takes the package attribute as it is; found only in
        # sys.modules, it would be imported at once.
        mkdocs_jupyter.convert = sys.modules["mkdocs_jupyter.convert"]
    from mkdocs_jupyter import plugin as jupyter

    jupyter.convert = _Converter()
    plugin = jupyter.Plugin()
    errors, _ = plugin.load_config(JUPYTER_OPTIONS)
    if errors:
        raise ValueError(f"mkdocs-jupyter options: {errors}")
    return plugin


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^(?P<level>#{1,6}) (?P<text>.*?)[ \t]*\{ *#(?P<id>[\w-]+) *\}[ \t]*$", re.M)
_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")
# An interactive figure (overrides/assets/figures.js) and its fallback text: only the site draws it.
_FIGURE = re.compile(r'^<div class="docsite-[\w-]+"[^>]*>\n.*?^</div>[ \t]*\n?', re.M | re.S)


def _prose(markdown: str, lang: str, shift: int = 0, title: str | None = None) -> str:
    """Page prose as notebook markdown: no heading ids, no interactive figures, admonitions as
    callouts, and links to other pages reduced to their text (the notebook is read outside the site too)."""

    # Headings keep the page's ids (same in both languages) as HTML: nbconvert would derive
    # ids from the heading text, which come out empty for Chinese headings.
    def heading(m: re.Match) -> str:
        level = min(6, len(m["level"]) + shift)
        if level == 1 and title:
            return f'<h1 id="{m["id"]}">{html.escape(title, quote=False)}</h1>'
        return f'<h{level} id="{m["id"]}">{html.escape(m["text"], quote=False)}</h{level}>'

    text = _HEADING.sub(heading, _FIGURE.sub("", markdown))
    text = re.sub(rf"^{re.escape(i18n.language(lang).strings['next'])}.*$", "", text, flags=re.M)
    text = _LINK.sub(r"\1", text)
    # Admonitions become HTML with the theme's classes: a callout on the site, a plain box
    # in Jupyter. Blank lines around the body keep it markdown.
    out: list[str] = []
    inside = False
    for line in text.split("\n"):
        m = re.match(r'^!!! (\w+) "(.*)"$', line)
        if m:
            out += [f'<div class="admonition {m[1]}">', f'<p class="admonition-title">{html.escape(m[2])}</p>', ""]
            inside = True
        elif inside and (line.startswith("    ") or not line.strip()):
            out.append(line[4:])
        else:
            if inside:
                _close(out)
            inside = False
            out.append(line)
    if inside:
        _close(out)
    return "\n".join(out).strip()


def _close(lines: list[str]) -> None:
    while lines and not lines[-1].strip():
        lines.pop()
    lines += ["", "</div>", ""]


def _output(result: Result) -> list:
    from nbformat.v4 import new_output

    outputs = []
    if result.stdout:
        outputs.append(new_output("stream", name="stdout", text=result.stdout))
    if result.error:
        lines = result.error.rstrip("\n").split("\n")
        ename = result.raised or "Exception"
        evalue = lines[-1].split(":", 1)[-1].strip() if ":" in lines[-1] else lines[-1]
        outputs.append(new_output("error", ename=ename, evalue=evalue, traceback=lines))
    return outputs


def _read(lang: str, page: str, docs: Path) -> tuple[str, list[pages.Include]]:
    """A page's text without its front matter, and its includes (errors name the file's lines)."""
    raw = (docs / lang / page).read_text(encoding="utf-8")
    text = _FRONT_MATTER.sub("", raw)
    return text, pages.find_includes(text, f"docs/{lang}/{page}", raw[: len(raw) - len(text)].count("\n"))


def build(name: str, lang: str, results: dict[str, Result], docs: Path):
    """The notebook `name` in language `lang` (an nbformat NotebookNode)."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = []
    count = 0
    title, members = sections(lang)[name]
    for number, page in enumerate(members):
        shift = 1 if number else 0  # one h1 per notebook: later pages become its sections
        text, includes = _read(lang, page, docs)
        lines = text.split("\n")
        start = 0
        for inc in includes:
            if inc.name not in results:
                raise pages.PageError(
                    f'docs/{lang}/{page}:{inc.lineno}: includes "{inc.name}", which is not a file in snippets/'
                )
            chunk = _prose("\n".join(lines[start : inc.index - 1]), lang, shift, title)
            if chunk:
                cells.append(new_markdown_cell(chunk))
            count += 1
            result = results[inc.name]
            cell = new_code_cell(result.snippet.shown, execution_count=count)
            cell.outputs = _output(result)
            cell.metadata["docsite"] = {"snippet": inc.name}
            if result.snippet.raises:
                cell.metadata["tags"] = ["raises-exception"]  # Jupyter runs on past this cell
            cells.append(cell)
            start = inc.end + 1
        chunk = _prose("\n".join(lines[start:]), lang, shift, title)
        if chunk:
            cells.append(new_markdown_cell(chunk))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number:03d}"  # nbformat draws random ids; stable ones keep the file stable
    nb = new_notebook(cells=cells)
    nb.metadata.update(
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
        language_info={"name": "python"},
    )
    return nb


def _inputs(name: str, lang: str, results: dict[str, Result], docs: Path) -> str:
    """Hash of everything a notebook is made from: when it is unchanged, so is the notebook."""
    title, members = sections(lang)[name]
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(json.dumps([title, members, i18n.language(lang).strings]).encode())
    for page in members:
        text, includes = _read(lang, page, docs)
        h.update(text.encode())
        for inc in includes:
            result = results.get(inc.name)  # only what it includes: other snippets leave it as it is
            h.update(f"{inc.name}:{result and result.digest}:{result and result.problem}".encode())
    return h.hexdigest()


def write_all(lang: str, results: dict[str, Result], docs: Path) -> dict[str, Path]:
    """Write every notebook of `lang` under .cache/notebooks/<lang>/; returns site uri -> path.
    A notebook whose inputs did not change is left as it is (and nbformat is not imported)."""
    written = {}
    for name in sections(lang):
        path = NOTEBOOK_DIR / lang / SITE_URI.format(name=name)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Beside it: the hash of its inputs and of the file itself (a damaged file is remade).
        stamp = path.with_suffix(".inputs")
        key = _inputs(name, lang, results, docs)
        current = path.exists() and stamp.exists()
        if not current or stamp.read_text() != f"{key} {hashlib.sha256(path.read_bytes()).hexdigest()}":
            import nbformat

            text = nbformat.writes(build(name, lang, results, docs))
            write_atomic(path, text)
            write_atomic(stamp, f"{key} {hashlib.sha256(text.encode()).hexdigest()}")
        written[SITE_URI.format(name=name)] = path
    return written


def section_of(page: str, lang: str) -> str | None:
    return next((name for name, (_, members) in sections(lang).items() if page in members), None)
