"""Run snippets in clean processes, at most once per content, and report each result.

`run_all` looks every snippet up in the cache, runs the misses in parallel (through the
fork server by default, or one fresh interpreter each), stores what succeeded and returns
a `Result` per snippet. Failures are returned, not raised: the caller decides whether a
failure stops the build (`mkdocs build`) or is shown on the page (`mkdocs serve`).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from docsite.cache import Cache
from docsite.execute import ERROR_MARKER
from docsite.snippet import ROOT, Snippet

log = logging.getLogger("mkdocs.docsite")

RUNNER_VERSION = "2"  # bump when the way outputs are produced changes
TRACKED = ("tensorflow", "keras", "numpy")


@functools.cache  # fixed for the life of the process, and asked for by every result
def _installed_versions() -> tuple[tuple[str, str], ...]:
    found = [("python", platform.python_version())]
    for name in TRACKED:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "not installed"))
    return tuple(found)


def versions() -> dict[str, str]:
    """Versions that produce the outputs, as shown in each page footer."""
    return dict(_installed_versions())


def environment_fingerprint() -> str:
    """What besides its text decides a snippet's output: the runner and the pinned set."""
    lock = ROOT / "requirements.txt"
    pinned = lock.read_text(encoding="utf-8") if lock.exists() else ""
    return "\n".join([RUNNER_VERSION, sys.version, json.dumps(versions(), sort_keys=True), pinned])


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TF_CPP_MIN_LOG_LEVEL="3",  # tensorflow's C++ log lines go to stderr; keep it readable
        CUDA_VISIBLE_DEVICES="-1",  # no GPU here; skip the driver probe
        MPLBACKEND="Agg",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="",
    )
    env.pop("PYTHONUNBUFFERED")
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
    stderr_tail: str = ""
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
        return {
            "digest": self.digest,
            "name": self.snippet.name,
            "stdout": self.stdout,
            "error": self.error,
            "raised": self.raised,
            "exit_code": self.exit_code,
            "seconds": self.seconds,
            "versions": self.versions,
            "artifacts": self.artifacts,
        }

    @classmethod
    def from_payload(cls, snippet: Snippet, payload: dict) -> Result:
        return cls(
            snippet,
            payload["digest"],
            stdout=payload["stdout"],
            error=payload["error"],
            raised=payload["raised"],
            exit_code=payload["exit_code"],
            seconds=payload["seconds"],
            versions=payload["versions"],
            artifacts=payload["artifacts"],
            cached=True,
        )


class SnippetFailure(Exception):
    """Raised by callers that must stop: names every failed snippet with its details."""

    def __init__(self, results: Iterable[Result]) -> None:
        self.results = list(results)
        super().__init__("\n\n".join(f"{r.snippet.path}: {r.problem}" for r in self.results))


def _collect(
    snippet: Snippet, digest: str, workdir: Path, exit_code: int | None, timed_out: bool, seconds: float
) -> Result:
    stdout = (workdir / "stdout").read_text(encoding="utf-8", errors="replace")
    stderr = (workdir / "stderr").read_text(encoding="utf-8", errors="replace")
    error = None
    raised = None
    if ERROR_MARKER in stderr:
        stderr, error = stderr.split(ERROR_MARKER, 1)
        raised, error = error.split("\n", 1)
    cwd = workdir / "cwd"
    artifacts = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(cwd.iterdir()) if p.is_file()}
    return Result(
        snippet,
        digest,
        stdout=stdout,
        error=error,
        raised=raised,
        exit_code=exit_code,
        timed_out=timed_out,
        seconds=seconds,
        versions=versions(),
        artifacts=artifacts,
        stderr_tail="\n".join(stderr.strip().splitlines()[-15:]),
    )


class _Job:
    def __init__(self, snippet: Snippet, digest: str, scratch: Path, index: int) -> None:
        self.snippet, self.digest = snippet, digest
        self.dir = scratch / f"job{index}"
        (self.dir / "cwd").mkdir(parents=True)

    def request(self) -> dict:
        return {
            "id": self.digest,
            "path": str(self.snippet.path),
            "filename": self.snippet.display_name,
            "cwd": str(self.dir / "cwd"),
            "stdout": str(self.dir / "stdout"),
            "stderr": str(self.dir / "stderr"),
            "timeout": self.snippet.timeout,
        }


