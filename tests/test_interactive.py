"""The interactive figures (overrides/assets/figures.js) in a real browser, in both languages.

Each control is operated by mouse and by keyboard, and the figure must then show the numbers of
the JSON file that its snippet wrote at build time (tests/test_figures.py checks that file against
the snippet's printed output). Shares the browser and server fixtures of tests/conftest.py with tests/test_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from docsite import i18n
from tests.browser_support import OVERFLOW_JS, PALETTE_TOGGLE, SCHEME, Tab, axe, page_path

pytestmark = pytest.mark.browser

LANGS = [lang.code for lang in i18n.languages()]
LOOKUP = "tutorial/lookup.md"
TRAINING = "deeper/training.md"
COST = "deeper/cost.md"
FIGURE = ".docsite-fig"

LOOKUP_STATUS = {
    "en": "Position {pos}: id {id} selects weight row {id}: {w}. "
    "Its one-hot row {hot} has its 1 in column {id}; output row {pos} is {out}.",
    "zh": "位置 {pos}：编号 {id} 选中权重矩阵第 {id} 行：{w}。"
    "它的 one-hot 行 {hot} 在第 {id} 列是 1；输出第 {pos} 行是 {out}。",
}
ROW_LABEL = {"en": "row {}", "zh": "第 {} 行"}
ID_LABEL = {"en": "id {}", "zh": "编号 {}"}
STEP_LABEL = {"en": "Step {n}: id {ids}", "zh": "第 {n} 步：编号 {ids}"}
ID_SEPARATOR = {"en": ", ", "zh": "、"}


def num(value: float) -> str:
    """A number as figures.js shows it: seven significant digits, as JavaScript writes them."""
    text = repr(float(f"{value:.7g}") + 0.0)
    return text.removesuffix(".0")


def vec(row: list[float]) -> str:
    return "[" + ", ".join(num(v) for v in row) + "]"


COST_STATUS = {
    "en": "V = {v}: the lookup copies {g} numbers; the one-hot product does {m} operations, {r} times as many.",
    "zh": "V = {v}：查表复制 {g} 个数；one-hot 乘积要做 {m} 次运算，是查表的 {r} 倍。",
}
VOCABULARIES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]


def training_status(lang: str, name: str, step: int, ids: list[int], moved: list[int]) -> str:
    if lang == "en":
        rows = f"row {moved[0]}" if len(moved) == 1 else "rows " + ", ".join(map(str, moved[:-1])) + f" and {moved[-1]}"
        end = " (every row)." if len(moved) == 4 else "."
        return f"{name}, step {step} (id {', '.join(map(str, ids))}): {rows} moved{end}"
    end = "（全部四行）。" if len(moved) == 4 else "。"
    return f"{name}，第 {step} 步（编号 {'、'.join(map(str, ids))}）：第 {'、'.join(map(str, moved))} 行变了{end}"


@pytest.fixture(scope="module")
def data(site: Path) -> dict[str, dict]:
    """The JSON files as the site publishes them."""
    files = {
        LOOKUP: "tutorial/lookup/lookup.json",
        TRAINING: "training/optimizer_table/optimizer_table.json",
        COST: "tutorial/cost/cost.json",
    }
    return {page: json.loads((site / "snippet-files" / f).read_text(encoding="utf-8")) for page, f in files.items()}


def open_figure(tab: Tab, lang: str, page: str) -> Page:
    visit = tab.open(page_path(lang, page))
    visit.settle()
    visit.page.locator(FIGURE).wait_for()
    return visit.page


def picked(p: Page, table: int) -> list[list[str]]:
    """The highlighted rows of the figure's `table`-th matrix, as the texts of their cells."""
    return (
        p.locator(f"{FIGURE} table.docsite-matrix")
        .nth(table)
        .evaluate("t => [...t.querySelectorAll('tr.is-picked')].map(tr => [...tr.cells].map(c => c.textContent))")
    )


def pressed(p: Page) -> list[str]:
    return p.locator(f"{FIGURE} button[aria-pressed='true']").evaluate_all("bs => bs.map(b => b.textContent)")


def status(p: Page) -> str:
    return p.locator(f"{FIGURE} [aria-live='polite']").inner_text()


