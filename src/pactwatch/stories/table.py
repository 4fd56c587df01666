"""A story's claims table as flat rows: what ``pactwatch stories show`` prints, and what
the stories exports (``/api/export/stories.*``, ``/api/export/story-claims.*``) write.

The claims table itself is built once, when a story is written
(:func:`pactwatch.stories.detail.story_detail`) and read back by ``Store.get_story``;
this module only lays it out, so the CLI, the API and the web page show the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pactwatch.store.base import Store

Row = dict[str, Any]
# stories read per page by the exports
PAGE = 200


def parties_text(parties: Mapping[str, list[str]]) -> str:
    """``source: country:RUS; target: country:UKR`` (empty roles left out)."""
    return "; ".join(f"{role}: {', '.join(ids)}" for role, ids in parties.items() if ids)


def disagreements_text(disagreements: list[Row]) -> str:
    """``status: occurred / planned`` for each field the reports disagree on."""
    return "; ".join(f"{d['on']}: {' / '.join(sorted(d['values']))}" for d in disagreements)


def claim_row(story_id: str, claim: Mapping[str, Any]) -> Row:
    """One line of the claims table: who reports the claim, who first, how independently."""
    first = claim.get("first_report") or {}
    reports = claim.get("reports") or []
    return {
        "story_id": story_id,
        "claim_id": claim["id"],
        "kind": claim["kind"],
        "type": claim["type"],
        "parties": parties_text(claim.get("parties") or {}),
        "outlets": list(claim.get("outlets") or []),
        "reports": len(reports),
        "n_independent": claim.get("n_independent", 0),
        "single_source": bool(claim.get("single_source")),
        "first_doc_id": first.get("doc_id"),
        "first_outlet": first.get("outlet"),
        "first_date": first.get("date_reported"),
        "disagreements": disagreements_text(claim.get("disagreements") or []),
        "evidence": [_link(r) for r in reports],
    }


def _link(report: Mapping[str, Any]) -> str:
    span = report.get("evidence") or {}
    base = f"/documents/{report['doc_id']}"
    if span.get("start") is not None and span.get("end") is not None:
        return f"{base}?span={span['start']}-{span['end']}"
    return base


def claim_rows(story: Mapping[str, Any]) -> list[Row]:
    """The story's claims table, most corroborated first (more independent sources, then
    more reports), as flat rows."""
    rows = [claim_row(story["id"], c) for c in story.get("claims_table") or []]
    return sorted(rows, key=lambda r: (-r["n_independent"], -r["reports"], r["kind"],
                                       r["type"], r["claim_id"]))


def story_row(story: Mapping[str, Any]) -> Row:
    """A story as one export row (its list fields as lists)."""
    table = story.get("claims_table") or []
    return {
        "id": story["id"],
        "title": story.get("title"),
        "size": story.get("size"),
        "date_first": story.get("date_first"),
        "date_last": story.get("date_last"),
        "outlets": list(story.get("outlets") or []),
        "places": [p["id"] for p in story.get("places") or []],
        "actors": [a["id"] for a in story.get("actors") or []],
        "members": [m["doc_id"] for m in story.get("members") or []],
        "claims": len(table),
        "single_source_claims": sum(1 for c in table if c.get("single_source")),
        "disputed_claims": sum(1 for c in table if c.get("disagreements")),
        "updated_at": story.get("updated_at"),
    }


def iter_stories(store: Store) -> Iterator[Row]:
    """Every stored story in full (``Store.get_story``), in the list's order."""
    offset = 0
    while True:
        page = store.list_stories(limit=PAGE, offset=offset)
        for summary in page:
            story = store.get_story(summary["id"])
            if story is not None:
                yield story
        if len(page) < PAGE:
            return
        offset += PAGE


def resolve_story(store: Store, story_id: str) -> tuple[Row | None, list[str]]:
    """The story with this id, or the one whose id starts with it; with the ids of
    several when the prefix is ambiguous (then no story)."""
    story = store.get_story(story_id)
    if story is not None or not story_id:
        return story, []
    matches = store.story_ids_starting(story_id, limit=5)
    if len(matches) > 1:
        return None, matches
    return (store.get_story(matches[0]) if matches else None), []
