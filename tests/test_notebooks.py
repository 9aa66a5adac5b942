"""The notebook edition matches the pages, runs in a fresh kernel, and is on the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import mkdocs_jupyter
import nbformat
import pytest
from nbclient import NotebookClient

from docsite import comments, copy_project, i18n, notebooks, pages
from docsite.runner import Result
from docsite.snippet import load
from docsite.stage import STAGE_DIR
from tests.browser_support import Tab
from tests.helpers import published_results, source

CASES = [(name, lang.code) for lang in i18n.languages() for name in notebooks.sections(lang.code)]


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return published_results()


def generated(name: str, lang: str) -> nbformat.NotebookNode:
    """The notebook as staged, which the site offers for download."""
    return nbformat.read(STAGE_DIR / lang / "docs" / notebooks.FILE_URI.format(name=name), as_version=4)


def stdout_of(cell: nbformat.NotebookNode) -> str:
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_code_cells_are_the_page_snippets_in_order(name: str, lang: str, results: dict[str, Result]) -> None:
    nb = generated(name, lang)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    included = [
        inc.name for page in notebooks.sections(lang)[name][1] for inc in pages.find_includes(source(lang, page), page)
    ]
    assert [c.metadata["docsite"]["snippet"] for c in code] == included
    for cell, snippet in zip(code, included, strict=True):
        # The snippet as a reader runs it, comments in the notebook's language, byte for byte.
        assert cell.source == comments.localized(load(snippet), i18n.language(lang).strings["code_comments"])
        assert stdout_of(cell) == results[snippet].stdout  # the output the page shows


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_prose_is_in_the_notebook_language(name: str, lang: str) -> None:
    text = "".join(c.source for c in generated(name, lang).cells if c.cell_type == "markdown")
    has_chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert has_chinese == (lang == "zh")
    assert "{ #" not in text and "--8<--" not in text


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(
    name: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = generated(name, lang)
    expected = [stdout_of(c) for c in nb.cells if c.cell_type == "code"]
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")  # the kernel inherits it: no tensorflow log lines
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell, want in zip(code, expected, strict=True):
        errors = [o for o in cell.outputs if o["output_type"] == "error"]
        assert not errors or "raises-exception" in cell.metadata.get("tags", []), errors
        assert stdout_of(cell) == want, cell.metadata["docsite"]["snippet"]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_notebook_page_is_html_with_a_download(site: Path, name: str, lang: str) -> None:
    page = site / i18n.language(lang).prefix / "notebooks" / name / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "jp-Cell" in html and '"cell_type"' not in html, "rendered as raw JSON, not as a notebook"
    assert f'href="{name}.ipynb" download' in html
    downloaded = nbformat.read(page.parent / f"{name}.ipynb", as_version=4)
    assert downloaded == generated(name, lang)


@pytest.mark.parametrize("lang", [lang.code for lang in i18n.languages()])
def test_tutorial_pages_link_their_notebook(site: Path, lang: str) -> None:
    for page in notebooks.sections(lang)["tutorial"][1]:
        html = (site / i18n.language(lang).prefix / page.replace(".md", "/index.html").replace("index/", "")).read_text(
            encoding="utf-8"
        )
        assert "notebooks/tutorial/" in html, page


@pytest.mark.slow
def test_a_stage_with_no_notebook_to_convert_imports_no_converter(tmp_path: Path) -> None:
    """nbconvert and jupytext take about 0.6 s to import; a stage whose notebooks did not change
    needs neither (docsite/notebooks.py: to_html), even when a snippet outside them changed."""
    project = copy_project(tmp_path / "project", warm=True)
    code = (
        "import sys; from docsite.stage import stage; stage(); "
        "print(sorted({'nbconvert', 'jupytext'} & sys.modules.keys()))"
    )

    def imported() -> str:
        proc = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stdout.strip().splitlines()[-1]

    assert "nbconvert" in imported()  # first stage in this copy: the notebook pages are converted
    assert imported() == "[]"
    # A snippet no notebook includes runs again when edited, and leaves the notebooks as they are.
    edited = "questions/onehot_distances.py"
    assert edited not in {
        inc.name
        for lang in i18n.languages()
        for _, members in notebooks.sections(lang.code).values()
        for page in members
        for inc in pages.find_includes(source(lang.code, page), page)
    }
    path = project / "snippets" / edited
    edit = "pass  # noqa: an edit that changes no output\n"  # a pragma, not a comment to translate
    path.write_text(path.read_text(encoding="utf-8") + edit, encoding="utf-8")
    assert imported() == "[]"


# Every element of a notebook page, with the computed values of the properties JupyterLab's
# stylesheet sets on a static notebook: layout, spacing, colours, type.
COMPUTED_STYLES_JS = """() => {
  const props = ['display', 'position', 'margin', 'padding', 'border', 'color', 'background-color',
    'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'white-space',
    'overflow-x', 'flex-direction', 'flex-grow', 'width', 'min-width', 'text-align', 'opacity'];
  return [...document.querySelectorAll('.jupyter-wrapper, .jupyter-wrapper *')].map(el => {
    const style = getComputedStyle(el);
    return el.tagName + '.' + el.className + ' ' + props.map(p => p + ': ' + style.getPropertyValue(p)).join('; ');
  });
}"""


APPEND_STYLE_JS = """css => {
  const style = document.createElement('style');
  style.textContent = css;
  document.querySelector('article').append(style);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang.code for lang in i18n.languages()])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_trimmed_notebook_stylesheet_styles_every_element_as_the_whole_one(
    tab: Tab, lang: str, scheme: str
) -> None:
    """docsite/notebook_css.py keeps about 3 % of JupyterLab's stylesheet: adding the whole
    stylesheet back after it (as mkdocs-jupyter inlines it) must change no computed style."""
    assets = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
    whole = "\n".join((assets / name).read_text(encoding="utf-8") for name in ("index.css", "theme-light.css"))
    path = notebooks.NAV_URI.format(name="tutorial").removesuffix(".ipynb") + "/"
    page = tab.open(i18n.language(lang).prefix + path).page
    page.emulate_media(color_scheme=scheme)
    trimmed = page.evaluate(COMPUTED_STYLES_JS)
    assert len(page.query_selector_all("article style")) == 1
    page.evaluate(APPEND_STYLE_JS, whole)
    full = page.evaluate(COMPUTED_STYLES_JS)
    assert len(full) == len(trimmed) > 1000
    differ = [(a, b) for a, b in zip(trimmed, full, strict=True) if a != b]
    assert not differ, f"{len(differ)} elements styled differently, e.g. {differ[0]}"
