"""Finding one's way, in a real browser (Chromium through Playwright, as
test_web_browser.py): actor filters that take names, paging through the timeline and
search, the world map, every link on every page resolving, and no page wider than a
400 px phone. Screenshots of every page at desktop and phone width (browser_support.shoot;
docs/web.md shows them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from browser_support import shoot
from test_web_browser import (  # noqa: F401  (fixtures)
    WAIT_MS,
    Site,
    Watched,
    browser,
    site,
    tab,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FINLAND = "2023-04-phan-lan-gia-nhap-nato.txt"
PHONE = {"width": 400, "height": 860}


def every_page(served: Site) -> dict[str, str]:
    finland = served.docs[FINLAND]
    return {
        "timeline": "/",
        "commitments": "/commitments?attacked=UKR&on=2023-04-05",
        "actors": "/actors",
        "actor": "/actors/country:FIN",
        "actor-person": "/actors/person:jussi-niinisto",
        "map": "/map",
        "documents": "/documents",
        "document": f"/documents/{finland}?span=0-8",
        "stories": "/stories",
        "search": "/search?q=hoa+binh",
        "reviews": "/reviews",
        "upload": "/upload",
    }


@pytest.fixture
def phone(browser: Any) -> Iterator[Watched]:  # noqa: F811
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
    watched = Watched(context.new_page())
    watched.page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    try:
        yield watched
    finally:
        context.close()


def test_every_link_on_every_page_resolves(site: Site, tab: Watched) -> None:  # noqa: F811
    links: set[str] = set()
    for path in every_page(site).values():
        tab.open(site, path)
        for href in tab.page.eval_on_selector_all("a[href]", "nodes => nodes.map(n => n.href)"):
            parsed = urlparse(href)
            if parsed.netloc == urlparse(site.base).netloc:
                links.add(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    assert len(links) > 50
    missing = [link for link in sorted(links)
               if tab.page.request.get(site.base + link).status == 404]
    assert missing == []
    assert tab.errors == []


def test_office_holder_links_open_a_page(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/actors/country:FIN")
    holders = tab.page.locator("#holders a.actor-link")
    assert holders.count() >= 1
    holders.first.click()
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert tab.page.locator("p.error").count() == 0
    assert ":" not in tab.page.locator("#actor-name").inner_text()


def test_vietnamese_pages_show_names_not_ids(site: Site, tab: Watched) -> None:  # noqa: F811
    for path in every_page(site).values():
        tab.open(site, path)
        text = tab.page.locator("main").inner_text()
        raw = re.findall(r"\b(?:country|person|organization|outlet|group|government_body):"
                         r"[\w-]+", text)
        assert raw == [], (path, raw[:5])
        assert not re.search(r"\b(?:military_aid|defence_minister|security_guarantee)\b", text), path
    # the obligation answer: the attacked state by name, assurances not called defence
    tab.open(site, "/commitments?attacked=UKR&on=2023-04-05")
    summary = tab.page.locator("#obligation-summary").inner_text()
    assert "Nếu Ukraine bị tấn công" in summary and "UKR" not in summary
    budapest = tab.page.locator('.basis[data-treaty="treaty:budapest-memorandum-1994"]')
    assert budapest.count() == 1
    assert "Bên phải bảo vệ" not in budapest.inner_text()
    assert "Bên cam đoan" in budapest.inner_text()
    assert tab.page.locator("#obligation-notes").count() == 0  # the English note is not shown
    tab.open(site, "/commitments?attacked=FIN&on=2023-04-05")
    assert "Nếu Phần Lan bị tấn công" in tab.page.locator("#obligation-summary").inner_text()
    assert "not re-verified" not in tab.page.locator("#obligation-answer").inner_text()


def test_the_timeline_filter_takes_a_name_with_suggestions(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/")
    tab.page.fill("#f-actor", "phan")
    tab.page.wait_for_function(
        "() => [...document.querySelectorAll('#actor-options option')]"
        ".some(o => o.value === 'Phần Lan')", timeout=WAIT_MS)
    tab.page.fill("#f-actor", "Phần Lan")
    tab.page.click("#f-submit")
    tab.page.wait_for_url(re.compile(r"actor="))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    items = tab.page.locator("#items > li.item")
    assert items.count() >= 1
    for i in range(items.count()):
        actors = items.nth(i).locator("a.actor-link").evaluate_all(
            "nodes => nodes.map(n => n.dataset.actor)")
        assert "country:FIN" in actors
    tab.shot("timeline-by-name")
    assert tab.errors == []


@pytest.mark.parametrize("name", ["Ukraine", "UKR", "Phần Lan"])
def test_the_board_filter_takes_a_name(site: Site, tab: Watched, name: str) -> None:  # noqa: F811
    tab.open(site, "/commitments")
    tab.page.fill("#f-actor", name)
    tab.page.click("#filters button[type=submit]")
    tab.page.wait_for_url(re.compile(r"actor="))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    cells = tab.page.locator("#board-grid td.cell")
    assert cells.count() >= 1
    wanted = "country:FIN" if name == "Phần Lan" else "country:UKR"
    heads = tab.page.locator("#board-grid th a.actor-link").evaluate_all(
        "nodes => nodes.map(n => n.dataset.actor)")
    assert wanted in heads
    # the headers stay in view: sticky
    position = tab.page.locator("#board-grid thead th").first.evaluate(
        "n => getComputedStyle(n).position")
    assert position == "sticky"


def test_paging_through_the_timeline(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/?per_page=10")
    first = tab.page.locator("#items > li.item").all_inner_texts()
    assert len(first) == 10
    assert "1–10 /" in tab.page.locator("#items-count").inner_text()
    tab.page.click("#items-pager a.pager-next")
    tab.page.wait_for_url(re.compile(r"items_offset=10"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    second = tab.page.locator("#items > li.item").all_inner_texts()
    assert second and second != first
    assert "11–" in tab.page.locator("#items-count").inner_text()
    # the axis is continuous: more periods than bars, and the range control narrows it
    periods = int(tab.page.locator("#timeline-svg").get_attribute("data-periods") or 0)
    assert periods > tab.page.locator("#timeline-svg .bar").count()
    tab.page.locator("#range-from").fill(str(periods - 3))
    assert int(tab.page.locator("#timeline-svg").get_attribute("data-periods") or 0) == 3
    # the legend says the types in words
    legend = tab.page.locator("#chart-legend").inner_text()
    assert "tham vấn" in legend or "hợp tác" in legend or "bảo đảm an ninh" in legend
    assert "military_aid" not in legend
    assert tab.errors == []


def test_paging_and_ranking_search(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/search?q=NATO&per_page=2")
    first = tab.page.locator("#search-documents li.result-document").all_inner_texts()
    assert len(first) == 2
    tab.page.click("#search-pager a.pager-next")
    tab.page.wait_for_url(re.compile(r"offset=2"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    second = tab.page.locator("#search-documents li.result-document").all_inner_texts()
    assert second and not set(second) & set(first)
    # "hoa binh" is the phrase: every mark is "hòa bình", never a lone syllable
    tab.open(site, "/search?q=hoa+binh")
    marks = [m.lower() for m in tab.page.locator("#search-documents mark").all_inner_texts()]
    assert marks and set(marks) == {"hòa bình"}
    # an actor's name finds the actor and what they said
    tab.open(site, "/search?q=Lukashenko")
    assert tab.page.locator("#search-actors a.actor-link").count() >= 1
    speakers = tab.page.locator("#search-quotes li.item-quote a.actor-link").evaluate_all(
        "nodes => nodes.map(n => n.dataset.actor)")
    assert speakers.count("person:alexander-lukashenko") >= 2
    tab.shot("search-actor")
    assert tab.errors == []


def test_the_map_links_countries_to_their_pages(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/map")
    assert tab.page.locator("#world-svg path.country").count() > 150
    usa = tab.page.locator('#world-svg a.map-link path[data-iso3="USA"]')
    assert usa.count() == 1
    assert tab.page.locator("#map-body tr").count() >= 5
    # the table sorts by its columns
    tab.page.click("#map-table thead th:nth-child(5)")
    tab.page.click("#map-table thead th:nth-child(5)")
    values = [int(v) for v in tab.page.locator("#map-body tr td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    tab.page.locator('#world-svg a.map-link:has(path[data-iso3="FIN"])').click()
    tab.page.wait_for_url(re.compile(r"/actors/country:FIN"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert tab.page.locator("#actor-name").inner_text() == "Phần Lan"
    assert tab.errors == []


def test_tables_sort_by_their_columns(site: Site, tab: Watched) -> None:  # noqa: F811
    # the server sorts the whole list (a count column: most first, then the other way)
    tab.open(site, "/documents")
    for order in ("desc", "asc"):
        tab.page.click("#documents thead th[data-sort-key='n_events'] a")
        tab.page.wait_for_url(re.compile(rf"sort=n_events&order={order}"))
        tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
        values = [int(v) for v in
                  tab.page.locator("#documents-body tr td:nth-child(5)").all_inner_texts()]
        assert len(values) > 3 and values == sorted(values, reverse=order == "desc")
    # a table holding its whole result (the map's) sorts where it stands
    tab.open(site, "/map")
    tab.page.click("#map-table thead th:nth-child(2)")
    assert tab.page.locator("#map-table thead th:nth-child(2)").get_attribute("aria-sort")
    assert tab.errors == []


def test_every_page_at_desktop_width(site: Site, tab: Watched) -> None:  # noqa: F811
    for name, path in every_page(site).items():
        tab.open(site, path)
        tab.shot(f"desktop-{name}")
        assert tab.page.locator("p.error").count() == 0, name
    assert tab.errors == []


def test_no_page_scrolls_sideways_on_a_phone(site: Site, phone: Watched) -> None:  # noqa: F811
    wide = {}
    for name, path in every_page(site).items():
        phone.open(site, path)
        shoot(phone.page, f"phone-{name}")
        width = phone.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
    assert wide == {}
    assert phone.errors == []


def test_the_review_queue_filter_takes_a_name_with_suggestions(
        site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/reviews")
    tab.page.fill("#f-actor", "ukr")
    tab.page.wait_for_function(
        "() => [...document.querySelectorAll('#actor-options option')]"
        ".some(o => o.value === 'Ukraine')", timeout=WAIT_MS)
    tab.page.fill("#f-actor", "Ukraine")
    tab.page.click("#filters button[type=submit]")
    tab.page.wait_for_url(re.compile(r"actor=Ukraine"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    items = tab.page.locator("#queue > li.queue-item")
    assert items.count() >= 1
    for i in range(items.count()):
        actors = items.nth(i).locator("[data-actor]").evaluate_all(
            "nodes => nodes.map(n => n.dataset.actor)")
        assert "country:UKR" in actors
    assert tab.page.input_value("#f-actor") == "Ukraine"
    assert tab.errors == []
