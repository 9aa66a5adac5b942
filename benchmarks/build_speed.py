"""Build speed of this site, side by side with markdown-exec and mkdocs-jupyter.

Run from the repository root:  make bench   (or  .venv/bin/python benchmarks/build_speed.py)
Options: --repeat N (default 3, medians), --serve (also time `make serve` reacting to edits, with
each renderer), --serve-only (just warm builds with each renderer, the stage, and `make serve`),
--make-test (also time `make test`), --lighthouse (Lighthouse scores, medians of N runs),
--lighthouse-only (only those, on a warm build). Prints a table and writes benchmarks/results/build_speed.json.
Everything runs on copies of the sources in a temporary folder; the real cache is untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docsite import copy_project, i18n, pages  # noqa: E402
from docsite.cache import Cache  # noqa: E402
from docsite.runner import versions  # noqa: E402
from docsite.snippet import discover  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", TF_CPP_MIN_LOG_LEVEL="3")
PY = sys.executable


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - started


def mkdocs_build(cwd: Path, config: str = "mkdocs.yml", site: str = "site") -> float:
    """A plain `mkdocs build` of a config (the baselines, and rendering a staged config)."""
    return timed([PY, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", site], cwd)


def site_build(cwd: Path, renderer: str = "mkdocs") -> float:
    """What `make build` runs: stage, then render both languages."""
    return timed([PY, "-m", "docsite", "build", "--renderer", renderer, "--site", "site"], cwd)


def median(fn, repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def render_stage(project: Path, renderer: str) -> float:
    """Render the staged languages of a built `project` with no machinery: what the renderer
    alone costs (one process per language, one after the other)."""
    if renderer == "zensical":
        return sum(
            timed([PY, "-m", "zensical", "build", "-f", "mkdocs.yml"], project / ".cache" / "stage" / lang.code)
            for lang in i18n.languages()
        )
    return sum(
        mkdocs_build(project / ".cache" / "stage" / lang.code, "mkdocs.yml", str(project / "rendered" / lang.code))
        for lang in i18n.languages()
    )


def plain_configs(project: Path) -> tuple[str, str]:
    """Configs that render the same pages with no execution machinery (no hooks, no notebooks)."""
    en = "INHERIT: mkdocs.yml\nhooks: []\nplugins:\n  - search\nnav: []\n"
    zh = "INHERIT: mkdocs.zh.yml\nhooks: []\nplugins:\n  - search:\n      lang: zh\nnav: []\n"
    (project / "plain.yml").write_text(en)
    (project / "plain.zh.yml").write_text(zh)
    return "plain.yml", "plain.zh.yml"


def markdown_exec_project(base: Path) -> Path:
    """The same pages, every include fence turned into a markdown-exec block."""
    project = copy_project(base)
    for page in project.glob("docs/*/**/*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"```python\n(\s*)--8<--", r'```python exec="true" source="above"\n\1--8<--', text))
    extra = (
        "hooks: []\nplugins:\n  - search\n  - markdown-exec\nnav: []\n"
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [snippets]\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n  - admonition\n  - attr_list\n  - md_in_html\n"
    )
    (project / "exec.yml").write_text("INHERIT: mkdocs.yml\n" + extra)
    (project / "exec.zh.yml").write_text("INHERIT: mkdocs.zh.yml\n" + extra)
    return project


def jupyter_project(base: Path) -> Path:
    """The same content as notebooks (one per page, both languages) for mkdocs-jupyter, execute on."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    project = copy_project(base)
    for lang in (lang.code for lang in i18n.languages()):
        for page in sorted(i18n.pages(lang)):
            text = (project / "docs" / lang / page).read_text(encoding="utf-8")
            includes = pages.find_includes(text, page)
            if not includes:
                continue
            cells = [new_markdown_cell(text.split("```python")[0])]
            cells += [new_code_cell((project / "snippets" / inc.name).read_text()) for inc in includes]
            target = project / "nb" / lang / page.replace(".md", ".ipynb")
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(
                new_notebook(
                    cells=cells,
                    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                ),
                target,
            )
    (project / "nb" / "index.md").write_text("# Notebooks\n")
    (project / "jupyter.yml").write_text(
        "site_name: bench\ndocs_dir: nb\ntheme:\n  name: material\nplugins:\n  - search\n  - mkdocs-jupyter:\n"
        "      execute: true\n      allow_errors: true\n      include: ['*.ipynb']\n      cache: true\n"
        "      cache_dir: .jupyter-cache\n"
    )
    return project


