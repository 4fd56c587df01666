"""The JSON the pages are built from, assembled from store queries and the system model.

Pure functions of a store (no HTTP): the routes call them, tests and the benchmark may too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from pactwatch.actors.kb import KnowledgeBase, default_kb
from pactwatch.actors.offices import Term, terms_of
from pactwatch.api.cache import AnswerCache
from pactwatch.api.finding import with_display_titles, with_titles
from pactwatch.api.naming import unlisted_name
from pactwatch.store import Store
from pactwatch.store.explore import bucket_of
from pactwatch.system.lifecycle import (
    PROVENANCE_REPORTED,
    CommitmentThread,
    ConfidenceFilter,
    LifecycleStep,
    commitment_threads,
    steps_from_record,
    type_family,
)

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
    kb_entry, offices, holders = actor_kb(actor_id)
    if actor is None and kb_entry is None:
        return None
    if actor is None:
        # known to the knowledge base (an office holder, a treaty party) but named in no
        # stored article: its page shows what the KB knows, and empty lists
        actor = _unmentioned_actor(kb_entry or {})
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
    with_display_titles(store, actor.get("documents") or [])
    found["graph"] = actor_graph(store, actor, graph_limit)
    lists = ("quotes", "events_as_source", "events_as_target", "commitments_given",
             "commitments_received")
    return with_names(store, found, *(found[key]["items"] for key in lists))


def _unmentioned_actor(entry: Row) -> Row:
    counts = ("mentions", "document_count", "quotes", "events_as_source", "events_as_target",
              "commitments_as_guarantor", "commitments_as_beneficiary")
    return {"id": entry.get("id"), "kind": entry.get("kind"), "name": entry.get("name"),
            "name_vi": entry.get("name_vi"), "iso3": entry.get("iso3"),
            "wikidata": entry.get("wikidata"), "country": entry.get("country"), "in_kb": True,
            **dict.fromkeys(counts, 0), "documents": []}


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


def _step_wanted(step: LifecycleStep, type: str | None, status: str | None,
                 actor: str | None) -> bool:
    """Would the board's filters keep a thread made of this one step?"""
    if type is not None and (type_family(step.type) != type_family(type) or
                             type not in (step.type, type_family(step.type))):
        return False
    if status is not None and step.status != status:
        return False
    return actor is None or actor in step.guarantors or actor in step.beneficiaries


def board(store: Store, *, type: str | None = None, status: str | None = None,
          actor: str | None = None, min_confidence: float | None = None) -> Row:
    """Lifecycle threads laid out as guarantor x beneficiary cells; with ``min_confidence``,
    made of the commitments at least that confident, and saying how many were hidden."""
    threads = commitment_threads(store.commitment_records(min_confidence=min_confidence))
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
        # a cell per pair the thread binds (a mutual pact: each party to the others, never
        # to itself); an unreported side gets a row/column of its own (null)
        for g, b in thread.pairs:
            cell = cells.setdefault((g, b), {"guarantor": g, "beneficiary": b,
                                             "status": thread.status, "threads": [],
                                             "confidence": 0.0,
                                             "provenance": PROVENANCE_REPORTED})
            cell["threads"].append(thread.id)
            cell["confidence"] = max(cell["confidence"], thread.confidence)
            if _last_date(thread) >= latest.get((g, b), ""):
                latest[(g, b)] = _last_date(thread)
                cell["status"] = thread.status
    ids = sorted({i for t in threads for i in (*t.guarantors, *t.beneficiaries)}
                 | chain_ids(s.as_dict() for t in threads for s in t.steps))
    return {
        "guarantors": sorted({g for g, _ in cells}, key=_side_key),
        "beneficiaries": sorted({b for _, b in cells}, key=_side_key),
        "actors": actor_names(store, ids),
        "cells": sorted(cells.values(), key=lambda c: (_side_key(c["guarantor"]),
                                                       _side_key(c["beneficiary"]))),
        "threads": _titled(store, [t.as_dict() for t in threads]),
        "reported_filter": reported_filter(min_confidence, _hidden_steps(
            store, min_confidence, lambda s: _step_wanted(s, type, status, actor))),
    }


def _side_key(actor_id: str | None) -> str:
    # the unnamed side (null) comes last
    return actor_id or "~"


def _titled(store: Store, threads: list[Row]) -> list[Row]:
    """Threads whose steps carry their article's display title (``title``)."""
    steps = [step for thread in threads for step in thread.get("steps") or []]
    titles = store.document_titles(step["doc_id"] for step in steps if step.get("doc_id"))
    for step in steps:
        step["title"] = titles.get(step.get("doc_id"), step.get("title"))
    return threads


