"""`python -m docsite serve` (`make serve`), with each renderer: edits show up in the served pages
of both languages, a snippet that fails is shown on its page instead of stopping the server,
and a page error leaves the site as it was until it is fixed."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from docsite import copy_project
from docsite.render import RENDERERS

# One worker under pytest-xdist (make test: --dist loadgroup): `served` starts one server per renderer.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve")]

PAGE = "zh/tutorial/puzzle/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, project: Path, port: int) -> None:
        self.project, self.base = project, f"http://127.0.0.1:{port}/"

    def page(self, path: str) -> str:
        try:
            return urllib.request.urlopen(self.base + path, timeout=5).read().decode()
        except OSError:
            return ""

    def wait_for(self, path: str, text: str, seconds: float = 120, *, shown: bool = True) -> str:
        """The page once it shows `text` (or, `shown=False`, once it no longer does)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            html = self.page(path)
            if "md-content" in html and (text in html) == shown:
                return html
            time.sleep(0.2)
        raise AssertionError(f"/{path} {'never showed' if shown else 'still shows'} {text!r} after {seconds:g} s")

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module", params=RENDERERS)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = copy_project(tmp_path_factory.mktemp("serve") / "project", warm=True)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "docsite", "serve", "--renderer", request.param, "--addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        served = Served(project, port)
        served.wait_for(PAGE, "md-content", 300)  # the first build of both languages
        yield served
    finally:
        proc.terminate()
        proc.wait(30)


def test_a_word_changed_in_a_language_config_is_served(served: Served) -> None:
    """The words docsite writes on pages come from each config; a rebuild reads them again."""
    assert "输出（Keras 后端：TensorFlow）" in served.page(PAGE)
    served.edit("mkdocs.zh.yml", '"输出（Keras 后端：{backend}）"', '"结果（{backend}）"')
    served.wait_for(PAGE, "结果（TensorFlow）")


def test_a_failing_snippet_is_shown_on_its_page_and_the_server_goes_on(served: Served) -> None:
    served.edit("snippets/tutorial/puzzle.py", "import", "raise ValueError('served failure')\nimport")
    html = served.wait_for(PAGE, "served failure")
    assert "此示例运行失败" in html  # the failure box, in the page's language
    served.edit("snippets/tutorial/puzzle.py", "raise ValueError('served failure')\n", "")
    assert "此示例运行失败" not in served.wait_for(PAGE, "served failure", shown=False)


def test_a_prose_edit_is_served_in_its_language_only(served: Served) -> None:
    served.edit("docs/zh/tutorial/puzzle.md", "Embedding", "Embedding（改过）")
    served.wait_for(PAGE, "Embedding（改过）")
    assert "（改过）" not in served.page("tutorial/puzzle/")


def test_a_page_error_keeps_the_served_site_until_it_is_fixed(served: Served) -> None:
    served.edit("docs/en/deeper/cost.md", "\n## ", '\n```python\n--8<-- "nowhere.py"\n```\n\n## ')
    served.edit("docs/en/index.md", "\n## ", "\nWritten after the broken include.\n\n## ")
    time.sleep(3)  # rebuilds were asked for and refused: the page error names the include
    assert "Written after the broken include." not in served.page("")
    assert "md-content" in served.page("deeper/cost/")
    served.edit("docs/en/deeper/cost.md", '\n```python\n--8<-- "nowhere.py"\n```\n\n', "\n")
    served.wait_for("", "Written after the broken include.")
