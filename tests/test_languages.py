"""Adding a language is a config file and a docs folder: a throwaway third language, built
from copies of the English ones, is served, reachable from the language switcher and searchable."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from docsite import copy_project
from tests.helpers import build

# Builds a copy of the project in three languages, once: on one worker under pytest-xdist.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("languages")]

# What a translator writes: the words docsite/ puts on pages, in the new language.
FRENCH = {
    "language_name": "Français",
    "output": "Sortie",
    "output_on_backend": "Sortie, backend Keras {backend}",
    "failed": "Cet exemple a échoué",
    "permalink": "Lien vers cette section",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("languages") / "project", warm=True)
    english = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "INHERIT": "mkdocs.yml",
        "site_name": "Keras Embedding, expliqué",
        "docs_dir": "docs/fr",
        "site_dir": "site/fr",
        "theme": {"language": "fr"},
        "plugins": [{"search": {"lang": "fr"}}],
        "extra": {"docsite": FRENCH},
        "nav": english["nav"],
    }
    (project / "mkdocs.fr.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copytree(project / "docs/en", project / "docs/fr")
    page = project / "docs/fr/tutorial/puzzle.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUnMotFrançaisIntrouvable\n", encoding="utf-8")
    proc = build(project, "out")
    assert proc.returncode == 0, proc.stderr[-4000:]
    return project / "out"


def test_the_new_language_is_built_at_its_own_prefix_in_its_own_words(site: Path) -> None:
    soup = BeautifulSoup((site / "fr/tutorial/puzzle/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "fr"
    titles = [t.get_text() for t in soup.select(".docsite-output .filename, .highlight .filename")]
    assert any(title.startswith("Sortie, backend Keras TensorFlow") for title in titles), titles
    assert soup.select_one("a.headerlink")["title"] == "Lien vers cette section"


def test_every_language_switcher_offers_the_new_language(site: Path) -> None:
    for page, expected in (("tutorial/puzzle/index.html", "../../fr/tutorial/puzzle/"), ("index.html", "fr/")):
        for prefix in ("", "zh/", "fr/"):
            soup = BeautifulSoup((site / prefix / page).read_text(encoding="utf-8"), "html.parser")
            links = {a["hreflang"]: a["href"] for a in soup.select(".md-select__link")}
            assert set(links) == {"en", "zh", "fr"}, (prefix, page, links)
            if not prefix:
                assert links["fr"] == expected


def test_the_new_language_has_its_own_search_index(site: Path) -> None:
    index = json.loads((site / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    hits = [doc["location"] for doc in index["docs"] if re.search("UnMotFrançaisIntrouvable", doc["text"])]
    assert any(hit.startswith("tutorial/puzzle/") for hit in hits), hits
    english = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "UnMotFrançaisIntrouvable" not in english


def test_the_new_language_gets_the_notebook_edition(site: Path) -> None:
    assert (site / "fr/notebooks/tutorial/tutorial.ipynb").is_file()
