"""What routes share: the store, the app's settings, and the page/date parameters."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response

from pactwatch.api.cache import AnswerCache, json_answer
from pactwatch.api.problems import bad_parameter
from pactwatch.config import DEFAULT_MIN_CONFIDENCE
from pactwatch.errors import PactwatchError
from pactwatch.store import Store
from pactwatch.store.fold import search_terms
from pactwatch.store.limits import MAX_INTEGER, MAX_QUERY_CHARS, MAX_QUERY_TERMS
from pactwatch.store.sorting import ORDERS, SORTABLE, Sort, check_sort

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Settings:
    db: str
    token: str | None
    max_upload_bytes: int
    read_only: bool

    @property
    def writable(self) -> bool:
        return self.token is not None and not self.read_only


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_cache(request: Request) -> AnswerCache:
    cache: AnswerCache = request.app.state.cache
    return cache


StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[AnswerCache, Depends(get_cache)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    def envelope(self, items: list[Any], total: int, sort: Sort | None = None
                 ) -> dict[str, Any]:
        """A page's answer; a sorted list says its order (the next page keeps it)."""
        found: dict[str, Any] = {"total": total, "limit": self.limit, "offset": self.offset}
        if sort is not None:
            found.update(sort=sort.column, order=sort.order)
        return {**found, "items": items}


def page(
    limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="Items per page (0-500).")] = (
        DEFAULT_LIMIT
    ),
    offset: Annotated[int, Query(ge=0, le=MAX_INTEGER, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]


def sort_parameters(kind: str) -> Callable[..., Sort | None]:
    """The ``sort``/``order`` query parameters of list ``kind``: a column of its allow-list
    (``pactwatch.store.sorting.SORTABLE``) sorted over the whole result, and asc|desc."""

    def parameters(sort: str | None = None, order: str | None = None) -> Sort | None:
        try:
            return check_sort(kind, blank(sort), blank(order))
        except PactwatchError as exc:
            raise bad_parameter(exc.message) from None

    # the signature FastAPI reads, built here: its description names this list's columns
    # (annotations written in the function would be strings it cannot evaluate)
    described = {
        "sort": f"Sort the whole list (every page) by: {', '.join(SORTABLE[kind])}.",
        "order": f"{' or '.join(ORDERS)} (default asc); the rows without a value come last.",
    }
    parameters.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=Annotated[str | None, Query(description=text)])
        for name, text in described.items()
    ])
    return parameters


def check_prefix_date(value: str | None, name: str) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD) that is a real calendar date."""
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise bad_parameter(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    padded = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise bad_parameter(f"{name} is not a calendar date: {value!r}") from None
    return value


def check_day(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise bad_parameter(f"{name} must be a day YYYY-MM-DD, not {value!r}") from None


@dataclass(frozen=True)
class Dates:
    since: str | None
    until: str | None


def dates(
    since: Annotated[str | None, Query(description="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
    = None,
    until: Annotated[str | None, Query(description="Up to this date, inclusive (ISO prefix).")]
    = None,
) -> Dates:
    found = Dates(check_prefix_date(since, "since"), check_prefix_date(until, "until"))
    if found.since and found.until and found.since[: len(found.until)] > found.until:
        raise bad_parameter(f"since ({found.since}) is after until ({found.until})")
    return found


DatesDep = Annotated[Dates, Depends(dates)]


def min_confidence(
    min_confidence: Annotated[float, Query(
        ge=0, le=1, allow_inf_nan=False,
        description="Hide reported items (from the news) less confident than this (0-1);"
                    " 0 shows them all.")] = DEFAULT_MIN_CONFIDENCE,
) -> float:
    return min_confidence


MinConfidenceDep = Annotated[float, Depends(min_confidence)]


def cached(cache: AnswerCache, kind: str, filters: dict[str, Any], page: Page,
           answer: Callable[[], dict[str, Any]]) -> Response:
    """A list answer, from the cache while the data has not changed."""
    key = (kind, tuple(sorted(filters.items())), page.limit, page.offset)
    found = json_answer(cache, key, answer)
    assert found is not None  # a list answer always exists
    return found


def check_query(value: str | None, name: str = "q") -> str | None:
    """A full-text query of bounded size: at most MAX_QUERY_CHARS characters and
    MAX_QUERY_TERMS words (422 beyond them). Empty means no query."""
    if value is None or value == "":
        return None
    if len(value) > MAX_QUERY_CHARS:
        raise bad_parameter(f"{name} is {len(value)} characters long; at most {MAX_QUERY_CHARS}")
    terms = search_terms(value)
    if len(terms) > MAX_QUERY_TERMS:
        raise bad_parameter(f"{name} has {len(terms)} words; at most {MAX_QUERY_TERMS}:"
                            " search for the few that matter")
    return value


def blank(value: str | None) -> str | None:
    """An empty query parameter (a form field left empty) means no filter."""
    return value if value not in (None, "") else None
