"""Stage the site: one plain docs project per language, which any MkDocs-compatible renderer renders.

`stage()` runs the snippets (cached by content) and writes, under `.cache/stage/`:

- `<lang>/docs/`: every page with its code and real outputs in the markdown, the files the
  snippets wrote that a page links to, and each notebook (`.ipynb`) with its page, rendered by
  mkdocs-jupyter's converter;
- `<lang>/mkdocs.yml`: that language's config, made from `mkdocs.yml` (and `mkdocs.<lang>.yml`),
  with everything a hook used to compute written into it (footer versions, the language
  switcher, the words on the pages);
- `overrides/`: the theme overrides every language shares;
- `manifest.json`: the sha256 of every staged file and of every source it was made from, and
  the digest of every snippet result the pages show. Tests read the stage through it.

Only files whose content changed are rewritten, and files no longer made are removed: a
renderer watching the stage sees exactly what an edit changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from docsite import ROOT, comments, i18n, notebooks, pages, write_atomic
from docsite.cache import Cache
from docsite.runner import Result, SnippetFailure, run_all, sources_state, versions
from docsite.snippet import SnippetError, discover

log = logging.getLogger("docsite")

STAGE_DIR = ROOT / ".cache" / "stage"
MANIFEST = "manifest.json"
ARTIFACTS_URI = "snippet-files"
RENDERER_OUTPUTS = ("site", ".cache")  # what renderers write beside a staged config: not part of the stage


class StageError(Exception):
    """Why nothing was staged; the message names the file and line."""


@dataclass
class Staged:
    root: Path
    results: dict[str, Result]
    changed: set[str]  # staged files (relative to root) written or removed by this stage


def stage(out: Path = STAGE_DIR, *, serving: bool = False) -> Staged:
    """Stage every language into `out`. A failing snippet stops it, unless `serving`: then its
    page shows the failure (the writer is editing)."""
    missing = i18n.missing_pages()
    if missing:
        raise StageError("Every page must exist in both languages:\n  " + "\n  ".join(missing))
    sources = sources_state()
    try:
        snippets = discover()
        untranslated = [
            problem
            for code in sorted({lang.strings["code_comments"] for lang in i18n.languages()})
            for problem in comments.problems(snippets, code)
        ]
        if untranslated and not serving:
            raise StageError("Code comments without their translation:\n  " + "\n  ".join(untranslated))
        for problem in untranslated:  # under serve the page shows the English comment meanwhile
            log.warning(problem)
        every = run_all([*snippets, *(v for s in snippets for v in s.variants())], guard=not serving)
    except (SnippetError, RuntimeError) as e:
        raise StageError(str(e)) from None
    results = {key: r for key, r in every.items() if not r.snippet.variant}
    variants: dict[str, dict[str, Result]] = {}
    for r in every.values():
        if r.snippet.variant:
            variants.setdefault(r.snippet.name, {})[r.snippet.backend] = r
    failed = [r for r in every.values() if r.problem is not None]
    if failed and not serving:
        raise StageError(f"{len(failed)} snippet(s) failed, nothing was published:\n\n{SnippetFailure(failed)}")
    for r in failed:
        log.warning(f"{r.snippet.path}: {r.problem}")
    files = {
        f"overrides/{p.relative_to(ROOT / 'overrides').as_posix()}": p.read_bytes()
        for p in sorted((ROOT / "overrides").rglob("*"))
        if p.is_file()
    }
    try:
        for lang in i18n.languages():
            files |= _language(lang, results, variants, serving)
    except pages.PageError as e:
        raise StageError(str(e)) from None
    changed = _write(out, files)
    manifest = {
        "sources": sources,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        "snippets": {key: r.digest for key, r in sorted(every.items()) if r.problem is None},
    }
    write_atomic(out / MANIFEST, json.dumps(manifest, indent=1))
    return Staged(out, results, changed)


def _language(
    lang: i18n.Language, results: dict[str, Result], variants: dict[str, dict[str, Result]], serving: bool
) -> dict[str, bytes]:
    """Every staged file of one language, by its path in the stage."""
    code, words = lang.code, lang.strings
    docs = i18n.DOCS / code
    sources = {page: pages.read(docs / page, f"docs/{code}/{page}") for page in sorted(i18n.pages(code))}
    staged: dict[str, str | bytes] = {}
    for page, source in sources.items():
        body = pages.render(
            source.body, source.src, results, code, show_failures=serving, line_offset=source.offset, variants=variants
        )
        section = notebooks.section_of(page, code)
        if section:
            link = "../" * page.count("/") + notebooks.PAGE_URI.format(name=section)
            body += f'\n\n!!! tip "{words["notebook_note_title"]}"\n    {words["notebook_note"].format(link=link)}\n'
        staged[f"docs/{page}"] = source.front_matter + body
    for path in sorted(docs.rglob("*")):  # images and other files the pages link to
        if path.is_file() and path.suffix != ".md":
            staged[f"docs/{path.relative_to(docs).as_posix()}"] = path.read_bytes()
    # Only files a page links to are published: a snippet's other leftovers stay in the cache.
    linked = pages.linked_files(text for name, text in staged.items() if name.endswith(".md"))
    cache = Cache()
    for result in results.values():
        for name in result.artifacts if result.problem is None else ():
            uri = f"{ARTIFACTS_URI}/{result.snippet.name.removesuffix('.py')}/{name}"
            if uri in linked:
                staged[f"docs/{uri}"] = cache.artifact(result.digest, name).read_bytes()
    for name in notebooks.sections(code):
        notebook = notebooks.build(name, code, results, sources, variants)
        staged[f"docs/{notebooks.FILE_URI.format(name=name)}"] = notebook
        staged[f"docs/{notebooks.PAGE_URI.format(name=name)}"] = notebooks.to_html(name, code, notebook, words)
    staged |= _config(lang)
    return {f"{code}/{name}": data.encode() if isinstance(data, str) else data for name, data in staged.items()}


def _config(lang: i18n.Language) -> dict[str, str | bytes]:
    """The language's renderer config (and the files it names), with nothing left to compute."""
    import copy

    import yaml

    config = copy.deepcopy(lang.settings)  # as i18n read it (INHERIT resolved), changed below
    for key in ("hooks", "watch", "INHERIT"):
        config.pop(key, None)
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["theme"]["custom_dir"] = "../overrides"
    config["nav"] = _nav(config["nav"])
    files: dict[str, str | bytes] = {}
    for plugin in config.get("plugins", []):
        options = plugin.get("search") if isinstance(plugin, dict) else None
        if options and options.get("jieba_dict_user"):  # read relative to where the renderer runs
            files["jieba_userdict.txt"] = (ROOT / options["jieba_dict_user"]).read_bytes()
            options["jieba_dict_user"] = "jieba_userdict.txt"
    words = dict(lang.strings)
    site_url = os.environ.get("SITE_URL", "").strip()
    if site_url:  # sitemaps and hreflang links need absolute addresses; unset, both are left out
        config["site_url"] = site_url.rstrip("/") + "/" + lang.prefix
        words["hreflang_root"] = site_url.rstrip("/") + "/"
    up = "../" * lang.prefix.count("/")
    words["alternates"] = [
        {"name": other.name, "lang": other.code, "prefix": other.prefix, "link": up + other.prefix}
        for other in i18n.languages()
    ]
    config["extra"]["docsite"] = words
    config["extra"]["outputs_note"] = words["outputs_note"].format(**versions())
    config["extra"]["made_with"] = words["made_with"]
    # Truthy, so the theme shows the language switcher (overrides/partials/alternate.html, links
    # to the same page), but not iterable, so it writes no root-relative <link rel="alternate">.
    config["extra"]["alternate"] = True
    extensions = config["markdown_extensions"]
    for i, ext in enumerate(extensions):
        if ext == "toc" or (isinstance(ext, dict) and "toc" in ext):
            options = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
            extensions[i] = {"toc": options | {"permalink_title": words["permalink"]}}
    header = f"# Generated by docsite/stage.py from {lang.config}: edit that file, not this one.\n"
    files["mkdocs.yml"] = header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
    return files


