"""The storage interface every back end implements (SQLite today, PostgreSQL next).

Everything above the store (batch ingest, CLI, web API, commitment threads)
talks to this interface only. Query methods return plain dicts and lists, ready
to be served as JSON. Dates in filters are ISO prefixes: ``2025``, ``2025-04`` or
``2025-04-14``; an item is in a range when its own date (at whatever precision)
overlaps it, so ``date_to="2025-04"`` includes 2025-04-30 and ``date_from="2025-04-20"``
includes an item dated just "2025-04". ``min_confidence`` (0..1) keeps the events, quotes
and commitments at least that confident; None keeps every one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from pactwatch.document import Document
from pactwatch.store.rows import DocumentRows
from pactwatch.store.sorting import Sort

Row = dict[str, Any]
FileStatus = Literal["stored", "duplicate", "failed"]


@dataclass(frozen=True)
class SaveResult:
    """What happened to one article handed to :meth:`Store.save_document`."""

    status: Literal["stored", "duplicate"]
    doc_id: str
    # for a duplicate: the path the article was first stored from
    original_path: str | None = None


class Store(ABC):
    """A database of analysed articles."""

    url: str

    # -- lifecycle ---------------------------------------------------------------
    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def owns_file(self, path: Path) -> bool:
        """True for the database's own files (so ingesting its folder skips them)."""
        return False

    @abstractmethod
    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied (done on open); return their names."""

    @abstractmethod
    def applied_migrations(self) -> list[str]:
        """Names of the schema migrations applied to this database, in order."""

    # -- writing -------------------------------------------------------------------
    @abstractmethod
    def save_document(
        self, doc: Document, *, run_id: int | None = None, path: str | None = None
    ) -> SaveResult:
        """Store one analysed article and everything in it, in ONE transaction.

        An article whose id is already stored is not stored again: ``path`` is
        added to its sources and the result says ``duplicate``. With ``run_id``
        the file outcome is recorded in the same transaction.
        """

    def save_rows(self, rows: DocumentRows, *, warnings: Sequence[str] = (),
                  run_id: int | None = None, path: str | None = None) -> SaveResult:
        """As :meth:`save_document`, from rows built elsewhere (``rows.document_rows``,
        in an analysing worker process): the one writer then only runs SQL."""
        raise NotImplementedError(f"{type(self).__name__} cannot store prepared rows")

    def document_ids(self) -> set[str]:
        """The id of every stored document."""
        raise NotImplementedError(f"{type(self).__name__} cannot list its document ids")

    @contextmanager
    def write_batch(self, articles: int = 200, seconds: float = 1.0) -> Iterator[None]:
        """Commit the articles saved inside in groups (every ``articles`` articles or
        ``seconds`` seconds) while each is still stored whole or not at all. A back end
        that cannot group commits stores each article in its own, as outside."""
        yield

    @abstractmethod
    def start_run(self, args: dict[str, Any]) -> int:
        """Open an ingest run and return its id."""

    @abstractmethod
    def record_failure(self, run_id: int, path: str, reason: str) -> None:
        """Record that ``path`` could not be stored in this run, and why."""

    @abstractmethod
    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        """Close a run with its counts (files, stored, duplicates, failed, seconds)."""

    @abstractmethod
    def verify(self) -> list[str]:
        """Check that every stored article is whole; one line per problem (none: [])."""

    # -- documents -------------------------------------------------------------------
    @abstractmethod
    def has_document(self, doc_id: str) -> bool: ...

    @abstractmethod
    def document_ids_starting(self, prefix: str, *, limit: int = 10) -> list[str]:
        """Ids that start with ``prefix`` (people type the first few hex digits)."""

    @abstractmethod
    def get_record(self, doc_id: str) -> Row | None:
        """The analysis record exactly as ``pactwatch analyze --json`` prints it."""

    @abstractmethod
    def get_document(self, doc_id: str) -> Row | None:
        """One document's metadata row with counts and every path it came from."""

    @abstractmethod
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
        """Document rows (no text), newest first; ``q`` is a full-text query."""

    @abstractmethod
    def count_documents(
        self,
        *,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        q: str | None = None,
    ) -> int: ...

    @abstractmethod
    def iter_records(self) -> Iterator[Row]:
        """Every analysis record, streamed in id order (memory stays flat)."""

    @abstractmethod
    def list_outlets(self) -> list[Row]:
        """Every outlet with its number of documents, most first (for filter menus)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How many documents, actors, mentions, times, quotes, events, commitments, runs."""

    # -- actors ------------------------------------------------------------------------
    @abstractmethod
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
        """Actors with their mention and document counts and highest confidence, most
        documents first unless ``sort`` says otherwise; ``linked`` True keeps the actors of
        the knowledge base, False the open-world ones (provisional ids)."""

    @abstractmethod
    def count_actors(self, *, kind: str | None = None, q: str | None = None,
                     linked: bool | None = None) -> int: ...

    @abstractmethod
    def get_actor(self, actor_id: str, *, documents_limit: int = 100) -> Row | None:
        """An actor, its counts and the documents it appears in (newest first)."""

    @abstractmethod
    def unlinked_actors(self, *, limit: int = 50, examples: int = 2, partners: int = 5,
                        offset: int = 0) -> list[Row]:
        """Actors not in the KB, most documents first, with example sentences and the
        actors they co-occur with (``pactwatch kb suggest``)."""

    @abstractmethod
    def co_occurring_actors(self, actor_id: str, *, limit: int = 20) -> list[Row]:
        """Actors appearing in the same documents as ``actor_id``, most shared first."""

    # -- extractions ----------------------------------------------------------------------
    @abstractmethod
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
        """Events (with source/target ids) in date order; ``actor`` is either side."""

    @abstractmethod
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
    ) -> int: ...

    @abstractmethod
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
        """Quotes with their attribution chains; ``q`` is a full-text query."""

    @abstractmethod
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
    ) -> int: ...

    @abstractmethod
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
        """Commitments with guarantors and beneficiaries; ``role`` narrows ``actor``
        to ``guarantor`` or ``beneficiary``."""

    @abstractmethod
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
    ) -> int: ...

    @abstractmethod
    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> Row:
        """Full-text, diacritic-insensitive search, the words as a phrase: a page of
        ``documents`` and ``quotes`` (best first, with ``*_total``) and ``matched_actors``."""

    @abstractmethod
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
        """Counts of events and commitments per period (``month`` or ``day``)."""

    # -- exploring (the web API) -------------------------------------------------------------
    @abstractmethod
    def document_titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """``{doc_id: the title to show}``: stated title, first sentence, or file name."""

    @abstractmethod
    def country_counts(self, *, date_from: str | None = None, date_to: str | None = None
                       ) -> list[Row]:
        """Events and commitments per country (ISO3), its people and bodies included."""

    @abstractmethod
    def actor_labels(self, actor_ids: Iterable[str]) -> dict[str, Row]:
        """``{id: {"name", "name_vi", "kind"}}`` for the stored actors among ``actor_ids``."""

    @abstractmethod
    def data_version(self) -> str:
        """A value that changes whenever stored data changes (for caching answers)."""

    @abstractmethod
    def facets(self) -> Row:
        """Every value each filter can take with its count (outlets, languages, actor kinds,
        event types and modes, commitment types and statuses) and the documents' date range."""

    @abstractmethod
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
        """A page of document rows (newest first, or by ``sort``) and how many match."""

    @abstractmethod
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
        """A page of events and the total (-1 unless ``with_total``); ``role`` is ``source``
        or ``target`` and narrows ``actor`` to that side."""

    @abstractmethod
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
        """A page of commitments and the total; ``guarantor`` and ``beneficiary`` combine."""

    @abstractmethod
    def commitment_records(self, *, min_confidence: float | None = None,
                           below_confidence: float | None = None) -> Iterator[Row]:
        """The analysis records of the documents that report a commitment, streamed; with
        ``min_confidence`` (``below_confidence``), each record keeps only its commitments at
        least that confident (less confident than that), and records left with none are
        not read."""

    @abstractmethod
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
        """Events and commitments counted per ``day``/``week``/``month``/``year`` and type:
        ``{"bucket", "buckets": [...], "unplaced": {"events", "commitments"}}``."""

    @abstractmethod
    def ego_graph(self, actor_id: str, *, limit: int = 15, recent_documents: int = 2000
                  ) -> Row:
        """``{"nodes", "edges"}``: the actors sharing most of ``actor_id``'s newest
        ``recent_documents`` documents, and how many of them each pair shares."""

    @abstractmethod
    def actor_graph(self, *, min_weight: int = 1) -> Row:
        """The whole actor co-occurrence graph: ``{"nodes": [...], "edges": [...]}``."""

    @abstractmethod
    def bulk_save(self, batch: Iterable[Any]) -> int:
        """Store ready-made ``rows.DocumentRows`` in one transaction, without analysis."""

    # -- runs ---------------------------------------------------------------------------------
    @abstractmethod
    def list_runs(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        """Ingest runs, newest first. ``status`` is ``finished``, or ``unfinished`` for a run
        that was interrupted (or is still going): its counts are then those it recorded."""

    @abstractmethod
    def run_files(self, run_id: int) -> list[Row]:
        """Each file's outcome in a run, in the order they were handled."""

    @abstractmethod
    def stored_sources(self, paths: Sequence[str]) -> dict[str, set[str]]:
        """For each of ``paths`` already stored from: the ids stored from it (resuming)."""

    # -- reviews (pactwatch.store.reviews) ----------------------------------------------------
    @abstractmethod
    def add_user(self, name: str) -> str:
        """Create (or re-key) user ``name``; return the new token, whose hash alone is kept."""

    @abstractmethod
    def remove_user(self, name: str) -> bool: ...

    @abstractmethod
    def list_users(self) -> list[Row]:
        """``name``, ``created_at`` and how many ``reviews`` each user made."""

    @abstractmethod
    def user_for_token(self, token: str) -> str | None:
        """The user whose token this is, or None."""

    @abstractmethod
    def add_review(self, doc_id: str, kind: str, item_id: str | None, verdict: str,
                   reviewer: str, *, correction: Row | None = None, note: str | None = None,
                   span: tuple[int, int] | None = None, item_type: str | None = None) -> Row:
        """Record a verdict (``confirmed``/``rejected``/``corrected``) on one quote, event or
        commitment of a stored document, as a new row; the pipeline's item is untouched."""

    @abstractmethod
    def review_history(self, doc_id: str, kind: str | None = None) -> list[Row]:
        """Every review of a document's items, oldest first."""

    @abstractmethod
    def current_reviews(self, doc_ids: Iterable[str]) -> dict[tuple[str, str, int, int, str], Row]:
        """Each reviewed item's latest review, by (doc_id, kind, start, end, pipeline type)."""

    @abstractmethod
    def reviewed_document_ids(self) -> list[str]: ...

    @abstractmethod
    def review_counts(self) -> Row: ...

    @abstractmethod
    def with_reviews(self, kind: str, rows: list[Row]) -> list[Row]:
        """List rows with their ``review`` (None: unreviewed) and corrections applied."""

    @abstractmethod
    def reviewed_record(self, record: Row, reviews: dict[tuple[str, str, int, int, str], Row]
                        | None = None, *,
                        kinds: Sequence[str] = ("quote", "event", "commitment")) -> Row:
        """An analysis record with reviews applied; rejected items left out unless asked."""

    @abstractmethod
    def review_queue(self, *, kind: str | None = None, actor: str | None = None,
                     date_from: str | None = None, date_to: str | None = None,
                     state: str = "unreviewed", limit: int = 50, offset: int = 0
                     ) -> tuple[list[Row], int]:
        """Items to review, least confident first, and how many there are in all."""

    # -- stories (pactwatch.stories) ---------------------------------------------------------
    @abstractmethod
    def unsigned_documents(self) -> list[str]:
        """Ids of stored documents without a story signature yet, in id order."""

    @abstractmethod
    def save_story_signatures(self, rows: Sequence[Row]) -> None:
        """Store (or replace) signature rows: doc_id, minhash, title, outlet, earliest,
        latest, actors (a list of ids); in one transaction."""

    @abstractmethod
    def story_signatures(self, between: tuple[str, str] | None = None) -> Iterator[Row]:
        """Every stored signature row, in doc id order (memory stays flat); with
        ``between`` (first, last ISO day), only dated rows whose range meets it."""

    @abstractmethod
    def story_memberships(self, doc_ids: Iterable[str] | None = None) -> dict[str, Row]:
        """doc id -> ``{"story_id", "similarity", "near_duplicate_of"}`` for stories' members
        (of ``doc_ids`` only, when given)."""

    @abstractmethod
    def story_member_ids(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        """story id -> its members' doc ids, in order."""

    @abstractmethod
    def document_paths(self) -> Iterator[tuple[str, str | None, str | None]]:
        """``(doc id, source path, outlet)`` of every stored document (scoring gold sets)."""

    @abstractmethod
    def save_stories(self, stories: Sequence[Row], remove: Iterable[str] = ()) -> None:
        """Replace these stories (``id, title, date_first, date_last, outlets, members,
        claims``) and delete the stories in ``remove``, in one transaction."""

    @abstractmethod
    def clear_stories(self, *, signatures: bool = False) -> None:
        """Delete every story (and every signature too with ``signatures``)."""

    @abstractmethod
    def list_stories(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        """Stories, largest first: id, title, size, date_first, date_last, outlets, n_claims."""

    @abstractmethod
    def count_stories(self) -> int: ...

    @abstractmethod
    def story_ids_starting(self, prefix: str, *, limit: int = 10) -> list[str]: ...

    @abstractmethod
    def get_story(self, story_id: str) -> Row | None:
        """A story with its members (document rows, similarity, near_duplicate_of) and its
        claims (corroboration, independent sources, reports)."""
