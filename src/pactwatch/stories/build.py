"""Keep a store's stories up to date: sign new articles, cluster them, count corroboration.

:func:`update_stories` is incremental: articles already signed are loaded into the
LSH index with the stories they belong to, and only articles without a signature
are queried against them; only the stories that gained members are rewritten.
``rebuild=True`` forgets every signature and story first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from pactwatch.store.base import Row, Store
from pactwatch.stories.cluster import (
    Story,
    StoryArticle,
    StoryIndex,
    record_actors,
    record_dates,
    text_numbers,
)
from pactwatch.stories.corroboration import story_claims
from pactwatch.stories.minhash import from_text, signature, to_text

# signatures written per transaction
SIGN_BATCH = 500


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
    }


def _first_line(text: str, limit: int = 100) -> str | None:
    """A stand-in title for an article without one (many start with a photo caption)."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return (line[: limit - 1] + "…" if len(line) > limit else line) or None


def article_of(row: Row) -> StoryArticle | None:
    """A stored signature row as a clustering input (None: made by another recipe)."""
    sig = from_text(row["minhash"])
    if sig is None:
        return None
    return StoryArticle(row["doc_id"], sig, row.get("title"), row.get("outlet"),
                        row.get("earliest"), row.get("latest"), frozenset(row.get("actors") or ()),
                        frozenset(row.get("numbers") or ()), row.get("language"))


def _sign(store: Store, doc_ids: list[str]) -> list[StoryArticle]:
    articles = []
    for i in range(0, len(doc_ids), SIGN_BATCH):
        rows = []
        for doc_id in doc_ids[i : i + SIGN_BATCH]:
            record = store.get_record(doc_id)
            if record is not None:
                rows.append(signature_row(record))
        store.save_story_signatures(rows)
        articles += [a for a in map(article_of, rows) if a is not None]
    return articles


def story_row(story: Story, index: StoryIndex, store: Store) -> Row:
    """A story as the store keeps it: members, date span, outlets, title and claims."""
    articles = [index.articles[d] for d in story.members]
    first = min(articles, key=lambda a: (a.earliest or "9999", a.doc_id))
    records = [r for r in map(store.get_record, story.members) if r is not None]
    return {
        "id": story.id,
        "title": first.title,
        "date_first": min((a.earliest for a in articles if a.earliest), default=None),
        "date_last": max((a.latest for a in articles if a.latest), default=None),
        "outlets": sorted({a.outlet for a in articles if a.outlet}),
        "members": [{"doc_id": d, "similarity": story.similarity.get(d),
                     "near_duplicate_of": story.near_duplicate_of.get(d)}
                    for d in story.members],
        "claims": [c.as_dict() for c in story_claims(records)],
    }


def update_stories(store: Store, *, rebuild: bool = False) -> StoriesSummary:
    """Sign the articles not signed yet and fold them into the stored stories."""
    started = time.perf_counter()
    if rebuild:
        store.clear_stories(signatures=True)
    summary = StoriesSummary()
    members = store.story_memberships()
    index = StoryIndex()
    for row in store.story_signatures():
        article = article_of(row)
        if article is None:
            # signed by another recipe: no stored signature or story can be trusted
            return update_stories(store, rebuild=True)
        member = members.get(article.doc_id) or {}
        index.load(article, member.get("story_id"), member.get("near_duplicate_of"),
                   member.get("similarity"))
    new = _sign(store, store.unsigned_documents())
    summary.signed = len(new)
    for article in new:
        index.add(article)
    changed = index.stories(only_touched=True)
    # a story that grew may have a new id (the smallest member id): drop the old rows
    remove = {members[d]["story_id"] for s in changed for d in s.members if d in members}
    rows = [story_row(s, index, store) for s in changed]
    store.save_stories(rows, remove)
    summary.articles = len(index.articles)
    summary.changed = len(rows)
    summary.stories = store.count_stories()
    summary.seconds = time.perf_counter() - started
    return summary