def imported_roots(text: str) -> set[str]:
    """Top-level packages a snippet imports (`import a.b`, `from a import b` give 'a')."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def _preload_for(jobs: list[_Job]) -> str:
    """Pre-import only what the snippets to run need: a NumPy-only edit must not pay for
    importing tensorflow. keras imports tensorflow (its backend) anyway."""
    from docsite.forkserver import PRELOAD

    needed = set().union(*(imported_roots(j.snippet.text) for j in jobs))
    if "keras" in needed or "tf_keras" in needed:
        needed.add("tensorflow")
    return ",".join(name for name in PRELOAD if name in needed)


def _run_forked(jobs: list[_Job], workers: int, done, scratch: Path) -> None:
    server_log = scratch / "forkserver.log"  # tensorflow's import noise, or why the server died
    env = child_env()
    env.setdefault("DOCSITE_PRELOAD", _preload_for(jobs))
    with open(server_log, "wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "docsite.forkserver", str(workers)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log_file,
            env=env,
            cwd=ROOT,
            text=True,
        )
    by_id = {j.digest: j for j in jobs}
    try:
        for job in jobs:
            server.stdin.write(json.dumps(job.request()) + "\n")
        server.stdin.close()
        for line in server.stdout:
            reply = json.loads(line)
            job = by_id.pop(reply["id"])
            done(_collect(job.snippet, job.digest, job.dir, reply["exit"], reply["timed_out"], reply["seconds"]))
    finally:
        if server.poll() is None:
            server.kill()
        server.wait()
    if by_id:
        tail = "\n".join(server_log.read_text(errors="replace").strip().splitlines()[-20:])
        raise RuntimeError(
            f"the snippet fork server stopped (exit {server.returncode}) before running "
            + ", ".join(j.snippet.name for j in by_id.values())
            + f":\n{tail}"
        )


def _run_fresh(jobs: list[_Job], workers: int, done, scratch: Path) -> None:
    def one(job: _Job) -> Result:
        started = time.monotonic()
        with open(job.dir / "stdout", "wb") as out, open(job.dir / "stderr", "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "docsite.execute", str(job.snippet.path), job.snippet.display_name],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=job.dir / "cwd",
                env=child_env(),
                start_new_session=True,
            )
            try:
                code, timed_out = proc.wait(timeout=job.snippet.timeout), False
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
                code, timed_out = None, True
        return _collect(job.snippet, job.digest, job.dir, code, timed_out, time.monotonic() - started)

    with ThreadPoolExecutor(workers) as pool:
        for result in pool.map(one, jobs):
            done(result)


def run_all(
    snippets: list[Snippet], cache: Cache | None = None, *, workers: int | None = None, mode: str | None = None
) -> dict[str, Result]:
    """Results for all `snippets` by name; runs only those whose content is not cached."""
    cache = cache or Cache()
    mode = mode or os.environ.get("DOCSITE_RUNNER", "auto")
    workers = workers or int(os.environ.get("DOCSITE_JOBS", "0")) or os.cpu_count() or 1
    env = environment_fingerprint()
    results: dict[str, Result] = {}
    misses: list[tuple[Snippet, str]] = []
    for s in snippets:
        digest = s.digest(env)
        payload = cache.get(digest)
        if payload is None:
            misses.append((s, digest))
        else:
            results[s.name] = Result.from_payload(s, payload)
    if not misses:
        return results

    if mode == "auto":  # one snippet gains nothing from a pre-imported server: run it plainly
        mode = "fork" if len(misses) > 1 else "fresh"
    log.info(
        f"Running {len(misses)} of {len(snippets)} snippets ({len(snippets) - len(misses)} cached, "
        f"{workers} at a time, {mode} runner)"
    )
    started = time.monotonic()
    # Longest first, so the slow ones do not end up alone on one core at the end: by the last
    # run of a snippet of that name, or, never run here, by its length as a rough guess.
    timings = cache.timings()
    misses.sort(key=lambda miss: -timings.get(miss[0].name, len(miss[0].text) / 500))
    with tempfile.TemporaryDirectory(prefix="docsite-run-") as scratch:
        jobs = [_Job(s, d, Path(scratch), i) for i, (s, d) in enumerate(misses)]
        job_dirs = {j.digest: j.dir for j in jobs}

        def done(result: Result) -> None:
            results[result.snippet.name] = result
            status = "ok" if result.problem is None else "FAILED"
            finished = sum(1 for r in results.values() if not r.cached)
            log.info(f"  [{finished}/{len(jobs)}] {result.snippet.name}: {status} in {result.seconds:.2f} s")
            if result.problem is None:
                cache.put(result.payload(), job_dirs[result.digest] / "cwd")

        (_run_forked if mode == "fork" else _run_fresh)(jobs, workers, done, Path(scratch))
    cache.record_timings({name: r.seconds for name, r in results.items() if not r.cached})
    log.info(f"Snippets done in {time.monotonic() - started:.1f} s")
    return results
