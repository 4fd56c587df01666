"""The web app in a real browser: Playwright drives Debian's headless Chromium against
``create_app`` served by uvicorn on a loopback port, over a database built from
/work/main/examples plus a hostile article. Screenshots: browser_support.shoot (docs/web.md).

Skips cleanly when the playwright package or /usr/bin/chromium is missing
(``playwright install`` cannot download browsers here; CI installs Debian's chromium).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from browser_support import (  # noqa: E402  (skips without Chromium)
    launch,
    served,
    shoot,
    sync_api,
)
from pactwatch.api.app import create_app  # noqa: E402
from pactwatch.ingest.batch import ingest_paths  # noqa: E402
from pactwatch.store import open_store  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
WEB_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
TOKEN = "browser-test-token"
WAIT_MS = 15_000


@dataclass
class Site:
    base: str
    docs: dict[str, str]  # source file name -> document id


def _article_inputs() -> list[str]:
    # the articles in every format the readers take
    patterns = ("*.txt", "*.md", "*.html", "*.jsonl")
    files = sorted(str(p) for pattern in patterns for p in EXAMPLES.glob(pattern))
    return [*files, str(WEB_FIXTURES / "xss-article.txt")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    db = tmp_path_factory.mktemp("browser") / "site.db"
    with open_store(db) as store:
        summary = ingest_paths(_article_inputs(), store)
        assert summary.failed == 0, [f.line() for f in summary.failures]
        docs = {Path(row["source_path"]).name: row["id"] for row in store.list_documents(limit=500)}
    app = create_app(str(db), token=TOKEN, read_only=False)
    with served(app) as base:
        yield Site(base, docs)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    """A page and everything that went wrong on it (console errors, exceptions, dialogs)."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, site: Site, path: str) -> None:
        self.page.goto(site.base + path)
        self.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)

    def shot(self, name: str, *, full_page: bool = True) -> None:
        shoot(self.page, name, full_page=full_page)


