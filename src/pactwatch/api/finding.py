"""Names in, names out: actor filters that take a name in either language, the actors a
partly typed name may mean, and the title every document is shown by.

Pure functions of a store and the knowledge base (no HTTP).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pactwatch.actors.kb import KBEntry, default_kb
from pactwatch.store import Store
from pactwatch.store.fold import fold_key

Row = dict[str, Any]
# fields of answer items that name a document, and the field its title goes in
_TITLE_FIELDS = (("doc_id", "doc_title"),)


def _kb_match(value: str) -> KBEntry | None:
    """The KB entry named ``value`` (an ISO3 code in capitals, or any name or alias),
    countries before other kinds."""
    kb = default_kb()
    if value.isupper() and len(value) == 3 and kb.country(value):
        return kb.country(value)
    found = kb.find(value)
    found.sort(key=lambda e: (e.kind != "country", e.id))
    return found[0] if found else None


def resolve_actor(store: Store, value: str | None) -> str | None:
    """The actor id an actor filter means: an id as it is ("country:UKR"), else the actor
    named so in either language or by its code ("Ukraine", "UKR", "Phần Lan", "phan lan"),
    else the stored actor whose name holds it with most documents, else ``value`` itself
    (which then matches nothing)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if ":" in value:
        return value
    entry = _kb_match(value)
    if entry is not None:
        return entry.id
    found = store.list_actors(q=value, limit=1)
    return found[0]["id"] if found else value


def actor_named(store: Store, value: str) -> str | None:
    """The one actor ``value`` names, strictly (for a correction, where a guess would store
    a wrong party): a known id as it is, else the KB's name, alias or ISO3 code in either
    language, else the stored actor whose name (English or Vietnamese) is ``value`` with
    accents and case aside; None when nothing is named so."""
    value = value.strip()
    if not value:
        return None
    if ":" in value:
        known = value in store.actor_labels([value]) or default_kb().get(value) is not None
        return value if known else None
    entry = _kb_match(value)
    if entry is not None:
        return entry.id
    wanted = fold_key(value)
    for row in store.list_actors(q=value, limit=20):
        if wanted in (fold_key(row.get("name") or ""), fold_key(row.get("name_vi") or "")):
            return str(row["id"])
    return None


def suggest_actors(store: Store, q: str, limit: int = 10) -> list[Row]:
    """Actors a partly typed name may mean: the one it names exactly first, then stored
    actors whose names hold it, most documents first."""
    rows = store.list_actors(q=q, limit=limit)
    entry = _kb_match(q.strip()) if q.strip() else None
    if entry is not None and all(r["id"] != entry.id for r in rows):
        stored = store.actor_labels([entry.id]).get(entry.id)
        rows.insert(0, {"id": entry.id, "kind": entry.kind, "name": entry.name,
                        "name_vi": entry.name_vi, "documents": None, "mentions": None,
                        "stored": stored is not None})
    elif entry is not None:
        rows.sort(key=lambda r: r["id"] != entry.id)
    return [{"id": r["id"], "kind": r["kind"], "name": r["name"], "name_vi": r["name_vi"],
             "documents": r.get("documents")} for r in rows[:limit]]


def with_titles(store: Store, *lists: Iterable[Row]) -> None:
    """Give every item naming a document (``doc_id``) its ``doc_title``: the stated title,
    else the first sentence, else the file name, never the bare id."""
    items = [item for items in lists for item in items if isinstance(item, dict)]
    wanted = {item[key] for item in items for key, _ in _TITLE_FIELDS
              if isinstance(item.get(key), str)}
    if not wanted:
        return
    titles = store.document_titles(wanted)
    for item in items:
        for key, field in _TITLE_FIELDS:
            doc_id = item.get(key)
            if isinstance(doc_id, str) and doc_id in titles:
                item[field] = titles[doc_id]


def with_display_titles(store: Store, documents: list[Row], key: str = "id") -> list[Row]:
    """Documents (rows with ``id`` and ``title``) with ``display_title`` added."""
    titles = store.document_titles(d[key] for d in documents if isinstance(d.get(key), str))
    for d in documents:
        doc_id = d.get(key)
        shown = titles.get(doc_id) if isinstance(doc_id, str) else None
        d["display_title"] = shown or d.get("title") or doc_id
    return documents
