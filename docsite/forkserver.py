"""Pay the tensorflow import once: import it here, then fork a fresh child per snippet.

Each child is a new process that has run no snippet code before: it gets its own
`__main__`, working directory, stdout and random state, like `python snippet.py` would.
Only already-imported modules are shared, which is what makes a cold build fast. The child
is the snippet's supervisor (`execute.supervise`): it enforces the time limit and kills
anything the snippet leaves running. A job with an environment of its own (another Keras
backend, `isolated`, `alone`) runs in a new interpreter started by that supervisor, under the
same guarantees.

Usage: `python -m docsite.forkserver WORKERS MODULE,MODULE...`; jobs arrive on stdin as one
JSON object per line (see `runner._Job.request`), and the server answers each finished job
with its id on stdout. It exits when stdin closes and every child has finished.

Why not `multiprocessing`'s forkserver with `set_forkserver_preload`: its server is one per
process, started once, with the preload list and environment of that moment, so a build
could neither choose what to pre-import (an edit to a NumPy-only snippet must not import
tensorflow) nor give the server `KERAS_BACKEND` and a quiet TensorFlow log without changing
the mkdocs process's own environment; and its output would go into the build's log.
"""

from __future__ import annotations

import importlib
import json
import os
import select
import signal
import sys
import time

from docsite import execute

GRACE = 30.0  # beyond a snippet's own limit, for a supervisor that itself got stuck


def _child(job: dict) -> None:
    """Runs in the forked child: never returns."""
    try:
        os.setsid()  # out of the server's process group and terminal
        execute.supervise(job)
    finally:
        os._exit(0)


def serve(workers: int, preload: list[str]) -> None:
    for name in preload:
        importlib.import_module(name)
    running: dict[int, tuple[dict, float]] = {}
    queue: list[dict] = []
    buffer = b""
    stdin_open = True
    while stdin_open or queue or running:
        if stdin_open:
            ready, _, _ = select.select([0], [], [], 0.005 if running else None)
            if ready:
                chunk = os.read(0, 65536)
                stdin_open = bool(chunk)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                queue += [json.loads(line) for line in lines if line.strip()]
        else:
            time.sleep(0.005)
        while queue and len(running) < workers:
            job = queue.pop(0)
            sys.stdout.flush()  # nothing buffered may be copied into the child
            pid = os.fork()
            if pid == 0:
                _child(job)
            running[pid] = (job, time.monotonic())
        for pid, (job, started) in list(running.items()):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done and time.monotonic() - started > job["timeout"] + GRACE:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                done = pid
            if done:
                del running[pid]
                print(json.dumps({"id": job["id"]}), flush=True)


if __name__ == "__main__":
    serve(int(sys.argv[1]), [m for m in sys.argv[2].split(",") if m])
