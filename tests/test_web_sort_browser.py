"""Sorting over the whole list, the open-world actors apart, and treaty summaries in the
page's language, in a real browser (Chromium through Playwright, as test_web_browser.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

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


def test_a_header_sorts_every_page_and_the_pager_keeps_it(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/actors?lang=en")
    tab.page.click("#actors thead th[data-sort-key='name'] a")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    query = parse_qs(urlparse(tab.page.url).query)
    assert query["sort"] == ["name"] and query["order"] == ["asc"]
    assert tab.page.get_attribute("#actors thead th[data-sort-key='name']",
                                  "aria-sort") == "ascending"
    first = tab.page.locator("#actors-body tr td:first-child a").all_inner_texts()
    assert first == sorted(first)
    tab.page.click("#pager a.pager-next")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    query = parse_qs(urlparse(tab.page.url).query)
    assert query["sort"] == ["name"] and query["offset"] == ["50"]
    second = tab.page.locator("#actors-body tr td:first-child a").all_inner_texts()
    assert second and second == sorted(second) and second[0] >= first[-1]
    # again: the other way, back on the first page
    tab.page.click("#actors thead th[data-sort-key='name'] a")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    query = parse_qs(urlparse(tab.page.url).query)
    assert query["order"] == ["desc"] and "offset" not in query
    shown = tab.page.locator("#actors-body tr td:first-child a").all_inner_texts()
    assert shown == sorted(shown, reverse=True)
    tab.shot("actors-sorted")
    assert tab.errors == []


def test_unlinked_names_stand_apart_with_examples(site: Site, tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/actors")
    rows = tab.page.locator("#unlinked-body tr[data-actor]")
    assert rows.count() >= 1
    linked = set(tab.page.eval_on_selector_all(
        "#actors-body a.actor-link", "nodes => nodes.map(n => n.getAttribute('href'))"))
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.locator("td.examples li").count() >= 1  # an example sentence
        assert row.locator("a.actor-link").first.get_attribute("href") not in linked
    shoot(tab.page.locator("#unlinked-section"), "actors-unlinked")
    assert tab.errors == []


def test_treaty_summaries_are_in_vietnamese_with_the_english_kept(site: Site,  # noqa: F811
                                                                 tab: Watched) -> None:  # noqa: F811
    tab.open(site, "/commitments?attacked=FIN&on=2023-04-05")
    tab.page.wait_for_selector(".basis .treaty-summary", timeout=WAIT_MS)
    article5 = tab.page.locator(".basis[data-treaty='treaty:north-atlantic-treaty']"
                                "[data-article='5']").first
    assert "tấn công vũ trang" in article5.locator("p.treaty-summary").inner_text()
    assert article5.locator("p.treaty-summary").get_attribute("lang") == "vi"
    assert "châu Âu hoặc Bắc Mỹ" in article5.inner_text()
    article5.locator("details summary").click()
    assert "armed attack" in article5.locator("p.treaty-summary-en").inner_text()
    tab.open(site, "/commitments?attacked=FIN&on=2023-04-05&lang=en")
    tab.page.wait_for_selector(".basis .treaty-summary", timeout=WAIT_MS)
    english = tab.page.locator(".basis[data-article='5'] p.treaty-summary").first
    assert english.get_attribute("lang") == "en" and "armed attack" in english.inner_text()
    assert tab.errors == []
