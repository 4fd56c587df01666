"""Analysts' reviews of what the pipeline read: users, verdicts, corrections, the queue.

A review confirms, rejects or corrects one quote, event or commitment. It is stored as a
new row beside the pipeline's (never over it), with who and when. Its item is named by
what survives re-analysis of the same text — the document id (a hash of the text), the
kind, the evidence span and the type the pipeline gave it — so a review still applies when
the article is analysed again and its items are renumbered; a re-analysis that reads the
span differently (another type, another span) leaves the review unattached, and the queue
shows it as such.

Answers leave rejected items out: the filters of :mod:`pactwatch.store.extractions` add
:func:`not_rejected`, unless the caller asks for them with :func:`showing_rejected` (a
context variable, as :mod:`pactwatch.store.limits` passes a request's time limit). Rows of
events, quotes and commitments carry ``review`` (None when unreviewed); a correction is
shown in place of the pipeline's values, which stay in ``review.machine``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any

from pactwatch.errors import StoreError
from pactwatch.store.base import Row, Store
from pactwatch.store.filters import Where, check_page
from pactwatch.store.migrations import now_iso

KINDS = ("quote", "event", "commitment")
VERDICTS = ("confirmed", "rejected", "corrected")
# what a correction may change, per kind (parties are lists of actor ids)
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "quote": ("speaker", "direct"),
    "event": ("type", "status", "date", "source", "target"),
    "commitment": ("type", "status", "date", "guarantors", "beneficiaries"),
}
LIST_FIELDS = frozenset({"source", "target", "guarantors", "beneficiaries"})
# (table, alias, start column, end column, type column or None) per kind
ITEM_COLUMNS: dict[str, tuple[str, str, str, str, str | None]] = {
    "quote": ("quotes", "qu", "start_offset", "end_offset", None),
    "event": ("events", "e", "evidence_start", "evidence_end", "type"),
    "commitment": ("commitments", "c", "evidence_start", "evidence_end", "type"),
}
TOKEN_BYTES = 24
_IN_CHUNK = 400

_SHOW_REJECTED: ContextVar[bool] = ContextVar("pactwatch_show_rejected", default=False)


@contextmanager
def showing_rejected(show: bool = True) -> Iterator[None]:
    """Within this block, answers keep the items analysts rejected (marked as such)."""
    token = _SHOW_REJECTED.set(show)
    try:
        yield
    finally:
        _SHOW_REJECTED.reset(token)


def rejected_shown() -> bool:
    return _SHOW_REJECTED.get()


def not_rejected(kind: str, alias: str) -> str | None:
    """A condition on ``alias`` (a quotes/events/commitments row) that leaves out what an
    analyst rejected; None while rejected items are asked for."""
    if rejected_shown():
        return None
    _, _, start, end, type_column = ITEM_COLUMNS[kind]
    item_type = f"{alias}.{type_column}" if type_column else "''"
    return (f"NOT EXISTS (SELECT 1 FROM review_state rs WHERE rs.doc_id = {alias}.doc_id"
            f" AND rs.kind = '{kind}' AND rs.span_start = {alias}.{start}"
            f" AND rs.span_end = {alias}.{end} AND rs.item_type = {item_type}"
            " AND rs.verdict = 'rejected')")


def hash_token(token: str) -> str:
    """SHA-256 of a token: tokens are 24 random bytes, so a slow hash would add nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def item_key(kind: str, item: Row) -> tuple[str, int, int, str]:
    """(kind, start, end, type) of a record's or a row's item: its identity in reviews."""
    if kind == "quote":
        return (kind, int(item["start"]), int(item["end"]), "")
    evidence = item.get("evidence") or {}
    review = item.get("review") or {}
    machine_type = (review.get("machine") or {}).get("type") or item.get("type") or ""
    return (kind, int(evidence.get("start", 0)), int(evidence.get("end", 0)), machine_type)


def machine_view(kind: str, item: Row) -> Row:
    """What the pipeline said of an item, in the fields a correction may change."""
    return {f: item.get(f) for f in CORRECTABLE[kind]}


def check_correction(kind: str, correction: Row | None) -> Row:
    if not correction:
        return {}
    unknown = sorted(set(correction) - set(CORRECTABLE[kind]))
    if unknown:
        raise StoreError("E203", f"a {kind} correction may change {', '.join(CORRECTABLE[kind])};"
                                 f" not {', '.join(unknown)}")
    for field in set(correction) & LIST_FIELDS:
        value = correction[field]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise StoreError("E203", f"correction {field} must be a list of actor ids")
    return dict(correction)


