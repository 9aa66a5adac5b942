"""Run by `make test` after pytest: did the run finish, and did every code block report?

A code block runs inside the pytest process; if it ends that process (os._exit, a signal),
pytest's exit status can be 0 with tests never run. conftest.py writes .cache/test-run.json
as the session's very last step; this script fails when it is missing or counts too few blocks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RECORD = Path(__file__).resolve().parent.parent / ".cache" / "test-run.json"


def main() -> int:
    if not RECORD.exists():
        print(
            f"error: pytest ended before finishing its session ({RECORD.name} was not written): a code block or "
            "test ended the process; the last test named in the output above is the one to look at",
            file=sys.stderr,
        )
        return 1
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    if record["blocks_reported"] < record["blocks_expected"]:
        print(
            f"error: only {record['blocks_reported']} of the {record['blocks_expected']} code blocks collected "
            "reported a result",
            file=sys.stderr,
        )
        return 1
    print(f"verified: all {record['blocks_expected']} code blocks collected ran and reported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
