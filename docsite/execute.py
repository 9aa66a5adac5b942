"""Run snippets in clean processes: a fork server, a supervisor per snippet, the snippet.

`python -m docsite.execute serve WORKERS MODULE,... JOBS.json` (started by `runner._run`)
imports the modules, then forks a child per job, `WORKERS` at a time, and prints each
finished job's id. Each child has run no snippet code before: it gets its own `__main__`,
working directory, stdout and random state, like `python snippet.py` would; only the
pre-imported modules are shared, which is what makes a cold build fast.

The child is the snippet's supervisor (`supervise`), a Linux "child subreaper": anything the
snippet starts that outlives it, even in a new session, is handed to it, and it kills that
and reports it. It enforces the time limit and writes `status.json` beside the job's output
files. A job that needs an interpreter of its own (another backend, `isolated`, `alone`)
replaces the forked snippet process with `python -m docsite.execute run FILE NAME` and its
own environment.

Why not `multiprocessing`'s forkserver with `set_forkserver_preload`: its server is one per
process, started once, with the preload list and environment of that moment, so a build
could neither choose what to pre-import (an edit to a NumPy-only snippet must not import
tensorflow) nor give the server `KERAS_BACKEND` and a quiet TensorFlow log without changing
the mkdocs process's own environment; and its output would go into the build's log.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import linecache
import os
import random
import re
import signal
import sys
import time
import traceback
import types
from pathlib import Path

_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Keras bolds parts of error messages for terminals
ERROR_MARKER = "\n@@docsite-error@@\n"
EXIT_MARKER = "\n@@docsite-os-exit@@ "  # followed by the code the snippet passed to os._exit
PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_PR_SET_PDEATHSIG = 1
_exit = os._exit  # the real one: a snippet's os._exit is wrapped (see run)
_PR_SET_CHILD_SUBREAPER = 36
# Audit events that change files (https://docs.python.org/3/library/audit_events.html); "open" only
# when it opens for writing.
_CHANGES = {
    "open", "os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.truncate", "os.chmod", "os.chown",
    "os.utime", "os.link", "os.symlink", "shutil.rmtree", "shutil.move",
}  # fmt: skip
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
GRACE = 30.0  # beyond a snippet's own limit, for a supervisor that itself got stuck


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


def changes_files(event: str, args: tuple) -> bool:
    """Whether an audit event changes files (opening for reading does not). Also read by
    tests/fault_injection.py, whose faults strike at such events."""
    return event in _CHANGES and not (event == "open" and not (args[2] or 0) & _WRITE_FLAGS)


def _refuse_project_writes(event: str, args: tuple) -> None:
    """Audit hook of a snippet: it may read the project, never change it (its page would
    publish the change). Subprocesses it starts escape this; `runner.run_all` compares the
    sources before and after as well."""
    if not changes_files(event, args):
        return
    for arg in args[:2]:
        if isinstance(arg, str | bytes | os.PathLike):
            target = os.path.realpath(os.fsdecode(arg))
            if target == PROJECT or target.startswith(PROJECT + os.sep):
                raise PermissionError(
                    f"a snippet may not change the project's files ({event}: {target}); it runs in a "
                    "temporary folder of its own: write there, or into a tempfile"
                )


def _os_exit_reported(real_exit):
    """os._exit that first says so on stderr (unbuffered), then exits as asked."""

    def reported(code: int) -> None:
        os.write(2, f"{EXIT_MARKER}{code}\n".encode())
        real_exit(code)

    return reported


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
    os._exit = _os_exit_reported(os._exit)
    sys.addaudithook(_refuse_project_writes)
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


def _snippet_process(job: dict) -> None:
    """The forked snippet: its own process group, files for stdout/stderr. Never returns."""
    code = 1
    try:
        _die_with_parent(signal.SIGKILL)
        os.setpgid(0, 0)  # the supervisor kills this group at the time limit
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
        if job["env"] is not None:  # an interpreter of its own, in this same process
            argv = [sys.executable, "-P", __file__, "run", job["path"], job["filename"]]
            os.execve(sys.executable, argv, job["env"])
        # A fresh interpreter draws new seeds; so must a forked copy of one.
        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        code = run(job["path"], job["filename"])
    finally:
        _exit(code)


def _children() -> dict[int, str]:
    """Processes whose parent is this one, with their command lines (zombies reaped, not listed)."""
    me, found = os.getpid(), {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) != me:
                continue
            if state == "Z":
                os.waitpid(int(entry.name), os.WNOHANG)
                continue
            cmd = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            found[int(entry.name)] = cmd or stat.split("(", 1)[1].rsplit(")", 1)[0]
        except (OSError, ValueError, ChildProcessError):
            continue
    return found


def _kill_leftovers() -> list[str]:
    """Kill whatever the snippet left running; each kill hands its children to us, so repeat."""
    killed: list[str] = []
    for _ in range(100):
        found = _children()
        if not found:
            break
        for pid, cmd in found.items():
            killed.append(cmd)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    return killed


def _prctl(option: int, value: int) -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _die_with_parent(sig: int) -> None:
    """Get `sig` when the parent process ends, so that a killed build leaves nothing running."""
    parent = os.getppid()
    _prctl(_PR_SET_PDEATHSIG, sig)
    if os.getppid() != parent:  # it ended before the request took effect
        os.kill(os.getpid(), sig)


def supervise(job: dict) -> None:
    """Run the snippet described by `job` and write `status.json` into `job['dir']`."""
    snippet: list[int] = []

    def stop(signum: int, frame: object) -> None:
        """The build was cancelled: end the snippet and what it started, then this process."""
        for pid in snippet:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _kill_leftovers()
        _exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    _die_with_parent(signal.SIGTERM)
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    started = time.monotonic()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _snippet_process(job)
    snippet.append(pid)
    deadline = started + job["timeout"]
    exit_code: int | None = None
    timed_out = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            exit_code = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() > deadline:
            timed_out = True
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.005)
    seconds = time.monotonic() - started
    leftovers = _kill_leftovers()
    status = {"exit": exit_code, "timed_out": timed_out, "seconds": seconds, "leftovers": leftovers}
    tmp = Path(job["dir"], "status.json.tmp")
    tmp.write_text(json.dumps(status), encoding="utf-8")
    os.replace(tmp, Path(job["dir"], "status.json"))


def serve(workers: int, preload: list[str], jobs: list[dict]) -> None:
    """Run `jobs` (see `runner._Job.request`), each in a forked supervisor; print each id when done."""
    running: dict[int, tuple[dict, float]] = {}
    server = os.getpid()

    def stop(signum: int, frame: object) -> None:
        """The build was cancelled: stop every supervisor, wait for them, end."""
        if os.getpid() == server:
            for pid in list(running):
                try:
                    os.kill(pid, signal.SIGTERM)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
        _exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    _die_with_parent(signal.SIGTERM)
    for name in preload:
        importlib.import_module(name)
    while jobs or running:
        while jobs and len(running) < workers:
            job = jobs.pop(0)
            sys.stdout.flush()  # nothing buffered may be copied into the child
            pid = os.fork()
            if pid == 0:
                try:
                    os.setsid()  # out of the server's process group and terminal
                    supervise(job)
                finally:
                    _exit(0)
            running[pid] = (job, time.monotonic())
        time.sleep(0.005)
        for pid, (job, started) in list(running.items()):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done and time.monotonic() - started > job["timeout"] + GRACE:  # the supervisor got stuck
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                done = pid
            if done:
                del running[pid]
                print(job["id"], flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]), [m for m in sys.argv[3].split(",") if m], json.loads(Path(sys.argv[4]).read_text()))
    else:
        sys.exit(run(sys.argv[2], sys.argv[3]))
