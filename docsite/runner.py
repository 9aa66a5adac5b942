"""Run snippets in clean processes, at most once per content, and report each result.

`run_all` looks every snippet up in the cache and runs the misses through fork servers
(`execute.serve`), each under a supervisor (`execute.supervise`: time limit, nothing left
running), slowest first:

- TensorFlow-backend snippets run in a forked child of a server that imported what they
  import once: that is where a cold build is won;
- a snippet that declares another backend, `isolated` or `alone` gets an interpreter of
  its own (the forked child becomes one), with `KERAS_BACKEND` set before any import;
- `alone` snippets (timings) run last, one at a time, with nothing else running.

Failures are returned, not raised: the caller decides whether a failure stops the build
(`mkdocs build`) or is shown on the page (`mkdocs serve`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import platform
import select
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from docsite import ROOT, SOURCES
from docsite.cache import Cache
from docsite.execute import ERROR_MARKER, EXIT_MARKER
from docsite.snippet import Snippet, imported_roots

log = logging.getLogger("mkdocs.docsite")

RUNNER_VERSION = "5"  # bump when the way outputs are produced changes
SHOWN_VERSIONS = ("tensorflow", "keras", "numpy", "jax")  # in each page footer
# Limits a snippet must keep (the contributing page states them): the page shows all of its
# output, and the site publishes the files it writes.
MAX_OUTPUT_BYTES = 20_000
MAX_OUTPUT_LINES = 300
MAX_FILE_BYTES = 1_000_000
MAX_FILES = 8


def _package_dirs() -> list[str]:
    """Where the interpreter's packages are installed. Not `sys.path`: inside `mkdocs build`,
    jieba imports pkg_resources, which appends setuptools' vendored packages to it, and the
    build and the tests then computed different keys for the same snippet."""
    dirs = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    return list(dict.fromkeys(dirs))


@functools.cache  # fixed for the life of the process, and asked for by every result
def _installed() -> tuple[tuple[str, str], ...]:
    """Every installed distribution and its version: any of them can change an output. Read
    from the names of the `*.dist-info` folders (`name-version.dist-info`), which is what pip
    writes, rather than from each package's metadata file: a few ms instead of a few tenths."""
    found = {}
    for folder in _package_dirs():
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info") and "-" in entry:
                name, version = entry.removesuffix(".dist-info").split("-", 1)
                found.setdefault(name.lower().replace("_", "-"), version)
    return tuple(sorted(found.items()))


def versions() -> dict[str, str]:
    """Versions that produce the outputs, as shown in each page footer."""
    installed = dict(_installed())
    return {"python": platform.python_version()} | {n: installed.get(n, "not installed") for n in SHOWN_VERSIONS}


def environment() -> str:
    """What besides its text decides a snippet's output: the runner, the interpreter and every
    installed version (not the text of requirements.txt, which may not be what is installed)."""
    return "\n".join([RUNNER_VERSION, sys.version, json.dumps(_installed())])


