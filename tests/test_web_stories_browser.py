"""The story pages in a real browser (Playwright, Debian's headless Chromium), as
tests/test_web_browser.py drives the other pages: the list links each story, the story
page draws its reports and its claims table, each report of a claim opens the reader at
its evidence (``?span=``), and an article's markup stays text.

Skips cleanly when the playwright package or /usr/bin/chromium is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import launch, served, shoot, sync_api  # noqa: E402  (skips without Chromium)
from pactwatch.api.app import create_app  # noqa: E402
from pactwatch.ingest.batch import ingest_paths  # noqa: E402
from pactwatch.store import open_store  # noqa: E402
from pactwatch.stories.build import update_stories  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
STORY_FIXTURES = TESTS / "fixtures" / "stories"
WAIT_MS = 15_000
HOSTILE_TITLE = 'Coast guard pact <img src=x onerror="alert(1)"> signed in Manila'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("stories-browser")
    # a third report of the fixture story (plain text, which keeps markup as text), with
    # markup in its title
    wire = (STORY_FIXTURES / "2026-03-harbour-pact-wire.md").read_text(encoding="utf-8")
    body = wire.split("---", 2)[2].strip()
    hostile = folder / "hostile.txt"
    hostile.write_text(f"{HOSTILE_TITLE}\n\n{body}\n", encoding="utf-8")
    db = folder / "site.db"
    with open_store(db) as store:
        ingest_paths([str(REPO / "examples"), str(STORY_FIXTURES), str(hostile)], store)
        update_stories(store)
        story = store.list_stories()[0]
    app = create_app(str(db))
    with served(app) as base:
        yield base, story["id"]


@pytest.fixture
def page(site: tuple[str, str]) -> Iterator[tuple[Any, list[str]]]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        tab.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        try:
            yield tab, errors
        finally:
            chromium.close()


def _open(tab: Any, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)


def _shot(tab: Any, name: str) -> None:
    shoot(tab, name)


def test_the_list_links_the_story_page(site: tuple[str, str],
                                       page: tuple[Any, list[str]]) -> None:
    base, story_id = site
    tab, errors = page
    _open(tab, base + "/stories")
    _shot(tab, "stories")
    link = tab.locator(f'#stories-body a[href="/stories/{story_id}"]')
    assert link.count() == 1
    link.click()
    tab.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert tab.locator("#story-timeline li.story-report").count() == 3
    assert errors == []


def test_the_story_page_shows_reports_and_claims(site: tuple[str, str],
                                                 page: tuple[Any, list[str]]) -> None:
    base, story_id = site
    tab, errors = page
    _open(tab, f"{base}/stories/{story_id}?lang=en")
    _shot(tab, "story")
    assert tab.locator("nav a.current").inner_text() == "Stories"
    reports = tab.locator("#story-timeline li.story-report")
    assert reports.count() == 3
    # the hostile title is shown as text, never parsed
    assert HOSTILE_TITLE in tab.locator("#story-timeline").inner_text()
    assert tab.locator("main img, main script").count() == 0
    rows = tab.locator("#claims-body tr.claim")
    assert rows.count() >= 1
    assert tab.locator("#claims-body td.first-report a").count() == rows.count()
    links = tab.locator("#claims-body a.evidence-link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs and all(re.fullmatch(r"/documents/[0-9a-f]+\?span=\d+-\d+", h) for h in hrefs)
    # a claim several outlets report lists each of them
    outlets = [len(r.split(",")) for r in tab.locator("#claims-body tr.claim").all_inner_texts()]
    assert outlets
    links.first.click()
    tab.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert "span=" in tab.url
    assert "hl-evidence" in (tab.locator("#evidence").get_attribute("class") or "")
    assert errors == []


def test_the_claims_filter_keeps_single_source_claims(site: tuple[str, str],
                                                      page: tuple[Any, list[str]]) -> None:
    base, story_id = site
    tab, errors = page
    _open(tab, f"{base}/stories/{story_id}")
    every = tab.locator("#claims-body tr.claim").count()
    tab.select_option("#f-show", "single")
    tab.click("#claims-filter button")
    tab.wait_for_url(re.compile(r"show=single"))
    tab.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    single = tab.locator("#claims-body tr.claim").count()
    assert single == tab.locator("#claims-body tr.claim.single-source").count()
    assert single <= every
    assert errors == []


def test_an_unknown_story_says_so(site: tuple[str, str], page: tuple[Any, list[str]]) -> None:
    base, _ = site
    tab, errors = page
    _open(tab, base + "/stories/s-nothing")
    assert tab.locator("#story-status p.error").count() == 1
    errors.clear()  # the browser logs the 404 itself


def test_the_story_page_says_names_not_ids(site: tuple[str, str],
                                           page: tuple[Any, list[str]]) -> None:
    # the Vietnamese page: actors by name, types in words, no story or document id
    base, story_id = site
    tab, errors = page
    _open(tab, f"{base}/stories/{story_id}?lang=vi")
    assert tab.locator("#claims-body tr.claim").count() >= 1
    text = tab.locator("main").inner_text()
    raw = re.findall(r"\b(?:country|person|organization|outlet|group|government_body|place):"
                     r"[\w-]+", text)
    assert raw == []
    assert story_id not in text
    assert not re.search(r"\b[0-9a-f]{16}\b", text)
    types = tab.locator("#claims-body .tag.type").all_inner_texts()
    assert types and not any(re.fullmatch(r"[A-Z_]+|[a-z]+_[a-z_]+", t) for t in types), types
    tab.goto(f"{base}/stories/{story_id}?lang=en")  # leave the cookie as the others expect
    assert errors == []


def test_the_story_pages_at_desktop_and_phone_width(site: tuple[str, str],
                                                    page: tuple[Any, list[str]]) -> None:
    # the list and one story (none is built on examples/ alone), shot at both widths like
    # every other page (docs/web.md); a 400 px phone never scrolls sideways
    base, story_id = site
    tab, errors = page
    wide = {}
    for width, prefix in ((1280, "desktop"), (400, "phone")):
        tab.set_viewport_size({"width": width, "height": 860})
        for name, path in (("story", f"/stories/{story_id}"), ("stories-built", "/stories")):
            _open(tab, base + path)
            _shot(tab, f"{prefix}-{name}")
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            if width == 400 and scroll > width:
                wide[name] = scroll
    assert wide == {}
    assert errors == []
