"""Storage of stories (see :mod:`pactwatch.stories`): signatures, members, claims.

Shared by every SQL back end: portable SQL only (``?`` placeholders, ``substr``).
Lists of ids and JSON values are stored as JSON text, like the rest of the store.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import Any

from pactwatch.store.base import Row, Store
from pactwatch.store.migrations import now_iso

# SQLite allows 999 parameters per statement in old builds: stay well below
_IN_CHUNK = 500
_PAGE = 1000
SIGNATURE_COLUMNS = ("doc_id", "minhash", "title", "outlet", "earliest", "latest", "actors",
                     "numbers", "language", "features")
_LIST_COLUMNS = ("actors", "numbers")
STORY_CHILD_TABLES = ("story_claims", "story_members")
# a signature dated over more days than this (a year) is found by its last day
WIDE_RANGE_DAYS = 62
# articles ingested up to this long before the newest signed one are looked at again for a
# signature: ingest runs working at once commit their batches a few seconds apart
UNSIGNED_MARGIN = timedelta(hours=1)


def _signature_value(row: Row, column: str) -> Any:
    if column in _LIST_COLUMNS:
        return json.dumps(sorted(row.get(column) or ()))
    if column == "features":
        return json.dumps(row.get("features") or {}, ensure_ascii=False, sort_keys=True)
    return row.get(column)


def _signature_decoded(row: Row) -> Row:
    for column in _LIST_COLUMNS:
        row[column] = json.loads(row[column] or "[]")
    row["features"] = json.loads(row["features"] or "{}")
    return row


def _placeholders(n: int) -> str:
    return ", ".join("?" for _ in range(n))


class StoryQueries(Store):
    # -- provided by SqlStore and the back end --------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]: ...

    # -- resuming an ingest ------------------------------------------------------------
    def stored_sources(self, paths: Sequence[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for i in range(0, len(paths), _IN_CHUNK):
            chunk = list(paths[i : i + _IN_CHUNK])
            for row in self._rows(
                f"SELECT path, doc_id FROM document_sources WHERE path IN"
                f" ({_placeholders(len(chunk))})", chunk,
            ):
                found.setdefault(row["path"], set()).add(row["doc_id"])
        return found

    # -- signatures -----------------------------------------------------------------------
    def unsigned_documents(self) -> list[str]:
        """Articles without a signature. Every update signs all it finds at once, so only
        the articles ingested since the newest signed one (less UNSIGNED_MARGIN) can lack
        one: the read follows the ingest-time index, not the whole table."""
        newest = self._rows("SELECT MAX(ingested_at) AS t FROM story_signatures")[0]["t"]
        query = ("SELECT d.id FROM documents d WHERE NOT EXISTS"
                 " (SELECT 1 FROM story_signatures s WHERE s.doc_id = d.id)")
        # a newest stamp ahead of this clock (a clock set back, a database from another
        # machine) cannot bound what came since: read every document
        if newest is None or newest > now_iso():
            return [r["id"] for r in self._rows(f"{query} ORDER BY d.id")]
        try:
            since = (datetime.fromisoformat(newest) - UNSIGNED_MARGIN).isoformat()
        except ValueError:
            since = ""
        # sorted here: an ORDER BY id would have the planner walk the id index instead
        return sorted(r["id"] for r in self._rows(f"{query} AND d.ingested_at >= ?", (since,)))

    def save_story_signatures(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        values = [tuple(_signature_value(r, c) for c in SIGNATURE_COLUMNS) for r in rows]
        with self.transaction():
            for i in range(0, len(values), _IN_CHUNK):
                ids = [v[0] for v in values[i : i + _IN_CHUNK]]
                self.execute(f"DELETE FROM story_signatures WHERE doc_id IN"
                             f" ({_placeholders(len(ids))})", ids)
            # with its article's ingest time (unsigned_documents reads from the newest)
            self._executemany(
                f"INSERT INTO story_signatures ({', '.join(SIGNATURE_COLUMNS)}, ingested_at)"
                f" VALUES ({_placeholders(len(SIGNATURE_COLUMNS))},"
                " (SELECT ingested_at FROM documents WHERE id = ?))",
                [(*v, v[0]) for v in values],
            )

    def story_signatures(self, between: tuple[str, str] | None = None) -> Iterator[Row]:
        if between is not None:
            yield from self._signatures_between(*between)
            return
        last = ""
        while True:
            page = self._rows(
                f"SELECT {', '.join(SIGNATURE_COLUMNS)} FROM story_signatures WHERE doc_id > ?"
                f" ORDER BY doc_id LIMIT {_PAGE}", (last,),
            )
            if not page:
                return
            yield from map(_signature_decoded, page)
            last = page[-1]["doc_id"]

    def _signatures_between(self, first: str, last: str) -> Iterator[Row]:
        """Dated rows whose range meets [first, last], read off the indexes: a row whose
        range is at most WIDE_RANGE_DAYS long starts in [first - WIDE_RANGE_DAYS, last]
        (the (earliest, latest) index); a wider one (dated to a year) ends on or after
        ``first`` (the latest index). Neither read grows with the rest of the table when
        the window is the newest days, as with new articles."""
        try:
            floor = (date.fromisoformat(first[:10])
                     - timedelta(days=WIDE_RANGE_DAYS)).isoformat()
        except ValueError:
            floor = ""
        columns = ", ".join(SIGNATURE_COLUMNS)
        rows = self._rows(
            f"SELECT {columns} FROM story_signatures WHERE earliest >= ? AND earliest <= ?"
            " AND latest >= ?", (floor, last, first))
        rows += self._rows(
            f"SELECT {columns} FROM story_signatures WHERE latest >= ? AND earliest < ?"
            " AND earliest <= ?", (first, floor, last))
        rows.sort(key=lambda r: r["doc_id"])
        yield from map(_signature_decoded, rows)

    def document_paths(self) -> Iterator[tuple[str, str | None, str | None]]:
        for row in self._rows("SELECT id, source_path, outlet FROM documents ORDER BY id"):
            yield row["id"], row["source_path"], row["outlet"]

    # -- stories ------------------------------------------------------------------------------
    def story_memberships(self, doc_ids: Iterable[str] | None = None) -> dict[str, Row]:
        columns = "SELECT doc_id, story_id, similarity, near_duplicate_of FROM story_members"
        if doc_ids is None:
            return {r["doc_id"]: r for r in self._rows(columns)}
        found: dict[str, Row] = {}
        ids = sorted(set(doc_ids))
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            for r in self._rows(f"{columns} WHERE doc_id IN ({_placeholders(len(chunk))})",
                                chunk):
                found[r["doc_id"]] = r
        return found

    def story_member_ids(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        ids = sorted(set(story_ids))
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            for r in self._rows("SELECT story_id, doc_id FROM story_members WHERE story_id IN"
                                f" ({_placeholders(len(chunk))}) ORDER BY story_id, seq", chunk):
                found.setdefault(r["story_id"], []).append(r["doc_id"])
        return found

    def save_stories(self, stories: Sequence[Row], remove: Iterable[str] = ()) -> None:
        stamp = now_iso()
        gone = sorted(set(remove) | {s["id"] for s in stories})
        with self.transaction():
            for i in range(0, len(gone), _IN_CHUNK):
                ids = gone[i : i + _IN_CHUNK]
                for table in (*STORY_CHILD_TABLES, "stories"):
                    column = "id" if table == "stories" else "story_id"
                    self.execute(f"DELETE FROM {table} WHERE {column} IN"
                                 f" ({_placeholders(len(ids))})", ids)
            self._executemany(
                "INSERT INTO stories (id, title, size, date_first, date_last, outlets, n_claims,"
                " updated_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(s["id"], s.get("title"), len(s["members"]), s.get("date_first"),
                  s.get("date_last"), json.dumps(s.get("outlets") or [], ensure_ascii=False),
                  len(s.get("claims") or []), stamp,
                  json.dumps(s.get("detail") or {}, ensure_ascii=False)) for s in stories],
            )
            self._executemany(
                "INSERT INTO story_members (story_id, doc_id, seq, similarity, near_duplicate_of)"
                " VALUES (?, ?, ?, ?, ?)",
                [(s["id"], m["doc_id"], i, m.get("similarity"), m.get("near_duplicate_of"))
                 for s in stories for i, m in enumerate(s["members"])],
            )
            self._executemany(
                "INSERT INTO story_claims (story_id, claim_id, kind, type, parties, statuses,"
                " corroboration, n_independent, independent_sources, reports)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(s["id"], c["id"], c["kind"], c["type"],
                  json.dumps(c["parties"], ensure_ascii=False), json.dumps(c["statuses"]),
                  c["corroboration"], c["n_independent"],
                  json.dumps(c["independent_sources"], ensure_ascii=False),
                  json.dumps(c["reports"], ensure_ascii=False))
                 for s in stories for c in s.get("claims") or []],
            )

    def clear_stories(self, *, signatures: bool = False) -> None:
        with self.transaction():
            for table in (*STORY_CHILD_TABLES, "stories"):
                self.execute(f"DELETE FROM {table}")
            if signatures:
                self.execute("DELETE FROM story_signatures")

    def list_stories(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        rows = self._rows(
            "SELECT id, title, size, date_first, date_last, outlets, n_claims, updated_at"
            # undated last on every back end (PostgreSQL's DESC alone puts NULLs first)
            " FROM stories ORDER BY size DESC, (date_last IS NULL), date_last DESC, id"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        for row in rows:
            row["outlets"] = json.loads(row["outlets"])
        return rows

    def count_stories(self) -> int:
        return int(self._rows("SELECT COUNT(*) AS n FROM stories")[0]["n"])

    def story_ids_starting(self, prefix: str, *, limit: int = 10) -> list[str]:
        return [r["id"] for r in self._rows(
            "SELECT id FROM stories WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?",
            (len(prefix), prefix, limit),
        )]

    def get_story(self, story_id: str) -> Row | None:
        found = self._rows(
            "SELECT id, title, size, date_first, date_last, outlets, n_claims, updated_at,"
            " detail FROM stories WHERE id = ?", (story_id,),
        )
        if not found:
            return None
        story = found[0]
        story["outlets"] = json.loads(story["outlets"])
        # places, actors, timeline and the claims table (pactwatch.stories.build)
        story.update(json.loads(story.pop("detail") or "{}"))
        story["members"] = self._rows(
            # an untitled article shows the stand-in title its signature row keeps
            "SELECT m.doc_id, m.similarity, m.near_duplicate_of, COALESCE(d.title, sg.title)"
            " AS title, d.outlet, d.period AS date, d.source_path FROM story_members m"
            " JOIN documents d ON d.id = m.doc_id"
            " LEFT JOIN story_signatures sg ON sg.doc_id = m.doc_id"
            " WHERE m.story_id = ? ORDER BY m.seq",
            (story_id,),
        )
        claims = self._rows(
            "SELECT claim_id AS id, kind, type, parties, statuses, corroboration, n_independent,"
            " independent_sources, reports FROM story_claims WHERE story_id = ?"
            " ORDER BY corroboration DESC, n_independent DESC, kind, type, claim_id",
            (story_id,),
        )
        for claim in claims:
            for key in ("parties", "statuses", "independent_sources", "reports"):
                claim[key] = json.loads(claim[key])
        story.setdefault("claims_table", [])
        story["claims"] = claims
        return story
