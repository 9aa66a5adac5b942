"""Figures and the benchmark table are produced by their snippets and well formed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from docsite.cache import Cache
from docsite.runner import Result, run_all
from docsite.snippet import load
from tests.helpers import all_pages, page_html, tags


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return run_all([load("cost/benchmark.py"), load("picture/onehot_figure.py")])


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


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", all_pages())
def test_every_image_on_a_page_exists(site: Path, lang: str, page: str) -> None:
    path = page_html(site, lang, page)
    for tag, attrs in tags(path.read_text(encoding="utf-8")):
        if tag == "img" and not attrs["src"].startswith(("data:", "http")):
            assert (path.parent / attrs["src"]).resolve().is_file(), (page, attrs["src"])
            assert attrs.get("alt"), f"{lang}/{page}: image without alt text"
