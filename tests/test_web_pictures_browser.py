"""Pictures that read, checked in a real browser (Chromium through Playwright, as
test_web_browser.py): the timeline's legend says every event and commitment type in words
of the page's language, each type in a colour of its own that matches its bars; the
commitment board keeps its row and column headers in view while it scrolls either way.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Any

import pytest

from browser_support import shoot
from pactwatch.web.i18n import STRINGS
from test_web_browser import (  # noqa: F401  (fixtures)
    WAIT_MS,
    Site,
    Watched,
    browser,
    site,
    tab,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# CIE76 colour difference below which two swatches are hard to tell apart
MIN_DELTA_E = 10.0


def _rgb(css: str) -> tuple[int, int, int]:
    """'rgb(27, 120, 55)' (a computed colour) or '#1b7837' -> (27, 120, 55)."""
    if css.startswith("#"):
        return int(css[1:3], 16), int(css[3:5], 16), int(css[5:7], 16)
    found = re.findall(r"[\d.]+", css)
    assert len(found) >= 3, css
    r, g, b = (int(float(v)) for v in found[:3])
    return r, g, b


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v / 255) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _legend(page: Any) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "#chart-legend .legend-item",
        """nodes => nodes.map(n => {
          const swatch = n.querySelector('.swatch');
          const style = getComputedStyle(swatch);
          return {type: n.dataset.type, text: n.textContent.trim(),
                  group: n.closest('.legend-group').querySelector('strong').textContent,
                  colour: style.getPropertyValue('--swatch').trim(),
                  background: style.backgroundColor, image: style.backgroundImage,
                  width: swatch.getBoundingClientRect().width};
        })""")


def _type_words(language: str, code: str) -> str:
    table = STRINGS[language]
    return table.get(f"etype_{code}") or table[f"ctype_{code}"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_legend_names_each_type_in_words_with_a_colour_of_its_own(
        site: Site, tab: Watched, language: str) -> None:  # noqa: F811
    tab.open(site, f"/?lang={language}")
    items = _legend(tab.page)
    events = [i for i in items if f"etype_{i['type']}" in STRINGS[language]]
    commitments = [i for i in items if f"ctype_{i['type']}" in STRINGS[language]]
    assert len(events) >= 3 and len(commitments) >= 2, items
    assert len(events) + len(commitments) == len(items)
    for item in items:
        # "tham vấn, hội đàm (3)": the type in the page's words, then its count; no code
        words = _type_words(language, item["type"])
        assert re.fullmatch(rf"{re.escape(words)} \(\d+\)", item["text"]), item
        assert item["type"] not in item["text"] and "_" not in item["text"]
        assert item["width"] > 0
    assert {i["group"] for i in events} == {f"{STRINGS[language]['events']}: "}
    assert {i["group"] for i in commitments} == {f"{STRINGS[language]['commitments']}: "}
    # events are solid swatches, commitments striped: the two kinds never look alike
    assert all(i["image"] == "none" for i in events)
    assert all("repeating-linear-gradient" in i["image"] for i in commitments)
    # within each kind, every type has a colour of its own, far enough from the others
    for group in (events, commitments):
        colours = {i["type"]: _rgb(i["colour"]) for i in group}
        assert len(set(colours.values())) == len(colours), colours
        for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
            assert math.dist(_lab(ca), _lab(cb)) >= MIN_DELTA_E, (a, b)
    for item in events:
        assert _rgb(item["background"]) == _rgb(item["colour"])
    # a bar of a type is drawn in that type's legend colour (commitments: its stripes)
    fills = tab.page.eval_on_selector_all(
        "#timeline-svg .bar rect",
        "rects => rects.map(r => [r.dataset.type, r.getAttribute('fill')])")
    drawn: dict[str, set[str]] = {}
    for kind, fill in fills:
        drawn.setdefault(kind, set()).add(fill)
    assert all(len(f) == 1 for f in drawn.values()), drawn
    for item in events:
        if item["type"] in drawn:
            [fill] = drawn[item["type"]]
            assert _rgb(fill) == _rgb(item["colour"]), item["type"]
    for item in commitments:
        if item["type"] in drawn:
            assert drawn[item["type"]] == {f"url(#stripe-{item['type']})"}
            stripe = tab.page.locator(f"#stripe-{item['type']} rect").nth(1)
            assert _rgb(stripe.get_attribute("fill") or "") == _rgb(item["colour"])
    assert len({next(iter(f)) for f in drawn.values()}) == len(drawn)
    if language == "vi":
        shoot(tab.page.locator("#chart").locator("xpath=.."), "timeline-legend")
    assert tab.errors == []


# a board box smaller than its table, so that it scrolls both ways at any window size (set
# through the CSSOM: the pages' Content-Security-Policy refuses inline style sheets)
SMALL_BOARD = "b => { b.style.maxHeight = '180px'; b.style.maxWidth = '360px'; }"


def _boxes(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => {
      const box = r => { const b = r.getBoundingClientRect();
                         return {x: b.left, y: b.top, w: b.width, h: b.height}; };
      const board = document.getElementById('board');
      const grid = document.getElementById('board-grid');
      const cells = grid.querySelectorAll('tbody td');
      return {
        board: box(board),
        scroll: {top: board.scrollTop, left: board.scrollLeft,
                 height: board.scrollHeight, width: board.scrollWidth,
                 clientHeight: board.clientHeight, clientWidth: board.clientWidth},
        corner: box(grid.querySelector('thead th.corner')),
        colhead: box(grid.querySelectorAll('thead th.colhead')[2]),
        rowhead: box(grid.querySelectorAll('tbody th.rowhead')[2]),
        cell: box(cells[cells.length - 1]),
        positions: [...grid.querySelectorAll('thead th, tbody th.rowhead')]
          .map(n => getComputedStyle(n).position),
      };
    }""")