def child_env(backend: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        KERAS_BACKEND=backend,
        TF_CPP_MIN_LOG_LEVEL="3",  # tensorflow's C++ log lines go to stderr; keep it readable
        CUDA_VISIBLE_DEVICES="-1",  # no GPU here; skip the driver probe
        JAX_PLATFORMS="cpu",  # and jax's probe for accelerators
        MPLBACKEND="Agg",
    )
    # Nothing of the project is importable from a snippet (execute.py runs with `python -P`).
    for name in ("PYTHONUNBUFFERED", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME"):
        env.pop(name, None)
    return env


@dataclass
class Result:
    snippet: Snippet
    digest: str
    stdout: str = ""
    error: str | None = None  # the reader-facing traceback when the snippet raised
    raised: str | None = None  # class name of that exception
    exit_code: int | None = 0
    timed_out: bool = False
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    artifacts: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    requirements: list[str] = field(default_factory=list)  # what a reader installs to run it (Snippet.requirements)
    stderr_tail: str = ""
    leftovers: list[str] = field(default_factory=list)  # processes it left running (killed)
    oversized: str | None = None  # which limit its output or files broke
    hard_exit: int | None = None  # the code it passed to os._exit, which skips flushing its output
    cached: bool = False

    @property
    def output(self) -> str:
        """What the page shows under the code: stdout, then the error if there was one."""
        if self.error is None:
            return self.stdout
        sep = "" if not self.stdout or self.stdout.endswith("\n") else "\n"
        return self.stdout + sep + self.error

    @property
    def problem(self) -> str | None:
        """Why this result must not be published, or None if it is good."""
        s = self.snippet
        if self.timed_out:
            return (
                f"stopped after {s.timeout:g} s, its time limit "
                "(declare '# docs: timeout=SECONDS' if it really needs longer)"
            )
        if self.oversized:
            return self.oversized
        if self.leftovers:
            return (
                "left processes running when it ended (they were killed): "
                + "; ".join(self.leftovers[:5])
                + ". A snippet waits for what it starts."
            )
        if self.exit_code is not None and self.exit_code < 0:
            name = signal.Signals(-self.exit_code).name
            why = (
                " (SIGKILL from outside a snippet most often means the machine ran out of memory and the "
                "kernel's OOM killer ended it)"
                if name == "SIGKILL"
                else ""
            )
            printed = (self.output + self.stderr_tail).strip() or "(nothing; what was still buffered is lost)"
            return f"was killed by signal {name}{why}. What it printed before:\n{printed}"
        if self.hard_exit is not None:
            lines = self.output.count("\n")
            return (
                f"ended with os._exit({self.hard_exit}), which does not flush what print() buffered: "
                f"{lines} line(s) of its output reached the page, and a reader running it loses the rest too; "
                "let it end normally (or call sys.exit)"
            )
        if s.variant:  # on another backend, what the reader gets there is shown, errors included
            declared = s.on(s.backend)
            failed = self.exit_code != 0
            if s.raises is None and failed and declared is None:
                return (
                    f"fails on the Keras {s.backend} backend:\n{self.error or self.stderr_tail}\n"
                    f"If it cannot work there, say why with '# docs: fails-on-{s.backend}=<reason>' (the page "
                    f"shows the reason and this error), or '# docs: not-on-{s.backend}=<reason>' (not run there)"
                )
            if declared is not None and not failed:
                return (
                    f"is declared to fail on the Keras {s.backend} backend (line {declared.line}) but ran "
                    "without error there; remove the directive"
                )
            return None
        if s.raises is None and self.exit_code != 0:
            detail = self.error or self.stderr_tail or f"exit code {self.exit_code}"
            return f"failed:\n{detail}"
        if s.raises is not None and self.raised is None:
            return f"is declared to raise {s.raises} ('# docs: raises={s.raises}') but finished without error"
        if s.raises is not None and self.raised != s.raises:
            return f"is declared to raise {s.raises} but raised:\n{self.error}"
        if not self.output.strip():
            return "printed nothing; a snippet prints what its page talks about"
        if not self.output.endswith("\n"):
            return "output does not end with a newline (pytest-codeblocks compares whole lines)"
        return None

    def payload(self) -> dict:
        return {"name": self.snippet.name, **{key: getattr(self, key) for key in _STORED}}

    @classmethod
    def from_payload(cls, snippet: Snippet, payload: dict) -> Result:
        return cls(snippet, **{key: payload[key] for key in _STORED}, cached=True)


# What the cache keeps of a result: what pages, notebooks and figures show of it.
_STORED = ("digest", "stdout", "error", "raised", "exit_code", "seconds", "versions", "artifacts", "requirements")


class SnippetFailure(Exception):
    """Raised by callers that must stop: names every failed snippet with its details."""

    def __init__(self, results: Iterable[Result]) -> None:
        self.results = list(results)
        super().__init__("\n\n".join(f"{_named(r.snippet)}: {r.problem}" for r in self.results))


def _named(snippet: Snippet) -> str:
    """How errors name a run: its file from the project root, and the backend of a variant."""
    where = snippet.from_project(snippet.path)
    return f"{where} (on the Keras {snippet.backend} backend)" if snippet.variant else where


def _read_capped(path: Path, limit: int) -> tuple[str, bool]:
    """The text of `path`, at most `limit` bytes of it, and whether there was more."""
    if not path.exists():
        return "", False
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    return data[:limit].decode("utf-8", errors="replace"), len(data) > limit


def _check_files(cwd: Path) -> tuple[dict[str, str], str | None]:
    """Hashes of the files a snippet left in its folder, or which limit they break."""
    files = sorted(p for p in cwd.rglob("*") if p.is_file() or p.is_symlink())
    if len(files) > MAX_FILES:
        return {}, f"left {len(files)} files behind; the limit is {MAX_FILES} (use tempfile for scratch files)"
    artifacts = {}
    for p in files:
        rel = p.relative_to(cwd).as_posix()
        if p.is_symlink() or p.parent != cwd:
            return {}, f"left '{rel}' behind; only plain files in its own folder can be published"
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            return {}, (
                f"wrote '{rel}' of {size:,} bytes; a published file may have at most {MAX_FILE_BYTES:,} "
                "(write big scratch files with tempfile and delete them)"
            )
        artifacts[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return artifacts, None


def _collect(job: _Job) -> Result:
    status_file = job.dir / "status.json"
    if status_file.exists():
        status = json.loads(status_file.read_text(encoding="utf-8"))
    else:  # the supervisor itself was killed
        status = {"exit": None, "timed_out": True, "seconds": job.snippet.timeout, "leftovers": []}
    stdout, too_big = _read_capped(job.dir / "stdout", MAX_OUTPUT_BYTES)
    stderr, _ = _read_capped(job.dir / "stderr", 2_000_000)
    error = raised = oversized = hard_exit = None
    if EXIT_MARKER in stderr:
        stderr, code = stderr.split(EXIT_MARKER, 1)
        hard_exit = int(code.split("\n", 1)[0])
    if ERROR_MARKER in stderr:
        stderr, error = stderr.split(ERROR_MARKER, 1)
        raised, error = error.split("\n", 1)
    lines = (stdout + (error or "")).count("\n")
    if too_big or lines > MAX_OUTPUT_LINES:
        oversized = (
            f"printed more than the page can show ({'over ' if too_big else ''}{len(stdout.encode()):,} bytes, "
            f"{lines} lines; the limits are {MAX_OUTPUT_BYTES:,} bytes and {MAX_OUTPUT_LINES} lines)"
        )
    artifacts, files_problem = _check_files(job.dir / "cwd")
    return Result(
        job.snippet,
        job.digest,
        stdout=stdout,
        error=error,
        raised=raised,
        exit_code=status["exit"],
        timed_out=status["timed_out"],
        seconds=status["seconds"],
        versions=versions(),
        artifacts=artifacts,
        requirements=job.snippet.requirements,  # kept with the result: finding them reads every package's files
        stderr_tail="\n".join(stderr.strip().splitlines()[-15:]),
        leftovers=status["leftovers"],
        oversized=oversized or files_problem,
        hard_exit=hard_exit,
    )


class _Job:
    def __init__(self, snippet: Snippet, digest: str, scratch: Path, index: int) -> None:
        self.snippet, self.digest = snippet, digest
        self.dir = scratch / f"job{index}"
        (self.dir / "cwd").mkdir(parents=True)
        snippet.copy_data(self.dir / "cwd")
        # The code as the page shows it, without the `# docs:` lines: the line numbers in its
        # tracebacks are the ones the reader sees and copies.
        self.code = self.dir / "code" / snippet.display_name
        self.code.parent.mkdir()
        self.code.write_text(snippet.shown, encoding="utf-8")

    def request(self) -> dict:
        """What `execute.supervise` needs to run it."""
        return {
            "id": self.digest,
            "path": str(self.code),
            "filename": self.snippet.display_name,
            "dir": str(self.dir),
            "cwd": str(self.dir / "cwd"),
            "stdout": str(self.dir / "stdout"),
            "stderr": str(self.dir / "stderr"),
            "timeout": self.snippet.timeout,
            "env": child_env(self.snippet.backend) if self.snippet.fresh_process else None,
        }


def _preload_for(jobs: list[_Job]) -> list[str]:
    """Pre-import only what the snippets to run need: a NumPy-only edit must not pay for
    importing tensorflow. keras imports tensorflow (its backend) anyway."""
    needed = set().union(*(imported_roots(j.snippet.text) for j in jobs if not j.snippet.fresh_process))
    if "keras" in needed:
        needed.add("tensorflow")
    return [name for name in ("numpy", "tensorflow", "keras") if name in needed]


Done = Callable[[Result], None]
EXECUTE = Path(__file__).with_name("execute.py")


class _Servers:
    """The fork servers of one `run_all`. When the run is cut short (Ctrl-C, SIGTERM, an
    error), `stop` asks each to stop: a server stops its supervisors, each supervisor kills
    its snippet and whatever that started, and only then does the scratch folder go."""

    def __init__(self) -> None:
        self.running: list[subprocess.Popen] = []
        self.stopping = False

    def stop(self) -> None:
        self.stopping = True
        for server in self.running:
            if server.poll() is None:
                server.terminate()
        for server in self.running:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _lines(server: subprocess.Popen, servers: _Servers) -> Iterator[str]:
    """The ids the server prints as its jobs finish. Once the run is stopping and the server has
    ended, reading stops even if a supervisor it forked still holds the pipe open: a cancelled
    build does not wait for it (the supervisor gets SIGTERM when its server dies)."""
    fd, pending = server.stdout.fileno(), ""
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            if servers.stopping and server.poll() is not None:
                return
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        *lines, pending = (pending + chunk.decode()).split("\n")
        yield from lines


def _run(jobs: list[_Job], workers: int, done: Done, scratch: Path, lane: int, servers: _Servers) -> None:
    """Run `jobs` through a fork server of their own (with their Keras backend), `workers` at a time."""
    if not jobs or servers.stopping:
        return
    server_log = scratch / f"forkserver{lane}.log"  # tensorflow's import noise, or why the server died
    requests = scratch / f"jobs{lane}.json"
    requests.write_text(json.dumps([job.request() for job in jobs]), encoding="utf-8")
    with open(server_log, "wb") as log_file:
        # -P: the folder of execute.py is not put on sys.path, and the server starts in the
        # scratch folder: nothing of the project is importable from a snippet.
        server = subprocess.Popen(
            [sys.executable, "-P", str(EXECUTE), "serve", str(workers), ",".join(_preload_for(jobs)), requests],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log_file,
            env=child_env(jobs[0].snippet.backend),
            cwd=scratch,
            text=True,
        )
    servers.running.append(server)
    by_id = {j.digest: j for j in jobs}
    try:
        for line in _lines(server, servers):
            done(_collect(by_id.pop(line.strip())))
    finally:
        if server.poll() is None:
            server.kill()
        server.wait()
    if by_id and not servers.stopping:
        tail = "\n".join(server_log.read_text(errors="replace").strip().splitlines()[-20:])
        raise RuntimeError(
            f"the snippet fork server stopped (exit {server.returncode}) before running "
            + ", ".join(j.snippet.name for j in by_id.values())
            + f":\n{tail}"
        )


class ProjectChanged(RuntimeError):
    """A snippet run changed the project's sources: what would be published is no longer what was run."""


def sources_state() -> dict[str, str]:
    """sha256 of every file the site is built from (see docsite.SOURCES)."""
    files = [p for name in SOURCES for p in ([ROOT / name] if (ROOT / name).is_file() else (ROOT / name).rglob("*"))]
    files += sorted(ROOT.glob("mkdocs*.yml"))
    return {
        p.relative_to(ROOT).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
        if p.is_file() and "__pycache__" not in p.parts
    }


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


def run_all(
    snippets: list[Snippet], cache: Cache | None = None, *, workers: int | None = None, guard: bool = True
) -> dict[str, Result]:
    """Results for all `snippets` by name; runs only those whose content is not cached.
    With `guard`, a change to the project's sources while snippets run raises ProjectChanged
    (`mkdocs serve` passes False: there the writer edits while snippets run)."""
    cache = cache or Cache()
    workers = workers or os.cpu_count() or 1
    env = environment()
    results: dict[str, Result] = {}
    misses: list[tuple[Snippet, str]] = []
    for s in snippets:
        digest = s.digest(env)
        payload = cache.get(digest)
        if payload is None:
            misses.append((s, digest))
        else:
            results[s.key] = Result.from_payload(s, payload)
    if not misses:
        return results

    log.info(
        f"Running {len(misses)} of {len(snippets)} snippets ({len(snippets) - len(misses)} cached, {workers} at a time)"
    )
    started = time.monotonic()
    before = sources_state() if guard else {}
    # Longest first, so the slow ones do not end up alone on one core at the end: by the last
    # run of a snippet of that name, or, never run here, by its length as a rough guess.
    timings = cache.timings()
    misses.sort(key=lambda miss: -timings.get(miss[0].key, len(miss[0].text) / 500))
    # SIGTERM (from make, or a CI runner) unwinds like Ctrl-C, so the cleanup below runs.
    in_main = threading.current_thread() is threading.main_thread()
    # SIGINT too: a parent that ignores it (a pytest-xdist worker, nohup) passes that on.
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGINT)} if in_main else None
    servers = _Servers()
    try:
        with tempfile.TemporaryDirectory(prefix="docsite-run-") as scratch:
            jobs = [_Job(s, d, Path(scratch), i) for i, (s, d) in enumerate(misses)]
            folders = {j.digest: j.dir / "cwd" for j in jobs}
            lock = threading.Lock()

            def done(result: Result) -> None:
                with lock:
                    results[result.snippet.key] = result
                    finished = sum(1 for r in results.values() if not r.cached)
                status = "ok" if result.problem is None else "FAILED"
                log.info(f"  [{finished}/{len(jobs)}] {result.snippet.key}: {status} in {result.seconds:.2f} s")
                if result.problem is None:
                    cache.put(result.payload(), folders[result.digest])

            # Servers side by side, one per Keras backend and one for snippets that need an
            # interpreter of their own, which so start at once instead of waiting for another
            # server's tensorflow import (a cold build took 8 s longer with one queue); then
            # the `alone` ones with nothing beside them.
            forked = [j for j in jobs if not j.snippet.alone and not j.snippet.fresh_process]
            backends = dict.fromkeys(j.snippet.backend for j in forked)
            lanes = [[j for j in forked if j.snippet.backend == b] for b in backends]
            lanes.append([j for j in jobs if not j.snippet.alone and j.snippet.fresh_process])
            try:
                with ThreadPoolExecutor(len(lanes)) as pool:
                    here = Path(scratch)
                    running = [pool.submit(_run, js, workers, done, here, i, servers) for i, js in enumerate(lanes)]
                    try:
                        for finished in running:
                            finished.result()
                    except BaseException:
                        servers.stop()
                        raise
                _run([j for j in jobs if j.snippet.alone], 1, done, Path(scratch), len(lanes), servers)
            except BaseException:
                servers.stop()
                raise
        if guard:
            after = sources_state()
            changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
            if changed:
                ran = [r for r in results.values() if not r.cached]
                for r in ran:  # none of them is trusted: they run again, and are caught again
                    cache.drop(r.digest)
                raise ProjectChanged(
                    "the project's sources changed while snippets ran, so nothing is published: "
                    + ", ".join(changed)
                    + ". If you edited them while the build ran, build again. Otherwise a snippet wrote "
                    "them (a snippet may only write into its own working folder), one of these "
                    f"{len(ran)} runs: " + ", ".join(f"snippets/{key}" for key in sorted({r.snippet.key for r in ran}))
                )
    finally:
        if previous is not None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    cache.record_timings({name: r.seconds for name, r in results.items() if not r.cached})
    log.info(f"Snippets done in {time.monotonic() - started:.1f} s")
    return results