def check_lookup(p: Page, lang: str, d: dict, pos: int) -> None:
    i = d["ids"][pos]
    label = ID_LABEL[lang].format(i)
    assert picked(p, 0) == [[label, *map(num, d["one_hot"][pos])]]
    assert picked(p, 1) == [[ROW_LABEL[lang].format(i), *map(num, d["weights"][i])]]
    assert picked(p, 2) == [[label, *map(num, d["outputs"][pos])]]
    hit = p.locator(f"{FIGURE} table.docsite-matrix td.is-hit")
    assert hit.count() == 1 and hit.inner_text() == "1"
    assert hit.evaluate("td => td.cellIndex") == i + 1  # the column of the id, after the row header
    expected = LOOKUP_STATUS[lang].format(
        pos=pos, id=i, w=vec(d["weights"][i]), hot=vec(d["one_hot"][pos]), out=vec(d["outputs"][pos])
    )
    assert status(p) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_lookup_figure_follows_clicks_and_keys(tab: Tab, data: dict, lang: str) -> None:
    d = data[LOOKUP]
    p = open_figure(tab, lang, LOOKUP)
    buttons = p.locator(f"{FIGURE} [role='group'] button")
    assert buttons.all_inner_texts() == [str(i) for i in d["ids"]]
    check_lookup(p, lang, d, 0)  # the first id is chosen to start with
    for pos in reversed(range(len(d["ids"]))):
        buttons.nth(pos).click()
        check_lookup(p, lang, d, pos)
        assert buttons.nth(pos).get_attribute("aria-pressed") == "true" and pressed(p) == [str(d["ids"][pos])]
    last = len(d["ids"]) - 1
    for key, pos in [("ArrowRight", 1), ("ArrowRight", 2), ("End", last), ("ArrowRight", 0), ("ArrowLeft", last),
                     ("Home", 0), ("ArrowDown", 1), ("ArrowUp", 0)]:  # fmt: skip
        p.keyboard.press(key)
        check_lookup(p, lang, d, pos)
        assert p.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"  # focus follows
    p.keyboard.press("Enter")  # a button: Enter and Space choose it
    check_lookup(p, lang, d, 0)
    p.keyboard.press("Tab")
    p.keyboard.press("Space")
    check_lookup(p, lang, d, 1)
    assert p.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "no visible focus"
    assert not tab.current.console_errors, tab.current.console_errors


def check_training(p: Page, lang: str, d: dict, which: int, step: int) -> None:
    entry = d["optimizers"][which]
    after, before = entry["tables"][step + 1], entry["tables"][step]
    moved = entry["moved"][step]
    rows = p.locator(f"{FIGURE} table.docsite-matrix tbody tr").evaluate_all(
        "trs => trs.map(tr => [tr.classList.contains('is-picked'), ...[...tr.cells].map(c => c.textContent)])"
    )
    assert [r[0] for r in rows] == [r in moved for r in range(4)]
    assert [r[1:4] for r in rows] == [[ROW_LABEL[lang].format(r), *map(num, after[r])] for r in range(4)]
    changed = p.locator(f"{FIGURE} td.is-hit").count()
    assert changed == sum(a != b for r in moved for a, b in zip(after[r], before[r], strict=True))
    assert status(p) == training_status(lang, entry["optimizer"], step + 1, d["steps"][step], moved)
    assert pressed(p) == [STEP_LABEL[lang].format(n=step + 1, ids=ID_SEPARATOR[lang].join(map(str, d["steps"][step])))]


@pytest.mark.parametrize("lang", LANGS)
def test_training_figure_follows_the_optimizer_and_the_step(tab: Tab, data: dict, lang: str) -> None:
    d = data[TRAINING]
    p = open_figure(tab, lang, TRAINING)
    select = p.locator(f"{FIGURE} select")
    assert select.locator("option").all_inner_texts() == [o["optimizer"] for o in d["optimizers"]]
    assert p.locator(f"{FIGURE} label").inner_text() == {"en": "Optimizer", "zh": "优化器"}[lang]
    steps = p.locator(f"{FIGURE} [role='group'] button")
    check_training(p, lang, d, 0, 0)
    for which, entry in enumerate(d["optimizers"]):
        select.select_option(label=entry["optimizer"])
        for step in (2, 0, 1):
            steps.nth(step).click()
            check_training(p, lang, d, which, step)
    # The keyboard: arrows along the steps, and down the list of optimizers.
    steps.nth(0).focus()
    p.keyboard.press("ArrowRight")
    check_training(p, lang, d, len(d["optimizers"]) - 1, 1)
    select.focus()
    p.keyboard.press("Home")
    check_training(p, lang, d, 0, 1)
    p.keyboard.press("ArrowDown")
    check_training(p, lang, d, 1, 1)
    assert not tab.current.console_errors, tab.current.console_errors


