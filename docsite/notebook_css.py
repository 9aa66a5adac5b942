"""Trim the CSS mkdocs-jupyter puts inside every notebook page to what that page can use.

mkdocs-jupyter inlines all of JupyterLab's stylesheet (about 590 KB in five <style> elements,
most of it rules for widgets and icons a static notebook never has, and hundreds of custom
properties) into the page, which made the notebook pages four times the weight of any other
page. Kept: every rule with a selector whose classes all occur in the page (inside @media
too), and the custom properties those rules read, directly or through other properties. The
styles are joined into one <style>, in their order, so the cascade is unchanged. The
stylesheet is parsed once per build (about 0.4 s), and only when a page's styles or classes
changed: each page's trimmed CSS is kept on disk with the hash of what it was made from.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from docsite import ROOT
from docsite.cache import remember

CACHE_DIR = ROOT / ".cache" / "notebook-css"
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_NOT = re.compile(r":not\([^()]*\)")


def trim(html: str, name: str) -> str:
    """`html` with its <style> elements replaced by one holding only the rules it can use.
    `name` names the page's cache file: one per page, replaced when its stylesheet or its
    classes change (an edited output changes neither, so the page is not parsed again)."""
    styles = _STYLE.findall(html)
    if not styles:
        return html
    classes = {cls for attr in _CLASS_ATTR.findall(html) for cls in attr.split()}
    text = "\n".join(styles)
    digest = hashlib.sha256("\n".join([Path(__file__).read_text(), text, *sorted(classes)]).encode()).hexdigest()
    css = remember(CACHE_DIR / f"{name}.json", digest, lambda: _css(text, classes))
    first = True

    def replace(_: re.Match) -> str:
        nonlocal first
        keep, first = first, False
        return f'<style type="text/css">{css}</style>\n' if keep else ""

    return _STYLE.sub(replace, html)


@functools.cache  # the same stylesheet in every notebook page: parsed once per build
def _parse(text: str) -> tuple:
    """Every rule as (selector, ((property, "property:value"), ...)), and every @media or
    @supports block as ("@media ...", (rules...))."""
    import tinycss2  # comes with nbconvert (through bleach)

    def rules(tokens) -> tuple:
        found = []
        for rule in tokens:
            if rule.type == "qualified-rule":
                body = tinycss2.parse_blocks_contents(rule.content, True, True)
                found.append(
                    (
                        tinycss2.serialize(rule.prelude).strip(),
                        tuple(_declaration(d) for d in body if d.type == "declaration"),
                    )
                )
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                inner = rules(tinycss2.parse_blocks_contents(rule.content, True, True))
                found.append((f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", inner))
        return tuple(found)

    return rules(tinycss2.parse_stylesheet(text, True, True))


def _declaration(d) -> tuple[str, str]:
    import tinycss2

    return d.lower_name, f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"


def _css(text: str, classes: set[str]) -> str:
    def keep(rules: tuple) -> list:
        """The rules the page can use; @media blocks with at least one of them."""
        kept = []
        for head, body in rules:
            if head.startswith("@"):
                inner = keep(body)
                if inner:
                    kept.append((head, inner))
            elif any(_used(part, classes) for part in head.split(",")):
                kept.append((head, body))
        return kept

    def declarations(kept: list) -> list:
        return [d for head, body in kept for d in (declarations(body) if head.startswith("@") else body)]

    kept = keep(_parse(text))
    every = declarations(kept)
    defined: dict[str, str] = {}  # each custom property: all its values (light and dark palettes)
    for name, decl in every:
        if name.startswith("--"):
            defined[name] = defined.get(name, "") + decl
    read = {var for name, decl in every if not name.startswith("--") for var in _VAR.findall(decl)}
    todo = list(read)
    while todo:  # properties read by properties that are read
        for var in _VAR.findall(defined.get(todo.pop(), "")):
            if var not in read:
                read.add(var)
                todo.append(var)

    def write(kept: list) -> str:
        out = []
        for head, body in kept:
            if head.startswith("@"):
                out.append(f"{head}{{{write(body)}}}")
                continue
            body = [decl for name, decl in body if not name.startswith("--") or name in read]
            if body:
                out.append(f"{head}{{{';'.join(body)}}}")
        return "\n".join(out)

    return write(kept)


def _used(selector: str, classes: set[str]) -> bool:
    """Whether a selector can match in a page with these classes (`X :root` never can; the
    classes inside `:not(...)` need not be there)."""
    required = _NOT.sub("", selector)
    # md-* classes are Material's, some added by its script (tables get md-typeset__scrollwrap).
    names = _CLASS.findall(required)
    return " :root" not in selector and all(name in classes or name.startswith("md-") for name in names)
