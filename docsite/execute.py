"""Run one snippet as `__main__` in the current process and report how it ended.

Used by every runner: the fork server calls it in a forked child, the fresh-process runner
calls it through `python -m docsite.execute`. Both therefore print errors the same way.
"""

from __future__ import annotations

import sys
import traceback
import types


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
    return "".join(lines)


def run(path: str, filename: str) -> int:
    """Execute the file at `path`, shown in tracebacks as `filename`; return an exit code.

    The exception text goes to stderr, prefixed by a marker line so the runner can tell
    it from anything else the libraries log there.
    """
    with open(path, encoding="utf-8") as f:
        source = f.read()
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
        sys.stderr.write(ERROR_MARKER + format_error(e, filename))
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


ERROR_MARKER = "\n@@docsite-error@@\n"

if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2]))
