"""The web app's HTML pages: shells whose data our own JavaScript fetches from /api.

Each page is a Jinja2 template holding only the interface strings and the page's
parameters; the numbers, names and article text all come from the same JSON
endpoints the API serves, so a page and the API cannot disagree. Templates are
autoescaped, and the scripts build the DOM with ``textContent``, never
``innerHTML``, so an article containing ``<script>`` shows it as text.

The only route that reaches the file system is the ``/static`` mount of this
package's own ``static`` folder (Starlette refuses paths that leave it).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pactwatch.config import DEFAULT_MIN_CONFIDENCE
from pactwatch.web.i18n import COOKIE, LANGUAGES, pick_language, strings

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

# Defence in depth behind the escaping: no inline or foreign script can run, and
# nothing is loaded from another origin (the app must work with no internet).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# page name -> (template, navigation key); the nav key marks the current tab
PAGES: dict[str, tuple[str, str]] = {
    "timeline": ("timeline.html", "nav_timeline"),
    "actors": ("actors.html", "nav_actors"),
    "actor": ("actor.html", "nav_actors"),
    "commitments": ("commitments.html", "nav_commitments"),
    "documents": ("documents.html", "nav_documents"),
    "document": ("document.html", "nav_documents"),
    "search": ("search.html", "nav_search"),
    "upload": ("upload.html", "nav_upload"),
    "reviews": ("reviews.html", "nav_reviews"),
    "map": ("map.html", "nav_map"),
    "stories": ("stories.html", "nav_stories"),
    "story": ("story.html", "nav_stories"),
}

NAV: list[tuple[str, str]] = [
    ("/", "nav_timeline"),
    ("/commitments", "nav_commitments"),
    ("/actors", "nav_actors"),
    ("/map", "nav_map"),
    ("/documents", "nav_documents"),
    ("/stories", "nav_stories"),
    ("/search", "nav_search"),
    ("/reviews", "nav_reviews"),
    ("/upload", "nav_upload"),
]


def _environment() -> Environment:
    # autoescape on for every template, whatever its extension
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


_ENV = _environment()


def _other_language_url(request: Request, other: str) -> str:
    """This page's URL with ``lang`` switched, keeping every other query parameter."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    params.append(("lang", other))
    return f"{request.url.path}?{urlencode(params)}"


def render_page(
    request: Request, page: str, params: Mapping[str, Any] | None = None
) -> HTMLResponse:
    """Render one page shell in the request's language."""
    template_name, nav_key = PAGES[page]
    language = pick_language(request)
    other = next(code for code in LANGUAGES if code != language)
    table = strings(language)
    html = _ENV.get_template(template_name).render(
        lang=language,
        t=table,
        page=page,
        nav=NAV,
        nav_current=nav_key,
        params=dict(params or {}),
        other_lang=other,
        other_lang_url=_other_language_url(request, other),
    )
    response = HTMLResponse(html)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.query_params.get("lang") in LANGUAGES:
        # remember an explicit choice so links without ?lang keep the language
        response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="lax")
    return response


def mount_web(app: FastAPI) -> None:
    """Register the HTML pages and the ``/static`` mount on ``app``."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request) -> HTMLResponse:
        return render_page(request, "timeline")

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request) -> HTMLResponse:
        return render_page(request, "actors")

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, actor_id: str) -> HTMLResponse:
        return render_page(request, "actor", {"actor_id": actor_id})

    @app.get("/commitments", response_class=HTMLResponse, include_in_schema=False)
    def commitments_page(request: Request) -> HTMLResponse:
        return render_page(request, "commitments", {"min_confidence": DEFAULT_MIN_CONFIDENCE})

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request) -> HTMLResponse:
        return render_page(request, "documents")

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        return render_page(request, "document", {"doc_id": doc_id})

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request) -> HTMLResponse:
        return render_page(request, "stories")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        return render_page(request, "story", {"story_id": story_id})

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        return render_page(request, "map")

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        return render_page(request, "search", {"q": request.query_params.get("q", "")})

    @app.get("/reviews", response_class=HTMLResponse, include_in_schema=False)
    def reviews_page(request: Request) -> HTMLResponse:
        return render_page(request, "reviews")

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request) -> HTMLResponse:
        return render_page(request, "upload")
