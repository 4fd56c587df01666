"""The JSON the pages are built from, assembled from store queries and the system model.

Pure functions of a store (no HTTP): the routes call them, tests and the benchmark may too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from pactwatch.actors.kb import KnowledgeBase, default_kb
from pactwatch.actors.offices import Term, terms_of
from pactwatch.api.cache import AnswerCache
from pactwatch.store import Store
from pactwatch.store.explore import bucket_of
from pactwatch.system.lifecycle import CommitmentThread, commitment_threads, type_family

Row = dict[str, Any]
# the actor graph is counted over this many of the actor's newest documents
GRAPH_DOCUMENTS = 500


# -- actors -----------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _terms_by_office_of(kb: KnowledgeBase) -> dict[str, list[Term]]:
    # parsed once per loaded KB (default_kb() returns the same object until a file changes)
    index: dict[str, list[Term]] = {}
    for term in terms_of(kb.of_kind("person")):
        index.setdefault(term.of, []).append(term)
    return index


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def actor_kb(actor_id: str, kb: KnowledgeBase | None = None) -> tuple[Row | None, list[Row],
                                                                      list[Row]]:
    """The KB entry of an actor, the offices it held, and who held offices of it."""
    kb = kb or default_kb()
    entry = kb.get(actor_id)
    offices = [asdict(o) for o in entry.offices] if entry else []
    holders = [
        {"person_id": t.person_id, "name": _name(kb, t.person_id), "role": t.role,
         "start": _day(t.start), "end": _day(t.end), "acting": t.acting}
        for t in sorted(_terms_by_office_of(kb).get(actor_id, []),
                        key=lambda t: (t.role, t.start or dt.date.min))
    ]
    return (asdict(entry) if entry else None), offices, holders


def _name(kb: KnowledgeBase, actor_id: str) -> str | None:
    entry = kb.get(actor_id)
    return entry.name if entry else None


def actor_page(store: Store, actor_id: str, *, limit: int = 50, graph_limit: int = 15
               ) -> Row | None:
    actor = store.get_actor(actor_id, documents_limit=limit)
    if actor is None:
        return None
    kb_entry, offices, holders = actor_kb(actor_id)
    found: Row = {
        "actor": actor,
        "kb": kb_entry,
        "offices": offices,
        "holders": holders,
        # the totals are the actor's own counts: no second count of the same rows
        "quotes": {"total": actor["quotes"],
                   "items": store.list_quotes(speaker=actor_id, limit=limit)},
    }
    for key, role in (("events_as_source", "source"), ("events_as_target", "target")):
        items, _ = store.find_events(actor=actor_id, role=role, limit=limit, with_total=False)
        found[key] = {"total": actor[key], "items": items}
    items, _ = store.find_commitments(guarantor=actor_id, limit=limit)
    found["commitments_given"] = {"total": actor["commitments_as_guarantor"], "items": items}
    items, _ = store.find_commitments(beneficiary=actor_id, limit=limit)
    found["commitments_received"] = {"total": actor["commitments_as_beneficiary"],
                                     "items": items}
    found["graph"] = actor_graph(store, actor, graph_limit)
    lists = ("quotes", "events_as_source", "events_as_target", "commitments_given",
             "commitments_received")
    return with_names(store, found, *(found[key]["items"] for key in lists))


def actor_graph(store: Store, actor: Row, limit: int) -> Row:
    """The actor, the actors it shares most documents with, and the edges among them all."""
    ego = store.ego_graph(actor["id"], limit=limit, recent_documents=GRAPH_DOCUMENTS)
    nodes = [{"id": actor["id"], "name": actor["name"], "name_vi": actor["name_vi"],
              "kind": actor["kind"], "documents": actor["document_count"]}]
    nodes += [{"id": r["id"], "name": r["name"], "name_vi": r["name_vi"], "kind": r["kind"],
               "documents": r["documents"]} for r in ego["nodes"]]
    return {"nodes": nodes, "edges": ego["edges"], "recent_documents": GRAPH_DOCUMENTS}


# -- the commitment board -----------------------------------------------------------------------
def _last_date(thread: CommitmentThread) -> str:
    return max((s.date or "" for s in thread.steps), default="")


def board(store: Store, *, type: str | None = None, status: str | None = None,
          actor: str | None = None) -> Row:
    """Lifecycle threads laid out as guarantor x beneficiary cells."""
    threads = commitment_threads(store.commitment_records())
    if type is not None:
        threads = [t for t in threads if t.family == type_family(type) and
                   (type == t.family or type in t.types)]
    if status is not None:
        threads = [t for t in threads if t.status == status]
    if actor is not None:
        threads = [t for t in threads if actor in t.guarantors or actor in t.beneficiaries]
    cells: dict[tuple[str | None, str | None], Row] = {}
    latest: dict[tuple[str | None, str | None], str] = {}
    for thread in threads:
        # an unreported side still gets a row/column (null) so the commitment shows
        guarantors: list[str | None] = [*sorted(thread.guarantors)] or [None]
        beneficiaries: list[str | None] = [*sorted(thread.beneficiaries)] or [None]
        for g in guarantors:
            for b in beneficiaries:
                cell = cells.setdefault((g, b), {"guarantor": g, "beneficiary": b,
                                                 "status": thread.status, "threads": []})
                cell["threads"].append(thread.id)
                if _last_date(thread) >= latest.get((g, b), ""):
                    latest[(g, b)] = _last_date(thread)
                    cell["status"] = thread.status
    ids = sorted({i for t in threads for i in (*t.guarantors, *t.beneficiaries)})
    return {
        "guarantors": sorted({g for t in threads for g in t.guarantors}),
        "beneficiaries": sorted({b for t in threads for b in t.beneficiaries}),
        "actors": actor_names(store, ids),
        "cells": sorted(cells.values(), key=lambda c: (c["guarantor"] or "~",
                                                       c["beneficiary"] or "~")),
        "threads": [t.as_dict() for t in threads],
    }


def actor_names(store: Store, ids: Iterable[str]) -> dict[str, Row]:
    """Display names for actor ids: the store's, else the KB's, else the id itself."""
    wanted = sorted(set(ids))
    names = store.actor_labels(wanted)
    kb = default_kb()
    for actor_id in wanted:
        if actor_id not in names:
            entry = kb.get(actor_id)
            names[actor_id] = ({"name": entry.name, "name_vi": entry.name_vi, "kind": entry.kind}
                               if entry else {"name": actor_id, "name_vi": None, "kind": None})
    return names


# the fields of list items that hold actor ids (a string or a list of them)
ID_FIELDS = ("speaker", "source", "target", "guarantors", "beneficiaries", "reported_via",
             "location")


def actor_ids_in(items: Iterable[Row]) -> set[str]:
    found: set[str] = set()
    for item in items:
        values = [item.get(f) for f in ID_FIELDS]
        sides = item.get("actors")
        if isinstance(sides, dict):  # timeline items: {"source": [...], ...}
            values += list(sides.values())
        for value in values:
            for one in value if isinstance(value, list) else [value]:
                if isinstance(one, str) and ":" in one:
                    found.add(one)
    return found


def with_names(store: Store, answer: Row, *lists: Iterable[Row]) -> Row:
    """``answer`` with ``actors``: the names of every actor id its items hold."""
    ids: set[str] = set()
    for items in lists:
        ids |= actor_ids_in(items)
    answer["actors"] = actor_names(store, ids)
    return answer


# -- timeline ---------------------------------------------------------------------------------------
def timeline(store: Store, *, bucket: str, actor: str | None, type: str | None,
             since: str | None, until: str | None, outlet: str | None,
             items_limit: int, cache: AnswerCache | None = None) -> Row:
    found = dict(timeline_counts(store, bucket, actor=actor, type=type, since=since,
                                 until=until, outlet=outlet, cache=cache))
    events, _ = store.find_events(actor=actor, type=type, date_from=since, date_to=until,
                                  outlet=outlet, limit=items_limit, with_total=False)
    commitments, n_commitments = store.find_commitments(
        actor=actor, type=type, date_from=since, date_to=until, outlet=outlet,
        limit=items_limit)
    items = [_event_item(e, bucket) for e in events]
    items += [_commitment_item(c, bucket) for c in commitments]
    # newest first; undated last, as the lists themselves order them
    items.sort(key=lambda i: (i["period"] is not None, i["period"] or ""), reverse=True)
    n_events = sum(b["events"] for b in found["buckets"]) + found["unplaced"]["events"]
    found["items_total"] = n_events + n_commitments
    found["items"] = items[:items_limit]
    return with_names(store, found, found["items"])


def timeline_counts(store: Store, bucket: str, *, actor: str | None = None,
                    type: str | None = None, since: str | None = None,
                    until: str | None = None, outlet: str | None = None,
                    cache: AnswerCache | None = None) -> Row:
    """The timeline's counts; kept in ``cache`` (shared: callers copy before adding to it),
    since over a large database they are the costly part of a timeline."""
    def count() -> Row:
        return store.timeline_buckets(bucket, actor=actor, type=type, date_from=since,
                                      date_to=until, outlet=outlet)

    if cache is None:
        return count()
    found: Row = cache.get(("timeline-counts", bucket, actor, type, since, until, outlet), count)
    return found


def prewarm(store: Store, cache: AnswerCache) -> None:
    """Compute what the first page views need (menus, whole-database timelines) ahead."""
    cache.get(("facets",), store.facets)
    cache.get(("counts",), store.counts)
    for bucket in ("month", "year", "week"):
        timeline_counts(store, bucket, cache=cache)


def _event_item(e: Row, bucket: str) -> Row:
    return {"kind": "event", "doc_id": e["doc_id"], "id": e["id"], "type": e["type"],
            "status": e["status"], "date": e["date"], "period": e["period"],
            "bucket": bucket_of(e["period"], bucket), "evidence": e["evidence"],
            "evidence_text": e["evidence_text"], "doc_title": e["doc_title"],
            "outlet": e["outlet"], "actors": {"source": e["source"], "target": e["target"]}}


def _commitment_item(c: Row, bucket: str) -> Row:
    return {"kind": "commitment", "doc_id": c["doc_id"], "id": c["id"], "type": c["type"],
            "status": c["status"], "date": c["date"], "period": c["period"],
            "bucket": bucket_of(c["period"], bucket), "evidence": c["evidence"],
            "evidence_text": c["evidence_text"], "doc_title": c["doc_title"],
            "outlet": c["outlet"],
            "actors": {"guarantor": c["guarantors"], "beneficiary": c["beneficiaries"]}}
