"""Storage of stories (see :mod:`pactwatch.stories`): signatures, members, claims.

Shared by every SQL back end: portable SQL only (``?`` placeholders, ``substr``).
Lists of ids and JSON values are stored as JSON text, like the rest of the store.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from pactwatch.store.base import Row, Store
from pactwatch.store.migrations import now_iso

# SQLite allows 999 parameters per statement in old builds: stay well below
_IN_CHUNK = 500
_PAGE = 1000
SIGNATURE_COLUMNS = ("doc_id", "minhash", "title", "outlet", "earliest", "latest", "actors",
                     "numbers", "language")
_LIST_COLUMNS = ("actors", "numbers")
STORY_CHILD_TABLES = ("story_claims", "story_members")


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
        return [r["id"] for r in self._rows(
            "SELECT d.id FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM story_signatures s WHERE s.doc_id = d.id) ORDER BY d.id"
        )]

    def save_story_signatures(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        values = [
            tuple(json.dumps(sorted(r.get(c) or ())) if c in _LIST_COLUMNS else r.get(c)
                  for c in SIGNATURE_COLUMNS)
            for r in rows
        ]
        with self.transaction():
            for i in range(0, len(values), _IN_CHUNK):
                ids = [v[0] for v in values[i : i + _IN_CHUNK]]
                self.execute(f"DELETE FROM story_signatures WHERE doc_id IN"
                             f" ({_placeholders(len(ids))})", ids)
            self._executemany(
                f"INSERT INTO story_signatures ({', '.join(SIGNATURE_COLUMNS)})"
                f" VALUES ({_placeholders(len(SIGNATURE_COLUMNS))})", values,
            )

    def story_signatures(self) -> Iterator[Row]:
        last = ""
        while True:
            page = self._rows(
                f"SELECT {', '.join(SIGNATURE_COLUMNS)} FROM story_signatures WHERE doc_id > ?"
                f" ORDER BY doc_id LIMIT {_PAGE}", (last,),
            )
            if not page:
                return
            for row in page:
                for column in _LIST_COLUMNS:
                    row[column] = json.loads(row[column] or "[]")
                yield row
            last = page[-1]["doc_id"]

    # -- stories ------------------------------------------------------------------------------
    def story_memberships(self) -> dict[str, Row]:
        return {r["doc_id"]: r for r in self._rows(
            "SELECT doc_id, story_id, similarity, near_duplicate_of FROM story_members"
        )}

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
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(s["id"], s.get("title"), len(s["members"]), s.get("date_first"),
                  s.get("date_last"), json.dumps(s.get("outlets") or [], ensure_ascii=False),
                  len(s.get("claims") or []), stamp) for s in stories],
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
            "SELECT id, title, size, date_first, date_last, outlets, n_claims, updated_at"
            " FROM stories WHERE id = ?", (story_id,),
        )
        if not found:
            return None
        story = found[0]
        story["outlets"] = json.loads(story["outlets"])
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
        story["claims"] = claims
        return story
