"""mkdocs hooks: the only build-time logic of the site (listed under `hooks:` in mkdocs.yml).

- before the English build: check both languages have the same pages, run the snippets
  (cached by content) and stop with every failure named, unless serving;
- on each page: put each snippet's output under its code, and keep an expanded copy of the
  page for pytest-codeblocks;
- in the page template: language switcher links to the same page, versions in the footer;
- after the English build: build every other language's config into `site/<code>/` in the
  same process, handing it this build's snippet results, so one snippet run serves all.

The words these hooks write on pages come from each config's `extra.docsite`.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docsite import i18n, notebook_css, notebooks, pages, session, write_atomic
from docsite.cache import Cache
from docsite.runner import Result, SnippetFailure, run_all, versions
from docsite.snippet import ROOT, SNIPPETS_DIR, SnippetError, discover

log = logging.getLogger("mkdocs.docsite")
EXPANDED_DIR = ROOT / ".cache" / "pages"  # pages with includes expanded: pytest-codeblocks input
ARTIFACTS_URI = "snippet-files"


def _lang(config: MkDocsConfig) -> str:
    return config.theme["language"]


def _words(config: MkDocsConfig) -> dict[str, str]:
    """`extra.docsite` of this language's config, as docsite/i18n.py reads it for every module."""
    return i18n.language(_lang(config)).strings


def _results(config: MkDocsConfig) -> dict[str, Result] | None:
    """This build's snippet results: run by the primary language's build, handed to the others."""
    return getattr(config, "docsite_results", None)


def on_startup(command: str, dirty: bool) -> None:
    session.serving = command == "serve"


class _Switcher:
    """Stands in for `extra.alternate`: truthy, so the theme shows the language switcher
    (overrides/partials/alternate.html, links to the same page), but not iterable, so the theme
    emits no root-relative <link rel="alternate" hreflang> tags (invalid hreflang for
    crawlers) and its script fetches no sitemaps to guess the target page. The two template
    lines this relies on are checked against the installed theme by tests/test_site.py."""

    def __bool__(self) -> bool:
        return True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = _lang(config)
    config.plugins["mkdocs-jupyter"] = notebooks.jupyter_plugin(lang)
    config.extra["outputs_note"] = _words(config)["outputs_note"].format(**versions())
    config.extra["alternate"] = _Switcher()
    config.extra["made_with"] = _words(config)["made_with"]
    # Where the site is published (the workflow sets it): sitemaps and hreflang links need
    # absolute addresses. Unset, both are left out rather than guessed.
    base = os.environ.get("SITE_URL", "").strip()
    if base:
        config.site_url = base.rstrip("/") + "/" + i18n.language(lang).prefix
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _words(config)["permalink"]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    if _results(config) is not None:
        return  # a nested build: the primary language's build ran every snippet for all languages
    missing = i18n.missing_pages()
    if missing:
        raise PluginError("Every page must exist in both languages:\n  " + "\n  ".join(missing))
    try:
        results = run_all(discover(), guard=not session.serving)  # a writer edits while serving
    except (SnippetError, RuntimeError) as e:
        raise PluginError(str(e)) from None
    failed = [r for r in results.values() if r.problem is not None]
    if failed and not session.serving:
        raise PluginError(f"{len(failed)} snippet(s) failed, nothing was published:\n\n{SnippetFailure(failed)}")
    for r in failed:
        log.warning(f"{r.snippet.path}: {r.problem}")
    config.docsite_results = results


