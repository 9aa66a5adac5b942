"""A snippet file and the directives it declares in `# docs: key=value` comments."""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from docsite import ROOT

SNIPPETS_DIR = ROOT / "snippets"
DEFAULT_TIMEOUT = 120.0

_DIRECTIVE = re.compile(r"^#\s*docs:\s*(?P<key>[\w-]+)\s*=\s*(?P<value>.+?)\s*$")
BACKENDS = ("tensorflow", "jax", "numpy")  # Keras backends a snippet can run on (torch is not installed)
# On another backend than its own, a snippet that must fail there, or must not run there, says
# why: `# docs: fails-on-numpy=why` (run, and shown with its error), `# docs: not-on-numpy=why`.
_ELSEWHERE = {f"{kind}-{b}": (kind, b) for kind in ("fails-on", "not-on") for b in BACKENDS}
_KNOWN = {"raises", "timeout", "unchecked", "isolated", "backend", "alone", "needs", "reads", *_ELSEWHERE}


class SnippetError(Exception):
    """A problem with a snippet; the message names the file and line."""


@dataclass(frozen=True)
class Elsewhere:
    """`# docs: fails-on-<backend>=reason` or `# docs: not-on-<backend>=reason`."""

    kind: str  # "fails-on" or "not-on"
    backend: str
    reason: str  # shown on the page, translated like a comment (docsite/comments.py)
    line: int


@dataclass(frozen=True)
class Snippet:
    """One runnable example. `name` is its path inside snippets/, as pages include it."""

    name: str
    text: str
    raises: str | None = None  # exception class name the snippet is meant to end with
    timeout: float = DEFAULT_TIMEOUT
    unchecked: str | None = None  # why its output cannot be compared (e.g. timings)
    isolated: str | None = None  # why it needs an interpreter of its own (pytest-codeblocks shares one)
    backend: str = "tensorflow"  # KERAS_BACKEND it runs with, set before anything is imported
    alone: str | None = None  # why nothing else may run beside it (timings)
    needs: tuple[str, ...] = ()  # packages it uses without importing them (in a subprocess)
    reads: tuple[str, ...] = ()  # data files beside it, copied into its working folder before it runs
    root: Path = SNIPPETS_DIR
    variant: bool = False  # a run on another backend than its own, shown beside its output (`variants`)
    elsewhere: tuple[Elsewhere, ...] = ()  # what it declares about other backends

    def on(self, backend: str) -> Elsewhere | None:
        """What it declares about running on `backend`: must fail there, or must not run there."""
        return next((e for e in self.elsewhere if e.backend == backend), None)

    @property
    def shown(self) -> str:
        """The code as pages and notebooks show it: without the `# docs:` directive lines,
        which are for the build, not for the reader."""
        return strip_directives(self.text)

    @property
    def requirements(self) -> list[str]:
        """What a reader installs besides tensorflow (which brings keras and numpy) to run it."""
        roots = imported_roots(self.text) - set(sys.stdlib_module_names) - {"tensorflow", "keras", "numpy"}
        known = _distributions_by_module()
        found = {known.get(root, [root])[0].lower().replace("_", "-") for root in roots}
        if self.backend != BACKENDS[0]:
            found.add(self.backend)
        return sorted((found | set(self.needs)) - {"numpy"})

    @property
    def key(self) -> str:
        """How results name it: its name, and for a variant also its backend."""
        return f"{self.name}@{self.backend}" if self.variant else self.name

    @property
    def fresh_process(self) -> bool:
        """Runs in an interpreter of its own rather than a fork of one that imported Keras
        with its backend."""
        return bool(self.isolated or self.alone)

    def variants(self) -> list[Snippet]:
        """The same snippet on the other Keras backends, when it uses Keras alone: a reader may
        run it on any of them. Not for TensorFlow code, nor for timings or snippets that need
        an interpreter of their own."""
        roots = imported_roots(self.text)
        if "keras" not in roots or roots & {"tensorflow", "tf_keras"} or "tf.keras" in self.text:
            return []
        if self.backend != BACKENDS[0] or self.fresh_process:
            return []
        skipped = {e.backend for e in self.elsewhere if e.kind == "not-on"}
        return [dataclasses.replace(self, backend=b, variant=True) for b in BACKENDS[1:] if b not in skipped]

    @property
    def path(self) -> Path:
        return self.root / self.name

    @property
    def data_files(self) -> list[Path]:
        """The files it `reads`, where they live in the repository (beside the snippet)."""
        return [self.path.parent / name for name in self.reads]

    def copy_data(self, folder: Path) -> None:
        """Put the files it reads into `folder`, the working folder it runs in."""
        for source in self.data_files:
            (folder / source.name).write_bytes(source.read_bytes())

    def from_project(self, path: Path) -> str:
        """How errors name `path` (the snippet, or a file beside it): from the project root."""
        return path.relative_to(self.root.parent).as_posix()

    @property
    def display_name(self) -> str:
        """The file name a reader would run (`python lookup.py`); tracebacks show it."""
        return Path(self.name).name

    def digest(self, environment: str) -> str:
        """Content hash: snippet text, its name and the pinned environment, never file times."""
        h = hashlib.sha256()
        for part in (environment, self.name, self.backend, self.text):
            h.update(part.encode())
            h.update(b"\0")
        for data in self.data_files:  # a changed data file changes the output
            h.update(data.read_bytes())
            h.update(b"\0")
        return h.hexdigest()