def _hidden_steps(store: Store, min_confidence: float | None,
                  wanted: Callable[[LifecycleStep], bool]) -> int:
    """How many commitments below ``min_confidence`` an answer would otherwise show."""
    if not min_confidence:
        return 0
    return sum(1 for record in store.commitment_records(below_confidence=min_confidence)
               for step in steps_from_record(record) if wanted(step))


def reported_filter(min_confidence: float | None, hidden: int | ConfidenceFilter | None,
                    what: str = "reported commitments") -> Row | None:
    """``{"min_confidence", "hidden", "note"}``: how an answer's reported items were cut
    (None when they were not). ``note`` says it in words, or is None when nothing was."""
    if min_confidence is None:
        return None
    n = hidden.hidden if isinstance(hidden, ConfidenceFilter) else int(hidden or 0)
    noun = what if n != 1 else what.removesuffix("s")
    note = (f"{n} {noun} below confidence {min_confidence:g} hidden;"
            " min_confidence=0 shows them") if n else None
    return {"min_confidence": min_confidence, "hidden": n, "note": note}


def as_reported(items: list[Row]) -> list[Row]:
    """Mark list items (events, quotes, commitments) as read from the news."""
    for item in items:
        item["provenance"] = PROVENANCE_REPORTED
    return items


def actor_names(store: Store, ids: Iterable[str]) -> dict[str, Row]:
    """Display names for actor ids: the store's, else the KB's; an id neither lists (an
    unnamed group of speakers, an outlet credited under another spelling) gets a name in
    words and ``page: false``, for it has no actor page (``api/naming.py``)."""
    wanted = sorted(set(ids))
    names = store.actor_labels(wanted)
    kb = default_kb()
    for actor_id in wanted:
        if actor_id not in names:
            entry = kb.get(actor_id)
            names[actor_id] = ({"name": entry.name, "name_vi": entry.name_vi, "kind": entry.kind}
                               if entry else unlisted_name(kb, actor_id))
    return names


# the fields of list items that hold actor ids (a string or a list of them)
ID_FIELDS = ("speaker", "source", "target", "guarantors", "beneficiaries", "reported_via",
             "location")


def chain_ids(rows: Iterable[Row]) -> set[str]:
    """The actor ids in the ``source_chain`` of lifecycle steps or evidence rows (who
    reported a commitment: ``outlet:ap``), so the page names them as the knowledge base
    does ("AP"), not by the words of their id."""
    return {one for row in rows for one in row.get("source_chain") or []
            if isinstance(one, str) and ":" in one}


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
    """``answer`` with ``actors``: the names of every actor id its items hold; and each
    item naming a document with that document's display title (``doc_title``)."""
    lists = tuple(list(items) for items in lists)
    ids: set[str] = set()
    for items in lists:
        ids |= actor_ids_in(items)
    answer["actors"] = actor_names(store, ids)
    with_titles(store, *lists)
    return answer


# -- timeline ---------------------------------------------------------------------------------------
def timeline(store: Store, *, bucket: str, actor: str | None, type: str | None,
             since: str | None, until: str | None, outlet: str | None,
             items_limit: int, items_offset: int = 0, cache: AnswerCache | None = None
             ) -> Row:
    """Counts per period, and one page of the items behind them (events and commitments
    together, newest first: ``items_offset`` skips that many)."""
    found = dict(timeline_counts(store, bucket, actor=actor, type=type, since=since,
                                 until=until, outlet=outlet, cache=cache))
    # the page of the merged list lies within the first offset+limit of each kind
    wanted = items_offset + items_limit
    events, _ = store.find_events(actor=actor, type=type, date_from=since, date_to=until,
                                  outlet=outlet, limit=wanted, with_total=False)
    commitments, n_commitments = store.find_commitments(
        actor=actor, type=type, date_from=since, date_to=until, outlet=outlet,
        limit=wanted)
    items = [_event_item(e, bucket) for e in events]
    items += [_commitment_item(c, bucket) for c in commitments]
    # newest first; undated last, as the lists themselves order them
    items.sort(key=lambda i: (i["period"] is not None, i["period"] or ""), reverse=True)
    n_events = sum(b["events"] for b in found["buckets"]) + found["unplaced"]["events"]
    found["items_total"] = n_events + n_commitments
    found["items_offset"] = items_offset
    found["items_limit"] = items_limit
    found["items"] = items[items_offset:wanted]
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
