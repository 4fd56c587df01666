"""Queries over documents, actors, search and runs, shared by every SQL back end.

Only the full-text parts differ between databases; a back end supplies them
through the ``_match_*``/``_ranked_*`` hooks.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterator
from typing import Any

from pactwatch.store.base import Row
from pactwatch.store.extractions import QUOTE_SELECT, ExtractionQueries
from pactwatch.store.filters import Where, check_page, like_pattern
from pactwatch.store.fold import (
    find_terms,
    fold_key,
    holds_run,
    phrase_matches,
    search_terms,
    snippet,
)
from pactwatch.store.reviews import not_rejected
from pactwatch.store.sorting import Sort, order_by

ITER_PAGE = 200
# search ranks at most this many matches of each kind (its totals count up to it)
SEARCH_RANKED = 1000
# actors whose names hold a search query, shown beside the articles and quotes
SEARCH_ACTORS = 20
# actors whose longer names hold a search query ("Trương Hòa Bình" for "hoa binh"), read
# to rank articles where the words are only part of such a name after the others
SEARCH_NAME_PARTS = 50
# mentions read per example sentence wanted of an unlinked actor (repeats are dropped)
EXAMPLE_READS = 4

DOCUMENT_COLUMNS = """d.id, d.title, d.period AS date, d.published, d.estimate_value,
    d.estimate_earliest, d.estimate_latest, d.estimate_basis, d.outlet, d.language, d.url,
    d.source_path, d.stages, d.n_chars, d.n_sentences, d.n_actors, d.n_times, d.n_quotes,
    d.n_events, d.n_commitments, d.ingested_at, d.run_id"""
NEWEST_FIRST = "(d.period IS NULL), d.period DESC, d.id"


def _document_row(row: Row) -> Row:
    row["stages"] = [s for s in (row.get("stages") or "").split(",") if s]
    return row


class QueryMixin(ExtractionQueries):
    # -- provided by SqlStore and the back end --------------------------------------
    @abstractmethod
    def _match_documents(self, terms: list[str]) -> tuple[str, list[Any]]:
        """A condition on alias ``d`` true for documents whose title/text hold every term."""

    @abstractmethod
    def _ranked_documents(self, terms: list[str], limit: int) -> list[str]:
        """Ids of the documents matching every term, best first."""

    @abstractmethod
    def _ranked_quotes(self, terms: list[str], limit: int) -> list[tuple[str, str]]:
        """(doc_id, quote_id) of the quotes matching every term, best first."""

    # -- documents ------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self._scalar("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def document_ids_starting(self, prefix: str, *, limit: int = 10) -> list[str]:
        check_page(limit, 0)
        rows = self._rows(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
            (like_pattern(prefix)[1:], limit),
        )
        return [r["id"] for r in rows]

    def get_record(self, doc_id: str) -> Row | None:
        text = self._scalar("SELECT record FROM documents WHERE id = ?", (doc_id,))
        return None if text is None else json.loads(text)

    def get_document(self, doc_id: str) -> Row | None:
        found = self._rows(f"SELECT {DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.id = ?",
                           (doc_id,))
        if not found:
            return None
        row = _document_row(found[0])
        row["sources"] = self._rows(
            "SELECT path, first_seen, run_id FROM document_sources WHERE doc_id = ?"
            " ORDER BY first_seen, path",
            (doc_id,),
        )
        return row

    def _document_filter(
        self, outlet: str | None, date_from: str | None, date_to: str | None, q: str | None
    ) -> Where | None:
        where = Where()
        if outlet is not None:
            where.add("d.outlet = ?", outlet)
        where.date_range("d.period", date_from, date_to)
        if q is not None:
            terms = search_terms(q)
            if not terms:
                return None  # a query with no words matches nothing
            clause, params = self._match_documents(terms)
            where.add(clause, *params)
        return where

    def list_documents(
        self,
        limit: int = 50,
        offset: int = 0,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        q: str | None = None,
    ) -> list[Row]:
        limit, offset = check_page(limit, offset)
        where = self._document_filter(outlet, date_from, date_to, q)
        if where is None:
            return []
        rows = self._rows(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents d{where.sql}"
            f" ORDER BY {NEWEST_FIRST} LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
        return [_document_row(r) for r in rows]

    def count_documents(
        self,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        q: str | None = None,
    ) -> int:
        where = self._document_filter(outlet, date_from, date_to, q)
        if where is None:
            return 0
        return int(self._scalar(f"SELECT COUNT(*) FROM documents d{where.sql}", where.params))

    def iter_records(self) -> Iterator[Row]:
        # Keyset pages rather than one open cursor: a writer may commit between pages,
        # and memory stays flat however large the database.
        last = ""
        while True:
            page = self._rows(
                "SELECT id, record FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                (last, ITER_PAGE),
            )
            if not page:
                return
            for row in page:
                yield json.loads(row["record"])
            last = page[-1]["id"]

    def list_outlets(self) -> list[Row]:
        return self._rows(
            "SELECT outlet, COUNT(*) AS documents FROM documents WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY documents DESC, outlet"
        )

    def counts(self) -> dict[str, int]:
        tables = ("documents", "actors", "mentions", "times", "quotes", "events",
                  "commitments", "runs")
        return {t: int(self._scalar(f"SELECT COUNT(*) FROM {t}")) for t in tables}

    # -- actors ----------------------------------------------------------------------------------
    def _actor_filter(self, kind: str | None, q: str | None, linked: bool | None = None
                      ) -> Where:
        where = Where()
        if kind is not None:
            where.add("a.kind = ?", kind)
        if linked is not None:
            # linked: in the knowledge base; unlinked: an open-world name (provisional id)
            where.add("a.in_kb = ?", int(linked))
        if q is not None:
            where.add("a.search_key LIKE ? ESCAPE '\\'", like_pattern(fold_key(q.strip())))
        return where

    def list_actors(
        self,
        *,
        kind: str | None = None,
        q: str | None = None,
        linked: bool | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: Sort | None = None,
    ) -> list[Row]:
        limit, offset = check_page(limit, offset)
        where = self._actor_filter(kind, q, linked)
        order = ("documents DESC, mentions DESC, a.id" if sort is None else
                 order_by("actors", sort, "a.id", self.dialect.code_point_collation))
        rows = self._rows(
            "SELECT a.id, a.kind, a.name, a.name_vi, a.iso3, a.wikidata, a.country, a.in_kb,"
            " COALESCE(SUM(da.n_mentions), 0) AS mentions, COUNT(da.doc_id) AS documents,"
            " MAX(da.confidence) AS confidence"
            f" FROM actors a LEFT JOIN document_actors da ON da.actor_id = a.id{where.sql}"
            " GROUP BY a.id, a.kind, a.name, a.name_vi, a.iso3, a.wikidata, a.country, a.in_kb"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (*where.params, limit, offset),
        )
        for r in rows:
            r["in_kb"] = bool(r["in_kb"])
            r["mentions"] = int(r["mentions"])
            r["confidence"] = _confidence(r["confidence"])
        return rows

    def count_actors(self, *, kind: str | None = None, q: str | None = None,
                     linked: bool | None = None) -> int:
        where = self._actor_filter(kind, q, linked)
        return int(self._scalar(f"SELECT COUNT(*) FROM actors a{where.sql}", where.params))

    def get_actor(self, actor_id: str, *, documents_limit: int = 100) -> Row | None:
        check_page(documents_limit, 0)
        found = self._rows(
            "SELECT id, kind, name, name_vi, iso3, wikidata, country, in_kb FROM actors"
            " WHERE id = ?",
            (actor_id,),
        )
        if not found:
            return None
        actor = found[0]
        actor["in_kb"] = bool(actor["in_kb"])
        actor["mentions"] = int(self._scalar(
            "SELECT COALESCE(SUM(n_mentions), 0) FROM document_actors WHERE actor_id = ?",
            (actor_id,),
        ))
        actor["document_count"] = int(self._scalar(
            "SELECT COUNT(*) FROM document_actors WHERE actor_id = ?", (actor_id,)
        ))
        # what analysts rejected is not counted (as it is not listed), unless asked for
        kept = not_rejected("quote", "qu")
        actor["quotes"] = int(self._scalar(
            "SELECT COUNT(*) FROM quotes qu WHERE qu.speaker_id = ?"
            + (f" AND {kept}" if kept else ""), (actor_id,)
        ))
        kept = not_rejected("event", "e")
        for role in ("source", "target"):
            actor[f"events_as_{role}"] = int(self._scalar(
                "SELECT COUNT(*) FROM event_participants p"
                + (" JOIN events e ON e.doc_id = p.doc_id AND e.event_id = p.event_id"
                   if kept else "")
                + " WHERE p.actor_id = ? AND p.role = ?" + (f" AND {kept}" if kept else ""),
                (actor_id, role),
            ))
        kept = not_rejected("commitment", "c")
        for role in ("guarantor", "beneficiary"):
            actor[f"commitments_as_{role}"] = int(self._scalar(
                "SELECT COUNT(*) FROM commitment_parties p"
                + (" JOIN commitments c ON c.doc_id = p.doc_id"
                   " AND c.commitment_id = p.commitment_id" if kept else "")
                + " WHERE p.actor_id = ? AND p.role = ?" + (f" AND {kept}" if kept else ""),
                (actor_id, role),
            ))
        documents = self._rows(
            "SELECT d.id, d.title, d.period AS date, d.outlet, da.n_mentions AS mentions,"
            " da.roles FROM document_actors da JOIN documents d ON d.id = da.doc_id"
            f" WHERE da.actor_id = ? ORDER BY {NEWEST_FIRST} LIMIT ?",
            (actor_id, documents_limit),
        )
        for d in documents:
            d["roles"] = json.loads(d["roles"])
        actor["documents"] = documents
        return actor

    def unlinked_actors(self, *, limit: int = 50, examples: int = 2, partners: int = 5,
                        offset: int = 0) -> list[Row]:
        """Actors the KB does not list, most documents first, each with example sentences
        (the text around its first mentions) and the actors it appears with most."""
        limit, offset = check_page(limit, offset)
        rows = self._rows(
            "SELECT a.id, a.kind, a.name, a.name_vi, a.country,"
            " COALESCE(SUM(da.n_mentions), 0) AS mentions, COUNT(da.doc_id) AS documents,"
            " MAX(da.confidence) AS confidence"
            " FROM actors a JOIN document_actors da ON da.actor_id = a.id WHERE a.in_kb = 0"
            " GROUP BY a.id, a.kind, a.name, a.name_vi, a.country"
            " ORDER BY documents DESC, mentions DESC, a.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        for r in rows:
            r["mentions"] = int(r["mentions"])
            r["confidence"] = _confidence(r["confidence"])
            found = self._rows(
                "SELECT m.doc_id, m.start_offset, m.end_offset, d.text FROM mentions m"
                " JOIN documents d ON d.id = m.doc_id WHERE m.actor_id = ?"
                " ORDER BY m.doc_id, m.start_offset LIMIT ?",
                # a sentence may name it twice: read a few more, keep different sentences
                (r["id"], examples * EXAMPLE_READS),
            )
            r["examples"] = []
            for f in found:
                example = {"doc_id": f["doc_id"], "sentence": _sentence_around(
                    f["text"], f["start_offset"], f["end_offset"])}
                if example not in r["examples"] and len(r["examples"]) < examples:
                    r["examples"].append(example)
            r["co_occurring"] = self.co_occurring_actors(r["id"], limit=partners)
        return rows

    def co_occurring_actors(self, actor_id: str, *, limit: int = 20) -> list[Row]:
        check_page(limit, 0)
        return self._rows(
            "SELECT a.id, a.kind, a.name, a.name_vi, COUNT(*) AS documents"
            " FROM document_actors mine"
            " JOIN document_actors other ON other.doc_id = mine.doc_id"
            " AND other.actor_id <> mine.actor_id"
            " JOIN actors a ON a.id = other.actor_id"
            " WHERE mine.actor_id = ?"
            " GROUP BY a.id, a.kind, a.name, a.name_vi ORDER BY documents DESC, a.id LIMIT ?",
            (actor_id, limit),
        )

    # -- search and aggregates --------------------------------------------------------------------------
    def _longer_names(self, terms: list[str]) -> list[list[str]]:
        """The folded words of actor names that hold the query's words and more
        ("truong hoa binh" for "hoa binh")."""
        names: list[list[str]] = []
        for actor in self.list_actors(q=" ".join(terms), limit=SEARCH_NAME_PARTS):
            for name in (actor.get("name"), actor.get("name_vi")):
                words = search_terms(name or "")
                if holds_run(words, terms) and words not in names:
                    names.append(words)
        return names

    def _name_parts_last(self, doc_ids: list[str], terms: list[str],
                         longer: list[list[str]]) -> list[str]:
        """``doc_ids`` in their order, but an article where the words stand only inside a
        longer name ("hoa binh" in "Phó Thủ tướng Trương Hòa Bình") after every article
        where they stand for themselves (the peace, "hòa bình")."""
        if not longer or not doc_ids:
            return doc_ids
        wanted = set(doc_ids)
        suspects: set[str] = set()
        for words in longer:
            suspects.update(d for d in self._ranked_documents(words, SEARCH_RANKED)
                            if d in wanted)
        parts = set()
        for doc_id in suspects:
            for row in self._rows("SELECT text FROM documents WHERE id = ?", (doc_id,)):
                if not phrase_matches(row["text"] or "", terms, outside=longer):
                    parts.add(doc_id)
        if not parts:
            return doc_ids
        return [d for d in doc_ids if d not in parts] + [d for d in doc_ids if d in parts]

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> Row:
        """Articles and quotes holding the query's words side by side ("hoa binh" is the
        phrase "hòa bình", not "Thanh Hóa ... Thái Bình"), best first, a page of each with
        its total; the actors whose names hold the query; and that actor's quotes first
        among the quotes ("Lukashenko" finds what he said, not only his name in a text)."""
        limit, offset = check_page(limit, offset)
        terms = search_terms(q)
        result: Row = {"query": q, "terms": terms, "limit": limit, "offset": offset,
                       "documents": [], "documents_total": 0, "quotes": [], "quotes_total": 0,
                       "matched_actors": [], "matched_actors_total": 0}
        if not terms:
            return result
        doc_ids = self._ranked_documents(terms, SEARCH_RANKED)
        longer = self._longer_names(terms)
        doc_ids = self._name_parts_last(doc_ids, terms, longer)
        result["documents_total"] = len(doc_ids)
        for doc_id in doc_ids[offset:offset + limit]:
            found = self._rows(
                "SELECT id, title, period AS date, outlet, text FROM documents WHERE id = ?",
                (doc_id,),
            )
            if found:
                row = found[0]
                text = row.pop("text")
                row["snippet"] = snippet(text, terms, outside=longer)
                row["title_match"] = find_terms(row["title"] or "", terms) is not None
                result["documents"].append(row)
        name = " ".join(terms)
        result["matched_actors"] = self.list_actors(q=name, limit=SEARCH_ACTORS)
        result["matched_actors_total"] = self.count_actors(q=name)
        speakers = [a["id"] for a in result["matched_actors"]]
        # quotes holding the words first, then the quotes of the actors so named
        keys = dict.fromkeys(self._ranked_quotes(terms, SEARCH_RANKED))
        if speakers:
            marks = ", ".join("?" for _ in speakers)
            for r in self._rows(
                f"SELECT doc_id, quote_id FROM quotes WHERE speaker_id IN ({marks})"
                " ORDER BY (period IS NULL), period DESC, doc_id, quote_id LIMIT ?",
                (*speakers, SEARCH_RANKED),
            ):
                keys.setdefault((r["doc_id"], r["quote_id"]), None)
        rejected = self._rejected_quotes(keys)
        ranked = [key for key in keys if key not in rejected]
        result["quotes_total"] = len(ranked)
        for doc_id, quote_id in ranked[offset:offset + limit]:
            for row in self._rows(f"{QUOTE_SELECT} WHERE qu.doc_id = ? AND qu.quote_id = ?",
                                  (doc_id, quote_id))[:1]:
                quote = self._quote_row(row)
                quote["snippet"] = snippet(quote["text"], terms)
                result["quotes"].append(quote)
        self.with_reviews("quote", result["quotes"])
        return result

    def _rejected_quotes(self, keys: dict[tuple[str, str], None]) -> set[tuple[str, str]]:
        """Which of the (doc_id, quote_id) ``keys`` analysts rejected (none while rejected
        items are asked for): search leaves them out as every list does."""
        kept = not_rejected("quote", "qu")
        doc_ids = sorted({doc_id for doc_id, _ in keys})
        if kept is None or not doc_ids:
            return set()
        marks = ", ".join("?" for _ in doc_ids)
        return {(r["doc_id"], r["quote_id"]) for r in self._rows(
            f"SELECT qu.doc_id, qu.quote_id FROM quotes qu WHERE qu.doc_id IN ({marks})"
            f" AND NOT ({kept})", tuple(doc_ids))}

    # -- runs ---------------------------------------------------------------------------------------------
    def list_runs(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        limit, offset = check_page(limit, offset)
        rows = self._rows(
            "SELECT id, started, finished, args, files, stored, duplicates, failed, seconds"
            " FROM runs ORDER BY id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        for r in rows:
            r["args"] = json.loads(r["args"])
            r["status"] = "finished" if r["finished"] else "unfinished"
            if r["finished"] is None:
                # an interrupted run has no counts of its own: count what it recorded
                for status, key in (("stored", "stored"), ("duplicate", "duplicates"),
                                    ("failed", "failed")):
                    r[key] = int(self._scalar(
                        "SELECT COUNT(*) FROM run_files WHERE run_id = ? AND status = ?",
                        (r["id"], status),
                    ))
        return rows

    def run_files(self, run_id: int) -> list[Row]:
        return self._rows(
            "SELECT path, status, doc_id, reason, recorded_at FROM run_files WHERE run_id = ?"
            " ORDER BY id",
            (run_id,),
        )


def _confidence(value: Any) -> float | None:
    """A stored confidence as a float (a back end may hand back a Decimal); None unknown."""
    return None if value is None else round(float(value), 4)


def _sentence_around(text: str, start: int, end: int, widest: int = 300) -> str:
    """The sentence holding text[start:end], cut to ``widest`` characters."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    right = min([i for i in (text.find(c, end) for c in ".!?\n") if i >= 0] or [len(text)])
    sentence = text[left : right + 1].strip()
    return sentence if len(sentence) <= widest else sentence[:widest].rstrip() + "…"
