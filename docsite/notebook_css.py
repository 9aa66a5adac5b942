"""Trim the CSS mkdocs-jupyter puts inside every notebook page to what that page can use.

mkdocs-jupyter inlines all of JupyterLab's stylesheet (about 590 KB in five <style> elements,
most of it rules for widgets and icons a static notebook never has, and hundreds of custom
properties) into the page, which made the notebook pages four times the weight of any other
page. Kept: every rule with a selector whose classes all occur in the page (inside @media
too), and the custom properties those rules read, directly or through other properties. The
styles are joined into one <style>, in their order, so the cascade is unchanged. Results are
cached on disk by the hash of the page and of this module: trimming takes about 0.4 s, a
warm build reads the result.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docsite import ROOT

CACHE_DIR = ROOT / ".cache" / "notebook-css"
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_NOT = re.compile(r":not\([^()]*\)")


def trim(html: str) -> str:
    """`html` with its <style> elements replaced by one holding only the rules it can use."""
    key = hashlib.sha256(Path(__file__).read_bytes() + html.encode()).hexdigest()  # this code changes it too
    cached = CACHE_DIR / f"{key}.html"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    styles = _STYLE.findall(html)
    if not styles:
        return html
    classes = {name for attr in _CLASS_ATTR.findall(html) for name in attr.split()}
    css = _css("\n".join(styles), classes)
    first = True

    def replace(_: re.Match) -> str:
        nonlocal first
        keep, first = first, False
        return f'<style type="text/css">{css}</style>\n' if keep else ""

    out = _STYLE.sub(replace, html)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(out, encoding="utf-8")
    tmp.replace(cached)
    return out


def _css(text: str, classes: set[str]) -> str:
    import tinycss2  # comes with nbconvert (through bleach)

    def rules(tokens) -> list:
        """(selector, declarations) and (@media prelude, rules) pairs the page can use."""
        kept = []
        for rule in tokens:
            if rule.type == "qualified-rule":
                selector = tinycss2.serialize(rule.prelude).strip()
                if any(_used(part, classes) for part in selector.split(",")):
                    declarations = tinycss2.parse_blocks_contents(rule.content, True, True)
                    kept.append((selector, [d for d in declarations if d.type == "declaration"]))
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                inner = rules(tinycss2.parse_blocks_contents(rule.content, True, True))
                if inner:
                    kept.append((f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", inner))
        return kept

    def declarations(kept: list) -> list:
        return [d for _, body in kept for d in (declarations(body) if body and isinstance(body[0], tuple) else body)]

    kept = rules(tinycss2.parse_stylesheet(text, True, True))
    every = declarations(kept)
    defined: dict[str, str] = {}  # each custom property: all its values (light and dark palettes)
    for d in every:
        if d.lower_name.startswith("--"):
            defined[d.lower_name] = defined.get(d.lower_name, "") + tinycss2.serialize(d.value)
    read = {
        name for d in every if not d.lower_name.startswith("--") for name in _VAR.findall(tinycss2.serialize(d.value))
    }
    todo = list(read)
    while todo:  # properties read by properties that are read
        for name in _VAR.findall(defined.get(todo.pop(), "")):
            if name not in read:
                read.add(name)
                todo.append(name)

    def write(kept: list) -> str:
        out = []
        for head, body in kept:
            if body and isinstance(body[0], tuple):
                out.append(f"{head}{{{write(body)}}}")
                continue
            body = [d for d in body if not d.lower_name.startswith("--") or d.lower_name in read]
            if body:
                text = ";".join(
                    f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}" for d in body
                )
                out.append(f"{head}{{{text}}}")
        return "\n".join(out)

    return write(kept)


def _used(selector: str, classes: set[str]) -> bool:
    """Whether a selector can match in a page with these classes (`X :root` never can; the
    classes inside `:not(...)` need not be there)."""
    required = _NOT.sub("", selector)
    # md-* classes are Material's, some added by its script (tables get md-typeset__scrollwrap).
    names = _CLASS.findall(required)
    return " :root" not in selector and all(name in classes or name.startswith("md-") for name in names)
