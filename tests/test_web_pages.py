"""The web pages served by ``pactwatch.web.pages``: every page answers, in Vietnamese or
English, and nothing a request or an article carries ever reaches a page as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pactwatch.web.i18n import STRINGS
from pactwatch.web.pages import CONTENT_SECURITY_POLICY, NAV, STATIC_DIR, TEMPLATES_DIR, mount_web

REPO = Path(__file__).resolve().parents[1]
WEB_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
XSS_ARTICLE = WEB_FIXTURES / "xss-article.txt"

PAGES = [
    "/",
    "/?actor=country:USA&type=AGREE&since=2023&until=2025-06&outlet=PLO&bucket=year",
    "/actors",
    "/actors?kind=country&q=phan+lan",
    "/actors/country:USA",
    "/commitments",
    "/commitments?attacked=FIN&on=2023-04-05",
    "/documents",
    "/documents?outlet=PLO&offset=50",
    "/documents/0000000000000000",
    "/documents/0000000000000000?span=3-9",
    "/search",
    "/search?q=hoa+binh",
    "/upload",
    "/stories",
    "/stories/s-0000000000000000?show=single",
]


@pytest.fixture(scope="module")
def bare_app() -> FastAPI:
    """The pages alone, mounted on a bare app: they are shells that need no database."""
    app = FastAPI()
    mount_web(app)
    return app


@pytest.fixture
def shells(bare_app: FastAPI) -> Iterator[TestClient]:
    # a fresh client per test: a language cookie set by one test must not leak into the next
    with TestClient(bare_app) as client:
        yield client


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_with_html(shells: TestClient, url: str) -> None:
    response = shells.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert '<script id="i18n" type="application/json">' in response.text
    assert '<script src="/static/common.js" defer></script>' in response.text


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_only_our_own_assets(shells: TestClient, url: str) -> None:
    html = shells.get(url).text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        if asset == "data:,":  # the empty favicon: spares the browser a request and a 404
            continue
        assert asset.startswith("/") and not asset.startswith("//"), asset
        if asset.startswith("/static/"):
            assert shells.get(asset).status_code == 200, asset


def test_vietnamese_is_the_default(shells: TestClient) -> None:
    html = shells.get("/").text
    assert '<html lang="vi">' in html
    assert ">Dòng thời gian<" in html
    assert ">Bảng cam kết<" in html


def test_lang_query_switches_to_english_and_sets_the_cookie(shells: TestClient) -> None:
    response = shells.get("/commitments?lang=en")
    assert '<html lang="en">' in response.text
    assert ">Commitment board<" in response.text
    assert ">Dòng thời gian<" not in response.text
    assert response.cookies.get("lang") == "en"


def test_language_cookie_is_remembered() -> None:
    app = FastAPI()
    mount_web(app)
    with TestClient(app) as client:
        client.get("/?lang=en")
        assert '<html lang="en">' in client.get("/actors").text
        client.get("/?lang=vi")
        assert '<html lang="vi">' in client.get("/actors").text


def test_unknown_language_falls_back_to_vietnamese(shells: TestClient) -> None:
    response = shells.get("/?lang=xx")
    assert '<html lang="vi">' in response.text
    assert "lang" not in response.cookies


def test_language_toggle_keeps_the_filters(shells: TestClient) -> None:
    html = shells.get("/?actor=country:FIN&since=2023").text
    toggle = re.search(r'<a class="lang" id="lang-toggle" href="([^"]+)"', html)
    assert toggle is not None
    assert toggle.group(1) == "/?actor=country%3AFIN&amp;since=2023&amp;lang=en"


def test_navigation_marks_the_current_page(shells: TestClient) -> None:
    html = shells.get("/actors/country:USA").text
    nav = re.search(r"<nav>(.*?)</nav>", html, re.S)
    assert nav is not None
    assert re.findall(r'href="([^"]+)"', nav.group(1)) == [href for href, _ in NAV]
    assert re.findall(r'<a href="([^"]+)" class="current"', nav.group(1)) == ["/actors"]


def test_both_languages_have_the_same_keys() -> None:
    assert set(STRINGS["vi"]) == set(STRINGS["en"])
    assert all(value.strip() for table in STRINGS.values() for value in table.values())


def test_no_key_hides_behind_a_dict_method() -> None:
    # templates write t.key; Jinja would hand back dict.items for a key named "items"
    assert not set(STRINGS["vi"]) & set(dir(dict))


def test_every_key_our_scripts_ask_for_exists() -> None:
    used: set[str] = set()
    for script in STATIC_DIR.glob("*.js"):
        used |= set(re.findall(r'\bt\("([a-z_]+)"\)', script.read_text(encoding="utf-8")))
    assert used, "the scripts should use the string table"
    assert used <= set(STRINGS["vi"]), used - set(STRINGS["vi"])


# -- safety ------------------------------------------------------------------------------------

# no "/" in it: a path parameter cannot hold one, and the paths must still match a page
HOSTILE = '<script>alert("x")<img src=x onerror=alert(1)>"\'&<svg onload=alert(2)>'


@pytest.mark.parametrize(
    "url",
    [
        "/documents/{h}",
        "/actors/{h}",
        "/search?q={h}",
        "/?actor={h}&type={h}",
        "/commitments?attacked={h}&on={h}",
    ],
)
def test_request_text_is_escaped_in_the_shell(shells: TestClient, url: str) -> None:
    from urllib.parse import quote

    response = shells.get(url.format(h=quote(HOSTILE, safe="")))
    assert response.status_code == 200
    html = response.text
    assert '<script>alert("x")' not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    # only our own scripts: the string table and static files
    assert len(re.findall(r"<script\b", html)) == html.count('<script id="i18n"') + html.count(
        '<script src="/static/'
    )


def test_scripts_never_parse_data_as_html() -> None:
    forbidden = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
        r"createContextualFragment|DOMParser"
    )
    for script in STATIC_DIR.glob("*.js"):
        # comments may name what the code avoids; only code counts
        text = re.sub(r"^\s*//.*$", "", script.read_text(encoding="utf-8"), flags=re.M)
        assert not forbidden.search(text), f"{script.name}: {forbidden.search(text)}"


def test_templates_never_switch_autoescape_off() -> None:
    for template in TEMPLATES_DIR.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text and "autoescape false" not in text, template.name


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pages.py",
        "/static/%2e%2e/pages.py",
        "/static/..%2fi18n.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
        "/static/templates/base.html",
    ],
)
def test_static_route_stays_inside_its_folder(shells: TestClient, path: str) -> None:
    assert shells.get(path).status_code == 404


# -- with the API and a database ---------------------------------------------------------------


@pytest.fixture(scope="module")
def app_with_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    """The real app over a database holding the hostile article; yields (client, its doc id)."""
    from pactwatch.api.app import create_app
    from pactwatch.ingest.batch import ingest_paths
    from pactwatch.store import open_store

    db = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(db) as store:
        summary = ingest_paths([XSS_ARTICLE], store)
        assert summary.stored == 1
        doc_id = store.list_documents()[0]["id"]
    app = create_app(str(db))
    with TestClient(app) as client:
        yield client, doc_id


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_inside_the_real_app(app_with_db: tuple[TestClient, str], url: str) -> None:
    client, _ = app_with_db
    assert client.get(url).status_code == 200


def test_hostile_article_reaches_the_browser_only_as_json(
    app_with_db: tuple[TestClient, str],
) -> None:
    client, doc_id = app_with_db
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    # the shell never carries article text: the script puts it in with textContent
    assert "alert(1)" not in page.text and "onerror" not in page.text
    data = client.get(f"/api/documents/{doc_id}")
    assert data.headers["content-type"].startswith("application/json")
    text = data.json()["record"]["document"]["text"]
    assert "<script>alert(1)</script>" in text and 'onerror="alert(2)"' in text


def test_hostile_search_results_are_json_too(app_with_db: tuple[TestClient, str]) -> None:
    client, _ = app_with_db
    page = client.get("/search?q=alert")
    assert "alert(1)" not in page.text
    found = client.get("/api/search", params={"q": "lui buoc"})
    assert found.headers["content-type"].startswith("application/json")
    assert any("<script>" in q["text"] for q in found.json()["quotes"])


def test_the_screenshots_docs_show_are_committed_and_small() -> None:
    # docs/web.md shows every page at two widths from artifacts/screenshots/ (refreshed with
    # PACTWATCH_SCREENSHOTS=artifacts/screenshots, see docs/web.md): each exists, each file
    # there is shown, and the whole set stays small
    shots = REPO / "artifacts" / "screenshots"
    shown = set(re.findall(r"\(\.\./artifacts/screenshots/([\w-]+\.png)\)",
                           (REPO / "docs" / "web.md").read_text(encoding="utf-8")))
    files = {p.name for p in shots.glob("*.png")}
    assert shown and shown == files
    for page in ("timeline", "commitments", "actors", "actor", "map", "documents", "document",
                 "stories", "story", "search", "reviews", "upload"):
        assert {f"desktop-{page}.png", f"phone-{page}.png"} <= files, page
    assert all((shots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for name in files)
    assert sum((shots / name).stat().st_size for name in files) < 4_500_000