def _on_top(page: Any, x: float, y: float) -> str:
    """What the reader sees at (x, y): the topmost element's nearest cell tag and class."""
    return page.evaluate(
        """([x, y]) => { const n = document.elementFromPoint(x, y);
             const c = n && n.closest('th, td');
             return c ? `${c.tagName.toLowerCase()}.${c.className}` : String(n && n.tagName); }""",
        [x, y])


def test_the_board_keeps_its_headers_in_view_while_it_scrolls(
        site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/commitments")
    tab.page.eval_on_selector("#board", SMALL_BOARD)
    rows = tab.page.locator("#board-grid tbody tr").count()
    cols = tab.page.locator("#board-grid thead th.colhead").count()
    assert rows >= 4 and cols >= 4, (rows, cols)
    before = _boxes(tab.page)
    assert set(before["positions"]) == {"sticky"}
    scroll = before["scroll"]
    assert scroll["height"] > scroll["clientHeight"] and scroll["width"] > scroll["clientWidth"]
    board = before["board"]
    down = min(120, scroll["height"] - scroll["clientHeight"])
    right = min(150, scroll["width"] - scroll["clientWidth"])
    assert down > 20 and right > 20

    # down: the column headers stay at the board's top, the rows move up under them
    tab.page.eval_on_selector("#board", "(b, top) => { b.scrollTop = top; }", down)
    tab.page.wait_for_function("top => document.getElementById('board').scrollTop >= top",
                               arg=down, timeout=WAIT_MS)
    after = _boxes(tab.page)
    assert after["colhead"]["y"] == pytest.approx(before["colhead"]["y"], abs=1)
    assert after["corner"]["y"] == pytest.approx(board["y"], abs=2)
    assert after["rowhead"]["y"] == pytest.approx(before["rowhead"]["y"] - down, abs=1)
    assert after["cell"]["y"] == pytest.approx(before["cell"]["y"] - down, abs=1)
    # and they are on top: what shows at the board's top edge is a header cell
    header_x = board["x"] + before["corner"]["w"] + 6  # just right of the corner
    assert _on_top(tab.page, header_x, board["y"] + 4).startswith("th.colhead")

    # right: the row headers stay at the board's left, the columns move left under them
    tab.page.eval_on_selector("#board", "(b, left) => { b.scrollLeft = left; }", right)
    tab.page.wait_for_function("left => document.getElementById('board').scrollLeft >= left",
                               arg=right, timeout=WAIT_MS)
    both = _boxes(tab.page)
    assert both["rowhead"]["x"] == pytest.approx(before["rowhead"]["x"], abs=1)
    assert both["corner"]["x"] == pytest.approx(board["x"], abs=2)
    assert both["corner"]["y"] == pytest.approx(board["y"], abs=2)
    assert both["colhead"]["x"] == pytest.approx(before["colhead"]["x"] - right, abs=1)
    assert both["colhead"]["y"] == pytest.approx(before["colhead"]["y"], abs=1)
    assert both["cell"]["x"] == pytest.approx(before["cell"]["x"] - right, abs=1)
    row_y = board["y"] + before["corner"]["h"] + 6  # just below the corner
    assert _on_top(tab.page, board["x"] + 4, row_y).startswith("th.rowhead")
    # the corner covers both header bands where they cross
    assert _on_top(tab.page, board["x"] + 4, board["y"] + 4).startswith("th.corner")
    # the picture for docs/web.md: a larger box, scrolled both ways
    tab.page.eval_on_selector("#board", """b => { b.style.maxHeight = '420px';
        b.style.maxWidth = '720px'; b.scrollTop = 90; b.scrollLeft = 160; }""")
    shoot(tab.page.locator("#board"), "board-scrolled")
    assert tab.errors == []


def test_the_board_lays_out_pairs_never_a_state_to_itself(
        site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/commitments")
    cells = tab.page.eval_on_selector_all(
        "#board-grid td.cell", "ns => ns.map(n => [n.dataset.guarantor, n.dataset.beneficiary])")
    assert cells
    assert [c for c in cells if c[0] == c[1] and c[0].startswith("country:")] == []
    # a mutual pact reads as one: "Mỹ ⇄ Philippines"
    tab.page.locator('td.cell[data-guarantor="country:USA"][data-beneficiary="country:PHL"]'
                     ).click()
    heading = tab.page.locator("#lifecycle .thread h3").first.inner_text()
    assert re.search(r"Philippines ⇄ Mỹ|Mỹ ⇄ Philippines", heading), heading
    # ... holding only what binds these two (not the US–Japan treaty)
    evidence = tab.page.locator("#lifecycle .step .evidence-text").all_inner_texts()
    assert evidence and all("Philippines" in e and "Nhật Bản" not in e for e in evidence)
    # the chosen cell survives a reload of its link
    tab.page.goto(site.base + "/commitments?cell=country%3AUSA%7Ccountry%3APHL")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert tab.page.locator("#lifecycle .thread").count() >= 1
    assert tab.errors == []
