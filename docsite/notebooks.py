"""The notebook edition: one notebook per tutorial section and language, made from the pages.

Markdown cells carry the page prose in that language, code cells are the snippets as the
pages show them, and outputs are the results the build produced for the pages, so a notebook
can never drift from its pages. mkdocs-jupyter's converter turns it into its page at stage time
(no second execution), with the .ipynb beside it for download; tests/test_notebooks.py runs
each notebook in a fresh kernel and compares.
"""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
from pathlib import Path

from docsite import ROOT, comments, i18n, notebook_css, pages
from docsite.cache import remember
from docsite.runner import Result, environment

PAGE_URI = "notebooks/{name}.md"  # in the staged docs: the rendered page
FILE_URI = "notebooks/{name}/{name}.ipynb"  # beside it once rendered: what the download button gets
NAV_URI = "notebooks/{name}.ipynb"  # how a config's nav names the notebook


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


# mkdocs-jupyter's converter, called as a library with its plugin's defaults: the notebook
# page is rendered at stage time, so any renderer shows it. No execution: the outputs in
# the notebook are the build's.
CONVERTER_OPTIONS = {"execute": False, "theme": "", "allow_errors": True, "custom_mathjax_url": ""}
RENDERED_DIR = ROOT / ".cache" / "notebook-pages"


def to_html(name: str, lang: str, notebook: str, words: dict[str, str]) -> str:
    """The notebook's page body: mkdocs-jupyter's HTML, kept by the hash of the notebook, the
    options and the installed versions (docsite.cache.remember), with only the CSS it uses, a
    download button, and the copy buttons in the page's language."""
    digest = hashlib.sha256(
        "\n".join([notebook, repr(sorted(CONVERTER_OPTIONS.items())), environment()]).encode()
    ).hexdigest()

    def convert() -> str:
        from mkdocs_jupyter.nbconvert2 import nb2html

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, f"{name}.ipynb")
            path.write_text(notebook, encoding="utf-8")
            return nb2html(str(path), **CONVERTER_OPTIONS)

    html_text = remember(RENDERED_DIR / f"{lang}-{name}.json", digest, convert)
    html_text = notebook_css.trim(html_text, f"{lang}-{name}")
    # mkdocs-jupyter's copy buttons speak English on every site, and carry a stray `,` attribute.
    html_text = html_text.replace('aria-label="Copy to Clipboard"', f'aria-label="{words["copy"]}"')
    html_text = re.sub(r'(<clipboard-copy\b[^>]*?)\s*,(?:="")?(?=[\s>])', r"\1", html_text)
    html_text = html_text.replace(">Copied!</span>", f">{words['copied']}</span>")
    label = words["notebook_download"].format(name=f"{name}.ipynb")
    button = f'<p><a class="md-button md-button--primary" href="{name}.ipynb" download>{label}</a></p>'
    return button + html_text


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


def _includes(source: pages.Source) -> list[pages.Include]:
    return pages.find_includes(source.body, source.src, source.offset)


def build(
    name: str,
    lang: str,
    results: dict[str, Result],
    sources: dict[str, pages.Source],
    variants: dict[str, dict[str, Result]] | None = None,
) -> str:
    """The notebook `name` in language `lang`, as .ipynb text; `sources` are that language's pages
    (already rendered, so every include names a snippet with a result)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = []
    count = 0
    title, members = sections(lang)[name]
    for number, page in enumerate(members):
        shift = 1 if number else 0  # one h1 per notebook: later pages become its sections
        source = sources[page]
        lines = source.body.split("\n")
        start = 0
        for inc in _includes(source):
            chunk = _prose("\n".join(lines[start : inc.index - 1]), lang, shift, title)
            if chunk:
                cells.append(new_markdown_cell(chunk))
            count += 1
            result = results[inc.name]
            code = comments.localized(result.snippet, i18n.language(lang).strings["code_comments"])
            cell = new_code_cell(code, execution_count=count)
            cell.outputs = _output(result)
            cell.metadata["docsite"] = {"snippet": inc.name}
            if result.snippet.raises:
                cell.metadata["tags"] = ["raises-exception"]  # Jupyter runs on past this cell
            cells.append(cell)
            on = (variants or {}).get(inc.name, {})
            differ = [name for b, name in pages.BACKEND_NAMES.items() if b in on and on[b].output != result.output]
            if differ:  # the notebook keeps the TensorFlow output; the page shows the others
                words = i18n.language(lang).strings
                cells.append(new_markdown_cell(f"*{words['differs_on'].format(backends=pages.join(differ, lang))}*"))
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
    return nbformat.writes(nb)


def section_of(page: str, lang: str) -> str | None:
    return next((name for name, (_, members) in sections(lang).items() if page in members), None)
