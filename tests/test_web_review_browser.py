"""The review loop in a real browser (Debian's headless Chromium through Playwright): sign in
with a user's token, reject a commitment on the board, see it leave the board and the
obligation answer, export the reviews as gold and score the pipeline on them; and /docs
drawn with no other origin reachable.

A database of its own (examples/), so its reviews disturb no other test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browser_support import launch, served, shoot, sync_api  # noqa: E402  (skips without Chromium)
from pactwatch.api.app import create_app  # noqa: E402
from pactwatch.cli.main import cli  # noqa: E402
from pactwatch.ingest.batch import ingest_paths  # noqa: E402
from pactwatch.store import open_store  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
WAIT_MS = 15_000
# Russia -> Belarus (Oreshnik deployment) is on the board and in Belarus's obligation answer
GUARANTOR, BENEFICIARY = "country:RUS", "country:BLR"
OBLIGATION = "/commitments?attacked=BLR&on=2026-06-01"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    db = tmp_path_factory.mktemp("review-browser") / "site.db"
    with open_store(db) as store:
        ingest_paths([str(REPO / "examples")], store)
        token = store.add_user("Lan")
    app = create_app(str(db))
    with served(app) as base:
        yield {"base": base, "db": db, "token": token}


@pytest.fixture(scope="module")
def page(site: dict[str, Any]) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.errors = errors
        try:
            yield tab
        finally:
            browser.close()


def _open(page: Any, site: dict[str, Any], path: str) -> None:
    page.goto(site["base"] + path)
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)


def _cell(page: Any) -> Any:
    return page.locator(f"td.cell[data-guarantor='{GUARANTOR}'][data-beneficiary='{BENEFICIARY}']")


def _shot(page: Any, name: str) -> None:
    shoot(page, name)


def test_review_loop(page: Any, site: dict[str, Any], tmp_path: Path) -> None:
    # signed out: marks only, no buttons
    _open(page, site, "/commitments")
    assert _cell(page).count() == 1
    _cell(page).click()
    assert not page.locator("#lifecycle .review-reject").first.is_visible()

    # a wrong token is refused; the user's own token signs in
    page.fill("#signin-token", "not-a-token")
    page.click("#signin-submit")
    page.wait_for_selector("#signin-error:has-text('mã')", timeout=WAIT_MS)
    page.fill("#signin-token", site["token"])
    page.click("#signin-submit")
    page.wait_for_selector("#signin-name", timeout=WAIT_MS)
    assert "Lan" in page.inner_text("#signin-name")

    # reject the Russia -> Belarus commitment from the board's lifecycle panel
    _cell(page).click()
    page.locator("#lifecycle .review-reject").first.click()
    page.wait_for_selector("#lifecycle .tag.review-rejected", timeout=WAIT_MS)
    _shot(page, "review-board-rejected")

    # it has left the board and the obligation answer
    _open(page, site, "/commitments")
    assert _cell(page).count() == 0
    _open(page, site, OBLIGATION)
    page.wait_for_selector("#obligation-news", timeout=WAIT_MS)
    assert "Belarus" not in page.inner_text("#obligation-news")
    assert "Oreshnik" not in page.inner_text("#obligation-answer")

    # the queue lists what is left, least confident first; the reviewed view shows the verdict
    _open(page, site, "/reviews?kind=commitment")
    confidences = [float(t.split()[-1]) for t in
                   page.locator("#queue .tag.confidence").all_inner_texts()]
    assert confidences and confidences == sorted(confidences)
    _shot(page, "review-queue")
    _open(page, site, "/reviews?state=reviewed")
    assert page.locator("#queue .tag.review-rejected").count() == 1
    assert page.locator("#queue .review-confirm").first.is_visible()  # still signed in
    assert not page.errors, page.errors

    # export the reviewed article as gold and score the pipeline on it
    gold = tmp_path / "gold"
    runner = CliRunner()
    exported = runner.invoke(cli, ["reviews", "export", str(gold), "--db", str(site["db"]),
                                   "--json"])
    assert exported.exit_code == 0, exported.output
    summary = json.loads(exported.output)
    assert len(summary["files"]) == 1
    assert summary["counts"]["commitment"]["rejected"] == 1
    written = json.loads((gold / summary["files"][0]).read_text(encoding="utf-8"))
    assert written["commitments"] == [] and "events" not in written
    scored = runner.invoke(cli, ["eval", str(gold), "--records", str(gold / "records"),
                                 "--json"])
    assert scored.exit_code == 0, scored.output
    totals = json.loads(scored.output)["total"]
    # the pipeline read one commitment there; the analyst's gold holds none: a false positive
    assert totals["counts"]["commitments"]["predicted"] == 1
    assert totals["counts"]["commitments"]["gold"] == 0
    assert totals["metrics"]["commitments.precision"] == 0.0


def test_docs_draw_without_other_origins(page: Any, site: dict[str, Any]) -> None:
    foreign: list[str] = []

    def only_ours(route: Any) -> None:
        if route.request.url.startswith(site["base"]):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    try:
        page.goto(site["base"] + "/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=WAIT_MS)
        assert page.locator(".opblock").count() >= 15
    finally:
        page.unroute("**/*")
    assert not foreign, foreign
