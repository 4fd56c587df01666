"""``/api/map``: events and commitments by country, for the world map page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from pactwatch.actors.kb import default_kb
from pactwatch.api.cache import json_answer
from pactwatch.api.deps import CacheDep, DatesDep, StoreDep
from pactwatch.api.views import actor_names

router = APIRouter(tags=["map"])


def country_names() -> dict[str, dict[str, str | None]]:
    """Every country the knowledge base knows, by ISO3, with its names in both languages:
    the map names the countries without data in the page's language too."""
    return {e.iso3: {"name": e.name, "name_vi": e.name_vi or e.name}
            for e in sorted(default_kb().entries.values(), key=lambda e: e.iso3 or "")
            if e.kind == "country" and e.iso3}


@router.get("/map", summary="Events and commitments per country (ISO3), for the world map")
def country_map(store: StoreDep, cache: CacheDep, dates: DatesDep) -> Response:
    def answer() -> dict[str, Any]:
        rows = store.country_counts(date_from=dates.since, date_to=dates.until)
        names = actor_names(store, [f"country:{r['iso3']}" for r in rows])
        countries = [{"id": f"country:{r['iso3']}", **r,
                      "name": names[f"country:{r['iso3']}"].get("name"),
                      "name_vi": names[f"country:{r['iso3']}"].get("name_vi")} for r in rows]
        return {"since": dates.since, "until": dates.until, "countries": countries,
                "max": max((c["events"] + c["commitments"] for c in countries), default=0),
                "names": country_names()}

    found = json_answer(cache, ("map", dates.since, dates.until), answer)
    assert found is not None
    return found