@event_priority(50)  # before mkdocs-jupyter's on_files, which must see the notebooks
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated files: what snippets wrote (figures), published at
    `snippet-files/<snippet path>/<file>`, and the notebooks of this language."""
    results = _results(config) or {}
    if results:
        lang = _lang(config)
        try:
            written = notebooks.write_all(lang, results, i18n.DOCS)
        except pages.PageError as e:
            raise PluginError(str(e)) from None
        for uri in written:
            # A plain File with its own source folder: mkdocs-jupyter ignores generated Files.
            source_dir = str(notebooks.NOTEBOOK_DIR / lang)
            files.append(File(uri, source_dir, config.site_dir, config.use_directory_urls))
    # Only files a page links to are published: a snippet's other leftovers stay in the cache.
    cache = Cache()
    linked = pages.published_files(Path(config.docs_dir))
    for result in results.values():
        if result.problem is not None:
            continue
        for name in result.artifacts:
            uri = f"{ARTIFACTS_URI}/{result.snippet.name.removesuffix('.py')}/{name}"
            if uri in linked:
                files.append(File.generated(config, uri, abs_src_path=str(cache.artifact(result.digest, name))))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    lang = _lang(config)
    src = f"{Path(config.docs_dir).relative_to(ROOT).as_posix()}/{page.file.src_uri}"
    raw = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    # mkdocs strips the front matter; count its lines so errors name the file's own lines
    offset = raw[: raw.rfind(markdown)].count("\n") if markdown in raw else 0
    results = _results(config) or {}
    try:
        pages.check_front_matter(raw, src, parsed=bool(page.meta))
        rendered = pages.render(markdown, src, results, lang, show_failures=session.serving, line_offset=offset)
        for_tests = pages.render(
            markdown, src, results, lang, show_failures=session.serving, line_offset=offset, titles=False
        )
    except pages.PageError as e:
        raise PluginError(str(e)) from None
    section = notebooks.section_of(page.file.src_uri, lang)
    if section and results and not any(r.problem for r in results.values()):
        link = "../" * page.file.src_uri.count("/") + notebooks.SITE_URI.format(name=section)
        words = _words(config)
        rendered += f'\n\n!!! tip "{words["notebook_note_title"]}"\n    {words["notebook_note"].format(link=link)}\n'
    _write_expanded(for_tests, lang, page.file.src_uri, pages.fingerprint(raw, SNIPPETS_DIR))
    return rendered


def _write_expanded(markdown: str, lang: str, src_uri: str, source_hash: str) -> None:
    """The page as its reader sees it, for pytest-codeblocks (which cannot expand includes
    and only collects fences whose info string is just `python`)."""
    header = pages.FINGERPRINT_LINE.format(source_hash)
    write_atomic(EXPANDED_DIR / lang / src_uri, header + "\n" + markdown)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Notebook pages get a download button (mkdocs-jupyter copies the .ipynb next to the page)
    and only the part of JupyterLab's stylesheet they use."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    html = notebook_css.trim(html, f"{_lang(config)}-{page.file.src_uri.replace('/', '-')}")
    name = Path(page.file.src_uri).name
    label = _words(config)["notebook_download"].format(name=name)
    # mkdocs-jupyter's copy buttons speak English on every site, and carry a stray `,` attribute.
    html = html.replace('aria-label="Copy to Clipboard"', f'aria-label="{_words(config)["copy"]}"')
    html = re.sub(r'(<clipboard-copy\b[^>]*?)\s*,(?:="")?(?=[\s>])', r"\1", html)
    html = html.replace(">Copied!</span>", f">{_words(config)['copied']}</span>")
    button = f'<p><a class="md-button md-button--primary" href="{name}" download>{label}</a></p>'
    return button + html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    context["docsite_alternates"] = i18n.alternates(_lang(config), page.url)
    base = os.environ.get("SITE_URL", "").strip()
    context["docsite_hreflang"] = i18n.absolute_alternates(base, page.url) if base else []
    return context


def on_post_build(config: MkDocsConfig) -> None:
    lang = _lang(config)
    # Expanded copies of pages that no longer exist go; the others were just rewritten in place
    # (not deleted first: a second build running at the same time reads and writes them too).
    current = i18n.pages(lang)
    for old in (EXPANDED_DIR / lang).rglob("*.md"):
        if old.relative_to(EXPANDED_DIR / lang).as_posix() not in current:
            old.unlink(missing_ok=True)
    if lang != i18n.primary().code:
        return
    root = Path(config.config_file_path).parent
    for other in i18n.languages()[1:]:
        log.info(f"Building the '{other.code}' pages")
        other_config = load_config(
            str(root / other.config), site_dir=str(Path(config.site_dir) / other.prefix), strict=config.strict
        )
        other_config.plugins.on_startup(command="serve" if session.serving else "build", dirty=False)
        other_config.docsite_results = _results(config)  # its on_pre_build then runs nothing
        build(other_config)