def strip_directives(text: str) -> str:
    return "".join(line for line in text.splitlines(True) if not _DIRECTIVE.match(line.strip()))


@functools.cache  # every page render asks, for every code block's title
def imported_roots(text: str) -> frozenset[str]:
    """Top-level packages a snippet imports (`import a.b`, `from a import b` give 'a')."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return frozenset()
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return frozenset(roots)


def _main_guard(text: str) -> int | None:
    """The line of a top-level `if __name__ == "__main__":`, if the snippet has one."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    for node in tree.body:
        test = node.test if isinstance(node, ast.If) else None
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.ops[0], ast.Eq)
            and {ast.unparse(test.left), ast.unparse(test.comparators[0])} == {"__name__", "'__main__'"}
        ):
            return node.lineno
    return None


@functools.cache  # reads every installed package's file list: about 0.3 s, once per process
def _distributions_by_module() -> dict[str, list[str]]:
    from importlib import metadata

    return metadata.packages_distributions()


def load(name: str, root: Path = SNIPPETS_DIR) -> Snippet:
    """Read `root/name` and its directives."""
    path = root / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SnippetError(f"{path}: no such snippet") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SnippetError(f"{path}: cannot be read as UTF-8 text ({e})") from None
    if text.startswith("\ufeff"):
        raise SnippetError(
            f"{path}:1: starts with a UTF-8 byte-order mark (BOM, U+FEFF), which Python rejects in code run with "
            "exec; save the file as UTF-8 without BOM"
        )
    guard = _main_guard(text)
    if guard:
        raise SnippetError(
            f'{path}:{guard}: `if __name__ == "__main__":` hides the code from the tests: pytest-codeblocks runs '
            'each code block as a module, where __name__ is not "__main__", so the guarded code would print '
            "nothing there; write the snippet's code at the top level"
        )
    values: dict[str, str] = {}
    where: dict[str, int] = {}  # directive -> its line, for errors
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _DIRECTIVE.match(line.strip())
        if not m:
            continue
        key, value = m["key"], m["value"]
        if key not in _KNOWN:
            raise SnippetError(f"{path}:{lineno}: unknown directive 'docs: {key}' (known: {', '.join(sorted(_KNOWN))})")
        values[key], where[key] = value, lineno
    timeout = DEFAULT_TIMEOUT
    if "timeout" in values:
        try:
            timeout = float(values["timeout"])
        except ValueError:
            timeout = math.nan
        if not (math.isfinite(timeout) and timeout > 0):
            raise SnippetError(
                f"{path}:{where['timeout']}: 'docs: timeout' must be a finite, positive number of seconds "
                f"(got {values['timeout']})"
            )
    if "raises" in values and not all(part.isidentifier() for part in values["raises"].split(".")):
        raise SnippetError(
            f"{path}:{where['raises']}: 'docs: raises' must name an exception class, like KeyError "
            f"(got {values['raises']})"
        )
    backend = values.get("backend", BACKENDS[0])
    if backend not in BACKENDS:
        raise SnippetError(
            f"{path}:{where['backend']}: 'docs: backend' must be one of {', '.join(BACKENDS)} (got {backend})"
        )
    if backend != BACKENDS[0] and f'os.environ["KERAS_BACKEND"] = "{backend}"' not in text:
        raise SnippetError(
            f"{path}:{where['backend']}: a reader runs it as `python {Path(name).name}`, "
            "without the build's KERAS_BACKEND; "
            f'set os.environ["KERAS_BACKEND"] = "{backend}" in it before Keras is imported'
        )
    elsewhere = tuple(Elsewhere(*_ELSEWHERE[key], values[key], where[key]) for key in _ELSEWHERE if key in values)
    for e in elsewhere:
        if e.backend == backend or ("fails-on-" + e.backend in values and "not-on-" + e.backend in values):
            raise SnippetError(
                f"{path}:{e.line}: 'docs: {e.kind}-{e.backend}' needs another backend than the snippet's own "
                "and at most one of fails-on / not-on per backend"
            )
    reads = tuple(values["reads"].replace(",", " ").split()) if "reads" in values else ()
    for data in reads:
        if "/" in data or "\\" in data or not (path.parent / data).is_file():
            raise SnippetError(
                f"{path}:{where['reads']}: 'docs: reads' names {data}, which is not a file beside the snippet"
            )
    return Snippet(
        name,
        text,
        values.get("raises"),
        timeout,
        values.get("unchecked"),
        values.get("isolated"),
        backend,
        values.get("alone"),
        tuple(values["needs"].replace(",", " ").split()) if "needs" in values else (),
        reads,
        root,
        elsewhere=elsewhere,
    )


def discover(root: Path = SNIPPETS_DIR) -> list[Snippet]:
    """Every `.py` file under snippets/, sorted by name."""
    return [load(p.relative_to(root).as_posix(), root) for p in sorted(root.rglob("*.py"))]
