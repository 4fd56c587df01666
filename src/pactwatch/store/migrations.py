"""Schema migrations: ordered, decorated functions, recorded in a ``migrations`` table.

Each migration runs once per database, in its own transaction, in the order it
is declared here. Never edit a migration that has shipped: add a new one. The
table definitions are shared SQL (see :mod:`pactwatch.store.dialect`); what only
one database can do (its full-text index) is asked of the back end through
:class:`MigrationTarget`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from pactwatch.store.dialect import Dialect


class MigrationTarget(Protocol):
    dialect: Dialect

    def execute(self, statement: str, params: tuple[Any, ...] = ()) -> Any: ...

    def create_search_index(self) -> None:
        """Create this back end's full-text index over document and quote text."""


MigrationFn = Callable[[MigrationTarget], None]


@dataclass(frozen=True)
class Migration:
    name: str
    fn: MigrationFn


MIGRATIONS: list[Migration] = []


def migration(fn: MigrationFn) -> MigrationFn:
    """Declare ``fn`` as the next migration; its function name is its recorded name."""
    if any(m.name == fn.__name__ for m in MIGRATIONS):
        raise ValueError(f"migration {fn.__name__!r} is declared twice")
    MIGRATIONS.append(Migration(fn.__name__, fn))
    return fn


MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""