def _nav(items: list) -> list:
    """The nav with each notebook (`notebooks/<name>.ipynb`) as its staged page."""

    def entry(value):
        if isinstance(value, list):
            return _nav(value)
        if isinstance(value, str) and value.startswith("notebooks/") and value.endswith(".ipynb"):
            return value.removesuffix(".ipynb") + ".md"
        return value

    return [{k: entry(v) for k, v in item.items()} if isinstance(item, dict) else entry(item) for item in items]


def _write(out: Path, files: dict[str, bytes]) -> set[str]:
    """Write the files whose content changed and remove staged files no longer made."""
    changed = set()
    for name, data in files.items():
        path = out / name
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            write_atomic(path, data)
            changed.add(name)
    for path in sorted(out.rglob("*")) if out.exists() else ():
        name = path.relative_to(out).as_posix()
        if path.name.endswith(".tmp") or name == MANIFEST or name in files or _renderer_output(name):
            continue  # another build's file being written, or not the stage's
        if path.is_file():
            path.unlink(missing_ok=True)
            changed.add(name)
    return changed


def _renderer_output(name: str) -> bool:
    parts = name.split("/")
    return len(parts) > 2 and parts[1] in RENDERER_OUTPUTS


def read_manifest(root: Path = STAGE_DIR) -> dict:
    return json.loads((root / MANIFEST).read_text(encoding="utf-8"))


def problems(root: Path = STAGE_DIR) -> list[str]:
    """Why the stage at `root` is not what the sources and its own manifest say it is: a source
    changed since, or a staged file is missing or not what the stage wrote. Each names its file."""
    try:
        manifest = read_manifest(root)
    except (OSError, ValueError):
        return [f"{root / MANIFEST}: missing or unreadable; the site was never staged"]
    found = []
    now = sources_state()
    for name in sorted(now.keys() | manifest["sources"].keys()):
        if now.get(name) != manifest["sources"].get(name):
            found.append(f"{name}: changed since the site was staged")
    for name, sha in manifest["files"].items():
        path = root / name
        if not path.is_file():
            found.append(f"{path}: staged, then deleted")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            found.append(f"{path}: not what the stage wrote (edited by hand?)")
    return found