def check_cost(p: Page, lang: str, d: dict, v: int) -> None:
    n, dim = d["tokens"], d["dim"]
    copies, operations = n * dim, 2 * n * v * dim
    assert p.locator(f"{FIGURE} output").inner_text() == f"{v:,}"
    assert p.locator(f"{FIGURE} input[type=range]").get_attribute("aria-valuetext") == f"{v:,}"
    counts = p.locator(f"{FIGURE} .docsite-fig__count").all_inner_texts()
    assert counts == [f"{copies:,}", f"{operations:,}"]
    widths = p.locator(f"{FIGURE} .docsite-fig__fill").evaluate_all(
        "fs => fs.map(f => f.getBoundingClientRect().width)"
    )
    assert 0 < widths[0] < widths[1]
    expected = COST_STATUS[lang].format(v=f"{v:,}", g=f"{copies:,}", m=f"{operations:,}", r=f"{operations // copies:,}")
    assert status(p) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_cost_figure_follows_the_vocabulary(tab: Tab, data: dict, lang: str) -> None:
    d = data[COST]
    p = open_figure(tab, lang, COST)
    sizes = sorted({*VOCABULARIES, d["vocabulary"]})
    check_cost(p, lang, d, d["vocabulary"])  # the snippet's own vocabulary to start with
    text = p.locator(FIGURE).inner_text()
    assert f"{d['tokens']:,}" in text and f"{d['dim']:,}" in text
    slider = p.locator(f"{FIGURE} input[type=range]")
    assert p.locator(f"label[for='{slider.get_attribute('id')}']").count() == 1
    slider.focus()
    index = sizes.index(d["vocabulary"])
    for key, to in [("ArrowRight", index + 1), ("ArrowLeft", index), ("ArrowLeft", index - 1), ("Home", 0),
                    ("End", len(sizes) - 1)]:  # fmt: skip
        p.keyboard.press(key)
        check_cost(p, lang, d, sizes[to])
    box = slider.bounding_box()
    assert box is not None
    p.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)  # the left end: the smallest vocabulary
    check_cost(p, lang, d, sizes[0])
    assert not tab.current.console_errors, tab.current.console_errors


CONTROL = {LOOKUP: "[role='group'] button", TRAINING: "[role='group'] button", COST: "input[type=range]"}


@pytest.mark.parametrize("page", [LOOKUP, TRAINING, COST])
@pytest.mark.parametrize("lang", LANGS)
def test_figures_have_no_serious_accessibility_violations(tab: Tab, lang: str, page: str) -> None:
    p = open_figure(tab, lang, page)
    p.locator(f"{FIGURE} {CONTROL[page]}").first.focus()
    p.keyboard.press("ArrowRight")
    axe(p, f"{page_path(lang, page)} with its figure (light)")
    try:
        p.locator(PALETTE_TOGGLE).click()
        p.wait_for_function(f"{SCHEME} === 'slate'")
        axe(p, f"{page_path(lang, page)} with its figure (dark)", rules=["color-contrast", "link-in-text-block"])
    finally:
        p.evaluate("localStorage.clear()")
    assert not tab.current.console_errors, tab.current.console_errors


@pytest.mark.parametrize("page", [LOOKUP, TRAINING, COST])
@pytest.mark.parametrize("lang", LANGS)
def test_figures_fit_a_phone(phone_tab: Tab, lang: str, page: str) -> None:
    p = open_figure(phone_tab, lang, page)
    p.locator(f"{FIGURE} {CONTROL[page]}").first.tap()
    scroll_width, width = p.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= width, f"{scroll_width}px wide on a {width}px screen: {p.evaluate(OVERFLOW_JS)}"
    box = p.locator(FIGURE).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert not phone_tab.current.console_errors, phone_tab.current.console_errors


@pytest.mark.parametrize("page", [LOOKUP, TRAINING, COST])
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_static_text_stays(browser: Browser, base_url: str, lang: str, page: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        p = context.new_page()
        p.goto(base_url + page_path(lang, page))
        holder = p.locator(".docsite-lookup, .docsite-training, .docsite-cost")
        assert holder.count() == 1 and "JavaScript" in holder.inner_text()
        assert p.locator(FIGURE).count() == 0
        assert p.locator(".docsite-output").count() >= 1  # the snippet's printed output is on the page
    finally:
        context.close()