# Dates are ISO strings (a prefix of YYYY-MM-DD); "period" columns hold the best
# date known for an item (its own date, else its document's) for ranges and timelines.
CORE_TABLES = (
    """CREATE TABLE runs (
        id {serial_key},
        started TEXT NOT NULL,
        finished TEXT,
        args TEXT NOT NULL,
        files INTEGER,
        stored INTEGER,
        duplicates INTEGER,
        failed INTEGER,
        seconds {real}
    )""",
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source_path TEXT,
        title TEXT,
        language TEXT,
        published TEXT,
        estimate_value TEXT,
        estimate_earliest TEXT,
        estimate_latest TEXT,
        estimate_basis TEXT,
        period TEXT,
        outlet TEXT,
        url TEXT,
        text TEXT NOT NULL,
        record TEXT NOT NULL,
        stages TEXT NOT NULL,
        n_chars INTEGER NOT NULL,
        n_sentences INTEGER NOT NULL,
        n_actors INTEGER NOT NULL,
        n_times INTEGER NOT NULL,
        n_quotes INTEGER NOT NULL,
        n_events INTEGER NOT NULL,
        n_commitments INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id)
    )""",
    "CREATE INDEX documents_period ON documents(period)",
    "CREATE INDEX documents_outlet ON documents(outlet)",
    """CREATE TABLE document_sources (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        PRIMARY KEY (doc_id, path)
    )""",
    "CREATE INDEX document_sources_path ON document_sources(path)",
    """CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        name_vi TEXT,
        iso3 TEXT,
        wikidata TEXT,
        country TEXT,
        in_kb INTEGER NOT NULL,
        search_key TEXT NOT NULL
    )""",
    "CREATE INDEX actors_kind ON actors(kind)",
    # which actors each document names (with or without a mention in the text)
    """CREATE TABLE document_actors (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        n_mentions INTEGER NOT NULL,
        from_metadata INTEGER NOT NULL,
        roles TEXT NOT NULL,
        PRIMARY KEY (doc_id, actor_id)
    )""",
    "CREATE INDEX document_actors_actor ON document_actors(actor_id, doc_id)",
    """CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES actors(id),
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        mention_as TEXT NOT NULL
    )""",
    "CREATE INDEX mentions_doc ON mentions(doc_id)",
    """CREATE TABLE times (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT,
        granularity TEXT,
        anchor TEXT NOT NULL,
        earliest TEXT,
        latest TEXT
    )""",
    "CREATE INDEX times_doc ON times(doc_id)",
    """CREATE TABLE quotes (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        speaker_id TEXT,
        speaker_text TEXT,
        direct INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        text TEXT NOT NULL,
        verb TEXT,
        reported_via TEXT NOT NULL,
        period TEXT
    )""",
    "CREATE INDEX quotes_doc ON quotes(doc_id, quote_id)",
    "CREATE INDEX quotes_speaker ON quotes(speaker_id)",
    """CREATE TABLE events (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        date TEXT,
        period TEXT,
        location TEXT,
        status TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        evidence_text TEXT NOT NULL,
        quote_id TEXT,
        confidence {real} NOT NULL,
        trigger_word TEXT
    )""",
    "CREATE INDEX events_doc ON events(doc_id, event_id)",
    "CREATE INDEX events_type_period ON events(type, period)",
    "CREATE INDEX events_period ON events(period)",
    """CREATE TABLE event_participants (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        role TEXT NOT NULL,
        seq INTEGER NOT NULL
    )""",
    "CREATE INDEX event_participants_event ON event_participants(doc_id, event_id)",
    "CREATE INDEX event_participants_actor ON event_participants(actor_id)",
    """CREATE TABLE commitments (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        commitment_id TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        date TEXT,
        period TEXT,
        conditions TEXT NOT NULL,
        reported_via TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        evidence_text TEXT NOT NULL,
        status_cue TEXT,
        confidence {real} NOT NULL
    )""",
    "CREATE INDEX commitments_doc ON commitments(doc_id, commitment_id)",
    "CREATE INDEX commitments_type_period ON commitments(type, period)",
    """CREATE TABLE commitment_parties (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        commitment_id TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        role TEXT NOT NULL,
        seq INTEGER NOT NULL
    )""",
    "CREATE INDEX commitment_parties_commitment ON commitment_parties(doc_id, commitment_id)",
    "CREATE INDEX commitment_parties_actor ON commitment_parties(actor_id)",
    """CREATE TABLE run_files (
        id {serial_key},
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL,
        status TEXT NOT NULL,
        doc_id TEXT,
        reason TEXT,
        recorded_at TEXT NOT NULL
    )""",
    "CREATE INDEX run_files_run ON run_files(run_id, id)",
)


@migration
def m001_core_tables(db: MigrationTarget) -> None:
    for statement in CORE_TABLES:
        db.execute(db.dialect.ddl(statement))


@migration
def m002_search_index(db: MigrationTarget) -> None:
    db.create_search_index()


# Stories (pactwatch.stories): each article's MinHash signature with what clustering
# needs of it (so new articles are matched without reading stored records), the
# stories of two or more articles, and the claims (events, commitments) each story's
# articles report, with their corroboration and independent sources.
STORY_TABLES = (
    """CREATE TABLE story_signatures (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        minhash TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        earliest TEXT,
        latest TEXT,
        actors TEXT NOT NULL
    )""",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        size INTEGER NOT NULL,
        date_first TEXT,
        date_last TEXT,
        outlets TEXT NOT NULL,
        n_claims INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX stories_size ON stories(size)",
    """CREATE TABLE story_members (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        similarity {real},
        near_duplicate_of TEXT,
        PRIMARY KEY (story_id, doc_id)
    )""",
    # an article is in one story at most
    "CREATE UNIQUE INDEX story_members_doc ON story_members(doc_id)",
    """CREATE TABLE story_claims (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        type TEXT NOT NULL,
        parties TEXT NOT NULL,
        statuses TEXT NOT NULL,
        corroboration INTEGER NOT NULL,
        n_independent INTEGER NOT NULL,
        independent_sources TEXT NOT NULL,
        reports TEXT NOT NULL,
        PRIMARY KEY (story_id, claim_id)
    )""",
)


@migration
def m003_stories(db: MigrationTarget) -> None:
    for statement in STORY_TABLES:
        db.execute(db.dialect.ddl(statement))


# The web API's hot paths (pactwatch.store.explore): newest-first pages read straight off
# an index, actor filters answered from the parties tables alone, timeline counts from a
# covering index.
EXPLORE_INDEXES = (
    "CREATE INDEX events_recent ON events(period, doc_id, event_id)",
    "CREATE INDEX events_period_type ON events(period, type)",
    # an actor's events found through the participants are read from here, not the table
    "CREATE INDEX events_key_period ON events(doc_id, event_id, period, type)",
    "CREATE INDEX events_mode ON events(mode)",
    "CREATE INDEX event_participants_actor_role"
    " ON event_participants(actor_id, role, doc_id, event_id)",
    "CREATE INDEX commitments_recent ON commitments(period, doc_id, commitment_id)",
    "CREATE INDEX commitment_parties_actor_role"
    " ON commitment_parties(actor_id, role, doc_id, commitment_id)",
    "CREATE INDEX quotes_recent ON quotes(period, doc_id, start_offset)",
)


@migration
def m004_explore_indexes(db: MigrationTarget) -> None:
    for statement in EXPLORE_INDEXES:
        db.execute(statement)


# The figures an article states and its language, kept beside its signature: a
# translation shares almost no words with its original but keeps its figures
# (pactwatch.stories.cluster).
@migration
def m005_story_figures(db: MigrationTarget) -> None:
    db.execute("ALTER TABLE story_signatures ADD COLUMN numbers TEXT")
    db.execute("ALTER TABLE story_signatures ADD COLUMN language TEXT")


# How complete and unambiguous each quote's frame is (events and commitments have had a
# confidence from the start); quotes stored before this read 0, as unscored. The filters
# on confidence (``min_confidence``) read these columns.
@migration
def m006_quote_confidence(db: MigrationTarget) -> None:
    db.execute(db.dialect.ddl("ALTER TABLE quotes ADD COLUMN confidence {real} NOT NULL DEFAULT 0"))


# Analysts' reviews (pactwatch.store.reviews). Named users sign in with their own token, of
# which only a SHA-256 hash is kept. Every review is a new row (who, when, what the pipeline
# said, the verdict and any correction): nothing the pipeline produced is overwritten.
# A review names its item by what survives re-analysis — document id, kind, evidence span
# and the pipeline's type — not by the item's ordinal id ("c3"), and has no foreign key to
# the documents: it outlives the rows it reviews. ``review_state`` holds each item's latest
# review, so answers can leave rejected items out with one indexed lookup.
REVIEW_TABLES = (
    """CREATE TABLE users (
        name TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE reviews (
        id {serial_key},
        doc_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        item_type TEXT NOT NULL,
        item_id TEXT,
        verdict TEXT NOT NULL,
        correction TEXT,
        machine TEXT NOT NULL,
        confidence {real},
        note TEXT,
        reviewer TEXT NOT NULL,
        reviewed_at TEXT NOT NULL
    )""",
    "CREATE INDEX reviews_item ON reviews(doc_id, kind, span_start, span_end, item_type)",
    "CREATE INDEX reviews_reviewer ON reviews(reviewer, reviewed_at)",
    """CREATE TABLE review_state (
        doc_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        item_type TEXT NOT NULL,
        review_id INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        PRIMARY KEY (doc_id, kind, span_start, span_end, item_type)
    )""",
    "CREATE INDEX review_state_verdict ON review_state(verdict, doc_id)",
)


@migration
def m007_reviews(db: MigrationTarget) -> None:
    for statement in REVIEW_TABLES:
        db.execute(db.dialect.ddl(statement))


# What each article reports, kept beside its signature for matching reports of one
# happening (pactwatch.stories.features); signatures read by date window (incremental
# updates compare a new article with the articles dated near it only); and each story's
# places, actors, timeline and claims table (pactwatch.stories.build).
@migration
def m008_story_features(db: MigrationTarget) -> None:
    db.execute("ALTER TABLE story_signatures ADD COLUMN features TEXT")
    db.execute("CREATE INDEX story_signatures_dates ON story_signatures(earliest, latest)")
    db.execute("ALTER TABLE stories ADD COLUMN detail TEXT")


# Signatures read by date window without scanning the table: rows dated to a day or a
# month are found on (earliest, latest); rows whose date range is wide (a year) on latest.
@migration
def m009_story_signatures_latest(db: MigrationTarget) -> None:
    db.execute("CREATE INDEX story_signatures_latest ON story_signatures(latest)")


# How sure the recogniser was of each actor in each article (1.0 when linked to the
# knowledge base; an open-world name's from its evidence, pactwatch.actors.open_world), so
# lists and exports can carry it. Rows stored before read NULL: not known, never guessed.
@migration
def m010_document_actor_confidence(db: MigrationTarget) -> None:
    db.execute(db.dialect.ddl("ALTER TABLE document_actors ADD COLUMN confidence {real}"))


# New articles found without reading every document (pactwatch.stories.build): a signature
# keeps its article's ingest time, and articles ingested since the newest signed one are
# read off an index on documents(ingested_at, id) (covering: the table itself is not read).
@migration
def m011_story_signatures_ingested(db: MigrationTarget) -> None:
    db.execute("ALTER TABLE story_signatures ADD COLUMN ingested_at TEXT")
    db.execute("CREATE INDEX story_signatures_ingested ON story_signatures(ingested_at)")
    db.execute("CREATE INDEX documents_ingested_at ON documents(ingested_at, id)")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
