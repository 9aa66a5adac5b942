"""Chinese pages: one rendering per glossary term, and a space between Chinese and Latin text."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from docsite.snippet import ROOT
from tests.helpers import LANGS, all_pages, source

GLOSSARY = yaml.safe_load((ROOT / "glossary.yml").read_text(encoding="utf-8"))
CJK = "\u4e00-\u9fff"
LATIN = "A-Za-z0-9"
MISSING_SPACE = re.compile(rf"(?=([{CJK}][{LATIN}]|[{LATIN}][{CJK}]))")  # lookahead: overlapping pairs


def prose_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of the prose: no front matter keys, code, URLs, HTML or ids."""
    lines, in_fence, fence = [], False, ""
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        m = re.match(r"(`{3,}|~{3,})", stripped)
        if m and (not in_fence or stripped.startswith(fence)):
            in_fence, fence = (not in_fence), m.group(1)
            continue
        if in_fence or stripped.startswith(("--8<--", "<!--")):
            continue
        line = re.sub(r"`[^`]*`", "x", line)  # inline code counts as Latin text
        line = re.sub(r"\]\([^)]*\)", "]", line)  # link targets
        line = re.sub(r"<[^>]+>", " ", line)  # HTML tags
        line = re.sub(r"\{ *#[\w-]+ *\}", "", line)  # heading ids
        line = re.sub(r"[*_^\[\]]", "", line)  # emphasis, superscript and link brackets
        lines.append((number, line))
    return lines


@pytest.mark.parametrize("page", all_pages())
def test_space_between_chinese_and_latin(page: str) -> None:
    problems = [
        f"docs/zh/{page}:{n}: {m.group(1)!r} in {line.strip()!r}"
        for n, line in prose_lines(source("zh", page))
        for m in MISSING_SPACE.finditer(line)
    ]
    assert problems == [], "add a space between Chinese and Latin text:\n" + "\n".join(problems)


def test_the_linter_catches_a_missing_space() -> None:
    bad = "嵌入层的input_dim为4。`code`不算例外。\n```python\n中文abc\n```\n"
    found = [m.group(1) for _, line in prose_lines(bad) for m in MISSING_SPACE.finditer(line)]
    assert found == ["的i", "m为", "为4", "x不"]


@pytest.mark.parametrize("page", all_pages())
def test_chinese_pages_use_the_glossary_terms(page: str) -> None:
    text = source("zh", page)
    used = [f"{alt} (write {term['zh']})" for term in GLOSSARY for alt in term["avoid"] if alt in text]
    assert used == [], f"docs/zh/{page} uses terms outside the glossary: {used}"


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_pages_show_the_glossary(lang: str) -> None:
    text = source(lang, "deeper/glossary.md")
    for term in GLOSSARY:
        assert f"| {term['en']} | {term['zh']} |" in text, term


def test_glossary_has_one_rendering_per_term() -> None:
    renderings = [term["zh"] for term in GLOSSARY]
    assert len(renderings) == len(set(renderings))
    assert len({term["en"] for term in GLOSSARY}) == len(GLOSSARY)


CJK_OR_PUNCT = rf"[{CJK}\u3000-\u303f\uff00-\uffef]"


@pytest.mark.parametrize("page", all_pages())
def test_no_line_break_inside_chinese_text(page: str) -> None:
    """A line break between two Chinese characters renders as a stray space in the browser."""
    lines = prose_lines(source("zh", page))
    problems = [
        f"docs/zh/{page}:{n}: {a.strip()[-8:]!r} / {b.strip()[:8]!r}"
        for (n, a), (m, b) in itertools.pairwise(lines)
        if m == n + 1 and re.search(CJK_OR_PUNCT + r"$", a.rstrip()) and re.match(r"\s*" + CJK_OR_PUNCT, b)
    ]
    assert problems == [], "join these lines:\n" + "\n".join(problems)
