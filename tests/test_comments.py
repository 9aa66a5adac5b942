"""Code comments in the reader's language: the Chinese pages and notebook show every snippet with
its comments translated (snippets/<folder>/comments.zh.toml), the code unchanged line for line;
a missing or outdated translation names the file and line."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

import pytest

from docsite import comments, i18n
from docsite.snippet import Snippet, discover, load

SNIPPETS = discover()
CJK = re.compile(r"[\u4e00-\u9fff]")


def code_tokens(code: str) -> list[tuple[int, str]]:
    """Everything but the comments, with its line: what runs, and where tracebacks point."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE}
    return [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type not in skip]


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.name)
def test_the_chinese_code_is_the_english_code_line_for_line_with_chinese_comments(snippet: Snippet) -> None:
    zh = comments.localized(snippet, "zh")
    assert code_tokens(zh) == code_tokens(snippet.shown), f"snippets/{snippet.name}: the code itself changed"
    assert zh.count("\n") == snippet.shown.count("\n"), f"snippets/{snippet.name}: lines added or removed"
    for number, (english, chinese) in enumerate(zip(snippet.shown.split("\n"), zh.split("\n"), strict=True), 1):
        if english != chinese:  # a translated comment reads as Chinese
            assert CJK.search(chinese), f"snippets/{snippet.name}:{number}: {chinese!r} has no Chinese"


def test_the_staged_chinese_pages_and_notebook_show_the_translated_comments() -> None:
    stage = Path(".cache/stage")
    page = (stage / "zh/docs/tutorial/lookup.md").read_text(encoding="utf-8")
    lookup = load("tutorial/lookup.py")
    translated = comments.translations(lookup, "zh")
    assert translated and all(f"# {text}" in page for text in translated.values())
    assert not any(f"# {english}" in page for english in translated)
    notebook = json.loads((stage / "zh/docs/notebooks/tutorial/tutorial.ipynb").read_text(encoding="utf-8"))
    code = "".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert all(f"# {text}" in code for text in translated.values())
    english = (stage / "en/docs/tutorial/lookup.md").read_text(encoding="utf-8")
    assert all(f"# {text}" in english for text in translated)


def test_every_language_names_the_language_of_its_comments() -> None:
    assert {lang.code: lang.strings["code_comments"] for lang in i18n.languages()} == {"en": "en", "zh": "zh"}


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_missing_or_outdated_translation_names_the_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "snippets"
    code = "# docs: fails-on-numpy=it needs a GPU\nx = 1  # one\n\n# Print it.\n"
    code += 'print(x)  # "#" in a string: print("# no")\n'
    write(root, "demo/a.py", code)
    write(root, "demo/comments.zh.toml", '["a.py"]\n"one" = "一"\n"Print it, twice." = "打印两次。"\n')
    write(root, "demo/gone.py", "print(2)\n")
    (root / "demo/comments.zh.toml").write_text(
        (root / "demo/comments.zh.toml").read_text(encoding="utf-8") + '\n["old.py"]\n"x" = "某"\n', encoding="utf-8"
    )
    found = comments.problems([load("demo/a.py", root), load("demo/gone.py", root)], "zh")
    assert found == [
        "snippets/demo/a.py:4: 'Print it.' has no translation: add it to the table [\"a.py\"] of "
        "snippets/demo/comments.zh.toml",
        'snippets/demo/a.py:5: \'"#" in a string: print("# no")\' has no translation: add it to the table '
        '["a.py"] of snippets/demo/comments.zh.toml',
        "snippets/demo/a.py:1: 'it needs a GPU' has no translation: add it to the table [\"a.py\"] of "
        "snippets/demo/comments.zh.toml",
        "snippets/demo/comments.zh.toml:3: translates 'Print it, twice.', which a.py no longer has "
        "(its English changed or was removed: translate the new text)",
        "snippets/demo/comments.zh.toml:5: ['old.py'] is not a snippet in demo/",
    ]
    assert comments.problems([load("demo/a.py", root)], "en") == []


def test_a_translation_file_that_is_not_toml_names_its_line(tmp_path: Path) -> None:
    root = tmp_path / "snippets"
    write(root, "demo/a.py", "print(1)  # one\n")
    write(root, "demo/comments.zh.toml", '["a.py"]\n"one" = 一\n')
    with pytest.raises(Exception, match=r"comments\.zh\.toml:2: not valid TOML"):
        comments.problems([load("demo/a.py", root)], "zh")


def test_the_translated_comments_use_the_glossary_terms() -> None:
    import yaml

    glossary = yaml.safe_load(Path("glossary.yml").read_text(encoding="utf-8"))
    for snippet in SNIPPETS:
        for english, chinese in comments.translations(snippet, "zh").items():
            used = [f"{alt} (write {term['zh']})" for term in glossary for alt in term["avoid"] if alt in chinese]
            assert not used, f"snippets/{snippet.name}: the translation of {english!r} uses {used}"
