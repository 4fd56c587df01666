"""Queries over what articles say: events, quotes, commitments and their timeline.

Shared by every SQL back end; only full-text matching of quotes is the back end's.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Sequence
from typing import Any

from pactwatch.errors import StoreError
from pactwatch.store.base import Row, Store
from pactwatch.store.dialect import Dialect
from pactwatch.store.filters import Where, check_page
from pactwatch.store.fold import search_terms
from pactwatch.store.reviews import not_rejected
from pactwatch.store.sorting import Sort, order_by

GRANULARITY_LENGTH = {"year": 4, "month": 7, "day": 10}
QUOTE_SELECT = """SELECT qu.doc_id, qu.quote_id AS id, qu.speaker_id AS speaker, qu.speaker_text,
    qu.direct, qu.start_offset AS start, qu.end_offset AS "end", qu.text, qu.verb,
    qu.reported_via, qu.period AS date, qu.confidence, d.title AS doc_title, d.outlet
    FROM quotes qu JOIN documents d ON d.id = qu.doc_id"""


class ExtractionQueries(Store):
    # -- provided by SqlStore and the back end --------------------------------------
    dialect: Dialect

    @abstractmethod
    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    def _scalar(self, statement: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _match_quotes(self, terms: list[str]) -> tuple[str, list[Any]]:
        """A condition on alias ``qu`` true for quotes whose text holds every term."""

    # -- events ------------------------------------------------------------------------------------
    def _event_filter(
        self, actor: str | None, type: str | None, status: str | None, date_from: str | None,
        date_to: str | None, outlet: str | None, doc_id: str | None,
    ) -> Where:
        where = Where()
        if actor is not None:
            where.add("EXISTS (SELECT 1 FROM event_participants p WHERE p.doc_id = e.doc_id"
                      " AND p.event_id = e.event_id AND p.actor_id = ?)", actor)
        if type is not None:
            where.add("e.type = ?", type)
        if status is not None:
            where.add("e.status = ?", status)
        if outlet is not None:
            where.add("d.outlet = ?", outlet)
        if doc_id is not None:
            where.add("e.doc_id = ?", doc_id)
        where.date_range("e.period", date_from, date_to)
        _leave_rejected(where, "event", "e")
        return where

    def _parties(
        self, table: str, key: str, rows: list[Row]
    ) -> dict[tuple[str, str], dict[str, list[str]]]:
        """Actor ids by role for the events/commitments in ``rows``, in their listed order."""
        doc_ids = sorted({r["doc_id"] for r in rows})
        if not doc_ids:
            return {}
        marks = ", ".join("?" for _ in doc_ids)
        found: dict[tuple[str, str], dict[str, list[str]]] = {}
        for p in self._rows(
            f"SELECT doc_id, {key} AS item, actor_id, role FROM {table}"
            f" WHERE doc_id IN ({marks}) ORDER BY doc_id, {key}, role, seq",
            doc_ids,
        ):
            found.setdefault((p["doc_id"], p["item"]), {}).setdefault(p["role"], []).append(
                p["actor_id"]
            )
        return found

    # -- quotes ---------------------------------------------------------------------------------------
    def _quote_filter(
        self, speaker: str | None, q: str | None, date_from: str | None, date_to: str | None,
        outlet: str | None, doc_id: str | None, min_confidence: float | None = None,
    ) -> Where | None:
        where = Where()
        where.confidence("qu.confidence", min_confidence)
        if speaker is not None:
            where.add("qu.speaker_id = ?", speaker)
        if outlet is not None:
            where.add("d.outlet = ?", outlet)
        if doc_id is not None:
            where.add("qu.doc_id = ?", doc_id)
        where.date_range("qu.period", date_from, date_to)
        _leave_rejected(where, "quote", "qu")
        if q is not None:
            terms = search_terms(q)
            if not terms:
                return None
            clause, params = self._match_quotes(terms)
            where.add(clause, *params)
        return where

    def list_quotes(
        self,
        *,
        speaker: str | None = None,
        q: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: Sort | None = None,
    ) -> list[Row]:
        limit, offset = check_page(limit, offset)
        where = self._quote_filter(speaker, q, date_from, date_to, outlet, doc_id,
                                    min_confidence)
        if where is None:
            return []
        order = ("(qu.period IS NULL), qu.period DESC, qu.doc_id, qu.start_offset"
                 if sort is None else order_by("quotes", sort, "qu.doc_id, qu.quote_id",
                                               self.dialect.code_point_collation))
        rows = self._rows(
            f"{QUOTE_SELECT}{where.sql} ORDER BY {order} LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
        return self.with_reviews("quote", [self._quote_row(r) for r in rows])

    def count_quotes(
        self,
        *,
        speaker: str | None = None,
        q: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
        doc_id: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        where = self._quote_filter(speaker, q, date_from, date_to, outlet, doc_id,
                                    min_confidence)
        if where is None:
            return 0
        return int(self._scalar(
            f"SELECT COUNT(*) FROM quotes qu JOIN documents d ON d.id = qu.doc_id{where.sql}",
            where.params,
        ))

    @staticmethod
    def _quote_row(row: Row) -> Row:
        row["direct"] = bool(row["direct"])
        row["reported_via"] = json.loads(row["reported_via"])
        return row

    # -- commitments -------------------------------------------------------------------------------------
    def _commitment_filter(
        self, actor: str | None, role: str | None, type: str | None, status: str | None,
        date_from: str | None, date_to: str | None, outlet: str | None, doc_id: str | None,
    ) -> Where:
        where = Where()
        if role is not None and role not in ("guarantor", "beneficiary"):
            raise StoreError("E203", f"role must be guarantor or beneficiary, not {role!r}")
        if actor is not None:
            condition = ("EXISTS (SELECT 1 FROM commitment_parties p WHERE p.doc_id = c.doc_id"
                         " AND p.commitment_id = c.commitment_id AND p.actor_id = ?")
            if role is None:
                where.add(condition + ")", actor)
            else:
                where.add(condition + " AND p.role = ?)", actor, role)
        if type is not None:
            where.add("c.type = ?", type)
        if status is not None:
            where.add("c.status = ?", status)
        if outlet is not None:
            where.add("d.outlet = ?", outlet)
        if doc_id is not None:
            where.add("c.doc_id = ?", doc_id)
        where.date_range("c.period", date_from, date_to)
        _leave_rejected(where, "commitment", "c")
        return where

    def timeline(
        self,
        granularity: str = "month",
        *,
        actor: str | None = None,
        type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        outlet: str | None = None,
    ) -> list[Row]:
        if granularity not in GRANULARITY_LENGTH:
            raise StoreError("E203", f"granularity must be one of {sorted(GRANULARITY_LENGTH)},"
                                     f" not {granularity!r}")
        width = GRANULARITY_LENGTH[granularity]
        periods: dict[str, Row] = {}
        sources = (
            ("events", "e", self._event_filter(actor, type, None, date_from, date_to, outlet,
                                               None)),
            ("commitments", "c", self._commitment_filter(actor, None, type, None, date_from,
                                                         date_to, outlet, None)),
        )
        for table, alias, where in sources:
            # items dated less precisely than the granularity cannot be placed: left out
            where.add(f"length({alias}.period) >= ?", width)
            for r in self._rows(
                f"SELECT substr({alias}.period, 1, ?) AS period, {alias}.type AS type,"
                f" COUNT(*) AS n FROM {table} {alias} JOIN documents d ON d.id = {alias}.doc_id"
                # positional GROUP BY: PostgreSQL sees two "?" as two different expressions
                f"{where.sql} GROUP BY 1, 2",
                (width, *where.params),
            ):
                slot = periods.setdefault(r["period"], {
                    "period": r["period"], "events": 0, "commitments": 0,
                    "event_types": {}, "commitment_types": {},
                })
                slot[table] += int(r["n"])
                slot[f"{table[:-1]}_types"][r["type"]] = int(r["n"])
        return [periods[p] for p in sorted(periods)]


def _leave_rejected(where: Where, kind: str, alias: str) -> None:
    """Leave out the items analysts rejected (unless reviews.showing_rejected)."""
    clause = not_rejected(kind, alias)
    if clause is not None:
        where.add(clause)