def serve_reaction(project: Path, renderer: str, edits: list[tuple[str, str, str, str]]) -> list[float]:
    """Seconds from each edit (file, old text, new text, page path) until `python -m docsite
    serve` (`make serve`) serves that page with the new text; each edit is undone afterwards,
    and the next one waits until that is served too."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [PY, "-m", "docsite", "serve", "--renderer", renderer, "--addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def page(path: str) -> str:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5).read().decode()
        except OSError:
            return ""

    def wait(path: str, probe: str, shown: bool = True) -> None:
        deadline = time.time() + 300
        while (probe in page(path)) != shown:
            if time.time() > deadline:
                raise SystemExit(f"docsite serve ({renderer}) did not serve the edit of /{path}")
            time.sleep(0.02)

    seconds = []
    try:
        wait("", "md-content")
        for name, old, new, path in edits:
            file = project / name
            text = file.read_text(encoding="utf-8")
            assert old in text, f"{name} no longer holds {old!r}"
            probe = re.search(r"\w*ServeProbe\w*", new).group().removeprefix(old)  # what only the edit shows
            time.sleep(1.0)
            started = time.perf_counter()
            file.write_text(text.replace(old, new, 1), encoding="utf-8")
            wait(path, probe)
            seconds.append(time.perf_counter() - started)
            file.write_text(text, encoding="utf-8")
            wait(path, probe, shown=False)
        return seconds
    finally:
        server.terminate()
        server.wait()


LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml"}


def gzip_server(site: Path):
    """A static server for `site` that compresses text, like any real host (GitHub Pages)."""
    import functools
    import gzip
    import http.server
    import io
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in COMPRESSIBLE and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(path.read_bytes())
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# The pages with interactive figures (issue 14): their script must not cost performance.
INTERACTIVE_PAGES = ("tutorial/lookup/", "deeper/training/", "deeper/cost/")


def lighthouse(site: Path, repeat: int) -> dict[str, dict]:
    """Lighthouse (mobile) on the home page, the interactive pages and the heaviest page of each
    language: the median of `repeat` runs of each score (one run varies by up to ±10 on this
    2-core machine), with the performance scores of every run."""
    if not (LIGHTHOUSE / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, check=True, capture_output=True)
    server = gzip_server(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    report = {}
    flags = " ".join(
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    )
    try:
        for lang in (lang.prefix for lang in i18n.languages()):
            htmls = [p for p in (site / lang).rglob("index.html") if lang or not p.is_relative_to(site / "zh")]
            heaviest = max(htmls, key=lambda p: p.stat().st_size).parent.relative_to(site).as_posix() + "/"
            for path in dict.fromkeys([lang, *(lang + page for page in INTERACTIVE_PAGES), heaviest]):
                runs = []
                for _ in range(repeat):
                    out = Path(tempfile.mkstemp(suffix=".json")[1])
                    subprocess.run(
                        [
                            str(LIGHTHOUSE / "node_modules/.bin/lighthouse"),
                            base + path,
                            "--quiet",
                            "--output=json",
                            f"--output-path={out}",
                            f"--chrome-flags={flags}",
                        ],
                        env=dict(ENV, CHROME_PATH="/usr/bin/chromium"),
                        check=True,
                        capture_output=True,
                    )
                    runs.append(json.loads(out.read_text()))
                    out.unlink()
                requests = runs[0]["audits"]["network-requests"]["details"]["items"]
                kinds = ("Document", "Stylesheet", "Script")
                weight = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") in kinds)
                scores = {
                    name: [round(run["categories"][name]["score"] * 100) for run in runs]
                    for name, category in runs[0]["categories"].items()
                    if category["score"] is not None
                }
                report["/" + path] = {
                    **{name: statistics.median(values) for name, values in scores.items()},
                    "performance_runs": scores["performance"],
                    "html_css_js_kib": round(weight / 1024, 1),
                }
    finally:
        server.shutdown()
    return report


class Rows(dict):
    """Prints each figure as soon as it is measured: a long run shows progress."""

    def __setitem__(self, name: str, seconds: float) -> None:
        super().__setitem__(name, seconds)
        print(f"  measured {name}: {seconds:.2f} s", file=sys.stderr, flush=True)


def serve_rows(project: Path, rows: dict[str, float], repeat: int) -> None:
    """`make serve` with each renderer: each edit, then its undo, per round: a page outside the
    notebook, a page in it (both notebooks are made again), a snippet of that page (it runs
    again, the notebooks too)."""
    edits = [
        ("docs/en/deeper/cost.md", "lookup", "lookupServeProbe", "deeper/cost/"),
        ("docs/zh/tutorial/weights.md", "就是一个函数", "就是一个函数ServeProbe", "zh/tutorial/weights/"),
        ("snippets/tutorial/one_hot_ones.py", "print(", "print('ServeProbeSnippet')\nprint(", "tutorial/one-hot/"),
    ]
    kinds = ("prose edit, page outside the notebook", "prose edit, notebook page", "snippet edit")
    for renderer in ("mkdocs", "zensical"):
        runs = [serve_reaction(project, renderer, edits) for _ in range(repeat)]
        for i, what in enumerate(kinds):
            rows[f"make serve ({renderer}): {what} visible"] = statistics.median(run[i] for run in runs)


def report(rows: dict[str, float], repeat: int, scores: dict) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    width = max(map(len, rows))
    print(f"Build speed, medians of {repeat} runs; {machine}; {json.dumps(versions())}")
    for name, seconds in rows.items():
        print(f"{name:<{width}}  {seconds:8.2f} s")
    out = ROOT / "benchmarks" / "results" / "build_speed.json"
    out.parent.mkdir(exist_ok=True)
    for page, score in scores.items():
        print(f"lighthouse {page}: " + ", ".join(f"{k} {v}" for k, v in score.items()))
    summary = {"machine": machine, "versions": versions(), "repeat": repeat, "seconds": rows, "lighthouse": scores}
    out.write_text(json.dumps(summary, indent=1))
    print(f"written to {out.relative_to(ROOT)}")


def warm_and_edit_rows(project: Path, tmp: Path, rows: dict[str, float], repeat: int) -> None:
    """Warm builds with both renderers, and edits of a page and of two snippets, on a warm copy."""
    rows["warm build (nothing changed)"] = median(lambda: site_build(project), repeat)
    rows["warm build, rendered by Zensical"] = median(lambda: site_build(project, "zensical"), repeat)
    rows["  stage only (nothing changed)"] = median(lambda: timed([PY, "-m", "docsite", "stage"], project), repeat)

    def prose_edit() -> float:
        for lang in (lang.code for lang in i18n.languages()):
            p = project / EDITED_PAGE.format(lang=lang)
            p.write_text(p.read_text(encoding="utf-8") + f"\n<!-- edit {time.monotonic_ns()} -->\n", encoding="utf-8")
        return site_build(project)

    rows["prose edit (one page, both languages)"] = median(prose_edit, repeat)

    # A tutorial snippet (its edit also remakes both notebooks) and one of a page without a notebook.
    # The edit is a statement with a tool pragma, not a comment, which would need its translation.
    for name in ("tutorial/one_hot_ones.py", "pitfalls/mask_zero.py"):

        def snippet_edit(name: str = name) -> float:
            p = project / "snippets" / name
            edit = f"pass  # noqa: edit {time.monotonic_ns()}\n"
            p.write_text(p.read_text(encoding="utf-8") + edit, encoding="utf-8")
            return site_build(project)

        rows[f"snippet edit ({name})"] = median(snippet_edit, repeat)
        rows[f"  that snippet alone (python {name})"] = median(
            lambda name=name: timed([PY, str(project / "snippets" / name)], tmp), repeat
        )


EDITED_PAGE = "docs/{lang}/tutorial/weights.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--serve-only", action="store_true", help="only warm builds, stage and make serve")
    parser.add_argument("--make-test", action="store_true")
    parser.add_argument(
        "--no-alternatives", action="store_true", help="skip markdown-exec and mkdocs-jupyter (minutes)"
    )
    parser.add_argument("--lighthouse", action="store_true", help="Lighthouse scores (npm, Debian chromium)")
    parser.add_argument("--lighthouse-only", action="store_true", help="only Lighthouse, on a warm build")
    args = parser.parse_args()
    if args.lighthouse_only:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            project = copy_project(Path(tmp) / "main", warm=True)
            site_build(project)
            for page, score in lighthouse(project / "site", args.repeat).items():
                print(f"lighthouse {page}: " + ", ".join(f"{k} {v}" for k, v in score.items()))
        return
    rows: dict[str, float] = Rows()
    if args.serve_only:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            project = copy_project(Path(tmp) / "main", warm=True)
            site_build(project)
            for renderer in ("mkdocs", "zensical"):
                rows[f"warm build, {renderer}"] = median(lambda r=renderer: site_build(project, r), args.repeat)
            rows["stage only, nothing changed"] = median(
                lambda: timed([PY, "-m", "docsite", "stage"], project), args.repeat
            )
            serve_rows(project, rows, args.repeat)
        report(rows, args.repeat, {})
        return
    snippets = discover()

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)

        cold_projects: list[Path] = []

        def cold() -> float:
            cold_projects.append(copy_project(tmp / f"cold{time.monotonic_ns()}"))
            return site_build(cold_projects[-1])

        rows["cold build (empty cache)"] = median(cold, args.repeat)
        project = copy_project(tmp / "main")
        site_build(project)
        warm_and_edit_rows(project, tmp, rows, args.repeat)
        en, zh = plain_configs(project)
        # One process for both languages, as the real build does.
        render = (
            "from mkdocs.commands.build import build; from mkdocs.config import load_config; "
            f"build(load_config('{en}', site_dir='plain')); build(load_config('{zh}', site_dir='plain/zh'))"
        )
        rows["render only, no execution (en + zh)"] = median(lambda: timed([PY, "-c", render], project), args.repeat)
        site_build(project)
        for renderer in ("mkdocs", "zensical"):
            rows[f"render the stage with {renderer}, no machinery (en + zh)"] = median(
                lambda renderer=renderer: render_stage(project, renderer), args.repeat
            )
        imports = median(lambda: timed([PY, "-c", "import tensorflow"], tmp), args.repeat)
        # Each snippet's own time, as measured by the last cold build above: in its forked child
        # (tensorflow already imported) or, for snippets with an interpreter of their own (other
        # backends, isolated), including their imports. `alone` snippets (timings) run after
        # the others with nothing beside them, so their time is added whole.
        timings = Cache(cold_projects[-1] / ".cache" / "snippets").timings()
        alone = {s.name for s in snippets if s.alone}
        work = sum(t for name, t in timings.items() if name not in alone)
        alone_work = sum(t for name, t in timings.items() if name in alone)
        cores = os.cpu_count() or 1
        rows["  import tensorflow"] = imports
        rows[f"  snippets' own work, summed ({len(snippets) - len(alone)} snippets)"] = work
        rows[f"  snippets that run alone ({len(alone)})"] = alone_work
        rows["limit: import + work / cores + alone + render"] = (
            imports + work / cores + alone_work + rows["render only, no execution (en + zh)"]
        )

        if args.no_alternatives:
            report(rows, args.repeat, {})
            return
        mx = markdown_exec_project(tmp / "mx")
        rows["markdown-exec, every build (en + zh)"] = median(
            lambda: mkdocs_build(mx, "exec.yml", "s") + mkdocs_build(mx, "exec.zh.yml", "s/zh"), args.repeat
        )
        nb = jupyter_project(tmp / "nb")

        def jupyter_cold() -> float:
            shutil.rmtree(nb / ".jupyter-cache", ignore_errors=True)
            return mkdocs_build(nb, "jupyter.yml", "s")

        # Minutes per run: one run is enough to compare.
        rows["mkdocs-jupyter cold (execute, en + zh notebooks)"] = median(jupyter_cold, 1)
        rows["mkdocs-jupyter warm (its cache)"] = median(lambda: mkdocs_build(nb, "jupyter.yml", "s"), args.repeat)

        if args.serve:
            serve_rows(project, rows, args.repeat)
        scores = lighthouse(project / "site", args.repeat) if args.lighthouse else {}
        if args.make_test:
            rows["make test (after set-up)"] = timed(["make", "test"], ROOT)

    report(rows, args.repeat, scores)


if __name__ == "__main__":
    main()
