"""Turn an analysed Document into the rows the store writes (pure, no SQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pactwatch.document import Document
from pactwatch.store.fold import fold_key


def to_json(value: Any) -> str:
    # default=str: a reader may leave a non-JSON value (a date) in doc.meta; the
    # record must still be storable, and str() is what the JSON printer would show.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def document_period(doc: Document) -> str | None:
    """The best date known for the article: stated, else estimated."""
    return doc.published or doc.published_estimate.value


@dataclass
class DocumentRows:
    """Column tuples for every table, in the order of the INSERT statements."""

    document: tuple[Any, ...]
    actors: list[tuple[Any, ...]] = field(default_factory=list)
    document_actors: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    times: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    event_participants: list[tuple[Any, ...]] = field(default_factory=list)
    commitments: list[tuple[Any, ...]] = field(default_factory=list)
    commitment_parties: list[tuple[Any, ...]] = field(default_factory=list)


# where the analysis record's JSON stands in DocumentRows.document
RECORD_COLUMN = 13


def stored_record(rows: DocumentRows) -> dict[str, Any]:
    """The analysis record as ``Store.get_record`` will read it back once stored."""
    record: dict[str, Any] = json.loads(rows.document[RECORD_COLUMN])
    return record


def document_rows(
    doc: Document, *, source_path: str | None, ingested_at: str, run_id: int | None
) -> DocumentRows:
    record = doc.as_dict()
    record["document"]["source_path"] = source_path
    period = document_period(doc)
    estimate = doc.published_estimate
    rows = DocumentRows(
        document=(
            doc.id, source_path, doc.title, doc.language, doc.published,
            estimate.value, estimate.earliest, estimate.latest, estimate.basis, period,
            doc.outlet, doc.url, doc.text, to_json(record), ",".join(doc.stages_run),
            len(doc.text), len(doc.sentences), len(doc.actors), len(doc.times),
            len(doc.quotes), len(doc.events), len(doc.commitments), ingested_at, run_id,
        )
    )
    for actor in doc.actors:
        key = " ".join(filter(None, (actor.id, actor.name, actor.name_vi)))
        rows.actors.append(
            (actor.id, actor.kind, actor.name, actor.name_vi, actor.iso3, actor.wikidata,
             actor.country, int(actor.in_kb), fold_key(key))
        )
        rows.document_actors.append(
            (doc.id, actor.id, len(actor.mentions), int(actor.from_metadata), to_json(actor.roles),
             float(actor.confidence))
        )
        for m in actor.mentions:
            rows.mentions.append((doc.id, actor.id, m.start, m.end, m.text, m.as_))
    for t in doc.times:
        rows.times.append(
            (doc.id, t.start, t.end, t.text, t.value, t.granularity, t.anchor, t.earliest, t.latest)
        )
    for q in doc.quotes:
        rows.quotes.append(
            (doc.id, q.id, q.speaker, q.speaker_text, int(q.direct), q.start, q.end, q.text,
             q.verb, to_json(q.reported_via), period, float(q.confidence))
        )
    for e in doc.events:
        rows.events.append(
            (doc.id, e.id, e.type, e.mode, e.date, e.date or period, e.location, e.status,
             e.evidence.start, e.evidence.end, doc.text[e.evidence.start:e.evidence.end],
             e.quote, float(e.confidence), e.trigger)
        )
        rows.event_participants += [(doc.id, e.id, a, "source", i) for i, a in enumerate(e.source)]
        rows.event_participants += [(doc.id, e.id, a, "target", i) for i, a in enumerate(e.target)]
    for c in doc.commitments:
        rows.commitments.append(
            (doc.id, c.id, c.type, c.status, c.date, c.date or period, to_json(c.conditions),
             to_json(c.reported_via), c.evidence.start, c.evidence.end,
             doc.text[c.evidence.start:c.evidence.end], c.status_cue, float(c.confidence))
        )
        rows.commitment_parties += [
            (doc.id, c.id, a, "guarantor", i) for i, a in enumerate(c.guarantors)
        ]
        rows.commitment_parties += [
            (doc.id, c.id, a, "beneficiary", i) for i, a in enumerate(c.beneficiaries)
        ]
    return rows


INSERT_DOCUMENT = """INSERT INTO documents (id, source_path, title, language, published,
    estimate_value, estimate_earliest, estimate_latest, estimate_basis, period, outlet, url,
    text, record, stages, n_chars, n_sentences, n_actors, n_times, n_quotes, n_events,
    n_commitments, ingested_at, run_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
# The first article to name an actor decides its kind; later ones fill gaps only.
UPSERT_ACTOR = """INSERT INTO actors (id, kind, name, name_vi, iso3, wikidata, country, in_kb,
    search_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
    name_vi = COALESCE(actors.name_vi, excluded.name_vi),
    iso3 = COALESCE(actors.iso3, excluded.iso3),
    wikidata = COALESCE(actors.wikidata, excluded.wikidata),
    country = COALESCE(actors.country, excluded.country)"""
# A document may list the same actor twice (a pipeline slip): keep the first.
INSERT_DOCUMENT_ACTOR = """INSERT INTO document_actors (doc_id, actor_id, n_mentions,
    from_metadata, roles, confidence) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (doc_id, actor_id) DO NOTHING"""
INSERT_MENTION = """INSERT INTO mentions (doc_id, actor_id, start_offset, end_offset, text,
    mention_as) VALUES (?, ?, ?, ?, ?, ?)"""
INSERT_TIME = """INSERT INTO times (doc_id, start_offset, end_offset, text, value, granularity,
    anchor, earliest, latest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_QUOTE = """INSERT INTO quotes (doc_id, quote_id, speaker_id, speaker_text, direct,
    start_offset, end_offset, text, verb, reported_via, period, confidence)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_EVENT = """INSERT INTO events (doc_id, event_id, type, mode, date, period, location,
    status, evidence_start, evidence_end, evidence_text, quote_id, confidence, trigger_word)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_EVENT_PARTICIPANT = """INSERT INTO event_participants (doc_id, event_id, actor_id, role,
    seq) VALUES (?, ?, ?, ?, ?)"""
INSERT_COMMITMENT = """INSERT INTO commitments (doc_id, commitment_id, type, status, date,
    period, conditions, reported_via, evidence_start, evidence_end, evidence_text, status_cue,
    confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_COMMITMENT_PARTY = """INSERT INTO commitment_parties (doc_id, commitment_id, actor_id,
    role, seq) VALUES (?, ?, ?, ?, ?)"""

CHILD_INSERTS = (
    ("actors", UPSERT_ACTOR),
    ("document_actors", INSERT_DOCUMENT_ACTOR),
    ("mentions", INSERT_MENTION),
    ("times", INSERT_TIME),
    ("quotes", INSERT_QUOTE),
    ("events", INSERT_EVENT),
    ("event_participants", INSERT_EVENT_PARTICIPANT),
    ("commitments", INSERT_COMMITMENT),
    ("commitment_parties", INSERT_COMMITMENT_PARTY),
)