@pytest.fixture
def tab(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    watched = Watched(page)

    def on_console(message: Any) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    page.on("dialog", on_dialog)
    try:
        yield watched
    finally:
        context.close()


FINLAND = "2023-04-phan-lan-gia-nhap-nato.txt"
XSS = "xss-article.txt"


def _pages(site: Site) -> dict[str, str]:
    finland = site.docs[FINLAND]
    return {
        "timeline": "/",
        "actors": "/actors",
        "actor": "/actors/country:FIN",
        "commitments": "/commitments?attacked=FIN&on=2023-04-05",
        "documents": "/documents",
        "document": f"/documents/{finland}?span=0-8",
        "search": "/search?q=hoa+binh",
        "upload": "/upload",
        "timeline-en": "/?lang=en",
    }


DRAWN = {
    "timeline": "#timeline-svg .bar rect",
    "timeline-en": "#items > li.item",
    "actors": "#actors-body a.actor-link",
    "actor": "#actor-graph circle.centre",
    "commitments": "#board-grid td.cell",
    "documents": "#documents-body a",
    "document": "#reader .hl-actor",
    "search": "#search-documents li.result-document",
    "upload": "#dropzone input[type=file]",
}


@pytest.mark.parametrize(
    "name",
    [
        "timeline",
        "actors",
        "actor",
        "commitments",
        "documents",
        "document",
        "search",
        "upload",
        "timeline-en",
    ],
)
def test_each_page_loads_without_errors(site: Site, tab: Watched, name: str) -> None:
    tab.open(site, _pages(site)[name])
    if name == "timeline-en":  # the other pages are shot at both widths (test_web_find_browser)
        tab.shot(name, full_page=False)
    # each page drew its data, not just its frame
    assert tab.page.locator(DRAWN[name]).count() >= 1, DRAWN[name]
    assert tab.errors == []
    assert tab.dialogs == []
    assert tab.page.locator("p.error").count() == 0


def test_a_filter_changes_the_timeline(site: Site, tab: Watched) -> None:
    tab.open(site, "/")
    before = tab.page.locator("#items > li.item").count()
    bars_before = tab.page.locator("#timeline-svg .bar").count()
    assert before > 1 and bars_before > 1
    tab.page.select_option("#f-type", "CONSULT")
    tab.page.click("#f-submit")
    tab.page.wait_for_url(re.compile(r"type=CONSULT"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    after = tab.page.locator("#items > li.item")
    assert 0 < after.count() < before
    assert tab.page.locator("#timeline-svg .bar").count() < bars_before
    types = tab.page.locator("#items > li.item .tag.type").evaluate_all(
        "nodes => nodes.map(n => n.dataset.type)")
    assert set(types) == {"CONSULT"}
    # shown in words, not as the code
    assert "CONSULT" not in tab.page.locator("#items").inner_text()
    assert tab.page.input_value("#f-type") == "CONSULT"
    tab.shot("timeline-filtered")
    # a bar narrows the dates to its own period, keeping the type
    period = tab.page.locator("#timeline-svg a.bar").first.get_attribute("data-period") or ""
    tab.page.locator("#timeline-svg a.bar rect").first.click()
    tab.page.wait_for_url(re.compile(rf"since={period}&until={period}"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    dates = tab.page.locator("#items > li.item strong").all_inner_texts()
    # an item dated by ISO week is in range when its week overlaps the period
    assert dates and all(d.startswith(period) or "-W" in d for d in dates)
    assert len(dates) < before
    assert "type=CONSULT" in tab.page.url
    assert tab.errors == []


def test_search_finds_an_accented_word_typed_without_accents(site: Site, tab: Watched) -> None:
    tab.open(site, "/search")
    tab.page.fill("#q", "hoa binh")
    tab.page.click("#search-submit")
    tab.page.wait_for_url(re.compile(r"q=hoa\+binh"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    results = tab.page.locator("#search-documents li.result-document")
    assert results.count() >= 1
    marks = tab.page.locator("#search-documents mark").all_inner_texts()
    # the words as one phrase ("Thái Bình Dương" is no match for "hoa binh")
    assert "hòa bình" in [m.lower() for m in marks]
    assert tab.errors == []


def test_reader_highlights_a_known_actor_and_the_evidence(site: Site, tab: Watched) -> None:
    finland = site.docs[FINLAND]
    tab.open(site, f"/documents/{finland}?span=0-8")
    actor = tab.page.locator('#reader a.hl-actor[data-actor="country:FIN"]').first
    assert actor.inner_text() == "Phần Lan"
    # the hover text names the actor; the id stays in data-actor, not in words
    title = actor.get_attribute("title") or ""
    assert "Phần Lan" in title and "country:FIN" not in title
    assert actor.get_attribute("href") == "/actors/country:FIN"
    colour = actor.evaluate("node => getComputedStyle(node).color")
    plain = tab.page.evaluate("getComputedStyle(document.getElementById('reader')).color")
    assert colour != plain
    evidence = tab.page.locator("#evidence")
    assert "hl-evidence" in (evidence.get_attribute("class") or "")
    assert tab.page.locator("#reader .hl-time").count() >= 1
    assert tab.page.locator("#reader .hl-quote").count() >= 1
    # the reader's text is the stored text, piece for piece
    text = tab.page.locator("#reader").inner_text()
    assert text.startswith("Phần Lan chính thức trở thành thành viên thứ 31 của NATO")


def test_obligation_form_answers(site: Site, tab: Watched) -> None:
    tab.open(site, "/commitments")
    tab.page.fill("#o-attacked", "FIN")
    tab.page.fill("#o-on", "2023-04-05")
    tab.page.click("#o-submit")
    tab.page.wait_for_url(re.compile(r"attacked=FIN"))
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    basis = tab.page.locator('#obligation-answer .basis[data-article="5"]').first
    assert "Hiệp ước Bắc Đại Tây Dương" in basis.inner_text()
    assert basis.locator("li a[href='/actors/country:USA']").inner_text() == "Mỹ"
    assert tab.page.locator("#obligation-news li.news").count() >= 1
    # the board is still there, and a cell opens its lifecycle with evidence links
    tab.page.locator("td.cell").first.click()
    assert tab.page.locator("#lifecycle .thread .evidence-link").count() >= 1
    assert "cell=" in tab.page.url
    tab.shot("commitments-answer")
    assert tab.errors == []


def test_the_hostile_article_stays_inert(site: Site, tab: Watched) -> None:
    xss = site.docs[XSS]
    tab.open(site, f"/documents/{xss}")
    reader = tab.page.locator("#reader")
    assert "<script>alert(1)</script>" in reader.inner_text()
    assert '<img src=x onerror="alert(2)">' in reader.inner_text()
    assert reader.locator("script, img, iframe, svg").count() == 0
    assert '<script>alert("xss-title")</script>' in tab.page.locator("#doc-title").inner_text()
    tab.shot("document-xss")
    for path in ("/search?q=lui+buoc", "/actors/country:FIN", "/?outlet=", "/documents"):
        tab.open(site, path)
    assert tab.page.evaluate("document.querySelectorAll('main script, main img').length") == 0
    assert tab.dialogs == []
    assert tab.errors == []


def test_language_toggle_switches_the_interface(site: Site, tab: Watched) -> None:
    tab.open(site, "/actors")
    assert tab.page.locator("nav a.current").inner_text() == "Chủ thể"
    tab.page.click("#lang-toggle")
    tab.page.wait_for_selector("html[lang='en'] body[data-ready='1']", timeout=WAIT_MS)
    assert tab.page.locator("nav a.current").inner_text() == "Actors"
    tab.page.click("nav a[href='/documents']")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert tab.page.locator("html").get_attribute("lang") == "en"


def test_upload_sends_the_token_and_links_the_result(site: Site, tab: Watched) -> None:
    tab.open(site, "/upload")
    tab.page.set_input_files("#files", str(WEB_FIXTURES / "upload-article.txt"))
    tab.page.click("#upload-submit")
    assert tab.page.locator("#upload-status").inner_text() != ""
    assert tab.page.locator("#upload-results li").count() == 0  # no token: nothing sent
    tab.page.fill("#token", "wrong")
    tab.page.click("#upload-submit")
    tab.page.wait_for_selector("#upload-results li.error", timeout=WAIT_MS)
    assert "401" in tab.page.locator("#upload-results").inner_text()
    tab.errors.clear()  # the browser logs the refused request itself
    tab.page.fill("#token", TOKEN)
    tab.page.click("#upload-submit")
    tab.page.wait_for_selector("#upload-results li.upload-stored a", timeout=WAIT_MS)
    link = tab.page.locator("#upload-results li.upload-stored a")
    tab.shot("upload-done")
    link.click()
    tab.page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    assert "Hàn Quốc và Mỹ tập trận chung trên biển" in tab.page.locator("#doc-title").inner_text()
    assert tab.errors == []
