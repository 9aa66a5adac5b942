"""Code comments in the reader's language.

A snippet's comments are written in English, in the snippet. A language whose config sets
`extra.docsite.code_comments` to its code translates them in one file per snippets folder,
`snippets/<folder>/comments.<code>.toml`: a table per snippet, an entry per comment line
(the English text after `#`, stripped, = its translation). Pages and notebooks of that
language show the code with the translated comments. Only comment tokens change, one line for
one line, so the code that runs and every line number a traceback quotes stay the same.
A comment without its translation, or a translation of a comment no snippet has (the English
changed), is an error naming the file and line.
"""

from __future__ import annotations

import functools
import io
import re
import tokenize
import tomllib
from dataclasses import dataclass
from pathlib import Path

from docsite.snippet import Snippet, SnippetError, strip_directives

SOURCE_LANGUAGE = "en"  # what the snippets' comments are written in
_NOT_PROSE = re.compile(r"^(docs:|noqa|type:|fmt:|pragma|ruff:)")  # directives for tools, not for readers


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based, in the snippet file
    column: int  # of the `#`
    text: str  # after `#`, stripped: the key of its translation


@functools.lru_cache(maxsize=512)  # each snippet is asked for by every page and notebook that shows it
def comments(code: str) -> tuple[Comment, ...]:
    """The comments a reader reads (prose, not tool pragmas), in order."""
    found = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            text = tok.string[1:].strip()
            if tok.type == tokenize.COMMENT and re.search(r"[^\W\d_]", text) and not _NOT_PROSE.match(text):
                found.append(Comment(tok.start[0], tok.start[1], text))
    except (tokenize.TokenError, SyntaxError):
        return ()  # the run reports the syntax error, with its line
    return tuple(found)


def translation_file(snippet: Snippet, lang: str) -> Path:
    return snippet.path.parent / f"comments.{lang}.toml"


@functools.cache
def _table(path: Path, mtime_ns: int) -> dict[str, dict[str, str]]:
    del mtime_ns  # part of the cache key: `make serve` reads an edited file again
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        line = re.search(r"at line (\d+)", str(e))
        raise SnippetError(f"{path}:{line[1] if line else 1}: not valid TOML ({e})") from None
    for name, entries in data.items():
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            raise SnippetError(f"{path}:{_line_of(path, name)}: [{name!r}] must be a table of 'English' = 'translated'")
    return data


def translations(snippet: Snippet, lang: str) -> dict[str, str]:
    """The snippet's table in its folder's translation file (empty if there is none)."""
    path = translation_file(snippet, lang)
    if not path.is_file():
        return {}
    return _table(path, path.stat().st_mtime_ns).get(snippet.display_name, {})


def _line_of(path: Path, key: str) -> int:
    """Where a key is written in a TOML file, for errors (tomllib keeps no positions)."""
    quoted = (f'"{key}"', f"'{key}'", f'"{key.replace(chr(34), chr(92) + chr(34))}"')
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if any(q in line for q in quoted) or line.strip() == key:
            return number
    return 1


def localized(snippet: Snippet, lang: str, *, strict: bool = True) -> str:
    """The code as a page in `lang` shows it (`lang` is the language of its comments).
    Not strict (under `make serve`), a missing translation shows the English comment."""
    if lang == SOURCE_LANGUAGE:
        return snippet.shown
    table = translations(snippet, lang)
    lines = snippet.text.splitlines(True)
    for comment in comments(snippet.text):
        translated = table.get(comment.text)
        if translated is None:
            if strict:
                raise SnippetError(missing(snippet, lang, comment))
            continue
        line = lines[comment.line - 1]
        hash_and_space = re.match(r"#\s*", line[comment.column :])[0]
        end = "\n" if line.endswith("\n") else ""  # a comment runs to the end of its line
        lines[comment.line - 1] = line[: comment.column] + hash_and_space + translated + end
    return strip_directives("".join(lines))


def _texts(snippet: Snippet) -> list[Comment]:
    """What a reader reads of a snippet besides its code: its comments, and the reasons it
    gives for failing or not running on a backend (shown under its output)."""
    reasons = [Comment(e.line, 0, e.reason) for e in snippet.elsewhere]
    return [*comments(snippet.text), *reasons]


def translate(snippet: Snippet, lang: str, text: str) -> str:
    """One of the snippet's texts (a reason it declares) in `lang`; the English while it has no
    translation (under `make serve`: `problems` stops a build before that)."""
    if lang == SOURCE_LANGUAGE:
        return text
    return translations(snippet, lang).get(text, text)


def missing(snippet: Snippet, lang: str, comment: Comment) -> str:
    path = translation_file(snippet, lang)
    return (
        f"{snippet.from_project(snippet.path)}:{comment.line}: {comment.text!r} has no translation: add it to "
        f'the table ["{snippet.display_name}"] of {snippet.from_project(path)}'
    )


def problems(snippets: list[Snippet], lang: str) -> list[str]:
    """Every missing translation, and every translation no comment uses (its English changed
    or its snippet is gone), for the language's comments."""
    if lang == SOURCE_LANGUAGE:
        return []
    found = []
    used: dict[Path, dict[str, set[str]]] = {}
    for snippet in snippets:
        table = translations(snippet, lang)
        texts = _texts(snippet)
        found += [missing(snippet, lang, c) for c in texts if c.text not in table]
        texts = {c.text for c in texts}
        used.setdefault(translation_file(snippet, lang), {})[snippet.display_name] = texts
    folders = {s.path.parent for s in snippets}
    for path in sorted(p for folder in folders for p in folder.glob(f"comments.{lang}.toml")):
        where = snippets[0].from_project(path)
        for name, entries in _table(path, path.stat().st_mtime_ns).items():
            texts = used.get(path, {}).get(name)
            if texts is None:
                found.append(f"{where}:{_line_of(path, name)}: [{name!r}] is not a snippet in {path.parent.name}/")
                continue
            found += [
                f"{where}:{_line_of(path, key)}: translates {key!r}, which {name} no longer has "
                "(its English changed or was removed: translate the new text)"
                for key in entries
                if key not in texts
            ]
    return found
