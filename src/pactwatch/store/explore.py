"""Queries the web API explores the database with: filter menus, pages with totals,
timelines in any bucket, the actor graph, and a bulk loader for benchmarks.

Shared by every SQL back end (portable SQL only: ``?`` placeholders, no functions
beyond ``substr``/``length``/``COUNT``/``COALESCE``). Dates are ISO prefixes as in
:mod:`pactwatch.store.base`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from pactwatch.document import Document, Quote
from pactwatch.errors import StoreError
from pactwatch.store.base import Row
from pactwatch.store.filters import Where, check_confidence, check_page
from pactwatch.store.queries import DOCUMENT_COLUMNS, NEWEST_FIRST, QueryMixin, _document_row
from pactwatch.store.rows import CHILD_INSERTS, INSERT_DOCUMENT, DocumentRows
from pactwatch.store.sorting import Sort, order_by

EVENT_COLUMNS = """e.doc_id, e.event_id AS id, e.type, e.mode, e.date, e.period, e.location,
    e.status, e.evidence_start, e.evidence_end, e.evidence_text, e.quote_id AS quote,
    e.confidence, e.trigger_word AS trigger, d.title AS doc_title, d.outlet,
    d.period AS doc_date"""
COMMITMENT_COLUMNS = """c.doc_id, c.commitment_id AS id, c.type, c.status, c.date, c.period,
    c.conditions, c.reported_via, c.evidence_start, c.evidence_end, c.evidence_text,
    c.status_cue, c.confidence, d.title AS doc_title, d.outlet, d.period AS doc_date"""
BUCKETS = ("day", "week", "month", "year")
# how much of a period a bucket reads: weeks are made from days
BUCKET_WIDTH = {"day": 10, "week": 10, "month": 7, "year": 4}
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
RECORD_PAGE = 200
# ids per IN (...) list: well under every database's parameter limit
LABEL_BATCH = 500


def bucket_of(period: str | None, bucket: str) -> str | None:
    """The ``bucket`` period holding an item dated ``period``; None when it is too vague.

    A week-dated item ("2026-W01") goes to the month and year holding its Thursday
    (the ISO rule that decides which year a week belongs to).
    """
    if not period or not period[:4].isdigit():
        return None  # undated, or a decade ("199X"): no bucket holds it
    week = _WEEK.match(period)
    if week:
        if bucket == "day":
            return None
        try:
            thursday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 4)
        except ValueError:
            return None
        if bucket == "week":
            return period
        return thursday.isoformat()[: 7 if bucket == "month" else 4]
    if bucket == "year":
        return period[:4] if len(period) >= 4 else None
    if bucket == "month":
        return period[:7] if len(period) >= 7 else None
    if len(period) < 10:
        return None
    if bucket == "day":
        return period[:10]
    try:
        year, number, _ = dt.date.fromisoformat(period[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{number:02d}"


class ExploreQueries(QueryMixin):
    # -- provided by SqlStore and the back end --------------------------------------
    driver_error: type[Exception]

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _index_document(self, doc: Document) -> None: ...

    def data_version(self) -> str:
        """Changes whenever stored data does (documents are only ever added): a cache key."""
        documents = self._scalar("SELECT COUNT(*) FROM documents")
        runs = self._scalar("SELECT MAX(id) FROM runs")
        files = self._scalar("SELECT COUNT(*) FROM run_files")
        # reviews are only ever added too: a verdict changes the answers it touches
        reviews = self._scalar("SELECT MAX(id) FROM reviews")
        return f"{documents}:{runs}:{files}:{reviews}"

    def actor_labels(self, actor_ids: Iterable[str]) -> dict[str, Row]:
        """``{id: {"name", "name_vi", "kind"}}`` for the stored actors among ``actor_ids``."""
        ids = sorted(set(actor_ids))
        labels: dict[str, Row] = {}
        for start in range(0, len(ids), LABEL_BATCH):
            chunk = ids[start:start + LABEL_BATCH]
            for r in self._rows(
                "SELECT id, name, name_vi, kind FROM actors"
                f" WHERE id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            ):
                labels[r.pop("id")] = r
        return labels

    # -- filter menus -----------------------------------------------------------------
    def facets(self) -> Row:
        """Every value the filters can take, with how many items have it, most first."""

        def counted(column: str, table: str, name: str) -> list[Row]:
            return [
                {column: r["value"], name: int(r["n"])}
                for r in self._rows(
                    f"SELECT {column} AS value, COUNT(*) AS n FROM {table}"
                    f" WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY n DESC, {column}"
                )
            ]

        first = self._scalar("SELECT MIN(period) FROM documents")
        last = self._scalar("SELECT MAX(period) FROM documents")
        return {
            "outlets": counted("outlet", "documents", "documents"),
            "languages": counted("language", "documents", "documents"),
            "actor_kinds": counted("kind", "actors", "actors"),
            "event_types": counted("type", "events", "events"),
            "event_modes": counted("mode", "events", "events"),
            "commitment_types": counted("type", "commitments", "commitments"),
            "commitment_statuses": counted("status", "commitments", "commitments"),
            "date_range": {"first": first, "last": last},
        }

    # -- newest-first pages --------------------------------------------------------------
    def _count(self, table: str, alias: str, where: Where, needs_documents: bool) -> int:
        # the documents join only when a filter reads it: the count stays on one table
        join = f" JOIN documents d ON d.id = {alias}.doc_id" if needs_documents else ""
        return int(self._scalar(f"SELECT COUNT(*) FROM {table}{join}{where.sql}", where.params))

    def _newest(self, columns: str, table: str, alias: str, where: Where,
                keys: tuple[str, str], needs_documents: bool, limit: int, offset: int
                ) -> list[Row]:
        """A page of rows newest first by ``alias.period``, the undated after the dated.

        The page's keys are chosen first, from indexes alone (two plain queries rather
        than ``ORDER BY (period IS NULL)``, which would sort every match); only then are
        those rows read whole, with their document's title.
        """
        join = f" JOIN documents d ON d.id = {alias}.doc_id" if needs_documents else ""
        key_columns = ", ".join(f"{alias}.{k}" for k in keys)
        order = ", ".join(f"{alias}.{k} DESC" for k in keys)
        dated = _with(where, f"{alias}.period IS NOT NULL")
        found = self._rows(
            f"SELECT {key_columns} FROM {table}{join}{dated.sql}"
            f" ORDER BY {alias}.period DESC, {order} LIMIT ? OFFSET ?",
            (*dated.params, limit, offset),
        )
        if len(found) < limit:
            if found:
                n_dated = offset + len(found)
            else:
                n_dated = int(self._scalar(f"SELECT COUNT(*) FROM {table}{join}{dated.sql}",
                                           dated.params))
            undated = _with(where, f"{alias}.period IS NULL")
            found += self._rows(
                f"SELECT {key_columns} FROM {table}{join}{undated.sql} ORDER BY {order}"
                " LIMIT ? OFFSET ?",
                (*undated.params, limit - len(found), max(0, offset - n_dated)),
            )
        if not found:
            return []
        pairs = [(r[keys[0]], r[keys[1]]) for r in found]
        position = {pair: i for i, pair in enumerate(pairs)}
        doc_ids = sorted({doc_id for doc_id, _ in pairs})
        # by document (an index every back end uses), then keep the page's own rows
        rows = [r for r in self._rows(
            f"SELECT {columns} FROM {table} JOIN documents d ON d.id = {alias}.doc_id"
            f" WHERE {alias}.doc_id IN ({', '.join('?' for _ in doc_ids)})",
            doc_ids,
        ) if (r["doc_id"], r["id"]) in position]
        rows.sort(key=lambda r: position[(r["doc_id"], r["id"])])
        return rows

    def _sorted(self, columns: str, table: str, alias: str, where: Where, key: str, sort: Sort,
                limit: int, offset: int) -> list[Row]:
        """A page of rows in ``sort``'s order over the whole result (not one page)."""
        return self._rows(
            f"SELECT {columns} FROM {table} {alias} JOIN documents d ON d.id = {alias}.doc_id"
            f"{where.sql} ORDER BY"
            f" {order_by(table, sort, key, self.dialect.code_point_collation)}"
            " LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )

    # -- documents ----------------------------------------------------------------------
    def find_documents(
        self,
        *,
        outlet: str | None = None,
        language: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        q: str | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: Sort | None = None,
    ) -> tuple[list[Row], int]:
        limit, offset = check_page(limit, offset)
        where = self._document_filter(outlet, date_from, date_to, q)
        if where is None:
            return [], 0
        if language is not None:
            where.add("d.language = ?", language)
        total = int(self._scalar(f"SELECT COUNT(*) FROM documents d{where.sql}", where.params))
        order = NEWEST_FIRST if sort is None else order_by(
            "documents", sort, "d.id", self.dialect.code_point_collation)
        rows = self._rows(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents d{where.sql}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
        return [_document_row(r) for r in rows], total

    # -- events ------------------------------------------------------------------------------
    def _events_where(
        self, actor: str | None, role: str | None, type: str | None, mode: str | None,
        status: str | None, date_from: str | None, date_to: str | None, outlet: str | None,
        doc_id: str | None, min_confidence: float | None = None,
    ) -> Where:
        if role is not None and role not in ("source", "target"):
            raise StoreError("E203", f"role must be source or target, not {role!r}")
        where = self._event_filter(None, type, status, date_from, date_to, outlet, doc_id)
        where.confidence("e.confidence", min_confidence)
        if actor is not None:
            # row-value IN: the participants index drives the lookup, not a scan of events
            sub = "SELECT p.doc_id, p.event_id FROM event_participants p WHERE p.actor_id = ?"
            if role is None:
                where.add(f"(e.doc_id, e.event_id) IN ({sub})", actor)
            else:
                where.add(f"(e.doc_id, e.event_id) IN ({sub} AND p.role = ?)", actor, role)
        if mode is not None:
            where.add("e.mode = ?", mode)
        _index_range(where, "e.period", date_from)
        return where

    def find_events(
        self,
        *,
        actor: str | None = None,
        role: str | None = None,
        type: str | None = None,
        mode: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
        with_total: bool = True,
        sort: Sort | None = None,
    ) -> tuple[list[Row], int]:
        """Events newest first (or by ``sort``) and how many match; ``role`` narrows
        ``actor`` to one side."""
        limit, offset = check_page(limit, offset)
        where = self._events_where(actor, role, type, mode, status, date_from, date_to, outlet,
                                   doc_id, min_confidence)
        total = -1
        if with_total:
            total = self._count("events e", "e", where, outlet is not None)
        if sort is None:
            rows = self._newest(EVENT_COLUMNS, "events e", "e", where, ("doc_id", "event_id"),
                                outlet is not None, limit, offset)
        else:
            rows = self._sorted(EVENT_COLUMNS, "events", "e", where, "e.doc_id, e.event_id",
                                sort, limit, offset)
        sides = self._parties("event_participants", "event_id", rows)
        for r in rows:
            r["evidence"] = {"start": r.pop("evidence_start"), "end": r.pop("evidence_end")}
            found = sides.get((r["doc_id"], r["id"]), {})
            r["source"] = found.get("source", [])
            r["target"] = found.get("target", [])
        return self.with_reviews("event", rows), total

    def list_events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Row]:
        return self.find_events(actor=actor, type=type, status=status, date_from=date_from,
                                date_to=date_to, outlet=outlet, doc_id=doc_id,
                                min_confidence=min_confidence, limit=limit, offset=offset,
                                with_total=False)[0]

    def count_events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        where = self._events_where(actor, None, type, None, status, date_from, date_to, outlet,
                                   doc_id, min_confidence)
        return self._count("events e", "e", where, outlet is not None)

    # -- commitments ----------------------------------------------------------------------------
    def _commitments_where(
        self, guarantor: str | None, beneficiary: str | None, actor: str | None,
        type: str | None, status: str | None, date_from: str | None, date_to: str | None,
        outlet: str | None, doc_id: str | None, min_confidence: float | None = None,
    ) -> Where:
        where = self._commitment_filter(None, None, type, status, date_from, date_to, outlet,
                                        doc_id)
        where.confidence("c.confidence", min_confidence)
        # row-value IN: the parties index drives the lookup, not a scan of commitments
        sub = "SELECT p.doc_id, p.commitment_id FROM commitment_parties p WHERE p.actor_id = ?"
        if actor is not None:
            where.add(f"(c.doc_id, c.commitment_id) IN ({sub})", actor)
        for role, who in (("guarantor", guarantor), ("beneficiary", beneficiary)):
            if who is not None:
                where.add(f"(c.doc_id, c.commitment_id) IN ({sub} AND p.role = ?)", who, role)
        _index_range(where, "c.period", date_from)
        return where

    def find_commitments(
        self,
        *,
        guarantor: str | None = None,
        beneficiary: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: Sort | None = None,
    ) -> tuple[list[Row], int]:
        """Commitments newest first (or by ``sort``) and how many match; both sides may be
        asked at once."""
        limit, offset = check_page(limit, offset)
        where = self._commitments_where(guarantor, beneficiary, actor, type, status, date_from,
                                        date_to, outlet, doc_id, min_confidence)
        total = self._count("commitments c", "c", where, outlet is not None)
        if sort is None:
            rows = self._newest(COMMITMENT_COLUMNS, "commitments c", "c", where,
                                ("doc_id", "commitment_id"), outlet is not None, limit, offset)
        else:
            rows = self._sorted(COMMITMENT_COLUMNS, "commitments", "c", where,
                                "c.doc_id, c.commitment_id", sort, limit, offset)
        parties = self._parties("commitment_parties", "commitment_id", rows)
        for r in rows:
            r["evidence"] = {"start": r.pop("evidence_start"), "end": r.pop("evidence_end")}
            r["conditions"] = json.loads(r["conditions"])
            r["reported_via"] = json.loads(r["reported_via"])
            found = parties.get((r["doc_id"], r["id"]), {})
            r["guarantors"] = found.get("guarantor", [])
            r["beneficiaries"] = found.get("beneficiary", [])
        return self.with_reviews("commitment", rows), total

    def list_commitments(
        self,
        *,
        actor: str | None = None,
        role: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Row]:
        sides = _sides(actor, role)
        return self.find_commitments(guarantor=sides["guarantor"],
                                     beneficiary=sides["beneficiary"], actor=sides["actor"],
                                     type=type, status=status, date_from=date_from,
                                     date_to=date_to, outlet=outlet, doc_id=doc_id,
                                     min_confidence=min_confidence, limit=limit,
                                     offset=offset)[0]

    def count_commitments(
        self,
        *,
        actor: str | None = None,
        role: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        sides = _sides(actor, role)
        where = self._commitments_where(sides["guarantor"], sides["beneficiary"],
                                        sides["actor"], type, status, date_from, date_to,
                                        outlet, doc_id, min_confidence)
        return self._count("commitments c", "c", where, outlet is not None)

    def commitment_records(self, *, min_confidence: float | None = None,
                           below_confidence: float | None = None) -> Iterator[Row]:
        """The analysis records of documents that report a commitment (for lifecycle threads).

        With ``min_confidence``, only documents with a commitment that confident are read,
        and each record's ``commitments`` keeps only those; with ``below_confidence``, only
        those less confident than it (what a threshold hides). The commitments table
        decides which pass; the record's list is cut to match.
        """
        where = Where()
        where.confidence("c.confidence", min_confidence)
        if below_confidence is not None:
            where.add("c.confidence < ?", check_confidence(below_confidence, "below_confidence"))
        last = ""
        while True:
            if not where.clauses:
                page = self._rows(
                    "SELECT id, record FROM documents WHERE n_commitments > 0 AND id > ?"
                    " ORDER BY id LIMIT ?",
                    (last, RECORD_PAGE),
                )
            else:
                page = self._rows(
                    "SELECT d.id, d.record FROM documents d WHERE d.n_commitments > 0"
                    " AND d.id > ? AND EXISTS (SELECT 1 FROM commitments c"
                    f" WHERE c.doc_id = d.id AND {' AND '.join(where.clauses)})"
                    " ORDER BY d.id LIMIT ?",
                    (last, *where.params, RECORD_PAGE),
                )
            if not page:
                return
            kept = self._kept_commitments([row["id"] for row in page], where)
            reviews = self.current_reviews(row["id"] for row in page)
            for row in page:
                record = json.loads(row["record"])
                if kept is not None:
                    record["commitments"] = [c for c in record.get("commitments") or []
                                             if (row["id"], c.get("id")) in kept]
                # analysts' corrections in place, their rejections left out
                yield self.reviewed_record(record, reviews, kinds=("commitment",))
            last = page[-1]["id"]

    def _kept_commitments(self, doc_ids: list[str], where: Where
                          ) -> set[tuple[str, str]] | None:
        """(doc_id, commitment_id) of the commitments of ``doc_ids`` that pass ``where``."""
        if not where.clauses:
            return None
        found = self._rows(
            "SELECT c.doc_id, c.commitment_id FROM commitments c"
            f" WHERE c.doc_id IN ({', '.join('?' for _ in doc_ids)})"
            f" AND {' AND '.join(where.clauses)}",
            (*doc_ids, *where.params),
        )
        return {(r["doc_id"], r["commitment_id"]) for r in found}

    # -- timeline --------------------------------------------------------------------------------
    def timeline_buckets(
        self,
        bucket: str = "month",
        *,
        actor: str | None = None,
        type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
    ) -> Row:
        """Counts of events and commitments per day/week/month/year, by type.

        Items dated less precisely than the bucket are counted in ``unplaced``.
        """
        if bucket not in BUCKETS:
            raise StoreError("E203", f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
        buckets: dict[str, Row] = {}
        unplaced = {"events": 0, "commitments": 0}
        sources = (
            ("events", "e", self._events_where(actor, None, type, None, None, date_from, date_to,
                                               outlet, None)),
            ("commitments", "c", self._commitments_where(None, None, actor, type, None,
                                                         date_from, date_to, outlet, None)),
        )
        width = BUCKET_WIDTH[bucket]
        for table, alias, where in sources:
            # the documents join only when a filter needs it: counting stays on one index
            join = f" JOIN documents d ON d.id = {alias}.doc_id" if outlet is not None else ""
            source = f"FROM {table} {alias}{join}"
            # Truncated in SQL, so a month timeline brings back a row per month and type,
            # not per day and type. Week-dated items ("2026-W01") truncate to a
            # meaningless "2026-W0": those few are re-read whole by a range on the index.
            weekly: list[str] = []
            found = self._rows(
                f"SELECT substr({alias}.period, 1, ?) AS period, {alias}.type AS type,"
                f" COUNT(*) AS n {source}{where.sql} GROUP BY 1, 2",
                (width, *where.params),
            )
            for r in found:
                if r["period"] is not None and "W" in r["period"]:
                    weekly.append(r["period"])
                    continue
                self._tally(buckets, unplaced, table, bucket_of(r["period"], bucket), r)
            for prefix in sorted(set(weekly)):
                exact = _with(_with(where, f"{alias}.period >= ?"), f"{alias}.period < ?")
                for r in self._rows(
                    f"SELECT {alias}.period AS period, {alias}.type AS type, COUNT(*) AS n"
                    f" {source}{exact.sql} GROUP BY {alias}.period, {alias}.type",
                    (*where.params, prefix, prefix + "~"),
                ):
                    self._tally(buckets, unplaced, table, bucket_of(r["period"], bucket), r)
        return {"bucket": bucket, "buckets": [buckets[k] for k in sorted(buckets)],
                "unplaced": unplaced}

    @staticmethod
    def _tally(buckets: dict[str, Row], unplaced: dict[str, int], table: str, key: str | None,
               row: Row) -> None:
        if key is None:
            unplaced[table] += int(row["n"])
            return
        slot = buckets.setdefault(key, {
            "period": key, "events": 0, "commitments": 0,
            "event_types": {}, "commitment_types": {},
        })
        slot[table] += int(row["n"])
        types = slot[f"{table[:-1]}_types"]
        types[row["type"]] = types.get(row["type"], 0) + int(row["n"])

    # -- the actor graph ---------------------------------------------------------------------
    def ego_graph(self, actor_id: str, *, limit: int = 15, recent_documents: int = 2000
                  ) -> Row:
        """The actors sharing most documents with ``actor_id`` and the edges among them all,
        counted over the actor's ``recent_documents`` newest documents (a bounded cost
        however often the actor is named)."""
        check_page(limit, 0)
        recent = ("SELECT da.doc_id FROM document_actors da JOIN documents d ON d.id = da.doc_id"
                  " WHERE da.actor_id = ?"
                  # NEWEST_FIRST, not "d.period DESC": PostgreSQL sorts NULLs first in DESC
                  f" ORDER BY {NEWEST_FIRST} LIMIT ?")
        near = self._rows(
            "SELECT a.id, a.kind, a.name, a.name_vi, COUNT(*) AS documents"
            " FROM document_actors other JOIN actors a ON a.id = other.actor_id"
            f" WHERE other.doc_id IN ({recent}) AND other.actor_id <> ?"
            " GROUP BY a.id, a.kind, a.name, a.name_vi ORDER BY documents DESC, a.id LIMIT ?",
            (actor_id, recent_documents, actor_id, limit),
        )
        ids = [actor_id, *(r["id"] for r in near)]
        marks = ", ".join("?" for _ in ids)
        edges = [
            {"source": r["source"], "target": r["target"], "documents": int(r["n"])}
            for r in self._rows(
                "SELECT a.actor_id AS source, b.actor_id AS target, COUNT(*) AS n"
                " FROM document_actors a JOIN document_actors b"
                " ON b.doc_id = a.doc_id AND a.actor_id < b.actor_id"
                f" WHERE a.doc_id IN ({recent}) AND a.actor_id IN ({marks})"
                f" AND b.actor_id IN ({marks})"
                " GROUP BY a.actor_id, b.actor_id ORDER BY n DESC, source, target",
                (actor_id, recent_documents, *ids, *ids),
            )
        ] if len(ids) > 1 else []
        for r in near:
            r["documents"] = int(r["documents"])
        return {"nodes": near, "edges": edges}

    def actor_graph(self, *, min_weight: int = 1) -> Row:
        """Every actor that appears in a document, and every pair sharing ``min_weight``+ documents."""
        nodes = self._rows(
            "SELECT a.id, a.kind, a.name, a.name_vi, COUNT(da.doc_id) AS documents"
            " FROM actors a JOIN document_actors da ON da.actor_id = a.id"
            " GROUP BY a.id, a.kind, a.name, a.name_vi ORDER BY a.id"
        )
        edges = [
            {"source": r["source"], "target": r["target"], "documents": int(r["n"])}
            for r in self._rows(
                "SELECT a.actor_id AS source, b.actor_id AS target, COUNT(*) AS n"
                " FROM document_actors a JOIN document_actors b"
                " ON b.doc_id = a.doc_id AND a.actor_id < b.actor_id"
                " GROUP BY a.actor_id, b.actor_id HAVING COUNT(*) >= ?"
                " ORDER BY source, target",
                (min_weight,),
            )
        ]
        return {"nodes": nodes, "edges": edges}

    # -- bulk loading -------------------------------------------------------------------------
    def bulk_save(self, batch: Iterable[DocumentRows]) -> int:
        """Store ready-made rows in ONE transaction, without analysis (benchmarks, imports).

        The caller vouches for the rows (``rows.document_rows`` builds them from a
        Document; a benchmark may build them directly); documents and quotes are added to
        the full-text index. Returns the number of documents stored.
        """
        batch = list(batch)
        try:
            with self.transaction():
                self._executemany(INSERT_DOCUMENT, [rows.document for rows in batch])
                for table, statement in CHILD_INSERTS:
                    self._executemany(statement, [r for rows in batch
                                                  for r in getattr(rows, table)])
                for rows in batch:
                    self._index_document(_index_view(rows))
        except self.driver_error as exc:
            raise StoreError("E206", f"bulk save failed: {exc}") from exc
        return len(batch)


def _index_range(where: Where, column: str, date_from: str | None) -> None:
    """Repeat a lower date bound in a form an index can seek to.

    The shared filter also keeps items dated by a prefix of ``date_from`` ("2024" for
    2024-03), which reads as an OR no index serves. Every item it keeps is dated on or
    after ``date_from``'s year, so saying so lets the period index skip the years before.
    """
    if date_from is not None:
        where.add(f"{column} >= ?", date_from[:4])


def _with(where: Where, clause: str) -> Where:
    """A copy of ``where`` with one more condition."""
    more = Where()
    more.clauses = [*where.clauses, clause]
    more.params = list(where.params)
    return more


def _index_view(rows: DocumentRows) -> Document:
    """The fields of a document the full-text index reads, rebuilt from its rows."""
    doc_id, title, text = rows.document[0], rows.document[2], rows.document[12]
    quotes = [Quote(id=q[1], speaker=q[2], direct=bool(q[4]), start=q[5], end=q[6], text=q[7])
              for q in rows.quotes]
    return Document(text=text, id=doc_id, title=title, quotes=quotes)


def _sides(actor: str | None, role: str | None) -> dict[str, str | None]:
    """``actor`` + ``role`` (guarantor, beneficiary or either) as find_commitments asks."""
    if role is not None and role not in ("guarantor", "beneficiary"):
        raise StoreError("E203", f"role must be guarantor or beneficiary, not {role!r}")
    return {"actor": actor if role is None else None,
            "guarantor": actor if role == "guarantor" else None,
            "beneficiary": actor if role == "beneficiary" else None}
