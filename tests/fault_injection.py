"""Run `python -m docsite` with a fault placed at an exact point, not at a moment on the clock.

    python tests/fault_injection.py kill-at-write FRAGMENT -- build --site out
    python tests/fault_injection.py meet-at-rename FRAGMENT FOLDER COUNT -- build --site out

Run it from the project (a copy of it) to build: its docsite is the one imported.

An audit hook watches the files this process opens for writing, and renames. At the first
write to a path containing FRAGMENT, `kill-at-write` ends the process with SIGKILL (a build
killed half way through that write). At the first rename onto such a path, `meet-at-rename`
waits until COUNT processes have reached that point (each leaves a file in FOLDER): builds
started together have then all written their temporary file and none has renamed it yet.
"""

from __future__ import annotations

import os
import runpy
import signal
import sys
import time
from pathlib import Path


def main() -> None:
    sys.path.insert(0, os.getcwd())
    from docsite.execute import changes_files

    split = sys.argv.index("--")
    action, fragment, *rest = sys.argv[1:split]
    fired = False

    def hook(event: str, args: tuple) -> None:
        nonlocal fired
        if fired or (event, action) not in {("open", "kill-at-write"), ("os.rename", "meet-at-rename")}:
            return
        path = args[1] if event == "os.rename" else args[0]
        if not isinstance(path, str | os.PathLike) or fragment not in os.fsdecode(path):
            return
        if not changes_files(event, args):
            return
        fired = True
        if action == "kill-at-write":
            os.kill(os.getpid(), signal.SIGKILL)
        folder, count = Path(rest[0]), int(rest[1])
        (folder / str(os.getpid())).touch()
        deadline = time.monotonic() + 300
        while len(list(folder.iterdir())) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {len(list(folder.iterdir()))} of {count} processes reached {fragment}")
            time.sleep(0.01)

    sys.addaudithook(hook)
    sys.argv = ["docsite", *sys.argv[split + 1 :]]
    runpy.run_module("docsite", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