def applied(kind: str, item: Row, review: Row | None) -> Row:
    """``item`` with ``review`` set, and a correction's values in place of the pipeline's
    (which stay in ``review["machine"]``)."""
    if review is None:
        item["review"] = None
        return item
    shown = dict(review)
    shown["machine"] = machine_view(kind, item)
    if review["verdict"] == "corrected":
        for field, value in (review.get("correction") or {}).items():
            item[field] = value
    item["review"] = shown
    return item


class ReviewQueries(Store):
    """The review tables' SQL, shared by every back end (portable SQL only)."""

    # -- provided by SqlStore ------------------------------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    def _scalar(self, statement: str, params: Sequence[Any] = ()) -> Any: ...

    # -- users --------------------------------------------------------------------------------
    def add_user(self, name: str) -> str:
        """Create user ``name`` and return their new token (shown once; only its hash is
        kept). An existing name gets a new token, and the old one stops working."""
        name = name.strip()
        if not name or len(name) > 80 or any(c in name for c in "\n\r\t"):
            raise StoreError("E203", f"a user name is 1-80 characters on one line, not {name!r}")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self.transaction():
            self.execute("DELETE FROM users WHERE name = ?", (name,))
            self.execute("INSERT INTO users (name, token_hash, created_at) VALUES (?, ?, ?)",
                         (name, hash_token(token), now_iso()))
        return token

    def remove_user(self, name: str) -> bool:
        with self.transaction():
            found = self._scalar("SELECT 1 FROM users WHERE name = ?", (name,))
            self.execute("DELETE FROM users WHERE name = ?", (name,))
        return found is not None

    def list_users(self) -> list[Row]:
        """Users with how many reviews each has made (never their token's hash)."""
        return self._rows(
            "SELECT u.name, u.created_at, (SELECT COUNT(*) FROM reviews r"
            " WHERE r.reviewer = u.name) AS reviews FROM users u ORDER BY u.name")

    def user_for_token(self, token: str) -> str | None:
        """The name of the user whose token this is, or None."""
        found = self._scalar("SELECT name FROM users WHERE token_hash = ?", (hash_token(token),))
        return None if found is None else str(found)

    # -- reviewing ------------------------------------------------------------------------------
    def add_review(self, doc_id: str, kind: str, item_id: str | None, verdict: str,
                   reviewer: str, *, correction: Row | None = None, note: str | None = None,
                   span: tuple[int, int] | None = None, item_type: str | None = None) -> Row:
        """Record ``reviewer``'s verdict on item ``item_id`` (as the stored analysis numbers
        it) of ``doc_id`` — or, without an id, on the item whose evidence is ``span`` (and
        whose type is ``item_type``); return the review as answers show it."""
        if kind not in KINDS:
            raise StoreError("E203", f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if verdict not in VERDICTS:
            raise StoreError("E203", f"verdict must be one of {', '.join(VERDICTS)},"
                                     f" not {verdict!r}")
        fix = check_correction(kind, correction)
        if verdict == "corrected" and not fix:
            raise StoreError("E203", "a correction must change something: give correction")
        record = self.get_record(doc_id)
        if record is None:
            raise StoreError("E210", f"no stored document {doc_id!r}")
        item = _find_item(record.get(f"{kind}s") or [], kind, item_id, span, item_type)
        if item is None:
            named = item_id if item_id else f"at {span}"
            raise StoreError("E210", f"document {doc_id} has no {kind} {named!r}")
        item_id = str(item.get("id"))
        key = item_key(kind, item)
        stamp = now_iso()
        with self.transaction():
            self.execute(
                "INSERT INTO reviews (doc_id, kind, span_start, span_end, item_type, item_id,"
                " verdict, correction, machine, confidence, note, reviewer, reviewed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, *key, item_id, verdict, json.dumps(fix, ensure_ascii=False) if fix
                 else None, json.dumps(machine_view(kind, item), ensure_ascii=False),
                 float(item.get("confidence") or 0.0), note, reviewer, stamp))
            review_id = int(self._scalar(
                "SELECT MAX(id) FROM reviews WHERE doc_id = ? AND kind = ? AND span_start = ?"
                " AND span_end = ? AND item_type = ?", (doc_id, *key)))
            self.execute(
                "INSERT INTO review_state (doc_id, kind, span_start, span_end, item_type,"
                " review_id, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (doc_id, kind, span_start, span_end, item_type)"
                " DO UPDATE SET review_id = excluded.review_id, verdict = excluded.verdict",
                (doc_id, *key, review_id, verdict))
        return {"id": review_id, "doc_id": doc_id, "kind": kind, "item_id": item_id,
                "verdict": verdict, "correction": fix or None, "note": note,
                "reviewer": reviewer, "reviewed_at": stamp,
                "machine": machine_view(kind, item)}

    def review_history(self, doc_id: str, kind: str | None = None) -> list[Row]:
        """Every review of ``doc_id`` (of one ``kind``), oldest first: nothing is forgotten."""
        where = Where()
        where.add("doc_id = ?", doc_id)
        if kind is not None:
            where.add("kind = ?", kind)
        return [_review_row(r) for r in self._rows(
            "SELECT id, doc_id, kind, span_start, span_end, item_type, item_id, verdict,"
            f" correction, machine, confidence, note, reviewer, reviewed_at FROM reviews{where.sql}"
            " ORDER BY id", where.params)]

    def current_reviews(self, doc_ids: Iterable[str]) -> dict[tuple[str, str, int, int, str], Row]:
        """The latest review of each reviewed item of ``doc_ids``, by (doc, kind, start, end,
        type)."""
        ids = sorted(set(doc_ids))
        found: dict[tuple[str, str, int, int, str], Row] = {}
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i:i + _IN_CHUNK]
            for r in self._rows(
                "SELECT r.id, r.doc_id, r.kind, r.span_start, r.span_end, r.item_type,"
                " r.item_id, r.verdict, r.correction, r.note, r.reviewer, r.reviewed_at"
                " FROM review_state s JOIN reviews r ON r.id = s.review_id"
                f" WHERE s.doc_id IN ({', '.join('?' for _ in chunk)})", chunk):
                review = _review_row(r)
                found[(r["doc_id"], r["kind"], int(r["span_start"]), int(r["span_end"]),
                       r["item_type"])] = review
        return found

    def reviewed_document_ids(self) -> list[str]:
        return [r["doc_id"] for r in self._rows(
            "SELECT DISTINCT doc_id FROM review_state ORDER BY doc_id")]

    def review_counts(self) -> Row:
        """How many items stand confirmed, rejected, corrected; reviews made; reviewers."""
        counts: Row = {v: 0 for v in VERDICTS}
        for r in self._rows("SELECT verdict, COUNT(*) AS n FROM review_state GROUP BY verdict"):
            counts[r["verdict"]] = int(r["n"])
        counts["reviews"] = int(self._scalar("SELECT COUNT(*) FROM reviews"))
        counts["reviewers"] = int(self._scalar("SELECT COUNT(DISTINCT reviewer) FROM reviews"))
        return counts

    def with_reviews(self, kind: str, rows: list[Row]) -> list[Row]:
        """List rows (``find_events`` & co.) with their ``review`` and any correction applied."""
        if not rows:
            return rows
        reviews = self.current_reviews(r["doc_id"] for r in rows)
        for row in rows:
            k, start, end, item_type = item_key(kind, row)
            applied(kind, row, reviews.get((row["doc_id"], k, start, end, item_type)))
        return rows

    def reviewed_record(self, record: Row, reviews: dict[tuple[str, str, int, int, str], Row]
                        | None = None, *, kinds: Sequence[str] = KINDS) -> Row:
        """An analysis record with each item's ``review``, corrections applied, and rejected
        items left out (unless :func:`showing_rejected`)."""
        doc_id = (record.get("document") or {}).get("id") or ""
        if reviews is None:
            reviews = self.current_reviews([doc_id])
        keep_rejected = rejected_shown()
        for kind in kinds:
            items = []
            for item in record.get(f"{kind}s") or []:
                k, start, end, item_type = item_key(kind, item)
                applied(kind, item, reviews.get((doc_id, k, start, end, item_type)))
                if keep_rejected or (item["review"] or {}).get("verdict") != "rejected":
                    items.append(item)
            record[f"{kind}s"] = items
        return record

    # -- the queue ---------------------------------------------------------------------------------
    def review_queue(self, *, kind: str | None = None, actor: str | None = None,
                     date_from: str | None = None, date_to: str | None = None,
                     state: str = "unreviewed", limit: int = 50, offset: int = 0
                     ) -> tuple[list[Row], int]:
        """Quotes, events and commitments, least confident first; ``state`` is
        ``unreviewed``, ``reviewed`` or ``all``. Returns a page and the total."""
        limit, offset = check_page(limit, offset)
        if kind is not None and kind not in KINDS:
            raise StoreError("E203", f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if state not in ("unreviewed", "reviewed", "all"):
            raise StoreError("E203", f"state must be unreviewed, reviewed or all, not {state!r}")
        parts: list[str] = []
        params: list[Any] = []
        for one in (kind,) if kind else KINDS:
            sql, more = _queue_part(one, actor, date_from, date_to, state)
            parts.append(sql)
            params += more
        union = " UNION ALL ".join(parts)
        total = int(self._scalar(f"SELECT COUNT(*) FROM ({union}) q", params))
        rows = self._rows(
            f"SELECT q.* FROM ({union}) q ORDER BY q.confidence, (q.period IS NULL), q.period DESC, q.doc_id,"
            " q.kind, q.span_start LIMIT ? OFFSET ?", (*params, limit, offset))
        return self._queue_items(rows), total

    def _queue_items(self, rows: list[Row]) -> list[Row]:
        """Queue rows as each kind's own list rows show them (parties, speaker, review)."""
        records: dict[str, Row] = {}
        items = []
        for r in rows:
            record = records.get(r["doc_id"])
            if record is None:
                record = records[r["doc_id"]] = self.get_record(r["doc_id"]) or {}
            item = next((dict(i) for i in record.get(f"{r['kind']}s") or []
                         if i.get("id") == r["item_id"]), {"id": r["item_id"]})
            item.pop("evidence_all", None)
            text = (record.get("document") or {}).get("text") or ""
            item.update({"kind": r["kind"], "doc_id": r["doc_id"], "doc_title": r["doc_title"],
                         "outlet": r["outlet"], "period": r["period"],
                         "confidence": float(r["confidence"] or 0.0),
                         "evidence_text": text[int(r["span_start"]):int(r["span_end"])]})
            items.append(item)
        by_kind: dict[str, list[Row]] = {}
        for item in items:
            by_kind.setdefault(item["kind"], []).append(item)
        for kind, group in by_kind.items():
            self.with_reviews(kind, group)
        return items


def _find_item(items: list[Row], kind: str, item_id: str | None, span: tuple[int, int] | None,
               item_type: str | None) -> Row | None:
    for item in items:
        if item_id:
            if item.get("id") == item_id:
                return item
            continue
        if span is None:
            return None
        _, start, end, found_type = item_key(kind, item)
        if (start, end) == tuple(span) and item_type in (None, found_type):
            return item
    return None


def _queue_part(kind: str, actor: str | None, date_from: str | None, date_to: str | None,
                state: str) -> tuple[str, list[Any]]:
    table, alias, start, end, type_column = ITEM_COLUMNS[kind]
    id_column = {"quote": "quote_id", "event": "event_id", "commitment": "commitment_id"}[kind]
    item_type = f"{alias}.{type_column}" if type_column else "''"
    where = Where()
    where.date_range(f"{alias}.period", date_from, date_to)
    if actor is not None:
        if kind == "quote":
            where.add(f"{alias}.speaker_id = ?", actor)
        else:
            parties = "event_participants" if kind == "event" else "commitment_parties"
            where.add(f"EXISTS (SELECT 1 FROM {parties} p WHERE p.doc_id = {alias}.doc_id"
                      f" AND p.{id_column} = {alias}.{id_column} AND p.actor_id = ?)", actor)
    reviewed = (f"EXISTS (SELECT 1 FROM review_state rs WHERE rs.doc_id = {alias}.doc_id"
                f" AND rs.kind = '{kind}' AND rs.span_start = {alias}.{start}"
                f" AND rs.span_end = {alias}.{end} AND rs.item_type = {item_type})")
    if state == "unreviewed":
        where.add(f"NOT {reviewed}")
    elif state == "reviewed":
        where.add(reviewed)
    sql = (f"SELECT '{kind}' AS kind, {alias}.doc_id AS doc_id, {alias}.{id_column} AS item_id,"
           f" {alias}.confidence AS confidence, {alias}.period AS period,"
           f" {alias}.{start} AS span_start, {alias}.{end} AS span_end,"
           f" d.title AS doc_title, d.outlet AS outlet"
           f" FROM {table} {alias} JOIN documents d ON d.id = {alias}.doc_id{where.sql}")
    return sql, where.params


def _review_row(r: Row) -> Row:
    row = dict(r)
    for field in ("correction", "machine"):
        if field in row:
            row[field] = json.loads(row[field]) if row[field] else None
    for field in ("span_start", "span_end", "item_type"):
        row.pop(field, None)
    return row
