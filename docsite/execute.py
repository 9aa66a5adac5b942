"""Run one snippet as `__main__` in the current process and report how it ended.

Used by every runner: the fork server calls it in a forked child, the fresh-process runner
calls it through `python -m docsite.execute`. Both therefore print errors the same way.
"""

from __future__ import annotations

import linecache
import re
import sys
import traceback
import types

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Keras bolds parts of error messages for terminals


def format_error(exc: BaseException, filename: str) -> str:
    """A traceback a reader can use: frames of the snippet itself, then the exception.

    Library frames are left out: they name site-packages paths of the machine that
    built the site, which would make the page differ from machine to machine.
    """
    te = traceback.TracebackException.from_exception(exc)
    frames = [f for f in te.stack if f.filename == filename]
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.StackSummary.from_list(frames).format()
    lines += list(te.format_exception_only())
    return _ANSI.sub("", "".join(lines))


def run(path: str, filename: str) -> int:
    """Execute the file at `path`, shown in tracebacks as `filename`; return an exit code.

    The exception goes to stderr after a marker line and a line with its class name, so
    the runner can tell it from anything else the libraries log there.
    """
    with open(path, encoding="utf-8") as f:
        source = f.read()
    # Tracebacks quote source lines; the file is known under `filename`, not its path.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module = types.ModuleType("__main__")
    module.__file__ = filename
    sys.modules["__main__"] = module
    sys.argv = [filename]
    code = 0
    try:
        exec(compile(source, filename, "exec"), module.__dict__)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:
        sys.stderr.write(f"{ERROR_MARKER}{type(e).__name__}\n{format_error(e, filename)}")
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


ERROR_MARKER = "\n@@docsite-error@@\n"

if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2]))
