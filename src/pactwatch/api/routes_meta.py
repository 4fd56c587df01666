"""``/api/meta``: what the database holds and the values each filter can take."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

import pactwatch
from pactwatch.api.deps import MAX_LIMIT, CacheDep, SettingsDep, StoreDep

router = APIRouter(tags=["meta"])


@router.get("/meta", summary="Counts, filter values and server settings")
def meta(store: StoreDep, settings: SettingsDep, cache: CacheDep) -> dict[str, Any]:
    facets: dict[str, Any] = cache.get(("facets",), store.facets)
    counts: dict[str, int] = cache.get(("counts",), store.counts)
    return {
        "version": pactwatch.__version__,
        "read_only": not settings.writable,
        "max_upload_bytes": settings.max_upload_bytes,
        "max_limit": MAX_LIMIT,
        "counts": counts,
        **facets,
    }
