"""Pay the tensorflow import once: import it here, then fork a fresh child per snippet.

Each child is a new process that has run no snippet code before: it gets its own
`__main__`, working directory, stdout and random state, like `python snippet.py` would.
Only already-imported modules are shared, which is what makes a cold build fast.

Protocol (one JSON object per line): the runner writes jobs to stdin
`{"id", "path", "filename", "cwd", "stdout", "stderr", "timeout"}` and reads results from
stdout `{"id", "exit", "timed_out", "seconds"}`. The server exits when stdin closes and
every child has finished.
"""

from __future__ import annotations

import importlib
import json
import os
import random
import select
import signal
import sys
import time

from docsite import execute

# What the snippets import, loaded once. DOCSITE_PRELOAD (comma-separated) overrides it.
PRELOAD = ("numpy", "tensorflow", "keras")


def _child(job: dict) -> None:
    """Runs in the forked child: never returns."""
    code = 1
    try:
        os.setsid()  # own process group, so a timeout kills anything the snippet started
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(job["cwd"])
        for fd, path, flags in (
            (0, os.devnull, os.O_RDONLY),
            (1, job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            target = os.open(path, flags, 0o644)
            os.dup2(target, fd)
            os.close(target)
        # A fresh interpreter draws new seeds; so must a forked copy of one.
        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        code = execute.run(job["path"], job["filename"])
    finally:
        os._exit(code)


def serve(jobs: int) -> None:
    preload = os.environ.get("DOCSITE_PRELOAD")
    for name in PRELOAD if preload is None else filter(None, preload.split(",")):
        importlib.import_module(name)
    out = sys.stdout
    running: dict[int, tuple[dict, float]] = {}
    queue: list[dict] = []
    buffer = b""
    stdin_open = True

    def reply(job: dict, exit_code: int | None, timed_out: bool, started: float) -> None:
        out.write(
            json.dumps(
                {"id": job["id"], "exit": exit_code, "timed_out": timed_out, "seconds": time.monotonic() - started}
            )
            + "\n"
        )
        out.flush()

    while stdin_open or queue or running:
        if stdin_open:
            ready, _, _ = select.select([0], [], [], 0.005 if running else None)
            if ready:
                chunk = os.read(0, 65536)
                if not chunk:
                    stdin_open = False
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                queue += [json.loads(line) for line in lines if line.strip()]
        else:
            time.sleep(0.005)
        while queue and len(running) < jobs:
            job = queue.pop(0)
            out.flush()  # nothing buffered may be copied into the child
            pid = os.fork()
            if pid == 0:
                _child(job)
            running[pid] = (job, time.monotonic())
        for pid, (job, started) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                del running[pid]
                reply(job, os.waitstatus_to_exitcode(status), False, started)
            elif time.monotonic() - started > job["timeout"]:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                del running[pid]
                reply(job, None, True, started)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count() or 1)
