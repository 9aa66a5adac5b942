"""Figures and the benchmark table are produced by their snippets and well formed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from docsite.cache import Cache
from docsite.runner import Result
from tests.helpers import LANGS, all_pages, page_html, published_results, source, tags


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return published_results()


FIGURES = [("cost/benchmark.py", "lookup_vs_matmul"), ("picture/onehot_figure.py", "onehot_matmul")]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("snippet", "figure"), FIGURES)
def test_each_figure_comes_in_both_languages_and_two_widths(
    results: dict[str, Result], snippet: str, figure: str
) -> None:
    result = results[snippet]
    assert sorted(result.artifacts) == sorted(
        f"{figure}.{lang}{width}.svg" for lang in ("en", "zh") for width in ("", ".narrow")
    )
    for name in result.artifacts:
        root = ET.parse(Cache().artifact(result.digest, name)).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        svg = ET.tostring(root, "unicode")
        assert not re.search(r"https?://(?!www\.w3\.org|purl\.org|creativecommons|matplotlib)", svg)
        # Labels are text the browser draws (so they can be in Chinese), in the page's language.
        texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert texts, f"{name}: labels were drawn as paths"
        assert bool(CJK.search(texts)) == (".zh." in name), f"{name}: labels in the wrong language: {texts[:80]}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("snippet", "figure"), FIGURES)
def test_pages_show_the_figure_of_their_language(site: Path, lang: str, snippet: str, figure: str) -> None:
    page = {"cost/benchmark.py": "deeper/cost.md", "picture/onehot_figure.py": "deeper/picture.md"}[snippet]
    found = [
        attrs.get("src") or attrs.get("srcset")
        for tag, attrs in tags(page_html(site, lang, page).read_text(encoding="utf-8"))
        if tag in ("img", "source") and figure in (attrs.get("src") or attrs.get("srcset") or "")
    ]
    assert sorted(Path(url).name for url in found) == [f"{figure}.{lang}.narrow.svg", f"{figure}.{lang}.svg"]


def test_benchmark_table_is_well_formed(results: dict[str, Result]) -> None:
    lines = results["cost/benchmark.py"].stdout.splitlines()
    assert lines[1].split() == ["vocabulary", "np.take", "np", "one-hot", "tf.gather", "tf", "one-hot"]
    rows = [line.split() for line in lines[2:5]]
    assert [row[0] for row in rows] == ["1,000", "10,000", "100,000"]
    for row in rows:
        assert len(row) == 5 and all(float(cell) > 0 for cell in row[1:]), row
    assert lines[5].startswith("machine: ") and "TensorFlow" in lines[5]


# Only the pages whose source shows an image (markdown or HTML): a case per page without one
# would pass whatever the build did.
WITH_IMAGES = [(lang, page) for lang in LANGS for page in all_pages() if re.search(r"!\[|<img\b", source(lang, page))]


def test_some_pages_show_images() -> None:
    assert len(WITH_IMAGES) >= 2, WITH_IMAGES


@pytest.mark.parametrize(("lang", "page"), WITH_IMAGES)
def test_every_image_on_a_page_exists(site: Path, lang: str, page: str) -> None:
    path = page_html(site, lang, page)
    images = [attrs for tag, attrs in tags(path.read_text(encoding="utf-8")) if tag == "img"]
    local = [attrs for attrs in images if not attrs["src"].startswith(("data:", "http"))]
    assert local, f"{lang}/{page}: its source shows an image, the built page has none"
    for attrs in local:
        assert (path.parent / attrs["src"]).resolve().is_file(), (page, attrs["src"])
        assert attrs.get("alt"), f"{lang}/{page}: image without alt text"


# --- interactive figures (overrides/assets/figures.js): their data is what the snippet printed --


@pytest.fixture(scope="module")
def figure_data() -> dict[str, tuple[Result, dict]]:
    """Snippet -> its result and the JSON file it wrote, as the build cached them."""
    files = {
        "tutorial/lookup.py": "lookup.json",
        "training/optimizer_table.py": "optimizer_table.json",
        "tutorial/cost.py": "cost.json",
    }
    found = published_results()
    out = {}
    for name, file in files.items():
        result = found[name]
        assert result.problem is None, result.problem
        assert file in result.artifacts, f"{name} wrote no {file}: {sorted(result.artifacts)}"
        out[name] = (result, json.loads(Cache().artifact(result.digest, file).read_text(encoding="utf-8")))
    return out


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d*)?", text)]


def test_lookup_figure_data_is_what_the_snippet_printed(figure_data: dict[str, tuple[Result, dict]]) -> None:
    result, data = figure_data["tutorial/lookup.py"]
    lines = result.stdout.splitlines()
    assert lines[0] == "weight matrix:" and lines[5] == "output, one row per id:"
    weights = [_numbers(line) for line in lines[1:5]]
    rows = [re.fullmatch(r"  id (\d+) -> \[(.*)\]   \(weight row (\d+): \[(.*)\]\)", line) for line in lines[6:]]
    assert all(rows), lines[6:]
    assert data["weights"] == weights
    assert data["ids"] == [int(m[1]) for m in rows] == [int(m[3]) for m in rows]
    assert data["outputs"] == [_numbers(m[2]) for m in rows]
    assert [_numbers(m[4]) for m in rows] == [weights[i] for i in data["ids"]]
    assert data["one_hot"] == [[int(c == i) for c in range(len(weights))] for i in data["ids"]]


def test_training_figure_data_is_the_printed_table(figure_data: dict[str, tuple[Result, dict]]) -> None:
    result, data = figure_data["training/optimizer_table.py"]
    header, *lines = result.stdout.splitlines()
    assert header.split()[:2] == ["optimizer", "step"]
    assert data["steps"] == [[0], [1], [1]]
    assert len(data["optimizers"]) == len(lines)
    for line, entry in zip(lines, data["optimizers"], strict=True):
        printed = f"{entry['optimizer']:34}" + "".join(f"{rows!s:14}" for rows in entry["moved"]) + entry["gradient"]
        assert line == printed
        tables = entry["tables"]
        assert len(tables) == 4 and tables[0] == [[1.0, 1.0]] * 4  # embeddings_initializer="ones"
        for step, moved in enumerate(entry["moved"]):
            # The snippet's rule: a row moved if a number changed by more than a millionth of itself.
            changed = [
                r
                for r in range(4)
                if any(abs(a - b) > 1e-6 * abs(b) for a, b in zip(tables[step + 1][r], tables[step][r], strict=True))
            ]
            assert changed == moved, (entry["optimizer"], step)


def test_cost_figure_data_is_what_the_snippet_counted(figure_data: dict[str, tuple[Result, dict]]) -> None:
    result, data = figure_data["tutorial/cost.py"]
    lines = result.stdout.splitlines()
    assert lines[0] == f"tokens={data['tokens']:,}  vocabulary={data['vocabulary']:,}  dim={data['dim']}"
    # The figure computes the counts in the browser with the snippet's formulas: the same numbers.
    copies, operations = data["tokens"] * data["dim"], 2 * data["tokens"] * data["vocabulary"] * data["dim"]
    assert _numbers(lines[1].replace(",", "")) == [copies]
    assert _numbers(lines[3].replace(",", "")) == [operations]
    assert lines[4] == f"matmul / lookup work: {operations // copies:,}x"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("page", "snippet", "file"),
    [
        ("tutorial/lookup.md", "tutorial/lookup.py", "lookup.json"),
        ("deeper/training.md", "training/optimizer_table.py", "optimizer_table.json"),
        ("deeper/cost.md", "tutorial/cost.py", "cost.json"),
    ],
)
def test_pages_publish_the_figure_data(
    site: Path, figure_data: dict[str, tuple[Result, dict]], lang: str, page: str, snippet: str, file: str
) -> None:
    path = page_html(site, lang, page)
    sources = [attrs["data-src"] for _, attrs in tags(path.read_text(encoding="utf-8")) if attrs.get("data-src")]
    assert sources == [f"../../snippet-files/{snippet.removesuffix('.py')}/{file}"]
    published = (path.parent / sources[0]).resolve()
    assert json.loads(published.read_text(encoding="utf-8")) == figure_data[snippet][1]
