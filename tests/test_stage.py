"""The stage is a plain docs project per language with nothing left to compute, and it is what
its manifest says: a staged file edited or deleted by hand is named."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from docsite import i18n, stage
from docsite.stage import STAGE_DIR, read_manifest

LANGS = [lang.code for lang in i18n.languages()]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the current stage (checked first: the copy starts out whole)."""
    assert stage.problems() == [], "run `make build` first"
    return Path(shutil.copytree(STAGE_DIR, tmp_path / "stage", ignore=shutil.ignore_patterns(*stage.RENDERER_OUTPUTS)))


def test_a_hand_edited_staged_file_is_named(copy: Path) -> None:
    page = copy / "zh" / "docs" / "tutorial" / "puzzle.md"
    page.write_text(page.read_text(encoding="utf-8").replace("1. 1. 1.", "7. 7. 7.", 1), encoding="utf-8")
    assert stage.problems(copy) == [f"{page}: not what the stage wrote (edited by hand?)"]


def test_a_deleted_staged_file_is_named(copy: Path) -> None:
    notebook = copy / "en" / "docs" / "notebooks" / "tutorial" / "tutorial.ipynb"
    notebook.unlink()
    assert stage.problems(copy) == [f"{notebook}: staged, then deleted"]


def test_the_manifest_lists_every_staged_file() -> None:
    listed = set(read_manifest()["files"])
    on_disk = {
        p.relative_to(STAGE_DIR).as_posix()
        for p in STAGE_DIR.rglob("*")
        if p.is_file() and p.name != stage.MANIFEST and not stage._renderer_output(p.relative_to(STAGE_DIR).as_posix())
    }
    assert on_disk == listed


@pytest.mark.parametrize("lang", LANGS)
def test_each_staged_config_stands_alone_with_nothing_to_compute(lang: str) -> None:
    folder = STAGE_DIR / lang
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "INHERIT" not in config
    assert (folder / config["docs_dir"]).is_dir() and (folder / config["theme"]["custom_dir"]).is_dir()
    assert config["theme"]["language"] == lang
    extra = config["extra"]
    assert extra["alternate"] is True  # the switcher shows; the theme writes no root-relative hreflang
    assert [alt["lang"] for alt in extra["docsite"]["alternates"]] == LANGS
    assert "{" not in extra["outputs_note"] and "Keras 3." in extra["outputs_note"]
    nav = yaml.safe_dump(config["nav"])
    assert "notebooks/tutorial.md" in nav and ".ipynb" not in nav
    every_page = {p.relative_to(folder / "docs").as_posix() for p in (folder / "docs").rglob("*.md")}
    assert every_page == i18n.pages(lang) | {"notebooks/tutorial.md"}
    for page in every_page:  # every include became its code (contributing.md shows one as text)
        text = (folder / "docs" / page).read_text(encoding="utf-8")
        assert not re.search(r"^[ \t]*`{3,}python[^\n]*\n[ \t]*--8<--", text, re.M), page
