"""Finding one's way: the titles shown for documents, and events and commitments by country.

Shared by every SQL back end (plain SQL only).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any

from pactwatch.store.base import Row, Store
from pactwatch.store.reviews import not_rejected
from pactwatch.titles import display_title

# the opening of an article read to make a title of its first sentence
TITLE_PREFIX_CHARS = 600
# documents looked up per statement
TITLE_BATCH = 500
# what a country is, for an actor: itself, or the country it belongs to (people, bodies)
_COUNTRY_OF = "CASE WHEN a.kind = 'country' THEN a.iso3 ELSE a.country END"


class LookupQueries(Store):
    @abstractmethod
    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def document_titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """``{doc_id: display title}``: the stated title, else the first sentence, else
        the file name, else the id (for documents that exist)."""
        wanted = sorted(set(doc_ids))
        found: dict[str, str] = {}
        for i in range(0, len(wanted), TITLE_BATCH):
            batch = wanted[i:i + TITLE_BATCH]
            for r in self._rows(
                f"SELECT id, title, source_path, CASE WHEN title IS NULL"
                f" THEN substr(text, 1, {TITLE_PREFIX_CHARS}) END AS opening FROM documents"
                f" WHERE id IN ({', '.join('?' for _ in batch)})",
                batch,
            ):
                name = PurePath(r["source_path"]).name if r["source_path"] else r["id"]
                found[r["id"]] = display_title(r["title"], r["opening"], fallback=name)
        return found

    def country_counts(self, *, date_from: str | None = None, date_to: str | None = None
                       ) -> list[Row]:
        """Per country (ISO3): the events it took part in (itself or its people and
        bodies, as source or target) and the commitments it gave and received."""
        counts: dict[str, Row] = {}

        def tally(table: str, parties: str, key: str, roles: dict[str, str]) -> None:
            where, params = [f"{_COUNTRY_OF} IS NOT NULL"], []
            # what analysts rejected is not on the map (unless asked for)
            kept = not_rejected("event" if table == "events" else "commitment", "x")
            if kept:
                where.append(kept)
            if date_from:
                where.append("x.period >= ?")
                params.append(date_from)
            if date_to:
                where.append("x.period <= ?")
                params.append(date_to + "\uffff")
            for r in self._rows(
                f"SELECT {_COUNTRY_OF} AS iso3, p.role, COUNT(DISTINCT p.doc_id || '/' ||"
                f" p.{key}) AS n FROM {parties} p JOIN actors a ON a.id = p.actor_id"
                f" JOIN {table} x ON x.doc_id = p.doc_id AND x.{key} = p.{key}"
                f" WHERE {' AND '.join(where)} GROUP BY {_COUNTRY_OF}, p.role",
                params,
            ):
                row = counts.setdefault(r["iso3"], {
                    "iso3": r["iso3"], "events": 0, "events_as_source": 0,
                    "events_as_target": 0, "commitments_given": 0, "commitments_received": 0})
                row[roles[r["role"]]] += int(r["n"])

        tally("events", "event_participants", "event_id",
              {"source": "events_as_source", "target": "events_as_target"})
        tally("commitments", "commitment_parties", "commitment_id",
              {"guarantor": "commitments_given", "beneficiary": "commitments_received"})
        for row in counts.values():
            # an event with the country on both sides counts once in "events"
            row["events"] = row["events_as_source"] + row["events_as_target"]
            row["commitments"] = row["commitments_given"] + row["commitments_received"]
        return sorted(counts.values(), key=lambda r: (-(r["events"] + r["commitments"]),
                                                      r["iso3"]))
