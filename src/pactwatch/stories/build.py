"""Keep a store's stories up to date: sign new articles, cluster them, count corroboration.

:func:`update_stories` is incremental: articles already signed are loaded into the
LSH index with the stories they belong to, and only articles without a signature
are queried against them; only the stories that gained members are rewritten.
Only the signed articles dated near the new ones (within the date window and a story's
longest span) are loaded, so the work per new article depends on how many articles
share its days, not on the size of the store (``benchmarks/stories.py``).
``rebuild=True`` forgets every signature and story first. An article's signature is
stored only after the stories it joined: an update interrupted at any point is completed
by the next one.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pactwatch.store.base import Row, Store
from pactwatch.stories.cluster import (
    DATE_WINDOW_DAYS,
    MAX_STORY_DAYS,
    Story,
    StoryArticle,
    StoryIndex,
    record_actors,
    record_dates,
    text_numbers,
)
from pactwatch.stories.corroboration import story_claims
from pactwatch.stories.detail import story_detail
from pactwatch.stories.features import FEATURES_VERSION, article_features
from pactwatch.stories.minhash import from_text, signature, to_text
from pactwatch.stories.originals import cited_outlets, own_outlet


@dataclass
class StoriesSummary:
    signed: int = 0  # articles signed in this update
    articles: int = 0  # articles in the index
    changed: int = 0  # stories written
    stories: int = 0  # stories in the store afterwards
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"signed": self.signed, "articles": self.articles, "changed": self.changed,
                "stories": self.stories, "seconds": round(self.seconds, 3)}


def signature_row(record: dict[str, Any]) -> Row:
    """What clustering keeps of an analysed article: its signature, dates and actors."""
    document = record["document"]
    earliest, latest = record_dates(record)
    return {
        "doc_id": document["id"],
        "minhash": to_text(signature(document.get("text") or "")),
        "title": document.get("title") or _first_line(document.get("text") or ""),
        "outlet": document.get("outlet"),
        "earliest": earliest,
        "latest": latest,
        "actors": sorted(record_actors(record)),
        "numbers": sorted(text_numbers(document.get("text") or "")),
        "language": document.get("language"),
        # kept with the features (one JSON column): who wrote it and whom it credits
        "features": {**article_features(record), "credits": sorted(cited_outlets(record)),
                     "outlet_id": own_outlet(record)},
    }


def _first_line(text: str, limit: int = 100) -> str | None:
    """A stand-in title for an article without one (many start with a photo caption)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return (line[: limit - 1] + "…" if len(line) > limit else line) or None


def article_of(row: Row) -> StoryArticle | None:
    """A stored signature row as a clustering input (None: made by another recipe, of
    the signature or of the features)."""
    sig = from_text(row["minhash"])
    features = row.get("features") or {}
    if sig is None or features.get("version") != FEATURES_VERSION:
        return None
    return StoryArticle(row["doc_id"], sig, row.get("title"), row.get("outlet"),
                        row.get("earliest"), row.get("latest"), frozenset(row.get("actors") or ()),
                        frozenset(row.get("numbers") or ()), row.get("language"),
                        features, features.get("outlet_id"),
                        frozenset(features.get("credits") or ()))


def _sign(store: Store, doc_ids: list[str],
          signed: Mapping[str, Row] | None = None) -> tuple[list[Row], list[StoryArticle]]:
    """Signature rows of the articles (not stored yet) and their clustering inputs.
    ``signed``: rows already made from the stored records (by ``ingest --jobs``' workers)."""
    rows = []
    for doc_id in doc_ids:
        row = signed.get(doc_id) if signed else None
        if row is None:
            record = store.get_record(doc_id)
            row = None if record is None else signature_row(record)
        if row is not None:
            rows.append(row)
    return rows, [a for a in map(article_of, rows) if a is not None]


def story_row(story: Story, index: StoryIndex, store: Store) -> Row:
    """A story as the store keeps it: members, date span, outlets, title and claims."""
    articles = [index.articles[d] for d in story.members]
    first = min(articles, key=lambda a: (a.earliest or "9999", a.doc_id))
    records = [r for r in map(store.get_record, story.members) if r is not None]
    claims = story_claims(records)
    return {
        "id": story.id,
        "title": first.title,
        "date_first": min((a.earliest for a in articles if a.earliest), default=None),
        "date_last": max((a.latest for a in articles if a.latest), default=None),
        "outlets": sorted({a.outlet for a in articles if a.outlet}),
        "members": [{"doc_id": d, "similarity": story.similarity.get(d),
                     "near_duplicate_of": story.near_duplicate_of.get(d)}
                    for d in story.members],
        "claims": [c.as_dict() for c in claims],
        "detail": story_detail(records, claims),
    }


def _window(articles: list[StoryArticle]) -> tuple[str, str] | None:
    """The days whose signed articles a batch of new ones may link with: the date window
    and a story's longest span either side (a story they join has all its members there).
    None: some new article is undated (it is compared with every article, on its text)."""
    days = [(a.first_day, a.last_day) for a in articles]
    if not days or any(d[0] is None or d[1] is None for d in days):
        return None
    reach = DATE_WINDOW_DAYS + MAX_STORY_DAYS
    first = date.fromordinal(min(d[0] for d in days if d[0] is not None)) - timedelta(days=reach)
    last = date.fromordinal(max(d[1] for d in days if d[1] is not None)) + timedelta(days=reach)
    return first.isoformat(), last.isoformat()


def update_stories(store: Store, *, rebuild: bool = False,
                   signed: Mapping[str, Row] | None = None) -> StoriesSummary:
    """Sign the articles not signed yet and fold them into the stored stories.

    ``signed``: :func:`signature_row` of some of them, made elsewhere from their stored
    records (``RunSummary.signatures``); the others are read back and signed here."""
    started = time.perf_counter()
    if rebuild:
        store.clear_stories(signatures=True)
    summary = StoriesSummary()
    signed_rows, new = _sign(store, store.unsigned_documents(), signed)
    summary.signed = len(new)
    old = []
    for row in store.story_signatures(_window(new)) if new else ():
        article = article_of(row)
        if article is None:
            # signed by another recipe: no stored signature or story can be trusted
            return update_stories(store, rebuild=True, signed=signed)
        old.append(article)
    members = store.story_memberships([a.doc_id for a in old + new])
    index = StoryIndex()
    for article in old:
        member = members.get(article.doc_id) or {}
        index.load(article, member.get("story_id"), member.get("near_duplicate_of"),
                   member.get("similarity"))
    index.prime(new)
    # oldest first: a story is seeded by its first report
    for article in sorted(new, key=lambda a: (a.first_day or 0, a.doc_id)):
        index.add(article)
    changed = index.stories(only_touched=True)
    # a story that grew may have a new id (the smallest member id): drop the old rows
    remove = {members[d]["story_id"] for s in changed for d in s.members if d in members}
    rows = [story_row(s, index, store) for s in changed]
    store.save_stories(rows, remove)
    # Signatures last: they mark an article as folded in. A run that dies before this
    # leaves the articles unsigned, and the next update folds them in again (their old
    # story rows are replaced), so a crash at any point is repaired by running again.
    # All in one transaction: the store finds unsigned articles from the newest signed
    # one on, so an update never leaves older articles unsigned behind newer ones.
    store.save_story_signatures(signed_rows)
    summary.articles = len(index.articles)
    summary.changed = len(rows)
    summary.stories = store.count_stories()
    summary.seconds = time.perf_counter() - started
    return summary
