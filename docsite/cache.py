"""Snippet results on disk, keyed by content hash, written atomically, checked when read.

Two kinds of hash, two names: a *digest* is the sha256 of everything something is made from
(a snippet's text, backend and environment; a notebook and its options), and names what is
stored; a *sha256* is the hash of what was stored, checked when it is read back.

Layout: `.cache/snippets/<digest>/result.json` plus `files/` for what the snippet wrote
(figures). An entry is written in a temporary folder and renamed into place, so a build
killed half way leaves at most a `.tmp-*` folder, never a partial entry. An entry that
fails its sha256, or a folder without its result, is reported, deleted and recomputed;
if it cannot be replaced, the build stops rather than publish the old files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docsite import ROOT, write_atomic

log = logging.getLogger("mkdocs.docsite")

CACHE_DIR = ROOT / ".cache" / "snippets"
STALE_TMP_SECONDS = 3600


def _sha256(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CacheError(Exception):
    """A result that could not be stored: the build must not go on with an older entry."""


class Cache:
    def __init__(self, root: Path = CACHE_DIR) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._sweep_tmp()

    def _sweep_tmp(self) -> None:
        """Remove temporary folders left by killed builds (old enough not to be in use)."""
        for tmp in self.root.glob(".tmp-*"):
            try:
                if time.time() - tmp.stat().st_mtime > STALE_TMP_SECONDS:
                    shutil.rmtree(tmp, ignore_errors=True)
            except FileNotFoundError:
                pass

    def entry(self, digest: str) -> Path:
        return self.root / digest

    def get(self, digest: str) -> dict | None:
        """The stored payload, or None if absent; a damaged entry is deleted."""
        entry = self.entry(digest)
        meta = entry / "result.json"
        if not entry.exists():
            return None
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
            payload = record["payload"]
            ok = record["sha256"] == _sha256(payload) and payload["digest"] == digest
            for name, sha in payload["artifacts"].items():
                ok = ok and _file_hash(entry / "files" / name) == sha
            if not ok:
                raise ValueError("sha256 mismatch")
        except (OSError, ValueError, KeyError, TypeError) as e:
            log.info(f"Repairing damaged cache entry {entry} ({e}): the snippet runs again")
            shutil.rmtree(entry, ignore_errors=True)
            return None
        return payload

    def put(self, payload: dict, files_dir: Path | None) -> None:
        """Store `payload` and the artifact files (names in payload['artifacts'])."""
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.root))
        try:
            if payload["artifacts"]:
                (tmp / "files").mkdir()
                for name in payload["artifacts"]:
                    shutil.copyfile(files_dir / name, tmp / "files" / name)
            record = {"sha256": _sha256(payload), "payload": payload}
            with open(tmp / "result.json", "w", encoding="utf-8") as f:
                json.dump(record, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            target = self.entry(payload["digest"])
            for _ in range(2):
                try:
                    os.rename(tmp, target)
                    return
                except OSError:
                    # Another build stored the same content first (keep theirs), or a damaged
                    # entry is in the way: get() deletes it, and the rename is tried again.
                    if self.get(payload["digest"]) is not None:
                        return
            raise CacheError(f"cannot store the result of snippets/{payload['name']} in {target}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def drop(self, digest: str) -> None:
        """Forget an entry, so that its snippet runs again."""
        shutil.rmtree(self.entry(digest), ignore_errors=True)

    def timings(self) -> dict[str, float]:
        """Seconds each snippet (by name) took when it last ran; only a scheduling hint."""
        try:
            return json.loads((self.root / "timings.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def record_timings(self, seconds: dict[str, float]) -> None:
        if not seconds:
            return
        merged = self.timings() | seconds
        tmp = self.root / f".tmp-timings-{os.getpid()}"
        tmp.write_text(json.dumps(merged, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.root / "timings.json")

    def artifact(self, digest: str, name: str) -> Path:
        return self.entry(digest) / "files" / name


def remember(path: Path, digest: str, make: Callable[[], str]) -> str:
    """The text stored at `path` for `digest`, or `make()` stored there. The file holds the
    digest and the text's sha256: an entry edited by hand, cut short or made for other inputs is
    made again, never used. One file per name, replaced in place, so old entries do not pile up."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["digest"] == digest and record["sha256"] == hashlib.sha256(record["text"].encode()).hexdigest():
            return record["text"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    text = make()
    record = {"digest": digest, "sha256": hashlib.sha256(text.encode()).hexdigest(), "text": text}
    write_atomic(path, json.dumps(record))
    return text
